//! `retry-storm`: the same message was deferred three times or more.
//!
//! Reference: RFC 5321 §4.5.4.1 (retry strategy: the sender retries a deferred message, at least
//! 30 minutes apart, for 4–5 days). Cross-session: judged by the flow stage over the run's sessions;
//! a message is its envelope (sender, recipients, SIZE). Known false positives: the same envelope
//! sent again on purpose (a test message repeated) looks the same.

use super::{Evidence, Finding, RuleInfo, Severity};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "retry-storm",
    severity: Severity::Warning,
    title: "The same message was deferred three times or more: the sender's queue keeps retrying",
    trigger: "Cross-session: three or more attempts of the same envelope (MAIL FROM, the set of RCPT TO, SIZE=) from \
              one client to one server each ended with a 4xx reply. Evidence: the attempts, their sessions, \
              intervals and replies.",
    advice: &[
        "Read the deferral's reply (in the evidence): the receiver says why — back pressure, throttling, \
         greylisting, a failed check. Fix that cause; retrying faster does not help.",
        "Retries seconds apart instead of minutes point at the sender's retry settings (Exchange: the \
         transport's retry intervals; RFC 5321 §4.5.4.1 asks for at least 30 minutes).",
    ],
    caveats: "Greylisting defers once or twice by design; three deferrals of one message are already unusual.",
    refs: &["RFC 5321 §4.5.4.1"],
};

/// The least number of deferred attempts that makes a storm.
pub const MIN_DEFERRALS: usize = 3;

/// One deferred attempt: where it was, in which session, and the reply.
#[derive(Clone, Debug)]
pub struct Attempt {
    /// The session id.
    pub session: String,
    /// Where MAIL FROM was.
    pub at: crate::smtp::dialogue::Position,
    /// The deferral's first line.
    pub reply: String,
}

/// The finding for one envelope's deferred `attempts` (in order) from `client` to `server`.
pub fn check(envelope: &str, client: &str, server: &str, attempts: &[Attempt]) -> Option<Finding> {
    if attempts.len() < MIN_DEFERRALS {
        return None;
    }
    let first = attempts.first()?;
    let last = attempts.last()?;
    let span = last.at.ts.seconds_since(first.at.ts);
    let mut evidence = vec![Evidence::fact(
        None,
        crate::msg!("evidence-message-envelope", envelope = envelope),
    )];
    let mut previous: Option<&Attempt> = None;
    for a in attempts.iter().take(10) {
        let how: crate::l10n::Text = match previous {
            Some(p) => crate::msg!(
                "retry-after-previous",
                reply = &a.reply,
                seconds = format!("{:.1}", a.at.ts.seconds_since(p.at.ts))
            ),
            None => a.reply.clone().into(),
        };
        evidence.push(Evidence::fact(
            Some(a.at),
            crate::msg!("evidence-session-line", session = &a.session, how = how),
        ));
        previous = Some(a);
    }
    Some(
        Finding::new(
            &INFO,
            Some(first.at),
            None,
            crate::msg!(
                "summary-retry-storm",
                client = client.to_string(),
                server = server.to_string(),
                count = attempts.len().to_string(),
                seconds = format!("{span:.0}"),
                reply = first.reply.to_string()
            ),
        )
        .evidence(evidence)
        .count(super::facts::count(attempts.len())),
    )
}
