//! Every name that reaches the file system comes from here: a save's file from the name the
//! player typed, the autosave slot from the game id, the temporary file of an atomic write.
//! `slug` is the one function that makes them, and it cannot produce a separator, `..`, a dot
//! file, a control character, a device name or a name too long for its temporary file.
//!
//! Names that come *from* a file are handled here too: `clean_name` cleans and caps a name
//! where it is read (a save's header, `player.txt`, `--player`), and `escape` is the one
//! function every print of a file's text to a terminal goes through.

use std::path::{Path, PathBuf};

/// The longest file name most file systems take, in bytes.
pub const MAX_FILE_BYTES: usize = 255;
/// The longest slug, in bytes: with `autosave-`, `.ron` and the temporary file's `.truce-` and
/// `.XXXXXX.tmp` around it the name still fits in `MAX_FILE_BYTES` with room to spare.
pub const MAX_SLUG_BYTES: usize = 120;
/// The longest game id a save may carry, in bytes.
pub const MAX_ID_BYTES: usize = MAX_SLUG_BYTES;
/// How every temporary file of ours starts.
pub const TEMP_PREFIX: &str = ".truce-";
/// How every temporary file of ours ends.
pub const TEMP_SUFFIX: &str = ".tmp";
/// The autosave slot's prefix.
pub const AUTOSAVE_PREFIX: &str = "autosave-";

/// A file stem from any text: letters and digits kept (lower case), every run of anything else
/// one `-`, at most `MAX_SLUG_BYTES` bytes; names that would pass for an autosave slot or a
/// reserved device get `save-` in front; nothing usable gives `save`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in text.chars() {
        // `is_alphanumeric` is false for every separator, dot, control and format character.
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            for lower in c.to_lowercase() {
                if out.len() + lower.len_utf8() > MAX_SLUG_BYTES {
                    return finish(out);
                }
                out.push(lower);
            }
        } else {
            gap = true;
        }
    }
    finish(out)
}

fn finish(mut out: String) -> String {
    while out.ends_with('-') {
        out.pop();
    }
    const RESERVED: [&str; 4] = ["con", "prn", "aux", "nul"];
    let device = RESERVED.contains(&out.as_str())
        || ((out.starts_with("com") || out.starts_with("lpt"))
            && out.len() == 4
            && out.ends_with(|c: char| c.is_ascii_digit()));
    if out.is_empty() {
        "save".into()
    } else if out.starts_with("autosave") || device {
        // Still within the cap: `save-` replaces at most five bytes of room left above.
        let mut s = format!("save-{out}");
        while s.len() > MAX_SLUG_BYTES {
            s.pop();
        }
        s
    } else {
        out
    }
}

/// The file a save of this name goes in: `<slug>.ron`.
pub fn file_name(name: &str) -> String {
    format!("{}.ron", slug(name.trim()))
}

/// The game's own save slot: `<id>.ron` (the id slugged, so even an unchecked one stays put).
pub fn id_file_name(id: &str) -> String {
    format!("{}.ron", slug(id))
}

/// The game's autosave slot: `autosave-<id>.ron`.
pub fn autosave_file_name(id: &str) -> String {
    format!("{AUTOSAVE_PREFIX}{}.ron", slug(id))
}

/// Whether a file name is an autosave slot.
pub fn is_autosave(name: &str) -> bool {
    name.starts_with(AUTOSAVE_PREFIX)
}

/// Checks a game id read from a file: it names files, so only letters, digits and dashes, at
/// most `MAX_ID_BYTES`. Says what is wrong otherwise. (The file name still goes through `slug`.)
pub fn check_id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("is empty".into());
    }
    if id.len() > MAX_ID_BYTES {
        return Err(format!(
            "is {} bytes long, more than {MAX_ID_BYTES}",
            id.len()
        ));
    }
    if let Some(c) = id.chars().find(|c| !(c.is_alphanumeric() || *c == '-')) {
        return Err(format!(
            "holds {}, which cannot be part of a file name",
            escape(&c.to_string())
        ));
    }
    Ok(())
}

/// The prefix of a temporary file for `target`: `.truce-<slug of its stem>.`, short enough
/// that the random part and `.tmp` fit.
pub fn temp_prefix(target: &Path) -> String {
    let stem = target
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let mut stem = slug(&stem);
    while stem.len() > 64 {
        stem.pop();
    }
    format!("{TEMP_PREFIX}{stem}.")
}

/// Whether a file name is a temporary file of ours (this build's `.truce-….tmp`, or the
/// `.<name>.<pid>.<n>.tmp` of 0.1.0): listings skip them and clean up old ones.
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(TEMP_SUFFIX)
}

/// A folder as typed: a leading `~` is the home folder.
pub fn expand(folder: &str) -> PathBuf {
    if folder == "~" {
        return home().unwrap_or_else(|| PathBuf::from(folder));
    }
    if let Some(rest) = folder.strip_prefix("~/")
        && let Some(h) = home()
    {
        return h.join(rest);
    }
    PathBuf::from(folder)
}

/// A folder for display: the home folder shown as `~`, control characters escaped.
pub fn show_dir(dir: &Path) -> String {
    if let Some(h) = home()
        && let Ok(rest) = dir.strip_prefix(&h)
    {
        return if rest.as_os_str().is_empty() {
            "~".into()
        } else {
            escape(&format!("~/{}", rest.display()))
        };
    }
    escape(&dir.display().to_string())
}

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

