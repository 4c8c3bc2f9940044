//! The review screen: a saved game, read-only, week by week. The board as it was that week
//! (the packages on the table and the meters), the week's moves, China's answers and their full
//! `why`. Large terminals (120×40 and up) get the board and the week side by side with room to
//! breathe, for a projector; 80×24 stacks them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Margin, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use crate::report::facts::{Board, Level};
use crate::ui::App;
use crate::ui::app::Drawn;
use crate::ui::review::Review;
use crate::ui::screens::body_and_footer;
use crate::ui::screens::negotiation::panel_block;
use crate::ui::theme::Theme;
use crate::ui::widgets::paint::cut;
use crate::ui::widgets::{dance, footer, scroll};

/// Terminals at least this large get the side-by-side, large-print layout.
pub const LARGE: (u16, u16) = (120, 40);

/// Draws the review.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, out: &mut Drawn) {
    let theme = app.theme;
    let Some(review) = &app.review else { return };
    let (body, foot) = body_and_footer(area);
    let large = area.width >= LARGE.0 && area.height >= LARGE.1;
    let [head, rest] = Layout::vertical([
        Constraint::Length(if large { 3 } else { 2 }),
        Constraint::Min(0),
    ])
    .areas(body);
    header(frame, head, review, theme, large);
    if app.ui.dance {
        if let Some(dance) = review.dance() {
            let title = format!(
                " The dance to week {} (d: back to the week) ",
                review.week()
            );
            let block = panel_block(theme, &title);
            let inner = block.inner(rest);
            frame.render_widget(block, rest);
            dance::draw(frame, inner, dance, theme);
        }
        footer::draw(frame, foot, &super::footer_view(app), out);
        return;
    }
    let Some(now) = review.board() else { return };
    let rows = u16::try_from(now.rows.len()).unwrap_or(10);
    if large {
        // The board and the meters side by side in a band as tall as the board, the week's
        // text across the whole width under them: beside a narrow column of text, the meters'
        // panel left some 16 rows empty at 120×40.
        let meters_n = u16::try_from(now.meters.len()).unwrap_or(6);
        let band_h = (rows + 5).max(meters_n + 4);
        let [band, right] =
            Layout::vertical([Constraint::Length(band_h), Constraint::Min(0)]).areas(rest);
        let board_w = (band.width * 3 / 5).min(96);
        let [board_a, meters_a] =
            Layout::horizontal([Constraint::Length(board_w), Constraint::Min(0)]).areas(band);
        let block = panel_block(theme, " The table that week ");
        let inner = block.inner(board_a).inner(Margin::new(1, 1));
        frame.render_widget(block, board_a);
        board(frame, inner, now, theme);
        let block = panel_block(theme, " Meters after the week ");
        let inner = block.inner(meters_a).inner(Margin::new(1, 1));
        frame.render_widget(block, meters_a);
        meters_large(frame, inner, now, theme);
        let block = panel_block(theme, " This week: moves, answers, why (↑↓ scroll) ");
        // Lines no longer than a reader's eye follows, centred on a wide screen.
        let inner = block
            .inner(right)
            .inner(Margin::new(2, 1))
            .centered_horizontally(Constraint::Max(120));
        frame.render_widget(block, right);
        let max = scroll::draw(
            frame,
            inner,
            week_text(review, theme, true),
            review.scroll,
            theme,
        );
        out.scroll_max = max;
    } else {
        let [board_a, meters_a, week_a] = Layout::vertical([
            Constraint::Length(rows + 1),
            Constraint::Length(1),
            Constraint::Min(3),
        ])
        .areas(rest.inner(Margin::new(1, 0)));
        board(frame, board_a, now, theme);
        meters_line(frame, meters_a, now, theme);
        let block = panel_block(theme, " This week (↑↓ scroll) ");
        let inner = block.inner(week_a).inner(Margin::new(1, 0));
        frame.render_widget(block, week_a);
        let max = scroll::draw(
            frame,
            inner,
            week_text(review, theme, false),
            review.scroll,
            theme,
        );
        out.scroll_max = max;
    }
    footer::draw(frame, foot, &super::footer_view(app), out);
}

