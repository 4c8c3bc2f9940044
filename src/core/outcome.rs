//! The five ways a game ends.

use serde::{Deserialize, Serialize};

/// How a game ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Outcome {
    /// Signed, with structural commitments and enforcement above a declaration.
    ComprehensiveDeal,
    /// Signed; political and commercial only.
    FrameworkDeal,
    /// Beijing extended the truce; the talks go on another day.
    TruceExtended,
    /// The US left the table.
    UsWalkedAway,
    /// The truce lapsed or the restriction ladder topped out.
    Escalation,
}

impl Outcome {
    /// All outcomes, in display order.
    pub const ALL: [Outcome; 5] = [
        Outcome::ComprehensiveDeal,
        Outcome::FrameworkDeal,
        Outcome::TruceExtended,
        Outcome::UsWalkedAway,
        Outcome::Escalation,
    ];

    /// The snake_case key used in JSON and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Outcome::ComprehensiveDeal => "comprehensive_deal",
            Outcome::FrameworkDeal => "framework_deal",
            Outcome::TruceExtended => "truce_extended",
            Outcome::UsWalkedAway => "us_walked_away",
            Outcome::Escalation => "escalation",
        }
    }

    /// A title for the end screen.
    pub fn title(self) -> &'static str {
        match self {
            Outcome::ComprehensiveDeal => "Comprehensive deal",
            Outcome::FrameworkDeal => "Framework deal",
            Outcome::TruceExtended => "Truce extended",
            Outcome::UsWalkedAway => "US walked away",
            Outcome::Escalation => "Escalation",
        }
    }

    /// Whether a deal was signed.
    pub fn is_deal(self) -> bool {
        matches!(self, Outcome::ComprehensiveDeal | Outcome::FrameworkDeal)
    }
}
