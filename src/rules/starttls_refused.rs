//! `starttls-refused`: the client asked for TLS (STARTTLS or X-ANONYMOUSTLS) and the server refused
//! with `454` or a 4.7.x/5.7.x status.
//!
//! Why it matters: RFC 3207 §4 — `454 TLS not available due to temporary reason`. The server
//! offered STARTTLS but cannot do it: its certificate or key is missing or unreadable (Postfix logs
//! "cannot load certificate"), or, on Exchange 2007 and later, `454 4.7.5 Certificate validation
//! failure` / `454 4.7.0 … security` (PROTOCOL.md §3.5). A sender that requires TLS queues the mail;
//! an opportunistic one goes on in clear. Known false positives: none.
//! Captures: `captures/lab/tls-refused.pcap` (Postfix whose certificate file is missing).

use super::{facts, Finding, RuleInfo, RuleInput, Severity};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "starttls-refused",
    severity: Severity::Warning,
    title: "The server refused STARTTLS",
    trigger: "A reply to STARTTLS or X-ANONYMOUSTLS with code 454 or an enhanced status 4.7.x or 5.7.x.",
    advice: &[
        "The server offered TLS but cannot start it: check that its certificate and private key exist, are \
         readable and match (Postfix: smtpd_tls_cert_file/smtpd_tls_key_file and the mail log; Exchange: \
         Get-ExchangeCertificate, the certificate enabled for SMTP and its private key).",
        "Exchange 2007+ `454 4.7.5 Certificate validation failure`: the certificate of the other side (or \
         of domain security) did not validate.",
        "A sender that requires TLS queues the mail; an opportunistic one sends in clear text.",
    ],
    caveats: "",
    refs: &["RFC 3207 §4", "RFC 3463"],
};

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let refused: Vec<_> = input
        .exchanges()
        .iter()
        .filter(|e| matches!(e.command.verb.as_str(), "STARTTLS" | "X-ANONYMOUSTLS"))
        .filter(|e| {
            e.reply.is_some_and(|(_, r)| {
                r.code == 454
                    || r.enhanced
                        .as_deref()
                        .is_some_and(|x| x.starts_with("4.7.") || x.starts_with("5.7."))
            })
        })
        .collect();
    let first = refused.first()?;
    let reply = first.reply.map(|(_, r)| r.first_line()).unwrap_or_default();
    Some(
        first
            .finding(
                &INFO,
                crate::msg!(
                    "summary-starttls-refused",
                    verb = first.command.verb.clone(),
                    reply = reply
                ),
            )
            .count(facts::count(refused.len())),
    )
}
