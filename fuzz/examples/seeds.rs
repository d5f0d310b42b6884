//! Writes the seed corpus from the repository's captures:
//! `cargo run --manifest-path fuzz/Cargo.toml --example seeds` (from the repository root).
//!
//! `corpus/capture_file/`: each capture, cut to 8 KiB; `corpus/packet_decode/`: the first, a
//! middle and the longest frame of each; `corpus/reassembly/`: each capture's segments on the
//! SMTP ports as a segment script; `corpus/smtp_session/` (also the `report` target's): the byte
//! streams of each capture's first session as a chunk script, and `session_classifier/` as its own
//! chunk script; `corpus/message/`: the first DATA body of each; `corpus/capture_readers/` and
//! `capture_compressed/`: each capture after its magic; `corpus/file_set/`: each capture with the
//! one before it; `corpus/auth_token/`: every SASL token decoded from the captures;
//! `corpus/tls_handshake/`: the TLS byte streams of each capture's first session (from the
//! ClientHello and the ServerHello on) as a chunk script; `corpus/tls_decrypt/`: the records after
//! each side's ChangeCipherSpec, with the capture's suite picked when the target has it, and the
//! sealed SMTP dialogues of `smtpscope_fuzz::seal::seeds` (records that authenticate);
//! `corpus/dns/`: each capture's DNS over UDP and TCP as a DNS message script, and each distinct
//! message alone. Each distinct seed is written once, named after its capture; the same captures
//! give the same files.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use smtpscope::app::sessions_of;
use smtpscope::capture::Timestamp;
use smtpscope::capture::{file::open, Input};
use smtpscope::cli::config::ReportConfig;
use smtpscope::net::{Decoder, Direction, PortSet};
use smtpscope::reasm::{EventKind, ReasmLimits, Reassembler, StreamEvent, StreamSink};
use smtpscope_fuzz::script::{
    encode_chunks, encode_classifier_chunks, encode_dns, encode_file_set, encode_message, DnsKind,
    SegmentScript,
};
use smtpscope_fuzz::{COMPRESSED_MAGICS, DECRYPT_SUITES, READER_MAGICS, TARGETS};

/// The choice byte and the rest of `bytes` for a target that puts one of `magics` first, when
/// `bytes` starts with one of them (the longest that fits).
fn after_magic(magics: &[&[u8]], bytes: &[u8]) -> Option<Vec<u8>> {
    let (choice, magic) = magics
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.is_empty() && bytes.starts_with(m))
        .max_by_key(|(_, m)| m.len())?;
    let mut seed = vec![choice as u8];
    seed.extend_from_slice(&bytes[magic.len()..]);
    Some(seed)
}

/// The body of the first DATA command in a client stream, up to its end-of-data line.
fn data_body(client: &[u8]) -> Option<&[u8]> {
    let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).position(|w| w == needle);
    let start = find(client, b"DATA\r\n")? + 6;
    let body = &client[start..];
    Some(&body[..find(body, b"\r\n.\r\n").map_or(body.len(), |end| end + 2)])
}

/// Where TLS starts in one direction's stream: at its start, or after the line (`STARTTLS`, the
/// `220` answering it) that ends just before the first handshake record.
fn tls_start(stream: &[u8]) -> Option<usize> {
    if stream.starts_with(&[0x16, 0x03]) {
        return Some(0);
    }
    stream
        .windows(4)
        .position(|w| w == b"\r\n\x16\x03")
        .map(|at| at + 2)
}

