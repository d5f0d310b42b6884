//! Synthetic captures: scripted two-way byte dialogues turned into packets.
//!
//! Owns the generator behind `captures/synthetic/` and the benchmark input: a [`Script`] (who sends
//! which bytes, in order) plus [`SynthOptions`] (addresses, link encapsulation, sequence numbers,
//! timing, handshake, close and transport impairments) become the frames of one TCP connection
//! ([`synthesize`]); a [`Capture`] merges several connections by time and writes pcap or pcapng.
//!
//! Contract:
//! - Deterministic: the same script and options always give the same bytes (no clock, no
//!   randomness; the only pseudo-random choices, in [`bulk`] and [`hub`], come from an explicit
//!   seed through [`rng::SplitMix`]).
//! - The connection is self-consistent: every data segment is acknowledged by the peer (a pure ACK
//!   every [`SynthOptions::ack_every`] segments and at the end of each send, or piggybacked on the
//!   peer's next data), sequence and acknowledgement numbers use wrapping arithmetic, IP and TCP
//!   checksums are correct, and fragments reassemble to the unfragmented packet.
//! - Impairments (and a one-sided capture, [`SynthOptions::only_from`]) change only what the
//!   capture shows, never the conversation: a dropped segment is still acknowledged (lost at the
//!   capture point after the receiver got it), a retransmission repeats a segment byte for byte.
//! - Frame timestamps never decrease within a connection.
//!
//! Limits: one TCP connection per [`synthesize`] call, no window scaling, SACK or TCP timestamps;
//! IP fragmentation only for IPv4; the capture point is the server's host for the Linux cooked
//! encapsulations (client→server frames are "to us", server→client "outgoing").
//!
//! Must not: be used by the dissection pipeline (it exists for tests, samples and benchmarks), or
//! read anything but its arguments.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

use std::net::SocketAddr;
use std::time::Duration;

use smtpscope::capture::{LinkType, Timestamp};
use smtpscope::net::flow::Direction;

pub mod bulk;
mod capture;
pub mod dns;
pub mod exchange;
mod frame;
pub mod hostile;
pub mod hub;
pub mod rng;
pub mod samples;
mod tcp;
pub mod tokens;

pub use bulk::{write_bulk_capture, BulkOptions, BulkSummary};
pub use capture::Capture;
pub use hub::{write_hub_capture, HubOptions, HubSummary};

/// One send in a [`Script`]: bytes one side writes to its socket, after an optional pause.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// Which side sends.
    pub dir: Direction,
    /// The bytes sent; cut into segments of at most [`SynthOptions::mss`] bytes.
    pub bytes: Vec<u8>,
    /// Extra time before this send's first segment, on top of [`SynthOptions::step`].
    pub delay: Duration,
}

/// An ordered two-way dialogue: what the client and the server send, in order.
///
/// Consecutive steps of the same side form one flight (pipelining); the peer acknowledges it
/// before or with its own next send.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Script {
    steps: Vec<Step>,
    pending_delay: Duration,
}

impl Script {
    /// An empty dialogue.
    pub fn new() -> Self {
        Script::default()
    }

    /// Appends a send of `bytes` by `dir`, taking any delay set by [`Script::pause`].
    ///
    /// Empty `bytes` add no segment; their delay carries over to the next send.
    pub fn push(mut self, dir: Direction, bytes: impl AsRef<[u8]>) -> Self {
        let bytes = bytes.as_ref();
        if !bytes.is_empty() {
            let delay = std::mem::take(&mut self.pending_delay);
            self.steps.push(Step {
                dir,
                bytes: bytes.to_vec(),
                delay,
            });
        }
        self
    }

    /// Appends a client→server send.
    pub fn client(self, bytes: impl AsRef<[u8]>) -> Self {
        self.push(Direction::ClientToServer, bytes)
    }

    /// Appends a server→client send.
    pub fn server(self, bytes: impl AsRef<[u8]>) -> Self {
        self.push(Direction::ServerToClient, bytes)
    }

