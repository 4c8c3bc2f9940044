//! The structural package a script asks for, derived from the scenario file: what a player
//! reads off the issue table, the red lines, the deal rules and the cards. `patient`,
//! `structural`, `bluff` and `adaptive` use it, so each plays its own scenario's issues.
//!
//! - On an issue where the status quo already serves the US (a lever it holds: tariffs,
//!   controls), the ask is the status quo: an escalation China values at nothing is no ask.
//! - On the others, the ask is the most US-favourable level China values at a quarter of its
//!   best or more and that crosses no red line; a red line lifted by a reciprocity is accepted
//!   with the reciprocity when the reciprocity carries no security cost.
//! - The concessions, in order: each step towards China gives the most China value (cards
//!   suspended included) per unit of US value, never below the enforcement the deal rules
//!   require, never to a level with a real security cost, never below a comprehensive deal,
//!   never across a red line, and on an issue the US asks for never to a political level
//!   (a pledge) or one worth no more to the US than the status quo.
//!
//! Everything is valued as the published negotiator would (the scenario's weights, not the
//! Beijing drawn), on the state a player sees.

use crate::ai::Valuation;
use crate::core::{Beijing, Package, State};
use crate::engine::{Outcome, classify};
use crate::scenario::{Kind, Scenario};
use crate::sim::strategy::Ctx;

/// The state as the scenario file describes Beijing: the same game, with the published
/// negotiator in place of the one drawn (what a player can compute from the file).
pub(crate) fn published(state: &State) -> State {
    // Without the log and the trace: what is valued never reads them.
    let mut s = state.clone_without_words();
    s.beijing = Beijing::NEUTRAL;
    s
}

/// China's least value (of its best on the issue) for a level the US asks for.
const LIVEABLE: f64 = 0.25;
/// The same for a purchase: a commitment China values at less than this is a headline it
/// would not deliver.
const DELIVERABLE: f64 = 0.6;
/// A security cost above this is a concession no script makes (a licence, not advanced chips).
const SECURE: f64 = 0.05;
/// The most concessions a plan lists.
const MAX_STEPS: usize = 12;

/// A scenario's structural package and the order in which it gives ground.
#[derive(Default, Clone)]
pub(crate) struct Plan {
    /// The firm ask, on every issue (those off the agenda too).
    pub ask: Vec<usize>,
    /// The concessions in order: (issue, level).
    pub steps: Vec<(usize, usize)>,
}

impl Plan {
    /// The ask with the first `conceded` concessions given, on the issues on the table.
    pub fn package(&self, c: &Ctx, conceded: usize) -> Package {
        let mut levels = self.ask.clone();
        for &(i, l) in self.steps.iter().take(conceded) {
            levels[i] = l;
        }
        restrict(c, levels)
    }

    /// How many concessions the plan lists.
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    /// The fewest concessions that make the package no insult to the published negotiator
    /// (an insult costs trust and anchors nothing), valued by `val` (the published
    /// negotiator's valuation, `Valuation::new` of `c.book()`).
    pub fn firm_valued(&self, c: &Ctx, val: &Valuation) -> usize {
        (0..=self.len())
            .find(|&k| !crate::ai::insults(c.scenario, val, &self.package(c, k)))
            .unwrap_or(self.len())
    }
}

/// `levels` on the issues on the table, the status quo elsewhere.
fn restrict(c: &Ctx, mut levels: Vec<usize>) -> Package {
    // In place: a script builds many packages a move.
    for ((l, issue), &on) in levels
        .iter_mut()
        .zip(&c.scenario.issues)
        .zip(&c.state.agenda)
    {
        if !on {
            *l = issue.status_quo;
        }
    }
    Package(levels)
}

/// Whether the status quo of issue `i` already serves the US: a lever it holds.
fn lever(s: &Scenario, i: usize) -> bool {
    let issue = &s.issues[i];
    issue.levels[issue.status_quo].us >= 0.5
}

/// China's best value of any level of issue `i` (at least 0).
fn china_best(s: &Scenario, i: usize) -> f64 {
    s.issues[i]
        .levels
        .iter()
        .map(|l| l.china)
        .fold(0.0, f64::max)
}

/// Whether `level` is one the US asks for on issue `i` (with `political`: political levels too);
/// `best` is the issue's `china_best`.
fn askable(s: &Scenario, i: usize, level: usize, political: bool, best: f64) -> bool {
    let issue = &s.issues[i];
    let l = &issue.levels[level];
    let least = if l.kind == Kind::Commercial {
        DELIVERABLE
    } else {
        LIVEABLE
    };
    l.us > issue.levels[issue.status_quo].us
        && l.china >= least * best
        && l.security_cost <= SECURE
        && (political || l.kind != Kind::Political)
}

