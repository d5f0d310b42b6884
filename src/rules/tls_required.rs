//! `tls-required`: the receiver wants TLS before it takes mail.
//!
//! Reference: RFC 3207 §4 (`530 5.7.0 Must issue a STARTTLS command first`), RFC 5248 (X.7.10
//! encryption needed), RFC 8689 (X.7.30 REQUIRETLS), Exchange (`451 5.7.3 STARTTLS is required to
//! send mail`). Known false positives: none for the codes.

use super::refusal::{self, Kind};
use super::{facts, Evidence, Finding, RuleInfo, RuleInput, Severity};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "tls-required",
    severity: Severity::Error,
    title: "The receiver requires TLS and the client had not started it",
    trigger: "A reply with enhanced status X.7.10 or X.7.30, or a 5xx (or 451) whose words require STARTTLS/TLS/ \
              encryption (`530 5.7.0 Must issue a STARTTLS command first`). 454 (TLS not available) is not counted.",
    advice: &[
        "Make the sender use STARTTLS towards this receiver (Exchange: the Send connector's RequireTLS / TLS \
         settings; Postfix: smtp_tls_security_level = may or encrypt).",
        "If the sender tried and failed, look at the TLS handshake (certificates, protocol versions) in the \
         same capture; if STARTTLS was never offered, a middlebox may have removed it from the EHLO list.",
    ],
    caveats: "A receiver that demands TLS of everyone refuses correctly.",
    refs: &["RFC 3207 §4", "RFC 5248", "RFC 8689"],
};

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let dialogue = &input.session.dialogue;
    let (found, _) = input.refusals().of_kind(|k| *k == Kind::TlsRequired)?;
    let first = found.first()?;
    let offered = if facts::advertised(dialogue, "STARTTLS") {
        crate::msg!("evidence-starttls-offered-unused")
    } else if facts::ehlo_list_seen(input.session) {
        crate::msg!("evidence-starttls-not-in-ehlo")
    } else {
        crate::msg!("evidence-no-ehlo-list")
    };
    Some(
        refusal::finding(
            input,
            &INFO,
            &found,
            first.refused_because(crate::msg!("refused-tls-required")),
        )?
        .evidence([Evidence::fact(None, offered)]),
    )
}
