//! A package: one level per agenda issue.

use serde::{Deserialize, Serialize};

/// One level index per agenda issue, in scenario order.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Package(pub Vec<usize>);

impl Package {
    /// Level chosen on issue `i`.
    pub fn level(&self, i: usize) -> usize {
        self.0[i]
    }
}
