//! `adaptive`, the reader: it escalates only where China can answer in kind alone and there is
//! time for the pressure to build, then holds and asks late; and where Beijing's demand leaves
//! room it asks for more purchases than the plan's deliverable ones.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use truce::engine::Action;
use truce::scenario::{self, Scenario, Side};
use truce::sim::{Strategy, play};

fn load(name: &str) -> Scenario {
    scenario::builtin(name).unwrap().unwrap()
}

/// The cards `adaptive` plays in a game of `seed`.
fn cards_played(s: &Scenario, seed: u64) -> Vec<usize> {
    play(s, Strategy::Adaptive, seed)
        .actions
        .iter()
        .filter_map(|a| match a {
            Action::Play { card } => Some(*card),
            _ => None,
        })
        .collect()
}

#[test]
fn the_reader_escalates_only_where_china_answers_in_kind() {
    // Phase one: both tariff cards, answered by China's own lists, in every game.
    let phase = load("phase-one-2019");
    let dec15 = phase.world.card_index("dec15").unwrap();
    let oct = phase.world.card_index("oct_hike").unwrap();
    for seed in 1..=12 {
        let played = cards_played(&phase, seed);
        assert_eq!(
            played.first(),
            Some(&dec15),
            "seed {seed}: the 15 December tariffs first"
        );
        assert!(played.contains(&oct), "seed {seed}: {played:?}");
    }
    // Autumn: never a card China answers with a rung of its mineral ladder.
    let autumn = load("autumn-2025");
    let mut port_fees = 0;
    for seed in 1..=12 {
        for k in cards_played(&autumn, seed) {
            let card = &autumn.world.cards[k];
            assert_eq!(card.side, Side::Us);
            assert_ne!(
                card.mirror.as_deref(),
                Some("rung"),
                "seed {seed}: {} draws a rung",
                card.id
            );
            port_fees += usize::from(card.id == "port_fees");
        }
    }
    assert!(port_fees > 0, "the port fees, answered in kind, are played");
    // Rare-earth-shock: three weeks leave no time for a card's pressure to build.
    let rare = load("rare-earth-shock");
    for seed in 1..=12 {
        assert_eq!(
            cards_played(&rare, seed),
            Vec::<usize>::new(),
            "seed {seed}"
        );
    }
}

#[test]
fn having_escalated_the_reader_holds_and_asks_in_the_last_two_weeks() {
    let s = load("phase-one-2019");
    for seed in 1..=12 {
        let r = play(&s, Strategy::Adaptive, seed);
        // Phase one's talks run 15 weeks: after its cards it holds until the summit's eve less
        // one, so at least eight weeks pass with a hold before it first proposes.
        let first_proposal = r
            .actions
            .iter()
            .position(|a| matches!(a, Action::Propose(_)))
            .expect("it proposes");
        let holds = r.actions[..first_proposal]
            .iter()
            .filter(|a| matches!(a, Action::Hold))
            .count();
        assert!(
            holds >= 8,
            "seed {seed}: {holds} weeks held before its first proposal"
        );
        assert!(r.state.signed.is_some(), "seed {seed}: it signs");
    }
}

#[test]
fn the_reader_asks_for_more_purchases_where_the_demand_leaves_room() {
    // The plan asks for purchases China values at 60% of its best or more: phase one's energy
    // ask stops at +$168bn. The reader goes past it only when Beijing's demand leaves room.
    let s = load("phase-one-2019");
    let energy = s.issue_index("energy").unwrap();
    let farm = s.issue_index("farm").unwrap();
    let top = |i: usize| s.issues[i].levels.len() - 1;
    let mut more = 0;
    for seed in 1..=200 {
        let r = play(&s, Strategy::Adaptive, seed);
        if let Some(signed) = &r.state.signed
            && (signed.0[energy] == top(energy) || signed.0[farm] == top(farm))
        {
            more += 1;
        }
    }
    assert!(
        (10..=190).contains(&more),
        "more purchases in {more} of 200 games: read, not always"
    );
}
