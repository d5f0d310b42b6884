//! `smtpscope export`: what the selected sessions carried, written into a folder — each session's
//! own packets (`--pcap`), each message as received (`--eml`), its attachments (`--attachments`),
//! each XEXCH50 BLOB (`--blobs`) — and a `manifest.jsonl` listing every file with its SHA-256.
//!
//! Each capture is read twice, so nothing grows with its size: the first pass decodes every
//! session and applies the selection (which may need a session's end: `--finding`, `--reply`,
//! `--frame`); the second decodes again — same session ids — with a [`tap::ExportTap`] on the
//! selected sessions, streaming their content to files, and copies each packet whose TCP
//! endpoints and frame number fall within a selected session into that session's pcap. A fragment
//! of an IP datagram is matched only by the fragment that completes it (the others carry no TCP
//! header of their own). Names are made safe by [`names`]; existing files are never overwritten.
//!
//! Owns the files it writes and the manifest. Must not: decode anything itself (the pipeline does)
//! or decide what a session means.

pub mod names;
pub mod tap;

use std::collections::HashMap;
use std::fs::OpenOptions;
use std::io::{self, BufWriter, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use serde::Serialize;

use crate::app::{load_tls_keys, Engine, Outcome, Pipeline};
use crate::capture::write::PcapWriter;
use crate::capture::{self, LinkType, Packet};
use crate::cli::config::ExportConfig;
use crate::net::Decoder;
use crate::output::{OutputFormat, Printer};
use crate::session::{RunSummary, Session};

use tap::{lock, ExportTap, Wanted};

/// One written file, as `manifest.jsonl` lists it.
#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    /// `pcap`, `eml`, `attachment` or `blob`.
    pub kind: &'static str,
    /// The file's name within the folder.
    pub path: String,
    /// The session it came from.
    pub session: String,
    /// The transaction (1-based), for messages, attachments and BLOBs.
    pub transaction: Option<usize>,
    /// The MIME part, for attachments.
    pub part: Option<String>,
    /// The attachment's name as sent, or the message's subject.
    pub name: Option<String>,
    /// The content type.
    pub content_type: Option<String>,
    /// Bytes written.
    pub bytes: u64,
    /// SHA-256 of the bytes written.
    pub sha256: String,
    /// Everything travelled (no gap, the unit ended as the protocol says).
    pub complete: bool,
    /// Bytes lost in gaps (messages).
    pub gap_bytes: u64,
}

/// What the taps share: the folder, the files written, the errors met.
#[derive(Debug)]
pub struct Shared {
    /// The folder.
    pub dir: PathBuf,
    /// Files written, in order.
    pub entries: Vec<Entry>,
    /// Files that could not be written (one sentence each).
    pub errors: Vec<String>,
}

/// A printer that keeps the sessions (the selection is applied before it sees them).
#[derive(Default)]
struct Keep(Vec<Session>);

