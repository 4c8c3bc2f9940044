//! The Beijing panel: China's last answer in words, trust, and the mineral-restriction ladder.
//! Rung names are wrapped under their number when the panel has the rows, and otherwise
//! shortened at a word boundary; the rungs that matter most (now and next) are wrapped first.

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::engine::Game;
use crate::report::reply_headline;
use crate::ui::theme::Theme;
use crate::ui::widgets::meter::{self, Good, Meter};
use crate::ui::widgets::paint;

/// One row of the panel.
enum Row<'a> {
    /// Text spans drawn left to right, starting at an indent.
    Text(u16, Vec<(Cow<'a, str>, Style)>),
    /// The trust meter.
    Trust,
}

/// How much room the panel gives each part.
#[derive(Clone, Copy)]
struct Plan {
    /// Wrap every rung's name (else only the current and next).
    wrap_all: bool,
    /// Wrap the current and next rungs (else shorten every name to one line).
    wrap_key: bool,
    /// Show the counter and agreement reminders.
    rest: bool,
    /// Let the last answer take several lines.
    answer_lines: bool,
    /// Show every rung (else only the current and next).
    every_rung: bool,
}

/// Plans from the most generous down. The last answer, trust, and the current and next rungs
/// matter most; then the reminders, the other rungs, and whole rung names.
const PLANS: [Plan; 9] = [
    plan(true, true, true, true, true),
    plan(false, true, true, true, true),
    plan(false, false, true, true, true),
    plan(false, true, false, true, true),
    plan(false, false, false, true, true),
    plan(false, true, true, true, false),
    plan(false, false, true, true, false),
    plan(false, false, false, true, false),
    plan(false, false, false, false, false),
];

const fn plan(
    wrap_all: bool,
    wrap_key: bool,
    rest: bool,
    answer_lines: bool,
    every_rung: bool,
) -> Plan {
    Plan {
        wrap_all,
        wrap_key,
        rest,
        answer_lines,
        every_rung,
    }
}

/// Width of a rung's mark and number ("▶ 2 "), under which its wrapped name continues.
const RUNG_INDENT: u16 = 4;

fn rows<'a>(game: &'a Game, theme: Theme, w: u16, plan: Plan) -> Vec<Row<'a>> {
    let mut out = Vec::new();
    answer(&mut out, game, theme, w, plan);
    out.push(Row::Trust);
    pressure(&mut out, game, theme, w);
    ladder(&mut out, game, theme, w, plan);
    if plan.rest {
        reminders(&mut out, game, theme, w);
    }
    out
}

/// The last answer in words, on one line or several.
fn answer<'a>(out: &mut Vec<Row<'a>>, game: &'a Game, theme: Theme, w: u16, plan: Plan) {
    let s = &game.scenario;
    let st = &game.state;
    match &st.last_answer {
        Some(a) => {
            let head = format!("Last answer: {}.", reply_headline(s, a));
            let hint = " (w: why)";
            let mut lines: Vec<String> = paint::wrap(&head, w)
                .into_iter()
                .map(String::from)
                .collect();
            if !plan.answer_lines && lines.len() > 1 {
                lines = vec![paint::fit(&head, w).into_owned()];
            }
            let n = lines.len();
            for (k, l) in lines.into_iter().enumerate() {
                let mut spans = vec![(Cow::Owned(l), theme.china())];
                if k + 1 == n {
                    let room = paint::width(&spans[0].0) + paint::width(hint) <= w;
                    if room {
                        spans.push((Cow::Borrowed(hint), theme.dim()));
                    }
                }
                out.push(Row::Text(0, spans));
            }
        }
        None => out.push(Row::Text(
            0,
            vec![(paint::fit(crate::report::no_answer(st), w), theme.dim())],
        )),
    }
}

/// China's pressure and the US threats' credibility, as the US estimates them.
fn pressure<'a>(out: &mut Vec<Row<'a>>, game: &'a Game, theme: Theme, w: u16) {
    let s = &game.scenario;
    let st = &game.state;
    // A band, never the model's number.
    if s.world.pressure.china_max > 0.0 {
        let band = crate::engine::query::china_pressure_band(s, st);
        let cred = match st.credibility {
            c if c < 0.3 => "doubted",
            c if c < 0.6 => "fair",
            _ => "strong",
        };
        for text in [
            format!("Pressure on China: {band} (est.)"),
            format!("US threats believed: {cred}"),
        ] {
            out.push(Row::Text(
                0,
                vec![(Cow::Owned(paint::fit(&text, w).into_owned()), theme.text())],
            ));
        }
    }
}

