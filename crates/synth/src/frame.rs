//! Bytes of a synthetic frame: IP and TCP headers (built with etherparse's `PacketBuilder`, so
//! lengths and checksums are right), optional IPv4 fragmentation, and the link-layer header.
//!
//! Invariants: every frame is exactly what a host would put on the wire at the capture point;
//! fragments carry the unfragmented packet's bytes at 8-byte-aligned offsets with correct header
//! checksums. Must not: decide sequence numbers or timing (see `tcp`).

use std::net::{IpAddr, SocketAddr};

use etherparse::{
    ip_number, EtherType, Ethernet2Header, IpFragOffset, IpHeaders, Ipv4Header, Ipv6Header, PacketBuilder,
    SingleVlanHeader, TcpHeader, TcpOptionElement, VlanId,
};

use super::tcp::PlannedSegment;
use super::{Encapsulation, SynthError, SynthOptions};
use smtpscope::net::flow::Direction;

/// The client's MAC address: RFC 7042's documentation range 00-00-5E-00-53-xx.
const CLIENT_MAC: [u8; 6] = [0x00, 0x00, 0x5e, 0x00, 0x53, 0x01];
/// The server's MAC address.
const SERVER_MAC: [u8; 6] = [0x00, 0x00, 0x5e, 0x00, 0x53, 0x02];
/// IPv4 TTL and IPv6 hop limit of every packet.
const HOP_LIMIT: u8 = 64;
/// Tag protocol identifiers: 802.1Q customer tag and 802.1ad service tag.
const TPID_8021Q: u16 = 0x8100;
const TPID_8021AD: u16 = 0x88a8;

/// Rejects options no connection can be built from.
pub(super) fn check_options(opts: &SynthOptions) -> Result<(), SynthError> {
    if opts.client.is_ipv4() != opts.server.is_ipv4() {
        return Err(SynthError::MixedFamilies {
            client: opts.client,
            server: opts.server,
        });
    }
    if opts.mss == 0 {
        return Err(SynthError::ZeroMss);
    }
    if !opts.impair.fragment.is_empty() {
        if opts.client.is_ipv6() {
            return Err(SynthError::FragmentIpv6);
        }
        let size = opts.impair.fragment_size;
        if size == 0 || !size.is_multiple_of(8) {
            return Err(SynthError::BadFragmentSize(size));
        }
    }
    if let Encapsulation::Ethernet { vlan_tags } = &opts.link {
        if let Some(&bad) = vlan_tags.iter().find(|&&t| VlanId::try_new(t).is_err()) {
            return Err(SynthError::BadVlan(bad));
        }
    }
    Ok(())
}

fn build_error(e: impl std::fmt::Display) -> SynthError {
    SynthError::Build(e.to_string())
}

/// The frames carrying `seg` (several when it is fragmented), link header included.
pub(super) fn build(
    opts: &SynthOptions,
    seg: &PlannedSegment,
    ip_id: u16,
) -> Result<Vec<Vec<u8>>, SynthError> {
    let (src, dst) = match seg.dir {
        Direction::ClientToServer => (opts.client, opts.server),
        Direction::ServerToClient => (opts.server, opts.client),
    };
    let packet = ip_packet(opts, seg, src, dst, ip_id)?;
    let packets = if seg.fragment && src.is_ipv4() {
        fragment(&packet, opts.impair.fragment_size)?
    } else {
        vec![packet]
    };
    let link = link_header(&opts.link, seg.dir, src.is_ipv6());
    Ok(packets
        .into_iter()
        .map(|p| {
            let mut frame = Vec::with_capacity(link.len().saturating_add(p.len()));
            frame.extend_from_slice(&link);
            frame.extend_from_slice(&p);
            frame
        })
        .collect())
}

