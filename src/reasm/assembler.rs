//! Out-of-order bookkeeping for one direction of one connection: the bytes that arrived ahead of a
//! hole, copied once, each piece remembering the frame and time it came with.
//!
//! Owns [`Assembler`] and [`Piece`]. Contract and invariants:
//! - pieces never overlap and are kept sorted by stream offset; every byte offset is held at most once;
//! - first copy wins: [`Assembler::insert`] stores only the parts of a segment that are not already
//!   held, and counts the overlapping bytes whose content differs (`conflicting`);
//! - an insert that would exceed the caps it is given (pieces, bytes) is rejected with [`Rejected`]
//!   and leaves the assembler exactly as it was (all checks happen before the first change);
//! - the caller (the reassembler) removes pieces from the front as the stream advances and promises
//!   never to insert below the offset it has already delivered.
//!
//! Limits: memory is the held bytes plus the map's nodes and one allocation per piece
//! ([`Assembler::memory`] counts them, see [`held_memory`]), capped by the caller.
//! Must not: emit events, know about sequence numbers, or decide what a cap means.

use std::collections::BTreeMap;

use crate::capture::Timestamp;

/// One map entry: the offset and its [`Piece`].
const ENTRY: usize = std::mem::size_of::<(u64, Piece)>();

/// What a held piece costs beyond its bytes: two map entries (nodes are at least half full) and
/// the allocator's header of its byte buffer.
pub const PIECE_OVERHEAD: usize = 2 * ENTRY + 16;

/// What a non-empty assembler costs before any piece: its first map node (11 entries and a header).
pub const ASSEMBLER_OVERHEAD: usize = 11 * ENTRY + 16;

/// An upper estimate of the memory `pieces` pieces of `bytes` bytes in all hold, so that a flood
/// of one-byte or sparse segments is charged for what it really costs, not for its bytes alone.
pub const fn held_memory(pieces: usize, bytes: usize) -> usize {
    if pieces == 0 {
        return 0;
    }
    bytes
        .saturating_add(pieces.saturating_mul(PIECE_OVERHEAD))
        .saturating_add(ASSEMBLER_OVERHEAD)
}

/// A run of out-of-order bytes with the frame and time of the segment that carried them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// The bytes (never empty).
    pub data: Vec<u8>,
    /// Frame number of the segment they came in.
    pub frame: u64,
    /// Capture time of that segment.
    pub ts: Timestamp,
}

/// What an accepted insert did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Inserted {
    /// Bytes newly held (0: every byte was already held, i.e. a retransmission).
    pub new_bytes: usize,
    /// Pieces added (one per hole the segment filled).
    pub new_pieces: usize,
    /// Overlapping bytes whose content differed from the copy already held (which was kept).
    pub conflicting: u64,
}

/// Why an insert was refused. The assembler is unchanged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rejected {
    /// Holding the new bytes would exceed the piece cap.
    TooManyPieces,
    /// Holding the new bytes would exceed the byte cap.
    TooManyBytes,
    /// The segment's end lies beyond `u64::MAX` (cannot happen with real stream offsets).
    OutOfRange,
}

/// The held out-of-order bytes of one direction. Nothing is allocated while nothing is held (one
/// pointer per direction of every open connection).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Assembler {
    /// `None` exactly when nothing is held.
    held: Option<Box<Held>>,
}

/// What a non-empty assembler holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Held {
    pieces: BTreeMap<u64, Piece>,
    bytes: usize,
}

/// The pieces of an empty assembler.
static NO_PIECES: BTreeMap<u64, Piece> = BTreeMap::new();

/// The result of looking at a segment against what is held, before changing anything.
struct Plan {
    /// Uncovered ranges `[start, end)` of the segment, in order.
    holes: Vec<(u64, u64)>,
    new_bytes: usize,
    conflicting: u64,
}

impl Assembler {
    /// An empty assembler.
    pub fn new() -> Self {
        Assembler::default()
    }

