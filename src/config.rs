//! The player's settings kept between games: for now, the player's name (asked once, then
//! remembered in the platform config directory, or in `TRUCE_CONFIG_DIR` when set).

use std::io;
use std::path::{Path, PathBuf};

use crate::persist::read::{ReadError, read_text};

/// The environment variable that overrides the config directory (tests, shared lab machines).
pub const CONFIG_DIR_ENV: &str = "TRUCE_CONFIG_DIR";

/// The file inside the config directory that holds the player's name.
const PLAYER_FILE: &str = "player.txt";

/// The longest name kept, in characters: enough for a full name, short enough for a table.
pub const MAX_NAME: usize = crate::persist::names::MAX_PLAYER_CHARS;

/// The config directory: `TRUCE_CONFIG_DIR`, else the platform's (`None` without a home).
pub fn config_dir() -> Option<PathBuf> {
    match std::env::var_os(CONFIG_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => directories::ProjectDirs::from("", "", "truce").map(|d| d.config_dir().to_path_buf()),
    }
}

/// A name as kept (`persist::names::clean_name`: line breaks, controls and bidirectional
/// characters gone, spaces trimmed, at most `MAX_NAME` characters); `None` when nothing is left.
pub fn clean_name(name: &str) -> Option<String> {
    let kept = crate::persist::names::clean_name(name, MAX_NAME);
    (!kept.is_empty()).then_some(kept)
}

/// The largest player file read, in bytes: a name of `MAX_NAME` characters is at most 160.
pub const MAX_PLAYER_BYTES: u64 = 4096;

/// The remembered player name, if any. A missing file is no name; so is one that is not a
/// regular file (a FIFO, a link to `/dev/zero`), is larger than `MAX_PLAYER_BYTES` or is not
/// text: the player is asked again, at once, and the name typed replaces the file.
pub fn load_player() -> Option<String> {
    read_player(&config_dir()?.join(PLAYER_FILE)).ok().flatten()
}

/// Reads a player file as saves are read (`persist::read`): a regular file only, opened without
/// blocking, at most `MAX_PLAYER_BYTES`; its first line, cleaned.
pub fn read_player(path: &Path) -> Result<Option<String>, ReadError> {
    let text = read_text(path, MAX_PLAYER_BYTES, "player name file")?;
    Ok(clean_name(text.lines().next().unwrap_or("")))
}

/// Remembers the player's name for the next game.
pub fn save_player(name: &str) -> io::Result<()> {
    let Some(dir) = config_dir() else {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            "no config directory (set TRUCE_CONFIG_DIR)",
        ));
    };
    std::fs::create_dir_all(&dir)?;
    let name = clean_name(name).unwrap_or_default();
    crate::persist::write_atomic(&dir.join(PLAYER_FILE), format!("{name}\n").as_bytes())
}

/// The file inside the config directory whose presence says the guided first week was read
/// or skipped.
const GUIDE_FILE: &str = "guide.txt";

/// Whether the guided first week was read or skipped on this account. Only a regular file
/// counts (read as the player file is, bounded and without blocking); without a config
/// directory the guide is not shown, since it could never be marked as read.
pub fn guide_done() -> bool {
    config_dir()
        .is_none_or(|dir| read_text(&dir.join(GUIDE_FILE), MAX_PLAYER_BYTES, "guide file").is_ok())
}

/// Remembers that the guided first week was read or skipped.
pub fn save_guide_done() -> io::Result<()> {
    let Some(dir) = config_dir() else {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            "no config directory (set TRUCE_CONFIG_DIR)",
        ));
    };
    std::fs::create_dir_all(&dir)?;
    crate::persist::write_atomic(&dir.join(GUIDE_FILE), b"read\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A FIFO, a link to a device, a file past the cap and a file that is no text are each
    /// refused at once; a real file gives its first line. A FIFO would hang a plain read
    /// (no writer), and `/dev/zero` or a big file would fill memory.
    #[cfg(unix)]
    #[test]
    fn player_files_are_read_like_saves() {
        let dir = tempfile::tempdir().expect("temp dir");
        let at = |name: &str| dir.path().join(name);
        std::fs::write(at("ok.txt"), "Ana Li\nsecond line\n").expect("write");
        assert_eq!(
            read_player(&at("ok.txt")).expect("reads"),
            Some("Ana Li".into())
        );
        let fifo = at("fifo.txt");
        let c = std::ffi::CString::new(fifo.to_str().expect("utf-8 path")).expect("no NUL");
        // SAFETY: mkfifo on a NUL-terminated path in our own temp dir.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let start = std::time::Instant::now();
        let e = read_player(&fifo).expect_err("a FIFO is refused");
        assert!(e.to_string().contains("FIFO"), "{e}");
        std::os::unix::fs::symlink("/dev/zero", at("zero.txt")).expect("link");
        let e = read_player(&at("zero.txt")).expect_err("a device is refused");
        assert!(e.to_string().contains("device"), "{e}");
        let big = std::fs::File::create(at("big.txt")).expect("create");
        big.set_len(100 * 1024 * 1024)
            .expect("a sparse 100 MB file");
        let e = read_player(&at("big.txt")).expect_err("too big");
        assert!(
            e.to_string().contains("4096 bytes a player name file"),
            "{e}"
        );
        std::fs::write(at("bin.txt"), [0xff, 0xfe, b'x']).expect("write");
        assert!(read_player(&at("bin.txt")).is_err());
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
        // A missing file is an error here and no name for the game.
        assert!(read_player(&at("none.txt")).is_err());
    }

    #[test]
    fn names_are_cleaned() {
        assert_eq!(clean_name("  Ana Li \n"), Some("Ana Li".into()));
        assert_eq!(clean_name("\u{1b}[31m"), Some("[31m".into()));
        assert_eq!(clean_name("   "), None);
        assert_eq!(
            clean_name(&"x".repeat(100)).map(|n| n.chars().count()),
            Some(MAX_NAME)
        );
    }
}
