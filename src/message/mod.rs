//! Message decoding: the bytes of one DATA body or BDAT sequence → one [`Message`] record (header
//! fields, the `Received:` path with its delays, the MIME tree with every part's decoded size and
//! SHA-256), beside `smtp/` and with the same shape: pure, per-message state, owned records out.
//!
//! [`MessageDecoder`] is fed the message as it arrives — dot-unstuffed DATA bytes, or BDAT chunk
//! bytes — with [`MessageDecoder::push`], told of bytes lost in the capture with
//! [`MessageDecoder::gap`], and closed with [`MessageDecoder::finish`], which takes the capture time
//! of the message's end (the clock the last `Received:` hop is measured against: an input, never
//! read from the system).
//!
//! **Streaming, bounded.** The decoder holds no body. Per message it keeps one line being cut
//! ([`mime::LINE_CAP`]), the header section being read ([`Limits::max_header_bytes`]), the stack of
//! open multiparts and embedded messages ([`Limits::max_depth`]) and one running SHA-256 per open
//! entity; the records it builds are capped too ([`Limits::max_parts`], [`MAX_FIELDS`],
//! [`MAX_HOPS`], [`MAX_ANOMALIES`]). Header sections are the only thing that grows with the input,
//! so they draw on a [`Budget`] shared by every open session (`MESSAGE_HEADER_BUDGET`); hitting it
//! or any limit is an anomaly, never silent. Because nothing is held, `--max-message-size`
//! ([`Limits::max_message_size`], default 32 MiB) bounds work, not memory: past it the message is
//! marked too large — the MIME walk stops (parts open there are incomplete, later ones unreported)
//! while its size still counts every byte.
//!
//! **Speed.** Hashing is most of the cost of decoding a message, so only attachments and inline
//! parts are hashed ([`Part::hashed`]); the message's own text is measured, not hashed, and a
//! message with no multipart (no boundary to watch for) is passed to its one part in whole chunks
//! rather than line by line.
//!
//! **Which crate does what.** `mail-parser` (Stalwart) is the best-kept Rust mail parser: RFC 5322
//! addresses and dates, RFC 2047 encoded words in every charset (ISO-2022-JP through
//! `encoding_rs`), RFC 2231 parameters, `Received:` clauses. It parses a *complete message held in
//! memory* and decodes every part into memory, with no limit on parts or multipart nesting — the
//! wrong shape for a capture of a mail hub, where a body may be 50 MB and a hostile one 10,000
//! parts deep. So the body walk is ours ([`mime`], [`transfer`]: boundaries, base64 and
//! quoted-printable in constant memory), and `mail-parser` reads each bounded header section
//! ([`fields`]). `mailparse` has the same whole-message shape; the streaming multipart crates
//! (`multer`, `multipart`) are async `multipart/form-data` readers for HTTP.
//!
//! Must not: read SMTP (dot-stuffing is the SMTP decoder's business), know about sessions or
//! files, judge what a header means for a mail system (rules do), or print.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

pub mod fields;
pub mod mime;
pub mod record;
pub mod transfer;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

pub use record::{
    AuthResult, DkimSignature, Field, Headers, Hop, Mailbox, Message, MessageAnomaly, MessageAnomalyKind,
    Part, PartKind,
};

use crate::time::Timestamp;

/// Header fields kept per message (for `-v`; later ones are counted).
pub const MAX_FIELDS: usize = 200;
/// Characters kept of each header field value.
pub const MAX_FIELD_VALUE: usize = 2048;
/// `Received:` hops kept per message (later ones are counted).
pub const MAX_HOPS: usize = 100;
/// Anomalies kept per message.
pub const MAX_ANOMALIES: usize = 64;
/// Default `--max-message-size`: 32 MiB.
pub const DEFAULT_MAX_MESSAGE_SIZE: u64 = 32 * 1024 * 1024;
/// Header bytes held across all open sessions at once.
pub const MESSAGE_HEADER_BUDGET: usize = 64 * 1024 * 1024;

/// The limits of one message's decoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Message bytes walked (`--max-message-size`).
    pub max_message_size: u64,
    /// Bytes kept of one header section.
    pub max_header_bytes: usize,
    /// Nesting depth of multiparts and embedded messages walked into.
    pub max_depth: u32,
    /// MIME entities recorded.
    pub max_parts: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_message_size: DEFAULT_MAX_MESSAGE_SIZE,
            max_header_bytes: 256 * 1024,
            max_depth: 32,
            max_parts: 1000,
        }
    }
}

/// A cap on the header bytes held across every open message at once, shared by clones.
#[derive(Clone, Debug)]
pub struct Budget {
    used: Arc<AtomicUsize>,
    cap: usize,
}

impl Default for Budget {
    fn default() -> Self {
        Budget::new(MESSAGE_HEADER_BUDGET)
    }
}

impl Budget {
    /// A budget of `cap` bytes.
    pub fn new(cap: usize) -> Self {
        Budget {
            used: Arc::new(AtomicUsize::new(0)),
            cap,
        }
    }

