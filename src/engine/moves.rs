//! The moves of 0.2.0: priced threats, cards played and mirrored, holding, the summit's last
//! ask, and China reopening an agreement when something it names changes.

use crate::ai::{self, Answer, Reply, Rule};
use crate::core::Said;
use crate::engine::step::restrict;
use crate::engine::{ActionError, Package, Source, State};
use crate::scenario::{Scenario, Side};

/// A threat: the scenario's threat card is announced with a deadline, China answers by pricing
/// it (gives way, or mirrors with a rung), and a package agreed in principle may be reopened.
pub(crate) fn threaten(scenario: &Scenario, state: &mut State) {
    let threat = &scenario.us.threat;
    state.log(Source::Us, Said::Threatened);
    for e in &threat.effects {
        state.apply_effect(scenario, e);
    }
    state.meters.trust -= scenario.ai.retaliation.threat_trust_cost;
    state.meters.clamp();
    let priced = scenario.world.threat.card.is_some();
    // A threat of a measure already in force cannot be carried out (the card cannot be played
    // twice): it starts no deadline, so no bluff can be called on it.
    let in_force = scenario
        .index()
        .threat_card
        .is_some_and(|k| state.cards.get(k).copied().unwrap_or(false));
    if priced && !in_force && state.threat_deadline.is_none() {
        let turns = scenario.world.threat.deadline_turns.max(1);
        state.threat_deadline = Some(state.day + turns * scenario.clock.days_per_turn);
    }
    let mut answer = ai::answer_threat(scenario, state);
    if in_force && let Some(k) = scenario.index().threat_card {
        answer.why.reason = Some(format!(
            "{} is already in force: there is nothing left to threaten, so the threat cannot make it give way",
            scenario.world.cards[k].name
        ));
    }
    match answer.reply {
        Reply::Restrict(r) => {
            state.threat_pressure += 1.0;
            restrict(state, r);
            state.log(Source::China, Said::ThreatMirrored);
        }
        _ if answer.why.rule == Rule::ThreatHeeded => {
            let t = &scenario.world.threat;
            let value = scenario
                .index()
                .threat_card
                .map_or(0.0, |k| scenario.world.cards[k].value);
            // What it gives way by follows the bite it read: its pressure, the card's value, the
            // US's credibility, as this Beijing reads threats.
            let cut = t.concession * ai::threat_bite(state, value);
            state.demand_cut += cut;
            // Say where the demand ends up: the figure above is from before the cut, and a
            // threat mirrored earlier may have raised it since last week.
            let now = ai::aspiration(scenario, state);
            answer.why.reason = Some(format!(
                "the threat is credible ({:.0}%) and China is under pressure; its demand falls by {:.3}, from {:.3} to {:.3} this week",
                100.0 * state.credibility,
                cut,
                answer.why.aspiration,
                now
            ));
            state.log(Source::China, Said::ThreatHeeded);
        }
        _ => {
            state.threat_pressure += 1.0;
            state.log(Source::China, Said::ThreatProtested);
        }
    }
    state.last_answer = Some(answer);
    reopen_if_needed(scenario, state, "a US threat");
}

/// What a refusal of a proposal leaves on the record: a refusal under the balance rule is
/// counted, and each red line Beijing named is remembered as it said it.
pub(crate) fn note_refusal(state: &mut State, answer: &Answer) {
    if answer.why.rule == Rule::Unbalanced {
        state.balance_refusals += 1;
    }
    for hit in answer.why.red_lines.iter().filter(|h| h.own) {
        if !state.named_red_lines.contains(&(hit.issue, hit.level)) {
            state.named_red_lines.push((hit.issue, hit.level));
        }
    }
}

/// Whether a US card can be played now.
pub(crate) fn check_play(scenario: &Scenario, state: &State, k: usize) -> Result<(), ActionError> {
    let card = scenario
        .world
        .cards
        .get(k)
        .ok_or(ActionError::NoSuchCard(k))?;
    let refuse = |why| {
        Err(ActionError::CardNotPlayable {
            card: card.name.clone(),
            why,
        })
    };
    if card.side != Side::Us {
        return refuse("it is Beijing's card");
    }
    if state.cards.get(k).copied().unwrap_or(false) {
        return refuse("it is already in force");
    }
    let from = scenario.index().card_from.get(k).copied().unwrap_or(0);
    if state.day + scenario.clock.days_per_turn <= from {
        return refuse("it is not ready yet");
    }
    Ok(())
}

