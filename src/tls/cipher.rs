//! Record protection: turning one direction's protected records back into plaintext with
//! RustCrypto's ciphers.
//!
//! Owns the suite table ([`suite_spec`], read from tls-parser's IANA table), the TLS ≤ 1.2 key
//! block layout (RFC 5246 §6.3) and the per-direction [`Decrypter`] with its sequence number:
//! - AES-GCM (RFC 5288: 4-byte implicit salt + 8-byte explicit nonce, AAD = seq ‖ type ‖ version ‖
//!   length) and ChaCha20-Poly1305 (RFC 7905: IV ⊕ sequence number) for TLS 1.2;
//! - CBC with AES or 3DES and HMAC-MD5/SHA-1/SHA-256/SHA-384, MAC-then-encrypt (RFC 5246 §6.2.3.2)
//!   or encrypt-then-MAC (RFC 7366), with the TLS 1.0 IV chained from the previous record and the
//!   explicit per-record IV of TLS 1.1 and later;
//! - RC4-128 with HMAC-MD5/SHA-1 (a stream across records) and NULL encryption;
//! - TLS 1.3 AEAD (RFC 8446 §5.2–5.3: IV ⊕ sequence number, AAD = the record header, content type
//!   after the plaintext and zero padding) with KeyUpdate (RFC 8446 §7.2).
//!
//! Every check that fails (tag, MAC, padding, length) gives a [`OpenError`] naming what failed; the
//! sequence number still advances, as the sender's did, so one damaged record does not condemn the
//! rest. Not supported (and said so): export suites, CCM, Camellia/ARIA/SEED/IDEA/DES, SSL 3.0's own
//! MAC. Must not: know where keys come from, or what the plaintext means.

use aes::{Aes128, Aes256};
use aes_gcm::aead::AeadInPlace;
use aes_gcm::{Aes128Gcm, Aes256Gcm, KeyInit};
use cbc::cipher::block_padding::NoPadding;
use cbc::cipher::{BlockDecryptMut, InnerIvInit};
use chacha20poly1305::ChaCha20Poly1305;
use des::TdesEde3;
use hmac::{Hmac, Mac};
use md5::Md5;
use rc4::consts::U16;
use rc4::{Rc4, StreamCipher};
use sha1::Sha1;
use sha2::{Sha256, Sha384};
use tls_parser::{TlsCipherEnc, TlsCipherEncMode, TlsCipherKx, TlsCipherMac, TlsCipherSuite, TlsPRF};

use super::record::{content, Header};
use super::schedule::{self, Hash13, PrfHash};

/// The bulk cipher of a suite.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bulk {
    /// AES-128-GCM.
    Aes128Gcm,
    /// AES-256-GCM.
    Aes256Gcm,
    /// ChaCha20-Poly1305.
    ChaCha20Poly1305,
    /// AES-128-CBC.
    Aes128Cbc,
    /// AES-256-CBC.
    Aes256Cbc,
    /// 3DES-EDE-CBC.
    TripleDesCbc,
    /// RC4 with a 128-bit key.
    Rc4,
    /// No encryption (MAC only).
    Null,
}

impl Bulk {
    fn key_len(self) -> usize {
        match self {
            Bulk::Aes128Gcm | Bulk::Aes128Cbc | Bulk::Rc4 => 16,
            Bulk::Aes256Gcm | Bulk::Aes256Cbc | Bulk::ChaCha20Poly1305 => 32,
            Bulk::TripleDesCbc => 24,
            Bulk::Null => 0,
        }
    }

    fn block_len(self) -> usize {
        match self {
            Bulk::Aes128Cbc | Bulk::Aes256Cbc => 16,
            Bulk::TripleDesCbc => 8,
            _ => 0,
        }
    }
}

/// The record MAC of a TLS ≤ 1.2 suite.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MacAlg {
    /// The AEAD's tag.
    Aead,
    /// HMAC-MD5.
    Md5,
    /// HMAC-SHA1.
    Sha1,
    /// HMAC-SHA256.
    Sha256,
    /// HMAC-SHA384.
    Sha384,
}

impl MacAlg {
    fn len(self) -> usize {
        match self {
            MacAlg::Aead => 0,
            MacAlg::Md5 => 16,
            MacAlg::Sha1 => 20,
            MacAlg::Sha256 => 32,
            MacAlg::Sha384 => 48,
        }
    }
}

/// What decryption needs to know of a cipher suite.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SuiteSpec {
    /// The suite.
    pub id: u16,
    /// Its bulk cipher.
    pub bulk: Bulk,
    /// Its MAC (TLS ≤ 1.2).
    pub mac: MacAlg,
    /// Its TLS 1.2 PRF hash.
    pub prf: PrfHash,
    /// Its TLS 1.3 hash (TLS 1.3 suites only).
    pub hash13: Option<Hash13>,
    /// RSA key exchange: the pre-master secret travels encrypted with the server's RSA key.
    pub rsa_key_exchange: bool,
    /// The key exchange, as a word for messages (`RSA`, `ECDHE`, `DHE`, `TLS 1.3`).
    pub key_exchange: &'static str,
}

