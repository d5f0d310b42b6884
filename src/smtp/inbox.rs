//! The framer's buffer: one direction's undecoded bytes, with the frame each byte arrived in, cut
//! into lines on demand.
//!
//! Owns the byte buffer and line splitting (memchr for LF; a CR before it is part of the
//! terminator) with a hard line limit: a longer line is cut at [`MAX_LINE_BYTES`], reported as
//! truncated, and its tail skipped up to the next LF. Bytes are copied in once and handed out as
//! ranges until the next [`Inbox::push`]. Which framing mode applies is the decoder's decision;
//! this module only offers lines and raw bytes. Must not: interpret the bytes.

use std::collections::VecDeque;
use std::ops::Range;

use memchr::memchr;

use super::dialogue::Position;

/// The longest line kept (RFC 4954 allows 12,288-octet AUTH lines; Kerberos tokens with a large
/// PAC run longer). Longer lines are cut here and flagged.
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// How a line ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineEnd {
    /// CR LF.
    CrLf,
    /// LF alone.
    Lf,
    /// No terminator: cut at the line limit, or the connection ended.
    None,
}

/// One line, as a range of the inbox's buffer (valid until the next push).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawLine {
    /// The line's bytes without the terminator.
    pub range: Range<usize>,
    /// Where its first byte arrived.
    pub at: Position,
    /// How it ended.
    pub end: LineEnd,
}

impl RawLine {
    /// Length without the terminator.
    pub fn len(&self) -> usize {
        self.range.len()
    }

    /// Whether the line is empty.
    pub fn is_empty(&self) -> bool {
        self.range.is_empty()
    }
}

/// One direction's pending bytes.
#[derive(Debug, Default)]
pub struct Inbox {
    buf: Vec<u8>,
    start: usize,
    /// Stream offset of `buf[0]`.
    base: u64,
    /// (stream offset, position) of each pushed chunk still (partly) unread.
    marks: VecDeque<(u64, Position)>,
    /// The current line was cut at the limit: skip to the next LF.
    skip_to_lf: bool,
    /// Bytes ever pushed.
    total: u64,
}

/// Consumed bytes kept at the front before the buffer is compacted.
const COMPACT_AFTER: usize = 64 * 1024;

impl Inbox {
    /// Appends bytes that arrived at `at`.
    pub fn push(&mut self, bytes: &[u8], at: Position) {
        if bytes.is_empty() {
            return;
        }
        if self.start > 0 && (self.start >= self.buf.len() || self.start >= COMPACT_AFTER) {
            self.buf.drain(..self.start.min(self.buf.len()));
            self.base = self.base.saturating_add(self.start as u64);
            self.start = 0;
        }
        if self.unread().is_empty() {
            self.marks.clear();
        }
        self.marks
            .push_back((self.base.saturating_add(self.buf.len() as u64), at));
        self.buf.extend_from_slice(bytes);
        self.total = self.total.saturating_add(bytes.len() as u64);
    }

    /// Bytes ever pushed.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The bytes not consumed yet.
    pub fn unread(&self) -> &[u8] {
        self.buf.get(self.start..).unwrap_or_default()
    }

    /// The bytes of `range` (from a [`RawLine`] of the last push).
    pub fn bytes(&self, range: Range<usize>) -> &[u8] {
        self.buf.get(range).unwrap_or_default()
    }

    /// Where the first unread byte arrived (`None` when nothing was ever pushed).
    pub fn position(&self) -> Option<Position> {
        self.marks.front().map(|(_, at)| *at)
    }

    /// Puts `bytes` (that arrived at `at`) before the unread bytes: they are read first.
    pub fn prepend(&mut self, bytes: &[u8], at: Position) {
        if bytes.is_empty() {
            return;
        }
        let start = self.base.saturating_add(self.start as u64);
        let shift = bytes.len() as u64;
        let mut rebuilt = Vec::with_capacity(bytes.len().saturating_add(self.unread().len()));
        rebuilt.extend_from_slice(bytes);
        rebuilt.extend_from_slice(self.unread());
        let mut marks = VecDeque::with_capacity(self.marks.len().saturating_add(1));
        marks.push_back((start, at));
        if !self.unread().is_empty() {
            for (offset, position) in &self.marks {
                marks.push_back((offset.max(&start).saturating_add(shift), *position));
            }
        }
        self.buf = rebuilt;
        self.base = start;
        self.start = 0;
        self.marks = marks;
    }

