//! The negotiating table: header, agenda, detail, Beijing, home front, dispatches and footer.
//! Full layout from 110×34; a compact one (side panels behind Tab) down to 80×24; from 160×48
//! the big layout of `table_big` (the frame, in `ui::draw`, picks).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders};
use unicode_width::UnicodeWidthStr;

use crate::engine::{Game, SummitStatus};
use crate::scenario::{Effect, Scenario};
use crate::ui::App;
use crate::ui::app::Drawn;
use crate::ui::app::{Panel, Target, Tone};
use crate::ui::theme::Theme;
use crate::ui::widgets::{TableView, agenda, beijing, detail, dispatches, footer, home, paint};

/// The narrowest the side panels (Beijing, home front) get in the full layout.
const MIN_SIDE: u16 = 40;

/// The fewest rows the home front keeps in the full layout: a line per meter and its border.
const MIN_HOME: u16 = 6;

/// The fewest rows the dispatches keep in the full layout, borders included.
const MIN_DISPATCHES: u16 = 8;

/// The full and compact layouts of the table (the big one is `table_big`'s).
pub fn draw(frame: &mut Frame, area: Rect, app: &App, game: &Game, out: &mut Drawn) {
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
        agenda::draw(frame, table, TableView::of(app), game, Borders::TOP, out);
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(bottom);
        detail::draw(
            frame,
            left,
            TableView::of(app),
            game,
            Borders::TOP | Borders::RIGHT,
            out,
        );
        let inner = tabs_panel(frame, right, app.theme, app.ui.panel, out);
        match app.ui.panel {
            Panel::Beijing => beijing::draw(frame, inner, game, app.theme),
            Panel::HomeFront => home::draw(frame, inner, game, app.theme),
            Panel::Dispatches => {
                dispatches::draw(frame, inner, game, app.ui.log_scroll, app.theme, out)
            }
        }
        footer::draw(frame, foot, &super::footer_view(app), out);
    } else {
        // The agenda takes the width its columns need; the side panels get the rest.
        let max_table = area.width.saturating_sub(MIN_SIDE);
        let side = area.width - agenda::wanted_width(&game.scenario, max_table).min(area.width);
        // Rows: the top row grows to show the whole ladder of rung names when the detail pane
        // below keeps room for every level and the dispatches keep a few lines.
        let avail = area.height.saturating_sub(3);
        let mid_want = detail::wanted_height(game) + 2;
        let beijing_want = beijing::wanted_height(game, side.saturating_sub(2)) + 2;
        let top_h = beijing_want
            .min(avail.saturating_sub(mid_want + MIN_DISPATCHES))
            .max(rows + 3);
        // The detail pane takes what its ladder needs (and two lines for a red line); the
        // dispatches, which grow all game, take the rest.
        let spare = avail.saturating_sub(top_h + mid_want);
        let mid_h = if spare >= MIN_DISPATCHES + 4 {
            mid_want + 2
        } else {
            mid_want
        };
        let [head, top, middle, bottom, foot] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Length(top_h),
            Constraint::Length(mid_h),
            Constraint::Min(0),
            Constraint::Length(1),
        ])
        .areas(area);
        header(frame, head, app, game, false);
        // The two columns split their height each its own way: the agenda takes the rows its
        // issues need and leaves the rest to the detail pane under it; Beijing takes what its
        // reminders need (they dropped out at 120×40 beside an agenda with empty rows), down
        // to a home front of one line per meter.
        let upper = top.union(middle);
        let [left, right] =
            Layout::horizontal([Constraint::Min(0), Constraint::Length(side)]).areas(upper);
        let agenda_h = (rows + 3).min(top.height);
        let [table, below] =
            Layout::vertical([Constraint::Length(agenda_h), Constraint::Min(0)]).areas(left);
        agenda::draw(frame, table, TableView::of(app), game, Borders::ALL, out);
        detail::draw(frame, below, TableView::of(app), game, Borders::ALL, out);
        let beijing_h = if beijing_want > top.height {
            let most = beijing_want
                .min(upper.height.saturating_sub(MIN_HOME))
                .max(top.height);
            // Only the rows it fills: the rest go to the home front under it.
            let used = beijing::used_height(game, side.saturating_sub(2), most.saturating_sub(2));
            (used + 2).clamp(top.height, most)
        } else {
            top.height
        };
        let [china, homes] =
            Layout::vertical([Constraint::Length(beijing_h), Constraint::Min(0)]).areas(right);
        let inner = panel(frame, china, app.theme, " Beijing ");
        beijing::draw(frame, inner, game, app.theme);
        let inner = panel(frame, homes, app.theme, " Home front ");
        home::draw(frame, inner, game, app.theme);
        let title = " Dispatches (newest first; PgUp/PgDn scroll) ";
        let inner = panel(frame, bottom, app.theme, title);
        dispatches::draw(frame, inner, game, app.ui.log_scroll, app.theme, out);
        footer::draw(frame, foot, &super::footer_view(app), out);
    }
}

/// A bordered panel with a title.
pub fn panel_block(theme: Theme, title: &str) -> Block<'_> {
    Block::bordered()
        .border_style(theme.border())
        .title(Line::styled(title, theme.title()))
}

