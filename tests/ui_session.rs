//! Whole journeys through the backend-neutral `Session` on a `TestBackend`: no terminal, no
//! signal handler, no save folder (an in-memory store) and a fixed clock. The player's name is
//! remembered in a temporary config folder.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::sync::{Arc, OnceLock};

use ratatui::backend::TestBackend;
use truce::engine::{Action, Game, Package};
use truce::persist::{GameInfo, MemoryStore, Store};
use truce::ui::app::{Overlay, Screen};
use truce::ui::input::{Input, KeyCode, KeyInput};
use truce::ui::outside::{FixedClock, Policy};
use truce::ui::session::Flow;
use truce::ui::{App, Classroom, Session, Theme};

/// The config folder for every test here: a temporary one, set once before any App runs.
fn config() {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        // SAFETY: set once, before any test of this binary reads the environment.
        unsafe { std::env::set_var(truce::config::CONFIG_DIR_ENV, dir.path()) };
        dir
    });
}

/// An app on the built-in scenario, seed 7, saving in `store`, hosted, at a fixed time.
fn hosted(store: MemoryStore) -> App {
    config();
    let scenario = truce::scenario::resolve("autumn-2025").unwrap();
    App::new(vec![Arc::new(scenario)], 0, 7, Theme::plain())
        .with_store(store)
        .with_outside(Policy::HOSTED, FixedClock("2025-10-30T12:00:00Z".into()))
}

fn session(app: App, width: u16, height: u16) -> Session<TestBackend> {
    Session::new(app, TestBackend::new(width, height)).unwrap()
}

fn key(code: KeyCode) -> Input {
    Input::Key(KeyInput::plain(code))
}

/// Feeds a key script (`>` Enter, `<` Esc, `]` Right, `j` down…) through the session.
fn press(s: &mut Session<TestBackend>, script: &str) {
    for k in common::keys(script) {
        assert_eq!(s.input(Input::Key(k)).unwrap(), Flow::Going);
    }
}

fn screen(s: &Session<TestBackend>) -> String {
    let buffer = s.backend().buffer();
    let width = usize::from(buffer.area.width);
    let cells: Vec<&str> = buffer.content.iter().map(|c| c.symbol()).collect();
    cells
        .chunks(width)
        .map(|row| row.concat())
        .collect::<Vec<_>>()
        .join("\n")
}

fn store_files(s: &mut Session<TestBackend>) -> Vec<String> {
    let store = s.app_mut().store.as_mut().expect("a store");
    store.list().unwrap().into_iter().map(|l| l.file).collect()
}

#[test]
fn the_app_and_a_session_can_move_between_threads() {
    fn send<T: Send>() {}
    send::<App>();
    send::<Session<TestBackend>>();
}

#[test]
fn start_name_title_propose_save_and_load_through_the_session() {
    let app = hosted(MemoryStore::new()).with_classroom(Classroom::default());
    let mut s = session(app, 120, 40);
    assert_eq!(s.app().ui.overlay, Some(Overlay::Player));
    for c in "Ana".chars() {
        s.input(key(KeyCode::Char(c))).unwrap();
    }
    press(&mut s, ">");
    assert_eq!(s.app().classroom.player.as_deref(), Some("Ana"));
    assert!(screen(&s).contains("playing as Ana"), "{}", screen(&s));
    // Title → briefing → the table.
    press(&mut s, ">>");
    assert_eq!(s.app().ui.screen, Screen::Negotiation);
    // Tariffs one level up, then propose: a week passes and Beijing answers.
    press(&mut s, "]>");
    let game = s.app().game.as_ref().unwrap();
    assert_eq!(game.history.len(), 1);
    assert!(game.state.last_answer.is_some());
    assert!(screen(&s).contains("Week 2"), "{}", screen(&s));
    // The move was autosaved into the store, not onto any disk.
    let autosaved = store_files(&mut s);
    assert_eq!(autosaved.len(), 1, "{autosaved:?}");
    assert!(autosaved[0].starts_with("autosave-"), "{autosaved:?}");
    // s, Enter: the save goes into the store under the suggested name; the folder field is
    // the store's and cannot be switched to (hosted policy).
    press(&mut s, "s");
    assert_eq!(s.app().ui.overlay, Some(Overlay::Save));
    press(&mut s, "\t");
    assert_eq!(
        s.app().ui.prompt.as_ref().map(|p| p.field),
        Some(truce::ui::saving::Field::Name)
    );
    press(&mut s, ">");
    assert_eq!(s.app().ui.overlay, None, "{:?}", s.app().ui.prompt);
    let files = store_files(&mut s);
    assert_eq!(files.len(), 2, "{files:?}");
    let saved = files
        .iter()
        .find(|f| !f.starts_with("autosave-"))
        .unwrap()
        .clone();
    assert!(screen(&s).contains(&format!("Saved: {saved}")));
    // One more move, then load the save back: the game is where it was saved.
    press(&mut s, "x");
    assert_eq!(s.app().game.as_ref().unwrap().history.len(), 2);
    press(&mut s, "o");
    assert_eq!(s.app().ui.screen, Screen::Load);
    let row = s
        .app()
        .ui
        .saves
        .rows
        .iter()
        .position(|r| r.key == saved)
        .unwrap();
    press(&mut s, &"j".repeat(row));
    press(&mut s, ">");
    // The hold was autosaved, not saved by hand: leaving it asks first.
    assert!(matches!(s.app().ui.overlay, Some(Overlay::Confirm(_))));
    press(&mut s, "y");
    assert_eq!(s.app().ui.screen, Screen::Negotiation);
    assert_eq!(s.app().game.as_ref().unwrap().history.len(), 1);
    // The store's autosave of this game holds the hold too: it is kept, and the save goes on
    // as a new game, as with a folder.
    assert!(screen(&s).contains("is kept"), "{}", screen(&s));
    // q, y: the session says the player quit.
    press(&mut s, "q");
    assert_eq!(s.input(key(KeyCode::Char('y'))).unwrap(), Flow::Quit);
}

