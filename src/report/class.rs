//! The class report: one row per game read from a class's saves, what the report can and
//! cannot verify about each, a summary per scenario and seed, and every file not read (skipped
//! or unreadable) with why. Markdown or CSV; it lays out `facts` and `intake` only.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::engine::new_state;
use crate::persist::provenance::duration;
use crate::persist::{self, ChainCheck, ScenarioId};
use crate::report::csv;
use crate::report::facts::{self, DealRow, GameFacts, SCORE_NAMES};
use crate::report::markdown::{cell, heading, inline, num, table, table_md};

pub use crate::report::intake::{ClassReport, Entry, read, read_with};
use crate::seal::{ClassKey, Verdict};

/// The class report of these saves and folders, each save's seal checked against the class
/// key: what `truce report --class-key KEY` (and a served class's report) lays out.
pub fn read_verified(paths: &[std::path::PathBuf], key: &ClassKey) -> ClassReport {
    read_with(paths, Some(key))
}

/// The class report of one class folder with every save's seal checked against the class
/// key (what a served class's `report --class CLASS.ron` lays out).
pub fn class_report_verified(folder: &std::path::Path, key: &ClassKey) -> ClassReport {
    read_verified(&[folder.to_path_buf()], key)
}

/// The class-key cell: "verified" when the key vouches for the file, else "unverified" and
/// why (no seal, or one that does not match).
fn key_cell(seal: Option<Verdict>) -> String {
    match seal {
        Some(Verdict::Verified) => "verified".into(),
        Some(v) => format!("unverified ({})", v.detail()),
        None => String::new(),
    }
}

/// The player's name, or a dash.
fn player(g: &GameFacts) -> &str {
    g.player.as_deref().unwrap_or("-")
}

/// "yes (n)" for a game reloaded mid-game outside class mode, else "no".
fn reloaded(g: &GameFacts) -> String {
    if g.reloads > 0 {
        format!("yes ({})", g.reloads)
    } else {
        "no".into()
    }
}

/// The class flag as the report can vouch for it: the class key's seal, or only the file.
fn class_mode(g: &GameFacts, seal: Option<Verdict>) -> &'static str {
    match (g.class, seal) {
        (false, _) => "no",
        (true, Some(Verdict::Verified)) => "yes (verified)",
        (true, _) => "yes (claimed)",
    }
}

/// From the first to the last move the chain stamps, or a dash.
fn played_over(g: &GameFacts) -> String {
    g.provenance
        .chain
        .seconds()
        .map_or_else(|| "-".to_string(), duration)
}

/// What the report found to say about one game, each a short phrase in Markdown: what came
/// from a file (a file name, a scenario's name, a chain's complaint) is escaped for a table cell.
fn notes(e: &Entry) -> Vec<String> {
    let g = &e.game;
    let mut out = Vec::new();
    if let Some(of) = &e.copy_of {
        out.push(format!("copy of {}, not counted", cell(of)));
    }
    if let Some(script) = e.script {
        out.push(format!(
            "moves identical to the scripted strategy `{script}`"
        ));
    }
    let id = &g.provenance.scenario;
    if id.named_like_builtin {
        out.push(format!(
            "custom scenario under the built-in's name {}, not the built-in",
            cell(&id.name)
        ));
    }
    match &g.provenance.chain {
        ChainCheck::Broken { why } => out.push(format!("chain broken: {}", cell(why))),
        ChainCheck::None if g.class => out.push("class flag with no chain".into()),
        _ => {}
    }
    if g.instructor {
        out.push("instructor view used".into());
    }
    if e.seal == Some(Verdict::Forged) {
        out.push("its class-key seal does not match: edited since, or sealed elsewhere".into());
    }
    out
}

fn score(g: &GameFacts, name: &str) -> f64 {
    g.scores
        .iter()
        .find(|s| s.name == name)
        .map_or(0.0, |s| s.value)
}

