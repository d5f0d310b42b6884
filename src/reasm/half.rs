//! One direction of a connection: where its stream stands, the bytes it holds ahead of a hole, what
//! the peer acknowledged, the stretches the snap length cut, and the `Data`, `Gap` and `Fin` it emits.
//!
//! Owns [`Half`] and its [`SnapHoles`]: in-order delivery, the ACK rule, forced holes, the flush at
//! close and the direction's counters, as the policies of [`super`] state them.
//! Must not: see the other direction or the connection table (the connection passes in what it needs).

use super::assembler::{self, Assembler};
use super::seq::SeqNum;
use super::{
    bump, emit, At, ConnId, DirStats, EventKind, GapCause, GapRecord, ReasmStats, StreamSink, MAX_AHEAD,
    MAX_GAP_RECORDS, MAX_RESENT_RECORDS, MAX_SNAP_HOLES,
};
use crate::net::Direction;

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
pub(super) struct Half {
    dir: Direction,
    /// Whether the stream start is known (SYN seen, or the first byte).
    pub(super) started: bool,
    /// Sequence number of the next expected byte.
    pub(super) next_seq: SeqNum,
    /// Stream offset of the next expected byte (bytes delivered plus gaps).
    pub(super) next_off: u64,
    /// The ISN, when this direction's SYN was seen.
    pub(super) syn_seq: Option<SeqNum>,
    /// Stream ranges `[start, end)` that segments carried but the snap length cut off, in order
    /// (at most [`MAX_SNAP_HOLES`]; beyond, a cut range is declared by the ACK rule or the close
    /// like any hole, under their cause).
    snap_holes: SnapHoles,
    /// Highest stream offset the peer acknowledged (bytes below it that never came are a gap,
    /// declared lazily: see the module doc).
    pub(super) acked_off: u64,
    /// Highest stream offset the peer acknowledged at all (delivered bytes included): a copy of
    /// bytes below it was not needed.
    peer_has: u64,
    /// Stream offset of the FIN, once seen (first FIN wins).
    pub(super) fin_off: Option<u64>,
    pub(super) fin_emitted: bool,
    pub(super) asm: Assembler,
    pub(super) stats: DirStats,
}

impl Half {
    /// A segment that brought no new byte, at stream offsets `start..end` (`end` past `start` for
    /// data): spurious when the peer had acknowledged all of it before it came, otherwise loss
    /// repaired, remembered for a D-SACK that may still call it spurious.
    pub(super) fn retransmission(&mut self, frame: u64, span: Option<(u64, u64)>) {
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
    pub(super) fn duplicate_reported(&mut self, left: SeqNum, right: SeqNum) {
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

    pub(super) fn new(dir: Direction) -> Self {
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
    pub(super) fn start_at(&mut self, seq: SeqNum) {
        self.started = true;
        self.next_seq = seq;
        self.next_off = 0;
    }

    /// Stream offset of `seq` (negative: before the stream start), or `None` when out of window.
    pub(super) fn offset_of(&self, seq: SeqNum) -> Option<i128> {
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
    pub(super) fn note_snap_hole(&mut self, start: u64, len: u64) {
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
    pub(super) fn settle(&mut self, sink: &mut dyn StreamSink, id: ConnId, at: At) {
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
    pub(super) fn deliver_in_order(&mut self, sink: &mut dyn StreamSink, id: ConnId, at: At, bytes: &[u8]) {
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
    pub(super) fn force_hole(
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
    pub(super) fn acknowledged(&mut self, ack: SeqNum, stats: &mut ReasmStats) {
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
    pub(super) fn acked_may_be_fin(&self) -> bool {
        self.fin_off.is_none() && self.asm.last_end().is_none_or(|end| end < self.acked_off)
    }

    /// Whether acknowledged bytes are still missing.
    pub(super) fn ack_pending(&self) -> bool {
        self.acked_off > self.next_off
    }

    /// The ACK rule, second half: every acknowledged byte that is neither delivered nor buffered is
    /// missing: a gap up to the next buffered piece, that piece and what follows it, and so on.
    /// Stops at `stop` (the offset of a segment being placed: its own bytes are not missing).
    pub(super) fn apply_acked(&mut self, sink: &mut dyn StreamSink, id: ConnId, at: At, stop: u64) {
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
    pub(super) fn flush_closed(&mut self, sink: &mut dyn StreamSink, id: ConnId, at: At) {
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
