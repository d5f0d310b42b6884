//! Line framing of both directions: each complete line goes to the command, SASL or reply path.
//!
//! Owns what is true of every line whatever it carries (bare LF, over-long, cut at the inbox limit,
//! unterminated at the end of the connection), the client's command lines (a known command, a
//! line skipped while resynchronising, or a malformed command) and the server's reply lines
//! (assembled into complete replies, or skipped while resynchronising after a gap). Which mode the
//! client is in is decided elsewhere ([`super::state`], [`super::gaps`]); this file only reads
//! `mode` to route a line. Must not: decide what a command or a reply does to the session.

use super::{ClientMode, SmtpDecoder, RFC_LINE_LIMIT};
use crate::net::Direction;
use crate::smtp::anomaly::AnomalyKind;
use crate::smtp::command::parse_command;
use crate::smtp::dialogue::ItemKind;
use crate::smtp::inbox::{LineEnd, RawLine, MAX_LINE_BYTES};
use crate::smtp::reply::{parse_reply_line, Assembled};

use super::pairing::Awaiting;

impl SmtpDecoder {
    /// Decodes the unterminated rest of a direction as a last line (end of connection).
    pub(super) fn flush_last_line(&mut self, dir: Direction) {
        let line_mode = match dir {
            Direction::ServerToClient => !self.server_tls,
            Direction::ClientToServer => {
                !self.gated
                    && matches!(
                        self.mode,
                        ClientMode::Commands | ClientMode::Resync | ClientMode::Sasl(_)
                    )
            }
        };
        if !line_mode {
            return;
        }
        let Some(line) = self.inbox(dir).rest_as_line() else {
            return;
        };
        self.anomaly(
            AnomalyKind::LineUnterminated,
            dir,
            line.at,
            format!("{} inside a line ({} bytes)", self.end_words, line.len()),
        );
        match dir {
            Direction::ClientToServer => match self.mode {
                ClientMode::Sasl(exchange) => self.sasl_line(exchange, line),
                _ => self.client_line(line),
            },
            Direction::ServerToClient => self.server_line(line),
        }
        self.pump();
    }

    /// What every line is checked for: its ending and its length (`in_sasl`: SASL lines may be
    /// longer than RFC 5321's command limit).
    pub(super) fn line_checks(&mut self, dir: Direction, line: &RawLine, in_sasl: bool) {
        if line.end == LineEnd::Lf {
            self.anomaly(
                AnomalyKind::BareLf,
                dir,
                line.at,
                "line ended with LF alone, not CRLF".into(),
            );
        }
        if line.end == LineEnd::None && line.len() >= MAX_LINE_BYTES {
            self.anomaly(
                AnomalyKind::LineTruncated,
                dir,
                line.at,
                format!("a line longer than {MAX_LINE_BYTES} bytes: its tail was skipped"),
            );
        } else if line.len() > RFC_LINE_LIMIT && !in_sasl {
            self.anomaly(
                AnomalyKind::LineTooLong,
                dir,
                line.at,
                format!("{}-byte line (RFC 5321 allows {RFC_LINE_LIMIT})", line.len()),
            );
        }
    }

    /// One client line in command mode (or while resynchronising).
    pub(super) fn client_line(&mut self, line: RawLine) {
        let resync = matches!(self.mode, ClientMode::Resync);
        let parsed = parse_command(self.client.bytes(line.range.clone()));
        match parsed {
            Some(command) if !resync || command.verb.is_known() => {
                self.mode = ClientMode::Commands;
                let in_sasl = command.verb.is_sasl();
                self.line_checks(Direction::ClientToServer, &line, in_sasl);
                self.on_command(command, line.at);
            }
            _ if resync => self.unparsed(Direction::ClientToServer, line.at, line.len()),
            _ => {
                self.line_checks(Direction::ClientToServer, &line, false);
                let shown = quoted(self.client.bytes(line.range.clone()));
                self.anomaly(
                    AnomalyKind::MalformedCommand,
                    Direction::ClientToServer,
                    line.at,
                    format!("not a command: {shown}"),
                );
                let item = self.push_item(
                    Direction::ClientToServer,
                    line.at,
                    ItemKind::Unparsed {
                        bytes: (line.len() as u64).saturating_add(2),
                        lines: 1,
                    },
                );
                self.expect(item, Awaiting::Other);
            }
        }
    }

    /// One server line: part of a reply, or skipped.
    pub(super) fn server_line(&mut self, line: RawLine) {
        let parsed = parse_reply_line(self.server.bytes(line.range.clone()));
        let Some(reply_line) = parsed else {
            if !self.server_resync {
                let shown = quoted(self.server.bytes(line.range.clone()));
                self.anomaly(
                    AnomalyKind::MalformedReply,
                    Direction::ServerToClient,
                    line.at,
                    format!("not a reply line: {shown}"),
                );
            }
            self.unparsed(Direction::ServerToClient, line.at, line.len());
            return;
        };
        self.server_resync = false;
        self.line_checks(Direction::ServerToClient, &line, false);
        if !self.assembler.in_progress() {
            self.reply_at = Some(line.at);
        }
        if let Assembled::Complete(reply) = self.assembler.push(reply_line) {
            let at = self.reply_at.unwrap_or(line.at);
            if self.assembler.code_changed {
                self.anomaly(
                    AnomalyKind::ReplyCodeChanged,
                    Direction::ServerToClient,
                    at,
                    format!("a {} reply continued with another code", reply.code),
                );
            }
            self.on_reply(reply, at);
        }
    }

    /// At the end of the session: a multi-line reply still in progress is unfinished.
    pub(super) fn finish_reply(&mut self) {
        if let Some(reply) = self.assembler.abandon() {
            let at = self.reply_at.unwrap_or_else(|| self.server_position());
            self.anomaly(
                AnomalyKind::ReplyUnfinished,
                Direction::ServerToClient,
                at,
                format!("{} inside a {} reply", self.end_words, reply.code),
            );
            self.on_reply(reply, at);
        }
    }
}

/// The first 60 characters of a line, quoted and escaped, for an anomaly's detail.
fn quoted(line: &[u8]) -> String {
    let shown: String = String::from_utf8_lossy(line).chars().take(60).collect();
    format!("{shown:?}")
}
