//! A newcomer's first minutes: the seed typed on the title screen, and the guided first week,
//! a few pages over the table in the first game (which keys build a package, what China's
//! ++/-- means, why opening an issue moves the date, what binds). Skipped or read to the end,
//! it is remembered in the player's config folder and never shown again.

use crate::ui::app::{App, Overlay, Screen, Tone};
use crate::ui::effects::Effect;

/// The newcomer's state: the seed being typed and the guide's page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Newcomer {
    /// Digits have been typed on the title screen: the next one is appended to the seed
    /// rather than starting a new one.
    pub seed_typing: bool,
    /// The guide's page on screen.
    pub page: usize,
}

/// One page of the guided first week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// Its heading.
    pub title: &'static str,
    /// What it says.
    pub text: &'static str,
}

/// The guided first week, in order.
pub const PAGES: [Page; 4] = [
    Page {
        title: "Build a package",
        text: "The agenda above is your package: one level per issue. ↑↓ choose an issue, ←→ choose its level (‹ › marks the one you are changing). \"US value\" on the agenda's top line is what your whole package is worth to the US against no deal (0); below 0, no deal is better.",
    },
    Page {
        title: "China's view: ++ and --",
        text: "Beside each level, China's view says how Beijing values it against its best level on that issue: ++ likes, + fine, - costly, -- hates (-- refuses past a known red line). It is a hint, not Beijing's answer: Beijing weighs the whole package, insists on balance and has red lines. Trade what you want for levels it likes.",
    },
    Page {
        title: "Opening an issue costs days",
        text: "Issues marked off are off the table. Space opens one, but the teams need days to prepare it (the pane says how many), so the date moves on before you have proposed anything, and the deadline does not. Open only what you mean to trade.",
    },
    Page {
        title: "Propose, and what binds",
        text: "Enter proposes your package; Beijing answers within the week, often with a counter (c copies it into yours). a opens the actions: hold, threaten, accept, sign, walk away; each that binds or cannot be undone asks first. w says why Beijing answered so; ? explains every key.",
    },
];

/// The longest seed typed, in digits: every 18-digit number fits a `u64`.
const MAX_SEED_DIGITS: u32 = 18;

impl App {
    /// Opens the guided first week over a new game, if this player has not seen it.
    pub(crate) fn open_guide(&mut self) {
        if self.classroom.guide && self.ui.screen == Screen::Negotiation {
            self.newcomer.page = 0;
            self.ui.overlay = Some(Overlay::Guide);
        }
    }

    /// The guide's next (`by` = 1) or previous (`by` = -1) page; past the last, it closes.
    pub(crate) fn guide_step(&mut self, by: isize) {
        let next = self.newcomer.page.saturating_add_signed(by);
        if by > 0 && next >= PAGES.len() {
            self.close_guide();
        } else {
            self.newcomer.page = next;
        }
    }

    /// Closes the guide, read or skipped, for good.
    pub(crate) fn close_guide(&mut self) {
        self.ui.overlay = None;
        self.classroom.guide = false;
        self.ask(Effect::GuideDone);
        self.say(
            Tone::Info,
            "Build a package with ↑↓ and ←→, then press Enter to propose it. ? explains every key.",
        );
    }

    /// Carries out `Effect::GuideDone`; a failure is said, the game goes on.
    pub(crate) fn remember_guide(&mut self) {
        if let Err(e) = crate::config::save_guide_done() {
            self.say(
                Tone::Bad,
                format!("The guide could not be marked as read ({e}): it will show again."),
            );
        }
    }

    /// A digit typed on the title screen: the first starts a new seed, the next ones extend it.
    pub(crate) fn type_seed(&mut self, c: char) {
        let Some(d) = c.to_digit(10) else { return };
        if self.classroom.pinned() {
            return;
        }
        let seed = if self.newcomer.seed_typing {
            self.ui.seed
        } else {
            0
        };
        if seed
            .checked_ilog10()
            .is_some_and(|n| n + 1 >= MAX_SEED_DIGITS)
        {
            return;
        }
        self.ui.seed = seed * 10 + u64::from(d);
        self.newcomer.seed_typing = true;
    }

    /// Backspace on the title screen: the seed's last digit goes.
    pub(crate) fn erase_seed(&mut self) {
        self.ui.seed /= 10;
        self.newcomer.seed_typing = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every page fits the 80×24 window the guide draws in: at most seven lines of 74 cells.
    #[test]
    fn pages_are_short() {
        for p in PAGES {
            let lines = crate::ui::widgets::paint::wrap(p.text, 74).len();
            assert!(lines <= 7, "{}: {lines} lines", p.title);
        }
    }
}
