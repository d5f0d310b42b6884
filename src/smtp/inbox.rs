//! The framer's buffer: one direction's undecoded bytes, with the frame each byte arrived in, cut
//! into lines on demand.
//!
//! Owns the byte buffer and line splitting (memchr for LF; a CR before it is part of the
//! terminator) with a hard line limit that never changes the framing: a line longer than
//! [`MAX_LINE_BYTES`] is still one line, handed out when its LF comes, with its first and its last
//! [`MAX_LINE_BYTES`]` / 2` bytes kept and the count of the bytes between them
//! ([`RawLine::cut`]); while it lasts, its middle is counted, not buffered. Bytes are copied in once
//! and handed out as ranges until the next [`Inbox::push`]; bytes the decoder took straight from
//! their segment while nothing was unread are accounted for without a copy ([`Inbox::pass`]), so
//! that offsets and positions stay those of the whole stream. Which framing mode applies is the
//! decoder's decision; this module only offers lines and raw bytes. Must not: interpret the bytes.

use std::collections::VecDeque;
use std::ops::Range;

use memchr::memchr;

use super::dialogue::Position;

/// The longest line kept whole (RFC 4954 allows 12,288-octet AUTH lines; Kerberos tokens with a
/// large PAC run longer). Of a longer line, the first and the last half of this are kept.
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// Bytes kept at each end of an over-long line.
const KEPT_AT_EACH_END: usize = MAX_LINE_BYTES / 2;

/// How a line ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineEnd {
    /// CR LF.
    CrLf,
    /// LF alone.
    Lf,
    /// No terminator: the connection ended inside the line.
    None,
}

/// One line, as a range of the inbox's buffer (valid until the next push).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawLine {
    /// The line's kept bytes without the terminator ([`Inbox::line`] gives them).
    pub range: Range<usize>,
    /// Where its first byte arrived.
    pub at: Position,
    /// How it ended.
    pub end: LineEnd,
    /// Bytes of an over-long line not kept, between its first and its last part.
    pub cut: u64,
}

impl RawLine {
    /// Length of the kept bytes, without the terminator.
    pub fn len(&self) -> usize {
        self.range.len()
    }

    /// The line's length on the wire, without the terminator.
    pub fn wire_len(&self) -> u64 {
        (self.range.len() as u64).saturating_add(self.cut)
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
    /// An over-long line still waiting for its LF.
    long: Option<LongLine>,
    /// The kept bytes of the last over-long line handed out.
    composed: Vec<u8>,
    /// Bytes ever pushed or passed.
    total: u64,
}

/// An over-long line in progress: its start, first bytes, last bytes so far, and length.
#[derive(Debug)]
struct LongLine {
    at: Position,
    head: Vec<u8>,
    /// The last bytes seen (at most [`KEPT_AT_EACH_END`] plus one, for a CR before the LF).
    tail: VecDeque<u8>,
    len: u64,
}

impl LongLine {
    fn feed(&mut self, bytes: &[u8]) {
        self.len = self.len.saturating_add(bytes.len() as u64);
        let room = KEPT_AT_EACH_END.saturating_sub(self.head.len());
        let (to_head, rest) = bytes.split_at(room.min(bytes.len()));
        self.head.extend_from_slice(to_head);
        let keep = KEPT_AT_EACH_END.saturating_add(1);
        let rest = rest.get(rest.len().saturating_sub(keep)..).unwrap_or_default();
        self.tail.extend(rest);
        while self.tail.len() > keep {
            self.tail.pop_front();
        }
    }
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

    /// Accounts for `len` bytes that arrived at `at` and were decoded straight from their segment
    /// without being pushed: offsets, the byte count and the position of the last arrival move on
    /// exactly as if they had been pushed and consumed. Only while nothing is unread and no
    /// over-long line is in progress; false (nothing done) otherwise.
    pub fn pass(&mut self, len: usize, at: Position) -> bool {
        if !self.is_idle() {
            return false;
        }
        if len == 0 {
            return true;
        }
        let from = self.base.saturating_add(self.buf.len() as u64);
        self.buf.clear();
        self.start = 0;
        self.base = from.saturating_add(len as u64);
        self.marks.clear();
        self.marks.push_back((from, at));
        self.total = self.total.saturating_add(len as u64);
        true
    }

    /// Whether bytes can be decoded straight from a segment and then [`Inbox::pass`]ed: nothing
    /// is unread and no over-long line is in progress.
    pub fn is_idle(&self) -> bool {
        self.unread().is_empty() && self.long.is_none()
    }

