//! The Community ID of a flow (version 1 of Corelight's Community ID specification): a hash of the
//! 5-tuple, the same whichever direction it is read in, that Zeek, Suricata, Elastic and others
//! attach to their records so one connection can be found across tools (`network.community_id`).
//!
//! Owns [`community_id`] only. The specification is short and fixed (SHA-1 over seed, ordered
//! addresses, protocol and ordered ports, base64, `1:` prefix); the one crate implementing it adds
//! a dependency on `anyhow` for four lines of logic, so it is written here and checked against the
//! specification's published test vectors. Must not: know about sessions.

use std::net::IpAddr;

use base64::Engine as _;
use sha1::{Digest, Sha1};

/// IANA protocol number of TCP.
pub const TCP: u8 = 6;

/// The Community ID v1 of the flow between `(src, src_port)` and `(dst, dst_port)` over `proto`
/// (ports `None` for port-less protocols), with `seed` (0 by default). `None` when the two
/// addresses are not of the same family.
pub fn community_id(
    seed: u16,
    src: IpAddr,
    dst: IpAddr,
    proto: u8,
    ports: Option<(u16, u16)>,
) -> Option<String> {
    let (a, b) = match (src, dst) {
        (IpAddr::V4(a), IpAddr::V4(b)) => (a.octets().to_vec(), b.octets().to_vec()),
        (IpAddr::V6(a), IpAddr::V6(b)) => (a.octets().to_vec(), b.octets().to_vec()),
        _ => return None,
    };
    let (sp, dp) = ports.unwrap_or((0, 0));
    // The endpoint with the smaller address (then the smaller port) comes first.
    let forward = (a.as_slice(), sp) <= (b.as_slice(), dp);
    let ((a, sp), (b, dp)) = if forward {
        ((a, sp), (b, dp))
    } else {
        ((b, dp), (a, sp))
    };
    let mut hash = Sha1::new();
    hash.update(seed.to_be_bytes());
    hash.update(&a);
    hash.update(&b);
    hash.update([proto, 0]);
    if ports.is_some() {
        hash.update(sp.to_be_bytes());
        hash.update(dp.to_be_bytes());
    }
    Some(format!(
        "1:{}",
        base64::engine::general_purpose::STANDARD.encode(hash.finalize())
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The specification's baseline vectors (default seed, and seed 1), both directions each.
    #[test]
    fn matches_the_published_test_vectors() {
        let v4 = |s: &str| s.parse::<IpAddr>().unwrap();
        let (a, b) = (v4("1.2.3.4"), v4("5.6.7.8"));
        let (a6, b6) = (
            v4("fe80:0001:0203:0405:0607:0809:0A0B:0C0D"),
            v4("fe80:1011:1213:1415:1617:1819:1A1B:1C1D"),
        );
        type Case = (u16, IpAddr, IpAddr, u8, Option<(u16, u16)>, &'static str);
        let cases: [Case; 10] = [
            (0, a, b, 6, Some((1122, 3344)), "1:wCb3OG7yAFWelaUydu0D+125CLM="),
            (0, a, b, 17, Some((1122, 3344)), "1:0Mu9InQx6z4ZiCZM/7HXi2WMhOg="),
            (0, a, b, 132, Some((1122, 3344)), "1:EKt4MsxuyaE6mL+hmrEkQ9csDD8="),
            (0, a, b, 46, None, "1:ikv3kmf89luf73WPz1jOs49S768="),
            (0, a6, b6, 46, None, "1:wQ/2mwrnXP4lmJcHdGL5ePjR+e0="),
            (1, a, b, 6, Some((1122, 3344)), "1:HhA1B+6CoLbiKPEs5nhNYN4XWfk="),
            (1, a, b, 17, Some((1122, 3344)), "1:OShq+iKDAMVouh/4bMxB9Sz4amw="),
            (1, a, b, 132, Some((1122, 3344)), "1:uitchpn5MMGAQKBJh7bIr/bAr7s="),
            (1, a, b, 46, None, "1:/buhqeOmaRCopOZFy9HnoJd5XW8="),
            (1, a6, b6, 46, None, "1:j6EyyfBzL4vWKHFXgUqb5Az3OxM="),
        ];
        for (seed, src, dst, proto, ports, want) in cases {
            assert_eq!(
                community_id(seed, src, dst, proto, ports).as_deref(),
                Some(want),
                "{src} → {dst} {proto}"
            );
            let back = ports.map(|(s, d)| (d, s));
            assert_eq!(
                community_id(seed, dst, src, proto, back).as_deref(),
                Some(want),
                "{dst} → {src} {proto}"
            );
        }
        assert_eq!(community_id(0, a, a6, 6, Some((1, 2))), None, "mixed families");
    }
}
