//! `connection-churn`: one client opened many short sessions that ended before MAIL.
//!
//! Reference: RFC 5321 §4.5.3.2 (timeouts) and §3.8 (the server may end a session), Postfix anvil
//! (connection rate limits), Exchange's Receive connector limits (MaxInboundConnectionPerSource).
//! Cross-session: judged by the flow stage over the run's sessions. Known false positives:
//! monitoring probes (a banner check every minute) churn by design.

use super::{Evidence, Finding, RuleInfo, Severity};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "connection-churn",
    severity: Severity::Warning,
    title: "Many short sessions from one client ended before MAIL",
    trigger: "Cross-session: at least 5 sessions from one client to one server, each shorter than 30 s, ended before \
              any MAIL FROM (refused greeting, refused EHLO, or the client left). Evidence: how they ended.",
    advice: &[
        "If the server refused them (421/554 greetings), it limits this client: see throttled and \
         back-pressure in those sessions, and the receiver's connection limits (Exchange: \
         MaxInboundConnectionPerSource; Postfix: smtpd_client_connection_rate_limit).",
        "If the client left by itself after EHLO, it may be probing (monitoring, address verification) or \
         failing on something in the EHLO reply (TLS, AUTH); look at the last reply before it quit.",
    ],
    caveats: "Monitoring probes make short sessions by design.",
    refs: &["RFC 5321 §3.8", "RFC 5321 §4.5.3.2"],
};

/// Short sessions before MAIL that make churn, at least.
pub const MIN_SESSIONS: usize = 5;
/// A session shorter than this is short (seconds).
pub const SHORT_SECS: f64 = 30.0;

/// The finding for `short` sessions (`(id, start, how it ended)`, in order) of `client` to `server`.
pub fn check(
    client: &str,
    server: &str,
    short: &[(String, crate::smtp::dialogue::Position, crate::l10n::Text)],
) -> Option<Finding> {
    if short.len() < MIN_SESSIONS {
        return None;
    }
    let (_, first_at, _) = short.first()?;
    let (_, last_at, _) = short.last()?;
    let evidence = short.iter().take(10).map(|(id, at, ended)| {
        Evidence::fact(
            Some(*at),
            crate::msg!("evidence-session-line", session = id, how = ended),
        )
    });
    Some(
        Finding::new(
            &INFO,
            Some(*first_at),
            None,
            crate::msg!(
                "summary-connection-churn",
                client = client.to_string(),
                count = short.len().to_string(),
                server = server.to_string(),
                seconds = format!("{:.0}", last_at.ts.seconds_since(first_at.ts))
            ),
        )
        .evidence(evidence)
        .count(super::facts::count(short.len())),
    )
}
