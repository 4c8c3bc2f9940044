//! How a strategy's games spread: the overall score's standard deviation and 10th percentile,
//! and how often it signs its most common package. Kept in fixed memory for any number of
//! games: scores in a histogram of hundredths, packages counted up to a cap.

use std::collections::BTreeMap;

use crate::core::Package;
use crate::core::num::{count, count64, whole_usize};

/// Hundredths of a point from 0 to 100.
const BINS: usize = 10_001;
/// Distinct outcomes (packages, or no deal) counted one by one; games past the cap that sign a
/// package not yet seen are not counted towards any (a strategy that signs this many different
/// packages has no meaningful most common one).
const MAX_PACKAGES: usize = 4096;

/// The running tally of one strategy's games.
#[derive(Debug, Clone)]
pub(crate) struct Spread {
    games: u64,
    sum: f64,
    sum_sq: f64,
    bins: Vec<u32>,
    /// Games per signed package (`None`: no deal).
    packages: BTreeMap<Option<Vec<usize>>, usize>,
}

/// The spread's figures, rounded as the summary's means are.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SpreadFigures {
    /// Standard deviation of the overall score (of the games played, not an estimate).
    pub sd: f64,
    /// The overall score the worst tenth of games stay below (the game at rank games / 10).
    pub p10: f64,
    /// Share of games whose outcome is the most common one (a package, or no deal).
    pub modal_share: f64,
    /// The most common signed package; `None` when no deal is the most common outcome.
    pub modal: Option<Package>,
}

impl Spread {
    pub(crate) fn new() -> Spread {
        Spread {
            games: 0,
            sum: 0.0,
            sum_sq: 0.0,
            bins: vec![0; BINS],
            packages: BTreeMap::new(),
        }
    }

    /// Counts one game: its overall score (0..=100) and its signed package.
    pub(crate) fn add(&mut self, overall: f64, signed: Option<&Package>) {
        self.games += 1;
        self.sum += overall;
        self.sum_sq += overall * overall;
        let bin = whole_usize(overall * 100.0, BINS - 1);
        self.bins[bin] = self.bins[bin].saturating_add(1);
        let key = signed.map(|p| p.0.clone());
        if let Some(n) = self.packages.get_mut(&key) {
            *n += 1;
        } else if self.packages.len() < MAX_PACKAGES {
            self.packages.insert(key, 1);
        }
    }

    /// The figures so far.
    pub(crate) fn figures(&self) -> SpreadFigures {
        let n = count64(self.games).max(1.0);
        let mean = self.sum / n;
        let sd = (self.sum_sq / n - mean * mean).max(0.0).sqrt();
        // The game of rank games / 10 (from 0) in score order, as a sorted list would give it.
        let rank = self.games / 10;
        let mut seen = 0u64;
        let mut p10 = 0.0;
        for (bin, &k) in self.bins.iter().enumerate() {
            seen += u64::from(k);
            if seen > rank {
                p10 = count(bin) / 100.0;
                break;
            }
        }
        let mut modal: Option<(&Option<Vec<usize>>, usize)> = None;
        for (key, &k) in &self.packages {
            if modal.is_none_or(|(_, best)| k > best) {
                modal = Some((key, k));
            }
        }
        let round = |x: f64| (x * 100.0).round() / 100.0;
        SpreadFigures {
            sd: round(sd),
            p10: round(p10),
            modal_share: modal.map_or(0.0, |(_, k)| round(count(k) / n)),
            modal: modal.and_then(|(key, _)| key.clone().map(Package)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_match_a_sorted_list() {
        let mut s = Spread::new();
        let scores = [
            70.0, 50.0, 90.0, 60.0, 80.0, 40.0, 75.5, 65.25, 85.0, 55.0, 30.0,
        ];
        let a = Package(vec![1, 2]);
        let b = Package(vec![0, 2]);
        for (i, &x) in scores.iter().enumerate() {
            let p = if i % 3 == 0 { None } else { Some(&a) };
            s.add(x, if i == 10 { Some(&b) } else { p });
        }
        let f = s.figures();
        let mut sorted = scores.to_vec();
        sorted.sort_by(f64::total_cmp);
        assert_eq!(f.p10, sorted[scores.len() / 10]);
        let mean = scores.iter().sum::<f64>() / 11.0;
        let sd = (scores.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / 11.0).sqrt();
        assert!((f.sd - sd).abs() < 0.006, "{} {sd}", f.sd);
        // a: i = 1, 2, 4, 5, 7, 8 → 6 of 11; none: 0, 3, 6, 9 → 4; b: 1.
        assert_eq!(f.modal, Some(a));
        assert_eq!(f.modal_share, 0.55);
    }

    #[test]
    fn no_deal_can_be_the_most_common_outcome() {
        let mut s = Spread::new();
        for _ in 0..3 {
            s.add(40.0, None);
        }
        s.add(80.0, Some(&Package(vec![1])));
        let f = s.figures();
        assert_eq!(f.modal, None);
        assert_eq!(f.modal_share, 0.75);
        assert_eq!(f.sd, 17.32);
        assert_eq!(f.p10, 40.0);
    }
}
