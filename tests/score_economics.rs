//! The scores' economics (issue 14, point 6) on games the scripts play to a signature, every
//! package re-signed on the same finished state and dice: asking for more of a purchase never
//! scores less; a tariff cut never raises the year after's welfare; in rare-earth-shock tariffs
//! at 0% never score above the same package at 10%; a lopsided deal signs, and is delivered
//! less and lapses sooner than a more balanced one.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use truce::core::Note;
use truce::engine::{Package, Scorecard, State, scorecard, scorecard_if_signed, signed_instead};
use truce::scenario::{Kind, Scenario, builtin};
use truce::sim::{Strategy, play};

const SCENARIOS: [&str; 3] = ["autumn-2025", "phase-one-2019", "rare-earth-shock"];

fn load(name: &str) -> Scenario {
    let Some(Ok(s)) = builtin(name) else {
        panic!("{name} loads");
    };
    s
}

/// The finished states and signed packages of the games `strategy` signs over these seeds.
fn signed_games(s: &Scenario, strategy: Strategy, seeds: u64) -> Vec<(State, Vec<usize>)> {
    (1..=seeds)
        .filter_map(|seed| {
            let r = play(s, strategy, seed);
            let p = r.state.signed.clone()?;
            Some((r.state, p.0))
        })
        .collect()
}

fn resign(s: &Scenario, st: &State, levels: &[usize]) -> Scorecard {
    scorecard_if_signed(s, st, &Package(levels.to_vec()))
}

/// Every purchase issue's levels from the least to the most the US asks.
fn purchase_ladders(s: &Scenario) -> Vec<(usize, Vec<usize>)> {
    s.issues
        .iter()
        .enumerate()
        .filter(|(_, i)| i.levels.iter().any(|l| l.kind == Kind::Commercial))
        .map(|(k, i)| {
            let mut by_us: Vec<usize> = (0..i.levels.len()).collect();
            by_us.sort_by(|&a, &b| i.levels[a].us.total_cmp(&i.levels[b].us));
            (k, by_us)
        })
        .collect()
}

/// The issue's own case ("12 Mt of soybeans scored above 25 Mt a year with the same package
/// otherwise"), for every purchase in every built-in: on the packages the scripts sign, more of
/// a purchase asked never scores lower in Durability on any game, nor overall on average.
#[test]
fn more_of_a_purchase_never_scores_lower() {
    for name in SCENARIOS {
        let s = load(name);
        let mut games = signed_games(&s, Strategy::Patient, 16);
        games.extend(signed_games(&s, Strategy::Historical, 16));
        games.extend(signed_games(&s, Strategy::Dealmaker, 8));
        assert!(games.len() >= 20, "{name}: enough signed games");
        for (i, ladder) in purchase_ladders(&s) {
            let mut prev: Option<Vec<Scorecard>> = None;
            for &level in &ladder {
                let cards: Vec<Scorecard> = games
                    .iter()
                    .map(|(st, p)| {
                        let mut p = p.clone();
                        p[i] = level;
                        resign(&s, st, &p)
                    })
                    .collect();
                if let Some(lower) = &prev {
                    let what = format!(
                        "{name}: {} at {}",
                        s.issues[i].id, s.issues[i].levels[level].label
                    );
                    for (a, b) in lower.iter().zip(&cards) {
                        assert!(
                            b.durability.value >= a.durability.value - 1e-9,
                            "{what}: durability {} -> {}",
                            a.durability.value,
                            b.durability.value
                        );
                    }
                    let mean = |c: &[Scorecard]| {
                        c.iter().map(|c| c.overall.value).sum::<f64>()
                            / f64::from(u32::try_from(c.len()).unwrap())
                    };
                    assert!(
                        mean(&cards) >= mean(lower) - 1e-9,
                        "{what}: mean overall {} -> {}",
                        mean(lower),
                        mean(&cards)
                    );
                }
                prev = Some(cards);
            }
        }
    }
}

/// A tariff cut alone never raises the year after's welfare (US value), nor Balance, nor the
/// overall score: US buyers pay the tariffs, so cutting them only spends leverage.
#[test]
fn a_tariff_cut_never_raises_welfare() {
    for name in SCENARIOS {
        let s = load(name);
        let Some(t) = s.issue_index("tariffs") else {
            panic!("{name}: tariffs");
        };
        let mut by_us: Vec<usize> = (0..s.issues[t].levels.len()).collect();
        by_us.sort_by(|&a, &b| {
            s.issues[t].levels[a]
                .us
                .total_cmp(&s.issues[t].levels[b].us)
        });
        for (st, p) in signed_games(&s, Strategy::Patient, 12) {
            let cards: Vec<Scorecard> = by_us
                .iter()
                .map(|&l| {
                    let mut p = p.clone();
                    p[t] = l;
                    resign(&s, &st, &p)
                })
                .collect();
            for w in cards.windows(2) {
                let (cut, kept) = (&w[0], &w[1]);
                assert_eq!(
                    cut.us_value.value.to_bits(),
                    kept.us_value.value.to_bits(),
                    "{name}"
                );
                assert_eq!(
                    cut.balance.value.to_bits(),
                    kept.balance.value.to_bits(),
                    "{name}"
                );
                assert!(cut.overall.value <= kept.overall.value + 1e-9, "{name}");
            }
        }
    }
}

