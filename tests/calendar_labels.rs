//! No label names a historical move before the game can have reached its date. A rung, a level,
//! a card or a US gesture can be shown from week 1, so any date it names as a past move must be
//! on or before the scenario's start; an event's text is checked against the day it fires. A
//! date may still be named as a schedule ("from 1 Dec", "announced for 15 Dec"). Nor may a
//! label name the talks' own outcome (the summit's place, the 2019 deal's name) before it.
//! Every text a player can see is checked against the first day it can be on screen: the
//! briefing, goals, glossary, levels, rungs and cards from the start; dated glossary entries
//! from their date; events from the day they fire; lessons from the first day a game can end
//! with them, in all three built-in scenarios.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use truce::core::calendar::Date;
use truce::scenario::{self, Condition, Effect, Fits, Scenario};

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Words before a date that make it a schedule, not a move that has happened.
const SCHEDULE: [&str; 8] = ["from", "for", "until", "by", "to", "due", "before", "till"];

/// The dates a text names as "D Mon" or "D Month [YYYY]", with the word before each.
fn dates(text: &str, year: i32) -> Vec<(Date, String)> {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || "(),.:;".contains(c))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut out = Vec::new();
    for (i, pair) in words.windows(2).enumerate() {
        let Ok(day) = pair[0].parse::<u32>() else {
            continue;
        };
        let Some(month) = MONTHS.iter().position(|m| pair[1].starts_with(m)) else {
            continue;
        };
        // "May" alone is a month; "may" is also a verb, but never after a day number.
        let year = words
            .get(i + 2)
            .and_then(|w| w.parse::<i32>().ok())
            .filter(|y| (1900..2100).contains(y))
            .unwrap_or(year);
        let Some(date) = Date::parse(&format!("{year:04}-{:02}-{day:02}", month + 1)) else {
            continue;
        };
        let before = if i == 0 {
            String::new()
        } else {
            words[i - 1].clone()
        };
        out.push((date, before));
    }
    // "Month YYYY" with no day: the first of the month, marked by a "month" word before it so
    // `early` treats it as a move unless a schedule word precedes ("in January 2020" of a
    // label lifted then; "BIS's September 2025 rule" on 25 Aug).
    for (i, pair) in words.windows(2).enumerate() {
        let Some(month) = FULL_MONTHS
            .iter()
            .position(|m| pair[0] == *m || (pair[0].len() == 3 && m.starts_with(&pair[0])))
        else {
            continue;
        };
        let Some(year) = pair[1]
            .parse::<i32>()
            .ok()
            .filter(|y| (1900..2100).contains(y))
        else {
            continue;
        };
        if i > 0 && words[i - 1].parse::<u32>().is_ok() {
            continue;
        }
        let Some(date) = Date::parse(&format!("{year:04}-{:02}-01", month + 1)) else {
            continue;
        };
        let before = if i == 0 {
            String::new()
        } else {
            words[i - 1].clone()
        };
        out.push((date, format!("month:{before}")));
    }
    out
}

const FULL_MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The text split into runs outside and inside parentheses, each with a flag for "inside".
fn runs(text: &str) -> Vec<(String, bool)> {
    let mut out = vec![(String::new(), false)];
    let mut depth = 0_u32;
    for c in text.chars() {
        match c {
            '(' => {
                depth += 1;
                out.push((String::new(), true));
            }
            ')' => {
                depth = depth.saturating_sub(1);
                out.push((String::new(), depth > 0));
            }
            _ => out.last_mut().map_or((), |r| r.0.push(c)),
        }
    }
    out
}

