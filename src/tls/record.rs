//! TLS record framing: one direction's byte stream in, one record at a time out (RFC 5246 §6.2,
//! RFC 8446 §5.1), across any segmentation.
//!
//! Owns the 5-byte record header, the length limits and an SSL 2.0-compatible ClientHello as the
//! very first client record (RFC 5246 Appendix E.2). The reader is a pull parser: each
//! [`RecordReader::next`] call consumes input until one record is complete (or the input is used
//! up), so the caller can change its mind between records about which bodies it keeps — a body it
//! does not want (bulk application data without keys) is counted, never copied. Written here rather
//! than with tls-parser's `parse_tls_raw_record` because that one refuses protected TLS 1.2 records
//! above 2^14+256 bytes, which RFC 5246 allows up to 2^14+2048, and because it needs the whole
//! record in one buffer.
//!
//! Invariants: a kept body is never longer than [`MAX_CIPHERTEXT`]; bytes that do not frame as a
//! record stop the reader for good (one anomaly, then counting only). Must not: interpret record
//! contents or decrypt.

use crate::smtp::Position;

/// Bytes of a record header.
pub const HEADER_LEN: usize = 5;
/// Longest plaintext fragment (RFC 5246 §6.2.1, RFC 8446 §5.1).
pub const MAX_PLAINTEXT: usize = 1 << 14;
/// Longest protected fragment (RFC 5246 §6.2.3; TLS 1.3 allows less, 2^14+256).
pub const MAX_CIPHERTEXT: usize = (1 << 14) + 2048;

/// Record content types (RFC 5246 §6.2.1, RFC 6520).
pub mod content {
    /// change_cipher_spec.
    pub const CHANGE_CIPHER_SPEC: u8 = 20;
    /// alert.
    pub const ALERT: u8 = 21;
    /// handshake.
    pub const HANDSHAKE: u8 = 22;
    /// application_data.
    pub const APPLICATION_DATA: u8 = 23;
    /// heartbeat (RFC 6520).
    pub const HEARTBEAT: u8 = 24;
}

/// A record header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    /// The content type.
    pub content_type: u8,
    /// The record's (legacy) version.
    pub version: u16,
    /// Fragment length.
    pub len: u16,
}

impl Header {
    /// Parses a header from its five bytes; `Err` says why they are not a TLS record header.
    pub fn parse(bytes: [u8; HEADER_LEN]) -> Result<Header, String> {
        let [content_type, major, minor, hi, lo] = bytes;
        if !(content::CHANGE_CIPHER_SPEC..=content::HEARTBEAT).contains(&content_type) {
            return Err(format!("content type {content_type} is not a TLS record type"));
        }
        if major != 3 {
            return Err(format!("record version {major}.{minor} is not SSL 3.0 or TLS"));
        }
        Ok(Header {
            content_type,
            version: u16::from_be_bytes([major, minor]),
            len: u16::from_be_bytes([hi, lo]),
        })
    }

    /// The header as it travelled (the additional data of TLS 1.3 record protection).
    pub fn to_bytes(self) -> [u8; HEADER_LEN] {
        let [v1, v2] = self.version.to_be_bytes();
        let [l1, l2] = self.len.to_be_bytes();
        [self.content_type, v1, v2, l1, l2]
    }
}

/// What the reader produced.
#[derive(Debug, PartialEq, Eq)]
pub enum Event {
    /// A complete record whose body was kept.
    Record {
        /// Its header.
        header: Header,
        /// Where its first byte was.
        at: Position,
        /// The fragment.
        body: Vec<u8>,
    },
    /// A complete record whose body was counted, not kept (not wanted, or longer than
    /// [`MAX_CIPHERTEXT`]).
    Counted {
        /// Its header.
        header: Header,
        /// Where its first byte was.
        at: Position,
    },
    /// An SSL 2.0-compatible ClientHello (the first client record only): the message after the
    /// two-byte header.
    Sslv2Hello {
        /// Where it was.
        at: Position,
        /// The message (type 1 first).
        body: Vec<u8>,
    },
    /// The bytes are not TLS records; the reader has stopped.
    Invalid {
        /// Where the bad header began.
        at: Position,
        /// Why.
        detail: String,
    },
}

