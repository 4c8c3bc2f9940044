//! The action menu's items: what each does, whether it asks first, and whether it is possible.

use crate::engine::{Action, ActionError, Game};

/// One entry of the action menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuItem {
    /// Accept China's standing counter-offer.
    AcceptCounter,
    /// Threaten snap-back.
    Threaten,
    /// A unilateral goodwill gesture.
    Goodwill,
    /// Ask for an extension of the truce.
    Extension,
    /// Sign the agreed package at the summit.
    Sign,
    /// Leave the table.
    WalkAway,
}

/// The menu, in order.
pub const ITEMS: [MenuItem; 6] = [
    MenuItem::AcceptCounter,
    MenuItem::Threaten,
    MenuItem::Goodwill,
    MenuItem::Extension,
    MenuItem::Sign,
    MenuItem::WalkAway,
];

impl MenuItem {
    /// The engine action.
    pub fn action(self) -> Action {
        match self {
            MenuItem::AcceptCounter => Action::AcceptCounter,
            MenuItem::Threaten => Action::Threaten,
            MenuItem::Goodwill => Action::Goodwill,
            MenuItem::Extension => Action::RequestExtension,
            MenuItem::Sign => Action::Sign,
            MenuItem::WalkAway => Action::WalkAway,
        }
    }

    /// The menu label.
    pub fn label(self) -> &'static str {
        match self {
            MenuItem::AcceptCounter => "Accept China's counter-offer",
            MenuItem::Threaten => "Threaten snap-back",
            MenuItem::Goodwill => "Goodwill gesture",
            MenuItem::Extension => "Request a truce extension",
            MenuItem::Sign => "Sign at the summit",
            MenuItem::WalkAway => "Walk away",
        }
    }

    /// What it does, in a sentence.
    pub fn hint(self) -> &'static str {
        match self {
            MenuItem::AcceptCounter => {
                "Take Beijing's standing counter as the agreement in principle; sign it at a summit."
            }
            MenuItem::Threaten => {
                "Pressure Beijing. Costs trust, hardens its demands, and may draw mineral restrictions."
            }
            MenuItem::Goodwill => {
                "A unilateral easing: Beijing's trust rises, hawks at home grumble."
            }
            MenuItem::Extension => {
                "Ends the game: if Beijing grants it, the truce rolls on with no deal."
            }
            MenuItem::Sign => {
                "Ends the game with a deal, if China's leader signs the agreed package."
            }
            MenuItem::WalkAway => {
                "Ends the game: tariffs snap back and Beijing restricts minerals."
            }
        }
    }

    /// Whether it asks for confirmation first (it may end the game).
    pub fn confirm(self) -> bool {
        matches!(
            self,
            MenuItem::Extension | MenuItem::Sign | MenuItem::WalkAway
        )
    }
}

/// Whether an item is possible now; the reason, in the engine's words, when it is not.
pub fn available(item: MenuItem, game: &Game) -> Result<(), String> {
    let s = &game.state;
    if s.outcome.is_some() {
        return Err(ActionError::GameOver.to_string());
    }
    match item {
        MenuItem::AcceptCounter if s.counter.is_none() => Err(ActionError::NoCounter.to_string()),
        MenuItem::Sign if !s.summit_this_turn(&game.scenario) => {
            Err(ActionError::NoSummit.to_string())
        }
        MenuItem::Sign if s.agreed.is_none() => Err(ActionError::NothingAgreed.to_string()),
        _ => Ok(()),
    }
}
