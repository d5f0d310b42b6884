//! The streaming MIME walker: message bytes in, one line at a time, the tree of entities out as
//! flat [`Part`] records with their decoded sizes and SHA-256 (RFC 2045, RFC 2046 §5). Lines of a
//! body that cannot end it (no boundary can come, or none starts with `--`) go to its decoder in
//! runs rather than one by one.
//!
//! It holds no body: a line being cut ([`LINE_CAP`] bytes at most; a longer line is passed on in
//! pieces and cannot be a boundary, its last CR held until the next byte shows whether it begins
//! the line break), the header section being read (at most
//! [`Limits::max_header_bytes`], and only while the shared [`Budget`] allows), the stack of open
//! multiparts and embedded messages (at most [`Limits::max_depth`] deep), and one running hash per
//! open entity. Boundaries are matched against every open multipart, innermost first, so a part
//! whose own multipart never closes is ended by its parent's boundary (anomaly
//! `multipart_unterminated`), as mail clients read it. The line break before a boundary belongs to
//! the boundary (RFC 2046 §5.1.1), so each open entity holds its last line break back until it
//! knows.
//!
//! A gap marks the entities open across it as damaged (no hash) and the walker resumes at the
//! next line break: a later boundary starts the next part undamaged.
//!
//! Must not: read SMTP, know about sessions, hold a part's content, or judge.

use memchr::memchr;
use sha2::{Digest, Sha256};

use super::fields::{self, EntityHeaders, Section};
use super::record::{MessageAnomaly, MessageAnomalyKind, Part, PartKind};
use super::transfer::{Encoding, TransferDecoder};
use super::{Budget, Limits, PartSink};

/// The longest line kept whole: longer lines are content passed on in pieces (a boundary line is
/// at most 70 characters plus `--` twice and transport padding, RFC 2046 §5.1.1).
pub const LINE_CAP: usize = 1024;
/// RFC 5322 §2.1.1: a line is at most 998 characters before its CRLF.
const RFC_LINE_LIMIT: usize = 998;
/// The TNEF signature, `0x223E9F78` little-endian ([MS-OXTNEF] §2.1.3.1).
const TNEF_SIGNATURE: [u8; 4] = [0x78, 0x9F, 0x3E, 0x22];

/// What the walker is inside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// An entity's header section (the entity is [`Walker::entity`]).
    Headers,
    /// A leaf body ([`Walker::leaf`] is set).
    Body,
    /// A multipart's preamble or epilogue: nothing to record until a boundary.
    Skip,
}

/// The entity whose header section is being read.
#[derive(Clone, Debug)]
struct Entity {
    path: String,
    depth: u32,
    /// Its multipart parent is `multipart/digest` (default type `message/rfc822`).
    in_digest: bool,
    /// The record of the `message/rfc822` part this entity is the message of.
    inner_of: Option<usize>,
}

/// The decoded side of one open entity: size, hash, first bytes.
#[derive(Debug)]
struct Meter {
    hash: Option<Sha256>,
    decoded: u64,
    head: Vec<u8>,
}

impl Meter {
    fn take(&mut self, part: Option<usize>, sink: &mut dyn PartSink, data: &[u8]) {
        self.decoded = self.decoded.saturating_add(data.len() as u64);
        if let Some(h) = &mut self.hash {
            h.update(data);
        }
        if self.head.len() < TNEF_SIGNATURE.len() {
            let room = TNEF_SIGNATURE.len().saturating_sub(self.head.len());
            self.head.extend(data.iter().take(room));
        }
        if let Some(index) = part {
            sink.bytes(index, data);
        }
    }
}

/// The body of an open leaf or embedded message.
#[derive(Debug)]
struct Content {
    /// Its record, when it has one.
    part: Option<usize>,
    decoder: TransferDecoder,
    meter: Meter,
    encoded: u64,
    /// The line break of the last line, held until the next line shows it is content.
    pending_eol: &'static [u8],
    damaged: bool,
}

impl Content {
    fn new(part: Option<usize>, encoding: Encoding, hashed: bool) -> Self {
        Content {
            part,
            decoder: TransferDecoder::new(encoding),
            meter: Meter {
                hash: (part.is_some() && hashed).then(Sha256::new),
                decoded: 0,
                head: Vec::new(),
            },
            encoded: 0,
            pending_eol: b"",
            damaged: false,
        }
    }