/// The counted games grouped by (scenario identity, seed), in order: a custom scenario under
/// a built-in's name is a group of its own.
fn groups(games: &[Entry]) -> BTreeMap<(ScenarioId, u64), Vec<&Entry>> {
    let mut out: BTreeMap<(ScenarioId, u64), Vec<&Entry>> = BTreeMap::new();
    for e in games.iter().filter(|e| e.counted()) {
        out.entry((e.game.provenance.scenario.clone(), e.game.seed))
            .or_default()
            .push(e);
    }
    out
}

/// The report in Markdown.
pub fn markdown(r: &ClassReport) -> String {
    let mut out = String::from("# Class results\n\n");
    let counted: Vec<&Entry> = r.games.iter().filter(|e| e.counted()).collect();
    let done = counted.iter().filter(|e| finished(e)).count();
    let copies = r.games.len() - counted.len();
    let _ = write!(
        out,
        "{} game(s) read ({done} finished, {} unfinished); scores recomputed by replaying each \
         save. Means count finished games only: an unfinished game's scores are where it stands.",
        counted.len(),
        counted.len() - done
    );
    if copies > 0 {
        let _ = write!(
            out,
            " {copies} more file(s) are saves of a game read already (the same game id): they \
             are listed as copies and not counted."
        );
    }
    out.push_str("\n\n## Games\n\n");
    games_table(&mut out, r);
    verification(&mut out, r);
    for ((scenario, seed), games) in groups(&r.games) {
        summary(&mut out, &scenario, seed, &games);
    }
    files_not_read(&mut out, r);
    out
}

/// One row per file read, copies included.
fn games_table(out: &mut String, r: &ClassReport) {
    let mut header = vec![
        "Player",
        "File",
        "Scenario",
        "Seed",
        "Outcome",
        "Week",
        "Class mode",
        "Reloaded",
        "Chain",
        "Played over",
    ];
    if r.keyed {
        header.push("Class key");
    }
    header.extend(SCORE_NAMES);
    header.push("Notes");
    let mut right = vec![
        false, false, false, true, false, true, false, false, false, true,
    ];
    if r.keyed {
        right.push(false);
    }
    right.extend([true; SCORE_NAMES.len()]);
    let rows: Vec<Vec<String>> = r
        .games
        .iter()
        .map(|e| {
            let g = &e.game;
            let mut row: Vec<String> = [
                player(g).to_string(),
                e.file.clone(),
                g.provenance.scenario.label(),
                g.seed.to_string(),
                g.outcome.title.clone(),
                g.outcome.week.to_string(),
                class_mode(g, e.seal).to_string(),
                reloaded(g),
                g.provenance.chain.word().to_string(),
                played_over(g),
            ]
            .iter()
            .map(|c| cell(c))
            .collect();
            if r.keyed {
                row.push(key_cell(e.seal));
            }
            row.extend(SCORE_NAMES.iter().map(|n| num(score(g, n))));
            // The notes are Markdown already (`notes` escapes what came from a file).
            row.push(notes(e).join("; "));
            row
        })
        .collect();
    out.push_str(&table_md(&header, &right, &rows));
    out.push('\n');
}

