//! The Load screen: the saves in the save folder, newest first, with name, scenario, week,
//! when saved and how the game stands; broken files are listed with the reason in one line.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::ui::App;
use crate::ui::app::Tone;
use crate::ui::app::{Drawn, Target};
use crate::ui::saving::{SaveList, SaveRow, show_dir, stamp};
use crate::ui::screens::body_and_footer;
use crate::ui::screens::negotiation::panel_block;
use crate::ui::theme::Theme;
use crate::ui::widgets::footer;
use crate::ui::widgets::paint::cut;

/// Columns after the name: scenario, week, saved, outcome (widths, separated by a space).
const SCENARIO: usize = 12;
const SEED: usize = 6;
const WEEK: usize = 4;
const SAVED: usize = 16;
/// The saved stamp without its year ("10-30 12:05"), where the name needs the room.
const SAVED_SHORT: usize = 11;
const OUTCOME: usize = 18;

/// Draws the list and the selected save's details.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, out: &mut Drawn) {
    let theme = app.theme;
    let list = &app.ui.saves;
    let (body, foot) = body_and_footer(area);
    let body = body.inner(Margin::new(1, 0));
    let [head, table, detail] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(6),
    ])
    .areas(body);
    let folder = list
        .dir
        .as_deref()
        .map_or_else(|| "(no save folder)".to_string(), show_dir);
    let count = match list.rows.len() {
        _ if list.problem.is_some() => String::new(),
        0 => String::new(),
        1 => " (1 file, newest first)".to_string(),
        n => format!(" ({n} files, newest first)"),
    };
    let title = Line::from(vec![
        Span::styled("Saved games", theme.title()),
        Span::styled(format!("  in {folder}{count}"), theme.dim()),
    ]);
    frame.render_widget(Paragraph::new(title).wrap(Wrap { trim: false }), head);
    if let Some(problem) = &list.problem {
        message(frame, table, theme, problem);
    } else if list.rows.is_empty() {
        let text = "No saved games here yet.\n\nPress s during a game to save it under a name; \
             the game also autosaves after every move. Esc goes back."
            .to_string();
        message(frame, table, theme, &text);
    } else {
        rows(frame, table, theme, list, out);
    }
    if !list.rows.is_empty() {
        details(frame, detail, theme, list);
    }
    footer::draw(frame, foot, &super::footer_view(app), out);
}

fn message(frame: &mut Frame, area: Rect, theme: Theme, text: &str) {
    frame.render_widget(
        Paragraph::new(text.to_string())
            .style(theme.text())
            .wrap(Wrap { trim: false })
            .block(ratatui::widgets::Block::new().padding(ratatui::widgets::Padding::top(1))),
        area,
    );
}

/// Pads or cuts `text` to exactly `width` columns, the last one always a space; a cut name
/// ends at a word, with `…`.
fn cell(text: &str, width: usize) -> String {
    let w = u16::try_from(width.saturating_sub(1)).unwrap_or(u16::MAX);
    let cut = crate::ui::widgets::paint::fit(text, w);
    let used = unicode_width::UnicodeWidthStr::width(&*cut);
    format!("{cut}{}", " ".repeat(width.saturating_sub(used)))
}

/// The seed a save's game id names (`<scenario>-<seed>-<stamp>`, a class game's with the
/// player in front), for the list: a dozen games of one scenario differ by it.
fn seed_of(game_id: &str) -> Option<u64> {
    game_id.rsplit('-').nth(1)?.parse().ok()
}

