//! A mail hub's capture, streamed to a writer: the benchmark input shaped like what administrators
//! run smtpscope on.
//!
//! Owns [`write_hub_capture`]. The capture holds a fixed number of connections open at once
//! ([`HubOptions::concurrency`], thousands): each slot runs one session after another, a short
//! pause apart, so the hub always has that many conversations in flight, and the frames of every
//! open connection are merged by time as they are written. Each session is drawn from a seeded
//! mix:
//!
//! - about 62%: an Internet MTA delivering to the hub — EHLO, PIPELINING (MAIL, the RCPTs and DATA
//!   in one send, their replies in one; 10% of MTAs without it), some recipients unknown
//!   (`550 5.1.1`), 15% of messages by BDAT, one to three messages per session;
//! - 30% ([`HubOptions::exchange_percent`]): an Exchange peer — the Exchange 2003 or 2016 banner
//!   and EHLO list, `X-EXPS GSSAPI` with a SPNEGO/Kerberos token exchange, then per message
//!   `XEXCH50 size count` → `354` → the BLOB, and the message by BDAT or DATA;
//! - 5% ([`HubOptions::starttls_percent`]): STARTTLS and a TLS 1.2 session carrying the same dialogue
//!   encrypted;
//! - 3% ([`HubOptions::failing_percent`]): a failing session from the scenarios of the findings
//!   (X-EXPS refused, XEXCH50 refused, relay denied, authentication required, a rewriting
//!   middlebox, a BLOB cut short by a reset, a message refused, replies out of step);
//!
//! and 2% of sessions ([`HubOptions::retransmit_percent`]) have one data segment retransmitted.
//! Message sizes follow a log-normal law with a median of 7 kB (sessions of about 10 kB), and 5%
//! ([`HubOptions::large_percent`]) carry a base64 attachment of 1 to 10 MB (log-uniform). Internet
//! peers are WAN-slow (think times of 5–60 ms); Exchange peers and large transfers are LAN-fast.
//!
//! The same options give the same bytes. Memory is bounded by the frames of the open connections
//! (each session is synthesized whole when its slot starts it), never by the target size.
//!
//! Must not: hold the whole capture in memory.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, SocketAddrV4};
use std::time::Duration;

use super::exchange::{
    self, base64, bdat_chunk, binary_message, cat, chunk_received, ehlo_reply, exps_gssapi_success, filler,
    tls_application_data, tls_change_cipher_and_finish, tls_client_hello, tls_handshake, tls_record,
    tls_server_hello, xexch50_blob, BANNER_2003, BANNER_2016, BYE, EHLO_2003, EHLO_2016, GO_AHEAD, TLS12,
};
use super::rng::SplitMix;
use super::samples::message_body;
use super::{advance, synthesize, Close, Script, SynthError, SynthFrame, SynthOptions};
use smtpscope::capture::write::PcapWriter;
use smtpscope::capture::{LinkType, Timestamp};
use smtpscope::net::flow::Direction;

/// The generator's version: bumped whenever the same options give other bytes, so that a cached
/// capture of an older version is not measured by mistake.
pub const VERSION: u32 = 2;

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HubOptions {
    /// Stop starting sessions once the file plus what the open ones still hold reaches this many
    /// bytes (the file ends within a frame of it).
    pub target_bytes: u64,
    /// Seed of every choice.
    pub seed: u64,
    /// Connections open at the same time.
    pub concurrency: usize,
    /// Share of sessions from Exchange peers (X-EXPS, XEXCH50), in percent.
    pub exchange_percent: u8,
    /// Share of sessions that go to TLS by STARTTLS, in percent.
    pub starttls_percent: u8,
    /// Share of failing sessions (each raises at least one finding), in percent.
    pub failing_percent: u8,
    /// Share of sessions carrying a 1–10 MB attachment, in percent.
    pub large_percent: u8,
    /// Share of sessions with one retransmitted data segment, in percent.
    pub retransmit_percent: u8,
}

