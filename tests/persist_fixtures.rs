//! Each broken or old save under `tests/fixtures/saves/` gives its own clear error (or, for
//! version 1, migrates); the fixtures and `saves/` are what `make_saves` generates today.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use truce::persist::{self, SaveError};
use truce::scenario;

const REGENERATE: &str =
    "stale: run `cargo run --example make_saves` and commit saves/ and tests/fixtures/saves/";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/saves")
        .join(name)
}

/// Loads a fixture, checks it is refused, that loading left it untouched, and that the message
/// is `file:line:column: ...` naming the file.
fn refused(name: &str) -> (SaveError, String) {
    let path = fixture(name);
    let before = fs::read(&path).unwrap();
    let err = persist::load_game(&path).expect_err(name);
    assert_eq!(fs::read(&path).unwrap(), before, "loading changed {name}");
    let msg = err.to_string();
    let file = path.display().to_string();
    let rest = msg
        .strip_prefix(&format!("{file}:"))
        .unwrap_or_else(|| panic!("{msg}"));
    let mut parts = rest.splitn(3, ':');
    let line = parts.next().unwrap_or("");
    let col = parts.next().unwrap_or("");
    assert!(
        line.parse::<usize>().is_ok() && col.parse::<usize>().is_ok(),
        "not file:line:col: {msg}"
    );
    (err, msg)
}

#[test]
fn the_good_fixture_loads() {
    let loaded = persist::load_game(&fixture("good.ron")).unwrap();
    assert_eq!(loaded.game.scenario.name, "autumn-2025");
}

#[test]
fn a_truncated_save_says_so() {
    let (err, msg) = refused("truncated.ron");
    assert!(matches!(err, SaveError::Truncated { .. }), "{err:?}");
    assert!(
        msg.ends_with("the save ends early: the file is truncated or incomplete"),
        "{msg}"
    );
}

#[test]
fn invalid_ron_points_at_the_character() {
    let (err, msg) = refused("invalid-ron.ron");
    let SaveError::Parse { line, col, .. } = err else {
        panic!("{err:?}")
    };
    let text = fs::read_to_string(fixture("invalid-ron.ron")).unwrap();
    let bad_line = text.lines().nth(line - 1).unwrap();
    // RON points at the stray colon or the blank just before it.
    let from: String = bad_line.chars().skip(col - 1).collect();
    assert!(from.trim_start().starts_with(": 1"), "{msg}");
    assert!(bad_line.contains("seed"), "{msg}");
}

