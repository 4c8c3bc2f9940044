//! Drawing the full negotiation screen into a 200×60 TestBackend: the big layout with the dance
//! and the why, with and without the instructor's panel, the debrief and its dance; target
//! under 1 ms a frame. The empty frame is the floor (ratatui's own buffer diff and swap).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use truce::ui::input::{KeyCode, KeyInput, Mods};
use truce::ui::{App, Theme};

fn negotiating_app() -> App {
    let scenario = truce::scenario::resolve("autumn-2025").expect("built-in scenario");
    let mut app = App::new(vec![Arc::new(scenario)], 0, 7, Theme { colour: true });
    app.resize(200, 60);
    // Title, briefing, then a proposal so that every panel has content.
    for code in [
        KeyCode::Enter,
        KeyCode::Enter,
        KeyCode::Right,
        KeyCode::Down,
        KeyCode::Down,
        KeyCode::Right,
        KeyCode::Enter,
    ] {
        app.handle_key(KeyInput::new(code, Mods::NONE));
    }
    app
}

fn draw(c: &mut Criterion) {
    let app = negotiating_app();
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("test backend");
    c.bench_function("draw negotiation 200x60", |b| {
        b.iter(|| {
            terminal
                .draw(|f| {
                    black_box(black_box(&app).draw(f));
                })
                .expect("draw");
        })
    });
}

/// The debrief's negotiation dance of a finished game (the chart, the frontier and the meters).
fn dance(c: &mut Criterion) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/finished-deal.ron");
    let loaded = truce::persist::load_game(&path).expect("example save");
    let scenarios = vec![loaded.game.scenario.clone()];
    let mut app = App::new(scenarios, 0, 1, Theme { colour: true }).resuming(loaded);
    app.resize(200, 60);
    app.handle_key(KeyInput::new(KeyCode::Char('d'), Mods::NONE));
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("test backend");
    c.bench_function("draw debrief dance 200x60", |b| {
        b.iter(|| {
            terminal
                .draw(|f| {
                    black_box(black_box(&app).draw(f));
                })
                .expect("draw");
        })
    });
}

/// The debrief's text of a finished game (the scores, the epilogue, the deal beside history).
fn debrief(c: &mut Criterion) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/finished-deal.ron");
    let loaded = truce::persist::load_game(&path).expect("example save");
    let scenarios = vec![loaded.game.scenario.clone()];
    let mut app = App::new(scenarios, 0, 1, Theme { colour: true }).resuming(loaded);
    app.resize(200, 60);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("test backend");
    c.bench_function("draw debrief 200x60", |b| {
        b.iter(|| {
            terminal
                .draw(|f| {
                    black_box(black_box(&app).draw(f));
                })
                .expect("draw");
        })
    });
}

/// The dance widget alone, at the size the big table gives it and at full screen.
fn dance_widget(c: &mut Criterion) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/finished-deal.ron");
    let loaded = truce::persist::load_game(&path).expect("example save");
    let g = &loaded.game;
    let dance = truce::ui::widgets::dance::Dance::of(&g.scenario, &g.history, &g.state);
    for (w, h) in [(90u16, 25u16), (196, 56)] {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
        c.bench_function(&format!("dance widget {w}x{h}"), |b| {
            b.iter(|| {
                terminal
                    .draw(|f| {
                        let area = f.area();
                        truce::ui::widgets::dance::draw(f, area, black_box(&dance), Theme::plain())
                    })
                    .expect("draw");
            })
        });
    }
}

/// The table with the instructor's panel (the engine's dry run of the package being built,
/// made when a key changes it and kept in the app's view).
fn instructor(c: &mut Criterion) {
    let mut app = negotiating_app().with_classroom(truce::ui::Classroom {
        instructor: true,
        player: Some("Bench".into()),
        ..truce::ui::Classroom::default()
    });
    app.ui.overlay = None;
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("test backend");
    c.bench_function("draw negotiation 200x60 instructor", |b| {
        b.iter(|| {
            terminal
                .draw(|f| {
                    black_box(black_box(&app).draw(f));
                })
                .expect("draw");
        })
    });
}

/// The floor: an empty frame of the same size (ratatui's own buffer diff and swap), for scale.
fn empty(c: &mut Criterion) {
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("test backend");
    c.bench_function("draw empty frame 200x60 (floor)", |b| {
        b.iter(|| {
            terminal
                .draw(|f| {
                    black_box(f.area());
                })
                .expect("draw");
        })
    });
}

criterion_group!(
    benches,
    draw,
    dance,
    debrief,
    dance_widget,
    instructor,
    empty
);
criterion_main!(benches);
