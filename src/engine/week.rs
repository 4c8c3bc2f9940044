//! The world's week: pressures build on both sides, cards in force bite, restrictions hurt and
//! wear China's lever down, events fire, threats fall due, the summit comes, the clock runs.

use crate::ai;
use crate::core::Said;
use crate::engine::events;
use crate::engine::moves::reopen_if_needed;
use crate::engine::step::{end, snapshot};
use crate::engine::{Action, Outcome, Source, State, SummitStatus};
use crate::scenario::{Scenario, Side};

/// Moves the world one turn: meters, pressures, events, the summit and the clock; the ids of
/// what fired go to `fired` when a caller keeps them.
pub(crate) fn advance_week(
    scenario: &Scenario,
    state: &mut State,
    mut fired: Option<&mut Vec<String>>,
) {
    let before = state.day;
    state.turns += 1;
    state.day += scenario.clock.days_per_turn;
    drift(scenario, state, 1.0);
    events::roll(scenario, state, before, true, fired.as_deref_mut());
    settle(scenario, state, fired);
    snapshot(state);
}

/// Days of preparation (opening an issue): the world's clock runs for everyone. Meters and
/// pressures move for the days spent, dated events whose day is reached fire, a threat falls due
/// and the summit's scene opens if its week is reached; chance events wait for the next week.
pub(crate) fn prepare(
    scenario: &Scenario,
    state: &mut State,
    days: u32,
    fired: Option<&mut Vec<String>>,
) {
    if days == 0 {
        return;
    }
    let before = state.day;
    state.day += days;
    let share = f64::from(days) / f64::from(scenario.clock.days_per_turn.max(1));
    drift(scenario, state, share);
    let mut fired = fired;
    events::roll(scenario, state, before, false, fired.as_deref_mut());
    settle(scenario, state, fired);
}

/// The world's drift over `share` of a week: restrictions bite or magnets recover, the harvest
/// weighs on farms, hawks calm, threats fade, pressure builds on China and cards in force bite.
fn drift(scenario: &Scenario, state: &mut State, share: f64) {
    let w = &scenario.us.weekly;
    let p = &scenario.world.pressure;
    let diversified = 1.0 - state.diversification.clamp(0.0, 0.9);
    let whole = share >= 1.0 - 1e-9;
    let recovers = state.rung == 0 || w.markets_shrug;
    let m = &mut state.meters;
    if state.rung > 0 {
        let rung = &scenario.ai.ladder[usize::from(state.rung) - 1];
        m.magnet_supply -= rung.magnet_loss * diversified * share;
        m.market_confidence -= rung.market_loss * share;
        // Rung-weeks count whole weeks: the damage score reads them.
        if whole {
            state.restricted_weeks += 1;
            state.rung_weeks += u32::from(state.rung);
        }
    } else {
        m.magnet_supply += w.magnet_recovery * share;
    }
    if recovers && m.market_confidence < 60.0 {
        m.market_confidence = (m.market_confidence + w.market_recovery * share).min(60.0);
    }
    // Purchases start at signing (the year after), not on an agreement in principle: until
    // then the harvest goes unsold whatever has been agreed.
    let harvest = scenario.index().harvest_day.is_none_or(|d| state.day > d);
    if harvest {
        m.farm_stress += w.farm_drift * share;
    }
    m.hawk_alarm -= w.hawk_decay * share;
    // No pressure to fade in most weeks: zero times the factor (finite, in 0..=1) is zero.
    if state.threat_pressure != 0.0 {
        state.threat_pressure *= crate::core::detmath::pow_unit(0.5, share);
    }
    // Pressure on China: export orders lost under the tariffs, US cards in force, and sales and
    // goodwill lost while it restricts; each rung-week also builds allied supply.
    let mut china = p.china_tariff_weekly + p.china_rung_weekly * f64::from(state.rung);
    for (k, card) in scenario.world.cards.iter().enumerate() {
        if !state.cards[k] {
            continue;
        }
        if card.side == Side::Us {
            china += card.pressure;
        }
        for e in &card.weekly {
            if let Some(e) = scaled(e, share) {
                state.apply_effect(scenario, &e);
            }
        }
    }
    state.china_pressure = (state.china_pressure + china * share).min(p.china_max.max(0.0));
    state.diversification += p.diversify_per_rung_week * f64::from(state.rung) * share;
    state.meters.clamp();
}

