//! The after-action report of one game, in Markdown: readable as a printed handout, and as
//! plain text. It lays out `facts::GameFacts` and reads nothing else.

use std::fmt::Write;

use crate::report::facts::{GameFacts, Move};
use crate::report::markdown::{cell, code, heading, inline, num, table, table_md};

/// The transcript of a game as a Markdown document.
pub fn render(g: &GameFacts) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail: the results below are ignored for that reason.
    let _ = writeln!(out, "# After-action report: {}\n", heading(&g.title));
    header(&mut out, g);
    weeks(&mut out, g);
    outcome(&mut out, g);
    year_after(&mut out, g);
    scores(&mut out, g);
    if !g.lessons.is_empty() {
        out.push_str("## Lessons from the talks\n\n");
        for l in &g.lessons {
            let _ = writeln!(out, "- {}", inline(l));
        }
        out.push('\n');
    }
    beijing(&mut out, g);
    history(&mut out, g);
    out
}

/// The Beijing the player faced, revealed after the game: its kind, then each drawn figure,
/// then what would have worked. Nothing for an unfinished game or the neutral type.
fn beijing(out: &mut String, g: &GameFacts) {
    let Some((kind, rest)) = g.beijing.split_first() else {
        return;
    };
    out.push_str("## The Beijing you faced\n\n");
    let _ = writeln!(out, "{}\n", inline(kind));
    let (lesson, figures) = rest
        .split_last()
        .map_or((None, rest), |(l, f)| (Some(l), f));
    for f in figures {
        let _ = writeln!(out, "- {}", inline(f));
    }
    out.push('\n');
    if let Some(lesson) = lesson {
        let _ = writeln!(out, "{}\n", inline(lesson));
    }
}

/// The table of facts about the game: scenario, seed, player, save, outcome, moves.
fn header(out: &mut String, g: &GameFacts) {
    // Cells in Markdown (`table_md`): each text from the save or its scenario escaped here.
    let player = g.player.as_deref().map_or("(not recorded)".into(), cell);
    let mut facts = vec![
        vec![
            "Scenario".to_string(),
            format!("{} ({})", cell(&g.title), code(&g.scenario)),
        ],
        vec!["Seed".to_string(), g.seed.to_string()],
        vec!["Player".to_string(), player],
        vec!["Save".to_string(), cell(&g.name)],
        vec![
            "Outcome".to_string(),
            format!(
                "{}, week {} of {} ({})",
                g.outcome.title,
                g.outcome.week,
                g.outcome.weeks,
                cell(&g.outcome.date)
            ),
        ],
        vec!["Moves".to_string(), g.moves.len().to_string()],
    ];
    let id = &g.provenance.scenario;
    if let Some(hash) = &id.custom {
        let what = if id.named_like_builtin {
            format!(
                "a custom scenario carried in the save under the built-in's name {}, but not \
                 the built-in (SHA-256 {})",
                code(&id.name),
                cell(hash)
            )
        } else {
            format!(
                "a custom scenario carried in the save (SHA-256 {})",
                cell(hash)
            )
        };
        facts.push(vec!["Provenance".to_string(), what]);
    }
    if g.class {
        facts.push(vec![
            "Mode".to_string(),
            "class mode (as the file claims)".to_string(),
        ]);
    }
    if g.class || g.provenance.chain != crate::persist::ChainCheck::None {
        facts.push(vec![
            "Chain".to_string(),
            cell(&g.provenance.chain.describe()),
        ]);
    }
    if g.instructor {
        facts.push(vec![
            "Instructor view".to_string(),
            "used: the engine's dry run (Beijing's hidden numbers) was on in this game".to_string(),
        ]);
    }
    if g.reloads > 0 {
        facts.push(vec![
            "Reloaded".to_string(),
            format!("{} time(s) mid-game, outside class mode", g.reloads),
        ]);
    }
    out.push_str(&table_md(&["", ""], &[], &facts));
    out.push('\n');
}

/// Every move, grouped by week, with the meters at the end of each week.
fn weeks(out: &mut String, g: &GameFacts) {
    out.push_str("## The game, week by week\n\n");
    if g.moves.is_empty() {
        out.push_str("No move was made.\n\n");
    }
    let mut week = None;
    // The paragraph on how Beijing decides is the same every week: said once, the first time.
    let mut said_how = false;
    for (i, m) in g.moves.iter().enumerate() {
        if week != Some(m.week) {
            week = Some(m.week);
            let _ = writeln!(out, "### Week {} · {}\n", m.week, heading(&m.date));
        }
        one_move(out, m, &mut said_how);
        // The meters once a week, after its last move: agenda moves change none of them.
        let week_ends = g.moves.get(i + 1).is_none_or(|next| next.week != m.week);
        if week_ends {
            let meters: Vec<String> = m
                .meters
                .iter()
                .map(|x| format!("{} {}", x.name.to_lowercase(), num(x.value)))
                .collect();
            let _ = writeln!(out, "*Meters after the week:* {}.\n", meters.join(" · "));
        }
    }
}

