//! `no-banner`: the connection was established but the server's greeting never came, or came late.
//!
//! Reference: RFC 5321 §3.1 and §4.5.3.2.1 (the client waits 5 minutes for the greeting),
//! KB 843106. Only judged when the handshake is in the capture and the server direction was
//! captured at all. Known false positives: a tarpit delays its greeting on purpose.

use super::{Evidence, Finding, RuleInfo, RuleInput, Severity};
use crate::net::Direction;
use crate::reasm::CloseCause;
use crate::smtp::dialogue::Position;

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "no-banner",
    severity: Severity::Error,
    title: "The server sent no greeting within 30 seconds of the connection",
    trigger: "The handshake is in the capture, the server answered it, and no greeting reply came within \
              30 s of the SYN (or at all).",
    advice: &[
        "The SMTP service is hung or overloaded (check its queues, the SMTP service and the server's CPU \
         and disk).",
        "A tarpit or anti-spam front end delays the greeting on purpose.",
        "A proxy or firewall accepted the connection itself and holds it while it cannot reach the \
         server behind it.",
    ],
    caveats: "A deliberate tarpit delay raises it too.",
    refs: &["RFC 5321 §4.5.3.2.1", "KB 843106"],
};

/// Seconds the greeting may take.
pub const BANNER_WAIT_SECS: f64 = 30.0;

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let session = input.session;
    if !session.info.handshake_seen
        || session.summary.s2c.segments == 0
        || input.earlier("connection-refused").is_some()
    {
        return None;
    }
    let start = session.info.start;
    match &session.dialogue.banner {
        Some(banner) => {
            let waited = banner.at.ts.seconds_since(start);
            (waited > BANNER_WAIT_SECS).then(|| {
                Finding::new(
                    &INFO,
                    Some(banner.at),
                    Some(Direction::ServerToClient),
                    crate::msg!("summary-banner-late", seconds = format!("{waited:.1}")),
                )
                .evidence([
                    Evidence::fact(
                        Some(Position {
                            frame: session.info.first_frame,
                            ts: start,
                        }),
                        "connection opened (SYN)",
                    ),
                    Evidence::line(banner.at, Direction::ServerToClient, banner.value.first_line()),
                    Evidence::fact(
                        None,
                        crate::msg!("evidence-greeting-after", seconds = format!("{waited:.1}")),
                    ),
                ])
            })
        }
        None if session
            .dialogue
            .transcript
            .iter()
            .all(|i| i.dir == Direction::ClientToServer) =>
        {
            let end = Position {
                frame: session.summary.last_frame,
                ts: session.summary.end,
            };
            let waited = session.summary.end.seconds_since(start);
            // An evicted connection was not followed to its end: only a wait past the limit counts.
            if session.summary.cause == CloseCause::Evicted && waited <= BANNER_WAIT_SECS {
                return None;
            }
            Some(
                Finding::new(
                    &INFO,
                    Some(end),
                    None,
                    crate::msg!("summary-no-banner", seconds = format!("{waited:.1}")),
                )
                .evidence([Evidence::fact(
                    Some(end),
                    crate::msg!("evidence-no-greeting", seconds = format!("{waited:.1}")),
                )]),
            )
        }
        None => None,
    }
}
