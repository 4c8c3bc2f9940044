//! Saves outlive rule changes: the frozen 0.1.0 corpus loads under changed rules, a changed
//! built-in scenario and moves made illegal, each with a notice rather than a refusal; under
//! the same rules a save still verifies fully, and an edited one is still refused.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

use truce::persist::legacy::RULES_OF_0_1_0;
use truce::persist::record::game_record;
use truce::persist::{self, Build, LoadedGame, SaveError};
use truce::scenario::{self, Scenario};

fn corpus() -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compat/0.1.0");
    let mut files: Vec<(PathBuf, String)> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .map(|p| {
            let text = fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect();
    files.sort();
    assert!(files.len() >= 15, "the 0.1.0 corpus has gone missing");
    files
}

fn load(path: &Path, text: &str, build: &Build) -> LoadedGame {
    persist::load_str_with(text, &path.display().to_string(), build)
        .unwrap_or_else(|e| panic!("{}: refused: {e}", path.display()))
}

fn builtin() -> Scenario {
    scenario::resolve("autumn-2025").unwrap()
}

/// Whether the file is a game of the built-in scenario (not an embedded one).
fn of_builtin(text: &str) -> bool {
    !text.contains("Embedded(")
}

/// Whether this build still plays by the rules of 0.1.0, which wrote the corpus. Once the rules
/// change (and `engine::RULES` is bumped), the tests below check the other branch.
fn rules_of_the_corpus() -> bool {
    truce::engine::RULES == RULES_OF_0_1_0
}

#[test]
fn under_the_rules_of_0_1_0_every_old_save_verifies_fully_otherwise_it_is_replayed() {
    let version = env!("CARGO_PKG_VERSION");
    for (path, text) in corpus() {
        let loaded = load(&path, &text, &Build::current());
        assert!(loaded.file_version <= 2, "{}", path.display());
        if rules_of_the_corpus() {
            assert!(
                loaded.notice.is_none(),
                "{}: replayed instead of verified: {}",
                path.display(),
                loaded.notice.unwrap()
            );
        } else {
            let line = loaded.notice.expect("a notice").to_string();
            let made = if loaded.file_version == 1 {
                format!("made with an early Truce, replayed under {version}")
            } else {
                format!("made with Truce 0.1.0, replayed under {version}")
            };
            assert!(line.starts_with(&made), "{}: {line}", path.display());
        }
    }
}

#[test]
fn answers_dug_out_of_an_old_log_are_frozen_and_match_a_replay_under_their_rules() {
    // What is read from each old file never depends on the engine: it is a snapshot. Under the
    // rules that wrote them the answers must also be exactly those the replay gives, or the
    // notice would report changes that are not there.
    let mut listing = String::new();
    for (path, text) in corpus() {
        let (save, _) = persist::parse(&text, "f").unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        assert_eq!(save.record.len(), save.actions.len(), "{name}");
        let answers: Vec<String> = save
            .record
            .iter()
            .map(|r| format!("{} {}", r.week, r.answer))
            .collect();
        listing.push_str(&format!(
            "{name}: week {}, {} turns, {}\n  {}\n",
            save.week,
            save.turns,
            save.outcome.as_deref().unwrap_or("in progress"),
            answers.join(", ")
        ));
        if !rules_of_the_corpus() {
            continue;
        }
        let loaded = load(&path, &text, &Build::current());
        let replayed = game_record(&loaded.game);
        for (n, (old, new)) in save.record.iter().zip(&replayed).enumerate() {
            assert_eq!(old.answer, new.answer, "{name}: move {}", n + 1);
            // Agenda openings log their line after the preparation: their week may be early.
            if old.answer != "none" {
                assert_eq!(old.week, new.week, "{name}: move {}", n + 1);
            } else {
                assert!(old.week <= new.week, "{name}: move {}", n + 1);
            }
        }
        assert_eq!(save.week, loaded.game.state.week(), "{name}");
        assert_eq!(save.turns, loaded.game.state.turns, "{name}");
    }
    insta::assert_snapshot!("corpus_0_1_0_answers", listing);
}

#[test]
fn under_other_rules_every_old_save_is_replayed_with_a_notice() {
    let build = Build::current()
        .with_rules(truce::engine::RULES + 1)
        .with_version("9.0.0");
    for (path, text) in corpus() {
        let verified = load(&path, &text, &Build::current());
        let loaded = load(&path, &text, &build);
        let notice = loaded.notice.expect("a notice");
        let line = notice.to_string();
        let made = if loaded.file_version == 1 {
            "made with an early Truce, replayed under 9.0.0"
        } else {
            "made with Truce 0.1.0, replayed under 9.0.0"
        };
        assert!(line.starts_with(made), "{}: {line}", path.display());
        // The state is what this build's rules make of the moves, whatever the id says.
        assert_eq!(loaded.game.state, verified.game.state);
        if rules_of_the_corpus() {
            // The engine is in fact unchanged: nothing differs, and the notice says so.
            assert!(
                line.ends_with("; Beijing answers every move as before"),
                "{}: {line}",
                path.display()
            );
        }
    }
}

#[test]
fn a_changed_builtin_scenario_replays_with_a_notice_naming_the_week() {
    let mut changed = builtin();
    // One number: Beijing opens the talks demanding much more.
    changed.ai.opening_aspiration += 0.3;
    let build = Build::current().with_builtin(changed);
    let mut differing = 0;
    for (path, text) in corpus().into_iter().filter(|(_, t)| of_builtin(t)) {
        let loaded = load(&path, &text, &build);
        let notice = loaded.notice.expect("a notice");
        let line = notice.to_string();
        // A format-1 file recorded no scenario hash: the change shows only in the replay.
        assert!(
            loaded.file_version == 1 || line.contains("scenario autumn-2025 has changed since"),
            "{}: {line}",
            path.display()
        );
        if let Some(week) = notice.answers_differ_from {
            differing += 1;
            assert!(
                line.contains(&format!("; from week {week} Beijing answers differently")),
                "{line}"
            );
        }
        // Whatever changed, the game that loads is what this build's rules make of the moves.
        let replayed = loaded.game.history.len();
        assert!(replayed >= 1, "{}: {line}", path.display());
    }
    assert!(
        differing >= 3,
        "a much higher opening demand should change some of Beijing's answers"
    );
}

#[test]
fn an_embedded_scenario_under_other_rules_is_replayed_from_the_file() {
    let rules = truce::engine::RULES + 1;
    let build = Build::current().with_rules(rules).with_version("0.1.0");
    let embedded: Vec<_> = corpus()
        .into_iter()
        .filter(|(_, t)| !of_builtin(t))
        .collect();
    assert_eq!(embedded.len(), 3);
    for (path, text) in embedded {
        let loaded = load(&path, &text, &build);
        assert!(loaded.embedded_scenario);
        assert_eq!(loaded.game.scenario.name, "classroom-variant");
        let line = loaded.notice.unwrap().to_string();
        assert!(
            line.starts_with(&format!(
                "made with Truce 0.1.0 under rules 1, replayed under rules {rules}"
            )),
            "{line}"
        );
    }
}

#[test]
fn a_move_made_illegal_loads_the_game_up_to_the_move_before() {
    // Take one issue off the opening table: an old game that opened it, or proposed on it,
    // now makes a move this build refuses.
    let files: Vec<_> = corpus()
        .into_iter()
        .filter(|(_, t)| of_builtin(t))
        .collect();
    let issues = builtin().issues.len();
    let mut mid_game = 0;
    for issue in 0..issues {
        let mut changed = builtin();
        changed.issues[issue].on_table = !changed.issues[issue].on_table;
        let build = Build::current().with_builtin(changed);
        for (path, text) in &files {
            let loaded = load(path, text, &build);
            let notice = loaded.notice.clone().expect("a notice");
            let Some(stopped) = &notice.stopped else {
                continue;
            };
            let (save, _) = persist::parse(text, "f").unwrap();
            assert_eq!(stopped.of, save.actions.len());
            assert_eq!(loaded.game.history.len(), stopped.number - 1);
            assert_eq!(
                loaded.game.actions(),
                save.actions[..stopped.number - 1].to_vec()
            );
            assert_eq!(stopped.week, loaded.game.state.week());
            let line = notice.to_string();
            let said = if stopped.game_over {
                format!(
                    "the game now ends in week {}, before move {} of {}",
                    stopped.week, stopped.number, stopped.of
                )
            } else if stopped.number == 1 {
                format!("its first move ({}) is no longer allowed", stopped.label)
            } else {
                format!(
                    "move {} of {} ({}) is no longer allowed ({}), so the game is loaded up to \
                     week {}",
                    stopped.number, stopped.of, stopped.label, stopped.reason, stopped.week
                )
            };
            assert!(line.contains(&said), "{line}");
            if stopped.number > 1 && !stopped.game_over {
                mid_game += 1;
            }
        }
    }
    assert!(mid_game >= 1, "no old game was cut mid-way");
}

#[test]
fn an_edited_save_is_refused_under_the_same_rules_and_replayed_from_another_release() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/saves/edited-state.ron");
    let text = fs::read_to_string(&path).unwrap();
    let err = persist::load_str_with(&text, "edited", &Build::current()).unwrap_err();
    assert!(matches!(err, SaveError::Mismatch { .. }), "{err:?}");
    // The same file read by a later release that kept the rules id (forgot to bump it): the
    // game has changed or the file was edited; either way it loads, as replayed, and says so.
    let later = Build::current().with_version("0.1.1");
    let loaded = persist::load_str_with(&text, "edited", &later).unwrap();
    let line = loaded.notice.unwrap().to_string();
    assert!(
        line.contains("the game runs differently from the save"),
        "{line}"
    );
}

