//! One file per screen or overlay. Each draws from `&App` and never changes it.

pub mod briefing;
pub mod confirm;
pub mod end;
pub mod guide;
pub mod help;
pub mod load;
pub mod menu;
pub mod negotiation;
pub mod player;
pub mod review;
pub mod save;
pub mod table_big;
pub mod title;
pub mod why;

use ratatui::layout::{Constraint, Layout, Rect};

/// Splits a screen into its body and a one-line footer.
pub fn body_and_footer(area: Rect) -> (Rect, Rect) {
    let [body, footer] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
    (body, footer)
}

/// What the footer shows on any screen: the keys that work now and the status note.
pub fn footer_view(app: &crate::ui::App) -> crate::ui::widgets::footer::View<'_> {
    crate::ui::widgets::footer::View {
        entries: crate::ui::keymap::footer(app),
        status: app.ui.status.as_ref(),
        theme: app.theme,
    }
}
