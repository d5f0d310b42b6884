//! `tls-cert-name-mismatch`: the server's certificate names neither the host the client asked for
//! (SNI) nor the server's own name in its banner and EHLO reply.
//!
//! Why it matters: the classic Exchange connector certificate problem. Since Exchange 2007 the
//! certificate used for SMTP is chosen by the receive connector's FQDN; when that FQDN, the name in
//! the banner/EHLO and the certificate's names disagree, partners that validate (domain security,
//! Require TLS with a domain, Exchange Online connectors with a certificate name) refuse the
//! connection. Names are compared as RFC 6125 says: subjectAltName dNSNames, the CN only when
//! there are none, a wildcard for one left-most label. Known false positives: a client that
//! verifies a different name (an MX host name configured elsewhere) is not visible in a capture.
//! Captures: `captures/lab/tls-certs.pcap` (session 3).

use super::tls_facts::{certificate_names, server_names};
use super::{Evidence, Finding, RuleInfo, RuleInput, Severity};
use crate::l10n::Text;
use crate::tls::cert::name_matches;

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "tls-cert-name-mismatch",
    severity: Severity::Warning,
    title: "The server's TLS certificate does not carry the server's name",
    trigger: "The server's certificate was decoded and neither its subjectAltName dNSNames (nor, without \
              any, its CN) match the name the client sent in SNI, the host name in the server's banner, or \
              the one in its EHLO reply (RFC 6125 matching).",
    advice: &[
        "Bind a certificate whose SAN holds the name partners connect to: on Exchange 2007 and later the \
         certificate is chosen by the receive connector's FQDN (Get-ReceiveConnector | fl Fqdn, \
         Get-ExchangeCertificate | fl Subject,CertificateDomains,Services).",
        "Make the banner/EHLO name (connector FQDN), the MX host name and the certificate's SAN agree.",
        "Partners that validate names (domain security, TLS with a named certificate) refuse the \
         connection until then; opportunistic ones still encrypt.",
    ],
    caveats: "The name a validating client checks may come from its own configuration, which a capture \
              does not show.",
    refs: &["RFC 6125 §6.4", "RFC 3207", "RFC 7817"],
};

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let dialogue = &input.session.dialogue;
    let leaf = dialogue.tls.leaf().filter(|c| c.error.is_none())?;
    let names = server_names(dialogue);
    if names.is_empty() || names.iter().any(|(_, name)| name_matches(leaf, name)) {
        return None;
    }
    let asked: Vec<Text> = names
        .iter()
        .map(|(source, name)| {
            let source: Text = match *source {
                "banner" => crate::msg!("name-source-banner"),
                "EHLO reply" => crate::msg!("name-source-ehlo-reply"),
                other => other.into(),
            };
            crate::msg!("name-with-source", name = name, source = source)
        })
        .collect();
    let at = crate::rules::tls_facts::handshake_at(&dialogue.tls);
    Some(
        Finding::new(
            &INFO,
            at,
            None,
            crate::msg!(
                "summary-tls-cert-name-mismatch",
                names = certificate_names(leaf),
                asked = names.first().map_or("", |(_, n)| n.as_str()),
            ),
        )
        .evidence([
            Evidence::fact(
                None,
                crate::msg!(
                    "evidence-cert-names",
                    subject = &leaf.subject,
                    names = certificate_names(leaf)
                ),
            ),
            Evidence::fact(
                None,
                crate::msg!("evidence-server-named", names = Text::join(asked, ", ")),
            ),
        ]),
    )
}
