//! The class board from a folder of saves: snapshots at 80×24 and 120×40 (sealed, edited,
//! unsigned and unreadable saves, a connected student without a save), the rows following
//! autosaves as they land, the sort cycling, and the keys' effects.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use truce::engine::Action;
use truce::persist::{self, GameInfo, LoadedGame};
use truce::seal::ClassKey;
use truce::ui::Theme;
use truce::ui::board::{BoardEffect, BoardModel, BoardUi, LiveSessions, SortBy, update, view};
use truce::ui::input::{KeyCode, KeyInput};

mod common;

struct Live(Vec<&'static str>);

impl LiveSessions for Live {
    fn connected(&self) -> Vec<String> {
        self.0.iter().map(|s| s.to_string()).collect()
    }
}

fn example(name: &str) -> LoadedGame {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    persist::load_game(&root.join("saves").join(name)).unwrap()
}

fn info_for(loaded: &LoadedGame, player: &str, key: Option<&ClassKey>) -> GameInfo {
    GameInfo {
        id: format!("{player}-{}", loaded.info.id),
        player: Some(player.to_string()),
        class: true,
        class_key: key.map(|k| Arc::new(k.clone())),
        ..loaded.info.clone()
    }
}

/// Autosaves `example_name`'s game as `player`'s in `dir`.
fn autosave(dir: &Path, example_name: &str, player: &str, key: Option<&ClassKey>) -> PathBuf {
    let loaded = example(example_name);
    let info = info_for(&loaded, player, key);
    persist::autosave(dir, &loaded.game, &info, "2026-12-07T10:00:00Z").unwrap()
}

fn key() -> ClassKey {
    ClassKey::from_bytes([5; 32])
}

/// Ana finished (sealed), Bob mid-game under restrictions (sealed), Cleo at the opening
/// (unsigned), Eve's save edited by hand after sealing, and a file that is no save.
fn class_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let k = key();
    autosave(dir.path(), "finished-deal.ron", "Ana", Some(&k));
    autosave(dir.path(), "midgame-restrictions.ron", "Bob", Some(&k));
    autosave(dir.path(), "opening.ron", "Cleo", None);
    let eve = autosave(dir.path(), "opening.ron", "Eve", Some(&k));
    let text = std::fs::read_to_string(&eve).unwrap();
    std::fs::write(&eve, text.replace("Some(\"Eve\")", "Some(\"Eva\")")).unwrap();
    std::fs::write(dir.path().join("notes.ron"), "not a save at all\n").unwrap();
    dir
}

fn render(model: &BoardModel, ui: &BoardUi, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| view::draw(f, f.area(), model, ui, Theme::plain()))
        .unwrap();
    common::text(&terminal)
}

/// The screen with the temp folder's path replaced, so the snapshot is the same anywhere.
fn screen(model: &BoardModel, ui: &BoardUi, width: u16, height: u16) -> String {
    let shown = persist::names::show_dir(model.folder());
    let text = render(model, ui, width, height);
    // The heading may wrap inside the path at 80 columns: it is replaced before wrapping.
    text.replace(&shown, "CLASS")
}

