//! The session's transitions: what each command does when it is sent, and what each reply does to
//! the command it answers (PROTOCOL.md §1.3).
//!
//! Owns the two tables: [`SmtpDecoder::command_effect`] (a command opens or extends a transaction,
//! starts an exchange, and says what its reply will answer) and [`SmtpDecoder::apply_reply`] (a
//! reply records its code where it belongs and, when it authorises it, switches the client's
//! framing). The per-unit details live beside their framing ([`super::sasl`], [`super::counted`],
//! [`super::data`]). Must not: cut lines or pair replies with commands.

use super::pairing::{Awaiting, Expect};
use super::record::new_content;
use super::{ClientMode, SmtpDecoder};
use crate::net::Direction;
use crate::smtp::anomaly::AnomalyKind;
use crate::smtp::command::{Args, Command, Verb};
use crate::smtp::decoder::MAX_RECIPIENTS;
use crate::smtp::dialogue::{CommandItem, Envelope, Helo, ItemKind, Position};
use crate::smtp::reply::{Extension, Reply};

impl SmtpDecoder {
    /// A command line: recorded, applied, and its reply awaited.
    pub(super) fn on_command(&mut self, command: Command, at: Position) {
        self.commands_seen = self.commands_seen.saturating_add(1);
        self.matching_uncertain = false;
        if self.greeting_pending && self.handshake_seen && self.server.total() == 0 && self.commands_seen == 1
        {
            self.anomaly(
                AnomalyKind::ClientSpokeBeforeBanner,
                Direction::ClientToServer,
                at,
                format!("{} sent before the server's greeting", command.verb.name()),
            );
        }
        let carries_secret = matches!(&command.args, Args::Sasl(s) if s.initial_response.is_some());
        let item = self.push_item(
            Direction::ClientToServer,
            at,
            ItemKind::Command(CommandItem {
                verb: command.verb.name().to_string(),
                arg: command.arg.clone(),
                carries_secret,
            }),
        );
        let what = self.command_effect(command, at);
        self.expect(item, what);
    }

    /// What a command does to the session state, and what its reply will answer.
    fn command_effect(&mut self, command: Command, at: Position) -> Awaiting {
        let Command { verb, arg, args } = command;
        match (&verb, args) {
            (Verb::Helo | Verb::Ehlo | Verb::Lhlo, Args::Hello(name)) => {
                self.txn = None;
                self.dialogue.helo = Some(Helo {
                    verb: verb.name().to_string(),
                    name,
                    at,
                    reply: None,
                });
                Awaiting::Helo {
                    ehlo: verb != Verb::Helo,
                }
            }
            (Verb::Mail, Args::Path(path)) => {
                let txn = self.begin_transaction();
                if let Some(t) = self.transaction(txn) {
                    t.mail_from = Some(Envelope {
                        path,
                        arg,
                        frame: at.frame,
                        reply: None,
                    });
                }
                Awaiting::Mail { txn }
            }
            (Verb::Rcpt, Args::Path(path)) => {
                let txn = self.current_transaction();
                let index = self.transaction(txn).and_then(|t| {
                    if t.rcpt_to.len() >= MAX_RECIPIENTS {
                        t.rcpt_dropped = t.rcpt_dropped.saturating_add(1);
                        return None;
                    }
                    t.rcpt_to.push(Envelope {
                        path,
                        arg,
                        frame: at.frame,
                        reply: None,
                    });
                    Some(t.rcpt_to.len().saturating_sub(1))
                });
                Awaiting::Rcpt { txn, index }
            }
            (Verb::Data, _) => {
                let txn = self.current_transaction();
                if let Some(t) = self.transaction(txn) {
                    t.data = Some(new_content("DATA", at.frame));
                }
                Awaiting::Data { txn }
            }
            (Verb::Bdat, Args::Bdat { size, last }) => self.bdat_command(size, last, at),
            (Verb::Xexch50, Args::Xexch50 { size, count }) => self.xexch50_command(size, count, at),
            (Verb::Auth | Verb::Xauth | Verb::XExps, Args::Sasl(sasl)) => self.sasl_command(&verb, sasl, at),
            (Verb::StartTls | Verb::XAnonymousTls, _) => {
                self.dialogue.tls.by = Some(verb.name().to_string());
                Awaiting::StartTls
            }
            (Verb::Rset, _) => {
                if let Some(t) = self.txn.take().and_then(|t| self.transaction(t)) {
                    t.reset = true;
                }
                Awaiting::Other
            }
            (Verb::Quit, _) => {
                self.txn = None;
                Awaiting::Other
            }
            _ => Awaiting::Other,
        }
    }

    /// Records what a reply means for the command it answers, and switches framing when the reply
    /// authorises it.
    pub(super) fn apply_reply(&mut self, expect: Expect, reply: Reply, at: Position) {
        let code = reply.code;
        let act = !expect.assumed;
        match expect.what {
            Awaiting::Other => {}
            Awaiting::Helo { ehlo } => {
                if let Some(helo) = self.dialogue.helo.as_mut() {
                    helo.reply = Some(code);
                }
                if ehlo && code == 250 {
                    self.dialogue.extensions = reply
                        .lines
                        .iter()
                        .skip(1)
                        .filter_map(|l| Extension::parse(l))
                        .collect();
                }
            }
            Awaiting::Mail { txn } => {
                if let Some(m) = self.transaction(txn).and_then(|t| t.mail_from.as_mut()) {
                    m.reply = Some(code);
                }
            }
            Awaiting::Rcpt { txn, index } => {
                if let Some(r) = self
                    .transaction(txn)
                    .and_then(|t| index.and_then(|i| t.rcpt_to.get_mut(i)))
                {
                    r.reply = Some(code);
                }
            }
            Awaiting::Data { txn } => {
                if let Some(content) = self.content(txn) {
                    content.command_reply = Some(code);
                }
                if code == 354 && act {
                    self.start_data(txn);
                }
            }
            Awaiting::DataEnd { txn } => {
                if let Some(content) = self.content(txn) {
                    content.reply = Some(code);
                }
                if self.txn == Some(txn) {
                    self.txn = None;
                }
            }
            Awaiting::Xexch50 { txn, index } => {
                let size = self
                    .transaction(txn)
                    .and_then(|t| t.xexch50.get_mut(index))
                    .map(|x| {
                        x.reply = Some(code);
                        x.size.value
                    });
                if code == 354 && act {
                    self.start_blob(txn, index, size.flatten(), at);
                }
            }
            Awaiting::BlobEnd { txn, index } => {
                if let Some(x) = self.transaction(txn).and_then(|t| t.xexch50.get_mut(index)) {
                    x.blob_reply = Some(code);
                }
            }
            Awaiting::Chunk { txn, index, last } => self.chunk_reply(txn, index, last, code),
            Awaiting::Sasl { exchange } => self.sasl_reply(exchange, reply, at, act),
            Awaiting::StartTls => {
                if code == 220 && act {
                    self.mode = ClientMode::TlsCheck;
                }
            }
        }
    }
}
