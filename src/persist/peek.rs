//! A save's header without the replay: name, id, scenario, week and outcome as the file states
//! them, for listings. Reading one costs a parse; a thousand saves list in well under a second.
//! Opening a save still goes through `load_game`, which replays and checks everything.
//!
//! Also the checks every save passes before it is replayed: an id that can name a file, and no
//! more actions than any real game takes.

use std::fmt;
use std::path::Path;

use serde::Deserialize;
use serde::de::{Deserializer, IgnoredAny, SeqAccess, Visitor};

use crate::engine::Outcome;
use crate::persist::error::SaveError;
use crate::persist::format::{CURRENT_VERSION, SaveFile, ScenarioRef, looks_like_save};
use crate::persist::names::{
    MAX_SAVE_NAME_CHARS, MAX_SCENARIO_NAME_CHARS, MAX_STAMP_CHARS, check_id, clean_name, escape,
    is_autosave,
};
use crate::persist::provenance::ScenarioId;
use crate::persist::read::{MAX_SAVE_BYTES, read_text};
use crate::persist::scan::{Scanned, outcome_of, scan, week_of};
use crate::scenario::span::Spans;

/// The most actions a save may hold: a whole game takes a few dozen, so ten thousand is no
/// honest file's and refusing above it keeps a hostile one from a minutes-long replay.
pub const MAX_ACTIONS: usize = 10_000;

/// What a list shows of a save, as its header states it (not replayed).
#[derive(Debug, Clone, PartialEq)]
pub struct SaveSummary {
    /// Display name.
    pub name: String,
    /// Game id.
    pub game_id: String,
    /// Scenario name.
    pub scenario: String,
    /// Whether the scenario is a custom one carried in the save (not a built-in, whatever its
    /// name says): a list marks it, and reports name it with its hash.
    pub custom: bool,
    /// The week the game stands in (1-based).
    pub week: u32,
    /// Negotiating turns taken.
    pub turns: u32,
    /// When it was saved (empty if unknown, as in a version-1 save).
    pub saved_at: String,
    /// How the game ended, if it has.
    pub outcome: Option<Outcome>,
    /// Whether this is an autosave slot.
    pub autosave: bool,
}

impl SaveSummary {
    /// The outcome in words, or "in progress".
    pub fn status(&self) -> &'static str {
        self.outcome.map_or("in progress", Outcome::title)
    }
}

/// Counts a list's elements without keeping them.
#[derive(Debug, Default)]
struct Count(usize);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Count, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Count;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Count, A::Error> {
                let mut n = 0;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    n += 1;
                }
                Ok(Count(n))
            }
        }
        d.deserialize_seq(V)
    }
}

#[derive(Deserialize)]
struct Named {
    name: String,
}

#[derive(Deserialize)]
enum Ref {
    Builtin { name: String },
    Embedded { scenario: Named },
}

/// The little of the state a listing shows; missing fields default (see `scan`).
#[derive(Deserialize, Default)]
struct PeekState {
    #[serde(default)]
    day: u32,
    #[serde(default)]
    horizon: u32,
    #[serde(default)]
    turns: u32,
    #[serde(default)]
    outcome: Option<Outcome>,
}

#[derive(Deserialize)]
#[serde(rename = "TruceSave")]
struct Header {
    version: u32,
    #[serde(default)]
    name: String,
    #[serde(default)]
    saved_at: String,
    #[serde(default)]
    game_id: String,
    scenario: Ref,
    #[serde(default)]
    seed: u64,
    #[serde(default)]
    actions: Count,
    #[serde(default)]
    state: PeekState,
    /// Format 3's header fields (older formats keep them in the state).
    #[serde(default)]
    week: Option<u32>,
    #[serde(default)]
    turns: Option<u32>,
    #[serde(default)]
    outcome: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename = "TruceSave")]
struct HeaderV1 {
    version: u32,
    scenario: String,
    seed: u64,
    #[serde(default)]
    moves: Count,
    #[serde(default)]
    state: PeekState,
}