fn model_of(dir: &Path, key: Option<ClassKey>, live: &[&'static str]) -> BoardModel {
    let mut model = BoardModel::new(dir, key.map(Arc::new));
    model.refresh(Live(live.to_vec()).connected());
    model
}

#[test]
fn board_at_120_by_40() {
    let dir = class_folder();
    let model = model_of(dir.path(), Some(key()), &["bob", "Dan"]);
    let names: Vec<&str> = model.rows.iter().map(|r| r.name.as_str()).collect();
    // Finished by score, then in play by week (furthest first), unreadable files last.
    assert_eq!(names[..2], ["Ana", "Bob"], "{names:?}");
    assert_eq!(names.last(), Some(&"notes"));
    let ui = BoardUi {
        selected: 1,
        ..BoardUi::default()
    };
    insta::assert_snapshot!("board_120x40", screen(&model, &ui, 120, 40));
}

#[test]
fn board_at_80_by_24() {
    let dir = class_folder();
    let model = model_of(dir.path(), Some(key()), &["bob", "Dan"]);
    let text = screen(&model, &BoardUi::default(), 80, 24);
    for line in text.lines() {
        assert!(line.chars().count() <= 80);
    }
    insta::assert_snapshot!("board_80x24", text);
}

#[test]
fn board_help_and_an_empty_folder_at_80_by_24() {
    let dir = tempfile::tempdir().unwrap();
    let mut model = model_of(dir.path(), None, &[]);
    let mut ui = BoardUi::default();
    update(&mut model, &mut ui, press(KeyCode::Char('?')));
    assert!(ui.help);
    insta::assert_snapshot!("board_help_80x24", screen(&model, &ui, 80, 24));
    update(&mut model, &mut ui, press(KeyCode::Char('x')));
    assert!(!ui.help, "any key closes the help");
    let text = screen(&model, &ui, 80, 24);
    assert!(text.contains("No saves in this folder yet"), "{text}");
}

#[test]
fn the_board_follows_autosaves_as_they_land() {
    let dir = tempfile::tempdir().unwrap();
    let mut model = model_of(dir.path(), None, &[]);
    assert!(model.rows.is_empty());

    // Ana's first autosave lands: a row appears.
    let loaded = example("opening.ron");
    let info = info_for(&loaded, "Ana", None);
    let mut game = loaded.game.clone();
    persist::autosave(dir.path(), &game, &info, "2026-12-07T10:00:00Z").unwrap();
    assert!(model.refresh(Vec::new()));
    assert_eq!(model.rows.len(), 1);
    let week = model.rows[0].week;
    assert_eq!(
        model.rows[0].last_move,
        loaded.game.history.last().map(|t| t.action.clone())
    );

    // Nothing changed: nothing is reread, nothing moves.
    assert!(!model.refresh(Vec::new()));

    // She threatens: the same autosave slot is replaced, and the row follows it.
    game.apply(Action::Threaten).unwrap();
    persist::autosave(dir.path(), &game, &info, "2026-12-07T10:01:00Z").unwrap();
    assert!(model.refresh(Vec::new()));
    assert_eq!(model.rows.len(), 1, "one game, one row");
    assert_eq!(model.rows[0].last_move, Some(Action::Threaten));
    assert!(model.rows[0].week >= week);

    // Bob connects, then his first autosave lands: one row for him throughout.
    assert!(model.refresh(vec!["Bob".into()]));
    assert_eq!(model.rows.len(), 2);
    assert!(model.rows.iter().any(|r| r.name == "Bob" && r.connected));
    autosave(dir.path(), "midgame-restrictions.ron", "Bob", None);
    assert!(model.refresh(vec!["Bob".into()]));
    assert_eq!(model.rows.len(), 2);
    let bob = model.rows.iter().find(|r| r.name == "Bob").unwrap();
    assert!(bob.connected);
    assert_eq!(bob.rung, 2, "the restriction rung in force");

    // A save deleted goes from the board.
    std::fs::remove_file(persist::autosave_path(dir.path(), &info)).unwrap();
    assert!(model.refresh(Vec::new()));
    assert_eq!(model.rows.len(), 1);
}

fn press(code: KeyCode) -> KeyInput {
    KeyInput::plain(code)
}

#[test]
fn a_server_hands_its_sessions_over_as_a_closure() {
    let live: Box<dyn Fn() -> Vec<String> + Send> = Box::new(|| vec!["Ana".to_string()]);
    let source: Box<dyn LiveSessions> = Box::new(live);
    assert_eq!(source.connected(), ["Ana"]);
}

#[test]
fn keys_select_sort_review_report_and_quit() {
    let dir = class_folder();
    let mut model = model_of(dir.path(), Some(key()), &["Dan"]);
    let mut ui = BoardUi::default();
    assert_eq!(model.sort, SortBy::Standing);
    update(&mut model, &mut ui, press(KeyCode::Down));
    let picked = model.rows[ui.selected].file.clone();
    assert_eq!(
        update(&mut model, &mut ui, press(KeyCode::Enter)),
        Some(BoardEffect::Review(picked.clone()))
    );
    // Sorting keeps the same student selected.
    update(&mut model, &mut ui, press(KeyCode::Char('s')));
    assert_eq!(model.sort, SortBy::Name);
    assert_eq!(model.rows[ui.selected].file, picked);
    let names: Vec<String> = model.rows.iter().map(|r| r.name.to_lowercase()).collect();
    // Unreadable files stay last whatever the order.
    assert_eq!(names.last().map(String::as_str), Some("notes"));
    let readable = &names[..names.len() - 1];
    assert!(readable.is_sorted(), "{names:?}");
    update(&mut model, &mut ui, press(KeyCode::Char('s')));
    assert_eq!(model.sort, SortBy::Recent);
    update(&mut model, &mut ui, press(KeyCode::Char('s')));
    assert_eq!(model.sort, SortBy::Standing);
    // Dan is connected with no save: nothing to review, and the board says so.
    let dan = model.rows.iter().position(|r| r.name == "Dan").unwrap();
    ui.selected = dan;
    assert_eq!(update(&mut model, &mut ui, press(KeyCode::Enter)), None);
    assert!(
        ui.status
            .as_ref()
            .is_some_and(|(t, bad)| *bad && t.contains("Dan"))
    );
    assert_eq!(
        update(&mut model, &mut ui, press(KeyCode::Char('r'))),
        Some(BoardEffect::Report)
    );
    assert_eq!(
        update(&mut model, &mut ui, press(KeyCode::Char('q'))),
        Some(BoardEffect::Quit)
    );
}

#[test]
fn r_writes_the_class_report_into_the_folder_and_later_reports_pass_it_over() {
    let dir = class_folder();
    let (message, bad) = truce::ui::board::write_report(dir.path(), Some(&key()));
    assert!(!bad, "{message}");
    let md = std::fs::read_to_string(dir.path().join("class-report.md")).unwrap();
    assert!(md.contains("| Ana "), "{md}");
    assert!(md.contains("Class key"), "{md}");
    let csv = std::fs::read_to_string(dir.path().join("class-report.csv")).unwrap();
    assert!(csv.lines().next().unwrap().contains("class_key"));
    // Written again, and read by a report of the folder: neither file is listed as skipped.
    let (_, bad) = truce::ui::board::write_report(dir.path(), Some(&key()));
    assert!(!bad);
    let r = truce::report::class::read(&[dir.path().to_path_buf()]);
    assert!(r.skipped.is_empty(), "{:?}", r.skipped);
    // The board itself lists only saves.
    let model = model_of(dir.path(), None, &[]);
    assert!(
        model
            .rows
            .iter()
            .all(|r| !r.file.to_string_lossy().contains("class-report"))
    );
}
