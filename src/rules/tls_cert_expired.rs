//! `tls-cert-expired`: a certificate of the TLS handshake had expired when the handshake took place
//! (judged at the capture's own time, never the reader's clock).
//!
//! Why it matters: senders that validate (Exchange with "Require TLS" or domain security, Exchange
//! Online to on-premises) refuse the connection and queue the mail; opportunistic senders go on
//! but the protection is weakened. Exchange alerts on expired certificates bound to SMTP. Known
//! false positives: none. TLS 1.3 hides the certificate unless a key log is given.
//! Captures: `captures/lab/tls-certs.pcap` (session 1).

use super::tls_facts::validity_finding;
use super::{facts, Finding, RuleInfo, RuleInput, Severity};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "tls-cert-expired",
    severity: Severity::Warning,
    title: "A TLS certificate had expired at the time of the handshake",
    trigger: "A certificate of the server's (or the client's) chain has notAfter before the time of the \
              ServerHello in the capture.",
    advice: &[
        "Renew the certificate bound to the SMTP service and install the new one: Exchange \
         New-ExchangeCertificate / Import-ExchangeCertificate, then Enable-ExchangeCertificate -Services \
         SMTP; Postfix smtpd_tls_cert_file.",
        "Senders that validate certificates (Require TLS, domain security, Exchange Online) refuse this \
         server until then; the others still encrypt but cannot trust it.",
    ],
    caveats: "Judged at the capture's time. A TLS 1.3 certificate is only seen with a key log.",
    refs: &["RFC 5280 §4.1.2.5", "RFC 3207"],
};

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let tls = &input.session.dialogue.tls;
    let (at, evidence, count) = validity_finding(tls, |c, now| c.not_after.is_some_and(|to| to < now))?;
    Some(
        Finding::new(&INFO, Some(at), None, crate::msg!("summary-tls-cert-expired"))
            .evidence(evidence)
            .count(facts::count(count)),
    )
}
