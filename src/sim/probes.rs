//! Probe strategies: each plays one exploit the model must not reward, on top of `patient`
//! (the best fixed script in two of the three built-ins) or, for `escalate-ask`, as a whole
//! line of its own, so a probe that beat `adaptive` would show the exploit pays. Kept out of
//! `Strategy::ALL`: they are for tests and measurements, not for the simulator's table.

use crate::engine::{Action, Package, State, query};
use crate::scenario::Scenario;
use crate::sim::GameResult;
use crate::sim::scripted::{patient, summit_move, weeks_to_summit};
use crate::sim::strategy::Ctx;

/// An exploit, played on top of `patient` or (escalate-ask) as a line of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Probe {
    /// Once a package is agreed, proposes the firmest package again every week (re-trading
    /// agreed terms) instead of holding.
    Retrade,
    /// Never grants Beijing's last ask: signs without it.
    RefuseAsk,
    /// Plays the first US card it can in the first week, to trade its suspension, then patient.
    CardToTrade,
    /// Opens with the US's best level on every issue (an insult), then patient.
    InsultOpener,
    /// Opens every issue it can afford, one a move, to let preparation days pass, then patient.
    SkipTime,
    /// At the summit, proposes the agreed package with its purchases dropped, then signs.
    DropPurchases,
    /// Reads the scenario file, not Beijing: patient, never asking as far as any kind's own red
    /// line goes, whether or not the Beijing drawn holds it.
    Wary,
    /// Plays every US card as soon as it can, holds until two weeks before the summit, then
    /// asks for the plan's firm package with the largest purchases and takes China's counter on
    /// the summit's eve: escalation and a maximal ask, whatever Beijing says.
    EscalateAsk,
}

impl Probe {
    /// Every probe.
    pub const ALL: [Probe; 8] = [
        Probe::Retrade,
        Probe::RefuseAsk,
        Probe::CardToTrade,
        Probe::InsultOpener,
        Probe::SkipTime,
        Probe::DropPurchases,
        Probe::Wary,
        Probe::EscalateAsk,
    ];

    /// A short name for reports.
    pub fn name(self) -> &'static str {
        match self {
            Probe::Retrade => "retrade",
            Probe::RefuseAsk => "refuse-ask",
            Probe::CardToTrade => "card-to-trade",
            Probe::InsultOpener => "insult-opener",
            Probe::SkipTime => "skip-time",
            Probe::DropPurchases => "drop-purchases",
            Probe::Wary => "wary",
            Probe::EscalateAsk => "escalate-ask",
        }
    }

    /// The probe's next move (legal unless the game is over).
    pub fn next_action(self, scenario: &Scenario, state: &State) -> Action {
        let c = Ctx::new(scenario, state);
        let exploit = match self {
            Probe::Retrade => retrade(&c),
            Probe::RefuseAsk => refuse_ask(&c),
            Probe::CardToTrade => card_to_trade(&c),
            Probe::InsultOpener => insult_opener(&c),
            Probe::SkipTime => skip_time(&c),
            Probe::DropPurchases => drop_purchases(&c),
            Probe::Wary => return wary(&c),
            Probe::EscalateAsk => return escalate_ask(&c),
        };
        exploit.unwrap_or_else(|| patient(&c))
    }

    /// Plays one game with this probe from a seed (a refused move is replaced by a hold).
    pub fn play(self, scenario: &Scenario, seed: u64) -> GameResult {
        crate::sim::run::play_with(scenario, seed, |state| self.next_action(scenario, state))
    }
}

fn retrade(c: &Ctx) -> Option<Action> {
    let agreed = c.state.agreed.as_ref()?;
    if c.state.summit_this_turn(c.scenario) || c.last_turn() || c.summit_past() {
        return None;
    }
    let firmest = crate::sim::scripts_plan::plan(c, true).package(c, 0);
    (agreed != &firmest).then_some(Action::Propose(firmest))
}

fn refuse_ask(c: &Ctx) -> Option<Action> {
    (c.state.summit_ask.is_some() && c.state.summit_this_turn(c.scenario))
        .then(|| c.sign())
        .flatten()
}

