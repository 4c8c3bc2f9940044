//! The pseudo-terminal harness of the end-to-end tests (`e2e_pty`, `e2e_signals`): the real
//! binary in a 120×40 terminal with a temp home and a remembered player name, its screen read
//! through a VT100 parser, keys typed, signals sent, and the terminal checked on the way out.
//! Its own module rather than `tests/common`, which every test binary compiles.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};

/// The terminal's height.
pub const ROWS: u16 = 40;
/// The terminal's width.
pub const COLS: u16 = 120;
/// How long any wait may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// Leaves the alternate screen: the last thing a well-behaved exit writes.
pub const LEAVE_ALT_SCREEN: &[u8] = b"\x1b[?1049l";

/// `truce` running in a pseudo-terminal.
pub struct Pty {
    /// A temp home for sessions started without their own: no test writes into the real one.
    home: Option<tempfile::TempDir>,
    /// A config dir where the player's name is already remembered, so no name is asked.
    _config: tempfile::TempDir,
    output: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    /// Kept for the session's life: closing it would hang up the terminal.
    master: Box<dyn MasterPty + Send>,
    /// The running program.
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    /// The terminal's size: (columns, rows).
    size: (u16, u16),
}

impl Pty {
    /// Starts truce with a temp home and save dir (`saves()`).
    pub fn start(args: &[&str]) -> Pty {
        let home = tempfile::tempdir().expect("temp dir");
        let mut s = Pty::start_in(args, home.path());
        s.home = Some(home);
        s
    }

    /// Starts truce with `home` as its home, `home/saves` its save dir and `home/xdg` its data
    /// dir: two sessions started in one home share their saves.
    pub fn start_in(args: &[&str], home: &Path) -> Pty {
        let saves = home.join("saves");
        let xdg = home.join("xdg");
        let env = [
            ("TRUCE_SAVE_DIR", saves.as_path()),
            ("HOME", home),
            ("XDG_DATA_HOME", xdg.as_path()),
        ];
        Pty::start_with(args, &env)
    }

    /// Starts truce with these environment variables (over the remembered player name's
    /// `TRUCE_CONFIG_DIR`, which a test may replace).
    pub fn start_with(args: &[&str], env: &[(&str, &Path)]) -> Pty {
        Pty::start_sized(args, env, (COLS, ROWS))
    }

    /// Starts truce as `start_with` does, in a terminal of `size` (columns, rows).
    pub fn start_sized(args: &[&str], env: &[(&str, &Path)], size: (u16, u16)) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: size.1,
                cols: size.0,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_truce"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        let config = tempfile::tempdir().expect("temp dir");
        std::fs::write(config.path().join("player.txt"), "Tester\n").expect("player name");
        // The guided first week was read: journeys start at the table.
        std::fs::write(config.path().join("guide.txt"), "read\n").expect("guide read");
        cmd.env("TRUCE_CONFIG_DIR", config.path());
        for (k, v) in env {
            cmd.env(k, v);
        }
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
        Pty {
            home: None,
            _config: config,
            output,
            writer,
            master: pair.master,
            child,
            size,
        }
    }

    /// The save folder of a session made by `start`.
    pub fn saves(&self) -> PathBuf {
        self.home
            .as_ref()
            .expect("a session made by Pty::start")
            .path()
            .join("saves")
    }

    /// Everything the program has written so far.
    pub fn bytes(&self) -> Vec<u8> {
        self.output.lock().expect("lock").clone()
    }

    /// The screen as the terminal shows it now.
    pub fn screen(&self) -> String {
        let rows = NonZeroU16::new(self.size.1).expect("rows");
        let cols = NonZeroU16::new(self.size.0).expect("cols");
        let mut parser = vt100::Parser::new(rows, cols, 0);
        parser.process(&self.bytes());
        parser.screen().contents()
    }

    /// Waits until the screen shows `text` and has stopped changing, or fails with the screen
    /// as it is: a frame is written in several chunks, and a screen read mid-frame would hold
    /// half of it.
    pub fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                std::thread::sleep(Duration::from_millis(60));
                let again = self.screen();
                if again == screen {
                    return screen;
                }
                continue;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {text:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Resizes the terminal (the program sees SIGWINCH and redraws); `screen` keeps parsing
    /// at 120×40, where a smaller frame sits in the top-left corner.
    pub fn resize(&self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
    }

    /// Types `keys`.
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
    }

    /// From the title (seed 7) through the briefing to week 1's table.
    pub fn open_the_table(&mut self) {
        self.wait_for("Choose a scenario");
        self.wait_for("Seed 7");
        self.send("\r");
        self.wait_for("Briefing");
        self.send("\r");
        self.wait_for("Week 1 of 11");
    }

    /// Waits for the process to end; returns its status once the last bytes are read.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                break status;
            }
            assert!(start.elapsed() < TIMEOUT, "truce did not exit");
            std::thread::sleep(Duration::from_millis(30));
        };
        // Give the reader a moment to drain the last bytes.
        let start = Instant::now();
        while !self.bytes().ends_with(LEAVE_ALT_SCREEN) && start.elapsed() < Duration::from_secs(2)
        {
            std::thread::sleep(Duration::from_millis(30));
        }
        status
    }

    /// Quits with `q` `y` and checks the exit status and that the terminal was restored.
    pub fn quit_cleanly(&mut self) {
        self.send("q");
        self.wait_for("Quit Truce?");
        self.send("y");
        let status = self.wait_exit();
        assert!(status.success(), "exit status {status:?}");
        assert_restored(&self.bytes());
    }

    /// Sends `signal` to the program.
    #[cfg(unix)]
    pub fn signal(&self, signal: i32) {
        let pid = self.child.process_id().expect("pid");
        let pid = i32::try_from(pid).expect("pid fits");
        // SAFETY: kill(2) on our own child's pid with a valid signal number.
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0, "kill failed");
    }

    /// Whether the terminal is in raw mode: no canonical input, no echo.
    #[cfg(unix)]
    pub fn raw(&self) -> bool {
        let fd = self.master.as_raw_fd().expect("master fd");
        // SAFETY: a zeroed termios is a valid out-parameter for tcgetattr on an open fd.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0, "tcgetattr");
        t.c_lflag & (libc::ICANON | libc::ECHO) == 0
    }
}

/// The bytes at exit leave the terminal restored: the alternate screen left last, the cursor
/// shown after it was last hidden.
pub fn assert_restored(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    assert!(
        text.as_bytes().ends_with(LEAVE_ALT_SCREEN),
        "the alternate screen was not left last; tail: {:?}",
        &text[text.len().saturating_sub(80)..]
    );
    let hidden = text.rfind("\x1b[?25l").unwrap_or(0);
    assert!(
        text.rfind("\x1b[?25h").is_some_and(|i| i > hidden),
        "the cursor was left hidden"
    );
}
