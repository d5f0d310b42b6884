//! Which session of the sender's capture is which session of the receiver's.
//!
//! Owns session pairing across two captures and the estimate of the offset between their clocks.
//! Three ways to match, strongest first:
//! - **exact**: the same client and server endpoints (no address translation in between);
//! - **nat**: one endpoint the same (the client's or the server's address was translated);
//! - **heuristic**: no endpoint in common (a proxy such as a PIX or ASA opened its own connection),
//!   matched on what the dialogue says — EHLO name, envelope, Message-IDs, XEXCH50 and content sizes,
//!   the command sequence — and on time overlap once the clock offset is known.
//!
//! The clock offset (receiver clock minus sender clock, transit time included) is the median start
//! difference of the pairs that are certain without time: exact pairs, else pairs sharing a
//! Message-ID or a whole envelope. Pairing is greedy, best score first, each session used once:
//! sessions on the same 4-tuple first, then the rest against the rest (so a capture of thousands of
//! sessions without translation pairs in linear time).
//! Must not: align transcripts or judge differences.

use std::collections::HashMap;

use super::median;
use crate::session::Session;
use crate::smtp::dialogue::ItemKind;

/// How a pair was matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// Same client and server endpoints.
    Exact,
    /// One endpoint the same, the other translated.
    Nat,
    /// No endpoint in common: matched on the dialogue and on time.
    Heuristic,
}

impl MatchKind {
    /// The name used in the output.
    pub fn name(self) -> &'static str {
        match self {
            MatchKind::Exact => "exact",
            MatchKind::Nat => "nat",
            MatchKind::Heuristic => "heuristic",
        }
    }
}

/// One matched pair of session indexes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Matched {
    /// Index into the sender's sessions.
    pub sender: usize,
    /// Index into the receiver's sessions.
    pub receiver: usize,
    /// How.
    pub kind: MatchKind,
    /// 0 to 1: how sure the pairing is.
    pub confidence: f64,
}

/// The estimated clock offset between the two captures.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct ClockOffset {
    /// Receiver capture time minus sender capture time for the same moment, in seconds (one-way
    /// transit included).
    pub seconds: f64,
    /// How many pairs the estimate rests on (0: none could be used; the offset is then 0).
    pub anchors: usize,
}

/// Seconds of slack around a session's time span when checking that two sessions overlap.
const TIME_SLACK_SECS: f64 = 5.0;
/// The least dialogue similarity for pairing sessions that share no endpoint.
const MIN_HEURISTIC_SIMILARITY: f64 = 0.5;
/// The least dialogue similarity for pairing sessions that share one endpoint.
const MIN_NAT_SIMILARITY: f64 = 0.3;

/// What identifies a session's dialogue, whatever the addresses and clocks.
#[derive(Debug, Default)]
struct Fingerprint {
    helo: Option<String>,
    senders: Vec<String>,
    recipients: Vec<String>,
    message_ids: Vec<String>,
    content_sizes: Vec<u64>,
    xexch50_sizes: Vec<String>,
    verbs: Vec<String>,
}

impl Fingerprint {
    fn of(session: &Session) -> Fingerprint {
        let d = &session.dialogue;
        let mut f = Fingerprint {
            helo: d.helo.as_ref().map(|h| h.name.to_ascii_lowercase()),
            ..Fingerprint::default()
        };
        for t in &d.transactions {
            if let Some(path) = t.mail_from.as_ref().and_then(|m| m.path.as_ref()) {
                f.senders.push(path.addr.to_ascii_lowercase());
            }
            for r in t.rcpt_to.iter().filter_map(|r| r.path.as_ref()) {
                f.recipients.push(r.addr.to_ascii_lowercase());
            }
            for x in &t.xexch50 {
                f.xexch50_sizes.push(x.size.text.clone());
            }
            if let Some(content) = &t.data {
                f.content_sizes.push(content.bytes);
                if let Some(id) = &content.headers.message_id {
                    f.message_ids.push(id.clone());
                }
            }
        }
        f.verbs = d
            .transcript
            .iter()
            .filter_map(|i| match &i.kind {
                ItemKind::Command(c) => Some(c.verb.clone()),
                _ => None,
            })
            .collect();
        f
    }

    /// Whether a pair is certain without looking at time: a shared Message-ID, or the same
    /// non-empty envelope and EHLO name.
    fn certain_with(&self, other: &Fingerprint) -> bool {
        let shared_id = self.message_ids.iter().any(|id| other.message_ids.contains(id));
        let same_envelope = !self.recipients.is_empty()
            && self.senders == other.senders
            && self.recipients == other.recipients
            && self.helo.is_some()
            && self.helo == other.helo;
        shared_id || same_envelope
    }

