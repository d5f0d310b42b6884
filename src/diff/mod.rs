//! `diff`: what something between two mail servers dropped or rewrote, from a capture taken at each.
//!
//! Owns comparing the sessions of the sending side's capture with those of the receiving side's:
//! [`matching`] pairs the sessions (exact, NAT, or heuristic through a proxy, with the clock offset
//! between the captures), [`align`] aligns each pair's transcripts, [`divergence`] says what
//! differs and how much time the path added, and this module turns the dropped or rewritten verbs,
//! keywords and banners into `verb-dropped` findings naming both sessions (`A:id|B:id`, A the
//! sender). Input is decoded [`Session`]s, so captures of any format and link type compare.
//! Must not: read captures, decode bytes, or print.

pub mod align;
pub mod divergence;
pub mod fingerprint;
pub mod matching;

use crate::l10n::Text;
use crate::rules::{starttls_stripped, verb_dropped, Evidence, Finding};
use crate::session::Session;

pub use align::{Row, RowStatus};
pub use divergence::{Divergence, DivergenceKind, Latency};
pub use matching::{ClockOffset, MatchKind, Matched};

/// One matched pair and everything found by comparing it.
#[derive(Clone, Debug)]
pub struct Pair {
    /// Which sessions, how matched, how surely.
    pub matched: Matched,
    /// The aligned transcripts.
    pub rows: Vec<Row>,
    /// Whether a transcript was longer than the alignment limit (its tail is not compared).
    pub rows_truncated: bool,
    /// The differences, in dialogue order, then keywords, TLS and transport.
    pub divergences: Vec<Divergence>,
    /// The time the path added to each round trip, when it could be measured.
    pub latency: Option<Latency>,
    /// The `verb-dropped` findings of the pair.
    pub findings: Vec<Finding>,
}

/// The comparison of two captures.
#[derive(Clone, Debug, Default)]
pub struct DiffReport {
    /// Matched pairs, in the order of the sender's sessions.
    pub pairs: Vec<Pair>,
    /// The estimated offset of the receiver's clock from the sender's.
    pub clock: ClockOffset,
    /// Indexes of the sender's sessions with no partner on the receiving side.
    pub sender_only: Vec<usize>,
    /// Indexes of the receiver's sessions with no partner on the sending side.
    pub receiver_only: Vec<usize>,
}

/// The median of `values` (the mean of the middle two for an even count), `None` for none.
fn median(mut values: Vec<f64>) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    match values.len() {
        0 => None,
        n if n % 2 == 1 => values.get(middle).copied(),
        _ => Some((values.get(middle.saturating_sub(1))? + values.get(middle)?) / 2.0),
    }
}

/// The id of one side's session in diff output: `A:3` for the sender's, `B:3` for the receiver's.
pub fn side_id(side: Side, session: &Session) -> String {
    format!("{}:{}", side.letter(), session.id())
}

/// The id of a pair in findings: `A:1|B:4`.
pub fn pair_id(sender: &Session, receiver: &Session) -> String {
    format!(
        "{}|{}",
        side_id(Side::Sender, sender),
        side_id(Side::Receiver, receiver)
    )
}

/// Which capture a session comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The sending server's capture (A).
    Sender,
    /// The receiving server's capture (B).
    Receiver,
}

impl Side {
    /// `sender` or `receiver`.
    pub fn name(self) -> &'static str {
        match self {
            Side::Sender => "sender",
            Side::Receiver => "receiver",
        }
    }

    /// `A` or `B`.
    pub fn letter(self) -> &'static str {
        match self {
            Side::Sender => "A",
            Side::Receiver => "B",
        }
    }
}

/// Compares the sender's sessions with the receiver's.
pub fn compare(sender: &[Session], receiver: &[Session]) -> DiffReport {
    let pairing = matching::pair(sender, receiver);
    let pairs = pairing
        .pairs
        .iter()
        .filter_map(|m| Some(compare_pair(*m, sender.get(m.sender)?, receiver.get(m.receiver)?)))
        .collect();
    DiffReport {
        pairs,
        clock: pairing.clock,
        sender_only: pairing.sender_only,
        receiver_only: pairing.receiver_only,
    }
}

/// Compares one matched pair of sessions: aligns them, finds what differs and the findings.
pub fn compare_pair(matched: Matched, sender: &Session, receiver: &Session) -> Pair {
    let rows = align::align(&sender.dialogue, &receiver.dialogue);
    let rows_truncated = sender.dialogue.transcript.len() > align::MAX_ALIGNED_ITEMS
        || receiver.dialogue.transcript.len() > align::MAX_ALIGNED_ITEMS;
    let divergences = divergence::divergences(sender, receiver, &rows);
    let latency = divergence::added_latency(&sender.dialogue, &receiver.dialogue, &rows);
    let mut findings = verb_dropped_findings(sender, receiver, &divergences);
    findings.extend(starttls_stripped_finding(sender, receiver, &divergences));
    Pair {
        matched,
        rows,
        rows_truncated,
        divergences,
        latency,
        findings,
    }
}

