//! Counter-offers built from China's side: start from China's ideal on the issues on the table,
//! then give back to the US where it costs China least, only as far as China's demand, the
//! balance rule and the red lines allow. The US proposal does not anchor the counter, but it
//! bounds it: issue by issue, China never hands the US more than the US itself asked for.

use crate::ai::Valuation;
use crate::core::Package;
use crate::scenario::Scenario;

/// China's counter this week: deterministic; the US proposal only caps it (no level better for
/// the US than the US's own on that issue) and keeps issues off the table at the status quo.
pub fn counter_offer(
    scenario: &Scenario,
    val: &Valuation,
    agenda: &[bool],
    proposal: &Package,
    aspiration: f64,
) -> Package {
    // China's ideal level and each level's step towards the US, from the scenario's tables.
    let index = scenario.index();
    let within = |i: usize, l: usize| within(scenario, val, proposal, i, l);
    let mut levels = opening(scenario, val, agenda, proposal);
    // Totals updated by difference (cards are few and re-checked).
    let china_at = |i: usize| val.china_levels(i);
    let us_at = |i: usize| val.us_levels(i);
    let mut base_c: f64 = levels
        .iter()
        .enumerate()
        .map(|(i, &l)| china_at(i)[l])
        .sum();
    let mut base_u: f64 = levels.iter().enumerate().map(|(i, &l)| us_at(i)[l]).sum();
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
        let next = index.toward_us[index.level_at[i] + level].filter(|&l| within(i, l));
        next.map(|next| {
            (
                next,
                china_at(i)[level],
                china_at(i)[next],
                us_at(i)[level],
                us_at(i)[next],
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
                base_c += china_at(i)[next] - china_at(i)[levels[i]];
                base_u += us_at(i)[next] - us_at(i)[levels[i]];
                levels[i] = next;
                (cards_c, cards_u) = (cc, cu);
                steps[i] = step(i, next);
            }
            None => break,
        }
    }
    Package(levels)
}

/// China counters from its own side, never past the ask: a level is open to the counter only
/// if the US values it no more than the level it proposed itself.
fn within(scenario: &Scenario, val: &Valuation, proposal: &Package, i: usize, l: usize) -> bool {
    let levels = &scenario.issues[i].levels;
    let asked = proposal.0.get(i).copied().unwrap_or(val.sq(i));
    levels
        .get(asked)
        .is_none_or(|a| levels[l].us <= a.us + 1e-12)
}

/// Where the counter starts: China's best level the ask allows on each issue on the table
/// (the last of equals), today's status quo on the others.
fn opening(
    scenario: &Scenario,
    val: &Valuation,
    agenda: &[bool],
    proposal: &Package,
) -> Vec<usize> {
    let index = scenario.index();
    let within = |i: usize, l: usize| within(scenario, val, proposal, i, l);
    scenario
        .issues
        .iter()
        .enumerate()
        .map(|(i, issue)| {
            if !agenda[i] {
                return val.sq(i);
            }
            // China's ideal is the last of its best levels: when the ask allows it, it is also
            // the last best of the levels the ask allows (the full scan's answer).
            let ideal = index.china_ideal[i];
            if ideal < issue.levels.len() && within(i, ideal) {
                return ideal;
            }
            (0..issue.levels.len())
                .filter(|&l| within(i, l))
                .max_by(|&a, &b| issue.levels[a].china.total_cmp(&issue.levels[b].china))
                .unwrap_or(val.sq(i))
        })
        .collect()
}

// The steps are the scenario's: its index builds tables of them, so they live there.
pub use crate::scenario::step_towards_china;
