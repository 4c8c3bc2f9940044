//! The epilogue in words: what the year after the table brought.

use crate::core::{Epilogue, Note, Outcome};
use crate::scenario::Scenario;

/// One line per thing that happened in the year after, then the year's meters in a sentence.
pub fn epilogue_lines(
    scenario: &Scenario,
    epi: &Epilogue,
    outcome: Option<Outcome>,
) -> Vec<String> {
    let issue = |i: usize| {
        scenario
            .issues
            .get(i)
            .map_or("an issue", |x| x.name.as_str())
    };
    let mut out = Vec::new();
    for note in &epi.notes {
        out.push(match note {
            Note::Delivered { issue: i, share, .. } if *share >= 1.0 => {
                format!("{}: delivered and kept all year.", issue(*i))
            }
            Note::Delivered {
                issue: i,
                share,
                expected: Some(e),
            } => format!(
                "{}: {:.0}% delivered, against about {:.0}% expected for this deal (purchases arrive in part, as in phase one; the more one-sided the term, the less arrives).",
                issue(*i),
                100.0 * share,
                100.0 * e
            ),
            Note::Delivered { issue: i, share, .. } => format!(
                "{}: {:.0}% delivered (purchases arrive in part, as in phase one).",
                issue(*i),
                100.0 * share
            ),
            Note::FellBack {
                issue: i,
                level,
                share,
                month,
            } => fell_back(scenario, *i, *level, *share, *month),
            Note::Lapsed { issue: i, month } => {
                format!("{}: lapsed in month {month}.", issue(*i))
            }
            // The ladder's own words: in 2019 it is farm retaliation, not minerals.
            Note::SnapBack { month, rung } => format!(
                "Month {month}: Beijing lets a commitment lapse ({}); its ladder of {} stands at rung {rung} again.",
                scenario
                    .index()
                    .minerals
                    .map_or("minerals", |i| issue(i)),
                scenario.world.ladder_name()
            ),
            Note::TariffsSnapBack => {
                "Tariffs snap back and US buyers pay them; Beijing's cards stay in force.".into()
            }
            Note::Mirrored { rung } => format!(
                "Beijing mirrors the US move: its restrictions stand at rung {rung}, {}.",
                rung_name(scenario, *rung)
            ),
            Note::WalkOutHeld { pressure } => format!(
                "The walk-out was credible (no bluff called, the legal basis still holding, China under pressure): Beijing does not mirror it, and the talks are over. Ending them gains nothing more: each side bears its own no-deal cost (China's, {pressure:.3} of its utility)."
            ),
            Note::RestrictionsBite { months, rung } => {
                let name = scenario.world.ladder_name();
                let mut name = name.to_string();
                if let Some(first) = name.get_mut(0..1) {
                    first.make_ascii_uppercase();
                }
                format!(
                    "{name} at rung {rung} bite for {months} months, softened only slowly as allies build other supply."
                )
            }
            Note::Unresolved { issues } => format!(
                "The extension leaves {issues} issues unresolved: farm stress and market worries keep running at half pace."
            ),
            Note::Baseline { announced, net } => format!(
                "${announced:.0}bn of purchases and investment announced; ${net:.0}bn delivered beyond what China would have bought anyway."
            ),
        });
    }
    let what = match outcome {
        Some(o) if o.is_deal() => format!(
            "{:.0}% of the US gains asked were delivered and kept (Balance reads this share: a deal both sides keep; Durability reads the amount kept). The US kept {:.0}% of its leverage to enforce them beyond the year (its tariffs and the cards the deal left standing): Durability counts what that leverage keeps.",
            100.0 * epi.delivered,
            100.0 * epi.leverage
        ),
        _ => "No deal: the pressures of the talks keep running.".into(),
    };
    out.push(format!(
        "{what} Over the year: farm stress {:.0} and market confidence {:.0} on average; magnets as low as {:.0}; {} rung-months of restrictions.",
        epi.mean_farm, epi.mean_market, epi.min_magnets, epi.rung_months
    ));
    if let Some(next) = &scenario.world.afterwards {
        out.push(format!(
            "What happened next, in the record (not scored): {next}"
        ));
    }
    out
}

/// A commitment that did not hold in full, and the lesser one China kept to.
fn fell_back(
    scenario: &Scenario,
    i: usize,
    level: usize,
    share: f64,
    month: Option<u32>,
) -> String {
    let issue = scenario.issues.get(i);
    let name = issue.map_or("an issue", |x| x.name.as_str());
    let label = issue
        .and_then(|x| x.levels.get(level))
        .map_or("a lesser level", |l| l.label.as_str());
    let pct = 100.0 * share;
    match month {
        Some(m) => format!(
            "{name}: lapsed in month {m}; China kept to the lesser \"{label}\" for the rest of the year: {pct:.0}% of the gain asked kept (the more one-sided a term, the likelier it lapses)."
        ),
        None => format!(
            "{name}: no more arrived than \"{label}\" would have brought: {pct:.0}% of the gain asked (the more one-sided a term, the less of it arrives)."
        ),
    }
}

/// The name of rung `rung` (1-based) on the scenario's ladder.
fn rung_name(scenario: &Scenario, rung: u8) -> &str {
    usize::from(rung)
        .checked_sub(1)
        .and_then(|r| scenario.ai.ladder.get(r))
        .map_or("the top of the ladder", |r| r.name.as_str())
}

/// Where each meter on screen counts, for the debrief.
pub const METERS_COUNT: &str = "Where the meters count: farm stress, market confidence and magnet supply (through the talks and the year after) in Damage avoided, and the restriction rung there too (each rung-week and rung-month; the top rung ends the talks); hawk alarm (raised by the easing an agreement adds) in Security; trust in Balance when there is no deal, and in whether Beijing signs or extends; China's pressure and US credibility in China's demand; the days left end the talks when they run out.";
