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
//! is hashed with the standard, flood-resistant hasher.
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
pub mod counter;
pub mod seq;

use assembler::{Assembler, Rejected};
pub use budget::FloodStats;
use budget::{Budget, Waiting};
use seq::SeqNum;

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

/// Identifies one connection within a run (port reuse gives a new id).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConnId(pub u64);

/// What is known about a connection when it is first seen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnInfo {
    /// The connection's id.
    pub id: ConnId,
    /// The client's endpoint.
    pub client: SocketAddr,
    /// The server's endpoint: the side on a server port, otherwise the side that received the SYN.
    pub server: SocketAddr,
    /// Whether the SYN was in the capture (false: picked up mid-stream).
    pub handshake_seen: bool,
    /// Frame number of the first packet.
    pub first_frame: u64,
    /// Time of the first packet.
    pub start: Timestamp,
}

/// Why the bytes of a gap were declared missing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GapCause {
    /// The peer acknowledged bytes that never appeared in the capture.
    Acked,
    /// The connection ended (FIN, RST, idle, end of input) with the hole still open.
    Closed,
    /// The per-connection buffer cap was reached.
    ConnectionMemoryCap,
    /// The total buffer cap was reached.
    TotalMemoryCap,
    /// Too many out-of-order segments were held in one direction.
    TooManySegments,
    /// The capture kept only the start of the packet (its snap length): the bytes travelled, the
    /// capture did not keep them.
    Snaplen,
}

/// How a connection ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CloseCause {
    /// Both directions sent FIN.
    Fin,
    /// A RST was seen.
    Rst,
    /// No packet for the idle timeout.
    Idle,
    /// A new SYN reused the 4-tuple.
    Reused,
    /// The capture ended with the connection still open.
    EndOfInput,
    /// The connection budget was full and this connection had waited longest without data.
    Evicted,
}

/// One gap in one direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct GapRecord {
    /// Stream offset (bytes from the first byte seen in this direction) where the gap starts.
    pub offset: u64,
    /// Missing bytes.
    pub len: u64,
    /// Why it was declared.
    pub cause: GapCause,
}

/// Per-direction transport counters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DirStats {
    /// Segments seen (with or without payload).
    pub segments: u64,
    /// Segments carrying only bytes already delivered or buffered.
    pub retransmitted: u64,
    /// Of `retransmitted`, those that were not loss: a repeated SYN or FIN, a keep-alive, a copy of
    /// bytes the peer had acknowledged before it came, or one the peer reported receiving twice
    /// (a D-SACK, RFC 2883: a spurious timeout or a tail-loss probe).
    pub spurious: u64,
    /// Bytes the other retransmissions (loss repaired) carried.
    pub resent_bytes: u64,
    /// Where loss was repaired: (frame, stream offset) of the first retransmissions that were loss
    /// (at most [`MAX_RESENT_RECORDS`]).
    pub resent_at: Vec<(u64, u64)>,
    /// Payload bytes delivered in order.
    pub bytes: u64,
    /// Overlapping bytes whose content differed from what was kept (first copy wins).
    pub conflicting_overlaps: u64,
    /// The gaps, in stream order (at most [`MAX_GAP_RECORDS`] kept; `gap_count` counts them all).
    pub gaps: Vec<GapRecord>,
    /// Every gap, including those beyond the kept records.
    pub gap_count: u64,
    /// Bytes the capture did not keep because its snap length cut their packets (never listed in
    /// `gaps` nor counted in `gap_count`: they are a property of the capture, not of the network).
    pub snaplen_bytes: u64,
    /// Segments whose payload the snap length cut.
    pub snaplen_segments: u64,
    /// Whether this direction's FIN was seen.
    pub fin: bool,
    /// Whether this direction sent a RST.
    pub rst: bool,
}

/// How many gap records a direction keeps (later gaps are only counted).
pub const MAX_GAP_RECORDS: usize = 64;

/// How many retransmissions that were loss a direction remembers (where, and to be reclassified
/// by a later D-SACK).
pub const MAX_RESENT_RECORDS: usize = 16;

/// How many stretches cut by the snap length a direction remembers ahead of its next expected byte.
pub const MAX_SNAP_HOLES: usize = 64;

