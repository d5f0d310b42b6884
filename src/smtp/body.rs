//! Message content: the streaming DATA scanner ([`DotScanner`]). What the message says (its header
//! fields, MIME parts) is the message decoder's (`crate::message`), fed by the body sink.
//!
//! [`DotScanner`] consumes a DATA body chunk by chunk, in constant memory, and finds the RFC 5321
//! §4.1.1.4 end of data (`CRLF . CRLF`, or `. CRLF` as the very first line). On the way it records
//! the facts later stages judge by: raw and unstuffed sizes (§4.5.2 transparency), a census of line
//! endings, the longest line, and every *non-canonical* end-of-data candidate (a line holding only
//! a dot where the line ending before or after it is not CRLF: `LF.LF`, `LF.CRLF`, `CRLF.LF`,
//! `CR.CR`…) with the bytes that follow it — the facts SMTP smuggling detection needs
//! (PROTOCOL.md §1.5). Must not: decide whether a candidate is an attack (that is a rule's job).

use memchr::memchr2;
use serde::Serialize;

/// How one line of content ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Eol {
    /// `CR LF`.
    CrLf,
    /// `LF` alone.
    Lf,
    /// `CR` alone.
    Cr,
}

impl Eol {
    fn name(self) -> &'static str {
        match self {
            Eol::CrLf => "CRLF",
            Eol::Lf => "LF",
            Eol::Cr => "CR",
        }
    }
}

/// How many line endings of each kind a body holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct EolCensus {
    /// `CR LF` endings.
    pub crlf: u64,
    /// Bare `LF` endings.
    pub bare_lf: u64,
    /// Bare `CR` endings.
    pub bare_cr: u64,
}

/// A dot-only line that is not the RFC terminator, and what follows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EndOfDataCandidate {
    /// Offset of the dot within the raw body.
    pub offset: u64,
    /// The sequence, e.g. `LF.CRLF`.
    pub sequence: String,
    /// Up to [`FOLLOWING_BYTES`] bytes after the sequence (lossy UTF-8).
    pub followed_by: String,
}

/// Bytes kept after each end-of-data candidate.
pub const FOLLOWING_BYTES: usize = 96;
/// End-of-data candidates kept per body (more are counted).
pub const MAX_CANDIDATES: usize = 16;

/// What a finished (or abandoned) DATA body looked like.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DataFacts {
    /// Raw bytes after the 354 up to (not including) the terminator's `.CRLF`.
    pub raw_bytes: u64,
    /// The message size after removing transparency dots.
    pub unstuffed_bytes: u64,
    /// Lines that started with a doubled dot.
    pub stuffed_dots: u64,
    /// Line ending census.
    pub line_endings: EolCensus,
    /// The longest line, without its ending.
    pub longest_line: u64,
    /// Non-canonical end-of-data candidates, in order (at most [`MAX_CANDIDATES`]).
    pub end_of_data_candidates: Vec<EndOfDataCandidate>,
    /// All candidates, including those not kept.
    pub candidate_count: u64,
}

/// Scans a DATA body for its terminator, in constant memory.
#[derive(Debug)]
pub struct DotScanner {
    facts: DataFacts,
    /// The ending of the previous line (`None` at the start of the body, which counts as CRLF).
    prev_eol: Option<Eol>,
    /// Length of the current line so far.
    line_len: u64,
    /// The current line's first two bytes (0 = absent).
    line_head: [u8; 2],
    /// A CR ended the previous chunk: whether an LF follows is not known yet.
    pending_cr: bool,
    /// Bytes still to copy into the last candidate's `followed_by`.
    following: usize,
}

/// What [`DotScanner::feed`] found.
#[derive(Debug, PartialEq, Eq)]
pub enum Scan {
    /// All of the chunk is body; more is needed.
    More,
    /// The terminator ends `consumed` bytes into the chunk (after its `.CRLF`).
    Ended {
        /// Bytes of the chunk that belong to the body and its terminator.
        consumed: usize,
    },
}

impl Default for DotScanner {
    fn default() -> Self {
        DotScanner::new()
    }
}

