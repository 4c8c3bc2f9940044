//! Log-rolling counter-offers: ask for more where it costs the US least, give back where it
//! costs China least.

use crate::ai::Valuation;
use crate::core::Package;
use crate::scenario::Scenario;

/// China's counter to `proposal`: the nearest package that clears `aspiration`, the balance rule
/// and the red lines, changing only issues on the agenda. Deterministic: no chance involved.
pub fn counter_offer(
    scenario: &Scenario,
    val: &Valuation,
    agenda: &[bool],
    proposal: &Package,
    aspiration: f64,
) -> Package {
    let mut levels = proposal.0.clone();
    // Red lines first: step each offending issue towards China until it is clear.
    let mut guard = 0;
    while let Some(hit) = val.red_line(&levels) {
        match step_towards_china(scenario, hit.issue, levels[hit.issue]) {
            Some(next) => levels[hit.issue] = next,
            None => break,
        }
        guard += 1;
        if guard > 64 {
            break;
        }
    }
    let ok = |l: &[usize]| val.china(l) >= aspiration - 1e-9 && val.balanced(l);
    // Ask for more: the move that raises China's utility most per unit of US utility lost.
    while !ok(&levels) {
        let mut best: Option<(f64, usize, usize)> = None;
        for (i, &on) in agenda.iter().enumerate() {
            if !on {
                continue;
            }
            let Some(next) = step_towards_china(scenario, i, levels[i]) else {
                continue;
            };
            let gain = val.china_at(i, next) - val.china_at(i, levels[i]);
            let loss = (val.us_at(i, levels[i]) - val.us_at(i, next)).max(1e-4);
            let score = gain / loss;
            if gain > 1e-12 && best.is_none_or(|(b, _, _)| score > b) {
                best = Some((score, i, next));
            }
        }
        match best {
            Some((_, i, next)) => levels[i] = next,
            None => break,
        }
    }
    // Give back: the move that raises US utility most per unit of China's utility lost, while
    // every rule still holds.
    if ok(&levels) {
        loop {
            let mut best: Option<(f64, usize, usize)> = None;
            for (i, &on) in agenda.iter().enumerate() {
                if !on {
                    continue;
                }
                let Some(next) = step_towards_us(scenario, i, levels[i]) else {
                    continue;
                };
                let gain = val.us_at(i, next) - val.us_at(i, levels[i]);
                let loss = (val.china_at(i, levels[i]) - val.china_at(i, next)).max(1e-4);
                let score = gain / loss;
                let prev = levels[i];
                levels[i] = next;
                let fine = ok(&levels) && val.red_line(&levels).is_none();
                levels[i] = prev;
                if fine && gain > 1e-12 && best.is_none_or(|(b, _, _)| score > b) {
                    best = Some((score, i, next));
                }
            }
            match best {
                Some((_, i, next)) => levels[i] = next,
                None => break,
            }
        }
    }
    Package(levels)
}

/// The neighbouring level China values more, if any.
fn step_towards_china(scenario: &Scenario, i: usize, level: usize) -> Option<usize> {
    let levels = &scenario.issues[i].levels;
    [level.checked_sub(1), Some(level + 1)]
        .into_iter()
        .flatten()
        .filter(|&l| l < levels.len() && levels[l].china > levels[level].china)
        .max_by(|&a, &b| levels[a].china.total_cmp(&levels[b].china))
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