    /// Waits `delay` (on top of the per-packet step) before the next send.
    pub fn pause(mut self, delay: Duration) -> Self {
        self.pending_delay = self.pending_delay.saturating_add(delay);
        self
    }

    /// The sends, in order.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// Every data segment the script becomes with segments of at most `mss` bytes, in the order of
    /// their [`DataSegment::index`] (the numbering [`Impairments`] uses).
    pub fn data_segments(&self, mss: u16) -> Vec<DataSegment> {
        let mss = usize::from(mss.max(1));
        let mut offsets = [0usize; 2];
        let mut out = Vec::new();
        for step in &self.steps {
            let offset = per_side(&mut offsets, step.dir);
            for chunk in step.bytes.chunks(mss) {
                out.push(DataSegment {
                    index: out.len(),
                    dir: step.dir,
                    stream_offset: *offset,
                    len: chunk.len(),
                });
                *offset = offset.saturating_add(chunk.len());
            }
        }
        out
    }

    /// The index of the data segment carrying byte `stream_offset` of the `dir` stream (counted from
    /// 0 at that side's first data byte), with segments of at most `mss` bytes.
    pub fn segment_at(&self, mss: u16, dir: Direction, stream_offset: usize) -> Option<usize> {
        self.data_segments(mss)
            .into_iter()
            .find(|s| {
                s.dir == dir
                    && s.stream_offset <= stream_offset
                    && stream_offset < s.stream_offset.saturating_add(s.len)
            })
            .map(|s| s.index)
    }
}

/// Where a data segment sits in its connection (see [`Script::data_segments`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DataSegment {
    /// 0-based position among all the connection's data segments, both directions, in script order.
    pub index: usize,
    /// Which side sends it.
    pub dir: Direction,
    /// Offset of its first byte within that side's byte stream.
    pub stream_offset: usize,
    /// Payload length.
    pub len: usize,
}

/// The sending side's entry of a per-side pair (client first, server second).
fn per_side<T>(pair: &mut [T; 2], dir: Direction) -> &mut T {
    let [client, server] = pair;
    match dir {
        Direction::ClientToServer => client,
        Direction::ServerToClient => server,
    }
}

/// How frames are encapsulated below IP, and so the capture's link type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Encapsulation {
    /// Ethernet II with documentation MAC addresses (00:00:5e:00:53:01 client, :02 server).
    Ethernet {
        /// 802.1Q VLAN ids, outermost first. With more than one, the outermost tag is an 802.1ad
        /// service tag (TPID 0x88a8) and the others 802.1Q (0x8100).
        vlan_tags: Vec<u16>,
    },
    /// Linux cooked capture v1 (`LINKTYPE_LINUX_SLL`), seen from the server's host.
    LinuxSll,
    /// Linux cooked capture v2 (`LINKTYPE_LINUX_SLL2`), seen from the server's host, interface 2.
    LinuxSll2,
    /// Raw IP, no link header (`LINKTYPE_RAW`).
    RawIp,
    /// BSD loopback (`LINKTYPE_NULL`): a 4-byte address family (2 for IPv4, 30 — macOS's — for
    /// IPv6) in the capturing host's byte order.
    Null {
        /// Whether the capturing host was big-endian.
        big_endian: bool,
    },
    /// OpenBSD loopback (`LINKTYPE_LOOP`): the address family (2 or 24) in network byte order.
    Loop,
}

impl Encapsulation {
    /// Plain untagged Ethernet.
    pub fn ethernet() -> Self {
        Encapsulation::Ethernet {
            vlan_tags: Vec::new(),
        }
    }

    /// The link type of the frames this encapsulation produces.
    pub fn link_type(&self) -> LinkType {
        match self {
            Encapsulation::Ethernet { .. } => LinkType::ETHERNET,
            Encapsulation::LinuxSll => LinkType::LINUX_SLL,
            Encapsulation::LinuxSll2 => LinkType::LINUX_SLL2,
            Encapsulation::RawIp => LinkType::RAW,
            Encapsulation::Null { .. } => LinkType::NULL,
            Encapsulation::Loop => LinkType::LOOP,
        }
    }
}

