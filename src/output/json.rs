//! JSON Lines output: the machine-readable contract of OUTPUT.md.
//!
//! One object per line, each with `"type"`: `session` objects as sessions end (each followed by its
//! `finding`s), then per capture one `flow` object per client→server pair and the capture-wide
//! findings, then one `summary`.
//!
//! `flow`: `client`, `server`, `sessions`, `tls_sessions`, `accepted`, `deferred`, `refused`
//! (messages, by the class of the reply that ended them), `recipients_refused` (`"550 5.1.1"` →
//! count), `median_reply_ms`, `worst_reply_ms`, `retries`: `[{envelope, attempts, deferred, span_s,
//! delivered}]` (the same sender, recipients and SIZE offered again after a 4xx).
//! Timestamps are RFC 3339 UTC with microseconds; endpoints are `ip:port` (`[v6]:port`).
//!
//! `session`: `id`, `file` (`interface` in a live run, as in the summary), `client`, `server`, `start`, `end`, `first_frame`, `last_frame`,
//! `handshake_seen`, `tunnel` (null, or `{kind: "socks4"|"socks4a"|"socks5"|"http-connect",
//! target: {host, port}, user}` when the session went through a proxy, whose address is then
//! `server`), then the dialogue:
//! - `banner`: the greeting's text (lines joined by a space) or null; `banner_code`;
//! - `helo`: `{verb, name}` or null; `extensions`: `[{keyword, params}]`;
//! - `auth`: `[{verb, mechanism, hash, frame, outcome, reply, reply_text, tokens, identity}]`, each
//!   token `{dir, frame, bytes, base64, text, cancel, decoded}` (`decoded`: the
//!   [`crate::auth::TokenSummary`], secrets `<redacted>`) plus `data` (base64) with `--show-secrets`;
//! - `tls`: `{started, by, frame, c2s_bytes, s2c_bytes}`, and once TLS began `version`, `suite`,
//!   `sni`, `established`, `client_hello`, `server_hello`, `hello_retry`, `certificates`,
//!   `client_certificates`, `certificates_dropped`, `certificate_request`, `alerts`,
//!   `change_cipher_spec`, `finished`, `encrypted_records`, `encrypted_bytes`, `helo`, `extensions`
//!   (the EHLO inside TLS), `decryption` (null without keys) and `anomalies` ([`crate::tls::facts`]);
//! - `transactions`: `[{mail_from, rcpt_to, xexch50, data, reset, smuggled}]` (envelopes
//!   `{addr, params, frame, reply}`; XEXCH50 `{size, count, frame, reply, blob_bytes, blob_complete,
//!   sha256, head, blob_reply}` with `size_problem` when the size is not a plain decimal; data
//!   `{verb, frame, bytes, reply, command_reply, complete, message_id, subject, chunks, dot}`;
//!   `message`: the decoded [`crate::message::Message`] or null — `{size, complete,
//!   gap_bytes, too_large, headers, received, received_dropped, capture_delay_s, parts,
//!   parts_dropped, anomalies}`, documented field by field in the README's JSON contract);
//! - `transcript`: `[{dir, frame, ts, kind, …}]` with kind `command` (`verb`, `arg`), `reply`
//!   (`code`, `enhanced`, `lines`, `meaning`: what the code means, from [`crate::codes`], or null), `auth-data` (`token`), `blob` (`bytes`, `declared`), `data`
//!   (`verb`, `bytes`), `tls` (`bytes`), `gap` (`bytes`), `unparsed` (`bytes`, `lines`); an item
//!   reconstructed from a capture gap has `"inferred": true`, one the server executed inside a
//!   DATA body `"smuggled": true` (both absent otherwise); an item decrypted from TLS has
//!   `"tls": "decrypted"`;
//! - `anomalies`: `[{kind, dir, frame, ts, detail}]`;
//!
//! `dns`: the lookups linked to the session (the client's MX and A/AAAA lookups before it
//! connected, the server's PTR lookup of the client): `[{querier, server, transport, name, qtype,
//! frame, ts, outcome: "answered"|"unanswered"|"pending", rcode, latency_ms, answers, additional}]`
//! with each record `{name, ttl, type, …}` (`addr` for A/AAAA, `preference` and `host` for MX,
//! `host` for PTR/CNAME, `rtype` otherwise);
//!
//! and `tcp` = `{retransmitted_segments, spurious_retransmissions, gaps: [{dir, offset, bytes, cause}],
//! reset, closed: "fin"|"rst"|"open", close_cause, snaplen, c2s: {…}, s2c: {…}}` where `snaplen` is
//! the capture's snap length when it cut this connection's payload (else null), and each direction
//! has `segments`, `retransmitted_segments`, `spurious_retransmissions` (of those, the ones that
//! were not loss), `bytes`, `gaps`, `conflicting_overlaps`, `snaplen_bytes`, `snaplen_segments`,
//! `fin`, `rst`. Bytes the snap length cut are not gaps.
//!
//! Frames: every `frame`, `first_frame` and `last_frame` is the frame number within the capture
//! file; when several files are read as one capture, it is the string `FILE#N` (`ring_00002.pcap#17`)
//! instead, as the text report shows it.
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
//!
//! Written as it is read: each object is a borrowed view of the records (`SessionJson`,
//! `FindingJson`, …) whose `Fields` impl writes its fields, in the order above, straight into the
//! serializer — no intermediate `Value` tree, no per-object map. Adding a field is one
//! `m.serialize_entry("name", &value)?;` line in the view that owns the object.

