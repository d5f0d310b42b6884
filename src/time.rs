//! Capture time: the one clock every stage uses.
//!
//! Owns [`Timestamp`] (a UTC instant taken from a capture record, never from the wall clock) and its
//! RFC 3339 rendering. Every later stage (idle flushing, reply latency, output) reads time from packets
//! through this type, so the same file always gives the same result. Must not read the system clock.

use std::fmt;

/// A UTC instant with nanosecond resolution, as recorded in a capture file or by libpcap.
///
/// Ordering is chronological. Arithmetic saturates: a capture with absurd timestamps never panics.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    /// Whole seconds since 1970-01-01T00:00:00Z (negative before the epoch).
    pub secs: i64,
    /// Nanoseconds within the second, always below 1_000_000_000.
    pub nanos: u32,
}

const NANOS_PER_SEC: u32 = 1_000_000_000;

impl Timestamp {
    /// Builds a timestamp, carrying surplus nanoseconds into the seconds.
    pub fn new(secs: i64, nanos: u32) -> Self {
        let carry = i64::from(nanos / NANOS_PER_SEC);
        Timestamp {
            secs: secs.saturating_add(carry),
            nanos: nanos % NANOS_PER_SEC,
        }
    }

    /// Builds a timestamp from a count of `units_per_sec` ticks since the epoch (pcapng's `if_tsresol`).
    pub fn from_ticks(ticks: u64, units_per_sec: u64) -> Self {
        if units_per_sec == 0 {
            return Timestamp::default();
        }
        let secs = ticks / units_per_sec;
        let rem = ticks % units_per_sec;
        // rem < units_per_sec, so rem * 1e9 / units_per_sec < 1e9; u128 keeps the product exact.
        let nanos = (u128::from(rem) * u128::from(NANOS_PER_SEC) / u128::from(units_per_sec)) as u32;
        Timestamp {
            secs: i64::try_from(secs).unwrap_or(i64::MAX),
            nanos,
        }
    }

    /// Nanoseconds since the epoch, saturating at the `i128` range (never reached in practice).
    pub fn as_nanos(self) -> i128 {
        i128::from(self.secs) * i128::from(NANOS_PER_SEC) + i128::from(self.nanos)
    }

    /// Seconds elapsed from `earlier` to `self`, as a float; negative when `earlier` is later.
    pub fn seconds_since(self, earlier: Timestamp) -> f64 {
        (self.as_nanos() - earlier.as_nanos()) as f64 / 1e9
    }

    /// This instant moved forward by `secs` seconds (saturating).
    pub fn plus_secs(self, secs: u64) -> Timestamp {
        let secs = i64::try_from(secs).unwrap_or(i64::MAX);
        Timestamp {
            secs: self.secs.saturating_add(secs),
            nanos: self.nanos,
        }
    }

    /// RFC 3339 in UTC with microseconds, as OUTPUT.md requires: `2004-01-13T17:23:43.123456Z`.
    pub fn to_rfc3339(self) -> String {
        self.to_string()
    }
}

/// Converts days since 1970-01-01 to a proleptic Gregorian (year, month, day).
///
/// The civil-from-days algorithm (H. Hinnant, public domain description), valid for all `i64`
/// day counts that correspond to years representable in `i64`.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days.saturating_add(719_468);
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let y = yoe + era.saturating_mul(400);
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32; // [1, 31]
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32; // [1, 12]
    (if m <= 2 { y.saturating_add(1) } else { y }, m, d)
}

/// `12 s`, `15 min 3 s`, `2 h 5 min`, `-40 s` (a clock behind the previous hop's).
pub fn duration(secs: i64) -> String {
    let sign = if secs < 0 { "-" } else { "" };
    let s = secs.unsigned_abs();
    let text = if s < 60 {
        format!("{s} s")
    } else if s < 3600 {
        format!("{} min {} s", s / 60, s % 60)
    } else if s < 86_400 {
        format!("{} h {} min", s / 3600, (s % 3600) / 60)
    } else {
        format!("{} d {} h", s / 86_400, (s % 86_400) / 3600)
    };
    format!("{sign}{text}")
}

