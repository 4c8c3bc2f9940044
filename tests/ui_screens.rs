//! Snapshots of every screen at 80×24 and 120×40, from seed 7, by injecting keys into the app.
//! Review a changed snapshot by eye before accepting it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

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

/// The large layout mid-game: after a proposal and China's counter, with a second issue opened
/// and its level moved, so every panel (agenda, ladder of levels, Beijing, home front,
/// dispatches) has content.
#[test]
fn negotiation_at_200x60() {
    let (app, terminal) = play(">>]vv]>vvvv_]", 200, 60);
    assert!(app.game.as_ref().is_some_and(|g| g.state.counter.is_some()));
    insta::assert_snapshot!("negotiation_mid_game_200x60", terminal.backend());
}

/// A red line is marked on the ladder of levels, with China's reason under it.
#[test]
fn the_detail_pane_marks_red_lines() {
    // Russian oil: open it, select it.
    let (_, terminal) = play(">>vvvvvvvv_", 120, 40);
    let text = format!("{}", terminal.backend());
    assert!(text.contains("RED LINE"), "{text}");
    assert!(text.contains("Red line: Cutting Russian crude"), "{text}");
}

/// China's view of a level past a red line says it refuses it, never "fine" beside the mark
/// (playtest finding 13: the view was Beijing's liking of the level alone).
#[test]
fn chinas_view_refuses_a_level_past_a_red_line() {
    let (_, terminal) = play(">>vvvvvvvv_", 120, 40);
    let text = format!("{}", terminal.backend());
    let marked: Vec<&str> = text.lines().filter(|l| l.contains("RED LINE")).collect();
    assert!(!marked.is_empty(), "{text}");
    for line in marked {
        assert!(line.contains("-- refuses"), "{line}");
        for word in ["fine", "likes", "costly", "hates"] {
            assert!(!line.contains(word), "{line}");
        }
    }
}

/// At 80×24 the message line drops its later sentences rather than cutting a word.
#[test]
fn the_message_line_never_cuts_a_word() {
    let (_, terminal) = play(">>]vv]>", 80, 24);
    let line: String = (0..80)
        .map(|x| terminal.backend().buffer()[(x, 1)].symbol().to_string())
        .collect();
    assert_eq!(
        line.trim_end(),
        "• Beijing counters with a package of its own: see the Counter column (w: why)."
    );
}

/// Rung names are never cut mid-word in the Beijing panel: whole, wrapped or shortened with …
#[test]
fn rung_names_are_whole_or_shortened_at_a_word() {
    for (w, h) in [(80, 24), (110, 34), (120, 40), (200, 60)] {
        let (_, terminal) = play(">>", w, h);
        let text = format!("{}", terminal.backend());
        for line in text.lines() {
            let line = line.trim_end_matches(['"', ' ', '│']);
            for cut in ["defen", "rare ea", "heavy rare earth"] {
                assert!(!line.ends_with(cut), "{w}x{h} cuts a rung name: {line}");
            }
        }
    }
}

/// Help says what the "China's view" column means, and what it does not.
#[test]
fn help_explains_chinas_view() {
    // To the end of help, then back up to the start of the glossary.
    let script = format!(">>?{}{}", "v".repeat(200), "^".repeat(28));
    let (_, terminal) = play(&script, 120, 40);
    let text: String = format!("{}", terminal.backend())
        .lines()
        .map(|l| l.trim_matches(['"', ' ', '║']))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("China's view (agenda and detail)"), "{text}");
    assert!(
        text.contains("values that level compared with its best"),
        "{text}"
    );
    assert!(text.contains("prediction of Beijing's answer"), "{text}");
}

#[test]
fn scripts_reach_the_screens_they_name() {
    let (app, _) = play(">>]vv]>w", 120, 40);
    assert_eq!(app.ui.overlay, Some(Overlay::Why));
    assert!(app.game.as_ref().is_some_and(|g| g.state.counter.is_some()));
    let (app, _) = play(">>]vv]>a^^>y", 120, 40);
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
    let (app, terminal) = play(">>a^^^>", 120, 40);
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
    use truce::ui::input::{KeyCode, KeyInput, Mods};
    let (mut app, _) = play(">>", 80, 24);
    app.handle_key(KeyInput::new(KeyCode::Char('c'), Mods::CONTROL));
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
