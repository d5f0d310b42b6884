//! `tcp-retransmission`: one direction resent a noticeable share of its segments because they were
//! lost.
//!
//! Reference: KB 843106 ("verify that no packets are dropped between the servers"), RFC 9293,
//! RFC 6298, RFC 2883 (D-SACK). The reassembler counts a segment as retransmitted when it carries
//! only bytes already seen, and tells apart those that were not loss ([`DirStats::spurious`]): a
//! repeated SYN or FIN, a keep-alive, a copy of bytes the peer had acknowledged before it came, or
//! one the peer reported receiving twice (a spurious timeout, a tail-loss probe). Only loss counts
//! here; the evidence says how many bytes were re-sent and where in the dialogue.
//! Known false positives: a capture taken on the sender, without D-SACK from the receiver, cannot
//! tell a tail-loss probe whose original arrived from loss.

use super::{Evidence, Finding, RuleInfo, RuleInput, Severity};
use crate::net::Direction;
use crate::reasm::DirStats;
use crate::smtp::dialogue::{Dialogue, ItemKind};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "tcp-retransmission",
    severity: Severity::Warning,
    title: "Segments were retransmitted: there is loss between the servers",
    trigger: "More than 1% of a direction's segments, or more than 3 segments, were re-sent because they \
              were lost (a repeated SYN or FIN, a keep-alive, a copy of bytes already acknowledged or one \
              the receiver reports as a duplicate is not loss). Not raised for a connection that was refused \
              (its repeated SYNs are connection-refused).",
    advice: &[
        "Packets are lost between the servers: check interface errors and duplex settings, a congested \
         WAN link, or a firewall or proxy that delays or drops segments.",
        "Retransmissions in the middle of an XEXCH50 BLOB or a BDAT chunk point at an inspecting \
         middlebox that holds binary data.",
    ],
    caveats: "A capture taken at the sender, without D-SACK from the receiver, counts a tail-loss probe \
              whose original arrived as loss.",
    refs: &["KB 843106", "RFC 6298", "RFC 2883"],
};

/// Retransmissions that repaired loss.
pub fn lost(stats: &DirStats) -> u64 {
    stats.retransmitted.saturating_sub(stats.spurious)
}

/// Whether a direction's loss crosses the threshold.
pub fn too_many(stats: &DirStats) -> bool {
    let n = lost(stats);
    n > 3 || n.saturating_mul(100) > stats.segments
}

/// Where frame `frame` of direction `dir` falls in the dialogue, in words.
fn whereabouts(dialogue: &Dialogue, dir: Direction, frame: u64) -> String {
    let item = dialogue
        .transcript
        .iter()
        .rev()
        .find(|i| i.dir == dir && i.at.frame <= frame);
    match item.map(|i| &i.kind) {
        Some(ItemKind::Content { verb, .. }) => format!("in a {verb} body"),
        Some(ItemKind::Blob { .. }) => "in an XEXCH50 BLOB".into(),
        Some(ItemKind::Tls { .. }) => "inside TLS".into(),
        Some(ItemKind::Command(c)) => format!("at or after `{}`", c.verb),
        Some(ItemKind::Reply(r)) => format!("at or after the {} reply", r.reply.code),
        Some(ItemKind::AuthData { .. }) => "in a SASL exchange".into(),
        _ => "in the dialogue".into(),
    }
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
        .filter(|(_, s)| lost(s) > 0 && too_many(s))
        .collect();
    if noisy.is_empty() {
        return None;
    }
    let words = |dir: Direction, s: &DirStats| {
        let side = match dir {
            Direction::ClientToServer => "client→server",
            Direction::ServerToClient => "server→client",
        };
        let mut text = format!(
            "{side}: {} of {} segments re-sent after loss ({} bytes)",
            lost(s),
            s.segments,
            s.resent_bytes
        );
        if let Some((frame, _)) = s.resent_at.first() {
            text.push_str(&format!(
                ", the first at frame {frame} {}",
                whereabouts(&session.dialogue, dir, *frame)
            ));
        }
        if s.spurious > 0 {
            text.push_str(&format!("; {} more were not loss", s.spurious));
        }
        text
    };
    let evidence: Vec<Evidence> = noisy
        .iter()
        .map(|(d, s)| Evidence::fact(None, words(*d, s)))
        .collect();
    let total = noisy.iter().fold(0u64, |n, (_, s)| n.saturating_add(lost(s)));
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
    fn retransmissions_that_were_not_loss_do_not_count() {
        let keepalives = DirStats {
            segments: 100,
            retransmitted: 20,
            spurious: 20,
            ..DirStats::default()
        };
        assert!(!too_many(&keepalives));
        let lossy = DirStats {
            spurious: 16,
            ..keepalives
        };
        assert!(too_many(&lossy));
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
