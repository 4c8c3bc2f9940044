//! The mouse in the real binary: SGR mouse sequences (`ESC [ < 0 ; X ; Y M` press, `m`
//! release) typed into a pseudo-terminal select an agenda row and then a level on the ladder;
//! the game asks the terminal for the mouse and gives it back on the way out, and with
//! `--no-mouse` never asks for it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod pty;
use pty::Pty;

/// Asks the terminal to report buttons, in SGR form.
const CAPTURE_ON: &str = "\x1b[?1000h";
/// Stops button reports.
const CAPTURE_OFF: &str = "\x1b[?1000l";

/// The 0-based cell where `text` starts on the screen, at or below `from_row`.
fn find(screen: &str, text: &str, from_row: usize) -> (usize, usize) {
    for (y, line) in screen.lines().enumerate().skip(from_row) {
        if let Some(at) = line.find(text) {
            return (line[..at].chars().count(), y);
        }
    }
    panic!("{text:?} is not on screen:\n{screen}");
}

/// A left click at a 0-based cell, as an xterm sends it in SGR mode (1-based).
fn click(s: &mut Pty, (x, y): (usize, usize)) {
    let (x, y) = (x + 1, y + 1);
    s.send(&format!("\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m"));
}

#[test]
fn a_click_selects_a_row_and_another_chooses_a_level() {
    let scenario = truce::scenario::resolve("autumn-2025").unwrap();
    let farm = scenario.issue_index("farm").unwrap_or(3);
    let issue = &scenario.issues[farm];
    let mut s = Pty::start(&["--seed", "7"]);
    s.open_the_table();
    let screen = s.screen();
    let at = find(&screen, &format!("{} ", issue.short), 3);
    click(&mut s, (at.0 + 1, at.1));
    // The ladder of the selected issue is drawn under the agenda, titled with its name.
    s.wait_for(&format!(" {} ", issue.name));
    let level = (0..issue.levels.len())
        .find(|&l| l != issue.status_quo)
        .unwrap();
    let label = &issue.levels[level].label;
    let screen = s.screen();
    let spot = find(&screen, label, at.1 + 1);
    click(&mut s, spot);
    let screen = s.wait_for(&format!("‹{label}›"));
    assert!(
        screen.contains("Week 1 of 11"),
        "no move was made:\n{screen}"
    );
    let bytes = String::from_utf8_lossy(&s.bytes()).into_owned();
    assert!(bytes.contains(CAPTURE_ON), "the mouse was never asked for");
    s.quit_cleanly();
    let bytes = String::from_utf8_lossy(&s.bytes()).into_owned();
    let on = bytes.rfind(CAPTURE_ON).unwrap();
    assert!(
        bytes.rfind(CAPTURE_OFF).is_some_and(|off| off > on),
        "the mouse was not given back"
    );
}

#[test]
fn at_80x24_a_click_selects_a_row_and_the_marks_step_its_level() {
    let scenario = truce::scenario::resolve("autumn-2025").unwrap();
    let farm = scenario.issue_index("farm").unwrap_or(3);
    let issue = &scenario.issues[farm];
    let mut s = Pty::start(&["--seed", "7"]);
    s.open_the_table();
    s.resize(80, 24);
    // The compact layout: the header's week is short, the side panel has tabs.
    s.wait_for("Week 1/11");
    let screen = s.wait_for("Tab panel");
    let at = find(&screen, &format!("{} ", issue.short), 3);
    click(&mut s, (at.0 + 1, at.1));
    let first = &issue.levels[issue.status_quo].label;
    let screen = s.wait_for(&format!("‹{first}›"));
    // › is →: the next level up.
    let right = find(&screen, "›", at.1);
    assert_eq!(right.1, at.1, "the mark is on the selected row:\n{screen}");
    click(&mut s, right);
    let next = &issue.levels[issue.status_quo + 1].label;
    s.wait_for(&format!("‹{next}›"));
    s.quit_cleanly();
}

#[test]
fn no_mouse_leaves_the_mouse_to_the_terminal() {
    let mut s = Pty::start(&["--no-mouse", "--seed", "7"]);
    s.open_the_table();
    s.wait_for("m mouse on");
    s.quit_cleanly();
    let bytes = String::from_utf8_lossy(&s.bytes()).into_owned();
    assert!(!bytes.contains(CAPTURE_ON), "the mouse was asked for");
}
