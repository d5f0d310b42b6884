//! Key schedules: from a session's secret to its record keys.
//!
//! Owns the TLS ≤ 1.2 PRF (RFC 5246 §5 with P_SHA256 or P_SHA384; RFC 2246 §5, P_MD5 ⊕ P_SHA1 over
//! the two halves of the secret, for TLS 1.0 and 1.1), the master secret from a pre-master secret
//! (RFC 5246 §8.1) or with the extended master secret (RFC 7627 §4, over the session hash of
//! RFC 7627 §3), the key block (RFC 5246 §6.3), and TLS 1.3's HKDF-Expand-Label with the traffic
//! key, IV and key-update derivations (RFC 8446 §7.1–7.3). Built on RustCrypto's `hmac`, `hkdf`,
//! `md-5`, `sha1` and `sha2`. Pure. Must not: touch records or know which session it serves.

use hkdf::Hkdf;
use hmac::digest::core_api::BlockSizeUser;
use hmac::digest::{Digest, FixedOutputReset, KeyInit};
use hmac::{Mac, SimpleHmac};
use md5::Md5;
use sha1::Sha1;
use sha2::{Sha256, Sha384};

/// The hash of a TLS ≤ 1.2 PRF.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrfHash {
    /// TLS 1.0 and 1.1: P_MD5 ⊕ P_SHA1.
    Md5Sha1,
    /// TLS 1.2, most suites.
    Sha256,
    /// TLS 1.2 suites that name SHA-384.
    Sha384,
}

/// P_hash of RFC 5246 §5: HMAC(secret, A(i) + seed) for A(1), A(2), … until `out` is full.
fn p_hash<D>(secret: &[u8], seed: &[&[u8]], out: &mut [u8])
where
    D: Digest + BlockSizeUser + FixedOutputReset + Clone,
{
    // SimpleHmac takes keys of any length, so the fallback is never used.
    let Ok(keyed) = <SimpleHmac<D> as KeyInit>::new_from_slice(secret) else {
        return;
    };
    let hmac = |parts: &[&[u8]]| {
        let mut mac = keyed.clone();
        for part in parts {
            mac.update(part);
        }
        mac.finalize().into_bytes()
    };
    let mut a = hmac(seed);
    for chunk in out.chunks_mut(<D as Digest>::output_size()) {
        let mut parts: Vec<&[u8]> = Vec::with_capacity(seed.len().saturating_add(1));
        parts.push(&a);
        parts.extend_from_slice(seed);
        let block = hmac(&parts);
        for (o, b) in chunk.iter_mut().zip(block.iter()) {
            *o = *b;
        }
        a = hmac(&[&a]);
    }
}

/// PRF(secret, label, seed) truncated to `len` bytes; `seed` is given in parts.
pub fn prf(hash: PrfHash, secret: &[u8], label: &[u8], seed: &[&[u8]], len: usize) -> Vec<u8> {
    let mut full_seed: Vec<&[u8]> = Vec::with_capacity(seed.len().saturating_add(1));
    full_seed.push(label);
    full_seed.extend_from_slice(seed);
    let mut out = vec![0u8; len];
    match hash {
        PrfHash::Sha256 => p_hash::<Sha256>(secret, &full_seed, &mut out),
        PrfHash::Sha384 => p_hash::<Sha384>(secret, &full_seed, &mut out),
        PrfHash::Md5Sha1 => {
            // The halves overlap by one byte when the secret's length is odd (RFC 2246 §5).
            let half = secret.len().div_ceil(2);
            let s1 = secret.get(..half).unwrap_or_default();
            let s2 = secret
                .get(secret.len().saturating_sub(half)..)
                .unwrap_or_default();
            let mut sha = vec![0u8; len];
            p_hash::<Md5>(s1, &full_seed, &mut out);
            p_hash::<Sha1>(s2, &full_seed, &mut sha);
            for (o, s) in out.iter_mut().zip(&sha) {
                *o ^= s;
            }
        }
    }
    out
}

/// The master secret from the pre-master secret and the two randoms (RFC 5246 §8.1).
pub fn master_secret(hash: PrfHash, premaster: &[u8], client_random: &[u8], server_random: &[u8]) -> Vec<u8> {
    prf(
        hash,
        premaster,
        b"master secret",
        &[client_random, server_random],
        48,
    )
}

