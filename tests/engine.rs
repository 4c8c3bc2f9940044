//! The engine as a library: actions, refusals that change nothing, the clock, the summit,
//! outcomes and replay.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{ix, package, scenario, shared};
use truce::engine::{
    Action, ActionError, Game, Outcome, Package, SummitStatus, classify, new_state, scorecard, step,
};

fn refused(action: Action, expect: fn(&ActionError) -> bool) {
    let s = scenario();
    let mut st = new_state(&s, 3);
    let before = st.clone();
    let err = step(&s, &mut st, action).expect_err("the action is refused");
    assert!(expect(&err), "unexpected error {err:?}");
    assert_eq!(st, before, "a refused action changes nothing");
}

#[test]
fn invalid_actions_are_typed_errors_that_change_nothing() {
    let s = scenario();
    let n = s.issues.len();
    refused(Action::Propose(Package(vec![1; n - 1])), |e| {
        matches!(e, ActionError::WrongLength { .. })
    });
    refused(Action::Propose(Package(vec![9; n])), |e| {
        matches!(e, ActionError::NoSuchLevel { .. })
    });
    let mut off = s.status_quo();
    off.0[ix(&s, "russian_oil")] = 1;
    refused(Action::Propose(off), |e| {
        matches!(e, ActionError::OffAgenda { .. })
    });
    refused(Action::AcceptCounter, |e| *e == ActionError::NoCounter);
    refused(Action::Sign, |e| *e == ActionError::NoSummit);
    refused(Action::Agenda { issue: 0, on: true }, |e| {
        matches!(e, ActionError::AgendaUnchanged { .. })
    });
    refused(
        Action::Agenda {
            issue: 99,
            on: true,
        },
        |e| *e == ActionError::NoSuchIssue(99),
    );
}

#[test]
fn nothing_can_be_done_after_the_game_ends() {
    let s = shared();
    let mut g = Game::new(s, 1);
    g.apply(Action::WalkAway)
        .expect("walking away is always possible");
    assert_eq!(g.state.outcome, Some(Outcome::UsWalkedAway));
    let before = g.state.clone();
    assert_eq!(g.apply(Action::Threaten).err(), Some(ActionError::GameOver));
    assert_eq!(g.state, before);
    assert_eq!(g.history.len(), 1);
}

#[test]
fn signing_needs_the_summit_scene_and_an_agreement() {
    let s = scenario();
    let mut st = new_state(&s, 1);
    st.summit = SummitStatus::Scheduled { day: 3 };
    let agreed = package(
        &s,
        &[("tariffs", 3), ("rare_earths", 2), ("enforcement", 1)],
    );
    // In the summit's week but before its scene: no signature, even with a package agreed.
    st.agreed = Some(agreed.clone());
    let before = st.clone();
    assert_eq!(
        step(&s, &mut st, Action::Sign).err(),
        Some(ActionError::NoSummit)
    );
    assert!(!st.can_sign(&s));
    assert_eq!(st, before, "a refused signature changes nothing");
    // The scene held, nothing agreed: nothing to sign.
    st.summit_held = true;
    st.agreed = None;
    assert_eq!(
        step(&s, &mut st, Action::Sign).err(),
        Some(ActionError::NothingAgreed)
    );
    // The scene held and a package agreed (no last ask standing): the leaders sign.
    st.agreed = Some(agreed);
    assert!(st.can_sign(&s));
    let turn = step(&s, &mut st, Action::Sign).expect("sign");
    assert!(turn.outcome.is_some_and(Outcome::is_deal));
    assert!(st.signed.is_some());
    assert_eq!(st.summit, SummitStatus::Passed);
}

