//! `truce validate`: scenario and save files checked, each as `file:line:column: message`,
//! and what a save's summary says of where it came from.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::persist::names::{escape, show_path};
use crate::persist::read::{MAX_SAVE_BYTES, MAX_SCENARIO_BYTES, read_text};
use crate::{persist, scenario};

use super::line;

pub(super) fn validate(files: &[PathBuf]) -> io::Result<ExitCode> {
    let mut ok = true;
    for file in files {
        match validate_one(file) {
            Ok(summary) => say!("{}: ok ({})", show_path(file), escape(&summary)),
            Err(e) => {
                ok = false;
                warn!("{e}");
            }
        }
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// A save (told by its `TruceSave(` tag) gets every check loading makes; anything else is
/// checked as a scenario.
fn validate_one(path: &Path) -> Result<String, String> {
    let file = path.display().to_string();
    let text = read_text(path, MAX_SAVE_BYTES, "save")
        .map_err(|e| format!("{file}:1:1: cannot read the file: {e}"))?;
    if persist::looks_like_save(&text) {
        let loaded = persist::load_str(&text, &file).map_err(|e| e.to_string())?;
        let how = match &loaded.notice {
            None => "replay to the saved state".to_string(),
            Some(n) => format!("replayed under this build's rules: {n}"),
        };
        Ok(format!(
            "save of {}, week {}, {} actions {how}{}",
            loaded.scenario_id.label(),
            loaded.game.state.week(),
            loaded.game.history.len(),
            provenance_notes(&loaded)
        ))
    } else {
        if text.len() as u64 > MAX_SCENARIO_BYTES {
            return Err(format!(
                "{file}: the file is {} bytes, more than the {MAX_SCENARIO_BYTES} bytes a \
                 scenario may have (and it does not start as a save does)",
                text.len()
            ));
        }
        let s = scenario::from_str(&text, &file).map_err(|e| e.to_string())?;
        Ok(format!("scenario {}, {} issues", s.name, s.issues.len()))
    }
}

/// What `validate` and `load --check` add about where a save came from: a custom scenario
/// under a built-in's name, and a class game's chain (each after a `; `), or nothing.
pub(super) fn provenance_notes(loaded: &persist::LoadedGame) -> String {
    let mut notes = Vec::new();
    if let Some(warning) = loaded.scenario_id.warning() {
        notes.push(warning);
    }
    if loaded.info.class || loaded.chain != persist::ChainCheck::None {
        notes.push(format!("chain {}", loaded.chain.describe()));
    }
    notes.iter().map(|n| format!("; {n}")).collect()
}