    /// Where the first `len` unread bytes arrived: (offset in the unread bytes, position) for
    /// the first byte and for each later pushed chunk that starts within them.
    pub fn arrivals(&self, len: usize) -> Vec<(usize, Position)> {
        let start = self.base.saturating_add(self.start as u64);
        let end = start.saturating_add(len as u64);
        let mut out = Vec::new();
        for (i, (offset, at)) in self.marks.iter().enumerate() {
            if i == 0 {
                out.push((0, *at));
            } else if *offset < end {
                out.push((
                    usize::try_from(offset.saturating_sub(start)).unwrap_or(usize::MAX),
                    *at,
                ));
            } else {
                break;
            }
        }
        out
    }

    /// Marks `n` unread bytes as consumed.
    pub fn consume(&mut self, n: usize) {
        self.start = self.start.saturating_add(n).min(self.buf.len());
        let offset = self.base.saturating_add(self.start as u64);
        while self.marks.get(1).is_some_and(|(o, _)| *o <= offset) {
            self.marks.pop_front();
        }
    }

    /// Drops every unread byte (and a pending line skip); returns how many were dropped.
    pub fn discard(&mut self) -> usize {
        let n = self.unread().len();
        self.consume(n);
        self.skip_to_lf = false;
        n
    }

    /// The next complete line, or the first [`MAX_LINE_BYTES`] of an over-long one.
    pub fn next_line(&mut self) -> Option<RawLine> {
        if self.skip_to_lf {
            match memchr(b'\n', self.unread()) {
                Some(i) => {
                    self.consume(i.saturating_add(1));
                    self.skip_to_lf = false;
                }
                None => {
                    self.discard();
                    self.skip_to_lf = true;
                    return None;
                }
            }
        }
        let at = self.position()?;
        let unread = self.unread();
        let (len, consumed, end) = match memchr(b'\n', unread) {
            Some(i) if i > 0 && unread.get(i.saturating_sub(1)) == Some(&b'\r') => {
                (i.saturating_sub(1), i.saturating_add(1), LineEnd::CrLf)
            }
            Some(i) => (i, i.saturating_add(1), LineEnd::Lf),
            None if unread.len() > MAX_LINE_BYTES => {
                self.skip_to_lf = true;
                (MAX_LINE_BYTES, MAX_LINE_BYTES, LineEnd::None)
            }
            None => return None,
        };
        let range = self.start..self.start.saturating_add(len);
        self.consume(consumed);
        Some(RawLine { range, at, end })
    }

