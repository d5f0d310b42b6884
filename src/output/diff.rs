//! Rendering a `diff` run: the two captures' sessions, each pair side by side, and the summary.
//!
//! Owns the layout of `smtpscope diff` in text (pairs with their dialogues aligned in two columns,
//! the differences, the `verb-dropped` findings in full and each side's own findings in one line,
//! then the sessions with no partner) and in JSON Lines (`session` objects with `side`, their
//! findings with `session` `A:id`/`B:id`, `pair` objects, the pairs' findings with
//! `A:id|B:id`, and a `summary` with the pairing counts and the clock offset). Text and JSON Lines
//! are written as they are made ([`DiffWriter`]), so the caller need hold neither the sessions nor
//! the pairs; the HTML report ([`write()`]) takes them all at once.
//! Must not: compare anything (that is [`crate::diff`]).

use std::io::{self, Write};

use serde::ser::SerializeMap;

use super::json::{self, line, Fields, FindingJson, List, Object, SessionJson, SummaryJson};
use super::labels as L;
use super::text::{clip, pad, severity_style, speaker, Style, TextPrinter};
use super::{OutputFormat, Printer, Render};
use crate::capture::set::FileNames;
use crate::diff::{side_id, ClockOffset, DiffReport, Pair, Row, RowStatus, Side};
use crate::rules::Finding;
use crate::session::{RunSummary, Session};
use crate::smtp::dialogue::Dialogue;

/// Everything a diff run shows.
pub struct DiffView<'a> {
    /// The sending side's sessions (their findings carry `A:id`).
    pub sender: &'a [Session],
    /// The receiving side's sessions (their findings carry `B:id`).
    pub receiver: &'a [Session],
    /// Capture-wide findings of either side (`capture-drops`).
    pub capture_findings: &'a [Finding],
    /// The comparison.
    pub report: &'a DiffReport,
    /// Both captures' counters and every finding shown.
    pub summary: &'a RunSummary,
}

impl DiffView<'_> {
    fn session(&self, side: Side, index: usize) -> Option<&Session> {
        match side {
            Side::Sender => self.sender.get(index),
            Side::Receiver => self.receiver.get(index),
        }
    }
}

/// Writes the diff report in `format`.
///
/// # Errors
/// Writing failed.
pub fn write(
    format: OutputFormat,
    render: Render,
    out: &mut dyn Write,
    view: &DiffView<'_>,
) -> io::Result<()> {
    if format == OutputFormat::Html {
        let mut out = io::BufWriter::with_capacity(64 * 1024, out);
        super::html::diff::write(&mut out, render, view)?;
        return out.flush();
    }
    let report = view.report;
    let mut w = DiffWriter::new(format, render, out);
    for (side, sessions) in [(Side::Sender, view.sender), (Side::Receiver, view.receiver)] {
        for session in sessions {
            w.session(side, session)?;
        }
    }
    w.start(report.clock, view.capture_findings)?;
    for (n, pair) in report.pairs.iter().enumerate() {
        let m = pair.matched;
        w.pair(
            n.saturating_add(1),
            pair,
            view.sender.get(m.sender),
            view.receiver.get(m.receiver),
        )?;
    }
    let alone = |side: Side, indexes: &[usize]| -> Vec<&Session> {
        indexes.iter().filter_map(|i| view.session(side, *i)).collect()
    };
    w.finish(&Ending {
        sender_only: &alone(Side::Sender, &report.sender_only),
        receiver_only: &alone(Side::Receiver, &report.receiver_only),
        capture_findings: view.capture_findings,
        summary: view.summary,
    })
}

/// The sessions without a partner, and what the end of the report counts.
pub struct Ending<'a> {
    /// The sender's sessions with no partner, in order.
    pub sender_only: &'a [&'a Session],
    /// The receiver's sessions with no partner, in order.
    pub receiver_only: &'a [&'a Session],
    /// Capture-wide findings of either side.
    pub capture_findings: &'a [Finding],
    /// Both captures' counters and every finding shown (the pairs' included).
    pub summary: &'a RunSummary,
}

/// Where a diff report in text or JSON Lines goes.
enum Sink<'w> {
    Json(io::BufWriter<&'w mut dyn Write>),
    Text(TextPrinter<io::BufWriter<&'w mut dyn Write>>),
}

/// A diff report in text or JSON Lines written as it is made, so that neither the sessions nor
/// the pairs need be held: each side's sessions ([`DiffWriter::session`], JSON only; in text the
/// sessions appear in their pairs), then [`DiffWriter::start`] once the clock offset is known, each
/// pair in order ([`DiffWriter::pair`]), and [`DiffWriter::finish`]. The held report
/// ([`write()`]) goes through the same calls, so both print the same bytes.
pub struct DiffWriter<'w> {
    sink: Sink<'w>,
    render: Render,
    clock: ClockOffset,
    pairs: usize,
    divergences: usize,
}

