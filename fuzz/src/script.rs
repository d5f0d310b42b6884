//! The input formats of the scripted targets, with encoders that turn real captures into seeds.
//!
//! **Segments** ([`for_each_segment`], the `reassembly` target): records of a control byte — bits 7–6 one
//! of four connections, bit 5 the direction (0 client to server), bits 4–0 the TCP flags FIN, SYN,
//! RST, PSH, ACK — then the sequence and acknowledgment numbers (4 bytes each, big-endian), the
//! seconds since the previous record, and a length byte: with bit 7 set, that many (low 7 bits)
//! payload bytes follow in the input; otherwise the payload is the control byte repeated (low 6
//! bits) times. **Chunks** ([`chunks`], `smtp_session` and `report`): a header byte — bit 7 the
//! server sends, bit 6 a gap of ((low 6 bits) + 1) × 97 bytes, otherwise that many data bytes
//! follow. Both read any input: a record or chunk cut short takes what is left.

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
    let mut out = vec![0u8];
    for (dir, event) in events {
        let server = if *dir == Direction::ServerToClient {
            0x80
        } else {
            0
        };
        match event {
            Ok(bytes) => {
                for piece in bytes.chunks(63) {
                    out.push(server | piece.len() as u8);
                    out.extend_from_slice(piece);
                }
            }
            Err(len) => out.push(server | 0x40 | ((len / 97).clamp(1, 64) - 1) as u8),
        }
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
}
