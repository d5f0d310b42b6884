//! IP fragment reassembly, bounded: fragments of TCP datagrams are held until their datagram is
//! whole, then handed back as one payload.
//!
//! Owns the datagrams in progress, keyed by (source, destination, identification, protocol) as
//! RFC 791 and RFC 8200 §4.5 define a datagram. Policy: fragments may arrive in any order and be
//! duplicated; an overlap whose bytes differ from what is held (the classic evasion shape), a
//! fragment cut by the snap length, or one that would make the datagram exceed
//! [`MAX_DATAGRAM_BYTES`] drops the whole datagram. Limits: [`MAX_DATAGRAMS`] in progress and
//! [`MAX_HELD_BYTES`] held in all, [`MAX_FRAGMENTS_PER_DATAGRAM`] pieces per datagram; a datagram not completed within [`EXPIRY_SECS`] of capture time is
//! discarded (RFC 791 suggests a timer of this order). Every fragment ends up counted exactly once:
//! in the datagram it completed, as dropped, or as expired ([`Defragmenter::take_expired`]).
//!
//! Must not: look inside the reassembled payload.

use std::net::IpAddr;

use super::flow::FlowMap;
use super::ip::FragmentInfo;
use crate::capture::Timestamp;

/// Datagrams reassembled at once; a fragment of a further datagram is dropped.
pub const MAX_DATAGRAMS: usize = 256;
/// Bytes held over all datagrams in progress.
pub const MAX_HELD_BYTES: usize = 4 << 20;
/// Largest reassembled payload accepted (IPv4's offset field reaches 65,528 + a fragment).
pub const MAX_DATAGRAM_BYTES: usize = 65_535;
/// Fragments one datagram may consist of (keeps the range bookkeeping cheap on hostile input).
pub const MAX_FRAGMENTS_PER_DATAGRAM: u64 = 256;
/// Capture seconds a datagram may stay incomplete.
pub const EXPIRY_SECS: u64 = 30;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct DatagramKey {
    src: IpAddr,
    dst: IpAddr,
    id: u32,
    protocol: u8,
}

#[derive(Debug)]
struct Datagram {
    first_seen: Timestamp,
    /// Payload bytes by offset; holes are zero until filled.
    bytes: Vec<u8>,
    /// Filled ranges `[start, end)`, sorted and disjoint.
    filled: Vec<(usize, usize)>,
    /// Payload length, known once the last fragment (no "more" flag) arrived.
    total: Option<usize>,
    fragments: u64,
}

impl Datagram {
    fn complete(&self) -> bool {
        matches!((self.total, self.filled.as_slice()), (Some(total), [(0, end)]) if *end == total)
    }

    /// Records `[start, end)` as filled, merging neighbours.
    fn mark(&mut self, start: usize, end: usize) {
        self.filled.push((start, end));
        self.filled.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(self.filled.len());
        for &(s, e) in &self.filled {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        self.filled = merged;
    }

    /// Whether `data` at `start` agrees with every byte already held in its range.
    fn consistent(&self, start: usize, data: &[u8]) -> bool {
        let end = start.saturating_add(data.len());
        self.filled.iter().all(|&(s, e)| {
            let (lo, hi) = (s.max(start), e.min(end));
            lo >= hi || self.bytes.get(lo..hi) == data.get(lo.saturating_sub(start)..hi.saturating_sub(start))
        })
    }
}

/// What became of a fragment.
#[derive(Debug, PartialEq, Eq)]
pub enum Fragment {
    /// Held until the rest of its datagram arrives.
    Held,
    /// Dropped (and its datagram with it, if inconsistent), with the number of fragments lost.
    Dropped(u64),
    /// It completed its datagram; the payload is in [`Defragmenter::completed`].
    Completed,
}

/// Datagrams in progress, with bounded memory.
#[derive(Debug, Default)]
pub struct Defragmenter {
    datagrams: FlowMap<DatagramKey, Datagram>,
    held_bytes: usize,
    expired_fragments: u64,
    completed: Vec<u8>,
}

impl Defragmenter {
    /// The payload of the datagram the last [`Fragment::Completed`] finished.
    pub fn completed(&self) -> &[u8] {
        &self.completed
    }

