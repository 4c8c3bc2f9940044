//! Review mode drawn into a TestBackend at 80×24, 120×40 and 200×60, stepped with the keys a
//! presenter uses; reached from the Load screen with `r`; and the name prompt and class mode.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;
use std::sync::Arc;

use truce::persist;
use truce::ui::app::Screen;
use truce::ui::input::KeyCode;
use truce::ui::{App, Classroom, Theme};

use common::{app, draw, key, keys, text};

fn reviewing(path: &str) -> App {
    let loaded = persist::load_game(Path::new(path)).expect("the example save loads");
    App::new(
        vec![loaded.game.scenario.clone()],
        0,
        loaded.game.seed,
        Theme::plain(),
    )
    .reviewing(&loaded)
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(key(code));
}

#[test]
fn review_steps_week_by_week_and_shows_the_board_as_it_was() {
    let mut a = reviewing("saves/finished-deal.ron");
    assert_eq!(a.ui.screen, Screen::Review);
    let shown = text(&draw(&mut a, 120, 40));
    assert!(shown.contains("Week 1 of 11"), "{shown}");
    assert!(shown.contains("step 0 of"), "{shown}");
    // Week 1 had two agenda moves and no proposal; week 2 the first proposal and a counter.
    press(&mut a, KeyCode::Right);
    let week1 = text(&draw(&mut a, 120, 40));
    assert!(week1.contains("Open Excess capacity"), "{week1}");
    press(&mut a, KeyCode::Right);
    let week2 = text(&draw(&mut a, 120, 40));
    assert!(week2.contains("Week 2 of 11"), "{week2}");
    assert!(week2.contains("Beijing counters"), "{week2}");
    assert!(week2.contains("Rule:"), "the why is shown: {week2}");
    // The board is the state after week 2: a proposal and a counter, nothing agreed yet.
    let r = a.review.as_ref().expect("reviewing");
    let b = r.board().expect("a board");
    assert!(b.rows.iter().any(|row| row.counter.is_some()));
    assert!(b.rows.iter().all(|row| row.agreed.is_none()) && !b.signed);
    press(&mut a, KeyCode::End);
    let last = text(&draw(&mut a, 120, 40));
    assert!(last.contains("Signed"), "{last}");
    assert!(last.contains("ended: Comprehensive deal"), "{last}");
    let r = a.review.as_ref().expect("reviewing");
    assert_eq!(r.at, r.last());
    assert_eq!(r.board(), r.boards.last());
    assert!(r.board().is_some_and(|b| b.signed));
    press(&mut a, KeyCode::Right);
    assert_eq!(a.review.as_ref().map(|r| r.at), Some(r_last(&a)));
    press(&mut a, KeyCode::Home);
    assert_eq!(a.review.as_ref().map(|r| r.at), Some(0));
    press(&mut a, KeyCode::Left);
    assert_eq!(a.review.as_ref().map(|r| r.at), Some(0));
    // Review never changes a game: there is none in play.
    assert!(a.game.is_none());
    press(&mut a, KeyCode::Esc);
    assert!(a.ui.quit, "Esc leaves `truce review`");
}

fn r_last(a: &App) -> usize {
    a.review.as_ref().map_or(0, |r| r.last())
}

#[test]
fn review_snapshots_at_three_sizes() {
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let mut a = reviewing("saves/finished-deal.ron");
        for k in keys("]]]") {
            a.handle_key(k);
        }
        let shown = text(&draw(&mut a, w, h));
        assert!(shown.contains("Week 3 of 11"), "{w}x{h}:\n{shown}");
        assert!(shown.contains("China counter"), "{w}x{h}:\n{shown}");
        insta::assert_snapshot!(format!("review_week3_{w}x{h}"), shown);
    }
    let mut a = reviewing("saves/midgame-restrictions.ron");
    press(&mut a, KeyCode::End);
    insta::assert_snapshot!("review_midgame_last_80x24", text(&draw(&mut a, 80, 24)));
}

