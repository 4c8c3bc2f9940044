//! `truce serve` and `truce report --class`: the class file read and checked before anything
//! listens, `--init`'s files, and the run itself, which the binary starts with the board (the
//! command line never names the terminal UI).

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::persist::names::show_path;
use crate::serve::{self as server, Class};

use super::{Next, line};

/// A class server the binary is to run: the class file, read and checked.
#[derive(Debug)]
pub struct Served {
    /// The class.
    pub class: Class,
    /// No board: log lines on stderr.
    pub headless: bool,
}

/// `truce serve CLASS.ron [--headless]` and `truce serve --init CLASS.ron`.
pub(super) fn serve(path: &Path, init: bool, headless: bool) -> io::Result<Next> {
    let failed = Ok(Next::Exit(ExitCode::FAILURE));
    if init {
        return match server::init(path) {
            Ok(made) => {
                say!(
                    "Wrote {} (class code {}).",
                    show_path(&made.class),
                    made.code
                );
                if let Some(key) = &made.class_key {
                    say!(
                        "Wrote the class key {} (keep it private: it signs the saves).",
                        show_path(key)
                    );
                }
                if let Some(key) = &made.host_key {
                    say!("Wrote the host key {}.", show_path(key));
                }
                say!(
                    "Edit the class file, then run: truce serve {}",
                    show_path(path)
                );
                Ok(Next::Exit(ExitCode::SUCCESS))
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                warn!(
                    "truce: {}: already there; nothing was overwritten",
                    show_path(path)
                );
                failed
            }
            Err(e) => {
                warn!(
                    "truce: {}: {}",
                    show_path(path),
                    crate::persist::read::io_words(&e)
                );
                failed
            }
        };
    }
    let class = match Class::load(path) {
        Ok(class) => class,
        Err(e) => {
            warn!("{e}");
            return failed;
        }
    };
    if !cfg!(all(unix, feature = "serve")) {
        warn!("truce: this build has no class server (it needs Unix and the `serve` feature)");
        return failed;
    }
    if class.open_to_network() {
        warn!(
            "truce: warning: listening on {}: anyone who can reach this machine can try the \
             class code",
            class.listen
        );
    }
    let on_terminal = io::stdin().is_terminal() && io::stdout().is_terminal();
    if !(headless || on_terminal) {
        warn!("truce: the class board needs a terminal; run with --headless for a service");
        return failed;
    }
    Ok(Next::Serve(Served { class, headless }))
}

use std::io::IsTerminal;

/// Runs the server the command line asked for, with `board` unless headless; the exit code.
#[cfg(all(unix, feature = "serve"))]
pub fn served(s: Served, board: Option<server::Board>) -> ExitCode {
    let board = if s.headless { None } else { board };
    let on_terminal = board.is_none();
    let (path, listen) = (s.class.path.clone(), s.class.listen);
    let announce = |fingerprint: &str, made: bool| {
        let text = format!(
            "truce serve: {} on {}\nHost key fingerprint ({}): {fingerprint}\nStudents: ssh -p {} class@HOST",
            show_path(&path),
            listen,
            if made { "new key" } else { "kept" },
            listen.port()
        );
        if on_terminal {
            let _ = writeln!(io::stdout().lock(), "{text}");
        } else {
            warn!("{text}");
        }
    };
    match server::run(s.class, board, &announce) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            warn!("truce: serve: {}", crate::persist::read::io_words(&e));
            ExitCode::FAILURE
        }
    }
}

/// Without the server built in there is nothing to run.
#[cfg(not(all(unix, feature = "serve")))]
pub fn served(_s: Served, _board: Option<server::Board>) -> ExitCode {
    ExitCode::FAILURE
}

/// `truce report [PATH...] [--class CLASS.ron | --class-key KEYFILE]`: a class file adds its
/// save folder and checks every save against its class key.
pub(super) fn report_class(
    paths: &[PathBuf],
    class: Option<&Path>,
    class_key: Option<&Path>,
    csv: bool,
    output: Option<&Path>,
) -> io::Result<ExitCode> {
    let Some(class) = class else {
        return super::report_keyed(paths, csv, output, class_key);
    };
    match server::report_paths(class) {
        Ok((saves, key)) => {
            let mut paths = paths.to_vec();
            paths.push(saves);
            super::report_keyed(&paths, csv, output, Some(&key))
        }
        Err(e) => {
            warn!("{e}");
            Ok(ExitCode::FAILURE)
        }
    }
}

/// The draw key a served game is given (`TRUCE_CLASS_DRAW_KEY`, hex), in class mode only.
pub(super) fn draw_key_from_env(class: bool) -> Result<Vec<u8>, String> {
    let Some(text) = std::env::var_os(server::DRAW_KEY_ENV).filter(|_| class) else {
        return Ok(Vec::new());
    };
    let text = text.to_string_lossy();
    crate::persist::format::draw_key_bytes(Some(text.trim())).ok_or_else(|| {
        format!(
            "truce: {}: not a draw key (hex digits, at most 64 bytes)",
            server::DRAW_KEY_ENV
        )
    })
}
