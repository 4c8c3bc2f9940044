//! One move: check it, apply it, get China's answer, then move the world a week.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::ai::{self, Answer, Reply, Rule};
use crate::core::Said;
use crate::engine::agreement::{agree, take_back};
use crate::engine::{Action, ActionError, Dispatch, Outcome, Package, Snapshot, Source, State};
use crate::engine::{Meters, SummitStatus};
use crate::scenario::{Effect, Kind, Scenario};

/// What one accepted action led to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Turn {
    /// The action.
    pub action: Action,
    /// Week in which it was taken.
    pub week: u32,
    /// China's answer, when China answered.
    pub answer: Option<Answer>,
    /// Events that fired afterwards, by id.
    pub events: Vec<String>,
    /// The outcome, if the game ended on this turn.
    pub outcome: Option<Outcome>,
}

/// The state at the start of a scenario with this seed.
pub fn new_state(scenario: &Scenario, seed: u64) -> State {
    new_state_keyed(scenario, seed, &[])
}

/// The state at the start of a scenario with this seed, Beijing drawn with this key as well
/// (a served class's draw key; empty: none, the same as `new_state`).
pub fn new_state_keyed(scenario: &Scenario, seed: u64, draw_key: &[u8]) -> State {
    let start = &scenario.us.start;
    let meters = Meters {
        magnet_supply: start.magnet_supply,
        farm_stress: start.farm_stress,
        market_confidence: start.market_confidence,
        hawk_alarm: start.hawk_alarm,
        trust: start.trust,
    };
    let n = scenario.issues.len();
    let summit = match scenario.clock.summit.as_ref() {
        Some(s) => SummitStatus::Scheduled {
            day: scenario.day_of(&s.date).unwrap_or(0),
        },
        None => SummitStatus::NotScheduled,
    };
    let mut state = State {
        day: 0,
        horizon: scenario.total_days(),
        turns: 0,
        agenda: scenario.issues.iter().map(|i| i.on_table).collect(),
        prepared: scenario.issues.iter().map(|i| i.on_table).collect(),
        meters: meters.clone(),
        rung: scenario
            .world
            .start_rung
            .min(u8::try_from(scenario.ai.ladder.len()).unwrap_or(u8::MAX)),
        summit,
        proposal: None,
        counter: None,
        agreed: None,
        last_answer: None,
        threat_pressure: 0.0,
        aspiration_shift: 0.0,
        weight_shift: vec![0.0; n],
        restricted_weeks: 0,
        rung_weeks: 0,
        max_rung: 0,
        balance_refusals: 0,
        concessions: 0.0,
        fired: vec![false; scenario.events.len()],
        trace: vec![Snapshot {
            week: 0,
            meters,
            rung: 0,
        }],
        log: Vec::new(),
        signed: None,
        outcome: None,
        rng: ChaCha8Rng::seed_from_u64(seed),
        china_pressure: 0.0,
        diversification: 0.0,
        credibility: scenario.world.threat.credibility,
        cards: scenario.world.cards.iter().map(|c| c.in_force).collect(),
        threat_deadline: None,
        demand_cut: 0.0,
        bluffs_called: 0,
        summit_ask: None,
        summit_held: false,
        epilogue: None,
        status_quo: Vec::new(),
        beijing: crate::engine::beijing::draw_keyed(scenario, seed, draw_key),
        agreed_demand: None,
        ask_posed: false,
        walked_out: false,
        played_on: Vec::new(),
        mirrored: Vec::new(),
        named_red_lines: Vec::new(),
    };
    // A scenario may open mid-escalation.
    state.max_rung = state.rung;
    if let Some(first) = state.trace.first_mut() {
        first.rung = state.rung;
    }
    state.log(Source::Clock, Said::TalksOpen);
    crate::engine::events::opening(scenario, &mut state);
    state
}

impl State {
    /// The current week, 1-based; the expiry day itself counts as the last week.
    pub fn week(&self) -> u32 {
        self.day.min(self.horizon.saturating_sub(1)) / 7 + 1
    }

    /// Days left before the truce lapses.
    pub fn days_left(&self, scenario: &Scenario) -> u32 {
        scenario.total_days().saturating_sub(self.day)
    }

