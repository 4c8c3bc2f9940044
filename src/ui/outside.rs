//! What lies outside the App, reached through traits so that any front end can supply its own:
//! the store of saves (`persist::Store`: a folder, or memory), a clock for save stamps, and the
//! policy of what the player may do to the machine the game runs on.

pub use crate::persist::{MemoryStore, SaveStore, Store};

/// The time, for save stamps and game ids. The engine never reads a clock; the App asks this.
pub trait Clock: Send + std::fmt::Debug {
    /// Now, in UTC, as `YYYY-MM-DDTHH:MM:SSZ`.
    fn now(&self) -> String;

    /// A stamp unique to this moment and process, for a new game's id.
    fn stamp(&self) -> String {
        self.now()
    }
}

/// The machine's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> String {
        crate::persist::utc_now()
    }

    fn stamp(&self) -> String {
        start_stamp()
    }
}

/// A clock that always says the same time: tests, and replays that must not differ.
#[derive(Debug, Clone)]
pub struct FixedClock(pub String);

impl Clock for FixedClock {
    fn now(&self) -> String {
        self.0.clone()
    }
}

/// What the player may do beyond the game itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Type a folder in the save prompt (else saves go only in the store as it is).
    pub choose_folder: bool,
    /// Open any save in the store (class mode also forbids it).
    pub load: bool,
    /// Stop the process with Ctrl-Z.
    pub suspend: bool,
}

impl Policy {
    /// A player at their own terminal: all of it.
    pub const LOCAL: Policy = Policy {
        choose_folder: true,
        load: true,
        suspend: true,
    };

    /// A player on someone else's machine (a hosted game, a test): the store as given, no
    /// folder of their choosing, no stopping the process.
    pub const HOSTED: Policy = Policy {
        choose_folder: false,
        load: true,
        suspend: false,
    };
}

impl Default for Policy {
    fn default() -> Policy {
        Policy::LOCAL
    }
}

/// A stamp unique to this start of a game, for its id: the time to the nanosecond and the
/// process, so two games started in the same second with the same seed keep apart.
pub fn start_stamp() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!(
        "{}.{nanos:09}-{}",
        crate::persist::utc_now(),
        std::process::id()
    )
}