impl<'w> DiffWriter<'w> {
    /// A report in `format` (text, or JSON Lines for anything else: HTML is [`write()`]'s).
    pub fn new(format: OutputFormat, render: Render, out: &'w mut dyn Write) -> Self {
        let out = io::BufWriter::with_capacity(64 * 1024, out);
        let sink = match format {
            OutputFormat::Text => Sink::Text(TextPrinter::new(out, render)),
            // `app::diff` refuses ECS before decoding; JSON Lines is the nearest should it come here.
            _ => Sink::Json(out),
        };
        DiffWriter {
            sink,
            render,
            clock: ClockOffset::default(),
            pairs: 0,
            divergences: 0,
        }
    }

    /// Whether the report lists every session before the pairs (JSON Lines).
    pub fn lists_sessions(&self) -> bool {
        matches!(self.sink, Sink::Json(_))
    }

    /// One session of `side`, with its findings (JSON Lines; nothing in text).
    ///
    /// # Errors
    /// Writing failed.
    pub fn session(&mut self, side: Side, session: &Session) -> io::Result<()> {
        match &mut self.sink {
            Sink::Json(out) => session_lines(out, self.render, side, session, &session.findings),
            Sink::Text(_) => Ok(()),
        }
    }

    /// Sessions already written as [`session_lines`] elsewhere, copied in (JSON Lines).
    ///
    /// # Errors
    /// Reading or writing failed.
    pub fn sessions_from(&mut self, lines: &mut dyn io::Read) -> io::Result<()> {
        match &mut self.sink {
            Sink::Json(out) => io::copy(lines, out).map(drop),
            Sink::Text(_) => Ok(()),
        }
    }

    /// After the sessions: the clock offset (text) or the capture-wide findings (JSON Lines).
    ///
    /// # Errors
    /// Writing failed.
    pub fn start(&mut self, clock: ClockOffset, capture_findings: &[Finding]) -> io::Result<()> {
        self.clock = clock;
        match &mut self.sink {
            Sink::Json(out) => {
                for finding in capture_findings {
                    line(out, FindingJson::of(finding, &FileNames::default()))?;
                }
            }
            Sink::Text(text) if clock.anchors > 0 => writeln!(
                text.out(),
                "{}\n",
                crate::msg!(
                    "diff-clocks",
                    seconds = format!("{:+.3}", clock.seconds),
                    pairs = L::N_SESSION_PAIRS.of(clock.anchors as u64)
                )
            )?,
            Sink::Text(_) => {}
        }
        Ok(())
    }

    /// Pair number `n` (from 1) of sessions `a` and `b` (`None`: not at hand, written `null`).
    ///
    /// # Errors
    /// Writing failed.
    pub fn pair(
        &mut self,
        n: usize,
        pair: &Pair,
        a: Option<&Session>,
        b: Option<&Session>,
    ) -> io::Result<()> {
        self.pairs = self.pairs.saturating_add(1);
        self.divergences = self.divergences.saturating_add(pair.divergences.len());
        match &mut self.sink {
            Sink::Json(out) => {
                match (a, b) {
                    (Some(a), Some(b)) => line(
                        out,
                        PairJson {
                            clock: self.clock,
                            pair,
                            sessions: (a, b),
                        },
                    )?,
                    _ => writeln!(out, "null")?,
                }
                for finding in &pair.findings {
                    line(out, FindingJson::of(finding, &FileNames::default()))?;
                }
                Ok(())
            }
            Sink::Text(text) => match (a, b) {
                (Some(a), Some(b)) => write_pair(text, n, pair, (a, b)),
                _ => Ok(()),
            },
        }
    }

    /// The sessions with no partner (text), the capture-wide findings (text), and the summary.
    ///
    /// # Errors
    /// Writing failed.
    pub fn finish(self, end: &Ending<'_>) -> io::Result<()> {
        let (clock, pairs, divergences) = (self.clock, self.pairs, self.divergences);
        match self.sink {
            Sink::Json(mut out) => {
                line(
                    &mut out,
                    DiffSummaryJson {
                        end,
                        pairs,
                        divergences,
                        clock,
                    },
                )?;
                out.flush()
            }
            Sink::Text(mut text) => {
                write_text_end(&mut text, end, pairs)?;
                text.flush()?;
                text.out().flush()
            }
        }
    }
}

/// A session of one side: its `session` object with `side` last.
struct SidedSession<'a>(SessionJson<'a>, Side);

impl Fields for SidedSession<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        self.0.fields(m)?;
        m.serialize_entry("side", self.1.name())
    }
}

/// One row of a pair's alignment.
struct RowJson<'a> {
    pair: (&'a Dialogue, &'a Dialogue),
    row: &'a Row,
}