#[test]
fn review_scrolls_the_week_text_on_a_small_terminal() {
    let mut a = reviewing("saves/finished-deal.ron");
    for k in keys("]]") {
        a.handle_key(k);
    }
    draw(&mut a, 80, 24);
    assert!(a.ui.drawn.scroll_max > 0, "the why does not fit at 80x24");
    press(&mut a, KeyCode::Down);
    assert_eq!(a.review.as_ref().map(|r| r.scroll), Some(1));
    press(&mut a, KeyCode::Right);
    assert_eq!(
        a.review.as_ref().map(|r| r.scroll),
        Some(0),
        "a new week starts at its top"
    );
}

#[test]
fn r_on_the_load_screen_reviews_the_selected_save_and_esc_comes_back() {
    let tmp = tempfile::tempdir().expect("temp dir");
    std::fs::copy("saves/finished-deal.ron", tmp.path().join("finished.ron")).expect("copy");
    let mut a = app().with_save_dir(Some(tmp.path().to_path_buf()));
    a.handle_key(key(KeyCode::Char('o')));
    assert_eq!(a.ui.screen, Screen::Load);
    let list = text(&draw(&mut a, 80, 24));
    assert!(list.contains("r review"), "the key is shown: {list}");
    a.handle_key(key(KeyCode::Char('r')));
    assert_eq!(a.ui.screen, Screen::Review);
    assert!(
        a.game.is_none(),
        "reviewing does not open the game for play"
    );
    let shown = text(&draw(&mut a, 80, 24));
    assert!(shown.contains("REVIEW"), "{shown}");
    a.handle_key(key(KeyCode::Esc));
    assert_eq!(a.ui.screen, Screen::Load);
    assert!(!a.ui.quit);
}

fn with_config<T>(f: impl FnOnce(&Path) -> T) -> T {
    // The config dir is process-wide: tests that set it run under one lock.
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let tmp = tempfile::tempdir().expect("temp dir");
    // SAFETY: every test that touches this variable holds LOCK; nothing else reads it.
    unsafe { std::env::set_var(truce::config::CONFIG_DIR_ENV, tmp.path()) };
    // The guided first week was read: these journeys start at the table.
    std::fs::write(tmp.path().join("guide.txt"), "read\n").expect("guide read");
    let out = f(tmp.path());
    unsafe { std::env::remove_var(truce::config::CONFIG_DIR_ENV) };
    out
}

fn scenarios() -> Vec<Arc<truce::scenario::Scenario>> {
    vec![Arc::new(
        truce::scenario::resolve("autumn-2025").expect("built-in"),
    )]
}

#[test]
fn the_name_is_asked_once_then_remembered_and_stored_in_saves() {
    with_config(|dir| {
        let saves = tempfile::tempdir().expect("temp dir");
        let mut a = App::new(scenarios(), 0, 7, Theme::plain())
            .with_save_dir(Some(saves.path().to_path_buf()))
            .with_classroom(Classroom::for_play(false, None));
        let shown = text(&draw(&mut a, 80, 24));
        assert!(shown.contains("Your name"), "{shown}");
        insta::assert_snapshot!("name_prompt_80x24", shown);
        // `q` and `?` are letters here, not commands.
        for k in keys("Ana q?") {
            a.handle_key(k);
        }
        press(&mut a, KeyCode::Backspace);
        press(&mut a, KeyCode::Backspace);
        press(&mut a, KeyCode::Backspace);
        press(&mut a, KeyCode::Enter);
        assert!(!a.ui.quit);
        assert_eq!(a.classroom.player.as_deref(), Some("Ana"));
        let kept = std::fs::read_to_string(dir.join("player.txt")).expect("remembered");
        assert_eq!(kept.trim(), "Ana");
        // Next run: not asked again.
        let b = App::new(scenarios(), 0, 7, Theme::plain())
            .with_classroom(Classroom::for_play(false, None));
        assert!(b.ui.overlay.is_none());
        assert_eq!(b.classroom.player.as_deref(), Some("Ana"));
        // The game's saves carry the name, and the debrief shows it.
        for k in keys(">>]vv]>") {
            a.handle_key(k);
        }
        let autosave = std::fs::read_dir(saves.path())
            .expect("saves")
            .filter_map(Result::ok)
            .find(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.starts_with("autosave-") && name.ends_with(".ron")
            })
            .expect("an autosave");
        let loaded = persist::load_game(&autosave.path()).expect("loads");
        assert_eq!(loaded.info.player.as_deref(), Some("Ana"));
        assert!(!loaded.info.class);
        for k in keys("a^^>y") {
            a.handle_key(k);
        }
        assert_eq!(a.ui.screen, Screen::End);
        let end = text(&draw(&mut a, 120, 40));
        assert!(end.contains("Played by Ana."), "{end}");
    });
}

