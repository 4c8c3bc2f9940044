//! Room on screen (issue 18): at the sizes where a player saw a panel cut beside an empty one,
//! the cut part now shows. Beijing's reminders at 120×40 once the ladder wraps, the detail
//! pane's last line, the debrief's match marker on its row, score bars that scale at 200×60,
//! the seed in the list of saves, the dance's legend and sparklines that draw low values.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::sync::Arc;

use common::{draw, text};
use truce::engine::{Action, Package};
use truce::sim::{self, Strategy};
use truce::ui::app::Screen;
use truce::ui::{App, Theme};

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 60)];

fn app_of(name: &str, seed: u64) -> App {
    let s = truce::scenario::resolve(name).expect("built-in");
    let mut a = App::new(vec![Arc::new(s)], 0, seed, Theme::plain());
    a.perform(truce::ui::effects::Effect::Start);
    a
}

/// The package with every issue on the table at the level worth most to the US.
fn maximal(a: &App) -> Package {
    let g = a.game.as_ref().unwrap();
    let (s, st) = (&g.scenario, &g.state);
    let mut p = a.ui.package.clone();
    for (i, issue) in s.issues.iter().enumerate() {
        if !st.agenda[i] {
            continue;
        }
        let best = (0..issue.levels.len()).max_by(|&x, &y| {
            let mut px = p.clone();
            px[i] = x;
            let mut py = p.clone();
            py[i] = y;
            let vx = truce::engine::frontier::value(s, st, &px).0;
            let vy = truce::engine::frontier::value(s, st, &py).0;
            vx.total_cmp(&vy)
        });
        p[i] = best.unwrap_or(p[i]);
    }
    Package(p)
}

#[test]
fn beijings_reminders_stay_when_the_ladder_wraps() {
    // Seed 3: week 1 threaten, week 2 the maximal package, week 3 the 100% tariff; week 4.
    let mut a = app_of("autumn-2025", 3);
    a.apply(Action::Threaten);
    let p = maximal(&a);
    a.ui.package = p.0.clone();
    a.apply(Action::Propose(p));
    let g = a.game.as_ref().unwrap();
    let id = g
        .scenario
        .world
        .threat
        .card
        .clone()
        .expect("a priced threat");
    let card = g.scenario.world.card_index(&id).expect("the card");
    a.apply(Action::Play { card });
    let g = a.game.clone().unwrap();
    assert_eq!(g.state.week(), 4);
    let shown = text(&draw(&mut a, 120, 40));
    assert!(shown.contains("▶ 1") || shown.contains("▶ 2"), "{shown}");
    assert!(shown.contains("• in force:"), "{shown}");
    if g.state.counter.is_some() {
        assert!(shown.contains("a counter-offer waits"), "{shown}");
    }
    insta::assert_snapshot!("beijing_week4_seed3_120x40", shown);
    // The agenda keeps no empty rows beside a cut panel: the detail pane takes them.
    let rows: Vec<&str> = shown.lines().collect();
    let agenda_end = rows.iter().position(|l| l.starts_with('└')).unwrap();
    assert!(
        !rows[agenda_end - 1].starts_with("│ ") || rows[agenda_end - 1].contains("Enforcement"),
        "{shown}"
    );
}

#[test]
fn the_detail_pane_keeps_the_whole_package_line() {
    for (w, h) in [(110, 34), (120, 40), (200, 60)] {
        // Open capacity and fentanyl (long ladders), then select fentanyl.
        let (mut a, _) = common::play(">>vvvvvv_v_", w, h);
        let shown = text(&draw(&mut a, w, h));
        assert!(shown.contains("Whole package:"), "{w}x{h}:\n{shown}");
    }
}

/// A finished phase-one game with a signed deal, its seed.
fn phase_one_deal() -> App {
    let s = truce::scenario::resolve("phase-one-2019").expect("built-in");
    for seed in 1..60 {
        for strategy in [Strategy::Structural, Strategy::Patient, Strategy::Dealmaker] {
            let script = sim::play(&s, strategy, seed);
            let mut a = app_of("phase-one-2019", seed);
            for action in script.actions {
                a.apply(action);
            }
            if a.ui.screen == Screen::End
                && a.game.as_ref().is_some_and(|g| g.state.signed.is_some())
            {
                return a;
            }
        }
    }
    panic!("no phase-one seed signs a deal");
}

