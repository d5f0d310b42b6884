//! The refillable read buffer every capture reader streams through, and the bookkeeping they share
//! (file name, frame counter, statistics, the "finished" latch and error construction).
//!
//! Contract: [`ByteStream`] keeps one buffer of [`BUF_CAP`] bytes for the whole file. A reader asks
//! for `n` contiguous bytes with [`ByteStream::fill`]; the buffer is compacted (the unread tail moved
//! to the front) and refilled only when fewer than `n` bytes are buffered, so in the common case a
//! record is parsed in place and handed out as a borrowed slice, with no copy and no allocation per
//! record. Memory is bounded by [`BUF_CAP`], never by the file size; longer stretches the readers do
//! not need (unknown pcapng blocks, gaps in a NetMon file) are skipped with [`ByteStream::skip`],
//! which reads through them without keeping them.
//!
//! Limits: a single request may not exceed [`BUF_CAP`]; `fill` refuses larger ones (the readers
//! check their length fields against smaller caps first). Must not: know any capture format.

use std::io::{self, Read};

use super::{CaptureError, CaptureStats, MAX_RECORD_LEN};

/// Size of the read buffer, and therefore the largest structure a reader can look at in one piece.
///
/// 1 MiB: large reads keep the system-call count low (the reader is meant to run above 1.5 GB/s),
/// and it is four times [`MAX_RECORD_LEN`], so a record plus its headers and options always fits.
pub(crate) const BUF_CAP: usize = 1 << 20;

const _: () = assert!(BUF_CAP >= 4 * MAX_RECORD_LEN as usize);

/// A forward-only byte stream over any reader, with a fixed-size window that can be inspected in place.
pub(crate) struct ByteStream {
    reader: Box<dyn Read>,
    buf: Box<[u8]>,
    /// Start of the unread bytes in `buf`.
    start: usize,
    /// End of the valid bytes in `buf`.
    end: usize,
    /// File offset of `buf[start]`.
    offset: u64,
    /// The reader reported end of file.
    eof: bool,
    /// A read error met by [`ByteStream::fill_soft`], returned once the bytes before it are used.
    deferred: Option<io::Error>,
}

impl ByteStream {
    /// Wraps `reader`; nothing is read yet.
    pub(crate) fn new(reader: Box<dyn Read>) -> Self {
        ByteStream {
            reader,
            buf: vec![0u8; BUF_CAP].into_boxed_slice(),
            start: 0,
            end: 0,
            offset: 0,
            eof: false,
            deferred: None,
        }
    }

    /// File offset of the next unread byte.
    pub(crate) fn offset(&self) -> u64 {
        self.offset
    }

    /// The unread bytes currently buffered (possibly fewer than a record).
    pub(crate) fn buffered(&self) -> &[u8] {
        self.buf.get(self.start..self.end).unwrap_or(&[])
    }

