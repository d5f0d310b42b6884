//! Certificates: the Certificate message's chain, each entry decoded with x509-parser, and the
//! host-name check of RFC 6125.
//!
//! Owns the chain syntax of both versions (TLS ≤ 1.2: `ASN.1Cert certificate_list<0..2^24-1>`,
//! RFC 5246 §7.4.2; TLS 1.3: a request context, then entries with their own extensions, RFC 8446
//! §4.4.2), read by hand so that a truncated chain still yields the certificates before the cut;
//! the facts of one certificate (subject, SAN dNSNames, issuer, serial, validity, key type and size,
//! signature algorithm, self-signed or not, SHA-256 fingerprint) from x509-parser; and
//! [`name_matches`]. Pure. Must not: decide whether a certificate is acceptable (rules do, at the
//! capture's time).

use crate::message::mime::hex;
use sha2::{Digest, Sha256};
use x509_parser::prelude::{FromDer, GeneralName, ParsedExtension, X509Certificate, X509Name};
use x509_parser::public_key::PublicKey;

use super::facts::Certificate;
use super::handshake::vector;
use crate::time::Timestamp;

/// Certificates kept per chain.
pub const MAX_CHAIN: usize = 16;
/// subjectAltName dNSName entries kept per certificate.
pub const MAX_SAN: usize = 100;

/// A chain as the Certificate message carried it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Chain<'a> {
    /// The DER of each certificate, leaf first.
    pub certificates: Vec<&'a [u8]>,
    /// What went wrong, when the list does not decode to its end.
    pub truncated: Option<String>,
}

/// Splits a Certificate message body into its certificates (`tls13`: the TLS 1.3 form).
pub fn parse_chain(body: &[u8], tls13: bool) -> Chain<'_> {
    let mut chain = Chain::default();
    let list = if tls13 {
        vector(body, 1).and_then(|(_context, rest)| vector(rest, 3))
    } else {
        vector(body, 3)
    };
    let Some((mut list, _)) = list else {
        chain.truncated = Some(format!(
            "the certificate list's length does not fit the {}-byte message",
            body.len()
        ));
        return chain;
    };
    while !list.is_empty() {
        let Some((der, rest)) = vector(list, 3) else {
            chain.truncated = Some(format!(
                "certificate {} is cut short: its length runs past the list's end",
                chain.certificates.len().saturating_add(1)
            ));
            break;
        };
        chain.certificates.push(der);
        list = rest;
        if tls13 {
            match vector(list, 2) {
                Some((_extensions, rest)) => list = rest,
                None => {
                    chain.truncated = Some("a certificate entry's extensions are cut short".into());
                    break;
                }
            }
        }
    }
    chain
}

/// A distinguished name as an RFC 4514-style string (or a note when it does not decode).
pub fn dn_string(der: &[u8]) -> String {
    match X509Name::from_der(der) {
        Ok((_, name)) => name.to_string(),
        Err(_) => format!("<{} bytes that are not a distinguished name>", der.len()),
    }
}

fn key_facts(cert: &X509Certificate<'_>) -> (String, Option<u32>) {
    let spki = cert.public_key();
    let bits = |n: usize| u32::try_from(n).ok().filter(|b| *b > 0);
    match spki.parsed() {
        Ok(PublicKey::RSA(rsa)) => ("RSA".into(), bits(rsa.key_size())),
        Ok(PublicKey::EC(ec)) => ("EC".into(), bits(ec.key_size())),
        Ok(PublicKey::DSA(y)) => ("DSA".into(), bits(y.len().saturating_mul(8))),
        Ok(PublicKey::GostR3410(_) | PublicKey::GostR3410_2012(_)) => ("GOST".into(), None),
        Ok(PublicKey::Unknown(_)) | Err(_) => {
            let oid = spki.algorithm.algorithm.to_id_string();
            let name = match oid.as_str() {
                "1.3.101.112" => "Ed25519",
                "1.3.101.113" => "Ed448",
                _ => return (oid, None),
            };
            (name.into(), None)
        }
    }
}

fn algorithm_name(cert: &X509Certificate<'_>) -> String {
    let oid = &cert.signature_algorithm.algorithm;
    x509_parser::objects::oid2sn(oid, x509_parser::objects::oid_registry())
        .map(str::to_string)
        .unwrap_or_else(|_| oid.to_id_string())
}

