//! No game lost, no game forged by a file: a save opened over an autosave of its game that holds
//! more (the walk-out of "A finished game's record overwritten") goes on under a new id; a game
//! is open in one process at a time (a lock beside its autosave, stale ones taken over); class
//! mode resumes only a game this user started, and refuses an older copy put back. Each case
//! builds the hostile folder (the generator), then checks the expectation through the App.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;
use std::sync::Arc;

use common::{draw, key, keys};
use truce::engine::{Action, Game, Outcome};
use truce::persist::lock::{Lock, lock_path};
use truce::persist::{self, GameInfo};
use truce::ui::app::{Confirm, Overlay, Screen};
use truce::ui::input::KeyCode;
use truce::ui::{App, Classroom, Theme};

fn scenarios() -> Vec<Arc<truce::scenario::Scenario>> {
    vec![Arc::new(
        truce::scenario::resolve("autumn-2025").expect("built-in"),
    )]
}

fn app_in(dir: &Path, seed: u64) -> App {
    App::new(scenarios(), 0, seed, Theme::plain()).with_save_dir(Some(dir.to_path_buf()))
}

fn screen(app: &mut App) -> String {
    format!("{}", draw(app, 120, 40).backend())
}

/// The config dir is process-wide: the tests that set it run one at a time.
fn with_config<T>(f: impl FnOnce(&Path) -> T) -> T {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let tmp = tempfile::tempdir().expect("temp dir");
    // SAFETY: every test that touches this variable holds LOCK; nothing else reads it.
    unsafe { std::env::set_var(truce::config::CONFIG_DIR_ENV, tmp.path()) };
    let out = f(tmp.path());
    unsafe { std::env::remove_var(truce::config::CONFIG_DIR_ENV) };
    out
}

/// The generator of "A finished game's record overwritten": seed 3 played to week 7 and saved
/// by hand, then walked away from until the talks end (a credible first walk-out brings Beijing
/// back to the table; the second ends them), which the autosave of the same game id holds.
/// Returns the week-7 save's path and the game's info.
fn saved_then_walked_out(dir: &Path) -> (std::path::PathBuf, GameInfo) {
    let scenario = scenarios().remove(0);
    let info = GameInfo::new(&scenario, 3, "2025-10-30T12:00:00Z.000000001-1");
    let mut game = Game::new(scenario, 3);
    while game.state.week() < 7 {
        game.apply(Action::Hold).expect("hold");
        assert!(game.state.outcome.is_none(), "the game ended before week 7");
    }
    let week7 = dir.join("week-7.ron");
    persist::save_game(&week7, &game, &info, "2025-10-30T12:07:00Z").unwrap();
    game.apply(Action::WalkAway).expect("walk away");
    if game.state.outcome.is_none() {
        game.apply(Action::WalkAway).expect("walk away again");
    }
    assert_eq!(game.state.outcome, Some(Outcome::UsWalkedAway));
    persist::autosave(dir, &game, &info, "2025-10-30T12:08:00Z").unwrap();
    (week7, info)
}

fn walked_out(dir: &Path, info: &GameInfo) -> bool {
    let autosave = persist::autosave_path(dir, info);
    let kept = persist::load_game(&autosave).expect("the autosave still loads");
    kept.game.state.outcome == Some(Outcome::UsWalkedAway)
}

