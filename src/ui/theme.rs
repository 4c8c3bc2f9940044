//! Every style the game uses, in one place, so that `NO_COLOR` can switch colour off everywhere.
//! Meaning never rests on colour alone: each coloured thing also has a symbol or a word.

use ratatui::style::{Color, Modifier, Style};

/// The palette, with or without colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Whether colours may be used.
    pub colour: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to a non-empty value (<https://no-color.org>).
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { colour: !no_color }
    }

    /// A theme without colour (tests, `NO_COLOR`).
    pub const fn plain() -> Theme {
        Theme { colour: false }
    }

    fn fg(self, c: Color) -> Style {
        if self.colour {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// Ordinary text.
    pub fn text(self) -> Style {
        Style::new()
    }

    /// Secondary text: hints, units, disabled items.
    pub fn dim(self) -> Style {
        if self.colour {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    /// Titles and headings.
    pub fn title(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// Panel borders.
    pub fn border(self) -> Style {
        self.fg(Color::DarkGray)
    }

    /// The selected row or item.
    pub fn selected(self) -> Style {
        if self.colour {
            Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// Key names in the footer and help.
    pub fn key(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    /// Good news.
    pub fn good(self) -> Style {
        self.fg(Color::Green)
    }

    /// Bad news.
    pub fn bad(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// Something to watch.
    pub fn warn(self) -> Style {
        self.fg(Color::Yellow)
    }

    /// The US side.
    pub fn us(self) -> Style {
        self.fg(Color::LightBlue)
    }

    /// The Chinese side.
    pub fn china(self) -> Style {
        self.fg(Color::LightRed)
    }

    /// The filled part of a gauge.
    pub fn gauge(self) -> Style {
        if self.colour {
            Style::new().fg(Color::Cyan)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    /// The empty part of a gauge.
    pub fn gauge_empty(self) -> Style {
        self.dim()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_theme_has_no_colour_at_all() {
        let t = Theme::plain();
        let styles = [
            t.text(),
            t.dim(),
            t.title(),
            t.border(),
            t.selected(),
            t.key(),
            t.good(),
            t.bad(),
            t.warn(),
            t.us(),
            t.china(),
            t.gauge(),
            t.gauge_empty(),
        ];
        for s in styles {
            assert_eq!((s.fg, s.bg), (None, None), "{s:?}");
        }
        assert!(Theme { colour: true }.good().fg.is_some());
    }
}
