//! The commands and their drivers: the only module that knows every stage.
//!
//! Owns what each command does with the stages — packet source → [`crate::net::Decoder`] →
//! [`crate::reasm::Reassembler`] → [`crate::smtp::SmtpDecoder`] → rules → session records →
//! [`output::Printer`] — and, below it, the engines that run them on one capture:
//! - [`pipeline`]: every stage on the calling thread (`--threads 1`), and the order in which sessions
//!   are reported, which every engine keeps;
//! - [`parallel`]: one reader, N workers owning connections by flow hash, one ordered output;
//! - `live` (with the `live` feature): the wall-clock driver of `smtpscope live`.
//!
//! `analyze`, `live` and `diff` differ only in the packet sources and in what becomes of the
//! sessions. Also owns per-input error reporting and the run summary. Must not: parse protocol
//! bytes or format output itself.

#[cfg(feature = "live")]
mod live;
pub mod parallel;
pub mod pipeline;

use std::io::{self, Write};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::capture;
use crate::cli::config::{AnalyzeConfig, DiffConfig, LiveConfig, ReportConfig};
use crate::diff::{self, Side};
use crate::output::{self, Printer};
use crate::rules::{self, Severity};
use crate::session::{RunSummary, Session};

pub use parallel::Parallel;
pub use pipeline::{Engine, Pipeline};

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

/// The engine for one capture: parallel when `--threads` asks for more than one and the printer
/// can render sessions on other threads (`latency` bounds how long a live run's packets wait in
/// a batch); serial otherwise.
pub fn engine(
    config: &ReportConfig,
    file: Arc<str>,
    first_id: u64,
    printer: &dyn Printer,
    latency: Option<Duration>,
) -> Box<dyn Engine> {
    if config.threads > 1 {
        if let Some(renderer) = printer.renderer() {
            let parallel = Parallel::new(config, file.clone(), first_id, renderer, latency);
            if parallel.started() {
                return Box::new(parallel);
            }
        }
    }
    Box::new(Pipeline::new(config, file, first_id))
}

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
        let mut engine = engine(&config.report, name.clone(), next_id, printer.as_ref(), None);
        let result = pipeline::run(engine.as_mut(), source.as_mut(), printer.as_mut());
        engine.finish(printer.as_mut())?;
        next_id = engine.next_id();
        engine.add_to(&mut summary, source.stats());
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
    live::run(config, out, err)
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
    let [sender, receiver] = decode_both(config);
    for (side, mut decoded) in [(Side::Sender, sender), (Side::Receiver, receiver)] {
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

/// Decodes the sender's and the receiver's captures, side by side on two threads unless
/// `--threads 1`.
fn decode_both(config: &DiffConfig) -> [CaptureSessions; 2] {
    let report = &config.report;
    if report.threads <= 1 {
        return [
            sessions_of(&config.sender, report),
            sessions_of(&config.receiver, report),
        ];
    }
    std::thread::scope(|scope| {
        let receiver =
            std::thread::Builder::new().spawn_scoped(scope, || sessions_of(&config.receiver, report));
        let sender = sessions_of(&config.sender, report);
        let receiver = match receiver {
            Ok(thread) => thread.join().unwrap_or_else(|_| CaptureSessions {
                error: Some("the receiver's capture could not be decoded (its thread stopped)".into()),
                ..CaptureSessions::default()
            }),
            // No second thread: decode it here.
            Err(_) => sessions_of(&config.receiver, report),
        };
        [sender, receiver]
    })
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

/// Runs `smtpscope explain CODE`: what a reply code means, and the findings it raises.
///
/// # Errors
/// Writing failed. A code no table knows is reported on `err` with [`Outcome::InputError`] (exit 2).
pub fn explain(code: &str, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Outcome> {
    let Some(found) = crate::codes::lookup(code) else {
        writeln!(
            err,
            "smtpscope: `{code}` is not an SMTP reply code (expected e.g. 452, 5.7.3 or \"550 5.7.1\")"
        )?;
        return Ok(Outcome::InputError);
    };
    let basic_code = found.basic.and_then(|b| b.code.parse::<u16>().ok());
    let class_code = found
        .enhanced_code
        .as_deref()
        .and_then(|e| e.get(..1))
        .map(|class| {
            if class == "4" {
                451
            } else if class == "5" {
                550
            } else {
                250
            }
        });
    // Codes, not texts: the findings a bare reply of this code raises.
    let findings = basic_code.or(class_code).map_or_else(Vec::new, |reply_code| {
        rules::refusal::findings_for(reply_code, found.enhanced_code.as_deref(), "")
    });
    out.write_all(output::catalogue::explain_code(&found, &findings).as_bytes())?;
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
    let read = pipeline::run(&mut pipeline, source.as_mut(), &mut collected);
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

    fn flows(&mut self, _: &[crate::flow::Flow]) -> io::Result<()> {
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
