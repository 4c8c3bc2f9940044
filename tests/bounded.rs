//! Bounded everything (issue 16): the longest legal save (10,000 agenda toggles, as holding
//! Space used to write) is transcribed, reported and reviewed in bounded memory and time;
//! toggling an issue straight back is not a move; one bad file fails alone in a class report;
//! `solve` and `simulate` stay bounded for any count and stop at the first failed save;
//! `player.txt` is read like a save. The hostile inputs come from
//! `tests/fixtures/bounded/generate.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
#[path = "fixtures/bounded/generate.rs"]
mod generate;
mod pty;

use std::fs;
use std::ops::ControlFlow;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use truce::engine::{Action, Game, new_state};
use truce::persist::{self, MAX_ACTIONS};
use truce::sim::{self, Strategy};

/// What a run of the binary gave: its exit, its output, and its peak resident memory.
struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
    /// Peak resident set, in KB (the child's own, from `wait4`).
    peak_kb: i64,
    elapsed: Duration,
}

/// Runs `truce args` under an address-space limit of `limit_kb` (`ulimit -v`), failing the test
/// past `deadline`; the peak memory is the child's own (`wait4`), not the test's.
#[allow(clippy::zombie_processes)] // reaped by `wait4`, which also gives its peak memory
fn run_limited(args: &[&str], limit_kb: u64, deadline: Duration) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let (out, err) = (dir.path().join("out"), dir.path().join("err"));
    let start = Instant::now();
    let child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {limit_kb} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_truce"))
        .args(args)
        .env("HOME", dir.path())
        .env("TRUCE_CONFIG_DIR", dir.path().join("config"))
        .env("TRUCE_SAVE_DIR", dir.path().join("saves"))
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out).unwrap())
        .stderr(fs::File::create(&err).unwrap())
        .spawn()
        .expect("run truce");
    let pid = i32::try_from(child.id()).unwrap();
    let (status, usage) = loop {
        let mut status = 0;
        // SAFETY: an all-zero rusage is valid; wait4 fills it for our own child.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: waiting for our own child with valid pointers.
        let got = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if got == pid {
            break (status, usage);
        }
        if start.elapsed() > deadline {
            // SAFETY: our own child, not yet reaped.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            panic!("truce {args:?} ran past {deadline:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Run {
        ok: libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        stdout: fs::read_to_string(out).unwrap_or_default(),
        stderr: fs::read_to_string(err).unwrap_or_default(),
        peak_kb: usage.ru_maxrss,
        elapsed: start.elapsed(),
    }
}

/// The 10,000-toggle save, written into `dir`.
fn write_toggles(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("held-space.ron");
    fs::write(&path, generate::text(&generate::toggles_save())).unwrap();
    path
}

#[test]
fn the_longest_legal_save_loads_with_every_toggle() {
    // Old saves are replayed as they are: a pair of toggles stays two actions.
    let save = generate::toggles_save();
    assert_eq!(save.actions.len(), MAX_ACTIONS);
    let loaded = persist::load_str(&generate::text(&save), "held-space.ron").expect("loads");
    assert_eq!(loaded.game.history.len(), MAX_ACTIONS);
    assert_eq!(
        loaded.game.state.week(),
        1,
        "toggles are free: still week 1"
    );
}

#[test]
fn a_ten_thousand_action_save_is_transcribed_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let save = write_toggles(dir.path());
    // The old whole-state replay needed 3.9 GB here; 1 GB of address space leaves room for
    // the runtime and still fails any per-move copy of the log.
    let run = run_limited(
        &["transcript", save.to_str().unwrap()],
        1_000_000,
        Duration::from_secs(60),
    );
    assert!(run.ok, "{}", run.stderr);
    assert!(run.stdout.contains("10000"), "the move count is given");
    assert!(run.stdout.contains("off the table"), "the toggles are told");
    assert!(run.peak_kb < 100 * 1024, "peak {} KB", run.peak_kb);
    assert!(run.elapsed < Duration::from_secs(30), "{:?}", run.elapsed);
}

