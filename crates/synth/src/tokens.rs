//! Encoders for the security tokens that travel inside AUTH and X-EXPS lines: a DER TLV writer,
//! SPNEGO (RFC 4178), GSS-API InitialContextToken framing (RFC 2743 §3.1), Kerberos AP-REQ,
//! AP-REP and KRB-ERROR (RFC 4120 §5.5, §5.9.1) and NTLMSSP messages (MS-NLMP §2.2.1).
//!
//! Owns building these structures field by field, so that sample captures and the decoders'
//! tests state exactly what a token holds. Contract: every element is DER with the shortest
//! length form; integers are minimal two's complement; contents longer than 2^32 − 1 bytes are
//! cut. Limits: cipher texts, checksums and NTLM responses are caller-supplied filler, not
//! cryptography. Must not: decode anything or be used by the dissection pipeline.

/// SPNEGO 1.3.6.1.5.5.2 (DER, with its `06 LL` header).
pub const OID_SPNEGO: &[u8] = &[0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02];
/// Microsoft's legacy Kerberos OID 1.2.840.48018.1.2.2.
pub const OID_MS_KRB5: &[u8] = &[0x06, 0x09, 0x2a, 0x86, 0x48, 0x82, 0xf7, 0x12, 0x01, 0x02, 0x02];
/// Kerberos v5 1.2.840.113554.1.2.2.
pub const OID_KRB5: &[u8] = &[0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02];
/// NTLMSSP 1.3.6.1.4.1.311.2.2.10.
pub const OID_NTLMSSP: &[u8] = &[
    0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x0a,
];
/// NegoEx 1.3.6.1.4.1.311.2.2.30.
pub const OID_NEGOEX: &[u8] = &[
    0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x1e,
];

/// Kerberos GSS token id of an AP-REQ (RFC 4121 §4.1).
pub const TOK_AP_REQ: [u8; 2] = [0x01, 0x00];
/// Kerberos GSS token id of an AP-REP.
pub const TOK_AP_REP: [u8; 2] = [0x02, 0x00];
/// Kerberos GSS token id of a KRB-ERROR.
pub const TOK_KRB_ERROR: [u8; 2] = [0x03, 0x00];

/// One DER element: `tag`, the definite length of `content` in its shortest form, `content`.
pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let content = content.get(..u32::MAX as usize).unwrap_or(content);
    let len = u32::try_from(content.len()).unwrap_or(u32::MAX);
    let mut out = vec![tag];
    match u8::try_from(len) {
        Ok(short) if short < 0x80 => out.push(short),
        _ => {
            let bytes = len.to_be_bytes();
            let significant: Vec<u8> = bytes.iter().copied().skip_while(|&b| b == 0).collect();
            out.push(0x80 | u8::try_from(significant.len()).unwrap_or(4));
            out.extend_from_slice(&significant);
        }
    }
    out.extend_from_slice(content);
    out
}

