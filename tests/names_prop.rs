//! Property: any string given as a save name, or read from a file as a game id, names a file
//! inside the save folder: one component, no `..`, no control character, short enough with its
//! temporary suffix, and writing it creates exactly that file in the folder.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use proptest::prelude::*;
use truce::persist::names::{MAX_FILE_BYTES, temp_prefix};
use truce::persist::{GameInfo, SaveStore, write_atomic};

/// Checks one path the store made for `input` and writes it.
fn stays_inside(dir: &Path, path: &Path, input: &str) -> Result<(), TestCaseError> {
    prop_assert_eq!(path.parent(), Some(dir), "{:?} → {}", input, path.display());
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    prop_assert!(name.ends_with(".ron"), "{name}");
    prop_assert!(!name.starts_with('.'), "{name}");
    prop_assert!(!name.contains(['/', '\\', ':', '\0']), "{name}");
    prop_assert!(!name.contains(".."), "{name}");
    prop_assert!(!name.chars().any(char::is_control), "{name:?}");
    // The temporary file adds its prefix, six random characters and `.tmp`.
    let temp = temp_prefix(path).len() + 6 + 4;
    prop_assert!(
        name.len() <= MAX_FILE_BYTES && temp <= MAX_FILE_BYTES,
        "{name}"
    );
    write_atomic(path, b"x").map_err(|e| TestCaseError::fail(format!("{input:?}: {e}")))?;
    let listed: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| TestCaseError::fail(e.to_string()))?
        .flatten()
        .map(|e| e.path())
        .collect();
    prop_assert!(listed.contains(&path.to_path_buf()), "{listed:?}");
    Ok(())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[./\\\\~:\u{0}-\u{1f}\u{7f}-\u{9f}a-z]{0,40}",
        "(\\.\\./|/|~/|[A-Z]:\\\\)[a-z./]{0,20}",
        "[\u{1d49c}-\u{1d4b5}]{50,80}",
        "(autosave|con|nul|com1)[a-z.]{0,5}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_name_or_id_stays_in_the_folder(input in any_text()) {
        let root = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let dir = root.path().join("saves");
        let store = SaveStore::new(&dir);
        stays_inside(&dir, &store.path_for_name(&input), &input)?;
        let info = GameInfo { id: input.clone(), name: String::new(), ..GameInfo::default() };
        stays_inside(&dir, &store.autosave_path(&info), &input)?;
        stays_inside(&dir, &store.save_path(&info), &input)?;
        // Nothing anywhere else under the temp root.
        let outside = std::fs::read_dir(root.path())
            .map_err(|e| TestCaseError::fail(e.to_string()))?
            .flatten()
            .filter(|e| e.path() != dir)
            .count();
        prop_assert_eq!(outside, 0);
    }
}
