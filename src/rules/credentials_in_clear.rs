//! `credentials-in-clear`: PLAIN or LOGIN credentials sent outside TLS.
//!
//! Reference: RFC 4954 §4 and §9 (SASL PLAIN/LOGIN need a protected channel), RFC 8314, PROTOCOL.md
//! R33. The secret is never printed: command lines come redacted from the decoder
//! ([`super::facts::Exchange::command_line`]) and credential lines are shown only by their size.
//! Known false positives: none; what the capture shows in clear was sent in clear.

use super::{facts, Evidence, Finding, RuleInfo, RuleInput, Severity};
use crate::net::Direction;
use crate::smtp::dialogue::AuthExchange;

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "credentials-in-clear",
    severity: Severity::Warning,
    title: "A password was sent in clear text (AUTH PLAIN/LOGIN outside TLS)",
    trigger: "AUTH PLAIN, AUTH LOGIN or X-EXPS LOGIN credentials sent outside TLS.",
    advice: &[
        "Anyone on the path can read the password (base64 is not encryption): change it.",
        "Use STARTTLS before AUTH, or integrated authentication (X-EXPS GSSAPI/NTLM) between Exchange servers.",
        "Disable basic authentication without TLS on the receiving virtual server.",
    ],
    caveats: "The secret itself is never shown.",
    refs: &["RFC 4954", "RFC 8314"],
};

/// Whether an exchange carried credentials from the client.
fn sent_credentials(exchange: &AuthExchange) -> bool {
    matches!(exchange.mechanism.as_str(), "PLAIN" | "LOGIN")
        && exchange
            .tokens
            .iter()
            .any(|t| t.dir == Direction::ClientToServer && !t.cancel && !t.bytes.is_empty())
}

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let dialogue = &input.session.dialogue;
    let clear: Vec<&AuthExchange> = dialogue
        .auth
        .iter()
        .filter(|a| sent_credentials(a) && facts::before_tls(dialogue, a.at.frame))
        .collect();
    let first = *clear.first()?;
    let command = input.exchange_at(&first.verb, first.at.frame);
    let mut evidence = vec![Evidence::line(
        first.at,
        Direction::ClientToServer,
        command.map_or_else(
            || format!("{} {}", first.verb, first.mechanism),
            |c| c.command_line(),
        ),
    )];
    evidence.extend(
        first
            .tokens
            .iter()
            .filter(|t| t.dir == Direction::ClientToServer && !t.cancel)
            .map(|t| {
                Evidence::line(
                    t.at,
                    t.dir,
                    crate::msg!("line-credentials-redacted", bytes = t.bytes.len()),
                )
            }),
    );
    if let Some(reply) = &first.reply {
        evidence.push(Evidence::line(
            reply.at,
            Direction::ServerToClient,
            reply.value.first_line(),
        ));
    }
    Some(
        Finding::new(
            &INFO,
            Some(first.at),
            Some(Direction::ClientToServer),
            crate::msg!(
                "summary-credentials-in-clear",
                verb = &first.verb,
                mechanism = &first.mechanism
            ),
        )
        .evidence(evidence)
        .count(facts::count(clear.len())),
    )
}
