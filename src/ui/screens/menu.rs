//! The action menu overlay.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::ui::App;
use crate::ui::app::{Drawn, Target};
use crate::ui::menu::{available, items};
use crate::ui::widgets::popup;

/// Draws the menu, with unavailable actions marked and the reason given.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, out: &mut Drawn) {
    let theme = app.theme;
    let Some(game) = &app.game else { return };
    let menu = items(game);
    let rect = popup::centered(area, 76, u16::try_from(menu.len()).unwrap_or(20) + 9);
    let inner = popup::window(
        frame,
        rect,
        "Actions  (↑↓ choose, Enter take: what binds asks first, Esc close)",
        theme,
    );
    out.hit(rect, Target::Window);
    let text = inner.inner(Margin::new(1, 0));
    let mut lines = Vec::new();
    for (k, item) in menu.iter().enumerate() {
        // Each action is one line (the window is wide enough): a click takes it, as Enter.
        let y = text.y.saturating_add(u16::try_from(k).unwrap_or(u16::MAX));
        if y < text.bottom() {
            out.hit(
                Rect {
                    y,
                    height: 1,
                    ..text
                },
                Target::Menu(k),
            );
        }
        let selected = k == app.ui.menu;
        let ok = available(*item, game);
        let marker = if selected { "▶ " } else { "  " };
        let label = item.label(game);
        let style = match (selected, ok.is_ok()) {
            (true, _) => theme.selected(),
            (false, true) => theme.text(),
            (false, false) => theme.dim(),
        };
        let mut spans = vec![
            Span::styled(marker, theme.key()),
            Span::styled(label, style),
        ];
        if ok.is_err() {
            spans.push(Span::styled("  (not now)", theme.dim()));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::raw(""));
    if let Some(item) = menu.get(app.ui.menu) {
        lines.push(Line::raw(item.hint()));
        match item {
            crate::ui::menu::MenuItem::Threaten => {
                lines.push(Line::styled(
                    format!("The threat: {}.", game.scenario.us.threat.description),
                    theme.dim(),
                ));
            }
            crate::ui::menu::MenuItem::Goodwill => {
                lines.push(Line::styled(
                    format!("The gesture: {}.", game.scenario.us.goodwill.description),
                    theme.dim(),
                ));
            }
            crate::ui::menu::MenuItem::Card(k) => {
                if let Some(c) = game.scenario.world.cards.get(*k) {
                    let name = crate::ui::widgets::paint::capital(&c.name);
                    lines.push(Line::styled(format!("{name}: {}", c.text), theme.dim()));
                }
            }
            _ => {}
        }
        if let Err(why) = available(*item, game) {
            lines.push(Line::styled(format!("Not now: {why}."), theme.warn()));
        }
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), text);
}