/// The list, the selected save kept in view; each row is a hit area that selects it (and, once
/// selected, opens it).
fn rows(frame: &mut Frame, area: Rect, theme: Theme, list: &SaveList, out: &mut Drawn) {
    let fixed = |saved| 2 + SCENARIO + 1 + SEED + 1 + WEEK + 1 + saved + 1 + OUTCOME + 1;
    // The year goes from the saved stamp where the name would be cut to fewer than 24 cells.
    let saved = if usize::from(area.width).saturating_sub(fixed(SAVED)) < 24 {
        SAVED_SHORT
    } else {
        SAVED
    };
    // Wide terminals get a wide name column, but not so wide the eye loses the row.
    let name_w = usize::from(area.width)
        .saturating_sub(fixed(saved))
        .clamp(8, 50);
    let header = format!(
        "  {}{}{}{}{}{}",
        cell("Name", name_w + 1),
        cell("Scenario", SCENARIO + 1),
        cell("Seed", SEED + 1),
        cell("Week", WEEK + 1),
        cell("Saved (UTC)", saved + 1),
        "Outcome"
    );
    let visible = usize::from(area.height.saturating_sub(1)).max(1);
    // Keep the selected row in view.
    let first = list.selected.saturating_sub(visible - 1);
    let mut lines = vec![Line::styled(header, theme.dim())];
    let rest = usize::from(area.width).saturating_sub(2 + name_w + 1);
    for (k, (i, row)) in list
        .rows
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .enumerate()
    {
        lines.push(line(row, i == list.selected, (name_w, saved), rest, theme));
        let y = area.y + 1 + u16::try_from(k).unwrap_or(u16::MAX);
        out.hit(
            Rect {
                y,
                height: 1,
                ..area
            },
            Target::Save(i),
        );
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn line(
    row: &SaveRow,
    selected: bool,
    (name_w, saved): (usize, usize),
    rest: usize,
    theme: Theme,
) -> Line<'static> {
    let marker = Span::styled(if selected { "▶ " } else { "  " }, theme.key());
    let style = if selected {
        theme.selected()
    } else {
        theme.text()
    };
    match &row.save {
        Ok(s) => {
            let name = if s.autosave {
                format!("autosave: {}", s.name)
            } else {
                s.name.clone()
            };
            let seed = seed_of(&s.game_id).map_or_else(String::new, |n| n.to_string());
            let when = stamp(&s.saved_at);
            // "2025-10-30 12:05" without its year where room is short.
            let when = if saved < SAVED && when.len() == SAVED {
                when.get(5..).unwrap_or(&when).to_string()
            } else {
                when
            };
            let text = format!(
                "{}{}{}{}{}{}",
                cell(&name, name_w + 1),
                // A custom scenario is marked where the name starts, so a cut never hides it.
                cell(&scenario_label(s.custom, &s.scenario), SCENARIO + 1),
                cell(&format!("{seed:>w$}", w = SEED), SEED + 1),
                cell(&format!("{:>w$}", s.week, w = WEEK), WEEK + 1),
                cell(&when, saved + 1),
                s.status()
            );
            Line::from(vec![marker, Span::styled(text, style)])
        }
        Err(why) => {
            let bad = if selected { style } else { theme.warn() };
            let text = format!(
                "{}{}",
                cell(&row.file, name_w + 1),
                cut(&format!("broken: {why}"), rest)
            );
            Line::from(vec![marker, Span::styled(text, bad)])
        }
    }
}

/// The scenario column: a custom scenario (whatever its name) gets a leading `*`.
fn scenario_label(custom: bool, name: &str) -> String {
    if custom {
        format!("*{name}")
    } else {
        name.to_string()
    }
}

fn details(frame: &mut Frame, area: Rect, theme: Theme, list: &SaveList) {
    let block = panel_block(theme, " Selected ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = Vec::new();
    match list.rows.get(list.selected) {
        Some(row) => match &row.save {
            Ok(s) => {
                lines.push(Line::from(vec![
                    Span::styled(s.name.clone(), theme.title()),
                    Span::styled(format!("  {}", row.file), theme.dim()),
                ]));
                let kind = if s.autosave {
                    "autosave after the last move"
                } else {
                    "saved by hand"
                };
                let turns = if s.turns == 1 { "turn" } else { "turns" };
                let scenario = if s.custom {
                    format!("{} (custom scenario carried in the save)", s.scenario)
                } else {
                    s.scenario.clone()
                };
                let seed = seed_of(&s.game_id).map_or_else(String::new, |n| format!(" · seed {n}"));
                lines.push(Line::raw(format!(
                    "{}{seed} · week {} · {} {turns} · {} · {kind}",
                    scenario,
                    s.week,
                    s.turns,
                    s.status()
                )));
            }
            Err(why) => {
                lines.push(Line::styled(row.file.clone(), theme.title()));
                lines.push(Line::styled(
                    format!("Cannot be opened: {why}"),
                    theme.warn(),
                ));
            }
        },
        None => lines.push(Line::styled("Nothing to open.", theme.dim())),
    }
    if let Some(note) = &list.note {
        let (mark, style) = match note.tone {
            Tone::Error | Tone::Bad => ("✗ ", theme.bad()),
            Tone::Good => ("✓ ", theme.good()),
            Tone::Info => ("• ", theme.text()),
        };
        lines.push(Line::from(vec![
            Span::styled(mark, style),
            Span::styled(note.text.clone(), style),
        ]));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
