//! Saving and loading (with the replay check) a finished 11-week game.
//! Target: save + load together under 5 ms (median).
//! Hostile files and big folders (issue 8): refusing a 400 KB save whose embedded scenario has
//! 3,000 problems under 100 ms; listing a folder of 1,000 saves well under a second.
//! Long saves (issue 16): the transcript and the class report of the longest legal save (10,000
//! agenda toggles) well under a second each, with peak memory printed (target: well under 100 MB).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/fixtures/bounded/generate.rs"]
mod bounded;
#[path = "../tests/fixtures/hostile/generate.rs"]
mod generate;

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use truce::engine::Game;
use truce::persist::{self, GameInfo};
use truce::scenario;
use truce::sim::{self, Strategy};

/// The first scripted game that ends in week 11 (the whole truce).
fn eleven_week_game() -> Game {
    let scenario = Arc::new(scenario::resolve("autumn-2025").expect("built-in scenario"));
    for strategy in [Strategy::Stall, Strategy::Structural, Strategy::Random] {
        for seed in 1..200 {
            let r = sim::play(&scenario, strategy, seed);
            if r.state.outcome.is_some() && r.state.week() >= 11 {
                return Game::replay(Arc::clone(&scenario), seed, &r.actions).expect("replays");
            }
        }
    }
    panic!("no scripted game lasts 11 weeks");
}

fn bench(c: &mut Criterion) {
    let game = eleven_week_game();
    let info = GameInfo::new(&game.scenario, game.seed, "bench");
    let stamp = "2025-10-30T12:00:00Z";
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.ron");
    let text = persist::format::to_text(&persist::save_of(&game, &info, stamp)).expect("text");
    eprintln!(
        "game: week {}, {} actions, save {} bytes",
        game.state.week(),
        game.history.len(),
        text.len()
    );

    c.bench_function("save to text", |b| {
        b.iter(|| persist::format::to_text(&persist::save_of(black_box(&game), &info, stamp)))
    });
    c.bench_function("load from text (parse + replay + compare)", |b| {
        b.iter(|| persist::load_str(black_box(&text), "bench.ron").expect("loads"))
    });
    c.bench_function("save + load, in memory", |b| {
        b.iter(|| {
            let t = persist::format::to_text(&persist::save_of(black_box(&game), &info, stamp))
                .expect("text");
            persist::load_str(&t, "bench.ron").expect("loads")
        })
    });
    c.bench_function("save + load, file (atomic write with fsync)", |b| {
        b.iter(|| {
            persist::save_game(&path, black_box(&game), &info, stamp).expect("saves");
            persist::load_game(&path).expect("loads")
        })
    });
}

fn hostile(c: &mut Criterion) {
    // 32 extra issues × 32 levels × 3 values out of range: 3,072 problems in about 400 KB.
    let text = generate::many_problems(32);
    let problems = match persist::load_str(&text, "many.ron") {
        Err(persist::SaveError::Scenario(e)) => e.problems.len(),
        other => panic!("not refused for its scenario: {:?}", other.map(|_| ())),
    };
    eprintln!(
        "many-problems save: {} bytes, {problems} problems",
        text.len()
    );
    c.bench_function("refuse a 400 KB save with 3,000 problems", |b| {
        b.iter(|| persist::load_str(black_box(&text), "many.ron").expect_err("refused"))
    });

    let dir = tempfile::tempdir().expect("temp dir");
    let save = generate::whole_game_save();
    let text = generate::text(&save);
    for i in 0..1000 {
        let mut one = save.clone();
        one.game_id = format!("game-{i}");
        one.name = format!("Game {i}");
        one.saved_at = format!("2025-10-{:02}T12:00:00Z", 1 + i % 28);
        let body = generate::text(&one);
        std::fs::write(dir.path().join(format!("game-{i}.ron")), body).expect("write");
    }
    c.bench_function("peek one whole-game save (header, no replay)", |b| {
        b.iter(|| persist::peek_str(black_box(&text), "one.ron", false).expect("peeks"))
    });
    eprintln!(
        "listing: 1,000 saves of {} bytes ({} actions)",
        text.len(),
        save.actions.len()
    );
    let mut group = c.benchmark_group("listing");
    group.sample_size(10);
    group.bench_function("list a folder of 1,000 saves (headers, no replay)", |b| {
        b.iter(|| {
            let list = persist::list_saves(black_box(dir.path())).expect("lists");
            assert_eq!(list.len(), 1000);
            list
        })
    });
    group.finish();
}

/// This process's peak resident memory so far, in KB (`VmHWM`; 0 where there is no `/proc`).
fn peak_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn long_saves(c: &mut Criterion) {
    use truce::report::{class, facts, transcript};
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("held-space.ron");
    std::fs::write(&path, bounded::text(&bounded::toggles_save())).expect("write");
    let size = std::fs::metadata(&path).expect("written").len();
    // One of each first, outside criterion, so the peak is theirs and not the samples'.
    let before = peak_kb();
    let loaded = persist::load_game(&path).expect("loads");
    let text = transcript::render(&facts::of_loaded(&loaded));
    let report = class::markdown(&class::read(&[dir.path().to_path_buf()]));
    eprintln!(
        "10,000-action save: {size} bytes; transcript {} bytes, report {} bytes; peak memory \
         {} KB before, {} KB after one load + transcript + report",
        text.len(),
        report.len(),
        before,
        peak_kb()
    );
    let mut group = c.benchmark_group("long saves");
    group.sample_size(10);
    group.bench_function(
        "transcript of a 10,000-action save (load + replay + render)",
        |b| {
            b.iter(|| {
                let loaded = persist::load_game(black_box(&path)).expect("loads");
                transcript::render(&facts::of_loaded(&loaded))
            })
        },
    );
    group.bench_function("class report of a folder with a 10,000-action save", |b| {
        b.iter(|| class::markdown(&class::read(&[black_box(dir.path().to_path_buf())])))
    });
    group.finish();
}

criterion_group!(benches, bench, hostile, long_saves);
criterion_main!(benches);
