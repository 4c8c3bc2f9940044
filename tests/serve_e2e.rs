//! `truce serve` end to end with the real OpenSSH client on loopback: sign in, reach week 1,
//! propose, hang up, find the autosave under the student's name, reconnect and find the game
//! resumed; a resize reaches the game; a client with no pty plays at 80×24; no game is left
//! behind when a client goes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(unix)]

use std::time::Duration;

mod serve;
use serve::{Class, autosaves, wait_until};

#[test]
fn sign_in_play_hang_up_and_resume() {
    let mut class = Class::new(|t| t);
    class.start();
    let mut ada = class.connect("Ada Lovelace");
    let title = ada.wait_for("Your class's scenario");
    assert!(title.contains("playing as Ada Lovelace"), "{title}");
    assert!(title.contains("class mode"), "{title}");
    ada.open_the_table();
    ada.propose();
    let log = class.wait_log("game Ada Lovelace seed 7");
    assert!(log.contains("sign-in Ada Lovelace from 127.0.0.1"), "{log}");
    // The student closes the laptop: the game autosaves and is gone within seconds.
    ada.kill();
    class.wait_log("hang-up Ada Lovelace");
    wait_until("the game ends", Duration::from_secs(10), || {
        class.children().is_empty()
    });
    let saves = autosaves(&class.saves(), "ada-lovelace");
    assert_eq!(saves.len(), 1, "{saves:?}");
    let check = serve::truce(
        &["load", "--check", saves[0].to_str().unwrap()],
        class.dir.path(),
    );
    let said = String::from_utf8_lossy(&check.stdout);
    assert!(said.contains("week 2"), "{said} {check:?}");
    // Beijing was drawn with the game's draw key, recorded in the save (which replayed above);
    // the class key itself is nowhere in it.
    let text = std::fs::read_to_string(&saves[0]).unwrap();
    assert!(text.contains("draw_key: Some(\""), "{text}");
    let class_key = std::fs::read_to_string(class.dir.path().join("class.key")).unwrap();
    assert!(!text.contains(class_key.trim()));
    // The served save is sealed with the class key; a game made elsewhere and dropped into the
    // class folder is not: `truce report --class` tells them apart.
    assert!(text.contains("// class seal: hmac-sha256 "), "{text}");
    let made = serve::truce(
        &[
            "simulate",
            "--games",
            "1",
            "--strategy",
            "hawk",
            "--save-to",
            class.saves().to_str().unwrap(),
        ],
        class.dir.path(),
    );
    assert!(made.status.success(), "{made:?}");
    let report = serve::truce(
        &["report", "--class", "class.ron", "--csv"],
        class.dir.path(),
    );
    assert!(report.status.success(), "{report:?}");
    let csv = String::from_utf8_lossy(&report.stdout);
    let row = |needle: &str| {
        csv.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no row for {needle}:\n{csv}"))
            .to_string()
    };
    assert!(row("Ada Lovelace").contains(",verified,"), "{csv}");
    assert!(row("hawk").contains(",unverified,"), "{csv}");
    // Back again: the same game, at week 2.
    let mut again = class.connect("ada lovelace ");
    again.wait_for("Your class's scenario");
    again.send("\r");
    again.wait_for("Briefing");
    again.send("\r");
    let screen = again.wait_for("your unfinished game is back at week 2");
    assert!(screen.contains("Week 2 of 11"), "{screen}");
    again.send("q");
    again.wait_for("Quit Truce?");
    again.send("y");
    let status = again.wait_exit();
    assert!(status.success(), "{status:?}");
    class.wait_log("finished ada lovelace (exit 0)");
}

#[test]
fn a_resize_reaches_the_game_and_no_size_plays_at_80_by_24() {
    let mut class = Class::new(|t| t);
    class.start();
    let mut bo = class.connect("Bo");
    let screen = bo.wait_for("Your class's scenario");
    assert!(last_row(&bo).contains("Enter briefing"), "{screen}");
    // A key answered first: the game is reading its terminal's events (a window change that
    // came before it first looked would be one it never hears of, as in any terminal).
    // (A served class plays its own scenario, so the key opens the help and closes it.)
    bo.send("?");
    bo.wait_for("Esc or ? closes");
    bo.send("?");
    wait_until("the help closed", serve::TIMEOUT, || {
        !bo.screen().contains("Esc or ? closes")
    });
    bo.resize(90, 30);
    // The game redraws at the new size: its footer is on the new last row.
    wait_until("a redraw at 90x30", serve::TIMEOUT, || {
        last_row(&bo).contains("Enter briefing")
    });
    // No pty asked for: the game still gets one, of 80×24.
    let mut plain = class.ssh("-Cy", serve::CODE, &["-T"], 100, 30);
    plain.read_at(80, 24);
    let screen = plain.wait_for("Your class's scenario");
    assert!(last_row(&plain).contains("Enter briefing"), "{screen}");
    assert!(screen.contains("playing as -Cy"), "{screen}");
    assert!(!plain.rows()[22].contains("Enter briefing"));
    // No colour beyond what TERM announces: the client sent xterm-256color, never COLORTERM,
    // so no 24-bit colour is written.
    assert!(
        !bo.text().contains("\x1b[38;2;"),
        "truecolour without COLORTERM"
    );
}

/// The last row of the client's screen, at its current size.
fn last_row(ssh: &serve::Ssh) -> String {
    ssh.rows().last().cloned().unwrap_or_default()
}

#[test]
fn a_roster_pick_and_a_per_student_seed() {
    let mut class = Class::new(|t| {
        t.replace(
            "roster: None",
            r#"roster: Some(["Ada Lovelace", "Alan Turing"])"#,
        )
        .replace("seed: Class(7)", "seed: PerStudent(7)")
    });
    class.start();
    let alan = class.connect("2");
    let title = alan.wait_for("Your class's scenario");
    assert!(title.contains("playing as Alan Turing"), "{title}");
    let seed = truce::serve::SeedRule::PerStudent(7).seed_for("Alan Turing");
    assert!(title.contains(&format!("Seed {seed}")), "{title}");
    class.wait_log(&format!("game Alan Turing seed {seed}"));
    // A name not on the list is asked again, then refused.
    let mut eve = class.ssh("Eve", serve::CODE, &["-tt"], 80, 24);
    assert!(!eve.wait_exit().success());
    assert!(
        eve.text().contains("not on the class list"),
        "{}",
        eve.text()
    );
}

#[test]
fn stopping_the_server_saves_and_ends_every_game() {
    let mut class = Class::new(|t| t);
    class.start();
    let mut ada = class.connect("Ada");
    ada.open_the_table();
    ada.propose();
    let games = class.children();
    assert_eq!(games.len(), 1);
    class.stop();
    let log = class.log();
    assert!(log.contains("stopping: hanging up on every game"), "{log}");
    assert!(log.contains("hang-up Ada"), "{log}");
    for pid in games {
        assert!(
            !std::path::Path::new(&format!("/proc/{pid}")).exists(),
            "game {pid} outlived the server"
        );
    }
    assert_eq!(autosaves(&class.saves(), "ada").len(), 1);
    ada.wait_exit();
}
