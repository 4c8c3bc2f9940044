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
    /// Each line's width up to its last written cell: the blank rest is not copied.
    ends: Vec<u16>,
}

impl Wrapped {
    /// `text` wrapped to `width` columns.
    pub fn new(text: Text<'_>, width: u16) -> Wrapped {
        let total = line_count(&text, width);
        let mut buf = Buffer::empty(Rect::new(0, 0, width, total));
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .render(buf.area, &mut buf);
        let blank = ratatui::buffer::Cell::EMPTY;
        let ends = (0..total)
            .map(|y| {
                let row = buf.index_of(0, y)..buf.index_of(0, y) + usize::from(width);
                let used = buf.content[row].iter().rposition(|c| *c != blank);
                used.map_or(0, |x| u16::try_from(x + 1).unwrap_or(width))
            })
            .collect();
        Wrapped { buf, ends }
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
    /// `Paragraph` with the same wrapping draws them: the cells after a line's end are left
    /// as they are).
    pub fn blit(&self, to: &mut Buffer, area: Rect, scroll: u16) {
        let area = area.intersection(to.area);
        let rows = self.lines().saturating_sub(scroll).min(area.height);
        for row in 0..rows {
            let end = self
                .ends
                .get(usize::from(scroll + row))
                .copied()
                .unwrap_or(0);
            let width = usize::from(area.width.min(end));
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

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::style::{Color, Style};

    fn text() -> Text<'static> {
        Text::from(vec![
            Line::styled("A title over several words", Style::new().fg(Color::Red)),
            Line::raw("  indented, with a long line that wraps more than once at ten"),
            Line::raw(""),
            Line::styled("on a background", Style::new().bg(Color::Blue)),
            Line::raw("wide 中文 characters and a longwordthatiscut"),
        ])
    }

    /// The frame `draw` makes and the one a `Wrapped` makes, with their scroll limits.
    fn both(width: u16, height: u16, scroll: u16) -> ((Buffer, u16), (Buffer, u16)) {
        let area = Rect::new(1, 1, width, height);
        let theme = Theme { colour: true };
        let run = |wrapped: bool| {
            let mut t = Terminal::new(TestBackend::new(width + 2, height + 2)).expect("backend");
            let mut max = 0;
            t.draw(|f| {
                max = if wrapped {
                    Wrapped::new(text(), width).draw(f, area, scroll, theme)
                } else {
                    draw(f, area, text(), scroll, theme)
                };
            })
            .expect("draw");
            (t.backend().buffer().clone(), max)
        };
        (run(false), run(true))
    }

    #[test]
    fn a_wrapped_text_draws_as_the_paragraph_does() {
        for (w, h) in [(10, 4), (10, 30), (17, 5), (40, 3), (1, 1)] {
            for scroll in [0, 1, 3, 50] {
                let (paragraph, wrapped) = both(w, h, scroll);
                assert_eq!(paragraph, wrapped, "{w}x{h} scrolled {scroll}");
            }
        }
        assert_eq!(Wrapped::new(text(), 10).width(), 10);
        assert!(Wrapped::new(text(), 10).lines() > 5);
    }
}
