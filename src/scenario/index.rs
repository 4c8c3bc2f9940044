//! Lookups derived once from a scenario: parsed dates and references resolved to indices, so the
//! hot paths (the AI's answer, a week's step) never parse or compare strings.

use std::sync::OnceLock;

use crate::core::calendar::Date;
use crate::scenario::Scenario;

/// A red line with its issues resolved: (issue, level, lifted when (issue, at least level)).
pub(crate) type ResolvedRedLine = (usize, usize, Option<(usize, usize)>);

/// A red line as lookup tables: (issue, past the line per level, lifted by (issue, per level)).
pub(crate) type RedTable = (usize, Vec<bool>, Option<(usize, Vec<bool>)>);

/// What the engine looks up often.
#[derive(Debug, Clone)]
pub(crate) struct Index {
    pub start: Date,
    pub expiry: Date,
    pub total_days: u32,
    pub red_lines: Vec<ResolvedRedLine>,
    /// The red lines as tables, for the hot `crosses` test: per red line, its issue, which of
    /// its levels are past the line (today's status quo, read from the state, never crosses),
    /// and, when it can be lifted, the issue that lifts it and which of that issue's levels do.
    pub red_tables: Vec<RedTable>,
    /// Each kind of Beijing's own red lines, by kind and then by line (as `red_lines` and
    /// `red_tables` together; `None` for a line whose issue is unknown).
    pub kind_red_lines: Vec<Vec<Option<(ResolvedRedLine, RedTable)>>>,
    /// Where issue `i`'s levels start in the flat per-level tables below.
    pub level_at: Vec<usize>,
    /// Every level's value to China, unweighted (the state shifts China's weights).
    pub china_raw: Vec<f64>,
    /// Every level's weighted value to the US (`us_weight * us`).
    pub us_value: Vec<f64>,
    /// Per issue, the best weighted US value of any level (at least 0).
    pub us_best: Vec<f64>,
    /// Whether the balance rule compares shares on the common scale (the scenario sets a gap
    /// below the default's).
    pub common_scale: bool,
    /// Per issue, China's highest unweighted value of any level.
    pub china_best: Vec<f64>,
    /// Per issue, the level China values most (the last of equals).
    pub china_ideal: Vec<usize>,
    /// Per level (flat, as `us_value`), the neighbouring level the US values more, if any.
    pub toward_us: Vec<Option<usize>>,
    pub enforcement: Option<usize>,
    pub farm: Option<usize>,
    /// Per card: what suspends it. `None` any deal; `Some(None)` nothing (an unknown issue);
    /// `Some(Some((issue, level)))` a package at least that far.
    pub suspend: Vec<Option<Option<(usize, usize)>>>,
    /// Per card: the first day of play it can be played.
    pub card_from: Vec<u32>,
    /// Per event: the day of play of its date, for dated events.
    pub event_day: Vec<Option<u32>>,
    /// The day farm stress starts to climb, if the scenario sets one.
    pub harvest_day: Option<u32>,
    /// The threat's card, resolved.
    pub threat_card: Option<usize>,
    /// The issue that stops the ladder after a deal (`world.ladder_issue`, else `rare_earths`).
    pub minerals: Option<usize>,
    /// The issue that is US leverage, not welfare (`world.leverage_issue`, else `tariffs`).
    pub leverage: Option<usize>,
}

/// A lazily built `Index`; equal to every other, so it never affects comparisons.
#[derive(Debug, Clone, Default)]
pub(crate) struct Derived(OnceLock<Index>);

impl PartialEq for Derived {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Scenario {
    /// A red line with its issues resolved to indices (`None` for an unknown issue).
    fn resolve_red_line(&self, rl: &crate::scenario::RedLine) -> Option<ResolvedRedLine> {
        let i = self.issue_index(&rl.issue)?;
        let unless = rl
            .unless
            .as_ref()
            .and_then(|u| Some((self.issue_index(&u.issue)?, u.level)));
        Some((i, rl.level, unless))
    }

