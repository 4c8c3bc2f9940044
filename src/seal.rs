//! Signed saves: a class key (32 random bytes, kept by the instructor beside the class file)
//! and the seal a game played under it puts on every save it writes, an HMAC-SHA256 of the
//! save's whole text. `truce report --class-key` tells a save the class's own games wrote
//! (verified) from one made or edited anywhere else (unsigned or forged).
//!
//! The seal is the save's last line, a RON comment:
//! `// class seal: hmac-sha256 <64 hex digits>`. RON ignores comments, so a sealed save loads
//! in any build (and an old or unsigned save is simply unsigned); the seal covers every byte
//! before its line, so any edit there, or anything added after it, breaks it.
//!
//! Pure functions over bytes, plus the key file's creation and bounded reading.

use std::fmt;
use std::io::{self, Write};
use std::path::Path;

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::files::{ReadError, io_words, read_text};

/// The environment variable naming the class key file a game signs its saves with (set by
/// `truce serve` for the games it spawns; read once by the command line).
pub const KEY_ENV: &str = "TRUCE_CLASS_KEY_FILE";

/// How a seal line starts; what follows is the MAC in lower-case hex, then the line's end.
pub const SEAL_MARK: &str = "// class seal: hmac-sha256 ";

/// Mixed into every MAC so a class key used for something else (deriving a served class's
/// hidden draw, say) can never produce a valid seal by accident.
const DOMAIN: &[u8] = b"truce save seal v1\n";

/// The largest key file read: a key is one short line and a comment.
const MAX_KEY_BYTES: u64 = 4096;

/// The bytes a key holds.
pub const KEY_BYTES: usize = 32;

type HmacSha256 = Hmac<Sha256>;

/// A class's secret key. Its `Debug` never shows the bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct ClassKey([u8; KEY_BYTES]);

impl fmt::Debug for ClassKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ClassKey({})", self.fingerprint())
    }
}

/// Why a key file could not be made or read.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// The file is there already: a key is never replaced (every save sealed with it would
    /// stop verifying).
    #[error("{file}: a file is there already; a class key is never overwritten")]
    Exists {
        /// The key file.
        file: String,
    },
    /// Reading failed (missing, not a regular file, too big, not text).
    #[error("{file}: cannot read the class key: {source}")]
    Read {
        /// The key file.
        file: String,
        /// Why.
        source: ReadError,
    },
    /// Writing failed.
    #[error("{file}: cannot write the class key: {}", io_words(.source))]
    Write {
        /// The key file.
        file: String,
        /// Why.
        source: io::Error,
    },
    /// The operating system gave no random bytes.
    #[error("no random bytes from the operating system for a class key: {0}")]
    Random(String),
    /// The text is not a key.
    #[error("{file}:{line}:1: not a class key: {why}")]
    Malformed {
        /// The key file.
        file: String,
        /// The line at fault.
        line: usize,
        /// What is wrong.
        why: &'static str,
    },
}

impl ClassKey {
    /// A key of these bytes (tests, and keys derived elsewhere).
    pub fn from_bytes(bytes: [u8; KEY_BYTES]) -> ClassKey {
        ClassKey(bytes)
    }

    /// A fresh key from the operating system's random source.
    pub fn generate() -> Result<ClassKey, KeyError> {
        use rand::TryRng;
        let mut bytes = [0u8; KEY_BYTES];
        rand::rngs::SysRng
            .try_fill_bytes(&mut bytes)
            .map_err(|e| KeyError::Random(e.to_string()))?;
        Ok(ClassKey(bytes))
    }

