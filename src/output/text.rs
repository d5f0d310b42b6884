//! The human-readable report, coloured when asked.
//!
//! Layout: one block per session — endpoints and file, times, how the connection opened and closed,
//! both directions' transport counters, each gap; then what SMTP said (banner, EHLO, auth, TLS, one
//! line per mail transaction) and the dialogue as `C:`/`S:` lines with bulk content collapsed,
//! anomalies where they happened, and what each refusal means (`↳ 5.7.1 Delivery not authorized…`;
//! every reply with `--verbose`) — then a summary block. The text
//! format is free to evolve (JSON is the contract). This is the only module that uses `colored`.
//! Must not: compute anything the analysis did not.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::sync::Arc;

use colored::Colorize;

use super::labels as L;
use super::times::TimeStyle;
use super::{Printer, Render};
use crate::capture::set::FileNames;
use crate::net::Direction;
use crate::reasm::{CloseCause, DirStats, GapCause};
use crate::rules::{Finding, Severity};
use crate::session::{RunSummary, Session};
use crate::smtp::dialogue::{AuthOutcome, Dialogue, Item, ItemKind, Origin, Transaction};
use crate::smtp::reply::Reply;
use crate::time::Timestamp;

/// Writes the text report.
pub struct TextPrinter<W: Write> {
    out: W,
    color: bool,
    render: Render,
    /// The files of the capture being reported (frames of capture-wide findings).
    files: Arc<FileNames>,
}

/// How a piece of text is emphasised when colour is on.
#[derive(Clone, Copy)]
pub(super) enum Style {
    Heading,
    Dim,
    Warn,
    Bad,
    Client,
    Server,
}

impl<W: Write> TextPrinter<W> {
    /// A printer writing to `out`, with ANSI colours when `color` is true.
    pub fn new(out: W, render: Render) -> Self {
        if render.color {
            colored::control::set_override(true);
        }
        TextPrinter {
            out,
            color: render.color,
            render,
            files: Arc::new(FileNames::default()),
        }
    }

    /// The writer, for the other renderings of this module's siblings.
    pub(super) fn out(&mut self) -> &mut W {
        &mut self.out
    }

    /// A finding: severity and id, summary, evidence quoted with frame numbers (named in `files`),
    /// advice indented.
    pub(super) fn finding(&mut self, f: &Finding, files: &FileNames) -> io::Result<()> {
        crate::capture::set::with_names_of(files, || self.finding_lines(f, files))
    }

    /// [`TextPrinter::finding`], with the frames its sentences quote named by `files`.
    fn finding_lines(&mut self, f: &Finding, files: &FileNames) -> io::Result<()> {
        let count = if f.count > 1 {
            format!(" (×{})", group_digits(f.count))
        } else {
            String::new()
        };
        let head = format!("{} {}{count}", f.severity.name().to_ascii_uppercase(), f.id);
        let (headline, english) = f.headline(crate::l10n::lang());
        writeln!(
            self.out,
            "  {} {headline}",
            self.paint(&head, severity_style(f.severity)),
        )?;
        if let Some(english) = english {
            writeln!(self.out, "      {english}")?;
        }
        for line in &f.evidence {
            let line = line.shown(files);
            writeln!(self.out, "      {}", self.paint(&format!("│ {line}"), Style::Dim))?;
        }
        if let Some(event) = &f.event {
            writeln!(self.out, "      {} {}: {}", L::TEXT_EVENT, event.id, event.text)?;
        }
        for (n, advice) in f.advice.iter().enumerate() {
            let bullet = if n == 0 { "→" } else { "·" };
            writeln!(self.out, "      {bullet} {advice}")?;
        }
        if !f.refs.is_empty() {
            writeln!(
                self.out,
                "      {}",
                self.paint(&format!("{} {}", L::TEXT_SEE, f.refs.join(", ")), Style::Dim)
            )?;
        }
        Ok(())
    }

    /// `text` in `style` when colour is on.
    pub(super) fn paint(&self, text: &str, style: Style) -> String {
        if !self.color {
            return text.to_string();
        }
        match style {
            Style::Heading => text.bold().to_string(),
            Style::Dim => text.dimmed().to_string(),
            Style::Warn => text.yellow().to_string(),
            Style::Bad => text.red().bold().to_string(),
            Style::Client => text.cyan().to_string(),
            Style::Server => text.green().to_string(),
        }
    }