    /// The unterminated rest as a last line (at the end of the connection).
    pub fn rest_as_line(&mut self) -> Option<RawLine> {
        let at = self.position()?;
        let len = self.unread().len();
        if len == 0 || self.skip_to_lf {
            self.discard();
            return None;
        }
        let range = self.start..self.start.saturating_add(len);
        self.consume(len);
        Some(RawLine {
            range,
            at,
            end: LineEnd::None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::Timestamp;

    fn at(frame: u64) -> Position {
        Position {
            frame,
            ts: Timestamp::new(frame as i64, 0),
        }
    }

    fn line_text(inbox: &mut Inbox) -> Option<(String, u64, LineEnd)> {
        let line = inbox.next_line()?;
        Some((
            String::from_utf8_lossy(inbox.bytes(line.range.clone())).into_owned(),
            line.at.frame,
            line.end,
        ))
    }

    #[test]
    fn lines_split_across_pushes_keep_the_frame_of_their_first_byte() {
        let mut inbox = Inbox::default();
        inbox.push(b"EHLO ex1.con", at(1));
        assert_eq!(line_text(&mut inbox), None);
        inbox.push(b"toso.com\r\nMAIL FROM:<>\nRC", at(2));
        assert_eq!(
            line_text(&mut inbox),
            Some(("EHLO ex1.contoso.com".into(), 1, LineEnd::CrLf))
        );
        assert_eq!(
            line_text(&mut inbox),
            Some(("MAIL FROM:<>".into(), 2, LineEnd::Lf))
        );
        assert_eq!(line_text(&mut inbox), None);
        inbox.push(b"PT TO:<a>\r\n", at(3));
        assert_eq!(
            line_text(&mut inbox),
            Some(("RCPT TO:<a>".into(), 2, LineEnd::CrLf))
        );
        assert_eq!(inbox.total(), 48);
    }

    #[test]
    fn a_lone_cr_before_the_split_is_part_of_the_terminator() {
        let mut inbox = Inbox::default();
        inbox.push(b"QUIT\r", at(1));
        assert_eq!(line_text(&mut inbox), None);
        inbox.push(b"\n", at(2));
        assert_eq!(line_text(&mut inbox), Some(("QUIT".into(), 1, LineEnd::CrLf)));
        inbox.push(b"\n", at(3));
        assert_eq!(line_text(&mut inbox), Some(("".into(), 3, LineEnd::Lf)));
    }

    #[test]
    fn over_long_lines_are_cut_and_their_tail_skipped() {
        let mut inbox = Inbox::default();
        inbox.push(&vec![b'A'; MAX_LINE_BYTES + 10], at(1));
        let (text, _, end) = line_text(&mut inbox).unwrap();
        assert_eq!((text.len(), end), (MAX_LINE_BYTES, LineEnd::None));
        assert_eq!(line_text(&mut inbox), None);
        inbox.push(b"AAAA\r\nNOOP\r\n", at(2));
        assert_eq!(line_text(&mut inbox), Some(("NOOP".into(), 2, LineEnd::CrLf)));
    }

    #[test]
    fn the_rest_is_a_last_unterminated_line() {
        let mut inbox = Inbox::default();
        inbox.push(b"QUIT\r\nQU", at(4));
        line_text(&mut inbox);
        let rest = inbox.rest_as_line().unwrap();
        assert_eq!((inbox.bytes(rest.range), rest.end), (&b"QU"[..], LineEnd::None));
        assert_eq!(inbox.rest_as_line(), None);
    }

    #[test]
    fn arrivals_name_the_frame_of_every_chunk_in_the_unread_bytes() {
        let mut inbox = Inbox::default();
        inbox.push(b"NOOP\r\nMA", at(1));
        inbox.push(b"IL FROM:<>\r\n", at(2));
        inbox.push(b"QUIT\r\n", at(3));
        line_text(&mut inbox);
        let frames = |v: Vec<(usize, Position)>| v.into_iter().map(|(o, p)| (o, p.frame)).collect::<Vec<_>>();
        assert_eq!(frames(inbox.arrivals(100)), [(0, 1), (2, 2), (14, 3)]);
        assert_eq!(frames(inbox.arrivals(14)), [(0, 1), (2, 2)]);
        assert_eq!(frames(inbox.arrivals(0)), [(0, 1)]);
    }

    #[test]
    fn prepended_bytes_are_read_first_with_their_own_frame() {
        let mut inbox = Inbox::default();
        inbox.push(b"NOOP\r\nQU", at(5));
        line_text(&mut inbox);
        inbox.prepend(b"MAIL FROM:<a>\r\nRCPT", at(2));
        inbox.push(b"IT\r\n", at(6));
        assert_eq!(
            line_text(&mut inbox),
            Some(("MAIL FROM:<a>".into(), 2, LineEnd::CrLf))
        );
        assert_eq!(line_text(&mut inbox), Some(("RCPTQUIT".into(), 2, LineEnd::CrLf)));
        let mut empty = Inbox::default();
        empty.prepend(b"QUIT\r\n", at(9));
        assert_eq!(line_text(&mut empty), Some(("QUIT".into(), 9, LineEnd::CrLf)));
    }

    #[test]
    fn the_buffer_is_compacted_as_it_is_consumed() {
        let mut inbox = Inbox::default();
        for i in 0..10_000u64 {
            inbox.push(b"NOOP\r\n", at(i));
            assert!(line_text(&mut inbox).is_some());
        }
        assert!(inbox.buf.len() <= COMPACT_AFTER + 6);
        assert_eq!(inbox.marks.len(), 1);
    }
}