    /// Fragments discarded because their datagram expired since the last call.
    pub fn take_expired(&mut self) -> u64 {
        std::mem::take(&mut self.expired_fragments)
    }

    fn expire(&mut self, now: Timestamp) {
        let held = &mut self.held_bytes;
        let expired = &mut self.expired_fragments;
        self.datagrams.retain(|_, d| {
            let keep = now < d.first_seen.plus_secs(EXPIRY_SECS) && now >= d.first_seen;
            if !keep {
                *held = held.saturating_sub(d.bytes.len());
                *expired = expired.saturating_add(d.fragments);
            }
            keep
        });
    }

    fn drop_datagram(&mut self, key: &DatagramKey) -> u64 {
        match self.datagrams.remove(key) {
            Some(d) => {
                self.held_bytes = self.held_bytes.saturating_sub(d.bytes.len());
                d.fragments
            }
            None => 0,
        }
    }

    /// Takes one fragment: `data` is its payload as captured, `missing` the bytes the snap length cut.
    pub(crate) fn insert(
        &mut self,
        (src, dst, protocol): (IpAddr, IpAddr, u8),
        info: FragmentInfo,
        data: &[u8],
        missing: u32,
        now: Timestamp,
    ) -> Fragment {
        if !self.datagrams.is_empty() {
            self.expire(now);
        }
        let key = DatagramKey {
            src,
            dst,
            id: info.id,
            protocol,
        };
        let start = usize::try_from(info.offset).unwrap_or(usize::MAX);
        let end = start.saturating_add(data.len());
        let known = self.datagrams.contains_key(&key);
        if missing > 0 || end > MAX_DATAGRAM_BYTES || (!known && self.datagrams.len() >= MAX_DATAGRAMS) {
            return Fragment::Dropped(self.drop_datagram(&key).saturating_add(1));
        }
        let datagram = self.datagrams.entry(key).or_insert_with(|| Datagram {
            first_seen: now,
            bytes: Vec::new(),
            filled: Vec::new(),
            total: None,
            fragments: 0,
        });
        let grows = end.saturating_sub(datagram.bytes.len());
        let total_conflict = match (datagram.total, info.more) {
            (Some(total), _) if end > total => true,
            (Some(total), false) => total != end,
            (Some(_), true) => false,
            (None, false) => datagram.filled.iter().any(|&(_, e)| e > end),
            (None, true) => false,
        };
        if total_conflict
            || datagram.fragments >= MAX_FRAGMENTS_PER_DATAGRAM
            || !datagram.consistent(start, data)
            || self.held_bytes.saturating_add(grows) > MAX_HELD_BYTES
        {
            return Fragment::Dropped(self.drop_datagram(&key).saturating_add(1));
        }
        if datagram.bytes.len() < end {
            datagram.bytes.resize(end, 0);
        }
        if let Some(slot) = datagram.bytes.get_mut(start..end) {
            slot.copy_from_slice(data);
        }
        self.held_bytes = self.held_bytes.saturating_add(grows);
        datagram.mark(start, end);
        datagram.fragments = datagram.fragments.saturating_add(1);
        if !info.more {
            datagram.total = Some(end);
        }
        if !datagram.complete() {
            return Fragment::Held;
        }
        if let Some(done) = self.datagrams.remove(&key) {
            self.held_bytes = self.held_bytes.saturating_sub(done.bytes.len());
            self.completed = done.bytes;
        }
        Fragment::Completed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENDS: (IpAddr, IpAddr, u8) = (
        IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 1)),
        IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 2)),
        6,
    );

    fn frag(id: u32, offset: u32, more: bool) -> FragmentInfo {
        FragmentInfo { id, offset, more }
    }

    fn t(secs: i64) -> Timestamp {
        Timestamp::new(secs, 0)
    }

    #[test]
    fn in_order_and_out_of_order_reassemble() {
        let mut d = Defragmenter::default();
        assert_eq!(d.insert(ENDS, frag(1, 0, true), &[1; 8], 0, t(0)), Fragment::Held);
        assert_eq!(
            d.insert(ENDS, frag(1, 8, false), &[2; 4], 0, t(0)),
            Fragment::Completed
        );
        assert_eq!(d.completed(), &[1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2]);
        assert_eq!(
            d.insert(ENDS, frag(2, 8, false), &[2; 4], 0, t(1)),
            Fragment::Held
        );
        assert_eq!(
            d.insert(ENDS, frag(2, 0, true), &[1; 8], 0, t(1)),
            Fragment::Completed
        );
        assert_eq!(d.completed().len(), 12);
        assert_eq!(d.held_bytes, 0);
    }

    #[test]
    fn duplicates_are_harmless_and_conflicts_drop_the_datagram() {
        let mut d = Defragmenter::default();
        assert_eq!(d.insert(ENDS, frag(1, 0, true), &[1; 8], 0, t(0)), Fragment::Held);
        assert_eq!(d.insert(ENDS, frag(1, 0, true), &[1; 8], 0, t(0)), Fragment::Held);
        assert_eq!(
            d.insert(ENDS, frag(1, 0, true), &[9; 8], 0, t(0)),
            Fragment::Dropped(3)
        );
        assert!(d.datagrams.is_empty() && d.held_bytes == 0);
    }

    #[test]
    fn inconsistent_lengths_drop() {
        let mut d = Defragmenter::default();
        assert_eq!(
            d.insert(ENDS, frag(1, 0, false), &[1; 8], 0, t(0)),
            Fragment::Completed
        );
        // A last fragment ending before data already held.
        assert_eq!(
            d.insert(ENDS, frag(2, 16, true), &[1; 8], 0, t(0)),
            Fragment::Held
        );
        assert_eq!(
            d.insert(ENDS, frag(2, 0, false), &[1; 8], 0, t(0)),
            Fragment::Dropped(2)
        );
        // Data beyond a known end.
        assert_eq!(
            d.insert(ENDS, frag(3, 8, false), &[1; 8], 0, t(0)),
            Fragment::Held
        );
        assert_eq!(
            d.insert(ENDS, frag(3, 16, true), &[1; 8], 0, t(0)),
            Fragment::Dropped(2)
        );
    }

    #[test]
    fn snaplen_cut_and_oversized_fragments_drop() {
        let mut d = Defragmenter::default();
        assert_eq!(
            d.insert(ENDS, frag(1, 0, true), &[1; 8], 4, t(0)),
            Fragment::Dropped(1)
        );
        assert_eq!(
            d.insert(ENDS, frag(1, 65_528, false), &[1; 16], 0, t(0)),
            Fragment::Dropped(1)
        );
    }

    #[test]
    fn expiry_counts_the_lost_fragments() {
        let mut d = Defragmenter::default();
        assert_eq!(d.insert(ENDS, frag(1, 0, true), &[1; 8], 0, t(0)), Fragment::Held);
        assert_eq!(d.insert(ENDS, frag(1, 8, true), &[1; 8], 0, t(1)), Fragment::Held);
        assert_eq!(
            d.insert(ENDS, frag(2, 0, true), &[1; 8], 0, t(31)),
            Fragment::Held
        );
        assert_eq!(d.take_expired(), 2);
        assert_eq!(d.take_expired(), 0);
        assert_eq!(d.datagrams.len(), 1);
    }

    #[test]
    fn datagram_count_is_capped() {
        let mut d = Defragmenter::default();
        for id in 0..MAX_DATAGRAMS as u32 {
            assert_eq!(
                d.insert(ENDS, frag(id, 0, true), &[1; 8], 0, t(0)),
                Fragment::Held
            );
        }
        assert_eq!(
            d.insert(ENDS, frag(9999, 0, true), &[1; 8], 0, t(0)),
            Fragment::Dropped(1)
        );
        // Fragments of datagrams already in progress are still taken.
        assert_eq!(
            d.insert(ENDS, frag(0, 8, false), &[1; 8], 0, t(0)),
            Fragment::Completed
        );
    }
}
