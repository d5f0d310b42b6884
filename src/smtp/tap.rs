//! Taps: where a session's content bytes can be copied as they are decoded — each message as the
//! server received it (dot-unstuffed DATA, BDAT chunks in order) and each XEXCH50 BLOB — for
//! `smtpscope export`.
//!
//! Owns the [`ContentTap`] trait only: every method has an empty default, and the decoder calls
//! them in order (`message_start`, `message_bytes`/`message_gap`…, `message_end`; likewise for
//! BLOBs). A tap sees bytes, not records: what it does with them (files, hashes) is its own
//! business. Must not: influence decoding.

use crate::message::Message;

/// Receives a session's content bytes as the decoder reads them.
pub trait ContentTap: Send {
    /// The message of transaction `txn` begins.
    fn message_start(&mut self, _txn: usize) {}
    /// Message bytes, as the server received them (dot-unstuffed, no terminator).
    fn message_bytes(&mut self, _bytes: &[u8]) {}
    /// `len` message bytes were lost in the capture.
    fn message_gap(&mut self, _len: u64) {}
    /// The message of transaction `txn` ended; `message` is its decoded record.
    fn message_end(&mut self, _txn: usize, _message: &Message) {}
    /// XEXCH50 BLOB `index` of transaction `txn` begins.
    fn blob_start(&mut self, _txn: usize, _index: usize) {}
    /// BLOB bytes.
    fn blob_bytes(&mut self, _bytes: &[u8]) {}
    /// The BLOB ended: `complete` when every announced byte travelled; its SHA-256 then.
    fn blob_end(&mut self, _complete: bool, _sha256: Option<&str>) {}
}
