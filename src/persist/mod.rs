//! Saved games: the versioned RON format and the older formats it reads, loading with a replay
//! check (or, for a save made under other rules, a replay with a `Notice`), atomic writes, the
//! save directory, listings and the autosave slot.
//!
//! For the terminal game:
//! - new game: `GameInfo::new(&scenario, seed, &utc_now())`, kept beside the `Game`;
//! - `s`: `save(&dir, &game, &info, &utc_now())`;
//! - after every turn: `autosave(&dir, &game, &info, &utc_now())`;
//! - the Load screen: `list_saves(&dir)`, then `load_game(&entry.path)`;
//! - `truce load FILE`: `load_game(path)`, resuming `loaded.game` with `loaded.info`, and
//!   showing `loaded.notice` when there is one (the game was replayed under newer rules);
//! - the directory: `save_dir(flag)` (flag, then `TRUCE_SAVE_DIR`, then the platform default).

mod atomic;
mod clock;
mod diff;
mod dirs;
mod error;
pub mod examples;
pub mod format;
pub mod legacy;
mod list;
mod load;
pub mod names;
pub mod notice;
mod peek;
pub mod read;
pub mod record;
mod replay;
mod save;
mod store;

pub use atomic::{STALE_TEMP, remove_stale_temps, write_atomic, write_atomic_with};
pub use clock::{utc_now, utc_stamp};
pub use dirs::{DirSource, SAVE_DIR_ENV, default_dir, resolve as resolve_save_dir, save_dir};
pub use error::{Difference, Differences, ErrorKind, Place, SaveError};
pub use format::{CURRENT_VERSION, Header, SaveFile, ScenarioRef, looks_like_save};
pub use list::{SaveEntry, list_saves};
pub use load::{LoadedGame, builtin_with_hash, load_game, load_str, load_str_with, parse};
pub use notice::{Notice, Stopped};
pub use peek::{MAX_ACTIONS, SaveSummary, peek, peek_str};
pub use replay::Build;
pub use save::{
    GameInfo, autosave, autosave_path, save, save_game, save_of, save_of_parts, save_path,
    scenario_ref, write_save,
};
pub use store::SaveStore;
