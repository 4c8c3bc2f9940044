//! `adaptive`: the careful negotiator the game is meant to reward. It reads only what a player
//! sees — Beijing's answers and the numbers `w` gives with them (its value for the proposal and
//! its demand this week), the counter on the table, the meters, the pressure band and the
//! scenario file — and never the Beijing drawn.
//!
//! It measures how far Beijing's stated demand sits above what the scenario's published
//! negotiator would demand this week: a Beijing that demands more than the book is patient or
//! unpressed, one that demands less is pressed or eager. Against the first it grants the last
//! ask, and settles early for a balanced package where the scenario's kinds include one that
//! outlasts the summit; against the second it holds out to the summit's eve and refuses a
//! costly last ask while pressure on China runs high. When its plan is spent on the summit's
//! eve it bridges what is still missing with the cheapest steps Beijing's way.
//!
//! It escalates only with a card China can answer in kind alone and that costs China more
//! than its answer costs the US, and only with weeks left for the pressure to build; it then
//! holds until the last two weeks and asks for what Beijing's lowered demand allows.

use crate::ai::{self, Valuation};
use crate::core::Package;
use crate::engine::{Action, Outcome, classify, query};
use crate::sim::scripted::{WEEKLY_FALL, costly_ask, weeks_to_summit};
use crate::sim::scripts_plan as plan;
use crate::sim::strategy::Ctx;

/// What the reader has learnt from Beijing's last answer to a proposal: how far its demand sits
/// above the published negotiator's (positive: firmer than the book), and the offset between
/// its stated value of the last proposal and the book's (the weights it does not publish).
struct Reading {
    firmness: f64,
    offset: f64,
    demand: f64,
    /// How far the published negotiator's demand fell since the answer was given.
    fall: f64,
    /// The published negotiator's demand now.
    now: f64,
}

/// The reading of Beijing's last answer, its offset still to be set against the book's
/// values (`offset`): most decisions end before those are needed.
fn read(c: &Ctx) -> Option<Reading> {
    let last = c.state.last_answer.as_ref()?;
    c.state.proposal.as_ref()?;
    last.why.utility?;
    let book = c.book();
    // The answer came a week ago: the book's demand then.
    let then = book.day.saturating_sub(c.scenario.clock.days_per_turn);
    let expected = ai::aspiration_on(c.scenario, book, then);
    let now = ai::aspiration(c.scenario, book);
    Some(Reading {
        firmness: last.why.aspiration - expected,
        offset: 0.0,
        demand: last.why.aspiration,
        fall: (expected - now).max(0.0),
        now,
    })
}

/// `r` with the offset between Beijing's stated value of the last proposal and the book's.
fn offset(c: &Ctx, val: &Valuation, mut r: Reading) -> Reading {
    if let (Some(last), Some(proposal)) = (&c.state.last_answer, &c.state.proposal)
        && let Some(utility) = last.why.utility
    {
        r.offset = utility - val.china(&proposal.0);
    }
    r
}

/// Beijing's demand when the package would be judged, `weeks` from now: the book's fall over
/// those weeks, shrunk for a Beijing that has shown itself firmer than the book.
fn predicted(c: &Ctx, r: &Reading, weeks: u32) -> f64 {
    let book = c.book();
    let now = r.now;
    let later = book.day + weeks * c.scenario.clock.days_per_turn;
    let fall = (now - ai::aspiration_on(c.scenario, book, later)).max(0.0);
    // A firm Beijing's demand may climb as US pain shows: take the higher of what it said and
    // what the book says plus how firm it has been; a pressed one's, the lower.
    if r.firmness > 0.0 {
        r.demand.max(now + r.firmness) - fall * 0.5
    } else {
        r.demand.min(now + r.firmness) - fall
    }
}

/// China's value of `p` as the reader estimates it: the book's, corrected by the offset read.
fn estimate(book: &Valuation, r: &Reading, p: &Package) -> f64 {
    book.china(&p.0) + r.offset
}

/// The summit: grant the last ask of a Beijing that looked firm, or when it costs little;
/// refuse a costly one to a Beijing that has looked pressed.
fn summit(c: &Ctx, firm: bool) -> Option<Action> {
    if let Some((i, level)) = c.state.summit_ask
        && c.state.summit_this_turn(c.scenario)
    {
        let costly = costly_ask(c, i, level);
        let pressed = matches!(
            query::china_pressure_band(c.scenario, c.state),
            "high" | "severe"
        );
        if firm || !costly || !pressed {
            return Some(Action::GrantAsk);
        }
    }
    c.sign()
}

