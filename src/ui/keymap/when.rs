//! When a binding is enabled: the conditions the keymap's rows name.

use crate::ui::app::{App, Overlay, Screen};

pub(super) fn confirming(a: &App) -> bool {
    matches!(a.ui.overlay, Some(Overlay::Confirm(_)))
}

/// Keys are text: the save prompt or the name prompt.
pub(super) fn typing(a: &App) -> bool {
    matches!(a.ui.overlay, Some(Overlay::Save | Overlay::Player))
}

/// The guided first week is on top.
pub(super) fn guiding(a: &App) -> bool {
    a.ui.overlay == Some(Overlay::Guide)
}

pub(super) fn save_prompt(a: &App) -> bool {
    a.ui.overlay == Some(Overlay::Save)
}

pub(super) fn naming(a: &App) -> bool {
    a.ui.overlay == Some(Overlay::Player)
}

pub(super) fn reviewing(a: &App) -> bool {
    on(a, Screen::Review)
}

/// Saving works on a game at the table or at its debrief, with nothing on top.
pub(super) fn can_save(a: &App) -> bool {
    a.game.is_some()
        && a.ui.overlay.is_none()
        && matches!(a.ui.screen, Screen::Negotiation | Screen::End)
}

/// The list of saves opens from the title, the briefing, the table and the debrief.
pub(super) fn can_load(a: &App) -> bool {
    a.ui.overlay.is_none() && !matches!(a.ui.screen, Screen::Load | Screen::Review) && a.may_load()
}

pub(super) fn on(a: &App, screen: Screen) -> bool {
    a.ui.screen == screen && a.ui.overlay.is_none()
}

pub(super) fn table(a: &App) -> bool {
    on(a, Screen::Negotiation)
}

pub(super) fn reading(a: &App) -> bool {
    match a.ui.overlay {
        Some(Overlay::Help | Overlay::Why) => true,
        Some(_) => false,
        None => matches!(a.ui.screen, Screen::Briefing | Screen::End),
    }
}

pub(super) fn has_answer(a: &App) -> bool {
    a.game
        .as_ref()
        .is_some_and(|g| g.state.last_answer.is_some())
}
