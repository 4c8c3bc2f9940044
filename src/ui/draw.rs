//! Drawing the whole frame: the screen, then any overlay. It lives apart from the App's state
//! and its update so that the App never names a screen: the screens read the App, and only
//! this file knows them all.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::ui::app::{App, Drawn, MIN_SIZE, Overlay, Screen, Target};
use crate::ui::screens::table_big;
use crate::ui::view::{Key, Pages, Side, View};
use crate::ui::widgets::instructor;
use crate::ui::{screens, widgets};

impl App {
    /// Draws the current screen and any overlay; returns what the frame measured (scroll
    /// limits and where things were drawn, for the mouse).
    pub fn draw(&self, frame: &mut Frame) -> Drawn {
        let area = frame.area();
        let mut out = Drawn {
            generation: self.generation,
            ..Drawn::default()
        };
        if self.ui.drawn.generation == self.generation {
            out.log_lines = self.ui.drawn.log_lines;
        }
        if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
            widgets::too_small::draw(frame, area, self.theme);
            return out;
        }
        match self.ui.screen {
            Screen::Title => screens::title::draw(frame, area, self, &mut out),
            Screen::Briefing => screens::briefing::draw(frame, area, self, &mut out),
            Screen::Negotiation => self.draw_table(frame, area, &mut out),
            Screen::End => screens::end::draw(frame, area, self, &mut out),
            Screen::Load => screens::load::draw(frame, area, self, &mut out),
            Screen::Review => screens::review::draw(frame, area, self, &mut out),
        }
        if self.ui.overlay.is_some() {
            // Under a window only the footer's keys (yes, no, close…) can still be clicked.
            out.hits.retain(|h| matches!(h.target, Target::Cmd(_)));
        }
        match self.ui.overlay {
            Some(Overlay::Help) => screens::help::draw(frame, area, self, &mut out),
            Some(Overlay::Why) => screens::why::draw(frame, area, self, &mut out),
            Some(Overlay::Menu) => screens::menu::draw(frame, area, self, &mut out),
            Some(Overlay::Confirm(c)) => screens::confirm::draw(frame, area, self, c, &mut out),
            Some(Overlay::Save) => screens::save::draw(frame, area, self),
            Some(Overlay::Player) => screens::player::draw(frame, area, self),
            Some(Overlay::Guide) => {
                let view = screens::guide::GuideView {
                    page: self.newcomer.page,
                    theme: self.theme,
                };
                screens::guide::draw(frame, area, view);
            }
            None => {}
        }
        out
    }

    /// The negotiating table: the big layout from 160×48, else the full or compact one; then
    /// the instructor's panel in the bottom-right corner: in the big layout, that of the
    /// left-hand column (over the dispatches), so the dance on the right stays in view.
    fn draw_table(&self, frame: &mut Frame, area: Rect, out: &mut Drawn) {
        let Some(game) = &self.game else { return };
        let corner = if table_big::fits(area) {
            table_big::draw(frame, area, self, game, out);
            Rect {
                width: table_big::left_width(area, game),
                ..area
            }
        } else {
            screens::negotiation::draw(frame, area, self, game, out);
            area
        };
        if self.classroom.instructor && self.ui.instructor {
            let cached =
                self.view
                    .instructor(self.generation, game, frame.area(), &self.ui.package);
            instructor::draw(frame, corner, game, &self.ui.package, cached, self.theme);
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
                big: table_big::fits(area).then(|| Side::of(game, area, self.theme)),
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
