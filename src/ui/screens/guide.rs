//! The guided first week's window, drawn over the lower part of the table so the agenda it
//! talks about stays in view.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::ui::guide::PAGES;
use crate::ui::theme::Theme;
use crate::ui::widgets::popup;

/// What the guide's window shows: the page and the theme.
#[derive(Debug, Clone, Copy)]
pub struct GuideView {
    /// The page on screen.
    pub page: usize,
    /// Styles.
    pub theme: Theme,
}

/// Draws the page at the bottom of `area`, above the footer.
pub fn draw(frame: &mut Frame, area: Rect, view: GuideView) {
    let theme = view.theme;
    let Some(page) = PAGES.get(view.page) else {
        return;
    };
    let width = area.width.min(100);
    let text = Paragraph::new(vec![
        Line::raw(page.text),
        Line::raw(""),
        Line::from(vec![
            Span::styled("Enter/→", theme.key()),
            Span::raw(if view.page + 1 == PAGES.len() {
                " start playing   "
            } else {
                " next   "
            }),
            Span::styled("←", theme.key()),
            Span::raw(" back   "),
            Span::styled("Esc", theme.key()),
            Span::raw(" skip the guide (it will not show again)"),
        ]),
    ])
    .wrap(Wrap { trim: true });
    let needed = u16::try_from(text.line_count(width.saturating_sub(4))).unwrap_or(u16::MAX);
    let height = needed.saturating_add(2).min(area.height);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.bottom().saturating_sub(height + 1).max(area.y),
        width,
        height,
    };
    let title = format!(
        "Your first week ({}/{}): {}",
        view.page + 1,
        PAGES.len(),
        page.title
    );
    let inner = popup::window(frame, rect, &title, theme);
    frame.render_widget(text, inner.inner(Margin::new(1, 0)));
}
