//! Rendering a `diff` run: the two captures' sessions, each pair side by side, and the summary.
//!
//! Owns the layout of `smtpscope diff` in text (pairs with their dialogues aligned in two columns,
//! the differences, the `verb-dropped` findings in full and each side's own findings in one line,
//! then the sessions with no partner) and in JSON Lines (`session` objects with `side`, their
//! findings with `session` `A:id`/`B:id`, `pair` objects, the pairs' findings with
//! `A:id|B:id`, and a `summary` with the pairing counts and the clock offset).
//! Must not: compare anything (that is [`crate::diff`]).

use std::io::{self, Write};

use serde::ser::SerializeMap;

use super::json::{self, line, Fields, FindingJson, List, Object, SessionJson, SummaryJson};
use super::labels as L;
use super::text::{clip, pad, severity_style, speaker, Style, TextPrinter};
use super::{OutputFormat, Printer, Render};
use crate::capture::set::FileNames;
use crate::diff::{side_id, DiffReport, Pair, Row, RowStatus, Side};
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
    let mut out = io::BufWriter::with_capacity(64 * 1024, out);
    match format {
        // `app::diff` refuses ECS before decoding; JSON Lines is the nearest should it come here.
        OutputFormat::Json | OutputFormat::Ecs => write_json(&mut out, render, view)?,
        OutputFormat::Html => super::html::diff::write(&mut out, render, view)?,
        OutputFormat::Text => {
            let mut text = TextPrinter::new(&mut out, render);
            write_text(&mut text, view)?;
            text.flush()?;
        }
    }
    out.flush()
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
    view: &'a DiffView<'a>,
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
        m.serialize_entry("clock_offset_s", &self.view.report.clock.seconds)?;
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
struct DiffSummaryJson<'a>(&'a DiffView<'a>);

impl Fields for DiffSummaryJson<'_> {
    fn fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        let view = self.0;
        let report = view.report;
        SummaryJson(view.summary).fields(m)?;
        m.serialize_entry("pairs", &report.pairs.len())?;
        m.serialize_entry("sender_only", &ids(view, Side::Sender, &report.sender_only))?;
        m.serialize_entry("receiver_only", &ids(view, Side::Receiver, &report.receiver_only))?;
        let divergences: usize = report.pairs.iter().map(|p| p.divergences.len()).sum();
        m.serialize_entry("divergences", &divergences)?;
        m.serialize_entry("clock_offset_s", &report.clock.seconds)?;
        m.serialize_entry("clock_anchors", &report.clock.anchors)
    }
}

/// The ids of the sessions of `side` at `indexes`, as a JSON array.
fn ids<'a>(
    view: &'a DiffView<'a>,
    side: Side,
    indexes: &'a [usize],
) -> List<impl Iterator<Item = json::Text<u64>> + Clone + 'a> {
    List(
        indexes
            .iter()
            .filter_map(move |i| view.session(side, *i))
            .map(json::id),
    )
}

fn write_json(out: &mut impl Write, render: Render, view: &DiffView<'_>) -> io::Result<()> {
    for (side, sessions) in [(Side::Sender, view.sender), (Side::Receiver, view.receiver)] {
        for session in sessions {
            line(out, SidedSession(SessionJson::new(session, render), side))?;
            for finding in &session.findings {
                line(out, FindingJson::of(finding, &FileNames::default()))?;
            }
        }
    }
    for finding in view.capture_findings {
        line(out, FindingJson::of(finding, &FileNames::default()))?;
    }
    for pair in &view.report.pairs {
        let m = pair.matched;
        match (view.sender.get(m.sender), view.receiver.get(m.receiver)) {
            (Some(a), Some(b)) => line(
                out,
                PairJson {
                    view,
                    pair,
                    sessions: (a, b),
                },
            )?,
            _ => writeln!(out, "null")?,
        }
        for finding in &pair.findings {
            line(out, FindingJson::of(finding, &FileNames::default()))?;
        }
    }
    line(out, DiffSummaryJson(view))
}

/// Characters of each dialogue column in the side-by-side text.
const COLUMN: usize = 56;

fn write_text<W: Write>(text: &mut TextPrinter<W>, view: &DiffView<'_>) -> io::Result<()> {
    let clock = view.report.clock;
    if clock.anchors > 0 {
        writeln!(
            text.out(),
            "{}\n",
            crate::msg!(
                "diff-clocks",
                seconds = format!("{:+.3}", clock.seconds),
                pairs = L::N_SESSION_PAIRS.of(clock.anchors as u64)
            )
        )?;
    }
    for (n, pair) in view.report.pairs.iter().enumerate() {
        write_pair(text, view, n.saturating_add(1), pair)?;
    }
    for (side, indexes) in [
        (Side::Sender, &view.report.sender_only),
        (Side::Receiver, &view.report.receiver_only),
    ] {
        let alone: Vec<&Session> = indexes.iter().filter_map(|i| view.session(side, *i)).collect();
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
    for finding in view.capture_findings {
        text.finding(finding, &FileNames::default())?;
        writeln!(text.out())?;
    }
    text.summary(view.summary)?;
    let pairs = format!(
        "  {} {}",
        pad(&format!("{}:", L::DIFF_PAIRS), 9),
        crate::msg!(
            "diff-pairs",
            matched = view.report.pairs.len(),
            sender = view.report.sender_only.len(),
            receiver = view.report.receiver_only.len()
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
    view: &DiffView<'_>,
    n: usize,
    pair: &Pair,
) -> io::Result<()> {
    let m = pair.matched;
    let (Some(a), Some(b)) = (view.sender.get(m.sender), view.receiver.get(m.receiver)) else {
        return Ok(());
    };
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
