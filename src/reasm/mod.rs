//! TCP stream reassembly: from segments to each direction's byte stream, with what is missing made
//! explicit.
//!
//! Owns per-connection state (both directions), ordering, retransmission and overlap handling,
//! sequence wraparound, open/close, port reuse, memory caps and idle flushing.
//!
//! Contract: [`Reassembler::push`] takes one segment and calls the [`StreamSink`] with zero or more
//! [`StreamEvent`]s, in the order the application would have read them. For every connection the
//! sink sees exactly one [`EventKind::Open`] first and exactly one [`EventKind::Close`] last; in
//! between, per direction, `Data` and `Gap` events whose lengths add up to the stream offset, then at
//! most one `Fin`. Bytes are never invented and never silently skipped: a hole becomes a `Gap` with
//! its length. Time comes only from segment timestamps and the `now` passed to
//! [`Reassembler::flush_idle`], so the same capture always gives the same events.
//!
//! # Policies
//!
//! - **Zero copy in order.** A segment that starts at the next expected byte is handed to the sink
//!   borrowed from the segment (`Data` with the segment's frame and time). Only bytes that arrive ahead
//!   of a hole are copied, once, into the direction's [`assembler::Assembler`]; each buffered piece
//!   keeps its own frame and time, which its later `Data` event carries.
//! - **Stream offsets** are `u64` from the first byte of each direction: ISN + 1 when the SYN (or
//!   SYN-ACK) was seen, otherwise the first payload (or FIN) byte seen. A segment's offset is the
//!   wrap-safe distance of its sequence number from the next expected one ([`seq::SeqNum`]), so
//!   32-bit wraparound is invisible. A sequence or acknowledgment number more than [`MAX_AHEAD`]
//!   (2^30, the largest scaled window) ahead, or exactly 2^31 away, is nonsense: counted in
//!   [`ReasmStats::out_of_window`] and ignored. Bytes before the start of a stream picked up mid-way
//!   cannot be placed and count as retransmitted.
//! - **Overlaps: first copy wins.** Bytes already delivered or buffered are kept; where a later copy
//!   overlaps buffered bytes, the bytes that differ are counted in [`DirStats::conflicting_overlaps`]
//!   (delivered bytes are not kept, so overlaps with them cannot be compared). A segment that brings
//!   no new byte is `retransmitted`; so is a repeated SYN or FIN, and a zero-length segment at
//!   next − 1 (keep-alive). Plain ACKs are not.
//! - **Connections.** A SYN (without ACK) on an unknown 4-tuple opens a connection with
//!   `handshake_seen = true`; so does a SYN-ACK whose SYN was missed. A segment without SYN opens one
//!   (`handshake_seen = false`) only if it carries payload: pure ACKs, FINs and RSTs on unknown
//!   4-tuples are ignored ([`ReasmStats::ignored_segments`]) — they are the tails of connections that
//!   ended before the capture, or retransmissions after a close. The server is the side on a server
//!   port; if both or neither are, the side that received the SYN (the sender of a SYN-ACK); with no
//!   SYN either, the lower port (the destination on equal ports).
//! - **Gaps.** (a) ACK rule: when one side acknowledges bytes of the other side beyond the next expected
//!   byte, every byte below the acknowledgment that is neither delivered nor buffered is missing:
//!   `Gap{Acked}` up to the next buffered piece, the buffered bytes that became contiguous, and so on up to
//!   the acknowledgment. The gap is declared lazily — when the acknowledging side next sends data or a FIN
//!   (it had read those bytes first, so they come first; a FIN only if the last acknowledged byte cannot
//!   be the other side's own FIN not captured yet), when the other side sends data at or beyond the
//!   acknowledged point, when a cap forces a hole, or at the close — because captures taken on the receiving
//!   host often record an ACK before the data it acknowledges; bytes that show up in the meantime are
//!   delivered, not lost. An acknowledgment of a known FIN (FIN + 1) is not a gap. Acknowledgments are
//!   ignored for a direction whose first byte has not been seen yet. A payload cut by the snap length leaves
//!   a hole that the ACK rule or the close then reports. (b) Caps: when an out-of-order insert would exceed
//!   [`ReasmLimits::max_segments_per_direction`] pieces or [`ReasmLimits::max_buffered_per_connection`] bytes
//!   (both directions together), the earliest hole (of that direction; for the byte cap, of the direction
//!   holding more) is declared a gap (`TooManySegments` / `ConnectionMemoryCap`; a hole already acknowledged
//!   goes first, as `Acked`) and the bytes after it delivered, until the insert fits; a segment that cannot
//!   fit even in an empty buffer turns the hole before it into the gap and is delivered in order. A rejected
//!   insert leaves the buffer unchanged. The total cap is enforced after each segment: when all connections
//!   together hold more than [`ReasmLimits::max_buffered_total`] (bytes and bookkeeping, see
//!   [`assembler::held_memory`]; the overshoot is at most one segment), the connections holding most
//!   (lowest id on ties) give up their earliest hole in that order (`TotalMemoryCap`; events attributed to
//!   that connection's last packet) until seven eighths of the cap are left. (c) Close: remaining holes become `Gap{Closed}` followed
//!   by the buffered bytes, then the gap up to a FIN seen beyond them and the `Fin`, then `Close`.
//! - **Close.** `Fin` is emitted when a direction's FIN is reached in sequence order; `Close` when both
//!   are reached ([`CloseCause::Fin`]), at a RST (immediately, after flushing; a RST's payload is
//!   ignored), when a SYN with a new ISN arrives on a live 4-tuple ([`CloseCause::Reused`], then the new
//!   connection opens), when no packet came for the idle timeout ([`CloseCause::Idle`], checked by
//!   `flush_idle` and also when the next packet of that 4-tuple arrives, so the result does not depend
//!   on how often `flush_idle` is called), or at [`Reassembler::finish`] ([`CloseCause::EndOfInput`],
//!   in id order), or when the connection budget is full and a new connection needs its place
//!   ([`CloseCause::Evicted`], see below). Events emitted while closing carry the connection's last
//!   packet's frame and time. After a FIN or RST close a tombstone stays on the 4-tuple until the idle
//!   timeout, so trailing ACKs and retransmissions do not open ghost connections; a new SYN on it opens
//!   a new connection.
//! - **The connection budget** ([`ReasmLimits::max_connections`]): a connection that would exceed it
//!   first evicts the one that has waited longest without data, quiet ones (never a payload byte)
//!   first — the order is the `budget` module's. The evicted connection is closed like any other: its holes
//!   become `Gap{Closed}`, its buffered bytes are delivered. [`Reassembler::flood_stats`] keeps the
//!   record (peak, rate, evictions) for the `connection-flood` finding. With
//!   [`ReasmLimits::pressure_idle_timeout_secs`] (`live`), connections idle that long are closed
//!   early while three quarters of the budget is in use. Tombstones and released 4-tuples are capped
//!   at the budget too (the half that expire first give way).
//! - **Ids** are sequential, from 1 or from [`Reassembler::with_first_id`]'s value.
//! - **Events** for `Open` and `Close` use [`Direction::ClientToServer`]; `Data`, `Gap` and `Fin`
//!   carry their direction and the frame/time of the segment being processed (buffered data: its own).
//!
//! # Cost and memory
//!
//! The in-order path is one hash lookup, a few compares and one borrowed `Data` event. Idle flushing
//! keeps one timer per connection or tombstone in a min-heap and re-arms a timer lazily when its
//! connection saw traffic, so `flush_idle` costs O(log n) per expired timer and O(1) otherwise: it can
//! be called for every packet. Memory is bounded whatever the input: open connections, tombstones and
//! released 4-tuples by the budget, buffered bytes by the total cap (charged with their bookkeeping,
//! [`assembler::held_memory`]), and the timers of connections that ended before their timer came due
//! are dropped once they outnumber the live ones. A quiet connection allocates no buffer (its state
//! is boxed; its out-of-order buffers and snap-length records are made when first needed). Eviction
//! costs O(1) amortised (the `budget` module). In-order throughput is about 100 ns per segment in a release build (one
//! connection or a thousand, `flush_idle` called after every segment, 1448-byte payloads); the 4-tuple
//! is hashed with a seeded hasher ([`FlowMap`]'s), so a sender cannot choose keys that collide.
//!
//! Must not: interpret payload bytes (it is protocol-blind), read clocks, or print.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::net::SocketAddr;

