//! Where saves live: `--save-dir` if given, else `TRUCE_SAVE_DIR`, else the platform data
//! directory (on Linux `$XDG_DATA_HOME/truce/saves`, by default `~/.local/share/truce/saves`).

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The environment variable that overrides the default save directory.
pub const SAVE_DIR_ENV: &str = "TRUCE_SAVE_DIR";

/// Where the save directory came from, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirSource {
    /// The `--save-dir` flag.
    Flag,
    /// The `TRUCE_SAVE_DIR` environment variable.
    Env,
    /// The platform data directory.
    Default,
}

/// The save directory: the flag wins over the environment, the environment over the default.
/// Reads `TRUCE_SAVE_DIR` and the platform directories; `None` only when no home directory can
/// be found and nothing was given.
pub fn save_dir(flag: Option<&Path>) -> Option<(PathBuf, DirSource)> {
    resolve(flag, std::env::var_os(SAVE_DIR_ENV), default_dir)
}

/// The precedence rule on its own, with the environment and default passed in (for tests).
/// An empty value counts as unset.
pub fn resolve(
    flag: Option<&Path>,
    env: Option<OsString>,
    default: impl FnOnce() -> Option<PathBuf>,
) -> Option<(PathBuf, DirSource)> {
    if let Some(f) = flag.filter(|f| !f.as_os_str().is_empty()) {
        return Some((f.to_path_buf(), DirSource::Flag));
    }
    if let Some(e) = env.filter(|e| !e.is_empty()) {
        return Some((PathBuf::from(e), DirSource::Env));
    }
    default().map(|d| (d, DirSource::Default))
}

/// The platform data directory for the app.
pub fn default_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "truce").map(|p| p.data_dir().join("saves"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d() -> Option<PathBuf> {
        Some(PathBuf::from("default"))
    }

    #[test]
    fn flag_beats_env_beats_default() {
        let flag = Path::new("flag");
        let env = || Some(OsString::from("env"));
        assert_eq!(
            resolve(Some(flag), env(), d),
            Some((PathBuf::from("flag"), DirSource::Flag))
        );
        assert_eq!(
            resolve(None, env(), d),
            Some((PathBuf::from("env"), DirSource::Env))
        );
        assert_eq!(
            resolve(None, None, d),
            Some((PathBuf::from("default"), DirSource::Default))
        );
        assert_eq!(
            resolve(None, Some(OsString::new()), d),
            Some((PathBuf::from("default"), DirSource::Default))
        );
        assert_eq!(resolve(None, None, || None), None);
    }
}
