//! The US walking away: leverage during the talks when credible (Beijing comes back with a
//! lower demand), the end of them otherwise or the second time.

use crate::ai;
use crate::core::Said;
use crate::engine::step::end;
use crate::engine::{Outcome, Source, State};
use crate::scenario::Scenario;

/// A walk-out is leverage during the talks. Credible (Beijing under enough pressure, no bluff
/// called) and the first: Beijing comes back with a lower demand, and the talks go on. Not
/// credible, or a second walk-out: China mirrors it (its rung) unless credible, and the talks
/// end.
pub(crate) fn walk_away(scenario: &Scenario, state: &mut State) {
    let w = &scenario.us.walk_away;
    state.log(Source::Us, Said::WalkedAway);
    let mut answer = crate::ai::answer_walk_out(scenario, state);
    let credible = answer.why.rule == crate::ai::Rule::WalkOutHeld;
    let returns = credible && !state.walked_out && scenario.world.threat.card.is_some();
    for e in &w.effects {
        if !(credible && matches!(e, crate::scenario::Effect::Rung(_))) {
            state.apply_effect(scenario, e);
        }
    }
    if returns {
        state.walked_out = true;
        let cut = walk_out_cut(scenario, state);
        // The answer's figures (what `w` shows as this week's demand) were read before the
        // walk-out; name both so the two demands do not read as one.
        let before = answer.why.aspiration;
        state.demand_cut += cut;
        let now = ai::aspiration(scenario, state);
        answer.why.reason = Some(format!(
            "Beijing comes back to the table: its demand falls from {before:.3} before the walk-out to {now:.3} after it"
        ));
        state.log(Source::China, Said::WalkOutReturned);
        state.last_answer = Some(answer);
        return;
    }
    state.last_answer = Some(answer);
    end(scenario, state, Outcome::UsWalkedAway);
}

/// How far a credible walk-out lowers China's demand: half again what a heeded threat of the
/// threat card would (the bite Beijing reads: its pressure and the card, times credibility).
fn walk_out_cut(scenario: &Scenario, state: &State) -> f64 {
    let t = &scenario.world.threat;
    let value = scenario
        .index()
        .threat_card
        .map_or(0.0, |k| scenario.world.cards[k].value);
    1.5 * t.concession * ai::threat_bite(state, value)
}
