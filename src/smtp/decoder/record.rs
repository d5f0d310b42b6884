//! Writing the [`Dialogue`](crate::smtp::Dialogue): transcript items, anomalies and transactions, each under its named
//! limit.
//!
//! Owns the only code that appends to the dialogue's lists, so every limit is enforced in one
//! place: of a transcript longer than [`MAX_TRANSCRIPT_ITEMS`], the first items and the last
//! [`TRANSCRIPT_TAIL_ITEMS`] are kept and those between counted (`transcript_truncated` says how
//! many); anomalies beyond [`MAX_ANOMALIES`] are counted and summarised at the end, transactions
//! beyond [`MAX_TRANSACTIONS`] reuse the last record. Items are addressed by their index in the
//! whole transcript, kept or not ([`SmtpDecoder::item`]); at the end the kept ones are numbered
//! again. Must not: decide what an item means or when one is due (the other files of the decoder
//! do).

use super::{
    SmtpDecoder, MAX_ANOMALIES, MAX_AUTH, MAX_RECIPIENTS, MAX_TOKENS, MAX_TRANSACTIONS, MAX_TRANSCRIPT_ITEMS,
};

/// Items kept at the end of a transcript longer than [`MAX_TRANSCRIPT_ITEMS`].
pub const TRANSCRIPT_TAIL_ITEMS: usize = 1_000;
use crate::l10n::Text;
use crate::net::Direction;
use crate::smtp::anomaly::{Anomaly, AnomalyKind};
use crate::smtp::dialogue::{Content, Item, ItemKind, Origin, Position, Transaction};

impl SmtpDecoder {
    /// Appends a transcript item; its index in the whole transcript.
    pub(super) fn push_item(&mut self, dir: Direction, at: Position, kind: ItemKind) -> Option<usize> {
        let mut item = Item::new(dir, at, kind);
        if self.smuggling {
            item.origin = Origin::Smuggled;
        }
        item.decrypted = self.decrypted;
        let index = self.next_item;
        self.next_item = self.next_item.saturating_add(1);
        let head = MAX_TRANSCRIPT_ITEMS.saturating_sub(TRANSCRIPT_TAIL_ITEMS);
        if self.dialogue.transcript.len() < head {
            self.dialogue.transcript.push(item);
            self.ranks.push((index, 0));
            return Some(index);
        }
        if self.tail.len() >= TRANSCRIPT_TAIL_ITEMS {
            self.tail.pop_front();
            self.dialogue.transcript_dropped = self.dialogue.transcript_dropped.saturating_add(1);
            if self.dialogue.transcript_dropped == 1 {
                self.anomaly(
                    AnomalyKind::TranscriptTruncated,
                    dir,
                    at,
                    crate::msg!(
                        "anomaly-transcript-truncated",
                        max = MAX_TRANSCRIPT_ITEMS,
                        head = head,
                        tail = TRANSCRIPT_TAIL_ITEMS
                    ),
                );
            }
        }
        self.tail.push_back((index, item, (index, 0)));
        Some(index)
    }

    /// Transcript item `index` (of the whole transcript), if it is kept.
    pub(super) fn item(&self, index: usize) -> Option<&Item> {
        match self.dialogue.transcript.get(index) {
            Some(item) => Some(item),
            None => self
                .tail
                .iter()
                .find(|(i, ..)| *i == index)
                .map(|(_, item, _)| item),
        }
    }

    /// Transcript item `index` (of the whole transcript), if it is kept.
    pub(super) fn item_mut(&mut self, index: usize) -> Option<&mut Item> {
        if index < self.dialogue.transcript.len() {
            return self.dialogue.transcript.get_mut(index);
        }
        let first = self.tail.front().map_or(usize::MAX, |(i, ..)| *i);
        let slot = index.checked_sub(first)?;
        self.tail.get_mut(slot).map(|(_, item, _)| item)
    }

    /// The last item recorded.
    pub(super) fn last_item_mut(&mut self) -> Option<&mut Item> {
        match self.tail.back_mut() {
            Some((_, item, _)) => Some(item),
            None => self.dialogue.transcript.last_mut(),
        }
    }

    /// Where item `index` goes in its direction's stream order (see `order_timeline`).
    pub(super) fn set_rank(&mut self, index: usize, rank: (usize, u32)) {
        if let Some(slot) = self.ranks.get_mut(index) {
            *slot = rank;
        } else if let Some((_, _, slot)) = self.tail.iter_mut().find(|(i, ..)| *i == index) {
            *slot = rank;
        }
    }

