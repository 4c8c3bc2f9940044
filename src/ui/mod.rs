//! The terminal game: app state and loop, keymap, theme, one file per screen, reusable widgets.
//!
//! Data flows one way: key → `Cmd` (keymap) → UI change or engine `Action` → `Game::apply` →
//! the screens draw from `&App`.

pub mod app;
pub mod classroom;
pub mod keymap;
pub mod menu;
pub mod review;
pub mod saving;
pub mod screens;
pub mod theme;
pub mod widgets;

use std::io;
use std::path::PathBuf;
use std::sync::Arc;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::crossterm::{cursor, execute};

pub use app::App;
pub use classroom::Classroom;
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
}

/// Plays the game in the terminal until the player quits. The terminal is restored on every
/// way out, including a panic (ratatui's hook, plus showing the cursor again). Everything that
/// can fail on a file has been loaded by the caller before this touches the terminal.
pub fn run(start: Start) -> io::Result<()> {
    let no_dir = start.save_dir.is_none();
    let mut app = App::new(start.scenarios, start.picked, start.seed, Theme::from_env())
        .with_save_dir(start.save_dir);
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
    let mut terminal = ratatui::try_init()?;
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), cursor::Show);
        previous(info);
    }));
    let result = event_loop(&mut terminal, &mut app);
    // Show the cursor before leaving the alternate screen, so that leaving it is the last
    // thing written (the terminal would otherwise show it again when dropped).
    let _ = terminal.show_cursor();
    drop(terminal);
    ratatui::restore();
    result
}

/// Blocks on input and redraws after every event; a turn-based game needs no ticks.
fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> io::Result<()> {
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    loop {
        terminal.draw(|frame| app.draw(frame))?;
        match event::read()? {
            Event::Key(key) if key.kind == KeyEventKind::Press => app.handle_key(key),
            Event::Resize(width, height) => app.resize(width, height),
            _ => {}
        }
        if app.ui.quit {
            return Ok(());
        }
    }
}
