//! Units framed by an announced size: the XEXCH50 BLOB (after its `354`, exactly `size` raw bytes
//! whatever they contain) and BDAT chunks (RFC 3030: exactly `size` bytes right after the command
//! line, without waiting for a reply).
//!
//! Owns [`CountedUnit`], the XEXCH50 and BDAT command effects, the byte counting (a running
//! SHA-256 and the first [`BLOB_HEAD_BYTES`] of a BLOB; chunk sizes), what a gap or the end of the
//! connection does to a unit in progress, and the replies to chunks. Chunk bytes are message
//! content and go to the body sink ([`super::content`]); BLOB bytes are not. Must not: hold a unit's
//! bytes (they are counted and hashed as they pass) or judge an announced size (rules do).

use super::content::BlobEvent;
use sha2::{Digest, Sha256};

use super::pairing::Awaiting;
use super::record::new_content;
use super::{ClientMode, Incoming, SmtpDecoder, Taken, BLOB_HEAD_BYTES};
use crate::message::mime::hex;
use crate::net::Direction;
use crate::smtp::anomaly::AnomalyKind;
use crate::smtp::command::SizeArg;
use crate::smtp::dialogue::{Chunk, ItemKind, Position, Xexch50};

/// What a counted payload belongs to.
#[derive(Debug)]
pub(super) enum CountedUnit {
    /// An XEXCH50 BLOB: transaction, index, running hash.
    Blob {
        txn: usize,
        index: usize,
        hash: Box<Sha256>,
    },
    /// A BDAT chunk: transaction, chunk index.
    Chunk { txn: usize, index: usize },
}

impl SmtpDecoder {
    /// `XEXCH50 size count`: recorded in the transaction; its 354 lets the BLOB follow.
    pub(super) fn xexch50_command(&mut self, size: SizeArg, count: SizeArg, at: Position) -> Awaiting {
        let txn = self.current_transaction();
        let index = self.transaction(txn).map_or(0, |t| {
            t.xexch50.push(Xexch50 {
                size,
                count,
                frame: at.frame,
                reply: None,
                blob_bytes: 0,
                blob_complete: false,
                sha256: None,
                head: String::new(),
                blob_reply: None,
            });
            t.xexch50.len().saturating_sub(1)
        });
        Awaiting::Xexch50 { txn, index }
    }

    /// The 354 to XEXCH50 (or an assumed or inferred one): the BLOB of `size` bytes follows.
    pub(super) fn start_blob(&mut self, txn: usize, index: usize, size: Option<u64>, at: Position) {
        self.content_item = None;
        match size {
            Some(remaining) => {
                self.tap_blob(BlobEvent::Start { txn, index });
                self.mode = ClientMode::Counted {
                    unit: CountedUnit::Blob {
                        txn,
                        index,
                        hash: Box::new(Sha256::new()),
                    },
                    remaining,
                    gap: false,
                };
            }
            None => {
                self.anomaly(
                    AnomalyKind::Xexch50SizeInvalid,
                    Direction::ClientToServer,
                    at,
                    crate::msg!("anomaly-xexch50-size-invalid"),
                );
                self.mode = ClientMode::Resync;
            }
        }
    }

    /// `BDAT size [LAST]`: its chunk follows at once. A BDAT whose arguments are not well formed
    /// is refused by a server that reads no chunk then: its reply and what the client sends next
    /// decide ([`SmtpDecoder::chunk_reply`]), so the client's bytes are held for the reply.
    pub(super) fn bdat_command(
        &mut self,
        size: SizeArg,
        last: bool,
        well_formed: bool,
        at: Position,
    ) -> Awaiting {
        let txn = self.current_transaction();
        let remaining = size.value;
        let index = self.transaction(txn).map_or(0, |t| {
            let content = t.data.get_or_insert_with(|| new_content("BDAT", at.frame));
            content.chunks.push(Chunk {
                size: size.clone(),
                last,
                frame: at.frame,
                bytes: 0,
                reply: None,
                framed: well_formed,
            });
            content.chunks.len().saturating_sub(1)
        });
        if let (true, Some(remaining)) = (well_formed, remaining) {
            self.start_chunk(txn, index, remaining);
        } else if size.problem.is_some() {
            self.anomaly(
                AnomalyKind::BdatSizeInvalid,
                Direction::ClientToServer,
                at,
                crate::msg!(
                    "anomaly-bdat-size-invalid",
                    size = format!(
                        "{:?}{}",
                        size.text.chars().take(MAX_SHOWN_SIZE).collect::<String>(),
                        if size.text.chars().count() > MAX_SHOWN_SIZE {
                            "…"
                        } else {
                            ""
                        }
                    )
                ),
            );
        } else {
            self.anomaly(
                AnomalyKind::BdatArgumentsInvalid,
                Direction::ClientToServer,
                at,
                crate::msg!("anomaly-bdat-arguments-invalid"),
            );
        }
        Awaiting::Chunk {
            txn,
            index,
            last,
            framed: well_formed && remaining.is_some(),
        }
    }

