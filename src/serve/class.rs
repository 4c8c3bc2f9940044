//! The class file (`truce serve CLASS.ron`): where the server listens, the class code, the
//! scenario and seed every student plays, where their saves go, the roster and the limits.
//! It is read like every other file: bounded in size, each value checked, and every mistake
//! reported as `file:line:column: message`.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::files::read_text;

/// The largest class file read, in bytes: a roster of `MAX_ROSTER` names fits many times over.
pub const MAX_CLASS_BYTES: u64 = 256 * 1024;
/// The most names a roster may hold.
pub const MAX_ROSTER: usize = 500;
/// The most sessions a class may allow at once.
pub const MAX_SESSIONS: u32 = 500;
/// The shortest class code: anything shorter is guessed in minutes, even slowed down.
pub const MIN_CODE: usize = 4;
/// The longest class code.
pub const MAX_CODE: usize = 64;
/// The idle timeout's bounds, in seconds: a minute to a day.
pub const IDLE_BOUNDS: (u64, u64) = (60, 86_400);
/// Where a class listens unless its file says otherwise: this machine only.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:2222";

/// How students' seeds are chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SeedRule {
    /// The whole class plays this seed: one game to compare at the debrief.
    Class(u64),
    /// Each student gets a seed of their own, derived from this one and their name, so a
    /// reconnecting student finds the same game and neighbours cannot copy moves.
    PerStudent(u64),
}

impl SeedRule {
    /// The seed `name` plays (the name as cleaned at sign-in).
    pub fn seed_for(self, name: &str) -> u64 {
        match self {
            SeedRule::Class(seed) => seed,
            SeedRule::PerStudent(seed) => {
                let mut h = Sha256::new();
                h.update(b"truce per-student seed\0");
                h.update(seed.to_le_bytes());
                h.update(crate::persist::format::slug(name).as_bytes());
                let d = h.finalize();
                let mut first = [0u8; 8];
                first.copy_from_slice(&d[..8]);
                // Short enough to read out if a student asks which game they are in.
                u64::from_le_bytes(first) % 1_000_000
            }
        }
    }
}

/// A class file as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Class", deny_unknown_fields)]
pub struct ClassFile {
    /// The address and port to listen on (`127.0.0.1:2222` unless the file says otherwise).
    #[serde(default = "default_listen")]
    pub listen: String,
    /// The class code students type at "Class code:".
    pub code: String,
    /// A built-in scenario name, or a scenario file (relative to the class file).
    pub scenario: String,
    /// The seed rule.
    pub seed: SeedRule,
    /// The folder saves go to (relative to the class file).
    pub saves: PathBuf,
    /// The names students may sign in under; `None`: any name.
    #[serde(default)]
    pub roster: Option<Vec<String>>,
    /// The most students connected at once.
    pub max_sessions: u32,
    /// A session with no input for this long is closed (its game autosaves).
    pub idle_timeout_secs: u64,
}

fn default_listen() -> String {
    DEFAULT_LISTEN.to_string()
}

/// A class file read and checked, its paths resolved against the file's folder.
#[derive(Debug, Clone)]
pub struct Class {
    /// The file as written.
    pub file: ClassFile,
    /// Where the file is.
    pub path: PathBuf,
    /// The listen address, parsed.
    pub listen: SocketAddr,
    /// The save folder.
    pub saves: PathBuf,
    /// The scenario argument for `truce play` (a path resolved against the class file's folder).
    pub scenario: String,
    /// The roster, cleaned (`config::clean_name`), in the file's order.
    pub roster: Option<Vec<String>>,
}

/// A problem in a class file, at its place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{col}: {message}")]
pub struct ClassError {
    /// The file, as given.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
    /// What is wrong.
    pub message: String,
}

impl Class {
    /// Reads and checks the class file at `path`.
    pub fn load(path: &Path) -> Result<Class, ClassError> {
        let name = path.display().to_string();
        let text = read_text(path, MAX_CLASS_BYTES, "class file").map_err(|e| ClassError {
            file: name.clone(),
            line: 1,
            col: 1,
            message: format!("cannot read the class file: {e}"),
        })?;
        Class::from_str(&text, path)
    }

