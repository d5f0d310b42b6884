//! The connection budget: how many connections the reassembler follows at once, which one gives
//! way when a new one needs room, and the record of it for the `connection-flood` finding.
//!
//! Owns [`Budget`] (the eviction order) and [`FloodStats`] (what a flood did). Policy:
//! - At most [`super::ReasmLimits::max_connections`] connections are open. A connection that would
//!   exceed it first evicts one: a connection that never carried a payload byte (a SYN flood's
//!   half-open connections, a handshake without a banner) if there is one, the one opened first;
//!   otherwise the one whose last payload byte is oldest. The evicted connection is closed like any
//!   other ([`super::CloseCause::Evicted`], holes flushed as gaps), so nothing it held is lost.
//! - Quiet connections (no payload yet) are kept in opening order in a queue whose entries are
//!   checked when they reach the front (a connection that carried data since, or ended, is
//!   skipped), and compacted when stale entries outnumber live ones. Connections with data are
//!   ranked by a scan that keeps the oldest 1/64 of the budget as candidates, re-checked one by one
//!   as they are used, and rescanned when used up: O(1) amortised per eviction, no per-connection
//!   index. Both orders are exact when capture time does not go backwards; with timestamps out of
//!   order they are approximate, never wrong about what was evicted.
//!
//! Must not: close connections itself (the reassembler does, so every event keeps its contract),
//! read clocks, or print.

use std::collections::VecDeque;

use super::{ConnId, Timestamp};
use crate::net::{FlowKey, FlowMap};

/// What the budget needs to know of an open connection.
pub(super) trait Waiting {
    /// The connection's id.
    fn id(&self) -> ConnId;
    /// When its last payload byte came, if one ever did.
    fn last_data(&self) -> Option<Timestamp>;
}

impl<T: Waiting> Waiting for Box<T> {
    fn id(&self) -> ConnId {
        T::id(self)
    }

    fn last_data(&self) -> Option<Timestamp> {
        T::last_data(self)
    }
}

/// What a flood did to the budget, for the `connection-flood` finding. All zero without a flood.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FloodStats {
    /// The budget: connections followed at once (0 when unknown, e.g. merged from no reassembler).
    pub max_connections: u64,
    /// The most connections open at once.
    pub peak_open: u64,
    /// The most connections opened within one second of capture time.
    pub peak_opened_per_second: u64,
    /// When (the capture second) that peak was reached.
    pub peak_second: Option<i64>,
    /// Connections evicted to make room.
    pub evicted: u64,
    /// Of those, connections that had never carried a payload byte.
    pub evicted_quiet: u64,
    /// Connections closed early because the budget was nearly full (`live` only).
    pub pressure_closed: u64,
    /// The first eviction (or early close).
    pub first: Option<Timestamp>,
    /// The last eviction (or early close).
    pub last: Option<Timestamp>,
}

impl FloodStats {
    /// Whether the budget had to give anything up.
    pub fn overflowed(&self) -> bool {
        self.evicted > 0 || self.pressure_closed > 0
    }

    /// Adds another reassembler's record (one worker's share of the budget) to this one.
    pub fn merge(&mut self, other: &FloodStats) {
        self.max_connections = self.max_connections.saturating_add(other.max_connections);
        self.peak_open = self.peak_open.saturating_add(other.peak_open);
        if other.peak_opened_per_second > self.peak_opened_per_second {
            self.peak_opened_per_second = other.peak_opened_per_second;
            self.peak_second = other.peak_second;
        }
        self.evicted = self.evicted.saturating_add(other.evicted);
        self.evicted_quiet = self.evicted_quiet.saturating_add(other.evicted_quiet);
        self.pressure_closed = self.pressure_closed.saturating_add(other.pressure_closed);
        self.first = earliest(self.first, other.first);
        self.last = self.last.max(other.last);
    }

    /// Records one eviction or early close at `ts`.
    fn gave_way(&mut self, ts: Timestamp) {
        self.first = earliest(self.first, Some(ts));
        self.last = self.last.max(Some(ts));
    }
}

fn earliest(a: Option<Timestamp>, b: Option<Timestamp>) -> Option<Timestamp> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The eviction order of the open connections, and the flood record.
#[derive(Debug)]
pub(super) struct Budget {
    max: usize,
    /// Connections opened without payload, in opening order (entries checked lazily).
    quiet: VecDeque<(ConnId, FlowKey)>,
    /// How many open connections have carried no payload byte.
    quiet_open: usize,
    /// Connections with data, oldest last payload last (popped from the end), checked lazily.
    candidates: Vec<(Timestamp, ConnId, FlowKey)>,
    /// The capture second being counted, and the connections opened in it.
    second: Option<(i64, u64)>,
    stats: FloodStats,
}

