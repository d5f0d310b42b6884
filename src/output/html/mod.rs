//! The HTML report: one self-contained file (inline CSS, inline SVG, a little plain JavaScript; no
//! network, no external script or font) for people who explain a failure to a colleague or a vendor.
//!
//! Layout: a header; the overview (capture facts, findings grouped by id with their sessions, the
//! mail flow per client→server pair, a timeline of sessions coloured by outcome); then one
//! collapsed `<details>` per session whose facts, ladder diagram ([`ladder`]) and finding cards
//! wait as raw text (`deferred`) until the session is opened (`page.js` parses them then), so
//! 10,000 sessions load as 10,000 one-line summaries. Sessions are written as they end (streaming); the
//! overview, known only at the end, is written last and shown first (CSS `order`).
//!
//! Each record kind has its own function ([`session_facts`], [`dns_facts`], [`finding_card`],
//! [`overview`] per section), so records other stages add get one function each. Words that are
//! not data come from [`super::labels`]. Every text from the capture goes through [`Esc`].
//! Must not: compute anything the analysis did not (the outcome colour is a reading of the
//! findings and reply codes), or re-parse anything.

// The markup's own line breaks end many format strings; `writeln!` would hide them.
#![allow(clippy::write_with_newline)]

use std::fmt::{self, Write as _};
use std::io::{self, Write};

use super::labels::{self as l, Label};
use super::text::{
    auth_account_line, auth_outcome_word, clip, close_text, direction_line, gap_line, group_digits,
    lookup_line, transaction_line,
};
use super::{Printer, Render};
use crate::capture::set::FileNames;
use crate::rules::{Finding, Severity};
use crate::session::{RunSummary, Session};

pub mod diff;
pub mod ladder;
pub mod overview;

/// The style sheet, inlined into every report.
const CSS: &str = include_str!("page.css");
/// The script: lazy drawing, open/close all, `#s12` and `#all` links, printing.
const JS: &str = include_str!("page.js");
/// Up to this many sessions, printing opens them all first.
const PRINT_OPEN_LIMIT: usize = 200;

/// HTML-escaped text: `&`, `<`, `>`, `"` and `'` replaced, so it is safe in content and in
/// quoted attributes.
pub struct Esc<'a>(pub &'a str);

impl fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
            let (plain, tail) = rest.split_at(at);
            f.write_str(plain)?;
            let mut chars = tail.chars();
            let escaped = match chars.next() {
                Some('&') => "&amp;",
                Some('<') => "&lt;",
                Some('>') => "&gt;",
                Some('"') => "&quot;",
                _ => "&#39;",
            };
            f.write_str(escaped)?;
            rest = chars.as_str();
        }
        f.write_str(rest)
    }
}

/// How a session went, for the timeline and the summary dot: a reading of its findings and
/// of the replies to its messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A finding at error or above.
    Failed,
    /// A warning finding.
    Warning,
    /// A message was accepted and nothing worse than info was found.
    Delivered,
    /// No message was accepted, and nothing was found.
    NoMail,
}

impl Outcome {
    /// The outcome of `session`.
    pub fn of(session: &Session) -> Outcome {
        match session.findings.iter().map(|f| f.severity).max() {
            Some(Severity::Error | Severity::Critical) => Outcome::Failed,
            Some(Severity::Warning) => Outcome::Warning,
            _ if session.dialogue.transactions.iter().any(|t| {
                t.data
                    .as_ref()
                    .and_then(|c| c.reply)
                    .is_some_and(|r| (200..300).contains(&r))
            }) =>
            {
                Outcome::Delivered
            }
            _ => Outcome::NoMail,
        }
    }

    /// The CSS class.
    pub fn class(self) -> &'static str {
        match self {
            Outcome::Failed => "o-failed",
            Outcome::Warning => "o-warning",
            Outcome::Delivered => "o-delivered",
            Outcome::NoMail => "o-no-mail",
        }
    }

    /// The word for it.
    pub fn label(self) -> Label {
        match self {
            Outcome::Failed => l::OUTCOME_FAILED,
            Outcome::Warning => l::OUTCOME_WARNING,
            Outcome::Delivered => l::OUTCOME_DELIVERED,
            Outcome::NoMail => l::OUTCOME_NO_MAIL,
        }
    }
}

/// Writes the HTML report of an `analyze` or `live` run.
pub struct HtmlPrinter<W: Write> {
    out: W,
    render: Render,
    started: bool,
    overview: overview::Overview,
}

