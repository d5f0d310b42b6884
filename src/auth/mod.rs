//! What SASL tokens carry: the security-package messages and credentials inside AUTH and X-EXPS
//! exchanges, and the facts about an exchange that reports and findings need.
//!
//! Owns decoding of token bytes that [`crate::smtp`] kept (base64 already removed) into
//! [`TokenSummary`]s (one per token, through [`summarize`] only), the [`Identity`] an exchange
//! reveals and its [`Analysis`] (mechanisms offered vs sent, SPNEGO reject, KRB-ERROR). The
//! decoders: [`gss`] (GSS-API framing, SPNEGO, dispatch), [`kerberos`], [`ntlm`], [`sasl`] (PLAIN,
//! LOGIN, CRAM-MD5, XOAUTH2). EXCHANGEAUTH is recognised and left opaque (its blob is bound to
//! the TLS channel and not public).
//!
//! Contract: every length and offset from the wire is checked; what cannot be decoded becomes a
//! problem sentence, never a panic or a guess. Secrets (passwords, CRAM digests, OAuth tokens)
//! are only ever copied out under [`Secrets::Reveal`]; NTLM responses, session keys and Kerberos
//! cipher texts are never kept at all. Must not: know SMTP framing, judge outcomes, or print.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

pub mod gss;
pub mod kerberos;
pub mod ntlm;
pub mod sasl;

use serde::Serialize;

use crate::net::Direction;
use crate::smtp::dialogue::{AuthExchange, SaslToken};
use gss::{Mechanism, NegState, SecurityToken, SpnegoMessage};
use kerberos::{ErrorReport, KerberosMessage};

/// What replaces a secret in reports.
pub const REDACTED: &str = "<redacted>";

/// Whether secrets are copied into summaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Secrets {
    /// Secrets become [`REDACTED`].
    Redact,
    /// Secrets are shown (`--show-secrets`).
    Reveal,
}

impl Secrets {
    /// `value` as text, or [`REDACTED`].
    fn show(self, value: &[u8]) -> String {
        match self {
            Secrets::Redact => REDACTED.into(),
            Secrets::Reveal => sasl::text(value),
        }
    }
}

/// What one token of an exchange says, decoded for its mechanism.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "format", rename_all = "snake_case")]
pub enum TokenSummary {
    /// An empty line or an empty `334 `.
    Empty,
    /// The client cancelled with `*`.
    Cancel,
    /// A server 334 text that is not base64 (`GSSAPI supported`).
    Text {
        /// The text.
        text: String,
    },
    /// A readable server challenge: LOGIN's `Username:`, a CRAM-MD5 challenge, an XOAUTH2 error.
    Challenge {
        /// The decoded text.
        text: String,
    },
    /// A GSS-API, SPNEGO, Kerberos or NTLMSSP token.
    Security(Box<SecurityToken>),
    /// AUTH PLAIN.
    Plain {
        /// The authorisation identity (empty: the same as the user).
        authzid: String,
        /// The authentication identity.
        user: String,
        /// The password, or `<redacted>`.
        password: String,
    },
    /// A LOGIN user name line.
    LoginUser {
        /// The user name.
        user: String,
    },
    /// A LOGIN password line.
    LoginPassword {
        /// The password, or `<redacted>`.
        password: String,
    },
    /// A CRAM-MD5 response.
    CramMd5 {
        /// The user name.
        user: String,
        /// The HMAC-MD5 digest, or `<redacted>`.
        digest: String,
    },
    /// An XOAUTH2 response.
    Xoauth2 {
        /// The user.
        user: Option<String>,
        /// `Bearer <token>`, or `<redacted>`.
        token: Option<String>,
    },
    /// A token of a mechanism that is not decoded (EXCHANGEAUTH, unknown ones): its size only.
    Opaque {
        /// Its length.
        bytes: usize,
    },
    /// A token that does not have its mechanism's shape, or a line that is not base64.
    Undecoded {
        /// Why, in one sentence.
        problem: String,
    },
}