/// The restriction ladder: its title, then a row per rung (or the current and next only).
fn ladder<'a>(out: &mut Vec<Row<'a>>, game: &'a Game, theme: Theme, w: u16, plan: Plan) {
    let s = &game.scenario;
    let st = &game.state;
    let title = format!(
        "{}: rung {} of {}",
        paint::capital(s.world.ladder_name()),
        st.rung,
        s.ai.ladder.len()
    );
    out.push(Row::Text(0, vec![(Cow::Owned(title), theme.title())]));
    let names =
        std::iter::once("no restrictions").chain(s.ai.ladder.iter().map(|r| r.name.as_str()));
    let name_w = w.saturating_sub(RUNG_INDENT);
    for (r, name) in names.enumerate() {
        let r = u8::try_from(r).unwrap_or(u8::MAX);
        let now = st.rung == r;
        let key = now || r == st.rung.saturating_add(1);
        if !plan.every_rung && !key {
            continue;
        }
        let (mark, style) = if now {
            ("▶", if r == 0 { theme.good() } else { theme.bad() })
        } else if r < st.rung {
            ("■", theme.warn())
        } else {
            ("□", theme.dim())
        };
        let tag = if now { "  ◀ now" } else { "" };
        let full = format!("{name}{tag}");
        let wrap = plan.wrap_all || (plan.wrap_key && key);
        let parts: Vec<Cow<str>> = if wrap {
            paint::wrap(&full, name_w)
                .into_iter()
                .map(|p| Cow::Owned(p.to_string()))
                .collect()
        } else if paint::width(&full) <= name_w {
            vec![Cow::Owned(full)]
        } else {
            // Keep "◀ now" when shortening the current rung's name.
            let cut = paint::fit(name, name_w.saturating_sub(paint::width(tag)));
            vec![Cow::Owned(format!("{cut}{tag}"))]
        };
        for (k, part) in parts.into_iter().enumerate() {
            if k == 0 {
                out.push(Row::Text(
                    0,
                    vec![(Cow::Owned(format!("{mark} {r} ")), style), (part, style)],
                ));
            } else {
                out.push(Row::Text(RUNG_INDENT, vec![(part, style)]));
            }
        }
    }
}

/// The reminders: a counter-offer waiting, a package agreed, the cards in force, a threat due.
fn reminders<'a>(out: &mut Vec<Row<'a>>, game: &'a Game, theme: Theme, w: u16) {
    let s = &game.scenario;
    let st = &game.state;
    let counter = if st.counter.is_some() {
        "• a counter-offer waits (c copies it)"
    } else {
        "• no counter-offer"
    };
    let agreed = if st.agreed.is_some() {
        "• a package is agreed: sign it at the summit"
    } else {
        "• nothing agreed yet"
    };
    for t in [counter, agreed] {
        out.push(Row::Text(0, vec![(paint::fit(t, w), theme.text())]));
    }
    let in_force: Vec<String> = s
        .world
        .cards
        .iter()
        .enumerate()
        .filter(|&(k, _)| st.cards.get(k).copied().unwrap_or(false))
        .map(|(_, c)| {
            let side = if c.side == crate::scenario::Side::Us {
                "US"
            } else {
                "CN"
            };
            format!("{} ({side})", c.short)
        })
        .collect();
    if !s.world.cards.is_empty() {
        let text = if in_force.is_empty() {
            "• in force: nothing".to_string()
        } else {
            format!("• in force: {}", in_force.join(", "))
        };
        for line in paint::wrap(&text, w) {
            out.push(Row::Text(
                0,
                vec![(Cow::Owned(line.to_string()), theme.text())],
            ));
        }
    }
    if let Some(deadline) = st.threat_deadline {
        let days = deadline.saturating_sub(st.day);
        let text = format!("• threat falls due in {days} days: play it or it is a bluff");
        out.push(Row::Text(
            0,
            vec![(Cow::Owned(paint::fit(&text, w).into_owned()), theme.warn())],
        ));
    }
}

