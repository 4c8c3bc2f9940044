//! A fast reader of a save's header for listings: one byte scan finds the top-level fields and
//! the few inside `state`, and only those small slices go through RON. A full RON parse of a
//! whole-game save takes about half a millisecond; this takes a few microseconds, so a folder
//! of a thousand saves lists at once. Anything unexpected gives `None`, and the caller falls
//! back to the full parser, which words the error; nothing here decides that a file is good.

use std::ops::Range;

use crate::engine::Outcome;

/// What a listing shows, as found by the scan.
#[derive(Debug, Clone, PartialEq)]
pub struct Scanned {
    /// Format version.
    pub version: u32,
    /// Display name (version 1: empty).
    pub name: String,
    /// Saved stamp (version 1: empty).
    pub saved_at: String,
    /// Game id (version 1: empty).
    pub game_id: String,
    /// Scenario name.
    pub scenario: String,
    /// Whether the scenario is embedded in the save (a custom one, or a copy of a built-in).
    pub embedded: bool,
    /// Seed.
    pub seed: u64,
    /// Number of actions (`moves` in version 1).
    pub actions: usize,
    /// The field holding them, for messages.
    pub actions_field: &'static str,
    /// The week the game stood in: format 3's header field, or from `state.day` and
    /// `state.horizon` in older formats (as `State::week`: never past the truce's last week).
    pub week: u32,
    /// Negotiating turns taken (format 3's header, or `state.turns`).
    pub turns: u32,
    /// How it ended (format 3's header key, or `state.outcome`).
    pub outcome: Option<Outcome>,
}

/// Scans a save's text; `None` if anything is not as a save of a known version writes it.
pub fn scan(text: &str) -> Option<Scanned> {
    let b = text.as_bytes();
    let at = skip_preamble(b)?;
    let at = expect_word(b, at, "TruceSave")?;
    let top = fields(b, at)?;
    let get = |key: &str| top.iter().find(|(k, _)| *k == key).map(|(_, r)| r.clone());
    let slice = |r: Range<usize>| text.get(r);
    let version: u32 = slice(get("version")?)?.trim().parse().ok()?;
    let seed: u64 = slice(get("seed")?)?.trim().parse().ok()?;
    // The state is a cache the format may drop or reshape: what is missing or unknown there
    // shows as week 1, in progress, rather than marking a loadable save as broken.
    let state = match get("state") {
        Some(r) => fields(b, skip_ws(b, r.start)?)?,
        None => Vec::new(),
    };
    let sget = |key: &str| {
        state
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, r)| r.clone())
    };
    let number = |key: &str| -> u32 {
        sget(key)
            .and_then(&slice)
            .and_then(|t| t.trim().parse().ok())
            .unwrap_or(0)
    };
    let top_number = |key: &str| -> Option<u32> { slice(get(key)?)?.trim().parse().ok() };
    // Format 3 states week, turns and outcome at the top; older formats inside the state.
    let outcome: Option<Outcome> = match get("outcome") {
        Some(r) => ron::from_str::<Option<String>>(slice(r)?)
            .ok()?
            .and_then(|k| outcome_of(&k)),
        None => sget("outcome")
            .and_then(&slice)
            .and_then(|t| ron::from_str(t).ok())
            .flatten(),
    };
    let week = top_number("week")
        .unwrap_or_else(|| week_of(number("day"), number("horizon")))
        .max(1);
    let turns = top_number("turns").unwrap_or_else(|| number("turns"));
    let string = |key: &str| -> Option<String> { ron::from_str(slice(get(key)?)?).ok() };
    let (name, saved_at, game_id, (scenario, embedded), list, actions_field) = if version == 1 {
        let scenario = string("scenario")?;
        let (e, n, s) = (String::new(), String::new(), String::new());
        (e, n, s, (scenario, false), get("moves")?, "moves")
    } else {
        let scenario = scenario_name(text, get("scenario")?)?;
        let (n, s, g) = (string("name")?, string("saved_at")?, string("game_id")?);
        (n, s, g, scenario, get("actions")?, "actions")
    };
    Some(Scanned {
        version,
        name,
        saved_at,
        game_id,
        scenario,
        embedded,
        seed,
        actions: count(b, list.start)?,
        actions_field,
        week,
        turns,
        outcome,
    })
}

/// The outcome a header key names (`Outcome::key`).
pub fn outcome_of(key: &str) -> Option<Outcome> {
    Outcome::ALL.into_iter().find(|o| o.key() == key)
}

/// As `State::week`: the week of the day, never past the truce's last.
pub fn week_of(day: u32, horizon: u32) -> u32 {
    day.min(horizon.saturating_sub(1)) / 7 + 1
}

