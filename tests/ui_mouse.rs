//! The mouse through the `Session`: clicks at cells found in what a `TestBackend` drew (a key
//! in the footer, an agenda row, a level on the ladder, a tab, a menu line), the wheel, and the
//! key that lets go of the mouse. Each click must do what its key does.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use ratatui::backend::TestBackend;
use truce::ui::app::{Overlay, Panel, Screen};
use truce::ui::input::{Input, MouseInput, MouseKind};
use truce::ui::menu::{self, MenuItem};
use truce::ui::{App, Session};

fn session(width: u16, height: u16) -> Session<TestBackend> {
    let app: App = common::app();
    Session::new(app, TestBackend::new(width, height)).unwrap()
}

fn press(s: &mut Session<TestBackend>, script: &str) {
    for k in common::keys(script) {
        s.input(Input::Key(k)).unwrap();
    }
}

/// The cell where `text` starts on screen, searching rows from `from_row` down.
fn find(s: &Session<TestBackend>, text: &str, from_row: u16) -> (u16, u16) {
    let buffer = s.backend().buffer();
    for y in from_row..buffer.area.height {
        let cells: Vec<&str> = (0..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol())
            .collect();
        let line = cells.concat();
        if let Some(at) = line.find(text) {
            // From a byte offset in the row to the cell it falls in.
            let mut bytes = 0;
            for (x, cell) in cells.iter().enumerate() {
                if bytes >= at {
                    return (u16::try_from(x).unwrap(), y);
                }
                bytes += cell.len();
            }
        }
    }
    panic!("{text:?} is not on screen:\n{}", screen(s));
}

fn screen(s: &Session<TestBackend>) -> String {
    let buffer = s.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn click(s: &mut Session<TestBackend>, (column, row): (u16, u16)) {
    s.input(Input::Mouse(MouseInput::click(column, row)))
        .unwrap();
    let release = MouseInput {
        kind: MouseKind::Release,
        column,
        row,
    };
    s.input(Input::Mouse(release)).unwrap();
}

fn wheel(s: &mut Session<TestBackend>, kind: MouseKind) {
    s.input(Input::Mouse(MouseInput {
        kind,
        column: 40,
        row: 10,
    }))
    .unwrap();
}

#[test]
fn a_footer_key_is_a_button_and_the_wheel_scrolls_help() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut s = session(w, h);
        let help = find(&s, "? help", h - 1);
        click(&mut s, help);
        assert_eq!(s.app().ui.overlay, Some(Overlay::Help), "{w}×{h}");
        wheel(&mut s, MouseKind::WheelDown);
        assert_eq!(s.app().ui.overlay_scroll, 3, "{w}×{h}");
        wheel(&mut s, MouseKind::WheelUp);
        assert_eq!(s.app().ui.overlay_scroll, 0, "{w}×{h}");
        // The footer's Esc closes it, as the key does.
        let close = find(&s, "Esc close", h - 1);
        click(&mut s, close);
        assert_eq!(s.app().ui.overlay, None, "{w}×{h}");
    }
}

