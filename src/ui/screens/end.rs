//! The debrief: the outcome, each score with its reason, the lessons, and the deal beside the
//! historical outcome.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::Block;

use crate::engine::{Game, Package, Scorecard, scorecard};
use crate::ui::App;
use crate::ui::app::Drawn;
use crate::ui::screens::body_and_footer;
use crate::ui::screens::negotiation::panel_block;
use crate::ui::theme::Theme;
use crate::ui::view::{Debrief, Pages};
use crate::ui::widgets::dance::{self, Dance};
use crate::ui::widgets::footer;
use crate::ui::widgets::paint::cut;
use crate::ui::widgets::scroll::Wrapped;

/// The score bars' width in the text made when the game ends (`Debrief::of`).
const BAR: usize = 10;

fn bar(value: f64, width: usize) -> String {
    let filled =
        crate::core::num::whole_usize(value / 100.0 * crate::core::num::count(width), width);
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

impl Pages {
    /// `debrief`'s pages for a screen of `area`, with the player's name when known.
    pub fn of(
        debrief: &Debrief,
        game: &Game,
        player: Option<&str>,
        area: Rect,
        theme: Theme,
    ) -> Pages {
        let (main, side) = panels(area);
        let (main, side) = (inside(main), side.map(inside));
        // The score bars take a share of the column: at 200 columns a 10-cell bar sat alone in
        // a 146-column panel.
        let bars = usize::from(main.width.saturating_sub(24) / 3).clamp(10, 40);
        let text = if bars == BAR {
            debrief.text.clone()
        } else {
            result_text(game, &debrief.card, theme, bars)
        };
        let mut text = with_player(player, text);
        let side = match side {
            Some(side) => Some(Wrapped::new(
                history_text(game, theme, side.width),
                side.width,
            )),
            None => {
                text.lines.push(Line::raw(""));
                text.lines
                    .extend(history_text(game, theme, main.width).lines);
                None
            }
        };
        Pages {
            width: area.width,
            main: Wrapped::new(text, main.width),
            side,
        }
    }

    /// The width of the screen these pages were made for.
    pub fn width(&self) -> u16 {
        self.width
    }
}

/// The debrief's side panel (as wide as the deal-beside-history table needs) shows from this
/// many columns.
const WIDE: u16 = 120;

/// The debrief's panels on a screen of `area`: the main text's and, on a wide screen, the side
/// panel's.
fn panels(area: Rect) -> (Rect, Option<Rect>) {
    let (body, _) = body_and_footer(area);
    if area.width >= WIDE {
        let [left, right] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(52)]).areas(body);
        (left, Some(right))
    } else {
        (body, None)
    }
}

/// The text's area inside a panel: within its border and a margin of a column.
fn inside(panel: Rect) -> Rect {
    Block::bordered().inner(panel).inner(Margin::new(1, 0))
}

impl Debrief {
    /// Scores `game` and words the result.
    pub fn of(game: &Game, theme: Theme) -> Debrief {
        let card = scorecard(&game.scenario, &game.state);
        Debrief {
            text: result_text(game, &card, theme, BAR),
            card,
            dance: Dance::of(&game.scenario, &game.history, &game.state),
            pages: None,
        }
    }
}

/// The outcome, the scores (with bars `bars` cells wide) and the lessons.
pub fn result_text(game: &Game, card: &Scorecard, theme: Theme, bars: usize) -> Text<'static> {
    let s = &game.scenario;
    let st = &game.state;
    let title = st.outcome.map_or("Game not finished", |o| o.title());
    let mut lines = vec![
        Line::styled(format!("Outcome: {title}"), theme.title()),
        Line::raw(format!(
            "Week {} of {}, {}. Seed {}.",
            st.week().min(s.total_weeks()),
            s.total_weeks(),
            s.date_of_day(st.day).long(),
            game.seed
        )),
    ];
    // The final week's news, which the game ended before the player could read.
    let last = st.log.last().map_or(0, |d| d.week);
    let news: Vec<_> = st.log.iter().filter(|d| d.week == last).collect();
    if !news.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("The final week", theme.title()));
        for d in news {
            lines.push(Line::raw(format!(
                "• {}",
                crate::report::dispatch_text(s, d)
            )));
        }
    }
    if let Some(epi) = &st.epilogue {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!("The year after ({} months)", epi.months.len()),
            theme.title(),
        ));
        for l in crate::report::epilogue_lines(s, epi, st.outcome) {
            lines.push(Line::raw(format!("• {l}")));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Scores (0 to 100, higher is better for the US)",
        theme.title(),
    ));
    for (name, score) in card.named() {
        lines.push(Line::from(vec![
            Span::styled(format!("{name:<15}"), theme.key()),
            Span::styled(format!("{:>4.0} ", score.value), theme.title()),
            Span::styled(bar(score.value, bars), theme.gauge()),
        ]));
        lines.push(Line::raw(format!("    {}", score.reason)));
        // `w` at acceptance weighed the terms as promised; the debrief weighs what was
        // delivered, and a player saw the two disagree with nothing saying why.
        if name == "Balance" && st.outcome.is_some_and(|o| o.is_deal()) {
            lines.push(Line::styled(
                "    Scored on the gains delivered over the year after, so it can differ from the balance w showed when the deal was agreed.",
                theme.dim(),
            ));
        }
    }
    lines.push(Line::styled(crate::report::METERS_COUNT, theme.dim()));
    if !card.lessons.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Lessons from the talks", theme.title()));
        for l in &card.lessons {
            lines.push(Line::raw(format!("• {}", l.text_in(s))));
        }
    }
    beijing_faced(&mut lines, game, theme);
    Text::from(lines)
}

