//! Input and records in the real binary, in a pseudo-terminal. A paste of 5 KB, marked as a
//! terminal with bracketed paste sends it and raw as one without sends it, is read whole: the
//! game is idle afterwards (its CPU time over a 2 s wait stays near zero, where crossterm's 1 KB
//! reads once left it spinning at 100%), the name prompt holds the paste capped to its length,
//! and no key inside the paste acted: no name was accepted, no move made, no autosave written.
//! And two terminals on one game: the second is told it is open elsewhere, and the first leaves
//! no lock behind when a hang-up ends it.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::time::Duration;

mod pty;
use pty::Pty;

/// Paste markers, as a terminal with bracketed paste on sends them around the text.
const START: &str = "\x1b[200~";
const END: &str = "\x1b[201~";

/// The hostile paste: 5 KB of words with line breaks (each an Enter to a terminal), tabs and an
/// escape sequence in it.
fn paste_text() -> String {
    let line = "Pasted words\tfrom a document\x1b[31m in red\r";
    line.repeat(5 * 1024 / line.len() + 1)
}

/// The user and system CPU time the process has used, in seconds (`/proc/<pid>/stat`).
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("read stat");
    let after = &stat[stat.rfind(')').expect("comm") + 2..];
    let fields: Vec<&str> = after.split(' ').collect();
    // After the name: state is field 3, utime 14 and stime 15 (1-based, proc(5)).
    let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    // SAFETY: sysconf only reads a system constant.
    let per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    let ticks = u32::try_from(ticks).expect("a test's CPU ticks fit");
    let per_second = u32::try_from(per_second).expect("ticks per second");
    f64::from(ticks) / f64::from(per_second)
}

/// CPU seconds the game uses over 2 s with nobody typing.
fn idle_cpu(s: &Pty) -> f64 {
    let pid = s.child.process_id().expect("pid");
    let before = cpu_seconds(pid);
    std::thread::sleep(Duration::from_secs(2));
    cpu_seconds(pid) - before
}

/// A session with no remembered name, so the title screen asks for one.
fn unnamed(home: &Path) -> Pty {
    let config = home.join("config");
    std::fs::create_dir_all(&config).unwrap();
    let saves = home.join("saves");
    let xdg = home.join("xdg");
    let env = [
        ("TRUCE_SAVE_DIR", saves.as_path()),
        ("HOME", home),
        ("XDG_DATA_HOME", xdg.as_path()),
        ("TRUCE_CONFIG_DIR", config.as_path()),
    ];
    let s = Pty::start_with(&["--seed", "7"], &env);
    s.wait_for("Your name");
    s
}

/// The text after "Name: " on the name prompt's row, up to the cursor mark.
fn name_field(screen: &str) -> String {
    let row = screen
        .lines()
        .find(|l| l.contains("Name: "))
        .unwrap_or_else(|| panic!("no name field:\n{screen}"));
    let after = &row[row.find("Name: ").unwrap() + "Name: ".len()..];
    after.split('▏').next().unwrap_or("").to_string()
}

/// What the cleaned paste puts in the 40-character name field. Raw, the escape sequence is
/// read as one (unknown) key and carries no text; marked, its ESC alone is dropped.
fn expected_name(marked: bool) -> String {
    let text = paste_text();
    let text = if marked {
        text
    } else {
        text.replace("\x1b[31m", "")
    };
    let cleaned: String = text
        .chars()
        .map(|c| if c == '\t' || c == '\r' { ' ' } else { c })
        .filter(|c| !c.is_control())
        .collect();
    cleaned.chars().take(truce::config::MAX_NAME).collect()
}

fn no_autosave(home: &Path) {
    let saves = home.join("saves");
    let files: Vec<_> = std::fs::read_dir(&saves)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".ron"))
                .collect()
        })
        .unwrap_or_default();
    assert!(files.is_empty(), "a paste wrote {files:?}");
}

