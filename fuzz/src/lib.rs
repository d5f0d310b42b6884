//! The fuzz targets' bodies, one function per target, so that the same code runs under libFuzzer
//! (`fuzz_targets/*.rs`, thin wrappers) and on the stable toolchain (`tests/corpus.rs`, which feeds
//! the committed seed corpus and deterministic mutations of it through every function).
//!
//! Owns the input formats of the scripted targets ([`script`]) and [`TARGETS`]. Each function must
//! never panic on any input; the assertions inside are the properties the target checks. The
//! targets are kept fast: small inputs (`-max_len` in the README), no JSON rendering except in
//! [`report`], which exists to fuzz the renderers.

use std::collections::HashMap;
use std::io;

use smtpscope::app::{Engine, Pipeline};
use smtpscope::capture::{file::open_reader, LinkType, Packet, Timestamp};
use smtpscope::cli::config::ReportConfig;
use smtpscope::net::{Decoder, Direction, PortSet};
use smtpscope::output::{self, OutputFormat, Printer, Render};
use smtpscope::reasm::{
    CloseCause, ConnId, ConnInfo, ConnSummary, DirStats, EventKind, ReasmLimits, Reassembler, StreamEvent,
    StreamSink,
};
use smtpscope::rules::{self, Finding, RuleContext};
use smtpscope::session::{RunSummary, Session};
use smtpscope::smtp::decoder::MAX_TRANSCRIPT_ITEMS;
use smtpscope::smtp::dialogue::{AuthExchange, AuthOutcome, ItemKind, Position, SaslToken};
use smtpscope::smtp::{Dialogue, SmtpDecoder};

pub mod script;
pub mod seal;
mod tls;

pub use tls::{sealed, tls_decrypt, tls_handshake, SealedRun, DECRYPT_SUITES};

/// A fuzz target.
#[derive(Clone, Copy, Debug)]
pub struct Target {
    /// Its name: the `fuzz_targets/NAME.rs` file and the `cargo fuzz run NAME` argument.
    pub name: &'static str,
    /// Its body.
    pub run: fn(&[u8]),
    /// The `-max_len` it is run with.
    pub max_len: usize,
    /// The folder of `corpus/` holding its seeds.
    pub corpus: &'static str,
}

/// Every target.
pub const TARGETS: &[Target] = &[
    target("capture_file", capture_file, 8192, "capture_file"),
    target("packet_decode", packet_decode, 2048, "packet_decode"),
    target("reassembly", reassembly, 4096, "reassembly"),
    target("smtp_session", smtp_session, 4096, "smtp_session"),
    target("auth_token", auth_token, 4096, "auth_token"),
    target("report", report, 2048, "smtp_session"),
    target("capture_readers", capture_readers, 8192, "capture_readers"),
    target(
        "capture_compressed",
        capture_compressed,
        4096,
        "capture_compressed",
    ),
    target(
        "session_classifier",
        session_classifier,
        4096,
        "session_classifier",
    ),
    target("file_set", file_set, 8192, "file_set"),
    target("message", message, 4096, "message"),
    target("tls_handshake", tls_handshake, 8192, "tls_handshake"),
    target("tls_decrypt", tls_decrypt, 4096, "tls_decrypt"),
    target("dns", dns, 4096, "dns"),
];

const fn target(name: &'static str, run: fn(&[u8]), max_len: usize, corpus: &'static str) -> Target {
    Target {
        name,
        run,
        max_len,
        corpus,
    }
}

/// A printer that keeps nothing: the pipeline's work without rendering.
struct Discard {
    sessions: usize,
}

impl Printer for Discard {
    fn session(&mut self, session: &Session) -> io::Result<()> {
        self.sessions = self.sessions.saturating_add(1);
        assert!(session.dialogue.transcript.len() <= MAX_TRANSCRIPT_ITEMS);
        Ok(())
    }

    fn capture_finding(&mut self, _: &Finding) -> io::Result<()> {
        Ok(())
    }

