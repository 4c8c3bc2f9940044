//! How each commitment of a signed package holds in the year after: the rate of its kind, the
//! enforcement chapter and how one-sided the term is; and the leverage the US keeps to enforce
//! the whole.

use crate::ai::Valuation;
use crate::core::{Package, State};
use crate::scenario::{Kind, Scenario, Side};

/// What leverage counts for when the scenario sets none (`world.epilogue.leverage`).
const LEVERAGE: f64 = 0.3;

/// The share of what a deal delivered that lasts on the leverage the US kept to enforce it
/// (`Epilogue::leverage`): 1 with all of it kept, 1 − `world.epilogue.leverage` with none. A
/// tariff cut costs no welfare (US buyers pay tariffs), but a snap-back threat is what keeps
/// China's commitments kept beyond the year: Durability counts it.
pub(crate) fn enforced(scenario: &Scenario, leverage: f64) -> f64 {
    let weight = scenario.world.epilogue.leverage.unwrap_or(LEVERAGE);
    1.0 - weight.clamp(0.0, 1.0) * (1.0 - leverage.clamp(0.0, 1.0))
}

/// The share of the US's leverage a package leaves standing, 0..=1: the leverage issue (US
/// tariffs) against the way from its lowest level to its status quo, and each US card in force
/// that a US concession trades (its suspension names a level the US values less than today's),
/// kept when the package leaves it standing.
pub(crate) fn leverage_kept(scenario: &Scenario, state: &State, levels: &[usize]) -> f64 {
    let ix = scenario.index();
    let (mut kept, mut count) = (0.0, 0.0);
    if let Some(t) = ix.leverage {
        let issue = &scenario.issues[t];
        let us = |l: usize| issue.levels.get(l).map_or(0.0, |x| x.us);
        let lowest = issue
            .levels
            .iter()
            .map(|x| x.us)
            .fold(f64::INFINITY, f64::min);
        let sq = us(crate::ai::status_quo_level(scenario, state, t));
        let signed = levels.get(t).map_or(sq, |&l| us(l));
        kept += if sq - lowest > 1e-12 {
            ((signed - lowest) / (sq - lowest)).clamp(0.0, 1.0)
        } else {
            1.0
        };
        count += 1.0;
    }
    for (k, card) in scenario.world.cards.iter().enumerate() {
        // Traded by a US concession: the level that suspends it is worth less to the US than
        // today's (a card lifted for a Chinese commitment is part of that exchange, not
        // leverage given away).
        let tradable = match ix.suspend.get(k) {
            Some(Some(Some((j, min)))) => {
                let issue = &scenario.issues[*j];
                let sq = crate::ai::status_quo_level(scenario, state, *j);
                issue.levels.get(*min).map_or(0.0, |x| x.us) < issue.levels[sq].us
            }
            _ => false,
        };
        if card.side == Side::Us && state.cards.get(k) == Some(&true) && tradable {
            if !crate::ai::suspends(scenario, k, levels) {
                kept += 1.0;
            }
            count += 1.0;
        }
    }
    if count > 0.0 { kept / count } else { 1.0 }
}

/// What became of one signed commitment over the year.
pub(super) struct Held {
    /// The US gain kept over the year (utility).
    pub kept: f64,
    /// The level China kept to at the year's end; none when everything it could keep lapsed.
    pub level: Option<usize>,
    /// The share of that level delivered (purchases arrive in part; 1 for a kept pledge).
    pub share: f64,
    /// The month the commitment whose gain was kept lapsed, if it did.
    pub lapsed: Option<u32>,
    /// The most that flows all year of any commitment the signed one contains: the share of
    /// purchases that arrive, 1 for a pledge that holds, 0 when everything lapsed. (Over a set
    /// that grows with the ask: asking for more never flows less.)
    pub flowing: f64,
}

/// How each commitment of a signed package holds: the rates of its kinds, the enforcement
/// chapter and each term's lean.
pub(super) struct Terms<'a> {
    scenario: &'a Scenario,
    val: &'a Valuation<'a>,
    /// The chance a structural commitment holds under the package's enforcement chapter.
    pub structural: f64,
    /// Each side's possible gain over the whole agenda, the scale of a term's lean.
    spans: (f64, f64),
    months: u32,
}

impl<'a> Terms<'a> {
    pub fn new(scenario: &'a Scenario, val: &'a Valuation<'a>, p: &Package) -> Self {
        let rules = &scenario.deal;
        let enforcement = scenario.index().enforcement.map_or(0, |e| p.0[e]);
        Terms {
            scenario,
            val,
            structural: rules
                .structural_hold
                .get(enforcement)
                .or(rules.structural_hold.last())
                .copied()
                .unwrap_or(0.5),
            spans: (
                (val.us_max - val.us_sq).max(1e-6),
                (val.china_max - val.china_sq).max(1e-6),
            ),
            months: scenario.world.epilogue.months.max(1),
        }
    }

