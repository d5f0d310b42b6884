//! `tcp-gap`: bytes of a direction never appear in the capture.
//!
//! Reference: KB 843106 ("verify that no packets are dropped between the servers"), RFC 9293.
//! The gaps are the reassembler's (acknowledged but never captured, or a hole never filled); what
//! each fell into comes from the transcript's gap entries and the decoder's `gap_in_*` anomalies.
//! Known false positives: a capturing host that dropped packets (capture-drops) makes gaps that
//! never happened on the network.

use super::{Evidence, Finding, RuleInfo, RuleInput, Severity};
use crate::l10n::Text;
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

fn cause_text(cause: GapCause, close: CloseCause) -> Text {
    match cause {
        GapCause::Acked => crate::msg!("gap-acked"),
        GapCause::Closed if close == CloseCause::EndOfInput => crate::msg!("gap-capture-ended"),
        GapCause::Closed => crate::msg!("gap-connection-ended"),
        GapCause::ConnectionMemoryCap | GapCause::TotalMemoryCap => crate::msg!("gap-memory-cap"),
        GapCause::TooManySegments => crate::msg!("gap-too-many-segments"),
        GapCause::Snaplen => crate::msg!("gap-snaplen"),
    }
}

/// What the `index`th gap entry of the transcript fell into.
fn fell_into(dialogue: &Dialogue, index: usize, gap: &Item) -> Text {
    let anomaly = dialogue
        .anomalies
        .iter()
        .find(|a| a.dir == gap.dir && a.at.frame == gap.at.frame && a.item.abs_diff(index) <= 1);
    match anomaly.map(|a| a.kind) {
        Some(AnomalyKind::GapInData) => return crate::msg!("gap-in-data"),
        Some(AnomalyKind::GapInBlob) => return crate::msg!("gap-in-blob"),
        Some(AnomalyKind::GapInChunk) => return crate::msg!("gap-in-bdat"),
        Some(AnomalyKind::GapInLine) => {
            return match gap.dir {
                Direction::ClientToServer => crate::msg!("gap-in-command"),
                Direction::ServerToClient => crate::msg!("gap-in-reply"),
            }
        }
        _ => {}
    }
    match gap.dir {
        Direction::ClientToServer => crate::msg!("gap-between-commands"),
        Direction::ServerToClient => crate::msg!("gap-between-replies"),
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
            let into = item.map(|(index, gap)| fell_into(dialogue, *index, gap));
            let at = item.map(|(_, gap)| gap.at);
            let arrow = match dir {
                Direction::ClientToServer => "client→server",
                Direction::ServerToClient => "server→client",
            };
            evidence.push(Evidence::fact(
                at,
                match into {
                    Some(into) => crate::msg!(
                        "evidence-gap-into",
                        side = arrow,
                        bytes = record.len,
                        offset = record.offset,
                        cause = cause_text(record.cause, session.summary.cause),
                        place = into,
                    ),
                    None => crate::msg!(
                        "evidence-gap",
                        side = arrow,
                        bytes = record.len,
                        offset = record.offset,
                        cause = cause_text(record.cause, session.summary.cause),
                    ),
                },
            ));
        }
    }
    let first_at = evidence.iter().filter_map(|e| e.at).min_by_key(|at| at.frame);
    let summary = match evidence.first() {
        Some(first) => crate::msg!("summary-tcp-gap-first", count = total, first = &first.text),
        None => crate::msg!("summary-tcp-gap", count = total),
    };
    Some(
        Finding::new(&INFO, first_at, None, summary)
            .evidence(evidence)
            .count(total),
    )
}
