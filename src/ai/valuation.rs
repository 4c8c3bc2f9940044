//! How each side values a package, what no deal is worth to China, and how its demand falls.

use crate::core::{Beijing, RedLineHit, State};
use crate::scenario::index::{Index, RedTable, ResolvedRedLine};
use crate::scenario::{Scenario, Side};

/// China's and the US's view of packages, for one state of the game.
pub struct Valuation<'a> {
    scenario: &'a Scenario,
    state: &'a State,
    /// The Beijing whose values these are: the state's own, or the published negotiator.
    beijing: &'a Beijing,
    /// China's utility for the status quo.
    pub china_sq: f64,
    /// The US utility for the status quo.
    pub us_sq: f64,
    /// China's best possible utility over the whole agenda (cards lifted included).
    pub china_max: f64,
    /// The US's best possible utility over the whole agenda (cards lifted included).
    pub us_max: f64,
    /// The scenario's lookups (the US's level values among them).
    index: &'a Index,
    /// Every level's weighted value to China, worked out once (the AI reads them many times per
    /// answer): issue `i`'s levels from `index.level_at[i]`.
    china_table: Vec<f64>,
    /// `(us_max - us_sq).max(1e-6)` and China's: the common scale of the balance rule.
    spans: (f64, f64),
    /// The cards in force as bits by index, (the US's, China's), when there are at most 64.
    in_force: Option<(u64, u64)>,
    /// What suspending each card is worth to the other side now ([`card_value`]).
    card_values: Vec<f64>,
}

impl<'a> Valuation<'a> {
    /// Valuation with China's weights as the state has shifted them.
    pub fn new(scenario: &'a Scenario, state: &'a State) -> Self {
        Valuation::of(scenario, state, &state.beijing)
    }

    /// The valuation of the scenario's published negotiator in this state (the same values as
    /// `new` of the state with the neutral Beijing in place of the one drawn, without a copy
    /// of the state): what a player can work out from the scenario file.
    pub fn published(scenario: &'a Scenario, state: &'a State) -> Self {
        Valuation::of(scenario, state, &NEUTRAL)
    }

    fn of(scenario: &'a Scenario, state: &'a State, beijing: &'a Beijing) -> Self {
        let index = scenario.index();
        let mut china_table = Vec::with_capacity(index.china_raw.len());
        let (mut china_sq, mut us_sq, mut china_max, mut us_max) = (0.0, 0.0, 0.0, 0.0);
        for (i, issue) in scenario.issues.iter().enumerate() {
            let shift = state.weight_shift.get(i).copied().unwrap_or(0.0);
            let weight = china_weight(beijing, issue.china_weight, i, shift);
            let at = index.level_at[i];
            let levels = at..at + issue.levels.len();
            china_table.extend(index.china_raw[levels].iter().map(|&c| weight * c));
            // Today's status quo: an event may have moved it since the scenario opened.
            let sq = status_quo_level(scenario, state, i);
            let (c, u) = (china_table[at + sq], index.us_value[at + sq]);
            china_sq += c;
            us_sq += u;
            // The common scale spans the whole agenda, open or not: measured over the open
            // issues only, opening one the US never moves would shrink the US's share and game
            // the balance rule (found in play). The best weighted level is at least 0: a
            // weight is never negative and rounding keeps order, so the weighted best is the
            // weight times the unweighted best.
            china_max += (weight * index.china_best[i]).max(0.0);
            us_max += index.us_best[i];
        }
        // The cards in force, as bits by index (the same order as a scan of the cards).
        let cards = &scenario.world.cards;
        let in_force = (cards.len() <= 64).then(|| {
            let (mut us, mut china) = (0u64, 0u64);
            for (k, (card, &on)) in cards.iter().zip(&state.cards).enumerate() {
                if on {
                    match card.side {
                        Side::Us => us |= 1 << k,
                        Side::China => china |= 1 << k,
                    }
                }
            }
            (us, china)
        });
        let mut v = Valuation {
            scenario,
            state,
            beijing,
            china_sq,
            us_sq,
            china_max,
            us_max,
            index,
            china_table,
            spans: (0.0, 0.0),
            in_force,
            card_values: (0..cards.len())
                .map(|k| card_value(scenario, state, k))
                .collect(),
        };
        v.china_max += v.cards_value(Side::Us, None);
        v.us_max += v.cards_value(Side::China, None);
        v.spans = (
            (v.us_max - v.us_sq).max(1e-6),
            (v.china_max - v.china_sq).max(1e-6),
        );
        v
    }

    /// The state this valuation reads.
    pub fn state(&self) -> &State {
        self.state
    }

    /// Issue `i`'s status-quo level now (an event may have moved it).
    pub fn sq(&self, i: usize) -> usize {
        status_quo_level(self.scenario, self.state, i)
    }

