//! Truce: a turn-based war-game of the 2025 US–China trade talks.
//!
//! The engine (`engine`, `ai`, `scenario`) is pure: no terminal, no files, no clock, no global
//! RNG. The terminal game, the command line and persistence are thin shells over it. The
//! command line (`cli`) never reaches into the terminal game (`ui`): it returns a `cli::Launch`
//! and the binary hands that to `ui::run`.

pub mod ai;
pub mod cli;
pub mod config;
pub mod core;
pub mod engine;
pub mod files;
pub mod persist;
pub mod report;
pub mod scenario;
pub mod seal;
pub mod serve;
pub mod sim;
pub mod ui;
