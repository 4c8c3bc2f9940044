//! Pasted text. A paste is text, never keys: into the name prompt or the save prompt it is
//! typed (control characters dropped, capped to the field), anywhere else it is ignored with a
//! word on screen, so a paste can never make a move. A terminal with bracketed paste sends it
//! marked (`Input::Paste`); one without sends it as a burst of key presses, which the event
//! loop recognises by its size (`burst_text`) and hands here the same way.

use crate::ui::app::{App, Overlay, Tone};
use crate::ui::effects::Effect;
use crate::ui::input::{Input, KeyCode, Mods};

/// The most of a paste kept, in bytes; the rest is dropped unread by the game. No field takes
/// more than a few hundred characters, and a paste is never a command.
pub const MAX_PASTE: usize = 4 * 1024;

/// More key presses than this arriving together (read in one go, faster than anyone types)
/// are a paste from a terminal without bracketed paste, not keys.
pub const BURST_KEYS: usize = 24;

/// The first `MAX_PASTE` bytes of a paste (cut on a character boundary), as one line: line
/// breaks and tabs become spaces, other control characters (escape sequences' ESC included)
/// are dropped.
pub fn clean(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if out.len() + c.len_utf8() > MAX_PASTE {
            break;
        }
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The text of a burst of events if it is a paste sent as keys: more than `BURST_KEYS` key
/// presses, or any presses when `continuing` (the rest of a paste just seen). Enter and Tab
/// count as their characters; keys with Ctrl or Alt, and keys that are no characters, carry
/// no text. `None`: the events are keys a person typed.
pub fn burst_text(inputs: &[Input], continuing: bool) -> Option<String> {
    let presses: Vec<_> = inputs
        .iter()
        .filter_map(|e| match e {
            Input::Key(k) => Some(k),
            _ => None,
        })
        .collect();
    if presses.is_empty() || (presses.len() <= BURST_KEYS && !continuing) {
        return None;
    }
    let mut text = String::new();
    for k in presses {
        if k.mods.intersects(Mods::CONTROL | Mods::ALT) {
            continue;
        }
        match k.code {
            KeyCode::Char(c) => text.push(c),
            KeyCode::Enter => text.push('\n'),
            KeyCode::Tab => text.push('\t'),
            _ => {}
        }
        if text.len() > MAX_PASTE {
            break;
        }
    }
    Some(text)
}

impl App {
    /// Handles pasted text and carries out what it asks for, as the event loop does.
    pub fn handle_paste(&mut self, text: &str) {
        for effect in self.update_paste(text) {
            self.perform(effect);
        }
    }

    /// Handles pasted text: typed into the name or save prompt, ignored anywhere else (a paste
    /// is never a move). Returns the effects asked for (none: typing asks for nothing).
    pub fn update_paste(&mut self, text: &str) -> Vec<Effect> {
        let text = clean(text);
        match self.ui.overlay {
            Some(Overlay::Player) => {
                for c in text.chars() {
                    self.type_name(c);
                }
            }
            Some(Overlay::Save) => self.type_text(&text),
            _ if text.is_empty() => {}
            _ => self.say(
                Tone::Info,
                "Pasted text ignored: a paste goes only into a name or a folder.",
            ),
        }
        self.refresh_view();
        self.take_effects()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    fn key(code: KeyCode) -> Input {
        Input::Key(code.into())
    }

    #[test]
    fn pastes_are_one_capped_line_without_control_characters() {
        assert_eq!(clean("a\x1b[31mb\r\nc\td\u{7}"), "a[31mb  c d");
        let long = "é".repeat(MAX_PASTE);
        let kept = clean(&long);
        assert!(kept.len() <= MAX_PASTE && kept.len() > MAX_PASTE - 2);
    }

    #[test]
    fn a_burst_of_keys_is_a_paste_and_a_few_keys_are_not() {
        let few: Vec<_> = "hello\r".chars().map(|c| key(KeyCode::Char(c))).collect();
        assert_eq!(burst_text(&few, false), None);
        assert_eq!(burst_text(&few, true).as_deref(), Some("hello\r"));
        let mut many: Vec<_> = "x"
            .repeat(BURST_KEYS)
            .chars()
            .map(|c| key(KeyCode::Char(c)))
            .collect();
        many.push(key(KeyCode::Enter));
        many.push(key(KeyCode::Left));
        let text = burst_text(&many, false).unwrap();
        assert_eq!(text, format!("{}\n", "x".repeat(BURST_KEYS)));
    }
}
