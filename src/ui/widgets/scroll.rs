//! A wrapped, scrollable text with "more" markers, for the briefing, help, why and debrief.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Text};
use ratatui::widgets::{Paragraph, Wrap};

use crate::ui::theme::Theme;

/// Draws `text` wrapped into `area`, scrolled down by `scroll` lines (clamped so the last page
/// stays full), with markers when there is more above or below. Returns the largest useful scroll.
pub fn draw(frame: &mut Frame, area: Rect, text: Text<'_>, scroll: u16, theme: Theme) -> u16 {
    if area.width == 0 || area.height == 0 {
        return 0;
    }
    let paragraph = Paragraph::new(text).wrap(Wrap { trim: false });
    let total = u16::try_from(paragraph.line_count(area.width)).unwrap_or(u16::MAX);
    let max = total.saturating_sub(area.height);
    let scroll = scroll.min(max);
    frame.render_widget(paragraph.scroll((scroll, 0)), area);
    if area.width >= 12 {
        let marker = |text: &'static str| Line::styled(text, theme.key()).right_aligned();
        if scroll > 0 {
            let top = Rect { height: 1, ..area };
            frame.render_widget(marker(" ↑ more "), top);
        }
        if scroll < max {
            let bottom = Rect {
                y: area.y + area.height - 1,
                height: 1,
                ..area
            };
            frame.render_widget(marker(" ↓ more "), bottom);
        }
    }
    max
}
