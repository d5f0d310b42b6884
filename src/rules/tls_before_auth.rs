//! `tls-before-auth`: TLS began before any successful authentication, so the authentication and
//! everything after it are encrypted.
//!
//! Reference: KB 843106 step 3 (STARTTLS sinks running before AUTH on Exchange 2000/2003), RFC 3207.
//! Known false positives: between Internet hosts TLS before AUTH is exactly what RFC 8314 asks for,
//! so only sessions with an Exchange receiver (one that offers X-EXPS) are judged; Exchange 2007+
//! does X-ANONYMOUSTLS before X-EXPS by design, and there the finding only says that the rest of the
//! session cannot be inspected.

use super::{facts, Evidence, Finding, RuleInfo, RuleInput, Severity};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "tls-before-auth",
    severity: Severity::Warning,
    title: "TLS began before authentication: the rest of the session cannot be inspected",
    trigger: "STARTTLS or X-ANONYMOUSTLS was accepted and TLS began before any successful authentication, \
              towards a server that offers X-EXPS.",
    advice: &[
        "Everything after the TLS handshake is encrypted: authentication, XEXCH50 and the message cannot be \
         inspected without the session keys.",
        "On Exchange 2000/2003: if XEXCH50 fails in such sessions, the STARTTLS event sinks run before AUTH \
         (KB 843106 step 3); check TLS settings on the virtual servers between Exchange servers.",
        "On Exchange 2007 and later, X-ANONYMOUSTLS before X-EXPS is the normal order; look at the servers' \
         protocol logs instead.",
    ],
    caveats: "Only judged towards servers that offer X-EXPS.",
    refs: &["KB 843106", "RFC 3207"],
};

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let dialogue = &input.session.dialogue;
    if !dialogue.tls.started || !facts::advertised(dialogue, "X-EXPS") {
        return None;
    }
    let asked = input.exchanges().into_iter().find(|e| {
        matches!(e.command.verb.as_str(), "STARTTLS" | "X-ANONYMOUSTLS") && e.code() == Some(220)
    })?;
    if facts::authenticated_before(dialogue, Some(asked.at().frame)) {
        return None;
    }
    let mut finding = asked
        .finding(
            &INFO,
            format!(
                "{} was accepted before any authentication: the rest of the session is encrypted.",
                asked.command.verb
            ),
        )
        .evidence([Evidence::fact(
            None,
            format!(
                "TLS began in frame {}; {} bytes from the client and {} from the server are encrypted",
                dialogue.tls.frame.unwrap_or(asked.at().frame),
                dialogue.tls.c2s_bytes,
                dialogue.tls.s2c_bytes
            ),
        )]);
    if facts::banner_is_exchange_2000_2003(dialogue) {
        finding = finding.advice_first(
            "The receiver is Exchange 2000/2003: TLS before X-EXPS is KB 843106 step 3 if XEXCH50 fails.",
        );
    }
    Some(finding)
}