    /// Bytes ever pushed or passed.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The bytes not consumed yet.
    pub fn unread(&self) -> &[u8] {
        self.buf.get(self.start..).unwrap_or_default()
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

    /// Drops every unread byte (and an over-long line in progress); returns how many were dropped.
    pub fn discard(&mut self) -> usize {
        let n = self.unread().len();
        self.consume(n);
        let long = self
            .long
            .take()
            .map_or(0, |l| usize::try_from(l.len).unwrap_or(usize::MAX));
        n.saturating_add(long)
    }

    /// The kept bytes of `line`.
    pub fn line(&self, line: &RawLine) -> &[u8] {
        let bytes = if line.cut > 0 { &self.composed } else { &self.buf };
        bytes.get(line.range.clone()).unwrap_or_default()
    }

    /// Whether an over-long line is in progress (its bytes were consumed, not yet handed out).
    pub fn in_long_line(&self) -> bool {
        self.long.is_some()
    }

    /// Hands out the over-long line in progress, ended by `end`.
    fn finish_long(&mut self, end: LineEnd) -> Option<RawLine> {
        let mut long = self.long.take()?;
        if end == LineEnd::CrLf {
            long.tail.pop_back();
            long.len = long.len.saturating_sub(1);
        }
        let tail_len = (long.tail.len()).min(KEPT_AT_EACH_END);
        let skip = long.tail.len().saturating_sub(tail_len);
        self.composed.clear();
        self.composed.extend_from_slice(&long.head);
        self.composed.extend(long.tail.iter().skip(skip));
        let kept = self.composed.len() as u64;
        Some(RawLine {
            range: 0..self.composed.len(),
            at: long.at,
            end,
            cut: long.len.saturating_sub(kept),
        })
    }

    /// The next complete line (an over-long one as its first and last parts, once its LF came).
    pub fn next_line(&mut self) -> Option<RawLine> {
        if self.long.is_some() {
            let unread = self.unread();
            let lf = memchr(b'\n', unread);
            let take = lf.unwrap_or(unread.len());
            let chunk = unread.get(..take).unwrap_or_default().to_vec();
            if let Some(long) = self.long.as_mut() {
                long.feed(&chunk);
            }
            let Some(lf) = lf else {
                self.consume(take);
                return None;
            };
            let cr = self.long.as_ref().is_some_and(|l| l.tail.back() == Some(&b'\r'));
            self.consume(lf.saturating_add(1));
            return self.finish_long(if cr { LineEnd::CrLf } else { LineEnd::Lf });
        }
        let at = self.position()?;
        let unread = self.unread();
        let (len, consumed, end) = match memchr(b'\n', unread) {
            Some(i) if i > 0 && unread.get(i.saturating_sub(1)) == Some(&b'\r') => {
                (i.saturating_sub(1), i.saturating_add(1), LineEnd::CrLf)
            }
            Some(i) => (i, i.saturating_add(1), LineEnd::Lf),
            None if unread.len() > MAX_LINE_BYTES => {
                // An over-long line: its head and the latest bytes are kept until its LF comes.
                let mut long = LongLine {
                    at,
                    head: Vec::with_capacity(KEPT_AT_EACH_END),
                    tail: VecDeque::new(),
                    len: 0,
                };
                let n = unread.len();
                long.feed(unread);
                self.long = Some(long);
                self.consume(n);
                return None;
            }
            None => return None,
        };
        if len > MAX_LINE_BYTES {
            let mut long = LongLine {
                at,
                head: Vec::with_capacity(KEPT_AT_EACH_END),
                tail: VecDeque::new(),
                len: 0,
            };
            // Everything before the LF (a CR too: `finish_long` takes it off again).
            long.feed(unread.get(..consumed.saturating_sub(1)).unwrap_or_default());
            self.long = Some(long);
            self.consume(consumed);
            return self.finish_long(end);
        }
        let range = self.start..self.start.saturating_add(len);
        self.consume(consumed);
        Some(RawLine {
            range,
            at,
            end,
            cut: 0,
        })
    }

    /// The unterminated rest as a last line (at the end of the connection).
    pub fn rest_as_line(&mut self) -> Option<RawLine> {
        if self.long.is_some() {
            let rest = self.unread().to_vec();
            if let Some(long) = self.long.as_mut() {
                long.feed(&rest);
            }
            self.consume(rest.len());
            return self.finish_long(LineEnd::None);
        }
        let at = self.position()?;
        let len = self.unread().len();
        if len == 0 {
            return None;
        }
        let range = self.start..self.start.saturating_add(len);
        self.consume(len);
        Some(RawLine {
            range,
            at,
            end: LineEnd::None,
            cut: 0,
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
            String::from_utf8_lossy(inbox.line(&line)).into_owned(),
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
    fn an_over_long_line_is_one_line_with_its_first_and_last_parts() {
        for step in [1000, 7777, MAX_LINE_BYTES + 10, 3 * MAX_LINE_BYTES] {
            let mut line = vec![b'h'; KEPT_AT_EACH_END];
            line.extend(std::iter::repeat_n(b'm', 2 * MAX_LINE_BYTES));
            line.extend(std::iter::repeat_n(b't', KEPT_AT_EACH_END - 3));
            line.extend_from_slice(b"END\r\nNOOP\r\n");
            let mut inbox = Inbox::default();
            let mut lines = Vec::new();
            for (i, chunk) in line.chunks(step).enumerate() {
                inbox.push(chunk, at(i as u64 + 1));
                while let Some(l) = inbox.next_line() {
                    lines.push((inbox.line(&l).to_vec(), l.end, l.cut, l.at.frame));
                }
            }
            assert_eq!(lines.len(), 2, "step {step}");
            let (kept, end, cut, frame) = &lines[0];
            assert_eq!(
                (*end, *cut, *frame),
                (LineEnd::CrLf, 2 * MAX_LINE_BYTES as u64, 1)
            );
            assert_eq!(kept.len(), MAX_LINE_BYTES);
            assert!(kept[..KEPT_AT_EACH_END].iter().all(|b| *b == b'h'));
            assert!(kept.ends_with(b"tttEND"));
            assert_eq!(lines[1].0, b"NOOP");
        }
    }

    #[test]
    fn an_over_long_unterminated_line_ends_with_the_connection() {
        let mut inbox = Inbox::default();
        inbox.push(&vec![b'A'; MAX_LINE_BYTES + 10], at(1));
        assert_eq!(inbox.next_line(), None);
        inbox.push(b"BC", at(2));
        let rest = inbox.rest_as_line().unwrap();
        assert_eq!((rest.end, rest.cut), (LineEnd::None, 12));
        assert!(inbox.line(&rest).ends_with(b"ABC"));
        assert_eq!(inbox.rest_as_line(), None);
    }

    #[test]
    fn the_rest_is_a_last_unterminated_line() {
        let mut inbox = Inbox::default();
        inbox.push(b"QUIT\r\nQU", at(4));
        line_text(&mut inbox);
        let rest = inbox.rest_as_line().unwrap();
        assert_eq!((inbox.line(&rest), rest.end), (&b"QU"[..], LineEnd::None));
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

    #[test]
    fn passed_bytes_are_as_if_pushed_and_consumed() {
        // The same stream: a line, 10 body bytes, a line split over two segments.
        let mut pushed = Inbox::default();
        let mut passed = Inbox::default();
        for inbox in [&mut pushed, &mut passed] {
            inbox.push(b"DATA\r\n", at(1));
            line_text(inbox);
        }
        pushed.push(b"0123456789", at(2));
        pushed.consume(10);
        assert!(passed.is_idle());
        assert!(passed.pass(10, at(2)));
        assert!(passed.pass(0, at(7)));
        for inbox in [&mut pushed, &mut passed] {
            assert_eq!((inbox.total(), inbox.position().map(|p| p.frame)), (16, Some(2)));
            inbox.push(b"QU", at(3));
            inbox.push(b"IT\r\nRSET", at(4));
        }
        let frames = |v: Vec<(usize, Position)>| v.into_iter().map(|(o, p)| (o, p.frame)).collect::<Vec<_>>();
        assert_eq!(frames(passed.arrivals(9)), frames(pushed.arrivals(9)));
        assert_eq!(frames(passed.arrivals(9)), [(0, 3), (2, 4)]);
        for inbox in [&mut pushed, &mut passed] {
            assert_eq!(line_text(inbox), Some(("QUIT".into(), 3, LineEnd::CrLf)));
            inbox.prepend(b"NOOP\r\n", at(5));
            assert_eq!(line_text(inbox), Some(("NOOP".into(), 5, LineEnd::CrLf)));
            assert_eq!(inbox.rest_as_line().map(|l| (l.at.frame, l.len())), Some((4, 4)));
        }
    }

    #[test]
    fn bytes_cannot_pass_what_is_held() {
        let mut inbox = Inbox::default();
        inbox.push(b"NO", at(1));
        assert!(!inbox.is_idle());
        assert!(!inbox.pass(5, at(2)));
        assert_eq!((inbox.total(), inbox.unread()), (2, &b"NO"[..]));
        // An over-long line in progress holds nothing unread, but its bytes are not decoded yet.
        let mut long = Inbox::default();
        long.push(&vec![b'A'; MAX_LINE_BYTES + 1], at(1));
        assert_eq!(long.next_line(), None);
        assert!(long.unread().is_empty());
        assert!(!long.is_idle());
        assert!(!long.pass(5, at(2)));
    }
}