    /// Makes a new key and writes it to `path`, readable by its owner only (0600 on Unix):
    /// written whole to a temporary file beside it, then linked into place only if nothing is
    /// there, so a key is never half-written and never replaces another.
    pub fn create(path: &Path) -> Result<ClassKey, KeyError> {
        let file = path.display().to_string();
        if std::fs::symlink_metadata(path).is_ok() {
            return Err(KeyError::Exists { file });
        }
        let key = ClassKey::generate()?;
        let write = |source| KeyError::Write {
            file: file.clone(),
            source,
        };
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        };
        std::fs::create_dir_all(&dir).map_err(write)?;
        let mut builder = tempfile::Builder::new();
        builder.prefix(".truce-key.").suffix(".tmp");
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600));
        let mut temp = builder.tempfile_in(&dir).map_err(write)?;
        temp.write_all(key.file_text().as_bytes()).map_err(write)?;
        temp.as_file().sync_all().map_err(write)?;
        match temp.persist_noclobber(path) {
            Ok(_) => Ok(key),
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => {
                Err(KeyError::Exists { file })
            }
            Err(e) => Err(write(e.error)),
        }
    }

    /// Reads a key file written by `create`: comment lines (`#`) and blank lines are passed
    /// over; exactly one line of 64 hex digits must remain.
    pub fn load(path: &Path) -> Result<ClassKey, KeyError> {
        let file = path.display().to_string();
        let text =
            read_text(path, MAX_KEY_BYTES, "class key").map_err(|source| KeyError::Read {
                file: file.clone(),
                source,
            })?;
        ClassKey::parse(&text, &file)
    }

    /// A key from the text of a key file; `file` names it in messages.
    pub fn parse(text: &str, file: &str) -> Result<ClassKey, KeyError> {
        let bad = |line, why| KeyError::Malformed {
            file: file.to_string(),
            line,
            why,
        };
        let mut found = None;
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if found.is_some() {
                return Err(bad(i + 1, "more than one key line"));
            }
            let bytes = from_hex(line).ok_or_else(|| bad(i + 1, "expected 64 hex digits"))?;
            found = Some(ClassKey(bytes));
        }
        found.ok_or_else(|| bad(1, "the file holds no key line"))
    }

    /// The text of a key file.
    fn file_text(&self) -> String {
        format!(
            "# A Truce class key: it signs the saves of the class's games. Keep it secret (never\n\
             # show it to students) and keep it: saves signed with it verify only with it.\n\
             {}\n",
            hex(&self.0)
        )
    }

    /// A short name for the key that reveals nothing of it (the start of its SHA-256), to
    /// tell two keys apart on a screen.
    pub fn fingerprint(&self) -> String {
        let digest = Sha256::digest(self.0);
        hex(digest.get(..6).unwrap_or(&[]))
    }

    /// A key for another use, derived from this one: HMAC-SHA256 under the class key of
    /// `label` (naming the use, so no two uses share a key, nor any with the seal's `DOMAIN`)
    /// and `data`. The class server derives each game's draw key this way: the class key never
    /// leaves the server, and a derived key tells nothing of it.
    pub fn derive(&self, label: &[u8], data: &[u8]) -> [u8; 32] {
        // HMAC takes a key of any length: this never fails.
        let mut mac =
            <HmacSha256 as Mac>::new_from_slice(&self.0).unwrap_or_else(|_| unreachable_mac());
        mac.update(label);
        mac.update(data);
        mac.finalize().into_bytes().into()
    }

    fn mac(&self) -> HmacSha256 {
        // HMAC takes a key of any length: this never fails.
        let mut mac =
            <HmacSha256 as Mac>::new_from_slice(&self.0).unwrap_or_else(|_| unreachable_mac());
        mac.update(DOMAIN);
        mac
    }
}

/// HMAC accepts keys of every length, so `new_from_slice` cannot fail; should it ever, a MAC
/// under an all-zero key is made instead, which no real class key's seals match.
#[cold]
fn unreachable_mac() -> HmacSha256 {
    HmacSha256::new(&Default::default())
}

/// A save's seal: the MAC of its content under a class key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seal([u8; 32]);

impl Seal {
    /// The seal's line, ending in a line break, to put after the content.
    pub fn line(&self) -> String {
        format!("{SEAL_MARK}{}\n", hex(&self.0))
    }
}

/// What a save's seal says under a class key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Sealed with this key, and not a byte changed since.
    Verified,
    /// No seal at all (a save from outside a served class, or an older one).
    Unsigned,
    /// A seal that does not match: an edit, another key, or a made-up seal.
    Forged,
}

impl Verdict {
    /// Whether the class key vouches for the save.
    pub fn verified(self) -> bool {
        self == Verdict::Verified
    }

    /// How a report words it.
    pub fn word(self) -> &'static str {
        match self {
            Verdict::Verified => "verified",
            Verdict::Unsigned | Verdict::Forged => "unverified",
        }
    }

    /// Why, in a few words.
    pub fn detail(self) -> &'static str {
        match self {
            Verdict::Verified => "signed with the class key",
            Verdict::Unsigned => "not signed",
            Verdict::Forged => "signature does not match",
        }
    }
}

/// The seal of `content` under `key`.
pub fn seal(key: &ClassKey, content: &[u8]) -> Seal {
    let mut mac = key.mac();
    mac.update(content);
    Seal(mac.finalize().into_bytes().into())
}

/// `text` with its seal line after it: a seal already at its end is replaced, and a line
/// break is added first when the text lacks one.
pub fn sign(key: &ClassKey, text: &str) -> String {
    let body = match split(text.as_bytes()) {
        Some((content, _)) => text.get(..content.len()).unwrap_or(text),
        None => text,
    };
    let mut out = body.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    let line = seal(key, out.as_bytes()).line();
    out.push_str(&line);
    out
}

