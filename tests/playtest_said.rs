//! Bugs 2 and 8 of the hidden-types playtest (docs/playtests/hidden-types.md), each pinned by a
//! test that fails without its fix: the dispatches say when the US signs without granting
//! Beijing's last ask (and whether Beijing signed all the same), and the issue ladder's notes
//! are readable, never cut mid-word. With them, the finding behind the debrief note: refusing
//! the ask changes no other term's year after on the same dice.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;
use std::sync::Arc;

use truce::core::{Note, Said};
use truce::engine::{Action, Game};
use truce::persist;
use truce::report::dispatch::level_text;
use truce::report::{facts, transcript};
use truce::scenario::Scenario;
use truce::sim::{Strategy, play};
use truce::ui::{App, Theme};

/// The patient line of `seed` as played (its last ask granted), and the same line with the
/// grant left out, so the US signs without it; `None` when patient met no ask on that seed.
fn granted_and_refused(s: &Arc<Scenario>, seed: u64) -> Option<(Game, Game)> {
    let line = play(s, Strategy::Patient, seed).actions;
    if !line.contains(&Action::GrantAsk) {
        return None;
    }
    let run = |skip_grant: bool| {
        let mut g = Game::new(Arc::clone(s), seed);
        for a in &line {
            if (skip_grant && *a == Action::GrantAsk) || g.state.outcome.is_some() {
                continue;
            }
            g.apply(a.clone()).expect("the patient line is legal");
        }
        g
    };
    Some((run(false), run(true)))
}

/// The first game of seeds 1..=40 whose refused ask Beijing answered by signing (`true`) or
/// by leaving the summit unsigned (`false`).
fn refused_game(s: &Arc<Scenario>, signed: bool) -> Game {
    (1..=40)
        .filter_map(|seed| granted_and_refused(s, seed))
        .map(|(_, refused)| refused)
        .find(|g| g.state.signed.is_some() == signed)
        .unwrap_or_else(|| panic!("no patient line refused its ask with signed = {signed}"))
}

/// The dispatch the refusal logged: (issue, level, signed).
fn refusal(g: &Game) -> Option<(usize, usize, bool)> {
    g.state.log.iter().find_map(|d| match d.said {
        Said::AskRefused {
            issue,
            level,
            signed,
        } => Some((issue, level, signed)),
        _ => None,
    })
}

#[test]
fn signing_over_the_last_ask_logs_its_refusal_and_granting_it_logs_none() {
    let s = common::shared();
    let (mut signed, mut left) = (0, 0);
    for seed in 1..=40 {
        let Some((granted, refused)) = granted_and_refused(&s, seed) else {
            continue;
        };
        let count = |g: &Game| {
            g.state
                .log
                .iter()
                .filter(|d| matches!(d.said, Said::AskRefused { .. }))
                .count()
        };
        assert_eq!(count(&granted), 0, "seed {seed}: the ask was granted");
        assert!(
            granted
                .state
                .log
                .iter()
                .any(|d| matches!(d.said, Said::AskGranted { .. })),
            "seed {seed}"
        );
        assert_eq!(count(&refused), 1, "seed {seed}: one refusal, said once");
        let asked = refused.state.log.iter().find_map(|d| match d.said {
            Said::SummitAsk { issue, level } => Some((issue, level)),
            _ => None,
        });
        let (issue, level, beijing_signed) = refusal(&refused).expect("the refusal is logged");
        assert_eq!(Some((issue, level)), asked, "seed {seed}: it names the ask");
        assert_eq!(
            beijing_signed,
            refused.state.signed.is_some(),
            "seed {seed}"
        );
        // Said before what the leaders did.
        let at = refused
            .state
            .log
            .iter()
            .position(|d| matches!(d.said, Said::AskRefused { .. }))
            .unwrap();
        let next = &refused.state.log[at + 1].said;
        if beijing_signed {
            signed += 1;
            assert_eq!(*next, Said::Signed, "seed {seed}");
        } else {
            left += 1;
            assert_eq!(*next, Said::SignRefused, "seed {seed}");
        }
    }
    assert!(signed > 0 && left > 0, "signed {signed}, left {left}");
}

