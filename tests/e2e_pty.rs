//! The real binary in a pseudo-terminal: title, briefing, a proposal and China's answer, help,
//! why, then `q` `y`; the exit status is 0 and the terminal is restored.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const ROWS: u16 = 40;
const COLS: u16 = 120;
const TIMEOUT: Duration = Duration::from_secs(30);

struct Session {
    output: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    fn start(args: &[&str]) -> Session {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_truce"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
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
        // Keep the master alive for the session's life by leaking it into the writer's owner.
        std::mem::forget(pair.master);
        Session {
            output,
            writer,
            child,
        }
    }

    fn bytes(&self) -> Vec<u8> {
        self.output.lock().expect("lock").clone()
    }

    /// The screen as the terminal shows it now.
    fn screen(&self) -> String {
        let rows = NonZeroU16::new(ROWS).expect("rows");
        let cols = NonZeroU16::new(COLS).expect("cols");
        let mut parser = vt100::Parser::new(rows, cols, 0);
        parser.process(&self.bytes());
        parser.screen().contents()
    }

    /// Waits until the screen shows `text`, or fails with the screen as it is.
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
}

#[test]
fn play_a_week_read_why_and_quit_cleanly() {
    let mut s = Session::start(&["--seed", "7"]);
    s.wait_for("Choose a scenario");
    s.wait_for("Seed 7");
    s.send("\r");
    s.wait_for("Briefing");
    s.send("\r");
    s.wait_for("Week 1 of 11");
    // Tariffs to 20%, down to rare earths, general licences, propose.
    s.send("l");
    s.wait_for("‹20%›");
    s.send("jj");
    s.wait_for("‹slow licensing›");
    s.send("l");
    s.wait_for("‹general licences›");
    s.send("\r");
    let screen = s.wait_for("Week 2 of 11");
    assert!(
        screen.contains("Beijing counters") || screen.contains("Beijing accepts"),
        "no answer from Beijing on screen:\n{screen}"
    );
    s.send("?");
    s.wait_for("Help  (Esc or ? closes");
    s.wait_for("Keys: Everywhere");
    s.send("?");
    s.send("w");
    s.wait_for("Why did Beijing answer so?");
    s.wait_for("Value to Beijing");
    s.send("q");
    s.wait_for("Quit Truce?");
    s.send("y");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = s.child.try_wait().expect("wait") {
            break status;
        }
        assert!(start.elapsed() < TIMEOUT, "truce did not exit");
        std::thread::sleep(Duration::from_millis(30));
    };
    assert!(status.success(), "exit status {status:?}");
    // Give the reader a moment to drain the last bytes.
    let start = Instant::now();
    while !s.bytes().ends_with(b"\x1b[?1049l") && start.elapsed() < TIMEOUT {
        std::thread::sleep(Duration::from_millis(30));
    }
    let bytes = s.bytes();
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.ends_with("\x1b[?1049l"),
        "the alternate screen was not left last; tail: {:?}",
        &text[text.len().saturating_sub(80)..]
    );
    // NO_COLOR was set: no colour may have been written.
    for code in ["\x1b[38;5;", "\x1b[38;2;", "\x1b[48;5;", "\x1b[48;2;"]
        .into_iter()
        .map(String::from)
        .chain((0..8).flat_map(|d| {
            [
                format!("\x1b[3{d}m"),
                format!("\x1b[9{d}m"),
                format!("\x1b[4{d}m"),
            ]
        }))
    {
        let at = text.find(&code);
        assert!(
            at.is_none(),
            "colour code {code:?} written under NO_COLOR: {:?}",
            at.map(|i| String::from_utf8_lossy(
                &bytes[i.saturating_sub(40)..(i + 40).min(bytes.len())]
            ))
        );
    }
    let hidden = text.rfind("\x1b[?25l").unwrap_or(0);
    let shown = text.rfind("\x1b[?25h");
    assert!(
        shown.is_some_and(|i| i > hidden),
        "the cursor was left hidden"
    );
}

#[test]
fn a_broken_scenario_reports_file_line_column_without_touching_the_terminal() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_truce"))
        .current_dir(dir)
        .args(["play", "--scenario", "tests/fixtures/broken-scenario.ron"])
        .output()
        .expect("run truce");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("tests/fixtures/broken-scenario.ron:3:"),
        "stderr: {stderr}"
    );
    assert!(
        out.stdout.is_empty(),
        "the terminal was touched: {:?}",
        out.stdout
    );
    assert!(!stderr.contains('\x1b'), "escape codes on stderr: {stderr}");
}
