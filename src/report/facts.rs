//! The facts of one saved game, as plain strings and numbers: the one place where transcripts,
//! class reports and the review screen read the engine. When the model changes shape (answers
//! and events as structured data, new meters, an epilogue), only this file needs to follow;
//! the Markdown, CSV and screen layouts read these structs and nothing else.

use crate::engine::{Action, Game, Source, State, Turn, scorecard};
use crate::persist::LoadedGame;
use crate::report::explain::{Reveal, explain_for};
use crate::report::provenance::Provenance;
use crate::report::reply_headline;
use crate::scenario::Scenario;

/// One accepted US move and what followed it.
#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    /// 1-based position of the move in the game.
    pub number: usize,
    /// The week it was taken in (1-based).
    pub week: u32,
    /// The calendar date when it was taken, e.g. `25 Aug 2025`.
    pub date: String,
    /// The US move in words.
    pub action: String,
    /// China's answer, when China answered.
    pub answer: Option<AnswerFacts>,
    /// The dispatches this move produced, oldest first, each with who it is about.
    pub news: Vec<(&'static str, String)>,
    /// The meters after the move.
    pub meters: Vec<Meter>,
    /// How the game ended on this move, if it did.
    pub outcome: Option<String>,
}

/// China's answer to a move, with its full explanation.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerFacts {
    /// One line naming what Beijing did.
    pub headline: String,
    /// The explanation, one paragraph per entry (the same text as the game's `w` screen).
    pub why: Vec<String>,
}

/// One meter's value at some point of the game.
#[derive(Debug, Clone, PartialEq)]
pub struct Meter {
    /// Its name, e.g. "Magnet supply".
    pub name: &'static str,
    /// Its value.
    pub value: f64,
}

/// One score with its reason.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreFacts {
    /// Display name, e.g. "US value".
    pub name: &'static str,
    /// 0..=100.
    pub value: f64,
    /// Why, in words.
    pub reason: String,
}

/// One issue of the deal beside history.
#[derive(Debug, Clone, PartialEq)]
pub struct DealRow {
    /// The issue's short name.
    pub issue: String,
    /// The level signed in this game, and its value to the US; `None` when nothing was signed.
    pub yours: Option<(String, f64)>,
    /// The level of the historical outcome, and its value to the US.
    pub history: (String, f64),
}

/// How a game stands, or how it ended.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeFacts {
    /// A title: "Framework deal", or "in progress".
    pub title: String,
    /// A stable key for grouping: the outcome's snake_case key, or `in_progress`.
    pub key: String,
    /// The week the game ended in (or stands at), capped at the scenario's last week.
    pub week: u32,
    /// The scenario's number of weeks.
    pub weeks: u32,
    /// The calendar date it ended on (or stands at).
    pub date: String,
}

/// Everything a report says about one game.
#[derive(Debug, Clone, PartialEq)]
pub struct GameFacts {
    /// The scenario's machine name.
    pub scenario: String,
    /// The scenario's title.
    pub title: String,
    /// The seed.
    pub seed: u64,
    /// The save's display name.
    pub name: String,
    /// Who played, when the save says.
    pub player: Option<String>,
    /// Whether it was played in class mode.
    pub class: bool,
    /// How many times it was loaded and resumed mid-game outside class mode.
    pub reloads: u32,
    /// Whether the instructor's view (the engine's dry run) was on in this game.
    pub instructor: bool,
    /// Every move, in order.
    pub moves: Vec<Move>,
    /// The outcome.
    pub outcome: OutcomeFacts,
    /// The scores, recomputed from the replayed state (never read from the file).
    pub scores: Vec<ScoreFacts>,
    /// The lessons this game illustrates, in words.
    pub lessons: Vec<String>,
    /// The Beijing the player faced, revealed once the game has ended (kind, drawn figures,
    /// what would have worked); empty during play and for the neutral type.
    pub beijing: Vec<String>,
    /// What really happened, in a paragraph.
    pub history: String,
    /// The deal beside history, issue by issue.
    pub deal: Vec<DealRow>,
    /// The signed deal beside history by value to each side; none without a deal.
    pub beside: Option<beside::Beside>,
    /// The year after the ending, month by month and issue by issue (what was delivered and
    /// what lapsed), as the debrief words it; empty for an unfinished game.
    pub year_after: Vec<String>,
    /// What the file can prove about where it came from (scenario identity, chain).
    pub provenance: Provenance,
}

/// The facts of a loaded save: replays it move by move to see what each move produced.
pub fn of_loaded(loaded: &LoadedGame) -> GameFacts {
    GameFacts {
        moves: moves(&loaded.game),
        ..summary_of_loaded(loaded)
    }
}