    /// 0 to 1: how alike two dialogues are, feature by feature (features absent on both sides do
    /// not count).
    fn similarity(&self, other: &Fingerprint) -> f64 {
        let helo = (
            1.0,
            self.helo.is_some() || other.helo.is_some(),
            f64::from(u8::from(self.helo == other.helo)),
        );
        let features = [
            helo,
            list_feature(2.0, &self.senders, &other.senders),
            list_feature(2.0, &self.recipients, &other.recipients),
            list_feature(4.0, &self.message_ids, &other.message_ids),
            list_feature(1.0, &self.content_sizes, &other.content_sizes),
            list_feature(1.0, &self.xexch50_sizes, &other.xexch50_sizes),
            list_feature(1.0, &self.verbs, &other.verbs),
        ];
        let (weight, score) = features
            .iter()
            .filter(|(_, present, _)| *present)
            .fold((0.0, 0.0), |(w, s), (weight, _, agree)| {
                (w + weight, s + weight * agree)
            });
        if weight > 0.0 {
            score / weight
        } else {
            0.0
        }
    }
}

/// A list feature of weight `weight`: present when either side has elements, scored by overlap.
fn list_feature<T: PartialEq>(weight: f64, a: &[T], b: &[T]) -> (f64, bool, f64) {
    (weight, !a.is_empty() || !b.is_empty(), overlap(a, b))
}

/// Shared elements over all elements (a multiset Dice coefficient), 0 to 1.
fn overlap<T: PartialEq>(a: &[T], b: &[T]) -> f64 {
    let total = a.len().saturating_add(b.len());
    if total == 0 {
        return 1.0;
    }
    let mut used = vec![false; b.len()];
    let mut shared = 0usize;
    for x in a {
        if let Some(slot) = b
            .iter()
            .zip(used.iter_mut())
            .find(|(y, used)| !**used && *y == x)
            .map(|(_, used)| used)
        {
            *slot = true;
            shared = shared.saturating_add(1);
        }
    }
    (2 * shared) as f64 / total as f64
}

/// How the endpoints of two sessions relate.
fn endpoint_kind(a: &Session, b: &Session) -> MatchKind {
    let same_client = a.info.client == b.info.client;
    let same_server = a.info.server == b.info.server;
    match (same_client, same_server) {
        (true, true) => MatchKind::Exact,
        (true, false) | (false, true) => MatchKind::Nat,
        (false, false) => {
            // Both addresses translated but both ports kept: still the same connection, translated.
            if a.info.client.port() == b.info.client.port() && a.info.server.port() == b.info.server.port() {
                MatchKind::Nat
            } else {
                MatchKind::Heuristic
            }
        }
    }
}

fn seconds(session: &Session) -> (f64, f64) {
    let start = session.info.start.as_nanos() as f64 / 1e9;
    let end = session.summary.end.as_nanos() as f64 / 1e9;
    (start, end.max(start))
}

/// Whether two sessions overlap in time once the receiver's clock is moved by `offset`.
fn overlaps(a: &Session, b: &Session, offset: f64) -> bool {
    let (a_start, a_end) = seconds(a);
    let (b_start, b_end) = seconds(b);
    let (b_start, b_end) = (b_start - offset, b_end - offset);
    a_start <= b_end + TIME_SLACK_SECS && b_start <= a_end + TIME_SLACK_SECS
}

/// Seconds between the starts of `a` and `b` (receiver minus sender).
fn start_difference(a: &Session, b: &Session) -> f64 {
    seconds(b).0 - seconds(a).0
}

/// The clock offset from the pairs that are certain without time.
fn estimate_offset(
    sender: &[Session],
    receiver: &[Session],
    prints: &Prints,
    same_tuple: &[(usize, usize)],
) -> ClockOffset {
    let mut exact = Vec::new();
    for &(i, j) in same_tuple {
        if let (Some(s), Some(r), Some(a), Some(b)) = (
            sender.get(i),
            receiver.get(j),
            prints.sender.get(i),
            prints.receiver.get(j),
        ) {
            if a.similarity(b) >= MIN_NAT_SIMILARITY {
                exact.push(start_difference(s, r));
            }
        }
    }
    if exact.is_empty() {
        for (i, s) in sender.iter().enumerate() {
            let Some(a) = prints.sender.get(i) else { continue };
            let certain: Vec<f64> = receiver
                .iter()
                .zip(&prints.receiver)
                .filter(|(_, b)| a.certain_with(b))
                .map(|(r, _)| start_difference(s, r))
                .collect();
            // Only a session with exactly one certain partner is an anchor.
            if let [one] = certain.as_slice() {
                exact.push(*one);
            }
        }
    }
    let anchors = exact.len();
    ClockOffset {
        seconds: median(exact).unwrap_or(0.0),
        anchors,
    }
}

struct Prints {
    sender: Vec<Fingerprint>,
    receiver: Vec<Fingerprint>,
}

/// Which sessions are paired so far.
struct Taken {
    sender: Vec<bool>,
    receiver: Vec<bool>,
    pairs: Vec<Matched>,
}

impl Taken {
    /// Pairs the best-ranked candidates first, each session at most once.
    fn greedy(&mut self, mut candidates: Vec<(f64, Matched)>) {
        candidates.sort_by(|x, y| y.0.total_cmp(&x.0));
        for (_, m) in candidates {
            let (Some(s), Some(r)) = (self.sender.get(m.sender), self.receiver.get(m.receiver)) else {
                continue;
            };
            if *s || *r {
                continue;
            }
            if let Some(t) = self.sender.get_mut(m.sender) {
                *t = true;
            }
            if let Some(t) = self.receiver.get_mut(m.receiver) {
                *t = true;
            }
            self.pairs.push(m);
        }
    }
}

