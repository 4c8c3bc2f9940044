//! The agenda table: every issue, on or off the table, your proposed level, how Beijing feels
//! about it, China's counter-offer and the agreed level.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Borders;

use crate::engine::{Game, Package, query};
use crate::scenario::{Level, Scenario};
use crate::ui::app::{Drawn, Target};
use crate::ui::keymap::Cmd;
use crate::ui::theme::Theme;
use crate::ui::widgets::TableView;
use crate::ui::widgets::paint;

/// How Beijing feels about one level of one issue: a symbol, a word and a style.
pub struct Feeling {
    /// `++`, `+`, `-` or `--`.
    pub symbol: &'static str,
    /// The feeling in a word.
    pub word: &'static str,
    /// How it looks.
    pub style: Style,
}

/// Beijing's feeling about `level` on issue `i`, as the engine's dry run reports it, with its
/// symbol, word and style.
pub fn feeling(game: &Game, i: usize, level: usize, theme: Theme) -> Feeling {
    let (symbol, word, style) = match query::feeling(&game.scenario, &game.state, i, level) {
        query::Feeling::Likes => ("++", "likes", theme.good()),
        query::Feeling::Fine => ("+", "fine", theme.text()),
        query::Feeling::Costly => ("-", "costly", theme.warn()),
        query::Feeling::Hates => ("--", "hates", theme.bad()),
    };
    Feeling {
        symbol,
        word,
        style,
    }
}

/// Beijing's view of a level that crosses a red line the player knows of: it refuses it,
/// whatever it thinks of the level alone (a "+ fine" beside "RED LINE" read as a contradiction).
pub fn refuses(theme: Theme) -> Feeling {
    Feeling {
        symbol: "--",
        word: "refuses",
        style: theme.bad(),
    }
}

/// Beijing's view of `level` of issue `i` in the package being built (`package`): refused when
/// it crosses a red line the player knows of (published, or named by a refusal), else
/// [`feeling`].
pub fn view(game: &Game, package: &[usize], i: usize, level: usize, theme: Theme) -> Feeling {
    let s = &game.scenario;
    let known = package.len() == s.issues.len()
        && i < package.len()
        && query::red_line_at(s, &game.state, &Package(package.to_vec()), i, level);
    if known {
        refuses(theme)
    } else {
        feeling(game, i, level, theme)
    }
}

/// The agenda's columns and their widths, fitted to the scenario's names and labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    /// Whether the on/off column is shown (the view column also says "off").
    pub status: bool,
    /// Whether issues go by their full names rather than their short ones.
    pub full_names: bool,
    /// Issue name width.
    pub name: u16,
    /// "You propose" width: the longest label and its ‹ › marks.
    pub proposed: u16,
    /// "China's view" width.
    pub view: u16,
    /// Counter-offer width.
    pub counter: u16,
    /// Agreed width.
    pub agreed: u16,
}

const STATUS_W: u16 = 3;
const VIEW_HEAD: &str = "China's view";

impl Columns {
    /// Cells the columns take, with one space between columns.
    pub fn total(&self) -> u16 {
        let status = if self.status { STATUS_W + 1 } else { 0 };
        status + self.name + self.proposed + self.view + self.counter + self.agreed + 4
    }
}

/// The layouts to try, most generous first: full names with the on/off column, short names
/// with it, short names without it.
fn candidates(s: &Scenario) -> [Columns; 3] {
    let labels = s
        .issues
        .iter()
        .flat_map(|i| i.levels.iter())
        .map(|l| paint::width(&l.label))
        .max()
        .unwrap_or(0);
    let full = s.issues.iter().map(|i| paint::width(&i.name)).max();
    let short = s.issues.iter().map(|i| paint::width(&i.short)).max();
    let base = Columns {
        status: true,
        full_names: true,
        name: full.unwrap_or(0).max(5),
        proposed: labels + 2,
        view: paint::width(VIEW_HEAD),
        counter: labels.max(7),
        agreed: labels.max(6),
    };
    let short = Columns {
        full_names: false,
        name: short.unwrap_or(0).max(5),
        ..base
    };
    [
        base,
        short,
        Columns {
            status: false,
            ..short
        },
    ]
}

/// The outer width (borders included) the agenda wants when it may take up to `max`: the most
/// generous layout that fits, or `max` when none does.
pub fn wanted_width(s: &Scenario, max: u16) -> u16 {
    candidates(s)
        .iter()
        .map(|c| c.total() + 2)
        .find(|&w| w <= max)
        .unwrap_or(max)
}

