//! The class report: one row per game read from a class's saves, a summary per scenario and
//! seed, and the files that could not be read. Markdown or CSV; it lays out `facts` only.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use crate::persist;
use crate::report::csv;
use crate::report::facts::{self, GameFacts, SCORE_NAMES};
use crate::report::markdown::{num, table};

/// One game read, with the file it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The file, as given or found in a folder.
    pub file: String,
    /// What the replay says about it.
    pub game: GameFacts,
}

/// Everything read from the paths given.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ClassReport {
    /// The games read, in the order found.
    pub games: Vec<Entry>,
    /// Files that could not be read, with why.
    pub unreadable: Vec<(String, String)>,
}

/// The files a path names: a folder gives the `.ron` files directly inside it, sorted; a file
/// gives itself. A folder that cannot be listed is reported as unreadable.
fn files_of(path: &Path, report: &mut ClassReport) -> Vec<PathBuf> {
    if !path.is_dir() {
        return vec![path.to_path_buf()];
    }
    match std::fs::read_dir(path) {
        Ok(entries) => {
            let mut files: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "ron"))
                .collect();
            files.sort();
            files
        }
        Err(e) => {
            let why = format!("cannot list the folder: {e}");
            report.unreadable.push((path.display().to_string(), why));
            Vec::new()
        }
    }
}

/// Reads every save the paths name. Each is replayed: scores come from the replay, never from
/// the file.
pub fn read(paths: &[PathBuf]) -> ClassReport {
    let mut report = ClassReport::default();
    for path in paths {
        for file in files_of(path, &mut report) {
            let name = file.display().to_string();
            match read_one(&file) {
                Ok(game) => report.games.push(Entry { file: name, game }),
                Err(why) => report.unreadable.push((name, why)),
            }
        }
    }
    report
}

/// One save's facts, or why not. One file fails alone, never the report: reading is capped
/// (`persist::read`), the replay keeps one state, and a panic in it is caught and named.
fn read_one(file: &Path) -> Result<GameFacts, String> {
    let read = || persist::load_game(file).map(|loaded| facts::summary_of_loaded(&loaded));
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)) {
        Ok(Ok(game)) => Ok(game),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err("replaying it failed inside Truce (a bug: please report it)".into()),
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

fn score(g: &GameFacts, name: &str) -> f64 {
    g.scores
        .iter()
        .find(|s| s.name == name)
        .map_or(0.0, |s| s.value)
}

/// The games grouped by (scenario, seed), in order.
fn groups(games: &[Entry]) -> BTreeMap<(String, u64), Vec<&Entry>> {
    let mut out: BTreeMap<(String, u64), Vec<&Entry>> = BTreeMap::new();
    for e in games {
        out.entry((e.game.scenario.clone(), e.game.seed))
            .or_default()
            .push(e);
    }
    out
}

/// The report in Markdown.
pub fn markdown(r: &ClassReport) -> String {
    let mut out = String::from("# Class results\n\n");
    let done = r.games.iter().filter(|e| finished(e)).count();
    let _ = writeln!(
        out,
        "{} game(s) read ({done} finished, {} unfinished); scores recomputed by replaying each \
         save. Means count finished games only: an unfinished game's scores are where it stands.\n",
        r.games.len(),
        r.games.len() - done
    );
    out.push_str("## Games\n\n");
    let mut header = vec![
        "Player", "File", "Scenario", "Seed", "Outcome", "Week", "Reloaded",
    ];
    header.extend(SCORE_NAMES);
    let mut right = vec![false, false, false, true, false, true, false];
    right.extend([true; SCORE_NAMES.len()]);
    let rows: Vec<Vec<String>> = r
        .games
        .iter()
        .map(|e| {
            let g = &e.game;
            let mut row = vec![
                player(g).to_string(),
                e.file.clone(),
                g.scenario.clone(),
                g.seed.to_string(),
                g.outcome.title.clone(),
                g.outcome.week.to_string(),
                reloaded(g),
            ];
            row.extend(SCORE_NAMES.iter().map(|n| num(score(g, n))));
            row
        })
        .collect();
    out.push_str(&table(&header, &right, &rows));
    out.push('\n');
    if r.games.iter().any(|e| e.game.reloads > 0) {
        out.push_str(
            "*Reloaded*: the game was loaded from a save and resumed mid-game outside class \
             mode, so its moves may have been tried more than once.\n\n",
        );
    }
    for ((scenario, seed), games) in groups(&r.games) {
        summary(&mut out, &scenario, seed, &games);
    }
    if !r.unreadable.is_empty() {
        out.push_str("## Files not read\n\n");
        for (file, why) in &r.unreadable {
            // Load errors already start with `file:line:column:`; others get the file named.
            let why = why.replace('\n', " ");
            if why.starts_with(file.as_str()) {
                let _ = writeln!(out, "- {why}");
            } else {
                let _ = writeln!(out, "- {file}: {why}");
            }
        }
        out.push('\n');
    }
    out
}

/// Whether a game has ended: only ended games have final scores to average.
fn finished(e: &Entry) -> bool {
    e.game.outcome.key != "in_progress"
}

/// The summary of one scenario and seed: outcomes, means and best games over the finished
/// games, the unfinished ones listed apart, and the deals beside history.
fn summary(out: &mut String, scenario: &str, seed: u64, games: &[&Entry]) {
    let _ = writeln!(out, "## {scenario}, seed {seed}: {} game(s)\n", games.len());
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
            .map(|e| format!("{} (week {})", e.file, e.game.outcome.week))
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
    deals(out, games);
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

/// Issue by issue: how many signed deals matched history, asked the US more, or less.
fn deals(out: &mut String, games: &[&Entry]) {
    let signed: Vec<&GameFacts> = games
        .iter()
        .map(|e| &e.game)
        .filter(|g| g.deal.iter().any(|d| d.yours.is_some()))
        .collect();
    let Some(first) = games.first() else { return };
    if signed.is_empty() {
        out.push_str("No deal was signed, so there is nothing to set beside history.\n\n");
        return;
    }
    let _ = writeln!(
        out,
        "The {} signed deal(s) beside history, issue by issue (better or worse for the US):\n",
        signed.len()
    );
    let rows: Vec<Vec<String>> = first
        .game
        .deal
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
    out.push('\n');
}

/// The report as CSV: one record per game, then one per unreadable file (outcome `unreadable`,
/// the reason in the last column).
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
    header.push("problem");
    let mut out = csv::record(&header);
    for e in &r.games {
        let g = &e.game;
        let mut row = vec![
            g.player.clone().unwrap_or_default(),
            e.file.clone(),
            g.scenario.clone(),
            g.seed.to_string(),
            g.outcome.key.clone(),
            g.outcome.week.to_string(),
            g.class.to_string(),
            g.reloads.to_string(),
        ];
        row.extend(SCORE_NAMES.iter().map(|n| format!("{:.1}", score(g, n))));
        row.push(String::new());
        out.push_str(&csv::record(&row));
    }
    for (file, why) in &r.unreadable {
        let mut row = vec![
            String::new(),
            file.clone(),
            String::new(),
            String::new(),
            "unreadable".into(),
        ];
        row.extend(std::iter::repeat_n(String::new(), 3 + SCORE_NAMES.len()));
        row.push(why.clone());
        out.push_str(&csv::record(&row));
    }
    out
}
