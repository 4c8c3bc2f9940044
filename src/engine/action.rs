//! The player's moves, and why a move can be refused.

use serde::{Deserialize, Serialize};

pub use crate::core::Package;

/// Everything the US team can do. Saving, loading, help and quitting are not actions: they take no game time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Action {
    /// Put a package on the table (one level per issue; issues off the agenda at status quo).
    Propose(Package),
    /// Take China's standing counter-offer as the agreement in principle.
    AcceptCounter,
    /// Threaten tariff snap-back or tighter controls.
    Threaten,
    /// A unilateral easing to build trust.
    Goodwill,
    /// Put an issue on or off the agenda; opening costs preparation days, not a turn.
    Agenda {
        /// Issue index.
        issue: usize,
        /// On (true) or off the table.
        on: bool,
    },
    /// Ask Beijing to extend the truce; if granted, the scenario ends.
    RequestExtension,
    /// Sign the agreed package at the summit.
    Sign,
    /// Leave the table.
    WalkAway,
    /// Working-level talks: the week passes, nothing is proposed and nothing is lost.
    Hold,
    /// Put a US card in force (by index into the scenario's cards): an escalation to trade later.
    Play {
        /// Card index.
        card: usize,
    },
    /// Grant China's last ask at the summit: the agreed package moves one step its way. Takes
    /// no time.
    GrantAsk,
}

impl Action {
    /// A short verb phrase for logs and menus.
    pub fn label(&self) -> &'static str {
        match self {
            Action::Propose(_) => "propose a package",
            Action::AcceptCounter => "accept China's counter-offer",
            Action::Threaten => "threaten snap-back",
            Action::Goodwill => "make a goodwill gesture",
            Action::Agenda { on: true, .. } => "open an agenda item",
            Action::Agenda { on: false, .. } => "close an agenda item",
            Action::RequestExtension => "request a truce extension",
            Action::Sign => "sign at the summit",
            Action::WalkAway => "walk away",
            Action::Hold => "hold: working-level talks",
            Action::Play { .. } => "play a card",
            Action::GrantAsk => "grant Beijing's last ask",
        }
    }
}

/// Why an action was refused. A refused action changes nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ActionError {
    /// The game has ended.
    #[error("the game is over")]
    GameOver,
    /// The package does not have one level per issue.
    #[error("the package has {got} levels but the agenda has {expected} issues")]
    WrongLength {
        /// Levels given.
        got: usize,
        /// Issues in the scenario.
        expected: usize,
    },
    /// A level index past the end of an issue's levels.
    #[error("{issue} has no level {level}")]
    NoSuchLevel {
        /// Issue name.
        issue: String,
        /// The level asked for.
        level: usize,
    },
    /// A level other than status quo on an issue that is off the agenda.
    #[error("{issue} is not on the agenda: open it first or leave it at the status quo")]
    OffAgenda {
        /// Issue name.
        issue: String,
    },
    /// No such issue.
    #[error("there is no agenda item {0}")]
    NoSuchIssue(usize),
    /// The agenda already is as asked.
    #[error("{issue} is already {state} the table")]
    AgendaUnchanged {
        /// Issue name.
        issue: String,
        /// "on" or "off".
        state: &'static str,
    },
    /// There is no standing counter-offer to accept.
    #[error("China has no counter-offer on the table")]
    NoCounter,
    /// Signing needs a summit this week.
    #[error("there is no summit this week to sign at")]
    NoSummit,
    /// Signing needs an agreed package.
    #[error("nothing is agreed yet: get China to accept a package, or accept its counter, first")]
    NothingAgreed,
    /// No such card.
    #[error("there is no card {0}")]
    NoSuchCard(usize),
    /// The card cannot be played now.
    #[error("{card} cannot be played: {why}")]
    CardNotPlayable {
        /// Card name.
        card: String,
        /// Why not.
        why: &'static str,
    },
    /// There is no last ask to grant.
    #[error("Beijing has made no last ask to grant")]
    NoAsk,
    /// Opening the issue would run past the truce's expiry.
    #[error("opening {issue} takes {days} days; only {left} remain")]
    NoTime {
        /// Issue name.
        issue: String,
        /// Days it would take.
        days: u32,
        /// Days left.
        left: u32,
    },
    /// The threat's measure is already in force: there is nothing left to threaten.
    #[error("{card} is already in force: there is nothing left to threaten")]
    NoBite {
        /// The measure.
        card: String,
    },
    /// Opening the issue would carry the talks past the summit, which would then never meet.
    #[error("opening {issue} takes {days} days; the summit is in {left}: it would pass unmet")]
    PastSummit {
        /// Issue name.
        issue: String,
        /// Days it would take.
        days: u32,
        /// Days to the summit.
        left: u32,
    },
}
