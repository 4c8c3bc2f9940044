//! Pure game rules: state, actions, one `step` per move, meters, events, outcomes and scores.
//! No terminal, no files, no clock, no global RNG.

pub mod action;
mod epilogue;
mod events;
mod game;
mod moves;
pub mod query;
pub mod score;
mod step;
mod week;

pub use crate::core::{calendar, outcome, state};

pub use action::{Action, ActionError, Package};
pub use game::Game;
pub use outcome::Outcome;
pub use score::{Lesson, Score, Scorecard, scorecard};
pub use state::{Dispatch, Meters, Snapshot, Source, State, SummitStatus};
pub use step::{Turn, check, classify, new_state, step};