/// The IP packet (header, TCP header, payload) of `seg` from `src` to `dst`.
fn ip_packet(
    opts: &SynthOptions,
    seg: &PlannedSegment,
    src: SocketAddr,
    dst: SocketAddr,
    ip_id: u16,
) -> Result<Vec<u8>, SynthError> {
    let ip = match (src.ip(), dst.ip()) {
        (IpAddr::V4(s), IpAddr::V4(d)) => {
            let mut h =
                Ipv4Header::new(0, HOP_LIMIT, ip_number::TCP, s.octets(), d.octets()).map_err(build_error)?;
            h.identification = ip_id;
            h.dont_fragment = !seg.fragment;
            IpHeaders::Ipv4(h, Default::default())
        }
        (IpAddr::V6(s), IpAddr::V6(d)) => IpHeaders::Ipv6(
            Ipv6Header {
                hop_limit: HOP_LIMIT,
                source: s.octets(),
                destination: d.octets(),
                ..Default::default()
            },
            Default::default(),
        ),
        _ => {
            return Err(SynthError::MixedFamilies {
                client: opts.client,
                server: opts.server,
            })
        }
    };
    let mut tcp = TcpHeader::new(src.port(), dst.port(), seg.seq, opts.window);
    tcp.syn = seg.flags.syn;
    tcp.fin = seg.flags.fin;
    tcp.rst = seg.flags.rst;
    tcp.psh = seg.flags.psh;
    if let Some(ack) = seg.ack {
        tcp.ack = true;
        tcp.acknowledgment_number = ack;
    }
    if seg.flags.syn {
        tcp.set_options(&[TcpOptionElement::MaximumSegmentSize(opts.mss)])
            .map_err(build_error)?;
    }
    let builder = PacketBuilder::ip(ip).tcp_header(tcp);
    let mut packet = Vec::with_capacity(builder.size(seg.payload.len()));
    builder
        .write_to_vec(&mut packet, &seg.payload)
        .map_err(build_error)?;
    Ok(packet)
}

/// Cuts an IPv4 packet into fragments of at most `size` payload bytes (a multiple of 8).
fn fragment(packet: &[u8], size: usize) -> Result<Vec<Vec<u8>>, SynthError> {
    let (header, payload) = Ipv4Header::from_slice(packet).map_err(build_error)?;
    let mut out = Vec::new();
    let mut offset = 0usize;
    let mut chunks = payload.chunks(size.max(8)).peekable();
    while let Some(chunk) = chunks.next() {
        let mut h = header.clone();
        let units = u16::try_from(offset / 8).map_err(build_error)?;
        h.fragment_offset = IpFragOffset::try_new(units).map_err(build_error)?;
        h.more_fragments = chunks.peek().is_some();
        h.dont_fragment = false;
        h.set_payload_len(chunk.len()).map_err(build_error)?;
        h.header_checksum = h.calc_header_checksum();
        let mut bytes = h.to_bytes().to_vec();
        bytes.extend_from_slice(chunk);
        out.push(bytes);
        offset = offset.saturating_add(chunk.len());
    }
    Ok(out)
}

