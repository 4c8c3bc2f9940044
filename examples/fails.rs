//! The seeds on which a strategy ends with no deal or below a threshold, with the Beijing drawn:
//! for studying where a line fails. `cargo run --release --example fails -- SCENARIO STRATEGY GAMES [BELOW]`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use truce::scenario;
use truce::sim::Strategy;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let name = args.get(1).map_or("autumn-2025", String::as_str);
    let strategy = args.get(2).map_or("patient", String::as_str);
    let games: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(200);
    let below: f64 = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(0.0);
    let sc = scenario::builtin(name).unwrap().unwrap();
    let strategy = Strategy::ALL
        .into_iter()
        .find(|s| s.name() == strategy)
        .unwrap();
    for seed in 1..=games {
        let r = truce::sim::play(&sc, strategy, seed);
        if r.state.signed.is_some() && r.scores.overall.value >= below {
            continue;
        }
        let b = &r.state.beijing;
        let kind = b
            .archetype
            .and_then(|k| sc.world.beijing.get(k))
            .map_or("neutral", |a| a.id.as_str());
        println!(
            "{seed:5} {kind:9} {:?} overall {:5.1} floor {:+.3} patience {:.2} pressure {:.2} firm {:.2} horizon {:.2}",
            r.state.outcome,
            r.scores.overall.value,
            b.floor,
            b.patience,
            b.pressure,
            b.firmness,
            b.horizon
        );
    }
}
