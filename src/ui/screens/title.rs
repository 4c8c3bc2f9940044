//! The title screen and scenario picker, with the seed a class shares.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Paragraph, Wrap};

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

/// Draws the title and picker.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, out: &mut Drawn) {
    let theme = app.theme;
    let (body, foot) = body_and_footer(area);
    let inner = body.centered_horizontally(Constraint::Max(100));
    let listed = u16::try_from(app.scenarios.len()).unwrap_or(1);
    let [logo_a, list_a, seed_a] = Layout::vertical([
        Constraint::Length(7),
        Constraint::Length(2 + 4 * listed),
        Constraint::Length(4),
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
    frame.render_widget(
        Paragraph::new(logo),
        logo_a.inner(ratatui::layout::Margin::new(0, 1)),
    );

    let mut lines = vec![
        Line::styled("Choose a scenario", theme.title()),
        Line::raw(""),
    ];
    for (i, s) in app.scenarios.iter().enumerate() {
        // Its title and tagline are a hit area: a click picks it, a second reads its briefing.
        let y = list_a
            .y
            .saturating_add(2 + 3 * u16::try_from(i).unwrap_or(u16::MAX));
        let rows = Rect {
            y,
            height: 2,
            ..list_a
        }
        .intersection(list_a);
        out.hit(rows, Target::Pick(i));
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
        lines.push(Line::raw(""));
    }
    let list = Paragraph::new(Text::from(lines))
        .wrap(Wrap { trim: false })
        .block(Block::new());
    frame.render_widget(list, list_a);

    let seed = app.ui.seed;
    let seed_lines = vec![
        Line::from(vec![
            Span::styled("Seed ", theme.title()),
            Span::styled(seed.to_string(), theme.key()),
            Span::styled(player_note(app), theme.dim()),
        ]),
        Line::raw(format!(
            "The same scenario and seed give the same game: a class can all play `truce play --seed {seed}`."
        )),
        Line::styled("Enter reads the briefing.", theme.dim()),
    ];
    frame.render_widget(
        Paragraph::new(seed_lines).wrap(Wrap { trim: false }),
        seed_a,
    );
    footer::draw(frame, foot, app, out);
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
