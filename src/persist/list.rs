//! The saves in a directory, newest first, broken ones included with their error.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::engine::Outcome;
use crate::persist::atomic::is_temp_name;
use crate::persist::error::SaveError;
use crate::persist::load::load_game;

/// What a list shows of a save that loaded and replayed.
#[derive(Debug, Clone, PartialEq)]
pub struct SaveSummary {
    /// Display name.
    pub name: String,
    /// Game id.
    pub game_id: String,
    /// Scenario name.
    pub scenario: String,
    /// The week the game stands in (1-based).
    pub week: u32,
    /// Negotiating turns taken.
    pub turns: u32,
    /// When it was saved (empty if unknown, as in a migrated version-1 save).
    pub saved_at: String,
    /// How the game ended, if it has.
    pub outcome: Option<Outcome>,
    /// Whether this is an autosave slot.
    pub autosave: bool,
}

impl SaveSummary {
    /// The outcome in words, or "in progress".
    pub fn status(&self) -> &'static str {
        self.outcome.map_or("in progress", Outcome::title)
    }
}

/// One `.ron` file in the save directory.
#[derive(Debug)]
pub struct SaveEntry {
    /// The file.
    pub path: PathBuf,
    /// Its modification time, if the filesystem gives one.
    pub modified: Option<SystemTime>,
    /// The summary, or why the file cannot be loaded.
    pub save: Result<SaveSummary, SaveError>,
}

impl SaveEntry {
    /// The file name, for display.
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    }
}

/// Every `*.ron` file in `dir` (not recursing, skipping our temporary files), each fully loaded
/// and replayed, newest first: by `saved_at`, then modification time, then name. A missing
/// directory is an empty list; an unreadable one is an error.
pub fn list_saves(dir: &Path) -> Result<Vec<SaveEntry>, SaveError> {
    let read = match std::fs::read_dir(dir) {
        Ok(r) => r,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(SaveError::Read {
                file: dir.display().to_string(),
                source,
            });
        }
    };
    let mut entries = Vec::new();
    for item in read {
        // A directory entry that cannot be read is skipped: there is no file to show.
        let Ok(item) = item else { continue };
        let path = item.path();
        let name = item.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".ron") || is_temp_name(&name) || path.is_dir() {
            continue;
        }
        let modified = item.metadata().and_then(|m| m.modified()).ok();
        let save = load_game(&path).map(|loaded| {
            let state = &loaded.game.state;
            SaveSummary {
                name: loaded.info.name,
                game_id: loaded.info.id,
                scenario: loaded.game.scenario.name.clone(),
                week: state.week(),
                turns: state.turns,
                saved_at: loaded.saved_at,
                outcome: state.outcome,
                autosave: name.starts_with("autosave-"),
            }
        });
        entries.push(SaveEntry {
            path,
            modified,
            save,
        });
    }
    entries.sort_by(|a, b| {
        let stamp = |e: &SaveEntry| {
            e.save
                .as_ref()
                .map_or(String::new(), |s| s.saved_at.clone())
        };
        stamp(b)
            .cmp(&stamp(a))
            .then(b.modified.cmp(&a.modified))
            .then(a.path.cmp(&b.path))
    });
    Ok(entries)
}