#[test]
fn opening_an_issue_costs_preparation_days_not_a_turn() {
    let s = scenario();
    let mut st = new_state(&s, 1);
    let oil = ix(&s, "russian_oil");
    let turn = step(
        &s,
        &mut st,
        Action::Agenda {
            issue: oil,
            on: true,
        },
    )
    .expect("open");
    assert!(turn.answer.is_none());
    assert_eq!(st.day, s.issues[oil].prep_days);
    assert_eq!(st.turns, 0);
    step(
        &s,
        &mut st,
        Action::Agenda {
            issue: oil,
            on: false,
        },
    )
    .expect("close");
    step(
        &s,
        &mut st,
        Action::Agenda {
            issue: oil,
            on: true,
        },
    )
    .expect("reopen");
    assert_eq!(
        st.day, s.issues[oil].prep_days,
        "a prepared issue reopens for free"
    );
}

#[test]
fn each_week_of_talks_takes_a_week_and_the_truce_lapses_at_expiry() {
    let s = scenario();
    let mut st = new_state(&s, 2);
    let mut weeks = 0;
    // Holding, not proposing the status quo: Beijing may accept that in the summit's week, and
    // a package agreed then goes to the leaders at once.
    while st.outcome.is_none() {
        step(&s, &mut st, Action::Hold).expect("hold");
        weeks += 1;
        assert!(weeks <= s.total_weeks());
    }
    assert_eq!(weeks, s.total_weeks());
    assert_eq!(st.outcome, Some(Outcome::Escalation));
    assert_eq!(
        u32::try_from(st.trace.len()).unwrap(),
        weeks + 1,
        "one snapshot a week plus the start"
    );
}

#[test]
fn an_extension_ends_the_scenario() {
    let s = shared();
    let mut g = Game::new(s, 1);
    let t = g.apply(Action::RequestExtension).expect("request");
    assert_eq!(t.outcome, Some(Outcome::TruceExtended));
}

#[test]
fn accepting_the_counter_makes_it_the_agreement() {
    let s = shared();
    let mut g = Game::new(s.clone(), 1);
    g.apply(Action::Propose(s.status_quo())).expect("propose");
    let counter = g
        .state
        .counter
        .clone()
        .expect("China counters the status quo");
    g.apply(Action::AcceptCounter).expect("accept");
    assert_eq!(g.state.agreed, Some(counter));
    assert!(g.state.counter.is_none());
}

#[test]
fn classify_needs_enforcement_and_structural_commitments() {
    let s = scenario();
    let framework = package(&s, &[("farm", 3), ("tariffs", 2)]);
    assert_eq!(classify(&s, &framework), Outcome::FrameworkDeal);
    let declared = package(
        &s,
        &[("rare_earths", 2), ("fentanyl", 2), ("excess_capacity", 2)],
    );
    assert_eq!(
        classify(&s, &declared),
        Outcome::FrameworkDeal,
        "a declaration is not enough"
    );
    let full = package(
        &s,
        &[("rare_earths", 2), ("fentanyl", 2), ("enforcement", 1)],
    );
    assert_eq!(classify(&s, &full), Outcome::ComprehensiveDeal);
}

#[test]
fn replaying_the_same_seed_and_actions_gives_the_same_game() {
    let s = shared();
    let result = truce::sim::play(&s, truce::sim::Strategy::Random, 77);
    let replayed = Game::replay(s.clone(), 77, &result.actions).expect("replay");
    assert_eq!(replayed.state, result.state);
    // Another seed is another game: the same strategy from seed 78 meets other events.
    let other = truce::sim::play(&s, truce::sim::Strategy::Stall, 78);
    let same = truce::sim::play(&s, truce::sim::Strategy::Stall, 77);
    assert_ne!(other.state, same.state, "another seed is another game");
}

#[test]
fn scores_are_in_range_with_reasons_and_lessons() {
    let s = scenario();
    for strategy in truce::sim::Strategy::ALL {
        let r = truce::sim::play(&s, strategy, 4);
        let card = scorecard(&s, &r.state);
        for (name, score) in card.named() {
            assert!((0.0..=100.0).contains(&score.value), "{name}");
            assert!(!score.reason.is_empty(), "{name} has a reason");
        }
        if r.state.outcome != Some(Outcome::FrameworkDeal)
            && r.state.outcome != Some(Outcome::ComprehensiveDeal)
        {
            assert!(
                !card.lessons.is_empty(),
                "{strategy:?}: a lesson applies to every game without a deal"
            );
        }
    }
}

