//! The detail pane: the selected issue and level in full, and what changing the agenda costs.
//! When there is room it lists every level of the issue (kind, headline, security cost,
//! Beijing's view, and which level is the status quo, yours, China's counter, agreed or across
//! a red line), so the whole ladder of options is in view at once.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::engine::Game;
use crate::engine::score::{headline_bn, security_cost};
use crate::engine::{Package, query};
use crate::ui::app::{Drawn, Target};
use crate::ui::theme::Theme;
use crate::ui::widgets::TableView;
use crate::ui::widgets::agenda::{feeling, points, refuses, us_gain, view};
use crate::ui::widgets::paint;

/// Draws the detail pane: the whole ladder of levels when it fits, else the selected level.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    v: TableView,
    game: &Game,
    borders: Borders,
    out: &mut Drawn,
) {
    let s = &game.scenario;
    let i = v.row.min(s.issues.len().saturating_sub(1));
    let Some(issue) = s.issues.get(i) else { return };
    let levels = u16::try_from(issue.levels.len()).unwrap_or(u16::MAX);
    let inner = Block::new().borders(borders).inner(area);
    let min_w = LADDER_FIXED + label_width(game, i);
    if inner.height >= levels.saturating_add(3) && inner.width >= min_w + 10 {
        ladder(frame, area, v, game, borders, out);
    } else {
        compact(frame, area, v, game, borders);
    }
}

/// Rows the ladder view wants inside its border: a header, the tallest issue's levels, and
/// four lines of text under them.
pub fn wanted_height(game: &Game) -> u16 {
    let most = game.scenario.issues.iter().map(|i| i.levels.len()).max();
    u16::try_from(most.unwrap_or(0) + 5).unwrap_or(u16::MAX)
}

/// Cells the ladder's columns take besides the label and notes.
const LADDER_FIXED: u16 = 2 + 1 + 10 + 1 + 8 + 1 + 8 + 1 + 12 + 1;

fn label_width(game: &Game, i: usize) -> u16 {
    let issue = &game.scenario.issues[i];
    let w = issue.levels.iter().map(|l| paint::width(&l.label)).max();
    w.unwrap_or(0).max(5)
}

/// Whether `level` of issue `i` crosses one of China's red lines given the rest of the package
/// being built (the engine's dry run decides, so a line lifted by reciprocity is not marked),
/// and the line if so.
fn red_line(v: TableView, game: &Game, i: usize, level: usize) -> Option<RedMark> {
    let s = &game.scenario;
    let p = Package(v.package.to_vec());
    if p.0.len() != s.issues.len() || !query::red_line_at(s, &game.state, &p, i, level) {
        return None;
    }
    let published = s.index().red_lines.iter().position(|&(ri, _, _)| ri == i);
    Some(published.map_or(RedMark::Named, RedMark::Published))
}

/// A red line a level crosses, as a player knows of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RedMark {
    /// The scenario's, by index in its list.
    Published(usize),
    /// One Beijing has named of its own, by refusing a level as far.
    Named,
}

/// The ladder view: every level of the selected issue in a table, then the selected level's
/// description, the agenda, any red line and the whole package.
fn ladder(
    frame: &mut Frame,
    area: Rect,
    v: TableView,
    game: &Game,
    borders: Borders,
    out: &mut Drawn,
) {
    let theme = v.theme;
    let s = &game.scenario;
    let st = &game.state;
    let i = v.row.min(s.issues.len().saturating_sub(1));
    let issue = &s.issues[i];
    let buf = frame.buffer_mut();
    let title = format!(" {} ", issue.name);
    let inner = paint::panel(
        buf,
        area,
        borders,
        theme.border(),
        &[(&title, theme.title())],
    );
    let on = st.agenda.get(i).copied().unwrap_or(false);
    let at = |p: Option<&Package>| p.and_then(|p| p.0.get(i).copied());
    let marks = Marks {
        status_quo: crate::ai::status_quo_level(&game.scenario, st, i),
        yours: v.package.get(i).copied().unwrap_or(issue.status_quo),
        // A counter or agreement that leaves an off-table issue alone says nothing about it.
        counter: at(st.counter.as_ref()).filter(|&l| on || l != issue.status_quo),
        agreed: at(st.agreed.as_ref()).filter(|&l| on || l != issue.status_quo),
    };
    let grid = Grid::new(inner, label_width(game, i), issue);
    grid.head(buf, theme);
    let mut red = None;
    for l in 0..issue.levels.len() {
        let y = inner.y + 1 + u16::try_from(l).unwrap_or(0);
        if y >= inner.bottom() {
            break;
        }
        red = red.or(grid.row(buf, y, v, game, (i, l), marks));
        // A click on a level makes it the package's, as ←→ would.
        out.hit(
            Rect {
                y,
                height: 1,
                ..inner
            },
            Target::Level(l),
        );
    }
    // Text under the table, most useful first, while rows last.
    let y = inner.y + 1 + u16::try_from(issue.levels.len()).unwrap_or(0);
    under(buf, Rect { y, ..inner }.intersection(inner), v, game, red);
}