impl Budget {
    /// A budget of `max` open connections (at least one).
    pub(super) fn new(max: usize) -> Self {
        let max = max.max(1);
        Budget {
            max,
            quiet: VecDeque::new(),
            quiet_open: 0,
            candidates: Vec::new(),
            second: None,
            stats: FloodStats {
                max_connections: max as u64,
                ..FloodStats::default()
            },
        }
    }

    /// The budget.
    pub(super) fn max(&self) -> usize {
        self.max
    }

    /// The flood record.
    pub(super) fn stats(&self) -> &FloodStats {
        &self.stats
    }

    /// Whether `open` connections fill the budget, so a new one needs an eviction first.
    pub(super) fn full(&self, open: usize) -> bool {
        open >= self.max
    }

    /// Whether `open` connections are at three quarters of the budget or more.
    pub(super) fn under_pressure(&self, open: usize) -> bool {
        open.saturating_mul(4) >= self.max.saturating_mul(3)
    }

    /// A connection was opened at `ts` (with `open` connections now open); it starts quiet.
    pub(super) fn opened(&mut self, id: ConnId, key: FlowKey, ts: Timestamp, open: usize) {
        self.quiet.push_back((id, key));
        self.quiet_open = self.quiet_open.saturating_add(1);
        self.stats.peak_open = self.stats.peak_open.max(open as u64);
        let count = match self.second {
            Some((second, n)) if second == ts.secs => n.saturating_add(1),
            _ => 1,
        };
        self.second = Some((ts.secs, count));
        if count > self.stats.peak_opened_per_second {
            self.stats.peak_opened_per_second = count;
            self.stats.peak_second = Some(ts.secs);
        }
    }

    /// A quiet connection carried its first payload byte.
    pub(super) fn spoke(&mut self) {
        self.quiet_open = self.quiet_open.saturating_sub(1);
    }

    /// A connection ended (`quiet`: without ever carrying a payload byte).
    pub(super) fn ended<C: Waiting>(&mut self, quiet: bool, conns: &FlowMap<FlowKey, C>) {
        if quiet {
            self.quiet_open = self.quiet_open.saturating_sub(1);
        }
        // Entries of ended or talking connections wait in the queue until they reach the front;
        // drop them when they outnumber the live ones, so the queue stays proportional.
        if self.quiet.len() > self.quiet_open.saturating_mul(2).saturating_add(1024) {
            self.quiet.retain(|(id, key)| is_quiet(conns, *id, key));
        }
    }

    /// An early close under pressure at `ts`.
    pub(super) fn pressure_closed(&mut self, ts: Timestamp) {
        self.stats.pressure_closed = self.stats.pressure_closed.saturating_add(1);
        self.stats.gave_way(ts);
    }

    /// The connection to evict now (it must then be ended), recorded as evicted at `ts`.
    pub(super) fn victim<C: Waiting>(
        &mut self,
        conns: &FlowMap<FlowKey, C>,
        ts: Timestamp,
    ) -> Option<FlowKey> {
        let (key, quiet) = self.next_victim(conns)?;
        self.stats.evicted = self.stats.evicted.saturating_add(1);
        if quiet {
            self.stats.evicted_quiet = self.stats.evicted_quiet.saturating_add(1);
        }
        self.stats.gave_way(ts);
        Some(key)
    }

    fn next_victim<C: Waiting>(&mut self, conns: &FlowMap<FlowKey, C>) -> Option<(FlowKey, bool)> {
        while self.quiet_open > 0 {
            let Some((id, key)) = self.quiet.pop_front() else {
                self.quiet_open = 0; // cannot happen: every quiet connection is queued
                break;
            };
            if is_quiet(conns, id, &key) {
                return Some((key, true));
            }
        }
        for _rescan in 0..2 {
            while let Some((since, id, key)) = self.candidates.pop() {
                let current = conns
                    .get(&key)
                    .filter(|c| c.id() == id)
                    .and_then(Waiting::last_data);
                if current == Some(since) {
                    return Some((key, false));
                }
            }
            self.rank_talking(conns);
        }
        None
    }

    /// Keeps the oldest 1/64 of the budget (at least 16) of the connections with data as candidates.
    fn rank_talking<C: Waiting>(&mut self, conns: &FlowMap<FlowKey, C>) {
        let keep = (self.max / 64).max(16);
        let mut all: Vec<(Timestamp, ConnId, FlowKey)> = conns
            .iter()
            .filter_map(|(key, c)| Some((c.last_data()?, c.id(), *key)))
            .collect();
        if all.len() > keep {
            all.select_nth_unstable_by_key(keep, |(ts, id, _)| (*ts, *id));
            all.truncate(keep);
        }
        // Newest first, so that `pop` takes the oldest.
        all.sort_unstable_by_key(|(ts, id, _)| std::cmp::Reverse((*ts, *id)));
        self.candidates = all;
    }
}

