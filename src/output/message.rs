//! The text lines of a decoded message, under its transaction in the text report: who sent it,
//! what it is called, the path it took with the wait at each hop, how authentication and Exchange
//! judged it, and what it carried (`-v` adds every header field).
//!
//! Owns the wording and layout of those lines; plain strings, no colour (the text printer paints).
//! Must not: compute anything the message decoder did not.

use crate::message::{Hop, Mailbox, Message, PartKind};

use super::labels as L;
use super::text::clip;
use crate::time::duration;

/// Parts listed before the rest are counted.
const PARTS_LISTED: usize = 20;
/// Recipients named on the `to` line before the rest are counted.
const RECIPIENTS_LISTED: usize = 3;

/// `(label, text)` lines for `message`; `verbose` adds every header field.
pub fn lines(m: &Message, verbose: bool) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    let h = &m.headers;
    if !h.from.is_empty() {
        out.push(("from", mailboxes(&h.from, RECIPIENTS_LISTED)));
    }
    let to: Vec<Mailbox> = h.to.iter().chain(&h.cc).cloned().collect();
    if !to.is_empty() {
        out.push(("to", mailboxes(&to, RECIPIENTS_LISTED)));
    }
    if let Some(subject) = &h.subject {
        out.push(("subject", clip(subject, 160)));
    }
    if let Some(date) = &h.date {
        out.push(("date", clip(date, 80)));
    }
    if !m.received.is_empty() {
        out.push(("path", path(&m.received, m.capture_delay_s, m.received_dropped)));
    }
    if !h.authentication_results.is_empty() {
        let verdicts: Vec<String> = h
            .authentication_results
            .iter()
            .map(|r| match &r.domain {
                Some(d) => format!("{}={} {d}", r.method, r.result),
                None => format!("{}={}", r.method, r.result),
            })
            .collect();
        out.push(("auth", clip(&verdicts.join(", "), 200)));
    }
    if !h.dkim_signatures.is_empty() {
        let signers: Vec<String> = h
            .dkim_signatures
            .iter()
            .map(|d| {
                format!(
                    "d={} s={}",
                    d.domain.as_deref().unwrap_or("?"),
                    d.selector.as_deref().unwrap_or("?")
                )
            })
            .collect();
        out.push(("dkim", signers.join(", ")));
    }
    if !h.exchange.is_empty() {
        let fields: Vec<String> = h
            .exchange
            .iter()
            .map(|f| {
                let name = f
                    .name
                    .strip_prefix("X-MS-Exchange-Organization-")
                    .or_else(|| f.name.strip_prefix("X-MS-"))
                    .unwrap_or(&f.name);
                format!("{name}={}", clip(&f.value, 60))
            })
            .collect();
        out.push(("exchange", clip(&fields.join(" "), 240)));
    }
    out.push(("message", summary(m)));
    let shown: Vec<_> = m.parts.iter().filter(|p| p.kind != PartKind::Multipart).collect();
    for p in shown.iter().take(PARTS_LISTED) {
        let mut s = format!("{} {}", p.path, p.content_type);
        if let Some(name) = &p.name {
            s.push_str(&format!(" {:?}", clip(name, 80)));
        }
        if p.tnef {
            s.push_str(" TNEF");
        }
        s.push_str(&format!(", {}", L::N_BYTES.of(p.decoded_bytes)));
        match (&p.sha256, p.damaged, p.complete) {
            (Some(hash), ..) => s.push_str(&format!(", sha256 {}", hash.get(..16).unwrap_or(hash))),
            (None, true, _) => s.push_str(&format!(", {}", L::MESSAGE_DAMAGED)),
            (None, false, false) => s.push_str(&format!(", {}", L::MESSAGE_INCOMPLETE)),
            (None, false, true) => {}
        }
        if let Some(subject) = &p.inner_subject {
            s.push_str(&format!(", subject {:?}", clip(subject, 60)));
        }
        out.push(("part", s));
    }
    let more = (shown.len().saturating_sub(PARTS_LISTED) as u64).saturating_add(m.parts_dropped);
    if more > 0 {
        out.push(("part", format!("… {}", L::N_MORE.of(more))));
    }
    for a in &m.anomalies {
        let at = a
            .part
            .as_deref()
            .map_or(String::new(), |p| format!(" (part {p})"));
        out.push(("anomaly", format!("{}{at}: {}", name_of(a.kind), a.detail)));
    }
    if verbose {
        for f in &h.fields {
            out.push(("header", clip(&format!("{}: {}", f.name, f.value), 240)));
        }
        if h.fields_dropped > 0 {
            out.push(("header", format!("… {}", L::N_MORE_FIELDS.of(h.fields_dropped))));
        }
    }
    out
}

/// The stable snake_case name of an anomaly kind (as in the JSON output).
fn name_of(kind: crate::message::MessageAnomalyKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// `Name <addr>, addr2, +3 more`.
fn mailboxes(list: &[Mailbox], listed: usize) -> String {
    let mut names: Vec<String> = list.iter().take(listed).map(ToString::to_string).collect();
    if list.len() > listed {
        names.push(format!(
            "+{}",
            L::N_MORE.of(list.len().saturating_sub(listed) as u64)
        ));
    }
    clip(&names.join(", "), 200)
}

/// Size, hash and completeness of the whole message.
fn summary(m: &Message) -> String {
    let mut s = format!(
        "{}, {}",
        L::N_BYTES.of(m.size),
        L::N_MIME_PARTS.of(m.parts.len() as u64)
    );
    if m.gap_bytes > 0 {
        s.push_str(&format!(", {}", L::N_BYTES_LOST_IN_GAPS.of(m.gap_bytes)));
    } else if !m.complete {
        s.push_str(&format!(", {}", L::MESSAGE_INCOMPLETE));
    }
    if m.too_large {
        s.push_str(&format!(", {}", L::MESSAGE_TOO_LARGE));
    }
    s
}

/// A delay with its sign: `+15 min 3 s`, `-40 s`.
fn signed(secs: i64) -> String {
    if secs < 0 {
        duration(secs)
    } else {
        format!("+{}", duration(secs))
    }
}

/// The `Received:` path in one line: the first sender, then each receiving host with the wait
/// since the hop before, then the capture.
fn path(hops: &[Hop], capture_delay: Option<i64>, dropped: u64) -> String {
    let mut steps: Vec<String> = Vec::new();
    if let Some(first) = hops.first() {
        if let Some(from) = first.from.as_deref().or(first.from_ip.as_deref()) {
            steps.push(clip(from, 60));
        }
    }
    for hop in hops {
        let by = hop.by.as_deref().unwrap_or("?");
        let mut step = clip(by, 60);
        if let Some(delay) = hop.delay_s {
            step.push_str(&format!(" ({})", signed(delay)));
        }
        steps.push(step);
    }
    if let Some(delay) = capture_delay {
        steps.push(format!("{} ({})", L::MESSAGE_CAPTURED, signed(delay)));
    }
    let mut line = steps.join(" → ");
    line = format!("{}: {line}", L::N_HOPS.of(hops.len() as u64));
    if dropped > 0 {
        line.push_str(&format!(" (+{})", L::N_HOPS_NOT_KEPT.of(dropped)));
    }
    line
}