#[derive(Debug)]
enum State {
    /// Collecting header bytes.
    Header,
    /// Collecting (or counting) a body.
    Body {
        header: Header,
        at: Position,
        body: Vec<u8>,
        keep: bool,
        remaining: usize,
    },
    /// Collecting an SSL 2.0 hello.
    Sslv2 {
        at: Position,
        body: Vec<u8>,
        remaining: usize,
    },
    /// Not reading any more (invalid bytes or a gap).
    Stopped,
}

/// One direction's record reader.
#[derive(Debug)]
pub struct RecordReader {
    head: [u8; HEADER_LEN],
    head_len: usize,
    head_at: Option<Position>,
    state: State,
    /// The next record is the direction's first and may be an SSL 2.0 hello.
    sslv2_allowed: bool,
}

impl RecordReader {
    /// A reader for the client's direction (whose first record may be an SSL 2.0 hello) or the
    /// server's.
    pub fn new(client: bool) -> Self {
        RecordReader {
            head: [0; HEADER_LEN],
            head_len: 0,
            head_at: None,
            state: State::Header,
            sslv2_allowed: client,
        }
    }

    /// Whether the reader has stopped (invalid bytes or a gap); later bytes are only counted.
    pub fn stopped(&self) -> bool {
        matches!(self.state, State::Stopped)
    }

    /// Stops the reader (bytes were lost); says whether a record was in progress.
    pub fn stop(&mut self) -> bool {
        let partial = self.head_len > 0 || !matches!(self.state, State::Header | State::Stopped);
        self.state = State::Stopped;
        self.head_len = 0;
        partial
    }

    /// A record begun but not complete: where it began, bytes received, bytes expected.
    pub fn pending(&self) -> Option<(Position, usize, usize)> {
        match &self.state {
            State::Header if self.head_len > 0 => self.head_at.map(|at| (at, self.head_len, HEADER_LEN)),
            State::Body {
                header,
                at,
                remaining,
                ..
            } => {
                let total = usize::from(header.len).saturating_add(HEADER_LEN);
                Some((*at, total.saturating_sub(*remaining), total))
            }
            State::Sslv2 { at, body, remaining } => Some((
                *at,
                body.len().saturating_add(2),
                body.len().saturating_add(*remaining).saturating_add(2),
            )),
            _ => None,
        }
    }

