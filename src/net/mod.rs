//! Link, IP and TCP header decoding: from a captured frame to a TCP [`Segment`].
//!
//! Owns the link layers (Ethernet with stacked 802.1Q/802.1ad tags, Linux cooked capture v1 and v2,
//! raw IP, BSD null/loopback in both byte orders, OpenBSD loop), IPv4 and IPv6 (with extension
//! headers), IPv4/IPv6 fragments of TCP (reassembled with bounded memory, or skipped with a reason),
//! and the TCP header. Checksums are not verified: captures taken on the sending host routinely carry
//! offloaded, unfilled checksums.
//!
//! Contract: [`Decoder::decode`] returns either a [`Segment`] whose payload borrows from the packet
//! (or, for a reassembled datagram, from the decoder until the next call), or a [`Skip`] reason with a
//! stable snake_case name for the summary. Nothing here is an error: undecodable traffic is counted,
//! never fatal, and never panics.
//!
//! The headers are read by hand with checked accessors (`link`, `ip`, and the TCP header here) rather
//! than through etherparse's slices, for two reasons: the normal Ethernet/IPv4/TCP path must cost a
//! few dozen nanoseconds with no allocation (the whole read-to-reassembly layer runs above 1.5 GB/s),
//! and captures need tolerances a strict parser refuses (an IPv4 total length of 0 from segmentation
//! offload). etherparse's independent builder is what the tests check this decoder against.
//!
//! Must not: buffer or reorder TCP data, or look at payload contents.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

use std::net::{IpAddr, SocketAddr};

use crate::capture::{Packet, Timestamp};

pub mod community_id;
pub mod dedup;
pub mod defrag;
pub mod flow;
mod ip;
mod link;

use defrag::{Defragmenter, Fragment};

pub use flow::{Direction, FlowHasher, FlowKey, FlowMap, PortSet};

/// TCP header flags (the low 8 bits of the flags field).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TcpFlags(pub u8);

impl TcpFlags {
    /// FIN: the sender has finished sending.
    pub const FIN: u8 = 0x01;
    /// SYN: synchronise sequence numbers (opens a connection).
    pub const SYN: u8 = 0x02;
    /// RST: reset the connection.
    pub const RST: u8 = 0x04;
    /// PSH: push.
    pub const PSH: u8 = 0x08;
    /// ACK: the acknowledgment number is valid.
    pub const ACK: u8 = 0x10;

    /// Whether FIN is set.
    pub fn fin(self) -> bool {
        self.0 & Self::FIN != 0
    }
    /// Whether SYN is set.
    pub fn syn(self) -> bool {
        self.0 & Self::SYN != 0
    }
    /// Whether RST is set.
    pub fn rst(self) -> bool {
        self.0 & Self::RST != 0
    }
    /// Whether ACK is set.
    pub fn ack(self) -> bool {
        self.0 & Self::ACK != 0
    }
}

/// One decoded TCP segment. Borrowed: valid only until the next call to the decoder.
#[derive(Clone, Copy, Debug)]
pub struct Segment<'a> {
    /// Frame number of the packet that carried it (the last fragment, for a reassembled datagram).
    pub frame: u64,
    /// Capture time of that packet.
    pub ts: Timestamp,
    /// Source address and port.
    pub src: SocketAddr,
    /// Destination address and port.
    pub dst: SocketAddr,
    /// Sequence number.
    pub seq: u32,
    /// Acknowledgment number (meaningful only with the ACK flag).
    pub ack: u32,
    /// Header flags.
    pub flags: TcpFlags,
    /// Advertised receive window (unscaled).
    pub window: u16,
    /// The TCP payload as captured (shorter than the IP length says when the snap length cut it:
    /// see `payload_truncated`).
    pub payload: &'a [u8],
    /// Bytes of payload the IP header announces but the capture did not keep (snap length).
    pub payload_truncated: u32,
    /// What the TCP options say that is used (the rest of them is not kept).
    pub options: TcpOptions,
}

/// The TCP options read from a segment.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TcpOptions {
    /// The first SACK block (RFC 2018), `(left, right)` edges in the peer's sequence space. Below
    /// the acknowledgment number it is a D-SACK (RFC 2883): the peer reports bytes it received
    /// twice.
    pub sack: Option<(u32, u32)>,
    /// The sender's timestamp value (TSval, RFC 7323 §3): a segment sent again carries a new one
    /// (unless sent within the same clock tick), a copy of the same packet the same.
    pub tsval: Option<u32>,
}

/// One UDP datagram (not fragmented). Borrowed from the packet.
#[derive(Clone, Copy, Debug)]
pub struct Datagram<'a> {
    /// Frame number of the packet.
    pub frame: u64,
    /// Capture time.
    pub ts: Timestamp,
    /// Source address and port.
    pub src: SocketAddr,
    /// Destination address and port.
    pub dst: SocketAddr,
    /// The UDP payload as captured (cut to the UDP length).
    pub payload: &'a [u8],
}

