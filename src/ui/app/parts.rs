//! The small value types of the UI state: the side panel, messages, and what a frame measured;
//! and the small helpers that change the UI state: toggling an overlay, scrolling.

use ratatui::layout::Rect;

use super::{Overlay, UiState};
use crate::ui::keymap::Cmd;

/// The side panel in the compact layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    /// China's answer, trust, the restriction ladder.
    Beijing,
    /// The US meters.
    HomeFront,
    /// The news.
    Dispatches,
}

impl Panel {
    /// The panel after this one.
    pub fn next(self) -> Panel {
        match self {
            Panel::Beijing => Panel::HomeFront,
            Panel::HomeFront => Panel::Dispatches,
            Panel::Dispatches => Panel::Beijing,
        }
    }
}

/// How a message should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Neutral news.
    Info,
    /// Good news.
    Good,
    /// Bad news.
    Bad,
    /// A refused move.
    Error,
}

/// A one-line message under the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// What to say.
    pub text: String,
    /// How it looks.
    pub tone: Tone,
}

/// What drawing a frame measured, for the next key to scroll within and the next click to
/// land on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drawn {
    /// The largest useful scroll of the scrolling text on screen.
    pub scroll_max: u16,
    /// The largest useful scroll of the dispatches.
    pub log_max: u16,
    /// The dispatches' wrapped line count, keyed by (log length, width), so the log is wrapped
    /// again only when it or the width changes.
    pub log_lines: ((usize, u16), u16),
    /// The game generation the frame was drawn for: what it measured of one game's log is
    /// never reused for another's.
    pub generation: u64,
    /// Where things a click acts on were drawn, in drawing order (what is on top comes last).
    pub hits: Vec<Hit>,
}

/// A part of the screen a click acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Where it was drawn.
    pub area: Rect,
    /// What a click there means.
    pub target: Target,
}

/// What a click on a hit area means; `mouse::commands` turns it into the commands its keys
/// give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A button: a key in the footer, or a tab.
    Cmd(Cmd),
    /// An agenda row (the index).
    Row(usize),
    /// A level of the selected issue (its index on the ladder).
    Level(usize),
    /// A line of the action menu.
    Menu(usize),
    /// A row of the list of saves.
    Save(usize),
    /// A scenario in the title screen's picker.
    Pick(usize),
    /// A side panel's tab in the compact layout.
    Tab(Panel),
    /// A window on top: a click there reaches nothing under it.
    Window,
}

impl Drawn {
    /// Records that a click on `area` means `target`.
    pub fn hit(&mut self, area: Rect, target: Target) {
        if !area.is_empty() {
            self.hits.push(Hit { area, target });
        }
    }

    /// What a click at this cell means: the topmost hit area there.
    pub fn at(&self, column: u16, row: u16) -> Option<Target> {
        let cell = ratatui::layout::Position::new(column, row);
        self.hits
            .iter()
            .rev()
            .find(|h| h.area.contains(cell))
            .map(|h| h.target)
    }
}

impl Default for Drawn {
    fn default() -> Drawn {
        Drawn {
            scroll_max: 0,
            log_max: 0,
            log_lines: ((usize::MAX, 0), 0),
            generation: 0,
            hits: Vec::new(),
        }
    }
}

pub(super) fn toggle(ui: &mut UiState, overlay: Overlay) {
    if ui.overlay == Some(overlay) {
        ui.overlay = None;
    } else {
        ui.overlay = Some(overlay);
        ui.overlay_scroll = 0;
    }
}

/// Scrolls the text on top by `by` lines, within what was drawn last.
pub(super) fn scroll_by(ui: &mut UiState, by: i32) {
    let max = i32::from(ui.drawn.scroll_max);
    let slot = if ui.overlay.is_some() {
        &mut ui.overlay_scroll
    } else {
        &mut ui.scroll
    };
    *slot = u16::try_from((i32::from(*slot) + by).clamp(0, max)).unwrap_or(0);
}
