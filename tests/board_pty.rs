//! The real binary's class board in a pseudo-terminal: `truce board FOLDER` opens on the
//! folder's games, shows a new autosave within the refresh, reviews a game and comes back,
//! opens the help, quits with `q`
//! and leaves the terminal as it found it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use truce::persist::{self, GameInfo};

mod pty;
use pty::{Pty, assert_restored};

fn autosave(dir: &Path, example: &str, player: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let loaded = persist::load_game(&root.join("saves").join(example)).unwrap();
    let info = GameInfo {
        id: format!("{player}-{}", loaded.info.id),
        player: Some(player.to_string()),
        ..loaded.info.clone()
    };
    persist::autosave(dir, &loaded.game, &info, "2026-12-07T10:00:00Z").unwrap();
}

#[test]
fn board_opens_follows_an_autosave_and_quits_cleanly() {
    let home = tempfile::tempdir().unwrap();
    let class = home.path().join("class");
    std::fs::create_dir(&class).unwrap();
    autosave(&class, "finished-deal.ron", "Ana");
    let env = [("HOME", home.path())];
    let mut s = Pty::start_with(&["board", class.to_str().unwrap()], &env);
    let screen = s.wait_for("Ana");
    assert!(screen.contains("Class board"), "{screen}");
    assert!(screen.contains("Comprehensive deal"), "{screen}");
    assert!(screen.contains("1 game(s), 1 finished"), "{screen}");

    // A student's autosave lands while the board is open: it shows within the refresh.
    autosave(&class, "midgame-restrictions.ron", "Bob");
    let screen = s.wait_for("Bob");
    assert!(screen.contains("rung 2"), "{screen}");
    assert!(screen.contains("2 game(s), 1 finished"), "{screen}");

    // Enter reviews the selected game (Ana's, first by standing); Esc comes back.
    s.send("\r");
    s.wait_for("REVIEW");
    s.send("\x1b");
    s.wait_for("sorted by standing");
    s.send("?");
    s.wait_for("any key closes it");
    s.send("x");
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert_restored(&s.bytes());
}

#[test]
fn board_of_a_missing_folder_says_so_without_touching_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let missing = home.path().join("nowhere");
    let env = [("HOME", home.path())];
    let mut s = Pty::start_with(&["board", missing.to_str().unwrap()], &env);
    let status = s.wait_exit();
    assert!(!status.success());
    let out = String::from_utf8_lossy(&s.bytes()).into_owned();
    assert!(out.contains("not a folder"), "{out}");
    assert!(
        !out.contains("\x1b[?1049h"),
        "the alternate screen was entered"
    );
}
