//! Bytes missing from the capture, and the decisions a missing reply forces.
//!
//! Owns what a gap does in each direction and each client mode, and how a gating command's
//! reply that never arrives is decided:
//! - **Server gaps** may hold replies: how many is bounded by the gap's length (one beginning in
//!   every [`MIN_REPLY_BYTES`] of it); a reply the gap cut short may go on after it. The queue is then read
//!   through hypotheses ([`super::pairing`]).
//! - **Client gaps** may hold commands (one per [`MIN_LINE_BYTES`] at most, at least one when the
//!   gap fell among command lines) whose replies will come; inside a DATA body, a BLOB or a chunk
//!   they end or shorten that unit.
//! - **A gating reply lost in a gap** (the `354` to DATA or XEXCH50, the `334` to AUTH, the `220`
//!   to STARTTLS): when the client's held bytes show what it received — a message after DATA, a
//!   SASL line after AUTH, a ClientHello after STARTTLS, a BLOB after XEXCH50 — and the next reply
//!   cannot be that one, the reply was in the gap: it is recorded as *inferred*
//!   ([`Origin::Inferred`]) where it must have been, and framing follows it. When the client sent
//!   commands instead, the command was refused in the gap.
//! - **A gating reply that never comes** (no server gap to hold it: the hold limit, the end of the
//!   connection, a server direction not captured): the held bytes decide as above, with the
//!   anomaly `authorising_reply_not_seen`; nothing is inferred.
//!
//! Must not: invent what the capture does not show — an inferred reply has a code its meaning
//! forces and no text.

use super::pairing::{Awaiting, Expect};
use super::uncertain::{MIN_LINE_BYTES, MIN_REPLY_BYTES};
use super::{ClientMode, SmtpDecoder};
use crate::net::Direction;
use crate::smtp::anomaly::AnomalyKind;
use crate::smtp::command::parse_command;
use crate::smtp::dialogue::{Item, ItemKind, Origin, Position, ReplyItem};
use crate::smtp::reply::Reply;

/// A server gap since the last reply.
#[derive(Clone, Copy, Debug)]
pub(super) struct GapSlot {
    /// Its transcript item.
    item: Option<usize>,
    /// Where it is shown (moved back to the first client byte its inferred reply let through).
    at: Position,
    /// The frame that revealed it: it holds replies to what the client sent before.
    pub(super) revealed: u64,
    /// Replies it may still hold.
    pub(super) room: u64,
    /// Its length and whether it began inside a line, until the first server line after it.
    first_line: Option<(u64, bool)>,
    /// Replies inferred inside it.
    inferred: u32,
}

/// What the client's held bytes say about the gating reply they wait for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Held {
    /// They are what that reply lets through (a message, a SASL line, TLS, a BLOB or chunk).
    Authorised,
    /// They are commands: the gating command was refused (or its exchange ended).
    Refused,
}

impl SmtpDecoder {
    /// What the held client bytes say about `what`'s reply.
    pub(super) fn held_bytes_say(&self, what: Awaiting) -> Held {
        let unread = self.client.unread();
        let first_line = unread
            .split(|&b| b == b'\n')
            .next()
            .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
            .unwrap_or_default();
        let known_command = parse_command(first_line).is_some_and(|c| c.verb.is_known());
        match what {
            Awaiting::StartTls => {
                if super::tls::looks_like_client_hello(unread) == Some(false) {
                    Held::Refused
                } else {
                    Held::Authorised
                }
            }
            Awaiting::Sasl { exchange } => {
                if known_command && !self.sasl_plausible(exchange, first_line) {
                    Held::Refused
                } else {
                    Held::Authorised
                }
            }
            Awaiting::Data { .. } => {
                if known_command && !looks_like_header(first_line) {
                    Held::Refused
                } else {
                    Held::Authorised
                }
            }
            _ => {
                if known_command {
                    Held::Refused
                } else {
                    Held::Authorised
                }
            }
        }
    }