/// What is known about a connection when it ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnSummary {
    /// Why it ended.
    pub cause: CloseCause,
    /// Time of the last packet.
    pub end: Timestamp,
    /// Frame number of the last packet.
    pub last_frame: u64,
    /// Client-to-server counters.
    pub c2s: DirStats,
    /// Server-to-client counters.
    pub s2c: DirStats,
}

/// What happened in a connection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventKind<'a> {
    /// The connection was first seen (always the first event of a connection).
    Open(ConnInfo),
    /// Bytes in stream order.
    Data(&'a [u8]),
    /// Bytes that will never be delivered.
    Gap {
        /// How many bytes are missing.
        len: u64,
        /// Why they were declared missing.
        cause: GapCause,
    },
    /// This direction's FIN, reached in sequence order.
    Fin,
    /// The connection ended (always the last event of a connection).
    Close(ConnSummary),
}

/// An event with its connection, direction, and the frame and time it is attributed to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StreamEvent<'a> {
    /// The connection.
    pub conn: ConnId,
    /// The direction (client-to-server for `Open` and `Close`).
    pub dir: Direction,
    /// Capture time of the packet the event comes from.
    pub ts: Timestamp,
    /// Frame number of the packet the event comes from.
    pub frame: u64,
    /// What happened.
    pub kind: EventKind<'a>,
}

/// Receives stream events. `Data` borrows: copy what you keep.
pub trait StreamSink {
    /// Called for each event, in order.
    fn on_event(&mut self, event: StreamEvent<'_>);
}

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

/// The stretches a direction's snap length cut, ahead of its next expected byte: allocated only for
/// a capture that cuts (one pointer otherwise, in every direction of every open connection).
#[derive(Debug, Default)]
// Boxed on purpose: an empty `VecDeque` costs 32 bytes inline in every direction; this costs 8.
#[allow(clippy::box_collection)]
struct SnapHoles(Option<Box<std::collections::VecDeque<(u64, u64)>>>);

impl SnapHoles {
    fn front(&self) -> Option<&(u64, u64)> {
        self.0.as_ref()?.front()
    }

    fn pop_front(&mut self) {
        if let Some(holes) = self.0.as_mut() {
            holes.pop_front();
            if holes.is_empty() {
                self.0 = None;
            }
        }
    }

    fn len(&self) -> usize {
        self.0.as_ref().map_or(0, |h| h.len())
    }

    fn back_mut(&mut self) -> Option<&mut (u64, u64)> {
        self.0.as_mut()?.back_mut()
    }

    fn push_back(&mut self, hole: (u64, u64)) {
        self.0.get_or_insert_with(Box::default).push_back(hole);
    }
}

/// One direction of a connection.
#[derive(Debug)]
struct Half {
    dir: Direction,
    /// Whether the stream start is known (SYN seen, or the first byte).
    started: bool,
    /// Sequence number of the next expected byte.
    next_seq: SeqNum,
    /// Stream offset of the next expected byte (bytes delivered plus gaps).
    next_off: u64,
    /// The ISN, when this direction's SYN was seen.
    syn_seq: Option<SeqNum>,
    /// Stream ranges `[start, end)` that segments carried but the snap length cut off, in order
    /// (at most [`MAX_SNAP_HOLES`]; beyond, a cut range is declared by the ACK rule or the close
    /// like any hole, under their cause).
    snap_holes: SnapHoles,
    /// Highest stream offset the peer acknowledged (bytes below it that never came are a gap,
    /// declared lazily: see the module doc).
    acked_off: u64,
    /// Highest stream offset the peer acknowledged at all (delivered bytes included): a copy of
    /// bytes below it was not needed.
    peer_has: u64,
    /// Stream offset of the FIN, once seen (first FIN wins).
    fin_off: Option<u64>,
    fin_emitted: bool,
    asm: Assembler,
    stats: DirStats,
}

impl Half {
    /// A segment that brought no new byte, at stream offsets `start..end` (`end` past `start` for
    /// data): spurious when the peer had acknowledged all of it before it came, otherwise loss
    /// repaired, remembered for a D-SACK that may still call it spurious.
    fn retransmission(&mut self, frame: u64, span: Option<(u64, u64)>) {
        bump(&mut self.stats.retransmitted);
        match span {
            Some((start, end)) if end > self.peer_has => {
                self.stats.resent_bytes = self.stats.resent_bytes.saturating_add(end.saturating_sub(start));
                if self.stats.resent_at.len() < MAX_RESENT_RECORDS {
                    self.stats.resent_at.push((frame, start));
                }
            }
            _ => bump(&mut self.stats.spurious),
        }
    }

