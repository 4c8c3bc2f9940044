//! The rules that pick China's answer to each US move.

use rand::RngExt;

use crate::ai::counter::step_towards_china;
use crate::ai::valuation::{felt_pressure, us_pressure};
use crate::ai::{
    Answer, Explanation, Reply, Rule, Valuation, WalkOutBite, aspiration, counter_offer,
};
use crate::core::{Package, State};
use crate::scenario::Scenario;

/// The explanation of an answer that judged no package: the rule and the state of play.
pub fn noted(scenario: &Scenario, state: &State, rule: Rule) -> Explanation {
    base(scenario, state, &Valuation::new(scenario, state), rule)
}

/// The explanation of a judged package under `rule`: utilities, gains, shares and red lines.
pub fn judgement(scenario: &Scenario, state: &State, p: &Package, rule: Rule) -> Explanation {
    let mut why = judged(scenario, state, &Valuation::new(scenario, state), p);
    why.rule = rule;
    why
}

/// The explanation fields every answer shares.
fn base(scenario: &Scenario, state: &State, val: &Valuation, rule: Rule) -> Explanation {
    Explanation {
        rule,
        utility: None,
        aspiration: aspiration(scenario, state),
        status_quo: val.china_sq,
        us_gain: None,
        china_gain: None,
        ratio: None,
        allowed_ratio: scenario.ai.balance_ratio,
        red_line: None,
        trust: state.meters.trust,
        roll: None,
        counter_utility: None,
        no_deal: val.no_deal(),
        china_pressure: state.china_pressure,
        us_pressure: us_pressure(scenario, state),
        credibility: state.credibility,
        us_share: None,
        china_share: None,
        allowed_gap: scenario.world.pressure.balance_gap,
        reason: None,
        red_lines: Vec::new(),
        walk_out: None,
    }
}

/// The explanation of a judged package.
fn judged(scenario: &Scenario, state: &State, val: &Valuation, p: &Package) -> Explanation {
    let mut why = base(scenario, state, val, Rule::Acceptable);
    let u = val.china(&p.0);
    why.utility = Some(u);
    why.china_gain = Some(u - val.china_sq);
    why.us_gain = Some(val.us(&p.0) - val.us_sq);
    why.ratio = val.ratio(&p.0);
    let (us, china) = val.shares(&p.0);
    why.us_share = Some(us);
    why.china_share = Some(china);
    why.red_lines = val.red_lines(&p.0);
    why.red_line = why.red_lines.first().cloned();
    why
}

/// China's answer to a proposed package. In order: collapsed trust climbs a rung; the package
/// agreed in principle is kept; an insult (trust falls), a red line, an unbalanced package or
/// one below China's demand draws a counter built from China's side; otherwise it accepts.
pub fn answer_proposal(scenario: &Scenario, state: &State, p: &Package) -> Answer {
    let val = Valuation::new(scenario, state);
    let mut why = judged(scenario, state, &val, p);
    let u = why.utility.unwrap_or_default();
    let can_climb = usize::from(state.rung) < scenario.ai.ladder.len();
    if can_climb && state.meters.trust < scenario.ai.retaliation.trust_floor {
        why.rule = Rule::TrustCollapse;
        return Answer {
            reply: Reply::Restrict(state.rung + 1),
            why,
        };
    }
    if state.agreed.as_ref() == Some(p) {
        why.rule = Rule::Kept;
        return Answer {
            reply: Reply::Accept,
            why,
        };
    }
    // China stands by its own counter: proposing it back agrees it, as accepting it would, even
    // where the agenda left it short of China's demand (it was the best China could do on it).
    if state.counter.as_ref() == Some(p) && why.red_line.is_none() {
        return Answer {
            reply: Reply::Accept,
            why,
        };
    }
    let balanced = val.balanced(&p.0);
    if why.red_line.is_none() && u >= why.aspiration - 1e-9 && balanced {
        return Answer {
            reply: Reply::Accept,
            why,
        };
    }
    // An insult stays an insult with a red line in it: adding a red line must not spare the
    // trust an extreme opening costs (found in play).
    why.rule = if u < val.no_deal().min(val.china_sq) - scenario.ai.retaliation.insult_margin {
        Rule::Insult
    } else if why.red_line.is_some() {
        Rule::RedLine
    } else if !balanced {
        Rule::Unbalanced
    } else {
        Rule::BelowAspiration
    };
    let counter = counter_offer(scenario, &val, &state.agenda, p, why.aspiration);
    why.counter_utility = Some(val.china(&counter.0));
    Answer {
        reply: Reply::Counter(counter),
        why,
    }
}

/// Whether a package insults China (the engine charges trust for it).
pub fn is_insult(scenario: &Scenario, state: &State, p: &Package) -> bool {
    insults(scenario, &Valuation::new(scenario, state), p)
}

