//! JSON Lines output: the machine-readable contract of OUTPUT.md.
//!
//! One object per line, each with `"type"`: `session` objects as sessions end, then one `summary`.
//! Timestamps are RFC 3339 UTC with microseconds; endpoints are `ip:port` (`[v6]:port`).
//!
//! `session`: `id`, `file`, `client`, `server`, `start`, `end`, `first_frame`, `last_frame`,
//! `handshake_seen`, and `tcp` = `{retransmitted_segments, gaps: [{dir, offset, bytes, cause}],
//! reset, closed: "fin"|"rst"|"open", close_cause, c2s: {…}, s2c: {…}}` where each direction has
//! `segments`, `retransmitted_segments`, `bytes`, `gaps`, `conflicting_overlaps`, `fin`, `rst`.
//!
//! `summary`: `files`, `packets`, `bytes`, `sessions`, `tcp_connections`, `findings_by_severity`,
//! `skipped` (reason → packets), `capture_drops` (null unless a capture reports drops),
//! `input_errors`, `elapsed_s`.
//!
//! Fields may be added; none is renamed or removed without a version bump. Must not: compute
//! anything the analysis did not.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::Printer;
use crate::reasm::DirStats;
use crate::session::{RunSummary, Session};

/// Writes JSON Lines.
pub struct JsonPrinter<W: Write> {
    out: W,
}

impl<W: Write> JsonPrinter<W> {
    /// A printer writing to `out`.
    pub fn new(out: W) -> Self {
        JsonPrinter { out }
    }

    fn line(&mut self, value: &Value) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, value)?;
        self.out.write_all(b"\n")
    }
}

fn direction_json(stats: &DirStats) -> Value {
    json!({
        "segments": stats.segments,
        "retransmitted_segments": stats.retransmitted,
        "bytes": stats.bytes,
        "gaps": stats.gap_count,
        "conflicting_overlaps": stats.conflicting_overlaps,
        "fin": stats.fin,
        "rst": stats.rst,
    })
}

/// The `session` object of a finished session.
pub fn session_json(session: &Session) -> Value {
    let gaps: Vec<Value> = session
        .gaps()
        .map(|(dir, gap)| json!({"dir": dir, "offset": gap.offset, "bytes": gap.len, "cause": gap.cause}))
        .collect();
    json!({
        "type": "session",
        "id": session.id(),
        "file": &*session.file,
        "client": session.info.client.to_string(),
        "server": session.info.server.to_string(),
        "start": session.info.start,
        "end": session.end(),
        "first_frame": session.info.first_frame,
        "last_frame": session.summary.last_frame,
        "handshake_seen": session.info.handshake_seen,
        "tcp": {
            "retransmitted_segments": session.retransmitted_segments(),
            "gaps": gaps,
            "reset": session.reset(),
            "closed": session.closed(),
            "close_cause": session.summary.cause,
            "c2s": direction_json(&session.summary.c2s),
            "s2c": direction_json(&session.summary.s2c),
        },
    })
}

/// The `summary` object of a run.
pub fn summary_json(summary: &RunSummary) -> Value {
    json!({
        "type": "summary",
        "files": summary.files,
        "packets": summary.packets,
        "bytes": summary.bytes,
        "sessions": summary.sessions,
        "tcp_connections": summary.tcp_connections,
        "findings_by_severity": {"critical": 0, "error": 0, "warning": 0, "info": 0},
        "skipped": summary.skipped,
        "capture_drops": summary.capture_drops,
        "input_errors": summary.input_errors,
        "elapsed_s": (summary.elapsed_s * 1e6).round() / 1e6,
    })
}

impl<W: Write> Printer for JsonPrinter<W> {
    fn session(&mut self, session: &Session) -> io::Result<()> {
        self.line(&session_json(session))
    }

    fn summary(&mut self, summary: &RunSummary) -> io::Result<()> {
        self.line(&summary_json(summary))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
