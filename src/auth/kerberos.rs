//! Kerberos messages inside GSS tokens ([RFC 4121] §4.1 token ids, [RFC 4120] §5.5.1 AP-REQ,
//! §5.5.2 AP-REP, §5.9.1 KRB-ERROR): the facts a mail administrator needs, none of the cipher.
//!
//! Owns the RFC 4121 token id (`01 00` AP-REQ, `02 00` AP-REP, `03 00` KRB-ERROR) and turning
//! rusticata's `kerberos-parser` structures into a small owned summary: ticket realm, service
//! principal and name type, etypes and key version, ap-options mutual-required; KRB-ERROR code
//! by its RFC 4120 §7.5.9 name, e-text, realm, service and server time.
//!
//! Contract: never panics; a message that does not parse is reported with the parser's reason
//! in [`Kerberos::problems`] and its kind (from the token id or the application tag) kept.
//! Cipher texts (ticket, authenticator, AP-REP part) are secrets and are never kept, only
//! their lengths. Limits: decoding is all-or-nothing per message (the parser has no partial
//! results). Must not: know SMTP, judge.

use der_parser::asn1_rs::FromDer;
use kerberos_parser::krb5::{ApRep, ApReq, EncryptionType, ErrorCode, KrbError, PrincipalName};
use serde::Serialize;

use super::gss::describe_error;

/// A number with its name from the RFC tables, when it has one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Named {
    /// The number on the wire.
    pub code: i32,
    /// Its name (`rc4-hmac`, `KRB_AP_ERR_MODIFIED`, `KRB_NT_SRV_INST`).
    pub name: Option<String>,
}

impl Named {
    /// `code` named by the Debug form of a kerberos-parser newtype, which prints unknown values
    /// as `Type(n)`.
    fn from_debug(code: i32, debug: String) -> Named {
        let known = !debug.ends_with(')');
        Named {
            code,
            name: known.then_some(debug),
        }
    }

    fn etype(e: EncryptionType) -> Named {
        Named::from_debug(e.0, format!("{e:?}"))
    }
}

/// What a client's AP-REQ shows in clear.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ApRequest {
    /// The ticket's realm (`CONTOSO.COM`).
    pub realm: String,
    /// The service principal, components joined by `/` (`SMTPSVC/mail2.contoso.com`).
    pub service: String,
    /// The service principal's name type (normally 2, KRB_NT_SRV_INST).
    pub name_type: Named,
    /// The ticket's encryption type.
    pub ticket_etype: Named,
    /// The key version the ticket is encrypted under.
    pub ticket_kvno: Option<u32>,
    /// The ticket's cipher length (the cipher is not kept).
    pub ticket_cipher_bytes: usize,
    /// The authenticator's encryption type.
    pub authenticator_etype: Named,
    /// ap-options mutual-required (bit 2).
    pub mutual_required: bool,
}

/// What a KRB-ERROR says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ErrorReport {
    /// error-code, named per RFC 4120 §7.5.9.
    pub error: Named,
    /// e-text.
    pub e_text: Option<String>,
    /// The service realm.
    pub realm: String,
    /// The service principal, components joined by `/`.
    pub service: String,
    /// The client principal `name@realm`, when the error names one.
    pub client: Option<String>,
    /// The server's time (stime).
    pub stime: String,
}

/// Which Kerberos message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "message", rename_all = "snake_case")]
pub enum KerberosMessage {
    /// KRB_AP_REQ.
    ApReq(ApRequest),
    /// KRB_AP_REP (mutual authentication); only its etype is in clear.
    ApRep {
        /// enc-part etype.
        etype: Named,
    },
    /// KRB_ERROR.
    KrbError(ErrorReport),
    /// A message that did not decode; `kind` says what its token id or tag announced.
    Undecoded {
        /// `ap_req`, `ap_rep`, `krb_error` or `unknown`.
        kind: &'static str,
    },
}

/// One Kerberos message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Kerberos {
    /// What it is and says.
    #[serde(flatten)]
    pub message: KerberosMessage,
    /// What could not be decoded, one sentence each.
    pub problems: Vec<String>,
}

impl Kerberos {
    /// `AP-REQ`, `AP-REP`, `KRB-ERROR`, or `message (undecoded)`.
    pub fn message_name(&self) -> &'static str {
        match &self.message {
            KerberosMessage::ApReq(_) => "AP-REQ",
            KerberosMessage::ApRep { .. } => "AP-REP",
            KerberosMessage::KrbError(_) => "KRB-ERROR",
            KerberosMessage::Undecoded { .. } => "message (undecoded)",
        }
    }
}

