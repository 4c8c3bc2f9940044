//! Oracle tests: utilities, demand and answers on a two-issue scenario, computed by hand.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use truce::ai::{Reply, Rule, Valuation, answer_proposal, aspiration};
use truce::engine::{Action, Package, new_state, step};
use truce::scenario::{self, Scenario};

fn tiny() -> Scenario {
    let text = include_str!("fixtures/scenarios/tiny.ron");
    scenario::from_str(text, "tiny.ron").unwrap_or_else(|e| panic!("tiny scenario: {e}"))
}

#[test]
fn utilities_shares_and_demand_by_hand() {
    let s = tiny();
    let st = new_state(&s, 1);
    let v = Valuation::new(&s, &st);
    // Status quo (high, slow): China 0.6*0 + 0.4*1 = 0.4; US 0.4*1 + 0.6*0 = 0.4.
    assert!((v.china_sq - 0.4).abs() < 1e-12);
    assert!((v.us_sq - 0.4).abs() < 1e-12);
    // (low, flow): China 0.6 + 0.2 = 0.8; US 0.2 + 0.6 = 0.8.
    let both = Package(vec![1, 1]);
    assert!((v.china(&both.0) - 0.8).abs() < 1e-12);
    assert!((v.us(&both.0) - 0.8).abs() < 1e-12);
    // Best on the table: China 0.6 + 0.4 = 1.0, US 0.4 + 0.6 = 1.0; shares 0.4/0.6 each.
    let (us, cn) = v.shares(&both.0);
    assert!((us - 2.0 / 3.0).abs() < 1e-9 && (cn - 2.0 / 3.0).abs() < 1e-9);
    // Week 1: demand is the opening, 0.9.
    assert!((aspiration(&s, &st) - 0.9).abs() < 1e-12);
    // On the summit day (21 days in) a linear curve reaches the floor: no deal 0.4 minus the
    // pressure, plus the margin 0.05.
    let mut late = st.clone();
    late.day = 21;
    late.china_pressure = 0.03;
    assert!((aspiration(&s, &late) - (0.4 - 0.03 + 0.05)).abs() < 1e-12);
    // Half way: 0.42 + (0.9 - 0.42) * 0.5 = 0.66 with the same pressure.
    late.day = 10;
    let half = 0.42 + (0.9 - 0.42) * (1.0 - 10.0 / 21.0);
    assert!((aspiration(&s, &late) - half).abs() < 1e-12);
}

#[test]
fn answers_by_hand() {
    let s = tiny();
    let mut st = new_state(&s, 1);
    // Minerals only: China 0.2 < demand 0.9, and the US share (0.6/0.6 = 1) runs 1.33 ahead of
    // China's (-0.2/0.6): the balance rule decides, and the counter starts from China's ideal.
    let a = answer_proposal(&s, &st, &Package(vec![0, 1]));
    assert_eq!(a.why.rule, Rule::Unbalanced);
    // China's ideal is (low, slow) = 1.0; giving minerals back costs it 0.2 and leaves 0.8 <
    // 0.9, so the counter is its ideal.
    assert_eq!(a.reply, Reply::Counter(Package(vec![1, 0])));
    // Late, with demand at its floor 0.45, China gives minerals back in its counter (0.8),
    // as far as the US asked and no further.
    st.day = 21;
    let a = answer_proposal(&s, &st, &Package(vec![0, 1]));
    assert_eq!(a.reply, Reply::Counter(Package(vec![1, 1])));
    // Asking nothing on minerals, the US is given nothing there: the ask bounds the counter.
    let a = answer_proposal(&s, &st, &Package(vec![0, 0]));
    assert_eq!(a.reply, Reply::Counter(Package(vec![1, 0])));
    // ... and accepts that package outright.
    let a = answer_proposal(&s, &st, &Package(vec![1, 1]));
    assert_eq!(a.reply, Reply::Accept);
    assert_eq!(a.why.rule, Rule::Acceptable);
}

#[test]
fn an_agreement_is_kept_and_signed_at_the_summit() {
    let s = tiny();
    let mut st = new_state(&s, 1);
    st.day = 7;
    let p = Package(vec![1, 1]);
    step(&s, &mut st, Action::Propose(p.clone())).expect("propose");
    assert_eq!(st.agreed.as_ref(), Some(&p));
    // Proposing it again: China stands by it (the rule says so).
    step(&s, &mut st, Action::Propose(p.clone())).expect("again");
    let rule = st.last_answer.as_ref().map(|a| a.why.rule);
    assert_eq!(rule, Some(Rule::Kept));
    assert!(st.summit_this_turn(&s));
    step(&s, &mut st, Action::Sign).expect("sign");
    assert!(st.outcome.is_some_and(|o| o.is_deal()));
    let epi = st.epilogue.as_ref().expect("epilogue");
    assert_eq!(epi.months.len(), 12);
}

#[test]
fn a_scenario_defines_its_start_rung_and_events_open_issues() {
    let mut s = tiny();
    s.world.start_rung = 1;
    s.issues[1].on_table = false;
    s.events.push(truce::scenario::Event {
        id: "open".into(),
        title: "Minerals join the talks".into(),
        text: "Both sides agree to talk minerals.".into(),
        chance: 1.0,
        date: Some("2025-09-08".into()),
        from_week: 1,
        repeats: false,
        when: vec![],
        effects: vec![truce::scenario::Effect::OpenIssue("minerals".into())],
    });
    assert!(
        truce::scenario::validate(&s).is_empty(),
        "{:?}",
        truce::scenario::validate(&s)
    );
    let mut st = new_state(&s, 1);
    assert_eq!((st.rung, st.max_rung), (1, 1));
    assert!(!st.agenda[1]);
    step(&s, &mut st, Action::Hold).expect("hold");
    assert!(st.agenda[1], "the dated event opened the issue");
}
