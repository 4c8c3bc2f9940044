//! The instructor's panel (`truce play --instructor`, key i): what students don't see, live.
//! China's value for the package being built, its demand and walk-away this week, the balance,
//! its pressure, and the rule a proposal would meet now. Every number and the rule come from
//! the engine's dry run (`query::dry_run`), so the panel can never disagree with the game.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::Clear;

use crate::ai::{Answer, Rule};
use crate::engine::{Game, Package, query};
use crate::report::explain::reply_headline;
use crate::scenario::Pressure;
use crate::ui::theme::Theme;
use crate::ui::widgets::paint;
use crate::ui::widgets::scroll::Wrapped;

/// The panel's width and height at most, border included.
const WIDTH: u16 = 58;
const HEIGHT: u16 = 11;

/// The rule in a few words.
pub fn rule_name(rule: Rule) -> &'static str {
    match rule {
        Rule::Acceptable => "acceptable: Beijing accepts",
        Rule::BelowAspiration => "below its demand: counter",
        Rule::Unbalanced => "unbalanced: counter",
        Rule::RedLine => "red line: counter",
        Rule::Insult => "insult: trust falls, counter",
        Rule::ThreatAnswered => "threat answered",
        Rule::ThreatAbsorbed => "threat absorbed",
        Rule::TrustCollapse => "trust collapsed: a rung up",
        Rule::GoodwillWelcomed => "goodwill welcomed",
        Rule::ExtensionGranted => "extension granted",
        Rule::ExtensionRefused => "extension refused",
        Rule::SummitSigned => "signed at the summit",
        Rule::SummitRefused => "refused at the summit",
        Rule::Kept => "kept: the agreed package stands",
        Rule::Reopened => "reopened",
        Rule::ThreatHeeded => "threat heeded",
        Rule::Mirrored => "mirrored",
        Rule::WalkOutHeld => "walk-out held",
        Rule::WalkOutMirrored => "walk-out mirrored",
    }
}

/// What proposing the package being built would draw now, from the engine.
pub fn dry_run(package: &[usize], game: &Game) -> Result<Answer, String> {
    let p = Package(package.to_vec());
    query::dry_run(&game.scenario, &game.state, &p).map_err(|e| e.to_string())
}

/// The panel's lines for proposing `package` now.
fn lines_for(game: &Game, package: &[usize], theme: Theme) -> Vec<Line<'static>> {
    let p = Package(package.to_vec());
    let answer = match query::dry_run(&game.scenario, &game.state, &p).map_err(|e| e.to_string()) {
        Ok(a) => a,
        Err(e) => {
            return vec![Line::styled(
                format!("Cannot be proposed: {e}"),
                theme.bad(),
            )];
        }
    };
    let w = &answer.why;
    let row = |name: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{name:<20}"), theme.key()),
            Span::styled(value, theme.text()),
        ])
    };
    let utility = w.utility.unwrap_or_default();
    let mut out = vec![
        row(
            "China's value",
            if utility >= w.aspiration {
                format!(
                    "{utility:.3}, clears its demand by {:.3}",
                    utility - w.aspiration
                )
            } else {
                format!(
                    "{utility:.3}, {:.3} short of its demand",
                    w.aspiration - utility
                )
            },
        ),
        row("Demand this week", format!("{:.3}", w.aspiration)),
        row(
            "Walk-away (no deal)",
            format!("{:.3}  (status quo {:.3})", w.no_deal, w.status_quo),
        ),
    ];
    let balance = match (w.us_share, w.china_share, w.ratio) {
        // The common scale is in use when the scenario sets a gap (as the valuation decides).
        (Some(us), Some(cn), _) if w.allowed_gap < Pressure::default().balance_gap => format!(
            "US {:.0}% / China {:.0}% (allowed gap {:.0}%)",
            us * 100.0,
            cn * 100.0,
            w.allowed_gap * 100.0
        ),
        (_, _, Some(r)) => format!("ratio {r:.2} (allowed {:.2})", w.allowed_ratio),
        _ => "China gains nothing".to_string(),
    };
    out.push(row("Balance", balance));
    out.push(row(
        "Pressure on China",
        format!(
            "{:.3}  (US pain read {:.3})",
            w.china_pressure, w.us_pressure
        ),
    ));
    out.push(Line::from(vec![
        Span::styled(format!("{:<20}", "If proposed now"), theme.key()),
        Span::styled(rule_name(w.rule), theme.title()),
    ]));
    let said = reply_headline(&game.scenario, &answer);
    out.push(Line::styled(format!("  {said}."), theme.dim()));
    if let Some(hit) = &w.red_line
        && let Some(issue) = game.scenario.issues.get(hit.issue)
    {
        out.push(row("Red line crossed", issue.name.clone()));
    }
    out
}

/// The panel's text for `package`, wrapped to the panel's width on a screen of `area`, and
/// its number of lines before wrapping (which sizes the panel).
pub fn wrapped(game: &Game, package: &[usize], area: Rect, theme: Theme) -> (u16, Wrapped) {
    let width = WIDTH.min(area.width).saturating_sub(2);
    let lines = lines_for(game, package, theme);
    let count = u16::try_from(lines.len()).unwrap_or(HEIGHT);
    (count, Wrapped::new(Text::from(lines), width))
}

/// Draws the panel for proposing `package` in the bottom-right corner of `area`, above the
/// footer; `cached` is the panel already laid out for this game, size and package, if any.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    game: &Game,
    package: &[usize],
    cached: Option<&(u16, Wrapped)>,
    theme: Theme,
) {
    let fresh;
    let (count, text) = match cached {
        Some(panel) => panel,
        None => {
            fresh = wrapped(game, package, frame.area(), theme);
            &fresh
        }
    };
    let rows = count + 2;
    let width = WIDTH.min(area.width);
    let height = rows.min(HEIGHT).min(area.height.saturating_sub(1));
    if width < 20 || height < 4 {
        return;
    }
    let rect = Rect {
        x: area.right() - width,
        y: area.bottom().saturating_sub(height + 1),
        width,
        height,
    };
    frame.render_widget(Clear, rect);
    let title = [
        (" INSTRUCTOR ", theme.warn()),
        ("(i hides; students don't see this) ", theme.dim()),
    ];
    let inner = paint::panel(
        frame.buffer_mut(),
        rect,
        ratatui::widgets::Borders::ALL,
        theme.border(),
        &title,
    );
    text.blit(frame.buffer_mut(), inner, 0);
}
