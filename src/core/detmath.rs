//! Powers computed with IEEE-754 arithmetic only (add, multiply, divide), so every machine gets
//! the same bits. `f64::powf` calls the platform's maths library, whose last bits may differ
//! between systems; a class playing one seed must see one game.

const LN2: f64 = std::f64::consts::LN_2;

/// Natural logarithm of a positive, finite `x`.
fn ln(x: f64) -> f64 {
    // x = m · 2^e with m in [1, 2): exact, from the bits.
    let bits = x.to_bits();
    // 11 bits of exponent: always fits, and exactly representable below.
    let exponent = ((bits >> 52) & 0x7ff).cast_signed() - 1023;
    let m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
    // ln m = 2 atanh(z), z = (m - 1) / (m + 1) in [0, 1/3).
    let z = (m - 1.0) / (m + 1.0);
    let z2 = z * z;
    let (mut term, mut sum) = (z, 0.0);
    let mut k = 1.0;
    while k < 40.0 {
        sum += term / k;
        term *= z2;
        k += 2.0;
    }
    f64::from(i32::try_from(exponent).unwrap_or(0)) * LN2 + 2.0 * sum
}

/// e to the power `v`, for `v` in a sane range (|v| < 700).
fn exp(v: f64) -> f64 {
    let k = (v / LN2).round();
    let r = v - k * LN2;
    let (mut term, mut sum) = (1.0, 1.0);
    for n in 1..19 {
        term *= r / f64::from(n);
        sum += term;
    }
    // Scale by 2^k exactly through the exponent bits.
    // |v| < 700 keeps k within ±1010: a small whole number, exactly converted.
    #[allow(clippy::cast_possible_truncation)]
    let k = k as i64;
    if k < -1022 {
        return 0.0;
    }
    sum * f64::from_bits((k + 1023).cast_unsigned() << 52)
}

/// `x` to the power `y` for `x` in [0, 1] and `y` > 0, the range the aspiration curve uses.
pub fn pow_unit(x: f64, y: f64) -> f64 {
    if x <= 0.0 {
        0.0
    } else if x >= 1.0 {
        1.0
    } else {
        exp(y * ln(x)).clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_platform_to_within_rounding() {
        for i in 0..=200 {
            let x = f64::from(i) / 200.0;
            for y in [0.3, 0.5, 1.0, 2.0, 2.857, 3.3, 7.0] {
                let ours = pow_unit(x, y);
                let theirs = x.powf(y);
                assert!((ours - theirs).abs() < 1e-13, "{x}^{y}: {ours} vs {theirs}");
            }
        }
    }

    #[test]
    fn exact_at_the_ends() {
        assert_eq!(pow_unit(0.0, 2.0), 0.0);
        assert_eq!(pow_unit(1.0, 2.0), 1.0);
        assert_eq!(pow_unit(0.5, 1.0), 0.5);
    }
}