#[test]
fn the_debrief_keeps_the_match_marker_on_its_row_and_scales_its_bars() {
    let mut a = phase_one_deal();
    let shown = text(&draw(&mut a, 120, 40));
    assert!(shown.contains("Beside history"), "{shown}");
    for line in shown.lines() {
        let side = line.rsplit('│').nth(1).unwrap_or("");
        assert!(
            side.trim() != "=",
            "a match marker on a line of its own:\n{shown}"
        );
    }
    assert!(shown.contains(" ="), "{shown}");
    // At 200×60 the score bars take a share of the wide panel, more than at 80×24.
    let bar_cells = |a: &mut App, w: u16, h: u16| {
        let all = pages(a, w, h);
        let bar = all
            .lines()
            .find(|l| l.contains("US value") && (l.contains('█') || l.contains('░')))
            .map(str::to_string)
            .unwrap_or_else(|| panic!("no score bar at {w}x{h}:\n{all}"));
        bar.chars().filter(|c| *c == '█' || *c == '░').count()
    };
    let wide = bar_cells(&mut a, 200, 60);
    assert!(wide >= 30, "{wide} cells at 200x60");
    let narrow = bar_cells(&mut a, 80, 24);
    assert!((10..wide).contains(&narrow), "{narrow} cells at 80x24");
    // The balance says it is scored on what was delivered.
    let all = pages(&mut a, 120, 40);
    assert!(all.contains("Scored on the gains delivered"), "{all}");
}

/// Every page of the debrief at this size, from the top.
fn pages(a: &mut App, w: u16, h: u16) -> String {
    a.ui.scroll = 0;
    let mut all = String::new();
    for _ in 0..30 {
        all.push_str(&text(&draw(a, w, h)));
        a.update(truce::ui::keymap::Cmd::PageDown);
    }
    all
}

#[test]
fn the_dance_has_a_legend_and_draws_low_values() {
    let path = std::path::Path::new("saves/finished-deal.ron");
    let l = truce::persist::load_game(path).expect("example save");
    let mut a = App::new(
        vec![l.game.scenario.clone()],
        0,
        l.game.seed,
        Theme::plain(),
    )
    .resuming(l);
    a.update(truce::ui::keymap::Cmd::Dance);
    for (w, h) in SIZES {
        let shown = text(&draw(&mut a, w, h));
        for words in ["US offers", "China counters", "frontier", "US value"] {
            assert!(shown.contains(words), "{w}x{h} lacks {words}:\n{shown}");
        }
    }
    // Every reading shows a mark, the lowest included.
    let levels = truce::ui::widgets::meter::spark_levels(&[0.0, 50.0, 100.0], (0.0, 100.0), 3);
    assert_eq!(levels, vec![1, 5, 8]);
}

#[test]
fn at_80x24_the_news_among_the_reminders_takes_the_rows_left() {
    // A threat made: it falls due, and the compact Beijing panel says so in its last row.
    let mut a = app_of("autumn-2025", 3);
    a.apply(Action::Threaten);
    assert!(a.game.as_ref().unwrap().state.threat_deadline.is_some());
    let shown = text(&draw(&mut a, 80, 24));
    assert!(shown.contains("• threat falls due in"), "{shown}");
}

#[test]
fn beijing_takes_only_the_rows_it_fills_at_110x34() {
    // Seed 3, tariffs to 20% and propose: the ladder is shortened, and the panel keeps no
    // empty rows above the home front.
    let mut a = app_of("autumn-2025", 3);
    let (t, l) = (0, a.ui.package[0] + 1);
    a.ui.package[t] = l;
    a.apply(Action::Propose(Package(a.ui.package.clone())));
    let shown = text(&draw(&mut a, 110, 34));
    let rows: Vec<&str> = shown.lines().collect();
    let bottom = rows
        .iter()
        .position(|l| l.contains("┌ Home front"))
        .expect("the home front");
    let last = rows[bottom - 2];
    let right = last.rsplit("││").next().unwrap_or(last);
    assert!(
        !right.trim_matches(['│', ' ']).is_empty(),
        "an empty row in Beijing's panel:\n{shown}"
    );
}