    /// The cap.
    pub fn cap(&self) -> usize {
        self.cap
    }

    /// Bytes held now.
    pub fn used(&self) -> usize {
        self.used.load(Ordering::Relaxed)
    }

    /// Takes `n` bytes if the cap allows.
    pub fn try_take(&self, n: usize) -> bool {
        self.used
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |u| {
                u.checked_add(n).filter(|t| *t <= self.cap)
            })
            .is_ok()
    }

    /// Gives `n` bytes back.
    pub fn give_back(&self, n: usize) {
        if n > 0 {
            let _ = self.used.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |u| {
                Some(u.saturating_sub(n))
            });
        }
    }
}

/// The options of message decoding: its limits and the shared header budget.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Per-message limits.
    pub limits: Limits,
    /// The budget shared by every open message of the run.
    pub budget: Budget,
}

/// Receives each recorded part's decoded bytes as they are decoded (for export); every method
/// has an empty default.
pub trait PartSink {
    /// A leaf or embedded-message part with record `index` begins.
    fn begin(&mut self, _index: usize, _part: &Part) {}
    /// Decoded bytes of part `index`.
    fn bytes(&mut self, _index: usize, _decoded: &[u8]) {}
    /// Part `index` ended; `part` is its final record.
    fn end(&mut self, _index: usize, _part: &Part) {}
}

/// A sink that wants nothing.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoSink;

impl PartSink for NoSink {}

/// Decodes one message as it arrives (see the module doc).
#[derive(Debug)]
pub struct MessageDecoder {
    limits: Limits,
    walker: mime::Walker,
    size: u64,
    gap_bytes: u64,
}

impl MessageDecoder {
    /// A decoder at the start of a message.
    pub fn new(options: &Options) -> Self {
        MessageDecoder {
            limits: options.limits,
            walker: mime::Walker::new(options.limits, options.budget.clone()),
            size: 0,
            gap_bytes: 0,
        }
    }

    /// Message bytes so far, gaps included.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The next message bytes.
    pub fn push(&mut self, bytes: &[u8]) {
        self.push_to(bytes, &mut NoSink);
    }

    /// The next message bytes, decoded parts going to `sink`.
    pub fn push_to(&mut self, bytes: &[u8], sink: &mut dyn PartSink) {
        let room = self.limits.max_message_size.saturating_sub(self.size);
        let walked = usize::try_from(room).unwrap_or(usize::MAX).min(bytes.len());
        self.walker.push(bytes.get(..walked).unwrap_or_default(), sink);
        self.size = self.size.saturating_add(bytes.len() as u64);
        if walked < bytes.len() {
            self.walker.stop(self.limits.max_message_size, sink);
        }
    }

    /// `len` bytes of the message were lost in the capture.
    pub fn gap(&mut self, len: u64) {
        self.gap_to(len, &mut NoSink);
    }

    /// [`MessageDecoder::gap`], with a part sink.
    pub fn gap_to(&mut self, len: u64, sink: &mut dyn PartSink) {
        self.gap_bytes = self.gap_bytes.saturating_add(len);
        self.walker.gap(len, sink);
        self.size = self.size.saturating_add(len);
        if self.size > self.limits.max_message_size {
            self.walker.stop(self.limits.max_message_size, sink);
        }
    }

    /// Ends the message. `complete`: it ended as the protocol says (DATA terminator, BDAT LAST);
    /// `end`: the capture time of its last byte.
    pub fn finish(self, complete: bool, end: Option<Timestamp>) -> Message {
        self.finish_to(complete, end, &mut NoSink)
    }

    /// [`MessageDecoder::finish`], with a part sink.
    pub fn finish_to(self, complete: bool, end: Option<Timestamp>, sink: &mut dyn PartSink) -> Message {
        let whole = complete && self.gap_bytes == 0;
        let walked = self.walker.finish(whole, sink);
        let too_large = self.size > self.limits.max_message_size;
        let section = walked.top.unwrap_or_default();
        let received = chain(section.received);
        let capture_delay_s = match (end, received.last().and_then(|h| h.date)) {
            (Some(end), Some(date)) => Some(end.seconds_since(date).round() as i64),
            _ => None,
        };
        Message {
            size: self.size,
            complete: whole,
            gap_bytes: self.gap_bytes,
            too_large,
            headers: section.headers,
            received,
            received_dropped: section.received_dropped,
            capture_delay_s,
            parts: walked.parts,
            parts_dropped: walked.parts_dropped,
            anomalies: walked.anomalies,
        }
    }
}

/// The `Received:` fields as sent (newest first) → hops oldest first, each with its delay since
/// the previous hop.
fn chain(mut newest_first: Vec<Hop>) -> Vec<Hop> {
    newest_first.reverse();
    let mut previous: Option<Timestamp> = None;
    for hop in &mut newest_first {
        hop.delay_s = match (previous, hop.date) {
            (Some(p), Some(d)) => Some(d.secs.saturating_sub(p.secs)),
            _ => None,
        };
        if hop.date.is_some() {
            previous = hop.date;
        }
    }
    newest_first
}

#[cfg(test)]
mod tests;
