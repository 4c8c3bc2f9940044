//! Walking away against letting the truce lapse, and China's counter bounded by the US ask.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{package, shared};
use truce::ai::{Reply, Valuation, answer_proposal, threat_bite, walk_away_credible};
use truce::core::Note;
use truce::core::Said;
use truce::engine::{Action, Game, Outcome, scorecard};

/// A game at its last turn, with China under `pressure` and `bluffs` bluffs called.
fn last_turn(pressure: f64, bluffs: u32) -> Game {
    let s = shared();
    let mut g = Game::new(s.clone(), 3);
    g.state.day = s.total_days() - s.clock.days_per_turn;
    g.state.summit = truce::engine::SummitStatus::Passed;
    g.state.china_pressure = pressure;
    g.state.bluffs_called = bluffs;
    g
}

/// (walking away, letting the truce lapse) from the same last-turn state. A walk-out that is not
/// credible ends the talks; a credible first one brings Beijing back, and the truce then lapses.
fn walk_and_lapse(pressure: f64, bluffs: u32) -> (Game, Game) {
    let mut walk = last_turn(pressure, bluffs);
    let credible = walk_away_credible(&walk.scenario, &walk.state);
    walk.apply(Action::WalkAway).expect("walk");
    let ended = if credible {
        Outcome::Escalation
    } else {
        Outcome::UsWalkedAway
    };
    assert_eq!(walk.state.outcome, Some(ended));
    let mut lapse = last_turn(pressure, bluffs);
    lapse.apply(Action::Hold).expect("hold");
    assert_eq!(lapse.state.outcome, Some(Outcome::Escalation));
    (walk, lapse)
}

fn overall(g: &Game) -> f64 {
    scorecard(&g.scenario, &g.state).overall.value
}

fn notes(g: &Game) -> &[Note] {
    &g.state.epilogue.as_ref().expect("epilogue").notes
}

#[test]
fn a_walk_out_without_credibility_scores_below_a_lapse() {
    let (walk, lapse) = walk_and_lapse(0.01, 0);
    assert!(!walk_away_credible(&walk.scenario, &walk.state));
    assert!(
        overall(&walk) < overall(&lapse),
        "{} vs {}",
        overall(&walk),
        overall(&lapse)
    );
    assert!(
        notes(&walk)
            .iter()
            .any(|n| matches!(n, Note::Mirrored { .. }))
    );
    assert!(walk.state.max_rung >= 1, "China mirrors the walk-out");
}

/// A mid-game state (week 5) with China under `pressure`.
fn mid_game(pressure: f64) -> Game {
    let s = shared();
    let mut g = Game::new(s.clone(), 3);
    g.state.day = 4 * s.clock.days_per_turn;
    g.state.china_pressure = pressure;
    g
}

#[test]
fn a_credible_walk_out_brings_beijing_back_with_a_lower_demand() {
    let mut g = mid_game(0.15);
    let s = g.scenario.clone();
    assert!(walk_away_credible(&s, &g.state));
    let id = s
        .world
        .threat
        .card
        .as_deref()
        .expect("the threat names a card");
    let k = s.world.card_index(id).expect("its card");
    let bite = threat_bite(&g.state, s.world.cards[k].value);
    let cut = 1.5 * s.world.threat.concession * bite;
    assert!(cut > 0.0);
    let before = g.state.demand_cut;
    g.apply(Action::WalkAway).expect("walk");
    // The talks go on, Beijing does not mirror, and its demand falls by half again a heeded
    // threat's cut.
    assert_eq!(
        g.state.outcome, None,
        "a credible walk-out is leverage, not an ending"
    );
    assert!(g.state.walked_out);
    assert_eq!(g.state.rung, 0, "China does not mirror a credible walk-out");
    assert!((g.state.demand_cut - before - cut).abs() < 1e-12);
    assert!(g.state.log.iter().any(|d| d.said == Said::WalkOutReturned));
    let reason = g
        .state
        .last_answer
        .as_ref()
        .and_then(|a| a.why.reason.clone())
        .unwrap_or_default();
    assert!(reason.contains("comes back to the table"), "{reason}");
    // `w` shows the answer's demand (read before the walk-out): the text names it as the
    // "before" figure and the lowered one as "after", not both as "this week".
    let aspiration = g
        .state
        .last_answer
        .as_ref()
        .map(|a| a.why.aspiration)
        .unwrap_or_default();
    assert!(
        reason.contains(&format!("from {aspiration:.3} before the walk-out")),
        "{aspiration} / {reason}"
    );
    assert!(reason.contains("after it"), "{reason}");
    assert!(!reason.contains("this week"), "{reason}");
    // A second walk-out ends the talks, with no bonus after the game: the year after is the
    // no-deal year, tariffs snapping back, unmirrored.
    g.apply(Action::WalkAway).expect("walk again");
    assert_eq!(g.state.outcome, Some(Outcome::UsWalkedAway));
    assert_eq!(g.state.rung, 0);
    let n = notes(&g);
    assert!(
        n.iter().any(|n| matches!(n, Note::TariffsSnapBack)),
        "{n:?}"
    );
    assert!(
        !n.iter().any(|n| matches!(n, Note::Mirrored { .. })),
        "{n:?}"
    );
    // The debrief's US value note agrees with the year after: credible, not mirrored, even
    // though the second walk-out gains nothing.
    let note = scorecard(&g.scenario, &g.state).us_value.reason;
    assert!(note.contains("credibly"), "{note}");
    assert!(!note.contains("not credible"), "{note}");
    assert!(!note.contains("mirrored it"), "{note}");
}

