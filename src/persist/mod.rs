//! Saved games: the versioned RON format and the older formats it reads, loading with a replay
//! check (or, for a save made under other rules, a replay with a `Notice`), atomic writes, and
//! the save store (the folder, file naming, the autosave slot, listings by header). Every file
//! is read as untrusted: regular files only, size-capped, never blocking.
//!
//! For the terminal game:
//! - new game: `GameInfo::new(&scenario, seed, &utc_now())`, kept beside the `Game`;
//! - `s`: `SaveStore::save_named(name, &game, &info, &utc_now())`;
//! - after every turn: `autosave(&dir, &game, &info, &utc_now())`;
//! - the Load screen: `list_saves(&dir)` (headers through `peek`, nothing replayed), then
//!   `load_game(&entry.path)` for the one opened;
//! - `truce load FILE`: `load_game(path)`, resuming `loaded.game` with `loaded.info`, and
//!   showing `loaded.notice` when there is one (the game was replayed under newer rules);
//! - the directory: `save_dir(flag)` (flag, then `TRUCE_SAVE_DIR`, then the platform default);
//! - every file name: `names` (`slug`, `file_name`, `autosave_file_name`); text from a file
//!   shown on a terminal: `names::escape`; a name read from a file: `names::clean_name` (done
//!   by `peek` and `load_game` already);
//! - a command's `-o FILE`: `write_output` (atomic for a file, through for a device or link);
//! - an error's place for a screen: `SaveError::place()` and `detail()`, never its text.

mod atomic;
mod clock;
mod diff;
mod dirs;
mod error;
pub mod format;
pub mod legacy;
mod list;
mod load;
pub mod lock;
pub mod names;
pub mod notice;
mod peek;
pub mod provenance;
pub use crate::files as read;
pub mod record;
pub mod registry;
mod replay;
mod save;
mod scan;
mod store;

pub use atomic::{STALE_TEMP, remove_stale_temps, write_atomic, write_atomic_with, write_output};
pub use clock::{utc_now, utc_stamp};
pub use dirs::{DirSource, SAVE_DIR_ENV, default_dir, resolve as resolve_save_dir, save_dir};
pub use error::{Difference, Differences, ErrorKind, Place, SaveError};
pub use format::{CURRENT_VERSION, SaveFile, ScenarioRef, looks_like_save};
pub use list::{SaveEntry, list_saves};
pub use load::{LoadedGame, builtin_with_hash, load_game, load_str, load_str_with, parse};
pub use notice::{Notice, Stopped};
pub use peek::{MAX_ACTIONS, SaveSummary, peek, peek_str};
pub use provenance::{ChainCheck, MoveStamps, ScenarioId};
pub use replay::Build;
pub use save::{
    GameInfo, autosave, autosave_path, save, save_game, save_of, save_of_parts, save_path,
    scenario_ref, write_save, write_sealed,
};
pub use store::{Held, Listed, MemoryStore, SaveStore, Store};
