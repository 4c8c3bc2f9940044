//! The classroom commands: `transcript`, `report` and `review`, and `play`'s class-mode flags.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::persist;

use super::{Launch, Mode, Next};

/// `truce play`'s class-mode flags.
#[derive(Debug, Default)]
pub(super) struct Class {
    pub(super) class: bool,
    pub(super) player: Option<String>,
}

/// A save named on the command line: the path, else the same name in the save directory.
pub(super) fn find_save(file: &Path, save_dir: Option<&Path>) -> PathBuf {
    persist::SaveStore::from_flag(save_dir).map_or_else(|| file.to_path_buf(), |s| s.find(file))
}

/// `truce transcript SAVE [-o FILE]`.
pub(super) fn transcript(file: &Path, output: Option<&Path>) -> io::Result<ExitCode> {
    match persist::load_game(file) {
        Ok(loaded) => {
            let facts = crate::report::facts::of_loaded(&loaded);
            super::emit(&crate::report::transcript::render(&facts), output, "report")
        }
        Err(e) => {
            warn!("{e}");
            Ok(ExitCode::FAILURE)
        }
    }
}

/// `truce report PATH... [--csv] [-o FILE] [--class-key KEYFILE]`: the key file is read
/// first (an unreadable one fails the command: a report that silently verified nothing would
/// mislead), then `report`.
pub(super) fn report_keyed(
    paths: &[PathBuf],
    csv: bool,
    output: Option<&Path>,
    key_file: Option<&Path>,
) -> io::Result<ExitCode> {
    let key = match key_file.map(crate::seal::ClassKey::load).transpose() {
        Ok(key) => key,
        Err(e) => {
            warn!("truce: {e}");
            return Ok(ExitCode::FAILURE);
        }
    };
    report(paths, csv, output, key.as_ref())
}

/// `truce report PATH... [--csv] [-o FILE]`, each save's seal checked against `key` when one
/// is given: exit 0 when at least one game was read.
pub(super) fn report(
    paths: &[PathBuf],
    csv: bool,
    output: Option<&Path>,
    key: Option<&crate::seal::ClassKey>,
) -> io::Result<ExitCode> {
    use crate::report::class;
    let r = class::read_with(paths, key);
    for (file, why) in &r.unreadable {
        warn!(
            "truce: {file}: not read: {}",
            why.lines().next().unwrap_or("")
        );
    }
    for (file, why) in &r.skipped {
        warn!("truce: {}: skipped: {why}", persist::names::escape(file));
    }
    if r.games.is_empty() {
        warn!("truce: no game could be read");
        return Ok(ExitCode::FAILURE);
    }
    let text = if csv {
        class::to_csv(&r)
    } else {
        class::markdown(&r)
    };
    super::emit(&text, output, "report")
}

/// `truce review SAVE`: the save is read and replayed before the terminal is touched.
pub(super) fn review(file: &Path, save_dir: Option<&Path>) -> io::Result<Next> {
    let path = find_save(file, save_dir);
    let loaded = match persist::load_game(&path) {
        Ok(loaded) => loaded,
        Err(e) => {
            warn!("{e}");
            return Ok(Next::Exit(ExitCode::FAILURE));
        }
    };
    if !(io::stdin().is_terminal() && io::stdout().is_terminal()) {
        warn!(
            "truce: {}: the save is good, but reviewing it needs a terminal (`truce transcript \
             FILE` writes it out as text)",
            path.display()
        );
        return Ok(Next::Exit(ExitCode::FAILURE));
    }
    Ok(Next::Play(Launch {
        mouse: true,
        scenarios: vec![loaded.game.scenario.clone()],
        picked: 0,
        seed: loaded.game.seed,
        save_dir: None,
        mode: Mode::Review(Box::new(loaded)),
        class_key: None,
    }))
}

/// `truce board FOLDER [--class-key KEYFILE]`: the folder and the key are checked before the
/// terminal is touched.
pub(super) fn board(folder: PathBuf, key_file: Option<&Path>) -> io::Result<Next> {
    let failed = Ok(Next::Exit(ExitCode::FAILURE));
    if !folder.is_dir() {
        warn!(
            "truce: {}: not a folder: give the class folder the games save into",
            persist::names::show_path(&folder)
        );
        return failed;
    }
    let class_key = match key_file.map(crate::seal::ClassKey::load).transpose() {
        Ok(key) => key.map(std::sync::Arc::new),
        Err(e) => {
            warn!("truce: {e}");
            return failed;
        }
    };
    if !(io::stdin().is_terminal() && io::stdout().is_terminal()) {
        warn!(
            "truce: the class board needs a terminal (`truce report FOLDER` writes the class \
             report as text)"
        );
        return failed;
    }
    Ok(Next::Board(super::BoardLaunch { folder, class_key }))
}