/// The decryption parameters of suite `id`.
///
/// # Errors
/// A sentence naming the suite and why smtpscope cannot decrypt it.
pub fn suite_spec(id: u16) -> Result<SuiteSpec, String> {
    let suite =
        TlsCipherSuite::from_id(id).ok_or_else(|| format!("cipher suite 0x{id:04x} is not a known suite"))?;
    let unsupported = |why: &str| Err(format!("{} cannot be decrypted: {why}", suite.name));
    if suite.name.contains("EXPORT") {
        return unsupported("export suites are not supported");
    }
    let bulk = match (suite.enc, suite.enc_mode, suite.enc_size) {
        (TlsCipherEnc::Aes, TlsCipherEncMode::Gcm, 128) => Bulk::Aes128Gcm,
        (TlsCipherEnc::Aes, TlsCipherEncMode::Gcm, 256) => Bulk::Aes256Gcm,
        (TlsCipherEnc::Aes, TlsCipherEncMode::Cbc, 128) => Bulk::Aes128Cbc,
        (TlsCipherEnc::Aes, TlsCipherEncMode::Cbc, 256) => Bulk::Aes256Cbc,
        (TlsCipherEnc::TripleDes, TlsCipherEncMode::Cbc, _) => Bulk::TripleDesCbc,
        (TlsCipherEnc::Chacha20_Poly1305, _, _) => Bulk::ChaCha20Poly1305,
        (TlsCipherEnc::Rc4, _, 128) => Bulk::Rc4,
        (TlsCipherEnc::Null, _, _) => Bulk::Null,
        (_, TlsCipherEncMode::Ccm, _) => return unsupported("AES-CCM is not supported"),
        _ => {
            return unsupported("its cipher is not supported (AES-GCM/CBC, ChaCha20-Poly1305, 3DES, RC4 are)")
        }
    };
    let mac = match suite.mac {
        TlsCipherMac::Aead => MacAlg::Aead,
        TlsCipherMac::HmacMd5 => MacAlg::Md5,
        TlsCipherMac::HmacSha1 => MacAlg::Sha1,
        TlsCipherMac::HmacSha256 => MacAlg::Sha256,
        TlsCipherMac::HmacSha384 => MacAlg::Sha384,
        TlsCipherMac::Null | TlsCipherMac::HmacSha512 => return unsupported("its MAC is not supported"),
    };
    let prf = match suite.prf {
        TlsPRF::Sha384 => PrfHash::Sha384,
        _ => PrfHash::Sha256,
    };
    let tls13 = suite.kx == TlsCipherKx::Tls13;
    let hash13 = tls13.then_some(if prf == PrfHash::Sha384 {
        Hash13::Sha384
    } else {
        Hash13::Sha256
    });
    let key_exchange = match suite.kx {
        TlsCipherKx::Rsa => "RSA",
        TlsCipherKx::Dhe => "DHE",
        TlsCipherKx::Ecdhe => "ECDHE",
        TlsCipherKx::Dh => "DH",
        TlsCipherKx::Ecdh => "ECDH",
        TlsCipherKx::Psk => "PSK",
        TlsCipherKx::Tls13 => "TLS 1.3",
        _ => "other",
    };
    Ok(SuiteSpec {
        id,
        bulk,
        mac,
        prf,
        hash13,
        rsa_key_exchange: suite.kx == TlsCipherKx::Rsa,
        key_exchange,
    })
}

/// Why a record did not open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// Too short for the nonce, IV, tag or MAC, or not a whole number of blocks.
    Length,
    /// The AEAD tag does not verify.
    Tag,
    /// The CBC padding is not TLS padding.
    Padding,
    /// The HMAC does not verify.
    Mac,
    /// A TLS 1.3 plaintext of only zeros (no content type).
    NoContentType,
}

impl OpenError {
    /// One phrase for an anomaly.
    pub fn describe(self) -> &'static str {
        match self {
            OpenError::Length => "its length does not fit the cipher",
            OpenError::Tag => "its authentication tag does not verify",
            OpenError::Padding => "its CBC padding is wrong",
            OpenError::Mac => "its MAC does not verify",
            OpenError::NoContentType => "its plaintext holds no content type",
        }
    }
}

/// A decrypted record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Opened {
    /// The content type (TLS 1.3: the inner one).
    pub content_type: u8,
    /// The plaintext.
    pub data: Vec<u8>,
}

enum Aead {
    Aes128Gcm(Box<Aes128Gcm>),
    Aes256Gcm(Box<Aes256Gcm>),
    ChaCha(Box<ChaCha20Poly1305>),
}

