//! The negotiation dance: every US offer and every Chinese counter as a point (value to the US
//! across, value to China up), joined in order, over the frontier of the best packages either
//! side could reach and the two walk-away lines; below it, the meters over the weeks.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Color;
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::Sparkline;
use ratatui::widgets::canvas::{Canvas, Line as CanvasLine};

use crate::ai::{Reply, Valuation};
use crate::engine::frontier::{self, Point};
use crate::engine::{Action, State, Turn};
use crate::scenario::Scenario;
use crate::ui::theme::Theme;
use crate::ui::widgets::paint;

/// Who made an offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// A US proposal.
    Us,
    /// A Chinese counter-offer.
    China,
}

/// One offer of the dance.
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    /// Who made it.
    pub side: Side,
    /// The week it was made in.
    pub week: u32,
    /// (value to the US, value to China), valued as the dance's state values packages.
    pub at: Point,
}

/// One meter week by week.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// A short name.
    pub name: &'static str,
    /// The value at the end of each week, oldest first.
    pub values: Vec<f64>,
    /// The meter's range.
    pub range: (f64, f64),
}

/// Everything the dance draws, valued with one state's weights so that every point, the
/// frontier and the walk-away lines share one scale.
#[derive(Debug, Clone, PartialEq)]
pub struct Dance {
    /// The offers in the order they were made.
    pub offers: Vec<Offer>,
    /// The frontier over the issues on the table, value to the US rising.
    pub frontier: Arc<Vec<Point>>,
    /// The walk-away values: (the US's, China's).
    pub walk: Point,
    /// Whether China's walk-away line is drawn: not during play, where it would show what no
    /// deal is worth to Beijing (part of its hidden type).
    pub china_walk: bool,
    /// The meters over the weeks.
    pub meters: Vec<Series>,
}

/// What the frontier depends on: the scenario (name and address), the agenda, the cards in force and China's
/// weights.
type Key = (String, usize, Vec<bool>, Vec<bool>, Vec<u64>);

thread_local! {
    /// Frontiers already computed (per scenario and agenda, with the cards and weights that
    /// shape them): a screen redrawn every key press asks again and again.
    static FRONTIERS: RefCell<HashMap<Key, Arc<Vec<Point>>>> = RefCell::new(HashMap::new());
}

/// The frontier for this state, from the cache when it has been computed before.
pub fn cached_frontier(scenario: &Scenario, state: &State) -> Arc<Vec<Point>> {
    let key: Key = (
        scenario.name.clone(),
        // Two scenarios of one name (a file beside a built-in) are told apart by address.
        std::ptr::from_ref(scenario) as usize,
        state.agenda.clone(),
        state.cards.clone(),
        state.weight_shift.iter().map(|w| w.to_bits()).collect(),
    );
    FRONTIERS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(f) = cache.get(&key) {
            return f.clone();
        }
        // A long session could meet many agendas; a bounded cache is plenty for redraws.
        if cache.len() >= 64 {
            cache.clear();
        }
        let f = Arc::new(frontier::frontier(scenario, state));
        cache.insert(key, f.clone());
        f
    })
}

impl Dance {
    /// The dance of `history`, valued as `state` (the state after it) values packages.
    pub fn of(scenario: &Scenario, history: &[Turn], state: &State) -> Dance {
        // One valuation for every offer: all are valued with this state's weights.
        let val = Valuation::new(scenario, state);
        let value = |p: &[usize]| (val.us(p), val.china(p));
        let mut offers = Vec::new();
        for turn in history {
            if let Action::Propose(p) = &turn.action {
                offers.push(Offer {
                    side: Side::Us,
                    week: turn.week,
                    at: value(&p.0),
                });
            }
            if let Some(Reply::Counter(c)) = turn.answer.as_ref().map(|a| &a.reply) {
                offers.push(Offer {
                    side: Side::China,
                    week: turn.week,
                    at: value(&c.0),
                });
            }
        }
        Dance {
            offers,
            frontier: cached_frontier(scenario, state),
            walk: frontier::walk_away(scenario, state),
            china_walk: true,
            meters: meters(state),
        }
    }

