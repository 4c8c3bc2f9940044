//! The epilogue: the twelve months after the game, played month by month from the final state
//! with the game's own RNG. After a deal each Chinese commitment is delivered with a chance set
//! by its kind, enforcement and how one-sided the term is (purchases counted against their
//! business-as-usual baseline), falling back to the most a lesser commitment keeps; US
//! concessions are delivered for sure, and US tariffs, paid mostly by US buyers, count as the
//! leverage that enforces the deal, not as welfare. After a lapse the US
//! tariffs snap back and China mirrors them; a walk-out is a lapse plus what it provokes: a
//! mirrored rung, unless China's own pressure made the US credible, in which case Beijing bears
//! its no-deal cost and returns to the table. After an extension the unresolved pressures keep
//! running.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use crate::ai::Valuation;
use crate::core::{Epilogue, Month, Note, Outcome, Package, State};
use crate::scenario::{Kind, Scenario, Side};

mod terms;
use terms::Terms;
pub(crate) use terms::enforced;

/// What the year starts from: the notes so far, the rung standing, and the monthly drifts.
struct Year {
    notes: Vec<Note>,
    rung: u8,
    /// The month China lets its mineral commitment lapse, if it does.
    lapse_rung_at: Option<u32>,
    us_gain: f64,
    /// The share of the US's leverage the deal leaves standing (1 without a deal).
    leverage: f64,
    promised: f64,
    kept: f64,
    net_bn: f64,
    farm_monthly: f64,
    market_monthly: f64,
}

impl Year {
    fn new(scenario: &Scenario, state: &State) -> Self {
        Year {
            notes: Vec::new(),
            rung: state.rung,
            lapse_rung_at: None,
            us_gain: 0.0,
            leverage: 1.0,
            promised: 0.0,
            kept: 0.0,
            net_bn: 0.0,
            farm_monthly: scenario.world.epilogue.farm_monthly,
            market_monthly: scenario.world.epilogue.market_monthly,
        }
    }
}

/// Plays the epilogue of a finished game.
pub(crate) fn play(scenario: &Scenario, state: &mut State) -> Epilogue {
    // The year draws from the game's own RNG (a copy, put back at the end).
    let mut rng = state.rng.clone();
    let year = match state.signed.clone() {
        Some(p) => deal_year(scenario, state, &p, &mut rng),
        None => no_deal_year(scenario, state),
    };
    let epilogue = months(scenario, state, year);
    state.rng = rng;
    epilogue
}

/// After a deal: each Chinese commitment is delivered, decays or lapses, with a chance set by
/// its kind and the enforcement chapter, lowered the more one-sided the term (the lopsided
/// penalty); what lapses falls back to the most a lesser commitment on the issue keeps, so
/// asking for more never keeps less. The leverage issue (US tariffs) is worth nothing here (US
/// buyers pay them); the leverage the US kept is recorded for Durability. China's suspended
/// cards count at the structural rate; mineral flow lifts the rung and farm purchases ease
/// farm stress.
fn deal_year(scenario: &Scenario, state: &State, p: &Package, rng: &mut ChaCha8Rng) -> Year {
    let r = &scenario.world.epilogue;
    let mut y = Year::new(scenario, state);
    let val = Valuation::new(scenario, state);
    let ix = scenario.index();
    y.leverage = terms::leverage_kept(scenario, state, &p.0);
    let terms = Terms::new(scenario, &val, p);
    let (mut announced, mut farm_flowing) = (0.0, false);
    for (i, issue) in scenario.issues.iter().enumerate() {
        // One roll per issue whatever the package: the same seed deals each issue the same
        // luck in every package, so a package asking more on one issue keeps no less.
        let roll: f64 = rng.random();
        if Some(i) == ix.leverage {
            continue;
        }
        let signed = p.0[i];
        let gain = terms.gain(i, signed);
        if gain <= 0.0 {
            // A US concession is delivered for sure.
            y.us_gain += gain;
            continue;
        }
        let held = terms.held(i, signed, roll);
        match held.level {
            Some(l) if l == signed => {
                // Purchases centre on their rate: say so, so the same tonnage delivering 30% in
                // one game and 73% in another reads as luck around a stated rate (found in play).
                let commercial = issue.levels[signed].kind == Kind::Commercial;
                y.notes.push(Note::Delivered {
                    issue: i,
                    share: held.share,
                    expected: commercial.then(|| terms.hold(i, signed).clamp(0.0, 1.0)),
                });
            }
            Some(level) => y.notes.push(Note::FellBack {
                issue: i,
                level,
                share: held.kept / gain,
                month: held.lapsed,
            }),
            None => {
                if let Some(month) = held.lapsed {
                    y.notes.push(Note::Lapsed { issue: i, month });
                }
            }
        }
        // The ladder returns only when nothing China committed on its issue still flows.
        if Some(i) == ix.minerals && held.flowing <= 0.0 {
            y.lapse_rung_at = held.lapsed;
        }
        y.promised += gain;
        y.kept += held.kept;
        y.us_gain += held.kept;
        announced += issue.levels[signed].headline_bn;
        // The share is of the whole commitment kept to; only what arrives beyond the baseline
        // (what China would have bought anyway) is new: phase one's 58% of $502bn was less
        // than the 2017 baseline, so none of its extra $200bn arrived.
        if let Some(l) = held.level {
            let level = &issue.levels[l];
            y.net_bn += (level.headline_bn * held.share - level.baseline_bn).max(0.0);
        }
        // Farm purchases flow when a commitment the deal contains arrives in earnest.
        if Some(i) == ix.farm && held.flowing >= 0.3 {
            farm_flowing = true;
        }
    }
    // China's cards the deal suspends count as delivered US gains, at the structural rate; a
    // mirror of a US move only restores the status quo (`card_value` says 0).
    for (k, card) in scenario.world.cards.iter().enumerate() {
        if card.side == Side::China && state.cards[k] && crate::ai::suspends(scenario, k, &p.0) {
            let value = crate::ai::card_value(scenario, state, k);
            y.promised += value;
            y.kept += value * terms.structural;
            y.us_gain += value * terms.structural;
        }
    }
    if announced > 0.0 {
        y.notes.push(Note::Baseline {
            announced,
            net: y.net_bn,
        });
    }
    let minerals_flow = ix.minerals.is_some_and(|m| {
        let issue = &scenario.issues[m];
        issue.levels[p.0[m]].us > issue.levels[val.sq(m)].us
    });
    if minerals_flow {
        y.rung = 0;
    }
    if farm_flowing {
        y.farm_monthly = -r.farm_relief;
    }
    y.market_monthly = -0.5 * r.market_monthly;
    y
}

