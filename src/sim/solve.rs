//! A search for the best US line in one seeded game: Monte Carlo tree search (UCT) over the US
//! move at each turn, with rollouts played by the scripted strategies mixed with random legal
//! moves, scored by the game's overall score.
//!
//! The game is deterministic given its seed and the US moves (the engine's RNG lives in the
//! state), so every playout is a real line: the best one seen is kept and replays exactly.
//! The search's own chance (rollout policies) draws from RNGs derived from the seed and the
//! playout's index, never from threads or time, and the tree is only read and written between
//! parallel batches in a fixed order: any thread count gives the same line.

use std::cell::RefCell;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use crate::engine::{Action, State, apply, new_state, overall_value};
use crate::scenario::Scenario;
use crate::sim::Strategy;
use crate::sim::moves::{move_set, moves};
use crate::sim::scripts_plan::Memory;

/// Playouts run in parallel between two updates of the tree.
const BATCH: usize = 64;
/// A rollout never plays more moves than this (a guard against a policy that loops).
const MAX_MOVES: usize = 200;
/// Exploration constant, for rewards in 0..=1.
const EXPLORE: f64 = 0.25;
/// Weight of a node's best reward against its mean: the game is deterministic, so a line that
/// scored well once can be played again.
const MAX_WEIGHT: f64 = 0.8;
/// In a rollout, the share of moves drawn at random from the legal moves instead of the
/// rollout's scripted strategy.
const EPSILON: f64 = 0.15;
/// The search tree's default cap, in nodes (about 0.7 KB each: some 70 MB in all). Past it the
/// tree stops growing and further playouts roll out from its open leaves, so memory stays the
/// same for any number of playouts (it grew about 100 MB a second before).
pub const MAX_NODES: usize = 100_000;
/// Keeps the search's RNG apart from the engine's and the strategies'.
const SALT: u64 = 0x5017_E5EA_2C4D_0001;

/// The best line a search found.
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    /// The game's seed.
    pub seed: u64,
    /// Playouts run.
    pub playouts: usize,
    /// Nodes in the search tree at the end.
    pub nodes: usize,
    /// The US moves of the best line, from the first week to the end of the game.
    pub line: Vec<Action>,
    /// The line's overall score, 0..=100.
    pub overall: f64,
    /// Whether the tree reached its cap of nodes (later playouts rolled out from its leaves).
    pub tree_full: bool,
}

/// Searches `playouts` playouts from the start of the game with this seed and returns the best
/// line found. Uses the current rayon pool; the result does not depend on its size. The tree
/// holds at most `MAX_NODES` nodes.
pub fn solve(scenario: &Scenario, seed: u64, playouts: usize) -> Solution {
    solve_within(scenario, seed, playouts, MAX_NODES)
}

/// `solve` with the tree capped at `max_nodes` nodes (at least the root): past the cap,
/// playouts roll out from the tree's open leaves instead of adding nodes.
pub fn solve_within(scenario: &Scenario, seed: u64, playouts: usize, max_nodes: usize) -> Solution {
    let root = new_state(scenario, seed);
    let mut tree = Tree::new(scenario, root);
    tree.max_nodes = max_nodes.max(1);
    let mut done = 0usize;
    let mut best: Option<(f64, Vec<Action>)> = None;
    while done < playouts {
        let want = BATCH.min(playouts - done);
        let jobs: Vec<Job> = (0..want).map_while(|_| tree.select()).collect();
        if jobs.is_empty() {
            break; // nothing is selectable: the tree holds no open line
        }
        // Each worker's scripts keep one memory across the playouts it runs: what is
        // remembered is used only where it was worked out from the same inputs, so the
        // playouts are the same whichever worker runs them and in whatever order.
        let results: Vec<Played> = jobs
            .par_iter()
            .enumerate()
            .map_init(RefCell::default, |memory, (k, job)| {
                tree.play(job, rng_for(seed, (done + k) as u64), memory)
            })
            .collect();
        for (job, played) in jobs.iter().zip(results) {
            if let Some((leaf, reward, rollout)) = tree.record(job, played)
                && best.as_ref().is_none_or(|(b, _)| reward > *b)
            {
                let mut line = tree.path(leaf);
                line.extend(rollout);
                best = Some((reward, line));
            }
        }
        done += jobs.len();
    }
    let (overall, line) = best.unwrap_or_default();
    let (line, overall) = polish(scenario, seed, line, overall);
    Solution {
        seed,
        playouts: done,
        nodes: tree.nodes.len(),
        line,
        overall: overall * 100.0,
        tree_full: tree.nodes.len() >= tree.max_nodes,
    }
}