    fn release_eol(&mut self, sink: &mut dyn PartSink) {
        if self.pending_eol.is_empty() {
            return;
        }
        let eol = std::mem::take(&mut self.pending_eol);
        self.encoded = self.encoded.saturating_add(eol.len() as u64);
        let (meter, part) = (&mut self.meter, self.part);
        self.decoder
            .line_break(eol, &mut |d| meter.take(part, &mut *sink, d));
    }

    /// Bytes of a body no boundary can end (a message's only part), line breaks included: all
    /// of them content.
    fn feed_run(&mut self, bytes: &[u8], sink: &mut dyn PartSink) {
        self.release_eol(sink);
        self.encoded = self.encoded.saturating_add(bytes.len() as u64);
        let (meter, part) = (&mut self.meter, self.part);
        self.decoder
            .content(bytes, &mut |d| meter.take(part, &mut *sink, d));
    }

    /// Line content (or a piece of a long line, or whole lines but the last break), then its
    /// break when it has one.
    fn feed(&mut self, content: &[u8], eol: &'static [u8], sink: &mut dyn PartSink) {
        self.release_eol(sink);
        if !content.is_empty() {
            self.encoded = self.encoded.saturating_add(content.len() as u64);
            let (meter, part) = (&mut self.meter, self.part);
            self.decoder
                .content(content, &mut |d| meter.take(part, &mut *sink, d));
        }
        self.pending_eol = eol;
    }

    /// Ends the body; `keep_eol`: its last line break is content (no boundary follows it).
    fn finish(mut self, keep_eol: bool, complete: bool, record: Option<&mut Part>, sink: &mut dyn PartSink) {
        if keep_eol {
            self.release_eol(sink);
        }
        let (meter, part) = (&mut self.meter, self.part);
        self.decoder.finish(&mut |d| meter.take(part, &mut *sink, d));
        let Some(record) = record else { return };
        record.encoded_bytes = self.encoded;
        record.decoded_bytes = self.meter.decoded;
        record.damaged = self.damaged;
        record.complete = complete && !self.damaged;
        record.invalid_encoding_bytes = self.decoder.invalid;
        record.tnef = record.tnef || self.meter.head == TNEF_SIGNATURE;
        record.sha256 = match (self.meter.hash, record.complete) {
            (Some(h), true) => Some(hex(&h.finalize())),
            _ => None,
        };
        if let Some(index) = self.part {
            sink.end(index, record);
        }
    }
}

/// An open multipart or embedded message.
#[derive(Debug)]
struct Frame {
    part: Option<usize>,
    path: String,
    depth: u32,
    kind: FrameKind,
}

#[derive(Debug)]
enum FrameKind {
    Multipart {
        boundary: Vec<u8>,
        children: u32,
        digest: bool,
    },
    /// A `message/rfc822` part: every line inside it is its content.
    Message(Box<Content>),
}

/// What the walk found.
#[derive(Debug, Default)]
pub struct Walked {
    /// The records, in the order entities started.
    pub parts: Vec<Part>,
    /// Entities not recorded (past the part limit).
    pub parts_dropped: u64,
    /// What broke the rules or hit a limit.
    pub anomalies: Vec<MessageAnomaly>,
    /// The message's own header section, read as message headers.
    pub top: Option<Section>,
}

/// The walker (see the module doc).
#[derive(Debug)]
pub struct Walker {
    limits: Limits,
    budget: Budget,
    /// Header bytes taken from the budget.
    held: usize,
    carry: Vec<u8>,
    /// The current line began before what is being fed (a long line, or bytes after a gap).
    mid_line: bool,
    state: State,
    stack: Vec<Frame>,
    header: Vec<u8>,
    /// The header section stopped being stored (size limit or budget).
    header_full: bool,
    entity: Entity,
    leaf: Option<Content>,
    /// Message offset of the next byte.
    offset: u64,
    /// Past `--max-message-size`: nothing more is walked.
    stopped: bool,
    long_line_noted: bool,
    out: Walked,
}

impl Drop for Walker {
    fn drop(&mut self) {
        self.budget.give_back(self.held);
    }
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len().saturating_mul(2));
    for b in bytes {
        for nibble in [b >> 4, b & 0xF] {
            s.push(char::from(
                DIGITS.get(usize::from(nibble)).copied().unwrap_or(b'0'),
            ));
        }
    }
    s
}