/// `Builtin(name: "…", …)` or `Embedded(scenario: (name: "…", …))`: the name, and whether
/// it is embedded.
fn scenario_name(text: &str, r: Range<usize>) -> Option<(String, bool)> {
    let b = text.as_bytes();
    let at = skip_ws(b, r.start)?;
    let (inner, embedded) = if let Some(at) = expect_word(b, at, "Builtin") {
        (fields(b, at)?, false)
    } else {
        let at = expect_word(b, at, "Embedded")?;
        let outer = fields(b, at)?;
        let (_, s) = outer.into_iter().find(|(k, _)| *k == "scenario")?;
        (fields(b, skip_ws(b, s.start)?)?, true)
    };
    let (_, name) = inner.into_iter().find(|(k, _)| *k == "name")?;
    Some((ron::from_str(text.get(name)?).ok()?, embedded))
}

/// Past comments and `#![enable(…)]` attributes to the first value.
fn skip_preamble(b: &[u8]) -> Option<usize> {
    let mut at = skip_ws(b, 0)?;
    while b.get(at..at + 3) == Some(b"#![") {
        at = skip_value(b, at + 2)?;
        at = skip_ws(b, at)?;
    }
    Some(at)
}

/// At `word` followed by optional space: the offset after it.
fn expect_word(b: &[u8], at: usize, word: &str) -> Option<usize> {
    let end = at + word.len();
    if b.get(at..end) != Some(word.as_bytes()) || b.get(end).is_some_and(|c| is_word(*c)) {
        return None;
    }
    skip_ws(b, end)
}

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

/// Past whitespace and comments (block comments nest); `None` at an unclosed comment.
fn skip_ws(b: &[u8], mut at: usize) -> Option<usize> {
    loop {
        match (b.get(at), b.get(at + 1)) {
            (Some(b' ' | b'\t' | b'\n' | b'\r'), _) => at += 1,
            (Some(b'/'), Some(b'/')) => {
                while at < b.len() && b[at] != b'\n' {
                    at += 1;
                }
            }
            (Some(b'/'), Some(b'*')) => {
                let mut depth = 0usize;
                loop {
                    match (b.get(at), b.get(at + 1)) {
                        (None, _) => return None,
                        (Some(b'/'), Some(b'*')) => {
                            depth += 1;
                            at += 2;
                        }
                        (Some(b'*'), Some(b'/')) => {
                            depth -= 1;
                            at += 2;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => at += 1,
                    }
                }
            }
            _ => return Some(at),
        }
    }
}

/// The fields of `(key: value, …)` at `at` (which must be the opening bracket): each key and
/// its value's byte range.
fn fields(b: &[u8], at: usize) -> Option<Vec<(&str, Range<usize>)>> {
    if b.get(at) != Some(&b'(') {
        return None;
    }
    let mut out = Vec::new();
    let mut at = skip_ws(b, at + 1)?;
    loop {
        if b.get(at) == Some(&b')') {
            return Some(out);
        }
        let key_end = at + b.get(at..)?.iter().take_while(|c| is_word(**c)).count();
        let key = std::str::from_utf8(b.get(at..key_end)?).ok()?;
        if key.is_empty() {
            return None;
        }
        at = skip_ws(b, key_end)?;
        if b.get(at) != Some(&b':') {
            return None;
        }
        let start = skip_ws(b, at + 1)?;
        let end = skip_value(b, start)?;
        out.push((key, start..end));
        at = skip_ws(b, end)?;
        if b.get(at) == Some(&b',') {
            at = skip_ws(b, at + 1)?;
        }
    }
}

/// The number of elements of the list `[…]` at `at`.
fn count(b: &[u8], at: usize) -> Option<usize> {
    let mut at = skip_ws(b, at)?;
    if b.get(at) != Some(&b'[') {
        return None;
    }
    at = skip_ws(b, at + 1)?;
    let mut n = 0;
    loop {
        if b.get(at) == Some(&b']') {
            return Some(n);
        }
        at = skip_ws(b, skip_value(b, at)?)?;
        n += 1;
        if b.get(at) == Some(&b',') {
            at = skip_ws(b, at + 1)?;
        }
    }
}

/// Past one value at `at`: a string, a bracketed group, or an atom with an optional bracketed
/// group after it (`Some(…)`, `Builtin(…)`). Brackets are counted, never recursed into.
fn skip_value(b: &[u8], at: usize) -> Option<usize> {
    let mut at = at;
    match b.get(at)? {
        b'"' => return skip_string(b, at),
        b'\'' => return skip_char(b, at),
        b'r' if raw(b, at).is_some() => return skip_raw(b, at),
        b'(' | b'[' | b'{' => return skip_group(b, at),
        b')' | b']' | b'}' | b',' | b':' => return None,
        _ => {}
    }
    while at < b.len() && !b" \t\n\r()[]{},:\"'/".contains(&b[at]) {
        at += 1;
    }
    let next = skip_ws(b, at)?;
    if matches!(b.get(next), Some(b'(' | b'{')) {
        return skip_group(b, next);
    }
    Some(at)
}

fn skip_group(b: &[u8], mut at: usize) -> Option<usize> {
    let mut depth = 0usize;
    loop {
        match b.get(at)? {
            b'/' if matches!(b.get(at + 1), Some(b'/' | b'*')) => at = skip_ws(b, at)?,
            b'(' | b'[' | b'{' => {
                depth += 1;
                at += 1;
            }
            b')' | b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                at += 1;
                if depth == 0 {
                    return Some(at);
                }
            }
            b'"' => at = skip_string(b, at)?,
            b'\'' => at = skip_char(b, at)?,
            b'r' if raw(b, at).is_some() => at = skip_raw(b, at)?,
            _ => at += 1,
        }
    }
}