/// How the game ended, or where an unfinished one stands.
fn outcome(out: &mut String, g: &GameFacts) {
    out.push_str("## Outcome\n\n");
    let o = &g.outcome;
    if o.key == "in_progress" {
        let _ = writeln!(
            out,
            "The game is not finished: it stands at week {} of {}, {}. The scores below are \
             where it stands now.\n",
            o.week,
            o.weeks,
            inline(&o.date)
        );
    } else {
        let _ = writeln!(
            out,
            "**{}** in week {} of {}, {}.\n",
            o.title,
            o.week,
            o.weeks,
            inline(&o.date)
        );
    }
}

/// The year after the ending: what was delivered and what lapsed, the heart of the
/// purchases-against-structure discussion. Nothing for an unfinished game.
fn year_after(out: &mut String, g: &GameFacts) {
    if g.year_after.is_empty() {
        return;
    }
    out.push_str(
        "## The year after

",
    );
    for l in &g.year_after {
        let _ = writeln!(out, "- {}", inline(l));
    }
    out.push('\n');
}

/// The score table with the reasons.
fn scores(out: &mut String, g: &GameFacts) {
    out.push_str("## Scores\n\n");
    out.push_str("From 0 to 100, higher is better for the US; recomputed from the replay.\n\n");
    let rows: Vec<Vec<String>> = g
        .scores
        .iter()
        .map(|s| vec![s.name.to_string(), num(s.value), s.reason.clone()])
        .collect();
    out.push_str(&table(
        &["Score", "Value", "Why"],
        &[false, true, false],
        &rows,
    ));
    out.push('\n');
}

/// The signed deal beside history's, or history's alone when nothing was signed.
fn history(out: &mut String, g: &GameFacts) {
    out.push_str("## The deal beside history\n\n");
    let _ = writeln!(out, "{}\n", inline(&g.history));
    let signed = g.deal.iter().any(|d| d.yours.is_some());
    if signed {
        let rows: Vec<Vec<String>> = g
            .deal
            .iter()
            .map(|d| {
                let yours = d.yours.as_ref().map_or("", |y| y.0.as_str());
                let same = if d.yours.as_ref().map(|y| &y.0) == Some(&d.history.0) {
                    "="
                } else {
                    ""
                };
                vec![
                    d.issue.clone(),
                    yours.to_string(),
                    d.history.0.clone(),
                    same.into(),
                ]
            })
            .collect();
        out.push_str(&table(
            &["Issue", "This game's deal", "History", "Same"],
            &[],
            &rows,
        ));
        if let Some(b) = &g.beside {
            let _ = writeln!(out, "\n{}", b.line());
        }
    } else {
        out.push_str("No deal was signed in this game. History's package:\n\n");
        let rows: Vec<Vec<String>> = g
            .deal
            .iter()
            .map(|d| vec![d.issue.clone(), d.history.0.clone()])
            .collect();
        out.push_str(&table(&["Issue", "History"], &[], &rows));
    }
}

/// How the paragraph that explains Beijing's rule starts (`report::explain`).
const HOW_BEIJING_DECIDES: &str = "How Beijing decides:";

fn one_move(out: &mut String, m: &Move, said_how: &mut bool) {
    // Every text below may come from a custom scenario's file: escaped.
    let _ = writeln!(out, "**Move {}. US:** {}\n", m.number, inline(&m.action));
    if let Some(a) = &m.answer {
        let _ = writeln!(out, "**China:** {}.\n", inline(&a.headline));
        // The explanation as a block quote: the handout sets it apart from the moves.
        let mut first = true;
        for para in &a.why {
            if para.starts_with(HOW_BEIJING_DECIDES) {
                if *said_how {
                    continue;
                }
                *said_how = true;
            }
            if !first {
                out.push_str(">\n");
            }
            first = false;
            let _ = writeln!(out, "> {}", inline(para));
        }
        out.push('\n');
    }
    let news: Vec<&(&str, String)> = m
        .news
        .iter()
        .filter(|(who, _)| *who == "Event" || *who == "Clock")
        .collect();
    if !news.is_empty() {
        out.push_str("**News:**\n\n");
        for (who, text) in news {
            let _ = writeln!(out, "- {who}: {}", inline(text));
        }
        out.push('\n');
    }
    if let Some(o) = &m.outcome {
        let _ = writeln!(out, "**The game ends: {o}.**\n");
    }
}
