//! Pure game rules: state, actions, one `step` per move, meters, events, outcomes and scores.
//! No terminal, no files, no clock, no global RNG.

pub mod action;
mod agreement;
pub mod beijing;
mod epilogue;
mod events;
pub mod frontier;
mod game;
mod lessons;
mod moves;
pub mod query;
pub mod score;
mod step;
mod walkout;
mod week;

pub use crate::core::{calendar, outcome, state};

pub use action::{Action, ActionError, Package};
pub use game::Game;
pub use outcome::Outcome;
pub use score::{
    Lesson, Score, Scorecard, overall_value, scorecard, scorecard_if_signed, signed_instead,
};
pub use state::{Dispatch, Meters, Snapshot, Source, State, SummitStatus};
pub(crate) use step::apply;
pub use step::{Turn, check, classify, new_state, new_state_keyed, step};

/// The rules id a save records. Bump it by hand whenever the same actions from the same seed
/// could give a different game: a rule, a number in the engine or AI, a dispatch's wording or
/// the shape of `State`. A save made under another id is replayed under the current rules and
/// loads with a notice saying what changed; one made under this id must reach its recorded
/// digest, or it is refused as corrupt. 1 is the rules of Truce 0.1.0; 2 the reworked model of
/// 0.2.0; 3 the hawks' alarm following the package agreed in principle, not every proposal; 4
/// Beijing's hidden type, binding agreements, the last ask's risk, the summit scene before any
/// signature, preparation days that run the clock, walk-outs and threats priced as leverage; 5
/// dated events on their day (not as their week begins), a summit that escalation can put in
/// doubt, purchases delivered as a share of the whole commitment against its baseline, lessons
/// only where they fit, markets that shrug off tariff news where the scenario says so, and a Beijing
/// whose own deadline may lie past the summit (its horizon), so waiting for its floor can end with
/// no deal; 6 scores with the right economics: US tariffs valued as leverage, not welfare,
/// durability the amount delivered and kept as far as the leverage kept enforces it, balance
/// the share of China's commitments kept, each term's lean lowering its chance to hold, and a
/// commitment that lapses falling back to the most a lesser one keeps; 7 a dispatch when the US
/// signs without granting Beijing's last ask (the log of such a game gains a line); 8 red lines
/// of a Beijing's own, drawn with its kind and hidden until it names one by refusing a package.
pub const RULES: u32 = 8;
