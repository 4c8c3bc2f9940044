//! Every screen drawn at sizes from 1×1 to 250×80, in steps, must not panic; below the minimum
//! the game says how large the terminal must be.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{SCREENS, draw, play};

#[test]
fn every_screen_draws_at_every_size() {
    let mut sizes: Vec<(u16, u16)> = Vec::new();
    for w in (1..=250).step_by(31) {
        for h in (1..=80).step_by(13) {
            sizes.push((w, h));
        }
    }
    sizes.extend([
        (0, 0),
        (79, 24),
        (80, 23),
        (80, 24),
        (109, 34),
        (110, 33),
        (110, 34),
        (250, 80),
    ]);
    for (name, script) in SCREENS {
        let (mut app, _) = play(script, 120, 40);
        for &(w, h) in &sizes {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                draw(&mut app, w, h);
            }));
            assert!(result.is_ok(), "screen {name} panicked at {w}x{h}");
        }
    }
}

#[test]
fn too_small_says_how_large() {
    let (mut app, _) = play(">>", 120, 40);
    let terminal = draw(&mut app, 60, 20);
    let text = format!("{}", terminal.backend());
    assert!(text.contains("80×24"), "{text}");
}
