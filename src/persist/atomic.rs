//! Atomic file replacement: a reader (or a crash) sees the old file or the new one, never half.
//!
//! Write a temporary file (`tempfile`) in the target's directory, so the rename stays on one
//! filesystem; flush and `sync_all` it, rename it over the target, then sync the directory on
//! Unix so the rename itself is durable. Any failure removes the temporary file. New files get
//! the process umask's mode (0644 under 022), never tempfile's 0600.
//!
//! `write_output` is the command line's `-o FILE`: atomic for a regular file or a new path,
//! written through for anything else (a device, a FIFO, a symbolic link's target), refused for
//! a folder.

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
    let prefix = temp_prefix(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX).rand_bytes(6);
    // tempfile creates 0600 by default; asking for 0666 lets the process umask decide, as any
    // new file: 0644 under the usual 022, so a class folder's saves are readable by the
    // instructor's account. A replaced file takes the new mode too.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temp = builder.tempfile_in(&dir)?;
    temp.write_all(bytes)?;
    temp.flush()?;
    temp.as_file().sync_all()?;
    before_rename(temp.path())?;
    temp.persist(path).map_err(|e| e.error)?;
    sync_dir(&dir);
    Ok(())
}

/// Writes a command's output (`-o FILE`) as a user expects of it:
/// - a regular file or a path that does not exist yet: atomically (`write_atomic`);
/// - `/dev/stdout` or `/dev/stderr`: to this process's own stream, so `>> log` keeps appending;
/// - a symbolic link: through it, to its target (created if missing), the link kept;
/// - a device, a FIFO or a socket: opened and written in place, never replaced by a file;
/// - a folder, or a path ending in `/`: an `IsADirectory` error naming it.
pub fn write_output(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if path == Path::new("/dev/stdout") {
        return own_stream(io::stdout().lock(), bytes);
    }
    if path == Path::new("/dev/stderr") {
        return own_stream(io::stderr().lock(), bytes);
    }
    let text = path.as_os_str().to_string_lossy();
    let folder = text.ends_with('/') || fs::metadata(path).is_ok_and(|m| m.is_dir());
    if folder || text.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "it is a folder: name a file to write (a new one, or one to replace)",
        ));
    }
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => write_atomic(path, bytes),
        Err(e) => Err(e),
        Ok(meta) if meta.is_file() => write_atomic(path, bytes),
        Ok(meta) => {
            // A link is followed (its target is written, or created when missing); a device
            // or a FIFO is written as it is: truncating one means nothing, creating one is
            // never wanted.
            let mut file = fs::OpenOptions::new()
                .write(true)
                .create(meta.file_type().is_symlink())
                .truncate(fs::metadata(path).is_ok_and(|m| m.is_file()))
                .open(path)?;
            file.write_all(bytes)?;
            file.flush()
        }
    }
}

fn own_stream(mut out: impl Write, bytes: &[u8]) -> io::Result<()> {
    out.write_all(bytes)?;
    out.flush()
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
