//! The pressure model of release 0.2.0: cards in force, both sides' pressures, priced threats,
//! the summit's last ask, the epilogue and the score weights. Every field has a default, so a
//! 0.1.0 scenario file (which has none of them) still loads and plays a simpler game.

use serde::{Deserialize, Serialize};

use crate::scenario::{Effect, Reciprocity};

/// Which side holds a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Side {
    /// A US measure.
    Us,
    /// A Chinese measure.
    China,
}

/// An escalation that stays in force once played, bites the other side each week, and can be
/// suspended in a package (Busan was mostly a swap of suspensions).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    /// Stable identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Short name for the Beijing panel (at most 14 characters).
    pub short: String,
    /// Who plays it.
    pub side: Side,
    /// What it does, in a sentence.
    pub text: String,
    /// Whether it is in force when the game starts.
    #[serde(default)]
    pub in_force: bool,
    /// For US cards: the first day it can be played (`YYYY-MM-DD`); none means from the start.
    #[serde(default)]
    pub available: Option<String>,
    /// Pressure it adds each week to the other side while in force (utility, 0..1 scale).
    #[serde(default)]
    pub pressure: f64,
    /// What suspending it is worth to the other side in a package (utility, 0..1 scale).
    #[serde(default)]
    pub value: f64,
    /// Changes to the US meters each week while in force (the cost to the US of its own card, or
    /// the bite of a Chinese one).
    #[serde(default)]
    pub weekly: Vec<Effect>,
    /// Changes when it comes into force.
    #[serde(default)]
    pub on_play: Vec<Effect>,
    /// A package reaching this level suspends it; none: any signed deal pauses it.
    #[serde(default)]
    pub suspended_by: Option<Reciprocity>,
    /// For US cards: China's mirror when it comes into force (a Chinese card id, or "rung" for
    /// a step up the restriction ladder).
    #[serde(default)]
    pub mirror: Option<String>,
}

/// How pressure builds on each side while there is no deal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Pressure {
    /// China's weekly pressure from the tariffs in force (export orders lost).
    pub china_tariff_weekly: f64,
    /// China's weekly pressure per restriction rung it holds (sales and goodwill lost abroad).
    pub china_rung_weekly: f64,
    /// Diversification added per rung-week (allied supply, price floors); it wears the lever down.
    pub diversify_per_rung_week: f64,
    /// The most pressure China's no-deal value can lose.
    pub china_max: f64,
    /// Share of the US's visible pain (its own pressure) that China adds to its demand.
    pub china_reads_us: f64,
    /// Margin above its no-deal value that China asks for at the least.
    pub margin: f64,
    /// US utility lost per point of farm stress above its start.
    pub us_per_farm: f64,
    /// US utility lost per point of market confidence below its start.
    pub us_per_market: f64,
    /// US utility lost per point of magnet supply below its start.
    pub us_per_magnet: f64,
    /// Day (`YYYY-MM-DD`) from which farm stress climbs each week while China buys no US crops.
    pub harvest_from: Option<String>,
    /// China's common-scale balance gap: it refuses when the US's share of its possible gain
    /// exceeds China's by more than this.
    pub balance_gap: f64,
    /// Share of a US card's value Beijing discounts when the card was just played (a measure
    /// made to be traded); 0 in scenarios from before. Left out when 0.
    #[serde(skip_serializing_if = "is_zero")]
    pub fresh_discount: f64,
    /// Weeks over which that discount fades. Left out when 0.
    #[serde(skip_serializing_if = "is_zero")]
    pub fresh_weeks: f64,
}

impl Default for Pressure {
    fn default() -> Self {
        Pressure {
            china_tariff_weekly: 0.0,
            china_rung_weekly: 0.0,
            diversify_per_rung_week: 0.0,
            china_max: 0.0,
            china_reads_us: 0.0,
            margin: 0.0,
            us_per_farm: 0.0,
            us_per_market: 0.0,
            us_per_magnet: 0.0,
            harvest_from: None,
            balance_gap: 2.0,
            fresh_discount: 0.0,
            fresh_weeks: 0.0,
        }
    }
}