    /// Every kept item.
    pub(super) fn items_mut(&mut self) -> impl Iterator<Item = &mut Item> {
        self.dialogue
            .transcript
            .iter_mut()
            .chain(self.tail.iter_mut().map(|(_, item, _)| item))
    }

    /// At the end: the kept last items join the first ones, and every index (replies' `answers`,
    /// anomalies' places, ranks) becomes an index of the kept transcript; what pointed into the
    /// items not kept points nowhere (`answers`) or to the first item after them (anomalies).
    pub(super) fn close_transcript(&mut self) {
        let head = self.dialogue.transcript.len();
        let dropped = usize::try_from(self.dialogue.transcript_dropped).unwrap_or(usize::MAX);
        let tail_first = head.saturating_add(dropped);
        let kept = |i: usize| -> Option<usize> {
            if i < head {
                Some(i)
            } else if i >= tail_first {
                Some(i.saturating_sub(dropped))
            } else {
                None
            }
        };
        for (_, item, rank) in std::mem::take(&mut self.tail) {
            self.dialogue.transcript.push(item);
            self.ranks.push((kept(rank.0).unwrap_or(head), rank.1));
        }
        for item in &mut self.dialogue.transcript {
            if let ItemKind::Reply(r) = &mut item.kind {
                r.answers = r.answers.and_then(kept);
            }
        }
        for rank in self.ranks.iter_mut().take(head) {
            rank.0 = kept(rank.0).unwrap_or(head);
        }
        for anomaly in &mut self.dialogue.anomalies {
            anomaly.item = kept(anomaly.item).unwrap_or(head);
        }
        self.dialogue.transcript_dropped_at = head;
    }

    /// At the end: the transcript as a timeline. Items were recorded in decoding order, which
    /// differs from the order things happened when client bytes waited for a reply, or a reply
    /// was inferred: each direction keeps its own stream order (decoding order, a reply inferred
    /// inside a gap right after the gap), and the two are interleaved by the frame each item
    /// started in (on the same frame, decoding order).
    /// Replies' `answers` and anomalies' places follow their items.
    pub(super) fn order_timeline(&mut self) {
        let items = std::mem::take(&mut self.dialogue.transcript);
        let rank = |i: usize| self.ranks.get(i).copied().unwrap_or((i, 0));
        let (mut client, mut server): (Vec<usize>, Vec<usize>) = (0..items.len())
            .partition(|&i| items.get(i).is_some_and(|it| it.dir == Direction::ClientToServer));
        client.sort_by_key(|&i| rank(i));
        server.sort_by_key(|&i| rank(i));
        let frame = |i: usize| items.get(i).map_or(0, |it| it.at.frame);
        let mut order = Vec::with_capacity(items.len());
        let (mut c, mut s) = (client.iter().peekable(), server.iter().peekable());
        loop {
            let next = match (c.peek(), s.peek()) {
                (Some(&&a), Some(&&b)) if (frame(a), a) <= (frame(b), b) => c.next(),
                (Some(_), Some(_)) => s.next(),
                (Some(_), None) => c.next(),
                (None, Some(_)) => s.next(),
                (None, None) => break,
            };
            order.extend(next.copied());
        }
        if order.iter().enumerate().all(|(new, &old)| new == old) {
            // Already in order (the usual case): nothing moves, no index changes.
            self.dialogue.transcript = items;
            self.dialogue.anomalies.sort_by_key(|a| a.item);
            return;
        }
        let mut new_index = vec![0usize; items.len()];
        for (new, &old) in order.iter().enumerate() {
            if let Some(slot) = new_index.get_mut(old) {
                *slot = new;
            }
        }
        let mut slots: Vec<Option<Item>> = items.into_iter().map(Some).collect();
        let remap = |i: usize| new_index.get(i).copied().unwrap_or(i);
        for old in order {
            if let Some(mut item) = slots.get_mut(old).and_then(Option::take) {
                if let ItemKind::Reply(r) = &mut item.kind {
                    r.answers = r.answers.map(remap);
                }
                self.dialogue.transcript.push(item);
            }
        }
        for anomaly in &mut self.dialogue.anomalies {
            anomaly.item = remap(anomaly.item);
        }
        self.dialogue.anomalies.sort_by_key(|a| a.item);
        self.dialogue.transcript_dropped_at = remap(self.dialogue.transcript_dropped_at);
    }

    /// Records an anomaly before the next transcript item.
    pub(super) fn anomaly(
        &mut self,
        kind: AnomalyKind,
        dir: Direction,
        at: Position,
        detail: impl Into<Text>,
    ) {
        if self.dialogue.anomalies.len() >= MAX_ANOMALIES {
            self.anomalies_dropped = self.anomalies_dropped.saturating_add(1);
            return;
        }
        let item = self.next_item;
        self.dialogue.anomalies.push(Anomaly {
            kind,
            dir,
            at,
            detail: detail.into(),
            item,
        });
    }