fn is_quiet<C: Waiting>(conns: &FlowMap<FlowKey, C>, id: ConnId, key: &FlowKey) -> bool {
    conns
        .get(key)
        .is_some_and(|c| c.id() == id && c.last_data().is_none())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::SocketAddr;

    struct Fake(ConnId, Option<Timestamp>);

    impl Waiting for Fake {
        fn id(&self) -> ConnId {
            self.0
        }
        fn last_data(&self) -> Option<Timestamp> {
            self.1
        }
    }

    fn key(n: u16) -> FlowKey {
        let a: SocketAddr = format!("10.0.0.1:{n}").parse().unwrap();
        let b: SocketAddr = "10.0.0.2:25".parse().unwrap();
        FlowKey::new(a, b)
    }

    fn t(s: i64) -> Timestamp {
        Timestamp::new(s, 0)
    }

    #[test]
    fn quiet_connections_go_first_oldest_first_then_the_longest_silent() {
        let mut b = Budget::new(4);
        let mut conns = FlowMap::default();
        for (n, data) in [(1, Some(t(5))), (2, None), (3, Some(t(2))), (4, None)] {
            conns.insert(key(n), Fake(ConnId(u64::from(n)), None));
            b.opened(ConnId(u64::from(n)), key(n), t(1), conns.len());
            if let Some(ts) = data {
                conns.insert(key(n), Fake(ConnId(u64::from(n)), Some(ts)));
                b.spoke();
            }
        }
        assert!(b.full(conns.len()));
        let mut order = Vec::new();
        while let Some(k) = b.victim(&conns, t(9)) {
            let quiet = conns.remove(&k).unwrap().1.is_none();
            b.ended(quiet, &conns);
            order.push(k);
        }
        assert_eq!(order, vec![key(2), key(4), key(3), key(1)]);
        let s = b.stats();
        assert_eq!((s.evicted, s.evicted_quiet, s.peak_open), (4, 2, 4));
        assert_eq!((s.first, s.last), (Some(t(9)), Some(t(9))));
    }

    #[test]
    fn a_candidate_that_spoke_since_the_scan_is_passed_over() {
        let mut b = Budget::new(40);
        let mut conns = FlowMap::default();
        for n in 1..=20u16 {
            conns.insert(key(n), Fake(ConnId(u64::from(n)), Some(t(i64::from(n)))));
            b.opened(ConnId(u64::from(n)), key(n), t(0), conns.len());
            b.spoke();
        }
        assert_eq!(b.victim(&conns, t(30)), Some(key(1)));
        conns.remove(&key(1));
        // Connection 2 talks again: connection 3 is now the longest silent.
        conns.insert(key(2), Fake(ConnId(2), Some(t(31))));
        assert_eq!(b.victim(&conns, t(31)), Some(key(3)));
    }

    #[test]
    fn peak_rate_counts_openings_per_capture_second() {
        let mut b = Budget::new(100);
        let conns: FlowMap<FlowKey, Fake> = FlowMap::default();
        for (n, s) in [(1, 10), (2, 11), (3, 11), (4, 11), (5, 12)] {
            b.opened(ConnId(n), key(n as u16), t(s), 1);
        }
        assert_eq!(b.stats().peak_opened_per_second, 3);
        assert_eq!(b.stats().peak_second, Some(11));
        assert_eq!(b.victim(&conns, t(13)), None, "nothing open: nothing to evict");
    }

    #[test]
    fn the_stale_quiet_queue_is_compacted() {
        let mut b = Budget::new(10_000);
        let mut conns = FlowMap::default();
        for n in 0..3000u16 {
            conns.insert(key(n), Fake(ConnId(u64::from(n)), None));
            b.opened(ConnId(u64::from(n)), key(n), t(0), conns.len());
            conns.remove(&key(n));
            b.ended(true, &conns);
        }
        assert!(b.quiet.len() <= 1025, "{}", b.quiet.len());
    }

    #[test]
    fn merged_records_add_up() {
        let record = |evicted, (first, last), (peak, second)| FloodStats {
            max_connections: 10,
            evicted,
            first: Some(t(first)),
            last: Some(t(last)),
            peak_opened_per_second: peak,
            peak_second: Some(second),
            ..FloodStats::default()
        };
        let mut a = record(2, (5, 6), (7, 5));
        let b = record(1, (3, 4), (9, 3));
        a.merge(&b);
        assert_eq!((a.max_connections, a.evicted), (20, 3));
        assert_eq!((a.first, a.last), (Some(t(3)), Some(t(6))));
        assert_eq!((a.peak_opened_per_second, a.peak_second), (9, Some(3)));
        assert!(a.overflowed());
    }
}
