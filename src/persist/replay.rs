//! The loading policy: verify a save made under this build's rules, replay one made under other
//! rules (or another version of its scenario) and say what changed.
//!
//! - Same rules and same scenario: the actions must replay, and reach the saved digest (or, in
//!   a file of format 1 or 2, the saved state); otherwise the file is corrupt or was edited and
//!   is refused, naming what differs.
//! - Other rules, another version of the built-in scenario, or a file of an older format made
//!   under other rules: the actions are replayed under this build's rules as far as they are
//!   still allowed, and the game loads with a `Notice`. A save is never refused only because the
//!   game has changed since it was made.

use std::sync::Arc;

use crate::engine::{self, Game, State};
use crate::persist::diff::differences;
use crate::persist::error::{Difference, Differences, SaveError};
use crate::persist::format::{SaveFile, ScenarioRef, scenario_hash};
use crate::persist::legacy::StrictState;
use crate::persist::load::{LoadedGame, builtins_cached, check_embedded, unknown_scenario};
use crate::persist::notice::{Notice, Stopped, first_difference};
use crate::persist::provenance::{ChainCheck, MoveStamps, ScenarioId, check_chain};
use crate::persist::record::{
    TurnRecord, game_record, outcome_key, outcome_of_key, state_digest, word,
};
use crate::persist::save::GameInfo;
use crate::scenario::Scenario;
use crate::scenario::span::{Spans, locate};

/// How many differing fields a mismatch lists.
const MAX_DIFFERENCES: usize = 8;

/// What a save is loaded under: this build's release, rules id and built-in scenarios. Tests
/// build other ones to prove old saves load under changed rules.
#[derive(Debug, Clone)]
pub struct Build {
    /// The release (`CARGO_PKG_VERSION`).
    pub version: String,
    /// The rules id (`engine::RULES`).
    pub rules: u32,
    builtins: Vec<(Arc<Scenario>, String)>,
}

impl Build {
    /// This build.
    pub fn current() -> Build {
        Build {
            version: env!("CARGO_PKG_VERSION").to_string(),
            rules: engine::RULES,
            builtins: builtins_cached(),
        }
    }

    /// The same build with another rules id.
    pub fn with_rules(mut self, rules: u32) -> Build {
        self.rules = rules;
        self
    }

    /// The same build under another release number.
    pub fn with_version(mut self, version: &str) -> Build {
        self.version = version.to_string();
        self
    }

    /// The same build with `scenario` as the built-in of its name (replacing or adding it).
    pub fn with_builtin(mut self, scenario: Scenario) -> Build {
        let hash = scenario_hash(&scenario);
        self.builtins.retain(|(s, _)| s.name != scenario.name);
        self.builtins.push((Arc::new(scenario), hash));
        self
    }

    /// The built-in scenario of this name and its content hash.
    pub fn builtin(&self, name: &str) -> Option<(Arc<Scenario>, &str)> {
        self.builtins
            .iter()
            .find(|(s, _)| s.name == name)
            .map(|(s, h)| (Arc::clone(s), h.as_str()))
    }
}

/// Resolves the scenario, then verifies or replays the save as the module explains.
pub(crate) fn verify(
    save: SaveFile,
    file_version: u32,
    text: &str,
    file: &str,
    build: &Build,
) -> Result<LoadedGame, SaveError> {
    let (scenario, embedded, scenario_changed) = match &save.scenario {
        ScenarioRef::Builtin { name, hash } => {
            let Some((s, current)) = build.builtin(name) else {
                return Err(unknown_scenario(file, locate(text, "scenario.name"), name));
            };
            let changed = (hash != current).then(|| name.clone());
            (s, false, changed)
        }
        ScenarioRef::Embedded { scenario } => {
            check_embedded(scenario, text, file)?;
            (Arc::new((**scenario).clone()), true, None)
        }
    };
    // The same release under the same rules must give back exactly what it saved; anything
    // else (another release, most likely one that changed the game and forgot to bump
    // `engine::RULES`) is loaded as replayed, with a notice.
    let same_release = save.game_version == build.version;
    if scenario_changed.is_none() && save.rules == build.rules {
        match replay_all(&save, Arc::clone(&scenario), file_version, text, file) {
            Ok(game) => {
                let Some(diffs) = compare(&save, &game, file_version, text, file) else {
                    return Ok(loaded(save, game, file_version, embedded, None));
                };
                if same_release {
                    return Err(SaveError::Mismatch {
                        actions: save.actions.len(),
                        diffs,
                    });
                }
                let notice = notice_for(&save, &game, None, None, build, true);
                return Ok(loaded(save, game, file_version, embedded, Some(notice)));
            }
            Err(refused) if same_release => return Err(refused),
            Err(_) => {}
        }
    }
    let (game, stopped) = replay_allowed(&save, scenario);
    let notice = notice_for(&save, &game, scenario_changed, stopped, build, false);
    Ok(loaded(save, game, file_version, embedded, Some(notice)))
}

