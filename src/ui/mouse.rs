//! The mouse: a click lands on what the last frame drew there (`Drawn::hits`) and becomes the
//! commands its keys give, run through the same `App::update` as a key press, and only while
//! the keymap has them enabled. So a click can do nothing a key cannot, and there is one code
//! path for both. The wheel scrolls whatever reads on screen: help, the why-text, the
//! briefing or debrief, a review's week, the list of saves, the dispatches.

use crate::ui::app::{App, Overlay, Target};
use crate::ui::effects::Effect;
use crate::ui::input::{MouseInput, MouseKind};
use crate::ui::keymap::{self, Cmd};

/// The wheel's commands, most specific first: the first pair enabled now scrolls.
const WHEEL: [(Cmd, Cmd); 5] = [
    (Cmd::ScrollUp, Cmd::ScrollDown),
    (Cmd::ReviewUp, Cmd::ReviewDown),
    (Cmd::MenuUp, Cmd::MenuDown),
    (Cmd::LoadUp, Cmd::LoadDown),
    (Cmd::LogNewer, Cmd::LogOlder),
];

/// `n` times the command that steps from `from` towards `to`.
fn steps(from: usize, to: usize, back: Cmd, forth: Cmd) -> Vec<Cmd> {
    if to < from {
        vec![back; from - to]
    } else {
        vec![forth; to - from]
    }
}

/// The commands a click on `target` gives, as the keys that do the same would.
pub fn commands(app: &App, target: Target) -> Vec<Cmd> {
    match target {
        Target::Cmd(cmd) => vec![cmd],
        Target::Row(i) => steps(app.ui.row, i, Cmd::RowUp, Cmd::RowDown),
        Target::Level(level) => {
            let now = app.ui.package.get(app.ui.row).copied().unwrap_or(level);
            steps(now, level, Cmd::LevelDown, Cmd::LevelUp)
        }
        Target::Menu(i) => {
            let mut cmds = steps(app.ui.menu, i, Cmd::MenuUp, Cmd::MenuDown);
            cmds.push(Cmd::MenuChoose);
            cmds
        }
        // A click selects a save; a click on the one selected opens it, as Enter.
        Target::Save(i) if i == app.ui.saves.selected => vec![Cmd::LoadOpen],
        Target::Save(i) => steps(app.ui.saves.selected, i, Cmd::LoadUp, Cmd::LoadDown),
        // A click picks a scenario; a click on the one picked reads its briefing, as Enter.
        Target::Pick(i) if i == app.ui.picked => vec![Cmd::Continue],
        Target::Pick(i) => steps(app.ui.picked, i, Cmd::PickUp, Cmd::PickDown),
        Target::Tab(panel) => {
            let mut at = app.ui.panel;
            let mut cmds = Vec::new();
            while at != panel && cmds.len() < 3 {
                at = at.next();
                cmds.push(Cmd::NextPanel);
            }
            cmds
        }
        Target::Window => Vec::new(),
    }
}

/// The commands the wheel gives now: three lines' worth of the first scroll enabled.
fn wheel(app: &App, up: bool) -> Vec<Cmd> {
    let Some(&(back, forth)) = WHEEL.iter().find(|(b, _)| keymap::enabled(app, *b)) else {
        return Vec::new();
    };
    let cmd = if up { back } else { forth };
    // The dispatches already move three lines a step; a menu or a list moves one row.
    let times = match cmd {
        Cmd::ScrollUp | Cmd::ScrollDown | Cmd::ReviewUp | Cmd::ReviewDown => 3,
        _ => 1,
    };
    vec![cmd; times]
}

impl App {
    /// Handles a mouse event without touching anything outside the UI: returns the effects
    /// it asks for. A press acts; a release does nothing.
    pub fn update_mouse(&mut self, mouse: MouseInput) -> Vec<Effect> {
        let cmds = match mouse.kind {
            MouseKind::Press => match self.ui.drawn.at(mouse.column, mouse.row) {
                Some(target) => commands(self, target),
                // Outside a window on top: as Esc would, close the help, why or menu.
                None if matches!(
                    self.ui.overlay,
                    Some(Overlay::Help | Overlay::Why | Overlay::Menu)
                ) =>
                {
                    vec![Cmd::Close]
                }
                None => Vec::new(),
            },
            MouseKind::Release => Vec::new(),
            MouseKind::WheelUp => wheel(self, true),
            MouseKind::WheelDown => wheel(self, false),
        };
        for cmd in cmds {
            // What the last frame showed may no longer hold: only what a key could do now.
            if keymap::enabled(self, cmd) {
                self.update(cmd);
            }
        }
        self.refresh_view();
        self.take_effects()
    }
}
