//! Property tests: any sequence of actions, legal or not, never panics, keeps every meter in
//! range, and replays to the identical state.

mod common;

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use truce::engine::{Action, Game, Package, new_state, scorecard, step};

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        4 => prop::collection::vec(0usize..6, 8..12).prop_map(|l| Action::Propose(Package(l))),
        2 => Just(Action::AcceptCounter),
        1 => Just(Action::Threaten),
        1 => Just(Action::Goodwill),
        2 => (0usize..12, any::<bool>()).prop_map(|(issue, on)| Action::Agenda { issue, on }),
        1 => Just(Action::RequestExtension),
        1 => Just(Action::Sign),
        1 => Just(Action::WalkAway),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 300,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_actions_keep_the_state_sound_and_replayable(seed in any::<u64>(), actions in prop::collection::vec(action(), 0..40)) {
        let s = std::sync::Arc::new(common::scenario());
        let mut state = new_state(&s, seed);
        let mut accepted = Vec::new();
        for a in actions {
            let before = state.clone();
            match step(&s, &mut state, a.clone()) {
                Ok(_) => accepted.push(a),
                Err(_) => prop_assert_eq!(&state, &before, "a refused action changes nothing"),
            }
            let m = &state.meters;
            for x in [m.magnet_supply, m.farm_stress, m.market_confidence, m.hawk_alarm] {
                prop_assert!((0.0..=100.0).contains(&x));
            }
            prop_assert!((-100.0..=100.0).contains(&m.trust));
            prop_assert!(usize::from(state.rung) <= s.ai.ladder.len());
            prop_assert!(state.day <= s.total_days() + 7);
        }
        let card = scorecard(&s, &state);
        for (_, score) in card.named() {
            prop_assert!((0.0..=100.0).contains(&score.value));
        }
        let replayed = Game::replay(s.clone(), seed, &accepted);
        prop_assert!(replayed.is_ok());
        prop_assert_eq!(replayed.map(|g| g.state).ok(), Some(state));
    }
}
