//! The files `truce serve --init` makes beside the class file, never overwriting one: the host
//! key (so students never see "host identification has changed" between lectures), the class
//! key (which signs saves and keys Beijing's draw), and the class code it suggests.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::Path;

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
/// and the seed under the class key (`ClassKey::derive`), as hex.
pub fn draw_key(class_key: &crate::seal::ClassKey, seed: u64) -> String {
    class_key
        .derive(DRAW_LABEL, &seed.to_le_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
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
        use crate::seal::ClassKey;
        let (k1, k2) = (ClassKey::from_bytes([1; 32]), ClassKey::from_bytes([2; 32]));
        assert_eq!(draw_key(&k1, 7), draw_key(&k1, 7));
        assert_ne!(draw_key(&k1, 7), draw_key(&k2, 7));
        assert_ne!(draw_key(&k1, 7), draw_key(&k1, 8));
        assert_eq!(draw_key(&k1, 7).len(), 64);
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