/// Who authenticated, as far as the tokens say.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Identity {
    /// From an NTLM AUTHENTICATE message.
    Ntlm {
        /// The domain (NetBIOS name for machine accounts).
        domain: Option<String>,
        /// The user (`HOST$` for an Exchange server's machine account).
        user: Option<String>,
        /// The client's workstation name.
        workstation: Option<String>,
    },
    /// From a Kerberos AP-REQ: the ticket names the service, not the client (whose name is in
    /// the encrypted part); a KRB-ERROR may name the client.
    Kerberos {
        /// The ticket's realm.
        realm: String,
        /// The service principal (`SMTPSVC/mail2.contoso.com`).
        service: String,
        /// The client principal, when a KRB-ERROR named it.
        client: Option<String>,
    },
    /// From an AUTH PLAIN response.
    Plain {
        /// The authorisation identity (empty: the same as the user).
        authzid: String,
        /// The authentication identity.
        user: String,
    },
    /// From a LOGIN (or X-EXPS LOGIN) user name line.
    Login {
        /// The user name.
        user: String,
    },
    /// From a CRAM-MD5 response.
    CramMd5 {
        /// The user name.
        user: String,
    },
    /// From an XOAUTH2 response.
    Xoauth2 {
        /// The user.
        user: String,
    },
}

/// Decodes a server line of a plain mechanism: readable text is a challenge, anything else opaque.
fn challenge(bytes: &[u8]) -> TokenSummary {
    match std::str::from_utf8(bytes) {
        Ok(text) if !text.chars().any(char::is_control) => TokenSummary::Challenge { text: text.into() },
        _ => TokenSummary::Opaque { bytes: bytes.len() },
    }
}

/// One token of `mechanism`, given the previous server token and how many client tokens came
/// before it (LOGIN needs both).
fn summarize_token(
    mechanism: &str,
    token: &SaslToken,
    prompt: Option<&[u8]>,
    client_before: usize,
    secrets: Secrets,
) -> TokenSummary {
    if token.cancel {
        return TokenSummary::Cancel;
    }
    if !token.base64 {
        return match &token.text {
            Some(text) => TokenSummary::Text { text: text.clone() },
            None => TokenSummary::Undecoded {
                problem: format!("the line is not valid base64 ({} bytes)", token.bytes.len()),
            },
        };
    }
    let bytes = token.bytes.as_slice();
    if bytes.is_empty() {
        return TokenSummary::Empty;
    }
    let from_server = token.dir == Direction::ServerToClient;
    let undecoded = |problem| TokenSummary::Undecoded { problem };
    match mechanism {
        "PLAIN" | "LOGIN" | "CRAM-MD5" | "XOAUTH2" if from_server => challenge(bytes),
        "PLAIN" => sasl::plain(bytes).map_or_else(undecoded, |p| TokenSummary::Plain {
            authzid: p.authzid,
            user: p.authcid,
            password: secrets.show(p.password),
        }),
        "LOGIN" => match sasl::login_field(prompt, client_before) {
            sasl::LoginField::User => TokenSummary::LoginUser {
                user: sasl::text(bytes),
            },
            sasl::LoginField::Password => TokenSummary::LoginPassword {
                password: secrets.show(bytes),
            },
        },
        "CRAM-MD5" => sasl::cram_md5(bytes).map_or_else(undecoded, |(user, digest)| TokenSummary::CramMd5 {
            user,
            digest: secrets.show(digest),
        }),
        "XOAUTH2" => sasl::xoauth2(bytes).map_or_else(undecoded, |r| TokenSummary::Xoauth2 {
            user: r.user,
            token: r.auth.map(|a| secrets.show(a)),
        }),
        "EXCHANGEAUTH" => TokenSummary::Opaque { bytes: bytes.len() },
        _ => gss::decode(bytes).map_or(TokenSummary::Opaque { bytes: bytes.len() }, |token| {
            TokenSummary::Security(Box::new(token))
        }),
    }
}

/// One summary per token of `exchange`, in order, decoded for its mechanism. The single entry
/// point for token decoding: reports and [`analyze`] go through it.
pub fn summarize(exchange: &AuthExchange, secrets: Secrets) -> Vec<TokenSummary> {
    let mut prompt: Option<&[u8]> = None;
    let mut client_before = 0usize;
    exchange
        .tokens
        .iter()
        .map(|token| {
            let summary = summarize_token(&exchange.mechanism, token, prompt, client_before, secrets);
            match token.dir {
                Direction::ServerToClient => prompt = Some(&token.bytes),
                // A prompt answers only the next client line: a lost `Password:` prompt must not
                // make the password pass for a user name.
                Direction::ClientToServer => {
                    prompt = None;
                    client_before = client_before.saturating_add(1);
                }
            }
            summary
        })
        .collect()
}