/// The issues the reader opens: every one on the agenda, worth its days of preparation.
/// Purchases and pledges trade for China's suspensions, and an issue open but cheap gives
/// the leaders' last ask somewhere to land instead of the relief that matters; measured
/// over 2,000 seeds per scenario, opening only the plan's structural issues never did
/// better against a Beijing that holds out.
fn worth_opening<'a>(c: &Ctx<'a>) -> Vec<&'a str> {
    c.scenario.issues.iter().map(|i| i.id.as_str()).collect()
}

/// The adaptive negotiator's move.
pub(crate) fn adaptive(c: &Ctx) -> Action {
    // In a game that keeps a memory, the plan with political levels is remembered there (the
    // planner is lent out for the decision, so nothing else holds the memory meanwhile).
    let Some(memory) = c.memory() else {
        return adaptive_planned(c, None);
    };
    let Some(mut planner) = memory
        .try_borrow_mut()
        .ok()
        .map(|mut m| std::mem::take(&mut m.plans[1]))
    else {
        return adaptive_planned(c, None);
    };
    let action = adaptive_planned(c, Some(&mut planner));
    if let Ok(mut m) = memory.try_borrow_mut() {
        m.plans[1] = planner;
    }
    action
}

/// The adaptive negotiator's move, its plan remembered in `planner` from the game's earlier
/// decisions when one is given (the same move as [`adaptive`]'s: a rollout plays many weeks
/// of one game; a single decision has nothing to remember and skips the bookkeeping).
pub(crate) fn adaptive_planned(c: &Ctx, planner: Option<&mut plan::Planner>) -> Action {
    match decide(c, planner) {
        Action::Propose(p) => Action::Propose(clear_named(c, p)),
        other => other,
    }
}

/// `p` with every issue on which Beijing has named a red line of its own brought back towards
/// China: at least as far as its standing counter goes there (the level it offered itself is
/// one it will take), and never as far as a level it refused. Once named, a red line is read,
/// not crossed again.
fn clear_named(c: &Ctx, mut p: Package) -> Package {
    let s = c.scenario;
    let named = |i: usize| c.state.named_red_lines.iter().any(|&(j, _)| j == i);
    for (i, issue) in s.issues.iter().enumerate() {
        if !named(i) {
            continue;
        }
        let china = |l: usize| issue.levels.get(l).map_or(f64::NEG_INFINITY, |x| x.china);
        if let Some(&offered) = c.state.counter.as_ref().and_then(|k| k.0.get(i))
            && p.0.get(i).is_some_and(|&l| china(l) < china(offered))
        {
            p.0[i] = offered;
        }
        while query::named_red_line(s, c.state, &p.0, i) {
            match ai::step_towards_china(s, i, p.0[i]) {
                Some(next) => p.0[i] = next,
                None => break,
            }
        }
    }
    p
}