/// How the connection ends after the script.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Close {
    /// Orderly close: FIN from `from`, FIN back from the peer, final ACK.
    Fin {
        /// The side that closes first.
        from: Direction,
    },
    /// Abort: one RST (with ACK) from `from`.
    Rst {
        /// The side that resets.
        from: Direction,
    },
    /// Nothing: the capture stops with the connection still open.
    None,
}

/// Transport troubles applied to data segments, each listed by [`DataSegment::index`].
///
/// Indices beyond the script's segments are ignored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Impairments {
    /// Segments missing from the capture although the peer received (and acknowledges) them.
    pub drop: Vec<usize>,
    /// Segments sent a second time, identical, [`SynthOptions::rto`] after the usual step.
    pub retransmit: Vec<usize>,
    /// Segments swapped with the next segment of the same flight (a no-op on a flight's last
    /// segment); the peer acknowledges the pair after both.
    pub reorder: Vec<usize>,
    /// Segments the peer acknowledges at once with a pure ACK, sent twice.
    pub duplicate_ack: Vec<usize>,
    /// Segments whose IPv4 packet is cut into fragments of [`Impairments::fragment_size`] bytes.
    pub fragment: Vec<usize>,
    /// IP payload bytes per fragment; a non-zero multiple of 8.
    pub fragment_size: usize,
}

impl Default for Impairments {
    fn default() -> Self {
        Impairments {
            drop: Vec::new(),
            retransmit: Vec::new(),
            reorder: Vec::new(),
            duplicate_ack: Vec::new(),
            fragment: Vec::new(),
            fragment_size: 512,
        }
    }
}

/// Everything about a synthetic connection except its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SynthOptions {
    /// The client's address and port (IPv4 or IPv6, the same family as `server`).
    pub client: SocketAddr,
    /// The server's address and port.
    pub server: SocketAddr,
    /// What goes below IP.
    pub link: Encapsulation,
    /// The client's initial sequence number (its SYN's); its first data byte is `client_isn + 1`.
    pub client_isn: u32,
    /// The server's initial sequence number.
    pub server_isn: u32,
    /// The largest TCP payload per segment (also announced in the SYNs).
    pub mss: u16,
    /// The advertised receive window of both sides.
    pub window: u16,
    /// When the first frame is captured.
    pub start: Timestamp,
    /// Time between consecutive frames.
    pub step: Duration,
    /// Time before a retransmitted copy.
    pub rto: Duration,
    /// The receiver sends a pure ACK after this many unacknowledged data segments (at least 1).
    pub ack_every: u32,
    /// Whether the capture starts with the three-way handshake (without it: a mid-stream capture).
    pub handshake: bool,
    /// How the connection ends.
    pub close: Close,
    /// Transport troubles.
    pub impair: Impairments,
    /// When set, the capture shows only the frames this side sends (a one-way span port or
    /// asymmetric routing); the conversation, its numbering and acknowledgements are unchanged.
    pub only_from: Option<Direction>,
    /// How the server answers the client's SYN (with [`SynthOptions::handshake`]); anything but
    /// [`SynAnswer::Accept`] ends the connection there, whatever the script holds.
    pub syn_answer: SynAnswer,
}

/// How the server answers the client's SYN.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SynAnswer {
    /// SYN-ACK: the connection opens.
    Accept,
    /// A RST with ACK: nothing listens on the port.
    Reset,
    /// Nothing: the client sends its SYN `syns` times in all, each wait doubling from 3 s (RFC 6298's
    /// initial 1 s is often 3 s in practice for SYNs, RFC 1122).
    Silent {
        /// SYNs sent in all (at least 1).
        syns: u8,
    },
}