use std::borrow::Cow;
use std::fmt::{self, Display};
use std::io::{self, Write};
use std::sync::Arc;

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::{Printer, Render};
use crate::auth::{self, Secrets, TokenSummary};
use crate::capture::set::{self, FileNames, JsonFrame};
use crate::reasm::DirStats;
use crate::rules::Finding;
use crate::session::{RunSummary, Session};
use crate::smtp::command::{EsmtpParam, PathArg, SizeArg};
use crate::smtp::dialogue::{
    AuthExchange, Chunk, CommandItem, Content, Dialogue, Envelope, Item, ItemKind, Origin, SaslToken,
    Transaction, Xexch50,
};

/// Writes JSON Lines.
pub struct JsonPrinter<W: Write> {
    out: W,
    render: Render,
    /// The files of the capture being reported (frames of capture-wide findings and flows).
    files: Arc<FileNames>,
}

impl<W: Write> JsonPrinter<W> {
    /// A printer writing to `out`.
    pub fn new(out: W, render: Render) -> Self {
        JsonPrinter {
            out,
            render,
            files: Arc::new(FileNames::default()),
        }
    }
}

/// Writes `object` as one JSON line.
///
/// # Errors
/// Writing failed.
pub(crate) fn line<T: Fields>(out: &mut impl Write, object: T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &Object(object))?;
    out.write_all(b"\n")
}

/// A view that writes the fields of one JSON object, in order.
///
/// Views nest ([`Object`] makes a field's value of one) and extend one another (a view may write
/// another view's fields before or after its own, as `diff` adds `side` to a session).
pub(crate) trait Fields {
    /// Writes the fields into `m`.
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error>;
}

impl<T: Fields> Fields for &T {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        (**self).fields(m)
    }
}

/// A [`Fields`] view written as one JSON object.
pub(crate) struct Object<T>(pub T);

impl<T: Fields> Serialize for Object<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        self.0.fields(&mut m)?;
        m.end()
    }
}

/// An iterator written as a JSON array (it is cloned to be walked, so pass a cheap one:
/// `slice.iter().map(…)`).
pub(crate) struct List<I>(pub I);

impl<I> Serialize for List<I>
where
    I: Iterator + Clone,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.clone())
    }
}

/// A [`Display`] value written as a JSON string, without an intermediate `String`.
pub(crate) struct Text<T>(pub T);

impl<T: Display> Serialize for Text<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

/// Lines joined by one space (the banner's text).
struct Joined<'a>(&'a [String]);

impl Display for Joined<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (n, line) in self.0.iter().enumerate() {
            if n > 0 {
                f.write_str(" ")?;
            }
            f.write_str(line)?;
        }
        Ok(())
    }
}

