//! The commands and their drivers: the only module that knows every stage.
//!
//! Owns what each command does with the stages — packet source → [`crate::net::Decoder`] →
//! [`crate::reasm::Reassembler`] → [`crate::classify`] and [`crate::smtp::SmtpDecoder`] → rules →
//! session records → [`output::Printer`] — and, below it, the engines that run them on one capture:
//! - [`pipeline`]: every stage on the calling thread (`--threads 1`), and the order in which sessions
//!   are reported, which every engine keeps;
//! - [`parallel`]: one reader, N workers owning connections by flow hash, one ordered output;
//! - `live` (with the `live` feature): the wall-clock driver of `smtpscope live`;
//! - [`compare`]: `smtpscope diff`, two passes over each capture so that memory does not follow
//!   their size.
//!
//! `analyze`, `live` and `diff` differ only in the packet sources and in what becomes of the
//! sessions. Also owns per-input error reporting, the TLS key material a run was given, and the run
//! summary. Must not: parse protocol bytes or format output itself.

pub mod compare;
#[cfg(feature = "live")]
mod live;
pub mod parallel;
pub mod pipeline;

use std::io::{self, Write};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::capture::set::{FileNames, MergedSource};
use crate::capture::{self, PacketSource};
use crate::cli::config::{AnalyzeConfig, DiffConfig, ExportConfig, LiveConfig, ReportConfig, TlsKeyFiles};
use crate::output::{self, Printer};
use crate::rules;
use crate::select::SessionFilter;
use crate::session::{RunSummary, Session};
use crate::tls::{self, KeyLog, TlsKeys};

pub use parallel::Parallel;
pub use pipeline::{Engine, Pipeline, TapFactory};

/// The engine for one capture made of `files`: parallel when `--threads` asks for more than one,
/// the printer can render sessions on other threads (text and JSON; not HTML or ECS), the
/// connection budget is the default one and no server RSA key was given (`latency` bounds how long
/// a live run's packets wait in a batch); serial otherwise. Both exceptions are state shared by
/// every connection in the order the packets came: a budget given with `--max-connections` is one
/// order of eviction over all of them, and a session decrypted with an RSA key teaches its master
/// secret to the later connections that resume it.
pub fn engine(
    config: &ReportConfig,
    files: Arc<FileNames>,
    first_id: u64,
    printer: &dyn Printer,
    latency: Option<Duration>,
    tls_keys: Option<Arc<TlsKeys>>,
) -> Box<dyn Engine> {
    let budget_given = config.limits.max_connections != crate::reasm::DEFAULT_MAX_CONNECTIONS;
    let rsa_keys = tls_keys.as_ref().is_some_and(|keys| !keys.rsa.is_empty());
    if config.threads > 1 && !budget_given && !rsa_keys {
        if let Some(renderer) = printer.renderer() {
            let parallel = Parallel::new(
                config,
                Arc::clone(&files),
                first_id,
                renderer,
                latency,
                tls_keys.clone(),
            );
            if parallel.started() {
                return Box::new(parallel);
            }
        }
    }
    Box::new(Pipeline::for_files(config, files, first_id).with_tls_keys(tls_keys))
}

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
    /// The outcome of a run that read every input, given its findings and `--fail-on`, which
    /// counts the findings `--severity` hid as well as those shown.
    pub(crate) fn of_run(summary: &RunSummary, config: &ReportConfig) -> Outcome {
        let worst = summary.findings.worst().max(config.selection.worst_hidden());
        if !summary.input_errors.is_empty() {
            Outcome::InputError
        } else if config
            .fail_on
            .is_some_and(|threshold| worst.is_some_and(|w| w >= threshold))
        {
            Outcome::ThresholdReached
        } else {
            Outcome::Done
        }
    }
}

