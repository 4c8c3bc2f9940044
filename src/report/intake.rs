//! Reading a class's saves for the report: which files are read and which are skipped (each
//! with why: nothing is dropped without a word), which games are copies of another save of the
//! same game, and which repeat a scripted strategy move for move.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::engine::Action;
use crate::persist::read::{MAX_SAVE_BYTES, read_text};
use crate::persist::{self, LoadedGame, ScenarioId};
use crate::report::facts::{self, GameFacts};
use crate::scenario::Scenario;
use crate::seal::{ClassKey, Verdict, verify};
use crate::sim::{Strategy, play};

/// No scripted game takes more moves than this (`sim::play` stops there): a longer game is
/// nobody's script, and is not compared.
const SCRIPT_MOVES: usize = 200;

/// One game read, with the file it came from and what the report checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The file, as given or found in a folder.
    pub file: String,
    /// What the replay says about it.
    pub game: GameFacts,
    /// The scripted strategy whose moves this game repeats exactly, if any.
    pub script: Option<&'static str>,
    /// When another save of the same game (same game id) counts instead: that file. A copy is
    /// listed but left out of the counts and means.
    pub copy_of: Option<String>,
    /// How many moves the save holds (`game.moves` is left empty in a class report).
    pub moves: usize,
    /// What the class key says of the file's seal; `None` when the report was given no key.
    pub seal: Option<Verdict>,
}

impl Entry {
    /// Whether the game counts in the summaries (it is no copy of another save).
    pub fn counted(&self) -> bool {
        self.copy_of.is_none()
    }
}

/// Everything read from the paths given.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ClassReport {
    /// The games read, in the order found.
    pub games: Vec<Entry>,
    /// Files that could not be read, with why.
    pub unreadable: Vec<(String, String)>,
    /// What a folder held that is not read (other files, subfolders), with why.
    pub skipped: Vec<(String, String)>,
    /// Whether the saves were checked against a class key (each entry's `seal` is then set).
    pub keyed: bool,
}

/// Why a folder entry is not read, or `None` for a save to read: a regular file whose name
/// ends in `.ron` in any case (`ana.RON` is read; `bob.ron.txt` is not).
fn skip_reason(path: &Path) -> Option<&'static str> {
    if path.is_dir() {
        return Some(
            "a folder: the report reads only the files directly inside the folders it is given",
        );
    }
    if !path.is_file() {
        return Some("not a regular file");
    }
    let ron = path
        .extension()
        .is_some_and(|x| x.to_string_lossy().eq_ignore_ascii_case("ron"));
    if ron { None } else { Some("not a .ron file") }
}

/// Whether a folder entry is the game's own bookkeeping, passed over without a word: a running
/// game's lock (`autosave-<id>.lock`) and our temporary files (`.truce-….tmp`). Neither could
/// be read as a save (neither ends in `.ron`), so passing them over hides no game.
fn ours(path: &Path) -> bool {
    path.file_name()
        .map(|n| n.to_string_lossy())
        .is_some_and(|n| {
            persist::lock::is_lock_name(&n)
                || persist::names::is_temp_name(&n)
                || REPORT_FILES.contains(&n.as_ref())
        })
}

/// The files the class board's `r` writes into the class folder (the report itself): passed
/// over like the game's own bookkeeping, so a later report does not list them as skipped.
pub const REPORT_FILES: [&str; 2] = ["class-report.md", "class-report.csv"];

/// The files a path names: a folder gives its saves (see `skip_reason`), sorted, and lists the
/// rest as skipped (but for the game's own locks and temporary files, see `ours`); a file gives
/// itself. A folder that cannot be listed is unreadable.
fn files_of(path: &Path, report: &mut ClassReport) -> Vec<PathBuf> {
    if !path.is_dir() {
        return vec![path.to_path_buf()];
    }
    let entries = match std::fs::read_dir(path) {
        Ok(entries) => entries,
        Err(e) => {
            let why = format!("cannot list the folder: {e}");
            report.unreadable.push((path.display().to_string(), why));
            return Vec::new();
        }
    };
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => {
                let p = entry.path();
                if ours(&p) {
                    continue;
                }
                match skip_reason(&p) {
                    None => files.push(p),
                    Some(why) => skipped.push((p.display().to_string(), why.to_string())),
                }
            }
            Err(e) => skipped.push((
                path.display().to_string(),
                format!("an entry of the folder cannot be read: {e}"),
            )),
        }
    }
    files.sort();
    skipped.sort();
    report.skipped.extend(skipped);
    files
}