    /// Whether the summit is open this turn, so the agreed package can be signed: leaders meet
    /// within one turn of the summit day, either side of it.
    pub fn summit_this_turn(&self, scenario: &Scenario) -> bool {
        match self.summit {
            SummitStatus::Scheduled { day } => {
                self.day <= day && day < self.day + scenario.clock.days_per_turn
            }
            _ => false,
        }
    }

    /// Whether `Sign` would be accepted now.
    pub fn can_sign(&self, scenario: &Scenario) -> bool {
        self.outcome.is_none()
            && self.agreed.is_some()
            && self.summit_held
            && self.summit_this_turn(scenario)
    }

    pub(crate) fn log(&mut self, source: Source, said: Said) {
        let week = self.week();
        self.log.push(Dispatch { week, source, said });
    }

    pub(crate) fn apply_effect(&mut self, scenario: &Scenario, effect: &Effect) {
        let m = &mut self.meters;
        match effect {
            Effect::MagnetSupply(d) => m.magnet_supply += d,
            Effect::FarmStress(d) => m.farm_stress += d,
            Effect::MarketConfidence(d) => m.market_confidence += d,
            Effect::HawkAlarm(d) => m.hawk_alarm += d,
            Effect::Trust(d) => m.trust += d,
            Effect::Rung(d) => {
                let top = i32::try_from(scenario.ai.ladder.len()).unwrap_or(i32::MAX);
                let rung = (i32::from(self.rung) + d).clamp(0, top);
                self.set_rung(u8::try_from(rung).unwrap_or(u8::MAX));
            }
            Effect::ScheduleSummit(s) => {
                if let Some(day) = scenario.day_of(&s.date)
                    && matches!(
                        self.summit,
                        SummitStatus::NotScheduled | SummitStatus::InDoubt
                    )
                    && day >= self.day
                {
                    self.summit = SummitStatus::Scheduled { day };
                }
            }
            Effect::SummitInDoubt => {
                if matches!(self.summit, SummitStatus::Scheduled { .. }) {
                    self.summit = SummitStatus::InDoubt;
                }
            }
            Effect::Aspiration(d) => self.aspiration_shift += d,
            Effect::Concession(points) => self.concessions += points,
            Effect::ChinaWeight(id, d) => {
                if let Some(i) = scenario.issue_index(id) {
                    self.weight_shift[i] += d;
                }
            }
            Effect::Credibility(d) => self.credibility = (self.credibility + d).clamp(0.0, 1.0),
            Effect::ChinaPressure(d) => self.china_pressure += d,
            Effect::Card(id) => {
                if let Some(k) = scenario.world.card_index(id)
                    && !self.cards[k]
                {
                    self.cards[k] = true;
                    let card = &scenario.world.cards[k];
                    self.log(Source::Event, Said::CardInForce(k));
                    for e in &card.on_play {
                        self.apply_effect(scenario, e);
                    }
                }
            }
            // Reopening needs China's judgement: the engine does it after the event.
            Effect::Reopen(_) => {}
            Effect::StatusQuo(id, level) => {
                if let Some(i) = scenario.issue_index(id)
                    && *level < scenario.issues[i].levels.len()
                {
                    if self.status_quo.len() != scenario.issues.len() {
                        self.status_quo = scenario.issues.iter().map(|x| x.status_quo).collect();
                    }
                    self.status_quo[i] = *level;
                }
            }
            Effect::OpenIssue(id) => {
                if let Some(i) = scenario.issue_index(id)
                    && !self.agenda[i]
                {
                    self.agenda[i] = true;
                    self.prepared[i] = true;
                    self.log(Source::Event, Said::IssueOpenedByEvent(i));
                }
            }
        }
        self.meters.clamp();
    }

    pub(crate) fn set_rung(&mut self, rung: u8) {
        self.rung = rung;
        self.max_rung = self.max_rung.max(rung);
    }
}

