//! China's answers in plain words. This module only formats the `Explanation` the AI recorded;
//! it never recomputes the AI's logic.

use crate::ai::{Answer, Explanation, Reply, Rule};
use crate::scenario::Scenario;

mod hidden;
mod rules;
use hidden::{pressure_line, roll_line, walk_out_line};
pub use rules::rule_text;

/// One line naming what Beijing did, e.g. "Beijing counters with its own package".
pub fn reply_headline(scenario: &Scenario, answer: &Answer) -> String {
    match &answer.reply {
        Reply::Accept if answer.why.rule == Rule::Kept => {
            "Beijing stands by the package agreed in principle".into()
        }
        Reply::Accept
            if answer.why.reason.as_deref() == Some(crate::core::answer::COUNTER_TAKEN) =>
        {
            "Beijing confirms its own counter-offer as the agreement in principle".into()
        }
        Reply::Accept => "Beijing accepts the package in principle".into(),
        Reply::Counter(_) if answer.why.rule == Rule::Reopened => {
            "Beijing reopens the agreement and puts a new counter on the table".into()
        }
        Reply::Counter(_) => "Beijing counters with a package of its own".into(),
        Reply::Restrict(r) => {
            let name = rung_name(scenario, *r);
            format!("Beijing restricts minerals: rung {r}, {name}")
        }
        Reply::Noted => match answer.why.rule {
            Rule::ThreatAbsorbed => "Beijing notes the threat without escalating".into(),
            Rule::ThreatHeeded => "Beijing gives way to the threat and lowers its demand".into(),
            Rule::Mirrored => "Beijing mirrors the US measure with one of its own".into(),
            Rule::WalkOutHeld => "Beijing does not mirror the walk-out".into(),
            Rule::WalkOutMirrored => "Beijing mirrors the walk-out with restrictions".into(),
            _ => "Beijing notes the move".into(),
        },
        Reply::GrantExtension => "Beijing grants an extension of the truce".into(),
        Reply::RefuseExtension => "Beijing refuses to extend the truce".into(),
        // Not "signs": at Busan nothing was signed, and phase one was signed a month later.
        Reply::Sign => "Beijing closes the deal".into(),
        Reply::RefuseSign => "China's leader declines to sign".into(),
    }
}

/// What to show where China's last answer goes when there is none: before the first move, or
/// after a move that asks for no answer (holding). "Waits for your first move" in week 5 read
/// as if the game had forgotten the talks so far.
pub fn no_answer(state: &crate::core::State) -> &'static str {
    if state.turns == 0 {
        "Beijing waits for your first move."
    } else {
        // Only holding (and walking out, which ends the game) asks for no answer. Short: the
        // Beijing panel is narrow.
        "No answer: the US held this week."
    }
}

/// The name of restriction rung `rung` (1-based), or a placeholder if the scenario has none.
pub fn rung_name(scenario: &Scenario, rung: u8) -> &str {
    usize::from(rung)
        .checked_sub(1)
        .and_then(|i| scenario.ai.ladder.get(i))
        .map_or("no restrictions", |r| r.name.as_str())
}

/// Whether an explanation may print Beijing's private figures (what no deal is worth to it,
/// the pressure it feels, the chances it rolled): only once the game is over. During play the
/// screen gives signals (the pressure band, this week's demand, the gap), never the type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reveal {
    /// During play: no private figure is printed.
    Hidden,
    /// After the game (debrief, transcript, review of a finished game): everything.
    Shown,
}

impl Reveal {
    /// Hidden while the game of `state` goes on, shown once it has ended.
    pub fn for_state(state: &crate::core::State) -> Reveal {
        if state.outcome.is_some() {
            Reveal::Shown
        } else {
            Reveal::Hidden
        }
    }
}

/// The full explanation of one answer, one paragraph per line, in plain words, with every
/// figure (for a finished game: transcripts and reviews).
pub fn explain(scenario: &Scenario, answer: &Answer) -> Vec<String> {
    explain_with(scenario, answer, None, Reveal::Shown)
}

/// The explanation of one answer with or without Beijing's private figures, when no state is
/// at hand (a transcript of an unfinished game hides them).
pub fn explain_for(scenario: &Scenario, answer: &Answer, reveal: Reveal) -> Vec<String> {
    explain_with(scenario, answer, None, reveal)
}