/// The facts about one exchange that reports and findings use.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Analysis {
    /// Whether SPNEGO (Negotiate) carried the exchange.
    pub spnego: bool,
    /// The mechanisms the client offered in its NegTokenInit, in its order.
    pub offered: Vec<Mechanism>,
    /// The mechanism of the first security token the client actually sent (the mechToken for
    /// SPNEGO).
    pub sent: Option<Mechanism>,
    /// Whether the server answered a NegTokenResp with negState reject.
    pub rejected: bool,
    /// The first KRB-ERROR of the exchange.
    pub krb_error: Option<ErrorReport>,
    /// Who authenticated, as far as the tokens say.
    pub identity: Option<Identity>,
    /// Decoding problems of the exchange's tokens, one sentence each, in token order.
    pub problems: Vec<String>,
}

impl std::fmt::Display for Identity {
    /// `NTLM CONTOSO\EX1$ from EX1`, `Kerberos SMTPSVC/ex2.contoso.com @CONTOSO.COM`, `user alice`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Identity::Ntlm {
                domain,
                user,
                workstation,
            } => write!(
                f,
                "NTLM {}\\{} from {}",
                domain.as_deref().unwrap_or_default(),
                user.as_deref().unwrap_or_default(),
                workstation.as_deref().unwrap_or("?")
            ),
            Identity::Kerberos { realm, service, .. } => write!(f, "Kerberos AP-REQ {service} @{realm}"),
            Identity::Plain { authzid, user } if !authzid.is_empty() && authzid != user => {
                write!(f, "user {user} as {authzid}")
            }
            Identity::Plain { user, .. }
            | Identity::Login { user }
            | Identity::CramMd5 { user }
            | Identity::Xoauth2 { user } => write!(f, "user {user}"),
        }
    }
}

impl Analysis {
    /// What the security package said to refuse the exchange, one phrase each: the KRB-ERROR
    /// (`KRB-ERROR KRB_AP_ERR_MODIFIED (e-text)`) and a SPNEGO `negState` reject.
    pub fn refusals(&self) -> Vec<String> {
        let mut refusals = Vec::new();
        if let Some(e) = &self.krb_error {
            let name = e
                .error
                .name
                .clone()
                .unwrap_or_else(|| format!("error {}", e.error.code));
            refusals.push(match &e.e_text {
                Some(text) => format!("KRB-ERROR {name} ({text})"),
                None => format!("KRB-ERROR {name}"),
            });
        }
        if self.rejected {
            refusals.push("SPNEGO reject".to_string());
        }
        refusals
    }

    /// Whether the client listed a Kerberos mechanism in its NegTokenInit.
    pub fn kerberos_offered(&self) -> bool {
        self.offered.iter().any(Mechanism::is_kerberos)
    }

    /// Kerberos listed but NTLMSSP sent: the client could not get a ticket (PROTOCOL.md §2.2).
    pub fn downgraded_to_ntlm(&self) -> bool {
        self.kerberos_offered() && self.sent == Some(Mechanism::Ntlmssp)
    }
}

/// Problems inside a security token and the tokens it wraps.
fn token_problems(token: &SecurityToken, out: &mut Vec<String>) {
    match token {
        SecurityToken::Spnego(s) => {
            out.extend(s.problems.iter().cloned());
            let inner = match &s.message {
                SpnegoMessage::NegTokenInit { mech_token, .. } => mech_token,
                SpnegoMessage::NegTokenResp { response_token, .. } => response_token,
            };
            if let Some(inner) = inner {
                token_problems(inner, out);
            }
        }
        SecurityToken::Kerberos(k) => out.extend(k.problems.iter().cloned()),
        SecurityToken::Ntlm(n) => out.extend(n.problems.iter().cloned()),
        SecurityToken::Opaque { problem, .. } => out.extend(problem.iter().cloned()),
    }
}

