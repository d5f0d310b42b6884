//! `slow-reply`: the server took more than 30 seconds to answer.
//!
//! Reference: RFC 5321 §4.5.3.2 (client timeouts: 5 min for most commands, 10 min after the
//! end of data), KB 895853. The delay is measured from the last client item before the reply (the
//! command, or the data it answers), so a long upload is not counted as the server's time.
//! Known false positives: a reply to the end of a body that took long to upload is measured from
//! the body's first segment, not its last.

use super::{Evidence, Finding, RuleInfo, RuleInput, Severity};
use crate::net::Direction;
use crate::smtp::dialogue::{Item, ItemKind, ReplyItem};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "slow-reply",
    severity: Severity::Info,
    title: "A reply took more than 30 seconds",
    trigger: "A reply comes more than 30 s after the last client command or data before it.",
    advice: &[
        "The server is slow to decide: name lookups (reverse DNS of the client, DNS of recipients), the \
         categoriser resolving recipients in Active Directory, or anti-virus / anti-spam scanning of the \
         message.",
        "Clients give up after 5 minutes (10 after a message body): slow replies near those limits end \
         in retries and duplicates.",
    ],
    caveats: "Measured from the first segment of a long body, so a slow upload can add to it.",
    refs: &["RFC 5321 §4.5.3.2", "KB 895853"],
};

/// Seconds a reply may take.
pub const SLOW_SECS: f64 = 30.0;

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let dialogue = &input.session.dialogue;
    let mut last_client: Option<&Item> = None;
    let mut slow: Vec<(&Item, &Item, f64)> = Vec::new();
    for item in &dialogue.transcript {
        match (&item.kind, item.dir) {
            (ItemKind::Reply(ReplyItem { answers: Some(_), .. }), Direction::ServerToClient) => {
                if let Some(asked) = last_client {
                    let waited = item.at.ts.seconds_since(asked.at.ts);
                    if waited > SLOW_SECS {
                        slow.push((asked, item, waited));
                    }
                }
            }
            (_, Direction::ClientToServer) => last_client = Some(item),
            _ => {}
        }
    }
    let (asked, answer, waited) = *slow.iter().max_by(|a, b| a.2.total_cmp(&b.2))?;
    let ItemKind::Reply(ReplyItem { reply, .. }) = &answer.kind else {
        return None;
    };
    let what = match &asked.kind {
        ItemKind::Command(c) => c.verb.clone().into(),
        ItemKind::Content { verb, .. } => crate::msg!("slow-the-body", verb = verb.to_string()),
        ItemKind::Blob { .. } => crate::msg!("slow-the-blob"),
        ItemKind::AuthData { .. } => crate::msg!("slow-auth-line"),
        _ => crate::msg!("slow-last-bytes"),
    };
    Some(
        Finding::new(
            &INFO,
            Some(asked.at),
            Some(asked.dir),
            crate::msg!(
                "summary-slow-reply",
                seconds = format!("{waited:.1}"),
                what = &what
            ),
        )
        .evidence([
            Evidence::fact(Some(asked.at), crate::msg!("evidence-slow-sent", what = what)),
            Evidence::line(answer.at, answer.dir, reply.first_line()),
            Evidence::fact(
                None,
                crate::msg!("evidence-reply-after", seconds = format!("{waited:.1}")),
            ),
        ])
        .count(u64::try_from(slow.len()).unwrap_or(u64::MAX)),
    )
}