/// The explanation as a screen shows it beside the meters of `state`: the trust line gives
/// both the trust Beijing answered at and the trust now, which the Beijing panel shows (the
/// answer itself and the week since move it, so the two differ). While the game goes on,
/// Beijing's private figures are hidden ([`Reveal::for_state`]).
pub fn explain_now(
    scenario: &Scenario,
    answer: &Answer,
    state: &crate::core::State,
) -> Vec<String> {
    explain_with(scenario, answer, Some(state), Reveal::for_state(state))
}

/// The trust line: at the answer, and now when known.
fn trust_line(at_answer: f64, now: Option<f64>) -> String {
    // Rounded as the panel rounds, so "the same" means the same figure on screen.
    let then = signed_whole(at_answer);
    match now.map(signed_whole) {
        Some(now) if now != then => format!(
            "Trust: {then} when Beijing answered; {now} now, the figure on the Beijing panel (the answer itself and the week since have moved it). From -100 to +100."
        ),
        Some(_) => {
            format!("Trust: {then} when Beijing answered, the same as now (from -100 to +100).")
        }
        None => format!(
            "Trust when Beijing answered: {then} (from -100 to +100), before the answer and the rest of the week moved it."
        ),
    }
}

/// A signed whole number, with "+0" for anything that rounds to nothing.
fn signed_whole(x: f64) -> String {
    if x.abs() < 0.5 {
        "+0".into()
    } else {
        format!("{x:+.0}")
    }
}

/// For answers decided by a threshold (signing, extending), which test passed or failed, with
/// the numbers: "declines to sign" alone left the player guessing which of three causes.
fn threshold_line(scenario: &Scenario, why: &crate::core::Explanation) -> Option<String> {
    let trust = signed_whole(why.trust);
    match why.rule {
        Rule::ExtensionGranted | Rule::ExtensionRefused => {
            let need = signed_whole(scenario.ai.extension_min_trust);
            let verdict = if why.rule == Rule::ExtensionGranted {
                "at least"
            } else {
                "below"
            };
            Some(format!(
                "Trust is {trust}, {verdict} the {need} Beijing needs to extend the truce."
            ))
        }
        Rule::SummitRefused => {
            let mut causes = Vec::new();
            if !why.red_lines.is_empty() || why.red_line.is_some() {
                causes.push("the package crosses a red line (below)".to_string());
            }
            if let (Some(us), Some(cn)) = (why.us_share, why.china_share)
                && why.allowed_gap < 2.0
                && us - cn > why.allowed_gap + 1e-9
            {
                causes.push(format!(
                    "it is unbalanced (a gap of {:.1} points, {:.0} allowed)",
                    100.0 * (us - cn),
                    100.0 * why.allowed_gap
                ));
            }
            if why.trust < scenario.ai.signing_min_trust {
                causes.push(format!(
                    "trust is {trust}, below the {} it needs to sign",
                    signed_whole(scenario.ai.signing_min_trust)
                ));
            }
            if why.reason.is_some() {
                let slack = scenario.world.summit.refuse_slack;
                let short = why
                    .utility
                    .is_some_and(|u| u < why.aspiration - slack - 1e-9);
                if short {
                    causes.push(format!(
                        "its last ask was refused and the package falls more than {slack:.2} short of its demand"
                    ));
                }
                if why.roll.is_some_and(|(chance, roll)| roll < chance) {
                    causes.push(
                        "its last ask was refused and Beijing left over it (its firmness, below)"
                            .to_string(),
                    );
                }
            }
            (!causes.is_empty()).then(|| format!("Why not: {}.", causes.join("; ")))
        }
        _ => None,
    }
}