use crate::capture::Timestamp;
use crate::net::{Direction, FlowKey, FlowMap, PortSet, Segment};

pub mod assembler;
mod budget;
mod conn;
pub mod counter;
mod events;
mod half;
pub mod seq;

use budget::Budget;
pub use budget::FloodStats;
use conn::Conn;
pub use events::{
    CloseCause, ConnId, ConnInfo, ConnSummary, DirStats, EventKind, GapCause, GapRecord, StreamEvent,
    StreamSink, MAX_GAP_RECORDS, MAX_RESENT_RECORDS,
};
use half::Half;

/// Named limits on what the reassembler keeps, and the idle timeout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReasmLimits {
    /// Connections followed at once (the connection budget, `--max-connections`): a new one beyond
    /// it first evicts the one that has waited longest without data, quiet ones first
    /// ([`CloseCause::Evicted`]; see [`budget`](self#cost-and-memory)). At least 1.
    pub max_connections: usize,
    /// When set (`live`), connections idle for this many seconds are closed early
    /// ([`CloseCause::Idle`]) while three quarters of the budget or more is in use.
    pub pressure_idle_timeout_secs: Option<u64>,
    /// Out-of-order bytes buffered per connection (both directions) before the earliest hole is
    /// declared a gap ([`GapCause::ConnectionMemoryCap`]).
    pub max_buffered_per_connection: usize,
    /// Memory held by out-of-order pieces over all connections — their bytes and their
    /// bookkeeping ([`assembler::held_memory`]) — before the connection holding the most is forced
    /// to give up its earliest hole ([`GapCause::TotalMemoryCap`]).
    pub max_buffered_total: usize,
    /// Out-of-order segments kept per direction ([`GapCause::TooManySegments`] beyond it).
    pub max_segments_per_direction: usize,
    /// Seconds of capture time without a packet after which a connection is closed
    /// ([`CloseCause::Idle`]) and its holes flushed.
    pub idle_timeout_secs: u64,
}