    /// The peer reports (D-SACK) receiving bytes `left..right` of this direction twice: the
    /// retransmission that re-sent them was not loss.
    fn duplicate_reported(&mut self, left: SeqNum, right: SeqNum) {
        let (Some(lo), Some(hi)) = (self.offset_of(left), self.offset_of(right)) else {
            return;
        };
        let Some(i) = self
            .stats
            .resent_at
            .iter()
            .position(|(_, off)| i128::from(*off) >= lo && i128::from(*off) < hi)
        else {
            return;
        };
        self.stats.resent_at.remove(i);
        let span = u64::try_from(hi.saturating_sub(lo)).unwrap_or(0);
        self.stats.resent_bytes = self.stats.resent_bytes.saturating_sub(span);
        bump(&mut self.stats.spurious);
    }

    fn new(dir: Direction) -> Self {
        Half {
            dir,
            started: false,
            next_seq: SeqNum(0),
            next_off: 0,
            syn_seq: None,
            snap_holes: SnapHoles::default(),
            acked_off: 0,
            peer_has: 0,
            fin_off: None,
            fin_emitted: false,
            asm: Assembler::new(),
            stats: DirStats::default(),
        }
    }

    /// Starts the stream at sequence number `seq` (offset 0).
    fn start_at(&mut self, seq: SeqNum) {
        self.started = true;
        self.next_seq = seq;
        self.next_off = 0;
    }

    /// Stream offset of `seq` (negative: before the stream start), or `None` when out of window.
    fn offset_of(&self, seq: SeqNum) -> Option<i128> {
        let d = seq.distance_from(self.next_seq);
        if d > MAX_AHEAD || d == i64::from(i32::MIN) {
            return None;
        }
        Some(i128::from(self.next_off).saturating_add(i128::from(d)))
    }

    fn advance(&mut self, len: u64) {
        self.next_off = self.next_off.saturating_add(len);
        self.next_seq = self.next_seq.plus_len(len);
    }

    fn deliver(&mut self, sink: &mut dyn StreamSink, id: ConnId, at: At, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        let len = bytes.len() as u64;
        emit(sink, id, self.dir, at, EventKind::Data(bytes));
        self.stats.bytes = self.stats.bytes.saturating_add(len);
        self.advance(len);
    }

    /// Declares `len` bytes from the next expected one missing, for `cause` — except the stretches
    /// the snap length cut, which are declared as such ([`GapCause::Snaplen`]).
    fn gap(&mut self, sink: &mut dyn StreamSink, id: ConnId, at: At, len: u64, cause: GapCause) {
        let end = self.next_off.saturating_add(len);
        while self.next_off < end {
            while self.snap_holes.front().is_some_and(|&(_, e)| e <= self.next_off) {
                self.snap_holes.pop_front();
            }
            let (piece_end, why) = match self.snap_holes.front() {
                Some(&(s, e)) if s <= self.next_off => (e.min(end), GapCause::Snaplen),
                Some(&(s, _)) => (s.min(end), cause),
                None => (end, cause),
            };
            self.declare(sink, id, at, piece_end.saturating_sub(self.next_off), why);
        }
    }

    /// Emits one gap and keeps its record.
    fn declare(&mut self, sink: &mut dyn StreamSink, id: ConnId, at: At, len: u64, cause: GapCause) {
        if len == 0 {
            return;
        }
        emit(sink, id, self.dir, at, EventKind::Gap { len, cause });
        if cause == GapCause::Snaplen {
            self.stats.snaplen_bytes = self.stats.snaplen_bytes.saturating_add(len);
        } else {
            bump(&mut self.stats.gap_count);
            if self.stats.gaps.len() < MAX_GAP_RECORDS {
                self.stats.gaps.push(GapRecord {
                    offset: self.next_off,
                    len,
                    cause,
                });
            }
        }
        self.advance(len);
    }

    /// Remembers that a segment's bytes `[start, start + len)` were cut by the snap length.
    fn note_snap_hole(&mut self, start: u64, len: u64) {
        bump(&mut self.stats.snaplen_segments);
        if start < self.next_off || self.snap_holes.len() >= MAX_SNAP_HOLES {
            return;
        }
        let end = start.saturating_add(len);
        match self.snap_holes.back_mut() {
            Some(last) if last.1 >= start => last.1 = last.1.max(end),
            Some(last) if last.0 > start => {} // out of order: the ACK rule or the close declares it
            _ => self.snap_holes.push_back((start, end)),
        }
    }

