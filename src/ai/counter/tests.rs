//! The counter built from the scenario's tables gives what the plain scan gives, in states an
//! event has moved the status quo in and for asks that cap the counter.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::{counter_offer, step_towards_us};
use crate::ai::{Valuation, aspiration};
use crate::core::{Package, State};
use crate::engine::{apply, new_state};
use crate::scenario::Scenario;
use crate::sim::{Strategy, play};

/// The counter as the rules had it before the tables (main's code, red lines listed in full):
/// every level's value read afresh and every step worked out again.
fn plain(
    s: &Scenario,
    val: &Valuation,
    agenda: &[bool],
    proposal: &Package,
    aspiration: f64,
) -> Package {
    // China counters from its own side, never past the ask: a level is open to the counter only
    // if the US values it no more than the level it proposed itself.
    let within = |i: usize, l: usize| {
        let levels = &s.issues[i].levels;
        let asked = proposal.0.get(i).copied().unwrap_or(val.sq(i));
        levels
            .get(asked)
            .is_none_or(|a| levels[l].us <= a.us + 1e-12)
    };
    let mut levels: Vec<usize> = s
        .issues
        .iter()
        .enumerate()
        .map(|(i, issue)| {
            if agenda[i] {
                (0..issue.levels.len())
                    .filter(|&l| within(i, l))
                    .max_by(|&a, &b| issue.levels[a].china.total_cmp(&issue.levels[b].china))
                    .unwrap_or(val.sq(i))
            } else {
                val.sq(i)
            }
        })
        .collect();
    // Per-issue values once; totals updated by difference (cards are few and re-checked).
    let china_at = table(s, |i, l| val.china_at(i, l));
    let us_at = table(s, |i, l| val.us_at(i, l));
    let mut base_c: f64 = levels
        .iter()
        .enumerate()
        .map(|(i, &l)| china_at[i][l])
        .sum();
    let mut base_u: f64 = levels.iter().enumerate().map(|(i, &l)| us_at[i][l]).sum();
    let (mut cards_c, mut cards_u) = val.card_gains(&levels);
    // Only issues that suspend a card in force can change what the cards are worth.
    let mut moves_cards = vec![false; levels.len()];
    for (k, how) in s.index().suspend.iter().enumerate() {
        if let Some(Some((j, _))) = how
            && val.in_force(k)
            && let Some(m) = moves_cards.get_mut(*j)
        {
            *m = true;
        }
    }
    // Give back: the move that raises US utility most per unit of China's utility lost, while
    // China's demand, the balance rule and the red lines all still hold.
    loop {
        let mut best: Option<(f64, usize, usize, f64, f64)> = None;
        for (i, &on) in agenda.iter().enumerate() {
            if !on {
                continue;
            }
            let Some(next) = step_towards_us(s, i, levels[i]).filter(|&l| within(i, l)) else {
                continue;
            };
            let prev = levels[i];
            levels[i] = next;
            let (cc, cu) = if moves_cards[i] {
                val.card_gains(&levels)
            } else {
                (cards_c, cards_u)
            };
            let c = base_c - china_at[i][prev] + china_at[i][next] + cc;
            let u = base_u - us_at[i][prev] + us_at[i][next] + cu;
            let fine = c >= aspiration - 1e-9
                && val.balanced_at(u, c)
                && val.red_lines(&levels).is_empty();
            levels[i] = prev;
            let gain = u - (base_u + cards_u);
            let loss = ((base_c + cards_c) - c).max(1e-4);
            let score = gain / loss;
            if fine && gain > 1e-12 && best.is_none_or(|(b, ..)| score > b) {
                best = Some((score, i, next, cc, cu));
            }
        }
        match best {
            Some((_, i, next, cc, cu)) => {
                base_c += china_at[i][next] - china_at[i][levels[i]];
                base_u += us_at[i][next] - us_at[i][levels[i]];
                levels[i] = next;
                (cards_c, cards_u) = (cc, cu);
            }
            None => break,
        }
    }
    Package(levels)
}

/// A value for every level of every issue.
fn table(s: &Scenario, value: impl Fn(usize, usize) -> f64) -> Vec<Vec<f64>> {
    s.issues
        .iter()
        .enumerate()
        .map(|(i, issue)| (0..issue.levels.len()).map(|l| value(i, l)).collect())
        .collect()
}

/// States from played games: every week of a few games of every strategy.
fn states(s: &Scenario) -> Vec<State> {
    let mut out = Vec::new();
    for strategy in Strategy::ALL {
        for seed in 1..=3 {
            let game = play(s, strategy, seed);
            let mut state = new_state(s, seed);
            for action in &game.actions {
                out.push(state.clone());
                if apply(s, &mut state, action, None).is_err() {
                    break;
                }
            }
        }
    }
    out
}

#[test]
fn the_tables_counter_as_the_plain_scan_does() {
    let Some(Ok(s)) = crate::scenario::builtin("autumn-2025") else {
        panic!("the built-in scenario loads");
    };
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let (mut tried, mut moved, mut capped) = (0, 0, 0);
    for mut state in states(&s) {
        // Half the time an event has moved some status quos (to any level).
        if rng.random_bool(0.5) {
            state.status_quo = s
                .issues
                .iter()
                .map(|x| rng.random_range(0..x.levels.len()))
                .collect();
            moved += 1;
        }
        let val = Valuation::new(&s, &state);
        let demand = aspiration(&s, &state);
        for _ in 0..4 {
            let ask = Package(
                s.issues
                    .iter()
                    .map(|x| rng.random_range(0..x.levels.len()))
                    .collect(),
            );
            for target in [demand, demand - 0.05, val.no_deal()] {
                let fast = counter_offer(&s, &val, &state.agenda, &ask, target);
                assert_eq!(
                    fast,
                    plain(&s, &val, &state.agenda, &ask, target),
                    "{state:?}"
                );
                let uncapped = counter_offer(&s, &val, &state.agenda, &s.status_quo(), target);
                capped += usize::from(fast != uncapped);
                tried += 1;
            }
        }
    }
    assert!(tried > 1000 && moved > 100, "{tried} tried, {moved} moved");
    assert!(capped > 0, "no ask ever changed the counter");
}
