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
