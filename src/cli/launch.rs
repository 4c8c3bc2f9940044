//! What the command line hands back to the binary: an exit code, or a game for the terminal.
//! The command line never starts the UI itself; the binary (`main.rs`) turns a `Launch` into the
//! UI's start, so the layers point one way.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use crate::persist::LoadedGame;
use crate::scenario::Scenario;

/// What the command line asks of the binary once it has done its part.
#[derive(Debug)]
pub enum Next {
    /// Exit with this code: the command ran (or failed) and printed all it had to say.
    Exit(ExitCode),
    /// Play this game in the terminal: every file it needs has been read and checked.
    Play(Launch),
    /// Serve this class (`cli::served`, given the board by the binary).
    Serve(super::Served),
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
