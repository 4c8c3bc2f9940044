//! One process per game: a lock file beside the game's autosave (`autosave-<id>.lock`) holding
//! the process id, the host and a stamp of when it was taken. It is created exclusively
//! (`O_EXCL`), so of two terminals opening one game only the first gets it; the second is told
//! where the game is open. A lock whose process is gone (same host, `kill(pid, 0)` says no
//! such process), or that does not read as a lock at all, is stale and taken over. Dropping a
//! `Lock` removes the file if it is still ours.
//!
//! Limits: a lock from another host cannot be checked (there is no pid to ask), so it counts as
//! held until someone deletes it; and two processes taking over the same stale lock at the same
//! instant can both believe they hold it, which `Lock::held` (asked before each autosave)
//! catches at the next move.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::persist::names;
use crate::persist::read::read_text;

/// The largest lock file read, in bytes: a pid, a host name and a stamp.
const MAX_LOCK_BYTES: u64 = 1024;

/// The lock file of a game: `autosave-<id>.lock` beside its autosave.
pub fn lock_path(dir: &Path, id: &str) -> PathBuf {
    let autosave = names::autosave_file_name(id);
    let stem = autosave.strip_suffix(".ron").unwrap_or(&autosave);
    dir.join(format!("{stem}.lock"))
}

/// Whether a file name is a game's lock (`autosave-<id>.lock`): folder readers pass over it.
pub fn is_lock_name(name: &str) -> bool {
    name.starts_with("autosave-") && name.ends_with(".lock")
}

/// Who holds a lock, as its file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    /// The holding process.
    pub pid: u32,
    /// The host it runs on.
    pub host: String,
    /// When it took the lock (any stamp unique to that process's start).
    pub since: String,
}

impl Holder {
    /// This process, now.
    pub fn me(since: &str) -> Holder {
        Holder {
            pid: std::process::id(),
            host: host_name(),
            since: since.to_string(),
        }
    }

    /// The file's text: one line, `pid host since`.
    fn text(&self) -> String {
        format!("{} {} {}\n", self.pid, self.host, self.since)
    }

    /// Reads a lock file's text; `None` if it does not hold a lock (a stale or planted file).
    fn parse(text: &str) -> Option<Holder> {
        let mut words = text.lines().next()?.split(' ');
        let pid = words.next()?.parse().ok()?;
        let host = words.next().filter(|h| !h.is_empty())?.to_string();
        let since = words.next()?.to_string();
        Some(Holder { pid, host, since })
    }

    /// Whether the holder may still be running: on another host it cannot be told, so yes; on
    /// this one, whether its process exists (and is not this process under another start).
    pub fn alive(&self) -> bool {
        if self.host != host_name() {
            return true;
        }
        if self.pid == std::process::id() {
            // A lock left by an earlier process that had this pid, or this process's own.
            return false;
        }
        process_exists(self.pid)
    }

    /// "process 1234 on lab-3, since 2025-10-30T12:05:09Z", for a message. The host and stamp
    /// come from a file: only letters, digits and `.-_:T` are kept.
    pub fn describe(&self) -> String {
        let clean = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_ascii_alphanumeric() || ".-_:".contains(*c))
                .take(64)
                .collect()
        };
        let since = clean(&self.since);
        let since = since.split('.').next().unwrap_or_default().to_string();
        format!(
            "process {} on {}, since {since}",
            self.pid,
            clean(&self.host)
        )
    }
}

/// A game's lock, held by this process until dropped.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    me: Holder,
}

/// Why a lock was not taken.
#[derive(Debug)]
pub enum LockError {
    /// Another live process holds it.
    Held(Holder),
    /// The file could not be created or read (a read-only folder, say).
    Io(io::Error),
}

impl std::fmt::Display for LockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LockError::Held(h) => write!(f, "the game is open in {}", h.describe()),
            LockError::Io(e) => write!(f, "{}", crate::persist::read::io_words(e)),
        }
    }
}

impl Lock {
    /// Takes the lock of game `id` in `dir` for this process (`since`: a stamp of this start),
    /// taking over a stale one.
    pub fn take(dir: &Path, id: &str, since: &str) -> Result<Lock, LockError> {
        let path = lock_path(dir, id);
        let me = Holder::me(since);
        // Twice at most: once as it stands, once after removing a stale lock.
        for _ in 0..2 {
            match create(&path, &me) {
                Ok(()) => {
                    let lock = Lock { path, me };
                    // Someone who took over the same stale lock at the same instant won.
                    return match lock.holder() {
                        Some(h) if h != lock.me => Err(LockError::Held(h)),
                        _ => Ok(lock),
                    };
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    match read_holder(&path) {
                        Some(h) if h.alive() => return Err(LockError::Held(h)),
                        // Stale, or no lock at all: removed, then taken afresh.
                        _ => match std::fs::remove_file(&path) {
                            Ok(()) => {}
                            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                            Err(e) => return Err(LockError::Io(e)),
                        },
                    }
                }
                Err(e) => return Err(LockError::Io(e)),
            }
        }
        match read_holder(&path) {
            Some(h) => Err(LockError::Held(h)),
            None => Err(LockError::Io(io::Error::new(
                io::ErrorKind::AlreadyExists,
                "the lock file keeps coming back",
            ))),
        }
    }