#[test]
fn a_class_folder_with_a_ten_thousand_action_save_is_reported_whole() {
    let dir = tempfile::tempdir().unwrap();
    let class = dir.path().join("class");
    fs::create_dir(&class).unwrap();
    write_toggles(&class);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in [
        "finished-deal.ron",
        "midgame-restrictions.ron",
        "opening.ron",
    ] {
        fs::copy(root.join("saves").join(name), class.join(name)).unwrap();
    }
    // One file past the save cap (sparse: no disk) fails alone.
    let big = fs::File::create(class.join("oversized.ron")).unwrap();
    big.set_len(100 * 1024 * 1024).unwrap();
    // The brief's 2 GB address space, then a tighter 1 GB: the old report needed 3.9 GB.
    for limit in [2_000_000, 1_000_000] {
        let run = run_limited(
            &["report", class.to_str().unwrap()],
            limit,
            Duration::from_secs(60),
        );
        assert!(run.ok, "{}", run.stderr);
        for name in [
            "held-space.ron",
            "finished-deal.ron",
            "midgame-restrictions.ron",
            "opening.ron",
        ] {
            assert!(run.stdout.contains(name), "{name} listed:\n{}", run.stdout);
        }
        assert!(run.stdout.contains("4 game(s) read"), "{}", run.stdout);
        assert!(run.stdout.contains("## Files not read"), "{}", run.stdout);
        assert!(run.stdout.contains("oversized.ron"), "{}", run.stdout);
        assert!(run.peak_kb < 100 * 1024, "peak {} KB", run.peak_kb);
    }
}

#[test]
fn reviewing_a_ten_thousand_action_save_keeps_a_board_per_week() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_toggles(dir.path());
    let loaded = persist::load_game(&path).expect("loads");
    let start = Instant::now();
    let app = truce::ui::App::new(
        vec![loaded.game.scenario.clone()],
        0,
        loaded.game.seed,
        truce::ui::Theme::plain(),
    )
    .reviewing(&loaded);
    let r = app.review.as_ref().expect("reviewing");
    assert_eq!(r.facts.moves.len(), MAX_ACTIONS);
    // Every toggle is in week 1: one step, so the opening's board and the week's.
    assert_eq!(r.last(), 1);
    assert_eq!(r.boards.len(), 2);
    assert_eq!(r.dances.len(), 2);
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
}

/// The first issue on the table at the start, and the first that costs days to open.
fn issues(game: &Game) -> (usize, usize) {
    let s = &game.scenario;
    let on = s.issues.iter().position(|i| i.on_table).expect("one on");
    let fresh = s
        .issues
        .iter()
        .position(|i| !i.on_table && i.prep_days > 0)
        .expect("one to prepare");
    (on, fresh)
}

#[test]
fn toggling_an_issue_straight_back_is_not_a_move() {
    let mut game = Game::new(Arc::new(generate::builtin()), 7);
    let (issue, _) = issues(&game);
    let start = game.state.clone();
    for _ in 0..1000 {
        let off = game.act(Action::Agenda { issue, on: false }).unwrap();
        assert!(off.is_some(), "taking it off is a move");
        assert_eq!(game.history.len(), 1);
        let back = game.act(Action::Agenda { issue, on: true }).unwrap();
        assert!(
            back.is_none(),
            "putting it straight back takes the move back"
        );
        assert!(game.history.is_empty());
    }
    assert_eq!(game.state, start, "the log too: nothing happened");
    // A refused toggle is refused, not taken back.
    assert!(game.act(Action::Agenda { issue, on: true }).is_err());
    // After another move, the toggle back is a move again.
    game.act(Action::Agenda { issue, on: false }).unwrap();
    game.act(Action::Hold).unwrap();
    assert!(
        game.act(Action::Agenda { issue, on: true })
            .unwrap()
            .is_some()
    );
    assert_eq!(game.history.len(), 3);
    // Replays still record every action: an old save's pairs replay as written.
    let mut replayed = Game::new(game.scenario.clone(), 7);
    replayed.apply(Action::Agenda { issue, on: false }).unwrap();
    replayed.apply(Action::Agenda { issue, on: true }).unwrap();
    assert_eq!(replayed.history.len(), 2);
}

#[test]
fn days_of_preparation_are_charged_once_and_never_refunded() {
    let mut game = Game::new(Arc::new(generate::builtin()), 7);
    let (_, issue) = issues(&game);
    let days = game.scenario.issues[issue].prep_days;
    let day0 = game.state.day;
    game.act(Action::Agenda { issue, on: true }).unwrap();
    assert_eq!(game.state.day, day0 + days, "opening costs its days");
    // Closing it again is a move: the preparation was done, the days are spent.
    assert!(
        game.act(Action::Agenda { issue, on: false })
            .unwrap()
            .is_some()
    );
    assert_eq!(game.history.len(), 2);
    assert_eq!(game.state.day, day0 + days, "no refund");
    for _ in 0..10 {
        // Reopening is free (prepared), so it takes the closing back...
        assert!(
            game.act(Action::Agenda { issue, on: true })
                .unwrap()
                .is_none()
        );
        assert_eq!(game.history.len(), 1);
        // ...and closing again is a move (undoing the paid opening would refund its days).
        assert!(
            game.act(Action::Agenda { issue, on: false })
                .unwrap()
                .is_some()
        );
        assert_eq!(game.history.len(), 2);
        assert_eq!(game.state.day, day0 + days, "charged once");
    }
    let replayed = Game::replay(game.scenario.clone(), 7, &game.actions()).unwrap();
    assert_eq!(
        replayed.state, game.state,
        "the game is what its actions replay to"
    );
}

