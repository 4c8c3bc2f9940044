//! What the command line hands back to the binary: an exit code, or a game for the terminal.
//! The command line never starts the UI itself; the binary (`main.rs`) turns a `Launch` into the
//! UI's start, so the layers point one way.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use crate::persist::LoadedGame;
use crate::scenario::Scenario;
use crate::seal::{ClassKey, KEY_ENV};

/// What the command line asks of the binary once it has done its part.
#[derive(Debug)]
pub enum Next {
    /// Exit with this code: the command ran (or failed) and printed all it had to say.
    Exit(ExitCode),
    /// Play this game in the terminal: every file it needs has been read and checked.
    Play(Launch),
    /// Serve this class (`cli::served`, given the board by the binary).
    Serve(super::Served),
    /// Show the class board of a folder in the terminal (`truce board FOLDER`).
    Board(BoardLaunch),
}

/// The class board a command asks for, its key file read before the terminal is touched.
#[derive(Debug)]
pub struct BoardLaunch {
    /// The class folder.
    pub folder: PathBuf,
    /// The class key saves are checked against, if one was given.
    pub class_key: Option<Arc<ClassKey>>,
}

/// The terminal game a command asks for, with everything loaded before the terminal is touched.
#[derive(Debug)]
pub struct Launch {
    /// Scenarios in the picker.
    pub scenarios: Vec<Arc<Scenario>>,
    /// The one chosen at first (an index into `scenarios`).
    pub picked: usize,
    /// The seed a new game starts from.
    pub seed: u64,
    /// Where saves and autosaves go (`None`: none known, so no autosave).
    pub save_dir: Option<PathBuf>,
    /// A new game, a save resumed, or a save reviewed.
    pub mode: Mode,
    /// Whether the game takes the mouse (`--no-mouse`: no).
    pub mouse: bool,
    /// The class key every save is sealed with (`seal::KEY_ENV` named one), if any.
    pub class_key: Option<Arc<ClassKey>>,
}

/// How a `Launch` opens.
#[derive(Debug)]
pub enum Mode {
    /// `truce` or `truce play`: the title screen, with the class-mode flags.
    New {
        /// Class mode: no loading another save and no restarting mid-game.
        class: bool,
        /// The name given with `--player` (else the remembered one).
        player: Option<String>,
        /// The instructor's view.
        instructor: bool,
        /// A served class's draw key (`TRUCE_CLASS_DRAW_KEY`, class mode only; empty: none).
        draw_key: Vec<u8>,
    },
    /// `truce load FILE`: the save, resumed at once.
    Resume(Box<LoadedGame>),
    /// `truce review FILE`: the save, stepped through read-only.
    Review(Box<LoadedGame>),
}

/// The exit code for how the terminal game ended (the UI's result).
pub fn ended(result: io::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            warn!("truce: terminal error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The class key named by `TRUCE_CLASS_KEY_FILE` (set by `truce serve` for the games it
/// spawns), read once here so nothing deeper reads the environment. Unset or empty: no key.
/// A key named but unreadable is an error (said on stderr here): a served game must never
/// save unsealed.
pub(super) fn class_key_from_env() -> Result<Option<Arc<ClassKey>>, ()> {
    match std::env::var_os(KEY_ENV) {
        Some(path) if !path.is_empty() => ClassKey::load(std::path::Path::new(&path))
            .map(|k| Some(Arc::new(k)))
            .map_err(|e| warn!("truce: {KEY_ENV}: {e}")),
        _ => Ok(None),
    }
}
