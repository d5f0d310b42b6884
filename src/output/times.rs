//! How capture times are shown to people: the dialogue's time column (`--time-format`, as tshark's
//! `-t`) and instants in UTC or, with `--local-time`, in the zone of the machine (TZ honoured).
//!
//! Owns the conversion of a [`Timestamp`] into text for the text and HTML reports. JSON never comes
//! here: its times are RFC 3339 UTC, a contract. Must not: read the system clock (only its zone
//! rules, through `chrono`).

use chrono::{DateTime, Local, Utc};

use crate::time::Timestamp;

/// What the time column of a dialogue shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TimeFormat {
    /// Seconds since the session's first packet: `+0.213` (tshark `-t r`, per session).
    #[default]
    Relative,
    /// Time of day: `16:23:43.069123` (tshark `-t a`).
    Absolute,
    /// Seconds since 1970-01-01 UTC: `1073992623.069123` (tshark `-t e`).
    Epoch,
    /// Seconds since the previous line of the same dialogue: `+0.017` (tshark `-t dd`).
    Delta,
}

/// The time settings of a report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TimeStyle {
    /// The dialogue's time column.
    pub format: TimeFormat,
    /// Instants in the machine's zone instead of UTC.
    pub local: bool,
}

impl TimeStyle {
    /// An instant in full: `2004-01-13T16:23:43.069000Z` in UTC (as JSON has it), or
    /// `2004-01-13T17:23:43.069000+01:00` with `--local-time`.
    pub fn instant(self, ts: Timestamp) -> String {
        if !self.local {
            return ts.to_rfc3339();
        }
        match local(ts) {
            Some(t) => t.format("%Y-%m-%dT%H:%M:%S%.6f%:z").to_string(),
            None => ts.to_rfc3339(),
        }
    }

    /// The time column of one dialogue line at `ts`, in a session that began at `start`, whose
    /// previous line was at `previous`.
    pub fn column(self, ts: Timestamp, start: Timestamp, previous: Option<Timestamp>) -> String {
        match self.format {
            TimeFormat::Relative | TimeFormat::Delta => {
                seconds(self.offset(ts, start, previous).unwrap_or_default())
            }
            TimeFormat::Epoch => {
                let micros = ts.as_nanos().div_euclid(1000);
                let sign = if micros < 0 { "-" } else { "" };
                let micros = micros.unsigned_abs();
                format!("{sign}{}.{:06}", micros / 1_000_000, micros % 1_000_000)
            }
            TimeFormat::Absolute => {
                let text = self.instant(ts);
                // `…T16:23:43.069123Z` or `…T17:23:43.069123+01:00`: the time of day only.
                text.get(11..26).map_or(text.clone(), str::to_string)
            }
        }
    }

    /// The seconds the time column shows when it shows an offset (relative and delta times),
    /// for writing them without the `String` of [`TimeStyle::column`]: `{s:+.3}` is its text.
    pub fn offset(self, ts: Timestamp, start: Timestamp, previous: Option<Timestamp>) -> Option<f64> {
        match self.format {
            TimeFormat::Relative => Some(ts.seconds_since(start)),
            TimeFormat::Delta => Some(ts.seconds_since(previous.unwrap_or(start))),
            TimeFormat::Epoch | TimeFormat::Absolute => None,
        }
    }

    /// How wide the time column is, so the dialogue's columns line up.
    pub fn width(self) -> usize {
        match self.format {
            TimeFormat::Relative | TimeFormat::Delta => 8,
            TimeFormat::Absolute => 15,
            TimeFormat::Epoch => 17,
        }
    }
}

/// `+0.213`: seconds with a sign and milliseconds.
pub fn seconds(s: f64) -> String {
    format!("{s:+.3}")
}

fn local(ts: Timestamp) -> Option<DateTime<Local>> {
    DateTime::<Utc>::from_timestamp(ts.secs, ts.nanos).map(|utc| utc.with_timezone(&Local))
}

#[cfg(test)]
mod tests {
    use super::*;

    const START: Timestamp = Timestamp {
        secs: 1_073_992_623,
        nanos: 0,
    };
    const LATER: Timestamp = Timestamp {
        secs: 1_073_992_623,
        nanos: 213_456_000,
    };

    fn style(format: TimeFormat) -> TimeStyle {
        TimeStyle { format, local: false }
    }

    #[test]
    fn each_format_as_tshark_names_it() {
        assert_eq!(style(TimeFormat::Relative).column(LATER, START, None), "+0.213");
        assert_eq!(style(TimeFormat::Relative).column(START, START, None), "+0.000");
        assert_eq!(
            style(TimeFormat::Delta).column(LATER, START, Some(Timestamp::new(1_073_992_623, 200_000_000))),
            "+0.013"
        );
        assert_eq!(style(TimeFormat::Delta).column(LATER, START, None), "+0.213");
        assert_eq!(
            style(TimeFormat::Epoch).column(LATER, START, None),
            "1073992623.213456"
        );
        assert_eq!(
            style(TimeFormat::Absolute).column(LATER, START, None),
            "11:17:03.213456"
        );
        assert_eq!(
            style(TimeFormat::Epoch).column(Timestamp::new(-1, 500_000_000), START, None),
            "-0.500000"
        );
    }

    #[test]
    fn an_offset_written_padded_is_the_column_padded() {
        // The text report writes `{offset:>+w$.3}` where it once padded the column's string.
        for format in [TimeFormat::Relative, TimeFormat::Delta] {
            let s = style(format);
            for (secs, nanos) in [
                (0, 0),
                (0, 213_456_000),
                (0, 999_500_000),
                (3, 1),
                (-2, 5),
                (86_400, 499_999),
            ] {
                let ts = Timestamp::new(START.secs.saturating_add(secs), nanos);
                let previous = Some(Timestamp::new(START.secs, 600_000_000));
                let offset = s.offset(ts, START, previous).expect("an offset");
                assert_eq!(
                    format!("{offset:>+8.3}"),
                    format!("{:>8}", s.column(ts, START, previous)),
                    "{format:?} {secs} {nanos}"
                );
            }
        }
        assert_eq!(style(TimeFormat::Epoch).offset(LATER, START, None), None);
        assert_eq!(style(TimeFormat::Absolute).offset(LATER, START, None), None);
    }

    #[test]
    fn utc_unless_local_time_is_asked() {
        assert_eq!(TimeStyle::default().instant(LATER), "2004-01-13T11:17:03.213456Z");
        let local = TimeStyle {
            local: true,
            ..TimeStyle::default()
        }
        .instant(LATER);
        // Whatever the machine's zone, the same instant with its offset.
        let parsed = DateTime::parse_from_rfc3339(&local).unwrap();
        assert_eq!(parsed.timestamp(), LATER.secs, "{local}");
    }
}
