//! `truce scenarios`: the built-in scenarios listed with title and tagline, or one written out
//! as a starting point for an instructor's own.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use crate::persist::names::escape;
use crate::scenario::{self, BUILTIN};

use super::line;

/// `truce scenarios`: one line per built-in (name, title: tagline).
pub(super) fn scenarios() -> io::Result<ExitCode> {
    for (name, _) in BUILTIN {
        match scenario::builtin(name) {
            Some(Ok(s)) => say!("{:<17} {}: {}", s.name, s.title, s.tagline),
            Some(Err(e)) => {
                warn!("{e}");
                return Ok(ExitCode::FAILURE);
            }
            None => {}
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `truce scenarios --export NAME [-o FILE]`: the built-in file as shipped, comments included,
/// so an instructor starts from a documented, valid scenario.
pub(super) fn export_scenario(name: &str, output: Option<&Path>) -> io::Result<ExitCode> {
    let Some((_, text)) = BUILTIN.iter().find(|(n, _)| *n == name) else {
        warn!(
            "truce: no built-in scenario \"{}\" (expected one of: {})",
            escape(name),
            scenario::builtin_names().join(", ")
        );
        return Ok(ExitCode::FAILURE);
    };
    super::emit(text, output, "scenario")
}
