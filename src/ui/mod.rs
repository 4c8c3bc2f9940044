//! The terminal game: app state and loop, keymap, theme, one file per screen, reusable widgets.
//!
//! Data flows one way: key → `Cmd` (keymap) → UI change or engine `Action` → `Game::apply` →
//! the screens draw from `&App`.

pub mod app;
pub mod board;
pub mod classroom;
pub mod effects;
pub mod guard;
pub mod keymap;
pub mod menu;
pub mod paste;
pub mod review;
pub mod saving;
pub mod screens;
mod signals;
pub mod theme;
mod tty;
pub mod view;
pub mod widgets;

use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
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
/// way out, including a panic (ratatui's hook, plus showing the cursor again) and the signals
/// that end a program (SIGTERM, SIGHUP, SIGINT, SIGQUIT: the game is autosaved first, then the
/// process exits with 128 + the signal). Ctrl-Z or SIGTSTP leaves the alternate screen before
/// stopping; `fg` (SIGCONT) re-enters it and redraws. Bracketed paste is on while the game runs,
/// so a paste arrives as text, and switched off on every way out, as is the game's lock (beside
/// its autosave). Everything that can fail on a file has been loaded by the caller before this
/// touches the terminal.
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
    // Registered before the terminal changes, so no signal finds it raw with nobody to undo it.
    let mut signals = signals::Signals::register()?;
    let mut terminal = ratatui::try_init()?;
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableBracketedPaste, cursor::Show);
        previous(info);
    }));
    // A paste comes marked, as one event: text, never keys.
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, &mut app, &mut signals);
    // The exit below runs no destructors: the game's lock goes now, whatever ended it.
    app.release_lock();
    // Show the cursor before leaving the alternate screen, so that leaving it is the last
    // thing written (the terminal would otherwise show it again when dropped).
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    let _ = terminal.show_cursor();
    drop(terminal);
    ratatui::restore();
    match result {
        Ok(Some(signal)) => {
            // The conventional status of a program ended by a signal, once the terminal is back.
            std::process::exit(128 + signal)
        }
        Ok(None) => Ok(()),
        Err(e) => Err(e),
    }
}

/// A signal ends the game: autosave first; returns the signal for the exit status.
fn end(app: &mut App, signal: i32) -> i32 {
    if app.game.is_some() {
        app.autosave();
    }
    app.release_lock();
    signal
}

/// The terminal went away (a closed window, a killed tmux pane): end as a hang-up would, since
/// nobody is left to play.
fn hang_up(app: &mut App) -> i32 {
    #[cfg(unix)]
    let signal = libc::SIGHUP;
    #[cfg(not(unix))]
    let signal = 1;
    end(app, signal)
}

/// How long the loop waits for a key before looking for signals again.
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// How long a read waits for more of what is arriving together (the rest of a paste).
const SETTLE: Duration = Duration::from_millis(2);

/// Keys read within this long of a paste sent as keys are the rest of it.
const PASTE_TAIL: Duration = Duration::from_millis(150);

/// The most events read before the screen is drawn again.
const MAX_BATCH: usize = 8192;

/// Waits on input and redraws after every batch of events; a turn-based game needs no ticks,
/// but the wait wakes ten times a second to act on signals. Everything that has arrived is
/// read before the next frame, so a paste of any size is read at once and never trickles in
/// behind later keys. Returns the signal that ended the game.
fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    signals: &mut signals::Signals,
) -> io::Result<Option<i32>> {
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    let mut pasted: Option<Instant> = None;
    loop {
        let mut drawn = app.ui.drawn;
        terminal.draw(|frame| drawn = app.draw(frame))?;
        app.drawn(drawn);
        let events = match wait_for_events(terminal, app, signals)? {
            Waited::Events(events) => events,
            Waited::Redraw => continue,
            Waited::Ended(signal) => return Ok(Some(signal)),
        };
        handle_events(terminal, app, events, &mut pasted)?;
        if app.ui.quit {
            return Ok(None);
        }
    }
}

/// What waiting on the terminal gave.
enum Waited {
    /// Events to handle.
    Events(Vec<Event>),
    /// The terminal was given back (a stop and a continue): draw it whole.
    Redraw,
    /// A signal or a hang-up ended the game (its number, the game autosaved).
    Ended(i32),
}

/// Blocks until there are events, a signal, or a hang-up. The kernel is asked before
/// crossterm, which never returns once the tty is gone; and a terminal that poll(2) calls
/// readable but gives no event sends the loop to sleep, never round again at once.
fn wait_for_events(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    signals: &mut signals::Signals,
) -> io::Result<Waited> {
    loop {
        match signals.next() {
            Some(signals::Caught::End(signal)) => return Ok(Waited::Ended(end(app, signal))),
            Some(caught) => {
                if caught == signals::Caught::Stop {
                    signals::suspend(terminal)?;
                } else {
                    signals::reenter(terminal)?;
                }
                let size = terminal.size()?;
                app.resize(size.width, size.height);
                return Ok(Waited::Redraw);
            }
            None => {}
        }
        let input = tty::wait(SIGNAL_CHECK);
        if input == tty::Input::Gone {
            return Ok(Waited::Ended(hang_up(app)));
        }
        // Also when quiet: a resize reaches crossterm through its own signal pipe.
        let events = read_ready()?;
        if !events.is_empty() {
            return Ok(Waited::Events(events));
        }
        if input == tty::Input::Ready {
            std::thread::sleep(SIGNAL_CHECK);
        }
    }
}

/// Every event that has arrived (up to `MAX_BATCH`), oldest first.
fn read_ready() -> io::Result<Vec<Event>> {
    let mut events = Vec::new();
    while events.len() < MAX_BATCH && event::poll(SETTLE)? {
        events.push(event::read()?);
    }
    Ok(events)
}

/// Handles a batch of events. A burst of keys faster than anyone types is a paste from a
/// terminal without bracketed paste: it is handled as pasted text, never as keys, so it can
/// make no move; `pasted` is when the last such paste came.
fn handle_events(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    events: Vec<Event>,
    pasted: &mut Option<Instant>,
) -> io::Result<()> {
    let now = Instant::now();
    let continuing = pasted.is_some_and(|at| now.duration_since(at) < PASTE_TAIL);
    if let Some(text) = paste::burst_text(&events, continuing) {
        *pasted = Some(now);
        app.handle_paste(&text);
        for event in events {
            if let Event::Resize(width, height) = event {
                app.resize(width, height);
            }
        }
        return Ok(());
    }
    for event in events {
        match event {
            // Raw mode turns Ctrl-Z into a key: suspend as the shell would have.
            Event::Key(key)
                if key.kind == KeyEventKind::Press
                    && key.code == KeyCode::Char('z')
                    && key.modifiers.contains(KeyModifiers::CONTROL) =>
            {
                signals::suspend(terminal)?;
                let size = terminal.size()?;
                app.resize(size.width, size.height);
            }
            Event::Key(key) if key.kind == KeyEventKind::Press => {
                // The key changes only the UI; what it asks of the world is done here.
                for effect in app.update_key(key) {
                    app.perform(effect);
                }
            }
            Event::Paste(text) => app.handle_paste(&text),
            Event::Resize(width, height) => app.resize(width, height),
            _ => {}
        }
        if app.ui.quit {
            break;
        }
    }
    Ok(())
}