/// The title line: which game, which week, how far through.
fn header(frame: &mut Frame, area: Rect, r: &Review, theme: Theme, large: bool) {
    let f = &r.facts;
    let player = f
        .player
        .as_deref()
        .map_or(String::new(), |p| format!(" · {p}"));
    // A custom scenario is named as such, whatever title it gives itself.
    let custom = f
        .provenance
        .scenario
        .short_hash()
        .map_or(String::new(), |h| format!(" (custom scenario {h}…)"));
    let when = match r.moves().first() {
        Some(m) => m.date.clone(),
        None => "the opening".to_string(),
    };
    let week = format!(
        "Week {} of {} · {when} · step {} of {}",
        r.week(),
        f.outcome.weeks,
        r.at,
        r.last()
    );
    let area = area.inner(Margin::new(1, 0));
    let title = vec![
        Span::styled("REVIEW ", theme.key()),
        Span::styled(format!("{}{custom}{player}", f.title), theme.title()),
        Span::styled(
            format!(" · seed {} · ended: {}", f.seed, f.outcome.title),
            theme.dim(),
        ),
    ];
    let mut lines = vec![fitted(title, area.width)];
    if large {
        lines.push(Line::raw(""));
    }
    lines.push(fitted(vec![Span::styled(week, theme.title())], area.width));
    frame.render_widget(Paragraph::new(lines), area);
}

/// The packages on the table that week, issue by issue; levels at the status quo are dimmed.
/// A label wider than its column ends in "…" rather than being cut off unmarked.
fn board(frame: &mut Frame, area: Rect, b: &Board, theme: Theme) {
    let agreed_title = if b.signed { "Signed" } else { "Agreed" };
    let widths = [
        Constraint::Length(12),
        Constraint::Length(3),
        Constraint::Fill(1),
        Constraint::Fill(1),
        Constraint::Fill(1),
    ];
    // The widths the table gives its columns (as `Table` lays them out: from the left, one
    // space apart), so each label can be fitted to its own.
    let cols: Vec<usize> = Layout::horizontal(widths)
        .flex(Flex::Start)
        .spacing(1)
        .split(Rect::new(0, 0, area.width, 1))
        .iter()
        .map(|c| usize::from(c.width))
        .collect();
    let col = |k: usize| cols.get(k).copied().unwrap_or(0);
    let cell = |level: &Option<Level>, style, w: usize| -> Cell<'static> {
        match level {
            Some(l) if l.status_quo => {
                Cell::from(Span::styled(cut(&format!("· {}", l.label), w), theme.dim()))
            }
            Some(l) => Cell::from(Span::styled(cut(&l.label, w), style)),
            None => Cell::from(Span::styled("-", theme.dim())),
        }
    };
    let rows: Vec<Row> = b
        .rows
        .iter()
        .map(|r| {
            let on = if r.on {
                Span::styled("on", theme.text())
            } else {
                Span::styled("off", theme.dim())
            };
            Row::new(vec![
                Cell::from(Span::styled(cut(&r.issue, col(0)), theme.key())),
                Cell::from(on),
                cell(&r.proposal, theme.us(), col(2)),
                cell(&r.counter, theme.china(), col(3)),
                cell(&r.agreed, theme.good(), col(4)),
            ])
        })
        .collect();
    let heads = ["Issue", "On", "US proposal", "China counter", agreed_title];
    let header =
        Row::new(heads.iter().enumerate().map(|(k, h)| cut(h, col(k)))).style(theme.title());
    let table = Table::new(rows, widths).header(header).column_spacing(1);
    frame.render_widget(table, area);
}

