//! The app: the game, the UI state, and `update`, which turns a key into a UI change or an
//! engine `Action`. Screens only read `App`; the game changes only through `Game::apply`.

use std::path::PathBuf;
use std::sync::Arc;

use crate::engine::{Action, Game};
use crate::persist::{GameInfo, LoadedGame};
use crate::scenario::Scenario;
use crate::ui::effects::Effect;
use crate::ui::keymap::Cmd;
use crate::ui::menu::{self, MenuItem};
use crate::ui::outside::{Clock, Policy, SaveStore, Store, SystemClock};
use crate::ui::theme::Theme;
use crate::ui::view::Debrief;

mod feedback;
mod handle;
mod parts;
use feedback::Acted;
pub use parts::{Drawn, Hit, Message, Panel, Target, Tone};
use parts::{scroll_by, toggle};

/// Smallest terminal the game draws in.
pub const MIN_SIZE: (u16, u16) = (80, 24);

/// Terminals at least this large get the full layout; smaller ones the compact layout.
pub const FULL_SIZE: (u16, u16) = (110, 34);

/// The screen underneath any overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Title and scenario picker.
    Title,
    /// The scenario's briefing.
    Briefing,
    /// The negotiating table.
    Negotiation,
    /// The debrief.
    End,
    /// The list of saved games.
    Load,
    /// A saved game, read-only, week by week.
    Review,
}

/// A window drawn over the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// Keys, goal and glossary.
    Help,
    /// Why China answered as it did.
    Why,
    /// The action menu.
    Menu,
    /// A yes/no question.
    Confirm(Confirm),
    /// The save prompt: a name and a folder.
    Save,
    /// The player's name, asked once on the title screen.
    Player,
    /// The guided first week, over a newcomer's first game.
    Guide,
}

/// What a yes/no question is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    /// Quit the game.
    Quit,
    /// Take an irreversible action.
    Act(MenuItem),
    /// Replace a save file that belongs to another game (the prompt holds which).
    Overwrite,
    /// Open a save, leaving a game with unsaved moves.
    Abandon,
    /// A save whose game another process has open: review it read-only instead?
    Elsewhere,
    /// A class game neither resumed nor restarted, and why (a notice: any answer closes it).
    Refused,
}

/// Everything the UI knows that the game does not.
#[derive(Debug, Clone, PartialEq)]
pub struct UiState {
    /// The screen.
    pub screen: Screen,
    /// The window on top, if any.
    pub overlay: Option<Overlay>,
    /// The scenario chosen in the picker.
    pub picked: usize,
    /// The seed the game starts from.
    pub seed: u64,
    /// The package being built, one level per issue.
    pub package: Vec<usize>,
    /// The selected agenda row.
    pub row: usize,
    /// The compact layout's side panel.
    pub panel: Panel,
    /// Scroll of the briefing or debrief.
    pub scroll: u16,
    /// Scroll of the help or why overlay.
    pub overlay_scroll: u16,
    /// Scroll of the dispatches (0 = newest).
    pub log_scroll: u16,
    /// Selected action in the menu.
    pub menu: usize,
    /// The last message.
    pub message: Option<Message>,
    /// A note at the start of the footer: a save done, or an autosave that failed.
    pub status: Option<Message>,
    /// The save prompt's fields, while it is open.
    pub prompt: Option<crate::ui::saving::SavePrompt>,
    /// The list of saves, while the Load screen is up.
    pub saves: crate::ui::saving::SaveList,
    /// What the last frame measured: scroll limits and the dispatches' line count. The loop
    /// stores it after drawing (`App::drawn`); drawing itself changes nothing.
    pub drawn: Drawn,
    /// Terminal size.
    pub size: (u16, u16),
    /// Set when the player has quit.
    pub quit: bool,
    /// The debrief and review show the negotiation dance instead of their text.
    pub dance: bool,
    /// The instructor's panel is shown (only ever with `--instructor`).
    pub instructor: bool,
    /// The game takes the mouse (clicks and the wheel); off, the terminal selects text.
    pub mouse: bool,
}