/// An ESMTP parameter as sent: `KEYWORD` or `KEYWORD=value`.
struct Param<'a>(&'a EsmtpParam);

impl Display for Param<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.keyword)?;
        match &self.0.value {
            Some(v) => write!(f, "={v}"),
            None => Ok(()),
        }
    }
}

/// A size argument's value, or null.
fn size(size: &SizeArg) -> Option<u64> {
    size.value
}

fn secrets(render: Render) -> Secrets {
    if render.show_secrets {
        Secrets::Reveal
    } else {
        Secrets::Redact
    }
}

/// One direction's transport counters.
struct DirectionJson<'a>(&'a DirStats);

impl Fields for DirectionJson<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let stats = self.0;
        m.serialize_entry("segments", &stats.segments)?;
        m.serialize_entry("retransmitted_segments", &stats.retransmitted)?;
        m.serialize_entry("spurious_retransmissions", &stats.spurious)?;
        m.serialize_entry("bytes", &stats.bytes)?;
        m.serialize_entry("gaps", &stats.gap_count)?;
        m.serialize_entry("conflicting_overlaps", &stats.conflicting_overlaps)?;
        m.serialize_entry("snaplen_bytes", &stats.snaplen_bytes)?;
        m.serialize_entry("snaplen_segments", &stats.snaplen_segments)?;
        m.serialize_entry("fin", &stats.fin)?;
        m.serialize_entry("rst", &stats.rst)
    }
}

/// A MAIL FROM or RCPT TO: its path (null address and no parameters when it did not parse).
struct EnvelopeJson<'a>(&'a Envelope);

impl Fields for EnvelopeJson<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let e = self.0;
        let path: Option<&PathArg> = e.path.as_ref();
        m.serialize_entry("addr", &path.map(|p| &p.addr))?;
        let params = path.map_or(&[][..], |p| &p.params[..]);
        m.serialize_entry("params", &List(params.iter().map(|q| Text(Param(q)))))?;
        m.serialize_entry("frame", &JsonFrame(e.frame))?;
        m.serialize_entry("reply", &e.reply)
    }
}

struct Xexch50Json<'a>(&'a Xexch50);

impl Fields for Xexch50Json<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let x = self.0;
        m.serialize_entry("size", &size(&x.size))?;
        m.serialize_entry("count", &size(&x.count))?;
        m.serialize_entry("frame", &JsonFrame(x.frame))?;
        m.serialize_entry("reply", &x.reply)?;
        m.serialize_entry("blob_bytes", &x.blob_bytes)?;
        m.serialize_entry("blob_complete", &x.blob_complete)?;
        m.serialize_entry("sha256", &x.sha256)?;
        m.serialize_entry("head", &x.head)?;
        m.serialize_entry("blob_reply", &x.blob_reply)?;
        if let Some(problem) = x.size.problem {
            m.serialize_entry("size_text", &x.size.text)?;
            m.serialize_entry("size_problem", &problem)?;
        }
        Ok(())
    }
}

struct ChunkJson<'a>(&'a Chunk);

impl Fields for ChunkJson<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let k = self.0;
        m.serialize_entry("size", &size(&k.size))?;
        m.serialize_entry("last", &k.last)?;
        m.serialize_entry("frame", &JsonFrame(k.frame))?;
        m.serialize_entry("bytes", &k.bytes)?;
        m.serialize_entry("reply", &k.reply)
    }
}

struct ContentJson<'a>(&'a Content);

impl Fields for ContentJson<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let c = self.0;
        m.serialize_entry("verb", c.verb)?;
        m.serialize_entry("frame", &JsonFrame(c.frame))?;
        m.serialize_entry("bytes", &c.bytes)?;
        m.serialize_entry("reply", &c.reply)?;
        m.serialize_entry("command_reply", &c.command_reply)?;
        m.serialize_entry("complete", &c.complete)?;
        m.serialize_entry("message_id", &c.message_id())?;
        m.serialize_entry("subject", &c.subject())?;
        m.serialize_entry("chunks", &List(c.chunks.iter().map(|k| Object(ChunkJson(k)))))?;
        m.serialize_entry("dot", &c.data)
    }
}

