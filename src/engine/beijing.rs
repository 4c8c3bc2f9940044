//! Drawing Beijing's private type for one game from its scenario's ranges.
//!
//! The draw has its own stream of the seeded generator, so it never shifts the dice of the game
//! itself, and the same seed draws the same Beijing on every machine. A served class mixes its
//! class key into the draw (`draw_keyed`), so the seed on the board is not enough to compute it.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::core::Beijing;
use crate::scenario::{Archetype, Scenario};

/// The generator stream the type is drawn from (the game's dice use stream 0).
const TYPE_STREAM: u64 = 0x0062_6569_6a69_6e67; // "beijing"

/// The Beijing of this scenario and seed: neutral when the scenario defines no kinds.
pub fn draw(scenario: &Scenario, seed: u64) -> Beijing {
    draw_keyed(scenario, seed, &[])
}

/// The Beijing of this scenario, seed and class key (empty: no key).
pub fn draw_keyed(scenario: &Scenario, seed: u64, key: &[u8]) -> Beijing {
    let kinds = &scenario.world.beijing;
    if kinds.is_empty() {
        return Beijing::NEUTRAL;
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ key_mix(key));
    rng.set_stream(TYPE_STREAM);
    let total: f64 = kinds.iter().map(|a| a.weight.max(0.0)).sum();
    let mut pick: f64 = rng.random::<f64>() * total;
    let mut index = kinds.len() - 1;
    for (k, a) in kinds.iter().enumerate() {
        pick -= a.weight.max(0.0);
        if pick < 0.0 {
            index = k;
            break;
        }
    }
    let a = &kinds[index];
    let mut within = |(lo, hi): (f64, f64)| lo + (hi - lo) * rng.random::<f64>();
    let floor = within(a.floor);
    let patience = within(a.patience);
    let pressure = within(a.pressure);
    let threat = within(a.threat);
    let reads_us = within(a.reads_us);
    let firmness = within(a.firmness);
    let weights = weights(scenario, a, &mut rng);
    // Drawn last, so the parameters above are what they were before it existed.
    let horizon = (a.horizon.0 + (a.horizon.1 - a.horizon.0) * rng.random::<f64>()).max(1.0);
    // After the horizon, for the same reason: each of the kind's own red lines, held or not.
    let red_lines = (a.red_lines.iter().enumerate())
        .filter(|&(_, &(_, chance))| rng.random::<f64>() < chance)
        .map(|(r, _)| r)
        .collect();
    Beijing {
        archetype: Some(index),
        floor,
        patience,
        pressure,
        threat,
        reads_us,
        firmness,
        horizon,
        weights,
        red_lines,
    }
}

/// Each issue's weight multiplier, 1 ± up to the archetype's spread, rescaled so China's
/// weights still sum as the scenario's do (the spread moves priorities, not the whole scale).
fn weights(scenario: &Scenario, a: &Archetype, rng: &mut ChaCha8Rng) -> Vec<f64> {
    let spread = a.weight_spread.clamp(0.0, 0.9);
    let raw: Vec<f64> = scenario
        .issues
        .iter()
        .map(|issue| {
            let lean = a
                .leans
                .iter()
                .find(|(id, _)| *id == issue.id)
                .map_or(1.0, |(_, m)| m.max(0.0));
            lean * (1.0 + spread * (2.0 * rng.random::<f64>() - 1.0))
        })
        .collect();
    let before: f64 = scenario.issues.iter().map(|i| i.china_weight).sum();
    let after: f64 = scenario
        .issues
        .iter()
        .zip(&raw)
        .map(|(i, m)| i.china_weight * m)
        .sum();
    let scale = if after > 1e-12 { before / after } else { 1.0 };
    raw.into_iter().map(|m| m * scale).collect()
}

/// A key folded to 64 bits (FNV-1a): enough to make the draw unknowable without the key.
fn key_mix(key: &[u8]) -> u64 {
    if key.is_empty() {
        return 0;
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in key {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The archetype a Beijing was drawn from, if any.
pub fn archetype<'a>(scenario: &'a Scenario, b: &Beijing) -> Option<&'a Archetype> {
    b.archetype.and_then(|k| scenario.world.beijing.get(k))
}