/// A priced threat: the card it announces, the US's credibility and what a called bluff costs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Threat {
    /// The US card the threat announces; none keeps the 0.1.0 threat (a chance of a rung).
    pub card: Option<String>,
    /// Credibility at the start, 0..=1.
    pub credibility: f64,
    /// Turns China is given before the threat must be carried out.
    pub deadline_turns: u32,
    /// Credibility lost when the deadline passes and the threat was not carried out.
    pub bluff_cost: f64,
    /// Credibility gained when a threat is carried out.
    pub carry_gain: f64,
    /// Below this expected bite (credibility × (China's pressure + the card's value)) China
    /// always mirrors; at `heed_sure` it always gives way.
    pub heed_from: f64,
    /// Expected bite at which China surely gives way.
    pub heed_sure: f64,
    /// Share of the card's value China knocks off its demand when it gives way.
    pub concession: f64,
}

impl Default for Threat {
    fn default() -> Self {
        Threat {
            card: None,
            credibility: 0.5,
            deadline_turns: 2,
            bluff_cost: 0.2,
            carry_gain: 0.1,
            heed_from: 1.0,
            heed_sure: 2.0,
            concession: 0.5,
        }
    }
}

/// The summit's scene: China's last-minute ask.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SummitScene {
    /// Whether China makes a last ask at the summit.
    pub last_ask: bool,
    /// Trust gained when the US grants it.
    pub grant_trust: f64,
    /// How far below its demand China still signs the agreed package when the ask is refused.
    pub refuse_slack: f64,
    /// Trust lost per unit of China's utility the US takes back from a package agreed in
    /// principle (an agreement binds both sides); 0 in scenarios from before agreements bound.
    #[serde(skip_serializing_if = "is_zero")]
    pub take_back_trust: f64,
}

/// For `skip_serializing_if`: a field at 0 is left out, so the content hash of a scenario that
/// does not use it (and the saves that record that hash) stays the same.
fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

impl Default for SummitScene {
    fn default() -> Self {
        SummitScene {
            last_ask: false,
            grant_trust: 5.0,
            refuse_slack: 1.0,
            take_back_trust: 0.0,
        }
    }
}

/// The year after the table, month by month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EpilogueRules {
    /// Months played after the game ends.
    pub months: u32,
    /// How much a lopsided deal (common-scale gap) lowers each commitment's chance to hold.
    pub lopsided_penalty: f64,
    /// Farm stress per month while China buys no US crops.
    pub farm_monthly: f64,
    /// Farm stress relieved per month while agreed purchases flow.
    pub farm_relief: f64,
    /// Market confidence lost per month while tariffs snap back or escalation bites.
    pub market_monthly: f64,
    /// Magnet supply regained per month when the minerals flow.
    pub magnet_recovery: f64,
    /// Share of rung damage that still bites per month (allied supply softens it slowly).
    pub rung_monthly: f64,
    /// Share of the unresolved pressure that keeps running after an extension.
    pub extension_share: f64,
    /// How much of what a deal delivers lasts only on the leverage the US keeps to enforce it
    /// (its tariffs and the cards a deal leaves standing): giving all of it away keeps 1 − this
    /// of the amount Durability counts. None means 0.3; left out of the serialised form when
    /// none, so the content hash of scenarios without it stays the same.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leverage: Option<f64>,
}

impl Default for EpilogueRules {
    fn default() -> Self {
        EpilogueRules {
            months: 12,
            lopsided_penalty: 0.3,
            farm_monthly: 2.0,
            farm_relief: 4.0,
            market_monthly: 2.0,
            magnet_recovery: 4.0,
            rung_monthly: 2.0,
            extension_share: 0.5,
            leverage: None,
        }
    }
}

/// Weights of the overall score (they sum to 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Weights {
    /// US value.
    pub us_value: f64,
    /// Durability.
    pub durability: f64,
    /// Balance.
    pub balance: f64,
    /// Headline.
    pub headline: f64,
    /// Security.
    pub security: f64,
    /// Damage avoided.
    pub damage: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            us_value: 0.25,
            durability: 0.30,
            balance: 0.10,
            headline: 0.05,
            security: 0.15,
            damage: 0.15,
        }
    }
}

