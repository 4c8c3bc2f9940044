//! A game as its scenario, its seed and its list of actions: the state is what replaying gives.

use std::sync::Arc;

use crate::engine::{Action, ActionError, State, Turn, new_state_keyed, step};
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
    /// The key Beijing's hidden type was drawn with besides the seed (a served class's draw
    /// key, so the seed on the board is not enough to compute it); empty: none.
    pub draw_key: Vec<u8>,
}

impl Game {
    /// A new game at the start of the scenario.
    pub fn new(scenario: Arc<Scenario>, seed: u64) -> Game {
        Game::new_keyed(scenario, seed, &[])
    }

    /// A new game whose Beijing is drawn with `draw_key` as well as the seed.
    pub fn new_keyed(scenario: Arc<Scenario>, seed: u64, draw_key: &[u8]) -> Game {
        let state = new_state_keyed(&scenario, seed, draw_key);
        Game {
            scenario,
            seed,
            state,
            history: Vec::new(),
            draw_key: draw_key.to_vec(),
        }
    }

    /// Applies one action; a refused action changes nothing.
    pub fn apply(&mut self, action: Action) -> Result<&Turn, ActionError> {
        let turn = step(&self.scenario, &mut self.state, action)?;
        let index = self.history.len();
        self.history.push(turn);
        Ok(&self.history[index])
    }

    /// Applies one action as a player's move. Putting an issue back where it stood before the
    /// previous action (that action took the same issue the other way, and the pair changes
    /// nothing but the dispatches it logged) takes the previous action back instead of adding
    /// one: `Ok(None)`, and the game is as it was before it. So toggling an issue is never a
    /// move and holding Space cannot grow a save. An opening that cost days of preparation is
    /// not undone this way: the days stay spent and closing the issue again is a move.
    ///
    /// Replays use `apply`, which records every action, so an old save holding such pairs
    /// replays exactly as it was written.
    pub fn act(&mut self, action: Action) -> Result<Option<&Turn>, ActionError> {
        if let Some(before) = self.taken_back_by(&action)? {
            *self = before;
            return Ok(None);
        }
        self.apply(action).map(Some)
    }

    /// The game before the last action, when `action` undoes it exactly (see `act`); an error
    /// when `action` is refused.
    fn taken_back_by(&self, action: &Action) -> Result<Option<Game>, ActionError> {
        let Action::Agenda { issue, on } = *action else {
            return Ok(None);
        };
        let Some((last, earlier)) = self.history.split_last() else {
            return Ok(None);
        };
        if last.action != (Action::Agenda { issue, on: !on }) {
            return Ok(None);
        }
        let mut after = self.state.clone();
        step(&self.scenario, &mut after, action.clone())?;
        let actions: Vec<Action> = earlier.iter().map(|t| t.action.clone()).collect();
        let Ok(before) =
            Game::replay_keyed(self.scenario.clone(), self.seed, &self.draw_key, &actions)
        else {
            return Ok(None);
        };
        // The replay must lead back to this game (it does, unless the game came from other
        // rules), and the pair must change nothing but the log: the days of preparation, the
        // counter-offer and the agreement all stand as they did.
        let mut again = before.state.clone();
        let leads_here = step(&self.scenario, &mut again, last.action.clone())
            .is_ok_and(|_| again == self.state);
        after.log.truncate(before.state.log.len());
        Ok((leads_here && after == before.state).then_some(before))
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
        Game::replay_keyed(scenario, seed, &[], actions)
    }

    /// Replays `actions` from the seed and draw key (see `new_keyed`).
    pub fn replay_keyed(
        scenario: Arc<Scenario>,
        seed: u64,
        draw_key: &[u8],
        actions: &[Action],
    ) -> Result<Game, (usize, ActionError)> {
        let mut game = Game::new_keyed(scenario, seed, draw_key);
        for (i, a) in actions.iter().enumerate() {
            game.apply(a.clone()).map_err(|e| (i, e))?;
        }
        Ok(game)
    }
}
