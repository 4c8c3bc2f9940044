//! The one keymap table. Each binding names a command, its keys, a description, a group and
//! when it is enabled; the footer, the help screen and the key handling all read this table, so
//! help never lies (the gitui pattern).

use crate::ui::input::{KeyCode, KeyInput, Mods};

use crate::ui::app::App;

/// A key with its modifiers (Shift is ignored for characters: terminals disagree on it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Control or Alt, if needed.
    pub mods: Mods,
}

impl Key {
    const fn code(code: KeyCode) -> Key {
        Key {
            code,
            mods: Mods::NONE,
        }
    }

    const fn ch(c: char) -> Key {
        Key::code(KeyCode::Char(c))
    }

    const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            mods: Mods::CONTROL,
        }
    }

    /// Whether a key press is this key.
    pub fn matches(&self, event: &KeyInput) -> bool {
        let relevant = Mods::CONTROL | Mods::ALT;
        let code = match event.code {
            KeyCode::Char(c) if self.mods.contains(Mods::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            other => other,
        };
        code == self.code && (event.mods & relevant) == self.mods
    }

    /// The key as shown to the player.
    pub fn name(&self) -> String {
        let base = match self.code {
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            other => format!("{other:?}"),
        };
        if self.mods.contains(Mods::CONTROL) {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }
}

/// What a key asks for. The app's `update` turns commands into UI changes or engine actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmd {
    /// Quit at once.
    ForceQuit,
    /// Ask, then quit.
    Quit,
    /// Open or close the help screen.
    Help,
    /// Previous scenario in the picker.
    PickUp,
    /// Next scenario in the picker.
    PickDown,
    /// From the title to the briefing.
    Continue,
    /// From the briefing to the table.
    Begin,
    /// Back to the title screen.
    Back,
    /// Scroll up a line.
    ScrollUp,
    /// Scroll down a line.
    ScrollDown,
    /// Scroll up a page.
    PageUp,
    /// Scroll down a page.
    PageDown,
    /// Previous agenda row.
    RowUp,
    /// Next agenda row.
    RowDown,
    /// Previous level on the selected issue.
    LevelDown,
    /// Next level on the selected issue.
    LevelUp,
    /// Put the selected issue on or off the table.
    Toggle,
    /// Propose the package being built.
    Propose,
    /// Copy China's counter-offer into the package being built.
    TakeCounter,
    /// Reset the package being built to the status quo.
    Reset,
    /// Hold: working-level talks, the week passes.
    Hold,
    /// Open the action menu.
    Menu,
    /// Show why China answered as it did.
    Why,
    /// Show or hide the negotiation dance (debrief and review).
    Dance,
    /// Show or hide the instructor's panel (only with `--instructor`).
    Instructor,
    /// Give the mouse to the terminal (to select and copy text) or take it back.
    Mouse,
    /// Cycle the side panel in the compact layout.
    NextPanel,
    /// Newer dispatches.
    LogNewer,
    /// Older dispatches.
    LogOlder,
    /// Open the save prompt.
    Save,
    /// Open the list of saved games.
    Load,
    /// Save under the name typed.
    PromptAccept,
    /// Close the save prompt without saving.
    PromptCancel,
    /// Delete the character before the cursor in the save prompt.
    PromptErase,
    /// Switch the save prompt between the name and the folder.
    PromptSwitch,
    /// Previous save in the list.
    LoadUp,
    /// Next save in the list.
    LoadDown,
    /// Open the selected save.
    LoadOpen,
    /// Leave the list of saves.
    LoadBack,
    /// Review the selected save, read-only.
    LoadReview,
    /// Review: the week before.
    ReviewPrev,
    /// Review: the week after.
    ReviewNext,
    /// Review: the opening.
    ReviewFirst,
    /// Review: the last week.
    ReviewLast,
    /// Review: scroll the week's text up.
    ReviewUp,
    /// Review: scroll the week's text down.
    ReviewDown,
    /// Leave the review.
    ReviewBack,
    /// Keep the name typed.
    NameAccept,
    /// Delete the last character of the name.
    NameErase,
    /// Play without a name.
    NameSkip,
    /// Title screen: delete the seed's last digit (digits typed there make the seed).
    SeedErase,
    /// Guided first week: the next page (or start playing, after the last).
    GuideNext,
    /// Guided first week: the page before.
    GuideBack,
    /// Guided first week: skip it, for good.
    GuideSkip,
    /// Previous menu item.
    MenuUp,
    /// Next menu item.
    MenuDown,
    /// Take the selected menu item.
    MenuChoose,
    /// Close the overlay.
    Close,
    /// Confirm.
    Yes,
    /// Cancel.
    No,
}

