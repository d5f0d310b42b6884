//! `throttled`: the receiver limits how fast this client may send.
//!
//! Reference: RFC 3463 (X.7.x with 421; X.5.3 too many recipients), RFC 5321 §4.5.3.1.10, Exchange
//! Online `451 4.7.500-699` (IP throttling) and `451 4.7.650` (rate limited for reputation),
//! Postfix anvil (`421 4.7.0 Error: too many connections`). Known false positives: none for the
//! codes; a rate-limit wording on another 4xx is taken at its word.

use super::refusal::{self, Kind};
use super::{Finding, RuleInfo, RuleInput, Severity};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "throttled",
    severity: Severity::Warning,
    title: "The receiver throttles this client: too many connections, messages or recipients",
    trigger:
        "A 421 with enhanced status 4.7.x, a 4xx with 4.7.500–4.7.699 (Exchange Online), 4.5.3 or a 452 `too \
              many recipients`, 4.7.28, or a 4xx speaking of a rate limit or too many connections.",
    advice: &[
        "Lower the sender's concurrency and rate towards this receiver (Exchange: the Send connector's and \
         transport's MaxPerDomainOutboundConnections, message rate limits; Postfix: \
         default_destination_concurrency_limit).",
        "A new or changed sending IP address is throttled by Exchange Online Protection until it has a \
         sending history (4.7.500–699): ramp up slowly, register it with an inbound connector if it is \
         yours.",
        "Too many recipients: the sender must send the rest in another transaction, as RFC 5321 expects.",
    ],
    caveats: "Greylisting that speaks of rate limits is counted here too.",
    refs: &["RFC 3463", "RFC 5321 §4.5.3.1.10"],
};

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let (found, _) = input.refusals().of_kind(|k| *k == Kind::Throttled)?;
    let first = found.first()?;
    refusal::finding(
        input,
        &INFO,
        &found,
        crate::msg!(
            "summary-throttled",
            what = first.what_text(),
            reply = first.reply.first_line(),
        ),
    )
}
