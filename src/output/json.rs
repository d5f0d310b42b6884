//! JSON Lines output: the machine-readable contract of OUTPUT.md.
//!
//! One object per line, each with `"type"`: `session` objects as sessions end, then one `summary`.
//! Timestamps are RFC 3339 UTC with microseconds; endpoints are `ip:port` (`[v6]:port`).
//!
//! `session`: `id`, `file`, `client`, `server`, `start`, `end`, `first_frame`, `last_frame`,
//! `handshake_seen`, then the dialogue:
//! - `banner`: the greeting's text (lines joined by a space) or null; `banner_code`;
//! - `helo`: `{verb, name}` or null; `extensions`: `[{keyword, params}]`;
//! - `auth`: `[{verb, mechanism, hash, frame, outcome, reply, reply_text, tokens, identity}]`, each
//!   token `{dir, frame, bytes, base64, text, cancel, decoded}` (`decoded`: the
//!   [`crate::auth::TokenSummary`], secrets `<redacted>`) plus `data` (base64) with `--show-secrets`;
//! - `tls`: `{started, by, frame, c2s_bytes, s2c_bytes}`;
//! - `transactions`: `[{mail_from, rcpt_to, xexch50, data, reset, smuggled}]` (envelopes
//!   `{addr, params, frame, reply}`; XEXCH50 `{size, count, frame, reply, blob_bytes, blob_complete,
//!   sha256, head, blob_reply}` with `size_problem` when the size is not a plain decimal; data
//!   `{verb, frame, bytes, reply, command_reply, complete, message_id, subject, chunks, dot}`);
//! - `transcript`: `[{dir, frame, ts, kind, …}]` with kind `command` (`verb`, `arg`), `reply`
//!   (`code`, `enhanced`, `lines`), `auth-data` (`token`), `blob` (`bytes`, `declared`), `data`
//!   (`verb`, `bytes`), `tls` (`bytes`), `gap` (`bytes`), `unparsed` (`bytes`, `lines`); an item
//!   reconstructed from a capture gap has `"inferred": true`, one the server executed inside a
//!   DATA body `"smuggled": true` (both absent otherwise);
//! - `anomalies`: `[{kind, dir, frame, ts, detail}]`;
//!
//! and `tcp` = `{retransmitted_segments, spurious_retransmissions, gaps: [{dir, offset, bytes, cause}],
//! reset, closed: "fin"|"rst"|"open", close_cause, c2s: {…}, s2c: {…}}` where each direction has
//! `segments`, `retransmitted_segments`, `spurious_retransmissions` (of those, the ones that were
//! not loss), `bytes`, `gaps`, `conflicting_overlaps`, `fin`, `rst`.
//!
//! SASL payloads (initial responses in `arg`, token `data`) are `<redacted>` / absent unless
//! `--show-secrets`.
//!
//! `summary`: `files` (and `interface` for a live run), `packets`, `bytes`, `sessions`,
//! `tcp_connections`, `findings_by_severity`, `skipped` (reason → packets), `capture_drops` (null
//! unless a capture reports drops), `input_errors`, `elapsed_s`.
//!
//! Fields may be added; none is renamed or removed without a version bump. Must not: compute
//! anything the analysis did not.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::{Printer, Render};
use crate::auth::{self, Secrets, TokenSummary};
use crate::reasm::DirStats;
use crate::rules::Finding;
use crate::session::{RunSummary, Session};
use crate::smtp::command::{PathArg, SizeArg};
use crate::smtp::dialogue::{
    AuthExchange, Content, Dialogue, Envelope, Item, ItemKind, Origin, SaslToken, Xexch50,
};

/// Writes JSON Lines.
pub struct JsonPrinter<W: Write> {
    out: W,
    render: Render,
}

impl<W: Write> JsonPrinter<W> {
    /// A printer writing to `out`.
    pub fn new(out: W, render: Render) -> Self {
        JsonPrinter { out, render }
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
        "spurious_retransmissions": stats.spurious,
        "bytes": stats.bytes,
        "gaps": stats.gap_count,
        "conflicting_overlaps": stats.conflicting_overlaps,
        "fin": stats.fin,
        "rst": stats.rst,
    })
}

fn size_json(size: &SizeArg) -> Value {
    match size.value {
        Some(v) => json!(v),
        None => Value::Null,
    }
}

fn path_json(path: Option<&PathArg>) -> Value {
    match path {
        Some(p) => json!({
            "addr": p.addr,
            "params": p.params.iter().map(|q| match &q.value {
                Some(v) => format!("{}={v}", q.keyword),
                None => q.keyword.clone(),
            }).collect::<Vec<_>>(),
        }),
        None => json!({"addr": Value::Null, "params": []}),
    }
}

