//! Atomic file replacement: a reader (or a crash) sees the old file or the new one, never half.
//!
//! Write a temporary file (`tempfile`) in the target's directory, so the rename stays on one
//! filesystem; flush and `sync_all` it, rename it over the target, then sync the directory on
//! Unix so the rename itself is durable. Any failure removes the temporary file.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::persist::names::{TEMP_SUFFIX, is_temp_name, temp_prefix};

/// Writes `bytes` to `path` atomically, creating the directory if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, bytes, |_| Ok(()))
}

/// As `write_atomic`, calling `before_rename(temp_path)` after the temporary file is written and
/// synced and before it is renamed. An error from the hook aborts the write as any failure does:
/// the target is untouched and the temporary file removed. Tests use it to simulate a crash.
pub fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    before_rename: impl FnOnce(&Path) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if dir.exists() && !dir.is_dir() {
        // Otherwise `create_dir_all` says "File exists", which reads as if the save were there.
        return Err(io::Error::new(
            io::ErrorKind::NotADirectory,
            format!(
                "the save folder {} is a file, not a folder",
                crate::persist::names::show_path(&dir)
            ),
        ));
    }
    fs::create_dir_all(&dir)?;
    // `.truce-<stem>.XXXXXX.tmp`, created exclusively; removed on drop unless persisted.
    let mut temp = tempfile::Builder::new()
        .prefix(&temp_prefix(path))
        .suffix(TEMP_SUFFIX)
        .rand_bytes(6)
        .tempfile_in(&dir)?;
    temp.write_all(bytes)?;
    temp.flush()?;
    temp.as_file().sync_all()?;
    before_rename(temp.path())?;
    temp.persist(path).map_err(|e| e.error)?;
    sync_dir(&dir);
    Ok(())
}

/// How old a leftover temporary file must be before a listing removes it: old enough that no
/// running game can still be writing it.
pub const STALE_TEMP: Duration = Duration::from_secs(24 * 60 * 60);

/// Removes our temporary files in `dir` older than `STALE_TEMP` (left by a crash or a kill
/// mid-write); returns how many went. Only regular files of our naming are touched.
pub fn remove_stale_temps(dir: &Path, now: SystemTime) -> usize {
    let Ok(read) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for item in read.flatten() {
        let name = item.file_name();
        if !is_temp_name(&name.to_string_lossy()) {
            continue;
        }
        // `symlink_metadata`: a link is never followed, so nothing outside the folder goes.
        let Ok(meta) = fs::symlink_metadata(item.path()) else {
            continue;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age > STALE_TEMP);
        if meta.is_file() && old && fs::remove_file(item.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Makes the rename durable. Some filesystems refuse to sync a directory; the data itself is
/// already synced and the rename done, so that is not worth failing the save over.
#[cfg(unix)]
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn replaces_the_file_and_leaves_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/game.ron");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(names(&dir.path().join("sub")), ["game.ron"]);
    }

    #[test]
    fn a_failure_between_write_and_rename_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("game.ron");
        write_atomic(&path, b"old contents").unwrap();
        let mut seen = None;
        let err = write_atomic_with(&path, b"new contents", |temp| {
            // The new bytes are fully on disk in the temporary file at this point.
            assert_eq!(fs::read(temp).unwrap(), b"new contents");
            seen = Some(temp.to_path_buf());
            Err(io::Error::other("simulated crash"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "simulated crash");
        assert_eq!(fs::read(&path).unwrap(), b"old contents");
        assert!(!seen.unwrap().exists());
        assert_eq!(names(dir.path()), ["game.ron"]);
    }
}
