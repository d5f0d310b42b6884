//! `xexch50-rejected`: the receiver refused an `XEXCH50` command.
//!
//! Reference: KB 843106 (events 7004/7010, `504 Need to authenticate first`), KB 818222 (stop sending
//! XEXCH50 outside the organisation), PROTOCOL.md §3.3 and R12–R15.
//! Known false positives: none for the trigger itself; a refusal towards a peer outside the
//! organisation (an Internet host, an Exchange 5.5 IMS answering 505) is expected and harmless, which
//! the advice says.

use super::facts::{self, Exchange};
use super::{Finding, RuleInfo, RuleInput, Severity};
use crate::l10n::Text;

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "xexch50-rejected",
    severity: Severity::Warning,
    title: "XEXCH50 was answered with an error: the Exchange message properties were not transferred",
    trigger: "An XEXCH50 command answered with any 4xx/5xx reply. Error for 504, 505 and enhanced 5.7.1; \
              warning otherwise.",
    advice: &[
        "Mail itself still flows; what is lost are the Exchange properties carried in the BLOB (public \
         folder replication, journaling, distribution-list expansion, IMF ratings).",
        "If the peer is outside your organisation (an Internet host, another forest, an Exchange 5.5 IMS), \
         stop sending XEXCH50 to it: the SMTPSVC\\XEXCH50 registry key of KB 818222.",
        "If the peer is an Exchange server of your organisation, work through KB 843106: Integrated \
         Windows Authentication on every SMTP virtual server, the Send As right of the sending server on \
         the receiver, failed authentication (events 1704/1706).",
    ],
    caveats: "A rejection towards an external peer is expected behaviour, not a fault.",
    refs: &["KB 843106", "KB 818222"],
};

/// What a reply code tells about why XEXCH50 was refused.
fn meaning(code: u16, enhanced: Option<&str>) -> Text {
    match (code, enhanced) {
        (504, Some("5.7.1")) => crate::msg!("xexch50-refused-not-authorised"),
        (504, _) => crate::msg!("xexch50-refused-no-auth"),
        (505, _) => crate::msg!("xexch50-refused-auth-required"),
        (500 | 502, _) => crate::msg!("xexch50-refused-unknown-verb"),
        (501, _) => crate::msg!("xexch50-refused-bad-arguments"),
        _ => crate::msg!("xexch50-refused-other"),
    }
}

fn severity(exchange: &Exchange<'_>) -> Severity {
    match exchange.reply {
        Some((_, r)) if matches!(r.code, 504 | 505) || r.enhanced.as_deref() == Some("5.7.1") => {
            Severity::Error
        }
        _ => Severity::Warning,
    }
}

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let rejected: Vec<Exchange<'_>> = input
        .exchanges_of("XEXCH50")
        .into_iter()
        .filter(|e| e.code().is_some_and(|c| c >= 400))
        .collect();
    let first = rejected.first()?;
    let (_, reply) = first.reply?;
    let mut finding = Finding::new(
        &INFO,
        Some(first.at()),
        Some(first.item.dir),
        crate::msg!(
            "summary-xexch50-rejected",
            code = reply.code.to_string(),
            meaning = meaning(reply.code, reply.enhanced.as_deref())
        ),
    )
    .severity(rejected.iter().map(severity).max().unwrap_or(Severity::Warning))
    .evidence(first.evidence())
    .count(u64::try_from(rejected.len()).unwrap_or(u64::MAX));
    if let Some(event) = facts::event_7004(input.session, first) {
        finding = finding.event(event);
    }
    let refused_for_auth = matches!(reply.code, 504 | 505);
    let cause = input.earlier("middlebox-rewrite").or_else(|| {
        refused_for_auth
            .then(|| input.cause(&["xexch50-without-auth", "xexch50-rejected-after-auth"]))
            .flatten()
    });
    if let Some(cause) = cause {
        finding = finding.explained_by(cause);
    }
    Some(finding)
}
