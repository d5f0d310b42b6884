//! The body sink: where every byte of message content goes, once, in order — the DATA body after
//! its `354`, and each BDAT chunk of a transaction one after the other.
//!
//! Three calls make the whole contract: [`SmtpDecoder::body_start`] when a message's content
//! begins (after the `354` to DATA, or with the first BDAT chunk of a transaction),
//! [`BodySink::feed`] for its bytes as they arrive (and [`BodySink::gap`] for bytes lost in the
//! capture), and [`SmtpDecoder::body_end`] when it ends or is given up (terminator,
//! `BDAT … LAST`, the reply after a DATA body that lost bytes, the next message, the end of the
//! connection), which stores what the sink learnt in the transaction's
//! [`Content`](crate::smtp::dialogue::Content): the decoded [`Message`](crate::message::Message)
//! (headers — the one reading of Message-ID, Subject and the rest —, `Received:` path, MIME parts
//! with their hashes), from a [`MessageDecoder`].
//!
//! What the bytes are: DATA bytes come as sent — still dot-stuffed (RFC 5321 §4.5.2), line ends as
//! the client sent them, and the last call may end with the terminator's `.CRLF`; the sink's
//! [`Unstuffer`] removes the transparency dots and the terminator, by the very rules of
//! [`DotScanner`](crate::smtp::body::DotScanner), so the message decoder sees the message itself.
//! BDAT bytes are the message itself (no stuffing, no terminator). After a gap in a DATA body the
//! rest of the body still comes (up to the terminator, which the unstuffer finds again at the
//! next line start), so the parts after the gap are reported. Must not: frame anything (the DATA
//! scanner and the counted-unit reader decide where content ends) or hold more than its own named
//! limits and the message decoder's.

use super::SmtpDecoder;
use crate::message::MessageDecoder;
use crate::smtp::tap::ContentTap;

/// What the sink keeps of the content in progress.
#[derive(Debug, Default)]
pub(super) struct BodySink {
    /// The transaction whose content is in progress.
    txn: Option<usize>,
    /// The message decoder of the content in progress.
    message: Option<Box<MessageDecoder>>,
    /// DATA only: the transparency dots and the terminator come off here.
    unstuff: Option<Unstuffer>,
    /// Bytes were lost inside the content.
    gap: bool,
    /// Where the content is copied, when a tap is set (kept from one content to the next).
    pub(super) tap: Option<Box<dyn ContentTap>>,
}

impl std::fmt::Debug for dyn ContentTap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ContentTap")
    }
}

impl BodySink {
    /// Content bytes, in order. (A method of the sink, not of the decoder, so that it can be fed
    /// straight from the client's inbox.) When a DATA body's terminator ends in `bytes`: how many
    /// of them it took, through the terminator.
    pub(super) fn feed(&mut self, bytes: &[u8]) -> Option<usize> {
        self.txn?;
        let BodySink {
            message,
            unstuff,
            tap,
            ..
        } = self;
        let mut take = |b: &[u8]| deliver(message, tap, b);
        match unstuff {
            Some(unstuff) => unstuff.feed(bytes, &mut take),
            None => {
                take(bytes);
                None
            }
        }
    }

    /// `len` content bytes were lost in the capture.
    pub(super) fn gap(&mut self, len: u64) {
        if self.txn.is_none() {
            return;
        }
        self.gap = true;
        let BodySink {
            message,
            unstuff,
            tap,
            ..
        } = self;
        if let Some(unstuff) = unstuff {
            unstuff.gap(&mut |b| deliver(message, tap, b));
        }
        if let Some(m) = message.as_deref_mut() {
            m.gap(len);
        }
        if let Some(t) = tap.as_deref_mut() {
            t.message_gap(len);
        }
    }
}

/// Message bytes to the message decoder and the tap.
fn deliver(message: &mut Option<Box<MessageDecoder>>, tap: &mut Option<Box<dyn ContentTap>>, bytes: &[u8]) {
    if let Some(m) = message.as_deref_mut() {
        m.push(bytes);
    }
    if let Some(t) = tap.as_deref_mut() {
        t.message_bytes(bytes);
    }
}

