//! `truce serve`: a whole class plays over SSH with nothing to install. Each connection signs
//! in with the class code and a name and gets its own `truce play --class` process in its own
//! pseudo-terminal, so one student's game can never touch another's; the games save into the
//! class folder, signed with the class key.
//!
//! The class file (`class`) and the files made beside it (`keys`) are plain Rust and build
//! everywhere; the server itself (russh, tokio, portable-pty) is Unix only, behind the `serve`
//! feature. This module never names the terminal UI: the binary hands it the board to run.

pub mod class;
pub mod keys;

#[cfg(all(unix, feature = "serve"))]
mod child;
#[cfg(all(unix, feature = "serve"))]
mod conn;
#[cfg(all(unix, feature = "serve"))]
pub mod guard;
#[cfg(all(unix, feature = "serve"))]
mod play;
#[cfg(all(unix, feature = "serve"))]
mod server;
#[cfg(all(unix, feature = "serve"))]
pub mod signin;

/// The variable holding the draw key for Beijing's hidden type in a served class's game (hex;
/// the class key file itself is named by `seal::KEY_ENV`).
pub const DRAW_KEY_ENV: &str = "TRUCE_CLASS_DRAW_KEY";

use std::io;
use std::path::{Path, PathBuf};

pub use class::{Class, ClassError, ClassFile, SeedRule};

/// Who is playing now: the names of the students with a live game.
pub type Connected = Box<dyn Fn() -> Vec<String> + Send>;

/// The instructor's board, run on the server's terminal while students play; given the class,
/// and a way to ask who is connected now.
pub type Board = Box<dyn FnOnce(&Class, Connected) -> io::Result<()>>;

/// What `truce serve --init` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    /// The class file.
    pub class: PathBuf,
    /// The host key, when it was made now (else it was there already and is kept).
    pub host_key: Option<PathBuf>,
    /// The class key, when it was made now.
    pub class_key: Option<PathBuf>,
    /// The class code written in the class file.
    pub code: String,
}

/// `truce serve --init CLASS.ron`: writes a commented example class file with a fresh code,
/// its class key and (with the server built in) its host key. An existing class file is an
/// error; an existing key is kept, never replaced.
pub fn init(path: &Path) -> io::Result<Made> {
    let code = keys::new_code();
    keys::write_new_private(path, class::example(&code).as_bytes())?;
    let key_path = class::beside(path, "key");
    let class_key = match crate::seal::ClassKey::create(&key_path) {
        Ok(_) => Some(key_path),
        Err(crate::seal::KeyError::Exists { .. }) => None,
        Err(e) => return Err(io::Error::other(e.to_string())),
    };
    #[cfg(all(unix, feature = "serve"))]
    let host_key = {
        let p = class::beside(path, "hostkey");
        match keys::load_or_create_host_key(&p)? {
            (_, true) => Some(p),
            (_, false) => None,
        }
    };
    #[cfg(not(all(unix, feature = "serve")))]
    let host_key = None;
    Ok(Made {
        class: path.to_path_buf(),
        host_key,
        class_key,
        code,
    })
}

/// The saves folder and class key file a class file names, for `truce report --class`.
pub fn report_paths(path: &Path) -> Result<(PathBuf, PathBuf), ClassError> {
    let class = Class::load(path)?;
    let key = class.class_key_path();
    Ok((class.saves, key))
}

#[cfg(all(unix, feature = "serve"))]
pub use running::run;

#[cfg(all(unix, feature = "serve"))]
mod running {
    use std::io;
    use std::sync::Arc;

    use super::server::{ClassServer, Log, Shared, config};
    use super::{Board, Class, keys};

    /// Runs the class server until it is stopped (SIGINT or SIGTERM headless; leaving the
    /// board otherwise), then hangs up on every game and waits for their autosaves.
    /// `announce` is told the host key's fingerprint and whether the key was made now, before
    /// anything else happens.
    pub fn run(
        class: Class,
        board: Option<Board>,
        announce: &dyn Fn(&str, bool),
    ) -> io::Result<()> {
        let (host_key, made) = keys::load_or_create_host_key(&class.host_key_path())?;
        let class_key = crate::seal::ClassKey::load(&class.class_key_path())
            .map_err(|e| io::Error::other(e.to_string()))?;
        std::fs::create_dir_all(&class.saves)?;
        std::fs::create_dir_all(class.players_path())?;
        announce(&keys::fingerprint(&host_key), made);
        let exe = std::env::current_exe()?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        let log = match board {
            None => Log::Stderr,
            Some(_) => Log::File(std::sync::Mutex::new(
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(super::class::beside(&class.path, "log"))?,
            )),
        };
        let shared = Arc::new(Shared::new(
            class.clone(),
            exe,
            class_key,
            runtime.handle().clone(),
            log,
        )?);
        let listener = runtime.block_on(tokio::net::TcpListener::bind(class.listen))?;
        let cfg = Arc::new(config(host_key));
        shared.log(&format!("listening on {}", class.listen));
        let mut server = ClassServer {
            shared: Arc::clone(&shared),
        };
        let serving = runtime.spawn(async move {
            use russh::server::Server;
            let _ = server.run_on_socket(cfg, &listener).await;
        });
        let result = match board {
            None => runtime.block_on(stopped()),
            Some(board) => {
                let live = {
                    let shared = Arc::clone(&shared);
                    move || {
                        shared
                            .registry
                            .lock()
                            .map(|r| r.names())
                            .unwrap_or_default()
                    }
                };
                board(&class, Box::new(live))
            }
        };
        serving.abort();
        shared.log("stopping: hanging up on every game");
        shared.hang_up_all();
        runtime.shutdown_timeout(std::time::Duration::from_secs(2));
        result
    }

    /// Waits for SIGINT or SIGTERM.
    async fn stopped() -> io::Result<()> {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = signal(SignalKind::terminate())?;
        let mut int = signal(SignalKind::interrupt())?;
        let mut hup = signal(SignalKind::hangup())?;
        tokio::select! {
            _ = term.recv() => {},
            _ = int.recv() => {},
            _ = hup.recv() => {},
        }
        Ok(())
    }
}