    fn smtp_summary(&mut self, s: &Session) -> io::Result<()> {
        let d = &s.dialogue;
        if let Some(banner) = &d.banner {
            let label = key(&L::TEXT_BANNER.text());
            writeln!(self.out, "  {label} {}", clip(&banner.value.first_line(), 120))?;
        }
        if let Some(helo) = &d.helo {
            writeln!(self.out, "  helo    {} {}", helo.verb, helo.name)?;
        }
        if !d.extensions.is_empty() {
            let words: Vec<&str> = d.extensions.iter().map(|e| e.keyword.as_str()).collect();
            writeln!(self.out, "  ehlo    {}", clip(&words.join(" "), 160))?;
        }
        for auth in &d.auth {
            let style = match auth.outcome {
                AuthOutcome::Success => Style::Dim,
                AuthOutcome::Failure => Style::Bad,
                AuthOutcome::Cancelled | AuthOutcome::Incomplete => Style::Warn,
            };
            let outcome = self.paint(&auth_outcome_word(auth.outcome).text(), style);
            let reply = auth
                .reply
                .as_ref()
                .map_or(String::new(), |r| format!("{} ", r.value.code));
            let who = auth_account_line(auth);
            writeln!(
                self.out,
                "  auth    {} {}: {who} → {reply}{outcome}",
                auth.verb, auth.mechanism
            )?;
        }
        for l in super::tls_text::lines(s, self.render.verbose) {
            let text = format!("  {:<7} {}", l.label, l.text);
            if l.trouble {
                writeln!(self.out, "{}", self.paint(&text, Style::Warn))?;
            } else {
                writeln!(self.out, "{text}")?;
            }
        }
        if let Some(helo) = &d.tls_helo {
            writeln!(
                self.out,
                "  helo    {} {} {}",
                helo.verb,
                helo.name,
                L::TEXT_INSIDE_TLS
            )?;
        }
        if !d.tls_extensions.is_empty() && self.render.verbose {
            let words: Vec<&str> = d.tls_extensions.iter().map(|e| e.keyword.as_str()).collect();
            writeln!(
                self.out,
                "  ehlo    {} {}",
                clip(&words.join(" "), 160),
                L::TEXT_INSIDE_TLS
            )?;
        }
        for (i, t) in d.transactions.iter().enumerate() {
            writeln!(self.out, "  mail #{:<2} {}", i + 1, transaction_line(t))?;
            if let Some(m) = t.data.as_ref().and_then(|c| c.message.as_deref()) {
                for (label, text) in super::message::lines(m, self.render.verbose) {
                    let text = if label == "anomaly" {
                        self.paint(&text, Style::Warn)
                    } else {
                        text
                    };
                    writeln!(self.out, "            {label:<8} {text}")?;
                }
            }
        }
        Ok(())
    }

    fn dns_lines(&mut self, s: &Session) -> io::Result<()> {
        for l in &s.dns {
            let by = if l.querier.ip() == s.info.server.ip() {
                format!("{} ", L::TEXT_BY_THE_SERVER)
            } else {
                String::new()
            };
            let text = format!("  dns     {by}{}", lookup_line(l));
            let style = if l.failed() { Style::Warn } else { Style::Dim };
            writeln!(self.out, "{}", self.paint(&text, style))?;
        }
        Ok(())
    }

    /// The dialogue, one line per item with its frame number; in a capture of several files, a
    /// line names the file whenever the next frames come from another one.
    fn transcript(&mut self, s: &Session) -> io::Result<()> {
        let d = &s.dialogue;
        if d.transcript.is_empty() {
            return Ok(());
        }
        writeln!(self.out, "  {}", L::TEXT_DIALOGUE)?;
        let mut file = None;
        let mut clock = Clock::new(self.render.time, s.info.start);
        let mut anomalies = d.anomalies.iter().peekable();
        for (index, item) in d.transcript.iter().enumerate() {
            if d.transcript_dropped > 0 && index == d.transcript_dropped_at {
                self.items_not_kept(d)?;
            }
            while let Some(a) = anomalies.next_if(|a| a.item <= index) {
                self.file_change(s, a.at.frame, &mut file)?;
                self.anomaly(s, &mut clock, a)?;
            }
            self.file_change(s, item.at.frame, &mut file)?;
            self.item(s, &mut clock, item)?;
        }
        for a in anomalies {
            self.file_change(s, a.at.frame, &mut file)?;
            self.anomaly(s, &mut clock, a)?;
        }
        if d.transcript_dropped > 0 && d.transcript_dropped_at >= d.transcript.len() {
            self.items_not_kept(d)?;
        }
        Ok(())
    }

    fn items_not_kept(&mut self, d: &Dialogue) -> io::Result<()> {
        writeln!(
            self.out,
            "          … {} …",
            L::N_ITEMS_NOT_KEPT.of(d.transcript_dropped)
        )
    }

