//! The terminal front end: crossterm's raw mode and alternate screen, bracketed paste, mouse
//! capture, signals, the tty watched for a hang-up, and the loop that reads events, converts
//! them to `Input` and hands them to a `Session`. Nothing else in the UI names crossterm's
//! events or the process's terminal; nothing here exits the process (main does, with `Ended`).

mod board;
mod convert;
mod signals;
mod tty;

use std::io;
use std::time::{Duration, Instant};

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event};
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::{cursor, execute};

use crate::ui::app::App;
use crate::ui::input::{Input, KeyCode, Mods};
use crate::ui::paste;
use crate::ui::session::{Flow, Session};

pub use board::board;
pub use convert::input;

/// How the terminal game ended, for main to turn into the process's exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The player quit.
    Quit,
    /// A signal or a hang-up ended the game (its number), the game autosaved first.
    Signal(i32),
}

type Screen = Session<CrosstermBackend<io::Stdout>>;

/// Plays `app` in the terminal until the player quits. The terminal is restored on every way
/// out, including a panic (ratatui's hook, plus showing the cursor again) and the signals that
/// end a program (SIGTERM, SIGHUP, SIGINT, SIGQUIT: the game is autosaved first and the signal
/// comes back as `Ended::Signal`). Ctrl-Z or SIGTSTP leaves the alternate screen before
/// stopping; `fg` (SIGCONT) re-enters it and redraws. Bracketed paste and (unless the player
/// turned it off) mouse capture are on while the game runs, and switched off on every way
/// out, as is the game's lock (beside its autosave).
pub fn run(app: App) -> io::Result<Ended> {
    // Registered before the terminal changes, so no signal finds it raw with nobody to undo it.
    let mut signals = signals::Signals::register()?;
    let terminal = ratatui::try_init()?;
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(
            io::stdout(),
            DisableMouseCapture,
            DisableBracketedPaste,
            cursor::Show
        );
        previous(info);
    }));
    // A paste comes marked, as one event: text, never keys.
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    let mut capture = Capture(false);
    capture.follow(app.ui.mouse);
    let result = Session::on(app, terminal).and_then(|mut session| {
        let ended = event_loop(&mut session, &mut signals, &mut capture);
        // The game's lock goes now, whatever ended it.
        session.app_mut().release_lock();
        let _ = session.terminal().show_cursor();
        ended
    });
    // Show the cursor before leaving the alternate screen, so that leaving it is the last
    // thing written (the terminal would otherwise show it again when dropped).
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
    result
}

/// Whether the terminal reports the mouse now; it follows the App's setting (`--no-mouse`,
/// and the key that turns capture off so text can be selected and copied).
struct Capture(bool);

impl Capture {
    fn follow(&mut self, wanted: bool) {
        if self.0 != wanted {
            let _ = if wanted {
                execute!(io::stdout(), EnableMouseCapture)
            } else {
                execute!(io::stdout(), DisableMouseCapture)
            };
            self.0 = wanted;
        }
    }
}

/// A signal ends the game: autosave first; returns the signal for the exit status.
fn end(app: &mut App, signal: i32) -> Ended {
    if app.game.is_some() {
        app.autosave();
    }
    app.release_lock();
    Ended::Signal(signal)
}

/// The terminal went away (a closed window, a killed tmux pane): end as a hang-up would, since
/// nobody is left to play.
fn hang_up(app: &mut App) -> Ended {
    end(app, hang_up_signal())
}

