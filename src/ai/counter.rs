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
    // China's ideal level and each level's step towards the US, from the scenario's tables.
    let index = scenario.index();
    let mut levels: Vec<usize> = scenario
        .issues
        .iter()
        .enumerate()
        .map(|(i, issue)| {
            if agenda[i] {
                index.china_ideal[i]
            } else {
                issue.status_quo
            }
        })
        .collect();
    // Per-issue values once; totals updated by difference (cards are few and re-checked).
    let china_at: Vec<&[f64]> = (0..levels.len()).map(|i| val.china_levels(i)).collect();
    let us_at: Vec<&[f64]> = (0..levels.len()).map(|i| val.us_levels(i)).collect();
    let mut base_c: f64 = levels
        .iter()
        .enumerate()
        .map(|(i, &l)| china_at[i][l])
        .sum();
    let mut base_u: f64 = levels.iter().enumerate().map(|(i, &l)| us_at[i][l]).sum();
    let (mut cards_c, mut cards_u) = val.card_gains(&levels);
    // Only issues that suspend a card in force can change what the cards are worth.
    let mut moves_cards = vec![false; levels.len()];
    for (k, how) in scenario.index().suspend.iter().enumerate() {
        if let Some(Some((j, _))) = how
            && val.in_force(k)
            && let Some(m) = moves_cards.get_mut(*j)
        {
            *m = true;
        }
    }
    // Per issue on the table: its next step towards the US with China's and the US's values
    // before and after it, kept until the issue moves (the sums are taken as they always were).
    let step = |i: usize, level: usize| {
        index.toward_us[index.level_at[i] + level].map(|next| {
            (
                next,
                china_at[i][level],
                china_at[i][next],
                us_at[i][level],
                us_at[i][next],
            )
        })
    };
    let mut steps: Vec<_> = (0..levels.len())
        .map(|i| if agenda[i] { step(i, levels[i]) } else { None })
        .collect();
    // Give back: the move that raises US utility most per unit of China's utility lost, while
    // China's demand, the balance rule and the red lines all still hold.
    loop {
        let mut best: Option<(f64, usize, usize, f64, f64)> = None;
        for (i, st) in steps.iter().enumerate() {
            let Some((next, c_prev, c_next, u_prev, u_next)) = *st else {
                continue;
            };
            let prev = levels[i];
            levels[i] = next;
            let (cc, cu) = if moves_cards[i] {
                val.card_gains(&levels)
            } else {
                (cards_c, cards_u)
            };
            let c = base_c - c_prev + c_next + cc;
            let u = base_u - u_prev + u_next + cu;
            let gain = u - (base_u + cards_u);
            let loss = ((base_c + cards_c) - c).max(1e-4);
            let score = gain / loss;
            // The cheap tests first: the red lines are only read for a move that would win.
            if gain > 1e-12
                && best.is_none_or(|(b, ..)| score > b)
                && c >= aspiration - 1e-9
                && val.balanced_at(u, c)
                && !val.crosses(&levels)
            {
                best = Some((score, i, next, cc, cu));
            }
            levels[i] = prev;
        }
        match best {
            Some((_, i, next, cc, cu)) => {
                base_c += china_at[i][next] - china_at[i][levels[i]];
                base_u += us_at[i][next] - us_at[i][levels[i]];
                levels[i] = next;
                (cards_c, cards_u) = (cc, cu);
                steps[i] = step(i, next);
            }
            None => break,
        }
    }
    Package(levels)
}

/// The neighbouring level the US values more, if any.
pub(crate) fn step_towards_us(scenario: &Scenario, i: usize, level: usize) -> Option<usize> {
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
