//! What the TLS unit tests share: hex test vectors read into bytes, and TLS 1.2 AES-128-GCM records
//! sealed with the `aes-gcm` crate directly, as RFC 5288 lays them out (independent of
//! [`super::cipher`], which opens them).

use aes_gcm::aead::AeadInPlace;
use aes_gcm::{Aes128Gcm, KeyInit};

/// The bytes of a hex test vector.
pub(crate) fn unhex(s: &str) -> Vec<u8> {
    super::keylog::unhex(s).expect("a hex test vector")
}

/// The fragment of a TLS 1.2 AES-128-GCM record (RFC 5288 §3): the explicit nonce, the ciphertext of
/// `plain` and the tag, authenticated for sequence number `seq` and `content_type`.
pub(crate) fn gcm12_fragment(
    key: &[u8],
    salt: &[u8],
    explicit: u64,
    seq: u64,
    content_type: u8,
    plain: &[u8],
) -> Vec<u8> {
    let explicit = explicit.to_be_bytes();
    let nonce: Vec<u8> = salt.iter().chain(&explicit).copied().collect();
    let mut aad = seq.to_be_bytes().to_vec();
    aad.extend([content_type, 3, 3]);
    aad.extend(
        u16::try_from(plain.len())
            .expect("a record's length")
            .to_be_bytes(),
    );
    let mut body = plain.to_vec();
    let tag = Aes128Gcm::new_from_slice(key)
        .expect("a 16-byte key")
        .encrypt_in_place_detached(aes_gcm::Nonce::from_slice(&nonce), &aad, &mut body)
        .expect("AES-GCM seals");
    let mut fragment = explicit.to_vec();
    fragment.extend(body);
    fragment.extend(tag);
    fragment
}
