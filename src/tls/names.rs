//! Names of TLS code points, as the RFCs and the IANA registries spell them.
//!
//! Owns the small tables a report needs: protocol versions (RFC 6101, 2246, 4346, 5246, 8446),
//! alert descriptions (RFC 5246 §7.2, RFC 8446 §6), named groups (RFC 8422, 7919, 8446 §4.2.7),
//! signature schemes (RFC 8446 §4.2.3) and handshake message types. Cipher suite names come from
//! tls-parser's IANA table ([`suite_name`]); the rest are written out here because tls-parser names
//! them in CamelCase and the report must use the RFCs' own words. Unknown values print as hex.
//! Must not: judge what a value means for the session (rules do).

use std::borrow::Cow;

/// Whether a 16-bit value is a GREASE value (RFC 8701: `0x?A?A` with both bytes equal).
pub fn is_grease(value: u16) -> bool {
    value & 0x0f0f == 0x0a0a && value >> 8 == value & 0xff
}

/// A protocol version: `SSL 3.0`, `TLS 1.2`, … (`0x7f1c` drafts as `TLS 1.3 draft 28`).
pub fn version_name(version: u16) -> Cow<'static, str> {
    Cow::Borrowed(match version {
        0x0002 => "SSL 2.0",
        0x0300 => "SSL 3.0",
        0x0301 => "TLS 1.0",
        0x0302 => "TLS 1.1",
        0x0303 => "TLS 1.2",
        0x0304 => "TLS 1.3",
        v if v >> 8 == 0x7f => return Cow::Owned(format!("TLS 1.3 draft {}", v & 0xff)),
        v if is_grease(v) => "GREASE",
        v => return Cow::Owned(format!("0x{v:04x}")),
    })
}

/// A cipher suite's IANA name (`TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256`), or its value in hex.
pub fn suite_name(id: u16) -> Cow<'static, str> {
    match tls_parser::TlsCipherSuite::from_id(id) {
        Some(suite) => Cow::Borrowed(suite.name),
        None => match id {
            0x00ff => Cow::Borrowed("TLS_EMPTY_RENEGOTIATION_INFO_SCSV"),
            0x5600 => Cow::Borrowed("TLS_FALLBACK_SCSV"),
            v if is_grease(v) => Cow::Borrowed("GREASE"),
            v => Cow::Owned(format!("0x{v:04x}")),
        },
    }
}

/// The code of a cipher suite's IANA name (the reverse of [`suite_name`]).
pub fn suite_id(name: &str) -> Option<u16> {
    tls_parser::TlsCipherSuite::from_name(name).map(|s| s.id.0)
}

/// An alert level: `warning` (1) or `fatal` (2).
pub fn alert_level_name(level: u8) -> Cow<'static, str> {
    match level {
        1 => Cow::Borrowed("warning"),
        2 => Cow::Borrowed("fatal"),
        v => Cow::Owned(format!("level {v}")),
    }
}

/// An alert description (`handshake_failure`, `certificate_expired`, …).
pub fn alert_name(description: u8) -> Cow<'static, str> {
    Cow::Borrowed(match description {
        0 => "close_notify",
        10 => "unexpected_message",
        20 => "bad_record_mac",
        21 => "decryption_failed",
        22 => "record_overflow",
        30 => "decompression_failure",
        40 => "handshake_failure",
        41 => "no_certificate",
        42 => "bad_certificate",
        43 => "unsupported_certificate",
        44 => "certificate_revoked",
        45 => "certificate_expired",
        46 => "certificate_unknown",
        47 => "illegal_parameter",
        48 => "unknown_ca",
        49 => "access_denied",
        50 => "decode_error",
        51 => "decrypt_error",
        60 => "export_restriction",
        70 => "protocol_version",
        71 => "insufficient_security",
        80 => "internal_error",
        86 => "inappropriate_fallback",
        90 => "user_canceled",
        100 => "no_renegotiation",
        109 => "missing_extension",
        110 => "unsupported_extension",
        111 => "certificate_unobtainable",
        112 => "unrecognized_name",
        113 => "bad_certificate_status_response",
        114 => "bad_certificate_hash_value",
        115 => "unknown_psk_identity",
        116 => "certificate_required",
        120 => "no_application_protocol",
        v => return Cow::Owned(format!("alert {v}")),
    })
}

