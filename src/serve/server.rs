//! The server: the russh configuration (keyboard-interactive only, keepalives), the state its
//! connections share, and the loop, headless or beside the instructor's board.

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use russh::server::{Config, Server};

use super::DRAW_KEY_ENV;
use super::child::{GRACE, Spec};
use super::class::Class;
use super::conn::Conn;
use super::guard::{Failures, Registry};
use crate::seal::ClassKey;

/// Where the server's log lines go.
#[derive(Debug)]
pub enum Log {
    /// Standard error (headless).
    Stderr,
    /// A file (while the board holds the terminal).
    File(Mutex<std::fs::File>),
}

/// What every connection shares.
#[derive(Debug)]
pub struct Shared {
    /// The class.
    pub class: Class,
    /// The `truce` executable each game runs.
    pub exe: PathBuf,
    /// The class key file (the games sign their saves with it).
    pub key_file: PathBuf,
    /// The class key: each game's draw key is derived from it (`keys::draw_key`).
    class_key: ClassKey,
    /// Failed sign-ins per address.
    pub failures: Mutex<Failures>,
    /// The live game of each student.
    pub registry: Mutex<Registry>,
    /// The next connection's number.
    pub next_conn: AtomicU64,
    /// Connections open now, signed in or not.
    pub open: AtomicU64,
    /// The runtime, for the threads that feed a game's screen to its connection.
    pub runtime: tokio::runtime::Handle,
    /// Where log lines go.
    pub log: Log,
    started: Instant,
}

impl Shared {
    /// The shared state for `class`.
    pub fn new(
        class: Class,
        exe: PathBuf,
        class_key: ClassKey,
        runtime: tokio::runtime::Handle,
        log: Log,
    ) -> io::Result<Shared> {
        let key_file = std::path::absolute(class.class_key_path())?;
        Ok(Shared {
            class_key,
            key_file,
            exe,
            failures: Mutex::default(),
            registry: Mutex::default(),
            next_conn: AtomicU64::new(1),
            open: AtomicU64::new(0),
            runtime,
            log,
            started: Instant::now(),
            class,
        })
    }

    /// Writes one log line, stamped.
    pub fn log(&self, text: &str) {
        let line = format!("{} {}\n", crate::persist::utc_now(), text);
        match &self.log {
            Log::Stderr => {
                let _ = io::stderr().lock().write_all(line.as_bytes());
            }
            Log::File(f) => {
                if let Ok(mut f) = f.lock() {
                    let _ = f.write_all(line.as_bytes());
                }
            }
        }
    }

    /// Whole seconds since the server started.
    pub fn uptime_secs(&self) -> u64 {
        self.started.elapsed().as_secs()
    }

    /// How `name`'s game is started: `truce play --class` with the class's scenario and the
    /// student's seed, saving into the class folder, in a terminal of `size` named `term`.
    pub fn spec(&self, name: &str, term: &str, size: (u16, u16)) -> io::Result<Spec> {
        let slug = crate::persist::format::slug(name);
        let seed = self.class.file.seed.seed_for(name);
        let saves = std::path::absolute(&self.class.saves)?;
        let config = std::path::absolute(self.class.players_path())?.join(&slug);
        std::fs::create_dir_all(&config)?;
        let mut env: Vec<(String, String)> = ["PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE"]
            .iter()
            .filter_map(|k| std::env::var(k).ok().map(|v| (k.to_string(), v)))
            .collect();
        let path = |p: &std::path::Path| p.display().to_string();
        env.extend([
            ("TERM".to_string(), term.to_string()),
            (crate::persist::SAVE_DIR_ENV.to_string(), path(&saves)),
            (crate::config::CONFIG_DIR_ENV.to_string(), path(&config)),
            (crate::seal::KEY_ENV.to_string(), path(&self.key_file)),
            (
                DRAW_KEY_ENV.to_string(),
                super::keys::draw_key(&self.class_key, seed),
            ),
        ]);
        Ok(Spec {
            exe: self.exe.clone(),
            // `--flag=value`: a name that starts with a dash is still a value.
            args: vec![
                "play".into(),
                "--class".into(),
                format!("--player={name}"),
                format!("--scenario={}", self.class.scenario),
                format!("--seed={seed}"),
            ],
            env,
            size,
        })
    }

    /// Hangs up on every game and waits (a little past the grace) for them to be reaped.
    pub fn hang_up_all(&self) {
        let procs: Vec<_> = self.registry.lock().map(|r| r.procs()).unwrap_or_default();
        for p in &procs {
            p.hang_up();
        }
        for p in &procs {
            p.wait_reaped(GRACE + Duration::from_secs(1));
        }
    }
}

/// The russh configuration: keyboard-interactive only, a constant delay on refusals, and
/// keepalives so a vanished client is noticed within a minute or so.
pub fn config(host_key: russh::keys::PrivateKey) -> Config {
    Config {
        methods: russh::MethodSet::from(&[russh::MethodKind::KeyboardInteractive][..]),
        auth_rejection_time: Duration::from_millis(300),
        // OpenSSH first asks with "none" to learn the methods: no need to wait on that.
        auth_rejection_time_initial: Some(Duration::ZERO),
        max_auth_attempts: 3,
        keys: vec![host_key],
        keepalive_interval: Some(Duration::from_secs(15)),
        keepalive_max: 4,
        nodelay: true,
        ..Default::default()
    }
}

/// The server proper: a handler for each connection.
pub struct ClassServer {
    /// The shared state.
    pub shared: Arc<Shared>,
}

impl Server for ClassServer {
    type Handler = Conn;

    fn new_client(&mut self, peer: Option<std::net::SocketAddr>) -> Conn {
        Conn::new(Arc::clone(&self.shared), peer)
    }
}