/// Without a deal. An extension leaves the issues open at half pace. A lapse snaps the tariffs
/// back and China mirrors them with its first rung (if none stands yet). A walk-out is that
/// lapse plus what it provokes: China mirrors it too (its rung was climbed as the US left),
/// unless its own pressure made the walk-out credible; then it does not mirror, and bears its
/// no-deal cost as the US bears its own.
fn no_deal_year(scenario: &Scenario, state: &State) -> Year {
    let r = &scenario.world.epilogue;
    let months = r.months.max(1);
    let mut y = Year::new(scenario, state);
    match state.outcome {
        Some(Outcome::TruceExtended) => {
            let open = state.agenda.iter().filter(|&&on| on).count();
            y.notes.push(Note::Unresolved { issues: open });
            y.farm_monthly = r.farm_monthly * r.extension_share;
            y.market_monthly = r.market_monthly * r.extension_share;
        }
        Some(Outcome::UsWalkedAway) if crate::ai::walk_away_credible(scenario, state) => {
            y.notes.push(Note::TariffsSnapBack);
            // No bonus after the game: a credible walk-out was leverage during the talks (the
            // first brought Beijing back with a lower demand); ending them gains nothing more.
            y.notes.push(Note::WalkOutHeld {
                pressure: state.china_pressure,
            });
        }
        _ => {
            y.notes.push(Note::TariffsSnapBack);
            if y.rung == 0 {
                y.rung = 1;
                y.notes.push(Note::Mirrored { rung: 1 });
            } else if state.outcome == Some(Outcome::UsWalkedAway) {
                y.notes.push(Note::Mirrored { rung: y.rung });
            }
        }
    }
    if y.rung > 0 {
        y.notes.push(Note::RestrictionsBite {
            months,
            rung: y.rung,
        });
    }
    y
}

/// The months themselves: farm stress, markets and magnets under the rung standing.
fn months(scenario: &Scenario, state: &State, mut y: Year) -> Epilogue {
    let r = &scenario.world.epilogue;
    let months = r.months.max(1);
    let diversified = 1.0 - state.diversification.clamp(0.0, 0.9);
    let m0 = &state.meters;
    let (mut farm, mut market, mut magnets) =
        (m0.farm_stress, m0.market_confidence, m0.magnet_supply);
    let mut out = Vec::with_capacity(months as usize);
    // With no rung standing, magnets recover as fast as the minerals regime allows: fully when
    // they flow freely, slowly under general licences, and not at all (they keep falling) under
    // a licensing regime a deal left unresolved, so such a deal does not score "no shortages".
    // (The rare-earth issue itself, not the ladder's issue: 2019's ladder is farm retaliation.)
    let minerals = scenario.issue_index("rare_earths").map_or(1.0, |m| {
        let level = state
            .signed
            .as_ref()
            .and_then(|p| p.0.get(m).copied())
            .or_else(|| state.status_quo.get(m).copied())
            .unwrap_or(scenario.issues[m].status_quo);
        scenario.issues[m]
            .levels
            .get(level)
            .map_or(1.0, |l| 2.0 * l.us - 1.0)
    });
    let mut rung_months = 0;
    let (mut sum_farm, mut sum_market, mut min_mag) = (0.0, 0.0, magnets);
    for month in 1..=months {
        if y.lapse_rung_at == Some(month) {
            y.rung = y.rung.max(1);
            y.notes.push(Note::SnapBack {
                month,
                rung: y.rung,
            });
        }
        farm = (farm + y.farm_monthly).clamp(0.0, 100.0);
        market = (market - y.market_monthly).clamp(0.0, 100.0);
        if y.rung > 0 {
            magnets -= r.rung_monthly * f64::from(y.rung) * diversified;
            market -= 0.5 * f64::from(y.rung);
            rung_months += u32::from(y.rung);
        } else {
            magnets += r.magnet_recovery * minerals;
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
            rung: y.rung,
        });
    }
    let n = f64::from(months);
    Epilogue {
        months: out,
        notes: y.notes,
        delivered: if y.promised > 0.0 {
            y.kept / y.promised
        } else {
            0.0
        },
        us_gain: y.us_gain,
        kept: y.kept,
        leverage: y.leverage,
        net_headline_bn: y.net_bn,
        rung_months,
        mean_farm: sum_farm / n,
        mean_market: sum_market / n,
        min_magnets: min_mag,
    }
}
