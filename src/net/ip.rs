//! IPv4 and IPv6 headers: addresses, the upper-layer protocol, its bytes, and fragment facts.
//!
//! Owns header validation (RFC 791 for IPv4; RFC 8200 for IPv6 and its extension headers: hop-by-hop,
//! routing, destination options, fragment, AH per RFC 4302, mobility), trimming link-layer padding by
//! the IP length, and measuring what the snap length cut off. Checksums are not verified (captures
//! taken on the sending host carry offloaded, unfilled checksums).
//!
//! Two tolerances, both as Wireshark applies them: an IPv4 total length of 0 (TCP segmentation
//! offload on the capturing host) and an IPv6 payload length of 0 (jumbogram or offload) both mean
//! "to the end of the captured frame".
//!
//! Must not: keep state (fragment reassembly is `defrag`'s), or look past the IP layer.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::Skip;

/// IP protocol number of TCP.
pub(crate) const PROTO_TCP: u8 = 6;

/// IP protocol number of UDP.
pub(crate) const PROTO_UDP: u8 = 17;

/// At most this many IPv6 extension headers are walked.
const MAX_EXTENSION_HEADERS: usize = 16;

/// Where a fragment sits in its datagram.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FragmentInfo {
    /// Identification (IPv4's 16 bits widened, or IPv6's 32).
    pub id: u32,
    /// Byte offset of this fragment's payload within the datagram's payload.
    pub offset: u32,
    /// More fragments follow.
    pub more: bool,
}

/// A validated IP packet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct IpPacket<'a> {
    /// Source address.
    pub src: IpAddr,
    /// Destination address.
    pub dst: IpAddr,
    /// The upper-layer protocol (for an IPv6 fragment: the fragment header's next header).
    pub protocol: u8,
    /// The upper-layer bytes as captured, padding removed.
    pub payload: &'a [u8],
    /// Bytes the IP length announces beyond what was captured (the snap length cut them).
    pub missing: u32,
    /// Set when this packet is a fragment of a larger datagram.
    pub fragment: Option<FragmentInfo>,
}

fn be16(bytes: &[u8], at: usize) -> Option<u16> {
    let b = bytes.get(at..at.checked_add(2)?)?;
    Some(u16::from_be_bytes(b.try_into().ok()?))
}

fn be32(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_be_bytes(b.try_into().ok()?))
}

/// Splits `data` at the announced length: (what is there, how much is missing).
fn announced(data: &[u8], length: usize) -> (&[u8], u32) {
    match data.get(..length) {
        Some(present) => (present, 0),
        None => (
            data,
            u32::try_from(length.saturating_sub(data.len())).unwrap_or(u32::MAX),
        ),
    }
}

/// Validates an IPv4 header.
pub(crate) fn ipv4(data: &[u8]) -> Result<IpPacket<'_>, Skip> {
    let first = *data.first().ok_or(Skip::Truncated)?;
    if first >> 4 != 4 {
        return Err(Skip::BadIpHeader);
    }
    let header_len = usize::from(first & 0x0f).saturating_mul(4);
    if header_len < 20 {
        return Err(Skip::BadIpHeader);
    }
    if data.len() < header_len {
        return Err(Skip::Truncated);
    }
    let total = usize::from(be16(data, 2).ok_or(Skip::Truncated)?);
    let (packet, missing) = match total {
        0 => (data, 0),
        t if t < header_len => return Err(Skip::BadIpHeader),
        t => announced(data, t),
    };
    let flags_offset = be16(data, 6).ok_or(Skip::Truncated)?;
    let more = flags_offset & 0x2000 != 0;
    let offset = u32::from(flags_offset & 0x1fff).saturating_mul(8);
    let src: [u8; 4] = data
        .get(12..16)
        .and_then(|b| b.try_into().ok())
        .ok_or(Skip::Truncated)?;
    let dst: [u8; 4] = data
        .get(16..20)
        .and_then(|b| b.try_into().ok())
        .ok_or(Skip::Truncated)?;
    let id = u32::from(be16(data, 4).ok_or(Skip::Truncated)?);
    Ok(IpPacket {
        src: IpAddr::V4(Ipv4Addr::from(src)),
        dst: IpAddr::V4(Ipv4Addr::from(dst)),
        protocol: *data.get(9).ok_or(Skip::Truncated)?,
        payload: packet.get(header_len..).ok_or(Skip::Truncated)?,
        missing,
        fragment: (more || offset != 0).then_some(FragmentInfo { id, offset, more }),
    })
}

