//! A meter on one line: its name, a gauge, its value in words and a sparkline over the weeks.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols;
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Sparkline};

use crate::ui::theme::Theme;

/// Whether a high reading is good or bad news for the US.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Good {
    /// High is good (magnet supply, market confidence, trust).
    High,
    /// High is bad (farm stress, hawk alarm).
    Low,
    /// High is good, read against the model's own thresholds rather than the range: "good" from
    /// `good`, "fair" above `fair`, "poor" from `poor`, "CRISIS" below it (trust, whose
    /// thresholds sit far from the middle of its range).
    Bands {
        /// Lowest "good" reading.
        good: f64,
        /// "Fair" strictly above this.
        fair: f64,
        /// Lowest "poor" reading; below it, "CRISIS".
        poor: f64,
    },
}

impl Good {
    /// Trust's bands from the scenario: below the signing threshold Beijing will not sign
    /// ("CRISIS"); within half of it trust is already "poor"; "good" once clearly positive.
    pub fn trust(signing_min_trust: f64) -> Self {
        Good::Bands {
            good: 20.0,
            fair: signing_min_trust / 2.0,
            poor: signing_min_trust,
        }
    }
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
            Good::Bands { good, fair, poor } => {
                let v = self.value;
                return if v >= good {
                    "good"
                } else if v > fair {
                    "fair"
                } else if v >= poor {
                    "poor"
                } else {
                    "CRISIS"
                };
            }
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

/// Draws the meter: on two lines when `area` has them (name, value and verdict above; gauge
/// and sparkline below), else on one. `name_w` lines up the names of meters drawn together.
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
    let two_rows = area.height >= 2;
    let name_w = if two_rows {
        name_w.min(area.width)
    } else {
        name_w.min(area.width / 3)
    };
    let name = if usize::from(name_w) > meter.name.chars().count() {
        meter.name
    } else {
        meter.short
    };
    let words = Line::from(vec![
        Span::styled(format!("{:>4.0} ", meter.value), theme.key()),
        Span::styled(verdict, tone),
    ]);
    let bar_row = if two_rows {
        let [name_a, words_a] =
            Layout::horizontal([Constraint::Length(name_w), Constraint::Min(0)])
                .areas(Rect { height: 1, ..area });
        frame.render_widget(Span::raw(name), name_a);
        frame.render_widget(words, words_a);
        Rect {
            y: area.y + 1,
            height: 1,
            ..area
        }
    } else {
        let [name_a, words_a, rest] = Layout::horizontal([
            Constraint::Length(name_w),
            Constraint::Length(12),
            Constraint::Min(0),
        ])
        .areas(Rect { height: 1, ..area });
        frame.render_widget(Span::raw(name), name_a);
        frame.render_widget(words, words_a);
        rest
    };
    let spark = if bar_row.width >= 20 {
        spark.min(bar_row.width / 3)
    } else {
        0
    };
    let [gauge_a, spark_a] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(spark)]).areas(bar_row);
    let gauge = LineGauge::default()
        .ratio(meter.ratio())
        .label("")
        .filled_style(theme.gauge())
        .unfilled_style(theme.gauge_empty())
        .filled_symbol(symbols::line::THICK.horizontal)
        .unfilled_symbol(symbols::line::NORMAL.horizontal);
    frame.render_widget(
        gauge,
        Rect {
            width: gauge_a.width.saturating_sub(1),
            ..gauge_a
        },
    );
    if spark > 0 {
        let line = Sparkline::default()
            .data(spark_levels(
                &meter.history,
                meter.range,
                usize::from(spark),
            ))
            .max(SPARK_TOP)
            .style(theme.gauge());
        frame.render_widget(line, spark_a);
    }
}

/// The top of a one-row sparkline: its eight block heights.
pub const SPARK_TOP: u64 = 8;

/// The newest `n` readings as one-row sparkline heights, 1 (▁) to 8 (█), over `range`: a
/// reading at the bottom of its range still shows a mark (scaled to the range alone, values
/// under an eighth drew as blanks).
pub fn spark_levels(values: &[f64], (lo, hi): (f64, f64), n: usize) -> Vec<u64> {
    let span = (hi - lo).max(1e-9);
    values
        .iter()
        .skip(values.len().saturating_sub(n))
        .map(|v| {
            let r = ((v - lo) / span).clamp(0.0, 1.0);
            1 + u64::from(crate::core::num::whole(r * 7.0, 7))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{Good, Meter};

    fn trust(value: f64) -> &'static str {
        Meter {
            name: "Trust",
            short: "Trust",
            value,
            range: (-100.0, 100.0),
            good: Good::trust(-40.0),
            history: Vec::new(),
        }
        .verdict()
    }

    /// Trust reads against Beijing's thresholds: -20 is not "fair" (the playtest's surprise),
    /// and below the signing threshold (-40) it is a crisis: Beijing will not sign.
    #[test]
    fn trust_bands_follow_the_signing_threshold() {
        assert_eq!(trust(40.0), "good");
        assert_eq!(trust(0.0), "fair");
        assert_eq!(trust(-19.0), "fair");
        assert_eq!(trust(-20.0), "poor");
        assert_eq!(trust(-40.0), "poor", "Beijing still signs at -40");
        assert_eq!(trust(-41.0), "CRISIS");
        assert_eq!(trust(-60.0), "CRISIS");
    }
}