/// Everything 0.2.0 added to a scenario.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct World {
    /// Escalations both sides can play and trade.
    pub cards: Vec<Card>,
    /// How pressure builds.
    pub pressure: Pressure,
    /// The priced threat.
    pub threat: Threat,
    /// The summit's scene.
    pub summit: SummitScene,
    /// The year after.
    pub epilogue: EpilogueRules,
    /// Overall score weights.
    pub weights: Weights,
    /// Lessons of the source text, by key (`balance`, `toolbox`, …); empty keeps the built-in text.
    pub lessons: Vec<(String, String)>,
    /// Glossary entries for the help screen: (term, meaning).
    pub glossary: Vec<(String, String)>,
    /// The restriction rung standing when the game starts (a scenario may open mid-escalation).
    pub start_rung: u8,
    /// The issue whose US-favourable level stops China's ladder in the year after a deal
    /// (an issue id); none means `rare_earths`. Left out of the serialised form when none, so
    /// the content hash of scenarios without it (and the saves that record it) stays the same.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ladder_issue: Option<String>,
    /// What China's ladder is called on screen and in the dispatches ("farm retaliation" in a
    /// 2019 scenario); none means "mineral restrictions". Left out when none, as above.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ladder_name: Option<String>,
    /// The issue whose levels are US leverage, not US welfare (an issue id); none means
    /// `tariffs`. US tariffs are paid mostly by US buyers: cutting them costs the US leverage
    /// during the talks (the issue stays in the utility the AI negotiates over) and the threat of
    /// a snap-back after them (Durability), not welfare in the year after: the scores value
    /// every level at the status quo's. Left out when none, as above.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leverage_issue: Option<String>,
    /// The kinds of Beijing a game may face, one drawn per game; empty: the scenario's own
    /// negotiator every game. Left out when empty, as above.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub beijing: Vec<Archetype>,
    /// Lessons in the scenario's words, each printed only when its condition holds in the game
    /// played (they take precedence over `lessons` for the same key). Left out when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub taught: Vec<Taught>,
    /// Glossary entries the player may see only from a date (a term the talks coined later).
    /// Left out when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub later_glossary: Vec<Term>,
    /// What came after the year the debrief scores, as a note that is not scored (e.g. the
    /// court ruling that voided the tariffs behind a deal). Left out when none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub afterwards: Option<String>,
}

/// A lesson in the scenario's words, with what must hold in the game played for it to fit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Taught {
    /// The engine's lesson key (`balance`, `commercial_decay`, …).
    pub key: String,
    /// Every condition must hold for the lesson to be printed.
    #[serde(default)]
    pub when: Vec<Fits>,
    /// The lesson in words.
    pub text: String,
}

/// A condition a lesson needs in the game played, read from the game's own figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Fits {
    /// A deal was signed.
    Deal,
    /// No deal was signed.
    NoDeal,
    /// The Balance score is at most this (0..100).
    BalanceAtMost(f64),
    /// Some purchase commitment of the deal delivered less than this share of its whole
    /// (0..1): disappointment needs a shortfall.
    PurchasesShortOf(f64),
    /// China's ladder stood at this rung or higher at some point of the talks.
    PeakRungAtLeast(u8),
    /// The US threatened or played a card at least once.
    UsEscalated,
}

/// A glossary entry shown only from its date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The first day the entry may be shown, `YYYY-MM-DD`.
    pub from: String,
    /// The term.
    pub term: String,
    /// What it means.
    pub meaning: String,
}

impl World {
    /// The ladder's name in lower case, e.g. "mineral restrictions".
    pub fn ladder_name(&self) -> &str {
        self.ladder_name
            .as_deref()
            .unwrap_or("mineral restrictions")
    }

    /// Index of the card with this id.
    pub fn card_index(&self, id: &str) -> Option<usize> {
        self.cards.iter().position(|c| c.id == id)
    }
}

impl crate::scenario::Scenario {
    /// The glossary a player may see on `today` (`YYYY-MM-DD` order): every undated entry,
    /// then the dated ones whose day has come.
    pub fn glossary_on(&self, today: crate::core::calendar::Date) -> Vec<(&str, &str)> {
        let later = self.world.later_glossary.iter().filter(move |t| {
            crate::core::calendar::Date::parse(&t.from).is_some_and(|d| d <= today)
        });
        self.world
            .glossary
            .iter()
            .map(|(t, m)| (t.as_str(), m.as_str()))
            .chain(later.map(|t| (t.term.as_str(), t.meaning.as_str())))
            .collect()
    }