/// Spans on one line fitted to `width`: the first that does not fit ends in "…", and those
/// after it are dropped.
fn fitted(spans: Vec<Span<'static>>, width: u16) -> Line<'static> {
    let mut room = usize::from(width);
    let mut out = Vec::new();
    for span in spans {
        let w = span.width();
        if w <= room {
            room -= w;
            out.push(span);
        } else {
            out.push(Span::styled(cut(&span.content, room), span.style));
            break;
        }
    }
    Line::from(out)
}

/// The meters on one line (small terminals).
fn meters_line(frame: &mut Frame, area: Rect, b: &Board, theme: Theme) {
    let parts: Vec<String> = b
        .meters
        .iter()
        .map(|m| {
            let short = m.name.split(' ').next().unwrap_or(m.name);
            format!("{short} {:.0}", m.value)
        })
        .collect();
    let line = fitted(
        vec![Span::styled(parts.join(" · "), theme.text())],
        area.width,
    );
    frame.render_widget(Paragraph::new(line), area);
}

/// The meters as bars, one a line (large terminals).
fn meters_large(frame: &mut Frame, area: Rect, b: &Board, theme: Theme) {
    let width = usize::from(area.width.saturating_sub(24)).clamp(4, 40);
    let lines: Vec<Line> = b
        .meters
        .iter()
        .map(|m| {
            // Trust runs from -100 to 100 and the rung from 0 to 4: both drawn on 0..=100.
            let share = match m.name {
                "Trust" => (m.value + 100.0) / 200.0,
                "Restriction rung" => m.value / 4.0,
                _ => m.value / 100.0,
            };
            let filled =
                crate::core::num::whole_usize(share * crate::core::num::count(width), width);
            Line::from(vec![
                Span::styled(format!("{:<18}", m.name), theme.key()),
                Span::styled(format!("{:>5.0} ", m.value), theme.title()),
                Span::styled("█".repeat(filled), theme.gauge()),
                Span::styled("░".repeat(width - filled), theme.gauge_empty()),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// The week's moves with China's answers, their full explanations, and the news.
fn week_text(r: &Review, theme: Theme, large: bool) -> Text<'static> {
    let mut lines: Vec<Line<'static>> = Vec::new();
    let gap = |lines: &mut Vec<Line<'static>>| {
        if large {
            lines.push(Line::raw(""));
        }
    };
    if r.at == 0 {
        lines.push(Line::styled("The opening, before any move.", theme.title()));
        gap(&mut lines);
        lines.push(Line::raw(
            "→ steps to the first week, End to the last; Home comes back here.",
        ));
        return Text::from(lines);
    }
    for m in r.moves() {
        lines.push(Line::from(vec![
            Span::styled(format!("US, move {}: ", m.number), theme.us()),
            Span::styled(m.action.clone(), theme.text()),
        ]));
        if let Some(a) = &m.answer {
            lines.push(Line::from(vec![
                Span::styled("China: ", theme.china()),
                Span::styled(a.headline.clone(), theme.title()),
            ]));
            gap(&mut lines);
            // Large terminals part paragraphs with a blank line; small ones mark each start.
            let mark = if large { "" } else { "· " };
            for para in &a.why {
                lines.push(Line::raw(format!("{mark}{para}")));
                gap(&mut lines);
            }
        }
        for (who, text) in m
            .news
            .iter()
            .filter(|(w, _)| *w == "Event" || *w == "Clock")
        {
            lines.push(Line::from(vec![
                Span::styled(format!("{who}: "), theme.warn()),
                Span::raw(text.clone()),
            ]));
        }
        if let Some(o) = &m.outcome {
            lines.push(Line::styled(format!("The game ends: {o}."), theme.title()));
        }
        lines.push(Line::raw(""));
    }
    // The last week closes with the Beijing the players faced (a finished game only).
    if r.at == r.last()
        && let Some((kind, rest)) = r.facts.beijing.split_first()
    {
        lines.push(Line::styled(kind.clone(), theme.title()));
        gap(&mut lines);
        for para in rest {
            lines.push(Line::raw(format!("· {para}")));
        }
    }
    Text::from(lines)
}
