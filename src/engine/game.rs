//! A game as its scenario, its seed and its list of actions: the state is what replaying gives.

use std::sync::Arc;

use crate::engine::{Action, ActionError, State, Turn, new_state, step};
use crate::scenario::Scenario;

/// One game, event-sourced: every accepted action is kept with China's answer.
#[derive(Debug, Clone)]
pub struct Game {
    /// The scenario being played.
    pub scenario: Arc<Scenario>,
    /// The seed the game started from.
    pub seed: u64,
    /// The state after the last action.
    pub state: State,
    /// Every accepted action, in order, with what followed.
    pub history: Vec<Turn>,
}

impl Game {
    /// A new game at the start of the scenario.
    pub fn new(scenario: Arc<Scenario>, seed: u64) -> Game {
        let state = new_state(&scenario, seed);
        Game {
            scenario,
            seed,
            state,
            history: Vec::new(),
        }
    }

    /// Applies one action; a refused action changes nothing.
    pub fn apply(&mut self, action: Action) -> Result<&Turn, ActionError> {
        let turn = step(&self.scenario, &mut self.state, action)?;
        let index = self.history.len();
        self.history.push(turn);
        Ok(&self.history[index])
    }

    /// The actions taken so far.
    pub fn actions(&self) -> Vec<Action> {
        self.history.iter().map(|t| t.action.clone()).collect()
    }

    /// Replays `actions` from the seed; stops at the first refused action with its index.
    pub fn replay(
        scenario: Arc<Scenario>,
        seed: u64,
        actions: &[Action],
    ) -> Result<Game, (usize, ActionError)> {
        let mut game = Game::new(scenario, seed);
        for (i, a) in actions.iter().enumerate() {
            game.apply(a.clone()).map_err(|e| (i, e))?;
        }
        Ok(game)
    }
}
