//! The example saves shipped in `saves/` and the broken saves in `tests/fixtures/saves/`, made
//! by playing scripted strategies (never by hand), so they can be regenerated whenever the
//! scenario's numbers change: `cargo run --example make_saves`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::engine::{Action, Game};
use crate::persist::format::to_text;
use crate::persist::legacy::SaveV1;
use crate::persist::{GameInfo, SaveError, save_game, save_of};
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

/// The broken and old saves the tests load, each derived from the opening example, as
/// (file name, contents). All hold this build's rules id and digest, so they are regenerated
/// with the examples whenever the rules change (the frozen corpus of old releases lives in
/// `tests/fixtures/compat/` instead).
pub fn fixtures(scenario: &Arc<Scenario>) -> Result<Vec<(&'static str, String)>, String> {
    let (game, _) = find(scenario, &WANTED[0]).ok_or("no scripted game shows an opening")?;
    let info = GameInfo::new(scenario, game.seed, "fixture");
    let stamp = "2025-10-30T12:00:00Z";
    let good = save_of(&game, &info, stamp);
    let text = |s| to_text(s).map_err(|e| e.to_string());
    let good_text = text(&good)?;

    // An edit a player might try: a better first offer, the rest of the file left as saved.
    let mut edited = good.clone();
    let first = edited.actions.iter_mut().find_map(|a| match a {
        Action::Propose(p) => Some(p),
        _ => None,
    });
    let first = first.ok_or("the opening example makes no proposal")?;
    let levels = scenario.issues.first().map_or(1, |i| i.levels.len());
    first.0[0] = (first.0[0] + 1) % levels.max(1);
    let mut refused = good.clone();
    refused.actions.insert(0, Action::Sign);
    let mut newer = good.clone();
    newer.version = 99;
    let mut unknown = good.clone();
    unknown.scenario = crate::persist::ScenarioRef::Builtin {
        name: "spring-2026".into(),
        hash: "0000000000000000".into(),
    };
    let v1 = SaveV1 {
        version: 1,
        scenario: scenario.name.clone(),
        seed: good.seed,
        moves: good.actions.clone(),
        state: game.state.clone(),
    };
    let v1_text = ron::ser::to_string_pretty(&v1, ron::ser::PrettyConfig::new())
        .map_err(|e| e.to_string())?;
    // A newer build may add fields this one does not know: the version is read first.
    let newer_text = text(&newer)?.replacen(
        "    name:",
        "    campaign: Some((chapter: 2)),\n    name:",
        1,
    );
    let cut = good_text.len() / 2;
    let cut = (0..=cut)
        .rev()
        .find(|&i| good_text.is_char_boundary(i))
        .unwrap_or(0);
    Ok(vec![
        ("good.ron", good_text.clone()),
        ("truncated.ron", good_text[..cut].to_string()),
        (
            "invalid-ron.ron",
            good_text.replacen("    seed: ", "    seed: : ", 1),
        ),
        ("newer-version.ron", newer_text),
        ("unknown-scenario.ron", text(&unknown)?),
        ("edited-state.ron", text(&edited)?),
        ("refused-action.ron", text(&refused)?),
        (
            "version-1.ron",
            format!("// A version-1 save.\nTruceSave{v1_text}\n"),
        ),
    ])
}

/// Writes `fixtures` into `dir` (atomically, like any save).
pub fn write_fixtures(scenario: &Arc<Scenario>, dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut written = Vec::new();
    for (name, contents) in fixtures(scenario)? {
        let path = dir.join(name);
        crate::persist::write_atomic(&path, contents.as_bytes())
            .map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}