    /// The same dance as play shows it: without China's walk-away line.
    pub fn during_play(mut self) -> Dance {
        self.china_walk = false;
        self
    }
}

/// The meters week by week from the state's trace.
fn meters(state: &State) -> Vec<Series> {
    let t = &state.trace;
    let series = |name, range, f: fn(&crate::engine::Snapshot) -> f64| Series {
        name,
        values: t.iter().map(f).collect(),
        range,
    };
    vec![
        series("Magnets", (0.0, 100.0), |s| s.meters.magnet_supply),
        series("Farm stress", (0.0, 100.0), |s| s.meters.farm_stress),
        series("Markets", (0.0, 100.0), |s| s.meters.market_confidence),
        series("Hawk alarm", (0.0, 100.0), |s| s.meters.hawk_alarm),
        series("Trust", (-100.0, 100.0), |s| s.meters.trust),
        series("Rung", (0.0, 4.0), |s| f64::from(s.rung)),
    ]
}

/// The rows the meters take under the chart at this width.
fn meter_rows(width: u16) -> u16 {
    if width >= 60 { 3 } else { 6 }
}

/// Draws the dance: the chart, a legend line, and the meters over the weeks when there is room.
pub fn draw(frame: &mut Frame, area: Rect, dance: &Dance, theme: Theme) {
    if area.height < 4 || area.width < 20 {
        return;
    }
    let rows = meter_rows(area.width);
    let meters_h = if area.height >= rows + 9 && !dance.meters.is_empty() {
        rows
    } else {
        0
    };
    let [chart_a, legend_a, meters_a] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(meters_h),
    ])
    .areas(area);
    chart(frame, chart_a, dance, theme);
    legend(frame, legend_a, dance, theme);
    if meters_h > 0 {
        sparklines(frame, meters_a, dance, theme);
    }
}

/// The bounds of the chart: every point, the frontier and the walk-away lines, with a margin.
fn bounds(dance: &Dance) -> ([f64; 2], [f64; 2]) {
    let mut xs = vec![dance.walk.0];
    let mut ys = if dance.china_walk {
        vec![dance.walk.1]
    } else {
        Vec::new()
    };
    for p in dance
        .frontier
        .iter()
        .chain(dance.offers.iter().map(|o| &o.at))
    {
        xs.push(p.0);
        ys.push(p.1);
    }
    let span = |v: &[f64]| {
        let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let pad = ((hi - lo) * 0.05).max(0.01);
        [lo - pad, hi + pad]
    };
    (span(&xs), span(&ys))
}

/// The chart: one braille canvas (a single layer, so a large terminal stays cheap to draw) with
/// the frontier, the walk-away lines and the path of the offers; dots for the offers on top;
/// the bounds on a label column at the left and a label row below.
fn chart(frame: &mut Frame, area: Rect, dance: &Dance, theme: Theme) {
    let (x, y) = bounds(dance);
    let label = |v: f64| format!("{v:.2}");
    let label_w: u16 = 6;
    if area.width <= label_w + 4 || area.height < 3 {
        return;
    }
    let plot = Rect {
        x: area.x + label_w,
        y: area.y,
        width: area.width - label_w,
        height: area.height - 1,
    };
    let buf = frame.buffer_mut();
    let (left, bottom) = (area.x, plot.bottom());
    paint::put(buf, left, plot.y, plot.x, &label(y[1]), theme.dim());
    paint::put(buf, left, plot.y + 1, plot.x, "China", theme.china());
    paint::put(buf, left, plot.y + 2, plot.x, "value", theme.china());
    paint::put(buf, left, bottom - 1, plot.x, &label(y[0]), theme.dim());
    paint::put(buf, plot.x, bottom, plot.right(), &label(x[0]), theme.dim());
    let hi = label(x[1]);
    let hi_x = plot.right().saturating_sub(paint::width(&hi));
    paint::put(buf, hi_x, bottom, plot.right(), &hi, theme.dim());
    let title = "US value →";
    let mid = plot.x + plot.width.saturating_sub(paint::width(title)) / 2;
    paint::put(buf, mid, bottom, hi_x, title, theme.us());
    let colour = |s: Style| s.fg.unwrap_or(Color::Reset);
    let seg = |a: Point, b: Point, s: Style| CanvasLine {
        x1: a.0,
        y1: a.1,
        x2: b.0,
        y2: b.1,
        color: colour(s),
    };
    let canvas = Canvas::default()
        .marker(Marker::Braille)
        .x_bounds(x)
        .y_bounds(y)
        .paint(|ctx| {
            ctx.draw(&seg((dance.walk.0, y[0]), (dance.walk.0, y[1]), theme.us()));
            if dance.china_walk {
                ctx.draw(&seg(
                    (x[0], dance.walk.1),
                    (x[1], dance.walk.1),
                    theme.china(),
                ));
            }
            for w in dance.frontier.windows(2) {
                ctx.draw(&seg(w[0], w[1], theme.good()));
            }
            for w in dance.offers.windows(2) {
                ctx.draw(&seg(w[0].at, w[1].at, theme.dim()));
            }
            for o in &dance.offers {
                // Two marks, so colour is never the only sign.
                let (mark, style) = match o.side {
                    Side::Us => ("•", theme.us()),
                    Side::China => ("×", theme.china()),
                };
                ctx.print(o.at.0, o.at.1, Span::styled(mark, style));
            }
        });
    frame.render_widget(canvas, plot);
}