/// The UDP datagram a frame carries, if it carries an unfragmented one: the path for UDP
/// protocols (DNS), taken only for frames [`Decoder::decode`] skipped as [`Skip::NotTcp`], so the
/// TCP path pays nothing for it. Fragmented UDP is not reassembled (it is counted as skipped).
pub fn udp_datagram<'a>(packet: &Packet<'a>) -> Option<Datagram<'a>> {
    let (network, bytes) = link::network_layer(packet.link, packet.data).ok()?;
    let ip = match network {
        link::Network::Ipv4 => ip::ipv4(bytes).ok()?,
        link::Network::Ipv6 => ip::ipv6(bytes).ok()?,
    };
    if ip.protocol != ip::PROTO_UDP || ip.fragment.is_some() {
        return None;
    }
    let udp = ip.payload;
    let src = be16(udp, 0)?;
    let dst = be16(udp, 2)?;
    let length = usize::from(be16(udp, 4)?);
    let end = length.min(udp.len());
    Some(Datagram {
        frame: packet.frame,
        ts: packet.ts,
        src: SocketAddr::new(ip.src, src),
        dst: SocketAddr::new(ip.dst, dst),
        payload: udp.get(8..end).unwrap_or(&[]),
    })
}

/// Why a packet produced no TCP segment. Counted in the summary under [`Skip::name`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Skip {
    /// The link type is not one this tool decodes.
    UnsupportedLinkType,
    /// The frame is shorter than the headers it announces.
    Truncated,
    /// The frame carries no IP (ARP, LLDP, …).
    NotIp,
    /// An IP packet that is not TCP (UDP, ICMP, …).
    NotTcp,
    /// A malformed IPv4 or IPv6 header.
    BadIpHeader,
    /// A malformed TCP header (data offset out of range).
    BadTcpHeader,
    /// A fragment held until the rest of its datagram arrives (not lost: counted for transparency).
    FragmentHeld,
    /// A fragment dropped: overlapping, oversized, or its datagram expired or exceeded the memory cap.
    FragmentDropped,
    /// A zero-length frame.
    Empty,
}

impl Skip {
    /// The stable snake_case name used in the summary's `skipped` map.
    pub fn name(self) -> &'static str {
        match self {
            Skip::UnsupportedLinkType => "unsupported_link_type",
            Skip::Truncated => "truncated",
            Skip::NotIp => "not_ip",
            Skip::NotTcp => "not_tcp",
            Skip::BadIpHeader => "bad_ip_header",
            Skip::BadTcpHeader => "bad_tcp_header",
            Skip::FragmentHeld => "ip_fragment_held",
            Skip::FragmentDropped => "ip_fragment_dropped",
            Skip::Empty => "empty_frame",
        }
    }
}

/// Decodes frames into TCP segments; keeps the (bounded) IP fragment reassembly state.
#[derive(Debug, Default)]
pub struct Decoder {
    defrag: Defragmenter,
}

/// The smallest TCP header.
const TCP_MIN_HEADER: usize = 20;

impl Decoder {
    /// A decoder with the default fragment limits.
    pub fn new() -> Self {
        Decoder::default()
    }

    /// Fragments discarded since the last call because their datagram never completed in time
    /// (counted by the caller as [`Skip::FragmentDropped`]).
    pub fn take_expired_fragments(&mut self) -> u64 {
        self.defrag.take_expired()
    }

    /// Decodes one frame.
    ///
    /// # Errors
    /// Never fails in the `Result` sense of a broken run: `Err(Skip)` says why this frame carries no
    /// TCP segment.
    pub fn decode<'a>(&'a mut self, packet: &Packet<'a>) -> Result<Segment<'a>, Skip> {
        if packet.data.is_empty() {
            return Err(Skip::Empty);
        }
        let (network, bytes) = link::network_layer(packet.link, packet.data)?;
        let ip = match network {
            link::Network::Ipv4 => ip::ipv4(bytes)?,
            link::Network::Ipv6 => ip::ipv6(bytes)?,
        };
        let Some(fragment) = ip.fragment else {
            if ip.protocol != ip::PROTO_TCP {
                return Err(Skip::NotTcp);
            }
            return tcp_segment(packet, ip.src, ip.dst, ip.payload, ip.missing);
        };
        // Only TCP datagrams are worth holding; for IPv6 the protocol may still be an extension
        // header of the fragmentable part, resolved after reassembly.
        if ip.protocol != ip::PROTO_TCP && !(network == link::Network::Ipv6 && is_ipv6_extension(ip.protocol))
        {
            return Err(Skip::NotTcp);
        }
        let ends = (ip.src, ip.dst, ip.protocol);
        match self
            .defrag
            .insert(ends, fragment, ip.payload, ip.missing, packet.ts)
        {
            Fragment::Held => Err(Skip::FragmentHeld),
            Fragment::Dropped(_) => Err(Skip::FragmentDropped),
            Fragment::Completed => {
                let datagram = self.defrag.completed();
                let payload = match network {
                    link::Network::Ipv4 => datagram,
                    link::Network::Ipv6 => {
                        let upper = ip::ipv6_extensions(ip.protocol, datagram)?;
                        if upper.protocol != ip::PROTO_TCP || upper.fragment.is_some() {
                            return Err(Skip::NotTcp);
                        }
                        upper.rest
                    }
                };
                tcp_segment(packet, ip.src, ip.dst, payload, 0)
            }
        }
    }
}