struct TransactionJson<'a>(&'a Transaction);

impl Fields for TransactionJson<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let t = self.0;
        m.serialize_entry(
            "mail_from",
            &t.mail_from.as_ref().map(|e| Object(EnvelopeJson(e))),
        )?;
        m.serialize_entry(
            "rcpt_to",
            &List(t.rcpt_to.iter().map(|e| Object(EnvelopeJson(e)))),
        )?;
        m.serialize_entry("xexch50", &List(t.xexch50.iter().map(|x| Object(Xexch50Json(x)))))?;
        m.serialize_entry("data", &t.data.as_ref().map(|c| Object(ContentJson(c))))?;
        m.serialize_entry("reset", &t.reset)?;
        m.serialize_entry("smuggled", &t.smuggled)?;
        m.serialize_entry("message", &t.data.as_ref().and_then(|c| c.message.as_deref()))
    }
}

/// One SASL token with what was decoded from it.
struct TokenJson<'a> {
    token: &'a SaslToken,
    decoded: Option<&'a TokenSummary>,
    render: Render,
}

impl Fields for TokenJson<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let t = self.token;
        m.serialize_entry("dir", &t.dir)?;
        m.serialize_entry("frame", &JsonFrame(t.at.frame))?;
        m.serialize_entry("bytes", &t.bytes.len())?;
        m.serialize_entry("base64", &t.base64)?;
        m.serialize_entry("text", &t.text)?;
        m.serialize_entry("cancel", &t.cancel)?;
        m.serialize_entry("decoded", &self.decoded)?;
        if self.render.show_secrets && !t.bytes.is_empty() {
            let data =
                base64::display::Base64Display::new(&t.bytes, &base64::engine::general_purpose::STANDARD);
            m.serialize_entry("data", &Text(data))?;
        }
        Ok(())
    }
}

/// The dialogue's fields of a `session` object, with each SASL exchange's tokens decoded once.
struct DialogueJson<'a> {
    dialogue: &'a Dialogue,
    /// [`auth::summarize`] of each exchange of [`Dialogue::auth`], in order.
    decoded: Vec<Vec<TokenSummary>>,
    render: Render,
}

impl<'a> DialogueJson<'a> {
    fn new(dialogue: &'a Dialogue, render: Render) -> Self {
        let decoded = dialogue
            .auth
            .iter()
            .map(|a| auth::summarize(a, secrets(render)))
            .collect();
        DialogueJson {
            dialogue,
            decoded,
            render,
        }
    }

    fn token(&self, exchange: usize, token: usize) -> Option<TokenJson<'_>> {
        let t = self.dialogue.auth.get(exchange)?.tokens.get(token)?;
        let decoded = self.decoded.get(exchange).and_then(|d| d.get(token));
        Some(TokenJson {
            token: t,
            decoded,
            render: self.render,
        })
    }

    fn auth(&self, index: usize, a: &'a AuthExchange) -> AuthJson<'_> {
        AuthJson {
            dialogue: self,
            index,
            exchange: a,
        }
    }

    fn item(&self, item: &'a Item) -> ItemJson<'_> {
        ItemJson { dialogue: self, item }
    }
}

impl Fields for DialogueJson<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let d = self.dialogue;
        let banner = d.banner.as_ref().map(|b| b.value.shown_lines());
        m.serialize_entry("banner", &banner.as_deref().map(|l| Text(Joined(l))))?;
        m.serialize_entry("banner_code", &d.banner.as_ref().map(|b| b.value.code))?;
        m.serialize_entry("helo", &d.helo)?;
        m.serialize_entry("extensions", &d.extensions)?;
        let auth = d.auth.iter().enumerate().map(|(n, a)| Object(self.auth(n, a)));
        m.serialize_entry("auth", &List(auth))?;
        m.serialize_entry("auth_dropped", &d.auth_dropped)?;
        m.serialize_entry("tls", &Object(TlsJson(d)))?;
        let transactions = d.transactions.iter().map(|t| Object(TransactionJson(t)));
        m.serialize_entry("transactions", &List(transactions))?;
        m.serialize_entry(
            "transcript",
            &List(d.transcript.iter().map(|i| Object(self.item(i)))),
        )?;
        m.serialize_entry("transcript_dropped", &d.transcript_dropped)?;
        m.serialize_entry("anomalies", &d.anomalies)
    }
}