impl Aead {
    fn new(bulk: Bulk, key: &[u8]) -> Option<Aead> {
        Some(match bulk {
            Bulk::Aes128Gcm => Aead::Aes128Gcm(Box::new(Aes128Gcm::new_from_slice(key).ok()?)),
            Bulk::Aes256Gcm => Aead::Aes256Gcm(Box::new(Aes256Gcm::new_from_slice(key).ok()?)),
            Bulk::ChaCha20Poly1305 => Aead::ChaCha(Box::new(ChaCha20Poly1305::new_from_slice(key).ok()?)),
            _ => return None,
        })
    }

    /// Decrypts `ct` in place; `false` when the tag does not verify.
    fn open(&self, nonce: &[u8; 12], aad: &[u8], ct: &mut [u8], tag: &[u8]) -> bool {
        let Ok(tag) = <[u8; 16]>::try_from(tag) else {
            return false;
        };
        let nonce = aes_gcm::Nonce::from(*nonce);
        let tag = aes_gcm::Tag::from(tag);
        match self {
            Aead::Aes128Gcm(c) => c.decrypt_in_place_detached(&nonce, aad, ct, &tag).is_ok(),
            Aead::Aes256Gcm(c) => c.decrypt_in_place_detached(&nonce, aad, ct, &tag).is_ok(),
            Aead::ChaCha(c) => c.decrypt_in_place_detached(&nonce, aad, ct, &tag).is_ok(),
        }
    }
}

#[derive(Clone)]
enum MacKey {
    Md5(Hmac<Md5>),
    Sha1(Hmac<Sha1>),
    Sha256(Hmac<Sha256>),
    Sha384(Hmac<Sha384>),
}

fn verify<M: Mac + Clone>(mac: &M, parts: &[&[u8]], tag: &[u8]) -> bool {
    let mut mac = mac.clone();
    for part in parts {
        mac.update(part);
    }
    mac.verify_slice(tag).is_ok()
}

impl MacKey {
    fn new(alg: MacAlg, key: &[u8]) -> Option<MacKey> {
        Some(match alg {
            MacAlg::Md5 => MacKey::Md5(<Hmac<Md5> as Mac>::new_from_slice(key).ok()?),
            MacAlg::Sha1 => MacKey::Sha1(<Hmac<Sha1> as Mac>::new_from_slice(key).ok()?),
            MacAlg::Sha256 => MacKey::Sha256(<Hmac<Sha256> as Mac>::new_from_slice(key).ok()?),
            MacAlg::Sha384 => MacKey::Sha384(<Hmac<Sha384> as Mac>::new_from_slice(key).ok()?),
            MacAlg::Aead => return None,
        })
    }

    fn verify(&self, parts: &[&[u8]], tag: &[u8]) -> bool {
        match self {
            MacKey::Md5(m) => verify(m, parts, tag),
            MacKey::Sha1(m) => verify(m, parts, tag),
            MacKey::Sha256(m) => verify(m, parts, tag),
            MacKey::Sha384(m) => verify(m, parts, tag),
        }
    }
}

#[derive(Clone)]
enum BlockCipher {
    Aes128(Box<Aes128>),
    Aes256(Box<Aes256>),
    TripleDes(Box<TdesEde3>),
}

impl BlockCipher {
    fn new(bulk: Bulk, key: &[u8]) -> Option<BlockCipher> {
        Some(match bulk {
            Bulk::Aes128Cbc => BlockCipher::Aes128(Box::new(Aes128::new_from_slice(key).ok()?)),
            Bulk::Aes256Cbc => BlockCipher::Aes256(Box::new(Aes256::new_from_slice(key).ok()?)),
            Bulk::TripleDesCbc => BlockCipher::TripleDes(Box::new(TdesEde3::new_from_slice(key).ok()?)),
            _ => return None,
        })
    }

    /// CBC-decrypts `buf` (whole blocks) in place.
    fn decrypt(&self, iv: &[u8], buf: &mut [u8]) -> bool {
        match self {
            BlockCipher::Aes128(c) => cbc::Decryptor::<Aes128>::inner_iv_slice_init((**c).clone(), iv)
                .is_ok_and(|d| d.decrypt_padded_mut::<NoPadding>(buf).is_ok()),
            BlockCipher::Aes256(c) => cbc::Decryptor::<Aes256>::inner_iv_slice_init((**c).clone(), iv)
                .is_ok_and(|d| d.decrypt_padded_mut::<NoPadding>(buf).is_ok()),
            BlockCipher::TripleDes(c) => cbc::Decryptor::<TdesEde3>::inner_iv_slice_init((**c).clone(), iv)
                .is_ok_and(|d| d.decrypt_padded_mut::<NoPadding>(buf).is_ok()),
        }
    }
}

