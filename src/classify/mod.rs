//! Which TCP connections carry SMTP: by port, by content, through proxies, in implicit TLS.
//!
//! Owns the decision, per connection, in front of `smtp/`:
//! - **By port.** A connection whose server port is an SMTP port (25, 465, 587, 2525 and every
//!   `--port`) is SMTP — in implicit TLS (RFC 8314 §3.3) when the client speaks first with a TLS
//!   ClientHello (always so on 465), in clear otherwise.
//! - **By content**, on any other port (unless `--only-ports`), as Zeek's protocol detection does:
//!   the server's first line is a `220` greeting *and* the client's first line is `EHLO`, `HELO` or
//!   `LHLO`. A connection picked up mid-stream is SMTP when the server's first line is a reply and
//!   the client's a known SMTP command — one only SMTP uses (`MAIL`, `RCPT`, `DATA`, …), or one it
//!   shares with FTP or POP3 (`NOOP`, `QUIT`, `RSET`, `AUTH`, `HELP`) when the probe also holds an
//!   SMTP-only verb or a reply with an enhanced status code (`250 2.0.0`): an FTP control
//!   connection's `NOOP`/`200`, `QUIT`/`221` is not SMTP. When only one side is in the capture, or the probing ends in
//!   a gap or at the close, one side's evidence is enough. Roles found the wrong way round (the side
//!   taken for the server said `EHLO`) are turned round.
//! - **Tunnels**: a SOCKS 4/4a, SOCKS 5 (with or without RFC 1929 user name and password) or HTTP
//!   CONNECT handshake at the start of a connection is read (`tunnel`), and what follows it is
//!   classified as above, the proxy's target port standing for the server port; the session is
//!   decoded from the first byte after the handshake and names the tunnel ([`Tunnel`]).
//!
//! Contract: [`Connection`] takes the reassembler's events of one connection. While it probes, it
//! keeps the events (at most [`PROBE_LIMIT`] bytes per direction, the named bound; past it without
//! a decision, the connection is not SMTP); once it decides SMTP it replays them into an
//! [`SmtpDecoder`] and from then on hands each event straight to the decoder — nothing more is
//! looked at, so classification costs nothing once a connection is classified. A connection that is
//! not SMTP answers [`Outcome::Release`] once, and the caller tells the reassembler to stop
//! reassembling it. Must not: parse SMTP beyond a first line, judge a session, or print.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

pub mod tunnel;

use serde::Serialize;

use crate::capture::Timestamp;
use crate::net::{Direction, PortSet};
use crate::reasm::{ConnId, ConnInfo, ConnSummary, EventKind, GapCause, StreamEvent};
use crate::smtp::reply::{enhanced_code, parse_reply_line};
use crate::smtp::{decoder::looks_like_client_hello, Dialogue, SmtpDecoder};
use tunnel::{Step, Target, TunnelKind};

/// Bytes kept per direction while a connection on an unknown port is being classified.
pub const PROBE_LIMIT: usize = 4096;

/// The ports that are SMTP whatever they carry, beside `--port`: submission, relay, and implicit
/// TLS (RFC 8314).
pub const WELL_KNOWN_SMTP_PORTS: [u16; 4] = PortSet::DEFAULT_SMTP;

/// How connections are classified.
#[derive(Clone, Debug)]
pub struct ClassifyConfig {
    /// The ports whose connections are SMTP (the well-known ones and every `--port`).
    pub smtp_ports: PortSet,
    /// Only those ports: no detection by content, no tunnels.
    pub only_ports: bool,
}

impl Default for ClassifyConfig {
    fn default() -> Self {
        ClassifyConfig {
            smtp_ports: PortSet::new(&WELL_KNOWN_SMTP_PORTS),
            only_ports: false,
        }
    }
}

/// A proxy a session went through.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Tunnel {
    /// The proxy protocol.
    pub kind: TunnelKind,
    /// Where the client asked the proxy to connect.
    pub target: Target,
    /// The user name the client gave the proxy (SOCKS 4 user id, RFC 1929 user), if any.
    pub user: Option<String>,
}

/// What the caller should do with a connection after an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Keep feeding it.
    Keep,
    /// It is not SMTP: stop reassembling it (said once).
    Release,
}

/// Makes the SMTP decoder of a connection found to carry SMTP, from its description (which the
/// maker may number: [`ConnInfo::id`]).
pub type Decoders<'a> = &'a mut dyn FnMut(&mut ConnInfo) -> SmtpDecoder;

