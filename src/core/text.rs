//! Text that came from a file or a player, made safe to show: one escaping function for
//! everything printed to a terminal, the cleaning and length caps of names, and quotes cut short.
//! On the ground floor because every layer that reports a file's text needs it (`scenario`'s
//! messages as much as `persist`'s).

/// Text safe to print on a terminal: the one function every print of text that came from a
/// file goes through (names, scenario texts, quoted errors, versions, file names). Control
/// characters (C0 with ESC and BEL, DEL, C1), the bidirectional controls (U+202A–202E,
/// U+2066–2069, U+200E/200F, U+061C) and the invisible format characters that can make one
/// name pass for another are written as `\u{…}` escapes (`\n`, `\t`, `\r` for those three),
/// so a hostile name cannot move the cursor, set the title, write the clipboard, clear the
/// screen or reorder what is shown. Everything else, accents and emoji included, is kept.
pub fn escape(text: &str) -> String {
    if !text.chars().any(needs_escape) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            match c {
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                c => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether a terminal (or a reader) would take this character as something other than text:
/// a control, a bidirectional control, or an invisible format character. The zero-width
/// joiner and non-joiner (U+200C/200D) are kept: scripts and emoji need them.
pub fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{00ad}'
                | '\u{180e}'
                | '\u{200b}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2069}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{e0000}'..='\u{e007f}'
        )
}

/// The longest player name kept, in characters: enough for a full name, short enough for a
/// table. Typed names stop here too (`config::MAX_NAME`).
pub const MAX_PLAYER_CHARS: usize = 40;
/// The longest save name kept, in characters (the save prompt takes 60; a name made from a
/// custom scenario's title may be longer and is cut here).
pub const MAX_SAVE_NAME_CHARS: usize = 120;
/// The longest scenario name kept from a save's header, in characters.
pub const MAX_SCENARIO_NAME_CHARS: usize = 120;
/// The longest save stamp kept from a save's header, in characters (ours take 20).
pub const MAX_STAMP_CHARS: usize = 40;
/// The longest release version kept from a save (`0.2.0`), in characters.
pub const MAX_VERSION_CHARS: usize = 40;
/// The longest piece of a file quoted in a message, in characters.
pub const MAX_QUOTED_CHARS: usize = 200;
/// The longest parser message kept, in characters (RON's quote what they found).
pub const MAX_MESSAGE_CHARS: usize = 1000;

/// A name read from a file or typed, as kept: line breaks and tabs become spaces, every other
/// character `needs_escape` flags is dropped, runs of spaces become one, the ends are trimmed,
/// and at most `max_chars` characters stay (the last one `…` when the name was cut). Reads at
/// most about `max_chars` characters of a long name, whatever its length. May be empty.
pub fn clean_name(text: &str, max_chars: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    let mut space = false;
    let mut cut = false;
    for c in text.chars() {
        let c = if c.is_whitespace() { ' ' } else { c };
        if c == ' ' {
            space = count > 0;
            continue;
        }
        if needs_escape(c) {
            continue;
        }
        let room = usize::from(space) + 1;
        if count + room > max_chars {
            cut = true;
            break;
        }
        if space {
            out.push(' ');
            count += 1;
            space = false;
        }
        out.push(c);
        count += 1;
    }
    if cut && max_chars > 0 {
        while count >= max_chars {
            out.pop();
            count -= 1;
        }
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        out.push('…');
    }
    out
}

/// A piece of a file quoted in a message: escaped for the terminal and cut to
/// `MAX_QUOTED_CHARS` characters (`…` marks the cut), so a 7 MB name makes a short message.
pub fn quote(text: &str) -> String {
    shorten(text, MAX_QUOTED_CHARS)
}

/// A parser's message, which may quote the file: escaped and cut to `MAX_MESSAGE_CHARS`
/// characters, room enough for a list of the names it expected.
pub fn message(text: &str) -> String {
    shorten(text, MAX_MESSAGE_CHARS)
}

/// Escaped and cut to `max_chars` characters, `…` marking the cut.
fn shorten(text: &str, max_chars: usize) -> String {
    let mut end = text.len();
    if let Some((at, _)) = text.char_indices().nth(max_chars) {
        end = at;
    }
    let mut out = escape(&text[..end]);
    if end < text.len() {
        out.push('…');
    }
    out
}
