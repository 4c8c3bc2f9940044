//! Playing many headless games and summarising them per strategy.

use crate::core::num::{count, count64};
use std::collections::BTreeMap;
use std::ops::ControlFlow;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use crate::core::{Rule, SummitStatus};
use crate::engine::{Action, Outcome, Scorecard, State, apply, new_state, scorecard};
use crate::scenario::Scenario;
use crate::sim::{Scores, Strategy};

/// A game can never need more moves than this; a guard against a strategy that loops.
const MAX_MOVES: usize = 200;

/// One finished headless game.
#[derive(Debug, Clone)]
pub struct GameResult {
    /// The final state.
    pub state: State,
    /// Every accepted action.
    pub actions: Vec<Action>,
    /// The scores.
    pub scores: Scorecard,
    /// The rule behind each of China's answers, and whether it answered a proposal.
    pub rules: Vec<(Rule, bool)>,
}

/// Plays one game with a strategy from a seed. The strategy's own choices draw from a second
/// RNG derived from the seed, so they never disturb the game's.
pub fn play(scenario: &Scenario, strategy: Strategy, seed: u64) -> GameResult {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x005E_ED0F_57A7_E6E5);
    let memory = std::cell::RefCell::default();
    play_with(scenario, seed, |state| {
        strategy.next_action_remembering(scenario, state, &mut rng, &memory)
    })
}

/// Plays one game from a seed with `next` choosing each US move (a script or a probe).
pub(crate) fn play_with(
    scenario: &Scenario,
    seed: u64,
    mut next: impl FnMut(&State) -> Action,
) -> GameResult {
    let mut state = new_state(scenario, seed);
    let mut actions = Vec::new();
    let mut rules = Vec::new();
    for _ in 0..MAX_MOVES {
        if state.outcome.is_some() {
            break;
        }
        let mut action = next(&state);
        // `apply` is `step` without the turn's record: the answer's rule is all a game keeps.
        let answered = match apply(scenario, &mut state, &action, None) {
            Ok(rule) => Some(rule),
            Err(_) => {
                // A strategy should only pick legal moves; if one slips, hold.
                action = Action::Hold;
                apply(scenario, &mut state, &action, None).ok()
            }
        };
        if let Some(rule) = answered {
            if let Some(rule) = rule {
                rules.push((rule, matches!(action, Action::Propose(_))));
            }
            actions.push(action);
        }
    }
    let scores = scorecard(scenario, &state);
    GameResult {
        state,
        actions,
        scores,
        rules,
    }
}

/// What one strategy achieved over its games.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StrategySummary {
    /// Strategy name.
    pub name: String,
    /// Games played.
    pub games: usize,
    /// Count of each outcome by key.
    pub outcomes: BTreeMap<String, usize>,
    /// Share of games with at least one mineral restriction.
    pub restriction_rate: f64,
    /// Mean negotiating turns.
    pub mean_turns: f64,
    /// Mean scores.
    pub mean_scores: Scores,
    /// Of the games that reach the summit's week without a walk-out or escalation, the share in
    /// which the summit takes place.
    pub summit_rate: f64,
    /// How often each of China's rules decided an answer (all answers).
    pub rules: BTreeMap<String, usize>,
    /// How often each rule decided China's answer to a proposal.
    pub proposal_rules: BTreeMap<String, usize>,
    /// Standard deviation of the overall score over the games.
    pub overall_sd: f64,
    /// The overall score's 10th percentile (the game of rank games / 10, worst first).
    pub overall_p10: f64,
    /// Share of games whose outcome is the strategy's most common one: the package it signs
    /// most often, or no deal when that is more common than any package.
    pub modal_share: f64,
    /// That most common package, issue by issue; `null` when no deal is the most common.
    pub modal_package: Option<Vec<crate::sim::IssueLevel>>,
}

impl StrategySummary {
    /// Share of games ending in this outcome.
    pub fn share(&self, outcome: Outcome) -> f64 {
        count(self.outcomes.get(outcome.key()).copied().unwrap_or(0)) / count(self.games.max(1))
    }
}

/// The simulator's report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Scenario name.
    pub scenario: String,
    /// First seed.
    pub seed: u64,
    /// Games per strategy.
    pub games: usize,
    /// One entry per strategy.
    pub strategies: Vec<StrategySummary>,
}

/// Plays `games` games per strategy, with seeds `seed`, `seed + 1`, … shared by every strategy;
/// `each` sees every finished game (for saving). Games are played in batches and summarised as
/// they come, so memory stays the same for any number of games.
pub fn simulate(
    scenario: &Scenario,
    strategies: &[Strategy],
    games: usize,
    seed: u64,
    mut each: impl FnMut(Strategy, u64, &GameResult),
) -> Summary {
    let (summary, _) = summarise(scenario, strategies, games, seed, |st, seed, result| {
        each(st, seed, result);
        ControlFlow::Continue(())
    });
    summary
}

/// `simulate`, stopped as soon as `each` breaks (a save that failed, say): `Break` then, with
/// the games after it never played.
pub fn simulate_until(
    scenario: &Scenario,
    strategies: &[Strategy],
    games: usize,
    seed: u64,
    each: impl FnMut(Strategy, u64, &GameResult) -> ControlFlow<()>,
) -> ControlFlow<(), Summary> {
    match summarise(scenario, strategies, games, seed, each) {
        (summary, false) => ControlFlow::Continue(summary),
        (_, true) => ControlFlow::Break(()),
    }
}