/// The identity one summary reveals.
fn identity_of(summary: &TokenSummary) -> Option<Identity> {
    match summary {
        TokenSummary::Security(token) => match token.inner()? {
            SecurityToken::Ntlm(n) if n.kind == ntlm::NtlmKind::Authenticate => Some(Identity::Ntlm {
                domain: n.domain.clone(),
                user: n.user.clone(),
                workstation: n.workstation.clone(),
            }),
            SecurityToken::Kerberos(k) => match &k.message {
                KerberosMessage::ApReq(req) => Some(Identity::Kerberos {
                    realm: req.realm.clone(),
                    service: req.service.clone(),
                    client: None,
                }),
                _ => None,
            },
            _ => None,
        },
        TokenSummary::Plain { authzid, user, .. } => Some(Identity::Plain {
            authzid: authzid.clone(),
            user: user.clone(),
        }),
        TokenSummary::LoginUser { user } => Some(Identity::Login { user: user.clone() }),
        TokenSummary::CramMd5 { user, .. } => Some(Identity::CramMd5 { user: user.clone() }),
        TokenSummary::Xoauth2 { user: Some(user), .. } => Some(Identity::Xoauth2 { user: user.clone() }),
        _ => None,
    }
}

/// The facts of `exchange`: mechanisms offered and sent, reject, KRB-ERROR, identity, problems.
pub fn analyze(exchange: &AuthExchange) -> Analysis {
    let summaries = summarize(exchange, Secrets::Redact);
    let mut analysis = Analysis::default();
    let mut identities = Vec::new();
    for (token, summary) in exchange.tokens.iter().zip(&summaries) {
        let from_client = token.dir == Direction::ClientToServer;
        match summary {
            TokenSummary::Security(security) => {
                token_problems(security, &mut analysis.problems);
                if let SecurityToken::Spnego(s) = security.as_ref() {
                    analysis.spnego = true;
                    match &s.message {
                        SpnegoMessage::NegTokenInit { mech_types, .. }
                            if from_client && analysis.offered.is_empty() =>
                        {
                            analysis.offered = mech_types.clone();
                        }
                        SpnegoMessage::NegTokenResp {
                            neg_state: Some(NegState::Reject),
                            ..
                        } if !from_client => analysis.rejected = true,
                        _ => {}
                    }
                }
                if from_client && analysis.sent.is_none() {
                    analysis.sent = security.mechanism();
                }
                if let Some(SecurityToken::Kerberos(k)) = security.inner() {
                    if let (KerberosMessage::KrbError(e), None) = (&k.message, &analysis.krb_error) {
                        analysis.krb_error = Some(e.clone());
                    }
                }
            }
            TokenSummary::Undecoded { problem } => analysis.problems.push(problem.clone()),
            _ => {}
        }
        if from_client {
            identities.extend(identity_of(summary));
        }
    }
    // An NTLM AUTHENTICATE names the account; otherwise the first identity the client gave.
    analysis.identity = identities
        .iter()
        .find(|i| matches!(i, Identity::Ntlm { .. }))
        .or(identities.first())
        .cloned();
    if let (Some(Identity::Kerberos { client, .. }), Some(e)) = (&mut analysis.identity, &analysis.krb_error)
    {
        client.clone_from(&e.client);
    }
    analysis
}

