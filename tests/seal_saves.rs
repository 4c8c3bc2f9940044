//! Signed saves: a game given a class key seals every save it writes; a sealed save still
//! loads and lists like any other; any byte changed breaks the seal; `truce report
//! --class-key` marks each save verified or unverified in Markdown and CSV.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use proptest::prelude::*;
use truce::persist::{self, LoadedGame};
use truce::seal::{ClassKey, SEAL_MARK, Verdict, verify};

mod common;
use common::run_truce;

fn example(name: &str) -> LoadedGame {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    persist::load_game(&root.join("saves").join(name)).unwrap()
}

/// A game from `saves/` saved again under `key`, as a served game's autosave.
fn sealed_save(dir: &Path, example_name: &str, player: &str, key: &ClassKey) -> PathBuf {
    let loaded = example(example_name);
    let mut info = loaded.info.clone();
    info.id = format!("{player}-{}", info.id);
    info.player = Some(player.to_string());
    info.class_key = Some(Arc::new(key.clone()));
    persist::autosave(dir, &loaded.game, &info, "2026-12-07T10:00:00Z").unwrap()
}

#[test]
fn a_game_with_a_key_seals_its_saves_and_they_load_and_list_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let key = ClassKey::from_bytes([7; 32]);
    let path = sealed_save(dir.path(), "midgame-restrictions.ron", "ana", &key);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.lines().last().unwrap().starts_with(SEAL_MARK),
        "{text}"
    );
    assert_eq!(verify(&key, &text), Verdict::Verified);
    assert_eq!(
        verify(&ClassKey::from_bytes([8; 32]), &text),
        Verdict::Forged
    );
    // The seal is a comment: the save loads, replays to its digest and lists by header.
    let loaded = persist::load_game(&path).unwrap();
    assert_eq!(
        loaded.game.state,
        example("midgame-restrictions.ron").game.state
    );
    let summary = persist::peek(&path).unwrap();
    assert_eq!(summary.week, loaded.game.state.week());
    // Without a key, the same game saves exactly as before: no seal line.
    let mut plain = loaded.info.clone();
    plain.class_key = None;
    let unsealed = dir.path().join("plain.ron");
    persist::save_game(&unsealed, &loaded.game, &plain, "2026-12-07T10:00:00Z").unwrap();
    let unsealed = std::fs::read_to_string(&unsealed).unwrap();
    assert!(!unsealed.contains(SEAL_MARK));
    assert_eq!(verify(&key, &unsealed), Verdict::Unsigned);
    assert_eq!(
        unsealed,
        text.rsplit_once(SEAL_MARK).unwrap().0,
        "the seal is added after the save's text, which is otherwise unchanged"
    );
}

#[test]
fn a_manual_save_under_a_new_name_is_sealed_too() {
    let dir = tempfile::tempdir().unwrap();
    let key = ClassKey::from_bytes([3; 32]);
    let loaded = example("opening.ron");
    let mut info = loaded.info.clone();
    info.class_key = Some(Arc::new(key.clone()));
    let store = persist::SaveStore::new(dir.path());
    let path = store
        .save_named("my copy", &loaded.game, &info, "2026-12-07T10:00:00Z")
        .unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    assert_eq!(verify(&key, &text), Verdict::Verified);
}

fn sealed_text() -> &'static [u8] {
    static TEXT: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = sealed_save(
            dir.path(),
            "opening.ron",
            "ana",
            &ClassKey::from_bytes([9; 32]),
        );
        std::fs::read(path).unwrap()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any byte changed anywhere (content or seal, to any other value) and the save no longer
    /// verifies.
    #[test]
    fn any_byte_flip_breaks_the_seal(at in any::<prop::sample::Index>(), xor in 1u8..=255) {
        let key = ClassKey::from_bytes([9; 32]);
        let mut bytes = sealed_text().to_vec();
        prop_assert_eq!(verify(&key, &bytes), Verdict::Verified);
        let i = at.index(bytes.len());
        bytes[i] ^= xor;
        prop_assert_ne!(verify(&key, &bytes), Verdict::Verified);
    }

    /// Cutting the text short, or adding to it, never verifies either.
    #[test]
    fn truncating_or_appending_breaks_it(cut in any::<prop::sample::Index>(), extra in "[ -~\n]{1,20}") {
        let key = ClassKey::from_bytes([9; 32]);
        let bytes = sealed_text();
        // A cut takes at least the seal's last digit: cutting only the final line break
        // leaves a seal line without one, which verifies by design.
        let keep = cut.index(bytes.len() - 1);
        prop_assert_ne!(verify(&key, &bytes[..keep]), Verdict::Verified);
        let mut longer = bytes.to_vec();
        longer.extend_from_slice(extra.as_bytes());
        prop_assert_ne!(verify(&key, &longer), Verdict::Verified);
    }
}

