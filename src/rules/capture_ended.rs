//! `capture-ended`: the capture stopped while the connection was still open, in the middle of
//! something — a command waiting for its reply, an XEXCH50 BLOB, a BDAT chunk or a DATA body not yet
//! complete, a reply not yet whole.
//!
//! Reference: RFC 5321 §4.5.3.2 (the replies and transfers that were still to come); FINDINGS.md
//! (`unanswered-command`: "or the capture ended early"). When the capture's last packet comes within
//! [`super::facts::CAPTURE_CUT_SECS`] of the connection's last packet, nothing is known about what
//! followed: this finding says so, and `unanswered-command` and `blob-size-mismatch`, which would
//! blame the server or a middlebox, stay silent for the session.
//! Known false positives: a connection that really stalled in its last seconds before the capture
//! stopped looks the same; capture longer to tell.

use super::{facts, Evidence, Finding, RuleInfo, RuleInput, Severity};
use crate::smtp::anomaly::AnomalyKind;

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "capture-ended",
    severity: Severity::Info,
    title: "The capture ended while the session was still in progress",
    trigger: "The connection was still open when the capture ended, less than 30 s after its last packet, \
              with a command unanswered or a BLOB, chunk, message body or reply unfinished.",
    advice: &[
        "The capture, not the network, cut the session short: what followed is unknown. Capture longer — \
         start before the mail is sent and stop after the QUIT — or read all the files of a ring buffer \
         together (`smtpscope analyze DIRECTORY`).",
    ],
    caveats: "A connection that stalled in the last seconds before the capture stopped looks the same.",
    refs: &["RFC 5321 §4.5.3.2"],
};

/// The decoder's anomalies that mean "unfinished when the session's bytes ran out".
const UNFINISHED: [AnomalyKind; 5] = [
    AnomalyKind::CommandUnanswered,
    AnomalyKind::BlobTruncated,
    AnomalyKind::ChunkTruncated,
    AnomalyKind::DataTruncated,
    AnomalyKind::ReplyUnfinished,
];

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let session = input.session;
    if !facts::cut_by_capture_end(session) {
        return None;
    }
    let unfinished: Vec<_> = session
        .dialogue
        .anomalies
        .iter()
        .filter(|a| UNFINISHED.contains(&a.kind))
        .collect();
    let first = unfinished.first()?;
    let after = session
        .capture_end
        .map_or(0.0, |end| end.seconds_since(session.end()));
    let mut evidence: Vec<Evidence> = unfinished
        .iter()
        .take(5)
        .map(|a| Evidence::line(a.at, a.dir, a.detail.clone()))
        .collect();
    evidence.push(Evidence::fact(
        None,
        crate::msg!("evidence-capture-ended-after", seconds = format!("{after:.3}")),
    ));
    Some(
        Finding::new(
            &INFO,
            Some(first.at),
            Some(first.dir),
            crate::msg!("summary-capture-ended", detail = first.detail.clone()),
        )
        .evidence(evidence)
        .count(facts::count(unfinished.len())),
    )
}
