//! The harness of the `truce serve` tests: a class made with `truce serve --init` in a temp
//! folder on a free loopback port, the server run `--headless` with its log read back, and the
//! real OpenSSH client in a pseudo-terminal (host key pinned in a temp known_hosts, the two
//! prompts answered by a test askpass script), its screen read through a VT100 parser.
//! A missing `ssh` fails the tests: they never skip.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long any wait may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(40);
/// The class code every test class uses.
pub const CODE: &str = "test-code-42";

/// The askpass script: the class code for the first prompt, the name for the other.
const ASKPASS: &str = r#"#!/bin/sh
case "$1" in
  *"Class code"*) printf '%s\n' "$TRUCE_TEST_CODE" ;;
  *) printf '%s\n' "$TRUCE_TEST_NAME" ;;
esac
"#;

/// The `truce` under test: this build's, or `TRUCE_TEST_BIN` (to measure a release build
/// with the debug-built tests: `TRUCE_TEST_BIN=target/release/truce cargo test --test
/// serve_soak`).
pub fn truce_bin() -> PathBuf {
    std::env::var_os("TRUCE_TEST_BIN")
        .map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_truce")), PathBuf::from)
}

/// Whether the `truce` under test is an optimised build.
pub fn optimised() -> bool {
    !cfg!(debug_assertions) || std::env::var_os("TRUCE_TEST_BIN").is_some()
}

/// The `ssh` client, or a loud failure.
pub fn ssh_binary() -> PathBuf {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("ssh"))
            .find(|p| p.is_file())
    });
    found.expect(
        "the OpenSSH client `ssh` is not installed: the serve tests need it (apt-get install \
         openssh-client)",
    )
}

/// A class in a temp folder and its server, killed (and checked) when dropped.
pub struct Class {
    pub dir: tempfile::TempDir,
    pub port: u16,
    pub server: Option<Child>,
    log: PathBuf,
}

/// A free loopback port (bound then released).
pub fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    l.local_addr().expect("addr").port()
}