/// The events of one session from each direction's TLS start on (none for a direction without
/// TLS).
fn tls_events(events: &[(Direction, Result<Vec<u8>, u64>)]) -> Vec<(Direction, Result<Vec<u8>, u64>)> {
    let stream = |dir: Direction| -> Vec<u8> {
        events
            .iter()
            .filter(|(d, _)| *d == dir)
            .filter_map(|(_, e)| e.as_ref().ok())
            .flatten()
            .copied()
            .collect()
    };
    let starts = [Direction::ClientToServer, Direction::ServerToClient].map(|d| (d, tls_start(&stream(d))));
    let mut offsets = [0usize; 2];
    let mut out = Vec::new();
    for (dir, event) in events {
        let side = usize::from(*dir == Direction::ServerToClient);
        let Some(start) = starts[side].1 else {
            continue;
        };
        match event {
            Ok(bytes) => {
                let from = start.saturating_sub(offsets[side]).min(bytes.len());
                offsets[side] += bytes.len();
                if from < bytes.len() {
                    out.push((*dir, Ok(bytes[from..].to_vec())));
                }
            }
            Err(len) if offsets[side] >= start => out.push((*dir, Err(*len))),
            Err(_) => {}
        }
    }
    out
}

/// The TLS records of `stream` after its first ChangeCipherSpec (the protected ones), whole.
fn protected_records(stream: &[u8]) -> Vec<u8> {
    let mut at = 0;
    let mut after_ccs = None;
    while let Some(&[kind, _, _, hi, lo]) = stream.get(at..at + 5) {
        let end = at + 5 + usize::from(u16::from_be_bytes([hi, lo]));
        if end > stream.len() {
            break;
        }
        if kind == 20 && after_ccs.is_none() {
            after_ccs = Some(end);
        }
        at = end;
    }
    after_ccs.map_or_else(Vec::new, |from| stream[from..at].to_vec())
}

/// The suite a ServerHello at the start of `stream` chose.
fn chosen_suite(stream: &[u8]) -> Option<u16> {
    // Record header (5), handshake header (4), version (2), random (32), then the session id.
    if stream.first() != Some(&22) || stream.get(5) != Some(&2) {
        return None;
    }
    let sid = usize::from(*stream.get(43)?);
    let suite = stream.get(44 + sid..46 + sid)?;
    Some(u16::from_be_bytes([suite[0], suite[1]]))
}

/// A capture's DNS, as it travelled: (from the server, when, what).
type DnsEvents<'a> = [(bool, Timestamp, DnsKind<'a>)];

/// One DNS event of a capture, owned.
enum Dns {
    Udp(Vec<u8>),
    Tcp(Vec<u8>),
    End,
}

/// A capture's DNS in capture order: datagrams, and TCP as the reassembler delivers it.
#[derive(Default)]
struct DnsStreams {
    events: Vec<(bool, Timestamp, Dns)>,
}

impl StreamSink for DnsStreams {
    fn on_event(&mut self, e: StreamEvent<'_>) {
        let server = e.dir == Direction::ServerToClient;
        match e.kind {
            EventKind::Data(bytes) => self.events.push((server, e.ts, Dns::Tcp(bytes.to_vec()))),
            EventKind::Gap { .. } | EventKind::Close(_) => self.events.push((server, e.ts, Dns::End)),
            _ => {}
        }
    }
}

/// Writes the `dns` seeds of one capture: its script, and each distinct message alone.
fn write_dns(written: &mut Written, name: &str, events: &DnsEvents<'_>) {
    if events.is_empty() {
        return;
    }
    let first = events[0].1;
    let mut last = first;
    let mut script = Vec::new();
    for (server, ts, kind) in events {
        let secs = u64::try_from(ts.secs - last.secs).unwrap_or(0);
        last = *ts;
        script.push((*server, secs, *kind));
        if let DnsKind::Udp(bytes) = kind {
            let alone = encode_dns(&[(*server, 0, DnsKind::Udp(bytes))], max_len("dns"));
            write(written, "dns", &format!("{name}-{:03}", script.len()), &alone);
        }
    }
    write(written, "dns", name, &encode_dns(&script, max_len("dns")));
}

fn captures(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            captures(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("pcap" | "pcapng" | "cap" | "snoop" | "gz" | "zst" | "xz" | "lzma" | "bz2")
        ) {
            out.push(path);
        }
    }
}

fn max_len(target: &str) -> usize {
    TARGETS
        .iter()
        .find(|t| t.corpus == target)
        .map_or(4096, |t| t.max_len)
}

