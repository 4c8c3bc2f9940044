//! Plays one probe game and prints its moves, Beijing's answers and the scores, for hunting the
//! tricks the probes stand for. `cargo run --release --example probe -- PROBE SEED`
//! (TRUCE_SCENARIO picks another built-in).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use truce::engine::scorecard;
use truce::scenario;
use truce::sim::Probe;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let name = std::env::var("TRUCE_SCENARIO").unwrap_or_else(|_| "autumn-2025".into());
    let sc = scenario::builtin(&name).unwrap().unwrap();
    let probe = Probe::ALL
        .into_iter()
        .find(|p| Some(p.name()) == args.get(1).map(String::as_str))
        .unwrap_or(Probe::SkipTime);
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let r = probe.play(&sc, seed);
    for d in &r.state.log {
        println!(
            "w{:>2} {:?}: {}",
            d.week,
            d.source,
            truce::report::dispatch_text(&sc, d)
        );
    }
    for (name, score) in scorecard(&sc, &r.state).named() {
        println!("{name:>15}: {:>5.1}  {}", score.value, score.reason);
    }
}
