//! The class board drawn from its model: a pure function of the rows, the selection and the
//! terminal's size, so it can be snapshotted. Below 100 columns the columns take their short
//! headings and words (never a cut-off word where a short one fits); what still does not fit
//! ends in `…`.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::engine::{Action, Outcome};
use crate::persist::names::show_dir;
use crate::persist::record::word as w;
use crate::seal::Verdict;
use crate::ui::board::model::{BoardModel, Student};
use crate::ui::theme::Theme;
use crate::ui::widgets::paint::{cut, cut_start};

/// The board's own state: the selection, the help overlay and the last message.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BoardUi {
    /// The selected row.
    pub selected: usize,
    /// Whether the key help is shown.
    pub help: bool,
    /// The last message (a report written, a save that cannot be opened) and whether it is bad.
    pub status: Option<(String, bool)>,
}

/// The longest words `move_cell` gives.
const LONGEST_MOVE: usize = 20;

/// One column: its heading, its width, and how a row fills it.
struct Column {
    head: &'static str,
    width: usize,
    right: bool,
    cell: fn(&Student, bool) -> String,
}

/// The columns for a width: short headings and words below 100 columns.
fn columns(width: usize, keyed: bool) -> (Vec<Column>, bool) {
    let narrow = width < 100;
    let c = |head: &'static str, width: usize, right: bool, cell: fn(&Student, bool) -> String| {
        Column {
            head,
            width,
            right,
            cell,
        }
    };
    let mut cols = if narrow {
        vec![
            c("Student", 12, false, name_cell),
            c("On", 3, false, online_cell),
            c("Wk", 3, true, week_cell),
            c("Last move", 0, false, move_cell),
            c("China", 11, false, answer_cell),
            c("Rung", 4, true, rung_cell),
            c("Outcome", 11, false, outcome_cell),
            c("Score", 5, true, score_cell),
        ]
    } else {
        vec![
            c("Student", 14, false, name_cell),
            c("Online", 6, false, online_cell),
            c("Week", 4, true, week_cell),
            c("Last move", 0, false, move_cell),
            c("China's last answer", 19, false, answer_cell),
            c("Restrictions", 12, false, rung_cell),
            c("Outcome", 18, false, outcome_cell),
            c("Score", 5, true, score_cell),
        ]
    };
    if keyed {
        cols.push(if narrow {
            c("Key", 5, false, key_cell)
        } else {
            c("Class key", 10, false, key_cell)
        });
    }
    // The last move takes what is left (a space between columns), up to its longest words;
    // past that, a wide screen gives longer names room.
    let fixed: usize = cols.iter().map(|c| c.width + 1).sum::<usize>();
    let left = width.saturating_sub(fixed).max(6);
    let last_move = left.min(LONGEST_MOVE);
    let extra = (left - last_move).min(16);
    for (i, col) in cols.iter_mut().enumerate() {
        if col.width == 0 {
            col.width = last_move;
        } else if i == 0 {
            col.width += extra;
        }
    }
    (cols, narrow)
}

fn name_cell(s: &Student, _: bool) -> String {
    s.name.clone()
}

fn online_cell(s: &Student, narrow: bool) -> String {
    match (s.connected, narrow) {
        (true, true) => "on".into(),
        (false, true) => "-".into(),
        (true, false) => "online".into(),
        (false, false) => "-".into(),
    }
}

fn week_cell(s: &Student, _: bool) -> String {
    if s.week == 0 {
        "-".into()
    } else {
        s.week.to_string()
    }
}

fn move_cell(s: &Student, narrow: bool) -> String {
    let Some(action) = &s.last_move else {
        return if s.file.as_os_str().is_empty() {
            "no save yet".into()
        } else {
            "no move yet".into()
        };
    };
    let (long, short) = match action {
        Action::Propose(_) => ("Proposed a package", "Proposed"),
        Action::AcceptCounter => ("Took China's counter", "Took counter"),
        Action::Threaten => ("Threatened snap-back", "Threatened"),
        Action::Goodwill => ("Goodwill gesture", "Goodwill"),
        Action::Agenda { on: true, .. } => ("Opened an issue", "Opened issue"),
        Action::Agenda { on: false, .. } => ("Took an issue off", "Closed issue"),
        Action::RequestExtension => ("Asked to extend", "Asked extension"),
        Action::Sign => ("Signed at the summit", "Signed"),
        Action::WalkAway => ("Walked away", "Walked away"),
        Action::Hold => ("Working-level talks", "Held"),
        Action::Play { .. } => ("Played a card", "Played a card"),
        Action::GrantAsk => ("Granted China's ask", "Granted ask"),
    };
    if narrow { short } else { long }.to_string()
}

