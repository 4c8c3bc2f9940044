//! Reading the save formats of earlier releases (versions 1 and 2) without today's `State`.
//!
//! Those files kept the whole state. It is read here only through frozen, loose descriptions of
//! the few parts that matter (the clock, the outcome and the dispatch log, as release 0.1.0
//! wrote them): every other field is skipped, so a change to the engine's `State` never stops
//! an old save from loading. Beijing's answers are dug out of the log's wording, which is
//! frozen with the release that wrote it.

use serde::{Deserialize, Serialize};

use crate::engine::{Action, State};
use crate::persist::format::{SaveFile, ScenarioRef, game_id};
use crate::persist::record::{TurnRecord, word};

/// The rules id that releases before format 3 played by (Truce 0.1.0).
pub const RULES_OF_0_1_0: u32 = 1;

/// The version that wrote every format-2 save.
pub const VERSION_OF_FORMAT_2: &str = "0.1.0";

/// The first save format (version 1), as read: no display name, timestamp or game id, the
/// scenario a bare built-in name, the actions called `moves`.
#[derive(Debug, Deserialize)]
#[serde(rename = "TruceSave")]
pub(crate) struct ReadV1 {
    pub scenario: String,
    pub seed: u64,
    pub moves: Vec<Action>,
}

/// The second format (version 2), as read; its `state` is read separately and loosely.
#[derive(Debug, Deserialize)]
#[serde(rename = "TruceSave")]
pub(crate) struct ReadV2 {
    pub name: String,
    pub saved_at: String,
    pub game_id: String,
    pub scenario: ScenarioRef,
    pub seed: u64,
    pub actions: Vec<Action>,
}

/// The first save format as the example generator writes it (for the migration fixture).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename = "TruceSave")]
pub struct SaveV1 {
    /// Always 1.
    pub version: u32,
    /// A built-in scenario name.
    pub scenario: String,
    /// The seed.
    pub seed: u64,
    /// Every accepted action.
    pub moves: Vec<Action>,
    /// The state after the last action.
    pub state: State,
}

/// Only the saved state of an old file, in today's shape: used to verify an old save fully when
/// the rules have not changed since. Fails (harmlessly) once `State` has moved on.
#[derive(Deserialize)]
#[serde(rename = "TruceSave")]
pub(crate) struct StrictState {
    pub state: State,
}

/// The saved state of an old file, loosely.
#[derive(Deserialize)]
#[serde(rename = "TruceSave")]
struct LooseSave {
    state: LooseState,
}

#[derive(Deserialize)]
struct LooseState {
    day: u32,
    horizon: u32,
    turns: u32,
    #[serde(default)]
    outcome: Option<OldOutcome>,
    #[serde(default)]
    log: Vec<OldDispatch>,
}

#[derive(Deserialize)]
struct OldDispatch {
    week: u32,
    source: OldSource,
    text: String,
}

#[derive(Deserialize, PartialEq, Eq, Clone, Copy)]
enum OldSource {
    Us,
    China,
    Event,
    Clock,
}

#[derive(Deserialize, Clone, Copy)]
enum OldOutcome {
    ComprehensiveDeal,
    FrameworkDeal,
    TruceExtended,
    UsWalkedAway,
    Escalation,
}

impl OldOutcome {
    /// The same keys as `Outcome::key`, frozen here.
    fn key(self) -> &'static str {
        match self {
            OldOutcome::ComprehensiveDeal => "comprehensive_deal",
            OldOutcome::FrameworkDeal => "framework_deal",
            OldOutcome::TruceExtended => "truce_extended",
            OldOutcome::UsWalkedAway => "us_walked_away",
            OldOutcome::Escalation => "escalation",
        }
    }
}

/// What an old file's state says: the header fields and the per-turn record (empty when the
/// log could not be matched to the actions).
struct OldSummary {
    week: u32,
    turns: u32,
    outcome: Option<String>,
    record: Vec<TurnRecord>,
}

