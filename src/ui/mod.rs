//! The terminal game: app state and update, keymap, theme, one file per screen, reusable
//! widgets; a backend-neutral `Session`, and the crossterm front end (`terminal`).
//!
//! Data flows one way: a front end's event → `Input` → `Cmd` (keymap, or a click on what the
//! last frame drew) → UI change or engine `Action` → `Game::apply` → the screens draw from
//! `&App`.

pub mod app;
pub mod board;
pub mod classroom;
mod draw;
pub mod effects;
pub mod guard;
pub mod guide;
pub mod input;
pub mod keymap;
pub mod menu;
pub mod mouse;
pub mod outside;
pub mod paste;
pub mod review;
pub mod saving;
pub mod screens;
pub mod session;
pub mod terminal;
pub mod theme;
pub mod view;
pub mod widgets;

use std::io;
use std::path::PathBuf;
use std::sync::Arc;

pub use app::App;
pub use classroom::Classroom;
pub use session::Session;
pub use terminal::Ended;
pub use theme::Theme;

use crate::persist::LoadedGame;
use crate::scenario::Scenario;

/// How the terminal game starts.
pub struct Start {
    /// Scenarios in the picker.
    pub scenarios: Vec<Arc<Scenario>>,
    /// The one chosen at first (an index into `scenarios`).
    pub picked: usize,
    /// The seed a new game starts from.
    pub seed: u64,
    /// Where saves and autosaves go (`None`: none known, so no autosave).
    pub save_dir: Option<PathBuf>,
    /// A loaded save to resume at once instead of the title screen.
    pub resume: Option<LoadedGame>,
    /// The player's name, class mode, and whether `resume` is opened for review only.
    pub classroom: Classroom,
    /// Whether the mouse is captured at first (`--no-mouse` turns it off).
    pub mouse: bool,
}

/// Plays the game in the terminal until the player quits or a signal ends it (see
/// `terminal::run`). Everything that can fail on a file has been loaded by the caller before
/// this touches the terminal.
pub fn run(start: Start) -> io::Result<Ended> {
    terminal::run(app_for(start))
}

/// The App a start describes, at its first screen.
pub fn app_for(start: Start) -> App {
    let no_dir = start.save_dir.is_none();
    let mut app = App::new(start.scenarios, start.picked, start.seed, Theme::from_env())
        .with_save_dir(start.save_dir);
    app.ui.mouse = start.mouse;
    let review = start.classroom.review;
    app = app.with_classroom(start.classroom);
    if let Some(loaded) = start.resume {
        app = if review {
            app.reviewing(&loaded)
        } else {
            app.resuming(loaded)
        };
    }
    if no_dir && !review {
        app.ui.status = Some(app::Message {
            text: "No save folder: autosave is off (start with --save-dir DIR)".into(),
            tone: app::Tone::Bad,
        });
    }
    app
}