/// The whole app: scenarios to choose from, the game once started, and the UI state.
pub struct App {
    /// Scenarios in the picker.
    pub scenarios: Vec<Arc<Scenario>>,
    /// The game, once started.
    pub game: Option<Game>,
    /// UI state.
    pub ui: UiState,
    /// Styles.
    pub theme: Theme,
    /// Names the game's save and autosave files; kept from a loaded save.
    pub info: Option<GameInfo>,
    /// Where saves and autosaves go (`None`: none known, so no autosave).
    pub store: Option<Box<dyn Store>>,
    /// The time, for save stamps.
    pub clock: Box<dyn Clock>,
    /// What the player may do beyond the game: choose a folder, load, suspend.
    pub policy: Policy,
    /// Moves made since the game was last saved by hand, loaded or started.
    pub unsaved: bool,
    /// Whether the last autosave was written.
    pub autosaved: bool,
    /// The player's name and class mode.
    pub classroom: crate::ui::classroom::Classroom,
    /// The game under review, while the review screen is up.
    pub review: Option<crate::ui::review::Review>,
    /// Effects asked for by the keys handled since the event loop last took them.
    pub(crate) pending: Vec<crate::ui::effects::Effect>,
    /// The debrief, scored once when the game ended or a finished save was loaded.
    pub debrief: Option<Debrief>,
    /// What the table draws that changes only with a key, a move or the size (`refresh_view`).
    pub view: crate::ui::view::View,
    /// The lock of the game in play, and a save open elsewhere while the player is asked.
    pub guard: crate::ui::guard::Guard,
    /// Which game this is: bumped whenever a game is started or loaded, so nothing worked out
    /// for one game is ever shown for another (two games can share scenario, seed and moves).
    pub generation: u64,
    /// The seed being typed on the title screen and the guided first week's page.
    pub newcomer: crate::ui::guide::Newcomer,
}

impl App {
    /// An app at the title screen; `picked` indexes `scenarios`.
    pub fn new(scenarios: Vec<Arc<Scenario>>, picked: usize, seed: u64, theme: Theme) -> App {
        let picked = picked.min(scenarios.len().saturating_sub(1));
        App {
            scenarios,
            game: None,
            ui: UiState {
                screen: Screen::Title,
                overlay: None,
                picked,
                seed,
                package: Vec::new(),
                row: 0,
                panel: Panel::Beijing,
                scroll: 0,
                overlay_scroll: 0,
                log_scroll: 0,
                menu: 0,
                message: None,
                status: None,
                prompt: None,
                saves: crate::ui::saving::SaveList::default(),
                drawn: Drawn::default(),
                size: MIN_SIZE,
                quit: false,
                dance: false,
                instructor: true,
                mouse: true,
            },
            theme,
            info: None,
            store: None,
            clock: Box::new(SystemClock),
            policy: Policy::LOCAL,
            unsaved: false,
            autosaved: false,
            classroom: crate::ui::classroom::Classroom::default(),
            review: None,
            pending: Vec::new(),
            debrief: None,
            view: crate::ui::view::View::default(),
            guard: crate::ui::guard::Guard::default(),
            generation: 0,
            newcomer: crate::ui::guide::Newcomer::default(),
        }
    }

    /// The same app, saving into `dir` (and autosaving after every move).
    pub fn with_save_dir(mut self, dir: Option<PathBuf>) -> App {
        self.store = dir.map(|d| Box::new(SaveStore::new(d)) as Box<dyn Store>);
        self
    }

    /// The same app, saving into `store`.
    pub fn with_store(mut self, store: impl Store + 'static) -> App {
        self.store = Some(Box::new(store));
        self
    }

    /// The same app, under this policy and clock.
    pub fn with_outside(mut self, policy: Policy, clock: impl Clock + 'static) -> App {
        self.policy = policy;
        self.clock = Box::new(clock);
        self
    }

    /// The save folder on disk, if the store is one (locks and the class registry live there).
    pub fn save_dir(&self) -> Option<PathBuf> {
        self.store
            .as_ref()
            .and_then(|s| s.folder())
            .map(std::path::Path::to_path_buf)
    }

