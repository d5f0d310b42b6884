//! The pipeline driver: the only module that knows every stage.
//!
//! Owns the main loop (packet source → [`net::Decoder`] → [`reasm::Reassembler`] →
//! [`smtp::SmtpDecoder`] → session records →
//! [`output::Printer`]), the capture-time-driven idle flush, per-input error reporting, and the run
//! summary. `analyze` and (later) `live` differ only in the packet source handed to [`Pipeline`].
//! Must not: parse protocol bytes or format output itself.

use std::io::{self, Write};
use std::sync::Arc;
use std::time::Instant;

use crate::capture::{self, PacketSource, Timestamp};
use crate::cli::config::{AnalyzeConfig, DiffConfig, LiveConfig, ReportConfig};
use crate::diff::{self, Side};
use crate::net::{Decoder, FlowMap, PortSet, Skip};
use crate::output::{self, Printer};
use crate::reasm::counter::ConnectionCounter;
use crate::reasm::{ConnId, ConnInfo, EventKind, Reassembler, StreamEvent, StreamSink};
use crate::rules::{self, RuleContext, Selection, Severity};
use crate::session::{RunSummary, Session};
use crate::smtp::SmtpDecoder;

/// How a run ended, for the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Everything was read and reported.
    Done,
    /// At least one input could not be read completely (reported on stderr; results still printed).
    InputError,
    /// Everything was read, and a finding at or above `--fail-on` was reported.
    ThresholdReached,
}

impl Outcome {
    /// The outcome of a run that read every input, given its findings and `--fail-on`.
    pub(crate) fn of_run(summary: &RunSummary, fail_on: Option<Severity>) -> Outcome {
        if !summary.input_errors.is_empty() {
            Outcome::InputError
        } else if fail_on.is_some_and(|threshold| summary.findings.worst().is_some_and(|w| w >= threshold)) {
            Outcome::ThresholdReached
        } else {
            Outcome::Done
        }
    }
}

/// Capture seconds between two idle-flush passes.
const IDLE_FLUSH_INTERVAL_SECS: u64 = 1;

