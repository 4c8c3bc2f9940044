//! Pure game rules: state, actions, one `step` per move, meters, events, outcomes and scores.
//! No terminal, no files, no clock, no global RNG.

pub mod action;
mod events;
mod game;
pub mod score;
mod step;

pub use crate::core::{calendar, outcome, state};

pub use action::{Action, ActionError, Package};
pub use game::Game;
pub use outcome::Outcome;
pub use score::{Lesson, Score, Scorecard, scorecard};
pub use state::{Dispatch, Meters, Snapshot, Source, State, SummitStatus};
pub use step::{Turn, classify, new_state, step};