/// The acceptable pairings among `pairs` of (sender, receiver) indexes, ranked: confidence first,
/// closeness in time (after the clock offset) to break ties.
fn candidates(
    sender: &[Session],
    receiver: &[Session],
    prints: &Prints,
    clock: ClockOffset,
    pairs: impl Iterator<Item = (usize, usize)>,
) -> Vec<(f64, Matched)> {
    let mut found = Vec::new();
    for (i, j) in pairs {
        let (Some(s), Some(r), Some(a), Some(b)) = (
            sender.get(i),
            receiver.get(j),
            prints.sender.get(i),
            prints.receiver.get(j),
        ) else {
            continue;
        };
        if !overlaps(s, r, clock.seconds) {
            continue;
        }
        let kind = endpoint_kind(s, r);
        let similarity = a.similarity(b);
        let certain = a.certain_with(b);
        let (accepted, confidence) = match kind {
            MatchKind::Exact => (true, 0.5 + similarity / 2.0),
            MatchKind::Nat => (
                similarity >= MIN_NAT_SIMILARITY || certain,
                0.3 + similarity * 0.6,
            ),
            MatchKind::Heuristic => (
                similarity >= MIN_HEURISTIC_SIMILARITY || certain,
                similarity * 0.9,
            ),
        };
        if !accepted {
            continue;
        }
        let drift = (start_difference(s, r) - clock.seconds).abs();
        let rank = confidence * 1000.0 - drift.min(999.0);
        found.push((
            rank,
            Matched {
                sender: i,
                receiver: j,
                kind,
                confidence: (confidence * 100.0).round() / 100.0,
            },
        ));
    }
    found
}

/// The result of pairing: pairs in sender order, the clock offset, and who has no partner.
#[derive(Debug, Default)]
pub struct Pairing {
    /// Matched pairs, in the order of the sender's sessions.
    pub pairs: Vec<Matched>,
    /// The estimated clock offset.
    pub clock: ClockOffset,
    /// Sender sessions with no partner.
    pub sender_only: Vec<usize>,
    /// Receiver sessions with no partner.
    pub receiver_only: Vec<usize>,
}

/// Pairs the sessions of the two captures.
pub fn pair(sender: &[Session], receiver: &[Session]) -> Pairing {
    let prints = Prints {
        sender: sender.iter().map(Fingerprint::of).collect(),
        receiver: receiver.iter().map(Fingerprint::of).collect(),
    };
    let mut taken = Taken {
        sender: vec![false; sender.len()],
        receiver: vec![false; receiver.len()],
        pairs: Vec::new(),
    };
    // First the sessions on the same 4-tuple (cheap to find, and never to be given away to a
    // heuristic partner), then everything left, against everything left.
    let mut by_tuple: HashMap<_, Vec<usize>> = HashMap::new();
    for (j, r) in receiver.iter().enumerate() {
        by_tuple
            .entry((r.info.client, r.info.server))
            .or_default()
            .push(j);
    }
    let same_tuple: Vec<(usize, usize)> = sender
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            by_tuple
                .get(&(s.info.client, s.info.server))
                .into_iter()
                .flatten()
                .map(move |&j| (i, j))
        })
        .collect();
    let clock = estimate_offset(sender, receiver, &prints, &same_tuple);
    let exact = candidates(sender, receiver, &prints, clock, same_tuple.into_iter());
    taken.greedy(exact);
    let rest: Vec<(usize, usize)> = (0..sender.len())
        .filter(|i| !taken.sender.get(*i).copied().unwrap_or(true))
        .flat_map(|i| {
            (0..receiver.len())
                .filter(|j| !taken.receiver.get(*j).copied().unwrap_or(true))
                .map(move |j| (i, j))
        })
        .collect();
    let others = candidates(sender, receiver, &prints, clock, rest.into_iter());
    taken.greedy(others);
    let Taken {
        sender: sender_taken,
        receiver: receiver_taken,
        mut pairs,
    } = taken;
    pairs.sort_by_key(|m| m.sender);
    let unpaired = |taken: &[bool]| {
        taken
            .iter()
            .enumerate()
            .filter(|(_, t)| !**t)
            .map(|(i, _)| i)
            .collect()
    };
    Pairing {
        pairs,
        clock,
        sender_only: unpaired(&sender_taken),
        receiver_only: unpaired(&receiver_taken),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_is_a_multiset_dice_coefficient() {
        assert!((overlap(&[1, 2], &[1, 2]) - 1.0).abs() < 1e-9);
        assert!((overlap(&[1, 1], &[1, 2]) - 0.5).abs() < 1e-9);
        assert!((overlap::<u8>(&[], &[]) - 1.0).abs() < 1e-9);
        assert!(overlap(&[3], &[4]).abs() < 1e-9);
    }
}
