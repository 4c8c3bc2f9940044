//! How each scripted strategy fares against each kind of Beijing, for tuning a scenario's types.
//! `cargo run --release --example types -- [SCENARIO] [GAMES]`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::cast_precision_loss
)]

use std::collections::BTreeMap;

use truce::scenario;
use truce::sim::Strategy;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let name = args.get(1).map_or("autumn-2025", String::as_str);
    let games: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(500);
    let sc = scenario::builtin(name).unwrap().unwrap();
    println!(
        "{name}: {games} games per strategy; per kind of Beijing: games, mean overall, deals %"
    );
    for strategy in Strategy::ALL {
        let mut by: BTreeMap<String, (u32, f64, u32)> = BTreeMap::new();
        let mut packages: BTreeMap<String, u32> = BTreeMap::new();
        let mut all = Vec::new();
        for seed in 1..=games {
            let r = truce::sim::play(&sc, strategy, seed);
            let kind = r
                .state
                .beijing
                .archetype
                .and_then(|k| sc.world.beijing.get(k))
                .map_or("neutral".to_string(), |a| a.id.clone());
            let e = by.entry(kind).or_default();
            e.0 += 1;
            e.1 += r.scores.overall.value;
            all.push(r.scores.overall.value);
            if let Some(p) = &r.state.signed {
                e.2 += 1;
                *packages.entry(format!("{:?}", p.0)).or_default() += 1;
            } else {
                *packages.entry("none".into()).or_default() += 1;
            }
        }
        all.sort_by(f64::total_cmp);
        let n = all.len() as f64;
        let mean = all.iter().sum::<f64>() / n;
        let sd = (all.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n).sqrt();
        let p10 = all[all.len() / 10];
        let modal = packages.values().max().copied().unwrap_or(0) as f64 / n;
        print!(
            "{:<14} mean {mean:5.1} sd {sd:4.1} p10 {p10:5.1} modal {:3.0}% |",
            strategy.name(),
            modal * 100.0
        );
        for (k, (g, sum, deals)) in &by {
            print!(
                " {k} {:5.1} {:3.0}% |",
                sum / f64::from(*g),
                100.0 * f64::from(*deals) / f64::from(*g)
            );
        }
        println!();
    }
}
