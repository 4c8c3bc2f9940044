//! The epilogue: the twelve months after the game, played month by month from the final state
//! with the game's own RNG. After a deal each Chinese commitment is delivered with a chance set
//! by its kind, enforcement and the deal's balance (purchases counted against their
//! business-as-usual baseline); US concessions are delivered for sure. After a walk-out or an
//! escalation the cards in force and the rung keep biting; after an extension the unresolved
//! pressures keep running.

use rand::RngExt;

use crate::ai::Valuation;
use crate::core::{Epilogue, Month, Note, Outcome, State};
use crate::scenario::{Kind, Scenario, Side};

/// Plays the epilogue of a finished game.
pub(crate) fn play(scenario: &Scenario, state: &mut State) -> Epilogue {
    let r = scenario.world.epilogue.clone();
    let months = r.months.max(1);
    let mut notes = Vec::new();
    let mut rung = state.rung;
    let mut lapse_rung_at: Option<u32> = None;
    let (mut us_gain, mut promised, mut kept) = (0.0, 0.0, 0.0);
    let (mut announced, mut net_bn) = (0.0, 0.0);
    let mut farm_flowing = false;
    let mut farm_m = r.farm_monthly;
    let market_m;
    let deal = state.signed.clone();
    // The year draws from the game's own RNG (a copy, put back at the end).
    let mut rng = state.rng.clone();
    if let Some(p) = &deal {
        let val = Valuation::new(scenario, state);
        let (us_s, cn_s) = val.shares(&p.0);
        let factor = (1.0 - r.lopsided_penalty * (us_s - cn_s).max(0.0)).clamp(0.2, 1.0);
        let rules = &scenario.deal;
        let enforcement = scenario.index().enforcement.map_or(0, |e| p.0[e]);
        let hold_structural = rules
            .structural_hold
            .get(enforcement)
            .or(rules.structural_hold.last())
            .copied()
            .unwrap_or(0.5);
        let minerals = scenario.index().minerals;
        for (i, issue) in scenario.issues.iter().enumerate() {
            let gain = val.us_at(i, p.0[i]) - val.us_at(i, issue.status_quo);
            let level = &issue.levels[p.0[i]];
            if gain <= 0.0 {
                us_gain += gain;
                continue;
            }
            let kind = level.kind;
            let hold = factor
                * match kind {
                    Kind::Structural => hold_structural,
                    Kind::Commercial => rules.commercial_delivery,
                    Kind::Political => rules.political_hold,
                };
            let roll: f64 = rng.random();
            let share = if kind == Kind::Commercial {
                // Purchases arrive in part: centred on the delivery rate.
                (hold * (0.5 + roll)).clamp(0.0, 1.0)
            } else if roll < hold {
                1.0
            } else {
                let month = 1 + crate::core::num::whole((f64::from(months) * roll).floor(), months)
                    % months;
                notes.push(Note::Lapsed { issue: i, month });
                if Some(i) == minerals {
                    lapse_rung_at = Some(month);
                }
                f64::from(month) / f64::from(months)
            };
            if share >= 1.0 || kind == Kind::Commercial {
                notes.push(Note::Delivered { issue: i, share });
            }
            promised += gain;
            kept += gain * share;
            us_gain += gain * share;
            announced += level.headline_bn;
            net_bn += (level.headline_bn - level.baseline_bn).max(0.0) * share;
            if Some(i) == scenario.index().farm && share >= 0.3 {
                farm_flowing = true;
            }
        }
        // China's cards the deal suspends count as delivered US gains, at the structural rate.
        for (k, card) in scenario.world.cards.iter().enumerate() {
            if card.side == Side::China && state.cards[k] && crate::ai::suspends(scenario, k, &p.0)
            {
                promised += card.value;
                kept += card.value * hold_structural;
                us_gain += card.value * hold_structural;
            }
        }
        if announced > 0.0 {
            notes.push(Note::Baseline {
                announced,
                net: net_bn,
            });
        }
        let minerals_flow = minerals.is_some_and(|m| {
            let issue = &scenario.issues[m];
            issue.levels[p.0[m]].us > issue.levels[issue.status_quo].us
        });
        if minerals_flow {
            rung = 0;
        }
        if farm_flowing {
            farm_m = -r.farm_relief;
        }
        market_m = -0.5 * r.market_monthly;
    } else {
        match state.outcome {
            Some(Outcome::TruceExtended) => {
                let open = state.agenda.iter().filter(|&&on| on).count();
                notes.push(Note::Unresolved { issues: open });
                farm_m = r.farm_monthly * r.extension_share;
                market_m = r.market_monthly * r.extension_share;
            }
            _ => {
                notes.push(Note::TariffsSnapBack);
                rung = rung.max(1);
                market_m = r.market_monthly;
            }
        }
        if rung > 0 {
            notes.push(Note::RestrictionsBite { months, rung });
        }
    }
    let diversified = 1.0 - state.diversification.clamp(0.0, 0.9);
    let m0 = &state.meters;
    let (mut farm, mut market, mut magnets) =
        (m0.farm_stress, m0.market_confidence, m0.magnet_supply);
    let mut out = Vec::with_capacity(months as usize);
    let mut rung_months = 0;
    let (mut sum_farm, mut sum_market, mut min_mag) = (0.0, 0.0, magnets);
    for month in 1..=months {
        if lapse_rung_at == Some(month) {
            rung = rung.max(1);
            notes.push(Note::SnapBack { month, rung });
        }
        farm = (farm + farm_m).clamp(0.0, 100.0);
        market = (market - market_m).clamp(0.0, 100.0);
        if rung > 0 {
            magnets -= r.rung_monthly * f64::from(rung) * diversified;
            market -= 0.5 * f64::from(rung);
            rung_months += u32::from(rung);
        } else {
            magnets += r.magnet_recovery;
        }
        magnets = magnets.clamp(0.0, 100.0);
        market = market.clamp(0.0, 100.0);
        sum_farm += farm;
        sum_market += market;
        min_mag = f64::min(min_mag, magnets);
        out.push(Month {
            month,
            farm_stress: farm,
            market_confidence: market,
            magnet_supply: magnets,
            rung,
        });
    }
    let n = f64::from(months);
    state.rng = rng;
    Epilogue {
        months: out,
        notes,
        delivered: if promised > 0.0 { kept / promised } else { 0.0 },
        us_gain,
        net_headline_bn: net_bn,
        rung_months,
        mean_farm: sum_farm / n,
        mean_market: sum_market / n,
        min_magnets: min_mag,
    }
}