#[test]
fn an_old_save_edited_is_refused_under_its_own_rules_and_replayed_under_others() {
    // A 0.1.0 save whose saved state was changed by hand. Under the rules that wrote it, it is
    // refused and the field is named (format-2 files keep their whole state); under any other
    // rules it is simply replayed: the saved state is only a cache.
    let (path, text) = corpus()
        .into_iter()
        .find(|(p, _)| p.ends_with("opening.ron"))
        .unwrap();
    let edited = text.replacen("turns: 2,", "turns: 5,", 1);
    assert_ne!(edited, text);
    let as_0_1_0 = Build::current()
        .with_rules(RULES_OF_0_1_0)
        .with_version("0.1.0");
    let result = persist::load_str_with(&edited, "edited", &as_0_1_0);
    if rules_of_the_corpus() {
        let err = result.unwrap_err();
        let SaveError::Mismatch { diffs, .. } = &err else {
            panic!("{}: {err:?}", path.display())
        };
        assert!(diffs.list.iter().any(|d| d.path == "state.turns"), "{err}");
    }
    let later = as_0_1_0.with_rules(RULES_OF_0_1_0 + 1);
    let loaded = persist::load_str_with(&edited, "edited", &later).unwrap();
    assert_eq!(
        loaded.game.state.turns,
        load(&path, &text, &later).game.state.turns
    );
}