    /// Chunk `index` of transaction `txn`, `remaining` bytes, follows.
    fn start_chunk(&mut self, txn: usize, index: usize, remaining: u64) {
        self.content_item = None;
        if index == 0 {
            self.body_start(txn);
        }
        if let Some(chunk) = self.content(txn).and_then(|c| c.chunks.get_mut(index)) {
            chunk.framed = true;
        }
        self.mode = ClientMode::Counted {
            unit: CountedUnit::Chunk { txn, index },
            remaining,
            gap: false,
        };
    }

    /// The reply to chunk `index` of transaction `txn` (`last`: it was `BDAT … LAST`). `decide`:
    /// the BDAT was malformed and the client's bytes wait for this reply — accepted, its chunk
    /// follows; refused, what the client sends next decides (a command line is a command).
    pub(super) fn chunk_reply(&mut self, txn: usize, index: usize, last: bool, decide: bool, code: u16) {
        let failed = code >= 400;
        if decide {
            // Refused, the server reads commands next; unless what the client already sent
            // after the command is not one (the server read and discarded a chunk).
            let held = !self.client.unread().is_empty()
                && self.held_bytes_say(Awaiting::Other) == super::gaps::Held::Authorised;
            let authorised = !failed || held;
            if authorised {
                self.frame_refused_chunk(txn, index);
            } else {
                self.mode = ClientMode::Commands;
            }
        }
        if let Some(content) = self.content(txn) {
            if let Some(chunk) = content.chunks.get_mut(index) {
                chunk.reply = Some(code);
            }
            if last || failed {
                content.reply = Some(code);
            }
            if last {
                content.complete = !failed
                    && content
                        .chunks
                        .iter()
                        .all(|c| c.size.value.is_some_and(|s| s == c.bytes));
            }
        }
        if last {
            self.body_end();
            if self.txn == Some(txn) {
                self.txn = None;
            }
        }
    }

    /// The bytes after a malformed BDAT are its chunk, when its size can frame them.
    pub(super) fn frame_refused_chunk(&mut self, txn: usize, index: usize) {
        let size = self
            .content(txn)
            .and_then(|c| c.chunks.get(index))
            .and_then(|c| c.size.value);
        match size {
            Some(remaining) => self.start_chunk(txn, index, remaining),
            None => self.mode = ClientMode::Resync,
        }
    }

    /// Takes the next bytes of the counted unit in progress from `input`: hashed (a BLOB) or fed
    /// to the body sink (a chunk), and counted. `None` when none are there yet.
    pub(super) fn counted_take(&mut self, input: &Incoming<'_>) -> Option<Taken> {
        let ClientMode::Counted { unit, remaining, .. } = &mut self.mode else {
            return None;
        };
        let take_len = usize::try_from(*remaining)
            .unwrap_or(usize::MAX)
            .min(input.bytes.len());
        if take_len == 0 && *remaining > 0 {
            return None;
        }
        let taken = input.bytes.get(..take_len).unwrap_or_default();
        *remaining = remaining.saturating_sub(take_len as u64);
        let ended = *remaining == 0;
        let n = take_len as u64;
        let new_item = match unit {
            CountedUnit::Blob { txn, index, hash } => {
                hash.update(taken);
                if let Some(t) = self.body.tap.as_deref_mut() {
                    t.blob_bytes(taken);
                }
                let x = self
                    .dialogue
                    .transactions
                    .get_mut(*txn)
                    .and_then(|t| t.xexch50.get_mut(*index));
                x.map(|x| {
                    let room = BLOB_HEAD_BYTES.saturating_sub(x.head.len() / 2);
                    x.head
                        .push_str(&hex(taken.get(..room.min(taken.len())).unwrap_or_default()));
                    x.blob_bytes = x.blob_bytes.saturating_add(n);
                    ItemKind::Blob {
                        bytes: 0,
                        declared: x.size.value.unwrap_or(0),
                    }
                })
            }
            CountedUnit::Chunk { txn, index } => {
                self.body.feed(taken);
                let content = self
                    .dialogue
                    .transactions
                    .get_mut(*txn)
                    .and_then(|t| t.data.as_mut());
                content.map(|content| {
                    content.bytes = content.bytes.saturating_add(n);
                    if let Some(chunk) = content.chunks.get_mut(*index) {
                        chunk.bytes = chunk.bytes.saturating_add(n);
                    }
                    ItemKind::Content {
                        verb: "BDAT",
                        bytes: 0,
                    }
                })
            }
        };
        if self.content_item.is_none() {
            if let Some(kind) = new_item {
                self.content_item = self.push_item(Direction::ClientToServer, input.at, kind);
            }
        }
        self.grow_item(self.content_item, n);
        Some(Taken {
            consumed: take_len,
            ended,
        })
    }