    /// The held pieces by offset (empty when nothing is held).
    fn map(&self) -> &BTreeMap<u64, Piece> {
        self.held.as_ref().map_or(&NO_PIECES, |h| &h.pieces)
    }

    /// Whether nothing is held.
    pub fn is_empty(&self) -> bool {
        self.held.is_none()
    }

    /// How many pieces are held.
    pub fn pieces(&self) -> usize {
        self.map().len()
    }

    /// How many bytes are held.
    pub fn bytes(&self) -> usize {
        self.held.as_ref().map_or(0, |h| h.bytes)
    }

    /// The memory the held pieces cost ([`held_memory`]).
    pub fn memory(&self) -> usize {
        held_memory(self.pieces(), self.bytes())
    }

    /// Stream offset of the first held byte.
    pub fn first_start(&self) -> Option<u64> {
        self.map().keys().next().copied()
    }

    /// Stream offset just past the last held byte.
    pub fn last_end(&self) -> Option<u64> {
        self.map()
            .last_key_value()
            .map(|(&s, p)| s.saturating_add(p.data.len() as u64))
    }

    /// Removes and returns the first piece with its offset.
    pub fn pop_first(&mut self) -> Option<(u64, Piece)> {
        let held = self.held.as_mut()?;
        let (offset, piece) = held.pieces.pop_first()?;
        held.bytes = held.bytes.saturating_sub(piece.data.len());
        if held.pieces.is_empty() {
            self.held = None;
        }
        Some((offset, piece))
    }

    /// The held ranges `[start, end)` in order (for tests and diagnostics).
    pub fn ranges(&self) -> Vec<(u64, u64)> {
        self.map()
            .iter()
            .map(|(&s, p)| (s, s.saturating_add(p.data.len() as u64)))
            .collect()
    }

    /// Holds the parts of `data` (starting at stream `offset`) not already held, provided the
    /// assembler then holds at most `max_pieces` pieces and `max_bytes` bytes.
    ///
    /// # Errors
    /// [`Rejected`] when a cap would be exceeded; nothing is changed then.
    pub fn insert(
        &mut self,
        offset: u64,
        data: &[u8],
        frame: u64,
        ts: Timestamp,
        max_pieces: usize,
        max_bytes: usize,
    ) -> Result<Inserted, Rejected> {
        let plan = self.plan(offset, data).ok_or(Rejected::OutOfRange)?;
        if plan.holes.is_empty() {
            return Ok(Inserted {
                new_bytes: 0,
                new_pieces: 0,
                conflicting: plan.conflicting,
            });
        }
        if self.pieces().saturating_add(plan.holes.len()) > max_pieces {
            return Err(Rejected::TooManyPieces);
        }
        if self.bytes().saturating_add(plan.new_bytes) > max_bytes {
            return Err(Rejected::TooManyBytes);
        }
        let held = self.held.get_or_insert_with(Box::default);
        // Every slice below was checked by `plan`; a failed `get` would only skip that hole.
        for &(start, end) in &plan.holes {
            if let Some(bytes) = slice_between(data, offset, start, end) {
                held.pieces.insert(
                    start,
                    Piece {
                        data: bytes.to_vec(),
                        frame,
                        ts,
                    },
                );
                held.bytes = held.bytes.saturating_add(bytes.len());
            }
        }
        if held.pieces.is_empty() {
            self.held = None; // cannot happen (every hole holds bytes); keep `None` meaning empty
        }
        Ok(Inserted {
            new_bytes: plan.new_bytes,
            new_pieces: plan.holes.len(),
            conflicting: plan.conflicting,
        })
    }

    /// Counts bytes of `data` (at `offset`) that differ from held bytes at the same offsets.
    pub fn conflicts_with(&self, offset: u64, data: &[u8]) -> u64 {
        self.plan(offset, data).map_or(0, |p| p.conflicting)
    }

