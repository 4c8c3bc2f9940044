//! Events that move a status-quo level: the `StatusQuo(issue, level)` effect, its validation
//! with a located message, and what it changes in the game.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::sync::Arc;

use common::{ix, package};
use truce::ai::{Valuation, status_quo_level};
use truce::engine::{Action, Game};
use truce::scenario::{self, BUILTIN, Effect};

fn autumn() -> &'static str {
    BUILTIN
        .iter()
        .find(|(n, _)| *n == "autumn-2025")
        .map(|(_, t)| *t)
        .expect("built-in autumn-2025")
}

const LISTING: &str = "StatusQuo(\"export_controls\", 0)";

/// The error text for the default scenario with its entity listing's move replaced by `to`.
fn broken(to: &str) -> String {
    let text = autumn();
    assert!(
        text.contains(LISTING),
        "the default scenario uses the effect"
    );
    match scenario::from_str(&text.replacen(LISTING, to, 1), "broken.ron") {
        Ok(_) => panic!("{to:?} should not validate"),
        Err(e) => e.to_string(),
    }
}

fn line_of(needle: &str) -> usize {
    autumn()
        .lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .expect("needle in file")
}

#[test]
fn a_move_to_a_level_the_issue_lacks_is_located_and_explained() {
    let e = broken("StatusQuo(\"export_controls\", 9)");
    assert!(
        e.contains(&format!("broken.ron:{}:", line_of(LISTING))),
        "{e}"
    );
    assert!(e.contains("export_controls to level 9"), "{e}");
    assert!(e.contains("from 0 to 4"), "{e}");
}

#[test]
fn a_move_of_an_unknown_issue_lists_the_issue_ids() {
    let e = broken("StatusQuo(\"chips\", 0)");
    assert!(
        e.contains(&format!("broken.ron:{}:", line_of(LISTING))),
        "{e}"
    );
    assert!(e.contains("unknown issue \"chips\""), "{e}");
    assert!(e.contains("tariffs, export_controls, rare_earths"), "{e}");
}

/// The default scenario with the entity listing certain in week 1.
fn listing_now() -> Arc<truce::scenario::Scenario> {
    let mut s = common::scenario();
    let e = s
        .events
        .iter_mut()
        .find(|e| e.id == "entity_listing")
        .expect("entity listing");
    assert!(
        e.effects
            .contains(&Effect::StatusQuo("export_controls".into(), 0))
    );
    e.chance = 1.0;
    e.from_week = 1;
    e.when.clear();
    Arc::new(s)
}

#[test]
fn the_entity_listing_tightens_chip_controls_with_no_deal() {
    let s = listing_now();
    let chips = ix(&s, "export_controls");
    let mut g = Game::new(s.clone(), 1);
    let before = Valuation::new(&s, &g.state);
    let (us0, cn0) = (before.us_sq, before.china_sq);
    assert_eq!(status_quo_level(&s, &g.state, chips), 1);
    g.apply(Action::Hold).expect("hold");
    assert_eq!(
        status_quo_level(&s, &g.state, chips),
        0,
        "the listing moved it"
    );
    let after = Valuation::new(&s, &g.state);
    assert!(after.us_sq > us0, "the US's no-deal value rises");
    assert!(after.china_sq < cn0, "China's falls");
    // Holding at H20 licences is now a step China's way: a gain to China, a cost to the US.
    let hold = package(&s, &[("export_controls", 1)]);
    assert!(after.china(&hold.0) > after.china_sq);
    assert!(after.us(&hold.0) < after.us_sq);
    // Off the table, the issue stays where the event moved it, and a proposal is judged there.
    g.apply(Action::Agenda {
        issue: chips,
        on: false,
    })
    .expect("close");
    let p = truce::engine::query::normalise(&s, &g.state, &s.status_quo());
    assert_eq!(p.0[chips], 0);
    g.apply(Action::Propose(s.status_quo()))
        .expect("the scenario's own status quo stays legal");
}

#[test]
fn old_scenarios_and_states_keep_the_scenarios_status_quo() {
    let s = common::scenario();
    let st = truce::engine::new_state(&s, 1);
    assert!(st.status_quo.is_empty());
    for i in 0..s.issues.len() {
        assert_eq!(status_quo_level(&s, &st, i), s.issues[i].status_quo);
    }
}
