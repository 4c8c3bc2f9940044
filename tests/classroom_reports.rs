//! The instructor's reports: transcripts of the example saves and of the compat corpus, and the
//! class report over a folder with a garbage file, a save of an embedded scenario, and games by
//! named players (one reloaded mid-game). Snapshots are reviewed by hand; the assertions say
//! what each must hold whatever the wording.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use truce::engine::Game;
use truce::persist::{self, GameInfo};
use truce::report::{class, facts, transcript};

use common::run_truce;

fn transcript_of(path: &str) -> String {
    let loaded = persist::load_game(Path::new(path)).expect("the example save loads");
    transcript::render(&facts::of_loaded(&loaded))
}

#[test]
fn transcripts_of_the_example_saves() {
    for name in ["opening", "midgame-restrictions", "finished-deal"] {
        let path = format!("saves/{name}.ron");
        let text = transcript_of(&path);
        let loaded = persist::load_game(Path::new(&path)).expect("loads");
        // Every move is told, and every answer with its rule.
        let moves = loaded.game.history.len();
        assert_eq!(text.matches("**Move ").count(), moves, "{name}");
        let answers = loaded
            .game
            .history
            .iter()
            .filter(|t| t.answer.is_some())
            .count();
        assert_eq!(text.matches("> Rule: ").count(), answers, "{name}");
        assert!(text.contains("## Scores"), "{name}");
        assert!(text.contains("## The deal beside history"), "{name}");
        insta::assert_snapshot!(format!("transcript_{name}"), text);
    }
}

#[test]
fn a_finished_deal_is_set_beside_history_and_scored_from_the_replay() {
    let text = transcript_of("saves/finished-deal.ron");
    assert!(
        text.contains("| Issue | This game's deal | History | Same |"),
        "{text}"
    );
    let loaded = persist::load_game(Path::new("saves/finished-deal.ron")).expect("loads");
    let card = truce::engine::scorecard(&loaded.game.scenario, &loaded.game.state);
    let overall = format!("| Overall | {:.0} |", card.overall.value);
    assert!(text.contains(&overall), "{overall} not in the transcript");
}

#[test]
fn transcripts_of_the_compat_corpus() {
    // Older saves must give a transcript too; one snapshot each of a plain and an embedded game.
    let dir = Path::new("tests/fixtures/compat/0.1.0");
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .expect("the corpus")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    files.sort();
    assert!(files.len() >= 10);
    for file in &files {
        let loaded = persist::load_game(file).expect("corpus save loads");
        let text = transcript::render(&facts::of_loaded(&loaded));
        assert!(
            text.starts_with("# After-action report: "),
            "{}",
            file.display()
        );
        assert!(text.contains("## Outcome"), "{}", file.display());
    }
    for name in ["hawk-seed-7", "embedded-dealmaker-seed-13"] {
        let text = transcript_of(&format!("tests/fixtures/compat/0.1.0/{name}.ron"));
        insta::assert_snapshot!(format!("transcript_compat_{name}"), text);
    }
}

/// A class folder: the example saves, a garbage file, an embedded-scenario save, and two games
/// by named players, one of them reloaded mid-game and one played in class mode.
fn class_folder(dir: &Path) {
    for name in ["opening", "midgame-restrictions", "finished-deal"] {
        fs::copy(format!("saves/{name}.ron"), dir.join(format!("{name}.ron"))).expect("copy");
    }
    fs::copy(
        "tests/fixtures/compat/0.1.0/embedded-hawk-seed-12.ron",
        dir.join("embedded-hawk.ron"),
    )
    .expect("copy");
    fs::write(dir.join("garbage.ron"), "this is not a save\n").expect("write");
    fs::write(
        dir.join("notes.txt"),
        "not a .ron file: listed as skipped\n",
    )
    .expect("write");
    let finished = persist::load_game(Path::new("saves/finished-deal.ron")).expect("loads");
    for (file, player, class, reloads) in [
        ("ana.ron", "Ana Li", true, 0),
        ("ben.ron", "Ben, \"the hawk\"", false, 2),
    ] {
        let info = GameInfo {
            id: format!("{}-game", file.trim_end_matches(".ron")),
            name: format!("{player}'s game"),
            player: Some(player.into()),
            class,
            reloads,
            ..GameInfo::default()
        };
        let save = persist::save_of(&finished.game, &info, "2025-10-30T12:00:00Z");
        persist::write_save(&dir.join(file), &save).expect("write");
    }
}