/// [`is_insult`] on a valuation already worked out for the state.
pub fn insults(scenario: &Scenario, val: &Valuation, p: &Package) -> bool {
    val.china(&p.0) < val.no_deal().min(val.china_sq) - scenario.ai.retaliation.insult_margin
}

/// The chance that China gives way to a threat of the scenario's threat card now: the
/// expected bite (credibility × (its pressure + what the card would cost it)) against the
/// scenario's thresholds. `None` when the scenario's threat names no card (0.1.0 rules).
pub fn heed_chance(scenario: &Scenario, state: &State) -> Option<f64> {
    let t = &scenario.world.threat;
    let k = scenario.index().threat_card?;
    let card = &scenario.world.cards[k];
    if state.cards.get(k).copied().unwrap_or(false) {
        return Some(0.0);
    }
    let bite = threat_bite(state, card.value);
    let span = (t.heed_sure - t.heed_from).max(1e-6);
    Some(((bite - t.heed_from) / span).clamp(0.0, 1.0))
}

/// The bite China reads in a US threat of a card worth `value` to it: the US's credibility times
/// the pressure it feels plus what the card would add, as the Beijing drawn reads threats.
pub fn threat_bite(state: &State, value: f64) -> f64 {
    state.credibility * (felt_pressure(state) + value) * state.beijing.threat
}

/// Whether a US walk-out is credible to Beijing: no bluff of the US has been called, and a
/// threat of the scenario's threat card would now more likely than not be heeded (the expected
/// bite, credibility × (China's pressure + what the card would cost it), past the midpoint of
/// the scenario's heed range). Credibility carries the legal basis: it falls as the courts
/// question the tariffs' authority. A credible walk-out leaves China bearing its own no-deal
/// cost; any other is mirrored. `false` when the scenario's threat names no card.
pub fn walk_away_credible(scenario: &Scenario, state: &State) -> bool {
    walk_out_bite(scenario, state).is_some_and(|b| b.bluffs_called == 0 && b.bite >= b.needed)
}

/// The numbers behind [`walk_away_credible`]; `None` when the scenario's threat names no card.
fn walk_out_bite(scenario: &Scenario, state: &State) -> Option<WalkOutBite> {
    let t = &scenario.world.threat;
    let k = scenario.index().threat_card?;
    // A card already in force is no longer a threat: its bite is in the pressure already.
    let in_force = state.cards.get(k).copied().unwrap_or(false);
    let value = if in_force {
        0.0
    } else {
        scenario.world.cards.get(k).map_or(0.0, |c| c.value)
    };
    Some(WalkOutBite {
        bite: threat_bite(state, value),
        needed: 0.5 * (t.heed_from + t.heed_sure),
        bluffs_called: state.bluffs_called,
    })
}

/// China's answer to a US walk-out: it holds still when the walk-out is credible, and mirrors
/// it otherwise (the scenario's walk-out effects carry the rung). Recorded so that `w` can say
/// which, with the numbers, on the debrief.
pub fn answer_walk_out(scenario: &Scenario, state: &State) -> Answer {
    let rule = if walk_away_credible(scenario, state) {
        Rule::WalkOutHeld
    } else {
        Rule::WalkOutMirrored
    };
    let val = Valuation::new(scenario, state);
    let mut why = base(scenario, state, &val, rule);
    why.walk_out = walk_out_bite(scenario, state);
    Answer {
        reply: Reply::Noted,
        why,
    }
}

/// China's answer to a threat. Under 0.2.0 rules it is priced: China gives way (and lowers its
/// demand) with a chance set by the expected bite, otherwise it mirrors with a rung. Under
/// 0.1.0 rules a rung follows with a chance that grows with distrust.
pub fn answer_threat(scenario: &Scenario, state: &mut State) -> Answer {
    let val_rung = usize::from(state.rung) < scenario.ai.ladder.len();
    if let Some(heed) = heed_chance(scenario, state) {
        let roll: f64 = state.rng.random();
        let val = Valuation::new(scenario, state);
        let mut why = base(scenario, state, &val, Rule::ThreatHeeded);
        why.roll = Some((heed, roll));
        if roll < heed {
            return Answer {
                reply: Reply::Noted,
                why,
            };
        }
        why.rule = Rule::ThreatAnswered;
        let reply = if val_rung {
            Reply::Restrict(state.rung + 1)
        } else {
            why.rule = Rule::ThreatAbsorbed;
            Reply::Noted
        };
        return Answer { reply, why };
    }
    let r = &scenario.ai.retaliation;
    let distrust = (-state.meters.trust).max(0.0);
    let chance = (r.threat_chance + r.distrust_chance_per_point * distrust).clamp(0.0, 1.0);
    let roll: f64 = state.rng.random();
    let val = Valuation::new(scenario, state);
    let mut why = base(scenario, state, &val, Rule::ThreatAbsorbed);
    why.roll = Some((chance, roll));
    if val_rung && roll < chance {
        why.rule = Rule::ThreatAnswered;
        Answer {
            reply: Reply::Restrict(state.rung + 1),
            why,
        }
    } else {
        Answer {
            reply: Reply::Noted,
            why,
        }
    }
}

