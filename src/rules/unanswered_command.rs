//! `unanswered-command`: the connection ended with client commands still waiting for a reply.
//!
//! Reference: RFC 2920 §3, RFC 5321 §4.5.3.2 (timeouts), KB 843106 (dropped verbs). The decoder
//! records the commands left waiting (anomaly `command_unanswered`), pipelining included.
//! Known false positives: a one-sided capture (the decoder records no unanswered command when the
//! server direction is missing altogether). A capture that stopped within seconds of the command is
//! `capture-ended` instead.

use super::{facts, Evidence, Finding, RuleInfo, RuleInput, Severity};
use crate::smtp::anomaly::AnomalyKind;

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "unanswered-command",
    severity: Severity::Warning,
    title: "The connection ended with commands still waiting for a reply",
    trigger: "The connection ends while client commands still wait for their replies, and the server had \
              not announced its close with 421 or 521.",
    advice: &[
        "The server or a middlebox dropped the command: a firewall's SMTP inspection may swallow verbs \
         it does not know (XEXCH50, X-EXPS, BDAT).",
        "The server hung or was too slow and the client gave up (see slow-reply, tcp-reset).",
        "The capture ended early: check the end of the capture against the connection's close.",
    ],
    caveats: "A capture stopped before the reply arrived shows the same.",
    refs: &["RFC 2920 §3", "KB 843106"],
};

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    if facts::cut_by_capture_end(input.session) {
        // The reply may have come after the capture stopped: capture-ended says so.
        return None;
    }
    let dialogue = &input.session.dialogue;
    // After 421 or 521 the server said it closes (RFC 5321 §3.8, RFC 7504): what follows is unanswered
    // by design.
    let closing_announced = dialogue.replies().any(|(_, r)| matches!(r.reply.code, 421 | 521));
    if closing_announced {
        return None;
    }
    let waiting: Vec<_> = dialogue
        .anomalies
        .iter()
        .filter(|a| a.kind == AnomalyKind::CommandUnanswered)
        .collect();
    let first = waiting.first()?;
    let finding = Finding::new(
        &INFO,
        Some(first.at),
        Some(first.dir),
        format!(
            "The connection ended with {} command(s) unanswered: {}.",
            waiting.len(),
            first.detail
        ),
    )
    .evidence(
        waiting
            .iter()
            .take(5)
            .map(|a| Evidence::line(a.at, a.dir, a.detail.clone()))
            .collect::<Vec<_>>(),
    )
    .count(u64::try_from(waiting.len()).unwrap_or(u64::MAX));
    Some(finding.maybe_explained_by(input.cause(&["middlebox-rewrite", "tcp-gap"])))
}
