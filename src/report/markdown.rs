//! Small Markdown helpers: text from a file made inert (`inline`, `cell`, `heading`), and a
//! table laid out from cells.
//!
//! Every text a report takes from a file (player and save names, file names, a custom
//! scenario's texts, quoted errors) goes through one of the escaping helpers, so it cannot
//! close a table row, open a heading, a list or a code block, add a link or an image, or carry
//! HTML (`<script>`, `<img>`) into a page. Line breaks become spaces, control and
//! bidirectional characters are written as `\u{…}` (`persist::names::escape`), Markdown's
//! punctuation is backslash-escaped and `<`, `>` become `&lt;`, `&gt;`. The game's own words
//! around them are written as they are.

use crate::persist::names::escape;

/// Text from a file, safe anywhere in a line of prose, a list item or a block quote.
pub fn inline(text: &str) -> String {
    guard_start(cell(text))
}

/// Text from a file, safe in a table cell: as `inline`, without the guard on its first
/// character (a cell never starts a line, so `=` or `-` alone there is only text).
pub fn cell(text: &str) -> String {
    // One line: every line break a renderer (or a terminal) would honour becomes a space.
    let one_line: String = text
        .chars()
        .map(|c| match c {
            '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => ' ',
            c => c,
        })
        .collect();
    let shown = escape(&one_line);
    let mut out = String::with_capacity(shown.len() + 8);
    for c in shown.chars() {
        match c {
            '\\' | '|' | '`' | '*' | '_' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Text from a file, safe in a heading: as `inline`, with every `#` escaped (a trailing run
/// of them would otherwise close the heading).
pub fn heading(text: &str) -> String {
    inline(text).replace('#', "\\#")
}

/// A name as inline code (`` `autumn-2025` ``) when it can be one; otherwise as `inline`.
pub fn code(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| !matches!(c, '`' | '|' | '\\') && !c.is_whitespace() && !needs(c));
    if plain {
        format!("`{text}`")
    } else {
        inline(text)
    }
}

fn needs(c: char) -> bool {
    crate::persist::names::needs_escape(c)
}

/// A text that starts a line must not start a block: a heading (`#`), a list (`-`, `+`,
/// `1.`, `1)`), a setext underline (`=`) or a fence (`~~~`). `*`, `>` and backticks are
/// already escaped everywhere.
fn guard_start(mut text: String) -> String {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        if let Some(mark @ ('.' | ')')) = text[digits..].chars().next() {
            text.replace_range(digits..=digits, &format!("\\{mark}"));
        }
    } else if text.starts_with(['#', '-', '+', '=', '~']) {
        text.insert(0, '\\');
    }
    text
}

/// A Markdown table: a header row, the separator (numeric columns right-aligned) and the rows.
/// `right[i]` says whether column i is right-aligned. Every cell is text, escaped with `cell`.
pub fn table(header: &[&str], right: &[bool], rows: &[Vec<String>]) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| cell(c)).collect())
        .collect();
    table_md(header, right, &rows)
}

/// As `table`, for cells already in Markdown: the caller has escaped every text from a file in
/// them (`cell`, `code`). The header is the game's own words and is escaped here.
pub fn table_md(header: &[&str], right: &[bool], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    out.push_str(&row(header.iter().map(|h| cell(h))));
    let sep = header.iter().enumerate().map(|(i, _)| {
        if right.get(i).copied().unwrap_or(false) {
            "---:".to_string()
        } else {
            "---".to_string()
        }
    });
    out.push_str(&row(sep));
    for r in rows {
        out.push_str(&row(r.iter().cloned()));
    }
    out
}

fn row(cells: impl Iterator<Item = String>) -> String {
    let mut line = String::from("|");
    for c in cells {
        line.push(' ');
        line.push_str(&c);
        line.push_str(" |");
    }
    line.push('\n');
    line
}

/// A number as a score: no decimals.
pub fn num(value: f64) -> String {
    format!("{value:.0}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_the_table() {
        assert_eq!(cell("a|b\nc"), "a\\|b c");
        let t = table(
            &["x", "n"],
            &[false, true],
            &[vec!["a|b".into(), "1".into()]],
        );
        assert_eq!(t, "| x | n |\n| --- | ---: |\n| a\\|b | 1 |\n");
    }

    #[test]
    fn file_text_cannot_make_markup() {
        assert_eq!(inline("Ana Li – Élodie"), "Ana Li – Élodie");
        assert_eq!(inline("# Corrected scores"), "\\# Corrected scores");
        assert_eq!(inline("- x"), "\\- x");
        assert_eq!(inline("12. x"), "12\\. x");
        assert_eq!(inline("![](http://x/t.png)"), "!\\[\\](http://x/t.png)");
        assert_eq!(
            inline("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(inline("a\\|b"), "a\\\\\\|b");
        assert_eq!(inline("`x` *y* _z_"), "\\`x\\` \\*y\\* \\_z\\_");
        assert_eq!(inline("a\u{1b}[2J\u{202e}b"), "a\\\\u{1b}\\[2J\\\\u{202e}b");
        assert_eq!(inline("a\r\nb\u{2028}c"), "a  b c");
        assert_eq!(heading("x ##"), "x \\#\\#");
        assert_eq!(code("autumn-2025"), "`autumn-2025`");
        assert_eq!(code("a`b"), "a\\`b");
    }
}
