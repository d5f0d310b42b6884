//! Decoding the hello messages and the CertificateRequest into facts, with tls-parser.
//!
//! Owns ClientHello (RFC 5246 §7.4.1.2, RFC 8446 §4.1.2, and the SSL 2.0-compatible form of RFC 5246
//! Appendix E.2), ServerHello and HelloRetryRequest (RFC 8446 §4.1.3: a ServerHello whose random is
//! SHA-256("HelloRetryRequest")), and CertificateRequest (RFC 5246 §7.4.4, RFC 8446 §4.3.2). The
//! message and extension syntax is tls-parser's; what is done here is pick out the facts and keep
//! going when an extension list is damaged: whatever decoded before the damage is kept, and the
//! damage is reported (`malformed`). Pure functions. Must not: keep state or judge.

use crate::message::mime::hex;
use tls_parser::{
    parse_tls_client_hello_extensions, parse_tls_extensions, parse_tls_handshake_certificaterequest,
    parse_tls_handshake_client_hello, parse_tls_handshake_server_hello, parse_tls_server_hello_extensions,
    TlsExtension,
};

use super::facts::{CertificateRequest, ClientHello, HelloRetry, ServerHello, Suite, Version};
use super::handshake::vector;
use super::names::{cert_type_name, group_name, is_grease, sigalg_name};
use crate::smtp::Position;

/// Longest SNI host name or ALPN protocol name kept (DNS names are at most 253 characters).
pub const MAX_NAME: usize = 255;
/// Items kept per offered list (suites, groups, signature algorithms, ALPN, authorities).
pub const MAX_LIST: usize = 128;

/// The HelloRetryRequest random (RFC 8446 §4.1.3).
pub const HRR_RANDOM: [u8; 32] = [
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91, 0xc2,
    0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
];

/// A decoded ClientHello with what the session needs beyond the facts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientHelloMsg {
    /// The facts.
    pub facts: ClientHello,
    /// The client random.
    pub random: [u8; 32],
    /// The legacy session id.
    pub session_id: Vec<u8>,
    /// The session ticket offered for resumption (RFC 5077), empty when none.
    pub ticket: Vec<u8>,
    /// What could not be decoded (the facts hold everything before it).
    pub malformed: Option<String>,
}

/// A decoded ServerHello or HelloRetryRequest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ServerHelloMsg {
    /// A ServerHello.
    Hello {
        /// The facts.
        facts: ServerHello,
        /// The server random.
        random: [u8; 32],
        /// The session id the server chose (or echoed).
        session_id: Vec<u8>,
        /// What could not be decoded.
        malformed: Option<String>,
    },
    /// A TLS 1.3 HelloRetryRequest.
    Retry(HelloRetry),
}

fn name(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes.get(..bytes.len().min(MAX_NAME)).unwrap_or_default()).into_owned()
}

fn capped<T>(iter: impl Iterator<Item = T>) -> Vec<T> {
    iter.take(MAX_LIST).collect()
}

fn random32(bytes: &[u8]) -> [u8; 32] {
    let mut random = [0u8; 32];
    // A shorter SSL 2.0 challenge is right-aligned, zeros before it (RFC 5246 Appendix E.2).
    let n = bytes.len().min(32);
    if let (Some(dst), Some(src)) = (
        random.get_mut(32usize.saturating_sub(n)..),
        bytes.get(bytes.len().saturating_sub(n)..),
    ) {
        dst.copy_from_slice(src);
    }
    random
}

fn remainder_note(what: &str, total: usize, rest: usize) -> Option<String> {
    (rest > 0).then(|| {
        format!(
            "{what}: {rest} of {total} extension bytes do not decode; the extensions before them are kept"
        )
    })
}

