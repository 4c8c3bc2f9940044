//! The dispatches log, newest first, scrollable.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};

use crate::engine::{Game, Source};
use crate::ui::App;
use crate::ui::widgets::scroll;

/// Draws the log into `area` (inside its border).
pub fn draw(frame: &mut Frame, area: Rect, app: &App, game: &Game) {
    let theme = app.theme;
    let lines: Vec<Line> = game
        .state
        .log
        .iter()
        .rev()
        .map(|d| {
            let (who, style) = match d.source {
                Source::Us => ("US", theme.us()),
                Source::China => ("China", theme.china()),
                Source::Event => ("News", theme.warn()),
                Source::Clock => ("Clock", theme.dim()),
            };
            Line::from(vec![
                Span::styled(format!("W{:<2} ", d.week), theme.dim()),
                Span::styled(format!("{who:<5} "), style),
                Span::raw(d.text.clone()),
            ])
        })
        .collect();
    let text = Text::from(lines);
    // The log changes only when a move is made: wrap it to count its lines once per change.
    let key = (game.state.log.len(), area.width);
    let (cached, total) = app.ui.log_lines.get();
    let total = if cached == key {
        total
    } else {
        let total = scroll::line_count(&text, area.width);
        app.ui.log_lines.set((key, total));
        total
    };
    let max = scroll::draw_counted(frame, area, text, app.ui.log_scroll, total, theme);
    app.ui.log_max.set(max);
}
