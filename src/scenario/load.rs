//! Parsing and validating scenario files, with every error naming its file, line and column.

use std::path::Path;

use crate::core::calendar::Date;
use crate::scenario::limits;
use crate::scenario::span::{Position, Spans};
use crate::scenario::{Condition, Effect, RedLine, Scenario, builtin};

/// One thing wrong with a file, at a place in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
    /// What is wrong.
    pub message: String,
}

/// A file that could not be loaded, with every problem found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", render(.file, .problems))]
pub struct LoadError {
    /// The file as the user named it.
    pub file: String,
    /// What is wrong, in file order.
    pub problems: Vec<Problem>,
}

/// How many problems an error lists; the rest are counted ("and N more").
pub const MAX_SHOWN: usize = 20;

/// One `file:line:column: message` line per problem, the first `MAX_SHOWN` of them, then how
/// many more there are.
fn render(file: &str, problems: &[Problem]) -> String {
    let mut out = String::new();
    for (i, p) in problems.iter().take(MAX_SHOWN).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        // Escaped: the file name and the text a message quotes may be hostile.
        out.push_str(&crate::core::text::escape(&format!(
            "{file}:{}:{}: {}",
            p.line, p.col, p.message
        )));
    }
    if problems.len() > MAX_SHOWN {
        let more = problems.len() - MAX_SHOWN;
        let file = crate::core::text::escape(file);
        out.push_str(&format!("\n{file}: … and {more} more problems"));
    }
    out
}

impl LoadError {
    /// An error at one place.
    pub fn at(file: &str, line: usize, col: usize, message: impl Into<String>) -> LoadError {
        LoadError {
            file: file.to_string(),
            problems: vec![Problem {
                line,
                col,
                message: message.into(),
            }],
        }
    }

    /// An error from RON's parser, with its position.
    pub fn from_ron(file: &str, e: &ron::error::SpannedError) -> LoadError {
        LoadError::at(
            file,
            e.span.start.line,
            e.span.start.col,
            ron_message(&e.code),
        )
    }
}

/// RON's message, except where it gives a reader advice they cannot follow: the recursion
/// limit says to change the parser's options, but the file is what is wrong.
pub fn ron_message(e: &ron::Error) -> String {
    match e {
        ron::Error::ExceededRecursionLimit => "brackets nested too deeply (more than RON's limit \
             of 128 levels): no Truce file nests like this, so the file is damaged or not a \
             Truce file"
            .into(),
        // Shortened: RON quotes the text it found, which may be a whole hostile file.
        other => crate::core::text::message(&other.to_string()),
    }
}

/// Parses and validates a scenario from text; `file` names it in errors.
pub fn from_str(text: &str, file: &str) -> Result<Scenario, LoadError> {
    let scenario: Scenario = ron::from_str(text).map_err(|e| LoadError::from_ron(file, &e))?;
    let problems = validate(&scenario);
    if problems.is_empty() {
        return Ok(scenario);
    }
    let spans = Spans::new(text);
    let mut located: Vec<Problem> = problems
        .into_iter()
        .map(|(path, message)| {
            let Position { line, col } = spans.find(&path);
            Problem { line, col, message }
        })
        .collect();
    located.sort_by_key(|p| (p.line, p.col));
    Err(LoadError {
        file: file.to_string(),
        problems: located,
    })
}

/// Reads, parses and validates a scenario file.
pub fn from_path(path: &Path) -> Result<Scenario, LoadError> {
    use crate::files::{MAX_SCENARIO_BYTES, read_text};
    let file = path.display().to_string();
    let text = read_text(path, MAX_SCENARIO_BYTES, "scenario")
        .map_err(|e| LoadError::at(&file, 1, 1, format!("cannot read the file: {e}")))?;
    from_str(&text, &file)
}

/// A built-in scenario by name, or else a scenario file by path.
pub fn resolve(name_or_path: &str) -> Result<Scenario, LoadError> {
    match builtin(name_or_path) {
        Some(result) => result,
        None => {
            let path = Path::new(name_or_path);
            if !path.exists() && !name_or_path.contains(['/', '.']) {
                return Err(LoadError::at(
                    name_or_path,
                    1,
                    1,
                    format!(
                        "no built-in scenario or file by this name (built-in: {})",
                        crate::scenario::builtin_names().join(", ")
                    ),
                ));
            }
            from_path(path)
        }
    }
}

type Found = Vec<(String, String)>;