/// What a dropped or rewritten item became, in a few words (`XEXCH50 2336 3` → `XXXXXXX 2336 3`).
fn label(d: &Divergence) -> Text {
    let text = |line: &Option<divergence::SideLine>| line.as_ref().map_or(String::new(), |l| l.text.clone());
    match d.kind {
        DivergenceKind::CommandAltered => crate::msg!(
            "diff-label-became",
            sent = text(&d.sender),
            arrived = text(&d.receiver).trim_end()
        ),
        DivergenceKind::CommandMissing => crate::msg!("diff-label-never-arrived", line = text(&d.sender)),
        DivergenceKind::BannerChanged => crate::msg!("diff-label-banner"),
        DivergenceKind::KeywordMasked => crate::msg!(
            "diff-label-masked",
            keyword = text(&d.receiver),
            mask = text(&d.sender)
        ),
        DivergenceKind::KeywordMissing => crate::msg!("diff-label-removed", keyword = text(&d.receiver)),
        _ => d.detail.clone(),
    }
}

/// The pair's `verb-dropped` finding: every dropped or rewritten command, keyword and banner, with
/// the line on each side as evidence (one finding per pair, counting them).
fn verb_dropped_findings(sender: &Session, receiver: &Session, divergences: &[Divergence]) -> Vec<Finding> {
    let dropped: Vec<&Divergence> = divergences.iter().filter(|d| d.kind.drops_verb()).collect();
    let Some(first) = dropped.first() else {
        return Vec::new();
    };
    let labels: Vec<Text> = dropped.iter().map(|d| label(d)).collect();
    let summary = crate::msg!(
        "summary-verb-dropped",
        count = dropped.len(),
        labels = Text::join(labels, "; "),
    );
    let lines = dropped.iter().flat_map(|d| {
        [("sender", &d.sender), ("receiver", &d.receiver)]
            .into_iter()
            .filter_map(move |(side, line)| {
                let line = line.as_ref()?;
                Some(Evidence::line(line.at, d.dir, format!("[{side}] {}", line.text)))
            })
    });
    let at = first.sender.as_ref().or(first.receiver.as_ref()).map(|l| l.at);
    let mut finding = Finding::new(&verb_dropped::INFO, at, Some(first.dir), summary)
        .evidence(lines)
        .count(dropped.len() as u64);
    let missing = dropped.iter().find(|d| d.kind == DivergenceKind::CommandMissing);
    let answered_in_between = divergences
        .iter()
        .find(|d| d.kind == DivergenceKind::ReplyAdded)
        .and_then(|d| d.sender.as_ref());
    if let (Some(missing), Some(reply)) = (missing, answered_in_between) {
        finding = finding.advice_first(crate::msg!(
            "advice-verb-swallowed",
            reply = reply.text.clone(),
            frame = crate::l10n::frame(reply.at.frame),
            command = missing.sender.as_ref().map_or("", |l| l.text.as_str()),
        ));
    }
    finding.session = Some(pair_id(sender, receiver));
    vec![finding]
}

/// The pair's `starttls-stripped` finding: the receiver offered STARTTLS and the sender's EHLO
/// reply lacks it (removed, or masked on the way). The sender's own session may say so too from a
/// mask alone; the pair proves it with both sides' lines.
fn starttls_stripped_finding(
    sender: &Session,
    receiver: &Session,
    divergences: &[Divergence],
) -> Option<Finding> {
    let d = divergences.iter().find(|d| {
        matches!(
            d.kind,
            DivergenceKind::KeywordMissing | DivergenceKind::KeywordMasked
        ) && d
            .receiver
            .as_ref()
            .is_some_and(|l| l.text.split_ascii_whitespace().next() == Some("STARTTLS"))
    })?;
    let lines = [("sender", &d.sender), ("receiver", &d.receiver)]
        .into_iter()
        .filter_map(|(side, line)| {
            let line = line.as_ref()?;
            Some(Evidence::line(
                line.at,
                d.dir,
                format!("[{side}] 250-{}", line.text),
            ))
        });
    let at = d.sender.as_ref().or(d.receiver.as_ref()).map(|l| l.at);
    let mut finding = Finding::new(
        &starttls_stripped::INFO,
        at,
        Some(d.dir),
        crate::msg!("summary-starttls-stripped"),
    )
    .evidence(lines);
    finding.session = Some(pair_id(sender, receiver));
    Some(finding)
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn median_of_even_and_odd_counts() {
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0]), Some(2.5));
        assert_eq!(median(vec![]), None);
    }
}