#[test]
fn a_toggle_that_dropped_a_counter_offer_stays_a_move() {
    let s = Arc::new(generate::builtin());
    // A game where China's counter moves an issue on the table off its status quo: taking
    // that issue off drops the counter, so putting it back is not "as it was".
    for seed in 1..200 {
        let mut game = Game::new(s.clone(), seed);
        let mut p = s.status_quo();
        for (i, issue) in s.issues.iter().enumerate() {
            if game.state.agenda[i] {
                p.0[i] = issue.levels.len() - 1;
            }
        }
        game.act(Action::Propose(p)).unwrap();
        let Some(counter) = game.state.counter.clone() else {
            continue;
        };
        let Some(issue) = (0..s.issues.len())
            .find(|&i| game.state.agenda[i] && counter.0[i] != s.issues[i].status_quo)
        else {
            continue;
        };
        game.act(Action::Agenda { issue, on: false }).unwrap();
        assert!(game.state.counter.is_none(), "the counter is dropped");
        assert!(
            game.act(Action::Agenda { issue, on: true })
                .unwrap()
                .is_some()
        );
        assert_eq!(game.history.len(), 3);
        return;
    }
    panic!("no seed gave a counter to drop");
}

#[test]
fn space_twice_in_the_game_records_no_move_and_autosaves_the_game_as_it_was() {
    let mut a = truce::ui::App::new(
        vec![Arc::new(generate::builtin())],
        0,
        7,
        truce::ui::Theme::plain(),
    );
    a.resize(120, 40);
    a.perform(truce::ui::effects::Effect::Start);
    let space = || {
        truce::ui::input::KeyInput::new(
            truce::ui::input::KeyCode::Char(' '),
            truce::ui::input::Mods::NONE,
        )
    };
    let first = a.update_key(space());
    assert_eq!(first, vec![truce::ui::effects::Effect::Autosave]);
    assert_eq!(a.game.as_ref().unwrap().history.len(), 1);
    // Held Space: every other press takes the one before back, each autosaved.
    for _ in 0..50 {
        let back = a.update_key(space());
        assert_eq!(back, vec![truce::ui::effects::Effect::Autosave]);
        assert!(a.game.as_ref().unwrap().history.is_empty());
        a.update_key(space());
        assert_eq!(a.game.as_ref().unwrap().history.len(), 1);
    }
    a.update_key(space());
    let shown = common::text(&common::draw(&mut a, 120, 40));
    assert!(shown.contains("no move recorded"), "{shown}");
    let g = a.game.as_ref().unwrap();
    assert_eq!(g.state, new_state(&g.scenario, 7));
}

#[test]
fn solve_keeps_its_tree_within_the_cap_and_the_line_still_replays() {
    let s = generate::builtin();
    let found = sim::solve_within(&s, 3, 3000, 300);
    assert_eq!(found.playouts, 3000, "every playout ran");
    assert!(found.nodes <= 300, "{} nodes", found.nodes);
    assert!(found.tree_full);
    let report = sim::replay_line(Arc::new(s.clone()), 3, found.playouts, &found.line).unwrap();
    assert!(report.outcome.is_some(), "the line plays to an end");
    assert!((report.scores.overall - found.overall).abs() < 0.05);
    // Under the cap nothing changes: the default search is the one the fingerprint pins.
    let free = sim::solve(&s, 3, 500);
    assert!(!free.tree_full);
    assert_eq!(free, sim::solve_within(&s, 3, 500, usize::MAX));
}

/// A memory figure of a running process from `/proc` (`VmRSS:` now, `VmHWM:` its peak), in KB.
fn proc_kb(pid: u32, field: &str) -> u64 {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Resident memory of a running process, in KB.
fn rss_kb(pid: u32) -> u64 {
    proc_kb(pid, "VmRSS:")
}

/// Starts `truce args` (output discarded), samples its resident memory after `warm` and again
/// `more` later, then kills it; returns the two samples in KB.
fn rss_growth(args: &[&str], warm: Duration, more: Duration) -> (u64, u64) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_truce"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("run truce");
    std::thread::sleep(warm);
    let first = rss_kb(child.id());
    std::thread::sleep(more);
    let second = rss_kb(child.id());
    let still = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        still,
        "truce {args:?} ended early: the count was not huge enough"
    );
    (first, second)
}