/// Splits a line into its content and its break (`\r\n`, `\n`, or none).
fn split_eol(line: &[u8]) -> (&[u8], &'static [u8]) {
    if let Some(c) = line.strip_suffix(b"\r\n") {
        (c, b"\r\n")
    } else if let Some(c) = line.strip_suffix(b"\n") {
        (c, b"\n")
    } else {
        (line, b"")
    }
}

/// How many bytes at the start of `bytes` (which starts a line) are whole lines none of which
/// starts with `--` (could be a boundary) or, when `check_long`, is longer than
/// [`RFC_LINE_LIMIT`] without its break.
///
/// Not line by line (base64 lines are 76 bytes: a search per line costs more than the search):
/// one search for the first `LF --`, then the last LF within each stretch of `RFC_LINE_LIMIT + 1`
/// bytes from a line start, which proves every line before it short; only a stretch without an LF
/// has its line measured.
pub(super) fn plain_run(bytes: &[u8], check_long: bool) -> usize {
    if bytes.starts_with(b"--") {
        return 0;
    }
    let cut = memchr::memmem::find(bytes, b"\n--").map_or(bytes.len(), |lf| lf.saturating_add(1));
    let lines = bytes.get(..cut).unwrap_or_default();
    let Some(last_lf) = memchr::memrchr(b'\n', lines) else {
        return 0;
    };
    let whole = last_lf.saturating_add(1);
    if !check_long {
        return whole;
    }
    let mut at = 0usize;
    while let Some(rest) = lines.get(at..whole).filter(|r| !r.is_empty()) {
        let stretch = rest.get(..RFC_LINE_LIMIT.saturating_add(1)).unwrap_or(rest);
        let next = match memchr::memrchr(b'\n', stretch) {
            Some(lf) => lf,
            None => {
                let lf = memchr(b'\n', rest).unwrap_or(rest.len());
                let line = rest.get(..=lf).unwrap_or(rest);
                if split_eol(line).0.len() > RFC_LINE_LIMIT {
                    return at;
                }
                lf
            }
        };
        at = at.saturating_add(next).saturating_add(1);
    }
    at.min(whole)
}

/// Whether `line` is `--boundary` or `--boundary--`, followed only by blanks (RFC 2046 §5.1.1);
/// `Some(true)` for the closing delimiter.
fn delimiter(line: &[u8], boundary: &[u8]) -> Option<bool> {
    let rest = line.strip_prefix(b"--")?.strip_prefix(boundary)?;
    let (close, rest) = match rest.strip_prefix(b"--") {
        Some(r) => (true, r),
        None => (false, rest),
    };
    rest.iter().all(|b| *b == b' ' || *b == b'\t').then_some(close)
}

impl Walker {
    /// A walker at the start of a message.
    pub fn new(limits: Limits, budget: Budget) -> Self {
        Walker {
            limits,
            budget,
            held: 0,
            carry: Vec::new(),
            mid_line: false,
            state: State::Headers,
            stack: Vec::new(),
            header: Vec::new(),
            header_full: false,
            entity: Entity {
                path: "1".into(),
                depth: 0,
                in_digest: false,
                inner_of: None,
            },
            leaf: None,
            offset: 0,
            stopped: false,
            long_line_noted: false,
            out: Walked::default(),
        }
    }

    fn anomaly(&mut self, kind: MessageAnomalyKind, part: Option<String>, detail: String) {
        if self.out.anomalies.len() < super::MAX_ANOMALIES {
            self.out.anomalies.push(MessageAnomaly {
                kind,
                offset: self.offset,
                part,
                detail,
            });
        }
    }

    fn noted(&self, kind: MessageAnomalyKind) -> bool {
        self.out.anomalies.iter().any(|a| a.kind == kind)
    }

