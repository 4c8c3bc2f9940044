//! Validation of the 0.2.0 world block: cards, pressures, the threat, weights, dated events and
//! the references between them. Paths are in `span::locate` form.

use crate::core::calendar::Date;
use crate::scenario::{Condition, Effect, Scenario, Side};

type Found = Vec<(String, String)>;

fn finite_non_negative(found: &mut Found, path: String, x: f64) {
    if !x.is_finite() || x < 0.0 {
        found.push((path, format!("must be a number of at least 0, not {x}")));
    }
}

fn date(found: &mut Found, path: String, d: &str) {
    if Date::parse(d).is_none() {
        found.push((path, format!("\"{d}\" is not a date (YYYY-MM-DD)")));
    }
}

/// Problems in the world block and in the card references of events and effects.
pub(crate) fn validate(s: &Scenario) -> Found {
    let mut found = Found::new();
    // One step per part of the world block, in file order; then the events' card references.
    check_cards(s, &mut found);
    check_ladder(s, &mut found);
    check_threat(s, &mut found);
    check_pressure(s, &mut found);
    check_weights(s, &mut found);
    check_event_cards(s, &mut found);
    check_lessons(s, &mut found);
    check_beijing(s, &mut found);
    found
}

/// Each kind of Beijing: a unique id, a positive weight, and every range finite, ordered and
/// within what the model can take (multipliers above 0, chances within 0..=1).
fn check_beijing(s: &Scenario, found: &mut Found) {
    const MAX_ARCHETYPES: usize = 16;
    let list = &s.world.beijing;
    if list.len() > MAX_ARCHETYPES {
        found.push((
            "world.beijing".into(),
            format!(
                "at most {MAX_ARCHETYPES} kinds of Beijing, not {}",
                list.len()
            ),
        ));
    }
    for (k, a) in list.iter().enumerate() {
        let p = format!("world.beijing[{k}]");
        if list[..k].iter().any(|b| b.id == a.id) {
            found.push((
                format!("{p}.id"),
                format!("the id \"{}\" is used twice", a.id),
            ));
        }
        if !(a.weight.is_finite() && a.weight > 0.0) {
            found.push((
                format!("{p}.weight"),
                format!("must be above 0, not {}", a.weight),
            ));
        }
        let ranges = [
            ("floor", a.floor, -0.5, 0.5),
            ("patience", a.patience, 0.05, 10.0),
            ("pressure", a.pressure, 0.0, 5.0),
            ("threat", a.threat, 0.0, 5.0),
            ("reads_us", a.reads_us, 0.0, 10.0),
            ("firmness", a.firmness, 0.0, 1.0),
            ("horizon", a.horizon, 1.0, 3.0),
        ];
        for (name, (lo, hi), min, max) in ranges {
            let ok = lo.is_finite() && hi.is_finite() && lo <= hi && lo >= min && hi <= max;
            if !ok {
                found.push((
                    format!("{p}.{name}"),
                    format!("must be a range (low, high) with {min} <= low <= high <= {max}, not ({lo}, {hi})"),
                ));
            }
        }
        for (j, (id, m)) in a.leans.iter().enumerate() {
            if s.issue_index(id).is_none() {
                found.push((
                    format!("{p}.leans[{j}]"),
                    format!(
                        "unknown issue \"{id}\" (issues: {})",
                        issue_ids(s).join(", ")
                    ),
                ));
            }
            if !(m.is_finite() && (0.0..=5.0).contains(m)) {
                found.push((
                    format!("{p}.leans[{j}]"),
                    format!("the multiplier must be between 0 and 5, not {m}"),
                ));
            }
        }
        check_kind_red_lines(s, found, &p, a);
        if !(a.weight_spread.is_finite() && (0.0..=0.9).contains(&a.weight_spread)) {
            found.push((
                format!("{p}.weight_spread"),
                format!("must be between 0 and 0.9, not {}", a.weight_spread),
            ));
        }
    }
}

/// A kind's own red lines: each on a real issue and level (as the scenario's are checked), with
/// a chance within 0..=1, and at most a handful.
fn check_kind_red_lines(s: &Scenario, found: &mut Found, p: &str, a: &crate::scenario::Archetype) {
    const MAX_KIND_RED_LINES: usize = 8;
    if a.red_lines.len() > MAX_KIND_RED_LINES {
        found.push((
            format!("{p}.red_lines"),
            format!(
                "at most {MAX_KIND_RED_LINES} red lines per kind, not {}",
                a.red_lines.len()
            ),
        ));
    }
    for (r, (rl, chance)) in a.red_lines.iter().enumerate() {
        let q = format!("{p}.red_lines[{r}]");
        crate::scenario::load::check_red_line(s, found, &q, rl);
        if !(chance.is_finite() && (0.0..=1.0).contains(chance)) {
            found.push((
                q,
                format!("the chance must be between 0 and 1, not {chance}"),
            ));
        }
    }
}

