//! Pure game rules: state, actions, one `step` per move, meters, events, outcomes and scores.
//! No terminal, no files, no clock, no global RNG.

pub mod action;
pub mod calendar;
pub(crate) mod detmath;
mod events;
mod game;
pub mod outcome;
pub mod score;
pub mod state;
mod step;

pub use action::{Action, ActionError, Package};
pub use game::Game;
pub use outcome::Outcome;
pub use score::{Lesson, Score, Scorecard, scorecard};
pub use state::{Dispatch, Meters, Snapshot, Source, State, SummitStatus};
pub use step::{Turn, classify, new_state, step};