fn loaded(
    save: SaveFile,
    game: Game,
    file_version: u32,
    embedded: bool,
    notice: Option<Notice>,
) -> LoadedGame {
    let chain = check_chain(&save);
    // An intact chain goes on from its stamps; any other restarts at the move the game stands
    // at, so a resumed class game is chained from there and a report says "partial".
    let stamps = match &chain {
        ChainCheck::Intact { from, .. } => MoveStamps::new(*from, save.moved_at.clone()),
        _ if save.class => MoveStamps::new(game.history.len(), Vec::new()),
        _ => MoveStamps::default(),
    };
    LoadedGame {
        scenario_id: ScenarioId::of(&game.scenario, embedded),
        chain,
        info: GameInfo {
            id: save.game_id,
            name: save.name,
            player: save.player,
            class: save.class,
            reloads: save.reloads,
            instructor: save.instructor,
            started_at: save.started_at.unwrap_or_default(),
            stamps,
            class_key: None,
        },
        game,
        saved_at: save.saved_at,
        file_version,
        embedded_scenario: embedded,
        notice,
    }
}

/// Replays every action; under the rules the save was made with, a refused action means the
/// file is corrupt or was edited.
fn replay_all(
    save: &SaveFile,
    scenario: Arc<Scenario>,
    file_version: u32,
    text: &str,
    file: &str,
) -> Result<Game, SaveError> {
    // Version 1 called the actions `moves`: point there when the file is version 1.
    let field = if file_version == 1 {
        "moves"
    } else {
        "actions"
    };
    // A draw key that is not hex replays without one: the digest check then refuses the file.
    let key = crate::persist::format::draw_key_bytes(save.draw_key.as_deref()).unwrap_or_default();
    Game::replay_keyed(scenario, save.seed, &key, &save.actions).map_err(|(i, e)| {
        let p = locate(text, &format!("{field}[{i}]"));
        SaveError::Refused {
            file: file.into(),
            line: p.line,
            col: p.col,
            number: i + 1,
            label: save.actions[i].label().into(),
            reason: e.to_string(),
        }
    })
}

/// Replays the actions this build still allows, stopping at the first it refuses.
fn replay_allowed(save: &SaveFile, scenario: Arc<Scenario>) -> (Game, Option<Stopped>) {
    let key = crate::persist::format::draw_key_bytes(save.draw_key.as_deref()).unwrap_or_default();
    let mut game = Game::new_keyed(scenario, save.seed, &key);
    for (i, action) in save.actions.iter().enumerate() {
        if let Err(e) = game.apply(action.clone()) {
            let stopped = Stopped {
                number: i + 1,
                of: save.actions.len(),
                label: action.label().into(),
                reason: e.to_string(),
                week: game.state.week(),
                game_over: game.state.outcome.is_some(),
            };
            return (game, Some(stopped));
        }
    }
    (game, None)
}

