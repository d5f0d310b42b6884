//! `xexch50-count-mismatch`: the second argument of `XEXCH50` is not the number of accepted
//! recipients plus one.
//!
//! Reference: PROTOCOL.md §3.3 and R16 (Exchange 2007+ answers `501 5.5.4 XEXCH50 Invalid`).
//! Known false positives: the count's meaning beyond "recipients + 1" is not documented; a
//! transaction whose MAIL FROM or some RCPT replies are not in the capture is not judged.

use super::{facts, Evidence, Finding, RuleInfo, RuleInput, Severity};
use crate::smtp::dialogue::{Transaction, Xexch50};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "xexch50-count-mismatch",
    severity: Severity::Info,
    title: "The XEXCH50 count is not the number of accepted recipients plus one",
    trigger: "The second argument of XEXCH50 is not (recipients accepted before it + 1).",
    advice: &[
        "A sender bug: the BLOB was built for another recipient list (for example before a recipient was \
         refused).",
        "A replayed or tampered command: compare with the sender's logs.",
    ],
    caveats: "Transactions whose MAIL FROM or RCPT replies are missing from the capture are not judged.",
    refs: &["KB 843106", "docs/exchange-verbs.md#xexch50"],
};

/// The recipients accepted before `xexch50`, when every RCPT before it was answered.
fn accepted_before(transaction: &Transaction, xexch50: &Xexch50) -> Option<u64> {
    let before: Vec<_> = transaction
        .rcpt_to
        .iter()
        .filter(|r| r.frame < xexch50.frame)
        .collect();
    if transaction.mail_from.is_none()
        || transaction.rcpt_dropped > 0
        || before.iter().any(|r| r.reply.is_none())
    {
        return None;
    }
    Some(facts::count(
        before
            .iter()
            .filter(|r| r.reply.is_some_and(|c| (200..300).contains(&c)))
            .count(),
    ))
}

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let dialogue = &input.session.dialogue;
    let mismatched: Vec<(&Xexch50, u64)> = dialogue
        .transactions
        .iter()
        .flat_map(|t| t.xexch50.iter().map(move |x| (t, x)))
        .filter_map(|(t, x)| {
            let accepted = accepted_before(t, x)?;
            let count = x.count.value?;
            (count != accepted.saturating_add(1)).then_some((x, accepted))
        })
        .collect();
    let (first, accepted) = mismatched.first()?;
    let exchange = input.exchange_at("XEXCH50", first.frame)?;
    Some(
        exchange
            .finding(
                &INFO,
                crate::msg!(
                    "summary-xexch50-count-mismatch",
                    count = first.count.text.clone(),
                    accepted = *accepted,
                    expected = accepted.saturating_add(1),
                ),
            )
            .evidence([Evidence::fact(
                None,
                crate::msg!("evidence-recipients-accepted-before", count = *accepted),
            )])
            .count(facts::count(mismatched.len())),
    )
}
