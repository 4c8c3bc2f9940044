//! Scripted US strategies from the design, used for balance and for handing out example games.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use crate::ai::Valuation;
use crate::engine::{Action, Package, State, score};
use crate::scenario::Scenario;

/// A scripted US negotiator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strategy {
    /// Threats, no export-control concessions.
    Hawk,
    /// Chases purchase headlines, concedes tariffs and controls.
    Dealmaker,
    /// Firm on enforcement and capacity, trades tariff cuts for mineral flow.
    Structural,
    /// Accepts any counter.
    Appeaser,
    /// Plays for time.
    Stall,
    /// Random legal moves.
    Random,
}

impl Strategy {
    /// Every strategy, in report order.
    pub const ALL: [Strategy; 6] = [
        Strategy::Hawk,
        Strategy::Dealmaker,
        Strategy::Structural,
        Strategy::Appeaser,
        Strategy::Stall,
        Strategy::Random,
    ];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Strategy::Hawk => "hawk",
            Strategy::Dealmaker => "dealmaker",
            Strategy::Structural => "structural",
            Strategy::Appeaser => "appeaser",
            Strategy::Stall => "stall",
            Strategy::Random => "random",
        }
    }

    /// The strategy with this name.
    pub fn from_name(name: &str) -> Option<Strategy> {
        Strategy::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The next move in this state. Always legal unless the game is over.
    pub fn next_action(self, scenario: &Scenario, state: &State, rng: &mut ChaCha8Rng) -> Action {
        let ctx = Ctx { scenario, state };
        match self {
            Strategy::Hawk => hawk(&ctx),
            Strategy::Dealmaker => dealmaker(&ctx),
            Strategy::Structural => structural(&ctx),
            Strategy::Appeaser => appeaser(&ctx),
            Strategy::Stall => stall(&ctx),
            Strategy::Random => random(&ctx, rng),
        }
    }
}

struct Ctx<'a> {
    scenario: &'a Scenario,
    state: &'a State,
}

impl Ctx<'_> {
    /// An agenda move to open the first of `ids` that is closed and affordable.
    fn open(&self, ids: &[&str]) -> Option<Action> {
        ids.iter().find_map(|id| {
            let i = self.scenario.issue_index(id)?;
            let affordable = self.scenario.issues[i].prep_days
                + 2 * self.scenario.clock.days_per_turn
                < self.state.days_left(self.scenario);
            (!self.state.agenda[i] && affordable).then_some(Action::Agenda { issue: i, on: true })
        })
    }

    /// A package from (issue id, level) targets; issues off the agenda stay at the status quo.
    fn package(&self, targets: &[(&str, usize)]) -> Package {
        let mut p = self.scenario.status_quo();
        for (id, level) in targets {
            if let Some(i) = self.scenario.issue_index(id)
                && self.state.agenda[i]
            {
                p.0[i] = (*level).min(self.scenario.issues[i].levels.len() - 1);
            }
        }
        p
    }

    fn level(&self, p: &Package, id: &str) -> usize {
        self.scenario.issue_index(id).map_or(0, |i| p.0[i])
    }

    fn last_turn(&self) -> bool {
        self.state.days_left(self.scenario) <= self.scenario.clock.days_per_turn
    }

    fn sign(&self) -> Option<Action> {
        self.state.can_sign(self.scenario).then_some(Action::Sign)
    }

    fn us_gain(&self, p: &Package) -> f64 {
        let v = Valuation::new(self.scenario, self.state);
        v.us(&p.0) - v.us_sq
    }

    /// Turns spent negotiating, counting from the first proposal.
    fn turns(&self) -> u32 {
        self.state.turns
    }
}

fn hawk(c: &Ctx) -> Action {
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

fn dealmaker(c: &Ctx) -> Action {
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

fn structural(c: &Ctx) -> Action {
    if let Some(a) = c
        .sign()
        .or_else(|| c.open(&["excess_capacity", "fentanyl"]))
    {
        return a;
    }
    if let Some(counter) = &c.state.counter
        && crate::engine::classify(c.scenario, counter) == crate::engine::Outcome::ComprehensiveDeal
        && c.level(counter, "export_controls") <= 2
        && c.us_gain(counter) > 0.15
    {
        return Action::AcceptCounter;
    }
    if c.last_turn() {
        return Action::RequestExtension;
    }
    // Concede on what matters least to lasting value as the weeks pass.
    let t = c.turns();
    let tariffs = if t < 3 { 2 } else { 3 };
    let controls = if t < 5 { 1 } else { 2 };
    let capacity = if t < 4 { 3 } else { 2 };
    let farm = if t < 6 { 2 } else { 1 };
    Action::Propose(c.package(&[
        ("tariffs", tariffs),
        ("export_controls", controls),
        ("rare_earths", 2),
        ("farm", farm),
        ("excess_capacity", capacity),
        ("fentanyl", 2),
        ("enforcement", 1),
    ]))
}

fn appeaser(c: &Ctx) -> Action {
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

fn stall(c: &Ctx) -> Action {
    if c.last_turn() {
        Action::RequestExtension
    } else {
        Action::Propose(c.scenario.status_quo())
    }
}

fn random(c: &Ctx, rng: &mut ChaCha8Rng) -> Action {
    let s = c.scenario;
    loop {
        let pick: u32 = rng.random_range(0..100);
        let action = match pick {
            0..=44 => {
                let levels = s
                    .issues
                    .iter()
                    .enumerate()
                    .map(|(i, issue)| {
                        if c.state.agenda[i] {
                            rng.random_range(0..issue.levels.len())
                        } else {
                            issue.status_quo
                        }
                    })
                    .collect();
                Action::Propose(Package(levels))
            }
            45..=59 if c.state.counter.is_some() => Action::AcceptCounter,
            60..=67 => Action::Threaten,
            68..=77 => Action::Goodwill,
            78..=87 => {
                let i = rng.random_range(0..s.issues.len());
                let on = !c.state.agenda[i];
                if on && s.issues[i].prep_days >= c.state.days_left(s) {
                    continue;
                }
                Action::Agenda { issue: i, on }
            }
            88..=92 => Action::RequestExtension,
            93..=97 if c.state.can_sign(s) => Action::Sign,
            98..=99 => Action::WalkAway,
            _ => continue,
        };
        return action;
    }
}