struct AuthJson<'a> {
    dialogue: &'a DialogueJson<'a>,
    index: usize,
    exchange: &'a AuthExchange,
}

impl Fields for AuthJson<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let a = self.exchange;
        m.serialize_entry("verb", &a.verb)?;
        m.serialize_entry("mechanism", &a.mechanism)?;
        m.serialize_entry("hash", &a.hash)?;
        m.serialize_entry("frame", &JsonFrame(a.at.frame))?;
        m.serialize_entry("outcome", &a.outcome)?;
        m.serialize_entry("reply", &a.reply.as_ref().map(|r| r.value.code))?;
        m.serialize_entry("reply_text", &a.reply.as_ref().map(|r| r.value.first_line()))?;
        let tokens = (0..a.tokens.len()).filter_map(|n| self.dialogue.token(self.index, n).map(Object));
        m.serialize_entry("tokens", &List(tokens))?;
        m.serialize_entry("identity", &auth::identity(a))
    }
}

/// A command's argument as shown: any SASL initial response redacted unless `--show-secrets`.
fn shown_arg(c: &CommandItem, render: Render) -> Cow<'_, str> {
    if render.show_secrets || !c.carries_secret {
        Cow::Borrowed(&c.arg)
    } else {
        Cow::Owned(c.redacted_arg())
    }
}

/// The `tls` object: what started TLS and the bytes it carried; once TLS began, the handshake,
/// certificates, alerts, the inner EHLO and what decryption achieved.
struct TlsJson<'a>(&'a Dialogue);

impl Fields for TlsJson<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let d = self.0;
        let t = &d.tls;
        m.serialize_entry("started", &t.started)?;
        m.serialize_entry("by", &t.by)?;
        m.serialize_entry("frame", &t.frame.map(JsonFrame))?;
        m.serialize_entry("c2s_bytes", &t.c2s_bytes)?;
        m.serialize_entry("s2c_bytes", &t.s2c_bytes)?;
        if !t.started {
            return Ok(());
        }
        m.serialize_entry("version", &t.version())?;
        m.serialize_entry("suite", &t.server_hello.as_ref().map(|s| s.suite))?;
        m.serialize_entry("sni", &t.client_hello.as_ref().and_then(|c| c.sni.as_deref()))?;
        m.serialize_entry("established", &t.established)?;
        m.serialize_entry("client_hello", &t.client_hello)?;
        m.serialize_entry("server_hello", &t.server_hello)?;
        m.serialize_entry("hello_retry", &t.hello_retry)?;
        m.serialize_entry("certificates", &t.certificates)?;
        m.serialize_entry("client_certificates", &t.client_certificates)?;
        m.serialize_entry("certificates_dropped", &t.certificates_dropped)?;
        m.serialize_entry("certificate_request", &t.certificate_request)?;
        m.serialize_entry("alerts", &t.alerts)?;
        m.serialize_entry("change_cipher_spec", &t.change_cipher_spec.json_frames())?;
        m.serialize_entry("finished", &t.finished.json_frames())?;
        m.serialize_entry("encrypted_records", &t.encrypted_records)?;
        m.serialize_entry("encrypted_bytes", &t.encrypted_bytes)?;
        m.serialize_entry("helo", &d.tls_helo)?;
        m.serialize_entry("extensions", &d.tls_extensions)?;
        m.serialize_entry("decryption", &t.decryption)?;
        m.serialize_entry("anomalies", &t.anomalies)?;
        m.serialize_entry("anomalies_dropped", &t.anomalies_dropped)
    }
}

