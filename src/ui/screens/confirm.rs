//! Yes/no questions: quitting, and actions that end the game.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::ui::App;
use crate::ui::app::{Confirm, Drawn, Target};
use crate::ui::keymap::Cmd;
use crate::ui::widgets::popup;

/// Draws the question.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, what: Confirm, out: &mut Drawn) {
    let theme = app.theme;
    let (title, question, detail) = match what {
        // Class mode has no list of saves (`o` is off): it resumes by scenario and seed.
        Confirm::Quit if app.classroom.class && app.unsaved && app.autosaved => (
            "Quit?",
            "Quit Truce?".to_string(),
            "Your autosave has your moves: start the same scenario and seed again and the game picks up where you left it.".to_string(),
        ),
        Confirm::Quit => ("Quit?", "Quit Truce?".to_string(), app.quit_note()),
        Confirm::Overwrite => (
            "Replace a save?",
            format!(
                "Replace {}?",
                app.ui
                    .prompt
                    .as_ref()
                    .map_or_else(String::new, |p| crate::ui::saving::file_name(&p.name))
            ),
            format!(
                "It holds {}. No keeps it: change the name or folder.",
                app.ui
                    .prompt
                    .as_ref()
                    .and_then(|p| p.replacing.clone())
                    .unwrap_or_else(|| "another save".into())
            ),
        ),
        Confirm::Abandon => (
            "Leave this game?",
            "Leave the game in progress?".to_string(),
            format!(
                "{} To save first: n, Esc, then s.",
                if app.autosaved {
                    "Moves since your last save are kept only in its autosave."
                } else {
                    "Moves since your last save will be lost."
                }
            ),
        ),
        Confirm::Elsewhere => {
            let e = app.guard.elsewhere.as_ref();
            (
                "Open elsewhere",
                "Review it read-only instead?".to_string(),
                format!(
                    "This game is open in another terminal ({}): playing it here too would \
                     overwrite its moves. No {}.",
                    e.map_or("", |e| e.holder.as_str()),
                    if e.is_some_and(|e| e.from_list) {
                        "goes back to the list"
                    } else {
                        "quits"
                    }
                ),
            )
        }
        Confirm::Refused => (
            "Your game",
            app.guard.refused.clone().unwrap_or_default(),
            "Your game was not restarted either: your instructor can look at the save folder."
                .to_string(),
        ),
        Confirm::Act(item) => (
            "Are you sure?",
            format!(
                "{}?",
                app.game.as_ref().map_or(String::new(), |g| item.label(g))
            ),
            match (&app.game, item) {
                (_, crate::ui::menu::MenuItem::Hold) => "The summit is this week: holding lets it pass without a signing, and nothing can be signed after it.".to_string(),
                (Some(g), _) => item.stake(g),
                (None, _) => item.hint().to_string(),
            },
        ),
    };
    let answer = if what == Confirm::Refused {
        Line::from(vec![Span::styled("Esc", theme.key()), Span::raw(" close")])
    } else {
        Line::from(vec![
            Span::styled("y", theme.key()),
            Span::raw(" yes    "),
            Span::styled("n", theme.key()),
            Span::raw("/"),
            Span::styled("Esc", theme.key()),
            Span::raw(" no"),
        ])
    };
    let lines = vec![
        Line::styled(question, theme.title()),
        Line::raw(detail),
        Line::raw(""),
        answer,
    ];
    let text = Paragraph::new(lines).wrap(Wrap { trim: true });
    // Tall enough for the question as it wraps, so the y/n line is never cut off: the borders
    // and the margin take four columns.
    let width = area.width.min(64);
    let needed = u16::try_from(text.line_count(width.saturating_sub(4))).unwrap_or(u16::MAX);
    let rect = popup::centered(area, width, needed.saturating_add(2).max(8));
    let inner = popup::window(frame, rect, title, theme);
    let body = inner.inner(Margin::new(1, 0));
    frame.render_widget(text, body);
    buttons(out, rect, body, needed, what);
}

/// The answers on the window's last line are buttons: "y yes" and "n/Esc no" (or "Esc
/// close"); the rest of the window stops a click.
fn buttons(out: &mut Drawn, rect: Rect, body: Rect, needed: u16, what: Confirm) {
    out.hit(rect, Target::Window);
    let y = body.y + needed.saturating_sub(1);
    if y < body.bottom() {
        let button = |x: u16, width: u16| {
            Rect {
                x: body.x + x,
                y,
                width,
                height: 1,
            }
            .intersection(body)
        };
        if what == Confirm::Refused {
            out.hit(button(0, 9), Target::Cmd(Cmd::No));
        } else {
            out.hit(button(0, 5), Target::Cmd(Cmd::Yes));
            out.hit(button(9, 8), Target::Cmd(Cmd::No));
        }
    }
}
