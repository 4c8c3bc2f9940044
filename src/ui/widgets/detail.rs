//! The detail pane: the selected issue and level in full, and what changing the agenda costs.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::ai::Valuation;
use crate::engine::Game;
use crate::engine::Package;
use crate::engine::score::{headline_bn, security_cost};
use crate::ui::App;
use crate::ui::widgets::agenda::feeling;

/// Draws the detail pane.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, game: &Game, borders: Borders) {
    let theme = app.theme;
    let s = &game.scenario;
    let st = &game.state;
    let i = app.ui.row.min(s.issues.len().saturating_sub(1));
    let Some(issue) = s.issues.get(i) else { return };
    let level = app.ui.package.get(i).copied().unwrap_or(issue.status_quo);
    let Some(l) = issue.levels.get(level) else {
        return;
    };
    let on = st.agenda.get(i).copied().unwrap_or(false);
    let val = Valuation::new(s, st);
    let f = feeling(&val, game, i, level, theme);

    let mut lines = vec![
        Line::from(vec![
            Span::styled(
                format!("Level {} of {}: ", level + 1, issue.levels.len()),
                theme.dim(),
            ),
            Span::styled(l.label.clone(), theme.key()),
            Span::raw(format!(" · {}", l.kind.name())),
            if level == issue.status_quo {
                Span::styled(" · status quo", theme.dim())
            } else {
                Span::raw("")
            },
        ]),
        Line::raw(l.description.clone()),
    ];
    let security = if l.security_cost > 0.0 {
        format!(
            "security cost {:.0} pts (alarms hawks)",
            100.0 * l.security_cost
        )
    } else {
        "no security cost".into()
    };
    lines.push(Line::raw(format!(
        "Headline ${:.0}bn · {security}",
        l.headline_bn
    )));
    let roomy = area.height >= 10;
    if roomy {
        lines.push(Line::from(vec![
            Span::raw("Beijing's view of this level: "),
            Span::styled(format!("{} {}", f.symbol, f.word), f.style),
        ]));
    }
    let left = st.days_left(s);
    let agenda = if on {
        "On the table. Space takes it off (free; it returns to the status quo).".to_string()
    } else if st.prepared.get(i).copied().unwrap_or(false) {
        "Off the table. Space puts it back on at no cost.".to_string()
    } else {
        format!(
            "Off the table. Space opens it: {} days of preparation ({left} days left).",
            issue.prep_days
        )
    };
    lines.push(Line::styled(
        agenda,
        if on { theme.dim() } else { theme.warn() },
    ));
    let p = Package(app.ui.package.clone());
    if roomy && p.0.len() == s.issues.len() {
        lines.push(Line::styled(
            format!(
                "Whole package: ${:.0}bn headline, security cost {:.0} pts.",
                headline_bn(s, &p),
                100.0 * security_cost(s, &p)
            ),
            theme.dim(),
        ));
    }
    let block = Block::new()
        .borders(borders)
        .border_style(theme.border())
        .title(Line::styled(format!(" {} ", issue.name), theme.title()));
    let para = Paragraph::new(Text::from(lines))
        .wrap(Wrap { trim: true })
        .block(block);
    frame.render_widget(para, area);
}