    /// Consumes `input` (bytes that arrived at `at`) until one record is complete, and returns it;
    /// `None` when the input is used up first. `keep` is asked once per header whether the body is
    /// wanted. Call again with the rest of the input until it returns `None`.
    pub fn next<F: FnOnce(&Header) -> bool>(
        &mut self,
        input: &mut &[u8],
        at: Position,
        keep: F,
    ) -> Option<Event> {
        let mut keep = Some(keep);
        loop {
            match &mut self.state {
                State::Stopped => {
                    *input = &[];
                    return None;
                }
                State::Header => {
                    let first = *input.first()?;
                    if self.head_len == 0 {
                        self.head_at = Some(at);
                    }
                    let lead = if self.head_len == 0 {
                        first
                    } else {
                        self.head.first().copied().unwrap_or(0)
                    };
                    let sslv2 = self.sslv2_allowed && lead & 0x80 != 0;
                    let wanted = if sslv2 { 2 } else { HEADER_LEN };
                    let take = wanted.saturating_sub(self.head_len).min(input.len());
                    let (now, rest) = input.split_at(take);
                    if let Some(dst) = self
                        .head
                        .get_mut(self.head_len..self.head_len.saturating_add(take))
                    {
                        dst.copy_from_slice(now);
                    }
                    self.head_len = self.head_len.saturating_add(take);
                    *input = rest;
                    if self.head_len < wanted {
                        return None;
                    }
                    let record_at = self.head_at.unwrap_or(at);
                    self.head_len = 0;
                    self.sslv2_allowed = false;
                    if sslv2 {
                        let [b0, b1, ..] = self.head;
                        let len = usize::from(u16::from_be_bytes([b0 & 0x7f, b1]));
                        self.state = State::Sslv2 {
                            at: record_at,
                            body: Vec::with_capacity(len),
                            remaining: len,
                        };
                        continue;
                    }
                    let header = match Header::parse(self.head) {
                        Ok(header) => header,
                        Err(detail) => {
                            self.state = State::Stopped;
                            *input = &[];
                            return Some(Event::Invalid {
                                at: record_at,
                                detail,
                            });
                        }
                    };
                    let len = usize::from(header.len);
                    let wanted = len <= MAX_CIPHERTEXT && keep.take().is_some_and(|f| f(&header));
                    self.state = State::Body {
                        header,
                        at: record_at,
                        body: if wanted {
                            Vec::with_capacity(len)
                        } else {
                            Vec::new()
                        },
                        keep: wanted,
                        remaining: len,
                    };
                }
                State::Body {
                    header,
                    at: record_at,
                    body,
                    keep: kept,
                    remaining,
                } => {
                    let take = (*remaining).min(input.len());
                    let (now, rest) = input.split_at(take);
                    if *kept {
                        body.extend_from_slice(now);
                    }
                    *remaining = remaining.saturating_sub(take);
                    *input = rest;
                    if *remaining > 0 {
                        return None;
                    }
                    let event = if *kept {
                        Event::Record {
                            header: *header,
                            at: *record_at,
                            body: std::mem::take(body),
                        }
                    } else {
                        Event::Counted {
                            header: *header,
                            at: *record_at,
                        }
                    };
                    self.state = State::Header;
                    return Some(event);
                }
                State::Sslv2 {
                    at: record_at,
                    body,
                    remaining,
                } => {
                    let take = (*remaining).min(input.len());
                    let (now, rest) = input.split_at(take);
                    body.extend_from_slice(now);
                    *remaining = remaining.saturating_sub(take);
                    *input = rest;
                    if *remaining > 0 {
                        return None;
                    }
                    let event = Event::Sslv2Hello {
                        at: *record_at,
                        body: std::mem::take(body),
                    };
                    self.state = State::Header;
                    return Some(event);
                }
            }
        }
    }
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

    fn drain(reader: &mut RecordReader, mut input: &[u8], frame: u64, keep: bool) -> Vec<Event> {
        let mut out = Vec::new();
        while let Some(e) = reader.next(&mut input, at(frame), |_| keep) {
            out.push(e);
        }
        assert!(input.is_empty());
        out
    }

    const TWO_RECORDS: &[u8] = &[22, 3, 1, 0, 2, 0xaa, 0xbb, 23, 3, 3, 0, 1, 0xcc];

    #[test]
    fn records_at_once_and_split_at_every_byte() {
        let mut reader = RecordReader::new(true);
        let events = drain(&mut reader, TWO_RECORDS, 1, true);
        assert_eq!(
            events,
            vec![
                Event::Record {
                    header: Header {
                        content_type: 22,
                        version: 0x0301,
                        len: 2
                    },
                    at: at(1),
                    body: vec![0xaa, 0xbb]
                },
                Event::Record {
                    header: Header {
                        content_type: 23,
                        version: 0x0303,
                        len: 1
                    },
                    at: at(1),
                    body: vec![0xcc]
                },
            ]
        );
        for cut in 0..=TWO_RECORDS.len() {
            let (a, b) = TWO_RECORDS.split_at(cut);
            let mut reader = RecordReader::new(true);
            let mut got = drain(&mut reader, a, 1, true);
            got.extend(drain(&mut reader, b, 2, true));
            assert_eq!(got.len(), 2, "cut at {cut}");
            let second_at = if cut <= 7 { at(2) } else { at(1) };
            let first_at = if cut == 0 { at(2) } else { at(1) };
            assert!(
                matches!(&got[0], Event::Record { at: a, .. } if *a == first_at),
                "cut {cut}"
            );
            assert!(
                matches!(&got[1], Event::Record { at: a, .. } if *a == second_at),
                "cut {cut}"
            );
        }
    }