/// Decodes a ClientHello body.
///
/// # Errors
/// A sentence saying why the fixed part of the message does not decode.
pub fn decode_client_hello(body: &[u8], at: Position) -> Result<ClientHelloMsg, String> {
    let (_, ch) = parse_tls_handshake_client_hello(body)
        .map_err(|e| format!("ClientHello does not decode ({e:?}) in {} bytes", body.len()))?;
    let mut facts = ClientHello {
        at,
        legacy_version: Version(ch.version.0),
        versions: vec![Version(ch.version.0)],
        suites: capped(ch.ciphers.iter().filter(|c| !is_grease(c.0)).map(|c| Suite(c.0))),
        sni: None,
        alpn: Vec::new(),
        signature_algorithms: Vec::new(),
        groups: Vec::new(),
        resumption_offered: ch.session_id.is_some_and(|s| !s.is_empty()),
        extended_master_secret: false,
        encrypt_then_mac: false,
        early_data: false,
        sslv2_format: false,
        random: hex(ch.random),
    };
    let mut malformed = None;
    let mut ticket = Vec::new();
    if let Some(ext) = ch.ext {
        let (rest, exts) = match parse_tls_client_hello_extensions(ext) {
            Ok(parsed) => parsed,
            Err(_) => (ext, Vec::new()),
        };
        malformed = remainder_note("ClientHello", ext.len(), rest.len());
        for e in &exts {
            match e {
                TlsExtension::SNI(names) => {
                    facts.sni = names.iter().find(|(kind, _)| kind.0 == 0).map(|(_, n)| name(n));
                }
                TlsExtension::ALPN(protocols) => facts.alpn = capped(protocols.iter().map(|p| name(p))),
                TlsExtension::SignatureAlgorithms(algs) => {
                    facts.signature_algorithms = capped(
                        algs.iter()
                            .filter(|a| !is_grease(**a))
                            .map(|a| sigalg_name(*a).into_owned()),
                    );
                }
                TlsExtension::EllipticCurves(groups) => {
                    facts.groups = capped(
                        groups
                            .iter()
                            .filter(|g| !is_grease(g.0))
                            .map(|g| group_name(g.0).into_owned()),
                    );
                }
                TlsExtension::SupportedVersions(versions) => {
                    let offered: Vec<Version> =
                        capped(versions.iter().filter(|v| !is_grease(v.0)).map(|v| Version(v.0)));
                    if !offered.is_empty() {
                        facts.versions = offered;
                    }
                }
                TlsExtension::SessionTicket(offered) if !offered.is_empty() => {
                    facts.resumption_offered = true;
                    ticket = offered.to_vec();
                }
                TlsExtension::PreSharedKey(_) => facts.resumption_offered = true,
                TlsExtension::EarlyData(_) => facts.early_data = true,
                TlsExtension::ExtendedMasterSecret => facts.extended_master_secret = true,
                TlsExtension::EncryptThenMac => facts.encrypt_then_mac = true,
                _ => {}
            }
        }
    }
    Ok(ClientHelloMsg {
        facts,
        random: random32(ch.random),
        session_id: ch.session_id.unwrap_or_default().to_vec(),
        ticket,
        malformed,
    })
}

/// Decodes an SSL 2.0-compatible ClientHello (the message after the two-byte record header:
/// type 1, version, cipher-spec/session-id/challenge lengths, then the three lists).
///
/// # Errors
/// A sentence saying why it does not decode.
pub fn decode_sslv2_hello(body: &[u8], at: Position) -> Result<ClientHelloMsg, String> {
    let bad = || {
        format!(
            "SSL 2.0-compatible ClientHello does not decode in {} bytes",
            body.len()
        )
    };
    let (&[kind, v1, v2, s1, s2, i1, i2, c1, c2], rest) = body.split_first_chunk::<9>().ok_or_else(bad)?;
    if kind != 1 {
        return Err(format!(
            "SSL 2.0 record of message type {kind}, not a ClientHello"
        ));
    }
    let specs_len = usize::from(u16::from_be_bytes([s1, s2]));
    let sid_len = usize::from(u16::from_be_bytes([i1, i2]));
    let challenge_len = usize::from(u16::from_be_bytes([c1, c2]));
    let (specs, rest) = rest.split_at_checked(specs_len).ok_or_else(bad)?;
    let (session_id, rest) = rest.split_at_checked(sid_len).ok_or_else(bad)?;
    let challenge = rest.get(..challenge_len).ok_or_else(bad)?;
    let version = Version(u16::from_be_bytes([v1, v2]));
    // Three-byte cipher specs; those whose first byte is zero are TLS suites.
    let suites = capped(specs.chunks_exact(3).filter_map(|spec| match *spec {
        [0, a, b] => Some(Suite(u16::from_be_bytes([a, b]))),
        _ => None,
    }));
    let random = random32(challenge);
    Ok(ClientHelloMsg {
        facts: ClientHello {
            at,
            legacy_version: version,
            versions: vec![version],
            suites,
            sni: None,
            alpn: Vec::new(),
            signature_algorithms: Vec::new(),
            groups: Vec::new(),
            resumption_offered: !session_id.is_empty(),
            extended_master_secret: false,
            encrypt_then_mac: false,
            early_data: false,
            sslv2_format: true,
            random: hex(&random),
        },
        random,
        session_id: session_id.to_vec(),
        ticket: Vec::new(),
        malformed: None,
    })
}

