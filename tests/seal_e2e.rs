//! A served game signs its saves: `truce play --class` given `TRUCE_CLASS_KEY_FILE` (as
//! `truce serve` starts each student's game) autosaves sealed with that key; a key file that
//! cannot be read stops the game before the terminal is touched.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use truce::seal::{ClassKey, Verdict, verify};

mod pty;
use pty::Pty;

#[test]
fn a_class_game_with_a_key_file_autosaves_sealed() {
    let home = tempfile::tempdir().unwrap();
    let saves = home.path().join("saves");
    let key_file = home.path().join("class.key");
    let key = ClassKey::create(&key_file).unwrap();
    let env = [
        ("HOME", home.path()),
        ("TRUCE_SAVE_DIR", saves.as_path()),
        ("TRUCE_CLASS_KEY_FILE", key_file.as_path()),
    ];
    let mut s = Pty::start_with(&["play", "--class", "--seed", "7"], &env);
    // The first proposal (as in `e2e_pty`): tariffs to 20%, rare earths to general licences.
    s.open_the_table();
    s.send("l");
    s.wait_for("‹20%›");
    s.send("jj");
    s.wait_for("‹slow licensing›");
    s.send("l");
    s.wait_for("‹general licences›");
    s.send("\r");
    s.wait_for("Week 2 of 11");
    s.quit_cleanly();
    let autosaves: Vec<_> = std::fs::read_dir(&saves)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("autosave-"))
        .collect();
    assert_eq!(autosaves.len(), 1);
    let text = std::fs::read_to_string(autosaves[0].path()).unwrap();
    assert_eq!(verify(&key, &text), Verdict::Verified, "{text}");
}

#[test]
fn an_unreadable_key_file_stops_the_game_before_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let missing = home.path().join("no.key");
    let env = [
        ("HOME", home.path()),
        ("TRUCE_CLASS_KEY_FILE", missing.as_path()),
    ];
    let mut s = Pty::start_with(&["play", "--class", "--seed", "7"], &env);
    let status = s.wait_exit();
    assert!(!status.success());
    let out = String::from_utf8_lossy(&s.bytes()).into_owned();
    assert!(out.contains("TRUCE_CLASS_KEY_FILE"), "{out}");
    assert!(
        !out.contains("\x1b[?1049h"),
        "the alternate screen was entered"
    );
}
