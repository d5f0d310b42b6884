//! SMTP smuggling as the server saw it: the commands a server executed inside what a strict
//! reader takes for one DATA body (SEC Consult, 2023; PROTOCOL.md §1.5).
//!
//! While a DATA body is scanned, the bytes after its first non-canonical end-of-data sequence
//! (`LF.LF`, `LF.CRLF`, `CR.CR`…) are kept, with the frame each arrived in, up to
//! [`MAX_TAIL_BYTES`] (beyond, the rest is not replayed and the anomaly `smuggled_tail_truncated`
//! says how much). A strict reader's body ends at `CRLF.CRLF` and gets one reply. If the reply
//! after that one fits the first command of the kept bytes and not what the client sent after the
//! body, the server proved it ended the body at the non-canonical sequence: the kept bytes are
//! decoded as the commands (and messages) the server read, each item marked smuggled
//! ([`Origin::Smuggled`]) with the transactions they opened, and the replies pair with them. The
//! strict reader's single body stays as it was, beside them. A reply that comes while the client
//! is still inside the body is the same proof, earlier.
//!
//! Must not: call anything an attack (the `smtp-smuggling` rule does) or replay bytes no reply
//! asks for.
//!
//! [`Origin::Smuggled`]: crate::smtp::dialogue::Origin::Smuggled

use super::pairing::{accepts, Awaiting};
use super::{ClientMode, SmtpDecoder};
use crate::net::Direction;
use crate::smtp::anomaly::AnomalyKind;
use crate::smtp::body::DataFacts;
use crate::smtp::command::{parse_command, Verb};
use crate::smtp::dialogue::Position;
use crate::smtp::inbox::Inbox;
use crate::smtp::reply::Reply;

/// Bytes kept after a body's first non-canonical end-of-data sequence.
pub const MAX_TAIL_BYTES: usize = 64 * 1024;

/// The bytes after a body's first non-canonical end-of-data sequence.
#[derive(Debug)]
pub(super) struct Tail {
    /// The transaction whose body holds them.
    txn: usize,
    /// Their offset in the raw body.
    from: u64,
    bytes: Vec<u8>,
    /// (offset in `bytes`, where it arrived) for each piece.
    arrivals: Vec<(usize, Position)>,
    /// Bytes beyond [`MAX_TAIL_BYTES`], not kept.
    dropped: u64,
}

impl Tail {
    /// The bytes after the first non-canonical candidate of `facts`, if the body holds one.
    pub(super) fn after_first_candidate(txn: usize, facts: &DataFacts) -> Option<Tail> {
        let first = facts.end_of_data_candidates.first()?;
        let eol = if first.sequence.ends_with("CRLF") { 2 } else { 1 };
        Some(Tail {
            txn,
            from: first.offset.saturating_add(1).saturating_add(eol),
            bytes: Vec::new(),
            arrivals: Vec::new(),
            dropped: 0,
        })
    }

    /// Body bytes `chunk` at raw body offset `offset`, with where its pieces arrived.
    pub(super) fn feed(&mut self, offset: u64, chunk: &[u8], arrivals: &[(usize, Position)]) {
        let end = offset.saturating_add(chunk.len() as u64);
        if end <= self.from {
            return;
        }
        let skip = usize::try_from(self.from.saturating_sub(offset)).unwrap_or(usize::MAX);
        let kept = chunk.get(skip..).unwrap_or_default();
        let room = MAX_TAIL_BYTES.saturating_sub(self.bytes.len());
        let take = kept.len().min(room);
        self.dropped = self
            .dropped
            .saturating_add((kept.len().saturating_sub(take)) as u64);
        if take == 0 {
            return;
        }
        let base = self.bytes.len();
        let first_at = arrivals
            .iter()
            .take_while(|(o, _)| *o <= skip)
            .last()
            .map(|(_, at)| *at);
        if let Some(at) = first_at {
            self.arrivals.push((base, at));
        }
        for (o, at) in arrivals
            .iter()
            .filter(|(o, _)| *o > skip && *o < skip.saturating_add(take))
        {
            self.arrivals
                .push((base.saturating_add(o.saturating_sub(skip)), *at));
        }
        self.bytes.extend_from_slice(kept.get(..take).unwrap_or_default());
        // Later bytes are at later offsets: move the start along.
        self.from = end;
    }