impl DotScanner {
    /// A scanner at the start of a body.
    pub fn new() -> Self {
        DotScanner {
            facts: DataFacts::default(),
            prev_eol: None,
            line_len: 0,
            line_head: [0; 2],
            pending_cr: false,
            following: 0,
        }
    }

    /// The facts so far (complete once [`Scan::Ended`] was returned).
    pub fn facts(&self) -> &DataFacts {
        &self.facts
    }

    /// Ends the scan without a terminator (gap or end of connection): the facts so far.
    pub fn into_facts(mut self) -> DataFacts {
        if self.pending_cr {
            self.pending_cr = false;
            self.end_line(Eol::Cr);
        }
        self.facts.raw_bytes = self.facts.raw_bytes.saturating_add(self.line_len);
        self.facts.unstuffed_bytes = self.facts.unstuffed_bytes.saturating_add(self.line_len);
        self.facts
    }

    /// Scans the next chunk of the body.
    pub fn feed(&mut self, chunk: &[u8]) -> Scan {
        let mut at = 0usize;
        if self.pending_cr {
            self.pending_cr = false;
            let eol = if chunk.first() == Some(&b'\n') {
                at = 1;
                Eol::CrLf
            } else {
                Eol::Cr
            };
            self.note_following(chunk.get(..at).unwrap_or_default());
            if self.end_line(eol) {
                return Scan::Ended { consumed: at };
            }
        }
        while let Some(rest) = chunk.get(at..).filter(|r| !r.is_empty()) {
            if self.line_len == 0 && self.following == 0 {
                let plain = self.plain_lines(rest);
                if plain > 0 {
                    at = at.saturating_add(plain);
                    continue;
                }
            }
            let Some(k) = memchr2(b'\r', b'\n', rest) else {
                self.content(rest);
                return Scan::More;
            };
            let (content, tail) = rest.split_at(k);
            self.content(content);
            let (eol, width) = match tail {
                [b'\n', ..] => (Some(Eol::Lf), 1),
                [b'\r', b'\n', ..] => (Some(Eol::CrLf), 2),
                [b'\r'] => (None, 1),
                _ => (Some(Eol::Cr), 1),
            };
            self.note_following(tail.get(..width).unwrap_or_default());
            at = at.saturating_add(k).saturating_add(width);
            match eol {
                None => self.pending_cr = true,
                Some(eol) => {
                    if self.end_line(eol) {
                        return Scan::Ended { consumed: at };
                    }
                }
            }
        }
        Scan::More
    }

    /// Takes the whole lines at the start of `bytes` that end in CRLF, hold no other CR or LF and
    /// do not begin with a dot — nearly every line of a message — and returns their length. What
    /// [`DotScanner::end_line`] would make of them one by one is summed once: such a line is never
    /// a terminator, a candidate or stuffed. Called at a line's start with no candidate followed.
    fn plain_lines(&mut self, bytes: &[u8]) -> usize {
        let (mut at, mut lines, mut longest) = (0usize, 0u64, self.facts.longest_line);
        while let Some(line) = bytes.get(at..).filter(|l| l.first() != Some(&b'.')) {
            let Some(k) = memchr2(b'\r', b'\n', line) else {
                break;
            };
            if line.get(k..k.saturating_add(2)) != Some(b"\r\n") {
                break;
            }
            lines = lines.saturating_add(1);
            longest = longest.max(k as u64);
            at = at.saturating_add(k).saturating_add(2);
        }
        if lines > 0 {
            let facts = &mut self.facts;
            facts.line_endings.crlf = facts.line_endings.crlf.saturating_add(lines);
            facts.raw_bytes = facts.raw_bytes.saturating_add(at as u64);
            facts.unstuffed_bytes = facts.unstuffed_bytes.saturating_add(at as u64);
            facts.longest_line = longest;
            self.prev_eol = Some(Eol::CrLf);
        }
        at
    }

    fn content(&mut self, bytes: &[u8]) {
        for (slot, b) in self
            .line_head
            .iter_mut()
            .skip(usize::try_from(self.line_len).unwrap_or(2))
            .zip(bytes)
        {
            *slot = *b;
        }
        self.line_len = self.line_len.saturating_add(bytes.len() as u64);
        self.note_following(bytes);
    }

