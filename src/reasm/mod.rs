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

use std::net::SocketAddr;

use crate::capture::Timestamp;
use crate::net::{Direction, PortSet, Segment};

/// Named limits on what the reassembler keeps, and the idle timeout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReasmLimits {
    /// Out-of-order bytes buffered per connection (both directions) before the earliest hole is
    /// declared a gap ([`GapCause::ConnectionMemoryCap`]).
    pub max_buffered_per_connection: usize,
    /// Out-of-order bytes buffered over all connections before the connection holding the most is
    /// forced to give up its earliest hole ([`GapCause::TotalMemoryCap`]).
    pub max_buffered_total: usize,
    /// Out-of-order segments kept per direction ([`GapCause::TooManySegments`] beyond it).
    pub max_segments_per_direction: usize,
    /// Seconds of capture time without a packet after which a connection is closed
    /// ([`CloseCause::Idle`]) and its holes flushed.
    pub idle_timeout_secs: u64,
}

impl Default for ReasmLimits {
    fn default() -> Self {
        ReasmLimits {
            max_buffered_per_connection: 4 << 20,
            max_buffered_total: 256 << 20,
            max_segments_per_direction: 4096,
            idle_timeout_secs: 600,
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
    /// Payload bytes delivered in order.
    pub bytes: u64,
    /// Overlapping bytes whose content differed from what was kept (first copy wins).
    pub conflicting_overlaps: u64,
    /// The gaps, in stream order (at most [`MAX_GAP_RECORDS`] kept; `gap_count` counts them all).
    pub gaps: Vec<GapRecord>,
    /// Every gap, including those beyond the kept records.
    pub gap_count: u64,
    /// Whether this direction's FIN was seen.
    pub fin: bool,
    /// Whether this direction sent a RST.
    pub rst: bool,
}

/// How many gap records a direction keeps (later gaps are only counted).
pub const MAX_GAP_RECORDS: usize = 64;

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

/// Rebuilds TCP byte streams. (Helper-owned: to be written.)
#[derive(Debug)]
pub struct Reassembler {}

impl Reassembler {
    /// A reassembler that treats `server_ports` as the server side.
    pub fn new(limits: ReasmLimits, server_ports: PortSet) -> Self {
        let _ = (limits, server_ports);
        todo!()
    }

    /// Takes one segment.
    pub fn push(&mut self, segment: &Segment<'_>, sink: &mut dyn StreamSink) {
        let _ = (segment, sink);
        todo!()
    }

    /// Closes connections idle for the idle timeout as of capture time `now`.
    pub fn flush_idle(&mut self, now: Timestamp, sink: &mut dyn StreamSink) {
        let _ = (now, sink);
        todo!()
    }

    /// Ends every open connection ([`CloseCause::EndOfInput`]).
    pub fn finish(&mut self, sink: &mut dyn StreamSink) {
        let _ = sink;
        todo!()
    }
}
