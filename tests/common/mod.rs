//! Helpers shared by the integration tests: the built-in scenario and states for the engine
//! tests; building the app, pressing keys and drawing into a TestBackend for the screen tests.
#![allow(dead_code)]

use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use truce::engine::{Package, State, new_state};
use truce::scenario::{self, Scenario};
use truce::ui::input::{KeyCode, KeyInput, Mods};
use truce::ui::{App, Theme};

/// The default scenario, freshly loaded (tests may change it before first use).
pub fn scenario() -> Scenario {
    match scenario::builtin("autumn-2025") {
        Some(Ok(s)) => s,
        other => panic!("the built-in scenario must load: {other:?}"),
    }
}

/// The default scenario behind an Arc.
pub fn shared() -> Arc<Scenario> {
    Arc::new(scenario())
}

/// Index of an issue by id.
pub fn ix(s: &Scenario, id: &str) -> usize {
    s.issue_index(id).unwrap_or_else(|| panic!("no issue {id}"))
}

/// A state with every issue on the table.
pub fn open_state(s: &Scenario, seed: u64) -> State {
    let mut st = new_state(s, seed);
    st.agenda = vec![true; s.issues.len()];
    st.prepared = vec![true; s.issues.len()];
    st
}

/// The status quo with some issues moved.
pub fn package(s: &Scenario, moves: &[(&str, usize)]) -> Package {
    let mut p = s.status_quo();
    for (id, level) in moves {
        p.0[ix(s, id)] = *level;
    }
    p
}

/// The app at the title screen with the built-in scenario, seed 7, no colour.
pub fn app() -> App {
    let scenario = truce::scenario::resolve("autumn-2025").expect("built-in scenario loads");
    App::new(vec![Arc::new(scenario)], 0, 7, Theme::plain())
}

/// A key press.
pub fn key(code: KeyCode) -> KeyInput {
    KeyInput::new(code, Mods::NONE)
}

/// Keys from a compact script: `>` Enter, `<` Esc, `_` Space, `^` Up, `v` Down, `[` Left,
/// `]` Right, `\t` Tab; any other character is itself.
pub fn keys(script: &str) -> Vec<KeyInput> {
    script
        .chars()
        .map(|c| {
            key(match c {
                '>' => KeyCode::Enter,
                '<' => KeyCode::Esc,
                '_' => KeyCode::Char(' '),
                '^' => KeyCode::Up,
                'v' => KeyCode::Down,
                '[' => KeyCode::Left,
                ']' => KeyCode::Right,
                '\t' => KeyCode::Tab,
                other => KeyCode::Char(other),
            })
        })
        .collect()
}

/// Draws the app into a fresh terminal of this size.
pub fn draw(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    app.resize(width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    frame(&mut terminal, app);
    terminal
}

/// Draws one frame as the event loop does, keeping what it measured (scroll limits).
pub fn frame(terminal: &mut Terminal<TestBackend>, app: &mut App) {
    let mut drawn = app.ui.drawn.clone();
    terminal.draw(|f| drawn = app.draw(f)).expect("draw");
    app.drawn(drawn);
}

/// Plays a key script at this size, drawing after every key as the real loop does.
pub fn play(script: &str, width: u16, height: u16) -> (App, Terminal<TestBackend>) {
    let mut app = app();
    app.resize(width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    frame(&mut terminal, &mut app);
    for k in keys(script) {
        app.handle_key(k);
        frame(&mut terminal, &mut app);
    }
    (app, terminal)
}

/// Every screen and overlay, as (name, key script from the title screen).
pub const SCREENS: &[(&str, &str)] = &[
    ("title", ""),
    ("briefing", ">"),
    ("table", ">>"),
    // Tariffs to 20%, rare earths to general licences, then propose.
    ("counter", ">>]vv]>"),
    ("why", ">>]vv]>w"),
    ("help", ">>?"),
    ("menu", ">>a"),
    ("menu_walk", ">>a^^"),
    ("confirm_walk", ">>a^^>"),
    ("quit", ">>q"),
    ("home_tab", ">>]vv]>\t"),
    ("news_tab", ">>]vv]>\t\t"),
    ("offtable_detail", ">>vvvv"),
    ("error", ">>vvvv]"),
    ("end_walk", ">>]vv]>a^^>y"),
];

/// Runs the real binary from the repository root: (exit code, stdout, stderr).
pub fn run_truce(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_truce"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run truce");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The screen's cells as plain text, one line per row.
pub fn text(terminal: &Terminal<TestBackend>) -> String {
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// The scores' keys in `--json` output, in the scorecard's order.
pub const SCORE_KEYS: [&str; 7] = [
    "us_value",
    "durability",
    "balance",
    "headline",
    "security",
    "damage",
    "overall",
];
