//! Scores at the end of a game, each with its reason, and the lessons of the source text.

use serde::{Deserialize, Serialize};

use crate::ai::Valuation;
use crate::core::Epilogue;
use crate::engine::{Outcome, Package, State};
use crate::scenario::{Kind, Scenario};

mod whole;
use whole::Whole;

/// One score, 0..=100, with the reason behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// 0..=100, higher is better for the US.
    pub value: f64,
    /// Why, in words.
    pub reason: String,
}

/// A lesson of the source text that this game illustrates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lesson {
    /// Beijing insists on balance after phase one.
    Balance,
    /// China's toolbox goes beyond tariffs.
    Toolbox,
    /// One-time purchases sow disappointment.
    CommercialDecay,
    /// Structural, rule-based commitments make a deal last.
    StructuralLasts,
    /// Export controls on the table carry a security cost.
    SecurityCost,
    /// China is not hungry; the truce can be extended regardless.
    NotHungry,
    /// Be willing to walk away.
    WalkAway,
    /// 2½ months is a very short window.
    Time,
}

impl Lesson {
    /// The key a scenario uses to reword this lesson (`balance`, `toolbox`, …).
    pub fn key(self) -> &'static str {
        match self {
            Lesson::Balance => "balance",
            Lesson::Toolbox => "toolbox",
            Lesson::CommercialDecay => "commercial_decay",
            Lesson::StructuralLasts => "structural_lasts",
            Lesson::SecurityCost => "security_cost",
            Lesson::NotHungry => "not_hungry",
            Lesson::WalkAway => "walk_away",
            Lesson::Time => "time",
        }
    }

    /// The lesson in the scenario's words when it gives them, else the built-in text.
    pub fn text_in(self, scenario: &Scenario) -> &str {
        let w = &scenario.world;
        w.taught
            .iter()
            .find(|t| t.key == self.key())
            .map(|t| t.text.as_str())
            .or_else(|| {
                w.lessons
                    .iter()
                    .find(|(k, _)| k == self.key())
                    .map(|(_, t)| t.as_str())
            })
            .unwrap_or(self.text())
    }

    /// The lesson in words, tied to the source text.
    pub fn text(self) -> &'static str {
        match self {
            Lesson::Balance => {
                "Beijing learned from phase one: it rejects deals whose gains lean towards Washington."
            }
            Lesson::Toolbox => {
                "China's toolbox goes beyond tariffs: export controls on minerals and magnets are leverage it is willing to use."
            }
            Lesson::CommercialDecay => {
                "One-time purchases sow disappointment: China bought about 58% of phase one's whole commitment, less than its 2017 baseline, so none of the extra $200bn arrived."
            }
            Lesson::StructuralLasts => {
                "Structural, rule-based commitments with real enforcement are what make a deal last."
            }
            Lesson::SecurityCost => {
                "Export controls were on the table (London in June had already traded some); every easing trades security for access."
            }
            Lesson::NotHungry => {
                "Beijing is not as hungry for a deal: the truce could be extended again regardless."
            }
            Lesson::WalkAway => {
                "Negotiators must be willing to walk away when the table heads the wrong way."
            }
            Lesson::Time => {
                "Phase one took over a year; 2½ months is an extremely small window for an enduring deal."
            }
        }
    }
}

/// All scores of a finished (or unfinished) game.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scorecard {
    /// Value of the outcome to the US.
    pub us_value: Score,
    /// How much of it survives a year of implementation.
    pub durability: Score,
    /// China's satisfaction: a lopsided deal does not last.
    pub balance: Score,
    /// The headline price tag.
    pub headline: Score,
    /// National security: export controls kept, hawks calm.
    pub security: Score,
    /// Damage avoided: 100 means no shortages.
    pub damage: Score,
    /// The weighted whole.
    pub overall: Score,
    /// Lessons of the source text this game illustrates.
    pub lessons: Vec<Lesson>,
}

