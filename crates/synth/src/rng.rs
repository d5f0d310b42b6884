//! The generators' only source of variety: SplitMix64, a small well-mixed deterministic sequence,
//! so that the same seed always gives the same capture.
//!
//! Owns [`SplitMix`] and the few distributions the generators and the random-capture tests draw
//! from. Must not: read a clock or the operating system's randomness.

use std::time::Duration;

/// SplitMix64 from a seed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitMix(pub u64);

impl SplitMix {
    /// The next 64 bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `low..high` (`low` when the range is empty).
    pub fn range(&mut self, low: u64, high: u64) -> u64 {
        let span = high.saturating_sub(low);
        low.saturating_add(self.next_u64().checked_rem(span).unwrap_or(0))
    }

    /// True `percent` times in a hundred.
    pub fn percent(&mut self, percent: u8) -> bool {
        self.range(0, 100) < u64::from(percent)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A standard normal deviate (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u = self.unit().max(f64::MIN_POSITIVE);
        let v = self.unit();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }

    /// Log-uniform between `low` and `high`.
    pub fn log_uniform(&mut self, low: f64, high: f64) -> f64 {
        (low.ln() + self.unit() * (high.ln() - low.ln())).exp()
    }

    /// A duration log-uniform between `low_ms` and `high_ms` milliseconds.
    pub fn millis(&mut self, low_ms: f64, high_ms: f64) -> Duration {
        Duration::from_secs_f64(self.log_uniform(low_ms, high_ms) / 1e3)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_stay_in_their_ranges_and_repeat_with_the_seed() {
        let mut a = SplitMix(9);
        for _ in 0..1000 {
            assert!((5..9).contains(&a.range(5, 9)));
            assert!((0.0..1.0).contains(&a.unit()));
            assert!((2.0..=3.0).contains(&a.log_uniform(2.0, 3.0)));
        }
        assert_eq!(a.range(4, 4), 4);
        assert_eq!(SplitMix(9).next_u64(), SplitMix(9).next_u64());
        assert_ne!(SplitMix(9).next_u64(), SplitMix(10).next_u64());
    }
}