    /// In a capture of several files, names the file of `frame` when it is not the one before.
    fn file_change<'a>(
        &mut self,
        s: &'a Session,
        frame: u64,
        current: &mut Option<&'a str>,
    ) -> io::Result<()> {
        let file = s.files.file_of(frame);
        if file.is_some() && file != *current {
            *current = file;
            let text = format!("{:>8}  ── {}", "", file.unwrap_or_default());
            writeln!(self.out, "{}", self.paint(&text, Style::Dim))?;
        }
        Ok(())
    }

    fn anomaly(&mut self, s: &Session, clock: &mut Clock, a: &crate::smtp::Anomaly) -> io::Result<()> {
        let prefix = clock.prefix(s.frame(a.at.frame).number, a.at.ts);
        let text = format!("{prefix}  ! {}: {}", a.kind.name(), a.detail);
        writeln!(self.out, "{}", self.paint(&text, Style::Warn))
    }

    fn item(&mut self, s: &Session, clock: &mut Clock, item: &Item) -> io::Result<()> {
        let d = &s.dialogue;
        let who = speaker(item.dir);
        let style = match item.dir {
            Direction::ClientToServer => Style::Client,
            Direction::ServerToClient => Style::Server,
        };
        let gap = matches!(item.kind, ItemKind::Gap { .. });
        let prefix = clock.prefix(s.frame(item.at.frame).number, item.at.ts);
        let origin = match item.origin {
            Origin::Captured => String::new(),
            Origin::Inferred => format!("  {}", L::TEXT_INFERRED),
            Origin::Smuggled => format!("  {}", L::TEXT_SMUGGLED),
        };
        // Decrypted items carry a `tls` marker before the speaker.
        let marker = if item.decrypted { "tls " } else { "" };
        let style = if gap { Style::Warn } else { style };
        for (i, line) in self.item_lines(d, item).into_iter().enumerate() {
            let origin = if i == 0 { origin.as_str() } else { "" };
            if self.color {
                let text = self.paint(&format!("{marker}{who} {line}{origin}"), style);
                writeln!(self.out, "{prefix}  {text}")?;
            } else {
                // Without colours the line is written as it is formatted, not gathered first.
                writeln!(self.out, "{prefix}  {marker}{who} {line}{origin}")?;
            }
        }
        if let ItemKind::Reply(r) = &item.kind {
            if r.reply.code >= 400 || self.render.verbose {
                if let Some(meaning) = crate::codes::meaning_text(&r.reply) {
                    let text = format!("      ↳ {meaning}");
                    let indent = " ".repeat(clock.width().saturating_add(2));
                    writeln!(self.out, "{indent}{}", self.paint(&text, Style::Dim))?;
                }
            }
        }
        Ok(())
    }

    /// One transcript item as the dialogue shows it (see [`item_lines`]).
    pub(super) fn item_lines(&self, d: &Dialogue, item: &Item) -> Vec<String> {
        item_lines(self.render, d, item)
    }
}

/// One transcript item as the dialogue shows it, without frame, speaker or colour: secrets
/// only with `--show-secrets`, a multi-line reply folded into its first line unless
/// `--verbose`.
pub(super) fn item_lines(render: Render, d: &Dialogue, item: &Item) -> Vec<String> {
    match &item.kind {
        ItemKind::Command(c) => vec![c.line(render.show_secrets)],
        ItemKind::Reply(r) => reply_lines(render, &r.reply),
        ItemKind::AuthData { exchange, token } => {
            let ex = d.auth.get(*exchange);
            let t = ex.and_then(|a| a.tokens.get(*token));
            let name = ex.map_or(String::from("SASL"), |a| format!("{} {}", a.verb, a.mechanism));
            vec![match t {
                Some(t) if t.cancel => "*".to_string(),
                Some(t) if render.show_secrets => {
                    use base64::Engine as _;
                    base64::engine::general_purpose::STANDARD.encode(&t.bytes)
                }
                Some(t) if t.base64 => {
                    format!(
                        "[{name} {}, {}]",
                        L::TEXT_DATA,
                        L::N_BYTES.of(t.bytes.len() as u64)
                    )
                }
                Some(t) => format!(
                    "[{name} {}, {}]",
                    L::TEXT_LINE_NOT_BASE64,
                    L::N_BYTES.of(t.bytes.len() as u64)
                ),
                None => format!("[{name} {}]", L::TEXT_DATA),
            }]
        }
        ItemKind::Blob { bytes, declared } => {
            let hash = d
                .transactions
                .iter()
                .flat_map(|t| &t.xexch50)
                .find(|x| x.frame <= item.at.frame && x.blob_bytes == *bytes && x.sha256.is_some())
                .and_then(|x| x.sha256.as_deref())
                .map_or(String::new(), |h| {
                    format!(", sha256 {}…", h.get(..16).unwrap_or(h))
                });
            let short = if bytes < declared {
                format!(
                    " {}",
                    crate::msg!("text-of-announced", n = group_digits(*declared))
                )
            } else {
                String::new()
            };
            vec![format!("[XEXCH50 BLOB {}{short}{hash}]", L::N_BYTES.of(*bytes))]
        }
        ItemKind::Content { verb, bytes } => {
            vec![format!("[{verb} {}]", L::N_BYTES.of(*bytes))]
        }
        ItemKind::Tls { bytes } => vec![format!("[TLS {}]", L::N_BYTES.of(*bytes))],
        ItemKind::Gap { bytes } => vec![format!("[{}: {}]", L::TEXT_GAP, L::N_BYTES_MISSING.of(*bytes))],
        ItemKind::Unparsed { bytes, lines } => vec![format!(
            "[{}, {}]",
            L::N_LINES_SKIPPED.of(*lines),
            L::N_BYTES.of(*bytes)
        )],
    }
}