/// Every date `text` names as a move that has happened and that is later than `shown` (the
/// first day it can be on screen), as messages. A dated move is a date in parentheses, as a
/// label ("(15 Dec)", "(China's 9 Oct move)"), or after a possessive ("Beijing's 9 Oct
/// controls"); a schedule word before the date ("from 1 Dec") makes it a plan, not a move.
/// A named scheduled measure ("the 15 December tariffs") is not flagged: it was announced.
fn early(where_: &str, text: &str, shown: Date) -> Vec<String> {
    runs(text)
        .into_iter()
        .flat_map(|(run, inside)| {
            dates(&run, shown.year())
                .into_iter()
                .filter(move |(d, before)| {
                    let month_only = before.starts_with("month:");
                    let before = before.trim_start_matches("month:");
                    let dated =
                        month_only || inside || before.ends_with("'s") || before.ends_with("’s");
                    *d > shown && dated && !SCHEDULE.contains(&before)
                })
                .map(|(d, _)| format!("{where_}: \"{text}\" names {d}, after {shown}"))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The texts a player can see from the start, with where they live: the tagline, briefing and
/// goals, every rung, level (label and description), card and US gesture, and the glossary's
/// undated entries. (The title names the scenario, not a move: it is not checked.)
fn labels(s: &Scenario) -> Vec<(String, String)> {
    let mut out = vec![
        ("tagline".to_string(), s.tagline.clone()),
        ("us_goals".to_string(), s.us_goals.clone()),
        ("china_goals".to_string(), s.china_goals.clone()),
    ];
    for (k, b) in s.briefing.iter().enumerate() {
        out.push((format!("briefing[{k}]"), b.clone()));
    }
    for (k, r) in s.ai.ladder.iter().enumerate() {
        out.push((format!("ai.ladder[{k}]"), r.name.clone()));
    }
    for r in &s.ai.red_lines {
        out.push((format!("red line {}", r.issue), r.reason.clone()));
    }
    for issue in &s.issues {
        out.push((format!("{} name", issue.id), issue.name.clone()));
        for l in &issue.levels {
            out.push((format!("{} level", issue.id), l.label.clone()));
            out.push((format!("{} level", issue.id), l.description.clone()));
        }
    }
    for c in &s.world.cards {
        out.push((format!("card {}", c.id), c.name.clone()));
        out.push((format!("card {}", c.id), c.text.clone()));
    }
    for (name, g) in [
        ("goodwill", &s.us.goodwill),
        ("threat", &s.us.threat),
        ("walk_away", &s.us.walk_away),
    ] {
        out.push((format!("us.{name}"), g.description.clone()));
    }
    for (term, meaning) in &s.world.glossary {
        out.push((format!("glossary {term}"), format!("{term}: {meaning}")));
    }
    out
}

/// The texts shown only from a later day, with that day: dated glossary entries from their
/// date, event texts from the day they fire, and lessons from the first day the game can end
/// with them (a lesson that needs a deal, from the summit; any other, from the start).
fn later_texts(s: &Scenario) -> Vec<(String, String, Date)> {
    let start = s.start_date();
    let mut out = Vec::new();
    for t in &s.world.later_glossary {
        let from = Date::parse(&t.from).unwrap().max(start);
        out.push((
            format!("later_glossary {}", t.term),
            format!("{}: {}", t.term, t.meaning),
            from,
        ));
    }
    // An event that needs a summit on the calendar (or in doubt) fires no earlier than the
    // first summit is known.
    let summit_known = summits(s).into_iter().map(|(_, _, k)| k).min();
    for e in &s.events {
        let needs_summit = e
            .when
            .iter()
            .any(|c| matches!(c, Condition::SummitScheduled | Condition::SummitDoubted));
        let shown = e
            .date
            .as_deref()
            .and_then(Date::parse)
            .map_or(start, |d| d.max(start));
        let shown = match summit_known {
            Some(k) if needs_summit => shown.max(k),
            _ => shown,
        };
        out.push((format!("event {}", e.id), e.text.clone(), shown));
        out.push((format!("event {}", e.id), e.title.clone(), shown));
    }
    let first_summit = summits(s).into_iter().map(|(_, d, _)| d).min();
    for t in &s.world.taught {
        let shown = if t.when.contains(&Fits::Deal) {
            first_summit.unwrap_or(start)
        } else {
            start
        };
        out.push((format!("lesson {}", t.key), t.text.clone(), shown));
    }
    for (key, text) in &s.world.lessons {
        out.push((format!("lesson {key}"), text.clone(), start));
    }
    out
}

/// Every summit the scenario can hold: (place, the day it is, the first day it is known).
fn summits(s: &Scenario) -> Vec<(String, Date, Date)> {
    let start = s.start_date();
    let mut out = Vec::new();
    if let Some(summit) = &s.clock.summit {
        let known = summit
            .agreed
            .as_deref()
            .and_then(Date::parse)
            .unwrap_or(start);
        out.push((
            summit.place.clone(),
            Date::parse(&summit.date).unwrap(),
            known,
        ));
    }
    for e in &s.events {
        for f in &e.effects {
            if let Effect::ScheduleSummit(summit) = f {
                let known = e.date.as_deref().and_then(Date::parse).unwrap_or(start);
                out.push((
                    summit.place.clone(),
                    Date::parse(&summit.date).unwrap(),
                    known,
                ));
            }
        }
    }
    out
}

/// Names of the talks' own outcome, with the first day each may be shown: a summit agreed
/// during the talks (Busan, agreed on 19 Sep 2025) from the day it is agreed, and for 2019 the
/// name "phase one", coined on 11 Oct 2019. A summit known at the start may be named, but not
/// its result ("Busan was", "agreed at Busan").
fn outcome_names(s: &Scenario) -> Vec<(String, Date)> {
    let start = s.start_date();
    let mut out = Vec::new();
    let all = summits(s);
    for (place, day, _) in &all {
        // A place is known from the first day any summit there is.
        let known = all
            .iter()
            .filter(|(p, _, _)| p == place)
            .map(|(_, _, k)| *k)
            .min()
            .unwrap_or(start);
        let day = *day;
        let place = place.to_lowercase();
        if known > start {
            out.push((place.clone(), known));
        }
        for result in ["was", "agreed at", "at busan the", "swap"] {
            let phrase = if result == "was" {
                format!("{place} was")
            } else if result == "agreed at" {
                format!("agreed at {place}")
            } else {
                result.to_string()
            };
            if result != "swap" || place == "busan" {
                out.push((phrase, day));
            }
        }
    }
    // 2019's name for the deal and its farm headline were both coined on 11 Oct 2019.
    let coined = Date::parse("2019-10-11").unwrap();
    if start < coined {
        out.push(("phase one".into(), coined));
        out.push(("$40-50bn".into(), coined));
    }
    out
}

fn problems(s: &Scenario) -> Vec<String> {
    let start = s.start_date();
    let mut shown: Vec<(String, String, Date)> =
        labels(s).into_iter().map(|(w, t)| (w, t, start)).collect();
    shown.extend(later_texts(s));
    let mut out = Vec::new();
    for (w, t, day) in &shown {
        out.extend(early(&format!("{}: {w}", s.name), t, *day));
        // Lessons come in the debrief, beside the record itself: they may name the outcome.
        if w.starts_with("lesson") {
            continue;
        }
        for (name, from) in outcome_names(s) {
            if *day < from && t.to_lowercase().contains(&name) {
                out.push(format!(
                    "{}: {w}: \"{t}\" names {name} before {from} (shown from {day})",
                    s.name
                ));
            }
        }
    }
    out
}

#[test]
fn the_outcome_check_catches_the_spoilers_it_was_written_for() {
    let s = scenario::builtin("autumn-2025").unwrap().unwrap();
    let names = outcome_names(&s);
    let flagged = |text: &str, day: &str| {
        let day = Date::parse(day).unwrap();
        names
            .iter()
            .any(|(n, from)| day < *from && text.to_lowercase().contains(n))
    };
    // The old glossary on 25 Aug: Busan before the 19 Sep call, and its result.
    assert!(flagged(
        "Busan was mostly a swap of suspensions.",
        "2025-08-25"
    ));
    assert!(flagged("as agreed at Busan", "2025-10-01"));
    assert!(!flagged("Trump and Xi will meet in Busan.", "2025-09-19"));
    let p = scenario::builtin("phase-one-2019").unwrap().unwrap();
    let names = outcome_names(&p);
    let sep = Date::parse("2019-09-02").unwrap();
    assert!(
        names
            .iter()
            .any(|(n, from)| sep < *from
                && "Phase one: signed 15 Jan 2020".to_lowercase().contains(n))
    );
}

#[test]
fn the_checker_catches_a_dated_move_before_its_date() {
    // The labels that gave the bug away: a rung naming "China's 9 Oct move" on 25 Aug, and a
    // rung dated 15 Dec in a game that starts on 2 Sep.
    let aug = Date::parse("2025-08-25").unwrap();
    assert_eq!(
        early("rung", "five more rare earths (China's 9 Oct move)", aug).len(),
        1
    );
    let sep = Date::parse("2019-09-02").unwrap();
    assert_eq!(early("rung", "the second tranche (15 Dec)", sep).len(), 1);
    // Schedules and past dates pass.
    assert!(early("level", "licences from 1 Dec", aug).is_empty());
    assert!(early("rung", "the 0.1% rule announced for 1 Dec", aug).is_empty());
    assert!(early("card", "farm tariffs since 10 March", aug).is_empty());
    assert!(early("rung", "farm purchases halted (5 Aug)", sep).is_empty());
    assert!(early("text", "on 9 October 2024", aug).is_empty());
    assert!(early("card", "the 15 December tariffs", sep).is_empty());
    assert_eq!(early("rung", "Beijing's 9 Oct controls", aug).len(), 1);
    // A month and year with no day: the old glossary's giveaways.
    assert_eq!(early("glossary", "BIS's September 2025 rule", aug).len(), 1);
    assert_eq!(
        early(
            "glossary",
            "made on 5 Aug 2019; lifted in January 2020",
            sep
        )
        .len(),
        1
    );
    assert!(early("glossary", "since April 2025 China requires", aug).is_empty());
    assert!(early("card", "a rule due from January 2026", aug).is_empty());
}

#[test]
fn no_label_names_a_move_before_the_game_reaches_its_date() {
    let mut all = Vec::new();
    for name in scenario::builtin_names() {
        let s = scenario::builtin(name).expect("built in").expect("loads");
        all.extend(problems(&s));
    }
    assert!(all.is_empty(), "anachronistic labels:\n{}", all.join("\n"));
}