#[test]
fn a_save_opened_by_truce_load_over_a_finished_autosave_goes_on_as_a_new_game() {
    let dir = tempfile::tempdir().unwrap();
    let (week7, info) = saved_then_walked_out(dir.path());
    let loaded = persist::load_game(&week7).unwrap();
    let mut app = app_in(dir.path(), 3).resuming(loaded);
    let new_id = app.info.as_ref().unwrap().id.clone();
    assert_ne!(new_id, info.id, "the game goes on under a new id");
    assert!(
        new_id.starts_with(&info.id),
        "derived from the old one: {new_id}"
    );
    let shown = screen(&mut app);
    assert!(
        // Beijing came back from the first walk-out (week 7); the second ended the talks.
        shown.contains("further on (week 8, US walked away)"),
        "{shown}"
    );
    // Play on: a move autosaves, into the new slot.
    app.handle_key(key(KeyCode::Char('x')));
    assert!(app.autosaved, "{:?}", app.ui.status);
    assert!(
        walked_out(dir.path(), &info),
        "the walk-out was overwritten"
    );
    let branch = GameInfo {
        id: new_id,
        ..GameInfo::default()
    };
    let next = persist::load_game(&persist::autosave_path(dir.path(), &branch)).unwrap();
    assert_eq!(next.game.state.week(), 8);
}

#[test]
fn a_save_opened_from_the_list_over_a_finished_autosave_goes_on_as_a_new_game() {
    let dir = tempfile::tempdir().unwrap();
    let (week7, info) = saved_then_walked_out(dir.path());
    let mut app = app_in(dir.path(), 3);
    app.perform(truce::ui::effects::Effect::Load {
        file: week7.file_name().unwrap().to_string_lossy().into_owned(),
    });
    assert_eq!(app.ui.screen, Screen::Negotiation);
    assert_ne!(app.info.as_ref().unwrap().id, info.id);
    app.handle_key(key(KeyCode::Char('x')));
    assert!(app.autosaved);
    assert!(
        walked_out(dir.path(), &info),
        "the walk-out was overwritten"
    );
}

#[test]
fn a_save_whose_autosave_holds_nothing_more_keeps_its_slot() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = scenarios().remove(0);
    let info = GameInfo::new(&scenario, 3, "stamp-1");
    let mut game = Game::new(scenario, 3);
    game.apply(Action::Hold).unwrap();
    persist::autosave(dir.path(), &game, &info, "t1").unwrap();
    game.apply(Action::Hold).unwrap();
    let save = dir.path().join("later.ron");
    persist::save_game(&save, &game, &info, "t2").unwrap();
    // The save is further on than its autosave: opening it loses nothing, so no new slot.
    let app = app_in(dir.path(), 3).resuming(persist::load_game(&save).unwrap());
    assert_eq!(app.info.as_ref().unwrap().id, info.id);
}

/// A lock file naming a live process on this host that is not this one (the test runner's
/// parent), as a second terminal playing the game would leave.
fn held_elsewhere(dir: &Path, id: &str) {
    let text = format!(
        "{} {} 2025-10-30T12:00:00Z.1-2\n",
        std::os::unix::process::parent_id(),
        truce::persist::lock::host_name()
    );
    std::fs::write(lock_path(dir, id), text).unwrap();
}

#[cfg(unix)]
#[test]
fn a_game_open_elsewhere_is_offered_for_review_and_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let (week7, _) = saved_then_walked_out(dir.path());
    let loaded = persist::load_game(&week7).unwrap();
    // The week-7 save goes on under `<id>-2`: someone has that open already.
    let id = format!("{}-2", loaded.info.id);
    held_elsewhere(dir.path(), &id);
    let mut app = app_in(dir.path(), 3).resuming(loaded);
    assert_eq!(app.ui.overlay, Some(Overlay::Confirm(Confirm::Elsewhere)));
    assert!(app.game.is_none(), "not opened for play");
    let shown = screen(&mut app);
    assert!(
        shown.contains("open in another terminal (process"),
        "{shown}"
    );
    assert!(shown.contains("No quits"), "{shown}");
    app.handle_key(key(KeyCode::Char('y')));
    assert_eq!(app.ui.screen, Screen::Review);
    assert!(app.game.is_none());
    // From the list, No goes back to it.
    let mut app = app_in(dir.path(), 3);
    app.perform(truce::ui::effects::Effect::Load {
        file: week7.file_name().unwrap().to_string_lossy().into_owned(),
    });
    assert_eq!(app.ui.overlay, Some(Overlay::Confirm(Confirm::Elsewhere)));
    app.handle_key(key(KeyCode::Char('n')));
    assert!(!app.ui.quit);
    assert!(app.ui.overlay.is_none());
}