/// Checks an action against the state without changing anything.
pub fn check(scenario: &Scenario, state: &State, action: &Action) -> Result<(), ActionError> {
    if state.outcome.is_some() {
        return Err(ActionError::GameOver);
    }
    match action {
        Action::Propose(p) => check_package(scenario, state, p),
        Action::AcceptCounter if state.counter.is_none() => Err(ActionError::NoCounter),
        Action::Agenda { issue, on } => {
            let i = scenario
                .issues
                .get(*issue)
                .ok_or(ActionError::NoSuchIssue(*issue))?;
            if state.agenda[*issue] == *on {
                return Err(ActionError::AgendaUnchanged {
                    issue: i.name.clone(),
                    state: if *on { "on" } else { "off" },
                });
            }
            let left = state.days_left(scenario);
            if *on && !state.prepared[*issue] && i.prep_days >= left {
                return Err(ActionError::NoTime {
                    issue: i.name.clone(),
                    days: i.prep_days,
                    left,
                });
            }
            if *on
                && !state.prepared[*issue]
                && let SummitStatus::Scheduled { day } = state.summit
                && state.day <= day
                && state.day + i.prep_days > day
            {
                return Err(ActionError::PastSummit {
                    issue: i.name.clone(),
                    days: i.prep_days,
                    left: day - state.day,
                });
            }
            Ok(())
        }
        // No signature without the summit's scene: its week must have begun.
        Action::Sign if !state.summit_this_turn(scenario) || !state.summit_held => {
            Err(ActionError::NoSummit)
        }
        Action::Sign if state.agreed.is_none() => Err(ActionError::NothingAgreed),
        Action::Play { card } => crate::engine::moves::check_play(scenario, state, *card),
        Action::Threaten => match scenario.index().threat_card {
            Some(k) if state.cards.get(k).copied().unwrap_or(false) => Err(ActionError::NoBite {
                card: scenario.world.cards[k].name.clone(),
            }),
            _ => Ok(()),
        },
        Action::GrantAsk if state.summit_ask.is_none() || !state.summit_this_turn(scenario) => {
            Err(ActionError::NoAsk)
        }
        _ => Ok(()),
    }
}

/// Checks a package's shape and that off-agenda issues stay at the status quo.
pub(crate) fn check_package(
    scenario: &Scenario,
    state: &State,
    p: &Package,
) -> Result<(), ActionError> {
    if p.0.len() != scenario.issues.len() {
        return Err(ActionError::WrongLength {
            got: p.0.len(),
            expected: scenario.issues.len(),
        });
    }
    for (i, (issue, &level)) in scenario.issues.iter().zip(&p.0).enumerate() {
        if level >= issue.levels.len() {
            return Err(ActionError::NoSuchLevel {
                issue: issue.name.clone(),
                level,
            });
        }
        // Off the table an issue stays at its status quo: the scenario's, or where an event moved it.
        let now = crate::ai::status_quo_level(scenario, state, i);
        if !state.agenda[i] && level != issue.status_quo && level != now {
            return Err(ActionError::OffAgenda {
                issue: issue.name.clone(),
            });
        }
    }
    Ok(())
}

/// Applies one action: China answers, then the world moves a week. A refused action changes nothing.
pub fn step(scenario: &Scenario, state: &mut State, action: Action) -> Result<Turn, ActionError> {
    let mut turn = Turn {
        week: state.week(),
        action,
        answer: None,
        events: Vec::new(),
        outcome: None,
    };
    let Turn {
        action,
        answer,
        events,
        ..
    } = &mut turn;
    apply(scenario, state, action, Some(Record { answer, events }))?;
    turn.outcome = state.outcome;
    Ok(turn)
}

/// Where `apply` writes what a `Turn` reports; headless callers pass none and skip the copies.
pub(crate) struct Record<'a> {
    /// China's answer, as it stood before the world moved.
    pub answer: &'a mut Option<Answer>,
    /// The ids of the events that fired, and `summit_week`.
    pub events: &'a mut Vec<String>,
}