    /// Ends the counted unit in progress (all bytes seen, or given up after a gap).
    pub(super) fn end_counted(&mut self) {
        let ClientMode::Counted { unit, remaining, gap } =
            std::mem::replace(&mut self.mode, ClientMode::Commands)
        else {
            return;
        };
        let item = self.content_item.take();
        match unit {
            CountedUnit::Blob { txn, index, hash } => {
                let complete = remaining == 0 && !gap;
                if let Some(x) = self
                    .dialogue
                    .transactions
                    .get_mut(txn)
                    .and_then(|t| t.xexch50.get_mut(index))
                {
                    x.blob_complete = complete;
                    x.sha256 = complete.then(|| hex(&hash.finalize()));
                }
                let sha256 = self
                    .transaction(txn)
                    .and_then(|t| t.xexch50.get(index))
                    .and_then(|x| x.sha256.clone());
                self.tap_blob(BlobEvent::End {
                    complete,
                    sha256: sha256.as_deref(),
                });
                self.expect(item, Awaiting::BlobEnd { txn, index }, true);
            }
            CountedUnit::Chunk { .. } => {}
        }
    }

    /// A gap of `len` bytes inside the counted unit in progress: counted against it; a gap that
    /// reaches past its end ends it and decoding resynchronises.
    pub(super) fn counted_gap(&mut self, unit: CountedUnit, remaining: u64, len: u64, at: Position) {
        let kind = match unit {
            CountedUnit::Blob { .. } => AnomalyKind::GapInBlob,
            CountedUnit::Chunk { .. } => AnomalyKind::GapInChunk,
        };
        self.anomaly(
            kind,
            Direction::ClientToServer,
            at,
            crate::msg!("anomaly-gap-in-payload", bytes = len),
        );
        self.mode = ClientMode::Counted {
            unit,
            remaining: remaining.saturating_sub(len),
            gap: true,
        };
        let within = len < remaining;
        if matches!(
            self.mode,
            ClientMode::Counted {
                unit: CountedUnit::Chunk { .. },
                ..
            }
        ) {
            self.body.gap(len.min(remaining));
        }
        self.count_gap_bytes(len.min(remaining));
        if !within {
            self.end_counted();
            self.mode = ClientMode::Resync;
        }
    }

    /// Gap bytes inside a counted payload still count as sent (the peer acknowledged them).
    fn count_gap_bytes(&mut self, n: u64) {
        if let ClientMode::Counted {
            unit: CountedUnit::Chunk { txn, index },
            ..
        } = &self.mode
        {
            let (txn, index) = (*txn, *index);
            if let Some(content) = self.content(txn) {
                content.bytes = content.bytes.saturating_add(n);
                if let Some(chunk) = content.chunks.get_mut(index) {
                    chunk.bytes = chunk.bytes.saturating_add(n);
                }
            }
        }
    }

    /// The connection ended `remaining` bytes before the end of `unit`.
    pub(super) fn counted_truncated(&mut self, unit: &CountedUnit, remaining: u64, end: Position) {
        let (kind, what) = match unit {
            CountedUnit::Blob { .. } => (AnomalyKind::BlobTruncated, crate::msg!("anomaly-unit-blob")),
            CountedUnit::Chunk { .. } => (AnomalyKind::ChunkTruncated, crate::msg!("anomaly-unit-chunk")),
        };
        self.anomaly(
            kind,
            Direction::ClientToServer,
            end,
            crate::msg!(
                "anomaly-counted-truncated",
                ended = self.end_text(),
                bytes = remaining,
                what = what
            ),
        );
    }
}

/// The most characters of an unusable size an anomaly quotes (a size is at most 20 digits).
const MAX_SHOWN_SIZE: usize = 24;
