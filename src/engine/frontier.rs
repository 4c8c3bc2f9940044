//! The frontier of the negotiation: the packages neither side can improve on without the other
//! losing, in (value to the US, value to China), over the issues on the table.
//!
//! Both utilities are sums over issues (each card a deal suspends depends on one issue's level,
//! or on none), so the frontier is built issue by issue: the Pareto set of the packages of the
//! first k issues, combined with each level of the next, pruned again. This is exact and runs in
//! milliseconds where enumerating every package would take millions of valuations.

use crate::ai::Valuation;
use crate::core::State;
use crate::scenario::Scenario;

/// A point of the dance: (value to the US, value to China).
pub type Point = (f64, f64);

/// Each issue's levels as the change in (US, China) value they bring against the status quo,
/// the other issues held at theirs; off-agenda issues only keep their status quo.
pub fn issue_tables(scenario: &Scenario, state: &State) -> (Point, Vec<Vec<Point>>) {
    let val = Valuation::new(scenario, state);
    let sq: Vec<usize> = (0..scenario.issues.len()).map(|i| val.sq(i)).collect();
    let base = (val.us(&sq), val.china(&sq));
    let tables = scenario
        .issues
        .iter()
        .enumerate()
        .map(|(i, issue)| {
            if !state.agenda.get(i).copied().unwrap_or(false) {
                return vec![(0.0, 0.0)];
            }
            (0..issue.levels.len())
                .map(|l| {
                    let mut p = sq.clone();
                    p[i] = l;
                    (val.us(&p) - base.0, val.china(&p) - base.1)
                })
                .collect()
        })
        .collect();
    (base, tables)
}

/// The Pareto frontier of sums that take one point from each table, sorted by the first
/// coordinate rising (so the second falls). Both coordinates are maximised.
pub fn pareto(tables: &[Vec<Point>]) -> Vec<Point> {
    let mut front: Vec<Point> = vec![(0.0, 0.0)];
    for table in tables {
        if table.is_empty() {
            continue;
        }
        let mut next: Vec<Point> = Vec::with_capacity(front.len() * table.len());
        for &(u, c) in &front {
            for &(du, dc) in table {
                next.push((u + du, c + dc));
            }
        }
        front = prune(next);
    }
    front
}

/// Keeps the points no other point beats on both coordinates. Sums of floats that differ only
/// in rounding (below 1e-9) count as equal, so a rounding error never keeps a beaten point.
fn prune(mut points: Vec<Point>) -> Vec<Point> {
    let grid = |v: f64| (v * 1e9).round();
    // Highest US value first; among equals the highest China value first.
    points.sort_by(|a, b| grid(b.0).total_cmp(&grid(a.0)).then(b.1.total_cmp(&a.1)));
    let mut kept: Vec<Point> = Vec::new();
    let mut best_china = f64::NEG_INFINITY;
    for p in points {
        if p.1 > best_china + 1e-9 {
            best_china = p.1;
            kept.push(p);
        }
    }
    kept.reverse();
    kept
}

/// The frontier in absolute utilities for the state's agenda and China's weights this week,
/// sorted by value to the US rising.
pub fn frontier(scenario: &Scenario, state: &State) -> Vec<Point> {
    let (base, tables) = issue_tables(scenario, state);
    pareto(&tables)
        .into_iter()
        .map(|(u, c)| (base.0 + u, base.1 + c))
        .collect()
}

/// Each side's walk-away value this week: (the US's, the status quo; China's, its no-deal value
/// after the pressure it is under).
pub fn walk_away(scenario: &Scenario, state: &State) -> Point {
    let val = Valuation::new(scenario, state);
    (val.us_sq, val.no_deal())
}

/// A package's value to each side this week.
pub fn value(scenario: &Scenario, state: &State, levels: &[usize]) -> Point {
    let val = Valuation::new(scenario, state);
    (val.us(levels), val.china(levels))
}