/// What a priced threat leaves running: its deadline, and the two ways to meet it. Without
/// this, a threat China gave way to and then a "bluff called" weeks later read as a
/// contradiction.
fn threat_deadline(scenario: &Scenario, state: Option<&crate::core::State>) -> Option<String> {
    let k = scenario.index().threat_card?;
    let card = crate::report::card_name(scenario, k);
    let ways = format!(
        "agree a package in principle (the threat is shelved) or carry it out (play {card} from the action menu); otherwise Beijing calls the bluff and US threats count for less"
    );
    match state.map(|st| st.threat_deadline) {
        Some(Some(day)) => Some(format!(
            "The threat still runs: by {}, {ways}.",
            scenario.date_of_day(day).long()
        )),
        // The deadline has passed since: the dispatches say how it ended.
        Some(None) => None,
        None => Some(format!(
            "A threat runs to its deadline: by then the US must {ways}."
        )),
    }
}

fn explain_with(
    scenario: &Scenario,
    answer: &Answer,
    state: Option<&crate::core::State>,
    reveal: Reveal,
) -> Vec<String> {
    let trust_now = state.map(|st| st.meters.trust);
    let why = &answer.why;
    let mut out = vec![
        format!("{}.", reply_headline(scenario, answer)),
        format!("Rule: {}", rule_text(why.rule)),
    ];
    out.extend(numbers(why));
    let hits = if why.red_lines.is_empty() {
        why.red_line.iter().cloned().collect()
    } else {
        why.red_lines.clone()
    };
    for hit in &hits {
        let issue = scenario.issues.get(hit.issue);
        let name = issue.map_or("an issue", |i| i.name.as_str());
        let level = issue
            .and_then(|i| i.levels.get(hit.level))
            .map_or("?", |l| l.label.as_str());
        out.push(format!(
            "Red line: {name} at \"{level}\". Beijing's reason: {}",
            hit.reason
        ));
    }
    out.extend(roll_line(why, reveal));
    if let Some(reason) = &why.reason {
        out.push(format!("What Beijing names: {reason}."));
    }
    if let Some(b) = &why.walk_out {
        out.push(walk_out_line(b, reveal));
    }
    if let Some(line) = threshold_line(scenario, why) {
        out.push(line);
    }
    // A threat of a measure already in force (its reason says so) has no deadline to meet.
    let runs = why.rule == Rule::ThreatHeeded
        || (why.rule == Rule::ThreatAnswered && why.reason.is_none());
    if runs && let Some(line) = threat_deadline(scenario, state) {
        out.push(line);
    }
    if why.china_pressure > 0.0 || why.us_pressure > 0.0 {
        out.push(pressure_line(scenario, why, state, reveal));
    }
    if let Reply::Counter(p) = &answer.reply {
        let none = vec![false; scenario.issues.len()];
        let words = if p.0.len() == none.len() {
            scenario.describe_package(p, &none)
        } else {
            "(a package for a different agenda)".into()
        };
        out.push(format!("Its counter-offer: {words}."));
        if let Some(u) = why.counter_utility {
            out.push(format!(
                "Beijing values its counter at {u:.2}, which meets its demand of {:.2}. Accept it from the action menu, or build on it.",
                why.aspiration
            ));
        }
    }
    out.push(trust_line(why.trust, trust_now));
    out.push(
        "How Beijing decides: it values each package on a 0-to-1 scale. Its demand (aspiration) starts high and falls slowly, most of it late (a tough \"Boulware\" curve), towards the summit, down to what no deal is worth to it plus a margin: pressure on China lowers that floor, the US's visible pain raises it. Threats it mirrors raise its demand for a while, threats it heeds lower it, trust lowers it. Its counter starts from its own side and gives the US what costs China least.".into(),
    );
    out
}

/// Beijing's value for the package against its demand, or its demand alone.
fn value_line(why: &Explanation) -> String {
    match why.utility {
        Some(u) => {
            // A package Beijing keeps (agreed in principle, or its own counter the US took)
            // stands even when this week's demand is higher: say so, not "not enough" beside
            // an acceptance.
            let keeps = why.rule == Rule::Kept
                || why.reason.as_deref() == Some(crate::core::answer::COUNTER_TAKEN)
                || why.rule == Rule::SummitSigned;
            let verdict = if u + 1e-9 >= why.aspiration {
                "enough"
            } else if keeps {
                "less, but Beijing keeps its word: an agreement stands until something it names happens"
            } else {
                "not enough"
            };
            let (uu, aa) = value_and_demand(u, why.aspiration);
            format!(
                "Value to Beijing: {uu} on a 0-to-1 scale. This week it demands at least {aa} (its aspiration): {verdict}. Today's status quo is worth {:.2} to it.",
                why.status_quo
            )
        }
        // A heeded threat cuts the demand after it was recorded: say the figure is the one before.
        None if why.rule == Rule::ThreatHeeded => format!(
            "Before it gave way, Beijing's demand this week (its aspiration) was {:.2} on a 0-to-1 scale; today's status quo is worth {:.2} to it.",
            why.aspiration, why.status_quo
        ),
        None => format!(
            "Beijing's demand this week (its aspiration) is {:.2} on a 0-to-1 scale; today's status quo is worth {:.2} to it.",
            why.aspiration, why.status_quo
        ),
    }
}