/// Result of walking IPv6 extension headers.
pub(crate) struct Upper<'a> {
    /// The upper-layer protocol, or the fragment header's next header.
    pub protocol: u8,
    /// Bytes after the last header walked.
    pub rest: &'a [u8],
    /// The fragment header, when one was met (the walk stops there).
    pub fragment: Option<FragmentInfo>,
}

/// Walks IPv6 extension headers starting with `next` over `data`, stopping at an upper-layer
/// protocol or a fragment header.
pub(crate) fn ipv6_extensions(mut next: u8, mut data: &[u8]) -> Result<Upper<'_>, Skip> {
    for _ in 0..MAX_EXTENSION_HEADERS {
        let len = match next {
            // Hop-by-hop, routing, destination options, mobility: (hdr ext len + 1) * 8.
            0 | 43 | 60 | 135 => usize::from(*data.get(1).ok_or(Skip::Truncated)?)
                .saturating_add(1)
                .saturating_mul(8),
            // AH: (payload len + 2) * 4.
            51 => usize::from(*data.get(1).ok_or(Skip::Truncated)?)
                .saturating_add(2)
                .saturating_mul(4),
            44 => {
                let following = *data.first().ok_or(Skip::Truncated)?;
                let offset_flags = be16(data, 2).ok_or(Skip::Truncated)?;
                let id = be32(data, 4).ok_or(Skip::Truncated)?;
                let rest = data.get(8..).ok_or(Skip::Truncated)?;
                let offset = u32::from(offset_flags >> 3).saturating_mul(8);
                let more = offset_flags & 1 != 0;
                if offset == 0 && !more {
                    // An atomic fragment (RFC 6946): not really fragmented.
                    next = following;
                    data = rest;
                    continue;
                }
                return Ok(Upper {
                    protocol: following,
                    rest,
                    fragment: Some(FragmentInfo { id, offset, more }),
                });
            }
            _ => {
                return Ok(Upper {
                    protocol: next,
                    rest: data,
                    fragment: None,
                })
            }
        };
        next = *data.first().ok_or(Skip::Truncated)?;
        data = data.get(len..).ok_or(Skip::Truncated)?;
    }
    Err(Skip::BadIpHeader)
}

