//! GSS-API and SPNEGO tokens ([RFC 2743] §3.1, [RFC 4178] §4.2, [MS-SPNG] NegTokenInit2), as
//! `X-EXPS GSSAPI` and `AUTH GSSAPI` carry them, and the dispatch to the mechanism inside.
//!
//! Owns: classifying a token by its first octets (PROTOCOL.md §2: `60` InitialContextToken, `A0`
//! bare NegTokenInit, `A1` NegTokenResp, `6E`/`6F`/`7E` raw Kerberos, `NTLMSSP\0`), naming
//! mechanism OIDs ([`Mechanism`]), walking the SPNEGO SEQUENCEs, and handing the mechToken or
//! responseToken to [`super::kerberos`] or [`super::ntlm`].
//!
//! Contract: DER headers are read with `der-parser`'s `asn1-rs`; every content length is checked
//! against the bytes present. An element that claims more bytes than the token holds is decoded
//! from what is there and named in the problems; an element of the wrong tag ends the walk of its
//! SEQUENCE with a problem. Tokens nest (a SPNEGO mechToken may hold another framed token); the
//! nesting is bounded by [`MAX_DEPTH`]. At most [`MAX_MECH_TYPES`] mechanisms are kept. Nothing
//! here allocates in proportion to a length read from the wire. Must not: know SMTP, judge.

use std::borrow::Cow;

use der_parser::asn1_rs::{Class, FromDer, Header, Length, Oid};
use serde::{Serialize, Serializer};

use super::kerberos::{self, Kerberos};
use super::ntlm::{self, Ntlm};

/// How deep tokens may nest inside one another (SPNEGO inside SPNEGO inside …).
pub const MAX_DEPTH: usize = 4;
/// How many mechTypes of a NegTokenInit are kept.
pub const MAX_MECH_TYPES: usize = 16;

/// A GSS-API mechanism, named by its OID.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mechanism {
    /// Kerberos v5, 1.2.840.113554.1.2.2.
    Kerberos,
    /// Microsoft's legacy mis-encoded Kerberos OID, 1.2.840.48018.1.2.2.
    MsKerberos,
    /// Kerberos user-to-user, 1.2.840.113554.1.2.2.3.
    KerberosUserToUser,
    /// NTLMSSP, 1.3.6.1.4.1.311.2.2.10.
    Ntlmssp,
    /// NegoEx, 1.3.6.1.4.1.311.2.2.30.
    NegoEx,
    /// SPNEGO itself, 1.3.6.1.5.5.2.
    Spnego,
    /// Any other OID, in dotted form (`?` when it does not decode).
    Other(String),
}

/// The content octets (after `06 LL`) of the OIDs [`Mechanism`] names.
const NAMED_OIDS: &[(&[u8], Mechanism)] = &[
    (
        &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02],
        Mechanism::Kerberos,
    ),
    (
        &[0x2a, 0x86, 0x48, 0x82, 0xf7, 0x12, 0x01, 0x02, 0x02],
        Mechanism::MsKerberos,
    ),
    (
        &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02, 0x03],
        Mechanism::KerberosUserToUser,
    ),
    (
        &[0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x0a],
        Mechanism::Ntlmssp,
    ),
    (
        &[0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x1e],
        Mechanism::NegoEx,
    ),
    (&[0x2b, 0x06, 0x01, 0x05, 0x05, 0x02], Mechanism::Spnego),
];

impl Mechanism {
    /// The mechanism of an OID given by its content octets.
    pub fn from_oid(content: &[u8]) -> Mechanism {
        NAMED_OIDS.iter().find(|(oid, _)| *oid == content).map_or_else(
            || {
                let dotted = Oid::new(Cow::Borrowed(content)).to_id_string();
                // asn1-rs prints undecodable OIDs as hex; keep only dotted forms.
                let valid = !dotted.is_empty() && dotted.chars().all(|c| c.is_ascii_digit() || c == '.');
                Mechanism::Other(if valid { dotted } else { "?".into() })
            },
            |(_, m)| m.clone(),
        )
    }

