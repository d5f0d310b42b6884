//! The DATA body (RFC 5321 §4.1.1.4): after the `354` to DATA, client bytes up to `CRLF.CRLF`.
//!
//! Owns the body's framing with [`DotScanner`] (constant memory; the facts smuggling detection
//! needs), its transcript item (`[DATA n bytes]`), its end (terminator, a reply that came first, a
//! gap, the end of the connection) and the reply that answers it. Every byte goes to the body sink
//! ([`super::content`]); the bytes after a non-canonical end-of-data sequence are also kept for
//! [`super::smuggling`]. Must not: judge a non-canonical end-of-data (rules do).

use super::pairing::Awaiting;
use super::smuggling::Tail;
use super::{ClientMode, Incoming, SmtpDecoder, Taken};
use crate::net::Direction;
use crate::smtp::anomaly::AnomalyKind;
use crate::smtp::body::{DataFacts, DotScanner, Scan};
use crate::smtp::dialogue::{ItemKind, Position};

impl SmtpDecoder {
    /// The 354 to DATA: the body of transaction `txn` follows.
    pub(super) fn start_data(&mut self, txn: usize) {
        self.body_start(txn);
        self.content_item = None;
        self.data_offset = 0;
        self.data_tail = None;
        self.mode = ClientMode::Data {
            txn,
            scanner: DotScanner::new(),
        };
    }

    /// Takes DATA body bytes from `input`: scans them for the end of the body, feeds them to the
    /// body sink and to the smuggling tail, counts them. `None` when there are none.
    pub(super) fn data_take(&mut self, input: &Incoming<'_>) -> Option<Taken> {
        let ClientMode::Data { txn, scanner } = &mut self.mode else {
            return None;
        };
        let txn = *txn;
        if input.bytes.is_empty() {
            return None;
        }
        let scan = scanner.feed(input.bytes);
        let consumed = match scan {
            Scan::More => input.bytes.len(),
            Scan::Ended { consumed } => consumed,
        };
        let chunk = input.bytes.get(..consumed).unwrap_or_default();
        self.body.feed(chunk);
        if self.data_tail.is_none() && !self.smuggling {
            self.data_tail = Tail::after_first_candidate(txn, scanner.facts()).map(Box::new);
        }
        if let Some(tail) = self.data_tail.as_mut() {
            tail.feed(self.data_offset, chunk, &input.arrivals(consumed));
        }
        self.data_offset = self.data_offset.saturating_add(consumed as u64);
        if self.content_item.is_none() {
            self.content_item = self.push_item(
                Direction::ClientToServer,
                input.at,
                ItemKind::Content {
                    verb: "DATA",
                    bytes: 0,
                },
            );
        }
        self.grow_item(self.content_item, consumed as u64);
        Some(Taken {
            consumed,
            ended: scan != Scan::More,
        })
    }

    /// The body ended at its terminator, which has been taken: its facts are final, and the
    /// reply to it is awaited.
    pub(super) fn data_close(&mut self) {
        let ClientMode::Data { txn, scanner } = std::mem::replace(&mut self.mode, ClientMode::Commands)
        else {
            return;
        };
        let facts = scanner.facts().clone();
        self.end_data(txn, facts, true);
        let item = self.content_item.take();
        self.expect(item, Awaiting::DataEnd { txn }, true);
        self.smuggle = self.data_tail.take();
    }

    /// The body of transaction `txn` ended (`complete`: at its terminator): its facts are final.
    pub(super) fn end_data(&mut self, txn: usize, facts: DataFacts, complete: bool) {
        self.data_facts(txn, facts, complete);
        self.body_end();
    }

    /// Records the DATA scanner's facts of transaction `txn`'s body.
    pub(super) fn data_facts(&mut self, txn: usize, facts: DataFacts, complete: bool) {
        if let Some(ItemKind::Content { bytes, .. }) = self
            .content_item
            .and_then(|i| self.item_mut(i))
            .map(|item| &mut item.kind)
        {
            *bytes = facts.raw_bytes;
        }
        if let Some(content) = self.content(txn) {
            content.bytes = facts.raw_bytes;
            content.complete = complete;
            content.data = Some(facts);
        }
    }

    /// A reply arrived while the client was still inside a DATA body: the server ended the body
    /// before `CRLF.CRLF`. The body ends here, and the reply answers it.
    pub(super) fn reply_during_data(&mut self, txn: usize, at: Position) {
        let ClientMode::Data { scanner, .. } = std::mem::replace(&mut self.mode, ClientMode::Commands) else {
            return;
        };
        let facts = scanner.into_facts();
        let detail = match facts.end_of_data_candidates.last() {
            Some(c) => crate::msg!(
                "anomaly-reply-before-end-held",
                sequence = c.sequence.to_string(),
                offset = c.offset.to_string()
            ),
            None => crate::msg!("anomaly-reply-before-end"),
        };
        self.anomaly(
            AnomalyKind::ReplyBeforeEndOfData,
            Direction::ServerToClient,
            at,
            detail,
        );
        self.end_data(txn, facts, false);
        let item = self.content_item.take();
        self.expect(item, Awaiting::DataEnd { txn }, true);
        self.smuggle = self.data_tail.take();
    }

    /// The rest of a body that lost bytes in a gap: counted, not scanned, until its terminator or
    /// the next reply; the body sink still reads it (up to the terminator, if it comes), so the
    /// message's parts after the gap are decoded. When the terminator comes, the gap lay inside
    /// the body (no command was lost in it) and what follows is commands: true, decoding goes on.
    pub(super) fn data_after_gap(&mut self, txn: usize) -> bool {
        let unread = self.client.unread();
        let end = self.body.feed(unread);
        let n = end.unwrap_or(unread.len());
        self.client.consume(n);
        self.grow_item(self.content_item, n as u64);
        if let Some(content) = self.content(txn) {
            content.bytes = content.bytes.saturating_add(n as u64);
        }
        if end.is_none() {
            return false;
        }
        self.content_item = None;
        self.body_end();
        self.mode = ClientMode::Commands;
        true
    }
}