impl Default for ReasmLimits {
    /// 65,536 connections, 4 MiB per connection and 64 MiB in all for out-of-order data, 4,096
    /// pieces a direction, 600 s idle timeout, no early close under pressure (README, "Hostile
    /// input", for what that costs).
    fn default() -> Self {
        ReasmLimits {
            max_connections: DEFAULT_MAX_CONNECTIONS,
            pressure_idle_timeout_secs: None,
            max_buffered_per_connection: 4 << 20,
            max_buffered_total: 64 << 20,
            max_segments_per_direction: 4096,
            idle_timeout_secs: 600,
        }
    }
}

/// The default connection budget: sized so that the whole tool stays under 256 MiB for the
/// flood shapes of the README's "Hostile input" (measured: 100,000 connections that each hold
/// out-of-order bytes already need 362 MiB, mostly in the SMTP decoders of the connections whose
/// holes the total buffer cap forced).
pub const DEFAULT_MAX_CONNECTIONS: usize = 65_536;

/// The idle timeout `live` applies under pressure.
pub const PRESSURE_IDLE_TIMEOUT_SECS: u64 = 30;

impl ReasmLimits {
    /// One worker's share when `workers` reassemblers divide the connections between them: the
    /// connection budget and the total buffer divided by `workers` (at least one connection and
    /// one segment's worth each); the per-connection limits and timeouts unchanged.
    pub fn share(self, workers: usize) -> ReasmLimits {
        let workers = workers.max(1);
        ReasmLimits {
            max_connections: self.max_connections.checked_div(workers).unwrap_or(1).max(1),
            max_buffered_total: self
                .max_buffered_total
                .checked_div(workers)
                .unwrap_or(0)
                .max(64 << 10),
            ..self
        }
    }
}

/// How many stretches cut by the snap length a direction remembers ahead of its next expected byte.
pub const MAX_SNAP_HOLES: usize = 64;

/// Farthest (in sequence space) a segment or acknowledgment may point ahead of the next expected
/// byte: 2^30, the largest window TCP can advertise (65535 << 14). Beyond it the number is nonsense.
pub const MAX_AHEAD: i64 = 1 << 30;