    /// Makes at least `n` unread bytes available, reading as needed.
    ///
    /// Returns `Ok(true)` when they are, `Ok(false)` when the input ends first (whatever was there
    /// stays buffered) or when `n` exceeds [`BUF_CAP`].
    pub(crate) fn fill(&mut self, n: usize) -> io::Result<bool> {
        if self.end.saturating_sub(self.start) >= n {
            return Ok(true);
        }
        if n > BUF_CAP {
            return Ok(false);
        }
        if let Some(e) = self.deferred.take() {
            return Err(e);
        }
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.end = self.end.saturating_sub(self.start);
            self.start = 0;
        }
        while self.end < n && !self.eof {
            let Some(space) = self.buf.get_mut(self.end..) else {
                break;
            };
            match self.reader.read(space) {
                Ok(0) => self.eof = true,
                Ok(got) => self.end = self.end.saturating_add(got).min(BUF_CAP),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(self.end >= n)
    }

    /// Like [`ByteStream::fill`], for looking ahead: a read error does not surface here but at the
    /// first [`ByteStream::fill`] that needs more than the bytes read before it.
    pub(crate) fn fill_soft(&mut self, n: usize) {
        if let Err(e) = self.fill(n) {
            self.deferred = Some(e);
        }
    }

    /// The first `n` unread bytes, when buffered (call [`ByteStream::fill`] first).
    pub(crate) fn peek(&self, n: usize) -> Option<&[u8]> {
        self.buf
            .get(self.start..self.start.checked_add(n)?.min(self.end))
            .filter(|s| s.len() == n)
    }

    /// Marks `n` buffered bytes as read (at most what is buffered).
    pub(crate) fn consume(&mut self, n: usize) {
        let n = n.min(self.end.saturating_sub(self.start));
        self.start = self.start.saturating_add(n);
        self.offset = self.offset.saturating_add(n as u64);
    }

    /// Bytes `range` (relative to the unread position before the last [`ByteStream::consume`] of
    /// `consumed` bytes) — lets a reader consume a record and still hand out its data.
    pub(crate) fn consumed_slice(&self, consumed: usize, from: usize, len: usize) -> &[u8] {
        let begin = self.start.saturating_sub(consumed).saturating_add(from);
        begin
            .checked_add(len)
            .and_then(|stop| self.buf.get(begin..stop))
            .unwrap_or(&[])
    }

    /// Skips `n` bytes, reading through them if they are not buffered. Returns how many were
    /// skipped: fewer than `n` only when the input ended.
    pub(crate) fn skip(&mut self, n: u64) -> io::Result<u64> {
        let mut left = n;
        loop {
            let here = self.end.saturating_sub(self.start);
            let take = usize::try_from(left).map_or(here, |l| l.min(here));
            self.consume(take);
            left = left.saturating_sub(take as u64);
            if left == 0 || self.eof {
                return Ok(n.saturating_sub(left));
            }
            // Refill the whole buffer (nothing unread is left in it).
            self.start = 0;
            self.end = 0;
            let want = usize::try_from(left).map_or(BUF_CAP, |l| l.min(BUF_CAP));
            self.fill(want)?;
        }
    }
}

/// Bookkeeping shared by the readers: naming, frame numbers, statistics and the error latch.
pub(crate) struct ReaderState {
    /// The input's name for messages.
    pub(crate) name: String,
    /// Number of records (frames) met so far, skipped ones included.
    pub(crate) frames: u64,
    /// Counters reported through [`super::PacketSource::stats`].
    pub(crate) stats: CaptureStats,
    /// Set once the end or an error was reached; later calls return `Ok(None)`.
    pub(crate) finished: bool,
}

impl ReaderState {
    /// A fresh state for the input called `name`.
    pub(crate) fn new(name: String) -> Self {
        ReaderState {
            name,
            frames: 0,
            stats: CaptureStats::default(),
            finished: false,
        }
    }

    /// The number the next record will get.
    pub(crate) fn next_frame(&self) -> u64 {
        self.frames.saturating_add(1)
    }

    /// Finishes the source with a [`CaptureError::Truncated`] for the next frame.
    pub(crate) fn truncated(&mut self, offset: u64, what: impl Into<String>) -> CaptureError {
        self.finished = true;
        CaptureError::Truncated {
            file: self.name.clone(),
            frame: self.next_frame(),
            offset,
            what: what.into(),
        }
    }

    /// Finishes the source with a [`CaptureError::Corrupt`] for the next frame.
    pub(crate) fn corrupt(&mut self, offset: u64, what: impl Into<String>) -> CaptureError {
        self.finished = true;
        CaptureError::Corrupt {
            file: self.name.clone(),
            frame: self.next_frame(),
            offset,
            what: what.into(),
        }
    }

    /// Finishes the source with a [`CaptureError::Io`].
    pub(crate) fn io(&mut self, source: io::Error) -> CaptureError {
        self.finished = true;
        CaptureError::Io {
            file: self.name.clone(),
            source,
        }
    }

    /// Counts a record as read and skipped for `reason`.
    pub(crate) fn skip_record(&mut self, reason: &'static str) {
        self.frames = self.frames.saturating_add(1);
        self.stats.skip(reason);
    }

    /// Counts a record as handed out with `len` data bytes; returns its frame number.
    pub(crate) fn deliver_record(&mut self, len: usize) -> u64 {
        self.frames = self.frames.saturating_add(1);
        self.stats.packets = self.stats.packets.saturating_add(1);
        self.stats.bytes = self.stats.bytes.saturating_add(len as u64);
        self.frames
    }
}

/// What a test reads from a source: each packet's frame, time, original length and bytes, the error
/// that ended it (if any), and its counters. Checks that a finished source stays finished.
#[cfg(test)]
pub(crate) type Drained = (
    Vec<(u64, super::Timestamp, u32, Vec<u8>)>,
    Option<CaptureError>,
    CaptureStats,
);

/// Reads `source` to its end (test helper; see [`Drained`]).
#[cfg(test)]
pub(crate) fn drain(source: &mut dyn super::PacketSource) -> Drained {
    let mut out = Vec::new();
    let err = loop {
        match source.next_packet() {
            Ok(Some(p)) => out.push((p.frame, p.ts, p.orig_len, p.data.to_vec())),
            Ok(None) => break None,
            Err(e) => break Some(e),
        }
    };
    assert!(
        matches!(source.next_packet(), Ok(None)),
        "a finished source stays finished"
    );
    (out, err, source.stats().clone())
}

/// Byte order of a file's multi-byte fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Endian {
    /// Least significant byte first.
    Little,
    /// Most significant byte first.
    Big,
}