/// What a replay under the save's own rules gives differently from the file, if anything.
/// Old formats are compared with their whole saved state when today's `State` can still read
/// it; otherwise (and in format 3) the header, the record and the digest are compared.
fn compare(
    save: &SaveFile,
    game: &Game,
    file_version: u32,
    text: &str,
    file: &str,
) -> Option<Differences> {
    // Only an old file holds a state; today's `State` may no longer read it.
    let strict = if file_version < 3 {
        ron::from_str::<StrictState>(text).ok()
    } else {
        None
    };
    let found = match strict {
        Some(old) => {
            if old.state == game.state {
                return None;
            }
            differences("state", &old.state, &game.state, MAX_DIFFERENCES)
        }
        None => {
            let saved = Checked::of_file(save);
            let replayed = Checked::of_game(game, &saved, file_version);
            if saved == replayed {
                return None;
            }
            let (list, more) = differences("", &saved, &replayed, MAX_DIFFERENCES);
            let list = list
                .into_iter()
                .map(|(p, a, b)| (p.trim_start_matches('.').to_string(), a, b))
                .collect();
            (list, more)
        }
    };
    let (found, more) = found;
    // One index of the file for every difference placed.
    let spans = Spans::new(text);
    let mut list: Vec<Difference> = found
        .into_iter()
        .map(|(path, saved, replayed)| {
            let p = spans.find(&path);
            Difference {
                path,
                saved,
                replayed,
                line: p.line,
                col: p.col,
            }
        })
        .collect();
    list.sort_by_key(|d| (d.line, d.col));
    Some(Differences {
        file: file.into(),
        list,
        more,
    })
}

/// The parts of a save a replay can be checked against, named as in the file. Parts the file
/// does not have (an old file's digest, an unreadable old log) are left out of both sides.
#[derive(serde::Serialize, PartialEq)]
struct Checked {
    #[serde(skip_serializing_if = "Option::is_none")]
    week: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    turns: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    outcome: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<Vec<TurnRecord>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    digest: Option<String>,
}

impl Checked {
    fn of_file(save: &SaveFile) -> Checked {
        // A header of zeros is an old file whose state could not be read loosely.
        let header = save.version >= 3 || save.week > 0;
        Checked {
            week: header.then_some(save.week),
            turns: header.then_some(save.turns),
            outcome: header.then(|| save.outcome.clone()),
            record: (!save.record.is_empty() || save.actions.is_empty())
                .then(|| comparable(save.version, &save.record)),
            digest: (!save.digest.is_empty()).then(|| save.digest.clone()),
        }
    }

    fn of_game(game: &Game, like: &Checked, file_version: u32) -> Checked {
        let state = &game.state;
        Checked {
            week: like.week.map(|_| state.week()),
            turns: like.turns.map(|_| state.turns),
            outcome: like.outcome.as_ref().map(|_| outcome_key(state)),
            record: like
                .record
                .as_ref()
                .map(|_| comparable(file_version, &game_record(game))),
            digest: like.digest.as_ref().map(|_| state_digest(state)),
        }
    }
}

/// A record as compared: in full from a file of format 3; from an older file the weeks of
/// unanswered moves are left out, as its log does not always tell them exactly.
fn comparable(file_version: u32, record: &[TurnRecord]) -> Vec<TurnRecord> {
    record
        .iter()
        .map(|r| TurnRecord {
            week: if file_version < 3 && r.answer == word::NONE {
                0
            } else {
                r.week
            },
            answer: r.answer.clone(),
        })
        .collect()
}

/// The notice for a replayed save.
fn notice_for(
    save: &SaveFile,
    game: &Game,
    scenario_changed: Option<String>,
    stopped: Option<Stopped>,
    build: &Build,
    replay_differs: bool,
) -> Notice {
    let answers_known = !save.record.is_empty() || save.actions.is_empty();
    let header_known = save.version >= 3 || save.week > 0;
    let now = outcome_key(&game.state);
    let outcome_changed = (header_known && save.outcome != now)
        .then(|| (outcome_title(save.outcome.as_deref()), title(&game.state)));
    Notice {
        // What the file claims: shown to the player, so cleaned and capped.
        made_with: crate::persist::names::clean_name(
            &save.game_version,
            crate::persist::names::MAX_VERSION_CHARS,
        ),
        made_rules: save.rules,
        replayed_under: build.version.clone(),
        rules: build.rules,
        scenario_changed,
        answers_differ_from: first_difference(&save.record, &game_record(game)),
        answers_known,
        stopped,
        outcome_changed,
        replay_differs,
    }
}

fn title(state: &State) -> String {
    state
        .outcome
        .map_or_else(|| "in progress".to_string(), |o| o.title().to_string())
}

/// The title of an outcome key, or the key itself if this build no longer knows it.
fn outcome_title(key: Option<&str>) -> String {
    match key {
        None => "in progress".into(),
        Some(k) => outcome_of_key(k).map_or_else(|| k.to_string(), |o| o.title().to_string()),
    }
}