/// The firm ask: see the module's notes. With `political` false, only structural and
/// commercial levels are asked for (the `structural` negotiator).
fn ask(s: &Scenario, val: &Valuation, political: bool, live: &[bool]) -> Vec<usize> {
    let mut levels = s.status_quo().0;
    let mut order: Vec<usize> = (0..s.issues.len())
        .filter(|&i| live[i] && !lever(s, i))
        .collect();
    order.sort_by(|&a, &b| s.issues[b].us_weight.total_cmp(&s.issues[a].us_weight));
    for i in order {
        let best = china_best(s, i);
        let mut candidates: Vec<usize> = (0..s.issues[i].levels.len())
            .filter(|&l| askable(s, i, l, political, best))
            .collect();
        candidates.sort_by(|&a, &b| {
            s.issues[i].levels[b]
                .us
                .total_cmp(&s.issues[i].levels[a].us)
        });
        for l in candidates {
            let mut trial = levels.clone();
            trial[i] = l;
            if let Some(linked) = with_reciprocity(s, val, trial) {
                levels = linked;
                break;
            }
        }
    }
    levels
}

/// `levels` if they cross no red line, or with the reciprocities that lift the lines they
/// cross, when those carry no security cost; `None` otherwise.
fn with_reciprocity(s: &Scenario, val: &Valuation, mut levels: Vec<usize>) -> Option<Vec<usize>> {
    if !val.crosses(&levels) {
        return Some(levels);
    }
    for hit in crossed(s, val, &levels) {
        let (_, _, unless) = s
            .index()
            .red_lines
            .iter()
            .find(|(i, _, _)| *i == hit)
            .copied()?;
        let (j, min) = unless?;
        if s.issues[j].levels[min].security_cost > SECURE {
            return None;
        }
        // The reciprocity is a step towards China on `j`: take the further of the two.
        let (cur, issue) = (levels[j], &s.issues[j]);
        if issue.levels[min].china > issue.levels[cur].china {
            levels[j] = min;
        }
    }
    (!val.crosses(&levels)).then_some(levels)
}

/// The issues of the red lines `levels` crosses, in the scenario's order: `Valuation::red_lines`
/// without the reasons (the same test as `Valuation::crosses`, on the same tables).
fn crossed(s: &Scenario, val: &Valuation, levels: &[usize]) -> Vec<usize> {
    s.index()
        .red_tables
        .iter()
        .filter(|(i, below, lifted)| {
            below[levels[*i]]
                && levels[*i] != val.sq(*i)
                && !lifted.as_ref().is_some_and(|(j, lifts)| lifts[levels[*j]])
        })
        .map(|(i, _, _)| *i)
        .collect()
}

/// The concession that gives China most per unit of US value from `levels`, if any is allowed.
fn next_step(
    s: &Scenario,
    val: &Valuation,
    levels: &[usize],
    comprehensive: bool,
    live: &[bool],
) -> Option<(usize, usize)> {
    let enforcement = s.index().enforcement;
    let (china, us) = (val.china(levels), val.us(levels));
    let china_upto = running(levels, |i, l| val.china_at(i, l));
    let us_upto = running(levels, |i, l| val.us_at(i, l));
    let mut best: Option<(f64, usize, usize)> = None;
    // One trial package, moved one issue at a time and put back.
    let mut trial = Package(levels.to_vec());
    for i in (0..s.issues.len()).filter(|&i| live[i]) {
        let Some(next) = crate::ai::step_towards_china(s, i, levels[i]) else {
            continue;
        };
        let issue = &s.issues[i];
        let level = &issue.levels[next];
        if Some(i) == enforcement && next < s.deal.min_enforcement
            || level.security_cost > SECURE
            || !lever(s, i)
                && (level.us <= issue.levels[issue.status_quo].us || level.kind == Kind::Political)
        {
            continue;
        }
        trial.0[i] = next;
        // `val.china(&trial)` and `val.us(&trial)`, summed from issue `i` on.
        let (cards_china, cards_us) = val.card_gains(&trial.0);
        let gain =
            moved(levels, &china_upto, i, next, |k, l| val.china_at(k, l)) + cards_china - china;
        let loss =
            (us - (moved(levels, &us_upto, i, next, |k, l| val.us_at(k, l)) + cards_us)).max(1e-4);
        // The rules' tests only once the step would be the best so far: they are dearer than
        // the values, and a step that loses on value is passed over whatever they say.
        let better = gain > 0.0 && best.is_none_or(|(b, _, _)| gain / loss > b);
        if better
            && !val.crosses(&trial.0)
            && (!comprehensive || classify(s, &trial) == Outcome::ComprehensiveDeal)
        {
            best = Some((gain / loss, i, next));
        }
        trial.0[i] = levels[i];
    }
    best.map(|(_, i, l)| (i, l))
}

