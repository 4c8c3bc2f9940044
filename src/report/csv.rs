//! CSV for spreadsheets (RFC 4180, with LF line ends): fields with a comma, a quote or spaces
//! at either end are quoted, quotes doubled; lines end in LF (every spreadsheet and `csv`
//! reader takes it, and a `\r` left in a cell by a Unix tool is worse than none).
//!
//! Text cells hold what files said (player names, file names, errors), so they are made inert:
//! line breaks become spaces and other control or bidirectional characters `\u{…}`
//! (`persist::names::escape`), so every record is one line; a cell starting with `=`, `+`, `-`,
//! `@`, a tab or a carriage return gets a leading `'` (OWASP's CSV injection guard), so a
//! spreadsheet shows it as text instead of running it as a formula. Numbers are written by the
//! report itself (`number`) and are left as numbers, negative ones included.

/// One text field: made inert, guarded and quoted when it needs to be.
pub fn text(text: &str) -> String {
    // Checked on the text as given: a tab or a line break first would be escaped below, and
    // some spreadsheets skip leading spaces before reading a formula.
    let formula =
        text.starts_with(['\t', '\r', '\n']) || text.trim_start().starts_with(['=', '+', '-', '@']);
    let one_line: String = text
        .chars()
        .map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c })
        .collect();
    let mut shown = crate::persist::names::escape(&one_line);
    if formula {
        shown.insert(0, '\'');
    }
    let needs =
        shown.contains([',', '"', '\n', '\r']) || shown.starts_with(' ') || shown.ends_with(' ');
    if needs {
        format!("\"{}\"", shown.replace('"', "\"\""))
    } else {
        shown
    }
}

/// One numeric field, as written: never guarded, so a spreadsheet reads it as a number.
pub fn number(value: impl std::fmt::Display) -> String {
    value.to_string()
}

/// One record of text fields, with its line end.
pub fn record<S: AsRef<str>>(fields: &[S]) -> String {
    let cells: Vec<String> = fields.iter().map(|f| text(f.as_ref())).collect();
    line(&cells)
}

/// One record of fields already made by `text` or `number`, with its line end.
pub fn line(cells: &[String]) -> String {
    let mut line = cells.join(",");
    line.push('\n');
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_needs_it() {
        assert_eq!(text("plain"), "plain");
        assert_eq!(text("a, b"), "\"a, b\"");
        assert_eq!(text("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(text("two\nlines"), "two lines");
        assert_eq!(text(" pad"), "\" pad\"");
        assert_eq!(record(&["a", "b,c", ""]), "a,\"b,c\",\n");
    }

    #[test]
    fn formulas_stay_text_and_numbers_stay_numbers() {
        assert_eq!(
            text("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        assert_eq!(text("+1"), "'+1");
        assert_eq!(text("-2"), "'-2");
        assert_eq!(text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text("\tx"), "'\\tx");
        assert_eq!(text("\r=1"), "' =1");
        assert_eq!(text("  =1"), "'  =1");
        assert_eq!(text("a\u{1b}]0;x\u{7}"), "a\\u{1b}]0;x\\u{7}");
        assert_eq!(number(-2.5), "-2.5");
        assert_eq!(line(&[number(3), text("=1")]), "3,'=1\n");
    }
}
