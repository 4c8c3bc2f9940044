//! The UI's own input: a key, a mouse event, pasted text or a new size. Every front end (the
//! crossterm terminal today; a test, or a future SSH server) converts what it reads into
//! `Input`, so the App and the keymap never name a terminal library's types.

/// One thing the player did, as the UI understands it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A key pressed (releases and repeats are dropped by the front end).
    Key(KeyInput),
    /// A mouse button or the wheel.
    Mouse(MouseInput),
    /// Text pasted in one go: never keys, so never a move.
    Paste(String),
    /// The terminal's new size (columns, rows).
    Resize(u16, u16),
}

/// A key with the modifiers held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyInput {
    /// The key.
    pub code: KeyCode,
    /// Control, Alt and Shift.
    pub mods: Mods,
}

impl KeyInput {
    /// A key with these modifiers.
    pub const fn new(code: KeyCode, mods: Mods) -> KeyInput {
        KeyInput { code, mods }
    }

    /// A key with no modifier.
    pub const fn plain(code: KeyCode) -> KeyInput {
        KeyInput::new(code, Mods::NONE)
    }
}

impl From<KeyCode> for KeyInput {
    fn from(code: KeyCode) -> KeyInput {
        KeyInput::plain(code)
    }
}

/// The keys the game knows; anything else a terminal sends arrives as `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyCode {
    /// A character (Space included).
    Char(char),
    /// Enter or Return.
    Enter,
    /// Escape.
    Esc,
    /// Backspace.
    Backspace,
    /// Tab.
    Tab,
    /// Shift-Tab.
    BackTab,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
    /// Home.
    Home,
    /// End.
    End,
    /// Delete.
    Delete,
    /// A function key (F1 is 1).
    F(u8),
    /// A key the game has no use for.
    Other,
}

/// Modifier keys held with a key, as a small bit set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Mods(u8);

impl Mods {
    /// No modifier.
    pub const NONE: Mods = Mods(0);
    /// Shift.
    pub const SHIFT: Mods = Mods(1);
    /// Control.
    pub const CONTROL: Mods = Mods(2);
    /// Alt (or Meta).
    pub const ALT: Mods = Mods(4);

    /// Whether every modifier in `other` is held.
    pub const fn contains(self, other: Mods) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether any modifier in `other` is held.
    pub const fn intersects(self, other: Mods) -> bool {
        self.0 & other.0 != 0
    }
}

impl std::ops::BitOr for Mods {
    type Output = Mods;
    fn bitor(self, other: Mods) -> Mods {
        Mods(self.0 | other.0)
    }
}

impl std::ops::BitAnd for Mods {
    type Output = Mods;
    fn bitand(self, other: Mods) -> Mods {
        Mods(self.0 & other.0)
    }
}

/// A mouse event at a cell of the screen (0-based column and row).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MouseInput {
    /// What the mouse did.
    pub kind: MouseKind,
    /// The column.
    pub column: u16,
    /// The row.
    pub row: u16,
}

impl MouseInput {
    /// A left click at this cell.
    pub const fn click(column: u16, row: u16) -> MouseInput {
        MouseInput {
            kind: MouseKind::Press,
            column,
            row,
        }
    }
}

/// What the mouse did. Only the left button acts; drags and moves are dropped by the front end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseKind {
    /// The left button went down.
    Press,
    /// The left button came up.
    Release,
    /// The wheel turned up (away from the player).
    WheelUp,
    /// The wheel turned down.
    WheelDown,
}