    /// The US gain of `level` on issue `i` over today's status quo.
    pub fn gain(&self, i: usize, level: usize) -> f64 {
        self.val.us_at(i, level) - self.val.us_at(i, self.val.sq(i))
    }

    /// The chance `level` on issue `i` holds in the year (for purchases, the share expected to
    /// arrive): its kind's rate, less the lopsided penalty on the term's lean (the US's share
    /// gained plus China's share given up on this issue: the more one-sided a term, the likelier
    /// China lets it go). A concession elsewhere does not change it: it buys no delivery.
    pub fn hold(&self, i: usize, level: usize) -> f64 {
        let rules = &self.scenario.deal;
        let base = match self.scenario.issues[i].levels[level].kind {
            Kind::Structural => self.structural,
            Kind::Commercial => rules.commercial_delivery,
            Kind::Political => rules.political_hold,
        };
        let sq = self.val.sq(i);
        let lean = self.gain(i, level).max(0.0) / self.spans.0
            + (self.val.china_at(i, sq) - self.val.china_at(i, level)).max(0.0) / self.spans.1;
        let penalty = self.scenario.world.epilogue.lopsided_penalty;
        base * (1.0 - penalty * lean).clamp(0.2, 1.0)
    }

    fn commercial(&self, i: usize, level: usize) -> bool {
        self.scenario.issues[i].levels[level].kind == Kind::Commercial
    }

    /// The month a commitment lapses on this roll: the same for every level of the issue, so
    /// what lapses lapses at the same time whatever was asked.
    fn month(&self, roll: f64) -> u32 {
        let months = self.months;
        1 + crate::core::num::whole((f64::from(months) * roll).floor(), months) % months
    }

    /// The share of purchases at `level` that arrive on this roll (centred on the rate).
    fn arrives(&self, i: usize, level: usize, roll: f64) -> f64 {
        (self.hold(i, level) * (0.5 + roll)).clamp(0.0, 1.0)
    }

    /// Whether a pledge at `level` holds all year on this roll.
    fn holds(&self, i: usize, level: usize, roll: f64) -> bool {
        roll < self.hold(i, level)
    }

    /// The levels a commitment at `signed` contains: those worth more than the status quo to
    /// the US but no more than `signed` (it among them).
    fn lesser(&self, i: usize, signed: usize) -> impl Iterator<Item = usize> + '_ {
        let top = self.gain(i, signed);
        (0..self.scenario.issues[i].levels.len()).filter(move |&l| {
            let g = self.gain(i, l);
            g > 0.0 && g <= top
        })
    }

    /// What `level` alone keeps on this roll: purchases as they arrive; a pledge in full if it
    /// holds, else until the month it lapses and then the most a lesser pledge that holds
    /// keeps for the rest of the year. Returns the gain kept and the level kept to at the end.
    fn value(&self, i: usize, level: usize, roll: f64) -> (f64, Option<usize>) {
        let g = self.gain(i, level);
        if self.commercial(i, level) {
            return (g * self.arrives(i, level, roll), Some(level));
        }
        if self.holds(i, level, roll) {
            return (g, Some(level));
        }
        let below = self
            .lesser(i, level)
            .filter(|&l| l != level && !self.commercial(i, l) && self.holds(i, l, roll))
            .map(|l| (self.gain(i, l), l))
            .max_by(|a, b| a.0.total_cmp(&b.0));
        let part = f64::from(self.month(roll)) / f64::from(self.months);
        match below {
            Some((gb, l)) => (g * part + gb * (1.0 - part), Some(l)),
            None => (g * part, None),
        }
    }

    /// What is kept of the signed `level` on issue `i`: the most any level it contains keeps on
    /// this roll (the set grows with the ask, so asking for more never keeps less).
    pub fn held(&self, i: usize, signed: usize, roll: f64) -> Held {
        let (mut kept, mut end) = self.value(i, signed, roll);
        let mut from = signed;
        let mut flowing: f64 = 0.0;
        for l in self.lesser(i, signed) {
            let f = if self.commercial(i, l) {
                self.arrives(i, l, roll)
            } else if self.holds(i, l, roll) {
                1.0
            } else {
                0.0
            };
            flowing = flowing.max(f);
            if l == signed {
                continue;
            }
            let (v, e) = self.value(i, l, roll);
            if v > kept {
                (kept, end, from) = (v, e, l);
            }
        }
        let share = match end {
            Some(e) if self.commercial(i, e) => self.arrives(i, e, roll),
            Some(_) => 1.0,
            None => 0.0,
        };
        let lapsed =
            (!self.commercial(i, from) && !self.holds(i, from, roll)).then(|| self.month(roll));
        Held {
            kept,
            level: end,
            share,
            lapsed,
            flowing,
        }
    }
}