/// A SEQUENCE of `parts`.
pub fn seq(parts: &[&[u8]]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

/// A context-specific explicit tag `[n]` (n < 31) around `inner`.
pub fn explicit(n: u8, inner: &[u8]) -> Vec<u8> {
    tlv(0xa0 | (n & 0x1f), inner)
}

/// An INTEGER in minimal two's complement.
pub fn int(value: i64) -> Vec<u8> {
    let bytes = value.to_be_bytes();
    let mut start = 0usize;
    // Drop leading bytes that only repeat the sign.
    while let (Some(&b), Some(&next)) = (bytes.get(start), bytes.get(start.saturating_add(1))) {
        let redundant = (b == 0x00 && next & 0x80 == 0) || (b == 0xff && next & 0x80 != 0);
        if !redundant {
            break;
        }
        start = start.saturating_add(1);
    }
    tlv(0x02, bytes.get(start..).unwrap_or(&bytes))
}

/// An OCTET STRING.
pub fn octets(content: &[u8]) -> Vec<u8> {
    tlv(0x04, content)
}

/// A Kerberos GeneralString.
pub fn general_string(text: &str) -> Vec<u8> {
    tlv(0x1b, text.as_bytes())
}

/// A KerberosTime (GeneralizedTime, `YYYYMMDDHHMMSSZ`).
pub fn kerberos_time(text: &str) -> Vec<u8> {
    tlv(0x18, text.as_bytes())
}

/// A 32-bit KerberosFlags BIT STRING with the given bit numbers set (bit 0 is the most
/// significant bit of the first octet).
pub fn kerberos_flags(bits: &[u8]) -> Vec<u8> {
    let mut value = 0u32;
    for &bit in bits.iter().filter(|&&b| b < 32) {
        value |= 0x8000_0000u32.wrapping_shr(u32::from(bit));
    }
    let mut content = vec![0u8];
    content.extend_from_slice(&value.to_be_bytes());
    tlv(0x03, &content)
}

/// A PrincipalName: `name-type` and the name components (`["SMTPSVC", "host"]`).
pub fn principal(name_type: i64, components: &[&str]) -> Vec<u8> {
    let names: Vec<Vec<u8>> = components.iter().map(|c| general_string(c)).collect();
    let names: Vec<&[u8]> = names.iter().map(Vec::as_slice).collect();
    seq(&[&explicit(0, &int(name_type)), &explicit(1, &seq(&names))])
}

/// An EncryptedData: etype, optional kvno and the cipher bytes.
pub fn encrypted_data(etype: i64, kvno: Option<i64>, cipher: &[u8]) -> Vec<u8> {
    let kvno = kvno.map(|k| explicit(1, &int(k))).unwrap_or_default();
    seq(&[&explicit(0, &int(etype)), &kvno, &explicit(2, &octets(cipher))])
}

/// A Ticket (`[APPLICATION 1]`, tkt-vno 5).
pub fn ticket(realm: &str, sname: &[u8], enc_part: &[u8]) -> Vec<u8> {
    tlv(
        0x61,
        &seq(&[
            &explicit(0, &int(5)),
            &explicit(1, &general_string(realm)),
            &explicit(2, sname),
            &explicit(3, enc_part),
        ]),
    )
}

/// An AP-REQ (`[APPLICATION 14]`): ap-options (bit numbers set; 2 is mutual-required), a
/// ticket and an encrypted authenticator.
pub fn ap_req(options: &[u8], ticket: &[u8], authenticator: &[u8]) -> Vec<u8> {
    tlv(
        0x6e,
        &seq(&[
            &explicit(0, &int(5)),
            &explicit(1, &int(14)),
            &explicit(2, &kerberos_flags(options)),
            &explicit(3, ticket),
            &explicit(4, authenticator),
        ]),
    )
}

/// An AP-REP (`[APPLICATION 15]`) around its encrypted part.
pub fn ap_rep(enc_part: &[u8]) -> Vec<u8> {
    tlv(
        0x6f,
        &seq(&[
            &explicit(0, &int(5)),
            &explicit(1, &int(15)),
            &explicit(2, enc_part),
        ]),
    )
}

/// The fields of a KRB-ERROR the tests and samples set.
#[derive(Clone, Debug)]
pub struct KrbErrorSpec<'a> {
    /// stime, `YYYYMMDDHHMMSSZ`.
    pub stime: &'a str,
    /// error-code.
    pub code: i64,
    /// The service realm.
    pub realm: &'a str,
    /// The service name (a [`principal`]).
    pub sname: &'a [u8],
    /// e-text.
    pub e_text: Option<&'a str>,
}

/// A KRB-ERROR (`[APPLICATION 30]`).
pub fn krb_error(spec: &KrbErrorSpec<'_>) -> Vec<u8> {
    let e_text = spec
        .e_text
        .map(|t| explicit(11, &general_string(t)))
        .unwrap_or_default();
    tlv(
        0x7e,
        &seq(&[
            &explicit(0, &int(5)),
            &explicit(1, &int(30)),
            &explicit(4, &kerberos_time(spec.stime)),
            &explicit(5, &int(0)),
            &explicit(6, &int(spec.code)),
            &explicit(9, &general_string(spec.realm)),
            &explicit(10, spec.sname),
            &e_text,
        ]),
    )
}

/// A GSS-API InitialContextToken: `60 L <mech OID> <inner>`.
pub fn initial_context_token(mech_oid: &[u8], inner: &[u8]) -> Vec<u8> {
    tlv(0x60, &[mech_oid, inner].concat())
}

