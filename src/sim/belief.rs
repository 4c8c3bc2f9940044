//! What the fair search believes about the Beijing it faces: a cloud of candidate Beijings
//! drawn from the scenario's kinds, each weighted by how well it explains what the player has
//! seen so far.
//!
//! Every candidate lives in its own copy of the game, opened as the real one was (the past dice
//! are the game's own: they fell and were seen) with the candidate in Beijing's chair, and
//! plays the real game's moves as they are made. After each move its answer is set against the
//! answer the player saw: a different rule, kind of reply, counter-offer or ending rules the
//! candidate out; otherwise the demand and the value `w` showed for a judged package weigh it
//! by `exp(-(Δ/σ)²)`. The futures of the fair search start from the candidates' own copies —
//! each consistent with its Beijing, hidden effects included — with fresh dice.
//!
//! The answers soon rule out most candidates; when fewer than `REFRESH_BELOW` still count,
//! the cloud keeps those and draws fresh candidates from the kinds, each replaying the game so
//! far, that explain it as well (without this, eight moves left two or three candidates and
//! the search gambled on them).
//!
//! Nothing here reads the real game's Beijing or the dice still to fall: the belief is built
//! from the opening (its Beijing replaced), the moves and what the answers showed.

use std::mem::Discriminant;

use crate::core::{Outcome, Package, Reply, Rule, State};
use crate::engine::{Action, apply, beijing};
use crate::scenario::Scenario;

/// Candidate Beijings in the cloud.
pub const SIZE: usize = 192;
/// How closely a candidate's demand and value must match the ones `w` showed (utility points).
/// `w` prints them to two decimals, so a player cannot tell apart candidates a hundredth
/// apart; at 0.01 the cloud narrowed to one or two candidates within a few weeks and the fair
/// line gambled on them (autumn seeds 1-40: mean 77.8, three lines unsigned; at 0.02, 78.5).
const SIGMA: f64 = 0.02;
/// Keeps the candidates' draws apart from the game's own and the futures'.
const SALT: u64 = 0xBE11_EF00_C10D_0003;

/// What a player sees of one move's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    /// The rule behind China's answer, the kind of reply and the counter it made, when China
    /// answered this move.
    answer: Option<Answer>,
    /// China's demand and its value of the package, when it judged one.
    numbers: Option<(f64, f64)>,
    /// China's gain as a share of what it could gain, when `w` showed one: it follows
    /// Beijing's own weights, so it tells candidates apart where the demand cannot.
    share: Option<f64>,
    /// What the table shows after the move: the game's end, the counter, the agreement, the
    /// proposal, the summit's last ask, the rung, the day, the cards in force, a walk-out.
    table: Table,
}

/// The public parts of the state a candidate's copy must share with the real game.
#[derive(Debug, Clone, PartialEq)]
struct Table {
    outcome: Option<Outcome>,
    counter: Option<Package>,
    agreed: Option<Package>,
    proposal: Option<Package>,
    summit_ask: Option<(usize, usize)>,
    ask_posed: bool,
    rung: u8,
    day: u32,
    cards: Vec<bool>,
    walked_out: bool,
    threat_deadline: Option<u32>,
}

impl Observation {
    /// What the player saw after a move: `rule` is what `apply` returned for it.
    pub fn after(rule: Option<Rule>, state: &State) -> Observation {
        let (answer, numbers, share) = answered(rule, state);
        Observation {
            answer,
            numbers,
            share,
            table: TableRef::of(state).owned(),
        }
    }
}

/// The rule behind an answer, the kind of reply and the counter it made.
type Answer = (Rule, Discriminant<Reply>, Option<Package>);

/// An observation's answer, numbers and share (see [`Observation::after`]).
fn answered(
    rule: Option<Rule>,
    state: &State,
) -> (Option<Answer>, Option<(f64, f64)>, Option<f64>) {
    let answer = rule.zip(state.last_answer.as_ref());
    (
        answer.map(|(rule, a)| {
            let counter = match &a.reply {
                Reply::Counter(p) => Some(p.clone()),
                _ => None,
            };
            (rule, std::mem::discriminant(&a.reply), counter)
        }),
        answer.and_then(|(_, a)| a.why.utility.map(|u| (a.why.aspiration, u))),
        answer.and_then(|(_, a)| a.why.china_share),
    )
}

