//! Small Markdown helpers: escaping table cells and laying out a table.

/// Text safe inside a table cell: pipes escaped, line breaks turned into spaces.
pub fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// A Markdown table: a header row, the separator (numeric columns right-aligned) and the rows.
/// `right[i]` says whether column i is right-aligned.
pub fn table(header: &[&str], right: &[bool], rows: &[Vec<String>]) -> String {
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
        out.push_str(&row(r.iter().map(|c| cell(c))));
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
}