/// A Kerberos GSS token (RFC 4121 §4.1): the krb5 OID framing, the token id, the message.
pub fn krb5_token(tok_id: [u8; 2], message: &[u8]) -> Vec<u8> {
    initial_context_token(OID_KRB5, &[&tok_id[..], message].concat())
}

/// The fields of a NegTokenInit.
#[derive(Clone, Debug, Default)]
pub struct NegTokenInitSpec<'a> {
    /// mechTypes, each a DER OID with its header.
    pub mech_types: &'a [&'a [u8]],
    /// mechToken.
    pub mech_token: Option<&'a [u8]>,
    /// negHints.hintName (MS-SPNG NegTokenInit2).
    pub hint_name: Option<&'a str>,
    /// mechListMIC.
    pub mech_list_mic: Option<&'a [u8]>,
}

/// A bare NegTokenInit choice (`A0 L 30 L …`).
pub fn neg_token_init(spec: &NegTokenInitSpec<'_>) -> Vec<u8> {
    let mech_types = explicit(0, &seq(spec.mech_types));
    let token = spec
        .mech_token
        .map(|t| explicit(2, &octets(t)))
        .unwrap_or_default();
    let hints = spec
        .hint_name
        .map(|h| explicit(3, &seq(&[&explicit(0, &general_string(h))])))
        .unwrap_or_default();
    // mechListMIC is [3] in RFC 4178 and [4] in NegTokenInit2, after negHints [3].
    let mic_tag = if spec.hint_name.is_some() { 4 } else { 3 };
    let mic = spec
        .mech_list_mic
        .map(|m| explicit(mic_tag, &octets(m)))
        .unwrap_or_default();
    explicit(0, &seq(&[&mech_types, &token, &hints, &mic]))
}

/// A NegTokenInit wrapped as a GSS-API InitialContextToken with the SPNEGO OID.
pub fn spnego_init(spec: &NegTokenInitSpec<'_>) -> Vec<u8> {
    initial_context_token(OID_SPNEGO, &neg_token_init(spec))
}

/// The fields of a NegTokenResp.
#[derive(Clone, Debug, Default)]
pub struct NegTokenRespSpec<'a> {
    /// negState (0 accept-completed, 1 accept-incomplete, 2 reject, 3 request-mic).
    pub neg_state: Option<u8>,
    /// supportedMech, a DER OID with its header.
    pub supported_mech: Option<&'a [u8]>,
    /// responseToken.
    pub response_token: Option<&'a [u8]>,
    /// mechListMIC.
    pub mech_list_mic: Option<&'a [u8]>,
}

/// A NegTokenResp choice (`A1 L 30 L …`).
pub fn spnego_resp(spec: &NegTokenRespSpec<'_>) -> Vec<u8> {
    let state = spec
        .neg_state
        .map(|s| explicit(0, &tlv(0x0a, &[s])))
        .unwrap_or_default();
    let mech = spec.supported_mech.map(|m| explicit(1, m)).unwrap_or_default();
    let token = spec
        .response_token
        .map(|t| explicit(2, &octets(t)))
        .unwrap_or_default();
    let mic = spec
        .mech_list_mic
        .map(|m| explicit(3, &octets(m)))
        .unwrap_or_default();
    tlv(0xa1, &seq(&[&state, &mech, &token, &mic]))
}

/// `NTLMSSP\0`.
const NTLM_SIGNATURE: &[u8; 8] = b"NTLMSSP\0";

/// Writes `value` at `at` in `msg`, as far as `msg` reaches.
fn put(msg: &mut [u8], at: usize, value: &[u8]) {
    for (slot, byte) in msg.iter_mut().skip(at).zip(value) {
        *slot = *byte;
    }
}