    /// China's weighted value of level `level` on issue `i`.
    pub fn china_at(&self, i: usize, level: usize) -> f64 {
        self.china_table[self.index.level_at[i] + level]
    }

    /// The US's weighted value of level `level` on issue `i`.
    pub fn us_at(&self, i: usize, level: usize) -> f64 {
        self.index.us_value[self.index.level_at[i] + level]
    }

    /// China's weighted values of every level of issue `i` (`china_at` for each).
    pub fn china_levels(&self, i: usize) -> &[f64] {
        let from = self.index.level_at[i];
        &self.china_table[from..from + self.scenario.issues[i].levels.len()]
    }

    /// The US's weighted values of every level of issue `i` (`us_at` for each).
    pub fn us_levels(&self, i: usize) -> &[f64] {
        let from = self.index.level_at[i];
        &self.index.us_value[from..from + self.scenario.issues[i].levels.len()]
    }

    /// What the package suspends of `side`'s cards in force, valued by the other side; with no
    /// package, every card in force that a deal could suspend.
    fn cards_value(&self, side: Side, levels: Option<&[usize]>) -> f64 {
        let s = self.scenario;
        let Some((us, china)) = self.in_force else {
            return s
                .world
                .cards
                .iter()
                .enumerate()
                .filter(|&(k, c)| c.side == side && self.in_force(k))
                .filter(|&(k, _)| levels.is_none_or(|l| suspends(s, k, l)))
                .map(|(k, _)| self.card_values[k])
                .sum();
        };
        // The same cards in the same order as the scan above: in force, on this side.
        let mut bits = if side == Side::Us { us } else { china };
        std::iter::from_fn(move || {
            (bits != 0).then(|| {
                let k = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                k
            })
        })
        .filter(|&k| levels.is_none_or(|l| suspends(s, k, l)))
        .map(|k| self.card_values[k])
        .sum()
    }

    /// China's utility for a package: its levels plus the US cards in force it suspends.
    pub fn china(&self, levels: &[usize]) -> f64 {
        let base: f64 = levels
            .iter()
            .enumerate()
            .map(|(i, &l)| self.china_at(i, l))
            .sum();
        base + self.cards_value(Side::Us, Some(levels))
    }

    /// The US utility for a package: its levels plus the Chinese cards in force it suspends.
    pub fn us(&self, levels: &[usize]) -> f64 {
        let base: f64 = levels
            .iter()
            .enumerate()
            .map(|(i, &l)| self.us_at(i, l))
            .sum();
        base + self.cards_value(Side::China, Some(levels))
    }

    /// US gain over China's gain, when China gains anything; `None` when China gains nothing.
    pub fn ratio(&self, levels: &[usize]) -> Option<f64> {
        let cg = self.china(levels) - self.china_sq;
        let ug = self.us(levels) - self.us_sq;
        (cg > 1e-9).then(|| ug / cg)
    }

    /// Each side's gain as a share of its own possible gain over the whole agenda: (US, China).
    pub fn shares(&self, levels: &[usize]) -> (f64, f64) {
        let us = (self.us(levels) - self.us_sq) / self.spans.0;
        let china = (self.china(levels) - self.china_sq) / self.spans.1;
        (us, china)
    }

    /// Whether the balance rule holds. On the common scale (0.2.0 scenarios set a gap): the
    /// US's share of its possible gain does not run ahead of China's by more than the gap. A
    /// 0.1.0 scenario (no gap) keeps its rule: the US gains at most the ratio times China's gain.
    pub fn balanced(&self, levels: &[usize]) -> bool {
        self.balanced_at(self.us(levels), self.china(levels))
    }

    /// The balance rule for a package whose US and Chinese utilities are already known.
    pub fn balanced_at(&self, us: f64, china: f64) -> bool {
        let gap = self.scenario.world.pressure.balance_gap;
        let (ug, cg) = (us - self.us_sq, china - self.china_sq);
        if self.index.common_scale {
            let us_share = ug / self.spans.0;
            let cn_share = cg / self.spans.1;
            return us_share - cn_share <= gap + 1e-9;
        }
        ug <= 1e-9 || ug <= self.scenario.ai.balance_ratio * cg
    }

    /// China's weighted value of every level, issue after issue (`china_at` for each).
    pub fn china_table(&self) -> &[f64] {
        &self.china_table
    }

    /// What suspending each card is worth to the other side now, by card.
    pub fn card_values(&self) -> &[f64] {
        &self.card_values
    }

    /// Whether card `k` is in force.
    pub fn in_force(&self, k: usize) -> bool {
        self.state.cards.get(k).copied().unwrap_or(false)
    }