impl SynthOptions {
    /// Defaults for a connection from `client` to `server`: untagged Ethernet, ISNs derived from the
    /// addresses, MSS 1460, window 64240, start 2024-01-02T03:04:05Z, 1 ms per frame, RTO 200 ms, an
    /// ACK every 2 segments, handshake (accepted), FIN from the client, no impairments, both directions captured.
    pub fn new(client: SocketAddr, server: SocketAddr) -> Self {
        SynthOptions {
            client,
            server,
            link: Encapsulation::ethernet(),
            client_isn: default_isn(client, server),
            server_isn: default_isn(server, client),
            mss: 1460,
            window: 64240,
            start: Timestamp::new(1_704_164_645, 0),
            step: Duration::from_millis(1),
            rto: Duration::from_millis(200),
            ack_every: 2,
            handshake: true,
            close: Close::Fin {
                from: Direction::ClientToServer,
            },
            impair: Impairments::default(),
            only_from: None,
            syn_answer: SynAnswer::Accept,
        }
    }
}

/// A deterministic ISN for the side at `own` talking to `peer`: FNV-1a over both addresses.
fn default_isn(own: SocketAddr, peer: SocketAddr) -> u32 {
    format!("{own}>{peer}").bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// One generated frame: its capture time and its bytes, link header included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SynthFrame {
    /// When it was captured.
    pub ts: Timestamp,
    /// The whole frame as captured.
    pub data: Vec<u8>,
}

/// The frames of one synthetic connection, in capture order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Synthesized {
    /// The link type of every frame.
    pub link: LinkType,
    /// The frames, timestamps non-decreasing.
    pub frames: Vec<SynthFrame>,
}

/// Why options could not be turned into a connection or a capture could not be written.
#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    /// Client and server are not both IPv4 or both IPv6.
    #[error("client {client} and server {server} are not of the same IP family")]
    MixedFamilies {
        /// The client address.
        client: SocketAddr,
        /// The server address.
        server: SocketAddr,
    },
    /// IP fragmentation was asked for on an IPv6 connection.
    #[error("IP fragmentation is only generated for IPv4")]
    FragmentIpv6,
    /// The fragment size is zero or not a multiple of 8.
    #[error("fragment size {0} is not a non-zero multiple of 8")]
    BadFragmentSize(usize),
    /// The MSS is zero.
    #[error("the MSS must be at least 1")]
    ZeroMss,
    /// A VLAN id does not fit 12 bits.
    #[error("VLAN id {0} is above 4095")]
    BadVlan(u16),
    /// A connection's link type differs from its capture interface's.
    #[error("interface {interface} is {expected}, the connection is {got}")]
    LinkMismatch {
        /// The interface id.
        interface: u32,
        /// The interface's link type.
        expected: LinkType,
        /// The connection's link type.
        got: LinkType,
    },
    /// A connection or statistics named an interface the capture does not have.
    #[error("the capture has no interface {0}")]
    NoSuchInterface(u32),
    /// A capture with several interfaces cannot be a classic pcap file.
    #[error("a pcap file has one link type; this capture has {0} interfaces")]
    TooManyInterfacesForPcap(usize),
    /// The packet builder refused a header.
    #[error("cannot build a packet: {0}")]
    Build(String),
    /// Writing the capture failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Turns `script` into the frames of one TCP connection as `opts` describes.
///
/// # Errors
/// [`SynthError`] when the options are inconsistent (mixed IP families, fragmentation on IPv6, a
/// zero MSS, a bad fragment size or VLAN id).
pub fn synthesize(script: &Script, opts: &SynthOptions) -> Result<Synthesized, SynthError> {
    frame::check_options(opts)?;
    let segments = tcp::plan(script, opts);
    let mut frames = Vec::with_capacity(segments.len());
    let mut ip_ids = ip_id_seeds(opts);
    for seg in &segments {
        let id = per_side(&mut ip_ids, seg.dir);
        *id = id.wrapping_add(1);
        let id = *id;
        if opts.only_from.is_some_and(|only| only != seg.dir) {
            continue;
        }
        for data in frame::build(opts, seg, id)? {
            frames.push(SynthFrame { ts: seg.ts, data });
        }
    }
    Ok(Synthesized {
        link: opts.link.link_type(),
        frames,
    })
}

