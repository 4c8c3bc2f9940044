//! Writing saves: the manual save slot, the autosave slot, and saves of headless games.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::engine::{Action, Game, RULES, State};
use crate::persist::atomic::write_atomic;
use crate::persist::error::SaveError;
use crate::persist::format::{CURRENT_VERSION, SaveFile, ScenarioRef, game_id, to_text};
use crate::persist::load::builtin_with_hash;
use crate::persist::names;
use crate::persist::provenance::{ChainInput, MoveStamps, chain_head, stamp_seconds};
use crate::persist::record::{game_record, outcome_key, state_digest};
use crate::scenario::Scenario;
use crate::seal::{ClassKey, sign};

/// What names a game across its saves. Create one when a game starts; keep the one a loaded
/// game comes with, so its saves and autosaves go on landing in the same files.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GameInfo {
    /// Stable id: scenario, seed and start stamp; names the save and autosave files.
    pub id: String,
    /// A display name for lists.
    pub name: String,
    /// Who plays it, when known.
    pub player: Option<String>,
    /// Whether it is played in class mode.
    pub class: bool,
    /// How many times it was loaded and resumed mid-game outside class mode.
    pub reloads: u32,
    /// Whether the instructor's view was on at some point of this game (outside class mode).
    pub instructor: bool,
    /// The stamp the game started at (as given to `new`); a class game's chain covers it.
    pub started_at: String,
    /// When each move was first saved: a class game's saves chain them (`provenance`). Shared
    /// by clones, so saving through any copy of this info extends the one chain.
    pub stamps: MoveStamps,
    /// The class key every save of this game is sealed with (`seal`), when it is played in
    /// a served class; never written into a save. Set by the shell that read the key.
    pub class_key: Option<Arc<ClassKey>>,
}

impl GameInfo {
    /// The info of a game starting now; `started_at` is any stamp unique to this start (the
    /// caller's clock, e.g. `persist::utc_now()`), so replaying a seed is a new game.
    pub fn new(scenario: &Scenario, seed: u64, started_at: &str) -> GameInfo {
        GameInfo {
            id: game_id(&scenario.name, seed, started_at),
            name: format!("{} · seed {seed}", scenario.title),
            started_at: started_at.to_string(),
            ..GameInfo::default()
        }
    }
}

/// How a save refers to this scenario: by name and hash when it is exactly a built-in,
/// embedded whole otherwise (a file of the instructor's, or a built-in edited and renamed).
pub fn scenario_ref(scenario: &Scenario) -> ScenarioRef {
    match builtin_with_hash(&scenario.name) {
        Some((builtin, hash)) if *builtin == *scenario => ScenarioRef::Builtin {
            name: scenario.name.clone(),
            hash: hash.to_string(),
        },
        _ => ScenarioRef::Embedded {
            scenario: Box::new(scenario.clone()),
        },
    }
}

/// The save of a game in play. A class game's save also carries its start stamp and the chain
/// of its moves: moves not stamped yet are stamped `saved_at` (the autosave after every turn
/// makes that the time each was played).
pub fn save_of(game: &Game, info: &GameInfo, saved_at: &str) -> SaveFile {
    let state = &game.state;
    let save = SaveFile {
        version: CURRENT_VERSION,
        name: info.name.clone(),
        saved_at: saved_at.to_string(),
        game_id: info.id.clone(),
        game_version: env!("CARGO_PKG_VERSION").to_string(),
        rules: RULES,
        scenario_name: game.scenario.name.clone(),
        seed: game.seed,
        week: state.week(),
        turns: state.turns,
        outcome: outcome_key(state),
        scenario: scenario_ref(&game.scenario),
        actions: game.actions(),
        record: game_record(game),
        digest: state_digest(state),
        player: info.player.clone(),
        class: info.class,
        reloads: info.reloads,
        instructor: info.instructor,
        started_at: None,
        chain: None,
        chain_from: 0,
        moved_at: Vec::new(),
        draw_key: crate::persist::format::draw_key_text(&game.draw_key),
    };
    if info.class {
        chained(save, info, saved_at)
    } else {
        save
    }
}

