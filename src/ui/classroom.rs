//! The classroom side of the terminal game: the player's name (asked once on the title screen,
//! then remembered), class mode (no loading, no restarting mid-game, every game autosaved
//! under the player's name) and the reload counter a report marks.

use crate::persist::names::escape;
use crate::persist::registry::{Registry, Verdict};
use crate::persist::{GameInfo, LoadedGame};
use crate::ui::app::{App, Overlay, Screen, Tone};
use crate::ui::effects::Effect;

/// How the classroom features are set for this run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Classroom {
    /// Class mode: no loading another save, no restarting mid-game.
    pub class: bool,
    /// The player's name, once known.
    pub player: Option<String>,
    /// Open the resumed save in review mode (read-only) instead of playing it.
    pub review: bool,
    /// The name typed so far in the name prompt.
    pub typed: String,
    /// The instructor's view (`--instructor`): China's hidden numbers, live.
    pub instructor: bool,
    /// Show the guided first week when a game starts (until it is read or skipped once).
    pub guide: bool,
    /// A served class's draw key for Beijing's hidden type (empty: none): new games are drawn
    /// with it and their saves record it.
    pub draw_key: Vec<u8>,
    /// The class key this game's saves are sealed with (a served class), if any.
    pub class_key: Option<std::sync::Arc<crate::seal::ClassKey>>,
}

impl Classroom {
    /// Whether the class fixes the scenario and seed (a served class, whose Beijing is drawn
    /// with the class's key): the title screen then offers no other.
    pub fn pinned(&self) -> bool {
        !self.draw_key.is_empty()
    }

    /// The setting for `truce play`: the name from `--player`, else the remembered one.
    pub fn for_play(class: bool, player: Option<String>) -> Classroom {
        let player = player
            .as_deref()
            .and_then(crate::config::clean_name)
            .or_else(crate::config::load_player);
        // A newcomer: no name known yet, and the guide never read on this account.
        let guide = player.is_none() && !crate::config::guide_done();
        Classroom {
            class,
            player,
            guide,
            ..Classroom::default()
        }
    }
}

impl App {
    /// The same app with these classroom settings. With no player name known, the title screen
    /// asks for one first.
    pub fn with_classroom(mut self, classroom: Classroom) -> App {
        self.classroom = classroom;
        // The instructor's view shows what students must not see: never in class mode.
        self.classroom.instructor &= !self.classroom.class;
        if self.classroom.player.is_none() && !self.classroom.review {
            self.ui.overlay = Some(Overlay::Player);
        }
        self.refresh_view();
        self
    }

    /// The info of a new game: in class mode its files are named after the player, so each
    /// student's autosave is theirs (`autosave-<player>-<scenario>-<seed>-<stamp>.ron`).
    pub(crate) fn new_info(&self, base: GameInfo) -> GameInfo {
        let player = self.classroom.player.clone();
        let id = match (&player, self.classroom.class) {
            (Some(p), true) => format!("{}-{}", crate::persist::format::slug(p), base.id),
            _ => base.id.clone(),
        };
        let name = match &player {
            Some(p) => format!("{p} · {}", base.name),
            None => base.name.clone(),
        };
        GameInfo {
            id,
            name,
            player,
            class: self.classroom.class,
            instructor: base.instructor || self.classroom.instructor,
            class_key: self.classroom.class_key.clone(),
            ..base
        }
    }

    /// A loaded save about to be resumed: resuming an unfinished game outside class mode is
    /// counted, so a class report can mark games replayed from a save.
    pub(crate) fn count_reload(&self, loaded: &mut LoadedGame) {
        if !self.classroom.class && loaded.game.state.outcome.is_none() {
            loaded.info.reloads += 1;
        }
        // The instructor's view on a resumed game marks it, as on a new one.
        if self.classroom.instructor {
            loaded.info.instructor = true;
        }
        if loaded.info.player.is_none() {
            loaded.info.player = self.classroom.player.clone();
        }
        // A save never carries the key: a resumed game is sealed as a new one would be.
        loaded.info.class_key = self.classroom.class_key.clone();
    }

    /// A key typed into the name prompt.
    pub(crate) fn type_name(&mut self, c: char) {
        if self.classroom.typed.chars().count() < crate::config::MAX_NAME && !c.is_control() {
            self.classroom.typed.push(c);
        }
    }

    /// Backspace in the name prompt.
    pub(crate) fn erase_name(&mut self) {
        self.classroom.typed.pop();
    }

