//! The scenario data model: everything a scenario file holds, as plain serde types.

use serde::{Deserialize, Serialize};

/// A whole scenario: the agenda, the AI, the US home front, the clock and the events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Short machine name, e.g. `autumn-2025`.
    pub name: String,
    /// Title shown in the scenario picker.
    pub title: String,
    /// One-line briefing for the picker.
    pub tagline: String,
    /// The situation, in a few paragraphs, for the briefing screen.
    pub briefing: Vec<String>,
    /// What the US side wants, in a sentence or two.
    pub us_goals: String,
    /// What the Chinese side wants, in a sentence or two.
    pub china_goals: String,
    /// Dates and deadlines.
    pub clock: Clock,
    /// The agenda, in display order.
    pub issues: Vec<Issue>,
    /// The Chinese negotiator's parameters.
    pub ai: AiParams,
    /// The US home front: starting meters and weekly dynamics.
    pub us: UsParams,
    /// Random events drawn each week.
    pub events: Vec<Event>,
    /// What a comprehensive deal needs and how deals are implemented.
    pub deal: DealRules,
    /// What really happened, for the debrief.
    pub historical: Historical,
    /// The pressure model of 0.2.0 (cards, pressures, threats, epilogue, weights).
    #[serde(default)]
    pub world: crate::scenario::World,
    /// Lookups computed once from the fields above (dates, resolved references).
    #[serde(skip)]
    pub(crate) derived: crate::scenario::index::Derived,
}

/// The scenario's calendar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clock {
    /// First day of play, `YYYY-MM-DD`.
    pub start_date: String,
    /// Day the truce lapses, `YYYY-MM-DD`.
    pub truce_expiry: String,
    /// Days one negotiating turn takes.
    pub days_per_turn: u32,
    /// A summit already on the calendar at the start, if any.
    #[serde(default)]
    pub summit: Option<Summit>,
}

/// A leaders' summit at which a deal can be signed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summit {
    /// Where the leaders meet.
    pub place: String,
    /// Day of the meeting, `YYYY-MM-DD`.
    pub date: String,
    /// What an agreement becomes there; none: the leaders sign it. Left out when none, so the
    /// content hash of scenarios without it (and the saves that record it) stays the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing: Option<Closing>,
    /// The day the meeting is agreed (`YYYY-MM-DD`), when that comes during the talks: both
    /// sides work to the date from the start, but before this day the player is not told of
    /// it (Busan: the APEC dates were known, the meeting agreed only on 19 Sep 2025). Left
    /// out when none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreed: Option<String>,
}

/// What an agreement becomes at the summit, as the record has it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Closing {
    /// The leaders sign a text.
    Signed,
    /// Nothing is signed: each side announces its own measures (Busan, 2025).
    Announced,
    /// The text is announced at the summit's date and signed later (phase one: announced
    /// 13 Dec 2019, signed 15 Jan 2020): (date `YYYY-MM-DD`, who signs and where).
    SignedLater(String, String),
}

/// One agenda item with its ordered levels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issue {
    /// Stable identifier used by red lines, events and saves.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Short name for narrow tables (at most 12 characters).
    pub short: String,
    /// Whether the issue is on the table when the game starts.
    pub on_table: bool,
    /// Days of preparation it costs to open the issue later.
    pub prep_days: u32,
    /// Index of the status-quo level (used when the issue is off the table).
    pub status_quo: usize,
    /// Weight of this issue in the US utility (all US weights sum to 1).
    pub us_weight: f64,
    /// Weight of this issue in China's utility (all China weights sum to 1).
    pub china_weight: f64,
    /// Levels, ordered so each step up is a concession by one side.
    pub levels: Vec<Level>,
}

/// One level of an issue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Short label for the agenda table.
    pub label: String,
    /// Value to the US, 0..=1.
    pub us: f64,
    /// Value to China, 0..=1.
    pub china: f64,
    /// What sort of commitment this is.
    pub kind: Kind,
    /// Headline value in $bn (purchases, investment).
    #[serde(default)]
    pub headline_bn: f64,
    /// Security cost to the US, 0..=1 (export-control easing).
    #[serde(default)]
    pub security_cost: f64,
    /// Of the headline, $bn that would have been bought anyway (business as usual).
    #[serde(default)]
    pub baseline_bn: f64,
    /// A plain-language line for the detail pane.
    pub description: String,
}

/// The nature of a commitment, which decides how well it lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Kind {
    /// Rule-based and verifiable: lasts.
    Structural,
    /// One-time purchases and pledges: decays.
    Commercial,
    /// Statements and declarations: cheap to make and to break.
    Political,
}

