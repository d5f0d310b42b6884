//! SASL exchanges (AUTH, XAUTH, X-EXPS; RFC 4954 §4): one exchange per command, its initial
//! response, every `334` challenge and client continuation line as a token, `*` cancel, outcome.
//!
//! Owns the exchange records ([`AuthExchange`] in the dialogue, at most [`MAX_AUTH`] of them with
//! at most [`MAX_TOKENS`] tokens of at most [`MAX_TOKEN_BYTES`] decoded bytes each) and the
//! decoding of SASL lines from base64. A continuation line is framed here, never as a command: the
//! client is in SASL mode after a `334` (or an assumed one, [`super::gaps`]). Must not: interpret
//! the tokens (`crate::auth` does) or print them (secrets are the output's to redact).

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;

use super::pairing::Awaiting;
use super::{ClientMode, SmtpDecoder, MAX_AUTH, MAX_TOKENS, MAX_TOKEN_BYTES};
use crate::net::Direction;
use crate::smtp::anomaly::AnomalyKind;
use crate::smtp::command::{SaslArg, Verb};
use crate::smtp::dialogue::{AuthExchange, AuthOutcome, ItemKind, Located, Position, SaslToken};
use crate::smtp::inbox::RawLine;
use crate::smtp::reply::Reply;

/// Base64 as SASL lines carry it: standard alphabet, padding optional.
const SASL_BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

impl SmtpDecoder {
    /// AUTH / XAUTH / X-EXPS: a new exchange, with its initial response when there is one.
    pub(super) fn sasl_command(&mut self, verb: &Verb, sasl: SaslArg, at: Position) -> Awaiting {
        let mut exchange = AuthExchange {
            verb: verb.name().to_string(),
            mechanism: sasl.mechanism,
            hash: sasl.hash,
            at,
            tokens: Vec::new(),
            outcome: AuthOutcome::Incomplete,
            reply: None,
        };
        if let Some(initial) = sasl.initial_response {
            let token = if initial == "=" {
                client_token(b"", at)
            } else {
                client_token(initial.as_bytes(), at)
            };
            exchange.tokens.push(token);
        }
        if self.dialogue.auth.len() >= MAX_AUTH {
            // Not kept, but still framed as an exchange: its lines are never commands.
            self.dialogue.auth_dropped = self.dialogue.auth_dropped.saturating_add(1);
            return Awaiting::Sasl { exchange: usize::MAX };
        }
        self.dialogue.auth.push(exchange);
        Awaiting::Sasl {
            exchange: self.dialogue.auth.len().saturating_sub(1),
        }
    }

    /// One client continuation line of exchange `exchange`.
    pub(super) fn sasl_line(&mut self, exchange: usize, line: RawLine) {
        self.line_checks(Direction::ClientToServer, &line, true);
        let raw = self.client.bytes(line.range.clone());
        let token = if raw == b"*" {
            SaslToken {
                dir: Direction::ClientToServer,
                at: line.at,
                bytes: Vec::new(),
                base64: false,
                text: None,
                cancel: true,
            }
        } else {
            client_token(raw, line.at)
        };
        if !token.base64 && !token.cancel {
            self.anomaly(
                AnomalyKind::InvalidBase64,
                Direction::ClientToServer,
                line.at,
                format!("a {}-byte SASL line that is not base64", line.len()),
            );
        }
        let token_index = self.dialogue.auth.get_mut(exchange).and_then(|ex| {
            (ex.tokens.len() < MAX_TOKENS).then(|| {
                ex.tokens.push(token);
                ex.tokens.len().saturating_sub(1)
            })
        });
        let item = self.push_item(
            Direction::ClientToServer,
            line.at,
            ItemKind::AuthData {
                exchange,
                token: token_index.unwrap_or(usize::MAX),
            },
        );
        self.mode = ClientMode::Commands;
        self.expect(item, Awaiting::Sasl { exchange });
    }

    /// A reply within exchange `exchange`: a `334` challenge (SASL mode for the next client line
    /// when `act`), or the final reply and the outcome.
    pub(super) fn sasl_reply(&mut self, exchange: usize, reply: Reply, at: Position, act: bool) {
        if reply.code == 334 && act {
            self.mode = ClientMode::Sasl(exchange);
        }
        let Some(ex) = self.dialogue.auth.get_mut(exchange) else {
            return;
        };
        if reply.code == 334 {
            if ex.tokens.len() < MAX_TOKENS {
                ex.tokens.push(server_token(reply.text(), at));
            }
            return;
        }
        let cancelled = ex.tokens.last().is_some_and(|t| t.cancel);
        ex.outcome = match reply.code {
            235 => AuthOutcome::Success,
            _ if cancelled => AuthOutcome::Cancelled,
            _ => AuthOutcome::Failure,
        };
        ex.reply = Some(Located { at, value: reply });
    }
}

/// A client SASL line (or initial response) as a token.
fn client_token(raw: &[u8], at: Position) -> SaslToken {
    let (bytes, base64) = decode_base64(raw);
    SaslToken {
        dir: Direction::ClientToServer,
        at,
        bytes,
        base64,
        text: None,
        cancel: false,
    }
}

/// A server 334 text as a token: base64 when it decodes, otherwise human-readable text.
fn server_token(text: &str, at: Position) -> SaslToken {
    let (bytes, base64) = decode_base64(text.trim().as_bytes());
    SaslToken {
        dir: Direction::ServerToClient,
        at,
        bytes: if base64 { bytes } else { Vec::new() },
        base64,
        text: (!base64).then(|| text.to_string()),
        cancel: false,
    }
}

/// Decodes a SASL line: (decoded bytes, true) or (the raw bytes, false) when not base64. Lines
/// beyond [`MAX_TOKEN_BYTES`] decoded are cut on a 4-character boundary.
fn decode_base64(raw: &[u8]) -> (Vec<u8>, bool) {
    let limit = MAX_TOKEN_BYTES / 3 * 4;
    let input = raw.get(..raw.len().min(limit)).unwrap_or_default();
    match SASL_BASE64.decode(input) {
        Ok(bytes) => (bytes, true),
        Err(_) => (
            input
                .get(..input.len().min(MAX_TOKEN_BYTES))
                .unwrap_or_default()
                .to_vec(),
            false,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sasl_lines_decode_with_or_without_padding() {
        assert_eq!(decode_base64(b"dGVzdA=="), (b"test".to_vec(), true));
        assert_eq!(decode_base64(b"dGVzdA"), (b"test".to_vec(), true));
        assert_eq!(decode_base64(b""), (Vec::new(), true));
        assert_eq!(decode_base64(b"not base64!"), (b"not base64!".to_vec(), false));
        let t = server_token(
            "GSSAPI supported",
            Position {
                frame: 1,
                ts: Default::default(),
            },
        );
        assert_eq!((t.base64, t.text.as_deref()), (false, Some("GSSAPI supported")));
    }
}