#[test]
fn a_deal_below_the_walk_away_point_scores_below_no_deal() {
    let s = shared();
    let bad = package(&s, &[("tariffs", 4), ("export_controls", 4)]);
    let fresh = Game::new(s.clone(), 1);
    let v = truce::ai::Valuation::new(&s, &fresh.state);
    assert!(
        v.us(&bad.0) < v.us_sq,
        "this package is worse than the status quo"
    );
    // Sign it at the summit (set up by hand), and compare with walking away.
    let mut signed = Game::new(s.clone(), 1);
    signed.state.agreed = Some(bad);
    let day = s
        .clock
        .summit
        .as_ref()
        .and_then(|x| s.day_of(&x.date))
        .expect("summit");
    signed.state.day = day;
    // The summit's scene has opened (no signature without it), with no last ask standing.
    signed.state.summit_held = true;
    signed.apply(Action::Sign).expect("sign");
    assert!(signed.state.outcome.is_some_and(|o| o.is_deal()));
    let mut walked = Game::new(s.clone(), 1);
    walked.apply(Action::WalkAway).expect("walk");
    let (b, w) = (scorecard(&s, &signed.state), scorecard(&s, &walked.state));
    assert!(b.us_value.value < w.us_value.value);
    assert_eq!(b.durability.value, 0.0, "{}", b.durability.reason);
    assert!(w.lessons.contains(&truce::engine::Lesson::WalkAway));
    // The walk-out's consequences play out: tariffs snap back and restrictions bite for a year.
    let epi = walked
        .state
        .epilogue
        .as_ref()
        .expect("an epilogue after every ending");
    assert_eq!(epi.months.len(), 12);
    assert!(epi.rung_months > 0);
}

#[test]
fn a_balance_refusal_teaches_the_phase_one_lesson() {
    let mut s = scenario();
    s.world.pressure.balance_gap = -0.5;
    let mut st = common::open_state(&s, 1);
    st.day = s.total_days() - 7;
    let p = package(
        &s,
        &[
            ("tariffs", 3),
            ("export_controls", 2),
            ("rare_earths", 2),
            ("farm", 2),
        ],
    );
    step(&s, &mut st, Action::Propose(p)).expect("propose");
    assert_eq!(st.balance_refusals, 1);
    assert!(
        scorecard(&s, &st)
            .lessons
            .contains(&truce::engine::Lesson::Balance)
    );
}

#[test]
fn opening_an_issue_cannot_carry_the_talks_past_the_summit() {
    use truce::engine::{Action, ActionError, Game, SummitStatus};
    let s = shared();
    let mut game = Game::new(s.clone(), 3);
    // The longest preparation among issues not yet prepared.
    let (issue, prep) = s
        .issues
        .iter()
        .enumerate()
        .filter(|(i, _)| !game.state.prepared[*i])
        .map(|(i, x)| (i, x.prep_days))
        .max_by_key(|&(_, d)| d)
        .expect("an unprepared issue");
    // Hold until that preparation would run past the summit's day.
    loop {
        let SummitStatus::Scheduled { day } = game.state.summit else {
            panic!("the scenario schedules its summit")
        };
        if game.state.day + prep > day {
            let open = Action::Agenda { issue, on: true };
            match game.apply(open) {
                Err(ActionError::PastSummit { .. }) => return,
                other => panic!("opening went through: {other:?}"),
            }
        }
        game.apply(Action::Hold)
            .expect("holding is always possible");
    }
}

