//! The game state: pure data, serialisable, with the one seeded RNG inside it.

use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::core::Answer;
use crate::core::Outcome;
use crate::core::Package;

/// The US home-front meters and the relationship with Beijing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meters {
    /// Supply of rare-earth magnets to US industry, 0..=100.
    pub magnet_supply: f64,
    /// Stress in US farm country, 0..=100.
    pub farm_stress: f64,
    /// Market confidence, 0..=100.
    pub market_confidence: f64,
    /// Alarm among national-security hawks, 0..=100.
    pub hawk_alarm: f64,
    /// Beijing's trust in the US team, -100..=100.
    pub trust: f64,
}

impl Meters {
    /// Clamps every meter into its range.
    pub fn clamp(&mut self) {
        for m in [
            &mut self.magnet_supply,
            &mut self.farm_stress,
            &mut self.market_confidence,
            &mut self.hawk_alarm,
        ] {
            *m = m.clamp(0.0, 100.0);
        }
        self.trust = self.trust.clamp(-100.0, 100.0);
    }
}

/// Where the summit stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SummitStatus {
    /// No summit on the calendar.
    NotScheduled,
    /// A summit on this day of play.
    Scheduled {
        /// Day of play (0 = start date).
        day: u32,
    },
    /// The summit took place (signed or not).
    Passed,
    /// The summit was put in doubt by escalation and is off the calendar until it is put back.
    InDoubt,
}

/// One week's meters, kept for sparklines and debriefs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Week number (1-based).
    pub week: u32,
    /// Meters at the end of the turn.
    pub meters: Meters,
    /// Restriction rung at the end of the turn.
    pub rung: u8,
}

/// Who a dispatch is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Source {
    /// A US move.
    Us,
    /// China's answer.
    China,
    /// A world event.
    Event,
    /// The clock, the summit, the end.
    Clock,
}

/// One line of the dispatches log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dispatch {
    /// Week it happened in.
    pub week: u32,
    /// Who it is about.
    pub source: Source,
    /// What happened, as data (`report::dispatch_text` puts it into words).
    pub said: crate::core::Said,
}

/// The whole state of one game.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct State {
    /// Days since the start date.
    pub day: u32,
    /// Days from the start date to the truce's expiry (the scenario's; weeks never run past it).
    pub horizon: u32,
    /// Negotiating turns taken.
    pub turns: u32,
    /// Which issues are on the table.
    pub agenda: Vec<bool>,
    /// Which issues have been prepared (opening again is free).
    pub prepared: Vec<bool>,
    /// The meters.
    pub meters: Meters,
    /// Mineral-restriction rung, 0..=4.
    pub rung: u8,
    /// The summit.
    pub summit: SummitStatus,
    /// The last US proposal.
    pub proposal: Option<Package>,
    /// China's standing counter-offer.
    pub counter: Option<Package>,
    /// The package agreed in principle, waiting for signature.
    pub agreed: Option<Package>,
    /// China's last answer.
    pub last_answer: Option<Answer>,
    /// Pressure from recent threats; decays each week.
    pub threat_pressure: f64,
    /// Lasting shift of China's aspiration from events.
    pub aspiration_shift: f64,
    /// Shifts to China's issue weights from events.
    pub weight_shift: Vec<f64>,
    /// Weeks in which a restriction rung stood.
    pub restricted_weeks: u32,
    /// Sum over weeks of the rung standing (the depth of shortages).
    pub rung_weeks: u32,
    /// Highest rung reached.
    pub max_rung: u8,
    /// Proposals China turned down under the balance rule.
    pub balance_refusals: u32,
    /// US value given away unilaterally (goodwill gestures), in score points.
    pub concessions: f64,
    /// Events that have fired, by index into the scenario's table.
    pub fired: Vec<bool>,
    /// Meters week by week.
    pub trace: Vec<Snapshot>,
    /// The dispatches log, oldest first.
    pub log: Vec<Dispatch>,
    /// The signed package, if a deal was signed.
    pub signed: Option<Package>,
    /// How the game ended, once it has.
    pub outcome: Option<Outcome>,
    /// The one source of chance.
    pub rng: ChaCha8Rng,
    /// Utility China's no-deal value has lost to pressure so far.
    #[serde(default)]
    pub china_pressure: f64,
    /// Diversification away from Chinese minerals (0..1): it wears China's lever down.
    #[serde(default)]
    pub diversification: f64,
    /// Credibility of US threats, 0..=1.
    #[serde(default)]
    pub credibility: f64,
    /// Cards in force, by index into the scenario's cards.
    #[serde(default)]
    pub cards: Vec<bool>,
    /// Day by which a pending US threat must be carried out, if one is pending.
    #[serde(default)]
    pub threat_deadline: Option<u32>,
    /// How far heeded threats have lowered China's demand.
    #[serde(default)]
    pub demand_cut: f64,
    /// Bluffs called: threats whose deadline passed without being carried out.
    #[serde(default)]
    pub bluffs_called: u32,
    /// China's last ask at the summit: (issue, level), while unanswered.
    #[serde(default)]
    pub summit_ask: Option<(usize, usize)>,
    /// Whether the summit took place (its week was played).
    #[serde(default)]
    pub summit_held: bool,
    /// The year after the game, once it has ended.
    #[serde(default)]
    pub epilogue: Option<crate::core::Epilogue>,
    /// Status-quo levels by issue once an event has moved one (empty: the scenario's own).
    #[serde(default)]
    pub status_quo: Vec<usize>,
    /// Beijing's private type, drawn at the start (neutral in states saved before types).
    #[serde(default)]
    pub beijing: crate::core::Beijing,
    /// China's demand when the standing agreement was made: once a package is agreed in
    /// principle its demand stops falling (re-trading cannot walk it down).
    #[serde(default)]
    pub agreed_demand: Option<f64>,
    /// Whether Beijing has made its last ask at this summit (it makes one, once).
    #[serde(default)]
    pub ask_posed: bool,
    /// Whether the US has walked out once and Beijing came back to the table.
    #[serde(default)]
    pub walked_out: bool,
    /// Day each US card came into force during the talks, by card (`None`: standing from the
    /// start, or not in force). A measure made to be traded is worth less to suspend.
    #[serde(default)]
    pub played_on: Vec<Option<u32>>,
    /// China's cards put in force as mirrors of US moves, by card: suspending one restores the
    /// status quo and is no US gain.
    #[serde(default)]
    pub mirrored: Vec<bool>,
    /// Levels Beijing has refused as crossing a red line, (issue, level), as it said them: the
    /// scenario publishes its own red lines, but a Beijing's own are known only once named.
    #[serde(default)]
    pub named_red_lines: Vec<(usize, usize)>,
}

