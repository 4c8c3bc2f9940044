//! Keeping every game's record: a game opened from a save never overwrites an autosave of the
//! same game that holds more (it goes on under a new id, and says so), and a game is played in
//! one process at a time (the lock beside its autosave). Class mode also checks the per-user
//! registry of class games before resuming one (`classroom`), and keeps it up to date after
//! every autosave.

use crate::persist::lock::{Lock, LockError};
use crate::persist::names::{autosave_file_name, id_file_name};
use crate::persist::registry::{Entry, Registry, record_hash};
use crate::persist::{self, Held, LoadedGame, Store};
use crate::ui::app::{App, Confirm, Overlay, Screen, Tone};
use crate::ui::effects::Effect;

/// The record-keeping state of the app: the lock of the game in play, and a save that could
/// not be opened because its game is open elsewhere, while the player is asked what to do.
#[derive(Debug, Default)]
pub struct Guard {
    /// The lock of the game in play (none without a save folder, or if it could not be made).
    pub lock: Option<Lock>,
    /// The save that is open elsewhere, offered for review.
    pub elsewhere: Option<Elsewhere>,
    /// Why a class game could not be resumed (nor a new one started), while it is shown.
    pub refused: Option<String>,
}

/// A save whose game another process has open.
#[derive(Debug)]
pub struct Elsewhere {
    /// The save, loaded.
    pub loaded: Box<LoadedGame>,
    /// Where it is open, in words.
    pub holder: String,
    /// Whether it was opened from the list of saves (no: from `truce load`).
    pub from_list: bool,
}

/// What an autosave already in the store holds, when it is more than the game being opened:
/// "week 9, US walked away". `None` if there is none, or it holds this game or less of it.
pub fn further_autosave(store: &dyn Store, loaded: &LoadedGame) -> Option<String> {
    let file = autosave_file_name(&loaded.info.id);
    if store.holds(&file) == Held::Nothing {
        return None;
    }
    let Ok(there) = store.load(&file) else {
        return Some("a file that does not open as a save".into());
    };
    let (theirs, ours) = (there.game.actions(), loaded.game.actions());
    // The same game, or an earlier point of the one being opened: nothing is lost.
    if ours.starts_with(&theirs) {
        return None;
    }
    let state = &there.game.state;
    let status = state.outcome.map_or("in progress", |o| o.title());
    Some(format!("week {}, {status}", state.week()))
}

/// A new id for a game going on from a save under a slot of its own: the old id and the first
/// free number, `<id>-2`, `<id>-3`…
pub fn branch_id(store: &dyn Store, id: &str) -> String {
    let room = persist::names::MAX_ID_BYTES.saturating_sub(4);
    let base: String = id.chars().take(room).collect();
    let base = base.trim_end_matches('-');
    let free = |candidate: &str| {
        store.holds(&autosave_file_name(candidate)) == Held::Nothing
            && store.holds(&id_file_name(candidate)) == Held::Nothing
    };
    (2..1000)
        .map(|n| format!("{base}-{n}"))
        .find(|c| free(c))
        .unwrap_or_else(|| format!("{base}-{}", crate::ui::outside::start_stamp().len()))
}

impl App {
    /// Opens a loaded save to play on, keeping every record: under a new id if the autosave of
    /// its game holds more, and only if no other process has the game open (else the player is
    /// offered a read-only review, or in class mode told to close it there). Returns whether
    /// the game is now in play.
    pub(crate) fn open_loaded(&mut self, mut loaded: LoadedGame, from_list: bool) -> bool {
        let mut branched = None;
        if let Some(store) = self.store.as_deref()
            && let Some(held) = further_autosave(store, &loaded)
        {
            loaded.info.id = branch_id(store, &loaded.info.id);
            branched = Some((held, persist::names::autosave_file_name(&loaded.info.id)));
        }
        if let Err(holder) = self.take_lock(&loaded.info.id) {
            if self.classroom.class {
                self.refuse(format!(
                    "Class mode: this game is open in another terminal ({holder}). Close it \
                     there, then start again here."
                ));
            } else {
                self.guard.elsewhere = Some(Elsewhere {
                    loaded: Box::new(loaded),
                    holder,
                    from_list,
                });
                self.ui.overlay = Some(Overlay::Confirm(Confirm::Elsewhere));
            }
            return false;
        }
        self.resume(loaded);
        if let Some((held, file)) = branched {
            self.say(
                Tone::Info,
                format!(
                    "The autosave of this game is further on ({held}) and is kept: this is now a \
                     new game, autosaved as {file}."
                ),
            );
        }
        true
    }

