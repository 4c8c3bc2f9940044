//! Provenance the report can prove (issue 16): each test makes a hostile or careless class
//! folder with a generator below, then checks what the report, `validate`, `load --check` and
//! the save listings say of it. A custom scenario under a built-in's name is named custom and
//! kept apart; a group's history is the built-in's own; a scripted game relabelled as a
//! student's is flagged; class games carry a move chain that an edit breaks; copies of one game
//! count once; nothing in a folder is skipped without a word; listings follow file times.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
#[path = "fixtures/provenance/generate.rs"]
mod generate;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

use generate::{
    builtin, class_game, class_info, finished, forged_history, forged_weights, info, save_in,
    set_time, the_autosave,
};
use truce::engine::new_state;
use truce::persist::provenance::sha256_hex;
use truce::persist::{self, ChainCheck, GameInfo, SaveStore, ScenarioRef};
use truce::report::{class, facts, transcript};
use truce::sim::{self, Strategy};
use truce::ui::classroom::Classroom;

fn truce(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_truce"))
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("xdg"))
        .env("TRUCE_SAVE_DIR", home.join("saves"))
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn overall(e: &class::Entry) -> f64 {
    e.game
        .scores
        .iter()
        .find(|s| s.name == "Overall")
        .unwrap()
        .value
}

/// The section of a Markdown report that starts with `heading`, up to the next `## `.
fn section<'a>(md: &'a str, heading: &str) -> &'a str {
    md.split(heading)
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .unwrap_or_else(|| panic!("no {heading} in {md}"))
}

// ---- custom scenarios ----

