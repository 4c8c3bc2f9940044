//! crossterm's events as the UI's `Input`: the one place the terminal's key and mouse types
//! are read. Key releases and repeats, focus changes, mouse moves and drags, and buttons other
//! than the left one carry nothing for the game and are dropped here.

use ratatui::crossterm::event::{
    Event, KeyCode as CtKey, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent,
    MouseEventKind,
};

use crate::ui::input::{Input, KeyCode, KeyInput, Mods, MouseInput, MouseKind};

/// The game's input for a terminal event, if it carries any.
pub fn input(event: Event) -> Option<Input> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => Some(Input::Key(key_input(&key))),
        Event::Mouse(mouse) => mouse_input(&mouse).map(Input::Mouse),
        Event::Paste(text) => Some(Input::Paste(text)),
        Event::Resize(width, height) => Some(Input::Resize(width, height)),
        _ => None,
    }
}

/// A key press as the UI's key.
pub fn key_input(key: &KeyEvent) -> KeyInput {
    let code = match key.code {
        CtKey::Char(c) => KeyCode::Char(c),
        CtKey::Enter => KeyCode::Enter,
        CtKey::Esc => KeyCode::Esc,
        CtKey::Backspace => KeyCode::Backspace,
        CtKey::Tab => KeyCode::Tab,
        CtKey::BackTab => KeyCode::BackTab,
        CtKey::Up => KeyCode::Up,
        CtKey::Down => KeyCode::Down,
        CtKey::Left => KeyCode::Left,
        CtKey::Right => KeyCode::Right,
        CtKey::PageUp => KeyCode::PageUp,
        CtKey::PageDown => KeyCode::PageDown,
        CtKey::Home => KeyCode::Home,
        CtKey::End => KeyCode::End,
        CtKey::Delete => KeyCode::Delete,
        CtKey::F(n) => KeyCode::F(n),
        _ => KeyCode::Other,
    };
    let mut mods = Mods::NONE;
    for (theirs, ours) in [
        (KeyModifiers::SHIFT, Mods::SHIFT),
        (KeyModifiers::CONTROL, Mods::CONTROL),
        (KeyModifiers::ALT, Mods::ALT),
    ] {
        if key.modifiers.contains(theirs) {
            mods = mods | ours;
        }
    }
    KeyInput::new(code, mods)
}

/// A mouse event as the UI's, if the game uses it: the left button and the wheel.
pub fn mouse_input(mouse: &MouseEvent) -> Option<MouseInput> {
    let kind = match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => MouseKind::Press,
        MouseEventKind::Up(MouseButton::Left) => MouseKind::Release,
        MouseEventKind::ScrollUp => MouseKind::WheelUp,
        MouseEventKind::ScrollDown => MouseKind::WheelDown,
        _ => return None,
    };
    Some(MouseInput {
        kind,
        column: mouse.column,
        row: mouse.row,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presses_convert_and_releases_do_not() {
        let press = KeyEvent::new(CtKey::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(
            input(Event::Key(press)),
            Some(Input::Key(KeyInput::new(KeyCode::Char('c'), Mods::CONTROL)))
        );
        let mut release = press;
        release.kind = KeyEventKind::Release;
        assert_eq!(input(Event::Key(release)), None);
        let right = MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Right),
            column: 1,
            row: 2,
            modifiers: KeyModifiers::NONE,
        };
        assert_eq!(input(Event::Mouse(right)), None);
        let left = MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            ..right
        };
        assert_eq!(
            input(Event::Mouse(left)),
            Some(Input::Mouse(MouseInput::click(1, 2)))
        );
    }
}
