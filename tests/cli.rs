//! The command line: scenarios and simulate, as a user runs them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::run_truce as truce;

#[test]
fn scenarios_lists_the_builtin_with_its_title() {
    let (code, out, _) = truce(&["scenarios"]);
    assert_eq!(code, 0);
    assert!(out.contains("autumn-2025"), "{out}");
    assert!(out.contains("Racing the Truce"), "{out}");
}

#[test]
fn simulate_json_has_the_documented_shape() {
    let (code, out, err) = truce(&["simulate", "--games", "20", "--seed", "5", "--json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).expect("one JSON object");
    assert_eq!(v["scenario"], "autumn-2025");
    assert_eq!(v["seed"], 5);
    assert_eq!(v["games"], 20);
    assert!(v["games_per_second"].as_f64().is_some_and(|g| g > 0.0));
    let strategies = v["strategies"].as_array().expect("strategies");
    let names: Vec<&str> = strategies
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(
        names,
        [
            "hawk",
            "dealmaker",
            "structural",
            "appeaser",
            "stall",
            "random",
            "first-counter",
            "historical",
            "patient",
            "bluff",
            "adaptive"
        ]
    );
    for s in strategies {
        let outcomes = &s["outcomes"];
        let total: u64 = [
            "comprehensive_deal",
            "framework_deal",
            "truce_extended",
            "us_walked_away",
            "escalation",
        ]
        .iter()
        .map(|k| outcomes[*k].as_u64().expect("outcome count"))
        .sum();
        assert_eq!(total, 20, "every game ends in one outcome: {s}");
        assert!(
            s["restriction_rate"]
                .as_f64()
                .is_some_and(|r| (0.0..=1.0).contains(&r))
        );
        assert!(s["mean_turns"].as_f64().is_some_and(|t| t > 0.0));
        assert!(
            s["summit_rate"]
                .as_f64()
                .is_some_and(|r| (0.0..=1.0).contains(&r))
        );
        assert!(s["rules"].as_object().is_some_and(|r| !r.is_empty()));
        for k in common::SCORE_KEYS {
            let x = s["mean_scores"][k].as_f64().expect(k);
            assert!((0.0..=100.0).contains(&x), "{k} = {x}");
        }
    }
}

#[test]
fn simulate_is_deterministic_apart_from_speed() {
    let strip = |s: &str| {
        let mut v: serde_json::Value = serde_json::from_str(s.trim()).expect("json");
        v["games_per_second"] = serde_json::Value::Null;
        v
    };
    let args = [
        "simulate",
        "--strategy",
        "random",
        "--games",
        "50",
        "--seed",
        "9",
        "--json",
    ];
    let (_, a, _) = truce(&args);
    let (_, b, _) = truce(&args);
    assert_eq!(strip(&a), strip(&b));
    let (_, c, _) = truce(&[
        "simulate",
        "--strategy",
        "random",
        "--games",
        "50",
        "--seed",
        "10",
        "--json",
    ]);
    assert_ne!(strip(&a), strip(&c), "another seed gives other games");
}

#[test]
fn simulate_prints_a_table_per_strategy() {
    let (code, out, _) = truce(&["simulate", "--strategy", "hawk", "--games", "10"]);
    assert_eq!(code, 0);
    assert!(out.lines().any(|l| l.starts_with("hawk ")), "{out}");
    assert!(out.contains("games per second"));
}

#[test]
fn unknown_strategy_and_scenario_are_clear_errors() {
    let (code, _, err) = truce(&["simulate", "--strategy", "dove"]);
    assert_eq!(code, 1);
    assert!(err.contains("unknown strategy \"dove\""), "{err}");
    let (code, _, err) = truce(&["simulate", "--scenario", "spring-2026"]);
    assert_eq!(code, 1);
    assert!(err.contains("no built-in scenario or file"), "{err}");
    let (code, _, err) = truce(&[
        "simulate",
        "--scenario",
        "tests/fixtures/scenarios/weights.ron",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("weights.ron:25:"), "{err}");
}

#[test]
fn the_game_without_a_terminal_says_so_and_touches_nothing() {
    let (code, out, err) = truce(&["play", "--seed", "3"]);
    assert_eq!(code, 1);
    assert!(
        out.is_empty(),
        "no escape codes or frames on stdout: {out:?}"
    );
    assert!(err.contains("the game needs a terminal"), "{err}");
}