/// `step` without the `Turn`: the same rules, with the record written only when asked for.
/// Returns the rule behind China's answer to the move, when China answered.
pub(crate) fn apply(
    scenario: &Scenario,
    state: &mut State,
    action: &Action,
    record: Option<Record>,
) -> Result<Option<Rule>, ActionError> {
    check(scenario, state, action)?;
    // A state from before cards existed (or from another scenario) gets one slot per card, so
    // indexing by card never panics.
    state.cards.resize(scenario.world.cards.len(), false);
    match action {
        Action::Agenda { issue, on } => {
            let days = set_agenda(scenario, state, *issue, *on);
            let fired = record.map(|r| r.events);
            crate::engine::week::prepare(scenario, state, days, fired);
            if state.outcome.is_none() && state.days_left(scenario) == 0 {
                end(scenario, state, Outcome::Escalation);
            }
            return Ok(None);
        }
        Action::GrantAsk => {
            crate::engine::moves::grant_ask(scenario, state);
            return Ok(None);
        }
        Action::Hold => crate::engine::moves::hold(state),
        Action::Play { card } => crate::engine::moves::play(scenario, state, *card),
        Action::Propose(p) => propose(scenario, state, p),
        Action::AcceptCounter => crate::engine::agreement::accept_counter(scenario, state),
        Action::Threaten => crate::engine::moves::threaten(scenario, state),
        Action::Goodwill => goodwill(scenario, state),
        Action::RequestExtension => request_extension(scenario, state),
        Action::Sign => sign(scenario, state),
        Action::WalkAway => crate::engine::walkout::walk_away(scenario, state),
    }
    let rule = state.last_answer.as_ref().map(|a| a.why.rule);
    let events = match record {
        Some(Record { answer, events }) => {
            answer.clone_from(&state.last_answer);
            Some(events)
        }
        None => None,
    };
    if crate::engine::week::closes_at_summit(scenario, state, action) {
        // A package agreed in the summit's own week goes to the leaders that week, through the
        // same scene: Beijing makes its last ask (once per summit) and the week waits for the
        // US to grant it or sign without it. With no ask left to make, the leaders sign.
        if crate::engine::week::pose_ask(scenario, state) {
            return Ok(rule);
        }
        sign(scenario, state);
    }
    if state.outcome.is_none() {
        crate::engine::week::advance_week(scenario, state, events);
    } else {
        snapshot(state);
    }
    Ok(rule)
}

/// Puts issue `i` on or off the table; returns the days of preparation opening it takes (the
/// caller runs the world's clock for them).
fn set_agenda(scenario: &Scenario, state: &mut State, i: usize, on: bool) -> u32 {
    let issue = &scenario.issues[i];
    let mut days = 0;
    state.agenda[i] = on;
    if on {
        if state.prepared[i] {
            state.log(Source::Us, Said::IssueBack(i));
        } else {
            state.prepared[i] = true;
            days = issue.prep_days;
            let said = Said::IssueOpened {
                issue: i,
                days: issue.prep_days,
            };
            state.log(Source::Us, said);
        }
    } else {
        let sq = issue.status_quo;
        if let Some(agreed) = state.agreed.clone()
            && agreed.0[i] != sq
        {
            let mut without = agreed;
            without.0[i] = sq;
            take_back(scenario, state, &without);
        }
        for slot in [&mut state.counter, &mut state.agreed] {
            if slot.as_ref().is_some_and(|p| p.0[i] != sq) {
                *slot = None;
            }
        }
        state.log(Source::Us, Said::IssueOff(i));
    }
    days
}

fn propose(scenario: &Scenario, state: &mut State, p: &Package) {
    // Issues off the table are judged at today's status quo (an event may have moved it).
    let p = &crate::engine::query::normalise(scenario, state, p);
    // Hawks react to what the US agrees to, not to offers Beijing turns down: the alarm is
    // raised in `agree`, whoever's package it is.
    state.log(
        Source::Us,
        Said::Proposed {
            package: p.clone(),
            agenda: state.agenda.clone(),
        },
    );
    take_back(scenario, state, p);
    let answer = ai::answer_proposal(scenario, state, p);
    match &answer.reply {
        Reply::Accept if answer.why.rule == Rule::Kept => {
            state.log(Source::China, Said::Kept);
        }
        Reply::Accept => {
            state.log(Source::China, Said::Accepted);
            agree(scenario, state, p.clone());
        }
        Reply::Counter(c) => {
            if answer.why.rule == Rule::Insult {
                state.meters.trust -= scenario.ai.retaliation.insult_trust_cost;
                state.log(Source::China, Said::Insult);
            }
            let said = Said::Countered {
                package: c.clone(),
                agenda: state.agenda.clone(),
            };
            state.log(Source::China, said);
            state.counter = Some(c.clone());
        }
        Reply::Restrict(r) => {
            if answer.why.rule == Rule::Insult {
                state.meters.trust -= scenario.ai.retaliation.insult_trust_cost;
            }
            restrict(state, *r);
        }
        _ => {}
    }
    crate::engine::moves::note_refusal(state, &answer);
    state.proposal = Some(p.clone());
    state.last_answer = Some(answer);
    state.meters.clamp();
}

