//! Cheap drawing straight into the buffer: text clipped to a width, bordered panels (ratatui's
//! `Block`) with a title, and text fitted or wrapped at word boundaries. The negotiation screen
//! is redrawn after every key, so its short texts are written cell by cell rather than through
//! `Paragraph`, which measures every grapheme each frame.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};
use unicode_width::UnicodeWidthChar;

/// Display width of `s` in cells.
pub fn width(s: &str) -> u16 {
    if s.is_ascii() {
        u16::try_from(s.len()).unwrap_or(u16::MAX)
    } else {
        u16::try_from(Span::raw(s).width()).unwrap_or(u16::MAX)
    }
}

/// Writes `s` at (`x`, `y`), never at or beyond column `end` nor outside the buffer; returns
/// the column after the last cell written.
pub fn put(buf: &mut Buffer, x: u16, y: u16, end: u16, s: &str, style: Style) -> u16 {
    let area = buf.area;
    let end = end.min(area.right());
    if y < area.y || y >= area.bottom() || x < area.x || x >= end {
        return x;
    }
    if s.is_ascii() {
        let n = usize::from(end - x).min(s.len());
        let start = buf.index_of(x, y);
        for (cell, b) in buf.content[start..start + n].iter_mut().zip(s.bytes()) {
            // Control characters would corrupt the terminal: show them as spaces.
            let ch = if b.is_ascii_control() {
                ' '
            } else {
                char::from(b)
            };
            cell.set_char(ch).set_style(style);
        }
        x + u16::try_from(n).unwrap_or(0)
    } else {
        buf.set_stringn(x, y, s, usize::from(end - x), style).0
    }
}

/// Writes `s` at (`x`, `y`) within `width` cells, ending with `…` at a word boundary when it
/// does not fit.
pub fn put_fit(buf: &mut Buffer, x: u16, y: u16, w: u16, s: &str, style: Style) -> u16 {
    put(buf, x, y, x.saturating_add(w), &fit(s, w), style)
}

/// Patches `style` onto every cell of `area` (clipped to the buffer).
pub fn style_area(buf: &mut Buffer, area: Rect, style: Style) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    for y in area.top()..area.bottom() {
        let start = buf.index_of(area.x, y);
        for cell in &mut buf.content[start..start + usize::from(area.width)] {
            cell.set_style(style);
        }
    }
}

/// Draws the chosen borders of `area` with a title on the top edge (spans of text and style),
/// as a ratatui `Block`, and returns the area inside them.
pub fn panel(
    buf: &mut Buffer,
    area: Rect,
    borders: Borders,
    style: Style,
    title: &[(&str, Style)],
) -> Rect {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return area;
    }
    let spans: Vec<Span> = title.iter().map(|&(t, st)| Span::styled(t, st)).collect();
    let block = Block::new()
        .borders(borders)
        .border_style(style)
        .title(Line::from(spans));
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

/// `s` if it fits in `w` cells; else as many whole words as fit, then `…` (or a hard cut when
/// not even the first word fits).
pub fn fit(s: &str, w: u16) -> Cow<'_, str> {
    if width(s) <= w {
        return Cow::Borrowed(s);
    }
    if w == 0 {
        return Cow::Borrowed("");
    }
    let room = w - 1;
    let mut end = 0;
    for (i, _) in s.match_indices(' ') {
        let head = s[..i].trim_end_matches([',', ';', ':', ' ']);
        if width(head) <= room {
            end = head.len();
        } else {
            break;
        }
    }
    if end == 0 {
        // No whole word fits: cut by characters.
        let mut out = String::new();
        for ch in s.chars() {
            let mut b = [0; 4];
            if width(&out) + width(ch.encode_utf8(&mut b)) > room {
                break;
            }
            out.push(ch);
        }
        out.push('…');
        return Cow::Owned(out);
    }
    Cow::Owned(format!("{}…", &s[..end]))
}

/// Splits `s` into lines of at most `w` cells, breaking between words (a word longer than a
/// line is cut).
pub fn wrap(s: &str, w: u16) -> Vec<&str> {
    let mut out = Vec::new();
    if w == 0 {
        return out;
    }
    let mut rest = s.trim();
    while !rest.is_empty() {
        if width(rest) <= w {
            out.push(rest);
            break;
        }
        let mut cut = 0;
        for (i, _) in rest.match_indices(' ') {
            if width(&rest[..i]) <= w {
                cut = i;
            } else {
                break;
            }
        }
        if cut == 0 {
            // A single word wider than the line: cut it at the width.
            cut = rest
                .char_indices()
                .map(|(i, _)| i)
                .take_while(|&i| width(&rest[..i]) <= w)
                .last()
                .unwrap_or(0);
            if cut == 0 {
                cut = rest.chars().next().map_or(rest.len(), char::len_utf8);
            }
        }
        out.push(rest[..cut].trim_end());
        rest = rest[cut..].trim_start();
    }
    out
}

/// The last `width` columns of `text`, with `…` in front if cut.
pub fn cut_start(text: &str, width: usize) -> String {
    let kept: Vec<char> = keep(text.chars().rev(), width)
        .map_or_else(|| text.chars().collect(), |k| k.into_iter().rev().collect());
    kept.into_iter().collect()
}

/// The first `width` columns of `text`, cut at any character, with `…` at the end if cut
/// (`fit` cuts at a word instead).
pub fn cut(text: &str, width: usize) -> String {
    keep(text.chars(), width).map_or_else(|| text.to_string(), |k| k.into_iter().collect())
}

/// The characters of `chars` that fit in `width` columns with a `…` after them, or `None`
/// when the whole text fits as it is.
fn keep(chars: impl Iterator<Item = char> + Clone, width: usize) -> Option<Vec<char>> {
    let total: usize = chars.clone().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return None;
    }
    let mut out = Vec::new();
    let mut used = 1;
    for c in chars {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    Some(out)
}

/// The text with its first letter in upper case: a card's name ("the extra 100% tariff") that
/// starts a sentence or a line.
pub fn capital(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_at_a_word_boundary() {
        assert_eq!(
            fit("licences suspended for US auto", 40),
            "licences suspended for US auto"
        );
        assert_eq!(
            fit("licences suspended for US auto", 20),
            "licences suspended…"
        );
        assert_eq!(fit("extraterritorial", 8), "extrate…");
        assert_eq!(fit("a, b", 3), "a…");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn wrap_breaks_between_words() {
        assert_eq!(wrap("one two three", 7), vec!["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), Vec::<&str>::new());
        assert!(wrap("x", 0).is_empty());
    }

    #[test]
    fn put_and_panel_stay_inside_the_buffer() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 5, 3));
        assert_eq!(put(&mut buf, 3, 1, 99, "hello", Style::new()), 5);
        assert_eq!(put(&mut buf, 0, 7, 99, "hello", Style::new()), 0);
        let inner = panel(
            &mut buf,
            Rect::new(0, 0, 9, 9),
            Borders::ALL,
            Style::new(),
            &[(" title ", Style::new())],
        );
        assert_eq!(inner, Rect::new(1, 1, 3, 1));
        let tiny = panel(
            &mut buf,
            Rect::new(4, 2, 1, 1),
            Borders::ALL,
            Style::new(),
            &[],
        );
        assert_eq!(tiny.width, 0);
    }

    #[test]
    fn cutting_marks_the_cut() {
        assert_eq!(cut("abcdef", 4), "abc…");
        assert_eq!(cut("abc", 4), "abc");
        assert_eq!(cut_start("/a/long/path", 6), "…/path");
    }
}
