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
use crate::smtp::dialogue::Position;
use crate::smtp::dialogue::{looks_like_token, ItemKind};
use crate::smtp::inbox::{LineEnd, RawLine, MAX_LINE_BYTES};
use crate::smtp::reply::{parse_reply_line, Assembled, Reply, MAX_REPLY_LINES};

use super::pairing::Awaiting;

impl SmtpDecoder {
    /// Decodes the unterminated rest of a direction as a last line (end of connection).
    pub(super) fn flush_last_line(&mut self, dir: Direction) {
        let line_mode = match dir {
            Direction::ServerToClient => true,
            Direction::ClientToServer => {
                !self.gated
                    && matches!(
                        self.mode,
                        ClientMode::Commands | ClientMode::Resync | ClientMode::Sasl { .. }
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
            crate::msg!(
                "anomaly-line-unterminated",
                ended = self.end_text(),
                bytes = line.wire_len()
            ),
        );
        match dir {
            Direction::ClientToServer => match self.mode {
                ClientMode::Sasl { exchange, prompted } => self.sasl_line(exchange, prompted, line),
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
            self.anomaly(AnomalyKind::BareLf, dir, line.at, crate::msg!("anomaly-bare-lf"));
        }
        if line.cut > 0 {
            self.anomaly(
                AnomalyKind::LineTruncated,
                dir,
                line.at,
                crate::msg!(
                    "anomaly-line-truncated",
                    bytes = line.wire_len(),
                    kept = MAX_LINE_BYTES / 2,
                    cut = line.cut
                ),
            );
        } else if line.len() > RFC_LINE_LIMIT && !in_sasl {
            self.anomaly(
                AnomalyKind::LineTooLong,
                dir,
                line.at,
                crate::msg!("anomaly-line-too-long", bytes = line.len(), max = RFC_LINE_LIMIT),
            );
        }
    }

    /// One client line in command mode (or while resynchronising).
    pub(super) fn client_line(&mut self, line: RawLine) {
        let resync = matches!(self.mode, ClientMode::Resync);
        // A first word shaped like a SASL token is not a verb (a secret after an AUTH the decoder
        // did not see): the line is not a command, and is never shown.
        let parsed = parse_command(self.client.line(&line)).filter(|c| {
            c.verb.is_known()
                || !self
                    .client
                    .line(&line)
                    .split(|b| *b == b' ')
                    .next()
                    .is_some_and(|w| std::str::from_utf8(w).is_ok_and(looks_like_token))
        });
        match parsed {
            Some(command) if !resync || command.verb.is_known() => {
                self.mode = ClientMode::Commands;
                let in_sasl = command.verb.is_sasl();
                self.line_checks(Direction::ClientToServer, &line, in_sasl);
                self.on_command(command, line.at);
            }
            Some(_) => {
                // Skipped while resynchronising; a command all the same, whose reply may come.
                self.unparsed(Direction::ClientToServer, line.at, line.wire_len());
                self.lost_commands(0, 1);
            }
            None if resync => self.unparsed(Direction::ClientToServer, line.at, line.wire_len()),
            None => {
                self.line_checks(Direction::ClientToServer, &line, false);
                let shown = shape_of(self.client.line(&line));
                self.anomaly(
                    AnomalyKind::MalformedCommand,
                    Direction::ClientToServer,
                    line.at,
                    crate::msg!("anomaly-malformed-command", line = shown),
                );
                let item = self.push_item(
                    Direction::ClientToServer,
                    line.at,
                    ItemKind::Unparsed {
                        bytes: line.wire_len().saturating_add(2),
                        lines: 1,
                    },
                );
                self.expect(item, Awaiting::Other, true);
            }
        }
    }

    /// One server line: part of a reply, or skipped.
    pub(super) fn server_line(&mut self, line: RawLine) {
        let parsed = parse_reply_line(self.server.line(&line));
        self.first_line_after_gap(parsed.is_some());
        let Some(reply_line) = parsed else {
            if !self.server_resync {
                let shown = shape_of(self.server.line(&line));
                self.anomaly(
                    AnomalyKind::MalformedReply,
                    Direction::ServerToClient,
                    line.at,
                    crate::msg!("anomaly-malformed-reply", line = shown),
                );
            }
            self.unparsed(Direction::ServerToClient, line.at, line.wire_len());
            return;
        };
        self.server_resync = false;
        self.line_checks(Direction::ServerToClient, &line, false);
        if !self.assembler.in_progress() {
            self.reply_at = Some(line.at);
        }
        if let Assembled::Complete(reply) = self.assembler.push(reply_line) {
            let at = self.reply_at.unwrap_or(line.at);
            self.reply_lines_dropped(&reply, at);
            if self.assembler.code_changed {
                self.anomaly(
                    AnomalyKind::ReplyCodeChanged,
                    Direction::ServerToClient,
                    at,
                    crate::msg!("anomaly-reply-code-changed", code = reply.code.to_string()),
                );
            }
            self.on_reply(reply, at);
        }
    }

    /// A reply whose middle lines were not kept says so.
    pub(super) fn reply_lines_dropped(&mut self, reply: &Reply, at: Position) {
        let (lines, bytes) = (self.assembler.lines_dropped, self.assembler.bytes_dropped);
        if lines == 0 {
            return;
        }
        self.anomaly(
            AnomalyKind::ReplyTruncated,
            Direction::ServerToClient,
            at,
            crate::msg!(
                "anomaly-reply-truncated",
                total = (reply.lines.len() as u64).saturating_add(lines),
                code = reply.code.to_string(),
                head = MAX_REPLY_LINES.saturating_sub(1),
                lines = lines,
                bytes = bytes
            ),
        );
    }

    /// At the end of the session: a multi-line reply still in progress is unfinished.
    pub(super) fn finish_reply(&mut self) {
        if let Some(reply) = self.assembler.abandon() {
            let at = self.reply_at.unwrap_or_else(|| self.server_position());
            self.reply_lines_dropped(&reply, at);
            self.anomaly(
                AnomalyKind::ReplyUnfinished,
                Direction::ServerToClient,
                at,
                crate::msg!(
                    "anomaly-reply-unfinished",
                    ended = self.end_text(),
                    code = reply.code.to_string()
                ),
            );
            self.on_reply(reply, at);
        }
    }
}

/// A line that is not a command (or, from the server, not a reply line), as an anomaly shows it:
/// its length, and its first word only when a space or colon follows it and it is not shaped like
/// a token (the verb-like head of a damaged line). Never the rest: it may be a SASL secret whose
/// command was not recognised, a challenge, or message text.
fn shape_of(line: &[u8]) -> String {
    let n = line.len();
    let trimmed = line.trim_ascii_start();
    let blanks = if trimmed.len() < n {
        " after leading blanks"
    } else {
        ""
    };
    let head = trimmed
        .iter()
        .position(|&b| matches!(b, b' ' | b'\t' | b':'))
        .and_then(|k| trimmed.get(..k))
        .filter(|h| !h.is_empty() && h.len() <= MAX_SHOWN_HEAD && h.iter().all(u8::is_ascii_graphic))
        .filter(|h| !std::str::from_utf8(h).is_ok_and(looks_like_token));
    match head {
        Some(head) => format!(
            "a {n}-byte line starting{blanks} with {:?}",
            String::from_utf8_lossy(head)
        ),
        None => format!("a {n}-byte line"),
    }
}

/// The longest head of a malformed line shown.
const MAX_SHOWN_HEAD: usize = 16;

#[cfg(test)]
mod tests {
    use super::shape_of;

    #[test]
    fn malformed_lines_show_their_shape_never_their_content() {
        assert_eq!(shape_of(b"\x00\x01garbage"), "a 9-byte line");
        assert_eq!(
            shape_of(b" AUTH PLAIN AHVzZXIAc2VjcmV0"),
            "a 28-byte line starting after leading blanks with \"AUTH\""
        );
        assert_eq!(shape_of(b"dXNlcg=="), "a 8-byte line");
        assert_eq!(shape_of(b"c2VjcmV0IQ== x"), "a 14-byte line");
        assert_eq!(
            shape_of(b"Subject: hello"),
            "a 14-byte line starting with \"Subject\""
        );
    }
}