impl Timestamp {
    /// The RFC 3339 text as bytes, digit by digit: a report writes two per transcript item, and the
    /// formatting machinery cost a twentieth of a whole analysis.
    fn rfc3339_bytes(self) -> [u8; 27] {
        // Years outside 0..=9999 are not representable in RFC 3339; clamp rather than overflow.
        let days = self.secs.div_euclid(86_400).clamp(-719_528, 2_932_896);
        let sod = self.secs.rem_euclid(86_400).unsigned_abs();
        let (y, mo, d) = civil_from_days(days);
        let mut out = *b"0000-00-00T00:00:00.000000Z";
        let fields: [(usize, u64, usize); 7] = [
            (0, y.clamp(0, 9999).unsigned_abs(), 4),
            (5, u64::from(mo), 2),
            (8, u64::from(d), 2),
            (11, sod / 3600, 2),
            (14, sod / 60 % 60, 2),
            (17, sod % 60, 2),
            (20, u64::from(self.nanos / 1000), 6),
        ];
        for (at, value, width) in fields {
            let mut rest = value;
            for slot in out.iter_mut().skip(at).take(width).rev() {
                *slot = b'0'.wrapping_add((rest % 10) as u8);
                rest /= 10;
            }
        }
        out
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(std::str::from_utf8(&self.rfc3339_bytes()).unwrap_or_default())
    }
}

impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(std::str::from_utf8(&self.rfc3339_bytes()).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_people_say_them() {
        assert_eq!(duration(0), "0 s");
        assert_eq!(duration(903), "15 min 3 s");
        assert_eq!(duration(7500), "2 h 5 min");
        assert_eq!(duration(-40), "-40 s");
        assert_eq!(duration(90_000), "1 d 1 h");
    }

    /// The rendering as it was written with the formatting machinery, to check the digits against.
    fn formatted(t: Timestamp) -> String {
        let days = t.secs.div_euclid(86_400).clamp(-719_528, 2_932_896);
        let sod = t.secs.rem_euclid(86_400);
        let (y, mo, d) = civil_from_days(days);
        format!(
            "{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{:02}.{:06}Z",
            sod / 3600,
            sod / 60 % 60,
            sod % 60,
            t.nanos / 1000
        )
    }

    #[test]
    fn digits_match_the_formatted_rendering_everywhere() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut stamps = vec![
            Timestamp::new(i64::MIN, 0),
            Timestamp::new(i64::MAX, 999_999_999),
            Timestamp::new(-62_135_596_800, 0),
            Timestamp::new(253_402_300_799, 999_999_999),
        ];
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            stamps.push(Timestamp::new(
                (x as i64) % 400_000_000_000,
                (x >> 32) as u32 % 1_000_000_000,
            ));
        }
        for t in stamps {
            assert_eq!(t.to_string(), formatted(t), "{t:?}");
            assert_eq!(
                serde_json::to_string(&t).unwrap(),
                format!("\"{}\"", formatted(t))
            );
        }
    }

    #[test]
    fn renders_rfc3339_with_microseconds() {
        assert_eq!(Timestamp::new(0, 0).to_rfc3339(), "1970-01-01T00:00:00.000000Z");
        assert_eq!(
            Timestamp::new(1_073_992_623, 123_456_789).to_rfc3339(),
            "2004-01-13T11:17:03.123456Z"
        );
        assert_eq!(
            Timestamp::new(951_782_400, 0).to_rfc3339(),
            "2000-02-29T00:00:00.000000Z"
        );
        assert_eq!(
            Timestamp::new(-1, 999_999_000).to_rfc3339(),
            "1969-12-31T23:59:59.999999Z"
        );
    }

    #[test]
    fn ticks_at_any_resolution() {
        assert_eq!(
            Timestamp::from_ticks(1_500_000, 1_000_000),
            Timestamp::new(1, 500_000_000)
        );
        assert_eq!(Timestamp::from_ticks(3, 2), Timestamp::new(1, 500_000_000));
        assert_eq!(
            Timestamp::from_ticks(u64::MAX, 1_000_000_000).secs,
            18_446_744_073
        );
        assert_eq!(Timestamp::from_ticks(7, 0), Timestamp::default());
    }

    #[test]
    fn extreme_values_do_not_panic() {
        let t = Timestamp::new(i64::MAX, u32::MAX);
        let _ = t.to_rfc3339();
        let _ = Timestamp::new(i64::MIN, 0).to_rfc3339();
        assert_eq!(t.plus_secs(u64::MAX).secs, i64::MAX);
    }
}