    /// Walks the next message bytes.
    pub fn push(&mut self, bytes: &[u8], sink: &mut dyn PartSink) {
        let mut rest = bytes;
        while !rest.is_empty() && !self.stopped {
            if self.whole_chunks() {
                self.push_whole(rest, sink);
                return;
            }
            let run = self.content_run(rest);
            if run > 0 {
                let (lines, tail) = rest.split_at(run.min(rest.len()));
                rest = tail;
                self.push_run(lines, sink);
                continue;
            }
            let Some(nl) = memchr(b'\n', rest) else {
                self.partial(rest, sink);
                break;
            };
            let (line, tail) = rest.split_at(nl.saturating_add(1).min(rest.len()));
            rest = tail;
            if self.carry.is_empty() {
                self.line(line, sink);
            } else if self.carry.len().saturating_add(line.len()) <= LINE_CAP.saturating_add(2) {
                let mut whole = std::mem::take(&mut self.carry);
                whole.extend_from_slice(line);
                self.line(&whole, sink);
                whole.clear();
                self.carry = whole;
            } else {
                self.overflow(sink);
                self.line(line, sink);
            }
        }
    }

    /// The body of a message's only part, in whole chunks (see [`Walker::whole_chunks`]).
    fn push_whole(&mut self, bytes: &[u8], sink: &mut dyn PartSink) {
        if !self.carry.is_empty() {
            // The start of a line the line-by-line path kept: content like the rest.
            let carry = std::mem::take(&mut self.carry);
            if let Some(leaf) = &mut self.leaf {
                leaf.feed_run(&carry, sink);
            }
            self.offset = self.offset.saturating_add(carry.len() as u64);
            self.carry = carry;
            self.carry.clear();
        }
        if let Some(leaf) = &mut self.leaf {
            leaf.feed_run(bytes, sink);
        }
        self.offset = self.offset.saturating_add(bytes.len() as u64);
    }

    /// Whether bytes can go to the leaf in whole chunks: the body of a message's only part (no
    /// multipart or embedded message open, so no boundary can come) in an encoding that does not
    /// need lines. (A line the line-by-line path began is carried over as content.) Lines are
    /// not cut there, so `long_line` is noted only where lines are walked — a DATA body's longest
    /// line is in the DATA scanner's facts anyway.
    fn whole_chunks(&self) -> bool {
        self.state == State::Body
            && self.stack.is_empty()
            && !self.stopped
            && self.leaf.as_ref().is_some_and(|l| !l.decoder.needs_lines())
    }

    /// How many bytes at the start of `bytes` are whole lines of a leaf body inside multiparts
    /// that the walker can pass on at once: none can be a boundary (none starts with `--`), none
    /// needs noting as too long, the walker is at a line start with nothing carried, and the
    /// leaf's encoding does not need lines. 0 when the next line must be walked on its own.
    ///
    /// On a mail hub most bytes are base64 attachments inside `multipart/mixed`: taken line by
    /// line they cost a boundary check, a decoder call and a hash update per 76 bytes.
    fn content_run(&self, bytes: &[u8]) -> usize {
        let leaf_takes_runs = self.state == State::Body
            && !self.mid_line
            && self.carry.is_empty()
            && self.leaf.as_ref().is_some_and(|l| !l.decoder.needs_lines())
            && self
                .stack
                .iter()
                .all(|f| matches!(f.kind, FrameKind::Multipart { .. }));
        if !leaf_takes_runs {
            return 0;
        }
        plain_run(bytes, !self.long_line_noted)
    }

    /// Whole lines found by [`Walker::content_run`]: the leaf's content, the last line break
    /// held back like any line's.
    fn push_run(&mut self, lines: &[u8], sink: &mut dyn PartSink) {
        let (content, eol) = split_eol(lines);
        if let Some(leaf) = &mut self.leaf {
            leaf.feed(content, eol, sink);
        }
        self.offset = self.offset.saturating_add(lines.len() as u64);
    }

    /// Bytes with no line break: kept while the line may still be a boundary, else passed on.
    /// A piece passed on ends before its last CR, which is held in `carry`: if an LF comes next,
    /// the two are the line's break (which may belong to a boundary), however the bytes were cut.
    fn partial(&mut self, bytes: &[u8], sink: &mut dyn PartSink) {
        if !self.mid_line {
            if self.carry.len().saturating_add(bytes.len()) <= LINE_CAP {
                self.carry.extend_from_slice(bytes);
                return;
            }
            self.overflow(sink);
        } else if !self.carry.is_empty() {
            // A CR held back from the last piece, not followed by an LF: content after all.
            let carry = std::mem::take(&mut self.carry);
            self.feed(&carry, b"", false, sink);
            self.carry = carry;
            self.carry.clear();
        }
        let (piece, cr) = match bytes.strip_suffix(b"\r") {
            Some(piece) => (piece, true),
            None => (bytes, false),
        };
        if !piece.is_empty() {
            self.feed(piece, b"", false, sink);
        }
        if cr {
            self.carry.push(b'\r');
        }
    }

