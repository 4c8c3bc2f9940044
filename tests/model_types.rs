//! Round three of the model: a Beijing of hidden type drawn per seed, agreements that bind, a
//! last ask with a real risk, time that passes for everyone, escalation priced as in life.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{ix, package, shared};
use truce::ai::Rule;
use truce::core::{Beijing, Said};
use truce::engine::beijing::{archetype, draw, draw_keyed};
use truce::engine::{Action, ActionError, Game, SummitStatus, new_state};
use truce::scenario;

fn summit_day(g: &Game) -> u32 {
    match g.state.summit {
        SummitStatus::Scheduled { day } => day,
        other => panic!("no summit scheduled: {other:?}"),
    }
}

#[test]
fn the_same_seed_draws_the_same_beijing_and_seeds_draw_every_kind() {
    for name in scenario::builtin_names() {
        let s = scenario::builtin(name).unwrap().unwrap();
        assert!(
            !s.world.beijing.is_empty(),
            "{name} defines kinds of Beijing"
        );
        let mut seen = vec![0u32; s.world.beijing.len()];
        for seed in 1..=400 {
            let b = draw(&s, seed);
            assert_eq!(
                b,
                draw(&s, seed),
                "{name} seed {seed}: the draw is a function of the seed"
            );
            assert_eq!(new_state(&s, seed).beijing, b, "the state carries the draw");
            let a = archetype(&s, &b).expect("a kind is drawn");
            seen[b.archetype.unwrap()] += 1;
            for (x, (lo, hi)) in [
                (b.floor, a.floor),
                (b.patience, a.patience),
                (b.pressure, a.pressure),
                (b.threat, a.threat),
                (b.firmness, a.firmness),
                (b.reads_us, a.reads_us),
            ] {
                assert!(
                    x >= lo && x <= hi,
                    "{name} seed {seed}: {x} outside ({lo}, {hi})"
                );
            }
            // The weights move priorities, not China's whole scale.
            let before: f64 = s.issues.iter().map(|i| i.china_weight).sum();
            let after: f64 = s
                .issues
                .iter()
                .enumerate()
                .map(|(i, x)| x.china_weight * b.weight(i))
                .sum();
            assert!((before - after).abs() < 1e-9);
        }
        for (k, n) in seen.iter().enumerate() {
            let share = f64::from(*n) / 400.0;
            let weight =
                s.world.beijing[k].weight / s.world.beijing.iter().map(|a| a.weight).sum::<f64>();
            assert!(
                (share - weight).abs() < 0.08,
                "{name}: kind {k} drawn {share:.2} of the time, weight {weight:.2}"
            );
        }
        // The game's own dice are not shifted by the draw: the class key changes the Beijing,
        // not the seed's weather.
        let keyed = draw_keyed(&s, 7, b"class key");
        assert_ne!(keyed, draw(&s, 7));
    }
}

#[test]
fn a_scenario_without_kinds_plays_the_published_negotiator() {
    let mut s = common::scenario();
    s.world.beijing.clear();
    assert_eq!(new_state(&s, 5).beijing, Beijing::NEUTRAL);
}

#[test]
fn the_beijing_drawn_changes_chinas_demand_not_what_the_us_sees() {
    let s = shared();
    let (mut firm, mut soft) = (None, None);
    for seed in 1..200 {
        let b = draw(&s, seed);
        match archetype(&s, &b).map(|a| a.id.as_str()) {
            Some("patient") if firm.is_none() => firm = Some(seed),
            Some("pressed") if soft.is_none() => soft = Some(seed),
            _ => {}
        }
    }
    let (firm, soft) = (firm.unwrap(), soft.unwrap());
    let mut a = Game::new(shared(), firm);
    let mut b = Game::new(shared(), soft);
    for _ in 0..6 {
        a.apply(Action::Hold).unwrap();
        b.apply(Action::Hold).unwrap();
    }
    let da = truce::ai::aspiration(&a.scenario, &a.state);
    let db = truce::ai::aspiration(&b.scenario, &b.state);
    assert!(
        da > db + 0.02,
        "a patient Beijing demands more by week 7: {da:.3} vs {db:.3}"
    );
    // What the US sees of China's pressure is the objective band, the same rules for both.
    assert_eq!(
        truce::engine::query::china_pressure_band(&a.scenario, &a.state),
        truce::engine::query::china_pressure_band(&a.scenario, &{
            let mut st = a.state.clone();
            st.beijing = Beijing::NEUTRAL;
            st
        })
    );
}