/// The link-layer header of a frame sent in `dir` carrying IPv6 (`ipv6`) or IPv4.
fn link_header(link: &Encapsulation, dir: Direction, ipv6: bool) -> Vec<u8> {
    let ether_type = if ipv6 { EtherType::IPV6 } else { EtherType::IPV4 };
    let (src_mac, dst_mac) = match dir {
        Direction::ClientToServer => (CLIENT_MAC, SERVER_MAC),
        Direction::ServerToClient => (SERVER_MAC, CLIENT_MAC),
    };
    // Linux packet types as seen on the server: frames to it are "host", frames from it "outgoing".
    let packet_type: u8 = match dir {
        Direction::ClientToServer => 0,
        Direction::ServerToClient => 4,
    };
    const ARPHRD_ETHER: u16 = 1;
    let mut sll_address = [0u8; 8];
    sll_address
        .iter_mut()
        .zip(src_mac)
        .for_each(|(slot, byte)| *slot = byte);
    match link {
        Encapsulation::Ethernet { vlan_tags } => {
            let tpid = |i: usize| {
                if i == 0 && vlan_tags.len() > 1 {
                    TPID_8021AD
                } else {
                    TPID_8021Q
                }
            };
            let first_type = if vlan_tags.is_empty() {
                ether_type
            } else {
                EtherType(tpid(0))
            };
            let mut out = Ethernet2Header {
                source: src_mac,
                destination: dst_mac,
                ether_type: first_type,
            }
            .to_bytes()
            .to_vec();
            for (i, &tag) in vlan_tags.iter().enumerate() {
                let next = i.saturating_add(1);
                let inner_type = if next < vlan_tags.len() {
                    EtherType(tpid(next))
                } else {
                    ether_type
                };
                let vlan = SingleVlanHeader {
                    pcp: Default::default(),
                    drop_eligible_indicator: false,
                    // Checked in `check_options`.
                    vlan_id: VlanId::try_new(tag).unwrap_or_default(),
                    ether_type: inner_type,
                };
                out.extend_from_slice(&vlan.to_bytes());
            }
            out
        }
        Encapsulation::LinuxSll => {
            let mut out = Vec::with_capacity(16);
            out.extend_from_slice(&u16::from(packet_type).to_be_bytes());
            out.extend_from_slice(&ARPHRD_ETHER.to_be_bytes());
            out.extend_from_slice(&6u16.to_be_bytes());
            out.extend_from_slice(&sll_address);
            out.extend_from_slice(&ether_type.0.to_be_bytes());
            out
        }
        Encapsulation::LinuxSll2 => {
            const INTERFACE_INDEX: u32 = 2;
            let mut out = Vec::with_capacity(20);
            out.extend_from_slice(&ether_type.0.to_be_bytes());
            out.extend_from_slice(&[0, 0]); // reserved
            out.extend_from_slice(&INTERFACE_INDEX.to_be_bytes());
            out.extend_from_slice(&ARPHRD_ETHER.to_be_bytes());
            out.push(packet_type);
            out.push(6);
            out.extend_from_slice(&sll_address);
            out
        }
        Encapsulation::RawIp => Vec::new(),
        Encapsulation::Null { big_endian } => {
            const AF_INET: u32 = 2;
            const AF_INET6_DARWIN: u32 = 30;
            let family = if ipv6 { AF_INET6_DARWIN } else { AF_INET };
            if *big_endian {
                family.to_be_bytes().to_vec()
            } else {
                family.to_le_bytes().to_vec()
            }
        }
        Encapsulation::Loop => {
            const AF_INET: u32 = 2;
            const AF_INET6_OPENBSD: u32 = 24;
            let family = if ipv6 { AF_INET6_OPENBSD } else { AF_INET };
            family.to_be_bytes().to_vec()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tcp::Flags;
    use smtpscope::capture::Timestamp;

    fn seg(payload: &[u8], fragment: bool) -> PlannedSegment {
        PlannedSegment {
            dir: Direction::ClientToServer,
            ts: Timestamp::default(),
            seq: 0x0102_0304,
            ack: Some(0x0a0b_0c0d),
            flags: Flags {
                psh: true,
                ..Flags::default()
            },
            payload: payload.to_vec(),
            fragment,
        }
    }

    fn opts(link: Encapsulation) -> SynthOptions {
        let mut o = SynthOptions::new(
            "192.0.2.1:1025".parse().unwrap(),
            "198.51.100.2:25".parse().unwrap(),
        );
        o.link = link;
        o
    }

    #[test]
    fn ethernet_ipv4_tcp_frame_has_exact_headers_and_valid_checksums() {
        let frames = build(&opts(Encapsulation::ethernet()), &seg(b"hi", false), 0x1234).unwrap();
        let f = &frames[0];
        assert_eq!(frames.len(), 1);
        assert_eq!(f.len(), 14 + 20 + 20 + 2);
        assert_eq!(
            &f[..14],
            &[0, 0, 0x5e, 0, 0x53, 2, 0, 0, 0x5e, 0, 0x53, 1, 0x08, 0x00]
        );
        // version/IHL, tos, total 42, id 0x1234, DF, TTL 64, TCP
        assert_eq!(&f[14..24], &[0x45, 0, 0, 42, 0x12, 0x34, 0x40, 0, 64, 6]);
        assert_eq!(&f[26..34], &[192, 0, 2, 1, 198, 51, 100, 2]);
        // ports, seq, ack, offset 5, flags PSH|ACK, window 64240
        assert_eq!(
            &f[34..50],
            &[0x04, 0x01, 0, 25, 1, 2, 3, 4, 0x0a, 0x0b, 0x0c, 0x0d, 0x50, 0x18, 0xfa, 0xf0]
        );
        assert_eq!(&f[54..], b"hi");
        let sliced = etherparse::SlicedPacket::from_ethernet(f).unwrap();
        let Some(etherparse::NetSlice::Ipv4(ip)) = &sliced.net else {
            panic!("not IPv4")
        };
        let Some(etherparse::TransportSlice::Tcp(tcp)) = &sliced.transport else {
            panic!("not TCP")
        };
        assert_eq!(
            ip.header().to_header().calc_header_checksum(),
            ip.header().header_checksum()
        );
        let expected = tcp
            .to_header()
            .calc_checksum_ipv4(&ip.header().to_header(), b"hi")
            .unwrap();
        assert_eq!(tcp.checksum(), expected);
    }

    #[test]
    fn stacked_vlan_tags_use_8021ad_outside_and_8021q_inside() {
        let link = Encapsulation::Ethernet {
            vlan_tags: vec![100, 200],
        };
        let f = &build(&opts(link), &seg(b"", false), 1).unwrap()[0];
        assert_eq!(&f[12..22], &[0x88, 0xa8, 0, 100, 0x81, 0x00, 0, 200, 0x08, 0x00]);
        let one = Encapsulation::Ethernet { vlan_tags: vec![7] };
        let f = &build(&opts(one), &seg(b"", false), 1).unwrap()[0];
        assert_eq!(&f[12..18], &[0x81, 0x00, 0, 7, 0x08, 0x00]);
    }

    #[test]
    fn cooked_and_loopback_headers() {
        let s = seg(b"", false);
        let sll = &build(&opts(Encapsulation::LinuxSll), &s, 1).unwrap()[0];
        assert_eq!(
            &sll[..16],
            &[0, 0, 0, 1, 0, 6, 0, 0, 0x5e, 0, 0x53, 1, 0, 0, 0x08, 0]
        );
        let sll2 = &build(&opts(Encapsulation::LinuxSll2), &s, 1).unwrap()[0];
        assert_eq!(
            &sll2[..20],
            &[0x08, 0, 0, 0, 0, 0, 0, 2, 0, 1, 0, 6, 0, 0, 0x5e, 0, 0x53, 1, 0, 0]
        );
        let le = &build(&opts(Encapsulation::Null { big_endian: false }), &s, 1).unwrap()[0];
        assert_eq!(&le[..5], &[2, 0, 0, 0, 0x45]);
        let be = &build(&opts(Encapsulation::Null { big_endian: true }), &s, 1).unwrap()[0];
        assert_eq!(&be[..5], &[0, 0, 0, 2, 0x45]);
        let raw = &build(&opts(Encapsulation::RawIp), &s, 1).unwrap()[0];
        assert_eq!(raw[0], 0x45);
        let mut v6 = opts(Encapsulation::Loop);
        v6.client = "[2001:db8::1]:1025".parse().unwrap();
        v6.server = "[2001:db8::2]:25".parse().unwrap();
        let lo = &build(&v6, &s, 1).unwrap()[0];
        assert_eq!(&lo[..5], &[0, 0, 0, 24, 0x60]);
    }

    #[test]
    fn fragments_reassemble_to_the_whole_packet() {
        let payload: Vec<u8> = (0..100u8).collect();
        let mut o = opts(Encapsulation::RawIp);
        o.impair.fragment_size = 48;
        let whole = build(&o, &seg(&payload, false), 9).unwrap().remove(0);
        let frags = build(&o, &seg(&payload, true), 9).unwrap();
        assert_eq!(frags.len(), 3); // 120 bytes of TCP: 48 + 48 + 24
        let mut joined = Vec::new();
        for (i, f) in frags.iter().enumerate() {
            let (h, rest) = Ipv4Header::from_slice(f).unwrap();
            assert_eq!(h.fragment_offset.byte_offset() as usize, i * 48);
            assert_eq!(h.more_fragments, i < 2);
            assert!(!h.dont_fragment);
            assert_eq!(h.identification, 9);
            assert_eq!(h.header_checksum, h.calc_header_checksum());
            joined.extend_from_slice(rest);
        }
        assert_eq!(&joined[..], &whole[20..]);
    }

    #[test]
    fn inconsistent_options_are_refused() {
        let mut o = opts(Encapsulation::RawIp);
        o.server = "[2001:db8::2]:25".parse().unwrap();
        assert!(matches!(check_options(&o), Err(SynthError::MixedFamilies { .. })));
        let mut o = opts(Encapsulation::Ethernet {
            vlan_tags: vec![4096],
        });
        assert!(matches!(check_options(&o), Err(SynthError::BadVlan(4096))));
        o.link = Encapsulation::RawIp;
        o.impair.fragment = vec![0];
        o.impair.fragment_size = 12;
        assert!(matches!(check_options(&o), Err(SynthError::BadFragmentSize(12))));
        o.mss = 0;
        assert!(matches!(check_options(&o), Err(SynthError::ZeroMss)));
    }
}
