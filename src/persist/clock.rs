//! The wall clock, for save timestamps. Kept out of the engine, which never reads a clock.

use std::time::{SystemTime, UNIX_EPOCH};

use jiff::Timestamp;

/// Now, in UTC, as `YYYY-MM-DDTHH:MM:SSZ` (sorts as text in time order).
pub fn utc_now() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    utc_stamp(secs)
}

/// Seconds since 1970 as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn utc_stamp(secs: u64) -> String {
    // Past the last instant a date can hold (the end of the year 9999) the stamp stays there.
    let second = i64::try_from(secs)
        .unwrap_or(i64::MAX)
        .min(Timestamp::MAX.as_second());
    // Whole seconds from 1970 to the maximum are all valid, and print without a fraction.
    Timestamp::from_second(second).map_or_else(|_| String::new(), |t| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_rfc3339_utc() {
        assert_eq!(utc_stamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc_stamp(1_761_825_909), "2025-10-30T12:05:09Z");
        assert!(
            utc_stamp(u64::MAX).starts_with("9999-12-"),
            "{}",
            utc_stamp(u64::MAX)
        );
        assert!(utc_stamp(u64::MAX).ends_with('Z'));
    }
}
