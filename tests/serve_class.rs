//! The class file and the keys of `truce serve`, without a network: `--init` writes the class
//! file, its host key and class key (0600) and never overwrites them; a broken class file is
//! refused at file:line:column before anything listens; a served game's Beijing is drawn with
//! its draw key, which its save records so it replays, and without which it does not;
//! `truce report --class` reads the class's save folder.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use truce::engine::{Action, Game};
use truce::persist::{self, GameInfo};

fn truce(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_truce"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run truce")
}

#[test]
fn init_writes_private_files_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = truce(&["serve", "--init", "class.ron"], dir.path());
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("class code"), "{said}");
    for file in ["class.ron", "class.key"] {
        let meta = std::fs::metadata(dir.path().join(file)).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(meta.permissions().mode() & 0o777, 0o600, "{file}");
        }
        assert!(meta.len() > 0);
    }
    #[cfg(unix)]
    assert!(dir.path().join("class.hostkey").exists());
    let before = std::fs::read(dir.path().join("class.ron")).unwrap();
    let key = std::fs::read(dir.path().join("class.key")).unwrap();
    let again = truce(&["serve", "--init", "class.ron"], dir.path());
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("nothing was overwritten"));
    assert_eq!(std::fs::read(dir.path().join("class.ron")).unwrap(), before);
    assert_eq!(std::fs::read(dir.path().join("class.key")).unwrap(), key);
    // Another class in the same folder gets its own files.
    assert!(
        truce(&["serve", "--init", "other.ron"], dir.path())
            .status
            .success()
    );
    assert_ne!(std::fs::read(dir.path().join("other.key")).unwrap(), key);
}

#[test]
fn a_broken_class_file_is_refused_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        truce(&["serve", "--init", "class.ron"], dir.path())
            .status
            .success()
    );
    let path = dir.path().join("class.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("max_sessions: 40", "max_sessions: 100000"),
    )
    .unwrap();
    let out = truce(&["serve", "class.ron", "--headless"], dir.path());
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    let line = text
        .lines()
        .position(|l| l.contains("max_sessions: 40"))
        .unwrap()
        + 1;
    assert!(
        err.starts_with(&format!("class.ron:{line}:5: max_sessions")),
        "{err}"
    );
    std::fs::write(&path, text.replace("autumn-2025", "no-such-scenario")).unwrap();
    let out = truce(&["serve", "class.ron", "--headless"], dir.path());
    assert!(String::from_utf8_lossy(&out.stderr).contains("scenario"));
}

#[test]
fn a_keyed_game_replays_only_with_its_key() {
    let scenario = truce::scenario::builtin("autumn-2025").unwrap().unwrap();
    let scenario = Arc::new(scenario);
    // Some key draws another Beijing than the bare seed does: the seed alone does not tell.
    let plain = Game::new(Arc::clone(&scenario), 7);
    let differs = (0u8..20).any(|k| {
        Game::new_keyed(Arc::clone(&scenario), 7, &[k; 32])
            .state
            .beijing
            != plain.state.beijing
    });
    assert!(differs, "the key never changes the draw");
    let key = [9u8; 32];
    let mut game = Game::new_keyed(Arc::clone(&scenario), 7, &key);
    game.apply(Action::Hold).unwrap();
    game.apply(Action::Hold).unwrap();
    let info = GameInfo::new(&scenario, 7, "2026-12-07T10:00:00Z");
    let text = persist::format::to_text(&persist::save_of(&game, &info, "x")).unwrap();
    assert!(text.contains("draw_key: Some(\"0909"), "{text}");
    let loaded = persist::load_str(&text, "served.ron").unwrap();
    assert_eq!(loaded.game.state, game.state);
    assert_eq!(loaded.game.draw_key, key);
    // The same moves without the key are another game: the save no longer replays to itself.
    let stripped: String = text
        .lines()
        .filter(|l| !l.contains("draw_key"))
        .map(|l| format!("{l}\n"))
        .collect();
    let bare = persist::load_str(&stripped, "served.ron");
    assert!(
        bare.is_err(),
        "replayed without its key: {:?}",
        bare.map(|l| l.notice)
    );
    // A game without a key saves as before: no draw_key field.
    let plain_text = persist::format::to_text(&persist::save_of(&plain, &info, "x")).unwrap();
    assert!(!plain_text.contains("draw_key"));
}

#[test]
fn report_class_reads_the_class_save_folder() {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        truce(&["serve", "--init", "class.ron"], dir.path())
            .status
            .success()
    );
    let saves = dir.path().join("saves");
    std::fs::create_dir(&saves).unwrap();
    let out = truce(
        &[
            "simulate",
            "--games",
            "1",
            "--strategy",
            "hawk",
            "--save-to",
            saves.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{out:?}");
    let out = truce(&["report", "--class", "class.ron", "--csv"], dir.path());
    assert!(out.status.success(), "{out:?}");
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(csv.lines().count() >= 2, "{csv}");
    let out = truce(&["report", "--class", "missing.ron"], dir.path());
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("missing.ron:1:1:"));
}