/// Two games of one scenario and seed, with the same number of moves, days and dispatches, but
/// different moves: the first proposes the status quo, the second a tariff cut.
fn two_alike_games() -> MemoryStore {
    let mut store = MemoryStore::new();
    let (scenario, _) = truce::persist::builtin_with_hash("autumn-2025").unwrap();
    let mut games = Vec::new();
    for (k, tariff) in [(0, 0usize), (1, 2)] {
        let mut game = Game::new(Arc::clone(&scenario), 3);
        let mut package = scenario.status_quo();
        package.0[0] = tariff;
        game.act(Action::Propose(Package(package.0))).unwrap();
        let info = GameInfo::new(&scenario, 3, &format!("2025-10-30T12:00:0{k}Z"));
        store
            .save_named(&format!("game {k}"), &game, &info, "2025-10-30T12:00:00Z")
            .unwrap();
        games.push(game);
    }
    let (a, b) = (&games[0], &games[1]);
    // What the old cache key looked at is the same for both: only a generation tells them
    // apart.
    assert_eq!(a.history.len(), b.history.len());
    assert_eq!(a.state.day, b.state.day);
    assert_eq!(a.state.log.len(), b.state.log.len());
    assert_ne!(a.state.last_answer, b.state.last_answer);
    store
}

/// Opens save `file` from the list of saves.
fn open(s: &mut Session<TestBackend>, file: &str) {
    press(s, "o");
    let row = s
        .app()
        .ui
        .saves
        .rows
        .iter()
        .position(|r| r.key == file)
        .unwrap();
    press(s, &"j".repeat(row));
    press(s, ">");
    assert_eq!(s.app().ui.screen, Screen::Negotiation);
}

#[test]
fn loading_a_game_over_a_like_one_shows_the_new_ones_why_and_dance() {
    let store = two_alike_games();
    let (a, b) = ("game-0.ron", "game-1.ron");
    // The big layout (why panel and dance) at 160×48 and 200×60.
    for (w, h) in [(160, 48), (200, 60)] {
        let mut over = session(hosted(store.clone()), w, h);
        open(&mut over, a);
        let first = screen(&over);
        open(&mut over, b);
        let mut fresh = session(hosted(store.clone()), w, h);
        open(&mut fresh, b);
        assert_ne!(first, screen(&fresh), "the two games look alike at {w}×{h}");
        assert_eq!(
            screen(&over),
            screen(&fresh),
            "loading over another game at {w}×{h} left some of it on screen"
        );
    }
}

/// Every Rust file under `dir`, recursively.
fn sources(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

#[test]
fn only_the_terminal_module_names_crossterm_and_only_main_exits() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let terminal = root.join("src/ui/terminal");
    for file in sources(&root.join("src")) {
        let text = std::fs::read_to_string(&file).unwrap();
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        if file.starts_with(root.join("src/ui")) && !file.starts_with(&terminal) {
            assert!(
                !code.contains("crossterm"),
                "{} names crossterm: the UI takes `Input`",
                file.display()
            );
        }
        if file != root.join("src/main.rs") {
            assert!(
                !code.contains("process::exit"),
                "{} exits the process: return to main instead",
                file.display()
            );
        }
    }
}

#[test]
fn a_policy_without_loading_hides_the_list_of_saves() {
    config();
    let scenario = truce::scenario::resolve("autumn-2025").unwrap();
    let policy = Policy {
        load: false,
        ..Policy::HOSTED
    };
    let app = App::new(vec![Arc::new(scenario)], 0, 7, Theme::plain())
        .with_store(MemoryStore::new())
        .with_outside(policy, FixedClock("2025-10-30T12:00:00Z".into()));
    let mut s = session(app, 120, 40);
    assert!(!screen(&s).contains("o load"), "{}", screen(&s));
    press(&mut s, "o");
    assert_eq!(s.app().ui.screen, Screen::Title);
    // Under the hosted policy, which allows loading, `o` lists them.
    let mut local = session(hosted(MemoryStore::new()), 120, 40);
    press(&mut local, "o");
    assert_eq!(local.app().ui.screen, Screen::Load);
}