/// The extended master secret from the pre-master secret and the session hash (RFC 7627 §4).
pub fn extended_master_secret(hash: PrfHash, premaster: &[u8], session_hash: &[u8]) -> Vec<u8> {
    prf(hash, premaster, b"extended master secret", &[session_hash], 48)
}

/// The key block (RFC 5246 §6.3): note the server random comes first here.
pub fn key_block(
    hash: PrfHash,
    master: &[u8],
    client_random: &[u8],
    server_random: &[u8],
    len: usize,
) -> Vec<u8> {
    prf(
        hash,
        master,
        b"key expansion",
        &[server_random, client_random],
        len,
    )
}

/// Running hashes of the handshake messages, for the session hash of RFC 7627 §3 (whose hash is
/// the PRF's: SHA-256/384 for TLS 1.2, MD5 ‖ SHA-1 before).
#[derive(Clone, Debug, Default)]
pub struct SessionHash {
    md5: Md5,
    sha1: Sha1,
    sha256: Sha256,
    sha384: Sha384,
}

impl SessionHash {
    /// Adds one handshake message (header included).
    pub fn update(&mut self, message: &[u8]) {
        Digest::update(&mut self.md5, message);
        Digest::update(&mut self.sha1, message);
        Digest::update(&mut self.sha256, message);
        Digest::update(&mut self.sha384, message);
    }

    /// The session hash so far for `hash`.
    pub fn value(&self, hash: PrfHash) -> Vec<u8> {
        match hash {
            PrfHash::Md5Sha1 => {
                let mut v = self.md5.clone().finalize().to_vec();
                v.extend_from_slice(&self.sha1.clone().finalize());
                v
            }
            PrfHash::Sha256 => self.sha256.clone().finalize().to_vec(),
            PrfHash::Sha384 => self.sha384.clone().finalize().to_vec(),
        }
    }
}

/// The hash of a TLS 1.3 suite.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hash13 {
    /// SHA-256 (TLS_AES_128_GCM_SHA256, TLS_CHACHA20_POLY1305_SHA256).
    Sha256,
    /// SHA-384 (TLS_AES_256_GCM_SHA384).
    Sha384,
}

impl Hash13 {
    /// Output length in bytes.
    pub fn output_len(self) -> usize {
        match self {
            Hash13::Sha256 => 32,
            Hash13::Sha384 => 48,
        }
    }
}

/// HKDF-Expand-Label(secret, label, context, len) of RFC 8446 §7.1 (`tls13 ` is prefixed here).
/// `None` when the secret is shorter than the hash or `len` is out of HKDF's range.
pub fn expand_label(
    hash: Hash13,
    secret: &[u8],
    label: &[u8],
    context: &[u8],
    len: usize,
) -> Option<Vec<u8>> {
    let full_label = u8::try_from(label.len().checked_add(6)?).ok()?;
    let context_len = u8::try_from(context.len()).ok()?;
    let mut info = Vec::with_capacity(
        usize::from(full_label)
            .saturating_add(context.len())
            .saturating_add(4),
    );
    info.extend_from_slice(&u16::try_from(len).ok()?.to_be_bytes());
    info.push(full_label);
    info.extend_from_slice(b"tls13 ");
    info.extend_from_slice(label);
    info.push(context_len);
    info.extend_from_slice(context);
    let mut out = vec![0u8; len];
    match hash {
        Hash13::Sha256 => Hkdf::<Sha256>::from_prk(secret)
            .ok()?
            .expand(&info, &mut out)
            .ok()?,
        Hash13::Sha384 => Hkdf::<Sha384>::from_prk(secret)
            .ok()?
            .expand(&info, &mut out)
            .ok()?,
    }
    Some(out)
}

/// The write key and IV of a traffic secret (RFC 8446 §7.3).
pub fn traffic_key_iv(hash: Hash13, secret: &[u8], key_len: usize) -> Option<(Vec<u8>, [u8; 12])> {
    let key = expand_label(hash, secret, b"key", b"", key_len)?;
    let iv = expand_label(hash, secret, b"iv", b"", 12)?.try_into().ok()?;
    Some((key, iv))
}

