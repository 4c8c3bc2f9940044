//! Keys change only the UI; what they ask of the world comes back as effects, which the event
//! loop carries out. These tests need no disk: nothing is performed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use truce::ui::app::Screen;
use truce::ui::effects::Effect;

use common::{app, keys};

/// Feeds keys without performing their effects; returns every effect asked for.
fn effects_of(a: &mut truce::ui::App, script: &str) -> Vec<Effect> {
    keys(script)
        .into_iter()
        .flat_map(|k| a.update_key(k))
        .collect()
}

#[test]
fn beginning_asks_to_start_and_a_move_asks_for_an_autosave() {
    let mut a = app();
    a.resize(120, 40);
    assert_eq!(effects_of(&mut a, ">>"), vec![Effect::Start]);
    // Nothing was performed: no game yet.
    assert!(a.game.is_none());
    a.perform(Effect::Start);
    assert_eq!(a.ui.screen, Screen::Negotiation);
    // Proposing the status quo is a move: the key asks for the autosave, it does not write it.
    assert_eq!(effects_of(&mut a, ">"), vec![Effect::Autosave]);
    assert!(!a.autosaved);
}

#[test]
fn loading_and_quitting_are_effects() {
    let mut a = app();
    a.resize(120, 40);
    let listed = effects_of(&mut a, "o");
    assert_eq!(
        listed,
        vec![Effect::ListSaves {
            back: Screen::Title
        }]
    );
    assert_eq!(a.ui.screen, Screen::Load);
    // Esc back, then q and y: quitting is asked for, and the app is not yet marked quit.
    let quit = effects_of(&mut a, "<qy");
    assert_eq!(quit, vec![Effect::Quit]);
    assert!(!a.ui.quit);
    a.perform(Effect::Quit);
    assert!(a.ui.quit);
}

#[test]
fn drawing_asks_for_nothing() {
    let mut a = app();
    for k in keys(">>") {
        a.handle_key(k);
    }
    let _ = common::draw(&mut a, 120, 40);
    assert!(a.take_effects().is_empty());
}
