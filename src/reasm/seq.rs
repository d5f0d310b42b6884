//! TCP sequence numbers: wrap-safe comparison and distance over the 32-bit sequence space.
//!
//! Owns [`SeqNum`]. Contract: every operation is total — defined for every pair of `u32` values, never
//! panics, never overflows. Sequence numbers are compared by the signed 32-bit distance between them
//! (RFC 793 / RFC 1982 serial arithmetic): `b` is after `a` when `b - a` (mod 2^32) lies in
//! `1..2^31`. The one pair of values exactly 2^31 apart is ambiguous; [`SeqNum::distance_from`]
//! reports it as `-2^31` (behind), and callers that care treat that distance as nonsense.
//!
//! Must not: know about streams, offsets or connections (that is the reassembler's job).

use std::cmp::Ordering;

/// A 32-bit TCP sequence (or acknowledgment) number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct SeqNum(pub u32);

impl SeqNum {
    /// The sequence number `n` positions later (wrapping).
    pub fn plus(self, n: u32) -> SeqNum {
        SeqNum(self.0.wrapping_add(n))
    }

    /// The sequence number `n` positions later, for a length of any size (taken modulo 2^32).
    pub fn plus_len(self, n: u64) -> SeqNum {
        // Truncation is the point: sequence space is modulo 2^32.
        SeqNum(self.0.wrapping_add(n as u32))
    }

    /// Signed distance from `base` to `self`, in `-2^31..2^31`: positive when `self` is after `base`.
    pub fn distance_from(self, base: SeqNum) -> i64 {
        // Reinterpreting the wrapped difference as two's complement gives the shortest signed distance.
        i64::from(self.0.wrapping_sub(base.0) as i32)
    }

    /// Orders `self` against `other` by wrap-safe distance (`Less` when `self` is before `other`).
    pub fn cmp_wrapping(self, other: SeqNum) -> Ordering {
        self.distance_from(other).cmp(&0)
    }

    /// Whether `self` comes strictly before `other` in sequence space.
    pub fn is_before(self, other: SeqNum) -> bool {
        self.cmp_wrapping(other) == Ordering::Less
    }

    /// Whether `self` comes strictly after `other` in sequence space.
    pub fn is_after(self, other: SeqNum) -> bool {
        self.cmp_wrapping(other) == Ordering::Greater
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_across_the_wrap_is_small_and_signed() {
        assert_eq!(SeqNum(5).distance_from(SeqNum(u32::MAX - 4)), 10);
        assert_eq!(SeqNum(u32::MAX - 4).distance_from(SeqNum(5)), -10);
        assert_eq!(SeqNum(0).distance_from(SeqNum(u32::MAX)), 1);
        assert_eq!(SeqNum(7).distance_from(SeqNum(7)), 0);
    }

    #[test]
    fn half_space_is_the_ambiguous_point() {
        assert_eq!(SeqNum(1 << 31).distance_from(SeqNum(0)), -(1i64 << 31));
        assert_eq!(SeqNum(0).distance_from(SeqNum(1 << 31)), -(1i64 << 31));
        assert_eq!(SeqNum((1 << 31) - 1).distance_from(SeqNum(0)), (1i64 << 31) - 1);
    }

    #[test]
    fn compare_wraps() {
        assert!(SeqNum(2).is_after(SeqNum(u32::MAX)));
        assert!(SeqNum(u32::MAX).is_before(SeqNum(2)));
        assert!(!SeqNum(3).is_before(SeqNum(3)) && !SeqNum(3).is_after(SeqNum(3)));
        assert_eq!(SeqNum(10).cmp_wrapping(SeqNum(9)), Ordering::Greater);
    }

    #[test]
    fn add_wraps() {
        assert_eq!(SeqNum(u32::MAX).plus(1), SeqNum(0));
        assert_eq!(SeqNum(u32::MAX).plus_len(3), SeqNum(2));
        assert_eq!(SeqNum(1).plus_len(1 << 32), SeqNum(1));
    }

    #[test]
    fn operations_are_total_and_antisymmetric() {
        let samples = [
            0u32,
            1,
            2,
            1 << 30,
            (1 << 31) - 1,
            1 << 31,
            (1 << 31) + 1,
            u32::MAX - 1,
            u32::MAX,
        ];
        for &a in &samples {
            for &b in &samples {
                let d = SeqNum(a).distance_from(SeqNum(b));
                assert!((-(1i64 << 31)..(1i64 << 31)).contains(&d));
                assert_eq!(SeqNum(b).plus(d as u32), SeqNum(a), "b + (a - b) == a");
                if d != -(1i64 << 31) {
                    assert_eq!(SeqNum(b).distance_from(SeqNum(a)), -d);
                    assert_eq!(SeqNum(a).is_before(SeqNum(b)), SeqNum(b).is_after(SeqNum(a)));
                }
            }
        }
    }
}