/// Each scripted strategy's name and moves in one scenario and seed.
type Played = Vec<(&'static str, Vec<Action>)>;

/// The moves of every scripted strategy in one scenario and seed, played once per report.
#[derive(Default)]
struct Scripts(HashMap<(ScenarioId, u64), Played>);

impl Scripts {
    /// The strategy whose moves are exactly these, if any.
    fn matching(
        &mut self,
        id: &ScenarioId,
        scenario: &Scenario,
        seed: u64,
        actions: &[Action],
    ) -> Option<&'static str> {
        if actions.is_empty() || actions.len() > SCRIPT_MOVES {
            return None;
        }
        let scripts = self.0.entry((id.clone(), seed)).or_insert_with(|| {
            Strategy::ALL
                .iter()
                .map(|s| (s.name(), play(scenario, *s, seed).actions))
                .collect()
        });
        scripts
            .iter()
            .find(|(_, moves)| moves.as_slice() == actions)
            .map(|(name, _)| *name)
    }
}

/// Reads every save the paths name. Each is replayed: scores come from the replay, never from
/// the file. One file that cannot be read fails only itself (see `read_one`).
pub fn read(paths: &[PathBuf]) -> ClassReport {
    read_with(paths, None)
}

/// As `read`, checking each save's seal against the class key when one is given: every entry
/// then says whether the key vouches for its file (`Entry::seal`).
pub fn read_with(paths: &[PathBuf], key: Option<&ClassKey>) -> ClassReport {
    let mut report = ClassReport {
        keyed: key.is_some(),
        ..ClassReport::default()
    };
    let mut scripts = Scripts::default();
    for path in paths {
        for file in files_of(path, &mut report) {
            let name = file.display().to_string();
            match read_one(&file, &mut scripts, key) {
                Ok(one) => report.games.push(Entry {
                    file: name,
                    game: one.game,
                    script: one.script,
                    copy_of: None,
                    moves: one.moves,
                    seal: one.seal,
                }),
                Err(why) => report.unreadable.push((name, why)),
            }
        }
    }
    mark_copies(&mut report.games);
    report
}

/// What one save gives a class report.
struct One {
    game: GameFacts,
    script: Option<&'static str>,
    moves: usize,
    seal: Option<Verdict>,
}

/// What one save gives a class report: its facts without the per-move detail, the scripted
/// strategy it repeats, its number of moves and its seal's verdict; or why not. The text is
/// read once, so the seal checked is that of the very bytes replayed. One file fails alone,
/// never the report: reading is capped (`persist::read`), the replay keeps one state, and a
/// panic in it (or in playing the scripts it is compared with) is caught and named as this
/// file's.
fn read_one(file: &Path, scripts: &mut Scripts, key: Option<&ClassKey>) -> Result<One, String> {
    let name = file.display().to_string();
    let text = read_text(file, MAX_SAVE_BYTES, "save").map_err(|source| {
        persist::SaveError::Read {
            file: name.clone(),
            source,
        }
        .to_string()
    })?;
    let seal = key.map(|k| verify(k, &text));
    let read = || {
        persist::load_str(&text, &name).map(|loaded| {
            let script = script_of(&loaded, scripts);
            let moves = loaded.game.history.len();
            (facts::summary_of_loaded(&loaded), script, moves)
        })
    };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)) {
        Ok(Ok((game, script, moves))) => Ok(One {
            game,
            script,
            moves,
            seal,
        }),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err("replaying it failed inside Truce (a bug: please report it)".into()),
    }
}

fn script_of(loaded: &LoadedGame, scripts: &mut Scripts) -> Option<&'static str> {
    let game = &loaded.game;
    scripts.matching(
        &loaded.scenario_id,
        &game.scenario,
        game.seed,
        &game.actions(),
    )
}

/// Saves of one game (the same game id: a hand save and its autosave, or a copied file)
/// count once: the furthest played (a finished game first, then the most moves; the first
/// file of a tie). The others name it.
fn mark_copies(games: &mut [Entry]) {
    let rank = |e: &Entry| (e.game.outcome.key != "in_progress", e.moves);
    let mut best: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, e) in games.iter().enumerate() {
        let id = e.game.provenance.game_id.as_str();
        if id.is_empty() {
            continue;
        }
        match best.get(id) {
            Some(&j) if rank(&games[j]) >= rank(e) => {}
            _ => {
                best.insert(id, i);
            }
        }
    }
    let copies: Vec<(usize, String)> = games
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let j = *best.get(e.game.provenance.game_id.as_str())?;
            (j != i).then(|| (i, games[j].file.clone()))
        })
        .collect();
    for (i, of) in copies {
        games[i].copy_of = Some(of);
    }
}
