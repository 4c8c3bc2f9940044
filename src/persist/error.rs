//! Why a save could not be read, written or trusted: one variant per kind of failure, each
//! naming the file and, where there is one, the line and column.

use std::fmt;

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
        format!("{}:{line}:{col}", self.file)
    }
}

impl fmt::Display for Differences {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.list {
            write!(
                f,
                "\n{}:{}:{}: {}: saved {}, replay gives {}",
                self.file, d.line, d.col, d.path, d.saved, d.replayed
            )?;
        }
        if self.more > 0 {
            write!(f, "\n{}: … and {} more", self.file, self.more)?;
        }
        Ok(())
    }
}

/// Everything that can go wrong with a save.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The file could not be read.
    #[error("{file}: cannot read the save: {source}")]
    Read {
        /// The file.
        file: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The file or its directory could not be written.
    #[error("{file}: cannot write the save: {source}")]
    Write {
        /// The file.
        file: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The file stops part-way: an interrupted copy or a full disk.
    #[error("{file}:{line}:{col}: the save ends early: the file is truncated or incomplete")]
    Truncated {
        /// The file.
        file: String,
        /// Line where the text ran out.
        line: usize,
        /// Column.
        col: usize,
    },
    /// The text is not valid RON, or not a save's shape.
    #[error("{file}:{line}:{col}: {message}")]
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
    #[error("{file}:1:1: not a Truce save: a saved game starts with `TruceSave(`")]
    NotASave {
        /// The file.
        file: String,
    },
    /// Written by a newer build of truce.
    #[error(
        "{file}:{line}:{col}: this save is format version {found}, newer than this build of truce \
         can read (up to {known}); update truce to load it"
    )]
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
    #[error("{file}:{line}:{col}: unknown save format version {found}")]
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
    #[error(
        "{file}:{line}:{col}: the game was played in built-in scenario \"{name}\", which this \
         build does not have (built-in: {known})"
    )]
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
    #[error("{0}")]
    Scenario(LoadError),
    /// An action in the history is refused when replayed.
    #[error(
        "{file}:{line}:{col}: action {number} ({label}) is refused on replay: {reason}; the save \
         is corrupt or was edited"
    )]
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
    #[error(
        "{}: the save does not match a replay of its {actions} actions under the rules it was \
         made with: the save is corrupt or was edited{diffs}",
        diffs.first_place()
    )]
    Mismatch {
        /// Actions replayed.
        actions: usize,
        /// What differs.
        diffs: Differences,
    },
    /// Serialising the save failed (should not happen with plain data).
    #[error("{file}: cannot serialise the save: {message}")]
    Serialise {
        /// The file.
        file: String,
        /// RON's message.
        message: String,
    },
}