/// Where a binding belongs on the help screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// Everywhere.
    General,
    /// Title and scenario picker.
    Title,
    /// The negotiating table.
    Table,
    /// The action menu.
    Menu,
    /// Reading screens: briefing, why, help, debrief.
    Reading,
    /// The save prompt and the list of saves.
    Saves,
    /// Questions that need an answer.
    Confirm,
    /// Review mode.
    Review,
}

impl Group {
    /// Every group, in help order.
    pub const ALL: [Group; 8] = [
        Group::General,
        Group::Title,
        Group::Table,
        Group::Menu,
        Group::Reading,
        Group::Saves,
        Group::Review,
        Group::Confirm,
    ];

    /// Heading on the help screen.
    pub fn title(self) -> &'static str {
        match self {
            Group::General => "Everywhere",
            Group::Title => "Title and briefing",
            Group::Table => "At the negotiating table",
            Group::Menu => "Action menu (a)",
            Group::Reading => "Reading screens (briefing, why, help, debrief)",
            Group::Saves => "Saving (s) and loading (o)",
            Group::Confirm => "Questions",
            Group::Review => "Review mode (r on a save, or truce review SAVE)",
        }
    }
}

/// One row of the keymap.
pub struct Binding {
    /// The command.
    pub cmd: Cmd,
    /// Keys that give it.
    pub keys: &'static [Key],
    /// A word or two for the footer.
    pub short: &'static str,
    /// A sentence for the help screen.
    pub description: &'static str,
    /// Help group.
    pub group: Group,
    /// Whether it appears in the footer when enabled.
    pub footer: bool,
    /// When it is enabled.
    pub when: fn(&App) -> bool,
}

impl Binding {
    /// The keys as shown, e.g. `↑/k`.
    pub fn keys_text(&self) -> String {
        let names: Vec<String> = self.keys.iter().map(Key::name).collect();
        names.join("/")
    }
}

mod bindings;
mod when;
pub use bindings::BINDINGS;

/// The command a key press gives now, if any.
pub fn lookup(app: &App, event: &KeyInput) -> Option<Cmd> {
    BINDINGS
        .iter()
        .find(|b| b.keys.iter().any(|k| k.matches(event)) && (b.when)(app))
        .map(|b| b.cmd)
}

/// The footer entries now: (keys, words), in table order. Enabled bindings that share their
/// words (↑ and ↓ "issue") are shown together, as "↑↓ issue".
pub fn footer(app: &App) -> Vec<(Cmd, String, &'static str)> {
    let enabled: Vec<&Binding> = BINDINGS.iter().filter(|b| (b.when)(app)).collect();
    let mut out: Vec<(Cmd, String, &'static str)> = Vec::new();
    for bind in enabled.iter().filter(|b| b.footer) {
        if out.iter().any(|(_, _, s)| *s == bind.short) {
            continue;
        }
        let keys: Vec<String> = enabled
            .iter()
            .filter(|o| o.short == bind.short)
            .filter_map(|o| o.keys.first().map(Key::name))
            .collect();
        // Arrows read as one ("↑↓"); words need a mark between them ("Home/End").
        let sep = if keys.iter().all(|k| k.chars().count() == 1) {
            ""
        } else {
            "/"
        };
        out.push((bind.cmd, keys.join(sep), bind.short));
    }
    out
}

/// Whether some key gives `cmd` now.
pub fn enabled(app: &App, cmd: Cmd) -> bool {
    BINDINGS.iter().any(|b| b.cmd == cmd && (b.when)(app))
}
