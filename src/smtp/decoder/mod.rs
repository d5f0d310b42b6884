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
//! # Layout
//!
//! One [`SmtpDecoder`] whose methods are spread over files along the seams of the protocol; every
//! file is an `impl SmtpDecoder` block over the same private state, and owns one concern:
//!
//! | file | owns |
//! |---|---|
//! | `mod.rs` | the state ([`SmtpDecoder`], `ClientMode`), the limits, the life cycle (`new`, `on_event`, `finish`) and the pump that drives both directions |
//! | `framing` | cutting each direction into lines and handing them to the command, SASL or reply path |
//! | `pairing` | the queue of expected replies: which reply answers which command, what stays unanswered |
//! | `state` | what each command and each reply does to the session (the transition tables) |
//! | `sasl` | AUTH / XAUTH / X-EXPS exchanges: continuation lines, 334 challenges, tokens, outcome |
//! | `counted` | units framed by an announced size: the XEXCH50 BLOB and BDAT chunks |
//! | `data` | the dot-terminated DATA body |
//! | `content` | the body sink: every byte of message content (DATA body and BDAT chunks), once, in order |
//! | `tls` | the hand-off point to TLS: where bytes after STARTTLS leave SMTP framing |
//! | `gaps` | bytes missing from the capture, and decisions forced when a reply never comes |
//! | `record` | writing the [`Dialogue`]: transcript items, anomalies, transactions, all bounded |
//!
//! Every buffer is bounded by a named limit. Must not: judge what the dialogue means for a mail
//! system, read packets, or print.

mod content;
mod counted;
mod data;
mod framing;
mod gaps;
mod pairing;
mod record;
mod sasl;
mod state;
mod tls;

use std::collections::VecDeque;

use super::anomaly::AnomalyKind;
use super::body::DotScanner;
use super::dialogue::{Dialogue, Position};
use super::inbox::Inbox;
use super::reply::ReplyAssembler;
use crate::net::Direction;
use crate::reasm::{CloseCause, ConnInfo, EventKind, StreamEvent};

use content::BodySink;
use counted::CountedUnit;
use pairing::Expect;

pub use tls::looks_like_client_hello;

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
    body: BodySink,
    content_item: Option<usize>,
    tls_items: [Option<usize>; 2],
    anomalies_dropped: u64,
    /// Bytes were lost since the last command or reply was matched, so a reply with no command
    /// waiting proves nothing (its command, or the replies before it, may be in the gap).
    matching_uncertain: bool,
    /// How the end of the session is worded in anomalies: the connection or only the capture ended.
    end_words: &'static str,
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
            body: BodySink::default(),
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
                self.inbox(event.dir).push(bytes, at);
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
        self.finish_reply();
        self.finish_client_unit();
        self.report_missing_sides();
        self.report_dropped_anomalies();
        self.dialogue
    }

    /// The dialogue so far (for inspection while the session is open).
    pub fn dialogue(&self) -> &Dialogue {
        &self.dialogue
    }

    /// One direction's buffered bytes.
    fn inbox(&mut self, dir: Direction) -> &mut Inbox {
        match dir {
            Direction::ClientToServer => &mut self.client,
            Direction::ServerToClient => &mut self.server,
        }
    }

    /// Where the client's next byte arrived (else the last item's position, else frame 0).
    fn client_position(&self) -> Position {
        self.client
            .position()
            .or_else(|| self.dialogue.transcript.last().map(|i| i.at))
            .unwrap_or(Position {
                frame: 0,
                ts: Default::default(),
            })
    }

    /// Where the server's next byte arrived (else the client's position).
    fn server_position(&self) -> Position {
        self.server.position().unwrap_or_else(|| self.client_position())
    }

    /// The unit the client was inside when the session ended: a DATA body or a counted payload
    /// short of its end.
    fn finish_client_unit(&mut self) {
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
                self.counted_truncated(&unit, remaining, end);
            }
            _ => {}
        }
        self.body_end();
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
                self.data_after_gap(txn);
                false
            }
            ClientMode::TlsCheck => self.tls_check(),
            ClientMode::Tls => self.tls_handoff(Direction::ClientToServer),
        }
    }

    /// One step of server decoding; false when nothing more can be done now.
    fn pump_server(&mut self) -> bool {
        if matches!(self.mode, ClientMode::TlsCheck) {
            return false;
        }
        if self.server_tls {
            return self.tls_handoff(Direction::ServerToClient);
        }
        match self.server.next_line() {
            Some(line) => {
                self.server_line(line);
                true
            }
            None => false,
        }
    }
}
