//! What a scenario file may hold at most, and the range of every number: the checks that keep a
//! hostile or mistyped file from reaching the engine (a NaN that makes the game refuse its own
//! saves, ten thousand issues that make validation crawl).

use crate::scenario::span::Spans;
use crate::scenario::{Condition, Effect, Scenario};

type Found = Vec<(String, String)>;

/// The most issues a scenario may have.
pub const MAX_ISSUES: usize = 64;
/// The most levels an issue may have.
pub const MAX_LEVELS: usize = 32;
/// The most events a scenario may have.
pub const MAX_EVENTS: usize = 512;
/// The most entries any other list (effects, conditions, red lines, rungs…) may have.
pub const MAX_LIST: usize = 64;
/// The longest text any field may hold, in bytes.
pub const MAX_TEXT: usize = 8 * 1024;

/// Counts and lengths above what any honest scenario needs. When one is exceeded the other
/// checks are skipped: they would only multiply the problems (and the time) of a broken file.
pub fn sizes(s: &Scenario) -> Found {
    let mut found = Found::new();
    let mut count = |path: String, n: usize, max: usize, what: &str| {
        if n > max {
            found.push((
                path,
                format!("{n} {what}: a scenario may have at most {max}"),
            ));
        }
    };
    count("issues".into(), s.issues.len(), MAX_ISSUES, "issues");
    count("events".into(), s.events.len(), MAX_EVENTS, "events");
    count(
        "briefing".into(),
        s.briefing.len(),
        MAX_LIST,
        "briefing paragraphs",
    );
    count(
        "ai.red_lines".into(),
        s.ai.red_lines.len(),
        MAX_LIST,
        "red lines",
    );
    count("ai.ladder".into(), s.ai.ladder.len(), MAX_LIST, "rungs");
    let hold = s.deal.structural_hold.len();
    count("deal.structural_hold".into(), hold, MAX_LIST, "chances");
    count(
        "world.taught".into(),
        s.world.taught.len(),
        MAX_LIST,
        "lessons",
    );
    for (k, t) in s.world.taught.iter().enumerate().take(MAX_LIST) {
        count(
            format!("world.taught[{k}].when"),
            t.when.len(),
            MAX_LIST,
            "conditions",
        );
    }
    let later = s.world.later_glossary.len();
    count("world.later_glossary".into(), later, MAX_LIST, "entries");
    let package = s.historical.package.len();
    count("historical.package".into(), package, MAX_LIST, "entries");
    for (i, issue) in s.issues.iter().enumerate().take(MAX_ISSUES) {
        count(
            format!("issues[{i}].levels"),
            issue.levels.len(),
            MAX_LEVELS,
            "levels",
        );
    }
    for (name, g) in [
        ("goodwill", &s.us.goodwill),
        ("threat", &s.us.threat),
        ("walk_away", &s.us.walk_away),
    ] {
        count(
            format!("us.{name}.effects"),
            g.effects.len(),
            MAX_LIST,
            "effects",
        );
    }
    for (e, event) in s.events.iter().enumerate().take(MAX_EVENTS) {
        count(
            format!("events[{e}].effects"),
            event.effects.len(),
            MAX_LIST,
            "effects",
        );
        count(
            format!("events[{e}].when"),
            event.when.len(),
            MAX_LIST,
            "conditions",
        );
    }
    found
}

/// Every number that is NaN or infinite, every text longer than `MAX_TEXT` and every text
/// holding a control character (other than a line break), by path. Found in one walk of the
/// scenario's RON form, so a field added to the model is covered without listing it here.
pub fn values(s: &Scenario) -> Found {
    let Ok(text) = ron::to_string(s) else {
        return Found::new();
    };
    let mut found = Found::new();
    for (path, atom) in Spans::new(&text).atoms() {
        if atom.starts_with('"') {
            check_text(&path, atom, &mut found);
            continue;
        }
        let bare = atom.trim_start_matches(['-', '+']);
        if bare == "NaN" || bare == "inf" {
            let what = if bare == "NaN" {
                "not a number (NaN)"
            } else {
                "infinite"
            };
            found.push((
                path.clone(),
                format!("{path} is {what}: every number must be finite"),
            ));
        }
    }
    found
}

fn check_text(path: &str, atom: &str, found: &mut Found) {
    if atom.len() > MAX_TEXT + 2 {
        found.push((
            path.to_string(),
            format!(
                "{path} is a text of {} bytes: a scenario's texts may have at most {MAX_TEXT}",
                atom.len() - 2
            ),
        ));
        return;
    }
    // A text is drawn on a terminal: no control character (RON writes one as an escape, so only
    // a string with a backslash can hold one) and no bidi or invisible formatting character,
    // which would reorder or hide what the player reads.
    let hidden = |c: &char| crate::core::text::needs_escape(*c) && *c != '\n';
    let found_char = atom.chars().find(hidden).or_else(|| {
        atom.contains('\\')
            .then(|| ron::from_str::<String>(atom).ok())
            .flatten()
            .and_then(|value| value.chars().find(hidden))
    });
    if let Some(c) = found_char {
        found.push((
            path.to_string(),
            format!(
                "{path} holds the control or formatting character {}: texts are shown on a \
                 terminal, which would obey it",
                crate::core::text::escape(&c.to_string())
            ),
        ));
    }
}