enum Protection {
    /// TLS 1.2 AES-GCM: 4-byte salt, explicit nonce in each record.
    Gcm { aead: Aead, salt: [u8; 4] },
    /// TLS 1.2 ChaCha20-Poly1305: IV ⊕ sequence number.
    ChaCha { aead: Aead, iv: [u8; 12] },
    /// TLS 1.3 AEAD.
    Tls13 {
        aead: Aead,
        iv: [u8; 12],
        bulk: Bulk,
        hash: Hash13,
        secret: Vec<u8>,
    },
    /// CBC; `iv` is TLS 1.0's chained IV (`None`: explicit per record).
    Cbc {
        cipher: BlockCipher,
        block: usize,
        mac: MacKey,
        mac_len: usize,
        iv: Option<Vec<u8>>,
        encrypt_then_mac: bool,
    },
    /// RC4 (or no encryption when `rc4` is `None`) with an HMAC.
    Stream {
        rc4: Option<Box<Rc4<U16>>>,
        mac: MacKey,
        mac_len: usize,
    },
}

/// One direction's record decryption state.
pub struct Decrypter {
    protection: Protection,
    seq: u64,
}

impl std::fmt::Debug for Decrypter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Decrypter")
            .field("seq", &self.seq)
            .finish_non_exhaustive()
    }
}

/// The bytes of the key block (RFC 5246 §6.3) for `spec` at `version`.
fn key_block_layout(spec: &SuiteSpec, version: u16) -> (usize, usize, usize) {
    let iv_len = match spec.bulk {
        Bulk::Aes128Gcm | Bulk::Aes256Gcm => 4,
        Bulk::ChaCha20Poly1305 => 12,
        Bulk::Aes128Cbc | Bulk::Aes256Cbc | Bulk::TripleDesCbc if version <= 0x0301 => spec.bulk.block_len(),
        _ => 0,
    };
    (spec.mac.len(), spec.bulk.key_len(), iv_len)
}

/// The PRF of a TLS ≤ 1.2 session.
pub fn prf_hash(spec: &SuiteSpec, version: u16) -> PrfHash {
    if version >= 0x0303 {
        spec.prf
    } else {
        PrfHash::Md5Sha1
    }
}

fn nonce_xor(iv: &[u8; 12], seq: u64) -> [u8; 12] {
    let mut nonce = *iv;
    for (n, s) in nonce.iter_mut().skip(4).zip(seq.to_be_bytes()) {
        *n ^= s;
    }
    nonce
}

/// seq ‖ type ‖ version ‖ length: the MAC's and the TLS 1.2 AEAD's additional data.
fn pseudo_header(seq: u64, header: &Header, len: usize) -> [u8; 13] {
    let mut out = [0u8; 13];
    let len = u16::try_from(len).unwrap_or(u16::MAX).to_be_bytes();
    let [v1, v2] = header.version.to_be_bytes();
    for (o, b) in out.iter_mut().zip(
        seq.to_be_bytes()
            .into_iter()
            .chain([header.content_type, v1, v2])
            .chain(len),
    ) {
        *o = b;
    }
    out
}

impl Decrypter {
    /// The client's and the server's decrypters of a TLS ≤ 1.2 session, from its master secret.
    ///
    /// # Errors
    /// The suite's cipher could not be keyed (never for the suites [`suite_spec`] accepts).
    pub fn from_master(
        spec: &SuiteSpec,
        version: u16,
        master: &[u8],
        client_random: &[u8],
        server_random: &[u8],
        encrypt_then_mac: bool,
    ) -> Result<[Decrypter; 2], String> {
        let (mac_len, key_len, iv_len) = key_block_layout(spec, version);
        let total = mac_len
            .saturating_add(key_len)
            .saturating_add(iv_len)
            .saturating_mul(2);
        let block = schedule::key_block(
            prf_hash(spec, version),
            master,
            client_random,
            server_random,
            total,
        );
        let mut rest: &[u8] = &block;
        let mut take = |n: usize| {
            let (a, b) = rest.split_at_checked(n).unwrap_or((rest, &[]));
            rest = b;
            a.to_vec()
        };
        let (client_mac, server_mac) = (take(mac_len), take(mac_len));
        let (client_key, server_key) = (take(key_len), take(key_len));
        let (client_iv, server_iv) = (take(iv_len), take(iv_len));
        Ok([
            Decrypter::tls12(
                spec,
                version,
                &client_mac,
                &client_key,
                &client_iv,
                encrypt_then_mac,
            )?,
            Decrypter::tls12(
                spec,
                version,
                &server_mac,
                &server_key,
                &server_iv,
                encrypt_then_mac,
            )?,
        ])
    }

