//! The class board: the instructor's live view of a class folder (`truce board FOLDER`, and
//! the screen of `truce serve`). One row per student's game, refreshed as autosaves land;
//! Enter reviews the selected game, `r` writes the class report into the folder.
//!
//! `model` reads the folder, `view` draws it (pure, snapshotted), `update` turns keys into
//! what the loop here carries out.

pub mod model;
pub mod view;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

pub use model::{BoardModel, LiveSessions, SortBy, Student};
pub use view::BoardUi;

use crate::persist;
use crate::seal::ClassKey;
use crate::ui::input::{KeyCode, KeyInput, Mods};
use crate::ui::terminal::Ended;
use crate::ui::theme::Theme;

/// How often the folder is looked at again.
pub const REFRESH: Duration = Duration::from_secs(1);

/// What the board is given besides its folder.
#[derive(Default)]
pub struct BoardOptions {
    /// Who is connected now (a server's sessions); without one, everybody is offline. A
    /// closure giving the names will do (`Some(Box::new(connected))`).
    pub live: Option<Box<dyn LiveSessions>>,
    /// The class key saves are checked against; without one, the key column is left out.
    pub class_key: Option<Arc<ClassKey>>,
    /// The palette.
    pub theme: Option<Theme>,
}

/// What a key asks of the loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BoardEffect {
    /// Leave the board.
    Quit,
    /// Review this save, then come back.
    Review(PathBuf),
    /// Write the class report into the folder.
    Report,
}

/// Handles one key: moves the selection, sorts, shows help, or says what the loop must do.
pub fn update(model: &mut BoardModel, ui: &mut BoardUi, key: KeyInput) -> Option<BoardEffect> {
    if ui.help {
        ui.help = false;
        return None;
    }
    let last = model.rows.len().saturating_sub(1);
    let ctrl = key.mods.contains(Mods::CONTROL);
    match key.code {
        KeyCode::Char('c') if ctrl => return Some(BoardEffect::Quit),
        KeyCode::Char('q') | KeyCode::Esc => return Some(BoardEffect::Quit),
        KeyCode::Up | KeyCode::Char('k') => ui.selected = ui.selected.saturating_sub(1),
        KeyCode::Down | KeyCode::Char('j') => ui.selected = (ui.selected + 1).min(last),
        KeyCode::Home | KeyCode::Char('g') => ui.selected = 0,
        KeyCode::End | KeyCode::Char('G') => ui.selected = last,
        KeyCode::PageUp => ui.selected = ui.selected.saturating_sub(10),
        KeyCode::PageDown => ui.selected = (ui.selected + 10).min(last),
        KeyCode::Char('?') => ui.help = true,
        KeyCode::Char('s') => {
            let selected = model.rows.get(ui.selected).map(|r| r.file.clone());
            model.sort_by(model.sort.next());
            follow(model, ui, selected.as_deref());
            ui.status = Some((format!("Sorted by {}.", model.sort.label()), false));
        }
        KeyCode::Char('r') => return Some(BoardEffect::Report),
        KeyCode::Enter => {
            let row = model.rows.get(ui.selected)?;
            if row.file.as_os_str().is_empty() {
                ui.status = Some((format!("{} has no save yet.", row.name), true));
            } else if let Some(problem) = &row.problem {
                ui.status = Some((format!("That file cannot be opened: {problem}"), true));
            } else {
                return Some(BoardEffect::Review(row.file.clone()));
            }
        }
        _ => {}
    }
    None
}

/// Keeps the selection on the same file after the rows moved (a refresh, a sort).
pub fn follow(model: &BoardModel, ui: &mut BoardUi, file: Option<&Path>) {
    if let Some(file) = file
        && let Some(i) = model.rows.iter().position(|r| r.file == file)
    {
        ui.selected = i;
    }
    ui.selected = ui.selected.min(model.rows.len().saturating_sub(1));
}

/// Writes the class report (Markdown and CSV, each atomically) into the board's folder;
/// returns the message to show.
pub fn write_report(folder: &Path, key: Option<&ClassKey>) -> (String, bool) {
    use crate::report::class;
    let report = class::read_with(&[folder.to_path_buf()], key);
    if report.games.is_empty() {
        return ("No game could be read: no report written.".into(), true);
    }
    let [md, csv] = crate::report::intake::REPORT_FILES;
    let written = persist::write_atomic(&folder.join(md), class::markdown(&report).as_bytes())
        .and_then(|()| persist::write_atomic(&folder.join(csv), class::to_csv(&report).as_bytes()));
    match written {
        Ok(()) => (
            format!(
                "Wrote {md} and {csv} in the folder ({} game(s)).",
                report.games.len()
            ),
            false,
        ),
        Err(e) => (
            format!(
                "Could not write the report: {}",
                persist::read::io_words(&e)
            ),
            true,
        ),
    }
}

/// Runs the board in the terminal until `q`. The terminal is restored on every way out, as
/// for the game (`ui::run`); an ending signal or a hang-up comes back as `Ended::Signal`.
pub fn run_board(folder: &Path, opts: BoardOptions) -> io::Result<Ended> {
    let theme = opts.theme.unwrap_or_else(Theme::from_env);
    let mut model = BoardModel::new(folder, opts.class_key.clone());
    let live = opts.live;
    model.refresh(connected(live.as_deref()));
    let mut board = Board {
        model,
        ui: BoardUi::default(),
        live,
        key: opts.class_key,
        theme,
    };
    crate::ui::terminal::board(&mut board)
}

fn connected(live: Option<&dyn LiveSessions>) -> Vec<String> {
    live.map(LiveSessions::connected).unwrap_or_default()
}

/// The running board: its model, its state and what it was given.
pub struct Board {
    pub(crate) model: BoardModel,
    pub(crate) ui: BoardUi,
    live: Option<Box<dyn LiveSessions>>,
    key: Option<Arc<ClassKey>>,
    pub(crate) theme: Theme,
}

impl Board {
    /// Looks at the folder again, keeping the selection on the same file.
    pub(crate) fn refresh(&mut self) {
        let selected = self
            .model
            .rows
            .get(self.ui.selected)
            .map(|r| r.file.clone());
        self.model.refresh(connected(self.live.as_deref()));
        follow(&self.model, &mut self.ui, selected.as_deref());
    }

    /// Writes the class report into the folder and keeps what happened for the status line.
    pub(crate) fn report(&mut self) {
        self.ui.status = Some(write_report(self.model.folder(), self.key.as_deref()));
    }

    /// The App that reviews the save at `path` (Esc or `q` comes back), or `None` with the
    /// reason on the status line.
    pub(crate) fn review_app(&mut self, path: &Path) -> Option<crate::ui::App> {
        let loaded = match persist::load_game(path) {
            Ok(loaded) => loaded,
            Err(e) => {
                self.ui.status = Some((format!("Cannot open it: {}", e.detail()), true));
                return None;
            }
        };
        let classroom = crate::ui::Classroom {
            review: true,
            ..crate::ui::Classroom::default()
        };
        Some(
            crate::ui::App::new(
                vec![loaded.game.scenario.clone()],
                0,
                loaded.game.seed,
                self.theme,
            )
            .with_classroom(classroom)
            .reviewing(&loaded),
        )
    }
}