impl Fields for RowJson<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let frame =
            |d: &Dialogue, i: Option<usize>| i.and_then(|i| d.transcript.get(i)).map(|item| item.at.frame);
        m.serialize_entry("status", self.row.status().name())?;
        m.serialize_entry("sender_frame", &frame(self.pair.0, self.row.sender))?;
        m.serialize_entry("receiver_frame", &frame(self.pair.1, self.row.receiver))
    }
}

/// A `pair` object.
struct PairJson<'a> {
    clock: ClockOffset,
    pair: &'a Pair,
    sessions: (&'a Session, &'a Session),
}

impl Fields for PairJson<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let (pair, (a, b)) = (self.pair, self.sessions);
        let dialogues = (&a.dialogue, &b.dialogue);
        m.serialize_entry("type", "pair")?;
        m.serialize_entry("sender_session", &json::id(a))?;
        m.serialize_entry("receiver_session", &json::id(b))?;
        m.serialize_entry("match", &pair.matched.kind)?;
        m.serialize_entry("confidence", &pair.matched.confidence)?;
        m.serialize_entry("clock_offset_s", &self.clock.seconds)?;
        m.serialize_entry("added_latency", &pair.latency)?;
        m.serialize_entry("divergences", &pair.divergences)?;
        let rows = pair
            .rows
            .iter()
            .map(|row| Object(RowJson { pair: dialogues, row }));
        m.serialize_entry("alignment", &List(rows))?;
        m.serialize_entry("alignment_truncated", &pair.rows_truncated)
    }
}

/// The run summary with the pairing: pairs, sessions without a partner, the clock offset.
struct DiffSummaryJson<'a> {
    end: &'a Ending<'a>,
    pairs: usize,
    divergences: usize,
    clock: ClockOffset,
}

impl<'a> Fields for DiffSummaryJson<'a> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let ids = |sessions: &'a [&'a Session]| List(sessions.iter().map(|s| json::id(s)));
        SummaryJson(self.end.summary).fields(m)?;
        m.serialize_entry("pairs", &self.pairs)?;
        m.serialize_entry("sender_only", &ids(self.end.sender_only))?;
        m.serialize_entry("receiver_only", &ids(self.end.receiver_only))?;
        m.serialize_entry("divergences", &self.divergences)?;
        m.serialize_entry("clock_offset_s", &self.clock.seconds)?;
        m.serialize_entry("clock_anchors", &self.clock.anchors)
    }
}

/// A session's `session` line with `side`, then a line for each of its `findings` (the session's,
/// under their diff ids).
///
/// # Errors
/// Writing failed.
pub fn session_lines<W: Write>(
    out: &mut W,
    render: Render,
    side: Side,
    session: &Session,
    findings: &[Finding],
) -> io::Result<()> {
    line(out, SidedSession(SessionJson::new(session, render), side))?;
    for finding in findings {
        line(out, FindingJson::of(finding, &FileNames::default()))?;
    }
    Ok(())
}

/// Characters of each dialogue column in the side-by-side text.
const COLUMN: usize = 56;

/// The end of the text report: the sessions with no partner, the capture-wide findings, the
/// summary and the pairing counts.
fn write_text_end<W: Write>(text: &mut TextPrinter<W>, end: &Ending<'_>, pairs: usize) -> io::Result<()> {
    for (side, alone) in [
        (Side::Sender, end.sender_only),
        (Side::Receiver, end.receiver_only),
    ] {
        if alone.is_empty() {
            continue;
        }
        let heading = match side {
            Side::Sender => L::SENDER_ONLY,
            Side::Receiver => L::RECEIVER_ONLY,
        };
        let heading = text.paint(&heading.text(), Style::Heading);
        writeln!(text.out(), "{heading}")?;
        for session in alone {
            writeln!(
                text.out(),
                "  {}  {} → {}  {}  {}",
                side_id(side, session),
                session.info.client,
                session.info.server,
                session.info.start,
                session_gist(session)
            )?;
            side_findings(text, side, session)?;
        }
        writeln!(text.out())?;
    }
    for finding in end.capture_findings {
        text.finding(finding, &FileNames::default())?;
        writeln!(text.out())?;
    }
    text.summary(end.summary)?;
    let pairs = format!(
        "  {} {}",
        pad(&format!("{}:", L::DIFF_PAIRS), 9),
        crate::msg!(
            "diff-pairs",
            matched = pairs,
            sender = end.sender_only.len(),
            receiver = end.receiver_only.len()
        )
    );
    writeln!(text.out(), "{pairs}")
}