fn envelope_json(e: &Envelope) -> Value {
    let mut v = path_json(e.path.as_ref());
    if let Some(obj) = v.as_object_mut() {
        obj.insert("frame".into(), json!(e.frame));
        obj.insert("reply".into(), json!(e.reply));
    }
    v
}

fn xexch50_json(x: &Xexch50) -> Value {
    let mut v = json!({
        "size": size_json(&x.size),
        "count": size_json(&x.count),
        "frame": x.frame,
        "reply": x.reply,
        "blob_bytes": x.blob_bytes,
        "blob_complete": x.blob_complete,
        "sha256": x.sha256,
        "head": x.head,
        "blob_reply": x.blob_reply,
    });
    if let (Some(problem), Some(obj)) = (x.size.problem, v.as_object_mut()) {
        obj.insert("size_text".into(), json!(x.size.text));
        obj.insert("size_problem".into(), json!(problem));
    }
    v
}

fn content_json(c: &Content) -> Value {
    json!({
        "verb": c.verb,
        "frame": c.frame,
        "bytes": c.bytes,
        "reply": c.reply,
        "command_reply": c.command_reply,
        "complete": c.complete,
        "message_id": c.headers.message_id,
        "subject": c.headers.subject,
        "chunks": c.chunks.iter().map(|k| json!({
            "size": size_json(&k.size), "last": k.last, "frame": k.frame, "bytes": k.bytes, "reply": k.reply,
        })).collect::<Vec<_>>(),
        "dot": c.data,
    })
}

fn token_json(t: &SaslToken, summary: Option<&TokenSummary>, render: Render) -> Value {
    let mut v = json!({
        "dir": t.dir,
        "frame": t.at.frame,
        "bytes": t.bytes.len(),
        "base64": t.base64,
        "text": t.text,
        "cancel": t.cancel,
        "decoded": summary,
    });
    if render.show_secrets && !t.bytes.is_empty() {
        if let Some(obj) = v.as_object_mut() {
            use base64::Engine as _;
            obj.insert(
                "data".into(),
                json!(base64::engine::general_purpose::STANDARD.encode(&t.bytes)),
            );
        }
    }
    v
}

fn secrets(render: Render) -> Secrets {
    if render.show_secrets {
        Secrets::Reveal
    } else {
        Secrets::Redact
    }
}

fn auth_json(a: &AuthExchange, render: Render) -> Value {
    let summaries = auth::summarize(a, secrets(render));
    json!({
        "verb": a.verb,
        "mechanism": a.mechanism,
        "hash": a.hash,
        "frame": a.at.frame,
        "outcome": a.outcome,
        "reply": a.reply.as_ref().map(|r| r.value.code),
        "reply_text": a.reply.as_ref().map(|r| r.value.first_line()),
        "tokens": a.tokens.iter().zip(&summaries).map(|(t, s)| token_json(t, Some(s), render)).collect::<Vec<_>>(),
        "identity": auth::identity(a),
    })
}

fn item_json(d: &Dialogue, item: &Item, render: Render) -> Value {
    let mut v = json!({"dir": item.dir, "frame": item.at.frame, "ts": item.at.ts});
    let fields = match &item.kind {
        ItemKind::Command(c) => json!({
            "kind": "command",
            "verb": c.verb,
            "arg": if render.show_secrets { c.arg.clone() } else { c.redacted_arg() },
        }),
        ItemKind::Reply(r) => json!({
            "kind": "reply",
            "code": r.reply.code,
            "enhanced": r.reply.enhanced,
            "lines": r.reply.lines,
        }),
        ItemKind::AuthData { exchange, token } => json!({
            "kind": "auth-data",
            "token": d.auth.get(*exchange).and_then(|a| {
                let summary = auth::summarize(a, secrets(render)).into_iter().nth(*token);
                a.tokens.get(*token).map(|t| token_json(t, summary.as_ref(), render))
            }),
        }),
        ItemKind::Blob { bytes, declared } => json!({"kind": "blob", "bytes": bytes, "declared": declared}),
        ItemKind::Content { verb, bytes } => json!({"kind": "data", "verb": verb, "bytes": bytes}),
        ItemKind::Tls { bytes } => json!({"kind": "tls", "bytes": bytes}),
        ItemKind::Gap { bytes } => json!({"kind": "gap", "bytes": bytes}),
        ItemKind::Unparsed { bytes, lines } => json!({"kind": "unparsed", "bytes": bytes, "lines": lines}),
    };
    if let (Some(obj), Value::Object(more)) = (v.as_object_mut(), fields) {
        obj.extend(more);
        match item.origin {
            Origin::Captured => {}
            Origin::Inferred => {
                obj.insert("inferred".into(), Value::Bool(true));
            }
            Origin::Smuggled => {
                obj.insert("smuggled".into(), Value::Bool(true));
            }
        }
    }
    v
}

