//! `delivery-failed`: the server refused the message itself.
//!
//! Reference: RFC 3463 (enhanced status codes), KB 895853 (the 5.0.0 / 5.7.1 / 5.7.3 scenarios),
//! RFC 5321 §4.1.1.4 and RFC 3030 (the final reply to DATA / BDAT LAST).
//! Known false positives: content filters refusing spam raise it too, correctly.

use super::facts::{self, Exchange};
use super::{Finding, RuleInfo, RuleInput, Severity};
use crate::smtp::dialogue::{Dialogue, ItemKind, ReplyItem};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "delivery-failed",
    severity: Severity::Error,
    title: "The message was refused: the final reply to DATA or BDAT was an error",
    trigger: "The final reply to a DATA body, or the reply to a BDAT chunk, is 4xx/5xx; or MAIL FROM, DATA or BDAT is \
              answered 5xx with enhanced status 5.0.0, 5.7.1 or 5.7.3 (not an authentication-required reply: that is \
              auth-required).",
    advice: &[
        "Read the enhanced status code (RFC 3463) named in the summary: it says which of the scenarios of \
         KB 895853 applies.",
        "5.7.1: the sender has no permission — Send As or the 'Accept messages from' restriction of the \
         recipient, or relay not allowed; 5.7.3: the server could not verify the sender's security \
         (authentication, certificate); 5.0.0: a generic refusal, often a DNS or routing problem on the \
         receiving side.",
        "4xx codes are temporary: the sender queues the message and retries.",
    ],
    caveats: "A content filter refusing spam is working as intended.",
    refs: &["RFC 3463", "KB 895853", "RFC 5321 §4.1.1.4"],
};

/// What an enhanced status code means (RFC 3463), for the summary.
pub fn explain(enhanced: Option<&str>) -> &'static str {
    let Some(code) = enhanced else {
        return "no enhanced status code";
    };
    let detail = code.split_once('.').map_or("", |(_, rest)| rest);
    match detail {
        "0.0" => "other or undefined status (RFC 3463 X.0.0)",
        "1.1" => "bad destination mailbox address",
        "1.8" => "bad sender's system address",
        "2.1" => "mailbox disabled, not accepting messages",
        "2.2" => "mailbox full",
        "3.4" => "message too big for system",
        "4.7" => "delivery time expired",
        "5.0" | "5.2" => "invalid command or syntax error",
        "6.0" => "other or undefined media error (content refused)",
        "7.0" => "other or undefined security status",
        "7.1" => "delivery not authorized, message refused (no permission: Send As, restrictions, relay)",
        "7.3" => "security conversion required but not possible",
        _ => "see RFC 3463",
    }
}

/// The error replies to message content: the final reply to a DATA body, or a reply to a BDAT chunk.
fn content_failures<'a>(dialogue: &'a Dialogue, exchanges: &[Exchange<'a>]) -> Vec<Exchange<'a>> {
    let mut out: Vec<Exchange<'a>> = exchanges
        .iter()
        .filter(|e| e.command.verb == "BDAT" && e.code().is_some_and(|c| c >= 400))
        .copied()
        .collect();
    // The decoder pairs the reply after a DATA body with the body; the DATA command before the
    // body is the message's command.
    let mut commands = exchanges.iter();
    let mut data_before: Vec<Option<&Exchange<'a>>> = Vec::with_capacity(dialogue.transcript.len());
    let mut last_data: Option<&Exchange<'a>> = None;
    for item in &dialogue.transcript {
        if let ItemKind::Command(_) = item.kind {
            last_data = commands.next().filter(|e| e.command.verb == "DATA").or(last_data);
        }
        data_before.push(last_data);
    }
    for item in &dialogue.transcript {
        let ItemKind::Reply(ReplyItem {
            reply,
            answers: Some(body),
            ..
        }) = &item.kind
        else {
            continue;
        };
        let is_body = matches!(
            dialogue.transcript.get(*body).map(|b| &b.kind),
            Some(ItemKind::Content { verb: "DATA", .. })
        );
        if let (true, true, Some(Some(data))) = (is_body, reply.code >= 400, data_before.get(*body)) {
            out.push(Exchange {
                reply: Some((item, reply)),
                ..**data
            });
        }
    }
    out
}

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let dialogue = &input.session.dialogue;
    let exchanges = facts::exchanges(dialogue);
    let mut failed = content_failures(dialogue, &exchanges);
    failed.extend(exchanges.iter().copied().filter(|e| {
        matches!(e.command.verb.as_str(), "MAIL" | "DATA" | "BDAT")
            && e.reply.is_some_and(|(_, r)| {
                r.class() == 5
                    && matches!(r.enhanced.as_deref(), Some("5.0.0" | "5.7.1" | "5.7.3"))
                    && !super::auth_required::requires_auth(r)
            })
    }));
    failed.sort_by_key(|e| e.reply.map_or(u64::MAX, |(item, _)| item.at.frame));
    failed.dedup_by_key(|e| e.reply.map(|(item, _)| item.at.frame));
    let first = failed.first()?;
    let (reply_item, reply) = first.reply?;
    let finding = Finding::new(
        &INFO,
        Some(reply_item.at),
        Some(reply_item.dir),
        format!(
            "{} was refused with {}: {}.",
            if first.command.verb == "MAIL" {
                "The sender"
            } else {
                "The message"
            },
            reply.first_line(),
            explain(reply.enhanced.as_deref())
        ),
    )
    .evidence(first.evidence())
    .count(u64::try_from(failed.len()).unwrap_or(u64::MAX));
    Some(facts::refusal(
        finding,
        input,
        first,
        facts::ANONYMOUS_SENDER_CAUSES,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enhanced_codes_are_explained() {
        assert!(explain(Some("5.7.1")).contains("not authorized"));
        assert!(explain(Some("5.7.3")).contains("security"));
        assert!(explain(Some("5.0.0")).contains("undefined"));
        assert!(explain(Some("4.4.7")).contains("expired"));
        assert_eq!(explain(None), "no enhanced status code");
    }
}
