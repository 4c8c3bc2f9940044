//! Review mode: a saved game opened read-only and stepped through week by week, for the
//! projector. The board of each week is kept from one forward replay; nothing here can change
//! the game or write a file.

use crate::persist::LoadedGame;
use crate::report::facts::{self, Board, GameFacts, Move};
use crate::ui::app::{App, Message, Screen, Tone};
use crate::ui::effects::Effect;
use crate::ui::widgets::dance::Dance;

/// One step of the review: a week and the moves made in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The week (1-based).
    pub week: u32,
    /// The moves of that week, as indices into `Review::facts.moves`.
    pub moves: std::ops::Range<usize>,
}

/// A game under review.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    /// The game's facts: every move with China's answer and its explanation.
    pub facts: GameFacts,
    /// The board after each step (indexed like `at`), from one forward replay.
    pub boards: Vec<Board>,
    /// The weeks, in order; step 0 is the opening, before any move.
    pub steps: Vec<Step>,
    /// The step shown: 0 is the opening, i + 1 is `steps[i]`.
    pub at: usize,
    /// Scroll of the explanation panel.
    pub scroll: u16,
    /// The screen Esc goes back to (`None`: Esc ends the program, as for `truce review`).
    pub back: Option<Screen>,
    /// The negotiation dance up to each step (indexed like `at`), valued as that week's state.
    pub dances: Vec<Dance>,
}

impl Review {
    /// A review of a loaded save, at the opening.
    pub fn new(loaded: &LoadedGame, back: Option<Screen>) -> Review {
        let facts = facts::of_loaded(loaded);
        let mut steps: Vec<Step> = Vec::new();
        for (i, m) in facts.moves.iter().enumerate() {
            match steps.last_mut() {
                Some(last) if last.week == m.week => last.moves.end = i + 1,
                _ => steps.push(Step {
                    week: m.week,
                    moves: i..i + 1,
                }),
            }
        }
        let game = &loaded.game;
        let s = &game.scenario;
        // The board and the dance are kept for each step only (a week, not a move), from one
        // forward replay: a save of thousands of agenda toggles in one week is one step.
        let ends: Vec<usize> = std::iter::once(0)
            .chain(steps.iter().map(|st| st.moves.end))
            .collect();
        let dance = |k: usize, state: &crate::engine::State| {
            let turns = game.history.get(..k).unwrap_or(&game.history);
            let dance = Dance::of(s, turns, state);
            // An unfinished game's review keeps Beijing's walk-away hidden, as play does.
            if game.state.outcome.is_none() {
                dance.during_play()
            } else {
                dance
            }
        };
        let (mut boards, mut dances) = (Vec::new(), Vec::new());
        let end = facts::walk(game, |k, state| {
            if ends.get(boards.len()) == Some(&k) {
                boards.push(facts::board(s, state));
                dances.push(dance(k, state));
            }
        });
        // A replay that stopped short (it never does for a loaded game) shows its last board.
        for &k in ends.get(boards.len()..).unwrap_or(&[]) {
            boards.push(facts::board(s, &end));
            dances.push(dance(k, &end));
        }
        Review {
            facts,
            boards,
            steps,
            at: 0,
            scroll: 0,
            back,
            dances,
        }
    }

    /// The dance up to the step shown.
    pub fn dance(&self) -> Option<&Dance> {
        self.dances.get(self.at).or(self.dances.last())
    }

    /// The last step.
    pub fn last(&self) -> usize {
        self.steps.len()
    }

    /// Moves to step `at` (clamped), scrolling the explanation back to its top.
    pub fn go(&mut self, at: usize) {
        self.at = at.min(self.last());
        self.scroll = 0;
    }

    /// The week shown.
    pub fn week(&self) -> u32 {
        match self.at.checked_sub(1).and_then(|i| self.steps.get(i)) {
            Some(step) => step.week,
            None => 1,
        }
    }

    /// The moves of the step shown (none at the opening).
    pub fn moves(&self) -> &[Move] {
        match self.at.checked_sub(1).and_then(|i| self.steps.get(i)) {
            Some(step) => self.facts.moves.get(step.moves.clone()).unwrap_or(&[]),
            None => &[],
        }
    }

    /// The board after the step shown: after its last move.
    pub fn board(&self) -> Option<&Board> {
        self.boards.get(self.at).or(self.boards.last())
    }
}

impl App {
    /// The same app, reviewing a loaded save (as `truce review` does): Esc leaves the program.
    pub fn reviewing(mut self, loaded: &LoadedGame) -> App {
        self.review = Some(Review::new(loaded, None));
        self.ui.screen = Screen::Review;
        self
    }

    /// `r` on the list of saves: reviews the selected save; Esc comes back to the list. The
    /// game in play, if any, is left as it was.
    pub(crate) fn review_selected(&mut self) {
        let list = &mut self.ui.saves;
        let Some(row) = list.rows.get(list.selected) else {
            return;
        };
        if row.save.is_err() {
            list.note = Some(Message {
                text: format!("{} cannot be opened (why above).", row.file),
                tone: Tone::Error,
            });
            return;
        }
        let file = row.key.clone();
        self.ask(Effect::Review { file });
    }

    /// Carries out `Effect::Review`: replays the save and shows it, or says on the list why it
    /// cannot be opened.
    pub(crate) fn review_save(&mut self, file: &str) {
        let Some(store) = self.store.as_ref() else {
            return;
        };
        let loaded = store.load(file);
        let list = &mut self.ui.saves;
        match loaded {
            Ok(loaded) => {
                self.review = Some(Review::new(&loaded, Some(Screen::Load)));
                self.ui.screen = Screen::Review;
            }
            Err(e) => {
                let text = e.to_string();
                list.note = Some(Message {
                    text: text
                        .lines()
                        .next()
                        .unwrap_or("cannot be opened")
                        .to_string(),
                    tone: Tone::Error,
                });
            }
        }
    }

    /// Steps the review: `to` is the new step, given the current one and the last.
    pub(crate) fn review_step(&mut self, to: fn(usize, usize) -> usize) {
        if let Some(r) = self.review.as_mut() {
            let at = to(r.at, r.last());
            r.go(at);
        }
    }

    /// Scrolls the review's explanation.
    pub(crate) fn review_scroll(&mut self, by: i32) {
        let max = self.ui.drawn.scroll_max;
        if let Some(r) = self.review.as_mut() {
            let next = (i32::from(r.scroll) + by).clamp(0, i32::from(max));
            r.scroll = u16::try_from(next).unwrap_or(0);
        }
    }

    /// Esc in review: back where it was opened from, or out of the program.
    pub(crate) fn review_back(&mut self) {
        match self.review.take().and_then(|r| r.back) {
            Some(screen) => self.ui.screen = screen,
            None => self.ask(Effect::Quit),
        }
    }
}
