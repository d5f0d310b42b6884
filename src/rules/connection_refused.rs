//! `connection-refused`: the client's SYN was answered by a RST, or never answered.
//!
//! Reference: RFC 9293 §3.5 (a RST answers a SYN to a closed port), KB 843106 (check the path
//! between the servers). Read from the reassembler's per-direction counters: the client sent only
//! SYNs (repeats are counted as retransmissions) and the server sent nothing, or a RST as its
//! only segment. Known false positives: a one-sided capture that holds only the client's SYNs of a
//! connection that did open (later client segments would show it opened). A connection evicted by
//! the connection budget before any answer is not judged unanswered (`connection-flood` says why).

use super::{Evidence, Finding, RuleInfo, RuleInput, Severity};
use crate::net::Direction;
use crate::reasm::CloseCause;
use crate::session::Session;
use crate::smtp::dialogue::Position;

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "connection-refused",
    severity: Severity::Error,
    title: "The TCP connection to the SMTP port was refused or never answered",
    trigger: "The client's SYN was answered by a RST (the server's only segment), or the client sent only \
              SYNs and nothing came back.",
    advice: &[
        "Nothing listens on the SMTP port there: the SMTP service is stopped, or bound to another address \
         or port.",
        "A firewall blocks the port: a RST usually comes from the host or a rejecting firewall, silence \
         from a firewall that drops.",
        "The sender resolved the wrong address (check the MX and A records it used).",
    ],
    caveats: "A capture that saw only the client's SYNs of a connection that did open would look \
              unanswered.",
    refs: &["RFC 9293 §3.5", "KB 843106"],
};

/// How the SYN went unanswered, when it did: `Some(true)` refused by RST, `Some(false)` no answer.
pub fn refusal(session: &Session) -> Option<bool> {
    let (c2s, s2c) = (&session.summary.c2s, &session.summary.s2c);
    let only_syns = session.info.handshake_seen
        && c2s.bytes == 0
        && !c2s.fin
        && !c2s.rst
        && c2s.segments == c2s.retransmitted.saturating_add(1);
    if !only_syns {
        return None;
    }
    match (s2c.segments, s2c.rst) {
        // An evicted connection was not followed to its end: its answer may have come later.
        (0, _) if session.summary.cause == CloseCause::Evicted => None,
        (0, _) => Some(false),
        (1, true) => Some(true),
        _ => None,
    }
}

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let session = input.session;
    let by_rst = refusal(session)?;
    let syns = session.summary.c2s.segments;
    let first = Position {
        frame: session.info.first_frame,
        ts: session.info.start,
    };
    let server = session.info.server;
    let (summary, fact) = if by_rst {
        (
            format!("The connection to {server} was refused: the SYN was answered by a RST."),
            format!(
                "SYN to {server} answered by RST at frame {}",
                session.frame(session.summary.last_frame)
            ),
        )
    } else {
        (
            format!("The connection to {server} was never answered: {syns} SYN(s), no reply."),
            format!(
                "{syns} SYN(s) to {server} over {:.1} s, nothing back",
                session.summary.end.seconds_since(session.info.start)
            ),
        )
    };
    Some(
        Finding::new(&INFO, Some(first), Some(Direction::ClientToServer), summary)
            .evidence([Evidence::fact(Some(first), fact)]),
    )
}
