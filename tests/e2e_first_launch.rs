//! A newcomer's first game in the real binary, at 80×24 and 120×40 (issue 18): no name known
//! and no guide read; Enter through the empty name prompt, a seed typed on the title screen,
//! the guided first week read to its end, a click on an agenda row and (where the ladder shows)
//! on a level, a proposal, and China's counter accepted through the menu, which opens on Hold
//! and asks first (by key at 120×40, by a click on its line at 80×24). A second launch in the same config shows no guide.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::time::{Duration, Instant};

mod pty;
use pty::{Pty, TIMEOUT};

const UP: &str = "\x1b[A";

/// Where `text` first shows on a line at or after `from` (0-based column and row).
fn find(screen: &str, text: &str, from: usize) -> (usize, usize) {
    screen
        .lines()
        .enumerate()
        .skip(from)
        .find_map(|(y, line)| {
            let at = line.find(text)?;
            Some((line[..at].chars().count(), y))
        })
        .unwrap_or_else(|| panic!("{text:?} not on screen:\n{screen}"))
}

/// A left click at a 0-based cell, as a terminal reports it (SGR: 1-based, press and release).
fn click(s: &mut Pty, (x, y): (usize, usize)) {
    s.send(&format!(
        "\x1b[<0;{};{}M\x1b[<0;{};{}m",
        x + 1,
        y + 1,
        x + 1,
        y + 1
    ));
}

/// Waits until the screen no longer shows `text`.
fn wait_gone(s: &Pty, text: &str) -> String {
    let start = Instant::now();
    loop {
        let screen = s.screen();
        if !screen.contains(text) {
            return screen;
        }
        assert!(
            start.elapsed() < TIMEOUT,
            "{text:?} stayed on screen:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(30));
    }
}

/// A session in `home` with `config` as its config folder, in a terminal of `size`.
fn launch(home: &Path, config: &Path, size: (u16, u16)) -> Pty {
    let saves = home.join("saves");
    let xdg = home.join("xdg");
    let env = [
        ("TRUCE_SAVE_DIR", saves.as_path()),
        ("HOME", home),
        ("XDG_DATA_HOME", xdg.as_path()),
        ("TRUCE_CONFIG_DIR", config),
    ];
    Pty::start_sized(&[], &env, size)
}

fn first_game(size: (u16, u16)) {
    let home = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let mut s = launch(home.path(), config.path(), size);
    // The name prompt: Enter on nothing plays without a name.
    s.wait_for("Your name");
    s.send("\r");
    wait_gone(&s, "Your name");
    // A seed typed on the title screen.
    s.wait_for("Choose a scenario");
    s.send("7");
    let title = s.wait_for("Seed 7▏");
    assert!(title.contains("Teaches:"), "{title}");
    s.send("\r");
    s.wait_for("Briefing");
    s.send("\r");
    // The guided first week, page by page.
    for page in 1..=4 {
        s.wait_for(&format!("Your first week ({page}/4)"));
        s.send("\r");
    }
    let table = wait_gone(&s, "Your first week");
    assert!(table.contains("US value"), "{table}");
    assert!(
        config.path().join("guide.txt").is_file(),
        "the guide is remembered as read"
    );
    // Tariffs to 20%; a click on the rare earths row selects it, and (where the ladder of
    // levels shows) a click on "general licences" chooses it; then propose.
    s.send("l");
    let screen = s.wait_for("‹20%›");
    click(&mut s, find(&screen, "Rare earths", 0));
    let screen = s.wait_for("‹slow licensing›");
    if size.0 >= 110 {
        let ladder = find(&screen, "Level", find(&screen, "Enforcement", 0).1).1;
        click(&mut s, find(&screen, "general licences", ladder));
    } else {
        s.send("l");
    }
    s.wait_for("‹general licences›");
    s.send("\r");
    let week2 = s.wait_for("Week 2");
    assert!(week2.contains("Beijing counters"), "{week2}");
    // The menu opens on Hold; one up is the accept, which asks first (at 80×24 a click on its
    // line takes it, as Enter does).
    s.send("a");
    let menu = s.wait_for("▶ Hold: working-level talks");
    if size.0 >= 110 {
        s.send(UP);
        s.wait_for("▶ Accept China's counter-offer");
        s.send("\r");
    } else {
        click(&mut s, find(&menu, "Accept China's counter-offer", 0));
    }
    s.wait_for("Are you sure?");
    s.wait_for("It binds both sides");
    s.send("y");
    s.wait_for("You take Beijing's counter-offer");
    s.quit_cleanly();
    // A second launch: the guide has been read and never shows again.
    let mut again = launch(home.path(), config.path(), size);
    again.wait_for("Your name");
    again.send("\x1b");
    wait_gone(&again, "Your name");
    again.send("\r");
    again.wait_for("Briefing");
    again.send("\r");
    let screen = again.wait_for("Week 1");
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        !again.screen().contains("Your first week"),
        "the guide again:\n{screen}"
    );
    again.quit_cleanly();
}

#[test]
fn a_newcomers_first_game_at_80x24() {
    first_game((80, 24));
}

#[test]
fn a_newcomers_first_game_at_120x40() {
    first_game((120, 40));
}