/// The columns for an inner width: the most generous layout that fits, its last column taking
/// any room left; else the tightest, with Counter and Agreed sharing what remains.
pub fn columns(s: &Scenario, inner: u16) -> Columns {
    let [a, b, c] = candidates(s);
    for mut cols in [a, b, c] {
        if cols.total() <= inner {
            cols.agreed += inner - cols.total();
            return cols;
        }
    }
    let fixed = c.total() - c.counter - c.agreed;
    let room = inner.saturating_sub(fixed);
    Columns {
        counter: room / 2,
        agreed: room - room / 2,
        ..c
    }
}

/// What a counter-offer or agreement says on issue `i`: a dash when it leaves an issue that is
/// off the table at the status quo, else the level's label.
pub fn shown<'a>(game: &'a Game, p: Option<&Package>, i: usize) -> &'a str {
    let s = &game.scenario;
    let Some(&level) = p.and_then(|p| p.0.get(i)) else {
        return "–";
    };
    let on = game.state.agenda.get(i).copied().unwrap_or(false);
    if level == s.issues[i].status_quo && !on {
        return "–";
    }
    s.issues[i]
        .levels
        .get(level)
        .map_or("–", |l| l.label.as_str())
}

/// What `package` is worth to the US against no deal, in the debrief's points (its promised
/// value: the debrief scores what is delivered over the year after). The US's own valuation,
/// public to the player; Beijing's stays hidden.
pub fn us_gain(game: &Game, package: &[usize]) -> Option<f64> {
    let s = &game.scenario;
    if package.len() != s.issues.len() {
        return None;
    }
    let (us, _) = crate::engine::frontier::value(s, &game.state, package);
    let (walk, _) = crate::engine::frontier::walk_away(s, &game.state);
    Some(100.0 * (us - walk))
}

/// A US value in points, signed and rounded ("+12", "-3", "0").
pub fn points(gain: f64) -> String {
    let whole = gain.round() + 0.0;
    if whole > 0.0 {
        format!("+{whole:.0}")
    } else {
        format!("{whole:.0}")
    }
}

/// Draws the table with the selected row highlighted; each row is a hit area that selects it.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    v: TableView,
    game: &Game,
    borders: Borders,
    out: &mut Drawn,
) {
    let theme = v.theme;
    let s = &game.scenario;
    let buf = frame.buffer_mut();
    let title = " Agenda: your package (←→ level, Space on/off, Enter propose) ";
    let inner = paint::panel(
        buf,
        area,
        borders,
        theme.border(),
        &[(title, theme.title())],
    );
    if inner.is_empty() {
        return;
    }
    // The package's worth to the US, on the border's right end, beside the title: a player
    // learned only in the debrief that the counter taken was below the US walk-away.
    if let Some(gain) = us_gain(game, v.package) {
        let style = if gain < 0.0 { theme.bad() } else { theme.key() };
        let used = area.x + 1 + paint::width(title);
        for text in [
            format!(" Worth to the US: {} ", points(gain)),
            format!(" US value {} ", points(gain)),
            format!(" US {} ", points(gain)),
        ] {
            let w = paint::width(&text);
            let x = area.right().saturating_sub(w + 1);
            if x > used {
                paint::put(buf, x, area.y, area.right(), &text, style);
                break;
            }
        }
    }
    let table = Table::new(columns(s, inner.width), inner, theme);
    table.head(buf);
    let visible = usize::from(inner.height - 1);
    // Keep the selected row in view when the table is shorter than the agenda.
    let first = (v.row + 1).saturating_sub(visible);
    for (k, i) in (0..s.issues.len()).skip(first).take(visible).enumerate() {
        let y = inner.y + 1 + u16::try_from(k).unwrap_or(0);
        let arrows = table.row(buf, v, game, i, y);
        out.hit(
            Rect {
                y,
                height: 1,
                ..inner
            },
            Target::Row(i),
        );
        // The selected level's ‹ and › are buttons, as ← and →: a level can be chosen by
        // mouse where the ladder is not drawn (the compact layout).
        if let Some((left, right)) = arrows {
            out.hit(Rect::new(left, y, 1, 1), Target::Cmd(Cmd::LevelDown));
            out.hit(Rect::new(right, y, 1, 1), Target::Cmd(Cmd::LevelUp));
        }
    }
}

/// The table as laid out in its area: the columns, where each starts, and the styles.
struct Table {
    cols: Columns,
    inner: Rect,
    theme: Theme,
    status: u16,
    name: u16,
    proposed: u16,
    view: u16,
    counter: u16,
    agreed: u16,
}