/// What the report vouches for and what it only repeats from the files.
fn verification(out: &mut String, r: &ClassReport) {
    out.push_str(
        "What this report can and cannot verify:\n\n\
         - *Scores, outcomes and weeks* are recomputed by replaying every save: verified.\n",
    );
    out.push_str(if r.keyed {
        "- *Class key*: *verified* when the save carries the seal the class's served games put \
         on every save they write, and not a byte of it changed since; *unverified* otherwise \
         (no seal: made outside the class server, or before it; a seal that does not match: \
         edited, or sealed with another key). *Class mode* says *verified* for a sealed class \
         game. *Player* and *Reloaded* are what each file says.\n"
    } else {
        "- *Player*, *Class mode* and *Reloaded* are what each file says (class flag: claimed). \
         No class key was given (--class-key), so none is verified by the class key.\n"
    });
    out.push_str(
        "- *Chain*: a class game's saves chain its moves and their times by hash from the \
         game's start. *intact*: nobody edited the moves, their times or the start by hand \
         since the game saved them (a modified build could still write a chain: the class key's \
         seal is what vouches for the file); *partial*: chained from a later move on (resumed from a save without \
         a chain); *broken*: edited after saving; *none*: no chain (not a class game, or saved \
         before chains). *Played over*: from the first to the last chained move; a game \
         written by a script takes no time.\n",
    );
    if r.games.iter().any(|e| e.script.is_some()) {
        out.push_str(
            "- *Moves identical to a scripted strategy*: the game repeats, move for move, one of \
             the strategies `truce simulate` plays for this scenario and seed.\n",
        );
    }
    if r.games
        .iter()
        .any(|e| e.game.provenance.scenario.is_custom())
    {
        out.push_str(
            "- *custom* after a scenario's name: the save carries its own scenario, shown with \
             the start of its SHA-256; it is grouped apart and never taken for a built-in, \
             whatever its name.\n",
        );
    }
    if r.games.iter().any(|e| e.game.instructor) {
        out.push_str(
            "- *Instructor view used*: the file says the instructor's view (the engine's dry run \
             of each package, Beijing's hidden numbers) was on in this game, so it was a dry run, \
             not a student's game.\n",
        );
    }
    if r.games.iter().any(|e| e.game.reloads > 0) {
        out.push_str(
            "- *Reloaded*: the game was loaded from a save and resumed mid-game outside class \
             mode, so its moves may have been tried more than once.\n",
        );
    }
    out.push('\n');
}

/// The unreadable files and the skipped ones, each with why.
fn files_not_read(out: &mut String, r: &ClassReport) {
    if !r.unreadable.is_empty() {
        out.push_str("## Files not read\n\n");
        for (file, why) in &r.unreadable {
            // Load errors already start with `file:line:column:`; others get the file named.
            // Escaped: the file name and what the error quotes from it came from the files.
            if why.starts_with(file.as_str()) || why.starts_with(&persist::names::escape(file)) {
                let _ = writeln!(out, "- {}", inline(why));
            } else {
                let _ = writeln!(out, "- {}: {}", inline(file), inline(why));
            }
        }
        out.push('\n');
    }
    if !r.skipped.is_empty() {
        out.push_str("## Skipped\n\n");
        for (file, why) in &r.skipped {
            let _ = writeln!(out, "- {}: {}", inline(file), inline(why));
        }
        out.push('\n');
    }
}

/// Whether a game has ended: only ended games have final scores to average.
fn finished(e: &Entry) -> bool {
    e.game.outcome.key != "in_progress"
}

/// The summary of one scenario and seed: outcomes, means and best games over the finished
/// games, the unfinished ones listed apart, and the deals beside history.
fn summary(out: &mut String, scenario: &ScenarioId, seed: u64, games: &[&Entry]) {
    let _ = writeln!(
        out,
        "## {}, seed {seed}: {} game(s)\n",
        heading(&scenario.label()),
        games.len()
    );
    if scenario.named_like_builtin {
        let _ = writeln!(
            out,
            "These saves carry their own scenario under the name of the built-in {}, but it \
             is not the built-in: their games are kept apart from its games, and set beside \
             their own scenario's history.\n",
            inline(&scenario.name)
        );
    }
    let (done, open): (Vec<&Entry>, Vec<&Entry>) = games.iter().copied().partition(|e| finished(e));
    let mut outcomes: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &done {
        *outcomes.entry(e.game.outcome.title.as_str()).or_default() += 1;
    }
    let list: Vec<String> = outcomes.iter().map(|(t, n)| format!("{t} {n}")).collect();
    if !list.is_empty() {
        let _ = writeln!(out, "Outcomes: {}.\n", list.join(", "));
    }
    if !open.is_empty() {
        // An unfinished game's scores are where it stands, not where it ends: they would drag
        // the means towards the opening state, so they are named here and left out.
        let names: Vec<String> = open
            .iter()
            .map(|e| format!("{} (week {})", inline(&e.file), e.game.outcome.week))
            .collect();
        let _ = writeln!(
            out,
            "Unfinished, not in the means below: {} game(s): {}.\n",
            open.len(),
            names.join(", ")
        );
    }
    if done.is_empty() {
        out.push_str("No game has finished, so there are no means yet.\n\n");
    } else {
        means(out, &done);
    }
    deals(out, scenario, seed, games);
}

