//! `exps-failed`: an `X-EXPS` or `AUTH` exchange did not end in `235`.
//!
//! Reference: KB 843106 (events 1704/1706), KB 914137 (`535`, 0x8009030C SEC_E_LOGON_DENIED after
//! Windows 2003 SP1), KB 979174 (`454 4.7.0`), PROTOCOL.md R5–R7, R10, R38; RFC 4954 §4 (`*` then
//! `501`).
//! Known false positives: a client that probes a mechanism the server does not support (`504`) and
//! then succeeds with another one still raises it, as the first attempt did fail; the summary names
//! the reply so the reader can tell. An exchange the capture does not see end (`incomplete`) is not
//! judged. The catalogue's advice (SPN, computer account, clock skew, trust) is Exchange's: it is
//! given when the session is between Exchange servers ([`facts::exchange_session`]); otherwise the
//! advice is the generic one for an SMTP AUTH that failed, led by what the reply code means.

use super::{facts, Evidence, Finding, RuleInfo, RuleInput, Severity, WindowsEvent};
use crate::auth::Analysis;
use crate::l10n::Text;
use crate::session::Session;
use crate::smtp::dialogue::{AuthExchange, AuthOutcome, SaslToken};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "exps-failed",
    severity: Severity::Error,
    title: "X-EXPS or AUTH authentication failed",
    trigger: "An X-EXPS or AUTH exchange ended in a reply other than 235 (535, 454, 504, 501 after `*`, …), \
              or a decoded token says the security package refused it.",
    advice: &[
        "The SPN SMTPSVC/<fqdn> of the receiving virtual server is missing or registered twice (setspn -L on \
         the receiver's computer account; KB 914137 for servers with several SMTP virtual servers).",
        "The computer account's password is out of step with the domain (reset the secure channel).",
        "The clocks of the two servers differ by more than five minutes (Kerberos).",
        "The servers are in domains or forests without the trust the authentication needs.",
    ],
    caveats: "An exchange whose end is not in the capture is not judged. A refused mechanism followed by a \
              successful one still counts as a failure. The advice above is for sessions between Exchange \
              servers; for any other SMTP server it is the generic advice for a failed AUTH.",
    refs: &["KB 843106", "KB 914137", "KB 979174", "RFC 4954"],
};

/// What a final reply code says about the failure.
fn meaning(exchange: &AuthExchange) -> Text {
    if exchange.outcome == AuthOutcome::Cancelled {
        return crate::msg!("auth-failed-cancelled");
    }
    match exchange.reply.as_ref().map(|r| r.value.code) {
        Some(535) => crate::msg!("auth-failed-535"),
        Some(454) => crate::msg!("auth-failed-454"),
        Some(504) => crate::msg!("auth-failed-504"),
        Some(500 | 502) => crate::msg!("auth-failed-unknown-verb"),
        Some(501) => crate::msg!("auth-failed-501"),
        Some(503) => crate::msg!("auth-failed-503"),
        Some(530 | 538) => crate::msg!("auth-failed-encryption-first"),
        _ => crate::msg!("auth-failed-other"),
    }
}

/// What the exchange's tokens say about a refusal by the security package: a Kerberos KRB-ERROR
/// with its error code (RFC 4120 §5.9.1) and a SPNEGO NegTokenResp with `negState=reject` (RFC 4178).
fn decoded_token_failures(analysis: &Analysis) -> Vec<String> {
    analysis.refusals()
}

/// One token as an evidence line: its decoded kind when known, else its mechanism and size. Never
/// a secret.
fn describe_token(exchange: &AuthExchange, token: &SaslToken) -> Text {
    let size = token.bytes.len();
    if token.cancel {
        return "*".into();
    }
    if let Some(text) = &token.text {
        return text.into();
    }
    if token.bytes.is_empty() {
        return crate::msg!("line-token-empty");
    }
    if let Some(label) = crate::auth::token_label(&token.bytes) {
        return crate::msg!("line-token-label", label = label.to_string(), bytes = size);
    }
    if matches!(exchange.mechanism.as_str(), "PLAIN" | "LOGIN")
        && token.dir == crate::net::Direction::ClientToServer
    {
        return crate::msg!("line-credentials-redacted", bytes = size);
    }
    crate::msg!("line-token-of", mechanism = &exchange.mechanism, bytes = size)
}

/// What the tokens decoded to, as evidence lines (never secrets).
fn token_evidence(exchange: &AuthExchange, analysis: &Analysis) -> Vec<Text> {
    let mut lines = vec![crate::msg!("evidence-mechanism", mechanism = &exchange.mechanism)];
    if let Some(identity) = &analysis.identity {
        lines.push(crate::msg!("evidence-identity", identity = identity.to_string()));
    }
    if analysis.downgraded_to_ntlm() {
        lines.push(crate::msg!("evidence-kerberos-offered-ntlm-sent"));
    }
    lines.extend(decoded_token_failures(analysis).into_iter().map(Text::from));
    lines
}