/// Counters over the whole run (not tied to one connection).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReasmStats {
    /// Connections opened.
    pub connections: u64,
    /// Segments that belonged to no connection: no payload and no SYN on an unknown 4-tuple, or
    /// anything but a new SYN on a 4-tuple closed by FIN/RST within the idle timeout.
    pub ignored_segments: u64,
    /// Sequence or acknowledgment numbers too far from the next expected byte to be believed.
    pub out_of_window: u64,
    /// Connections given up by [`Reassembler::release`] (not SMTP).
    pub released_connections: u64,
    /// Segments of released connections, passed over with one lookup each.
    pub released_segments: u64,
}

/// Where an event comes from: a frame number and its capture time.
#[derive(Clone, Copy, Debug)]
struct At {
    frame: u64,
    ts: Timestamp,
}

/// Adds one to a counter.
fn bump(counter: &mut u64) {
    *counter = counter.saturating_add(1);
}

/// Whether a segment carries payload bytes, captured or cut off by the snap length.
fn carries_data(seg: &Segment<'_>) -> bool {
    !seg.payload.is_empty() || seg.payload_truncated > 0
}

/// Hands one event to the sink.
fn emit(sink: &mut dyn StreamSink, conn: ConnId, dir: Direction, at: At, kind: EventKind<'_>) {
    sink.on_event(StreamEvent {
        conn,
        dir,
        ts: at.ts,
        frame: at.frame,
        kind,
    });
}

/// What stays of a connection closed by FIN or RST, until the idle timeout.
#[derive(Clone, Copy, Debug)]
struct Tombstone {
    id: ConnId,
    expires: Timestamp,
}

/// A connection the caller gave up ([`Reassembler::release`]): its segments are passed over until
/// it is quiet for the idle timeout or a new SYN reuses its ports.
#[derive(Clone, Copy, Debug)]
struct Released {
    id: ConnId,
    last_ts: Timestamp,
}

/// A lazily re-armed deadline: (when, which 4-tuple, which connection or tombstone).
type Timer = Reverse<(Timestamp, FlowKey, ConnId)>;

/// Rebuilds TCP byte streams. See the module documentation for the policies.
#[derive(Debug)]
pub struct Reassembler {
    limits: ReasmLimits,
    server_ports: PortSet,
    next_id: u64,
    /// Boxed: the table's spare capacity costs a pointer a slot, not a whole connection.
    conns: FlowMap<FlowKey, Box<Conn>>,
    tombstones: FlowMap<FlowKey, Tombstone>,
    released: FlowMap<FlowKey, Released>,
    timers: BinaryHeap<Timer>,
    total_buffered: usize,
    stats: ReasmStats,
    budget: Budget,
    /// Timers left after the last compaction (see [`Reassembler::compact_timers`]).
    timers_floor: usize,
    /// When the last early-close pass under pressure ran (`live`).
    last_pressure_pass: Option<Timestamp>,
    /// The connections still to end at the end of input, highest id first (see
    /// [`Reassembler::finish_some`]).
    closing: Option<Vec<(ConnId, FlowKey)>>,
}

impl Reassembler {
    /// A reassembler that treats `server_ports` as the server side.
    pub fn new(limits: ReasmLimits, server_ports: PortSet) -> Self {
        Reassembler::with_first_id(limits, server_ports, ConnId(1))
    }

    /// Like [`Reassembler::new`], numbering connections from `first` (to keep ids unique over
    /// several captures: pass the previous reassembler's [`Reassembler::next_id`]).
    pub fn with_first_id(limits: ReasmLimits, server_ports: PortSet, first: ConnId) -> Self {
        Reassembler {
            limits,
            server_ports,
            next_id: first.0,
            conns: FlowMap::default(),
            tombstones: FlowMap::default(),
            released: FlowMap::default(),
            timers: BinaryHeap::new(),
            total_buffered: 0,
            stats: ReasmStats::default(),
            budget: Budget::new(limits.max_connections),
            timers_floor: 0,
            last_pressure_pass: None,
            closing: None,
        }
    }

    /// The id the next connection will get.
    pub fn next_id(&self) -> ConnId {
        ConnId(self.next_id)
    }

    /// Run-wide counters.
    pub fn stats(&self) -> &ReasmStats {
        &self.stats
    }

    /// What the connection budget had to give up, and the peaks it saw.
    pub fn flood_stats(&self) -> &FloodStats {
        self.budget.stats()
    }

