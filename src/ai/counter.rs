//! Counter-offers built from China's side: start from China's ideal on the issues on the table,
//! then give back to the US where it costs China least, only as far as China's demand, the
//! balance rule and the red lines allow. The US proposal does not anchor the counter.

use crate::ai::Valuation;
use crate::core::Package;
use crate::scenario::Scenario;

/// China's counter this week: deterministic, independent of what the US proposed except for
/// the issues it keeps off the table (they stay at the status quo).
pub fn counter_offer(
    scenario: &Scenario,
    val: &Valuation,
    agenda: &[bool],
    _proposal: &Package,
    aspiration: f64,
) -> Package {
    let mut levels: Vec<usize> = scenario
        .issues
        .iter()
        .enumerate()
        .map(|(i, issue)| {
            if agenda[i] {
                (0..issue.levels.len())
                    .max_by(|&a, &b| issue.levels[a].china.total_cmp(&issue.levels[b].china))
                    .unwrap_or(issue.status_quo)
            } else {
                issue.status_quo
            }
        })
        .collect();
    let ok = |l: &[usize]| val.china(l) >= aspiration - 1e-9 && val.balanced(l) && !val.crosses(l);
    // Give back: the move that raises US utility most per unit of China's utility lost, while
    // every rule still holds.
    loop {
        let mut best: Option<(f64, usize, usize)> = None;
        for (i, &on) in agenda.iter().enumerate() {
            if !on {
                continue;
            }
            let Some(next) = step_towards_us(scenario, i, levels[i]) else {
                continue;
            };
            let prev = levels[i];
            let before = (val.us(&levels), val.china(&levels));
            levels[i] = next;
            let gain = val.us(&levels) - before.0;
            let loss = (before.1 - val.china(&levels)).max(1e-4);
            let fine = ok(&levels);
            levels[i] = prev;
            let score = gain / loss;
            if fine && gain > 1e-12 && best.is_none_or(|(b, _, _)| score > b) {
                best = Some((score, i, next));
            }
        }
        match best {
            Some((_, i, next)) => levels[i] = next,
            None => break,
        }
    }
    Package(levels)
}

/// The neighbouring level the US values more, if any.
fn step_towards_us(scenario: &Scenario, i: usize, level: usize) -> Option<usize> {
    let levels = &scenario.issues[i].levels;
    [level.checked_sub(1), Some(level + 1)]
        .into_iter()
        .flatten()
        .filter(|&l| l < levels.len() && levels[l].us > levels[level].us)
        .max_by(|&a, &b| levels[a].us.total_cmp(&levels[b].us))
}

/// The neighbouring level China values more, if any.
pub fn step_towards_china(scenario: &Scenario, i: usize, level: usize) -> Option<usize> {
    let levels = &scenario.issues[i].levels;
    [level.checked_sub(1), Some(level + 1)]
        .into_iter()
        .flatten()
        .filter(|&l| l < levels.len() && levels[l].china > levels[level].china)
        .max_by(|&a, &b| levels[a].china.total_cmp(&levels[b].china))
}