/// Reads a save's header, without replaying it. Refuses what loading would refuse on sight:
/// not a regular file, too big, not a save, an unknown version, a bad id, too many actions.
pub fn peek(path: &Path) -> Result<SaveSummary, SaveError> {
    let file = path.display().to_string();
    let text = read_text(path, MAX_SAVE_BYTES, "save").map_err(|source| SaveError::Read {
        file: file.clone(),
        source,
    })?;
    let autosave = path
        .file_name()
        .is_some_and(|n| is_autosave(&n.to_string_lossy()));
    peek_str(&text, &file, autosave)
}

/// As `peek`, from text; `file` names it in messages.
pub fn peek_str(text: &str, file: &str, autosave: bool) -> Result<SaveSummary, SaveError> {
    if !looks_like_save(text) {
        // The full parser words a truncated or foreign file best.
        return Err(full_error(text, file));
    }
    let h = match scan(text) {
        Some(h) if (1..=CURRENT_VERSION).contains(&h.version) => h,
        _ => parse_header(text).ok_or_else(|| full_error(text, file))?,
    };
    if h.actions > MAX_ACTIONS {
        return Err(too_many(text, file, h.actions, h.actions_field));
    }
    if h.version >= 2 {
        check_id(&h.game_id).map_err(|why| bad_id(text, file, &h.game_id, &why))?;
    }
    let name = if h.version == 1 {
        format!("{} · seed {}", h.scenario, h.seed)
    } else {
        h.name
    };
    let custom = h.embedded && custom_scenario(text, file, &h.scenario);
    // What the file says about itself is cleaned and capped here, where it is read: a
    // listing of 20 saves with 8 MB names stays a listing.
    Ok(SaveSummary {
        name: clean_name(&name, MAX_SAVE_NAME_CHARS),
        game_id: h.game_id,
        scenario: clean_name(&h.scenario, MAX_SCENARIO_NAME_CHARS),
        custom,
        // As `State::week`: the week of the day, never past the truce's last.
        week: h.week,
        turns: h.turns,
        saved_at: clean_name(&h.saved_at, MAX_STAMP_CHARS),
        outcome: h.outcome,
        autosave,
    })
}

/// Whether a save's embedded scenario is custom: any whose name no built-in has; one named like
/// a built-in unless it is that built-in exactly, which takes a full parse (only for these).
fn custom_scenario(text: &str, file: &str, name: &str) -> bool {
    if crate::persist::load::builtin_with_hash(name).is_none() {
        return true;
    }
    match crate::persist::load::parse(text, file) {
        Ok((save, _)) => match &save.scenario {
            ScenarioRef::Embedded { scenario } => ScenarioId::of(scenario, true).is_custom(),
            ScenarioRef::Builtin { .. } => false,
        },
        // What does not parse will not load either; the list says so when it is opened.
        Err(_) => true,
    }
}

/// The header through RON, for a file the fast scan could not take (odd spacing, say).
fn parse_header(text: &str) -> Option<Scanned> {
    match ron::from_str::<Header>(text) {
        Ok(h) if (2..=CURRENT_VERSION).contains(&h.version) => Some(Scanned {
            version: h.version,
            name: h.name,
            saved_at: h.saved_at,
            game_id: h.game_id,
            embedded: matches!(h.scenario, Ref::Embedded { .. }),
            scenario: match h.scenario {
                Ref::Builtin { name } => name,
                Ref::Embedded { scenario } => scenario.name,
            },
            seed: h.seed,
            actions: h.actions.0,
            actions_field: "actions",
            week: h
                .week
                .unwrap_or_else(|| week_of(h.state.day, h.state.horizon))
                .max(1),
            turns: h.turns.unwrap_or(h.state.turns),
            outcome: match h.outcome {
                Some(k) => outcome_of(&k),
                None => h.state.outcome,
            },
        }),
        _ => match ron::from_str::<HeaderV1>(text) {
            Ok(h) if h.version == 1 => Some(Scanned {
                version: 1,
                name: String::new(),
                saved_at: String::new(),
                game_id: String::new(),
                scenario: h.scenario,
                embedded: false,
                seed: h.seed,
                actions: h.moves.0,
                actions_field: "moves",
                week: week_of(h.state.day, h.state.horizon),
                turns: h.state.turns,
                outcome: h.state.outcome,
            }),
            _ => None,
        },
    }
}