    /// The name used in reports: `kerberos`, `ms-krb5`, `krb5-u2u`, `ntlmssp`, `negoex`,
    /// `spnego`, or the dotted OID.
    pub fn name(&self) -> &str {
        match self {
            Mechanism::Kerberos => "kerberos",
            Mechanism::MsKerberos => "ms-krb5",
            Mechanism::KerberosUserToUser => "krb5-u2u",
            Mechanism::Ntlmssp => "ntlmssp",
            Mechanism::NegoEx => "negoex",
            Mechanism::Spnego => "spnego",
            Mechanism::Other(dotted) => dotted,
        }
    }

    /// Whether this is one of the Kerberos OIDs.
    pub fn is_kerberos(&self) -> bool {
        matches!(
            self,
            Mechanism::Kerberos | Mechanism::MsKerberos | Mechanism::KerberosUserToUser
        )
    }
}

impl Serialize for Mechanism {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// SPNEGO negState.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NegState {
    /// 0.
    AcceptCompleted,
    /// 1.
    AcceptIncomplete,
    /// 2: the acceptor refused the authentication.
    Reject,
    /// 3.
    RequestMic,
}

/// The two SPNEGO messages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "message", rename_all = "snake_case")]
pub enum SpnegoMessage {
    /// `[0] NegTokenInit` (or NegTokenInit2 with negHints).
    NegTokenInit {
        /// mechTypes, in the initiator's order of preference.
        mech_types: Vec<Mechanism>,
        /// The optimistic token of the first mechanism, decoded.
        mech_token: Option<Box<SecurityToken>>,
        /// negHints.hintName (MS-SPNG).
        hint_name: Option<String>,
        /// Whether a mechListMIC is present.
        mech_list_mic: bool,
    },
    /// `[1] NegTokenResp`.
    NegTokenResp {
        /// negState.
        neg_state: Option<NegState>,
        /// supportedMech.
        supported_mech: Option<Mechanism>,
        /// responseToken, decoded.
        response_token: Option<Box<SecurityToken>>,
        /// Whether a mechListMIC is present.
        mech_list_mic: bool,
    },
}

/// One SPNEGO token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Spnego {
    /// Whether it came inside a GSS-API InitialContextToken (`60 .. 06 06 2B0601050502`).
    pub framed: bool,
    /// What it says.
    #[serde(flatten)]
    pub message: SpnegoMessage,
    /// What could not be decoded, one sentence each.
    pub problems: Vec<String>,
}

/// A security token: what GSSAPI and NTLM exchanges carry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "token", rename_all = "snake_case")]
pub enum SecurityToken {
    /// SPNEGO (Negotiate).
    Spnego(Spnego),
    /// Kerberos, raw or GSS-framed.
    Kerberos(Kerberos),
    /// NTLMSSP.
    Ntlm(Ntlm),
    /// A token of another (or an unreadable) mechanism: only its size.
    Opaque {
        /// The mechanism its framing named, when it had one.
        mechanism: Option<Mechanism>,
        /// Its length.
        bytes: usize,
        /// Why it was not decoded.
        problem: Option<String>,
    },
}

impl SecurityToken {
    /// The mechanism this token belongs to; for SPNEGO, the mechanism of the token inside it.
    pub fn mechanism(&self) -> Option<Mechanism> {
        match self {
            SecurityToken::Spnego(s) => match &s.message {
                SpnegoMessage::NegTokenInit { mech_token, .. } => mech_token.as_ref()?.mechanism(),
                SpnegoMessage::NegTokenResp {
                    response_token,
                    supported_mech,
                    ..
                } => response_token
                    .as_ref()
                    .and_then(|t| t.mechanism())
                    .or_else(|| supported_mech.clone()),
            },
            SecurityToken::Kerberos(_) => Some(Mechanism::Kerberos),
            SecurityToken::Ntlm(_) => Some(Mechanism::Ntlmssp),
            SecurityToken::Opaque { mechanism, .. } => mechanism.clone(),
        }
    }