/// The IPv4 identification counters of both sides before their first packet.
fn ip_id_seeds(opts: &SynthOptions) -> [u16; 2] {
    [(opts.client_isn >> 16) as u16, (opts.server_isn >> 16) as u16]
}

/// `ts` moved forward by `by`, saturating.
fn advance(ts: Timestamp, by: Duration) -> Timestamp {
    let secs = i64::try_from(by.as_secs()).unwrap_or(i64::MAX);
    Timestamp::new(
        ts.secs.saturating_add(secs),
        ts.nanos.saturating_add(by.subsec_nanos()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_numbers_segments_across_both_directions() {
        let s = Script::new()
            .server("220 hi\r\n")
            .client("0123456789")
            .server("ok");
        let segs = s.data_segments(4);
        let summary: Vec<(usize, Direction, usize, usize)> = segs
            .iter()
            .map(|d| (d.index, d.dir, d.stream_offset, d.len))
            .collect();
        use Direction::*;
        assert_eq!(
            summary,
            [
                (0, ServerToClient, 0, 4),
                (1, ServerToClient, 4, 4),
                (2, ClientToServer, 0, 4),
                (3, ClientToServer, 4, 4),
                (4, ClientToServer, 8, 2),
                (5, ServerToClient, 8, 2),
            ]
        );
        assert_eq!(s.segment_at(4, ClientToServer, 9), Some(4));
        assert_eq!(s.segment_at(4, ServerToClient, 8), Some(5));
        assert_eq!(s.segment_at(4, ServerToClient, 10), None);
    }

    #[test]
    fn empty_sends_carry_their_pause_to_the_next() {
        let s = Script::new()
            .pause(Duration::from_millis(5))
            .client("")
            .pause(Duration::from_millis(1))
            .server("x");
        assert_eq!(s.steps().len(), 1);
        assert_eq!(s.steps()[0].delay, Duration::from_millis(6));
    }

    #[test]
    fn advance_carries_nanoseconds_and_saturates() {
        let t = advance(Timestamp::new(1, 999_999_999), Duration::from_nanos(2));
        assert_eq!(t, Timestamp::new(2, 1));
        assert_eq!(advance(Timestamp::new(i64::MAX, 0), Duration::MAX).secs, i64::MAX);
    }

    #[test]
    fn only_from_keeps_one_side_frames_byte_for_byte() {
        let a: SocketAddr = "192.0.2.1:40000".parse().unwrap();
        let b: SocketAddr = "198.51.100.2:25".parse().unwrap();
        let script = Script::new()
            .server("220 hi\r\n")
            .client("QUIT\r\n")
            .server("221 bye\r\n");
        let both = SynthOptions::new(a, b);
        let mut client_only = both.clone();
        client_only.only_from = Some(Direction::ClientToServer);
        let all = synthesize(&script, &both).unwrap().frames;
        let kept = synthesize(&script, &client_only).unwrap().frames;
        // Ethernet source MAC ends in 01 on the client's frames.
        let from_client: Vec<&SynthFrame> = all.iter().filter(|f| f.data.get(11) == Some(&1)).collect();
        assert!(!from_client.is_empty() && from_client.len() < all.len());
        assert_eq!(kept.iter().collect::<Vec<_>>(), from_client);
    }

    #[test]
    fn default_isns_differ_per_side_and_connection() {
        let a: SocketAddr = "192.0.2.1:40000".parse().unwrap();
        let b: SocketAddr = "198.51.100.2:25".parse().unwrap();
        let c: SocketAddr = "192.0.2.1:40001".parse().unwrap();
        let o = SynthOptions::new(a, b);
        assert_ne!(o.client_isn, o.server_isn);
        assert_ne!(o.client_isn, SynthOptions::new(c, b).client_isn);
        assert_eq!(o, SynthOptions::new(a, b));
    }
}
