//! What identifies a session's dialogue whatever the addresses and clocks: its fingerprint, how
//! alike two fingerprints are, and the keys that index it.
//!
//! Owns [`Fingerprint`] (EHLO name, envelope, Message-IDs, content and XEXCH50 sizes, the command
//! verbs), [`Fingerprint::similarity`] and [`Fingerprint::certain_with`], and [`Key`]: one value of
//! one feature, so that sessions sharing a feature share a key. Strings are interned once per diff
//! ([`Interner`]), so comparing fingerprints compares integers — with exactly the equalities of the
//! strings (interning is one-to-one). Each capture may be fingerprinted with its own interner while
//! it is decoded ([`Interner::absorb`] then brings the receiver's numbers into the sender's, giving
//! every string the number one interner for both would have given it).
//!
//! Two sessions can be alike at all (similarity above zero) only if they share a key: every
//! feature that agrees is a shared element or an equal EHLO name. That is what lets
//! [`super::matching`] compare only sessions that share a key instead of every pair.
//! Must not: pair sessions, look at time or addresses, or print.

use std::collections::HashMap;

use crate::session::Session;
use crate::smtp::dialogue::ItemKind;

/// Strings seen in fingerprints, each given a number once; and envelopes (lists of such numbers).
#[derive(Debug, Default)]
pub struct Interner {
    ids: HashMap<String, u32>,
    envelopes: HashMap<Vec<u32>, u32>,
    /// A reusable buffer for lower-casing.
    lower: String,
}

impl Interner {
    /// The number of `text` (the same text always gets the same number).
    pub fn id(&mut self, text: &str) -> u32 {
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        let id = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
        self.ids.insert(text.to_string(), id);
        id
    }

    /// The number of `text` in ASCII lower case.
    pub fn lower_id(&mut self, text: &str) -> u32 {
        let mut lower = std::mem::take(&mut self.lower);
        lower.clear();
        lower.extend(text.chars().map(|c| c.to_ascii_lowercase()));
        let id = self.id(&lower);
        self.lower = lower;
        id
    }

    /// The number of a list of numbers (the same list always gets the same number).
    fn list_id(&mut self, list: &[u32]) -> u32 {
        if let Some(&id) = self.envelopes.get(list) {
            return id;
        }
        let id = u32::try_from(self.envelopes.len()).unwrap_or(u32::MAX);
        self.envelopes.insert(list.to_vec(), id);
        id
    }

    /// Takes in the strings and envelopes of `other` in the order it numbered them, and says what
    /// each of its numbers is here ([`Renumbering`]). Interning one capture's fingerprints, then
    /// absorbing another's interner, numbers every string as one interner for both would have.
    pub fn absorb(&mut self, other: Interner) -> Renumbering {
        let strings: Vec<u32> = in_order(other.ids).map(|text| self.id(&text)).collect();
        let envelopes = in_order(other.envelopes)
            .map(|list| {
                let list: Vec<u32> = list
                    .iter()
                    .map(|&id| strings.get(id as usize).copied().unwrap_or(id))
                    .collect();
                self.list_id(&list)
            })
            .collect();
        Renumbering { strings, envelopes }
    }
}

/// The keys of `map` in the order of their numbers.
fn in_order<K>(map: HashMap<K, u32>) -> impl Iterator<Item = K> {
    let mut entries: Vec<(K, u32)> = map.into_iter().collect();
    entries.sort_unstable_by_key(|(_, id)| *id);
    entries.into_iter().map(|(key, _)| key)
}

/// What the numbers of an absorbed interner became (see [`Interner::absorb`]).
#[derive(Debug, Default)]
pub struct Renumbering {
    strings: Vec<u32>,
    envelopes: Vec<u32>,
}

impl Renumbering {
    fn string(&self, id: u32) -> u32 {
        self.strings.get(id as usize).copied().unwrap_or(id)
    }
}

/// One value of one fingerprint feature: sessions sharing a feature value share a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    /// The EHLO/HELO name.
    Helo(u32),
    /// A MAIL FROM address.
    Sender(u32),
    /// A RCPT TO address.
    Recipient(u32),
    /// A Message-ID.
    MessageId(u32),
    /// A message content size in bytes.
    ContentSize(u64),
    /// An XEXCH50 size argument.
    Xexch50(u32),
    /// A command verb.
    Verb(u32),
}

/// What identifies a session's dialogue (strings interned, names and addresses lower-cased).
#[derive(Debug, Default)]
pub struct Fingerprint {
    helo: Option<u32>,
    senders: Vec<u32>,
    recipients: Vec<u32>,
    message_ids: Vec<u32>,
    content_sizes: Vec<u64>,
    xexch50_sizes: Vec<u32>,
    verbs: Vec<u32>,
    /// The EHLO name and the whole envelope together, when both are known (recipients present).
    envelope: Option<u32>,
}