/// The running sums of one side's values of `levels`, issue by issue (entry `i` sums the issues
/// before `i`), added in the order `Valuation::china` and `Valuation::us` add them.
fn running(levels: &[usize], at: impl Fn(usize, usize) -> f64) -> Vec<f64> {
    // The empty sum: the very value a float sum starts from.
    let mut acc: f64 = std::iter::empty::<f64>().sum();
    let mut upto = Vec::with_capacity(levels.len() + 1);
    upto.push(acc);
    for (i, &l) in levels.iter().enumerate() {
        acc += at(i, l);
        upto.push(acc);
    }
    upto
}

/// The sum of `levels`' values with issue `i` moved to `level`: the sum so far from `upto`,
/// then the same additions in the same order as a whole sum (bit-identical, at half the cost).
fn moved(
    levels: &[usize],
    upto: &[f64],
    i: usize,
    level: usize,
    at: impl Fn(usize, usize) -> f64,
) -> f64 {
    let mut acc = upto[i] + at(i, level);
    for (k, &l) in levels.iter().enumerate().skip(i + 1) {
        acc += at(k, l);
    }
    acc
}

/// The scenario's plan, as the state stands (cards in force, weights moved by events).
pub(crate) fn plan(c: &Ctx, political: bool) -> Plan {
    plan_valued(c, c.published(), political)
}

/// [`plan`] with the published negotiator's valuation (`Valuation::new` of `c.book()`) given.
pub(crate) fn plan_valued(c: &Ctx, val: &Valuation, political: bool) -> Plan {
    // The issues first: finding those worth opening may consult the memory too.
    let live = live(c);
    match c.memory().and_then(|m| m.try_borrow_mut().ok()) {
        Some(mut memory) => memory.plans[usize::from(political)]
            .plan_live(c.scenario, val, political, live)
            .clone(),
        None => worked_out(c.scenario, val, political, &live),
    }
}

/// The issues a plan moves: those on the table and those worth opening.
fn live(c: &Ctx) -> Vec<bool> {
    let s = c.scenario;
    let open = c.to_open();
    (0..s.issues.len())
        .map(|i| c.state.agenda[i] || open.contains(&s.issues[i].id.as_str()))
        .collect()
}

/// Everything a plan is worked out from besides the scenario (see [`worked_out`]): the issues
/// it moves, China's level values, the cards' values and which are in force, and today's
/// status quo. Values are compared bit for bit.
#[derive(PartialEq)]
struct Inputs {
    political: bool,
    live: Vec<bool>,
    china: Vec<u64>,
    cards: Vec<u64>,
    in_force: Vec<bool>,
    sq: Vec<usize>,
}

impl Inputs {
    fn of(s: &Scenario, val: &Valuation, political: bool, live: Vec<bool>) -> Inputs {
        Inputs {
            political,
            live,
            china: val.china_table().iter().map(|x| x.to_bits()).collect(),
            cards: val.card_values().iter().map(|x| x.to_bits()).collect(),
            in_force: (0..s.world.cards.len()).map(|k| val.in_force(k)).collect(),
            sq: (0..s.issues.len()).map(|i| val.sq(i)).collect(),
        }
    }
}

/// The plans of one game's decisions: a plan is worked out again only when what it is worked
/// out from has changed since the last decision (between most weeks of a game nothing it
/// reads moves), so a rollout of `solve --fair` plans a few times, not every week. Same
/// inputs, same plan: the game is the same with or without it.
#[derive(Default)]
pub(crate) struct Planner {
    /// What the plan was worked out from (none yet: the plan is still to be worked out).
    inputs: Option<Inputs>,
    plan: Plan,
}

impl Planner {
    /// [`plan_valued`], remembered.
    pub fn plan(&mut self, c: &Ctx, val: &Valuation, political: bool) -> &Plan {
        self.plan_live(c.scenario, val, political, live(c))
    }

