//! Agreements in principle: made (by a proposal China accepts or its counter taken), binding
//! (China's demand fixed where it stood) and taken back at a price in trust.

use crate::ai::{self, Answer, Reply, Rule};
use crate::core::Said;
use crate::engine::{Package, Source, State};
use crate::scenario::Scenario;

/// Records an agreement in principle. A first agreement builds trust and fixes China's demand
/// where it stands; changing a standing agreement does neither, so re-trading agreed terms
/// every week earns nothing. China's de-escalation and purchases start at signing, not here.
pub(crate) fn agree(scenario: &Scenario, state: &mut State, p: Package) {
    // Fresh unless an agreement was made and Beijing has not walked back from it since (the US
    // dropping its own agreement does not make the next one fresh).
    if state.agreed_demand.is_none() {
        state.agreed_demand = Some(ai::aspiration(scenario, state));
        state.meters.trust += scenario.us.weekly.trust_on_accept;
    }
    crate::engine::moves::alarm_hawks(scenario, state, &p);
    state.agreed = Some(p);
    state.counter = None;
}

/// Taking back agreed terms: a proposal worth less to China than the package agreed in
/// principle costs trust in proportion to what it takes back, whatever Beijing answers.
pub(crate) fn take_back(scenario: &Scenario, state: &mut State, p: &Package) {
    let Some(agreed) = state.agreed.as_ref() else {
        return;
    };
    let per = scenario.world.summit.take_back_trust;
    if per <= 0.0 || agreed == p {
        return;
    }
    let val = ai::Valuation::new(scenario, state);
    let taken = (val.china(&agreed.0) - val.china(&p.0)).max(0.0);
    let trust = per * taken;
    if trust > 0.05 {
        state.meters.trust -= trust;
        state.meters.clamp();
        state.log(Source::China, Said::TakenBack { trust });
    }
}

/// Takes China's standing counter: China honours it, and it becomes the agreement.
pub(crate) fn accept_counter(scenario: &Scenario, state: &mut State) {
    let Some(counter) = state.counter.take() else {
        return;
    };
    // China honours its own counter: its last judgement of that package stands.
    let mut why = ai::judgement(scenario, state, &counter, Rule::Acceptable);
    why.reason = Some(crate::core::answer::COUNTER_TAKEN.to_string());
    state.log(Source::Us, Said::TookCounter);
    state.log(Source::China, Said::CounterConfirmed);
    agree(scenario, state, counter);
    state.last_answer = Some(Answer {
        reply: Reply::Accept,
        why,
    });
    state.meters.clamp();
}
