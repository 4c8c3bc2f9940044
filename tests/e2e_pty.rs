//! The real binary in a pseudo-terminal: title, briefing, a proposal and China's answer, help,
//! why, then `q` `y`; the exit status is 0 and the terminal is restored. Then a save with `s`
//! resumed by `truce load FILE` in a new terminal, and a broken save refused before the
//! terminal is touched. Saves go to temp dirs (`TRUCE_SAVE_DIR`, `HOME`, `XDG_DATA_HOME`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

mod pty;
use pty::{Pty, TIMEOUT};

/// From the title through the briefing to the table of seed 7, then the first proposal:
/// tariffs to 20% and rare earths to general licences.
fn first_proposal(s: &mut Pty) {
    s.open_the_table();
    s.send("l");
    s.wait_for("‹20%›");
    s.send("jj");
    s.wait_for("‹slow licensing›");
    s.send("l");
    s.wait_for("‹general licences›");
    s.send("\r");
}

/// The rows of the dispatches panel (newest first), from a parsed 120×40 screen.
fn dispatches(screen: &str) -> Vec<String> {
    screen
        .lines()
        .skip_while(|l| !l.contains("Dispatches (newest first"))
        .skip(1)
        .take_while(|l| !l.starts_with('└'))
        .map(|l| l.trim_end().to_string())
        .filter(|l| !l.trim_matches(['│', ' ']).is_empty())
        .collect()
}

#[test]
fn play_a_week_read_why_and_quit_cleanly() {
    let mut s = Pty::start(&["--seed", "7"]);
    first_proposal(&mut s);
    let screen = s.wait_for("Week 2 of 11");
    assert!(
        screen.contains("Beijing counters") || screen.contains("Beijing accepts"),
        "no answer from Beijing on screen:\n{screen}"
    );
    s.send("?");
    s.wait_for("Help  (Esc or ? closes");
    s.wait_for("Keys: Everywhere");
    s.send("?");
    s.send("w");
    s.wait_for("Why did Beijing answer so?");
    s.wait_for("Value to Beijing");
    s.quit_cleanly();
    let bytes = s.bytes();
    let text = String::from_utf8_lossy(&bytes);
    // NO_COLOR was set: no colour may have been written.
    for code in ["\x1b[38;5;", "\x1b[38;2;", "\x1b[48;5;", "\x1b[48;2;"]
        .into_iter()
        .map(String::from)
        .chain((0..8).flat_map(|d| {
            [
                format!("\x1b[3{d}m"),
                format!("\x1b[9{d}m"),
                format!("\x1b[4{d}m"),
            ]
        }))
    {
        let at = text.find(&code);
        assert!(
            at.is_none(),
            "colour code {code:?} written under NO_COLOR: {:?}",
            at.map(|i| String::from_utf8_lossy(
                &bytes[i.saturating_sub(40)..(i + 40).min(bytes.len())]
            ))
        );
    }
}

#[test]
fn a_broken_scenario_reports_file_line_column_without_touching_the_terminal() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_truce"))
        .current_dir(dir)
        .args(["play", "--scenario", "tests/fixtures/broken-scenario.ron"])
        .output()
        .expect("run truce");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("tests/fixtures/broken-scenario.ron:3:"),
        "stderr: {stderr}"
    );
    assert!(
        out.stdout.is_empty(),
        "the terminal was touched: {:?}",
        out.stdout
    );
    assert!(!stderr.contains('\x1b'), "escape codes on stderr: {stderr}");
}