    #[test]
    fn incomplete_input_is_pending_not_an_error() {
        for cut in 1..TWO_RECORDS.len() {
            let mut reader = RecordReader::new(false);
            let mut input = &TWO_RECORDS[..cut];
            while reader.next(&mut input, at(3), |_| true).is_some() {}
            let pending = reader.pending();
            if cut == 7 {
                assert_eq!(pending, None);
            } else {
                let (where_, have, want) = pending.expect("pending");
                assert_eq!(where_, at(3));
                assert!(have < want, "cut {cut}: {have} of {want}");
            }
        }
    }

    #[test]
    fn unwanted_bodies_are_counted_not_kept() {
        let mut reader = RecordReader::new(false);
        let events = drain(&mut reader, TWO_RECORDS, 1, false);
        assert!(matches!(
            events[0],
            Event::Counted {
                header: Header { len: 2, .. },
                ..
            }
        ));
        assert!(matches!(
            events[1],
            Event::Counted {
                header: Header { len: 1, .. },
                ..
            }
        ));
    }

    #[test]
    fn longest_legal_record_is_kept_and_a_longer_one_only_counted() {
        let mut bytes = vec![23, 3, 3];
        bytes.extend_from_slice(&(MAX_CIPHERTEXT as u16).to_be_bytes());
        bytes.resize(HEADER_LEN + MAX_CIPHERTEXT, 7);
        bytes.extend_from_slice(&[23, 3, 3]);
        bytes.extend_from_slice(&((MAX_CIPHERTEXT + 1) as u16).to_be_bytes());
        bytes.resize(2 * HEADER_LEN + 2 * MAX_CIPHERTEXT + 1, 7);
        let mut reader = RecordReader::new(false);
        let events = drain(&mut reader, &bytes, 1, true);
        assert!(matches!(&events[0], Event::Record { body, .. } if body.len() == MAX_CIPHERTEXT));
        assert!(
            matches!(events[1], Event::Counted { header: Header { len, .. }, .. } if usize::from(len) == MAX_CIPHERTEXT + 1)
        );
    }

    #[test]
    fn bytes_that_are_not_records_stop_the_reader() {
        let mut reader = RecordReader::new(false);
        let events = drain(&mut reader, b"EHLO client.example.net\r\n", 4, true);
        assert!(matches!(&events[..], [Event::Invalid { at: a, .. }] if *a == at(4)));
        assert!(reader.stopped());
        assert!(drain(&mut reader, TWO_RECORDS, 5, true).is_empty());
        let mut reader = RecordReader::new(false);
        let events = drain(&mut reader, &[22, 2, 0, 0, 0], 4, true);
        assert!(matches!(&events[..], [Event::Invalid { .. }]));
    }

    #[test]
    fn sslv2_hello_only_as_the_first_client_record() {
        let hello = [0x80, 0x04, 1, 3, 1, 0xee];
        let mut reader = RecordReader::new(true);
        let events = drain(&mut reader, &hello, 1, true);
        assert_eq!(
            events,
            vec![Event::Sslv2Hello {
                at: at(1),
                body: vec![1, 3, 1, 0xee]
            }]
        );
        let mut reader = RecordReader::new(false);
        assert!(matches!(
            &drain(&mut reader, &hello, 1, true)[..],
            [Event::Invalid { .. }]
        ));
        for cut in 0..=hello.len() {
            let mut reader = RecordReader::new(true);
            let mut got = drain(&mut reader, &hello[..cut], 1, true);
            got.extend(drain(&mut reader, &hello[cut..], 1, true));
            assert!(
                matches!(&got[..], [Event::Sslv2Hello { body, .. }] if body.len() == 4),
                "cut {cut}"
            );
        }
    }

    #[test]
    fn stop_reports_a_record_in_progress() {
        let mut reader = RecordReader::new(false);
        let mut input = &TWO_RECORDS[..3];
        assert!(reader.next(&mut input, at(1), |_| true).is_none());
        assert!(reader.stop());
        assert!(!RecordReader::new(false).stop());
    }
}