impl Table {
    /// The table, borrowed.
    fn view(&self) -> TableRef<'_> {
        TableRef {
            outcome: self.outcome,
            counter: self.counter.as_ref(),
            agreed: self.agreed.as_ref(),
            proposal: self.proposal.as_ref(),
            summit_ask: self.summit_ask,
            ask_posed: self.ask_posed,
            rung: self.rung,
            day: self.day,
            cards: &self.cards,
            walked_out: self.walked_out,
            threat_deadline: self.threat_deadline,
        }
    }
}

/// Whether two copies of the game show the same table (see [`Observation`]).
pub(crate) fn shows_the_same_table(a: &State, b: &State) -> bool {
    // Asked once per future of the fair search: compared in place, nothing copied.
    TableRef::of(a) == TableRef::of(b)
}

/// [`Table`]'s fields, borrowed from a state.
#[derive(PartialEq)]
struct TableRef<'a> {
    outcome: Option<Outcome>,
    counter: Option<&'a Package>,
    agreed: Option<&'a Package>,
    proposal: Option<&'a Package>,
    summit_ask: Option<(usize, usize)>,
    ask_posed: bool,
    rung: u8,
    day: u32,
    cards: &'a [bool],
    walked_out: bool,
    threat_deadline: Option<u32>,
}

impl<'a> TableRef<'a> {
    fn of(state: &'a State) -> Self {
        TableRef {
            outcome: state.outcome,
            counter: state.counter.as_ref(),
            agreed: state.agreed.as_ref(),
            proposal: state.proposal.as_ref(),
            summit_ask: state.summit_ask,
            ask_posed: state.ask_posed,
            rung: state.rung,
            day: state.day,
            cards: &state.cards,
            walked_out: state.walked_out,
            threat_deadline: state.threat_deadline,
        }
    }

    fn owned(&self) -> Table {
        Table {
            outcome: self.outcome,
            counter: self.counter.cloned(),
            agreed: self.agreed.cloned(),
            proposal: self.proposal.cloned(),
            summit_ask: self.summit_ask,
            ask_posed: self.ask_posed,
            rung: self.rung,
            day: self.day,
            cards: self.cards.to_vec(),
            walked_out: self.walked_out,
            threat_deadline: self.threat_deadline,
        }
    }
}

/// One candidate Beijing in its copy of the game.
#[derive(Debug, Clone)]
struct Particle {
    state: State,
    /// Moves whose answer or table it failed to explain (a different rule, reply, counter,
    /// agreement, last ask, rung, ending...).
    misses: u32,
    /// Sum of the squared gaps, in σ, between its numbers and the ones seen.
    err: f64,
}

impl Particle {
    /// A candidate Beijing `beijing` in a copy of the game opened as `base`.
    fn new(base: &State, beijing: crate::core::Beijing) -> Particle {
        let mut state = base.clone();
        state.beijing = beijing;
        Particle {
            state,
            misses: 0,
            err: 0.0,
        }
    }

    /// Plays the real game's move in the candidate's copy and sets its answer against `seen`.
    fn observe(&mut self, scenario: &Scenario, action: &Action, seen: &Observation) {
        if self.state.outcome.is_some() {
            self.misses += 1; // its game ended where the real one goes on
            return;
        }
        let Ok(rule) = apply(scenario, &mut self.state, action, None) else {
            self.misses += 1;
            return;
        };
        self.state.log.clear();
        self.state.trace.clear();
        // Set against what was seen in place: 192 candidates answer every move.
        let (answer, numbers, share) = answered(rule, &self.state);
        if answer != seen.answer || TableRef::of(&self.state) != seen.table.view() {
            self.misses += 1;
        }
        if let (Some((a, u)), Some((sa, su))) = (numbers, seen.numbers) {
            let (da, du) = ((a - sa) / SIGMA, (u - su) / SIGMA);
            self.err += da * da + du * du;
        }
        if let (Some(x), Some(sx)) = (share, seen.share) {
            let d = (x - sx) / SIGMA;
            self.err += d * d;
        }
    }
}