fn unit(found: &mut Found, path: String, what: &str, x: f64) {
    // NaN and infinity are reported once, by `limits::values`.
    if x.is_finite() && !(0.0..=1.0).contains(&x) {
        found.push((path, format!("{what} must be between 0 and 1, not {x}")));
    }
}

/// Checks everything serde cannot: ranges, order, sums and references. Returns (path, message),
/// the path in `span::locate` form, so a caller holding the text (a save that embeds a scenario)
/// can place each problem in its own file.
pub fn validate(s: &Scenario) -> Found {
    let too_big = limits::sizes(s);
    if !too_big.is_empty() {
        return too_big;
    }
    let mut found = limits::values(s);
    found.extend(limits::ranges(s));
    // One step per section of the file, in file order (problems at one place keep this order).
    check_clock(s, &mut found);
    check_issues(s, &mut found);
    check_weight_sums(s, &mut found);
    check_ai(s, &mut found);
    check_us(s, &mut found);
    check_events(s, &mut found);
    check_deal(s, &mut found);
    found.extend(crate::scenario::check_world::validate(s));
    found
}

/// The name and the clock: dates that exist, in order, and turns of at least a day.
fn check_clock(s: &Scenario, found: &mut Found) {
    if s.name.trim().is_empty() {
        found.push(("name".into(), "the scenario needs a name".into()));
    }
    let start = Date::parse(&s.clock.start_date);
    if start.is_none() {
        found.push((
            "clock.start_date".into(),
            format!("\"{}\" is not a YYYY-MM-DD date", s.clock.start_date),
        ));
    }
    match Date::parse(&s.clock.truce_expiry) {
        None => found.push((
            "clock.truce_expiry".into(),
            format!("\"{}\" is not a YYYY-MM-DD date", s.clock.truce_expiry),
        )),
        Some(end) if start.is_some_and(|st| end <= st) => found.push((
            "clock.truce_expiry".into(),
            "the truce must expire after the start date".into(),
        )),
        _ => {}
    }
    if s.clock.days_per_turn == 0 {
        found.push((
            "clock.days_per_turn".into(),
            "a turn must take at least one day".into(),
        ));
    }
    if let Some(summit) = &s.clock.summit {
        check_summit(s, found, "clock.summit.date", summit);
    }
}

/// Each issue: a unique id, a short name, levels in range and in order, weights.
fn check_issues(s: &Scenario, found: &mut Found) {
    if s.issues.is_empty() {
        found.push((
            "issues".into(),
            "the agenda needs at least one issue".into(),
        ));
    }
    for (i, issue) in s.issues.iter().enumerate() {
        let p = format!("issues[{i}]");
        if s.issues[..i].iter().any(|o| o.id == issue.id) {
            found.push((
                format!("{p}.id"),
                format!("issue id \"{}\" is used twice", issue.id),
            ));
        }
        if issue.short.chars().count() > 12 {
            found.push((
                format!("{p}.short"),
                "a short name has at most 12 characters".into(),
            ));
        }
        if issue.levels.len() < 2 {
            found.push((
                format!("{p}.levels"),
                "an issue needs at least two levels".into(),
            ));
            continue;
        }
        if issue.status_quo >= issue.levels.len() {
            found.push((
                format!("{p}.status_quo"),
                format!(
                    "status quo {} is past the last level: levels run from 0 to {}",
                    issue.status_quo,
                    issue.levels.len() - 1
                ),
            ));
        }
        if issue.us_weight < 0.0 {
            found.push((
                format!("{p}.us_weight"),
                "weights cannot be negative".into(),
            ));
        }
        if issue.china_weight < 0.0 {
            found.push((
                format!("{p}.china_weight"),
                "weights cannot be negative".into(),
            ));
        }
        for (l, level) in issue.levels.iter().enumerate() {
            let lp = format!("{p}.levels[{l}]");
            unit(found, format!("{lp}.us"), "a US value", level.us);
            unit(found, format!("{lp}.china"), "a Chinese value", level.china);
            unit(
                found,
                format!("{lp}.security_cost"),
                "a security cost",
                level.security_cost,
            );
            if level.headline_bn < 0.0 {
                found.push((
                    format!("{lp}.headline_bn"),
                    "a headline cannot be negative".into(),
                ));
            }
        }
        check_order(issue, &p, found);
    }
}