#[test]
fn class_mode_names_files_after_the_player_and_forbids_loading() {
    with_config(|_| {
        let saves = tempfile::tempdir().expect("temp dir");
        let mut a = App::new(scenarios(), 0, 7, Theme::plain())
            .with_save_dir(Some(saves.path().to_path_buf()))
            .with_classroom(Classroom::for_play(true, Some("Zoë Park".into())));
        assert!(a.ui.overlay.is_none(), "--player: no question");
        a.handle_key(key(KeyCode::Char('o')));
        assert_eq!(a.ui.screen, Screen::Title, "no loading in class mode");
        for k in keys(">>]vv]>") {
            a.handle_key(k);
        }
        let names: Vec<String> = std::fs::read_dir(saves.path())
            .expect("saves")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".ron"))
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        assert!(
            names[0].starts_with("autosave-zo-park-autumn-2025-7-"),
            "{names:?}"
        );
        a.handle_key(key(KeyCode::Char('o')));
        assert_eq!(
            a.ui.screen,
            Screen::Negotiation,
            "no loading mid-game either"
        );
        // Quitting and starting the same scenario and seed again resumes the unfinished game.
        let mut again = App::new(scenarios(), 0, 7, Theme::plain())
            .with_save_dir(Some(saves.path().to_path_buf()))
            .with_classroom(Classroom::for_play(true, Some("Zoë Park".into())));
        for k in keys(">>") {
            again.handle_key(k);
        }
        assert_eq!(again.ui.screen, Screen::Negotiation);
        let turns = |app: &App| app.game.as_ref().map(|g| g.state.turns);
        assert_eq!(turns(&again), Some(1), "the game goes on from week 2");
        assert_eq!(turns(&again), turns(&a));
        assert_eq!(
            again.info.as_ref().map(|i| i.reloads),
            Some(0),
            "not a reload"
        );
        // Another player on the same machine starts afresh.
        let mut other = App::new(scenarios(), 0, 7, Theme::plain())
            .with_save_dir(Some(saves.path().to_path_buf()))
            .with_classroom(Classroom::for_play(true, Some("Sam".into())));
        for k in keys(">>") {
            other.handle_key(k);
        }
        assert_eq!(turns(&other), Some(0));
        let loaded = persist::load_game(&saves.path().join(&names[0])).expect("loads");
        assert!(loaded.info.class);
        assert_eq!(loaded.info.reloads, 0);
        // Resumed outside class mode (as `truce load` does), the game counts a reload, which
        // its next autosave keeps for the class report.
        let mut b = App::new(scenarios(), 0, 7, Theme::plain())
            .with_save_dir(Some(saves.path().to_path_buf()))
            .resuming(loaded);
        assert_eq!(b.info.as_ref().map(|i| i.reloads), Some(1));
        for k in keys(">") {
            b.handle_key(k);
        }
        let again = persist::load_game(&saves.path().join(&names[0])).expect("loads");
        assert_eq!(again.info.reloads, 1);
    });
}

#[test]
fn class_mode_needs_a_name() {
    with_config(|_| {
        let mut a = App::new(scenarios(), 0, 7, Theme::plain())
            .with_classroom(Classroom::for_play(true, None));
        press(&mut a, KeyCode::Esc);
        assert!(a.naming(), "Esc does not skip the name in class mode");
        press(&mut a, KeyCode::Enter);
        assert!(a.naming(), "an empty name is not taken");
    });
}

