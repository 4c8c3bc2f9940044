//! CLI output into a pipe whose reader has gone (`truce saves | head -1`): the command must end
//! quietly with success, not panic on the broken pipe as `println!` does.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Stdio};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs truce with stdout a pipe whose read end is already closed, so the first write fails
/// with EPIPE every time (no race with a reader). Returns the exit code and stderr.
fn into_closed_pipe(args: &[&str], home: &Path) -> (Option<i32>, String) {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let child = Command::new(env!("CARGO_BIN_EXE_truce"))
        .args(args)
        .current_dir(root())
        .env_remove("TRUCE_SAVE_DIR")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("xdg"))
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(Stdio::piped())
        .spawn()
        .expect("run truce");
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_closed_pipe_is_a_quiet_normal_exit() {
    let home = tempfile::tempdir().unwrap();
    let saves = root().join("saves");
    let saves = saves.to_str().expect("utf-8 path");
    let cases: &[&[&str]] = &[
        &["scenarios"],
        &[
            "validate",
            "saves/opening.ron",
            "assets/scenarios/autumn-2025.ron",
        ],
        &["saves", "--save-dir", saves],
        &["load", "--check", "saves/opening.ron"],
        &["simulate", "--games", "3"],
        &["simulate", "--games", "3", "--json"],
    ];
    for args in cases {
        let (code, err) = into_closed_pipe(args, home.path());
        assert!(!err.contains("panicked"), "truce {args:?} panicked: {err}");
        assert_eq!(code, Some(0), "truce {args:?}: {err}");
        assert!(err.is_empty(), "truce {args:?} complained: {err}");
    }
}

#[test]
fn a_shell_pipeline_into_head_is_quiet() {
    if !Path::new("/bin/sh").exists() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let out = Command::new("/bin/sh")
        .arg("-c")
        .arg("\"$0\" saves --save-dir saves | head -1; \"$0\" scenarios | head -c 1 >/dev/null")
        .arg(env!("CARGO_BIN_EXE_truce"))
        .current_dir(root())
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("xdg"))
        .output()
        .expect("run sh");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.is_empty(), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Saves in saves: "));
}
