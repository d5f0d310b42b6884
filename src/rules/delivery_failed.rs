//! `delivery-failed`: the server refused the message itself.
//!
//! Reference: RFC 3463 (enhanced status codes), KB 895853 (the 5.0.0 / 5.7.1 / 5.7.3 scenarios),
//! RFC 5321 §4.1.1.4 and RFC 3030 (the final reply to DATA / BDAT LAST).
//! Known false positives: content filters refusing spam raise it too, correctly.

use super::facts::{self, Exchange};
use super::{Finding, RuleInfo, RuleInput, Severity};
use crate::l10n::Text;

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "delivery-failed",
    severity: Severity::Error,
    title: "The message was refused: the final reply to DATA or BDAT was an error",
    trigger: "The final reply to a DATA body, or the reply to a BDAT chunk, is 5xx; or MAIL FROM or DATA is \
              answered 5xx with enhanced status 5.0.0 or 5.7.1 — unless a more precise rule claims the reply \
              (auth-required, tls-required, not-authorized, message-too-large, spam-rejected, back-pressure, \
              throttled, temporary-failure).",
    advice: &[
        "Read the enhanced status code (RFC 3463) named in the summary: it says which of the scenarios of \
         KB 895853 applies.",
        "5.7.1: the sender has no permission — Send As or the 'Accept messages from' restriction of the \
         recipient, or relay not allowed; 5.7.3: the server could not verify the sender's security \
         (authentication, certificate); 5.0.0: a generic refusal, often a DNS or routing problem on the \
         receiving side.",
    ],
    caveats: "A content filter refusing spam is working as intended.",
    refs: &["RFC 3463", "KB 895853", "RFC 5321 §4.1.1.4"],
};

/// What an enhanced status code means, for the summary (the code table's title, in lower case).
pub fn explain(enhanced: Option<&str>) -> Text {
    let Some(code) = enhanced else {
        return crate::msg!("code-no-enhanced");
    };
    match crate::codes::enhanced(code) {
        Some(entry) => Text::Lower(Box::new(entry.title_text())),
        None => crate::codes::parts_text(code).unwrap_or_else(|| crate::msg!("code-see-rfc-3463")),
    }
}

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    // A refusal another rule names (size, spam, back pressure, throttling, a deferral, TLS,
    // authorisation) is that rule's; what is left of the message refusals is this one's.
    let failed: Vec<Exchange<'_>> = input
        .refusals()
        .unclaimed()
        .filter(|r| {
            r.after_content
                || (matches!(r.verb(), Some("MAIL" | "DATA"))
                    && r.reply.class() == 5
                    && matches!(r.reply.enhanced.as_deref(), Some("5.0.0" | "5.7.1" | "5.7.3")))
        })
        .filter_map(|r| {
            r.exchange.map(|e| Exchange {
                reply: Some((r.item, r.reply)),
                ..e
            })
        })
        .collect();
    let first = failed.first()?;
    let (reply_item, reply) = first.reply?;
    let finding = Finding::new(
        &INFO,
        Some(reply_item.at),
        Some(reply_item.dir),
        crate::msg!(
            "summary-refused-because",
            what = if first.command.verb == "MAIL" {
                crate::msg!("refused-the-sender")
            } else {
                crate::msg!("refused-the-message")
            },
            reply = reply.first_line(),
            because = explain(reply.enhanced.as_deref()),
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
        assert!(explain(Some("5.7.1")).en().contains("not authorized"));
        assert!(explain(Some("5.6.0")).en().contains("media"));
        assert!(explain(Some("5.0.0")).en().contains("generic"));
        assert!(explain(Some("5.9.9")).en().contains("permanent failure"));
        assert_eq!(explain(None).en(), "no enhanced status code");
    }
}