/// A class folder: Ana's sealed save, Bob's sealed save with his name edited by hand (it still
/// loads: the name is not part of the replay), and Cleo's hand-made unsigned one.
fn class_folder(key: &ClassKey) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    sealed_save(dir.path(), "finished-deal.ron", "ana", key);
    let bob = sealed_save(dir.path(), "midgame-restrictions.ron", "bob", key);
    let text = std::fs::read_to_string(&bob).unwrap();
    let edited = text.replace("player: Some(\"bob\")", "player: Some(\"Bobby\")");
    assert_ne!(text, edited);
    std::fs::write(&bob, edited).unwrap();
    let cleo = example("opening.ron");
    let mut info = cleo.info.clone();
    info.id = format!("cleo-{}", info.id);
    info.player = Some("cleo".into());
    persist::autosave(dir.path(), &cleo.game, &info, "2026-12-07T10:00:00Z").unwrap();
    dir
}

/// The Markdown games table's row of `player`, as its cells.
fn row_of<'a>(md: &'a str, player: &str) -> Vec<&'a str> {
    let line = md
        .lines()
        .find(|l| l.starts_with(&format!("| {player} ")))
        .unwrap_or_else(|| panic!("no row for {player}:\n{md}"));
    line.split('|').map(str::trim).collect()
}

#[test]
fn report_with_the_class_key_marks_sealed_saves_verified_and_others_not() {
    let key_dir = tempfile::tempdir().unwrap();
    let key_file = key_dir.path().join("class.key");
    let key = ClassKey::create(&key_file).unwrap();
    let folder = class_folder(&key);
    let folder_arg = folder.path().to_str().unwrap();
    let key_arg = key_file.to_str().unwrap();

    let (code, md, err) = run_truce(&["report", folder_arg, "--class-key", key_arg]);
    assert_eq!(code, 0, "{err}");
    let header = row_of(&md, "Player");
    let col = header
        .iter()
        .position(|c| *c == "Class key")
        .expect("a Class key column");
    assert_eq!(row_of(&md, "ana")[col], "verified");
    assert_eq!(
        row_of(&md, "Bobby")[col],
        "unverified (signature does not match)"
    );
    assert_eq!(row_of(&md, "cleo")[col], "unverified (not signed)");
    assert!(md.contains("its class-key seal does not match"), "{md}");

    let (code, csv, err) = run_truce(&["report", "--csv", folder_arg, "--class-key", key_arg]);
    assert_eq!(code, 0, "{err}");
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = header.iter().position(|c| *c == "class_key").unwrap();
    let verdicts: Vec<(String, String)> = lines
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            (cells[0].to_string(), cells[col].to_string())
        })
        .collect();
    assert!(
        verdicts.contains(&("ana".into(), "verified".into())),
        "{csv}"
    );
    assert!(
        verdicts.contains(&("Bobby".into(), "unverified".into())),
        "{csv}"
    );
    assert!(
        verdicts.contains(&("cleo".into(), "unverified".into())),
        "{csv}"
    );

    // Another class's key vouches for none of them.
    let other = key_dir.path().join("other.key");
    ClassKey::create(&other).unwrap();
    let (_, md, _) = run_truce(&["report", folder_arg, "--class-key", other.to_str().unwrap()]);
    assert!(!md.contains("| verified |"), "{md}");

    // Without the flag, the report has no class-key column, as before.
    let (code, md, _) = run_truce(&["report", folder_arg]);
    assert_eq!(code, 0);
    assert!(!md.contains("Class key"), "{md}");
}

#[test]
fn report_refuses_a_key_file_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.key");
    std::fs::write(&bad, "not a key\n").unwrap();
    let (code, out, err) = run_truce(&["report", "saves", "--class-key", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("bad.key:1:1: not a class key"), "{err}");
}