pub use crate::core::text::{
    MAX_MESSAGE_CHARS, MAX_PLAYER_CHARS, MAX_QUOTED_CHARS, MAX_SAVE_NAME_CHARS,
    MAX_SCENARIO_NAME_CHARS, MAX_STAMP_CHARS, MAX_VERSION_CHARS, clean_name, escape, message,
    needs_escape, quote,
};

/// A path for display, escaped.
pub fn show_path(path: &Path) -> String {
    escape(&path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_stay_in_the_folder() {
        assert_eq!(
            slug("Week 3 – Autumn 2025 – seed 7"),
            "week-3-autumn-2025-seed-7"
        );
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("..\\..\\x"), "x");
        assert_eq!(slug("  .hidden "), "hidden");
        assert_eq!(slug(""), "save");
        assert_eq!(slug("///"), "save");
        assert_eq!(slug("Autosave-x"), "save-autosave-x");
        assert_eq!(slug("NUL"), "save-nul");
        assert_eq!(slug("com1"), "save-com1");
        assert_eq!(slug("贸易 谈判"), "贸易-谈判");
        assert_eq!(slug(&"a".repeat(400)).len(), MAX_SLUG_BYTES);
        // Sixty four-byte letters: the file and its temporary name both fit.
        let wide = slug(&"𝒜".repeat(60));
        assert!(wide.len() <= MAX_SLUG_BYTES, "{}", wide.len());
        let temp = format!(
            "{}{}.XXXXXX.tmp",
            temp_prefix(Path::new(&file_name(&wide))),
            ""
        );
        assert!(temp.len() <= MAX_FILE_BYTES);
        for name in ["a/b", "..", "~/x", "C:\\y", "a\0b", "a\u{1b}]0;x\u{7}"] {
            let s = slug(name);
            assert!(
                !s.contains(['/', '\\', '.', ':', '\0', '~']) && !s.chars().any(char::is_control),
                "{name} → {s}"
            );
        }
    }

    #[test]
    fn ids_are_checked_like_names() {
        assert_eq!(check_id("autumn-2025-42-0a1b2c3d"), Ok(()));
        assert!(check_id("x/../../victim/scenario").is_err());
        assert!(check_id("..").is_err());
        assert!(check_id("").is_err());
        assert!(check_id("a\u{1b}b").unwrap_err().contains("\\u{1b}"));
        assert!(check_id(&"a".repeat(500)).is_err());
        assert_eq!(
            autosave_file_name("x/../../victim/scenario"),
            "autosave-x-victim-scenario.ron"
        );
    }

    #[test]
    fn escapes_what_a_terminal_would_obey() {
        assert_eq!(escape("plain – text"), "plain – text");
        assert_eq!(escape("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(escape("\u{9b}x\u{7}"), "\\u{9b}x\\u{7}");
        assert_eq!(escape("\u{202e}abc"), "\\u{202e}abc");
        for c in [
            '\u{7f}',
            '\u{61c}',
            '\u{200e}',
            '\u{200f}',
            '\u{2066}',
            '\u{2069}',
            '\u{200b}',
            '\u{feff}',
            '\u{2028}',
            '\u{e0041}',
        ] {
            assert!(!escape(&format!("a{c}b")).contains(c), "{c:?}");
        }
        // Scripts and emoji that need a joiner stay whole.
        assert_eq!(escape("👩\u{200d}🔬 مرحبا"), "👩\u{200d}🔬 مرحبا");
        // Idempotent: what it writes needs no further escape.
        let once = escape("\u{1b}]0;x\u{7}");
        assert_eq!(escape(&once), once);
    }

    #[test]
    fn names_are_cleaned_and_capped() {
        assert_eq!(clean_name("  Ana \n Li\t", 40), "Ana Li");
        assert_eq!(
            clean_name("\u{1b}[2J\u{1b}]0;pwned\u{7}x", 40),
            "[2J]0;pwnedx"
        );
        assert_eq!(clean_name("abc\u{202e}def\u{2066}", 40), "abcdef");
        assert_eq!(clean_name("\u{200b}\u{200f}", 40), "");
        assert_eq!(clean_name("abcdef", 4), "abc…");
        assert_eq!(clean_name("ab cdef", 4), "ab…");
        assert_eq!(clean_name("abcd", 4), "abcd");
        assert_eq!(clean_name("é".repeat(10).as_str(), 5).chars().count(), 5);
        let huge = "n".repeat(8_000_000);
        let start = std::time::Instant::now();
        assert_eq!(
            clean_name(&huge, MAX_SAVE_NAME_CHARS).chars().count(),
            MAX_SAVE_NAME_CHARS
        );
        assert!(start.elapsed() < std::time::Duration::from_millis(200));
    }

    #[test]
    fn quotes_are_short_and_escaped() {
        let q = quote(&format!("\u{1b}[2J{}", "x".repeat(10_000)));
        assert!(q.starts_with("\\u{1b}[2J") && q.ends_with('…'), "{q}");
        assert!(q.chars().count() < MAX_QUOTED_CHARS + 10);
        assert_eq!(quote("short"), "short");
    }
}
