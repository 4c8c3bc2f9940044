//! The ground floor: the vocabulary every layer shares (packages, dates, the game state,
//! China's answers and their explanations). It imports no other module of the crate, so
//! `engine` can call `ai`, and neither `ai` nor `scenario` needs `engine`.

pub mod answer;
pub mod beijing;
pub mod calendar;
pub mod detmath;
pub mod epilogue;
pub mod num;
pub mod outcome;
pub mod package;
pub mod said;
pub mod state;
pub mod text;

pub use answer::{Answer, Explanation, RedLineHit, Reply, Rule, WalkOutBite};
pub use beijing::Beijing;
pub use epilogue::{Epilogue, Month, Note};
pub use outcome::Outcome;
pub use package::Package;
pub use said::Said;
pub use state::{Dispatch, Meters, Snapshot, Source, State, SummitStatus};
