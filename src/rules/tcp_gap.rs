//! `tcp-gap`: bytes of a direction never appear in the capture.
//!
//! Reference: KB 843106 ("verify that no packets are dropped between the servers"), RFC 9293.
//! The gaps are the reassembler's (acknowledged but never captured, or a hole never filled); what
//! each fell into comes from the transcript's gap entries and the decoder's `gap_in_*` anomalies.
//! Known false positives: a capturing host that dropped packets (capture-drops) makes gaps that
//! never happened on the network.

use super::{Evidence, Finding, RuleInfo, RuleInput, Severity};
use crate::net::Direction;
use crate::reasm::{CloseCause, GapCause};
use crate::smtp::anomaly::AnomalyKind;
use crate::smtp::dialogue::{Dialogue, Item, ItemKind};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "tcp-gap",
    severity: Severity::Warning,
    title: "Bytes of the conversation are missing from the capture",
    trigger: "Bytes of a direction never appear in the capture: the peer acknowledged them, or later data \
              arrived and the hole was never filled.",
    advice: &[
        "Packets were lost between the servers or by the capture; the decoder resumed at the next reply, \
         so what the hole fell into (named in the evidence) could not be inspected.",
        "If the capture also reports drops (capture-drops), capture again with a larger buffer before \
         blaming the network; otherwise look for loss on the path (interface errors, a congested link, \
         an inspecting firewall).",
    ],
    caveats: "Gaps made by the capturing host are indistinguishable from network loss unless the capture \
              reports its drops.",
    refs: &["KB 843106", "RFC 9293"],
};

fn cause_text(cause: GapCause, close: CloseCause) -> &'static str {
    match cause {
        GapCause::Acked => "acknowledged by the peer but never captured",
        GapCause::Closed if close == CloseCause::EndOfInput => "never filled before the capture ended",
        GapCause::Closed => "never filled before the connection ended",
        GapCause::ConnectionMemoryCap | GapCause::TotalMemoryCap => "dropped at the reassembly memory cap",
        GapCause::TooManySegments => "dropped: too many out-of-order segments",
        GapCause::Snaplen => "not kept by the capture (snap length)",
    }
}

/// What the `index`th gap entry of the transcript fell into.
fn fell_into(dialogue: &Dialogue, index: usize, gap: &Item) -> &'static str {
    let anomaly = dialogue
        .anomalies
        .iter()
        .find(|a| a.dir == gap.dir && a.at.frame == gap.at.frame && a.item.abs_diff(index) <= 1);
    match anomaly.map(|a| a.kind) {
        Some(AnomalyKind::GapInData) => return "inside a DATA body",
        Some(AnomalyKind::GapInBlob) => return "inside an XEXCH50 BLOB",
        Some(AnomalyKind::GapInChunk) => return "inside a BDAT chunk",
        Some(AnomalyKind::GapInLine) => {
            return match gap.dir {
                Direction::ClientToServer => "inside a command line",
                Direction::ServerToClient => "inside a reply line",
            }
        }
        _ => {}
    }
    match gap.dir {
        Direction::ClientToServer => "between commands",
        Direction::ServerToClient => "between replies",
    }
}

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let session = input.session;
    let dialogue = &session.dialogue;
    let total = session
        .summary
        .c2s
        .gap_count
        .saturating_add(session.summary.s2c.gap_count);
    if total == 0 {
        return None;
    }
    let gap_items: Vec<(usize, &Item)> = dialogue
        .transcript
        .iter()
        .enumerate()
        .filter(|(_, i)| matches!(i.kind, ItemKind::Gap { .. }))
        .collect();
    let mut evidence = Vec::new();
    for dir in [Direction::ClientToServer, Direction::ServerToClient] {
        let mut items = gap_items.iter().filter(|(_, i)| i.dir == dir);
        let records = session.gaps().filter(|(d, _)| *d == dir).map(|(_, g)| g);
        for record in records {
            // The transcript also holds the stretches the snap length cut (not gaps of the network,
            // so not among the records): pair each record with the next entry of its length.
            let item = items.find(|(_, i)| matches!(i.kind, ItemKind::Gap { bytes } if bytes == record.len));
            let into = item.map_or("", |(index, gap)| fell_into(dialogue, *index, gap));
            let at = item.map(|(_, gap)| gap.at);
            let arrow = match dir {
                Direction::ClientToServer => "client→server",
                Direction::ServerToClient => "server→client",
            };
            evidence.push(Evidence::fact(
                at,
                format!(
                    "{arrow}: {} bytes missing at offset {}, {}{}{}",
                    record.len,
                    record.offset,
                    cause_text(record.cause, session.summary.cause),
                    if into.is_empty() { "" } else { ", " },
                    into
                ),
            ));
        }
    }
    let first_at = evidence.iter().filter_map(|e| e.at).min_by_key(|at| at.frame);
    let summary = match evidence.first() {
        Some(first) => format!("{total} gap(s) in the capture; the first: {}.", first.text),
        None => format!("{total} gap(s) in the capture."),
    };
    Some(
        Finding::new(&INFO, first_at, None, summary)
            .evidence(evidence)
            .count(total),
    )
}
