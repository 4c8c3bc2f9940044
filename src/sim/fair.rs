//! `truce solve --fair`: a line a player could have followed. At each of its moves the search
//! values every candidate move on futures drawn afresh — a Beijing drawn from the scenario's
//! kinds with another seed, and other dice — never the game's own dice nor the Beijing it drew,
//! plays each future to the end with a fixed rollout policy (`adaptive`, which reads only what a
//! player sees), takes the move with the best mean score in the real game, sees what happens,
//! and decides again (determinised Monte Carlo, one step deep: a rollout algorithm).
//!
//! The futures are the same for every candidate of a move (common random numbers, so two
//! candidates are compared on the same Beijings), drawn from the seed and the move's index only;
//! the playouts run on the rayon pool in batches whose results are summed in a fixed order, so
//! any number of threads gives the same line.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use crate::engine::{Action, State, apply, beijing, new_state, overall_value};
use crate::scenario::Scenario;
use crate::sim::Strategy;
use crate::sim::moves::moves;
use crate::sim::solve::Solution;

/// The rollout policy: the scripted reader of what a player sees.
pub const POLICY: Strategy = Strategy::Adaptive;
/// A rollout (or the line itself) never plays more moves than this.
const MAX_MOVES: usize = 200;
/// Futures played in parallel between two sums: memory stays flat for any budget.
const BATCH: usize = 256;
/// Keeps the futures' seeds apart from the game's and the oracle search's.
const SALT: u64 = 0xFA12_5EED_D1CE_0002;

/// The move the fair search takes in `state`, and the playouts it spent: `samples` futures
/// per candidate. `seed` and `decision` (the move's index in the line) key the futures; the
/// state's own dice and Beijing are never read (each future replaces both).
pub fn fair_move(
    scenario: &Scenario,
    state: &State,
    seed: u64,
    decision: u64,
    samples: usize,
) -> (Action, usize) {
    let mut values = fair_values(scenario, state, seed, decision, samples);
    let spent = if values.len() > 1 {
        samples * values.len()
    } else {
        0
    };
    let mut pick = 0usize;
    for c in 1..values.len() {
        if values[c].1 > values[pick].1 {
            pick = c;
        }
    }
    let action = if values.is_empty() {
        Action::Hold
    } else {
        values.swap_remove(pick).0
    };
    (action, spent)
}

/// Every candidate move in `state` with its mean score (0..=100) over `samples` futures drawn
/// afresh (`-inf` for a move refused in some future); one candidate alone, or no samples, gives
/// the candidates unvalued (0).
pub fn fair_values(
    scenario: &Scenario,
    state: &State,
    seed: u64,
    decision: u64,
    samples: usize,
) -> Vec<(Action, f64)> {
    let mut base = state.clone();
    // Words and charts: nothing in the rules reads them back, and every future would copy them.
    base.log = Vec::new();
    base.trace = Vec::new();
    let mut rng = ChaCha8Rng::seed_from_u64(0);
    let policy = POLICY.next_action(scenario, &base, &mut rng);
    let mut candidates = moves(scenario, &base);
    // The policy's own move is always a candidate: the line is then the policy improved.
    if !candidates.contains(&policy) && apply(scenario, &mut base.clone(), &policy, None).is_ok() {
        candidates.push(policy.clone());
    }
    if candidates.len() <= 1 || samples == 0 {
        // Nothing to compare, or no budget left: the policy's move.
        let only = candidates.pop().filter(|_| samples > 0).unwrap_or(policy);
        return vec![(only, 0.0)];
    }
    let n = candidates.len();
    let mut sums = vec![0.0f64; n];
    let mut refused = vec![false; n];
    let mut k = 0usize;
    while k < samples {
        let upto = samples.min(k + BATCH.div_ceil(n).max(1));
        let jobs: Vec<(usize, usize)> = (k..upto)
            .flat_map(|s| (0..n).map(move |c| (s, c)))
            .collect();
        let scores: Vec<Option<f64>> = jobs
            .par_iter()
            .map(|&(s, c)| {
                let world = future(scenario, &base, seed, decision, s as u64);
                play_out(scenario, world, &candidates[c])
            })
            .collect();
        for (&(_, c), score) in jobs.iter().zip(scores) {
            match score {
                Some(x) => sums[c] += x,
                None => refused[c] = true,
            }
        }
        k = upto;
    }
    let per = crate::core::num::count(samples);
    candidates
        .into_iter()
        .zip(sums.iter().zip(&refused))
        .map(|(a, (&sum, &no))| (a, if no { f64::NEG_INFINITY } else { sum / per }))
        .collect()
}

/// The fair search's whole line from the start of the game with this seed, within `playouts`
/// playouts: each move gets an even share of what is left over the weeks still to play; once
/// the budget is spent, the policy plays on alone.
pub fn solve_fair(scenario: &Scenario, seed: u64, playouts: usize) -> Solution {
    let mut state = new_state(scenario, seed);
    let mut line = Vec::new();
    let mut used = 0usize;
    let dpt = scenario.clock.days_per_turn.max(1);
    while state.outcome.is_none() && line.len() < MAX_MOVES {
        let decisions = (state.days_left(scenario) / dpt) as usize + 2;
        let share = playouts.saturating_sub(used) / decisions;
        let width = moves(scenario, &state).len().max(1) + 1;
        let samples = share / width;
        let (action, spent) = fair_move(scenario, &state, seed, line.len() as u64, samples);
        used += spent;
        if apply(scenario, &mut state, &action, None).is_err() {
            // Cannot happen (every candidate is legal here); hold rather than stop the line.
            if apply(scenario, &mut state, &Action::Hold, None).is_err() {
                break;
            }
            line.push(Action::Hold);
            continue;
        }
        line.push(action);
    }
    Solution {
        seed,
        playouts: used,
        nodes: 0,
        overall: overall_value(scenario, &state),
        line,
        tree_full: false,
    }
}

/// Future `index` of move `decision`: the state with a Beijing drawn afresh from the scenario's
/// kinds and fresh dice, both keyed by the seed, the move and the index only.
fn future(scenario: &Scenario, base: &State, seed: u64, decision: u64, index: u64) -> State {
    let mut world = base.clone();
    let key = mix(mix(mix(seed ^ SALT) ^ decision) ^ index.rotate_left(32));
    // Never the seed's own draw (a collision is astronomically rare; step past it anyway).
    let key = if key == seed {
        key.wrapping_add(1)
    } else {
        key
    };
    world.beijing = beijing::draw(scenario, key);
    world.rng = ChaCha8Rng::seed_from_u64(mix(key));
    world
}

/// Plays `first` and then the policy to the end; the score 0..=100, `None` if `first` is refused.
fn play_out(scenario: &Scenario, mut state: State, first: &Action) -> Option<f64> {
    apply(scenario, &mut state, first, None).ok()?;
    let mut rng = ChaCha8Rng::seed_from_u64(0);
    for _ in 0..MAX_MOVES {
        if state.outcome.is_some() {
            break;
        }
        let action = POLICY.next_action(scenario, &state, &mut rng);
        if apply(scenario, &mut state, &action, None).is_err()
            && apply(scenario, &mut state, &Action::Hold, None).is_err()
        {
            break;
        }
    }
    Some(overall_value(scenario, &state))
}

/// SplitMix64's finaliser: spreads a key over all 64 bits.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