/// A finished SMTP session's parts, as the connection classified them.
#[derive(Debug)]
pub struct Finished {
    /// Client and server as SMTP sees them (turned round when detection found them reversed).
    pub info: ConnInfo,
    /// The transport summary, its directions turned round with the roles.
    pub summary: ConnSummary,
    /// What the decoder made of it.
    pub dialogue: Dialogue,
    /// The proxy it went through, if any.
    pub tunnel: Option<Tunnel>,
}

/// One event kept while probing (data as a range of the direction's buffer).
#[derive(Clone, Debug)]
struct Held {
    dir: Direction,
    frame: u64,
    ts: Timestamp,
    kind: HeldKind,
}

#[derive(Clone, Debug)]
enum HeldKind {
    Data { from: usize, to: usize },
    Gap { len: u64, cause: GapCause },
    Fin,
}

/// What the probe decided.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Decision {
    /// SMTP in clear; `swapped`: the roles are the other way round.
    Smtp { swapped: bool },
    /// SMTP in TLS from the first byte.
    ImplicitTls,
    /// Not SMTP.
    Other,
}

/// The first line of a direction, as far as it tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Line {
    /// Nothing yet, or too little to tell.
    Unknown,
    /// It is (or starts) what was looked for.
    Yes,
    /// It is not.
    No,
}

/// Whether `bytes` start with `word` (ASCII case-insensitive) followed by a space or a line end:
/// `Unknown` while they are a prefix of it.
fn starts_with_word(bytes: &[u8], word: &[u8]) -> Line {
    let n = bytes.len().min(word.len());
    let (Some(head), Some(want)) = (bytes.get(..n), word.get(..n)) else {
        return Line::Unknown;
    };
    if !head.eq_ignore_ascii_case(want) {
        return Line::No;
    }
    match bytes.get(word.len()) {
        None => Line::Unknown,
        Some(b' ' | b'\r' | b'\n' | b'\t') => Line::Yes,
        Some(_) => Line::No,
    }
}

/// Whether `bytes` start with one of `words` ([`starts_with_word`] for each, the best answer).
fn starts_with_any(bytes: &[u8], words: &[&[u8]]) -> Line {
    words
        .iter()
        .map(|w| starts_with_word(bytes, w))
        .fold(Line::No, best)
}

/// The more telling of two answers: `Yes` over `Unknown` over `No`.
fn best(a: Line, b: Line) -> Line {
    match (a, b) {
        (Line::Yes, _) | (_, Line::Yes) => Line::Yes,
        (Line::Unknown, _) | (_, Line::Unknown) => Line::Unknown,
        _ => Line::No,
    }
}

/// The client's first line is `EHLO`, `HELO` or `LHLO`.
fn client_greets(c2s: &[u8]) -> Line {
    starts_with_any(c2s, &[b"EHLO", b"HELO", b"LHLO"])
}

/// The server's first line is a `220` greeting.
fn server_greets(s2c: &[u8]) -> Line {
    match s2c {
        [] | [b'2'] | [b'2', b'2'] | [b'2', b'2', b'0'] => Line::Unknown,
        [b'2', b'2', b'0', b' ' | b'-' | b'\r' | b'\n', ..] => Line::Yes,
        _ => Line::No,
    }
}

/// A mid-stream server line: a reply, `ddd` then a space, `-` or the line end, code 2xx to 5xx.
fn server_replies(s2c: &[u8]) -> Line {
    let digits = s2c.iter().take(3).take_while(|b| b.is_ascii_digit()).count();
    if digits < s2c.len().min(3) {
        return Line::No;
    }
    match s2c {
        [a, _, _, b' ' | b'-' | b'\r' | b'\n', ..] if (b'2'..=b'5').contains(a) => Line::Yes,
        [_, _, _, _, ..] => Line::No,
        _ => Line::Unknown,
    }
}

/// Verbs no other protocol on the usual ports uses: one of them as the client's line is evidence of
/// SMTP enough.
const SMTP_VERBS: [&[u8]; 11] = [
    b"MAIL",
    b"RCPT",
    b"DATA",
    b"BDAT",
    b"XEXCH50",
    b"X-EXPS",
    b"STARTTLS",
    b"VRFY",
    b"EXPN",
    b"EHLO",
    b"HELO",
];

/// Verbs SMTP shares with other line protocols — FTP's `QUIT`, `NOOP`, `HELP` and `AUTH` (RFC 959,
/// RFC 2228), POP3's `RSET` (RFC 1939) — which also answer with three digits (FTP): alone they do
/// not tell SMTP.
const SHARED_VERBS: [&[u8]; 5] = [b"QUIT", b"NOOP", b"RSET", b"AUTH", b"HELP"];

