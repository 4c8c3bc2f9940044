//! The keymap's rows and the conditions that enable them.

use crate::ui::app::{App, Overlay, Screen};
use ratatui::crossterm::event::KeyCode;

use super::{Binding, Cmd, Group, Key};

fn confirming(a: &App) -> bool {
    matches!(a.ui.overlay, Some(Overlay::Confirm(_)))
}

/// Keys are text: the save prompt or the name prompt.
fn typing(a: &App) -> bool {
    matches!(a.ui.overlay, Some(Overlay::Save | Overlay::Player))
}

fn guiding(a: &App) -> bool {
    a.ui.overlay == Some(Overlay::Guide)
}

fn save_prompt(a: &App) -> bool {
    a.ui.overlay == Some(Overlay::Save)
}

fn naming(a: &App) -> bool {
    a.ui.overlay == Some(Overlay::Player)
}

fn reviewing(a: &App) -> bool {
    on(a, Screen::Review)
}

/// Saving works on a game at the table or at its debrief, with nothing on top.
fn can_save(a: &App) -> bool {
    a.game.is_some()
        && a.ui.overlay.is_none()
        && matches!(a.ui.screen, Screen::Negotiation | Screen::End)
}

/// The list of saves opens from the title, the briefing, the table and the debrief.
fn can_load(a: &App) -> bool {
    a.ui.overlay.is_none() && !matches!(a.ui.screen, Screen::Load | Screen::Review) && a.may_load()
}

fn on(a: &App, screen: Screen) -> bool {
    a.ui.screen == screen && a.ui.overlay.is_none()
}

fn table(a: &App) -> bool {
    on(a, Screen::Negotiation)
}

fn reading(a: &App) -> bool {
    match a.ui.overlay {
        Some(Overlay::Help | Overlay::Why) => true,
        Some(_) => false,
        None => matches!(a.ui.screen, Screen::Briefing | Screen::End),
    }
}

fn has_answer(a: &App) -> bool {
    a.game
        .as_ref()
        .is_some_and(|g| g.state.last_answer.is_some())
}

const fn b(
    cmd: Cmd,
    keys: &'static [Key],
    short: &'static str,
    description: &'static str,
    group: Group,
    footer: bool,
    when: fn(&App) -> bool,
) -> Binding {
    Binding {
        cmd,
        keys,
        short,
        description,
        group,
        footer,
        when,
    }
}

