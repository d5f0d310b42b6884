//! Duplicates made by the capture: the same TCP segment recorded on two interfaces (a bond and its
//! member, a VLAN and its parent, `-i any`, a set of files captured on several interfaces at once).
//!
//! Owns telling such copies apart from retransmissions. A *source* is one interface of one file (the
//! file index of the frame reference and the packet's interface id). A segment is a duplicate when a
//! segment with the same endpoints, sequence and acknowledgment numbers, flags, window, TCP
//! timestamp (TSval, when the segment has one: a segment sent again carries a new one) and payload
//! bytes came from another source within [`WINDOW_NANOS`], and that other source has sent more copies
//! of it than this one: copies pair up source by source, so a true retransmission, which every
//! interface records again, is kept. Payloads are compared by a hash (SipHash, keyed per run), never
//! interpreted.
//!
//! Cost: nothing for a capture that can hold one source only ([`Dedup::expect_one_source`]: a
//! single file of a format with one interface). Otherwise, until a second source appears (or
//! [`Dedup::expect_several_sources`] says one will), a copy
//! of each segment's header fields and the ends of its payload, so that the second source's first
//! segment can still be recognised as a copy of the first source's last one; then one hash of each
//! segment and one map lookup. Memory:
//! the fingerprints of the last [`WINDOW_NANOS`] of capture time, at most [`MAX_TRACKED`]; past the cap
//! the oldest are forgotten (a copy arriving later than that is kept, never wrongly dropped).
//!
//! Must not: drop a segment that is not byte-identical to one from another source, or read payloads
//! for anything but equality.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

use std::collections::hash_map::RandomState;
use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, Hash, Hasher};

use super::Segment;
use crate::capture::Timestamp;

/// How close in time two copies of a segment must be to be taken for the same packet seen twice:
/// 100 ms, far more than two interfaces of one host disagree by, far less than TCP's smallest
/// retransmission timeout (200 ms on Linux, RFC 6298 asks for 1 s).
pub const WINDOW_NANOS: i128 = 100_000_000;

/// Most fingerprints kept at once (a flood within one window is cut here).
pub const MAX_TRACKED: usize = 1 << 16;

/// One interface of one file.
pub type Source = u64;

/// The copies of one segment seen recently, per source.
#[derive(Debug, Default)]
struct Copies {
    /// (source, copies) — rarely more than two entries.
    by_source: Vec<(Source, u32)>,
}

/// The last segment seen before a second source appeared, as far as it is kept: every header
/// field, the payload's length and [`EDGE`] bytes at its start, middle and end (a full hash of every
/// payload would cost every capture; this costs a copy of about a hundred bytes). Two segments with
/// equal sketches may still differ elsewhere in their payloads: only this one comparison, at the
/// moment a second source appears, relies on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Sketch {
    src: std::net::SocketAddr,
    dst: std::net::SocketAddr,
    seq: u32,
    ack: u32,
    flags: u8,
    window: u16,
    tsval: Option<u32>,
    truncated: u32,
    len: usize,
    head: [u8; EDGE],
    middle: [u8; EDGE],
    tail: [u8; EDGE],
}

/// Payload bytes kept at each end by a [`Sketch`].
const EDGE: usize = 16;

impl Sketch {
    fn of(segment: &Segment<'_>) -> Self {
        let p = segment.payload;
        let n = p.len().min(EDGE);
        let sample = |from: usize| {
            let mut bytes = [0u8; EDGE];
            if let (Some(to), Some(src)) = (bytes.get_mut(..n), p.get(from..from.saturating_add(n))) {
                to.copy_from_slice(src);
            }
            bytes
        };
        let (head, middle, tail) = (
            sample(0),
            sample(p.len().saturating_sub(n) / 2),
            sample(p.len().saturating_sub(n)),
        );
        Sketch {
            src: segment.src,
            dst: segment.dst,
            seq: segment.seq,
            ack: segment.ack,
            flags: segment.flags.0,
            window: segment.window,
            tsval: segment.options.tsval,
            truncated: segment.payload_truncated,
            len: p.len(),
            head,
            middle,
            tail,
        }
    }
}

/// Finds capture duplicates (see the module doc).
#[derive(Debug)]
pub struct Dedup {
    /// The capture can hold one source only (a format with one interface, one file): nothing is
    /// looked at.
    single: bool,
    first_source: Option<Source>,
    /// Before a second source: the last segment of the first one, and when it came.
    last: Option<(Timestamp, Sketch)>,
    active: bool,
    hasher: RandomState,
    recent: HashMap<u64, Copies>,
    order: VecDeque<(Timestamp, u64)>,
}