impl Scorecard {
    /// The scores with their display names, in display order.
    pub fn named(&self) -> [(&'static str, &Score); 7] {
        [
            ("US value", &self.us_value),
            ("Durability", &self.durability),
            ("Balance", &self.balance),
            ("Headline", &self.headline),
            ("Security", &self.security),
            ("Damage avoided", &self.damage),
            ("Overall", &self.overall),
        ]
    }
}

/// US value: the delivered gain over the status quo (US concessions count in full, Chinese
/// commitments only as delivered, the leverage issue, US tariffs, not at all: US buyers pay
/// them), minus gestures given away. 50 is no deal: a deal below the US walk-away point scores
/// below it.
fn us_value(scenario: &Scenario, state: &State, gain: f64, words: bool) -> Score {
    let outcome = state.outcome;
    match outcome {
        Some(o) if o.is_deal() => score(words, 50.0 + 100.0 * gain, || {
            let tariffs = scenario.index().leverage.map_or(String::new(), |t| {
                format!(
                    "; {} count as leverage, not welfare: US buyers pay them, so cutting them costs leverage at the table and to enforce the deal (see Durability), not value",
                    scenario.issues[t].name
                )
            });
            format!(
                "After a year the deal is worth {:+} points to the US against no deal (50 = no deal){}{tariffs}.",
                // Rounded first, and `+ 0.0` turns -0 into 0: "-0 points" read as a loss.
                Whole((100.0 * gain).round_ties_even() + 0.0),
                gestures(state.concessions)
            )
        }),
        // A walk-out is a lapse plus what it provokes: it starts from the lapse's score, and the
        // epilogue adds China's no-deal cost when the walk-out was credible.
        Some(Outcome::UsWalkedAway) => score(words, 40.0 + 100.0 * gain, || {
            // The year after records whether the walk-out held; the gain cannot tell (a
            // credible second walk-out gains nothing over a lapse).
            let held = state.epilogue.as_ref().is_some_and(|e| {
                e.notes
                    .iter()
                    .any(|n| matches!(n, crate::core::Note::WalkOutHeld { .. }))
            });
            if held {
                format!(
                    "No deal: the US walked away and the truce lapsed, but credibly: Beijing did not mirror it and bears its no-deal cost ({:+} points on a lapse's 40).",
                    Whole((100.0 * gain).round_ties_even() + 0.0)
                )
            } else {
                "No deal: the US walked away and the truce lapsed (40, as a lapse); the walk-out was not credible, so Beijing mirrored it (see Damage).".into()
            }
        }),
        Some(Outcome::Escalation) => score(words, 40.0 + 100.0 * gain, || {
            "The truce collapsed: the status quo, worsened by escalation.".into()
        }),
        _ => score(words, 50.0 + 100.0 * gain, || {
            "No deal: the status quo stands.".into()
        }),
    }
}

/// Balance: a deal both sides keep. The share of what China committed that is delivered and
/// kept after a year (the US's side is kept in full), read from the epilogue: a one-sided term
/// lapses more, and a concession buys nothing by itself (it changes no Chinese term's lean).
fn balance(state: &State, deal: Option<&Package>, epi: Option<&Epilogue>, words: bool) -> Score {
    if deal.is_none() {
        return score(words, 50.0 + state.meters.trust / 4.0, || {
            format!(
                "No deal to judge; Beijing's trust ends at {}.",
                Whole(state.meters.trust)
            )
        });
    }
    let Some(e) = epi.filter(|e| e.kept > 0.0) else {
        return score(words, 50.0, || {
            "China committed to nothing the US gains from: nothing for both sides to keep.".into()
        });
    };
    score(words, 100.0 * e.delivered, || {
        format!(
            "{}% of what China committed was delivered and kept after a year, and the US kept its side: a deal both sides keep. A one-sided term lapses more; a concession buys nothing by itself.",
            Whole(100.0 * e.delivered)
        )
    })
}

/// Headline: the purchases delivered over what China would have bought anyway.
fn headline(
    scenario: &Scenario,
    deal: Option<&Package>,
    epi: Option<&Epilogue>,
    words: bool,
) -> Score {
    let announced: f64 = deal.map_or(0.0, |p| headline_bn(scenario, p));
    let net = epi.map_or(0.0, |e| e.net_headline_bn);
    score(
        words,
        100.0 * net / scenario.deal.full_headline_bn.max(1.0),
        || {
            format!(
                "${}bn announced; ${}bn delivered over what China would have bought anyway.",
                Whole(announced),
                Whole(net)
            )
        },
    )
}

/// Security: export-control easing and the hawks' alarm.
fn security(scenario: &Scenario, state: &State, deal: Option<&Package>, words: bool) -> Score {
    let sec = deal.map_or(0.0, |p| security_cost(scenario, p));
    score(
        words,
        100.0 - 100.0 * sec - 0.3 * state.meters.hawk_alarm,
        || {
            format!(
                "Export-control easing costs {} points; hawk alarm ends at {}.",
                Whole(100.0 * sec),
                Whole(state.meters.hawk_alarm)
            )
        },
    )
}

/// Overall: the scenario's weights over the six scores.
fn overall(scenario: &Scenario, parts: [&Score; 6], words: bool) -> Score {
    let [us_value, durability, balance, headline, security, damage] = parts;
    let w = &scenario.world.weights;
    let overall_value = w.us_value * us_value.value
        + w.durability * durability.value
        + w.balance * balance.value
        + w.headline * headline.value
        + w.security * security.value
        + w.damage * damage.value;
    score(words, overall_value, || {
        format!(
            "US value {}%, durability {}%, balance {}%, headline {}%, security {}%, damage avoided {}%.",
            Whole(100.0 * w.us_value),
            Whole(100.0 * w.durability),
            Whole(100.0 * w.balance),
            Whole(100.0 * w.headline),
            Whole(100.0 * w.security),
            Whole(100.0 * w.damage)
        )
    })
}

/// A score; its reason is put into words only when `words` (a search needs the value alone).
fn score(words: bool, value: f64, reason: impl FnOnce() -> String) -> Score {
    Score {
        value: value.clamp(0.0, 100.0),
        reason: if words { reason() } else { String::new() },
    }
}

/// Scores the game: the epilogue's year after the table (what was delivered, what kept biting),
/// read against the US's no-deal value. Unfinished games score the status quo.
pub fn scorecard(scenario: &Scenario, state: &State) -> Scorecard {
    card(scenario, state, true)
}

/// The scorecard had `package` been signed instead at the end of this game: the same final
/// state and the same dice for every package asked this of it (what-if questions, and the tests
/// that hold the scores' economics on games played).
pub fn scorecard_if_signed(scenario: &Scenario, state: &State, package: &Package) -> Scorecard {
    scorecard(scenario, &signed_instead(scenario, state, package))
}

/// The finished state had `package` been signed instead, with its year after played on the
/// same dice (`scorecard_if_signed`'s state).
pub fn signed_instead(scenario: &Scenario, state: &State, package: &Package) -> State {
    let mut st = state.clone();
    st.outcome = Some(crate::engine::classify(scenario, package));
    st.signed = Some(package.clone());
    st.epilogue = Some(crate::engine::epilogue::play(scenario, &mut st));
    st
}

/// The overall score alone (what `scorecard` gives as `overall.value`), with no words built:
/// the reward a search reads after every playout.
pub fn overall_value(scenario: &Scenario, state: &State) -> f64 {
    card(scenario, state, false).overall.value
}

fn card(scenario: &Scenario, state: &State, words: bool) -> Scorecard {
    let val = Valuation::new(scenario, state);
    let outcome = state.outcome;
    let deal = state.signed.as_ref();
    let epi = state.epilogue.as_ref();
    let mut lessons = Vec::new();

    let gain = epi.map_or(0.0, |e| e.us_gain) - state.concessions / 100.0;
    let us_value = us_value(scenario, state, gain, words);

    let (mut durability, commercial_share) = durability(scenario, &val, deal, outcome, epi, words);
    // Below the US walk-away point a deal is a loss: what lasts of it is nothing to score.
    if deal.is_some() && gain < 0.0 {
        durability = score(words, 0.0, || {
            "The deal is worth less to the US than no deal: below the walk-away point, its durability only locks in a loss.".into()
        });
    }
    if let Some(p) = deal {
        if commercial_share > 0.5 {
            lessons.push(Lesson::CommercialDecay);
        }
        if outcome == Some(Outcome::ComprehensiveDeal) {
            lessons.push(Lesson::StructuralLasts);
        }
        if security_cost(scenario, p) > 0.0 {
            lessons.push(Lesson::SecurityCost);
        }
    }

    let balance = balance(state, deal, epi, words);

    let headline = headline(scenario, deal, epi, words);
    let security = security(scenario, state, deal, words);

    let damage = damage(scenario, state, epi, words);
    if state.max_rung > 0 {
        lessons.push(Lesson::Toolbox);
    }
    if state.balance_refusals > 0 {
        lessons.push(Lesson::Balance);
    }
    match outcome {
        Some(Outcome::TruceExtended) => lessons.push(Lesson::NotHungry),
        Some(Outcome::UsWalkedAway) => lessons.push(Lesson::WalkAway),
        Some(Outcome::Escalation) => lessons.push(Lesson::Time),
        _ => {}
    }

    // Each lesson only where it fits the game played (the scenario names its conditions).
    let figures = crate::engine::lessons::Figures {
        balance: balance.value,
    };
    lessons.retain(|&l| crate::engine::lessons::fits(scenario, state, l, &figures));
    let overall = overall(
        scenario,
        [
            &us_value,
            &durability,
            &balance,
            &headline,
            &security,
            &damage,
        ],
        words,
    );
    Scorecard {
        us_value,
        durability,
        balance,
        headline,
        security,
        damage,
        overall,
        lessons,
    }
}

/// Damage avoided over the talks and the epilogue's year: restrictions, magnet shortages, farm
/// stress and market confidence all count.
fn damage(scenario: &Scenario, state: &State, epi: Option<&Epilogue>, words: bool) -> Score {
    let start = &scenario.us.start;
    let (rung_months, farm, market, magnets) = epi.map_or(
        (
            0,
            state.meters.farm_stress,
            state.meters.market_confidence,
            state.meters.magnet_supply,
        ),
        |e| (e.rung_months, e.mean_farm, e.mean_market, e.min_magnets),
    );
    let magnet_loss = (start.magnet_supply - magnets).max(0.0);
    let value = 100.0
        - 1.5 * f64::from(state.rung_weeks)
        - 2.0 * f64::from(rung_months)
        - 0.4 * magnet_loss
        - 0.5 * (farm - start.farm_stress).max(0.0)
        - 0.6 * (start.market_confidence - market).max(0.0);
    score(words, value, || {
        let weeks = match state.restricted_weeks {
            1 => "1 week".to_string(),
            n => format!("{n} weeks"),
        };
        let restrictions = if state.max_rung == 0 {
            format!("No {} during the talks", scenario.world.ladder_name())
        } else if state.restricted_weeks == 0 && state.rung > 0 {
            format!(
                "Restrictions reached rung {} as the talks ended",
                state.max_rung
            )
        } else if state.restricted_weeks == 0 {
            format!(
                "Restrictions reached rung {} but were lifted within the week",
                state.max_rung
            )
        } else {
            format!(
                "{weeks} under {} (peak rung {})",
                scenario.world.ladder_name(),
                state.max_rung
            )
        };
        format!(
            "{restrictions}; over the next year {rung_months} rung-months, farm stress {} and market confidence {} on average, magnets as low as {}.",
            Whole(farm),
            Whole(market),
            Whole(magnets)
        )
    })
}

/// The clause naming what goodwill gestures cost, if any.
fn gestures(points: f64) -> String {
    if points > 0.0 {
        format!(
            ", after {} points given away in goodwill gestures",
            Whole(points)
        )
    } else {
        String::new()
    }
}

/// Sum of headline $bn of a package.
pub fn headline_bn(scenario: &Scenario, p: &Package) -> f64 {
    p.0.iter()
        .zip(&scenario.issues)
        .map(|(&l, i)| i.levels[l].headline_bn)
        .sum()
}

/// Sum of security costs of a package.
pub fn security_cost(scenario: &Scenario, p: &Package) -> f64 {
    p.0.iter()
        .zip(&scenario.issues)
        .map(|(&l, i)| i.levels[l].security_cost)
        .sum()
}

/// The share of all the US could gain over the status quo (tariffs aside), delivered, kept
/// and enforced, at which Durability reads half marks. A complete deal never asks for
/// everything (China keeps a share of each issue), so half of it kept scores 80; the curve
/// never flattens, so more kept always scores more (a clamp at 100 would let a deal past it
/// gain nothing by asking more and lose Balance).
const HALF_MARKS: f64 = 0.125;

/// Durability from the epilogue: the amount of US gain delivered and kept after a year (not a
/// share of what was asked, so asking for less never scores more) as a share of all the US
/// could gain, lasting as far as the leverage the US kept enforces it (`HALF_MARKS`). What is delivered
/// rests on each commitment's kind, the enforcement chapter and how one-sided it is. Returns
/// the score and the commercial share of the gains asked.
fn durability(
    scenario: &Scenario,
    val: &Valuation,
    deal: Option<&Package>,
    outcome: Option<Outcome>,
    epi: Option<&Epilogue>,
    words: bool,
) -> (Score, f64) {
    let Some(p) = deal else {
        let (v, why) = match outcome {
            Some(Outcome::TruceExtended) => {
                (25.0, "No deal: the truce rolls on, nothing is locked in.")
            }
            Some(Outcome::UsWalkedAway) => {
                (0.0, "No deal: the US walked away and the truce lapsed.")
            }
            Some(Outcome::Escalation) => (0.0, "No deal: the truce collapsed."),
            _ => (0.0, "No deal signed yet."),
        };
        return (score(words, v, || why.into()), 0.0);
    };
    let leverage = scenario.index().leverage;
    // All the US could gain over the status quo, China's cards included, tariffs aside.
    let mut possible = val.us_max - val.us_sq;
    let (mut promised, mut structural, mut commercial) = (0.0, 0.0, 0.0);
    for (i, issue) in scenario.issues.iter().enumerate() {
        let sq = val.us_at(i, val.sq(i));
        if Some(i) == leverage {
            possible -= val.us_levels(i).iter().fold(sq, |a, &b| a.max(b)) - sq;
            continue;
        }
        let gain = val.us_at(i, p.0[i]) - sq;
        if gain <= 0.0 {
            continue;
        }
        promised += gain;
        match issue.levels[p.0[i]].kind {
            Kind::Structural => structural += gain,
            Kind::Commercial => commercial += gain,
            Kind::Political => {}
        }
    }
    let (kept, delivered, lev) = epi.map_or((0.0, 0.0, 1.0), |e| (e.kept, e.delivered, e.leverage));
    let lasting = kept * crate::engine::epilogue::enforced(scenario, lev) / possible.max(1e-6);
    let value = 100.0 * lasting / (lasting + HALF_MARKS);
    let enforcement = scenario
        .index()
        .enforcement
        .map_or("none", |e| scenario.issues[e].levels[p.0[e]].label.as_str());
    let share = |part: f64| if promised > 0.0 { part / promised } else { 0.0 };
    let reason = || {
        if kept <= 0.0 {
            return "The deal gives the US nothing to implement.".into();
        }
        format!(
            "{}: the US gains delivered and kept after a year ({}% of those asked, {}% of them structural; enforcement: {enforcement}), as far as the leverage the US kept enforces them ({}% of it: its tariffs and the cards the deal left standing), are {}% of all the US could gain (half of it scores 80; more always scores more). Delivery rates are the model's assumptions: phase one had an enforcement chapter and still delivered about 58%.",
            Whole(value),
            Whole(100.0 * delivered),
            Whole(100.0 * share(structural)),
            Whole(100.0 * lev),
            Whole(100.0 * lasting),
        )
    };
    (score(words, value, reason), share(commercial))
}

#[cfg(test)]
mod tests;
