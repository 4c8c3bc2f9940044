//! `truce solve --fair`: a line a player could have followed. At each of its moves the search
//! values every candidate move on futures drawn afresh, plays each future to the end with a
//! fixed rollout policy (`adaptive`, which reads only what a player sees), takes the move with
//! the best mean score in the real game, sees what happens, and decides again (determinised
//! Monte Carlo, one step deep: a rollout algorithm).
//!
//! The futures read the other side as a player could: their Beijings are drawn from a belief
//! (`belief.rs`), candidates from the scenario's kinds weighted by how well each explains the
//! answers seen so far, and their dice are fresh. Never the game's own Beijing, nor the dice
//! still to fall. Threats and walk-outs are candidates whenever they are legal.
//!
//! The futures are the same for every candidate of a move (common random numbers, so two
//! candidates are compared on the same Beijings), drawn from the seed and the move's index only;
//! the playouts run on the rayon pool in batches whose results are summed in a fixed order, so
//! any number of threads gives the same line.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use crate::core::Beijing;
use crate::engine::{Action, State, apply, new_state, overall_value};
use crate::scenario::Scenario;
use crate::sim::Strategy;
use crate::sim::adaptive::adaptive_planned;
use crate::sim::belief::{self, Belief, Observation, mix};
use crate::sim::moves::moves;
use crate::sim::scripts_plan::Planner;
use crate::sim::solve::Solution;
use crate::sim::strategy::Ctx;

/// The rollout policy: the scripted reader of what a player sees.
pub const POLICY: Strategy = Strategy::Adaptive;
/// A rollout (or the line itself) never plays more moves than this.
const MAX_MOVES: usize = 200;
/// Futures played in parallel between two sums: memory stays flat for any budget.
const BATCH: usize = 256;
/// Keeps the futures' seeds apart from the game's and the oracle search's.
const SALT: u64 = 0xFA12_5EED_D1CE_0002;