#[test]
fn a_save_resaved_after_a_replay_is_current() {
    let build = Build::current().with_rules(truce::engine::RULES + 1);
    let (path, text) = corpus().into_iter().next().unwrap();
    let loaded = load(&path, &text, &build);
    let again = persist::format::to_text(&persist::save_of(
        &loaded.game,
        &loaded.info,
        "2026-01-01T00:00:00Z",
    ))
    .unwrap();
    let back = persist::load_str(&again, "again").unwrap();
    assert_eq!(back.file_version, persist::CURRENT_VERSION);
    assert!(back.notice.is_none());
    assert_eq!(back.game.state, loaded.game.state);
    assert_eq!(back.info, loaded.info);
}

/// The saves of 0.2.0 under rules 3 (`tests/fixtures/compat/0.2.0`), as (path, text): made
/// by main at commit e2342ac (the last rules before the hidden-type model): the three example
/// games of `saves/` as they stood then, and two games each of structural, hawk, patient,
/// dealmaker and first-counter (`truce simulate --strategy S --games 2 --seed 7 --save-to DIR`).
fn corpus_of_rules_3() -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compat/0.2.0");
    let mut files: Vec<(PathBuf, String)> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .map(|p| {
            let text = fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect();
    files.sort();
    assert!(files.len() >= 13, "the 0.2.0 corpus has gone missing");
    files
}

/// Rules 4 and later (Beijing's hidden type, the summit's scene, the last ask posed in the summit week)
/// replay every save of rules 3 with a notice naming both rules, as far as its moves are still
/// allowed; the games whose leaders signed at once in the summit week now wait at the last ask.
#[test]
fn saves_of_rules_3_replay_under_rules_4_with_a_notice() {
    assert_eq!(truce::engine::RULES, 8, "update this test with the rules");
    let version = env!("CARGO_PKG_VERSION");
    let (mut stopped, mut unfinished) = (0, 0);
    for (path, text) in corpus_of_rules_3() {
        let loaded = load(&path, &text, &Build::current());
        let notice = loaded.notice.as_ref().expect("a notice");
        assert_eq!(notice.made_rules, 3, "{}", path.display());
        let line = notice.to_string();
        let head = if version == "0.2.0" {
            "made with Truce 0.2.0 under rules 3, replayed under rules 8".to_string()
        } else {
            format!("made with Truce 0.2.0, replayed under {version}")
        };
        assert!(line.starts_with(&head), "{}: {line}", path.display());
        assert!(!loaded.game.history.is_empty(), "{}", path.display());
        if let Some(s) = &notice.stopped {
            stopped += 1;
            // Loaded up to the move before the one refused.
            assert_eq!(
                loaded.game.history.len(),
                s.number - 1,
                "{}",
                path.display()
            );
            assert!(line.contains("is no longer allowed"), "{line}");
        }
        if let Some((was, now)) = &notice.outcome_changed {
            unfinished += usize::from(now == "in progress");
            assert!(
                line.contains(&format!("it ended in {was}, now {now}")),
                "{line}"
            );
        }
    }
    // The finished example granted a last ask rules 4 no longer poses at that point, and the
    // patient games signed in the summit week's own move.
    assert!(
        stopped >= 2,
        "{stopped} saves stop at a move no longer allowed"
    );
    assert!(
        unfinished >= 4,
        "{unfinished} finished games now wait in progress"
    );
}