/// The summary of the games played, and whether `each` stopped them.
fn summarise(
    scenario: &Scenario,
    strategies: &[Strategy],
    games: usize,
    seed: u64,
    mut each: impl FnMut(Strategy, u64, &GameResult) -> ControlFlow<()>,
) -> (Summary, bool) {
    let mut stopped = false;
    let mut summaries = Vec::with_capacity(strategies.len());
    for &strategy in strategies {
        if stopped {
            break;
        }
        summaries.push({
            let mut outcomes: BTreeMap<String, usize> = Outcome::ALL
                .iter()
                .map(|o| (o.key().to_string(), 0))
                .collect();
            let (mut restricted, mut turns) = (0usize, 0u64);
            let (mut reached, mut held) = (0usize, 0usize);
            // Per rule: (answers, answers to proposals); named once at the end, not per answer.
            let mut tally: Vec<(Rule, usize, usize)> = Vec::new();
            let mut sums = Scores::default();
            let mut spread = crate::sim::spread::Spread::new();
            for (game_seed, result) in crate::sim::par::games(scenario, strategy, seed, games) {
                if stopped {
                    break;
                }
                let s = &result.state;
                if let Some(o) = s.outcome {
                    *outcomes.entry(o.key().to_string()).or_default() += 1;
                }
                restricted += usize::from(s.max_rung > 0);
                if reached_summit(scenario, s) {
                    reached += 1;
                    held += usize::from(s.summit_held);
                }
                for &(rule, proposal) in &result.rules {
                    let at = match tally.iter().position(|t| t.0 == rule) {
                        Some(at) => at,
                        None => {
                            tally.push((rule, 0, 0));
                            tally.len() - 1
                        }
                    };
                    tally[at].1 += 1;
                    tally[at].2 += usize::from(proposal);
                }
                turns += u64::from(s.turns);
                sums.add(&Scores::from(&result.scores));
                spread.add(result.scores.overall.value, s.signed.as_ref());
                stopped = each(strategy, game_seed, &result).is_break();
            }
            let rules: BTreeMap<String, usize> =
                tally.iter().map(|&(r, n, _)| (rule_key(r), n)).collect();
            let proposal_rules: BTreeMap<String, usize> = tally
                .iter()
                .filter(|t| t.2 > 0)
                .map(|&(r, _, n)| (rule_key(r), n))
                .collect();
            let figures = spread.figures();
            let n = count(games.max(1));
            let round = |x: f64| (x / n * 100.0).round() / 100.0;
            StrategySummary {
                name: strategy.name().to_string(),
                games,
                outcomes,
                restriction_rate: round(count(restricted)),
                mean_turns: round(count64(turns)),
                mean_scores: sums.map(round),
                summit_rate: if reached == 0 {
                    1.0
                } else {
                    (count(held) / count(reached) * 1000.0).round() / 1000.0
                },
                rules,
                proposal_rules,
                overall_sd: figures.sd,
                overall_p10: figures.p10,
                modal_share: figures.modal_share,
                modal_package: figures
                    .modal
                    .as_ref()
                    .map(|p| crate::sim::package_levels(scenario, p)),
            }
        });
    }
    let summary = Summary {
        scenario: scenario.name.clone(),
        seed,
        games,
        strategies: summaries,
    };
    (summary, stopped)
}

/// Whether a game reached the summit's week with the talks still on (no walk-out or escalation
/// before it).
fn reached_summit(scenario: &Scenario, s: &State) -> bool {
    let Some(day) = scenario
        .clock
        .summit
        .as_ref()
        .and_then(|x| scenario.day_of(&x.date))
    else {
        return false;
    };
    if s.summit_held {
        return true;
    }
    let ended_early = matches!(
        s.outcome,
        Some(Outcome::UsWalkedAway | Outcome::Escalation | Outcome::TruceExtended)
    );
    !ended_early
        && s.day + scenario.clock.days_per_turn > day
        && s.summit != SummitStatus::NotScheduled
}

/// The snake_case name of a rule, for JSON.
pub fn rule_key(rule: Rule) -> String {
    let name = format!("{rule:?}");
    let mut out = String::with_capacity(name.len() + 4);
    for (i, ch) in name.chars().enumerate() {
        if ch.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(ch.to_ascii_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    /// A game's memory only saves work: with it every strategy plays the very moves it plays
    /// when each move is worked out afresh (a plan remembered past a change it rests on would
    /// show here).
    #[test]
    fn a_remembering_game_plays_the_same_moves_as_a_fresh_one() {
        for name in ["autumn-2025", "phase-one-2019", "rare-earth-shock"] {
            let s = crate::scenario::builtin(name).unwrap().unwrap();
            for strategy in Strategy::ALL {
                for seed in 1..=12 {
                    let remembered = play(&s, strategy, seed);
                    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x005E_ED0F_57A7_E6E5);
                    let fresh =
                        play_with(&s, seed, |state| strategy.next_action(&s, state, &mut rng));
                    assert_eq!(
                        remembered.actions,
                        fresh.actions,
                        "{name} {} seed {seed}",
                        strategy.name()
                    );
                }
            }
        }
    }
}