/// Checks a save's seal under `key`. No seal mark anywhere: unsigned. Otherwise the last mark
/// must start the file's last line, hold exactly a MAC, and match everything before it.
pub fn verify(key: &ClassKey, text: impl AsRef<[u8]>) -> Verdict {
    let text = text.as_ref();
    if find_last(text, SEAL_MARK.as_bytes()).is_none() {
        return Verdict::Unsigned;
    }
    let Some((content, mac_hex)) = split(text) else {
        return Verdict::Forged;
    };
    let Some(claimed) = std::str::from_utf8(mac_hex).ok().and_then(from_hex) else {
        return Verdict::Forged;
    };
    let mut mac = key.mac();
    mac.update(content);
    // Constant time: a forger learns nothing from how long a wrong seal takes to refuse.
    if mac.verify_slice(&claimed).is_ok() {
        Verdict::Verified
    } else {
        Verdict::Forged
    }
}

/// A sealed text's content and the seal's hex digits, when its last line is a well-formed
/// seal line (with or without a final line break) starting where a line starts.
fn split(text: &[u8]) -> Option<(&[u8], &[u8])> {
    let at = find_last(text, SEAL_MARK.as_bytes())?;
    if at > 0 && text.get(at - 1) != Some(&b'\n') {
        return None;
    }
    let rest = text.get(at + SEAL_MARK.len()..)?;
    let digits = rest.strip_suffix(b"\n").unwrap_or(rest);
    let well_formed = digits.len() == 64
        && digits
            .iter()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    well_formed.then(|| (text.get(..at).unwrap_or_default(), digits))
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// 64 hex digits (either case) as 32 bytes.
fn from_hex(text: &str) -> Option<[u8; 32]> {
    if text.len() != 64 || !text.is_ascii() {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(n: u8) -> ClassKey {
        ClassKey::from_bytes([n; KEY_BYTES])
    }

    #[test]
    fn a_signed_text_verifies_under_its_key_only() {
        let signed = sign(&key(1), "TruceSave(version: 3)\n");
        assert!(signed.starts_with("TruceSave(version: 3)\n// class seal: hmac-sha256 "));
        assert_eq!(verify(&key(1), &signed), Verdict::Verified);
        assert_eq!(verify(&key(2), &signed), Verdict::Forged);
        assert_eq!(verify(&key(1), "TruceSave()\n"), Verdict::Unsigned);
    }

    #[test]
    fn the_seal_matches_the_rfc_4231_construction() {
        // HMAC-SHA256 over the domain line then the content, as any HMAC tool computes it.
        let k = key(0x0b);
        let mut mac = <HmacSha256 as Mac>::new_from_slice(&[0x0b; 32]).unwrap();
        mac.update(b"truce save seal v1\nabc");
        let want: [u8; 32] = mac.finalize().into_bytes().into();
        assert_eq!(seal(&k, b"abc"), Seal(want));
    }

    #[test]
    fn any_edit_or_addition_breaks_it() {
        let signed = sign(&key(1), "name: \"Ana\"\nweek: 3\n");
        let edited = signed.replace("week: 3", "week: 9");
        assert_eq!(verify(&key(1), &edited), Verdict::Forged);
        let appended = format!("{signed}// more\n");
        assert_eq!(verify(&key(1), &appended), Verdict::Forged);
        let no_break = signed.trim_end_matches('\n');
        assert_eq!(verify(&key(1), no_break), Verdict::Verified);
        let stripped = signed.lines().next().unwrap_or_default();
        assert_eq!(verify(&key(1), stripped), Verdict::Unsigned);
    }

    #[test]
    fn signing_again_replaces_the_seal() {
        let once = sign(&key(1), "a\n");
        let twice = sign(&key(1), &once);
        assert_eq!(once, twice);
        let other = sign(&key(2), &once);
        assert_eq!(verify(&key(2), &other), Verdict::Verified);
        assert_eq!(other.matches(SEAL_MARK).count(), 1);
    }

    #[test]
    fn key_files_are_created_once_private_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("class.key");
        let made = ClassKey::create(&path).unwrap();
        assert_eq!(ClassKey::load(&path).unwrap(), made);
        let again = ClassKey::create(&path).unwrap_err();
        assert!(matches!(again, KeyError::Exists { .. }), "{again}");
        assert_eq!(ClassKey::load(&path).unwrap(), made);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert!(!format!("{made:?}").contains(&hex(&made.0)));
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "a temporary file was left behind");
    }

    #[test]
    fn bad_key_files_say_why() {
        let err = ClassKey::parse("# only a comment\n", "k").unwrap_err();
        assert_eq!(
            err.to_string(),
            "k:1:1: not a class key: the file holds no key line"
        );
        let err = ClassKey::parse("# c\nabc\n", "k").unwrap_err();
        assert_eq!(
            err.to_string(),
            "k:2:1: not a class key: expected 64 hex digits"
        );
        let dir = tempfile::tempdir().unwrap();
        let err = ClassKey::load(&dir.path().join("none")).unwrap_err();
        assert!(err.to_string().contains("no such file"), "{err}");
        let big = dir.path().join("big");
        std::fs::write(&big, vec![b'#'; 5000]).unwrap();
        assert!(ClassKey::load(&big).is_err());
    }
}
