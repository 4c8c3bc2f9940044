//! Prints one scripted game's dispatches and China's reasoning, for tuning the scenario.
//! `cargo run --example trace -- STRATEGY SEED` (TRUCE_SCENARIO picks another built-in)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use truce::engine::{Action, new_state, scorecard, step};
use truce::scenario;
use truce::sim::Strategy;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let strategy = args
        .get(1)
        .and_then(|s| Strategy::from_name(s))
        .unwrap_or(Strategy::Structural);
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let name = std::env::var("TRUCE_SCENARIO").unwrap_or_else(|_| "autumn-2025".into());
    let Some(Ok(sc)) = scenario::builtin(&name) else {
        eprintln!("no scenario");
        return;
    };
    let result = truce::sim::play(&sc, strategy, seed);
    let mut state = new_state(&sc, seed);
    for a in &result.actions {
        let turn = step(&sc, &mut state, a.clone());
        if let (Ok(t), Action::Propose(_) | Action::AcceptCounter | Action::Threaten) = (&turn, a)
            && let Some(ans) = &t.answer
        {
            {
                let w = &ans.why;
                println!(
                    "  week {} {:?}: rule {:?} u={:?} asp={:.3} nd={:.3} shares={:?}/{:?} trust={:.0} cred={:.2}",
                    t.week,
                    a.label(),
                    w.rule,
                    w.utility.map(|u| (u * 1000.0).round() / 1000.0),
                    w.aspiration,
                    w.no_deal,
                    w.us_share.map(|r| (r * 100.0).round() / 100.0),
                    w.china_share.map(|r| (r * 100.0).round() / 100.0),
                    w.trust,
                    w.credibility
                );
            }
        }
    }
    for d in &state.log {
        println!(
            "w{:>2} {:?}: {}",
            d.week,
            d.source,
            truce::report::dispatch_text(&sc, d)
        );
    }
    let s = scorecard(&sc, &state);
    for (name, score) in s.named() {
        println!("{name:>15}: {:>5.1}  {}", score.value, score.reason);
    }
}