/// Drops every move the line does as well without (a pointless proposal, an issue opened for
/// nothing), so the line shows what matters; a shorter line can also score better.
fn polish(
    scenario: &Scenario,
    seed: u64,
    mut line: Vec<Action>,
    mut best: f64,
) -> (Vec<Action>, f64) {
    let mut i = 0;
    while i < line.len() {
        let mut shorter = line.clone();
        shorter.remove(i);
        match score_line(scenario, seed, &shorter) {
            Some(r) if r >= best => (line, best) = (shorter, r),
            _ => i += 1,
        }
    }
    (line, best)
}

/// The reward of a whole line from the seed, if every move is accepted and the game ends.
fn score_line(scenario: &Scenario, seed: u64, line: &[Action]) -> Option<f64> {
    let mut state = new_state(scenario, seed);
    for action in line {
        apply(scenario, &mut state, action, None).ok()?;
    }
    state.outcome.is_some().then(|| reward(scenario, &state))
}

/// The RNG of playout `index`: a function of the seed and the index only.
fn rng_for(seed: u64, index: u64) -> ChaCha8Rng {
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    bytes[8..16].copy_from_slice(&index.to_le_bytes());
    bytes[16..24].copy_from_slice(&SALT.to_le_bytes());
    ChaCha8Rng::from_seed(bytes)
}

/// The game's overall score scaled to 0..=1.
fn reward(scenario: &Scenario, state: &State) -> f64 {
    overall_value(scenario, state) / 100.0
}

struct Node {
    parent: Option<usize>,
    /// The move from the parent to here.
    action: Option<Action>,
    children: Vec<usize>,
    /// Moves not yet expanded, the next one last; generated when the node is first revisited,
    /// since most leaves never are.
    untried: Option<Vec<Action>>,
    /// The state here, kept only once the node is revisited (most leaves never are), so the
    /// tree holds one state per inner node.
    state: Option<Box<State>>,
    /// The score when the game is over here.
    terminal: Option<f64>,
}

/// What selection reads of a node, kept apart from the node (in `Tree::stats`, by the same
/// index): choosing a child reads these of every child, and packed together they stay in cache.
#[derive(Default, Clone, Copy)]
struct Stats {
    visits: f64,
    total: f64,
    best: f64,
    /// Playouts of the running batch that pass through here (a virtual loss).
    pending: f64,
    /// False until the playout that created the node is recorded.
    ready: bool,
}

impl Node {
    fn new(parent: Option<usize>, action: Option<Action>) -> Node {
        Node {
            parent,
            action,
            children: Vec::new(),
            untried: None,
            state: None,
            terminal: None,
        }
    }
}

/// One playout chosen by selection.
enum Job {
    /// Play `action` from `parent` into the new node `child`, then roll out.
    Expand { parent: usize, child: usize },
    /// Score a finished game again.
    Terminal { node: usize },
    /// Roll out from `node` without adding to the tree (it is full).
    Rollout { node: usize },
}

/// What a playout found.
enum Played {
    /// The move was refused (the generator should never offer one).
    Refused,
    /// The new node's score when the game is over there, and the rollout.
    Expanded {
        terminal: Option<f64>,
        reward: f64,
        rollout: Vec<Action>,
    },
    /// A finished game's score.
    Scored(f64),
    /// A rollout from a node of a full tree: its score and its moves.
    Rolled { reward: f64, rollout: Vec<Action> },
}

struct Tree<'a> {
    scenario: &'a Scenario,
    nodes: Vec<Node>,
    /// Each node's statistics, by the node's index.
    stats: Vec<Stats>,
    /// No node is added (nor opened) once the tree holds this many.
    max_nodes: usize,
}