/// Which levels of the issue are the player's, China's counter and agreed.
#[derive(Clone, Copy)]
struct Marks {
    /// Today's status quo: an event may have moved it from the scenario's.
    status_quo: usize,
    yours: usize,
    counter: Option<usize>,
    agreed: Option<usize>,
}

/// The ladder's table: where each column starts, the label's width and the notes' room. The
/// notes want room for "status quo/you" (every issue's opening row); to give it, the grid first
/// leaves out the headline and security columns when no level of the issue has one, then
/// abbreviates the kind, then leaves out the US column (what each level adds to the package's
/// worth to the US). Whatever is left out, the columns stay put as the player moves ←→.
struct Grid {
    inner: Rect,
    label_w: u16,
    kind_short: bool,
    kind_x: u16,
    headline_x: Option<u16>,
    security_x: Option<u16>,
    view_x: u16,
    us_x: Option<u16>,
    notes_x: u16,
    notes_w: u16,
}

/// The US column's width, a space included ("+12").
const US_W: u16 = 4;

/// The notes' wanted room: "status quo/you".
const NOTES_WANT: u16 = 14;

/// Widths of the kind (full and abbreviated), headline, security and China's view columns.
const KIND_W: u16 = 10;
const KIND_SHORT_W: u16 = 7;
const MONEY_W: u16 = 8;
const VIEW_W: u16 = 12;

/// The kind as the narrow grid writes it: abbreviated on purpose, never cut.
fn kind_short(kind: crate::scenario::Kind) -> &'static str {
    match kind {
        crate::scenario::Kind::Structural => "struct.",
        crate::scenario::Kind::Commercial => "comm.",
        crate::scenario::Kind::Political => "polit.",
    }
}

/// What a grid shows: the candidates are tried from the fullest down.
#[derive(Clone, Copy)]
struct Shown {
    headline: bool,
    security: bool,
    kind_short: bool,
    us: bool,
}

impl Grid {
    fn new(inner: Rect, label_w: u16, issue: &crate::scenario::Issue) -> Grid {
        let any_headline = issue.levels.iter().any(|l| l.headline_bn > 0.0);
        let any_security = issue.levels.iter().any(|l| l.security_cost > 0.0);
        let full = Shown {
            headline: true,
            security: true,
            kind_short: false,
            us: true,
        };
        let lean = Shown {
            headline: any_headline,
            security: any_security,
            ..full
        };
        let candidates = [
            full,
            lean,
            Shown {
                kind_short: true,
                ..lean
            },
            Shown {
                kind_short: true,
                us: false,
                ..lean
            },
        ];
        let leanest = Grid::place(inner, label_w, candidates[candidates.len() - 1]);
        candidates
            .into_iter()
            .map(|c| Grid::place(inner, label_w, c))
            .find(|g| g.notes_w >= NOTES_WANT)
            .unwrap_or(leanest)
    }

    /// The columns of `shown`, left to right, one space between them.
    fn place(inner: Rect, label_w: u16, shown: Shown) -> Grid {
        let mut x = inner.x.saturating_add(2 + 1 + label_w + 1);
        let mut next = |w: u16| {
            let at = x;
            x = x.saturating_add(w + 1);
            at
        };
        let kind_x = next(if shown.kind_short {
            KIND_SHORT_W
        } else {
            KIND_W
        });
        let headline_x = shown.headline.then(|| next(MONEY_W));
        let security_x = shown.security.then(|| next(MONEY_W));
        let view_x = next(VIEW_W);
        let mut notes_x = x;
        let us_x = (shown.us && inner.right().saturating_sub(notes_x) >= US_W).then(|| {
            notes_x += US_W;
            x
        });
        Grid {
            inner,
            label_w,
            kind_short: shown.kind_short,
            kind_x,
            headline_x,
            security_x,
            view_x,
            us_x,
            notes_x,
            notes_w: inner.right().saturating_sub(notes_x),
        }
    }