/// A mid-stream client line: a command of an SMTP session under way. A verb other protocols share
/// ([`SHARED_VERBS`]) counts only with evidence of SMTP elsewhere in the probe ([`smtp_evidence`]);
/// without it the answer stays `Unknown`, which is no when the probing ends.
fn client_commands(c2s: &[u8], s2c: &[u8]) -> Line {
    match starts_with_any(c2s, &SMTP_VERBS) {
        Line::Yes => Line::Yes,
        own => match (own, starts_with_any(c2s, &SHARED_VERBS)) {
            (_, Line::Yes) if smtp_evidence(c2s, s2c) => Line::Yes,
            (_, Line::Yes) => Line::Unknown,
            (own, shared) => best(own, shared),
        },
    }
}

/// Whether the probed bytes hold something only SMTP says: a whole client line with one of
/// [`SMTP_VERBS`], or a whole reply line with an enhanced status code (RFC 3463, `250 2.1.5`).
fn smtp_evidence(c2s: &[u8], s2c: &[u8]) -> bool {
    whole_lines(c2s).any(|line| starts_with_any(line, &SMTP_VERBS) == Line::Yes)
        || whole_lines(s2c).any(has_enhanced_code)
}

/// The whole lines of `bytes`, each with its line end (the part after the last line end is not one).
fn whole_lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let complete = bytes
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |end| end.saturating_add(1));
    bytes
        .get(..complete)
        .unwrap_or_default()
        .split_inclusive(|b| *b == b'\n')
}

/// A reply line (with or without its line end) whose text starts with an enhanced status code of
/// its own class (RFC 3463: `250 2.1.5`, `451-4.7.1`).
fn has_enhanced_code(line: &[u8]) -> bool {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    parse_reply_line(line).is_some_and(|reply| {
        enhanced_code(&reply.text).is_some_and(|e| e.bytes().next() == reply.code.to_string().bytes().next())
    })
}

/// Reads a proxy handshake at the start of the two directions: the tunnel and the bytes it took
/// in each, `Invalid` when the client did not open one (or the proxy refused it).
fn read_tunnel(c2s: &[u8], s2c: &[u8]) -> Step<(Tunnel, usize, usize)> {
    match c2s.first() {
        // The client opens every handshake: a server that speaks first opened none.
        None if !s2c.is_empty() => Step::Invalid,
        None => Step::Incomplete,
        Some(4) => socks4(c2s, s2c),
        Some(5) => socks5(c2s, s2c),
        Some(b'C' | b'c') => http_connect(c2s, s2c),
        Some(_) => Step::Invalid,
    }
}

/// Moves on through one step: its value and the bytes after it, or the step's verdict.
macro_rules! step {
    ($parse:expr, $bytes:expr, $at:expr) => {{
        let at: usize = $at;
        match $parse($bytes.get(at..).unwrap_or_default()) {
            Step::Done(value, len) => (value, at.saturating_add(len)),
            Step::Incomplete => return Step::Incomplete,
            Step::Invalid => return Step::Invalid,
        }
    }};
}

fn socks4(c2s: &[u8], s2c: &[u8]) -> Step<(Tunnel, usize, usize)> {
    let ((target, is_4a), c) = step!(tunnel::socks4_request, c2s, 0);
    let (granted, s) = step!(tunnel::socks4_reply, s2c, 0);
    if !granted {
        return Step::Invalid;
    }
    let user_end = c2s
        .get(8..)
        .and_then(|r| r.iter().position(|&b| b == 0))
        .unwrap_or(0);
    let user = c2s.get(8..8usize.saturating_add(user_end)).unwrap_or_default();
    let tunnel = Tunnel {
        kind: if is_4a {
            TunnelKind::Socks4a
        } else {
            TunnelKind::Socks4
        },
        target,
        user: (!user.is_empty()).then(|| String::from_utf8_lossy(user).into_owned()),
    };
    Step::Done((tunnel, c, s), 0)
}

