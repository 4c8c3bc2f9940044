//! What a save can prove about where it came from: which scenario it was played in (a built-in,
//! or a custom one, perhaps carrying a built-in's name), and the chain of its moves.
//!
//! The chain: a class game's save holds its start stamp, a wall-clock stamp per move (when the
//! move was first saved, which the autosave after every turn makes the time it was played),
//! and the head of a SHA-256 chain over them:
//!
//! ```text
//! genesis = H(tag || game id || start stamp || scenario name || scenario hash || seed || from)
//! link_i  = H(link_{i-1} || i || action as RON || answer word || stamp_i)
//! ```
//!
//! Every field is length-prefixed, so no two different inputs hash alike by moving a boundary.
//! Without a key anyone with the source can recompute a chain, so an intact chain proves only
//! that nobody edited the moves, stamps or start by hand since the game saved them; a class
//! key (a later issue) turns `H` into HMAC-SHA-256 under that key and nothing else changes.

use std::sync::{Arc, Mutex, PoisonError};

use sha2::{Digest, Sha256};

use crate::engine::Action;
use crate::persist::format::{SaveFile, ScenarioRef, scenario_hash};
use crate::persist::load::builtin_with_hash;
use crate::scenario::Scenario;

/// Names the chain's construction; a new construction gets a new tag.
const CHAIN_TAG: &[u8] = b"truce-chain-1";

/// SHA-256 of some bytes, as 64 lower-case hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        // Writing to a String cannot fail.
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// Which scenario a game was played in, as a report names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScenarioId {
    /// The scenario's machine name, as the scenario states it.
    pub name: String,
    /// For a custom scenario (embedded in the save and not a built-in), the SHA-256 of its
    /// compact RON, 64 hex digits; `None` for a built-in.
    pub custom: Option<String>,
    /// Whether a custom scenario carries the name of a built-in it is not.
    pub named_like_builtin: bool,
}

impl ScenarioId {
    /// A built-in scenario of this name.
    pub fn builtin(name: &str) -> ScenarioId {
        ScenarioId {
            name: name.to_string(),
            custom: None,
            named_like_builtin: false,
        }
    }

    /// The identity of a game's scenario. A scenario embedded in a save is custom unless it is
    /// exactly the built-in of its name (compared whole, never by a hash one could aim at).
    pub fn of(scenario: &Scenario, embedded: bool) -> ScenarioId {
        if !embedded {
            return ScenarioId::builtin(&scenario.name);
        }
        let builtin = builtin_with_hash(&scenario.name);
        if builtin.as_ref().is_some_and(|(b, _)| **b == *scenario) {
            return ScenarioId::builtin(&scenario.name);
        }
        // A scenario is plain data: serialising cannot fail; if it did, the empty text's hash
        // would still mark it custom.
        let text = ron::to_string(scenario).unwrap_or_default();
        ScenarioId {
            name: scenario.name.clone(),
            custom: Some(sha256_hex(text.as_bytes())),
            named_like_builtin: builtin.is_some(),
        }
    }

    /// Whether it is a custom scenario.
    pub fn is_custom(&self) -> bool {
        self.custom.is_some()
    }

    /// The first 8 hex digits of a custom scenario's hash.
    pub fn short_hash(&self) -> Option<&str> {
        self.custom.as_deref().map(|h| h.get(..8).unwrap_or(h))
    }

    /// How a report names it: `autumn-2025`, or `autumn-2025 (custom 1a2b3c4d…)`.
    pub fn label(&self) -> String {
        match self.short_hash() {
            Some(h) => format!("{} (custom {h}…)", self.name),
            None => self.name.clone(),
        }
    }

    /// What `validate` and `load --check` say of a custom scenario under a built-in's name.
    pub fn warning(&self) -> Option<String> {
        let hash = self.custom.as_deref()?;
        self.named_like_builtin.then(|| {
            format!(
                "embeds a custom scenario named like the built-in {} but different (hash \
                 {hash}): reports show it as custom",
                self.name
            )
        })
    }
}

/// What the chain of a save says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ChainCheck {
    /// The save has no chain: not a class game, or saved by a build before chains.
    #[default]
    None,
    /// The chain checks: nobody edited the moves, their stamps or the start by hand.
    Intact {
        /// The first move the chain covers (0-based); earlier ones were saved without it (a
        /// class game resumed from a save without a chain, or with a broken one).
        from: usize,
        /// Moves it covers.
        moves: usize,
        /// The game's start stamp, as recorded.
        started_at: String,
        /// The stamp of the first and the last move it covers (seconds since 1970).
        span: Option<(u64, u64)>,
    },
    /// The chain does not check: something it covers was changed after saving.
    Broken {
        /// Why, in words.
        why: String,
    },
}

