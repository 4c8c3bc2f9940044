//! Number conversions with their limits said out loud, so that no `as` can lose a value
//! silently: counts into `f64`, and `f64` into whole numbers, rounded and clamped.

/// A count as an `f64` (exact for every count a game or a class can reach; saturates at
/// `u32::MAX`).
pub fn count(n: usize) -> f64 {
    u32::try_from(n).map_or(f64::from(u32::MAX), f64::from)
}

/// As `count`, for a `u64`.
pub fn count64(n: u64) -> f64 {
    u32::try_from(n).map_or(f64::from(u32::MAX), f64::from)
}

/// `x` rounded to the nearest whole number in `0..=max`; NaN gives 0.
pub fn whole(x: f64, max: u32) -> u32 {
    let r = x.round();
    if r.is_nan() || r <= 0.0 {
        0
    } else if r >= f64::from(max) {
        max
    } else {
        // In 1..max and whole: the conversion is exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let n = r as u32;
        n
    }
}

/// As `whole`, into a `usize` (for widths and indices).
pub fn whole_usize(x: f64, max: usize) -> usize {
    let cap = u32::try_from(max).unwrap_or(u32::MAX);
    usize::try_from(whole(x, cap)).unwrap_or(max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_round_and_clamp() {
        assert_eq!(whole(2.5, 10), 3);
        assert_eq!(whole(-4.0, 10), 0);
        assert_eq!(whole(f64::NAN, 10), 0);
        assert_eq!(whole(1e30, 10), 10);
        assert_eq!(whole_usize(7.4, 5), 5);
        assert!((count(12) - 12.0).abs() < f64::EPSILON);
    }
}
