//! A wrapped, scrollable text with "more" markers, for the briefing, help, why and debrief.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Text};
use ratatui::widgets::{Paragraph, Wrap};

use crate::ui::theme::Theme;

/// Draws `text` wrapped into `area`, scrolled down by `scroll` lines (clamped so the last page
/// stays full), with markers when there is more above or below. Returns the largest useful scroll.
pub fn draw(frame: &mut Frame, area: Rect, text: Text<'_>, scroll: u16, theme: Theme) -> u16 {
    let total = line_count(&text, area.width);
    draw_counted(frame, area, text, scroll, total, theme)
}

/// How many lines `text` takes when wrapped to `width`.
pub fn line_count(text: &Text<'_>, width: u16) -> u16 {
    if width == 0 {
        return 0;
    }
    let paragraph = Paragraph::new(text.clone()).wrap(Wrap { trim: false });
    u16::try_from(paragraph.line_count(width)).unwrap_or(u16::MAX)
}

/// As `draw`, with the wrapped line count already known (callers may cache it).
pub fn draw_counted(
    frame: &mut Frame,
    area: Rect,
    text: Text<'_>,
    scroll: u16,
    total: u16,
    theme: Theme,
) -> u16 {
    if area.width == 0 || area.height == 0 {
        return 0;
    }
    let max = total.saturating_sub(area.height);
    let scroll = scroll.min(max);
    // Draw only the rows the text fills: a short text leaves the rest of the area untouched.
    let rows = total.saturating_sub(scroll).min(area.height);
    let paragraph = Paragraph::new(text)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0));
    frame.render_widget(
        paragraph,
        Rect {
            height: rows,
            ..area
        },
    );
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
