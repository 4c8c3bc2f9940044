//! Beijing's private type: the parameters drawn for one game from the ranges its scenario sets.
//! The state carries them so a game is still its scenario, seed and moves; the screen never
//! prints them during play (the debrief, the transcript and the review reveal them).

use serde::{Deserialize, Serialize};

/// The Beijing a player faces in one game. The neutral type (every multiplier 1, nothing added)
/// is the scenario's own negotiator, as before types existed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Beijing {
    /// Index of the archetype drawn in the scenario's list; `None` for the neutral type.
    pub archetype: Option<usize>,
    /// Added to the floor China concedes towards (utility): what no deal is worth to it, beyond
    /// the scenario's figure.
    pub floor: f64,
    /// Multiplies the concession exponent: below 1 it concedes later (a patient Beijing).
    pub patience: f64,
    /// Multiplies the pressure China feels (export orders lost, cards, sales lost abroad).
    pub pressure: f64,
    /// Multiplies the bite China reads in a US threat or walk-out.
    pub threat: f64,
    /// Multiplies how much of the US's visible pain (farms, markets, magnets) China adds to its
    /// demand: a Beijing that waits for US farmers to hurt.
    pub reads_us: f64,
    /// The chance it leaves the summit without signing when its last ask is refused, at no
    /// pressure (pressure lowers it).
    pub firmness: f64,
    /// Its own deadline as a multiple of the summit's (1 for the scenario's negotiator): above
    /// 1 its demand is still above its floor when the leaders meet, because it would rather let
    /// the summit pass than concede to a US that waited.
    pub horizon: f64,
    /// Multiplies each issue's weight in China's utility (empty: all 1).
    pub weights: Vec<f64>,
    /// Which of its kind's own red lines it holds, by index in the kind's list.
    pub red_lines: Vec<usize>,
}

impl Default for Beijing {
    fn default() -> Self {
        Beijing::NEUTRAL
    }
}

impl Beijing {
    /// The scenario's own negotiator, with nothing private drawn.
    pub const NEUTRAL: Beijing = Beijing {
        archetype: None,
        floor: 0.0,
        patience: 1.0,
        pressure: 1.0,
        threat: 1.0,
        reads_us: 1.0,
        firmness: 0.0,
        horizon: 1.0,
        weights: Vec::new(),
        red_lines: Vec::new(),
    };

    /// The multiplier of issue `i`'s weight.
    pub fn weight(&self, i: usize) -> f64 {
        self.weights.get(i).copied().unwrap_or(1.0)
    }
}
