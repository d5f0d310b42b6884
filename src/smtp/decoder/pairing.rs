//! Reply pairing: the queue of replies the client waits for, and which reply answers which
//! command.
//!
//! Owns [`Awaiting`] (what a queued reply will answer) and [`accepts`] (the reply codes each can
//! get, RFC 5321 §4.3.2), [`Expect`] (one queued expectation), the queue itself (bounded by
//! [`MAX_PENDING`]), the greeting, and what is left unanswered at the end. Without loss, each
//! complete reply answers the oldest expectation (RFC 2920 §3). After a gap the queue is read
//! through [`super::uncertain`]'s hypotheses: a reply is paired only when every hypothesis pairs
//! it the same way, and the open ones are paired after the fact when the hypotheses narrow down —
//! at a reply only one of them admits, or when the client shows it holds every reply (it sends a
//! command after one that ends a pipelined group, RFC 2920 §3.1: it waited for all replies).
//! What a reply then does to the session is [`super::state`]'s. Must not: parse lines or switch
//! framing itself.

use super::uncertain::{Hyp, Target, TooMany, Uncertainty, Verdict, UNBOUNDED};
use super::{ClientMode, SmtpDecoder, MAX_PENDING};
use crate::l10n::Text;
use crate::net::Direction;
use crate::smtp::anomaly::AnomalyKind;
use crate::smtp::dialogue::{Item, ItemKind, Located, Origin, Position, ReplyItem};
use crate::smtp::reply::Reply;

/// What a queued reply will answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Awaiting {
    Helo {
        ehlo: bool,
    },
    Mail {
        txn: usize,
    },
    Rcpt {
        txn: usize,
        index: Option<usize>,
    },
    Data {
        txn: usize,
    },
    DataEnd {
        txn: usize,
    },
    Xexch50 {
        txn: usize,
        index: usize,
    },
    BlobEnd {
        txn: usize,
        index: usize,
    },
    /// A BDAT chunk; `framed`: its arguments were well formed, so its bytes follow at once.
    Chunk {
        txn: usize,
        index: usize,
        last: bool,
        framed: bool,
    },
    Sasl {
        exchange: usize,
    },
    StartTls,
    Quit,
    Other,
}

impl Awaiting {
    /// Whether its reply decides how the next client bytes are framed.
    pub(super) fn gates(self) -> bool {
        matches!(
            self,
            Awaiting::Data { .. }
                | Awaiting::Xexch50 { .. }
                | Awaiting::Sasl { .. }
                | Awaiting::StartTls
                | Awaiting::Chunk { framed: false, .. }
        )
    }

    /// The reply code that authorises what the client sends next, for a gating expectation.
    pub(super) fn authorising_code(self) -> Option<u16> {
        match self {
            Awaiting::Data { .. } | Awaiting::Xexch50 { .. } => Some(354),
            Awaiting::Sasl { .. } => Some(334),
            Awaiting::StartTls => Some(220),
            Awaiting::Chunk { framed: false, .. } => Some(250),
            _ => None,
        }
    }
}