/// The last name in a path: `issues[2].levels[1].us` → `us`, for messages.
fn field(path: &str) -> &str {
    let last = path.rsplit('.').next().unwrap_or(path);
    if last.is_empty() { "a number" } else { last }
}

/// Numbers outside their field's range (those the other checks do not already cover).
pub fn ranges(s: &Scenario) -> Found {
    let mut found = Found::new();
    us_ranges(s, &mut found);
    ai_ranges(s, &mut found);
    headline_ranges(s, &mut found);
    effect_ranges(s, &mut found);
    if s.clock.days_per_turn > 366 {
        found.push((
            "clock.days_per_turn".into(),
            "a turn may take at most 366 days".into(),
        ));
    }
    found
}

/// Records `x` at `path` when it is finite and outside `lo..=hi` (`lo` of `f64::MIN`: no floor).
fn within(found: &mut Found, path: &str, x: f64, lo: f64, hi: f64) {
    if x.is_finite() && !(lo..=hi).contains(&x) {
        let range = if lo == f64::MIN {
            format!("at most {hi}")
        } else {
            format!("between {lo} and {hi}")
        };
        found.push((
            path.to_string(),
            format!("{} must be {range}, not {x}", field(path)),
        ));
    }
}

/// The US meters at the start and their weekly drift.
fn us_ranges(s: &Scenario, found: &mut Found) {
    let m = &s.us.start;
    for (path, x, lo) in [
        ("us.start.magnet_supply", m.magnet_supply, 0.0),
        ("us.start.farm_stress", m.farm_stress, 0.0),
        ("us.start.market_confidence", m.market_confidence, 0.0),
        ("us.start.hawk_alarm", m.hawk_alarm, 0.0),
        ("us.start.trust", m.trust, -100.0),
    ] {
        within(found, path, x, lo, 100.0);
    }
    let w = &s.us.weekly;
    for (name, x) in [
        ("magnet_recovery", w.magnet_recovery),
        ("farm_drift", w.farm_drift),
        ("market_recovery", w.market_recovery),
        ("hawk_decay", w.hawk_decay),
        ("hawk_per_security", w.hawk_per_security),
        ("trust_on_accept", w.trust_on_accept),
    ] {
        within(found, &format!("us.weekly.{name}"), x, -100.0, 100.0);
    }
}

/// China's AI: its exponents and ratios, trust thresholds, retaliation and the ladder's losses.
fn ai_ranges(s: &Scenario, found: &mut Found) {
    let ai = &s.ai;
    let r = &ai.retaliation;
    // Lower bounds, weights and level values are checked in `validate` (a floor of `f64::MIN`:
    // none here).
    for (path, x, lo, hi) in [
        (
            "ai.concession_exponent",
            ai.concession_exponent,
            f64::MIN,
            100.0,
        ),
        ("ai.balance_ratio", ai.balance_ratio, f64::MIN, 1000.0),
        ("ai.trust_softening", ai.trust_softening, -1.0, 1.0),
        ("ai.threat_stiffening", ai.threat_stiffening, -1.0, 1.0),
        (
            "ai.extension_min_trust",
            ai.extension_min_trust,
            -100.0,
            100.0,
        ),
        ("ai.signing_min_trust", ai.signing_min_trust, -100.0, 100.0),
        ("ai.retaliation.insult_margin", r.insult_margin, -1.0, 1.0),
        (
            "ai.retaliation.distrust_chance_per_point",
            r.distrust_chance_per_point,
            0.0,
            1.0,
        ),
        ("ai.retaliation.trust_floor", r.trust_floor, -100.0, 100.0),
        (
            "ai.retaliation.threat_trust_cost",
            r.threat_trust_cost,
            -200.0,
            200.0,
        ),
        (
            "ai.retaliation.insult_trust_cost",
            r.insult_trust_cost,
            -200.0,
            200.0,
        ),
    ] {
        within(found, path, x, lo, hi);
    }
    for (i, rung) in ai.ladder.iter().enumerate() {
        for (name, x) in [
            ("magnet_loss", rung.magnet_loss),
            ("market_loss", rung.market_loss),
        ] {
            within(found, &format!("ai.ladder[{i}].{name}"), x, -100.0, 100.0);
        }
    }
}

/// Headline figures of the levels and of the full deal.
fn headline_ranges(s: &Scenario, found: &mut Found) {
    for (i, issue) in s.issues.iter().enumerate() {
        for (l, level) in issue.levels.iter().enumerate() {
            let p = format!("issues[{i}].levels[{l}].headline_bn");
            within(found, &p, level.headline_bn, f64::MIN, 1e6);
        }
    }
    within(
        found,
        "deal.full_headline_bn",
        s.deal.full_headline_bn,
        1e-3,
        1e6,
    );
}