/// Below this effective number of candidates the cloud is refreshed (see [`Belief::observe`]).
const REFRESH_BELOW: f64 = 24.0;
/// Fresh candidates tried per refresh, at most: each replays the game so far.
const REFRESH_TRIES: u64 = 384;
/// How far (in squared σ, summed over the game) a fresh candidate may explain the answers worse
/// than the best candidate and still join: beyond it its weight, `exp(-Δ)`, would not count.
const REFRESH_SPAN: f64 = 8.0;

/// The cloud of candidate Beijings; see the module's notes.
#[derive(Debug, Clone)]
pub struct Belief {
    particles: Vec<Particle>,
    /// The opening every candidate's copy starts from, its Beijing still to be replaced.
    base: State,
    /// The real game's moves so far and what each showed, replayed by candidates drawn later.
    seen: Vec<(Action, Observation)>,
    /// Keys the candidates' draws.
    key: u64,
    /// Candidates drawn so far: the index of the next draw.
    drawn: u64,
}

impl Belief {
    /// `size` candidates drawn from the scenario's kinds (keyed by `key`), each in a copy of
    /// the game opened as `start` was; `start`'s own Beijing is never read.
    pub fn new(scenario: &Scenario, start: &State, key: u64, size: usize) -> Belief {
        let mut base = start.clone();
        base.log = Vec::new();
        base.trace = Vec::new();
        let mut belief = Belief {
            particles: Vec::with_capacity(size),
            base,
            seen: Vec::new(),
            key,
            drawn: 0,
        };
        for _ in 0..size {
            let p = belief.draw_next(scenario);
            belief.particles.push(p);
        }
        belief
    }

    /// The next candidate drawn from the scenario's kinds, in a copy of the opening.
    fn draw_next(&mut self, scenario: &Scenario) -> Particle {
        let b = beijing::draw(scenario, mix(mix(self.key ^ SALT) ^ self.drawn));
        self.drawn += 1;
        Particle::new(&self.base, b)
    }

    /// `p` having played the game so far, or `None` as soon as it misses more than `misses`
    /// answers or its error passes `err` (both only grow: the rest of the game need not be
    /// replayed to rule it out).
    fn replayed(
        &self,
        scenario: &Scenario,
        mut p: Particle,
        misses: u32,
        err: f64,
    ) -> Option<Particle> {
        for (action, seen) in &self.seen {
            p.observe(scenario, action, seen);
            if p.misses > misses || p.err > err {
                return None;
            }
        }
        Some(p)
    }

    /// Plays the real game's move in every candidate's copy and weighs the candidate by how
    /// well its answer matches `seen`, the answer the player saw. When the answers have thinned
    /// the cloud to a few candidates, it is refreshed: those that count are kept and fresh
    /// draws from the scenario's kinds that explain the whole game as well join them, so the
    /// futures do not all rest on one or two guesses.
    pub fn observe(&mut self, scenario: &Scenario, action: &Action, seen: &Observation) {
        for p in &mut self.particles {
            p.observe(scenario, action, seen);
        }
        self.seen.push((action.clone(), seen.clone()));
        if self.effective() < REFRESH_BELOW {
            self.refresh(scenario);
        }
    }

    /// Keeps the candidates that count and adds fresh ones that explain every answer as well
    /// (the fewest misses, within `REFRESH_SPAN` of the best fit), up to the cloud's size.
    fn refresh(&mut self, scenario: &Scenario) {
        let size = self.particles.len();
        let (fewest, best) = self.best_fit();
        let fits = |p: &Particle| p.misses == fewest && p.err - best <= REFRESH_SPAN;
        let mut kept: Vec<Particle> = self.particles.drain(..).filter(|p| fits(p)).collect();
        let mut tries = 0;
        while kept.len() < size && tries < REFRESH_TRIES {
            tries += 1;
            let drawn = self.draw_next(scenario);
            if let Some(p) = self.replayed(scenario, drawn, fewest, best + REFRESH_SPAN)
                && fits(&p)
            {
                kept.push(p);
            }
        }
        self.particles = kept;
    }