impl SmtpDecoder {
    /// The content of transaction `txn` begins (a content still in progress is ended first).
    pub(super) fn body_start(&mut self, txn: usize) {
        self.body_end();
        let dot_stuffed = self.content(txn).is_some_and(|c| c.verb == "DATA");
        let mut tap = self.body.tap.take();
        if let Some(t) = tap.as_deref_mut() {
            t.message_start(txn);
        }
        self.body = BodySink {
            txn: Some(txn),
            message: self
                .message_options
                .as_ref()
                .map(|o| Box::new(MessageDecoder::new(o))),
            unstuff: dot_stuffed.then(Unstuffer::default),
            gap: false,
            tap,
        };
    }

    /// The content in progress ended, or is given up: what the sink learnt goes into its
    /// transaction's content record, and the sink is ready for the next message. Call it after
    /// the content record says whether the content ended as the protocol says.
    pub(super) fn body_end(&mut self) {
        let BodySink {
            txn,
            message,
            mut unstuff,
            gap,
            mut tap,
        } = std::mem::take(&mut self.body);
        let Some(txn) = txn else {
            self.body.tap = tap;
            return;
        };
        let end = self.client_position().ts;
        if let Some(content) = self.content(txn) {
            if let Some(mut decoder) = message {
                if let Some(unstuff) = &mut unstuff {
                    unstuff.finish(&mut |b| {
                        decoder.push(b);
                        if let Some(t) = tap.as_deref_mut() {
                            t.message_bytes(b);
                        }
                    });
                }
                let ended = match &unstuff {
                    Some(u) => u.ended(),
                    None => content.complete,
                };
                let message = decoder.finish(ended && content.complete && !gap, Some(end));
                if let Some(t) = tap.as_deref_mut() {
                    t.message_end(txn, &message);
                }
                content.message = Some(Box::new(message));
            }
        }
        self.body.tap = tap;
    }

    /// Copies this session's content to `tap` from now on.
    pub fn set_tap(&mut self, tap: Box<dyn ContentTap>) {
        self.body.tap = Some(tap);
    }

    /// Tells the tap, if one is set, what happens to a BLOB.
    pub(super) fn tap_blob(&mut self, event: BlobEvent<'_>) {
        if let Some(t) = self.body.tap.as_deref_mut() {
            match event {
                BlobEvent::Start { txn, index } => t.blob_start(txn, index),
                BlobEvent::End { complete, sha256 } => t.blob_end(complete, sha256),
            }
        }
    }
}

/// What happens to a BLOB, for [`SmtpDecoder::tap_blob`].
pub(super) enum BlobEvent<'a> {
    /// BLOB `index` of transaction `txn` begins.
    Start { txn: usize, index: usize },
    /// It ended.
    End { complete: bool, sha256: Option<&'a str> },
}

/// Where the unstuffer is in a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Held {
    /// Nothing held back.
    None,
    /// A `.` that begins a line after CRLF: a transparency dot, or the terminator's.
    Dot,
    /// That `.` and a CR: the terminator if LF follows.
    DotCr,
}

/// Removes DATA transparency (RFC 5321 §4.5.2) and the terminator, streaming: the exact inverse of
/// what [`DotScanner`](crate::smtp::body::DotScanner) counts — a line that begins after CRLF (or
/// the body's start) and holds at least two characters loses its leading dot; a line holding only
/// a dot, between CRLF and CRLF, ends the body. Only a dot after a line feed can matter (a line
/// after a bare CR never begins after CRLF), so the body is searched for `LF .` alone, which text
/// rarely holds, instead of being cut into lines. Holds at most a dot and a CR.
#[derive(Debug)]
pub struct Unstuffer {
    /// Nothing has been seen yet: a dot now begins the body's first line.
    at_start: bool,
    /// The last two bytes seen (`\r\n` means the next byte begins a line after CRLF).
    last: [u8; 2],
    held: Held,
    ended: bool,
}

impl Default for Unstuffer {
    fn default() -> Self {
        Unstuffer {
            at_start: true,
            last: [0; 2],
            held: Held::None,
            ended: false,
        }
    }
}

/// What a dot at a line start after CRLF turns out to be, from the bytes after it.
enum DotIs {
    /// `.CRLF`: the terminator.
    Terminator,
    /// A transparency dot: it goes.
    Stuffing,
    /// A dot-only line ended by a bare LF or CR: it stays.
    Content,
    /// The bytes after it have not come yet.
    Unknown,
}

/// The searcher for a dot after a line feed, built once (a body comes in many chunks).
static DOT_AFTER_LF: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"\n."));

fn dot_is(after: &[u8]) -> DotIs {
    match after {
        [] | [b'\r'] => DotIs::Unknown,
        [b'\r', b'\n', ..] => DotIs::Terminator,
        [b'\r', ..] | [b'\n', ..] => DotIs::Content,
        _ => DotIs::Stuffing,
    }
}