/// Each side's weights over all issues sum to 1.
fn check_weight_sums(s: &Scenario, found: &mut Found) {
    for (field, sum) in [
        (
            "us_weight",
            s.issues.iter().map(|i| i.us_weight).sum::<f64>(),
        ),
        (
            "china_weight",
            s.issues.iter().map(|i| i.china_weight).sum::<f64>(),
        ),
    ] {
        if !s.issues.is_empty() && (sum - 1.0).abs() > 0.01 {
            found.push((
                format!("issues[0].{field}"),
                format!("the {field}s of all issues must sum to 1, but they sum to {sum:.3}"),
            ));
        }
    }
}

/// China's AI: aspiration and reservation, concession and balance, the ladder, red lines.
fn check_ai(s: &Scenario, found: &mut Found) {
    let ai = &s.ai;
    unit(
        found,
        "ai.opening_aspiration".into(),
        "the opening aspiration",
        ai.opening_aspiration,
    );
    unit(
        found,
        "ai.reservation".into(),
        "the reservation",
        ai.reservation,
    );
    if ai.reservation > ai.opening_aspiration {
        found.push((
            "ai.reservation".into(),
            "the reservation cannot exceed the opening aspiration".into(),
        ));
    }
    if ai.concession_exponent <= 0.0 {
        found.push((
            "ai.concession_exponent".into(),
            "the concession exponent must be above 0".into(),
        ));
    }
    if ai.balance_ratio <= 0.0 {
        found.push((
            "ai.balance_ratio".into(),
            "the balance ratio must be above 0".into(),
        ));
    }
    if ai.ladder.is_empty() || ai.ladder.len() > 6 {
        found.push((
            "ai.ladder".into(),
            "the restriction ladder needs 1 to 6 rungs".into(),
        ));
    }
    for (r, rl) in ai.red_lines.iter().enumerate() {
        check_red_line(s, found, &format!("ai.red_lines[{r}]"), rl);
    }
    unit(
        found,
        "ai.retaliation.threat_chance".into(),
        "a chance",
        ai.retaliation.threat_chance,
    );
}

/// The US side: the farm issue and the effects of goodwill, threat and walking away.
fn check_us(s: &Scenario, found: &mut Found) {
    if s.issue_index(&s.us.weekly.farm_issue).is_none() {
        found.push((
            "us.weekly.farm_issue".into(),
            unknown_issue(s, &s.us.weekly.farm_issue),
        ));
    }
    for (name, g) in [
        ("goodwill", &s.us.goodwill),
        ("threat", &s.us.threat),
        ("walk_away", &s.us.walk_away),
    ] {
        for (e, effect) in g.effects.iter().enumerate() {
            check_effect(s, found, &format!("us.{name}.effects[{e}]"), effect);
        }
    }
}

/// Events: chances, unique ids, conditions and effects.
fn check_events(s: &Scenario, found: &mut Found) {
    for (e, event) in s.events.iter().enumerate() {
        let p = format!("events[{e}]");
        unit(found, format!("{p}.chance"), "a chance", event.chance);
        if s.events[..e].iter().any(|o| o.id == event.id) {
            found.push((
                format!("{p}.id"),
                format!("event id \"{}\" is used twice", event.id),
            ));
        }
        for (c, cond) in event.when.iter().enumerate() {
            if let Condition::ProposedAtLeast(id, level) = cond {
                let cp = format!("{p}.when[{c}]");
                check_level(s, found, &cp, &cp, id, *level);
            }
        }
        for (x, effect) in event.effects.iter().enumerate() {
            check_effect(s, found, &format!("{p}.effects[{x}]"), effect);
        }
    }
}

/// The deal's implementation and the historical package.
fn check_deal(s: &Scenario, found: &mut Found) {
    let d = &s.deal;
    check_level(
        s,
        found,
        "deal.enforcement_issue",
        "deal.min_enforcement",
        &d.enforcement_issue,
        d.min_enforcement,
    );
    unit(
        found,
        "deal.commercial_delivery".into(),
        "a delivery share",
        d.commercial_delivery,
    );
    unit(
        found,
        "deal.political_hold".into(),
        "a chance",
        d.political_hold,
    );
    if d.structural_hold.is_empty() {
        found.push((
            "deal.structural_hold".into(),
            "give a chance for each enforcement level".into(),
        ));
    }
    for (h, x) in d.structural_hold.iter().enumerate() {
        unit(found, format!("deal.structural_hold[{h}]"), "a chance", *x);
    }
    for (k, (id, level)) in s.historical.package.iter().enumerate() {
        let p = format!("historical.package[{k}]");
        check_level(s, found, &p, &p, id, *level);
    }
}

