//! Snapshots of every screen at 80×24 and 120×40, from seed 7, by injecting keys into the app.
//! Review a changed snapshot by eye before accepting it.

mod common;

use common::{SCREENS, play};
use truce::ui::app::{Overlay, Screen};

fn snapshot_all(width: u16, height: u16) {
    for (name, script) in SCREENS {
        let (_, terminal) = play(script, width, height);
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), terminal.backend());
    }
}

#[test]
fn screens_at_80x24() {
    snapshot_all(80, 24);
}

#[test]
fn screens_at_120x40() {
    snapshot_all(120, 40);
}

#[test]
fn scripts_reach_the_screens_they_name() {
    let (app, _) = play(">>]vv]>w", 120, 40);
    assert_eq!(app.ui.overlay, Some(Overlay::Why));
    assert!(app.game.as_ref().is_some_and(|g| g.state.counter.is_some()));
    let (app, _) = play(">>]vv]>avvvvv>y", 120, 40);
    assert_eq!(app.ui.screen, Screen::End);
    let (app, _) = play(">>qy", 80, 24);
    assert!(app.ui.quit);
    let (app, _) = play(">>qn", 80, 24);
    assert!(!app.ui.quit);
}

#[test]
fn a_refused_move_is_a_message_not_a_crash() {
    // Changing the level of an issue that is off the table is refused with a message.
    let (app, terminal) = play(">>vvvv]", 120, 40);
    let text = format!("{}", terminal.backend());
    assert!(text.contains("off the table"), "{text}");
    assert_eq!(app.ui.screen, Screen::Negotiation);
    // Signing with nothing agreed: the menu says why and the game goes on.
    let (app, terminal) = play(">>avvvv>", 120, 40);
    let text = format!("{}", terminal.backend());
    assert!(text.contains("no summit"), "{text}");
    assert!(app.game.as_ref().is_some_and(|g| g.state.outcome.is_none()));
}

#[test]
fn opening_an_issue_costs_the_days_the_detail_pane_shows() {
    let (app, terminal) = play(">>vvvv", 120, 40);
    let text = format!("{}", terminal.backend());
    assert!(text.contains("2 days of preparation"), "{text}");
    let before = app.game.as_ref().map(|g| g.state.day);
    let (app, _) = play(">>vvvv_", 120, 40);
    let after = app.game.as_ref().map(|g| g.state.day);
    assert_eq!(before.map(|d| d + 2), after);
}

#[test]
fn ctrl_c_quits_at_once() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let (mut app, _) = play(">>", 80, 24);
    app.handle_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert!(app.ui.quit);
}

#[test]
fn without_colour_no_cell_has_a_colour() {
    use ratatui::style::Color;
    for (name, script) in common::SCREENS {
        for (w, h) in [(80, 24), (120, 40)] {
            let (_, terminal) = play(script, w, h);
            let buf = terminal.backend().buffer();
            for (i, cell) in buf.content().iter().enumerate() {
                assert!(
                    cell.fg == Color::Reset && cell.bg == Color::Reset,
                    "{name} at {w}x{h}: cell {i} ({:?}) has colour {:?}/{:?}",
                    cell.symbol(),
                    cell.fg,
                    cell.bg
                );
            }
        }
    }
}