    /// The line being cut grew past [`LINE_CAP`]: what is kept of it is passed on as a piece.
    fn overflow(&mut self, sink: &mut dyn PartSink) {
        self.note_long_line();
        let carry = std::mem::take(&mut self.carry);
        self.feed(&carry, b"", false, sink);
        self.carry = carry;
        self.carry.clear();
    }

    fn note_long_line(&mut self) {
        if !self.long_line_noted {
            self.long_line_noted = true;
            self.anomaly(
                MessageAnomalyKind::LongLine,
                None,
                format!("a line longer than {RFC_LINE_LIMIT} characters (RFC 5322 §2.1.1)"),
            );
        }
    }

    /// One complete line (ending in LF), or the start of one when the walker is mid-line.
    fn line(&mut self, line: &[u8], sink: &mut dyn PartSink) {
        let (content, eol) = split_eol(line);
        let line_start = !self.mid_line;
        if content.len() > RFC_LINE_LIMIT {
            self.note_long_line();
        }
        self.feed(content, eol, line_start, sink);
    }

    /// The core step: `content` of a line (whole, or a piece when `eol` is empty) and its break.
    fn feed(&mut self, content: &[u8], eol: &'static [u8], line_start: bool, sink: &mut dyn PartSink) {
        let boundary_level = if line_start && content.len() <= LINE_CAP && content.starts_with(b"--") {
            self.match_boundary(content)
        } else {
            None
        };
        let below = boundary_level.map_or(self.stack.len(), |(k, _)| k);
        // Embedded messages enclosing this line take it as content.
        for frame in self.stack.iter_mut().take(below) {
            if let FrameKind::Message(c) = &mut frame.kind {
                c.feed(content, eol, sink);
            }
        }
        if let Some((level, close)) = boundary_level {
            self.boundary(level, close, sink);
        } else {
            match self.state {
                State::Headers => self.header_bytes(content, eol, line_start, sink),
                State::Body => {
                    if let Some(leaf) = &mut self.leaf {
                        leaf.feed(content, eol, sink);
                    }
                }
                State::Skip => {}
            }
        }
        self.offset = self
            .offset
            .saturating_add(content.len() as u64)
            .saturating_add(eol.len() as u64);
        self.mid_line = eol.is_empty();
    }

    /// The innermost open multipart whose boundary `line` is, and whether it closes it.
    fn match_boundary(&self, line: &[u8]) -> Option<(usize, bool)> {
        self.stack
            .iter()
            .enumerate()
            .rev()
            .find_map(|(k, f)| match &f.kind {
                FrameKind::Multipart { boundary, .. } => delimiter(line, boundary).map(|close| (k, close)),
                FrameKind::Message(_) => None,
            })
    }

    fn header_bytes(
        &mut self,
        content: &[u8],
        eol: &'static [u8],
        line_start: bool,
        sink: &mut dyn PartSink,
    ) {
        if line_start && content.is_empty() && !eol.is_empty() {
            self.start_entity(sink);
            return;
        }
        for bytes in [content, eol] {
            self.store_header(bytes);
        }
    }

    fn store_header(&mut self, bytes: &[u8]) {
        if self.header_full || bytes.is_empty() {
            return;
        }
        let room = self.limits.max_header_bytes.saturating_sub(self.header.len());
        let take = bytes.len().min(room);
        if take < bytes.len() {
            self.header_full = true;
            let path = self.entity.path.clone();
            self.anomaly(
                MessageAnomalyKind::HeaderTooLarge,
                Some(path),
                format!(
                    "a header section larger than {} bytes; the rest of it was skipped",
                    self.limits.max_header_bytes
                ),
            );
        }
        if take == 0 {
            return;
        }
        if !self.budget.try_take(take) {
            self.header_full = true;
            let path = self.entity.path.clone();
            self.anomaly(
                MessageAnomalyKind::MemoryCap,
                Some(path),
                format!(
                    "the header bytes held across open sessions reached {}; the rest of this \
                     section was skipped",
                    self.budget.cap()
                ),
            );
            return;
        }
        self.held = self.held.saturating_add(take);
        self.header
            .extend_from_slice(bytes.get(..take).unwrap_or_default());
    }