impl<W: Write> HtmlPrinter<W> {
    /// A printer writing to `out`.
    pub fn new(out: W, render: Render) -> Self {
        HtmlPrinter {
            out,
            render,
            started: false,
            overview: overview::Overview::default(),
        }
    }

    fn start(&mut self) -> io::Result<()> {
        if !self.started {
            self.started = true;
            self.out.write_all(head(l::REPORT_TITLE).as_bytes())?;
            let section = format!("<section id=\"sessions\"><h2>{}</h2>\n{}", l::SESSIONS, toolbar());
            self.out.write_all(section.as_bytes())?;
        }
        Ok(())
    }
}

/// The document up to `<main>`: the style sheet, the arrowheads every ladder shares, the header.
pub(super) fn head(title: Label) -> String {
    let mut h = String::with_capacity(CSS.len() + 1024);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\" data-print-open-limit=\"{PRINT_OPEN_LIMIT}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"smtpscope {}\">\n<title>{title}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        crate::l10n::lang().code(),
        env!("CARGO_PKG_VERSION")
    );
    h.push_str(ladder::DEFS);
    let _ = write!(
        h,
        "<main>\n<header class=\"top\"><h1>{title}</h1><span class=\"meta\">smtpscope {}</span></header>\n\
         <noscript><p class=\"muted\">{}</p></noscript>\n<p class=\"print-note\">{}</p>\n",
        env!("CARGO_PKG_VERSION"),
        l::NOSCRIPT,
        l::PRINT_NOTE
    );
    h
}

/// The buttons that open and close every session.
pub(super) fn toolbar() -> String {
    format!(
        "<div class=\"toolbar\"><button type=\"button\" data-act=\"open\">{}</button>\
         <button type=\"button\" data-act=\"close\">{}</button></div>\n",
        l::OPEN_ALL,
        l::CLOSE_ALL
    )
}

/// The end of the document: the script.
pub(super) fn tail() -> String {
    format!("</main>\n<script>\n{JS}</script>\n</body>\n</html>\n")
}

/// One session: its one-line summary, and in a template its facts, its ladder with the finding
/// markers, and the finding cards beside it. `id` is unique in the document (`1`, or `A:1` in a
/// diff); `label` names it in the summary line.
pub fn session(h: &mut String, s: &Session, render: Render, id: &str, label: &str) {
    let outcome = Outcome::of(s);
    let _ = write!(
        h,
        "<details class=\"lazy session\" id=\"s{}\" data-session=\"{}\" data-items=\"{}\" data-findings=\"{}\">\n<summary>",
        Esc(id),
        Esc(id),
        s.dialogue.transcript.len(),
        s.findings.len()
    );
    let _ = write!(
        h,
        "<span class=\"outcome {}\" title=\"{}\"></span><span class=\"sid\">{}</span>\
         <span class=\"ep\">{} → {}</span><span class=\"meta\">{} · {:.3} s · {} {}</span>",
        outcome.class(),
        outcome.label(),
        Esc(label),
        s.info.client,
        s.info.server,
        render.time.instant(s.info.start),
        s.end().seconds_since(s.info.start),
        group_digits(s.dialogue.transcript.len() as u64),
        l::ITEMS
    );
    severity_badges(h, &s.findings);
    h.push_str("</summary>\n");
    let mut body = String::with_capacity(4096);
    session_facts(&mut body, s, render);
    dns_facts(&mut body, s);
    body.push_str("<div class=\"ladder-wrap\">\n");
    ladder::session(&mut body, s, render, id);
    finding_cards(&mut body, id, &s.findings, &s.files);
    body.push_str("</div>\n");
    deferred(h, &body);
    h.push_str("</details>\n");
}

/// The body of a `<details>`, kept as raw text in a `<script type="text/html">` that the page's
/// script turns into elements when the details are first opened: the browser's parser copies it
/// without building a single node, so a report of 10,000 sessions loads as 10,000 summary lines.
/// The markup never holds `</script` (every text from the capture is escaped); the replacement is
/// a second guard.
pub(super) fn deferred(h: &mut String, body: &str) {
    h.push_str("<div class=\"body\"><script type=\"text/html\" class=\"deferred\">\n");
    h.push_str(&body.replace("</script", "<\\/script"));
    h.push_str("</script></div>\n");
}

