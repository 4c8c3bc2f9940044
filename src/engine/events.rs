//! The weekly draw from the scenario's event table.

use rand::RngExt;

use crate::core::Said;
use crate::engine::{Source, State, SummitStatus};
use crate::scenario::{Condition, Scenario};

/// Rolls every eligible event once, in table order, and applies those that fire; their ids go
/// to `fired` when a caller keeps them. Days of preparation (`chance` false) fire only the
/// dated events whose day they reach.
/// A dated event fires when the clock reaches its day (in the days just run, from `before`
/// exclusive to today inclusive), whatever its chance and without a draw: never before its
/// date, so the player cannot learn of it early, however the days were spent.
pub(crate) fn roll(
    scenario: &Scenario,
    state: &mut State,
    before: u32,
    chance: bool,
    mut fired: Option<&mut Vec<String>>,
) {
    let week = state.week();
    for (i, event) in scenario.events.iter().enumerate() {
        if (state.fired[i] && !event.repeats) || week < event.from_week {
            continue;
        }
        if event.date.is_some() {
            let due = scenario
                .index()
                .event_day
                .get(i)
                .copied()
                .flatten()
                .is_some_and(|d| d > before && d <= state.day);
            if !due || !event.when.iter().all(|c| holds(scenario, state, c)) {
                continue;
            }
        } else {
            if !chance || !event.when.iter().all(|c| holds(scenario, state, c)) {
                continue;
            }
            let roll: f64 = state.rng.random();
            if roll >= event.chance {
                continue;
            }
        }
        fire(scenario, state, i, fired.as_deref_mut());
    }
}

/// At the opening: events dated on the first day fire as the game begins (the roll only sees
/// days after a move).
pub(crate) fn opening(scenario: &Scenario, state: &mut State) {
    for (i, event) in scenario.events.iter().enumerate() {
        let due = event.date.is_some()
            && scenario
                .index()
                .event_day
                .get(i)
                .copied()
                .flatten()
                .is_some_and(|d| d == 0);
        if due && !state.fired[i] && event.when.iter().all(|c| holds(scenario, state, c)) {
            fire(scenario, state, i, None);
        }
    }
}

/// Applies event `i`: its effects, the dispatch, and a reopening it names.
fn fire(scenario: &Scenario, state: &mut State, i: usize, fired: Option<&mut Vec<String>>) {
    let event = &scenario.events[i];
    state.fired[i] = true;
    for effect in &event.effects {
        state.apply_effect(scenario, effect);
    }
    state.log(Source::Event, Said::Event(i));
    if let Some(fired) = fired {
        fired.push(event.id.clone());
    }
    for effect in &event.effects {
        if let crate::scenario::Effect::Reopen(reason) = effect {
            crate::engine::moves::reopen_if_needed(scenario, state, reason);
        }
    }
}

fn holds(scenario: &Scenario, state: &State, c: &Condition) -> bool {
    let m = &state.meters;
    match c {
        Condition::TrustAtLeast(x) => m.trust >= *x,
        Condition::TrustAtMost(x) => m.trust <= *x,
        Condition::RungAtLeast(r) => state.rung >= *r,
        Condition::MagnetsAtMost(x) => m.magnet_supply <= *x,
        Condition::FarmStressAtLeast(x) => m.farm_stress >= *x,
        Condition::MarketAtMost(x) => m.market_confidence <= *x,
        Condition::HawkAlarmAtLeast(x) => m.hawk_alarm >= *x,
        Condition::NoSummit => state.summit == SummitStatus::NotScheduled,
        // A meeting both sides work to but not yet agreed cannot be put in doubt.
        Condition::SummitScheduled => {
            matches!(state.summit, SummitStatus::Scheduled { .. })
                && scenario.summit_known_on(scenario.date_of_day(state.day))
        }
        Condition::SummitDoubted => state.summit == SummitStatus::InDoubt,
        Condition::CardInForce(id) => scenario
            .world
            .card_index(id)
            .is_some_and(|k| state.cards.get(k).copied().unwrap_or(false)),
        Condition::NoDeal => state.agreed.is_none(),
        Condition::ProposedAtLeast(id, level) => scenario
            .issue_index(id)
            .is_some_and(|i| state.proposal.as_ref().is_some_and(|p| p.0[i] >= *level)),
    }
}
