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
//! difference of the pairs that are certain without time: exact pairs, else sessions with exactly
//! one partner sharing a Message-ID (or, without a shared Message-ID, the whole envelope). Pairing is greedy, best score first, each
//! session used once: sessions on the same 4-tuple first, then the rest.
//!
//! # Cost: no n × m anywhere
//!
//! NAT and proxies are diff's main use, so the sessions left after the same-4-tuple pass are not
//! compared all against all. The free receiver sessions are indexed by every
//! [`Key`] of their fingerprint (EHLO name, each sender, recipient, Message-ID, content and XEXCH50
//! size, verb), each key's list in order of start; a sender session is compared only with the
//! receivers that share a key with it and, for that key, are among the `NEAREST_PER_KEY` (4) nearest
//! in time on each side (after the clock offset) that overlap it, and keeps its
//! `KEPT_PER_SESSION` (8) best candidates. Since two sessions that share no key have similarity zero
//! and are never paired (see [`super::fingerprint`]), this finds every pair the exhaustive
//! comparison would whenever a key's list is short, and the nearest-in-time partners — the ones the
//! ranking prefers — when it is long (every session of a hub shares its EHLO name and verbs). A
//! 4-tuple reused more than a few times is likewise paired by rank in start order with its
//! neighbours, and the clock anchors are found through an index of Message-IDs and envelopes.
//! Work and memory grow with n log n (100,000 NAT'd sessions a side: README, "Hostile input").
//! Must not: align transcripts or judge differences.

use std::collections::HashMap;
use std::net::SocketAddr;

use super::fingerprint::{Fingerprint, Interner, Key};
use super::median;
use crate::session::Session;

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
/// Sessions on one 4-tuple are all compared while that makes at most this many pairs; beyond it
/// (a 4-tuple reused many times) each is compared with its neighbours in start order.
const MAX_TUPLE_PAIRS: usize = 64;
/// Neighbours in start order, on each side, a session of a crowded 4-tuple is compared with.
const TUPLE_WINDOW: usize = 4;
/// Sessions sharing a key taken as candidates on each side of a session's time, nearest first.
const NEAREST_PER_KEY: usize = 4;
/// Sessions of one key looked at on each side of a session's time before giving up.
const STEPS_PER_KEY: usize = 32;
/// Acceptable candidates kept per sender session, best ranked first.
const KEPT_PER_SESSION: usize = 8;

/// What pairing needs of one session: its endpoints, its time span and its fingerprint — a few
/// hundred bytes, so a capture's sessions can be paired without being held (see `app`'s `diff`).
#[derive(Debug)]
pub struct Profile {
    client: SocketAddr,
    server: SocketAddr,
    /// (start, end) in seconds.
    times: (f64, f64),
    print: Fingerprint,
}

/// One capture's sessions as pairing sees them, in the order of its sessions, with the strings of
/// their fingerprints.
#[derive(Debug, Default)]
pub struct Profiles {
    strings: Interner,
    profiles: Vec<Profile>,
}

impl Profiles {
    /// Adds the next session of the capture.
    pub fn push(&mut self, session: &Session) {
        self.profiles.push(Profile {
            client: session.info.client,
            server: session.info.server,
            times: seconds(session),
            print: Fingerprint::of(session, &mut self.strings),
        });
    }

    /// The profiles of `sessions`.
    pub fn of(sessions: &[Session]) -> Profiles {
        let mut profiles = Profiles::default();
        for s in sessions {
            profiles.push(s);
        }
        profiles
    }

    /// How many sessions.
    pub fn len(&self) -> usize {
        self.profiles.len()
    }

    /// No session.
    pub fn is_empty(&self) -> bool {
        self.profiles.is_empty()
    }
}

/// One capture's sessions with what pairing needs of each.
struct Side<'a> {
    prints: Vec<&'a Fingerprint>,
    /// (start, end) in seconds.
    times: Vec<(f64, f64)>,
    profiles: &'a [Profile],
}