    /// Who the file names now (`None`: gone or unreadable).
    fn holder(&self) -> Option<Holder> {
        read_holder(&self.path)
    }

    /// Whether the lock file still names this process: false once another process has taken
    /// the game over (or the file was removed), when this one must stop writing its autosave.
    pub fn held(&self) -> bool {
        self.holder().as_ref() == Some(&self.me)
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Removes the lock file if it still names this process.
    pub fn release(self) {
        drop(self);
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        if self.held() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Creates the lock file exclusively, holding `me`. The folder is not created: a lock alone
/// is no reason to make a save folder (the first autosave makes it, and takes the lock then).
fn create(path: &Path, me: &Holder) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
    let written = file.write_all(me.text().as_bytes());
    if written.is_err() {
        let _ = std::fs::remove_file(path);
    }
    written
}

/// The holder a lock file names, read as any untrusted file is.
fn read_holder(path: &Path) -> Option<Holder> {
    let text = read_text(path, MAX_LOCK_BYTES, "lock").ok()?;
    Holder::parse(&text)
}

/// This machine's name (`unknown` if it cannot be had): letters, digits, `.`, `-`, `_`.
pub fn host_name() -> String {
    #[cfg(unix)]
    {
        let mut buf = [0u8; 256];
        // SAFETY: a buffer we own and its length; gethostname writes at most that many bytes.
        let ok = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) } == 0;
        if ok {
            let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
            let name: String = String::from_utf8_lossy(&buf[..end])
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || ".-_".contains(*c))
                .collect();
            if !name.is_empty() {
                return name;
            }
        }
    }
    "unknown".into()
}

/// Whether a process with this id exists (one of another user counts).
fn process_exists(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        if pid <= 0 {
            return false;
        }
        // SAFETY: signal 0 sends nothing; kill(2) only checks that the process exists.
        if unsafe { libc::kill(pid, 0) } == 0 {
            return true;
        }
        io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// A pid that is surely not running: a child that has exited and been reaped.
    #[allow(clippy::unwrap_used)]
    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }

    #[test]
    fn the_lock_file_sits_beside_the_autosave() {
        let p = lock_path(Path::new("d"), "autumn-2025-7-0badcafe");
        assert_eq!(p, Path::new("d/autosave-autumn-2025-7-0badcafe.lock"));
    }

    #[test]
    fn a_held_lock_is_refused_and_released_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let lock = Lock::take(dir.path(), "g-1", "t1").unwrap();
        assert!(lock.held());
        let text = std::fs::read_to_string(lock.path()).unwrap();
        assert!(
            text.starts_with(&format!("{} ", std::process::id())),
            "{text}"
        );
        // Another live process on this host (the test's parent) holds it.
        let parent = std::os::unix::process::parent_id();
        let other = Holder {
            pid: parent,
            host: host_name(),
            since: "t0".into(),
        };
        std::fs::write(lock.path(), other.text()).unwrap();
        assert!(!lock.held(), "the file names another process now");
        match Lock::take(dir.path(), "g-1", "t2") {
            Err(LockError::Held(h)) => assert_eq!(h, other),
            other => panic!("expected held, got {other:?}"),
        }
        // Not ours any more: dropping leaves the other's file alone.
        drop(lock);
        assert!(lock_path(dir.path(), "g-1").exists());
        std::fs::remove_file(lock_path(dir.path(), "g-1")).unwrap();
        let lock = Lock::take(dir.path(), "g-1", "t3").unwrap();
        let path = lock.path().to_path_buf();
        lock.release();
        assert!(!path.exists(), "released");
    }

    #[test]
    fn stale_and_garbled_locks_are_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = lock_path(dir.path(), "g-2");
        let dead = Holder {
            pid: dead_pid(),
            host: host_name(),
            since: "t0".into(),
        };
        std::fs::write(&path, dead.text()).unwrap();
        assert!(!dead.alive());
        let lock = Lock::take(dir.path(), "g-2", "t1").unwrap();
        assert!(lock.held());
        drop(lock);
        for garbage in ["", "not a lock", "99999999999 x y", "\u{1b}[2J"] {
            std::fs::write(&path, garbage).unwrap();
            let lock = Lock::take(dir.path(), "g-2", "t1").unwrap();
            assert!(lock.held(), "{garbage:?}");
        }
    }

    #[test]
    fn a_lock_from_another_host_counts_as_held() {
        let dir = tempfile::tempdir().unwrap();
        let path = lock_path(dir.path(), "g-3");
        let far = Holder {
            pid: dead_pid(),
            host: format!("{}-elsewhere", host_name()),
            since: "2025-10-30T12:05:09Z.1-2".into(),
        };
        std::fs::write(&path, far.text()).unwrap();
        match Lock::take(dir.path(), "g-3", "t1") {
            Err(e @ LockError::Held(_)) => {
                let text = e.to_string();
                assert!(
                    text.contains("-elsewhere, since 2025-10-30T12:05:09Z"),
                    "{text}"
                );
            }
            other => panic!("expected held, got {other:?}"),
        }
    }
}