#[test]
fn a_custom_scenario_under_a_builtin_name_is_reported_as_custom() {
    let tmp = tempfile::tempdir().unwrap();
    let forged = forged_weights();
    let hash = sha256_hex(ron::to_string(&forged).unwrap().as_bytes());
    let path = tmp.path().join("aaa-forged.ron");
    let save = save_in(forged, &info("forged-game", "Mallory", false));
    assert!(matches!(save.scenario, ScenarioRef::Embedded { .. }));
    persist::write_save(&path, &save).unwrap();
    fs::copy(
        "saves/finished-deal.ron",
        tmp.path().join("finished-deal.ron"),
    )
    .unwrap();

    let r = class::read(&[tmp.path().to_path_buf()]);
    assert_eq!(r.games.len(), 2, "{:?}", r.unreadable);
    let forged_row = &r.games[0];
    // The forgery scores its damage avoided (96.25) in its own scenario, 80.2 in the built-in (rules 6).
    assert!(overall(forged_row) >= 96.0, "{}", overall(forged_row));
    let id = &forged_row.game.provenance.scenario;
    assert_eq!(id.custom.as_deref(), Some(hash.as_str()));
    assert!(id.named_like_builtin);
    let md = class::markdown(&r);
    let label = format!("autumn-2025 (custom {}…)", &hash[..8]);
    assert!(
        md.contains(&format!("| Mallory | {} | {label} |", path.display())),
        "{md}"
    );
    // Its own group, and the built-in's group holds the real game alone, at its real score.
    let own = section(&md, &format!("## {label}, seed 1: 1 game(s)"));
    assert!(own.contains("not the built-in"), "{own}");
    let real = section(&md, "## autumn-2025, seed 1: 1 game(s)");
    assert!(real.contains("| Overall | 80.2 |"), "{real}");
    assert!(!real.contains("aaa-forged"), "{real}");
    let csv = class::to_csv(&r);
    assert!(
        csv.contains(&format!(",{label},")) && csv.contains(&hash),
        "{csv}"
    );

    // validate and load --check say so plainly; the transcript too.
    let home = tempfile::tempdir().unwrap();
    let file = path.to_str().unwrap();
    let want = format!(
        "embeds a custom scenario named like the built-in autumn-2025 but different (hash \
         {hash}): reports show it as custom"
    );
    let out = truce(home.path(), &["validate", file]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains(&want), "{}", text(&out.stdout));
    let out = truce(home.path(), &["load", "--check", file]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains(&want) && said.contains(&label), "{said}");
    let out = truce(home.path(), &["transcript", file]);
    assert!(
        text(&out.stdout).contains("but not the built-in (SHA-256"),
        "{}",
        text(&out.stdout)
    );
    // The built-in itself gets no such word.
    let out = truce(home.path(), &["validate", "saves/finished-deal.ron"]);
    assert!(
        !text(&out.stdout).contains("custom"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn an_embedded_exact_copy_of_a_builtin_is_the_builtin_and_lists_mark_custom_ones() {
    let tmp = tempfile::tempdir().unwrap();
    // A save embedding the built-in exactly (the game writes a reference instead, but a file
    // may hold either): the same scenario, so not custom.
    let mut copy = save_in(builtin(), &info("copy-game", "Ana", false));
    copy.scenario = ScenarioRef::Embedded {
        scenario: Box::new(builtin()),
    };
    let same = tmp.path().join("same.ron");
    persist::write_save(&same, &copy).unwrap();
    let forged = tmp.path().join("forged.ron");
    persist::write_save(&forged, &save_in(forged_weights(), &info("f", "M", false))).unwrap();
    assert!(!persist::load_game(&same).unwrap().scenario_id.is_custom());
    assert!(!persist::peek(&same).unwrap().custom);
    assert!(persist::peek(&forged).unwrap().custom);
    assert!(
        !persist::peek(Path::new("saves/opening.ron"))
            .unwrap()
            .custom
    );
    let variant = Path::new("tests/fixtures/compat/0.1.0/embedded-hawk-seed-12.ron");
    assert!(persist::peek(variant).unwrap().custom);
}

#[test]
fn a_planted_file_does_not_change_the_groups_history() {
    let with = tempfile::tempdir().unwrap();
    let without = tempfile::tempdir().unwrap();
    for dir in [with.path(), without.path()] {
        fs::copy("saves/finished-deal.ron", dir.join("finished-deal.ron")).unwrap();
        let ana = save_in(builtin(), &info("ana-game", "Ana", false));
        persist::write_save(&dir.join("ana.ron"), &ana).unwrap();
    }
    // Sorted first in the folder: under the old report its history became the group's.
    let planted = save_in(forged_history(), &info("planted-game", "Mallory", false));
    persist::write_save(&with.path().join("000-planted.ron"), &planted).unwrap();

    let md_with = class::markdown(&class::read(&[with.path().to_path_buf()]));
    let md_without = class::markdown(&class::read(&[without.path().to_path_buf()]));
    let heading = "## autumn-2025, seed 1: 2 game(s)";
    let clean = |md: &str, dir: &Path| {
        section(md, heading)
            .trim()
            .replace(&dir.display().to_string(), "D")
    };
    assert_eq!(
        clean(&md_with, with.path()),
        clean(&md_without, without.path())
    );
    // And the column is the built-in's history, issue by issue.
    let s = builtin();
    for row in facts::deal(&s, &new_state(&s, 1)) {
        let line = format!("| {} | {} |", row.issue, row.history.0);
        assert!(section(&md_with, heading).contains(&line), "{line}");
    }
}

// ---- scripted games relabelled ----

#[test]
fn a_simulated_game_relabelled_as_a_class_game_is_flagged() {
    let tmp = tempfile::tempdir().unwrap();
    let s = builtin();
    let result = sim::play(&s, Strategy::Patient, 5);
    let base = GameInfo::new(&s, 5, "simulate-patient");
    let mut save = persist::save_of_parts(&s, 5, result.actions, result.state, &base, "now");
    // The student's edit: their name and the class flag.
    save.player = Some("Ana Li".into());
    save.class = true;
    persist::write_save(&tmp.path().join("ana.ron"), &save).unwrap();
    let r = class::read(&[tmp.path().to_path_buf()]);
    assert_eq!(r.games[0].script, Some("patient"));
    let md = class::markdown(&r);
    let row = md.lines().find(|l| l.starts_with("| Ana Li |")).unwrap();
    assert!(row.contains("| yes (claimed) |"), "{row}");
    assert!(row.contains("| none |"), "{row}");
    assert!(
        row.contains("moves identical to the scripted strategy `patient`"),
        "{row}"
    );
    assert!(row.contains("class flag with no chain"), "{row}");
    assert!(md.contains("class flag: claimed"), "{md}");
    let csv = class::to_csv(&r);
    assert!(csv.contains(",claimed,none,,patient,"), "{csv}");
}

// ---- the move chain ----

#[test]
fn a_class_game_is_chained_through_autosave_and_the_chain_goes_on_after_a_resume() {
    let tmp = tempfile::tempdir().unwrap();
    let info = class_info();
    let start = 1_761_814_800; // 2025-10-30T09:00:00Z
    let (_, path) = class_game(tmp.path(), &info, 6, start, 40);
    let loaded = persist::load_game(&path).unwrap();
    let ChainCheck::Intact {
        from, moves, span, ..
    } = &loaded.chain
    else {
        panic!("{:?}", loaded.chain)
    };
    assert_eq!((*from, *moves), (0, 6));
    assert_eq!(*span, Some((start, start + 200)));
    assert_eq!(loaded.chain.seconds(), Some(200));

    // Resumed (class mode brings the unfinished game back): the earlier stamps are kept, the
    // new moves stamped when they are saved.
    let scenario = Arc::clone(&loaded.game.scenario);
    let script = sim::play(&scenario, Strategy::Dealmaker, 3).actions;
    let mut game = loaded.game.clone();
    for (i, action) in script.into_iter().skip(6).take(2).enumerate() {
        game.apply(action).unwrap();
        let stamp = persist::utc_stamp(start + 3600 + i as u64);
        persist::autosave(tmp.path(), &game, &loaded.info, &stamp).unwrap();
    }
    let again = persist::load_game(&path).unwrap();
    assert_eq!(again.chain.word(), "intact");
    let ChainCheck::Intact { moves, span, .. } = &again.chain else {
        panic!()
    };
    assert_eq!((*moves, *span), (8, Some((start, start + 3601))));

    let r = class::read(&[tmp.path().to_path_buf()]);
    let md = class::markdown(&r);
    let row = md.lines().find(|l| l.starts_with("| Ana Li |")).unwrap();
    assert!(row.contains("| intact | 1 h 0 min |"), "{row}");
}

#[test]
fn an_edited_stamp_or_head_breaks_the_chain_and_the_game_still_loads() {
    let tmp = tempfile::tempdir().unwrap();
    let start = 1_761_814_800;
    let (game, path) = class_game(tmp.path(), &class_info(), 5, start, 30);
    let good = fs::read_to_string(&path).unwrap();
    assert!(
        good.contains("chain: Some(\"") && good.contains("moved_at: ["),
        "{good}"
    );

    // One move's stamp moved a second, by hand in the text.
    let third = format!("{},", start + 60);
    assert_eq!(good.matches(&third).count(), 1);
    let stamp_edit = good.replacen(&third, &format!("{},", start + 61), 1);
    // The head changed; the start changed; one stamp too many.
    let (mut head, mut begun, mut extra) = {
        let (s, _) = persist::parse(&good, "x").unwrap();
        (s.clone(), s.clone(), s)
    };
    let h = head.chain.as_mut().unwrap();
    let flipped = if h.ends_with('0') { '1' } else { '0' };
    h.pop();
    h.push(flipped);
    begun.started_at = Some("2025-10-30T08:00:00Z".into());
    extra.moved_at.push(start + 500);
    let texts = [
        ("stamp", stamp_edit),
        ("head", persist::format::to_text(&head).unwrap()),
        ("start", persist::format::to_text(&begun).unwrap()),
        ("extra", persist::format::to_text(&extra).unwrap()),
    ];
    for (what, edited) in texts {
        let file = tmp.path().join(format!("edited-{what}.ron"));
        fs::write(&file, edited).unwrap();
        let loaded = persist::load_game(&file).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(loaded.game.state, game.state, "{what}");
        assert_eq!(loaded.chain.word(), "broken", "{what}: {:?}", loaded.chain);
    }
    let r = class::read(&[tmp.path().to_path_buf()]);
    let md = class::markdown(&r);
    assert_eq!(md.matches("| broken |").count(), 4, "{md}");
    assert_eq!(md.matches("chain broken: ").count(), 4, "{md}");
    // Broken is reported, not refused: `load --check` says so and succeeds.
    let home = tempfile::tempdir().unwrap();
    let file = tmp.path().join("edited-stamp.ron");
    let out = truce(home.path(), &["load", "--check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("chain broken: "),
        "{}",
        text(&out.stdout)
    );
    let out = truce(home.path(), &["validate", path.to_str().unwrap()]);
    assert!(
        text(&out.stdout).contains("chain intact: 5 move(s) stamped, played over 2 min"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn old_saves_and_games_outside_class_mode_have_no_chain() {
    let mut files: Vec<PathBuf> = fs::read_dir("tests/fixtures/compat/0.1.0")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.extend(["saves/opening.ron", "saves/finished-deal.ron"].map(PathBuf::from));
    for f in &files {
        let loaded = persist::load_game(f).unwrap();
        assert_eq!(loaded.chain, ChainCheck::None, "{}", f.display());
    }
    // A new game outside class mode writes none of the chain's fields: older builds read it.
    let plain = persist::format::to_text(&save_in(builtin(), &info("p", "P", false))).unwrap();
    for field in ["chain", "started_at", "moved_at", "chain_from"] {
        assert!(!plain.contains(&format!("{field}:")), "{plain}");
    }
}

// ---- copies ----

#[test]
fn a_hand_save_and_its_autosave_count_once_and_copies_are_listed() {
    let tmp = tempfile::tempdir().unwrap();
    let info = class_info();
    // A hand save at move 3, then the game goes on to move 7 in its autosave. The hand save's
    // file (`a-game.ron`) comes first in the folder, so only the move count makes the autosave
    // the one that counts.
    let (early, _) = class_game(tmp.path(), &info, 3, 1_761_814_800, 20);
    let hand = SaveStore::new(tmp.path())
        .save_named("a game", &early, &info, "2025-10-30T09:01:00Z")
        .unwrap();
    let (_, auto) = class_game(tmp.path(), &info, 7, 1_761_814_800, 20);
    // And a plain copy of the finished example next to the example itself.
    fs::copy(
        "saves/finished-deal.ron",
        tmp.path().join("finished-deal.ron"),
    )
    .unwrap();
    fs::copy("saves/finished-deal.ron", tmp.path().join("zz-copy.ron")).unwrap();

    let r = class::read(&[tmp.path().to_path_buf()]);
    assert_eq!(r.games.len(), 4);
    let by = |p: &Path| {
        r.games
            .iter()
            .find(|e| e.file == p.display().to_string())
            .unwrap()
    };
    assert_eq!(by(&hand).copy_of, Some(auto.display().to_string()));
    assert_eq!(by(&auto).copy_of, None);
    let copy = by(&tmp.path().join("zz-copy.ron"));
    assert_eq!(
        copy.copy_of,
        Some(tmp.path().join("finished-deal.ron").display().to_string())
    );
    let md = class::markdown(&r);
    assert!(md.starts_with("# Class results\n\n2 game(s) read"), "{md}");
    assert!(
        md.contains("2 more file(s) are saves of a game read already"),
        "{md}"
    );
    assert!(
        md.contains(&format!("copy of {}, not counted", auto.display())),
        "{md}"
    );
    // The means count the finished game once.
    assert!(md.contains("Means over the 1 finished game(s)"), "{md}");
    assert!(
        !section(&md, "## autumn-2025, seed 1:").contains("zz-copy"),
        "{md}"
    );
    assert!(md.contains("## autumn-2025, seed 1: 1 game(s)"), "{md}");
    assert!(md.contains("## autumn-2025, seed 3: 1 game(s)"), "{md}");
}

// ---- reading a folder ----

#[test]
fn the_report_reads_ron_in_any_case_and_lists_everything_it_skips() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::copy("saves/finished-deal.ron", dir.join("ana.RON")).unwrap();
    fs::copy("saves/opening.ron", dir.join("bob.ron.txt")).unwrap();
    fs::create_dir(dir.join("sub")).unwrap();
    fs::copy("saves/opening.ron", dir.join("sub/carl.ron")).unwrap();
    fs::write(dir.join("garbage.ron"), "not a save").unwrap();
    // A running game's lock and a temporary file of ours: passed over without a word.
    fs::write(
        dir.join("autosave-ana-autumn-2025-1-1234abcd.lock"),
        "1 host now",
    )
    .unwrap();
    fs::write(dir.join(".truce-autosave-ana.AbC123.tmp"), "TruceSave(").unwrap();
    let r = class::read(&[dir.to_path_buf()]);
    let read: Vec<&str> = r.games.iter().map(|e| e.file.as_str()).collect();
    assert_eq!(read, [dir.join("ana.RON").display().to_string()]);
    assert_eq!(r.unreadable.len(), 1, "one bad file fails only itself");
    let skipped: Vec<(String, &str)> = r
        .skipped
        .iter()
        .map(|(f, why)| (f.clone(), why.as_str()))
        .collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(
        skipped
            .iter()
            .any(|(f, why)| f.ends_with("bob.ron.txt") && *why == "not a .ron file")
    );
    assert!(
        skipped
            .iter()
            .any(|(f, why)| f.ends_with("sub") && why.starts_with("a folder"))
    );
    let md = class::markdown(&r);
    let listed = section(&md, "## Skipped");
    assert!(listed.contains("bob.ron.txt: not a .ron file"), "{listed}");
    assert!(listed.contains("sub: a folder"), "{listed}");
    assert_eq!(class::to_csv(&r).matches(",skipped,").count(), 2);
    let home = tempfile::tempdir().unwrap();
    let out = truce(home.path(), &["report", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let err = text(&out.stderr);
    assert!(
        err.contains("bob.ron.txt: skipped: not a .ron file"),
        "{err}"
    );
    assert!(err.contains("sub: skipped: a folder"), "{err}");
    for ours in ["1234abcd.lock", ".truce-autosave-ana"] {
        assert!(
            !md.contains(ours) && !err.contains(ours),
            "{ours}: {md}\n{err}"
        );
    }
}

// ---- listings ----

#[test]
fn listings_follow_file_times_not_the_stamp_a_file_claims() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("saves");
    fs::create_dir_all(&dir).unwrap();
    let s = builtin();
    let game = finished();
    // (file, claimed stamp, file time): the planted one claims the future but is oldest.
    let files = [
        ("planted", "2099-01-01T00:00:00Z", 1_761_800_000),
        ("monday", "2025-10-27T10:00:00Z", 1_761_900_000),
        ("tuesday", "2025-10-28T10:00:00Z", 1_762_000_000),
    ];
    for (name, claimed, time) in files {
        let info = GameInfo::new(&s, 1, name);
        let path = dir.join(format!("{name}.ron"));
        persist::save_game(&path, &game, &info, claimed).unwrap();
        set_time(&path, time);
    }
    let order: Vec<String> = persist::list_saves(&dir)
        .unwrap()
        .iter()
        .map(SaveEntryName::name)
        .collect();
    assert_eq!(order, ["tuesday.ron", "monday.ron", "planted.ron"]);
    let out = truce(home.path(), &["saves"]);
    let lines: Vec<String> = text(&out.stdout).lines().map(String::from).collect();
    assert!(
        lines[1].contains("tuesday.ron") && lines[3].contains("planted.ron"),
        "{lines:?}"
    );
}

/// The file name of a listing entry.
trait SaveEntryName {
    fn name(&self) -> String;
}

impl SaveEntryName for persist::SaveEntry {
    fn name(&self) -> String {
        self.file_name()
    }
}

#[test]
fn a_transcript_names_its_chain_and_its_custom_scenario() {
    let tmp = tempfile::tempdir().unwrap();
    let (_, path) = class_game(tmp.path(), &class_info(), 4, 1_761_814_800, 60);
    let t = transcript::render(&facts::of_loaded(&persist::load_game(&path).unwrap()));
    assert!(
        t.contains("| Chain | intact: 4 move(s) stamped, played over 3 min"),
        "{t}"
    );
    assert!(
        t.contains("| Mode | class mode (as the file claims) |"),
        "{t}"
    );
    let plain = transcript::render(&facts::of_loaded(
        &persist::load_game(Path::new("saves/opening.ron")).unwrap(),
    ));
    assert!(!plain.contains("| Chain |") && !plain.contains("| Provenance |"));
}

#[test]
fn the_terminal_games_autosaves_chain_a_class_game() {
    // The game's own loop: class mode, a named player, two proposals; every turn autosaves.
    let tmp = tempfile::tempdir().unwrap();
    let mut app = common::app()
        .with_save_dir(Some(tmp.path().to_path_buf()))
        .with_classroom(Classroom {
            class: true,
            player: Some("Ana Li".into()),
            ..Classroom::default()
        });
    for k in common::keys(">>]vv]>^^]vv]>^^") {
        app.handle_key(k);
    }
    let loaded = the_autosave(tmp.path());
    let moves = loaded.game.history.len();
    assert!(moves >= 2, "{moves}");
    assert!(loaded.info.class);
    match &loaded.chain {
        ChainCheck::Intact {
            from: 0,
            moves: m,
            started_at,
            ..
        } => {
            assert_eq!(*m, moves);
            assert!(!started_at.is_empty());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_toggle_taken_back_keeps_a_class_games_chain_intact() {
    // Toggling an issue straight back removes the first toggle from the game (`Game::act`):
    // the chain's move stamps follow it back, so every autosave still checks.
    let tmp = tempfile::tempdir().unwrap();
    let mut app = common::app()
        .with_save_dir(Some(tmp.path().to_path_buf()))
        .with_classroom(Classroom {
            class: true,
            player: Some("Ana Li".into()),
            ..Classroom::default()
        });
    let expect = |app: &mut truce::ui::App, keys: &str, want: Option<usize>| {
        for k in common::keys(keys) {
            app.handle_key(k);
        }
        let moves = app.game.as_ref().unwrap().history.len();
        if let Some(want) = want {
            assert_eq!(moves, want, "{keys}");
        }
        let loaded = the_autosave(tmp.path());
        assert_eq!(loaded.game.history.len(), moves, "{keys}");
        match &loaded.chain {
            ChainCheck::Intact {
                from: 0, moves: m, ..
            } => assert_eq!(*m, moves, "{keys}"),
            other => panic!("{keys}: {other:?}"),
        }
    };
    expect(&mut app, ">>_", Some(1));
    expect(&mut app, "_", Some(0));
    expect(&mut app, "_", Some(1));
    // Back to the opening, then two proposals as in the test above.
    expect(&mut app, "_", Some(0));
    expect(&mut app, "]vv]>^^]vv]>^^", None);
    assert!(the_autosave(tmp.path()).game.history.len() >= 2);
}