fn socks5(c2s: &[u8], s2c: &[u8]) -> Step<(Tunnel, usize, usize)> {
    let (_methods, c) = step!(tunnel::socks5_greeting, c2s, 0);
    let (method, s) = step!(tunnel::socks5_choice, s2c, 0);
    let (user, c, s) = match method {
        0 => (None, c, s),
        2 => {
            let (user, c) = step!(tunnel::socks5_userpass, c2s, c);
            let (accepted, s) = step!(tunnel::socks5_userpass_reply, s2c, s);
            if !accepted {
                return Step::Invalid;
            }
            (Some(user), c, s)
        }
        _ => return Step::Invalid, // no acceptable method, or GSSAPI (its traffic is wrapped)
    };
    let (target, c) = step!(tunnel::socks5_request, c2s, c);
    let (rep, s) = step!(tunnel::socks5_reply, s2c, s);
    if rep != 0 {
        return Step::Invalid;
    }
    let tunnel = Tunnel {
        kind: TunnelKind::Socks5,
        target,
        user,
    };
    Step::Done((tunnel, c, s), 0)
}

fn http_connect(c2s: &[u8], s2c: &[u8]) -> Step<(Tunnel, usize, usize)> {
    let (target, c) = step!(tunnel::http_connect_request, c2s, 0);
    let (status, s) = step!(tunnel::http_connect_reply, s2c, 0);
    if !(200..300).contains(&status) {
        return Step::Invalid;
    }
    let tunnel = Tunnel {
        kind: TunnelKind::HttpConnect,
        target,
        user: None,
    };
    Step::Done((tunnel, c, s), 0)
}

fn slot(dir: Direction) -> usize {
    match dir {
        Direction::ClientToServer => 0,
        Direction::ServerToClient => 1,
    }
}

/// A connection being watched before the decision.
#[derive(Debug)]
struct Probe {
    /// The server's port is an SMTP port.
    smtp_port: bool,
    /// Content detection and tunnels are allowed.
    by_content: bool,
    handshake_seen: bool,
    events: Vec<Held>,
    /// Each direction's bytes so far (at most [`PROBE_LIMIT`]).
    bytes: [Vec<u8>; 2],
    /// A direction lost bytes or ended: what it has is all it will have for the decision.
    done: [bool; 2],
    /// The tunnel read at the start, and the bytes its handshake took in each direction.
    tunnel: Option<(Tunnel, [usize; 2])>,
    /// No tunnel handshake can be at the start (decided once).
    no_tunnel: bool,
    /// The direction whose bytes came first after the handshake.
    first: Option<Direction>,
}

impl Probe {
    fn after_tunnel(&self, dir: Direction) -> &[u8] {
        let skip = self
            .tunnel
            .as_ref()
            .map_or(0, |(_, s)| s.get(slot(dir)).copied().unwrap_or(0));
        self.bytes
            .get(slot(dir))
            .and_then(|b| b.get(skip..))
            .unwrap_or_default()
    }

    /// Keeps one event; false when the bound is reached.
    fn keep(&mut self, event: &StreamEvent<'_>) -> bool {
        let kind = match &event.kind {
            EventKind::Data(data) => {
                let Some(buf) = self.bytes.get_mut(slot(event.dir)) else {
                    return false;
                };
                if buf.len().saturating_add(data.len()) > PROBE_LIMIT {
                    return false;
                }
                let from = buf.len();
                buf.extend_from_slice(data);
                HeldKind::Data { from, to: buf.len() }
            }
            EventKind::Gap { len, cause } => {
                if let Some(d) = self.done.get_mut(slot(event.dir)) {
                    *d = true;
                }
                HeldKind::Gap {
                    len: *len,
                    cause: *cause,
                }
            }
            EventKind::Fin => {
                if let Some(d) = self.done.get_mut(slot(event.dir)) {
                    *d = true;
                }
                HeldKind::Fin
            }
            EventKind::Open(_) | EventKind::Close(_) => return true,
        };
        self.events.push(Held {
            dir: event.dir,
            frame: event.frame,
            ts: event.ts,
            kind,
        });
        true
    }

