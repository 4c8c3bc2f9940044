//! Whether a lesson fits the game played: a scenario names, for each lesson in its words, the
//! conditions it needs (`world.taught`), read here from the game's own figures, so a debrief
//! never says "leaned towards Washington" of a deal Beijing found balanced.

use crate::core::{Note, Said, State};
use crate::engine::Lesson;
use crate::scenario::{Fits, Kind, Scenario};

/// The figures a lesson's condition reads, from the scorecard being built.
pub(crate) struct Figures {
    /// The Balance score, 0..100.
    pub balance: f64,
}

/// Whether every condition the scenario names for `lesson` holds; a lesson with none (or only
/// the built-in text) fits whenever the engine draws it.
pub(crate) fn fits(scenario: &Scenario, state: &State, lesson: Lesson, f: &Figures) -> bool {
    scenario
        .world
        .taught
        .iter()
        .find(|t| t.key == lesson.key())
        .is_none_or(|t| t.when.iter().all(|c| holds(scenario, state, c, f)))
}

fn holds(scenario: &Scenario, state: &State, c: &Fits, f: &Figures) -> bool {
    match c {
        Fits::Deal => state.signed.is_some(),
        Fits::NoDeal => state.signed.is_none(),
        Fits::BalanceAtMost(x) => f.balance <= *x,
        Fits::PurchasesShortOf(x) => purchases_short(scenario, state, *x),
        Fits::PeakRungAtLeast(r) => state.max_rung >= *r,
        Fits::UsEscalated => state
            .log
            .iter()
            .any(|d| matches!(d.said, Said::Threatened | Said::Played(_))),
    }
}

/// Whether some purchase commitment of the signed deal delivered less than `share` of its
/// whole in the year after.
fn purchases_short(scenario: &Scenario, state: &State, share: f64) -> bool {
    let Some(epi) = state.epilogue.as_ref() else {
        return false;
    };
    epi.notes.iter().any(|n| match n {
        Note::Delivered {
            issue, share: s, ..
        } => {
            let commercial = state.signed.as_ref().is_some_and(|p| {
                scenario
                    .issues
                    .get(*issue)
                    .and_then(|i| p.0.get(*issue).and_then(|&l| i.levels.get(l)))
                    .is_some_and(|l| l.kind == Kind::Commercial)
            });
            commercial && *s < share
        }
        // Purchases that arrived only as far as a lesser commitment's fell short of the whole.
        Note::FellBack { month: None, .. } => true,
        _ => false,
    })
}
