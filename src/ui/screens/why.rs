//! The "why?" overlay: China's last answer explained, formatted by `report::explain`.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Text};
use ratatui::widgets::{Paragraph, Wrap};

use crate::report::explain_now;
use crate::ui::App;
use crate::ui::app::Drawn;
use crate::ui::widgets::{popup, scroll};

fn text(app: &App) -> Text<'static> {
    let theme = app.theme;
    let mut lines = Vec::new();
    match app
        .game
        .as_ref()
        .and_then(|g| g.state.last_answer.as_ref().map(|a| (g, a)))
    {
        Some((g, answer)) => {
            for (k, l) in explain_now(&g.scenario, answer, &g.state)
                .into_iter()
                .enumerate()
            {
                let style = if k == 0 { theme.title() } else { theme.text() };
                lines.push(Line::styled(l, style));
                lines.push(Line::raw(""));
            }
            lines.pop();
        }
        None => lines.push(Line::raw(
            app.game
                .as_ref()
                .map_or("", |g| crate::report::no_answer(&g.state)),
        )),
    }
    Text::from(lines)
}

/// Draws the explanation of China's last answer, in a window as tall as it needs.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, out: &mut Drawn) {
    let theme = app.theme;
    let text = text(app);
    let width = area.width.min(96);
    let needed = Paragraph::new(text.clone())
        .wrap(Wrap { trim: false })
        .line_count(width.saturating_sub(4));
    let height = u16::try_from(needed)
        .unwrap_or(u16::MAX)
        .saturating_add(2)
        .min(area.height.saturating_sub(2));
    let rect = popup::centered(area, width, height);
    let title = "Why did Beijing answer so?  (Esc or w closes)";
    let inner = popup::window(frame, rect, title, theme);
    out.hit(rect, crate::ui::app::Target::Window);
    let inner = inner.inner(Margin::new(1, 0));
    let max = scroll::draw(frame, inner, text, app.ui.overlay_scroll, theme);
    out.scroll_max = max;
}
