//! The scripts behind each strategy.

use crate::engine::{Action, Outcome, Package, classify, query, score};
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

/// Sign at the summit, granting China's last ask when it costs little (not on enforcement or
/// export controls).
pub(crate) fn summit_move(c: &Ctx) -> Option<Action> {
    if let Some((i, _)) = c.state.summit_ask
        && c.state.summit_this_turn(c.scenario)
    {
        let id = c.scenario.issues[i].id.as_str();
        if id != "enforcement" && id != "export_controls" {
            return Some(Action::GrantAsk);
        }
    }
    c.sign()
}

/// What the structural negotiator asks for after `t` turns: it concedes on what matters least
/// to lasting value as the weeks pass.
fn structural_package(c: &Ctx, t: u32) -> Package {
    let tariffs = if t < 3 { 2 } else { 3 };
    let controls = if t < 5 { 1 } else { 2 };
    let capacity = if t < 4 { 3 } else { 2 };
    c.package(&[
        ("tariffs", tariffs),
        ("export_controls", controls),
        ("rare_earths", 2),
        ("farm", 2),
        ("excess_capacity", capacity),
        ("fentanyl", 2),
        ("enforcement", 1),
    ])
}

pub(crate) fn structural(c: &Ctx, bluff: bool) -> Action {
    if let Some(a) = summit_move(c).or_else(|| c.open(&["excess_capacity", "fentanyl"])) {
        return a;
    }
    // Once a threat has been heeded China's demand is lower: the bluffer holds out for its own
    // package instead of taking a counter early.
    let heeded = bluff && c.state.demand_cut > 0.0;
    // After a heeded threat, its final structural package at once: the threat's deadline is the
    // window in which China's lowered demand can be turned into an agreement.
    let own = structural_package(c, if heeded { c.turns().max(5) } else { c.turns() });
    // Endgame: on the last turn before the summit, a comprehensive counter that stops short of
    // broad chip relief is taken, unless the bluffer's threat brought China's stated demand
    // (last week's, less a week's fall) within reach of its own package.
    let within_reach = heeded && reach(c, &own);
    if let Some(counter) = &c.state.counter
        && classify(c.scenario, counter) == Outcome::ComprehensiveDeal
        && c.level(counter, "export_controls") <= 3
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
/// player reads off the explanation before the last week.
fn reach(c: &Ctx, p: &Package) -> bool {
    c.state.last_answer.as_ref().is_some_and(|last| {
        let val = crate::ai::Valuation::new(c.scenario, c.state);
        val.china(&p.0) >= last.why.aspiration - WEEKLY_FALL
    })
}

/// How far China's demand typically falls in one of the last weeks before the summit (its
/// Boulware curve is steepest there).
const WEEKLY_FALL: f64 = 0.035;

/// Weeks until the summit's week (0 in it), if one is on the calendar.
pub(crate) fn weeks_to_summit(c: &Ctx) -> Option<u32> {
    match c.state.summit {
        crate::engine::SummitStatus::Scheduled { day } if day >= c.state.day => {
            Some((day - c.state.day) / c.scenario.clock.days_per_turn)
        }
        _ => None,
    }
}

/// What the patient negotiator asks for with `conceded` steps given: it opens with the
/// structural package at its firmest and gives ground one step at a time, the least lasting
/// first (capacity restraints the WTO bars, then tariff leverage, then chip rules, then the
/// depth of mineral relief).
pub(crate) fn patient_package(c: &Ctx, conceded: u32) -> Package {
    let capacity = if conceded < 1 { 3 } else { 2 };
    let tariffs = if conceded < 2 { 2 } else { 3 };
    let controls = if conceded < 3 { 1 } else { 2 };
    let minerals = if conceded < 4 { 3 } else { 2 };
    let farm = if conceded < 5 { 2 } else { 1 };
    c.package(&[
        ("tariffs", tariffs),
        ("export_controls", controls),
        ("rare_earths", minerals),
        ("farm", farm),
        ("excess_capacity", capacity),
        ("fentanyl", 2),
        ("enforcement", 1),
    ])
}

pub(crate) fn patient(c: &Ctx) -> Action {
    if let Some(a) = summit_move(c).or_else(|| c.open(&["excess_capacity", "fentanyl"])) {
        return a;
    }
    if c.last_turn() || (c.summit_past() && c.state.agreed.is_none()) {
        return Action::RequestExtension;
    }
    if c.state.agreed.is_some() {
        return Action::Hold;
    }
    // The last week before the summit: rather than go home empty-handed, take a comprehensive
    // counter that keeps chip controls short of advanced chips.
    if let Some(counter) = &c.state.counter
        && c.summit_next_turn()
        && classify(c.scenario, counter) == Outcome::ComprehensiveDeal
        && c.level(counter, "export_controls") <= 2
    {
        return Action::AcceptCounter;
    }
    // Hold firm: the same package week after week while China's demand falls towards the
    // summit, giving one step only in the last weeks, one at a time.
    let left = weeks_to_summit(c).unwrap_or(0);
    let mut p = patient_package(c, 7u32.saturating_sub(left));
    // The last week to agree before the summit: if last week's numbers (China's demand, as its
    // answer stated it) say the package still falls short after a week's fall in its demand,
    // give up the last of the tariff lever rather than go home with nothing.
    if left == 1
        && let Some(i) = c.scenario.issue_index("tariffs")
        && !reach(c, &p)
    {
        p.0[i] = c.scenario.issues[i].levels.len() - 1;
    }
    Action::Propose(p)
}

pub(crate) fn appeaser(c: &Ctx) -> Action {
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

/// The Busan package as the scenario records it, on the issues on the table.
fn busan(c: &Ctx) -> Package {
    let targets: Vec<(&str, usize)> = c
        .scenario
        .historical
        .package
        .iter()
        .map(|(id, l)| (id.as_str(), *l))
        .collect();
    c.package(&targets)
}

pub(crate) fn historical(c: &Ctx) -> Action {
    if let Some(a) = c.open(&["fentanyl"]) {
        return a;
    }
    if c.state.summit_ask.is_some() && c.state.summit_this_turn(c.scenario) {
        return Action::GrantAsk;
    }
    if let Some(a) = c.sign() {
        return a;
    }
    if c.last_turn() || (c.summit_past() && c.state.agreed.is_none()) {
        return Action::RequestExtension;
    }
    // 2025: the affiliates rule on 29 Sep, the 100% threat on 10 Oct, port fees on 14 Oct.
    if let Some(a) = c.play("affiliates") {
        return a;
    }
    if c.on_or_after("2025-10-10") && !c.on_or_after("2025-10-17") && c.state.agreed.is_none() {
        return Action::Threaten;
    }
    if let Some(a) = c.play("port_fees") {
        return a;
    }
    if c.state.agreed.is_some() {
        return Action::Hold;
    }
    // Until the escalations, the US held to its asks; then it converged on Busan.
    if !c.on_or_after("2025-10-06") {
        if c.state.proposal.is_some() && c.turns() % 2 == 1 {
            return Action::Hold;
        }
        return Action::Propose(c.package(&[
            ("tariffs", 1),
            ("export_controls", 1),
            ("rare_earths", 3),
            ("farm", 2),
            ("fentanyl", 2),
        ]));
    }
    Action::Propose(busan(c))
}