    fn note_following(&mut self, bytes: &[u8]) {
        if self.following == 0 {
            return;
        }
        let take = bytes.len().min(self.following);
        if let (Some(c), Some(b)) = (self.facts.end_of_data_candidates.last_mut(), bytes.get(..take)) {
            c.followed_by.push_str(&String::from_utf8_lossy(b));
        }
        self.following = self.following.saturating_sub(take);
    }

    /// Closes the current line; true when it was the terminator.
    fn end_line(&mut self, eol: Eol) -> bool {
        let prev = self.prev_eol;
        let dot_only = self.line_len == 1 && self.line_head[0] == b'.';
        let canonical_start = matches!(prev, None | Some(Eol::CrLf));
        if dot_only && canonical_start && eol == Eol::CrLf {
            return true;
        }
        let width: u64 = if eol == Eol::CrLf { 2 } else { 1 };
        if dot_only {
            self.candidate(prev, eol);
        }
        let census = &mut self.facts.line_endings;
        match eol {
            Eol::CrLf => census.crlf = census.crlf.saturating_add(1),
            Eol::Lf => census.bare_lf = census.bare_lf.saturating_add(1),
            Eol::Cr => census.bare_cr = census.bare_cr.saturating_add(1),
        }
        let stuffed = canonical_start && self.line_len >= 2 && self.line_head[0] == b'.';
        let line_total = self.line_len.saturating_add(width);
        self.facts.raw_bytes = self.facts.raw_bytes.saturating_add(line_total);
        self.facts.unstuffed_bytes = self
            .facts
            .unstuffed_bytes
            .saturating_add(line_total.saturating_sub(u64::from(stuffed)));
        self.facts.stuffed_dots = self.facts.stuffed_dots.saturating_add(u64::from(stuffed));
        self.facts.longest_line = self.facts.longest_line.max(self.line_len);
        self.prev_eol = Some(eol);
        self.line_len = 0;
        self.line_head = [0; 2];
        false
    }