/// Decodes a ServerHello body; `client_session_id` (the ClientHello's) tells a resumed TLS ≤ 1.2
/// session.
///
/// # Errors
/// A sentence saying why the fixed part does not decode.
pub fn decode_server_hello(
    body: &[u8],
    at: Position,
    client_session_id: &[u8],
) -> Result<ServerHelloMsg, String> {
    let (_, sh) = parse_tls_handshake_server_hello(body)
        .map_err(|e| format!("ServerHello does not decode ({e:?}) in {} bytes", body.len()))?;
    let mut version = Version(sh.version.0);
    let mut alpn = None;
    let mut ems = false;
    let mut etm = false;
    let mut group = None;
    let mut psk = false;
    let mut malformed = None;
    if let Some(ext) = sh.ext {
        let (rest, exts) = match parse_tls_server_hello_extensions(ext) {
            Ok(parsed) => parsed,
            Err(_) => (ext, Vec::new()),
        };
        malformed = remainder_note("ServerHello", ext.len(), rest.len());
        for e in &exts {
            match e {
                TlsExtension::SupportedVersions(v) => {
                    if let Some(v) = v.first() {
                        version = Version(v.0);
                    }
                }
                TlsExtension::ALPN(p) => alpn = p.first().map(|p| name(p)),
                TlsExtension::ExtendedMasterSecret => ems = true,
                // tls-parser 0.12 reads a ServerHello's type 21 (padding) as `EncryptThenMac` and
                // leaves the real encrypt_then_mac, type 22 (RFC 7366), unknown: go by the type.
                TlsExtension::Unknown(kind, _) if kind.0 == 22 => etm = true,
                TlsExtension::KeyShare(share) => {
                    group = share
                        .first_chunk::<2>()
                        .map(|g| group_name(u16::from_be_bytes(*g)).into_owned());
                }
                TlsExtension::PreSharedKey(_) => psk = true,
                _ => {}
            }
        }
    }
    if sh.random == HRR_RANDOM {
        return Ok(ServerHelloMsg::Retry(HelloRetry {
            at,
            suite: Suite(sh.cipher.0),
            group,
        }));
    }
    let session_id = sh.session_id.unwrap_or_default();
    let tls13 = version.rank() >= Version::TLS13.0;
    let resumed = if tls13 {
        psk
    } else {
        !session_id.is_empty() && session_id == client_session_id
    };
    Ok(ServerHelloMsg::Hello {
        facts: ServerHello {
            at,
            version,
            suite: Suite(sh.cipher.0),
            resumed,
            alpn,
            extended_master_secret: ems,
            encrypt_then_mac: etm,
            group,
        },
        random: random32(sh.random),
        session_id: session_id.to_vec(),
        malformed,
    })
}

/// The ticket of a TLS ≤ 1.2 NewSessionTicket body (RFC 5077 §3.3: lifetime hint, then the
/// ticket).
pub fn new_session_ticket(body: &[u8]) -> Option<&[u8]> {
    let (_lifetime, rest) = body.split_at_checked(4)?;
    vector(rest, 2)
        .map(|(ticket, _)| ticket)
        .filter(|t| !t.is_empty())
}