    /// Declares a cut range that starts at the next expected byte at once (up to the next buffered
    /// piece): the decoder learns of it when it happens, not at the next acknowledgment.
    fn declare_snap_hole(&mut self, sink: &mut dyn StreamSink, id: ConnId, at: At) -> bool {
        let Some(&(start, end)) = self.snap_holes.front() else {
            return false;
        };
        if start > self.next_off || end <= self.next_off {
            return false;
        }
        let stop = self.asm.first_start().map_or(end, |s| s.min(end));
        if stop <= self.next_off {
            return false;
        }
        let len = stop.saturating_sub(self.next_off);
        self.gap(sink, id, at, len, GapCause::Snaplen);
        true
    }

    /// Delivers the buffered pieces that start at the next expected byte (and the stretches the snap
    /// length cut between them), then the FIN if reached.
    fn settle(&mut self, sink: &mut dyn StreamSink, id: ConnId, at: At) {
        loop {
            if self.asm.first_start() == Some(self.next_off) {
                if let Some((_, piece)) = self.asm.pop_first() {
                    let piece_at = At {
                        frame: piece.frame,
                        ts: piece.ts,
                    };
                    self.deliver(sink, id, piece_at, &piece.data);
                }
            } else if !self.declare_snap_hole(sink, id, at) {
                break;
            }
        }
        if !self.fin_emitted && self.fin_off == Some(self.next_off) {
            self.fin_emitted = true;
            emit(sink, id, self.dir, at, EventKind::Fin);
        }
    }

    /// Delivers an in-order segment (it starts exactly at the next expected byte). Where buffered
    /// pieces overlap it, the pieces win and differing bytes are counted.
    fn deliver_in_order(&mut self, sink: &mut dyn StreamSink, id: ConnId, at: At, bytes: &[u8]) {
        let mut rest = bytes;
        while !rest.is_empty() {
            match self.asm.first_start() {
                None => {
                    self.deliver(sink, id, at, rest);
                    rest = &[];
                }
                Some(start) if start == self.next_off => {
                    if let Some((_, piece)) = self.asm.pop_first() {
                        let overlap = piece.data.len().min(rest.len());
                        let (ours, after) = rest.split_at(overlap);
                        let theirs = piece.data.get(..overlap).unwrap_or_default();
                        self.stats.conflicting_overlaps = self
                            .stats
                            .conflicting_overlaps
                            .saturating_add(assembler::count_differing(theirs, ours));
                        rest = after;
                        let piece_at = At {
                            frame: piece.frame,
                            ts: piece.ts,
                        };
                        self.deliver(sink, id, piece_at, &piece.data);
                    }
                }
                Some(start) => {
                    let until = usize::try_from(start.saturating_sub(self.next_off)).unwrap_or(usize::MAX);
                    let (now, after) = rest.split_at(until.min(rest.len()));
                    self.deliver(sink, id, at, now);
                    rest = after;
                }
            }
        }
        self.settle(sink, id, at);
    }

    /// Declares the earliest hole a gap and delivers what follows it. `placing` is the offset of a
    /// segment of this direction that does not fit: with nothing buffered, the hole before it is the
    /// gap, and an acknowledged hole is declared only up to it (its bytes are not missing).
    fn force_hole(
        &mut self,
        sink: &mut dyn StreamSink,
        id: ConnId,
        at: At,
        cause: GapCause,
        placing: Option<u64>,
    ) {
        if self.ack_pending() {
            // Known losses go first, under their own cause; enough when they freed memory or
            // reached the segment being placed.
            let held = self.asm.bytes();
            self.apply_acked(sink, id, at, placing.unwrap_or(u64::MAX));
            if placing.is_some() || self.asm.bytes() < held {
                return;
            }
        }
        if let Some(end) = self.asm.first_start().or(placing) {
            self.gap(sink, id, at, end.saturating_sub(self.next_off), cause);
            self.settle(sink, id, at);
        }
    }