/// China's answer to an extension request: granted unless trust is broken.
pub fn answer_extension(scenario: &Scenario, state: &State) -> Answer {
    let val = Valuation::new(scenario, state);
    if state.meters.trust >= scenario.ai.extension_min_trust {
        Answer {
            reply: Reply::GrantExtension,
            why: base(scenario, state, &val, Rule::ExtensionGranted),
        }
    } else {
        Answer {
            reply: Reply::RefuseExtension,
            why: base(scenario, state, &val, Rule::ExtensionRefused),
        }
    }
}

/// China's answer at the summit: its leader signs the agreed package if it still clears the red
/// lines and the balance rule and trust holds. A refused last ask is take-it-or-leave-it: the
/// package must come within the scenario's slack of its demand, and even then Beijing leaves
/// without signing with a chance set by the Beijing drawn (its firmness), lowered by the
/// pressure it feels ([`leave_chance`]).
pub fn answer_signing(scenario: &Scenario, state: &mut State, agreed: &Package) -> Answer {
    let refused_ask = state.summit_ask.is_some();
    let leave = leave_chance(scenario, state);
    let roll: Option<f64> = (refused_ask && leave > 0.0).then(|| state.rng.random());
    let val = Valuation::new(scenario, state);
    let mut why = judged(scenario, state, &val, agreed);
    let slack_ok = !refused_ask
        || why.utility.unwrap_or_default()
            >= why.aspiration - scenario.world.summit.refuse_slack - 1e-9;
    let stays = roll.is_none_or(|r| r >= leave);
    let ok = why.red_line.is_none()
        && val.balanced(&agreed.0)
        && state.meters.trust >= scenario.ai.signing_min_trust
        && slack_ok
        && stays;
    why.rule = if ok {
        Rule::SummitSigned
    } else {
        Rule::SummitRefused
    };
    if let Some(r) = roll {
        why.roll = Some((leave, r));
    }
    if !slack_ok || !stays {
        why.reason = Some("the US refused Beijing's last ask".into());
    }
    Answer {
        reply: if ok { Reply::Sign } else { Reply::RefuseSign },
        why,
    }
}

/// The chance Beijing leaves the summit unsigned if its last ask is refused now: its firmness,
/// less the share of the most pressure it could be under that it feels. Hidden from the player,
/// who sees the pressure band and how Beijing answered so far.
pub fn leave_chance(scenario: &Scenario, state: &State) -> f64 {
    let max = scenario.world.pressure.china_max.max(1e-6);
    let pressed = (felt_pressure(state) / max).clamp(0.0, 1.0);
    (state.beijing.firmness * (1.0 - 0.7 * pressed)).clamp(0.0, 1.0)
}

/// China's last ask at the summit: one step its way on the issue on the table where the step
/// costs the US least for what it gives China, if any, never one that adds a security cost
/// (hawks at home would block it).
pub fn last_ask(scenario: &Scenario, state: &State, agreed: &Package) -> Option<(usize, usize)> {
    let val = Valuation::new(scenario, state);
    let mut best: Option<(f64, usize, usize)> = None;
    for (i, &on) in state.agenda.iter().enumerate() {
        if !on {
            continue;
        }
        let Some(next) = step_towards_china(scenario, i, agreed.0[i]) else {
            continue;
        };
        // The US's domestic win-set: no last-minute ask adds a security cost hawks would block.
        let levels = &scenario.issues[i].levels;
        if levels[next].security_cost > levels[agreed.0[i]].security_cost {
            continue;
        }
        let gain = val.china_at(i, next) - val.china_at(i, agreed.0[i]);
        let loss = (val.us_at(i, agreed.0[i]) - val.us_at(i, next)).max(1e-4);
        let mut l = agreed.0.clone();
        l[i] = next;
        if val.crosses(&l) {
            continue;
        }
        let score = gain / loss;
        if gain > 1e-12 && best.is_none_or(|(b, _, _)| score > b) {
            best = Some((score, i, next));
        }
    }
    best.map(|(_, i, l)| (i, l))
}

/// Whether China still stands by the agreed package: it meets China's demand and the balance
/// rule. Used when something China names (a threat, an event, trust falling) may reopen it.
pub fn still_agreed(scenario: &Scenario, state: &State, agreed: &Package) -> bool {
    let val = Valuation::new(scenario, state);
    val.china(&agreed.0) >= aspiration(scenario, state) - 1e-9 && val.balanced(&agreed.0)
}
