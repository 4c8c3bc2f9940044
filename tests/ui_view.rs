//! The table's parts that change only with a key, a move or the size (the big layout's why and
//! dance, the instructor's dry run) are worked out then and kept in `App::view`; a frame drawn
//! from them looks exactly like one that works them out itself, and they follow every change.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use ratatui::layout::Rect;
use truce::persist;
use truce::ui::input::KeyCode;
use truce::ui::{App, Classroom, Theme};

use common::{draw, key, text};

fn midgame() -> App {
    let l = persist::load_game(Path::new("saves/midgame-restrictions.ron")).expect("example save");
    App::new(
        vec![l.game.scenario.clone()],
        0,
        l.game.seed,
        Theme::plain(),
    )
    .with_classroom(Classroom {
        instructor: true,
        player: Some("Teacher".into()),
        ..Classroom::default()
    })
    .resuming(l)
}

fn cached_and_fresh(app: &mut App, w: u16, h: u16) -> (String, String) {
    let cached = text(&draw(app, w, h));
    let kept = std::mem::take(&mut app.view);
    let game = app.game.as_ref().expect("a game");
    let area = Rect::new(0, 0, w, h);
    // Drawing with an empty view works everything out in the frame.
    assert!(app.view.big(app.generation, game, area).is_none());
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    let mut drawn = app.ui.drawn.clone();
    terminal.draw(|f| drawn = app.draw(f)).unwrap();
    app.view = kept;
    (cached, text(&terminal))
}

#[test]
fn a_frame_from_the_view_is_the_frame_worked_out_afresh() {
    for (w, h) in [(80, 24), (120, 40), (160, 48), (200, 60)] {
        let mut app = midgame();
        let (cached, fresh) = cached_and_fresh(&mut app, w, h);
        assert_eq!(cached, fresh, "{w}x{h}");
        assert!(cached.contains("INSTRUCTOR"), "{w}x{h}:\n{cached}");
    }
}

#[test]
fn the_view_follows_the_size_the_package_and_each_move() {
    let mut app = midgame();
    draw(&mut app, 200, 60);
    let area = Rect::new(0, 0, 200, 60);
    let game = app.game.as_ref().expect("a game");
    assert!(
        app.view.big(app.generation, game, area).is_some(),
        "made on resizing"
    );
    assert!(
        app.view
            .instructor(app.generation, game, area, &app.ui.package)
            .is_some()
    );
    // Another size: nothing kept for the old one is used.
    let small = Rect::new(0, 0, 120, 40);
    assert!(app.view.big(app.generation, game, small).is_none());
    // A level changed: the instructor's dry run is of the new package.
    app.handle_key(key(KeyCode::Right));
    let game = app.game.as_ref().expect("a game");
    let panel = app
        .view
        .instructor(app.generation, game, area, &app.ui.package);
    assert!(panel.is_some(), "redone after the key");
    let (cached, fresh) = cached_and_fresh(&mut app, 200, 60);
    assert_eq!(cached, fresh);
    // A move: the why and the dance are of the new state.
    let before = app.view.clone();
    app.handle_key(key(KeyCode::Enter));
    let game = app.game.as_ref().expect("a game");
    assert!(app.view.big(app.generation, game, area).is_some());
    assert_ne!(app.view, before);
    let (cached, fresh) = cached_and_fresh(&mut app, 200, 60);
    assert_eq!(cached, fresh);
}
