//! What the screens draw that changes only with a move, a key or the terminal's size, worked
//! out then (`App::refresh_view`, after every key, effect and resize) rather than every frame:
//! the last answer's why wrapped to its panel and the dance so far (big layout), the
//! instructor's dry run of the package being built, and the debrief's text wrapped to the
//! width. A frame uses them only if they were made for the game, size and package on screen;
//! otherwise it works them out itself.

use ratatui::layout::Rect;

use crate::engine::Game;
use crate::ui::App;
use crate::ui::screens::end::Pages;
use crate::ui::screens::table_big;
use crate::ui::widgets::instructor;
use crate::ui::widgets::scroll::Wrapped;

/// The cached parts of the table, and what they were made for.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct View {
    made_for: Option<Key>,
    big: Option<table_big::Side>,
    instructor: Option<(Vec<usize>, (u16, Wrapped))>,
}

/// Which game (its generation: a game loaded over another with the same scenario, seed and
/// moves is still another game), how far into it, at which terminal size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key {
    generation: u64,
    moves: usize,
    day: u32,
    news: usize,
    size: (u16, u16),
}

impl Key {
    fn of(generation: u64, game: &Game, area: Rect) -> Key {
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
    pub fn big(&self, generation: u64, game: &Game, area: Rect) -> Option<&table_big::Side> {
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

impl App {
    /// Brings the view up to date with the game, the size and the package being built.
    pub fn refresh_view(&mut self) {
        if let (Some(game), Some(debrief)) = (&self.game, self.debrief.as_mut())
            && debrief
                .pages
                .as_ref()
                .is_none_or(|p| p.width() != self.ui.size.0)
        {
            let player = self.info.as_ref().and_then(|i| i.player.as_deref());
            let area = Rect::new(0, 0, self.ui.size.0, self.ui.size.1);
            let pages = Pages::of(debrief, game, player, area, self.theme);
            debrief.pages = Some(pages);
        }
        let Some(game) = &self.game else {
            self.view = View::default();
            return;
        };
        let area = Rect::new(0, 0, self.ui.size.0, self.ui.size.1);
        let key = Key::of(self.generation, game, area);
        if self.view.made_for != Some(key) {
            self.view = View {
                made_for: Some(key),
                big: table_big::fits(area).then(|| table_big::Side::of(game, area, self.theme)),
                instructor: None,
            };
        }
        let stale = self
            .view
            .instructor
            .as_ref()
            .is_none_or(|(p, _)| *p != self.ui.package);
        if self.classroom.instructor && stale {
            let text = instructor::wrapped(game, &self.ui.package, area, self.theme);
            self.view.instructor = Some((self.ui.package.clone(), text));
        }
    }
}