    /// The ACK rule, first half: the peer acknowledged `ack`; remember how far (capped at the FIN).
    fn acknowledged(&mut self, ack: SeqNum, stats: &mut ReasmStats) {
        let d = ack.distance_from(self.next_seq);
        if d > MAX_AHEAD || d == i64::from(i32::MIN) {
            bump(&mut stats.out_of_window);
            return;
        }
        if d <= 0 {
            let has = i128::from(self.next_off).saturating_sub(i128::from(d.unsigned_abs()));
            self.peer_has = self.peer_has.max(u64::try_from(has).unwrap_or(0));
            return;
        }
        let ack_off = self.next_off.saturating_add(d.unsigned_abs());
        self.peer_has = self.peer_has.max(ack_off);
        // The FIN occupies one sequence number: an acknowledgment of FIN + 1 covers no data.
        let limit = self.fin_off.map_or(ack_off, |fin| fin.min(ack_off));
        self.acked_off = self.acked_off.max(limit);
    }

    /// Whether the acknowledged point may be just past this direction's FIN, which was not seen yet:
    /// no FIN known and nothing buffered from the acknowledged point on.
    fn acked_may_be_fin(&self) -> bool {
        self.fin_off.is_none() && self.asm.last_end().is_none_or(|end| end < self.acked_off)
    }

    /// Whether acknowledged bytes are still missing.
    fn ack_pending(&self) -> bool {
        self.acked_off > self.next_off
    }

    /// The ACK rule, second half: every acknowledged byte that is neither delivered nor buffered is
    /// missing: a gap up to the next buffered piece, that piece and what follows it, and so on.
    /// Stops at `stop` (the offset of a segment being placed: its own bytes are not missing).
    fn apply_acked(&mut self, sink: &mut dyn StreamSink, id: ConnId, at: At, stop: u64) {
        let acked = self.acked_off.min(stop);
        let limit = self.fin_off.map_or(acked, |fin| fin.min(acked));
        while self.next_off < limit {
            let before = self.next_off;
            let hole_end = self.asm.first_start().map_or(limit, |s| s.min(limit));
            self.gap(
                sink,
                id,
                at,
                hole_end.saturating_sub(self.next_off),
                GapCause::Acked,
            );
            self.settle(sink, id, at);
            if self.next_off == before {
                break; // cannot happen (pieces always lie beyond the next byte); never loop forever
            }
        }
        self.settle(sink, id, at);
    }

    /// At close: every remaining hole becomes a gap, buffered bytes are delivered, then the FIN.
    fn flush_closed(&mut self, sink: &mut dyn StreamSink, id: ConnId, at: At) {
        while let Some((start, piece)) = self.asm.pop_first() {
            self.gap(
                sink,
                id,
                at,
                start.saturating_sub(self.next_off),
                GapCause::Closed,
            );
            let skip = usize::try_from(self.next_off.saturating_sub(start)).unwrap_or(usize::MAX);
            let piece_at = At {
                frame: piece.frame,
                ts: piece.ts,
            };
            self.deliver(sink, id, piece_at, piece.data.get(skip..).unwrap_or_default());
        }
        if let Some(fin) = self.fin_off {
            if !self.fin_emitted {
                self.gap(sink, id, at, fin.saturating_sub(self.next_off), GapCause::Closed);
                self.fin_emitted = true;
                emit(sink, id, self.dir, at, EventKind::Fin);
            }
        }
    }
}

/// One connection.
#[derive(Debug)]
struct Conn {
    id: ConnId,
    /// Whether the client is the lower endpoint of the 4-tuple ([`FlowKey::lo`]).
    client_is_lo: bool,
    c2s: Half,
    s2c: Half,
    last_ts: Timestamp,
    last_frame: u64,
    /// When the last segment with payload came (`None`: the connection is quiet so far).
    last_data: Option<Timestamp>,
    /// Set when a segment ended the connection (FIN both ways, RST).
    ending: Option<CloseCause>,
}

impl Waiting for Conn {
    fn id(&self) -> ConnId {
        self.id
    }

    fn last_data(&self) -> Option<Timestamp> {
        self.last_data
    }
}

impl Conn {
    /// Memory held by out-of-order pieces, both directions (what the total cap counts).
    fn buffered(&self) -> usize {
        self.c2s.asm.memory().saturating_add(self.s2c.asm.memory())
    }

    fn dir_of(&self, seg: &Segment<'_>) -> Direction {
        if (seg.src <= seg.dst) == self.client_is_lo {
            Direction::ClientToServer
        } else {
            Direction::ServerToClient
        }
    }

