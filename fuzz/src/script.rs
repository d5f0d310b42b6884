//! The input formats of the scripted targets, with encoders that turn real captures into seeds.
//!
//! **Segments** ([`for_each_segment`], the `reassembly` target): records of a control byte — bits 7–6 one
//! of four connections, bit 5 the direction (0 client to server), bits 4–0 the TCP flags FIN, SYN,
//! RST, PSH, ACK — then the sequence and acknowledgment numbers (4 bytes each, big-endian), the
//! seconds since the previous record, and a length byte: with bit 7 set, that many (low 7 bits)
//! payload bytes follow in the input; otherwise the payload is the control byte repeated (low 6
//! bits) times. **Chunks** ([`chunks`], `smtp_session` and `report`): a header byte — bit 7 the
//! server sends, bit 6 a gap of ((low 6 bits) + 1) × 97 bytes, otherwise that many data bytes
//! follow. **Classifier chunks** ([`classifier_chunks`], `session_classifier`): a header byte — bit 7
//! the server sends, the low 7 bits the length — then the bytes; a chunk whose first byte is 0xff is
//! a gap of 7 bytes instead. **File sets** ([`file_set`]): up to four files, each a length byte
//! (× 16) then the bytes, the even ones after a pcap header. **Message pieces** ([`message_pieces`]):
//! a header byte — bit 7 a gap of (low 7 bits) + 1 bytes, otherwise that many bytes follow. **DNS
//! messages** ([`dns_messages`]): a header byte — bit 7 the server sends, bit 6 over TCP (stream
//! bytes, length-prefixed as on the wire), bit 5 with bit 6 the end of the TCP connection (nothing
//! follows), bits 4–0 the seconds since the previous one — then a big-endian length (2 bytes) and
//! the bytes. All read any input: a record, chunk, piece or message cut short takes what is left.

use std::net::SocketAddr;

use smtpscope::capture::Timestamp;
use smtpscope::net::{Direction, Segment, TcpFlags};

/// The client and server of scripted connection `k` (0–3).
pub fn endpoints(k: u8) -> (SocketAddr, SocketAddr) {
    let client = SocketAddr::from(([192, 0, 2, 1 + k], 40_000 + u16::from(k)));
    let server = SocketAddr::from(([192, 0, 2, 100], 25));
    (client, server)
}

/// Reads a segment script, handing each segment to `f` in order.
pub fn for_each_segment(data: &[u8], mut f: impl FnMut(&Segment<'_>)) {
    let mut rest = data;
    let mut secs = 0i64;
    let mut frame = 0u64;
    let mut repeated = Vec::new();
    while rest.len() >= 11 {
        let (head, tail) = rest.split_at(11);
        rest = tail;
        let ctl = head[0];
        secs += i64::from(head[9]);
        frame += 1;
        let len = head[10];
        let payload = if len & 0x80 != 0 {
            let (bytes, after) = rest.split_at(usize::from(len & 0x7f).min(rest.len()));
            rest = after;
            bytes
        } else {
            repeated.clear();
            repeated.resize(usize::from(len & 0x3f), ctl);
            &repeated[..]
        };
        let (client, server) = endpoints(ctl >> 6);
        let (src, dst) = if ctl & 0x20 == 0 {
            (client, server)
        } else {
            (server, client)
        };
        f(&Segment {
            frame,
            ts: Timestamp::new(secs, 0),
            src,
            dst,
            seq: u32::from_be_bytes([head[1], head[2], head[3], head[4]]),
            ack: u32::from_be_bytes([head[5], head[6], head[7], head[8]]),
            flags: TcpFlags(ctl & 0x1f),
            window: 65535,
            payload,
            payload_truncated: 0,
            options: smtpscope::net::TcpOptions::default(),
        });
    }
}

/// Writes a segment script of real segments, pushed in order: the first four connections are
/// kept, each mapped to a scripted one with its first sender as the client; payloads longer than
/// 127 bytes are cut.
#[derive(Debug, Default)]
pub struct SegmentScript {
    conns: Vec<(SocketAddr, SocketAddr)>,
    last: Option<i64>,
    out: Vec<u8>,
}

impl SegmentScript {
    /// Adds one segment.
    pub fn push(&mut self, seg: &Segment<'_>) {
        let found = self
            .conns
            .iter()
            .position(|&(c, s)| (c, s) == (seg.src, seg.dst) || (s, c) == (seg.src, seg.dst));
        let k = match found {
            Some(k) => k,
            None if self.conns.len() < 4 => {
                self.conns.push((seg.src, seg.dst));
                self.conns.len() - 1
            }
            None => return,
        };
        let to_server = self.conns[k].0 == seg.src;
        let ctl = ((k as u8) << 6) | if to_server { 0 } else { 0x20 } | (seg.flags.0 & 0x1f);
        let last = *self.last.get_or_insert(seg.ts.secs);
        self.out.push(ctl);
        self.out.extend(seg.seq.to_be_bytes());
        self.out.extend(seg.ack.to_be_bytes());
        self.out.push((seg.ts.secs - last).clamp(0, 255) as u8);
        self.last = Some(seg.ts.secs.max(last));
        let payload = &seg.payload[..seg.payload.len().min(127)];
        self.out.push(0x80 | payload.len() as u8);
        self.out.extend_from_slice(payload);
    }

    /// The script.
    pub fn into_bytes(self) -> Vec<u8> {
        self.out
    }
}

/// One scripted chunk of a session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunk {
    /// Who sends it.
    pub dir: Direction,
    /// A gap of this many bytes, or data.
    pub gap: Option<u64>,
    /// The data (empty for a gap).
    pub bytes: Vec<u8>,
}