impl HubOptions {
    /// The hub profile: 2,000 connections at once, 30% Exchange peers, 5% STARTTLS, 3% failing,
    /// 5% large, 2% with a retransmission, seed 1.
    pub fn new(target_bytes: u64) -> Self {
        HubOptions {
            target_bytes,
            seed: 1,
            concurrency: 2000,
            exchange_percent: 30,
            starttls_percent: 5,
            failing_percent: 3,
            large_percent: 5,
            retransmit_percent: 2,
        }
    }
}

/// What [`write_hub_capture`] wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HubSummary {
    /// SMTP sessions (TCP connections).
    pub sessions: u64,
    /// Frames (pcap records).
    pub frames: u64,
    /// Bytes of the pcap file.
    pub file_bytes: u64,
    /// Sessions by kind: Internet MTA, Exchange peer, STARTTLS, failing.
    pub by_kind: [u64; 4],
    /// Sessions carrying a large attachment.
    pub large: u64,
    /// The median of the sessions' TCP payload bytes (both directions).
    pub median_session_bytes: u64,
    /// The most connections open at one time.
    pub max_open: u64,
}

/// Median message size of the log-normal law.
const MEDIAN_MESSAGE: f64 = 7_000.0;
/// Spread (σ of the logarithm) of the log-normal law.
const MESSAGE_SIGMA: f64 = 1.0;

/// A message size: log-normal around [`MEDIAN_MESSAGE`], or a large attachment when `large`.
fn message_size(rng: &mut SplitMix, large: bool) -> usize {
    let bytes = if large {
        rng.log_uniform(1e6, 1e7)
    } else {
        (MEDIAN_MESSAGE.ln() + MESSAGE_SIGMA * rng.normal())
            .exp()
            .clamp(600.0, 900_000.0)
    };
    bytes as usize
}

