//! Scores at the end of a game, each with its reason, and the lessons of the source text.

use serde::{Deserialize, Serialize};

use crate::ai::Valuation;
use crate::engine::{Outcome, Package, State};
use crate::scenario::{Kind, Scenario};

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
                "One-time purchases sow disappointment: phase one's buying reached only about 58% of its commitments."
            }
            Lesson::StructuralLasts => {
                "Structural, rule-based commitments with real enforcement are what make a deal last."
            }
            Lesson::SecurityCost => {
                "Export controls were on the table for the first time; every easing traded security for access."
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

fn score(value: f64, reason: String) -> Score {
    Score {
        value: value.clamp(0.0, 100.0),
        reason,
    }
}

/// Scores the game as it stands: the signed package if there is one, else the status quo.
pub fn scorecard(scenario: &Scenario, state: &State) -> Scorecard {
    let val = Valuation::new(scenario, state);
    let sq = scenario.status_quo();
    let outcome = state.outcome;
    let deal = state.signed.as_ref();
    let final_levels: &[usize] = deal.map_or(&sq.0, |p| &p.0);
    let mut lessons = Vec::new();

    // Unilateral gestures are value given away whatever the outcome.
    let us_u = val.us(final_levels) - state.concessions / 100.0;
    // What the table offered when the game ended: China's counter, else the agreement in principle.
    let table_value = state
        .counter
        .as_ref()
        .or(state.agreed.as_ref())
        .map(|p| val.us(&p.0));
    let us_value = match outcome {
        Some(o) if o.is_deal() => score(
            100.0 * us_u,
            format!(
                "The signed package is worth {:.0}/100 to the US (status quo {:.0}){}.",
                100.0 * us_u,
                100.0 * val.us_sq,
                gestures(state.concessions)
            ),
        ),
        Some(Outcome::UsWalkedAway) => match table_value {
            Some(offer) if offer < val.us_sq => score(
                100.0 * us_u + 5.0,
                format!(
                    "Walking away refused a counter worth {:.0} to the US, below the status quo's {:.0}.",
                    100.0 * offer,
                    100.0 * val.us_sq
                ),
            ),
            _ => score(
                100.0 * us_u - 5.0,
                "No deal: the status quo stands, minus the cost of snap-back.".into(),
            ),
        },
        Some(Outcome::Escalation) => score(
            100.0 * us_u - 15.0,
            "The truce collapsed: the status quo, worsened by escalation.".into(),
        ),
        _ => score(100.0 * us_u, "No deal yet: the status quo stands.".into()),
    };

    let (durability, commercial_share) = durability(scenario, &val, deal, outcome);
    if let Some(p) = deal {
        if commercial_share > 0.5 {
            lessons.push(Lesson::CommercialDecay);
        }
        if outcome == Some(Outcome::ComprehensiveDeal) {
            lessons.push(Lesson::StructuralLasts);
        }
        let sec = security_cost(scenario, p);
        if sec > 0.0 {
            lessons.push(Lesson::SecurityCost);
        }
    }

    let china_u = val.china(final_levels);
    let span = (scenario.ai.opening_aspiration - val.china_sq).max(1e-6);
    let balance = if deal.is_some() {
        let sat = (china_u - val.china_sq) / span;
        let ratio = val
            .ratio(final_levels)
            .map_or("China gains nothing".into(), |r| {
                format!("US gain is {r:.2}× China's")
            });
        score(
            100.0 * sat,
            format!(
                "Beijing's utility {:.2} against its opening demand {:.2}; {ratio}.",
                china_u, scenario.ai.opening_aspiration
            ),
        )
    } else {
        score(
            50.0 + state.meters.trust / 4.0,
            format!(
                "No deal to judge; Beijing's trust ends at {:.0}.",
                state.meters.trust
            ),
        )
    };

    let bn: f64 = deal.map_or(0.0, |p| headline_bn(scenario, p));
    let headline = score(
        100.0 * bn / scenario.deal.full_headline_bn.max(1.0),
        format!("${bn:.0}bn of purchases and investment announced."),
    );

    let sec = deal.map_or(0.0, |p| security_cost(scenario, p));
    let security = score(
        100.0 - 100.0 * sec - 0.3 * state.meters.hawk_alarm,
        format!(
            "Export-control easing costs {:.0} points; hawk alarm ends at {:.0}.",
            100.0 * sec,
            state.meters.hawk_alarm
        ),
    );

    let magnet_loss = (scenario.us.start.magnet_supply - state.meters.magnet_supply).max(0.0);
    let escalation_cost = if outcome == Some(Outcome::Escalation) {
        20.0
    } else {
        0.0
    };
    let damage = score(
        100.0 - 4.0 * f64::from(state.rung_weeks) - 0.4 * magnet_loss - escalation_cost,
        format!(
            "{} weeks under mineral restrictions (peak rung {}); magnet supply {:.0}.",
            state.restricted_weeks, state.max_rung, state.meters.magnet_supply
        ),
    );
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

    let overall_value = 0.25 * us_value.value
        + 0.30 * durability.value
        + 0.10 * balance.value
        + 0.05 * headline.value
        + 0.15 * security.value
        + 0.15 * damage.value;
    let overall = score(
        overall_value,
        "Durability 30%, US value 25%, security and damage 15% each, balance 10%, headline 5%."
            .into(),
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

/// The clause naming what goodwill gestures cost, if any.
fn gestures(points: f64) -> String {
    if points > 0.0 {
        format!(", after {points:.0} points given away in goodwill gestures")
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

/// Durability from a one-year epilogue: commercial commitments delivered at the scenario's
/// rate, structural ones held by enforcement, political ones by goodwill. Returns the score and
/// the commercial share of the US gains.
fn durability(
    scenario: &Scenario,
    val: &Valuation,
    deal: Option<&Package>,
    outcome: Option<Outcome>,
) -> (Score, f64) {
    let Some(p) = deal else {
        let (v, why) = match outcome {
            Some(Outcome::TruceExtended) => {
                (35.0, "No deal: the truce rolls on, nothing is locked in.")
            }
            Some(Outcome::UsWalkedAway) => (20.0, "No deal: the US walked away."),
            Some(Outcome::Escalation) => (0.0, "No deal: the truce collapsed."),
            _ => (0.0, "No deal signed yet."),
        };
        return (score(v, why.into()), 0.0);
    };
    let rules = &scenario.deal;
    let enforcement = scenario
        .issue_index(&rules.enforcement_issue)
        .map_or(0, |e| p.0[e]);
    let hold_structural = rules
        .structural_hold
        .get(enforcement)
        .or(rules.structural_hold.last())
        .copied()
        .unwrap_or(0.5);
    let (mut promised, mut kept, mut structural, mut commercial) = (0.0, 0.0, 0.0, 0.0);
    for (i, issue) in scenario.issues.iter().enumerate() {
        let gain = val.us_at(i, p.0[i]) - val.us_at(i, issue.status_quo);
        if gain <= 0.0 {
            continue;
        }
        let kind = issue.levels[p.0[i]].kind;
        let hold = match kind {
            Kind::Structural => hold_structural,
            Kind::Commercial => rules.commercial_delivery,
            Kind::Political => rules.political_hold,
        };
        promised += gain;
        kept += gain * hold;
        match kind {
            Kind::Structural => structural += gain,
            Kind::Commercial => commercial += gain,
            Kind::Political => {}
        }
    }
    if promised <= 0.0 {
        return (
            score(10.0, "The deal gives the US nothing to implement.".into()),
            0.0,
        );
    }
    let kept_share = kept / promised;
    let structural_share = structural / promised;
    let value = 100.0 * (0.7 * kept_share + 0.3 * structural_share);
    let reason = format!(
        "After a year, {:.0}% of the US gains are delivered; {:.0}% of them are structural (enforcement: {}).",
        100.0 * kept_share,
        100.0 * structural_share,
        scenario
            .issue_index(&rules.enforcement_issue)
            .map_or("none", |e| scenario.issues[e].levels[enforcement]
                .label
                .as_str())
    );
    (score(value, reason), commercial / promised)
}