impl Unstuffer {
    /// Whether the terminator was seen.
    pub fn ended(&self) -> bool {
        self.ended
    }

    /// Raw DATA bytes in; the message bytes go to `out` (nothing after the terminator). When the
    /// terminator ends in `chunk`: how many bytes of it were taken, through the terminator.
    pub fn feed(&mut self, chunk: &[u8], out: &mut dyn FnMut(&[u8])) -> Option<usize> {
        if self.ended || chunk.is_empty() {
            return None;
        }
        // A dot held from the last chunk: what follows decides.
        let mut start = 0usize;
        match std::mem::replace(&mut self.held, Held::None) {
            Held::None => {}
            Held::Dot => start = self.resolve(b".", chunk, out),
            Held::DotCr => start = self.resolve(b".\r", chunk, out),
        }
        if self.ended {
            return Some(start);
        }
        let body = chunk.get(start..).unwrap_or_default();
        let mut run = 0usize;
        // Dots that begin a line after CRLF: at the very start, then after each LF.
        let first_is_line_start =
            start == 0 && (self.at_start || self.last == *b"\r\n") && body.first() == Some(&b'.');
        let mut candidates = first_is_line_start.then_some(0usize).into_iter().chain(
            DOT_AFTER_LF
                .find_iter(body)
                .filter(|&lf| match lf.checked_sub(1) {
                    Some(cr) => body.get(cr) == Some(&b'\r'),
                    None => start == 0 && self.last.get(1) == Some(&b'\r'),
                })
                .map(|lf| lf.saturating_add(1)),
        );
        let mut consumed_all = true;
        for dot in candidates.by_ref() {
            let after = body.get(dot.saturating_add(1)..).unwrap_or_default();
            match dot_is(after) {
                DotIs::Content => {}
                DotIs::Stuffing => {
                    out(body.get(run..dot).unwrap_or_default());
                    run = dot.saturating_add(1);
                }
                DotIs::Terminator => {
                    out(body.get(run..dot).unwrap_or_default());
                    self.ended = true;
                    // The dot, CR and LF.
                    return Some(start.saturating_add(dot).saturating_add(3));
                }
                DotIs::Unknown => {
                    out(body.get(run..dot).unwrap_or_default());
                    self.held = if after.is_empty() { Held::Dot } else { Held::DotCr };
                    run = body.len();
                    consumed_all = false;
                    break;
                }
            }
        }
        if consumed_all {
            out(body.get(run..).unwrap_or_default());
        }
        self.note_last(chunk);
        None
    }

    /// Settles a held dot (`held`: the dot and maybe its CR) with the first bytes of `chunk`;
    /// returns how many bytes of `chunk` that used.
    fn resolve(&mut self, held: &[u8], chunk: &[u8], out: &mut dyn FnMut(&[u8])) -> usize {
        let first = chunk.first().copied();
        match (held, first) {
            (b".", Some(b'\r')) => {
                // The CR is now held too, unless the LF is here as well.
                if chunk.get(1) == Some(&b'\n') {
                    self.ended = true;
                    2
                } else if chunk.len() == 1 {
                    self.held = Held::DotCr;
                    self.last = *b".\r";
                    1
                } else {
                    // `.` then a bare CR: a dot-only line; the CR ends it.
                    out(b".");
                    self.last = *b".\r";
                    0
                }
            }
            (b".", Some(b'\n')) => {
                out(b".");
                0
            }
            (b".", _) => 0, // a transparency dot: dropped
            (_, Some(b'\n')) => {
                self.ended = true;
                1
            }
            _ => {
                out(b".\r");
                self.last = *b".\r";
                0
            }
        }
    }

    fn note_last(&mut self, chunk: &[u8]) {
        self.at_start = false;
        match chunk {
            [.., a, b] => self.last = [*a, *b],
            [b] => self.last = [self.last.get(1).copied().unwrap_or(0), *b],
            [] => {}
        }
    }

    /// Bytes were lost: what is held is content, and the next bytes are inside a line.
    pub fn gap(&mut self, out: &mut dyn FnMut(&[u8])) {
        self.release(out);
        self.at_start = false;
        self.last = [0; 2];
    }

    /// The body ended without its terminator: what is held is content.
    pub fn finish(&mut self, out: &mut dyn FnMut(&[u8])) {
        self.release(out);
    }

