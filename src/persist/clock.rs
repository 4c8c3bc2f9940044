//! The wall clock, for save timestamps. Kept out of the engine, which never reads a clock.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::core::calendar::Date;

/// Now, in UTC, as `YYYY-MM-DDTHH:MM:SSZ` (sorts as text in time order).
pub fn utc_now() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    utc_stamp(secs)
}

/// Seconds since 1970 as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn utc_stamp(secs: u64) -> String {
    let days = i64::try_from(secs / 86_400).unwrap_or(i64::MAX);
    let rest = secs % 86_400;
    let date = Date::from_days(days);
    format!(
        "{date}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_rfc3339_utc() {
        assert_eq!(utc_stamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc_stamp(1_761_825_909), "2025-10-30T12:05:09Z");
    }
}
