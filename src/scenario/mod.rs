//! Scenarios: the data model, loading with validation, and the built-in files.

mod builtin;
mod check_world;
pub(crate) mod index;
mod limits;
mod load;
mod model;
pub mod span;
mod world;

pub use builtin::{BUILTIN, builtin, builtin_names};
pub use limits::{MAX_EVENTS, MAX_ISSUES, MAX_LEVELS, MAX_LIST, MAX_TEXT};
pub use load::{
    LoadError, MAX_SHOWN, Problem, from_path, from_str, resolve, ron_message, validate,
};
pub use model::*;
pub use world::*;

use crate::core::Package;
use crate::core::calendar::Date;

impl Scenario {
    /// Index of the issue with this id.
    pub fn issue_index(&self, id: &str) -> Option<usize> {
        self.issues.iter().position(|i| i.id == id)
    }

    /// Whether the talks run against a truce (2025) rather than a plain deadline (2019): the
    /// scenario's own text says so.
    pub fn has_truce(&self) -> bool {
        self.tagline.contains("truce") || self.briefing.iter().any(|b| b.contains("truce"))
    }

    /// Every issue at its status-quo level.
    pub fn status_quo(&self) -> Package {
        Package(self.issues.iter().map(|i| i.status_quo).collect())
    }

    /// The first day of play.
    pub fn start_date(&self) -> Date {
        self.index().start
    }

    /// The day the truce lapses.
    pub fn expiry_date(&self) -> Date {
        self.index().expiry
    }

    /// Days from the start to the truce's expiry.
    pub fn total_days(&self) -> u32 {
        self.index().total_days
    }

    /// Number of turns if no preparation days are spent.
    pub fn total_weeks(&self) -> u32 {
        self.total_days().div_ceil(self.clock.days_per_turn.max(1))
    }

    /// Day of play of a `YYYY-MM-DD` date, if it falls on or after the start.
    pub fn day_of(&self, date: &str) -> Option<u32> {
        let d = Date::parse(date)?.days() - self.index().start.days();
        u32::try_from(d).ok()
    }

    /// The calendar date of a day of play.
    pub fn date_of_day(&self, day: u32) -> Date {
        self.start_date().plus(i64::from(day))
    }

    /// A package in words: the issues on the table that move from the status quo.
    pub fn describe_package(&self, p: &Package, agenda: &[bool]) -> String {
        let mut out = String::with_capacity(160);
        for (i, issue) in self.issues.iter().enumerate() {
            if agenda[i] || p.0[i] != issue.status_quo {
                if !out.is_empty() {
                    out.push_str("; ");
                }
                out.push_str(&issue.short);
                out.push(' ');
                out.push_str(&issue.levels[p.0[i]].label);
            }
        }
        if out.is_empty() {
            out.push_str("the status quo");
        }
        out
    }
}

/// The neighbouring level the US values more, if any.
pub fn step_towards_us(scenario: &Scenario, i: usize, level: usize) -> Option<usize> {
    let levels = &scenario.issues[i].levels;
    [level.checked_sub(1), Some(level + 1)]
        .into_iter()
        .flatten()
        .filter(|&l| l < levels.len() && levels[l].us > levels[level].us)
        .max_by(|&a, &b| levels[a].us.total_cmp(&levels[b].us))
}

/// The neighbouring level China values more, if any.
pub fn step_towards_china(scenario: &Scenario, i: usize, level: usize) -> Option<usize> {
    let levels = &scenario.issues[i].levels;
    [level.checked_sub(1), Some(level + 1)]
        .into_iter()
        .flatten()
        .filter(|&l| l < levels.len() && levels[l].china > levels[level].china)
        .max_by(|&a, &b| levels[a].china.total_cmp(&levels[b].china))
}