/// One transcript entry: `dir`, `frame`, `ts`, `kind`, then the kind's own fields, and
/// `"tls": "decrypted"` on what travelled inside TLS.
struct ItemJson<'a> {
    dialogue: &'a DialogueJson<'a>,
    item: &'a Item,
}

impl Fields for ItemJson<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let item = self.item;
        m.serialize_entry("dir", &item.dir)?;
        m.serialize_entry("frame", &JsonFrame(item.at.frame))?;
        m.serialize_entry("ts", &item.at.ts)?;
        self.kind_fields(m)?;
        if item.decrypted {
            m.serialize_entry("tls", "decrypted")?;
        }
        Ok(())
    }
}

impl ItemJson<'_> {
    fn kind_fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let item = self.item;
        let render = self.dialogue.render;
        match &item.kind {
            ItemKind::Command(c) => {
                m.serialize_entry("kind", "command")?;
                m.serialize_entry("verb", &c.verb)?;
                m.serialize_entry("arg", &shown_arg(c, render))
            }
            ItemKind::Reply(r) => {
                m.serialize_entry("kind", "reply")?;
                m.serialize_entry("code", &r.reply.code)?;
                m.serialize_entry("enhanced", &r.reply.enhanced)?;
                if render.show_secrets {
                    m.serialize_entry("lines", &r.reply.lines)?;
                } else {
                    m.serialize_entry("lines", &r.reply.shown_lines())?;
                }
                m.serialize_entry("meaning", &crate::codes::meaning(&r.reply).map(Text))
            }
            ItemKind::AuthData { exchange, token } => {
                m.serialize_entry("kind", "auth-data")?;
                m.serialize_entry("token", &self.dialogue.token(*exchange, *token).map(Object))
            }
            ItemKind::Blob { bytes, declared } => {
                m.serialize_entry("kind", "blob")?;
                m.serialize_entry("bytes", bytes)?;
                m.serialize_entry("declared", declared)
            }
            ItemKind::Content { verb, bytes } => {
                m.serialize_entry("kind", "data")?;
                m.serialize_entry("verb", verb)?;
                m.serialize_entry("bytes", bytes)
            }
            ItemKind::Tls { bytes } => {
                m.serialize_entry("kind", "tls")?;
                m.serialize_entry("bytes", bytes)
            }
            ItemKind::Gap { bytes } => {
                m.serialize_entry("kind", "gap")?;
                m.serialize_entry("bytes", bytes)
            }
            ItemKind::Unparsed { bytes, lines } => {
                m.serialize_entry("kind", "unparsed")?;
                m.serialize_entry("bytes", bytes)?;
                m.serialize_entry("lines", lines)
            }
        }?;
        match item.origin {
            Origin::Captured => Ok(()),
            Origin::Inferred => m.serialize_entry("inferred", &true),
            Origin::Smuggled => m.serialize_entry("smuggled", &true),
        }
    }
}

/// The `tcp` object of a session.
struct TcpJson<'a>(&'a Session);

impl Fields for TcpJson<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let session = self.0;
        m.serialize_entry("retransmitted_segments", &session.retransmitted_segments())?;
        let spurious = session
            .summary
            .c2s
            .spurious
            .saturating_add(session.summary.s2c.spurious);
        m.serialize_entry("spurious_retransmissions", &spurious)?;
        m.serialize_entry(
            "gaps",
            &List(session.gaps().map(|(dir, gap)| Object(GapJson(dir, gap)))),
        )?;
        m.serialize_entry("reset", &session.reset())?;
        m.serialize_entry("closed", session.closed())?;
        m.serialize_entry("close_cause", &session.summary.cause)?;
        m.serialize_entry("snaplen", &session.snaplen)?;
        m.serialize_entry("c2s", &Object(DirectionJson(&session.summary.c2s)))?;
        m.serialize_entry("s2c", &Object(DirectionJson(&session.summary.s2c)))
    }
}

struct GapJson<'a>(crate::net::Direction, &'a crate::reasm::GapRecord);

impl Fields for GapJson<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let GapJson(dir, gap) = self;
        m.serialize_entry("dir", dir)?;
        m.serialize_entry("offset", &gap.offset)?;
        m.serialize_entry("bytes", &gap.len)?;
        m.serialize_entry("cause", &gap.cause)
    }
}