/// Validates an IPv6 header and walks its extension headers.
pub(crate) fn ipv6(data: &[u8]) -> Result<IpPacket<'_>, Skip> {
    let first = *data.first().ok_or(Skip::Truncated)?;
    if first >> 4 != 6 {
        return Err(Skip::BadIpHeader);
    }
    let src: [u8; 16] = data
        .get(8..24)
        .and_then(|b| b.try_into().ok())
        .ok_or(Skip::Truncated)?;
    let dst: [u8; 16] = data
        .get(24..40)
        .and_then(|b| b.try_into().ok())
        .ok_or(Skip::Truncated)?;
    let payload_len = usize::from(be16(data, 4).ok_or(Skip::Truncated)?);
    let after_header = data.get(40..).ok_or(Skip::Truncated)?;
    let (payload, missing) = if payload_len == 0 {
        (after_header, 0)
    } else {
        announced(after_header, payload_len)
    };
    let upper = ipv6_extensions(*data.get(6).ok_or(Skip::Truncated)?, payload)?;
    Ok(IpPacket {
        src: IpAddr::V6(Ipv6Addr::from(src)),
        dst: IpAddr::V6(Ipv6Addr::from(dst)),
        protocol: upper.protocol,
        payload: upper.rest,
        missing,
        fragment: upper.fragment,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v4_header(total: u16, proto: u8, flags_offset: u16) -> Vec<u8> {
        let mut h = vec![
            0x45, 0, 0, 0, 0x12, 0x34, 0, 0, 64, proto, 0, 0, 192, 0, 2, 1, 198, 51, 100, 2,
        ];
        h[2..4].copy_from_slice(&total.to_be_bytes());
        h[6..8].copy_from_slice(&flags_offset.to_be_bytes());
        h
    }

    #[test]
    fn ipv4_trims_padding_and_reports_snaplen_cut() {
        let mut p = v4_header(24, PROTO_TCP, 0);
        p.extend_from_slice(&[1, 2, 3, 4, 0, 0]); // two bytes of Ethernet padding
        let ip = ipv4(&p).unwrap();
        assert_eq!(ip.payload, &[1, 2, 3, 4]);
        assert_eq!((ip.missing, ip.fragment, ip.protocol), (0, None, PROTO_TCP));
        assert_eq!(ip.src.to_string(), "192.0.2.1");
        let cut = ipv4(&p[..22]).unwrap();
        assert_eq!((cut.payload, cut.missing), (&[1u8, 2][..], 2));
    }

    #[test]
    fn ipv4_zero_total_length_means_whole_frame() {
        let mut p = v4_header(0, PROTO_TCP, 0);
        p.extend_from_slice(&[9; 100]);
        assert_eq!(ipv4(&p).unwrap().payload.len(), 100);
    }

    #[test]
    fn ipv4_malformed_headers() {
        let mut p = v4_header(40, PROTO_TCP, 0);
        p[0] = 0x44; // IHL 4
        assert_eq!(ipv4(&p), Err(Skip::BadIpHeader));
        p[0] = 0x65; // version 6
        assert_eq!(ipv4(&p), Err(Skip::BadIpHeader));
        let p = v4_header(10, PROTO_TCP, 0); // total below the header
        assert_eq!(ipv4(&p), Err(Skip::BadIpHeader));
        let mut p = v4_header(60, PROTO_TCP, 0);
        p[0] = 0x4f; // 60-byte header, only 20 present
        assert_eq!(ipv4(&p), Err(Skip::Truncated));
        for cut in 0..20 {
            assert_eq!(
                ipv4(&v4_header(20, 6, 0)[..cut]),
                Err(Skip::Truncated),
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn ipv4_fragment_facts() {
        let mut p = v4_header(28, PROTO_TCP, 0x2000 | 3);
        p.extend_from_slice(&[0; 8]);
        let f = ipv4(&p).unwrap().fragment.unwrap();
        assert_eq!(
            f,
            FragmentInfo {
                id: 0x1234,
                offset: 24,
                more: true
            }
        );
        let p = v4_header(20, PROTO_TCP, 0x4000); // DF only
        assert_eq!(ipv4(&p).unwrap().fragment, None);
    }

    fn v6_header(payload_len: u16, next: u8) -> Vec<u8> {
        let mut h = vec![0x60, 0, 0, 0, 0, 0, next, 64];
        h[4..6].copy_from_slice(&payload_len.to_be_bytes());
        h.extend_from_slice(&[0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
        h.extend_from_slice(&[0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
        h
    }

    #[test]
    fn ipv6_walks_extension_headers() {
        // Hop-by-hop (8 bytes) → destination options (16 bytes) → TCP.
        let mut p = v6_header(28, 0);
        p.extend_from_slice(&[60, 0, 0, 0, 0, 0, 0, 0]);
        p.extend_from_slice(&[6, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        p.extend_from_slice(&[7, 7, 7, 7]);
        let ip = ipv6(&p).unwrap();
        assert_eq!(
            (ip.protocol, ip.payload, ip.missing),
            (PROTO_TCP, &[7u8, 7, 7, 7][..], 0)
        );
        assert_eq!(ip.dst.to_string(), "2001:db8::2");
        // Cut inside the destination options header.
        assert_eq!(ipv6(&p[..50]).err(), Some(Skip::Truncated));
    }

    #[test]
    fn ipv6_fragment_header() {
        let mut p = v6_header(16, 44);
        p.extend_from_slice(&[6, 0, 0x00, 0x11, 0xde, 0xad, 0xbe, 0xef]); // offset 2 (16 bytes), M
        p.extend_from_slice(&[1; 8]);
        let ip = ipv6(&p).unwrap();
        assert_eq!(
            ip.fragment,
            Some(FragmentInfo {
                id: 0xdeadbeef,
                offset: 16,
                more: true
            })
        );
        assert_eq!((ip.protocol, ip.payload.len()), (PROTO_TCP, 8));
        // An atomic fragment is no fragment.
        let mut p = v6_header(12, 44);
        p.extend_from_slice(&[6, 0, 0, 0, 0, 0, 0, 1, 5, 5, 5, 5]);
        assert_eq!(ipv6(&p).unwrap().fragment, None);
    }

    #[test]
    fn ipv6_endless_extension_chain_is_rejected() {
        let mut p = v6_header(0, 60);
        for _ in 0..=MAX_EXTENSION_HEADERS {
            p.extend_from_slice(&[60, 0, 0, 0, 0, 0, 0, 0]);
        }
        assert_eq!(ipv6(&p).err(), Some(Skip::BadIpHeader));
    }
}