/// A text message of about `len` bytes: [`message_body`]'s headers and lines, and past 100 kB a
/// MIME attachment in base64 lines of 76 characters (filler bytes).
fn message(len: usize, serial: u64) -> Vec<u8> {
    if len < 100_000 {
        return message_body(len, serial);
    }
    let mut out = format!(
        "From: Alice <alice@example.com>\r\nTo: Bob <bob@contoso.com>\r\n\
         Subject: Report {serial}\r\nDate: Tue, 02 Jan 2024 03:04:05 +0000\r\n\
         Message-ID: <{serial}.hub@example.com>\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"b{serial}\"\r\n\r\n\
         --b{serial}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe report is attached.\r\n\
         --b{serial}\r\nContent-Type: application/pdf; name=\"report-{serial}.pdf\"\r\n\
         Content-Transfer-Encoding: base64\r\n\r\n"
    )
    .into_bytes();
    let raw = filler(serial, len.saturating_mul(3) / 4);
    for chunk in raw.chunks(57) {
        out.extend_from_slice(base64(chunk).as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--b{serial}--\r\n").as_bytes());
    out
}

/// A script with per-session think times before each command and each reply.
struct Talk {
    script: Script,
    client_think: Duration,
    server_think: Duration,
}

impl Talk {
    fn cmd(mut self, bytes: impl AsRef<[u8]>) -> Self {
        self.script = self.script.pause(self.client_think).client(bytes);
        self
    }

    fn reply(mut self, bytes: impl AsRef<[u8]>) -> Self {
        self.script = self.script.pause(self.server_think).server(bytes);
        self
    }
}

/// The final `250` of a message.
fn queued(serial: u64) -> String {
    format!("250 2.6.0 <HUB{serial:012}@hub.contoso.com> Queued mail for delivery\r\n")
}

/// `body` with the DATA terminator (the body never holds a line starting with a dot).
fn terminated(body: &[u8]) -> Vec<u8> {
    cat(&[body, b".\r\n"])
}

/// Recipient addresses of a message, and whether each is accepted.
fn recipients(rng: &mut SplitMix, domain: &str) -> Vec<(String, bool)> {
    let count = match rng.range(0, 10) {
        0..=5 => 1,
        6..=7 => 2,
        8 => 3,
        _ => rng.range(4, 12),
    };
    (0..count)
        .map(|n| {
            (
                format!("user{}@{domain}", rng.range(0, 50_000).wrapping_add(n)),
                !rng.percent(5),
            )
        })
        .collect()
}

/// The reply to one RCPT.
fn rcpt_reply(accepted: bool) -> &'static str {
    if accepted {
        "250 2.1.5 Recipient OK\r\n"
    } else {
        "550 5.1.1 User unknown\r\n"
    }
}

/// One message from an Internet MTA: pipelined or not, by DATA or BDAT.
fn internet_message(mut talk: Talk, rng: &mut SplitMix, body: &[u8], serial: u64, pipelining: bool) -> Talk {
    let rcpts = recipients(rng, "contoso.com");
    let bdat = rng.percent(15);
    let mail = format!(
        "MAIL FROM:<sender{}@example.net> SIZE={}\r\n",
        rng.range(0, 9_999),
        body.len()
    );
    let any_accepted = rcpts.iter().any(|(_, ok)| *ok);
    if pipelining {
        let mut commands = mail.into_bytes();
        let mut replies = b"250 2.1.0 Sender OK\r\n".to_vec();
        for (rcpt, ok) in &rcpts {
            commands.extend_from_slice(format!("RCPT TO:<{rcpt}>\r\n").as_bytes());
            replies.extend_from_slice(rcpt_reply(*ok).as_bytes());
        }
        if !bdat {
            commands.extend_from_slice(b"DATA\r\n");
            replies.extend_from_slice(if any_accepted {
                GO_AHEAD
            } else {
                b"554 5.5.1 No valid recipients\r\n"
            });
        }
        talk = talk.cmd(commands).reply(replies);
    } else {
        talk = talk.cmd(mail).reply("250 2.1.0 Sender OK\r\n");
        for (rcpt, ok) in &rcpts {
            talk = talk.cmd(format!("RCPT TO:<{rcpt}>\r\n")).reply(rcpt_reply(*ok));
        }
        if !bdat && any_accepted {
            talk = talk.cmd("DATA\r\n").reply(GO_AHEAD);
        }
    }
    if !any_accepted {
        return talk.cmd("RSET\r\n").reply("250 2.0.0 Resetting\r\n");
    }
    if bdat {
        talk.cmd(bdat_chunk(body, true)).reply(queued(serial))
    } else {
        talk.cmd(terminated(body)).reply(queued(serial))
    }
}

/// The hub's EHLO keywords for Internet peers (Exchange 2016 without the X- verbs).
fn internet_keywords() -> Vec<&'static str> {
    EHLO_2016
        .iter()
        .copied()
        .filter(|k| !k.starts_with('X') && *k != "AUTH NTLM")
        .collect()
}

/// An Internet MTA delivering one to three messages.
fn internet_session(talk: Talk, rng: &mut SplitMix, client: IpAddr, sizes: &[usize], serial: u64) -> Talk {
    let pipelining = !rng.percent(10);
    let mut keywords = internet_keywords();
    if !pipelining {
        keywords.retain(|k| *k != "PIPELINING");
    }
    let mut talk = talk
        .reply(BANNER_2016)
        .cmd(format!("EHLO mta{}.example.net\r\n", rng.range(1, 500)))
        .reply(ehlo_reply(client, &keywords));
    for (n, size) in sizes.iter().enumerate() {
        let serial = serial.wrapping_mul(4).wrapping_add(n as u64);
        talk = internet_message(talk, rng, &message(*size, serial), serial, pipelining);
    }
    talk.cmd("QUIT\r\n").reply(BYE)
}