/// An NTLMSSP message of `kind` (1, 2, 3): a fixed part of `fixed_len` bytes with `flags` at
/// `flags_at`, and `fields` (descriptor offset, payload) appended in order after the fixed part,
/// each descriptor pointing at its payload.
pub fn ntlm_message(
    kind: u32,
    fixed_len: usize,
    flags_at: usize,
    flags: u32,
    fields: &[(usize, Vec<u8>)],
) -> Vec<u8> {
    let mut msg = vec![0u8; fixed_len.max(12)];
    put(&mut msg, 0, NTLM_SIGNATURE);
    put(&mut msg, 8, &kind.to_le_bytes());
    put(&mut msg, flags_at, &flags.to_le_bytes());
    for (at, payload) in fields {
        let offset = u32::try_from(msg.len()).unwrap_or(u32::MAX);
        let len = u16::try_from(payload.len()).unwrap_or(u16::MAX);
        put(&mut msg, *at, &len.to_le_bytes());
        put(&mut msg, at.saturating_add(2), &len.to_le_bytes());
        put(&mut msg, at.saturating_add(4), &offset.to_le_bytes());
        msg.extend_from_slice(payload);
    }
    msg
}

/// `text` in UTF-16LE.
pub fn utf16(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// NTLMSSP_NEGOTIATE_UNICODE | NTLMSSP_REQUEST_TARGET | NTLMSSP_NEGOTIATE_NTLM |
/// NTLMSSP_NEGOTIATE_ALWAYS_SIGN | NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY.
pub const NTLM_FLAGS: u32 = 0x0008_8205;

/// A minimal NTLMSSP NEGOTIATE (type 1) with no domain or workstation.
pub fn ntlm_negotiate() -> Vec<u8> {
    ntlm_message(1, 32, 12, NTLM_FLAGS, &[])
}

/// An NTLMSSP CHALLENGE (type 2) naming `domain` (target name and NetBIOS domain) and the server
/// `computer` in its target info.
pub fn ntlm_challenge(domain: &str, computer: &str, challenge: [u8; 8]) -> Vec<u8> {
    let av = |id: u16, value: &str| {
        let v = utf16(value);
        let mut out = id.to_le_bytes().to_vec();
        out.extend_from_slice(&u16::try_from(v.len()).unwrap_or(u16::MAX).to_le_bytes());
        out.extend_from_slice(&v);
        out
    };
    let info = [av(2, domain), av(1, computer), vec![0, 0, 0, 0]].concat();
    let mut msg = ntlm_message(2, 48, 20, NTLM_FLAGS, &[(12, utf16(domain)), (40, info)]);
    put(&mut msg, 24, &challenge);
    msg
}

/// An NTLMSSP AUTHENTICATE (type 3), Unicode, without MIC: a 24-byte LM response, `nt_response`,
/// and the `domain`, `user` and `workstation` names.
pub fn ntlm_authenticate(domain: &str, user: &str, workstation: &str, nt_response: Vec<u8>) -> Vec<u8> {
    ntlm_message(
        3,
        64,
        60,
        NTLM_FLAGS,
        &[
            (12, vec![0; 24]),
            (20, nt_response),
            (28, utf16(domain)),
            (36, utf16(user)),
            (44, utf16(workstation)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_take_the_shortest_form() {
        assert_eq!(tlv(0x04, &[7; 3]), [0x04, 3, 7, 7, 7]);
        assert_eq!(tlv(0x04, &[0; 0x80])[..3], [0x04, 0x81, 0x80]);
        assert_eq!(tlv(0x04, &[0; 0x100])[..4], [0x04, 0x82, 0x01, 0x00]);
    }

    #[test]
    fn integers_are_minimal_twos_complement() {
        assert_eq!(int(0), [0x02, 1, 0]);
        assert_eq!(int(127), [0x02, 1, 0x7f]);
        assert_eq!(int(128), [0x02, 2, 0x00, 0x80]);
        assert_eq!(int(-1), [0x02, 1, 0xff]);
        assert_eq!(int(-129), [0x02, 2, 0xff, 0x7f]);
    }

    #[test]
    fn mutual_required_is_bit_two() {
        assert_eq!(kerberos_flags(&[2]), [0x03, 5, 0, 0x20, 0, 0, 0]);
    }

    #[test]
    fn ntlm_fields_point_at_their_payload() {
        let msg = ntlm_authenticate("D", "U", "W", vec![1; 24]);
        assert_eq!(&msg[..12], b"NTLMSSP\0\x03\0\0\0");
        // The user descriptor: 2 bytes at offset 64 + 24 + 24 + 2.
        assert_eq!(&msg[36..44], &[2, 0, 2, 0, 114, 0, 0, 0]);
        assert_eq!(&msg[114..116], b"U\0");
    }
}
