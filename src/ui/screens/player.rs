//! The name prompt on the title screen: asked once, then remembered for every game.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::ui::App;
use crate::ui::screens::negotiation::panel_block;

/// Draws the prompt in the middle of the screen.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme;
    let popup = area
        .centered(Constraint::Max(60), Constraint::Length(9))
        .intersection(area);
    frame.render_widget(Clear, popup);
    let block = panel_block(theme, " Your name ");
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let why = if app.classroom.class {
        "Class mode: your games are saved under your name for your instructor."
    } else {
        "It goes in your saves, the debrief and class reports. Asked once."
    };
    let mut lines = vec![
        Line::raw(why),
        Line::raw(""),
        Line::from(vec![
            Span::styled("Name: ", theme.key()),
            Span::styled(app.classroom.typed.clone(), theme.title()),
            Span::styled("▏", theme.key()),
        ]),
        Line::raw(""),
    ];
    let keys = if app.classroom.class {
        "Enter: keep it"
    } else {
        "Enter: keep it · Esc, or Enter on nothing: no name"
    };
    lines.push(Line::styled(keys, theme.dim()));
    if let Some(m) = &app.ui.message
        && m.tone == crate::ui::app::Tone::Error
    {
        lines.push(Line::styled(m.text.clone(), theme.bad()));
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }),
        inner.inner(ratatui::layout::Margin::new(1, 0)),
    );
}
