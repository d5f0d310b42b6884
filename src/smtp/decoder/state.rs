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
use crate::smtp::dialogue::{looks_like_token, CommandItem, Envelope, Helo, ItemKind, Position};
use crate::smtp::reply::{Extension, Reply};

impl SmtpDecoder {
    /// A command line: recorded, applied, and its reply awaited.
    pub(super) fn on_command(&mut self, command: Command, at: Position) {
        self.commands_seen = self.commands_seen.saturating_add(1);
        if self.greeting_pending && self.handshake_seen && self.server.total() == 0 && self.commands_seen == 1
        {
            self.anomaly(
                AnomalyKind::ClientSpokeBeforeBanner,
                Direction::ClientToServer,
                at,
                crate::msg!("anomaly-spoke-before-banner", verb = command.verb.name()),
            );
        }
        let carries_secret = matches!(&command.args, Args::Sasl(s) if s.initial_response.is_some())
            || (!command.verb.is_known() && command.arg.split_ascii_whitespace().any(looks_like_token));
        let item = self.push_item(
            Direction::ClientToServer,
            at,
            ItemKind::Command(CommandItem {
                verb: command.verb.name().to_string(),
                arg: command.arg.clone(),
                carries_secret,
            }),
        );
        // RFC 2920 §3.1: only these may be followed by more commands before their replies.
        let ends_group = !matches!(command.verb, Verb::Mail | Verb::Rcpt | Verb::Rset | Verb::Bdat);
        let what = self.command_effect(command, at);
        self.expect(item, what, ends_group);
    }

    /// What a command does to the session state, and what its reply will answer.
    fn command_effect(&mut self, command: Command, at: Position) -> Awaiting {
        let Command { verb, arg, args } = command;
        match (&verb, args) {
            (Verb::Helo | Verb::Ehlo | Verb::Lhlo, Args::Hello(name)) => {
                self.txn = None;
                let helo = Some(Helo {
                    verb: verb.name().to_string(),
                    name,
                    at,
                    reply: None,
                });
                if self.decrypted {
                    self.dialogue.tls_helo = helo;
                } else {
                    self.dialogue.helo = helo;
                }
                Awaiting::Helo {
                    ehlo: verb != Verb::Helo,
                }
            }
            (Verb::Mail, Args::Path(path)) => {
                let txn = self.begin_transaction();
                let smuggled = self.smuggling;
                if let Some(t) = self.transaction(txn) {
                    t.smuggled = smuggled;
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
            (
                Verb::Bdat,
                Args::Bdat {
                    size,
                    last,
                    well_formed,
                },
            ) => self.bdat_command(size, last, well_formed, at),
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
                Awaiting::Quit
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
            Awaiting::Other | Awaiting::Quit => {
                if act {
                    // A prompt to something the decoder did not take for AUTH or DATA: what
                    // follows is SASL data or content all the same (never shown as commands).
                    self.prompt_to_the_unknown(code);
                }
            }
            Awaiting::Helo { ehlo } => {
                let helo = if self.decrypted {
                    self.dialogue.tls_helo.as_mut()
                } else {
                    self.dialogue.helo.as_mut()
                };
                if let Some(helo) = helo {
                    helo.reply = Some(code);
                }
                if ehlo && code == 250 {
                    let extensions = reply
                        .lines
                        .iter()
                        .skip(1)
                        .filter_map(|l| Extension::parse(l))
                        .collect();
                    if self.decrypted {
                        self.dialogue.tls_extensions = extensions;
                    } else {
                        self.dialogue.extensions = extensions;
                    }
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
            Awaiting::Chunk {
                txn,
                index,
                last,
                framed,
            } => self.chunk_reply(txn, index, last, !framed && act, code),
            Awaiting::Sasl { exchange } => self.sasl_reply(exchange, reply, at, act),
            Awaiting::StartTls => {
                if code == 220 && act {
                    self.mode = ClientMode::TlsCheck;
                }
            }
        }
    }
}
