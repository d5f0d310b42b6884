//! The per-session SMTP state machine: both directions' reassembled byte streams in, one
//! [`Dialogue`] out.
//!
//! Owns framing decisions, command/reply matching and the session state of PROTOCOL.md §1.3:
//! - **Framing.** The server side is always lines (until TLS). The client side is lines, a SASL
//!   continuation line, a dot-terminated DATA body, a counted payload (XEXCH50 BLOB, BDAT chunk) or
//!   opaque TLS. The mode changes only on what authorises it: the 354 to DATA or XEXCH50, the 334
//!   to AUTH/X-EXPS, the 220 to STARTTLS/X-ANONYMOUSTLS — or the BDAT command itself, whose chunk
//!   may follow in the same segment.
//! - **Holding.** After a command whose reply decides how the next client bytes are framed, client
//!   bytes are held (not parsed) until that reply arrives, so a BLOB full of `\r\n250 OK\r\n` is
//!   never read as commands, and a refused XEXCH50 is followed by commands, not by a BLOB. Held
//!   bytes are bounded ([`MAX_HELD_BYTES`]); past the bound, a gap, or the end of the connection,
//!   the decoder assumes the authorising reply (anomaly `authorising_reply_not_seen`).
//! - **Matching.** Every command (and every SASL line, DATA body and BLOB) queues one expected
//!   reply; each complete reply answers the oldest (RFC 2920 §3).
//! - **Incomplete captures.** Mid-stream pickup and client gaps resynchronise on the next line that
//!   parses as a known command; a gap inside DATA ends the body and decoding resumes at the next
//!   reply; gaps inside counted payloads are counted against them. Nothing is invented: what is
//!   unknown is recorded as unknown, with an anomaly.
//!
//! Every buffer is bounded by a named limit. Must not: judge what the dialogue means for a mail
//! system, read packets, or print.

use std::collections::VecDeque;

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;
use sha2::{Digest, Sha256};

use super::anomaly::{Anomaly, AnomalyKind};
use super::body::{DotScanner, HeaderReader, Scan};
use super::command::{parse_command, Args, Command, SizeArg, Verb};
use super::dialogue::{
    AuthExchange, AuthOutcome, Chunk, CommandItem, Content, Dialogue, Envelope, Helo, Item, ItemKind,
    Located, Position, ReplyItem, SaslToken, Transaction, Xexch50,
};
use super::inbox::{Inbox, LineEnd, RawLine};
use super::reply::{parse_reply_line, Assembled, Extension, Reply, ReplyAssembler};
use crate::net::Direction;
use crate::reasm::{CloseCause, ConnInfo, EventKind, StreamEvent};

/// Client bytes held while waiting for an authorising reply.
pub const MAX_HELD_BYTES: usize = 256 * 1024;
/// Transcript items kept per session (later ones are counted).
pub const MAX_TRANSCRIPT_ITEMS: usize = 20_000;
/// Commands awaiting replies (beyond it the oldest is declared unanswered).
pub const MAX_PENDING: usize = 4096;
/// Transactions kept per session.
pub const MAX_TRANSACTIONS: usize = 10_000;
/// Recipients kept per transaction.
pub const MAX_RECIPIENTS: usize = 10_000;
/// SASL exchanges kept per session, and tokens per exchange.
pub const MAX_AUTH: usize = 256;
/// Tokens kept per SASL exchange.
pub const MAX_TOKENS: usize = 64;
/// Decoded bytes kept per SASL token.
pub const MAX_TOKEN_BYTES: usize = 48 * 1024;
/// Anomalies kept per session.
pub const MAX_ANOMALIES: usize = 1000;
/// RFC 5321 §4.5.3.1.4–5: command and reply lines, without CRLF.
pub const RFC_LINE_LIMIT: usize = 510;
/// BLOB bytes shown as hex in the dialogue.
pub const BLOB_HEAD_BYTES: usize = 32;