impl<'a> Tree<'a> {
    fn new(scenario: &'a Scenario, root: State) -> Tree<'a> {
        let mut node = Node::new(None, None);
        node.state = Some(Box::new(root));
        let stats = Stats {
            ready: true,
            ..Stats::default()
        };
        Tree {
            scenario,
            nodes: vec![node],
            stats: vec![stats],
            max_nodes: MAX_NODES,
        }
    }

    /// Walks down by UCT to a node with a move left to try (or a finished game), adding a
    /// virtual loss on the way so the rest of the batch spreads out. `None` when nothing is
    /// selectable until the batch is recorded.
    fn select(&mut self) -> Option<Job> {
        let mut path = vec![0usize];
        let mut n = 0usize;
        let job = loop {
            let node = &self.nodes[n];
            if node.terminal.is_some() {
                break Job::Terminal { node: n };
            }
            let full = self.nodes.len() >= self.max_nodes;
            // A full tree opens no node (opening keeps a state and a list of moves) and adds
            // none: the playout rolls out from where selection stopped.
            if full
                && (node.untried.is_none() || node.untried.as_ref().is_some_and(|u| !u.is_empty()))
            {
                break Job::Rollout { node: n };
            }
            if node.untried.is_none() {
                self.open(n);
            }
            if let Some(action) = self.nodes[n].untried.as_mut().and_then(Vec::pop) {
                let child = self.nodes.len();
                self.nodes.push(Node::new(Some(n), Some(action)));
                self.stats.push(Stats::default());
                self.nodes[n].children.push(child);
                path.push(child);
                break Job::Expand { parent: n, child };
            }
            n = self.best_child(n)?;
            path.push(n);
        };
        for &p in &path {
            self.stats[p].pending += 1.0;
        }
        Some(job)
    }

    /// The ready child with the highest UCT value (pending playouts count as losses).
    fn best_child(&self, n: usize) -> Option<usize> {
        let parent = &self.stats[n];
        // sqrt(N) / (1 + n) rather than UCB1's sqrt(ln N / n): `sqrt` is exact in IEEE-754 on
        // every machine, `ln` comes from the platform's maths library, and a last-bit
        // difference could change a tie and so the line.
        let root_n = (parent.visits + parent.pending).sqrt();
        let mut pick: Option<(usize, f64)> = None;
        for &c in &self.nodes[n].children {
            let child = &self.stats[c];
            if !child.ready {
                continue;
            }
            let seen = child.visits + child.pending;
            let mean = child.total / seen.max(1.0);
            let value = (1.0 - MAX_WEIGHT) * mean
                + MAX_WEIGHT * child.best
                + EXPLORE * root_n / (1.0 + seen);
            if pick.is_none_or(|(_, v)| value > v) {
                pick = Some((c, value));
            }
        }
        pick.map(|(c, _)| c)
    }

    /// Runs one playout; reads the tree only, so a batch runs in parallel.
    fn play(&self, job: &Job, mut rng: ChaCha8Rng, memory: &RefCell<Memory>) -> Played {
        let (parent, child) = match job {
            Job::Terminal { node } => {
                return Played::Scored(self.nodes[*node].terminal.unwrap_or(0.0));
            }
            Job::Expand { parent, child } => (*parent, *child),
            Job::Rollout { node } => {
                let Some(mut state) = self.state_at(*node) else {
                    return Played::Refused;
                };
                let mut rollout = Vec::new();
                let reward = roll_out(self.scenario, &mut state, &mut rng, &mut rollout, memory);
                return Played::Rolled { reward, rollout };
            }
        };
        let (Some(from), Some(action)) = (&self.nodes[parent].state, &self.nodes[child].action)
        else {
            return Played::Refused;
        };
        let mut state = from.clone();
        if apply(self.scenario, &mut state, action, None).is_err() {
            return Played::Refused;
        }
        if state.outcome.is_some() {
            let r = reward(self.scenario, &state);
            return Played::Expanded {
                terminal: Some(r),
                reward: r,
                rollout: Vec::new(),
            };
        }
        let mut rollout = Vec::new();
        let reward = roll_out(self.scenario, &mut state, &mut rng, &mut rollout, memory);
        Played::Expanded {
            terminal: None,
            reward,
            rollout,
        }
    }

    /// Puts a playout into the tree and backs its reward up; returns the node it ended at, the
    /// reward and the rollout's moves when there is one.
    fn record(&mut self, job: &Job, played: Played) -> Option<(usize, f64, Vec<Action>)> {
        let leaf = match *job {
            Job::Expand { child, .. } => child,
            Job::Terminal { node } | Job::Rollout { node } => node,
        };
        let (reward, rollout) = match played {
            Played::Refused => {
                self.unwind(leaf, None);
                if let Job::Expand { parent, child } = *job {
                    self.nodes[parent].children.retain(|&c| c != child);
                }
                return None;
            }
            Played::Scored(r) => (r, Vec::new()),
            Played::Rolled { reward, rollout } => (reward, rollout),
            Played::Expanded {
                terminal,
                reward,
                rollout,
            } => {
                self.nodes[leaf].terminal = terminal;
                self.stats[leaf].ready = true;
                (reward, rollout)
            }
        };
        self.unwind(leaf, Some(reward));
        Some((leaf, reward, rollout))
    }

    /// Removes the virtual loss from `leaf` up to the root and adds the reward, if any.
    fn unwind(&mut self, leaf: usize, reward: Option<f64>) {
        let mut n = Some(leaf);
        while let Some(i) = n {
            let node = &mut self.stats[i];
            node.pending -= 1.0;
            if let Some(r) = reward {
                node.visits += 1.0;
                node.total += r;
                node.best = node.best.max(r);
            }
            n = self.nodes[i].parent;
        }
    }

    /// The moves from the root to `n`.
    fn path(&self, mut n: usize) -> Vec<Action> {
        let mut line = Vec::new();
        while let Some(action) = &self.nodes[n].action {
            line.push(action.clone());
            n = self.nodes[n].parent.unwrap_or(0);
        }
        line.reverse();
        line
    }

    /// The state at node `n`: its own when kept, else its parent's with its move played (the
    /// parent of any node was opened, so it keeps its state).
    fn state_at(&self, n: usize) -> Option<Box<State>> {
        let node = &self.nodes[n];
        if let Some(state) = &node.state {
            return Some(state.clone());
        }
        let from = self.nodes[node.parent?].state.as_ref()?;
        let mut state = from.clone();
        apply(self.scenario, &mut state, node.action.as_ref()?, None).ok()?;
        Some(state)
    }

    /// Readies a revisited node for expansion: its state, rebuilt from its parent's (the same
    /// move from the same state gives the same state), and its list of moves.
    fn open(&mut self, n: usize) {
        if self.nodes[n].state.is_none() {
            let parent = self.nodes[n].parent.unwrap_or(0);
            let rebuilt = match (&self.nodes[parent].state, &self.nodes[n].action) {
                (Some(from), Some(action)) => {
                    let mut state = from.clone();
                    apply(self.scenario, &mut state, action, None)
                        .is_ok()
                        .then_some(state)
                }
                _ => None,
            };
            let Some(mut state) = rebuilt else {
                // Cannot happen (the playout that made the node took this step): leave the
                // node with no moves, so the search goes on around it.
                self.nodes[n].untried = Some(Vec::new());
                return;
            };
            // The dispatches are words for the player and the trace is for charts; nothing in
            // the rules reads either back, and every playout from here would copy them.
            state.log = Vec::new();
            state.trace = Vec::new();
            self.nodes[n].state = Some(state);
        }
        if let Some(state) = &self.nodes[n].state {
            let fresh = next_first(moves(self.scenario, state));
            self.nodes[n].untried = Some(fresh);
        }
    }
}

/// The moves in the order `select` pops them: the generator's first move is tried first.
fn next_first(mut moves: Vec<Action>) -> Vec<Action> {
    moves.reverse();
    moves
}

/// Plays the game to its end with one scripted strategy picked at random, mixed with random
/// legal moves; returns the score and pushes every move played.
fn roll_out(
    scenario: &Scenario,
    state: &mut State,
    rng: &mut ChaCha8Rng,
    played: &mut Vec<Action>,
    memory: &RefCell<Memory>,
) -> f64 {
    let strategy = Strategy::ALL[rng.random_range(0..Strategy::ALL.len())];
    for _ in 0..MAX_MOVES {
        if state.outcome.is_some() {
            break;
        }
        let scripted = rng.random::<f64>() >= EPSILON;
        let action = if scripted {
            strategy.next_action_remembering(scenario, state, rng, memory)
        } else {
            random_move(scenario, state, rng)
        };
        let action = match apply(scenario, state, &action, None) {
            Ok(_) => action,
            Err(_) => {
                // A scripted move can be refused in a state its script never meets; play a
                // move from the generator instead.
                let fallback = random_move(scenario, state, rng);
                if apply(scenario, state, &fallback, None).is_err() {
                    break;
                }
                fallback
            }
        };
        played.push(action);
    }
    reward(scenario, state)
}

/// A legal move drawn uniformly from the generator's; only the one drawn is built.
fn random_move(scenario: &Scenario, state: &State, rng: &mut ChaCha8Rng) -> Action {
    let all = move_set(scenario, state);
    if all.len() == 0 {
        return Action::WalkAway;
    }
    let i = rng.random_range(0..all.len());
    all.take(i).unwrap_or(Action::WalkAway)
}
