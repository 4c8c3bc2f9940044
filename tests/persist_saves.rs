//! Saves round-trip at every week, keep their scenario, autosave into one slot, list newest
//! first, and survive a failed write.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::Path;
use std::sync::Arc;

use truce::engine::Game;
use truce::persist::{self, GameInfo, SaveError, ScenarioRef};
use truce::scenario::{self, Scenario};
use truce::sim::{self, Strategy};

fn builtin() -> Arc<Scenario> {
    Arc::new(scenario::resolve("autumn-2025").expect("the built-in scenario loads"))
}

/// Plays a scripted game move by move, calling `each` after every accepted move.
fn play_through(
    scenario: &Arc<Scenario>,
    strategy: Strategy,
    seed: u64,
    mut each: impl FnMut(&Game),
) -> Game {
    let result = sim::play(scenario, strategy, seed);
    let mut game = Game::new(Arc::clone(scenario), seed);
    for action in result.actions {
        game.apply(action).expect("a scripted move replays");
        each(&game);
    }
    assert_eq!(game.state, result.state);
    game
}

#[test]
fn every_week_of_every_strategy_round_trips() {
    let scenario = builtin();
    let dir = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for strategy in Strategy::ALL {
        for seed in [1, 7] {
            let info = GameInfo::new(&scenario, seed, &format!("{strategy:?}"));
            play_through(&scenario, strategy, seed, |game| {
                let stamp = format!("2025-10-30T12:00:{:02}Z", game.history.len());
                let path = persist::save(dir.path(), game, &info, &stamp).unwrap();
                let before = fs::read(&path).unwrap();
                let loaded = persist::load_game(&path).unwrap();
                assert_eq!(loaded.game.state, game.state);
                assert_eq!(loaded.game.history, game.history);
                assert_eq!(loaded.game.seed, game.seed);
                assert_eq!(*loaded.game.scenario, *game.scenario);
                // Only a class game's save keeps its start stamp (for its chain).
                let unstarted = GameInfo {
                    started_at: String::new(),
                    ..info.clone()
                };
                assert_eq!(loaded.info, unstarted);
                assert_eq!(loaded.saved_at, stamp);
                assert_eq!(loaded.file_version, persist::CURRENT_VERSION);
                assert!(!loaded.embedded_scenario);
                // Loading never writes.
                assert_eq!(fs::read(&path).unwrap(), before);
                checked += 1;
            });
        }
    }
    assert!(checked > 60, "only {checked} saves checked");
}

#[test]
fn a_scenario_from_a_file_is_embedded_and_loads_without_the_file() {
    let mut custom = (*builtin()).clone();
    custom.name = "class-2025".into();
    custom.us.start.trust += 5.0;
    let custom = Arc::new(custom);
    // The built-in's name with edited numbers must be embedded too, not trusted by name.
    let mut edited = (*builtin()).clone();
    edited.us.start.trust += 5.0;
    for scenario in [custom, Arc::new(edited)] {
        let dir = tempfile::tempdir().unwrap();
        let info = GameInfo::new(&scenario, 3, "t");
        let game = play_through(&scenario, Strategy::Structural, 3, |_| {});
        let path = persist::save(dir.path(), &game, &info, "2025-10-30T12:00:00Z").unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains("scenario: Embedded("), "not embedded");
        let loaded = persist::load_game(&path).unwrap();
        assert!(loaded.embedded_scenario);
        assert_eq!(*loaded.game.scenario, *scenario);
        assert_eq!(loaded.game.state, game.state);
    }
    let plain = persist::scenario_ref(&builtin());
    assert!(matches!(plain, ScenarioRef::Builtin { ref name, .. } if name == "autumn-2025"));
}

#[test]
fn an_embedded_scenario_is_validated_with_positions_in_the_save() {
    let mut custom = (*builtin()).clone();
    custom.name = "class-2025".into();
    let scenario = Arc::new(custom);
    let game = play_through(&scenario, Strategy::Stall, 1, |_| {});
    let info = GameInfo::new(&scenario, 1, "t");
    let text = persist::format::to_text(&persist::save_of(&game, &info, "x")).unwrap();
    let broken = text.replacen("days_per_turn: 7,", "days_per_turn: 0,", 1);
    assert_ne!(broken, text);
    let line = broken
        .lines()
        .position(|l| l.contains("days_per_turn: 0"))
        .unwrap()
        + 1;
    let err = persist::load_str(&broken, "class.ron").unwrap_err();
    assert!(matches!(err, SaveError::Scenario(_)), "{err:?}");
    let msg = err.to_string();
    assert!(msg.starts_with(&format!("class.ron:{line}:")), "{msg}");
    assert!(
        msg.contains("embedded scenario: a turn must take at least one day"),
        "{msg}"
    );
}