impl Fingerprint {
    /// The fingerprint of `session`.
    pub fn of(session: &Session, strings: &mut Interner) -> Fingerprint {
        let d = &session.dialogue;
        let mut f = Fingerprint {
            helo: d.helo.as_ref().map(|h| strings.lower_id(&h.name)),
            ..Fingerprint::default()
        };
        for t in &d.transactions {
            if let Some(path) = t.mail_from.as_ref().and_then(|m| m.path.as_ref()) {
                f.senders.push(strings.lower_id(&path.addr));
            }
            for r in t.rcpt_to.iter().filter_map(|r| r.path.as_ref()) {
                f.recipients.push(strings.lower_id(&r.addr));
            }
            for x in &t.xexch50 {
                f.xexch50_sizes.push(strings.id(&x.size.text));
            }
            if let Some(content) = &t.data {
                f.content_sizes.push(content.bytes);
                if let Some(id) = content.message_id() {
                    f.message_ids.push(strings.id(id));
                }
            }
        }
        if let (Some(helo), false) = (f.helo, f.recipients.is_empty()) {
            // The EHLO name, the senders and the recipients, with the length of each list: no two
            // different envelopes give the same list.
            let mut whole = vec![helo, f.senders.len() as u32];
            whole.extend(&f.senders);
            whole.extend(&f.recipients);
            f.envelope = Some(strings.list_id(&whole));
        }
        f.verbs = d
            .transcript
            .iter()
            .filter_map(|i| match &i.kind {
                ItemKind::Command(c) => Some(strings.id(&c.verb)),
                _ => None,
            })
            .collect();
        f
    }

    /// The same fingerprint in the numbers of the interner that absorbed its own.
    pub fn renumber(&mut self, by: &Renumbering) {
        for list in [
            &mut self.senders,
            &mut self.recipients,
            &mut self.message_ids,
            &mut self.xexch50_sizes,
            &mut self.verbs,
        ] {
            for id in list.iter_mut() {
                *id = by.string(*id);
            }
        }
        self.helo = self.helo.map(|h| by.string(h));
        self.envelope = self
            .envelope
            .map(|e| by.envelopes.get(e as usize).copied().unwrap_or(e));
    }

    /// The Message-IDs, for indexing the pairs that are certain without time.
    pub fn message_ids(&self) -> &[u32] {
        &self.message_ids
    }

    /// The EHLO name and envelope together, when both are known.
    pub fn envelope(&self) -> Option<u32> {
        self.envelope
    }

    /// Every key of the fingerprint, each once, in a fixed order.
    pub fn keys(&self) -> Vec<Key> {
        let mut keys: Vec<Key> = self
            .helo
            .map(Key::Helo)
            .into_iter()
            .chain(self.senders.iter().map(|&s| Key::Sender(s)))
            .chain(self.recipients.iter().map(|&r| Key::Recipient(r)))
            .chain(self.message_ids.iter().map(|&m| Key::MessageId(m)))
            .chain(self.content_sizes.iter().map(|&c| Key::ContentSize(c)))
            .chain(self.xexch50_sizes.iter().map(|&x| Key::Xexch50(x)))
            .chain(self.verbs.iter().map(|&v| Key::Verb(v)))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// Whether a pair is certain without looking at time: a shared Message-ID, or the same
    /// non-empty envelope and EHLO name.
    pub fn certain_with(&self, other: &Fingerprint) -> bool {
        let shared_id = self.message_ids.iter().any(|id| other.message_ids.contains(id));
        shared_id || (self.envelope.is_some() && self.envelope == other.envelope)
    }

    /// 0 to 1: how alike two dialogues are, feature by feature (features absent on both sides do
    /// not count).
    pub fn similarity(&self, other: &Fingerprint) -> f64 {
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
pub fn overlap<T: PartialEq>(a: &[T], b: &[T]) -> f64 {
    let total = a.len().saturating_add(b.len());
    if total == 0 {
        return 1.0;
    }
    // Which elements of `b` are used: a bit mask for the usual short lists, a vector beyond.
    let mut mask = 0u64;
    let mut used = if b.len() > 64 {
        vec![false; b.len()]
    } else {
        Vec::new()
    };
    let mut shared = 0usize;
    for x in a {
        let slot = b.iter().enumerate().position(|(k, y)| {
            let taken = used
                .get(k)
                .copied()
                .unwrap_or_else(|| mask & (1u64 << (k % 64)) != 0);
            !taken && y == x
        });
        if let Some(k) = slot {
            match used.get_mut(k) {
                Some(u) => *u = true,
                None => mask |= 1u64 << (k % 64),
            }
            shared = shared.saturating_add(1);
        }
    }
    (2 * shared) as f64 / total as f64
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
        // Long lists use the vector of used slots, with the same counting.
        let long: Vec<u32> = (0..100).collect();
        let half: Vec<u32> = (0..100).map(|k| k % 50).collect();
        assert!((overlap(&long, &long) - 1.0).abs() < 1e-9);
        assert!((overlap(&long, &half) - 0.5).abs() < 1e-9);
    }

    #[test]
    fn absorbing_numbers_as_one_interner_would() {
        let words = ["hub", "alice", "bob", "hub", "carol", "alice"];
        let (first, second) = words.split_at(3);
        let mut one = Interner::default();
        let all: Vec<u32> = words.iter().map(|w| one.id(w)).collect();
        let envelope = one.list_id(&[all[0], all[4]]);
        let mut mine = Interner::default();
        let mut theirs = Interner::default();
        let mut split: Vec<u32> = first.iter().map(|w| mine.id(w)).collect();
        let later: Vec<u32> = second.iter().map(|w| theirs.id(w)).collect();
        let their_envelope = theirs.list_id(&[later[0], later[1]]);
        let renumbering = mine.absorb(theirs);
        split.extend(later.iter().map(|&id| renumbering.string(id)));
        assert_eq!(split, all);
        assert_eq!(renumbering.envelopes, vec![envelope]);
        assert_eq!(their_envelope, 0);
    }

    #[test]
    fn interning_keeps_equality() {
        let mut strings = Interner::default();
        let a = strings.id("alice@example.com");
        assert_eq!(strings.id("alice@example.com"), a);
        assert_ne!(strings.id("bob@example.com"), a);
    }
}
