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
//!   parses as a known command; a gap inside DATA ends the body's framing and decoding resumes at
//!   the next reply (the body sink still reads the rest of the message up to its terminator); gaps inside counted payloads are counted against them. Nothing is invented: what is
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
//! | `tls` | the hand-off to TLS: bytes after STARTTLS (or of implicit TLS) go to the TLS session, decrypted bytes come back |
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
mod intake;
mod pairing;
mod record;
mod sasl;
mod smuggling;
mod state;
mod tls;
mod transactions;
pub mod uncertain;

use std::collections::VecDeque;

use super::anomaly::AnomalyKind;
use super::body::DotScanner;
use super::dialogue::{Dialogue, Item, Position};
use super::inbox::Inbox;
use super::reply::ReplyAssembler;
use crate::message::Options as MessageOptions;
use crate::net::Direction;
use crate::reasm::{CloseCause, ConnInfo, EventKind, StreamEvent};
use crate::tls::{TlsKeys, TlsSession};
use std::sync::Arc;

use content::BodySink;
use counted::CountedUnit;
use intake::{Incoming, Taken};
use pairing::{Expect, Pairing};
use smuggling::Tail;

pub use tls::{looks_like_client_hello, IMPLICIT_TLS};

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
    /// One SASL continuation line for `exchange` (`usize::MAX`: an exchange not kept, or one the
    /// decoder did not recognise but the server prompted for). `prompted`: the `334` was seen (else
    /// it was assumed, and a line that is a command and cannot be SASL data ends the exchange).
    Sasl { exchange: usize, prompted: bool },
    /// A DATA body of transaction `txn`.
    Data { txn: usize, scanner: DotScanner },
    /// A counted payload.
    Counted {
        unit: CountedUnit,
        remaining: u64,
        gap: bool,
    },
    /// The rest of a DATA body of transaction `.0` that lost bytes: counted, not scanned, until
    /// its terminator or the next reply. Until one of them comes, the gap may have held the end
    /// of the body and commands after it: a reply in this mode counts them lost first.
    AwaitReply(usize),
    /// Content after a `354` to a command the decoder does not know (lost in a gap, or not
    /// recognised): a body or a BLOB whose framing is unknown, skipped until the next reply.
    Unknown,
    /// After the 220 to STARTTLS/X-ANONYMOUSTLS: is the next thing a ClientHello?
    TlsCheck,
}

/// Decodes one SMTP session from its stream events.
///
/// One lives for every open connection that carried data, so what only some sessions need — the
/// TLS records, the hypotheses after a gap, the bytes after a non-canonical end of data — is boxed:
/// 1,768 bytes each before their buffers (a flood of half-open connections is mostly these).
#[derive(Debug)]
pub struct SmtpDecoder {
    dialogue: Dialogue,
    client: Inbox,
    server: Inbox,
    mode: ClientMode,
    /// A gating command waits for its reply: client bytes are held.
    gated: bool,
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
    /// The connection's TLS, once it began: every byte of both directions goes there.
    tls: Option<Box<TlsSession>>,
    /// Key material to decrypt TLS with.
    tls_keys: Option<Arc<TlsKeys>>,
    /// Items now come from decrypted TLS.
    decrypted: bool,
    anomalies_dropped: u64,
    /// After a gap: the hypotheses the queue is read through (`None`: read plainly).
    uncertain: Option<Box<Pairing>>,
    /// The last expectation queued ends a pipelined group: the client's next unit proves it had
    /// every reply so far (RFC 2920 §3.1).
    last_ends_group: bool,
    /// A reply a server gap cut short: its code and what it answered (its rest may follow).
    cut_reply: Option<(u16, Option<usize>)>,
    /// The server gaps since the last reply, with the replies each may still hold.
    server_gaps: Vec<gaps::GapSlot>,
    /// Each kept first transcript item's place in its direction's stream order (see
    /// `order_timeline`): its own index, or (for a reply inferred inside a gap) the gap's index and
    /// a count.
    ranks: Vec<(usize, u32)>,
    /// The last items of a transcript past its limit: (index, item, rank).
    tail: VecDeque<(usize, Item, (usize, u32))>,
    /// The index the next transcript item gets (in the whole transcript, kept or not).
    next_item: usize,
    /// MAIL commands past [`MAX_TRANSACTIONS`] (recorded in the last transaction).
    transactions_dropped: u64,
    /// SASL tokens past [`MAX_TOKENS`] in an exchange (counted, not kept).
    tokens_dropped: u64,
    /// Raw bytes of the DATA body in progress scanned so far.
    data_offset: u64,
    /// The bytes after the first non-canonical end-of-data of the DATA body in progress.
    data_tail: Option<Box<Tail>>,
    /// The same, for the last body that ended, until a reply says whether the server read them
    /// as commands.
    smuggle: Option<Box<Tail>>,
    /// Decoding bytes the server read as commands inside a DATA body (items are smuggled).
    smuggling: bool,
    /// How the end of the session is worded in anomalies: the connection ended, went idle past the
    /// idle timeout, was replaced or evicted, or only the capture ended.
    end_words: &'static str,
    /// Limits and shared budget of message decoding; `None` when contents are not decoded into
    /// message records ([`SmtpDecoder::without_messages`]).
    message_options: Option<MessageOptions>,
    /// Tests only: how client bytes reached their unit ([`intake`]).
    #[cfg(test)]
    intake_probe: intake::Probe,
}

impl SmtpDecoder {
    /// A decoder for the connection described by `info`, with default message limits and a
    /// budget of its own, without TLS keys.
    pub fn new(info: &ConnInfo) -> Self {
        SmtpDecoder::with_message_options(info, MessageOptions::default())
    }

