//! Helpers shared by the engine tests.
#![allow(dead_code)]

use std::sync::Arc;

use truce::engine::{Package, State, new_state};
use truce::scenario::{self, Scenario};

/// The default scenario, freshly loaded (tests may change it before first use).
pub fn scenario() -> Scenario {
    match scenario::builtin("autumn-2025") {
        Some(Ok(s)) => s,
        other => panic!("the built-in scenario must load: {other:?}"),
    }
}

/// The default scenario behind an Arc.
pub fn shared() -> Arc<Scenario> {
    Arc::new(scenario())
}

/// Index of an issue by id.
pub fn ix(s: &Scenario, id: &str) -> usize {
    s.issue_index(id).unwrap_or_else(|| panic!("no issue {id}"))
}

/// A state with every issue on the table.
pub fn open_state(s: &Scenario, seed: u64) -> State {
    let mut st = new_state(s, seed);
    st.agenda = vec![true; s.issues.len()];
    st.prepared = vec![true; s.issues.len()];
    st
}

/// The status quo with some issues moved.
pub fn package(s: &Scenario, moves: &[(&str, usize)]) -> Package {
    let mut p = s.status_quo();
    for (id, level) in moves {
        p.0[ix(s, id)] = *level;
    }
    p
}
