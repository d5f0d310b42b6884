//! `tcp-reset`: a RST ended the connection before the SMTP dialogue was over.
//!
//! Reference: KB 843106 ("verify that no packets are dropped between the servers"), RFC 9293.
//! Known false positives: some clients reset after `221` instead of closing; the rule only fires
//! when no `221` reply was seen, so those do not count. A SYN answered by RST is connection-refused,
//! not a reset. Inside TLS the QUIT and its 221 cannot be
//! seen, so a reset there is not reported either.

use super::{Evidence, Finding, RuleInfo, RuleInput, Severity};
use crate::smtp::dialogue::ItemKind;

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "tcp-reset",
    severity: Severity::Warning,
    title: "The connection was reset before QUIT was answered",
    trigger: "A RST from either side ends the connection and no 221 reply to QUIT was seen before it.",
    advice: &[
        "Whatever was in flight (named in the summary) was lost; the sender will retry later.",
        "If the receiver reset: look for an SMTP service crash or a connection limit on the receiving server.",
        "If a firewall or proxy sits between the servers, check its logs for the connection: inspection \
         engines reset sessions they cannot parse (binary XEXCH50 BLOBs, BDAT chunks).",
    ],
    caveats: "A RST after the 221 is a normal (if impolite) close and is not reported; neither is a RST \
              inside TLS, where QUIT cannot be seen.",
    refs: &["KB 843106", "RFC 9293"],
};

/// The SMTP state the connection was in when it ended, from the last transcript item.
fn state_at_end(session: &crate::session::Session) -> crate::l10n::Text {
    match session.dialogue.transcript.last().map(|i| &i.kind) {
        None => crate::msg!("reset-before-smtp"),
        Some(ItemKind::Blob { .. }) => crate::msg!("reset-during-blob"),
        Some(ItemKind::Content { verb: "BDAT", .. }) => crate::msg!("reset-during-bdat"),
        Some(ItemKind::Content { .. }) => crate::msg!("reset-during-data"),
        Some(ItemKind::AuthData { .. }) => crate::msg!("reset-during-auth"),
        Some(ItemKind::Command(_)) => crate::msg!("reset-awaiting-reply"),
        Some(
            ItemKind::Reply(_) | ItemKind::Gap { .. } | ItemKind::Unparsed { .. } | ItemKind::Tls { .. },
        ) => crate::msg!("reset-between-commands"),
    }
}

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let session = input.session;
    if !session.reset() || input.earlier("connection-refused").is_some() {
        return None;
    }
    let closed_by_221 = input.exchanges_of("QUIT").iter().any(|e| e.code() == Some(221));
    let inside_tls = matches!(
        session.dialogue.transcript.last().map(|i| &i.kind),
        Some(ItemKind::Tls { .. })
    );
    if closed_by_221 || inside_tls {
        return None;
    }
    let by = if session.summary.s2c.rst && !session.summary.c2s.rst {
        crate::msg!("reset-by-server")
    } else if session.summary.c2s.rst && !session.summary.s2c.rst {
        crate::msg!("reset-by-client")
    } else {
        crate::msg!("reset-by-both")
    };
    let state = state_at_end(session);
    let end = crate::smtp::dialogue::Position {
        frame: session.summary.last_frame,
        ts: session.summary.end,
    };
    Some(
        Finding::new(
            &INFO,
            Some(end),
            None,
            crate::msg!("summary-tcp-reset", by = &by, state = &state),
        )
        .evidence([Evidence::fact(
            Some(end),
            crate::msg!("evidence-rst-from", by = by, state = state),
        )]),
    )
}