fn reply_lines(render: Render, reply: &Reply) -> Vec<String> {
    let lines = if render.show_secrets {
        std::borrow::Cow::Borrowed(&reply.lines[..])
    } else {
        reply.shown_lines()
    };
    let count = lines.len();
    let Some(head) = lines.first() else {
        return vec![reply.code.to_string()];
    };
    let line = |i: usize, text: &str| {
        let sep = if i + 1 == count { ' ' } else { '-' };
        clip(&format!("{}{sep}{text}", reply.code), 200)
    };
    if render.verbose || count <= 1 {
        return lines.iter().enumerate().map(|(i, t)| line(i, t)).collect();
    }
    let first = line(0, head);
    let more = count - 1;
    vec![format!("{first}  (+{})", L::N_MORE_LINES.of(more as u64))]
}

/// The frame and time columns of a dialogue, which remembers the previous line for `delta`.
struct Clock {
    style: TimeStyle,
    start: Timestamp,
    previous: Option<Timestamp>,
}

impl Clock {
    fn new(style: TimeStyle, start: Timestamp) -> Self {
        Clock {
            style,
            start,
            previous: None,
        }
    }

    /// `       4   +0.213`: the frame number and the time of a line at `ts` (written once into
    /// a string of its final size: it starts every line of a dialogue).
    fn prefix(&mut self, number: impl std::fmt::Display, ts: Timestamp) -> String {
        use std::fmt::Write as _;
        let w = self.style.width();
        let mut prefix = String::with_capacity(self.width().saturating_add(8));
        // Writing into a String cannot fail.
        let _ = match self.style.offset(ts, self.start, self.previous) {
            Some(s) => write!(prefix, "{number:>8} {s:>+w$.3}"),
            None => write!(
                prefix,
                "{number:>8} {:>w$}",
                self.style.column(ts, self.start, self.previous)
            ),
        };
        self.previous = Some(ts);
        prefix
    }

    /// Characters of [`Clock::prefix`] (with a plain frame number).
    fn width(&self) -> usize {
        self.style.width().saturating_add(9)
    }
}

/// A lookup in one line: `MX contoso.example → 10 mail.contoso.example → 198.51.100.25 (1 ms)`.
pub(super) fn lookup_line(l: &crate::dns::Lookup) -> String {
    let latency = l
        .latency_ms()
        .map_or(String::new(), |ms| format!(" ({ms:.0} ms)"));
    format!(
        "{} {} → {}{latency}",
        crate::dns::message::type_name(l.qtype),
        l.name,
        lookup_answer(l)
    )
}

/// A message offered again: `<a@x> → <b@y>: 3 attempts, 2 deferred, over 600 s, then delivered`.
pub(super) fn retry_line(r: &crate::flow::table::Retry) -> String {
    crate::msg!(
        "text-retry",
        envelope = &r.envelope,
        attempts = r.attempts.to_string(),
        deferred = r.deferred.to_string(),
        seconds = format!("{:.0}", r.span_s),
        outcome = if r.delivered {
            L::RETRY_DELIVERED.text()
        } else {
            L::RETRY_NOT_DELIVERED.text()
        }
        .into_owned()
    )
    .to_string()
}

