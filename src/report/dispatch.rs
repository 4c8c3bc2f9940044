//! Dispatches in words: the only place their sentences live.

use crate::core::{Dispatch, Said};
use crate::scenario::Scenario;

/// The dispatch as a sentence.
pub fn dispatch_text(s: &Scenario, d: &Dispatch) -> String {
    said_text(s, &d.said)
}

/// The name of card `k` ("the 50% affiliates rule"), or a placeholder for an unknown index.
pub fn card_name(s: &Scenario, k: usize) -> &str {
    s.world
        .cards
        .get(k)
        .map_or("a measure", |c| c.name.as_str())
}

/// What was said, as a sentence.
pub fn said_text(s: &Scenario, said: &Said) -> String {
    let issue = |i: usize| s.issues.get(i).map_or("an issue", |x| x.name.as_str());
    let card = |k: usize| card_name(s, k);
    match said {
        Said::TalksOpen => {
            // Only a scenario that has a truce says so: in September 2019 there was none, only
            // the 15 December deadline.
            let runs = if s.has_truce() {
                "The truce runs to"
            } else {
                "The deadline is"
            };
            format!(
                "Talks open on {}. {runs} {}.",
                s.start_date().long(),
                s.expiry_date().long()
            )
        }
        Said::Event(e) => s
            .events
            .get(*e)
            .map_or("News.".into(), |ev| format!("{}: {}", ev.title, ev.text)),
        Said::CardInForce(_) | Said::Played(_) => card_text(s, said),
        Said::IssueOpenedByEvent(i) => format!("Now on the table: {}.", issue(*i)),
        Said::IssueBack(i) => format!("Back on the table: {}.", issue(*i)),
        Said::IssueOpened { issue: i, days } => {
            format!("{} opened: {days} days of preparation.", issue(*i))
        }
        Said::IssueOff(i) => format!("{} taken off the table.", issue(*i)),
        Said::TakenBack { trust } => format!(
            "Beijing says the US is taking back terms it agreed: an agreement in principle binds both sides (trust -{trust:.0})."
        ),
        Said::WalkOutReturned => {
            "Beijing calls the US back to the table within days, with a lower demand: the walk-out was credible.".into()
        }
        Said::StepDown => {
            "Beijing steps down the restriction ladder as a sign of good faith.".into()
        }
        Said::Restricted(r) => {
            let name = usize::from(*r)
                .checked_sub(1)
                .and_then(|i| s.ai.ladder.get(i))
                .map_or("no restrictions", |x| x.name.as_str());
            format!(
                "Beijing answers with {}, rung {r}: {name}.",
                s.world.ladder_name()
            )
        }
        Said::Goodwill => format!("US goodwill gesture: {}.", s.us.goodwill.description),
        Said::GoodwillWelcomed => "Beijing welcomes the gesture.".into(),
        Said::ExtensionAsked => "US asks Beijing to extend the truce.".into(),
        Said::ExtensionGranted => "Beijing agrees to extend the truce.".into(),
        Said::ExtensionRefused => "Beijing refuses: trust is too low to extend the truce.".into(),
        Said::Signed => signed_text(s),
        Said::Suspended(k) => format!("Suspended under the deal: {}.", card(*k)),
        Said::SignRefused => {
            "China's leader declines to sign; the summit ends without a deal.".into()
        }
        Said::WalkedAway => format!("The US walks away: {}.", s.us.walk_away.description),
        Said::GameOver(o) => format!("Game over: {}.", o.title()),
        Said::Threatened
        | Said::ThreatMirrored
        | Said::ThreatHeeded
        | Said::ThreatProtested
        | Said::CarriedOut
        | Said::ThreatShelved
        | Said::BluffCalled => threat_text(s, said),
        Said::Hold => "Working-level talks continue; the US holds its position.".into(),
        Said::Collapse => "The restriction ladder has topped out: the truce collapses.".into(),
        Said::Lapsed if s.has_truce() => {
            "The truce lapses with no deal and no extension: tariffs snap back.".into()
        }
        Said::Lapsed => {
            "The deadline passes with no deal and no extension: tariffs snap back.".into()
        }
        Said::SummitMissed
        | Said::SummitNothingAgreed
        | Said::SummitAsk { .. }
        | Said::SummitOpen => summit_text(s, said),
        Said::Proposed { .. }
        | Said::Kept
        | Said::Accepted
        | Said::Insult
        | Said::Countered { .. }
        | Said::TookCounter
        | Said::CounterConfirmed
        | Said::AskGranted { .. }
        | Said::AskRefused { .. }
        | Said::Reopened { .. } => package_text(s, said),
    }
}

