//! Signals while the terminal is ours: the ones that end a program (the loop autosaves and
//! restores the terminal before exiting), and stop/continue (leave the alternate screen before
//! stopping, re-enter it and redraw after). Handlers only record the signal (signal-hook); the
//! event loop acts on it between events, where doing real work is safe. A second ending signal
//! exits at once, in case the loop is stuck.

use std::io;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{self, EnterAlternateScreen};
use ratatui::crossterm::{cursor, execute};
use ratatui::layout::Rect;

/// What a pending signal asks of the loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caught {
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT (the number): autosave, restore, exit.
    End(i32),
    /// SIGTSTP: leave the terminal as found and stop.
    Stop,
    /// SIGCONT: take the terminal back and redraw.
    Continue,
}

/// The registered handlers and the signals they caught, oldest first.
pub struct Signals {
    #[cfg(unix)]
    inner: signal_hook::iterator::Signals,
    queue: std::collections::VecDeque<Caught>,
}

#[cfg(unix)]
impl Signals {
    /// Installs the handlers.
    pub fn register() -> io::Result<Signals> {
        use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
        // A second ending signal exits at once, even if the loop is stuck (a terminal that
        // stopped reading, say): whoever sends it twice wants the process gone now.
        let asked = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        for signal in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
            signal_hook::flag::register_conditional_shutdown(
                signal,
                128 + signal,
                std::sync::Arc::clone(&asked),
            )?;
            signal_hook::flag::register(signal, std::sync::Arc::clone(&asked))?;
        }
        Ok(Signals {
            inner: signal_hook::iterator::Signals::new([
                SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT,
            ])?,
            queue: Default::default(),
        })
    }

    /// The next caught signal, without waiting.
    pub fn next(&mut self) -> Option<Caught> {
        use signal_hook::consts::{SIGCONT, SIGTSTP};
        for signal in self.inner.pending() {
            self.queue.push_back(match signal {
                SIGTSTP => Caught::Stop,
                SIGCONT => Caught::Continue,
                other => Caught::End(other),
            });
        }
        // An ending signal wins over anything queued before it: the player wants out.
        if let Some(end) = self.queue.iter().find(|c| matches!(c, Caught::End(_))) {
            let end = *end;
            self.queue.clear();
            return Some(end);
        }
        self.queue.pop_front()
    }
}

#[cfg(not(unix))]
impl Signals {
    /// No signals to handle off Unix.
    pub fn register() -> io::Result<Signals> {
        Ok(Signals {
            queue: Default::default(),
        })
    }

    /// Nothing is ever caught.
    pub fn next(&mut self) -> Option<Caught> {
        self.queue.pop_front()
    }
}

/// Gives the terminal back as it was found (cursor shown, main screen, cooked mode), stops the
/// process as SIGTSTP would have, and on continuing takes the terminal back (`mouse`: with
/// mouse capture on again).
pub fn suspend(terminal: &mut DefaultTerminal, mouse: bool) -> io::Result<()> {
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    let _ = terminal.show_cursor();
    ratatui::restore();
    #[cfg(unix)]
    {
        // Stops here until SIGCONT (`fg`); our handler only queued the SIGTSTP.
        let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
    }
    reenter(terminal, mouse)
}

/// Raw mode, the alternate screen and a hidden cursor again, and a full redraw: whatever the
/// shell did to the terminal while the game was stopped is undone.
pub fn reenter(terminal: &mut DefaultTerminal, mouse: bool) -> io::Result<()> {
    terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    )?;
    if mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    // `resize` clears the screen and forgets what was drawn, so the next draw is whole; unlike
    // `clear` it does not ask the terminal where its cursor is.
    let size = terminal.size()?;
    terminal.resize(Rect::new(0, 0, size.width, size.height))
}
