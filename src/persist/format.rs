//! The save file format: one RON file per game, versioned, with the migration from older shapes.
//!
//! A save holds the scenario (by name and content hash when built-in, embedded whole otherwise),
//! the seed and every action: the game is what replaying them gives. It also names the release
//! and the rules it was made under, a digest of the state the replay must reach under those
//! rules, a per-turn record of Beijing's answers in a stable vocabulary (so a later build can say
//! what its rules changed), and a header (week, turns, outcome) a list can show without replaying.
//! Formats 1 and 2 (which kept the whole state instead) are read by `legacy`.

use serde::{Deserialize, Serialize};

use crate::engine::Action;
use crate::persist::record::TurnRecord;
use crate::scenario::Scenario;

/// The format version this build writes.
pub const CURRENT_VERSION: u32 = 3;

/// The struct name a save file starts with; how `validate` tells a save from a scenario.
pub const SAVE_TAG: &str = "TruceSave";

/// Which scenario a game was played in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ScenarioRef {
    /// A scenario compiled into the binary, named, with the hash of its canonical form.
    Builtin {
        /// The built-in name, e.g. `autumn-2025`.
        name: String,
        /// FNV-1a 64 of the scenario's compact RON serialisation, 16 hex digits.
        hash: String,
    },
    /// A scenario from a file, kept whole so the save loads on a machine without the file.
    Embedded {
        /// The scenario.
        scenario: Box<Scenario>,
    },
}

impl ScenarioRef {
    /// The scenario's machine name.
    pub fn name(&self) -> &str {
        match self {
            ScenarioRef::Builtin { name, .. } => name,
            ScenarioRef::Embedded { scenario } => &scenario.name,
        }
    }
}

/// A save in the current format (version 3).
///
/// The game is the scenario, the seed and the actions; everything else is a cache or a header.
/// The header fields come first so a lister can read them without replaying (or even parsing
/// the scenario); `record` and `digest` let a later build say what its rules changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "TruceSave", deny_unknown_fields)]
pub struct SaveFile {
    /// Format version; always `CURRENT_VERSION` when written by this build.
    pub version: u32,
    /// A name to show in lists.
    pub name: String,
    /// When it was saved, as the caller gave it (RFC 3339 UTC from `persist::utc_now`).
    pub saved_at: String,
    /// Stable for one game across all its saves; names the autosave slot.
    pub game_id: String,
    /// The Truce release that wrote it (`CARGO_PKG_VERSION`; empty if unknown, as in format 1).
    #[serde(default)]
    pub game_version: String,
    /// The rules id it was played under (`engine::RULES`).
    #[serde(default)]
    pub rules: u32,
    /// The scenario's machine name, for lists (the same as in `scenario`).
    #[serde(default)]
    pub scenario_name: String,
    /// The seed the game started from.
    pub seed: u64,
    /// The week the game stood in when saved (header only: loading recomputes it).
    #[serde(default)]
    pub week: u32,
    /// Negotiating turns taken (header only).
    #[serde(default)]
    pub turns: u32,
    /// How the game had ended, as an `Outcome::key` (header only: loading recomputes it).
    #[serde(default)]
    pub outcome: Option<String>,
    /// The scenario.
    pub scenario: ScenarioRef,
    /// Every accepted action, in order.
    pub actions: Vec<Action>,
    /// One entry per action: its week and Beijing's answer, in the frozen vocabulary of
    /// `record::word`. Empty when unknown (an old file whose log could not be read).
    #[serde(default)]
    pub record: Vec<TurnRecord>,
    /// The digest of the state the actions replay to (`record::state_digest`); empty in files
    /// migrated from formats 1 and 2, which are checked against their saved state instead.
    #[serde(default)]
    pub digest: String,
    /// Who played it (`--player` or the name asked once); older saves have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub player: Option<String>,
    /// Whether it was played in class mode (`truce play --class`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub class: bool,
    /// How many times it was loaded and resumed mid-game outside class mode.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub reloads: u32,
    /// Whether the instructor's view (`--instructor`: the engine's dry run, Beijing's hidden
    /// numbers) was on in this game; never in class mode. Left out when off, so older saves and
    /// their fixtures read as before.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub instructor: bool,
    /// A class game's start stamp (`GameInfo::started_at`), covered by its chain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<String>,
    /// The head of a class game's move chain (`provenance::chain_head`), 64 hex digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chain: Option<String>,
    /// The first move the chain covers (0-based): a class game resumed from a save without a
    /// chain is chained from there on.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub chain_from: u32,
    /// When each move from `chain_from` on was first saved, in seconds since 1970.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moved_at: Vec<u64>,
    /// The key Beijing's hidden type was drawn with besides the seed, as hex: a served class's
    /// per-game draw key (`Game::draw_key`). Left out when there is none, so other saves read
    /// and write as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draw_key: Option<String>,
}

/// A draw key as saved: hex, or `None` for none.
pub fn draw_key_text(key: &[u8]) -> Option<String> {
    (!key.is_empty()).then(|| key.iter().map(|b| format!("{b:02x}")).collect())
}

