//! The title screen and scenario picker, with the seed a class shares.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

use crate::ui::App;
use crate::ui::app::{Drawn, Target};
use crate::ui::screens::body_and_footer;
use crate::ui::widgets::footer;

const LOGO: [&str; 5] = [
    "▀█▀ █▀█ █ █ █▀▀ █▀▀",
    " █  █▀▄ █ █ █   █▀▀",
    " ▀  ▀ ▀ ▀▀▀ ▀▀▀ ▀▀▀",
    "",
    "A war-game of the 2025 US–China trade talks",
];

/// What each built-in scenario teaches, for the picker (a scenario loaded from a file shows
/// its tagline only).
pub fn teaches(name: &str) -> Option<&'static str> {
    match name {
        "autumn-2025" => Some(
            "Teaches: purchases against structure, balance, and a deadline; a deal is signed only at the leaders' summit.",
        ),
        "phase-one-2019" => Some(
            "Teaches: how a purchase deal is bought, what it costs in structure, and why it may not last.",
        ),
        "rare-earth-shock" => Some(
            "Teaches: escalation as leverage: cards in force are bargaining chips a deal can suspend.",
        ),
        _ => None,
    }
}

/// Draws the title and picker.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, out: &mut Drawn) {
    let theme = app.theme;
    let (body, foot) = body_and_footer(area);
    let inner = body.centered_horizontally(Constraint::Max(100));
    let w = inner.width;
    // Tall terminals get the logo with room around it; short ones the logo alone.
    let roomy = inner.height >= 30;
    let pinned = app.classroom.pinned();
    let heading = if pinned {
        "Your class's scenario"
    } else {
        "Choose a scenario"
    };
    let mut lines = vec![Line::styled(heading, theme.title()), Line::raw("")];
    // Each scenario's lines in `lines`: (scenario, first, end).
    let mut picks = Vec::new();
    for (i, s) in app.scenarios.iter().enumerate() {
        // A served class plays its own scenario: the others are not offered.
        if pinned && i != app.ui.picked {
            continue;
        }
        let first = lines.len();
        let picked = i == app.ui.picked;
        let marker = if picked { "▶ " } else { "  " };
        let style = if picked {
            theme.selected()
        } else {
            theme.text()
        };
        lines.push(Line::from(vec![
            Span::styled(marker, theme.key()),
            Span::styled(s.title.clone(), style),
            Span::styled(format!("  ({})", s.name), theme.dim()),
        ]));
        lines.push(Line::from(format!("    {}", s.tagline)));
        picks.push((i, first, lines.len()));
        if roomy {
            lines.push(Line::raw(""));
        }
    }
    if let Some(t) = app.scenario().and_then(|s| teaches(&s.name)) {
        if !roomy {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(t, theme.dim()));
    }
    let list = Paragraph::new(Text::from(lines.clone())).wrap(Wrap { trim: false });
    let list_h = u16::try_from(list.line_count(w)).unwrap_or(u16::MAX);

    let seed = app.ui.seed;
    let cursor = if app.newcomer.seed_typing { "▏" } else { "" };
    let seed_lines = vec![
        Line::from(vec![
            Span::styled("Seed ", theme.title()),
            Span::styled(format!("{seed}{cursor}"), theme.key()),
            Span::styled(player_note(app), theme.dim()),
        ]),
        Line::raw(if app.classroom.pinned() {
            "Your class plays this scenario with this seed: everyone faces the same game."
                .to_string()
        } else {
            format!(
                "The same scenario and seed give the same game: a class can all play `truce play --seed {seed}`."
            )
        }),
        Line::styled(
            if app.classroom.pinned() {
                "Enter reads the briefing."
            } else {
                "Enter reads the briefing; digits typed here make another seed."
            },
            theme.dim(),
        ),
    ];
    let seed_p = Paragraph::new(seed_lines).wrap(Wrap { trim: false });
    let seed_h = u16::try_from(seed_p.line_count(w)).unwrap_or(u16::MAX);
    let logo_h = if roomy { 7 } else { 5 };
    let gap = u16::from(inner.height > logo_h + list_h + seed_h);
    let [logo_a, list_a, _, seed_a] = Layout::vertical([
        Constraint::Length(logo_h),
        Constraint::Length(list_h),
        Constraint::Length(gap),
        Constraint::Length(seed_h),
    ])
    .flex(Flex::Center)
    .areas(inner);
    let logo: Vec<Line> = LOGO
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let style = if i < 3 { theme.title() } else { theme.text() };
            Line::styled(*l, style).centered()
        })
        .collect();
    let logo_a = if roomy {
        logo_a.inner(ratatui::layout::Margin::new(0, 1))
    } else {
        logo_a
    };
    frame.render_widget(Paragraph::new(logo), logo_a);
    pick_hits(&lines, &picks, list_a, out);
    frame.render_widget(list, list_a);
    frame.render_widget(seed_p, seed_a);
    footer::draw(frame, foot, &super::footer_view(app), out);
}

/// A scenario's title and tagline are a hit area: a click picks it, a second reads its
/// briefing. `picks` holds each scenario's lines in `lines` (scenario, first, end); rows are
/// counted as the list in `area` wraps them.
fn pick_hits(lines: &[Line], picks: &[(usize, usize, usize)], area: Rect, out: &mut Drawn) {
    let rows_of = |l: &Line| {
        let p = Paragraph::new(l.clone()).wrap(Wrap { trim: false });
        u16::try_from(p.line_count(area.width)).unwrap_or(1)
    };
    for &(i, first, end) in picks {
        let y: u16 = lines[..first].iter().map(rows_of).sum();
        let height: u16 = lines[first..end].iter().map(rows_of).sum();
        let rows = Rect {
            y: area.y.saturating_add(y),
            height,
            ..area
        }
        .intersection(area);
        out.hit(rows, Target::Pick(i));
    }
}

/// Who plays, and whether in class mode, after the seed: "  · Ana · class mode".
fn player_note(app: &App) -> String {
    let mut note = String::new();
    if let Some(p) = &app.classroom.player {
        note.push_str(&format!("  · playing as {p}"));
    }
    if app.classroom.class {
        note.push_str("  · class mode");
    }
    note
}