#[test]
fn an_agreement_binds_its_demand_and_taking_terms_back_costs_trust() {
    let s = shared();
    let mut g = Game::new(s.clone(), 3);
    g.state.day = summit_day(&g) - 42;
    let p = package(
        &s,
        &[
            ("tariffs", 3),
            ("export_controls", 2),
            ("rare_earths", 3),
            ("farm", 2),
        ],
    );
    g.apply(Action::Propose(p.clone())).unwrap();
    if g.state.agreed.is_none() {
        g.apply(Action::AcceptCounter).unwrap();
    }
    let agreed = g.state.agreed.clone().expect("agreed");
    let demand = g
        .state
        .agreed_demand
        .expect("the demand is fixed at agreement");
    let trust = g.state.meters.trust;
    let rung = g.state.rung;
    g.apply(Action::Hold).unwrap();
    g.apply(Action::Hold).unwrap();
    assert!(
        truce::ai::aspiration(&s, &g.state) >= demand - 1e-9,
        "China's demand stops falling once a package is agreed"
    );
    // Re-agreeing something else builds no trust and steps no rung.
    let mut less = agreed.clone();
    let rare = ix(&s, "rare_earths");
    less.0[rare] = 2;
    let before = g.state.meters.trust;
    g.apply(Action::Propose(less)).unwrap();
    assert!(g.state.meters.trust <= before, "no trust for a re-trade");
    // Taking terms back (more for the US, less for China) costs trust and Beijing says so.
    let mut more = agreed.clone();
    more.0[rare] = 4.min(s.issues[rare].levels.len() - 1);
    let t0 = g.state.meters.trust;
    g.apply(Action::Propose(more)).unwrap();
    assert!(
        g.state.meters.trust < t0 - 0.5,
        "taking back agreed terms costs trust"
    );
    assert!(
        g.state
            .log
            .iter()
            .any(|d| matches!(d.said, Said::TakenBack { .. }))
    );
    assert!(
        g.state.rung >= rung.saturating_sub(0),
        "no de-escalation before signing"
    );
    let _ = trust;
}

#[test]
fn purchases_wait_for_signing() {
    let s = shared();
    let mut g = Game::new(s.clone(), 3);
    g.state.day = summit_day(&g) - 28;
    let p = package(
        &s,
        &[
            ("tariffs", 3),
            ("export_controls", 2),
            ("rare_earths", 3),
            ("farm", 3),
        ],
    );
    g.apply(Action::Propose(p)).unwrap();
    if g.state.agreed.is_none() {
        g.apply(Action::AcceptCounter).unwrap();
    }
    assert!(g.state.agreed.is_some());
    let farm = g.state.meters.farm_stress;
    g.apply(Action::Hold).unwrap();
    assert!(
        g.state.meters.farm_stress >= farm,
        "farm stress does not fall on an agreement in principle: {} -> {}",
        farm,
        g.state.meters.farm_stress
    );
}

#[test]
fn no_signature_without_the_summit_scene_and_a_summit_week_agreement_goes_through_it() {
    let s = shared();
    let mut g = Game::new(s.clone(), 3);
    let day = summit_day(&g);
    // Reach the summit's week by the clock: the scene is held as the week begins.
    while !g.state.summit_this_turn(&s) {
        g.apply(Action::Hold).unwrap();
    }
    assert!(g.state.summit_held);
    assert!(g.state.day <= day);
    // A package agreed in the summit's week: the scene's last ask comes, and the week waits.
    let p = package(
        &s,
        &[
            ("tariffs", 4),
            ("export_controls", 2),
            ("rare_earths", 3),
            ("farm", 2),
        ],
    );
    let week = g.state.week();
    g.apply(Action::Propose(p)).unwrap();
    if g.state.agreed.is_none() && g.state.counter.is_some() {
        g.apply(Action::AcceptCounter).unwrap();
    }
    if g.state.outcome.is_none() && g.state.summit_ask.is_some() {
        assert_eq!(
            g.state.week(),
            week,
            "the leaders' week waits for the US's answer"
        );
        assert!(g.state.ask_posed);
        g.apply(Action::GrantAsk).unwrap();
        g.apply(Action::Sign).unwrap();
    }
    assert!(
        g.state.outcome.is_some(),
        "signed (or refused) at the summit"
    );
    // A state that reaches the summit's window without its scene cannot sign.
    let mut st = new_state(&s, 4);
    st.day = day;
    st.agreed = Some(s.status_quo());
    assert!(matches!(
        truce::engine::check(&s, &st, &Action::Sign),
        Err(ActionError::NoSummit)
    ));
}

