//! The Beijing panel: China's last answer in words, trust, and the mineral-restriction ladder.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::engine::Game;
use crate::report::reply_headline;
use crate::ui::App;
use crate::ui::widgets::meter::{self, Good, Meter};

/// Draws the panel into `area` (inside its border).
pub fn draw(frame: &mut Frame, area: Rect, app: &App, game: &Game) {
    let theme = app.theme;
    let s = &game.scenario;
    let st = &game.state;
    let rungs = u16::try_from(s.ai.ladder.len()).unwrap_or(4);
    // A short panel shows the current rung and the next; a tall one the whole ladder.
    let full = area.height >= rungs + 7;
    let (ladder_h, rest_h) = if full { (rungs + 2, 2) } else { (3, 0) };
    let [answer_a, trust_a, ladder_a, rest_a] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(ladder_h),
        Constraint::Length(rest_h),
    ])
    .areas(area);
    let answer = match &st.last_answer {
        Some(a) => Line::from(vec![
            Span::styled("Last answer: ", theme.dim()),
            Span::styled(format!("{}.", reply_headline(s, a)), theme.china()),
            Span::styled(" (w: why)", theme.dim()),
        ]),
        None => Line::styled("Beijing waits for your first move.", theme.dim()),
    };
    frame.render_widget(Paragraph::new(answer).wrap(Wrap { trim: true }), answer_a);

    let trust = Meter {
        name: "Trust",
        short: "Trust",
        value: st.meters.trust,
        range: (-100.0, 100.0),
        good: Good::High,
        history: st.trace.iter().map(|t| t.meters.trust).collect(),
    };
    meter::draw(frame, trust_a, &trust, 18, 12, theme);

    let mut lines = vec![Line::styled(
        format!(
            "Mineral restrictions: rung {} of {}",
            st.rung,
            s.ai.ladder.len()
        ),
        theme.title(),
    )];
    let now = |r: u8| st.rung == r;
    let row = |r: u8, name: &str| {
        let (mark, style) = if now(r) {
            ("▶", if r == 0 { theme.good() } else { theme.bad() })
        } else if r < st.rung {
            ("■", theme.warn())
        } else {
            ("□", theme.dim())
        };
        let tag = if now(r) { "  ◀ now" } else { "" };
        Line::from(vec![
            Span::styled(format!("{mark} {r} "), style),
            Span::styled(format!("{name}{tag}"), style),
        ])
    };
    let names =
        std::iter::once("no restrictions").chain(s.ai.ladder.iter().map(|r| r.name.as_str()));
    for (r, name) in names.enumerate() {
        let r = u8::try_from(r).unwrap_or(u8::MAX);
        if full || r == st.rung || r == st.rung + 1 {
            lines.push(row(r, name));
        }
    }
    frame.render_widget(Paragraph::new(lines), ladder_a);

    let counter = if st.counter.is_some() {
        "counter-offer on the table (c copies it)"
    } else {
        "no counter-offer"
    };
    let agreed = if st.agreed.is_some() {
        "a package is agreed: sign it at the summit"
    } else {
        "nothing agreed yet"
    };
    let rest = vec![
        Line::styled(format!("• {counter}"), theme.text()),
        Line::styled(format!("• {agreed}"), theme.text()),
    ];
    frame.render_widget(Paragraph::new(rest), rest_a);
}