impl ChainCheck {
    /// One word for a column: `intact`, `partial` (intact from a later move), `broken`, `none`.
    pub fn word(&self) -> &'static str {
        match self {
            ChainCheck::None => "none",
            ChainCheck::Intact { from: 0, .. } => "intact",
            ChainCheck::Intact { .. } => "partial",
            ChainCheck::Broken { .. } => "broken",
        }
    }

    /// Seconds between the first and last stamped move, when the chain is intact.
    pub fn seconds(&self) -> Option<u64> {
        match self {
            ChainCheck::Intact {
                span: Some((a, b)), ..
            } => Some(b.saturating_sub(*a)),
            _ => None,
        }
    }

    /// A sentence for a transcript or `load --check`.
    pub fn describe(&self) -> String {
        match self {
            ChainCheck::None => "none (not a class game, or saved before chains)".into(),
            ChainCheck::Intact {
                from,
                moves,
                started_at,
                ..
            } => {
                let over = self
                    .seconds()
                    .map_or(String::new(), |s| format!(", played over {}", duration(s)));
                let start = if started_at.is_empty() {
                    String::new()
                } else {
                    format!(", started {started_at}")
                };
                let part = if *from > 0 {
                    format!(" from move {} (earlier moves unchained)", from + 1)
                } else {
                    String::new()
                };
                format!("intact{part}: {moves} move(s) stamped{over}{start}")
            }
            ChainCheck::Broken { why } => format!("broken: {why}"),
        }
    }
}

/// Seconds as `0 s`, `45 s`, `12 min`, `2 h 5 min`.
pub fn duration(secs: u64) -> String {
    match secs {
        0..60 => format!("{secs} s"),
        60..3600 => format!("{} min", secs / 60),
        _ => format!("{} h {} min", secs / 3600, secs / 60 % 60),
    }
}

/// The stamps of a game's moves while it is played: the first move the chain covers and, for
/// each move from there, when it was first saved. Clones of one `GameInfo` share them, so the
/// UI's autosave after every turn extends the chain through the `&GameInfo` it already passes.
#[derive(Debug, Clone, Default)]
pub struct MoveStamps(Arc<Mutex<Stamps>>);

/// The shared part of `MoveStamps`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Stamps {
    from: usize,
    at: Vec<u64>,
}

impl PartialEq for MoveStamps {
    fn eq(&self, other: &MoveStamps) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.get() == other.get()
    }
}

impl Eq for MoveStamps {}

impl MoveStamps {
    /// Stamps for moves from `from` on, as a save recorded them.
    pub fn new(from: usize, at: Vec<u64>) -> MoveStamps {
        MoveStamps(Arc::new(Mutex::new(Stamps { from, at })))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Stamps> {
        // A panic elsewhere while holding the lock leaves plain data behind: still usable.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn get(&self) -> Stamps {
        self.lock().clone()
    }

    /// Brings the stamps to a game of `moves` moves: moves not stamped yet get `now`; a game
    /// shorter than the stamps drops the extra ones. Returns the first covered move and the
    /// stamps.
    pub fn extend(&self, moves: usize, now: u64) -> (usize, Vec<u64>) {
        let mut s = self.lock();
        if moves < s.from {
            s.from = moves;
            s.at.clear();
        }
        let want = moves - s.from;
        s.at.truncate(want);
        let missing = want - s.at.len();
        s.at.extend(std::iter::repeat_n(now, missing));
        (s.from, s.at.clone())
    }
}

/// Seconds since 1970 of an RFC 3339 stamp such as `persist::utc_now` gives; 0 for anything
/// else (a test's "now").
pub fn stamp_seconds(stamp: &str) -> u64 {
    stamp
        .parse::<jiff::Timestamp>()
        .map_or(0, |t| u64::try_from(t.as_second()).unwrap_or(0))
}

/// What the chain covers, borrowed from a save or a game.
pub struct ChainInput<'a> {
    /// The game id.
    pub game_id: &'a str,
    /// The start stamp.
    pub started_at: &'a str,
    /// The scenario as the save refers to it.
    pub scenario: &'a ScenarioRef,
    /// The seed.
    pub seed: u64,
    /// The first move covered.
    pub from: usize,
    /// Every action of the game.
    pub actions: &'a [Action],
    /// Beijing's answer word to each action.
    pub answers: &'a [&'a str],
    /// The stamp of each move from `from` on.
    pub at: &'a [u64],
}

