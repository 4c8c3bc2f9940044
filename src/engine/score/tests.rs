//! The scores' economics on packages signed on the same dice: tariffs are leverage, not
//! welfare; durability counts the amount kept and never falls when the US asks for more;
//! balance reads the deal both sides keep; a lopsided deal is delivered less and lapses sooner.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::core::{Note, Outcome, Package, State};
use crate::engine::epilogue;
use crate::scenario::{Kind, Scenario};

use super::{Scorecard, scorecard};

fn scenario(name: &str) -> Scenario {
    let Some(Ok(s)) = crate::scenario::builtin(name) else {
        panic!("the built-in scenario {name} loads");
    };
    s
}

const SCENARIOS: [&str; 3] = ["autumn-2025", "phase-one-2019", "rare-earth-shock"];

/// The scorecard of `levels` signed on the opening state of `seed`: the same dice (the year's
/// rolls) for every package signed on it.
fn signed(s: &Scenario, seed: u64, levels: &[usize]) -> (Scorecard, State) {
    let mut st = crate::engine::new_state(s, seed);
    st.outcome = Some(Outcome::ComprehensiveDeal);
    st.signed = Some(Package(levels.to_vec()));
    st.epilogue = Some(epilogue::play(s, &mut st));
    (scorecard(s, &st), st)
}

fn random_package(s: &Scenario, rng: &mut ChaCha8Rng) -> Vec<usize> {
    s.issues
        .iter()
        .map(|i| rng.random_range(0..i.levels.len()))
        .collect()
}

/// For random signed packages, raising one issue's level towards the US (everything else and
/// the dice the same) never lowers durability, US value or the amount kept.
#[test]
fn asking_for_more_never_keeps_less() {
    let mut rng = ChaCha8Rng::seed_from_u64(14);
    let mut raised = 0;
    for name in SCENARIOS {
        let s = scenario(name);
        for seed in 1..=6 {
            for _ in 0..120 {
                let levels = random_package(&s, &mut rng);
                let i = rng.random_range(0..s.issues.len());
                let Some(up) = crate::scenario::step_towards_us(&s, i, levels[i]) else {
                    continue;
                };
                let mut more = levels.clone();
                more[i] = up;
                let (lo, a) = signed(&s, seed, &levels);
                let (hi, b) = signed(&s, seed, &more);
                let kept = |st: &State| st.epilogue.as_ref().map_or(0.0, |e| e.kept);
                let what = format!(
                    "{name} seed {seed}: {} {} -> {up}",
                    s.issues[i].id, levels[i]
                );
                assert!(kept(&b) >= kept(&a) - 1e-12, "{what}: kept");
                assert!(
                    hi.durability.value >= lo.durability.value - 1e-9,
                    "{what}: durability {} -> {}",
                    lo.durability.value,
                    hi.durability.value
                );
                assert!(
                    hi.us_value.value >= lo.us_value.value - 1e-9,
                    "{what}: US value"
                );
                raised += 1;
            }
        }
    }
    assert!(raised > 1000, "enough packages were raised: {raised}");
}

/// A tariff cut costs no US value and buys no balance: year-after welfare is the same at every
/// tariff level; it costs durability (the leverage to enforce the deal), and keeping the
/// tariffs never scores less overall.
#[test]
fn a_tariff_cut_costs_leverage_not_welfare() {
    let mut rng = ChaCha8Rng::seed_from_u64(6);
    let mut cuts_cost = 0;
    for name in SCENARIOS {
        let s = scenario(name);
        let Some(t) = s.issue_index("tariffs") else {
            panic!("{name} has a tariff issue");
        };
        let mut by_us: Vec<usize> = (0..s.issues[t].levels.len()).collect();
        by_us.sort_by(|&a, &b| {
            s.issues[t].levels[a]
                .us
                .total_cmp(&s.issues[t].levels[b].us)
        });
        for seed in 1..=40 {
            let mut levels = random_package(&s, &mut rng);
            let cards: Vec<_> = by_us
                .iter()
                .map(|&l| {
                    levels[t] = l;
                    signed(&s, seed, &levels)
                })
                .collect();
            for pair in cards.windows(2) {
                let ((cut, a), (kept, b)) = (&pair[0], &pair[1]);
                let (ea, eb) = (a.epilogue.as_ref(), b.epilogue.as_ref());
                assert_eq!(
                    ea.map(|e| e.us_gain.to_bits()),
                    eb.map(|e| e.us_gain.to_bits()),
                    "{name}: the year after's welfare"
                );
                assert_eq!(cut.us_value.value.to_bits(), kept.us_value.value.to_bits());
                assert_eq!(cut.balance.value.to_bits(), kept.balance.value.to_bits());
                assert!(
                    cut.durability.value <= kept.durability.value + 1e-9,
                    "{name}"
                );
                assert!(cut.overall.value <= kept.overall.value + 1e-9, "{name}");
                if cut.durability.value < kept.durability.value - 1e-9 {
                    cuts_cost += 1;
                }
            }
        }
    }
    assert!(cuts_cost > 0, "a tariff cut costs durability somewhere");
}