pub(crate) fn restrict(state: &mut State, rung: u8) {
    state.set_rung(rung);
    state.log(Source::China, Said::Restricted(rung));
}

fn goodwill(scenario: &Scenario, state: &mut State) {
    let g = &scenario.us.goodwill;
    state.log(Source::Us, Said::Goodwill);
    for e in &g.effects {
        state.apply_effect(scenario, e);
    }
    let why = ai::noted(scenario, state, Rule::GoodwillWelcomed);
    state.log(Source::China, Said::GoodwillWelcomed);
    state.last_answer = Some(Answer {
        reply: Reply::Noted,
        why,
    });
}

fn request_extension(scenario: &Scenario, state: &mut State) {
    state.log(Source::Us, Said::ExtensionAsked);
    let answer = ai::answer_extension(scenario, state);
    if answer.reply == Reply::GrantExtension {
        state.log(Source::China, Said::ExtensionGranted);
        state.last_answer = Some(answer);
        end(scenario, state, Outcome::TruceExtended);
    } else {
        state.log(Source::China, Said::ExtensionRefused);
        state.last_answer = Some(answer);
    }
}

fn sign(scenario: &Scenario, state: &mut State) {
    let Some(agreed) = state.agreed.clone() else {
        return;
    };
    let answer = ai::answer_signing(scenario, state, &agreed);
    let signed = answer.reply == Reply::Sign;
    state.last_answer = Some(answer);
    state.summit = SummitStatus::Passed;
    crate::engine::moves::refused_ask(state, signed);
    if signed {
        state.log(Source::Clock, Said::Signed);
        state.summit_ask = None;
        let suspended: Vec<usize> = (0..scenario.world.cards.len())
            .filter(|&k| state.cards[k] && ai::suspends(scenario, k, &agreed.0))
            .collect();
        for &k in &suspended {
            state.log(Source::Clock, Said::Suspended(k));
        }
        let outcome = classify(scenario, &agreed);
        state.signed = Some(agreed);
        // The epilogue reads the cards in force at signing; they are suspended after it.
        end(scenario, state, outcome);
        for k in suspended {
            state.cards[k] = false;
        }
    } else {
        state.log(Source::Clock, Said::SignRefused);
        state.meters.trust -= 10.0;
        state.meters.clamp();
    }
}

/// Comprehensive when enforcement goes beyond a declaration and enough structural Chinese
/// commitments are in; otherwise a framework.
pub fn classify(scenario: &Scenario, p: &Package) -> Outcome {
    let rules = &scenario.deal;
    let enforcement = scenario.index().enforcement;
    let enforced = enforcement.is_some_and(|e| p.0[e] >= rules.min_enforcement);
    let structural = scenario
        .issues
        .iter()
        .enumerate()
        .filter(|&(i, issue)| {
            let l = &issue.levels[p.0[i]];
            Some(i) != enforcement
                && l.kind == Kind::Structural
                && l.us > issue.levels[issue.status_quo].us
        })
        .count();
    if enforced && structural >= rules.min_structural {
        Outcome::ComprehensiveDeal
    } else {
        Outcome::FrameworkDeal
    }
}

pub(crate) fn end(scenario: &Scenario, state: &mut State, outcome: Outcome) {
    state.outcome = Some(outcome);
    state.log(Source::Clock, Said::GameOver(outcome));
    let epilogue = crate::engine::epilogue::play(scenario, state);
    state.epilogue = Some(epilogue);
}

pub(crate) fn snapshot(state: &mut State) {
    let week = state.turns;
    state.trace.push(Snapshot {
        week,
        meters: state.meters.clone(),
        rung: state.rung,
    });
}
