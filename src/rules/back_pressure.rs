//! `back-pressure`: the receiver is out of resources and defers mail.
//!
//! Reference: RFC 3463 (X.3.1 mail system full, X.3.2 not accepting network messages), RFC 5321
//! §4.2.3 (452 insufficient system storage, 421), Exchange's back pressure (`452 4.3.1 Insufficient
//! system resources`, `421 4.3.2 Service not available`; events 15004–15007). Known false positives:
//! a server shutting down for maintenance answers 421 4.3.2 too.

use super::refusal::{self, Kind};
use super::{Finding, RuleInfo, RuleInput, Severity};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "back-pressure",
    severity: Severity::Warning,
    title: "The receiver is out of resources (back pressure): mail is deferred",
    trigger: "Any reply with enhanced status 4.3.1 or 4.3.2 (`452 4.3.1 Insufficient system resources`, `421 4.3.2 \
              Service not available`), or a 452 without enhanced status that is not about recipients.",
    advice: &[
        "On the receiving Exchange server, look for back pressure events 15004–15007 (MSExchangeTransport) and \
         for what is short: free space on the queue database's drive, memory of the transport process, \
         messages waiting in queues.",
        "Free or move the queue database (QueueDatabasePath) and find what fills the queues (a loop, an \
         unreachable destination) before raising the thresholds.",
        "The sender keeps the mail and retries; deliveries resume by themselves when the pressure falls.",
    ],
    caveats: "A server that is being stopped also answers 421 4.3.2.",
    refs: &["RFC 3463", "RFC 5321 §4.2.3"],
};

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let (found, _) = input.refusals().of_kind(|k| *k == Kind::BackPressure)?;
    let first = found.first()?;
    refusal::finding(
        input,
        &INFO,
        &found,
        first.deferred_because(crate::msg!("deferred-short-of-resources")),
    )
}
