//! The rules that pick China's answer to each US move.

use rand::RngExt;

use crate::ai::{Answer, Explanation, Reply, Rule, Valuation, aspiration, counter_offer};
use crate::core::Package;
use crate::core::State;
use crate::scenario::Scenario;

/// The explanation of an answer that judged no package: the rule and the state of play.
pub fn noted(scenario: &Scenario, state: &State, rule: Rule) -> Explanation {
    base(scenario, state, &Valuation::new(scenario, state), rule)
}

/// The explanation of a judged package under `rule`: utilities, gains, ratio and red line.
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
    why.red_line = val.red_line(&p.0);
    why
}

/// China's answer to a proposed package: restrict on an insult or collapsed trust, accept when
/// every rule clears, otherwise counter.
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
    if can_climb && u < val.china_sq - scenario.ai.retaliation.insult_margin {
        why.rule = Rule::Insult;
        return Answer {
            reply: Reply::Restrict(state.rung + 1),
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
    why.rule = if why.red_line.is_some() {
        Rule::RedLine
    } else if u < why.aspiration {
        Rule::BelowAspiration
    } else {
        Rule::Unbalanced
    };
    let counter = counter_offer(scenario, &val, &state.agenda, p, why.aspiration);
    why.counter_utility = Some(val.china(&counter.0));
    Answer {
        reply: Reply::Counter(counter),
        why,
    }
}

/// China's answer to a threat: a rung of restrictions with a chance that grows with distrust.
pub fn answer_threat(scenario: &Scenario, state: &mut State) -> Answer {
    let r = &scenario.ai.retaliation;
    let distrust = (-state.meters.trust).max(0.0);
    let chance = (r.threat_chance + r.distrust_chance_per_point * distrust).clamp(0.0, 1.0);
    let roll: f64 = state.rng.random();
    let val = Valuation::new(scenario, state);
    let can_climb = usize::from(state.rung) < scenario.ai.ladder.len();
    let mut why = base(scenario, state, &val, Rule::ThreatAbsorbed);
    why.roll = Some((chance, roll));
    if can_climb && roll < chance {
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
/// lines and the balance rule and trust holds. Aspiration no longer binds: the package was agreed.
pub fn answer_signing(scenario: &Scenario, state: &State, agreed: &Package) -> Answer {
    let val = Valuation::new(scenario, state);
    let mut why = judged(scenario, state, &val, agreed);
    let ok = why.red_line.is_none()
        && val.balanced(&agreed.0)
        && state.meters.trust >= scenario.ai.signing_min_trust;
    why.rule = if ok {
        Rule::SummitSigned
    } else {
        Rule::SummitRefused
    };
    Answer {
        reply: if ok { Reply::Sign } else { Reply::RefuseSign },
        why,
    }
}
