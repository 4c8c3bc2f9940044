//! Red lines of a Beijing's own: drawn with its kind, hidden until a package crosses one, then
//! named in its answer, remembered, marked for the player and read by `adaptive`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::sync::Arc;

use common::{ix, shared};
use truce::ai::Rule;
use truce::engine::beijing::draw;
use truce::engine::{Action, Game, query};
use truce::scenario;
use truce::sim::Strategy;

/// The first autumn seed whose Beijing holds (or, with `held` false, lacks) the patient kind's
/// own red line on excess capacity.
fn seed_with(held: bool) -> u64 {
    let s = shared();
    let patient = s.world.beijing.iter().position(|a| a.id == "patient");
    (1..500)
        .find(|&seed| {
            let b = draw(&s, seed);
            b.archetype == patient && b.red_lines.contains(&0) == held
        })
        .expect("a seed")
}

/// A game with every issue open, on the week of the first proposal.
fn opened(seed: u64) -> Game {
    let s = shared();
    let mut g = Game::new(Arc::clone(&s), seed);
    g.state.agenda = vec![true; s.issues.len()];
    g.state.prepared = vec![true; s.issues.len()];
    g
}

#[test]
fn a_beijing_holds_its_kinds_red_lines_by_their_chance() {
    let s = shared();
    let patient = s.world.beijing.iter().position(|a| a.id == "patient");
    let chance = s.world.beijing[patient.unwrap()].red_lines[0].1;
    let (mut kind, mut held) = (0u32, 0u32);
    for seed in 1..=2000 {
        let b = draw(&s, seed);
        if b.archetype == patient {
            kind += 1;
            held += u32::from(b.red_lines.contains(&0));
        } else {
            assert!(b.red_lines.is_empty(), "other kinds hold none");
        }
    }
    let share = f64::from(held) / f64::from(kind);
    assert!(
        (share - chance).abs() < 0.06,
        "{share:.2} of {kind}, chance {chance}"
    );
}

#[test]
fn an_own_red_line_is_hidden_until_named_then_marked_and_remembered() {
    let s = shared();
    let cap = ix(&s, "excess_capacity");
    let cuts = 3; // "capacity cuts": past the line at "demand measures"
    let mut g = opened(seed_with(true));
    let p = common::package(&s, &[("excess_capacity", cuts), ("farm", 2)]);
    // Before it is named, nothing a player can see marks the level.
    assert!(!query::red_line_at(&s, &g.state, &p, cap, cuts));
    assert!(!query::red_line_anywhere(&s, &g.state, &p));
    g.apply(Action::Propose(p.clone())).unwrap();
    let why = &g.state.last_answer.as_ref().unwrap().why;
    assert_eq!(why.rule, Rule::RedLine);
    let hit = why.red_line.as_ref().expect("the line is named");
    assert!(hit.own && hit.issue == cap, "{hit:?}");
    assert!(hit.reason.contains("anti-involution"), "{}", hit.reason);
    assert_eq!(g.state.named_red_lines, vec![(cap, cuts)]);
    // Named, it is marked at the level refused and every one further, not below it.
    assert!(query::red_line_at(&s, &g.state, &p, cap, cuts));
    assert!(query::red_line_at(&s, &g.state, &p, cap, 4));
    assert!(!query::red_line_at(&s, &g.state, &p, cap, 1));
    // The same package to the same kind of Beijing without the line: no red line.
    let mut other = opened(seed_with(false));
    other.apply(Action::Propose(p)).unwrap();
    let why = &other.state.last_answer.as_ref().unwrap().why;
    assert!(
        why.red_lines.is_empty() && why.rule != Rule::RedLine,
        "{:?}",
        why.rule
    );
    assert!(other.state.named_red_lines.is_empty());
}

#[test]
fn adaptive_never_proposes_a_named_red_line_again() {
    for name in ["autumn-2025", "rare-earth-shock", "phase-one-2019"] {
        let s = Arc::new(scenario::builtin(name).unwrap().unwrap());
        let mut named_games = 0;
        for seed in 1..=60u64 {
            let b = draw(&s, seed);
            if b.red_lines.is_empty() {
                continue;
            }
            let mut g = Game::new(Arc::clone(&s), seed);
            let mut rng = <rand_chacha::ChaCha8Rng as rand::SeedableRng>::seed_from_u64(seed);
            while g.state.outcome.is_none() {
                let a = Strategy::Adaptive.next_action(&s, &g.state, &mut rng);
                if let Action::Propose(p) = &a {
                    for i in 0..p.0.len() {
                        assert!(
                            !query::named_red_line(&s, &g.state, &p.0, i),
                            "{name} seed {seed}: crosses a named line on issue {i}"
                        );
                    }
                }
                g.apply(a).unwrap();
            }
            named_games += usize::from(!g.state.named_red_lines.is_empty());
        }
        assert!(named_games > 0, "{name}: some game names a line");
    }
}

/// A broken line names the file, line and column, and what is wrong.
#[test]
fn a_kinds_red_line_is_checked_like_the_scenarios() {
    for (issue, level, chance, expect) in [
        ("nope", 1, 0.5, "unknown issue"),
        ("farm", 9, 0.5, "has no level 9"),
        ("farm", 1, 1.5, "chance must be between 0 and 1"),
    ] {
        let mut s = common::scenario();
        let line = truce::scenario::RedLine {
            issue: issue.into(),
            level,
            reason: "x".into(),
            unless: None,
        };
        s.world.beijing[1].red_lines = vec![(line, chance)];
        let text = ron::ser::to_string_pretty(&s, ron::ser::PrettyConfig::default()).unwrap();
        let err = truce::scenario::from_str(&text, "kinds.ron")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("kinds.ron:") && err.contains(expect),
            "{err}"
        );
    }
}

/// Against a Beijing with no red line of its own, patient's fixed line signs every rare-earth
/// game (the short clock makes it concede in time); the games it fails are all against one
/// that holds a line its fixed ask crosses, while `adaptive`, which reads the line once named,
/// signs nearly all of them.
#[test]
fn in_rare_earth_shock_the_fixed_line_fails_only_against_a_hidden_red_line() {
    let s = Arc::new(scenario::builtin("rare-earth-shock").unwrap().unwrap());
    let (mut held, mut patient_signed, mut adaptive_signed) = (0, 0, 0);
    for seed in 1..=120u64 {
        let holds = !draw(&s, seed).red_lines.is_empty();
        let patient = truce::sim::play(&s, Strategy::Patient, seed)
            .state
            .signed
            .is_some();
        assert!(
            patient || holds,
            "seed {seed}: patient fails with no hidden line"
        );
        if holds {
            held += 1;
            patient_signed += usize::from(patient);
            let adaptive = truce::sim::play(&s, Strategy::Adaptive, seed)
                .state
                .signed
                .is_some();
            adaptive_signed += usize::from(adaptive);
        }
    }
    assert!(held > 5, "{held} Beijings hold a line");
    assert!(
        patient_signed * 2 < held,
        "patient signs {patient_signed} of {held}"
    );
    assert!(
        adaptive_signed * 10 >= held * 9,
        "adaptive signs {adaptive_signed} of {held}"
    );
}
