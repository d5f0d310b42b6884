//! SASL exchanges (AUTH, XAUTH, X-EXPS; RFC 4954 §4): one exchange per command, its initial
//! response, every `334` challenge and client continuation line as a token, `*` cancel, outcome.
//!
//! Owns the exchange records ([`AuthExchange`] in the dialogue, at most [`MAX_AUTH`] of them with
//! at most [`MAX_TOKENS`] tokens of at most [`MAX_TOKEN_BYTES`] decoded bytes each) and the
//! decoding of SASL lines from base64. A continuation line is framed here, never as a command: the
//! client is in SASL mode after a `334` — to any command, recognised or not: a line that follows a
//! `334` is SASL data by its shape, so a damaged `AUTH` never exposes the secret that follows it.
//! When the `334` was not seen but assumed ([`super::gaps`]), a line that is a command and cannot
//! be SASL data for the mechanism ([`SmtpDecoder::sasl_plausible`]) ends the exchange, its outcome
//! unknown, and is decoded as the command it is. Must not: interpret the tokens (`crate::auth`
//! does) or print them (secrets are the output's to redact).

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;

use super::pairing::Awaiting;
use super::{ClientMode, SmtpDecoder, MAX_AUTH, MAX_TOKENS, MAX_TOKEN_BYTES};
use crate::net::Direction;
use crate::smtp::anomaly::AnomalyKind;
use crate::smtp::command::{parse_command, SaslArg, Verb};
use crate::smtp::dialogue::{AuthExchange, AuthOutcome, ItemKind, Located, Position, SaslToken};
use crate::smtp::inbox::{RawLine, MAX_LINE_BYTES};
use crate::smtp::reply::Reply;

/// SASL mechanisms whose client lines are text once decoded.
const TEXT_MECHANISMS: &[&str] = &[
    "PLAIN",
    "LOGIN",
    "CRAM-MD5",
    "DIGEST-MD5",
    "XOAUTH2",
    "OAUTHBEARER",
    "EXTERNAL",
    "ANONYMOUS",
];

/// The shortest token a binary mechanism sends (an NTLM NEGOTIATE is 32 bytes; GSS-API tokens are
/// longer still).
const MIN_BINARY_TOKEN: usize = 8;

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

    /// One client continuation line of exchange `exchange` (`prompted`: after a `334` seen).
    pub(super) fn sasl_line(&mut self, exchange: usize, prompted: bool, line: RawLine) {
        let raw = self.client.line(&line);
        if !prompted
            && !self.sasl_plausible(exchange, raw)
            && parse_command(raw).is_some_and(|c| c.verb.is_known())
        {
            // The exchange ended out of sight (its outcome stays unknown): this is a command.
            self.mode = ClientMode::Commands;
            self.client_line(line);
            return;
        }
        self.line_checks(Direction::ClientToServer, &line, true);
        let raw = self.client.line(&line);
        // Of an over-long line, the token is decoded from its first part (whole base64 quanta).
        let raw = if line.cut > 0 {
            raw.get(..(MAX_LINE_BYTES / 2) / 4 * 4).unwrap_or(raw)
        } else {
            raw
        };
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
                crate::msg!("anomaly-invalid-base64", bytes = line.wire_len()),
            );
        }
        let token_index = self.dialogue.auth.get_mut(exchange).and_then(|ex| {
            (ex.tokens.len() < MAX_TOKENS).then(|| {
                ex.tokens.push(token);
                ex.tokens.len().saturating_sub(1)
            })
        });
        if token_index.is_none() && exchange < self.dialogue.auth.len() {
            self.tokens_dropped = self.tokens_dropped.saturating_add(1);
        }
        let item = self.push_item(
            Direction::ClientToServer,
            line.at,
            ItemKind::AuthData {
                exchange,
                token: token_index.unwrap_or(usize::MAX),
            },
        );
        self.mode = ClientMode::Commands;
        self.expect(item, Awaiting::Sasl { exchange }, true);
    }

    /// Whether `line` can be a client SASL line of `exchange`: `*`, an empty response, or base64
    /// whose decoded bytes fit the mechanism — text for the text mechanisms (PLAIN, LOGIN,
    /// CRAM-MD5…), a token of some length for the others (GSSAPI, NTLM, X-EXPS). A four-letter
    /// verb is valid base64 (`QUIT`, `DATA`), but never decodes to either.
    pub(super) fn sasl_plausible(&self, exchange: usize, line: &[u8]) -> bool {
        if line.is_empty() || line == b"*" {
            return true;
        }
        let (bytes, base64) = decode_base64(line);
        if !base64 {
            return false;
        }
        let text = std::str::from_utf8(&bytes)
            .is_ok_and(|s| !s.is_empty() && !s.chars().any(|c| c.is_control() && c != '\0' && c != '\t'));
        let mechanism = self.dialogue.auth.get(exchange).map(|a| a.mechanism.as_str());
        match mechanism {
            Some(m) if TEXT_MECHANISMS.contains(&m) || m.starts_with("SCRAM-") => text,
            Some(_) => bytes.len() >= MIN_BINARY_TOKEN,
            None => text || bytes.len() >= MIN_BINARY_TOKEN,
        }
    }

    /// A reply within exchange `exchange`: a `334` challenge (SASL mode for the next client line
    /// when `act`), or the final reply and the outcome.
    pub(super) fn sasl_reply(&mut self, exchange: usize, reply: Reply, at: Position, act: bool) {
        if reply.code == 334 && act {
            self.mode = ClientMode::Sasl {
                exchange,
                prompted: true,
            };
        }
        let Some(ex) = self.dialogue.auth.get_mut(exchange) else {
            return;
        };
        if reply.code == 334 {
            // An inferred 334 (no line: its text was lost in a gap) carries no token.
            if reply.lines.is_empty() {
                return;
            }
            if ex.tokens.len() < MAX_TOKENS {
                ex.tokens.push(server_token(reply.text(), at));
            } else {
                self.tokens_dropped = self.tokens_dropped.saturating_add(1);
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
    fn four_letter_verbs_are_base64_but_never_plausible_sasl() {
        for verb in ["QUIT", "DATA", "RSET", "NOOP", "HELP", "VRFY", "STARTTLS"] {
            let (bytes, base64) = decode_base64(verb.as_bytes());
            assert!(base64, "{verb}");
            let text = std::str::from_utf8(&bytes).is_ok_and(|s| !s.chars().any(|c| c.is_control()));
            assert!(!text && bytes.len() < MIN_BINARY_TOKEN, "{verb}: {bytes:?}");
        }
    }

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