/// A saved draw key back to bytes; `None` when it is not hex of at most 64 bytes.
pub fn draw_key_bytes(text: Option<&str>) -> Option<Vec<u8>> {
    let Some(hex) = text else {
        return Some(Vec::new());
    };
    if hex.len() % 2 != 0 || hex.len() > 128 {
        return None;
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| {
            hex.get(i..i + 2)
                .and_then(|d| u8::from_str_radix(d, 16).ok())
        })
        .collect()
}

/// For `skip_serializing_if`: a zero counter is left out, so saves without reloads read as before.
fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Just enough of any version to read its number.
#[derive(Deserialize)]
#[serde(rename = "TruceSave")]
pub(crate) struct Probe {
    pub version: u32,
}

/// FNV-1a, 64 bits: tiny, dependency-free and identical on every machine.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The content hash of a scenario: FNV-1a 64 of its compact RON form, as 16 hex digits.
pub fn scenario_hash(scenario: &Scenario) -> String {
    // A scenario is plain data (strings, numbers, vectors): serialising it cannot fail, and if it
    // ever did the empty text would hash to a value no built-in has, which loading reports.
    let text = ron::to_string(scenario).unwrap_or_default();
    format!("{:016x}", fnv1a64(text.as_bytes()))
}

/// A game id: scenario name, seed and a hash of when the game started, safe in a file name.
pub fn game_id(scenario: &str, seed: u64, started: &str) -> String {
    let stamp = fnv1a64(started.as_bytes()) & 0xffff_ffff;
    // A long scenario name is cut so the id (and the autosave file it names) stays short.
    let name: String = slug(scenario).chars().take(64).collect();
    format!("{}-{seed}-{stamp:08x}", name.trim_end_matches('-'))
}

/// Lower-case letters, digits and single dashes: safe in a file name on every platform.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() { "game".into() } else { out }
}

/// The text of a save: a comment, the tag, then the pretty RON of the fields, with one action
/// and one record entry per line.
pub fn to_text(save: &SaveFile) -> Result<String, ron::Error> {
    // Struct names are written only at the top: inner type names are Rust details, and a rename
    // in the engine must not break old saves.
    let config = ron::ser::PrettyConfig::new().struct_names(false);
    let shell = SaveFile {
        actions: Vec::new(),
        record: Vec::new(),
        moved_at: Vec::new(),
        ..save.clone()
    };
    let mut body = ron::ser::to_string_pretty(&shell, config)?;
    let line = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .compact_arrays(true)
        .compact_structs(true);
    for (field, items) in [
        ("actions", one_per_line(&save.actions, &line)?),
        ("record", one_per_line(&save.record, &line)?),
    ] {
        // The top-level fields are the only lines indented by exactly four spaces.
        body = body.replacen(
            &format!("\n    {field}: [],\n"),
            &format!("\n    {field}: [{items}],\n"),
            1,
        );
    }
    // The move stamps, left out of the shell when empty, go last, one per line like the moves.
    if !save.moved_at.is_empty()
        && let Some(end) = body.rfind(')')
    {
        let items = one_per_line(&save.moved_at, &line)?;
        body.insert_str(end, &format!("    moved_at: [{items}],\n"));
    }
    Ok(format!(
        "// A saved game of Truce. Loading replays the actions: under the same rules the replay\n\
         // must reach the digest (an edited save is refused); under newer rules it is replayed.\n\
         {SAVE_TAG}{body}\n"
    ))
}

/// The items of a list, each on its own line, indented under a top-level field.
fn one_per_line<T: Serialize>(
    items: &[T],
    config: &ron::ser::PrettyConfig,
) -> Result<String, ron::Error> {
    let mut out = String::new();
    for item in items {
        out.push_str("\n        ");
        out.push_str(&ron::ser::to_string_pretty(item, config.clone())?);
        out.push(',');
    }
    if !items.is_empty() {
        out.push_str("\n    ");
    }
    Ok(out)
}

/// Whether RON text is a save (starts, after comments, with `TruceSave(`) rather than a scenario.
pub fn looks_like_save(text: &str) -> bool {
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("//") {
            rest = r.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.split_once("*/").map_or("", |(_, after)| after);
        } else if let Some(r) = rest.strip_prefix("#![") {
            rest = r.split_once(']').map_or("", |(_, after)| after);
        } else {
            break;
        }
    }
    rest.strip_prefix(SAVE_TAG)
        .is_some_and(|r| r.trim_start().starts_with('('))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_matches_the_reference_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn slugs_and_ids_are_file_safe() {
        assert_eq!(slug("Autumn 2025: Busan!"), "autumn-2025-busan");
        assert_eq!(slug("  "), "game");
        let id = game_id("autumn-2025", 42, "2025-10-30T12:00:00Z");
        assert!(id.starts_with("autumn-2025-42-"), "{id}");
        assert_eq!(id, game_id("autumn-2025", 42, "2025-10-30T12:00:00Z"));
        assert_ne!(id, game_id("autumn-2025", 42, "2025-10-30T12:00:01Z"));
    }

    #[test]
    fn tells_saves_from_scenarios() {
        assert!(looks_like_save("// c\n/* d */\nTruceSave (version: 2)"));
        assert!(looks_like_save(
            "#![enable(implicit_some)]\nTruceSave(version: 2)"
        ));
        assert!(!looks_like_save("(name: \"x\")"));
        assert!(!looks_like_save("TruceSaved(version: 2)"));
        assert!(!looks_like_save(""));
    }
}
