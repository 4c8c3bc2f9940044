//! The frozen corpus: every save any release wrote still loads. The files under
//! `tests/fixtures/compat/` are never regenerated; a failure here is fixed in the code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

fn corpus() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compat");
    let mut files = Vec::new();
    for version in fs::read_dir(&root).expect("the corpus folder exists") {
        let version = version.expect("a corpus entry").path();
        if !version.is_dir() {
            continue;
        }
        for file in fs::read_dir(&version).expect("a version folder reads") {
            let path = file.expect("a corpus file").path();
            if path.extension().is_some_and(|e| e == "ron") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn the_corpus_is_not_empty() {
    // A moved folder must not turn the test below into a silent pass.
    assert!(corpus().len() >= 15, "the compat corpus has gone missing");
}

#[test]
fn every_save_of_every_release_loads() {
    let mut failures = Vec::new();
    for path in corpus() {
        match truce::persist::load_game(&path) {
            Ok(loaded) => assert!(
                !loaded.game.history.is_empty(),
                "{}: loaded with no moves replayed",
                path.display()
            ),
            Err(e) => failures.push(format!("{}: {e}", path.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "saves that no longer load:\n{}",
        failures.join("\n")
    );
}
