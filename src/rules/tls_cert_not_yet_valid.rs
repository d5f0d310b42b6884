//! `tls-cert-not-yet-valid`: a certificate of the TLS handshake was not valid yet when the
//! handshake took place (judged at the capture's own time).
//!
//! Why it matters: as an expired certificate, validating senders refuse it. It usually means a
//! server clock set wrong (on the host that issued or on the one that checks), or a certificate
//! installed before its start date. Known false positives: none.
//! Captures: `captures/lab/tls-certs.pcap` (session 2).

use super::tls_facts::validity_finding;
use super::{facts, Finding, RuleInfo, RuleInput, Severity};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "tls-cert-not-yet-valid",
    severity: Severity::Warning,
    title: "A TLS certificate was not valid yet at the time of the handshake",
    trigger: "A certificate of the server's (or the client's) chain has notBefore after the time of the \
              ServerHello in the capture.",
    advice: &[
        "Check the clocks: the issuing CA's, the server's, and the capturing host's (the capture's time is \
         what is judged here).",
        "If the clocks are right, the certificate was installed before its start date: wait, or re-issue it \
         with the right dates.",
    ],
    caveats: "Judged at the capture's time: a capture taken on a host with a wrong clock can cause it.",
    refs: &["RFC 5280 §4.1.2.5"],
};

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let tls = &input.session.dialogue.tls;
    let (at, evidence, count) = validity_finding(tls, |c, now| c.not_before.is_some_and(|from| from > now))?;
    Some(
        Finding::new(
            &INFO,
            Some(at),
            None,
            crate::msg!("summary-tls-cert-not-yet-valid"),
        )
        .evidence(evidence)
        .count(facts::count(count)),
    )
}