/// `2 ERROR 1 WARNING`: the findings of a session by severity, for its summary line.
fn severity_badges(h: &mut String, findings: &[Finding]) {
    for severity in Severity::MOST_SERIOUS_FIRST {
        let n = findings.iter().filter(|f| f.severity == severity).count();
        if n > 0 {
            let _ = write!(
                h,
                "<span class=\"sev sev-{}\">{n} {}</span>",
                severity.name(),
                severity.name()
            );
        }
    }
}

/// A fact row.
fn fact(h: &mut String, label: Label, value: &str) {
    let _ = write!(h, "<dt>{label}</dt><dd>{}</dd>", Esc(value));
}

/// The transport and SMTP facts of a session, as the text report's header lines give them.
pub fn session_facts(h: &mut String, s: &Session, render: Render) {
    let d = &s.dialogue;
    h.push_str("<dl class=\"facts\">");
    fact(h, l::FACT_FILE, &s.file);
    let time = format!(
        "{} → {} ({:.3} s)",
        render.time.instant(s.info.start),
        render.time.instant(s.end()),
        s.end().seconds_since(s.info.start)
    );
    fact(h, l::FACT_TIME, &time);
    let opening = if s.info.handshake_seen {
        l::TEXT_HANDSHAKE_SEEN
    } else {
        l::TEXT_MID_STREAM
    };
    let frames = format!(
        "{}–{}, {opening}, {}",
        s.frame(s.info.first_frame),
        s.frame(s.summary.last_frame),
        close_text(s.summary.cause)
    );
    fact(h, l::FACT_FRAMES, &frames);
    fact(h, l::FACT_C2S, &direction_line(&s.summary.c2s));
    fact(h, l::FACT_S2C, &direction_line(&s.summary.s2c));
    for (dir, gap) in s.gaps() {
        fact(h, l::FACT_GAP, &gap_line(s, dir, gap));
    }
    if let Some(banner) = &d.banner {
        fact(h, l::FACT_BANNER, &clip(&banner.value.first_line(), 200));
    }
    if let Some(helo) = &d.helo {
        fact(h, l::FACT_HELO, &format!("{} {}", helo.verb, helo.name));
    }
    if !d.extensions.is_empty() {
        let words: Vec<&str> = d.extensions.iter().map(|e| e.keyword.as_str()).collect();
        fact(h, l::FACT_EHLO, &words.join(" "));
    }
    for auth in &d.auth {
        let reply = auth
            .reply
            .as_ref()
            .map_or(String::new(), |r| format!("{} ", r.value.code));
        let text = format!(
            "{} {}: {} → {reply}{}",
            auth.verb,
            auth.mechanism,
            auth_account_line(auth),
            auth_outcome_word(auth.outcome)
        );
        fact(h, l::FACT_AUTH, &text);
    }
    if let Some(by) = &d.tls.by {
        let text = if d.tls.started {
            format!(
                "{by} at frame {}: {} client, {} server bytes encrypted",
                d.tls.frame.unwrap_or(0),
                group_digits(d.tls.c2s_bytes),
                group_digits(d.tls.s2c_bytes)
            )
        } else {
            format!("{by} requested, no TLS followed")
        };
        fact(h, l::FACT_TLS, &text);
    }
    for (i, t) in d.transactions.iter().enumerate() {
        fact(
            h,
            l::FACT_MAIL,
            &format!("#{} {}", i.saturating_add(1), transaction_line(t)),
        );
    }
    for a in &d.anomalies {
        let text = format!("frame {}: {}: {}", s.frame(a.at.frame), a.kind.name(), a.detail);
        fact(h, l::FACT_ANOMALY, &text);
    }
    h.push_str("</dl>\n");
}

/// The DNS lookups linked to a session.
pub fn dns_facts(h: &mut String, s: &Session) {
    if s.dns.is_empty() {
        return;
    }
    h.push_str("<dl class=\"facts dns\">");
    for lookup in &s.dns {
        let by = if lookup.querier.ip() == s.info.server.ip() {
            format!("{} ", l::TEXT_BY_THE_SERVER)
        } else {
            String::new()
        };
        let text = format!("{by}{}", lookup_line(lookup));
        fact(h, l::FACT_DNS, &text);
    }
    h.push_str("</dl>\n");
}

/// The cards of a session's findings, numbered as their markers on the ladder; `scope` makes the
/// anchors unique in the document (`s1-f2`).
pub fn finding_cards(h: &mut String, scope: &str, findings: &[Finding], files: &FileNames) {
    if findings.is_empty() {
        return;
    }
    h.push_str("<ol class=\"cards\">\n");
    for (n, f) in findings.iter().enumerate() {
        finding_card(
            h,
            &format!("s{scope}-f{}", n.saturating_add(1)),
            Some(n.saturating_add(1)),
            f,
            files,
        );
    }
    h.push_str("</ol>\n");
}

