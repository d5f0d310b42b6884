//! The DATA body (RFC 5321 §4.1.1.4): after the `354` to DATA, client bytes up to `CRLF.CRLF`.
//!
//! Owns the body's framing with [`DotScanner`] (constant memory; the facts smuggling detection
//! needs), its transcript item (`[DATA n bytes]`), its end (terminator, a reply that came first, a
//! gap, the end of the connection) and the reply that answers it. Every byte goes to the body sink
//! ([`super::content`]). Must not: judge a non-canonical end-of-data (rules do).

use super::pairing::Awaiting;
use super::{ClientMode, SmtpDecoder};
use crate::net::Direction;
use crate::smtp::anomaly::AnomalyKind;
use crate::smtp::body::{DataFacts, DotScanner, Scan};
use crate::smtp::dialogue::{ItemKind, Position};

impl SmtpDecoder {
    /// The 354 to DATA: the body of transaction `txn` follows.
    pub(super) fn start_data(&mut self, txn: usize) {
        self.body_start(txn);
        self.content_item = None;
        self.mode = ClientMode::Data {
            txn,
            scanner: DotScanner::new(),
        };
    }

    /// Scans the client's unread bytes as body; false when there is nothing to scan.
    pub(super) fn data_step(&mut self) -> bool {
        let ClientMode::Data { txn, scanner } = &mut self.mode else {
            return false;
        };
        let txn = *txn;
        let unread = self.client.unread();
        if unread.is_empty() {
            return false;
        }
        let scan = scanner.feed(unread);
        let consumed = match scan {
            Scan::More => unread.len(),
            Scan::Ended { consumed } => consumed,
        };
        self.body.feed(unread.get(..consumed).unwrap_or_default());
        if self.content_item.is_none() {
            let at = self.client_position();
            self.content_item = self.push_item(
                Direction::ClientToServer,
                at,
                ItemKind::Content {
                    verb: "DATA",
                    bytes: 0,
                },
            );
        }
        self.grow_item(self.content_item, consumed as u64);
        self.client.consume(consumed);
        if scan != Scan::More {
            if let ClientMode::Data { scanner, .. } = std::mem::replace(&mut self.mode, ClientMode::Commands)
            {
                let facts = scanner.facts().clone();
                self.end_data(txn, facts, true);
            }
            let item = self.content_item.take();
            self.expect(item, Awaiting::DataEnd { txn });
        }
        true
    }

    /// The body of transaction `txn` ended (`complete`: at its terminator): its facts are final.
    pub(super) fn end_data(&mut self, txn: usize, facts: DataFacts, complete: bool) {
        self.body_end();
        if let Some(ItemKind::Content { bytes, .. }) = self
            .content_item
            .and_then(|i| self.dialogue.transcript.get_mut(i))
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
            Some(c) => format!(
                "the server replied before CRLF.CRLF; the body held {} at byte {}",
                c.sequence, c.offset
            ),
            None => "the server replied before the DATA body reached CRLF.CRLF".into(),
        };
        self.anomaly(
            AnomalyKind::ReplyBeforeEndOfData,
            Direction::ServerToClient,
            at,
            detail,
        );
        self.end_data(txn, facts, false);
        let item = self.content_item.take();
        self.expect(item, Awaiting::DataEnd { txn });
    }

    /// The rest of a body that lost bytes in a gap: counted, not scanned, until the next reply.
    pub(super) fn data_after_gap(&mut self, txn: usize) {
        let n = self.client.discard() as u64;
        self.grow_item(self.content_item, n);
        if let Some(content) = self.content(txn) {
            content.bytes = content.bytes.saturating_add(n);
        }
    }
}
