//! Reply pairing: the queue of replies the client waits for, and which reply answers which
//! command.
//!
//! Owns [`Awaiting`] (what a queued reply will answer), [`Expect`] (one queued expectation), the
//! queue itself (bounded by [`MAX_PENDING`]), the greeting, the rule that each complete reply
//! answers the oldest expectation (RFC 2920 §3), and what is left unanswered at the end. What a
//! reply then does to the session is [`super::state`]'s. Must not: parse lines or switch framing.

use super::{ClientMode, SmtpDecoder, MAX_PENDING};
use crate::net::Direction;
use crate::smtp::anomaly::AnomalyKind;
use crate::smtp::dialogue::{Item, ItemKind, Located, Position, ReplyItem};
use crate::smtp::reply::Reply;

/// What a queued reply will answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Awaiting {
    Helo { ehlo: bool },
    Mail { txn: usize },
    Rcpt { txn: usize, index: Option<usize> },
    Data { txn: usize },
    DataEnd { txn: usize },
    Xexch50 { txn: usize, index: usize },
    BlobEnd { txn: usize, index: usize },
    Chunk { txn: usize, index: usize, last: bool },
    Sasl { exchange: usize },
    StartTls,
    Other,
}

impl Awaiting {
    /// Whether its reply decides how the next client bytes are framed.
    pub(super) fn gates(self) -> bool {
        matches!(
            self,
            Awaiting::Data { .. } | Awaiting::Xexch50 { .. } | Awaiting::Sasl { .. } | Awaiting::StartTls
        )
    }
}

/// One queued reply expectation.
#[derive(Clone, Copy, Debug)]
pub(super) struct Expect {
    /// The transcript index of what it answers.
    pub(super) item: Option<usize>,
    pub(super) what: Awaiting,
    /// The decoder already acted as if the authorising reply had come.
    pub(super) assumed: bool,
}

impl SmtpDecoder {
    /// Queues the expectation that a reply will answer `item`; a gating one holds client bytes.
    pub(super) fn expect(&mut self, item: Option<usize>, what: Awaiting) {
        if self.pending.len() >= MAX_PENDING {
            if let Some(old) = self.pending.pop_front() {
                let what = self.describe(old);
                let at = self.client_position();
                self.anomaly(
                    AnomalyKind::CommandUnanswered,
                    Direction::ClientToServer,
                    at,
                    format!("{MAX_PENDING} commands awaited replies; {what} was given up"),
                );
            }
        }
        self.pending.push_back(Expect {
            item,
            what,
            assumed: false,
        });
        if what.gates() {
            self.gated = true;
        }
    }

    /// What an expectation waits on, in words (`MAIL`, `the DATA body`, `a SASL line`).
    pub(super) fn describe(&self, expect: Expect) -> String {
        match expect.what {
            Awaiting::DataEnd { .. } => "the DATA body".into(),
            Awaiting::BlobEnd { .. } => "the XEXCH50 BLOB".into(),
            _ => match expect.item.and_then(|i| self.dialogue.transcript.get(i)) {
                Some(Item {
                    kind: ItemKind::Command(c),
                    ..
                }) => c.verb.clone(),
                Some(Item {
                    kind: ItemKind::AuthData { .. },
                    ..
                }) => "a SASL line".into(),
                _ => "a client line".into(),
            },
        }
    }

    fn is_greeting(&self, reply: &Reply) -> bool {
        self.greeting_pending
            && matches!(reply.code, 220 | 421 | 554)
            && (self.handshake_seen || self.pending.is_empty())
    }

    /// A complete reply: recorded, then paired with the oldest expectation and applied.
    pub(super) fn on_reply(&mut self, reply: Reply, at: Position) {
        if matches!(self.mode, ClientMode::AwaitReply(_)) {
            self.mode = ClientMode::Commands;
        }
        let item = self.push_item(
            Direction::ServerToClient,
            at,
            ItemKind::Reply(ReplyItem {
                reply: reply.clone(),
                answers: None,
            }),
        );
        if self.is_greeting(&reply) {
            self.greeting_pending = false;
            self.dialogue.banner = Some(Located { at, value: reply });
            return;
        }
        if self.greeting_pending && self.handshake_seen {
            self.anomaly(
                AnomalyKind::NoGreeting,
                Direction::ServerToClient,
                at,
                format!("the first reply was {}, not a greeting", reply.code),
            );
        }
        self.greeting_pending = false;
        if let ClientMode::Data { txn, .. } = self.mode {
            self.reply_during_data(txn, at);
        }
        let Some(expect) = self.pending.pop_front() else {
            if (self.handshake_seen || self.commands_seen > 0) && !self.matching_uncertain {
                let hint = self.smuggling_hint();
                self.anomaly(
                    AnomalyKind::ReplyWithoutCommand,
                    Direction::ServerToClient,
                    at,
                    format!("{} arrived with no command waiting{hint}", reply.first_line()),
                );
            }
            return;
        };
        if let Some(Item {
            kind: ItemKind::Reply(r),
            ..
        }) = item.and_then(|i| self.dialogue.transcript.get_mut(i))
        {
            r.answers = expect.item;
        }
        if expect.what.gates() && !expect.assumed {
            self.gated = false;
        }
        self.apply_reply(expect, reply, at);
    }

    /// When the last DATA body held a non-canonical end-of-data sequence, a reply with no command
    /// may answer what followed it: say so (the fact, not a verdict).
    fn smuggling_hint(&self) -> String {
        let last_body = self
            .dialogue
            .transactions
            .iter()
            .rev()
            .find_map(|t| t.data.as_ref()?.data.as_ref());
        match last_body.and_then(|d| d.end_of_data_candidates.last()) {
            Some(c) => format!(
                " (the last DATA body held {} at byte {}, followed by {:?})",
                c.sequence,
                c.offset,
                c.followed_by.chars().take(40).collect::<String>()
            ),
            None => String::new(),
        }
    }

    /// At the end: a direction never captured, or commands still waiting for their replies.
    pub(super) fn report_missing_sides(&mut self) {
        let at = self.client_position();
        if self.server.total() == 0 {
            self.pending.clear();
            self.dialogue
                .anomalies
                .retain(|a| a.kind != AnomalyKind::ClientSpokeBeforeBanner);
            if self.client.total() > 0 {
                self.anomaly(
                    AnomalyKind::ServerDirectionMissing,
                    Direction::ServerToClient,
                    at,
                    "no server-to-client byte was captured".into(),
                );
            }
            return;
        }
        if self.client.total() == 0 {
            self.dialogue
                .anomalies
                .retain(|a| a.kind != AnomalyKind::ReplyWithoutCommand);
            self.anomaly(
                AnomalyKind::ClientDirectionMissing,
                Direction::ClientToServer,
                at,
                "no client-to-server byte was captured".into(),
            );
            return;
        }
        while let Some(expect) = self.pending.pop_front() {
            let what = self.describe(expect);
            let at = expect
                .item
                .and_then(|i| self.dialogue.transcript.get(i))
                .map_or(at, |item| item.at);
            self.anomaly(
                AnomalyKind::CommandUnanswered,
                Direction::ClientToServer,
                at,
                format!("no reply to {what} before {}", self.end_words),
            );
        }
    }
}
