//! The footer: the keys that work right now, from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::ui::app::{Drawn, Message, Target, Tone};
use crate::ui::keymap::Cmd;
use crate::ui::theme::Theme;
use crate::ui::widgets::paint::{self, cut};

/// Which keys to keep when the footer is short of room (lower is kept first). The agenda's
/// own title repeats the keys for building a package, so those go first.
fn rank(cmd: Cmd) -> u8 {
    match cmd {
        Cmd::Help | Cmd::Quit | Cmd::Yes | Cmd::No => 0,
        Cmd::PromptAccept | Cmd::PromptCancel | Cmd::LoadOpen | Cmd::LoadBack => 0,
        Cmd::Menu | Cmd::Why | Cmd::Close | Cmd::MenuChoose => 1,
        // Shown only where they work (the instructor's key only with --instructor).
        Cmd::Dance | Cmd::Instructor => 1,
        Cmd::PromptSwitch | Cmd::LoadDown => 1,
        Cmd::TakeCounter | Cmd::NextPanel | Cmd::Begin | Cmd::Continue => 2,
        Cmd::Save | Cmd::Load | Cmd::PromptErase => 4,
        Cmd::Propose => 3,
        Cmd::Toggle => 4,
        _ => 5,
    }
}

/// What the footer shows: the enabled keys (command, keys, short words) in keymap order and
/// the status note, if any.
pub struct View<'a> {
    /// The keys that work right now.
    pub entries: Vec<(Cmd, String, &'static str)>,
    /// A save done, an autosave failed.
    pub status: Option<&'a Message>,
    /// The colours.
    pub theme: Theme,
}

/// Draws the status note (a save done, an autosave failed), then as many of the enabled keys
/// as fit, most useful first, in keymap order. Each key shown is a button: a click on it gives
/// its command.
pub fn draw(frame: &mut Frame, area: Rect, view: &View, out: &mut Drawn) {
    let theme = view.theme;
    let entries = &view.entries;
    let width = |k: &str, s: &str| k.chars().count() + s.chars().count() + 3;
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by_key(|&i| rank(entries[i].0));
    let mut budget = usize::from(area.width);
    let mut spans = Vec::new();
    let mut x = area.x;
    if let Some(note) = view.status {
        // At most half the line, so the keys that matter most still show.
        let (mark, style) = match note.tone {
            Tone::Good => ("✓", theme.good()),
            Tone::Info => ("•", theme.text()),
            Tone::Bad | Tone::Error => ("!", theme.bad()),
        };
        let text = cut(&format!(" {mark} {} ", note.text), budget / 2);
        budget = budget.saturating_sub(text.chars().count() + 1);
        x = x.saturating_add(paint::width(&text) + 1);
        spans.push(Span::styled(text, style));
        spans.push(Span::styled("│", theme.border()));
    }
    let mut keep = vec![false; entries.len()];
    for i in order {
        let (_, k, s) = &entries[i];
        let w = width(k, s);
        if w <= budget {
            budget -= w;
            keep[i] = true;
        }
    }
    for (i, (cmd, keys, short)) in entries.iter().enumerate() {
        if keep[i] {
            let key = format!(" {keys}");
            let words = format!(" {short} ");
            let w = paint::width(&key) + paint::width(&words);
            let button = Rect {
                x,
                width: w.min(area.right().saturating_sub(x)),
                height: 1,
                ..area
            };
            out.hit(button, Target::Cmd(*cmd));
            x = x.saturating_add(w);
            spans.push(Span::styled(key, theme.key()));
            spans.push(Span::styled(words, theme.text()));
        }
    }
    frame.render_widget(Line::from(spans), area);
}