/// The Beijing the player faced, revealed now the game is over: its kind, the figures drawn
/// for it and what would have worked. Nothing for the neutral type (a scenario without kinds).
fn beijing_faced(lines: &mut Vec<Line<'static>>, game: &Game, theme: Theme) {
    let Some(r) = crate::report::beijing::reveal(&game.scenario, &game.state.beijing) else {
        return;
    };
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!("The Beijing you faced: {}", r.name),
        theme.title(),
    ));
    for f in r.figures {
        lines.push(Line::raw(format!("• {f}")));
    }
    lines.push(Line::from(vec![
        Span::styled("What would have worked: ", theme.key()),
        Span::raw(r.lesson),
    ]));
}

/// The deal beside what really happened.
/// `width` is the width the text is drawn in, so the table's columns fit without wrapping.
pub fn history_text(game: &Game, theme: Theme, width: u16) -> Text<'static> {
    let s = &game.scenario;
    let mut historical = s.status_quo();
    for (id, level) in &s.historical.package {
        if let Some(i) = s.issue_index(id)
            && *level < s.issues[i].levels.len()
        {
            historical.0[i] = *level;
        }
    }
    let yours: Option<&Package> = game.state.signed.as_ref();
    let mut lines = vec![
        Line::styled("What really happened", theme.title()),
        Line::raw(s.historical.summary.clone()),
        Line::raw(""),
    ];
    if yours.is_none() {
        lines.push(Line::styled(
            "You signed no deal; history's package:",
            theme.dim(),
        ));
    }
    // Issue (12), a space, two columns with a space between and " =" after: the marker stays
    // on its row (it wrapped onto a line of its own at 120 columns).
    let col = usize::from(width.saturating_sub(16) / 2).clamp(4, 20);
    let mut head = vec![Span::styled(format!("{:<12} ", "Issue"), theme.title())];
    if yours.is_some() {
        head.push(Span::styled(format!("{:<col$} ", "Your deal"), theme.us()));
    }
    head.push(Span::styled("History", theme.china()));
    lines.push(Line::from(head));
    for (i, issue) in s.issues.iter().enumerate() {
        let then = cut(&issue.levels[historical.0[i]].label, col);
        let row = match yours {
            Some(p) => {
                let mine = cut(&issue.levels[p.0[i]].label, col);
                let same = if p.0[i] == historical.0[i] { " =" } else { "" };
                format!("{:<12} {mine:<col$} {then}{same}", cut(&issue.short, 12))
            }
            None => format!("{:<12} {then}", cut(&issue.short, 12)),
        };
        lines.push(Line::raw(row));
    }
    if yours.is_some() {
        lines.push(Line::styled(
            "= where your deal matches history.",
            theme.dim(),
        ));
    }
    // Matching issues is not the verdict: what each package is worth to each side is.
    if let Some(b) = crate::report::facts::beside::Beside::of(s, &game.state) {
        lines.push(Line::raw(b.line()));
    }
    Text::from(lines)
}

/// The debrief's text with the player's name under the outcome, when known.
fn with_player(player: Option<&str>, mut text: Text<'static>) -> Text<'static> {
    if let Some(player) = player {
        let at = text.lines.len().min(2);
        text.lines
            .insert(at, Line::raw(format!("Played by {player}.")));
    }
    text
}

/// Draws the debrief from the one computed when the game ended (`App::debrief`); a game put
/// on this screen some other way is scored here, once per frame, rather than not shown.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, out: &mut Drawn) {
    let theme = app.theme;
    let Some(game) = &app.game else { return };
    let fresh;
    let debrief = match &app.debrief {
        Some(d) => d,
        None => {
            fresh = Debrief::of(game, theme);
            &fresh
        }
    };
    let (body, foot) = body_and_footer(area);
    if app.ui.dance {
        let block = panel_block(theme, " The negotiation dance (d: back to the debrief) ");
        let inner = block.inner(body);
        frame.render_widget(block, body);
        dance::draw(frame, inner, &debrief.dance, theme);
    } else {
        let player = app.info.as_ref().and_then(|i| i.player.as_deref());
        let made;
        let pages = match debrief.pages.as_ref().filter(|p| p.width == area.width) {
            Some(pages) => pages,
            None => {
                made = Pages::of(debrief, game, player, area, theme);
                &made
            }
        };
        let (main, side) = panels(area);
        if let Some(side) = side {
            frame.render_widget(panel_block(theme, " Debrief "), main);
            frame.render_widget(panel_block(theme, " Beside history "), side);
            if let Some(history) = &pages.side {
                history.draw(frame, inside(side), 0, theme);
            }
        } else {
            frame.render_widget(panel_block(theme, " Debrief (↑↓ scroll) "), main);
        }
        out.scroll_max = pages.main.draw(frame, inside(main), app.ui.scroll, theme);
    }
    footer::draw(frame, foot, &super::footer_view(app), out);
}
