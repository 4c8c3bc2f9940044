//! The help overlay: every key from the keymap table, the goal, and a short glossary.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span, Text};

use crate::ui::App;
use crate::ui::app::Drawn;
use crate::ui::keymap::{BINDINGS, Cmd, Group};
use crate::ui::screens::briefing::HOW_TO_PLAY;
use crate::ui::theme::Theme;
use crate::ui::widgets::{popup, scroll};

/// The goal of the game, in a few sentences.
pub const GOAL: &str = "You lead the US team. Before the deadline (the truce's end), turn the talks into a deal that is worth something to the US and lasts: structural, enforceable commitments count for more than one-time purchases. Beijing insists on balance, holds leverage of its own (its retaliation ladder) and is in no hurry. Both sides are under pressure that grows while there is no deal; threats work only when credible. A deal agreed in principle must be signed at the leaders' summit, in its week. You may also extend the truce or walk away; every ending plays out over the next year, which the debrief scores (US value, durability, balance, headline, security, damage).";

/// Terms a student meets in every scenario; a scenario adds its own (`world.glossary`).
pub const GLOSSARY: [(&str, &str); 11] = [
    (
        "US value (agenda and detail)",
        "What your package is worth to the US against no deal (0), on the debrief's scale, as promised: the debrief scores what is delivered over the year after, which can be less. Below 0, no deal is better for the US. The detail pane's US column, beside China's view, says what each level adds against today's status quo. It is the US's own valuation; Beijing's stays hidden.",
    ),
    (
        "China's view (agenda and detail)",
        "How much Beijing values that level compared with its best level on the same issue: ++ likes (close to its best), + fine, - costly, -- hates; -- refuses marks a level past a red line you know of (the scenario's, or one Beijing has named). It is not a prediction of Beijing's answer, which weighs the whole package against its aspiration, the balance rule and its red lines.",
    ),
    (
        "Export controls",
        "Licences a government requires to sell sensitive goods abroad. The US controls advanced chips and chip-making tools; China controls rare earths and magnets.",
    ),
    (
        "Voluntary export restraints (VERs)",
        "An exporting country's promise to cap its own exports, here of steel, aluminium, EVs or solar. Barred by the WTO Safeguards Agreement (Art. 11.1(b)), and they hand the quota rents to the exporter, so the game values them low.",
    ),
    (
        "Snap-back",
        "Tariffs returning automatically to a higher level if a side breaks its commitments (or the truce ends).",
    ),
    (
        "Aspiration",
        "The value Beijing demands from a package this week. It starts high and falls slowly, mostly late, towards the summit; its floor is what no deal is worth to China (which falls as pressure builds) plus a margin, raised when the US visibly hurts.",
    ),
    (
        "Hold (x)",
        "Working-level talks: the week passes without a new offer. Nothing agreed is lost; pressure keeps building on both sides.",
    ),
    (
        "Cards in force",
        "Escalations that stay in force once played: the scenario's cards, in the action menu and on the Beijing panel. Each bites the other side every week and can be suspended in a deal, so a side may escalate in order to trade the de-escalation.",
    ),
    (
        "Pressure and credibility",
        "China's pressure (shown as the US estimates it) is what no deal is costing it. A threat works when it is credible and China is under pressure; a threat not carried out by its deadline is a bluff called, and a court case against the legal basis of the tariffs (where the scenario has one) weakens every tariff threat.",
    ),
    (
        "The year after",
        "Every ending plays twelve more months: commitments delivered or lapsing, restrictions biting, farm losses. The scores read that year.",
    ),
    (
        "Balance rule",
        "Beijing compares each side's gain as a share of all it could gain over the whole agenda, and refuses a package in which the US's share runs too far ahead of China's.",
    ),
];

fn text(theme: Theme, app: &App) -> Text<'static> {
    let mut lines = vec![
        Line::styled("Goal", theme.title()),
        Line::raw(GOAL),
        Line::raw(""),
    ];
    lines.push(Line::styled("How to play", theme.title()));
    for l in HOW_TO_PLAY {
        lines.push(Line::raw(format!("• {l}")));
    }
    for group in Group::ALL {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!("Keys: {}", group.title()),
            theme.title(),
        ));
        // The instructor's key is for the instructor's run only: students never see it listed.
        let shown = |b: &&crate::ui::keymap::Binding| {
            b.group == group && (b.cmd != Cmd::Instructor || app.classroom.instructor)
        };
        for b in BINDINGS.iter().filter(shown) {
            lines.push(Line::from(vec![
                Span::styled(format!("{:>14}  ", b.keys_text()), theme.key()),
                Span::raw(b.description),
            ]));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Glossary", theme.title()));
    for (term, meaning) in GLOSSARY {
        lines.push(Line::from(vec![
            Span::styled(format!("{term}: "), theme.key()),
            Span::raw(meaning),
        ]));
    }
    // The scenario's own terms.
    if let Some(g) = &app.game {
        // Only what the player may know on the game's date (a term coined later waits).
        let today = g.scenario.date_of_day(g.state.day);
        for (term, meaning) in g.scenario.glossary_on(today) {
            lines.push(Line::from(vec![
                Span::styled(format!("{term}: "), theme.key()),
                Span::raw(meaning.to_string()),
            ]));
        }
    }
    Text::from(lines)
}

/// Draws the help overlay.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, out: &mut Drawn) {
    let theme = app.theme;
    let rect = popup::centered(area, 100, area.height.saturating_sub(2));
    let inner = popup::window(frame, rect, "Help  (Esc or ? closes, ↑↓ scroll)", theme);
    out.hit(rect, crate::ui::app::Target::Window);
    let max = scroll::draw(
        frame,
        inner.inner(Margin::new(1, 0)),
        text(theme, app),
        app.ui.overlay_scroll,
        theme,
    );
    out.scroll_max = max;
}