    fn candidate(&mut self, prev: Option<Eol>, eol: Eol) {
        self.facts.candidate_count = self.facts.candidate_count.saturating_add(1);
        if self.facts.end_of_data_candidates.len() >= MAX_CANDIDATES {
            return;
        }
        let before = prev.map_or("start", Eol::name);
        // The dot sits one byte before the end of the bytes counted so far plus this line.
        let offset = self.facts.raw_bytes;
        self.facts.end_of_data_candidates.push(EndOfDataCandidate {
            offset,
            sequence: format!("{before}.{}", eol.name()),
            followed_by: String::new(),
        });
        self.following = FOLLOWING_BYTES;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feeds `body` in chunks of `step` bytes; returns the facts and the bytes left after the end.
    fn scan(body: &[u8], step: usize) -> (DataFacts, Option<Vec<u8>>) {
        let mut s = DotScanner::new();
        for (i, chunk) in body.chunks(step).enumerate() {
            if let Scan::Ended { consumed } = s.feed(chunk) {
                let rest = body[i * step + consumed..].to_vec();
                return (s.facts().clone(), Some(rest));
            }
        }
        (s.into_facts(), None)
    }

    /// The same result whatever the chunking.
    fn scan_all_ways(body: &[u8]) -> (DataFacts, Option<Vec<u8>>) {
        let first = scan(body, body.len().max(1));
        for step in 1..=body.len().min(8) {
            assert_eq!(scan(body, step), first, "step {step}");
        }
        first
    }

    #[test]
    fn the_terminator_ends_the_body_and_the_rest_is_returned() {
        let (f, rest) = scan_all_ways(b"Subject: x\r\n\r\nhello\r\n.\r\nQUIT\r\n");
        assert_eq!(rest.as_deref(), Some(&b"QUIT\r\n"[..]));
        assert_eq!(f.raw_bytes, 21);
        assert_eq!(f.unstuffed_bytes, 21);
        assert_eq!(f.line_endings.crlf, 3);
        assert_eq!(f.longest_line, 10);
    }

    #[test]
    fn an_empty_message_is_a_lone_dot_line() {
        let (f, rest) = scan_all_ways(b".\r\nQUIT\r\n");
        assert_eq!(rest.as_deref(), Some(&b"QUIT\r\n"[..]));
        assert_eq!(f.raw_bytes, 0);
    }

    #[test]
    fn transparency_dots_are_counted_and_removed() {
        let (f, rest) = scan_all_ways(b"..hidden\r\n...\r\n.\r\n");
        assert!(rest.is_some());
        assert_eq!(f.stuffed_dots, 2);
        assert_eq!(f.raw_bytes, 15);
        assert_eq!(f.unstuffed_bytes, 13);
    }

    #[test]
    fn non_canonical_dots_are_candidates_not_terminators() {
        let body = b"hi\n.\r\nMAIL FROM:<spoof@contoso.com>\r\nDATA\r\nx\r\n.\r\n";
        let (f, rest) = scan_all_ways(body);
        assert_eq!(rest.as_deref(), Some(&b""[..]));
        assert_eq!(f.candidate_count, 1);
        let c = &f.end_of_data_candidates[0];
        assert_eq!(c.sequence, "LF.CRLF");
        assert_eq!(c.offset, 3);
        assert!(
            c.followed_by.starts_with("MAIL FROM:<spoof@contoso.com>\r\nDATA"),
            "{c:?}"
        );
        assert_eq!(f.line_endings.bare_lf, 1);
    }

    #[test]
    fn every_non_canonical_shape_is_named() {
        for (body, seq) in [
            (&b"a\n.\nb\r\n.\r\n"[..], "LF.LF"),
            (b"a\r\n.\nb\r\n.\r\n", "CRLF.LF"),
            (b"a\r.\rb\r\n.\r\n", "CR.CR"),
            (b"a\r.\r\nb\r\n.\r\n", "CR.CRLF"),
            (b"a\r\n.\rb\r\n.\r\n", "CRLF.CR"),
            (b"a\n.\rb\r\n.\r\n", "LF.CR"),
            (b".\nb\r\n.\r\n", "start.LF"),
        ] {
            let (f, rest) = scan_all_ways(body);
            assert!(rest.is_some(), "{seq}");
            assert_eq!(f.end_of_data_candidates[0].sequence, seq);
            assert!(f.end_of_data_candidates[0].followed_by.starts_with('b'), "{seq}");
        }
    }

    #[test]
    fn an_unterminated_body_keeps_its_facts() {
        let (f, rest) = scan_all_ways(b"line one\r\nline tw");
        assert_eq!(rest, None);
        assert_eq!(f.raw_bytes, 17);
        let (f, _) = scan(b"abc\r", 4);
        assert_eq!(f.line_endings.bare_cr, 1);
    }

    proptest::proptest! {
        /// Whole CRLF lines are summed in one go only when the chunk holds them whole: any body of
        /// text, dots, CRs and LFs gives the same facts and end fed whole as fed a byte at a time.
        #[test]
        fn whole_lines_and_single_bytes_give_the_same_facts(
            body in proptest::collection::vec(
                proptest::sample::select(b"ab.\r\n\r\n\r\n".to_vec()), 0..120),
            step in 2usize..16,
        ) {
            let whole = scan(&body, body.len().max(1));
            proptest::prop_assert_eq!(&scan(&body, 1), &whole);
            proptest::prop_assert_eq!(&scan(&body, step), &whole);
        }
    }

    #[test]
    fn plain_lines_are_counted_like_any_other() {
        let (f, rest) = scan_all_ways(b"abc\r\n\r\nlonger line\r\n..x\r\nend\r\n.\r\n");
        assert_eq!(rest.as_deref(), Some(&b""[..]));
        assert_eq!(f.line_endings.crlf, 5);
        assert_eq!(f.longest_line, 11);
        assert_eq!(f.stuffed_dots, 1);
        assert_eq!(f.raw_bytes, 30);
        assert_eq!(f.unstuffed_bytes, 29);
    }

    #[test]
    fn candidates_are_capped_but_counted() {
        let body = [&b"x\n.\n"[..]].repeat(MAX_CANDIDATES + 4).concat();
        let (f, _) = scan(&body, 7);
        assert_eq!(f.candidate_count as usize, MAX_CANDIDATES + 4);
        assert_eq!(f.end_of_data_candidates.len(), MAX_CANDIDATES);
    }
}