/// What the marks mean, so colour is never the only sign.
fn legend(frame: &mut Frame, area: Rect, dance: &Dance, theme: Theme) {
    let n_us = dance.offers.iter().filter(|o| o.side == Side::Us).count();
    let n_cn = dance.offers.len() - n_us;
    let mut spans = vec![
        Span::styled("• ", theme.us()),
        Span::styled(format!("US offers {n_us}  "), theme.text()),
        Span::styled("× ", theme.china()),
        Span::styled(format!("China counters {n_cn}  "), theme.text()),
        Span::styled("⠉ ", theme.good()),
        Span::styled("frontier  ", theme.text()),
        Span::styled("│ ", theme.us()),
    ];
    if dance.china_walk {
        spans.extend([
            Span::styled("US / ", theme.text()),
            Span::styled("─ ", theme.china()),
            Span::styled("China walk-away", theme.text()),
        ]);
    } else {
        spans.push(Span::styled("US walk-away", theme.text()));
    }
    let line = Line::from(spans);
    frame.render_widget(line, area);
}

/// The meters as sparklines, in two columns when wide enough.
fn sparklines(frame: &mut Frame, area: Rect, dance: &Dance, theme: Theme) {
    let rows = usize::from(area.height.max(1));
    let cols = dance.meters.len().div_ceil(rows).max(1);
    let col_w = area.width / u16::try_from(cols).unwrap_or(1);
    for (k, s) in dance.meters.iter().enumerate() {
        let (c, r) = (k / rows, k % rows);
        let (Ok(c), Ok(r)) = (u16::try_from(c), u16::try_from(r)) else {
            continue;
        };
        let cell = Rect {
            x: area.x + c * col_w,
            y: area.y + r,
            width: col_w.saturating_sub(1),
            height: 1,
        };
        if cell.y >= area.bottom() {
            continue;
        }
        let last = s.values.last().copied().unwrap_or(0.0);
        let buf = frame.buffer_mut();
        let x = paint::put(
            buf,
            cell.x,
            cell.y,
            cell.right(),
            &format!("{:<11}", s.name),
            theme.key(),
        );
        let x = paint::put(
            buf,
            x,
            cell.y,
            cell.right(),
            &format!("{last:>4.0} "),
            theme.title(),
        );
        let spark_w = cell.right().saturating_sub(x);
        // Newest weeks win when the line is short; every reading shows a mark.
        let data =
            crate::ui::widgets::meter::spark_levels(&s.values, s.range, usize::from(spark_w));
        let spark = Sparkline::default()
            .data(data)
            .max(crate::ui::widgets::meter::SPARK_TOP)
            .style(theme.gauge());
        frame.render_widget(spark, Rect::new(x, cell.y, spark_w, 1));
    }
}
