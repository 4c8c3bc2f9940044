//! Engine speed: one AI answer to a full ten-issue package (target < 20 µs), one complete
//! headless game (target ≥ 20,000 games per second per core), and `solve`'s playouts (target
//! ≥ 50,000 per second per core). The per-core figures run on a one-thread rayon pool;
//! criterion prints them as elements per second.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use truce::ai::answer_proposal;
use truce::engine::{Package, new_state};
use truce::scenario;
use truce::sim::{Strategy, play, simulate, solve};

fn benches(c: &mut Criterion) {
    let Some(Ok(s)) = scenario::builtin("autumn-2025") else {
        panic!("the built-in scenario loads");
    };
    let mut state = new_state(&s, 1);
    state.agenda = vec![true; s.issues.len()];
    state.day = 35;
    // A firm US package across all ten issues: the AI must log-roll a counter across them all.
    let firm = Package(vec![2, 1, 2, 2, 2, 2, 2, 2, 1, 1]);
    let answer = answer_proposal(&s, &state, &firm);
    assert!(
        matches!(answer.reply, truce::ai::Reply::Counter(_)),
        "the benchmark must exercise a counter-offer: {:?}",
        answer.why.rule
    );
    c.bench_function("ai_answer_full_package", |b| {
        b.iter(|| answer_proposal(black_box(&s), black_box(&state), black_box(&firm)))
    });
    let mut seed = 0u64;
    let mut games = c.benchmark_group("headless");
    games.throughput(Throughput::Elements(1));
    games.bench_function("game_structural", |b| {
        b.iter(|| {
            seed += 1;
            play(black_box(&s), Strategy::Structural, seed)
        })
    });
    games.bench_function("game_random", |b| {
        b.iter(|| {
            seed += 1;
            play(black_box(&s), Strategy::Random, seed)
        })
    });
    games.finish();

    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a one-thread pool");
    let all = rayon::ThreadPoolBuilder::new()
        .build()
        .expect("a pool of every core");
    // Every strategy, 100 games each, one core then every core: games per second.
    let mut sim = c.benchmark_group("simulate_600_games");
    sim.sample_size(10);
    sim.throughput(Throughput::Elements(600));
    for (name, pool) in [("one_core", &one), ("all_cores", &all)] {
        sim.bench_function(name, |b| {
            b.iter(|| pool.install(|| simulate(&s, &Strategy::ALL, 100, 1, |_, _, _| {})))
        });
    }
    sim.finish();

    const PLAYOUTS: usize = 20_000;
    let mut search = c.benchmark_group("solve_20000_playouts");
    search.sample_size(10);
    search.throughput(Throughput::Elements(PLAYOUTS as u64));
    for (name, pool) in [("one_core", &one), ("all_cores", &all)] {
        let mut seed = 0u64;
        search.bench_function(name, |b| {
            b.iter(|| {
                seed += 1;
                pool.install(|| solve(black_box(&s), seed, PLAYOUTS))
            })
        });
    }
    search.finish();
}

criterion_group!(engine, benches);
criterion_main!(engine);