    /// Gives the header section's bytes back to the budget and empties it.
    fn release_header(&mut self) {
        self.budget.give_back(self.held);
        self.held = 0;
        self.header_full = false;
        if self.header.capacity() > 16 * 1024 {
            self.header = Vec::new();
        } else {
            self.header.clear();
        }
    }

    /// The header section of [`Walker::entity`] ended: records the entity and walks into it.
    fn start_entity(&mut self, sink: &mut dyn PartSink) {
        let is_top = self.entity.depth == 0;
        let as_message = is_top || self.entity.inner_of.is_some();
        let mut section = fields::parse_section(&self.header, as_message);
        self.release_header();
        let entity = self.entity.clone();
        let e = std::mem::take(&mut section.entity);
        if let Some(outer) = entity.inner_of.and_then(|i| self.out.parts.get_mut(i)) {
            outer.inner_subject = section.headers.subject.clone();
            outer.inner_from = section.headers.from.first().map(ToString::to_string);
        }
        if is_top {
            self.out.top = Some(section);
        }
        let content_type = e.content_type.clone().unwrap_or_else(|| {
            if entity.in_digest {
                "message/rfc822".into()
            } else {
                "text/plain".into()
            }
        });
        let (encoding, known) = Encoding::from_header(e.transfer_encoding.as_deref());
        let descend = entity.depth < self.limits.max_depth;
        let mut kind = if content_type.starts_with("multipart/") {
            PartKind::Multipart
        } else if (content_type == "message/rfc822" || content_type == "message/global")
            && encoding == Encoding::Identity
        {
            PartKind::Message
        } else {
            PartKind::Leaf
        };
        let boundary = e
            .boundary
            .as_deref()
            .filter(|b| !b.is_empty() && b.len() <= 200)
            .map(|b| b.as_bytes().to_vec());
        if kind == PartKind::Multipart && boundary.is_none() {
            self.anomaly(
                MessageAnomalyKind::MissingBoundary,
                Some(entity.path.clone()),
                format!("{content_type} without a usable boundary parameter: read as one part"),
            );
            kind = PartKind::Leaf;
        }
        if kind != PartKind::Leaf && !descend {
            if !self.noted(MessageAnomalyKind::DepthLimit) {
                self.anomaly(
                    MessageAnomalyKind::DepthLimit,
                    Some(entity.path.clone()),
                    format!(
                        "MIME nesting deeper than {} levels: deeper entities are read as opaque parts",
                        self.limits.max_depth
                    ),
                );
            }
            kind = PartKind::Leaf;
        }
        if !known {
            self.anomaly(
                MessageAnomalyKind::UnknownEncoding,
                Some(entity.path.clone()),
                format!(
                    "unknown transfer encoding {:?}: the bytes are reported as sent",
                    e.transfer_encoding.as_deref().unwrap_or("")
                ),
            );
        }
        let index = self.record(&entity, kind, content_type, &e);
        match kind {
            PartKind::Multipart => {
                self.stack.push(Frame {
                    part: index,
                    path: entity.path.clone(),
                    depth: entity.depth,
                    kind: FrameKind::Multipart {
                        boundary: boundary.unwrap_or_default(),
                        children: 0,
                        digest: self.part_type(index).is_some_and(|t| t == "multipart/digest"),
                    },
                });
                self.state = State::Skip;
            }
            PartKind::Message => {
                if let Some(i) = index {
                    if let Some(p) = self.out.parts.get(i) {
                        sink.begin(i, p);
                    }
                }
                self.stack.push(Frame {
                    part: index,
                    path: entity.path.clone(),
                    depth: entity.depth,
                    kind: FrameKind::Message(Box::new(Content::new(index, Encoding::Identity, true))),
                });
                self.entity = Entity {
                    path: format!("{}.1", entity.path),
                    depth: entity.depth.saturating_add(1),
                    in_digest: false,
                    inner_of: index,
                };
                self.state = State::Headers;
            }
            PartKind::Leaf => {
                if let Some(i) = index {
                    if let Some(p) = self.out.parts.get(i) {
                        sink.begin(i, p);
                    }
                }
                let hashed = index
                    .and_then(|i| self.out.parts.get(i))
                    .is_some_and(Part::hashed);
                self.leaf = Some(Content::new(index, encoding, hashed));
                self.state = State::Body;
            }
        }
    }

