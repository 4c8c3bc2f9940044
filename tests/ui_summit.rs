//! Holding in the summit's week with a package agreed lets the summit pass unsigned: the game
//! asks first, and saying no keeps the deal on the table.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use truce::sim::{self, Strategy};
use truce::ui::app::{Overlay, forfeits_summit};

use common::{app, draw, keys, text};

#[test]
fn holding_at_the_summit_with_a_deal_agreed_asks_first() {
    let mut a = app();
    for k in keys(">>") {
        a.handle_key(k);
    }
    // Play the structural script's moves until the summit's week with a package agreed.
    let script = sim::play(&a.game.as_ref().unwrap().scenario, Strategy::Structural, 7);
    for action in script.actions {
        if a.game.as_ref().is_some_and(forfeits_summit) {
            break;
        }
        a.apply(action);
    }
    let week = a.game.as_ref().unwrap().state.week();
    assert!(
        a.game.as_ref().is_some_and(forfeits_summit),
        "the script never reached the summit with a deal agreed"
    );
    for k in keys("x") {
        a.handle_key(k);
    }
    assert!(matches!(a.ui.overlay, Some(Overlay::Confirm(_))));
    let shown = text(&draw(&mut a, 80, 24));
    assert!(shown.contains("holding lets it pass"), "{shown}");
    // No: the week has not passed, and the deal can still be signed.
    for k in keys("n") {
        a.handle_key(k);
    }
    assert_eq!(a.game.as_ref().unwrap().state.week(), week);
    assert!(a.game.as_ref().is_some_and(forfeits_summit));
}

/// A package agreed in the week before the summit has its last ask posed at once: the status
/// line names the ask and the key to grant it or sign without it, at 80x24 where the
/// dispatches are off screen (playtest bug 3).
#[test]
fn an_agreement_just_before_the_summit_names_the_last_ask() {
    let mut seen = false;
    'scripts: for strategy in [Strategy::Patient, Strategy::Structural, Strategy::Dealmaker] {
        for seed in 1..=12 {
            let mut a = app();
            for k in keys(">>") {
                a.handle_key(k);
            }
            let script = sim::play(&a.game.as_ref().unwrap().scenario, strategy, seed);
            let mut posed = false;
            for action in script.actions {
                a.apply(action);
                let Some(g) = a.game.as_ref() else { break };
                if g.state.outcome.is_some() {
                    break;
                }
                // The week the ask is posed (it is posed once).
                let accepted = g.state.ask_posed && !posed;
                posed = g.state.ask_posed;
                let ask = g
                    .state
                    .summit_ask
                    .map(|(i, l)| truce::report::dispatch::level_text(&g.scenario, i, l));
                if let (true, Some(ask)) = (accepted, ask) {
                    let shown = text(&draw(&mut a, 80, 24));
                    let flat = shown.split_whitespace().collect::<Vec<_>>().join(" ");
                    assert!(flat.contains("Last ask: "), "{shown}");
                    assert!(flat.contains(&ask), "{ask} in:\n{shown}");
                    assert!(flat.contains("grant it or sign without it"), "{shown}");
                    seen = true;
                    break 'scripts;
                }
            }
        }
    }
    assert!(
        seen,
        "no script agreed a package the week before the summit"
    );
}
