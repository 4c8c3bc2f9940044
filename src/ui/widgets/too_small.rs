//! What to draw when the terminal is smaller than the game needs.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::ui::app::MIN_SIZE;
use crate::ui::theme::Theme;

/// Says how large the terminal must be, in whatever space there is.
pub fn draw(frame: &mut Frame, area: Rect, theme: Theme) {
    let lines = vec![
        Line::styled("Terminal too small", theme.title()),
        Line::raw(format!(
            "Truce needs {}×{}; this one is {}×{}.",
            MIN_SIZE.0, MIN_SIZE.1, area.width, area.height
        )),
        Line::raw("Enlarge the window, or press q then y to quit."),
    ];
    let text = Paragraph::new(lines).wrap(Wrap { trim: true });
    frame.render_widget(text, area);
}