    /// Decides the gates the client's bytes are held for. With `reply` (the code of the first
    /// reply after a server gap, not paired yet): a client sends what a gating reply lets through
    /// only after that reply, so bytes held when this reply arrives prove the gate was answered
    /// before it, inside the gap, as long as the gap has room for it ([`MIN_REPLY_BYTES`] a
    /// reply; with none left, this reply answers it). Without `reply` (the reply can be waited
    /// for no longer): inside the gap if one may hold it, else assumed from the held bytes alone.
    pub(super) fn decide_gate(&mut self, reply: Option<u16>) {
        while self.gated && !self.client.unread().is_empty() {
            let Some(g) = self.gate_index() else {
                self.gated = false;
                if reply.is_none() {
                    self.mode = ClientMode::Resync;
                }
                return;
            };
            let Some(expect) = self.pending.get(g).copied() else {
                return;
            };
            let held = self.held_bytes_say(expect.what);
            // A gap revealed after the gating command was sent may hold its reply.
            let sent = expect.item.and_then(|i| self.item(i)).map_or(0, |i| i.at.frame);
            if let Some(slot) = self
                .server_gaps
                .iter()
                .position(|s| s.room > 0 && s.revealed > sent)
            {
                self.answered_in_gap(g, held, Some(slot));
            } else if reply.is_none() {
                self.assume_gate(g, expect, held);
                return;
            } else {
                return; // no gap can hold its reply: this one answers it
            }
            while self.pump_client() {}
            if reply.is_none() {
                return;
            }
        }
    }

    /// The gating expectation `g` was answered inside a server gap (`slot`: one since the last
    /// reply, whose room it takes; `None`: an earlier one, as the hypotheses say): as the held
    /// bytes say, its reply is inferred (the authorising one), or it was refused and the held
    /// bytes are commands.
    fn answered_in_gap(&mut self, g: usize, held: Held, slot: Option<usize>) {
        let Some(expect) = self.pending.get_mut(g) else {
            return;
        };
        if expect.answered {
            return;
        }
        expect.answered = true;
        let expect = *expect;
        let held_at = self.client.position().unwrap_or_else(|| self.client_position());
        let mut placed = (held_at, None, 0);
        if let Some(gap) = slot.and_then(|s| self.server_gaps.get_mut(s)) {
            gap.room = gap.room.saturating_sub(1);
            if held == Held::Authorised {
                // The reply came before the client's held bytes: the gap is no later than them.
                if held_at.frame < gap.at.frame {
                    gap.at = held_at;
                }
                gap.inferred = gap.inferred.saturating_add(1);
                placed = (gap.at, gap.item, gap.inferred);
            }
        }
        let (at, gap_item, nth) = placed;
        if let Some(item) = gap_item.and_then(|i| self.item_mut(i)) {
            item.at = at;
        }
        match (held, expect.what.authorising_code()) {
            (Held::Authorised, Some(code)) => {
                let reply = Reply {
                    code,
                    enhanced: None,
                    lines: Vec::new(),
                };
                let item = self.push_item(
                    Direction::ServerToClient,
                    at,
                    ItemKind::Reply(ReplyItem::new(reply.clone())),
                );
                if let Some(i) = item.and_then(|i| self.item_mut(i)) {
                    i.origin = Origin::Inferred;
                }
                if let (Some(i), Some(gap)) = (item, gap_item) {
                    // In the server's stream, right after the gap that held it.
                    self.set_rank(i, (gap, nth));
                }
                self.answer(expect, item, reply, at);
            }
            _ => {
                // Refused in the gap (its code is unknown), or its exchange ended there: the held
                // bytes are commands.
                self.gated = false;
                self.mode = ClientMode::Commands;
            }
        }
    }

    /// Acts on gate `g` without its reply (`authorising_reply_not_seen`), as the held bytes say.
    fn assume_gate(&mut self, g: usize, expect: Expect, held: Held) {
        self.gated = false;
        if let Some(e) = self.pending.get_mut(g) {
            e.assumed = true;
        }
        if self.server.total() > 0 {
            let what = self.describe(expect);
            let at = self.client_position();
            let detail = match held {
                Held::Authorised => crate::msg!("anomaly-gate-assumed-accepted", what = what),
                Held::Refused => crate::msg!("anomaly-gate-assumed-refused", what = what),
            };
            self.anomaly(
                AnomalyKind::AuthorisingReplyNotSeen,
                Direction::ClientToServer,
                at,
                detail,
            );
        }
        if held == Held::Refused {
            self.mode = ClientMode::Commands;
            return;
        }
        self.open_gate(expect.what);
    }

    /// Frames the client's next bytes as `what`'s authorising reply would.
    pub(super) fn open_gate(&mut self, what: Awaiting) {
        let at = self.client_position();
        match what {
            Awaiting::Data { txn } => self.start_data(txn),
            Awaiting::Xexch50 { txn, index } => {
                let size = self
                    .transaction(txn)
                    .and_then(|t| t.xexch50.get(index))
                    .and_then(|x| x.size.value);
                self.start_blob(txn, index, size, at);
            }
            Awaiting::Sasl { exchange } => {
                self.mode = ClientMode::Sasl {
                    exchange,
                    prompted: false,
                };
            }
            Awaiting::StartTls => self.mode = ClientMode::TlsCheck,
            Awaiting::Chunk { txn, index, .. } => self.frame_refused_chunk(txn, index),
            _ => {}
        }
    }