    /// The header row.
    fn head(&self, buf: &mut Buffer, theme: Theme) {
        let (y, end) = (self.inner.y, self.inner.right());
        let mut heads = vec![(self.inner.x + 3, "Level"), (self.kind_x, "Kind")];
        heads.extend(self.headline_x.map(|x| (x, "Headline")));
        heads.extend(self.security_x.map(|x| (x, "Security")));
        heads.push((self.view_x, "China's view"));
        heads.extend(self.us_x.map(|x| (x, " US")));
        heads.push((self.notes_x, "Notes"));
        for (x, h) in heads {
            paint::put(buf, x, y, end, h, theme.title());
        }
    }

    /// Level `l` of issue `i` on line `y`; returns the red line it crosses, if any.
    fn row(
        &self,
        buf: &mut Buffer,
        y: u16,
        v: TableView,
        game: &Game,
        (i, l): (usize, usize),
        marks: Marks,
    ) -> Option<RedMark> {
        let (theme, end) = (v.theme, self.inner.right());
        let issue = game.scenario.issues.get(i)?;
        let level = issue.levels.get(l)?;
        let mine = l == marks.yours;
        let x0 = self.inner.x;
        if mine {
            paint::put(buf, x0, y, end, "▶", theme.key());
        }
        let label_style = if mine { theme.key() } else { theme.text() };
        let label_x = x0 + 3;
        paint::put(
            buf,
            label_x,
            y,
            label_x + self.label_w,
            &level.label,
            label_style,
        );
        let kind = if self.kind_short {
            kind_short(level.kind)
        } else {
            level.kind.name()
        };
        paint::put(buf, self.kind_x, y, end, kind, theme.dim());
        if let Some(x) = self.headline_x {
            let bn = if level.headline_bn > 0.0 {
                format!("{:>8}", format!("${:.0}bn", level.headline_bn))
            } else {
                format!("{:>8}", "–")
            };
            paint::put(buf, x, y, end, &bn, theme.text());
        }
        if let Some(x) = self.security_x {
            let (sec, sec_style) = if level.security_cost > 0.0 {
                let pts = format!("{:.0} pts", 100.0 * level.security_cost);
                (format!("{pts:>8}"), theme.warn())
            } else {
                (format!("{:>8}", "–"), theme.text())
            };
            paint::put(buf, x, y, end, &sec, sec_style);
        }
        let crosses = red_line(v, game, i, l);
        let f = crosses.map_or_else(|| feeling(game, i, l, theme), |_| refuses(theme));
        let vx = paint::put(buf, self.view_x, y, end, f.symbol, f.style);
        paint::put(buf, vx.max(self.view_x + 3), y, end, f.word, f.style);
        if let Some(x) = self.us_x
            && let Some(adds) = adds_to_us(v, game, i, l, marks.status_quo)
        {
            let style = if adds < -0.5 {
                theme.warn()
            } else {
                theme.text()
            };
            let text = format!("{:>3}", points(adds));
            paint::put(buf, x, y, end, &text, style);
        }
        let notes = [
            (l == marks.status_quo, "status quo", "status quo"),
            (mine, "your package", "you"),
            (marks.counter == Some(l), "China's counter", "counter"),
            (marks.agreed == Some(l), "agreed", "agreed"),
            (crosses.is_some(), "RED LINE", "RED LINE"),
        ];
        let text = notes_text(&notes, self.notes_w);
        let style = if crosses.is_some() {
            theme.bad()
        } else {
            theme.text()
        };
        paint::put(buf, self.notes_x, y, end, &text, style);
        crosses
    }
}

