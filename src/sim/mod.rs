//! The headless simulator: scripted US strategies and many-game summaries.

mod run;
mod scripted;
mod strategy;

pub use run::{GameResult, StrategySummary, Summary, play, simulate};
pub use strategy::Strategy;
