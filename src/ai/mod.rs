//! The Chinese negotiator: additive utility, a Boulware aspiration, the balance rule, red lines,
//! log-rolling counter-offers and mineral restrictions, each answer with its explanation.

mod counter;
mod negotiator;
mod valuation;

pub use crate::core::{Answer, Explanation, RedLineHit, Reply, Rule, WalkOutBite};
pub use counter::counter_offer;
pub use counter::step_towards_china;
pub use negotiator::{
    answer_extension, answer_proposal, answer_signing, answer_threat, answer_walk_out, heed_chance,
    insults, is_insult, judgement, last_ask, leave_chance, noted, still_agreed, threat_bite,
    walk_away_credible,
};
pub use valuation::{
    Valuation, aspiration, aspiration_on, card_value, felt_pressure, status_quo_level, suspends,
    us_pressure,
};
