//! What SASL tokens carry: the security-package messages inside AUTH and X-EXPS exchanges.
//!
//! Owns decoding of token bytes that [`crate::smtp`] kept (base64 already removed) into summaries
//! and identities. So far: NTLMSSP ([`ntlm`]), as carried raw by `AUTH NTLM` and `X-EXPS NTLM`.
//! Every length and offset from the wire is checked; what cannot be decoded is reported, never
//! guessed. Must not: know SMTP framing, judge outcomes, or print.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

pub mod ntlm;

use serde::Serialize;

use crate::smtp::dialogue::AuthExchange;

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
}

/// The identity an exchange's tokens reveal, if any.
pub fn identity(exchange: &AuthExchange) -> Option<Identity> {
    exchange.tokens.iter().find_map(|t| {
        let n = ntlm::decode(&t.bytes)?;
        (n.kind == ntlm::NtlmKind::Authenticate).then_some(Identity::Ntlm {
            domain: n.domain,
            user: n.user,
            workstation: n.workstation,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::Direction;
    use crate::smtp::dialogue::{AuthOutcome, Position, SaslToken};

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
