//! Reusable drawing pieces: the negotiation panels, meters, footer, popups and scrolling text.

pub mod agenda;
pub mod beijing;
pub mod dance;
pub mod detail;
pub mod dispatches;
pub mod footer;
pub mod home;
pub mod instructor;
pub mod meter;
pub mod paint;
pub mod popup;
pub mod scroll;
pub mod too_small;

/// What the table's widgets (agenda, detail pane) draw besides the game: the package being
/// built, the selected row and the theme. Widgets take this, not the whole `App`.
#[derive(Debug, Clone, Copy)]
pub struct TableView<'a> {
    /// The package being built, one level per issue.
    pub package: &'a [usize],
    /// The selected agenda row.
    pub row: usize,
    /// Styles.
    pub theme: crate::ui::theme::Theme,
}

impl<'a> TableView<'a> {
    /// The view of the app's table now.
    pub fn of(app: &'a crate::ui::App) -> TableView<'a> {
        TableView {
            package: &app.ui.package,
            row: app.ui.row,
            theme: app.theme,
        }
    }
}