/// The move the fair search takes in `state`, and the playouts it spent: `samples` futures
/// per candidate, started from the candidate Beijings of `belief`. `seed` and `decision` (the
/// move's index in the line) key the futures; the state's own dice and Beijing are never read.
pub fn fair_move(
    scenario: &Scenario,
    state: &State,
    belief: &Belief,
    seed: u64,
    decision: u64,
    samples: usize,
) -> (Action, usize) {
    let mut values = fair_values(scenario, state, belief, seed, decision, samples);
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

/// Every candidate move in `state` with its mean score (0..=100) over `samples` futures: games
/// of candidate Beijings drawn by their weight in `belief`, with fresh dice (`-inf` for a move
/// refused in some future). One candidate alone, or no samples, gives the candidates unvalued
/// (0). Of `state` only what a player sees is read: never its Beijing nor its dice.
pub fn fair_values(
    scenario: &Scenario,
    state: &State,
    belief: &Belief,
    seed: u64,
    decision: u64,
    samples: usize,
) -> Vec<(Action, f64)> {
    // Words and charts: nothing in the rules reads them back. The Beijing and the dice are
    // what a player cannot see: the moves are weighed without them.
    let mut base = state.clone_without_words();
    base.beijing = Beijing::NEUTRAL;
    base.rng = ChaCha8Rng::seed_from_u64(0);
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
    let key = mix(mix(seed ^ SALT) ^ decision);
    let worlds = belief.draw(samples, unit(key));
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
                let world = future(scenario, &base, worlds.get(s), key, s as u64);
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
    let mut belief = Belief::new(scenario, &state, seed, belief::SIZE);
    let mut line = Vec::new();
    let mut used = 0usize;
    let dpt = scenario.clock.days_per_turn.max(1);
    while state.outcome.is_none() && line.len() < MAX_MOVES {
        let decisions = (state.days_left(scenario) / dpt) as usize + 2;
        let share = playouts.saturating_sub(used) / decisions;
        let width = moves(scenario, &state).len().max(1) + 1;
        let samples = share / width;
        let decision = line.len() as u64;
        let (mut action, spent) = fair_move(scenario, &state, &belief, seed, decision, samples);
        used += spent;
        let rule = match apply(scenario, &mut state, &action, None) {
            Ok(rule) => rule,
            Err(_) => {
                // Cannot happen (every candidate is legal here); hold rather than stop the line.
                action = Action::Hold;
                match apply(scenario, &mut state, &action, None) {
                    Ok(rule) => rule,
                    Err(_) => break,
                }
            }
        };
        belief.observe(scenario, &action, &Observation::after(rule, &state));
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

/// Future `index` of a move keyed `key`: a candidate's game with fresh dice, keyed by the
/// seed, the move and the index only. `base` is the real table (its Beijing and dice unread).
fn future(
    scenario: &Scenario,
    base: &State,
    candidate: Option<&State>,
    key: u64,
    index: u64,
) -> State {
    // A candidate Beijing's state carries its replay's words: the playout needs none of them.
    let mut world = match candidate {
        Some(c) if belief::shows_the_same_table(c, base) => c.clone_without_words(),
        Some(c) => onto_the_table(scenario, base, c),
        None => base.clone(),
    };
    world.rng = ChaCha8Rng::seed_from_u64(mix(key ^ index.rotate_left(32)));
    world
}

/// The real table with a candidate's Beijing put in it, for a candidate whose own copy of the
/// game has parted from the real one (when every candidate missed some answer, the closest are
/// still drawn): a future must start from the moves the player can make now, or every one of
/// them would be refused there.
fn onto_the_table(scenario: &Scenario, base: &State, candidate: &State) -> State {
    let mut world = base.clone();
    world.beijing = candidate.beijing.clone();
    // The demand an agreement fixed is this Beijing's, never the real one's.
    world.agreed_demand = None;
    if world.agreed.is_some() {
        world.agreed_demand = match (&candidate.agreed, candidate.agreed_demand) {
            (Some(_), Some(d)) => Some(d),
            _ => Some(crate::ai::aspiration(scenario, &world)),
        };
    }
    world
}

/// A number in 0..1 from a key (its top 53 bits).
fn unit(key: u64) -> f64 {
    crate::core::num::count64(key >> 11) / crate::core::num::count64(1 << 53)
}

/// Plays `first` and then the policy to the end; the score 0..=100, `None` if `first` is refused.
fn play_out(scenario: &Scenario, mut state: State, first: &Action) -> Option<f64> {
    apply(scenario, &mut state, first, None).ok()?;
    // The policy (`adaptive`, as `POLICY.next_action` plays it) with its plan remembered
    // from week to week of the rollout.
    let mut planner = Planner::default();
    for _ in 0..MAX_MOVES {
        if state.outcome.is_some() {
            break;
        }
        let action = adaptive_planned(&Ctx::new(scenario, &state), Some(&mut planner));
        if apply(scenario, &mut state, &action, None).is_err()
            && apply(scenario, &mut state, &Action::Hold, None).is_err()
        {
            break;
        }
    }
    Some(overall_value(scenario, &state))
}

#[cfg(test)]
mod tests {
    use crate::scenario;
    use crate::sim::{Strategy, play};

    /// The futures start from copies without words: they must be the state itself, log and
    /// trace emptied, and nothing else changed.
    #[test]
    fn a_copy_without_words_is_the_state_without_its_log_and_trace() {
        let Some(Ok(s)) = scenario::builtin("autumn-2025") else {
            panic!("the built-in scenario loads");
        };
        let state = play(&s, Strategy::Structural, 3).state;
        assert!(!state.log.is_empty() && !state.trace.is_empty());
        let mut expected = state.clone();
        expected.log = Vec::new();
        expected.trace = Vec::new();
        assert_eq!(state.clone_without_words(), expected);
    }
}