    fn tls12(
        spec: &SuiteSpec,
        version: u16,
        mac_key: &[u8],
        key: &[u8],
        iv: &[u8],
        etm: bool,
    ) -> Result<Decrypter, String> {
        let bad = || format!("cannot key {:?}", spec.bulk);
        let mac = || MacKey::new(spec.mac, mac_key).ok_or_else(bad);
        let protection = match spec.bulk {
            Bulk::Aes128Gcm | Bulk::Aes256Gcm => Protection::Gcm {
                aead: Aead::new(spec.bulk, key).ok_or_else(bad)?,
                salt: iv.try_into().map_err(|_| bad())?,
            },
            Bulk::ChaCha20Poly1305 => Protection::ChaCha {
                aead: Aead::new(spec.bulk, key).ok_or_else(bad)?,
                iv: iv.try_into().map_err(|_| bad())?,
            },
            Bulk::Aes128Cbc | Bulk::Aes256Cbc | Bulk::TripleDesCbc => Protection::Cbc {
                cipher: BlockCipher::new(spec.bulk, key).ok_or_else(bad)?,
                block: spec.bulk.block_len(),
                mac: mac()?,
                mac_len: spec.mac.len(),
                iv: (version <= 0x0301).then(|| iv.to_vec()),
                encrypt_then_mac: etm,
            },
            Bulk::Rc4 => Protection::Stream {
                rc4: Some(Box::new(Rc4::<U16>::new_from_slice(key).map_err(|_| bad())?)),
                mac: mac()?,
                mac_len: spec.mac.len(),
            },
            Bulk::Null => Protection::Stream {
                rc4: None,
                mac: mac()?,
                mac_len: spec.mac.len(),
            },
        };
        Ok(Decrypter { protection, seq: 0 })
    }

    /// A TLS 1.3 decrypter from a traffic secret.
    ///
    /// # Errors
    /// The suite is not a TLS 1.3 suite, or the secret does not fit its hash.
    pub fn tls13(spec: &SuiteSpec, secret: &[u8]) -> Result<Decrypter, String> {
        let hash = spec
            .hash13
            .ok_or_else(|| format!("{} is not a TLS 1.3 suite", super::names::suite_name(spec.id)))?;
        let (key, iv) = schedule::traffic_key_iv(hash, secret, spec.bulk.key_len()).ok_or_else(|| {
            format!(
                "a {}-byte traffic secret does not fit the suite's hash",
                secret.len()
            )
        })?;
        let aead = Aead::new(spec.bulk, &key).ok_or_else(|| format!("cannot key {:?}", spec.bulk))?;
        Ok(Decrypter {
            protection: Protection::Tls13 {
                aead,
                iv,
                bulk: spec.bulk,
                hash,
                secret: secret.to_vec(),
            },
            seq: 0,
        })
    }

    /// TLS 1.3 KeyUpdate: moves to the next traffic secret; `false` when not TLS 1.3.
    pub fn update(&mut self) -> bool {
        let Protection::Tls13 {
            bulk, hash, secret, ..
        } = &self.protection
        else {
            return false;
        };
        let (bulk, hash) = (*bulk, *hash);
        let Some(next) = schedule::next_traffic_secret(hash, secret) else {
            return false;
        };
        let Some((key, iv)) = schedule::traffic_key_iv(hash, &next, bulk.key_len()) else {
            return false;
        };
        let Some(aead) = Aead::new(bulk, &key) else {
            return false;
        };
        self.protection = Protection::Tls13 {
            aead,
            iv,
            bulk,
            hash,
            secret: next,
        };
        self.seq = 0;
        true
    }

    /// Counts a record that could not be read (too long to keep): the sender's sequence number
    /// moved on. A stream cipher or a chained IV cannot follow; the next record will say so.
    pub fn skip(&mut self) {
        self.seq = self.seq.wrapping_add(1);
    }

    /// Takes back the last sequence number (after a trial that failed: TLS 1.3 keeps no other
    /// state between records).
    pub fn rewind(&mut self) {
        self.seq = self.seq.wrapping_sub(1);
    }

    /// Records opened (or tried) so far.
    pub fn sequence(&self) -> u64 {
        self.seq
    }

