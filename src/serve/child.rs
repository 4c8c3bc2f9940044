//! One student's game: `truce play --class` in a pseudo-terminal of its own, its screen sent to
//! the SSH channel and the student's keys written to it. The game is the leader of its own
//! session (portable-pty calls `setsid`), so a hang-up reaches it and everything it started
//! by its process group; it is always reaped by the thread that read its screen.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use russh::ChannelId;
use russh::server::Handle;

/// How long a hung-up game has to autosave and exit before it is killed.
pub const GRACE: Duration = Duration::from_secs(5);

/// What the game is started with.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The `truce` executable.
    pub exe: PathBuf,
    /// Its arguments (`play --class ...`).
    pub args: Vec<String>,
    /// Its environment: nothing else of the server's reaches it but `PATH`, `HOME` and the
    /// locale.
    pub env: Vec<(String, String)>,
    /// The terminal's columns and rows.
    pub size: (u16, u16),
}

/// How a game ended, for the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// It exited by itself (the student quit, or the game ended it).
    Exited(u32),
    /// It was hung up on (the connection went, or another sign-in took over).
    HungUp,
}

/// The game's process, shared by the thread that reaps it and whoever may end it.
#[derive(Debug, Clone)]
pub struct Proc {
    child: Arc<Mutex<Box<dyn Child + Send + Sync>>>,
    /// Set once the process is reaped: it can no longer be signalled.
    reaped: Arc<AtomicBool>,
    /// Set when the server hung up on it (so its end is logged as a hang-up).
    hung_up: Arc<AtomicBool>,
    pid: Option<i32>,
}

impl Proc {
    /// Whether the process has exited and been reaped.
    pub fn reaped(&self) -> bool {
        self.reaped.load(Ordering::SeqCst)
    }

    /// The process id, while it runs.
    pub fn pid(&self) -> Option<i32> {
        self.pid
    }

    /// Sends `signal` to the game's process group, unless it was reaped: the child lock is held
    /// so the id cannot be reaped (and reused) in between.
    fn signal(&self, signal: i32) {
        let Some(pid) = self.pid else { return };
        let Ok(mut child) = self.child.lock() else {
            return;
        };
        if self.reaped() || matches!(child.try_wait(), Ok(Some(_))) {
            return;
        }
        // SAFETY: killpg(2) on the process group our own unreaped child leads.
        unsafe {
            libc::killpg(pid, signal);
        }
    }

    /// Hangs up on the game: SIGHUP now (it autosaves and exits), SIGKILL to its group if it
    /// is still there after `GRACE`. Returns at once; a thread does the waiting.
    pub fn hang_up(&self) {
        if self.reaped() {
            return;
        }
        self.hung_up.store(true, Ordering::SeqCst);
        self.signal(libc::SIGHUP);
        let me = self.clone();
        std::thread::spawn(move || {
            let start = Instant::now();
            while !me.reaped() && start.elapsed() < GRACE {
                std::thread::sleep(Duration::from_millis(50));
            }
            me.signal(libc::SIGKILL);
        });
    }

    /// Waits up to `limit` for the game to be reaped; whether it was.
    pub fn wait_reaped(&self, limit: Duration) -> bool {
        let start = Instant::now();
        while !self.reaped() && start.elapsed() < limit {
            std::thread::sleep(Duration::from_millis(25));
        }
        self.reaped()
    }
}

/// A running game, owned by its connection: dropping it hangs up on the game.
pub struct Game {
    /// The process.
    pub proc: Proc,
    master: Mutex<Box<dyn MasterPty + Send>>,
    input: tokio::sync::mpsc::Sender<Vec<u8>>,
}

impl std::fmt::Debug for Game {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Game").field("proc", &self.proc).finish()
    }
}

impl Game {
    /// Starts the game in a new pty of `spec.size`; its screen goes to `channel`. When it ends,
    /// `ended` is called (from the reaping thread) and the channel is closed with its status.
    pub fn start(
        spec: &Spec,
        handle: Handle,
        channel: ChannelId,
        runtime: tokio::runtime::Handle,
        ended: impl FnOnce(Ended) + Send + 'static,
    ) -> std::io::Result<Game> {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: spec.size.1,
                cols: spec.size.0,
                pixel_width: 0,
                pixel_height: 0,
            })
            .map_err(other)?;
        let mut cmd = CommandBuilder::new(&spec.exe);
        cmd.args(&spec.args);
        cmd.env_clear();
        for (k, v) in &spec.env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).map_err(other)?;
        // The game holds the only slave: when it exits, reading the master ends.
        drop(pair.slave);
        let pid = child.process_id().and_then(|p| i32::try_from(p).ok());
        let mut reader = pair.master.try_clone_reader().map_err(other)?;
        let mut writer = pair.master.take_writer().map_err(other)?;
        let proc = Proc {
            child: Arc::new(Mutex::new(child)),
            reaped: Arc::new(AtomicBool::new(false)),
            hung_up: Arc::new(AtomicBool::new(false)),
            pid,
        };
        // Keys: a bounded queue, so a game that stops reading slows the student's connection
        // instead of growing the server.
        let (input, mut keys) = tokio::sync::mpsc::channel::<Vec<u8>>(64);
        std::thread::spawn(move || {
            while let Some(bytes) = keys.blocking_recv() {
                if writer
                    .write_all(&bytes)
                    .and_then(|()| writer.flush())
                    .is_err()
                {
                    break;
                }
            }
        });
        let reaper = proc.clone();
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 16 * 1024];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        // A gone connection fails the send: keep reading, so the game never
                        // blocks on a full terminal while it autosaves.
                        let chunk = buf[..n].to_vec();
                        let _ = runtime.block_on(handle.data(channel, chunk));
                    }
                }
            }
            let code = reap(&reaper);
            let how = if reaper.hung_up.load(Ordering::SeqCst) {
                Ended::HungUp
            } else {
                Ended::Exited(code)
            };
            ended(how);
            runtime.block_on(async {
                let _ = handle.exit_status_request(channel, code).await;
                let _ = handle.eof(channel).await;
                let _ = handle.close(channel).await;
            });
        });
        Ok(Game {
            proc,
            master: Mutex::new(pair.master),
            input,
        })
    }

    /// Types the student's keys into the game (waits while the game is behind).
    pub async fn keys(&self, bytes: &[u8]) {
        let _ = self.input.send(bytes.to_vec()).await;
    }

    /// The student's window changed size.
    pub fn resize(&self, cols: u16, rows: u16) {
        if let Ok(master) = self.master.lock() {
            let _ = master.resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            });
        }
    }
}

impl Drop for Game {
    fn drop(&mut self) {
        self.proc.hang_up();
    }
}

/// Reaps the game once its terminal has closed, polling under the lock (so `Proc::signal`
/// never signals a reaped id), killing it if it lingers past `GRACE`; its exit code.
fn reap(proc: &Proc) -> u32 {
    let start = Instant::now();
    loop {
        if let Ok(mut child) = proc.child.lock() {
            match child.try_wait() {
                Ok(Some(status)) => {
                    proc.reaped.store(true, Ordering::SeqCst);
                    return status.exit_code();
                }
                Ok(None) if start.elapsed() > GRACE => {
                    let _ = child.kill();
                }
                Ok(None) => {}
                Err(_) => {
                    proc.reaped.store(true, Ordering::SeqCst);
                    return 1;
                }
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// portable-pty's errors (`anyhow`) as I/O errors, keeping their text.
fn other(e: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::other(e.to_string())
}