/// The error full loading gives for a file the header reader cannot take.
fn full_error(text: &str, file: &str) -> SaveError {
    match crate::persist::load::parse(text, file) {
        Err(e) => e,
        // Loads as a save but not as a header: a shape this reader does not know.
        Ok(_) => SaveError::Parse {
            file: file.into(),
            line: 1,
            col: 1,
            message: "the save's header cannot be read".into(),
        },
    }
}

fn too_many(text: &str, file: &str, count: usize, field: &str) -> SaveError {
    let p = Spans::new(text).find(field);
    SaveError::Limit {
        file: file.into(),
        line: p.line,
        col: p.col,
        what: "actions",
        count,
        limit: MAX_ACTIONS,
    }
}

/// A refused game id, placed at the `game_id` field and quoted escaped and shortened.
fn bad_id(text: &str, file: &str, id: &str, why: &str) -> SaveError {
    let p = Spans::new(text).find("game_id");
    SaveError::BadId {
        file: file.into(),
        line: p.line,
        col: p.col,
        why: format!("\"{}\" {why}", escape(&shorten(id.to_string(), 40))),
    }
}

fn shorten(s: String, max: usize) -> String {
    if s.chars().count() <= max {
        s
    } else {
        let mut t: String = s.chars().take(max).collect();
        t.push('…');
        t
    }
}

/// The checks a parsed save passes before its replay: an id that can name a file and no more
/// actions than `MAX_ACTIONS`.
pub fn check_parsed(save: &SaveFile, text: &str, file: &str) -> Result<(), SaveError> {
    if save.actions.len() > MAX_ACTIONS {
        return Err(too_many(text, file, save.actions.len(), "actions"));
    }
    check_id(&save.game_id).map_err(|why| bad_id(text, file, &save.game_id, &why))
}

/// A version-1 save that does not parse as one but has the fields of a later version: its
/// version number was edited down. Says so at the version, rather than RON's "Expected string"
/// at whichever field first differs.
pub fn edited_version(text: &str, file: &str) -> Option<SaveError> {
    let spans = Spans::new(text);
    let later: Vec<&str> = ["game_id", "actions", "saved_at"]
        .into_iter()
        .filter(|k| spans.has(k))
        .collect();
    if later.is_empty() {
        return None;
    }
    let p = spans.find("version");
    Some(SaveError::Parse {
        file: file.into(),
        line: p.line,
        col: p.col,
        message: format!(
            "the file says format version 1 but has fields version 1 never had ({}): the \
             version number was edited; a save of this build says version {CURRENT_VERSION}",
            later.join(", ")
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every save shipped or frozen: the fast scan reads exactly what RON reads.
    #[test]
    fn the_scan_agrees_with_ron_on_every_known_save() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = vec![root.join("saves"), root.join("tests/fixtures/saves")];
        let compat = root.join("tests/fixtures/compat");
        for e in std::fs::read_dir(&compat).unwrap().flatten() {
            if e.path().is_dir() {
                dirs.push(e.path());
            }
        }
        let mut checked = 0;
        for dir in dirs {
            for e in std::fs::read_dir(&dir).unwrap().flatten() {
                if e.path().extension().is_none_or(|x| x != "ron") {
                    continue;
                }
                let text = std::fs::read_to_string(e.path()).unwrap();
                match (scan(&text), parse_header(&text)) {
                    (Some(fast), Some(slow)) => {
                        assert_eq!(fast, slow, "{}", e.path().display());
                        checked += 1;
                    }
                    (None, Some(_)) => panic!("the scan missed {}", e.path().display()),
                    _ => {}
                }
            }
        }
        assert!(checked >= 20, "only {checked} saves compared");
    }
}
