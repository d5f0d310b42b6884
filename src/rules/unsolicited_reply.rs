//! `unsolicited-reply`: a server reply arrived when no client command was waiting for one.
//!
//! Reference: RFC 2920 §3 (one reply per command, in order), RFC 5321 §4.2, PROTOCOL.md §5 (a
//! middlebox answering or swallowing commands). The pairing of replies with commands — pipelining,
//! DATA and BLOB transfers, commands and replies lost in capture gaps, commands a server executed
//! inside a DATA body (SMTP smuggling) accounted for — is the decoder's: a reply is unsolicited
//! when the decoder knows it answers nothing ([`crate::rules::facts::unsolicited_replies`]).
//! Known false positives: a command lost on the network before the capture point is not a gap.

use super::facts;
use super::{Finding, RuleInfo, RuleInput, Severity};
use crate::smtp::anomaly::AnomalyKind;

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "unsolicited-reply",
    severity: Severity::Warning,
    title: "A reply arrived with no command waiting for it",
    trigger: "A complete server reply when no client command is outstanding (after accounting for \
              pipelining, DATA and BLOB transfers), other than the greeting, a 421, or a parting reply \
              right before the server closes (an idle timeout).",
    advice: &[
        "A middlebox answered a command itself, or swallowed one and let the server's reply through.",
        "The server replied twice to one command (a server bug; compare the texts of the replies).",
    ],
    caveats: "Replies a capture gap can explain (their command, or the replies before them, may be in \
              the gap) are not judged.",
    refs: &["RFC 2920 §3", "RFC 5321 §4.2"],
};

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let dialogue = &input.session.dialogue;
    let server_closed = input.session.summary.s2c.fin || input.session.summary.s2c.rst;
    let last_reply_frame = dialogue.replies().last().map(|(item, _)| item.at.frame);
    // A server may announce that it closes at any time (RFC 5321 §3.8: 421), and a parting reply
    // (an idle timeout) right before the server closes is not out of step.
    let parting = |item: &crate::smtp::dialogue::Item, code: u16| {
        code == 421 || (server_closed && Some(item.at.frame) == last_reply_frame)
    };
    let replies: Vec<_> = facts::unsolicited_replies(dialogue)
        .filter(|(item, reply)| !parting(item, reply.code))
        .collect();
    let (item, reply) = *replies.first()?;
    let mut finding = Finding::new(
        &INFO,
        Some(item.at),
        Some(item.dir),
        crate::msg!("summary-unsolicited-reply", reply = reply.first_line()),
    )
    .evidence(
        replies
            .iter()
            .take(5)
            .map(|(item, reply)| facts::reply_evidence(item, reply))
            .collect::<Vec<_>>(),
    )
    .count(u64::try_from(replies.len()).unwrap_or(u64::MAX));
    if dialogue.has_anomaly(AnomalyKind::ReplyBeforeEndOfData) {
        finding = finding.advice_first(crate::msg!("advice-unsolicited-smuggling"));
    }
    Some(finding.maybe_explained_by(input.cause(&["smtp-smuggling", "middlebox-rewrite", "tcp-gap"])))
}