/// An Exchange peer: X-EXPS GSSAPI, then per message XEXCH50 with its BLOB and the message by BDAT
/// (Exchange 2003 sends binary MIME) or DATA.
fn exchange_session(talk: Talk, rng: &mut SplitMix, client: IpAddr, sizes: &[usize], serial: u64) -> Talk {
    let old = rng.percent(50);
    let (banner, keywords) = if old {
        (BANNER_2003, EHLO_2003)
    } else {
        (BANNER_2016, EHLO_2016)
    };
    let mut talk = talk
        .reply(banner)
        .cmd("EHLO ex1.contoso.com\r\n")
        .reply(ehlo_reply(client, keywords));
    talk.script = exps_gssapi_success(talk.script);
    for (n, size) in sizes.iter().enumerate() {
        let serial = serial.wrapping_mul(4).wrapping_add(n as u64);
        let rcpts = recipients(rng, "contoso.com");
        let bdat = old || rng.percent(50);
        let body = if bdat {
            binary_message((*size).max(200), serial)
        } else {
            message(*size, serial)
        };
        let body_type = if bdat { "BINARYMIME" } else { "8BITMIME" };
        talk = talk
            .cmd(format!(
                "MAIL FROM:<user{}@contoso.com> BODY={body_type} SIZE={}\r\n",
                rng.range(0, 9_999),
                body.len()
            ))
            .reply("250 2.1.0 Sender OK\r\n");
        for (rcpt, _) in &rcpts {
            talk = talk
                .cmd(format!("RCPT TO:<{rcpt}>\r\n"))
                .reply("250 2.1.5 Recipient OK\r\n");
        }
        let blob = xexch50_blob(rng.range(600, 4_000) as usize);
        talk = talk
            .cmd(format!(
                "XEXCH50 {} {}\r\n",
                blob.len(),
                rcpts.len().saturating_add(1)
            ))
            .reply("354 Send binary data\r\n")
            .cmd(blob)
            .reply("250 XEXCH50 OK\r\n");
        talk = if !bdat {
            talk.cmd("DATA\r\n")
                .reply(GO_AHEAD)
                .cmd(terminated(&body))
                .reply(queued(serial))
        } else if body.len() > 64 * 1024 {
            // Large messages go in chunks of at most 1 MiB, the last with LAST.
            let chunks: Vec<&[u8]> = body.chunks(1 << 20).collect();
            let last = chunks.len().saturating_sub(1);
            chunks.iter().enumerate().fold(talk, |t, (i, chunk)| {
                let reply = if i == last {
                    queued(serial)
                } else {
                    chunk_received(chunk.len())
                };
                t.cmd(bdat_chunk(chunk, i == last)).reply(reply)
            })
        } else {
            talk.cmd(bdat_chunk(&body, true)).reply(queued(serial))
        };
    }
    talk.cmd("QUIT\r\n").reply(BYE)
}

/// STARTTLS, a TLS 1.2 handshake, and application data standing for EHLO, one message and QUIT.
fn starttls_session(talk: Talk, client: IpAddr, size: usize, serial: u64) -> Talk {
    let key_exchange = cat(&[&[0x41, 0x04], &filler(serial, 64)]);
    let client_finish = cat(&[
        &tls_record(0x16, TLS12, &tls_handshake(0x10, &key_exchange)),
        &tls_change_cipher_and_finish(serial.wrapping_add(1)),
    ]);
    let mut talk = talk
        .reply(BANNER_2016)
        .cmd(format!("EHLO mta{}.example.net\r\n", serial % 500))
        .reply(ehlo_reply(client, EHLO_2016))
        .cmd("STARTTLS\r\n")
        .reply("220 2.0.0 SMTP server ready\r\n")
        .cmd(tls_client_hello("hub.contoso.com"))
        .reply(tls_server_hello())
        .cmd(client_finish)
        .reply(tls_change_cipher_and_finish(serial.wrapping_add(2)));
    // EHLO, envelope, DATA, the message (in records of at most 16 KiB), QUIT.
    for (n, (client_len, server_len)) in [(30, 330), (120, 90), (6, 50)].into_iter().enumerate() {
        let seed = serial.wrapping_add(n as u64);
        talk = talk
            .cmd(tls_application_data(seed, client_len))
            .reply(tls_application_data(seed, server_len));
    }
    let records: Vec<u8> = (0..size.div_ceil(16_384))
        .flat_map(|n| {
            tls_application_data(
                serial.wrapping_add(n as u64),
                size.saturating_sub(n.saturating_mul(16_384)).min(16_384),
            )
        })
        .collect();
    talk.cmd(records)
        .reply(tls_application_data(serial, 70))
        .cmd(tls_application_data(serial, 6))
        .reply(tls_application_data(serial, BYE.len()))
}

