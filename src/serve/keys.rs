//! The files `truce serve --init` makes beside the class file, never overwriting one: the host
//! key (so students never see "host identification has changed" between lectures), the class
//! key (which signs saves and keys Beijing's draw), and the class code it suggests.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::Path;

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The label the draw key is derived under: the raw class key never reaches the draw, so a
/// draw key that leaks (it is recorded in saves) tells nothing of the key that signs them, and
/// being one game's (the seed is mixed in) it tells nothing of any other game's Beijing.
const DRAW_LABEL: &[u8] = b"truce beijing draw v1";

/// Letters and digits a class code is made of: none that read alike on a projector.
const CODE_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// Writes `bytes` to a new file at `path`, readable by its owner only; an existing file is
/// an error (`AlreadyExists`), never replaced.
pub fn write_new_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// A fresh class code: eight characters in two groups, easy to read out (`k7mp-x2qd`).
pub fn new_code() -> String {
    let bytes: [u8; 8] = rand::random();
    let mut code = String::with_capacity(9);
    for (i, b) in bytes.iter().enumerate() {
        if i == 4 {
            code.push('-');
        }
        code.push(char::from(
            CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()],
        ));
    }
    code
}

/// The draw key for Beijing's hidden type in the game of `seed`: HMAC-SHA-256 of a fixed label
/// and the seed under the class key, as hex.
pub fn draw_key(class_key: &[u8], seed: u64) -> String {
    // HMAC takes a key of any length: `new_from_slice` cannot fail for it.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(class_key) else {
        return String::new();
    };
    mac.update(DRAW_LABEL);
    mac.update(&seed.to_le_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The largest class key file read, in bytes.
const MAX_KEY_BYTES: u64 = 4096;

/// Makes the class key file at `path`: 32 random bytes as hex, 0600, never over an existing
/// file. (The served games sign their saves with this key.)
pub fn create_class_key(path: &Path) -> io::Result<()> {
    let key: [u8; 32] = rand::random();
    let text: String = key.iter().map(|b| format!("{b:02x}")).collect();
    write_new_private(path, format!("{text}\n").as_bytes())
}

/// Reads the class key file at `path` (hex, as `create_class_key` writes it).
pub fn read_class_key(path: &Path) -> io::Result<Vec<u8>> {
    let text = crate::files::read_text(path, MAX_KEY_BYTES, "class key")
        .map_err(|e| io::Error::other(format!("{}: {e}", path.display())))?;
    let hex = text.trim();
    let bad = || io::Error::other(format!("{}: not a class key (hex digits)", path.display()));
    if hex.len() < 32 || hex.len() % 2 != 0 {
        return Err(bad());
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| {
            hex.get(i..i + 2)
                .and_then(|d| u8::from_str_radix(d, 16).ok())
        })
        .collect::<Option<Vec<u8>>>()
        .ok_or_else(bad)
}

#[cfg(all(unix, feature = "serve"))]
pub use host::{fingerprint, load_or_create_host_key};

#[cfg(all(unix, feature = "serve"))]
mod host {
    use std::io;
    use std::path::Path;

    use russh::keys::ssh_key::LineEnding;
    use russh::keys::{Algorithm, HashAlg, PrivateKey};

    /// The host key at `path`: read when it exists, else generated (Ed25519) and written, 0600.
    /// Returns the key and whether it was made now.
    pub fn load_or_create_host_key(path: &Path) -> io::Result<(PrivateKey, bool)> {
        if path.exists() {
            let key = PrivateKey::read_openssh_file(path).map_err(|e| {
                io::Error::other(format!(
                    "{}: not an OpenSSH private key: {e}",
                    path.display()
                ))
            })?;
            return Ok((key, false));
        }
        let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519)
            .map_err(|e| io::Error::other(format!("cannot make a host key: {e}")))?;
        let text = key
            .to_openssh(LineEnding::LF)
            .map_err(|e| io::Error::other(format!("cannot encode the host key: {e}")))?;
        super::write_new_private(path, text.as_bytes())?;
        Ok((key, true))
    }

    /// The key's SHA-256 fingerprint as `ssh` shows it (`SHA256:…`).
    pub fn fingerprint(key: &PrivateKey) -> String {
        key.fingerprint(HashAlg::Sha256).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_fresh_and_readable() {
        let a = new_code();
        assert_eq!(a.len(), 9);
        assert_ne!(a, new_code());
        assert!(a.bytes().all(|b| b == b'-' || CODE_ALPHABET.contains(&b)));
    }

    #[test]
    fn the_draw_key_is_keyed_and_stable() {
        assert_eq!(draw_key(b"k1", 7), draw_key(b"k1", 7));
        assert_ne!(draw_key(b"k1", 7), draw_key(b"k2", 7));
        assert_ne!(draw_key(b"k1", 7), draw_key(b"k1", 8));
        assert_eq!(draw_key(b"k1", 7).len(), 64);
    }

    #[test]
    fn a_class_key_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("class.key");
        create_class_key(&p).unwrap();
        assert_eq!(read_class_key(&p).unwrap().len(), 32);
        assert!(create_class_key(&p).is_err());
        std::fs::write(dir.path().join("bad"), "zz").unwrap();
        assert!(read_class_key(&dir.path().join("bad")).is_err());
    }

    #[test]
    fn private_files_are_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("k");
        write_new_private(&p, b"one").unwrap();
        let e = write_new_private(&p, b"two").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