    /// What the package's suspensions are worth: (to China, of US cards; to the US, of China's).
    pub fn card_gains(&self, levels: &[usize]) -> (f64, f64) {
        (
            self.cards_value(Side::Us, Some(levels)),
            self.cards_value(Side::China, Some(levels)),
        )
    }

    /// The first red line the package crosses, if any.
    pub fn red_line(&self, levels: &[usize]) -> Option<RedLineHit> {
        self.red_lines(levels).into_iter().next()
    }

    /// Every red line the package crosses.
    pub fn red_lines(&self, levels: &[usize]) -> Vec<RedLineHit> {
        let s = self.scenario;
        let own = self.own_red_lines().filter_map(|(r, (resolved, _))| {
            let kind = s.world.beijing.get(self.beijing.archetype?)?;
            Some((resolved, &kind.red_lines.get(r)?.0.reason, true))
        });
        let published = (s.index().red_lines.iter())
            .zip(&s.ai.red_lines)
            .map(|(r, rl)| (r, &rl.reason, false));
        published
            .chain(own)
            .filter_map(|(&(i, line, unless), reason, own)| {
                let issue = &s.issues[i];
                let level = levels[i];
                let crossed =
                    issue.levels[level].china <= issue.levels[line].china && level != self.sq(i);
                let lifted = unless.is_some_and(|(j, min)| at_least(s, j, levels[j], min));
                (crossed && !lifted).then(|| RedLineHit {
                    issue: i,
                    level,
                    reason: reason.clone(),
                    own,
                })
            })
            .collect()
    }

    /// Whether `levels` crosses a red line (cheaper than listing them: the scenario's red lines
    /// as tables, the same test as `red_lines`).
    pub fn crosses(&self, levels: &[usize]) -> bool {
        // The tables leave out the status quo's own exception: it is today's, read per test.
        self.crosses_published(levels)
            || (self.own_red_lines()).any(|(_, (_, table))| self.past(table, levels))
    }

    /// Whether `levels` crosses one of the scenario's published red lines (those a player
    /// knows of from the start; the Beijing drawn may hold more of its own).
    pub fn crosses_published(&self, levels: &[usize]) -> bool {
        self.index.red_tables.iter().any(|t| self.past(t, levels))
    }

    /// Whether `levels` goes past one red line's table (today's status quo never does).
    fn past(&self, (i, below, lifted): &RedTable, levels: &[usize]) -> bool {
        below[levels[*i]]
            && levels[*i] != self.sq(*i)
            && !lifted.as_ref().is_some_and(|(j, lifts)| lifts[levels[*j]])
    }

    /// The red lines of its own the Beijing drawn holds: (index in its kind's list, the line
    /// resolved and as a table).
    fn own_red_lines(&self) -> impl Iterator<Item = (usize, &'a (ResolvedRedLine, RedTable))> {
        let kind = (self.beijing.archetype).and_then(|k| self.index.kind_red_lines.get(k));
        (self.beijing.red_lines.iter()).filter_map(move |&r| Some((r, kind?.get(r)?.as_ref()?)))
    }

    /// China's no-deal value this week: the status quo minus the pressure it is under.
    pub fn no_deal(&self) -> f64 {
        self.china_sq - felt_by(self.state, self.beijing)
    }
}

/// The published negotiator, for [`Valuation::published`].
static NEUTRAL: Beijing = Beijing::NEUTRAL;

/// China's weight of issue `i`: the scenario's, as the Beijing drawn weighs it, shifted by events.
fn china_weight(beijing: &Beijing, base: f64, i: usize, shift: f64) -> f64 {
    (base * beijing.weight(i) + shift).max(0.0)
}

/// The pressure China feels: what it has lost so far (export orders, cards, sales abroad), as
/// the Beijing drawn feels it. The US sees the losses, not how much they weigh in Beijing.
pub fn felt_pressure(state: &State) -> f64 {
    felt_by(state, &state.beijing)
}

/// The pressure `beijing` would feel in `state` (the drawn one's is [`felt_pressure`]).
fn felt_by(state: &State, beijing: &Beijing) -> f64 {
    state.china_pressure * beijing.pressure
}

/// What suspending card `k` is worth to the other side now. A US measure put in force during
/// the talks is discounted while fresh (Beijing prices a measure made to be traded below a
/// standing one: the discount fades over the scenario's weeks); China's own mirror of a US move
/// is worth nothing to the US to suspend (that only restores the status quo).
pub fn card_value(scenario: &Scenario, state: &State, k: usize) -> f64 {
    let Some(card) = scenario.world.cards.get(k) else {
        return 0.0;
    };
    match card.side {
        Side::China if state.mirrored.get(k).copied().unwrap_or(false) => 0.0,
        Side::China => card.value,
        Side::Us => {
            let p = &scenario.world.pressure;
            let Some(Some(day)) = state.played_on.get(k) else {
                return card.value;
            };
            let weeks = f64::from(state.day.saturating_sub(*day)) / 7.0;
            let fade = if p.fresh_weeks > 0.0 {
                (weeks / p.fresh_weeks).clamp(0.0, 1.0)
            } else {
                1.0
            };
            card.value * (1.0 - p.fresh_discount.clamp(0.0, 1.0) * (1.0 - fade))
        }
    }
}