fn skip_string(b: &[u8], mut at: usize) -> Option<usize> {
    at += 1;
    loop {
        match b.get(at)? {
            b'\\' => at += 2,
            b'"' => return Some(at + 1),
            _ => at += 1,
        }
    }
}

fn skip_char(b: &[u8], mut at: usize) -> Option<usize> {
    at += 1;
    loop {
        match b.get(at)? {
            b'\\' => at += 2,
            b'\'' => return Some(at + 1),
            _ => at += 1,
        }
    }
}

/// At `r"` or `r#…#"`: the number of `#`.
fn raw(b: &[u8], at: usize) -> Option<usize> {
    if at > 0 && is_word(b[at - 1]) {
        return None;
    }
    let hashes = b.get(at + 1..)?.iter().take_while(|c| **c == b'#').count();
    (b.get(at + 1 + hashes) == Some(&b'"')).then_some(hashes)
}

fn skip_raw(b: &[u8], at: usize) -> Option<usize> {
    let hashes = raw(b, at)?;
    let mut i = at + 2 + hashes;
    loop {
        if *b.get(i)? == b'"' && b.get(i + 1..i + 1 + hashes)?.iter().all(|c| *c == b'#') {
            return Some(i + 1 + hashes);
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_header_of_a_save_shaped_text() {
        let text = "// c\n#![enable(implicit_some)]\nTruceSave(\n  version: 2, name: \"a ) \\\" (\",\n  \
                    saved_at: r#\"x\"(\"#, game_id: \"g-1\",\n  scenario: Embedded(scenario: (name: \
                    \"s\", title: \"(\")), seed: 7,\n  actions: [A, B(x: [1, 2]), C /* ] */],\n  \
                    state: (day: 15, horizon: 70, turns: 2, log: [\"]\"], outcome: None),\n)\n";
        let s = scan(text).expect("scans");
        assert_eq!(s.name, "a ) \" (");
        assert_eq!(s.saved_at, "x\"(");
        assert_eq!(s.scenario, "s");
        assert_eq!((s.seed, s.actions, s.week, s.turns), (7, 3, 3, 2));
        assert_eq!(s.outcome, None);
    }

    #[test]
    fn a_save_without_its_state_cache_still_has_a_header() {
        let text = "TruceSave(version: 2, name: \"n\", saved_at: \"s\", game_id: \"g\", \
                    scenario: Builtin(name: \"x\", hash: \"h\"), seed: 1, actions: [])";
        let s = scan(text).expect("scans");
        assert_eq!(
            (s.scenario.as_str(), s.actions, s.week, s.outcome),
            ("x", 0, 1, None)
        );
    }

    #[test]
    fn format_3_states_week_turns_and_outcome_in_its_header() {
        let text = "TruceSave(version: 3, name: \"n\", saved_at: \"s\", game_id: \"g\", \
                    game_version: \"0.2.0\", rules: 2, scenario_name: \"x\", seed: 1, week: 9, \
                    turns: 8, outcome: Some(\"framework_deal\"), \
                    scenario: Builtin(name: \"x\", hash: \"h\"), actions: [A, B], record: [])";
        let s = scan(text).expect("scans");
        assert_eq!(
            (s.week, s.turns, s.actions, s.outcome),
            (9, 8, 2, Some(Outcome::FrameworkDeal))
        );
    }

    #[test]
    fn anything_unexpected_is_none() {
        assert_eq!(scan("TruceSave(version: 2, name: \"x"), None);
        assert_eq!(scan("(version: 2)"), None);
        assert_eq!(scan("TruceSaved(version: 2)"), None);
        assert_eq!(scan(&"[".repeat(100_000)), None);
    }
}