fn summary(text: &str, actions: &[Action]) -> OldSummary {
    match ron::from_str::<LooseSave>(text) {
        Ok(LooseSave { state }) => OldSummary {
            // The week as 0.1.0 counted it: the expiry day itself belongs to the last week.
            week: state.day.min(state.horizon.saturating_sub(1)) / 7 + 1,
            turns: state.turns,
            outcome: state.outcome.map(|o| o.key().to_string()),
            record: answers(&state.log, actions),
        },
        // A state this loose reading cannot follow: the game still replays, without a record.
        Err(_) => OldSummary {
            week: 0,
            turns: 0,
            outcome: None,
            record: Vec::new(),
        },
    }
}

/// Beijing's answer to each action, from a 0.1.0 dispatch log. Every action wrote exactly one
/// line of its own: a US line, or for `Sign` the clock's line about the signing. Beijing's
/// answer is the next China line before the following action's line. Returns nothing when the
/// lines and the actions do not pair up, rather than a record that might mislead. The weeks
/// are exact for answered moves; for agenda openings they may be a week early (see below).
fn answers(log: &[OldDispatch], actions: &[Action]) -> Vec<TurnRecord> {
    let signing = |d: &OldDispatch| {
        d.source == OldSource::Clock
            && (d.text.starts_with("The leaders sign the agreement")
                || d.text.starts_with("China's leader declines to sign"))
    };
    let starts: Vec<usize> = log
        .iter()
        .enumerate()
        .filter(|(_, d)| d.source == OldSource::Us || signing(d))
        .map(|(i, _)| i)
        .collect();
    if starts.len() != actions.len() {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(actions.len());
    for (n, (&at, action)) in starts.iter().zip(actions).enumerate() {
        let line = &log[at];
        let end = starts.get(n + 1).copied().unwrap_or(log.len());
        let china = log[at + 1..end]
            .iter()
            .find(|d| d.source == OldSource::China && !d.text.starts_with("Beijing steps down"));
        let answer = match action {
            Action::Agenda { .. } | Action::WalkAway => word::NONE,
            Action::AcceptCounter => word::ACCEPT,
            Action::Sign if line.text.starts_with("The leaders sign") => word::SIGN,
            Action::Sign => word::REFUSE_SIGN,
            _ => china.map_or(word::NONE, |d| china_word(&d.text)),
        };
        // Opening an issue logs its line after the preparation days have passed, so that line
        // can be a week late: the line before it is no later than the week the move was made.
        let week = match action {
            Action::Agenda { on: true, .. } if at > 0 => log[at - 1].week.min(line.week),
            _ => line.week,
        };
        out.push(TurnRecord {
            week,
            answer: answer.to_string(),
        });
    }
    out
}

/// The answer word of one of 0.1.0's China lines.
fn china_word(text: &str) -> &'static str {
    const WORDS: [(&str, &str); 7] = [
        ("Beijing accepts", word::ACCEPT),
        ("Beijing counters", word::COUNTER),
        ("Beijing answers with mineral restrictions", word::RESTRICT),
        ("Beijing protests", word::NOTED),
        ("Beijing welcomes", word::NOTED),
        ("Beijing agrees to extend", word::EXTEND),
        ("Beijing refuses", word::REFUSE_EXTENSION),
    ];
    WORDS
        .iter()
        .find(|(prefix, _)| text.starts_with(prefix))
        .map_or(word::NONE, |(_, w)| w)
}

/// A version-2 file in today's shape: made by Truce 0.1.0 under its rules, with the header
/// and record read from its saved state. The digest is left empty: an old file is verified
/// against its whole saved state instead.
pub(crate) fn from_v2(old: ReadV2, text: &str) -> SaveFile {
    let s = summary(text, &old.actions);
    SaveFile {
        version: 2,
        name: old.name,
        saved_at: old.saved_at,
        game_id: old.game_id,
        game_version: VERSION_OF_FORMAT_2.into(),
        rules: RULES_OF_0_1_0,
        scenario_name: old.scenario.name().to_string(),
        seed: old.seed,
        week: s.week,
        turns: s.turns,
        outcome: s.outcome,
        scenario: old.scenario,
        actions: old.actions,
        record: s.record,
        digest: String::new(),
        player: None,
        class: false,
        reloads: 0,
        instructor: false,
        started_at: None,
        chain: None,
        chain_from: 0,
        moved_at: Vec::new(),
        draw_key: None,
    }
}

