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

use crate::capture::set::{FileNames, MergedSource};
use crate::capture::{self, PacketSource, Timestamp};
use crate::classify::{ClassifyConfig, Connection, Finished, Outcome as Verdict};
use crate::cli::config::{AnalyzeConfig, DiffConfig, ExportConfig, LiveConfig, ReportConfig, TlsKeyFiles};
use crate::diff::{self, Side};
use crate::dns::DnsTracker;
use crate::flow::{FlowTable, Linker};
use crate::message::Options as MessageOptions;
use crate::net::dedup::Dedup;
use crate::net::{Decoder, FlowKey, PortSet, Skip};
use crate::output::{self, Printer};
use crate::reasm::counter::ConnectionCounter;
use crate::reasm::{CloseCause, ConnId, ConnInfo, EventKind, Reassembler, StreamEvent, StreamSink};
use crate::rules::{self, RuleContext, Selection};
use crate::select::{FrameFlow, SessionFilter};
use crate::session::{RunSummary, Session};
use crate::smtp::{ContentTap, SmtpDecoder};
use crate::tls::{self, KeyLog, TlsKeys};

/// Makes the content tap of a new connection, or none (`export` copies the selected sessions'
/// content through taps).
pub type TapFactory = Box<dyn FnMut(&ConnInfo) -> Option<Box<dyn ContentTap>> + Send>;

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

