//! What the screens draw that changes only with a move, a key or the terminal's size, worked
//! out then (`App::refresh_view`, after every key, effect and resize) rather than every frame:
//! the last answer's why wrapped to its panel and the dance so far (big layout), the
//! instructor's dry run of the package being built, and the debrief's text wrapped to the
//! width. A frame uses them only if they were made for the game, size and package on screen;
//! otherwise it works them out itself. This file holds the data only: the screens make it
//! (`Debrief::of`, `Pages::of`, `Side::of`), and `App::refresh_view` lives with the drawing, so
//! the App never names a screen.

use ratatui::layout::Rect;

use ratatui::text::Text;

use crate::engine::{Game, Scorecard};
use crate::ui::widgets::dance::Dance;
use crate::ui::widgets::scroll::Wrapped;

/// The cached parts of the table, and what they were made for.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct View {
    pub(crate) made_for: Option<Key>,
    pub(crate) big: Option<Side>,
    pub(crate) instructor: Option<(Vec<usize>, (u16, Wrapped))>,
}

/// Which game (its generation: a game loaded over another with the same scenario, seed and
/// moves is still another game), how far into it, at which terminal size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Key {
    generation: u64,
    moves: usize,
    day: u32,
    news: usize,
    size: (u16, u16),
}

impl Key {
    pub(crate) fn of(generation: u64, game: &Game, area: Rect) -> Key {
        Key {
            generation,
            moves: game.history.len(),
            day: game.state.day,
            news: game.state.log.len(),
            size: (area.width, area.height),
        }
    }
}

impl View {
    /// The big layout's right-hand side (why and dance), if made for this game (of this
    /// generation) and area.
    pub fn big(&self, generation: u64, game: &Game, area: Rect) -> Option<&Side> {
        self.big
            .as_ref()
            .filter(|_| self.made_for == Some(Key::of(generation, game, area)))
    }

    /// The instructor's panel text and its unwrapped line count, if made for this game, area
    /// and package.
    pub fn instructor(
        &self,
        generation: u64,
        game: &Game,
        area: Rect,
        package: &[usize],
    ) -> Option<&(u16, Wrapped)> {
        match &self.instructor {
            Some((p, w))
                if p == package && self.made_for == Some(Key::of(generation, game, area)) =>
            {
                Some(w)
            }
            _ => None,
        }
    }
}

/// The debrief of a finished game, computed once when it ends (or when a finished save is
/// loaded): the scorecard, the text drawn from it, and the dance. Frames draw from it and
/// never score the game again.
#[derive(Debug, Clone, PartialEq)]
pub struct Debrief {
    /// The scores and lessons.
    pub card: Scorecard,
    /// The outcome, the scores and the lessons in words (`result_text`).
    pub text: Text<'static>,
    /// The negotiation dance of the whole game.
    pub dance: Dance,
    /// The text wrapped for the terminal's width, made when the size changes
    /// (`App::refresh_view`).
    pub pages: Option<Pages>,
}

/// The debrief's text wrapped once for one terminal width: the main column and, from 120
/// columns, the deal beside history.
#[derive(Debug, Clone, PartialEq)]
pub struct Pages {
    /// The screen width they were made for.
    pub(crate) width: u16,
    /// The main column.
    pub(crate) main: Wrapped,
    /// The deal beside history, on a wide screen.
    pub(crate) side: Option<Wrapped>,
}

/// The right-hand side's parts that change only with a move or the terminal's size, worked
/// out once then (`App::refresh_view`) rather than every frame.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    /// The last answer's why, wrapped to its panel.
    pub why: Wrapped,
    /// The dance so far, without the meters (the home front on the left shows them).
    pub dance: Dance,
}
