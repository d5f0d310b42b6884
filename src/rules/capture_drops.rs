//! `capture-drops`: the capturing host itself lost packets, so the analysis is incomplete.
//!
//! Capture-wide, not tied to a session: made from the capture's own counters — a pcapng interface
//! statistics block (`isb_ifdrop`/`isb_osdrop`) or libpcap's kernel and interface drop counters in
//! `live`. Reference: FINDINGS.md; pcapng (draft-ietf-opsawg-pcapng) §4.6.
//! Known false positives: none; a capture that never reports its drops cannot raise it.

use super::{Evidence, Finding, RuleInfo, Severity};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "capture-drops",
    severity: Severity::Warning,
    title: "The capture itself dropped packets: gaps may be capture artefacts, not network loss",
    trigger: "Capture-wide: the pcapng interface statistics or libpcap's counters report dropped packets.",
    advice: &[
        "Treat tcp-gap and blob-size-mismatch findings with care: the missing bytes may never have been \
         lost on the network.",
        "Capture again with a larger buffer (tcpdump -B, dumpcap -B), a tighter filter (only the SMTP \
         ports of the two servers), or a snap length that still holds whole SMTP segments.",
    ],
    caveats: "Only captures that record their drop counters can raise it.",
    refs: &["draft-ietf-opsawg-pcapng §4.6"],
};

/// The finding for a capture (or live run) named `source` whose host reported `dropped` packets.
pub fn check(source: &str, dropped: u64) -> Option<Finding> {
    (dropped > 0).then(|| {
        Finding::new(
            &INFO,
            None,
            None,
            crate::msg!(
                "summary-capture-drops",
                source = source.to_string(),
                dropped = dropped.to_string()
            ),
        )
        .evidence([Evidence::fact(
            None,
            crate::msg!("evidence-capture-drops", dropped = dropped.to_string()),
        )])
        .count(dropped)
    })
}
