//! The body sink: where every byte of message content goes, once, in order — the DATA body after
//! its `354`, and each BDAT chunk of a transaction one after the other.
//!
//! Three calls make the whole contract: [`SmtpDecoder::body_start`] when a message's content
//! begins (after the `354` to DATA, or with the first BDAT chunk of a transaction),
//! [`BodySink::feed`] for its bytes as they arrive, and [`SmtpDecoder::body_end`] when it
//! ends or is given up (terminator, `BDAT … LAST`, a gap, the next message, the end of the
//! connection), which stores what the
//! sink learnt in the transaction's [`Content`](crate::smtp::dialogue::Content). Today the sink
//! reads the header section ([`HeaderReader`]: Message-ID, Subject); a message analyzer (MIME
//! structure, attachments) belongs here too, beside it.
//!
//! What the bytes are: DATA bytes come as sent — still dot-stuffed (RFC 5321 §4.5.2), line ends as
//! the client sent them, and the last call may end with the terminator's `.CRLF`; the body's own
//! length without the terminator is [`crate::smtp::body::DataFacts::raw_bytes`]. BDAT bytes are the
//! message itself (no stuffing, no terminator). Bytes lost in a gap never reach the sink: the
//! content then ends incomplete. Must not: frame anything (the DATA scanner and the counted-unit
//! reader decide where content ends) or hold more than its own named limits.

use super::SmtpDecoder;
use crate::smtp::body::HeaderReader;

/// What the sink keeps of the content in progress.
#[derive(Debug, Default)]
pub(super) struct BodySink {
    /// The transaction whose content is in progress.
    txn: Option<usize>,
    headers: HeaderReader,
}

impl BodySink {
    /// Content bytes, in order. (A method of the sink, not of the decoder, so that it can be fed
    /// straight from the client's inbox.)
    pub(super) fn feed(&mut self, bytes: &[u8]) {
        self.headers.feed(bytes);
    }
}

impl SmtpDecoder {
    /// The content of transaction `txn` begins (a content still in progress is ended first).
    pub(super) fn body_start(&mut self, txn: usize) {
        self.body_end();
        self.body.txn = Some(txn);
    }

    /// The content in progress ended, or is given up: what the sink learnt goes into its
    /// transaction's content record, and the sink is ready for the next message.
    pub(super) fn body_end(&mut self) {
        let BodySink { txn, headers } = std::mem::take(&mut self.body);
        let Some(txn) = txn else {
            return;
        };
        let headers = headers.facts();
        if let Some(content) = self.content(txn) {
            content.headers = headers;
        }
    }
}
