//! A wrapped, scrollable text with "more" markers, for the briefing, help, why and debrief.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Text};
use ratatui::widgets::{Paragraph, Widget, Wrap};

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
    markers(frame, area, scroll, max, theme);
    max
}

/// A text wrapped once, at one width, into a buffer of its own: a frame copies its cells
/// instead of wrapping the text again (ratatui's wrapping measures every grapheme, which at
/// 200×60 costs more than the rest of the frame). Drawn, it looks exactly as `draw` draws it.
#[derive(Debug, Clone, PartialEq)]
pub struct Wrapped {
    buf: Buffer,
}

impl Wrapped {
    /// `text` wrapped to `width` columns.
    pub fn new(text: Text<'_>, width: u16) -> Wrapped {
        let total = line_count(&text, width);
        let mut buf = Buffer::empty(Rect::new(0, 0, width, total));
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .render(buf.area, &mut buf);
        Wrapped { buf }
    }

    /// The width it was wrapped to.
    pub fn width(&self) -> u16 {
        self.buf.area.width
    }

    /// How many lines it takes.
    pub fn lines(&self) -> u16 {
        self.buf.area.height
    }

    /// As `draw`: the lines from `scroll` on, copied into `area` (which should be as wide as
    /// the text was wrapped to), with the "more" markers. Returns the largest useful scroll.
    pub fn draw(&self, frame: &mut Frame, area: Rect, scroll: u16, theme: Theme) -> u16 {
        if area.width == 0 || area.height == 0 {
            return 0;
        }
        let max = self.lines().saturating_sub(area.height);
        let scroll = scroll.min(max);
        self.blit(frame.buffer_mut(), area, scroll);
        markers(frame, area, scroll, max, theme);
        max
    }

    /// Copies the lines from `scroll` on into `area`, as many as fit, without markers (as a
    /// `Paragraph` with the same wrapping draws them).
    pub fn blit(&self, to: &mut Buffer, area: Rect, scroll: u16) {
        let area = area.intersection(to.area);
        let rows = self.lines().saturating_sub(scroll).min(area.height);
        let width = usize::from(area.width.min(self.width()));
        for row in 0..rows {
            let from = self.buf.index_of(0, scroll + row);
            let at = to.index_of(area.x, area.y + row);
            to.content[at..at + width].clone_from_slice(&self.buf.content[from..from + width]);
        }
    }
}

/// The "more" markers at the top and bottom right of `area`, when there is more to scroll.
fn markers(frame: &mut Frame, area: Rect, scroll: u16, max: u16, theme: Theme) {
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
}