    /// Memory held by out-of-order pieces over all connections (bytes plus per-piece overhead).
    pub fn buffered_bytes(&self) -> usize {
        self.total_buffered
    }

    /// Connections currently open.
    pub fn open_connections(&self) -> usize {
        self.conns.len()
    }

    /// Tombstones currently kept (closed 4-tuples within the idle timeout).
    pub fn tombstones(&self) -> usize {
        self.tombstones.len()
    }

    /// Idle timers currently queued (live ones and stale ones not yet dropped).
    pub fn timers(&self) -> usize {
        self.timers.len()
    }

    /// Takes one segment.
    pub fn push(&mut self, segment: &Segment<'_>, sink: &mut dyn StreamSink) {
        let key = FlowKey::new(segment.src, segment.dst);
        let syn_only = segment.flags.syn() && !segment.flags.ack() && !segment.flags.rst();
        let state = self.conns.get(&key).map(|conn| {
            let idle = segment.ts >= conn.last_ts.plus_secs(self.limits.idle_timeout_secs);
            (idle, syn_only && conn.is_new_syn(segment))
        });
        if let Some((idle, reused)) = state {
            if !idle && !reused {
                self.feed_open(key, segment, sink);
                return;
            }
            self.end(
                key,
                if idle {
                    CloseCause::Idle
                } else {
                    CloseCause::Reused
                },
                sink,
            );
        }
        if let Some(released) = self.released.get_mut(&key) {
            let quiet = segment.ts >= released.last_ts.plus_secs(self.limits.idle_timeout_secs);
            if !syn_only && !quiet {
                released.last_ts = released.last_ts.max(segment.ts);
                bump(&mut self.stats.released_segments);
                return;
            }
            self.released.remove(&key);
        }
        if let Some(tomb) = self.tombstones.get(&key) {
            if segment.ts >= tomb.expires || syn_only {
                self.tombstones.remove(&key);
            } else {
                bump(&mut self.stats.ignored_segments);
                return;
            }
        }
        if segment.flags.rst() || (!segment.flags.syn() && !carries_data(segment)) {
            bump(&mut self.stats.ignored_segments);
            return;
        }
        self.open(key, segment, sink);
        self.feed_open(key, segment, sink);
    }

    /// Feeds a segment to the open connection `key` and ends it if the segment closed it.
    fn feed_open(&mut self, key: FlowKey, segment: &Segment<'_>, sink: &mut dyn StreamSink) {
        if let Some(conn) = self.conns.get_mut(&key) {
            let quiet = conn.last_data.is_none();
            let ending = feed(
                conn,
                segment,
                &self.limits,
                &mut self.stats,
                &mut self.total_buffered,
                sink,
            );
            if quiet && conn.last_data.is_some() {
                self.budget.spoke();
            }
            self.after_feed(key, ending, sink);
        }
    }

    fn after_feed(&mut self, key: FlowKey, ending: Option<CloseCause>, sink: &mut dyn StreamSink) {
        if let Some(cause) = ending {
            self.end(key, cause, sink);
        }
        if self.total_buffered > self.limits.max_buffered_total {
            self.enforce_total_cap(sink);
        }
    }

    /// Opens a connection for the segment that starts it, evicting one first if the budget is full.
    fn open(&mut self, key: FlowKey, seg: &Segment<'_>, sink: &mut dyn StreamSink) {
        while self.budget.full(self.conns.len()) {
            let Some(victim) = self.budget.victim(&self.conns, seg.ts) else {
                break; // cannot happen: a full budget has connections to evict
            };
            self.end(victim, CloseCause::Evicted, sink);
        }
        let (client, server) = choose_roles(&self.server_ports, seg);
        let id = ConnId(self.next_id);
        self.next_id = self.next_id.wrapping_add(1);
        bump(&mut self.stats.connections);
        let at = At {
            frame: seg.frame,
            ts: seg.ts,
        };
        let info = ConnInfo {
            id,
            client,
            server,
            handshake_seen: seg.flags.syn(),
            first_frame: seg.frame,
            start: seg.ts,
        };
        emit(sink, id, Direction::ClientToServer, at, EventKind::Open(info));
        self.conns.insert(
            key,
            Box::new(Conn {
                id,
                client_is_lo: client == key.lo,
                c2s: Half::new(Direction::ClientToServer),
                s2c: Half::new(Direction::ServerToClient),
                last_ts: seg.ts,
                last_frame: seg.frame,
                last_data: None,
                ending: None,
            }),
        );
        self.budget.opened(id, key, seg.ts, self.conns.len());
        self.arm(seg.ts.plus_secs(self.limits.idle_timeout_secs), key, id);
    }