/// The seeds written so far, to write each distinct one once per target.
type Written = BTreeSet<(&'static str, Vec<u8>)>;

fn write(written: &mut Written, target: &'static str, name: &str, bytes: &[u8]) {
    let dir = Path::new("fuzz/corpus").join(target);
    std::fs::create_dir_all(&dir).expect("the corpus folder can be made");
    let bytes = &bytes[..bytes.len().min(max_len(target))];
    if !bytes.is_empty() && written.insert((target, bytes.to_vec())) {
        std::fs::write(dir.join(name), bytes).expect("a seed can be written");
    }
}

/// The events of the first connection that carried data.
#[derive(Default)]
struct FirstSession {
    conn: Option<u64>,
    events: Vec<(Direction, Result<Vec<u8>, u64>)>,
}

impl StreamSink for FirstSession {
    fn on_event(&mut self, e: StreamEvent<'_>) {
        let item = match e.kind {
            EventKind::Data(bytes) => Ok(bytes.to_vec()),
            EventKind::Gap { len, .. } => Err(len),
            _ => return,
        };
        if *self.conn.get_or_insert(e.conn.0) == e.conn.0 {
            self.events.push((e.dir, item));
        }
    }
}

fn main() {
    let mut files = Vec::new();
    captures(Path::new("captures"), &mut files);
    assert!(
        !files.is_empty(),
        "run from the repository root: no captures/ here"
    );
    let mut tokens = BTreeSet::new();
    let mut written = Written::new();
    let mut previous_capture: Option<Vec<u8>> = None;
    let mut files_seen = 0usize;
    let mut per_format = std::collections::BTreeMap::new();
    for path in &files {
        let name = path
            .strip_prefix("captures")
            .unwrap_or(path)
            .to_string_lossy()
            .replace('/', "-");
        let bytes = std::fs::read(path).expect("a capture can be read");
        if let Some(seed) = after_magic(&COMPRESSED_MAGICS, &bytes) {
            write(&mut written, "capture_compressed", &name, &seed);
            continue; // the other targets read what it decompresses to: its plain twin is there
        }
        write(&mut written, "capture_file", &name, &bytes);
        // The container readers: three captures of each format are enough seeds.
        if let Some(seed) = after_magic(&READER_MAGICS, &bytes) {
            let seen = per_format.entry(seed[0]).or_insert(0);
            *seen += 1;
            if *seen <= 3 {
                write(&mut written, "capture_readers", &name, &seed);
            }
        }
        // File sets: one capture in eight with the one before it.
        if let Some(previous) = previous_capture.as_ref().filter(|_| files_seen % 8 == 1) {
            write(
                &mut written,
                "file_set",
                &name,
                &encode_file_set(&[previous, &bytes]),
            );
        }
        files_seen += 1;
        previous_capture = Some(bytes.clone());

        let mut source = open(&Input::Path(path.clone())).expect("a capture opens");
        let mut decoder = Decoder::new();
        let mut frames: Vec<Vec<u8>> = Vec::new();
        let mut script = SegmentScript::default();
        let mut reasm = Reassembler::new(ReasmLimits::default(), PortSet::default());
        let mut first = FirstSession::default();
        let ports = PortSet::default();
        let dns_ports = PortSet::new(&[smtpscope::dns::PORT]);
        let mut dns_reasm = Reassembler::new(ReasmLimits::default(), dns_ports.clone());
        let mut dns_streams = DnsStreams::default();
        while let Ok(Some(packet)) = source.next_packet() {
            frames.push(packet.data.to_vec());
            match decoder.decode(&packet) {
                Ok(seg) if ports.contains(seg.src.port()) || ports.contains(seg.dst.port()) => {
                    script.push(&seg);
                    reasm.push(&seg, &mut first);
                }
                Ok(seg) if dns_ports.contains(seg.src.port()) || dns_ports.contains(seg.dst.port()) => {
                    dns_reasm.push(&seg, &mut dns_streams);
                }
                Ok(_) => {}
                Err(_) => {
                    if let Some(d) = smtpscope::net::udp_datagram(&packet) {
                        if dns_ports.contains(d.src.port()) || dns_ports.contains(d.dst.port()) {
                            let server = d.src.port() == smtpscope::dns::PORT;
                            let event = (server, d.ts, Dns::Udp(d.payload.to_vec()));
                            dns_streams.events.push(event);
                        }
                    }
                }
            }
        }
        reasm.finish(&mut first);
        dns_reasm.finish(&mut dns_streams);
        let dns_events: Vec<(bool, Timestamp, DnsKind<'_>)> = dns_streams
            .events
            .iter()
            .map(|(server, ts, e)| {
                let kind = match e {
                    Dns::Udp(p) => DnsKind::Udp(p),
                    Dns::Tcp(p) => DnsKind::Tcp(p),
                    Dns::End => DnsKind::End,
                };
                (*server, *ts, kind)
            })
            .collect();
        write_dns(&mut written, &name, &dns_events);
        let longest = frames.iter().max_by_key(|f| f.len()).cloned().unwrap_or_default();
        for (which, frame) in [
            ("first", frames.first()),
            ("middle", frames.get(frames.len() / 2)),
            ("longest", Some(&longest)),
        ] {
            if let Some(frame) = frame {
                write(&mut written, "packet_decode", &format!("{name}-{which}"), frame);
            }
        }
        write(&mut written, "reassembly", &name, &script.into_bytes());
        let events: Vec<(Direction, Result<&[u8], u64>)> = first
            .events
            .iter()
            .map(|(d, e)| (*d, e.as_ref().map(Vec::as_slice).map_err(|l| *l)))
            .collect();
        write(
            &mut written,
            "smtp_session",
            &name,
            &encode_chunks(&events, max_len("smtp_session")),
        );
        write(
            &mut written,
            "session_classifier",
            &name,
            &encode_classifier_chunks(&events, max_len("session_classifier")),
        );
        let client: Vec<u8> = first
            .events
            .iter()
            .filter(|(d, _)| *d == Direction::ClientToServer)
            .filter_map(|(_, e)| e.as_ref().ok())
            .flatten()
            .copied()
            .collect();
        if let Some(body) = data_body(&client) {
            write(&mut written, "message", &name, &encode_message(body));
        }
        let tls = tls_events(&first.events);
        if !tls.is_empty() {
            let events: Vec<(Direction, Result<&[u8], u64>)> = tls
                .iter()
                .map(|(d, e)| (*d, e.as_ref().map(Vec::as_slice).map_err(|l| *l)))
                .collect();
            write(
                &mut written,
                "tls_handshake",
                &name,
                &encode_chunks(&events, max_len("tls_handshake")),
            );
            let side = |dir: Direction| -> Vec<u8> {
                tls.iter()
                    .filter(|(d, _)| *d == dir)
                    .filter_map(|(_, e)| e.as_ref().ok())
                    .flatten()
                    .copied()
                    .collect()
            };
            let (client, server) = (side(Direction::ClientToServer), side(Direction::ServerToClient));
            let pick = chosen_suite(&server)
                .and_then(|s| DECRYPT_SUITES.iter().position(|&d| d == s))
                .unwrap_or(0);
            let records = [
                (Direction::ClientToServer, Ok(&protected_records(&client)[..])),
                (Direction::ServerToClient, Ok(&protected_records(&server)[..])),
            ];
            let mut seed = encode_chunks(&records, max_len("tls_decrypt"));
            seed[0] = pick as u8;
            if seed.len() > 1 {
                write(&mut written, "tls_decrypt", &name, &seed);
            }
        }

        let decoded = sessions_of(&Input::Path(path.clone()), &ReportConfig::default(), None);
        for session in &decoded.sessions {
            for exchange in &session.dialogue.auth {
                for token in &exchange.tokens {
                    if !token.bytes.is_empty() {
                        tokens.insert(token.bytes.clone());
                    }
                }
            }
        }
    }
    for (n, token) in tokens.iter().enumerate() {
        write(&mut written, "auth_token", &format!("token-{n:03}"), token);
    }
    for (name, seed) in smtpscope_fuzz::seal::seeds() {
        write(&mut written, "tls_decrypt", &name, &seed);
    }
    println!("seeds written under fuzz/corpus/ from {} captures", files.len());
}