    /// Decrypts and authenticates one record's fragment.
    ///
    /// # Errors
    /// What failed; the sequence number advances all the same.
    pub fn open(&mut self, header: &Header, mut fragment: Vec<u8>) -> Result<Opened, OpenError> {
        let seq = self.seq;
        self.seq = self.seq.wrapping_add(1);
        let content_type = header.content_type;
        match &mut self.protection {
            Protection::Gcm { aead, salt } => {
                let len = fragment.len().checked_sub(24).ok_or(OpenError::Length)?;
                let (explicit, body) = fragment.split_at_mut(8);
                let mut nonce = [0u8; 12];
                for (n, b) in nonce.iter_mut().zip(salt.iter().chain(explicit.iter())) {
                    *n = *b;
                }
                let aad = pseudo_header(seq, header, len);
                let (ct, tag) = body.split_at_mut(len);
                if !aead.open(&nonce, &aad, ct, tag) {
                    return Err(OpenError::Tag);
                }
                fragment.copy_within(8..8usize.saturating_add(len), 0);
                fragment.truncate(len);
                Ok(Opened {
                    content_type,
                    data: fragment,
                })
            }
            Protection::ChaCha { aead, iv } => {
                let len = fragment.len().checked_sub(16).ok_or(OpenError::Length)?;
                let aad = pseudo_header(seq, header, len);
                let (ct, tag) = fragment.split_at_mut(len);
                if !aead.open(&nonce_xor(iv, seq), &aad, ct, tag) {
                    return Err(OpenError::Tag);
                }
                fragment.truncate(len);
                Ok(Opened {
                    content_type,
                    data: fragment,
                })
            }
            Protection::Tls13 { aead, iv, .. } => {
                let len = fragment.len().checked_sub(16).ok_or(OpenError::Length)?;
                let aad = header.to_bytes();
                let (ct, tag) = fragment.split_at_mut(len);
                if !aead.open(&nonce_xor(iv, seq), &aad, ct, tag) {
                    return Err(OpenError::Tag);
                }
                fragment.truncate(len);
                let end = fragment
                    .iter()
                    .rposition(|b| *b != 0)
                    .ok_or(OpenError::NoContentType)?;
                let inner = fragment.get(end).copied().ok_or(OpenError::NoContentType)?;
                fragment.truncate(end);
                Ok(Opened {
                    content_type: inner,
                    data: fragment,
                })
            }
            Protection::Cbc {
                cipher,
                block,
                mac,
                mac_len,
                iv,
                encrypt_then_mac,
            } => {
                let (block, mac_len) = (*block, *mac_len);
                let data = if *encrypt_then_mac {
                    let ct_len = fragment.len().checked_sub(mac_len).ok_or(OpenError::Length)?;
                    let (ct, tag) = fragment.split_at(ct_len);
                    let len = u16::try_from(ct_len)
                        .map_err(|_| OpenError::Length)?
                        .to_be_bytes();
                    let mut head = pseudo_header(seq, header, 0);
                    if let Some(l) = head.get_mut(11..) {
                        l.copy_from_slice(&len);
                    }
                    if !mac.verify(&[&head, ct], tag) {
                        return Err(OpenError::Mac);
                    }
                    fragment.truncate(ct_len);
                    cbc_decrypt(cipher, block, iv, &mut fragment)?
                } else {
                    cbc_decrypt(cipher, block, iv, &mut fragment)?
                };
                let (start, end) = data;
                let plain = fragment.get(start..end).ok_or(OpenError::Length)?;
                let pad = usize::from(*plain.last().ok_or(OpenError::Length)?);
                let unpadded = plain
                    .len()
                    .checked_sub(pad.saturating_add(1))
                    .ok_or(OpenError::Padding)?;
                if plain
                    .get(unpadded..)
                    .is_none_or(|p| p.iter().any(|b| usize::from(*b) != pad))
                {
                    return Err(OpenError::Padding);
                }
                let content_len = if *encrypt_then_mac {
                    unpadded
                } else {
                    let content_len = unpadded.checked_sub(mac_len).ok_or(OpenError::Length)?;
                    let (content_bytes, tag) = plain.split_at(content_len);
                    let tag = tag.get(..mac_len).ok_or(OpenError::Length)?;
                    if !mac.verify(&[&pseudo_header(seq, header, content_len), content_bytes], tag) {
                        return Err(OpenError::Mac);
                    }
                    content_len
                };
                fragment.copy_within(start..start.saturating_add(content_len), 0);
                fragment.truncate(content_len);
                Ok(Opened {
                    content_type,
                    data: fragment,
                })
            }
            Protection::Stream { rc4, mac, mac_len } => {
                if let Some(rc4) = rc4 {
                    rc4.apply_keystream(&mut fragment);
                }
                let content_len = fragment.len().checked_sub(*mac_len).ok_or(OpenError::Length)?;
                let (content_bytes, tag) = fragment.split_at(content_len);
                if !mac.verify(&[&pseudo_header(seq, header, content_len), content_bytes], tag) {
                    return Err(OpenError::Mac);
                }
                fragment.truncate(content_len);
                Ok(Opened {
                    content_type,
                    data: fragment,
                })
            }
        }
    }
}