#[test]
fn no_key_is_bound_twice_in_review_the_load_list_or_the_name_prompt() {
    use truce::ui::keymap::BINDINGS;
    let clashes = |app: &App| -> Vec<String> {
        let on: Vec<_> = BINDINGS.iter().filter(|b| (b.when)(app)).collect();
        let mut out = Vec::new();
        for (i, x) in on.iter().enumerate() {
            for y in &on[i + 1..] {
                for k in x.keys {
                    if y.keys.contains(k) {
                        out.push(format!("{} on {:?} and {:?}", k.name(), x.cmd, y.cmd));
                    }
                }
            }
        }
        out
    };
    let tmp = tempfile::tempdir().expect("temp dir");
    std::fs::copy("saves/opening.ron", tmp.path().join("opening.ron")).expect("copy");
    let mut a = app().with_save_dir(Some(tmp.path().to_path_buf()));
    let mut seen = 0;
    for k in keys("or]]?<[<") {
        a.handle_key(k);
        seen += usize::from(a.ui.screen == Screen::Review);
        assert!(clashes(&a).is_empty(), "{:?}", clashes(&a));
    }
    assert!(seen >= 4, "the script went through review");
    with_config(|_| {
        let mut b = App::new(scenarios(), 0, 7, Theme::plain())
            .with_classroom(Classroom::for_play(false, None));
        assert!(b.naming());
        assert!(clashes(&b).is_empty(), "{:?}", clashes(&b));
        b.handle_key(key(KeyCode::Char('x')));
        assert!(clashes(&b).is_empty(), "{:?}", clashes(&b));
    });
}

#[test]
fn a_game_with_no_moves_reviews_and_reports() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let game = truce::engine::Game::new(scenarios().remove(0), 5);
    let info = persist::GameInfo::new(&game.scenario, 5, "2025-10-30T12:00:00Z");
    let path = tmp.path().join("empty.ron");
    persist::write_save(
        &path,
        &persist::save_of(&game, &info, "2025-10-30T12:00:00Z"),
    )
    .expect("write");
    let mut a = reviewing(path.to_str().expect("utf-8"));
    press(&mut a, KeyCode::Right);
    press(&mut a, KeyCode::End);
    assert_eq!(a.review.as_ref().map(|r| r.at), Some(0));
    let shown = text(&draw(&mut a, 80, 24));
    assert!(shown.contains("step 0 of 0"), "{shown}");
    let loaded = persist::load_game(&path).expect("loads");
    let t = truce::report::transcript::render(&truce::report::facts::of_loaded(&loaded));
    assert!(t.contains("No move was made."), "{t}");
}

/// `label` is on `line` whole, or cut to a prefix that ends in "…".
fn whole_or_marked(line: &str, label: &str) -> bool {
    if line.contains(label) {
        return true;
    }
    let chars: Vec<char> = label.chars().collect();
    (1..chars.len()).any(|n| {
        let prefix: String = chars[..n].iter().collect();
        line.contains(&format!("{prefix}…"))
    })
}

#[test]
fn review_columns_that_are_too_narrow_end_in_an_ellipsis() {
    let mut marked = 0;
    for path in ["saves/midgame-restrictions.ron", "saves/finished-deal.ron"] {
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            let mut a = reviewing(path);
            loop {
                let shown = text(&draw(&mut a, w, h));
                let r = a.review.as_ref().expect("reviewing");
                let b = r.board().expect("a board");
                for row in &b.rows {
                    let on = if row.on { "on " } else { "off" };
                    let start = format!("{:<12} {on}", row.issue);
                    let line = shown
                        .lines()
                        .find(|l| l.contains(&start))
                        .unwrap_or_else(|| panic!("{start:?} at {w}x{h}:\n{shown}"));
                    for level in [&row.proposal, &row.counter, &row.agreed]
                        .into_iter()
                        .flatten()
                    {
                        let label = if level.status_quo {
                            format!("· {}", level.label)
                        } else {
                            level.label.clone()
                        };
                        assert!(
                            whole_or_marked(line, &label),
                            "{label:?} cut unmarked at {w}x{h}:\n{line}"
                        );
                        if !line.contains(&label) {
                            marked += 1;
                        }
                    }
                }
                if r.at == r.last() {
                    break;
                }
                press(&mut a, KeyCode::Right);
            }
        }
    }
    // Some labels are too wide for their column at these sizes: the check above met the cut.
    assert!(marked > 0);
}