    pub(crate) fn index(&self) -> &Index {
        self.derived.0.get_or_init(|| {
            const FALLBACK: Date = Date::constant(2025, 1, 1);
            let start = Date::parse(&self.clock.start_date).unwrap_or(FALLBACK);
            let expiry = Date::parse(&self.clock.truce_expiry).unwrap_or(start);
            let red_lines: Vec<ResolvedRedLine> = self
                .ai
                .red_lines
                .iter()
                .filter_map(|rl| self.resolve_red_line(rl))
                .collect();
            let kind_red_lines = (self.world.beijing.iter())
                .map(|a| {
                    (a.red_lines.iter())
                        .map(|(rl, _)| {
                            let r = self.resolve_red_line(rl)?;
                            Some((r, red_tables(self, &[r]).pop()?))
                        })
                        .collect()
                })
                .collect();
            let red_tables = red_tables(self, &red_lines);
            let PerLevel {
                level_at,
                china_raw,
                us_value,
                us_best,
                china_best,
                china_ideal,
                toward_us,
            } = per_level(self);
            let day =
                |d: &str| Date::parse(d).and_then(|x| u32::try_from(x.days() - start.days()).ok());
            let suspend = self
                .world
                .cards
                .iter()
                .map(|c| {
                    c.suspended_by
                        .as_ref()
                        .map(|r| self.issue_index(&r.issue).map(|j| (j, r.level)))
                })
                .collect();
            let card_from = self
                .world
                .cards
                .iter()
                .map(|c| c.available.as_deref().and_then(day).unwrap_or(0))
                .collect();
            let event_day = self
                .events
                .iter()
                .map(|e| e.date.as_deref().and_then(day))
                .collect();
            Index {
                suspend,
                card_from,
                event_day,
                harvest_day: self.world.pressure.harvest_from.as_deref().and_then(day),
                threat_card: self
                    .world
                    .threat
                    .card
                    .as_deref()
                    .and_then(|id| self.world.card_index(id)),
                minerals: self
                    .issue_index(self.world.ladder_issue.as_deref().unwrap_or("rare_earths")),
                leverage: self
                    .issue_index(self.world.leverage_issue.as_deref().unwrap_or("tariffs")),
                start,
                expiry,
                total_days: u32::try_from((expiry.days() - start.days()).max(0))
                    .unwrap_or(u32::MAX),
                red_lines,
                red_tables,
                kind_red_lines,
                level_at,
                china_raw,
                us_value,
                us_best,
                china_best,
                china_ideal,
                toward_us,
                common_scale: self.world.pressure.balance_gap
                    < crate::scenario::Pressure::default().balance_gap,
                enforcement: self.issue_index(&self.deal.enforcement_issue),
                farm: self.issue_index(&self.us.weekly.farm_issue),
            }
        })
    }
}

/// The per-level tables of an `Index` (its fields of the same names).
struct PerLevel {
    level_at: Vec<usize>,
    china_raw: Vec<f64>,
    us_value: Vec<f64>,
    us_best: Vec<f64>,
    china_best: Vec<f64>,
    china_ideal: Vec<usize>,
    toward_us: Vec<Option<usize>>,
}

/// Every level's values, each issue's best levels and each level's step towards the US.
fn per_level(s: &Scenario) -> PerLevel {
    let mut level_at = Vec::with_capacity(s.issues.len());
    let (mut china_raw, mut us_value) = (Vec::new(), Vec::new());
    for issue in &s.issues {
        level_at.push(china_raw.len());
        for level in &issue.levels {
            china_raw.push(level.china);
            us_value.push(issue.us_weight * level.us);
        }
    }
    // Each issue's best value in a per-level table, folded from `floor`.
    let best = |table: &[f64], floor: f64| -> Vec<f64> {
        s.issues
            .iter()
            .zip(&level_at)
            .map(|(issue, &at)| {
                table[at..at + issue.levels.len()]
                    .iter()
                    .copied()
                    .fold(floor, f64::max)
            })
            .collect()
    };
    let us_best = best(&us_value, 0.0);
    let china_best = best(&china_raw, f64::NEG_INFINITY);
    let china_ideal = s
        .issues
        .iter()
        .map(|issue| {
            (0..issue.levels.len())
                .max_by(|&a, &b| issue.levels[a].china.total_cmp(&issue.levels[b].china))
                .unwrap_or(issue.status_quo)
        })
        .collect();
    let toward_us = (0..s.issues.len())
        .flat_map(|i| {
            (0..s.issues[i].levels.len()).map(move |l| crate::scenario::step_towards_us(s, i, l))
        })
        .collect();
    PerLevel {
        level_at,
        china_raw,
        us_value,
        us_best,
        china_best,
        china_ideal,
        toward_us,
    }
}

/// The red lines as tables: a level is past the line when China values it no more than the
/// line's level (it crosses unless it is today's status quo, which the state says); a level of
/// the lifting issue lifts when it goes at least as far as the minimum in the same direction
/// from the scenario's status quo (as `ai::valuation` tests them).
fn red_tables(s: &Scenario, red_lines: &[ResolvedRedLine]) -> Vec<RedTable> {
    red_lines
        .iter()
        .filter_map(|&(i, line, unless)| {
            let issue = s.issues.get(i)?;
            let bar = issue.levels.get(line)?.china;
            let crossing = (0..issue.levels.len())
                .map(|l| issue.levels[l].china <= bar)
                .collect();
            let lifted = match unless {
                Some((j, min)) => {
                    let other = s.issues.get(j)?;
                    let sq = other.status_quo;
                    let lifts = (0..other.levels.len())
                        .map(|l| if min >= sq { l >= min } else { l <= min })
                        .collect();
                    Some((j, lifts))
                }
                None => None,
            };
            Some((i, crossing, lifted))
        })
        .collect()
}