/// Runs `smtpscope analyze`: every input in order, then the summary.
///
/// # Errors
/// Only an error writing the report (a closed pipe included); unreadable inputs are reported on
/// `err` and reflected in the [`Outcome`].
pub fn analyze(config: &AnalyzeConfig, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Outcome> {
    let started = Instant::now();
    let mut printer = output::printer(config.report.format, config.report.render, out);
    let mut summary = RunSummary::default();
    let mut next_id = 1;
    for input in &config.inputs {
        summary.files = summary.files.saturating_add(1);
        let name: Arc<str> = input.display_name().into();
        let mut source = match capture::file::open(input) {
            Ok(source) => source,
            Err(e) => {
                report_input_error(err, &mut summary, &e.to_string())?;
                continue;
            }
        };
        let mut pipeline = Pipeline::new(&config.report, name.clone(), next_id);
        let result = pipeline.run(source.as_mut(), printer.as_mut());
        next_id = pipeline.next_id();
        pipeline.finish(printer.as_mut())?;
        pipeline.add_to(&mut summary, source.stats());
        report_capture_drops(
            &config.report,
            &name,
            source.stats(),
            &mut summary,
            printer.as_mut(),
        )?;
        if let Err(e) = result? {
            report_input_error(err, &mut summary, &e.to_string())?;
        }
    }
    summary.elapsed_s = started.elapsed().as_secs_f64();
    printer.summary(&summary)?;
    printer.flush()?;
    Ok(Outcome::of_run(&summary, config.report.fail_on))
}

/// Runs `smtpscope live`: the same pipeline as [`analyze`], fed from an interface.
///
/// # Errors
/// Only an error writing the report or the `--write` file.
#[cfg(feature = "live")]
pub fn live(config: &LiveConfig, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Outcome> {
    crate::live::run(config, out, err)
}

/// Without the `live` feature: says how to get it.
///
/// # Errors
/// Writing the message failed.
#[cfg(not(feature = "live"))]
pub fn live(_: &LiveConfig, _: &mut dyn Write, err: &mut dyn Write) -> io::Result<Outcome> {
    writeln!(
        err,
        "smtpscope: this smtpscope was built without live capture; rebuild it with \
         `cargo build --release --features live` (needs libpcap-dev, or the Npcap SDK on Windows)"
    )?;
    Ok(Outcome::InputError)
}

/// Runs `smtpscope diff SENDER RECEIVER`: decodes both captures, pairs and compares their sessions,
/// and prints the comparison.
///
/// # Errors
/// Only an error writing the report; unreadable captures are reported on `err` (what was read of
/// them is still compared) and give [`Outcome::InputError`].
pub fn diff(config: &DiffConfig, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Outcome> {
    let started = Instant::now();
    let mut summary = RunSummary::default();
    let mut capture_findings = Vec::new();
    let mut sides = Vec::with_capacity(2);
    for (side, input) in [(Side::Sender, &config.sender), (Side::Receiver, &config.receiver)] {
        let mut decoded = sessions_of(input, &config.report);
        if let Some(e) = decoded.error.take() {
            report_input_error(err, &mut summary, &e)?;
        }
        // Findings are tallied again under their diff ids (A:1, B:1), not their capture ids.
        decoded.summary.findings = rules::FindingTally::default();
        for session in &mut decoded.sessions {
            let id = diff::side_id(side, session);
            for finding in &mut session.findings {
                finding.session = Some(id.clone());
                decoded.summary.findings.add(finding);
            }
        }
        for finding in &decoded.summary.capture_findings {
            decoded.summary.findings.add(finding);
        }
        summary.merge(&decoded.summary);
        capture_findings.append(&mut decoded.summary.capture_findings);
        sides.push(decoded.sessions);
    }
    let receiver = sides.pop().unwrap_or_default();
    let sender = sides.pop().unwrap_or_default();
    let mut report = diff::compare(&sender, &receiver);
    for pair in &mut report.pairs {
        pair.findings.retain(|f| config.report.selection.shows(f));
        for finding in &pair.findings {
            summary.findings.add(finding);
        }
    }
    summary.elapsed_s = started.elapsed().as_secs_f64();
    let view = output::diff::DiffView {
        sender: &sender,
        receiver: &receiver,
        capture_findings: &capture_findings,
        report: &report,
        summary: &summary,
    };
    output::diff::write(config.report.format, config.report.render, out, &view)?;
    Ok(Outcome::of_run(&summary, config.report.fail_on))
}

/// Runs `smtpscope rules [ID]`: the catalogue, or one entry explained in full.
///
/// # Errors
/// Writing failed.
pub fn rules(id: Option<&str>, out: &mut dyn Write) -> io::Result<Outcome> {
    let text = match id.and_then(rules::rule) {
        Some(info) => output::catalogue::explain(info),
        None => output::catalogue::list(),
    };
    out.write_all(text.as_bytes())?;
    Ok(Outcome::Done)
}

/// Reports `capture-drops` for a capture whose host said it dropped packets.
pub fn report_capture_drops(
    config: &ReportConfig,
    source_name: &str,
    stats: &capture::CaptureStats,
    summary: &mut RunSummary,
    printer: &mut dyn Printer,
) -> io::Result<()> {
    let dropped = stats.dropped_by_capture.unwrap_or(0);
    if let Some(finding) = rules::capture_drops(source_name, dropped) {
        if config.selection.shows(&finding) {
            printer.capture_finding(&finding)?;
            summary.findings.add(&finding);
            summary.capture_findings.push(finding);
        }
    }
    Ok(())
}

/// One capture decoded into records: its sessions with their findings, its counters, and the error
/// that stopped the reading early, if one did (the sessions found before it are kept).
#[derive(Debug, Default)]
pub struct CaptureSessions {
    /// Every session, in the order they ended.
    pub sessions: Vec<Session>,
    /// The capture's counters, findings tally and capture-wide findings.
    pub summary: RunSummary,
    /// Why the capture could not be read completely, as one sentence.
    pub error: Option<String>,
}

/// Decodes one capture file into records (no printing): the entry point of `diff`, and of tests
/// and tools that want the sessions rather than a report.
pub fn sessions_of(input: &capture::Input, config: &ReportConfig) -> CaptureSessions {
    let name: Arc<str> = input.display_name().into();
    let mut result = CaptureSessions::default();
    result.summary.files = 1;
    let mut source = match capture::file::open(input) {
        Ok(source) => source,
        Err(e) => {
            result.error = Some(e.to_string());
            return result;
        }
    };
    let mut pipeline = Pipeline::new(config, name.clone(), 1);
    let mut collected = Collect(Vec::new());
    let read = pipeline.run(source.as_mut(), &mut collected);
    // Collecting cannot fail: only printers that write can.
    let _ = pipeline.finish(&mut collected);
    pipeline.add_to(&mut result.summary, source.stats());
    let _ = report_capture_drops(config, &name, source.stats(), &mut result.summary, &mut collected);
    result.error = match read {
        Ok(Ok(())) => None,
        Ok(Err(e)) => Some(e.to_string()),
        Err(e) => Some(e.to_string()),
    };
    result.sessions = collected.0;
    result
}

/// A printer that keeps the sessions instead of printing them.
struct Collect(Vec<Session>);

impl Printer for Collect {
    fn session(&mut self, session: &Session) -> io::Result<()> {
        self.0.push(session.clone());
        Ok(())
    }

    fn capture_finding(&mut self, _: &rules::Finding) -> io::Result<()> {
        Ok(())
    }

    fn summary(&mut self, _: &RunSummary) -> io::Result<()> {
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn report_input_error(err: &mut dyn Write, summary: &mut RunSummary, sentence: &str) -> io::Result<()> {
    writeln!(err, "smtpscope: {sentence}")?;
    summary.input_errors.push(sentence.to_string());
    Ok(())
}

/// One capture's worth of decoding state: every stage after packet input.
pub struct Pipeline {
    ports: PortSet,
    decoder: Decoder,
    reassembler: Reassembler,
    connections: ConnectionCounter,
    tracker: SessionTracker,
    local: RunSummary,
    last_idle_flush: Option<Timestamp>,
}

impl Pipeline {
    /// A pipeline for one capture named `file`, numbering sessions from `first_id`.
    pub fn new(config: &ReportConfig, file: Arc<str>, first_id: u64) -> Self {
        Pipeline {
            ports: config.ports.clone(),
            decoder: Decoder::new(),
            reassembler: Reassembler::with_first_id(config.limits, config.ports.clone(), ConnId(first_id)),
            connections: ConnectionCounter::new(),
            tracker: SessionTracker::new(file, config.rule_context.clone(), config.selection.clone()),
            local: RunSummary::default(),
            last_idle_flush: None,
        }
    }

    /// The id the next session would get (to keep ids unique across inputs).
    pub fn next_id(&self) -> u64 {
        self.reassembler.next_id().0
    }

    /// Reads `source` to its end, printing each session as it ends.
    ///
    /// The outer `Result` is a failure to write the report; the inner one is the source's own
    /// error, after which everything read so far is still reported by [`Pipeline::finish`].
    pub fn run(
        &mut self,
        source: &mut dyn PacketSource,
        printer: &mut dyn Printer,
    ) -> io::Result<Result<(), capture::CaptureError>> {
        loop {
            match source.next_packet() {
                Ok(Some(packet)) => self.on_packet(&packet),
                Ok(None) => return Ok(Ok(())),
                Err(e) => return Ok(Err(e)),
            }
            self.print_finished(printer)?;
        }
    }

    /// Decodes one packet and feeds the reassembler.
    pub fn on_packet(&mut self, packet: &capture::Packet<'_>) {
        self.idle_flush(packet.ts);
        self.count_expired_fragments();
        let segment = match self.decoder.decode(packet) {
            Ok(segment) => segment,
            Err(skip) => {
                self.local.skip(skip.name(), 1);
                return;
            }
        };
        self.connections.observe(&segment);
        if !self.ports.contains(segment.src.port()) && !self.ports.contains(segment.dst.port()) {
            self.local.skip("other_ports", 1);
            return;
        }
        self.reassembler.push(&segment, &mut self.tracker);
    }

    /// Lets time pass without a packet (live capture): ends connections idle past the timeout.
    pub fn tick(&mut self, now: Timestamp) {
        self.reassembler.flush_idle(now, &mut self.tracker);
        self.last_idle_flush = Some(now);
    }

    fn idle_flush(&mut self, now: Timestamp) {
        let due = match self.last_idle_flush {
            None => true,
            Some(last) => now >= last.plus_secs(IDLE_FLUSH_INTERVAL_SECS) || now < last,
        };
        if due {
            self.reassembler.flush_idle(now, &mut self.tracker);
            self.last_idle_flush = Some(now);
        }
    }

    /// Prints the sessions that have ended since the last call, and says how many.
    pub fn print_finished(&mut self, printer: &mut dyn Printer) -> io::Result<usize> {
        let mut printed = 0usize;
        for session in self.tracker.finished.drain(..) {
            self.local.sessions = self.local.sessions.saturating_add(1);
            for finding in &session.findings {
                self.local.findings.add(finding);
            }
            printer.session(&session)?;
            printed = printed.saturating_add(1);
        }
        Ok(printed)
    }

    fn count_expired_fragments(&mut self) {
        let expired = self.decoder.take_expired_fragments();
        if expired > 0 {
            self.local.skip(Skip::FragmentDropped.name(), expired);
        }
    }

    /// Ends every open connection and prints the remaining sessions.
    pub fn finish(&mut self, printer: &mut dyn Printer) -> io::Result<()> {
        self.count_expired_fragments();
        self.reassembler.finish(&mut self.tracker);
        self.print_finished(printer).map(drop)
    }

    /// Adds this capture's counters (and the source's) to the run summary.
    pub fn add_to(&self, summary: &mut RunSummary, source: &capture::CaptureStats) {
        summary.packets = summary.packets.saturating_add(source.packets);
        summary.bytes = summary.bytes.saturating_add(source.bytes);
        summary.sessions = summary.sessions.saturating_add(self.local.sessions);
        summary.tcp_connections = summary.tcp_connections.saturating_add(self.connections.count());
        summary.findings.merge(&self.local.findings);
        for (reason, n) in source.skipped.iter().chain(self.local.skipped.iter()) {
            summary.skip(reason, *n);
        }
        if let Some(drops) = source.dropped_by_capture {
            summary.capture_drops = Some(summary.capture_drops.unwrap_or(0).saturating_add(drops));
        }
    }
}

/// Feeds each connection's stream events to its SMTP decoder and turns each ended connection into
/// a [`Session`].
struct SessionTracker {
    file: Arc<str>,
    rule_context: RuleContext,
    selection: Selection,
    open: FlowMap<ConnId, (ConnInfo, SmtpDecoder)>,
    finished: Vec<Session>,
}

impl SessionTracker {
    fn new(file: Arc<str>, rule_context: RuleContext, selection: Selection) -> Self {
        SessionTracker {
            file,
            rule_context,
            selection,
            open: FlowMap::default(),
            finished: Vec::new(),
        }
    }
}

impl StreamSink for SessionTracker {
    fn on_event(&mut self, event: StreamEvent<'_>) {
        match event.kind {
            EventKind::Open(info) => {
                let decoder = SmtpDecoder::new(&info);
                self.open.insert(event.conn, (info, decoder));
            }
            EventKind::Close(summary) => {
                if let Some((info, decoder)) = self.open.remove(&event.conn) {
                    let dialogue = decoder.finish(summary.cause);
                    let mut session = Session {
                        file: self.file.clone(),
                        info,
                        summary,
                        dialogue,
                        findings: Vec::new(),
                    };
                    let mut findings = rules::evaluate(&session, &self.rule_context);
                    findings.retain(|f| self.selection.shows(f));
                    session.findings = findings;
                    self.finished.push(session);
                }
            }
            EventKind::Data(_) | EventKind::Gap { .. } | EventKind::Fin => {
                if let Some((_, decoder)) = self.open.get_mut(&event.conn) {
                    decoder.on_event(&event);
                }
            }
        }
    }
}