/// The Windows event for an X-EXPS failure (1706, logged by the Exchange transport), with the fields
/// the capture gives.
fn event_1706(session: &Session, exchange: &AuthExchange, command: &str) -> Option<WindowsEvent> {
    if exchange.verb != "X-EXPS" {
        return None;
    }
    let reply = exchange
        .reply
        .as_ref()
        .map_or_else(|| "no reply".to_string(), |r| r.value.first_line());
    Some(WindowsEvent {
        id: 1706,
        text: crate::msg!(
            "event-1706",
            mechanism = &exchange.mechanism,
            host = session.info.server.ip().to_string(),
            sent = command,
            reply = reply,
        ),
    })
}

/// Whether an exchange failed, by its reply or by what its tokens say (its `analysis`).
fn failed(exchange: &AuthExchange, analysis: &Analysis) -> bool {
    matches!(exchange.outcome, AuthOutcome::Failure | AuthOutcome::Cancelled)
        || !decoded_token_failures(analysis).is_empty()
}

/// What to check when AUTH failed outside Exchange, most likely cause first.
fn generic_advice(exchange: &AuthExchange) -> Vec<String> {
    let first = match exchange.reply.as_ref().map(|r| r.value.code) {
        Some(503) => {
            "The server does not offer authentication here: its EHLO reply lists no AUTH (many offer it only \
             after STARTTLS, or only on the submission port 587)."
        }
        Some(504) => "The server does not allow this mechanism: use one its EHLO reply lists after AUTH.",
        Some(454) => "A temporary failure on the server (its authentication back end was unavailable): retry later.",
        Some(530 | 538) => "The server requires TLS (STARTTLS) before authentication.",
        _ if exchange.outcome == AuthOutcome::Cancelled => {
            "The client cancelled the exchange itself (`*`): its own configuration or credential store failed."
        }
        _ => "The server refused the user name or the password: check the account and its password.",
    };
    [
        first,
        "Check the client's authentication settings (account, password, mechanism) against what the server offers.",
    ]
    .iter()
    .map(|s| (*s).to_string())
    .collect()
}

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let session = input.session;
    let dialogue = &session.dialogue;
    let failures: Vec<(&AuthExchange, &Analysis)> = dialogue
        .auth
        .iter()
        .zip(input.auth())
        .filter(|(exchange, analysis)| failed(exchange, analysis))
        .collect();
    let (first, analysis) = *failures.first()?;
    let command = input.exchange_at(&first.verb, first.at.frame);
    let command_line = command.map_or_else(
        || format!("{} {}", first.verb, first.mechanism),
        |c| c.command_line(),
    );
    let reply_text = first
        .reply
        .as_ref()
        .map_or_else(|| "no reply".to_string(), |r| r.value.first_line());
    let mut evidence = vec![Evidence::line(
        first.at,
        crate::net::Direction::ClientToServer,
        command_line.clone(),
    )];
    for token in &first.tokens {
        evidence.push(Evidence::line(token.at, token.dir, describe_token(first, token)));
    }
    if let Some(reply) = &first.reply {
        evidence.push(Evidence::line(
            reply.at,
            crate::net::Direction::ServerToClient,
            reply.value.first_line(),
        ));
    }
    evidence.extend(
        token_evidence(first, analysis)
            .into_iter()
            .map(|t| Evidence::fact(None, t)),
    );
    let mut finding = Finding::new(
        &INFO,
        Some(first.at),
        Some(crate::net::Direction::ClientToServer),
        crate::msg!(
            "summary-exps-failed",
            verb = &first.verb,
            mechanism = &first.mechanism,
            reply = reply_text,
            meaning = meaning(first)
        ),
    )
    .evidence(evidence)
    .count(facts::count(failures.len()));
    if !facts::exchange_session(dialogue) {
        finding.advice = generic_advice(first).into_iter().map(Text::from).collect();
        finding.refs = &["RFC 4954"];
    } else if matches!(first.mechanism.as_str(), "PLAIN" | "LOGIN") {
        finding = finding.advice_first(crate::msg!("advice-exps-plain-login"));
    }
    if let Some(event) = event_1706(session, first, &command_line) {
        finding = finding.event(event);
    }
    if let Some(cause) = input.earlier("middlebox-rewrite") {
        finding = finding.explained_by(cause);
    }
    Some(finding)
}