/// Reads a chunk script.
pub fn chunks(data: &[u8]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut rest = data;
    while let Some((&header, tail)) = rest.split_first() {
        rest = tail;
        let dir = if header & 0x80 != 0 {
            Direction::ServerToClient
        } else {
            Direction::ClientToServer
        };
        let n = usize::from(header & 0x3f);
        if header & 0x40 != 0 {
            out.push(Chunk {
                dir,
                gap: Some((n as u64 + 1) * 97),
                bytes: Vec::new(),
            });
            continue;
        }
        let (bytes, after) = rest.split_at(n.min(rest.len()));
        rest = after;
        out.push(Chunk {
            dir,
            gap: None,
            bytes: bytes.to_vec(),
        });
    }
    out
}

/// Writes a chunk script of a session whose streams delivered `events` (data and gaps, in order),
/// preceded by the flags byte of `smtp_session` (handshake seen, closed by FIN); `limit` bounds its
/// length.
pub fn encode_chunks(events: &[(Direction, Result<&[u8], u64>)], limit: usize) -> Vec<u8> {
    encode_events(events, limit, 63, |server, len| {
        vec![server | 0x40 | ((len / 97).clamp(1, 64) - 1) as u8]
    })
}

/// The script of `events` after a flags byte of 0: the data in pieces of at most `piece` bytes,
/// each after a header byte (bit 7 the server sends, then its length), and each gap as `gap`
/// writes it (given bit 7 and the gap's length); at most `limit` bytes.
fn encode_events(
    events: &[(Direction, Result<&[u8], u64>)],
    limit: usize,
    piece: usize,
    gap: fn(u8, u64) -> Vec<u8>,
) -> Vec<u8> {
    let mut out = vec![0u8];
    for (dir, event) in events {
        let server = if *dir == Direction::ServerToClient {
            0x80
        } else {
            0
        };
        match event {
            Ok(bytes) => {
                for piece in bytes.chunks(piece) {
                    out.push(server | piece.len() as u8);
                    out.extend_from_slice(piece);
                }
            }
            Err(len) => out.extend(gap(server, *len)),
        }
        if out.len() >= limit {
            out.truncate(limit);
            break;
        }
    }
    out
}

/// Reads a classifier chunk script.
pub fn classifier_chunks(data: &[u8]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut rest = data;
    while let [head, tail @ ..] = rest {
        let len = usize::from(head & 0x7f).min(tail.len());
        let (bytes, after) = tail.split_at(len);
        rest = after;
        let dir = if head & 0x80 == 0 {
            Direction::ClientToServer
        } else {
            Direction::ServerToClient
        };
        let gap = (bytes.first() == Some(&0xff)).then_some(7);
        out.push(Chunk {
            dir,
            gap,
            bytes: if gap.is_some() { Vec::new() } else { bytes.to_vec() },
        });
    }
    out
}

/// Writes a classifier chunk script of the byte streams `events` delivered (gaps become the 7-byte
/// gap chunk), after the flags byte (handshake seen), at most `limit` bytes.
pub fn encode_classifier_chunks(events: &[(Direction, Result<&[u8], u64>)], limit: usize) -> Vec<u8> {
    encode_events(events, limit, 127, |server, _| vec![server | 1, 0xff])
}

/// The pcap header [`file_set`] puts before its even files (little-endian, microseconds, Ethernet).
pub const PCAP_HEADER: [u8; 24] = [
    0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 1, 0, 0, 0,
];

