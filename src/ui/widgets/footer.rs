//! The footer: the keys that work right now, from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::ui::App;
use crate::ui::keymap::{self, Cmd};

/// Which keys to keep when the footer is short of room (lower is kept first). The agenda's
/// own title repeats the keys for building a package, so those go first.
fn rank(cmd: Cmd) -> u8 {
    match cmd {
        Cmd::Help | Cmd::Quit | Cmd::Yes | Cmd::No => 0,
        Cmd::Menu | Cmd::Why | Cmd::Close | Cmd::MenuChoose => 1,
        Cmd::TakeCounter | Cmd::NextPanel | Cmd::Begin | Cmd::Continue => 2,
        Cmd::Propose => 3,
        Cmd::Toggle => 4,
        _ => 5,
    }
}

/// Draws as many of the enabled keys as fit, most useful first, in keymap order.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme;
    let entries = keymap::footer(app);
    let width = |k: &str, s: &str| k.chars().count() + s.chars().count() + 3;
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by_key(|&i| rank(entries[i].0));
    let mut budget = usize::from(area.width);
    let mut keep = vec![false; entries.len()];
    for i in order {
        let (_, k, s) = &entries[i];
        let w = width(k, s);
        if w <= budget {
            budget -= w;
            keep[i] = true;
        }
    }
    let mut spans = Vec::new();
    for (i, (_, keys, short)) in entries.iter().enumerate() {
        if keep[i] {
            spans.push(Span::styled(format!(" {keys}"), theme.key()));
            spans.push(Span::styled(format!(" {short} "), theme.text()));
        }
    }
    frame.render_widget(Line::from(spans), area);
}