impl State {
    /// A copy without the words and the charts (the dispatches log and the weekly trace): the
    /// rules never read either back, and a search or a script's view of the state would
    /// otherwise copy the whole game's history at every step.
    pub fn clone_without_words(&self) -> State {
        // Every field is named, so a new one cannot be left out by mistake.
        let State {
            day,
            horizon,
            turns,
            agenda,
            prepared,
            meters,
            rung,
            summit,
            proposal,
            counter,
            agreed,
            last_answer,
            threat_pressure,
            aspiration_shift,
            weight_shift,
            restricted_weeks,
            rung_weeks,
            max_rung,
            balance_refusals,
            concessions,
            fired,
            trace: _,
            log: _,
            signed,
            outcome,
            rng,
            china_pressure,
            diversification,
            credibility,
            cards,
            threat_deadline,
            demand_cut,
            bluffs_called,
            summit_ask,
            summit_held,
            epilogue,
            status_quo,
            beijing,
            agreed_demand,
            ask_posed,
            walked_out,
            played_on,
            mirrored,
            named_red_lines,
        } = self;
        State {
            day: *day,
            horizon: *horizon,
            turns: *turns,
            agenda: agenda.clone(),
            prepared: prepared.clone(),
            meters: meters.clone(),
            rung: *rung,
            summit: *summit,
            proposal: proposal.clone(),
            counter: counter.clone(),
            agreed: agreed.clone(),
            last_answer: last_answer.clone(),
            threat_pressure: *threat_pressure,
            aspiration_shift: *aspiration_shift,
            weight_shift: weight_shift.clone(),
            restricted_weeks: *restricted_weeks,
            rung_weeks: *rung_weeks,
            max_rung: *max_rung,
            balance_refusals: *balance_refusals,
            concessions: *concessions,
            fired: fired.clone(),
            trace: Vec::new(),
            log: Vec::new(),
            signed: signed.clone(),
            outcome: *outcome,
            rng: rng.clone(),
            china_pressure: *china_pressure,
            diversification: *diversification,
            credibility: *credibility,
            cards: cards.clone(),
            threat_deadline: *threat_deadline,
            demand_cut: *demand_cut,
            bluffs_called: *bluffs_called,
            summit_ask: *summit_ask,
            summit_held: *summit_held,
            epilogue: epilogue.clone(),
            status_quo: status_quo.clone(),
            beijing: beijing.clone(),
            agreed_demand: *agreed_demand,
            ask_posed: *ask_posed,
            walked_out: *walked_out,
            played_on: played_on.clone(),
            mirrored: mirrored.clone(),
            named_red_lines: named_red_lines.clone(),
        }
    }
}
