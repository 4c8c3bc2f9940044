//! A class of 30 over SSH on loopback: every student signs in, reaches week 2 with a proposal
//! made by all of them at once, and is autosaved; the server stays under 20 MB resident and
//! each game under 10 MB; 10 s after every client is killed no game is left. Prints the
//! redraw latency of the 30 simultaneous proposals (the README quotes it).
//!
//! The memory limits are on VmRSS for an optimised build (`cargo test --release --test
//! serve_soak`, or `TRUCE_TEST_BIN=target/release/truce cargo test --test serve_soak`: the
//! figures the README gives). An unoptimised build maps some 20 MB of its own
//! code into every process, shared between them, so there the limits are on the memory each
//! process has of its own (RssAnon: heap and stacks, what grows with sessions), and VmRSS is
//! printed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(unix)]

use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

mod serve;
use serve::{Class, autosaves, pss_kb, rss_kb, status_kb, wait_until};

/// Students in the soak.
const STUDENTS: usize = 30;

#[test]
fn thirty_students_play_at_once() {
    let mut class = Class::new(|t| t.replace("max_sessions: 40", "max_sessions: 30"));
    class.start();
    let class = Arc::new(class);
    let ready = Arc::new(Barrier::new(STUDENTS + 1));
    let proposed = Arc::new(Barrier::new(STUDENTS + 1));
    let done = Arc::new(Barrier::new(STUDENTS + 1));
    let latencies = Arc::new(Mutex::new(Vec::new()));
    let mut threads = Vec::new();
    for i in 0..STUDENTS {
        let (class, ready, proposed, done, latencies) = (
            Arc::clone(&class),
            Arc::clone(&ready),
            Arc::clone(&proposed),
            Arc::clone(&done),
            Arc::clone(&latencies),
        );
        threads.push(std::thread::spawn(move || {
            let mut s = class.ssh(&format!("Student {i}"), serve::CODE, &["-tt"], 120, 40);
            s.open_the_table();
            s.send("l");
            s.wait_for("‹20%›");
            ready.wait();
            // All 30 propose at once; the time until each screen shows week 2.
            let start = Instant::now();
            s.send("\r");
            s.wait_for("Week 2 of 11");
            latencies.lock().unwrap().push(start.elapsed());
            proposed.wait();
            done.wait();
            s.kill();
        }));
    }
    ready.wait();
    proposed.wait();
    let server = class.pid();
    let games = class.children();
    assert_eq!(games.len(), STUDENTS, "one game per student");
    let server_kb = rss_kb(server);
    let game_kb: Vec<u64> = games.iter().map(|&p| rss_kb(p)).collect();
    let max_game = game_kb.iter().copied().max().unwrap();
    let field = if serve::optimised() {
        "VmRSS:"
    } else {
        "RssAnon:"
    };
    let server_own = status_kb(server, field);
    let game_own = games.iter().map(|&p| status_kb(p, field)).max().unwrap();
    let together: u64 = pss_kb(server) + games.iter().map(|&p| pss_kb(p)).sum::<u64>();
    wait_until("every student autosaved", serve::TIMEOUT, || {
        (0..STUDENTS).all(|i| !autosaves(&class.saves(), &format!("student-{i}")).is_empty())
    });
    let mut l = latencies.lock().unwrap().clone();
    l.sort();
    eprintln!(
        "soak: {STUDENTS} games; VmRSS server {server_kb} kB, games {} to {max_game} kB; \
         {field} server {server_own} kB, largest game {game_own} kB; redraw after 30 \
         simultaneous proposals: median {:?}, slowest {:?}; server and games together (PSS) \
         {together} kB",
        game_kb.iter().min().unwrap(),
        l[l.len() / 2],
        l[l.len() - 1]
    );
    assert!(server_own < 20 * 1024, "server: {field} {server_own} kB");
    assert!(game_own < 10 * 1024, "a game: {field} {game_own} kB");
    done.wait();
    for t in threads {
        t.join().unwrap();
    }
    let killed = Instant::now();
    wait_until(
        "no game left 10 s after every client was killed",
        Duration::from_secs(10),
        || class.children().is_empty(),
    );
    eprintln!(
        "soak: every game gone {:?} after the clients",
        killed.elapsed()
    );
    let log = class.log();
    assert_eq!(log.matches("hang-up Student").count(), STUDENTS, "{log}");
}
