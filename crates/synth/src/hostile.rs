//! Hostile and large shapes, streamed to a writer: connection floods against port 25 and the two
//! ends of a NAT'd mail flow of any number of sessions.
//!
//! Owns [`write_flood`] ([`FloodShape::Syn`]: bare SYNs; [`FloodShape::HalfOpen`]: a SYN and
//! three out-of-order segments each, one-sided, never completed) and [`write_nat_pair`] (the same
//! `sessions` deliveries captured at the sending server and, through a source NAT with a clock that
//! runs ahead, at the receiving server). Both write a pcap record by record (no capture held in
//! memory), and the same options always give the same bytes.
//!
//! These shapes exist to turn the numbers of the hardening work (evicted connections, pairs found)
//! into assertions in tests, and into memory and time figures in the benchmark harness.
//! Must not: hold the whole capture in memory.

use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};
use std::time::Duration;

use super::{
    advance, synthesize, Close, Impairments, Script, SynAnswer, SynthError, SynthOptions, Synthesized,
};
use smtpscope::capture::write::PcapWriter;
use smtpscope::capture::{LinkType, Timestamp};
use smtpscope::net::flow::Direction;

/// The server every generated connection goes to.
pub const SERVER: SocketAddrV4 = SocketAddrV4::new(Ipv4Addr::new(198, 51, 100, 25), 25);

/// What each connection of a flood looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloodShape {
    /// One SYN that nobody answers.
    Syn,
    /// As captured next to the attacker: a SYN, its ACK, and three client segments of 64 bytes
    /// that arrive after a hole (the first segment is missing), so all three are held out of order.
    HalfOpen,
}

/// What [`write_flood`] generates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FloodOptions {
    /// Connections, each from its own client address and port.
    pub connections: u64,
    /// The shape of each.
    pub shape: FloodShape,
    /// New connections per second of capture time.
    pub per_second: u64,
    /// When the first SYN is captured.
    pub start: Timestamp,
}

impl FloodOptions {
    /// `connections` of `shape`, 10,000 a second, from 2024-01-02T03:04:05Z.
    pub fn new(connections: u64, shape: FloodShape) -> Self {
        FloodOptions {
            connections,
            shape,
            per_second: 10_000,
            start: Timestamp::new(1_704_164_645, 0),
        }
    }
}

/// What a generator wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// TCP connections.
    pub connections: u64,
    /// Frames (pcap records).
    pub frames: u64,
    /// Bytes of the pcap file.
    pub file_bytes: u64,
}

impl Written {
    fn add_frame(&mut self, len: usize) {
        const RECORD_HEADER: u64 = 16;
        self.frames = self.frames.saturating_add(1);
        self.file_bytes = self
            .file_bytes
            .saturating_add(RECORD_HEADER)
            .saturating_add(len as u64);
    }
}

/// The `n`th flooding client: 10.0.0.0/8 walked by address, then by port from 1024.
fn flood_client(n: u64) -> SocketAddr {
    let host = u32::try_from(n % 0x00ff_fffe).unwrap_or(0).saturating_add(1);
    let [_, b, c, d] = host.to_be_bytes();
    let port = u16::try_from(n / 0x00ff_fffe % 64_000)
        .unwrap_or(0)
        .saturating_add(1024);
    SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::new(10, b, c, d), port))
}

/// The time of the `n`th event at `per_second` events a second from `start`.
fn nth_tick(start: Timestamp, n: u64, per_second: u64) -> Timestamp {
    let nanos = u128::from(n)
        .saturating_mul(1_000_000_000)
        .checked_div(u128::from(per_second))
        .unwrap_or(0);
    advance(
        start,
        Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX)),
    )
}

/// The frames of connection `n` of a flood.
///
/// # Errors
/// None in practice (the options are consistent); [`SynthError`] if the generator is broken.
pub fn flood_connection(n: u64, opts: &FloodOptions) -> Result<Synthesized, SynthError> {
    let mut o = SynthOptions::new(flood_client(n), SocketAddr::V4(SERVER));
    o.start = nth_tick(opts.start, n, opts.per_second);
    o.step = Duration::from_micros(1);
    o.close = Close::None;
    let script = match opts.shape {
        FloodShape::Syn => {
            o.syn_answer = SynAnswer::Silent { syns: 1 };
            Script::new()
        }
        FloodShape::HalfOpen => {
            let payload = [b'x'; 64];
            o.mss = 64;
            o.only_from = Some(Direction::ClientToServer);
            o.impair = Impairments {
                drop: vec![0],
                ..Impairments::default()
            };
            Script::new()
                .client(payload)
                .client(payload)
                .client(payload)
                .client(payload)
        }
    };
    synthesize(&script, &o)
}

