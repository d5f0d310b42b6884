//! `--format ecs`: JSON Lines in the Elastic Common Schema, so Filebeat/Elastic (and Splunk's ECS
//! mappings) take the events without a mapping of their own.
//!
//! A separate format rather than ECS fields inside `--format json`: the JSON contract keeps its
//! shape (`"client":"ip:port"`), and ECS gets documents that are ECS through and through — nested
//! `source`/`destination`/`network`/`event`/`email`/`rule` objects, everything else of smtpscope
//! under its own `smtpscope` namespace, as ECS asks of custom fields.
//!
//! One event per session (`event.kind: event`, categories `network` and `email`, types
//! `connection` and `protocol`, `network.community_id` per the Community ID specification), one
//! alert per finding (`event.kind: alert`, `rule.*`, the session's endpoints and Community ID for
//! correlation), one metric per mail-flow pair and one for the run summary. Field names are
//! checked against the ECS field reference by `tests/ecs.rs`. Must not: compute anything the
//! analysis did not.

use std::io::{self, Write};
use std::net::SocketAddr;

use serde::ser::SerializeMap;

use super::json::{line, FlowJson, Object, SummaryJson, Text};
use super::json::{Fields, List};
use super::{Printer, Render};
use crate::net::community_id::{community_id, TCP};
use crate::rules::{Evidence, Finding, Severity};
use crate::session::{RunSummary, Session};
use crate::smtp::dialogue::Content;
use crate::time::Timestamp;

/// The ECS version the documents follow.
pub const ECS_VERSION: &str = "8.11.0";
/// `event.module` of every document.
const MODULE: &str = "smtpscope";

/// Writes ECS documents, one per line.
pub struct EcsPrinter<W: Write> {
    out: W,
    render: Render,
    /// The latest capture time seen, the summary's `@timestamp`.
    last: Option<Timestamp>,
}

impl<W: Write> EcsPrinter<W> {
    /// A printer writing to `out`.
    pub fn new(out: W, render: Render) -> Self {
        EcsPrinter {
            out,
            render,
            last: None,
        }
    }
}

/// `event`: what a document is.
struct Event<'a> {
    kind: &'static str,
    category: &'a [&'static str],
    kind_type: &'a [&'static str],
    dataset: &'static str,
}

impl Fields for Event<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        m.serialize_entry("kind", self.kind)?;
        m.serialize_entry("category", self.category)?;
        m.serialize_entry("type", self.kind_type)?;
        m.serialize_entry("module", MODULE)?;
        m.serialize_entry("dataset", self.dataset)
    }
}

/// `source` or `destination`: an endpoint with what it sent.
struct Endpoint {
    addr: SocketAddr,
    bytes: Option<u64>,
    packets: Option<u64>,
}

impl Fields for Endpoint {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        m.serialize_entry("ip", &Text(self.addr.ip()))?;
        m.serialize_entry("port", &self.addr.port())?;
        if let Some(bytes) = self.bytes {
            m.serialize_entry("bytes", &bytes)?;
        }
        if let Some(packets) = self.packets {
            m.serialize_entry("packets", &packets)?;
        }
        Ok(())
    }
}

/// `network` of a session.
struct Network<'a>(&'a Session);

impl Fields for Network<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let s = self.0;
        let (client, server) = (s.info.client, s.info.server);
        m.serialize_entry("transport", "tcp")?;
        m.serialize_entry("iana_number", "6")?;
        m.serialize_entry("protocol", "smtp")?;
        m.serialize_entry("type", if client.is_ipv4() { "ipv4" } else { "ipv6" })?;
        let id = community_id(
            0,
            client.ip(),
            server.ip(),
            TCP,
            Some((client.port(), server.port())),
        );
        m.serialize_entry("community_id", &id)?;
        m.serialize_entry("bytes", &s.summary.c2s.bytes.saturating_add(s.summary.s2c.bytes))?;
        m.serialize_entry(
            "packets",
            &s.summary.c2s.segments.saturating_add(s.summary.s2c.segments),
        )
    }
}

/// The endpoints, network and source of a session, shared by its event and its alerts.
struct Connection<'a> {
    session: &'a Session,
    live: bool,
    counters: bool,
}

impl Fields for Connection<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let s = self.session;
        let count = |v: u64| self.counters.then_some(v);
        let source = Endpoint {
            addr: s.info.client,
            bytes: count(s.summary.c2s.bytes),
            packets: count(s.summary.c2s.segments),
        };
        let destination = Endpoint {
            addr: s.info.server,
            bytes: count(s.summary.s2c.bytes),
            packets: count(s.summary.s2c.segments),
        };
        m.serialize_entry("source", &Object(source))?;
        m.serialize_entry("destination", &Object(destination))?;
        m.serialize_entry("network", &Object(Network(s)))?;
        m.serialize_entry("related", &Object(Related(s)))?;
        if self.live {
            m.serialize_entry(
                "observer",
                &serde_json::json!({"ingress": {"interface": {"name": &*s.file}}}),
            )?;
        }
        Ok(())
    }
}

