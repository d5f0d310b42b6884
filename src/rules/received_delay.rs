//! `received-delay`: a message waited more than ten minutes at one hop of its path.
//!
//! Each `Received:` field carries the date its server accepted the message (RFC 5321 §4.4); the
//! difference between two consecutive fields is the time the earlier server held it (queueing,
//! retries after a refused connection, a slow content filter), and the difference between the
//! newest field and the capture is what the sending server of this session held it. A mail
//! administrator chasing "mail is slow" wants the hop that waited.
//!
//! Reference: RFC 5321 §4.4 (trace information), §4.5.4.1 (retry intervals of 30 minutes or more).
//! Known false positives: clocks that disagree between servers move the wait from one hop to
//! another (a negative delay is a clock, not a wait, and is not judged); a message re-sent from a
//! mailbox or a queue released by hand keeps its old fields.
//! Captures: `captures/lab/postfix-received-delay.pcap`.

use super::{facts, Finding, RuleInfo, RuleInput, Severity};
use crate::time::duration;

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "received-delay",
    severity: Severity::Warning,
    title: "A message waited more than ten minutes at one hop of its path",
    trigger: "Two consecutive `Received:` fields of a message are more than 10 minutes apart, or the \
              newest one is more than 10 minutes older than the capture of the message — and at most \
              7 days (longer is a clock or a replayed message, not a queue).",
    advice: &[
        "The server that received the message at the earlier of the two dates held it: look at its \
         queue and its log for that time (retries after a refused or failed connection to the next \
         hop, a paused queue, a slow content filter or antivirus scan).",
        "If the wait is before this capture, the sending server of this session queued it: check its \
         queue and why earlier attempts failed (the session may show a previous refusal).",
    ],
    caveats: "Dates come from each server's own clock; skewed clocks move the wait to another hop. Waits \
              over 7 days are not judged.",
    refs: &["RFC 5321 §4.4", "RFC 5321 §4.5.4.1"],
};

/// Seconds of wait at one hop past which the finding fires.
pub const MAX_HOP_WAIT_SECS: i64 = 600;
/// Longer than any queue keeps a message (Postfix gives up after 5 days, Exchange after 2): a
/// longer "wait" is a wrong clock or an old message replayed, not queueing, and is not judged.
pub const MAX_QUEUE_SECS: i64 = 7 * 86_400;

fn queued(delay: i64) -> bool {
    delay > MAX_HOP_WAIT_SECS && delay <= MAX_QUEUE_SECS
}

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let hits: Vec<(facts::MessageRef<'_>, crate::l10n::Text)> = input
        .messages()
        .filter_map(|m| {
            let hops = &m.message.received;
            let hop_wait = hops
                .iter()
                .enumerate()
                .filter_map(|(i, h)| h.delay_s.map(|d| (i, h, d)))
                .filter(|(_, _, d)| queued(*d))
                .max_by_key(|(_, _, d)| *d);
            if let Some((i, hop, delay)) = hop_wait {
                let held_by = i
                    .checked_sub(1)
                    .and_then(|p| hops.get(p))
                    .and_then(|h| h.by.as_deref())
                    .unwrap_or("?");
                return Some((
                    m,
                    crate::msg!(
                        "delay-held-by-hop",
                        held_by = held_by,
                        delay = duration(delay),
                        by = hop.by.as_deref().unwrap_or("?"),
                        hop = i.saturating_add(1),
                        hops = hops.len(),
                    ),
                ));
            }
            let capture = m.message.capture_delay_s.filter(|d| queued(*d))?;
            let last = hops.last().and_then(|h| h.by.as_deref()).unwrap_or("?");
            Some((
                m,
                crate::msg!(
                    "delay-held-before-session",
                    held_by = last,
                    delay = duration(capture)
                ),
            ))
        })
        .collect();
    let (first, why) = hits.first()?;
    Some(first.finding(
        &INFO,
        crate::msg!(
            "summary-received-delay",
            message = first.name_text(),
            why = why.clone()
        ),
        vec![first.fact(why.clone())],
        hits.len(),
    ))
}