#[test]
fn days_of_preparation_run_the_worlds_clock() {
    let s = shared();
    let cap = ix(&s, "excess_capacity");
    let mut g = Game::new(s.clone(), 3);
    let (trace, pressure) = (g.state.trace.len(), g.state.china_pressure);
    g.state.day = 18; // the harvest (8 Sep) is past a few days into week 3
    let farm = g.state.meters.farm_stress;
    g.apply(Action::Agenda {
        issue: cap,
        on: true,
    })
    .unwrap();
    assert!(g.state.day > 18, "preparation takes days");
    assert!(
        g.state.china_pressure > pressure,
        "pressure builds during preparation"
    );
    assert!(g.state.meters.farm_stress > farm, "farms feel the days too");
    assert_eq!(g.state.trace.len(), trace, "preparation is not a turn");
}

#[test]
fn events_dated_in_the_first_week_fire() {
    let mut s = common::scenario();
    let start = s.clock.start_date.clone();
    let first = s
        .events
        .iter()
        .position(|e| e.date.is_some())
        .expect("a dated event");
    s.events[first].date = Some(start);
    s.events[first].when.clear();
    let s = truce::scenario::from_str(&ron::to_string(&s).unwrap(), "t.ron").unwrap();
    let st = new_state(&s, 1);
    assert!(
        st.fired[first],
        "an event dated on the first day fires as the game opens"
    );
}

#[test]
fn a_credible_walk_out_brings_beijing_back_once() {
    let s = shared();
    // A state where the walk-out is credible: pressure high, no bluff called.
    let mut g = Game::new(s.clone(), 3);
    g.state.china_pressure = s.world.pressure.china_max;
    g.state.beijing.pressure = 1.5;
    g.state.beijing.threat = 1.3;
    assert!(truce::ai::walk_away_credible(&s, &g.state));
    let demand = truce::ai::aspiration(&s, &g.state);
    g.apply(Action::WalkAway).unwrap();
    assert!(g.state.outcome.is_none(), "the talks go on");
    assert!(g.state.log.iter().any(|d| d.said == Said::WalkOutReturned));
    assert!(g.state.demand_cut > 0.0);
    assert!(truce::ai::aspiration(&s, &g.state) < demand);
    g.apply(Action::WalkAway).unwrap();
    assert!(
        g.state.outcome.is_some(),
        "a second walk-out ends the talks"
    );
    // Not credible: it is mirrored and the talks end at once.
    let mut h = Game::new(s.clone(), 3);
    h.state.credibility = 0.0;
    h.apply(Action::WalkAway).unwrap();
    assert!(h.state.outcome.is_some());
    assert_eq!(
        h.state.last_answer.as_ref().unwrap().why.rule,
        Rule::WalkOutMirrored
    );
}

#[test]
fn a_fresh_card_is_worth_less_to_suspend_and_a_mirror_is_no_us_gain() {
    let s = shared();
    let port = s.world.card_index("port_fees").unwrap();
    let cn_port = s.world.card_index("cn_port_fees").unwrap();
    let mut g = Game::new(s.clone(), 3);
    g.state.day = s.day_of("2025-10-14").unwrap();
    g.apply(Action::Play { card: port }).unwrap();
    assert!(g.state.cards[cn_port], "China mirrors the port fees");
    let fresh = truce::ai::card_value(&s, &g.state, port);
    assert!(
        fresh < s.world.cards[port].value * 0.7,
        "a measure made to be traded is discounted"
    );
    assert_eq!(
        truce::ai::card_value(&s, &g.state, cn_port),
        0.0,
        "suspending the mirror restores the status quo"
    );
    let farm = s.world.card_index("farm_tariffs").unwrap();
    assert_eq!(
        truce::ai::card_value(&s, &g.state, farm),
        s.world.cards[farm].value,
        "a standing measure keeps its value"
    );
    for _ in 0..2 {
        g.apply(Action::Hold).unwrap();
    }
    assert!(
        truce::ai::card_value(&s, &g.state, port) > fresh,
        "the discount fades"
    );
}