impl Endian {
    /// The `u16` at `at` in `bytes`, or `None` past the end.
    pub(crate) fn u16(self, bytes: &[u8], at: usize) -> Option<u16> {
        let raw: [u8; 2] = bytes.get(at..at.checked_add(2)?)?.try_into().ok()?;
        Some(match self {
            Endian::Little => u16::from_le_bytes(raw),
            Endian::Big => u16::from_be_bytes(raw),
        })
    }

    /// The `u32` at `at` in `bytes`, or `None` past the end.
    pub(crate) fn u32(self, bytes: &[u8], at: usize) -> Option<u32> {
        let raw: [u8; 4] = bytes.get(at..at.checked_add(4)?)?.try_into().ok()?;
        Some(match self {
            Endian::Little => u32::from_le_bytes(raw),
            Endian::Big => u32::from_be_bytes(raw),
        })
    }

    /// The `u64` at `at` in `bytes`, or `None` past the end.
    pub(crate) fn u64(self, bytes: &[u8], at: usize) -> Option<u64> {
        let raw: [u8; 8] = bytes.get(at..at.checked_add(8)?)?.try_into().ok()?;
        Some(match self {
            Endian::Little => u64::from_le_bytes(raw),
            Endian::Big => u64::from_be_bytes(raw),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    /// A reader that hands out at most 3 bytes per call, to exercise refills.
    struct Dribble(Cursor<Vec<u8>>);
    impl Read for Dribble {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(3);
            self.0.read(&mut buf[..n])
        }
    }

    #[test]
    fn fill_gathers_short_reads_and_reports_eof() {
        let mut s = ByteStream::new(Box::new(Dribble(Cursor::new((0u8..10).collect()))));
        assert!(s.fill(8).unwrap());
        assert_eq!(s.peek(8).unwrap(), &[0, 1, 2, 3, 4, 5, 6, 7]);
        s.consume(6);
        assert_eq!(s.offset(), 6);
        assert!(!s.fill(5).unwrap());
        assert_eq!(s.buffered(), &[6, 7, 8, 9]);
        assert!(s.peek(5).is_none());
        assert!(!s.fill(BUF_CAP + 1).unwrap());
    }

    /// A reader that fails after handing out its bytes.
    struct FailsAfter(Cursor<Vec<u8>>);
    impl Read for FailsAfter {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            match self.0.read(buf)? {
                0 => Err(io::Error::other("boom")),
                n => Ok(n),
            }
        }
    }

    #[test]
    fn a_lookahead_error_waits_until_the_bytes_before_it_are_used() {
        let mut s = ByteStream::new(Box::new(FailsAfter(Cursor::new(b"abcdef".to_vec()))));
        s.fill_soft(100);
        assert_eq!(s.buffered(), b"abcdef");
        assert!(s.fill(4).unwrap());
        s.consume(4);
        assert!(s.fill(2).unwrap());
        assert_eq!(s.fill(3).unwrap_err().to_string(), "boom");
    }

    #[test]
    fn skip_reads_through_unbuffered_bytes() {
        let data: Vec<u8> = (0..3 * BUF_CAP).map(|i| (i % 251) as u8).collect();
        let mut s = ByteStream::new(Box::new(Cursor::new(data)));
        assert!(s.fill(4).unwrap());
        assert_eq!(s.skip(2 * BUF_CAP as u64 + 5).unwrap(), 2 * BUF_CAP as u64 + 5);
        assert_eq!(s.offset(), 2 * BUF_CAP as u64 + 5);
        assert!(s.fill(1).unwrap());
        assert_eq!(s.peek(1).unwrap(), &[((2 * BUF_CAP + 5) % 251) as u8]);
        assert_eq!(s.skip(u64::MAX).unwrap(), BUF_CAP as u64 - 5);
        assert!(!s.fill(1).unwrap());
    }

    #[test]
    fn consumed_slice_returns_the_record_just_consumed() {
        let mut s = ByteStream::new(Box::new(Cursor::new(b"headDATAnext".to_vec())));
        assert!(s.fill(8).unwrap());
        s.consume(8);
        assert_eq!(s.consumed_slice(8, 4, 4), b"DATA");
        assert_eq!(s.consumed_slice(8, 6, 4), b"TAne");
    }

    #[test]
    fn endian_reads_refuse_out_of_range() {
        let b = [1u8, 2, 3, 4];
        assert_eq!(Endian::Little.u16(&b, 2), Some(0x0403));
        assert_eq!(Endian::Big.u32(&b, 0), Some(0x0102_0304));
        assert_eq!(Endian::Big.u32(&b, 1), None);
        assert_eq!(Endian::Little.u64(&b, 0), None);
        assert_eq!(Endian::Little.u16(&b, usize::MAX), None);
    }
}