/// Base64 as SASL lines carry it: standard alphabet, padding optional.
const SASL_BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// How the next client bytes are framed.
#[derive(Debug)]
enum ClientMode {
    /// Command lines.
    Commands,
    /// Lines skipped until one parses as a known command (mid-stream pickup, after a gap).
    Resync,
    /// One SASL continuation line for exchange `.0`.
    Sasl(usize),
    /// A DATA body of transaction `txn`.
    Data { txn: usize, scanner: DotScanner },
    /// A counted payload.
    Counted {
        unit: CountedUnit,
        remaining: u64,
        gap: bool,
    },
    /// The rest of a DATA body of transaction `.0` that lost bytes: counted, not scanned, until
    /// the next reply.
    AwaitReply(usize),
    /// After the 220 to STARTTLS/X-ANONYMOUSTLS: is the next thing a ClientHello?
    TlsCheck,
    /// Opaque TLS.
    Tls,
}

/// What a counted payload belongs to.
#[derive(Debug)]
enum CountedUnit {
    /// An XEXCH50 BLOB: transaction, index, running hash.
    Blob {
        txn: usize,
        index: usize,
        hash: Box<Sha256>,
    },
    /// A BDAT chunk: transaction, chunk index.
    Chunk { txn: usize, index: usize },
}

/// What a queued reply will answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Awaiting {
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
    fn gates(self) -> bool {
        matches!(
            self,
            Awaiting::Data { .. } | Awaiting::Xexch50 { .. } | Awaiting::Sasl { .. } | Awaiting::StartTls
        )
    }
}

/// One queued reply expectation.
#[derive(Clone, Copy, Debug)]
struct Expect {
    /// The transcript index of what it answers.
    item: Option<usize>,
    what: Awaiting,
    /// The decoder already acted as if the authorising reply had come.
    assumed: bool,
}

/// Decodes one SMTP session from its stream events.
#[derive(Debug)]
pub struct SmtpDecoder {
    dialogue: Dialogue,
    client: Inbox,
    server: Inbox,
    mode: ClientMode,
    /// A gating command waits for its reply: client bytes are held.
    gated: bool,
    /// The server sends opaque TLS.
    server_tls: bool,
    /// Server lines that are not replies are expected (after a gap).
    server_resync: bool,
    pending: VecDeque<Expect>,
    assembler: ReplyAssembler,
    reply_at: Option<Position>,
    handshake_seen: bool,
    greeting_pending: bool,
    commands_seen: u64,
    txn: Option<usize>,
    headers: HeaderReader,
    content_item: Option<usize>,
    tls_items: [Option<usize>; 2],
    anomalies_dropped: u64,
    /// Bytes were lost since the last command or reply was matched, so a reply with no command
    /// waiting proves nothing (its command, or the replies before it, may be in the gap).
    matching_uncertain: bool,
    /// How the end of the session is worded in anomalies: the connection or only the capture ended.
    end_words: &'static str,
}