    /// Finds the uncovered ranges of a segment and its conflicting overlap, without changing anything.
    fn plan(&self, offset: u64, data: &[u8]) -> Option<Plan> {
        let end = offset.checked_add(data.len() as u64)?;
        let mut plan = Plan {
            holes: Vec::new(),
            new_bytes: 0,
            conflicting: 0,
        };
        let mut cursor = offset;
        let pieces = self.map();
        let before = pieces.range(..offset).next_back();
        for (&piece_start, piece) in before.into_iter().chain(pieces.range(offset..end)) {
            let piece_end = piece_start.checked_add(piece.data.len() as u64)?;
            if piece_end <= cursor {
                continue;
            }
            if piece_start > cursor {
                plan.holes.push((cursor, piece_start.min(end)));
            }
            let overlap_start = piece_start.max(cursor);
            let overlap_end = piece_end.min(end);
            let held = slice_between(&piece.data, piece_start, overlap_start, overlap_end)?;
            let fresh = slice_between(data, offset, overlap_start, overlap_end)?;
            plan.conflicting = plan.conflicting.saturating_add(count_differing(held, fresh));
            cursor = overlap_end;
        }
        if cursor < end {
            plan.holes.push((cursor, end));
        }
        for &(s, e) in &plan.holes {
            let len = usize::try_from(e.saturating_sub(s)).ok()?;
            plan.new_bytes = plan.new_bytes.saturating_add(len);
        }
        Some(plan)
    }
}

/// The part of `data` (which starts at stream offset `base`) covering stream offsets `[start, end)`.
fn slice_between(data: &[u8], base: u64, start: u64, end: u64) -> Option<&[u8]> {
    let from = usize::try_from(start.checked_sub(base)?).ok()?;
    let to = usize::try_from(end.checked_sub(base)?).ok()?;
    data.get(from..to)
}

