//! The example saves shipped in `saves/`, made by playing scripted strategies (never by hand),
//! so they can be regenerated whenever the scenario's numbers change:
//! `cargo run --example make_saves` (writes `saves/`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::engine::Game;
use crate::persist::error::SaveError;
use crate::persist::save::{GameInfo, save_game};
use crate::scenario::Scenario;
use crate::sim::{self, Strategy};

/// Seeds searched, per strategy, for a game that shows each situation.
const SEEDS: std::ops::RangeInclusive<u64> = 1..=300;

/// One example: a file name, what it shows, and the test a game must pass after some move.
struct Wanted {
    file: &'static str,
    label: &'static str,
    strategies: &'static [Strategy],
    fits: fn(&Game) -> bool,
}

const WANTED: [Wanted; 3] = [
    Wanted {
        file: "opening.ron",
        label: "Opening",
        strategies: &[Strategy::Structural, Strategy::Dealmaker],
        fits: |g| g.state.turns == 2 && g.state.rung == 0 && g.state.outcome.is_none(),
    },
    Wanted {
        file: "midgame-restrictions.ron",
        label: "Mid-game under mineral restrictions",
        strategies: &[Strategy::Hawk, Strategy::Random, Strategy::Structural],
        fits: |g| g.state.rung >= 1 && g.state.turns >= 4 && g.state.outcome.is_none(),
    },
    Wanted {
        file: "finished-deal.ron",
        label: "Finished: a deal signed",
        strategies: &[
            Strategy::Structural,
            Strategy::Dealmaker,
            Strategy::Appeaser,
        ],
        fits: |g| g.state.outcome.is_some_and(|o| o.is_deal()),
    },
];

/// Finds, for each example, the first scripted game (its strategies in order, then seeds) that
/// passes its test after some move, and writes it, cut at that move, into `dir`.
pub fn write_examples(scenario: &Arc<Scenario>, dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut written = Vec::new();
    for (n, wanted) in WANTED.iter().enumerate() {
        let (game, strategy) = find(scenario, wanted)
            .ok_or_else(|| format!("no scripted game shows: {}", wanted.label))?;
        let mut info = GameInfo::new(scenario, game.seed, &format!("example-{}", wanted.file));
        info.name = format!(
            "{}: {}, seed {}, week {}",
            wanted.label,
            strategy.name(),
            game.seed,
            game.state.week()
        );
        // Fixed stamps, so regenerating with unchanged numbers changes no byte.
        let saved_at = format!("2025-10-30T12:0{n}:00Z");
        let path = dir.join(wanted.file);
        save_game(&path, &game, &info, &saved_at).map_err(|e: SaveError| e.to_string())?;
        written.push(path);
    }
    Ok(written)
}

fn find(scenario: &Arc<Scenario>, wanted: &Wanted) -> Option<(Game, Strategy)> {
    for &strategy in wanted.strategies {
        for seed in SEEDS {
            let result = sim::play(scenario, strategy, seed);
            let mut game = Game::new(Arc::clone(scenario), seed);
            for action in result.actions {
                if game.apply(action).is_err() {
                    break;
                }
                if (wanted.fits)(&game) {
                    return Some((game, strategy));
                }
            }
        }
    }
    None
}
