//! Link layers: from a frame to the network-layer bytes it carries.
//!
//! Owns the link headers this tool decodes — Ethernet II with stacked 802.1Q / 802.1ad / 0x9100 tags,
//! Linux cooked capture v1 and v2, raw IP (three numberings), raw IPv4, raw IPv6, BSD null/loopback
//! (address family in either byte order) and OpenBSD loop (network byte order) — and nothing above
//! them. Facts: tcpdump.org's LINKTYPE registry (link-layer header types) and the `pcap-linktype(7)`
//! descriptions of each header.
//!
//! Must not: look past the link header.

use super::Skip;
use crate::capture::LinkType;

/// Which network protocol the link header announces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Network {
    /// IPv4.
    Ipv4,
    /// IPv6.
    Ipv6,
}

/// At most this many stacked VLAN tags are walked (real networks use one or two).
const MAX_VLAN_TAGS: usize = 8;

const ETHERTYPE_IPV4: u16 = 0x0800;
const ETHERTYPE_IPV6: u16 = 0x86dd;
const ETHERTYPE_VLAN: u16 = 0x8100;
const ETHERTYPE_QINQ: u16 = 0x88a8;
const ETHERTYPE_QINQ_OLD: u16 = 0x9100;

/// Address families that mean IPv4 or IPv6 in BSD null/loopback headers (Linux, NetBSD/OpenBSD,
/// FreeBSD and macOS number AF_INET6 differently).
fn family(af: u32) -> Result<Network, Skip> {
    match af {
        2 => Ok(Network::Ipv4),
        10 | 24 | 28 | 30 => Ok(Network::Ipv6),
        _ => Err(Skip::NotIp),
    }
}

fn be16(bytes: &[u8], at: usize) -> Option<u16> {
    let b = bytes.get(at..at.checked_add(2)?)?;
    Some(u16::from_be_bytes([*b.first()?, *b.get(1)?]))
}

fn ethertype(value: u16) -> Result<Network, Skip> {
    match value {
        ETHERTYPE_IPV4 => Ok(Network::Ipv4),
        ETHERTYPE_IPV6 => Ok(Network::Ipv6),
        _ => Err(Skip::NotIp),
    }
}

/// The IP version from the first nibble of a raw IP packet.
fn by_version(data: &[u8]) -> Result<Network, Skip> {
    match data.first().map(|b| b >> 4) {
        Some(4) => Ok(Network::Ipv4),
        Some(6) => Ok(Network::Ipv6),
        Some(_) => Err(Skip::NotIp),
        None => Err(Skip::Truncated),
    }
}

fn ethernet(data: &[u8]) -> Result<(Network, &[u8]), Skip> {
    let mut at = 12usize;
    let mut kind = be16(data, at).ok_or(Skip::Truncated)?;
    for _ in 0..MAX_VLAN_TAGS {
        if !matches!(kind, ETHERTYPE_VLAN | ETHERTYPE_QINQ | ETHERTYPE_QINQ_OLD) {
            break;
        }
        // Tag: 2 bytes TCI, then the next ethertype.
        at = at.checked_add(4).ok_or(Skip::Truncated)?;
        kind = be16(data, at).ok_or(Skip::Truncated)?;
    }
    let rest = data
        .get(at.checked_add(2).ok_or(Skip::Truncated)?..)
        .ok_or(Skip::Truncated)?;
    Ok((ethertype(kind)?, rest))
}

