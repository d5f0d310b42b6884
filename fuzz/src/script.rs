//! The input formats of the scripted targets, with encoders that turn real captures into seeds.
//!
//! **Segments** ([`segments`], the `reassembly` target): records of a control byte — bits 7–6 one
//! of four connections, bit 5 the direction (0 client to server), bits 4–0 the TCP flags FIN, SYN,
//! RST, PSH, ACK — then the sequence and acknowledgment numbers (4 bytes each, big-endian), the
//! seconds since the previous record, and a length byte: with bit 7 set, that many (low 7 bits)
//! payload bytes follow in the input; otherwise the payload is the control byte repeated (low 6
//! bits) times. **Chunks** ([`chunks`], `smtp_session` and `report`): a header byte — bit 7 the
//! server sends, bit 6 a gap of ((low 6 bits) + 1) × 97 bytes, otherwise that many data bytes
//! follow. Both read any input: a record or chunk cut short takes what is left.

use std::net::SocketAddr;

use smtpscope::capture::Timestamp;
use smtpscope::net::Direction;

/// One scripted segment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// Frame number (from 1).
    pub frame: u64,
    /// Capture time.
    pub ts: Timestamp,
    /// Sender.
    pub src: SocketAddr,
    /// Receiver.
    pub dst: SocketAddr,
    /// Sequence number.
    pub seq: u32,
    /// Acknowledgment number.
    pub ack: u32,
    /// TCP flags (FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10).
    pub flags: u8,
    /// Payload.
    pub payload: Vec<u8>,
}

/// The client and server of scripted connection `k` (0–3).
pub fn endpoints(k: u8) -> (SocketAddr, SocketAddr) {
    let client = SocketAddr::from(([192, 0, 2, 1 + k], 40_000 + u16::from(k)));
    let server = SocketAddr::from(([192, 0, 2, 100], 25));
    (client, server)
}

/// Reads a segment script.
pub fn segments(data: &[u8]) -> Vec<Record> {
    let mut records = Vec::new();
    let mut rest = data;
    let mut secs = 0i64;
    while rest.len() >= 11 {
        let (head, tail) = rest.split_at(11);
        rest = tail;
        let ctl = head[0];
        let seq = u32::from_be_bytes([head[1], head[2], head[3], head[4]]);
        let ack = u32::from_be_bytes([head[5], head[6], head[7], head[8]]);
        secs += i64::from(head[9]);
        let len = head[10];
        let payload = if len & 0x80 != 0 {
            let n = usize::from(len & 0x7f).min(rest.len());
            let (bytes, after) = rest.split_at(n);
            rest = after;
            bytes.to_vec()
        } else {
            vec![ctl; usize::from(len & 0x3f)]
        };
        let (client, server) = endpoints(ctl >> 6);
        let (src, dst) = if ctl & 0x20 == 0 {
            (client, server)
        } else {
            (server, client)
        };
        records.push(Record {
            frame: records.len() as u64 + 1,
            ts: Timestamp::new(secs, 0),
            src,
            dst,
            seq,
            ack,
            flags: ctl & 0x1f,
            payload,
        });
    }
    records
}

/// Writes a segment script for `records` (real segments): the first four connections are kept,
/// each mapped to a scripted one, the first sender of each taken as its client; payloads longer
/// than 127 bytes are cut.
pub fn encode_segments(records: &[Record]) -> Vec<u8> {
    let mut conns: Vec<(SocketAddr, SocketAddr)> = Vec::new();
    let mut out = Vec::new();
    let mut last = records.first().map_or(0, |r| r.ts.secs);
    for r in records {
        let k = match conns
            .iter()
            .position(|&(c, s)| (c, s) == (r.src, r.dst) || (s, c) == (r.src, r.dst))
        {
            Some(k) => k,
            None if conns.len() < 4 => {
                conns.push((r.src, r.dst));
                conns.len() - 1
            }
            None => continue,
        };
        let to_server = conns[k].0 == r.src;
        let ctl = ((k as u8) << 6) | if to_server { 0 } else { 0x20 } | (r.flags & 0x1f);
        out.push(ctl);
        out.extend(r.seq.to_be_bytes());
        out.extend(r.ack.to_be_bytes());
        out.push((r.ts.secs - last).clamp(0, 255) as u8);
        last = r.ts.secs.max(last);
        let payload = &r.payload[..r.payload.len().min(127)];
        out.push(0x80 | payload.len() as u8);
        out.extend_from_slice(payload);
    }
    out
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
        let records = vec![
            Record {
                frame: 1,
                ts: Timestamp::new(0, 0),
                src: c,
                dst: s,
                seq: 7,
                ack: 0,
                flags: 0x02,
                payload: Vec::new(),
            },
            Record {
                frame: 2,
                ts: Timestamp::new(3, 0),
                src: s,
                dst: c,
                seq: 9,
                ack: 8,
                flags: 0x18,
                payload: b"220 hi\r\n".to_vec(),
            },
        ];
        assert_eq!(segments(&encode_segments(&records)), {
            let (c0, s0) = endpoints(0);
            vec![
                Record {
                    src: c0,
                    dst: s0,
                    ..records[0].clone()
                },
                Record {
                    src: s0,
                    dst: c0,
                    ..records[1].clone()
                },
            ]
        });
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
            let _ = segments(&data);
            let _ = chunks(&data);
        }
    }
}
