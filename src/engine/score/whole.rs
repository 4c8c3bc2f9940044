//! Whole numbers written as the float formatter writes them, for the scores' reasons.

/// A number as `{:.0}` writes it (rounded half to even, "-0" for a small negative, "+" under
/// `{:+}`), without the general float formatter, which dominated the cost of a scorecard.
pub(super) struct Whole(pub(super) f64);

impl std::fmt::Display for Whole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let x = self.0;
        // Past 2^53 or not finite: the general formatter, which agrees by definition.
        if x.is_nan() || x.abs() >= 9.0e15 {
            return if f.sign_plus() {
                write!(f, "{x:+.0}")
            } else {
                write!(f, "{x:.0}")
            };
        }
        let r = x.round_ties_even().abs();
        if x.is_sign_negative() {
            f.write_str("-")?;
        } else if f.sign_plus() {
            f.write_str("+")?;
        }
        // Whole and below 2^53: the conversion is exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let n = r as u64;
        write!(f, "{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::Whole;

    /// `Whole` writes what `{:.0}` and `{:+.0}` write, ties, signs and extremes included.
    #[test]
    fn whole_writes_what_the_float_formatter_writes() {
        let mut xs = vec![
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.5,
            2.5,
            -2.5,
            0.49999999999999994,
            -0.3,
            1e15,
            9.1e15,
            -9.1e15,
            1e300,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            4503599627370495.5,
            99.5,
            100.49999,
            57.99999999,
        ];
        // A deterministic spread of values and of halves across the ranges scores reach.
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for k in 0..20_000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let unit = f64::from(u32::try_from(seed >> 32).unwrap_or(0)) / f64::from(u32::MAX);
            xs.push((unit - 0.5) * 400.0);
            xs.push(f64::from(k) / 2.0 - 5000.0);
        }
        for x in xs {
            assert_eq!(format!("{}", Whole(x)), format!("{x:.0}"), "{x:?}");
            assert_eq!(format!("{:+}", Whole(x)), format!("{x:+.0}"), "{x:?}");
        }
    }
}