/// A level's notes in `w` cells: in full ("status quo, your package") when they fit, else in
/// short words ("status quo/you"), else the whole short words that fit, the most telling first
/// (a red line, then what is agreed, China's counter, the status quo, and "you", which the ▶
/// already marks): a note is left out, never cut.
fn notes_text(notes: &[(bool, &str, &str); 5], w: u16) -> String {
    let join = |keep: [bool; 5], long: bool| {
        notes
            .iter()
            .zip(keep)
            .filter(|(n, k)| n.0 && *k)
            .map(|(n, _)| if long { n.1 } else { n.2 })
            .collect::<Vec<_>>()
            .join(if long { ", " } else { "/" })
    };
    for long in [true, false] {
        let text = join([true; 5], long);
        if paint::width(&text) <= w {
            return text;
        }
    }
    // `notes` is in reading order (the red line last); this is the order of what tells most.
    let mut keep = [false; 5];
    for k in [4, 3, 2, 0, 1] {
        let mut trial = keep;
        trial[k] = true;
        if paint::width(&join(trial, false)) <= w {
            keep = trial;
        }
    }
    join(keep, false)
}

/// What level `l` of issue `i` adds to the package's worth to the US against the issue's
/// status quo `sq`, in the agenda's points: the US's own valuation, never Beijing's.
fn adds_to_us(v: TableView, game: &Game, i: usize, l: usize, sq: usize) -> Option<f64> {
    let mut p = v.package.to_vec();
    *p.get_mut(i)? = l;
    let with = us_gain(game, &p)?;
    p[i] = sq;
    Some(with - us_gain(game, &p)?)
}

/// The paragraphs under the ladder, wrapped into `area` while rows last: the selected level's
/// description, what the agenda costs, the red line crossed (`red`) and the whole package.
fn under(buf: &mut Buffer, area: Rect, v: TableView, game: &Game, red: Option<RedMark>) {
    let (theme, s) = (v.theme, &game.scenario);
    let i = v.row.min(s.issues.len().saturating_sub(1));
    let Some(issue) = s.issues.get(i) else { return };
    let yours = v.package.get(i).copied().unwrap_or(issue.status_quo);
    // The whole package keeps the last rows: it was the line a short pane lost first.
    let p = Package(v.package.to_vec());
    let whole = (p.0.len() == s.issues.len()).then(|| whole_package(game, &p));
    let kept = whole
        .as_deref()
        .map_or(0, |w| paint::wrap(w, area.width).len());
    let kept = u16::try_from(kept).unwrap_or(0).min(area.height);
    let mut y = area.y;
    let mut para = |buf: &mut Buffer, text: &str, style, bottom: u16| {
        for line in paint::wrap(text, area.width) {
            if y >= bottom {
                return;
            }
            paint::put(buf, area.x, y, area.right(), line, style);
            y += 1;
        }
    };
    let above = area.bottom().saturating_sub(kept);
    if let Some(l) = issue.levels.get(yours) {
        para(
            buf,
            &format!("▶ {}: {}", l.label, l.description),
            theme.text(),
            above,
        );
    }
    let (agenda, agenda_style) = agenda_text(game, i, theme);
    para(buf, &agenda, agenda_style, above);
    if red == Some(RedMark::Named) {
        let text = "Red line of Beijing's own: it refused a level as far as this one, and the line may start lower (its counter shows a level it takes; w says why).";
        para(buf, text, theme.bad(), above);
    }
    if let Some(RedMark::Published(r)) = red
        && let Some(rl) = s.ai.red_lines.get(r)
    {
        let lifted = s.index().red_lines[r].2.map(|(j, min)| {
            let other = &s.issues[j];
            let label = other.levels.get(min).map_or("?", |l| l.label.as_str());
            format!(" Lifted if {} goes to {label} or beyond.", other.short)
        });
        let text = format!("Red line: {}{}", rl.reason, lifted.unwrap_or_default());
        para(buf, &text, theme.bad(), above);
    }
    if let Some(whole) = whole {
        para(buf, &whole, theme.dim(), area.bottom());
    }
}

/// The whole package in a sentence: its headline, its security cost and its worth to the US.
fn whole_package(game: &Game, p: &Package) -> String {
    let s = &game.scenario;
    let worth = crate::ui::widgets::agenda::us_gain(game, &p.0).map_or_else(String::new, |g| {
        format!(
            ", worth {} to the US against no deal",
            crate::ui::widgets::agenda::points(g)
        )
    });
    format!(
        "Whole package: ${:.0}bn headline, security cost {:.0} pts{worth}.",
        headline_bn(s, p),
        100.0 * security_cost(s, p)
    )
}

