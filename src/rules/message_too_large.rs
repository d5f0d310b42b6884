//! `message-too-large`: the message is larger than the receiver accepts.
//!
//! Reference: RFC 1870 (SIZE: the EHLO limit, MAIL FROM SIZE=, 552 for a message over a fixed
//! limit), RFC 3463 (X.3.4 message too big for system, X.2.3 message length exceeds administrative
//! limit), Exchange's message size limits (connector, organisation, recipient). Known false
//! positives: a 552 meaning a full mailbox is recognised by 5.2.2 or its words and not counted.

use super::refusal::{self, Kind};
use super::{Evidence, Finding, RuleInfo, RuleInput, Severity};
use crate::smtp::dialogue::Dialogue;

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "message-too-large",
    severity: Severity::Error,
    title: "The message is too large for the receiver",
    trigger: "A reply with enhanced status X.3.4 or X.2.3, or a 552 that is not a full mailbox (5.2.2, quota); or, as \
              a warning, a MAIL FROM whose SIZE= exceeds the SIZE limit the server's EHLO reply announced.",
    advice: &[
        "Compare the message size with the receiver's limits: the SIZE value of its EHLO reply, and on Exchange \
         the Receive connector's MaxMessageSize, the organisation's transport limits and the recipient's \
         limit (5.2.3 is the administrative one).",
        "Send the attachment another way, or raise the limit on the receiving side if the size is legitimate.",
        "A sender that announces SIZE= above the advertised limit should not have sent the message at all \
         (RFC 1870): check the sending software.",
    ],
    caveats: "The size the client announces is trusted as announced.",
    refs: &["RFC 1870", "RFC 3463"],
};

/// `(MAIL FROM frame, SIZE= announced, limit advertised)` of each MAIL whose SIZE= exceeds the
/// EHLO SIZE limit (a limit of 0 means none).
fn over_limit(dialogue: &Dialogue) -> Vec<(u64, u64, u64)> {
    let Some(limit) = dialogue
        .extensions
        .iter()
        .find(|e| e.is("SIZE"))
        .and_then(|e| e.params.first())
        .and_then(|p| p.parse::<u64>().ok())
        .filter(|l| *l > 0)
    else {
        return Vec::new();
    };
    dialogue
        .transactions
        .iter()
        .filter_map(|t| {
            let from = t.mail_from.as_ref()?;
            let size = from
                .path
                .as_ref()?
                .params
                .iter()
                .find(|p| p.keyword.eq_ignore_ascii_case("SIZE"))?
                .value
                .as_deref()?
                .parse::<u64>()
                .ok()?;
            (size > limit).then_some((from.frame, size, limit))
        })
        .collect()
}

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let dialogue = &input.session.dialogue;
    let announced = over_limit(dialogue);
    let size_fact = announced.first().map(|(_, size, limit)| {
        Evidence::fact(
            None,
            crate::msg!(
                "evidence-size-over-limit",
                size = size.to_string(),
                limit = limit.to_string()
            ),
        )
    });
    if let Some((found, _)) = input.refusals().of_kind(|k| *k == Kind::TooLarge) {
        let first = found.first()?;
        let finding = refusal::finding(
            input,
            &INFO,
            &found,
            first.refused_because(crate::msg!("refused-too-large")),
        )?;
        return Some(finding.evidence(size_fact));
    }
    let (frame, size, limit) = *announced.first()?;
    let mail = input.exchange_at("MAIL", frame)?;
    Some(
        mail.finding(
            &INFO,
            crate::msg!(
                "summary-size-above-limit",
                size = size.to_string(),
                limit = limit.to_string()
            ),
        )
        .evidence(size_fact)
        .severity(Severity::Warning)
        .count(super::facts::count(announced.len())),
    )
}