    /// Held client bytes can wait no longer for their reply.
    pub(super) fn force_gate(&mut self) {
        self.decide_gate(None);
    }

    /// `len` bytes of direction `dir` will never be delivered.
    pub(super) fn on_gap(&mut self, dir: Direction, len: u64, at: Position) {
        self.pump();
        match dir {
            Direction::ClientToServer => {
                if self.gated {
                    self.force_gate();
                    self.pump();
                }
                self.push_item(dir, at, ItemKind::Gap { bytes: len });
                self.client_gap(len, at);
            }
            Direction::ServerToClient => {
                let mid_line = self.server.discard() > 0;
                if mid_line {
                    self.anomaly(
                        AnomalyKind::GapInLine,
                        dir,
                        at,
                        crate::msg!("anomaly-gap-in-reply-line", bytes = len),
                    );
                }
                let mut cut = None;
                if let Some(reply) = self.assembler.abandon() {
                    let reply_at = self.reply_at.unwrap_or(at);
                    self.reply_lines_dropped(&reply, reply_at);
                    self.anomaly(
                        AnomalyKind::ReplyUnfinished,
                        dir,
                        reply_at,
                        crate::msg!("anomaly-gap-in-reply", bytes = len, code = reply.code.to_string()),
                    );
                    let code = reply.code;
                    self.on_reply(reply, reply_at);
                    let answers = match self.last_item_mut().map(|i| &i.kind) {
                        Some(ItemKind::Reply(r)) => r.answers,
                        _ => None,
                    };
                    cut = Some((code, answers));
                }
                let item = self.push_item(dir, at, ItemKind::Gap { bytes: len });
                // Replies that begin in the gap (one per MIN_REPLY_BYTES, the first at its first
                // byte: its rest may follow it as a line that is not a reply), and one more when it
                // began inside a line.
                let max = len.div_ceil(MIN_REPLY_BYTES).saturating_add(u64::from(mid_line));
                self.server_gaps.push(GapSlot {
                    item,
                    at,
                    revealed: at.frame,
                    room: max,
                    first_line: Some((len, mid_line)),
                    inferred: 0,
                });
                self.change_pairing(|p, n| p.server_gap(max, cut.map(|(c, _)| c), n));
                self.cut_reply = cut;
                self.server_resync = true;
            }
        }
        self.pump();
    }

    /// A client gap: what it does depends on the unit it fell into.
    fn client_gap(&mut self, len: u64, at: Position) {
        let dir = Direction::ClientToServer;
        let lines = (len / MIN_LINE_BYTES).saturating_add(1);
        match std::mem::replace(&mut self.mode, ClientMode::Resync) {
            mode @ (ClientMode::Commands | ClientMode::Resync | ClientMode::Sasl { .. }) => {
                let mid_line = self.client.discard() > 0;
                if mid_line {
                    self.anomaly(
                        AnomalyKind::GapInLine,
                        dir,
                        at,
                        crate::msg!("anomaly-gap-in-command-line", bytes = len),
                    );
                }
                // Among command lines, the gap holds (the rest of) at least one line.
                let at_least = u64::from(!matches!(mode, ClientMode::Resync) || mid_line);
                self.lost_commands(at_least, lines);
            }
            ClientMode::TlsCheck => {
                self.client.discard();
            }
            ClientMode::Data { txn, scanner } => {
                self.anomaly(
                    AnomalyKind::GapInData,
                    dir,
                    at,
                    crate::msg!("anomaly-gap-in-data", bytes = len),
                );
                self.body.gap(len);
                self.data_facts(txn, scanner.into_facts(), false);
                let item = self.content_item;
                self.expect(item, Awaiting::DataEnd { txn }, true);
                // The end of the body and commands after it may be in the gap: the terminator
                // after it says they are not, a reply before that counts them lost.
                self.mode = ClientMode::AwaitReply(txn);
            }
            ClientMode::Counted { unit, remaining, .. } => {
                let beyond = len.saturating_sub(remaining);
                self.counted_gap(unit, remaining, len, at);
                if beyond > 0 {
                    self.lost_commands(0, (beyond / MIN_LINE_BYTES).saturating_add(1));
                }
            }
            ClientMode::AwaitReply(txn) => self.mode = ClientMode::AwaitReply(txn),
            ClientMode::Unknown => self.mode = ClientMode::Unknown,
        }
    }

