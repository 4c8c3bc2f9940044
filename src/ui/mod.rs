//! The terminal game: app state and loop, keymap, theme, one file per screen, reusable widgets.
//!
//! Data flows one way: key → `Cmd` (keymap) → UI change or engine `Action` → `Game::apply` →
//! the screens draw from `&App`.

pub mod app;
pub mod keymap;
pub mod menu;
pub mod screens;
pub mod theme;
pub mod widgets;

use std::io;
use std::sync::Arc;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::crossterm::{cursor, execute};

pub use app::App;
pub use theme::Theme;

use crate::scenario::Scenario;

/// Plays the game in the terminal until the player quits. The terminal is restored on every
/// way out, including a panic (ratatui's hook, plus showing the cursor again).
pub fn run(scenarios: Vec<Arc<Scenario>>, picked: usize, seed: u64) -> io::Result<()> {
    let mut app = App::new(scenarios, picked, seed, Theme::from_env());
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
