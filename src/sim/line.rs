//! A line of US moves replayed from its seed into a week-by-week account: each move, China's
//! answer, the rule that decided it and why, and the final scores. `truce solve` prints it.

use std::io::{self, Write};
use std::sync::Arc;

use serde::Serialize;

use crate::ai::{Answer, Reply, Rule};
use crate::core::Said;
use crate::engine::{Action, ActionError, Game, Scorecard, State, scorecard};
use crate::report::card_name;
use crate::report::explain::{reply_headline, rule_text};
use crate::scenario::Scenario;

/// One move of a line with what followed it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineStep {
    /// Week the move was made in.
    pub week: u32,
    /// The move in words.
    pub action: String,
    /// China's answer in words, when China answered.
    pub answer: Option<String>,
    /// The rule that decided the answer.
    pub rule: Option<Rule>,
    /// The rule in a sentence, with the numbers behind it when a package was judged.
    pub reason: Option<String>,
}

/// The six scores and their weighted whole, 0..=100 each: one game's (a solved line's final
/// scores) or the mean of many (a strategy's in `truce simulate`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Value of the outcome to the US.
    pub us_value: f64,
    /// How much survives implementation.
    pub durability: f64,
    /// China's satisfaction.
    pub balance: f64,
    /// The headline price tag.
    pub headline: f64,
    /// National security.
    pub security: f64,
    /// Damage avoided.
    pub damage: f64,
    /// The weighted whole.
    pub overall: f64,
}

impl Scores {
    /// Each score with `f` applied.
    pub fn map(&self, f: impl Fn(f64) -> f64) -> Scores {
        Scores {
            us_value: f(self.us_value),
            durability: f(self.durability),
            balance: f(self.balance),
            headline: f(self.headline),
            security: f(self.security),
            damage: f(self.damage),
            overall: f(self.overall),
        }
    }

    /// Adds another game's scores, score by score (for a mean).
    pub fn add(&mut self, other: &Scores) {
        self.us_value += other.us_value;
        self.durability += other.durability;
        self.balance += other.balance;
        self.headline += other.headline;
        self.security += other.security;
        self.damage += other.damage;
        self.overall += other.overall;
    }
}

impl From<&Scorecard> for Scores {
    fn from(s: &Scorecard) -> Self {
        Scores {
            us_value: s.us_value.value,
            durability: s.durability.value,
            balance: s.balance.value,
            headline: s.headline.value,
            security: s.security.value,
            damage: s.damage.value,
            overall: s.overall.value,
        }
    }
}

/// A whole line, replayed: what `truce solve --json` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineReport {
    /// The game's seed.
    pub seed: u64,
    /// Scenario name.
    pub scenario: String,
    /// Playouts the search ran.
    pub playouts: usize,
    /// The moves week by week.
    pub line: Vec<LineStep>,
    /// How the game ended (snake_case key), if it did.
    pub outcome: Option<String>,
    /// The final scores.
    pub scores: Scores,
    /// Whether the search tree reached its cap of nodes, so later playouts rolled out from its
    /// leaves (set by the caller that searched; `false` from `replay_line`).
    pub tree_full: bool,
    /// Which search found the line: `fair` (futures drawn afresh: a line a player could
    /// follow) or `oracle` (hindsight over this seed's dice and Beijing: an upper bound); set by
    /// the caller that searched, `replay` from `replay_line`.
    pub search: String,
    /// The signed package issue by issue (every issue, in the scenario's order), if a deal was
    /// signed.
    pub signed: Option<Vec<IssueLevel>>,
    /// Whether Beijing heeded a US threat somewhere in the line (its demand fell).
    pub threat_heeded: bool,
    /// Whether the US walked out credibly and Beijing came back with a lower demand.
    pub walk_out_returned: bool,
}

/// One issue of a package: its id and the level's label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IssueLevel {
    /// The issue's id in the scenario.
    pub issue: String,
    /// The level's label.
    pub level: String,
}

/// A package issue by issue, as ids and labels.
pub fn package_levels(scenario: &Scenario, package: &crate::engine::Package) -> Vec<IssueLevel> {
    scenario
        .issues
        .iter()
        .zip(&package.0)
        .map(|(issue, &l)| IssueLevel {
            issue: issue.id.clone(),
            level: issue
                .levels
                .get(l)
                .map_or_else(|| l.to_string(), |v| v.label.clone()),
        })
        .collect()
}

/// Replays `actions` from `seed` and describes every move; fails at the first refused move with
/// its index.
pub fn replay_line(
    scenario: Arc<Scenario>,
    seed: u64,
    playouts: usize,
    actions: &[Action],
) -> Result<LineReport, (usize, ActionError)> {
    let mut game = Game::new(Arc::clone(&scenario), seed);
    let mut line = Vec::with_capacity(actions.len());
    for (i, action) in actions.iter().enumerate() {
        let words = describe_action(&scenario, &game.state, action);
        let agenda = game.state.agenda.clone();
        let turn = game.apply(action.clone()).map_err(|e| (i, e))?;
        let answer = turn.answer.as_ref();
        line.push(LineStep {
            week: turn.week,
            action: words,
            answer: answer.map(|a| describe_answer(&scenario, &agenda, a)),
            rule: answer.map(|a| a.why.rule),
            reason: answer.map(reason),
        });
    }
    let scores = scorecard(&scenario, &game.state);
    let said = |f: fn(&Said) -> bool| game.state.log.iter().any(|d| f(&d.said));
    Ok(LineReport {
        seed,
        scenario: scenario.name.clone(),
        playouts,
        line,
        outcome: game.state.outcome.map(|o| o.key().to_string()),
        scores: Scores::from(&scores),
        tree_full: false,
        search: "replay".to_string(),
        signed: game
            .state
            .signed
            .as_ref()
            .map(|p| package_levels(&scenario, p)),
        threat_heeded: said(|s| matches!(s, Said::ThreatHeeded)),
        walk_out_returned: said(|s| matches!(s, Said::WalkOutReturned)),
    })
}