/// A version-1 file in today's shape. Version 1 recorded no scenario hash: `hash` is that of
/// the built-in of that name in this build, and the replay check catches a changed scenario.
/// Which release wrote it is unknown (an early one), so `game_version` is empty.
pub(crate) fn from_v1(old: ReadV1, hash: String, text: &str) -> SaveFile {
    let s = summary(text, &old.moves);
    let name = format!("{} · seed {} · week {}", old.scenario, old.seed, s.week);
    SaveFile {
        version: 1,
        name,
        saved_at: String::new(),
        game_id: game_id(&old.scenario, old.seed, "v1"),
        game_version: String::new(),
        rules: RULES_OF_0_1_0,
        scenario_name: old.scenario.clone(),
        seed: old.seed,
        week: s.week,
        turns: s.turns,
        outcome: s.outcome,
        scenario: ScenarioRef::Builtin {
            name: old.scenario,
            hash,
        },
        actions: old.moves,
        record: s.record,
        digest: String::new(),
        player: None,
        class: false,
        reloads: 0,
        instructor: false,
        started_at: None,
        chain: None,
        chain_from: 0,
        moved_at: Vec::new(),
        draw_key: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Package;

    fn line(week: u32, source: OldSource, text: &str) -> OldDispatch {
        OldDispatch {
            week,
            source,
            text: text.into(),
        }
    }

    #[test]
    fn pairs_each_move_with_its_answer_or_gives_up() {
        use OldSource::{China, Clock, Event, Us};
        let log = vec![
            line(1, Clock, "Talks open on 25 Aug 2025."),
            line(2, Us, "Excess capacity opened: 4 days of preparation."),
            line(2, Us, "US proposes: Tariffs 20%."),
            line(2, China, "Beijing counters: Tariffs 10%."),
            line(3, Event, "Beijing tells firms to pause H20 orders: ..."),
            line(
                3,
                Us,
                "The US accepts Beijing's counter-offer as the agreement in principle.",
            ),
            line(
                3,
                China,
                "Beijing steps down the restriction ladder as a sign of good faith.",
            ),
            line(4, Us, "US threatens: tariff snap-back."),
            line(
                4,
                China,
                "Beijing protests the threat but does not escalate this week.",
            ),
            line(5, Clock, "The leaders sign the agreement."),
            line(5, Clock, "Game over: Framework deal."),
        ];
        let actions = vec![
            Action::Agenda { issue: 6, on: true },
            Action::Propose(Package(vec![2])),
            Action::AcceptCounter,
            Action::Threaten,
            Action::Sign,
        ];
        let got: Vec<(u32, String)> = answers(&log, &actions)
            .into_iter()
            .map(|r| (r.week, r.answer))
            .collect();
        let want = [
            (1, "none"),
            (2, "counter"),
            (3, "accept"),
            (4, "noted"),
            (5, "sign"),
        ];
        assert_eq!(
            got,
            want.map(|(w, a)| (w, a.to_string())).to_vec(),
            "the opening is dated by the line before it"
        );
        // One move too many for the log: no record rather than a misleading one.
        let mut more = actions.clone();
        more.push(Action::Goodwill);
        assert!(answers(&log, &more).is_empty());
        assert_eq!(
            china_word("Beijing answers with mineral restrictions, rung 2: x."),
            word::RESTRICT
        );
        assert_eq!(
            china_word("Beijing refuses: trust is too low to extend the truce."),
            word::REFUSE_EXTENSION
        );
        assert_eq!(china_word("Something else"), word::NONE);
    }
}