/// A bordered panel drawn straight into the buffer; returns the area inside.
pub(crate) fn panel(frame: &mut Frame, area: Rect, theme: Theme, title: &str) -> Rect {
    paint::panel(
        frame.buffer_mut(),
        area,
        Borders::ALL,
        theme.border(),
        &[(title, theme.title())],
    )
}

/// The compact layout's side panel: a top border whose title names the tabs, each a hit area
/// that shows its panel.
fn tabs_panel(frame: &mut Frame, area: Rect, theme: Theme, panel: Panel, out: &mut Drawn) -> Rect {
    let tab = |p: Panel, on: &'static str, off: &'static str| {
        if p == panel {
            (on, theme.selected())
        } else {
            (off, theme.dim())
        }
    };
    let title = [
        (" ", theme.text()),
        tab(Panel::Beijing, "[Beijing]", " Beijing "),
        tab(Panel::HomeFront, "[Home]", " Home "),
        tab(Panel::Dispatches, "[News]", " News "),
        (" Tab ", theme.key()),
    ];
    let mut x = area.x;
    for (k, (text, _)) in title.iter().enumerate() {
        let w = paint::width(text);
        let tab = match k {
            1 => Some(Panel::Beijing),
            2 => Some(Panel::HomeFront),
            3 => Some(Panel::Dispatches),
            _ => None,
        };
        if let Some(tab) = tab {
            let width = w.min(area.right().saturating_sub(x));
            out.hit(
                Rect {
                    x,
                    y: area.y,
                    width,
                    height: 1,
                },
                Target::Tab(tab),
            );
        }
        x = x.saturating_add(w);
    }
    paint::panel(
        frame.buffer_mut(),
        area,
        Borders::TOP,
        theme.border(),
        &title,
    )
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
        SummitStatus::InDoubt => ("the summit is in doubt".into(), false),
        // A meeting both sides work to but not yet agreed is not shown before its day.
        SummitStatus::Scheduled { .. } if !s.summit_known_on(s.date_of_day(game.state.day)) => {
            ("no summit agreed yet".into(), false)
        }
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

pub(crate) fn header(frame: &mut Frame, area: Rect, app: &App, game: &Game, compact: bool) {
    let theme = app.theme;
    let s = &game.scenario;
    let st = &game.state;
    let sep = " │ ";
    let date = s.date_of_day(st.day).long();
    let left = st.days_left(s);
    let days = format!("{left} days left");
    let full_week = format!("Week {} of {}", st.week(), s.total_weeks());
    let full_summit = summit_text(game, false);
    // The whole line, title and all, only where it fits: a long summit place ("Washington
    // summit: 13 Dec 2019 (in 102 days)") cut the end off at 120 columns.
    let compact = compact || {
        let parts = [s.title.as_str(), &date, &full_week, &days, &full_summit.0];
        let width: usize = parts.iter().map(|p| p.width()).sum::<usize>() + 4 * sep.width();
        width > usize::from(area.width)
    };
    // Short forms where room is short: "Washington summit: 13 Dec (in 102 days)" must fit 80.
    let (week, (summit, now)) = if compact {
        (
            format!("Week {}/{}", st.week(), s.total_weeks()),
            summit_text(game, true),
        )
    } else {
        (full_week, full_summit)
    };
    let buf = frame.buffer_mut();
    let (y, end) = (area.y, area.right());
    let mut x = area.x;
    if !compact {
        x = paint::put(buf, x, y, end, &s.title, theme.title());
        x = paint::put(buf, x, y, end, sep, theme.border());
    }
    x = paint::put(buf, x, y, end, &date, theme.text());
    x = paint::put(buf, x, y, end, sep, theme.border());
    x = paint::put(buf, x, y, end, &week, theme.key());
    x = paint::put(buf, x, y, end, sep, theme.border());
    let days_style = if left <= 14 {
        theme.bad()
    } else {
        theme.text()
    };
    x = paint::put(buf, x, y, end, &days, days_style);
    x = paint::put(buf, x, y, end, sep, theme.border());
    let summit_style = if now { theme.good() } else { theme.text() };
    paint::put(buf, x, y, end, &summit, summit_style);
    if let Some(m) = &app.ui.message
        && area.height >= 2
    {
        let (mark, style) = match m.tone {
            Tone::Info => ("• ", theme.text()),
            Tone::Good => ("✓ ", theme.good()),
            Tone::Bad => ("! ", theme.bad()),
            Tone::Error => ("✗ ", theme.bad()),
        };
        let x = paint::put(buf, area.x, y + 1, end, mark, style);
        let text = fit_message(&m.text, end.saturating_sub(x));
        paint::put(buf, x, y + 1, end, &text, style);
    }
}

/// A message fitted to `w` cells: whole as long as it fits; else its later sentences (news
/// counts, reminders) are dropped, then the first is cut at a word boundary, never mid-word.
pub fn fit_message(text: &str, w: u16) -> std::borrow::Cow<'_, str> {
    if paint::width(text) <= w {
        return text.into();
    }
    let mut end = text.len();
    while let Some(i) = text[..end].trim_end().trim_end_matches('.').rfind(". ") {
        end = i + 1;
        if paint::width(&text[..end]) <= w {
            return text[..end].into();
        }
    }
    paint::fit(&text[..end], w).into_owned().into()
}