fn answer_cell(s: &Student, narrow: bool) -> String {
    let Some(word) = s.answer.as_deref() else {
        return "-".into();
    };
    let (long, short) = match word {
        w::ACCEPT => ("Agreed in principle", "Agreed"),
        w::COUNTER => ("Countered", "Countered"),
        w::RESTRICT => ("Restricted minerals", "Restricted"),
        w::NOTED => ("Noted", "Noted"),
        w::EXTEND => ("Extended the truce", "Extended"),
        w::REFUSE_EXTENSION => ("Refused to extend", "No extension"),
        w::SIGN => ("Signed", "Signed"),
        w::REFUSE_SIGN => ("Refused to sign", "Won't sign"),
        _ => ("-", "-"),
    };
    if narrow { short } else { long }.to_string()
}

fn rung_cell(s: &Student, narrow: bool) -> String {
    match (s.rung, narrow) {
        _ if s.game_id.is_empty() => "-".into(),
        (0, true) => "-".into(),
        (0, false) => "none".into(),
        (r, true) => r.to_string(),
        (r, false) => format!("rung {r}"),
    }
}

fn outcome_cell(s: &Student, narrow: bool) -> String {
    let Some(outcome) = s.outcome else {
        return if s.game_id.is_empty() {
            "-".into()
        } else {
            "in play".into()
        };
    };
    if !narrow {
        return outcome.title().into();
    }
    match outcome {
        Outcome::ComprehensiveDeal => "Full deal",
        Outcome::FrameworkDeal => "Framework",
        Outcome::TruceExtended => "Extended",
        Outcome::UsWalkedAway => "US walked",
        Outcome::Escalation => "Escalation",
    }
    .into()
}

fn score_cell(s: &Student, _: bool) -> String {
    s.score.map_or_else(|| "-".into(), |v| format!("{v:.1}"))
}

fn key_cell(s: &Student, narrow: bool) -> String {
    match (s.seal, narrow) {
        (None, _) => "-".into(),
        (Some(Verdict::Verified), true) => "ok".into(),
        (Some(_), true) => "no".into(),
        (Some(Verdict::Verified), false) => "verified".into(),
        (Some(_), false) => "unverified".into(),
    }
}

/// Pads or cuts `text` to exactly `width` columns.
fn fit(text: &str, width: usize, right: bool) -> String {
    let text = cut(text, width);
    let pad = width.saturating_sub(text.width());
    if right {
        format!("{}{text}", " ".repeat(pad))
    } else {
        format!("{text}{}", " ".repeat(pad))
    }
}

/// One line of cells.
fn row_text(cols: &[Column], cells: impl Iterator<Item = String>) -> String {
    cols.iter()
        .zip(cells)
        .map(|(c, text)| fit(&text, c.width, c.right))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The heading: the folder (cut from its start when long), then the counts and the order.
fn heading(model: &BoardModel, theme: Theme, width: usize) -> Vec<Line<'static>> {
    let rows = &model.rows;
    let games = rows.iter().filter(|r| !r.game_id.is_empty()).count();
    let online = rows.iter().filter(|r| r.connected).count();
    let done = rows.iter().filter(|r| r.outcome.is_some()).count();
    let mut facts = format!(
        "{games} game(s), {done} finished, {online} online · sorted by {}",
        model.sort.label()
    );
    if model.keyed() {
        facts.push_str(" · class key on");
    }
    let title = "Class board  ";
    let folder = cut_start(&show_dir(model.folder()), width.saturating_sub(title.len()));
    vec![
        Line::from(vec![
            Span::styled(title, theme.title()),
            Span::styled(folder, theme.text()),
        ]),
        Line::styled(cut(&facts, width), theme.dim()),
    ]
}

/// A row's text: its cells, or for a file that is no readable save its name and why, the
/// reason taking the rest of the line.
fn row_line(cols: &[Column], s: &Student, narrow: bool, selected: bool) -> String {
    let mark = if selected { "› " } else { "  " };
    let Some(problem) = &s.problem else {
        return format!(
            "{mark}{}",
            row_text(cols, cols.iter().map(|c| (c.cell)(s, narrow)))
        );
    };
    let lead = cols.iter().take(3);
    let used: usize = lead.clone().map(|c| c.width + 1).sum();
    let rest: usize = cols.iter().map(|c| c.width + 1).sum::<usize>() - used;
    let cells = lead.map(|c| fit(&(c.cell)(s, narrow), c.width, c.right));
    let why = fit(
        &format!("cannot be read: {problem}"),
        rest.saturating_sub(1),
        false,
    );
    format!("{mark}{} {why}", cells.collect::<Vec<_>>().join(" "))
}