/// The move before the red lines Beijing has named are read.
fn decide(c: &Ctx, planner: Option<&mut plan::Planner>) -> Action {
    let reading = read(c);
    let firm = reading.as_ref().is_some_and(|r| r.firmness > 0.01);
    if let Some(a) = summit(c, firm).or_else(|| c.open(&worth_opening(c))) {
        return a;
    }
    if c.last_turn() || (c.summit_past() && c.state.agreed.is_none()) {
        return Action::RequestExtension;
    }
    if c.state.agreed.is_some() {
        // An agreement binds: taking terms back costs trust, so it holds.
        return Action::Hold;
    }
    let left = weeks_to_summit(c).unwrap_or(0);
    // Escalation that China can only answer in kind pays when there is time for its pressure
    // to build: play such a card early, then let it work and ask late.
    if left > LATE {
        if let Some(a) = escalation(c) {
            return a;
        }
        if escalated(c) {
            return Action::Hold;
        }
    }
    // The published negotiator's values, worked out once for the whole decision (the plan's
    // too), and only by a decision that weighs packages.
    let val = c.published();
    let fresh;
    let plan = match planner {
        Some(planner) => planner.plan(c, val, true),
        None => {
            fresh = plan::plan_valued(c, val, true);
            &fresh
        }
    };
    let first = plan.firm_valued(c, val);
    let opening = plan.package(c, first);
    let Some(r) = reading else {
        return Action::Propose(opening);
    };
    let r = offset(c, val, r);
    // The most the US can ask for that Beijing should take when it is judged: now against a
    // firm Beijing (its demand will not fall much), at the summit's eve otherwise.
    // After a heeded threat its deadline is the window: agree before it falls due.
    let window = c.state.threat_deadline.is_some() && c.state.demand_cut > 0.0;
    // A Beijing firmer than the book may not come down far enough by the summit: settle with
    // it now, when the scenario's published kinds include one whose own deadline lies past
    // the summit. Where none does, only a Beijing far firmer than the book is settled with at
    // once; one a little firmer still falls by the summit, so the reader waits.
    let outlasts = c.scenario.world.beijing.iter().any(|a| a.horizon.1 > 1.0);
    let settle = r.firmness > if outlasts { 0.01 } else { SETTLE };
    let judged_in = if settle || window {
        0
    } else {
        left.saturating_sub(1)
    };
    let demand = predicted(c, &r, judged_in);
    // Balance as the book's negotiator would judge it (the gap it allows is published).
    let refused_last = c
        .state
        .last_answer
        .as_ref()
        .is_some_and(|a| matches!(a.reply, crate::core::Reply::Counter(_)));
    let best = (first..=plan.len())
        .map(|k| plan.package(c, k))
        .filter(|p| !(refused_last && c.state.proposal.as_ref() == Some(p)))
        .find(|p| estimate(val, &r, p) >= demand + 0.005 && val.balanced(&p.0))
        .or_else(|| {
            // The plan is spent and still short: on the summit's eve, bridge the gap Beijing
            // states with the cheapest steps its way rather than go home with nothing.
            if left > 1 {
                return None;
            }
            // What it stated last week, less the week's fall on the published curve (at least
            // the steepest fall of a long round's last weeks).
            let stated = r.demand - r.fall.max(WEEKLY_FALL);
            bridge(c, val, &r, plan.package(c, plan.len()), demand.min(stated))
        });
    if let Some(counter) = &c.state.counter
        && (left <= 1 || settle)
        && classify(c.scenario, counter) == Outcome::ComprehensiveDeal
        && plan::security(c.scenario, counter) <= 0.05
        && best
            .as_ref()
            .is_none_or(|b| c.us_gain(counter) >= c.us_gain(b) - 0.01)
    {
        return Action::AcceptCounter;
    }
    // Beijing has said the last package was unbalanced and the plan has no balanced one left
    // that it would take: its comprehensive counter, if it gives the US a real gain, is the
    // balance it asks for (waiting only lets the summit's last ask take more).
    let unbalanced = c
        .state
        .last_answer
        .as_ref()
        .is_some_and(|a| a.why.rule == crate::core::Rule::Unbalanced);
    if let Some(counter) = &c.state.counter
        && unbalanced
        && best
            .as_ref()
            .is_none_or(|b| c.us_gain(counter) >= c.us_gain(b) - 0.01)
        && classify(c.scenario, counter) == Outcome::ComprehensiveDeal
        && plan::security(c.scenario, counter) <= 0.05
        && c.us_gain(counter) > 0.25
    {
        return Action::AcceptCounter;
    }
    if left >= 2 && !settle && !window {
        return Action::Propose(opening);
    }
    let chosen = best.unwrap_or_else(|| plan.package(c, plan.len()));
    Action::Propose(top_up(c, val, &r, chosen, demand))
}

/// `p` with more purchases asked for where Beijing's demand, as the reader estimates it, leaves
/// room to spare: one step at a time, the step that gives the US most for the least of China's
/// value, while the estimate stays [`ROOM`] above the demand and the package balanced. The
/// plan leaves out purchases China values too little to deliver in full; a Beijing whose
/// demand has fallen that far takes them, and a commitment asked for is never delivered less
/// for being larger. Purchases only: no kind holds a red line there, so a misread costs a
/// refusal, not the talks.
fn top_up(c: &Ctx, val: &Valuation, r: &Reading, mut p: Package, demand: f64) -> Package {
    let s = c.scenario;
    if estimate(val, r, &p) < demand + ROOM || !val.balanced(&p.0) {
        return p;
    }
    // The US's values are the same whichever Beijing values China's side (as `Ctx::us_gain`).
    for _ in 0..s.issues.len() * 4 {
        let here_c = val.china(&p.0);
        let here_u = val.us(&p.0);
        let mut best: Option<(f64, Package)> = None;
        for (i, issue) in s.issues.iter().enumerate() {
            if !c.state.agenda[i] {
                continue;
            }
            let Some(next) = crate::scenario::step_towards_us(s, i, p.0[i]) else {
                continue;
            };
            if issue.levels[next].security_cost > issue.levels[p.0[i]].security_cost
                || issue.levels[next].kind != crate::scenario::Kind::Commercial
            {
                continue;
            }
            let mut q = p.clone();
            q.0[i] = next;
            if query::named_red_line(s, c.state, &q.0, i)
                || estimate(val, r, &q) < demand + ROOM
                || !val.balanced(&q.0)
            {
                continue;
            }
            let ratio = (val.us(&q.0) - here_u) / (here_c - val.china(&q.0)).max(1e-4);
            if ratio > 0.0 && best.as_ref().is_none_or(|(b, _)| ratio > *b) {
                best = Some((ratio, q));
            }
        }
        match best {
            Some((_, q)) => p = q,
            None => break,
        }
    }
    p
}