/// The report with the temporary folder named `class/`, so snapshots are stable.
fn report_of(dir: &Path) -> class::ClassReport {
    let mut r = class::read(&[dir.to_path_buf()]);
    let prefix = dir.display().to_string();
    for e in &mut r.games {
        e.file = e.file.replace(&prefix, "class");
    }
    for (file, why) in r.unreadable.iter_mut().chain(r.skipped.iter_mut()) {
        *file = file.replace(&prefix, "class");
        *why = why.replace(&prefix, "class");
    }
    r
}

#[test]
fn class_report_in_markdown_and_csv() {
    let tmp = tempfile::tempdir().expect("temp dir");
    class_folder(tmp.path());
    let r = report_of(tmp.path());
    assert_eq!(r.games.len(), 6, "{:?}", r.unreadable);
    assert_eq!(r.unreadable.len(), 1);
    assert!(r.unreadable[0].0.ends_with("garbage.ron"));
    // Sorted by file name, whatever order the folder lists them in.
    let files: Vec<&str> = r.games.iter().map(|e| e.file.as_str()).collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
    let md = class::markdown(&r);
    assert!(md.contains("| Ana Li |"), "{md}");
    assert!(md.contains("yes (2)"), "the reloaded game is marked: {md}");
    // A scenario carried in a save is named with its hash, never as a bare name.
    assert!(md.contains("## classroom-variant (custom "), "{md}");
    assert!(md.contains("…), seed 12: 1 game(s)"), "{md}");
    assert!(md.contains("## Files not read"), "{md}");
    insta::assert_snapshot!("class_report_markdown", md);
    let csv = class::to_csv(&r);
    assert!(
        csv.contains("\"Ben, \"\"the hawk\"\"\""),
        "a name with a comma and quotes is quoted: {csv}"
    );
    // LF line ends, one record per line: the header, six games, the garbage file, and
    // notes.txt listed as skipped.
    assert!(!csv.contains('\r'), "{csv}");
    assert_eq!(csv.matches('\n').count(), 1 + 6 + 1 + 1, "{csv}");
    assert!(csv.contains(",skipped,"), "{csv}");
    insta::assert_snapshot!("class_report_csv", csv);
}

#[test]
fn class_means_leave_unfinished_games_out_and_list_them() {
    // seed 1 has three finished deals (overall 69 each) and two games still in progress: the
    // means must be the finished games' alone, with the unfinished ones named apart.
    let tmp = tempfile::tempdir().expect("temp dir");
    class_folder(tmp.path());
    let r = report_of(tmp.path());
    let md = class::markdown(&r);
    let seed1 = md
        .split("## autumn-2025, seed 1")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("the seed 1 summary");
    let finished: Vec<f64> = r
        .games
        .iter()
        .filter(|e| e.game.seed == 1 && e.game.outcome.key != "in_progress")
        .map(|e| {
            e.game
                .scores
                .iter()
                .find(|s| s.name == "Overall")
                .unwrap()
                .value
        })
        .collect();
    assert_eq!(finished.len(), 3);
    let mean = finished.iter().sum::<f64>() / 3.0;
    assert!(
        seed1.contains(&format!("| Overall | {mean:.1} |")),
        "the mean is over finished games only ({mean:.1}): {seed1}"
    );
    assert!(
        seed1.contains("Means over the 3 finished game(s)"),
        "{seed1}"
    );
    assert!(
        seed1.contains("Unfinished, not in the means below: 2 game(s)")
            && seed1.contains("class/opening.ron (week 4)")
            && seed1.contains("class/midgame-restrictions.ron (week 6)"),
        "{seed1}"
    );
    assert!(!seed1.contains("In progress"), "{seed1}");
    // No best game can be an unfinished one.
    let table = seed1
        .split("| Score | Mean | Best game |")
        .nth(1)
        .unwrap_or("");
    assert!(
        !table.contains("opening.ron") && !table.contains("midgame-restrictions.ron"),
        "{table}"
    );
}

#[test]
fn report_scores_come_from_the_replay_not_the_file() {
    // A save whose game is rewritten to another seed's state fails to load, so the only scores
    // a report can show are the replay's; and two saves of the same game score the same.
    let tmp = tempfile::tempdir().expect("temp dir");
    class_folder(tmp.path());
    let r = report_of(tmp.path());
    let by = |f: &str| {
        r.games
            .iter()
            .find(|e| e.file.ends_with(f))
            .map(|e| e.game.scores.clone())
            .expect("game read")
    };
    assert_eq!(by("ana.ron"), by("finished-deal.ron"));
    let loaded = persist::load_game(Path::new("saves/finished-deal.ron")).expect("loads");
    let replay = Game::replay(
        loaded.game.scenario.clone(),
        loaded.game.seed,
        &loaded.game.actions(),
    )
    .expect("replays");
    let card = truce::engine::scorecard(&replay.scenario, &replay.state);
    assert_eq!(by("ana.ron")[6].value, card.overall.value);
}