/// A named group (elliptic curve or finite-field group) of `supported_groups` / `key_share`.
pub fn group_name(group: u16) -> Cow<'static, str> {
    Cow::Borrowed(match group {
        19 => "secp192r1",
        21 => "secp224r1",
        22 => "secp256k1",
        23 => "secp256r1",
        24 => "secp384r1",
        25 => "secp521r1",
        29 => "x25519",
        30 => "x448",
        256 => "ffdhe2048",
        257 => "ffdhe3072",
        258 => "ffdhe4096",
        259 => "ffdhe6144",
        260 => "ffdhe8192",
        0x11ec => "X25519MLKEM768",
        0x6399 => "X25519Kyber768Draft00",
        v if is_grease(v) => "GREASE",
        v => return Cow::Owned(format!("0x{v:04x}")),
    })
}

/// A signature scheme of `signature_algorithms` (TLS 1.2's hash/signature pairs read the same way).
pub fn sigalg_name(scheme: u16) -> Cow<'static, str> {
    Cow::Borrowed(match scheme {
        0x0101 => "rsa_md5",
        0x0201 => "rsa_pkcs1_sha1",
        0x0202 => "dsa_sha1",
        0x0203 => "ecdsa_sha1",
        0x0301 => "rsa_sha224",
        0x0302 => "dsa_sha224",
        0x0303 => "ecdsa_sha224",
        0x0401 => "rsa_pkcs1_sha256",
        0x0402 => "dsa_sha256",
        0x0403 => "ecdsa_secp256r1_sha256",
        0x0501 => "rsa_pkcs1_sha384",
        0x0502 => "dsa_sha384",
        0x0503 => "ecdsa_secp384r1_sha384",
        0x0601 => "rsa_pkcs1_sha512",
        0x0602 => "dsa_sha512",
        0x0603 => "ecdsa_secp521r1_sha512",
        0x0804 => "rsa_pss_rsae_sha256",
        0x0805 => "rsa_pss_rsae_sha384",
        0x0806 => "rsa_pss_rsae_sha512",
        0x0807 => "ed25519",
        0x0808 => "ed448",
        0x0809 => "rsa_pss_pss_sha256",
        0x080a => "rsa_pss_pss_sha384",
        0x080b => "rsa_pss_pss_sha512",
        v if is_grease(v) => "GREASE",
        v => return Cow::Owned(format!("0x{v:04x}")),
    })
}

/// A client certificate type of a TLS 1.2 CertificateRequest (RFC 5246 §7.4.4, RFC 8422).
pub fn cert_type_name(kind: u8) -> Cow<'static, str> {
    Cow::Borrowed(match kind {
        1 => "rsa_sign",
        2 => "dss_sign",
        3 => "rsa_fixed_dh",
        4 => "dss_fixed_dh",
        64 => "ecdsa_sign",
        65 => "rsa_fixed_ecdh",
        66 => "ecdsa_fixed_ecdh",
        v => return Cow::Owned(format!("type {v}")),
    })
}

/// A handshake message type (RFC 5246 §7.4, RFC 8446 §4).
pub fn handshake_name(kind: u8) -> Cow<'static, str> {
    Cow::Borrowed(match kind {
        0 => "HelloRequest",
        1 => "ClientHello",
        2 => "ServerHello",
        4 => "NewSessionTicket",
        5 => "EndOfEarlyData",
        8 => "EncryptedExtensions",
        11 => "Certificate",
        12 => "ServerKeyExchange",
        13 => "CertificateRequest",
        14 => "ServerHelloDone",
        15 => "CertificateVerify",
        16 => "ClientKeyExchange",
        20 => "Finished",
        22 => "CertificateStatus",
        24 => "KeyUpdate",
        254 => "MessageHash",
        v => return Cow::Owned(format!("handshake type {v}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_rfcs() {
        assert_eq!(version_name(0x0301), "TLS 1.0");
        assert_eq!(version_name(0x0304), "TLS 1.3");
        assert_eq!(version_name(0x7f1c), "TLS 1.3 draft 28");
        assert_eq!(version_name(0x1a1a), "GREASE");
        assert_eq!(version_name(0x0305), "0x0305");
        assert_eq!(alert_name(40), "handshake_failure");
        assert_eq!(alert_name(112), "unrecognized_name");
        assert_eq!(alert_name(200), "alert 200");
        assert_eq!(group_name(29), "x25519");
        assert_eq!(sigalg_name(0x0804), "rsa_pss_rsae_sha256");
        assert_eq!(suite_name(0xc02f), "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assert_eq!(suite_name(0x0005), "TLS_RSA_WITH_RC4_128_SHA");
        assert_eq!(suite_name(0x1301), "TLS_AES_128_GCM_SHA256");
        assert_eq!(suite_name(0x00ff), "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
        assert_eq!(suite_name(0xfafa), "GREASE");
        assert!(is_grease(0x2a2a) && !is_grease(0x2a3a) && !is_grease(0x0a0b));
    }
}