impl Class {
    /// A class made by `truce serve --init`, its code set to `CODE`, listening on a free port;
    /// `edit` changes the class file's text further.
    pub fn new(edit: impl Fn(String) -> String) -> Class {
        let dir = tempfile::tempdir().expect("temp dir");
        let class = dir.path().join("class.ron");
        let out = truce(
            &["serve", "--init", class.to_str().expect("utf-8")],
            dir.path(),
        );
        assert!(out.status.success(), "init failed: {out:?}");
        let port = free_port();
        let text = std::fs::read_to_string(&class).expect("class file");
        let code_line = text
            .lines()
            .find(|l| l.trim_start().starts_with("code:"))
            .expect("a code line")
            .to_string();
        let text = text
            .replace(&code_line, &format!("    code: \"{CODE}\","))
            .replace("127.0.0.1:2222", &format!("127.0.0.1:{port}"));
        std::fs::write(&class, edit(text)).expect("write the class file");
        let log = dir.path().join("server.log");
        // The pinned host key: the public half of the key `--init` made.
        let public = Command::new("ssh-keygen")
            .args(["-y", "-f"])
            .arg(dir.path().join("class.hostkey"))
            .output()
            .expect("ssh-keygen");
        assert!(public.status.success(), "ssh-keygen: {public:?}");
        let line = format!(
            "[127.0.0.1]:{port} {}",
            String::from_utf8_lossy(&public.stdout)
        );
        std::fs::write(dir.path().join("known_hosts"), line).expect("known_hosts");
        let askpass = dir.path().join("askpass.sh");
        std::fs::write(&askpass, ASKPASS).expect("askpass");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&askpass, std::fs::Permissions::from_mode(0o755))
                .expect("chmod");
        }
        Class {
            dir,
            port,
            server: None,
            log,
        }
    }

    /// The class file.
    pub fn file(&self) -> PathBuf {
        self.dir.path().join("class.ron")
    }

    /// The save folder.
    pub fn saves(&self) -> PathBuf {
        self.dir.path().join("saves")
    }

    /// Starts `truce serve class.ron --headless` and waits until it listens.
    pub fn start(&mut self) {
        let log = std::fs::File::create(&self.log).expect("log file");
        let child = Command::new(truce_bin())
            .args(["serve", "class.ron", "--headless"])
            .current_dir(self.dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start the server");
        self.server = Some(child);
        self.wait_log("listening on");
    }

    /// The server's pid.
    pub fn pid(&self) -> u32 {
        self.server.as_ref().expect("started").id()
    }

    /// The server's log so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Waits until the log holds `text` `times` times; returns the log.
    pub fn wait_log_n(&self, text: &str, times: usize) -> String {
        let start = Instant::now();
        loop {
            let log = self.log();
            if log.matches(text).count() >= times {
                return log;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {text:?} x{times} in the server log:\n{log}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the log holds `text`.
    pub fn wait_log(&self, text: &str) -> String {
        self.wait_log_n(text, 1)
    }

    /// The server's child processes now (pids).
    pub fn children(&self) -> Vec<u32> {
        children_of(self.pid())
    }

    /// An ssh client signing in as `name` with the class code, in a pty of `cols`×`rows`.
    pub fn connect(&self, name: &str) -> Ssh {
        self.ssh(name, CODE, &["-tt"], 120, 40)
    }

    /// `ssh` with these extra arguments, answering `code` and `name`, in a pty of this size;
    /// the destination comes last (`extra` may end with a command).
    pub fn ssh(&self, name: &str, code: &str, extra: &[&str], cols: u16, rows: u16) -> Ssh {
        let mut cmd = CommandBuilder::new(ssh_binary());
        cmd.args(self.ssh_args());
        let (opts, command): (Vec<&str>, Vec<&str>) = match extra.iter().position(|a| *a == "--") {
            Some(i) => (extra[..i].to_vec(), extra[i + 1..].to_vec()),
            None => (extra.to_vec(), Vec::new()),
        };
        cmd.args(opts);
        cmd.arg("class@127.0.0.1");
        cmd.args(command);
        self.answer(&mut cmd, name, code);
        Ssh::spawn(cmd, cols, rows)
    }

    /// The options every client here uses: no user config, the pinned host key, the prompts
    /// answered by the askpass script.
    pub fn ssh_args(&self) -> Vec<String> {
        let known = self.dir.path().join("known_hosts");
        [
            "-F",
            "/dev/null",
            "-o",
            &format!("UserKnownHostsFile={}", known.display()),
            "-o",
            "StrictHostKeyChecking=yes",
            "-o",
            "PreferredAuthentications=keyboard-interactive",
            "-o",
            "PubkeyAuthentication=no",
            "-o",
            "ConnectTimeout=10",
            "-p",
            &self.port.to_string(),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    /// Sets the environment that makes the askpass script answer `code` and `name`.
    pub fn answer(&self, cmd: &mut CommandBuilder, name: &str, code: &str) {
        cmd.env("SSH_ASKPASS", self.dir.path().join("askpass.sh"));
        cmd.env("SSH_ASKPASS_REQUIRE", "force");
        cmd.env("DISPLAY", ":0");
        cmd.env("TRUCE_TEST_CODE", code);
        cmd.env("TRUCE_TEST_NAME", name);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("COLORTERM");
    }

    /// Stops the server (SIGTERM) and waits for it.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.server.take() {
            // SAFETY: kill(2) on our own child's pid.
            unsafe {
                libc::kill(i32::try_from(child.id()).unwrap(), libc::SIGTERM);
            }
            let start = Instant::now();
            while child.try_wait().ok().flatten().is_none() && start.elapsed() < TIMEOUT {
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Class {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Runs the real `truce` with `args` in `dir`.
pub fn truce(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(truce_bin())
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run truce")
}

/// The children of `pid`, from /proc.
pub fn children_of(pid: u32) -> Vec<u32> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return out;
    };
    for e in entries.flatten() {
        let Some(child) = e.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{child}/stat")) else {
            continue;
        };
        // The fields after the command (which may hold spaces) start after the last ')'.
        let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
        let fields: Vec<&str> = rest.split_whitespace().collect();
        // state is fields[0], ppid fields[1]; a zombie still counts as left behind.
        if fields.get(1).and_then(|p| p.parse::<u32>().ok()) == Some(pid) {
            out.push(child);
        }
    }
    out
}

/// A process's resident memory in kB (VmRSS).
pub fn rss_kb(pid: u32) -> u64 {
    status_kb(pid, "VmRSS:")
}

/// A process's proportional set size in kB (its private pages plus its share of pages it shares,
/// such as the one executable's code): summed over processes, the memory they take together.
pub fn pss_kb(pid: u32) -> u64 {
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
    rollup
        .lines()
        .find(|l| l.starts_with("Pss:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// A field of /proc/PID/status in kB (`VmRSS:`, `RssAnon:`), 0 when absent.
pub fn status_kb(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// An ssh client in a pseudo-terminal.
pub struct Ssh {
    output: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    master: Box<dyn MasterPty + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    size: (u16, u16),
}

impl Ssh {
    /// Runs `cmd` (an ssh or sftp client) in a new pty of this size.
    pub fn spawn_command(cmd: CommandBuilder, cols: u16, rows: u16) -> Ssh {
        Ssh::spawn(cmd, cols, rows)
    }

    fn spawn(cmd: CommandBuilder, cols: u16, rows: u16) -> Ssh {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let child = pair.slave.spawn_command(cmd).expect("spawn ssh");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => sink.lock().expect("lock").extend_from_slice(&buf[..n]),
                }
            }
        });
        Ssh {
            output,
            writer,
            master: pair.master,
            child,
            size: (cols, rows),
        }
    }

    /// Everything received so far.
    pub fn bytes(&self) -> Vec<u8> {
        self.output.lock().expect("lock").clone()
    }

    /// Everything received so far, as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes()).into_owned()
    }

    /// The screen now, at the terminal's current size.
    pub fn screen(&self) -> String {
        let rows = NonZeroU16::new(self.size.1).expect("rows");
        let cols = NonZeroU16::new(self.size.0).expect("cols");
        let mut parser = vt100::Parser::new(rows, cols, 0);
        parser.process(&self.bytes());
        parser.screen().contents()
    }

    /// The screen's rows now, one string each (`screen` joins wrapped rows).
    pub fn rows(&self) -> Vec<String> {
        let rows = NonZeroU16::new(self.size.1).expect("rows");
        let cols = NonZeroU16::new(self.size.0).expect("cols");
        let mut parser = vt100::Parser::new(rows, cols, 0);
        parser.process(&self.bytes());
        parser.screen().rows(0, self.size.0).collect()
    }

    /// Waits until the screen shows `text` and has settled; returns the screen.
    pub fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                std::thread::sleep(Duration::from_millis(80));
                let again = self.screen();
                if again == screen {
                    return screen;
                }
                continue;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {text:?}; screen:\n{screen}\nlast bytes: {:?}",
                String::from_utf8_lossy(&self.bytes()[self.bytes().len().saturating_sub(300)..])
            );
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    /// Waits until the raw output holds `text`.
    pub fn wait_text(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let t = self.text();
            if t.contains(text) {
                return t;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {text:?} in the output:\n{t}"
            );
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    /// Types `keys`.
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
    }

    /// Reads the screen as a terminal of this size from now on (the client's own pty keeps its
    /// size: for a client that sends none).
    pub fn read_at(&mut self, cols: u16, rows: u16) {
        self.size = (cols, rows);
    }

    /// Resizes the client's terminal (ssh sends the server a window change).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize");
        self.size = (cols, rows);
    }

    /// Waits for ssh to exit; its status.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "ssh did not exit; output:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    /// Kills the client (a student closing the laptop).
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// From the title through the briefing to week 1's table.
    pub fn open_the_table(&mut self) {
        self.wait_for("Your class's scenario");
        self.send("\r");
        self.wait_for("Briefing");
        self.send("\r");
        self.wait_for("Week 1 of 11");
    }

    /// The first proposal (tariffs to 20%, rare earths to general licences), then week 2.
    pub fn propose(&mut self) {
        self.send("l");
        self.wait_for("‹20%›");
        self.send("jj");
        self.wait_for("‹slow licensing›");
        self.send("l");
        self.wait_for("‹general licences›");
        self.send("\r");
        self.wait_for("Week 2 of 11");
    }
}

impl Drop for Ssh {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The autosaves in `dir` whose names start with `autosave-<slug>-`.
pub fn autosaves(dir: &Path, slug: &str) -> Vec<PathBuf> {
    let prefix = format!("autosave-{slug}-");
    std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".ron"))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Waits until `check` holds, or fails with `what`.
pub fn wait_until(what: &str, limit: Duration, mut check: impl FnMut() -> bool) {
    let start = Instant::now();
    while !check() {
        assert!(start.elapsed() < limit, "timed out: {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}