/// One gap: `c2s at byte 1,460: 1,460 bytes missing, acknowledged by the peer but never captured`.
pub(super) fn gap_line(s: &Session, dir: Direction, gap: &crate::reasm::GapRecord) -> String {
    crate::msg!(
        "text-gap-line",
        dir = dir.as_str(),
        offset = group_digits(gap.offset),
        bytes = L::N_BYTES.of(gap.len),
        reason = gap_reason(gap.cause, s.summary.cause).text().into_owned()
    )
    .to_string()
}

/// What a lookup answered, in words: `10 mail.contoso.example → 198.51.100.25`, `NXDOMAIN`.
pub(super) fn lookup_answer(l: &crate::dns::Lookup) -> String {
    use crate::dns::Data;
    if l.failed() || l.no_data() || l.rcode.is_none() {
        return l.result().to_string();
    }
    let parts: Vec<String> = l
        .answers
        .iter()
        .map(|r| match &r.data {
            Data::Mx { preference, host } => {
                let glue: Vec<String> = l
                    .addresses()
                    .filter(|(n, _)| n == host)
                    .map(|(_, a)| a.to_string())
                    .collect();
                if glue.is_empty() {
                    format!("{preference} {host}")
                } else {
                    format!("{preference} {host} → {}", glue.join(", "))
                }
            }
            Data::A { addr } | Data::Aaaa { addr } => addr.to_string(),
            Data::Ptr { host } | Data::Cname { host } => host.clone(),
            Data::Other { rtype } => crate::dns::message::type_name(*rtype),
        })
        .collect();
    parts.join(", ")
}

/// Who speaks in a transcript line: `C:` for the client, `S:` for the server.
pub(super) fn speaker(dir: Direction) -> &'static str {
    match dir {
        Direction::ClientToServer => "C:",
        Direction::ServerToClient => "S:",
    }
}

/// `text` cut to `max` characters with an ellipsis.
/// A key of the session header (`time`, `banner`) padded to the 7 columns of the English keys;
/// East Asian wide characters take two columns.
fn key(label: &str) -> String {
    pad(label, 7)
}

/// `label` padded with spaces to `columns` terminal columns (East Asian wide characters take two).
pub(super) fn pad(label: &str, columns: usize) -> String {
    let wide = |c: char| matches!(c, '\u{1100}'..='\u{115F}' | '\u{2E80}'..='\u{A4CF}' | '\u{AC00}'..='\u{D7A3}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FF60}' | '\u{FFE0}'..='\u{FFE6}');
    let width: usize = label.chars().map(|c| if wide(c) { 2 } else { 1 }).sum();
    format!("{label}{}", " ".repeat(columns.saturating_sub(width)))
}

pub(super) fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max).collect();
    cut.push('…');
    cut
}

fn code(reply: Option<u16>) -> String {
    reply.map_or("?".to_string(), |c| c.to_string())
}

/// One line about a mail transaction: envelope, XEXCH50, content and their reply codes.
pub(super) fn transaction_line(t: &Transaction) -> String {
    let mut parts = Vec::new();
    if let Some(m) = &t.mail_from {
        let addr = m.path.as_ref().map_or(m.arg.as_str(), |p| p.addr.as_str());
        parts.push(format!("FROM <{addr}> {}", code(m.reply)));
    }
    if !t.rcpt_to.is_empty() {
        let rcpts: Vec<String> = t
            .rcpt_to
            .iter()
            .map(|r| {
                let addr = r.path.as_ref().map_or(r.arg.as_str(), |p| p.addr.as_str());
                format!("<{addr}> {}", code(r.reply))
            })
            .collect();
        parts.push(format!("TO {}", clip(&rcpts.join(", "), 200)));
    }
    for x in &t.xexch50 {
        let mut s = format!("XEXCH50 {} {} → {}", x.size.text, x.count.text, code(x.reply));
        if x.reply == Some(354) {
            let _ = write!(
                s,
                ", BLOB {} → {}",
                group_digits(x.blob_bytes),
                code(x.blob_reply)
            );
        }
        parts.push(s);
    }
    if let Some(c) = &t.data {
        let mut s = format!("{} {} → {}", c.verb, L::N_BYTES.of(c.bytes), code(c.reply));
        if c.verb == "BDAT" {
            let chunks = c.chunks.len() as u64;
            let _ = write!(
                s,
                " {}",
                crate::msg!("text-in-chunks", count = chunks, n = group_digits(chunks))
            );
        } else if c.command_reply != Some(354) {
            s = format!("DATA → {}", code(c.command_reply));
        }
        if !c.complete && c.command_reply.is_none_or(|r| r == 354) {
            let _ = write!(s, " {}", L::TEXT_INCOMPLETE);
        }
        if let Some(dot) = &c.data {
            if dot.line_endings.bare_lf > 0 || dot.line_endings.bare_cr > 0 {
                let _ = write!(
                    s,
                    ", {}, {}",
                    L::N_BARE_LF.of(dot.line_endings.bare_lf),
                    L::N_BARE_CR.of(dot.line_endings.bare_cr)
                );
            }
            if dot.candidate_count > 0 {
                let seqs: Vec<&str> = dot
                    .end_of_data_candidates
                    .iter()
                    .map(|e| e.sequence.as_str())
                    .collect();
                let _ = write!(
                    s,
                    ", {} ({})",
                    L::N_NON_CANONICAL_ENDS.of(dot.candidate_count),
                    seqs.join(" ")
                );
            }
        }
        parts.push(s);
        if let Some(id) = c.message_id() {
            parts.push(format!("Message-ID <{}>", clip(id, 78)));
        }
    }
    if t.reset {
        parts.push("RSET".into());
    }
    let line = parts.join("; ");
    if t.smuggled {
        format!("{} {line}", L::TEXT_SMUGGLED)
    } else {
        line
    }
}

