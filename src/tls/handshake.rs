//! Handshake message reassembly: the fragments of one direction's handshake records in, whole
//! messages out (RFC 5246 §7.4, RFC 8446 §4).
//!
//! Owns the 4-byte message header (type, 24-bit length) and the rule that a message may span
//! records and several may share one. Messages are handed out whole, header included, because the
//! extended master secret hashes them as they travelled (RFC 7627 §3). Written by hand: tls-parser's
//! `parse_tls_message_handshake` wants the message in one slice and parses it at once, while a
//! passive reader must first gather it from records that arrive in separate segments.
//!
//! Limits: a message longer than [`MAX_MESSAGE`] is skipped by its length (reported once), never
//! buffered. Must not: decode message bodies (see [`super::hello`] and [`super::cert`]).

use crate::smtp::Position;

/// Longest handshake message kept (a certificate chain with long SAN lists fits easily; OpenSSL's
/// own default limit for a chain is 100 kB).
pub const MAX_MESSAGE: usize = 256 * 1024;

/// Handshake message types used by the session.
pub mod kind {
    /// hello_request.
    pub const HELLO_REQUEST: u8 = 0;
    /// client_hello.
    pub const CLIENT_HELLO: u8 = 1;
    /// server_hello (and a TLS 1.3 HelloRetryRequest).
    pub const SERVER_HELLO: u8 = 2;
    /// new_session_ticket.
    pub const NEW_SESSION_TICKET: u8 = 4;
    /// encrypted_extensions.
    pub const ENCRYPTED_EXTENSIONS: u8 = 8;
    /// certificate.
    pub const CERTIFICATE: u8 = 11;
    /// server_key_exchange.
    pub const SERVER_KEY_EXCHANGE: u8 = 12;
    /// certificate_request.
    pub const CERTIFICATE_REQUEST: u8 = 13;
    /// server_hello_done.
    pub const SERVER_HELLO_DONE: u8 = 14;
    /// certificate_verify.
    pub const CERTIFICATE_VERIFY: u8 = 15;
    /// client_key_exchange.
    pub const CLIENT_KEY_EXCHANGE: u8 = 16;
    /// finished.
    pub const FINISHED: u8 = 20;
    /// key_update.
    pub const KEY_UPDATE: u8 = 24;
}

/// One handshake message as it travelled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The message type.
    pub kind: u8,
    /// Header and body.
    pub raw: Vec<u8>,
    /// Where its first byte was.
    pub at: Position,
}

impl Message {
    /// The body (after the 4-byte header).
    pub fn body(&self) -> &[u8] {
        self.raw.get(4..).unwrap_or_default()
    }
}

/// What the reader produced.
#[derive(Debug, PartialEq, Eq)]
pub enum Next {
    /// A whole message.
    Message(Message),
    /// A message longer than [`MAX_MESSAGE`]: its bytes are skipped.
    TooLong {
        /// The message type.
        kind: u8,
        /// Its announced length.
        len: usize,
        /// Where it began.
        at: Position,
    },
}

/// One direction's handshake reassembler.
#[derive(Debug, Default)]
pub struct HandshakeReader {
    buf: Vec<u8>,
    /// Where the first byte of `buf` arrived.
    at: Option<Position>,
    /// Where the last fragment arrived.
    last: Option<Position>,
    /// Bytes of an over-long message still to skip.
    skip: usize,
}

impl HandshakeReader {
    /// Adds a record's handshake fragment that arrived at `at`.
    pub fn push(&mut self, mut fragment: &[u8], at: Position) {
        if self.skip > 0 {
            let n = self.skip.min(fragment.len());
            self.skip = self.skip.saturating_sub(n);
            fragment = fragment.get(n..).unwrap_or_default();
        }
        if fragment.is_empty() {
            return;
        }
        if self.buf.is_empty() {
            self.at = Some(at);
        }
        self.last = Some(at);
        self.buf.extend_from_slice(fragment);
    }

