//! The pipeline driver: the only module that knows every stage.
//!
//! Owns the main loop (packet source → [`net::Decoder`] → [`reasm::Reassembler`] →
//! [`smtp::SmtpDecoder`] → session records →
//! [`output::Printer`]), the capture-time-driven idle flush, per-input error reporting, and the run
//! summary. `analyze` and (later) `live` differ only in the packet source handed to [`Pipeline`].
//! Must not: parse protocol bytes or format output itself.

use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::Arc;
use std::time::Instant;

use crate::capture::{self, PacketSource, Timestamp};
use crate::cli::config::{AnalyzeConfig, ReportConfig};
use crate::net::{Decoder, PortSet, Skip};
use crate::output::{self, Printer};
use crate::reasm::counter::ConnectionCounter;
use crate::reasm::{ConnId, ConnInfo, EventKind, Reassembler, StreamEvent, StreamSink};
use crate::session::{RunSummary, Session};
use crate::smtp::SmtpDecoder;

/// How a run ended, for the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Everything was read and reported.
    Done,
    /// At least one input could not be read completely (reported on stderr; results still printed).
    InputError,
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
        let mut pipeline = Pipeline::new(&config.report, name, next_id);
        let result = pipeline.run(source.as_mut(), printer.as_mut());
        next_id = pipeline.next_id();
        pipeline.finish(printer.as_mut())?;
        pipeline.add_to(&mut summary, source.stats());
        if let Err(e) = result? {
            report_input_error(err, &mut summary, &e.to_string())?;
        }
    }
    summary.elapsed_s = started.elapsed().as_secs_f64();
    printer.summary(&summary)?;
    printer.flush()?;
    Ok(if summary.input_errors.is_empty() {
        Outcome::Done
    } else {
        Outcome::InputError
    })
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
            tracker: SessionTracker::new(file),
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

    /// Prints the sessions that have ended since the last call.
    pub fn print_finished(&mut self, printer: &mut dyn Printer) -> io::Result<()> {
        for session in self.tracker.finished.drain(..) {
            self.local.sessions = self.local.sessions.saturating_add(1);
            printer.session(&session)?;
        }
        Ok(())
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
        self.print_finished(printer)
    }

    /// Adds this capture's counters (and the source's) to the run summary.
    pub fn add_to(&self, summary: &mut RunSummary, source: &capture::CaptureStats) {
        summary.packets = summary.packets.saturating_add(source.packets);
        summary.bytes = summary.bytes.saturating_add(source.bytes);
        summary.sessions = summary.sessions.saturating_add(self.local.sessions);
        summary.tcp_connections = summary.tcp_connections.saturating_add(self.connections.count());
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
    open: HashMap<ConnId, (ConnInfo, SmtpDecoder)>,
    finished: Vec<Session>,
}

impl SessionTracker {
    fn new(file: Arc<str>) -> Self {
        SessionTracker {
            file,
            open: HashMap::new(),
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
                    self.finished.push(Session {
                        file: self.file.clone(),
                        info,
                        summary,
                        dialogue,
                    });
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