fn principal(name: &PrincipalName) -> String {
    name.name_string.join("/")
}

fn undecoded(kind: &'static str, problem: String) -> Kerberos {
    Kerberos {
        message: KerberosMessage::Undecoded { kind },
        problems: vec![problem],
    }
}

/// Decodes the bytes after the Kerberos OID of a GSS InitialContextToken: the 2-octet token id
/// and the message.
pub fn decode_gss_inner(bytes: &[u8]) -> Kerberos {
    let Some((tok_id, message)) = bytes.split_at_checked(2) else {
        return undecoded("unknown", "the Kerberos token ends before its token id".into());
    };
    let expected = match tok_id {
        [0x01, 0x00] => 0x6e,
        [0x02, 0x00] => 0x6f,
        [0x03, 0x00] => 0x7e,
        _ => {
            return undecoded(
                "unknown",
                format!(
                    "unknown Kerberos token id {:02x}{:02x}",
                    tok_id.first().unwrap_or(&0),
                    tok_id.get(1).unwrap_or(&0)
                ),
            )
        }
    };
    match message.first() {
        Some(&tag) if tag == expected => decode_message(message),
        _ => undecoded(
            kind_of(expected),
            format!(
                "the token id announces a {} but the message does not start with it",
                kind_name(expected)
            ),
        ),
    }
}

fn kind_of(tag: u8) -> &'static str {
    match tag {
        0x6e => "ap_req",
        0x6f => "ap_rep",
        0x7e => "krb_error",
        _ => "unknown",
    }
}

fn kind_name(tag: u8) -> &'static str {
    match tag {
        0x6e => "AP-REQ",
        0x6f => "AP-REP",
        0x7e => "KRB-ERROR",
        _ => "Kerberos message",
    }
}

/// Decodes a raw Kerberos message by its application tag (`6E`, `6F`, `7E`).
pub fn decode_message(bytes: &[u8]) -> Kerberos {
    let tag = bytes.first().copied().unwrap_or(0);
    let failed = |e| {
        undecoded(
            kind_of(tag),
            format!("the {} does not decode ({})", kind_name(tag), describe_error(&e)),
        )
    };
    let message = match tag {
        0x6e => match ApReq::from_der(bytes) {
            Ok((_, req)) => KerberosMessage::ApReq(ApRequest {
                realm: req.ticket.realm.0.clone(),
                service: principal(&req.ticket.sname),
                name_type: Named::from_debug(
                    req.ticket.sname.name_type.0,
                    format!("{:?}", req.ticket.sname.name_type),
                ),
                ticket_etype: Named::etype(req.ticket.enc_part.etype),
                ticket_kvno: req.ticket.enc_part.kvno,
                ticket_cipher_bytes: req.ticket.enc_part.cipher.len(),
                authenticator_etype: Named::etype(req.authenticator.etype),
                mutual_required: req.ap_options.is_set(2),
            }),
            Err(e) => return failed(e),
        },
        0x6f => match ApRep::from_der(bytes) {
            Ok((_, rep)) => KerberosMessage::ApRep {
                etype: Named::etype(rep.enc_part.etype),
            },
            Err(e) => return failed(e),
        },
        0x7e => match KrbError::from_der(bytes) {
            Ok((_, err)) => KerberosMessage::KrbError(error_report(&err)),
            Err(e) => return failed(e),
        },
        _ => return undecoded("unknown", format!("tag {tag:#04x} is not a Kerberos AP message")),
    };
    Kerberos {
        message,
        problems: Vec::new(),
    }
}

