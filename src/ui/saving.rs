//! Saving and loading in the terminal game: the save prompt (`s`), the list of saves (`o`),
//! the autosave after every move, and resuming a loaded save. Saving never changes the game:
//! it takes no game time and a failed write leaves everything as it was.

use std::path::PathBuf;

use crate::ui::input::{KeyCode, KeyInput, Mods};

use crate::engine::Game;
use crate::persist::names::escape;
use crate::persist::read::io_words;
use crate::persist::{self, GameInfo, Held, LoadedGame, SaveError, SaveSummary, Store};
use crate::ui::app::{App, Confirm, Message, Overlay, Screen, Tone};
use crate::ui::effects::Effect;

/// The longest name the prompt takes, in characters.
const MAX_NAME: usize = 60;
/// The longest folder the prompt takes, in characters.
const MAX_FOLDER: usize = 400;

/// Which field of the save prompt takes the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The save's name.
    Name,
    /// The folder it goes in.
    Folder,
}

/// The save prompt: what has been typed, and what went wrong last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavePrompt {
    /// The name shown in the list of saves (and stored in the save).
    pub name: String,
    /// The folder, as typed (`~` stands for the home folder).
    pub folder: String,
    /// The field being typed in.
    pub field: Field,
    /// Whether the field still holds its suggestion, which the first character typed replaces.
    pub fresh: bool,
    /// Why the last attempt failed.
    pub error: Option<String>,
    /// The other game's save a save would replace, described, while the player is asked.
    pub replacing: Option<String>,
}

impl SavePrompt {
    fn text(&mut self) -> &mut String {
        match self.field {
            Field::Name => &mut self.name,
            Field::Folder => &mut self.folder,
        }
    }
}

/// One file in the list of saves.
#[derive(Debug, Clone, PartialEq)]
pub struct SaveRow {
    /// Its file name in the store (what loading it asks the store for).
    pub key: String,
    /// Its name, for display (escaped).
    pub file: String,
    /// What it holds, or in one line why it cannot be opened.
    pub save: Result<SaveSummary, String>,
}

/// The Load screen's list.
#[derive(Debug, Clone, PartialEq)]
pub struct SaveList {
    /// Where the saves listed are, for display.
    pub dir: Option<PathBuf>,
    /// The saves, newest first.
    pub rows: Vec<SaveRow>,
    /// The selected row.
    pub selected: usize,
    /// Why the folder could not be listed.
    pub problem: Option<String>,
    /// What happened when the player last tried to open a save.
    pub note: Option<Message>,
    /// The screen Esc goes back to.
    pub back: Screen,
}

impl Default for SaveList {
    fn default() -> SaveList {
        SaveList {
            dir: None,
            rows: Vec::new(),
            selected: 0,
            problem: None,
            note: None,
            back: Screen::Title,
        }
    }
}

impl SaveList {
    /// Lists the store (every save's header read, broken ones with their reason).
    pub fn read(store: Option<&mut Box<dyn Store>>, back: Screen) -> SaveList {
        let mut list = SaveList {
            back,
            ..SaveList::default()
        };
        let Some(store) = store else {
            list.problem = Some(
                "No save folder is known (no home folder was found): start truce with \
                 --save-dir DIR or set TRUCE_SAVE_DIR."
                    .into(),
            );
            return list;
        };
        list.dir = Some(
            store
                .folder()
                .map_or_else(|| PathBuf::from(store.shown()), PathBuf::from),
        );
        match store.list() {
            Ok(entries) => {
                list.rows = entries
                    .into_iter()
                    .map(|e| SaveRow {
                        file: escape(&e.file),
                        // What a file says about itself is shown escaped: it may be hostile.
                        save: e.save.map(shown).map_err(|err| one_line(&err)),
                        key: e.file,
                    })
                    .collect();
            }
            Err(e) => list.problem = Some(format!("Cannot read the folder: {}", reason(&e))),
        }
        list
    }
}

pub use crate::persist::names::{expand, file_name, show_dir, slug};

/// A summary with every text from the file escaped for the terminal.
fn shown(mut s: SaveSummary) -> SaveSummary {
    s.name = escape(&s.name);
    s.scenario = escape(&s.scenario);
    s.saved_at = escape(&s.saved_at);
    s.game_id = escape(&s.game_id);
    s
}

/// The name the prompt suggests: "Week 3 – Autumn 2025 – seed 7".
pub fn default_name(game: &Game) -> String {
    let title = &game.scenario.title;
    let short = title.split(':').next().map_or(title.as_str(), str::trim);
    format!(
        "Week {} – {} – seed {}",
        game.state.week(),
        short,
        game.seed
    )
}