/// Reads a file-set script: up to four files.
pub fn file_set(data: &[u8]) -> Vec<Vec<u8>> {
    let mut files = Vec::new();
    let mut rest = data;
    while let [len, tail @ ..] = rest {
        if files.len() == 4 {
            break;
        }
        let len = (usize::from(*len) * 16).min(tail.len());
        let (file, after) = tail.split_at(len);
        rest = after;
        // Give each file a pcap header half the time, so that the readers get past it.
        let mut bytes = Vec::new();
        if files.len() % 2 == 0 {
            bytes.extend(PCAP_HEADER);
        }
        bytes.extend_from_slice(file);
        files.push(bytes);
    }
    files
}

/// Writes a file-set script of up to four `files` (the even ones without their first 24 bytes,
/// which [`file_set`] puts back as its own header), each cut to 4,080 bytes.
pub fn encode_file_set(files: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    for (n, file) in files.iter().take(4).enumerate() {
        let body = if n % 2 == 0 {
            file.get(24..).unwrap_or_default()
        } else {
            file
        };
        let len = (body.len() / 16).min(255);
        out.push(len as u8);
        out.extend_from_slice(&body[..len * 16]);
    }
    out
}

/// Reads a message-piece script: `Ok` bytes, or `Err` a gap of that many bytes.
pub fn message_pieces(data: &[u8]) -> Vec<Result<&[u8], u64>> {
    let mut out = Vec::new();
    let mut rest = data;
    while let Some((&header, tail)) = rest.split_first() {
        let len = usize::from(header & 0x7f).min(tail.len());
        let (piece, after) = tail.split_at(len);
        rest = after;
        out.push(if header & 0x80 != 0 {
            Err(len as u64 + 1)
        } else {
            Ok(piece)
        });
    }
    out
}

/// Writes a message-piece script of `body`, after the flags byte (large budget, complete), in
/// pieces of 127 bytes.
pub fn encode_message(body: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8];
    for piece in body.chunks(127) {
        out.push(piece.len() as u8);
        out.extend_from_slice(piece);
    }
    out
}

/// The querier and the server of [`dns_messages`].
pub fn dns_endpoints() -> (SocketAddr, SocketAddr) {
    (
        SocketAddr::from(([192, 0, 2, 1], 40_053)),
        SocketAddr::from(([192, 0, 2, 53], 53)),
    )
}

/// What one scripted DNS message is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DnsKind<'a> {
    /// A UDP datagram's payload.
    Udp(&'a [u8]),
    /// Bytes of the TCP stream (length-prefixed messages, cut anywhere).
    Tcp(&'a [u8]),
    /// The end of the TCP connection (or a gap in it).
    End,
}

/// One scripted DNS message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DnsMessage<'a> {
    /// Who sends it: the querier (client) or the server.
    pub dir: Direction,
    /// Its frame number (1, 2, …).
    pub frame: u64,
    /// Its time, in seconds from the first.
    pub secs: i64,
    /// What it is.
    pub kind: DnsKind<'a>,
}

/// Reads a DNS message script.
pub fn dns_messages(data: &[u8]) -> Vec<DnsMessage<'_>> {
    let mut out = Vec::new();
    let mut rest = data;
    let mut secs = 0i64;
    while let Some((&header, tail)) = rest.split_first() {
        rest = tail;
        secs += i64::from(header & 0x1f);
        let dir = if header & 0x80 != 0 {
            Direction::ServerToClient
        } else {
            Direction::ClientToServer
        };
        let kind = if header & 0x60 == 0x60 {
            DnsKind::End
        } else {
            let len = match rest {
                [hi, lo, ..] => usize::from(u16::from_be_bytes([*hi, *lo])),
                _ => 0,
            };
            rest = rest.get(2..).unwrap_or_default();
            let (bytes, after) = rest.split_at(len.min(rest.len()));
            rest = after;
            if header & 0x40 != 0 {
                DnsKind::Tcp(bytes)
            } else {
                DnsKind::Udp(bytes)
            }
        };
        out.push(DnsMessage {
            dir,
            frame: out.len() as u64 + 1,
            secs,
            kind,
        });
    }
    out
}

