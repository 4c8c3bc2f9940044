//! The lines of `w` that touch Beijing's private type (the pressure it feels, how it read a
//! threat or a walk-out, the rolls behind its answers): in full after the game, and during play
//! only what the US can see or estimate.

use crate::ai::{Explanation, Rule};
use crate::report::explain::Reveal;
use crate::scenario::Scenario;

/// What pressure does to Beijing. After the game: what no deal was worth to it, with the
/// pressure it felt. During play only what the US can estimate: the pressure band (the felt
/// figure would give away how much this Beijing feels the pressure, part of its hidden type).
pub(super) fn pressure_line(
    scenario: &Scenario,
    why: &Explanation,
    state: Option<&crate::core::State>,
    reveal: Reveal,
) -> String {
    let us = format!(
        "The US's own pain, as Beijing reads it (farm stress, markets, magnets), is {:.3}; it asks for more when the US hurts. US threat credibility: {:.0}%.",
        why.us_pressure,
        100.0 * why.credibility
    );
    match (reveal, state) {
        (Reveal::Shown, _) => format!(
            "Pressure: no deal was worth {:.3} to Beijing (status quo {:.3}, minus {:.3} of pressure as this Beijing felt it: export orders lost, US measures in force, sales lost to its own restrictions). {us}",
            why.no_deal, why.status_quo, why.china_pressure
        ),
        (Reveal::Hidden, Some(st)) => format!(
            "Pressure on China, as the US can estimate it: {} (export orders lost, US measures in force, sales lost to its own restrictions). What no deal is worth to Beijing, and how much it feels that pressure, are its own to know until the game ends. {us}",
            crate::engine::query::china_pressure_band(scenario, st)
        ),
        (Reveal::Hidden, None) => format!(
            "What no deal is worth to Beijing, and how much it feels the pressure on it, are its own to know until the game ends. {us}"
        ),
    }
}

/// Why a walk-out was or was not believed: with the numbers Beijing weighed after the game,
/// the verdict alone during play (the bite holds how this Beijing reads threats).
pub(super) fn walk_out_line(b: &crate::core::WalkOutBite, reveal: Reveal) -> String {
    let credible = b.bluffs_called == 0 && b.bite >= b.needed;
    let back = if credible {
        " The first credible walk-out brings Beijing back to the table with a lower demand; a second ends the talks."
    } else {
        ""
    };
    if reveal == Reveal::Hidden {
        return match (b.bluffs_called, credible) {
            (0, true) => format!(
                "Walk-out: Beijing weighed US credibility against the pressure on it and what the US's big threat would cost it, and believed it.{back}"
            ),
            (0, false) => "Walk-out: Beijing weighed US credibility against the pressure on it and what the US's big threat would cost it, and did not believe it.".into(),
            (n, _) => format!(
                "Walk-out: Beijing has called {n} US bluff{}, so no walk-out is credible.",
                if n == 1 { "" } else { "s" }
            ),
        };
    }
    let bite = format!(
        "Walk-out: its bite (US credibility × (the pressure on China + what the US's big threat would cost it), as this Beijing read threats) was {:.3}, against the {:.3} Beijing needs to believe it",
        b.bite, b.needed
    );
    match (b.bluffs_called, credible) {
        (0, true) => format!("{bite}, and no US bluff has been called: credible.{back}"),
        (0, false) => format!("{bite}: not credible."),
        (n, _) => format!(
            "{bite}; but Beijing has called {n} US bluff{}, so no walk-out is credible.",
            if n == 1 { "" } else { "s" }
        ),
    }
}

/// The draw behind an answer, in words, when chance decided it. A priced threat's chance and
/// the summit's leave chance come from Beijing's hidden type: during play only the outcome is
/// told.
pub(super) fn roll_line(why: &Explanation, reveal: Reveal) -> Option<String> {
    let (chance, roll) = why.roll?;
    if matches!(why.rule, Rule::SummitSigned | Rule::SummitRefused) {
        let left = roll < chance;
        return Some(match (reveal, left) {
            (Reveal::Hidden, true) => "Beijing's firmness: the US refused its last ask, and it chose to leave the summit rather than sign without it.".into(),
            (Reveal::Hidden, false) => "Beijing's firmness: the US refused its last ask, and it stayed to sign all the same.".into(),
            (Reveal::Shown, _) => format!(
                "Beijing's firmness: refused its last ask, it would leave with a {:.0}% chance (its firmness, less the pressure it felt); the draw came up {:.0}%, so it {}.",
                100.0 * chance,
                100.0 * roll,
                if left { "left" } else { "stayed" }
            ),
        });
    }
    let verdict = if roll < chance {
        "below the chance, so Beijing escalated"
    } else {
        "not below the chance, so Beijing held back"
    };
    if matches!(why.rule, Rule::ThreatHeeded | Rule::ThreatAnswered)
        && why.allowed_gap > 0.0
        && why.credibility > 0.0
    {
        let did = if roll < chance {
            "gave way"
        } else {
            "mirrored the threat"
        };
        Some(match reveal {
            Reveal::Hidden => format!(
                "Priced threat: with US credibility at {:.0}% and the pressure on China, Beijing weighed giving way against mirroring, and {did}. The more credible the US and the higher the pressure, the likelier it gives way.",
                100.0 * why.credibility
            ),
            Reveal::Shown => format!(
                "Priced threat: with US credibility at {:.0}% and the pressure on China as this Beijing felt it, the chance that Beijing gives way was {:.0}%; the draw came up {:.0}%, so it {did}.",
                100.0 * why.credibility,
                100.0 * chance,
                100.0 * roll
            ),
        })
    } else {
        Some(format!(
            "Threat roll: the chance of retaliation was {:.0}% (it grows as trust falls below zero); the draw came up {:.0}%, {verdict}.",
            100.0 * chance,
            100.0 * roll
        ))
    }
}
