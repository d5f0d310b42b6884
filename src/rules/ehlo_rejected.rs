//! `ehlo-rejected`: the server refused `EHLO` as an unknown command, so the session has no ESMTP.
//!
//! Reference: RFC 5321 §3.2 and §4.1.1.1 (fall back to HELO after 500/502), KB 843106 step 5,
//! PROTOCOL.md §5 (PIX Mailguard answers EHLO 500). Known false positives: a genuinely
//! SMTP-only server (rare today) refuses EHLO the same way; the advice says so.

use super::facts;
use super::{Finding, RuleInfo, RuleInput, Severity};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "ehlo-rejected",
    severity: Severity::Error,
    title: "EHLO was refused: no extended verbs (X-EXPS, XEXCH50, BDAT) are possible in this session",
    trigger: "An EHLO command answered 500 or 502.",
    advice: &[
        "Usually a middlebox: a firewall's SMTP inspection (PIX Mailguard) answers EHLO with 500 so that \
         only RFC 821 verbs pass; disable it between the mail servers.",
        "Otherwise the receiving server does not speak ESMTP (an old or minimal SMTP service): Exchange \
         servers of the organisation must reach each other directly.",
    ],
    caveats: "A server that really supports only HELO refuses EHLO the same way.",
    refs: &["RFC 5321 §4.1.1.1", "KB 843106"],
};

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let refused: Vec<_> = input
        .exchanges_of("EHLO")
        .into_iter()
        .filter(|e| matches!(e.code(), Some(500 | 502)))
        .collect();
    let first = refused.first()?;
    let code = first.code()?;
    let mut evidence = first.evidence();
    let helo = input
        .exchanges_of("HELO")
        .into_iter()
        .find(|h| h.at().frame > first.at().frame);
    if let Some(helo) = &helo {
        evidence.extend(helo.evidence());
    }
    let fallback = if helo.is_some() {
        crate::msg!("ehlo-fell-back-to-helo")
    } else {
        crate::l10n::Text::Raw(String::new())
    };
    let finding = Finding::new(
        &INFO,
        Some(first.at()),
        Some(first.item.dir),
        crate::msg!("summary-ehlo-rejected", code = code, fallback = fallback),
    )
    .evidence(evidence)
    .count(u64::try_from(refused.len()).unwrap_or(u64::MAX));
    Some(facts::refusal(finding, input, first, &["middlebox-rewrite"]))
}
