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
    move_set(scenario, state).into_vec()
}

/// The moves of `moves`, kept compact: the proposals as rows of levels, so a caller that wants
/// one move (a random rollout step) builds only that one.
pub(crate) struct MoveSet {
    /// The closing moves, before the proposals.
    head: Vec<Action>,
    /// Levels per package.
    width: usize,
    /// The proposals' packages, one row of `width` levels each.
    rows: Vec<usize>,
    /// Packages in `rows`.
    count: usize,
    /// Levers, agenda moves and endings, after the proposals.
    tail: Vec<Action>,
}

impl MoveSet {
    /// How many moves there are.
    pub(crate) fn len(&self) -> usize {
        self.head.len() + self.count + self.tail.len()
    }

    /// Move `i`, in the order of `moves`.
    pub(crate) fn take(mut self, i: usize) -> Option<Action> {
        let heads = self.head.len();
        if i < heads {
            return Some(self.head.swap_remove(i));
        }
        if i < heads + self.count {
            let from = (i - heads) * self.width;
            let row = self.rows.get(from..from + self.width)?;
            return Some(Action::Propose(Package(row.to_vec())));
        }
        let j = i - heads - self.count;
        (j < self.tail.len()).then(|| self.tail.swap_remove(j))
    }

    /// Every move, in order.
    pub(crate) fn into_vec(self) -> Vec<Action> {
        let mut out = Vec::with_capacity(self.len());
        out.extend(self.head);
        let width = self.width;
        out.extend((0..self.count).map(|k| {
            let row = self.rows.get(k * width..(k + 1) * width).unwrap_or(&[]);
            Action::Propose(Package(row.to_vec()))
        }));
        out.extend(self.tail);
        out
    }
}