    /// [`Planner::plan`] with the issues it moves given.
    fn plan_live(
        &mut self,
        s: &Scenario,
        val: &Valuation,
        political: bool,
        live: Vec<bool>,
    ) -> &Plan {
        let inputs = Inputs::of(s, val, political, live);
        if self.inputs.as_ref() != Some(&inputs) {
            self.plan = worked_out(s, val, political, &inputs.live);
            self.inputs = Some(inputs);
        }
        &self.plan
    }
}

/// What the scripts of one game remember from one decision to the next: their plans and the
/// ask behind the issues worth opening, each with what it was worked out from and used again
/// only while that is unchanged (bit for bit), so a game is the same with or without it.
#[derive(Default)]
pub(crate) struct Memory {
    /// The plans without political levels (0) and with them (1).
    pub plans: [Planner; 2],
    /// The ask of every issue that [`to_open`] reads, with what it was worked out from.
    opening: Option<(Inputs, Vec<usize>)>,
}

/// The firm ask of every issue (see [`to_open`]), remembered in `memory` when there is one.
fn every_ask(
    s: &Scenario,
    val: &Valuation,
    memory: Option<&std::cell::RefCell<Memory>>,
) -> Vec<usize> {
    let every = vec![true; s.issues.len()];
    let Some(mut memory) = memory.and_then(|m| m.try_borrow_mut().ok()) else {
        return ask(s, val, true, &every);
    };
    let inputs = Inputs::of(s, val, true, every);
    if let Some((known, levels)) = &memory.opening
        && *known == inputs
    {
        return levels.clone();
    }
    let levels = ask(s, val, true, &inputs.live);
    memory.opening = Some((inputs, levels.clone()));
    levels
}

/// The plan itself, from `val` (the published negotiator's) and the issues it moves.
fn worked_out(s: &Scenario, val: &Valuation, political: bool, live: &[bool]) -> Plan {
    let ask = ask(s, val, political, live);
    let comprehensive = classify(s, &Package(ask.clone())) == Outcome::ComprehensiveDeal;
    let mut levels = ask.clone();
    let mut steps = Vec::new();
    while steps.len() < MAX_STEPS {
        let Some((i, l)) = next_step(s, val, &levels, comprehensive, live) else {
            break;
        };
        levels[i] = l;
        steps.push((i, l));
    }
    Plan { ask, steps }
}

/// The issues off the table worth opening: those on which the plan asks for a structural
/// level the US values at 0.45 or more, by US weight (first the heaviest).
pub(crate) fn to_open<'a>(c: &Ctx<'a>) -> Vec<&'a str> {
    let s = c.scenario;
    // Once every issue that starts off the table is open there is nothing left to open, and
    // the ask below (the costliest part of a script's move) need not be worked out.
    let closed =
        |i: usize| !s.issues[i].on_table && !c.state.agenda.get(i).copied().unwrap_or(false);
    if !(0..s.issues.len()).any(closed) {
        return Vec::new();
    }
    // Every issue is a candidate; a lever is never one to open.
    let ask = every_ask(s, c.published(), c.memory());
    let mut ids: Vec<usize> = (0..s.issues.len())
        .filter(|&i| {
            let (issue, l) = (&s.issues[i], ask[i]);
            !issue.on_table
                && l != issue.status_quo
                && issue.levels[l].kind == Kind::Structural
                && issue.levels[l].us >= 0.45
        })
        .collect();
    ids.sort_by(|&a, &b| s.issues[b].us_weight.total_cmp(&s.issues[a].us_weight));
    ids.into_iter().map(|i| s.issues[i].id.as_str()).collect()
}