/// Each card: a unique id, pressure and value, its date, what suspends it, what it mirrors.
fn check_cards(s: &Scenario, found: &mut Found) {
    let w = &s.world;
    let card_ids = card_ids(s);
    for (k, c) in w.cards.iter().enumerate() {
        let p = format!("world.cards[{k}]");
        if card_ids[..k].contains(&c.id.as_str()) {
            found.push((
                format!("{p}.id"),
                format!("the card id \"{}\" is used twice", c.id),
            ));
        }
        finite_non_negative(found, format!("{p}.pressure"), c.pressure);
        finite_non_negative(found, format!("{p}.value"), c.value);
        if let Some(d) = &c.available {
            date(found, format!("{p}.available"), d);
        }
        if let Some(r) = &c.suspended_by {
            match s.issue_index(&r.issue) {
                None => found.push((
                    format!("{p}.suspended_by"),
                    format!(
                        "unknown issue \"{}\": expected an issue id (issues: {})",
                        r.issue,
                        issue_ids(s).join(", ")
                    ),
                )),
                Some(i) if r.level >= s.issues[i].levels.len() => found.push((
                    format!("{p}.suspended_by"),
                    format!(
                        "{} has no level {}: its levels run from 0 to {}",
                        s.issues[i].id,
                        r.level,
                        s.issues[i].levels.len() - 1
                    ),
                )),
                _ => {}
            }
        }
        if let Some(m) = &c.mirror {
            let ok = m == "rung"
                || w.card_index(m)
                    .is_some_and(|j| w.cards[j].side == Side::China);
            if c.side != Side::Us || !ok {
                found.push((
                    format!("{p}.mirror"),
                    format!(
                        "a mirror belongs to a US card and names a Chinese card or \"rung\" \
                         (Chinese cards: {})",
                        china_cards(s).join(", ")
                    ),
                ));
            }
        }
    }
}

/// The rung the ladder starts on and the issue it is about.
fn check_ladder(s: &Scenario, found: &mut Found) {
    let w = &s.world;
    if usize::from(w.start_rung) > s.ai.ladder.len() {
        found.push((
            "world.start_rung".into(),
            format!("the ladder has only {} rungs", s.ai.ladder.len()),
        ));
    }
    for (field, id) in [
        ("world.ladder_issue", &w.ladder_issue),
        ("world.leverage_issue", &w.leverage_issue),
    ] {
        if let Some(id) = id
            && s.issue_index(id).is_none()
        {
            found.push((
                field.into(),
                format!(
                    "unknown issue \"{id}\": expected an issue id (issues: {})",
                    issue_ids(s).join(", ")
                ),
            ));
        }
    }
    if let Some(x) = w.epilogue.leverage
        && !(0.0..=1.0).contains(&x)
    {
        found.push((
            "world.epilogue.leverage".into(),
            format!("{x} is outside 0 to 1"),
        ));
    }
}

/// The US threat: its card, credibility and the band in which China heeds it.
fn check_threat(s: &Scenario, found: &mut Found) {
    let w = &s.world;
    let card_ids = card_ids(s);
    let t = &w.threat;
    if let Some(id) = &t.card
        && !w
            .card_index(id)
            .is_some_and(|k| w.cards[k].side == Side::Us)
    {
        found.push((
            "world.threat.card".into(),
            format!("\"{id}\" is not a US card (cards: {})", card_ids.join(", ")),
        ));
    }
    if !(0.0..=1.0).contains(&t.credibility) {
        found.push((
            "world.threat.credibility".into(),
            format!("credibility must be between 0 and 1, not {}", t.credibility),
        ));
    }
    if t.heed_sure.is_nan() || t.heed_from.is_nan() || t.heed_sure <= t.heed_from {
        found.push((
            "world.threat.heed_sure".into(),
            format!(
                "heed_sure must be above heed_from ({}), not {}",
                t.heed_from, t.heed_sure
            ),
        ));
    }
}