    /// A `354` (or `334`) the decoder cannot pair with the command that asked for it: the client's
    /// next bytes are content (or a SASL line) all the same, never commands.
    pub(super) fn prompt_to_the_unknown(&mut self, code: u16) {
        if self.gated || !matches!(self.mode, ClientMode::Commands | ClientMode::Resync) {
            return;
        }
        match code {
            354 => {
                self.mode = ClientMode::Unknown;
                // The content gets a reply of its own.
                self.lost_commands(1, 1);
            }
            334 => {
                self.mode = ClientMode::Sasl {
                    exchange: usize::MAX,
                    prompted: true,
                };
            }
            _ => {}
        }
    }

    /// Skips content of unknown framing (it is counted, never read as commands).
    pub(super) fn unknown_content(&mut self) {
        let Some(at) = self.client.position() else {
            return;
        };
        let unread = self.client.unread();
        let lines = memchr::memchr_iter(b'\n', unread).count() as u64;
        let n = unread.len() as u64;
        self.client.discard();
        if n == 0 {
            return;
        }
        let merged = match self.last_item_mut() {
            Some(Item {
                dir: Direction::ClientToServer,
                kind: ItemKind::Unparsed { bytes, lines: l },
                ..
            }) => {
                *bytes = bytes.saturating_add(n);
                *l = l.saturating_add(lines);
                true
            }
            _ => false,
        };
        if !merged {
            self.push_item(
                Direction::ClientToServer,
                at,
                ItemKind::Unparsed { bytes: n, lines },
            );
        }
    }

    /// Between `lo` and `hi` client commands were lost; their replies come after those queued.
    /// What the client sent last is then unknown: it may have been a command that pipelines.
    pub(super) fn lost_commands(&mut self, lo: u64, hi: u64) {
        if hi > 0 {
            self.last_ends_group = false;
        }
        self.change_pairing(|p, n| p.client_gap(lo, hi, n));
    }

    /// The first server line after a gap: when it starts a reply, no reply began in the gap without
    /// ending there, so the gap holds whole replies only.
    pub(super) fn first_line_after_gap(&mut self, starts_a_reply: bool) {
        // (The slot keeps its room when the line is the rest of a reply begun in the gap.)
        let Some(gap) = self.server_gaps.last_mut() else {
            return;
        };
        if let (Some((len, mid_line)), true) = (gap.first_line.take(), starts_a_reply) {
            gap.room = (len / MIN_REPLY_BYTES).saturating_add(u64::from(mid_line));
        }
    }

    /// Replies the server gaps since the last reply may still hold.
    pub(super) fn gap_room(&self) -> u64 {
        self.server_gaps.iter().fold(0, |n, g| n.saturating_add(g.room))
    }

    /// Client bytes wait for a gate while the queue is read through hypotheses: the client sent
    /// them after the gate's reply, so only the hypotheses under which a reply already answered
    /// the gate hold (when any does: else the client did not wait, and the bytes keep waiting).
    pub(super) fn held_bytes_prove_the_gate(&mut self) {
        if self.gap_room() > 0 {
            return; // the first reply after the gap decides ([`Self::decide_gate`])
        }
        let Some(g) = self.gate_index() else {
            return;
        };
        let Some(pairing) = self.uncertain.as_mut() else {
            return;
        };
        if !pairing.prune(|h| h.consumed > g) {
            return;
        }
        self.pair_open_replies(|_| true);
        if self.gated && self.pending.get(g).is_some_and(|e| !e.answered) {
            // No reply seen answered it: it was answered inside a gap.
            let what = self.pending.get(g).map(|e| e.what);
            if let Some(what) = what {
                let held = self.held_bytes_say(what);
                self.answered_in_gap(g, held, None);
            }
        }
        self.settle_if_known();
    }
}

/// Whether a line is a message header field (`Name: value`, RFC 5322 §2.2), or the empty line
/// that ends a header section.
fn looks_like_header(line: &[u8]) -> bool {
    if line.is_empty() {
        return true;
    }
    let Some(colon) = line.iter().position(|&b| b == b':') else {
        return false;
    };
    let name = line.get(..colon).unwrap_or_default();
    !name.is_empty() && name.iter().all(|&b| b.is_ascii_graphic() && b != b':')
}

#[cfg(test)]
mod tests {
    use super::looks_like_header;

    #[test]
    fn header_fields_are_not_commands() {
        assert!(looks_like_header(b"Subject: hi"));
        assert!(looks_like_header(b"Data: whatever"));
        assert!(looks_like_header(b""));
        assert!(!looks_like_header(b"MAIL FROM:<a@b>"));
        assert!(!looks_like_header(b"QUIT"));
    }
}
