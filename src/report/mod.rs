//! Reports for people: plain-language explanations of China's answers (the terminal game's
//! "why?" screen), Markdown transcripts of a game, and class reports over many saves.
//!
//! `facts` is the one place that reads the engine; `transcript`, `class` and `csv` lay out
//! what it gives.

pub mod beijing;
pub mod class;
pub mod csv;
pub mod dispatch;
pub mod epilogue;
pub mod explain;
pub mod facts;
pub mod intake;
pub mod markdown;
pub mod provenance;
pub mod transcript;

pub use beijing::reveal_lines;
pub use dispatch::{card_name, dispatch_text, said_text};
pub use epilogue::{METERS_COUNT, epilogue_lines};
pub use explain::{explain, explain_now, no_answer, reply_headline};