#[test]
fn save_quit_and_resume_with_truce_load() {
    let home = tempfile::tempdir().expect("temp dir");
    let dir = home.path().join("saves");
    let mut s = Pty::start_in(&["--seed", "7"], home.path());
    // Two turns: the first proposal, then the same package again.
    first_proposal(&mut s);
    s.wait_for("Week 2 of 11");
    s.send("\r");
    let played = s.wait_for("Week 3 of 11");
    let news = dispatches(&played);
    assert!(news.len() >= 3, "no dispatches on screen:\n{played}");
    // Save under the suggested name.
    s.send("s");
    s.wait_for("Save the game");
    s.wait_for("Week 3 – Autumn 2025 – seed 7");
    s.send("\r");
    s.wait_for("Saved: week-3-autumn-2025-seed-7.ron");
    s.quit_cleanly();
    let file = dir.join("week-3-autumn-2025-seed-7.ron");
    assert!(file.exists(), "no save at {}", file.display());
    // The autosave slot is there too.
    let autosaves = std::fs::read_dir(&dir)
        .expect("the save dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("autosave-"))
        .count();
    assert_eq!(autosaves, 1);

    // A new terminal: truce load FILE resumes exactly there.
    let file_arg = file.to_str().expect("utf-8 path");
    let mut r = Pty::start_in(&["load", file_arg], home.path());
    let resumed = r.wait_for("Week 3 of 11");
    let resumed = if dispatches(&resumed).is_empty() {
        r.wait_for("Dispatches (newest first")
    } else {
        resumed
    };
    assert!(
        resumed.contains("Loaded \"Week 3 – Autumn 2025 – seed 7\""),
        "{resumed}"
    );
    let again = dispatches(&resumed);
    assert_eq!(again[..3], news[..3], "the newest dispatches differ");
    assert_eq!(again, news);
    r.quit_cleanly();
}

#[test]
fn truce_load_of_a_broken_save_reports_before_touching_the_terminal() {
    let home = tempfile::tempdir().expect("temp dir");
    // A relative path (the session runs in the crate root) so the message fits on one line.
    let file_arg = "tests/fixtures/saves/truncated.ron";
    let saves = home.path().join("saves");
    let env = [("HOME", home.path()), ("TRUCE_SAVE_DIR", saves.as_path())];
    let mut s = Pty::start_with(&["load", file_arg], &env);
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 1, "{status:?}");
    let start = Instant::now();
    while !s.screen().contains("truncated") && start.elapsed() < TIMEOUT {
        std::thread::sleep(Duration::from_millis(30));
    }
    let screen = s.screen();
    assert!(
        screen.contains(&format!("{file_arg}:")),
        "no file:line:column message:\n{screen}"
    );
    let bytes = String::from_utf8_lossy(&s.bytes()).into_owned();
    assert!(
        !bytes.contains("\x1b[?1049h"),
        "the alternate screen was entered"
    );
    assert!(!bytes.contains("\x1b[?25l"), "the cursor was hidden");
}

#[test]
fn review_steps_through_a_save_with_the_arrow_keys() {
    let mut s = Pty::start(&["review", "saves/finished-deal.ron"]);
    s.wait_for("REVIEW");
    s.wait_for("Week 1 of 11 · the opening · step 0 of 10");
    // → twice: week 1's agenda moves, then week 2's first proposal and Beijing's answer.
    s.send("\x1b[C");
    s.wait_for("step 1 of 10");
    s.send("\x1b[C");
    let week2 = s.wait_for("Week 2 of 11 · 1 Sep 2025 · step 2 of 10");
    assert!(week2.contains("Beijing counters"), "{week2}");
    s.send("\x1b[D");
    s.wait_for("Week 1 of 11 · 25 Aug 2025 · step 1 of 10");
    s.send("\x1b[F");
    s.wait_for("step 10 of 10");
    // Esc leaves review mode, and the program, cleanly.
    s.send("\x1b");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    let text = String::from_utf8_lossy(&s.bytes()).into_owned();
    assert!(
        text.ends_with("\x1b[?1049l"),
        "the alternate screen was not left last"
    );
}

#[test]
fn the_name_is_asked_once_on_the_title_screen() {
    let home = tempfile::tempdir().expect("temp dir");
    let config = home.path().join("config");
    let saves = home.path().join("saves");
    let env = [
        ("HOME", home.path()),
        ("TRUCE_SAVE_DIR", saves.as_path()),
        ("TRUCE_CONFIG_DIR", config.as_path()),
    ];
    let mut s = Pty::start_with(&["play", "--class", "--seed", "7"], &env);
    s.wait_for("Your name");
    s.send("Ana");
    s.wait_for("Name: Ana");
    s.send("\r");
    s.wait_for("playing as Ana  · class mode");
    s.quit_cleanly();
    let kept = std::fs::read_to_string(config.join("player.txt")).expect("remembered");
    assert_eq!(kept.trim(), "Ana");
}

#[test]
fn the_dance_opens_in_review_and_the_instructor_panel_with_its_flag() {
    let mut s = Pty::start(&["review", "saves/finished-deal.ron"]);
    s.wait_for("step 0 of 10");
    s.send("\x1b[F");
    s.wait_for("step 10 of 10");
    s.send("d");
    let dance = s.wait_for("The dance to week");
    assert!(dance.contains("China walk-away"), "{dance}");
    // The finished-deal example makes six offers before its agreement.
    assert!(dance.contains("US offers 6"), "{dance}");
    s.send("d");
    s.wait_for("This week");
    s.send("\x1b");
    assert!(s.wait_exit().success());

    let mut s = Pty::start(&["play", "--seed", "7", "--instructor"]);
    s.wait_for("Choose a scenario");
    s.send("\r");
    s.wait_for("Briefing");
    s.send("\r");
    let table = s.wait_for("INSTRUCTOR");
    assert!(table.contains("If proposed now"), "{table}");
    s.send("i");
    let start = Instant::now();
    while s.screen().contains("INSTRUCTOR") {
        assert!(start.elapsed() < TIMEOUT, "i did not hide the panel");
        std::thread::sleep(Duration::from_millis(30));
    }
    s.quit_cleanly();
}
