//! `recipient-unknown`: the receiver says a recipient does not exist.
//!
//! Reference: RFC 3463 (X.1.1 bad destination mailbox, X.1.0, X.1.6), RFC 5321 §4.2.2 (550
//! mailbox unavailable), Exchange Online 5.1.10 and 5.4.1 (directory-based edge blocking), KB
//! 817425 (an Exchange 2000 restriction reported as 5.1.1). Known false positives: a server that
//! answers every refusal with a bare 550 makes a relay or policy refusal look like an unknown user;
//! directory harvesting looks the same from the receiver's side.

use super::refusal::{self, Kind};
use super::{Evidence, Finding, RuleInfo, RuleInput, Severity};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "recipient-unknown",
    severity: Severity::Warning,
    title: "A recipient was refused as unknown: the mailbox does not exist there",
    trigger: "RCPT answered 5xx with enhanced status X.1.1, X.1.0, X.1.6 or 5.1.10, with 5.4.1 `Recipient address \
              rejected`, or with a bare 550 and no other reason in its words. The evidence lists every refused \
              address.",
    advice: &[
        "Check the address for a typing error, and whether the mailbox was deleted or renamed.",
        "If the recipient exists: the receiving server's directory does not know it — recipient policies or \
         accepted domains that do not generate this address, directory replication (Active Directory, \
         Exchange Online directory synchronisation), or a recipient filter/edge blocking list that is stale.",
        "Exchange 2000/2003 may report a delivery restriction as 5.1.1 (KB 817425): check the recipient's \
         restrictions when the address is right.",
    ],
    caveats: "A bare 550 is taken as an unknown mailbox when the reply gives no other reason.",
    refs: &["RFC 3463", "RFC 5321 §4.2.2", "KB 817425"],
};

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let (found, _) = input.refusals().of_kind(|k| *k == Kind::RecipientUnknown)?;
    let first = found.first()?;
    let addresses: Vec<String> = found
        .iter()
        .filter_map(|r| r.exchange)
        .map(|e| {
            e.command
                .arg
                .trim_start_matches(|c: char| c != '<')
                .split('>')
                .next()
                .unwrap_or("")
                .trim_start_matches('<')
                .to_string()
        })
        .filter(|a| !a.is_empty())
        .collect();
    let mut finding = refusal::finding(
        input,
        &INFO,
        &found,
        crate::msg!(
            "summary-recipient-unknown",
            what = first.what_text(),
            reply = first.reply.first_line(),
        ),
    )?;
    if !addresses.is_empty() {
        finding = finding.evidence([Evidence::fact(
            None,
            crate::msg!("evidence-unknown-recipients", addresses = addresses.join(", ")),
        )]);
    }
    Some(finding)
}