impl Kind {
    /// Lower-case name for display.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Structural => "structural",
            Kind::Commercial => "commercial",
            Kind::Political => "political",
        }
    }
}

/// The Chinese negotiator's parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AiParams {
    /// Utility China demands at the start (0..=1).
    pub opening_aspiration: f64,
    /// Utility below which China never goes (0..=1).
    pub reservation: f64,
    /// Boulware exponent: below 1 concedes late.
    pub concession_exponent: f64,
    /// Largest allowed ratio of US gain to Chinese gain.
    pub balance_ratio: f64,
    /// How much full trust (100) lowers the aspiration.
    pub trust_softening: f64,
    /// How much each recent US threat raises the aspiration.
    pub threat_stiffening: f64,
    /// Levels China never accepts.
    pub red_lines: Vec<RedLine>,
    /// When China climbs the restriction ladder.
    pub retaliation: Retaliation,
    /// Lowest trust at which China grants an extension.
    pub extension_min_trust: f64,
    /// Lowest trust at which China's leader signs at a summit.
    pub signing_min_trust: f64,
    /// The mineral-restriction ladder, rung 1 upwards (exactly four rungs).
    pub ladder: Vec<Rung>,
}

/// A level China refuses, unless the US reciprocates on another issue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedLine {
    /// Issue id.
    pub issue: String,
    /// This level and every level further from China's interest is refused.
    pub level: usize,
    /// Why, in words.
    pub reason: String,
    /// The red line is lifted when this issue reaches at least this level.
    #[serde(default)]
    pub unless: Option<Reciprocity>,
}

/// A reciprocal concession that lifts a red line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reciprocity {
    /// Issue id.
    pub issue: String,
    /// Minimum level index on that issue.
    pub level: usize,
}

/// When China answers with mineral restrictions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Retaliation {
    /// A package this far below China's status-quo utility is an insult.
    pub insult_margin: f64,
    /// Chance that a US threat is answered by a rung, at zero trust.
    pub threat_chance: f64,
    /// Extra chance per point of distrust (trust below zero).
    pub distrust_chance_per_point: f64,
    /// Trust below this makes China climb a rung every turn.
    pub trust_floor: f64,
    /// Trust lost when the US threatens.
    pub threat_trust_cost: f64,
    /// Trust lost by an insulting package.
    pub insult_trust_cost: f64,
}

/// One rung of the mineral-restriction ladder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rung {
    /// Name of the measure.
    pub name: String,
    /// Magnet supply lost per week while this rung stands.
    pub magnet_loss: f64,
    /// Market confidence lost per week while this rung stands.
    pub market_loss: f64,
}

/// The US home front.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UsParams {
    /// Meters at the start.
    pub start: StartMeters,
    /// Weekly movement of the meters.
    pub weekly: Weekly,
    /// The unilateral goodwill gesture the US can make.
    pub goodwill: Gesture,
    /// What a threat consists of.
    pub threat: Gesture,
    /// What walking away triggers.
    pub walk_away: Gesture,
}

/// Starting values of the meters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StartMeters {
    /// 0..=100.
    pub magnet_supply: f64,
    /// 0..=100.
    pub farm_stress: f64,
    /// 0..=100.
    pub market_confidence: f64,
    /// 0..=100.
    pub hawk_alarm: f64,
    /// -100..=100.
    pub trust: f64,
}

/// Weekly dynamics of the meters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weekly {
    /// Magnet supply regained per week with no restriction rung standing.
    pub magnet_recovery: f64,
    /// Farm stress added per week while China buys no US crops.
    pub farm_drift: f64,
    /// The issue whose agreed purchases relieve farm stress.
    pub farm_issue: String,
    /// Market confidence regained per week towards 60 when nothing bites.
    pub market_recovery: f64,
    /// Hawk alarm that fades per week.
    pub hawk_decay: f64,
    /// Hawk alarm added per unit of security cost an agreement in principle adds.
    pub hawk_per_security: f64,
    /// Trust gained when China accepts a package.
    pub trust_on_accept: f64,
    /// Markets regain `market_recovery` every week even while China's ladder stands: tariff
    /// news moved them for days, not months (2019, when the S&P 500 rose 28.9%). Left out
    /// when false, so the content hash of scenarios without it stays the same.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub markets_shrug: bool,
}

