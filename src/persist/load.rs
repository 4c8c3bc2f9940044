//! Loading a save: parse, check the version (reading older formats through `legacy`), then
//! verify or replay it under this build's rules (`replay`). Never writes.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::engine::Game;
use crate::persist::error::SaveError;
use crate::persist::format::{
    CURRENT_VERSION, Probe, SAVE_TAG, SaveFile, looks_like_save, scenario_hash,
};
use crate::persist::legacy::{ReadV1, ReadV2, from_v1, from_v2};
use crate::persist::names::{MAX_PLAYER_CHARS, MAX_SAVE_NAME_CHARS, MAX_STAMP_CHARS, clean_name};
use crate::persist::notice::Notice;
use crate::persist::provenance::{ChainCheck, ScenarioId};
use crate::persist::read::{MAX_SAVE_BYTES, read_text};
use crate::persist::replay::{Build, verify};
use crate::persist::save::GameInfo;
use crate::scenario::span::{Position, Spans, locate};
use crate::scenario::{self, LoadError, Problem, Scenario};

/// A save that loaded: verified against its digest (or saved state), or replayed under this
/// build's rules with a notice saying what changed.
#[derive(Debug, Clone)]
pub struct LoadedGame {
    /// The game, rebuilt by replay: scenario, seed, state and full history of turns. Scores
    /// and outcomes come from here, never from the file.
    pub game: Game,
    /// Its id and display name; keep it to save the game again in the same slots.
    pub info: GameInfo,
    /// When it was saved, as written in the file (empty for a migrated version-1 save).
    pub saved_at: String,
    /// The format version the file was written in (older ones were read by `legacy`).
    pub file_version: u32,
    /// Whether the scenario was embedded in the save rather than a built-in.
    pub embedded_scenario: bool,
    /// Which scenario it was played in: a built-in, or a custom one (by content hash), which
    /// may carry a built-in's name; reports group and label games by this, never by name.
    pub scenario_id: ScenarioId,
    /// What the save's move chain says (class games; `None` for others and older saves).
    pub chain: ChainCheck,
    /// Set when the save was made under other rules or another version of its scenario and
    /// was replayed under this build's: show it to the player. `None`: verified as saved.
    pub notice: Option<Notice>,
}

/// The built-in scenarios, parsed once per process, with their content hashes.
fn builtins() -> &'static [(Arc<Scenario>, String)] {
    static CACHE: OnceLock<Vec<(Arc<Scenario>, String)>> = OnceLock::new();
    CACHE.get_or_init(|| {
        scenario::BUILTIN
            .iter()
            .filter_map(|(name, _)| scenario::builtin(name).and_then(Result::ok))
            .map(|s| {
                let hash = scenario_hash(&s);
                (Arc::new(s), hash)
            })
            .collect()
    })
}

/// The built-in scenarios and hashes, for a `Build`.
pub(crate) fn builtins_cached() -> Vec<(Arc<Scenario>, String)> {
    builtins().to_vec()
}

/// The built-in scenario of this name and its hash (parsed once per process).
pub fn builtin_with_hash(name: &str) -> Option<(Arc<Scenario>, &'static str)> {
    builtins()
        .iter()
        .find(|(s, _)| s.name == name)
        .map(|(s, h)| (Arc::clone(s), h.as_str()))
}

/// Reads, checks and replays a save file. This is what `truce load` and the Load screen call.
pub fn load_game(path: &Path) -> Result<LoadedGame, SaveError> {
    let file = path.display().to_string();
    let text = read_text(path, MAX_SAVE_BYTES, "save").map_err(|source| SaveError::Read {
        file: file.clone(),
        source,
    })?;
    load_str(&text, &file)
}

/// As `load_game`, from text; `file` names it in messages.
pub fn load_str(text: &str, file: &str) -> Result<LoadedGame, SaveError> {
    load_str_with(text, file, &Build::current())
}

/// As `load_str`, under the given build (its rules, release and built-in scenarios).
pub fn load_str_with(text: &str, file: &str, build: &Build) -> Result<LoadedGame, SaveError> {
    let (save, file_version) = parse_with(text, file, build)?;
    crate::persist::peek::check_parsed(&save, text, file)?;
    let mut loaded = verify(save, file_version, text, file, build)?;
    // The names a file gives are cleaned and capped where they are read (neither is part of
    // the replay or the digest), so no report, list or screen gets a raw or 8 MB name.
    let info = &mut loaded.info;
    info.name = clean_name(&info.name, MAX_SAVE_NAME_CHARS);
    info.player = info
        .player
        .as_deref()
        .map(|p| clean_name(p, MAX_PLAYER_CHARS))
        .filter(|p| !p.is_empty());
    loaded.saved_at = clean_name(&loaded.saved_at, MAX_STAMP_CHARS);
    Ok(loaded)
}

/// Parses any known version into the current shape, without replaying; returns it and the
/// version found. Older formats get their header and record from their saved state, read
/// loosely; a version-1 file gets the hash of this build's built-in of its name.
pub fn parse(text: &str, file: &str) -> Result<(SaveFile, u32), SaveError> {
    parse_with(text, file, &Build::current())
}