/// `related.ip`: both addresses, for pivoting.
struct Related<'a>(&'a Session);

impl Fields for Related<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let (a, b) = (self.0.info.client.ip(), self.0.info.server.ip());
        m.serialize_entry("ip", &[Text(a), Text(b)])
    }
}

/// `email`: the envelope and the first message's headers, when the session carried mail.
struct Email<'a>(&'a Session);

impl Email<'_> {
    fn present(&self) -> bool {
        self.0
            .dialogue
            .transactions
            .iter()
            .any(|t| t.mail_from.is_some() || !t.rcpt_to.is_empty())
    }
}

impl Fields for Email<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let t = &self.0.dialogue.transactions;
        let mut from: Vec<&str> = Vec::new();
        let mut to: Vec<&str> = Vec::new();
        for tx in t {
            if let Some(addr) = tx
                .mail_from
                .as_ref()
                .and_then(|e| e.path.as_ref())
                .map(|p| p.addr.as_str())
            {
                if !from.contains(&addr) {
                    from.push(addr);
                }
            }
            for addr in tx
                .rcpt_to
                .iter()
                .filter_map(|e| e.path.as_ref())
                .map(|p| p.addr.as_str())
            {
                if !to.contains(&addr) {
                    to.push(addr);
                }
            }
        }
        m.serialize_entry("from", &serde_json::json!({ "address": from }))?;
        m.serialize_entry("to", &serde_json::json!({ "address": to }))?;
        let contents = t.iter().filter_map(|tx| tx.data.as_ref());
        if let Some(id) = contents.clone().find_map(Content::message_id) {
            m.serialize_entry("message_id", id)?;
        }
        if let Some(subject) = contents.clone().find_map(Content::subject) {
            m.serialize_entry("subject", subject)?;
        }
        Ok(())
    }
}

/// The ECS `event.outcome` of a session: success when a message was accepted and nothing failed.
fn outcome(s: &Session) -> &'static str {
    match super::html::Outcome::of(s) {
        super::html::Outcome::Delivered => "success",
        super::html::Outcome::Failed => "failure",
        super::html::Outcome::Warning | super::html::Outcome::NoMail => "unknown",
    }
}

/// The event of one session.
struct SessionEvent<'a> {
    session: &'a Session,
    live: bool,
}

impl Fields for SessionEvent<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let s = self.session;
        m.serialize_entry("@timestamp", &s.info.start)?;
        m.serialize_entry("ecs", &serde_json::json!({ "version": ECS_VERSION }))?;
        m.serialize_entry(
            "message",
            &format!("SMTP session {} → {}", s.info.client, s.info.server),
        )?;
        let event = Event {
            kind: "event",
            category: &["network", "email"],
            kind_type: &["connection", "protocol"],
            dataset: "smtpscope.session",
        };
        m.serialize_entry("event", &Object(SessionTimes(event, s)))?;
        Connection {
            session: s,
            live: self.live,
            counters: true,
        }
        .fields(m)?;
        let email = Email(s);
        if email.present() {
            m.serialize_entry("email", &Object(email))?;
        }
        if s.dialogue.tls.by.is_some() {
            m.serialize_entry(
                "tls",
                &serde_json::json!({ "established": s.dialogue.tls.started }),
            )?;
        }
        m.serialize_entry(
            "smtpscope",
            &Object(Own {
                session: s,
                live: self.live,
            }),
        )
    }
}

/// `event` of a session, with its start, end, duration and outcome.
struct SessionTimes<'a>(Event<'a>, &'a Session);

impl Fields for SessionTimes<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let s = self.1;
        self.0.fields(m)?;
        m.serialize_entry("start", &s.info.start)?;
        m.serialize_entry("end", &s.end())?;
        let nanos = s.end().as_nanos().saturating_sub(s.info.start.as_nanos()).max(0);
        m.serialize_entry("duration", &u64::try_from(nanos).unwrap_or(u64::MAX))?;
        m.serialize_entry("outcome", outcome(s))
    }
}

/// What ECS has no field for, under `smtpscope`.
struct Own<'a> {
    session: &'a Session,
    live: bool,
}

impl Fields for Own<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let s = self.session;
        m.serialize_entry("session", &s.id())?;
        m.serialize_entry(if self.live { "interface" } else { "file" }, &*s.file)?;
        m.serialize_entry("first_frame", &s.info.first_frame)?;
        m.serialize_entry("last_frame", &s.summary.last_frame)?;
        if let Some(helo) = &s.dialogue.helo {
            m.serialize_entry("helo", &helo.name)?;
        }
        if let Some(banner) = &s.dialogue.banner {
            m.serialize_entry("banner", &banner.value.first_line())?;
        }
        m.serialize_entry("closed", s.closed())?;
        m.serialize_entry("findings", &List(s.findings.iter().map(|f| f.id)))
    }
}

/// ECS `event.severity` of a finding: 1 (info) to 4 (critical).
fn severity_number(s: Severity) -> u8 {
    match s {
        Severity::Info => 1,
        Severity::Warning => 2,
        Severity::Error => 3,
        Severity::Critical => 4,
    }
}