/// What changing the agenda on issue `i` would do, and how it looks.
fn agenda_text(game: &Game, i: usize, theme: Theme) -> (String, ratatui::style::Style) {
    let s = &game.scenario;
    let st = &game.state;
    let on = st.agenda.get(i).copied().unwrap_or(false);
    let text = if on {
        "On the table. Space takes it off (free; it returns to the status quo).".to_string()
    } else if st.prepared.get(i).copied().unwrap_or(false) {
        "Off the table. Space puts it back on at no cost.".to_string()
    } else {
        format!(
            "Off the table. Space opens it: {} days of preparation ({} days left).",
            s.issues[i].prep_days,
            st.days_left(s)
        )
    };
    (text, if on { theme.dim() } else { theme.warn() })
}

/// The selected level in words, for panels too small for the ladder.
fn compact(frame: &mut Frame, area: Rect, v: TableView, game: &Game, borders: Borders) {
    let theme = v.theme;
    let s = &game.scenario;
    let i = v.row.min(s.issues.len().saturating_sub(1));
    let Some(issue) = s.issues.get(i) else { return };
    let level = v.package.get(i).copied().unwrap_or(issue.status_quo);
    let Some(l) = issue.levels.get(level) else {
        return;
    };
    let f = view(game, v.package, i, level, theme);

    // The ladder's notes for this level ("you" goes without saying: it is the level shown), so
    // a small terminal still tells the counter, the agreement and a red line apart.
    let on = game.state.agenda.get(i).copied().unwrap_or(false);
    let at = |p: Option<&Package>| {
        p.and_then(|p| p.0.get(i).copied())
            .is_some_and(|l| l == level && (on || l != issue.status_quo))
    };
    let mut notes = Vec::new();
    if at(game.state.counter.as_ref()) {
        notes.push(Span::styled(" · China's counter", theme.dim()));
    }
    if at(game.state.agreed.as_ref()) {
        notes.push(Span::styled(" · agreed", theme.dim()));
    }
    if let Some(mark) = red_line(v, game, i, level) {
        let text = match mark {
            RedMark::Named => " · RED LINE (its own)",
            RedMark::Published(_) => " · RED LINE",
        };
        notes.push(Span::styled(text, theme.bad()));
    }
    let mut lines = vec![
        Line::from(
            vec![
                Span::styled(
                    format!("Level {} of {}: ", level + 1, issue.levels.len()),
                    theme.dim(),
                ),
                Span::styled(l.label.clone(), theme.key()),
                Span::raw(format!(" · {}", l.kind.name())),
                if level == crate::ai::status_quo_level(s, &game.state, i) {
                    Span::styled(" · status quo", theme.dim())
                } else {
                    Span::raw("")
                },
            ]
            .into_iter()
            .chain(notes)
            .collect::<Vec<_>>(),
        ),
        Line::raw(l.description.clone()),
    ];
    let security = if l.security_cost > 0.0 {
        format!(
            "security cost {:.0} pts (alarms hawks)",
            100.0 * l.security_cost
        )
    } else {
        "no security cost".into()
    };
    lines.push(Line::raw(format!(
        "Headline ${:.0}bn · {security}",
        l.headline_bn
    )));
    let roomy = area.height >= 10;
    if roomy {
        lines.push(Line::from(vec![
            Span::raw("Beijing's view of this level: "),
            Span::styled(format!("{} {}", f.symbol, f.word), f.style),
        ]));
    }
    let (agenda, agenda_style) = agenda_text(game, i, theme);
    lines.push(Line::styled(agenda, agenda_style));
    let p = Package(v.package.to_vec());
    if roomy && p.0.len() == s.issues.len() {
        lines.push(Line::styled(whole_package(game, &p), theme.dim()));
    }
    let block = Block::new()
        .borders(borders)
        .border_style(theme.border())
        .title(Line::styled(format!(" {} ", issue.name), theme.title()));
    let para = Paragraph::new(Text::from(lines))
        .wrap(Wrap { trim: true })
        .block(block);
    frame.render_widget(para, area);
}
