//! Scripted US strategies from the design, used for balance and for handing out example games.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use crate::ai::Valuation;
use crate::engine::{Action, Package, State, query};
use crate::scenario::Scenario;
use crate::sim::scripted;
use crate::sim::scripts_plan::Memory;

/// A scripted US negotiator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Strategy {
    /// Threats and escalations, no export-control concessions; walks away at the end.
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
    /// Opens everything, asks for the most short of an insult, takes China's first counter.
    #[value(name = "first-counter")]
    FirstCounter,
    /// The real US sequence of autumn 2025: affiliates rule, 100% threat, port fees, Busan.
    Historical,
    /// Concedes slowly, holds firm between offers, accepts late.
    Patient,
    /// Structural, plus threats when the model says they are credible (never carried out).
    Bluff,
    /// Reads Beijing's answers and adapts: settles early with a firm Beijing, holds out and
    /// threatens against a pressed one.
    Adaptive,
}

impl Strategy {
    /// Every strategy, in report order.
    pub const ALL: [Strategy; 11] = [
        Strategy::Hawk,
        Strategy::Dealmaker,
        Strategy::Structural,
        Strategy::Appeaser,
        Strategy::Stall,
        Strategy::Random,
        Strategy::FirstCounter,
        Strategy::Historical,
        Strategy::Patient,
        Strategy::Bluff,
        Strategy::Adaptive,
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
            Strategy::FirstCounter => "first-counter",
            Strategy::Historical => "historical",
            Strategy::Patient => "patient",
            Strategy::Bluff => "bluff",
            Strategy::Adaptive => "adaptive",
        }
    }

    /// The strategy with this name.
    pub fn from_name(name: &str) -> Option<Strategy> {
        Strategy::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The next move in this state. Always legal unless the game is over.
    pub fn next_action(self, scenario: &Scenario, state: &State, rng: &mut ChaCha8Rng) -> Action {
        self.decide(&Ctx::new(scenario, state), rng)
    }

    /// [`Strategy::next_action`] in a game whose moves share `memory` from move to move (one
    /// memory per game): the same move, worked out less often.
    pub(crate) fn next_action_remembering(
        self,
        scenario: &Scenario,
        state: &State,
        rng: &mut ChaCha8Rng,
        memory: &std::cell::RefCell<Memory>,
    ) -> Action {
        self.decide(&Ctx::remembering(scenario, state, memory), rng)
    }

    fn decide(self, ctx: &Ctx, rng: &mut ChaCha8Rng) -> Action {
        match self {
            Strategy::Hawk => scripted::hawk(ctx),
            Strategy::Dealmaker => scripted::dealmaker(ctx),
            Strategy::Structural => scripted::structural(ctx, false),
            Strategy::Appeaser => scripted::appeaser(ctx),
            Strategy::Stall => scripted::stall(ctx),
            Strategy::Random => random(ctx, rng),
            Strategy::FirstCounter => scripted::first_counter(ctx),
            Strategy::Historical => crate::sim::scripts_history::historical(ctx),
            Strategy::Patient => scripted::patient(ctx),
            Strategy::Bluff => scripted::structural(ctx, true),
            Strategy::Adaptive => crate::sim::adaptive::adaptive(ctx),
        }
    }
}

/// What a script sees: the scenario and the state, with helpers.
pub(crate) struct Ctx<'a> {
    pub scenario: &'a Scenario,
    pub state: &'a State,
    /// The state with the published negotiator in place of the one drawn, built once per
    /// decision: a script consults it many times, and the rollouts of `solve --fair` make
    /// millions of decisions.
    book: std::cell::OnceCell<State>,
    /// The issues worth opening, as `scripts_plan::to_open` finds them, worked out once.
    to_open: std::cell::OnceCell<Vec<&'a str>>,
    /// The published negotiator's valuation (that of `book`), worked out once.
    published: std::cell::OnceCell<Valuation<'a>>,
    /// What the game's earlier decisions worked out, when the caller keeps it.
    memory: Option<&'a std::cell::RefCell<Memory>>,
}

impl<'a> Ctx<'a> {
    /// A script's view of `state`.
    pub fn new(scenario: &'a Scenario, state: &'a State) -> Self {
        Ctx {
            scenario,
            state,
            book: std::cell::OnceCell::new(),
            to_open: std::cell::OnceCell::new(),
            published: std::cell::OnceCell::new(),
            memory: None,
        }
    }

    /// A script's view of `state` in a game whose decisions share `memory` (the same moves as
    /// without it, worked out less often).
    pub fn remembering(
        scenario: &'a Scenario,
        state: &'a State,
        memory: &'a std::cell::RefCell<Memory>,
    ) -> Self {
        Ctx {
            memory: Some(memory),
            ..Ctx::new(scenario, state)
        }
    }

