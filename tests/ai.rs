//! The Chinese negotiator: utility, aspiration, balance, red lines and each kind of answer.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{ix, open_state, package, scenario};
use truce::ai::{
    Reply, Rule, Valuation, answer_extension, answer_proposal, answer_signing, answer_threat,
    aspiration, heed_chance,
};

#[test]
fn utility_is_the_weighted_sum_of_level_values() {
    let s = scenario();
    let st = open_state(&s, 1);
    let v = Valuation::new(&s, &st);
    let sq = s.status_quo();
    // China's weights are the scenario's as the Beijing drawn for this seed weighs them.
    let weight = |i: usize| s.issues[i].china_weight * st.beijing.weight(i);
    let by_hand: f64 = s
        .issues
        .iter()
        .zip(&sq.0)
        .enumerate()
        .map(|(k, (i, &l))| weight(k) * i.levels[l].china)
        .sum();
    assert!((v.china(&sq.0) - by_hand).abs() < 1e-12);
    assert!((v.china_sq - by_hand).abs() < 1e-12);
    // The drawn weights are not the scenario's own: the type is private to this game.
    let scenario_own: f64 = s
        .issues
        .iter()
        .zip(&sq.0)
        .map(|(i, &l)| i.china_weight * i.levels[l].china)
        .sum();
    assert!(
        (by_hand - scenario_own).abs() > 1e-9,
        "seed 1 draws weights"
    );
    // The neutral Beijing weighs issues as the scenario does.
    let mut neutral = st.clone();
    neutral.beijing = truce::core::Beijing::NEUTRAL;
    assert!((Valuation::new(&s, &neutral).china_sq - scenario_own).abs() < 1e-12);
    // Additive: moving one issue changes utility by exactly its weighted difference.
    let t = ix(&s, "tariffs");
    let p = package(&s, &[("tariffs", 3)]);
    let issue = &s.issues[t];
    let delta = weight(t) * (issue.levels[3].china - issue.levels[issue.status_quo].china);
    assert!((v.china(&p.0) - v.china_sq - delta).abs() < 1e-12);
    let us_delta = issue.us_weight * (issue.levels[3].us - issue.levels[issue.status_quo].us);
    assert!((v.us(&p.0) - v.us_sq - us_delta).abs() < 1e-12);
}

#[test]
fn demand_falls_late_from_opening_to_the_no_deal_floor_at_the_summit() {
    let s = scenario();
    let mut st = open_state(&s, 1);
    let open = aspiration(&s, &st);
    assert!((open - s.ai.opening_aspiration).abs() < 1e-12);
    let summit = s
        .clock
        .summit
        .as_ref()
        .and_then(|x| s.day_of(&x.date))
        .expect("the scenario sets the summit");
    let mut last = open;
    for day in (0..=summit).step_by(7) {
        st.day = day;
        let a = aspiration(&s, &st);
        assert!(a <= last + 1e-12, "demand never rises with time alone");
        last = a;
    }
    // At the summit China is down to its floor: its no-deal value plus its margin (no US pain
    // yet), plus what no deal is worth to the Beijing drawn beyond the scenario's figure.
    st.day = summit;
    let v = Valuation::new(&s, &st);
    let floor = v.no_deal() + s.world.pressure.margin + st.beijing.floor;
    assert!((aspiration(&s, &st) - floor).abs() < 1e-9);
    // Pressure lowers the floor by as much as it lowers China's no-deal value: the pressure
    // this Beijing feels, which is not the pressure the US sees.
    st.china_pressure = 0.05;
    let felt = 0.05 * st.beijing.pressure;
    assert!(
        (felt - 0.05).abs() > 1e-9,
        "seed 1 draws a pressure sensitivity"
    );
    assert!((aspiration(&s, &st) - (floor - felt)).abs() < 1e-9);
    // ... and the US's visible pain raises it.
    st.meters.farm_stress += 20.0;
    assert!(aspiration(&s, &st) > floor - felt);
    // Boulware: at half time China has given up less than half of the way.
    st = open_state(&s, 1);
    st.day = summit / 2;
    let v = Valuation::new(&s, &st);
    let low = v.no_deal() + s.world.pressure.margin + st.beijing.floor;
    let mid = (s.ai.opening_aspiration + low) / 2.0;
    assert!(aspiration(&s, &st) > mid);
}