impl<'a> Side<'a> {
    fn new(profiles: &'a [Profile]) -> Self {
        Side {
            prints: profiles.iter().map(|p| &p.print).collect(),
            times: profiles.iter().map(|p| p.times).collect(),
            profiles,
        }
    }

    fn len(&self) -> usize {
        self.profiles.len()
    }

    fn start(&self, i: usize) -> f64 {
        self.times.get(i).map_or(0.0, |t| t.0)
    }

    fn tuple(&self, i: usize) -> Option<(SocketAddr, SocketAddr)> {
        self.profiles.get(i).map(|p| (p.client, p.server))
    }

    /// The indexes of the sessions not in `taken`, in order of start (then index).
    fn free_by_start(&self, taken: &[bool]) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.len())
            .filter(|&k| !taken.get(k).copied().unwrap_or(true))
            .collect();
        order.sort_by(|&x, &y| self.start(x).total_cmp(&self.start(y)).then(x.cmp(&y)));
        order
    }
}

/// How the endpoints of two sessions relate.
fn endpoint_kind(a: &Profile, b: &Profile) -> MatchKind {
    let same_client = a.client == b.client;
    let same_server = a.server == b.server;
    match (same_client, same_server) {
        (true, true) => MatchKind::Exact,
        (true, false) | (false, true) => MatchKind::Nat,
        (false, false) => {
            // Both addresses translated but both ports kept: still the same connection, translated.
            if a.client.port() == b.client.port() && a.server.port() == b.server.port() {
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

/// Whether two time spans overlap once the receiver's clock is moved by `offset`.
fn overlaps((a_start, a_end): (f64, f64), (b_start, b_end): (f64, f64), offset: f64) -> bool {
    let (b_start, b_end) = (b_start - offset, b_end - offset);
    a_start <= b_end + TIME_SLACK_SECS && b_start <= a_end + TIME_SLACK_SECS
}

/// The pairs of sessions on the same 4-tuple, in (sender, receiver) order: all of them for a
/// 4-tuple used a few times, the neighbours in start order for one reused many times.
fn same_tuple_pairs(a: &Side<'_>, b: &Side<'_>) -> Vec<(usize, usize)> {
    let mut by_tuple: HashMap<(SocketAddr, SocketAddr), (Vec<usize>, Vec<usize>)> = HashMap::new();
    for j in 0..b.len() {
        if let Some(tuple) = b.tuple(j) {
            by_tuple.entry(tuple).or_default().1.push(j);
        }
    }
    for i in 0..a.len() {
        if let Some(both) = a.tuple(i).and_then(|t| by_tuple.get_mut(&t)) {
            both.0.push(i);
        }
    }
    let mut pairs = Vec::new();
    for (senders, receivers) in by_tuple.values_mut() {
        if senders.len().saturating_mul(receivers.len()) <= MAX_TUPLE_PAIRS {
            pairs.extend(
                senders
                    .iter()
                    .flat_map(|&i| receivers.iter().map(move |&j| (i, j))),
            );
            continue;
        }
        senders.sort_by(|&x, &y| a.start(x).total_cmp(&a.start(y)).then(x.cmp(&y)));
        receivers.sort_by(|&x, &y| b.start(x).total_cmp(&b.start(y)).then(x.cmp(&y)));
        for (rank, &i) in senders.iter().enumerate() {
            // The receiver at the same relative place in the 4-tuple's history, and its neighbours.
            let centre = rank.saturating_mul(receivers.len()) / senders.len().max(1);
            let from = centre.saturating_sub(TUPLE_WINDOW);
            let to = centre
                .saturating_add(TUPLE_WINDOW)
                .saturating_add(1)
                .min(receivers.len());
            pairs.extend(
                receivers
                    .get(from..to)
                    .unwrap_or_default()
                    .iter()
                    .map(|&j| (i, j)),
            );
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// The clock offset from the pairs that are certain without time: the same-4-tuple pairs whose
/// dialogues agree, else the sessions with exactly one partner sharing a Message-ID, or — for a
/// session whose Message-IDs no receiver shares — exactly one sharing the whole envelope (found
/// through an index of both, so every session is looked at once; a hub that sends the same
/// envelope again and again still anchors on its Message-IDs).
fn estimate_offset(a: &Side<'_>, b: &Side<'_>, same_tuple: &[(usize, usize)]) -> ClockOffset {
    let difference = |i: usize, j: usize| b.start(j) - a.start(i);
    let mut anchors: Vec<f64> = same_tuple
        .iter()
        .filter(|&&(i, j)| match (a.prints.get(i), b.prints.get(j)) {
            (Some(x), Some(y)) => x.similarity(y) >= MIN_NAT_SIMILARITY,
            _ => false,
        })
        .map(|&(i, j)| difference(i, j))
        .collect();
    if anchors.is_empty() {
        let mut by_id: HashMap<u32, Vec<usize>> = HashMap::new();
        let mut by_envelope: HashMap<u32, Vec<usize>> = HashMap::new();
        for (j, print) in b.prints.iter().enumerate() {
            let mut ids = print.message_ids().to_vec();
            ids.sort_unstable();
            ids.dedup();
            for id in ids {
                by_id.entry(id).or_default().push(j);
            }
            if let Some(envelope) = print.envelope() {
                by_envelope.entry(envelope).or_default().push(j);
            }
        }
        for (i, print) in a.prints.iter().enumerate() {
            let by_message_id: Vec<&Vec<usize>> = print
                .message_ids()
                .iter()
                .filter_map(|id| by_id.get(id))
                .collect();
            let partner = if by_message_id.is_empty() {
                only_one(print.envelope().and_then(|e| by_envelope.get(&e)))
            } else {
                only_one(by_message_id)
            };
            if let Some(j) = partner {
                anchors.push(difference(i, j));
            }
        }
    }
    let count = anchors.len();
    ClockOffset {
        seconds: median(anchors).unwrap_or(0.0),
        anchors: count,
    }
}

/// The one receiver the `buckets` name between them, if they name exactly one. Each bucket lists
/// a receiver once, so two entries of each are enough to tell.
fn only_one<'b>(buckets: impl IntoIterator<Item = &'b Vec<usize>>) -> Option<usize> {
    let mut partner = None;
    for bucket in buckets {
        for &j in bucket.iter().take(2) {
            match partner {
                None => partner = Some(j),
                Some(p) if p != j => return None,
                Some(_) => {}
            }
        }
    }
    partner
}

/// Which sessions are paired so far.
struct Taken {
    sender: Vec<bool>,
    receiver: Vec<bool>,
    pairs: Vec<Matched>,
}

impl Taken {
    /// Pairs the best-ranked candidates first, each session at most once (candidates come in
    /// (sender, receiver) order, which breaks ties).
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

impl Taken {
    /// No session paired yet.
    fn new(senders: usize, receivers: usize) -> Self {
        Taken {
            sender: vec![false; senders],
            receiver: vec![false; receivers],
            pairs: Vec::new(),
        }
    }

    /// The pairs in sender order, and who was left without a partner.
    fn into_pairing(self, clock: ClockOffset) -> Pairing {
        let Taken {
            sender,
            receiver,
            mut pairs,
        } = self;
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
            sender_only: unpaired(&sender),
            receiver_only: unpaired(&receiver),
        }
    }
}

/// Whether sender session `i` and receiver session `j` may be paired, and how highly: confidence
/// first, closeness in time (after the clock offset) to break ties.
fn evaluate(a: &Side<'_>, b: &Side<'_>, clock: ClockOffset, i: usize, j: usize) -> Option<(f64, Matched)> {
    let (s, r) = (a.profiles.get(i)?, b.profiles.get(j)?);
    let (x, y) = (a.prints.get(i)?, b.prints.get(j)?);
    let (a_time, b_time) = (*a.times.get(i)?, *b.times.get(j)?);
    if !overlaps(a_time, b_time, clock.seconds) {
        return None;
    }
    let kind = endpoint_kind(s, r);
    let similarity = x.similarity(y);
    let (accepted, confidence) = match kind {
        MatchKind::Exact => (true, 0.5 + similarity / 2.0),
        MatchKind::Nat => (
            similarity >= MIN_NAT_SIMILARITY || x.certain_with(y),
            0.3 + similarity * 0.6,
        ),
        MatchKind::Heuristic => (
            similarity >= MIN_HEURISTIC_SIMILARITY || x.certain_with(y),
            similarity * 0.9,
        ),
    };
    if !accepted {
        return None;
    }
    let drift = (b_time.0 - a_time.0 - clock.seconds).abs();
    let rank = confidence * 1000.0 - drift.min(999.0);
    Some((
        rank,
        Matched {
            sender: i,
            receiver: j,
            kind,
            confidence: (confidence * 100.0).round() / 100.0,
        },
    ))
}

/// The receivers of `bucket` (in order of start) nearest in time to a sender session spanning
/// `span`, that overlap it: up to [`NEAREST_PER_KEY`] starting at or after it and as many before,
/// looking at most [`STEPS_PER_KEY`] entries each way.
fn nearest(bucket: &[usize], b: &Side<'_>, span: (f64, f64), offset: f64, out: &mut Vec<usize>) {
    let at = bucket.partition_point(|&j| b.start(j) < span.0 + offset);
    let time = |j: usize| b.times.get(j).copied().unwrap_or_default();
    let later = bucket.get(at..).unwrap_or_default();
    let mut kept = 0;
    for &j in later.iter().take(STEPS_PER_KEY) {
        if b.start(j) - offset > span.1 + TIME_SLACK_SECS {
            break; // every later one starts too late as well
        }
        if overlaps(span, time(j), offset) {
            out.push(j);
            kept += 1;
            if kept == NEAREST_PER_KEY {
                break;
            }
        }
    }
    let earlier = bucket.get(..at).unwrap_or_default();
    let overlapping = earlier
        .iter()
        .rev()
        .take(STEPS_PER_KEY)
        .filter(|&&j| overlaps(span, time(j), offset));
    out.extend(overlapping.take(NEAREST_PER_KEY));
}

/// The acceptable pairings of the sessions still free: each free sender session is compared only
/// with the free receiver sessions that share a fingerprint key with it and are among the nearest
/// in time for that key, and keeps its [`KEPT_PER_SESSION`] best. No pair of sessions without a
/// common key is ever looked at, so the work grows with n log n, not with n × m.
fn indexed_candidates(a: &Side<'_>, b: &Side<'_>, clock: ClockOffset, taken: &Taken) -> Vec<(f64, Matched)> {
    let mut index: HashMap<Key, Vec<usize>> = HashMap::new();
    for j in b.free_by_start(&taken.receiver) {
        for key in b.prints.get(j).map(|p| p.keys()).unwrap_or_default() {
            index.entry(key).or_default().push(j);
        }
    }
    let mut found = Vec::new();
    let mut near = Vec::new();
    for i in (0..a.len()).filter(|&i| !taken.sender.get(i).copied().unwrap_or(true)) {
        let (Some(print), Some(&span)) = (a.prints.get(i), a.times.get(i)) else {
            continue;
        };
        near.clear();
        for bucket in print.keys().iter().filter_map(|key| index.get(key)) {
            nearest(bucket, b, span, clock.seconds, &mut near);
        }
        near.sort_unstable();
        near.dedup();
        let mut mine: Vec<(f64, Matched)> =
            near.iter().filter_map(|&j| evaluate(a, b, clock, i, j)).collect();
        if mine.len() > KEPT_PER_SESSION {
            mine.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.receiver.cmp(&y.1.receiver)));
            mine.truncate(KEPT_PER_SESSION);
            mine.sort_by_key(|(_, m)| m.receiver);
        }
        found.append(&mut mine);
    }
    found
}

/// The result of pairing: pairs in sender order, the clock offset, and who has no partner.
#[derive(Debug, Default, PartialEq)]
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
    pair_profiles(Profiles::of(sender), Profiles::of(receiver))
}

/// Brings the receiver's fingerprints into the numbers of the sender's strings.
fn one_numbering(sender: Profiles, mut receiver: Profiles) -> (Vec<Profile>, Vec<Profile>) {
    let mut strings = sender.strings;
    let renumbering = strings.absorb(receiver.strings);
    for p in &mut receiver.profiles {
        p.print.renumber(&renumbering);
    }
    (sender.profiles, receiver.profiles)
}

/// Pairs the sessions of the two captures, from their profiles (see [`Profiles`]).
pub fn pair_profiles(sender: Profiles, receiver: Profiles) -> Pairing {
    let (sender, receiver) = one_numbering(sender, receiver);
    let (a, b) = (Side::new(&sender), Side::new(&receiver));
    let mut taken = Taken::new(sender.len(), receiver.len());
    // First the sessions on the same 4-tuple (cheap to find, and never to be given away to a
    // heuristic partner), then the rest through the index.
    let same_tuple = same_tuple_pairs(&a, &b);
    let clock = estimate_offset(&a, &b, &same_tuple);
    let exact = same_tuple
        .iter()
        .filter_map(|&(i, j)| evaluate(&a, &b, clock, i, j))
        .collect();
    taken.greedy(exact);
    let others = indexed_candidates(&a, &b, clock, &taken);
    taken.greedy(others);
    taken.into_pairing(clock)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::sessions_of;
    use crate::capture::Input;
    use crate::cli::config::ReportConfig;
    use smtpscope_synth::hostile::{write_nat_pair, NatPairOptions};
    use std::path::{Path, PathBuf};

    /// The reference: every same-4-tuple pair, every certain pair for the clock, then every free
    /// sender session against every free receiver session — the n × m comparison the index avoids.
    fn pair_exhaustive(sender: &[Session], receiver: &[Session]) -> Pairing {
        // One interner for both sides, as before profiles were numbered apart.
        let mut strings = Interner::default();
        let profile = |s: &Session, strings: &mut Interner| Profile {
            client: s.info.client,
            server: s.info.server,
            times: seconds(s),
            print: Fingerprint::of(s, strings),
        };
        let sender: Vec<Profile> = sender.iter().map(|s| profile(s, &mut strings)).collect();
        let receiver: Vec<Profile> = receiver.iter().map(|s| profile(s, &mut strings)).collect();
        let (a, b) = (Side::new(&sender), Side::new(&receiver));
        let mut taken = Taken::new(a.len(), b.len());
        let all = |a: &Side<'_>, b: &Side<'_>| -> Vec<(usize, usize)> {
            (0..a.len())
                .flat_map(|i| (0..b.len()).map(move |j| (i, j)))
                .collect()
        };
        let same_tuple: Vec<(usize, usize)> = all(&a, &b)
            .into_iter()
            .filter(|&(i, j)| a.tuple(i) == b.tuple(j))
            .collect();
        let mut anchors: Vec<f64> = same_tuple
            .iter()
            .filter(|&&(i, j)| a.prints[i].similarity(b.prints[j]) >= MIN_NAT_SIMILARITY)
            .map(|&(i, j)| b.start(j) - a.start(i))
            .collect();
        if anchors.is_empty() {
            for i in 0..a.len() {
                let (x, ids) = (&a.prints[i], a.prints[i].message_ids());
                let shares_id = |j: usize| b.prints[j].message_ids().iter().any(|id| ids.contains(id));
                let mut certain: Vec<usize> = (0..b.len()).filter(|&j| shares_id(j)).collect();
                if certain.is_empty() {
                    certain = (0..b.len())
                        .filter(|&j| x.envelope().is_some() && x.envelope() == b.prints[j].envelope())
                        .collect();
                }
                if let [one] = certain.as_slice() {
                    anchors.push(b.start(*one) - a.start(i));
                }
            }
        }
        let count = anchors.len();
        let clock = ClockOffset {
            seconds: median(anchors).unwrap_or(0.0),
            anchors: count,
        };
        let exact = same_tuple
            .iter()
            .filter_map(|&(i, j)| evaluate(&a, &b, clock, i, j))
            .collect();
        taken.greedy(exact);
        let rest = all(&a, &b)
            .into_iter()
            .filter(|&(i, j)| !taken.sender[i] && !taken.receiver[j])
            .filter_map(|(i, j)| evaluate(&a, &b, clock, i, j))
            .collect();
        taken.greedy(rest);
        taken.into_pairing(clock)
    }

    fn sessions(path: &Path) -> Vec<Session> {
        let decoded = sessions_of(&Input::Path(path.to_path_buf()), &ReportConfig::default(), None);
        assert!(decoded.error.is_none(), "{}: {:?}", path.display(), decoded.error);
        decoded.sessions
    }

    fn assert_same_pairs(sender: &Path, receiver: &Path) -> Pairing {
        let (a, b) = (sessions(sender), sessions(receiver));
        let indexed = pair(&a, &b);
        let exhaustive = pair_exhaustive(&a, &b);
        assert_eq!(
            indexed,
            exhaustive,
            "{} against {}",
            sender.display(),
            receiver.display()
        );
        indexed
    }

    fn repo(rel: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
    }

    #[test]
    fn the_index_pairs_the_committed_captures_as_the_exhaustive_comparison_does() {
        let pairs = [
            (
                "captures/synthetic/diff-asa-sender.pcapng",
                "captures/synthetic/diff-asa-receiver.pcap",
            ),
            (
                "captures/synthetic/diff-pix-sender.pcap",
                "captures/synthetic/diff-pix-receiver.pcap",
            ),
            (
                "captures/synthetic/diff-loss-sender.pcap",
                "captures/synthetic/diff-loss-receiver.pcap",
            ),
            (
                "captures/synthetic/port-reuse.pcap",
                "captures/synthetic/port-reuse.pcap",
            ),
            (
                "captures/synthetic/syn-flood.pcap",
                "captures/synthetic/syn-flood.pcap",
            ),
            (
                "captures/synthetic/healthy-handshake.pcap",
                "captures/synthetic/xexch50-refused.pcap",
            ),
        ];
        for (sender, receiver) in pairs {
            assert_same_pairs(&repo(sender), &repo(receiver));
        }
        for mode in ["clean", "pix", "asa", "drop-xexch50"] {
            assert_same_pairs(
                &repo(&format!("captures/lab/middlebox-{mode}-sender.pcap")),
                &repo(&format!("captures/lab/middlebox-{mode}-receiver.pcap")),
            );
        }
    }

    #[test]
    fn the_index_pairs_generated_nat_flows_as_the_exhaustive_comparison_does() {
        let dir = tempfile::tempdir().unwrap();
        for (count, per_second, twins) in [(120, 200, 10), (300, 2000, 3), (200, 50, 0), (150, 5000, 2)] {
            let (sender, receiver) = (dir.path().join("a.pcap"), dir.path().join("b.pcap"));
            let mut opts = NatPairOptions::new(count);
            opts.per_second = per_second;
            opts.same_envelope_every = twins;
            write_nat_pair(
                std::fs::File::create(&sender).unwrap(),
                std::fs::File::create(&receiver).unwrap(),
                &opts,
            )
            .unwrap();
            let found = assert_same_pairs(&sender, &receiver);
            assert_eq!(found.pairs.len() as u64, count, "{count} at {per_second}/s");
            assert!(
                found.pairs.iter().all(|m| m.sender == m.receiver),
                "each with its own"
            );
            // Sessions sharing their envelope with a twin still anchor on their Message-ID.
            assert!((found.clock.seconds - 2.5).abs() < 1e-6, "{:?}", found.clock);
            assert!(found.clock.anchors as u64 >= count / 2, "{:?}", found.clock);
        }
    }
}
