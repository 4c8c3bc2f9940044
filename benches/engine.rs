//! Engine speed: one AI answer to a full ten-issue package (target < 20 µs), one complete
//! headless game (target ≥ 20,000 games per second per core), and `solve`'s playouts (target
//! ≥ 50,000 per second per core, for the oracle's tree search and for `solve --fair`'s rollouts);
//! criterion prints the last three as elements per second.
//!
//! Per core, honestly: the per-core benches run on one thread (the bench's own, or a rayon
//! pool of one) and are timed in CPU time of the process, not wall-clock time, so a machine
//! shared with other work does not shrink the figures (nor can a second thread inflate them).
//! The `all_cores` benches are wall-clock: they show what the pool of every core adds.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use truce::ai::answer_proposal;
use truce::engine::{Package, new_state};
use truce::scenario::{self, Scenario};
use truce::sim::{Strategy, play, simulate, solve, solve_fair};

const PLAYOUTS: usize = 20_000;

fn scenario() -> Scenario {
    let Some(Ok(s)) = scenario::builtin("autumn-2025") else {
        panic!("the built-in scenario loads");
    };
    s
}

/// CPU time used by the whole process (every thread), from `clock_gettime`.
struct CpuTime;

static WALL: WallTime = WallTime;

fn cpu_now() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant POSIX clock.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "the process CPU clock is readable");
    Duration::new(
        u64::try_from(ts.tv_sec).unwrap(),
        u32::try_from(ts.tv_nsec).unwrap(),
    )
}

impl Measurement for CpuTime {
    type Intermediate = Duration;
    type Value = Duration;

    fn start(&self) -> Duration {
        cpu_now()
    }
    fn end(&self, start: Duration) -> Duration {
        cpu_now().saturating_sub(start)
    }
    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }
    fn zero(&self) -> Duration {
        Duration::ZERO
    }
    fn to_f64(&self, d: &Duration) -> f64 {
        d.as_secs_f64() * 1e9
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        // Nanoseconds, as wall time's are.
        WALL.formatter()
    }
}

/// One thread's work, in CPU time.
fn per_core(c: &mut Criterion<CpuTime>) {
    let s = scenario();
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
    // Every strategy, 100 games each: games per second on one core.
    let mut sim = c.benchmark_group("simulate_600_games");
    sim.sample_size(10);
    sim.throughput(Throughput::Elements(600));
    sim.bench_function("one_core", |b| {
        b.iter(|| one.install(|| simulate(&s, &Strategy::ALL, 100, 1, |_, _, _| {})))
    });
    sim.finish();

    let mut search = c.benchmark_group("solve_20000_playouts");
    search.sample_size(10);
    search.throughput(Throughput::Elements(PLAYOUTS as u64));
    let mut seed = 0u64;
    search.bench_function("one_core", |b| {
        b.iter(|| {
            seed += 1;
            one.install(|| solve(black_box(&s), seed, PLAYOUTS))
        })
    });
    search.finish();

    // The fair search: its playouts are rollouts of `adaptive` from the week of each move, on a
    // Beijing drawn from its belief with fresh dice. The time includes keeping the belief (its
    // candidate Beijings replay each move of the line), which is not counted as playouts. Seed
    // 1's line spends a fixed number of them (counted once here).
    let fair_spent = solve_fair(&s, 1, FAIR_PLAYOUTS).playouts;
    let mut fair = c.benchmark_group("solve_fair_5000_playouts");
    fair.sample_size(10);
    fair.throughput(Throughput::Elements(fair_spent as u64));
    fair.bench_function("one_core", |b| {
        b.iter(|| one.install(|| solve_fair(black_box(&s), 1, FAIR_PLAYOUTS)))
    });
    fair.finish();
}

/// The fair search's budget in the bench.
const FAIR_PLAYOUTS: usize = 5_000;

/// Every core, in wall-clock time.
fn all_cores(c: &mut Criterion) {
    let s = scenario();
    let all = rayon::ThreadPoolBuilder::new()
        .build()
        .expect("a pool of every core");
    let mut sim = c.benchmark_group("simulate_600_games");
    sim.sample_size(10);
    sim.throughput(Throughput::Elements(600));
    sim.bench_function("all_cores", |b| {
        b.iter(|| all.install(|| simulate(&s, &Strategy::ALL, 100, 1, |_, _, _| {})))
    });
    sim.finish();

    let mut search = c.benchmark_group("solve_20000_playouts");
    search.sample_size(10);
    search.throughput(Throughput::Elements(PLAYOUTS as u64));
    let mut seed = 0u64;
    search.bench_function("all_cores", |b| {
        b.iter(|| {
            seed += 1;
            all.install(|| solve(black_box(&s), seed, PLAYOUTS))
        })
    });
    search.finish();
}

criterion_group! {
    name = engine_cpu;
    config = Criterion::default().with_measurement(CpuTime);
    targets = per_core
}
criterion_group!(engine_wall, all_cores);
criterion_main!(engine_cpu, engine_wall);
