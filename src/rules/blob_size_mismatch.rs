//! `blob-size-mismatch`: the bytes after `354` to `XEXCH50` (or after a `BDAT n`) are not the number
//! announced.
//!
//! Reference: KB 818222 (ISA Server SmtpEvt, event 20031, blocking the XEXCH50 BLOB), RFC 3030 §2,
//! PROTOCOL.md R19.
//! Known false positives: bytes the capture itself lost count as missing; the evidence says whether a
//! gap in the capture or a reset explains the shortfall, and `capture-drops` warns when the capture
//! reported drops. A transfer cut by the end of the capture is not judged (`capture-ended`). A
//! malformed BDAT (`BDAT 1234 SCRAMBLE`) that the server refused, after which the client sent
//! commands, announced no chunk: it is not judged.

use super::{facts, Evidence, Finding, RuleInfo, RuleInput, Severity};
use crate::l10n::Text;
use crate::session::Session;
use crate::smtp::anomaly::AnomalyKind;

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "blob-size-mismatch",
    severity: Severity::Error,
    title: "The binary data after XEXCH50 or BDAT is not the size announced",
    trigger: "After 354 to XEXCH50 (or a BDAT n), the bytes that followed before the next reply or the end \
              of the connection differ from the declared size.",
    advice: &[
        "A middlebox dropped or altered the binary data: an ISA Server or firewall SMTP filter that blocks \
         the XEXCH50 BLOB (SmtpEvt, event 20031; KB 818222) or resets the connection.",
        "If the evidence names a gap in the capture, check capture drops first: the bytes may have travelled.",
        "Capture on both sides of the middlebox and compare (smtpscope diff).",
    ],
    caveats: "Bytes lost by the capture count as missing; the evidence says when a gap explains it.",
    refs: &["KB 818222", "RFC 3030"],
};

/// One short transfer: the verb, the frame of its command, declared and transferred bytes.
struct Short {
    verb: &'static str,
    frame: u64,
    declared: u64,
    transferred: u64,
}

/// What explains a shortfall in `session`.
fn explanation(session: &Session, verb: &str) -> Text {
    let gap = if verb == "XEXCH50" {
        AnomalyKind::GapInBlob
    } else {
        AnomalyKind::GapInChunk
    };
    if session.dialogue.has_anomaly(gap) {
        crate::msg!("short-blob-gap")
    } else if session.reset() {
        crate::msg!("short-blob-reset")
    } else {
        crate::msg!("short-blob-ended")
    }
}

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let session = input.session;
    if facts::cut_by_capture_end(session) {
        // The transfer may simply not have been captured to its end: capture-ended says so.
        return None;
    }
    let dialogue = &session.dialogue;
    let mut short: Vec<Short> = Vec::new();
    for transaction in &dialogue.transactions {
        for x in transaction.xexch50.iter().filter(|x| x.reply == Some(354)) {
            if let Some(declared) = x.size.value.filter(|d| *d != x.blob_bytes) {
                short.push(Short {
                    verb: "XEXCH50",
                    frame: x.frame,
                    declared,
                    transferred: x.blob_bytes,
                });
            }
        }
        // A malformed BDAT the server refused is followed by commands, not by a chunk.
        for chunk in transaction
            .data
            .iter()
            .flat_map(|d| d.chunks.iter())
            .filter(|c| c.framed)
        {
            if let Some(declared) = chunk.size.value.filter(|d| *d != chunk.bytes) {
                short.push(Short {
                    verb: "BDAT",
                    frame: chunk.frame,
                    declared,
                    transferred: chunk.bytes,
                });
            }
        }
    }
    let first = short.first()?;
    let exchange = input.exchange_at(first.verb, first.frame)?;
    let why = explanation(session, first.verb);
    Some(
        exchange
            .finding(
                &INFO,
                crate::msg!(
                    "summary-blob-size-mismatch",
                    verb = first.verb,
                    declared = first.declared,
                    transferred = first.transferred,
                    why = &why,
                ),
            )
            .evidence([Evidence::fact(
                None,
                crate::msg!(
                    "evidence-blob-short",
                    declared = first.declared,
                    transferred = first.transferred,
                    why = why,
                ),
            )])
            .count(facts::count(short.len())),
    )
}