/// Mean and best game per score, over finished games only.
fn means(out: &mut String, done: &[&Entry]) {
    let n = crate::core::num::count(done.len());
    let _ = writeln!(out, "Means over the {} finished game(s):\n", done.len());
    let rows: Vec<Vec<String>> = SCORE_NAMES
        .iter()
        .map(|name| {
            let mean = done.iter().map(|e| score(&e.game, name)).sum::<f64>() / n;
            // The first game in file order wins a tie, so the report is stable.
            let best = done.iter().fold(None::<&&Entry>, |best, e| match best {
                Some(b) if score(&b.game, name) >= score(&e.game, name) => Some(b),
                _ => Some(e),
            });
            let who = best.map_or(String::new(), |b| {
                let value = num(score(&b.game, name));
                match &b.game.player {
                    Some(p) => format!("{p}: {} ({value})", b.file),
                    None => format!("{} ({value})", b.file),
                }
            });
            vec![name.to_string(), format!("{mean:.1}"), who]
        })
        .collect();
    out.push_str(&table(
        &["Score", "Mean", "Best game"],
        &[false, true, false],
        &rows,
    ));
    out.push('\n');
}

/// The history a group's deals are set beside: a built-in's own (never a file's, so no
/// planted save can rewrite it); a custom scenario's from its games, which all carry that one
/// scenario (the group is its content hash).
fn history_of(scenario: &ScenarioId, seed: u64, games: &[&Entry]) -> Vec<DealRow> {
    if !scenario.is_custom()
        && let Some((builtin, _)) = persist::builtin_with_hash(&scenario.name)
    {
        return facts::deal(&builtin, &new_state(&builtin, seed));
    }
    games
        .first()
        .map(|e| e.game.deal.clone())
        .unwrap_or_default()
}

/// Issue by issue: how many signed deals matched history, asked the US more, or less.
fn deals(out: &mut String, scenario: &ScenarioId, seed: u64, games: &[&Entry]) {
    let signed: Vec<&GameFacts> = games
        .iter()
        .map(|e| &e.game)
        .filter(|g| g.deal.iter().any(|d| d.yours.is_some()))
        .collect();
    if signed.is_empty() {
        out.push_str("No deal was signed, so there is nothing to set beside history.\n\n");
        return;
    }
    let _ = writeln!(
        out,
        "The {} signed deal(s) beside history, issue by issue (better or worse for the US):\n",
        signed.len()
    );
    let rows: Vec<Vec<String>> = history_of(scenario, seed, games)
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let (mut same, mut better, mut worse) = (0, 0, 0);
            for g in &signed {
                if let Some(Some((label, us))) = g.deal.get(i).map(|d| d.yours.as_ref()) {
                    if *label == row.history.0 {
                        same += 1;
                    } else if *us > row.history.1 {
                        better += 1;
                    } else {
                        worse += 1;
                    }
                }
            }
            vec![
                row.issue.clone(),
                row.history.0.clone(),
                same.to_string(),
                better.to_string(),
                worse.to_string(),
            ]
        })
        .collect();
    out.push_str(&table(
        &["Issue", "History", "Same", "Better", "Worse"],
        &[false, false, true, true, true],
        &rows,
    ));
    // Issue by issue is not the verdict: a deal can differ from history on most issues and be
    // worth more to the US. By value, each side's share of what it could gain.
    let valued: Vec<_> = signed.iter().filter_map(|g| g.beside).collect();
    if !valued.is_empty() {
        let better = valued
            .iter()
            .filter(|b| b.yours.0 > b.history.0 + 1.0)
            .count();
        let worse = valued
            .iter()
            .filter(|b| b.yours.0 < b.history.0 - 1.0)
            .count();
        let _ = writeln!(
            out,
            "\nBy value to the US (its share of what it could gain): {better} of {} deal(s) better than history, {worse} worse, the rest about the same.",
            valued.len()
        );
    }
    out.push('\n');
}

