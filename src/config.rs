//! The player's settings kept between games: for now, the player's name (asked once, then
//! remembered in the platform config directory, or in `TRUCE_CONFIG_DIR` when set).

use std::io;
use std::path::PathBuf;

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

/// The remembered player name, if any (a missing or unreadable file is no name).
pub fn load_player() -> Option<String> {
    let path = config_dir()?.join(PLAYER_FILE);
    let text = std::fs::read_to_string(path).ok()?;
    clean_name(text.lines().next().unwrap_or(""))
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

#[cfg(test)]
mod tests {
    use super::*;

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