/// Effects of a US move on the meters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gesture {
    /// What the move consists of, in words.
    pub description: String,
    /// Meter changes.
    pub effects: Vec<Effect>,
}

/// One change to the world.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Effect {
    /// Add to magnet supply.
    MagnetSupply(f64),
    /// Add to farm stress.
    FarmStress(f64),
    /// Add to market confidence.
    MarketConfidence(f64),
    /// Add to hawk alarm.
    HawkAlarm(f64),
    /// Add to trust.
    Trust(f64),
    /// Move the restriction ladder by this many rungs.
    Rung(i32),
    /// Put a summit on the calendar.
    ScheduleSummit(Summit),
    /// Put the summit on the calendar in doubt: it comes off until an event puts it back
    /// (`ScheduleSummit`), as the Busan meeting was on 10 Oct 2025.
    SummitInDoubt,
    /// Change China's aspiration for the rest of the game.
    Aspiration(f64),
    /// Lower (or raise) the value China puts on one issue's concessions: (issue id, delta to weight).
    ChinaWeight(String, f64),
    /// Value the US gives away unilaterally, in points off the final US value score.
    Concession(f64),
    /// Add to the credibility of US threats (0..1 scale).
    Credibility(f64),
    /// Put a card in force (card id).
    Card(String),
    /// China reopens a package agreed in principle if it no longer meets its demand (the reason).
    Reopen(String),
    /// Add to China's pressure (utility, 0..1 scale).
    ChinaPressure(f64),
    /// Put an issue on the table, prepared (issue id).
    OpenIssue(String),
    /// Move an issue's status quo to this level (issue id, level): what holds with no deal from
    /// then on, for both sides' no-deal values (e.g. a new entity listing tightens chip controls).
    StatusQuo(String, usize),
}

/// A random event from the scenario's table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Stable identifier.
    pub id: String,
    /// Headline for the dispatches log.
    pub title: String,
    /// A sentence of context.
    pub text: String,
    /// Chance per week once its conditions hold (0..=1).
    pub chance: f64,
    /// A scheduled event: fires in the week this date (`YYYY-MM-DD`) falls in, whatever the chance.
    #[serde(default)]
    pub date: Option<String>,
    /// First week it can happen.
    #[serde(default = "one")]
    pub from_week: u32,
    /// Whether it can happen more than once.
    #[serde(default)]
    pub repeats: bool,
    /// All must hold.
    #[serde(default)]
    pub when: Vec<Condition>,
    /// What it does.
    pub effects: Vec<Effect>,
}

fn one() -> u32 {
    1
}

/// A condition on the state for an event to fire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Condition {
    /// Trust at least this.
    TrustAtLeast(f64),
    /// Trust at most this.
    TrustAtMost(f64),
    /// Restriction rung at least this.
    RungAtLeast(u8),
    /// Magnet supply at most this.
    MagnetsAtMost(f64),
    /// Farm stress at least this.
    FarmStressAtLeast(f64),
    /// Market confidence at most this.
    MarketAtMost(f64),
    /// Hawk alarm at least this.
    HawkAlarmAtLeast(f64),
    /// No summit on the calendar yet.
    NoSummit,
    /// A summit is on the calendar, agreed (see `Summit::agreed`), and has not taken place.
    SummitScheduled,
    /// The summit was put in doubt and is not back on the calendar.
    SummitDoubted,
    /// The US proposed at least this level on this issue (issue id, level).
    ProposedAtLeast(String, usize),
    /// This card is in force (card id).
    CardInForce(String),
    /// Nothing is agreed in principle.
    NoDeal,
}

/// The historical outcome, for the debrief.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Historical {
    /// What happened, in a paragraph.
    pub summary: String,
    /// The historical package as (issue id, level index).
    pub package: Vec<(String, usize)>,
}

/// What makes a signed deal comprehensive, and how it is implemented over the next year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DealRules {
    /// The issue that holds enforcement and detail.
    pub enforcement_issue: String,
    /// Enforcement must reach this level for a comprehensive deal.
    pub min_enforcement: usize,
    /// Structural Chinese commitments (beyond enforcement) a comprehensive deal needs.
    pub min_structural: usize,
    /// Share of commercial commitments delivered in the epilogue, on average (phase one: 0.58).
    pub commercial_delivery: f64,
    /// Chance a structural commitment holds for a year, by enforcement level.
    pub structural_hold: Vec<f64>,
    /// Chance a political commitment holds for a year.
    pub political_hold: f64,
    /// Headline $bn that earns a full headline score.
    pub full_headline_bn: f64,
}