/// `1234567` → `1,234,567`.
pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// One direction's statistics: `12 segments, 1,651 bytes, 2 retransmitted (1 not loss), sent FIN`.
pub(super) fn direction_line(stats: &DirStats) -> String {
    let mut line = format!(
        "{}, {}",
        L::N_SEGMENTS.of(stats.segments),
        L::N_BYTES.of(stats.bytes)
    );
    if stats.retransmitted > 0 {
        let _ = write!(line, ", {}", L::N_RETRANSMITTED.of(stats.retransmitted));
        if stats.spurious > 0 {
            let _ = write!(line, " ({})", L::N_NOT_LOSS.of(stats.spurious));
        }
    }
    if stats.gap_count > 0 {
        let _ = write!(line, ", {}", L::N_GAPS.of(stats.gap_count));
    }
    if stats.conflicting_overlaps > 0 {
        let _ = write!(line, ", {}", L::N_OVERLAP_BYTES.of(stats.conflicting_overlaps));
    }
    match (stats.fin, stats.rst) {
        (_, true) => {
            let _ = write!(line, ", {}", L::SENT_RST);
        }
        (true, false) => {
            let _ = write!(line, ", {}", L::SENT_FIN);
        }
        (false, false) => {}
    }
    line
}

pub(super) fn gap_reason(cause: GapCause, close: CloseCause) -> L::Label {
    match cause {
        GapCause::Acked => L::GAP_ACKED,
        GapCause::Closed if close == CloseCause::EndOfInput => L::GAP_CAPTURE_ENDED,
        GapCause::Closed => L::GAP_CONNECTION_ENDED,
        GapCause::ConnectionMemoryCap => L::GAP_CONNECTION_CAP,
        GapCause::TotalMemoryCap => L::GAP_TOTAL_CAP,
        GapCause::TooManySegments => L::GAP_TOO_MANY,
        GapCause::Snaplen => L::GAP_SNAPLEN,
    }
}

/// The colour of a severity.
pub(super) fn severity_style(severity: Severity) -> Style {
    match severity {
        Severity::Critical | Severity::Error => Style::Bad,
        Severity::Warning => Style::Warn,
        Severity::Info => Style::Heading,
    }
}

pub(super) fn close_text(cause: CloseCause) -> L::Label {
    match cause {
        CloseCause::Fin => L::CLOSED_FIN,
        CloseCause::Rst => L::CLOSED_RST,
        CloseCause::Idle => L::CLOSED_IDLE,
        CloseCause::Reused => L::CLOSED_REUSED,
        CloseCause::EndOfInput => L::CLOSED_END_OF_INPUT,
        CloseCause::Evicted => L::CLOSED_EVICTED,
    }
}