    fn release(&mut self, out: &mut dyn FnMut(&[u8])) {
        if self.ended {
            return;
        }
        match std::mem::replace(&mut self.held, Held::None) {
            Held::Dot => out(b"."),
            Held::DotCr => out(b".\r"),
            Held::None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::smtp::body::{DotScanner, Scan};

    /// Unstuffs `raw` fed in pieces of `step` bytes; returns the message and whether it ended.
    fn unstuff(raw: &[u8], step: usize) -> (Vec<u8>, bool) {
        let mut u = Unstuffer::default();
        let mut out = Vec::new();
        for piece in raw.chunks(step.max(1)) {
            u.feed(piece, &mut |b| out.extend_from_slice(b));
        }
        u.finish(&mut |b| out.extend_from_slice(b));
        (out, u.ended())
    }

    /// The same in every chunking, and as long as the DATA scanner says the message is.
    fn all_ways(raw: &[u8]) -> (Vec<u8>, bool) {
        let first = unstuff(raw, usize::MAX);
        for step in 1..=7 {
            assert_eq!(unstuff(raw, step), first, "step {step}");
        }
        let mut scanner = DotScanner::new();
        let facts = match scanner.feed(raw) {
            Scan::Ended { .. } => scanner.facts().clone(),
            Scan::More => scanner.into_facts(),
        };
        assert_eq!(first.0.len() as u64, facts.unstuffed_bytes, "{raw:?}");
        first
    }

    #[test]
    fn dots_and_the_terminator_come_off() {
        assert_eq!(
            all_ways(b"Subject: x\r\n\r\n..hidden\r\n...\r\nend\r\n.\r\nQUIT\r\n"),
            (b"Subject: x\r\n\r\n.hidden\r\n..\r\nend\r\n".to_vec(), true)
        );
        assert_eq!(all_ways(b".\r\n"), (Vec::new(), true));
        assert_eq!(all_ways(b".x\r\n.\r\n"), (b"x\r\n".to_vec(), true));
    }

    #[test]
    fn non_canonical_dots_stay() {
        for (raw, want) in [
            (&b"a\n.\nb\r\n.\r\n"[..], &b"a\n.\nb\r\n"[..]),
            (b"a\n.\r\nb\r\n.\r\n", b"a\n.\r\nb\r\n"),
            (b"a\r\n.\nb\r\n.\r\n", b"a\r\n.\nb\r\n"),
            (b"a\r.\rb\r\n.\r\n", b"a\r.\rb\r\n"),
            (b"a\r\n.\rb\r\n.\r\n", b"a\r\n.\rb\r\n"),
            (b"a\n..b\r\n.\r\n", b"a\n..b\r\n"),
        ] {
            assert_eq!(all_ways(raw), (want.to_vec(), true), "{raw:?}");
        }
    }

    #[test]
    fn the_terminator_s_end_is_told_however_it_is_split() {
        let raw: &[u8] = b"a\r\n..b\r\n.\r\nQUIT\r\n";
        let end = raw.len() - b"QUIT\r\n".len();
        for cut in 1..raw.len() {
            let mut u = Unstuffer::default();
            let first = u.feed(&raw[..cut], &mut |_| {});
            let second = u.feed(&raw[cut..], &mut |_| {});
            match first {
                Some(n) => assert_eq!((n, second), (end, None), "cut {cut}"),
                None => assert_eq!(second.map(|n| n + cut), Some(end), "cut {cut}"),
            }
        }
    }

    #[test]
    fn an_unterminated_body_keeps_a_held_dot() {
        assert_eq!(all_ways(b"a\r\n."), (b"a\r\n.".to_vec(), false));
        assert_eq!(all_ways(b"a\r\n.\r"), (b"a\r\n.\r".to_vec(), false));
    }

    #[test]
    fn after_a_gap_the_terminator_is_found_at_the_next_line_start() {
        let mut u = Unstuffer::default();
        let mut out = Vec::new();
        u.feed(b"part one\r\n.", &mut |b| out.extend_from_slice(b));
        u.gap(&mut |b| out.extend_from_slice(b));
        // Inside a line after the gap: a dot here is content.
        let end = u.feed(b".tail\r\n..next\r\n.\r\nQUIT\r\n", &mut |b| {
            out.extend_from_slice(b)
        });
        assert!(u.ended());
        assert_eq!(end, Some(18), "the terminator ends before QUIT");
        assert_eq!(out, b"part one\r\n..tail\r\n.next\r\n");
    }
}