    /// (this direction, the other direction).
    fn halves(&mut self, dir: Direction) -> (&mut Half, &mut Half) {
        match dir {
            Direction::ClientToServer => (&mut self.c2s, &mut self.s2c),
            Direction::ServerToClient => (&mut self.s2c, &mut self.c2s),
        }
    }

    fn last_at(&self) -> At {
        At {
            frame: self.last_frame,
            ts: self.last_ts,
        }
    }

    /// Whether a SYN without ACK from `src` starts a new connection: its direction already started
    /// (with another SYN, or with data) and this is not a retransmission of its SYN.
    fn is_new_syn(&self, seg: &Segment<'_>) -> bool {
        let seq = seg.seq;
        let half = match self.dir_of(seg) {
            Direction::ClientToServer => &self.c2s,
            Direction::ServerToClient => &self.s2c,
        };
        half.started && half.syn_seq != Some(SeqNum(seq))
    }

    /// Processes one segment of this connection.
    fn process(
        &mut self,
        seg: &Segment<'_>,
        limits: &ReasmLimits,
        stats: &mut ReasmStats,
        sink: &mut dyn StreamSink,
    ) {
        let at = At {
            frame: seg.frame,
            ts: seg.ts,
        };
        if seg.ts >= self.last_ts {
            self.last_ts = seg.ts;
        }
        if !seg.payload.is_empty() {
            self.last_data = Some(self.last_data.map_or(seg.ts, |t| t.max(seg.ts)));
        }
        self.last_frame = seg.frame;
        let id = self.id;
        let dir = self.dir_of(seg);
        let (half, peer) = self.halves(dir);
        bump(&mut half.stats.segments);
        if seg.flags.rst() {
            half.stats.rst = true;
            self.ending = Some(CloseCause::Rst);
            return;
        }
        let mut data_seq = SeqNum(seg.seq);
        if seg.flags.syn() {
            data_seq = data_seq.plus(1);
            match half.syn_seq {
                Some(isn) if isn == SeqNum(seg.seq) && seg.payload.is_empty() => {
                    half.retransmission(seg.frame, None);
                }
                Some(isn) if isn == SeqNum(seg.seq) => {}
                Some(_) => return, // a second, different SYN-ACK: not believable; ignore it
                None if !half.started => {
                    half.syn_seq = Some(SeqNum(seg.seq));
                    half.start_at(data_seq);
                }
                None => {} // data of this direction was seen before its SYN: keep that start
            }
        }
        let fin = seg.flags.fin();
        if seg.flags.ack() && peer.started {
            peer.acknowledged(SeqNum(seg.ack), stats);
            // A first SACK block below the acknowledgment is a D-SACK (RFC 2883 §4).
            if let Some((left, right)) = seg.options.sack {
                if !SeqNum(right).is_after(SeqNum(seg.ack)) {
                    peer.duplicate_reported(SeqNum(left), SeqNum(right));
                }
            }
        }
        // The sender read the peer's acknowledged bytes before sending this data or FIN. (A FIN alone
        // waits while the last acknowledged byte may be the peer's own FIN, not captured yet.)
        if peer.ack_pending() && (carries_data(seg) || (fin && !peer.acked_may_be_fin())) {
            peer.apply_acked(sink, id, at, u64::MAX);
        }
        if !half.started && (carries_data(seg) || fin) {
            half.start_at(data_seq);
        }
        if half.started {
            let Some(start) = half.offset_of(data_seq) else {
                bump(&mut stats.out_of_window);
                return;
            };
            let seg_len = (seg.payload.len() as u64).saturating_add(u64::from(seg.payload_truncated));
            if seg.payload_truncated > 0 {
                if let Ok(cut_at) = u64::try_from(start.saturating_add(seg.payload.len() as i128)) {
                    half.note_snap_hole(cut_at, u64::from(seg.payload_truncated));
                }
            }
            // Data at or beyond the acknowledged point: what was acknowledged before it is not coming.
            let beyond_acked = start >= i128::from(half.acked_off);
            if (carries_data(seg) || fin) && half.ack_pending() && beyond_acked {
                half.apply_acked(sink, id, at, u64::MAX);
            }
            let new_data =
                !seg.payload.is_empty() && self.take_data(dir, start, seg.payload, at, limits, sink);
            let (half, _) = self.halves(dir);
            let mut new_fin = false;
            if fin {
                let fin_off = start.saturating_add(i128::from(seg_len));
                match (half.fin_off, u64::try_from(fin_off)) {
                    (None, Ok(off)) if off >= half.next_off => {
                        half.fin_off = Some(off);
                        half.stats.fin = true;
                        new_fin = true;
                    }
                    _ => {}
                }
            }
            let keepalive =
                !carries_data(seg) && !fin && !seg.flags.syn() && data_seq.plus(1) == half.next_seq;
            let resent = !seg.payload.is_empty() && !new_data;
            let resent_fin = !carries_data(seg) && fin && !new_fin;
            if resent {
                // Bytes before the stream's start count from it.
                let start = u64::try_from(start.max(0)).unwrap_or(0);
                half.retransmission(
                    seg.frame,
                    Some((start, start.saturating_add(seg.payload.len() as u64))),
                );
            } else if keepalive || resent_fin {
                half.retransmission(seg.frame, None);
            }
            half.settle(sink, id, at);
        }
        if self.c2s.fin_emitted && self.s2c.fin_emitted {
            self.ending = Some(CloseCause::Fin);
        }
    }