/// Draws the board in `area`.
pub fn draw(frame: &mut Frame, area: Rect, model: &BoardModel, ui: &BoardUi, theme: Theme) {
    let [head, table, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let width = usize::from(table.width);
    frame.render_widget(Paragraph::new(heading(model, theme, width)), head);
    // Two columns for the selection mark.
    let (cols, narrow) = columns(width.saturating_sub(2), model.keyed());
    let mut lines = vec![Line::styled(
        format!(
            "  {}",
            row_text(&cols, cols.iter().map(|c| c.head.to_string()))
        ),
        theme.title(),
    )];
    if let Some(problem) = &model.problem {
        lines.push(Line::styled(problem.clone(), theme.bad()));
    } else if model.rows.is_empty() {
        lines.push(Line::styled(
            "No saves in this folder yet: rows appear as students' games autosave.",
            theme.dim(),
        ));
    }
    // Scrolled so the selected row is always on screen.
    let room = usize::from(table.height).saturating_sub(1).max(1);
    let first = ui.selected.saturating_sub(room - 1);
    for (i, s) in model.rows.iter().enumerate().skip(first).take(room) {
        let text = row_line(&cols, s, narrow, i == ui.selected);
        let style = if i == ui.selected {
            theme.selected()
        } else if s.problem.is_some() || s.seal.is_some_and(|v| !v.verified()) {
            theme.warn()
        } else if s.connected {
            theme.text()
        } else {
            theme.dim()
        };
        lines.push(Line::styled(text, style));
    }
    if model.capped {
        lines.push(Line::styled(
            format!(
                "(only the first {} files are shown)",
                super::model::MAX_FILES
            ),
            theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), table);
    frame.render_widget(Paragraph::new(footer(ui, theme, narrow)), foot);
    if ui.help {
        help(frame, area, theme);
    }
}

/// The footer: the last message, else the keys.
fn footer(ui: &BoardUi, theme: Theme, narrow: bool) -> Line<'static> {
    if let Some((text, bad)) = &ui.status {
        let style: Style = if *bad { theme.bad() } else { theme.good() };
        return Line::styled(text.clone(), style);
    }
    let keys: &[(&str, &str)] = if narrow {
        &[
            ("↑↓", "choose"),
            ("Enter", "review"),
            ("r", "report"),
            ("s", "sort"),
            ("?", "help"),
            ("q", "quit"),
        ]
    } else {
        &[
            ("↑↓", "choose a student"),
            ("Enter", "review the game"),
            ("r", "write the class report"),
            ("s", "sort"),
            ("?", "help"),
            ("q", "quit"),
        ]
    };
    let mut spans = Vec::new();
    for (key, what) in keys {
        spans.push(Span::styled(key.to_string(), theme.key()));
        spans.push(Span::styled(format!(" {what}  "), theme.dim()));
    }
    Line::from(spans)
}

/// The key help, over the board.
fn help(frame: &mut Frame, area: Rect, theme: Theme) {
    let text = vec![
        Line::styled("The class board", theme.title()),
        Line::raw(""),
        Line::raw("One row per game in the folder, refreshed every second as autosaves land."),
        Line::raw(""),
        Line::raw("↑ ↓ / k j   choose a student"),
        Line::raw("Enter       review the student's game, week by week (Esc comes back)"),
        Line::raw("r           write class-report.md and class-report.csv in the folder"),
        Line::raw("s           sort: standing, name, last saved"),
        Line::raw("?           this help (any key closes it)"),
        Line::raw("q           quit"),
        Line::raw(""),
        Line::raw("Standing: finished games by overall score, then games in play by week."),
        Line::raw("Rung: China's mineral restrictions in force (0 or - is none)."),
        Line::raw("Class key: verified when the save is sealed by the class's own games."),
    ];
    let width = area.width.min(78);
    let height = area
        .height
        .min(u16::try_from(text.len() + 2).unwrap_or(u16::MAX));
    let x = area.x + (area.width - width) / 2;
    let y = area.y + (area.height - height) / 2;
    let rect = Rect::new(x, y, width, height);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: false }).block(
            Block::new()
                .borders(Borders::ALL)
                .border_style(theme.border()),
        ),
        rect,
    );
}