/// Decodes a CertificateRequest body (`tls13`: the TLS 1.3 form, a context and extensions).
///
/// # Errors
/// A sentence saying why it does not decode.
pub fn decode_certificate_request(
    body: &[u8],
    at: Position,
    tls13: bool,
) -> Result<CertificateRequest, String> {
    let bad = || format!("CertificateRequest does not decode in {} bytes", body.len());
    let mut request = CertificateRequest {
        at,
        types: Vec::new(),
        signature_algorithms: Vec::new(),
        authorities: Vec::new(),
        authorities_dropped: 0,
    };
    let mut authorities: Vec<&[u8]> = Vec::new();
    if tls13 {
        let (_context, rest) = vector(body, 1).ok_or_else(bad)?;
        let (exts, _) = vector(rest, 2).ok_or_else(bad)?;
        let (_, exts) = parse_tls_extensions(exts).map_err(|_| bad())?;
        for e in &exts {
            match e {
                TlsExtension::SignatureAlgorithms(algs) => {
                    request.signature_algorithms = capped(algs.iter().map(|a| sigalg_name(*a).into_owned()));
                }
                // certificate_authorities (RFC 8446 §4.2.4): DistinguishedName<1..2^16-1> list.
                TlsExtension::Unknown(kind, data) if kind.0 == 47 => {
                    let (mut list, _) = vector(data, 2).ok_or_else(bad)?;
                    while let Some((dn, rest)) = vector(list, 2) {
                        authorities.push(dn);
                        list = rest;
                    }
                }
                _ => {}
            }
        }
    } else {
        let (_, cr) = parse_tls_handshake_certificaterequest(body).map_err(|_| bad())?;
        request.types = capped(cr.cert_types.iter().map(|t| cert_type_name(*t).into_owned()));
        request.signature_algorithms = capped(
            cr.sig_hash_algs
                .iter()
                .flatten()
                .map(|a| sigalg_name(*a).into_owned()),
        );
        authorities = cr.unparsed_ca;
    }
    request.authorities_dropped =
        u64::try_from(authorities.len().saturating_sub(MAX_LIST)).unwrap_or(u64::MAX);
    request.authorities = capped(authorities.into_iter().map(super::cert::dn_string));
    Ok(request)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::Timestamp;
    use crate::tls::testing::unhex;

    fn at() -> Position {
        Position {
            frame: 1,
            ts: Timestamp::default(),
        }
    }

    /// RFC 8448 §3: the ClientHello message (after the record and handshake headers).
    const RFC8448_CH: &str = "0303cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7000006130113031302010000910000000b0009000006736572766572ff01000100000a00140012001d0017001800190100010101020103010400230000003300260024001d002099381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c002b0003020304000d0020001e040305030603020308040805080604010501060102010402050206020202002d00020101001c00024001";
    /// RFC 8448 §3: the ServerHello message body.
    const RFC8448_SH: &str = "0303a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e2692800130100002e00330024001d0020c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f002b00020304";

    #[test]
    fn rfc8448_client_hello() {
        let ch = decode_client_hello(&unhex(RFC8448_CH), at()).unwrap();
        assert_eq!(ch.malformed, None);
        let f = &ch.facts;
        assert_eq!(f.sni.as_deref(), Some("server"));
        assert_eq!(f.versions, vec![Version::TLS13]);
        assert_eq!(f.legacy_version, Version::TLS12);
        assert_eq!(f.suites, vec![Suite(0x1301), Suite(0x1303), Suite(0x1302)]);
        assert_eq!(
            f.groups[..3],
            ["x25519".to_string(), "secp256r1".into(), "secp384r1".into()]
        );
        assert_eq!(f.signature_algorithms[0], "ecdsa_secp256r1_sha256");
        assert_eq!(&f.random[..8], "cb34ecb1");
        assert_eq!(ch.random[0], 0xcb);
        assert!(!f.resumption_offered && !f.early_data && !f.sslv2_format);
    }

    #[test]
    fn rfc8448_server_hello() {
        let ServerHelloMsg::Hello {
            facts,
            random,
            malformed,
            ..
        } = decode_server_hello(&unhex(RFC8448_SH), at(), &[]).unwrap()
        else {
            panic!("not a ServerHello");
        };
        assert_eq!(malformed, None);
        assert_eq!(facts.version, Version::TLS13);
        assert_eq!(facts.suite, Suite(0x1301));
        assert_eq!(facts.group.as_deref(), Some("x25519"));
        assert!(!facts.resumed);
        assert_eq!(random[..2], [0xa6, 0xaf]);
    }

    #[test]
    fn hello_retry_request_is_told_by_its_random() {
        let mut body = vec![3, 3];
        body.extend_from_slice(&HRR_RANDOM);
        body.extend_from_slice(&[0, 0x13, 0x01, 0, 0, 12, 0, 0x2b, 0, 2, 3, 4, 0, 0x33, 0, 2, 0, 23]);
        let ServerHelloMsg::Retry(hrr) = decode_server_hello(&body, at(), &[]).unwrap() else {
            panic!("not an HRR");
        };
        assert_eq!(hrr.suite, Suite(0x1301));
        assert_eq!(hrr.group.as_deref(), Some("secp256r1"));
    }

    #[test]
    fn damaged_extensions_keep_what_came_before() {
        let mut body = unhex(RFC8448_CH);
        // Cut the last extension short by shrinking the message: the list length now overruns.
        body.truncate(body.len() - 3);
        let n = body.len();
        let ext_len = 0x91 - 3;
        let pos = n - ext_len - 2;
        body[pos] = 0;
        body[pos + 1] = ext_len as u8;
        let ch = decode_client_hello(&body, at()).unwrap();
        assert_eq!(ch.facts.sni.as_deref(), Some("server"));
        assert!(ch.malformed.is_some());
    }

    #[test]
    fn truncated_client_hello_is_an_error_at_every_length() {
        let body = unhex(RFC8448_CH);
        for cut in 0..40 {
            assert!(decode_client_hello(&body[..cut], at()).is_err(), "cut {cut}");
        }
        for cut in 40..body.len() {
            let _ = decode_client_hello(&body[..cut], at());
        }
    }

    #[test]
    fn sslv2_compatible_hello() {
        // Version 3.1, three specs (RC4-MD5 as TLS, an SSL 2 spec, 3DES-SHA), no session id,
        // a 16-byte challenge.
        let mut body = vec![1, 3, 1, 0, 9, 0, 0, 0, 16, 0, 0, 4, 1, 0, 0x80, 0, 0, 0x0a];
        body.extend(1..=16u8);
        let ch = decode_sslv2_hello(&body, at()).unwrap();
        assert_eq!(ch.facts.suites, vec![Suite(0x0004), Suite(0x000a)]);
        assert_eq!(ch.facts.legacy_version, Version::TLS10);
        assert!(ch.facts.sslv2_format);
        assert_eq!(ch.random[..16], [0; 16]);
        assert_eq!(ch.random[16..], (1..=16u8).collect::<Vec<_>>()[..]);
        for cut in 0..body.len() {
            assert!(decode_sslv2_hello(&body[..cut], at()).is_err(), "cut {cut}");
        }
    }

    #[test]
    fn certificate_request_both_forms() {
        // TLS 1.2: types rsa_sign + ecdsa_sign, two signature algorithms, no authorities.
        let body = [2, 1, 64, 0, 4, 4, 1, 4, 3, 0, 0];
        let cr = decode_certificate_request(&body, at(), false).unwrap();
        assert_eq!(cr.types, ["rsa_sign", "ecdsa_sign"]);
        assert_eq!(
            cr.signature_algorithms,
            ["rsa_pkcs1_sha256", "ecdsa_secp256r1_sha256"]
        );
        // TLS 1.3: empty context, signature_algorithms extension.
        let body = [0, 0, 8, 0, 13, 0, 4, 0, 2, 8, 4];
        let cr = decode_certificate_request(&body, at(), true).unwrap();
        assert_eq!(cr.signature_algorithms, ["rsa_pss_rsae_sha256"]);
        assert!(decode_certificate_request(&[0], at(), true).is_err());
    }
}