/// Splits a frame of link type `link` into the network protocol and its bytes.
pub(crate) fn network_layer(link: LinkType, data: &[u8]) -> Result<(Network, &[u8]), Skip> {
    match link {
        LinkType::ETHERNET => ethernet(data),
        LinkType::LINUX_SLL => {
            let protocol = be16(data, 14).ok_or(Skip::Truncated)?;
            Ok((ethertype(protocol)?, data.get(16..).ok_or(Skip::Truncated)?))
        }
        LinkType::LINUX_SLL2 => {
            let protocol = be16(data, 0).ok_or(Skip::Truncated)?;
            Ok((ethertype(protocol)?, data.get(20..).ok_or(Skip::Truncated)?))
        }
        LinkType::RAW | LinkType::RAW_BSD12 | LinkType::RAW_BSD14 => Ok((by_version(data)?, data)),
        LinkType::IPV4 => Ok((Network::Ipv4, data)),
        LinkType::IPV6 => Ok((Network::Ipv6, data)),
        LinkType::NULL | LinkType::LOOP => {
            let header = data.get(..4).ok_or(Skip::Truncated)?;
            let bytes: [u8; 4] = header.try_into().map_err(|_| Skip::Truncated)?;
            let af = if link == LinkType::LOOP {
                u32::from_be_bytes(bytes)
            } else {
                // Host byte order of the capturing machine: a small number read the wrong way round
                // has its value in the high bytes.
                let le = u32::from_le_bytes(bytes);
                if le > 0xffff {
                    u32::from_be_bytes(bytes)
                } else {
                    le
                }
            };
            Ok((family(af)?, data.get(4..).ok_or(Skip::Truncated)?))
        }
        _ => Err(Skip::UnsupportedLinkType),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ethernet_ipv4_and_ipv6() {
        let mut frame = vec![0u8; 12];
        frame.extend_from_slice(&[0x08, 0x00, 0x45]);
        assert_eq!(
            network_layer(LinkType::ETHERNET, &frame),
            Ok((Network::Ipv4, &[0x45u8][..]))
        );
        frame[12..14].copy_from_slice(&[0x86, 0xdd]);
        assert_eq!(
            network_layer(LinkType::ETHERNET, &frame).map(|(n, _)| n),
            Ok(Network::Ipv6)
        );
    }

    #[test]
    fn ethernet_with_stacked_tags() {
        let mut frame = vec![0u8; 12];
        frame.extend_from_slice(&[0x88, 0xa8, 0x00, 0x64, 0x81, 0x00, 0x00, 0xc8, 0x08, 0x00, 0x45]);
        assert_eq!(
            network_layer(LinkType::ETHERNET, &frame),
            Ok((Network::Ipv4, &[0x45u8][..]))
        );
        // Cut inside the second tag.
        assert_eq!(
            network_layer(LinkType::ETHERNET, &frame[..18]),
            Err(Skip::Truncated)
        );
    }

    #[test]
    fn too_many_tags_is_not_ip() {
        let mut frame = vec![0u8; 12];
        for _ in 0..=MAX_VLAN_TAGS {
            frame.extend_from_slice(&[0x81, 0x00, 0x00, 0x01]);
        }
        frame.extend_from_slice(&[0x81, 0x00]);
        assert_eq!(network_layer(LinkType::ETHERNET, &frame), Err(Skip::NotIp));
    }

    #[test]
    fn ethernet_non_ip_and_short() {
        let mut frame = vec![0u8; 12];
        frame.extend_from_slice(&[0x08, 0x06]); // ARP
        assert_eq!(network_layer(LinkType::ETHERNET, &frame), Err(Skip::NotIp));
        frame[12..14].copy_from_slice(&[0x00, 0x2e]); // 802.3 length field
        assert_eq!(network_layer(LinkType::ETHERNET, &frame), Err(Skip::NotIp));
        assert_eq!(
            network_layer(LinkType::ETHERNET, &frame[..13]),
            Err(Skip::Truncated)
        );
    }

    #[test]
    fn linux_cooked_v1_and_v2() {
        let mut v1 = vec![0u8; 14];
        v1.extend_from_slice(&[0x08, 0x00, 0x45]);
        assert_eq!(
            network_layer(LinkType::LINUX_SLL, &v1),
            Ok((Network::Ipv4, &[0x45u8][..]))
        );
        let mut v2 = vec![0x86, 0xdd];
        v2.extend_from_slice(&[0u8; 18]);
        v2.push(0x60);
        assert_eq!(
            network_layer(LinkType::LINUX_SLL2, &v2),
            Ok((Network::Ipv6, &[0x60u8][..]))
        );
        assert_eq!(
            network_layer(LinkType::LINUX_SLL2, &v2[..19]),
            Err(Skip::Truncated)
        );
    }

    #[test]
    fn null_loopback_in_both_byte_orders_and_openbsd_loop() {
        assert_eq!(
            network_layer(LinkType::NULL, &[2, 0, 0, 0, 0x45]),
            Ok((Network::Ipv4, &[0x45u8][..]))
        );
        assert_eq!(
            network_layer(LinkType::NULL, &[0, 0, 0, 2, 0x45]),
            Ok((Network::Ipv4, &[0x45u8][..]))
        );
        assert_eq!(
            network_layer(LinkType::NULL, &[30, 0, 0, 0]).map(|(n, _)| n),
            Ok(Network::Ipv6)
        );
        assert_eq!(
            network_layer(LinkType::NULL, &[0, 0, 0, 24]).map(|(n, _)| n),
            Ok(Network::Ipv6)
        );
        assert_eq!(
            network_layer(LinkType::LOOP, &[0, 0, 0, 2]).map(|(n, _)| n),
            Ok(Network::Ipv4)
        );
        assert_eq!(network_layer(LinkType::LOOP, &[2, 0, 0, 0]), Err(Skip::NotIp));
        assert_eq!(network_layer(LinkType::NULL, &[7, 0, 0, 0]), Err(Skip::NotIp));
        assert_eq!(network_layer(LinkType::NULL, &[2, 0, 0]), Err(Skip::Truncated));
    }

    #[test]
    fn raw_ip_by_version_nibble() {
        for link in [LinkType::RAW, LinkType::RAW_BSD12, LinkType::RAW_BSD14] {
            assert_eq!(network_layer(link, &[0x45]).map(|(n, _)| n), Ok(Network::Ipv4));
            assert_eq!(network_layer(link, &[0x60]).map(|(n, _)| n), Ok(Network::Ipv6));
            assert_eq!(network_layer(link, &[0x20]), Err(Skip::NotIp));
            assert_eq!(network_layer(link, &[]), Err(Skip::Truncated));
        }
        assert_eq!(
            network_layer(LinkType(147), &[0x45]),
            Err(Skip::UnsupportedLinkType)
        );
    }
}