    /// Takes a segment's payload starting at stream offset `start`; returns whether any byte was new.
    fn take_data(
        &mut self,
        dir: Direction,
        start: i128,
        data: &[u8],
        at: At,
        limits: &ReasmLimits,
        sink: &mut dyn StreamSink,
    ) -> bool {
        let id = self.id;
        let mut start = start;
        let mut data = data;
        let (half, _) = self.halves(dir);
        // Nothing travels after a FIN.
        if let Some(fin) = half.fin_off {
            let room = usize::try_from(i128::from(fin).saturating_sub(start).max(0)).unwrap_or(usize::MAX);
            data = data.get(..room.min(data.len())).unwrap_or_default();
        }
        loop {
            let (half, other) = self.halves(dir);
            let next = i128::from(half.next_off);
            let end = start.saturating_add(data.len() as i128);
            if end <= next || data.is_empty() {
                return false;
            }
            if start < next {
                let skip = usize::try_from(next.saturating_sub(start)).unwrap_or(usize::MAX);
                data = data.get(skip..).unwrap_or_default();
                start = next;
            }
            if start == next {
                half.deliver_in_order(sink, id, at, data);
                return true;
            }
            let Ok(offset) = u64::try_from(start) else {
                return false;
            };
            let mark = (half.next_off, other.next_off, half.asm.bytes(), other.asm.bytes());
            let room = limits
                .max_buffered_per_connection
                .saturating_sub(other.asm.bytes());
            match half.asm.insert(
                offset,
                data,
                at.frame,
                at.ts,
                limits.max_segments_per_direction,
                room,
            ) {
                Ok(done) => {
                    half.stats.conflicting_overlaps =
                        half.stats.conflicting_overlaps.saturating_add(done.conflicting);
                    return done.new_bytes > 0;
                }
                Err(Rejected::TooManyPieces) => {
                    half.force_hole(sink, id, at, GapCause::TooManySegments, Some(offset));
                }
                Err(Rejected::TooManyBytes) => {
                    if other.asm.bytes() > half.asm.bytes() {
                        other.force_hole(sink, id, at, GapCause::ConnectionMemoryCap, None);
                    } else {
                        half.force_hole(sink, id, at, GapCause::ConnectionMemoryCap, Some(offset));
                    }
                }
                Err(Rejected::OutOfRange) => return false,
            }
            let (half, other) = self.halves(dir);
            if mark == (half.next_off, other.next_off, half.asm.bytes(), other.asm.bytes()) {
                return false; // forcing made no progress (cannot happen); never loop forever
            }
        }
    }

    /// Flushes both directions and emits `Close`.
    fn close(mut self, cause: CloseCause, sink: &mut dyn StreamSink) {
        let at = self.last_at();
        for half in [&mut self.c2s, &mut self.s2c] {
            half.apply_acked(sink, self.id, at, u64::MAX);
            half.flush_closed(sink, self.id, at);
        }
        let summary = ConnSummary {
            cause,
            end: self.last_ts,
            last_frame: self.last_frame,
            c2s: self.c2s.stats,
            s2c: self.s2c.stats,
        };
        emit(
            sink,
            self.id,
            Direction::ClientToServer,
            at,
            EventKind::Close(summary),
        );
    }
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