/// The alert of one finding, with its session's connection when it has one.
struct Alert<'a> {
    finding: &'a Finding,
    session: Option<&'a Session>,
    live: bool,
    fallback: Option<Timestamp>,
}

impl Fields for Alert<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let f = self.finding;
        let ts =
            f.at.map(|a| a.ts)
                .or(self.session.map(|s| s.info.start))
                .or(self.fallback);
        if let Some(ts) = ts {
            m.serialize_entry("@timestamp", &ts)?;
        }
        m.serialize_entry("ecs", &serde_json::json!({ "version": ECS_VERSION }))?;
        m.serialize_entry("message", &f.summary)?;
        let critical = f.severity == Severity::Critical;
        let category: &[&str] = if critical {
            &["network", "email", "intrusion_detection"]
        } else {
            &["network", "email"]
        };
        let event = Event {
            kind: "alert",
            category,
            kind_type: if f.severity >= Severity::Error {
                &["error"]
            } else {
                &["info"]
            },
            dataset: "smtpscope.finding",
        };
        m.serialize_entry("event", &Object(Severe(event, f.severity)))?;
        m.serialize_entry("log", &serde_json::json!({ "level": f.severity.name() }))?;
        let info = crate::rules::rule(f.id);
        let rule = serde_json::json!({
            "id": f.id,
            "name": f.id,
            "description": info.map_or(f.summary.en(), |i| i.title.to_string()),
            "reference": f.refs.join(", "),
            "ruleset": MODULE,
        });
        m.serialize_entry("rule", &rule)?;
        if let Some(s) = self.session {
            Connection {
                session: s,
                live: self.live,
                counters: false,
            }
            .fields(m)?;
        }
        let own = serde_json::json!({
            "session": f.session,
            "frame": f.at.map(|a| a.frame),
            "evidence": f.evidence.iter().map(Evidence::en).collect::<Vec<_>>(),
            "advice": f.advice,
            "windows_event": f.event,
            "count": f.count,
            "explained_by": f.explained_by,
        });
        m.serialize_entry("smtpscope", &own)
    }
}

/// `event` of an alert, with its severity.
struct Severe<'a>(Event<'a>, Severity);

impl Fields for Severe<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        self.0.fields(m)?;
        m.serialize_entry("severity", &severity_number(self.1))
    }
}

/// A metric document: `smtpscope.<name>` holds the JSON object of the same record.
struct Metric<'a, T: Fields> {
    dataset: &'static str,
    name: &'static str,
    ts: Option<Timestamp>,
    endpoints: Option<(std::net::IpAddr, SocketAddr)>,
    body: &'a T,
}

impl<T: Fields> Fields for Metric<'_, T> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        if let Some(ts) = self.ts {
            m.serialize_entry("@timestamp", &ts)?;
        }
        m.serialize_entry("ecs", &serde_json::json!({ "version": ECS_VERSION }))?;
        let event = Event {
            kind: "metric",
            category: &["network", "email"],
            kind_type: &["info"],
            dataset: self.dataset,
        };
        m.serialize_entry("event", &Object(event))?;
        if let Some((client, server)) = self.endpoints {
            m.serialize_entry("source", &serde_json::json!({ "ip": client.to_string() }))?;
            m.serialize_entry(
                "destination",
                &serde_json::json!({ "ip": server.ip().to_string(), "port": server.port() }),
            )?;
        }
        m.serialize_entry(
            "smtpscope",
            &serde_json::json!({ self.name: serde_json::to_value(Object(self.body)).unwrap_or_default() }),
        )
    }
}

impl<W: Write> Printer for EcsPrinter<W> {
    fn session(&mut self, s: &Session) -> io::Result<()> {
        self.last = Some(self.last.map_or(s.end(), |t| t.max(s.end())));
        line(
            &mut self.out,
            SessionEvent {
                session: s,
                live: self.render.live,
            },
        )?;
        for f in &s.findings {
            line(
                &mut self.out,
                Alert {
                    finding: f,
                    session: Some(s),
                    live: self.render.live,
                    fallback: None,
                },
            )?;
        }
        Ok(())
    }

    fn capture_finding(&mut self, finding: &Finding) -> io::Result<()> {
        line(
            &mut self.out,
            Alert {
                finding,
                session: None,
                live: self.render.live,
                fallback: self.last,
            },
        )
    }

    fn flows(&mut self, flows: &[crate::flow::Flow]) -> io::Result<()> {
        for flow in flows {
            line(
                &mut self.out,
                Metric {
                    dataset: "smtpscope.flow",
                    name: "flow",
                    ts: self.last,
                    endpoints: Some((flow.client, flow.server)),
                    body: &FlowJson(flow),
                },
            )?;
        }
        Ok(())
    }

    fn summary(&mut self, summary: &RunSummary) -> io::Result<()> {
        line(
            &mut self.out,
            Metric {
                dataset: "smtpscope.summary",
                name: "summary",
                ts: self.last,
                endpoints: None,
                body: &SummaryJson(summary),
            },
        )
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
