//! Engine speed: one AI answer to a full ten-issue package, and one complete headless game.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use truce::ai::answer_proposal;
use truce::engine::{Package, new_state};
use truce::scenario;
use truce::sim::{Strategy, play};

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
    c.bench_function("headless_game_structural", |b| {
        b.iter(|| {
            seed += 1;
            play(black_box(&s), Strategy::Structural, seed)
        })
    });
    c.bench_function("headless_game_random", |b| {
        b.iter(|| {
            seed += 1;
            play(black_box(&s), Strategy::Random, seed)
        })
    });
}

criterion_group!(engine, benches);
criterion_main!(engine);
