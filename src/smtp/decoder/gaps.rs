//! Bytes missing from the capture, and the decisions forced when an authorising reply never comes.
//!
//! Owns what a gap does in each direction and each client mode (a gap inside a line, a DATA body,
//! a counted unit; replies lost on the server side), and [`SmtpDecoder::force_gate`]: when held
//! client bytes can wait no longer (the hold limit, a gap, the end of the connection), the
//! decoder acts as if the awaited authorising reply had come (`authorising_reply_not_seen`).
//! Must not: invent what the capture does not show — what is unknown stays unknown, with an
//! anomaly.

use super::pairing::Awaiting;
use super::{ClientMode, SmtpDecoder};
use crate::net::Direction;
use crate::smtp::anomaly::AnomalyKind;
use crate::smtp::dialogue::{ItemKind, Position};

impl SmtpDecoder {
    /// Acts as if the reply the held client bytes wait for had authorised them.
    pub(super) fn force_gate(&mut self) {
        self.gated = false;
        let waiting = self
            .pending
            .iter()
            .rev()
            .find(|e| e.what.gates() && !e.assumed)
            .copied();
        if let (Some(expect), true) = (waiting, self.server.total() > 0) {
            let what = self.describe(expect);
            let at = self.client_position();
            self.anomaly(
                AnomalyKind::AuthorisingReplyNotSeen,
                Direction::ClientToServer,
                at,
                format!("the client went on after {what} without a captured reply; assumed accepted"),
            );
        }
        self.open_gate_assumed();
    }

    /// Switches framing as the awaited authorising reply would have (the reply is not seen).
    fn open_gate_assumed(&mut self) {
        let Some(expect) = self
            .pending
            .iter_mut()
            .rev()
            .find(|e| e.what.gates() && !e.assumed)
        else {
            self.resume_after_lost_reply();
            return;
        };
        expect.assumed = true;
        let expect = *expect;
        let at = self.client_position();
        match expect.what {
            Awaiting::Data { txn } => self.start_data(txn),
            Awaiting::Xexch50 { txn, index } => {
                let size = self
                    .transaction(txn)
                    .and_then(|t| t.xexch50.get(index))
                    .and_then(|x| x.size.value);
                self.start_blob(txn, index, size, at);
            }
            Awaiting::Sasl { exchange } => self.mode = ClientMode::Sasl(exchange),
            Awaiting::StartTls => self.mode = ClientMode::TlsCheck,
            _ => {}
        }
    }

    /// The gating expectation was lost with a server gap: guess from the command before it.
    fn resume_after_lost_reply(&mut self) {
        let last = self
            .dialogue
            .transcript
            .iter()
            .rev()
            .find(|i| i.dir == Direction::ClientToServer);
        let sasl = match last.map(|i| &i.kind) {
            Some(ItemKind::AuthData { exchange, .. }) => Some(*exchange),
            Some(ItemKind::Command(c)) if matches!(c.verb.as_str(), "AUTH" | "XAUTH" | "X-EXPS") => {
                self.dialogue.auth.len().checked_sub(1)
            }
            _ => None,
        };
        self.mode = match sasl {
            Some(exchange) => ClientMode::Sasl(exchange),
            None => ClientMode::Resync,
        };
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
                self.push_item(dir, at, ItemKind::Gap { bytes: len });
                if self.server_tls {
                    return;
                }
                // Replies may be lost in the gap: what was waiting can no longer be matched.
                self.pending.clear();
                self.matching_uncertain = true;
                if self.gated {
                    self.gated = false;
                    self.open_gate_assumed();
                }
                if self.server.discard() > 0 {
                    self.anomaly(
                        AnomalyKind::GapInLine,
                        dir,
                        at,
                        format!("{len} bytes missing inside a reply line"),
                    );
                }
                if let Some(reply) = self.assembler.abandon() {
                    let reply_at = self.reply_at.unwrap_or(at);
                    self.anomaly(
                        AnomalyKind::ReplyUnfinished,
                        dir,
                        reply_at,
                        format!("{len} bytes missing inside a {} reply", reply.code),
                    );
                    self.on_reply(reply, reply_at);
                }
                self.server_resync = true;
            }
        }
        self.pump();
    }

    /// A client gap: what it does depends on the unit it fell into.
    fn client_gap(&mut self, len: u64, at: Position) {
        let dir = Direction::ClientToServer;
        self.matching_uncertain = true;
        match std::mem::replace(&mut self.mode, ClientMode::Resync) {
            ClientMode::Commands | ClientMode::Resync | ClientMode::Sasl(_) | ClientMode::TlsCheck => {
                if self.client.discard() > 0 {
                    self.anomaly(
                        AnomalyKind::GapInLine,
                        dir,
                        at,
                        format!("{len} bytes missing inside a command line"),
                    );
                }
            }
            ClientMode::Data { txn, scanner } => {
                self.anomaly(
                    AnomalyKind::GapInData,
                    dir,
                    at,
                    format!("{len} bytes missing inside the DATA body; it ends here"),
                );
                self.end_data(txn, scanner.into_facts(), false);
                let item = self.content_item;
                self.expect(item, Awaiting::DataEnd { txn });
                self.mode = ClientMode::AwaitReply(txn);
            }
            ClientMode::Counted { unit, remaining, .. } => self.counted_gap(unit, remaining, len, at),
            ClientMode::AwaitReply(txn) => self.mode = ClientMode::AwaitReply(txn),
            ClientMode::Tls => self.mode = ClientMode::Tls,
        }
    }
}