impl<W: Write> Printer for TextPrinter<W> {
    fn session(&mut self, s: &Session) -> io::Result<()> {
        let title = format!(
            "{} {}  {} → {}",
            L::TEXT_SESSION,
            s.id(),
            s.info.client,
            s.info.server
        );
        writeln!(
            self.out,
            "{}  {}",
            self.paint(&title, Style::Heading),
            self.paint(&s.file, Style::Dim)
        )?;
        let duration = s.end().seconds_since(s.info.start);
        let time = self.render.time;
        writeln!(
            self.out,
            "  {} {} → {} ({duration:.3} s)",
            key(&L::TEXT_TIME.text()),
            time.instant(s.info.start),
            time.instant(s.end())
        )?;
        let opening = if s.info.handshake_seen {
            L::TEXT_HANDSHAKE_SEEN
        } else {
            L::TEXT_MID_STREAM
        };
        let closing = close_text(s.summary.cause).text();
        let closing = if s.summary.cause == CloseCause::Rst {
            self.paint(&closing, Style::Bad)
        } else {
            closing.into_owned()
        };
        writeln!(
            self.out,
            "  {} {}–{}, {opening}, {closing}",
            key(&L::TEXT_FRAMES.text()),
            s.frame(s.info.first_frame),
            s.frame(s.summary.last_frame)
        )?;
        if let Some(t) = &s.tunnel {
            let (kind, proxy, host) = (
                t.kind.name(),
                s.info.server.to_string(),
                t.target.host.to_string(),
            );
            let port = t.target.port.to_string();
            let line = match &t.user {
                Some(user) => crate::msg!(
                    "text-tunnel-line-user",
                    kind = kind,
                    proxy = proxy,
                    host = host,
                    port = port,
                    user = user.to_string()
                ),
                None => crate::msg!(
                    "text-tunnel-line",
                    kind = kind,
                    proxy = proxy,
                    host = host,
                    port = port
                ),
            };
            writeln!(self.out, "  {} {line}", key(&L::TEXT_TUNNEL.text()))?;
        }
        for (dir, stats) in s.directions() {
            writeln!(self.out, "  {}     {}", dir.as_str(), direction_line(stats))?;
        }
        for (dir, gap) in s.gaps() {
            let text = format!("  {} {}", key(&L::TEXT_GAP.text()), gap_line(s, dir, gap));
            writeln!(self.out, "{}", self.paint(&text, Style::Warn))?;
        }
        if let Some(snaplen) = s.snaplen {
            let text = format!(
                "  {}",
                crate::msg!(
                    "text-snaplen",
                    snaplen = snaplen.to_string(),
                    bytes = L::N_BYTES.of(s.snaplen_bytes()),
                    segments = L::N_SEGMENTS.of(s.snaplen_segments())
                )
            );
            writeln!(self.out, "{}", self.paint(&text, Style::Warn))?;
        }
        let kept: u64 = s.directions().iter().map(|(_, d)| d.gaps.len() as u64).sum();
        let all = s.summary.c2s.gap_count.saturating_add(s.summary.s2c.gap_count);
        if all > kept {
            writeln!(
                self.out,
                "  {} {}",
                key(&L::TEXT_GAP.text()),
                crate::msg!("text-gap-more", n = group_digits(all - kept))
            )?;
        }
        self.smtp_summary(s)?;
        self.dns_lines(s)?;
        self.transcript(s)?;
        for finding in &s.findings {
            self.finding(finding, &s.files)?;
        }
        writeln!(self.out)
    }

    fn capture_files(&mut self, files: &Arc<FileNames>) {
        self.files = Arc::clone(files);
    }

    fn capture_finding(&mut self, finding: &Finding) -> io::Result<()> {
        let files = Arc::clone(&self.files);
        self.finding(finding, &files)?;
        writeln!(self.out)
    }

    fn flows(&mut self, flows: &[crate::flow::Flow]) -> io::Result<()> {
        if flows.is_empty() {
            return Ok(());
        }
        writeln!(
            self.out,
            "{}",
            self.paint(&L::TEXT_MAIL_FLOW.text(), Style::Heading)
        )?;
        for f in flows {
            let mut line = format!(
                "  {} → {}  {}, {}; {}",
                f.client,
                f.server,
                L::N_SESSIONS.of(f.sessions),
                L::N_WITH_TLS.of(f.tls_sessions),
                crate::msg!(
                    "text-flow-messages",
                    accepted = group_digits(f.accepted),
                    deferred = group_digits(f.deferred),
                    refused = group_digits(f.refused)
                )
            );
            if !f.recipients_refused.is_empty() {
                let codes: Vec<String> = f
                    .recipients_refused
                    .iter()
                    .map(|(code, n)| format!("{code} ×{n}"))
                    .collect();
                let _ = write!(
                    line,
                    "; {}",
                    crate::msg!("text-flow-recipients-refused", codes = codes.join(", "))
                );
            }
            if let (Some(median), Some(worst)) = (f.median_reply_ms, f.worst_reply_ms) {
                let _ = write!(
                    line,
                    "; {}",
                    crate::msg!(
                        "text-flow-replies",
                        median = format!("{median:.0}"),
                        worst = format!("{worst:.0}")
                    )
                );
            }
            writeln!(self.out, "{line}")?;
            for r in &f.retries {
                writeln!(self.out, "    {} {}", L::TEXT_RETRIED, retry_line(r))?;
            }
        }
        writeln!(self.out)
    }

