//! One connection: its two directions, which of them a segment belongs to, and what a segment does to
//! them (SYN, ACK, data, FIN, RST), the per-connection buffer cap shared between the two included.
//!
//! Owns [`Conn`]: [`Conn::process`] takes a segment, [`Conn::close`] flushes both directions.
//! Must not: open, evict or release connections, keep the total cap or the timers (the
//! [`Reassembler`](super::Reassembler) does), read clocks, or print.

use super::assembler::Rejected;
use super::budget::Waiting;
use super::half::Half;
use super::seq::SeqNum;
use super::{
    bump, carries_data, emit, At, CloseCause, ConnId, ConnSummary, EventKind, GapCause, ReasmLimits,
    ReasmStats, StreamSink,
};
use crate::capture::Timestamp;
use crate::net::{Direction, Segment};

/// One connection.
#[derive(Debug)]
pub(super) struct Conn {
    pub(super) id: ConnId,
    /// Whether the client is the lower endpoint of the 4-tuple ([`FlowKey::lo`](crate::net::FlowKey::lo)).
    pub(super) client_is_lo: bool,
    pub(super) c2s: Half,
    pub(super) s2c: Half,
    pub(super) last_ts: Timestamp,
    pub(super) last_frame: u64,
    /// When the last segment with payload came (`None`: the connection is quiet so far).
    pub(super) last_data: Option<Timestamp>,
    /// Set when a segment ended the connection (FIN both ways, RST).
    pub(super) ending: Option<CloseCause>,
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
    pub(super) fn buffered(&self) -> usize {
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

    pub(super) fn last_at(&self) -> At {
        At {
            frame: self.last_frame,
            ts: self.last_ts,
        }
    }

    /// Whether a SYN without ACK from `src` starts a new connection: its direction already started
    /// (with another SYN, or with data) and this is not a retransmission of its SYN.
    pub(super) fn is_new_syn(&self, seg: &Segment<'_>) -> bool {
        let seq = seg.seq;
        let half = match self.dir_of(seg) {
            Direction::ClientToServer => &self.c2s,
            Direction::ServerToClient => &self.s2c,
        };
        half.started && half.syn_seq != Some(SeqNum(seq))
    }

    /// Processes one segment of this connection.
    pub(super) fn process(
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
    pub(super) fn close(mut self, cause: CloseCause, sink: &mut dyn StreamSink) {
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