/// What was said about a package on the table: proposals, counters and agreements.
fn package_text(s: &Scenario, said: &Said) -> String {
    let package = |p: &crate::core::Package, agenda: &[bool]| {
        if p.0.len() == s.issues.len() && agenda.len() == s.issues.len() {
            s.describe_package(p, agenda)
        } else {
            "(a package for a different agenda)".into()
        }
    };
    match said {
        Said::Proposed { package: p, agenda } => format!("US proposes: {}.", package(p, agenda)),
        Said::Kept => "Beijing stands by the package agreed in principle.".into(),
        Said::Accepted => "Beijing accepts the package in principle.".into(),
        Said::Insult => {
            "Beijing calls the offer an insult: it anchors nothing, and trust falls.".into()
        }
        Said::Countered { package: p, agenda } => {
            format!("Beijing counters: {}.", package(p, agenda))
        }
        Said::TookCounter => {
            "The US accepts Beijing's counter-offer as the agreement in principle.".into()
        }
        Said::CounterConfirmed => {
            "Beijing confirms its own counter as the agreement in principle.".into()
        }
        Said::AskGranted { issue: i, level: l } => {
            format!(
                "The US grants Beijing's last ask: {}.",
                level_text(s, *i, *l)
            )
        }
        Said::AskRefused {
            issue: i,
            level: l,
            signed,
        } => {
            let then = if *signed {
                "Beijing closes the deal all the same"
            } else {
                "Beijing leaves the summit unsigned"
            };
            format!(
                "The US signs without granting Beijing's last ask ({}): {then}.",
                level_text(s, *i, *l)
            )
        }
        Said::Reopened {
            reason,
            package: p,
            agenda,
        } => format!(
            "Beijing reopens the agreement, citing {reason}: it now asks {}.",
            package(p, agenda)
        ),
        _ => String::new(),
    }
}

/// Level `l` of issue `i` as "Short label".
pub fn level_text(s: &Scenario, i: usize, l: usize) -> String {
    s.issues.get(i).map_or(String::from("?"), |x| {
        format!(
            "{} {}",
            x.short,
            x.levels.get(l).map_or("?", |v| v.label.as_str())
        )
    })
}

/// The summit's dispatches, which name its place.
fn summit_text(s: &Scenario, said: &Said) -> String {
    let place = s
        .clock
        .summit
        .as_ref()
        .map_or("the summit", |x| x.place.as_str());
    match said {
        Said::SummitMissed => {
            format!("The leaders met in {place} without a signing; nothing can be signed now.")
        }
        Said::SummitNothingAgreed => {
            format!(
                "Summit week: the leaders meet in {place} with nothing yet agreed in principle; a package agreed this week goes to them."
            )
        }
        Said::SummitAsk { issue: i, level: l } => format!(
            "Summit week in {place}. Beijing makes one last ask: {}. Grant it, or sign without it.",
            level_text(s, *i, *l)
        ),
        _ => format!("Summit week: the leaders meet in {place}; the agreed package can be signed."),
    }
}

/// A card coming into force, by a US play or otherwise.
fn card_text(s: &Scenario, said: &Said) -> String {
    match said {
        Said::Played(k) => s
            .world
            .cards
            .get(*k)
            .map_or("The US plays a card.".into(), |c| {
                format!("The US plays {}: {}", c.name, c.text)
            }),
        Said::CardInForce(k) => {
            s.world
                .cards
                .get(*k)
                .map_or("A measure is now in force.".into(), |c| {
                    // "Now in force:" first, so a plural name ("port fees") reads as well as one.
                    format!("Now in force: {}: {}", c.name, c.text)
                })
        }
        _ => "A measure is now in force.".into(),
    }
}

/// What an agreement becomes at the summit, as the scenario's record has it.
fn signed_text(s: &Scenario) -> String {
    use crate::scenario::Closing;
    match s.summit_closing() {
        Some(Closing::Announced) => {
            "The agreement is announced, not signed: each side announces its own measures.".into()
        }
        Some(Closing::SignedLater(date, by)) => {
            let when = crate::core::calendar::Date::parse(date).map_or(date.clone(), |d| d.long());
            format!("The text is announced, to be signed on {when} by {by}.")
        }
        Some(Closing::Signed) | None => "The leaders sign the agreement.".into(),
    }
}

/// A threat and how it ends.
fn threat_text(s: &Scenario, said: &Said) -> String {
    match said {
        Said::Threatened => format!("US threatens: {}.", s.us.threat.description),
        Said::ThreatMirrored => {
            "Beijing mirrors the threat: it answers escalation with escalation.".into()
        }
        Said::ThreatHeeded => "Beijing takes the threat seriously and signals it can move.".into(),
        Said::ThreatProtested => {
            "Beijing protests the threat but does not escalate this week.".into()
        }
        Said::CarriedOut => {
            "The threat is carried out: US threats are believed a little more.".into()
        }
        Said::ThreatShelved => "Beijing has moved: the threatened measure is shelved.".into(),
        _ => format!(
            "The threat's deadline passes with nothing agreed in principle and {} not imposed: Beijing calls the bluff, and US threats count for less.",
            s.index()
                .threat_card
                .map_or("the measure", |k| card_name(s, k))
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_last_ask_says_what_was_asked_and_what_beijing_did() {
        let Some(Ok(s)) = crate::scenario::builtin("autumn-2025") else {
            panic!("the built-in scenario loads");
        };
        let tariffs = s.issue_index("tariffs").unwrap_or_default();
        let said = |signed| {
            said_text(
                &s,
                &Said::AskRefused {
                    issue: tariffs,
                    level: 4,
                    signed,
                },
            )
        };
        assert_eq!(
            said(true),
            "The US signs without granting Beijing's last ask (Tariffs 0% additional): Beijing closes the deal all the same."
        );
        assert_eq!(
            said(false),
            "The US signs without granting Beijing's last ask (Tariffs 0% additional): Beijing leaves the summit unsigned."
        );
    }
}
