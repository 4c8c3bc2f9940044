//! The class board's loop on the real terminal: draw, wait a tick for keys or signals, look at
//! the folder again every second; a review runs the game's own loop on the same terminal.

use std::io;
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::{cursor, execute};

use super::{Capture, Ended, event_loop, read_ready, signals, tty};
use crate::ui::board::{Board, BoardEffect, REFRESH, update, view};
use crate::ui::input::Input;
use crate::ui::session::Session;

/// How long the loop waits for a key before looking at signals and the clock again.
const TICK: Duration = Duration::from_millis(200);

/// Runs `board` until `q`, a signal or a hang-up. The terminal is restored on every way out.
pub fn board(board: &mut Board) -> io::Result<Ended> {
    let mut signals = signals::Signals::register()?;
    let terminal = ratatui::try_init()?;
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), cursor::Show);
        previous(info);
    }));
    let mut terminal = Some(terminal);
    let result = run(board, &mut terminal, &mut signals);
    if let Some(mut t) = terminal {
        let _ = t.show_cursor();
    }
    ratatui::restore();
    result
}

fn run(
    board: &mut Board,
    slot: &mut Option<DefaultTerminal>,
    signals: &mut signals::Signals,
) -> io::Result<Ended> {
    let mut refreshed = Instant::now();
    loop {
        let Some(terminal) = slot.as_mut() else {
            return Ok(Ended::Quit);
        };
        terminal.draw(|f| view::draw(f, f.area(), &board.model, &board.ui, board.theme))?;
        match signals.next() {
            Some(signals::Caught::End(signal)) => return Ok(Ended::Signal(signal)),
            Some(signals::Caught::Stop) => signals::suspend(terminal, false)?,
            Some(signals::Caught::Continue) => signals::reenter(terminal, false)?,
            None => {}
        }
        if tty::wait(TICK) == tty::Input::Gone {
            return Ok(Ended::Signal(super::hang_up_signal()));
        }
        for input in read_ready()? {
            let Input::Key(key) = input else {
                continue;
            };
            board.ui.status = None;
            match update(&mut board.model, &mut board.ui, key) {
                Some(BoardEffect::Quit) => return Ok(Ended::Quit),
                Some(BoardEffect::Report) => {
                    // Replaying a whole class takes a moment: say so before it starts.
                    board.ui.status = Some(("Writing the class report…".into(), false));
                    if let Some(t) = slot.as_mut() {
                        t.draw(|f| view::draw(f, f.area(), &board.model, &board.ui, board.theme))?;
                    }
                    board.report();
                }
                Some(BoardEffect::Review(path)) => {
                    if let Some(ended @ Ended::Signal(_)) = review(board, slot, signals, &path)? {
                        return Ok(ended);
                    }
                }
                None => {}
            }
        }
        if refreshed.elapsed() >= REFRESH {
            refreshed = Instant::now();
            board.refresh();
        }
    }
}

/// Reviews the save at `path` with the game's own loop on the board's terminal, then gives
/// the terminal back. The same terminal draws both screens, so each frame is diffed against
/// the other's last: no clearing (which would ask the terminal where its cursor is) is needed.
fn review(
    board: &mut Board,
    slot: &mut Option<DefaultTerminal>,
    signals: &mut signals::Signals,
    path: &std::path::Path,
) -> io::Result<Option<Ended>> {
    let Some(app) = board.review_app(path) else {
        return Ok(None);
    };
    let Some(terminal) = slot.take() else {
        return Ok(None);
    };
    let mut capture = Capture(false);
    capture.follow(app.ui.mouse);
    let mut session = Session::on(app, terminal)?;
    let ended = event_loop(&mut session, signals, &mut capture);
    capture.follow(false);
    let (_, terminal) = session.into_parts();
    *slot = Some(terminal);
    ended.map(Some)
}