#[test]
fn autosave_keeps_one_slot_per_game_and_a_loaded_game_keeps_its_slot() {
    let scenario = builtin();
    let dir = tempfile::tempdir().unwrap();
    let info = GameInfo::new(&scenario, 5, "2025-10-30T09:00:00Z");
    let mut paths = Vec::new();
    let game = play_through(&scenario, Strategy::Hawk, 5, |game| {
        paths.push(persist::autosave(dir.path(), game, &info, "2025-10-30T09:05:00Z").unwrap());
    });
    paths.dedup();
    assert_eq!(paths.len(), 1, "autosave moved between files: {paths:?}");
    assert_eq!(paths[0], persist::autosave_path(dir.path(), &info));
    let name = paths[0].file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(name, format!("autosave-{}.ron", info.id));
    let loaded = persist::load_game(&paths[0]).unwrap();
    assert_eq!(loaded.game.state, game.state);
    // Only a class game's save keeps its start stamp (for its chain).
    let unstarted = GameInfo {
        started_at: String::new(),
        ..info.clone()
    };
    assert_eq!(loaded.info, unstarted);
    assert_eq!(persist::autosave_path(dir.path(), &loaded.info), paths[0]);
    // Another game, another slot.
    let other = GameInfo::new(&scenario, 5, "2025-10-30T10:00:00Z");
    assert_ne!(persist::autosave_path(dir.path(), &other), paths[0]);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

fn write(dir: &Path, name: &str, text: &str) {
    fs::write(dir.join(name), text).unwrap();
}

#[test]
fn listing_is_newest_first_and_shows_broken_files() {
    let scenario = builtin();
    let dir = tempfile::tempdir().unwrap();
    let mut stamps = Vec::new();
    for (seed, stamp) in [
        (1, "2025-10-30T12:00:00Z"),
        (2, "2025-10-31T08:00:00Z"),
        (3, "2025-10-29T23:00:00Z"),
    ] {
        let info = GameInfo::new(&scenario, seed, stamp);
        let game = play_through(&scenario, Strategy::Dealmaker, seed, |_| {});
        let path = persist::save(dir.path(), &game, &info, stamp).unwrap();
        // Listings follow the file system's time, not the stamp: give each file its stamp's.
        let secs = stamp.parse::<jiff::Timestamp>().unwrap().as_second();
        let when =
            std::time::UNIX_EPOCH + std::time::Duration::from_secs(u64::try_from(secs).unwrap());
        fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(when)
            .unwrap();
        stamps.push(stamp);
    }
    write(dir.path(), "broken.ron", "TruceSave(version: 2, name: ");
    write(dir.path(), "notes.txt", "not a save");
    write(dir.path(), ".x.ron.1.0.tmp", "half a save");
    let entries = persist::list_saves(dir.path()).unwrap();
    assert_eq!(entries.len(), 4);
    let shown: Vec<String> = entries
        .iter()
        .map(|e| match &e.save {
            Ok(s) => s.saved_at.clone(),
            Err(_) => "broken".into(),
        })
        .collect();
    assert_eq!(
        shown,
        [
            "2025-10-31T08:00:00Z",
            "2025-10-30T12:00:00Z",
            "2025-10-29T23:00:00Z",
            "broken"
        ]
    );
    let first = entries[0].save.as_ref().unwrap();
    assert_eq!(first.scenario, "autumn-2025");
    assert!(first.week >= 1 && first.outcome.is_some());
    assert!(!first.autosave);
    let broken = entries[3].save.as_ref().unwrap_err();
    assert!(matches!(broken, SaveError::Truncated { .. }), "{broken:?}");
    assert_eq!(entries[3].file_name(), "broken.ron");
    assert!(
        persist::list_saves(&dir.path().join("missing"))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_failed_write_leaves_the_old_save_loadable_and_no_temp_file() {
    let scenario = builtin();
    let dir = tempfile::tempdir().unwrap();
    let info = GameInfo::new(&scenario, 4, "t");
    let mut game = Game::new(Arc::clone(&scenario), 4);
    let result = sim::play(&scenario, Strategy::Structural, 4);
    game.apply(result.actions[0].clone()).unwrap();
    let path = persist::save(dir.path(), &game, &info, "2025-10-30T12:00:00Z").unwrap();
    let old = fs::read(&path).unwrap();
    game.apply(result.actions[1].clone()).unwrap();
    let newer = persist::format::to_text(&persist::save_of(&game, &info, "later")).unwrap();
    let err = persist::write_atomic_with(&path, newer.as_bytes(), |_| {
        Err(std::io::Error::other("power cut between write and rename"))
    });
    assert!(err.is_err());
    assert_eq!(fs::read(&path).unwrap(), old);
    assert_eq!(persist::load_game(&path).unwrap().game.history.len(), 1);
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "left behind: {names:?}");
    // Without the failure the same write goes through.
    persist::write_atomic(&path, newer.as_bytes()).unwrap();
    assert_eq!(persist::load_game(&path).unwrap().game.history.len(), 2);
}
