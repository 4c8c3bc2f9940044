//! Playing many headless games and summarising them per strategy.

use std::collections::BTreeMap;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use crate::engine::{Action, Outcome, Scorecard, State, new_state, scorecard, step};
use crate::scenario::Scenario;
use crate::sim::Strategy;

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
}

/// Plays one game with a strategy from a seed. The strategy's own choices draw from a second
/// RNG derived from the seed, so they never disturb the game's.
pub fn play(scenario: &Scenario, strategy: Strategy, seed: u64) -> GameResult {
    let mut state = new_state(scenario, seed);
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x005E_ED0F_57A7_E6E5);
    let mut actions = Vec::new();
    for _ in 0..MAX_MOVES {
        if state.outcome.is_some() {
            break;
        }
        let action = strategy.next_action(scenario, &state, &mut rng);
        match step(scenario, &mut state, action.clone()) {
            Ok(_) => actions.push(action),
            Err(_) => {
                // A strategy should only pick legal moves; if one slips, hold the status quo.
                let fallback = Action::Propose(scenario.status_quo());
                if step(scenario, &mut state, fallback.clone()).is_ok() {
                    actions.push(fallback);
                }
            }
        }
    }
    let scores = scorecard(scenario, &state);
    GameResult {
        state,
        actions,
        scores,
    }
}

/// Mean scores over a strategy's games.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MeanScores {
    /// Mean US value.
    pub us_value: f64,
    /// Mean durability.
    pub durability: f64,
    /// Mean balance.
    pub balance: f64,
    /// Mean headline.
    pub headline: f64,
    /// Mean security.
    pub security: f64,
    /// Mean damage avoided.
    pub damage: f64,
    /// Mean overall.
    pub overall: f64,
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
    pub mean_scores: MeanScores,
}

impl StrategySummary {
    /// Share of games ending in this outcome.
    pub fn share(&self, outcome: Outcome) -> f64 {
        self.outcomes.get(outcome.key()).copied().unwrap_or(0) as f64 / self.games.max(1) as f64
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
/// `each` sees every finished game (for saving).
pub fn simulate(
    scenario: &Scenario,
    strategies: &[Strategy],
    games: usize,
    seed: u64,
    mut each: impl FnMut(Strategy, u64, &GameResult),
) -> Summary {
    let strategies = strategies
        .iter()
        .map(|&strategy| {
            let mut outcomes: BTreeMap<String, usize> = Outcome::ALL
                .iter()
                .map(|o| (o.key().to_string(), 0))
                .collect();
            let (mut restricted, mut turns) = (0usize, 0u64);
            let mut sums = MeanScores::default();
            for (game_seed, result) in crate::sim::par::games(scenario, strategy, seed, games) {
                let s = &result.state;
                if let Some(o) = s.outcome {
                    *outcomes.entry(o.key().to_string()).or_default() += 1;
                }
                restricted += usize::from(s.max_rung > 0);
                turns += u64::from(s.turns);
                let sc = &result.scores;
                sums.us_value += sc.us_value.value;
                sums.durability += sc.durability.value;
                sums.balance += sc.balance.value;
                sums.headline += sc.headline.value;
                sums.security += sc.security.value;
                sums.damage += sc.damage.value;
                sums.overall += sc.overall.value;
                each(strategy, game_seed, &result);
            }
            let n = games.max(1) as f64;
            let round = |x: f64| (x / n * 100.0).round() / 100.0;
            StrategySummary {
                name: strategy.name().to_string(),
                games,
                outcomes,
                restriction_rate: round(restricted as f64),
                mean_turns: round(turns as f64),
                mean_scores: MeanScores {
                    us_value: round(sums.us_value),
                    durability: round(sums.durability),
                    balance: round(sums.balance),
                    headline: round(sums.headline),
                    security: round(sums.security),
                    damage: round(sums.damage),
                    overall: round(sums.overall),
                },
            }
        })
        .collect();
    Summary {
        scenario: scenario.name.clone(),
        seed,
        games,
        strategies,
    }
}