/// Runs `smtpscope analyze`: the inputs (directories and wildcards expanded) as one capture merged
/// by time, or each alone with `--separately`, then the summary.
///
/// # Errors
/// Only an error writing the report (a closed pipe included); unreadable inputs are reported on
/// `err` and reflected in the [`Outcome`].
pub fn analyze(config: &AnalyzeConfig, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Outcome> {
    let started = Instant::now();
    let mut printer = output::printer(config.report.format, config.report.render, out);
    let mut summary = RunSummary::default();
    let tls_keys = load_tls_keys(&config.report.tls_keys, err, &mut summary)?;
    let (inputs, problems) = capture::set::expand(&config.inputs);
    for problem in problems {
        report_input_error(err, &mut summary, &problem)?;
    }
    if !frames_named(&config.report.filter, inputs.iter(), err)? {
        return Ok(Outcome::InputError);
    }
    summary.files = inputs.len() as u64;
    let mut run = CaptureRun {
        report: &config.report,
        printer: printer.as_mut(),
        summary: &mut summary,
        err,
        next_id: 1,
        tls_keys,
    };
    if config.separately || inputs.len() <= 1 {
        for input in &inputs {
            let name = input.display_name();
            match capture::file::open(input) {
                Ok(mut source) => run.capture(source.as_mut(), &name, FileNames::single(&name))?,
                Err(e) => run.input_error(&e.to_string())?,
            }
        }
    } else {
        match MergedSource::open(inputs) {
            Ok(mut merged) => {
                let name = merged.display_name();
                let files = merged.names().clone();
                run.capture(&mut merged, &name, files)?;
            }
            Err(sentence) => run.input_error(&sentence)?,
        }
    }
    summary.elapsed_s = started.elapsed().as_secs_f64();
    printer.summary(&summary)?;
    printer.flush()?;
    Ok(Outcome::of_run(&summary, &config.report))
}

/// What `analyze` carries from one capture to the next.
struct CaptureRun<'a> {
    report: &'a ReportConfig,
    printer: &'a mut dyn Printer,
    summary: &'a mut RunSummary,
    err: &'a mut dyn Write,
    /// The id the next session gets (unique over the run).
    next_id: u64,
    /// Key material to decrypt TLS with.
    tls_keys: Option<Arc<TlsKeys>>,
}

impl CaptureRun<'_> {
    /// Reads one capture (a file, or a merged set named `name`) to its end and reports it.
    fn capture(&mut self, source: &mut dyn PacketSource, name: &str, files: FileNames) -> io::Result<()> {
        let files = Arc::new(files);
        self.printer.capture_files(&files);
        let mut engine = engine(
            self.report,
            files,
            self.next_id,
            &*self.printer,
            None,
            self.tls_keys.clone(),
        );
        let result = pipeline::run(engine.as_mut(), source, &mut *self.printer);
        engine.finish(&mut *self.printer)?;
        self.next_id = engine.next_id();
        engine.add_to(self.summary, source.stats());
        report_capture_drops(
            self.report,
            name,
            source.stats(),
            self.summary,
            &mut *self.printer,
        )?;
        for e in source.take_errors() {
            self.input_error(&e.to_string())?;
        }
        if let Err(e) = result? {
            self.input_error(&e.to_string())?;
        }
        Ok(())
    }

    fn input_error(&mut self, sentence: &str) -> io::Result<()> {
        report_input_error(self.err, self.summary, sentence)
    }
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
/// and prints the comparison (see [`compare`]).
///
/// # Errors
/// Only an error writing the report. A capture that cannot be opened stops the run before any
/// report (every session would look one-sided); one that breaks off part-way is reported on `err`,
/// what was read of it is still compared, and the outcome is [`Outcome::InputError`].
pub fn diff(config: &DiffConfig, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Outcome> {
    compare::run(config, out, err)
}

/// Whether the `--frame` options each name one frame of the run's `inputs`; when not, says why on
/// `err` (see [`SessionFilter::check_frames`]).
///
/// # Errors
/// Only an error writing to `err`.
pub(crate) fn frames_named<'a>(
    filter: &SessionFilter,
    inputs: impl IntoIterator<Item = &'a capture::Input>,
    err: &mut dyn Write,
) -> io::Result<bool> {
    let names: Vec<String> = inputs.into_iter().map(capture::Input::display_name).collect();
    match filter.check_frames(&names) {
        Ok(()) => Ok(true),
        Err(sentence) => writeln!(err, "smtpscope: {sentence}").map(|()| false),
    }
}

/// Runs `smtpscope export`: the selected sessions' packets, messages, attachments and BLOBs into a
/// folder, with a manifest.
///
/// # Errors
/// Only an error writing the list of written files; unreadable inputs and files that cannot be
/// written are reported on `err` and give [`Outcome::InputError`].
pub fn export(config: &ExportConfig, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Outcome> {
    crate::export::run(config, out, err)
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
    /// The capture could not be opened at all (missing, unreadable, not a capture): nothing in
    /// it was read.
    pub unreadable: bool,
}

/// Decodes one capture file into records (no printing): the entry point of tests and tools that
/// want the sessions rather than a report.
pub fn sessions_of(
    input: &capture::Input,
    config: &ReportConfig,
    tls_keys: Option<Arc<TlsKeys>>,
) -> CaptureSessions {
    let mut sessions = Vec::new();
    let mut result = each_session_of(input, config, tls_keys, Depth::Full, &mut |s| sessions.push(s));
    result.sessions = sessions;
    result
}

/// How much of each session [`each_session_of`] decodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Depth {
    /// Everything: message records, and the findings of the rules.
    Full,
    /// The dialogue only: no message records, no findings (see [`Pipeline::dialogue_only`]).
    Dialogue,
}