    /// Parses and checks class file text; `path` names it and anchors its relative paths.
    pub fn from_str(text: &str, path: &Path) -> Result<Class, ClassError> {
        let name = path.display().to_string();
        let file: ClassFile = ron::from_str(text).map_err(|e| ClassError {
            file: name.clone(),
            line: e.span.start.line,
            col: e.span.start.col,
            message: crate::scenario::ron_message(&e.code),
        })?;
        let at = |field: &str, message: String| {
            let (line, col) = position_of(text, field);
            ClassError {
                file: name.clone(),
                line,
                col,
                message,
            }
        };
        let listen: SocketAddr = file.listen.parse().map_err(|_| {
            at(
                "listen",
                format!(
                    "listen: {:?} is not an address and port like \"{DEFAULT_LISTEN}\"",
                    crate::persist::names::escape(&file.listen)
                ),
            )
        })?;
        let code_len = file.code.chars().count();
        if !(MIN_CODE..=MAX_CODE).contains(&code_len) || file.code.chars().any(char::is_control) {
            return Err(at(
                "code",
                format!(
                    "code: the class code must be {MIN_CODE} to {MAX_CODE} printable characters"
                ),
            ));
        }
        if !(1..=MAX_SESSIONS).contains(&file.max_sessions) {
            return Err(at(
                "max_sessions",
                format!("max_sessions: must be 1 to {MAX_SESSIONS}"),
            ));
        }
        if !(IDLE_BOUNDS.0..=IDLE_BOUNDS.1).contains(&file.idle_timeout_secs) {
            return Err(at(
                "idle_timeout_secs",
                format!(
                    "idle_timeout_secs: must be {} to {} seconds",
                    IDLE_BOUNDS.0, IDLE_BOUNDS.1
                ),
            ));
        }
        let dir = path.parent().unwrap_or(Path::new(""));
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if file.saves.as_os_str().is_empty() {
            return Err(at("saves", "saves: name a folder".to_string()));
        }
        let saves = dir.join(&file.saves);
        let scenario = if crate::scenario::builtin(&file.scenario).is_some() {
            file.scenario.clone()
        } else {
            dir.join(&file.scenario).display().to_string()
        };
        crate::scenario::resolve(&scenario)
            .map_err(|e| at("scenario", format!("scenario: {e}")))?;
        let roster = match &file.roster {
            None => None,
            Some(names) => Some(check_roster(names).map_err(|m| at("roster", m))?),
        };
        Ok(Class {
            path: path.to_path_buf(),
            listen,
            saves,
            scenario,
            roster,
            file,
        })
    }

    /// The host key file beside the class file (`CLASS.hostkey`).
    pub fn host_key_path(&self) -> PathBuf {
        beside(&self.path, "hostkey")
    }

    /// The class key file beside the class file (`CLASS.key`).
    pub fn class_key_path(&self) -> PathBuf {
        beside(&self.path, "key")
    }

    /// The folder of the server's per-student settings (`CLASS.players/`): each student's game
    /// keeps its config (the record of games it started) apart from every other's.
    pub fn players_path(&self) -> PathBuf {
        beside(&self.path, "players")
    }

    /// Whether the address reaches beyond this machine.
    pub fn open_to_network(&self) -> bool {
        !self.listen.ip().is_loopback()
    }
}

/// `CLASS.<ext>` beside the class file `CLASS.ron`.
pub fn beside(class: &Path, ext: &str) -> PathBuf {
    class.with_extension(ext)
}

/// The roster cleaned: every name kept as sign-in keeps it, no two alike.
fn check_roster(names: &[String]) -> Result<Vec<String>, String> {
    if names.len() > MAX_ROSTER {
        return Err(format!("roster: more than {MAX_ROSTER} names"));
    }
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(names.len());
    for (i, raw) in names.iter().enumerate() {
        let Some(name) = crate::config::clean_name(raw) else {
            return Err(format!("roster: name {} is empty", i + 1));
        };
        if !seen.insert(crate::persist::format::slug(&name)) {
            return Err(format!(
                "roster: {:?} appears twice (names are told apart by letters and digits only)",
                crate::persist::names::escape(&name)
            ));
        }
        out.push(name);
    }
    Ok(out)
}