/// Why a save failed, without the file name (the screen already shows it), in words a player
/// can act on for the usual causes. Built from the error's fields, never from its text.
pub fn reason(e: &SaveError) -> String {
    use std::io::ErrorKind;
    match e {
        SaveError::Write { source, .. } => match source.kind() {
            ErrorKind::PermissionDenied => "permission denied (you may not write there)".into(),
            _ => io_words(source),
        },
        SaveError::Read { source, .. } => match source.io_kind() {
            Some(ErrorKind::PermissionDenied) => "permission denied (you may not read it)".into(),
            _ => source.to_string(),
        },
        SaveError::Folder { source, .. } => match source.kind() {
            ErrorKind::PermissionDenied => "permission denied (you may not read it)".into(),
            ErrorKind::NotADirectory => "it is a file, not a folder".into(),
            _ => io_words(source),
        },
        other => escape(other.detail().lines().next().unwrap_or_default()),
    }
}

/// A broken save's error on one line: "line 3, column 14: message", from the error's place.
pub fn one_line(e: &SaveError) -> String {
    let place = e.place();
    match (place.line, place.col) {
        (Some(line), Some(col)) => format!("line {line}, column {col}: {}", reason(e)),
        _ => reason(e),
    }
}

/// A save stamp `2025-10-30T12:05:09Z` as `2025-10-30 12:05`.
pub fn stamp(saved_at: &str) -> String {
    if saved_at.len() >= 16 && saved_at.is_char_boundary(16) {
        saved_at[..16].replacen('T', " ", 1)
    } else if saved_at.is_empty() {
        "unknown".into()
    } else {
        saved_at.to_string()
    }
}

impl App {
    /// `s`: opens the save prompt with a suggested name, in the save folder.
    pub(crate) fn open_prompt(&mut self) {
        let Some(game) = &self.game else { return };
        let folder = self.store.as_ref().map(|s| s.shown()).unwrap_or_default();
        self.ui.prompt = Some(SavePrompt {
            name: default_name(game),
            folder,
            field: Field::Name,
            fresh: true,
            error: None,
            replacing: None,
        });
        self.ui.overlay = Some(Overlay::Save);
    }

    /// A key the keymap did not take, while the prompt is open: a character is typed.
    pub(crate) fn type_key(&mut self, key: &KeyInput) {
        let KeyCode::Char(c) = key.code else { return };
        if key.mods.intersects(Mods::CONTROL | Mods::ALT) || c.is_control() {
            return;
        }
        self.type_text(c.encode_utf8(&mut [0; 4]));
    }

    /// Text typed or pasted into the prompt's field: control characters dropped, the field
    /// capped; a field still holding its suggestion is replaced.
    pub(crate) fn type_text(&mut self, typed: &str) {
        let Some(p) = self.ui.prompt.as_mut() else {
            return;
        };
        if !typed.chars().any(|c| !c.is_control()) {
            return;
        }
        let max = match p.field {
            Field::Name => MAX_NAME,
            Field::Folder => MAX_FOLDER,
        };
        let fresh = std::mem::take(&mut p.fresh);
        let text = p.text();
        if fresh {
            text.clear();
        }
        let room = max.saturating_sub(text.chars().count());
        text.extend(typed.chars().filter(|c| !c.is_control()).take(room));
    }

    /// Backspace in the prompt.
    pub(crate) fn erase(&mut self) {
        if let Some(p) = self.ui.prompt.as_mut() {
            p.fresh = false;
            p.text().pop();
        }
    }

    /// Tab in the prompt: the other field, selected.
    pub(crate) fn switch_field(&mut self) {
        if let Some(p) = self.ui.prompt.as_mut() {
            p.field = match p.field {
                Field::Name => Field::Folder,
                Field::Folder => Field::Name,
            };
            // As in any form, a field comes in selected: typing replaces it, Backspace edits.
            p.fresh = true;
        }
    }

    /// Esc in the prompt: back to the game, nothing written.
    pub(crate) fn cancel_prompt(&mut self) {
        self.ui.prompt = None;
        self.ui.overlay = None;
    }

    /// Enter in the prompt (or "yes, replace it"): writes the save, or says why it cannot.
    pub(crate) fn accept_prompt(&mut self, replace: bool) {
        let Some(p) = self.ui.prompt.as_mut() else {
            return;
        };
        p.fresh = false;
        let name = p.name.trim().to_string();
        if name.is_empty() {
            p.field = Field::Name;
            p.error = Some("Type a name for the save.".into());
            return;
        }
        if p.folder.trim().is_empty() {
            p.field = Field::Folder;
            p.error = Some("Type the folder to save in.".into());
            return;
        }
        self.ask(Effect::Save { replace });
    }