/// The issue's case: in rare-earth-shock the same package with tariffs at 0% never scores
/// above it with tariffs at 10%, on any dice.
#[test]
fn rare_earth_shock_tariffs_at_zero_never_beat_ten() {
    let s = scenario("rare-earth-shock");
    let Some(t) = s.issue_index("tariffs") else {
        panic!("a tariff issue");
    };
    let level = |label: &str| {
        s.issues[t]
            .levels
            .iter()
            .position(|l| l.label.starts_with(label))
    };
    let (Some(zero), Some(ten)) = (level("0%"), level("10%")) else {
        panic!("levels 0% and 10%");
    };
    // The record's package (Busan's swap of suspensions), the rest at the status quo.
    let mut busan = s.status_quo().0;
    for (id, level) in &s.historical.package {
        if let Some(i) = s.issue_index(id) {
            busan[i] = *level;
        }
    }
    let mut rng = ChaCha8Rng::seed_from_u64(10);
    for seed in 1..=60 {
        let mut levels = if seed % 2 == 0 {
            busan.clone()
        } else {
            random_package(&s, &mut rng)
        };
        levels[t] = zero;
        let (at_zero, _) = signed(&s, seed, &levels);
        levels[t] = ten;
        let (at_ten, _) = signed(&s, seed, &levels);
        assert!(
            at_zero.overall.value <= at_ten.overall.value + 1e-9,
            "seed {seed}: 0% {} above 10% {}",
            at_zero.overall.value,
            at_ten.overall.value
        );
        assert!(at_zero.balance.value <= at_ten.balance.value + 1e-9);
    }
}

/// A lopsided deal can be signed and is delivered less and lapses sooner: every Chinese
/// commitment at its most US level, under the scenario's lopsided penalty against none.
#[test]
fn a_lopsided_deal_is_delivered_less_and_lapses_sooner() {
    for name in SCENARIOS {
        let s = scenario(name);
        let mut flat = s.clone();
        flat.world.epilogue.lopsided_penalty = 0.0;
        assert!(s.world.epilogue.lopsided_penalty > 0.0);
        let most: Vec<usize> = s
            .issues
            .iter()
            .map(|i| {
                (0..i.levels.len())
                    .max_by(|&a, &b| i.levels[a].us.total_cmp(&i.levels[b].us))
                    .unwrap_or(i.status_quo)
            })
            .collect();
        let (mut delivered, mut months) = ([0.0, 0.0], [(0.0, 0.0), (0.0, 0.0)]);
        for seed in 1..=80 {
            for (k, sc) in [&s, &flat].into_iter().enumerate() {
                let (card, st) = signed(sc, seed, &most);
                assert!(card.overall.value.is_finite());
                let Some(e) = &st.epilogue else {
                    panic!("a signed deal has its year");
                };
                delivered[k] += e.delivered;
                for n in &e.notes {
                    let month = match n {
                        Note::Lapsed { month, .. } => *month,
                        Note::FellBack {
                            month: Some(month), ..
                        } => *month,
                        _ => continue,
                    };
                    months[k].0 += f64::from(month);
                    months[k].1 += 1.0;
                }
            }
        }
        assert!(
            delivered[0] < delivered[1],
            "{name}: lopsided delivers less: {delivered:?}"
        );
        let mean = |(sum, n): (f64, f64)| sum / f64::max(n, 1.0);
        assert!(
            months[0].1 > months[1].1,
            "{name}: lopsided lapses more often: {months:?}"
        );
        assert!(
            mean(months[0]) < mean(months[1]),
            "{name}: and sooner: {months:?}"
        );
    }
}

/// Purchases: more of one asked (the same package otherwise, the same dice) never scores lower
/// overall in expectation, nor in durability on any dice, in every built-in scenario.
#[test]
fn more_purchases_asked_never_score_lower() {
    let mut rng = ChaCha8Rng::seed_from_u64(25);
    for name in SCENARIOS {
        let s = scenario(name);
        for i in 0..s.issues.len() {
            if !s.issues[i]
                .levels
                .iter()
                .any(|l| l.kind == Kind::Commercial)
            {
                continue;
            }
            for _ in 0..6 {
                let base = random_package(&s, &mut rng);
                let mut by_us: Vec<usize> = (0..s.issues[i].levels.len()).collect();
                by_us.sort_by(|&a, &b| {
                    s.issues[i].levels[a]
                        .us
                        .total_cmp(&s.issues[i].levels[b].us)
                });
                let mut means = Vec::new();
                let mut last: Option<Vec<f64>> = None;
                for &l in &by_us {
                    let mut levels = base.clone();
                    levels[i] = l;
                    let cards: Vec<Scorecard> =
                        (1..=40).map(|seed| signed(&s, seed, &levels).0).collect();
                    let durability: Vec<f64> = cards.iter().map(|c| c.durability.value).collect();
                    if let Some(prev) = &last {
                        for (a, b) in prev.iter().zip(&durability) {
                            assert!(b >= &(a - 1e-9), "{name} {}: durability", s.issues[i].id);
                        }
                    }
                    last = Some(durability);
                    means.push(cards.iter().map(|c| c.overall.value).sum::<f64>() / 40.0);
                }
                for w in means.windows(2) {
                    assert!(
                        w[1] >= w[0] - 1e-9,
                        "{name} {}: mean overall {means:?}",
                        s.issues[i].id
                    );
                }
            }
        }
    }
}
