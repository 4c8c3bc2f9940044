//! What a dispatch says, as data: ids and parameters, never English. `report::dispatch_text`
//! puts it into words, so rewording a sentence never changes a save.

use serde::{Deserialize, Serialize};

use crate::core::{Outcome, Package};

/// One dispatch's content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Said {
    /// The talks open (start and expiry come from the scenario).
    TalksOpen,
    /// An event from the scenario's table fired (event index).
    Event(usize),
    /// A card came into force by an event or as China's mirror (card index).
    CardInForce(usize),
    /// An event put an issue on the table.
    IssueOpenedByEvent(usize),
    /// The US put a prepared issue back on the table.
    IssueBack(usize),
    /// The US opened an issue, spending days of preparation.
    IssueOpened {
        /// Issue index.
        issue: usize,
        /// Days spent.
        days: u32,
    },
    /// The US took an issue off the table.
    IssueOff(usize),
    /// The US proposed a package (with the agenda at the time, which decides what is shown).
    Proposed {
        /// The package.
        package: Package,
        /// The agenda when it was proposed.
        agenda: Vec<bool>,
    },
    /// China stands by the agreed package.
    Kept,
    /// China accepts the package in principle.
    Accepted,
    /// China calls the offer an insult.
    Insult,
    /// China counters.
    Countered {
        /// Its counter.
        package: Package,
        /// The agenda at the time.
        agenda: Vec<bool>,
    },
    /// China steps down a rung on an agreement.
    StepDown,
    /// After a credible walk-out, Beijing came back to the table with a lower demand.
    WalkOutReturned,
    /// The US took back terms agreed in principle; Beijing's trust fell by this much.
    TakenBack {
        /// Trust lost.
        trust: f64,
    },
    /// China climbs to this rung.
    Restricted(u8),
    /// The US accepts China's counter.
    TookCounter,
    /// China confirms its counter as the agreement.
    CounterConfirmed,
    /// The US made its goodwill gesture.
    Goodwill,
    /// China welcomes the gesture.
    GoodwillWelcomed,
    /// The US asks for an extension.
    ExtensionAsked,
    /// China extends the truce.
    ExtensionGranted,
    /// China refuses to extend.
    ExtensionRefused,
    /// The leaders sign.
    Signed,
    /// A card is suspended under the deal (card index).
    Suspended(usize),
    /// China's leader declines to sign.
    SignRefused,
    /// The US walks away.
    WalkedAway,
    /// The game is over.
    GameOver(Outcome),
    /// The US threatens.
    Threatened,
    /// China mirrors the threat.
    ThreatMirrored,
    /// China heeds the threat.
    ThreatHeeded,
    /// China protests the threat without escalating.
    ThreatProtested,
    /// The US plays a card (card index).
    Played(usize),
    /// A threat is carried out.
    CarriedOut,
    /// The US holds.
    Hold,
    /// The US grants China's last ask.
    AskGranted {
        /// Issue index.
        issue: usize,
        /// Level granted.
        level: usize,
    },
    /// The US signs without granting China's standing last ask (added in rules 7: older saves
    /// never hold it, so they load as before).
    AskRefused {
        /// Issue index.
        issue: usize,
        /// Level Beijing asked for.
        level: usize,
        /// Whether Beijing signed all the same, or left the summit unsigned.
        signed: bool,
    },
    /// China reopens the agreement after something it names, and counters.
    Reopened {
        /// What China names.
        reason: String,
        /// Its new counter.
        package: Package,
        /// The agenda at the time.
        agenda: Vec<bool>,
    },
    /// The ladder topped out.
    Collapse,
    /// The truce lapsed.
    Lapsed,
    /// A threat is shelved because China moved.
    ThreatShelved,
    /// A bluff is called.
    BluffCalled,
    /// The summit passed without a signing.
    SummitMissed,
    /// Summit week with nothing agreed.
    SummitNothingAgreed,
    /// Summit week: China's last ask.
    SummitAsk {
        /// Issue index.
        issue: usize,
        /// Level asked for.
        level: usize,
    },
    /// Summit week: the agreed package can be signed.
    SummitOpen,
}
