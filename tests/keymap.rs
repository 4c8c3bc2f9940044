//! The one keymap table stays unambiguous: in every screen a player can reach, no key is bound
//! to two enabled commands (the "earlier row wins" rule must never decide anything).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use truce::ui::input::KeyInput;
use truce::ui::keymap::{BINDINGS, Binding};
use truce::ui::{App, Theme};

use common::{SCREENS, keys, play};

/// The commands enabled now that a key would fire, by key name.
fn clashes(app: &App) -> Vec<String> {
    let enabled: Vec<&Binding> = BINDINGS.iter().filter(|b| (b.when)(app)).collect();
    clashes_among(&enabled)
}

/// Every key shared by two of these bindings.
fn clashes_among(enabled: &[&Binding]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, first) in enabled.iter().enumerate() {
        for second in &enabled[i + 1..] {
            for key in first.keys {
                if second.keys.contains(key) {
                    out.push(format!(
                        "{} is bound to both {:?} and {:?}",
                        key.name(),
                        first.cmd,
                        second.cmd
                    ));
                }
            }
        }
    }
    out
}

/// Extra states beyond the screen list: the save prompt, the load screen, the debrief
/// with the menu, a confirm from the title.
const MORE: &[(&str, &str)] = &[
    ("save_prompt", ">>s"),
    ("load_from_title", "o"),
    ("load_from_table", ">>o"),
    ("quit_from_title", "q"),
    ("help_from_title", "?"),
    ("end_help", ">>]vv]>a^^>y?"),
];

#[test]
fn no_key_is_bound_twice_in_any_reachable_screen() {
    let mut visited = 0;
    let mut problems = Vec::new();
    for (name, script) in SCREENS.iter().chain(MORE) {
        // Check the state after every key of the script, not only the last one.
        let mut app = truce::ui::App::new(
            vec![std::sync::Arc::new(
                truce::scenario::resolve("autumn-2025").expect("built-in scenario loads"),
            )],
            0,
            7,
            Theme::plain(),
        );
        app.resize(120, 40);
        let events: Vec<KeyInput> = keys(script);
        for (i, k) in std::iter::once(None)
            .chain(events.iter().map(Some))
            .enumerate()
        {
            if let Some(k) = k {
                app.handle_key(*k);
            }
            visited += 1;
            for c in clashes(&app) {
                problems.push(format!("{name} after {i} keys: {c}"));
            }
        }
    }
    assert!(visited > 50, "too few states visited: {visited}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_clash_check_sees_a_clash() {
    // Ignoring when each row is enabled, Enter and Esc serve many screens: the check must see
    // that, or the test above could pass by seeing nothing.
    let all: Vec<&Binding> = BINDINGS.iter().collect();
    let found = clashes_among(&all);
    assert!(found.iter().any(|c| c.starts_with("Enter ")), "{found:?}");
    let (app, _) = play(">>", 120, 40);
    assert!(BINDINGS.iter().filter(|b| (b.when)(&app)).count() > 5);
}