fn is_ipv6_extension(protocol: u8) -> bool {
    matches!(protocol, 0 | 43 | 51 | 60 | 135)
}

fn be16(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(
        bytes.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn be32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(
        bytes.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

/// Decodes the TCP header at the start of `tcp` (the IP payload as captured, `missing` bytes short).
fn tcp_segment<'a>(
    packet: &Packet<'a>,
    src: IpAddr,
    dst: IpAddr,
    tcp: &'a [u8],
    missing: u32,
) -> Result<Segment<'a>, Skip> {
    // What the IP layer announces for the segment, and what the capture kept of it.
    let announced = tcp
        .len()
        .saturating_add(usize::try_from(missing).unwrap_or(usize::MAX));
    let cut = |need: usize| {
        if announced >= need {
            Skip::Truncated
        } else {
            Skip::BadTcpHeader
        }
    };
    let header_len = usize::from(tcp.get(12).ok_or_else(|| cut(TCP_MIN_HEADER))? >> 4).saturating_mul(4);
    if header_len < TCP_MIN_HEADER || header_len > announced {
        return Err(Skip::BadTcpHeader);
    }
    if tcp.len() < TCP_MIN_HEADER {
        return Err(Skip::Truncated);
    }
    // A snap length that cuts into the TCP options (64 bytes with timestamps) still leaves the
    // fixed header: the segment is known, only its options and payload are not.
    let payload = tcp.get(header_len..).unwrap_or_default();
    let options = tcp
        .get(TCP_MIN_HEADER..header_len.min(tcp.len()))
        .unwrap_or_default();
    let field = |at| be16(tcp, at).ok_or(Skip::Truncated);
    Ok(Segment {
        frame: packet.frame,
        ts: packet.ts,
        src: SocketAddr::new(src, field(0)?),
        dst: SocketAddr::new(dst, field(2)?),
        seq: be32(tcp, 4).ok_or(Skip::Truncated)?,
        ack: be32(tcp, 8).ok_or(Skip::Truncated)?,
        flags: TcpFlags(*tcp.get(13).ok_or(Skip::Truncated)?),
        window: field(14)?,
        payload,
        payload_truncated: if header_len > tcp.len() {
            u32::try_from(announced.saturating_sub(header_len)).unwrap_or(u32::MAX)
        } else {
            missing
        },
        options: tcp_options(options),
    })
}

/// The SACK option's first block (kind 5, RFC 2018 §3) and the timestamps option's TSval (kind 8,
/// RFC 7323 §3) among TCP options. Options are walked by their lengths (kind 0 ends them, kind 1
/// is one byte); a malformed length ends the walk.
fn tcp_options(mut options: &[u8]) -> TcpOptions {
    let mut found = TcpOptions::default();
    loop {
        let Some(&kind) = options.first() else {
            return found;
        };
        match kind {
            0 => return found,
            1 => {}
            _ => {
                let len = options.get(1).map_or(0, |&l| usize::from(l));
                if len < 2 {
                    return found;
                }
                match kind {
                    5 if len >= 10 && found.sack.is_none() => {
                        found.sack = be32(options, 2).zip(be32(options, 6));
                    }
                    8 if len == 10 => found.tsval = be32(options, 2),
                    _ => {}
                }
                options = options.get(len..).unwrap_or_default();
                continue;
            }
        }
        options = options.get(1..).unwrap_or_default();
    }
}

#[cfg(test)]
mod tests {
    use super::tcp_options;

    fn first_sack_block(options: &[u8]) -> Option<(u32, u32)> {
        tcp_options(options).sack
    }

    #[test]
    fn the_first_sack_block_and_the_timestamp_are_found_among_other_options() {
        // NOP, NOP, timestamps (10 bytes), SACK with two blocks.
        let mut options = vec![1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2, 5, 18];
        options.extend_from_slice(&1000u32.to_be_bytes());
        options.extend_from_slice(&1448u32.to_be_bytes());
        options.extend_from_slice(&3000u32.to_be_bytes());
        options.extend_from_slice(&4000u32.to_be_bytes());
        assert_eq!(first_sack_block(&options), Some((1000, 1448)));
        assert_eq!(tcp_options(&options).tsval, Some(1));
        assert_eq!(first_sack_block(&[1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2]), None);
        assert_eq!(first_sack_block(&[0, 5, 10, 0, 0, 0, 1, 0, 0, 0, 2]), None);
        // A length that runs past the header, or is too short to be one, ends the walk.
        assert_eq!(first_sack_block(&[5, 10, 0, 0]), None);
        assert_eq!(first_sack_block(&[8, 0, 5, 10]), None);
        for cut in 0..options.len() {
            let _ = first_sack_block(&options[..cut]);
        }
    }
}