/// The identity an exchange's tokens reveal, if any (the `identity` of [`analyze`]).
pub fn identity(exchange: &AuthExchange) -> Option<Identity> {
    analyze(exchange).identity
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::Direction;
    use crate::smtp::dialogue::{AuthOutcome, Position, SaslToken};
    use smtpscope_synth::tokens as enc;

    fn token(dir: Direction, bytes: Vec<u8>) -> SaslToken {
        SaslToken {
            dir,
            at: Position {
                frame: 1,
                ts: Default::default(),
            },
            bytes,
            base64: true,
            text: None,
            cancel: false,
        }
    }

    fn exchange(mechanism: &str, tokens: Vec<SaslToken>) -> AuthExchange {
        AuthExchange {
            verb: "AUTH".into(),
            mechanism: mechanism.into(),
            hash: None,
            at: Position {
                frame: 1,
                ts: Default::default(),
            },
            tokens,
            outcome: AuthOutcome::Success,
            reply: None,
        }
    }

    fn c(bytes: &[u8]) -> SaslToken {
        token(Direction::ClientToServer, bytes.to_vec())
    }

    fn s(bytes: &[u8]) -> SaslToken {
        token(Direction::ServerToClient, bytes.to_vec())
    }

    #[test]
    fn plain_password_is_redacted_unless_revealed() {
        let ex = exchange("PLAIN", vec![c(b"\0alice\0Tr0ub4dor&3")]);
        let plain = |password: &str| TokenSummary::Plain {
            authzid: String::new(),
            user: "alice".into(),
            password: password.into(),
        };
        assert_eq!(summarize(&ex, Secrets::Redact), [plain(REDACTED)]);
        assert_eq!(summarize(&ex, Secrets::Reveal), [plain("Tr0ub4dor&3")]);
        assert_eq!(
            identity(&ex),
            Some(Identity::Plain {
                authzid: String::new(),
                user: "alice".into()
            })
        );
        let bad = exchange("PLAIN", vec![c(b"alice")]);
        assert!(matches!(
            &summarize(&bad, Secrets::Reveal)[0],
            TokenSummary::Undecoded { .. }
        ));
        assert_eq!(analyze(&bad).problems.len(), 1);
    }

    #[test]
    fn login_follows_the_prompts() {
        let ex = exchange(
            "LOGIN",
            vec![s(b"Username:"), c(b"alice"), s(b"Password:"), c(b"pw")],
        );
        assert_eq!(
            summarize(&ex, Secrets::Redact),
            [
                TokenSummary::Challenge {
                    text: "Username:".into()
                },
                TokenSummary::LoginUser { user: "alice".into() },
                TokenSummary::Challenge {
                    text: "Password:".into()
                },
                TokenSummary::LoginPassword {
                    password: REDACTED.into()
                },
            ]
        );
        assert_eq!(identity(&ex), Some(Identity::Login { user: "alice".into() }));
        // The Password: prompt lost from the capture: the second line is still the password.
        let ex = exchange("LOGIN", vec![s(b"Username:"), c(b"alice"), c(b"pw")]);
        assert_eq!(
            summarize(&ex, Secrets::Redact)[2],
            TokenSummary::LoginPassword {
                password: REDACTED.into()
            }
        );
        // A user name starting with 'n' (0x6e, the AP-REQ tag) is not taken for Kerberos.
        let ex = exchange("LOGIN", vec![s(b"Username:"), c(b"nobody")]);
        assert_eq!(
            identity(&ex),
            Some(Identity::Login {
                user: "nobody".into()
            })
        );
    }

    #[test]
    fn cram_md5_and_xoauth2_name_the_user_and_hide_the_secret() {
        let ex = exchange(
            "CRAM-MD5",
            vec![
                s(b"<1896.697170952@postoffice.example.net>"),
                c(b"tim b913a602c7eda7a495b4e6e7334d3890"),
            ],
        );
        assert_eq!(identity(&ex), Some(Identity::CramMd5 { user: "tim".into() }));
        assert_eq!(
            summarize(&ex, Secrets::Redact)[1],
            TokenSummary::CramMd5 {
                user: "tim".into(),
                digest: REDACTED.into()
            }
        );
        let ex = exchange(
            "XOAUTH2",
            vec![c(b"user=bob@example.com\x01auth=Bearer abc\x01\x01")],
        );
        assert_eq!(
            identity(&ex),
            Some(Identity::Xoauth2 {
                user: "bob@example.com".into()
            })
        );
        let json = serde_json::to_string(&summarize(&ex, Secrets::Redact)).unwrap();
        assert!(!json.contains("abc") && json.contains(REDACTED), "{json}");
    }

    #[test]
    fn exchangeauth_is_opaque_and_lines_that_are_not_base64_are_problems() {
        let ex = exchange("EXCHANGEAUTH", vec![c(&[0x60, 1, 2, 3])]);
        assert_eq!(
            summarize(&ex, Secrets::Reveal),
            [TokenSummary::Opaque { bytes: 4 }]
        );
        let mut line = c(b"not base64!");
        line.base64 = false;
        let ex = exchange("GSSAPI", vec![line]);
        assert_eq!(analyze(&ex).problems, ["the line is not valid base64 (11 bytes)"]);
    }

    fn ap_req_token() -> Vec<u8> {
        let sname = enc::principal(2, &["SMTPSVC", "mail2.contoso.com"]);
        let ticket = enc::ticket("CONTOSO.COM", &sname, &enc::encrypted_data(23, Some(5), &[1; 32]));
        enc::krb5_token(
            enc::TOK_AP_REQ,
            &enc::ap_req(&[2], &ticket, &enc::encrypted_data(23, None, &[2; 16])),
        )
    }

    fn windows_init(mech_token: &[u8]) -> Vec<u8> {
        enc::spnego_init(&enc::NegTokenInitSpec {
            mech_types: &[enc::OID_MS_KRB5, enc::OID_KRB5, enc::OID_NTLMSSP],
            mech_token: Some(mech_token),
            ..Default::default()
        })
    }

    #[test]
    fn kerberos_through_spnego_names_the_service() {
        let ex = exchange("GSSAPI", vec![s(b""), c(&windows_init(&ap_req_token()))]);
        let a = analyze(&ex);
        assert!(a.spnego && a.kerberos_offered() && !a.downgraded_to_ntlm() && !a.rejected);
        assert_eq!(a.sent, Some(Mechanism::Kerberos));
        assert_eq!(
            a.identity,
            Some(Identity::Kerberos {
                realm: "CONTOSO.COM".into(),
                service: "SMTPSVC/mail2.contoso.com".into(),
                client: None
            })
        );
        assert_eq!(
            serde_json::to_value(&a.identity).unwrap(),
            serde_json::json!({"kind": "kerberos", "realm": "CONTOSO.COM", "service": "SMTPSVC/mail2.contoso.com", "client": null})
        );
        assert!(a.problems.is_empty(), "{:?}", a.problems);
    }

    #[test]
    fn kerberos_listed_but_ntlm_sent_is_a_downgrade() {
        let challenge = enc::spnego_resp(&enc::NegTokenRespSpec {
            neg_state: Some(1),
            supported_mech: Some(enc::OID_NTLMSSP),
            response_token: Some(&enc::ntlm_challenge("CONTOSO", "EX2", [7; 8])),
            mech_list_mic: None,
        });
        let auth = enc::spnego_resp(&enc::NegTokenRespSpec {
            response_token: Some(&enc::ntlm_authenticate("CONTOSO", "EX1$", "EX1", vec![3; 24])),
            ..Default::default()
        });
        let ex = exchange(
            "GSSAPI",
            vec![c(&windows_init(&enc::ntlm_negotiate())), s(&challenge), c(&auth)],
        );
        let a = analyze(&ex);
        assert_eq!(
            a.offered,
            [Mechanism::MsKerberos, Mechanism::Kerberos, Mechanism::Ntlmssp]
        );
        assert_eq!(a.sent, Some(Mechanism::Ntlmssp));
        assert!(a.downgraded_to_ntlm());
        assert_eq!(
            a.identity,
            Some(Identity::Ntlm {
                domain: Some("CONTOSO".into()),
                user: Some("EX1$".into()),
                workstation: Some("EX1".into())
            })
        );
    }

    #[test]
    fn krb_error_and_reject_are_facts() {
        let error = enc::krb5_token(
            enc::TOK_KRB_ERROR,
            &enc::krb_error(&enc::KrbErrorSpec {
                stime: "20240102030405Z",
                code: 41,
                realm: "CONTOSO.COM",
                sname: &enc::principal(2, &["SMTPSVC", "mail2.contoso.com"]),
                e_text: None,
            }),
        );
        let reject = enc::spnego_resp(&enc::NegTokenRespSpec {
            neg_state: Some(2),
            supported_mech: Some(enc::OID_MS_KRB5),
            response_token: Some(&error),
            mech_list_mic: None,
        });
        let ex = exchange(
            "GSSAPI",
            vec![c(&windows_init(&ap_req_token())), s(&reject), c(b"")],
        );
        let a = analyze(&ex);
        assert!(a.rejected);
        let e = a.krb_error.unwrap();
        assert_eq!(
            (e.error.code, e.error.name.as_deref()),
            (41, Some("KRB_AP_ERR_MODIFIED"))
        );
        // A reject from the client side is not the server's refusal.
        let ex = exchange("GSSAPI", vec![c(&reject)]);
        assert!(!analyze(&ex).rejected);
    }

    #[test]
    fn an_ntlm_authenticate_token_names_the_account() {
        let negotiate = ntlm::tests::build(1, 16, 12, 0x207, &[]);
        let auth = ntlm::tests::authenticate(vec![1; 24], 64);
        let exchange = AuthExchange {
            verb: "X-EXPS".into(),
            mechanism: "NTLM".into(),
            hash: None,
            at: Position {
                frame: 1,
                ts: Default::default(),
            },
            tokens: vec![
                token(Direction::ServerToClient, b"NTLM supported".to_vec()),
                token(Direction::ClientToServer, negotiate),
                token(Direction::ClientToServer, auth),
            ],
            outcome: AuthOutcome::Failure,
            reply: None,
        };
        assert_eq!(
            identity(&exchange),
            Some(Identity::Ntlm {
                domain: Some("CONTOSO".into()),
                user: Some("EX1$".into()),
                workstation: Some("EX1".into()),
            })
        );
        assert_eq!(serde_json::to_value(identity(&exchange)).unwrap()["kind"], "ntlm");
    }
}