    /// A decoder whose message decoding uses `message_options` (their budget shared with every
    /// other session of the run).
    pub fn with_message_options(info: &ConnInfo, message_options: MessageOptions) -> Self {
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
            tls: None,
            tls_keys: None,
            decrypted: false,
            anomalies_dropped: 0,
            uncertain: None,
            last_ends_group: false,
            cut_reply: None,
            server_gaps: Vec::new(),
            ranks: Vec::new(),
            tail: VecDeque::new(),
            next_item: 0,
            transactions_dropped: 0,
            tokens_dropped: 0,
            data_offset: 0,
            data_tail: None,
            smuggle: None,
            smuggling: false,
            end_words: "end-connection-ended",
            message_options: Some(message_options),
            #[cfg(test)]
            intake_probe: intake::Probe::default(),
        };
        if !info.handshake_seen {
            decoder.anomaly(
                AnomalyKind::MidstreamStart,
                Direction::ClientToServer,
                at,
                crate::msg!("anomaly-midstream-start"),
            );
        }
        decoder
    }

    /// The same decoder, recording the dialogue only: contents are counted and framed as always,
    /// but not decoded into message records (for `diff`'s second pass, which compares dialogues).
    #[must_use]
    pub fn without_messages(mut self) -> Self {
        self.message_options = None;
        self
    }

    /// The same decoder, decrypting its TLS with `keys` (key-log secrets, RSA server keys).
    pub fn with_tls_keys(mut self, keys: Option<Arc<TlsKeys>>) -> Self {
        self.tls_keys = keys;
        self
    }

    /// Feeds one stream event of this connection.
    pub fn on_event(&mut self, event: &StreamEvent<'_>) {
        let at = Position {
            frame: event.frame,
            ts: event.ts,
        };
        match &event.kind {
            EventKind::Data(bytes) if self.in_tls() => self.tls_data(event.dir, bytes, at),
            EventKind::Data(bytes) => self.receive(event.dir, bytes, at),
            EventKind::Gap { len, .. } if self.in_tls() => self.tls_gap(event.dir, *len, at),
            EventKind::Gap { len, .. } => self.on_gap(event.dir, *len, at),
            EventKind::Open(_) | EventKind::Fin | EventKind::Close(_) => {}
        }
    }

    /// Ends the session (`cause`: how the connection ended): decodes what is left, records what
    /// never finished, returns the dialogue.
    pub fn finish(mut self, cause: CloseCause) -> Dialogue {
        self.end_words = match cause {
            CloseCause::Fin | CloseCause::Rst => "end-connection-ended",
            // The capture went on: the connection itself fell silent (and is judged as stalled).
            CloseCause::Idle => "end-connection-idle",
            CloseCause::Reused => "end-connection-reused",
            // Only here did the capture cut the session (capture-ended judges it).
            CloseCause::EndOfInput => "end-capture-ended",
            CloseCause::Evicted => "end-connection-evicted",
        };
        self.pump();
        // Bytes held for a gate a server gap may have answered: the gap answered it, before
        // whatever the server sent after the gap.
        while self.gated && self.gap_room() > 0 && !self.client.unread().is_empty() {
            self.force_gate();
            self.pump();
        }
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
        self.report_limits();
        self.report_dropped_anomalies();
        self.finish_tls();
        self.settle_transactions();
        self.close_transcript();
        self.order_timeline();
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
            .or_else(|| {
                self.tail
                    .back()
                    .map(|(_, i, _)| i)
                    .or(self.dialogue.transcript.last())
                    .map(|i| i.at)
            })
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
                    crate::msg!("anomaly-data-truncated", ended = self.end_text()),
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
        if self.gated && self.uncertain.is_some() && !self.client.unread().is_empty() {
            self.held_bytes_prove_the_gate();
        }
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
            ClientMode::Sasl { exchange, prompted } => {
                let (exchange, prompted) = (*exchange, *prompted);
                match self.client.next_line() {
                    Some(line) => {
                        self.sasl_line(exchange, prompted, line);
                        true
                    }
                    None => false,
                }
            }
            ClientMode::Data { .. } | ClientMode::Counted { .. } => self.take_held(),
            ClientMode::AwaitReply(txn) => {
                let txn = *txn;
                self.data_after_gap(txn)
            }
            ClientMode::Unknown => {
                self.unknown_content();
                false
            }
            ClientMode::TlsCheck => self.tls_check(),
        }
    }

    /// One step of server decoding; false when nothing more can be done now.
    fn pump_server(&mut self) -> bool {
        if matches!(self.mode, ClientMode::TlsCheck) {
            return false;
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

/// The connection that tests decoding a dialogue talk over: a client at 192.0.2.10 and a server
/// on port 25, its handshake seen, frame 1 at t = 1000 s.
#[cfg(test)]
pub(crate) fn test_connection() -> ConnInfo {
    ConnInfo {
        id: crate::reasm::ConnId(1),
        client: "192.0.2.10:49152".parse().expect("address"),
        server: "198.51.100.25:25".parse().expect("address"),
        handshake_seen: true,
        first_frame: 1,
        start: crate::time::Timestamp::new(1_000, 0),
    }
}

/// `steps` decoded over [`test_connection`], each its own frame from frame 2 on, then closed.
#[cfg(test)]
pub(crate) fn decode_steps(steps: &[(Direction, &[u8])]) -> Dialogue {
    let info = test_connection();
    let mut decoder = SmtpDecoder::new(&info);
    for (frame, (dir, bytes)) in (2u64..).zip(steps) {
        decoder.on_event(&StreamEvent {
            conn: info.id,
            dir: *dir,
            ts: info.start,
            frame,
            kind: EventKind::Data(bytes),
        });
    }
    decoder.finish(CloseCause::Fin)
}
