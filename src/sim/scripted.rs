//! The scripts behind each strategy.

use crate::engine::{Action, Outcome, Package, classify, query, score};
use crate::sim::scripts_plan as plan;
use crate::sim::strategy::Ctx;

pub(crate) fn hawk(c: &Ctx) -> Action {
    if let Some(a) = c
        .sign()
        .or_else(|| c.open(&["excess_capacity", "fentanyl"]))
    {
        return a;
    }
    if let Some(counter) = &c.state.counter
        && c.level(counter, "export_controls") <= 1
        && c.us_gain(counter) > 0.12
    {
        return Action::AcceptCounter;
    }
    if c.last_turn() && c.state.agreed.is_none() {
        return Action::WalkAway;
    }
    if let Some(a) = c.play("affiliates").or_else(|| c.play("port_fees")) {
        return a;
    }
    if c.turns().is_multiple_of(3) {
        return Action::Threaten;
    }
    Action::Propose(c.package(&[
        ("tariffs", 1),
        ("export_controls", 1),
        ("rare_earths", 2),
        ("farm", 2),
        ("excess_capacity", 2),
        ("fentanyl", 1),
        ("enforcement", 2),
    ]))
}

pub(crate) fn dealmaker(c: &Ctx) -> Action {
    if let Some(a) = c.sign().or_else(|| c.open(&["energy", "investment"])) {
        return a;
    }
    if let Some(counter) = &c.state.counter
        && score::headline_bn(c.scenario, counter) >= 150.0
    {
        return Action::AcceptCounter;
    }
    if c.last_turn() {
        return Action::RequestExtension;
    }
    let easing = if c.turns() < 4 { 2 } else { 3 };
    Action::Propose(c.package(&[
        ("tariffs", 3),
        ("export_controls", easing),
        ("rare_earths", 3),
        ("farm", 3),
        ("energy", 3),
        ("investment", 2),
        ("enforcement", 0),
    ]))
}

/// Whether Beijing's last ask (issue `i` to `level`) is costly: it gives up enforcement,
/// carries a security cost, or, with China's ladder standing, takes the issue that stops the
/// ladder back to its status quo (the restrictions would stay for the year).
pub(crate) fn costly_ask(c: &Ctx, i: usize, level: usize) -> bool {
    let s = c.scenario;
    let issue = &s.issues[i];
    let ladder = s.index().minerals == Some(i)
        && c.state.rung > 0
        && issue.levels[level].us <= issue.levels[issue.status_quo].us;
    Some(i) == s.index().enforcement || issue.levels[level].security_cost > 0.0 || ladder
}

/// Sign at the summit, granting China's last ask when it costs little.
pub(crate) fn summit_move(c: &Ctx) -> Option<Action> {
    if let Some((i, level)) = c.state.summit_ask
        && c.state.summit_this_turn(c.scenario)
        && !costly_ask(c, i, level)
    {
        return Some(Action::GrantAsk);
    }
    c.sign()
}

/// Open the issues the scenario's structural package needs (see `scripts_plan::to_open`).
fn open_structural(c: &Ctx) -> Option<Action> {
    c.open(c.to_open())
}

/// How many concessions the structural negotiator has made after `t` turns: one at the third
/// week, one at the fourth, one at the fifth.
fn structural_steps(t: u32) -> usize {
    [3, 4, 5].iter().filter(|&&w| t >= w).count()
}

pub(crate) fn structural(c: &Ctx, bluff: bool) -> Action {
    if let Some(a) = summit_move(c).or_else(|| open_structural(c)) {
        return a;
    }
    // Once a threat has been heeded China's demand is lower: the bluffer holds out for its own
    // package instead of taking a counter early.
    let heeded = bluff && c.state.demand_cut > 0.0;
    // After a heeded threat, its final structural package at once: the threat's deadline is the
    // window in which China's lowered demand can be turned into an agreement.
    let t = if heeded { c.turns().max(5) } else { c.turns() };
    // The published negotiator's values once, for the plan and its firm ask.
    let val = c.published();
    let plan = plan::plan_valued(c, val, false);
    let own = plan.package(c, plan.firm_valued(c, val) + structural_steps(t));
    // Endgame: on the last turn before the summit, a comprehensive counter without a real
    // security cost is taken, unless the bluffer's threat brought China's stated demand (last
    // week's, less a week's fall) within reach of its own package.
    let within_reach = heeded && reach(c, &own);
    if let Some(counter) = &c.state.counter
        && classify(c.scenario, counter) == Outcome::ComprehensiveDeal
        && plan::security(c.scenario, counter) <= 0.3
        && ((c.summit_next_turn() && !within_reach) || (!heeded && c.us_gain(counter) > 0.25))
    {
        return Action::AcceptCounter;
    }
    if c.last_turn() || (c.summit_past() && c.state.agreed.is_none()) {
        return Action::RequestExtension;
    }
    if c.state.agreed.is_some() {
        return Action::Hold;
    }
    if bluff
        && c.state.threat_deadline.is_none()
        && c.state.bluffs_called == 0
        && query::threat_heed(c.scenario, c.state).is_some_and(|h| h >= 0.25)
    {
        return Action::Threaten;
    }
    Action::Propose(own)
}

/// Whether `p` comes within a week's fall of the demand China stated in its last answer: what a
/// player reads off the explanation before the last week (valued as the scenario publishes).
fn reach(c: &Ctx, p: &Package) -> bool {
    c.state
        .last_answer
        .as_ref()
        .is_some_and(|last| c.published().china(&p.0) >= last.why.aspiration - WEEKLY_FALL)
}

/// How far China's demand typically falls in one of the last weeks before the summit (its
/// Boulware curve is steepest there).
pub(crate) const WEEKLY_FALL: f64 = 0.035;

