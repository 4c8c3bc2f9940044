//! Reading a file that may be hostile (a save, a scenario, `player.txt`, a registry): only a regular file (after following links), never more
//! than a cap, and never blocking. A FIFO named `x.ron` or a link to `/dev/zero` is refused at
//! once with a message saying what it is, instead of hanging or filling memory. Below every
//! layer that reads a file, so `scenario` and `persist` share it without naming each other.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// The largest save read, in bytes (an honest save of a whole game is under 200 KB).
pub const MAX_SAVE_BYTES: u64 = 8 * 1024 * 1024;
/// The largest scenario file read, in bytes (the built-in one is under 40 KB).
pub const MAX_SCENARIO_BYTES: u64 = 2 * 1024 * 1024;

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The operating system refused (missing, no permission…).
    #[error("{}", io_words(.0))]
    Io(#[from] io::Error),
    /// Not a regular file: a folder, a FIFO, a device, a socket.
    #[error("not a regular file but {0}: only files are read")]
    NotAFile(&'static str),
    /// Larger than the cap.
    #[error("the file is {size} bytes, more than the {limit} bytes a {what} may have")]
    TooBig {
        /// Its size (at least this: it may still be growing).
        size: u64,
        /// The cap.
        limit: u64,
        /// "save" or "scenario".
        what: &'static str,
    },
    /// Not UTF-8 text.
    #[error("the file is not UTF-8 text (byte {0} is not)")]
    NotText(usize),
}

impl ReadError {
    /// The underlying I/O error kind, when there is one.
    pub fn io_kind(&self) -> Option<io::ErrorKind> {
        match self {
            ReadError::Io(e) => Some(e.kind()),
            _ => None,
        }
    }
}

/// An I/O error in words a player can act on, without the "(os error N)" tail.
pub fn io_words(e: &io::Error) -> String {
    use io::ErrorKind as K;
    let text = match e.kind() {
        K::NotFound => "no such file or folder".to_string(),
        K::PermissionDenied => "permission denied".to_string(),
        // Our own message (the save folder itself is a file) says which.
        K::NotADirectory if e.raw_os_error().is_none() => e.to_string(),
        K::NotADirectory => "part of that path is a file, not a folder".to_string(),
        K::IsADirectory => "it is a folder, not a file".to_string(),
        K::AlreadyExists => "a file of that name is in the way".to_string(),
        K::ReadOnlyFilesystem => "the disk is read-only".to_string(),
        K::StorageFull => "the disk is full".to_string(),
        _ => e.to_string(),
    };
    match text.find(" (os error ") {
        Some(i) if text.ends_with(')') => text[..i].to_string(),
        _ => text,
    }
}

/// What kind of non-regular file this is, in words.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}

/// Opens without blocking: on Unix `O_NONBLOCK`, so opening a FIFO with no writer returns at
/// once (and is then refused as not a regular file) instead of waiting forever.
fn open(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Reads a regular file of at most `limit` bytes as UTF-8 text; `what` ("save", "scenario")
/// names the cap in the message. Links are followed; the type is checked on the opened file,
/// so a file swapped after a check cannot slip through.
pub fn read_text(path: &Path, limit: u64, what: &'static str) -> Result<String, ReadError> {
    // A first look without opening: opening some devices has effects (a tape rewinds).
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile(kind_of(&meta)));
    }
    let file = open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile(kind_of(&meta)));
    }
    if meta.len() > limit {
        return Err(ReadError::TooBig {
            size: meta.len(),
            limit,
            what,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // One byte past the cap tells a file that grew since the check.
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooBig {
            size: bytes.len() as u64,
            limit,
            what,
        });
    }
    let mut text =
        String::from_utf8(bytes).map_err(|e| ReadError::NotText(e.utf8_error().valid_up_to()))?;
    // A byte-order mark (some Windows editors add one) is not part of the text: left in, it
    // would hide a save's `TruceSave(` tag and make RON refuse the first character.
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_file_and_refuses_what_is_not_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        std::fs::write(&path, "hello").unwrap();
        assert_eq!(read_text(&path, 10, "save").unwrap(), "hello");
        let e = read_text(&path, 3, "save").unwrap_err();
        assert!(e.to_string().contains("5 bytes"), "{e}");
        let e = read_text(dir.path(), 10, "save").unwrap_err();
        assert!(e.to_string().contains("a folder"), "{e}");
        std::fs::write(&path, b"\xff\xfe").unwrap();
        assert!(matches!(
            read_text(&path, 10, "save"),
            Err(ReadError::NotText(0))
        ));
        let e = read_text(&dir.path().join("none"), 10, "save").unwrap_err();
        assert_eq!(e.to_string(), "no such file or folder");
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_without_reading() {
        let e = read_text(Path::new("/dev/zero"), 10, "save").unwrap_err();
        assert!(e.to_string().contains("a device"), "{e}");
    }
}