impl Table {
    /// The column starts, left to right, one space apart.
    fn new(cols: Columns, inner: Rect, theme: Theme) -> Table {
        let mut x = inner.x;
        let mut next = |w: u16| {
            let at = x;
            x = x.saturating_add(w + 1);
            at
        };
        let status = if cols.status { next(STATUS_W) } else { inner.x };
        let name = next(cols.name);
        let proposed = next(cols.proposed);
        let view = next(cols.view);
        let counter = next(cols.counter);
        let agreed = next(cols.agreed);
        Table {
            cols,
            inner,
            theme,
            status,
            name,
            proposed,
            view,
            counter,
            agreed,
        }
    }

    /// Writes `s` from `x` within `w` cells and the table's right edge.
    fn cell(&self, buf: &mut Buffer, x: u16, y: u16, w: u16, s: &str, st: Style) -> u16 {
        paint::put(
            buf,
            x,
            y,
            x.saturating_add(w).min(self.inner.right()),
            s,
            st,
        )
    }

    /// The header row.
    fn head(&self, buf: &mut Buffer) {
        let (cols, head, y) = (&self.cols, self.theme.title(), self.inner.y);
        self.cell(buf, self.name, y, cols.name, "Issue", head);
        self.cell(buf, self.proposed, y, cols.proposed, "You propose", head);
        self.cell(buf, self.view, y, cols.view, VIEW_HEAD, head);
        self.cell(buf, self.counter, y, cols.counter, "Counter", head);
        self.cell(buf, self.agreed, y, cols.agreed, "Agreed", head);
        let line = Rect {
            height: 1,
            ..self.inner
        };
        paint::style_area(buf, line, head);
    }

    /// Issue `i`'s row at line `y`; returns where the selected level's ‹ and › were drawn.
    fn row(
        &self,
        buf: &mut Buffer,
        v: TableView,
        game: &Game,
        i: usize,
        y: u16,
    ) -> Option<(u16, u16)> {
        let (cols, theme, st) = (&self.cols, self.theme, &game.state);
        let issue = game.scenario.issues.get(i)?;
        let on = st.agenda.get(i).copied().unwrap_or(false);
        let level = v.package.get(i).copied().unwrap_or(issue.status_quo);
        let dim = if on { theme.text() } else { theme.dim() };
        if cols.status {
            let status = if on {
                ("on", theme.good())
            } else {
                ("off", theme.dim())
            };
            self.cell(buf, self.status, y, STATUS_W, status.0, status.1);
        }
        let name = if cols.full_names {
            &issue.name
        } else {
            &issue.short
        };
        self.cell(buf, self.name, y, cols.name, name, dim);
        let selected = i == v.row;
        let close = self.proposal(buf, y, issue.levels.get(level), on, selected);
        let arrows = (on && selected).then_some((self.proposed, close));
        if on {
            let f = view(game, v.package, i, level, theme);
            let vx = self.cell(buf, self.view, y, cols.view, f.symbol, f.style);
            let vx = vx.max(self.view + 3);
            self.cell(buf, vx, y, cols.view.saturating_sub(3), f.word, f.style);
        } else {
            self.cell(buf, self.view, y, cols.view, "·  off", theme.dim());
        }
        let end = self.inner.right();
        let counter = shown(game, st.counter.as_ref(), i);
        let w = cols.counter.min(end - self.counter.min(end));
        paint::put_fit(buf, self.counter, y, w, counter, theme.china());
        let agreed = shown(game, st.agreed.as_ref(), i);
        let w = cols.agreed.min(end - self.agreed.min(end));
        paint::put_fit(buf, self.agreed, y, w, agreed, theme.good());
        if selected {
            let line = Rect {
                y,
                height: 1,
                ..self.inner
            };
            paint::style_area(buf, line, theme.selected());
        }
        arrows
    }

    /// The level proposed, between ‹ › when selected and ( ) when off the table; returns the
    /// column of the closing mark.
    fn proposal(
        &self,
        buf: &mut Buffer,
        y: u16,
        level: Option<&Level>,
        on: bool,
        selected: bool,
    ) -> u16 {
        let text = self.theme.text();
        let lbl = level.map_or("?", |l| l.label.as_str());
        let (open, close) = match (on, selected) {
            (true, true) => ("‹", "›"),
            (true, false) => (" ", ""),
            (false, _) => ("(", ")"),
        };
        let w = self.cols.proposed;
        let px = self.cell(buf, self.proposed, y, w, open, text);
        let px = self.cell(buf, px, y, w.saturating_sub(1), lbl, text);
        self.cell(buf, px, y, 1, close, text);
        px
    }
}
