//! The save prompt: a name (a suggestion the first key typed replaces), the folder, the file
//! it becomes, and why the last attempt failed.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::ui::App;
use crate::ui::saving::{Field, file_name};
use crate::ui::widgets::paint::cut_start;
use crate::ui::widgets::popup;

/// Width of the field labels.
const LABEL: usize = 8;

/// Draws the prompt over the game.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme;
    let Some(p) = &app.ui.prompt else { return };
    // Three fields, a blank line and a hint; an error adds a blank line and its wrapped text.
    let error_lines = p.error.as_ref().map_or(0, |e| {
        let room = usize::from(area.width.min(72).saturating_sub(4)).max(1);
        u16::try_from(2 + (e.chars().count() + 2).div_ceil(room)).unwrap_or(4)
    });
    let rect = popup::centered(area, 72, 7 + error_lines);
    let inner = popup::window(
        frame,
        rect,
        "Save the game  (Enter save, Tab name/folder, Esc cancel)",
        theme,
    );
    let inner = inner.inner(Margin::new(1, 0));
    let room = usize::from(inner.width).saturating_sub(LABEL + 2).max(1);
    let field = |label: &str, text: &str, active: bool| {
        let marker = if active { "▶ " } else { "  " };
        let mut spans = vec![
            Span::styled(marker, theme.key()),
            Span::styled(format!("{label:<w$}", w = LABEL - 1), theme.title()),
        ];
        if active {
            // The suggestion is shown selected: typing replaces it, Backspace edits it.
            let style = if p.fresh {
                theme.selected()
            } else {
                theme.text()
            };
            spans.push(Span::styled(cut_start(text, room.saturating_sub(1)), style));
            spans.push(Span::styled("█", theme.key()));
        } else {
            spans.push(Span::styled(cut_start(text, room), theme.text()));
        }
        Line::from(spans)
    };
    let folder = if p.folder.is_empty() && p.field != Field::Folder {
        "(none: Tab, then type one)"
    } else {
        p.folder.as_str()
    };
    let mut lines = vec![
        field("Name", &p.name, p.field == Field::Name),
        field("Folder", folder, p.field == Field::Folder),
        Line::from(vec![
            Span::styled(format!("  {:<w$}", "File", w = LABEL - 1), theme.dim()),
            Span::styled(cut_start(&file_name(&p.name), room), theme.dim()),
        ]),
        Line::raw(""),
    ];
    let hint = match (p.field, p.fresh) {
        (Field::Name, true) => {
            "Enter saves under this name. Type to replace it, Backspace to edit."
        }
        (Field::Name, false) => {
            "The name shows in the list of saves (o). Saving takes no game time."
        }
        (Field::Folder, true) => {
            "Type a folder to replace this one, Backspace to edit (~ is home)."
        }
        (Field::Folder, false) => "Saves and autosaves go in this folder from now on (~ is home).",
    };
    lines.push(Line::styled(hint, theme.dim()));
    if let Some(error) = &p.error {
        lines.push(Line::raw(""));
        lines.push(Line::from(vec![
            Span::styled("✗ ", theme.bad()),
            Span::styled(error.clone(), theme.bad()),
        ]));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