/// Decodes one certificate's facts. A DER that does not decode still gets its size, fingerprint
/// and `error`.
pub fn describe(der: &[u8]) -> Certificate {
    let mut facts = Certificate {
        sha256: hex(&Sha256::digest(der)),
        size: der.len(),
        ..Certificate::default()
    };
    let cert = match X509Certificate::from_der(der) {
        Ok((_, cert)) => cert,
        Err(e) => {
            facts.error = Some(format!("not an X.509 certificate: {e}"));
            return facts;
        }
    };
    facts.subject = cert.subject().to_string();
    facts.issuer = cert.issuer().to_string();
    facts.common_name = cert
        .subject()
        .iter_common_name()
        .next()
        .and_then(|cn| cn.as_str().ok())
        .map(str::to_string);
    facts.serial = cert.raw_serial_as_string();
    facts.not_before = Some(Timestamp::new(cert.validity().not_before.timestamp(), 0));
    facts.not_after = Some(Timestamp::new(cert.validity().not_after.timestamp(), 0));
    (facts.key, facts.key_bits) = key_facts(&cert);
    facts.signature_algorithm = algorithm_name(&cert);
    let mut subject_key = None;
    let mut authority_key = None;
    for ext in cert.extensions() {
        match ext.parsed_extension() {
            ParsedExtension::SubjectAlternativeName(san) => {
                for name in &san.general_names {
                    if let GeneralName::DNSName(dns) = name {
                        if facts.san.len() < MAX_SAN {
                            facts.san.push((*dns).to_string());
                        } else {
                            facts.san_dropped = facts.san_dropped.saturating_add(1);
                        }
                    }
                }
            }
            ParsedExtension::BasicConstraints(bc) => facts.ca = bc.ca,
            ParsedExtension::SubjectKeyIdentifier(id) => subject_key = Some(id.0),
            ParsedExtension::AuthorityKeyIdentifier(aki) => {
                authority_key = aki.key_identifier.as_ref().map(|id| id.0);
            }
            _ => {}
        }
    }
    let same_name = cert.subject().as_raw() == cert.issuer().as_raw();
    let same_key = match (subject_key, authority_key) {
        (Some(s), Some(a)) => s == a,
        _ => true,
    };
    facts.self_signed = same_name && same_key;
    facts
}

/// The RSA modulus of a certificate's public key (big-endian, no leading zeros), to find the
/// server's private key among those given.
pub fn rsa_modulus(der: &[u8]) -> Option<Vec<u8>> {
    let (_, cert) = X509Certificate::from_der(der).ok()?;
    match cert.public_key().parsed().ok()? {
        PublicKey::RSA(rsa) => {
            let start = rsa
                .modulus
                .iter()
                .position(|b| *b != 0)
                .unwrap_or(rsa.modulus.len());
            Some(rsa.modulus.get(start..)?.to_vec())
        }
        _ => None,
    }
}

/// Whether `host` is a name of `cert` (RFC 6125 §6.4): its subjectAltName dNSNames, or its CN
/// only when it has no dNSName; case-insensitive, a trailing dot ignored, and a wildcard only as
/// the whole left-most label, standing for exactly one label.
pub fn name_matches(cert: &Certificate, host: &str) -> bool {
    let host = normalise(host);
    if host.is_empty() {
        return false;
    }
    let names: Vec<&str> = if cert.san.is_empty() {
        cert.common_name.iter().map(String::as_str).collect()
    } else {
        cert.san.iter().map(String::as_str).collect()
    };
    names
        .into_iter()
        .any(|name| pattern_matches(&normalise(name), &host))
}

fn normalise(name: &str) -> String {
    name.trim().trim_end_matches('.').to_ascii_lowercase()
}

