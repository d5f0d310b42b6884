//! `tcp-retransmission`: one direction resent a noticeable share of its segments.
//!
//! Reference: KB 843106 ("verify that no packets are dropped between the servers"), RFC 9293,
//! RFC 6298. The reassembler counts a segment as retransmitted when it carries only bytes already
//! seen (keep-alives and repeated SYN/FIN included). Known false positives: a capture taken on the
//! sender sees retransmissions of segments the capture itself already held, which is still loss.

use super::{Evidence, Finding, RuleInfo, RuleInput, Severity};
use crate::net::Direction;
use crate::reasm::DirStats;

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "tcp-retransmission",
    severity: Severity::Warning,
    title: "Segments were retransmitted: there is loss between the servers",
    trigger: "More than 1% of a direction's segments, or more than 3 segments, are retransmissions. Not \
              raised for a connection that was refused (its repeated SYNs are connection-refused).",
    advice: &[
        "Packets are lost between the servers: check interface errors and duplex settings, a congested \
         WAN link, or a firewall or proxy that delays or drops segments.",
        "Retransmissions in the middle of an XEXCH50 BLOB or a BDAT chunk point at an inspecting \
         middlebox that holds binary data.",
    ],
    caveats: "Keep-alives count as retransmissions.",
    refs: &["KB 843106", "RFC 6298"],
};

/// Whether a direction's retransmissions cross the threshold.
pub fn too_many(stats: &DirStats) -> bool {
    stats.retransmitted > 3 || stats.retransmitted.saturating_mul(100) > stats.segments
}

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    if input.earlier("connection-refused").is_some() {
        return None;
    }
    let session = input.session;
    let noisy: Vec<(Direction, &DirStats)> = session
        .directions()
        .into_iter()
        .filter(|(_, s)| s.retransmitted > 0 && too_many(s))
        .collect();
    if noisy.is_empty() {
        return None;
    }
    let words = |dir: Direction, s: &DirStats| {
        let side = match dir {
            Direction::ClientToServer => "client→server",
            Direction::ServerToClient => "server→client",
        };
        format!(
            "{side}: {} of {} segments retransmitted",
            s.retransmitted, s.segments
        )
    };
    let evidence: Vec<Evidence> = noisy
        .iter()
        .map(|(d, s)| Evidence::fact(None, words(*d, s)))
        .collect();
    let total = noisy
        .iter()
        .fold(0u64, |n, (_, s)| n.saturating_add(s.retransmitted));
    let summary = noisy
        .iter()
        .map(|(d, s)| words(*d, s))
        .collect::<Vec<_>>()
        .join("; ");
    Some(
        Finding::new(&INFO, None, None, format!("Retransmissions: {summary}."))
            .evidence(evidence)
            .count(total),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(segments: u64, retransmitted: u64) -> DirStats {
        DirStats {
            segments,
            retransmitted,
            ..DirStats::default()
        }
    }

    #[test]
    fn threshold_is_one_percent_or_more_than_three() {
        assert!(too_many(&stats(10, 1)));
        assert!(!too_many(&stats(100, 1)));
        assert!(too_many(&stats(199, 2)));
        assert!(too_many(&stats(10_000, 4)));
        assert!(!too_many(&stats(10_000, 3)));
        assert!(!too_many(&stats(0, 0)));
    }
}