/// A server's `334` text as shown without `--show-secrets`: words stay as they are (`GSSAPI
/// supported`), and so does base64 of a short printable prompt (LOGIN's `VXNlcm5hbWU6`, a CRAM-MD5
/// nonce); a token (an NTLM challenge, a SPNEGO or Kerberos reply) is summarised by its type and
/// length, never shown.
pub fn challenge_shown(text: &str) -> String {
    use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
    use base64::engine::DecodePaddingMode;
    use base64::Engine as _;
    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    /// The longest prompt shown as it is.
    const MAX_PROMPT: usize = 64;
    let trimmed = text.trim();
    let Ok(bytes) = LENIENT.decode(trimmed) else {
        return text.to_string();
    };
    let prompt = bytes.len() <= MAX_PROMPT && bytes.iter().all(|b| b.is_ascii_graphic() || *b == b' ');
    if trimmed.is_empty() || prompt {
        return text.to_string();
    }
    let label = token_label(&bytes).unwrap_or_else(|| "token".to_string());
    format!("[{label}, {} bytes]", bytes.len())
}

/// What a token is, from its bytes, when it is one this module decodes: `NTLM CHALLENGE`,
/// `SPNEGO: Kerberos AP-REP`, `SPNEGO token`, `Kerberos KRB-ERROR`. Never any of its content.
pub fn token_label(bytes: &[u8]) -> Option<String> {
    let ntlm = |n: &ntlm::Ntlm| format!("NTLM {}", format!("{:?}", n.kind).to_ascii_uppercase());
    Some(match gss::decode(bytes)? {
        SecurityToken::Ntlm(n) => ntlm(&n),
        t @ SecurityToken::Spnego(_) => match t.inner() {
            Some(SecurityToken::Kerberos(k)) => format!("SPNEGO: Kerberos {}", k.message_name()),
            Some(SecurityToken::Ntlm(n)) => format!("SPNEGO: {}", ntlm(n)),
            _ => "SPNEGO token".to_string(),
        },
        SecurityToken::Kerberos(k) => format!("Kerberos {}", k.message_name()),
        SecurityToken::Opaque { .. } => return None,
    })
}