fn error_report(err: &KrbError<'_>) -> ErrorReport {
    let code: ErrorCode = err.error_code;
    ErrorReport {
        error: Named::from_debug(code.0, format!("{code:?}")),
        e_text: err.etext.clone(),
        realm: err.realm.0.clone(),
        service: principal(&err.sname),
        client: err.cname.as_ref().map(|c| match &err.crealm {
            Some(realm) => format!("{}@{}", principal(c), realm.0),
            None => principal(c),
        }),
        stime: err.stime.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use smtpscope_synth::tokens as enc;

    fn sname() -> Vec<u8> {
        enc::principal(2, &["SMTPSVC", "mail2.contoso.com"])
    }

    fn ap_req(options: &[u8]) -> Vec<u8> {
        let ticket = enc::ticket(
            "CONTOSO.COM",
            &sname(),
            &enc::encrypted_data(18, Some(3), &[7; 50]),
        );
        enc::ap_req(options, &ticket, &enc::encrypted_data(23, None, &[8; 30]))
    }

    #[test]
    fn ap_req_realm_service_etypes_kvno_and_options() {
        let k = decode_gss_inner(&[&enc::TOK_AP_REQ[..], &ap_req(&[2])].concat());
        assert!(k.problems.is_empty(), "{:?}", k.problems);
        assert_eq!(
            k.message,
            KerberosMessage::ApReq(ApRequest {
                realm: "CONTOSO.COM".into(),
                service: "SMTPSVC/mail2.contoso.com".into(),
                name_type: Named {
                    code: 2,
                    name: Some("KRB_NT_SRV_INST".into())
                },
                ticket_etype: Named {
                    code: 18,
                    name: Some("aes256-cts-hmac-sha1-96".into())
                },
                ticket_kvno: Some(3),
                ticket_cipher_bytes: 50,
                authenticator_etype: Named {
                    code: 23,
                    name: Some("rc4-hmac".into())
                },
                mutual_required: true,
            })
        );
        let KerberosMessage::ApReq(no_mutual) = decode_message(&ap_req(&[])).message else {
            panic!()
        };
        assert!(!no_mutual.mutual_required);
    }

    #[test]
    fn krb_error_code_by_name_with_e_text() {
        for (code, name) in [
            (41, "KRB_AP_ERR_MODIFIED"),
            (37, "KRB_AP_ERR_SKEW"),
            (32, "KRB_AP_ERR_TKT_EXPIRED"),
            (7, "KDC_ERR_S_PRINCIPAL_UNKNOWN"),
        ] {
            let bytes = enc::krb_error(&enc::KrbErrorSpec {
                stime: "20240102030405Z",
                code,
                realm: "CONTOSO.COM",
                sname: &sname(),
                e_text: Some("wrong key"),
            });
            let k = decode_gss_inner(&[&enc::TOK_KRB_ERROR[..], &bytes].concat());
            let KerberosMessage::KrbError(e) = k.message else {
                panic!("{k:?}")
            };
            assert_eq!(
                e.error,
                Named {
                    code: code as i32,
                    name: Some(name.into())
                }
            );
            assert_eq!(e.e_text.as_deref(), Some("wrong key"));
            assert_eq!(
                (e.realm.as_str(), e.service.as_str()),
                ("CONTOSO.COM", "SMTPSVC/mail2.contoso.com")
            );
            assert!(e.stime.contains("2024"), "{}", e.stime);
        }
        // An unknown code keeps its number without a name.
        let bytes = enc::krb_error(&enc::KrbErrorSpec {
            stime: "20240102030405Z",
            code: 999,
            realm: "R",
            sname: &sname(),
            e_text: None,
        });
        let KerberosMessage::KrbError(e) = decode_message(&bytes).message else {
            panic!()
        };
        assert_eq!(
            e.error,
            Named {
                code: 999,
                name: None
            }
        );
    }

    #[test]
    fn ap_rep_etype() {
        let k = decode_gss_inner(
            &[
                &enc::TOK_AP_REP[..],
                &enc::ap_rep(&enc::encrypted_data(17, None, &[1; 9])),
            ]
            .concat(),
        );
        assert_eq!(
            k.message,
            KerberosMessage::ApRep {
                etype: Named {
                    code: 17,
                    name: Some("aes128-cts-hmac-sha1-96".into())
                }
            }
        );
    }

    #[test]
    fn truncations_wrong_ids_and_tags_are_problems() {
        let whole = [&enc::TOK_AP_REQ[..], &ap_req(&[2])].concat();
        for end in 0..whole.len() {
            let k = decode_gss_inner(&whole[..end]);
            assert_eq!(k.problems.len(), 1, "at {end}");
            assert!(matches!(k.message, KerberosMessage::Undecoded { .. }), "at {end}");
        }
        let k = decode_gss_inner(&[0x04, 0x04, 0x6e]);
        assert_eq!(k.problems, ["unknown Kerberos token id 0404"]);
        let k = decode_gss_inner(&[&enc::TOK_AP_REP[..], &ap_req(&[2])].concat());
        assert_eq!(k.message, KerberosMessage::Undecoded { kind: "ap_rep" });
        // The right tag around the wrong body.
        let k = decode_message(&enc::tlv(0x6e, &enc::int(5)));
        assert_eq!(k.message, KerberosMessage::Undecoded { kind: "ap_req" });
        assert!(
            k.problems[0].starts_with("the AP-REQ does not decode"),
            "{:?}",
            k.problems
        );
    }
}