/// One of the failing scenarios of the findings.
fn failing_session(rng: &mut SplitMix, client: IpAddr) -> Script {
    let scenarios: [fn(IpAddr) -> Script; 10] = [
        exchange::exps_failed,
        exchange::xexch50_refused,
        exchange::relay_after_exps_failed,
        exchange::auth_required,
        exchange::pix_rewritten,
        exchange::asa_masked,
        exchange::blob_cut_short,
        exchange::data_refused,
        exchange::replies_out_of_step,
        exchange::starttls_cleartext,
    ];
    let pick = rng.range(0, scenarios.len() as u64) as usize;
    scenarios
        .get(pick)
        .map_or_else(Script::new, |scenario| scenario(client))
}

/// The kinds of session, in the order of [`HubSummary::by_kind`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Internet,
    Exchange,
    StartTls,
    Failing,
}

/// The hub's address.
const HUB: SocketAddr = SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::new(198, 51, 100, 25), 25));

/// A client address for session `n` of `kind`: Internet MTAs from 192.0.2.0/24 and 203.0.113.0/24,
/// Exchange peers from four servers in 198.51.100.0/24; ports from 1024 up, so that no two of the
/// first 16 million sessions share a 4-tuple.
fn client_of(kind: Kind, n: u64) -> SocketAddr {
    let (ip, round) = match kind {
        Kind::Exchange => (
            Ipv4Addr::new(198, 51, 100, 10u8.wrapping_add((n % 4) as u8)),
            n / 4,
        ),
        _ => {
            let host = (n / 2 % 254) as u8;
            let [a, b, c] = if n.is_multiple_of(2) {
                [192, 0, 2]
            } else {
                [203, 0, 113]
            };
            (Ipv4Addr::new(a, b, c, host.wrapping_add(1)), n / 508)
        }
    };
    let port = (1024u64.wrapping_add(round % 64_000)) as u16;
    SocketAddr::V4(SocketAddrV4::new(ip, port))
}

/// One session drawn from the mix, synthesized, starting at `start`.
struct Drawn {
    kind: Kind,
    large: bool,
    payload: u64,
    frames: Vec<SynthFrame>,
}

fn draw(rng: &mut SplitMix, opts: &HubOptions, n: u64, start: Timestamp) -> Result<Drawn, SynthError> {
    let roll = rng.range(0, 100);
    let (failing, starttls, exchange) = (
        u64::from(opts.failing_percent),
        u64::from(opts.starttls_percent),
        u64::from(opts.exchange_percent),
    );
    let kind = if roll < failing {
        Kind::Failing
    } else if roll < failing.saturating_add(starttls) {
        Kind::StartTls
    } else if roll < failing.saturating_add(starttls).saturating_add(exchange) {
        Kind::Exchange
    } else {
        Kind::Internet
    };
    let large = kind != Kind::Failing && rng.percent(opts.large_percent);
    let messages = match rng.range(0, 10) {
        0..=7 => 1,
        8 => 2,
        _ => 3,
    };
    let sizes: Vec<usize> = (0..messages)
        .map(|m| message_size(rng, large && m == 0))
        .collect();
    let client = client_of(kind, n);
    // Exchange peers and large transfers are on fast links; Internet MTAs are WAN-slow.
    let lan = kind == Kind::Exchange || large;
    let talk = Talk {
        script: Script::new().pause(rng.millis(0.2, 2.0)),
        client_think: if lan {
            rng.millis(0.2, 2.0)
        } else {
            rng.millis(5.0, 60.0)
        },
        server_think: if lan {
            rng.millis(0.3, 3.0)
        } else {
            rng.millis(1.0, 30.0)
        },
    };
    let script = match kind {
        Kind::Internet => internet_session(talk, rng, client.ip(), &sizes, n).script,
        Kind::Exchange => exchange_session(talk, rng, client.ip(), &sizes, n).script,
        Kind::StartTls => starttls_session(talk, client.ip(), sizes.first().copied().unwrap_or(0), n).script,
        Kind::Failing => failing_session(rng, client.ip()),
    };
    let mut o = SynthOptions::new(client, HUB);
    o.client_isn = rng.next_u64() as u32;
    o.server_isn = rng.next_u64() as u32;
    o.step = Duration::from_micros(if lan { 15 } else { rng.range(40, 200) });
    o.start = start;
    o.close = Close::Fin {
        from: Direction::ServerToClient,
    };
    if rng.percent(opts.retransmit_percent) {
        let segments = script.data_segments(o.mss).len() as u64;
        o.impair.retransmit = vec![rng.range(0, segments) as usize];
    }
    let payload = script
        .steps()
        .iter()
        .map(|s| s.bytes.len() as u64)
        .fold(0u64, u64::saturating_add);
    let frames = synthesize(&script, &o)?.frames;
    Ok(Drawn {
        kind,
        large,
        payload,
        frames,
    })
}

