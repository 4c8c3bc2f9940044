//! A newcomer's first game in the real binary, at 80×24 and 120×40 (issue 18): no name known
//! and no guide read; Enter through the empty name prompt, a seed typed on the title screen,
//! the guided first week read to its end, a click on an agenda row and one on a level (the
//! ladder's at 120×40, the agenda's › at 80×24), a proposal, and China's counter accepted
//! through the menu, which opens on Hold and asks first (by key at 120×40, by a click on its
//! line at 80×24). A second launch in the same config shows no guide. Then seed 17's accept in
//! the summit's week, which goes through the summit.
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
        // No ladder at 80×24: the selected level's › is a button that steps it up.
        let (x, y) = find(&screen, "‹slow licensing›", 0);
        click(&mut s, (x + "‹slow licensing".chars().count(), y));
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

/// The keys that move issue `id` of autumn-2025 from its status quo to `label`.
fn level_keys(id: &str, label: &str) -> String {
    let s = truce::scenario::resolve("autumn-2025").expect("built-in");
    let issue = &s.issues[s.issue_index(id).expect("issue")];
    let to = issue
        .levels
        .iter()
        .position(|l| l.label == label)
        .expect("level");
    let from = issue.status_quo;
    if to >= from {
        "l".repeat(to - from)
    } else {
        "h".repeat(from - to)
    }
}

/// Seed 17, as a player played it (issue 18): open capacity and fentanyl; propose tariffs 20%,
/// pause, general licences, 25 Mt, demand measures, verified, working groups; hold five times;
/// propose the same until the summit's week; there `a`, the accept, Enter. The accept asks
/// first, then goes through the summit (Beijing's last ask), not straight to the debrief.
#[test]
fn accepting_in_the_summit_week_goes_through_the_summit_scene() {
    let mut s = Pty::start(&["--seed", "17"]);
    s.wait_for("Seed 17");
    s.send("\r");
    s.wait_for("Briefing");
    s.send("\r");
    s.wait_for("Week 1 of 11");
    // Rows: tariffs 0, chips 1, rare earths 2, farm 3, … capacity 6, fentanyl 7, enforcement 9.
    let rows = [
        ("tariffs", "20%"),
        ("export_controls", "pause affiliates"),
        ("rare_earths", "general licences"),
        ("farm", "25 Mt a year"),
        ("energy", ""),
        ("investment", ""),
        ("excess_capacity", "demand measures"),
        ("fentanyl", "verified"),
        ("russian_oil", ""),
        ("enforcement", "working groups"),
    ];
    for (k, (id, label)) in rows.iter().enumerate() {
        if k > 0 {
            s.send("j");
        }
        if matches!(*id, "excess_capacity" | "fentanyl") {
            s.send(" ");
            s.wait_for("days of preparation move the date");
        }
        if !label.is_empty() {
            s.send(&level_keys(id, label));
            s.wait_for(&format!("‹{label}›"));
        }
    }
    s.send("\r");
    s.wait_for("Beijing counters");
    for _ in 0..5 {
        let week = week_of(&s.screen());
        s.send("x");
        s.wait_for(&format!("Week {} of 11", week + 1));
    }
    while !s.screen().contains("SUMMIT THIS WEEK") {
        let week = week_of(&s.screen());
        assert!(week < 10, "past the summit:\n{}", s.screen());
        s.send("\r");
        s.wait_for(&format!("Week {} of 11", week + 1));
    }
    if !s.screen().contains("a counter-offer waits") {
        // Not the counter the player saw on this model: nothing to accept.
        s.quit_cleanly();
        return;
    }
    s.send("a");
    s.wait_for("▶ Hold: working-level talks");
    s.send(UP);
    s.wait_for("▶ Accept China's counter-offer");
    s.send("\r");
    s.wait_for("the leaders take it up at once");
    s.send("y");
    let screen = s.wait_for("last ask");
    assert!(
        !screen.contains("Debrief"),
        "the accept skipped the summit:\n{screen}"
    );
    s.quit_cleanly();
}

/// The week the header shows ("Week N of 11").
fn week_of(screen: &str) -> u32 {
    let at = screen.find("Week ").expect("a week on screen") + 5;
    screen[at..]
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a week number")
}