/// The reminders that are news, most pressing first, one line each: a threat falling due, a
/// counter-offer waiting, a package agreed, the cards in force.
fn urgent(game: &Game, theme: Theme, w: u16) -> Vec<Row<'_>> {
    let st = &game.state;
    let mut out = Vec::new();
    let mut line = |text: String, style| {
        out.push(Row::Text(
            0,
            vec![(Cow::Owned(paint::fit(&text, w).into_owned()), style)],
        ));
    };
    if let Some(deadline) = st.threat_deadline {
        let days = deadline.saturating_sub(st.day);
        line(format!("• threat falls due in {days} days"), theme.warn());
    }
    if st.counter.is_some() {
        line("• a counter-offer waits (c copies it)".into(), theme.text());
    }
    if st.agreed.is_some() {
        line(
            "• a package is agreed: sign it at the summit".into(),
            theme.text(),
        );
    }
    let in_force: Vec<&str> = game
        .scenario
        .world
        .cards
        .iter()
        .enumerate()
        .filter(|&(k, _)| st.cards.get(k).copied().unwrap_or(false))
        .map(|(_, c)| c.short.as_str())
        .collect();
    if !in_force.is_empty() {
        line(format!("• in force: {}", in_force.join(", ")), theme.text());
    }
    out
}

/// Rows the panel needs at inner width `w` to show everything, with every rung name whole.
pub fn wanted_height(game: &Game, w: u16) -> u16 {
    let n = rows(game, Theme::plain(), w, PLANS[0]).len();
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// The rows drawn in `h` rows of width `w`: the most generous plan that fits, then the news
/// among the reminders in the rows it leaves.
fn fitted(game: &Game, theme: Theme, w: u16, h: usize) -> Vec<Row<'_>> {
    let mut chosen = None;
    for plan in PLANS {
        let r = rows(game, theme, w, plan);
        if r.len() <= h {
            chosen = Some((r, plan));
            break;
        }
    }
    let last = PLANS[PLANS.len() - 1];
    let (mut rows, plan) = chosen.unwrap_or_else(|| (rows(game, theme, w, last), last));
    // A plan without the reminders still gives the rows it leaves to the news among them (a
    // threat falling due, a counter waiting, what is in force): at 80×24 they dropped out
    // while a row stayed empty.
    if !plan.rest {
        for row in urgent(game, theme, w) {
            if rows.len() < h {
                rows.push(row);
            }
        }
    }
    rows
}

/// The rows the panel fills at inner width `w` given at most `h`: a layout gives the rest to
/// the panel under it rather than leave them empty.
pub fn used_height(game: &Game, w: u16, h: u16) -> u16 {
    let n = fitted(game, Theme::plain(), w, usize::from(h)).len();
    u16::try_from(n).unwrap_or(u16::MAX).min(h)
}

/// Draws the panel into `area` (inside its border).
pub fn draw(frame: &mut Frame, area: Rect, game: &Game, theme: Theme) {
    if area.is_empty() {
        return;
    }
    let h = usize::from(area.height);
    let rows = fitted(game, theme, area.width, h);
    let end = area.right();
    for (k, row) in rows.iter().take(h).enumerate() {
        let y = area.y + u16::try_from(k).unwrap_or(0);
        match row {
            Row::Text(indent, spans) => {
                let mut x = area.x + indent;
                for (text, style) in spans {
                    x = paint::put(frame.buffer_mut(), x, y, end, text, *style);
                }
            }
            Row::Trust => {
                let st = &game.state;
                let trust = Meter {
                    name: "Trust",
                    short: "Trust",
                    value: st.meters.trust,
                    range: (-100.0, 100.0),
                    good: Good::trust(game.scenario.ai.signing_min_trust),
                    history: st.trace.iter().map(|t| t.meters.trust).collect(),
                };
                meter::draw(
                    frame,
                    Rect {
                        y,
                        height: 1,
                        ..area
                    },
                    &trust,
                    18,
                    12,
                    theme,
                );
            }
        }
    }
}