#[test]
fn a_credible_walk_out_at_the_last_turn_earns_nothing_over_a_lapse() {
    // Before rules 4 a credible walk-out ended the game with a bonus in the epilogue (China
    // bore its no-deal cost). Now Beijing comes back; with no week left, the truce lapses just
    // as if the US had held, so the walk-out's only mark is the trust and markets it cost.
    let (walk, lapse) = walk_and_lapse(0.15, 0);
    assert!(walk.state.walked_out);
    assert_eq!(walk.state.outcome, lapse.state.outcome);
    assert_eq!(
        walk.state.rung, 0,
        "China does not mirror a credible walk-out"
    );
    assert!(
        overall(&walk) <= overall(&lapse) + 1e-9,
        "{} vs {}",
        overall(&walk),
        overall(&lapse)
    );
}

#[test]
fn a_called_bluff_makes_the_walk_out_cost_even_under_pressure() {
    let (walk, lapse) = walk_and_lapse(0.15, 1);
    assert!(!walk_away_credible(&walk.scenario, &walk.state));
    assert!(
        overall(&walk) < overall(&lapse),
        "{} vs {}",
        overall(&walk),
        overall(&lapse)
    );
}

#[test]
fn a_lapse_at_rung_zero_is_mirrored_with_rung_one_and_says_so() {
    let (_, lapse) = walk_and_lapse(0.01, 0);
    assert_eq!(lapse.state.rung, 0, "no rung stood at the end of the talks");
    let n = notes(&lapse);
    assert!(
        n.iter().any(|n| matches!(n, Note::Mirrored { rung: 1 })),
        "{n:?}"
    );
    let lines = truce::report::epilogue_lines(
        &lapse.scenario,
        lapse.state.epilogue.as_ref().unwrap(),
        lapse.state.outcome,
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("mirrors") && l.contains("rung 1")),
        "{lines:?}"
    );
}

#[test]
fn china_never_counters_past_the_us_ask() {
    let s = shared();
    let st = common::open_state(&s, 1);
    let mut counters = 0;
    // Modest asks on every issue: a counter from China's ideal would hand the US more on some
    // of them (investment, where China likes a large pledge) if it were not bounded.
    for p in [
        package(
            &s,
            &[("tariffs", 3), ("export_controls", 2), ("rare_earths", 2)],
        ),
        package(
            &s,
            &[
                ("tariffs", 4),
                ("investment", 0),
                ("farm", 1),
                ("rare_earths", 1),
            ],
        ),
        package(&s, &[("rare_earths", 4), ("enforcement", 2), ("farm", 3)]),
    ] {
        let answer = answer_proposal(&s, &st, &p);
        let Reply::Counter(c) = answer.reply else {
            continue;
        };
        counters += 1;
        let val = Valuation::new(&s, &st);
        for (i, (&asked, &given)) in p.0.iter().zip(&c.0).enumerate() {
            assert!(
                val.us_at(i, given) <= val.us_at(i, asked) + 1e-12,
                "issue {}: asked {asked}, China countered {given}",
                s.issues[i].id
            );
        }
    }
    assert!(
        counters >= 2,
        "the asks must draw counters to test anything"
    );
}

/// Balance states the share the epilogue reports delivered; Durability the amount kept, with
/// that share and the leverage kept; the epilogue's closing line names both.
#[test]
fn durability_and_balance_state_what_the_epilogue_reports() {
    let s = shared();
    let r = truce::sim::play(&s, truce::sim::Strategy::Patient, 1);
    let epi = r.state.epilogue.as_ref().expect("epilogue");
    assert!(r.state.outcome.is_some_and(|o| o.is_deal()));
    let pct = format!("{:.0}%", 100.0 * epi.delivered);
    let b = &r.scores.balance;
    assert!(
        b.reason.starts_with(&format!(
            "{pct} of what China committed was delivered and kept"
        )),
        "{}",
        b.reason
    );
    assert!(
        (b.value - 100.0 * epi.delivered).abs() < 1e-9,
        "{}",
        b.value
    );
    let d = &r.scores.durability;
    assert!(
        d.reason.starts_with(&format!(
            "{:.0}: the US gains delivered and kept after a year ({pct} of those asked",
            d.value
        )),
        "{}",
        d.reason
    );
    let leverage = format!("({:.0}% of it:", 100.0 * epi.leverage);
    assert!(d.reason.contains(&leverage), "{} / {leverage}", d.reason);
    let lines = truce::report::epilogue_lines(&s, epi, r.state.outcome);
    let said = format!("{pct} of the US gains asked were delivered and kept");
    assert!(
        lines
            .iter()
            .any(|l| l.contains(&said) && l.contains("Durability") && l.contains("Balance")),
        "{lines:?}"
    );
}

/// `w` on the debrief says which way a walk-out went, with the bite against what was needed.
#[test]
fn w_explains_whether_a_walk_out_was_believed() {
    for (pressure, bluffs, rule, verdict) in [
        (0.15, 0, truce::ai::Rule::WalkOutHeld, "credible."),
        (0.01, 0, truce::ai::Rule::WalkOutMirrored, "not credible."),
        (
            0.15,
            1,
            truce::ai::Rule::WalkOutMirrored,
            "called 1 US bluff,",
        ),
    ] {
        let (walk, _) = walk_and_lapse(pressure, bluffs);
        let answer = walk
            .state
            .last_answer
            .as_ref()
            .expect("an answer to the walk-out");
        assert_eq!(
            answer.why.rule, rule,
            "pressure {pressure}, bluffs {bluffs}"
        );
        let text = truce::report::explain(&walk.scenario, answer).join("\n");
        assert!(text.contains("Walk-out: its bite"), "{text}");
        assert!(text.contains(verdict), "{verdict} in {text}");
    }
}