/// Puts a US card in force; carrying out a pending threat restores credibility; China mirrors.
pub(crate) fn play(scenario: &Scenario, state: &mut State, k: usize) {
    let card = &scenario.world.cards[k];
    state.cards[k] = true;
    let n = scenario.world.cards.len();
    state.played_on.resize(n, None);
    state.mirrored.resize(n, false);
    state.played_on[k] = Some(state.day);
    state.log(Source::Us, Said::Played(k));
    for e in &card.on_play {
        state.apply_effect(scenario, e);
    }
    let is_threat = scenario.index().threat_card == Some(k);
    if is_threat && state.threat_deadline.take().is_some() {
        state.credibility = (state.credibility + scenario.world.threat.carry_gain).min(1.0);
        state.log(Source::Us, Said::CarriedOut);
    }
    let mut why = ai::noted(scenario, state, Rule::Mirrored);
    // Name the measure mirrored, so `w` says what Beijing answered.
    why.reason = Some(format!("{} came into force", card.name));
    let reply = match card.mirror.as_deref() {
        Some("rung") if usize::from(state.rung) < scenario.ai.ladder.len() => {
            restrict(state, state.rung + 1);
            Reply::Restrict(state.rung)
        }
        Some(id) => {
            if let Some(m) = scenario.world.card_index(id) {
                why.reason = Some(format!(
                    "{} came into force; it answers with {}",
                    card.name, scenario.world.cards[m].name
                ));
            }
            let before = scenario
                .world
                .card_index(id)
                .is_some_and(|m| state.cards[m]);
            state.apply_effect(scenario, &crate::scenario::Effect::Card(id.to_string()));
            if let Some(m) = scenario.world.card_index(id)
                && !before
            {
                state.mirrored[m] = true;
            }
            Reply::Noted
        }
        None => {
            why.rule = Rule::ThreatAbsorbed;
            Reply::Noted
        }
    };
    state.last_answer = Some(Answer { reply, why });
    state.meters.clamp();
    reopen_if_needed(scenario, state, "a US escalation");
}

/// Working-level talks: the week passes.
pub(crate) fn hold(state: &mut State) {
    state.log(Source::Us, Said::Hold);
    state.last_answer = None;
}

/// Grants China's last ask: the agreed package moves one step its way.
pub(crate) fn grant_ask(scenario: &Scenario, state: &mut State) {
    let (Some((i, level)), Some(agreed)) = (state.summit_ask.take(), state.agreed.as_ref()) else {
        return;
    };
    let mut next = agreed.clone();
    next.0[i] = level;
    alarm_hawks(scenario, state, &next);
    state.agreed = Some(next);
    state.meters.trust += scenario.world.summit.grant_trust;
    state.meters.clamp();
    state.log(Source::Us, Said::AskGranted { issue: i, level });
}

/// Signing over a standing last ask refuses it: the log says so, and whether Beijing still
/// signed, before what the leaders did, or the final week reads as if no ask was made. It is
/// the summit's news (the clock's, as the signature is), so the transcript lists it too.
pub(crate) fn refused_ask(state: &mut State, signed: bool) {
    if let Some((issue, level)) = state.summit_ask {
        let said = Said::AskRefused {
            issue,
            level,
            signed,
        };
        state.log(Source::Clock, said);
    }
}

/// China reopens the agreement in principle when, after something it names, the package no
/// longer meets its demand or the balance rule; its counter is put on the table.
pub(crate) fn reopen_if_needed(scenario: &Scenario, state: &mut State, reason: &str) {
    let Some(agreed) = state.agreed.clone() else {
        return;
    };
    if ai::still_agreed(scenario, state, &agreed) {
        return;
    }
    let mut why = ai::judgement(scenario, state, &agreed, Rule::Reopened);
    why.reason = Some(reason.to_string());
    let val = ai::Valuation::new(scenario, state);
    let counter = ai::counter_offer(scenario, &val, &state.agenda, &agreed, why.aspiration);
    why.counter_utility = Some(val.china(&counter.0));
    state.agreed = None;
    state.agreed_demand = None;
    state.summit_ask = None;
    let said = Said::Reopened {
        reason: reason.to_string(),
        package: counter.clone(),
        agenda: state.agenda.clone(),
    };
    state.log(Source::China, said);
    state.counter = Some(counter.clone());
    state.last_answer = Some(Answer {
        reply: Reply::Counter(counter),
        why,
    });
}

/// The security cost of a package: the sum over its levels.
fn security_of(scenario: &Scenario, p: &Package) -> f64 {
    p.0.iter()
        .zip(&scenario.issues)
        .filter_map(|(&l, issue)| issue.levels.get(l))
        .map(|l| l.security_cost)
        .sum()
}

/// Raises the hawks' alarm by the security cost that `next` adds to what was already agreed in
/// principle (the status quo when nothing was): the alarm follows the agreement, so the same
/// package agreed again, or an offer Beijing refused, alarms no one.
pub(crate) fn alarm_hawks(scenario: &Scenario, state: &mut State, next: &Package) {
    let before = match &state.agreed {
        Some(a) => security_of(scenario, a),
        // Today's status quo: an event may have moved it since the scenario opened.
        None => (0..scenario.issues.len())
            .filter_map(|i| {
                let l = crate::ai::status_quo_level(scenario, state, i);
                scenario.issues[i].levels.get(l).map(|l| l.security_cost)
            })
            .sum(),
    };
    let added = (security_of(scenario, next) - before).max(0.0);
    state.meters.hawk_alarm += scenario.us.weekly.hawk_per_security * added;
}
