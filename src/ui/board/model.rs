//! The class board's model: one row per game in a class folder, refreshed from the files as
//! autosaves land, plus who is connected now (from a live-session source, when there is one).
//!
//! Each refresh lists the folder and compares every save's size and modification time with
//! the last look: an unchanged file costs one `stat`. Only a file that changed is read
//! (size-capped, regular files only, never following a link out of the folder) and replayed
//! once: the restriction rung in force and the overall score are the game's state, which no
//! header states, and the replay also refuses an edited save. A class of 30 autosaving after
//! every move is a few replays a second at most.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use crate::engine::{Action, Outcome, overall_value};
use crate::persist::names::{clean_name, is_temp_name};
use crate::persist::read::{MAX_SAVE_BYTES, read_text};
use crate::persist::record::turn_record;
use crate::persist::{self, LoadedGame};
use crate::seal::{ClassKey, Verdict, verify};

/// The most files a refresh looks at: far past any class, and a folder of a million files
/// still refreshes in bounded time.
pub const MAX_FILES: usize = 2000;

/// Who is connected now: the server's sessions, by player name.
pub trait LiveSessions: Send {
    /// The names of the players connected now.
    fn connected(&self) -> Vec<String>;
}

/// A closure asked each refresh (how a server hands over its sessions).
impl<F: Fn() -> Vec<String> + Send> LiveSessions for F {
    fn connected(&self) -> Vec<String> {
        self()
    }
}

/// One student's game as the board shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Student {
    /// The player's name (the save's, else its file's).
    pub name: String,
    /// The save the row comes from.
    pub file: PathBuf,
    /// The game id (saves of one game are one row).
    pub game_id: String,
    /// Whether the player is connected now.
    pub connected: bool,
    /// The week the game stands in.
    pub week: u32,
    /// Moves made.
    pub moves: usize,
    /// The last US move.
    pub last_move: Option<Action>,
    /// China's last answer, as the save's record words it (`persist::record::word`).
    pub answer: Option<String>,
    /// The restriction rung in force (0: none).
    pub rung: u8,
    /// How the game ended, if it has.
    pub outcome: Option<Outcome>,
    /// The overall score, once the game has ended.
    pub score: Option<f64>,
    /// What the class key says of the file, when the board has one.
    pub seal: Option<Verdict>,
    /// When the file last changed.
    pub modified: Option<SystemTime>,
    /// Why the file cannot be read as a game, if it cannot (the row then says only that).
    pub problem: Option<String>,
}

/// How the rows are ordered; `s` cycles through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// Finished games by score (best first), then games in play by week (furthest first).
    #[default]
    Standing,
    /// By name.
    Name,
    /// Most recently saved first.
    Recent,
}

impl SortBy {
    /// The next order.
    pub fn next(self) -> SortBy {
        match self {
            SortBy::Standing => SortBy::Name,
            SortBy::Name => SortBy::Recent,
            SortBy::Recent => SortBy::Standing,
        }
    }

    /// The order in words.
    pub fn label(self) -> &'static str {
        match self {
            SortBy::Standing => "standing",
            SortBy::Name => "name",
            SortBy::Recent => "last saved",
        }
    }
}

/// A file's size and modification time: when neither changed, its row is kept as it was.
type Stamp = (u64, Option<SystemTime>);

/// The board's model.
pub struct BoardModel {
    folder: PathBuf,
    key: Option<Arc<ClassKey>>,
    /// Every save seen, by file: its stamp and its row.
    seen: HashMap<PathBuf, (Stamp, Student)>,
    connected: Vec<String>,
    /// The rows, one per game, in `sort` order.
    pub rows: Vec<Student>,
    /// The order of `rows`.
    pub sort: SortBy,
    /// Why the folder itself cannot be listed, if it cannot.
    pub problem: Option<String>,
    /// Whether the folder held more files than a refresh looks at.
    pub capped: bool,
}

impl BoardModel {
    /// The board of `folder` (nothing read until `refresh`); saves checked against `key`.
    pub fn new(folder: &Path, key: Option<Arc<ClassKey>>) -> BoardModel {
        BoardModel {
            folder: folder.to_path_buf(),
            key,
            seen: HashMap::new(),
            connected: Vec::new(),
            rows: Vec::new(),
            sort: SortBy::default(),
            problem: None,
            capped: false,
        }
    }

    /// The folder.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Whether saves are checked against a class key.
    pub fn keyed(&self) -> bool {
        self.key.is_some()
    }

    /// Looks at the folder again (and at who is connected): rereads the saves that changed,
    /// drops the ones gone. Returns whether any row changed.
    pub fn refresh(&mut self, connected: Vec<String>) -> bool {
        let before = self.rows.clone();
        self.connected = connected;
        match self.files() {
            Ok(files) => {
                self.problem = None;
                self.seen
                    .retain(|path, _| files.iter().any(|(p, _)| p == path));
                for (path, stamp) in files {
                    if self.seen.get(&path).is_some_and(|(s, _)| *s == stamp) {
                        continue;
                    }
                    let row = read_row(&path, stamp.1, self.key.as_deref());
                    self.seen.insert(path, (stamp, row));
                }
            }
            Err(why) => {
                self.problem = Some(why);
                self.seen.clear();
            }
        }
        self.rebuild();
        self.rows != before
    }

    /// Sets the order of the rows.
    pub fn sort_by(&mut self, sort: SortBy) {
        self.sort = sort;
        self.rebuild();
    }

