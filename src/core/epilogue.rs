//! The year after the table, as data: month by month meters and what happened to each
//! commitment. `report` puts it into words.

use serde::{Deserialize, Serialize};

/// One month of the epilogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Month {
    /// Month after the end, 1-based.
    pub month: u32,
    /// Farm stress at the end of the month.
    pub farm_stress: f64,
    /// Market confidence at the end of the month.
    pub market_confidence: f64,
    /// Magnet supply at the end of the month.
    pub magnet_supply: f64,
    /// Restriction rung standing.
    pub rung: u8,
}

/// Something that happened in the epilogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Note {
    /// A commitment on this issue was delivered in this share (0..1).
    Delivered {
        /// Issue index.
        issue: usize,
        /// Share delivered.
        share: f64,
        /// The share expected for purchases in this deal, before the year's luck (the
        /// scenario's delivery rate, lowered the more one-sided the term); none for a
        /// commitment kept in full or from a save that predates it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        expected: Option<f64>,
    },
    /// What was signed on this issue did not hold in full, and China kept to a lesser level
    /// (a more ambitious commitment contains the lesser one, so asking for more never keeps
    /// less): the gain kept is this share of the gain asked.
    FellBack {
        /// Issue index.
        issue: usize,
        /// The level China kept to.
        level: usize,
        /// Share of the signed level's gain kept over the year.
        share: f64,
        /// The month what was signed lapsed, if it lapsed (none: purchases that arrived only
        /// as far as the lesser level's would have).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        month: Option<u32>,
    },
    /// A commitment lapsed in this month.
    Lapsed {
        /// Issue index.
        issue: usize,
        /// Month it lapsed.
        month: u32,
    },
    /// China lapsed on minerals and its restrictions came back (rung).
    SnapBack {
        /// Month.
        month: u32,
        /// Rung restored.
        rung: u8,
    },
    /// Tariffs snapped back after the talks failed.
    TariffsSnapBack,
    /// China mirrored the lapse or the walk-out: its restrictions stand at this rung.
    Mirrored {
        /// Rung.
        rung: u8,
    },
    /// A credible walk-out: China did not mirror it, bears its no-deal cost and returns to the
    /// table; the US gains what that pressure cost China (utility).
    WalkOutHeld {
        /// China's pressure when the US walked out.
        pressure: f64,
    },
    /// Restrictions kept biting for these months at this rung.
    RestrictionsBite {
        /// Months.
        months: u32,
        /// Rung.
        rung: u8,
    },
    /// An extension left these issues unresolved.
    Unresolved {
        /// How many issues on the table stayed open.
        issues: usize,
    },
    /// Purchases are counted net of what China would have bought anyway.
    Baseline {
        /// Headline announced, $bn.
        announced: f64,
        /// Net of baseline and delivered, $bn.
        net: f64,
    },
}

/// The epilogue of a finished game.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Epilogue {
    /// Month by month.
    pub months: Vec<Month>,
    /// What happened.
    pub notes: Vec<Note>,
    /// Share of the promised US gain delivered (0..1); 0 without a deal.
    pub delivered: f64,
    /// US utility gained over the status quo after delivery (the leverage issue, US tariffs,
    /// valued at the status quo: US buyers pay them).
    pub us_gain: f64,
    /// The amount of US gain delivered and kept (utility): China's commitments and the
    /// suspension of its cards, as delivered; 0 without a deal. Durability reads it.
    #[serde(default)]
    pub kept: f64,
    /// Share of the US's leverage standing after the deal (its tariffs against their status
    /// quo, the US cards in force a concession would trade): 1 kept all, 0 gave all away.
    #[serde(default = "all_kept")]
    pub leverage: f64,
    /// Headline $bn net of baseline and delivery.
    pub net_headline_bn: f64,
    /// Restriction rung-months over the year.
    pub rung_months: u32,
    /// Mean farm stress over the year.
    pub mean_farm: f64,
    /// Mean market confidence over the year.
    pub mean_market: f64,
    /// Lowest magnet supply over the year.
    pub min_magnets: f64,
}

/// An epilogue from before the leverage was recorded kept all of it (nothing said otherwise).
fn all_kept() -> f64 {
    1.0
}
