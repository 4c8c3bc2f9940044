//! No label names a historical move before the game can have reached its date. A rung, a level,
//! a card or a US gesture can be shown from week 1, so any date it names as a past move must be
//! on or before the scenario's start; an event's text is checked against the day it fires. A
//! date may still be named as a schedule ("from 1 Dec", "announced for 15 Dec"). Nor may a
//! label name the talks' own outcome (the summit's place, the 2019 deal's name) before it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use truce::core::calendar::Date;
use truce::scenario::{self, Scenario};

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
    out
}

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
                    let dated = inside || before.ends_with("'s") || before.ends_with("’s");
                    *d > shown && dated && !SCHEDULE.contains(&before.as_str())
                })
                .map(|(d, _)| format!("{where_}: \"{text}\" names {d}, after {shown}"))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The texts a player can see from the start, with where they live.
fn labels(s: &Scenario) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (k, r) in s.ai.ladder.iter().enumerate() {
        out.push((format!("ai.ladder[{k}]"), r.name.clone()));
    }
    for issue in &s.issues {
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
    out
}

/// Names of the talks' own outcome, which no label may use before it happens: the summit's
/// place ("as agreed at Busan" weeks before Busan) and, for 2019, the deal's name.
fn outcome_names(s: &Scenario) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(summit) = &s.clock.summit
        && Date::parse(&summit.date).is_some_and(|d| d > s.start_date())
        && summit.place != "Washington"
    {
        out.push(summit.place.to_lowercase());
    }
    if s.start_date() < Date::parse("2019-12-13").unwrap() {
        out.push("phase one".into());
    }
    out
}

fn problems(s: &Scenario) -> Vec<String> {
    let start = s.start_date();
    let mut out: Vec<String> = labels(s)
        .iter()
        .flat_map(|(w, t)| early(&format!("{}: {w}", s.name), t, start))
        .collect();
    for name in outcome_names(s) {
        for (w, t) in labels(s) {
            if t.to_lowercase().contains(&name) {
                out.push(format!(
                    "{}: {w}: \"{t}\" names {name} before it happens",
                    s.name
                ));
            }
        }
    }
    for e in &s.events {
        let shown = e
            .date
            .as_deref()
            .and_then(Date::parse)
            .map_or(start, |d| d.max(start));
        out.extend(early(
            &format!("{}: event {}", s.name, e.id),
            &e.text,
            shown,
        ));
    }
    out
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
