//! The same scenario, seed and moves give the same game on every machine: a golden fingerprint
//! of finished games, computed from their full serialised state (meters, log, RNG and all).
//!
//! If a deliberate change to the rules or the scenario moves this fingerprint, update the
//! constant in the same commit and say so; saves of the old rules will then no longer replay.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use truce::persist::format::fnv1a64;
use truce::sim::{Strategy, play};

/// Fingerprint of 5 games of every strategy (seeds 1..=5) of the built-in scenario.
const GOLDEN: u64 = 0x24bf_e22c_51b0_3944;

#[test]
fn finished_games_match_the_golden_fingerprint() {
    let s = common::scenario();
    let mut all = String::new();
    for strategy in Strategy::ALL {
        for seed in 1..=5 {
            let r = play(&s, strategy, seed);
            all.push_str(&ron::to_string(&r.state).expect("state serialises"));
            all.push_str(&format!("{:?}", r.scores.overall.value));
        }
    }
    let fingerprint = fnv1a64(all.as_bytes());
    assert_eq!(
        fingerprint, GOLDEN,
        "the games changed: fingerprint {fingerprint:#x} (see this file's header)"
    );
}