    /// The token inside a SPNEGO wrapper (mechToken or responseToken), or this token itself.
    pub fn inner(&self) -> Option<&SecurityToken> {
        match self {
            SecurityToken::Spnego(s) => match &s.message {
                SpnegoMessage::NegTokenInit { mech_token, .. } => mech_token.as_deref()?.inner(),
                SpnegoMessage::NegTokenResp { response_token, .. } => response_token.as_deref()?.inner(),
            },
            other => Some(other),
        }
    }
}

/// One DER element: its header, its content (cut to the bytes present) and what follows it.
struct Element<'a> {
    class: Class,
    tag: u32,
    content: &'a [u8],
    rest: &'a [u8],
}

/// Reads one element of `input`; a content shorter than announced is kept as far as present and
/// named in `problems`. `None` (with a problem) when the header itself does not parse.
fn element<'a>(input: &'a [u8], what: &str, problems: &mut Vec<String>) -> Option<Element<'a>> {
    let (after, header) = match Header::from_der(input) {
        Ok(parsed) => parsed,
        Err(e) => {
            problems.push(format!(
                "the {what} header does not parse ({})",
                describe_error(&e)
            ));
            return None;
        }
    };
    let Length::Definite(len) = header.length() else {
        problems.push(format!("the {what} has an indefinite length"));
        return None;
    };
    let (content, rest) = match after.split_at_checked(len) {
        Some(parts) => parts,
        None => {
            problems.push(format!(
                "the {what} claims {len} bytes but only {} are present",
                after.len()
            ));
            (after, <&[u8]>::default())
        }
    };
    Some(Element {
        class: header.class(),
        tag: header.tag().0,
        content,
        rest,
    })
}

/// A short sentence for a parser error.
pub(crate) fn describe_error(e: &der_parser::asn1_rs::Err<der_parser::asn1_rs::Error>) -> String {
    match e {
        der_parser::asn1_rs::Err::Incomplete(_) => "it is truncated".into(),
        der_parser::asn1_rs::Err::Error(e) | der_parser::asn1_rs::Err::Failure(e) => e.to_string(),
    }
}

/// Decodes a security token; `None` when `bytes` do not start like one (PROTOCOL.md §2 table).
pub fn decode(bytes: &[u8]) -> Option<SecurityToken> {
    decode_nested(bytes, 0)
}

fn decode_nested(bytes: &[u8], depth: usize) -> Option<SecurityToken> {
    if ntlm::is_ntlmssp(bytes) {
        return Some(match ntlm::decode(bytes) {
            Some(n) => SecurityToken::Ntlm(n),
            None => SecurityToken::Opaque {
                mechanism: Some(Mechanism::Ntlmssp),
                bytes: bytes.len(),
                problem: Some("NTLMSSP message of an unknown type or cut in its header".into()),
            },
        });
    }
    let first = *bytes.first()?;
    if !matches!(first, 0x60 | 0xa0 | 0xa1 | 0x6e | 0x6f | 0x7e) {
        return None;
    }
    if depth > MAX_DEPTH {
        return Some(SecurityToken::Opaque {
            mechanism: None,
            bytes: bytes.len(),
            problem: Some(format!("tokens nested deeper than {MAX_DEPTH} levels")),
        });
    }
    Some(match first {
        0x60 => initial_context_token(bytes, depth),
        0xa0 | 0xa1 => SecurityToken::Spnego(negotiation_token(bytes, false, depth)),
        _ => SecurityToken::Kerberos(kerberos::decode_message(bytes)),
    })
}

/// `60 L 06 <mech OID> <inner>` (RFC 2743 §3.1).
fn initial_context_token(bytes: &[u8], depth: usize) -> SecurityToken {
    let mut problems = Vec::new();
    let opaque = |mechanism, problems: Vec<String>| SecurityToken::Opaque {
        mechanism,
        bytes: bytes.len(),
        problem: problems.into_iter().next(),
    };
    let Some(outer) = element(bytes, "InitialContextToken", &mut problems) else {
        return opaque(None, problems);
    };
    let oid = element(outer.content, "thisMech OID", &mut problems).filter(|e| {
        let ok = e.class == Class::Universal && e.tag == 6;
        if !ok {
            problems.push("the InitialContextToken does not start with an OID".into());
        }
        ok
    });
    let Some(oid) = oid else {
        return opaque(None, problems);
    };
    let mechanism = Mechanism::from_oid(oid.content);
    match mechanism {
        Mechanism::Spnego => {
            let mut spnego = negotiation_token(oid.rest, true, depth);
            problems.append(&mut spnego.problems);
            spnego.problems = problems;
            SecurityToken::Spnego(spnego)
        }
        Mechanism::Kerberos | Mechanism::MsKerberos | Mechanism::KerberosUserToUser => {
            let mut krb = kerberos::decode_gss_inner(oid.rest);
            krb.problems.splice(0..0, problems);
            SecurityToken::Kerberos(krb)
        }
        other => opaque(Some(other), problems),
    }
}