    fn arm(&mut self, when: Timestamp, key: FlowKey, id: ConnId) {
        self.timers.push(Reverse((when, key, id)));
    }

    /// Removes and closes a connection; leaves a tombstone after FIN or RST.
    fn end(&mut self, key: FlowKey, cause: CloseCause, sink: &mut dyn StreamSink) {
        let Some(conn) = self.conns.remove(&key) else {
            return;
        };
        self.total_buffered = self.total_buffered.saturating_sub(conn.buffered());
        self.budget.ended(conn.last_data.is_none(), &self.conns);
        if matches!(cause, CloseCause::Fin | CloseCause::Rst) {
            let expires = conn.last_ts.plus_secs(self.limits.idle_timeout_secs);
            self.bury(key, Tombstone { id: conn.id, expires });
        }
        conn.close(cause, sink);
        self.compact_timers();
    }

    /// Keeps a tombstone, within the budget: when tombstones reach the connection budget, the
    /// half that expire first are dropped (a dropped tombstone only lets a late retransmission
    /// open a mid-stream connection).
    fn bury(&mut self, key: FlowKey, tomb: Tombstone) {
        make_room(&mut self.tombstones, self.budget.max(), |t| t.expires);
        self.tombstones.insert(key, tomb);
        self.arm(tomb.expires, key, tomb.id);
    }

    /// Drops the timers of connections, tombstones and released 4-tuples that no longer exist once
    /// the heap holds twice as many as are live (or as were left by the last compaction: a live one
    /// has at most two), so evictions and early closes cannot make the heap grow.
    fn compact_timers(&mut self) {
        let live = self
            .conns
            .len()
            .saturating_add(self.tombstones.len())
            .saturating_add(self.released.len())
            .max(self.timers_floor);
        if self.timers.len() <= live.saturating_mul(2).saturating_add(1024) {
            return;
        }
        let conns = &self.conns;
        let tombstones = &self.tombstones;
        let released = &self.released;
        self.timers.retain(|Reverse((_, key, id))| {
            conns.get(key).is_some_and(|c| c.id == *id)
                || tombstones.get(key).is_some_and(|t| t.id == *id)
                || released.get(key).is_some_and(|r| r.id == *id)
        });
        self.timers_floor = self.timers.len();
    }

    /// Over the total cap: the connections holding most (lowest id on ties) give up their earliest
    /// hole, one each in that order, until seven eighths of the cap are left (so that a flood of
    /// connections each holding a little costs one scan per eighth of the cap, not one per segment).
    fn enforce_total_cap(&mut self, sink: &mut dyn StreamSink) {
        let cap = self.limits.max_buffered_total;
        let target = cap.saturating_sub(cap / 8);
        while self.total_buffered > target {
            let mut holders: Vec<(usize, ConnId, FlowKey)> = self
                .conns
                .iter()
                .filter(|(_, c)| c.buffered() > 0)
                .map(|(k, c)| (c.buffered(), c.id, *k))
                .collect();
            holders.sort_unstable_by_key(|(held, id, _)| (Reverse(*held), *id));
            let mut freed = false;
            for (_, _, key) in holders {
                if self.total_buffered <= target {
                    break;
                }
                freed |= self.give_up_hole(key, sink);
            }
            if !freed {
                break; // forcing freed nothing (cannot happen); never loop forever
            }
        }
    }

    /// The total cap's step for one connection: its fuller direction declares its earliest hole a
    /// gap. Returns whether that freed memory or ended the connection.
    fn give_up_hole(&mut self, key: FlowKey, sink: &mut dyn StreamSink) -> bool {
        let Some(conn) = self.conns.get_mut(&key) else {
            return false;
        };
        let before = conn.buffered();
        let at = conn.last_at();
        let id = conn.id;
        let half = if conn.s2c.asm.memory() > conn.c2s.asm.memory() {
            &mut conn.s2c
        } else {
            &mut conn.c2s
        };
        half.force_hole(sink, id, at, GapCause::TotalMemoryCap, None);
        let after = conn.buffered();
        let finished = conn.c2s.fin_emitted && conn.s2c.fin_emitted;
        self.total_buffered = self.total_buffered.saturating_sub(before).saturating_add(after);
        if finished {
            self.end(key, CloseCause::Fin, sink);
        }
        after < before || finished
    }

