//! The frontier of the negotiation dance: checked by hand on a two-issue scenario, and against
//! brute-force enumeration of every package on the built-in scenario (cards in force included).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use truce::ai::Valuation;
use truce::engine::frontier::{Point, frontier, pareto, walk_away};
use truce::engine::new_state;
use truce::scenario;

fn tiny() -> scenario::Scenario {
    let text = include_str!("fixtures/scenarios/tiny.ron");
    scenario::from_str(text, "tiny.ron").unwrap_or_else(|e| panic!("tiny scenario: {e}"))
}

fn close(a: &[Point], b: &[Point]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(p, q)| (p.0 - q.0).abs() < 1e-9 && (p.1 - q.1).abs() < 1e-9)
}

/// Tiny by hand (US weights 0.4, 0.6; China's 0.6, 0.4):
/// (high, slow) = (0.4, 0.4); (high, flow) = (1.0, 0.2); (low, slow) = (0.2, 1.0);
/// (low, flow) = (0.8, 0.8), which beats the status quo on both sides.
#[test]
fn the_frontier_of_the_tiny_scenario_is_the_three_packages_found_by_hand() {
    let s = tiny();
    let st = new_state(&s, 1);
    let f = frontier(&s, &st);
    assert!(close(&f, &[(0.2, 1.0), (0.8, 0.8), (1.0, 0.2)]), "{f:?}");
    let (us, china) = walk_away(&s, &st);
    assert!((us - 0.4).abs() < 1e-9 && (china - 0.4).abs() < 1e-9);
    // Off the table, an issue stays at its status quo: one package, one point.
    let mut off = st.clone();
    off.agenda = vec![false, false];
    assert!(close(&frontier(&s, &off), &[(0.4, 0.4)]));
}

/// Every package of the agenda, valued by the AI's own valuation, pruned to its Pareto set.
fn brute(s: &scenario::Scenario, st: &truce::engine::State) -> Vec<Point> {
    let val = Valuation::new(s, st);
    let choices: Vec<Vec<usize>> = s
        .issues
        .iter()
        .enumerate()
        .map(|(i, issue)| {
            if st.agenda[i] {
                (0..issue.levels.len()).collect()
            } else {
                vec![issue.status_quo]
            }
        })
        .collect();
    let mut points = Vec::new();
    let mut p: Vec<usize> = choices.iter().map(|c| c[0]).collect();
    let mut idx = vec![0usize; choices.len()];
    loop {
        points.push((val.us(&p), val.china(&p)));
        // Odometer over the choices.
        let mut k = 0;
        loop {
            if k == choices.len() {
                let mut front: Vec<Point> = points
                    .iter()
                    .copied()
                    .filter(|a| {
                        !points.iter().any(|b| {
                            (b.0 >= a.0 - 1e-9 && b.1 >= a.1 - 1e-9)
                                && (b.0 > a.0 + 1e-9 || b.1 > a.1 + 1e-9)
                        })
                    })
                    .collect();
                front.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
                front.dedup_by(|a, b| (a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9);
                return front;
            }
            idx[k] += 1;
            if idx[k] < choices[k].len() {
                p[k] = choices[k][idx[k]];
                break;
            }
            idx[k] = 0;
            p[k] = choices[k][0];
            k += 1;
        }
    }
}

#[test]
fn the_frontier_matches_brute_force_on_the_built_in_scenario() {
    let s = common::scenario();
    let mut st = new_state(&s, 3);
    // Five issues on the table (a few thousand packages), every card in force, China's weights
    // shifted: what the issue-by-issue build must get exactly right.
    st.agenda = vec![false; s.issues.len()];
    for id in [
        "tariffs",
        "export_controls",
        "rare_earths",
        "farm",
        "enforcement",
    ] {
        if let Some(i) = s.issue_index(id) {
            st.agenda[i] = true;
        }
    }
    assert_eq!(
        st.agenda.iter().filter(|&&on| on).count(),
        5,
        "issue ids changed"
    );
    for variant in 0..3 {
        let mut st = st.clone();
        if variant >= 1 {
            st.cards = vec![true; s.world.cards.len()];
        }
        if variant == 2 {
            st.weight_shift = (0..s.issues.len())
                .map(|i| 0.05 * truce::core::num::count(i) - 0.1)
                .collect();
        }
        let fast = frontier(&s, &st);
        let slow = brute(&s, &st);
        assert!(fast.len() >= 3, "{fast:?}");
        let first = fast
            .iter()
            .zip(&slow)
            .position(|(p, q)| (p.0 - q.0).abs() > 1e-9 || (p.1 - q.1).abs() > 1e-9);
        assert!(
            close(&fast, &slow),
            "variant {variant}: {} vs {} points, first difference at {first:?}: {:?} vs {:?}",
            fast.len(),
            slow.len(),
            first.map(|k| &fast[k.saturating_sub(1)..(k + 2).min(fast.len())]),
            first.map(|k| &slow[k.saturating_sub(1)..(k + 2).min(slow.len())]),
        );
    }
}

#[test]
fn pareto_keeps_exactly_the_undominated_sums() {
    // Hand-checked: sums of {(0,2),(1,0)} and {(0,1),(2,0)}: (0,3) (2,2) (1,1) (3,0);
    // (1,1) is beaten by (2,2).
    let f = pareto(&[vec![(0.0, 2.0), (1.0, 0.0)], vec![(0.0, 1.0), (2.0, 0.0)]]);
    assert!(close(&f, &[(0.0, 3.0), (2.0, 2.0), (3.0, 0.0)]), "{f:?}");
}

#[test]
fn the_full_agenda_frontier_is_quick() {
    let s = common::scenario();
    let st = common::open_state(&s, 1);
    let start = std::time::Instant::now();
    let f = frontier(&s, &st);
    let took = start.elapsed();
    assert!(!f.is_empty());
    // Every issue on the table: millions of packages, a few hundred on the frontier. Even in a
    // debug build the issue-by-issue build takes milliseconds.
    assert!(took.as_millis() < 500, "{took:?} for {} points", f.len());
    eprintln!("full-agenda frontier: {} points in {took:?}", f.len());
}
