//! The small value types of the UI state: the side panel, messages, and what a frame measured;
//! and the small helpers that change the UI state: toggling an overlay, scrolling.

use super::{Overlay, UiState};

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

/// What drawing a frame measured, for the next key to scroll within.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Drawn {
    /// The largest useful scroll of the scrolling text on screen.
    pub scroll_max: u16,
    /// The largest useful scroll of the dispatches.
    pub log_max: u16,
    /// The dispatches' wrapped line count, keyed by (log length, width), so the log is wrapped
    /// again only when it or the width changes.
    pub log_lines: ((usize, u16), u16),
}

impl Default for Drawn {
    fn default() -> Drawn {
        Drawn {
            scroll_max: 0,
            log_max: 0,
            log_lines: ((usize::MAX, 0), 0),
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