/// Decodes one capture file to `depth` and hands each session to `each` as it is finished, in the
/// order they end (the same order every run); the result has no sessions, only the counters and
/// errors. The entry point of `diff`, which keeps of each session only what it needs.
pub fn each_session_of(
    input: &capture::Input,
    config: &ReportConfig,
    tls_keys: Option<Arc<TlsKeys>>,
    depth: Depth,
    each: &mut dyn FnMut(Session),
) -> CaptureSessions {
    let name: Arc<str> = input.display_name().into();
    let mut result = CaptureSessions::default();
    result.summary.files = 1;
    let mut source = match capture::file::open(input) {
        Ok(source) => source,
        Err(e) => {
            result.error = Some(e.to_string());
            result.unreadable = true;
            return result;
        }
    };
    let mut pipeline = Pipeline::new(config, name.clone(), 1).with_tls_keys(tls_keys);
    if depth == Depth::Dialogue {
        pipeline = pipeline.dialogue_only();
    }
    let mut collected = Each(each);
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
    result
}

/// A printer that hands the sessions on instead of printing them.
struct Each<'a>(&'a mut dyn FnMut(Session));

impl Printer for Each<'_> {
    fn session(&mut self, session: &Session) -> io::Result<()> {
        self.take_session(session.clone())
    }

    fn take_session(&mut self, session: Session) -> io::Result<()> {
        (self.0)(session);
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

/// Lines of a key log that could not be used, reported one by one before they are summed up.
const KEYLOG_PROBLEMS_SHOWN: usize = 5;

/// Reads the key logs and server RSA keys a run was given. A file that cannot be read (or an RSA
/// key file without a usable key) is an input error; key log lines that cannot be used are
/// reported and skipped; an SSLKEYLOGFILE that does not exist is mentioned and ignored. `None`
/// when no key material was given or none was usable.
///
/// # Errors
/// Only an error writing to `err`.
pub fn load_tls_keys(
    files: &TlsKeyFiles,
    err: &mut dyn Write,
    summary: &mut RunSummary,
) -> io::Result<Option<Arc<TlsKeys>>> {
    if files.is_empty() {
        return Ok(None);
    }
    let mut keylog = KeyLog::new();
    for path in &files.keylogs {
        let text = match std::fs::read(path) {
            Ok(text) => text,
            Err(e) if files.keylog_from_env => {
                writeln!(
                    err,
                    "smtpscope: SSLKEYLOGFILE {} cannot be read ({e}); TLS is not decrypted",
                    path.display()
                )?;
                continue;
            }
            Err(e) => {
                let sentence = format!("key log {}: {e}", path.display());
                report_input_error(err, summary, &sentence)?;
                continue;
            }
        };
        let problems = keylog.add(&text);
        for p in problems.iter().take(KEYLOG_PROBLEMS_SHOWN) {
            writeln!(
                err,
                "smtpscope: key log {} line {}: {}; skipped",
                path.display(),
                p.line,
                p.what
            )?;
        }
        if problems.len() > KEYLOG_PROBLEMS_SHOWN {
            writeln!(
                err,
                "smtpscope: key log {}: {} more lines could not be used",
                path.display(),
                problems.len().saturating_sub(KEYLOG_PROBLEMS_SHOWN)
            )?;
        }
    }
    let mut rsa = Vec::new();
    for path in &files.rsa_keys {
        let parsed = std::fs::read_to_string(path)
            .map_err(|e| format!("TLS key {}: {e}", path.display()))
            .and_then(|text| tls::rsa_kx::parse_pem(&text, &path.display().to_string()));
        match parsed {
            Ok(keys) => rsa.extend(keys),
            Err(sentence) => report_input_error(err, summary, &sentence)?,
        }
    }
    let keys = TlsKeys::new(keylog, rsa);
    Ok((!keys.is_empty()).then(|| Arc::new(keys)))
}

fn report_input_error(err: &mut dyn Write, summary: &mut RunSummary, sentence: &str) -> io::Result<()> {
    writeln!(err, "smtpscope: {sentence}")?;
    summary.input_errors.push(sentence.to_string());
    Ok(())
}