/// How many positions hold different bytes.
pub(crate) fn count_differing(a: &[u8], b: &[u8]) -> u64 {
    a.iter().zip(b).filter(|(x, y)| x != y).count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Timestamp = Timestamp { secs: 0, nanos: 0 };

    fn add(a: &mut Assembler, off: u64, data: &[u8]) -> Result<Inserted, Rejected> {
        a.insert(off, data, off, T, usize::MAX, usize::MAX)
    }

    #[test]
    fn disjoint_inserts_are_kept_sorted() {
        let mut a = Assembler::new();
        add(&mut a, 10, b"kl").unwrap();
        add(&mut a, 2, b"cd").unwrap();
        assert_eq!(a.ranges(), vec![(2, 4), (10, 12)]);
        assert_eq!(a.bytes(), 4);
        assert_eq!(a.first_start(), Some(2));
        assert_eq!(a.last_end(), Some(12));
    }

    #[test]
    fn overlap_keeps_first_copy_and_fills_only_holes() {
        let mut a = Assembler::new();
        add(&mut a, 4, b"EF").unwrap();
        add(&mut a, 8, b"IJ").unwrap();
        let r = add(&mut a, 3, b"Defghijk").unwrap();
        // Held: 4..6 "EF", 8..10 "IJ"; the new segment covers 3..11 → holes 3..4, 6..8, 10..11.
        assert_eq!(r.new_pieces, 3);
        assert_eq!(r.new_bytes, 4);
        assert_eq!(r.conflicting, 4, "E/e F/f I/i J/j differ");
        assert_eq!(a.ranges(), vec![(3, 4), (4, 6), (6, 8), (8, 10), (10, 11)]);
        let mut all = Vec::new();
        while let Some((_, p)) = a.pop_first() {
            all.extend_from_slice(&p.data);
        }
        assert_eq!(all, b"DEFghIJk");
        assert_eq!(a.bytes(), 0);
    }

    #[test]
    fn full_duplicate_adds_nothing() {
        let mut a = Assembler::new();
        add(&mut a, 5, b"hello").unwrap();
        let r = add(&mut a, 6, b"elk").unwrap();
        assert_eq!(
            r,
            Inserted {
                new_bytes: 0,
                new_pieces: 0,
                conflicting: 1
            }
        );
        assert_eq!(a.ranges(), vec![(5, 10)]);
    }

    #[test]
    fn piece_keeps_its_frame_and_time() {
        let mut a = Assembler::new();
        let ts = Timestamp::new(7, 9);
        a.insert(3, b"x", 42, ts, 10, 10).unwrap();
        let (off, p) = a.pop_first().unwrap();
        assert_eq!((off, p.frame, p.ts), (3, 42, ts));
    }

    #[test]
    fn rejected_insert_keeps_state() {
        let mut a = Assembler::new();
        a.insert(10, b"abc", 1, T, 2, 6).unwrap();
        a.insert(20, b"def", 2, T, 2, 6).unwrap();
        let before = a.clone();
        assert_eq!(a.insert(30, b"g", 3, T, 2, 100), Err(Rejected::TooManyPieces));
        assert_eq!(a, before);
        assert_eq!(a.insert(13, b"xyz", 3, T, 3, 8), Err(Rejected::TooManyBytes));
        assert_eq!(a, before);
        // Extending an existing piece's neighbourhood still needs a new piece.
        assert_eq!(a.insert(13, b"x", 3, T, 2, 100), Err(Rejected::TooManyPieces));
        assert_eq!(a, before);
        // A pure duplicate is always accepted, even at the caps.
        assert!(a.insert(10, b"abc", 3, T, 0, 0).is_ok());
        assert_eq!(a, before);
    }

    #[test]
    fn offsets_at_the_top_of_u64_are_rejected_not_wrapped() {
        let mut a = Assembler::new();
        assert_eq!(add(&mut a, u64::MAX - 1, b"abc"), Err(Rejected::OutOfRange));
        assert!(a.is_empty());
    }

    /// Randomized check against a byte map: first copy wins, caps reject without change.
    #[test]
    fn matches_bitmap_model_on_random_inserts() {
        let mut rng: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng
        };
        for round in 0..200 {
            let mut a = Assembler::new();
            let mut model: Vec<Option<u8>> = vec![None; 300];
            let max_pieces = (next() % 12) as usize + 1;
            let max_bytes = (next() % 200) as usize + 1;
            for _ in 0..60 {
                let off = next() % 280;
                let len = (next() % 20) as usize + 1;
                let fill = (next() % 4) as u8;
                let data: Vec<u8> = (0..len).map(|i| fill.wrapping_add(i as u8 % 2)).collect();
                let before = a.clone();
                let expected_conflicts: u64 = (0..len)
                    .filter(|&i| model[off as usize + i].is_some_and(|b| b != data[i]))
                    .count() as u64;
                match a.insert(off, &data, round, T, max_pieces, max_bytes) {
                    Ok(r) => {
                        assert_eq!(r.conflicting, expected_conflicts);
                        let mut new = 0;
                        for (i, &b) in data.iter().enumerate() {
                            let slot = &mut model[off as usize + i];
                            if slot.is_none() {
                                *slot = Some(b);
                                new += 1;
                            }
                        }
                        assert_eq!(r.new_bytes, new);
                    }
                    Err(_) => assert_eq!(a, before, "a rejected insert changed the state"),
                }
                assert!(a.pieces() <= max_pieces && a.bytes() <= max_bytes);
                // Compare contents.
                let mut seen: Vec<Option<u8>> = vec![None; 300];
                let mut last_end = 0;
                for (s, e) in a.ranges() {
                    assert!(s >= last_end && e > s, "pieces overlap or are empty");
                    last_end = e;
                }
                for (s, p) in a.map() {
                    for (i, &b) in p.data.iter().enumerate() {
                        seen[*s as usize + i] = Some(b);
                    }
                }
                assert_eq!(seen, model);
                assert_eq!(a.bytes(), model.iter().filter(|b| b.is_some()).count());
            }
        }
    }
}