    /// Decides if the bytes so far tell; `closing`: no more bytes will come.
    fn decide(&mut self, config: &ClassifyConfig, closing: bool) -> Option<Decision> {
        if !self.smtp_port && !self.no_tunnel && self.tunnel.is_none() && self.by_content {
            let c2s = self.bytes.first().map(Vec::as_slice).unwrap_or_default();
            let s2c = self.bytes.get(1).map(Vec::as_slice).unwrap_or_default();
            match read_tunnel(c2s, s2c) {
                Step::Done((tunnel, c, s), _) => {
                    self.smtp_port = config.smtp_ports.contains(tunnel.target.port);
                    self.tunnel = Some((tunnel, [c, s]));
                }
                Step::Invalid => self.no_tunnel = true,
                Step::Incomplete if closing || self.done.contains(&true) => self.no_tunnel = true,
                Step::Incomplete => return None,
            }
        }
        if self.first.is_none() {
            let (c_empty, s_empty) = (
                self.after_tunnel(Direction::ClientToServer).is_empty(),
                self.after_tunnel(Direction::ServerToClient).is_empty(),
            );
            self.first = match (c_empty, s_empty) {
                (true, true) => None,
                (false, true) => Some(Direction::ClientToServer),
                (true, false) => Some(Direction::ServerToClient),
                // Both arrived while the handshake was still being read: SMTP's server speaks first.
                (false, false) => Some(Direction::ServerToClient),
            };
        }
        let (c2s, s2c) = (
            self.after_tunnel(Direction::ClientToServer),
            self.after_tunnel(Direction::ServerToClient),
        );
        if self.smtp_port {
            return match self.first {
                Some(Direction::ClientToServer) => match looks_like_client_hello(c2s) {
                    Some(true) => Some(Decision::ImplicitTls),
                    Some(false) => Some(Decision::Smtp { swapped: false }),
                    None if closing => Some(Decision::Smtp { swapped: false }),
                    None => None,
                },
                Some(Direction::ServerToClient) => Some(Decision::Smtp { swapped: false }),
                None if closing || self.done.contains(&true) => Some(Decision::Smtp { swapped: false }),
                None => None,
            };
        }
        if !self.by_content {
            return Some(Decision::Other);
        }
        let stalled = closing || self.done.contains(&true);
        // Each side's evidence, and the same with the roles turned round.
        let (server, client) = if self.handshake_seen {
            (server_greets(s2c), client_greets(c2s))
        } else {
            (
                best(server_greets(s2c), server_replies(s2c)),
                client_commands(c2s, s2c),
            )
        };
        let (server_r, client_r) = (server_greets(c2s), client_greets(s2c));
        let decided = |server: Line, client: Line, c_len: usize, s_len: usize| match (server, client) {
            (Line::Yes, Line::Yes) => Some(true),
            (Line::No, _) | (_, Line::No) => Some(false),
            // One side only in the capture (or all there will be of it): its word is enough.
            (Line::Yes, Line::Unknown) if stalled && c_len == 0 => Some(true),
            (Line::Unknown, Line::Yes) if stalled && s_len == 0 => Some(true),
            _ if stalled => Some(false),
            _ => None,
        };
        match decided(server, client, c2s.len(), s2c.len()) {
            Some(true) => Some(Decision::Smtp { swapped: false }),
            Some(false) => match decided(server_r, client_r, s2c.len(), c2s.len()) {
                Some(true) if self.tunnel.is_none() => Some(Decision::Smtp { swapped: true }),
                None if !stalled => None,
                _ => Some(Decision::Other),
            },
            None => None,
        }
    }
}

/// Where a connection stands.
#[derive(Debug)]
enum State {
    /// Being classified.
    Probing(Box<Probe>),
    /// SMTP: every event goes to the decoder.
    Smtp(Box<SmtpDecoder>),
    /// Not SMTP: nothing more is looked at.
    Dropped,
}

/// One TCP connection from its first event on: classified, then decoded if SMTP.
#[derive(Debug)]
pub struct Connection {
    info: ConnInfo,
    state: State,
    /// The roles are the other way round from the reassembler's.
    swapped: bool,
    tunnel: Option<Tunnel>,
}

impl Connection {
    /// A connection just opened, as the reassembler describes it.
    pub fn open(info: ConnInfo, config: &ClassifyConfig) -> Self {
        let smtp_port = config.smtp_ports.contains(info.server.port());
        let state = if !smtp_port && config.only_ports {
            State::Dropped
        } else {
            State::Probing(Box::new(Probe {
                smtp_port,
                by_content: !config.only_ports,
                handshake_seen: info.handshake_seen,
                events: Vec::new(),
                bytes: [Vec::new(), Vec::new()],
                done: [false, false],
                tunnel: None,
                no_tunnel: false,
                first: None,
            }))
        };
        Connection {
            info,
            state,
            swapped: false,
            tunnel: None,
        }
    }

    /// Whether the connection is known not to carry SMTP.
    pub fn is_dropped(&self) -> bool {
        matches!(self.state, State::Dropped)
    }

