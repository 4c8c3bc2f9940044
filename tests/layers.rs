//! The layer rules, read from the source: the command line and everything below the UI never
//! name the UI (only the binary, `main.rs`, joins them); `ai` and `scenario` never name the
//! engine; no source file grows past 600 lines.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, with its path relative to the crate root.
fn sources(dir: &Path) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut todo: Vec<PathBuf> = vec![root.join(dir)];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).expect("read a source dir") {
            let path = entry.expect("a dir entry").path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("read a source file");
                let rel = path.strip_prefix(root).expect("under the root");
                out.push((rel.to_string_lossy().replace('\\', "/"), text));
            }
        }
    }
    assert!(!out.is_empty(), "no sources under {}", dir.display());
    out
}

/// The lines of `files` that name the module path `needle` (`crate::ui`) in code: the path
/// itself, or its last part inside a `use crate::{…}` group on one line. Comment lines are
/// passed over.
fn naming(files: &[(String, String)], needle: &str) -> Vec<String> {
    let (root, module) = needle.rsplit_once("::").expect("a module path");
    let group = format!("{root}::{{");
    let names = |l: &str| {
        l.contains(needle)
            || l.split_once(group.as_str()).is_some_and(|(_, rest)| {
                rest.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .any(|word| word == module)
            })
    };
    let names = &names;
    files
        .iter()
        .flat_map(|(path, text)| {
            text.lines()
                .enumerate()
                .filter(move |(_, l)| !l.trim_start().starts_with("//") && names(l))
                .map(move |(i, l)| format!("{path}:{}: {}", i + 1, l.trim()))
        })
        .collect()
}

#[test]
fn nothing_outside_the_ui_names_the_ui() {
    let files: Vec<_> = sources(Path::new("src"))
        .into_iter()
        .filter(|(path, _)| !path.starts_with("src/ui/") && path != "src/main.rs")
        .collect();
    let found = naming(&files, "crate::ui");
    assert!(
        found.is_empty(),
        "the UI named below it:\n{}",
        found.join("\n")
    );
    // The canary: the rule reads real code (the binary does join cli and ui).
    let main = sources(Path::new("src"))
        .into_iter()
        .filter(|(path, _)| path == "src/main.rs")
        .collect::<Vec<_>>();
    assert!(!naming(&main, "truce::ui").is_empty());
}

#[test]
fn ai_and_scenario_do_not_name_the_engine() {
    for dir in ["src/ai", "src/scenario"] {
        let found = naming(&sources(Path::new(dir)), "crate::engine");
        assert!(
            found.is_empty(),
            "{dir} names the engine:\n{}",
            found.join("\n")
        );
    }
}

#[test]
fn no_source_file_is_over_600_lines() {
    let mut long: Vec<String> = ["src", "tests", "benches"]
        .iter()
        .flat_map(|d| sources(Path::new(d)))
        .filter(|(_, text)| text.lines().count() > 600)
        .map(|(path, text)| format!("{path}: {} lines", text.lines().count()))
        .collect();
    long.sort();
    assert!(long.is_empty(), "split these:\n{}", long.join("\n"));
}
