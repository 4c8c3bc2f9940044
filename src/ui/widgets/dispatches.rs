//! The dispatches log, newest first, scrollable. Drawn straight into the buffer: only the
//! entries on screen are wrapped, and the total line count (for scrolling) is counted once per
//! change of the log or the width.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use crate::engine::{Dispatch, Game, Source};
use crate::report::dispatch_text;
use crate::scenario::Scenario;
use crate::ui::app::Drawn;
use crate::ui::theme::Theme;
use crate::ui::widgets::paint;

/// Width of the "W2  China " prefix.
const PREFIX: usize = 10;

fn who(d: &Dispatch, theme: Theme) -> (&'static str, Style) {
    match d.source {
        Source::Us => ("US", theme.us()),
        Source::China => ("China", theme.china()),
        Source::Event => ("News", theme.warn()),
        Source::Clock => ("Clock", theme.dim()),
    }
}

/// An entry as one line of text: "W2  News  …".
fn entry(s: &Scenario, d: &Dispatch, theme: Theme) -> String {
    let (who, _) = who(d, theme);
    format!("W{:<2} {who:<5} {}", d.week, dispatch_text(s, d))
}

/// Draws the log into `area` (inside its border), scrolled `scroll` lines back from the newest.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    game: &Game,
    scroll: u16,
    theme: Theme,
    out: &mut Drawn,
) {
    if area.is_empty() {
        out.log_max = 0;
        return;
    }
    let log = &game.state.log;
    // The log changes only when a move is made: count its wrapped lines once per change.
    let key = (log.len(), area.width);
    let (cached, total) = out.log_lines;
    let total = if cached == key {
        total
    } else {
        let n: usize = log
            .iter()
            .map(|d| {
                paint::wrap(&entry(&game.scenario, d, theme), area.width)
                    .len()
                    .max(1)
            })
            .sum();
        let total = u16::try_from(n).unwrap_or(u16::MAX);
        out.log_lines = (key, total);
        total
    };
    let max = total.saturating_sub(area.height);
    let scroll = scroll.min(max);
    out.log_max = max;
    let buf = frame.buffer_mut();
    let end = area.right();
    let mut skip = usize::from(scroll);
    let mut y = area.y;
    'entries: for d in log.iter().rev() {
        let text = entry(&game.scenario, d, theme);
        let lines = paint::wrap(&text, area.width);
        if skip >= lines.len().max(1) {
            skip -= lines.len().max(1);
            continue;
        }
        for (k, line) in lines.iter().enumerate().skip(skip) {
            if y >= area.bottom() {
                break 'entries;
            }
            if k == 0 && line.len() >= PREFIX && line.is_char_boundary(PREFIX) {
                let (week, rest) = line.split_at(4);
                let (name, rest) = rest.split_at(PREFIX - 4);
                let x = paint::put(buf, area.x, y, end, week, theme.dim());
                let x = paint::put(buf, x, y, end, name, who(d, theme).1);
                paint::put(buf, x, y, end, rest, theme.text());
            } else {
                paint::put(buf, area.x, y, end, line, theme.text());
            }
            y += 1;
        }
        skip = 0;
        if y >= area.bottom() {
            break;
        }
    }
    if area.width >= 12 {
        let marker = |text: &'static str| Line::styled(text, theme.key()).right_aligned();
        if scroll > 0 {
            frame.render_widget(marker(" ↑ more "), Rect { height: 1, ..area });
        }
        if scroll < max {
            let bottom = Rect {
                y: area.bottom() - 1,
                height: 1,
                ..area
            };
            frame.render_widget(marker(" ↓ more "), bottom);
        }
    }
}
