//! `spam-rejected`: the receiver refused the client or the message as spam, or for a block list.
//!
//! Reference: RFC 3463 (X.7.1), RFC 5782 (DNS block lists), Exchange Online Protection 5.7.606–649
//! (banned sending IP), 5.7.511, 5.7.708 and 5.7.350, KB 895853 (an open relay ends on block lists).
//! Known false positives: a permanent refusal whose text merely mentions spam (a policy link) is
//! counted.

use super::refusal::{self, Kind};
use super::{Evidence, Finding, RuleInfo, RuleInput, Severity};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "spam-rejected",
    severity: Severity::Error,
    title: "Refused as spam or for a block list listing",
    trigger: "A 5xx reply (greeting, MAIL, RCPT, DATA or a message body) with an Exchange Online spam code (5.7.606–649, \
              5.7.501–503, 5.7.511, 5.7.708, 5.7.350) or block-list/content wording (`blocked using`, `listed in`, \
              Spamhaus, spam). The list is named when the reply names it.",
    advice: &[
        "Look up the sending IP address in the list the reply names and follow its delisting procedure; find \
         why it was listed first (an open relay, a compromised account or application sending spam).",
        "Exchange Online 5.7.606–649: request delisting at Microsoft's delist portal; 5.7.708: the IP has no \
         reputation yet — send through the tenant's connector.",
        "A content refusal: the receiver's filter judged the message; check SPF, DKIM and DMARC of the \
         sending domain and the message itself.",
    ],
    caveats: "Wording is matched only on permanent (5xx) replies.",
    refs: &["RFC 3463", "RFC 5782", "KB 895853"],
};

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let (found, kind) = input.refusals().of_kind(|k| matches!(k, Kind::Spam { .. }))?;
    let first = found.first()?;
    let list = match kind {
        Kind::Spam { list } => list,
        _ => None,
    };
    let because = match &list {
        Some(list) => crate::msg!("spam-listed-on", list = list.to_string()),
        None => crate::msg!("spam-refused"),
    };
    let finding = refusal::finding(input, &INFO, &found, first.refused_because(because))?;
    Some(match list {
        Some(list) => finding
            .evidence([Evidence::fact(
                None,
                crate::msg!("evidence-block-list", list = list.to_string()),
            )])
            .advice_first(crate::msg!(
                "advice-spam-listed",
                client = input.session.info.client.ip().to_string(),
                list = list.to_string(),
            )),
        None => finding,
    })
}
