//! The negotiating table on a large terminal (from 160×48): the board keeps the agenda, the
//! detail, a line per home-front meter and the dispatches on the left; on the right, Beijing,
//! the last answer's `why` and the dance so far, so nothing needs a key to be seen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Text};
use ratatui::widgets::Borders;

use crate::engine::Game;
use crate::report::explain_now;
use crate::ui::App;
use crate::ui::app::Drawn;
use crate::ui::screens::negotiation::{header, panel};
use crate::ui::theme::Theme;
use crate::ui::view::Side;
use crate::ui::widgets::dance::Dance;
use crate::ui::widgets::scroll::Wrapped;
use crate::ui::widgets::{TableView, agenda, beijing, dance, detail, dispatches, footer, home};

/// Terminals at least this large get the big layout.
pub const BIG: (u16, u16) = (160, 48);

/// Whether `area` is large enough for the big layout.
pub fn fits(area: Rect) -> bool {
    area.width >= BIG.0 && area.height >= BIG.1
}

/// The narrowest the right-hand column (Beijing, why, dance) gets.
const MIN_RIGHT: u16 = 60;

/// The width the left-hand column (agenda, detail, dispatches) gets at least, room allowing.
const LEFT_MIN: u16 = 100;

/// The fewest rows the dance keeps, borders included.
const MIN_DANCE: u16 = 14;

/// The width of the left-hand column (agenda, detail, home front, dispatches).
pub fn left_width(area: Rect, game: &Game) -> u16 {
    let max_left = area.width.saturating_sub(MIN_RIGHT);
    // The detail's notes column wants about 100 columns even when the agenda's need fewer.
    agenda::wanted_width(&game.scenario, max_left)
        .max(LEFT_MIN)
        .min(max_left)
}

/// Draws the table in the big layout.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, game: &Game, out: &mut Drawn) {
    let theme = app.theme;
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    header(frame, head, app, game, false);
    footer::draw(frame, foot, &super::footer_view(app), out);
    let left_w = left_width(area, game);
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_w), Constraint::Min(0)]).areas(body);

    // Left: agenda, the detail's whole ladder, the meters a line each, the dispatches.
    let rows = u16::try_from(game.scenario.issues.len()).unwrap_or(10);
    let detail_h = detail::wanted_height(game) + 2;
    let [table, det, homes, news] = Layout::vertical([
        Constraint::Length(rows + 3),
        Constraint::Length(detail_h),
        Constraint::Length(6),
        Constraint::Min(0),
    ])
    .areas(left);
    agenda::draw(frame, table, TableView::of(app), game, Borders::ALL, out);
    detail::draw(frame, det, TableView::of(app), game, Borders::ALL, out);
    let inner = panel(frame, homes, theme, " Home front ");
    home::draw(frame, inner, game, app.theme);
    let inner = panel(
        frame,
        news,
        theme,
        " Dispatches (newest first; PgUp/PgDn scroll) ",
    );
    dispatches::draw(frame, inner, game, app.ui.log_scroll, app.theme, out);

    // Right: Beijing as tall as it wants, then the why, then the dance with the rest.
    let fresh;
    let side = match app.view.big(app.generation, game, area) {
        Some(side) => side,
        None => {
            fresh = Side::of(game, area, theme);
            &fresh
        }
    };
    let beijing_h = (beijing::wanted_height(game, right.width.saturating_sub(2)) + 2)
        .min(right.height.saturating_sub(MIN_DANCE + 6));
    let why_h = (side.why.lines() + 2)
        .min(right.height.saturating_sub(beijing_h + MIN_DANCE))
        .max(3);
    let [china, why_a, dance_a] = Layout::vertical([
        Constraint::Length(beijing_h),
        Constraint::Length(why_h),
        Constraint::Min(0),
    ])
    .areas(right);
    let inner = panel(frame, china, theme, " Beijing ");
    beijing::draw(frame, inner, game, app.theme);
    let inner = panel(
        frame,
        why_a,
        theme,
        " Why Beijing answered so (w: in full) ",
    );
    side.why
        .draw(frame, inner.inner(Margin::new(1, 0)), 0, theme);
    let inner = panel(frame, dance_a, theme, " The dance so far ");
    dance::draw(frame, inner, &side.dance, theme);
}

impl Side {
    /// The side of `game`'s table drawn in `area` (the whole screen).
    pub fn of(game: &Game, area: Rect, theme: Theme) -> Side {
        let right = area.width.saturating_sub(left_width(area, game));
        let mut dance = Dance::of(&game.scenario, &game.history, &game.state);
        if game.state.outcome.is_none() {
            dance = dance.during_play();
        }
        dance.meters.clear();
        Side {
            why: Wrapped::new(why_text(game, theme), right.saturating_sub(4)),
            dance,
        }
    }
}

/// China's last answer explained, as the why overlay words it.
fn why_text(game: &Game, theme: Theme) -> Text<'static> {
    let Some(answer) = &game.state.last_answer else {
        return Text::from(Line::styled(
            crate::report::no_answer(&game.state),
            theme.dim(),
        ));
    };
    let lines = explain_now(&game.scenario, answer, &game.state)
        .into_iter()
        .enumerate()
        .map(|(k, l)| {
            let style = if k == 0 { theme.title() } else { theme.text() };
            Line::styled(l, style)
        });
    Text::from(lines.collect::<Vec<_>>())
}
