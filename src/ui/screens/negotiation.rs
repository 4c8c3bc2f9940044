//! The negotiating table: header, agenda, detail, Beijing, home front, dispatches and footer.
//! Full layout from 110×34; a compact one (side panels behind Tab) down to 80×24.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use crate::engine::{Game, SummitStatus};
use crate::scenario::{Effect, Scenario};
use crate::ui::App;
use crate::ui::app::{Panel, Tone};
use crate::ui::theme::Theme;
use crate::ui::widgets::{agenda, beijing, detail, dispatches, footer, home};

/// Draws the negotiating table.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let Some(game) = &app.game else { return };
    let rows = u16::try_from(game.scenario.issues.len()).unwrap_or(10);
    if app.compact() {
        let [head, table, bottom, foot] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Length(rows + 2),
            Constraint::Min(0),
            Constraint::Length(1),
        ])
        .areas(area);
        header(frame, head, app, game, true);
        agenda::draw(frame, table, app, game, Borders::TOP);
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(bottom);
        detail::draw(frame, left, app, game, Borders::TOP | Borders::RIGHT);
        let block = tabs_block(app.theme, app.ui.panel);
        let inner = block.inner(right);
        frame.render_widget(block, right);
        match app.ui.panel {
            Panel::Beijing => beijing::draw(frame, inner, app, game),
            Panel::HomeFront => home::draw(frame, inner, app, game),
            Panel::Dispatches => dispatches::draw(frame, inner, app, game),
        }
        footer::draw(frame, foot, app);
    } else {
        let [head, top, middle, bottom, foot] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Length(rows + 3),
            Constraint::Fill(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        header(frame, head, app, game, false);
        let side = (area.width / 3).max(46);
        let [table, china] =
            Layout::horizontal([Constraint::Min(0), Constraint::Length(side)]).areas(top);
        agenda::draw(frame, table, app, game, Borders::ALL);
        let block = panel_block(app.theme, " Beijing ");
        let inner = block.inner(china);
        frame.render_widget(block, china);
        beijing::draw(frame, inner, app, game);
        let [left, right] =
            Layout::horizontal([Constraint::Min(0), Constraint::Length(side)]).areas(middle);
        detail::draw(frame, left, app, game, Borders::ALL);
        let block = panel_block(app.theme, " Home front ");
        let inner = block.inner(right);
        frame.render_widget(block, right);
        home::draw(frame, inner, app, game);
        let block = panel_block(app.theme, " Dispatches (newest first; PgUp/PgDn scroll) ");
        let inner = block.inner(bottom);
        frame.render_widget(block, bottom);
        dispatches::draw(frame, inner, app, game);
        footer::draw(frame, foot, app);
    }
}

/// A bordered panel with a title.
pub fn panel_block(theme: Theme, title: &str) -> Block<'_> {
    Block::bordered()
        .border_style(theme.border())
        .title(Line::styled(title, theme.title()))
}

fn tabs_block(theme: Theme, panel: Panel) -> Block<'static> {
    let tab = |p: Panel, name: &'static str| {
        if p == panel {
            Span::styled(format!("[{name}]"), theme.selected())
        } else {
            Span::styled(format!(" {name} "), theme.dim())
        }
    };
    let title = Line::from(vec![
        Span::raw(" "),
        tab(Panel::Beijing, "Beijing"),
        tab(Panel::HomeFront, "Home"),
        tab(Panel::Dispatches, "News"),
        Span::styled(" Tab ", theme.key()),
    ]);
    Block::new()
        .borders(Borders::TOP)
        .border_style(theme.border())
        .title(title)
}

/// Where the summit meets, if the scenario says.
pub fn summit_place(scenario: &Scenario, day: u32) -> Option<&str> {
    let fixed = scenario.clock.summit.iter();
    let from_events = scenario.events.iter().flat_map(|e| {
        e.effects.iter().filter_map(|f| match f {
            Effect::ScheduleSummit(s) => Some(s),
            _ => None,
        })
    });
    fixed
        .chain(from_events)
        .find(|s| scenario.day_of(&s.date) == Some(day))
        .map(|s| s.place.as_str())
}

/// The summit in a few words.
pub fn summit_text(game: &Game, compact: bool) -> (String, bool) {
    let s = &game.scenario;
    match game.state.summit {
        SummitStatus::NotScheduled => ("no summit scheduled".into(), false),
        SummitStatus::Passed => ("the summit has passed".into(), false),
        SummitStatus::Scheduled { day } => {
            let place = summit_place(s, day).unwrap_or("summit");
            let d = s.date_of_day(day);
            let date = if compact {
                d.long()
                    .rsplit_once(' ')
                    .map_or(d.long(), |(dm, _)| dm.to_string())
            } else {
                d.long()
            };
            if game.state.summit_this_turn(s) {
                (format!("SUMMIT THIS WEEK: {place}, {date}"), true)
            } else {
                let days = day.saturating_sub(game.state.day);
                (format!("{place} summit: {date} (in {days} days)"), false)
            }
        }
    }
}

fn header(frame: &mut Frame, area: Rect, app: &App, game: &Game, compact: bool) {
    let theme = app.theme;
    let s = &game.scenario;
    let st = &game.state;
    let [top, msg] = Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    let sep = || Span::styled(" │ ", theme.border());
    let mut spans = Vec::new();
    if !compact {
        spans.push(Span::styled(s.title.clone(), theme.title()));
        spans.push(sep());
    }
    spans.push(Span::raw(s.date_of_day(st.day).long()));
    spans.push(sep());
    spans.push(Span::styled(
        format!("Week {} of {}", st.week(), s.total_weeks()),
        theme.key(),
    ));
    spans.push(sep());
    let left = st.days_left(s);
    let days_style = if left <= 14 {
        theme.bad()
    } else {
        theme.text()
    };
    let days = format!("{left} days left");
    spans.push(Span::styled(days, days_style));
    spans.push(sep());
    let (summit, now) = summit_text(game, compact);
    spans.push(Span::styled(
        summit,
        if now { theme.good() } else { theme.text() },
    ));
    frame.render_widget(Line::from(spans), top);
    if let Some(m) = &app.ui.message {
        let (mark, style) = match m.tone {
            Tone::Info => ("•", theme.text()),
            Tone::Good => ("✓", theme.good()),
            Tone::Bad => ("!", theme.bad()),
            Tone::Error => ("✗", theme.bad()),
        };
        let line = Line::from(vec![
            Span::styled(format!("{mark} "), style),
            Span::styled(m.text.clone(), style),
        ]);
        frame.render_widget(line, msg);
    }
}
