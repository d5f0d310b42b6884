//! `tls-cert-self-signed`: the server presents a self-signed certificate.
//!
//! Why it matters, and why only info: Exchange 2007 and later Hub Transport and Edge servers use a
//! self-signed certificate by default, and Exchange servers of one organisation accept each other's
//! that way; a partner that validates (domain security, Require TLS with certificate validation,
//! Exchange Online) refuses it. Known false positives: a private CA's root sent as a one-element
//! chain reads the same.
//! Captures: `captures/lab/tls-certs.pcap` (session 4), `captures/lab/tls-failed.pcap` (session 3).

use super::tls_facts::{certificate_names, handshake_at};
use super::{Evidence, Finding, RuleInfo, RuleInput, Severity};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "tls-cert-self-signed",
    severity: Severity::Info,
    title: "The server's TLS certificate is self-signed",
    trigger: "The server's leaf certificate names itself as issuer (and its key identifiers, when present, \
              agree).",
    advice: &[
        "Between Exchange servers of one organisation this is the default (the self-signed certificate \
         made at setup) and works.",
        "Towards partners and Exchange Online, bind a certificate from a public CA whose SAN holds the \
         connector's FQDN: validating senders refuse a self-signed one.",
    ],
    caveats: "A private CA's root certificate presented alone reads the same.",
    refs: &["RFC 5280 §3.2", "RFC 3207"],
};

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let tls = &input.session.dialogue.tls;
    let leaf = tls.leaf().filter(|c| c.self_signed && c.error.is_none())?;
    Some(
        Finding::new(
            &INFO,
            handshake_at(tls),
            None,
            crate::msg!("summary-tls-cert-self-signed"),
        )
        .evidence([Evidence::fact(
            None,
            crate::msg!(
                "evidence-cert-self-signed",
                subject = &leaf.subject,
                names = certificate_names(leaf)
            ),
        )]),
    )
}