/// The facts of a loaded save without its moves (`moves` left empty): what a class report
/// reads, so a folder of long games holds a few lines per game, not every move's text.
pub fn summary_of_loaded(loaded: &LoadedGame) -> GameFacts {
    let game = &loaded.game;
    let info = &loaded.info;
    let s = &game.scenario;
    let card = scorecard(s, &game.state);
    GameFacts {
        scenario: s.name.clone(),
        title: s.title.clone(),
        seed: game.seed,
        name: info.name.clone(),
        player: info.player.clone(),
        class: info.class,
        reloads: info.reloads,
        instructor: info.instructor,
        moves: Vec::new(),
        outcome: outcome(s, &game.state),
        scores: card
            .named()
            .iter()
            .map(|(name, sc)| ScoreFacts {
                name,
                value: sc.value,
                reason: sc.reason.clone(),
            })
            .collect(),
        lessons: card
            .lessons
            .iter()
            .map(|l| l.text_in(s).to_string())
            .collect(),
        beijing: if game.state.outcome.is_some() {
            crate::report::reveal_lines(s, &game.state.beijing)
        } else {
            Vec::new()
        },
        history: s.historical.summary.clone(),
        deal: deal(s, &game.state),
        beside: beside::Beside::of(s, &game.state),
        year_after: game.state.epilogue.as_ref().map_or_else(Vec::new, |e| {
            crate::report::epilogue_lines(s, e, game.state.outcome)
        }),
        provenance: Provenance::of(loaded),
    }
}

/// One level on the board: its label, and whether it is the issue's status quo.
#[derive(Debug, Clone, PartialEq)]
pub struct Level {
    /// The level's label, e.g. "general licences".
    pub label: String,
    /// Whether it is the status quo (nothing moves on that issue).
    pub status_quo: bool,
}

/// One issue on the board: whether it is on the table, and each side's package there.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardRow {
    /// The issue's short name.
    pub issue: String,
    /// Whether it is on the table.
    pub on: bool,
    /// The last US proposal's level.
    pub proposal: Option<Level>,
    /// China's standing counter-offer's level.
    pub counter: Option<Level>,
    /// The agreed (or signed) package's level.
    pub agreed: Option<Level>,
}

/// The negotiating table at one moment: the packages issue by issue, and the meters.
#[derive(Debug, Clone, PartialEq)]
pub struct Board {
    /// One row per issue, in scenario order.
    pub rows: Vec<BoardRow>,
    /// Whether the agreed column is a signed deal.
    pub signed: bool,
    /// The meters.
    pub meters: Vec<Meter>,
}

/// The board of a state.
pub fn board(s: &Scenario, st: &State) -> Board {
    let agreed = st.signed.as_ref().or(st.agreed.as_ref());
    let level = |p: Option<&crate::engine::Package>, i: usize| -> Option<Level> {
        let issue = s.issues.get(i)?;
        let l = *p?.0.get(i)?;
        issue.levels.get(l).map(|lv| Level {
            label: lv.label.clone(),
            status_quo: l == issue.status_quo,
        })
    };
    Board {
        rows: s
            .issues
            .iter()
            .enumerate()
            .map(|(i, issue)| BoardRow {
                issue: issue.short.clone(),
                on: st.agenda.get(i).copied().unwrap_or(false),
                proposal: level(st.proposal.as_ref(), i),
                counter: level(st.counter.as_ref(), i),
                agreed: level(agreed, i),
            })
            .collect(),
        signed: st.signed.is_some(),
        meters: meters(st),
    }
}

/// The score names of `Scorecard::named`, in display order: the columns of a class report,
/// known before any game is read (a test checks they agree).
pub const SCORE_NAMES: [&str; 7] = [
    "US value",
    "Durability",
    "Balance",
    "Headline",
    "Security",
    "Damage avoided",
    "Overall",
];

/// Replays a game forward once from its seed, handing `each` the number of moves made so far
/// and the state after them, for k = 0..=moves. One state lives at a time, so memory stays
/// linear in the moves (a `Vec` of whole states, each with the dispatch log so far, was
/// quadratic: 3.9 GB for a save of 10,000 agenda toggles). Returns the last state reached.
pub fn walk(game: &Game, mut each: impl FnMut(usize, &State)) -> State {
    replay(game, |_, _| (), |k, _, state| each(k, state))
}

/// The forward replay under `walk`: `before` takes what a move needs from the state before it
/// (the step changes that state in place); `each` gets it back with the move and the state
/// after. A move the rules now refuse ends the replay (never, for a loaded game: it replayed).
fn replay<B>(
    game: &Game,
    mut before: impl FnMut(&Turn, &State) -> B,
    mut each: impl FnMut(usize, Option<(B, &Turn)>, &State),
) -> State {
    let s = &game.scenario;
    let mut state = crate::engine::new_state_keyed(s, game.seed, &game.draw_key);
    each(0, None, &state);
    for (i, turn) in game.history.iter().enumerate() {
        let taken = before(turn, &state);
        if crate::engine::apply(s, &mut state, &turn.action, None).is_err() {
            break;
        }
        each(i + 1, Some((taken, turn)), &state);
    }
    state
}