/// A session's id as every output shows it (a string, as [`Session::id`]).
pub(crate) fn id(session: &Session) -> Text<u64> {
    Text(session.info.id.0)
}

/// The `session` object of a finished session.
pub(crate) struct SessionJson<'a> {
    session: &'a Session,
    dialogue: DialogueJson<'a>,
    /// Read from an interface: the source is named `interface`.
    live: bool,
}

impl<'a> SessionJson<'a> {
    /// The view of `session` as `render` asks.
    pub(crate) fn new(session: &'a Session, render: Render) -> Self {
        SessionJson {
            session,
            dialogue: DialogueJson::new(&session.dialogue, render),
            live: render.live,
        }
    }
}

impl Fields for SessionJson<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let session = self.session;
        m.serialize_entry("type", "session")?;
        m.serialize_entry("id", &id(session))?;
        let source = if self.live { "interface" } else { "file" };
        m.serialize_entry(source, &*session.file)?;
        m.serialize_entry("client", &Text(session.info.client))?;
        m.serialize_entry("server", &Text(session.info.server))?;
        m.serialize_entry("start", &session.info.start)?;
        m.serialize_entry("end", &session.end())?;
        m.serialize_entry("first_frame", &JsonFrame(session.info.first_frame))?;
        m.serialize_entry("last_frame", &JsonFrame(session.summary.last_frame))?;
        m.serialize_entry("handshake_seen", &session.info.handshake_seen)?;
        m.serialize_entry("tunnel", &session.tunnel)?;
        self.dialogue.fields(m)?;
        m.serialize_entry("tcp", &Object(TcpJson(session)))?;
        m.serialize_entry("dns", &List(session.dns.iter().map(|l| Object(LookupJson(l)))))
    }
}

/// One DNS lookup linked to a session.
struct LookupJson<'a>(&'a crate::dns::Lookup);

impl Fields for LookupJson<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let l = self.0;
        m.serialize_entry("querier", &Text(l.querier))?;
        m.serialize_entry("server", &Text(l.server))?;
        m.serialize_entry("transport", &l.transport)?;
        m.serialize_entry("name", &l.name)?;
        m.serialize_entry("qtype", &crate::dns::message::type_name(l.qtype))?;
        m.serialize_entry("frame", &l.at().map(|a| JsonFrame(a.frame)))?;
        m.serialize_entry("ts", &l.at().map(|a| a.ts))?;
        m.serialize_entry("outcome", &l.outcome)?;
        m.serialize_entry("rcode", &l.rcode.map(crate::dns::message::rcode_name))?;
        m.serialize_entry(
            "latency_ms",
            &l.latency_ms().map(|ms| (ms * 1000.0).round() / 1000.0),
        )?;
        m.serialize_entry("answers", &l.answers)?;
        m.serialize_entry("additional", &l.additional)
    }
}

/// The `flow` object of one client→server pair.
pub(crate) struct FlowJson<'a>(pub &'a crate::flow::Flow);

impl Fields for FlowJson<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let f = self.0;
        let ms = |v: Option<f64>| v.map(|ms| (ms * 1000.0).round() / 1000.0);
        m.serialize_entry("type", "flow")?;
        m.serialize_entry("client", &Text(f.client))?;
        m.serialize_entry("server", &Text(f.server))?;
        m.serialize_entry("sessions", &f.sessions)?;
        m.serialize_entry("tls_sessions", &f.tls_sessions)?;
        m.serialize_entry("accepted", &f.accepted)?;
        m.serialize_entry("deferred", &f.deferred)?;
        m.serialize_entry("refused", &f.refused)?;
        m.serialize_entry("recipients_refused", &f.recipients_refused)?;
        m.serialize_entry("median_reply_ms", &ms(f.median_reply_ms))?;
        m.serialize_entry("worst_reply_ms", &ms(f.worst_reply_ms))?;
        m.serialize_entry("retries", &f.retries)
    }
}