#[cfg(unix)]
#[test]
fn a_stale_lock_is_taken_over_and_a_lock_taken_from_us_stops_the_autosave() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = scenarios().remove(0);
    let info = GameInfo::new(&scenario, 3, "stamp-2");
    let mut game = Game::new(scenario, 3);
    game.apply(Action::Hold).unwrap();
    let save = dir.path().join("w2.ron");
    persist::save_game(&save, &game, &info, "t").unwrap();
    // A process that has exited held it.
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let lock = lock_path(dir.path(), &info.id);
    let host = truce::persist::lock::host_name();
    std::fs::write(&lock, format!("{dead} {host} t0\n")).unwrap();
    let mut app = app_in(dir.path(), 3).resuming(persist::load_game(&save).unwrap());
    assert_eq!(
        app.ui.screen,
        Screen::Negotiation,
        "the stale lock is taken over"
    );
    let text = std::fs::read_to_string(&lock).unwrap();
    assert!(
        text.starts_with(&format!("{} ", std::process::id())),
        "{text}"
    );
    app.handle_key(key(KeyCode::Char('x')));
    assert!(app.autosaved);
    // Another terminal takes the game: this one stops writing its autosave.
    held_elsewhere(dir.path(), &info.id);
    let before = std::fs::read(persist::autosave_path(dir.path(), &info)).unwrap();
    app.handle_key(key(KeyCode::Char('x')));
    assert!(!app.autosaved);
    let note = app
        .ui
        .status
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(note.contains("opened in another terminal"), "{note}");
    assert_eq!(
        std::fs::read(persist::autosave_path(dir.path(), &info)).unwrap(),
        before
    );
    // Quitting leaves the other's lock alone; our own is removed.
    app.release_lock();
    assert!(lock.exists());
    std::fs::remove_file(&lock).unwrap();
    let mut app = app_in(dir.path(), 3).resuming(persist::load_game(&save).unwrap());
    // (Its autosave is further on now, so the save goes on under a new id, and its lock.)
    let lock = lock_path(dir.path(), &app.info.as_ref().unwrap().id);
    assert!(lock.exists());
    app.release_lock();
    assert!(!lock.exists(), "released on quit");
}

#[test]
fn the_lock_module_refuses_a_second_holder() {
    let dir = tempfile::tempdir().unwrap();
    let first = Lock::take(dir.path(), "g-9", "a").unwrap();
    assert!(first.held());
    let path = first.path().to_path_buf();
    drop(first);
    assert!(!path.exists());
}

fn class_app(dir: &Path, player: &str) -> App {
    app_in(dir, 7).with_classroom(Classroom::for_play(true, Some(player.into())))
}

/// The class game's own autosave files (`.ron`), sorted.
fn autosaves(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("autosave-") && n.ends_with(".ron"))
        .collect();
    v.sort();
    v
}

#[test]
fn a_class_autosave_planted_in_anothers_name_is_ignored_and_kept() {
    let saves = tempfile::tempdir().unwrap();
    // The generator: another account plays a class game as "Zoë Park" in the shared folder.
    let planted = with_config(|_| {
        let mut forger = class_app(saves.path(), "Zoë Park");
        for k in keys(">>xxxxx") {
            forger.handle_key(k);
        }
        forger.release_lock();
        autosaves(saves.path())
    });
    assert_eq!(planted.len(), 1);
    let bytes = std::fs::read(saves.path().join(&planted[0])).unwrap();
    // Zoë's own account (its own registry) starts the same scenario and seed.
    with_config(|_| {
        let mut zoe = class_app(saves.path(), "Zoë Park");
        for k in keys(">>") {
            zoe.handle_key(k);
        }
        assert_eq!(zoe.ui.screen, Screen::Negotiation);
        let g = zoe.game.as_ref().unwrap();
        assert_eq!(
            g.state.week(),
            1,
            "a new game, not the planted one at week 6"
        );
        let note = zoe
            .ui
            .status
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default();
        assert!(note.contains("Left alone: 1 autosave"), "{note}");
        zoe.handle_key(key(KeyCode::Char('x')));
        assert_eq!(autosaves(saves.path()).len(), 2, "its own slot");
        assert_eq!(
            std::fs::read(saves.path().join(&planted[0])).unwrap(),
            bytes
        );
    });
}

