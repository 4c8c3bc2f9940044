//! The home front: the US meters as gauges, each with a sparkline over the weeks.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;

use crate::engine::{Game, Meters};
use crate::ui::theme::Theme;
use crate::ui::widgets::meter::{self, Good, Meter};

/// How to read one meter from the state.
type Reading = fn(&Meters) -> f64;

/// Short names for narrow panels, in the same order.
const SHORT: [&str; 4] = ["Magnets", "Farm stress", "Markets", "Hawk alarm"];

/// The four home-front meters: name, reading, which end is good.
const METERS: [(&str, Reading, Good); 4] = [
    ("Magnet supply", |m| m.magnet_supply, Good::High),
    ("Farm stress", |m| m.farm_stress, Good::Low),
    ("Market confidence", |m| m.market_confidence, Good::High),
    ("Hawk alarm", |m| m.hawk_alarm, Good::Low),
];

/// Draws the meters into `area` (inside its border), spaced out when there is room.
pub fn draw(frame: &mut Frame, area: Rect, game: &Game, theme: Theme) {
    let st = &game.state;
    let spaced = area.height >= 8;
    let step = if spaced { 2 } else { 1 };
    let list = METERS;
    let mut rows: Vec<Constraint> = vec![Constraint::Length(step); list.len()];
    rows.push(Constraint::Min(0));
    let areas = Layout::vertical(rows).split(area);
    for (k, (name, read, good)) in list.into_iter().enumerate() {
        let m = Meter {
            name,
            short: SHORT[k],
            value: read(&st.meters),
            range: (0.0, 100.0),
            good,
            history: st.trace.iter().map(|t| read(&t.meters)).collect(),
        };
        meter::draw(frame, areas[k], &m, 18, 12, theme);
    }
    if let Some(&last) = areas.last()
        && last.height > 0
    {
        frame.render_widget(
            Line::styled("Sparklines: week by week, newest right.", theme.dim()),
            last,
        );
    }
}
