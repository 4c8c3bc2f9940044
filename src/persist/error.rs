//! Why a save could not be read, written or trusted: one variant per kind of failure, each
//! naming the file and, where there is one, the line and column. `place()` gives that position
//! as data and `detail()` the message without it, so a screen never parses the text.

use std::fmt;

use crate::persist::names::{escape, quote};
use crate::persist::read::ReadError;
use crate::scenario::LoadError;

/// One field where the saved state and the replayed state disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The value's path, e.g. `state.meters.trust`.
    pub path: String,
    /// The saved value, shortened for display.
    pub saved: String,
    /// What the replay gives, shortened for display.
    pub replayed: String,
    /// Where the saved value sits in the file (1-based).
    pub line: usize,
    /// Column (1-based).
    pub col: usize,
}

/// The differences, one `file:line:column: path: saved X, replay gives Y` per line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Differences {
    /// The file as the user named it.
    pub file: String,
    /// The differing fields, in file order.
    pub list: Vec<Difference>,
    /// How many more differences were found but not listed.
    pub more: usize,
}

impl Differences {
    /// `file:line:column` of the first difference, for the headline.
    pub fn first_place(&self) -> String {
        let (line, col) = self.list.first().map_or((1, 1), |d| (d.line, d.col));
        format!("{}:{line}:{col}", escape(&self.file))
    }
}

impl fmt::Display for Differences {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.list {
            write!(
                f,
                "\n{}:{}:{}: {}: saved {}, replay gives {}",
                escape(&self.file),
                d.line,
                d.col,
                d.path,
                quote(&d.saved),
                quote(&d.replayed)
            )?;
        }
        if self.more > 0 {
            write!(f, "\n{}: … and {} more", escape(&self.file), self.more)?;
        }
        Ok(())
    }
}

/// Everything that can go wrong with a save.
#[derive(Debug)]
pub enum SaveError {
    /// The file could not be read (missing, not a regular file, too big, not text).
    Read {
        /// The file.
        file: String,
        /// The cause.
        source: ReadError,
    },
    /// The folder could not be listed.
    Folder {
        /// The folder.
        file: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The file or its directory could not be written.
    Write {
        /// The file.
        file: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The file stops part-way: an interrupted copy or a full disk.
    Truncated {
        /// The file.
        file: String,
        /// Line where the text ran out.
        line: usize,
        /// Column.
        col: usize,
    },
    /// The text is not valid RON, or not a save's shape.
    Parse {
        /// The file.
        file: String,
        /// Line.
        line: usize,
        /// Column.
        col: usize,
        /// RON's message.
        message: String,
    },
    /// A RON file that is not a saved game (a scenario, say).
    NotASave {
        /// The file.
        file: String,
    },
    /// Written by a newer build of truce.
    NewerVersion {
        /// The file.
        file: String,
        /// Line of the version.
        line: usize,
        /// Column.
        col: usize,
        /// The version in the file.
        found: u32,
        /// The newest version this build reads.
        known: u32,
    },
    /// A version number no build ever wrote.
    UnknownVersion {
        /// The file.
        file: String,
        /// Line.
        line: usize,
        /// Column.
        col: usize,
        /// The version in the file.
        found: u32,
    },
    /// A built-in scenario this build does not have.
    UnknownScenario {
        /// The file.
        file: String,
        /// Line.
        line: usize,
        /// Column.
        col: usize,
        /// The name in the save.
        name: String,
        /// The built-in names.
        known: String,
    },
    /// The embedded scenario fails validation (positions are in the save file).
    Scenario(LoadError),
    /// More of something than any honest save holds (actions, say).
    Limit {
        /// The file.
        file: String,
        /// Line.
        line: usize,
        /// Column.
        col: usize,
        /// What is too many, e.g. "actions".
        what: &'static str,
        /// How many there are.
        count: usize,
        /// The most allowed.
        limit: usize,
    },
    /// A game id that could not name a file (a separator, `..`, a control character…).
    BadId {
        /// The file.
        file: String,
        /// Line.
        line: usize,
        /// Column.
        col: usize,
        /// Why it is refused.
        why: String,
    },
    /// An action in the history is refused when replayed.
    Refused {
        /// The file.
        file: String,
        /// Line of the action.
        line: usize,
        /// Column.
        col: usize,
        /// 1-based number of the action.
        number: usize,
        /// What the action was.
        label: String,
        /// Why the engine refused it.
        reason: String,
    },
    /// Under the rules the save was made with, the replay does not reach its digest (or, in an
    /// older format, its saved state).
    Mismatch {
        /// Actions replayed.
        actions: usize,
        /// What differs.
        diffs: Differences,
    },
    /// Serialising the save failed (should not happen with plain data).
    Serialise {
        /// The file.
        file: String,
        /// RON's message.
        message: String,
    },
}

/// What sort of failure, for a screen that words or colours them differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The file or folder could not be read.
    Read,
    /// The file could not be written.
    Write,
    /// The file ends early.
    Truncated,
    /// Not RON, not a save, or a field of the wrong shape.
    Syntax,
    /// A format version this build cannot read.
    Version,
    /// The scenario is unknown, changed or invalid.
    Scenario,
    /// Past a limit no honest file reaches, an id that cannot name a file, or not a regular
    /// text file at all.
    Hostile,
    /// The history or state does not replay: corrupt or edited.
    Replay,
}

/// Where an error is: the file and, when known, the line and column (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The file as the user named it.
    pub file: String,
    /// Line, if the error has one.
    pub line: Option<usize>,
    /// Column, if the error has one.
    pub col: Option<usize>,
    /// What sort of failure.
    pub kind: ErrorKind,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.col) {
            (Some(l), Some(c)) => write!(f, "{}:{l}:{c}", escape(&self.file)),
            (Some(l), None) => write!(f, "{}:{l}", escape(&self.file)),
            _ => write!(f, "{}", escape(&self.file)),
        }
    }
}

