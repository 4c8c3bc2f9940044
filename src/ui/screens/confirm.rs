//! Yes/no questions: quitting, and actions that end the game.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::ui::App;
use crate::ui::app::Confirm;
use crate::ui::widgets::popup;

/// Draws the question.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, what: Confirm) {
    let theme = app.theme;
    let (title, question, detail) = match what {
        Confirm::Quit => (
            "Quit?",
            "Quit Truce?".to_string(),
            "The game is not saved.".to_string(),
        ),
        Confirm::Act(item) => (
            "Are you sure?",
            format!("{}?", item.label()),
            item.hint().to_string(),
        ),
    };
    let rect = popup::centered(area, 60, 8);
    let inner = popup::window(frame, rect, title, theme);
    let lines = vec![
        Line::styled(question, theme.title()),
        Line::raw(detail),
        Line::raw(""),
        Line::from(vec![
            Span::styled("y", theme.key()),
            Span::raw(" yes    "),
            Span::styled("n", theme.key()),
            Span::raw("/"),
            Span::styled("Esc", theme.key()),
            Span::raw(" no"),
        ]),
    ];
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }),
        inner.inner(Margin::new(1, 0)),
    );
}
