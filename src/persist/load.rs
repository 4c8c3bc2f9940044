//! Loading a save: parse, check the version (migrating older ones), resolve the scenario, replay
//! the actions from the seed and prove the replay reaches the saved state. Never writes.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::engine::Game;
use crate::persist::diff::differences;
use crate::persist::error::{Difference, Differences, SaveError};
use crate::persist::format::{
    CURRENT_VERSION, Probe, SAVE_TAG, SaveFile, SaveV1, ScenarioRef, looks_like_save, scenario_hash,
};
use crate::persist::read::{MAX_SAVE_BYTES, read_text};
use crate::persist::save::GameInfo;
use crate::scenario::span::{Position, Spans, locate};
use crate::scenario::{self, LoadError, Problem, Scenario};

/// How many differing fields a mismatch lists.
const MAX_DIFFERENCES: usize = 8;

/// A save that loaded and replayed to exactly its saved state.
#[derive(Debug, Clone)]
pub struct LoadedGame {
    /// The game, rebuilt by replay: scenario, seed, state and full history of turns.
    pub game: Game,
    /// Its id and display name; keep it to save the game again in the same slots.
    pub info: GameInfo,
    /// When it was saved, as written in the file (empty for a migrated version-1 save).
    pub saved_at: String,
    /// The format version the file was written in (older ones were migrated on load).
    pub file_version: u32,
    /// Whether the scenario was embedded in the save rather than a built-in.
    pub embedded_scenario: bool,
}

/// A built-in scenario, parsed once, with its content hash.
struct Builtin {
    name: &'static str,
    scenario: Option<(Arc<Scenario>, String)>,
}

fn builtins() -> &'static [Builtin] {
    static CACHE: OnceLock<Vec<Builtin>> = OnceLock::new();
    CACHE.get_or_init(|| {
        scenario::BUILTIN
            .iter()
            .map(|(name, _)| Builtin {
                name,
                scenario: scenario::builtin(name).and_then(Result::ok).map(|s| {
                    let hash = scenario_hash(&s);
                    (Arc::new(s), hash)
                }),
            })
            .collect()
    })
}

/// The built-in scenario of this name and its hash (parsed once per process).
pub fn builtin_with_hash(name: &str) -> Option<(Arc<Scenario>, &'static str)> {
    builtins()
        .iter()
        .find(|b| b.name == name)
        .and_then(|b| b.scenario.as_ref())
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
    let (save, file_version) = parse(text, file)?;
    crate::persist::peek::check_parsed(&save, text, file)?;
    verify(save, file_version, text, file)
}

/// Parses any known version into the current shape; returns it and the version found.
pub fn parse(text: &str, file: &str) -> Result<(SaveFile, u32), SaveError> {
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
        1 => {
            let old: SaveV1 = ron::from_str(text).map_err(|e| {
                crate::persist::peek::edited_version(text, file)
                    .unwrap_or_else(|| ron_error(file, text, &e))
            })?;
            let Some((_, hash)) = builtin_with_hash(&old.scenario) else {
                return Err(unknown_scenario(file, at("scenario"), &old.scenario));
            };
            Ok((old.migrate(hash.to_string()), 1))
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

/// Resolves the scenario, replays the actions and compares the result with the saved state.
fn verify(
    save: SaveFile,
    file_version: u32,
    text: &str,
    file: &str,
) -> Result<LoadedGame, SaveError> {
    // The text is indexed once, and only if a problem needs placing.
    let spans = std::cell::OnceCell::new();
    let at = |path: &str| spans.get_or_init(|| Spans::new(text)).find(path);
    let (scenario, embedded) = match &save.scenario {
        ScenarioRef::Builtin { name, hash } => {
            let Some((s, current)) = builtin_with_hash(name) else {
                return Err(unknown_scenario(file, at("scenario.name"), name));
            };
            if hash != current {
                let p = at("scenario.hash");
                return Err(SaveError::ScenarioChanged {
                    file: file.into(),
                    line: p.line,
                    col: p.col,
                    name: name.clone(),
                    saved: hash.clone(),
                    current: current.to_string(),
                });
            }
            (s, false)
        }
        ScenarioRef::Embedded { scenario } => {
            check_embedded(scenario, text, file)?;
            (Arc::new((**scenario).clone()), true)
        }
    };
    // Version 1 called the actions `moves`: point there when the file is version 1.
    let actions_field = if file_version == 1 {
        "moves"
    } else {
        "actions"
    };
    let game = Game::replay(scenario, save.seed, &save.actions).map_err(|(i, e)| {
        let p = at(&format!("{actions_field}[{i}]"));
        SaveError::Refused {
            file: file.into(),
            line: p.line,
            col: p.col,
            number: i + 1,
            label: save.actions[i].label().into(),
            reason: e.to_string(),
        }
    })?;
    if game.state != save.state {
        let (found, more) = differences("state", &save.state, &game.state, MAX_DIFFERENCES);
        let mut list: Vec<Difference> = found
            .into_iter()
            .map(|(path, saved, replayed)| {
                let p = at(&path);
                Difference {
                    path,
                    saved,
                    replayed,
                    line: p.line,
                    col: p.col,
                }
            })
            .collect();
        list.sort_by_key(|d| (d.line, d.col));
        return Err(SaveError::Mismatch {
            actions: save.actions.len(),
            diffs: Differences {
                file: file.into(),
                list,
                more,
            },
        });
    }
    Ok(LoadedGame {
        game,
        info: GameInfo {
            id: save.game_id,
            name: save.name,
        },
        saved_at: save.saved_at,
        file_version,
        embedded_scenario: embedded,
    })
}

/// Validates an embedded scenario as a scenario file would be, placing problems in the save.
fn check_embedded(s: &Scenario, text: &str, file: &str) -> Result<(), SaveError> {
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

fn unknown_scenario(file: &str, p: Position, name: &str) -> SaveError {
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