    /// Enter in the name prompt: keep the name, for this game and the next ones. Enter on an
    /// empty prompt plays without a name, as Esc does (a newcomer pressing Enter was stuck);
    /// class mode still needs one.
    pub(crate) fn accept_name(&mut self) {
        let Some(name) = crate::config::clean_name(&self.classroom.typed) else {
            if self.classroom.class {
                self.say(Tone::Error, "Type your name, then press Enter.");
            } else {
                self.classroom.typed.clear();
                self.skip_name();
            }
            return;
        };
        self.say(Tone::Good, format!("Hello, {name}."));
        self.classroom.player = Some(name.clone());
        self.classroom.typed.clear();
        self.ui.overlay = None;
        self.ask(Effect::RememberPlayer(name));
    }

    /// Carries out `Effect::RememberPlayer`; a failure is said, the game goes on.
    pub(crate) fn remember_player(&mut self, name: &str) {
        if let Err(e) = crate::config::save_player(name) {
            self.say(
                Tone::Bad,
                format!("Hello, {name}. (Your name could not be remembered: {e}.)"),
            );
        }
    }

    /// Esc in the name prompt: play without a name (not in class mode, where it is needed).
    pub(crate) fn skip_name(&mut self) {
        if self.classroom.class {
            self.say(
                Tone::Error,
                "Class mode needs your name: type it, then press Enter.",
            );
        } else {
            self.ui.overlay = None;
        }
    }

    /// In class mode, starting a scenario and seed the player has an unfinished game of resumes
    /// that game instead: quitting and starting again is no way to undo moves. Only a game this
    /// user started is resumed (the registry in the config folder knows it): an autosave under
    /// the player's name that the registry does not know (planted, or from another account) is
    /// left alone, and one holding fewer moves than were played (an older copy put back) is
    /// refused, with no new game started either. Returns whether the start was handled (a game
    /// resumed, or refused with a message); `false`: start a new game.
    pub(crate) fn resume_class_game(&mut self) -> bool {
        let (true, Some(player), Some(store)) = (
            self.classroom.class,
            self.classroom.player.as_deref(),
            self.store.as_deref_mut(),
        ) else {
            return false;
        };
        let Some(scenario) = self.scenarios.get(self.ui.picked).cloned() else {
            return false;
        };
        let slug = crate::persist::format::slug;
        let prefix = format!(
            "autosave-{}-{}-{}-",
            slug(player),
            slug(&scenario.name),
            self.ui.seed
        );
        let Ok(entries) = store.list() else {
            return false;
        };
        let registry = crate::config::config_dir()
            .map(|d| Registry::read(&d))
            .unwrap_or_default();
        let mut best: Option<LoadedGame> = None;
        let mut refused: Option<String> = None;
        let mut ignored = 0usize;
        for entry in entries {
            let name = entry.file;
            if !name.starts_with(&prefix) || !name.ends_with(".ron") {
                continue;
            }
            // A file that does not load is no game to resume; a new one starts.
            let Ok(loaded) = store.load(&name) else {
                continue;
            };
            if !loaded.info.class || *loaded.game.scenario != *scenario {
                continue;
            }
            let record = crate::persist::record::game_record(&loaded.game);
            match registry.judge(&loaded.info.id, &record) {
                Verdict::Unknown => {
                    ignored += 1;
                    continue;
                }
                Verdict::RolledBack { played, held } => {
                    refused = Some(format!(
                        "Class mode: {} is older than your game: {played} moves were \
                         played, the file holds {held}. Ask your instructor.",
                        escape(&name)
                    ));
                    continue;
                }
                Verdict::Different => {
                    refused = Some(format!(
                        "Class mode: {} does not hold the moves you played. Ask your \
                         instructor.",
                        escape(&name)
                    ));
                    continue;
                }
                Verdict::Resumable => {}
            }
            let unfinished = loaded.game.state.outcome.is_none();
            if unfinished && best.as_ref().is_none_or(|b| loaded.saved_at > b.saved_at) {
                best = Some(loaded);
            }
        }
        if best.is_none()
            && let Some(text) = refused
        {
            // Neither the copy nor a fresh start: either would undo moves that were played.
            self.refuse(text);
            return true;
        }
        let Some(loaded) = best else {
            if ignored > 0 {
                // Short: the footer gives a note half its width.
                self.ui.status = Some(crate::ui::app::Message {
                    text: format!(
                        "Left alone: {ignored} autosave(s) in your name not started here"
                    ),
                    tone: Tone::Info,
                });
            }
            return false;
        };
        let week = loaded.game.state.week();
        if self.open_loaded(loaded, false) {
            self.say(
                Tone::Info,
                format!(
                    "Class mode: your unfinished game is back at week {week}, where you left it."
                ),
            );
        }
        true
    }

    /// Whether loading another save is allowed now (never in class mode, nor when the policy
    /// says no).
    pub fn may_load(&self) -> bool {
        self.policy.load && !self.classroom.class
    }

    /// Whether the name prompt is up.
    pub fn naming(&self) -> bool {
        self.ui.overlay == Some(Overlay::Player) && self.ui.screen == Screen::Title
    }
}