fn dialogue_fields(d: &Dialogue, render: Render) -> Value {
    json!({
        "banner": d.banner.as_ref().map(|b| b.value.lines.join(" ")),
        "banner_code": d.banner.as_ref().map(|b| b.value.code),
        "helo": d.helo,
        "extensions": d.extensions,
        "auth": d.auth.iter().map(|a| auth_json(a, render)).collect::<Vec<_>>(),
        "auth_dropped": d.auth_dropped,
        "tls": d.tls,
        "transactions": d.transactions.iter().map(|t| json!({
            "mail_from": t.mail_from.as_ref().map(envelope_json),
            "rcpt_to": t.rcpt_to.iter().map(envelope_json).collect::<Vec<_>>(),
            "xexch50": t.xexch50.iter().map(xexch50_json).collect::<Vec<_>>(),
            "data": t.data.as_ref().map(content_json),
            "reset": t.reset,
            "smuggled": t.smuggled,
        })).collect::<Vec<_>>(),
        "transcript": d.transcript.iter().map(|i| item_json(d, i, render)).collect::<Vec<_>>(),
        "transcript_dropped": d.transcript_dropped,
        "anomalies": d.anomalies,
    })
}

/// The `session` object of a finished session.
pub fn session_json(session: &Session, render: Render) -> Value {
    let gaps: Vec<Value> = session
        .gaps()
        .map(|(dir, gap)| json!({"dir": dir, "offset": gap.offset, "bytes": gap.len, "cause": gap.cause}))
        .collect();
    let mut head = json!({
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
    });
    if let (Some(obj), Value::Object(more)) =
        (head.as_object_mut(), dialogue_fields(&session.dialogue, render))
    {
        obj.extend(more);
    }
    let tcp = json!({
        "tcp": {
            "retransmitted_segments": session.retransmitted_segments(),
            "spurious_retransmissions": session.summary.c2s.spurious.saturating_add(session.summary.s2c.spurious),
            "gaps": gaps,
            "reset": session.reset(),
            "closed": session.closed(),
            "close_cause": session.summary.cause,
            "c2s": direction_json(&session.summary.c2s),
            "s2c": direction_json(&session.summary.s2c),
        },
    });
    if let (Some(obj), Value::Object(more)) = (head.as_object_mut(), tcp) {
        obj.extend(more);
    }
    head
}

/// The `finding` object of a finding.
pub fn finding_json(finding: &Finding) -> Value {
    json!({
        "type": "finding",
        "id": finding.id,
        "severity": finding.severity,
        "session": finding.session,
        "frame": finding.at.map(|at| at.frame),
        "ts": finding.at.map(|at| at.ts),
        "dir": finding.dir,
        "summary": finding.summary,
        "evidence": finding.evidence.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "advice": finding.advice,
        "refs": finding.refs,
        "event": finding.event,
        "count": finding.count,
        "explained_by": finding.explained_by,
    })
}

/// The `summary` object of a run.
pub fn summary_json(summary: &RunSummary) -> Value {
    let mut value = json!({
        "type": "summary",
        "files": summary.files,
        "packets": summary.packets,
        "bytes": summary.bytes,
        "sessions": summary.sessions,
        "tcp_connections": summary.tcp_connections,
        "findings_by_severity": summary
            .findings
            .rows()
            .map(|(severity, n, _, _)| (severity.name().to_string(), Value::from(n)))
            .collect::<serde_json::Map<String, Value>>(),
        "skipped": summary.skipped,
        "capture_drops": summary.capture_drops,
        "input_errors": summary.input_errors,
        "elapsed_s": (summary.elapsed_s * 1e6).round() / 1e6,
    });
    if let (Some(interface), Some(object)) = (&summary.interface, value.as_object_mut()) {
        object.insert("interface".into(), Value::from(interface.as_str()));
    }
    value
}

impl<W: Write> Printer for JsonPrinter<W> {
    fn session(&mut self, session: &Session) -> io::Result<()> {
        self.line(&session_json(session, self.render))?;
        for finding in &session.findings {
            self.line(&finding_json(finding))?;
        }
        Ok(())
    }

    fn capture_finding(&mut self, finding: &Finding) -> io::Result<()> {
        self.line(&finding_json(finding))
    }

    fn summary(&mut self, summary: &RunSummary) -> io::Result<()> {
        self.line(&summary_json(summary))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
