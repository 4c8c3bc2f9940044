//! The save store: one folder, and everything the game does in it. It owns the folder, the
//! naming of files (through `names`), the autosave slot, the listing (headers only) and the
//! clean-up of leftover temporary files. The UI and the CLI ask it rather than build paths.
//! The terminal game reaches saves through the `Store` trait, which this folder store and an
//! in-memory one (`MemoryStore`) both implement.

use std::path::{Path, PathBuf};

use crate::engine::Game;
use crate::persist::error::SaveError;
use crate::persist::format::to_text;
use crate::persist::list::{SaveEntry, list_saves};
use crate::persist::load::{LoadedGame, load_game, load_str};
use crate::persist::names::{expand, file_name, show_dir};
use crate::persist::peek::{SaveSummary, peek_str};
use crate::persist::save::{GameInfo, autosave_path, save_game, save_of, save_path};

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

/// One save as a store lists it.
#[derive(Debug)]
pub struct Listed {
    /// Its file name in the store (what `Store::load` takes).
    pub file: String,
    /// Its header, or why it cannot be read as a save.
    pub save: Result<SaveSummary, SaveError>,
}

/// What a store holds under a file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    /// Nothing.
    Nothing,
    /// A file.
    File,
    /// A folder (no save can go there).
    Folder,
}

/// Where the terminal game keeps its saves: a folder on disk (`SaveStore`) or, for tests and
/// hosted games, memory (`MemoryStore`). The game names saves by file name only; the store
/// alone turns a name into a place, so no name can lead out of it.
pub trait Store: Send + std::fmt::Debug {
    /// Where the saves are, for display.
    fn shown(&self) -> String;
    /// The folder on disk, when the store is one: the game's lock and the class registry
    /// live beside its saves.
    fn folder(&self) -> Option<&Path> {
        None
    }
    /// The saves, newest first, headers only.
    fn list(&mut self) -> Result<Vec<Listed>, SaveError>;
    /// Reads and replays a save.
    fn load(&self, file: &str) -> Result<LoadedGame, SaveError>;
    /// What the store holds under `file`.
    fn holds(&self, file: &str) -> Held;
    /// Saves under a typed name; returns the file written.
    fn save_named(
        &mut self,
        name: &str,
        game: &Game,
        info: &GameInfo,
        saved_at: &str,
    ) -> Result<String, SaveError>;
    /// Writes the game's autosave slot; returns the file written.
    fn autosave(
        &mut self,
        game: &Game,
        info: &GameInfo,
        saved_at: &str,
    ) -> Result<String, SaveError>;
}

/// The file name part of a path the folder store made.
fn leaf(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

impl Store for SaveStore {
    fn shown(&self) -> String {
        SaveStore::shown(self)
    }

    fn folder(&self) -> Option<&Path> {
        Some(&self.dir)
    }

    fn list(&mut self) -> Result<Vec<Listed>, SaveError> {
        Ok(SaveStore::list(self)?
            .into_iter()
            .map(|e| Listed {
                file: leaf(&e.path),
                save: e.save,
            })
            .collect())
    }

    fn load(&self, file: &str) -> Result<LoadedGame, SaveError> {
        // Only a plain name in the folder: never a path out of it.
        load_game(&self.dir.join(file_name_only(file)))
    }

    fn holds(&self, file: &str) -> Held {
        let path = self.dir.join(file_name_only(file));
        if path.is_dir() {
            Held::Folder
        } else if path.exists() {
            Held::File
        } else {
            Held::Nothing
        }
    }

    fn save_named(
        &mut self,
        name: &str,
        game: &Game,
        info: &GameInfo,
        saved_at: &str,
    ) -> Result<String, SaveError> {
        SaveStore::save_named(self, name, game, info, saved_at).map(|p| leaf(&p))
    }

    fn autosave(
        &mut self,
        game: &Game,
        info: &GameInfo,
        saved_at: &str,
    ) -> Result<String, SaveError> {
        SaveStore::autosave(self, game, info, saved_at).map(|p| leaf(&p))
    }
}

/// The last part of a name, so a name with separators in it stays in the store.
fn file_name_only(file: &str) -> String {
    let last = file.rsplit(['/', '\\']).next().unwrap_or(file);
    if last.is_empty() || last == "." || last == ".." {
        "_".into()
    } else {
        last.to_string()
    }
}

/// Saves kept in memory, in the file format they would have on disk: for tests, and for a
/// game hosted where the player has no folder of their own.
#[derive(Debug, Default, Clone)]
pub struct MemoryStore {
    /// (file name, save text), oldest first.
    files: Vec<(String, String)>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }

    /// The file names held, oldest first.
    pub fn files(&self) -> Vec<String> {
        self.files.iter().map(|(f, _)| f.clone()).collect()
    }

    /// The text of a file held.
    pub fn text(&self, file: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|(f, _)| f == file)
            .map(|(_, t)| t.as_str())
    }

    /// Puts `text` under `file`, as the newest.
    pub fn put(&mut self, file: &str, text: String) {
        self.files.retain(|(f, _)| f != file);
        self.files.push((file.to_string(), text));
    }

    fn write(
        &mut self,
        file: String,
        game: &Game,
        info: &GameInfo,
        saved_at: &str,
    ) -> Result<String, SaveError> {
        let text = to_text(&save_of(game, info, saved_at)).map_err(|e| SaveError::Serialise {
            file: file.clone(),
            message: e.to_string(),
        })?;
        self.put(&file, text);
        Ok(file)
    }
}

impl Store for MemoryStore {
    fn shown(&self) -> String {
        "(memory)".into()
    }

    fn list(&mut self) -> Result<Vec<Listed>, SaveError> {
        Ok(self
            .files
            .iter()
            .rev()
            .map(|(file, text)| Listed {
                file: file.clone(),
                save: peek_str(text, file, file.starts_with("autosave-")),
            })
            .collect())
    }

    fn load(&self, file: &str) -> Result<LoadedGame, SaveError> {
        match self.text(file) {
            Some(text) => load_str(text, file),
            None => Err(SaveError::Read {
                file: file.to_string(),
                source: crate::files::ReadError::Io(std::io::Error::from(
                    std::io::ErrorKind::NotFound,
                )),
            }),
        }
    }

    fn holds(&self, file: &str) -> Held {
        if self.text(file).is_some() {
            Held::File
        } else {
            Held::Nothing
        }
    }

    fn save_named(
        &mut self,
        name: &str,
        game: &Game,
        info: &GameInfo,
        saved_at: &str,
    ) -> Result<String, SaveError> {
        let named = GameInfo {
            name: name.trim().to_string(),
            ..info.clone()
        };
        self.write(file_name(name), game, &named, saved_at)
    }

    fn autosave(
        &mut self,
        game: &Game,
        info: &GameInfo,
        saved_at: &str,
    ) -> Result<String, SaveError> {
        let file = crate::persist::names::autosave_file_name(&info.id);
        self.write(file, game, info, saved_at)
    }
}