/// A package agreed in the summit's own week, after its scene, goes through the same scene:
/// Beijing poses its last ask once and the week waits (it does not pass, the summit is not
/// missed) for the US to grant it or sign without it. Before rules 4 the leaders signed at once.
#[test]
fn a_package_agreed_in_the_summit_week_poses_the_last_ask_and_the_week_waits() {
    let s = scenario();
    let mut found = false;
    for seed in 1..=20 {
        let mut st = new_state(&s, seed);
        while st.outcome.is_none() && !st.summit_this_turn(&s) {
            step(&s, &mut st, Action::Hold).expect("hold");
        }
        if st.outcome.is_some() {
            continue;
        }
        assert!(st.summit_held, "the summit's week opens with its scene");
        assert!(!st.ask_posed, "nothing was agreed, so nothing was asked");
        // The status quo costs China nothing: late in the talks Beijing accepts it.
        let p = s.status_quo();
        let dry = truce::engine::query::dry_run(&s, &st, &p).expect("legal");
        if dry.reply != truce::ai::Reply::Accept {
            continue;
        }
        let (day, turns) = (st.day, st.turns);
        let turn = step(&s, &mut st, Action::Propose(p.clone())).expect("propose");
        if st.summit_ask.is_none() {
            // No step China's way left to ask for: the leaders took it up at once.
            assert!(st.outcome.is_some() || st.summit == SummitStatus::Passed);
            continue;
        }
        found = true;
        assert_eq!(
            turn.answer.map(|a| a.reply),
            Some(truce::ai::Reply::Accept),
            "the turn keeps China's answer to the proposal"
        );
        assert!(st.ask_posed, "the last ask is posed");
        assert_eq!(st.agreed.as_ref(), Some(&p));
        assert_eq!((st.day, st.turns), (day, turns), "the week waits");
        assert!(
            st.outcome.is_none() && st.signed.is_none(),
            "nothing signed yet"
        );
        assert!(matches!(st.summit, SummitStatus::Scheduled { .. }));
        assert!(st.can_sign(&s), "the US may sign without granting it");
        assert!(
            st.log
                .iter()
                .any(|d| matches!(d.said, truce::core::Said::SummitAsk { .. })),
            "Beijing says what it asks"
        );
        // Granting it is allowed this week; the ask is then gone and is not posed again.
        let mut granted = st.clone();
        step(&s, &mut granted, Action::GrantAsk).expect("grant the ask");
        assert!(granted.summit_ask.is_none() && granted.ask_posed);
        assert_eq!(granted.day, day, "granting the ask takes no time");
        // Signing goes to the leaders that week, and the summit is not missed.
        step(&s, &mut granted, Action::Sign).expect("sign");
        assert_eq!(granted.summit, SummitStatus::Passed);
        let rule = granted.last_answer.as_ref().map(|a| a.why.rule);
        assert!(
            matches!(
                rule,
                Some(truce::ai::Rule::SummitSigned | truce::ai::Rule::SummitRefused)
            ),
            "the leaders took it up: {rule:?}"
        );
        assert!(
            !granted
                .log
                .iter()
                .any(|d| d.said == truce::core::Said::SummitMissed),
            "the summit was not missed"
        );
        break;
    }
    assert!(
        found,
        "some seed reaches the summit with the status quo acceptable and an ask to make"
    );
}

/// The search's reward is the scorecard's overall score, to the bit, at every ending.
#[test]
fn overall_value_is_the_scorecards_overall() {
    let Some(Ok(s)) = truce::scenario::builtin("autumn-2025") else {
        panic!("the built-in scenario loads");
    };
    for strategy in truce::sim::Strategy::ALL {
        for seed in 1..=4 {
            let r = truce::sim::play(&s, strategy, seed);
            let full = truce::engine::scorecard(&s, &r.state).overall.value;
            assert_eq!(
                truce::engine::overall_value(&s, &r.state).to_bits(),
                full.to_bits()
            );
            assert!(
                !truce::engine::scorecard(&s, &r.state)
                    .overall
                    .reason
                    .is_empty()
            );
        }
    }
}
