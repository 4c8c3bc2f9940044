//! A meter on one line: its name, a gauge, its value in words and a sparkline over the weeks.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols;
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Sparkline};

use crate::ui::theme::Theme;

/// Whether a high reading is good or bad news for the US.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Good {
    /// High is good (magnet supply, market confidence, trust).
    High,
    /// High is bad (farm stress, hawk alarm).
    Low,
}

/// One meter to draw.
pub struct Meter<'a> {
    /// The meter's name.
    pub name: &'a str,
    /// A short name for narrow panels.
    pub short: &'a str,
    /// Current value.
    pub value: f64,
    /// Range of the meter.
    pub range: (f64, f64),
    /// Which end is good.
    pub good: Good,
    /// The value week by week, oldest first.
    pub history: Vec<f64>,
}

impl Meter<'_> {
    /// 0..=1 along the range.
    fn ratio(&self) -> f64 {
        let (lo, hi) = self.range;
        ((self.value - lo) / (hi - lo).max(1e-9)).clamp(0.0, 1.0)
    }

    /// A word for the reading, so that colour is never the only sign.
    fn verdict(&self) -> &'static str {
        let r = self.ratio();
        let goodness = match self.good {
            Good::High => r,
            Good::Low => 1.0 - r,
        };
        if goodness >= 0.66 {
            "good"
        } else if goodness >= 0.4 {
            "fair"
        } else if goodness >= 0.2 {
            "poor"
        } else {
            "CRISIS"
        }
    }
}

/// Draws the meter in one line of `area`, giving the sparkline `spark` columns when there is room.
/// `name_w` is the width of the name column, so that meters drawn together line up.
pub fn draw(frame: &mut Frame, area: Rect, meter: &Meter, name_w: u16, spark: u16, theme: Theme) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let verdict = meter.verdict();
    let tone = match verdict {
        "good" => theme.good(),
        "fair" => theme.text(),
        "poor" => theme.warn(),
        _ => theme.bad(),
    };
    let name_w = name_w.min(area.width / 3);
    let spark = if area.width >= name_w + 30 { spark } else { 0 };
    let [name_a, gauge_a, word_a, spark_a] = Layout::horizontal([
        Constraint::Length(name_w),
        Constraint::Min(6),
        Constraint::Length(12),
        Constraint::Length(spark),
    ])
    .areas(Rect { height: 1, ..area });
    let name = if name_a.width > 18 || usize::from(name_a.width) > meter.name.chars().count() {
        meter.name
    } else {
        meter.short
    };
    frame.render_widget(Span::raw(name), name_a);
    let gauge = LineGauge::default()
        .ratio(meter.ratio())
        .label(format!("{:>4.0}", meter.value))
        .filled_style(theme.gauge())
        .unfilled_style(theme.gauge_empty())
        .filled_symbol(symbols::line::THICK.horizontal)
        .unfilled_symbol(symbols::line::NORMAL.horizontal);
    frame.render_widget(gauge, gauge_a);
    frame.render_widget(
        Line::from(Span::styled(format!(" {verdict}"), tone)),
        word_a,
    );
    if spark > 0 {
        let (lo, hi) = meter.range;
        let data: Vec<u64> = meter
            .history
            .iter()
            .rev()
            .take(usize::from(spark))
            .rev()
            .map(|v| ((v - lo).max(0.0).round() as u64) + 1)
            .collect();
        let line = Sparkline::default()
            .data(data)
            .max((hi - lo).round() as u64 + 1)
            .style(theme.gauge());
        frame.render_widget(line, spark_a);
    }
}
