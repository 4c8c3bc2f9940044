//! The save store: one folder, and everything the game does in it. It owns the folder, the
//! naming of files (through `names`), the autosave slot, the listing (headers only) and the
//! clean-up of leftover temporary files. The UI and the CLI ask it rather than build paths.

use std::path::{Path, PathBuf};

use crate::engine::Game;
use crate::persist::error::SaveError;
use crate::persist::list::{SaveEntry, list_saves};
use crate::persist::names::{expand, file_name, show_dir};
use crate::persist::save::{GameInfo, autosave_path, save_game, save_path};

/// A save folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveStore {
    dir: PathBuf,
}

impl SaveStore {
    /// The store in `dir` (nothing is created until something is saved).
    pub fn new(dir: impl Into<PathBuf>) -> SaveStore {
        SaveStore { dir: dir.into() }
    }

    /// The store in a folder as the player typed it (`~` is the home folder).
    pub fn typed(folder: &str) -> SaveStore {
        SaveStore::new(expand(folder.trim()))
    }

    /// The store the command line points at: `--save-dir`, then `TRUCE_SAVE_DIR`, then the
    /// platform default; `None` when there is no home folder and nothing was given.
    pub fn from_flag(flag: Option<&Path>) -> Option<SaveStore> {
        crate::persist::save_dir(flag).map(|(d, _)| SaveStore::new(d))
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The folder for display (`~` for the home folder, control characters escaped).
    pub fn shown(&self) -> String {
        show_dir(&self.dir)
    }

    /// The file a save named `name` goes in.
    pub fn path_for_name(&self, name: &str) -> PathBuf {
        self.dir.join(file_name(name))
    }

    /// The game's own save slot.
    pub fn save_path(&self, info: &GameInfo) -> PathBuf {
        save_path(&self.dir, info)
    }

    /// The game's autosave slot.
    pub fn autosave_path(&self, info: &GameInfo) -> PathBuf {
        autosave_path(&self.dir, info)
    }

    /// Saves under a typed name; returns the file written.
    pub fn save_named(
        &self,
        name: &str,
        game: &Game,
        info: &GameInfo,
        saved_at: &str,
    ) -> Result<PathBuf, SaveError> {
        let path = self.path_for_name(name);
        let named = GameInfo {
            name: name.trim().to_string(),
            ..info.clone()
        };
        save_game(&path, game, &named, saved_at)?;
        Ok(path)
    }

    /// Writes the autosave slot; returns the file written.
    pub fn autosave(
        &self,
        game: &Game,
        info: &GameInfo,
        saved_at: &str,
    ) -> Result<PathBuf, SaveError> {
        crate::persist::save::autosave(&self.dir, game, info, saved_at)
    }

    /// The saves, newest first, headers only; stale temporary files removed.
    pub fn list(&self) -> Result<Vec<SaveEntry>, SaveError> {
        list_saves(&self.dir)
    }

    /// A file the player named: as given if it exists, else that name (with or without its
    /// `.ron`) in the folder.
    pub fn find(&self, file: &Path) -> PathBuf {
        if file.exists() {
            return file.to_path_buf();
        }
        // A bare name as `truce saves` lists it, with or without its `.ron`: in the folder.
        let with_ron = file.with_added_extension("ron");
        let bare = file.components().count() == 1;
        let candidates = [
            bare.then(|| self.dir.join(file)),
            bare.then(|| self.dir.join(&with_ron)),
            Some(with_ron.clone()),
        ];
        candidates
            .into_iter()
            .flatten()
            .find(|p| p.is_file())
            .unwrap_or_else(|| file.to_path_buf())
    }
}
