//! The saves in a directory, newest first by modification time, broken ones included with their error. Each file's
//! header is read (`peek`), none is replayed; leftover temporary files older than a day go.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::persist::atomic::remove_stale_temps;
use crate::persist::error::SaveError;
use crate::persist::names::is_temp_name;
use crate::persist::peek::{SaveSummary, peek};

/// One `.ron` file in the save directory.
#[derive(Debug)]
pub struct SaveEntry {
    /// The file.
    pub path: PathBuf,
    /// Its modification time, if the filesystem gives one.
    pub modified: Option<SystemTime>,
    /// The header, or why the file cannot be read as a save.
    pub save: Result<SaveSummary, SaveError>,
}

impl SaveEntry {
    /// The file name, for display (control characters escaped).
    pub fn file_name(&self) -> String {
        self.path.file_name().map_or_else(String::new, |n| {
            crate::persist::names::escape(&n.to_string_lossy())
        })
    }
}

/// Every `*.ron` entry in `dir` (not recursing, skipping folders and our temporary files), each
/// header read but not replayed, newest first by modification time (what the file system
/// says, not the `saved_at` a file claims), then by name; files that cannot be read as saves
/// last. A missing directory is an empty list; an unreadable one is an error. Our temporary
/// files older than a day are removed on the way.
pub fn list_saves(dir: &Path) -> Result<Vec<SaveEntry>, SaveError> {
    let read = match std::fs::read_dir(dir) {
        Ok(r) => r,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(SaveError::Folder {
                file: dir.display().to_string(),
                source,
            });
        }
    };
    remove_stale_temps(dir, SystemTime::now());
    let mut files = Vec::new();
    for item in read {
        // A directory entry that cannot be read is skipped: there is no file to show.
        let Ok(item) = item else { continue };
        let path = item.path();
        let name = item.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".ron") || is_temp_name(&name) || path.is_dir() {
            continue;
        }
        let modified = item.metadata().and_then(|m| m.modified()).ok();
        files.push((path, modified));
    }
    let mut entries: Vec<SaveEntry> = files
        .into_iter()
        .map(|(path, modified)| SaveEntry {
            save: peek(&path),
            path,
            modified,
        })
        .collect();
    // Newest first by what the file system says, never by the `saved_at` a file claims: a
    // planted file stamped in the future must not sit on top of every list.
    // Files that cannot be opened go last, where they do not hide the games.
    entries.sort_by(|a, b| {
        (b.save.is_ok(), b.modified)
            .cmp(&(a.save.is_ok(), a.modified))
            .then(a.path.cmp(&b.path))
    });
    Ok(entries)
}