/// The keymap. Earlier rows win when two enabled rows share a key.
pub static BINDINGS: &[Binding] = &[
    b(
        Cmd::ForceQuit,
        &[Key::ctrl('c')],
        "quit now",
        "Quit at once, without asking.",
        Group::General,
        false,
        |_| true,
    ),
    b(
        Cmd::Yes,
        &[Key::ch('y'), Key::code(KeyCode::Enter)],
        "yes",
        "Yes, go ahead.",
        Group::Confirm,
        true,
        confirming,
    ),
    b(
        Cmd::No,
        &[Key::ch('n'), Key::code(KeyCode::Esc)],
        "no",
        "No, go back.",
        Group::Confirm,
        true,
        confirming,
    ),
    b(
        Cmd::GuideNext,
        &[
            Key::code(KeyCode::Enter),
            Key::code(KeyCode::Right),
            Key::ch('l'),
        ],
        "next",
        "In the guided first week: the next page.",
        Group::Table,
        true,
        guiding,
    ),
    b(
        Cmd::GuideBack,
        &[Key::code(KeyCode::Left), Key::ch('h')],
        "back",
        "In the guided first week: the page before.",
        Group::Table,
        true,
        guiding,
    ),
    b(
        Cmd::GuideSkip,
        &[Key::code(KeyCode::Esc)],
        "skip",
        "In the guided first week: skip it (it is not shown again).",
        Group::Table,
        true,
        guiding,
    ),
    b(
        Cmd::MenuUp,
        &[Key::code(KeyCode::Up), Key::ch('k')],
        "move",
        "Previous action.",
        Group::Menu,
        false,
        |a| a.ui.overlay == Some(Overlay::Menu),
    ),
    b(
        Cmd::MenuDown,
        &[Key::code(KeyCode::Down), Key::ch('j')],
        "move",
        "Next action.",
        Group::Menu,
        true,
        |a| a.ui.overlay == Some(Overlay::Menu),
    ),
    b(
        Cmd::MenuChoose,
        &[Key::code(KeyCode::Enter)],
        "choose",
        "Take the selected action (walking away, extension and signing ask first).",
        Group::Menu,
        true,
        |a| a.ui.overlay == Some(Overlay::Menu),
    ),
    b(
        Cmd::Close,
        &[Key::code(KeyCode::Esc)],
        "close",
        "Close the menu or screen on top.",
        Group::General,
        true,
        |a| {
            matches!(
                a.ui.overlay,
                Some(Overlay::Menu | Overlay::Help | Overlay::Why)
            )
        },
    ),
    b(
        Cmd::PickUp,
        &[Key::code(KeyCode::Up), Key::ch('k')],
        "choose",
        "Previous scenario.",
        Group::Title,
        false,
        |a| on(a, Screen::Title),
    ),
    b(
        Cmd::PickDown,
        &[Key::code(KeyCode::Down), Key::ch('j')],
        "choose",
        "Next scenario.",
        Group::Title,
        true,
        |a| on(a, Screen::Title),
    ),
    b(
        Cmd::SeedErase,
        &[Key::code(KeyCode::Backspace)],
        "seed",
        "Type digits for another seed; Backspace erases one. The same scenario and seed give the same game.",
        Group::Title,
        false,
        |a| on(a, Screen::Title),
    ),
    b(
        Cmd::Continue,
        &[Key::code(KeyCode::Enter)],
        "briefing",
        "Read the briefing for the chosen scenario.",
        Group::Title,
        true,
        |a| on(a, Screen::Title),
    ),
    b(
        Cmd::Begin,
        &[Key::code(KeyCode::Enter)],
        "start",
        "Sit down at the table: the game starts.",
        Group::Title,
        true,
        |a| on(a, Screen::Briefing),
    ),
    b(
        Cmd::Back,
        &[Key::code(KeyCode::Esc)],
        "back",
        "Back to the scenario picker.",
        Group::Title,
        true,
        |a| on(a, Screen::Briefing),
    ),
    b(
        Cmd::RowUp,
        &[Key::code(KeyCode::Up), Key::ch('k')],
        "issue",
        "Previous issue.",
        Group::Table,
        false,
        table,
    ),
    b(
        Cmd::RowDown,
        &[Key::code(KeyCode::Down), Key::ch('j')],
        "issue",
        "Next issue.",
        Group::Table,
        true,
        table,
    ),
    b(
        Cmd::LevelDown,
        &[Key::code(KeyCode::Left), Key::ch('h')],
        "level",
        "Previous level of the selected issue in your package.",
        Group::Table,
        false,
        table,
    ),
    b(
        Cmd::LevelUp,
        &[Key::code(KeyCode::Right), Key::ch('l')],
        "level",
        "Next level of the selected issue in your package.",
        Group::Table,
        true,
        table,
    ),
    b(
        Cmd::Propose,
        &[Key::code(KeyCode::Enter)],
        "propose",
        "Propose your package to Beijing (takes a week).",
        Group::Table,
        true,
        table,
    ),
    b(
        Cmd::Toggle,
        &[Key::ch(' ')],
        "on/off",
        "Put the selected issue on or off the table. Opening a new issue costs days of preparation (see the detail pane).",
        Group::Table,
        true,
        table,
    ),
    b(
        Cmd::Menu,
        &[Key::ch('a')],
        "actions",
        "Action menu: accept China's counter, hold, threaten, play a card, goodwill, the summit's last ask, extension, sign, walk away.",
        Group::Table,
        true,
        table,
    ),
    b(
        Cmd::Hold,
        &[Key::ch('x')],
        "hold",
        "Hold: working-level talks. The week passes without a new offer; pressure builds on both sides and an agreement in principle stays agreed.",
        Group::Table,
        true,
        table,
    ),
    b(
        Cmd::TakeCounter,
        &[Key::ch('c')],
        "counter",
        "Copy China's counter-offer into your package, to propose it or build on it.",
        Group::Table,
        true,
        |a| table(a) && a.game.as_ref().is_some_and(|g| g.state.counter.is_some()),
    ),
    b(
        Cmd::Reset,
        &[Key::ch('r')],
        "reset",
        "Reset your package to the status quo.",
        Group::Table,
        false,
        table,
    ),
    b(
        Cmd::NextPanel,
        &[Key::code(KeyCode::Tab)],
        "panel",
        "Switch the side panel: Beijing, home front, dispatches (small terminals).",
        Group::Table,
        true,
        |a| table(a) && a.compact(),
    ),
    b(
        Cmd::LogOlder,
        &[Key::code(KeyCode::PageDown)],
        "older news",
        "Scroll the dispatches to older news.",
        Group::Table,
        false,
        table,
    ),
    b(
        Cmd::LogNewer,
        &[Key::code(KeyCode::PageUp)],
        "newer news",
        "Scroll the dispatches to newer news.",
        Group::Table,
        false,
        table,
    ),
    b(
        Cmd::Why,
        &[Key::ch('w')],
        "why?",
        "Why China answered as it did: the rule and the numbers.",
        Group::General,
        true,
        |a| {
            has_answer(a)
                && (a.ui.overlay.is_none() || a.ui.overlay == Some(Overlay::Why))
                && matches!(a.ui.screen, Screen::Negotiation | Screen::End)
        },
    ),
    b(
        Cmd::Dance,
        &[Key::ch('d')],
        "dance",
        "Debrief and review: show or hide the negotiation dance and the meters over the weeks.",
        Group::General,
        true,
        |a| a.ui.overlay.is_none() && matches!(a.ui.screen, Screen::End | Screen::Review),
    ),
    b(
        Cmd::Instructor,
        &[Key::ch('i')],
        "instructor",
        "Instructor's view: show or hide China's hidden numbers and the rule a proposal meets now.",
        Group::Table,
        true,
        |a| a.classroom.instructor && table(a),
    ),
    b(
        Cmd::Save,
        &[Key::ch('s')],
        "save",
        "Save the game under a name you type (takes no game time).",
        Group::Saves,
        true,
        can_save,
    ),
    b(
        Cmd::Load,
        &[Key::ch('o')],
        "load",
        "Open a saved game from the list of saves.",
        Group::Saves,
        true,
        can_load,
    ),
    b(
        Cmd::PromptAccept,
        &[Key::code(KeyCode::Enter)],
        "save",
        "In the save prompt: save under the name typed.",
        Group::Saves,
        true,
        save_prompt,
    ),
    b(
        Cmd::PromptSwitch,
        &[Key::code(KeyCode::Tab)],
        "name/folder",
        "In the save prompt: switch between the name and the folder.",
        Group::Saves,
        true,
        save_prompt,
    ),
    b(
        Cmd::PromptErase,
        &[Key::code(KeyCode::Backspace)],
        "erase",
        "In the save prompt: delete the last character.",
        Group::Saves,
        true,
        save_prompt,
    ),
    b(
        Cmd::PromptCancel,
        &[Key::code(KeyCode::Esc)],
        "cancel",
        "In the save prompt: go back to the game without saving.",
        Group::Saves,
        true,
        save_prompt,
    ),
    b(
        Cmd::NameAccept,
        &[Key::code(KeyCode::Enter)],
        "keep name",
        "In the name prompt: keep the name typed (remembered for the next games).",
        Group::Title,
        true,
        naming,
    ),
    b(
        Cmd::NameErase,
        &[Key::code(KeyCode::Backspace)],
        "erase",
        "In the name prompt: delete the last character.",
        Group::Title,
        true,
        naming,
    ),
    b(
        Cmd::NameSkip,
        &[Key::code(KeyCode::Esc)],
        "no name",
        "In the name prompt: play without a name (not in class mode).",
        Group::Title,
        true,
        |a| naming(a) && !a.classroom.class,
    ),
    b(
        Cmd::LoadUp,
        &[Key::code(KeyCode::Up), Key::ch('k')],
        "choose",
        "In the list of saves: previous save.",
        Group::Saves,
        false,
        |a| on(a, Screen::Load) && !a.ui.saves.rows.is_empty(),
    ),
    b(
        Cmd::LoadDown,
        &[Key::code(KeyCode::Down), Key::ch('j')],
        "choose",
        "In the list of saves: next save.",
        Group::Saves,
        true,
        |a| on(a, Screen::Load) && !a.ui.saves.rows.is_empty(),
    ),
    b(
        Cmd::LoadOpen,
        &[Key::code(KeyCode::Enter)],
        "open",
        "In the list of saves: open the selected save (asks first if your game is unsaved).",
        Group::Saves,
        true,
        |a| on(a, Screen::Load) && !a.ui.saves.rows.is_empty(),
    ),
    b(
        Cmd::LoadReview,
        &[Key::ch('r')],
        "review",
        "In the list of saves: step through the selected game week by week, read-only.",
        Group::Saves,
        true,
        |a| on(a, Screen::Load) && !a.ui.saves.rows.is_empty(),
    ),
    b(
        Cmd::LoadBack,
        &[Key::code(KeyCode::Esc)],
        "back",
        "In the list of saves: go back without opening one.",
        Group::Saves,
        true,
        |a| on(a, Screen::Load),
    ),
    b(
        Cmd::ReviewPrev,
        &[Key::code(KeyCode::Left), Key::ch('h')],
        "week",
        "The week before.",
        Group::Review,
        false,
        reviewing,
    ),
    b(
        Cmd::ReviewNext,
        &[Key::code(KeyCode::Right), Key::ch('l')],
        "week",
        "The week after.",
        Group::Review,
        true,
        reviewing,
    ),
    b(
        Cmd::ReviewFirst,
        &[Key::code(KeyCode::Home)],
        "first/last",
        "The opening, before any move.",
        Group::Review,
        true,
        reviewing,
    ),
    b(
        Cmd::ReviewLast,
        &[Key::code(KeyCode::End)],
        "first/last",
        "The last week.",
        Group::Review,
        true,
        reviewing,
    ),
    b(
        Cmd::ReviewUp,
        &[Key::code(KeyCode::Up), Key::ch('k')],
        "scroll",
        "Scroll the week's moves and answers up.",
        Group::Review,
        false,
        reviewing,
    ),
    b(
        Cmd::ReviewDown,
        &[Key::code(KeyCode::Down), Key::ch('j')],
        "scroll",
        "Scroll the week's moves and answers down.",
        Group::Review,
        true,
        reviewing,
    ),
    b(
        Cmd::ReviewBack,
        &[Key::code(KeyCode::Esc)],
        "back",
        "Leave the review (back to the list of saves, or out of `truce review`).",
        Group::Review,
        true,
        reviewing,
    ),
    b(
        Cmd::ScrollUp,
        &[Key::code(KeyCode::Up), Key::ch('k')],
        "scroll",
        "Scroll up.",
        Group::Reading,
        false,
        reading,
    ),
    b(
        Cmd::ScrollDown,
        &[Key::code(KeyCode::Down), Key::ch('j')],
        "scroll",
        "Scroll down.",
        Group::Reading,
        true,
        reading,
    ),
    b(
        Cmd::PageUp,
        &[Key::code(KeyCode::PageUp)],
        "page up",
        "Scroll up a page.",
        Group::Reading,
        false,
        reading,
    ),
    b(
        Cmd::PageDown,
        &[Key::code(KeyCode::PageDown)],
        "page down",
        "Scroll down a page.",
        Group::Reading,
        false,
        reading,
    ),
    b(
        Cmd::Help,
        &[Key::ch('?')],
        "help",
        "Open or close this help: keys, goal, glossary.",
        Group::General,
        true,
        |a| {
            !confirming(a)
                && !typing(a)
                && !matches!(a.ui.overlay, Some(Overlay::Menu | Overlay::Guide))
        },
    ),
    b(
        Cmd::Quit,
        &[Key::ch('q')],
        "quit",
        "Quit the game (asks first).",
        Group::General,
        true,
        |a| !confirming(a) && !typing(a),
    ),
];
