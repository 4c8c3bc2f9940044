//! Lists the kind of Beijing each seed draws in a scenario, for tuning the type ranges.
//! `cargo run --release --example kinds -- SCENARIO FIRST LAST`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use truce::engine::new_state;
use truce::scenario;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let name = args.get(1).map_or("autumn-2025", String::as_str);
    let first: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let last: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(20);
    let sc = scenario::builtin(name).unwrap().unwrap();
    for seed in first..=last {
        let b = new_state(&sc, seed).beijing;
        let kind = b
            .archetype
            .map_or("neutral", |i| sc.world.beijing[i].id.as_str());
        println!(
            "{seed:>4} {kind:<10} floor {:+.3} patience {:.2} pressure {:.2} threat {:.2} reads {:.2} firm {:.2} horizon {:.2}",
            b.floor, b.patience, b.pressure, b.threat, b.reads_us, b.firmness, b.horizon
        );
    }
}