/// The `finding` object of a finding, its evidence's frames named in its capture's files.
pub(crate) struct FindingJson<'a> {
    finding: &'a Finding,
    files: &'a FileNames,
}

impl<'a> FindingJson<'a> {
    /// The view of `finding`, from a capture of `files`.
    pub(crate) fn of(finding: &'a Finding, files: &'a FileNames) -> Self {
        FindingJson { finding, files }
    }
}

impl Fields for FindingJson<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let f = self.finding;
        m.serialize_entry("type", "finding")?;
        m.serialize_entry("id", f.id)?;
        m.serialize_entry("severity", &f.severity)?;
        m.serialize_entry("session", &f.session)?;
        m.serialize_entry("frame", &f.at.map(|at| JsonFrame(at.frame)))?;
        m.serialize_entry("ts", &f.at.map(|at| at.ts))?;
        m.serialize_entry("dir", &f.dir)?;
        m.serialize_entry("summary", &f.summary)?;
        m.serialize_entry(
            "evidence",
            &List(f.evidence.iter().map(|e| Text(e.shown_en(self.files)))),
        )?;
        m.serialize_entry("advice", &f.advice)?;
        m.serialize_entry("refs", f.refs)?;
        m.serialize_entry("event", &f.event)?;
        m.serialize_entry("count", &f.count)?;
        m.serialize_entry("explained_by", &f.explained_by)
    }
}

/// Findings by severity name, most serious first.
struct SeverityCounts<'a>(&'a RunSummary);

impl Fields for SeverityCounts<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        for (severity, n, _, _) in self.0.findings.rows() {
            m.serialize_entry(severity.name(), &n)?;
        }
        Ok(())
    }
}

/// The `summary` object of a run.
pub(crate) struct SummaryJson<'a>(pub &'a RunSummary);

impl Fields for SummaryJson<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let summary = self.0;
        m.serialize_entry("type", "summary")?;
        m.serialize_entry("files", &summary.files)?;
        m.serialize_entry("packets", &summary.packets)?;
        m.serialize_entry("bytes", &summary.bytes)?;
        m.serialize_entry("sessions", &summary.sessions)?;
        m.serialize_entry("tcp_connections", &summary.tcp_connections)?;
        m.serialize_entry("findings_by_severity", &Object(SeverityCounts(summary)))?;
        m.serialize_entry("skipped", &summary.skipped)?;
        m.serialize_entry("capture_drops", &summary.capture_drops)?;
        m.serialize_entry("input_errors", &summary.input_errors)?;
        m.serialize_entry("elapsed_s", &((summary.elapsed_s * 1e6).round() / 1e6))?;
        if let Some(interface) = &summary.interface {
            m.serialize_entry("interface", interface)?;
        }
        Ok(())
    }
}

impl<W: Write> Printer for JsonPrinter<W> {
    fn session(&mut self, session: &Session) -> io::Result<()> {
        set::with_names(&session.files, || {
            line(&mut self.out, SessionJson::new(session, self.render))?;
            for finding in &session.findings {
                line(&mut self.out, FindingJson::of(finding, &session.files))?;
            }
            Ok(())
        })
    }

    fn capture_files(&mut self, files: &Arc<FileNames>) {
        self.files = Arc::clone(files);
    }

    fn capture_finding(&mut self, finding: &Finding) -> io::Result<()> {
        let files = Arc::clone(&self.files);
        set::with_names(&files, || line(&mut self.out, FindingJson::of(finding, &files)))
    }

    fn flows(&mut self, flows: &[crate::flow::Flow]) -> io::Result<()> {
        let files = Arc::clone(&self.files);
        set::with_names(&files, || {
            for flow in flows {
                line(&mut self.out, FlowJson(flow))?;
            }
            Ok(())
        })
    }

    fn summary(&mut self, summary: &RunSummary) -> io::Result<()> {
        line(&mut self.out, SummaryJson(summary))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn renderer(&self) -> Option<super::SessionRenderer> {
        Some(super::SessionRenderer::new(
            super::OutputFormat::Json,
            self.render,
        ))
    }

    fn rendered(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)
    }
}