/// The CSV columns after the scores, before `problem`.
const CHECK_COLUMNS: [&str; 8] = [
    "class_flag",
    "chain",
    "played_seconds",
    "scripted",
    "copy_of",
    "scenario_hash",
    "game_id",
    "instructor_view",
];

/// The CSV columns a report given a class key adds before `problem`: `verified` or
/// `unverified`, and why.
const KEY_COLUMNS: [&str; 2] = ["class_key", "class_key_detail"];

/// The report as CSV: one record per game (copies included, marked in `copy_of`), then one per
/// unreadable file (outcome `unreadable`) and one per skipped file (outcome `skipped`), the
/// reason in the last column.
pub fn to_csv(r: &ClassReport) -> String {
    let mut header = vec![
        "player",
        "file",
        "scenario",
        "seed",
        "outcome",
        "week",
        "class_mode",
        "reloads",
    ];
    header.extend(SCORE_NAMES);
    header.extend(CHECK_COLUMNS);
    if r.keyed {
        header.extend(KEY_COLUMNS);
    }
    header.push("problem");
    let mut out = csv::record(&header);
    // Text cells are made inert by `csv::text`; numbers stay numbers (`csv::number`).
    for e in &r.games {
        let g = &e.game;
        let p = &g.provenance;
        let mut row = vec![
            csv::text(g.player.as_deref().unwrap_or_default()),
            csv::text(&e.file),
            csv::text(&p.scenario.label()),
            csv::number(g.seed),
            csv::text(&g.outcome.key),
            csv::number(g.outcome.week),
            csv::text(&g.class.to_string()),
            csv::number(g.reloads),
        ];
        row.extend(
            SCORE_NAMES
                .iter()
                .map(|n| csv::number(format!("{:.1}", score(g, n)))),
        );
        row.extend([
            csv::text(match (g.class, e.seal) {
                (false, _) => "",
                (true, Some(Verdict::Verified)) => "verified",
                (true, _) => "claimed",
            }),
            csv::text(p.chain.word()),
            p.chain.seconds().map_or(String::new(), csv::number),
            csv::text(e.script.unwrap_or_default()),
            csv::text(e.copy_of.as_deref().unwrap_or_default()),
            csv::text(p.scenario.custom.as_deref().unwrap_or_default()),
            csv::text(&p.game_id),
            csv::text(if g.instructor { "used" } else { "" }),
        ]);
        if r.keyed {
            let seal = e.seal.unwrap_or(Verdict::Unsigned);
            row.extend([csv::text(seal.word()), csv::text(seal.detail())]);
        }
        row.push(String::new());
        out.push_str(&csv::line(&row));
    }
    for (outcome, list) in [("unreadable", &r.unreadable), ("skipped", &r.skipped)] {
        for (file, why) in list {
            let mut row = vec![
                String::new(),
                csv::text(file),
                String::new(),
                String::new(),
                csv::text(outcome),
            ];
            let keyed = if r.keyed { KEY_COLUMNS.len() } else { 0 };
            let blank = 3 + SCORE_NAMES.len() + CHECK_COLUMNS.len() + keyed;
            row.extend(std::iter::repeat_n(String::new(), blank));
            row.push(csv::text(why));
            out.push_str(&csv::line(&row));
        }
    }
    out
}