/// Writes a DNS message script of real messages: each `(from the server, seconds since the
/// previous, kind)`, at most `limit` bytes.
pub fn encode_dns(messages: &[(bool, u64, DnsKind<'_>)], limit: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for &(server, secs, kind) in messages {
        let mut header = if server { 0x80 } else { 0 } | secs.min(0x1f) as u8;
        let bytes = match kind {
            DnsKind::Udp(bytes) => bytes,
            DnsKind::Tcp(bytes) => {
                header |= 0x40;
                bytes
            }
            DnsKind::End => {
                out.push(header | 0x60);
                continue;
            }
        };
        let bytes = &bytes[..bytes.len().min(usize::from(u16::MAX))];
        out.push(header);
        out.extend((bytes.len() as u16).to_be_bytes());
        out.extend_from_slice(bytes);
        if out.len() >= limit {
            out.truncate(limit);
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_round_trip() {
        let (c, s) = endpoints(2);
        let hello = b"220 hi\r\n";
        let real = [(c, s, 0, 7, 0, 0x02, &b""[..]), (s, c, 3, 9, 8, 0x18, &hello[..])];
        let mut script = SegmentScript::default();
        for &(src, dst, secs, seq, ack, flags, payload) in &real {
            script.push(&Segment {
                frame: 1,
                ts: Timestamp::new(100 + secs, 0),
                src,
                dst,
                seq,
                ack,
                flags: TcpFlags(flags),
                window: 1,
                payload,
                payload_truncated: 0,
                options: smtpscope::net::TcpOptions::default(),
            });
        }
        let mut read = Vec::new();
        for_each_segment(&script.into_bytes(), |seg| {
            read.push((
                seg.src,
                seg.dst,
                seg.ts.secs,
                seg.seq,
                seg.ack,
                seg.flags.0,
                seg.payload.to_vec(),
            ));
        });
        let (c0, s0) = endpoints(0);
        assert_eq!(
            read,
            vec![
                (c0, s0, 0, 7, 0, 0x02, Vec::new()),
                (s0, c0, 3, 9, 8, 0x18, hello.to_vec()),
            ]
        );
    }

    #[test]
    fn chunks_round_trip() {
        let events = [
            (Direction::ServerToClient, Ok(&b"220 hi\r\n"[..])),
            (Direction::ClientToServer, Err(970)),
            (Direction::ClientToServer, Ok(&[b'x'; 100][..])),
        ];
        let script = encode_chunks(&events, 4096);
        assert_eq!(script[0], 0);
        let read = chunks(&script[1..]);
        assert_eq!(read.len(), 4, "100 bytes come in two chunks");
        assert_eq!(read[1].gap, Some(970));
        assert_eq!(read[2].bytes.len() + read[3].bytes.len(), 100);
    }

    #[test]
    fn any_input_is_read() {
        for len in 0..40 {
            let data: Vec<u8> = (0..len).map(|i| (i * 37) as u8).collect();
            for_each_segment(&data, |_| {});
            let _ = chunks(&data);
        }
    }

    #[test]
    fn the_other_scripts_round_trip() {
        let events = [
            (Direction::ClientToServer, Ok(&b"EHLO a\r\n"[..])),
            (Direction::ServerToClient, Err(5)),
        ];
        let script = encode_classifier_chunks(&events, 4096);
        let read = classifier_chunks(&script[1..]);
        assert_eq!(read[0].bytes, b"EHLO a\r\n");
        assert_eq!((read[1].dir, read[1].gap), (Direction::ServerToClient, Some(7)));
        let pcap: Vec<u8> = PCAP_HEADER.iter().copied().chain([7u8; 32]).collect();
        let files = file_set(&encode_file_set(&[&pcap, &[9u8; 40]]));
        assert_eq!(files, vec![pcap.clone(), vec![9u8; 32]]);
        let body = [b'm'; 300];
        let script = encode_message(&body);
        let pieces = message_pieces(&script[1..]);
        assert_eq!(pieces.iter().map(|p| p.unwrap().len()).sum::<usize>(), 300);
    }

    #[test]
    fn dns_messages_round_trip() {
        let messages = [
            (false, 0, DnsKind::Udp(&b"query"[..])),
            (true, 40, DnsKind::Tcp(&b"\x00\x01a"[..])),
            (true, 1, DnsKind::End),
        ];
        let script = encode_dns(&messages, 4096);
        let read = dns_messages(&script);
        assert_eq!(read.len(), 3);
        assert_eq!(
            (read[0].dir, read[0].kind),
            (Direction::ClientToServer, DnsKind::Udp(b"query"))
        );
        assert_eq!((read[1].dir, read[1].secs), (Direction::ServerToClient, 31));
        assert_eq!(read[1].kind, DnsKind::Tcp(b"\x00\x01a"));
        assert_eq!((read[2].kind, read[2].secs, read[2].frame), (DnsKind::End, 32, 3));
        assert!(dns_messages(&[0x41, 0x00])
            .iter()
            .all(|m| m.kind == DnsKind::Tcp(b"")));
    }
}