/// Writes a little-endian microsecond Ethernet pcap of a connection flood against [`SERVER`].
///
/// # Errors
/// An I/O error from `out`.
pub fn write_flood<W: Write>(out: W, opts: &FloodOptions) -> Result<Written, SynthError> {
    let mut writer = PcapWriter::new(out, LinkType::ETHERNET)?;
    let mut written = Written {
        file_bytes: 24,
        ..Written::default()
    };
    for n in 0..opts.connections {
        for frame in flood_connection(n, opts)?.frames {
            let len = u32::try_from(frame.data.len()).unwrap_or(u32::MAX);
            writer.write_packet(frame.ts, len, &frame.data)?;
            written.add_frame(frame.data.len());
        }
        written.connections = written.connections.saturating_add(1);
    }
    writer.into_inner()?;
    Ok(written)
}

/// What [`write_nat_pair`] generates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NatPairOptions {
    /// Deliveries (one TCP connection each), on both sides.
    pub sessions: u64,
    /// New sessions per second of capture time (they overlap when faster than one session lasts).
    pub per_second: u64,
    /// How far the receiver's clock runs ahead of the sender's, transit included.
    pub clock_offset: Duration,
    /// One session in `same_envelope_every` repeats the envelope of the one before it and has no
    /// Message-ID (0: none do), so only time tells them apart.
    pub same_envelope_every: u64,
    /// When the first sender-side frame is captured.
    pub start: Timestamp,
}

impl NatPairOptions {
    /// `sessions` deliveries, 200 a second, the receiver's clock 2.5 s ahead, one session in ten
    /// without a Message-ID and with its predecessor's envelope.
    pub fn new(sessions: u64) -> Self {
        NatPairOptions {
            sessions,
            per_second: 200,
            clock_offset: Duration::from_millis(2500),
            same_envelope_every: 10,
            start: Timestamp::new(1_704_164_645, 0),
        }
    }
}

/// The client of sender-side session `n`: 192.0.2.10, ports from 1024 up (one hub).
fn hub_client(n: u64) -> SocketAddr {
    let port = u16::try_from(n % 64_000).unwrap_or(0).saturating_add(1024);
    SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::new(192, 0, 2, 10), port))
}

/// The same client after the source NAT: 203.0.113.1, another port for each session.
fn translated_client(n: u64) -> SocketAddr {
    let port = u16::try_from(n.wrapping_mul(7919) % 60_000)
        .unwrap_or(0)
        .saturating_add(5000);
    SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::new(203, 0, 113, 1), port))
}

/// The delivery of session `n` (the same bytes at both ends).
fn delivery(n: u64, opts: &NatPairOptions) -> Script {
    let twin = n.checked_rem(opts.same_envelope_every) == Some(1);
    let envelope = if twin { n.saturating_sub(1) } else { n };
    let sender = format!("sender{}@contoso.com", envelope % 50);
    let recipient = format!("user{}@fabrikam.com", envelope % 997);
    let message_id = if twin {
        String::new()
    } else {
        format!("Message-ID: <{n}.nat@contoso.com>\r\n")
    };
    let lines = (n % 13).saturating_add(1);
    let mut body =
        format!("From: <{sender}>\r\nTo: <{recipient}>\r\nSubject: report {envelope}\r\n{message_id}\r\n");
    for line in 0..lines {
        body.push_str(&format!("line {line} of the report for {recipient}\r\n"));
    }
    Script::new()
        .server("220 mx.fabrikam.com ESMTP\r\n")
        .client("EHLO hub.contoso.com\r\n")
        .server("250-mx.fabrikam.com\r\n250-PIPELINING\r\n250 SIZE 10240000\r\n")
        .client(format!("MAIL FROM:<{sender}>\r\n"))
        .server("250 2.1.0 Sender OK\r\n")
        .client(format!("RCPT TO:<{recipient}>\r\n"))
        .server("250 2.1.5 Recipient OK\r\n")
        .client("DATA\r\n")
        .server("354 Start mail input; end with <CRLF>.<CRLF>\r\n")
        .client(format!("{body}.\r\n"))
        .server(format!(
            "250 2.6.0 <{n}@mx.fabrikam.com> Queued mail for delivery\r\n"
        ))
        .client("QUIT\r\n")
        .server("221 2.0.0 Service closing transmission channel\r\n")
}

