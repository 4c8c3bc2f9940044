//! What handling a key asks of the world outside the UI: writing saves, reading the save
//! folder, loading a game, remembering the player's name, quitting. Key handling only records
//! these (`App::update_key` returns them); the event loop carries them out with `App::perform`,
//! the one place the terminal game touches files. A test can assert that a key asks for an
//! autosave without a disk, and drawing never does I/O.

use crate::ui::app::{App, Screen};

/// One thing for the event loop to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write the game in play to its autosave slot.
    Autosave,
    /// Write the save prompt's game under its name and folder (`replace`: the player agreed to
    /// replace another game's save there).
    Save {
        /// Whether another game's save at that path may be replaced.
        replace: bool,
    },
    /// Read the save folder for the Load screen, which goes back to `back` on Esc.
    ListSaves {
        /// The screen the list was opened from.
        back: Screen,
    },
    /// Read, replay and resume this save of the store.
    Load {
        /// The save's file name in the store.
        file: String,
    },
    /// Read and replay this save of the store for the review screen.
    Review {
        /// The save's file name in the store.
        file: String,
    },
    /// Start a game from the picker: in class mode, the player's unfinished game of the same
    /// scenario and seed is looked for first.
    Start,
    /// Remember the player's name in the config folder.
    RememberPlayer(String),
    /// Remember that the guided first week was read or skipped.
    GuideDone,
    /// Leave the program.
    Quit,
}

impl App {
    /// Records an effect for the event loop.
    pub(crate) fn ask(&mut self, effect: Effect) {
        self.pending.push(effect);
    }

    /// The effects asked for since the last call, oldest first.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.pending)
    }

    /// Carries out one effect and puts its result on screen (a message, a list, a game).
    pub fn perform(&mut self, effect: Effect) {
        match effect {
            Effect::Autosave => self.autosave(),
            Effect::Save { replace } => self.write_save(replace),
            Effect::ListSaves { back } => {
                self.ui.saves = crate::ui::saving::SaveList::read(self.store.as_mut(), back);
            }
            Effect::Load { file } => self.load_save(&file),
            Effect::Review { file } => self.review_save(&file),
            Effect::Start => {
                if !self.resume_class_game() {
                    self.start_new();
                }
            }
            Effect::RememberPlayer(name) => self.remember_player(&name),
            Effect::GuideDone => self.remember_guide(),
            Effect::Quit => self.ui.quit = true,
        }
        self.refresh_view();
    }
}