/// The signal a hang-up stands for.
fn hang_up_signal() -> i32 {
    #[cfg(unix)]
    let signal = libc::SIGHUP;
    #[cfg(not(unix))]
    let signal = 1;
    signal
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
/// behind later keys.
fn event_loop(
    session: &mut Screen,
    signals: &mut signals::Signals,
    capture: &mut Capture,
) -> io::Result<Ended> {
    let mut pasted: Option<Instant> = None;
    loop {
        session.draw()?;
        let inputs = match wait_for_inputs(session, signals, capture)? {
            Waited::Inputs(inputs) => inputs,
            Waited::Redraw => continue,
            Waited::Ended(ended) => return Ok(ended),
        };
        if handle_inputs(session, inputs, &mut pasted, capture)? == Flow::Quit {
            return Ok(Ended::Quit);
        }
        capture.follow(session.app().ui.mouse);
    }
}

/// What waiting on the terminal gave.
enum Waited {
    /// Inputs to handle.
    Inputs(Vec<Input>),
    /// The terminal was given back (a stop and a continue): draw it whole.
    Redraw,
    /// A signal or a hang-up ended the game (the game autosaved).
    Ended(Ended),
}

/// Blocks until there are inputs, a signal, or a hang-up. The kernel is asked before
/// crossterm, which never returns once the tty is gone; and a terminal that poll(2) calls
/// readable but gives no event sends the loop to sleep, never round again at once.
fn wait_for_inputs(
    session: &mut Screen,
    signals: &mut signals::Signals,
    capture: &mut Capture,
) -> io::Result<Waited> {
    loop {
        match signals.next() {
            Some(signals::Caught::End(signal)) => {
                return Ok(Waited::Ended(end(session.app_mut(), signal)));
            }
            Some(caught) => {
                if caught == signals::Caught::Stop {
                    signals::suspend(session.terminal(), capture.0)?;
                } else {
                    signals::reenter(session.terminal(), capture.0)?;
                }
                resized(session)?;
                return Ok(Waited::Redraw);
            }
            None => {}
        }
        let ready = tty::wait(SIGNAL_CHECK);
        if ready == tty::Input::Gone {
            return Ok(Waited::Ended(hang_up(session.app_mut())));
        }
        // Also when quiet: a resize reaches crossterm through its own signal pipe.
        let inputs = read_ready()?;
        if !inputs.is_empty() {
            return Ok(Waited::Inputs(inputs));
        }
        if ready == tty::Input::Ready {
            std::thread::sleep(SIGNAL_CHECK);
        }
    }
}

/// The App learns the terminal's size after it was given back.
fn resized(session: &mut Screen) -> io::Result<()> {
    let size = session.terminal().size()?;
    session.apply(Input::Resize(size.width, size.height));
    Ok(())
}

/// Every input that has arrived (up to `MAX_BATCH` events), oldest first.
fn read_ready() -> io::Result<Vec<Input>> {
    let mut inputs = Vec::new();
    let mut read = 0;
    while read < MAX_BATCH && event::poll(SETTLE)? {
        read += 1;
        let event: Event = event::read()?;
        inputs.extend(convert::input(event));
    }
    Ok(inputs)
}

/// Handles a batch of inputs. A burst of keys faster than anyone types is a paste from a
/// terminal without bracketed paste: it is handled as pasted text, never as keys, so it can
/// make no move; `pasted` is when the last such paste came.
fn handle_inputs(
    session: &mut Screen,
    inputs: Vec<Input>,
    pasted: &mut Option<Instant>,
    capture: &Capture,
) -> io::Result<Flow> {
    let now = Instant::now();
    let continuing = pasted.is_some_and(|at| now.duration_since(at) < PASTE_TAIL);
    if let Some(text) = paste::burst_text(&inputs, continuing) {
        *pasted = Some(now);
        session.apply(Input::Paste(text));
        for input in inputs {
            if let Input::Resize(..) = input {
                session.apply(input);
            }
        }
        return Ok(session.flow());
    }
    for input in inputs {
        match input {
            // Raw mode turns Ctrl-Z into a key: suspend as the shell would have.
            Input::Key(key)
                if key.code == KeyCode::Char('z')
                    && key.mods.contains(Mods::CONTROL)
                    && session.app().policy.suspend =>
            {
                signals::suspend(session.terminal(), capture.0)?;
                resized(session)?;
            }
            input => {
                if session.apply(input) == Flow::Quit {
                    return Ok(Flow::Quit);
                }
            }
        }
    }
    Ok(session.flow())
}
