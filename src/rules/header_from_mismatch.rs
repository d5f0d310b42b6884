//! `header-from-mismatch`: the envelope sender (MAIL FROM) and the header From are in different
//! domains.
//!
//! Anti-spam filters compare the two: SPF authenticates the MAIL FROM domain, the reader sees the
//! header From, and DMARC (RFC 7489 §3.1) passes only when they are aligned. A mismatch is normal
//! for mailing lists, newsletters sent through a provider and forwarded mail — and it is also
//! what spoofing looks like, so a receiver may junk or reject such a message.
//!
//! Reference: RFC 7489 §3.1 (identifier alignment), RFC 5321 §4.1.1.2, RFC 5322 §3.6.2. Known false
//! positives: every legitimate sender that uses a bounce domain of its provider; the null sender
//! `<>` (bounces) is not judged. Alignment is relaxed and without the public suffix list: a domain
//! and its subdomains count as aligned.
//! Captures: `captures/lab/postfix-from-mismatch.pcap`.

use super::{facts, Finding, RuleInfo, RuleInput, Severity};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "header-from-mismatch",
    severity: Severity::Info,
    title: "The envelope sender and the header From are in different domains",
    trigger: "A message whose MAIL FROM address and first header From address have domains that are \
              neither equal nor one a subdomain of the other. The null sender `<>` is not judged.",
    advice: &[
        "This is how an anti-spam filter sees the message: SPF checks the MAIL FROM domain, DMARC wants \
         it aligned with the header From. If the message is legitimate (a newsletter provider, a \
         mailing list, a forward), expect it to depend on DKIM for DMARC; if it is not, it is a spoof.",
        "For your own outbound mail, send with an envelope sender in the same domain as the From, or \
         sign with DKIM for the From domain.",
    ],
    caveats: "Mailing lists, newsletter providers and forwarders mismatch by design.",
    refs: &["RFC 7489 §3.1", "RFC 5321 §4.1.1.2", "RFC 5322 §3.6.2"],
};

/// The domain of an envelope path, lower-cased (`None` for `<>` or a path without a domain).
fn envelope_domain(addr: &str) -> Option<String> {
    let (_, domain) = addr.trim_matches(['<', '>']).rsplit_once('@')?;
    (!domain.is_empty()).then(|| domain.to_ascii_lowercase())
}

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let hits: Vec<(facts::MessageRef<'_>, crate::l10n::Text, String)> = input
        .messages()
        .filter_map(|m| {
            let envelope = m.transaction.mail_from.as_ref()?.path.as_ref()?;
            let env_domain = envelope_domain(&envelope.addr)?;
            let from = m.message.headers.from.iter().find(|f| f.addr.is_some())?;
            let from_domain = from.domain()?;
            (!facts::domains_aligned(&env_domain, &from_domain)).then(|| {
                (
                    m,
                    crate::msg!("envelope-mail-from-domain", domain = env_domain),
                    format!("From: {from}"),
                )
            })
        })
        .collect();
    let (first, envelope, from) = hits.first()?;
    let mut evidence = Vec::new();
    if let Some(mail) = first
        .transaction
        .mail_from
        .as_ref()
        .and_then(|e| input.exchange_at("MAIL", e.frame))
    {
        evidence.extend(mail.evidence());
    }
    evidence.push(first.fact(from.clone()));
    Some(
        Finding::new(
            &INFO,
            first.at(),
            first.command.map(|c| c.item.dir),
            crate::msg!(
                "summary-header-from-mismatch",
                message = first.name_text(),
                header = from.clone(),
                envelope = envelope.to_string(),
            ),
        )
        .evidence(evidence)
        .count(facts::count(hits.len())),
    )
}