    /// Whether the player may know of the summit on the calendar on `today`: always, unless it
    /// names a later day on which it is agreed.
    pub fn summit_known_on(&self, today: crate::core::calendar::Date) -> bool {
        self.clock
            .summit
            .as_ref()
            .and_then(|s| s.agreed.as_deref())
            .and_then(crate::core::calendar::Date::parse)
            .is_none_or(|agreed| today >= agreed)
    }

    /// What an agreement becomes at the scenario's summit: the one on the calendar at the
    /// start, else the first an event schedules; none when no summit says.
    pub fn summit_closing(&self) -> Option<&crate::scenario::Closing> {
        let from_events = self.events.iter().flat_map(|e| {
            e.effects.iter().filter_map(|f| match f {
                Effect::ScheduleSummit(s) => Some(s),
                _ => None,
            })
        });
        self.clock
            .summit
            .iter()
            .chain(from_events)
            .find_map(|s| s.closing.as_ref())
    }
}

/// Validation of a status-quo move (`StatusQuo(issue, level)`): the issue must exist and have
/// that level. Problems are pushed with the effect's path, so the message is located.
pub(crate) fn check_status_quo_move(
    s: &crate::scenario::Scenario,
    found: &mut Vec<(String, String)>,
    path: &str,
    effect: &Effect,
) {
    let Effect::StatusQuo(id, level) = effect else {
        return;
    };
    match s.issue_index(id) {
        None => {
            let ids: Vec<&str> = s.issues.iter().map(|i| i.id.as_str()).collect();
            found.push((
                path.into(),
                format!(
                    "StatusQuo moves an unknown issue \"{id}\" (issues: {})",
                    ids.join(", ")
                ),
            ));
        }
        Some(i) if *level >= s.issues[i].levels.len() => found.push((
            path.into(),
            format!(
                "StatusQuo moves {id} to level {level}, which it does not have: its levels run from 0 to {}",
                s.issues[i].levels.len() - 1
            ),
        )),
        Some(_) => {}
    }
}

/// The range (1, 1): the scenario's own figure, unchanged.
fn one_to_one() -> (f64, f64) {
    (1.0, 1.0)
}

/// One kind of Beijing a scenario may draw: a name a debrief can say, how likely it is, and the
/// range of each private parameter (each drawn uniformly within its range).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Archetype {
    /// Stable identifier.
    pub id: String,
    /// What the debrief calls it, e.g. "patient and unpressed".
    pub name: String,
    /// Relative chance of being drawn.
    pub weight: f64,
    /// Added to the floor China concedes towards (utility).
    pub floor: (f64, f64),
    /// Multiplies the concession exponent (below 1: concedes later).
    pub patience: (f64, f64),
    /// Multiplies the pressure China feels.
    pub pressure: (f64, f64),
    /// Multiplies the bite China reads in a threat or a walk-out.
    pub threat: (f64, f64),
    /// Multiplies how much of the US's visible pain China adds to its demand.
    #[serde(default = "one_to_one")]
    pub reads_us: (f64, f64),
    /// Chance it leaves the summit unsigned when its last ask is refused, at no pressure.
    pub firmness: (f64, f64),
    /// How far past the summit it is content to let the talks run, as a multiple of the time
    /// to it (1: it concedes to its floor by the summit, as the scenario's negotiator does).
    #[serde(default = "one_to_one")]
    pub horizon: (f64, f64),
    /// Each issue's weight in China's utility is multiplied by 1 ± up to this.
    #[serde(default)]
    pub weight_spread: f64,
    /// Issues this kind weighs more (or less) than the scenario: (issue id, multiplier).
    #[serde(default)]
    pub leans: Vec<(String, f64)>,
    /// Red lines of its own, beyond the scenario's, each with the chance (0..=1) that the
    /// Beijing drawn holds it: hidden until a package crosses it and Beijing says so.
    #[serde(default)]
    pub red_lines: Vec<(crate::scenario::RedLine, f64)>,
    /// What would have worked against it, for the debrief.
    pub lesson: String,
}