/// The numbers behind a judged package: utility against aspiration and status quo, and balance.
fn numbers(why: &Explanation) -> Vec<String> {
    let mut out = vec![value_line(why)];
    let common_scale = why.allowed_gap < 2.0 && why.us_share.is_some();
    if common_scale && let (Some(us), Some(cn)) = (why.us_gain, why.china_gain) {
        out.push(format!(
            "Gains over the status quo: US {}, China {} (each on its own 0-to-1 scale).",
            signed(us),
            signed(cn)
        ));
    }
    if !common_scale && let (Some(us), Some(cn)) = (why.us_gain, why.china_gain) {
        let balance = match why.ratio {
            Some(r) => {
                let verdict = if r <= why.allowed_ratio + 1e-9 {
                    "within"
                } else {
                    "beyond"
                };
                format!(
                    "the US would gain {r:.1} times what China gains, {verdict} the {:.1} times Beijing allows",
                    why.allowed_ratio
                )
            }
            None if us <= 1e-9 => "the US gains nothing, so balance is no issue".into(),
            None => "China gains nothing at all, so no ratio can be balanced".into(),
        };
        out.push(format!(
            "Balance: US gain {}, China's gain {} over the status quo; {balance}.",
            signed(us),
            signed(cn)
        ));
    }
    if common_scale && let (Some(us), Some(cn)) = (why.us_share, why.china_share) {
        let verdict = if us - cn <= why.allowed_gap + 1e-9 {
            "within"
        } else {
            "beyond"
        };
        // Whole points can show a gap just past the limit as equal to it ("30 points, beyond
        // the 30"): use one decimal when the two are that close.
        let gap = 100.0 * (us - cn);
        let limit = 100.0 * why.allowed_gap;
        let places = match (gap - limit).abs() {
            d if d >= 0.5 => 0,
            d if d >= 0.05 => 1,
            _ => 2,
        };
        let fig = |x: f64| {
            let shown = format!("{x:.places$}");
            // No "-0" or "-0.0" for a figure that rounds to nothing.
            if shown
                .trim_start_matches('-')
                .chars()
                .all(|c| c == '0' || c == '.')
            {
                shown.trim_start_matches('-').to_string()
            } else {
                shown
            }
        };
        // A share below zero is a loss: "China -20% of all it could" reads as a misprint.
        let side = |name: &str, x: f64| {
            let shown = fig(100.0 * x);
            match shown.strip_prefix('-') {
                Some(lost) => {
                    format!("{name} would lose the equivalent of {lost}% of all it could gain")
                }
                None => format!("{name} would get {shown}% of all it could gain"),
            }
        };
        out.push(format!(
            "Balance on a common scale (shares of all each side could gain over the whole agenda): {}, {}; the gap is {} points, {verdict} the {} Beijing allows.",
            side("the US", us),
            side("China", cn),
            fig(gap),
            fig(limit)
        ));
    }
    out
}

/// A value and a demand side by side, to two decimals, or three when two would show a
/// shortfall as equal ("0.74 … demands 0.74: not enough").
pub fn value_and_demand(value: f64, demand: f64) -> (String, String) {
    if (value - demand).abs() < 0.01 {
        (format!("{value:.3}"), format!("{demand:.3}"))
    } else {
        (format!("{value:.2}"), format!("{demand:.2}"))
    }
}