    fn summary(&mut self, sum: &RunSummary) -> io::Result<()> {
        let source = match &sum.interface {
            Some(interface) => crate::msg!("text-interface", name = interface.to_string()).to_string(),
            None => L::N_FILES.of(sum.files),
        };
        let line = format!(
            "{}: {}",
            self.paint(&L::TEXT_SUMMARY.text(), Style::Heading),
            crate::msg!(
                "text-summary-counts",
                source = source,
                packets = L::N_PACKETS.of(sum.packets),
                bytes = L::N_BYTES.of(sum.bytes),
                sessions = L::N_SMTP_SESSIONS.of(sum.sessions),
                connections = L::N_TCP_CONNECTIONS.of(sum.tcp_connections),
            )
        );
        writeln!(self.out, "{line}")?;
        if !sum.skipped.is_empty() {
            let parts: Vec<String> = sum
                .skipped
                .iter()
                .map(|(reason, n)| format!("{} {reason}", group_digits(*n)))
                .collect();
            writeln!(self.out, "  {}: {}", L::TEXT_NOT_ANALYSED, parts.join(", "))?;
        }
        if let Some(drops) = sum.capture_drops {
            let text = format!(
                "  {}",
                crate::msg!("text-capture-dropped", packets = L::N_PACKETS.of(drops))
            );
            writeln!(self.out, "{}", self.paint(&text, Style::Warn))?;
        }
        if sum.findings.total() == 0 {
            writeln!(self.out, "  {}", L::TEXT_NO_FINDINGS)?;
        }
        for (severity, n, sessions, more) in sum.findings.rows().filter(|row| row.1 > 0) {
            let mut line = format!("  {:<9} {}", format!("{severity}:"), L::N_FINDINGS.of(n));
            if !sessions.is_empty() {
                let sessions = sessions.join(", ");
                let _ = write!(
                    line,
                    " {}",
                    if more > 0 {
                        crate::msg!(
                            "text-in-sessions-more",
                            sessions = sessions,
                            n = group_digits(more)
                        )
                    } else {
                        crate::msg!("text-in-sessions", sessions = sessions)
                    }
                );
            }
            writeln!(self.out, "{}", self.paint(&line, severity_style(severity)))?;
        }
        for error in &sum.input_errors {
            writeln!(
                self.out,
                "  {} {error}",
                self.paint(&L::TEXT_INCOMPLETE_INPUT.text(), Style::Bad)
            )?;
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn renderer(&self) -> Option<super::SessionRenderer> {
        Some(super::SessionRenderer::new(
            super::OutputFormat::Text,
            self.render,
        ))
    }

    fn rendered(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)
    }
}

/// How a SASL exchange ended, in words.
pub(super) fn auth_outcome_word(outcome: AuthOutcome) -> L::Label {
    match outcome {
        AuthOutcome::Success => L::AUTH_SUCCESS,
        AuthOutcome::Failure => L::AUTH_FAILURE,
        AuthOutcome::Cancelled => L::AUTH_CANCELLED,
        AuthOutcome::Incomplete => L::AUTH_NO_FINAL_REPLY,
    }
}

/// What an exchange's tokens say, for the `auth` line: the SPNEGO wrapper, the account or service,
/// a Kerberos error and a SPNEGO reject (`SPNEGO → Kerberos AP-REQ SMTPSVC/ex2 @CONTOSO.COM`).
pub(super) fn auth_account_line(exchange: &crate::smtp::dialogue::AuthExchange) -> String {
    let analysis = crate::auth::analyze(exchange);
    let mut steps = Vec::new();
    if analysis.spnego {
        steps.push("SPNEGO".to_string());
    }
    let account = match &analysis.identity {
        Some(identity) => identity.to_string(),
        None => match &analysis.sent {
            Some(mechanism) => crate::msg!("text-token-no-account", mechanism = mechanism.name()).to_string(),
            None => L::N_TOKENS.of(exchange.tokens.len() as u64),
        },
    };
    steps.push(if analysis.downgraded_to_ntlm() {
        format!("{account} {}", L::TEXT_KERBEROS_OFFERED_NTLM_SENT)
    } else {
        account
    });
    let refusals = analysis.refusals();
    if !refusals.is_empty() {
        steps.push(refusals.join(", "));
    }
    steps.join(" → ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_grouped_by_thousands() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1000), "1,000");
        assert_eq!(group_digits(1_234_567), "1,234,567");
        assert_eq!(group_digits(u64::MAX), "18,446,744,073,709,551,615");
    }
}