    /// The same app, resuming a loaded save where it was left.
    pub fn resuming(mut self, loaded: LoadedGame) -> App {
        self.ui.seed = loaded.game.seed;
        self.open_loaded(loaded, false);
        self.refresh_view();
        self
    }

    /// The scenario being played, or else the one chosen in the picker.
    pub fn scenario(&self) -> Option<&Scenario> {
        match &self.game {
            Some(g) => Some(&g.scenario),
            None => self.scenarios.get(self.ui.picked).map(|s| &**s),
        }
    }

    /// Whether the compact layout is in use.
    pub fn compact(&self) -> bool {
        self.ui.size.0 < FULL_SIZE.0 || self.ui.size.1 < FULL_SIZE.1
    }

    /// Records the terminal size.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.ui.size = (width, height);
        self.refresh_view();
    }

    /// Keeps what the last frame measured (the event loop calls this after each draw).
    pub fn drawn(&mut self, drawn: Drawn) {
        self.ui.drawn = drawn;
    }

    pub(crate) fn say(&mut self, tone: Tone, text: impl Into<String>) {
        self.ui.message = Some(Message {
            text: text.into(),
            tone,
        });
    }

    /// Applies one command.
    pub fn update(&mut self, cmd: Cmd) {
        let ui = &mut self.ui;
        let page = ui.size.1.saturating_sub(8).max(1);
        match cmd {
            Cmd::ForceQuit => self.ask(Effect::Quit),
            Cmd::Quit => ui.overlay = Some(Overlay::Confirm(Confirm::Quit)),
            Cmd::Help => toggle(ui, Overlay::Help),
            Cmd::Why => toggle(ui, Overlay::Why),
            Cmd::Dance => ui.dance = !ui.dance,
            Cmd::Instructor => ui.instructor = !ui.instructor,
            Cmd::Mouse => {
                ui.mouse = !ui.mouse;
                let text = if ui.mouse {
                    "The game has the mouse: click rows, levels, tabs and keys; m lets go of it."
                } else {
                    "The mouse selects and copies text now; m gives it back to the game."
                };
                self.say(Tone::Info, text);
            }
            Cmd::Close => ui.overlay = None,
            Cmd::No => self.declined(),
            Cmd::PickUp => ui.picked = ui.picked.saturating_sub(1),
            Cmd::PickDown => {
                ui.picked = (ui.picked + 1).min(self.scenarios.len().saturating_sub(1))
            }
            Cmd::Continue => {
                ui.screen = Screen::Briefing;
                ui.scroll = 0;
            }
            Cmd::Back => ui.screen = Screen::Title,
            Cmd::Begin => self.ask(Effect::Start),
            Cmd::ScrollUp => scroll_by(ui, -1),
            Cmd::ScrollDown => scroll_by(ui, 1),
            Cmd::PageUp => scroll_by(ui, -i32::from(page)),
            Cmd::PageDown => scroll_by(ui, i32::from(page)),
            Cmd::RowUp => ui.row = ui.row.saturating_sub(1),
            Cmd::RowDown => ui.row = (ui.row + 1).min(ui.package.len().saturating_sub(1)),
            Cmd::LevelDown => self.shift_level(-1),
            Cmd::LevelUp => self.shift_level(1),
            Cmd::Toggle => self.toggle_agenda(),
            Cmd::Propose => {
                let package = crate::engine::Package(self.ui.package.clone());
                self.apply(Action::Propose(package));
            }
            Cmd::Hold => self.hold(),
            Cmd::TakeCounter => {
                if let Some(c) = self.game.as_ref().and_then(|g| g.state.counter.clone()) {
                    self.ui.package = c.0;
                    self.say(Tone::Info, "China's counter-offer is now your package: Enter proposes it, or change it first.");
                }
            }
            Cmd::Reset => {
                if let Some(g) = &self.game {
                    self.ui.package = g.scenario.status_quo().0;
                    self.say(Tone::Info, "Your package is back at the status quo.");
                }
            }
            Cmd::Menu => {
                ui.overlay = Some(Overlay::Menu);
                ui.menu = self.game.as_ref().map_or(0, menu::first);
            }
            Cmd::MenuUp => ui.menu = self.game.as_ref().map_or(0, |g| menu::step(g, ui.menu, -1)),
            Cmd::MenuDown => ui.menu = self.game.as_ref().map_or(0, |g| menu::step(g, ui.menu, 1)),
            Cmd::MenuChoose => self.choose(),
            Cmd::NextPanel => ui.panel = ui.panel.next(),
            Cmd::LogOlder => ui.log_scroll = (ui.log_scroll + 3).min(ui.drawn.log_max),
            Cmd::LogNewer => ui.log_scroll = ui.log_scroll.saturating_sub(3),
            Cmd::Yes => self.confirmed(),
            Cmd::Save => self.open_prompt(),
            Cmd::Load => self.open_list(),
            Cmd::PromptAccept => self.accept_prompt(false),
            Cmd::PromptCancel => self.cancel_prompt(),
            Cmd::PromptErase => self.erase(),
            Cmd::PromptSwitch => self.switch_field(),
            Cmd::LoadUp => self.move_list(-1),
            Cmd::LoadDown => self.move_list(1),
            Cmd::LoadOpen => self.open_selected(false),
            Cmd::LoadBack => self.close_list(),
            Cmd::LoadReview => self.review_selected(),
            Cmd::ReviewPrev => self.review_step(|at, _| at.saturating_sub(1)),
            Cmd::ReviewNext => self.review_step(|at, last| (at + 1).min(last)),
            Cmd::ReviewFirst => self.review_step(|_, _| 0),
            Cmd::ReviewLast => self.review_step(|_, last| last),
            Cmd::ReviewUp => self.review_scroll(-1),
            Cmd::ReviewDown => self.review_scroll(1),
            Cmd::ReviewBack => self.review_back(),
            Cmd::NameAccept => self.accept_name(),
            Cmd::NameErase => self.erase_name(),
            Cmd::NameSkip => self.skip_name(),
            Cmd::SeedErase => self.erase_seed(),
            Cmd::GuideNext => self.guide_step(1),
            Cmd::GuideBack => self.guide_step(-1),
            Cmd::GuideSkip => self.close_guide(),
        }
    }

    /// A new game of the picked scenario and seed.
    pub(crate) fn start_new(&mut self) {
        let Some(scenario) = self.scenarios.get(self.ui.picked).cloned() else {
            return;
        };
        self.ui.package = scenario.status_quo().0;
        let base = GameInfo::new(&scenario, self.ui.seed, &self.clock.stamp());
        let info = self.new_info(base);
        // A new id: nobody else can hold its lock.
        let _ = self.take_lock(&info.id);
        self.info = Some(info);
        self.game = Some(Game::new_keyed(
            scenario,
            self.ui.seed,
            &self.classroom.draw_key,
        ));
        self.generation += 1;
        self.debrief = None;
        self.unsaved = false;
        self.autosaved = false;
        self.ui.screen = Screen::Negotiation;
        self.ui.row = 0;
        self.ui.log_scroll = 0;
        self.say(
            Tone::Info,
            "Build a package with ↑↓ and ←→, then press Enter to propose it. ? explains every key.",
        );
        self.open_guide();
    }

    fn shift_level(&mut self, by: isize) {
        let Some(g) = &self.game else { return };
        let row = self.ui.row;
        let Some(issue) = g.scenario.issues.get(row) else {
            return;
        };
        if !g.state.agenda[row] {
            let text = format!(
                "{}: off the table. Press Space to put it on first.",
                issue.name
            );
            self.say(Tone::Error, text);
            return;
        }
        let Some(level) = self.ui.package.get_mut(row) else {
            return;
        };
        let next = level.saturating_add_signed(by).min(issue.levels.len() - 1);
        *level = next;
    }

    fn toggle_agenda(&mut self) {
        let Some(g) = &self.game else { return };
        let row = self.ui.row;
        let Some(&on) = g.state.agenda.get(row) else {
            return;
        };
        self.apply(Action::Agenda {
            issue: row,
            on: !on,
        });
    }

    /// `x`: a week of working-level talks; in the summit's week, with a package agreed, that
    /// lets the summit pass unsigned, so it asks first.
    fn hold(&mut self) {
        if self.game.as_ref().is_some_and(forfeits_summit) {
            self.ui.overlay = Some(Overlay::Confirm(Confirm::Act(MenuItem::Hold)));
        } else {
            self.apply(Action::Hold);
        }
    }

    fn choose(&mut self) {
        let Some(g) = &self.game else { return };
        let Some(item) = menu::items(g).get(self.ui.menu).copied() else {
            return;
        };
        if let Err(why) = menu::available(item, g) {
            self.ui.overlay = None;
            self.say(Tone::Error, why);
            return;
        }
        if item.confirm() || (item == MenuItem::Hold && forfeits_summit(g)) {
            self.ui.overlay = Some(Overlay::Confirm(Confirm::Act(item)));
        } else {
            self.ui.overlay = None;
            self.apply(item.action());
        }
    }

    fn confirmed(&mut self) {
        match self.ui.overlay {
            Some(Overlay::Confirm(Confirm::Quit)) => self.ask(Effect::Quit),
            Some(Overlay::Confirm(Confirm::Act(item))) => {
                self.ui.overlay = None;
                self.apply(item.action());
            }
            Some(Overlay::Confirm(Confirm::Overwrite)) => {
                self.ui.overlay = Some(Overlay::Save);
                self.accept_prompt(true);
            }
            Some(Overlay::Confirm(Confirm::Abandon)) => {
                self.ui.overlay = None;
                self.open_selected(true);
            }
            Some(Overlay::Confirm(Confirm::Elsewhere)) => self.review_elsewhere(),
            _ => {}
        }
    }

    fn declined(&mut self) {
        if self.ui.overlay == Some(Overlay::Confirm(Confirm::Elsewhere)) {
            self.leave_elsewhere();
            return;
        }
        self.ui.overlay = match self.ui.overlay {
            // "Don't replace it": back to the prompt to change the name or folder.
            Some(Overlay::Confirm(Confirm::Overwrite)) => Some(Overlay::Save),
            _ => None,
        };
    }

    /// Hands an action to the engine and reports what happened; a refusal is a message.
    pub fn apply(&mut self, action: Action) {
        let Some(game) = self.game.as_mut() else {
            return;
        };
        let agenda = matches!(action, Action::Agenda { .. });
        let took_counter = matches!(action, Action::AcceptCounter);
        // Toggling an issue straight back takes the first toggle back: no move is recorded.
        let mut took_back = false;
        let toggled = match action {
            Action::Agenda { issue, on } => Some((issue, on)),
            _ => None,
        };
        let result = game.act(action).map(|turn| match turn {
            Some(turn) => (turn.answer.clone(), turn.events.len(), turn.outcome),
            None => {
                took_back = true;
                (None, 0, None)
            }
        });
        match result {
            Err(e) => {
                let text = format!("Not possible: {e}.");
                self.say(Tone::Error, text);
            }
            Ok((answer, events, outcome)) => {
                self.unsaved = true;
                self.ask(Effect::Autosave);
                self.ui.log_scroll = 0;
                let Some(game) = self.game.as_ref() else {
                    return;
                };
                // Keep the package legal: issues off the table sit at the status quo.
                for (i, issue) in game.scenario.issues.iter().enumerate() {
                    if !game.state.agenda[i] {
                        self.ui.package[i] = issue.status_quo;
                    }
                }
                let (tone, text) = feedback::told(
                    game,
                    &Acted {
                        answer: answer.as_ref(),
                        events,
                        took_back: toggled.filter(|_| took_back),
                        took_counter,
                        agenda,
                    },
                );
                let debrief = outcome.map(|_| Debrief::of(game, self.theme));
                self.say(tone, text);
                if debrief.is_some() {
                    self.debrief = debrief;
                    self.ui.screen = Screen::End;
                    self.ui.overlay = None;
                    self.ui.scroll = 0;
                }
            }
        }
    }
}

/// Whether holding now would let the summit pass with a package agreed but not signed.
pub fn forfeits_summit(g: &Game) -> bool {
    g.state.outcome.is_none() && g.state.agreed.is_some() && g.state.summit_this_turn(&g.scenario)
}
