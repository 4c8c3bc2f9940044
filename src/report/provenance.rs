//! What a report can and cannot vouch for about one save: which scenario it was played in (a
//! built-in, or a custom one by content hash), its game id, and what its move chain says. Scores
//! come from the replay; the player's name, the class flag and the reload count are the file's
//! word alone, and reports say so.

use crate::persist::{ChainCheck, LoadedGame, ScenarioId};

/// Where a save came from, as far as the file can prove it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// The scenario's identity: reports label and group by it, never by name alone.
    pub scenario: ScenarioId,
    /// The game id: one game across all its saves; empty when the format had none (version
    /// 1, whose ids are made up on reading and so name no game).
    pub game_id: String,
    /// What the move chain says.
    pub chain: ChainCheck,
}

impl Provenance {
    /// The provenance of a loaded save.
    pub fn of(loaded: &LoadedGame) -> Provenance {
        Provenance {
            scenario: loaded.scenario_id.clone(),
            game_id: if loaded.file_version >= 2 {
                loaded.info.id.clone()
            } else {
                String::new()
            },
            chain: loaded.chain.clone(),
        }
    }
}