impl SaveError {
    /// Where the error is, as data.
    pub fn place(&self) -> Place {
        use SaveError as E;
        let at = |file: &str, line: usize, col: usize, kind| Place {
            file: file.to_string(),
            line: Some(line),
            col: Some(col),
            kind,
        };
        let whole = |file: &str, kind| Place {
            file: file.to_string(),
            line: None,
            col: None,
            kind,
        };
        match self {
            E::Read {
                file,
                source: ReadError::Io(_),
            }
            | E::Folder { file, .. } => whole(file, ErrorKind::Read),
            // Not a regular file, too big, not text: not what an honest save folder holds.
            E::Read { file, .. } => whole(file, ErrorKind::Hostile),
            E::Write { file, .. } | E::Serialise { file, .. } => whole(file, ErrorKind::Write),
            E::NotASave { file } => at(file, 1, 1, ErrorKind::Syntax),
            E::Truncated { file, line, col } => at(file, *line, *col, ErrorKind::Truncated),
            E::Parse {
                file, line, col, ..
            } => at(file, *line, *col, ErrorKind::Syntax),
            E::NewerVersion {
                file, line, col, ..
            }
            | E::UnknownVersion {
                file, line, col, ..
            } => at(file, *line, *col, ErrorKind::Version),
            E::UnknownScenario {
                file, line, col, ..
            } => at(file, *line, *col, ErrorKind::Scenario),
            E::Scenario(e) => match e.problems.first() {
                Some(p) => at(&e.file, p.line, p.col, ErrorKind::Scenario),
                None => whole(&e.file, ErrorKind::Scenario),
            },
            E::Limit {
                file, line, col, ..
            }
            | E::BadId {
                file, line, col, ..
            } => at(file, *line, *col, ErrorKind::Hostile),
            E::Refused {
                file, line, col, ..
            } => at(file, *line, *col, ErrorKind::Replay),
            E::Mismatch { diffs, .. } => match diffs.list.first() {
                Some(d) => at(&diffs.file, d.line, d.col, ErrorKind::Replay),
                None => whole(&diffs.file, ErrorKind::Replay),
            },
        }
    }

    /// The message without its place: one line for most errors; an embedded scenario's
    /// problems and a mismatch's differences follow on further lines, each with its place.
    /// Safe to print: what it quotes from the file is shortened, and every line is escaped
    /// (`names::escape`), so a hostile name or path cannot drive the terminal.
    pub fn detail(&self) -> String {
        let raw = self.raw_detail();
        raw.split('\n').map(escape).collect::<Vec<_>>().join("\n")
    }

    fn raw_detail(&self) -> String {
        use SaveError as E;
        match self {
            E::Read { source, .. } => format!("cannot read the save: {source}"),
            E::Folder { source, .. } => {
                format!(
                    "cannot list the save folder: {}",
                    crate::persist::read::io_words(source)
                )
            }
            E::Write { source, .. } => {
                format!(
                    "cannot write the save: {}",
                    crate::persist::read::io_words(source)
                )
            }
            E::Truncated { .. } => {
                "the save ends early: the file is truncated or incomplete".into()
            }
            E::Parse { message, .. } => crate::persist::names::message(message),
            E::NotASave { .. } => "not a Truce save: a saved game starts with `TruceSave(`".into(),
            E::NewerVersion { found, known, .. } => format!(
                "this save is format version {found}, newer than this build of truce can read \
                 (up to {known}); update truce to load it"
            ),
            E::UnknownVersion { found, .. } => format!("unknown save format version {found}"),
            E::UnknownScenario { name, known, .. } => format!(
                "the game was played in built-in scenario \"{}\", which this build does not \
                 have (built-in: {known})",
                quote(name)
            ),
            E::Scenario(e) => {
                let text = e.to_string();
                // Each problem line starts with its own place; the first one's is `place()`.
                let first = e.problems.first().map_or(String::new(), |p| {
                    format!("{}:{}:{}: ", escape(&e.file), p.line, p.col)
                });
                text.strip_prefix(&first).unwrap_or(&text).to_string()
            }
            E::Limit {
                what, count, limit, ..
            } => format!(
                "{count} {what}, more than the {limit} any real game has: the file is not a save \
                 this build will open"
            ),
            E::BadId { why, .. } => format!("the game id {why}: the save is corrupt or was edited"),
            E::Refused {
                number,
                label,
                reason,
                ..
            } => format!(
                "action {number} ({}) is refused on replay: {reason}; the save is corrupt or was \
                 edited",
                quote(label)
            ),
            E::Mismatch { actions, diffs } => format!(
                "the save does not match a replay of its {actions} actions under the rules it was \
                 made with: the save is corrupt or was edited{diffs}"
            ),
            E::Serialise { message, .. } => format!("cannot serialise the save: {message}"),
        }
    }
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place(), self.detail())
    }
}

impl std::error::Error for SaveError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SaveError::Read { source, .. } => Some(source),
            SaveError::Folder { source, .. } | SaveError::Write { source, .. } => Some(source),
            SaveError::Scenario(e) => Some(e),
            _ => None,
        }
    }
}