impl Default for Dedup {
    fn default() -> Self {
        Dedup::new()
    }
}

fn nanos(ts: Timestamp) -> i128 {
    i128::from(ts.secs)
        .saturating_mul(1_000_000_000)
        .saturating_add(i128::from(ts.nanos))
}

impl Dedup {
    /// A detector that wakes when a second source appears.
    pub fn new() -> Self {
        Dedup {
            single: false,
            first_source: None,
            last: None,
            active: false,
            hasher: RandomState::new(),
            recent: HashMap::new(),
            order: VecDeque::new(),
        }
    }

    /// Compares from the first packet on (the capture is known to have several sources).
    pub fn expect_several_sources(&mut self) {
        self.active = true;
    }

    /// Looks at nothing: the capture can hold one source only (a file of a format with one
    /// interface). Not after [`Dedup::expect_several_sources`].
    pub fn expect_one_source(&mut self) {
        self.single = !self.active;
    }

    /// Whether more than one source has been seen (or announced).
    pub fn sees_several_sources(&self) -> bool {
        self.active
    }

    fn fingerprint(&self, segment: &Segment<'_>) -> u64 {
        let mut h = self.hasher.build_hasher();
        (segment.src, segment.dst, segment.seq, segment.ack).hash(&mut h);
        (
            segment.flags.0,
            segment.window,
            segment.options.tsval,
            segment.payload_truncated,
        )
            .hash(&mut h);
        segment.payload.hash(&mut h);
        h.finish()
    }

    /// Forgets fingerprints older than the window before `now` (or beyond the cap).
    fn expire(&mut self, now: Timestamp) {
        let horizon = nanos(now).saturating_sub(WINDOW_NANOS);
        while let Some(&(ts, key)) = self.order.front() {
            if nanos(ts) >= horizon && self.order.len() <= MAX_TRACKED {
                break;
            }
            self.order.pop_front();
            self.recent.remove(&key);
        }
    }

    /// The first segment of a second source: compared with the first source's last segment (the
    /// one it most likely copies), then the full comparison starts.
    fn wake(&mut self, first: Source, source: Source, segment: &Segment<'_>) -> bool {
        self.active = true;
        let copy = self.last.take().is_some_and(|(ts, sketch)| {
            nanos(segment.ts).saturating_sub(nanos(ts)) <= WINDOW_NANOS && sketch == Sketch::of(segment)
        });
        let key = self.fingerprint(segment);
        self.order.push_back((segment.ts, key));
        let copies = self.recent.entry(key).or_default();
        if copy {
            copies.by_source.push((first, 1));
        }
        copies.by_source.push((source, 1));
        copy
    }

