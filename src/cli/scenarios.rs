//! `truce scenarios`: the built-in scenarios listed with title and tagline, or one written out
//! as a starting point for an instructor's own.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use crate::persist;
use crate::persist::names::{escape, show_path};
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
    match output {
        Some(path) => match persist::write_atomic(path, text.as_bytes()) {
            Ok(()) => {
                warn!("truce: wrote {}", show_path(path));
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => {
                warn!("truce: {}: cannot write the scenario: {e}", show_path(path));
                Ok(ExitCode::FAILURE)
            }
        },
        None => {
            let mut out = io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
