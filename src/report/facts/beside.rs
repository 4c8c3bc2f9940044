//! The deal beside history by value: what each package is worth to each side, as a share of
//! what that side could gain over the whole agenda, so a deal that matches history on fewer
//! issues but is worth more to the US reads as better, not worse.

use crate::ai::Valuation;
use crate::core::State;
use crate::scenario::Scenario;

/// Each side's share of its possible gain (US, China), in percent, for the signed deal and for
/// history's package; none when nothing was signed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Beside {
    /// The signed deal: (US, China) percent.
    pub yours: (f64, f64),
    /// History's package: (US, China) percent.
    pub history: (f64, f64),
}

impl Beside {
    /// The comparison as the game ended, when a deal was signed.
    pub fn of(s: &Scenario, state: &State) -> Option<Beside> {
        let signed = state.signed.as_ref()?;
        let val = Valuation::new(s, state);
        let historical = super::historical_package(s);
        let pct = |(u, c): (f64, f64)| (100.0 * u, 100.0 * c);
        Some(Beside {
            yours: pct(val.shares(&signed.0)),
            history: pct(val.shares(&historical.0)),
        })
    }

    /// One sentence: each side's share for both packages, and which is better for the US.
    pub fn line(&self) -> String {
        let (yu, yc) = self.yours;
        let (hu, hc) = self.history;
        let verdict = if (yu - hu).abs() < 1.0 {
            "about what history gave the US"
        } else if yu > hu {
            "better for the US than history"
        } else {
            "worse for the US than history"
        };
        format!(
            "By value (each side's share of what it could gain): your deal gives the US {yu:.0}% and China {yc:.0}%; history's gave the US {hu:.0}% and China {hc:.0}%: {verdict}."
        )
    }
}
