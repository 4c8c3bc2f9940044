//! The sign-in's prompts and what is made of the answers: the class code (compared in constant
//! time), the student's name (cleaned as the game cleans it, or picked from the roster), and
//! the terminal type and size from the pty request.

use std::borrow::Cow;

use russh::server::Auth;

/// The first round: the class code, not echoed.
pub fn code_prompt() -> Auth {
    Auth::Partial {
        name: Cow::Borrowed("Truce"),
        instructions: Cow::Borrowed("Welcome to Truce. Type the class code on the board."),
        prompts: Cow::Owned(vec![(Cow::Borrowed("Class code: "), false)]),
    }
}

/// Whether `typed` is the class code: spaces around it are forgiven, the comparison takes the
/// same time wherever the first difference is.
pub fn code_matches(typed: &str, code: &str) -> bool {
    let (a, b) = (typed.trim().as_bytes(), code.as_bytes());
    let mut diff = u8::from(a.len() != b.len());
    for (i, x) in b.iter().enumerate() {
        diff |= x ^ a.get(i).copied().unwrap_or(0);
    }
    diff == 0
}

/// The second round: the name (echoed), with the roster listed by number when there is one,
/// and why the last answer was not taken.
pub fn name_prompt(roster: Option<&[String]>, why: Option<String>) -> Auth {
    let mut instructions = why.map(|w| format!("{w}\n")).unwrap_or_default();
    let prompt = match roster {
        Some(names) => {
            instructions.push_str("The class list:\n");
            for (i, n) in names.iter().enumerate() {
                instructions.push_str(&format!(
                    "{:>3}. {}\n",
                    i + 1,
                    crate::persist::names::escape(n)
                ));
            }
            "Your name (or its number): "
        }
        None => "Your name: ",
    };
    Auth::Partial {
        name: Cow::Borrowed("Truce"),
        instructions: Cow::Owned(instructions),
        prompts: Cow::Owned(vec![(Cow::Borrowed(prompt), true)]),
    }
}

/// What the name typed gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Named {
    /// The student's name, as the game will keep it.
    Ok(String),
    /// Not taken: ask again, saying why.
    Again(String),
}

/// The student's name from what they typed: cleaned as the game cleans names; with a roster,
/// a number or a name on it (letters and digits compared, as save files are named).
pub fn pick_name(typed: &str, roster: Option<&[String]>) -> Named {
    let Some(name) = crate::config::clean_name(typed) else {
        return Named::Again("Type your name.".into());
    };
    let slug = crate::persist::format::slug;
    match roster {
        Some(names) => {
            if let Ok(n) = name.parse::<usize>()
                && let Some(picked) = n.checked_sub(1).and_then(|i| names.get(i))
            {
                return Named::Ok(picked.clone());
            }
            match names.iter().find(|n| slug(n) == slug(&name)) {
                Some(found) => Named::Ok(found.clone()),
                None => Named::Again(format!(
                    "{} is not on the class list: type your number.",
                    crate::persist::names::escape(&name)
                )),
            }
        }
        None if !name.chars().any(|c| c.is_ascii_alphanumeric()) => Named::Again(
            "Type your name with some Latin letters too (for example \"Wei Zhang 张伟\"): \
             your saves are named after them."
                .into(),
        ),
        None => Named::Ok(name),
    }
}

/// The terminal type from the pty request, kept only when it is a plain name (`xterm-256color`).
pub fn clean_term(term: &str) -> String {
    let ok = !term.is_empty()
        && term.len() <= 64
        && term
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '+'));
    if ok { term.to_string() } else { "xterm".into() }
}

/// The terminal size from the pty request: 80×24 when the client gives none, capped so no
/// request can make the game draw a screen of billions of cells.
pub fn size(cols: u32, rows: u32) -> (u16, u16) {
    if cols == 0 || rows == 0 {
        return (80, 24);
    }
    let cap = |v: u32, max: u16| u16::try_from(v).unwrap_or(max).min(max);
    (cap(cols, 1000), cap(rows, 500))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_must_match_exactly_but_for_spaces() {
        assert!(code_matches(" k7mp-x2qd ", "k7mp-x2qd"));
        assert!(!code_matches("k7mp-x2q", "k7mp-x2qd"));
        assert!(!code_matches("k7mp-x2qdd", "k7mp-x2qd"));
        assert!(!code_matches("K7MP-X2QD", "k7mp-x2qd"));
        assert!(!code_matches("", "k7mp-x2qd"));
    }

    #[test]
    fn names_are_cleaned_or_picked_from_the_roster() {
        assert_eq!(
            pick_name("  Ada \u{202e}L ", None),
            Named::Ok("Ada L".into())
        );
        assert!(matches!(pick_name("张伟", None), Named::Again(_)));
        assert!(matches!(pick_name("  ", None), Named::Again(_)));
        let roster = vec!["Ada Lovelace".to_string(), "Alan Turing".to_string()];
        assert_eq!(
            pick_name("2", Some(&roster)),
            Named::Ok("Alan Turing".into())
        );
        assert_eq!(
            pick_name("ada  lovelace", Some(&roster)),
            Named::Ok("Ada Lovelace".into())
        );
        assert!(matches!(pick_name("3", Some(&roster)), Named::Again(_)));
        assert!(matches!(pick_name("Eve", Some(&roster)), Named::Again(_)));
    }

    #[test]
    fn terminal_type_and_size_are_bounded() {
        assert_eq!(clean_term("xterm-256color"), "xterm-256color");
        assert_eq!(clean_term("x\x1b]0;"), "xterm");
        assert_eq!(size(0, 0), (80, 24));
        assert_eq!(size(120, 40), (120, 40));
        assert_eq!(size(u32::MAX, 70_000), (1000, 500));
    }
}