    /// Takes the lock of game `id` in the save folder, letting go of the one held. `Err`: where
    /// the game is open. A lock that cannot be made (no folder, a read-only one) is no lock,
    /// and the autosave says what is wrong with the folder.
    pub(crate) fn take_lock(&mut self, id: &str) -> Result<(), String> {
        let Some(dir) = self.save_dir() else {
            self.guard.lock = None;
            return Ok(());
        };
        if self
            .guard
            .lock
            .as_ref()
            .is_some_and(|l| l.path() == persist::lock::lock_path(&dir, id) && l.held())
        {
            return Ok(());
        }
        self.guard.lock = None;
        match Lock::take(&dir, id, &self.clock.stamp()) {
            Ok(lock) => {
                self.guard.lock = Some(lock);
                Ok(())
            }
            Err(LockError::Held(h)) => Err(h.describe()),
            Err(LockError::Io(_)) => Ok(()),
        }
    }

    /// Lets go of the game's lock (on quitting, a signal or a hang-up).
    pub fn release_lock(&mut self) {
        self.guard.lock = None;
    }

    /// Whether the autosave may be written: not once another process has taken the game over.
    pub(crate) fn autosave_allowed(&self) -> bool {
        self.guard.lock.as_ref().is_none_or(Lock::held)
    }

    /// After a class game's autosave: the registry learns how far it went. A failure to write
    /// it is said; the game goes on.
    pub(crate) fn register_class_game(&mut self) {
        let (true, Some(game), Some(info)) = (self.classroom.class, &self.game, &self.info) else {
            return;
        };
        let Some(dir) = crate::config::config_dir() else {
            return;
        };
        let record = persist::record::game_record(game);
        let mut registry = Registry::read(&dir);
        registry.note(Entry {
            id: info.id.clone(),
            moves: record.len(),
            hash: record_hash(&record, record.len()),
        });
        if let Err(e) = registry.write(&dir) {
            self.ui.status = Some(crate::ui::app::Message {
                text: format!(
                    "Your class game could not be noted in your config folder: {}",
                    persist::read::io_words(&e)
                ),
                tone: Tone::Bad,
            });
        }
    }

    /// Shows why a class game was neither resumed nor started afresh, until a key closes it.
    pub(crate) fn refuse(&mut self, text: String) {
        self.say(Tone::Error, text.clone());
        self.guard.refused = Some(text);
        self.ui.overlay = Some(Overlay::Confirm(Confirm::Refused));
    }

    /// "Yes" to the question about a game open elsewhere: review it read-only.
    pub(crate) fn review_elsewhere(&mut self) {
        self.ui.overlay = None;
        if let Some(e) = self.guard.elsewhere.take() {
            let back = e.from_list.then_some(Screen::Load);
            self.review = Some(crate::ui::review::Review::new(&e.loaded, back));
            self.ui.screen = Screen::Review;
        }
    }

    /// "No": back to the list, or, from `truce load`, quit.
    pub(crate) fn leave_elsewhere(&mut self) {
        self.ui.overlay = None;
        match self.guard.elsewhere.take() {
            Some(e) if !e.from_list && self.game.is_none() => self.ask(Effect::Quit),
            _ => {}
        }
    }
}
