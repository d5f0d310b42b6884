//! TLS: what the STARTTLS, X-ANONYMOUSTLS or implicit-TLS part of a session shows — the
//! handshake, its certificates and alerts — and, given keys, the dialogue inside.
//!
//! A sibling of [`crate::smtp`] with the same shape: pure parsers, per-connection state, owned
//! records out, no printing. The SMTP decoder hands a [`TlsSession`] the bytes after the 220 to
//! STARTTLS (or from the first byte of an implicit-TLS connection) and takes back the decrypted
//! application data, which it decodes like any clear dialogue.
//!
//! - [`record`]: record framing across segments; [`handshake`]: message reassembly;
//! - [`hello`]: ClientHello/ServerHello/HelloRetryRequest/CertificateRequest facts (tls-parser);
//! - [`cert`]: certificate chains and X.509 facts (x509-parser), host-name matching;
//! - [`keylog`]: NSS key log files; [`rsa_kx`]: server RSA keys and the pre-master secret;
//!   [`keys`]: the key material of a run;
//! - [`schedule`]: PRFs and key schedules; [`cipher`]: record decryption (RustCrypto);
//! - [`session`]: the per-connection state machine; [`facts`]: its product; [`names`]: code
//!   point names.
//!
//! The wire facts are in `TLS.md` of the design notes, each checked against its RFC. Must not:
//! know SMTP, judge what the facts mean for mail flow (rules do), read files, or print.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

pub mod cert;
pub mod cipher;
pub mod facts;
pub mod handshake;
pub mod hello;
pub mod keylog;
pub mod keys;
pub mod names;
pub mod record;
pub mod rsa_kx;
pub mod schedule;
pub mod session;
#[cfg(test)]
mod testing;

pub use facts::TlsFacts;
pub use keylog::KeyLog;
pub use keys::TlsKeys;
pub use session::{Plaintext, TlsSession};

/// Whether `bytes` start a TLS ClientHello: a handshake record (`16 03 0x LL LL`) whose first
/// message is a ClientHello (`01`), or an SSL 2.0-compatible hello (high bit set, message type
/// `01` in the third byte). `None`: too few bytes to tell.
///
/// The recogniser for implicit TLS on any port: cheap, and wrong only for data that imitates a
/// TLS record header byte for byte.
pub fn looks_like_client_hello(bytes: &[u8]) -> Option<bool> {
    let first = *bytes.first()?;
    if first & 0x80 != 0 {
        let third = *bytes.get(2)?;
        return Some(third == 0x01);
    }
    if first != record::content::HANDSHAKE {
        return Some(false);
    }
    if *bytes.get(1)? != 0x03 {
        return Some(false);
    }
    if *bytes.get(2)? > 0x04 {
        return Some(false);
    }
    Some(*bytes.get(5)? == handshake::kind::CLIENT_HELLO)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_hello_recognition() {
        assert_eq!(looks_like_client_hello(b""), None);
        assert_eq!(looks_like_client_hello(&[0x16, 0x03]), None);
        assert_eq!(
            looks_like_client_hello(&[0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00]),
            Some(true)
        );
        assert_eq!(
            looks_like_client_hello(&[0x16, 0x03, 0x01, 0x02, 0x00, 0x02]),
            Some(false)
        );
        assert_eq!(looks_like_client_hello(b"EHLO x\r\n"), Some(false));
        assert_eq!(looks_like_client_hello(&[0x80, 0x2e, 0x01, 0x03]), Some(true));
        assert_eq!(looks_like_client_hello(&[0x16, 0x03, 0x09, 0, 0, 1]), Some(false));
        assert_eq!(looks_like_client_hello(b"220 mail ESMTP\r\n"), Some(false));
    }
}