    /// Carries out `Effect::Save`: writes the prompt's game, or says in the prompt why not
    /// (asking first before replacing another game's save). A folder typed in the prompt
    /// (where the policy lets the player choose one) becomes the store.
    pub(crate) fn write_save(&mut self, replace: bool) {
        let Some(p) = self.ui.prompt.as_mut() else {
            return;
        };
        let name = p.name.trim().to_string();
        let file = file_name(&name);
        let typed = p.folder.trim().to_string();
        let current = self.store.as_ref().map(|s| s.shown());
        let moved = self.policy.choose_folder && current.as_deref() != Some(typed.as_str());
        let mut fresh: Option<Box<dyn Store>> = None;
        if moved {
            fresh = Some(Box::new(persist::SaveStore::typed(&typed)));
        }
        let Some(store) = fresh.as_deref_mut().or(self.store.as_deref_mut()) else {
            p.error = Some("No save folder: type one (Tab).".into());
            return;
        };
        if store.holds(&file) == Held::Folder {
            p.error = Some(format!("{file} is a folder: choose another name."));
            return;
        }
        let (Some(game), Some(info)) = (&self.game, &self.info) else {
            return;
        };
        if !replace && let Some(other) = other_save_at(store, &file, info) {
            p.replacing = Some(other);
            self.ui.overlay = Some(Overlay::Confirm(Confirm::Overwrite));
            return;
        }
        match store.save_named(&name, game, info, &self.clock.now()) {
            Err(e) => {
                p.replacing = None;
                p.error = Some(format!(
                    "Could not save in {}: {}. Try another folder (Tab) or name, or Esc to go \
                     back to the game.",
                    store.shown(),
                    reason(&e)
                ));
            }
            Ok(written) => {
                let shown = store.shown();
                self.info = Some(GameInfo {
                    name: name.clone(),
                    ..info.clone()
                });
                self.unsaved = false;
                self.ui.prompt = None;
                self.ui.overlay = None;
                self.ui.status = Some(Message {
                    text: format!("Saved: {written}"),
                    tone: Tone::Good,
                });
                if let Some(store) = fresh {
                    let text =
                        format!("Saved \"{name}\" in {shown}; saves and autosaves now go there.");
                    self.store = Some(store);
                    self.say(Tone::Good, text);
                }
            }
        }
    }

    /// After every accepted move: the game's autosave slot. A failure is a note in the
    /// footer, never an interruption.
    pub(crate) fn autosave(&mut self) {
        let (Some(game), Some(info)) = (&self.game, &self.info) else {
            return;
        };
        if self.store.is_none() {
            return;
        }
        if !self.autosave_allowed() {
            // Two processes on one game would overwrite each other's moves.
            self.autosaved = false;
            self.ui.status = Some(Message {
                text: "Not autosaved: this game was opened in another terminal since (s saves \
                       it under a new name)"
                    .into(),
                tone: Tone::Bad,
            });
            return;
        }
        let now = self.clock.now();
        let Some(store) = self.store.as_deref_mut() else {
            return;
        };
        match store.autosave(game, info, &now) {
            Ok(_) => {
                self.autosaved = true;
                if self.ui.status.as_ref().is_some_and(|m| m.tone == Tone::Bad) {
                    self.ui.status = None;
                }
                self.register_class_game();
                if self.guard.lock.is_none()
                    && let Some(id) = self.info.as_ref().map(|i| i.id.clone())
                {
                    // The folder exists now: the game is locked from its first autosave on.
                    let _ = self.take_lock(&id);
                }
            }
            Err(e) => {
                self.autosaved = false;
                self.ui.status = Some(Message {
                    text: format!("Not autosaved: {}", reason(&e)),
                    tone: Tone::Bad,
                });
            }
        }
    }

    /// `o`: the list of saves in the save folder (read by `Effect::ListSaves`).
    pub(crate) fn open_list(&mut self) {
        let back = self.ui.screen;
        self.ui.saves = SaveList {
            back,
            ..SaveList::default()
        };
        self.ui.screen = Screen::Load;
        self.ask(Effect::ListSaves { back });
    }

    /// Esc on the list.
    pub(crate) fn close_list(&mut self) {
        self.ui.screen = self.ui.saves.back;
    }

    /// ↑↓ on the list.
    pub(crate) fn move_list(&mut self, by: isize) {
        let list = &mut self.ui.saves;
        let last = list.rows.len().saturating_sub(1);
        list.selected = list.selected.saturating_add_signed(by).min(last);
        list.note = None;
    }

    /// Whether leaving the game now would lose moves.
    pub fn unsaved_in_progress(&self) -> bool {
        self.unsaved
            && self
                .game
                .as_ref()
                .is_some_and(|g| g.state.outcome.is_none())
    }