/// Writes the two ends of a NAT'd mail flow: `sender` gets the sessions as the hub (192.0.2.10)
/// sent them, `receiver` as [`SERVER`] received them from 203.0.113.1 with translated ports, the
/// receiver's clock `clock_offset` ahead. Every session has the same EHLO name and command
/// sequence, so only the envelope, the Message-ID, the sizes and time tell them apart.
///
/// # Errors
/// An I/O error from either writer.
pub fn write_nat_pair<W: Write>(
    sender: W,
    receiver: W,
    opts: &NatPairOptions,
) -> Result<[Written; 2], SynthError> {
    let mut writers = [
        PcapWriter::new(sender, LinkType::ETHERNET)?,
        PcapWriter::new(receiver, LinkType::ETHERNET)?,
    ];
    let mut written = [Written {
        file_bytes: 24,
        ..Written::default()
    }; 2];
    // Sessions start in order and last about 15 ms, so frames are written in time order provided
    // sessions start at most one every 15 ms; faster rates write a session's frames after later
    // sessions' starts, which readers accept (pcap records need not be sorted).
    for n in 0..opts.sessions {
        let script = delivery(n, opts);
        let start = nth_tick(opts.start, n, opts.per_second);
        let mut here = SynthOptions::new(hub_client(n), SocketAddr::V4(SERVER));
        here.start = start;
        here.close = Close::Fin {
            from: Direction::ClientToServer,
        };
        // Ports come round again after 64,000 sessions: each session has its own ISNs, as real
        // stacks pick them, so a reused 4-tuple is a new connection.
        here.client_isn = (n as u32).wrapping_mul(0x9e37_79b9);
        here.server_isn = (n as u32).wrapping_mul(0x85eb_ca6b).wrapping_add(1);
        let mut there = here.clone();
        there.client = translated_client(n);
        there.client_isn = here.client_isn.wrapping_add(0x1000_0000);
        there.start = advance(start, opts.clock_offset);
        for ((writer, count), o) in writers.iter_mut().zip(written.iter_mut()).zip([&here, &there]) {
            for frame in synthesize(&script, o)?.frames {
                let len = u32::try_from(frame.data.len()).unwrap_or(u32::MAX);
                writer.write_packet(frame.ts, len, &frame.data)?;
                count.add_frame(frame.data.len());
            }
            count.connections = count.connections.saturating_add(1);
        }
    }
    let [a, b] = writers;
    a.into_inner()?;
    b.into_inner()?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flood_clients_are_distinct_and_private() {
        assert_eq!(flood_client(0).to_string(), "10.0.0.1:1024");
        assert_eq!(flood_client(256).to_string(), "10.0.1.1:1024");
        assert_ne!(flood_client(0x00ff_fffe), flood_client(0));
    }

    #[test]
    fn floods_are_deterministic_and_sized_as_said() {
        for shape in [FloodShape::Syn, FloodShape::HalfOpen] {
            let opts = FloodOptions::new(50, shape);
            let mut a = Vec::new();
            let w = write_flood(&mut a, &opts).unwrap();
            assert_eq!(w.connections, 50);
            assert_eq!(w.file_bytes, a.len() as u64);
            let per = match shape {
                FloodShape::Syn => 1,
                FloodShape::HalfOpen => 5, // SYN, ACK, three data segments
            };
            assert_eq!(w.frames, 50 * per, "{shape:?}");
            let mut b = Vec::new();
            write_flood(&mut b, &opts).unwrap();
            assert_eq!(a, b);
        }
    }

    #[test]
    fn nat_pair_writes_both_ends() {
        let mut a = Vec::new();
        let mut b = Vec::new();
        let [ws, wr] = write_nat_pair(&mut a, &mut b, &NatPairOptions::new(20)).unwrap();
        assert_eq!((ws.connections, wr.connections), (20, 20));
        assert_eq!(ws.frames, wr.frames);
        assert_eq!(ws.file_bytes, a.len() as u64);
        assert_ne!(a, b);
    }
}
