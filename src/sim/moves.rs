//! The US move generator for the search: the sensible legal moves in a state, with a bounded
//! branching. Every kind of move has its own small generator below, so a new action (a hold, a
//! card to play or suspend) is one more function called from `moves`.

use crate::engine::{Action, Game, Package, State, check};
use crate::scenario::Scenario;
use crate::scenario::Side;

/// The US moves worth searching in this game's current state; empty once the game is over.
pub fn legal_moves(game: &Game) -> Vec<Action> {
    moves(&game.scenario, &game.state)
}

/// The US moves worth searching in `state`, in a fixed order (closing moves first, so a search
/// tries them early). Every move is legal; proposals are a bounded set derived from the table.
pub fn moves(scenario: &Scenario, state: &State) -> Vec<Action> {
    if state.outcome.is_some() {
        return Vec::new();
    }
    let mut g = Gen {
        scenario,
        state,
        out: Vec::with_capacity(40),
    };
    g.closing();
    g.proposals();
    g.levers();
    g.agenda();
    g.endings();
    g.out
}

struct Gen<'a> {
    scenario: &'a Scenario,
    state: &'a State,
    out: Vec<Action>,
}

impl Gen<'_> {
    /// Sign when the summit is open, and take China's standing counter.
    fn closing(&mut self) {
        if self.state.can_sign(self.scenario) {
            self.out.push(Action::Sign);
        }
        if self.state.counter.is_some() {
            self.out.push(Action::AcceptCounter);
        }
    }

    /// Proposals: what is on the table (the last proposal, China's counter, the agreed package,
    /// the status quo), a package halfway between the two sides, a middle-ground opening, and
    /// one-issue variations of the current US position (one step firmer or softer per issue).
    fn proposals(&mut self) {
        let s = self.state;
        let mut packages: Vec<Package> = Vec::with_capacity(32);
        let add = |p: Package, packages: &mut Vec<Package>| {
            let p = self.on_agenda(p);
            if !packages.contains(&p) {
                packages.push(p);
            }
        };
        for p in [&s.counter, &s.agreed, &s.proposal].into_iter().flatten() {
            add(p.clone(), &mut packages);
        }
        add(self.scenario.status_quo(), &mut packages);
        if let (Some(mine), Some(theirs)) = (&s.proposal, &s.counter) {
            add(self.halfway(mine, theirs), &mut packages);
        }
        let middle = self.middle();
        let base = s.proposal.clone().unwrap_or_else(|| middle.clone());
        add(middle, &mut packages);
        for i in 0..self.scenario.issues.len() {
            if !s.agenda[i] {
                continue;
            }
            for firmer in [true, false] {
                if let Some(level) = self.step(i, base.0[i], firmer) {
                    let mut p = base.clone();
                    p.0[i] = level;
                    add(p, &mut packages);
                }
            }
        }
        self.out.extend(packages.into_iter().map(Action::Propose));
    }

    /// Threats, goodwill gestures, a week of working-level talks, granting the summit's last
    /// ask, and the US cards that can be played now: each only when the engine allows it.
    fn levers(&mut self) {
        let mut levers = vec![
            Action::Hold,
            Action::GrantAsk,
            Action::Threaten,
            Action::Goodwill,
        ];
        for (card, c) in self.scenario.world.cards.iter().enumerate() {
            if c.side == Side::Us {
                levers.push(Action::Play { card });
            }
        }
        for a in levers {
            self.push_legal(a);
        }
    }

    /// Adds a move the engine's dry run accepts in this state.
    fn push_legal(&mut self, action: Action) {
        if check(self.scenario, self.state, &action).is_ok() {
            self.out.push(action);
        }
    }

    /// Opening a closed issue, when it leaves at least a turn to negotiate it.
    fn agenda(&mut self) {
        let (scenario, state) = (self.scenario, self.state);
        let left = state.days_left(scenario);
        for (i, issue) in scenario.issues.iter().enumerate() {
            let cost = if state.prepared[i] {
                0
            } else {
                issue.prep_days
            };
            if !state.agenda[i] && cost + scenario.clock.days_per_turn < left {
                self.push_legal(Action::Agenda { issue: i, on: true });
            }
        }
    }

    /// Moves that end the talks.
    fn endings(&mut self) {
        self.push_legal(Action::RequestExtension);
        self.push_legal(Action::WalkAway);
    }

    /// The package with every issue off the agenda back at the status quo (a stale package can
    /// name an issue that has since been closed).
    fn on_agenda(&self, mut p: Package) -> Package {
        for (i, issue) in self.scenario.issues.iter().enumerate() {
            if !self.state.agenda[i] || p.0[i] >= issue.levels.len() {
                p.0[i] = issue.status_quo;
            }
        }
        p
    }

    /// Per issue, the level midway between two packages, rounded towards the first.
    fn halfway(&self, mine: &Package, theirs: &Package) -> Package {
        Package(
            mine.0
                .iter()
                .zip(&theirs.0)
                .map(|(&a, &b)| {
                    if a <= b {
                        a + (b - a) / 2
                    } else {
                        a - (a - b) / 2
                    }
                })
                .collect(),
        )
    }

    /// An opening on middle ground: on each issue on the agenda, the level whose values to the
    /// two sides are closest (ties to the one better for the US).
    fn middle(&self) -> Package {
        Package(
            self.scenario
                .issues
                .iter()
                .enumerate()
                .map(|(i, issue)| {
                    if !self.state.agenda[i] {
                        return issue.status_quo;
                    }
                    let gap = |l: usize| {
                        let v = &issue.levels[l];
                        ((v.us - v.china).abs(), -v.us)
                    };
                    (0..issue.levels.len())
                        .min_by(|&a, &b| {
                            gap(a)
                                .partial_cmp(&gap(b))
                                .unwrap_or(std::cmp::Ordering::Equal)
                        })
                        .unwrap_or(issue.status_quo)
                })
                .collect(),
        )
    }

    /// The neighbouring level of issue `i` that is worth more (`firmer`) or less to the US.
    fn step(&self, i: usize, level: usize, firmer: bool) -> Option<usize> {
        let levels = &self.scenario.issues[i].levels;
        let here = levels.get(level)?.us;
        [level.checked_sub(1), Some(level + 1)]
            .into_iter()
            .flatten()
            .filter(|&l| l < levels.len())
            .find(|&l| (levels[l].us > here) == firmer && levels[l].us != here)
    }
}
