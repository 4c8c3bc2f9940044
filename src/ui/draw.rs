//! Drawing the whole frame: the screen, then any overlay. It lives apart from the App's state
//! and its update so that the App never names a screen: the screens read the App, and only
//! this file knows them all.

use ratatui::Frame;

use crate::ui::app::{App, Drawn, MIN_SIZE, Overlay, Screen, Target};
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
            Screen::Negotiation => screens::negotiation::draw(frame, area, self, &mut out),
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
            Some(Overlay::Confirm(c)) => screens::confirm::draw(frame, area, self, c),
            Some(Overlay::Save) => screens::save::draw(frame, area, self),
            Some(Overlay::Player) => screens::player::draw(frame, area, self),
            Some(Overlay::Guide) => screens::guide::draw(frame, area, self.guide_view()),
            None => {}
        }
        out
    }
}