fn pattern_matches(pattern: &str, host: &str) -> bool {
    match pattern.strip_prefix("*.") {
        Some(rest) if !rest.is_empty() && rest.contains('.') => match host.split_once('.') {
            Some((label, host_rest)) => !label.is_empty() && host_rest == rest,
            None => false,
        },
        _ => pattern == host,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::tls::testing::unhex;

    /// The RFC 8448 server certificate (CN "rsa", 1024-bit RSA, 2016-07-30 to 2026-07-30).
    pub(crate) const RFC8448_CERT: &str = "308201ac30820115a003020102020102300d06092a864886f70d01010b0500300e310c300a06035504031303727361301e170d3136303733303031323335395a170d3236303733303031323335395a300e310c300a0603550403130372736130819f300d06092a864886f70d010101050003818d0030818902818100b4bb498f8279303d980836399b36c6988c0c68de55e1bdb826d3901a2461eafd2de49a91d015abbc9a95137ace6c1af19eaa6af98c7ced43120998e187a80ee0ccb0524b1b018c3e0b63264d449a6d38e22a5fda430846748030530ef0461c8ca9d9efbfae8ea6d1d03e2bd193eff0ab9a8002c47428a6d35a8d88d79f7f1e3f0203010001a31a301830090603551d1304023000300b0603551d0f0404030205a0300d06092a864886f70d01010b05000381810085aad2a0e5b9276b908c65f73a7267170618a54c5f8a7b337d2df7a594365417f2eae8f8a58c8f8172f9319cf36b7fd6c55b80f21a03015156726096fd335e5e67f2dbf102702e608ccae6bec1fc63a42a99be5c3eb7107c3c54e9b9eb2bd5203b1c3b84e0a8b2f759409ba3eac9d91d402dcc0cc8f8961229ac9187b42b4de1";

    #[test]
    fn rfc8448_certificate_facts() {
        let c = describe(&unhex(RFC8448_CERT));
        assert_eq!(c.error, None);
        assert_eq!(c.subject, "CN=rsa");
        assert_eq!(c.common_name.as_deref(), Some("rsa"));
        assert!(c.san.is_empty());
        assert_eq!((c.key.as_str(), c.key_bits), ("RSA", Some(1024)));
        assert_eq!(c.signature_algorithm, "sha256WithRSAEncryption");
        assert!(c.self_signed && !c.ca);
        assert_eq!(c.serial, "02");
        assert_eq!(c.not_before.unwrap().to_string(), "2016-07-30T01:23:59.000000Z");
        assert_eq!(c.not_after.unwrap().to_string(), "2026-07-30T01:23:59.000000Z");
        assert_eq!(c.size, 0x1b0);
        assert_eq!(rsa_modulus(&unhex(RFC8448_CERT)).map(|m| m.len()), Some(128));
    }

    #[test]
    fn garbage_is_described_not_decoded() {
        let c = describe(b"\x30\x03\x02\x01");
        assert!(c.error.is_some());
        assert_eq!(c.size, 4);
        assert_eq!(c.sha256.len(), 64);
    }

    #[test]
    fn chains_of_both_versions_and_truncated_ones() {
        let cert = unhex(RFC8448_CERT);
        let n = cert.len();
        let entry = |c: &[u8]| {
            let mut v = vec![0, (c.len() >> 8) as u8, c.len() as u8];
            v.extend_from_slice(c);
            v
        };
        let mut list = entry(&cert);
        list.extend(entry(b"xyz"));
        let mut body12 = vec![0, (list.len() >> 8) as u8, list.len() as u8];
        body12.extend(&list);
        let chain = parse_chain(&body12, false);
        assert_eq!(chain.certificates.len(), 2);
        assert_eq!(chain.certificates[0].len(), n);
        assert_eq!(chain.truncated, None);
        // TLS 1.3: empty context, one entry with empty extensions.
        let mut list13 = entry(&cert);
        list13.extend([0, 0]);
        let mut body13 = vec![0, 0, (list13.len() >> 8) as u8, list13.len() as u8];
        body13.extend(&list13);
        let chain = parse_chain(&body13, true);
        assert_eq!((chain.certificates.len(), chain.truncated), (1, None));
        // A chain whose second entry claims more than the list holds: the first is kept.
        let mut cut = body12.clone();
        let second = 3 + 3 + n;
        cut[second + 2] = 0xff;
        let chain = parse_chain(&cut, false);
        assert_eq!(chain.certificates.len(), 1);
        assert!(chain.truncated.is_some());
        // Every prefix: no panic, never more certificates than there are.
        for len in 0..body12.len() {
            assert!(parse_chain(&body12[..len], false).certificates.len() <= 2);
        }
    }

    #[test]
    fn host_names_per_rfc_6125() {
        let cert = Certificate {
            common_name: Some("ignored.example.com".into()),
            san: vec!["mail.contoso.com".into(), "*.hub.contoso.com".into()],
            ..Certificate::default()
        };
        assert!(name_matches(&cert, "MAIL.contoso.com."));
        assert!(name_matches(&cert, "ex1.hub.contoso.com"));
        assert!(!name_matches(&cert, "a.b.hub.contoso.com"));
        assert!(!name_matches(&cert, "hub.contoso.com"));
        assert!(!name_matches(&cert, "ignored.example.com"));
        assert!(!name_matches(&cert, ""));
        let cn_only = Certificate {
            common_name: Some("ex2.contoso.com".into()),
            ..Certificate::default()
        };
        assert!(name_matches(&cn_only, "ex2.contoso.com"));
        let bad_wildcard = Certificate {
            san: vec!["*.com".into(), "*".into()],
            ..Certificate::default()
        };
        assert!(!name_matches(&bad_wildcard, "contoso.com"));
    }
}