/// A class game's save with its start stamp, move stamps and chain head.
fn chained(mut save: SaveFile, info: &GameInfo, saved_at: &str) -> SaveFile {
    let (from, at) = info
        .stamps
        .extend(save.actions.len(), stamp_seconds(saved_at));
    let answers: Vec<&str> = save.record.iter().map(|r| r.answer.as_str()).collect();
    let head = chain_head(&ChainInput {
        game_id: &save.game_id,
        started_at: &info.started_at,
        scenario: &save.scenario,
        seed: save.seed,
        from,
        actions: &save.actions,
        answers: &answers,
        at: &at,
    });
    // The lengths always agree here (one record entry per action, stamps brought to the
    // moves); if they ever did not, the save goes without a chain rather than a wrong one.
    if let Some(head) = head {
        save.started_at = Some(info.started_at.clone());
        save.chain = Some(head);
        save.chain_from = u32::try_from(from).unwrap_or(u32::MAX);
        save.moved_at = at;
    }
    save
}

/// The save of a game given as its parts (a headless game from `sim::play`, say). The actions
/// are replayed to recover Beijing's answers for the record; should they not replay (they
/// always do when they came from a game of this scenario and seed), the record is left empty
/// and the digest is the given state's.
pub fn save_of_parts(
    scenario: &Scenario,
    seed: u64,
    actions: Vec<Action>,
    state: State,
    info: &GameInfo,
    saved_at: &str,
) -> SaveFile {
    match Game::replay(Arc::new(scenario.clone()), seed, &actions) {
        Ok(game) if game.state == state => save_of(&game, info, saved_at),
        _ => SaveFile {
            version: CURRENT_VERSION,
            name: info.name.clone(),
            saved_at: saved_at.to_string(),
            game_id: info.id.clone(),
            game_version: env!("CARGO_PKG_VERSION").to_string(),
            rules: RULES,
            scenario_name: scenario.name.clone(),
            seed,
            week: state.week(),
            turns: state.turns,
            outcome: outcome_key(&state),
            scenario: scenario_ref(scenario),
            actions,
            record: Vec::new(),
            digest: state_digest(&state),
            player: info.player.clone(),
            class: info.class,
            reloads: info.reloads,
            instructor: info.instructor,
            started_at: None,
            chain: None,
            chain_from: 0,
            moved_at: Vec::new(),
            draw_key: None,
        },
    }
}

/// Writes a save to `path` atomically, creating the directory if needed.
pub fn write_save(path: &Path, save: &SaveFile) -> Result<(), SaveError> {
    write_sealed(path, save, None)
}

/// As `write_save`, sealed with `key` when one is given: the one place a game's saves are
/// turned into text, so every save of a served class's game (autosave, `s`, a copy under a
/// new name) carries the seal.
pub fn write_sealed(path: &Path, save: &SaveFile, key: Option<&ClassKey>) -> Result<(), SaveError> {
    let file = path.display().to_string();
    let mut text = to_text(save).map_err(|e| SaveError::Serialise {
        file: file.clone(),
        message: e.to_string(),
    })?;
    if let Some(key) = key {
        text = sign(key, &text);
    }
    write_atomic(path, text.as_bytes()).map_err(|source| SaveError::Write { file, source })
}

/// Saves a game to an explicit path.
pub fn save_game(
    path: &Path,
    game: &Game,
    info: &GameInfo,
    saved_at: &str,
) -> Result<(), SaveError> {
    write_sealed(
        path,
        &save_of(game, info, saved_at),
        info.class_key.as_deref(),
    )
}

/// The manual save file of a game: `<game id>.ron` (one per game, replaced on each save). The
/// id goes through `names::slug`, so even an id no check has seen cannot leave `dir`.
pub fn save_path(dir: &Path, info: &GameInfo) -> PathBuf {
    dir.join(names::id_file_name(&info.id))
}

/// The autosave file of a game: `autosave-<game id>.ron`, the id slugged as in `save_path`.
pub fn autosave_path(dir: &Path, info: &GameInfo) -> PathBuf {
    dir.join(names::autosave_file_name(&info.id))
}

/// The player's save (`s`): writes the game's save slot in `dir`; returns the path.
pub fn save(
    dir: &Path,
    game: &Game,
    info: &GameInfo,
    saved_at: &str,
) -> Result<PathBuf, SaveError> {
    let path = save_path(dir, info);
    save_game(&path, game, info, saved_at)?;
    Ok(path)
}

/// The autosave after a turn: replaces the game's one autosave slot in `dir`; returns the path.
pub fn autosave(
    dir: &Path,
    game: &Game,
    info: &GameInfo,
    saved_at: &str,
) -> Result<PathBuf, SaveError> {
    let path = autosave_path(dir, info);
    save_game(&path, game, info, saved_at)?;
    Ok(path)
}
