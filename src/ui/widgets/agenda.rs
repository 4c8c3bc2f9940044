//! The agenda table: every issue, on or off the table, your proposed level, how Beijing feels
//! about it, China's counter-offer and the agreed level.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Row, Table, TableState};

use crate::ai::Valuation;
use crate::engine::Game;
use crate::ui::App;
use crate::ui::theme::Theme;

/// How Beijing feels about one level of one issue: a symbol, a word and a style.
pub struct Feeling {
    /// `++`, `+`, `-` or `--`.
    pub symbol: &'static str,
    /// The feeling in a word.
    pub word: &'static str,
    /// How it looks.
    pub style: Style,
}

/// Beijing's feeling about `level` on issue `i`: its value of that level against its best
/// level on the issue (a read-only view of the valuation, not a prediction of its answer).
pub fn feeling(val: &Valuation, game: &Game, i: usize, level: usize, theme: Theme) -> Feeling {
    let issue = &game.scenario.issues[i];
    let best = (0..issue.levels.len())
        .map(|l| val.china_at(i, l))
        .fold(0.0_f64, f64::max);
    let r = if best > 1e-12 {
        val.china_at(i, level) / best
    } else {
        1.0
    };
    let (symbol, word, style) = if r >= 0.85 {
        ("++", "likes", theme.good())
    } else if r >= 0.6 {
        ("+", "fine", theme.text())
    } else if r >= 0.35 {
        ("-", "costly", theme.warn())
    } else {
        ("--", "hates", theme.bad())
    };
    Feeling {
        symbol,
        word,
        style,
    }
}

/// Draws the table with the selected row highlighted.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, game: &Game, borders: Borders) {
    let theme = app.theme;
    let s = &game.scenario;
    let st = &game.state;
    let val = Valuation::new(s, st);
    let wide = area.width >= 100;
    let label = |p: Option<&crate::engine::Package>, i: usize| -> String {
        p.and_then(|p| p.0.get(i))
            .and_then(|&l| s.issues[i].levels.get(l))
            .map_or("–".into(), |l| l.label.clone())
    };
    // Off the table, a counter or agreement sits at the status quo: show a dash, not a level.
    let shown = |p: Option<&crate::engine::Package>, i: usize| -> String {
        let at_sq = p.and_then(|p| p.0.get(i)) == Some(&s.issues[i].status_quo);
        if at_sq && !st.agenda.get(i).copied().unwrap_or(false) {
            "–".into()
        } else {
            label(p, i)
        }
    };
    let rows: Vec<Row> = s
        .issues
        .iter()
        .enumerate()
        .map(|(i, issue)| {
            let on = st.agenda.get(i).copied().unwrap_or(false);
            let level = app.ui.package.get(i).copied().unwrap_or(issue.status_quo);
            let name = if wide {
                issue.name.as_str()
            } else {
                issue.short.as_str()
            };
            let lbl = issue.levels.get(level).map_or("?", |l| l.label.as_str());
            let selected = i == app.ui.row;
            let proposed = if selected && on {
                format!("‹ {lbl} ›")
            } else if on {
                format!("  {lbl}")
            } else {
                format!("  ({lbl})")
            };
            let f = feeling(&val, game, i, level, theme);
            let feel = if on {
                Line::from(Span::styled(format!("{:<2} {}", f.symbol, f.word), f.style))
            } else {
                Line::styled("·  off", theme.dim())
            };
            let status = if on {
                Span::styled("on", theme.good())
            } else {
                Span::styled("off", theme.dim())
            };
            let name_style = if on { theme.text() } else { theme.dim() };
            Row::new(vec![
                Cell::from(status),
                Cell::from(Span::styled(name.to_string(), name_style)),
                Cell::from(proposed),
                Cell::from(feel),
                Cell::from(Span::styled(shown(st.counter.as_ref(), i), theme.china())),
                Cell::from(Span::styled(shown(st.agreed.as_ref(), i), theme.good())),
            ])
        })
        .collect();
    let header = Row::new(vec![
        "",
        "Issue",
        "You propose",
        "China's view",
        "Counter",
        "Agreed",
    ])
    .style(theme.title());
    let name_w = if area.width >= 150 {
        38
    } else if wide {
        26
    } else {
        11
    };
    let widths = [
        Constraint::Length(3),
        Constraint::Length(name_w),
        Constraint::Length(20),
        Constraint::Length(12),
        Constraint::Fill(1),
        Constraint::Fill(1),
    ];
    let title = Line::styled(
        " Agenda: your package (←→ level, Space on/off, Enter propose) ",
        theme.title(),
    );
    let block = Block::new()
        .borders(borders)
        .border_style(theme.border())
        .title(title);
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .column_spacing(1)
        .row_highlight_style(theme.selected());
    let mut state = TableState::default().with_selected(Some(app.ui.row));
    frame.render_stateful_widget(table, area, &mut state);
}