/// Line and column (1-based) of `field:` in `text`, else 1:1.
fn position_of(text: &str, field: &str) -> (usize, usize) {
    for (i, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        if let Some(col) = code.find(field)
            && code[col + field.len()..].trim_start().starts_with(':')
        {
            return (i + 1, code[..col].chars().count() + 1);
        }
    }
    (1, 1)
}

/// The commented example `truce serve --init` writes, with this class code.
pub fn example(code: &str) -> String {
    format!(
        r#"// A Truce class, served over SSH: `truce serve THIS-FILE`.
// Students connect with `ssh -p 2222 class@HOST` (any user name), type the class code, then
// their name. Their games autosave in `saves`; `truce report --class THIS-FILE` lists them.
Class(
    // Where to listen. 127.0.0.1 is this machine only. To let students in from the network,
    // write "0.0.0.0:2222" (or port 22 on a machine with nothing else there).
    listen: "{DEFAULT_LISTEN}",
    // What students type at "Class code:" (not shown as they type). Change it every session.
    code: "{code}",
    // A built-in scenario (`truce scenarios` lists them) or a scenario file beside this one.
    scenario: "autumn-2025",
    // Class(N): everyone plays seed N. PerStudent(N): each student gets a seed of their own,
    // derived from N and their name (the same every time they sign in).
    seed: Class(7),
    // Where saves go, beside this file.
    saves: "saves",
    // The names students may use, e.g. Some(["Ada Lovelace", "Alan Turing"]); they pick one
    // by number or type it. None: any name.
    roster: None,
    // The most students connected at once.
    max_sessions: 40,
    // A session with no key pressed for this long is closed; the game is autosaved.
    idle_timeout_secs: 1800,
)
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Class, ClassError> {
        Class::from_str(text, Path::new("class.ron"))
    }

    #[test]
    fn the_example_loads_with_its_defaults() {
        let c = parse(&example("abcd-1234")).unwrap();
        assert_eq!(c.file.code, "abcd-1234");
        assert_eq!(c.listen.to_string(), DEFAULT_LISTEN);
        assert!(!c.open_to_network());
        assert_eq!(c.saves, Path::new("./saves"));
        assert_eq!(c.host_key_path(), Path::new("class.hostkey"));
    }

    #[test]
    fn bounds_are_reported_at_their_field() {
        let text = example("abcd").replace("max_sessions: 40", "max_sessions: 0");
        let e = parse(&text).unwrap_err();
        assert!(e.message.contains("max_sessions"), "{e}");
        let line = text
            .lines()
            .position(|l| l.contains("max_sessions: 0"))
            .unwrap();
        assert_eq!((e.line, e.col), (line + 1, 5));
        let e = parse(&example("ab")).unwrap_err();
        assert!(e.to_string().starts_with("class.ron:"), "{e}");
        assert!(e.message.contains("class code"), "{e}");
    }

    #[test]
    fn a_syntax_error_has_its_place() {
        let e = parse("Class(\n  code: 12,\n)").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
    }

    #[test]
    fn a_roster_may_not_name_one_student_twice() {
        let text = example("abcd").replace("roster: None", r#"roster: Some(["Ada", " ada "])"#);
        assert!(parse(&text).unwrap_err().message.contains("twice"));
    }

    #[test]
    fn per_student_seeds_are_stable_and_differ() {
        let rule = SeedRule::PerStudent(7);
        assert_eq!(rule.seed_for("Ada"), rule.seed_for("Ada"));
        assert_ne!(rule.seed_for("Ada"), rule.seed_for("Alan"));
        assert_eq!(SeedRule::Class(7).seed_for("Ada"), 7);
    }
}
