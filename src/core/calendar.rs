//! Calendar dates for the scenario clock, on `jiff`'s civil dates: parsing `YYYY-MM-DD`, day
//! numbers since 1970, adding days and the short human form. No clock is read here.

use std::fmt;

use jiff::civil;
use jiff::{Span, fmt::strtime};

/// A civil date (proleptic Gregorian, years 0 to 9999).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(civil::Date);

/// 1970-01-01, day 0 of `Date::days`.
const EPOCH: civil::Date = civil::Date::constant(1970, 1, 1);

impl Date {
    /// The first day a date may hold.
    pub const MIN: Date = Date(civil::Date::ZERO);
    /// The last day a date may hold.
    pub const MAX: Date = Date(civil::Date::MAX);

    /// The date of a year, month (1..=12) and day of month, if that day exists. For literals in
    /// constants (evaluated at compile time, so a bad one never builds) see `Date::constant`.
    pub fn new(year: i16, month: i8, day: i8) -> Option<Date> {
        civil::Date::new(year, month, day)
            .ok()
            .filter(|d| d.year() >= 0)
            .map(Date)
    }

    /// A date for a `const` item: the compiler refuses an impossible one.
    pub(crate) const fn constant(year: i16, month: i8, day: i8) -> Date {
        Date(civil::Date::constant(year, month, day))
    }

    /// Parses `YYYY-MM-DD`, checking the day exists. A sign is refused: a scenario's dates are
    /// of the common era, and `-` separates the fields.
    pub fn parse(text: &str) -> Option<Date> {
        if text.starts_with(['+', '-']) {
            return None;
        }
        // The engine parses scenario dates while it plays (events, the summit's calendar):
        // the common shape is read directly, to the same date `strptime` gives it.
        if let Some(date) = Date::parse_plain(text) {
            return date;
        }
        civil::Date::strptime("%Y-%m-%d", text).ok().map(Date)
    }

    /// `Some(parse(text))` when `text` is exactly four, two and two digits joined by `-`; `None`
    /// for any other shape (left to `strptime`).
    fn parse_plain(text: &str) -> Option<Option<Date>> {
        let b: &[u8; 10] = text.as_bytes().try_into().ok()?;
        let digit = |i: usize| b[i].is_ascii_digit().then(|| b[i] - b'0');
        let num = |from: usize, to: usize| {
            (from..to).try_fold(0i16, |acc, i| Some(acc * 10 + i16::from(digit(i)?)))
        };
        if b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let (year, month, day) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
        let (month, day) = (i8::try_from(month).ok()?, i8::try_from(day).ok()?);
        Some(civil::Date::new(year, month, day).ok().map(Date))
    }

    /// The year.
    pub fn year(self) -> i32 {
        i32::from(self.0.year())
    }

    /// The month, 1..=12.
    pub fn month(self) -> u32 {
        u32::from(self.0.month().unsigned_abs())
    }

    /// The day of the month, 1..=31.
    pub fn day(self) -> u32 {
        u32::from(self.0.day().unsigned_abs())
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        // Between two civil dates the span is whole days and always representable.
        self.0
            .since(EPOCH)
            .map_or(0, |span| i64::from(span.get_days()))
    }

    /// The date `days` after 1970-01-01, held within `Date::MIN..=Date::MAX`.
    pub fn from_days(days: i64) -> Date {
        Date(EPOCH).plus(days)
    }

    /// The date `n` days later (earlier when negative), held within `Date::MIN..=Date::MAX`.
    pub fn plus(self, n: i64) -> Date {
        let moved = Span::new()
            .try_days(n)
            .ok()
            .and_then(|span| self.0.checked_add(span).ok());
        match moved {
            Some(d) if d.year() >= 0 => Date(d),
            _ if n < 0 => Date::MIN,
            _ => Date::MAX,
        }
    }

    /// A short human form, e.g. `25 Aug 2025`.
    pub fn long(self) -> String {
        strtime::format("%-d %b %Y", self.0).unwrap_or_else(|_| self.to_string())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_counts_days() {
        let a = Date::parse("2025-08-25").unwrap();
        let b = Date::parse("2025-11-10").unwrap();
        assert_eq!(b.days() - a.days(), 77);
        assert_eq!(a.plus(66).to_string(), "2025-10-30");
        assert_eq!(
            Date::parse("2024-02-29").unwrap().plus(1).to_string(),
            "2024-03-01"
        );
        assert!(Date::parse("2025-02-29").is_none());
        assert!(Date::parse("2025-13-01").is_none());
        assert!(Date::parse("2025-08-25T10:00").is_none());
        assert!(Date::parse("-2025-08-25").is_none());
        assert!(Date::parse("soon").is_none());
        assert!(Date::parse("2025-0a-01").is_none());
        assert!(Date::parse("2025/08/25").is_none());
        assert_eq!(a.long(), "25 Aug 2025");
        assert_eq!((a.year(), a.month(), a.day()), (2025, 8, 25));
    }

    #[test]
    fn the_direct_reading_agrees_with_strptime() {
        for year in [
            "0000", "0001", "1900", "1999", "2000", "2024", "2025", "9999",
        ] {
            for month in 0..=13 {
                for day in 0..=32 {
                    let text = format!("{year}-{month:02}-{day:02}");
                    let slow = civil::Date::strptime("%Y-%m-%d", &text).ok().map(Date);
                    assert_eq!(Date::parse_plain(&text), Some(slow), "{text}");
                }
            }
        }
        for other in [
            "2025-8-25",
            "2025-08-2x",
            "20250825xx",
            "2025-08-25 ",
            "２025-08-2",
        ] {
            assert_eq!(Date::parse_plain(other), None, "{other}");
        }
    }

    #[test]
    fn day_numbers_start_in_1970_and_saturate() {
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::parse("1970-01-01").unwrap().days(), 0);
        assert_eq!(Date::from_days(20_391).to_string(), "2025-10-30");
        assert_eq!(Date::parse("1969-12-31").unwrap().days(), -1);
        assert_eq!(Date::from_days(i64::MAX), Date::MAX);
        assert_eq!(Date::from_days(i64::MIN / 2), Date::MIN);
        assert_eq!(Date::new(2025, 1, 1), Date::parse("2025-01-01"));
        assert_eq!(Date::new(2025, 2, 30), None);
    }
}
