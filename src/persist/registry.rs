//! The class games this user started, kept in the config folder (`class-games.txt`): for each
//! game id, how many moves were played and a hash of their record. Class mode resumes only an
//! autosave this registry knows, and only if it holds at least the moves the registry counted,
//! starting with the same ones: a file planted in a shared folder under someone's name, or an
//! older copy of one's own autosave put back to undo moves, is never resumed.
//!
//! The file is small and bounded (`MAX_ENTRIES`, the oldest dropped first), written atomically
//! and read as any untrusted file is (regular file, size cap, never blocking). A line that does
//! not read is skipped: a damaged registry forgets games, it never invents one.

use std::path::{Path, PathBuf};

use crate::persist::format::fnv1a64;
use crate::persist::names::check_id;
use crate::persist::read::read_text;
use crate::persist::record::TurnRecord;

/// The registry's file in the config folder.
pub const REGISTRY_FILE: &str = "class-games.txt";

/// The most games kept; the oldest is forgotten first.
pub const MAX_ENTRIES: usize = 256;

/// The largest registry read, in bytes (`MAX_ENTRIES` lines of at most ~150 bytes fit).
const MAX_REGISTRY_BYTES: u64 = 64 * 1024;

/// The first line, naming the format.
const HEADER: &str = "truce class games 1";

/// What the registry knows of one game.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The game id.
    pub id: String,
    /// Moves played when last autosaved.
    pub moves: usize,
    /// `record_hash` of those moves' record.
    pub hash: u64,
}

/// A hash of the first `moves` entries of a game's record (the week and Beijing's answer of
/// each move, in words that never change meaning, so the hash is stable across versions).
pub fn record_hash(record: &[TurnRecord], moves: usize) -> u64 {
    let mut text = String::new();
    for turn in record.iter().take(moves) {
        text.push_str(&format!("{}:{};", turn.week, turn.answer));
    }
    fnv1a64(text.as_bytes())
}

/// How an autosave compares with what the registry knows of its game.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Not a game this user started here: leave it alone.
    Unknown,
    /// The game as known, or further on: resume it.
    Resumable,
    /// Fewer moves than were played: an older copy put back.
    RolledBack {
        /// Moves the registry counted.
        played: usize,
        /// Moves the file holds.
        held: usize,
    },
    /// As many moves or more, but not the moves that were played.
    Different,
}

/// The registry: entries oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Registry {
    entries: Vec<Entry>,
}

impl Registry {
    /// The registry file in `dir`.
    pub fn path(dir: &Path) -> PathBuf {
        dir.join(REGISTRY_FILE)
    }

    /// Reads the registry in `dir`; a missing or unreadable file is an empty registry.
    pub fn read(dir: &Path) -> Registry {
        let Ok(text) = read_text(&Registry::path(dir), MAX_REGISTRY_BYTES, "registry") else {
            return Registry::default();
        };
        Registry::parse(&text)
    }

    /// The entries in `text`; lines that do not read are skipped, and only the last
    /// `MAX_ENTRIES` are kept.
    pub fn parse(text: &str) -> Registry {
        let mut lines = text.lines();
        if lines.next() != Some(HEADER) {
            return Registry::default();
        }
        let mut registry = Registry::default();
        for line in lines {
            let mut words = line.split(' ');
            let (Some(id), Some(moves), Some(hash), None) =
                (words.next(), words.next(), words.next(), words.next())
            else {
                continue;
            };
            let (Ok(moves), Ok(hash)) = (moves.parse(), u64::from_str_radix(hash, 16)) else {
                continue;
            };
            if check_id(id).is_ok() {
                registry.note(Entry {
                    id: id.to_string(),
                    moves,
                    hash,
                });
            }
        }
        registry
    }

    /// The file's text.
    pub fn text(&self) -> String {
        let mut out = format!("{HEADER}\n");
        for e in &self.entries {
            out.push_str(&format!("{} {} {:016x}\n", e.id, e.moves, e.hash));
        }
        out
    }

    /// Writes the registry into `dir` atomically.
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        crate::persist::write_atomic(&Registry::path(dir), self.text().as_bytes())
    }

    /// What the registry knows of game `id`.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// Records where game `entry.id` stands now (newest last; the oldest dropped past the cap).
    pub fn note(&mut self, entry: Entry) {
        self.entries.retain(|e| e.id != entry.id);
        self.entries.push(entry);
        let extra = self.entries.len().saturating_sub(MAX_ENTRIES);
        self.entries.drain(..extra);
    }

    /// How an autosave of game `id` with this record compares with what is known.
    pub fn judge(&self, id: &str, record: &[TurnRecord]) -> Verdict {
        let Some(known) = self.get(id) else {
            return Verdict::Unknown;
        };
        if record.len() < known.moves {
            return Verdict::RolledBack {
                played: known.moves,
                held: record.len(),
            };
        }
        if record_hash(record, known.moves) == known.hash {
            Verdict::Resumable
        } else {
            Verdict::Different
        }
    }

    /// The number of games known.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no game is known.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(n: usize) -> Vec<TurnRecord> {
        (0..n)
            .map(|i| TurnRecord {
                week: u32::try_from(i / 2 + 1).unwrap(),
                answer: if i % 3 == 0 { "counter" } else { "none" }.into(),
            })
            .collect()
    }

    #[test]
    fn a_game_is_judged_against_what_was_played() {
        let mut r = Registry::default();
        let played = record(9);
        r.note(Entry {
            id: "ana-autumn-2025-7-0a".into(),
            moves: 9,
            hash: record_hash(&played, 9),
        });
        assert_eq!(r.judge("ana-autumn-2025-7-0a", &played), Verdict::Resumable);
        assert_eq!(
            r.judge("ana-autumn-2025-7-0a", &record(12)),
            Verdict::Resumable
        );
        assert_eq!(
            r.judge("ana-autumn-2025-7-0a", &record(5)),
            Verdict::RolledBack { played: 9, held: 5 }
        );
        let mut other = record(9);
        other[3].answer = "accept".into();
        assert_eq!(r.judge("ana-autumn-2025-7-0a", &other), Verdict::Different);
        assert_eq!(r.judge("bob-autumn-2025-7-0a", &played), Verdict::Unknown);
    }

    #[test]
    fn the_file_round_trips_skips_bad_lines_and_stays_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let mut r = Registry::default();
        for i in 0..MAX_ENTRIES + 10 {
            r.note(Entry {
                id: format!("g-{i}"),
                moves: i,
                hash: u64::try_from(i).unwrap(),
            });
        }
        assert_eq!(r.len(), MAX_ENTRIES);
        assert!(r.get("g-0").is_none() && r.get(&format!("g-{}", MAX_ENTRIES + 9)).is_some());
        r.write(dir.path()).unwrap();
        assert_eq!(Registry::read(dir.path()), r);
        let text = format!(
            "{HEADER}\nok-1 3 00000000000000ff\n../x 1 0\nbad 1\nbad x 0\nok-2 1 1 extra\n\u{1b}[2J 1 1\n"
        );
        let parsed = Registry::parse(&text);
        assert_eq!(parsed.len(), 1);
        assert_eq!(parsed.get("ok-1").map(|e| e.hash), Some(255));
        assert!(Registry::parse("no header\nok-1 3 ff\n").is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_registry_that_is_no_file_reads_as_empty_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = Registry::path(dir.path());
        let fifo = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
        // SAFETY: a valid C path and mode.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
        assert!(Registry::read(dir.path()).is_empty());
        std::fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
        assert!(Registry::read(dir.path()).is_empty());
    }
}