#[test]
fn a_threat_with_no_bite_cannot_be_made_and_china_honours_its_own_counter() {
    let s = shared();
    let k = s.world.card_index("tariff100").unwrap();
    let mut g = Game::new(s.clone(), 3);
    g.apply(Action::Play { card: k }).unwrap();
    assert!(matches!(
        truce::engine::check(&s, &g.state, &Action::Threaten),
        Err(ActionError::NoBite { .. })
    ));
    // Whatever China counters, proposing it back agrees it.
    let mut h = Game::new(s.clone(), 5);
    h.apply(Action::Propose(package(
        &s,
        &[("tariffs", 1), ("rare_earths", 4)],
    )))
    .unwrap();
    if let Some(c) = h.state.counter.clone() {
        h.apply(Action::Propose(c)).unwrap();
        assert!(h.state.agreed.is_some(), "China stands by its own counter");
    }
}

#[test]
fn the_dry_run_judges_what_proposing_judges() {
    let s = shared();
    let st = new_state(&s, 3);
    let cap = ix(&s, "excess_capacity");
    // An issue off the table given a level: proposing judges it at the status quo.
    let mut p = s.status_quo();
    p.0[cap] = s.issues[cap].status_quo;
    let dry = truce::engine::query::dry_run(&s, &st, &p).unwrap();
    let mut g = Game::new(s.clone(), 3);
    g.apply(Action::Propose(p)).unwrap();
    assert_eq!(Some(dry), g.state.last_answer);
}

#[test]
fn refusing_the_last_ask_can_end_without_a_signature() {
    let s = shared();
    let mut refused = 0;
    let mut signed = 0;
    for seed in 1..=60 {
        let mut g = Game::new(s.clone(), seed);
        g.state.beijing.firmness = 0.9;
        g.state.day = summit_day(&g) - 7;
        let p = package(
            &s,
            &[
                ("tariffs", 3),
                ("export_controls", 2),
                ("rare_earths", 3),
                ("farm", 2),
            ],
        );
        g.apply(Action::Propose(p)).unwrap();
        if g.state.agreed.is_none() && g.state.counter.is_some() {
            g.apply(Action::AcceptCounter).unwrap();
        }
        if g.state.summit_ask.is_none() || !g.state.can_sign(&s) {
            continue;
        }
        g.apply(Action::Sign).unwrap();
        match g.state.signed {
            Some(_) => signed += 1,
            None => refused += 1,
        }
    }
    assert!(
        refused > 0,
        "a firm Beijing sometimes leaves when its last ask is refused"
    );
    assert!(signed > 0, "and sometimes signs anyway");
}

/// `adaptive` reads only what a player sees: in every move of its games, the same state with
/// the Beijing made neutral and the dice reseeded gives the same move. (The fair search relies
/// on it: its rollouts and the line's own moves are the policy's.)
#[test]
fn adaptive_never_reads_the_hidden_beijing_or_the_dice() {
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;
    use std::sync::Arc;
    use truce::sim::Strategy;
    for name in ["autumn-2025", "phase-one-2019", "rare-earth-shock"] {
        let sc = Arc::new(scenario::builtin(name).unwrap().unwrap());
        for seed in 1..=6u64 {
            let mut game = Game::new(Arc::clone(&sc), seed);
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            for _ in 0..200 {
                if game.state.outcome.is_some() {
                    break;
                }
                let real = Strategy::Adaptive.next_action(&sc, &game.state, &mut rng);
                let mut blind = game.state.clone();
                blind.beijing = Beijing::NEUTRAL;
                blind.rng = ChaCha8Rng::seed_from_u64(seed ^ 0xB11D);
                let seen =
                    Strategy::Adaptive.next_action(&sc, &blind, &mut ChaCha8Rng::seed_from_u64(0));
                assert_eq!(real, seen, "{name} seed {seed} day {}", game.state.day);
                game.apply(real).unwrap();
            }
            assert!(game.state.outcome.is_some(), "{name} seed {seed} ends");
        }
    }
}
