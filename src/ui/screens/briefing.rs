//! The briefing: the situation, the clock, what each side wants and how to play.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::Block;

use crate::scenario::Scenario;
use crate::ui::App;
use crate::ui::app::Drawn;
use crate::ui::screens::body_and_footer;
use crate::ui::theme::Theme;
use crate::ui::widgets::{footer, scroll};

/// How to play, in a few lines (also on the help screen).
pub const HOW_TO_PLAY: [&str; 5] = [
    "Each week you take one action and Beijing answers; then the world moves a week.",
    "Build a package on the agenda table: ↑↓ choose an issue, ←→ choose the level you offer, Space puts an issue on or off the table (opening one costs days of preparation). Enter proposes the package.",
    "Beijing accepts, counters with its own package (c copies it into yours), or climbs its retaliation ladder. Press w to see exactly why. x holds: the week passes while pressure builds on both sides.",
    "The action menu (a) holds the rest: accept China's counter, hold, threaten, play a card (an escalation to trade later), a goodwill gesture, the summit's last ask, ask for an extension, sign, walk away.",
    "A deal agreed in principle must be signed at the leaders' summit, in its week and no later; every ending is followed by a year that the debrief scores.",
];

/// The briefing as text.
pub fn text(s: &Scenario, theme: Theme) -> Text<'static> {
    let mut lines = vec![Line::styled(s.title.clone(), theme.title()), Line::raw("")];
    for p in &s.briefing {
        lines.push(Line::raw(p.clone()));
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled("The clock", theme.title()));
    lines.push(Line::raw(format!(
        "Talks open {}. The {} {}: {} weeks, one action a week.",
        s.start_date().long(),
        if s.has_truce() {
            "truce expires"
        } else {
            "deadline is"
        },
        s.expiry_date().long(),
        s.total_weeks()
    )));
    match &s.clock.summit {
        // A meeting not yet agreed on the start date is not announced in the briefing.
        Some(_) if !s.summit_known_on(s.start_date()) => lines.push(Line::raw(
            "No leaders' meeting is agreed yet; one may be, if the talks go well enough.",
        )),
        Some(m) => lines.push(Line::raw(format!(
            "A summit is set: {}, {}.",
            m.place,
            // Written like the clock's other dates ("30 Oct 2025"), not as the file's ISO form.
            crate::core::calendar::Date::parse(&m.date)
                .map_or_else(|| m.date.clone(), |d| d.long())
        ))),
        None => lines.push(Line::raw(
            "No summit is scheduled yet; one may be, if the talks go well enough.",
        )),
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled("Washington wants: ", theme.us()),
        Span::raw(s.us_goals.clone()),
    ]));
    lines.push(Line::from(vec![
        Span::styled("Beijing wants: ", theme.china()),
        Span::raw(s.china_goals.clone()),
    ]));
    lines.push(Line::raw(""));
    lines.push(Line::styled("How to play", theme.title()));
    for l in HOW_TO_PLAY {
        lines.push(Line::raw(format!("• {l}")));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Press Enter to sit down at the table.",
        theme.key(),
    ));
    Text::from(lines)
}

/// Draws the briefing.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, out: &mut Drawn) {
    let theme = app.theme;
    let (body, foot) = body_and_footer(area);
    let Some(s) = app.scenario() else { return };
    let block = Block::bordered()
        .border_style(theme.border())
        .title(Line::styled(" Briefing ", theme.title()));
    let outer = body.centered_horizontally(Constraint::Max(110));
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    let inner = inner.inner(ratatui::layout::Margin::new(1, 0));
    let max = scroll::draw(frame, inner, text(s, theme), app.ui.scroll, theme);
    out.scroll_max = max;
    footer::draw(frame, foot, &super::footer_view(app), out);
}