/// One finding: severity and id, summary, evidence with frames (with their file in a set of
/// files), the Windows event, advice, refs.
pub fn finding_card(h: &mut String, anchor: &str, number: Option<usize>, f: &Finding, files: &FileNames) {
    crate::capture::set::with_names_of(files, || card(h, anchor, number, f, files));
}

/// [`finding_card`], with the frames its sentences quote named by `files`.
fn card(h: &mut String, anchor: &str, number: Option<usize>, f: &Finding, files: &FileNames) {
    let _ = write!(
        h,
        "<li class=\"card finding sev-{}\" id=\"{}\" data-finding=\"{}\"><h4>",
        f.severity.name(),
        Esc(anchor),
        f.id
    );
    if let Some(n) = number {
        let _ = write!(h, "<span class=\"num\">{n}</span>");
    }
    let count = if f.count > 1 {
        format!(" ×{}", group_digits(f.count))
    } else {
        String::new()
    };
    let (headline, english) = f.headline(crate::l10n::lang());
    let _ = write!(
        h,
        "<span class=\"sev sev-{0}\">{0}</span><code>{1}</code>{count}</h4><p>{2}</p>",
        f.severity.name(),
        f.id,
        Esc(&headline.to_string())
    );
    if let Some(english) = english {
        let _ = write!(
            h,
            "<p class=\"summary-en\" lang=\"en\">{}</p>",
            Esc(&english.to_string())
        );
    }
    if !f.evidence.is_empty() {
        let _ = write!(h, "<ul class=\"evidence\" title=\"{}\">", l::EVIDENCE);
        for e in &f.evidence {
            let _ = write!(h, "<li>{}</li>", Esc(&e.shown(files).to_string()));
        }
        h.push_str("</ul>");
    }
    if let Some(event) = &f.event {
        let _ = write!(
            h,
            "<p class=\"event\">{} {}: {}</p>",
            l::EVENT,
            event.id,
            Esc(&event.text.to_string())
        );
    }
    if !f.advice.is_empty() {
        let _ = write!(h, "<ol class=\"advice\" title=\"{}\">", l::ADVICE);
        for a in &f.advice {
            let _ = write!(h, "<li>{}</li>", Esc(&a.to_string()));
        }
        h.push_str("</ol>");
    }
    if let Some(by) = &f.explained_by {
        let _ = write!(
            h,
            "<p class=\"refs\">{}: <code>{}</code></p>",
            l::EXPLAINED_BY,
            Esc(by)
        );
    }
    if !f.refs.is_empty() {
        let _ = write!(h, "<p class=\"refs\">{}: {}</p>", l::SEE, Esc(&f.refs.join(", ")));
    }
    h.push_str("</li>\n");
}

impl<W: Write> Printer for HtmlPrinter<W> {
    fn session(&mut self, s: &Session) -> io::Result<()> {
        self.start()?;
        let id = s.id();
        let mut h = String::with_capacity(4096);
        crate::capture::set::with_names(&s.files, || {
            self.overview.session(s, &id);
            let label = format!("{} {id}", l::SESSION);
            session(&mut h, s, self.render, &id, &label);
        });
        self.out.write_all(h.as_bytes())
    }

    fn capture_finding(&mut self, finding: &Finding) -> io::Result<()> {
        self.overview.capture_finding(finding);
        Ok(())
    }

    fn flows(&mut self, flows: &[crate::flow::Flow]) -> io::Result<()> {
        self.overview.flows(flows);
        Ok(())
    }

    fn summary(&mut self, summary: &RunSummary) -> io::Result<()> {
        self.start()?;
        let mut h = String::with_capacity(16 * 1024);
        if self.overview.sessions() == 0 {
            let _ = writeln!(h, "<p class=\"muted\">{}</p>", l::NO_SESSIONS);
        }
        h.push_str("</section>\n");
        self.overview.write(&mut h, summary, self.render, "");
        h.push_str(&tail());
        self.out.write_all(h.as_bytes())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            Esc("<a href=\"x\">O'Neil & co</a>").to_string(),
            "&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; co&lt;/a&gt;"
        );
        assert_eq!(Esc("plain → text").to_string(), "plain → text");
        assert_eq!(Esc("").to_string(), "");
    }
}