/// The next generation of a traffic secret after a KeyUpdate (RFC 8446 §7.2).
pub fn next_traffic_secret(hash: Hash13, secret: &[u8]) -> Option<Vec<u8>> {
    expand_label(hash, secret, b"traffic upd", b"", hash.output_len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tls::testing::unhex;

    #[test]
    fn tls12_prf_sha256_ietf_vector() {
        let out = prf(
            PrfHash::Sha256,
            &unhex("9bbe436ba940f017b17652849a71db35"),
            b"test label",
            &[&unhex("a0ba9f936cda311827a6f796ffd5198c")],
            100,
        );
        assert_eq!(out, unhex("e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff70187347b66"));
    }

    #[test]
    fn tls12_prf_sha384_ietf_vector() {
        let out = prf(
            PrfHash::Sha384,
            &unhex("b80b733d6ceefcdc71566ea48e5567df"),
            b"test label",
            &[&unhex("cd665cf6a8447dd6ff8b27555edb7465")],
            148,
        );
        assert_eq!(out, unhex("7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cde9ca0faa60be9fe34f82b1233c9146a0e534cb400fed2700884f9dc236f80edd8bfa961144c9e8d792eca722a7b32fc3d416d473ebc2c5fd4abfdad05d9184259b5bf8cd4d90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9aee691c8f3a26854308d5eaa3be85e0990703d73e56f"));
    }

    /// TLS 1.0/1.1 PRF, odd and even secret lengths, checked against Python's hmac module.
    #[test]
    fn tls10_prf_halves() {
        let seed: Vec<u8> = (0..64).collect();
        let odd: Vec<u8> = (1..50).collect();
        assert_eq!(
            prf(PrfHash::Md5Sha1, &odd, b"key expansion", &[&seed], 104),
            unhex("257a3ed70186224c47c2bf744e7c40d70a94c88ced313be20146982631bb9af0d931f28cb4b0204ca98525bf75a2398d34909bd4df512c1791c0378f67f02da32e80c8753b1d125b4b44a251076d495eaa01ed05a129549b7f13b2a23b5a71bfdaf1d4cc3fb32303")
        );
        let even: Vec<u8> = (1..49).collect();
        assert_eq!(
            prf(
                PrfHash::Md5Sha1,
                &even,
                b"key expansion",
                &[&seed[..32], &seed[32..]],
                40
            ),
            unhex("7491b5a189db1651a553bcbdecb56137d05e0edf9c434b8603f6d2c459f748f3dc309ea96c859d3b")
        );
    }

    /// RFC 8448 §3: traffic keys and IVs from the handshake and application traffic secrets.
    #[test]
    fn rfc8448_traffic_keys() {
        let cases = [
            (
                "b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38",
                "3fce516009c21727d0f2e4e86ee403bc",
                "5d313eb2671276ee13000b30",
            ),
            (
                "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21",
                "dbfaa693d1762c5b666af5d950258d01",
                "5bd3c71b836e0b76bb73265f",
            ),
            (
                "9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5",
                "17422dda596ed5d9acd890e3c63f5051",
                "5b78923dee08579033e523d9",
            ),
            (
                "a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643",
                "9f02283b6c9c07efc26bb9f2ac92e356",
                "cf782b88dd83549aadf1e984",
            ),
        ];
        for (secret, key, iv) in cases {
            let (k, i) = traffic_key_iv(Hash13::Sha256, &unhex(secret), 16).unwrap();
            assert_eq!((k, i.to_vec()), (unhex(key), unhex(iv)));
        }
        assert_eq!(traffic_key_iv(Hash13::Sha384, &[0; 32], 32), None);
        assert_eq!(
            next_traffic_secret(Hash13::Sha256, &[7; 32]).map(|s| s.len()),
            Some(32)
        );
    }

    #[test]
    fn session_hash_follows_the_prf_hash() {
        let mut h = SessionHash::default();
        h.update(b"abc");
        assert_eq!(h.value(PrfHash::Sha256), Sha256::digest(b"abc").to_vec());
        assert_eq!(h.value(PrfHash::Md5Sha1).len(), 36);
        assert_eq!(h.value(PrfHash::Sha384).len(), 48);
        assert_eq!(
            master_secret(PrfHash::Sha256, &[1; 48], &[2; 32], &[3; 32]).len(),
            48
        );
        assert_eq!(
            key_block(PrfHash::Sha384, &[1; 48], &[2; 32], &[3; 32], 72).len(),
            72
        );
    }
}