    /// Enter on the list (or "yes, leave this game"): opens the selected save.
    pub(crate) fn open_selected(&mut self, confirmed: bool) {
        let list = &mut self.ui.saves;
        let Some(row) = list.rows.get(list.selected) else {
            return;
        };
        if row.save.is_err() {
            list.note = Some(Message {
                text: format!(
                    "{} cannot be opened (why above): pick another save.",
                    row.file
                ),
                tone: Tone::Error,
            });
            return;
        }
        let file = row.key.clone();
        if !confirmed && self.unsaved_in_progress() {
            self.ui.overlay = Some(Overlay::Confirm(Confirm::Abandon));
            return;
        }
        self.ask(Effect::Load { file });
    }

    /// Carries out `Effect::Load`: replays the save and resumes it, or says on the list why
    /// it cannot be opened.
    pub(crate) fn load_save(&mut self, file: &str) {
        let Some(store) = self.store.as_ref() else {
            return;
        };
        match store.load(file) {
            Ok(loaded) => {
                self.open_loaded(loaded, true);
            }
            Err(e) => {
                self.ui.saves.note = Some(Message {
                    text: one_line(&e),
                    tone: Tone::Error,
                });
            }
        }
    }

    /// Puts a loaded game on screen exactly where it was left: its state and dispatches are
    /// the save's; the package being built is its last proposal.
    pub(crate) fn resume(&mut self, loaded: LoadedGame) {
        let mut loaded = loaded;
        self.count_reload(&mut loaded);
        let LoadedGame {
            game, info, notice, ..
        } = loaded;
        let st = &game.state;
        let mut package = st
            .proposal
            .as_ref()
            .map_or_else(|| game.scenario.status_quo().0, |p| p.0.clone());
        for (i, issue) in game.scenario.issues.iter().enumerate() {
            if !st.agenda.get(i).copied().unwrap_or(false)
                && let Some(level) = package.get_mut(i)
            {
                *level = issue.status_quo;
            }
        }
        let week = st.week();
        let over = st.outcome.is_some();
        self.ui.package = package;
        self.ui.row = 0;
        self.ui.scroll = 0;
        self.ui.log_scroll = 0;
        self.ui.overlay = None;
        self.ui.status = None;
        self.ui.screen = if over {
            Screen::End
        } else {
            Screen::Negotiation
        };
        self.ui.seed = game.seed;
        // A save replayed under newer rules says so: the game may differ from the one saved.
        let text = match &notice {
            None => format!(
                "Loaded \"{}\" at week {week}: play on where it was left.",
                escape(&info.name)
            ),
            // The gist first: the message line drops later sentences when it runs short.
            Some(n) => format!("{}. Loaded \"{}\" at week {week}.", n.short(), info.name),
        };
        self.say(Tone::Info, text);
        self.debrief = over.then(|| crate::ui::view::Debrief::of(&game, self.theme));
        self.game = Some(game);
        self.generation += 1;
        self.info = Some(info);
        self.unsaved = false;
        self.autosaved = false;
    }

    /// What quitting now would lose, for the quit question.
    pub fn quit_note(&self) -> String {
        if self.game.is_none() {
            "No game in progress.".into()
        } else if !self.unsaved {
            "Nothing is lost: no moves since the game was started, saved or loaded.".into()
        } else if self.autosaved {
            "Not saved since your last moves, but the autosave has them (o lists it).".into()
        } else {
            "The game is not saved.".into()
        }
    }
}

/// A description of the save under `file` if it belongs to another game (or is not a save),
/// which a save there would replace; `None` if there is none or it is this game's own.
fn other_save_at(store: &dyn Store, file: &str, info: &GameInfo) -> Option<String> {
    if store.holds(file) == Held::Nothing {
        return None;
    }
    match store.load(file) {
        Ok(l) if l.info.id == info.id => None,
        Ok(l) => Some(format!(
            "\"{}\", another game ({}, week {}, saved {})",
            escape(&l.info.name),
            l.game.scenario.name,
            l.game.state.week(),
            stamp(&l.saved_at)
        )),
        Err(_) => Some("a file that does not open as a save".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_located_error_reads_as_line_and_column() {
        let e = SaveError::Truncated {
            file: "dir/x.ron".into(),
            line: 3,
            col: 14,
        };
        assert_eq!(
            one_line(&e),
            "line 3, column 14: the save ends early: the file is truncated or incomplete"
        );
    }

    #[test]
    fn stamps_are_short_and_never_empty() {
        assert_eq!(stamp("2025-10-30T12:05:09Z"), "2025-10-30 12:05");
        assert_eq!(stamp(""), "unknown");
    }
}