/// The package `from` moved towards China, one step at a time where a step gives China most
/// (as the reader estimates it) for the least US value, never adding a security cost, until
/// the estimate clears `demand`: `None` if no such package keeps a gain for the US.
fn bridge(c: &Ctx, val: &Valuation, r: &Reading, from: Package, demand: f64) -> Option<Package> {
    let s = c.scenario;
    // The US's values are the same whichever Beijing values China's side (as `Ctx::us_gain`).
    let gain = |p: &Package| val.us(&p.0) - val.us_sq;
    let mut p = from;
    for _ in 0..s.issues.len() * 4 {
        if estimate(val, r, &p) >= demand && val.balanced(&p.0) {
            return (gain(&p) > MIN_GAIN).then_some(p);
        }
        let here = val.china(&p.0);
        let us_here = gain(&p);
        let mut best: Option<(f64, Package)> = None;
        for (i, issue) in s.issues.iter().enumerate() {
            if !c.state.agenda[i] {
                continue;
            }
            let Some(next) = ai::step_towards_china(s, i, p.0[i]) else {
                continue;
            };
            if issue.levels[next].security_cost > issue.levels[p.0[i]].security_cost {
                continue;
            }
            let mut q = p.clone();
            q.0[i] = next;
            let ratio = (val.china(&q.0) - here) / (us_here - gain(&q)).max(1e-4);
            if best.as_ref().is_none_or(|(b, _)| ratio > *b) {
                best = Some((ratio, q));
            }
        }
        p = best?.1;
    }
    None
}

/// The weeks before the summit in which the reader, having escalated, asks again: the summit's
/// eve and the week before it (measured over 2,000 seeds: asking three weeks out did no better
/// in any scenario, and holding to the eve alone left a quarter of phase one unsigned).
const LATE: u32 = 2;

/// How far (utility) the reader's estimate must stay above Beijing's demand before it asks for
/// more purchases: more than a week's fall on the published curve ([`WEEKLY_FALL`]), so a
/// misread estimate still leaves the package within reach (measured over 2,000 seeds: at 0.005
/// autumn lost 3% of its signatures against pressed Beijings; 0.05 keeps them all).
const ROOM: f64 = 0.05;

/// The least US gain (valuation points) a bridged package must keep to beat an extended truce.
const MIN_GAIN: f64 = 0.12;

/// How much firmer than the book (utility points) Beijing's stated demand must sit for the
/// reader to settle at once rather than wait for the summit's eve, where no published kind
/// outlasts the summit.
const SETTLE: f64 = 0.05;

/// The US card to play now, if any: one China can only answer in kind (a measure of its own,
/// not a step up its restriction ladder) and whose suspension is worth more to China than its
/// own answer costs the US. Read from the scenario's card table, which the player sees: in
/// 2019 Beijing had no mineral lever, and the 15 December list cost it more than its mirror
/// cost the US; in 2025 the big cards draw a rung of rare-earth restrictions instead.
fn escalation(c: &Ctx) -> Option<Action> {
    let s = c.scenario;
    (0..s.world.cards.len()).find_map(|k| {
        let card = &s.world.cards[k];
        if card.side != crate::scenario::Side::Us {
            return None;
        }
        let mirror = card.mirror.as_deref()?;
        let answer = s.world.cards.iter().find(|m| m.id == mirror)?;
        if answer.value >= card.value {
            return None;
        }
        let a = Action::Play { card: k };
        query::legal(s, c.state, &a).is_ok().then_some(a)
    })
}

/// Whether a card the reader played is in force (its pressure is building: the reader holds
/// rather than bid against it until the last weeks).
fn escalated(c: &Ctx) -> bool {
    let s = c.scenario;
    s.world.cards.iter().enumerate().any(|(k, card)| {
        card.side == crate::scenario::Side::Us
            && !card.in_force
            && c.state.cards.get(k).copied().unwrap_or(false)
    })
}