    fn flows(&mut self, _: &[smtpscope::flow::Flow]) -> io::Result<()> {
        Ok(())
    }

    fn summary(&mut self, _: &RunSummary) -> io::Result<()> {
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Any bytes as a capture file, through the whole pipeline (reader, decoder, reassembler, SMTP
/// decoder, rules): never a panic, never an unbounded allocation; a budget of 16 connections so
/// eviction is exercised too.
pub fn capture_file(data: &[u8]) {
    let mut config = ReportConfig::default();
    config.limits.max_connections = 16;
    let Ok(mut source) = open_reader("fuzz".to_string(), Box::new(io::Cursor::new(data.to_vec()))) else {
        return;
    };
    let mut printer = Discard { sessions: 0 };
    let mut pipeline = Pipeline::new(&config, "fuzz".into(), 1);
    let _ = pipeline.run(source.as_mut(), &mut printer);
    let _ = pipeline.finish(&mut printer);
}

/// The link types a frame is tried as.
const LINKS: [LinkType; 10] = [
    LinkType::NULL,
    LinkType::ETHERNET,
    LinkType::RAW,
    LinkType::LOOP,
    LinkType::LINUX_SLL,
    LinkType::IPV4,
    LinkType::IPV6,
    LinkType::LINUX_SLL2,
    LinkType::RAW_BSD12,
    LinkType::RAW_BSD14,
];

/// Any bytes as a frame of every supported link type: the decoder never panics, and a segment it
/// returns always lies within the frame.
pub fn packet_decode(data: &[u8]) {
    let mut decoder = Decoder::new();
    // Feed the frame twice per link type so fragment state is exercised across calls.
    for (i, link) in LINKS.iter().enumerate() {
        for round in 0..2u64 {
            let packet = Packet {
                frame: (i as u64) * 2 + round + 1,
                interface: 0,
                ts: Timestamp::new(round as i64, 0),
                link: *link,
                orig_len: data.len() as u32,
                data,
            };
            if let Ok(segment) = decoder.decode(&packet) {
                assert!(segment.payload.len() <= data.len());
            }
        }
    }
}

/// Checks the reassembler's event contract: Open first, Close last, nothing outside.
#[derive(Default)]
struct Contract {
    open: HashMap<ConnId, ()>,
}

impl StreamSink for Contract {
    fn on_event(&mut self, event: StreamEvent<'_>) {
        match event.kind {
            EventKind::Open(_) => assert!(self.open.insert(event.conn, ()).is_none(), "opened twice"),
            EventKind::Close(_) => assert!(self.open.remove(&event.conn).is_some(), "closed unopened"),
            _ => assert!(self.open.contains_key(&event.conn), "event outside open/close"),
        }
    }
}

/// Any bytes as a script of TCP segments on four connections ([`script::for_each_segment`]): the
/// reassembler never panics and keeps its event contract, within a budget of 3 connections.
pub fn reassembly(data: &[u8]) {
    let limits = ReasmLimits {
        max_connections: 3,
        pressure_idle_timeout_secs: Some(2),
        max_buffered_per_connection: 4096,
        max_buffered_total: 6000,
        max_segments_per_direction: 16,
        idle_timeout_secs: 5,
    };
    let mut reasm = Reassembler::new(limits, PortSet::default());
    let mut sink = Contract::default();
    script::for_each_segment(data, |segment| {
        reasm.push(segment, &mut sink);
        reasm.flush_idle(segment.ts, &mut sink);
        assert!(reasm.open_connections() <= 3);
    });
    reasm.finish(&mut sink);
    assert!(sink.open.is_empty(), "every connection closed at finish");
}

/// The connection the SMTP targets decode.
fn info(handshake_seen: bool) -> ConnInfo {
    ConnInfo {
        id: ConnId(1),
        client: "192.0.2.1:40000".parse().expect("an address"),
        server: "192.0.2.2:25".parse().expect("an address"),
        handshake_seen,
        first_frame: 1,
        start: Timestamp::default(),
    }
}

/// Decodes a [`script::chunks`] script; the first byte chooses the handshake and the end.
fn decode_session(data: &[u8]) -> Option<(ConnInfo, CloseCause, Dialogue)> {
    let (&flags, rest) = data.split_first()?;
    let info = info(flags & 1 == 0);
    let mut decoder = SmtpDecoder::new(&info);
    for (frame, chunk) in script::chunks(rest).into_iter().enumerate() {
        let kind = match chunk.gap {
            Some(len) => EventKind::Gap {
                len,
                cause: smtpscope::reasm::GapCause::Acked,
            },
            None => EventKind::Data(&chunk.bytes),
        };
        decoder.on_event(&StreamEvent {
            conn: ConnId(1),
            dir: chunk.dir,
            ts: Timestamp::new(frame as i64 / 4, 0),
            frame: frame as u64 + 2,
            kind,
        });
    }
    let cause = if flags & 2 == 0 {
        CloseCause::Fin
    } else {
        CloseCause::EndOfInput
    };
    Some((info, cause, decoder.finish(cause)))
}

/// Any bytes as a bidirectional SMTP session ([`script::chunks`]): the decoder never panics, and
/// the dialogue respects its own limits and points only at transcript items that exist.
pub fn smtp_session(data: &[u8]) {
    let Some((_, _, dialogue)) = decode_session(data) else {
        return;
    };
    assert!(dialogue.transcript.len() <= MAX_TRANSCRIPT_ITEMS);
    for item in &dialogue.transcript {
        if let ItemKind::Reply(r) = &item.kind {
            assert!(r.answers.is_none_or(|i| i < dialogue.transcript.len()));
        }
    }
    for a in &dialogue.anomalies {
        assert!(a.item <= dialogue.transcript.len());
    }
}

/// Any bytes as an SMTP session, turned into a [`Session`] with its findings and rendered by
/// both printers (text with secrets shown, JSON with secrets redacted): the renderers never panic,
/// and the JSON is one valid object per line.
pub fn report(data: &[u8]) {
    let Some((info, cause, dialogue)) = decode_session(data) else {
        return;
    };
    let stats = |segments| DirStats {
        segments,
        ..DirStats::default()
    };
    let mut session = Session {
        file: "fuzz".into(),
        files: std::sync::Arc::new(smtpscope::capture::set::FileNames::single("fuzz")),
        tunnel: None,
        snaplen: None,
        capture_end: None,
        dns: Vec::new(),
        summary: ConnSummary {
            cause,
            end: Timestamp::new(1, 0),
            last_frame: 99,
            c2s: stats(3),
            s2c: stats(2),
        },
        info,
        dialogue,
        findings: Vec::new(),
    };
    session.findings = rules::evaluate(&session, &RuleContext::default());
    for (format, show_secrets) in [(OutputFormat::Text, true), (OutputFormat::Json, false)] {
        let mut out = Vec::new();
        let render = Render {
            show_secrets,
            ..Render::default()
        };
        let mut printer = output::printer(format, render, &mut out);
        printer.session(&session).expect("writing to memory");
        printer.flush().expect("writing to memory");
        drop(printer);
        if format == OutputFormat::Json {
            for line in String::from_utf8(out).expect("JSON is UTF-8").lines() {
                assert!(line.starts_with('{'), "each line is an object");
                serde_json::from_str::<serde::de::IgnoredAny>(line).expect("each line is JSON");
            }
        }
    }
}

/// A SASL token of `bytes` sent in direction `dir`.
fn token(dir: Direction, bytes: &[u8]) -> SaslToken {
    SaslToken {
        dir,
        at: Position {
            frame: 1,
            ts: Timestamp::default(),
        },
        bytes: bytes.to_vec(),
        base64: true,
        text: None,
        cancel: false,
    }
}

/// Any bytes as a SASL token: the token decoders (NTLMSSP, GSS-API/SPNEGO, Kerberos, the plain
/// mechanisms through `auth::summarize` and `auth::analyze`) never panic, and what they report
/// stays within the message (strings no longer than the input could encode).
pub fn auth_token(data: &[u8]) {
    use smtpscope::auth::{self, gss, kerberos, ntlm, Secrets};
    let mut msg = ntlm::SIGNATURE.to_vec();
    msg.extend_from_slice(data);
    for bytes in [data, &msg[..]] {
        if let Some(n) = ntlm::decode(bytes) {
            for s in [&n.domain, &n.user, &n.workstation, &n.target_name]
                .into_iter()
                .flatten()
            {
                assert!(s.chars().count() <= bytes.len());
            }
        }
    }
    let _ = gss::decode(data);
    let _ = kerberos::decode_message(data);
    let _ = kerberos::decode_gss_inner(data);
    // The first byte picks a mechanism; the rest is split into two tokens.
    let (choice, rest) = data.split_first().unwrap_or((&0, data));
    let mechanism = [
        "GSSAPI",
        "NTLM",
        "PLAIN",
        "LOGIN",
        "CRAM-MD5",
        "XOAUTH2",
        "EXCHANGEAUTH",
    ][usize::from(*choice) % 7];
    let (a, b) = rest.split_at(rest.len() / 2);
    let exchange = AuthExchange {
        verb: "X-EXPS".into(),
        mechanism: mechanism.into(),
        hash: None,
        at: Position {
            frame: 1,
            ts: Timestamp::default(),
        },
        tokens: vec![
            token(Direction::ClientToServer, a),
            token(Direction::ServerToClient, b),
        ],
        outcome: AuthOutcome::Failure,
        reply: None,
    };
    let summaries = auth::summarize(&exchange, Secrets::Redact);
    assert_eq!(summaries.len(), 2);
    let _ = auth::analyze(&exchange);
}

/// The file `magics[data[0] % n] + data[1..]`, opened and read to its end; how many packets came
/// out. A finished source must stay finished.
fn read_with_magic(magics: &[&[u8]], data: &[u8]) -> u64 {
    let Some((&choice, rest)) = data.split_first() else {
        return 0;
    };
    let mut file = magics[usize::from(choice) % magics.len()].to_vec();
    file.extend_from_slice(rest);
    let Ok(mut source) = open_reader("fuzz".to_string(), Box::new(io::Cursor::new(file))) else {
        return 0;
    };
    let mut packets = 0u64;
    while let Ok(Some(packet)) = source.next_packet() {
        packets += 1;
        std::hint::black_box(packet.data.len());
    }
    assert!(
        matches!(source.next_packet(), Ok(None)),
        "a finished source stays finished"
    );
    packets
}

/// The magics of [`capture_readers`]: plain, modified and Nokia pcap in both byte orders, pcapng,
/// NetMon 1.x and 2.x, snoop, and none.
pub const READER_MAGICS: [&[u8]; 10] = [
    &[0xd4, 0xc3, 0xb2, 0xa1],
    &[0xa1, 0xb2, 0xc3, 0xd4],
    &[0x4d, 0x3c, 0xb2, 0xa1],
    &[0x34, 0xcd, 0xb2, 0xa1],
    &[0xa1, 0xb2, 0xcd, 0x34],
    &[0x0a, 0x0d, 0x0d, 0x0a],
    b"GMBU",
    b"RTSS",
    b"snoop\0\0\0",
    b"",
];

/// Every container reader on any bytes after its magic: the first input byte chooses the format
/// ([`READER_MAGICS`]), the rest is the file after the magic. The reader must end with a packet,
/// `None` or an error, never a panic or an unbounded allocation, and stay finished.
pub fn capture_readers(data: &[u8]) {
    read_with_magic(&READER_MAGICS, data);
}

/// The magics of [`capture_compressed`]: gzip, zstd, xz, lzma, bzip2.
pub const COMPRESSED_MAGICS: [&[u8]; 5] = [
    &[0x1f, 0x8b],
    &[0x28, 0xb5, 0x2f, 0xfd],
    &[0xfd, b'7', b'z', b'X', b'Z', 0x00],
    &[0x5d, 0x00, 0x00],
    b"BZh9",
];

/// The decompressors on any bytes after their magic: the first input byte chooses the compression
/// ([`COMPRESSED_MAGICS`]); the rest follows the magic. Opening and reading must end with packets,
/// `None` or an error naming the compression, never a panic or an allocation beyond the named
/// limits.
pub fn capture_compressed(data: &[u8]) {
    read_with_magic(&COMPRESSED_MAGICS, data);
}

/// The session classifier and the proxy handshake parsers on any two byte streams
/// ([`script::classifier_chunks`]), fed as the reassembler would, on a port that is not SMTP (so
/// detection by content and tunnels run) and on port 25; then the connection is finished. Never a
/// panic, whatever the bytes.
pub fn session_classifier(data: &[u8]) {
    use smtpscope::classify::{tunnel, ClassifyConfig, Connection};
    let _ = tunnel::socks4_request(data);
    let _ = tunnel::socks5_request(data);
    let _ = tunnel::socks5_reply(data);
    let _ = tunnel::socks5_userpass(data);
    let _ = tunnel::http_connect_request(data);
    let _ = tunnel::http_connect_reply(data);
    let config = ClassifyConfig::default();
    let handshake_seen = data.first().is_some_and(|b| b & 1 == 0);
    let chunks = script::classifier_chunks(data.get(1..).unwrap_or_default());
    for port in [8080u16, 25] {
        let mut info = self::info(handshake_seen);
        info.server.set_port(port);
        let mut conn = Connection::open(info, &config);
        let mut frame = 2;
        for chunk in &chunks {
            let kind = match chunk.gap {
                Some(len) => EventKind::Gap {
                    len,
                    cause: smtpscope::reasm::GapCause::Acked,
                },
                None => EventKind::Data(&chunk.bytes),
            };
            let event = StreamEvent {
                conn: ConnId(1),
                dir: chunk.dir,
                ts: Timestamp::new(0, frame as u32),
                frame,
                kind,
            };
            frame += 1;
            let _ = conn.on_event(&event, &config, &mut |info| SmtpDecoder::new(info));
        }
        let summary = ConnSummary {
            cause: CloseCause::EndOfInput,
            end: Timestamp::new(1, 0),
            last_frame: frame,
            c2s: DirStats::default(),
            s2c: DirStats::default(),
        };
        let _ = conn.finish(summary, &config, &mut |info| SmtpDecoder::new(info));
    }
}

/// Several capture files merged by time: the input is cut into up to four files
/// ([`script::file_set`]) written to a temporary folder and read back as one capture, directory and
/// all. Every packet handed out must come from one of the files, and reading must end; broken files
/// are reported, never a panic.
pub fn file_set(data: &[u8]) {
    use smtpscope::capture::set::{expand, frame_file, MergedSource};
    use smtpscope::capture::{Input, PacketSource};
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    for (n, bytes) in script::file_set(data).iter().enumerate() {
        if std::fs::write(dir.path().join(format!("ring_{n}.pcap")), bytes).is_err() {
            return;
        }
    }
    let (inputs, _) = expand(&[Input::Path(dir.path().to_path_buf())]);
    let Ok(mut merged) = MergedSource::open(inputs) else {
        return;
    };
    let mut count = 0u64;
    while let Ok(Some(packet)) = merged.next_packet() {
        assert!(frame_file(packet.frame) < 4);
        count += 1;
    }
    let _ = merged.take_errors();
    std::hint::black_box(count);
}

/// Any bytes as a message body ([`script::message_pieces`]: pieces, some lost as gaps) fed to the
/// message decoder with small limits. It must never panic, its records must respect its limits,
/// every header byte it took from the shared budget must be given back, and without gaps the
/// pieces must decode as the same bytes pushed at once do.
pub fn message(data: &[u8]) {
    use smtpscope::message::{Budget, Limits, MessageDecoder, Options, MAX_ANOMALIES};
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let options = Options {
        limits: Limits {
            max_message_size: 1 << 16,
            max_header_bytes: 512,
            max_depth: 6,
            max_parts: 40,
        },
        budget: Budget::new(if flags & 1 == 0 { 1 << 20 } else { 300 }),
    };
    let mut decoder = MessageDecoder::new(&options);
    let (mut whole, mut gaps) = (Vec::new(), false);
    for piece in script::message_pieces(rest) {
        match piece {
            Ok(bytes) => {
                whole.extend_from_slice(bytes);
                decoder.push(bytes);
            }
            Err(gap) => {
                gaps = true;
                decoder.gap(gap);
            }
        }
    }
    let message = decoder.finish(flags & 2 == 0, None);
    if !gaps && flags & 1 == 0 {
        // However the bytes were cut, the message is the same (the header budget is ample).
        let mut at_once = MessageDecoder::new(&options);
        at_once.push(&whole);
        assert_eq!(at_once.finish(flags & 2 == 0, None), message);
    }
    assert!(message.parts.len() <= options.limits.max_parts);
    assert!(message.parts.iter().all(|p| p.depth <= options.limits.max_depth));
    assert!(message.anomalies.len() <= MAX_ANOMALIES);
    assert!(message.parts.iter().all(|p| p.sha256.is_none() || p.complete));
    assert_eq!(options.budget.used(), 0);
}

/// Any bytes as DNS messages over UDP and TCP ([`script::dns_messages`]: each one sent by the
/// querier or the server, as a datagram or as stream bytes to frame, seconds apart, or the end of
/// the TCP connection), through the parser and the [`DnsTracker`](smtpscope::dns::DnsTracker) that
/// pairs queries with answers. Never a panic; a parsed message keeps at most
/// [`MAX_RECORDS`](smtpscope::dns::message::MAX_RECORDS) records a section; no lookup is answered
/// before it was asked, none comes without a message, and after `finish` nothing is left.
pub fn dns(data: &[u8]) {
    use smtpscope::dns::message::{self, MAX_RECORDS};
    use smtpscope::dns::{DnsTracker, Outcome};
    let (querier, server) = script::dns_endpoints();
    let mut tracker = DnsTracker::new();
    let mut lookups = Vec::new();
    let mut messages = 0usize;
    for m in script::dns_messages(data) {
        let (from, to) = match m.dir {
            Direction::ClientToServer => (querier, server),
            Direction::ServerToClient => (server, querier),
        };
        let at = Position {
            frame: m.frame,
            ts: Timestamp::new(m.secs, 0),
        };
        match m.kind {
            script::DnsKind::Udp(bytes) => {
                if let Ok(parsed) = message::parse(bytes) {
                    assert!(parsed.answers.len() <= MAX_RECORDS && parsed.additional.len() <= MAX_RECORDS);
                }
                messages += 1;
                tracker.on_datagram(&smtpscope::net::Datagram {
                    frame: m.frame,
                    ts: at.ts,
                    src: from,
                    dst: to,
                    payload: bytes,
                });
            }
            script::DnsKind::Tcp(bytes) => {
                // At most one message per two length bytes.
                messages += bytes.len() / 2 + 1;
                tracker.on_tcp_data(from, to, bytes, at);
            }
            script::DnsKind::End => tracker.on_tcp_end(from, to),
        }
        tracker.expire(at.ts);
        lookups.extend(tracker.take_finished());
    }
    tracker.finish();
    lookups.extend(tracker.take_finished());
    tracker.finish();
    assert!(tracker.take_finished().is_empty(), "finish leaves nothing behind");
    assert!(lookups.len() <= messages, "a lookup per message at most");
    for lookup in &lookups {
        assert!(lookup.answers.len() <= MAX_RECORDS && lookup.additional.len() <= MAX_RECORDS);
        assert!(
            lookup.latency_ms().is_none_or(|ms| ms >= 0.0),
            "answered before asked"
        );
        assert_eq!(lookup.outcome == Outcome::Answered, lookup.answered.is_some());
        let _ = lookup.result();
    }
}
