//! The headless simulator: scripted US strategies, many-game summaries, and a search for the
//! best US line in one game.

mod adaptive;
#[cfg(test)]
mod ai_tables;
pub mod belief;
pub mod examples;
mod fair;
mod line;
pub mod moves;
pub mod par;
mod probes;
mod run;
mod scripted;
mod scripts_history;
mod scripts_plan;
mod solve;
mod spread;
mod strategy;

pub use belief::{Belief, Draws, Observation};
pub use fair::{POLICY, fair_move, fair_values, solve_fair};
pub use line::{IssueLevel, LineReport, LineStep, Scores, package_levels, replay_line, write_text};
pub use moves::legal_moves;
pub use probes::Probe;
pub use run::{GameResult, StrategySummary, Summary, play, simulate, simulate_until};
pub use solve::{MAX_NODES, Solution, solve, solve_within};
pub use strategy::Strategy;