/// Feeds one length-prefixed field.
fn feed(h: &mut Sha256, bytes: &[u8]) {
    h.update((bytes.len() as u64).to_le_bytes());
    h.update(bytes);
}

/// The head of the chain, 64 hex digits; `None` when the lengths do not agree.
pub fn chain_head(c: &ChainInput) -> Option<String> {
    let n = c.actions.len();
    if c.from > n || c.at.len() != n - c.from || c.answers.len() != n {
        return None;
    }
    let hash = match c.scenario {
        ScenarioRef::Builtin { hash, .. } => hash.clone(),
        ScenarioRef::Embedded { scenario } => scenario_hash(scenario),
    };
    let mut h = Sha256::new();
    feed(&mut h, CHAIN_TAG);
    feed(&mut h, c.game_id.as_bytes());
    feed(&mut h, c.started_at.as_bytes());
    feed(&mut h, c.scenario.name().as_bytes());
    feed(&mut h, hash.as_bytes());
    feed(&mut h, &c.seed.to_le_bytes());
    feed(&mut h, &(c.from as u64).to_le_bytes());
    let mut prev = h.finalize();
    for (i, stamp) in c.at.iter().enumerate() {
        let index = c.from + i;
        // Actions are plain data: serialising cannot fail (and an empty text would still be
        // hashed the same way by the writer and the checker).
        let action = ron::to_string(&c.actions[index]).unwrap_or_default();
        let mut h = Sha256::new();
        feed(&mut h, &prev);
        feed(&mut h, &(index as u64).to_le_bytes());
        feed(&mut h, action.as_bytes());
        feed(&mut h, c.answers[index].as_bytes());
        feed(&mut h, &stamp.to_le_bytes());
        prev = h.finalize();
    }
    Some(hex(&prev))
}

/// Checks a save's chain against what it holds (the file's own actions and record, not a
/// replay: the chain says what was saved).
pub fn check_chain(save: &SaveFile) -> ChainCheck {
    let Some(head) = &save.chain else {
        return ChainCheck::None;
    };
    let from = usize::try_from(save.chain_from).unwrap_or(usize::MAX);
    let n = save.actions.len();
    if from > n || save.moved_at.len() != n - from {
        return ChainCheck::Broken {
            why: format!(
                "{} move stamp(s) for {} move(s) from move {}",
                save.moved_at.len(),
                n.saturating_sub(from),
                from.saturating_add(1)
            ),
        };
    }
    if save.record.len() != n {
        return ChainCheck::Broken {
            why: "the record of Beijing's answers does not cover every move".into(),
        };
    }
    let answers: Vec<&str> = save.record.iter().map(|r| r.answer.as_str()).collect();
    let started_at = save.started_at.clone().unwrap_or_default();
    let computed = chain_head(&ChainInput {
        game_id: &save.game_id,
        started_at: &started_at,
        scenario: &save.scenario,
        seed: save.seed,
        from,
        actions: &save.actions,
        answers: &answers,
        at: &save.moved_at,
    });
    if computed.as_deref() != Some(head.as_str()) {
        return ChainCheck::Broken {
            why: "the moves, their stamps or the game's start were changed after saving".into(),
        };
    }
    ChainCheck::Intact {
        from,
        moves: save.moved_at.len(),
        // Hashed as the file holds it, shown cleaned and capped like every stamp a file gives.
        started_at: crate::persist::names::clean_name(
            &started_at,
            crate::persist::names::MAX_STAMP_CHARS,
        ),
        span: save
            .moved_at
            .first()
            .zip(save.moved_at.last())
            .map(|(a, b)| (*a, *b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_matches_the_reference_vector() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn stamps_extend_truncate_and_are_shared_by_clones() {
        let s = MoveStamps::default();
        let t = s.clone();
        assert_eq!(s.extend(2, 10), (0, vec![10, 10]));
        assert_eq!(t.extend(3, 20), (0, vec![10, 10, 20]));
        assert_eq!(s.extend(1, 30), (0, vec![10]));
        let later = MoveStamps::new(5, vec![]);
        assert_eq!(later.extend(6, 40), (5, vec![40]));
        assert_eq!(later.extend(2, 50), (2, vec![]));
        assert_eq!(s, t);
        assert_ne!(s, later);
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(0), "0 s");
        assert_eq!(duration(125), "2 min");
        assert_eq!(duration(7500), "2 h 5 min");
        assert_eq!(stamp_seconds("1970-01-01T00:01:00Z"), 60);
        assert_eq!(stamp_seconds("now"), 0);
    }
}
