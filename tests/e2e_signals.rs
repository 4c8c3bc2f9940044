//! The real binary in a pseudo-terminal, ended by a signal: SIGTERM and SIGHUP must leave the
//! terminal as it was found (alternate screen left, cursor shown, raw mode off) and the game
//! autosaved. And a stop/continue (SIGTSTP, SIGCONT) leaves and re-enters the alternate screen
//! and redraws at once, without waiting for a resize.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::time::Instant;

mod pty;
use pty::{LEAVE_ALT_SCREEN, Pty, TIMEOUT, assert_restored};

/// Starts `truce --seed 7` with a temp home and save folder.
fn start() -> Pty {
    Pty::start(&["--seed", "7"])
}

/// The autosaves in the session's save folder.
fn autosaves(g: &Pty) -> Vec<PathBuf> {
    match std::fs::read_dir(g.saves()) {
        Ok(read) => read
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| name(p).starts_with("autosave-") && name(p).ends_with(".ron"))
            .collect(),
        Err(_) => Vec::new(),
    }
}

fn name(p: &Path) -> String {
    p.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

fn ended_by(signal: i32) {
    let mut g = start();
    g.open_the_table();
    assert!(g.raw(), "the game should have the terminal in raw mode");
    // No move yet, so no autosave: whatever appears is the signal's doing.
    assert!(autosaves(&g).is_empty(), "{:?}", autosaves(&g));
    g.signal(signal);
    let status = g.wait_exit();
    assert_eq!(
        status.exit_code(),
        128 + signal.cast_unsigned(),
        "{status:?}"
    );
    assert_restored(&g.bytes());
    assert!(!g.raw(), "raw mode was left on");
    let autosaves = autosaves(&g);
    assert_eq!(autosaves.len(), 1, "no autosave written on the signal");
    let lock = autosaves[0].with_extension("lock");
    assert!(!lock.exists(), "the game's lock was left behind");
    let loaded = truce::persist::load_game(&autosaves[0]).expect("the autosave loads");
    assert_eq!(loaded.game.seed, 7);
}

#[test]
fn sigterm_restores_the_terminal_and_autosaves() {
    ended_by(libc::SIGTERM);
}

#[test]
fn sighup_restores_the_terminal_and_autosaves() {
    ended_by(libc::SIGHUP);
}

#[test]
fn stop_and_continue_leave_and_redraw_the_screen() {
    let mut g = start();
    g.open_the_table();
    let before = g.bytes().len();
    g.signal(libc::SIGTSTP);
    // Stopped: the alternate screen was left and raw mode is off for the shell.
    let start = Instant::now();
    while !g.bytes()[before..].ends_with(LEAVE_ALT_SCREEN) {
        assert!(
            start.elapsed() < TIMEOUT,
            "the alternate screen was not left on SIGTSTP"
        );
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
    assert!(!g.raw(), "raw mode left on while stopped");
    let stopped = g.bytes().len();
    g.signal(libc::SIGCONT);
    // Continued: back on the alternate screen with the table redrawn, no resize needed.
    let start = Instant::now();
    loop {
        let tail = g.bytes()[stopped..].to_vec();
        let text = String::from_utf8_lossy(&tail);
        if text.contains("\x1b[?1049h") && text.contains("Week 1 of 11") {
            break;
        }
        assert!(
            start.elapsed() < TIMEOUT,
            "no redraw after SIGCONT: {text:?}"
        );
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
    assert!(g.raw(), "raw mode not restored after SIGCONT");
    g.quit_cleanly();
}
