//! Probe strategies for the exploits of the model issue (re-trade every week, refuse the last
//! ask, a card played to be traded, an insult opener, issues opened to skip time, purchases
//! dropped at signing, each on top of `patient`; and escalation with a maximal ask, a line of its
//! own): none may beat `adaptive`, the reader of what a player sees. 2,000 games per probe in
//! release and debug builds alike (the same seeds for every strategy, so the comparisons are
//! paired).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::OnceLock;

use rayon::prelude::*;
use truce::scenario::{self, Scenario};
use truce::sim::{Probe, Strategy, play};

fn games() -> u64 {
    2000
}

fn load(name: &str) -> Scenario {
    scenario::builtin(name).unwrap().unwrap()
}

/// Mean overall of `adaptive` and of each probe over seeds 1..=games in one scenario.
struct Means {
    adaptive: f64,
    patient: f64,
    probes: Vec<(Probe, f64)>,
}

fn mean(scores: &[f64]) -> f64 {
    scores.iter().sum::<f64>() / truce::core::num::count(scores.len())
}

fn measure(name: &str) -> Means {
    let s = load(name);
    let seeds: Vec<u64> = (1..=games()).collect();
    let strategy = |st: Strategy| {
        let scores: Vec<f64> = seeds
            .par_iter()
            .map(|&seed| play(&s, st, seed).scores.overall.value)
            .collect();
        mean(&scores)
    };
    let probes = Probe::ALL
        .iter()
        .map(|&p| {
            let scores: Vec<f64> = seeds
                .par_iter()
                .map(|&seed| p.play(&s, seed).scores.overall.value)
                .collect();
            (p, mean(&scores))
        })
        .collect();
    let m = Means {
        adaptive: strategy(Strategy::Adaptive),
        patient: strategy(Strategy::Patient),
        probes,
    };
    for (p, x) in &m.probes {
        eprintln!(
            "{name}: {:<15} {x:5.2} (adaptive {:5.2}, patient {:5.2}, probe − adaptive {:+5.2})",
            p.name(),
            m.adaptive,
            m.patient,
            x - m.adaptive
        );
    }
    m
}

fn means(name: &str) -> &'static Means {
    static AUTUMN: OnceLock<Means> = OnceLock::new();
    static RARE: OnceLock<Means> = OnceLock::new();
    static PHASE: OnceLock<Means> = OnceLock::new();
    let cell = match name {
        "autumn-2025" => &AUTUMN,
        "rare-earth-shock" => &RARE,
        _ => &PHASE,
    };
    cell.get_or_init(|| measure(name))
}

/// Asserts every probe but those in `except` scores below `adaptive` in `name`.
fn none_beats_adaptive(name: &str, except: &[Probe]) {
    let m = means(name);
    for (p, x) in &m.probes {
        if !except.contains(p) {
            assert!(
                *x < m.adaptive,
                "{name}: {} {x:.2} beats adaptive {:.2}",
                p.name(),
                m.adaptive
            );
        }
    }
}

/// Asserts no probe but those in `except` comes within a point of `adaptive` in `name`.
fn none_within_a_point(name: &str, except: &[Probe]) {
    let m = means(name);
    for (p, x) in m.probes.iter().filter(|(p, _)| !except.contains(p)) {
        assert!(
            *x <= m.adaptive - 1.0,
            "{name}: {} {x:.2} within a point of adaptive {:.2}",
            p.name(),
            m.adaptive
        );
    }
}

#[test]
fn no_probe_but_escalate_ask_beats_adaptive_in_phase_one_2019() {
    none_beats_adaptive("phase-one-2019", &[Probe::EscalateAsk]);
}

#[test]
#[ignore = "target not met on the current model: in phase-one-2019 escalate-ask (both tariff cards at once, hold, then the firm ask with the largest purchases, China's counter on the eve) scores 75.90 against adaptive's 75.29, 2,000 seeds, rules 8: after twelve weeks of both cards every kind of Beijing takes the firm ask (by then the cards are no longer fresh, so their suspension is worth their full value to it), so one recipe beats reading there; in autumn-2025 and rare-earth-shock it is 40 and 44 below"]
fn target_no_probe_beats_adaptive_in_phase_one_2019() {
    none_beats_adaptive("phase-one-2019", &[]);
}

#[test]
fn no_probe_beats_adaptive_in_autumn_2025() {
    none_beats_adaptive("autumn-2025", &[]);
}

#[test]
fn no_probe_beats_adaptive_in_rare_earth_shock() {
    none_beats_adaptive("rare-earth-shock", &[]);
}

#[test]
fn no_probe_within_a_point_of_adaptive_in_autumn_2025() {
    none_within_a_point("autumn-2025", &[]);
}