    /// The next whole message, if one is buffered.
    pub fn next_message(&mut self) -> Option<Next> {
        let [kind, a, b, c] = *self.buf.first_chunk::<4>()?;
        let len = usize::from(a) << 16 | usize::from(b) << 8 | usize::from(c);
        let at = self.at.or(self.last)?;
        if len > MAX_MESSAGE {
            let have = self.buf.len().saturating_sub(4);
            self.skip = len.saturating_sub(have);
            self.buf.clear();
            self.at = None;
            return Some(Next::TooLong { kind, len, at });
        }
        let total = len.saturating_add(4);
        if self.buf.len() < total {
            return None;
        }
        let rest = self.buf.split_off(total);
        let raw = std::mem::replace(&mut self.buf, rest);
        self.at = if self.buf.is_empty() { None } else { self.last };
        Some(Next::Message(Message { kind, raw, at }))
    }

    /// A message begun but not complete: where it began, bytes received, bytes announced.
    pub fn pending(&self) -> Option<(Position, usize, usize)> {
        if self.buf.is_empty() {
            return None;
        }
        let announced = match self.buf.first_chunk::<4>() {
            Some([_, a, b, c]) => {
                (usize::from(*a) << 16 | usize::from(*b) << 8 | usize::from(*c)).saturating_add(4)
            }
            None => 4,
        };
        Some((self.at.or(self.last)?, self.buf.len(), announced))
    }
}

/// Reads a big-endian 8/16/24-bit length-prefixed vector from `input`, returning it and the rest.
pub(crate) fn vector(input: &[u8], len_bytes: usize) -> Option<(&[u8], &[u8])> {
    let (len, rest) = input.split_at_checked(len_bytes)?;
    let n = len.iter().fold(0usize, |n, b| n << 8 | usize::from(*b));
    rest.split_at_checked(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::Timestamp;

    fn at(frame: u64) -> Position {
        Position {
            frame,
            ts: Timestamp::default(),
        }
    }

    fn msg(kind: u8, body: &[u8]) -> Vec<u8> {
        let len = body.len() as u32;
        let mut v = vec![kind, (len >> 16) as u8, (len >> 8) as u8, len as u8];
        v.extend_from_slice(body);
        v
    }

    #[test]
    fn messages_span_records_and_share_them() {
        let mut stream = msg(2, b"hello");
        stream.extend(msg(11, &[9; 40]));
        stream.extend(msg(14, b""));
        for cut in 0..=stream.len() {
            let mut r = HandshakeReader::default();
            let mut got = Vec::new();
            r.push(&stream[..cut], at(1));
            while let Some(Next::Message(m)) = r.next_message() {
                got.push(m);
            }
            r.push(&stream[cut..], at(2));
            while let Some(Next::Message(m)) = r.next_message() {
                got.push(m);
            }
            assert_eq!(
                got.iter().map(|m| m.kind).collect::<Vec<_>>(),
                [2, 11, 14],
                "cut {cut}"
            );
            assert_eq!(got[0].body(), b"hello");
            assert_eq!(got[1].body().len(), 40);
            assert_eq!(got[0].at, if cut == 0 { at(2) } else { at(1) });
            assert_eq!(r.pending(), None);
        }
    }

    #[test]
    fn incomplete_message_is_pending() {
        let stream = msg(11, &[1; 10]);
        for cut in 1..stream.len() {
            let mut r = HandshakeReader::default();
            r.push(&stream[..cut], at(5));
            assert_eq!(r.next_message(), None, "cut {cut}");
            let (where_, have, want) = r.pending().expect("pending");
            assert_eq!((where_, have), (at(5), cut));
            assert_eq!(want, if cut >= 4 { 14 } else { 4 });
        }
    }

    #[test]
    fn over_long_message_is_skipped_by_its_length() {
        let len = MAX_MESSAGE + 10;
        let mut r = HandshakeReader::default();
        r.push(&[11, (len >> 16) as u8, (len >> 8) as u8, len as u8, 0, 0], at(1));
        assert_eq!(
            r.next_message(),
            Some(Next::TooLong {
                kind: 11,
                len,
                at: at(1)
            })
        );
        r.push(&vec![0; len - 2], at(2));
        assert_eq!(r.next_message(), None);
        r.push(&msg(14, b""), at(3));
        assert!(matches!(
            r.next_message(),
            Some(Next::Message(Message { kind: 14, .. }))
        ));
    }

    #[test]
    fn vectors() {
        assert_eq!(vector(&[0, 2, 7, 8, 9], 2), Some((&[7, 8][..], &[9][..])));
        assert_eq!(vector(&[3, 1], 1), None);
        assert_eq!(vector(&[0], 2), None);
        assert_eq!(vector(&[0, 0, 0], 3), Some((&[][..], &[][..])));
    }
}