/// Rare-earth-shock: on every package the scripts sign there, tariffs at 0% never score above
/// the same package at 10%.
#[test]
fn rare_earth_shock_zero_tariffs_never_beat_ten() {
    let s = load("rare-earth-shock");
    let Some(t) = s.issue_index("tariffs") else {
        panic!("tariffs");
    };
    let level = |p: &str| {
        s.issues[t]
            .levels
            .iter()
            .position(|l| l.label.starts_with(p))
    };
    let (Some(zero), Some(ten)) = (level("0%"), level("10%")) else {
        panic!("0% and 10%");
    };
    let mut seen = 0;
    for strategy in [
        Strategy::Patient,
        Strategy::Historical,
        Strategy::FirstCounter,
        Strategy::Adaptive,
    ] {
        for (st, mut p) in signed_games(&s, strategy, 10) {
            p[t] = zero;
            let a = resign(&s, &st, &p);
            p[t] = ten;
            let b = resign(&s, &st, &p);
            assert!(
                a.overall.value <= b.overall.value + 1e-9,
                "{}: 0% {} above 10% {}",
                strategy.name(),
                a.overall.value,
                b.overall.value
            );
            seen += 1;
        }
    }
    assert!(seen >= 20, "{seen} signed games");
}

/// Phase one's record text is signable (`historical` signs it in most games) and teaches its
/// lesson: against the same package with each of China's commitments one step less
/// one-sided (of the same kind), it keeps a smaller share of what China committed (Balance),
/// and its commitments lapse no less often and no later.
#[test]
fn phase_one_record_signs_and_its_lopsided_deal_keeps_less() {
    let s = load("phase-one-2019");
    let games = signed_games(&s, Strategy::Historical, 30);
    assert!(games.len() >= 20, "the record signs: {} of 30", games.len());
    let (mut lopsided, mut balanced): ((f64, f64, f64), (f64, f64, f64)) = Default::default();
    for (st, p) in &games {
        let mut softer = p.clone();
        for (i, issue) in s.issues.iter().enumerate() {
            let us = |l: usize| issue.levels[l].us;
            // One step towards China on each of China's commitments (levels above the status
            // quo for the US), of the same kind (a pledge holds less than a chapter whatever
            // its lean), never down to the status quo.
            let sq = issue.status_quo;
            // The enforcement chapter is kept: a weaker one lowers every structural term's hold.
            if issue.id != "enforcement"
                && us(p[i]) > us(sq)
                && let Some(down) = (0..issue.levels.len())
                    .filter(|&l| us(l) < us(p[i]) && us(l) > us(sq))
                    .filter(|&l| issue.levels[l].kind == issue.levels[p[i]].kind)
                    .max_by(|&a, &b| us(a).total_cmp(&us(b)))
            {
                softer[i] = down;
            }
        }
        for (levels, sum) in [(p, &mut lopsided), (&softer, &mut balanced)] {
            let after = signed_instead(&s, st, &Package(levels.clone()));
            sum.0 += scorecard(&s, &after).balance.value;
            for n in after.epilogue.iter().flat_map(|e| &e.notes) {
                if let Note::Lapsed { month, .. }
                | Note::FellBack {
                    month: Some(month), ..
                } = n
                {
                    sum.1 += 1.0;
                    sum.2 += f64::from(*month);
                }
            }
        }
    }
    assert!(
        lopsided.0 < balanced.0,
        "the record keeps a smaller share: {lopsided:?} vs {balanced:?}"
    );
    // The record's pledges with a lesser pledge of the same kind are few: they lapse no less
    // often and no later (the unit tests hold the strict case on every built-in).
    assert!(
        lopsided.1 >= balanced.1,
        "lapses as often: {lopsided:?} vs {balanced:?}"
    );
    assert!(
        lopsided.2 / lopsided.1.max(1.0) <= balanced.2 / balanced.1.max(1.0) + 1e-9,
        "and sooner: {lopsided:?} vs {balanced:?}"
    );
}