fn parse_with(text: &str, file: &str, build: &Build) -> Result<(SaveFile, u32), SaveError> {
    if !looks_like_save(text) {
        return Err(if cut_before_tag(text) {
            let end = end_of(text);
            SaveError::Truncated {
                file: file.into(),
                line: end.line,
                col: end.col,
            }
        } else {
            SaveError::NotASave { file: file.into() }
        });
    }
    let probe: Probe = ron::from_str(text).map_err(|e| ron_error(file, text, &e))?;
    let at = |path: &str| locate(text, path);
    match probe.version {
        CURRENT_VERSION => {
            let save: SaveFile = ron::from_str(text).map_err(|e| ron_error(file, text, &e))?;
            Ok((save, CURRENT_VERSION))
        }
        2 => {
            let old: ReadV2 = ron::from_str(text).map_err(|e| ron_error(file, text, &e))?;
            Ok((from_v2(old, text), 2))
        }
        1 => {
            let old: ReadV1 = ron::from_str(text).map_err(|e| {
                crate::persist::peek::edited_version(text, file)
                    .unwrap_or_else(|| ron_error(file, text, &e))
            })?;
            let Some((_, hash)) = build.builtin(&old.scenario) else {
                return Err(unknown_scenario(file, at("scenario"), &old.scenario));
            };
            let hash = hash.to_string();
            Ok((from_v1(old, hash, text), 1))
        }
        v if v > CURRENT_VERSION => {
            let p = at("version");
            Err(SaveError::NewerVersion {
                file: file.into(),
                line: p.line,
                col: p.col,
                found: v,
                known: CURRENT_VERSION,
            })
        }
        v => {
            let p = at("version");
            Err(SaveError::UnknownVersion {
                file: file.into(),
                line: p.line,
                col: p.col,
                found: v,
            })
        }
    }
}

/// Validates an embedded scenario as a scenario file would be, placing problems in the save.
pub(crate) fn check_embedded(s: &Scenario, text: &str, file: &str) -> Result<(), SaveError> {
    let found = scenario::validate(s);
    if found.is_empty() {
        return Ok(());
    }
    let spans = Spans::new(text);
    let mut problems: Vec<Problem> = found
        .into_iter()
        .map(|(path, message)| {
            let p = spans.find(&format!("scenario.scenario.{path}"));
            Problem {
                line: p.line,
                col: p.col,
                message: format!("embedded scenario: {message}"),
            }
        })
        .collect();
    problems.sort_by_key(|p| (p.line, p.col));
    Err(SaveError::Scenario(LoadError {
        file: file.into(),
        problems,
    }))
}

pub(crate) fn unknown_scenario(file: &str, p: Position, name: &str) -> SaveError {
    SaveError::UnknownScenario {
        file: file.into(),
        line: p.line,
        col: p.col,
        name: name.into(),
        known: scenario::builtin_names().join(", "),
    }
}

/// A RON error, as `Truncated` (pointing at the end) when the text simply ran out: RON says
/// so, or the error is at the very end, or a bracket is still open there.
fn ron_error(file: &str, text: &str, e: &ron::error::SpannedError) -> SaveError {
    let (line, col) = (e.span.start.line, e.span.start.col);
    let end = end_of(text);
    let at_end = (line, col) >= (end.line, end.col);
    if matches!(e.code, ron::Error::Eof) || at_end || unclosed(text) {
        return SaveError::Truncated {
            file: file.into(),
            line: end.line,
            col: end.col,
        };
    }
    SaveError::Parse {
        file: file.into(),
        line,
        col,
        message: scenario::ron_message(&e.code),
    }
}

/// The position just after the last non-blank character.
fn end_of(text: &str) -> Position {
    let t = text.trim_end();
    let line = t.matches('\n').count() + 1;
    let last = t.rsplit('\n').next().unwrap_or("");
    Position {
        line,
        col: last.chars().count() + 1,
    }
}

/// Whether the text is only comments and a beginning of the tag: a save cut off at its start.
fn cut_before_tag(text: &str) -> bool {
    let rest: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let rest = rest.trim();
    SAVE_TAG.starts_with(rest)
}

/// Whether a bracket, string or block comment is still open at the end of the text.
fn unclosed(text: &str) -> bool {
    let mut depth = 0i64;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            '"' => loop {
                match chars.next() {
                    None => return true,
                    Some('\\') => {
                        chars.next();
                    }
                    Some('"') => break,
                    Some(_) => {}
                }
            },
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut prev = ' ';
                loop {
                    match chars.next() {
                        None => return true,
                        Some('/') if prev == '*' => break,
                        Some(c) => prev = c,
                    }
                }
            }
            _ => {}
        }
    }
    depth > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sees_what_is_left_open() {
        assert!(unclosed("T(a: [1, 2"));
        assert!(unclosed("T(a: \"x)"));
        assert!(unclosed("T(a: 1) /* c"));
        assert!(!unclosed("T(a: \")\", b: [1]) // (\n"));
        assert!(!unclosed("T(a: 1, : 2)"));
    }
}