    /// The game's memory, when the caller keeps one.
    pub fn memory(&self) -> Option<&'a std::cell::RefCell<Memory>> {
        self.memory
    }

    /// The issues off the table worth opening (see `scripts_plan::to_open`).
    pub fn to_open(&self) -> &[&'a str] {
        self.to_open
            .get_or_init(|| crate::sim::scripts_plan::to_open(self))
    }

    /// The state as the scenario file describes Beijing (what a player can compute).
    pub fn book(&self) -> &State {
        self.book
            .get_or_init(|| crate::sim::scripts_plan::published(self.state))
    }

    /// The published negotiator's valuation: `Valuation::new` of [`Ctx::book`], worked out once
    /// per decision (a script weighs many packages with it).
    pub fn published(&self) -> &Valuation<'a> {
        self.published
            .get_or_init(|| Valuation::published(self.scenario, self.state))
    }

    /// An agenda move to open the first of `ids` that is closed and affordable.
    pub fn open(&self, ids: &[&str]) -> Option<Action> {
        ids.iter().find_map(|id| {
            let i = self.scenario.issue_index(id)?;
            let affordable = self.scenario.issues[i].prep_days
                + 2 * self.scenario.clock.days_per_turn
                < self.state.days_left(self.scenario);
            (!self.state.agenda[i] && affordable).then_some(Action::Agenda { issue: i, on: true })
        })
    }

    /// A package from (issue id, level) targets; issues off the agenda stay at the status quo.
    pub fn package(&self, targets: &[(&str, usize)]) -> Package {
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

    /// Level of issue `id` in `p`.
    pub fn level(&self, p: &Package, id: &str) -> usize {
        self.scenario.issue_index(id).map_or(0, |i| p.0[i])
    }

    /// Whether this is the last turn before the truce lapses.
    pub fn last_turn(&self) -> bool {
        self.state.days_left(self.scenario) <= self.scenario.clock.days_per_turn
    }

    /// Sign, when the summit is open and something is agreed.
    pub fn sign(&self) -> Option<Action> {
        self.state.can_sign(self.scenario).then_some(Action::Sign)
    }

    /// Whether the summit's day is already past (nothing can be signed any more).
    pub fn summit_past(&self) -> bool {
        matches!(self.state.summit, crate::engine::SummitStatus::Passed)
    }

    /// Whether the next turn is the summit's week (the last chance to agree before it).
    pub fn summit_next_turn(&self) -> bool {
        let dpt = self.scenario.clock.days_per_turn;
        match self.state.summit {
            crate::engine::SummitStatus::Scheduled { day } => {
                let next = self.state.day + dpt;
                next <= day && day < next + dpt
            }
            _ => false,
        }
    }

    /// US gain of a package over the status quo.
    pub fn us_gain(&self, p: &Package) -> f64 {
        // The US's values are the same whichever Beijing values China's side: the published
        // negotiator's valuation (worked out once per decision) serves.
        let v = self.published();
        v.us(&p.0) - v.us_sq
    }

    /// Turns taken so far.
    pub fn turns(&self) -> u32 {
        self.state.turns
    }

    /// Playing this US card (by id), if legal now.
    pub fn play(&self, id: &str) -> Option<Action> {
        let card = self.scenario.world.card_index(id)?;
        let a = Action::Play { card };
        query::legal(self.scenario, self.state, &a).ok().map(|_| a)
    }

    /// Whether the calendar has reached `date` (`YYYY-MM-DD`).
    pub fn on_or_after(&self, date: &str) -> bool {
        // Parsed once (`Scenario::day_of` would parse it again): the historical script asks
        // at every move.
        let Some(d) = crate::core::calendar::Date::parse(date) else {
            return false;
        };
        let since = d.days() - self.scenario.start_date().days();
        // A date before the scenario's start has been reached (a scenario may open mid-story).
        since < 0
            || u32::try_from(since)
                .is_ok_and(|day| self.state.day + self.scenario.clock.days_per_turn > day)
    }
}

fn random(c: &Ctx, rng: &mut ChaCha8Rng) -> Action {
    let s = c.scenario;
    loop {
        let pick: u32 = rng.random_range(0..100);
        let action = match pick {
            0..=39 => {
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
            40..=52 if c.state.counter.is_some() => Action::AcceptCounter,
            53..=59 => Action::Threaten,
            60..=66 => Action::Goodwill,
            67..=76 => {
                let i = rng.random_range(0..s.issues.len());
                let on = !c.state.agenda[i];
                if on && s.issues[i].prep_days >= c.state.days_left(s) {
                    continue;
                }
                Action::Agenda { issue: i, on }
            }
            77..=81 => Action::RequestExtension,
            82..=88 if c.state.can_sign(s) => Action::Sign,
            89..=90 => Action::WalkAway,
            91..=95 => Action::Hold,
            96..=99 => {
                let card = rng.random_range(0..s.world.cards.len().max(1));
                let a = Action::Play { card };
                if query::legal(s, c.state, &a).is_err() {
                    continue;
                }
                a
            }
            _ => continue,
        };
        return action;
    }
}