const PCAP_HEADER: u64 = 24;
const RECORD_HEADER: u64 = 16;

fn record_bytes(frame: &SynthFrame) -> u64 {
    RECORD_HEADER.saturating_add(frame.data.len() as u64)
}

/// The open connections, their frames merged by time.
struct Hub<'o> {
    opts: &'o HubOptions,
    rng: SplitMix,
    /// Each slot's frames not yet written.
    slots: Vec<std::vec::IntoIter<SynthFrame>>,
    /// (next frame's time, order of insertion, slot): the earliest unwritten frame of every open
    /// connection; the insertion order breaks ties deterministically.
    heap: BinaryHeap<Reverse<(Timestamp, u64, usize)>>,
    order: u64,
    /// Bytes the open connections will still write.
    pending: u64,
    /// Every session's payload bytes.
    sizes: Vec<u64>,
    summary: HubSummary,
}

impl Hub<'_> {
    /// Whether the file will reach the target with what is already open.
    fn full(&self) -> bool {
        self.summary.file_bytes.saturating_add(self.pending) >= self.opts.target_bytes
    }

    /// Queues the next unwritten frame of `slot`, if it has one.
    fn queue(&mut self, slot: usize) -> bool {
        let Some(next) = self.slots.get(slot).and_then(|f| f.as_slice().first()) else {
            return false;
        };
        self.heap.push(Reverse((next.ts, self.order, slot)));
        self.order = self.order.wrapping_add(1);
        true
    }

    /// Starts a new session in `slot` at `at`.
    fn start(&mut self, slot: usize, at: Timestamp) -> Result<(), SynthError> {
        let drawn = draw(&mut self.rng, self.opts, self.summary.sessions, at)?;
        let summary = &mut self.summary;
        summary.sessions = summary.sessions.saturating_add(1);
        if let Some(count) = summary.by_kind.get_mut(drawn.kind as usize) {
            *count = count.saturating_add(1);
        }
        summary.large = summary.large.saturating_add(u64::from(drawn.large));
        self.sizes.push(drawn.payload);
        self.pending = drawn
            .frames
            .iter()
            .map(record_bytes)
            .fold(self.pending, u64::saturating_add);
        let frames = drawn.frames.into_iter();
        match self.slots.get_mut(slot) {
            Some(s) => *s = frames,
            None => self.slots.push(frames),
        }
        self.queue(slot);
        Ok(())
    }
}