#[test]
fn no_probe_within_a_point_of_adaptive_in_rare_earth_shock() {
    none_within_a_point("rare-earth-shock", &[]);
}

#[test]
fn no_probe_but_escalate_ask_within_a_point_of_adaptive_in_phase_one_2019() {
    none_within_a_point("phase-one-2019", &[Probe::EscalateAsk]);
}

#[test]
#[ignore = "target not met on the current model: in phase-one-2019 escalate-ask scores 75.90, 0.61 above adaptive's 75.29 (2,000 seeds, rules 8; see target_no_probe_beats_adaptive_in_phase_one_2019); every other probe is 1.78 or more below"]
fn target_no_probe_within_a_point_of_adaptive_in_phase_one_2019() {
    none_within_a_point("phase-one-2019", &[]);
}

/// Each probe really plays its exploit (a probe that fell back to `patient` at once would pass
/// the tests above for nothing).
#[test]
fn every_probe_plays_its_exploit() {
    use truce::engine::Action;
    let autumn = load("autumn-2025");
    let phase = load("phase-one-2019");
    let seen = |s: &Scenario, p: Probe, hit: &dyn Fn(u64, &truce::sim::GameResult) -> bool| {
        (1..=40).filter(|&seed| hit(seed, &p.play(s, seed))).count()
    };
    let patient = |s: &Scenario, seed| play(s, Strategy::Patient, seed).actions;
    // Re-trade: a proposal after an agreement, where patient would hold (phase one, where its
    // agreements come before the summit's week).
    let retraded = seen(&phase, Probe::Retrade, &|seed, r| {
        r.actions != patient(&phase, seed)
    });
    assert!(retraded > 0, "retrade never re-traded");
    // Refuse the ask: never grants, and meets an ask to refuse.
    let refused = seen(&autumn, Probe::RefuseAsk, &|seed, r| {
        !r.actions.contains(&Action::GrantAsk) && patient(&autumn, seed).contains(&Action::GrantAsk)
    });
    assert!(refused >= 20, "refuse-ask refused {refused} of 40");
    let carded = seen(&autumn, Probe::CardToTrade, &|_, r| {
        matches!(r.actions.first(), Some(Action::Play { .. }))
    });
    assert_eq!(carded, 40, "a card in the first week");
    let insulted = seen(&autumn, Probe::InsultOpener, &|_, r| {
        r.rules
            .first()
            .is_some_and(|(rule, proposal)| *proposal && format!("{rule:?}").contains("Insult"))
    });
    assert!(insulted >= 30, "the opener insults in {insulted} of 40");
    let opened = seen(&autumn, Probe::SkipTime, &|_, r| {
        r.actions
            .iter()
            .filter(|a| matches!(a, Action::Agenda { on: true, .. }))
            .count()
            >= 4
    });
    assert_eq!(opened, 40, "issues opened to skip time");
    let farm = autumn.issue_index("farm").unwrap();
    let dropped = seen(&autumn, Probe::DropPurchases, &|_, r| {
        r.actions.iter().any(|a| match a {
            Action::Propose(p) => p.0[farm] == autumn.issues[farm].status_quo,
            _ => false,
        }) && r
            .state
            .signed
            .as_ref()
            .is_some_and(|p| p.0[farm] == autumn.issues[farm].status_quo)
    });
    assert!(dropped > 0, "purchases never dropped at signing");
    // Wary: no proposal ever goes as far as a kind's own red line (capacity measures), and it
    // never meets one.
    let cap = autumn.issue_index("excess_capacity").unwrap();
    let wary = seen(&autumn, Probe::Wary, &|_, r| {
        let proposed = r.actions.iter().any(|a| matches!(a, Action::Propose(_)));
        let short = r.actions.iter().all(|a| match a {
            Action::Propose(p) => p.0[cap] < 2,
            _ => true,
        });
        proposed && short && r.state.named_red_lines.is_empty()
    });
    assert_eq!(wary, 40, "wary keeps short of every kind's red line");
    // Escalate and ask: a card in the first week, then the largest purchase commitment asked.
    let energy = phase.issue_index("energy").unwrap();
    let top = phase.issues[energy].levels.len() - 1;
    let escalated = seen(&phase, Probe::EscalateAsk, &|_, r| {
        matches!(r.actions.first(), Some(Action::Play { .. }))
            && r.actions
                .iter()
                .any(|a| matches!(a, Action::Propose(p) if p.0[energy] == top))
    });
    assert_eq!(
        escalated, 40,
        "escalate-ask escalates and asks for the most"
    );
}

/// Prints every figure (run with `--nocapture` to read them).
#[test]
fn measure_all() {
    for name in ["autumn-2025", "rare-earth-shock", "phase-one-2019"] {
        means(name);
    }
}