    /// The first line, parsed as a command the server would have read.
    fn first_command(&self) -> Option<Awaiting> {
        let line = self
            .bytes
            .split(|&b| b == b'\n')
            .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
            .find(|l| !l.is_empty())?;
        let command = parse_command(line)?;
        Some(match command.verb {
            Verb::Mail => Awaiting::Mail { txn: 0 },
            Verb::Rcpt => Awaiting::Rcpt { txn: 0, index: None },
            Verb::Data => Awaiting::Data { txn: 0 },
            Verb::Helo | Verb::Ehlo | Verb::Lhlo => Awaiting::Helo { ehlo: true },
            Verb::Quit => Awaiting::Quit,
            Verb::StartTls => Awaiting::StartTls,
            Verb::Auth | Verb::Xauth | Verb::XExps => Awaiting::Sasl { exchange: 0 },
            Verb::Rset | Verb::Noop | Verb::Bdat | Verb::Vrfy | Verb::Xexch50 => Awaiting::Other,
            _ => return None,
        })
    }
}

impl SmtpDecoder {
    /// A reply came while the bytes after a body's non-canonical end-of-data wait for a verdict.
    pub(super) fn smuggling_decision(&mut self, reply: &Reply) {
        let Some(tail) = &self.smuggle else {
            return;
        };
        let body_end_pending = self
            .pending
            .front()
            .is_some_and(|e| matches!(e.what, Awaiting::DataEnd { txn } if txn == tail.txn) && !e.answered);
        if body_end_pending {
            return; // this reply is the one to the body
        }
        let Some(tail) = self.smuggle.take() else {
            return;
        };
        if self.uncertain.is_some() {
            return;
        }
        let lenient = tail.first_command().is_some_and(|what| accepts(what, reply.code));
        let strict = self.pending.front().is_some_and(|e| accepts(e.what, reply.code));
        if lenient && !strict {
            self.replay(*tail);
        }
    }

    /// Decodes the kept bytes as the server read them: commands after the non-canonical
    /// end-of-data, marked smuggled, their replies due before anything the client sent later.
    fn replay(&mut self, tail: Tail) {
        let mut inbox = Inbox::default();
        let mut pieces = tail.arrivals.iter().peekable();
        while let Some(&(from, at)) = pieces.next() {
            let to = pieces.peek().map_or(tail.bytes.len(), |(o, _)| *o);
            inbox.push(tail.bytes.get(from..to).unwrap_or_default(), at);
        }
        let real = std::mem::replace(&mut self.client, inbox);
        let mode = std::mem::replace(&mut self.mode, ClientMode::Commands);
        let txn = self.txn.take();
        let content_item = self.content_item.take();
        let later = std::mem::take(&mut self.pending);
        let gated = std::mem::replace(&mut self.gated, false);
        self.smuggling = true;
        while self.pump_client() {}
        if tail.dropped > 0 {
            let at = self.client_position();
            self.anomaly(
                AnomalyKind::SmuggledTailTruncated,
                Direction::ClientToServer,
                at,
                crate::msg!(
                    "anomaly-smuggled-tail-truncated",
                    dropped = tail.dropped,
                    replayed = tail.bytes.len()
                ),
            );
        }
        // A body or line the kept bytes leave unfinished goes on in what the client sent next.
        let leftover = self.client.unread().to_vec();
        let leftover_at = self.client.position();
        let continues = !leftover.is_empty() || !matches!(self.mode, ClientMode::Commands);
        self.smuggling = false;
        self.client = real;
        if let (false, Some(at)) = (leftover.is_empty(), leftover_at) {
            self.client.prepend(&leftover, at);
        }
        if !continues {
            self.mode = mode;
            self.txn = txn;
            self.content_item = content_item;
        }
        self.pending.extend(later);
        self.gated = gated || self.gate_index().is_some();
    }
}