/// A NegotiationToken: `A0` NegTokenInit or `A1` NegTokenResp.
fn negotiation_token(bytes: &[u8], framed: bool, depth: usize) -> Spnego {
    let mut problems = Vec::new();
    let choice = element(bytes, "SPNEGO NegotiationToken", &mut problems);
    let is_resp = choice
        .as_ref()
        .is_some_and(|c| c.class == Class::ContextSpecific && c.tag == 1);
    let mut message = if is_resp {
        SpnegoMessage::NegTokenResp {
            neg_state: None,
            supported_mech: None,
            response_token: None,
            mech_list_mic: false,
        }
    } else {
        SpnegoMessage::NegTokenInit {
            mech_types: Vec::new(),
            mech_token: None,
            hint_name: None,
            mech_list_mic: false,
        }
    };
    match choice {
        Some(c) if c.class == Class::ContextSpecific && c.tag <= 1 => {
            match element(c.content, "SPNEGO SEQUENCE", &mut problems) {
                Some(s) if s.class == Class::Universal && s.tag == 16 => {
                    fill(&mut message, s.content, depth, &mut problems);
                }
                Some(_) => problems.push("the SPNEGO token does not hold a SEQUENCE".into()),
                None => {}
            }
        }
        Some(c) => problems.push(format!(
            "the SPNEGO token is neither NegTokenInit [0] nor NegTokenResp [1] (tag {})",
            c.tag
        )),
        None => {}
    }
    Spnego {
        framed,
        message,
        problems,
    }
}

/// Walks the fields of a NegTokenInit or NegTokenResp SEQUENCE.
fn fill(message: &mut SpnegoMessage, mut fields: &[u8], depth: usize, problems: &mut Vec<String>) {
    while !fields.is_empty() {
        let Some(field) = element(fields, "SPNEGO field", problems) else {
            return;
        };
        fields = field.rest;
        if field.class != Class::ContextSpecific {
            problems.push(format!(
                "a SPNEGO field has tag {} outside the context class",
                field.tag
            ));
            return;
        }
        let Some(value) = element(field.content, "SPNEGO field value", problems) else {
            return;
        };
        let inner = |problems: &mut Vec<String>| octet_token(&value, depth, problems);
        match (&mut *message, field.tag) {
            (SpnegoMessage::NegTokenInit { mech_types, .. }, 0) => {
                *mech_types = oid_list(&value, problems);
            }
            (SpnegoMessage::NegTokenInit { mech_token, .. }, 2) => *mech_token = inner(problems),
            (SpnegoMessage::NegTokenInit { hint_name, .. }, 3) if value.tag == 16 => {
                *hint_name = hint(value.content, problems);
            }
            (SpnegoMessage::NegTokenInit { mech_list_mic, .. }, 3 | 4)
            | (SpnegoMessage::NegTokenResp { mech_list_mic, .. }, 3) => *mech_list_mic = true,
            (SpnegoMessage::NegTokenResp { neg_state, .. }, 0) => {
                *neg_state = match (value.tag, value.content) {
                    (10, [0]) => Some(NegState::AcceptCompleted),
                    (10, [1]) => Some(NegState::AcceptIncomplete),
                    (10, [2]) => Some(NegState::Reject),
                    (10, [3]) => Some(NegState::RequestMic),
                    _ => {
                        problems.push("negState is not an ENUMERATED 0 to 3".into());
                        None
                    }
                };
            }
            (SpnegoMessage::NegTokenResp { supported_mech, .. }, 1) if value.tag == 6 => {
                *supported_mech = Some(Mechanism::from_oid(value.content));
            }
            (SpnegoMessage::NegTokenResp { response_token, .. }, 2) => *response_token = inner(problems),
            (_, 1) => {} // reqFlags
            (_, tag) => problems.push(format!("unexpected SPNEGO field [{tag}]")),
        }
    }
}