#[test]
fn trust_softens_and_threats_stiffen_the_aspiration() {
    let s = scenario();
    let mut st = open_state(&s, 1);
    st.day = 35;
    let base = aspiration(&s, &st);
    st.meters.trust = 60.0;
    assert!(aspiration(&s, &st) < base);
    st.meters.trust = 0.0;
    st.threat_pressure = 1.0;
    assert!(aspiration(&s, &st) > base);
}

#[test]
fn a_package_that_clears_every_rule_is_accepted() {
    let s = scenario();
    let mut st = open_state(&s, 1);
    st.day = s.total_days();
    let p = package(
        &s,
        &[
            ("tariffs", 3),
            ("export_controls", 2),
            ("rare_earths", 2),
            ("farm", 2),
        ],
    );
    let a = answer_proposal(&s, &st, &p);
    assert_eq!(a.reply, Reply::Accept, "{:?}", a.why);
    assert_eq!(a.why.rule, Rule::Acceptable);
    assert!(a.why.utility.is_some_and(|u| u >= a.why.aspiration));
}

#[test]
fn the_balance_rule_rejects_lopsided_gains_even_above_aspiration() {
    let mut s = scenario();
    s.world.pressure.balance_gap = -0.5;
    let mut st = open_state(&s, 1);
    st.day = s.total_days();
    let p = package(
        &s,
        &[
            ("tariffs", 3),
            ("export_controls", 2),
            ("rare_earths", 2),
            ("farm", 2),
        ],
    );
    let a = answer_proposal(&s, &st, &p);
    assert_eq!(a.why.rule, Rule::Unbalanced, "{:?}", a.why);
    assert!(a.why.utility.is_some_and(|u| u >= a.why.aspiration));
    let (us, cn) = (
        a.why.us_share.unwrap_or(0.0),
        a.why.china_share.unwrap_or(0.0),
    );
    assert!(us - cn > -0.5, "{us} {cn}");
    let Reply::Counter(c) = a.reply else {
        panic!("an unbalanced package is countered");
    };
    let v = Valuation::new(&s, &st);
    assert!(v.balanced(&c.0), "the counter itself is balanced");
}

#[test]
fn a_red_line_is_never_accepted_and_the_counter_steps_back_from_it() {
    let s = scenario();
    let mut st = open_state(&s, 1);
    st.day = s.total_days();
    let oil = ix(&s, "russian_oil");
    let p = package(
        &s,
        &[("tariffs", 4), ("export_controls", 4), ("russian_oil", 2)],
    );
    let a = answer_proposal(&s, &st, &p);
    assert_eq!(a.why.rule, Rule::RedLine);
    assert_eq!(a.why.red_line.as_ref().map(|h| h.issue), Some(oil));
    let Reply::Counter(c) = a.reply else {
        panic!("a red line is countered");
    };
    assert!(c.0[oil] < 2);
}

#[test]
fn reciprocity_lifts_a_red_line() {
    let s = scenario();
    let st = open_state(&s, 1);
    let v = Valuation::new(&s, &st);
    let snap = package(&s, &[("enforcement", 2)]);
    assert!(v.red_line(&snap.0).is_some());
    let paid = package(&s, &[("enforcement", 2), ("export_controls", 3)]);
    assert!(v.red_line(&paid.0).is_none());
}