impl Printer for Keep {
    fn session(&mut self, session: &Session) -> io::Result<()> {
        self.0.push(session.clone());
        Ok(())
    }
    fn capture_finding(&mut self, _: &crate::rules::Finding) -> io::Result<()> {
        Ok(())
    }
    fn flows(&mut self, _: &[crate::flow::Flow]) -> io::Result<()> {
        Ok(())
    }
    fn summary(&mut self, _: &RunSummary) -> io::Result<()> {
        Ok(())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// One selected session's packets: where they are, and the file they go to.
struct PcapOut {
    id: String,
    ends: (SocketAddr, SocketAddr),
    frames: (u64, u64),
    writer: Option<PcapWriter<HashWriter<BufWriter<std::fs::File>>>>,
    link: Option<LinkType>,
    path: PathBuf,
    packets: u64,
    skipped_link: u64,
}

/// Runs the export (see the module doc).
///
/// # Errors
/// Only an error writing the list of files to `out`.
pub fn run(config: &ExportConfig, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Outcome> {
    if !crate::app::frames_named(&config.report.filter, &config.inputs, err)? {
        return Ok(Outcome::InputError);
    }
    let mut failed = false;
    if let Err(e) = std::fs::create_dir_all(&config.out) {
        writeln!(err, "smtpscope: cannot create {}: {e}", config.out.display())?;
        return Ok(Outcome::InputError);
    }
    let shared = Arc::new(Mutex::new(Shared {
        dir: config.out.clone(),
        entries: Vec::new(),
        errors: Vec::new(),
    }));
    let wanted = Wanted {
        eml: config.eml,
        attachments: config.attachments,
        blobs: config.blobs,
    };
    // Decrypted sessions export what TLS carried, as `analyze` decodes it with the same keys.
    let mut key_problems = RunSummary::default();
    let tls_keys = load_tls_keys(&config.report.tls_keys, err, &mut key_problems)?;
    failed |= !key_problems.input_errors.is_empty();
    let mut next_id = 1u64;
    let mut selected_total = 0usize;
    for input in &config.inputs {
        let name: Arc<str> = input.display_name().into();
        // Pass 1: which sessions.
        let Some(mut source) = open(input, err, &mut failed)? else {
            continue;
        };
        let mut first = Pipeline::new(&config.report, name.clone(), next_id).with_tls_keys(tls_keys.clone());
        let mut kept = Keep::default();
        let read = first.run(source.as_mut(), &mut kept)?;
        first.finish(&mut kept)?;
        if let Err(e) = read {
            writeln!(err, "smtpscope: {e}")?;
            failed = true;
        }
        let selected = kept.0;
        selected_total = selected_total.saturating_add(selected.len());
        let first_id = next_id;
        next_id = first.next_id();
        if selected.is_empty() || !(config.pcap || config.eml || config.attachments || config.blobs) {
            continue;
        }
        // Pass 2: the same decoding, with taps on the selected sessions and their packets copied.
        let Some(mut source) = open(input, err, &mut failed)? else {
            continue;
        };
        let ids: Vec<u64> = selected.iter().map(|s| s.info.id.0).collect();
        let mut second =
            Pipeline::new(&config.report, name.clone(), first_id).with_tls_keys(tls_keys.clone());
        if config.eml || config.attachments || config.blobs {
            let tap_shared = shared.clone();
            let options = config.report.message.clone();
            second.set_taps(Box::new(move |info| {
                ids.contains(&info.id.0).then(|| {
                    Box::new(ExportTap::new(
                        tap_shared.clone(),
                        info.id.0.to_string(),
                        wanted,
                        options.clone(),
                    )) as Box<dyn crate::smtp::ContentTap>
                })
            }));
        }
        let mut pcaps: Vec<PcapOut> = if config.pcap {
            selected
                .iter()
                .map(|s| PcapOut {
                    id: s.id(),
                    ends: (s.info.client, s.info.server),
                    frames: (s.info.first_frame, s.summary.last_frame),
                    writer: None,
                    link: None,
                    path: PathBuf::new(),
                    packets: 0,
                    skipped_link: 0,
                })
                .collect()
        } else {
            Vec::new()
        };
        let mut by_ends: HashMap<(SocketAddr, SocketAddr), Vec<usize>> = HashMap::new();
        for (i, p) in pcaps.iter().enumerate() {
            by_ends.entry(p.ends).or_default().push(i);
        }
        let mut decoder = Decoder::new();
        let mut sink = Keep::default();
        let mut observe = |packet: &Packet<'_>| {
            if pcaps.is_empty() {
                return;
            }
            let Ok(segment) = decoder.decode(packet) else {
                return;
            };
            let key = (segment.src, segment.dst);
            let candidates = by_ends
                .get(&key)
                .or_else(|| by_ends.get(&(key.1, key.0)))
                .cloned()
                .unwrap_or_default();
            for i in candidates {
                if let Some(p) = pcaps.get_mut(i) {
                    if (p.frames.0..=p.frames.1).contains(&packet.frame) {
                        write_packet(p, packet, &shared);
                        break;
                    }
                }
            }
        };
        let read = second.run_observed(source.as_mut(), &mut sink, &mut observe)?;
        second.finish(&mut sink)?;
        if let Err(e) = read {
            writeln!(err, "smtpscope: {e}")?;
            failed = true;
        }
        for p in pcaps {
            finish_pcap(p, &shared);
        }
    }
    let shared = lock(&shared);
    let manifest = config.out.join("manifest.jsonl");
    let mut lines = Vec::new();
    for e in &shared.entries {
        serde_json::to_writer(&mut lines, &Tagged(e))?;
        lines.push(b'\n');
    }
    let appended = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&manifest)
        .and_then(|mut f| f.write_all(&lines));
    if let Err(e) = appended {
        writeln!(err, "smtpscope: cannot write {}: {e}", manifest.display())?;
        failed = true;
    }
    for e in &shared.errors {
        writeln!(err, "smtpscope: {e}")?;
        failed = true;
    }
    match config.report.format {
        OutputFormat::Json | OutputFormat::Ecs => out.write_all(&lines)?,
        // The list of written files is the same for people whichever report format was asked.
        OutputFormat::Text | OutputFormat::Html => {
            for e in &shared.entries {
                writeln!(
                    out,
                    "{:<10} {}  {} bytes  sha256 {}{}",
                    e.kind,
                    e.path,
                    crate::output::text::group_digits(e.bytes),
                    e.sha256,
                    if e.complete { "" } else { "  (incomplete)" }
                )?;
            }
            writeln!(
                out,
                "{} files written to {} for {} selected {}; listed in manifest.jsonl",
                shared.entries.len(),
                config.out.display(),
                selected_total,
                if selected_total == 1 {
                    "session"
                } else {
                    "sessions"
                }
            )?;
        }
    }
    Ok(if failed {
        Outcome::InputError
    } else {
        Outcome::Done
    })
}

/// Opens `input`, or says why not on `err` and marks the run `failed`.
fn open(
    input: &capture::Input,
    err: &mut dyn Write,
    failed: &mut bool,
) -> io::Result<Option<Box<dyn capture::PacketSource>>> {
    match capture::file::open(input) {
        Ok(source) => Ok(Some(source)),
        Err(e) => {
            writeln!(err, "smtpscope: {e}")?;
            *failed = true;
            Ok(None)
        }
    }
}

/// An entry with `"type":"file"` first, for the JSON Lines of stdout and the manifest.
struct Tagged<'a>(&'a Entry);

