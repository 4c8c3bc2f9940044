//! The negotiation dance in the debrief and in review, the big-terminal table, and the
//! instructor's panel: drawn into a TestBackend at 80×24, 120×40 and 200×60.

mod common;

use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use truce::persist;
use truce::ui::app::Screen;
use truce::ui::{App, Theme};

use common::{draw, key, keys};

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 60)];

/// The smallest big layout, checked too.
const BIG: (u16, u16) = (160, 48);

fn text(terminal: &Terminal<TestBackend>) -> String {
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn loaded(path: &str) -> persist::LoadedGame {
    persist::load_game(Path::new(path)).expect("the example save loads")
}

fn fresh(l: &persist::LoadedGame) -> App {
    App::new(
        vec![l.game.scenario.clone()],
        0,
        l.game.seed,
        Theme::plain(),
    )
}

#[test]
fn the_debrief_shows_the_dance_on_d_and_hides_it_again() {
    for (w, h) in SIZES {
        let l = loaded("saves/finished-deal.ron");
        let mut a = fresh(&l).resuming(l);
        assert_eq!(a.ui.screen, Screen::End);
        let before = text(&draw(&mut a, w, h));
        assert!(!before.contains("negotiation dance"), "{w}x{h}:\n{before}");
        a.handle_key(key(KeyCode::Char('d')));
        let shown = text(&draw(&mut a, w, h));
        assert!(shown.contains("The negotiation dance"), "{w}x{h}:\n{shown}");
        assert!(shown.contains("US offers"), "{w}x{h}:\n{shown}");
        assert!(shown.contains("China walk-away"), "{w}x{h}:\n{shown}");
        assert!(shown.contains("Trust"), "{w}x{h}:\n{shown}");
        // The braille of the frontier and the offers' dots are drawn.
        assert!(
            shown
                .chars()
                .any(|c| ('\u{2801}'..='\u{28ff}').contains(&c)),
            "{shown}"
        );
        assert!(shown.contains('•'), "{w}x{h}:\n{shown}");
        insta::assert_snapshot!(format!("dance_debrief_{w}x{h}"), shown);
        a.handle_key(key(KeyCode::Char('d')));
        assert_eq!(text(&draw(&mut a, w, h)), before);
    }
}

#[test]
fn review_shows_the_dance_up_to_the_week_shown() {
    for (w, h) in SIZES {
        let l = loaded("saves/finished-deal.ron");
        let mut a = fresh(&l).reviewing(&l);
        for k in keys("]]]d") {
            a.handle_key(k);
        }
        let shown = text(&draw(&mut a, w, h));
        assert!(shown.contains("The dance to week 3"), "{w}x{h}:\n{shown}");
        insta::assert_snapshot!(format!("dance_review_week3_{w}x{h}"), shown);
    }
    // Stepping on shows more offers.
    let l = loaded("saves/finished-deal.ron");
    let mut a = fresh(&l).reviewing(&l);
    let offers = |a: &App| {
        a.review
            .as_ref()
            .and_then(|r| r.dance())
            .map_or(0, |d| d.offers.len())
    };
    assert_eq!(offers(&a), 0);
    a.handle_key(key(KeyCode::End));
    let all = offers(&a);
    assert!(all >= 2, "a finished deal made offers: {all}");
    assert_eq!(all, {
        let g = &l.game;
        g.history
            .iter()
            .filter(|t| matches!(t.action, truce::engine::Action::Propose(_)))
            .count()
            + g.history
                .iter()
                .filter(|t| {
                    matches!(
                        t.answer.as_ref().map(|a| &a.reply),
                        Some(truce::ai::Reply::Counter(_))
                    )
                })
                .count()
    });
}

#[test]
fn the_table_uses_a_big_terminal_for_the_dance_and_the_why() {
    for (w, h) in SIZES.into_iter().chain([BIG]) {
        let l = loaded("saves/midgame-restrictions.ron");
        let mut a = fresh(&l).resuming(l);
        assert_eq!(a.ui.screen, Screen::Negotiation);
        let shown = text(&draw(&mut a, w, h));
        let big = w >= 160 && h >= 48;
        assert_eq!(shown.contains("The dance so far"), big, "{w}x{h}:\n{shown}");
        assert_eq!(
            shown.contains("Why Beijing answered"),
            big,
            "{w}x{h}:\n{shown}"
        );
        insta::assert_snapshot!(format!("table_midgame_{w}x{h}"), shown);
    }
}