#[test]
fn counters_log_roll_within_the_agenda_and_clear_the_rules() {
    let s = scenario();
    let st = common::open_state(&s, 1);
    let mut st2 = truce::engine::new_state(&s, 1);
    st2.day = 30;
    for state in [&st, &st2] {
        let p = package(&s, &[("rare_earths", 4), ("farm", 3)]);
        let p = truce::engine::Package(
            p.0.iter()
                .enumerate()
                .map(|(i, &l)| {
                    if state.agenda[i] {
                        l
                    } else {
                        s.issues[i].status_quo
                    }
                })
                .collect(),
        );
        let a = answer_proposal(&s, state, &p);
        let Reply::Counter(c) = &a.reply else {
            panic!("a greedy package is countered: {:?}", a.why);
        };
        let v = Valuation::new(&s, state);
        for (i, on) in state.agenda.iter().enumerate() {
            if !on {
                assert_eq!(c.0[i], s.issues[i].status_quo, "off-agenda issues stay put");
            }
        }
        assert!(v.china(&c.0) >= a.why.aspiration - 1e-9);
        assert!(v.balanced(&c.0));
        assert!(v.red_line(&c.0).is_none());
        assert!(a.why.counter_utility.is_some());
        // Deterministic: the same question gets the same answer.
        assert_eq!(answer_proposal(&s, state, &p), a);
    }
}

#[test]
fn an_insulting_package_anchors_nothing() {
    let s = scenario();
    let st = open_state(&s, 1);
    let extreme = package(
        &s,
        &[
            ("tariffs", 0),
            ("export_controls", 0),
            ("rare_earths", 4),
            ("excess_capacity", 4),
        ],
    );
    let a = answer_proposal(&s, &st, &extreme);
    assert_eq!(a.why.rule, Rule::Insult);
    let Reply::Counter(from_extreme) = a.reply else {
        panic!("an insult draws a counter: {:?}", a.reply)
    };
    // The counter is built from China's side: an opening that asks less, but still at least
    // what that counter gives on every issue, draws the same counter; the extreme ask anchors
    // nothing. (The ask only bounds the counter: China never gives more than was asked.)
    let mut modest = from_extreme.clone();
    let ideal_us = |i: usize| {
        (0..s.issues[i].levels.len())
            .max_by(|&a, &b| {
                s.issues[i].levels[a]
                    .us
                    .total_cmp(&s.issues[i].levels[b].us)
            })
            .unwrap()
    };
    let mut asks_less = false;
    for i in 0..s.issues.len() {
        if extreme.0[i] != from_extreme.0[i]
            && s.issues[i].levels[extreme.0[i]].us > s.issues[i].levels[from_extreme.0[i]].us
        {
            // Ask one level short of the extreme ask where that is still above the counter.
            modest.0[i] = extreme.0[i];
            if ideal_us(i) == extreme.0[i] && !asks_less {
                let step = if extreme.0[i] > from_extreme.0[i] {
                    extreme.0[i] - 1
                } else {
                    extreme.0[i] + 1
                };
                if s.issues[i].levels[step].us >= s.issues[i].levels[from_extreme.0[i]].us {
                    modest.0[i] = step;
                    asks_less = step != extreme.0[i];
                }
            }
        }
    }
    assert!(
        asks_less,
        "the modest opening asks less than the extreme one somewhere"
    );
    let Reply::Counter(from_modest) = answer_proposal(&s, &st, &modest).reply else {
        panic!("a modest opening is countered in week 1")
    };
    assert_eq!(from_extreme, from_modest);
}

#[test]
fn a_counter_meets_demand_balance_and_red_lines() {
    let s = scenario();
    let st = open_state(&s, 1);
    let Reply::Counter(c) = answer_proposal(&s, &st, &s.status_quo()).reply else {
        panic!("the status quo is countered in week 1")
    };
    let v = Valuation::new(&s, &st);
    assert!(v.china(&c.0) >= aspiration(&s, &st) - 1e-9);
    assert!(v.balanced(&c.0));
    assert!(v.red_line(&c.0).is_none());
    // China accepts its own counter.
    assert_eq!(answer_proposal(&s, &st, &c).reply, Reply::Accept);
}