#[test]
fn solve_and_simulate_stay_bounded_for_any_count() {
    // A tree of 100 nodes, so even a debug build (some 250 playouts a second) fills it in the
    // first second; then memory is flat. A release build without the cap grew 100 MB a second;
    // `solve_keeps_its_tree_within_the_cap_and_the_line_still_replays` pins the cap itself.
    let solve = std::thread::spawn(|| {
        rss_growth(
            &[
                "solve",
                "--seed",
                "3",
                "--playouts",
                "1000000000000",
                "--max-nodes",
                "100",
            ],
            Duration::from_secs(2),
            Duration::from_secs(4),
        )
    });
    let simulate = rss_growth(
        &[
            "simulate",
            "--games",
            "1000000000000",
            "--strategy",
            "random",
        ],
        Duration::from_secs(2),
        Duration::from_secs(4),
    );
    let solve = solve.join().unwrap();
    for (what, (first, second)) in [("solve", solve), ("simulate", simulate)] {
        assert!(first > 0, "{what}: no memory reading");
        assert!(
            second < first + 4 * 1024,
            "{what} grew from {first} KB to {second} KB"
        );
        assert!(second < 200 * 1024, "{what}: {second} KB");
    }
}

#[test]
fn simulate_stops_at_the_first_save_that_fails_unless_asked_to_go_on() {
    let dir = tempfile::tempdir().unwrap();
    // A folder under a file: every save fails (permissions would not stop root).
    let blocked = dir.path().join("a-file");
    fs::write(&blocked, "x").unwrap();
    let target = blocked.join("saves");
    let target = target.to_str().unwrap();
    let args = [
        "simulate",
        "--games",
        "200",
        "--strategy",
        "all",
        "--save-to",
        target,
    ];
    let run = run_limited(&args, 2_000_000, Duration::from_secs(120));
    assert!(!run.ok, "a failed save fails the run");
    let errors: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(errors.len(), 2, "{}", run.stderr);
    assert!(
        errors[0].contains("a-file"),
        "the save is named: {}",
        run.stderr
    );
    assert!(errors[1].contains("--keep-going"), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "no summary of a stopped run");

    let mut going = args.to_vec();
    going.push("--keep-going");
    let run = run_limited(&going, 2_000_000, Duration::from_secs(120));
    assert!(!run.ok);
    let errors: Vec<&str> = run.stderr.lines().collect();
    let all = 200 * Strategy::ALL.len();
    assert_eq!(errors.len(), 4, "three errors and a count: {}", run.stderr);
    assert!(
        errors[3].contains(&format!("{} more saves failed", all - 3)),
        "{}",
        run.stderr
    );
}

#[test]
fn simulate_until_stops_where_it_is_told() {
    let s = generate::builtin();
    let mut seen = 0;
    let flow = sim::simulate_until(&s, &Strategy::ALL, 2000, 1, |_, _, _| {
        seen += 1;
        if seen == 5 {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    assert!(flow.is_break());
    assert_eq!(seen, 5, "no game is handed over after the stop");
}

/// A config folder whose `player.txt` is made by `make`.
fn config_with(make: impl FnOnce(&Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    make(&dir.path().join("player.txt"));
    dir
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo on a NUL-terminated path in our own temp dir.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
}

#[test]
fn a_hostile_player_file_never_stops_the_game_from_drawing() {
    type Maker = fn(&Path);
    let makers: [(&str, Maker); 3] = [
        ("a FIFO", mkfifo),
        ("a link to /dev/zero", |p| {
            std::os::unix::fs::symlink("/dev/zero", p).unwrap();
        }),
        ("a 100 MB file", |p| {
            fs::File::create(p)
                .unwrap()
                .set_len(100 * 1024 * 1024)
                .unwrap();
        }),
    ];
    for (what, make) in makers {
        let config = config_with(make);
        let home = tempfile::tempdir().unwrap();
        let saves = home.path().join("saves");
        let env = [
            ("HOME", home.path()),
            ("TRUCE_SAVE_DIR", saves.as_path()),
            ("TRUCE_CONFIG_DIR", config.path()),
        ];
        let start = Instant::now();
        let mut s = pty::Pty::start_with(&["play", "--seed", "7"], &env);
        // No name read: the game asks for one, at once.
        s.wait_for("Your name");
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{what}: {:?}",
            start.elapsed()
        );
        // The peak, not the present: a file read whole and dropped would not show now.
        let peak = proc_kb(s.child.process_id().unwrap(), "VmHWM:");
        assert!(peak > 0 && peak < 50 * 1024, "{what}: peak {peak} KB");
        s.send("Bo\r");
        s.wait_for("playing as Bo");
        s.quit_cleanly();
        // The name typed replaces the hostile file with a regular one.
        let kept = config.path().join("player.txt");
        assert!(fs::symlink_metadata(&kept).unwrap().is_file(), "{what}");
        assert_eq!(fs::read_to_string(kept).unwrap().trim(), "Bo", "{what}");
    }
}