/// Conditions of events, then the effects of US moves and of events.
fn effect_ranges(s: &Scenario, found: &mut Found) {
    let mut effects: Vec<(String, &Effect)> = Vec::new();
    for (name, g) in [
        ("goodwill", &s.us.goodwill),
        ("threat", &s.us.threat),
        ("walk_away", &s.us.walk_away),
    ] {
        for (e, effect) in g.effects.iter().enumerate() {
            effects.push((format!("us.{name}.effects[{e}]"), effect));
        }
    }
    for (e, event) in s.events.iter().enumerate() {
        for (x, effect) in event.effects.iter().enumerate() {
            effects.push((format!("events[{e}].effects[{x}]"), effect));
        }
        for (c, cond) in event.when.iter().enumerate() {
            let p = format!("events[{e}].when[{c}]");
            match cond {
                Condition::TrustAtLeast(x) | Condition::TrustAtMost(x) => {
                    within(found, &p, *x, -100.0, 100.0)
                }
                Condition::MagnetsAtMost(x)
                | Condition::FarmStressAtLeast(x)
                | Condition::MarketAtMost(x)
                | Condition::HawkAlarmAtLeast(x) => within(found, &p, *x, 0.0, 100.0),
                _ => {}
            }
        }
    }
    for (p, effect) in effects {
        match effect {
            Effect::MagnetSupply(x)
            | Effect::FarmStress(x)
            | Effect::MarketConfidence(x)
            | Effect::HawkAlarm(x) => within(found, &p, *x, -100.0, 100.0),
            Effect::Trust(x) => within(found, &p, *x, -200.0, 200.0),
            Effect::Rung(n) => within(found, &p, f64::from(*n), -6.0, 6.0),
            Effect::Aspiration(x) | Effect::ChinaWeight(_, x) => within(found, &p, *x, -1.0, 1.0),
            Effect::Concession(x) => within(found, &p, *x, 0.0, 100.0),
            Effect::Credibility(x) | Effect::ChinaPressure(x) => within(found, &p, *x, -1.0, 1.0),
            Effect::ScheduleSummit(_)
            | Effect::SummitInDoubt
            | Effect::Card(_)
            | Effect::Reopen(_)
            | Effect::OpenIssue(_)
            | Effect::StatusQuo(..) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> Scenario {
        match crate::scenario::builtin("autumn-2025") {
            Some(Ok(s)) => s,
            other => panic!("built-in: {other:?}"),
        }
    }

    #[test]
    fn the_builtin_is_within_every_limit() {
        let s = builtin();
        assert_eq!(sizes(&s), Found::new());
        assert_eq!(values(&s), Found::new());
        assert_eq!(ranges(&s), Found::new());
    }

    #[test]
    fn nan_and_infinity_are_found_by_field() {
        let mut s = builtin();
        s.issues[1].levels[2].us = f64::NAN;
        s.ai.reservation = f64::INFINITY;
        s.us.start.trust = f64::NEG_INFINITY;
        s.briefing[0] = "a \u{1b}]0;title\u{7} b".into();
        let found = values(&s);
        let paths: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
        assert!(paths.contains(&"issues[1].levels[2].us"), "{found:?}");
        assert!(paths.contains(&"ai.reservation"), "{found:?}");
        assert!(paths.contains(&"us.start.trust"), "{found:?}");
        assert!(paths.contains(&"briefing[0]"), "{found:?}");
        assert!(found.iter().any(|(_, m)| m.contains("finite")), "{found:?}");
    }

    #[test]
    fn out_of_range_numbers_are_found_with_their_bounds_in_file_order() {
        let mut s = builtin();
        s.us.start.trust = -150.0;
        s.us.weekly.farm_drift = 101.0;
        s.ai.balance_ratio = 5000.0;
        s.ai.retaliation.distrust_chance_per_point = 2.0;
        s.ai.ladder[0].market_loss = -500.0;
        s.deal.full_headline_bn = 0.0;
        s.clock.days_per_turn = 400;
        let found = ranges(&s);
        let want = [
            (
                "us.start.trust",
                "trust must be between -100 and 100, not -150",
            ),
            (
                "us.weekly.farm_drift",
                "farm_drift must be between -100 and 100, not 101",
            ),
            (
                "ai.balance_ratio",
                "balance_ratio must be at most 1000, not 5000",
            ),
            (
                "ai.retaliation.distrust_chance_per_point",
                "distrust_chance_per_point must be between 0 and 1, not 2",
            ),
            (
                "ai.ladder[0].market_loss",
                "market_loss must be between -100 and 100, not -500",
            ),
            (
                "deal.full_headline_bn",
                "full_headline_bn must be between 0.001 and 1000000, not 0",
            ),
            ("clock.days_per_turn", "a turn may take at most 366 days"),
        ];
        let got: Vec<(&str, &str)> = found
            .iter()
            .map(|(p, m)| (p.as_str(), m.as_str()))
            .collect();
        assert_eq!(got, want);
    }
}
