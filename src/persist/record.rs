//! The per-turn record a save keeps, in a vocabulary that outlives the engine's types, and the
//! digest of the final state.
//!
//! A later build replays a save's actions under its own rules and compares what Beijing answers
//! now with what this record says it answered then: the words below never change meaning, so
//! an engine refactor (renamed replies, new fields) never breaks the comparison.

use serde::{Deserialize, Serialize};

use crate::ai::Reply;
use crate::engine::{Action, Game, Outcome, State, Turn};
use crate::persist::format::fnv1a64;

/// One accepted action as the record keeps it: the week it was taken in and Beijing's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TurnRecord {
    /// Week in which the action was taken (1-based).
    pub week: u32,
    /// Beijing's answer, one of the `answer` words (`none` when no answer is due).
    pub answer: String,
}

/// The answer words. Frozen: a save written today is compared against them for years.
pub mod word {
    /// The package is agreed in principle (also: the US took China's counter).
    pub const ACCEPT: &str = "accept";
    /// China put its own package on the table.
    pub const COUNTER: &str = "counter";
    /// China climbed the restriction ladder.
    pub const RESTRICT: &str = "restrict";
    /// A threat or gesture noted without escalation.
    pub const NOTED: &str = "noted";
    /// The truce was extended.
    pub const EXTEND: &str = "extend";
    /// No extension.
    pub const REFUSE_EXTENSION: &str = "refuse-extension";
    /// China's leader signed.
    pub const SIGN: &str = "sign";
    /// China's leader declined to sign.
    pub const REFUSE_SIGN: &str = "refuse-sign";
    /// No answer is due (agenda changes, walking away).
    pub const NONE: &str = "none";
}

/// The word for a reply. A new kind of reply gets a new word in `word`; an existing word is
/// never renamed or reused for something else, or old records would compare wrongly.
pub fn reply_word(reply: &Reply) -> &'static str {
    match reply {
        Reply::Accept => word::ACCEPT,
        Reply::Counter(_) => word::COUNTER,
        Reply::Restrict(_) => word::RESTRICT,
        Reply::Noted => word::NOTED,
        Reply::GrantExtension => word::EXTEND,
        Reply::RefuseExtension => word::REFUSE_EXTENSION,
        Reply::Sign => word::SIGN,
        Reply::RefuseSign => word::REFUSE_SIGN,
    }
}

/// The record of one turn of a game being played or replayed.
pub fn turn_record(turn: &Turn) -> TurnRecord {
    let answer = match (&turn.action, &turn.answer) {
        // An agenda change or a walk-out is not answered, whatever the state still holds.
        (Action::Agenda { .. } | Action::WalkAway, _) | (_, None) => word::NONE,
        (_, Some(a)) => reply_word(&a.reply),
    };
    TurnRecord {
        week: turn.week,
        answer: answer.to_string(),
    }
}

/// The record of every turn of a game.
pub fn game_record(game: &Game) -> Vec<TurnRecord> {
    game.history.iter().map(turn_record).collect()
}

/// The digest of a state: FNV-1a 64 of its compact RON, as 16 hex digits. Two replays under
/// the same rules give the same digest; any change to the state (an edit, other rules) changes it.
pub fn state_digest(state: &State) -> String {
    // Plain data: serialising cannot fail; if it ever did, the empty text's digest would simply
    // not match and loading would say the replay differs.
    let text = ron::to_string(state).unwrap_or_default();
    format!("{:016x}", fnv1a64(text.as_bytes()))
}

/// The key of an outcome as a save's header writes it (`Outcome::key`).
pub fn outcome_key(state: &State) -> Option<String> {
    state.outcome.map(|o| o.key().to_string())
}

/// The outcome a header's key names, if this build still has it.
pub fn outcome_of_key(key: &str) -> Option<Outcome> {
    Outcome::ALL.into_iter().find(|o| o.key() == key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Package;
    use crate::scenario;
    use std::sync::Arc;

    #[test]
    fn every_turn_gets_a_word_and_the_digest_follows_the_state() {
        let s = Arc::new(
            scenario::builtin("autumn-2025")
                .and_then(Result::ok)
                .unwrap(),
        );
        let mut game = Game::new(Arc::clone(&s), 3);
        let sq = Package(s.issues.iter().map(|i| i.status_quo).collect());
        let before = state_digest(&game.state);
        game.apply(Action::Goodwill).unwrap();
        game.apply(Action::Propose(sq)).unwrap();
        game.apply(Action::Agenda {
            issue: 9,
            on: false,
        })
        .unwrap();
        let record = game_record(&game);
        assert_eq!(record[0].answer, word::NOTED);
        assert_ne!(record[1].answer, word::NONE);
        assert_eq!(record[2].answer, word::NONE);
        assert_eq!(record[0].week, 1);
        assert_ne!(state_digest(&game.state), before);
        assert_eq!(state_digest(&game.state), state_digest(&game.state.clone()));
        for o in Outcome::ALL {
            assert_eq!(outcome_of_key(o.key()), Some(o));
        }
        assert_eq!(outcome_of_key("lost"), None);
    }
}
