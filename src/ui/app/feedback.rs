//! What the player is told after an action the engine took: the line in the message bar and
//! its tone.

use crate::ai::{Answer, Reply};
use crate::engine::Game;
use crate::report::{dispatch_text, reply_headline};

use super::Tone;

/// What an action did, as `App::apply` saw it.
pub(super) struct Acted<'a> {
    /// Beijing's answer, when the action was a proposal it answered.
    pub answer: Option<&'a Answer>,
    /// How many new dispatches the turn brought.
    pub events: usize,
    /// The issue and side of a toggle that took the one before it back (no move recorded).
    pub took_back: Option<(usize, bool)>,
    /// Whether the player took Beijing's counter-offer.
    pub took_counter: bool,
    /// Whether the action was an agenda toggle.
    pub agenda: bool,
}

/// Opening an issue for the first time: why the date moved (a player saw weeks go by before
/// the first proposal, and nothing said why).
fn opened(game: &Game, events: usize) -> Option<String> {
    let (s, st) = (&game.scenario, &game.state);
    let (issue, days) = st
        .log
        .iter()
        .rev()
        .take(events + 2)
        .find_map(|d| match d.said {
            crate::core::Said::IssueOpened { issue, days } => Some((issue, days)),
            _ => None,
        })?;
    // The short name, so the reason fits 80 columns; the days left go first when cut.
    let name = s
        .issues
        .get(issue)
        .map_or("The issue", |i| i.short.as_str());
    Some(format!(
        "{name} opened: {days} days of preparation move the date on to {}. {} days left.",
        s.date_of_day(st.day).long(),
        st.days_left(s)
    ))
}

/// The message for an action, with its tone: good news, bad news or plain information.
pub(super) fn told(game: &Game, acted: &Acted) -> (Tone, String) {
    let last_dispatch = || {
        game.state
            .log
            .last()
            .map_or(String::new(), |d| dispatch_text(&game.scenario, d))
    };
    let mut text = if let Some((issue, on)) = acted.took_back {
        let name = game.scenario.issues.get(issue).map_or("", |i| &i.name);
        let place = if on { "on" } else { "off" };
        format!("{name}: back {place} the table as before; no move recorded.")
    } else if acted.took_counter {
        "You take Beijing's counter-offer: it is the agreement in principle; sign it at the summit."
            .to_string()
    } else if acted.agenda {
        opened(game, acted.events).unwrap_or_else(last_dispatch)
    } else {
        match acted.answer {
            Some(a) => {
                let hint = match a.reply {
                    Reply::Counter(_) => ": see the Counter column (w: why)",
                    Reply::Accept => ": sign it at the summit (a)",
                    _ => " (w says why)",
                };
                format!("{}{hint}.", reply_headline(&game.scenario, a))
            }
            None => last_dispatch(),
        }
    };
    // The last ask is posed as the summit's week opens (often right after an agreement): name
    // it here, or it is only in the dispatches, off screen on a small terminal.
    let st = &game.state;
    if let Some((i, l)) = st.summit_ask
        && acted.events > 0
        && st.outcome.is_none()
        && st.summit_this_turn(&game.scenario)
    {
        // First, as the status line is one row at 80 columns and the rest may be cut off.
        text = format!(
            "Last ask: {}; a: grant it or sign without it. {text}",
            crate::report::dispatch::level_text(&game.scenario, i, l)
        );
    }
    match acted.events {
        0 => {}
        1 => text.push_str(" News: 1 new dispatch."),
        n => text.push_str(&format!(" News: {n} new dispatches.")),
    }
    let tone = match acted.answer.map(|a| &a.reply) {
        Some(Reply::Accept | Reply::Sign | Reply::GrantExtension) => Tone::Good,
        Some(Reply::Restrict(_) | Reply::RefuseSign | Reply::RefuseExtension) => Tone::Bad,
        _ => Tone::Info,
    };
    (tone, text)
}
