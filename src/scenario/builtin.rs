//! Scenarios compiled into the binary.

use crate::scenario::{LoadError, Scenario, from_str};

/// The built-in scenario files: (name, RON text).
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "autumn-2025",
        include_str!("../../assets/scenarios/autumn-2025.ron"),
    ),
    (
        "phase-one-2019",
        include_str!("../../assets/scenarios/phase-one-2019.ron"),
    ),
    (
        "rare-earth-shock",
        include_str!("../../assets/scenarios/rare-earth-shock.ron"),
    ),
];

/// Names of the built-in scenarios.
pub fn builtin_names() -> Vec<&'static str> {
    BUILTIN.iter().map(|(n, _)| *n).collect()
}

/// Loads a built-in scenario by name, `None` if there is no such scenario.
pub fn builtin(name: &str) -> Option<Result<Scenario, LoadError>> {
    BUILTIN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(n, text)| from_str(text, &format!("assets/scenarios/{n}.ron")))
}
