//! The AI's speed tables give what the plain rules give (tests only; here because `ai` never
//! names the engine): the counter from the scenario's tables is the plain scan's, in states an
//! event has moved the status quo in and for asks that cap the counter; a valuation's sums weigh
//! the state's status quo; the red lines as tables are the listed red lines.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::ai::{Valuation, aspiration, counter_offer, status_quo_level};
use crate::core::{Package, State};
use crate::engine::{apply, new_state};
use crate::scenario::step_towards_us;
use crate::scenario::{Scenario, Side};
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

/// What every card in force of `side` is worth to the other side (the valuation's own sum).
fn in_force_value(s: &Scenario, val: &Valuation, side: Side) -> f64 {
    s.world
        .cards
        .iter()
        .enumerate()
        .filter(|&(k, c)| c.side == side && val.in_force(k))
        .map(|(k, _)| crate::ai::card_value(s, val.state(), k))
        .sum()
}

/// The red lines as tables say what the full test says, under the scenario's status quo and
/// under status quos an event moved, for every package of two levels per issue pattern tried
/// (each issue at each of its levels, the rest at every level).
#[test]
fn crosses_agrees_with_the_listed_red_lines() {
    let Some(Ok(s)) = crate::scenario::builtin("autumn-2025") else {
        panic!("the built-in scenario loads");
    };
    let n = s.issues.len();
    let (mut tried, mut crossed) = (0, 0);
    // The scenario's status quo, and every status quo moved a level either way.
    let mut state = new_state(&s, 1);
    let mut states = vec![state.clone()];
    for shift in [1, usize::MAX] {
        state.status_quo = s
            .issues
            .iter()
            .map(|x| x.status_quo.wrapping_add(shift).min(x.levels.len() - 1))
            .collect();
        states.push(state.clone());
    }
    for (state, base) in states.iter().flat_map(|st| (0..4).map(move |b| (st, b))) {
        let val = Valuation::new(&s, state);
        for i in 0..n {
            for j in 0..n {
                for li in 0..s.issues[i].levels.len() {
                    for lj in 0..s.issues[j].levels.len() {
                        let mut p: Vec<usize> = s
                            .issues
                            .iter()
                            .map(|x| base.min(x.levels.len() - 1))
                            .collect();
                        p[i] = li;
                        p[j] = lj;
                        assert_eq!(val.crosses(&p), !val.red_lines(&p).is_empty(), "{p:?}");
                        tried += 1;
                        crossed += usize::from(val.crosses(&p));
                    }
                }
            }
        }
    }
    assert!(tried > 3000);
    assert!(crossed > 0 && crossed < tried, "{crossed} of {tried} cross");
}

/// A valuation's sums from its tables are the plain sums over the levels (to the bit),
/// with the status quo the state's: the scenario's, or where an event moved it.
#[test]
fn sums_weigh_the_states_status_quo() {
    let Some(Ok(s)) = crate::scenario::builtin("autumn-2025") else {
        panic!("the built-in scenario loads");
    };
    let mut state = new_state(&s, 1);
    state.weight_shift = std::iter::successors(Some(-0.04), |x| Some(x + 0.01))
        .take(s.issues.len())
        .collect();
    let mut moved = 0;
    for shift in [0, 1, 2, usize::MAX] {
        state.status_quo = s
            .issues
            .iter()
            .map(|x| x.status_quo.wrapping_add(shift).min(x.levels.len() - 1))
            .collect();
        let val = Valuation::new(&s, &state);
        let (mut c_sq, mut u_sq, mut c_max, mut u_max) = (0.0, 0.0, 0.0, 0.0);
        for (i, issue) in s.issues.iter().enumerate() {
            let sq = status_quo_level(&s, &state, i);
            moved += usize::from(sq != issue.status_quo);
            let (c, u) = (val.china_at(i, sq), val.us_at(i, sq));
            c_sq += c;
            u_sq += u;
            // The common scale spans the whole agenda, open or not.
            let levels = 0..issue.levels.len();
            c_max += levels
                .clone()
                .map(|l| val.china_at(i, l))
                .fold(0.0, f64::max);
            u_max += levels.map(|l| val.us_at(i, l)).fold(0.0, f64::max);
        }
        c_max += in_force_value(&s, &val, Side::Us);
        u_max += in_force_value(&s, &val, Side::China);
        let got = [val.china_sq, val.us_sq, val.china_max, val.us_max];
        for (a, b) in got.iter().zip([c_sq, u_sq, c_max, u_max]) {
            assert_eq!(a.to_bits(), b.to_bits(), "shift {shift}: {got:?}");
        }
    }
    assert!(moved > 10);
}
