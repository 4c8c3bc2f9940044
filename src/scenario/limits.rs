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
    // RON writes control characters as escapes; only a string with a backslash can hold one.
    if atom.contains('\\')
        && let Ok(value) = ron::from_str::<String>(atom)
        && let Some(c) = value.chars().find(|c| c.is_control() && *c != '\n')
    {
        found.push((
            path.to_string(),
            format!(
                "{path} holds the control character {}: texts are shown on a terminal, which \
                 would obey it",
                crate::persist::names::escape(&c.to_string())
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
    let mut within = |path: &str, x: f64, lo: f64, hi: f64| {
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
    };
    let m = &s.us.start;
    within("us.start.magnet_supply", m.magnet_supply, 0.0, 100.0);
    within("us.start.farm_stress", m.farm_stress, 0.0, 100.0);
    within(
        "us.start.market_confidence",
        m.market_confidence,
        0.0,
        100.0,
    );
    within("us.start.hawk_alarm", m.hawk_alarm, 0.0, 100.0);
    within("us.start.trust", m.trust, -100.0, 100.0);
    let w = &s.us.weekly;
    for (name, x) in [
        ("magnet_recovery", w.magnet_recovery),
        ("farm_drift", w.farm_drift),
        ("market_recovery", w.market_recovery),
        ("hawk_decay", w.hawk_decay),
        ("hawk_per_security", w.hawk_per_security),
        ("trust_on_accept", w.trust_on_accept),
    ] {
        within(&format!("us.weekly.{name}"), x, -100.0, 100.0);
    }
    let ai = &s.ai;
    // Lower bounds, weights and level values are checked in `validate`.
    within(
        "ai.concession_exponent",
        ai.concession_exponent,
        f64::MIN,
        100.0,
    );
    within("ai.balance_ratio", ai.balance_ratio, f64::MIN, 1000.0);
    within("ai.trust_softening", ai.trust_softening, -1.0, 1.0);
    within("ai.threat_stiffening", ai.threat_stiffening, -1.0, 1.0);
    within(
        "ai.extension_min_trust",
        ai.extension_min_trust,
        -100.0,
        100.0,
    );
    within("ai.signing_min_trust", ai.signing_min_trust, -100.0, 100.0);
    let r = &ai.retaliation;
    within("ai.retaliation.insult_margin", r.insult_margin, -1.0, 1.0);
    let per_point = r.distrust_chance_per_point;
    within(
        "ai.retaliation.distrust_chance_per_point",
        per_point,
        0.0,
        1.0,
    );
    within("ai.retaliation.trust_floor", r.trust_floor, -100.0, 100.0);
    within(
        "ai.retaliation.threat_trust_cost",
        r.threat_trust_cost,
        -200.0,
        200.0,
    );
    within(
        "ai.retaliation.insult_trust_cost",
        r.insult_trust_cost,
        -200.0,
        200.0,
    );
    for (i, rung) in ai.ladder.iter().enumerate() {
        within(
            &format!("ai.ladder[{i}].magnet_loss"),
            rung.magnet_loss,
            -100.0,
            100.0,
        );
        within(
            &format!("ai.ladder[{i}].market_loss"),
            rung.market_loss,
            -100.0,
            100.0,
        );
    }
    for (i, issue) in s.issues.iter().enumerate() {
        for (l, level) in issue.levels.iter().enumerate() {
            let p = format!("issues[{i}].levels[{l}].headline_bn");
            within(&p, level.headline_bn, f64::MIN, 1e6);
        }
    }
    within("deal.full_headline_bn", s.deal.full_headline_bn, 1e-3, 1e6);
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
                    within(&p, *x, -100.0, 100.0)
                }
                Condition::MagnetsAtMost(x)
                | Condition::FarmStressAtLeast(x)
                | Condition::MarketAtMost(x)
                | Condition::HawkAlarmAtLeast(x) => within(&p, *x, 0.0, 100.0),
                _ => {}
            }
        }
    }
    for (p, effect) in effects {
        match effect {
            Effect::MagnetSupply(x)
            | Effect::FarmStress(x)
            | Effect::MarketConfidence(x)
            | Effect::HawkAlarm(x) => within(&p, *x, -100.0, 100.0),
            Effect::Trust(x) => within(&p, *x, -200.0, 200.0),
            Effect::Rung(n) => within(&p, f64::from(*n), -6.0, 6.0),
            Effect::Aspiration(x) | Effect::ChinaWeight(_, x) => within(&p, *x, -1.0, 1.0),
            Effect::Concession(x) => within(&p, *x, 0.0, 100.0),
            Effect::Credibility(x) | Effect::ChinaPressure(x) => within(&p, *x, -1.0, 1.0),
            Effect::ScheduleSummit(_)
            | Effect::Card(_)
            | Effect::Reopen(_)
            | Effect::OpenIssue(_)
            | Effect::StatusQuo(..) => {}
        }
    }
    if s.clock.days_per_turn > 366 {
        found.push((
            "clock.days_per_turn".into(),
            "a turn may take at most 366 days".into(),
        ));
    }
    found
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
}