/// Saves `g` and loads it back, as a player's file would be (the new dispatch round-trips).
fn saved_and_loaded(g: &Game, dir: &Path) -> persist::LoadedGame {
    let info = persist::GameInfo::new(&g.scenario, g.seed, "2025-10-30T12:00:00Z");
    let path = dir.join("refused.ron");
    persist::save_game(&path, g, &info, "2025-10-30T12:00:00Z").expect("saved");
    let loaded = persist::load_game(&path).expect("loads under the same rules");
    assert!(loaded.notice.is_none(), "{:?}", loaded.notice);
    loaded
}

/// The screen's text with its lines joined and runs of spaces and borders as one space, so a
/// sentence wrapped over rows reads whole.
fn flat(screen: &str) -> String {
    screen
        .replace(['│', '┃'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The left-hand pane of a screen: each row up to its first border after the first cell.
fn left_pane(shown: &str) -> String {
    shown
        .lines()
        .map(|l| {
            l.chars()
                .skip(1)
                .take_while(|&c| c != '│')
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_refused_ask_reads_in_the_transcript_the_final_week_and_the_log() {
    let s = common::shared();
    let dir = tempfile::tempdir().unwrap();
    for beijing_signed in [true, false] {
        let g = refused_game(&s, beijing_signed);
        let (issue, level, _) = refusal(&g).unwrap();
        let then = if beijing_signed {
            "Beijing closes the deal all the same"
        } else {
            "Beijing leaves the summit unsigned"
        };
        let sentence = format!(
            "The US signs without granting Beijing's last ask ({}): {then}.",
            level_text(&s, issue, level)
        );
        let loaded = saved_and_loaded(&g, dir.path());
        let md = transcript::render(&facts::of_loaded(&loaded));
        assert!(md.contains(&sentence), "{sentence} in:\n{md}");
        let mut app = App::new(vec![Arc::clone(&s)], 0, g.seed, Theme::plain()).resuming(loaded);
        for (w, h) in [(120, 40), (200, 60)] {
            let shown = common::text(&common::draw(&mut app, w, h));
            if beijing_signed {
                // The debrief's final week lists it, before the agreement.
                let f = flat(&left_pane(&shown));
                let week = f.find("The final week").expect("the final week");
                let at = f.find(&sentence).unwrap_or_else(|| panic!("{shown}"));
                assert!(week < at, "{shown}");
            } else {
                // Still at the table: the dispatches pane says it.
                assert!(
                    flat(&left_pane(&shown)).contains(&sentence),
                    "{w}x{h}:\n{shown}"
                );
            }
        }
    }
}

#[test]
fn a_refused_ask_changes_no_other_terms_year_on_the_same_dice() {
    // The playtest saw a refused ask followed by terms lapsing. The refusal's leave roll draws
    // from the game's RNG, so the refused game's year is dealt other dice; on the granted
    // game's own dice, the refused package keeps every other term exactly as the granted one.
    let s = common::shared();
    let mut compared = 0;
    for seed in 1..=40 {
        let Some((granted, refused)) = granted_and_refused(&s, seed) else {
            continue;
        };
        let (Some(p), Some((ask, _, _))) = (refused.state.signed.clone(), refusal(&refused)) else {
            continue;
        };
        let line = play(&s, Strategy::Patient, seed).actions;
        assert_eq!(line.last(), Some(&Action::Sign), "seed {seed}");
        let mut same_dice = Game::new(Arc::clone(&s), seed);
        for a in &line[..line.len() - 1] {
            same_dice.apply(a.clone()).unwrap();
        }
        same_dice.state.agreed = Some(p);
        same_dice.apply(Action::Sign).unwrap();
        // Every note but those on the ask's own issue (and the ladder's return, which follows
        // the mineral term when the ask fell on it).
        let notes = |g: &Game| {
            let e = g.state.epilogue.as_ref().expect("a year after");
            e.notes
                .iter()
                .filter(|n| !about(n, ask) && !matches!(n, Note::SnapBack { .. }))
                .map(|n| format!("{n:?}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(notes(&same_dice), notes(&granted), "seed {seed}");
        compared += 1;
    }
    assert!(compared >= 10, "{compared} games compared");
}

/// Whether an epilogue note is about issue `i`.
fn about(note: &Note, i: usize) -> bool {
    format!("{note:?}").contains(&format!("issue: {i},"))
}

/// The ladder's header and rows in the detail pane, up to the pane's right border.
fn ladder(shown: &str) -> Option<Vec<String>> {
    let lines: Vec<&str> = shown.lines().collect();
    let head = lines
        .iter()
        .position(|l| l.contains("Level") && l.contains("Notes"))?;
    let mut out = Vec::new();
    for l in &lines[head..] {
        let row: String = l.chars().skip(1).take_while(|&c| c != '│').collect();
        if !(row.starts_with("  ") || row.starts_with('▶')) || row.contains(':') {
            break;
        }
        out.push(row.trim_end().to_string());
    }
    Some(out)
}

#[test]
fn the_ladder_notes_are_never_cut_at_any_size() {
    let s = common::scenario();
    for (w, h) in [(120, 40), (160, 48), (200, 60)] {
        for (row, issue) in s.issues.iter().enumerate() {
            let script = format!(">>{}", "v".repeat(row));
            let (_, term) = common::play(&script, w, h);
            let shown = common::text(&term);
            let rows = ladder(&shown).unwrap_or_else(|| panic!("{w}x{h}:\n{shown}"));
            assert_eq!(rows.len(), issue.levels.len() + 1, "{w}x{h}:\n{shown}");
            for r in &rows {
                assert!(!r.contains('…'), "{w}x{h} {}: {r}", issue.id);
            }
            // At the start every issue's package is its status quo, and the notes say both.
            let mine = rows.iter().find(|r| r.starts_with('▶')).unwrap();
            assert!(
                mine.ends_with("status quo/you") || mine.ends_with("status quo, your package"),
                "{w}x{h} {}: {mine}",
                issue.id
            );
        }
    }
}

#[test]
fn the_ladder_at_120x40_keeps_the_notes_of_the_issues_that_cut_them() {
    // Chip controls, rare earths, farm and investment read "0 status…" before: their labels
    // left the notes too little room.
    let mut all = String::new();
    for (row, id) in [(1, "export_controls"), (3, "farm"), (5, "investment")] {
        let script = format!(">>{}", "v".repeat(row));
        let (_, term) = common::play(&script, 120, 40);
        let rows = ladder(&common::text(&term)).unwrap();
        all.push_str(&format!("{id}\n{}\n", rows.join("\n")));
    }
    insta::assert_snapshot!("ladder_notes_120x40", all);
}

#[test]
fn at_80x24_the_detail_names_the_counter_beside_the_status_quo() {
    // No room for the ladder: the level's notes go on its first line, wrapped by word. Tariffs
    // to 20% and rare earths to general licences draw a counter; then back to the tariffs row,
    // stepped to the counter's level.
    let (app, _) = common::play(">>]vv]>", 80, 24);
    let g = app.game.as_ref().unwrap();
    let counter = g.state.counter.clone().expect("a counter");
    let mut script = String::from(">>]vv]>^^");
    let now = g.scenario.issues[0].status_quo + 1;
    let want = counter.0[0];
    script.push_str(&if want >= now {
        "]".repeat(want - now)
    } else {
        "[".repeat(now - want)
    });
    let (_, term) = common::play(&script, 80, 24);
    let shown = common::text(&term);
    assert!(flat(&shown).contains("· China's counter"), "{shown}");
}