    /// Whether `segment`, from `source`, is a copy of a segment already counted from another source.
    pub fn is_duplicate(&mut self, source: Source, segment: &Segment<'_>) -> bool {
        if self.single {
            return false;
        }
        if !self.active {
            match self.first_source {
                Some(first) if first != source => return self.wake(first, source, segment),
                _ => {
                    self.first_source = Some(source);
                    self.last = Some((segment.ts, Sketch::of(segment)));
                    return false;
                }
            }
        }
        self.expire(segment.ts);
        let key = self.fingerprint(segment);
        let copies = match self.recent.get_mut(&key) {
            Some(copies) => copies,
            None => {
                self.order.push_back((segment.ts, key));
                self.recent.entry(key).or_default()
            }
        };
        let mine = copies
            .by_source
            .iter()
            .find(|(s, _)| *s == source)
            .map_or(0, |(_, n)| *n);
        let most_elsewhere = copies
            .by_source
            .iter()
            .filter(|(s, _)| *s != source)
            .map(|(_, n)| *n)
            .max()
            .unwrap_or(0);
        match copies.by_source.iter_mut().find(|(s, _)| *s == source) {
            Some((_, n)) => *n = n.saturating_add(1),
            None => copies.by_source.push((source, 1)),
        }
        most_elsewhere > mine
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::TcpFlags;

    fn seg(secs: i64, nanos: u32, seq: u32, payload: &'static [u8]) -> Segment<'static> {
        Segment {
            frame: 1,
            ts: Timestamp::new(secs, nanos),
            src: "10.0.0.1:1025".parse().unwrap(),
            dst: "10.0.0.2:25".parse().unwrap(),
            seq,
            ack: 7,
            flags: TcpFlags(TcpFlags::ACK),
            window: 100,
            payload,
            payload_truncated: 0,
            options: crate::net::TcpOptions::default(),
        }
    }

    #[test]
    fn one_source_is_never_compared() {
        let mut d = Dedup::new();
        for _ in 0..3 {
            assert!(!d.is_duplicate(1, &seg(1, 0, 5, b"EHLO x\r\n")));
        }
        assert!(!d.sees_several_sources());
    }

    #[test]
    fn copies_from_another_interface_pair_up_and_retransmissions_stay() {
        let mut d = Dedup::new();
        d.expect_several_sources();
        let s = seg(1, 0, 5, b"EHLO x\r\n");
        assert!(!d.is_duplicate(1, &s), "the first copy counts");
        assert!(
            d.is_duplicate(2, &seg(1, 20_000, 5, b"EHLO x\r\n")),
            "the other interface's copy"
        );
        // A fast retransmission 50 ms later, recorded on both interfaces: one kept, one dropped.
        assert!(!d.is_duplicate(1, &seg(1, 50_000_000, 5, b"EHLO x\r\n")));
        assert!(d.is_duplicate(2, &seg(1, 50_010_000, 5, b"EHLO x\r\n")));
        // The second interface may see it first.
        assert!(!d.is_duplicate(2, &seg(2, 0, 9, b"DATA\r\n")));
        assert!(d.is_duplicate(1, &seg(2, 1_000, 9, b"DATA\r\n")));
    }

    #[test]
    fn different_bytes_or_too_far_apart_are_not_duplicates() {
        let mut d = Dedup::new();
        d.expect_several_sources();
        assert!(!d.is_duplicate(1, &seg(1, 0, 5, b"XEXCH50 1124 2\r\n")));
        assert!(
            !d.is_duplicate(2, &seg(1, 10, 5, b"XXXXXXX 1124 2\r\n")),
            "a rewrite is not a copy"
        );
        assert!(
            !d.is_duplicate(2, &seg(1, 200_000_000, 5, b"XEXCH50 1124 2\r\n")),
            "past the window"
        );
    }

    #[test]
    fn a_segment_sent_again_carries_a_new_timestamp_and_is_no_copy() {
        let stamped = |nanos: u32, tsval: u32| {
            let mut s = seg(1, nanos, 719, b"");
            s.options.tsval = Some(tsval);
            s
        };
        // A FIN resent 6.5 ms later, the two in consecutive files of a ring buffer.
        let mut d = Dedup::new();
        assert!(!d.is_duplicate(1, &stamped(0, 1_619_472_797)));
        assert!(!d.is_duplicate(2, &stamped(6_500_000, 1_619_472_804)));
        // The same packet on two interfaces keeps its timestamp.
        let mut d = Dedup::new();
        d.expect_several_sources();
        assert!(!d.is_duplicate(1, &stamped(0, 7)));
        assert!(d.is_duplicate(2, &stamped(10_000, 7)));
    }

    #[test]
    fn a_second_source_wakes_the_comparison() {
        let mut d = Dedup::new();
        assert!(!d.is_duplicate(1, &seg(1, 0, 5, b"a")));
        assert!(!d.is_duplicate(2, &seg(1, 10, 6, b"b")));
        assert!(d.sees_several_sources());
        assert!(d.is_duplicate(1, &seg(1, 20, 6, b"b")));
    }

    #[test]
    fn the_first_copy_from_the_second_source_is_recognised() {
        let mut d = Dedup::new();
        assert!(!d.is_duplicate(1, &seg(1, 0, 4, b"SYN")));
        assert!(
            d.is_duplicate(2, &seg(1, 30_000, 4, b"SYN")),
            "a copy of the last one"
        );
        assert!(!d.is_duplicate(1, &seg(1, 40_000, 5, b"next")));
        assert!(d.is_duplicate(2, &seg(1, 70_000, 5, b"next")));
        let mut d = Dedup::new();
        assert!(!d.is_duplicate(
            1,
            &seg(1, 0, 4, b"XEXCH50 1124 2\r\nRCPT TO:<bob@example.com>\r\n")
        ));
        assert!(
            !d.is_duplicate(
                2,
                &seg(1, 10, 4, b"XXXXXXX 1124 2\r\nRCPT TO:<bob@example.com>\r\n")
            ),
            "a rewritten verb is no copy"
        );
    }

    #[test]
    fn memory_stays_within_the_cap() {
        let mut d = Dedup::new();
        d.expect_several_sources();
        for i in 0..(MAX_TRACKED as u32 + 500) {
            d.is_duplicate(1, &seg(1, 0, i, b"x"));
        }
        assert!(d.recent.len() <= MAX_TRACKED + 1 && d.order.len() <= MAX_TRACKED + 1);
    }
}