#[cfg(test)]
mod challenge_tests {
    use super::challenge_shown;

    #[test]
    fn prompts_stay_and_tokens_are_summarised() {
        assert_eq!(challenge_shown("VXNlcm5hbWU6"), "VXNlcm5hbWU6");
        assert_eq!(challenge_shown("GSSAPI supported"), "GSSAPI supported");
        assert_eq!(challenge_shown(""), "");
        let ntlm = "TlRMTVNTUAACAAAADAAMADAAAAA1goniESIzRFVmd4gAAAAAAAAAAGIAYgA8AAAARABPAE0AQQBJAE4AAgAMAEQATwBNAEEASQBOAAEADABTAEUAUgBWAEUAUgAEABQAZABvAG0AYQBpAG4ALgBjAG8AbQADACIAcwBlAHIAdgBlAHIALgBkAG8AbQBhAGkAbgAuAGMAbwBtAAAAAAA=";
        assert_eq!(challenge_shown(ntlm), "[NTLM CHALLENGE, 158 bytes]");
        assert_eq!(challenge_shown("oYGfMIGcoAMKAQA="), "[SPNEGO token, 11 bytes]");
        assert_eq!(challenge_shown("AAECAwQFBgcICQoLDA0ODw=="), "[token, 16 bytes]");
    }
}