#[test]
fn a_class_autosave_rolled_back_is_refused_and_no_new_game_starts() {
    let saves = tempfile::tempdir().unwrap();
    with_config(|config| {
        let mut ana = class_app(saves.path(), "Ana");
        for k in keys(">>x") {
            ana.handle_key(k);
        }
        let file = saves.path().join(&autosaves(saves.path())[0]);
        let copy = std::fs::read(&file).unwrap();
        for k in keys("xx") {
            ana.handle_key(k);
        }
        ana.release_lock();
        assert!(config.join("class-games.txt").exists());
        // The generator: the older copy put back over the autosave.
        std::fs::write(&file, &copy).unwrap();
        let mut again = class_app(saves.path(), "Ana");
        for k in keys(">>") {
            again.handle_key(k);
        }
        assert!(again.game.is_none(), "neither the copy nor a fresh game");
        let shown = screen(&mut again);
        assert!(
            shown.contains("3 moves were played, the file holds 1"),
            "{shown}"
        );
        assert!(shown.contains("Your game was not restarted"), "{shown}");
        assert_eq!(
            std::fs::read(&file).unwrap(),
            copy,
            "the copy is left as found"
        );
        // The game itself, put back whole, resumes.
        drop(again);
        let mut whole = class_app(saves.path(), "Ana");
        let mut played = Game::new(scenarios().remove(0), 7);
        for _ in 0..3 {
            played.apply(Action::Hold).unwrap();
        }
        let info = persist::load_game(&file).unwrap().info;
        persist::save_game(&file, &played, &info, "t9").unwrap();
        for k in keys(">>") {
            whole.handle_key(k);
        }
        assert_eq!(whole.game.as_ref().map(|g| g.state.turns), Some(3));
    });
}

/// The hostile paste: 5 KB with line breaks, tabs, an escape sequence and keys that would move.
fn hostile_paste() -> String {
    "Week 9 ]]]>>> a\ty\r\n\x1b]0;title\x07\x1b[2J".repeat(5 * 1024 / 30)
}

#[test]
fn a_paste_is_text_in_the_prompts_and_nothing_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), 7);
    for k in keys(">>") {
        app.handle_key(k);
    }
    assert_eq!(app.ui.screen, Screen::Negotiation);
    let before = app.game.as_ref().unwrap().state.clone();
    let package = app.ui.package.clone();
    app.handle_paste(&hostile_paste());
    assert_eq!(
        app.game.as_ref().unwrap().state,
        before,
        "a paste made a move"
    );
    assert_eq!(app.ui.package, package, "a paste changed the package");
    assert!(app.ui.overlay.is_none());
    assert!(app.take_effects().is_empty());
    let shown = screen(&mut app);
    assert!(shown.contains("Pasted text ignored"), "{shown}");
    // Into the save prompt it is text: one line, no control characters, capped.
    app.handle_key(key(KeyCode::Char('s')));
    assert_eq!(app.ui.overlay, Some(Overlay::Save));
    app.handle_paste(&hostile_paste());
    let name = app.ui.prompt.as_ref().unwrap().name.clone();
    assert_eq!(name.chars().count(), 60, "{name:?}");
    assert!(
        name.starts_with("Week 9 ]]]>>> a y  ]0;title[2J"),
        "{name:?}"
    );
    assert!(!name.chars().any(char::is_control), "{name:?}");
    assert!(
        persist::list_saves(dir.path()).unwrap().is_empty(),
        "nothing written"
    );
}