/// The message for an issue id the scenario does not have, listing the ones it has.
fn unknown_issue(s: &Scenario, id: &str) -> String {
    let ids: Vec<&str> = s.issues.iter().map(|i| i.id.as_str()).collect();
    format!("unknown issue \"{id}\" (issues: {})", ids.join(", "))
}

/// Levels must be ordered: along the list, each side's values run one way (up or down), so that
/// moving one level is always a concession or a gain for each side, never both.
fn check_order(issue: &crate::scenario::Issue, p: &str, found: &mut Found) {
    let dir = |f: fn(&crate::scenario::Level) -> f64| {
        let first = f(&issue.levels[0]);
        let last = f(&issue.levels[issue.levels.len() - 1]);
        (last - first).signum()
    };
    let us_dir = dir(|l| l.us);
    let china_dir = dir(|l| l.china);
    for l in 1..issue.levels.len() {
        let (a, b) = (&issue.levels[l - 1], &issue.levels[l]);
        for (side, dir, x, y) in [
            ("US", us_dir, a.us, b.us),
            ("Chinese", china_dir, a.china, b.china),
        ] {
            if (y - x) * dir < 0.0 {
                found.push((
                    format!("{p}.levels[{l}]"),
                    format!(
                        "levels out of order: level {l} \"{}\" has {side} value {y} after {x}; {side} values must run one way",
                        b.label
                    ),
                ));
            }
        }
    }
}

/// A red line at `p`: its issue and level, and those of the concession that lifts it.
pub(crate) fn check_red_line(s: &Scenario, found: &mut Found, p: &str, rl: &RedLine) {
    check_level(
        s,
        found,
        &format!("{p}.issue"),
        &format!("{p}.level"),
        &rl.issue,
        rl.level,
    );
    if let Some(u) = &rl.unless {
        check_level(
            s,
            found,
            &format!("{p}.unless.issue"),
            &format!("{p}.unless.level"),
            &u.issue,
            u.level,
        );
    }
}

fn check_level(
    s: &Scenario,
    found: &mut Found,
    id_path: &str,
    level_path: &str,
    id: &str,
    level: usize,
) {
    match s.issue_index(id) {
        None => found.push((id_path.to_string(), unknown_issue(s, id))),
        Some(i) if level >= s.issues[i].levels.len() => found.push((
            level_path.to_string(),
            format!(
                "{id} has no level {level}: its levels run from 0 to {}",
                s.issues[i].levels.len() - 1
            ),
        )),
        _ => {}
    }
}

fn check_summit(s: &Scenario, found: &mut Found, path: &str, summit: &crate::scenario::Summit) {
    if let Some(crate::scenario::Closing::SignedLater(later, _)) = &summit.closing
        && Date::parse(later).is_none_or(|l| Date::parse(&summit.date).is_some_and(|d| l < d))
    {
        found.push((
            path.into(),
            format!("the signing \"{later}\" must be a YYYY-MM-DD date on or after the summit"),
        ));
    }
    if let Some(agreed) = &summit.agreed
        && Date::parse(agreed).is_none_or(|a| Date::parse(&summit.date).is_some_and(|d| a > d))
    {
        found.push((
            path.into(),
            format!("the day the summit is agreed, \"{agreed}\", must be a YYYY-MM-DD date on or before it"),
        ));
    }
    let date = summit.date.as_str();
    match Date::parse(date) {
        None => found.push((path.into(), format!("\"{date}\" is not a YYYY-MM-DD date"))),
        Some(d) => {
            let start = Date::parse(&s.clock.start_date);
            let end = Date::parse(&s.clock.truce_expiry);
            if start.is_some_and(|st| d < st) || end.is_some_and(|e| d >= e) {
                found.push((
                    path.into(),
                    "the summit must fall between the start and the truce's expiry".into(),
                ));
            }
        }
    }
}

fn check_effect(s: &Scenario, found: &mut Found, path: &str, effect: &Effect) {
    crate::scenario::world::check_status_quo_move(s, found, path, effect);
    match effect {
        Effect::ChinaWeight(id, _) | Effect::OpenIssue(id) if s.issue_index(id).is_none() => {
            found.push((path.into(), unknown_issue(s, id)));
        }
        Effect::ScheduleSummit(summit) => check_summit(s, found, path, summit),
        Effect::Concession(points) if *points < 0.0 => found.push((
            path.into(),
            "a concession gives value away: it cannot be negative".into(),
        )),
        _ => {}
    }
}