impl Serialize for Tagged<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Line<'a> {
            #[serde(rename = "type")]
            kind: &'static str,
            #[serde(flatten)]
            entry: &'a Entry,
        }
        Line {
            kind: "file",
            entry: self.0,
        }
        .serialize(s)
    }
}

/// Writes `packet` into its session's pcap, opening it at the first packet.
fn write_packet(p: &mut PcapOut, packet: &Packet<'_>, shared: &Arc<Mutex<Shared>>) {
    if p.writer.is_none() && p.link.is_none() {
        p.link = Some(packet.link);
        let dir = lock(shared).dir.clone();
        match names::create_new(&dir, &format!("s{}.pcap", p.id)) {
            Ok((path, file)) => {
                p.path = path;
                match PcapWriter::new(HashWriter::new(BufWriter::new(file)), packet.link) {
                    Ok(w) => p.writer = Some(w),
                    Err(e) => lock(shared)
                        .errors
                        .push(format!("cannot write {}: {e}", p.path.display())),
                }
            }
            Err(e) => lock(shared)
                .errors
                .push(format!("cannot create a pcap for session {}: {e}", p.id)),
        }
    }
    if p.link != Some(packet.link) {
        // One link type per pcap file: a packet of another interface type is left out (counted).
        p.skipped_link = p.skipped_link.saturating_add(1);
        return;
    }
    let Some(w) = &mut p.writer else { return };
    match w.write_packet(packet.ts, packet.orig_len, packet.data) {
        Ok(()) => p.packets = p.packets.saturating_add(1),
        Err(e) => {
            lock(shared)
                .errors
                .push(format!("cannot write {}: {e}", p.path.display()));
            p.writer = None;
        }
    }
}

/// Closes a session's pcap and lists it, hashing the file as written.
fn finish_pcap(p: PcapOut, shared: &Arc<Mutex<Shared>>) {
    let Some(w) = p.writer else { return };
    let (bytes, sha256) = match w.into_inner().and_then(HashWriter::finish) {
        Ok(done) => done,
        Err(e) => {
            lock(shared)
                .errors
                .push(format!("cannot write {}: {e}", p.path.display()));
            return;
        }
    };
    if p.skipped_link > 0 {
        lock(shared).errors.push(format!(
            "{}: {} packets of another link type were left out",
            p.path.display(),
            p.skipped_link
        ));
    }
    lock(shared).entries.push(Entry {
        kind: "pcap",
        path: p
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        session: p.id,
        transaction: None,
        part: None,
        name: None,
        content_type: Some("application/vnd.tcpdump.pcap".into()),
        bytes,
        sha256,
        complete: p.skipped_link == 0,
        gap_bytes: 0,
    });
}

/// A writer that hashes what goes through it.
struct HashWriter<W: Write> {
    inner: W,
    hash: sha2::Sha256,
    bytes: u64,
}

impl<W: Write> HashWriter<W> {
    fn new(inner: W) -> Self {
        use sha2::Digest;
        HashWriter {
            inner,
            hash: sha2::Sha256::new(),
            bytes: 0,
        }
    }

    /// Flushes; the bytes written and their SHA-256.
    fn finish(mut self) -> io::Result<(u64, String)> {
        use sha2::Digest;
        self.inner.flush()?;
        Ok((self.bytes, crate::message::mime::hex(&self.hash.finalize())))
    }
}

impl<W: Write> Write for HashWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        use sha2::Digest;
        let n = self.inner.write(buf)?;
        self.hash.update(buf.get(..n).unwrap_or_default());
        self.bytes = self.bytes.saturating_add(n as u64);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}