/// A signed figure to two decimals, with no "-0.00" for a tiny loss that rounds to nothing.
fn signed(x: f64) -> String {
    if x.abs() < 0.005 {
        "+0.00".into()
    } else {
        format!("{x:+.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Action, Game};
    use std::sync::Arc;

    fn game() -> Game {
        let s = crate::scenario::resolve("autumn-2025").expect("built-in scenario loads");
        Game::new(Arc::new(s), 7)
    }

    #[test]
    fn explains_a_counter_with_its_numbers() {
        let mut g = game();
        let mut p = g.scenario.status_quo();
        p.0[2] = 4; // rare earths: normal flow, a big ask
        g.apply(Action::Propose(p)).expect("legal");
        let answer = g.state.last_answer.clone().expect("answered");
        let lines = explain(&g.scenario, &answer);
        let text = lines.join("\n");
        assert!(text.contains("Value to Beijing"), "{text}");
        assert!(text.contains("aspiration"), "{text}");
        assert!(text.contains("Balance"), "{text}");
        assert!(text.contains("Rule:"), "{text}");
    }

    #[test]
    fn a_share_below_zero_reads_as_a_loss() {
        let mut g = game();
        let mut p = g.scenario.status_quo();
        p.0[2] = 4; // rare earths: normal flow, China gives up its lever
        g.apply(Action::Propose(p)).expect("legal");
        let mut answer = g.state.last_answer.clone().expect("answered");
        answer.why.us_share = Some(0.54);
        answer.why.china_share = Some(-0.2);
        answer.why.allowed_gap = 0.3;
        let text = explain(&g.scenario, &answer).join("\n");
        assert!(
            text.contains("China would lose the equivalent of 20% of all it could gain"),
            "{text}"
        );
        assert!(!text.contains("-20%"), "{text}");
    }

    #[test]
    fn a_gap_just_past_the_limit_does_not_read_as_equal_to_it() {
        let mut g = game();
        let mut p = g.scenario.status_quo();
        p.0[2] = 4;
        g.apply(Action::Propose(p)).expect("legal");
        let mut answer = g.state.last_answer.clone().expect("answered");
        answer.why.allowed_gap = 0.3;
        answer.why.us_share = Some(0.471);
        answer.why.china_share = Some(0.168);
        let text = explain(&g.scenario, &answer).join("\n");
        assert!(
            text.contains("the gap is 30.3 points, beyond the 30.0"),
            "{text}"
        );
        answer.why.china_share = Some(0.1705);
        let text = explain(&g.scenario, &answer).join("\n");
        assert!(
            text.contains("the gap is 30.05 points, beyond the 30.00"),
            "{text}"
        );
        answer.why.china_share = Some(0.1);
        let text = explain(&g.scenario, &answer).join("\n");
        assert!(
            text.contains("the gap is 37 points, beyond the 30 "),
            "{text}"
        );
    }

    #[test]
    fn a_kept_package_below_this_weeks_demand_is_not_called_not_enough() {
        let mut g = game();
        let mut p = g.scenario.status_quo();
        p.0[2] = 4;
        g.apply(Action::Propose(p)).expect("legal");
        let mut answer = g.state.last_answer.clone().expect("answered");
        answer.reply = Reply::Accept;
        answer.why.rule = Rule::Kept;
        answer.why.utility = Some(0.70);
        answer.why.aspiration = 0.75;
        let text = explain(&g.scenario, &answer).join("\n");
        assert!(!text.contains("not enough"), "{text}");
        assert!(text.contains("Beijing keeps its word"), "{text}");
    }

    #[test]
    fn no_minus_zero_in_the_figures() {
        assert_eq!(signed(-0.001), "+0.00");
        assert_eq!(signed(-0.02), "-0.02");
        assert_eq!(
            format!("{:+.2}", -0.001),
            "-0.00",
            "the bug: Rust keeps the sign"
        );
    }

    #[test]
    fn explains_a_threat_roll() {
        let mut g = game();
        g.apply(Action::Threaten).expect("legal");
        let answer = g.state.last_answer.clone().expect("answered");
        let text = explain(&g.scenario, &answer).join("\n");
        assert!(text.contains("Priced threat"), "{text}");
        assert!(text.contains("credibility"), "{text}");
    }
}