    /// Whether the connection is known to carry SMTP: decided by content, or on an SMTP port
    /// (which is SMTP whatever it carries, in clear or in TLS).
    pub fn is_smtp(&self) -> bool {
        match &self.state {
            State::Smtp(_) => true,
            State::Probing(probe) => probe.smtp_port && probe.tunnel.is_none(),
            State::Dropped => false,
        }
    }

    /// Numbers the session (its id from now on, and the id its decoder is made for).
    pub fn set_id(&mut self, id: ConnId) {
        self.info.id = id;
    }

    /// Takes one event of the connection (not `Open` or `Close`). `decoders` makes the SMTP decoder
    /// when the connection is found to carry SMTP (from the session's description, which it may
    /// number).
    pub fn on_event(
        &mut self,
        event: &StreamEvent<'_>,
        config: &ClassifyConfig,
        decoders: Decoders<'_>,
    ) -> Outcome {
        match &mut self.state {
            State::Smtp(decoder) => {
                if self.swapped {
                    let turned = StreamEvent {
                        dir: event.dir.reverse(),
                        ..event.clone()
                    };
                    decoder.on_event(&turned);
                } else {
                    decoder.on_event(event);
                }
                Outcome::Keep
            }
            State::Dropped => Outcome::Release,
            State::Probing(probe) => {
                let decision = if probe.keep(event) {
                    probe.decide(config, false)
                } else {
                    Some(Decision::Other)
                };
                match decision {
                    None => Outcome::Keep,
                    Some(decision) => self.settle(decision, decoders),
                }
            }
        }
    }

    /// Acts on a decision: starts the decoder and replays what was kept, or drops the connection.
    fn settle(&mut self, decision: Decision, decoders: Decoders<'_>) -> Outcome {
        let State::Probing(probe) = std::mem::replace(&mut self.state, State::Dropped) else {
            return Outcome::Keep;
        };
        let (swapped, implicit_tls) = match decision {
            Decision::Other => return Outcome::Release,
            Decision::Smtp { swapped } => (swapped, false),
            Decision::ImplicitTls => (false, true),
        };
        self.swapped = swapped;
        if swapped {
            std::mem::swap(&mut self.info.client, &mut self.info.server);
        }
        let Probe {
            events,
            bytes,
            tunnel,
            ..
        } = *probe;
        let skip = tunnel.as_ref().map_or([0, 0], |(_, s)| *s);
        self.tunnel = tunnel.map(|(t, _)| t);
        let mut decoder = decoders(&mut self.info);
        for held in events {
            let dir = if swapped { held.dir.reverse() } else { held.dir };
            let kind = match held.kind {
                HeldKind::Data { from, to } => {
                    let i = slot(held.dir);
                    let skip_here = skip.get(i).copied().unwrap_or(0);
                    let start = from.max(skip_here);
                    if start >= to {
                        continue;
                    }
                    if implicit_tls
                        && dir == Direction::ClientToServer
                        && decoder.dialogue().tls.frame.is_none()
                    {
                        decoder.begin_implicit_tls(held.frame);
                    }
                    match bytes.get(i).and_then(|b| b.get(start..to)) {
                        Some(data) => EventKind::Data(data),
                        None => continue,
                    }
                }
                HeldKind::Gap { len, cause } => EventKind::Gap { len, cause },
                HeldKind::Fin => EventKind::Fin,
            };
            decoder.on_event(&StreamEvent {
                conn: self.info.id,
                dir,
                ts: held.ts,
                frame: held.frame,
                kind,
            });
        }
        if implicit_tls && decoder.dialogue().tls.frame.is_none() {
            decoder.begin_implicit_tls(self.info.first_frame);
        }
        self.state = State::Smtp(Box::new(decoder));
        Outcome::Keep
    }

    /// Ends the connection: the session's parts if it carried SMTP (a connection still being
    /// probed is decided on what it showed).
    pub fn finish(
        mut self,
        mut summary: ConnSummary,
        config: &ClassifyConfig,
        decoders: Decoders<'_>,
    ) -> Option<Finished> {
        if let State::Probing(probe) = &mut self.state {
            let decision = probe.decide(config, true).unwrap_or(Decision::Other);
            if self.settle(decision, decoders) == Outcome::Release {
                return None;
            }
        }
        let State::Smtp(decoder) = self.state else {
            return None;
        };
        if self.swapped {
            std::mem::swap(&mut summary.c2s, &mut summary.s2c);
        }
        Some(Finished {
            info: self.info,
            dialogue: decoder.finish(summary.cause),
            summary,
            tunnel: self.tunnel,
        })
    }
}

#[cfg(test)]
mod tests;