fn card_to_trade(c: &Ctx) -> Option<Action> {
    if c.turns() > 0 {
        return None;
    }
    first_card(c)
}

/// The first card the US can play now, if any.
fn first_card(c: &Ctx) -> Option<Action> {
    (0..c.scenario.world.cards.len())
        .map(|card| Action::Play { card })
        .find(|a| query::legal(c.scenario, c.state, a).is_ok())
}

/// The id of every issue in the scenario.
fn every_issue<'a>(c: &Ctx<'a>) -> Vec<&'a str> {
    c.scenario.issues.iter().map(|i| i.id.as_str()).collect()
}

fn insult_opener(c: &Ctx) -> Option<Action> {
    if c.turns() > 0 || c.state.proposal.is_some() {
        return None;
    }
    let s = c.scenario;
    let levels = s
        .issues
        .iter()
        .enumerate()
        .map(|(i, issue)| {
            if c.state.agenda[i] {
                (0..issue.levels.len())
                    .max_by(|&a, &b| issue.levels[a].us.total_cmp(&issue.levels[b].us))
                    .unwrap_or(issue.status_quo)
            } else {
                issue.status_quo
            }
        })
        .collect();
    Some(Action::Propose(Package(levels)))
}

fn skip_time(c: &Ctx) -> Option<Action> {
    c.open(&every_issue(c))
}

/// The purchase issues of the built-in scenarios.
const PURCHASES: [&str; 2] = ["farm", "energy"];

fn drop_purchases(c: &Ctx) -> Option<Action> {
    let agreed = c.state.agreed.as_ref()?;
    if !c.state.summit_this_turn(c.scenario) {
        return None;
    }
    let mut dropped = agreed.clone();
    for id in PURCHASES {
        if let Some(i) = c.scenario.issue_index(id) {
            dropped.0[i] = c.scenario.issues[i].status_quo;
        }
    }
    let tried = c.state.proposal.as_ref() == Some(&dropped);
    if dropped == *agreed || tried {
        return summit_move(c);
    }
    Some(Action::Propose(dropped))
}

/// Patient's move with every proposal kept short of all the kinds' own red lines.
fn wary(c: &Ctx) -> Action {
    let Action::Propose(mut p) = patient(c) else {
        return patient(c);
    };
    let s = c.scenario;
    for (rl, _) in s.world.beijing.iter().flat_map(|a| &a.red_lines) {
        let Some(i) = s.issue_index(&rl.issue) else {
            continue;
        };
        let issue = &s.issues[i];
        let china = |l: usize| issue.levels.get(l).map_or(f64::INFINITY, |x| x.china);
        while p.0[i] != issue.status_quo && china(p.0[i]) <= china(rl.level) {
            match crate::ai::step_towards_china(s, i, p.0[i]) {
                Some(next) => p.0[i] = next,
                None => break,
            }
        }
    }
    Action::Propose(p)
}

/// The weeks before the summit in which the escalate-ask probe makes its ask.
const ASK_WEEKS: u32 = 2;

fn escalate_ask(c: &Ctx) -> Action {
    let s = c.scenario;
    if let Some(a) = summit_move(c) {
        return a;
    }
    if let Some(a) = first_card(c) {
        return a;
    }
    let left = weeks_to_summit(c).unwrap_or(0);
    if c.last_turn() || (c.summit_past() && c.state.agreed.is_none()) {
        return Action::RequestExtension;
    }
    if c.state.agreed.is_some() || left > ASK_WEEKS {
        return Action::Hold;
    }
    if let Some(a) = c.open(&every_issue(c)) {
        return a;
    }
    if c.state.counter.is_some() && c.summit_next_turn() {
        return Action::AcceptCounter;
    }
    let val = c.published();
    let plan = crate::sim::scripts_plan::plan_valued(c, val, true);
    let mut ask = plan.package(c, plan.firm_valued(c, val));
    for id in PURCHASES {
        if let Some(i) = s.issue_index(id)
            && c.state.agenda[i]
        {
            ask.0[i] = s.issues[i].levels.len() - 1;
        }
    }
    Action::Propose(ask)
}