/// The weekly pressures on each side.
fn check_pressure(s: &Scenario, found: &mut Found) {
    let w = &s.world;
    let pr = &w.pressure;
    for (name, x) in [
        ("china_tariff_weekly", pr.china_tariff_weekly),
        ("china_rung_weekly", pr.china_rung_weekly),
        ("diversify_per_rung_week", pr.diversify_per_rung_week),
        ("china_max", pr.china_max),
        ("china_reads_us", pr.china_reads_us),
        ("margin", pr.margin),
        ("us_per_farm", pr.us_per_farm),
        ("us_per_market", pr.us_per_market),
        ("us_per_magnet", pr.us_per_magnet),
    ] {
        finite_non_negative(found, format!("world.pressure.{name}"), x);
    }
    if !pr.balance_gap.is_finite() {
        found.push((
            "world.pressure.balance_gap".into(),
            "must be a number".into(),
        ));
    }
    if let Some(d) = &pr.harvest_from {
        date(found, "world.pressure.harvest_from".into(), d);
    }
}

/// The score weights sum to 1.
fn check_weights(s: &Scenario, found: &mut Found) {
    let w = &s.world;
    let ws = &w.weights;
    let sum = ws.us_value + ws.durability + ws.balance + ws.headline + ws.security + ws.damage;
    if !sum.is_finite() || (sum - 1.0).abs() > 0.01 {
        found.push((
            "world.weights".into(),
            format!("the score weights must sum to 1, not {sum:.2}"),
        ));
    }
}

/// Events: their dates and the cards their conditions and effects name.
fn check_event_cards(s: &Scenario, found: &mut Found) {
    let w = &s.world;
    let card_ids = card_ids(s);
    for (e, event) in s.events.iter().enumerate() {
        let p = format!("events[{e}]");
        if let Some(d) = &event.date {
            date(found, format!("{p}.date"), d);
        }
        for (x, effect) in event.effects.iter().enumerate() {
            if let Effect::Card(id) = effect
                && w.card_index(id).is_none()
            {
                found.push((
                    format!("{p}.effects[{x}]"),
                    format!("unknown card \"{id}\" (cards: {})", card_ids.join(", ")),
                ));
            }
        }
        for (x, c) in event.when.iter().enumerate() {
            if let Condition::CardInForce(id) = c
                && w.card_index(id).is_none()
            {
                found.push((
                    format!("{p}.when[{x}]"),
                    format!("unknown card \"{id}\" (cards: {})", card_ids.join(", ")),
                ));
            }
        }
    }
}

/// Reworded lessons name lessons the engine has.
fn check_lessons(s: &Scenario, found: &mut Found) {
    let w = &s.world;
    for (k, (key, _)) in w.lessons.iter().enumerate() {
        if !LESSON_KEYS.contains(&key.as_str()) {
            found.push((
                format!("world.lessons[{k}]"),
                format!(
                    "unknown lesson \"{key}\" (lessons: {})",
                    LESSON_KEYS.join(", ")
                ),
            ));
        }
    }
    for (k, t) in w.taught.iter().enumerate() {
        if !LESSON_KEYS.contains(&t.key.as_str()) {
            found.push((
                format!("world.taught[{k}].key"),
                format!(
                    "unknown lesson \"{}\" (lessons: {})",
                    t.key,
                    LESSON_KEYS.join(", ")
                ),
            ));
        }
    }
    for (k, t) in w.later_glossary.iter().enumerate() {
        if crate::core::calendar::Date::parse(&t.from).is_none() {
            found.push((
                format!("world.later_glossary[{k}].from"),
                format!("\"{}\" is not a YYYY-MM-DD date", t.from),
            ));
        }
    }
}

/// The keys a scenario may reword in `world.lessons` (the engine's `Lesson::key`).
pub(crate) const LESSON_KEYS: [&str; 8] = [
    "balance",
    "toolbox",
    "commercial_decay",
    "structural_lasts",
    "security_cost",
    "not_hungry",
    "walk_away",
    "time",
];

fn card_ids(s: &Scenario) -> Vec<&str> {
    s.world.cards.iter().map(|c| c.id.as_str()).collect()
}

fn issue_ids(s: &Scenario) -> Vec<&str> {
    s.issues.iter().map(|i| i.id.as_str()).collect()
}

fn china_cards(s: &Scenario) -> Vec<&str> {
    s.world
        .cards
        .iter()
        .filter(|c| c.side == Side::China)
        .map(|c| c.id.as_str())
        .collect()
}