    /// Gives up connection `id` (whose segments have `key`): its state is freed and no event comes
    /// for it any more, not even `Close`; its later segments are counted in
    /// [`ReasmStats::released_segments`] with one lookup each, until it is quiet for the idle timeout
    /// or a new SYN reuses its ports (then it is a new connection). For connections the caller found
    /// not to be of interest (not SMTP).
    pub fn release(&mut self, key: FlowKey, id: ConnId) {
        let key = match self.conns.get(&key) {
            Some(conn) if conn.id == id => key,
            _ => match self.conns.iter().find(|(_, c)| c.id == id) {
                Some((k, _)) => *k,
                None => return,
            },
        };
        let Some(conn) = self.conns.remove(&key) else {
            return;
        };
        self.total_buffered = self.total_buffered.saturating_sub(conn.buffered());
        self.budget.ended(conn.last_data.is_none(), &self.conns);
        bump(&mut self.stats.released_connections);
        // Released 4-tuples are kept within the budget too (a flood of connections that are not
        // SMTP must not grow them): the half whose quiet time ends first give way.
        let idle = self.limits.idle_timeout_secs;
        make_room(&mut self.released, self.budget.max(), |r| {
            r.last_ts.plus_secs(idle)
        });
        self.released.insert(
            key,
            Released {
                id,
                last_ts: conn.last_ts,
            },
        );
        self.arm(conn.last_ts.plus_secs(idle), key, id);
        self.compact_timers();
    }

    /// Closes connections idle for the idle timeout as of capture time `now`, in the order of their
    /// last packets (and, with
    /// [`ReasmLimits::pressure_idle_timeout_secs`] set and the budget three quarters full, those
    /// idle for the shorter timeout, at most one pass a second).
    pub fn flush_idle(&mut self, now: Timestamp, sink: &mut dyn StreamSink) {
        let idle = self.limits.idle_timeout_secs;
        let mut due = Vec::new();
        while let Some(Reverse((when, key, id))) = self.timers.peek().copied() {
            if when > now {
                break;
            }
            self.timers.pop();
            if let Some(conn) = self.conns.get(&key).filter(|c| c.id == id) {
                let deadline = conn.last_ts.plus_secs(idle);
                if deadline <= now {
                    due.push((conn.last_ts, key));
                } else {
                    self.arm(deadline, key, id);
                }
            } else if self
                .tombstones
                .get(&key)
                .is_some_and(|t| t.id == id && t.expires <= now)
            {
                self.tombstones.remove(&key);
            } else if let Some(released) = self.released.get(&key).filter(|r| r.id == id).copied() {
                let deadline = released.last_ts.plus_secs(idle);
                if deadline <= now {
                    self.released.remove(&key);
                } else {
                    self.arm(deadline, key, id);
                }
            }
        }
        // In the order of their last packets (then flows), whatever their timers' history: the
        // order a reader of the report expects, and one that any split of the connections keeps.
        due.sort_unstable();
        due.dedup();
        for (_, key) in due {
            self.end(key, CloseCause::Idle, sink);
        }
        self.close_under_pressure(now, sink);
    }

    /// The early-close pass of [`Reassembler::flush_idle`] under pressure, in id order.
    fn close_under_pressure(&mut self, now: Timestamp, sink: &mut dyn StreamSink) {
        let Some(short) = self.limits.pressure_idle_timeout_secs else {
            return;
        };
        if !self.budget.under_pressure(self.conns.len())
            || self
                .last_pressure_pass
                .is_some_and(|last| now < last.plus_secs(1) && now >= last)
        {
            return;
        }
        self.last_pressure_pass = Some(now);
        let mut idle: Vec<(ConnId, FlowKey)> = self
            .conns
            .iter()
            .filter(|(_, c)| c.last_ts.plus_secs(short) <= now)
            .map(|(k, c)| (c.id, *k))
            .collect();
        idle.sort_unstable();
        for (_, key) in idle {
            self.budget.pressure_closed(now);
            self.end(key, CloseCause::Idle, sink);
        }
    }

