//! How each side values a package, and how China's demands fall over time.

use crate::ai::RedLineHit;
use crate::core::State;
use crate::scenario::Scenario;

/// China's and the US's view of packages, for one state of the game.
pub struct Valuation<'a> {
    scenario: &'a Scenario,
    shift: &'a [f64],
    /// China's utility for the status quo.
    pub china_sq: f64,
    /// The US utility for the status quo.
    pub us_sq: f64,
}

impl<'a> Valuation<'a> {
    /// Valuation with China's weights as the state has shifted them.
    pub fn new(scenario: &'a Scenario, state: &'a State) -> Self {
        let mut v = Valuation {
            scenario,
            shift: &state.weight_shift,
            china_sq: 0.0,
            us_sq: 0.0,
        };
        for (i, issue) in scenario.issues.iter().enumerate() {
            v.china_sq += v.china_at(i, issue.status_quo);
            v.us_sq += v.us_at(i, issue.status_quo);
        }
        v
    }

    /// China's weighted value of level `level` on issue `i`.
    pub fn china_at(&self, i: usize, level: usize) -> f64 {
        let issue = &self.scenario.issues[i];
        let weight = (issue.china_weight + self.shift.get(i).copied().unwrap_or(0.0)).max(0.0);
        weight * issue.levels[level].china
    }

    /// The US's weighted value of level `level` on issue `i`.
    pub fn us_at(&self, i: usize, level: usize) -> f64 {
        let issue = &self.scenario.issues[i];
        issue.us_weight * issue.levels[level].us
    }

    /// China's utility for a package (0..=1).
    pub fn china(&self, levels: &[usize]) -> f64 {
        levels
            .iter()
            .enumerate()
            .map(|(i, &l)| self.china_at(i, l))
            .sum()
    }

    /// The US utility for a package (0..=1).
    pub fn us(&self, levels: &[usize]) -> f64 {
        levels
            .iter()
            .enumerate()
            .map(|(i, &l)| self.us_at(i, l))
            .sum()
    }

    /// US gain over China's gain, when China gains anything; `None` when China gains nothing.
    pub fn ratio(&self, levels: &[usize]) -> Option<f64> {
        let cg = self.china(levels) - self.china_sq;
        let ug = self.us(levels) - self.us_sq;
        (cg > 1e-9).then(|| ug / cg)
    }

    /// Whether the balance rule holds: the US does not gain more than `allowed` times what China gains.
    pub fn balanced(&self, levels: &[usize]) -> bool {
        let cg = self.china(levels) - self.china_sq;
        let ug = self.us(levels) - self.us_sq;
        ug <= 1e-9 || ug <= self.scenario.ai.balance_ratio * cg
    }

    /// The first red line the package crosses, if any.
    pub fn red_line(&self, levels: &[usize]) -> Option<RedLineHit> {
        let s = self.scenario;
        s.index()
            .red_lines
            .iter()
            .zip(&s.ai.red_lines)
            .find_map(|(&(i, line, unless), rl)| {
                let issue = &s.issues[i];
                let level = levels[i];
                let crossed = issue.levels[level].china <= issue.levels[line].china
                    && level != issue.status_quo;
                let lifted = unless.is_some_and(|(j, min)| Self::at_least(s, j, levels[j], min));
                (crossed && !lifted).then(|| RedLineHit {
                    issue: i,
                    level,
                    reason: rl.reason.clone(),
                })
            })
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
}

/// China's aspiration this week: a Boulware curve from opening to reservation, stiffened by
/// threats and softened by trust.
pub fn aspiration(scenario: &Scenario, state: &State) -> f64 {
    let ai = &scenario.ai;
    let total = scenario.total_days().max(1) as f64;
    let t = (f64::from(state.day) / total).clamp(0.0, 1.0);
    let curve = 1.0 - crate::core::detmath::pow_unit(t, 1.0 / ai.concession_exponent);
    let base = ai.reservation + (ai.opening_aspiration - ai.reservation) * curve;
    let trust = state.meters.trust.max(0.0) / 100.0;
    let value = base + ai.threat_stiffening * state.threat_pressure - ai.trust_softening * trust
        + state.aspiration_shift;
    value.clamp(ai.reservation, 1.0)
}