fn dir_index(dir: Direction) -> usize {
    match dir {
        Direction::ClientToServer => 0,
        Direction::ServerToClient => 1,
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(
        String::with_capacity(bytes.len().saturating_mul(2)),
        |mut s, b| {
            s.push_str(&format!("{b:02x}"));
            s
        },
    )
}

impl SmtpDecoder {
    /// A decoder for the connection described by `info`.
    pub fn new(info: &ConnInfo) -> Self {
        let at = Position {
            frame: info.first_frame,
            ts: info.start,
        };
        let mut decoder = SmtpDecoder {
            dialogue: Dialogue::default(),
            client: Inbox::default(),
            server: Inbox::default(),
            mode: if info.handshake_seen {
                ClientMode::Commands
            } else {
                ClientMode::Resync
            },
            gated: false,
            server_tls: false,
            server_resync: !info.handshake_seen,
            pending: VecDeque::new(),
            assembler: ReplyAssembler::default(),
            reply_at: None,
            handshake_seen: info.handshake_seen,
            greeting_pending: true,
            commands_seen: 0,
            txn: None,
            headers: HeaderReader::default(),
            content_item: None,
            tls_items: [None, None],
            anomalies_dropped: 0,
            matching_uncertain: false,
            end_words: "the connection ended",
        };
        if !info.handshake_seen {
            decoder.anomaly(
                AnomalyKind::MidstreamStart,
                Direction::ClientToServer,
                at,
                "the capture holds no SYN: the session began before it".into(),
            );
        }
        decoder
    }

    /// Feeds one stream event of this connection.
    pub fn on_event(&mut self, event: &StreamEvent<'_>) {
        let at = Position {
            frame: event.frame,
            ts: event.ts,
        };
        match &event.kind {
            EventKind::Data(bytes) => {
                match event.dir {
                    Direction::ClientToServer => self.client.push(bytes, at),
                    Direction::ServerToClient => self.server.push(bytes, at),
                }
                self.pump();
            }
            EventKind::Gap { len, .. } => self.on_gap(event.dir, *len, at),
            EventKind::Open(_) | EventKind::Fin | EventKind::Close(_) => {}
        }
    }

    /// Ends the session (`cause`: how the connection ended): decodes what is left, records what
    /// never finished, returns the dialogue.
    pub fn finish(mut self, cause: CloseCause) -> Dialogue {
        self.end_words = match cause {
            CloseCause::Fin | CloseCause::Rst => "the connection ended",
            CloseCause::Idle | CloseCause::Reused | CloseCause::EndOfInput => "the capture ended",
            CloseCause::Evicted => "the connection was evicted",
        };
        self.pump();
        for dir in [Direction::ServerToClient, Direction::ClientToServer] {
            self.flush_last_line(dir);
        }
        if matches!(self.mode, ClientMode::TlsCheck) {
            // The client sent nothing after the 220: nothing to decide, and the server's lines wait.
            self.mode = ClientMode::Commands;
            self.pump();
            self.flush_last_line(Direction::ServerToClient);
        }
        while self.gated && !self.client.unread().is_empty() {
            self.force_gate();
            self.pump();
            self.flush_last_line(Direction::ClientToServer);
        }
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
        let end = self.client_position();
        match std::mem::replace(&mut self.mode, ClientMode::Commands) {
            ClientMode::Data { txn, scanner } => {
                self.anomaly(
                    AnomalyKind::DataTruncated,
                    Direction::ClientToServer,
                    end,
                    format!("{} inside the DATA body", self.end_words),
                );
                self.end_data(txn, scanner.into_facts(), false);
            }
            ClientMode::Counted { unit, remaining, .. } if remaining > 0 => {
                let (kind, what) = match unit {
                    CountedUnit::Blob { .. } => (AnomalyKind::BlobTruncated, "XEXCH50 BLOB"),
                    CountedUnit::Chunk { .. } => (AnomalyKind::ChunkTruncated, "BDAT chunk"),
                };
                self.anomaly(
                    kind,
                    Direction::ClientToServer,
                    end,
                    format!(
                        "{} {remaining} bytes before the end of the {what}",
                        self.end_words
                    ),
                );
            }
            _ => {}
        }
        self.report_missing_sides();
        if self.anomalies_dropped > 0 {
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
        self.dialogue
    }

    /// The dialogue so far (for inspection while the session is open).
    pub fn dialogue(&self) -> &Dialogue {
        &self.dialogue
    }

    fn report_missing_sides(&mut self) {
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

    fn describe(&self, expect: Expect) -> String {
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

    fn client_position(&self) -> Position {
        self.client
            .position()
            .or_else(|| self.dialogue.transcript.last().map(|i| i.at))
            .unwrap_or(Position {
                frame: 0,
                ts: Default::default(),
            })
    }

    fn server_position(&self) -> Position {
        self.server.position().unwrap_or_else(|| self.client_position())
    }

    // ----- recording -------------------------------------------------------------------------

    fn push_item(&mut self, dir: Direction, at: Position, kind: ItemKind) -> Option<usize> {
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

    fn anomaly(&mut self, kind: AnomalyKind, dir: Direction, at: Position, detail: String) {
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

    /// Adds `n` bytes to the byte count of transcript item `index`.
    fn grow_item(&mut self, index: Option<usize>, n: u64) {
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
    fn unparsed(&mut self, dir: Direction, at: Position, len: usize) {
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

    fn transaction(&mut self, index: usize) -> Option<&mut Transaction> {
        self.dialogue.transactions.get_mut(index)
    }

    fn content(&mut self, txn: usize) -> Option<&mut Content> {
        self.transaction(txn).and_then(|t| t.data.as_mut())
    }

    /// Starts a new transaction (MAIL), returning its index.
    fn begin_transaction(&mut self) -> usize {
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
    fn current_transaction(&mut self) -> usize {
        match self.txn {
            Some(t) => t,
            None => self.begin_transaction(),
        }
    }

    // ----- the pump --------------------------------------------------------------------------

    /// Decodes as much as the buffered bytes allow, in both directions.
    fn pump(&mut self) {
        loop {
            let client = self.pump_client();
            let server = self.pump_server();
            if !client && !server {
                break;
            }
        }
    }

    /// One step of client decoding; false when nothing more can be done now.
    fn pump_client(&mut self) -> bool {
        if self.gated {
            if self.client.unread().len() <= MAX_HELD_BYTES {
                return false;
            }
            self.force_gate();
        }
        match &self.mode {
            ClientMode::Commands | ClientMode::Resync => match self.client.next_line() {
                Some(line) => {
                    self.client_line(line);
                    true
                }
                None => false,
            },
            ClientMode::Sasl(exchange) => {
                let exchange = *exchange;
                match self.client.next_line() {
                    Some(line) => {
                        self.sasl_line(exchange, line);
                        true
                    }
                    None => false,
                }
            }
            ClientMode::Data { .. } => self.data_step(),
            ClientMode::Counted { .. } => self.counted_step(),
            ClientMode::AwaitReply(txn) => {
                let txn = *txn;
                let n = self.client.discard() as u64;
                self.grow_item(self.content_item, n);
                if let Some(content) = self.content(txn) {
                    content.bytes = content.bytes.saturating_add(n);
                }
                false
            }
            ClientMode::TlsCheck => self.tls_check(),
            ClientMode::Tls => self.tls_bytes(Direction::ClientToServer),
        }
    }

    /// One step of server decoding; false when nothing more can be done now.
    fn pump_server(&mut self) -> bool {
        if matches!(self.mode, ClientMode::TlsCheck) {
            return false;
        }
        if self.server_tls {
            return self.tls_bytes(Direction::ServerToClient);
        }
        match self.server.next_line() {
            Some(line) => {
                self.server_line(line);
                true
            }
            None => false,
        }
    }

    fn tls_bytes(&mut self, dir: Direction) -> bool {
        let inbox = match dir {
            Direction::ClientToServer => &mut self.client,
            Direction::ServerToClient => &mut self.server,
        };
        let at = inbox.position();
        let n = inbox.discard() as u64;
        let (Some(at), true) = (at, n > 0) else {
            return false;
        };
        let tls = &mut self.dialogue.tls;
        match dir {
            Direction::ClientToServer => tls.c2s_bytes = tls.c2s_bytes.saturating_add(n),
            Direction::ServerToClient => tls.s2c_bytes = tls.s2c_bytes.saturating_add(n),
        }
        let slot = dir_index(dir);
        match self.tls_items.get(slot).copied().flatten() {
            Some(index) => self.grow_item(Some(index), n),
            None => {
                let index = self.push_item(dir, at, ItemKind::Tls { bytes: n });
                if let Some(s) = self.tls_items.get_mut(slot) {
                    *s = index;
                }
            }
        }
        false
    }

    /// Decodes the unterminated rest of a direction as a last line (end of connection).
    fn flush_last_line(&mut self, dir: Direction) {
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
        let inbox = match dir {
            Direction::ClientToServer => &mut self.client,
            Direction::ServerToClient => &mut self.server,
        };
        let Some(line) = inbox.rest_as_line() else {
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

    // ----- client lines ----------------------------------------------------------------------

    fn line_checks(&mut self, dir: Direction, line: &RawLine, in_sasl: bool) {
        if line.end == LineEnd::Lf {
            self.anomaly(
                AnomalyKind::BareLf,
                dir,
                line.at,
                "line ended with LF alone, not CRLF".into(),
            );
        }
        if line.end == LineEnd::None && line.len() >= super::inbox::MAX_LINE_BYTES {
            self.anomaly(
                AnomalyKind::LineTruncated,
                dir,
                line.at,
                format!(
                    "a line longer than {} bytes: its tail was skipped",
                    super::inbox::MAX_LINE_BYTES
                ),
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

    fn client_line(&mut self, line: RawLine) {
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

    fn expect(&mut self, item: Option<usize>, what: Awaiting) {
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

    fn on_command(&mut self, command: Command, at: Position) {
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
            (Verb::Bdat, Args::Bdat { size, last }) => self.bdat(size, last, at),
            (Verb::Xexch50, Args::Xexch50 { size, count }) => {
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
            (Verb::Auth | Verb::Xauth | Verb::XExps, Args::Sasl(sasl)) => {
                let mut exchange = AuthExchange {
                    verb: verb.name().to_string(),
                    mechanism: sasl.mechanism,
                    hash: sasl.hash,
                    at,
                    tokens: Vec::new(),
                    outcome: AuthOutcome::Incomplete,
                    reply: None,
                };
                if let Some(initial) = sasl.initial_response {
                    let token = if initial == "=" {
                        client_token(b"", at)
                    } else {
                        client_token(initial.as_bytes(), at)
                    };
                    exchange.tokens.push(token);
                }
                if self.dialogue.auth.len() >= MAX_AUTH {
                    // Not kept, but still framed as an exchange: its lines are never commands.
                    self.dialogue.auth_dropped = self.dialogue.auth_dropped.saturating_add(1);
                    return Awaiting::Sasl { exchange: usize::MAX };
                }
                self.dialogue.auth.push(exchange);
                Awaiting::Sasl {
                    exchange: self.dialogue.auth.len().saturating_sub(1),
                }
            }
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

    fn bdat(&mut self, size: SizeArg, last: bool, at: Position) -> Awaiting {
        let txn = self.current_transaction();
        let remaining = size.value;
        let index = self.transaction(txn).map_or(0, |t| {
            let content = t.data.get_or_insert_with(|| new_content("BDAT", at.frame));
            content.chunks.push(Chunk {
                size,
                last,
                frame: at.frame,
                bytes: 0,
                reply: None,
            });
            content.chunks.len().saturating_sub(1)
        });
        match remaining {
            Some(remaining) => {
                self.content_item = None;
                if index == 0 {
                    self.headers = HeaderReader::default();
                }
                self.mode = ClientMode::Counted {
                    unit: CountedUnit::Chunk { txn, index },
                    remaining,
                    gap: false,
                };
            }
            None => {
                self.anomaly(
                    AnomalyKind::BdatSizeInvalid,
                    Direction::ClientToServer,
                    at,
                    "BDAT without a usable size: its chunk cannot be framed".into(),
                );
                self.mode = ClientMode::Resync;
            }
        }
        Awaiting::Chunk { txn, index, last }
    }

    fn sasl_line(&mut self, exchange: usize, line: RawLine) {
        self.line_checks(Direction::ClientToServer, &line, true);
        let raw = self.client.bytes(line.range.clone());
        let token = if raw == b"*" {
            SaslToken {
                dir: Direction::ClientToServer,
                at: line.at,
                bytes: Vec::new(),
                base64: false,
                text: None,
                cancel: true,
            }
        } else {
            client_token(raw, line.at)
        };
        if !token.base64 && !token.cancel {
            self.anomaly(
                AnomalyKind::InvalidBase64,
                Direction::ClientToServer,
                line.at,
                format!("a {}-byte SASL line that is not base64", line.len()),
            );
        }
        let token_index = self.dialogue.auth.get_mut(exchange).and_then(|ex| {
            (ex.tokens.len() < MAX_TOKENS).then(|| {
                ex.tokens.push(token);
                ex.tokens.len().saturating_sub(1)
            })
        });
        let item = self.push_item(
            Direction::ClientToServer,
            line.at,
            ItemKind::AuthData {
                exchange,
                token: token_index.unwrap_or(usize::MAX),
            },
        );
        self.mode = ClientMode::Commands;
        self.expect(item, Awaiting::Sasl { exchange });
    }

    // ----- bulk client content ---------------------------------------------------------------

    fn data_step(&mut self) -> bool {
        let ClientMode::Data { txn, scanner } = &mut self.mode else {
            return false;
        };
        let txn = *txn;
        let unread = self.client.unread();
        if unread.is_empty() {
            return false;
        }
        let scan = scanner.feed(unread);
        let consumed = match scan {
            Scan::More => unread.len(),
            Scan::Ended { consumed } => consumed,
        };
        self.headers.feed(unread.get(..consumed).unwrap_or_default());
        if self.content_item.is_none() {
            let at = self.client_position();
            self.content_item = self.push_item(
                Direction::ClientToServer,
                at,
                ItemKind::Content {
                    verb: "DATA",
                    bytes: 0,
                },
            );
        }
        self.grow_item(self.content_item, consumed as u64);
        self.client.consume(consumed);
        if scan != Scan::More {
            if let ClientMode::Data { scanner, .. } = std::mem::replace(&mut self.mode, ClientMode::Commands)
            {
                let facts = scanner.facts().clone();
                self.end_data(txn, facts, true);
            }
            let item = self.content_item.take();
            self.expect(item, Awaiting::DataEnd { txn });
        }
        true
    }

    fn end_data(&mut self, txn: usize, facts: super::body::DataFacts, complete: bool) {
        let headers = std::mem::take(&mut self.headers).facts();
        if let Some(ItemKind::Content { bytes, .. }) = self
            .content_item
            .and_then(|i| self.dialogue.transcript.get_mut(i))
            .map(|item| &mut item.kind)
        {
            *bytes = facts.raw_bytes;
        }
        if let Some(content) = self.content(txn) {
            content.bytes = facts.raw_bytes;
            content.complete = complete;
            content.data = Some(facts);
            content.headers = headers;
        }
    }

    fn counted_step(&mut self) -> bool {
        let ClientMode::Counted { unit, remaining, .. } = &mut self.mode else {
            return false;
        };
        let unread = self.client.unread();
        let take_len = usize::try_from(*remaining)
            .unwrap_or(usize::MAX)
            .min(unread.len());
        if take_len == 0 && *remaining > 0 {
            return false;
        }
        let taken = unread.get(..take_len).unwrap_or_default();
        *remaining = remaining.saturating_sub(take_len as u64);
        let n = take_len as u64;
        let new_item = match unit {
            CountedUnit::Blob { txn, index, hash } => {
                hash.update(taken);
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
                if *index == 0 {
                    self.headers.feed(taken);
                }
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
                let at = self.client_position();
                self.content_item = self.push_item(Direction::ClientToServer, at, kind);
            }
        }
        self.grow_item(self.content_item, n);
        self.client.consume(take_len);
        if matches!(self.mode, ClientMode::Counted { remaining: 0, .. }) {
            self.end_counted();
        }
        true
    }

    /// Ends the counted unit in progress (all bytes seen, or given up after a gap).
    fn end_counted(&mut self) {
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
                self.expect(item, Awaiting::BlobEnd { txn, index });
            }
            CountedUnit::Chunk { txn, index: 0 } => {
                let headers = std::mem::take(&mut self.headers).facts();
                if let Some(content) = self.content(txn) {
                    content.headers = headers;
                }
            }
            CountedUnit::Chunk { .. } => {}
        }
    }

    // ----- TLS -------------------------------------------------------------------------------

    fn tls_check(&mut self) -> bool {
        let at = self.client.position();
        match looks_like_client_hello(self.client.unread()) {
            None => false,
            Some(true) => {
                let tls = &mut self.dialogue.tls;
                tls.started = true;
                tls.frame = at.map(|a| a.frame);
                self.mode = ClientMode::Tls;
                self.server_tls = true;
                true
            }
            Some(false) => {
                let at = at.unwrap_or_else(|| self.client_position());
                let by = self.dialogue.tls.by.clone().unwrap_or_default();
                self.anomaly(
                    AnomalyKind::StarttlsNotFollowedByTls,
                    Direction::ClientToServer,
                    at,
                    format!("the client continued in clear text after the 220 to {by}"),
                );
                self.mode = ClientMode::Commands;
                true
            }
        }
    }

    // ----- server lines and replies ----------------------------------------------------------

    fn server_line(&mut self, line: RawLine) {
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

    fn is_greeting(&self, reply: &Reply) -> bool {
        self.greeting_pending
            && matches!(reply.code, 220 | 421 | 554)
            && (self.handshake_seen || self.pending.is_empty())
    }

    fn on_reply(&mut self, reply: Reply, at: Position) {
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

    /// Records what a reply means for the command it answers, and switches framing when the reply
    /// authorises it.
    fn apply_reply(&mut self, expect: Expect, reply: Reply, at: Position) {
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
            Awaiting::Chunk { txn, index, last } => {
                let failed = code >= 400;
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
                if last && self.txn == Some(txn) {
                    self.txn = None;
                }
            }
            Awaiting::Sasl { exchange } => self.sasl_reply(exchange, reply, at, act),
            Awaiting::StartTls => {
                if code == 220 && act {
                    self.mode = ClientMode::TlsCheck;
                }
            }
        }
    }

    /// A reply arrived while the client was still inside a DATA body: the server ended the body
    /// before `CRLF.CRLF`. The body ends here, and the reply answers it.
    fn reply_during_data(&mut self, txn: usize, at: Position) {
        let ClientMode::Data { scanner, .. } = std::mem::replace(&mut self.mode, ClientMode::Commands) else {
            return;
        };
        let facts = scanner.into_facts();
        let detail = match facts.end_of_data_candidates.last() {
            Some(c) => format!(
                "the server replied before CRLF.CRLF; the body held {} at byte {}",
                c.sequence, c.offset
            ),
            None => "the server replied before the DATA body reached CRLF.CRLF".into(),
        };
        self.anomaly(
            AnomalyKind::ReplyBeforeEndOfData,
            Direction::ServerToClient,
            at,
            detail,
        );
        self.end_data(txn, facts, false);
        let item = self.content_item.take();
        self.expect(item, Awaiting::DataEnd { txn });
    }

    fn start_data(&mut self, txn: usize) {
        self.headers = HeaderReader::default();
        self.content_item = None;
        self.mode = ClientMode::Data {
            txn,
            scanner: DotScanner::new(),
        };
    }

    fn start_blob(&mut self, txn: usize, index: usize, size: Option<u64>, at: Position) {
        self.content_item = None;
        match size {
            Some(remaining) => {
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
                    "XEXCH50 without a usable size was answered 354: the BLOB cannot be framed".into(),
                );
                self.mode = ClientMode::Resync;
            }
        }
    }

    fn sasl_reply(&mut self, exchange: usize, reply: Reply, at: Position, act: bool) {
        if reply.code == 334 && act {
            self.mode = ClientMode::Sasl(exchange);
        }
        let Some(ex) = self.dialogue.auth.get_mut(exchange) else {
            return;
        };
        if reply.code == 334 {
            if ex.tokens.len() < MAX_TOKENS {
                ex.tokens.push(server_token(reply.text(), at));
            }
            return;
        }
        let cancelled = ex.tokens.last().is_some_and(|t| t.cancel);
        ex.outcome = match reply.code {
            235 => AuthOutcome::Success,
            _ if cancelled => AuthOutcome::Cancelled,
            _ => AuthOutcome::Failure,
        };
        ex.reply = Some(Located { at, value: reply });
    }

    // ----- gaps and forced decisions ---------------------------------------------------------

    /// Acts as if the reply the held client bytes wait for had authorised them.
    fn force_gate(&mut self) {
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

    fn on_gap(&mut self, dir: Direction, len: u64, at: Position) {
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
            ClientMode::Counted { unit, remaining, .. } => {
                let kind = match unit {
                    CountedUnit::Blob { .. } => AnomalyKind::GapInBlob,
                    CountedUnit::Chunk { .. } => AnomalyKind::GapInChunk,
                };
                self.anomaly(kind, dir, at, format!("{len} bytes missing inside the payload"));
                self.mode = ClientMode::Counted {
                    unit,
                    remaining: remaining.saturating_sub(len),
                    gap: true,
                };
                let within = len < remaining;
                self.count_gap_bytes(len.min(remaining));
                if !within {
                    self.end_counted();
                    self.mode = ClientMode::Resync;
                }
            }
            ClientMode::AwaitReply(txn) => self.mode = ClientMode::AwaitReply(txn),
            ClientMode::Tls => self.mode = ClientMode::Tls,
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
}

/// The first 60 characters of a line, quoted and escaped, for an anomaly's detail.
fn quoted(line: &[u8]) -> String {
    let shown: String = String::from_utf8_lossy(line).chars().take(60).collect();
    format!("{shown:?}")
}

fn new_content(verb: &'static str, frame: u64) -> Content {
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

/// A client SASL line (or initial response) as a token.
fn client_token(raw: &[u8], at: Position) -> SaslToken {
    let (bytes, base64) = decode_base64(raw);
    SaslToken {
        dir: Direction::ClientToServer,
        at,
        bytes,
        base64,
        text: None,
        cancel: false,
    }
}

/// A server 334 text as a token: base64 when it decodes, otherwise human-readable text.
fn server_token(text: &str, at: Position) -> SaslToken {
    let (bytes, base64) = decode_base64(text.trim().as_bytes());
    SaslToken {
        dir: Direction::ServerToClient,
        at,
        bytes: if base64 { bytes } else { Vec::new() },
        base64,
        text: (!base64).then(|| text.to_string()),
        cancel: false,
    }
}

/// Decodes a SASL line: (decoded bytes, true) or (the raw bytes, false) when not base64. Lines
/// beyond [`MAX_TOKEN_BYTES`] decoded are cut on a 4-character boundary.
fn decode_base64(raw: &[u8]) -> (Vec<u8>, bool) {
    let limit = MAX_TOKEN_BYTES / 3 * 4;
    let input = raw.get(..raw.len().min(limit)).unwrap_or_default();
    match SASL_BASE64.decode(input) {
        Ok(bytes) => (bytes, true),
        Err(_) => (
            input
                .get(..input.len().min(MAX_TOKEN_BYTES))
                .unwrap_or_default()
                .to_vec(),
            false,
        ),
    }
}

/// Whether `bytes` start a TLS ClientHello (PROTOCOL.md §1.8): a TLS record (`16 03 0x LL LL 01`)
/// or an SSLv2-compatible hello (high bit set, third byte `01`). `None`: too few bytes to tell.
pub fn looks_like_client_hello(bytes: &[u8]) -> Option<bool> {
    let first = *bytes.first()?;
    if first & 0x80 != 0 {
        let third = *bytes.get(2)?;
        return Some(third == 0x01);
    }
    if first != 0x16 {
        return Some(false);
    }
    if *bytes.get(1)? != 0x03 {
        return Some(false);
    }
    if *bytes.get(2)? > 0x04 {
        return Some(false);
    }
    Some(*bytes.get(5)? == 0x01)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_hello_detection() {
        assert_eq!(looks_like_client_hello(b""), None);
        assert_eq!(looks_like_client_hello(&[0x16, 0x03]), None);
        assert_eq!(
            looks_like_client_hello(&[0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00]),
            Some(true)
        );
        assert_eq!(
            looks_like_client_hello(&[0x16, 0x03, 0x01, 0x02, 0x00, 0x02]),
            Some(false)
        );
        assert_eq!(looks_like_client_hello(b"EHLO x\r\n"), Some(false));
        assert_eq!(looks_like_client_hello(&[0x80, 0x2e, 0x01, 0x03]), Some(true));
        assert_eq!(looks_like_client_hello(&[0x16, 0x03, 0x09, 0, 0, 1]), Some(false));
    }

    #[test]
    fn sasl_lines_decode_with_or_without_padding() {
        assert_eq!(decode_base64(b"dGVzdA=="), (b"test".to_vec(), true));
        assert_eq!(decode_base64(b"dGVzdA"), (b"test".to_vec(), true));
        assert_eq!(decode_base64(b""), (Vec::new(), true));
        assert_eq!(decode_base64(b"not base64!"), (b"not base64!".to_vec(), false));
        let t = server_token(
            "GSSAPI supported",
            Position {
                frame: 1,
                ts: Default::default(),
            },
        );
        assert_eq!((t.base64, t.text.as_deref()), (false, Some("GSSAPI supported")));
    }
}