#[test]
fn report_command_exit_codes_and_output() {
    let tmp = tempfile::tempdir().expect("temp dir");
    class_folder(tmp.path());
    let dir = tmp.path().display().to_string();
    let (code, out, err) = run_truce(&["report", &dir]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("# Class results"), "{out}");
    assert!(
        err.contains("garbage.ron"),
        "unreadable files are named: {err}"
    );
    let (code, out, _) = run_truce(&["report", "--csv", &dir]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("player,file,scenario,seed,outcome"),
        "{out}"
    );
    let garbage = tmp.path().join("garbage.ron").display().to_string();
    let (code, _, err) = run_truce(&["report", &garbage]);
    assert_eq!(code, 1, "no game read is a failure: {err}");
}

#[test]
fn transcript_command_writes_a_file() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("handout.md");
    let target = out.display().to_string();
    let (code, stdout, err) = run_truce(&["transcript", "saves/opening.ron", "-o", &target]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.is_empty());
    let text = fs::read_to_string(&out).expect("written");
    assert_eq!(text, transcript_of("saves/opening.ron"));
    let (code, _, err) = run_truce(&["transcript", "tests/fixtures/saves/truncated.ron"]);
    assert_eq!(code, 1);
    assert!(err.contains("truncated.ron"), "{err}");
}

#[test]
fn player_class_and_reloads_round_trip_and_old_saves_default() {
    let tmp = tempfile::tempdir().expect("temp dir");
    class_folder(tmp.path());
    let ben = persist::load_game(&tmp.path().join("ben.ron")).expect("loads");
    assert_eq!(ben.info.player.as_deref(), Some("Ben, \"the hawk\""));
    assert_eq!(ben.info.reloads, 2);
    assert!(!ben.info.class);
    let ana = persist::load_game(&tmp.path().join("ana.ron")).expect("loads");
    assert!(ana.info.class);
    let old = persist::load_game(Path::new("saves/opening.ron")).expect("loads");
    assert_eq!(old.info.player, None);
    assert_eq!(old.info.reloads, 0);
    // A save without a player writes none of the new fields: older builds read it unchanged.
    let text = fs::read_to_string(tmp.path().join("opening.ron")).expect("read");
    let again = persist::format::to_text(&persist::save_of(
        &old.game,
        &old.info,
        "2025-10-30T12:00:00Z",
    ))
    .expect("text");
    assert!(!again.contains("player:") && !again.contains("reloads:"));
    assert!(!text.contains("player:"));
}

#[test]
fn class_report_of_the_compat_corpus() {
    // Every save of release 0.1.0 is read; each seed and scenario gets its summary.
    let dir = PathBuf::from("tests/fixtures/compat/0.1.0");
    let r = class::read(std::slice::from_ref(&dir));
    let files = fs::read_dir(&dir).expect("the corpus").count();
    assert_eq!(r.games.len(), files, "{:?}", r.unreadable);
    assert!(r.unreadable.is_empty());
    let md = class::markdown(&r);
    assert!(md.contains("…), seed 11: 1 game(s)"), "{md}");
    insta::assert_snapshot!("class_report_compat_markdown", md);
    insta::assert_snapshot!("class_report_compat_csv", class::to_csv(&r));
}

#[test]
fn review_checks_the_save_before_needing_a_terminal() {
    let (code, out, err) = run_truce(&["review", "saves/opening.ron"]);
    assert_eq!(code, 1);
    assert!(out.is_empty(), "the terminal was touched: {out:?}");
    assert!(err.contains("needs a terminal"), "{err}");
    let (code, _, err) = run_truce(&["review", "tests/fixtures/saves/truncated.ron"]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with("tests/fixtures/saves/truncated.ron:"),
        "{err}"
    );
    // A bare name is looked up in the save directory.
    let tmp = tempfile::tempdir().expect("temp dir");
    fs::copy("saves/opening.ron", tmp.path().join("mine.ron")).expect("copy");
    let dir = tmp.path().display().to_string();
    let (code, out, err) = run_truce(&["--save-dir", &dir, "transcript", "mine.ron"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, transcript_of("saves/opening.ron"));
}
