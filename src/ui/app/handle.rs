//! Input into the App: a key, a mouse event, a paste or a size, each turned into UI changes
//! and the effects it asks of the world (carried out by `perform`).

use super::{App, Overlay, Screen, Tone};
use crate::ui::effects::Effect;
use crate::ui::input::{Input, KeyCode, KeyInput};
use crate::ui::keymap;

impl App {
    /// Handles one input and carries out what it asks for (saving, loading, quitting), as
    /// every front end does: `update_input`, then `perform` on each effect.
    pub fn handle(&mut self, input: Input) {
        for effect in self.update_input(input) {
            self.perform(effect);
        }
    }

    /// Handles one key press and carries out what it asks for.
    pub fn handle_key(&mut self, key: KeyInput) {
        self.handle(Input::Key(key));
    }

    /// Handles one input without touching anything outside the UI: returns the effects it
    /// asks for.
    pub fn update_input(&mut self, input: Input) -> Vec<Effect> {
        match input {
            Input::Key(key) => self.update_key(key),
            Input::Mouse(mouse) => self.update_mouse(mouse),
            Input::Paste(text) => self.update_paste(&text),
            Input::Resize(width, height) => {
                self.resize(width, height);
                Vec::new()
            }
        }
    }

    /// Handles one key press without touching anything outside the UI: returns the effects
    /// it asks for. In the save prompt, a key the keymap does not take is typed.
    pub fn update_key(&mut self, key: KeyInput) -> Vec<Effect> {
        // A "saved" note is news for one look; a failed autosave stays until one succeeds.
        if self
            .ui
            .status
            .as_ref()
            .is_some_and(|m| m.tone == Tone::Good)
        {
            self.ui.status = None;
        }
        if let Some(cmd) = keymap::lookup(self, &key) {
            self.update(cmd);
        } else if self.ui.overlay == Some(Overlay::Save) {
            self.type_key(&key);
        } else if self.ui.overlay == Some(Overlay::Player)
            && let KeyCode::Char(c) = key.code
        {
            self.type_name(c);
        } else if self.ui.screen == Screen::Title
            && self.ui.overlay.is_none()
            && let KeyCode::Char(c) = key.code
        {
            self.type_seed(c);
        }
        self.refresh_view();
        self.take_effects()
    }
}