/// Whether a reply with `code` can answer `what` (RFC 5321 §4.3.2, RFC 3030, RFC 4954, RFC 3207):
/// any command can be refused (4xx, 5xx); the positive codes are each command's own.
pub(super) fn accepts(what: Awaiting, code: u16) -> bool {
    if code >= 400 {
        return true;
    }
    let positive = (200..300).contains(&code);
    match what {
        Awaiting::Data { .. } | Awaiting::Xexch50 { .. } => code == 354,
        Awaiting::Sasl { .. } => code == 334 || positive,
        Awaiting::StartTls => code == 220,
        Awaiting::Quit => code == 221,
        Awaiting::Other => true,
        Awaiting::Helo { .. }
        | Awaiting::Mail { .. }
        | Awaiting::Rcpt { .. }
        | Awaiting::DataEnd { .. }
        | Awaiting::BlobEnd { .. }
        | Awaiting::Chunk { .. } => positive,
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
    /// A reply was paired with it (while the queue is read through hypotheses, answered
    /// expectations stay queued until they settle).
    pub(super) answered: bool,
    /// It answers a command the server executed inside a DATA body.
    pub(super) smuggled: bool,
}

/// A reply whose pairing is open, as the hypotheses remember it.
#[derive(Clone, Debug)]
pub(super) struct OpenReply {
    item: Option<usize>,
    reply: Reply,
    at: Position,
}

/// The queue read through hypotheses (after a gap).
pub(super) type Pairing = Uncertainty<OpenReply>;

impl SmtpDecoder {
    /// Queues the expectation that a reply will answer `item`; a gating one holds client bytes.
    /// `ends_group`: the client waits for every reply after it (RFC 2920 §3.1), so whatever it
    /// sends next proves it had them all.
    pub(super) fn expect(&mut self, item: Option<usize>, what: Awaiting, ends_group: bool) {
        if self.uncertain.is_some() && self.last_ends_group {
            self.client_holds_every_reply();
        }
        if self.pending.len() >= MAX_PENDING {
            if self.uncertain.is_some() {
                self.lose_track();
            } else if let Some(old) = self.pending.pop_front() {
                let what = self.describe(old);
                let at = self.client_position();
                self.anomaly(
                    AnomalyKind::CommandUnanswered,
                    Direction::ClientToServer,
                    at,
                    crate::msg!("anomaly-pending-given-up", max = MAX_PENDING, what = what),
                );
            }
        }
        // Bytes the server read as commands inside a body are replayed only because the replies
        // proved it: what the server authorised is taken as authorised.
        let assumed = self.smuggling && what.gates();
        self.pending.push_back(Expect {
            item,
            what,
            assumed,
            answered: false,
            smuggled: self.smuggling,
        });
        if assumed {
            self.open_gate(what);
        } else if what.gates() {
            self.gated = true;
        }
        self.last_ends_group = ends_group;
        // A unit the client sent before a server gap was revealed (the server's next bytes, or
        // the client's acknowledgment, showed it) may have been answered inside that gap.
        let frame = item.and_then(|i| self.item(i)).map_or(u64::MAX, |i| i.at.frame);
        let room = self
            .server_gaps
            .iter()
            .filter(|g| g.revealed > frame)
            .fold(0u64, |n, g| n.saturating_add(g.room));
        if room > 0 {
            self.change_pairing(|p, n| p.server_gap(room, None, n));
        }
    }

    /// What an expectation waits on, in words (`MAIL`, `the DATA body`, `a SASL line`).
    pub(super) fn describe(&self, expect: Expect) -> Text {
        match expect.what {
            Awaiting::DataEnd { .. } => crate::msg!("awaiting-data-body"),
            Awaiting::BlobEnd { .. } => crate::msg!("awaiting-blob"),
            _ => match expect.item.and_then(|i| self.item(i)) {
                Some(Item {
                    kind: ItemKind::Command(c),
                    ..
                }) => c.verb.clone().into(),
                Some(Item {
                    kind: ItemKind::AuthData { .. },
                    ..
                }) => crate::msg!("awaiting-sasl-line"),
                _ => crate::msg!("awaiting-client-line"),
            },
        }
    }

    /// How the session ended, as anomalies word it (`the connection ended`).
    pub(super) fn end_text(&self) -> Text {
        Text::Msg {
            id: self.end_words,
            args: Vec::new(),
        }
    }

    fn is_greeting(&self, reply: &Reply) -> bool {
        self.greeting_pending
            && matches!(reply.code, 220 | 421 | 554)
            && (self.handshake_seen || self.pending.is_empty())
    }

    /// A complete reply: recorded, then paired with what it answers and applied.
    pub(super) fn on_reply(&mut self, reply: Reply, at: Position) {
        if matches!(self.mode, ClientMode::AwaitReply(_)) {
            // No terminator came after the DATA gap: the body's end, and commands after it,
            // may have been lost in it.
            self.lost_commands(0, UNBOUNDED);
        }
        if matches!(self.mode, ClientMode::AwaitReply(_) | ClientMode::Unknown) {
            self.mode = ClientMode::Commands;
            self.body_end();
        }
        if self.is_greeting(&reply) {
            self.push_item(
                Direction::ServerToClient,
                at,
                ItemKind::Reply(ReplyItem::new(reply.clone())),
            );
            self.greeting_pending = false;
            self.dialogue.banner = Some(Located { at, value: reply });
            return;
        }
        if self.greeting_pending && self.handshake_seen {
            self.anomaly(
                AnomalyKind::NoGreeting,
                Direction::ServerToClient,
                at,
                crate::msg!("anomaly-no-greeting", code = reply.code.to_string()),
            );
        }
        self.greeting_pending = false;
        if let ClientMode::Data { txn, .. } = self.mode {
            self.reply_during_data(txn, at);
        }
        if self.gap_room() > 0 && self.gated && !self.client.unread().is_empty() {
            self.decide_gate(Some(reply.code));
        }
        self.server_gaps.clear();
        if self.smuggle.is_some() {
            self.smuggling_decision(&reply);
        }
        let item = self.push_item(
            Direction::ServerToClient,
            at,
            ItemKind::Reply(ReplyItem::new(reply.clone())),
        );
        if self.uncertain.is_some() {
            self.reply_under_hypotheses(item, reply, at);
            return;
        }
        // Expectations answered inside a gap wait only while the queue is read through hypotheses.
        while self.pending.front().is_some_and(|e| e.answered) {
            self.pending.pop_front();
        }
        let Some(expect) = self.pending.pop_front() else {
            if self.handshake_seen || self.commands_seen > 0 {
                if let Some(ItemKind::Reply(r)) = item.and_then(|i| self.item_mut(i)).map(|i| &mut i.kind) {
                    r.unsolicited = true;
                }
                let hint = self.smuggling_hint();
                self.anomaly(
                    AnomalyKind::ReplyWithoutCommand,
                    Direction::ServerToClient,
                    at,
                    match hint {
                        Some((sequence, offset)) => crate::msg!(
                            "anomaly-reply-without-command-hint",
                            reply = reply.first_line(),
                            sequence = sequence,
                            offset = offset
                        ),
                        None => crate::msg!("anomaly-reply-without-command", reply = reply.first_line()),
                    },
                );
            }
            self.prompt_to_the_unknown(reply.code);
            return;
        };
        self.answer(expect, item, reply, at);
    }

    /// Pairs reply `item` with `expect` and applies it.
    pub(super) fn answer(&mut self, expect: Expect, item: Option<usize>, reply: Reply, at: Position) {
        if let Some(reply_item) = item.and_then(|i| self.item_mut(i)) {
            if let ItemKind::Reply(r) = &mut reply_item.kind {
                r.answers = expect.item;
            }
            if expect.smuggled {
                reply_item.origin = Origin::Smuggled;
            }
        }
        if expect.what.gates() && !expect.assumed {
            self.gated = false;
        }
        self.apply_reply(expect, reply, at);
    }

    /// A reply while the queue is read through hypotheses.
    fn reply_under_hypotheses(&mut self, item: Option<usize>, reply: Reply, at: Position) {
        let Some(pairing) = self.uncertain.as_mut() else {
            return;
        };
        let pending = &self.pending;
        let cut = self.cut_reply;
        let code = reply.code;
        let open = OpenReply {
            item,
            reply: reply.clone(),
            at,
        };
        let verdict = pairing.reply(open, pending.len(), |target| match target {
            Target::Pending(i) => pending
                .get(i)
                .is_some_and(|e| !e.answered && accepts(e.what, code)),
            Target::Lost => true,
            Target::Tail => cut.is_some_and(|(c, _)| c == code),
            Target::Nothing => code >= 400,
        });
        match verdict {
            Verdict::Certain(Target::Pending(i)) => {
                if let Some(expect) = self.pending.get_mut(i) {
                    expect.answered = true;
                    let expect = *expect;
                    self.answer(expect, item, reply, at);
                }
            }
            Verdict::Certain(Target::Tail) => self.pair_tail(item),
            Verdict::Certain(Target::Lost | Target::Nothing) | Verdict::Open | Verdict::Unfit => {
                self.prompt_to_the_unknown(code);
            }
        }
        self.cut_reply = None;
        self.settle_if_known();
    }

    /// Reply `item` is the rest of the reply a gap cut short: it answers what that one did.
    fn pair_tail(&mut self, item: Option<usize>) {
        let answers = self.cut_reply.and_then(|(_, a)| a);
        if let Some(ItemKind::Reply(r)) = item.and_then(|i| self.item_mut(i)).map(|i| &mut i.kind) {
            r.answers = answers;
        }
    }

    /// The hypotheses, created when the queue was read plainly until now.
    pub(super) fn pairing(&mut self) -> &mut Pairing {
        self.uncertain.get_or_insert_with(Box::default)
    }

    /// Runs `change` on the hypotheses; when they become too many, gives up pairing until the
    /// client shows it holds every reply.
    pub(super) fn change_pairing(&mut self, change: impl FnOnce(&mut Pairing, usize) -> Result<(), TooMany>) {
        let len = self.pending.len();
        if change(self.pairing(), len).is_err() {
            self.lose_track();
        }
        self.settle_if_known();
    }

    /// Forgets the queue: replies are left unpaired until the client shows it holds every reply.
    fn lose_track(&mut self) {
        self.pending.clear();
        let mut pairing = Pairing::default();
        // Any number of replies may still be due.
        let _ = pairing.client_gap(0, UNBOUNDED, 0);
        self.uncertain = Some(Box::new(pairing));
        self.cut_reply = None;
    }

    /// Pairs the open replies every surviving hypothesis (those `keep` admits) pairs the same way.
    pub(super) fn pair_open_replies(&mut self, keep: impl Fn(&Hyp) -> bool) {
        let Some(pairing) = &self.uncertain else {
            return;
        };
        let mut found = pairing.trace(keep);
        found.reverse();
        for (open, target) in found {
            let unpaired = open
                .item
                .and_then(|i| self.item(i))
                .is_some_and(|i| matches!(&i.kind, ItemKind::Reply(r) if r.answers.is_none()));
            if !unpaired {
                continue;
            }
            match target {
                Target::Pending(i) => {
                    let live_gate = self.gated && self.gate_index() == Some(i);
                    let Some(expect) = self.pending.get_mut(i) else {
                        continue;
                    };
                    if expect.answered {
                        continue;
                    }
                    expect.answered = true;
                    // Framing decided since is not redone; only the gate still waiting acts.
                    let expect = Expect {
                        assumed: expect.assumed || !live_gate,
                        ..*expect
                    };
                    self.answer(expect, open.item, open.reply, open.at);
                }
                Target::Tail | Target::Lost | Target::Nothing => {}
            }
        }
    }

    /// When a single plain hypothesis is left, the queue is read plainly again.
    pub(super) fn settle_if_known(&mut self) {
        let Some(consumed) = self.uncertain.as_deref().and_then(Pairing::settled) else {
            return;
        };
        self.pair_open_replies(|_| true);
        self.uncertain = None;
        for _ in 0..consumed {
            self.pending.pop_front();
        }
    }

    /// The client sends something only after every reply so far: whatever the hypotheses say,
    /// every queued expectation was answered.
    fn client_holds_every_reply(&mut self) {
        let n = self.pending.len();
        self.pair_open_replies(|h| h.consumed == n && h.is_plain());
        self.uncertain = None;
        self.cut_reply = None;
        self.pending.clear();
    }

    /// The queue index of the gating expectation client bytes are held for.
    pub(super) fn gate_index(&self) -> Option<usize> {
        self.pending
            .iter()
            .rposition(|e| e.what.gates() && !e.assumed && !e.answered)
    }

    /// When the last DATA body held a non-canonical end-of-data sequence, a reply with no command
    /// may answer what followed it: say so (the fact, not a verdict; never the body's bytes).
    fn smuggling_hint(&self) -> Option<(String, String)> {
        let last_body = self
            .dialogue
            .transactions
            .iter()
            .rev()
            .find_map(|t| t.data.as_ref()?.data.as_ref());
        last_body
            .and_then(|d| d.end_of_data_candidates.last())
            .map(|c| (c.sequence.to_string(), c.offset.to_string()))
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
                    crate::msg!("anomaly-server-direction-missing"),
                );
            }
            return;
        }
        if self.client.total() == 0 {
            self.dialogue
                .anomalies
                .retain(|a| a.kind != AnomalyKind::ReplyWithoutCommand);
            for item in self.items_mut() {
                if let ItemKind::Reply(r) = &mut item.kind {
                    r.unsolicited = false;
                }
            }
            self.anomaly(
                AnomalyKind::ClientDirectionMissing,
                Direction::ClientToServer,
                at,
                crate::msg!("anomaly-client-direction-missing"),
            );
            return;
        }
        // Under hypotheses, only what no hypothesis has answered is surely unanswered.
        let answered_somewhere = self.uncertain.as_ref().map_or(0, |p| {
            p.hypotheses().iter().map(|h| h.consumed).max().unwrap_or(0)
        });
        let unanswered: Vec<Expect> = self
            .pending
            .drain(..)
            .skip(answered_somewhere)
            .filter(|e| !e.answered)
            .collect();
        for expect in unanswered {
            let what = self.describe(expect);
            let at = expect.item.and_then(|i| self.item(i)).map_or(at, |item| item.at);
            self.anomaly(
                AnomalyKind::CommandUnanswered,
                Direction::ClientToServer,
                at,
                crate::msg!("anomaly-command-unanswered", what = what, ended = self.end_text()),
            );
        }
    }
}