/// Weeks until the summit's week (0 in it), if one is on the calendar.
pub(crate) fn weeks_to_summit(c: &Ctx) -> Option<u32> {
    match c.state.summit {
        crate::engine::SummitStatus::Scheduled { day } if day >= c.state.day => {
            Some((day - c.state.day) / c.scenario.clock.days_per_turn)
        }
        _ => None,
    }
}

/// Weeks in which the patient negotiator gives ground, one step a week, before the summit.
const PATIENT_WEEKS: u32 = 7;

/// The weeks before the summit in which the patient negotiator gives ground: seven, or all but
/// the first of the talks when they are shorter.
fn conceding_weeks(c: &Ctx) -> u32 {
    PATIENT_WEEKS.min(talks_weeks(c).unwrap_or(PATIENT_WEEKS))
}

/// Weeks from the opening to the summit on the scenario's calendar, if it sets one.
pub(crate) fn talks_weeks(c: &Ctx) -> Option<u32> {
    let dpt = c.scenario.clock.days_per_turn.max(1);
    let summit = c.scenario.clock.summit.as_ref()?;
    c.scenario.day_of(&summit.date).map(|day| day / dpt)
}

pub(crate) fn patient(c: &Ctx) -> Action {
    if let Some(a) = summit_move(c).or_else(|| open_structural(c)) {
        return a;
    }
    if c.last_turn() || (c.summit_past() && c.state.agreed.is_none()) {
        return Action::RequestExtension;
    }
    if c.state.agreed.is_some() {
        return Action::Hold;
    }
    // The last week before the summit: rather than go home empty-handed, take a comprehensive
    // counter without a real security cost.
    if let Some(counter) = &c.state.counter
        && c.summit_next_turn()
        && classify(c.scenario, counter) == Outcome::ComprehensiveDeal
        && plan::security(c.scenario, counter) <= 0.05
    {
        return Action::AcceptCounter;
    }
    // Hold firm: the scenario's structural package week after week while China's demand falls
    // towards the summit, giving one step only in the last weeks, one at a time.
    let left = weeks_to_summit(c).unwrap_or(0);
    let val = c.published();
    let plan = plan::plan_valued(c, val, true);
    let mut k = (plan.firm_valued(c, val) + conceding_weeks(c).saturating_sub(left) as usize)
        .min(plan.len());
    // The last weeks to agree (the summit's eve and its week): if last week's numbers (China's demand, as its
    // answer stated it) say the package still falls short after a week's fall in its demand,
    // give further steps until it would not, rather than go home with nothing.
    if left <= 1 {
        while k < plan.len() && !reach(c, &plan.package(c, k)) {
            k += 1;
        }
    }
    Action::Propose(plan.package(c, k))
}

/// Gives Beijing what it asks: takes every counter and grants the summit's last ask, whatever
/// it costs (an appeaser never risks the deal by refusing it).
pub(crate) fn appeaser(c: &Ctx) -> Action {
    if c.state.summit_ask.is_some() && c.state.summit_this_turn(c.scenario) {
        return Action::GrantAsk;
    }
    if let Some(a) = c.sign() {
        return a;
    }
    if c.state.counter.is_some() {
        return Action::AcceptCounter;
    }
    if c.state.agreed.is_some() {
        return if c.last_turn() {
            Action::RequestExtension
        } else {
            Action::Goodwill
        };
    }
    if c.last_turn() {
        return Action::RequestExtension;
    }
    Action::Propose(c.package(&[
        ("tariffs", 3),
        ("export_controls", 2),
        ("rare_earths", 2),
        ("farm", 1),
    ]))
}

pub(crate) fn stall(c: &Ctx) -> Action {
    // Doing nothing is holding: working-level talks that put nothing on the table.
    if c.last_turn() {
        Action::RequestExtension
    } else {
        Action::Hold
    }
}

/// The most US-favourable package on the table that China does not take as an insult: start
/// from the US's best on every issue, then step towards China where that gives China most for
/// the least US value, until the insult test passes.
fn greedy_opening(c: &Ctx) -> Package {
    let s = c.scenario;
    let mut levels: Vec<usize> = s
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
    for _ in 0..64 {
        let p = Package(levels.clone());
        if !query::insult(s, c.state, &p) && !query::red_line_anywhere(s, c.state, &p) {
            return p;
        }
        let mut best: Option<(f64, usize, usize)> = None;
        for (i, issue) in s.issues.iter().enumerate() {
            if !c.state.agenda[i] {
                continue;
            }
            let Some(next) = crate::ai::step_towards_china(s, i, levels[i]) else {
                continue;
            };
            let gain =
                issue.china_weight * (issue.levels[next].china - issue.levels[levels[i]].china);
            let loss =
                (issue.us_weight * (issue.levels[levels[i]].us - issue.levels[next].us)).max(1e-4);
            if best.is_none_or(|(b, _, _)| gain / loss > b) {
                best = Some((gain / loss, i, next));
            }
        }
        match best {
            Some((_, i, next)) => levels[i] = next,
            None => break,
        }
    }
    Package(levels)
}

pub(crate) fn first_counter(c: &Ctx) -> Action {
    if let Some(a) = c.sign() {
        return a;
    }
    let all: Vec<&str> = c.scenario.issues.iter().map(|i| i.id.as_str()).collect();
    if c.state.turns == 0
        && let Some(a) = c.open(&all)
    {
        return a;
    }
    if c.state.agreed.is_some() {
        return if c.last_turn() {
            Action::RequestExtension
        } else {
            Action::Hold
        };
    }
    if c.state.counter.is_some() {
        return Action::AcceptCounter;
    }
    if c.last_turn() {
        return Action::RequestExtension;
    }
    Action::Propose(greedy_opening(c))
}