/// `EHLO ex1.contoso.com, MAIL <alice@…>, 1 message`: what a session was about, in a few words.
fn session_gist(session: &Session) -> String {
    let d = &session.dialogue;
    let mut parts = Vec::new();
    if let Some(helo) = &d.helo {
        parts.push(format!("{} {}", helo.verb, helo.name));
    }
    if let Some(from) = d
        .transactions
        .iter()
        .find_map(|t| t.mail_from.as_ref().and_then(|m| m.path.as_ref()))
    {
        parts.push(format!("MAIL <{}>", from.addr));
    }
    parts.push(L::N_ITEMS.of(d.transcript.len() as u64));
    parts.join(", ")
}

fn side_findings<W: Write>(text: &mut TextPrinter<W>, side: Side, session: &Session) -> io::Result<()> {
    for f in &session.findings {
        let head = text.paint(
            &format!("{} {}", f.severity.name().to_ascii_uppercase(), f.id),
            severity_style(f.severity),
        );
        writeln!(
            text.out(),
            "    {} {head} {}",
            side_id(side, session),
            clip(&f.summary.to_string(), 140)
        )?;
    }
    Ok(())
}

/// One side of a dialogue row: the frame and the item as `analyze` shows it, on one line.
fn cell<W: Write>(text: &TextPrinter<W>, session: &Session, index: Option<usize>) -> String {
    let Some(item) = index.and_then(|i| session.dialogue.transcript.get(i)) else {
        return String::new();
    };
    let lines = text.item_lines(&session.dialogue, item);
    let mut line = lines.first().cloned().unwrap_or_default();
    if lines.len() > 1 {
        line = format!(
            "{line}  (+{})",
            L::N_MORE_LINES.of(lines.len().saturating_sub(1) as u64)
        );
    }
    format!(
        "{:>6}  {} {}",
        item.at.frame,
        speaker(item.dir),
        clip(&line, COLUMN.saturating_sub(5))
    )
}

fn write_pair<W: Write>(
    text: &mut TextPrinter<W>,
    n: usize,
    pair: &Pair,
    (a, b): (&Session, &Session),
) -> io::Result<()> {
    let m = pair.matched;
    let title = crate::msg!(
        "diff-pair-title",
        n = n,
        sender = side_id(Side::Sender, a),
        receiver = side_id(Side::Receiver, b),
        kind = m.kind.name(),
        confidence = format!("{:.2}", m.confidence)
    )
    .to_string();
    let title = text.paint(&title, Style::Heading);
    writeln!(text.out(), "{title}")?;
    for (label, s) in [(L::SENDER, a), (L::RECEIVER, b)] {
        let file = text.paint(&s.file, Style::Dim);
        writeln!(
            text.out(),
            "  {}  {} → {}  {}  {file}",
            pad(&label.text(), 8),
            s.info.client,
            s.info.server,
            s.info.start
        )?;
    }
    if let Some(latency) = pair.latency {
        writeln!(
            text.out(),
            "  {}  {}",
            pad(&L::DIFF_PATH.text(), 8),
            crate::msg!(
                "diff-path-latency",
                median = format!("{:.1}", latency.median_ms),
                samples = latency.samples,
                max = format!("{:.1}", latency.max_ms)
            )
        )?;
    }
    let frame = L::DIFF_FRAME.text();
    let heading = format!(
        "  {}   {:>6}  {}",
        pad(&format!("{frame:>6}  {}", L::SENDER), COLUMN.saturating_add(8)),
        frame,
        L::RECEIVER
    );
    let heading = text.paint(&heading, Style::Dim);
    writeln!(text.out(), "  {}\n{heading}", L::TEXT_DIALOGUE)?;
    for row in &pair.rows {
        let (left, right) = (cell(text, a, row.sender), cell(text, b, row.receiver));
        let (mark, style) = match row.status() {
            RowStatus::Same => (" ", Style::Dim),
            RowStatus::Altered => ("≠", Style::Bad),
            RowStatus::SenderOnly => ("<", Style::Bad),
            RowStatus::ReceiverOnly => (">", Style::Warn),
        };
        let padded = pad(&left, COLUMN.saturating_add(8));
        let line = format!("  {padded} {mark} {right}");
        let line = if row.same { line } else { text.paint(&line, style) };
        writeln!(text.out(), "{line}")?;
    }
    if pair.rows_truncated {
        writeln!(text.out(), "  … {}", L::DIFF_REST_NOT_COMPARED)?;
    }
    if !pair.divergences.is_empty() {
        writeln!(text.out(), "  {}", L::DIFF_DIFFERENCES)?;
        for d in &pair.divergences {
            writeln!(text.out(), "    {:<16} {}", d.kind.name(), d.detail)?;
        }
    }
    for finding in &pair.findings {
        text.finding(finding, &FileNames::default())?;
    }
    if !a.findings.is_empty() || !b.findings.is_empty() {
        writeln!(text.out(), "  {}", L::DIFF_EACH_END)?;
        side_findings(text, Side::Sender, a)?;
        side_findings(text, Side::Receiver, b)?;
    }
    writeln!(text.out())
}