/// An OCTET STRING holding a token of some mechanism.
fn octet_token(value: &Element<'_>, depth: usize, problems: &mut Vec<String>) -> Option<Box<SecurityToken>> {
    if value.class != Class::Universal || value.tag != 4 {
        problems.push("a SPNEGO token field is not an OCTET STRING".into());
        return None;
    }
    let token = decode_nested(value.content, depth.saturating_add(1)).unwrap_or(SecurityToken::Opaque {
        mechanism: None,
        bytes: value.content.len(),
        problem: None,
    });
    Some(Box::new(token))
}

/// mechTypes: a SEQUENCE OF OID.
fn oid_list(value: &Element<'_>, problems: &mut Vec<String>) -> Vec<Mechanism> {
    let mut out = Vec::new();
    if value.tag != 16 {
        problems.push("mechTypes is not a SEQUENCE".into());
        return out;
    }
    let mut rest = value.content;
    while !rest.is_empty() {
        let Some(oid) = element(rest, "mechType", problems) else {
            break;
        };
        rest = oid.rest;
        if oid.tag != 6 {
            problems.push("a mechType is not an OID".into());
            break;
        }
        if out.len() >= MAX_MECH_TYPES {
            problems.push(format!(
                "more than {MAX_MECH_TYPES} mechTypes; the rest are not kept"
            ));
            break;
        }
        out.push(Mechanism::from_oid(oid.content));
    }
    out
}