/// The highest security cost among a package's levels.
pub(crate) fn security(s: &Scenario, p: &Package) -> f64 {
    p.0.iter()
        .enumerate()
        .map(|(i, &l)| s.issues[i].levels[l].security_cost)
        .fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    /// The plan's ask in a built-in scenario at the opening, every issue on the table, by id.
    fn asked(name: &str) -> (Vec<(String, usize)>, Vec<String>, Vec<String>) {
        let s = crate::scenario::builtin(name).unwrap().unwrap();
        let mut state = crate::engine::new_state(&s, 1);
        state.agenda = vec![true; s.issues.len()];
        let c = Ctx::new(&s, &state);
        let p = plan(&c, true);
        let moved = p
            .ask
            .iter()
            .enumerate()
            .filter(|&(i, &l)| l != s.issues[i].status_quo)
            .map(|(i, &l)| (s.issues[i].id.clone(), l))
            .collect();
        let steps = p
            .steps
            .iter()
            .map(|&(i, _)| s.issues[i].id.clone())
            .collect();
        let mut off = state.clone();
        off.agenda = s.issues.iter().map(|i| i.on_table).collect();
        let c = Ctx::new(&s, &off);
        let open = to_open(&c).into_iter().map(String::from).collect();
        (moved, steps, open)
    }

    /// A remembered plan is worked out again when what it rests on changes: with more issues
    /// on the table the planner gives what a fresh working-out gives, not the plan it kept
    /// (the game-level test in `run.rs` rarely meets such a change within one game).
    #[test]
    fn a_planner_works_its_plan_out_again_when_what_it_rests_on_changes() {
        let s = crate::scenario::builtin("autumn-2025").unwrap().unwrap();
        let state = crate::engine::new_state(&s, 1);
        let val = Valuation::published(&s, &state);
        let fresh = |live: &[bool]| {
            let p = worked_out(&s, &val, true, live);
            (p.ask, p.steps)
        };
        let some: Vec<bool> = s.issues.iter().map(|i| i.on_table).collect();
        let all = vec![true; s.issues.len()];
        assert_ne!(
            fresh(&some),
            fresh(&all),
            "the issues on the table move the plan"
        );
        let mut planner = Planner::default();
        for live in [&some, &all, &some] {
            let p = planner.plan_live(&s, &val, true, live.clone());
            assert_eq!((p.ask.clone(), p.steps.clone()), fresh(live));
        }
    }

    fn ids(v: &[(&str, usize)]) -> Vec<(String, usize)> {
        v.iter().map(|(i, l)| ((*i).to_string(), *l)).collect()
    }

    #[test]
    fn autumn_2025s_plan_is_the_structural_package_of_its_issues() {
        let (ask, steps, open) = asked("autumn-2025");
        // Tariffs to 20% (the reciprocity that lifts the fentanyl red line), chip controls
        // held, minerals suspended a year, 25 Mt of soybeans, VERs, verified precursors,
        // working groups (snap-back is a red line), energy and investment pledges China would
        // deliver; Russian oil capped.
        assert_eq!(
            ask,
            ids(&[
                ("tariffs", 2),
                ("rare_earths", 3),
                ("farm", 2),
                ("energy", 1),
                ("investment", 1),
                ("excess_capacity", 3),
                ("fentanyl", 2),
                ("russian_oil", 1),
                ("enforcement", 1),
            ])
        );
        assert_eq!(open, ["excess_capacity", "fentanyl"]);
        // Tariff leverage goes first; enforcement never goes below working groups.
        assert_eq!(steps.first().map(String::as_str), Some("tariffs"));
        assert!(!steps.iter().any(|s| s == "enforcement"));
    }

    #[test]
    fn phase_one_2019s_plan_asks_for_its_own_structural_chapters() {
        let (ask, steps, open) = asked("phase-one-2019");
        // The record's text on every chapter but the tariffs (what China valued in the text is
        // set from the record in the scenario file).
        assert_eq!(
            ask,
            ids(&[
                ("farm", 2),
                ("energy", 2),
                ("ip_tech", 2),
                ("market_access", 2),
                ("currency", 2),
                ("enforcement", 2),
            ])
        );
        assert_eq!(open, ["market_access", "currency"]);
        // The tariffs are the US's lever to trade first; Huawei is never delisted.
        assert_eq!(steps.first().map(String::as_str), Some("tariffs"));
        let s = crate::scenario::builtin("phase-one-2019").unwrap().unwrap();
        let mut state = crate::engine::new_state(&s, 1);
        state.agenda = vec![true; s.issues.len()];
        let c = Ctx::new(&s, &state);
        let p = plan(&c, true);
        let full = p.package(&c, p.len());
        assert!(security(&s, &full) <= SECURE);
        assert_eq!(classify(&s, &full), Outcome::ComprehensiveDeal);
    }

    #[test]
    fn rare_earth_shocks_plan_opens_capacity_and_never_gives_up_the_minerals() {
        let (ask, steps, open) = asked("rare-earth-shock");
        assert!(ask.contains(&("rare_earths".to_string(), 3)));
        assert_eq!(open, ["excess_capacity"]);
        // A step back to slow licensing is a pledge, not a structural term.
        let s = crate::scenario::builtin("rare-earth-shock")
            .unwrap()
            .unwrap();
        let state = crate::engine::new_state(&s, 1);
        let c = Ctx::new(&s, &state);
        let p = plan(&c, true);
        let re = s.issue_index("rare_earths").unwrap();
        assert!(p.steps.iter().all(|&(i, l)| i != re || l >= 2), "{steps:?}");
    }
}
