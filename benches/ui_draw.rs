//! Drawing the full negotiation screen into a 200×60 TestBackend (target: median under 500 µs).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
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
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
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

criterion_group!(benches, draw, empty);
criterion_main!(benches);
