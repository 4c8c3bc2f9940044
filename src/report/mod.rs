//! Reports for people: plain-language explanations of China's answers (used by the terminal
//! game's "why?" screen and, later, by transcripts and class reports).

pub mod dispatch;
pub mod epilogue;
pub mod explain;

pub use dispatch::{dispatch_text, said_text};
pub use epilogue::{METERS_COUNT, epilogue_lines};
pub use explain::{explain, reply_headline};
