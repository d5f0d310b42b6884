//! What the reassembler tells its sink: [`StreamEvent`]s of an [`EventKind`], and what they carry —
//! the connection's [`ConnId`], what is known at its open ([`ConnInfo`]) and at its close
//! ([`ConnSummary`]: each direction's [`DirStats`] and [`GapRecord`]s), why a gap or a close happened.
//!
//! Owns these public types (re-exported by [`super`]) and the bounds on the records a direction keeps.
//! Must not: hold state or logic (the reassembler fills the types), read clocks, or print.

use std::net::SocketAddr;

use crate::capture::Timestamp;
use crate::net::Direction;

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
