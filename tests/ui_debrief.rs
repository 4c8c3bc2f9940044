//! The debrief is scored once, when the game ends or a finished save is loaded, and every
//! frame draws from that stored scorecard: changing the state underneath changes nothing drawn.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use truce::engine::scorecard;
use truce::persist;
use truce::ui::app::Screen;
use truce::ui::input::KeyCode;
use truce::ui::{App, Theme};

use common::{draw, key, play, text};

fn finished() -> App {
    let l = persist::load_game(Path::new("saves/finished-deal.ron")).expect("example save");
    App::new(
        vec![l.game.scenario.clone()],
        0,
        l.game.seed,
        Theme::plain(),
    )
    .resuming(l)
}

#[test]
fn a_finished_save_is_scored_once_on_loading() {
    let app = finished();
    assert_eq!(app.ui.screen, Screen::End);
    let game = app.game.as_ref().expect("a game");
    let debrief = app.debrief.as_ref().expect("scored on loading");
    assert_eq!(debrief.card, scorecard(&game.scenario, &game.state));
}

#[test]
fn the_debrief_draws_the_stored_scores_not_the_state() {
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let mut app = finished();
        let before = text(&draw(&mut app, w, h));
        app.handle_key(key(KeyCode::Char('d')));
        let dance = text(&draw(&mut app, w, h));
        app.handle_key(key(KeyCode::Char('d')));
        // Change what the scores are made of: a frame that scored the state again would show
        // other numbers, no epilogue and an empty dance.
        let game = app.game.as_mut().expect("a game");
        game.state.epilogue = None;
        game.state.outcome = None;
        game.history.clear();
        let after = text(&draw(&mut app, w, h));
        assert_eq!(after, before, "{w}x{h}");
        app.handle_key(key(KeyCode::Char('d')));
        assert_eq!(text(&draw(&mut app, w, h)), dance, "{w}x{h}");
        // Without the stored debrief the screen is scored from the state, which now differs:
        // so the equality above can fail.
        app.debrief = None;
        app.handle_key(key(KeyCode::Char('d')));
        assert_ne!(text(&draw(&mut app, w, h)), before, "{w}x{h}");
    }
}

#[test]
fn a_game_that_ends_in_play_is_scored_when_it_ends() {
    let (app, _) = play(">>]vv]>", 120, 40);
    assert!(app.debrief.is_none(), "not over yet");
    let (app, _) = play(">>]vv]>a^^>y", 120, 40);
    assert_eq!(app.ui.screen, Screen::End);
    let game = app.game.as_ref().expect("a game");
    let debrief = app.debrief.as_ref().expect("scored at the end");
    assert_eq!(debrief.card, scorecard(&game.scenario, &game.state));
}

#[test]
fn the_wrapped_pages_draw_as_the_text_wrapped_afresh() {
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let mut app = finished();
        let first = text(&draw(&mut app, w, h));
        for _ in 0..7 {
            app.handle_key(key(KeyCode::Down));
        }
        let pages = app
            .debrief
            .as_ref()
            .and_then(|d| d.pages.clone())
            .expect("wrapped on resizing");
        assert_eq!(pages.width(), w);
        let scrolled = text(&draw(&mut app, w, h));
        if h < 60 {
            // At 200x60 the whole debrief fits; on smaller screens it scrolls.
            assert_ne!(scrolled, first, "{w}x{h}: the text scrolls");
        }
        // The same frame with the pages made in the frame itself.
        if let Some(d) = app.debrief.as_mut() {
            d.pages = None;
        }
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("backend");
        terminal
            .draw(|f| {
                app.draw(f);
            })
            .expect("draw");
        assert_eq!(text(&terminal), scrolled, "{w}x{h}");
    }
}