    /// Ends every open connection ([`CloseCause::EndOfInput`]), in id order.
    pub fn finish(&mut self, sink: &mut dyn StreamSink) {
        while self.finish_some(usize::MAX, sink) > 0 {}
    }

    /// Ends at most `max` of the connections still open at the end of input
    /// ([`CloseCause::EndOfInput`]), in id order, and returns how many it ended: call it until it
    /// returns 0 to finish in batches (a caller that prints between batches never holds every
    /// session at once). The last call also forgets tombstones and timers.
    pub fn finish_some(&mut self, max: usize, sink: &mut dyn StreamSink) -> usize {
        let conns = &self.conns;
        let closing = self.closing.get_or_insert_with(|| {
            let mut open: Vec<(ConnId, FlowKey)> = conns.iter().map(|(k, c)| (c.id, *k)).collect();
            open.sort_unstable_by(|a, b| b.cmp(a));
            open
        });
        let batch: Vec<FlowKey> = (0..max)
            .map_while(|_| closing.pop())
            .map(|(_, key)| key)
            .collect();
        for key in &batch {
            self.end(*key, CloseCause::EndOfInput, sink);
        }
        if batch.is_empty() {
            self.closing = None;
            self.tombstones.clear();
            self.released.clear();
            self.timers.clear();
            self.total_buffered = 0;
        }
        batch.len()
    }
}

/// Makes room for one more entry in `map` when it holds `max` or more: the half that expire first
/// (by `expiry`) are dropped, so one scan pays for half of `max` insertions.
fn make_room<V>(map: &mut FlowMap<FlowKey, V>, max: usize, expiry: impl Fn(&V) -> Timestamp) {
    if map.len() < max {
        return;
    }
    let mut expiries: Vec<Timestamp> = map.values().map(&expiry).collect();
    let middle = expiries.len() / 2;
    let (_, &mut cut, _) = expiries.select_nth_unstable(middle);
    map.retain(|_, v| expiry(v) > cut);
}

/// Processes a segment of a live connection and keeps the total of buffered bytes; returns how the
/// segment ended the connection, if it did.
fn feed(
    conn: &mut Conn,
    seg: &Segment<'_>,
    limits: &ReasmLimits,
    stats: &mut ReasmStats,
    total_buffered: &mut usize,
    sink: &mut dyn StreamSink,
) -> Option<CloseCause> {
    let before = conn.buffered();
    conn.process(seg, limits, stats, sink);
    *total_buffered = total_buffered
        .saturating_sub(before)
        .saturating_add(conn.buffered());
    conn.ending
}

/// (client, server) for the segment that opens a connection; see the module doc.
fn choose_roles(server_ports: &PortSet, seg: &Segment<'_>) -> (SocketAddr, SocketAddr) {
    let src_is_server = server_ports.contains(seg.src.port());
    let dst_is_server = server_ports.contains(seg.dst.port());
    let src_serves = if src_is_server != dst_is_server {
        src_is_server
    } else if seg.flags.syn() {
        // The SYN's receiver is the server; a SYN-ACK's sender is that receiver.
        seg.flags.ack()
    } else {
        seg.src.port() < seg.dst.port()
    };
    if src_serves {
        (seg.dst, seg.src)
    } else {
        (seg.src, seg.dst)
    }
}

#[cfg(test)]
mod tests {
    use super::assembler::Assembler;
    use super::*;

    /// The floor of a quiet connection in the reassembler: its boxed state, its table key and its
    /// idle timer (plus the table's spare room and the budget's queue entry, measured in the
    /// README). Buffers come only with out-of-order data, boxed on demand.
    #[test]
    fn a_quiet_connection_costs_a_few_hundred_bytes() {
        let floor = std::mem::size_of::<Conn>()
            + std::mem::size_of::<FlowKey>()
            + std::mem::size_of::<Box<Conn>>()
            + std::mem::size_of::<Timer>();
        // 624 bytes today: 464 of state (both directions' counters and the acknowledgement state
        // that tells loss from spurious retransmissions included), 64 of key, 8 of box, 88 of timer.
        assert!(floor <= 640, "{floor} bytes");
        assert_eq!(std::mem::size_of::<Assembler>(), std::mem::size_of::<usize>());
    }
}
