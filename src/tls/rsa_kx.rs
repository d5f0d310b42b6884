//! RSA key exchange with the server's private key: the way an administrator decrypts TLS 1.0–1.2
//! sessions of a server whose key they hold (SChannel on Exchange 2003 negotiates RSA suites).
//!
//! Owns reading PEM private keys (PKCS#1 `RSA PRIVATE KEY` and PKCS#8 `PRIVATE KEY`, several per
//! file) with the `rsa` crate, choosing the key whose modulus is the server certificate's, and
//! recovering the 48-byte pre-master secret from the ClientKeyExchange (RFC 5246 §7.4.7.1: PKCS#1
//! v1.5, length-prefixed from TLS 1.0 on). (EC)DHE sessions cannot be decrypted with a server key;
//! only a key log helps, and the session says so. Pure: the caller reads the files. Must not:
//! print or log key material.

use std::fmt;

use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs8::DecodePrivateKey;
use rsa::traits::PublicKeyParts;
use rsa::{Pkcs1v15Encrypt, RsaPrivateKey};

/// A server's RSA private key.
pub struct ServerKey {
    /// Where it came from (file name and position), for reports.
    pub name: String,
    key: RsaPrivateKey,
    modulus: Vec<u8>,
}

impl fmt::Debug for ServerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerKey")
            .field("name", &self.name)
            .field("bits", &self.bits())
            .finish_non_exhaustive()
    }
}

impl ServerKey {
    /// The modulus size in bits.
    pub fn bits(&self) -> usize {
        self.key.size().saturating_mul(8)
    }

    /// Whether this key's modulus is `modulus` (big-endian, leading zeros stripped).
    pub fn matches(&self, modulus: &[u8]) -> bool {
        self.modulus == modulus
    }

    /// Decrypts a ClientKeyExchange body into the 48-byte pre-master secret; `None` when the key
    /// does not fit (wrong key, damaged message, or a padding error).
    pub fn premaster(&self, client_key_exchange: &[u8], version: u16) -> Option<Vec<u8>> {
        let encrypted = encrypted_premaster(client_key_exchange, version)?;
        let pms = self.key.decrypt(Pkcs1v15Encrypt, encrypted).ok()?;
        (pms.len() == 48).then_some(pms)
    }
}

/// The encrypted pre-master secret of an RSA ClientKeyExchange (SSL 3.0 sends it bare, TLS with a
/// two-byte length).
pub fn encrypted_premaster(body: &[u8], version: u16) -> Option<&[u8]> {
    if version <= 0x0300 {
        return (!body.is_empty()).then_some(body);
    }
    let (len, rest) = body.split_first_chunk::<2>()?;
    rest.get(..usize::from(u16::from_be_bytes(*len)))
}

/// Reads every RSA private key of a PEM text named `source`.
///
/// # Errors
/// A sentence when the text holds no usable RSA key (a block that does not decode is named).
pub fn parse_pem(text: &str, source: &str) -> Result<Vec<ServerKey>, String> {
    let mut keys = Vec::new();
    let mut problems = Vec::new();
    let mut rest = text;
    let mut index = 0usize;
    while let Some(start) = rest.find("-----BEGIN ") {
        let block_and_after = rest.get(start..).unwrap_or_default();
        let Some(end_marker) = block_and_after.find("-----END ") else {
            problems.push("a BEGIN line without its END line".to_string());
            break;
        };
        let after_end = block_and_after.get(end_marker..).unwrap_or_default();
        let end = after_end.find('\n').map_or(block_and_after.len(), |n| {
            end_marker.saturating_add(n).saturating_add(1)
        });
        let block = block_and_after.get(..end).unwrap_or_default();
        rest = block_and_after.get(end..).unwrap_or_default();
        index = index.saturating_add(1);
        let label = block.lines().next().unwrap_or_default().trim();
        let key = match label {
            "-----BEGIN RSA PRIVATE KEY-----" => {
                RsaPrivateKey::from_pkcs1_pem(block).map_err(|e| e.to_string())
            }
            "-----BEGIN PRIVATE KEY-----" => RsaPrivateKey::from_pkcs8_pem(block).map_err(|e| e.to_string()),
            _ => continue, // certificates and other blocks that may share the file
        };
        match key {
            Ok(key) => {
                let modulus = key.n().to_bytes_be();
                keys.push(ServerKey {
                    name: if index == 1 {
                        source.to_string()
                    } else {
                        format!("{source} (block {index})")
                    },
                    key,
                    modulus,
                });
            }
            Err(e) => problems.push(format!("block {index} is not an RSA private key ({e})")),
        }
    }
    if keys.is_empty() {
        let why = if problems.is_empty() {
            "no RSA PRIVATE KEY or PRIVATE KEY block".to_string()
        } else {
            problems.join("; ")
        };
        return Err(format!("{source}: {why}"));
    }
    Ok(keys)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rsa::pkcs1::EncodeRsaPrivateKey;
    use rsa::pkcs8::EncodePrivateKey;
    use rsa::RsaPublicKey;

    fn key() -> RsaPrivateKey {
        // A small deterministic key for the test (512 bits is enough to exercise the padding).
        let mut rng = rand_chacha_seed();
        RsaPrivateKey::new(&mut rng, 512).unwrap()
    }

    fn rand_chacha_seed() -> rand::rngs::StdRng {
        use rand::SeedableRng;
        rand::rngs::StdRng::seed_from_u64(7)
    }

    #[test]
    fn pkcs1_and_pkcs8_blocks_and_the_premaster_secret() {
        let k = key();
        let pkcs1 = k.to_pkcs1_pem(Default::default()).unwrap();
        let pkcs8 = k.to_pkcs8_pem(Default::default()).unwrap();
        let text = format!(
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n{}{}",
            &*pkcs1, &*pkcs8
        );
        let keys = parse_pem(&text, "server.key").unwrap();
        assert_eq!(keys.len(), 2);
        assert_eq!(keys[0].bits(), 512);
        assert!(keys[0].matches(&k.n().to_bytes_be()));
        assert!(keys[1].name.contains("block 3"));
        let pms: Vec<u8> = (0..48).collect();
        let enc = RsaPublicKey::from(&k)
            .encrypt(&mut rand_chacha_seed(), Pkcs1v15Encrypt, &pms)
            .unwrap();
        let mut cke = (enc.len() as u16).to_be_bytes().to_vec();
        cke.extend(&enc);
        assert_eq!(keys[0].premaster(&cke, 0x0303), Some(pms.clone()));
        assert_eq!(keys[0].premaster(&enc, 0x0300), Some(pms));
        assert_eq!(keys[0].premaster(&cke[..20], 0x0303), None);
        assert_eq!(keys[0].premaster(&[0, 3, 1, 2, 3], 0x0303), None);
    }

    #[test]
    fn files_without_a_key_are_refused_with_a_reason() {
        assert!(parse_pem("hello", "x.pem")
            .unwrap_err()
            .contains("no RSA PRIVATE KEY"));
        let bad = "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n";
        assert!(parse_pem(bad, "y.pem").unwrap_err().contains("block 1"));
        assert!(parse_pem("-----BEGIN PRIVATE KEY-----\nAAAA", "z.pem").is_err());
    }
}
