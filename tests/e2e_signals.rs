//! The real binary in a pseudo-terminal, ended by a signal: SIGTERM and SIGHUP must leave the
//! terminal as it was found (alternate screen left, cursor shown, raw mode off) and the game
//! autosaved. And a stop/continue (SIGTSTP, SIGCONT) leaves and re-enters the alternate screen
//! and redraws at once, without waiting for a resize.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(unix)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};

const ROWS: u16 = 40;
const COLS: u16 = 120;
const TIMEOUT: Duration = Duration::from_secs(30);

struct Game {
    _home: tempfile::TempDir,
    saves: PathBuf,
    output: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Game {
    /// Starts `truce --seed 7` with a temp home and save folder.
    fn start() -> Game {
        let home = tempfile::tempdir().expect("temp dir");
        let saves = home.path().join("saves");
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_truce"));
        cmd.args(["--seed", "7"]);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        cmd.env("TRUCE_SAVE_DIR", &saves);
        cmd.env("HOME", home.path());
        cmd.env("XDG_DATA_HOME", home.path().join("xdg"));
        // A remembered player name, so the title does not ask for one.
        let config = home.path().join("config");
        std::fs::create_dir_all(&config).expect("config dir");
        std::fs::write(config.join("player.txt"), "Tester\n").expect("player name");
        cmd.env("TRUCE_CONFIG_DIR", &config);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        let child = pair.slave.spawn_command(cmd).expect("spawn truce");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => sink.lock().expect("lock").extend_from_slice(&buf[..n]),
                }
            }
        });
        Game {
            _home: home,
            saves,
            output,
            writer,
            master: pair.master,
            child,
        }
    }

    fn bytes(&self) -> Vec<u8> {
        self.output.lock().expect("lock").clone()
    }

    fn screen(&self) -> String {
        let mut parser = vt100::Parser::new(
            NonZeroU16::new(ROWS).expect("rows"),
            NonZeroU16::new(COLS).expect("cols"),
            0,
        );
        parser.process(&self.bytes());
        parser.screen().contents()
    }

    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {text:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
    }

    fn signal(&self, signal: i32) {
        let pid = self.child.process_id().expect("pid");
        let pid = i32::try_from(pid).expect("pid fits");
        // SAFETY: kill(2) on our own child's pid with a valid signal number.
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0, "kill failed");
    }

    /// Whether the terminal is in raw mode: no canonical input, no echo.
    fn raw(&self) -> bool {
        let fd = self.master.as_raw_fd().expect("master fd");
        // SAFETY: a zeroed termios is a valid out-parameter for tcgetattr on an open fd.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0, "tcgetattr");
        t.c_lflag & (libc::ICANON | libc::ECHO) == 0
    }

    /// From the title through the briefing to week 1's table.
    fn open_the_table(&mut self) {
        self.wait_for("Choose a scenario");
        self.send("\r");
        self.wait_for("Briefing");
        self.send("\r");
        self.wait_for("Week 1 of 11");
    }

    fn autosaves(&self) -> Vec<PathBuf> {
        match std::fs::read_dir(&self.saves) {
            Ok(read) => read
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| name(p).starts_with("autosave-"))
                .collect(),
            Err(_) => Vec::new(),
        }
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                break status;
            }
            assert!(start.elapsed() < TIMEOUT, "truce did not exit");
            std::thread::sleep(Duration::from_millis(30));
        };
        let start = Instant::now();
        while !self.bytes().ends_with(b"\x1b[?1049l") && start.elapsed() < Duration::from_secs(2) {
            std::thread::sleep(Duration::from_millis(30));
        }
        status
    }
}

fn name(p: &Path) -> String {
    p.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// The bytes at exit leave the terminal restored: the alternate screen left last, the cursor
/// shown after it was last hidden.
fn assert_restored(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    assert!(
        text.ends_with("\x1b[?1049l"),
        "the alternate screen was not left last; tail: {:?}",
        &text[text.len().saturating_sub(80)..]
    );
    let hidden = text.rfind("\x1b[?25l").unwrap_or(0);
    assert!(
        text.rfind("\x1b[?25h").is_some_and(|i| i > hidden),
        "the cursor was left hidden"
    );
}

fn ended_by(signal: i32) {
    let mut g = Game::start();
    g.open_the_table();
    assert!(g.raw(), "the game should have the terminal in raw mode");
    // No move yet, so no autosave: whatever appears is the signal's doing.
    assert!(g.autosaves().is_empty(), "{:?}", g.autosaves());
    g.signal(signal);
    let status = g.wait_exit();
    assert_eq!(
        status.exit_code(),
        128 + signal.cast_unsigned(),
        "{status:?}"
    );
    assert_restored(&g.bytes());
    assert!(!g.raw(), "raw mode was left on");
    let autosaves = g.autosaves();
    assert_eq!(autosaves.len(), 1, "no autosave written on the signal");
    let loaded = truce::persist::load_game(&autosaves[0]).expect("the autosave loads");
    assert_eq!(loaded.game.seed, 7);
}

#[test]
fn sigterm_restores_the_terminal_and_autosaves() {
    ended_by(libc::SIGTERM);
}

#[test]
fn sighup_restores_the_terminal_and_autosaves() {
    ended_by(libc::SIGHUP);
}

#[test]
fn stop_and_continue_leave_and_redraw_the_screen() {
    let mut g = Game::start();
    g.open_the_table();
    let before = g.bytes().len();
    g.signal(libc::SIGTSTP);
    // Stopped: the alternate screen was left and raw mode is off for the shell.
    let start = Instant::now();
    while !g.bytes()[before..].ends_with(b"\x1b[?1049l") {
        assert!(
            start.elapsed() < TIMEOUT,
            "the alternate screen was not left on SIGTSTP"
        );
        std::thread::sleep(Duration::from_millis(30));
    }
    assert!(!g.raw(), "raw mode left on while stopped");
    let stopped = g.bytes().len();
    g.signal(libc::SIGCONT);
    // Continued: back on the alternate screen with the table redrawn, no resize needed.
    let start = Instant::now();
    loop {
        let tail = g.bytes()[stopped..].to_vec();
        let text = String::from_utf8_lossy(&tail);
        if text.contains("\x1b[?1049h") && text.contains("Week 1 of 11") {
            break;
        }
        assert!(
            start.elapsed() < TIMEOUT,
            "no redraw after SIGCONT: {text:?}"
        );
        std::thread::sleep(Duration::from_millis(30));
    }
    assert!(g.raw(), "raw mode not restored after SIGCONT");
    g.send("q");
    g.wait_for("Quit Truce?");
    g.send("y");
    let status = g.wait_exit();
    assert!(status.success(), "{status:?}");
    assert_restored(&g.bytes());
}