#[test]
fn a_newer_version_asks_for_a_newer_truce() {
    let (err, msg) = refused("newer-version.ron");
    assert!(
        matches!(
            err,
            SaveError::NewerVersion {
                found: 99,
                known: 3,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        msg.contains("format version 99, newer than this build"),
        "{msg}"
    );
    assert!(msg.contains(":4:14:"), "points at the version: {msg}");
}

#[test]
fn an_unknown_scenario_is_named() {
    let (err, msg) = refused("unknown-scenario.ron");
    assert!(matches!(err, SaveError::UnknownScenario { .. }), "{err:?}");
    assert!(
        msg.contains("\"spring-2026\", which this build does not have (built-in: autumn-2025, phase-one-2019, rare-earth-shock)"),
        "{msg}"
    );
}

#[test]
fn an_edited_save_under_the_same_rules_is_refused_naming_what_differs() {
    // The fixture's first proposal was changed by hand; the rest is as saved.
    let (err, msg) = refused("edited-state.ron");
    let SaveError::Mismatch { diffs, .. } = &err else {
        panic!("{err:?}")
    };
    let d = diffs
        .list
        .iter()
        .find(|d| d.path == "digest")
        .unwrap_or_else(|| panic!("the digest is not named: {msg}"));
    assert_ne!(d.saved, d.replayed);
    let text = fs::read_to_string(fixture("edited-state.ron")).unwrap();
    let line = text.lines().nth(d.line - 1).unwrap();
    assert!(line.trim_start().starts_with("digest:"), "{line}");
    assert!(msg.contains("corrupt or was edited"), "{msg}");
    assert!(
        msg.contains(&format!(
            "digest: saved {}, replay gives {}",
            d.saved, d.replayed
        )),
        "{msg}"
    );
    // The fixture differs from the good save in one line only: the first proposal.
    let good = fs::read_to_string(fixture("good.ron")).unwrap();
    let changed = good
        .lines()
        .zip(text.lines())
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(changed, 1, "the edited fixture should differ in one line");
}

#[test]
fn a_refused_action_is_numbered() {
    let (err, msg) = refused("refused-action.ron");
    assert!(
        matches!(err, SaveError::Refused { number: 1, .. }),
        "{err:?}"
    );
    assert!(
        msg.contains("action 1 (sign at the summit) is refused on replay"),
        "{msg}"
    );
}

#[test]
fn a_version_1_save_is_migrated_on_load() {
    let path = fixture("version-1.ron");
    let before = fs::read(&path).unwrap();
    let loaded = persist::load_game(&path).unwrap();
    assert_eq!(fs::read(&path).unwrap(), before, "loading rewrote the file");
    assert_eq!(loaded.file_version, 1);
    assert_eq!(loaded.saved_at, "");
    assert!(loaded.info.name.contains("autumn-2025"));
    assert!(!loaded.info.id.is_empty());
    let good = persist::load_game(&fixture("good.ron")).unwrap();
    assert_eq!(loaded.game.state, good.game.state);
    assert_eq!(loaded.game.history, good.game.history);
    // Saving it again writes the current version.
    let text =
        persist::format::to_text(&persist::save_of(&loaded.game, &loaded.info, "now")).unwrap();
    assert_eq!(
        persist::load_str(&text, "again").unwrap().file_version,
        persist::CURRENT_VERSION
    );
}

#[test]
fn a_scenario_file_is_not_a_save() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/scenarios/autumn-2025.ron");
    let err = persist::load_game(&path).unwrap_err();
    assert!(matches!(err, SaveError::NotASave { .. }), "{err:?}");
}

#[test]
fn fixtures_and_example_saves_are_current() {
    let scenario = Arc::new(scenario::resolve("autumn-2025").unwrap());
    for (name, contents) in truce::sim::examples::fixtures(&scenario).unwrap() {
        let on_disk = fs::read_to_string(fixture(name)).unwrap_or_default();
        assert!(
            on_disk == contents,
            "tests/fixtures/saves/{name} is {REGENERATE}"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for path in truce::sim::examples::write_examples(&scenario, dir.path()).unwrap() {
        let name = path.file_name().unwrap();
        let fresh = fs::read_to_string(&path).unwrap();
        let on_disk = fs::read_to_string(root.join("saves").join(name)).unwrap_or_default();
        assert!(
            fresh == on_disk,
            "saves/{} is {REGENERATE}",
            name.to_string_lossy()
        );
    }
}

#[test]
fn a_save_cut_or_damaged_anywhere_gives_an_error_never_a_panic() {
    let text = fs::read_to_string(fixture("good.ron")).unwrap();
    let cuts: Vec<usize> = (0..text.len())
        .step_by(29)
        .filter(|&i| text.is_char_boundary(i) && !text[i..].trim().is_empty())
        .collect();
    for &i in &cuts {
        let err = persist::load_str(&text[..i], "cut.ron").expect_err("a cut save loads");
        assert!(
            matches!(err, SaveError::Truncated { .. }),
            "cut at {i}: {err}"
        );
    }
    // Swap one digit for another all through the file: refused or (if it changed nothing the
    // replay reads, like the name) accepted, but never a panic.
    for (i, c) in text
        .char_indices()
        .filter(|(_, c)| c.is_ascii_digit())
        .step_by(3)
    {
        let other = if c == '9' { '0' } else { (c as u8 + 1) as char };
        let mut damaged = text.clone();
        damaged.replace_range(i..i + 1, &other.to_string());
        let _ = persist::load_str(&damaged, "damaged.ron");
    }
}
