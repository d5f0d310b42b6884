//! Writes the seed corpus from the repository's captures:
//! `cargo run --manifest-path fuzz/Cargo.toml --example seeds` (from the repository root).
//!
//! `corpus/capture_file/`: each capture, cut to 8 KiB; `corpus/packet_decode/`: the first, a
//! middle and the longest frame of each; `corpus/reassembly/`: each capture's segments on the
//! SMTP ports as a segment script; `corpus/smtp_session/` (also the `report` target's): the byte
//! streams of each capture's first session as a chunk script, and `session_classifier/` as its own
//! chunk script; `corpus/message/`: the first DATA body of each; `corpus/capture_readers/` and
//! `capture_compressed/`: each capture after its magic; `corpus/file_set/`: each capture with the
//! one before it; `corpus/auth_token/`: every SASL token decoded from the captures. Each distinct seed is written once, named after its capture;
//! the same captures give the same files.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use smtpscope::app::sessions_of;
use smtpscope::capture::{file::open, Input};
use smtpscope::cli::config::ReportConfig;
use smtpscope::net::{Decoder, Direction, PortSet};
use smtpscope::reasm::{EventKind, ReasmLimits, Reassembler, StreamEvent, StreamSink};
use smtpscope_fuzz::script::{
    encode_chunks, encode_classifier_chunks, encode_file_set, encode_message, SegmentScript,
};
use smtpscope_fuzz::{COMPRESSED_MAGICS, READER_MAGICS, TARGETS};

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
        while let Ok(Some(packet)) = source.next_packet() {
            frames.push(packet.data.to_vec());
            if let Ok(seg) = decoder.decode(&packet) {
                if ports.contains(seg.src.port()) || ports.contains(seg.dst.port()) {
                    script.push(&seg);
                    reasm.push(&seg, &mut first);
                }
            }
        }
        reasm.finish(&mut first);
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
    println!("seeds written under fuzz/corpus/ from {} captures", files.len());
}