/// Every move with what it produced, from one forward replay that reads each move's new
/// dispatches off the log as it grows.
pub fn moves(game: &Game) -> Vec<Move> {
    let s = &game.scenario;
    // An unfinished game's answers keep Beijing's private figures hidden, as on screen: a
    // student could otherwise read them off a transcript of their own autosave mid-game.
    let reveal = Reveal::for_state(&game.state);
    let mut out = Vec::with_capacity(game.history.len());
    let before = |turn: &Turn, st: &State| {
        let date = s.date_of_day(st.day).long();
        (date, action_text(s, &turn.action, st), st.log.len())
    };
    replay(game, before, |number, taken, after| {
        let Some(((date, action, logged), turn)) = taken else {
            return;
        };
        let news = after.log.get(logged..).unwrap_or(&[]);
        out.push(Move {
            number,
            week: turn.week,
            date,
            action,
            answer: turn.answer.as_ref().map(|a| answer_facts(s, a, reveal)),
            news: news
                .iter()
                .map(|d| (source_name(d.source), crate::report::dispatch_text(s, d)))
                .collect(),
            meters: meters(after),
            outcome: turn.outcome.map(|o| o.title().to_string()),
        });
    });
    out
}

/// China's answer with its explanation; the explanation opens with the headline, which is
/// kept apart, so not repeated.
fn answer_facts(s: &Scenario, a: &crate::ai::Answer, reveal: Reveal) -> AnswerFacts {
    let headline = reply_headline(s, a);
    let first = format!("{headline}.");
    AnswerFacts {
        why: explain_for(s, a, reveal)
            .into_iter()
            .filter(|l| *l != first)
            .collect(),
        headline,
    }
}

/// Who a dispatch is about, as a word.
fn source_name(source: Source) -> &'static str {
    match source {
        Source::Us => "US",
        Source::China => "China",
        Source::Event => "Event",
        Source::Clock => "Clock",
    }
}

/// A US move in words, with the package or issue it names.
pub fn action_text(s: &Scenario, action: &Action, before: &State) -> String {
    match action {
        Action::Propose(p) if p.0.len() == s.issues.len() => {
            format!("Propose: {}", s.describe_package(p, &before.agenda))
        }
        Action::Agenda { issue, on } => {
            let found = s.issues.get(*issue);
            let name = found.map_or("an issue", |i| i.name.as_str());
            let fresh = !before.prepared.get(*issue).copied().unwrap_or(true);
            match found {
                // Opening an issue for the first time costs days: say how many.
                Some(i) if *on && fresh && i.prep_days > 0 => {
                    format!("Open {name} ({} days of preparation)", i.prep_days)
                }
                _ if *on => format!("Open {name}"),
                _ => format!("Take {name} off the table"),
            }
        }
        // "Play a card" alone leaves the reader guessing which: name it.
        Action::Play { card } => format!("Play {}", crate::report::card_name(s, *card)),
        other => capitalise(other.label()),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The meters of a state, in display order, the restriction rung last.
pub fn meters(state: &State) -> Vec<Meter> {
    let m = &state.meters;
    vec![
        Meter {
            name: "Magnet supply",
            value: m.magnet_supply,
        },
        Meter {
            name: "Farm stress",
            value: m.farm_stress,
        },
        Meter {
            name: "Market confidence",
            value: m.market_confidence,
        },
        Meter {
            name: "Hawk alarm",
            value: m.hawk_alarm,
        },
        Meter {
            name: "Trust",
            value: m.trust,
        },
        Meter {
            name: "Restriction rung",
            value: f64::from(state.rung),
        },
    ]
}

/// The outcome of a state, or where an unfinished game stands.
pub fn outcome(s: &Scenario, state: &State) -> OutcomeFacts {
    let (title, key) = match state.outcome {
        Some(o) => (o.title().to_string(), o.key().to_string()),
        None => ("In progress".to_string(), "in_progress".to_string()),
    };
    OutcomeFacts {
        title,
        key,
        week: state.week().min(s.total_weeks()),
        weeks: s.total_weeks(),
        date: s.date_of_day(state.day).long(),
    }
}

/// History's package: the scenario's record on its issues, the status quo elsewhere.
pub fn historical_package(s: &Scenario) -> crate::engine::Package {
    let mut historical = s.status_quo();
    for (id, level) in &s.historical.package {
        if let Some(i) = s.issue_index(id)
            && *level < s.issues[i].levels.len()
        {
            historical.0[i] = *level;
        }
    }
    historical
}

/// The signed package (if any) beside the historical one, issue by issue.
pub fn deal(s: &Scenario, state: &State) -> Vec<DealRow> {
    let historical = historical_package(s);
    s.issues
        .iter()
        .enumerate()
        .map(|(i, issue)| {
            let at = |l: usize| {
                issue
                    .levels
                    .get(l)
                    .map_or(("?".to_string(), 0.0), |lv| (lv.label.clone(), lv.us))
            };
            DealRow {
                issue: issue.short.clone(),
                yours: state
                    .signed
                    .as_ref()
                    .and_then(|p| p.0.get(i))
                    .map(|&l| at(l)),
                history: at(historical.0[i]),
            }
        })
        .collect()
}

pub mod beside;

#[cfg(test)]
mod tests;