/// negHints: `SEQUENCE { hintName [0] GeneralString OPTIONAL, hintAddress [1] OPTIONAL }`.
fn hint(content: &[u8], problems: &mut Vec<String>) -> Option<String> {
    let field = element(content, "negHints field", problems)?;
    if field.tag != 0 {
        return None;
    }
    let name = element(field.content, "hintName", problems)?;
    Some(String::from_utf8_lossy(name.content).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use smtpscope_synth::tokens as enc;

    fn ap_req() -> Vec<u8> {
        let sname = enc::principal(2, &["SMTPSVC", "mail2.contoso.com"]);
        let ticket = enc::ticket("CONTOSO.COM", &sname, &enc::encrypted_data(23, Some(7), &[9; 40]));
        enc::ap_req(&[2], &ticket, &enc::encrypted_data(23, None, &[8; 30]))
    }

    fn windows_init(mech_token: &[u8]) -> Vec<u8> {
        enc::spnego_init(&enc::NegTokenInitSpec {
            mech_types: &[enc::OID_MS_KRB5, enc::OID_KRB5, enc::OID_NTLMSSP, enc::OID_NEGOEX],
            mech_token: Some(mech_token),
            ..Default::default()
        })
    }

    fn spnego(token: Option<SecurityToken>) -> Spnego {
        match token {
            Some(SecurityToken::Spnego(s)) => s,
            other => panic!("not SPNEGO: {other:?}"),
        }
    }

    #[test]
    fn mechanism_oids_are_named() {
        assert_eq!(Mechanism::from_oid(&enc::OID_KRB5[2..]), Mechanism::Kerberos);
        assert_eq!(Mechanism::from_oid(&enc::OID_MS_KRB5[2..]), Mechanism::MsKerberos);
        assert_eq!(Mechanism::from_oid(&enc::OID_NTLMSSP[2..]), Mechanism::Ntlmssp);
        assert_eq!(Mechanism::from_oid(&enc::OID_NEGOEX[2..]), Mechanism::NegoEx);
        assert_eq!(Mechanism::from_oid(&enc::OID_SPNEGO[2..]), Mechanism::Spnego);
        // 1.2.840.113549 (RSA) is not named.
        assert_eq!(
            Mechanism::from_oid(&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d]).name(),
            "1.2.840.113549"
        );
        assert_eq!(serde_json::to_value(Mechanism::MsKerberos).unwrap(), "ms-krb5");
    }

    #[test]
    fn neg_token_init_with_a_kerberos_mech_token() {
        let s = spnego(decode(&windows_init(&enc::krb5_token(
            enc::TOK_AP_REQ,
            &ap_req(),
        ))));
        assert!(s.framed);
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        let SpnegoMessage::NegTokenInit {
            mech_types,
            mech_token,
            hint_name,
            mech_list_mic,
        } = &s.message
        else {
            panic!("{s:?}")
        };
        assert_eq!(
            mech_types,
            &[
                Mechanism::MsKerberos,
                Mechanism::Kerberos,
                Mechanism::Ntlmssp,
                Mechanism::NegoEx
            ]
        );
        assert_eq!((hint_name, mech_list_mic), (&None, &false));
        let Some(SecurityToken::Kerberos(k)) = mech_token.as_deref() else {
            panic!("{mech_token:?}")
        };
        let kerberos::KerberosMessage::ApReq(req) = &k.message else {
            panic!("{k:?}")
        };
        assert_eq!(req.service, "SMTPSVC/mail2.contoso.com");
        assert_eq!(
            SecurityToken::Spnego(s.clone()).mechanism(),
            Some(Mechanism::Kerberos)
        );
    }

    #[test]
    fn neg_token_init_carrying_ntlm_names_ntlmssp_as_sent() {
        let ntlm = enc::ntlm_negotiate();
        let token = decode(&windows_init(&ntlm)).unwrap();
        assert_eq!(token.mechanism(), Some(Mechanism::Ntlmssp));
        assert!(matches!(token.inner(), Some(SecurityToken::Ntlm(_))));
    }

    #[test]
    fn neg_token_init2_hint_name_and_mic() {
        let bytes = enc::spnego_init(&enc::NegTokenInitSpec {
            mech_types: &[enc::OID_NTLMSSP],
            mech_token: None,
            hint_name: Some("not_defined_in_RFC4178@please_ignore"),
            mech_list_mic: Some(&[1, 2, 3]),
        });
        let s = spnego(decode(&bytes));
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        let SpnegoMessage::NegTokenInit {
            hint_name,
            mech_list_mic,
            ..
        } = s.message
        else {
            panic!()
        };
        assert_eq!(hint_name.as_deref(), Some("not_defined_in_RFC4178@please_ignore"));
        assert!(mech_list_mic);
    }

    #[test]
    fn neg_token_resp_reject_and_accept() {
        let bytes = enc::spnego_resp(&enc::NegTokenRespSpec {
            neg_state: Some(2),
            ..Default::default()
        });
        let s = spnego(decode(&bytes));
        assert!(!s.framed);
        assert_eq!(
            s.message,
            SpnegoMessage::NegTokenResp {
                neg_state: Some(NegState::Reject),
                supported_mech: None,
                response_token: None,
                mech_list_mic: false
            }
        );
        let rep = enc::krb5_token(
            enc::TOK_AP_REP,
            &enc::ap_rep(&enc::encrypted_data(18, None, &[1; 20])),
        );
        let bytes = enc::spnego_resp(&enc::NegTokenRespSpec {
            neg_state: Some(0),
            supported_mech: Some(enc::OID_MS_KRB5),
            response_token: Some(&rep),
            mech_list_mic: Some(&[0; 16]),
        });
        let token = decode(&bytes).unwrap();
        assert_eq!(token.mechanism(), Some(Mechanism::Kerberos));
        let s = spnego(Some(token));
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        let SpnegoMessage::NegTokenResp {
            neg_state,
            supported_mech,
            mech_list_mic,
            ..
        } = s.message
        else {
            panic!()
        };
        assert_eq!(
            (neg_state, supported_mech, mech_list_mic),
            (Some(NegState::AcceptCompleted), Some(Mechanism::MsKerberos), true)
        );
    }

    #[test]
    fn every_truncation_keeps_what_was_valid_and_never_panics() {
        let bytes = windows_init(&enc::krb5_token(enc::TOK_AP_REQ, &ap_req()));
        for end in 1..bytes.len() {
            match decode(&bytes[..end]) {
                Some(SecurityToken::Spnego(s)) => assert!(!s.problems.is_empty(), "at {end}"),
                // Cut inside the 4-byte outer header or the 8-byte SPNEGO OID.
                Some(SecurityToken::Opaque { problem: Some(_), .. }) => assert!(end < 12, "at {end}"),
                other => panic!("at {end}: {other:?}"),
            }
        }
        // Cut inside the mechToken: the mechanism list is still there.
        let s = spnego(decode(&bytes[..bytes.len() - 10]));
        let SpnegoMessage::NegTokenInit { mech_types, .. } = &s.message else {
            panic!()
        };
        assert_eq!(mech_types.len(), 4);
        assert!(s.problems[0].contains("claims"), "{:?}", s.problems);
    }

    #[test]
    fn wrong_tags_are_problems() {
        // 0x60 whose content starts with an INTEGER instead of an OID.
        let bytes = enc::tlv(0x60, &enc::int(5));
        let Some(SecurityToken::Opaque { problem, .. }) = decode(&bytes) else {
            panic!()
        };
        assert!(problem.unwrap().contains("OID"));
        // NegTokenInit [0] holding an OCTET STRING instead of a SEQUENCE.
        let bytes = enc::initial_context_token(enc::OID_SPNEGO, &enc::explicit(0, &enc::octets(&[1])));
        assert_eq!(
            spnego(decode(&bytes)).problems,
            ["the SPNEGO token does not hold a SEQUENCE"]
        );
        // A choice of [2].
        let bytes = enc::initial_context_token(enc::OID_SPNEGO, &enc::explicit(2, &enc::seq(&[])));
        assert!(spnego(decode(&bytes)).problems[0].contains("neither"));
        // mechTypes holding an INTEGER.
        let bytes = enc::initial_context_token(
            enc::OID_SPNEGO,
            &enc::explicit(0, &enc::seq(&[&enc::explicit(0, &enc::seq(&[&enc::int(1)]))])),
        );
        assert_eq!(spnego(decode(&bytes)).problems, ["a mechType is not an OID"]);
        // negState out of range.
        let bytes = enc::tlv(0xa1, &enc::seq(&[&enc::explicit(0, &enc::tlv(0x0a, &[9]))]));
        assert_eq!(
            spnego(decode(&bytes)).problems,
            ["negState is not an ENUMERATED 0 to 3"]
        );
    }

    #[test]
    fn absurd_lengths_and_indefinite_forms_are_problems() {
        // 0x60 claiming 2^32 - 1 bytes.
        let bytes = [
            0x60, 0x84, 0xff, 0xff, 0xff, 0xff, 0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02,
        ];
        let s = spnego(decode(&bytes));
        assert!(
            s.problems[0].contains("claims 4294967295 bytes"),
            "{:?}",
            s.problems
        );
        // A length of length 0x7f is invalid; indefinite length is not DER.
        assert!(matches!(
            decode(&[0x60, 0xff, 0]),
            Some(SecurityToken::Opaque { .. })
        ));
        assert!(matches!(
            decode(&[0x60, 0x80, 0, 0]),
            Some(SecurityToken::Opaque { .. })
        ));
    }

    #[test]
    fn nesting_is_bounded() {
        let mut token = enc::ntlm_negotiate();
        for _ in 0..50 {
            token = windows_init(&token);
        }
        let mut depth = 0;
        let mut at = decode(&token).unwrap();
        while let SecurityToken::Spnego(Spnego {
            message:
                SpnegoMessage::NegTokenInit {
                    mech_token: Some(inner),
                    ..
                },
            ..
        }) = at
        {
            at = *inner;
            depth += 1;
        }
        assert_eq!(depth, MAX_DEPTH + 1);
        assert!(matches!(at, SecurityToken::Opaque { problem: Some(p), .. } if p.contains("nested")));
    }

    #[test]
    fn other_first_octets_are_not_security_tokens() {
        assert_eq!(decode(b""), None);
        assert_eq!(decode(b"\0alice\0secret"), None);
        assert_eq!(decode(b"GSSAPI supported"), None);
    }
}