/// CBC-decrypts `fragment` in place: with the chained IV (TLS 1.0, updated to the last ciphertext
/// block) or the explicit first block. Returns the plaintext's range within `fragment`.
fn cbc_decrypt(
    cipher: &BlockCipher,
    block: usize,
    chained: &mut Option<Vec<u8>>,
    fragment: &mut [u8],
) -> Result<(usize, usize), OpenError> {
    if fragment.is_empty() || fragment.len().checked_rem(block) != Some(0) {
        return Err(OpenError::Length);
    }
    let (iv, start) = match chained {
        Some(iv) => {
            let next = fragment
                .get(fragment.len().saturating_sub(block)..)
                .ok_or(OpenError::Length)?
                .to_vec();
            (std::mem::replace(iv, next), 0)
        }
        None => (fragment.get(..block).ok_or(OpenError::Length)?.to_vec(), block),
    };
    let body = fragment.get_mut(start..).ok_or(OpenError::Length)?;
    if body.is_empty() || !cipher.decrypt(&iv, body) {
        return Err(OpenError::Length);
    }
    Ok((start, fragment.len()))
}

/// The protected record's content types: TLS 1.3 carries everything as application_data.
pub fn is_protected_type(content_type: u8) -> bool {
    matches!(
        content_type,
        content::APPLICATION_DATA | content::HANDSHAKE | content::ALERT
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tls::testing::{gcm12_fragment, unhex};
    use cbc::cipher::{BlockEncryptMut, KeyIvInit};

    fn header(content_type: u8, version: u16, len: usize) -> Header {
        Header {
            content_type,
            version,
            len: len as u16,
        }
    }

    fn spec(id: u16) -> SuiteSpec {
        suite_spec(id).unwrap()
    }

    #[test]
    fn suite_table() {
        let s = spec(0x0005);
        assert_eq!(
            (s.bulk, s.mac, s.rsa_key_exchange),
            (Bulk::Rc4, MacAlg::Sha1, true)
        );
        let s = spec(0x000a);
        assert_eq!((s.bulk, s.mac), (Bulk::TripleDesCbc, MacAlg::Sha1));
        let s = spec(0xc030);
        assert_eq!(
            (s.bulk, s.prf, s.key_exchange),
            (Bulk::Aes256Gcm, PrfHash::Sha384, "ECDHE")
        );
        let s = spec(0xcca8);
        assert_eq!(s.bulk, Bulk::ChaCha20Poly1305);
        let s = spec(0x1302);
        assert_eq!((s.bulk, s.hash13), (Bulk::Aes256Gcm, Some(Hash13::Sha384)));
        assert!(suite_spec(0x0003).unwrap_err().contains("export"));
        assert!(suite_spec(0x1304).unwrap_err().contains("CCM"));
        assert!(suite_spec(0xeeee).is_err());
    }

    /// RFC 8448 §3: the client's first application-data record and its close_notify.
    #[test]
    fn rfc8448_tls13_records() {
        let s = spec(0x1301);
        let mut d = Decrypter::tls13(
            &s,
            &unhex("9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5"),
        )
        .unwrap();
        let record = unhex("1703030043a23f7054b62c94d0affafe8228ba55cbefacea42f914aa66bcab3f2b9819a8a5b46b395bd54a9a20441e2b62974e1f5a6292a2977014bd1e3deae63aeebb21694915e4");
        let h = Header::parse(record[..5].try_into().unwrap()).unwrap();
        let opened = d.open(&h, record[5..].to_vec()).unwrap();
        assert_eq!(opened.content_type, content::APPLICATION_DATA);
        assert_eq!(opened.data, (0u8..=0x31).collect::<Vec<_>>());
        let alert = unhex("1703030013c9872760655666b74d7ff1153efd6db6d0b0e3");
        let h = Header::parse(alert[..5].try_into().unwrap()).unwrap();
        let opened = d.open(&h, alert[5..].to_vec()).unwrap();
        assert_eq!((opened.content_type, opened.data), (content::ALERT, vec![1, 0]));
        // A flipped bit fails; the next record still has its own sequence number.
        let mut d = Decrypter::tls13(
            &s,
            &unhex("9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5"),
        )
        .unwrap();
        let mut bad = record[5..].to_vec();
        bad[3] ^= 1;
        assert_eq!(d.open(&h, bad), Err(OpenError::Tag));
        assert_eq!(d.sequence(), 1);
        assert_eq!(d.open(&h, vec![0; 5]), Err(OpenError::Length));
    }

    #[test]
    fn tls13_key_update_changes_keys() {
        let s = spec(0x1303);
        let mut d = Decrypter::tls13(&s, &[9; 32]).unwrap();
        assert!(d.update());
        assert_eq!(d.sequence(), 0);
    }

    /// A TLS 1.2 AES-128-GCM record built with the aes-gcm crate directly, as RFC 5288 lays it out.
    #[test]
    fn tls12_gcm_record() {
        let s = spec(0x009c);
        let master = [0x42u8; 48];
        let (cr, sr) = ([1u8; 32], [2u8; 32]);
        let [mut client, _] = Decrypter::from_master(&s, 0x0303, &master, &cr, &sr, false).unwrap();
        let block = schedule::key_block(PrfHash::Sha256, &master, &cr, &sr, 40);
        let (key, salt) = (&block[0..16], &block[32..36]);
        let plain = b"EHLO client.example.net\r\n".to_vec();
        for seq in 0..2u64 {
            let h = header(23, 0x0303, 8 + plain.len() + 16);
            let fragment = gcm12_fragment(key, salt, seq + 7, seq, 23, &plain);
            let opened = client.open(&h, fragment).unwrap();
            assert_eq!(opened.data, plain);
        }
    }

    fn cbc_record(
        version: u16,
        seq: u64,
        key: &[u8],
        mac_key: &[u8],
        iv: &[u8],
        plain: &[u8],
        etm: bool,
    ) -> Vec<u8> {
        let mut mac = <Hmac<Sha1> as Mac>::new_from_slice(mac_key).unwrap();
        let h = header(23, version, 0);
        let mut body = plain.to_vec();
        if !etm {
            mac.update(&pseudo_header(seq, &h, plain.len()));
            mac.update(plain);
            body.extend(mac.clone().finalize().into_bytes());
        }
        let pad = 16 - (body.len() + 1) % 16;
        body.extend(std::iter::repeat_n(pad as u8, pad + 1));
        let len = body.len();
        let enc = cbc::Encryptor::<Aes128>::new_from_slices(key, iv).unwrap();
        enc.encrypt_padded_mut::<NoPadding>(&mut body, len).unwrap();
        let mut fragment = if version >= 0x0302 {
            iv.to_vec()
        } else {
            Vec::new()
        };
        fragment.extend(body);
        if etm {
            let mut head = pseudo_header(seq, &h, fragment.len());
            head[11..].copy_from_slice(&(fragment.len() as u16).to_be_bytes());
            mac.update(&head);
            mac.update(&fragment);
            fragment.extend(mac.finalize().into_bytes());
        }
        fragment
    }

    #[test]
    fn cbc_records_of_every_version_and_both_mac_orders() {
        let s = spec(0x002f);
        let master = [7u8; 48];
        let (cr, sr) = ([3u8; 32], [4u8; 32]);
        for (version, etm) in [(0x0301, false), (0x0302, false), (0x0303, false), (0x0303, true)] {
            let [mut client, _] = Decrypter::from_master(&s, version, &master, &cr, &sr, etm).unwrap();
            let hash = prf_hash(&s, version);
            let block = schedule::key_block(hash, &master, &cr, &sr, 104);
            let (mac_key, key) = (&block[0..20], &block[40..56]);
            let mut iv = if version == 0x0301 {
                block[72..88].to_vec()
            } else {
                vec![5u8; 16]
            };
            for (seq, plain) in [&b"250-first\r\n"[..], &[b'x'; 100][..], b""]
                .into_iter()
                .enumerate()
            {
                let fragment = cbc_record(version, seq as u64, key, mac_key, &iv, plain, etm);
                if version == 0x0301 {
                    iv = fragment[fragment.len() - 16..].to_vec();
                }
                let h = header(23, version, fragment.len());
                let opened = client
                    .open(&h, fragment)
                    .unwrap_or_else(|e| panic!("{version:x} {etm} {seq}: {e:?}"));
                assert_eq!(opened.data, plain);
            }
            // Damage: a wrong MAC, then a record that is not whole blocks.
            let mut bad = cbc_record(version, 3, key, mac_key, &iv, b"abc", etm);
            let n = bad.len();
            bad[n - 1] ^= 0x80;
            let h = header(23, version, bad.len());
            assert!(client.open(&h, bad).is_err());
            assert_eq!(client.open(&h, vec![1; 17]), Err(OpenError::Length));
        }
    }

    #[test]
    fn rc4_stream_continues_across_records() {
        let s = spec(0x0004);
        let master = [9u8; 48];
        let (cr, sr) = ([5u8; 32], [6u8; 32]);
        let [_, mut server] = Decrypter::from_master(&s, 0x0301, &master, &cr, &sr, false).unwrap();
        let block = schedule::key_block(PrfHash::Md5Sha1, &master, &cr, &sr, 64);
        let (mac_key, key) = (&block[16..32], &block[48..64]);
        let mut rc4 = Rc4::<U16>::new_from_slice(key).unwrap();
        for (seq, plain) in [&b"220 ready\r\n"[..], b"250 OK\r\n"].into_iter().enumerate() {
            let h = header(23, 0x0301, plain.len() + 16);
            let mut mac = <Hmac<Md5> as Mac>::new_from_slice(mac_key).unwrap();
            mac.update(&pseudo_header(seq as u64, &h, plain.len()));
            mac.update(plain);
            let mut fragment = plain.to_vec();
            fragment.extend(mac.finalize().into_bytes());
            rc4.apply_keystream(&mut fragment);
            assert_eq!(server.open(&h, fragment).unwrap().data, plain);
        }
    }
}