/// A weekly effect over part of a week: meters move in proportion; anything else happens only
/// in a whole week.
fn scaled(e: &crate::scenario::Effect, share: f64) -> Option<crate::scenario::Effect> {
    use crate::scenario::Effect as E;
    if share >= 1.0 - 1e-9 {
        return Some(e.clone());
    }
    Some(match e {
        E::MagnetSupply(d) => E::MagnetSupply(d * share),
        E::FarmStress(d) => E::FarmStress(d * share),
        E::MarketConfidence(d) => E::MarketConfidence(d * share),
        E::HawkAlarm(d) => E::HawkAlarm(d * share),
        E::Trust(d) => E::Trust(d * share),
        E::ChinaPressure(d) => E::ChinaPressure(d * share),
        _ => return None,
    })
}

/// After the clock moved: a threat falls due, the summit comes, falling trust reopens the
/// agreement, and the talks end when the ladder tops out or the deadline passes.
fn settle(scenario: &Scenario, state: &mut State, fired: Option<&mut Vec<String>>) {
    let trust_before = state.meters.trust;
    threat_due(scenario, state);
    summit(scenario, state, fired);
    if state.meters.trust < scenario.ai.signing_min_trust
        && trust_before >= scenario.ai.signing_min_trust
    {
        reopen_if_needed(scenario, state, "trust falling");
    }
    if usize::from(state.rung) >= scenario.ai.ladder.len() {
        state.log(Source::Clock, Said::Collapse);
        end(scenario, state, Outcome::Escalation);
    } else if state.days_left(scenario) == 0 {
        state.log(Source::Clock, Said::Lapsed);
        end(scenario, state, Outcome::Escalation);
    }
}

/// A threat whose deadline has passed: shelved if China moved, a bluff called if not.
fn threat_due(scenario: &Scenario, state: &mut State) {
    let Some(deadline) = state.threat_deadline else {
        return;
    };
    if state.day < deadline {
        return;
    }
    state.threat_deadline = None;
    if state.agreed.is_some() {
        state.log(Source::Us, Said::ThreatShelved);
        return;
    }
    state.bluffs_called += 1;
    state.credibility = (state.credibility - scenario.world.threat.bluff_cost).max(0.0);
    state.log(Source::China, Said::BluffCalled);
}

/// Whether this turn's action agreed a package in principle during the summit's week, so the
/// leaders take it up at once.
pub(crate) fn closes_at_summit(scenario: &Scenario, state: &State, action: &Action) -> bool {
    matches!(action, Action::Propose(_) | Action::AcceptCounter)
        && state.outcome.is_none()
        && state.summit_held
        && state.can_sign(scenario)
        && state
            .last_answer
            .as_ref()
            .is_some_and(|a| a.reply == crate::core::Reply::Accept)
}

/// The summit: its week opens with the scene (China's last ask); once its day is past nothing
/// can be signed.
fn summit(scenario: &Scenario, state: &mut State, fired: Option<&mut Vec<String>>) {
    let SummitStatus::Scheduled { day } = state.summit else {
        return;
    };
    if state.day > day {
        state.summit = SummitStatus::Passed;
        state.summit_ask = None;
        state.log(Source::Clock, Said::SummitMissed);
        return;
    }
    if !state.summit_this_turn(scenario) || state.summit_held {
        return;
    }
    state.summit_held = true;
    if let Some(fired) = fired {
        fired.push("summit_week".into());
    }
    if state.agreed.is_none() {
        state.log(Source::Clock, Said::SummitNothingAgreed);
        return;
    }
    if !pose_ask(scenario, state) {
        state.log(Source::Clock, Said::SummitOpen);
    }
}

/// Beijing's last ask of the agreed package, once per summit: whether it made one now.
pub(crate) fn pose_ask(scenario: &Scenario, state: &mut State) -> bool {
    if !scenario.world.summit.last_ask || state.ask_posed {
        return false;
    }
    let Some(agreed) = state.agreed.clone() else {
        return false;
    };
    state.ask_posed = true;
    let Some((i, level)) = ai::last_ask(scenario, state, &agreed) else {
        return false;
    };
    state.summit_ask = Some((i, level));
    state.log(Source::China, Said::SummitAsk { issue: i, level });
    true
}
