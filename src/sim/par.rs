//! Headless games on every core, handed back in seed order so results never depend on the
//! number of threads.

use rayon::prelude::*;

use crate::scenario::Scenario;
use crate::sim::{GameResult, Strategy, play};

/// Games played in parallel per batch: enough to keep every core busy, few enough that the
/// finished states held at once stay small.
const CHUNK: u64 = 512;

/// The games of `strategy` with seeds `seed`, `seed + 1`, … (`games` of them), as
/// `(seed, result)` in seed order. Each batch is played on the rayon pool; every game depends
/// only on its own seed, so any thread count gives the same sequence.
pub fn games(scenario: &Scenario, strategy: Strategy, seed: u64, games: usize) -> Games<'_> {
    Games {
        scenario,
        strategy,
        seed,
        next: 0,
        end: games as u64,
        batch: Vec::new().into_iter(),
    }
}

/// An iterator over games played batch by batch in parallel; see [`games`].
#[derive(Debug)]
pub struct Games<'a> {
    scenario: &'a Scenario,
    strategy: Strategy,
    seed: u64,
    next: u64,
    end: u64,
    batch: std::vec::IntoIter<(u64, GameResult)>,
}

impl Iterator for Games<'_> {
    type Item = (u64, GameResult);

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(game) = self.batch.next() {
            return Some(game);
        }
        if self.next >= self.end {
            return None;
        }
        let to = self.end.min(self.next + CHUNK);
        let (scenario, strategy, seed) = (self.scenario, self.strategy, self.seed);
        let batch: Vec<(u64, GameResult)> = (self.next..to)
            .into_par_iter()
            .map(|g| {
                let game_seed = seed.wrapping_add(g);
                (game_seed, play(scenario, strategy, game_seed))
            })
            .collect();
        self.next = to;
        self.batch = batch.into_iter();
        self.batch.next()
    }
}