    fn part_type(&self, index: Option<usize>) -> Option<&str> {
        index
            .and_then(|i| self.out.parts.get(i))
            .map(|p| p.content_type.as_str())
    }

    /// Adds the record of an entity, unless past the part limit.
    fn record(
        &mut self,
        entity: &Entity,
        kind: PartKind,
        content_type: String,
        e: &EntityHeaders,
    ) -> Option<usize> {
        if self.out.parts.len() >= self.limits.max_parts {
            self.out.parts_dropped = self.out.parts_dropped.saturating_add(1);
            if !self.noted(MessageAnomalyKind::PartLimit) {
                self.anomaly(
                    MessageAnomalyKind::PartLimit,
                    Some(entity.path.clone()),
                    format!(
                        "more than {} MIME entities: later ones are walked but not reported",
                        self.limits.max_parts
                    ),
                );
            }
            return None;
        }
        let name_is_tnef = e
            .name
            .as_deref()
            .is_some_and(|n| n.eq_ignore_ascii_case("winmail.dat"));
        let type_is_tnef = matches!(
            content_type.as_str(),
            "application/ms-tnef" | "application/vnd.ms-tnef"
        );
        self.out.parts.push(Part {
            path: entity.path.clone(),
            depth: entity.depth,
            kind,
            content_type,
            charset: e.charset.clone(),
            transfer_encoding: e.transfer_encoding.clone(),
            disposition: e.disposition.clone(),
            name: e.name.clone(),
            content_id: e.content_id.clone(),
            encoded_bytes: 0,
            decoded_bytes: 0,
            sha256: None,
            complete: false,
            damaged: false,
            tnef: name_is_tnef || type_is_tnef,
            invalid_encoding_bytes: 0,
            inner_subject: None,
            inner_from: None,
        });
        Some(self.out.parts.len().saturating_sub(1))
    }

    /// A delimiter of the multipart at stack `level`.
    fn boundary(&mut self, level: usize, close: bool, sink: &mut dyn PartSink) {
        if self.state == State::Headers {
            // An entity with headers and no body (RFC 2046 §5.1.1 allows it).
            self.start_entity(sink);
        }
        self.end_leaf(false, true, sink);
        while self.stack.len() > level.saturating_add(1) {
            self.pop_frame(FrameEnd::OuterBoundary, sink);
        }
        if close {
            self.pop_frame(FrameEnd::OwnClose, sink);
            self.state = State::Skip;
            return;
        }
        let Some(frame) = self.stack.last_mut() else {
            return;
        };
        let FrameKind::Multipart { children, digest, .. } = &mut frame.kind else {
            return;
        };
        *children = children.saturating_add(1);
        self.entity = Entity {
            path: format!("{}.{children}", frame.path),
            depth: frame.depth.saturating_add(1),
            in_digest: *digest,
            inner_of: None,
        };
        self.state = State::Headers;
    }

    fn end_leaf(&mut self, keep_eol: bool, complete: bool, sink: &mut dyn PartSink) {
        if let Some(leaf) = self.leaf.take() {
            let index = leaf.part;
            let record = index.and_then(|i| self.out.parts.get_mut(i));
            leaf.finish(keep_eol, complete, record, sink);
            let bad = index
                .and_then(|i| self.out.parts.get(i))
                .filter(|p| p.invalid_encoding_bytes > 0)
                .map(|p| {
                    (
                        p.path.clone(),
                        p.invalid_encoding_bytes,
                        p.transfer_encoding.clone(),
                    )
                });
            if let Some((path, n, encoding)) = bad {
                self.anomaly(
                    MessageAnomalyKind::BadEncoding,
                    Some(path),
                    format!(
                        "{n} bytes outside the {} encoding were skipped or kept as sent",
                        encoding.as_deref().unwrap_or("transfer")
                    ),
                );
            }
        }
    }