    /// At the end: every record limit reached, with how many were counted and not kept.
    pub(super) fn report_limits(&mut self) {
        let recipients = self
            .dialogue
            .transactions
            .iter()
            .fold(0u64, |n, t| n.saturating_add(t.rcpt_dropped));
        let limits = [
            (
                self.transactions_dropped,
                crate::msg!("limit-transactions", max = MAX_TRANSACTIONS),
            ),
            (recipients, crate::msg!("limit-recipients", max = MAX_RECIPIENTS)),
            (
                self.dialogue.auth_dropped,
                crate::msg!("limit-auth", max = MAX_AUTH),
            ),
            (self.tokens_dropped, crate::msg!("limit-tokens", max = MAX_TOKENS)),
        ];
        let at = self.client_position();
        for (n, what) in limits {
            if n > 0 {
                self.anomaly(
                    AnomalyKind::LimitReached,
                    Direction::ClientToServer,
                    at,
                    crate::msg!("anomaly-limit", count = n, what = what),
                );
            }
        }
    }

    /// At the end: the last kept anomaly makes room for one saying how many were not kept.
    pub(super) fn report_dropped_anomalies(&mut self) {
        if self.anomalies_dropped == 0 {
            return;
        }
        let at = self.client_position();
        let n = self.anomalies_dropped;
        self.dialogue.anomalies.pop();
        self.anomaly(
            AnomalyKind::TranscriptTruncated,
            Direction::ClientToServer,
            at,
            crate::msg!("anomaly-more-not-kept", count = n),
        );
    }

    /// Adds `n` bytes to the byte count of transcript item `index`.
    pub(super) fn grow_item(&mut self, index: Option<usize>, n: u64) {
        let Some(item) = index.and_then(|i| self.item_mut(i)) else {
            return;
        };
        match &mut item.kind {
            ItemKind::Blob { bytes, .. }
            | ItemKind::Content { bytes, .. }
            | ItemKind::Tls { bytes }
            | ItemKind::Unparsed { bytes, .. } => *bytes = bytes.saturating_add(n),
            _ => {}
        }
    }

    /// Records a skipped line, merged with the previous item when that is a skip too.
    pub(super) fn unparsed(&mut self, dir: Direction, at: Position, len: u64) {
        let bytes = len.saturating_add(2);
        if let Some(Item {
            dir: last_dir,
            kind: ItemKind::Unparsed { bytes: b, lines },
            ..
        }) = self.last_item_mut()
        {
            if *last_dir == dir {
                *b = b.saturating_add(bytes);
                *lines = lines.saturating_add(1);
                return;
            }
        }
        self.push_item(dir, at, ItemKind::Unparsed { bytes, lines: 1 });
    }

    /// Transaction `index`.
    pub(super) fn transaction(&mut self, index: usize) -> Option<&mut Transaction> {
        self.dialogue.transactions.get_mut(index)
    }

    /// The content (DATA body or BDAT chunks) of transaction `txn`.
    pub(super) fn content(&mut self, txn: usize) -> Option<&mut Content> {
        self.transaction(txn).and_then(|t| t.data.as_mut())
    }

    /// Starts a new transaction (MAIL), returning its index.
    pub(super) fn begin_transaction(&mut self) -> usize {
        let transactions = &mut self.dialogue.transactions;
        if transactions.len() >= MAX_TRANSACTIONS {
            self.transactions_dropped = self.transactions_dropped.saturating_add(1);
            // Reuse the last record rather than grow without bound.
            self.txn = Some(transactions.len().saturating_sub(1));
            return transactions.len().saturating_sub(1);
        }
        transactions.push(Transaction::default());
        let index = transactions.len().saturating_sub(1);
        self.txn = Some(index);
        index
    }

    /// The open transaction, or a new one (a capture that began after MAIL).
    pub(super) fn current_transaction(&mut self) -> usize {
        match self.txn {
            Some(t) => t,
            None => self.begin_transaction(),
        }
    }
}

/// An empty content record for `verb` (`DATA` or `BDAT`) whose command was in `frame`.
pub(super) fn new_content(verb: &'static str, frame: u64) -> Content {
    Content {
        verb,
        frame,
        bytes: 0,
        reply: None,
        command_reply: None,
        complete: false,
        data: None,
        chunks: Vec::new(),
        message: None,
    }
}
