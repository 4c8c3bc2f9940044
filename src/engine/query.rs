//! A dry run the UI and the strategies can ask instead of re-deriving rules: whether an action
//! is legal, the package normalised to the agenda, the red line at a level, China's feeling for
//! a level, the legal actions of a state, and the US's estimate of China's pressure.

use crate::ai::{self, Valuation};
use crate::core::{Package, State};
use crate::engine::{Action, ActionError, check};
use crate::scenario::{Scenario, Side};

/// Whether `action` would be accepted in `state`, without changing anything.
pub fn legal(scenario: &Scenario, state: &State, action: &Action) -> Result<(), ActionError> {
    check(scenario, state, action)
}

/// The package with every issue off the agenda set to its status quo.
pub fn normalise(scenario: &Scenario, state: &State, p: &Package) -> Package {
    Package(
        p.0.iter()
            .zip(&scenario.issues)
            .enumerate()
            .map(|(i, (&l, _))| {
                if state.agenda[i] {
                    l
                } else {
                    crate::ai::status_quo_level(scenario, state, i)
                }
            })
            .collect(),
    )
}

/// Whether `level` on issue `i` crosses a red line a player can know of (given the rest of
/// `p`): one the scenario publishes, or one Beijing has named.
pub fn red_line_at(
    scenario: &Scenario,
    state: &State,
    p: &Package,
    i: usize,
    level: usize,
) -> bool {
    let mut l = p.0.clone();
    l[i] = level;
    let val = Valuation::new(scenario, state);
    // Its own lines only once named: a hit the scenario does not publish is left out here.
    let published = val.red_lines(&l).iter().any(|h| h.issue == i && !h.own);
    published || named_red_line(scenario, state, &l, i)
}

/// Whether the package crosses any red line a player can know of.
pub fn red_line_anywhere(scenario: &Scenario, state: &State, p: &Package) -> bool {
    Valuation::new(scenario, state).crosses_published(&p.0)
        || (0..p.0.len()).any(|i| named_red_line(scenario, state, &p.0, i))
}

/// Whether issue `i` of `levels` goes as far as a level Beijing has refused as crossing a red
/// line of its own (today's status quo never does).
pub fn named_red_line(scenario: &Scenario, state: &State, levels: &[usize], i: usize) -> bool {
    let Some((issue, &at)) = scenario.issues.get(i).zip(levels.get(i)) else {
        return false;
    };
    let value = |l: usize| issue.levels.get(l).map_or(f64::INFINITY, |x| x.china);
    at != crate::ai::status_quo_level(scenario, state, i)
        && (state.named_red_lines.iter()).any(|&(j, refused)| j == i && value(at) <= value(refused))
}

/// How China feels about a level: its value of that level against its best level on the
/// issue (a read-only view of the valuation, not a prediction of its answer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feeling {
    /// Close to its best (85% or more).
    Likes,
    /// Acceptable (60% or more).
    Fine,
    /// Costly (35% or more).
    Costly,
    /// Far from its best.
    Hates,
}

/// China's feeling for `level` on issue `i`.
pub fn feeling(scenario: &Scenario, state: &State, i: usize, level: usize) -> Feeling {
    let val = Valuation::new(scenario, state);
    let issue = &scenario.issues[i];
    let best = (0..issue.levels.len())
        .map(|l| val.china_at(i, l))
        .fold(0.0_f64, f64::max);
    let r = if best > 1e-12 {
        val.china_at(i, level) / best
    } else {
        1.0
    };
    if r >= 0.85 {
        Feeling::Likes
    } else if r >= 0.6 {
        Feeling::Fine
    } else if r >= 0.35 {
        Feeling::Costly
    } else {
        Feeling::Hates
    }
}

/// Whether a proposal would read as an insult to Beijing.
pub fn insult(scenario: &Scenario, state: &State, p: &Package) -> bool {
    ai::is_insult(scenario, state, p)
}

/// The chance China gives way to a threat now, under 0.2.0 rules.
pub fn threat_heed(scenario: &Scenario, state: &State) -> Option<f64> {
    ai::heed_chance(scenario, state)
}

/// The legal actions of a state, apart from proposals (there are too many packages to list):
/// accepting the counter, holding, threatening, gestures, agenda moves, cards, extension,
/// signing, the last ask and walking away.
pub fn legal_actions(scenario: &Scenario, state: &State) -> Vec<Action> {
    let mut out = vec![
        Action::AcceptCounter,
        Action::Hold,
        Action::Threaten,
        Action::Goodwill,
        Action::RequestExtension,
        Action::Sign,
        Action::GrantAsk,
        Action::WalkAway,
    ];
    for issue in 0..scenario.issues.len() {
        out.push(Action::Agenda {
            issue,
            on: !state.agenda[issue],
        });
    }
    for (card, c) in scenario.world.cards.iter().enumerate() {
        if c.side == Side::Us {
            out.push(Action::Play { card });
        }
    }
    out.retain(|a| check(scenario, state, a).is_ok());
    out
}

/// The US's estimate of China's pressure, in words: a band, not the model's number.
pub fn china_pressure_band(scenario: &Scenario, state: &State) -> &'static str {
    let max = scenario.world.pressure.china_max;
    if max <= 0.0 {
        return "unknown";
    }
    match state.china_pressure / max {
        x if x < 0.2 => "low",
        x if x < 0.45 => "moderate",
        x if x < 0.75 => "high",
        _ => "severe",
    }
}

/// What proposing `p` now would draw from China, without changing anything: the engine's own
/// answer (rule, numbers, counter), so a view can show the rule before the move is made.
pub fn dry_run(
    scenario: &Scenario,
    state: &State,
    p: &Package,
) -> Result<crate::core::Answer, ActionError> {
    check(scenario, state, &Action::Propose(p.clone()))?;
    // The same package proposing judges (issues off the table at today's status quo), after the
    // trust a proposal that takes back agreed terms costs.
    let p = normalise(scenario, state, p);
    if state.agreed.is_some() {
        let mut after = state.clone();
        crate::engine::agreement::take_back(scenario, &mut after, &p);
        return Ok(ai::answer_proposal(scenario, &after, &p));
    }
    Ok(ai::answer_proposal(scenario, state, &p))
}
