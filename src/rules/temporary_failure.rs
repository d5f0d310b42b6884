//! `temporary-failure`: a 4xx deferral no more specific rule explains; greylisting recognised.
//!
//! Reference: RFC 5321 §4.2.1 and §4.5.4.1 (4yz: retry later), RFC 3463 (class 4), RFC 6647
//! (greylisting), Exchange Online `451 4.7.0 Temporary server error`, RFC 7372 (4.7.25 reverse DNS).
//! Known false positives: greylisting whose wording does not say so is counted as a plain deferral.

use super::refusal::{self, Kind};
use super::{Finding, RuleInfo, RuleInput, Severity};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "temporary-failure",
    severity: Severity::Warning,
    title: "Mail was deferred with a 4xx reply: the sender must retry",
    trigger:
        "A 4xx reply to the greeting, MAIL, RCPT, DATA or a message body that back-pressure and throttled do \
              not claim. Greylisting (the reply says greylist/graylist) lowers it to info.",
    advice: &[
        "Read the enhanced code and the text: the receiver names a temporary condition (a local error, a \
         policy deferral, a failed reverse-DNS check 4.7.25, a proxy error PRXn).",
        "The sender keeps the message and retries from its queue; only when deferrals repeat for the same \
         message (retry-storm) or last until the queue expires (4.4.7) is mail lost.",
        "Greylisting: the first attempt from an unknown sender is deferred on purpose; the retry after the \
         greylist delay is accepted. Nothing to fix unless the sender never retries.",
    ],
    caveats: "Greylisting is recognised by its wording only.",
    refs: &["RFC 5321 §4.2.1", "RFC 6647", "RFC 3463"],
};

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let (found, kind) = input
        .refusals()
        .of_kind(|k| matches!(k, Kind::TemporaryFailure { .. }))?;
    let first = found.first()?;
    let greylisting = kind == Kind::TemporaryFailure { greylisting: true };
    let reason = if greylisting {
        crate::msg!("deferred-greylisting")
    } else {
        crate::msg!("deferred-retry")
    };
    let finding = refusal::finding(input, &INFO, &found, first.deferred_because(reason))?;
    Some(if greylisting {
        finding.severity(Severity::Info)
    } else {
        finding
    })
}