/// Capture seconds between two idle-flush passes.
const IDLE_FLUSH_INTERVAL_SECS: u64 = 1;

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
        let mut pipeline =
            Pipeline::for_files(self.report, files, self.next_id).with_tls_keys(self.tls_keys.clone());
        let result = pipeline.run(source, &mut *self.printer);
        self.next_id = pipeline.next_id();
        pipeline.finish(&mut *self.printer)?;
        pipeline.add_to(self.summary, source.stats());
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
/// Only an error writing the report. A capture that cannot be opened stops the run before any
/// report (every session would look one-sided); one that breaks off part-way is reported on `err`,
/// what was read of it is still compared, and the outcome is [`Outcome::InputError`].
pub fn diff(config: &DiffConfig, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Outcome> {
    if config.report.format == output::OutputFormat::Ecs {
        writeln!(
            err,
            "smtpscope: diff has no ECS output (pairs are not events); use --format json or html"
        )?;
        return Ok(Outcome::InputError);
    }
    if !frames_named(&config.report.filter, [&config.sender, &config.receiver], err)? {
        return Ok(Outcome::InputError);
    }
    let started = Instant::now();
    let mut summary = RunSummary::default();
    let tls_keys = load_tls_keys(&config.report.tls_keys, err, &mut summary)?;
    let mut capture_findings = Vec::new();
    let inputs = [(Side::Sender, &config.sender), (Side::Receiver, &config.receiver)];
    // The two captures are independent: decode them at the same time.
    let decoded: Vec<CaptureSessions> = std::thread::scope(|scope| {
        let decoding: Vec<_> = inputs
            .iter()
            .map(|(_, input)| scope.spawn(|| sessions_of(input, &config.report, tls_keys.clone())))
            .collect();
        decoding
            .into_iter()
            .map(|d| d.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    });
    if decoded.iter().any(|d| d.unreadable) {
        for ((side, _), d) in inputs.iter().zip(&decoded) {
            if let Some(e) = d.error.as_deref().filter(|_| d.unreadable) {
                writeln!(err, "smtpscope: the {}'s capture: {e}", side.name())?;
            }
        }
        writeln!(err, "smtpscope: nothing compared: diff needs both captures")?;
        return Ok(Outcome::InputError);
    }
    let mut sides = Vec::with_capacity(2);
    for ((side, _), mut decoded) in inputs.into_iter().zip(decoded) {
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
    Ok(Outcome::of_run(&summary, &config.report))
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

/// Decodes one capture file into records (no printing): the entry point of `diff`, and of tests
/// and tools that want the sessions rather than a report.
pub fn sessions_of(
    input: &capture::Input,
    config: &ReportConfig,
    tls_keys: Option<Arc<TlsKeys>>,
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

/// One capture's worth of decoding state: every stage after packet input.
pub struct Pipeline {
    /// The SMTP ports (the well-known ones and `--port`).
    ports: PortSet,
    /// `--only-ports`: nothing else is reassembled.
    only_ports: bool,
    decoder: Decoder,
    dedup: Dedup,
    reassembler: Reassembler,
    connections: ConnectionCounter,
    tracker: SessionTracker,
    /// DNS over UDP and TCP port 53, beside SMTP.
    dns: DnsSide,
    /// The TCP streams of DNS over TCP.
    dns_reassembler: Reassembler,
    /// The flow stage: lookups linked to sessions, and the mail-flow table.
    linker: Linker,
    flows: FlowTable,
    selection: Selection,
    local: RunSummary,
    last_idle_flush: Option<Timestamp>,
    /// Which ended sessions are reported (`--session`, `--host`, …).
    filter: SessionFilter,
    /// The frame references `--frame` names in this capture.
    frame_refs: Vec<u64>,
    /// The endpoints of the frames `--frame` names, as they were read.
    frame_flows: Vec<FrameFlow>,
}

impl Pipeline {
    /// The same pipeline, decrypting TLS with `keys` (see [`load_tls_keys`]).
    pub fn with_tls_keys(mut self, keys: Option<Arc<TlsKeys>>) -> Self {
        self.tracker.tls_keys = keys;
        self
    }

    /// A pipeline for one capture named `file`, numbering sessions from `first_id`.
    pub fn new(config: &ReportConfig, file: Arc<str>, first_id: u64) -> Self {
        Pipeline::for_files(config, Arc::new(FileNames::single(&file)), first_id)
    }

    /// A pipeline for one capture made of `files` (frame references name them), numbering
    /// sessions from `first_id`.
    pub fn for_files(config: &ReportConfig, files: Arc<FileNames>, first_id: u64) -> Self {
        let mut dedup = Dedup::new();
        if files.is_set() {
            dedup.expect_several_sources();
        }
        Pipeline {
            dedup,
            ports: config.ports.clone(),
            only_ports: config.only_ports,
            decoder: Decoder::new(),
            reassembler: Reassembler::with_first_id(config.limits, config.ports.clone(), ConnId(first_id)),
            connections: ConnectionCounter::new(),
            tracker: SessionTracker::new(files.clone(), config, first_id),
            dns: DnsSide::default(),
            dns_reassembler: Reassembler::new(config.limits, PortSet::new(&[crate::dns::PORT])),
            linker: Linker::new(),
            flows: FlowTable::new(),
            selection: config.selection.clone(),
            local: RunSummary::default(),
            last_idle_flush: None,
            filter: config.filter.clone(),
            frame_refs: config.filter.frames_in(&files),
            frame_flows: Vec::new(),
        }
    }

    /// Gives each new connection the content tap `taps` makes for it.
    pub fn set_taps(&mut self, taps: TapFactory) {
        self.tracker.taps = Some(taps);
    }

    /// The id the next session would get (to keep ids unique across inputs).
    pub fn next_id(&self) -> u64 {
        self.tracker.next_session
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
        self.run_observed(source, printer, &mut |_| {})
    }

    /// [`Pipeline::run`], showing each packet to `observe` before it is decoded.
    pub fn run_observed(
        &mut self,
        source: &mut dyn PacketSource,
        printer: &mut dyn Printer,
        observe: &mut dyn FnMut(&capture::Packet<'_>),
    ) -> io::Result<Result<(), capture::CaptureError>> {
        // Only pcapng (several interfaces) and sets of files can record a packet twice.
        if !self.dedup.sees_several_sources() && source.format() != capture::Format::PcapNg {
            self.dedup.expect_one_source();
        }
        loop {
            match source.next_packet() {
                Ok(Some(packet)) => {
                    observe(&packet);
                    self.on_packet(&packet);
                }
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
            Err(Skip::NotTcp) => {
                match crate::net::udp_datagram(packet).filter(DnsTracker::wants) {
                    Some(datagram) => self.dns.tracker.on_datagram(&datagram),
                    None => self.local.skip(Skip::NotTcp.name(), 1),
                }
                return;
            }
            Err(skip) => {
                self.local.skip(skip.name(), 1);
                return;
            }
        };
        self.tracker.last_ts = self.tracker.last_ts.max(packet.ts);
        if segment.payload_truncated > 0 {
            let captured = u32::try_from(packet.data.len()).unwrap_or(u32::MAX);
            self.tracker.snaplen = Some(self.tracker.snaplen.map_or(captured, |s| s.max(captured)));
        }
        let source = ((capture::set::frame_file(packet.frame) as u64) << 32) | u64::from(packet.interface);
        if self.dedup.is_duplicate(source, &segment) {
            self.local.skip("duplicate_from_another_interface", 1);
            return;
        }
        self.connections.observe(&segment);
        if self.frame_refs.contains(&packet.frame) {
            self.frame_flows.push((packet.frame, segment.src, segment.dst));
        }
        let dns_port = crate::dns::PORT;
        if (segment.src.port() == dns_port || segment.dst.port() == dns_port)
            && !self.ports.contains(segment.src.port())
            && !self.ports.contains(segment.dst.port())
        {
            self.dns_reassembler.push(&segment, &mut self.dns);
            return;
        }
        if self.only_ports
            && !self.ports.contains(segment.src.port())
            && !self.ports.contains(segment.dst.port())
        {
            self.local.skip("other_ports", 1);
            return;
        }
        self.reassembler.push(&segment, &mut self.tracker);
        // Connections the classifier found not to be SMTP are given up: their later segments cost
        // one lookup each.
        let key = FlowKey::new(segment.src, segment.dst);
        for id in self.tracker.release.drain(..) {
            self.reassembler.release(key, id);
        }
    }

    /// Lets time pass without a packet (live capture): ends connections idle past the timeout.
    pub fn tick(&mut self, now: Timestamp) {
        self.reassembler.flush_idle(now, &mut self.tracker);
        self.dns_reassembler.flush_idle(now, &mut self.dns);
        self.dns.tracker.expire(now);
        self.last_idle_flush = Some(now);
    }

    fn idle_flush(&mut self, now: Timestamp) {
        let due = match self.last_idle_flush {
            None => true,
            Some(last) => now >= last.plus_secs(IDLE_FLUSH_INTERVAL_SECS) || now < last,
        };
        if due {
            self.reassembler.flush_idle(now, &mut self.tracker);
            self.dns_reassembler.flush_idle(now, &mut self.dns);
            self.dns.tracker.expire(now);
            self.last_idle_flush = Some(now);
        }
    }

    /// Prints the sessions that have ended since the last call, and says how many. The lookups
    /// finished by then go to the flow stage first, so each session is linked to those before it.
    pub fn print_finished(&mut self, printer: &mut dyn Printer) -> io::Result<usize> {
        for lookup in self.dns.tracker.take_finished() {
            self.linker.lookup(lookup);
        }
        let mut printed = 0usize;
        for mut session in self.tracker.finished.drain(..) {
            self.linker.session(&mut session, &self.selection);
            self.flows.session(&session);
            if !self.filter.selects_with(&session, &self.frame_flows) {
                continue;
            }
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

    /// Ends every open connection and prints the remaining sessions (a batch at a time, so the
    /// sessions still open at the end are never all held at once), then what the flow stage makes
    /// of the whole capture: the mail-flow table and the capture-wide findings (dns-lookup-failed,
    /// retry-storm, connection-churn, and connection-flood when the connection budget overflowed).
    pub fn finish(&mut self, printer: &mut dyn Printer) -> io::Result<()> {
        const BATCH: usize = 256;
        self.count_expired_fragments();
        while self.reassembler.finish_some(BATCH, &mut self.tracker) > 0 {
            self.print_finished(printer)?;
        }
        self.dns_reassembler.finish(&mut self.dns);
        self.dns.tracker.finish();
        self.print_finished(printer)?;
        let (flows, cross) = self.flows.finish(&self.selection);
        printer.flows(&flows)?;
        let mut findings = self.linker.finish(&self.selection);
        findings.extend(cross);
        for finding in &findings {
            self.local.findings.add(finding);
            printer.capture_finding(finding)?;
        }
        let files = &self.tracker.files;
        let name = if files.is_set() {
            format!("{} and the other files of its set", files.name_of(0))
        } else {
            files.name_of(0).to_string()
        };
        let flood = rules::connection_flood(&name, self.reassembler.flood_stats());
        if let Some(finding) = flood.filter(|f| self.selection.shows(f)) {
            self.local.findings.add(&finding);
            printer.capture_finding(&finding)?;
            // Kept for `diff`, which shows each side's capture-wide findings.
            self.local.capture_findings.push(finding);
        }
        for (reason, n) in [
            ("dns_malformed", self.dns.tracker.malformed),
            ("dns_pending_dropped", self.dns.tracker.dropped),
            ("dns_lookups_forgotten", self.linker.forgotten),
            ("flow_untracked_sessions", self.flows.untracked),
        ] {
            if n > 0 {
                self.local.skip(reason, n);
            }
        }
        Ok(())
    }

    /// Adds this capture's counters (and the source's) to the run summary.
    pub fn add_to(&self, summary: &mut RunSummary, source: &capture::CaptureStats) {
        summary.packets = summary.packets.saturating_add(source.packets);
        summary.bytes = summary.bytes.saturating_add(source.bytes);
        summary.sessions = summary.sessions.saturating_add(self.local.sessions);
        summary.tcp_connections = summary.tcp_connections.saturating_add(self.connections.count());
        summary.findings.merge(&self.local.findings);
        summary
            .capture_findings
            .extend(self.local.capture_findings.iter().cloned());
        for (reason, n) in source.skipped.iter().chain(self.local.skipped.iter()) {
            summary.skip(reason, *n);
        }
        // Segments of connections found not to be SMTP, after the first bytes that told.
        let not_smtp = self.reassembler.stats().released_segments;
        if not_smtp > 0 {
            summary.skip("not_smtp", not_smtp);
        }
        if let Some(drops) = source.dropped_by_capture {
            summary.capture_drops = Some(summary.capture_drops.unwrap_or(0).saturating_add(drops));
        }
    }
}

/// Feeds the TCP streams of DNS over TCP to the DNS tracker.
#[derive(Default)]
struct DnsSide {
    tracker: DnsTracker,
    open: HashMap<ConnId, ConnInfo>,
}

impl StreamSink for DnsSide {
    fn on_event(&mut self, event: StreamEvent<'_>) {
        match event.kind {
            EventKind::Open(info) => {
                self.open.insert(event.conn, info);
            }
            EventKind::Data(bytes) => {
                if let Some(info) = self.open.get(&event.conn) {
                    let (from, to) = match event.dir {
                        crate::net::Direction::ClientToServer => (info.client, info.server),
                        crate::net::Direction::ServerToClient => (info.server, info.client),
                    };
                    let at = crate::smtp::dialogue::Position {
                        frame: event.frame,
                        ts: event.ts,
                    };
                    self.tracker.on_tcp_data(from, to, bytes, at);
                }
            }
            EventKind::Gap { .. } | EventKind::Close(_) => {
                if let Some(info) = self.open.get(&event.conn) {
                    self.tracker.on_tcp_end(info.client, info.server);
                }
                if matches!(event.kind, EventKind::Close(_)) {
                    self.open.remove(&event.conn);
                }
            }
            EventKind::Fin => {}
        }
    }
}

/// Classifies each connection, feeds the SMTP ones' stream events to their decoder, and turns each
/// ended SMTP connection into a [`Session`].
struct SessionTracker {
    files: Arc<FileNames>,
    /// The captured length of the frames the snap length cut (the capture's snap length), once seen.
    snaplen: Option<u32>,
    /// Time of the latest packet so far.
    last_ts: Timestamp,
    rule_context: RuleContext,
    selection: Selection,
    /// Message limits, and the header budget every session of the run shares.
    message: MessageOptions,
    /// Content taps for new connections (`export`).
    taps: Option<TapFactory>,
    classify: ClassifyConfig,
    /// Open connections, and whether each is numbered yet (once it is known to be SMTP).
    open: HashMap<ConnId, (Connection, bool)>,
    /// The number the next SMTP session gets (sessions are numbered 1, 2, … in the order they
    /// are known to be SMTP: at the SYN on an SMTP port, when found by content elsewhere).
    next_session: u64,
    /// Connections found not to be SMTP since the last segment, for the reassembler to release.
    release: Vec<ConnId>,
    finished: Vec<Session>,
    /// Key material to decrypt TLS with.
    tls_keys: Option<Arc<TlsKeys>>,
}

impl SessionTracker {
    fn new(files: Arc<FileNames>, config: &ReportConfig, first_id: u64) -> Self {
        SessionTracker {
            next_session: first_id,
            files,
            snaplen: None,
            last_ts: Timestamp::new(0, 0),
            rule_context: config.rule_context.clone(),
            selection: config.selection.clone(),
            message: config.message.clone(),
            taps: None,
            classify: config.classify(),
            open: HashMap::new(),
            release: Vec::new(),
            finished: Vec::new(),
            tls_keys: None,
        }
    }

    /// Turns an ended SMTP connection into a session with its findings.
    fn finished(&mut self, parts: Finished) {
        let Finished {
            info,
            summary,
            dialogue,
            tunnel,
        } = parts;
        let cut = summary.c2s.snaplen_bytes > 0 || summary.s2c.snaplen_bytes > 0;
        let open_at_end = summary.cause == CloseCause::EndOfInput;
        let mut session = Session {
            file: self.files.name_of(info.first_frame),
            files: self.files.clone(),
            snaplen: self.snaplen.filter(|_| cut),
            capture_end: open_at_end.then_some(self.last_ts.max(summary.end)),
            tunnel,
            info,
            summary,
            dialogue,
            findings: Vec::new(),
            dns: Vec::new(),
        };
        let mut findings = rules::evaluate(&session, &self.rule_context);
        findings.retain(|f| self.selection.shows(f));
        session.findings = findings;
        self.finished.push(session);
    }
}

/// The decoder maker of a connection: numbers the session unless `numbered` already (the number is
/// its id from then on), then makes its decoder with the run's message options, content tap and
/// TLS keys.
fn decoders<'a>(
    numbered: bool,
    next_session: &'a mut u64,
    message: &'a MessageOptions,
    taps: &'a mut Option<TapFactory>,
    tls_keys: &'a Option<Arc<TlsKeys>>,
) -> impl FnMut(&mut ConnInfo) -> SmtpDecoder + 'a {
    move |info: &mut ConnInfo| {
        if !numbered {
            info.id = ConnId(*next_session);
            *next_session = next_session.saturating_add(1);
        }
        let mut decoder =
            SmtpDecoder::with_message_options(info, message.clone()).with_tls_keys(tls_keys.clone());
        if let Some(tap) = taps.as_mut().and_then(|make| make(info)) {
            decoder.set_tap(tap);
        }
        decoder
    }
}

impl StreamSink for SessionTracker {
    fn on_event(&mut self, event: StreamEvent<'_>) {
        match event.kind {
            EventKind::Open(info) => {
                let mut connection = Connection::open(info, &self.classify);
                if connection.is_dropped() {
                    self.release.push(event.conn);
                    return;
                }
                // On an SMTP port the connection is SMTP from its SYN: numbered now, in open order.
                let numbered = connection.is_smtp();
                if numbered {
                    connection.set_id(ConnId(self.next_session));
                    self.next_session = self.next_session.saturating_add(1);
                }
                self.open.insert(event.conn, (connection, numbered));
            }
            EventKind::Close(summary) => {
                let Some((connection, numbered)) = self.open.remove(&event.conn) else {
                    return;
                };
                let mut make = decoders(
                    numbered,
                    &mut self.next_session,
                    &self.message,
                    &mut self.taps,
                    &self.tls_keys,
                );
                let parts = connection.finish(summary, &self.classify, &mut make);
                drop(make);
                if let Some(parts) = parts {
                    self.finished(parts);
                }
            }
            EventKind::Data(_) | EventKind::Gap { .. } | EventKind::Fin => {
                let Some((connection, numbered)) = self.open.get_mut(&event.conn) else {
                    return;
                };
                let mut make = decoders(
                    *numbered,
                    &mut self.next_session,
                    &self.message,
                    &mut self.taps,
                    &self.tls_keys,
                );
                if connection.on_event(&event, &self.classify, &mut make) == Verdict::Release {
                    self.open.remove(&event.conn);
                    self.release.push(event.conn);
                } else if !*numbered && connection.is_smtp() {
                    *numbered = true;
                }
            }
        }
    }
}