/// The moves of `moves`, as a `MoveSet`; empty once the game is over.
pub(crate) fn move_set(scenario: &Scenario, state: &State) -> MoveSet {
    let width = scenario.issues.len();
    let mut g = Gen {
        scenario,
        state,
        out: Vec::new(),
    };
    if state.outcome.is_some() {
        return MoveSet {
            head: Vec::new(),
            width,
            rows: Vec::new(),
            count: 0,
            tail: Vec::new(),
        };
    }
    g.closing();
    let head = std::mem::replace(&mut g.out, Vec::with_capacity(24));
    let (rows, count) = g.proposals();
    g.levers();
    g.agenda();
    g.endings();
    MoveSet {
        head,
        width,
        rows,
        count,
        tail: g.out,
    }
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
    /// Returns the packages as rows of levels (first seen first, no repeats) and their number.
    fn proposals(&self) -> (Vec<usize>, usize) {
        let s = self.state;
        let width = self.scenario.issues.len();
        let mut rows = Rows {
            rows: Vec::with_capacity(32 * width),
            keys: Vec::with_capacity(32),
            width,
            bounds: (0..width)
                .map(|i| {
                    let issue = &self.scenario.issues[i];
                    let limit = if s.agenda[i] { issue.levels.len() } else { 0 };
                    (limit, issue.status_quo)
                })
                .collect(),
        };
        for p in [&s.counter, &s.agreed, &s.proposal].into_iter().flatten() {
            rows.add(&p.0);
        }
        rows.add(&self.scenario.status_quo().0);
        let mut scratch = Vec::with_capacity(width);
        if let (Some(mine), Some(theirs)) = (&s.proposal, &s.counter) {
            halfway(mine, theirs, &mut scratch);
            rows.add(&scratch);
        }
        let middle = self.middle();
        let base = s.proposal.as_ref().map_or(&middle.0, |p| &p.0);
        rows.add(&middle.0);
        for i in 0..self.scenario.issues.len() {
            if !s.agenda[i] {
                continue;
            }
            for firmer in [true, false] {
                if let Some(level) = self.step(i, base[i], firmer) {
                    scratch.clear();
                    scratch.extend_from_slice(base);
                    scratch[i] = level;
                    rows.add(&scratch);
                }
            }
        }
        let count = rows.keys.len();
        (rows.rows, count)
    }

    /// Threats, goodwill gestures, a week of working-level talks, granting the summit's last
    /// ask, and the US cards that can be played now: each only when the engine allows it.
    fn levers(&mut self) {
        for a in [
            Action::Hold,
            Action::GrantAsk,
            Action::Threaten,
            Action::Goodwill,
        ] {
            self.push_legal(a);
        }
        for (card, c) in self.scenario.world.cards.iter().enumerate() {
            if c.side == Side::Us {
                self.push_legal(Action::Play { card });
            }
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

/// Per issue, the level midway between two packages, rounded towards the first, into `out`.
fn halfway(mine: &Package, theirs: &Package, out: &mut Vec<usize>) {
    out.clear();
    out.extend(mine.0.iter().zip(&theirs.0).map(|(&a, &b)| {
        if a <= b {
            a + (b - a) / 2
        } else {
            a - (a - b) / 2
        }
    }));
}

/// Packages kept as rows of levels, each once, in the order first added.
struct Rows {
    rows: Vec<usize>,
    /// A cheap key per row, so most repeats are told apart without comparing whole rows.
    keys: Vec<u64>,
    width: usize,
    /// Per issue: levels usable (none when off the agenda), and the status quo.
    bounds: Vec<(usize, usize)>,
}

impl Rows {
    /// Adds the package with every issue off the agenda back at the status quo (a stale package
    /// can name an issue that has since been closed), unless it is already there.
    fn add(&mut self, levels: &[usize]) {
        let from = self.rows.len();
        let mut key = 0u64;
        for (i, &(limit, sq)) in self.bounds.iter().enumerate() {
            let level = levels.get(i).copied().unwrap_or(usize::MAX);
            let l = if level < limit { level } else { sq };
            key = key.rotate_left(5) ^ l as u64;
            self.rows.push(l);
        }
        let (kept, row) = self.rows.split_at(from);
        let seen =
            self.keys.iter().enumerate().any(|(k, &key_k)| {
                key_k == key && kept[k * self.width..(k + 1) * self.width] == *row
            });
        if seen {
            self.rows.truncate(from);
        } else {
            self.keys.push(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    use super::{move_set, moves};
    use crate::engine::{Action, new_state, step};
    use crate::sim::Strategy;

    /// Drawing move `i` from the compact set gives `moves`'s move `i`, in every state met along
    /// games of every strategy; no package is offered twice.
    #[test]
    fn the_compact_set_gives_the_moves_in_order() {
        let Some(Ok(s)) = crate::scenario::builtin("autumn-2025") else {
            panic!("the built-in scenario loads");
        };
        let mut states = 0;
        for strategy in Strategy::ALL {
            for seed in 1..=3 {
                let mut state = new_state(&s, seed);
                let mut rng = ChaCha8Rng::seed_from_u64(seed);
                for _ in 0..40 {
                    let all = moves(&s, &state);
                    assert_eq!(move_set(&s, &state).len(), all.len());
                    for (i, m) in all.iter().enumerate() {
                        assert_eq!(move_set(&s, &state).take(i).as_ref(), Some(m));
                    }
                    let proposals: Vec<&Action> = all
                        .iter()
                        .filter(|a| matches!(a, Action::Propose(_)))
                        .collect();
                    for (k, p) in proposals.iter().enumerate() {
                        assert!(!proposals[..k].contains(p), "{p:?} offered twice");
                    }
                    states += 1;
                    if state.outcome.is_some() {
                        assert!(all.is_empty());
                        break;
                    }
                    let a = strategy.next_action(&s, &state, &mut rng);
                    if step(&s, &mut state, a).is_err() {
                        step(&s, &mut state, Action::Hold).ok();
                    }
                }
            }
        }
        assert!(states > 100);
    }
}
