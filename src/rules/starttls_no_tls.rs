//! `starttls-no-tls`: the server accepted `STARTTLS` with `220`, but the client's next bytes were not
//! a TLS ClientHello.
//!
//! Reference: RFC 3207 §4, PROTOCOL.md R32. The decoder records it as the anomaly
//! `starttls_not_followed_by_tls`; this rule explains it.
//! Known false positives: a capture exported with its TLS decrypted (Wireshark's "export decrypted
//! packets", Arkime's decrypted samples) shows the clear text after STARTTLS and raises it; a capture
//! that lost the ClientHello segment shows a gap, not this anomaly.

use super::{facts, Evidence, Finding, RuleInfo, RuleInput, Severity};
use crate::smtp::anomaly::AnomalyKind;

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "starttls-no-tls",
    severity: Severity::Warning,
    title: "STARTTLS was accepted but the client did not start TLS",
    trigger: "The server answered 220 to STARTTLS (or X-ANONYMOUSTLS), and the client's next bytes are not \
              a TLS ClientHello.",
    advice: &[
        "A middlebox answered STARTTLS itself (or stripped it from the EHLO reply and faked the 220), so the \
         client carried on in clear: check firewall SMTP inspection between the servers.",
        "A broken client that ignores the 220: check its TLS configuration.",
    ],
    caveats: "A capture exported with TLS already decrypted raises it too. A lost ClientHello shows as a gap \
              in the capture, not as this finding.",
    refs: &["RFC 3207"],
};

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let dialogue = &input.session.dialogue;
    let anomalies: Vec<_> = dialogue
        .anomalies
        .iter()
        .filter(|a| a.kind == AnomalyKind::StarttlsNotFollowedByTls)
        .collect();
    let anomaly = anomalies.first()?;
    let asked = input.exchanges().iter().rev().find(|e| {
        matches!(e.command.verb.as_str(), "STARTTLS" | "X-ANONYMOUSTLS")
            && e.code() == Some(220)
            && e.at().frame <= anomaly.at.frame
    })?;
    let mut finding = asked
        .finding(
            &INFO,
            crate::msg!("summary-starttls-no-tls", verb = &asked.command.verb),
        )
        .evidence([Evidence::fact(Some(anomaly.at), anomaly.detail.clone())])
        .count(facts::count(anomalies.len()));
    if let Some(cause) = input.earlier("middlebox-rewrite") {
        finding = finding.explained_by(cause);
    }
    Some(finding)
}