/// Issue `i`'s status-quo level in this state: the scenario's, unless an event moved it.
pub fn status_quo_level(scenario: &Scenario, state: &State, i: usize) -> usize {
    state
        .status_quo
        .get(i)
        .copied()
        .unwrap_or(scenario.issues[i].status_quo)
}

/// Whether card `k` is suspended by a package with these levels.
pub fn suspends(s: &Scenario, k: usize, levels: &[usize]) -> bool {
    match s.index().suspend.get(k) {
        Some(None) => true,
        Some(Some(Some((j, min)))) => at_least(s, *j, levels[*j], *min),
        _ => false,
    }
}

/// Whether `level` on issue `j` goes at least as far as `min` in the same direction from status quo.
fn at_least(s: &Scenario, j: usize, level: usize, min: usize) -> bool {
    let sq = s.issues[j].status_quo;
    if min >= sq {
        level >= min
    } else {
        level <= min
    }
}

/// The US's pain as China reads it (utility): farm stress, market confidence and magnets
/// against where they started.
pub fn us_pressure(scenario: &Scenario, state: &State) -> f64 {
    let p = &scenario.world.pressure;
    let start = &scenario.us.start;
    let m = &state.meters;
    p.us_per_farm * (m.farm_stress - start.farm_stress).max(0.0)
        + p.us_per_market * (start.market_confidence - m.market_confidence).max(0.0)
        + p.us_per_magnet * (start.magnet_supply - m.magnet_supply).max(0.0)
}

/// China's demand this week: a Boulware curve from its opening down to a floor set by its
/// no-deal value (which falls as pressure builds) and the US's visible pain; stiffened by
/// recent threats it mirrored, softened by trust and by threats it heeded.
pub fn aspiration(scenario: &Scenario, state: &State) -> f64 {
    aspiration_on(scenario, state, state.day)
}

/// China's demand as `aspiration` gives it, with its concession curve read on `day` instead of
/// the state's own (what a reader estimates for last week or the summit's eve).
pub fn aspiration_on(scenario: &Scenario, state: &State, day: u32) -> f64 {
    let ai = &scenario.ai;
    let p = &scenario.world.pressure;
    let val_sq: f64 = scenario
        .issues
        .iter()
        .enumerate()
        .map(|(i, issue)| {
            let shift = state.weight_shift.get(i).copied().unwrap_or(0.0);
            let sq = status_quo_level(scenario, state, i);
            china_weight(&state.beijing, issue.china_weight, i, shift) * issue.levels[sq].china
        })
        .sum();
    let no_deal = val_sq - felt_pressure(state);
    let active = p.margin > 0.0 || p.china_reads_us > 0.0;
    let lowest = if active {
        no_deal.max(ai.reservation)
    } else {
        ai.reservation
    };
    let floor = if active {
        lowest + p.margin + p.china_reads_us * state.beijing.reads_us * us_pressure(scenario, state)
    } else {
        lowest
    } + state.beijing.floor;
    // China concedes towards its deadline: the summit when one is on the calendar (Busan was
    // set by APEC, and both sides worked to it), else the truce's expiry.
    let deadline = match state.summit {
        crate::core::SummitStatus::Scheduled { day } if day > 0 => day,
        _ => scenario.total_days(),
    };
    let horizon = f64::from(deadline.max(1)) * state.beijing.horizon.max(1.0);
    let t = (f64::from(day) / horizon).clamp(0.0, 1.0);
    let exponent = (ai.concession_exponent * state.beijing.patience).max(1e-3);
    let curve = 1.0 - crate::core::detmath::pow_unit(t, 1.0 / exponent);
    let base = floor + (ai.opening_aspiration - floor).max(0.0) * curve;
    let trust = state.meters.trust.max(0.0) / 100.0;
    let value = base + ai.threat_stiffening * state.threat_pressure - ai.trust_softening * trust
        + state.aspiration_shift
        - state.demand_cut;
    // Once a package is agreed in principle the demand stops falling: what was agreed binds
    // both sides, so re-trading cannot walk China down the curve.
    let value = state.agreed_demand.map_or(value, |d| value.max(d));
    value.max(lowest).min(1.0)
}