    /// Ends the innermost open frame.
    fn pop_frame(&mut self, end: FrameEnd, sink: &mut dyn PartSink) {
        let Some(frame) = self.stack.pop() else { return };
        match frame.kind {
            FrameKind::Message(content) => {
                let record = frame.part.and_then(|i| self.out.parts.get_mut(i));
                let (keep_eol, complete) = match end {
                    FrameEnd::OwnClose | FrameEnd::OuterBoundary => (false, true),
                    FrameEnd::MessageEnd { complete } => (true, complete),
                    FrameEnd::Stopped => (false, false),
                };
                content.finish(keep_eol, complete, record, sink);
            }
            FrameKind::Multipart { .. } => {
                if let Some(record) = frame.part.and_then(|i| self.out.parts.get_mut(i)) {
                    record.complete = end == FrameEnd::OwnClose;
                }
                let why = match end {
                    FrameEnd::OwnClose | FrameEnd::Stopped => return,
                    FrameEnd::OuterBoundary => {
                        "an outer boundary ended this multipart before its closing delimiter"
                    }
                    FrameEnd::MessageEnd { .. } => {
                        "the message ended before this multipart's closing delimiter"
                    }
                };
                self.anomaly(
                    MessageAnomalyKind::MultipartUnterminated,
                    Some(frame.path),
                    why.into(),
                );
            }
        }
    }

    /// Bytes were lost: the entities open across the gap are damaged; walking resumes at the next
    /// line break.
    pub fn gap(&mut self, len: u64, sink: &mut dyn PartSink) {
        if self.stopped {
            self.offset = self.offset.saturating_add(len);
            return;
        }
        if !self.carry.is_empty() {
            let carry = std::mem::take(&mut self.carry);
            self.feed(&carry, b"", false, sink);
            self.carry = carry;
            self.carry.clear();
        }
        let mut damaged: Option<String> = None;
        if let Some(leaf) = &mut self.leaf {
            leaf.damaged = true;
            damaged = leaf
                .part
                .and_then(|i| self.out.parts.get(i))
                .map(|p| p.path.clone());
        }
        for frame in &mut self.stack {
            if let FrameKind::Message(c) = &mut frame.kind {
                c.damaged = true;
                damaged = damaged.or_else(|| Some(frame.path.clone()));
            }
        }
        let detail = match self.state {
            State::Headers => format!(
                "{len} bytes missing inside the header section of entity {}",
                self.entity.path
            ),
            State::Body => format!(
                "{len} bytes missing inside part {}; it is reported without a hash",
                damaged.as_deref().unwrap_or("?")
            ),
            State::Skip => format!("{len} bytes missing between parts"),
        };
        let part = match self.state {
            State::Headers => Some(self.entity.path.clone()),
            _ => damaged,
        };
        self.anomaly(MessageAnomalyKind::Gap, part, detail);
        self.offset = self.offset.saturating_add(len);
        self.mid_line = true;
    }

    /// Past `--max-message-size`: ends what is open as incomplete and walks no further.
    pub fn stop(&mut self, limit: u64, sink: &mut dyn PartSink) {
        if self.stopped {
            return;
        }
        if self.state == State::Headers && self.entity.depth == 0 && self.out.top.is_none() {
            self.start_entity(sink);
        }
        self.end_leaf(false, false, sink);
        while !self.stack.is_empty() {
            self.pop_frame(FrameEnd::Stopped, sink);
        }
        self.anomaly(
            MessageAnomalyKind::TooLarge,
            None,
            format!(
                "the message passed --max-message-size ({limit} bytes): parts open there are \
                 incomplete and later ones unreported; its size counts every byte"
            ),
        );
        self.release_header();
        self.stopped = true;
    }

    /// The message ended (`complete`: as the protocol says, with nothing missing): ends every
    /// open entity and hands out what was found.
    pub fn finish(mut self, complete: bool, sink: &mut dyn PartSink) -> Walked {
        if !self.stopped {
            let carry = std::mem::take(&mut self.carry);
            if !carry.is_empty() {
                let line_start = !self.mid_line;
                self.feed(&carry, b"", line_start, sink);
            }
            if self.state == State::Headers {
                self.start_entity(sink);
            }
            let in_multipart = self
                .stack
                .iter()
                .any(|f| matches!(f.kind, FrameKind::Multipart { .. }));
            self.end_leaf(true, complete && !in_multipart, sink);
            while !self.stack.is_empty() {
                self.pop_frame(FrameEnd::MessageEnd { complete }, sink);
            }
        }
        self.release_header();
        std::mem::take(&mut self.out)
    }
}

/// How an open frame ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FrameEnd {
    /// Its own closing delimiter.
    OwnClose,
    /// A boundary of an enclosing multipart.
    OuterBoundary,
    /// The end of the message.
    MessageEnd { complete: bool },
    /// `--max-message-size` was passed.
    Stopped,
}