#[test]
fn collapsed_trust_brings_restrictions_whatever_the_offer() {
    let s = scenario();
    let mut st = open_state(&s, 1);
    st.meters.trust = -90.0;
    st.rung = 2;
    let a = answer_proposal(&s, &st, &s.status_quo());
    assert_eq!(a.reply, Reply::Restrict(3));
    assert_eq!(a.why.rule, Rule::TrustCollapse);
}

#[test]
fn a_credible_threat_against_a_pressed_china_is_heeded_and_a_bluff_is_mirrored() {
    let s = scenario();
    let mut st = open_state(&s, 1);
    st.credibility = 1.0;
    st.china_pressure = s.world.pressure.china_max;
    assert_eq!(heed_chance(&s, &st), Some(1.0));
    let a = answer_threat(&s, &mut st);
    assert_eq!(a.reply, Reply::Noted);
    assert_eq!(a.why.rule, Rule::ThreatHeeded);
    let mut st = open_state(&s, 1);
    st.credibility = 0.0;
    assert_eq!(heed_chance(&s, &st), Some(0.0));
    let a = answer_threat(&s, &mut st);
    assert_eq!(a.reply, Reply::Restrict(1), "no credibility: China mirrors");
    assert_eq!(a.why.rule, Rule::ThreatAnswered);
}

#[test]
fn without_a_threat_card_threats_follow_the_old_chance_rule() {
    let mut s = scenario();
    s.world.threat.card = None;
    let mut st = open_state(&s, 1);
    st.meters.trust = -100.0;
    let a = answer_threat(&s, &mut st);
    assert_eq!(a.reply, Reply::Restrict(1), "certain at full distrust");
    let mut calm = s.clone();
    calm.ai.retaliation.threat_chance = 0.0;
    let mut st = open_state(&calm, 1);
    let a = answer_threat(&calm, &mut st);
    assert_eq!(a.reply, Reply::Noted);
    assert_eq!(a.why.rule, Rule::ThreatAbsorbed);
}

#[test]
fn the_balance_rule_compares_shares_on_a_common_scale() {
    let s = scenario();
    let st = open_state(&s, 1);
    let v = Valuation::new(&s, &st);
    // All the US could want on minerals, enforcement and capacity, for nothing: unbalanced.
    let lopsided = package(
        &s,
        &[
            ("rare_earths", 4),
            ("enforcement", 1),
            ("excess_capacity", 2),
        ],
    );
    let (us, cn) = v.shares(&lopsided.0);
    assert!(us - cn > s.world.pressure.balance_gap, "{us} {cn}");
    assert!(!v.balanced(&lopsided.0));
    let a = answer_proposal(&s, &st, &lopsided);
    assert!(
        matches!(a.why.rule, Rule::Unbalanced | Rule::Insult),
        "{:?}",
        a.why.rule
    );
}

#[test]
fn extensions_are_granted_unless_trust_is_broken() {
    let s = scenario();
    let mut st = open_state(&s, 1);
    assert_eq!(answer_extension(&s, &st).reply, Reply::GrantExtension);
    st.meters.trust = s.ai.extension_min_trust - 1.0;
    let a = answer_extension(&s, &st);
    assert_eq!(a.reply, Reply::RefuseExtension);
    assert_eq!(a.why.rule, Rule::ExtensionRefused);
}

#[test]
fn the_leader_signs_an_agreed_package_unless_trust_has_collapsed() {
    let s = scenario();
    let mut st = open_state(&s, 1);
    let p = package(
        &s,
        &[("tariffs", 3), ("export_controls", 2), ("rare_earths", 2)],
    );
    assert_eq!(answer_signing(&s, &mut st, &p).reply, Reply::Sign);
    st.meters.trust = s.ai.signing_min_trust - 1.0;
    let a = answer_signing(&s, &mut st, &p);
    assert_eq!(a.reply, Reply::RefuseSign);
    assert_eq!(a.why.rule, Rule::SummitRefused);
}
