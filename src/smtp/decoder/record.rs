//! Writing the [`Dialogue`](crate::smtp::Dialogue): transcript items, anomalies and transactions, each under its named
//! limit.
//!
//! Owns the only code that appends to the dialogue's lists, so every limit is enforced in one
//! place: items beyond [`MAX_TRANSCRIPT_ITEMS`] are counted (`transcript_truncated` once),
//! anomalies beyond [`MAX_ANOMALIES`] are counted and summarised at the end, transactions beyond
//! [`MAX_TRANSACTIONS`] reuse the last record. Must not: decide what an item means or when one is
//! due (the other files of the decoder do).

use super::{SmtpDecoder, MAX_ANOMALIES, MAX_TRANSACTIONS, MAX_TRANSCRIPT_ITEMS};
use crate::net::Direction;
use crate::smtp::anomaly::{Anomaly, AnomalyKind};
use crate::smtp::dialogue::{Content, Item, ItemKind, Position, Transaction};

impl SmtpDecoder {
    /// Appends a transcript item; its index, or `None` past the limit.
    pub(super) fn push_item(&mut self, dir: Direction, at: Position, kind: ItemKind) -> Option<usize> {
        let transcript = &mut self.dialogue.transcript;
        if transcript.len() >= MAX_TRANSCRIPT_ITEMS {
            if self.dialogue.transcript_dropped == 0 {
                self.anomaly(
                    AnomalyKind::TranscriptTruncated,
                    dir,
                    at,
                    format!("the transcript reached {MAX_TRANSCRIPT_ITEMS} items"),
                );
            }
            self.dialogue.transcript_dropped = self.dialogue.transcript_dropped.saturating_add(1);
            return None;
        }
        transcript.push(Item { dir, at, kind });
        Some(transcript.len().saturating_sub(1))
    }

    /// Records an anomaly before the next transcript item.
    pub(super) fn anomaly(&mut self, kind: AnomalyKind, dir: Direction, at: Position, detail: String) {
        if self.dialogue.anomalies.len() >= MAX_ANOMALIES {
            self.anomalies_dropped = self.anomalies_dropped.saturating_add(1);
            return;
        }
        let item = self.dialogue.transcript.len();
        self.dialogue.anomalies.push(Anomaly {
            kind,
            dir,
            at,
            detail,
            item,
        });
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
            format!("{n} more anomalies were not kept"),
        );
    }

    /// Adds `n` bytes to the byte count of transcript item `index`.
    pub(super) fn grow_item(&mut self, index: Option<usize>, n: u64) {
        let Some(item) = index.and_then(|i| self.dialogue.transcript.get_mut(i)) else {
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
    pub(super) fn unparsed(&mut self, dir: Direction, at: Position, len: usize) {
        let bytes = (len as u64).saturating_add(2);
        if let Some(Item {
            dir: last_dir,
            kind: ItemKind::Unparsed { bytes: b, lines },
            ..
        }) = self.dialogue.transcript.last_mut()
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
        headers: Default::default(),
    }
}
