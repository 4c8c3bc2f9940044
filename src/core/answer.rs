//! China's answers and the explanation record behind each one.

use serde::{Deserialize, Serialize};

use crate::core::Package;

/// What China said.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    /// The package is agreed in principle.
    Accept,
    /// China proposes this package instead.
    Counter(Package),
    /// China climbs the mineral-restriction ladder to this rung.
    Restrict(u8),
    /// A threat or gesture was noted without escalation.
    Noted,
    /// The truce is extended.
    GrantExtension,
    /// No extension.
    RefuseExtension,
    /// China's leader signs.
    Sign,
    /// China's leader does not sign.
    RefuseSign,
}

/// The rule that decided an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rule {
    /// Utility clears aspiration, balance holds, no red line.
    Acceptable,
    /// Utility below aspiration: counter by log-rolling.
    BelowAspiration,
    /// US gain too large against China's gain: counter.
    Unbalanced,
    /// A red line was crossed: counter without it.
    RedLine,
    /// The package is worse for China than the status quo by more than the insult margin.
    Insult,
    /// A US threat was answered with restrictions.
    ThreatAnswered,
    /// A US threat was absorbed without escalation.
    ThreatAbsorbed,
    /// Trust fell below the floor.
    TrustCollapse,
    /// A goodwill gesture was welcomed.
    GoodwillWelcomed,
    /// Trust is high enough to extend.
    ExtensionGranted,
    /// Trust too low to extend.
    ExtensionRefused,
    /// The agreed package still clears every rule at the summit.
    SummitSigned,
    /// At the summit the agreed package no longer clears the rules or trust is too low.
    SummitRefused,
    /// The package agreed in principle is kept: nothing China names has changed.
    Kept,
    /// China reopened the agreed package; the explanation's `reason` names why.
    Reopened,
    /// A credible threat against a China under pressure: it gives way and lowers its demand.
    ThreatHeeded,
    /// A US card came into force: China mirrors it with one of its own.
    Mirrored,
    /// The US walked out and the walk-out was credible: China does not mirror it.
    WalkOutHeld,
    /// The US walked out without credibility: China mirrors it with a rung.
    WalkOutMirrored,
}

/// How hard a US walk-out bites, as Beijing weighs it: the numbers behind
/// [`Rule::WalkOutHeld`] and [`Rule::WalkOutMirrored`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct WalkOutBite {
    /// Credibility × (China's pressure + what the scenario's threat card would cost it).
    pub bite: f64,
    /// The bite a walk-out needs to be believed (the middle of the scenario's heed range).
    pub needed: f64,
    /// How many US bluffs Beijing has called; any one makes a walk-out incredible.
    pub bluffs_called: u32,
}

/// A red line the package crossed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RedLineHit {
    /// Issue index.
    pub issue: usize,
    /// Level the US proposed.
    pub level: usize,
    /// The scenario's reason.
    pub reason: String,
    /// Whether it is the Beijing's own red line (its kind's, hidden until named), not one the
    /// scenario publishes.
    #[serde(default)]
    pub own: bool,
}

/// The numbers behind an answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// The rule that fired.
    pub rule: Rule,
    /// China's utility for the package (0..=1), when a package was judged.
    pub utility: Option<f64>,
    /// China's aspiration this week.
    pub aspiration: f64,
    /// China's utility for the status quo.
    pub status_quo: f64,
    /// US gain over the status quo.
    pub us_gain: Option<f64>,
    /// China's gain over the status quo.
    pub china_gain: Option<f64>,
    /// US gain divided by China's gain, when China gains.
    pub ratio: Option<f64>,
    /// The largest ratio China accepts.
    pub allowed_ratio: f64,
    /// The red line hit, if any.
    pub red_line: Option<RedLineHit>,
    /// Trust when the answer was given.
    pub trust: f64,
    /// The chance of escalation and the roll, when chance decided.
    pub roll: Option<(f64, f64)>,
    /// China's utility for its own counter-offer, when it countered.
    pub counter_utility: Option<f64>,
    /// China's no-deal value this week (status quo minus its pressure).
    #[serde(default)]
    pub no_deal: f64,
    /// Utility China's no-deal value has lost to pressure.
    #[serde(default)]
    pub china_pressure: f64,
    /// The US's own pressure as China reads it (utility).
    #[serde(default)]
    pub us_pressure: f64,
    /// Credibility of US threats when the answer was given.
    #[serde(default)]
    pub credibility: f64,
    /// The US's gain as a share of its possible gain on the table (common scale).
    #[serde(default)]
    pub us_share: Option<f64>,
    /// China's gain as a share of its possible gain on the table (common scale).
    #[serde(default)]
    pub china_share: Option<f64>,
    /// The largest gap between the two shares China accepts.
    #[serde(default)]
    pub allowed_gap: f64,
    /// What China named, when it reopened an agreement or gave way to a threat, or
    /// [`COUNTER_TAKEN`] when the US took its counter-offer.
    #[serde(default)]
    pub reason: Option<String>,
    /// Every red line the package crosses (the first is also in `red_line`).
    #[serde(default)]
    pub red_lines: Vec<RedLineHit>,
    /// The bite of a US walk-out, when the answer is to one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub walk_out: Option<WalkOutBite>,
}

/// China's answer to one US move.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    /// What China said.
    pub reply: Reply,
    /// Why.
    pub why: Explanation,
}

/// The reason recorded when the US takes China's counter-offer: China confirms its own
/// package, so its answer is a confirmation, not an acceptance of a US proposal.
pub const COUNTER_TAKEN: &str = "its own counter-offer, which the US took";