#[test]
fn clicking_a_row_then_a_level_builds_the_package_as_the_keys_do() {
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let mut s = session(w, h);
        press(&mut s, ">>");
        assert_eq!(s.app().ui.screen, Screen::Negotiation);
        let game = s.app().game.clone().unwrap();
        let issues = &game.scenario.issues;
        // The last issue on the table, by the name the agenda shows.
        let row = (0..issues.len())
            .rev()
            .find(|&i| game.state.agenda[i])
            .unwrap();
        let name = &issues[row].short;
        let at = find(&s, name, 3);
        click(&mut s, (at.0 + 1, at.1));
        assert_eq!(s.app().ui.row, row, "{w}×{h}: the click selects {name}");
        // The selected level's ‹ › are buttons at every size: › is →, ‹ is ←.
        let now = s.app().ui.package[row];
        let top = issues[row].levels.len() - 1;
        let (mark, want) = if now < top {
            ("›", now + 1)
        } else {
            ("‹", now - 1)
        };
        let arrow = find(&s, mark, at.1);
        assert_eq!(arrow.1, at.1, "{w}×{h}: the mark is on the selected row");
        click(&mut s, arrow);
        assert_eq!(
            s.app().ui.package[row],
            want,
            "{w}×{h}: {mark} steps the level"
        );
        let back = find(&s, if mark == "›" { "‹" } else { "›" }, at.1);
        click(&mut s, back);
        assert_eq!(s.app().ui.package[row], now, "{w}×{h}: and back");
        if (w, h) == (80, 24) {
            // The compact detail pane shows one level, not the ladder.
            continue;
        }
        // A level other than the one in the package, on the ladder under the agenda.
        let now = s.app().ui.package[row];
        let level = (0..issues[row].levels.len()).find(|&l| l != now).unwrap();
        let label = &issues[row].levels[level].label;
        let below = at.1 + 1;
        let spot = find(&s, label, below);
        click(&mut s, spot);
        assert_eq!(
            s.app().ui.package[row],
            level,
            "{w}×{h}: the click chooses {label}"
        );
        // The same as pressing the keys: ↑↓ to the row, ←→ to the level.
        let mut keyed = session(w, h);
        press(&mut keyed, ">>");
        press(&mut keyed, &"j".repeat(row));
        let steps = if level < now {
            "[".repeat(now - level)
        } else {
            "]".repeat(level - now)
        };
        press(&mut keyed, &steps);
        assert_eq!(keyed.app().ui.package, s.app().ui.package, "{w}×{h}");
        assert_eq!(screen(&keyed), screen(&s), "{w}×{h}");
    }
}

#[test]
fn a_tab_shows_its_panel_and_a_menu_line_takes_its_action() {
    let mut s = session(80, 24);
    press(&mut s, ">>");
    let home = find(&s, " Home ", 2);
    click(&mut s, (home.0 + 1, home.1));
    assert_eq!(s.app().ui.panel, Panel::HomeFront);
    let news = find(&s, " News ", 2);
    click(&mut s, (news.0 + 1, news.1));
    assert_eq!(s.app().ui.panel, Panel::Dispatches);
    // a, then a click on "Hold": the week passes as with Enter on that line.
    press(&mut s, "a");
    assert_eq!(s.app().ui.overlay, Some(Overlay::Menu));
    let game = s.app().game.clone().unwrap();
    let hold = menu::items(&game)
        .into_iter()
        .find(|i| *i == MenuItem::Hold)
        .unwrap()
        .label(&game);
    let line = find(&s, &hold, 1);
    click(&mut s, line);
    assert_eq!(s.app().ui.overlay, None);
    assert_eq!(s.app().game.as_ref().unwrap().history.len(), 1);
    // A click outside the menu closes it, as Esc.
    press(&mut s, "a");
    click(&mut s, (0, 0));
    assert_eq!(s.app().ui.overlay, None);
    assert_eq!(s.app().game.as_ref().unwrap().history.len(), 1);
}

#[test]
fn m_lets_go_of_the_mouse_and_says_how_to_copy_text() {
    let mut s = session(120, 40);
    assert!(s.app().ui.mouse);
    assert!(screen(&s).contains("m copy text"), "{}", screen(&s));
    press(&mut s, "m");
    assert!(!s.app().ui.mouse);
    assert!(screen(&s).contains("m mouse on"), "{}", screen(&s));
    press(&mut s, "?");
    let help = screen(&s);
    assert!(help.contains("copies text"), "{help}");
}

#[test]
fn a_click_under_a_window_reaches_nothing_beneath_it() {
    let mut s = session(120, 40);
    press(&mut s, ">>");
    let at = find(&s, "Farm ", 3);
    let before = s.app().ui.row;
    press(&mut s, "?");
    // Inside the help window, over the agenda's Farm row: nothing happens.
    click(&mut s, (60, at.1));
    assert_eq!(s.app().ui.row, before);
    assert_eq!(s.app().ui.overlay, Some(Overlay::Help));
    // Beside the window, as Esc: it closes, and still selects nothing.
    click(&mut s, (at.0 + 1, at.1));
    assert_eq!(s.app().ui.overlay, None);
    assert_eq!(s.app().ui.row, before);
}