/// A move in words, with the package when it is a proposal.
fn describe_action(scenario: &Scenario, state: &State, action: &Action) -> String {
    match action {
        Action::Propose(p) => format!("propose {}", scenario.describe_package(p, &state.agenda)),
        Action::Agenda { issue, on } => {
            let name = scenario.issues.get(*issue).map_or("?", |i| i.name.as_str());
            format!("{} {name}", if *on { "open" } else { "close" })
        }
        // "play a card" alone leaves the reader guessing which: name it.
        Action::Play { card } => format!("play {}", card_name(scenario, *card)),
        // And the ask granted: what the package gives up at the last minute.
        Action::GrantAsk => match state.summit_ask {
            Some((i, l)) => {
                let issue = scenario.issues.get(i);
                let short = issue.map_or("?", |x| x.short.as_str());
                let label = issue
                    .and_then(|x| x.levels.get(l))
                    .map_or("?", |v| v.label.as_str());
                format!("grant Beijing's last ask: {short} {label}")
            }
            None => action.label().to_string(),
        },
        other => other.label().to_string(),
    }
}

/// China's answer in words, with its counter-offer spelled out.
fn describe_answer(scenario: &Scenario, agenda: &[bool], answer: &Answer) -> String {
    let headline = reply_headline(scenario, answer);
    match &answer.reply {
        Reply::Counter(p) if p.0.len() == scenario.issues.len() => {
            format!("{headline}: {}", scenario.describe_package(p, agenda))
        }
        _ => headline,
    }
}

/// The rule in a sentence, and the numbers that decided it.
fn reason(answer: &Answer) -> String {
    let why = &answer.why;
    let mut text = rule_text(why.rule).to_string();
    if let Some(u) = why.utility {
        let (value, demand) = crate::report::explain::value_and_demand(u, why.aspiration);
        text.push_str(&format!(
            " (worth {value} to Beijing against a demand of {demand}"
        ));
        // The balance as Beijing judged it: shares on a common scale when it used them (the
        // ratio is only the older rule's measure, and "3.0 allowed" beside them misled).
        if let (Some(us), Some(cn), true) = (why.us_share, why.china_share, why.allowed_gap < 2.0) {
            text.push_str(&format!(
                "; the US would get {:.0}% of its possible gain, China {:.0}%, a gap of {:.1} points against the {:.0} allowed",
                100.0 * us,
                100.0 * cn,
                100.0 * (us - cn),
                100.0 * why.allowed_gap
            ));
        } else if let Some(r) = why.ratio {
            text.push_str(&format!(
                "; the US gains {r:.1} times China's gain, {:.1} allowed",
                why.allowed_ratio
            ));
        }
        text.push(')');
    }
    if let Some((chance, roll)) = why.roll {
        text.push_str(&format!(
            " (chance of retaliation {:.0}%, roll {:.0}%)",
            100.0 * chance,
            100.0 * roll
        ));
    }
    // Every red line crossed, not only the first.
    let hits = if why.red_lines.is_empty() {
        why.red_line.iter().collect::<Vec<_>>()
    } else {
        why.red_lines.iter().collect()
    };
    for hit in hits {
        text.push_str(&format!(" Red line: {}", hit.reason));
    }
    text
}

/// The line as text, week by week, then the outcome and the scores.
pub fn write_text(out: &mut impl Write, report: &LineReport) -> io::Result<()> {
    let how = match report.search.as_str() {
        "fair" => " (fair: each move chosen on futures drawn afresh, as a player could)",
        "oracle" => " (oracle: hindsight over this seed's dice and Beijing, an upper bound)",
        _ => "",
    };
    writeln!(
        out,
        "Best line found for {} · seed {} · {} playouts{how}",
        report.scenario, report.seed, report.playouts
    )?;
    if report.tree_full {
        writeln!(
            out,
            "The search tree reached its cap (--max-nodes): later playouts rolled out from its leaves."
        )?;
    }
    for step in &report.line {
        writeln!(out)?;
        writeln!(out, "Week {:>2}  US: {}", step.week, step.action)?;
        if let Some(answer) = &step.answer {
            writeln!(out, "         China: {answer}")?;
        }
        if let (Some(rule), Some(reason)) = (step.rule, &step.reason) {
            writeln!(out, "         Rule {rule:?}: {reason}")?;
        }
    }
    writeln!(out)?;
    // The title a player reads ("Comprehensive deal"), not the JSON key.
    let outcome = report.outcome.as_deref().map_or("game not finished", |k| {
        crate::core::Outcome::ALL
            .iter()
            .find(|o| o.key() == k)
            .map_or(k, |o| o.title())
    });
    writeln!(out, "Outcome: {outcome}")?;
    if let Some(signed) = &report.signed {
        let terms: Vec<String> = signed
            .iter()
            .map(|x| format!("{} {}", x.issue, x.level))
            .collect();
        writeln!(out, "Signed: {}", terms.join(" · "))?;
    }
    let s = &report.scores;
    writeln!(
        out,
        "Scores: US value {:.1} · durability {:.1} · balance {:.1} · headline {:.1} · security {:.1} · damage avoided {:.1} · overall {:.1}",
        s.us_value, s.durability, s.balance, s.headline, s.security, s.damage, s.overall
    )
}