fn paste_into_the_name_prompt(marked: bool) {
    let home = tempfile::tempdir().unwrap();
    let mut s = unnamed(home.path());
    let text = paste_text();
    assert!(text.len() >= 5 * 1024);
    if marked {
        s.send(&format!("{START}{text}{END}"));
    } else {
        s.send(&text);
    }
    let want = expected_name(marked);
    let screen = s.wait_for(&want);
    let cpu = idle_cpu(&s);
    eprintln!("CPU in 2 s idle after a 5 KB paste (marked: {marked}): {cpu:.2} s");
    assert!(
        cpu < 0.3,
        "the game used {cpu:.2} s of CPU in 2 s after a 5 KB paste"
    );
    let screen_after = s.screen();
    assert_eq!(screen, screen_after, "the screen changed while idle");
    assert_eq!(name_field(&screen).trim_end(), want.trim_end());
    // The Enters in the paste accepted nothing: the prompt is still up, nothing was written.
    assert!(screen.contains("Your name"), "{screen}");
    no_autosave(home.path());
    // Keys typed afterwards are keys again, at once.
    s.send("\u{7f}");
    let mut shorter = want.clone();
    shorter.pop();
    let screen = s.wait_for(&format!("Name: {shorter}▏"));
    assert!(screen.contains("Your name"));
}

#[test]
fn a_bracketed_5kb_paste_is_read_whole_and_is_only_text() {
    paste_into_the_name_prompt(true);
}

#[test]
fn a_raw_5kb_paste_is_read_whole_and_is_only_text() {
    paste_into_the_name_prompt(false);
}

#[test]
fn a_paste_on_the_table_makes_no_move() {
    let mut s = Pty::start(&["--seed", "7"]);
    s.open_the_table();
    // Every byte a key that would change the package or propose it.
    let keys = "ll\rjl\r ".repeat(800);
    s.send(&format!("{START}{keys}{END}"));
    s.wait_for("Pasted text ignored");
    s.send(&keys);
    let cpu = idle_cpu(&s);
    assert!(
        cpu < 0.3,
        "the game used {cpu:.2} s of CPU in 2 s after a paste"
    );
    let screen = s.screen();
    assert!(screen.contains("Week 1 of 11"), "{screen}");
    assert!(screen.contains("Pasted text ignored"), "{screen}");
    let saves = s.saves();
    let files: Vec<_> = std::fs::read_dir(&saves)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".ron"))
                .collect()
        })
        .unwrap_or_default();
    assert!(files.is_empty(), "a paste made a move: {files:?}");
    s.quit_cleanly();
    // Bracketed paste was switched off on the way out, before the screen was left.
    let bytes = String::from_utf8_lossy(&s.bytes()).into_owned();
    let on = bytes
        .rfind("\x1b[?2004h")
        .expect("bracketed paste switched on");
    let off = bytes
        .rfind("\x1b[?2004l")
        .expect("bracketed paste switched off");
    assert!(off > on);
}

#[test]
fn a_second_terminal_on_one_game_is_told_it_is_open_elsewhere() {
    let home = tempfile::tempdir().unwrap();
    let saves = home.path().join("saves");
    std::fs::create_dir_all(&saves).unwrap();
    let scenario = std::sync::Arc::new(truce::scenario::resolve("autumn-2025").unwrap());
    let info = truce::persist::GameInfo::new(&scenario, 7, "stamp-e2e");
    let mut game = truce::engine::Game::new(scenario, 7);
    game.apply(truce::engine::Action::Hold).unwrap();
    let file = saves.join("week-2.ron");
    truce::persist::save_game(&file, &game, &info, "2025-10-30T12:00:00Z").unwrap();
    let file = file.to_str().unwrap();
    let locks = || -> Vec<String> {
        std::fs::read_dir(&saves)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".lock"))
            .collect()
    };
    let mut first = Pty::start_in(&["load", file], home.path());
    first.wait_for("Week 2 of 11");
    assert_eq!(locks().len(), 1, "the game in play is locked");
    let pid = first.child.process_id().unwrap();
    let mut second = Pty::start_in(&["load", file], home.path());
    second.wait_for("Review it read-only instead?");
    second.wait_for(&format!("open in another terminal (process {pid}"));
    second.send("n");
    let status = second.wait_exit();
    assert!(status.success(), "{status:?}");
    pty::assert_restored(&second.bytes());
    assert_eq!(locks().len(), 1, "the second terminal took nothing");
    // The first ends on a hang-up: autosaved, and its lock gone with it.
    first.signal(libc::SIGHUP);
    first.wait_exit();
    assert!(locks().is_empty(), "a lock was left behind: {:?}", locks());
}