    /// Each candidate's weight, summing to 1: `exp(-err)` among the candidates with the fewest
    /// misses (none, unless every candidate missed something), 0 for the others.
    pub fn weights(&self) -> Vec<f64> {
        let (fewest, least) = self.best_fit();
        let raw: Vec<f64> = self
            .particles
            .iter()
            .map(|p| {
                if p.misses == fewest {
                    (least - p.err).exp()
                } else {
                    0.0
                }
            })
            .collect();
        let total: f64 = raw.iter().sum();
        raw.into_iter()
            .map(|w| w / total.max(f64::MIN_POSITIVE))
            .collect()
    }

    /// The fewest misses of any candidate, and the least error among the candidates with them.
    fn best_fit(&self) -> (u32, f64) {
        let fewest = self.fewest_misses();
        let least = self
            .particles
            .iter()
            .filter(|p| p.misses == fewest)
            .map(|p| p.err)
            .fold(f64::INFINITY, f64::min);
        (fewest, least)
    }

    /// The fewest answers any candidate failed to explain (0 while some candidate explains
    /// everything seen).
    pub fn fewest_misses(&self) -> u32 {
        self.particles.iter().map(|p| p.misses).min().unwrap_or(0)
    }

    /// The weight the belief puts on each of the scenario's kinds of Beijing, in its order.
    pub fn kinds(&self, scenario: &Scenario) -> Vec<f64> {
        let mut out = vec![0.0; scenario.world.beijing.len()];
        for (w, p) in self.weights().into_iter().zip(&self.particles) {
            if let Some(slot) = p.state.beijing.archetype.and_then(|k| out.get_mut(k)) {
                *slot += w;
            }
        }
        out
    }

    /// The effective number of candidates: 1 / Σ w².
    pub fn effective(&self) -> f64 {
        let squares: f64 = self.weights().iter().map(|w| w * w).sum();
        1.0 / squares.max(f64::MIN_POSITIVE)
    }

    /// The copies of the game the futures start from: `count` candidates drawn by weight
    /// (systematic resampling, at offset `u` in 0..1), their dice still to be replaced. Each
    /// future's candidate is found when asked for, so any count takes no more memory.
    pub fn draw(&self, count: usize, u: f64) -> Draws<'_> {
        // Only candidates with some weight: rounding in the running sum must never land a
        // future on one that is ruled out.
        let mut upto = Vec::with_capacity(self.particles.len());
        let mut states = Vec::with_capacity(self.particles.len());
        let mut acc = 0.0;
        for (w, p) in self.weights().into_iter().zip(&self.particles) {
            if w > 0.0 {
                acc += w;
                upto.push(acc);
                states.push(&p.state);
            }
        }
        Draws {
            upto,
            states,
            step: 1.0 / crate::core::num::count(count.max(1)),
            u,
        }
    }
}

/// The futures' candidates: see [`Belief::draw`].
#[derive(Debug)]
pub struct Draws<'a> {
    /// The running sum of the weights, by candidate with some weight.
    upto: Vec<f64>,
    states: Vec<&'a State>,
    step: f64,
    u: f64,
}

impl<'a> Draws<'a> {
    /// The candidate's game future `k` starts from (`None` only when the belief is empty).
    pub fn get(&self, k: usize) -> Option<&'a State> {
        let target = (crate::core::num::count(k) + self.u) * self.step;
        let i = self.upto.partition_point(|&acc| acc <= target);
        self.states
            .get(i.min(self.states.len().saturating_sub(1)))
            .copied()
    }
}

/// SplitMix64's finaliser: spreads a key over all 64 bits.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