/// Writes a little-endian microsecond Ethernet pcap of a mail hub's traffic to `out`, of about
/// `opts.target_bytes` bytes.
///
/// # Errors
/// An I/O error from `out` (or a [`SynthError`] if the generator itself is broken).
pub fn write_hub_capture<W: Write>(out: W, opts: &HubOptions) -> Result<HubSummary, SynthError> {
    let mut writer = PcapWriter::new(out, LinkType::ETHERNET)?;
    let mut hub = Hub {
        opts,
        rng: SplitMix(opts.seed),
        slots: Vec::new(),
        heap: BinaryHeap::new(),
        order: 0,
        pending: 0,
        sizes: Vec::new(),
        summary: HubSummary {
            file_bytes: PCAP_HEADER,
            ..HubSummary::default()
        },
    };
    let t0 = Timestamp::new(1_704_164_645, 0);
    let mut open = 0u64;
    for slot in 0..opts.concurrency.max(1) {
        if hub.full() {
            break;
        }
        // Staggered over the first 300 ms, so the connections do not all open at once.
        let at = advance(t0, Duration::from_micros(hub.rng.range(0, 300_000)));
        hub.start(slot, at)?;
        open = open.saturating_add(1);
    }
    hub.summary.max_open = open;
    while let Some(Reverse((_, _, slot))) = hub.heap.pop() {
        let Some(frame) = hub.slots.get_mut(slot).and_then(Iterator::next) else {
            continue;
        };
        let len = u32::try_from(frame.data.len()).unwrap_or(u32::MAX);
        writer.write_packet(frame.ts, len, &frame.data)?;
        let bytes = record_bytes(&frame);
        hub.summary.frames = hub.summary.frames.saturating_add(1);
        hub.summary.file_bytes = hub.summary.file_bytes.saturating_add(bytes);
        hub.pending = hub.pending.saturating_sub(bytes);
        if !hub.queue(slot) && !hub.full() {
            // The session ended: the slot's next one starts a moment later.
            let at = advance(frame.ts, Duration::from_micros(hub.rng.range(100, 20_000)));
            hub.start(slot, at)?;
        }
    }
    writer.into_inner()?;
    let mut summary = hub.summary;
    hub.sizes.sort_unstable();
    summary.median_session_bytes = hub.sizes.get(hub.sizes.len() / 2).copied().unwrap_or(0);
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reaches_the_target_keeps_time_order_and_is_deterministic() {
        let mut opts = HubOptions::new(3_000_000);
        opts.concurrency = 50;
        opts.large_percent = 0;
        let mut a = Vec::new();
        let sum = write_hub_capture(&mut a, &opts).unwrap();
        assert_eq!(sum.file_bytes, a.len() as u64);
        assert!(
            sum.file_bytes >= 2_900_000 && sum.file_bytes < 3_100_000,
            "{sum:?}"
        );
        assert!(sum.sessions > 100, "{sum:?}");
        assert_eq!(sum.max_open, 50);
        assert!(sum.by_kind.iter().all(|n| *n > 0), "{sum:?}");
        let mut b = Vec::new();
        assert_eq!(write_hub_capture(&mut b, &opts).unwrap(), sum);
        assert_eq!(a, b);
        // Record timestamps never decrease.
        let mut at = 24usize;
        let mut last = (0u32, 0u32);
        while let Some(header) = a.get(at..at + 16) {
            let word = |i: usize| u32::from_le_bytes(header[i..i + 4].try_into().unwrap());
            let ts = (word(0), word(4));
            assert!(ts >= last, "time went back at offset {at}");
            last = ts;
            at += 16 + word(8) as usize;
        }
        assert_eq!(at, a.len());
    }

    #[test]
    fn clients_never_share_a_four_tuple() {
        let mut seen = std::collections::HashSet::new();
        for n in 0..20_000 {
            for kind in [Kind::Internet, Kind::Exchange] {
                assert!(seen.insert(client_of(kind, n)), "{kind:?} {n}");
            }
        }
    }

    #[test]
    fn message_sizes_have_a_median_near_seven_kilobytes_and_a_large_tail() {
        let mut rng = SplitMix(7);
        let mut sizes: Vec<usize> = (0..2001).map(|_| message_size(&mut rng, false)).collect();
        sizes.sort_unstable();
        let median = sizes[1000];
        assert!((6_000..8_000).contains(&median), "{median}");
        let large: Vec<usize> = (0..200).map(|_| message_size(&mut rng, true)).collect();
        assert!(large.iter().all(|s| (1_000_000..=10_000_000).contains(s)));
        let attachment = message(150_000, 3);
        assert!(attachment.len() >= 150_000 && attachment.len() < 160_000);
        assert!(attachment.ends_with(b"--b3--\r\n"));
    }
}