#[test]
fn the_wheel_scrolls_the_dispatches_and_the_why_text() {
    let mut s = session(120, 40);
    press(&mut s, ">>xxxx]>");
    let max = s.app().ui.drawn.log_max;
    assert!(max > 0, "the dispatches fit: nothing to scroll");
    wheel(&mut s, MouseKind::WheelDown);
    assert_eq!(s.app().ui.log_scroll, 3.min(max));
    wheel(&mut s, MouseKind::WheelUp);
    assert_eq!(s.app().ui.log_scroll, 0);
    // The why-text is longer than a small window.
    let mut s = session(80, 24);
    press(&mut s, ">>xxxx]>w");
    assert_eq!(s.app().ui.overlay, Some(Overlay::Why));
    let max = s.app().ui.drawn.scroll_max;
    assert!(max > 0, "the why-text fits: nothing to scroll");
    wheel(&mut s, MouseKind::WheelDown);
    assert_eq!(s.app().ui.overlay_scroll, 3.min(max));
}

#[test]
fn a_click_selects_a_save_and_a_second_opens_it() {
    use truce::persist::MemoryStore;
    let app = common::app().with_store(MemoryStore::new());
    let mut s = Session::new(app, TestBackend::new(120, 40)).unwrap();
    // Two saves: at week 2 and at week 3.
    press(&mut s, ">>>s>");
    let saved = s.app().game.as_ref().unwrap().history.len();
    press(&mut s, "xs>o");
    assert_eq!(s.app().ui.screen, Screen::Load);
    let rows: Vec<String> = s
        .app()
        .ui
        .saves
        .rows
        .iter()
        .map(|r| r.key.clone())
        .collect();
    let week2 = rows.iter().position(|r| r.starts_with("week-2")).unwrap();
    let y = s
        .app()
        .ui
        .drawn
        .hits
        .iter()
        .find(|h| h.target == truce::ui::app::Target::Save(week2))
        .unwrap()
        .area
        .y;
    click(&mut s, (10, y));
    assert_eq!(s.app().ui.saves.selected, week2);
    click(&mut s, (10, y));
    assert_eq!(s.app().ui.screen, Screen::Negotiation);
    assert_eq!(s.app().game.as_ref().unwrap().history.len(), saved);
}

#[test]
fn the_answers_of_a_question_are_buttons() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut s = session(w, h);
        press(&mut s, "q");
        assert!(matches!(s.app().ui.overlay, Some(Overlay::Confirm(_))));
        // Not the footer's: the line in the window, above the footer.
        let no = find(&s, "n/Esc no", 1);
        assert!(no.1 < h - 1, "{w}×{h}");
        click(&mut s, (no.0 + 2, no.1));
        assert_eq!(s.app().ui.overlay, None, "{w}×{h}");
        press(&mut s, "q");
        let yes = find(&s, "y yes", 1);
        assert!(yes.1 < h - 1, "{w}×{h}");
        s.input(Input::Mouse(MouseInput::click(yes.0, yes.1)))
            .unwrap();
        assert!(s.app().ui.quit, "{w}×{h}");
        assert_eq!(s.flow(), truce::ui::session::Flow::Quit);
    }
}

#[test]
fn a_click_picks_a_scenario_and_a_second_reads_its_briefing() {
    use std::sync::Arc;
    let scenarios = truce::scenario::builtin_names()
        .into_iter()
        .map(|n| Arc::new(truce::scenario::builtin(n).unwrap().unwrap()))
        .collect::<Vec<_>>();
    let last = scenarios.len() - 1;
    let title = scenarios[last].title.clone();
    let app = App::new(scenarios, 0, 7, truce::ui::Theme::plain());
    for (w, h) in [(80, 24), (120, 40)] {
        let mut s = Session::new(
            App::new(app.scenarios.clone(), 0, 7, truce::ui::Theme::plain()),
            TestBackend::new(w, h),
        )
        .unwrap();
        let at = find(&s, &title, 0);
        click(&mut s, at);
        assert_eq!(s.app().ui.picked, last, "{w}×{h}");
        assert_eq!(s.app().ui.screen, Screen::Title, "{w}×{h}");
        click(&mut s, at);
        assert_eq!(s.app().ui.screen, Screen::Briefing, "{w}×{h}");
    }
}