    /// The save files in the folder with their stamps: regular `.ron` files directly inside
    /// (a link is never followed out of it), our temporary files passed over, at most
    /// `MAX_FILES`.
    fn files(&mut self) -> Result<Vec<(PathBuf, Stamp)>, String> {
        let read = std::fs::read_dir(&self.folder).map_err(|e| {
            format!(
                "cannot list {}: {}",
                persist::names::show_dir(&self.folder),
                persist::read::io_words(&e)
            )
        })?;
        let mut out = Vec::new();
        self.capped = false;
        for item in read.flatten() {
            if out.len() >= MAX_FILES {
                self.capped = true;
                break;
            }
            let name = item.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".ron") || is_temp_name(&name) {
                continue;
            }
            // `DirEntry::metadata` does not follow a link: a link is no save of this folder.
            let Ok(meta) = item.metadata() else { continue };
            if meta.is_file() {
                out.push((item.path(), (meta.len(), meta.modified().ok())));
            }
        }
        Ok(out)
    }

    /// The rows from what was seen: one per game (its furthest save), plus one per connected
    /// player with no save yet; then sorted.
    fn rebuild(&mut self) {
        let mut best: HashMap<String, Student> = HashMap::new();
        let mut broken = Vec::new();
        for (_, row) in self.seen.values() {
            if row.problem.is_some() || row.game_id.is_empty() {
                broken.push(row.clone());
                continue;
            }
            let rank = |r: &Student| (r.outcome.is_some(), r.moves, r.modified);
            match best.get(&row.game_id) {
                Some(kept) if rank(kept) >= rank(row) => {}
                _ => {
                    best.insert(row.game_id.clone(), row.clone());
                }
            }
        }
        let mut rows: Vec<Student> = best.into_values().chain(broken).collect();
        let live = |name: &str| self.connected.iter().any(|c| same_name(c, name));
        for row in &mut rows {
            row.connected = row.problem.is_none() && live(&row.name);
        }
        for name in &self.connected {
            if !rows.iter().any(|r| same_name(&r.name, name)) {
                rows.push(Student::waiting(name));
            }
        }
        sort(&mut rows, self.sort);
        self.rows = rows;
    }
}

/// Names match whatever their case and surrounding spaces.
fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// Orders rows: see `SortBy`. Unreadable files always go last; ties by name, then file.
fn sort(rows: &mut [Student], by: SortBy) {
    rows.sort_by(|a, b| {
        let broken = a.problem.is_some().cmp(&b.problem.is_some());
        let name = a.name.to_lowercase().cmp(&b.name.to_lowercase());
        let then = name.then_with(|| a.file.cmp(&b.file));
        let order = match by {
            SortBy::Standing => {
                let done = b.outcome.is_some().cmp(&a.outcome.is_some());
                let score = b
                    .score
                    .unwrap_or(f64::NEG_INFINITY)
                    .total_cmp(&a.score.unwrap_or(f64::NEG_INFINITY));
                done.then(score).then(b.week.cmp(&a.week))
            }
            SortBy::Name => std::cmp::Ordering::Equal,
            SortBy::Recent => b.modified.cmp(&a.modified),
        };
        broken.then(order).then(then)
    });
}

impl Student {
    /// A connected player with no save yet.
    fn waiting(name: &str) -> Student {
        Student {
            name: name.to_string(),
            file: PathBuf::new(),
            game_id: String::new(),
            connected: true,
            week: 0,
            moves: 0,
            last_move: None,
            answer: None,
            rung: 0,
            outcome: None,
            score: None,
            seal: None,
            modified: None,
            problem: None,
        }
    }
}

/// One save read and replayed into a row, or a row saying why it cannot be.
fn read_row(path: &Path, modified: Option<SystemTime>, key: Option<&ClassKey>) -> Student {
    let file = path.display().to_string();
    let stem = path
        .file_stem()
        .map(|s| clean_name(&s.to_string_lossy(), 40))
        .unwrap_or_default();
    let mut row = Student {
        file: path.to_path_buf(),
        modified,
        ..Student::waiting(&stem)
    };
    row.connected = false;
    let text = match read_text(path, MAX_SAVE_BYTES, "save") {
        Ok(text) => text,
        Err(e) => {
            row.problem = Some(e.to_string());
            return row;
        }
    };
    row.seal = key.map(|k| verify(k, &text));
    // A panic in a replay is a bug, but one file must never take the board down with it.
    let loaded = std::panic::catch_unwind(|| persist::load_str(&text, &file));
    match loaded {
        Ok(Ok(loaded)) => fill(&mut row, &loaded),
        Ok(Err(e)) => {
            let detail = e.detail();
            row.problem = Some(detail.lines().next().unwrap_or_default().to_string());
        }
        Err(_) => row.problem = Some("replaying it failed inside Truce (a bug)".into()),
    }
    row
}

/// The row's game facts, from the replayed game.
fn fill(row: &mut Student, loaded: &LoadedGame) {
    let game = &loaded.game;
    let state = &game.state;
    if let Some(player) = &loaded.info.player {
        row.name.clone_from(player);
    }
    row.game_id.clone_from(&loaded.info.id);
    row.week = state.week();
    row.moves = game.history.len();
    row.rung = state.rung;
    row.outcome = state.outcome;
    row.score = state.outcome.map(|_| overall_value(&game.scenario, state));
    row.last_move = game.history.last().map(|t| t.action.clone());
    row.answer = game
        .history
        .iter()
        .rev()
        .map(|t| turn_record(t).answer)
        .find(|w| w != persist::record::word::NONE);
}
