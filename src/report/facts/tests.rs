//! Per-move facts from one forward replay equal the old whole-state derivation.
use super::*;
use crate::engine::{Package, query};
use proptest::prelude::*;
use std::sync::Arc;

#[test]
fn score_names_follow_the_scorecard() {
    let s = Arc::new(crate::scenario::resolve("autumn-2025").expect("built-in"));
    let g = Game::new(s.clone(), 1);
    let card = scorecard(&s, &g.state);
    let names: Vec<&str> = card.named().iter().map(|(n, _)| *n).collect();
    assert_eq!(names, SCORE_NAMES);
}

/// The old derivation, kept as the oracle: a whole state per move (quadratic memory).
fn old_states(game: &Game) -> Vec<State> {
    let mut replay = Game::new(game.scenario.clone(), game.seed);
    let mut out = Vec::with_capacity(game.history.len() + 1);
    out.push(replay.state.clone());
    for turn in &game.history {
        if replay.apply(turn.action.clone()).is_err() {
            break;
        }
        out.push(replay.state.clone());
    }
    out
}

/// The old per-move facts, from pairs of whole states.
fn old_moves(game: &Game) -> Vec<Move> {
    let s = &game.scenario;
    let states = old_states(game);
    game.history
        .iter()
        .zip(states.windows(2))
        .enumerate()
        .map(|(i, (turn, pair))| old_one_move(s, i + 1, turn, &pair[0], &pair[1], &game.state))
        .collect()
}

fn old_one_move(
    s: &Scenario,
    number: usize,
    turn: &Turn,
    before: &State,
    after: &State,
    end: &State,
) -> Move {
    let news = after
        .log
        .iter()
        .skip(before.log.len())
        .map(|d| (source_name(d.source), crate::report::dispatch_text(s, d)))
        .collect();
    Move {
        number,
        week: turn.week,
        date: s.date_of_day(before.day).long(),
        action: action_text(s, &turn.action, before),
        answer: turn.answer.as_ref().map(|a| {
            let headline = reply_headline(s, a);
            let first = format!("{headline}.");
            AnswerFacts {
                why: explain_for(s, a, Reveal::for_state(end))
                    .into_iter()
                    .filter(|l| *l != first)
                    .collect(),
                headline,
            }
        }),
        news,
        meters: meters(after),
        outcome: turn.outcome.map(|o| o.title().to_string()),
    }
}

#[test]
fn moves_carry_their_own_news_and_the_walk_visits_each_state() {
    let s = Arc::new(crate::scenario::resolve("autumn-2025").expect("built-in"));
    let mut g = Game::new(s.clone(), 3);
    g.apply(Action::Threaten).expect("legal");
    g.apply(Action::Goodwill).expect("legal");
    let ms = moves(&g);
    assert_eq!(ms.len(), 2);
    assert_eq!(ms[0].action, "Threaten snap-back");
    assert!(ms[0].answer.is_some());
    // Each move's news is only what it added to the log, so no line is told twice.
    let told: usize = ms.iter().map(|m| m.news.len()).sum();
    assert_eq!(
        told + 1,
        g.state.log.len(),
        "the opening line is nobody's move"
    );
    let old = old_states(&g);
    let mut seen = Vec::new();
    let end = walk(&g, |k, st| {
        assert_eq!(*st, old[k], "state after {k} moves");
        seen.push(k);
    });
    assert_eq!(end, g.state);
    assert_eq!(seen, [0, 1, 2]);
}

/// A game from raw choices: each picks one of the legal non-proposal moves (agenda toggles
/// included), or a proposal fitted to the agenda.
fn random_game(s: &Arc<Scenario>, seed: u64, choices: &[(u8, Vec<usize>)]) -> Game {
    let mut g = Game::new(s.clone(), seed);
    for (pick, levels) in choices {
        if g.state.outcome.is_some() {
            break;
        }
        let action = if pick % 3 == 0 {
            let fitted: Vec<usize> = levels
                .iter()
                .zip(&s.issues)
                .map(|(&l, issue)| l % issue.levels.len())
                .collect();
            Action::Propose(query::normalise(s, &g.state, &Package(fitted)))
        } else {
            let legal = query::legal_actions(s, &g.state);
            match legal.get(usize::from(*pick) % legal.len().max(1)) {
                Some(a) => a.clone(),
                None => continue,
            }
        };
        let _ = g.apply(action);
    }
    g
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 48,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// The forward replay gives exactly the facts the old whole-state derivation gave.
    #[test]
    fn the_forward_replay_equals_the_whole_state_derivation(
        seed in any::<u64>(),
        choices in prop::collection::vec((any::<u8>(), prop::collection::vec(0usize..6, 10)), 0..40),
    ) {
        let s = Arc::new(crate::scenario::resolve("autumn-2025").expect("built-in"));
        let g = random_game(&s, seed, &choices);
        prop_assert_eq!(moves(&g), old_moves(&g));
        let old = old_states(&g);
        let mut boards = Vec::new();
        walk(&g, |_, st| boards.push(board(&s, st)));
        let old_boards: Vec<Board> = old.iter().map(|st| board(&s, st)).collect();
        prop_assert_eq!(boards, old_boards);
    }
}
