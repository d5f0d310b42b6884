//! One capture's worth of decoding on the calling thread: packet → [`Decoder`] → [`Reassembler`] →
//! session classifier and [`SmtpDecoder`] → rules → the flow stage (DNS lookups linked, the
//! mail-flow table) → [`Session`] → printer, and the parts of that chain the parallel engine
//! ([`super::parallel`]) shares: the front (decoding, duplicates across interfaces, snap-length
//! record, DNS, the port filter) with its idle-flush clock, the tracker that classifies each
//! connection and feeds the SMTP ones to their decoder, the step that turns an ended SMTP
//! connection into a judged session, and the flow stage.
//!
//! Owns the order sessions are reported in (the contract the parallel engine reproduces): a
//! session is reported when its connection ends — at the packet that ends it (FIN, RST, port
//! reuse, eviction from the connection budget, or a packet arriving after the idle timeout), at an
//! idle flush (once per second of capture time, or on a live run's clock tick, in the order of the
//! connections' last packets), or at the end of the input (in the order the connections opened).
//! Sessions are numbered in the order they are known to be SMTP: at the first event on an SMTP
//! port, when the classifier recognises SMTP elsewhere (by content, or through a tunnel). A session
//! is linked to the DNS lookups that finished before it was reported, those of the packet that
//! ended it included. Must not: parse protocol bytes or format output itself.

use std::io;
use std::sync::Arc;

use crate::capture::set::FileNames;
use crate::capture::{self, CaptureStats, PacketSource, Timestamp};
use crate::classify::{ClassifyConfig, Connection, Finished, Outcome as Verdict};
use crate::cli::config::ReportConfig;
use crate::dns::{DnsTracker, Lookup};
use crate::flow::{FlowTable, Linker};
use crate::message::Options as MessageOptions;
use crate::net::dedup::Dedup;
use crate::net::{Decoder, Direction, FlowKey, FlowMap, PortSet, Segment, Skip};
use crate::output::Printer;
use crate::reasm::counter::ConnectionCounter;
use crate::reasm::{
    CloseCause, ConnId, ConnInfo, EventKind, FloodStats, Reassembler, StreamEvent, StreamSink,
};
use crate::rules::{self, Finding, RuleContext, Selection};
use crate::select::{FrameFlow, SessionFilter};
use crate::session::{RunSummary, Session};
use crate::smtp::dialogue::Position;
use crate::smtp::{ContentTap, SmtpDecoder};
use crate::tls::TlsKeys;

/// Capture seconds between two idle-flush passes.
const IDLE_FLUSH_INTERVAL_SECS: u64 = 1;

/// Connections ended at a time at the end of the input, so the sessions still open then are never
/// all held at once.
pub(super) const END_BATCH: usize = 256;

/// Makes the content tap of a new connection, or none (`export` copies the selected sessions'
/// content through taps).
pub type TapFactory = Box<dyn FnMut(&ConnInfo) -> Option<Box<dyn ContentTap>> + Send>;

/// A decoding engine for one capture: the serial [`Pipeline`] or the parallel one. Both report the
/// same sessions, with the same ids, in the same order.
pub trait Engine {
    /// Prepares for a source of this format (only pcapng and sets of files can record a packet
    /// twice, on two interfaces).
    fn prepare(&mut self, format: capture::Format);

    /// Takes one packet.
    fn on_packet(&mut self, packet: &capture::Packet<'_>);

    /// Lets time pass without a packet (live capture): ends connections idle past the timeout.
    fn tick(&mut self, now: Timestamp);

    /// Prints the sessions that have ended (as far as the engine knows yet), and says how many.
    ///
    /// # Errors
    /// Writing failed.
    fn print_finished(&mut self, printer: &mut dyn Printer) -> io::Result<usize>;

    /// Ends every open connection and prints the remaining sessions, then what the flow stage
    /// makes of the whole capture.
    ///
    /// # Errors
    /// Writing failed.
    fn finish(&mut self, printer: &mut dyn Printer) -> io::Result<()>;

    /// Adds this capture's counters (and the source's) to the run summary.
    fn add_to(&self, summary: &mut RunSummary, source: &CaptureStats);

    /// The id the next session would get (to keep ids unique across inputs); exact after
    /// [`Engine::finish`].
    fn next_id(&self) -> u64;
}

/// Reads `source` to its end through `engine`, printing each session as it ends.
///
/// The outer `Result` is a failure to write the report; the inner one is the source's own error,
/// after which everything read so far is still reported by [`Engine::finish`].
pub fn run(
    engine: &mut dyn Engine,
    source: &mut dyn PacketSource,
    printer: &mut dyn Printer,
) -> io::Result<Result<(), capture::CaptureError>> {
    run_observed(engine, source, printer, &mut |_| {})
}

/// [`run`], showing each packet to `observe` before it is decoded.
pub fn run_observed(
    engine: &mut dyn Engine,
    source: &mut dyn PacketSource,
    printer: &mut dyn Printer,
    observe: &mut dyn FnMut(&capture::Packet<'_>),
) -> io::Result<Result<(), capture::CaptureError>> {
    engine.prepare(source.format());
    loop {
        match source.next_packet() {
            Ok(Some(packet)) => {
                observe(&packet);
                engine.on_packet(&packet);
            }
            Ok(None) => return Ok(Ok(())),
            Err(e) => return Ok(Err(e)),
        }
        engine.print_finished(printer)?;
    }
}

/// When the capture clock calls for an idle flush: at the first packet, then whenever capture time
/// has moved on by [`IDLE_FLUSH_INTERVAL_SECS`] (or gone back).
#[derive(Debug, Default)]
pub(super) struct IdleClock {
    last: Option<Timestamp>,
}

impl IdleClock {
    /// Whether a packet at `now` triggers a flush (and if so, remembers it).
    pub(super) fn due(&mut self, now: Timestamp) -> bool {
        let due = match self.last {
            None => true,
            Some(last) => now >= last.plus_secs(IDLE_FLUSH_INTERVAL_SECS) || now < last,
        };
        if due {
            self.last = Some(now);
        }
        due
    }

    /// A flush happened at `now` without a packet (a live clock tick).
    pub(super) fn flushed(&mut self, now: Timestamp) {
        self.last = Some(now);
    }
}

/// The stages before the flow split, which see every packet: link/IP decoding with fragment
/// reassembly, copies of a segment from another interface, the snap length, the Wireshark-style
/// connection count, the frames `--frame` names, DNS (UDP, and TCP port 53), and `--only-ports`.
pub(super) struct Front {
    ports: PortSet,
    /// `--only-ports`: nothing else is reassembled.
    only_ports: bool,
    decoder: Decoder,
    dedup: Dedup,
    connections: ConnectionCounter,
    /// DNS over UDP and TCP port 53, beside SMTP.
    dns: DnsSide,
    /// The TCP streams of DNS over TCP.
    dns_reassembler: Reassembler,
    /// Packets skipped, by reason.
    skipped: RunSummary,
    pub(super) idle: IdleClock,
    /// The captured length of the frames the snap length cut (the capture's snap length), once seen.
    pub(super) snaplen: Option<u32>,
    /// Time of the latest TCP segment so far.
    pub(super) last_ts: Timestamp,
    /// The frame references `--frame` names in this capture.
    frames: Vec<u64>,
    /// The endpoints of the frames `--frame` names, as they were read.
    pub(super) frame_flows: Vec<FrameFlow>,
}

impl Front {
    /// The front of a capture of `files` (a set of several files may record a packet twice).
    pub(super) fn new(config: &ReportConfig, files: &FileNames) -> Self {
        let mut dedup = Dedup::new();
        if files.is_set() {
            dedup.expect_several_sources();
        }
        Front {
            ports: config.ports.clone(),
            only_ports: config.only_ports,
            decoder: Decoder::new(),
            dedup,
            connections: ConnectionCounter::new(),
            dns: DnsSide::default(),
            dns_reassembler: Reassembler::new(config.limits, PortSet::new(&[crate::dns::PORT])),
            skipped: RunSummary::default(),
            idle: IdleClock::default(),
            snaplen: None,
            last_ts: Timestamp::new(0, 0),
            frames: config.filter.frames_in(files),
            frame_flows: Vec::new(),
        }
    }

    /// Only pcapng (several interfaces) and sets of files can record a packet twice: for any
    /// other source, duplicates are not looked for.
    pub(super) fn prepare(&mut self, format: capture::Format) {
        if !self.dedup.sees_several_sources() && format != capture::Format::PcapNg {
            self.dedup.expect_one_source();
        }
    }

    /// The TCP segment of `packet` when it is to be reassembled; DNS goes to the DNS side, the
    /// rest is counted.
    pub(super) fn segment<'p>(&'p mut self, packet: &'p capture::Packet<'_>) -> Option<Segment<'p>> {
        self.count_expired_fragments();
        let segment = match self.decoder.decode(packet) {
            Ok(segment) => segment,
            Err(Skip::NotTcp) => {
                match crate::net::udp_datagram(packet).filter(DnsTracker::wants) {
                    Some(datagram) => self.dns.tracker.on_datagram(&datagram),
                    None => self.skipped.skip(Skip::NotTcp.name(), 1),
                }
                return None;
            }
            Err(skip) => {
                self.skipped.skip(skip.name(), 1);
                return None;
            }
        };
        self.last_ts = self.last_ts.max(packet.ts);
        if segment.payload_truncated > 0 {
            let captured = u32::try_from(packet.data.len()).unwrap_or(u32::MAX);
            self.snaplen = Some(self.snaplen.map_or(captured, |s| s.max(captured)));
        }
        let source = ((capture::set::frame_file(packet.frame) as u64) << 32) | u64::from(packet.interface);
        if self.dedup.is_duplicate(source, &segment) {
            self.skipped.skip("duplicate_from_another_interface", 1);
            return None;
        }
        self.connections.observe(&segment);
        if self.frames.contains(&packet.frame) {
            self.frame_flows.push((packet.frame, segment.src, segment.dst));
        }
        let (src, dst) = (segment.src.port(), segment.dst.port());
        let smtp_port = self.ports.contains(src) || self.ports.contains(dst);
        if (src == crate::dns::PORT || dst == crate::dns::PORT) && !smtp_port {
            self.dns_reassembler.push(&segment, &mut self.dns);
            return None;
        }
        if self.only_ports && !smtp_port {
            self.skipped.skip("other_ports", 1);
            return None;
        }
        Some(segment)
    }

    /// The DNS side's part of an idle flush at `now`.
    pub(super) fn flush_dns(&mut self, now: Timestamp) {
        self.dns_reassembler.flush_idle(now, &mut self.dns);
        self.dns.tracker.expire(now);
    }

    /// The lookups finished since the last call, in order.
    pub(super) fn take_lookups(&mut self) -> Vec<Lookup> {
        self.dns.tracker.take_finished()
    }

    /// The end of the input for DNS: its streams and pending lookups end.
    pub(super) fn finish_dns(&mut self) {
        self.dns_reassembler.finish(&mut self.dns);
        self.dns.tracker.finish();
    }

    /// Fragments still held when the input ends are dropped (and counted).
    pub(super) fn count_expired_fragments(&mut self) {
        let expired = self.decoder.take_expired_fragments();
        if expired > 0 {
            self.skipped.skip(Skip::FragmentDropped.name(), expired);
        }
    }

    /// Adds the front's counters and the source's to `summary`.
    pub(super) fn add_to(&self, summary: &mut RunSummary, source: &CaptureStats) {
        summary.packets = summary.packets.saturating_add(source.packets);
        summary.bytes = summary.bytes.saturating_add(source.bytes);
        summary.tcp_connections = summary.tcp_connections.saturating_add(self.connections.count());
        for (reason, n) in source.skipped.iter().chain(self.skipped.skipped.iter()) {
            summary.skip(reason, *n);
        }
        for (reason, n) in [
            ("dns_malformed", self.dns.tracker.malformed),
            ("dns_pending_dropped", self.dns.tracker.dropped),
        ] {
            if n > 0 {
                summary.skip(reason, n);
            }
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
    open: FlowMap<ConnId, ConnInfo>,
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
                        Direction::ClientToServer => (info.client, info.server),
                        Direction::ServerToClient => (info.server, info.client),
                    };
                    let at = Position {
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

/// The stage on finished records, in report order: DNS lookups linked to sessions, the mail-flow
/// table, the `--session`/`--host`/… selection, the capture-wide findings, and the counts of what
/// was reported.
pub(super) struct FlowStage {
    linker: Linker,
    flows: FlowTable,
    selection: Selection,
    filter: SessionFilter,
    local: RunSummary,
}

impl FlowStage {
    pub(super) fn new(config: &ReportConfig) -> Self {
        FlowStage {
            linker: Linker::new(),
            flows: FlowTable::new(),
            selection: config.selection.clone(),
            filter: config.filter.clone(),
            local: RunSummary::default(),
        }
    }

    /// One finished lookup.
    pub(super) fn lookup(&mut self, lookup: Lookup) {
        self.linker.lookup(lookup);
    }

    /// Links `session` to the lookups seen so far (and adds the findings that need both).
    pub(super) fn link(&self, session: &mut Session) {
        self.linker.session(session, &self.selection);
    }

    /// A session as it ends, in report order: into the mail-flow table; then whether it is to be
    /// reported (the selection, knowing the endpoints of the frames `--frame` names), and if so
    /// counted.
    pub(super) fn ended(&mut self, session: &Session, frame_flows: &[FrameFlow]) -> bool {
        self.flows.session(session);
        if !self.filter.selects_with(session, frame_flows) {
            return false;
        }
        self.local.sessions = self.local.sessions.saturating_add(1);
        for finding in &session.findings {
            self.local.findings.add(finding);
        }
        true
    }

    /// After the last session: the mail-flow table, then the capture-wide findings
    /// (dns-lookup-failed, retry-storm, connection-churn, and connection-flood when the
    /// connection budget `flood` records overflowed) of the capture made of `files`.
    pub(super) fn finish(
        &mut self,
        printer: &mut dyn Printer,
        files: &FileNames,
        flood: &FloodStats,
    ) -> io::Result<()> {
        let (flows, cross) = self.flows.finish(&self.selection);
        printer.flows(&flows)?;
        let mut findings: Vec<Finding> = self.linker.finish(&self.selection);
        findings.extend(cross);
        for finding in &findings {
            self.local.findings.add(finding);
            printer.capture_finding(finding)?;
        }
        let name = if files.is_set() {
            format!("{} and the other files of its set", files.name_of(0))
        } else {
            files.name_of(0).to_string()
        };
        let flood = rules::connection_flood(&name, flood);
        if let Some(finding) = flood.filter(|f| self.selection.shows(f)) {
            self.local.findings.add(&finding);
            printer.capture_finding(&finding)?;
            // Kept for `diff`, which shows each side's capture-wide findings.
            self.local.capture_findings.push(finding);
        }
        for (reason, n) in [
            ("dns_lookups_forgotten", self.linker.forgotten),
            ("flow_untracked_sessions", self.flows.untracked),
        ] {
            if n > 0 {
                self.local.skip(reason, n);
            }
        }
        Ok(())
    }

    /// Adds the sessions, findings and counters reported to `summary`; `not_smtp`: the segments of
    /// connections found not to be SMTP, after the first bytes that told.
    pub(super) fn add_to(&self, summary: &mut RunSummary, not_smtp: u64) {
        summary.sessions = summary.sessions.saturating_add(self.local.sessions);
        summary.findings.merge(&self.local.findings);
        summary
            .capture_findings
            .extend(self.local.capture_findings.iter().cloned());
        for (reason, n) in &self.local.skipped {
            summary.skip(reason, *n);
        }
        if not_smtp > 0 {
            summary.skip("not_smtp", not_smtp);
        }
    }
}

/// One capture's worth of decoding state on the calling thread: every stage after packet input.
pub struct Pipeline {
    front: Front,
    reassembler: Reassembler,
    tracker: SessionTracker,
    finisher: Finisher,
    finished: Vec<Session>,
    flow: FlowStage,
}

impl Pipeline {
    /// A pipeline for one capture named `file`, numbering sessions from `first_id`.
    pub fn new(config: &ReportConfig, file: Arc<str>, first_id: u64) -> Self {
        Pipeline::for_files(config, Arc::new(FileNames::single(&file)), first_id)
    }

    /// A pipeline for one capture made of `files` (frame references name them), numbering
    /// sessions from `first_id`.
    pub fn for_files(config: &ReportConfig, files: Arc<FileNames>, first_id: u64) -> Self {
        Pipeline {
            front: Front::new(config, &files),
            reassembler: Reassembler::new(config.limits, config.ports.clone()),
            tracker: SessionTracker::new(config, Some(first_id)),
            finisher: Finisher::new(files, config),
            finished: Vec::new(),
            flow: FlowStage::new(config),
        }
    }

    /// The same pipeline, decrypting TLS with `keys` (see [`super::load_tls_keys`]).
    pub fn with_tls_keys(mut self, keys: Option<Arc<TlsKeys>>) -> Self {
        self.tracker.tls_keys = keys;
        self
    }

    /// The same pipeline, recording dialogues only: no message records, no rules run (the
    /// sessions come without findings). For `diff`'s second pass, which compares dialogues and has
    /// the findings from its first.
    pub fn dialogue_only(mut self) -> Self {
        self.tracker.message = None;
        self.finisher.judge = false;
        self
    }

    /// Gives each new connection the content tap `taps` makes for it.
    pub fn set_taps(&mut self, taps: TapFactory) {
        self.tracker.taps = Some(taps);
    }

    /// Reads `source` to its end, printing each session as it ends (see [`run`]).
    pub fn run(
        &mut self,
        source: &mut dyn PacketSource,
        printer: &mut dyn Printer,
    ) -> io::Result<Result<(), capture::CaptureError>> {
        run(self, source, printer)
    }

    /// [`Pipeline::run`], showing each packet to `observe` before it is decoded.
    pub fn run_observed(
        &mut self,
        source: &mut dyn PacketSource,
        printer: &mut dyn Printer,
        observe: &mut dyn FnMut(&capture::Packet<'_>),
    ) -> io::Result<Result<(), capture::CaptureError>> {
        run_observed(self, source, printer, observe)
    }

    /// Turns the SMTP connections the tracker saw end into sessions (numbered already).
    fn collect(&mut self) {
        self.finisher.snaplen = self.front.snaplen;
        self.finisher.last_ts = self.front.last_ts;
        for tracked in self.tracker.events.drain(..) {
            if let Tracked::Ended(parts) = tracked {
                self.finished.push(self.finisher.session(*parts));
            }
        }
    }
}

impl Engine for Pipeline {
    fn prepare(&mut self, format: capture::Format) {
        self.front.prepare(format);
    }

    fn on_packet(&mut self, packet: &capture::Packet<'_>) {
        if self.front.idle.due(packet.ts) {
            self.reassembler.flush_idle(packet.ts, &mut self.tracker);
            self.front.flush_dns(packet.ts);
        }
        if let Some(segment) = self.front.segment(packet) {
            self.reassembler.push(&segment, &mut self.tracker);
            // Connections found not to be SMTP are given up: their later segments cost one lookup
            // each.
            let key = FlowKey::new(segment.src, segment.dst);
            for id in self.tracker.release.drain(..) {
                self.reassembler.release(key, id);
            }
        }
        self.collect();
    }

    fn tick(&mut self, now: Timestamp) {
        self.reassembler.flush_idle(now, &mut self.tracker);
        self.front.flush_dns(now);
        self.front.idle.flushed(now);
        self.collect();
    }

    fn print_finished(&mut self, printer: &mut dyn Printer) -> io::Result<usize> {
        for lookup in self.front.take_lookups() {
            self.flow.lookup(lookup);
        }
        let mut printed = 0usize;
        for mut session in self.finished.drain(..) {
            self.flow.link(&mut session);
            if self.flow.ended(&session, &self.front.frame_flows) {
                printer.take_session(session)?;
                printed = printed.saturating_add(1);
            }
        }
        Ok(printed)
    }

    fn finish(&mut self, printer: &mut dyn Printer) -> io::Result<()> {
        self.front.count_expired_fragments();
        while self.reassembler.finish_some(END_BATCH, &mut self.tracker) > 0 {
            self.collect();
            self.print_finished(printer)?;
        }
        self.front.finish_dns();
        self.print_finished(printer)?;
        let files = Arc::clone(&self.finisher.files);
        self.flow.finish(printer, &files, self.reassembler.flood_stats())
    }

    fn add_to(&self, summary: &mut RunSummary, source: &CaptureStats) {
        self.front.add_to(summary, source);
        self.flow
            .add_to(summary, self.reassembler.stats().released_segments);
    }

    fn next_id(&self) -> u64 {
        self.tracker.next_session.unwrap_or(0)
    }
}

/// What the tracker saw, in order.
#[derive(Debug)]
pub(super) enum Tracked {
    /// A connection opened (reported only when the tracker numbers nothing itself).
    Opened(ConnId),
    /// A connection became a session: it is known to be SMTP (reported only when the tracker
    /// numbers nothing itself).
    Numbered(ConnId),
    /// An SMTP connection ended (boxed: a dialogue is large, the other events are small).
    Ended(Box<Finished>),
    /// A connection ended that was not SMTP after all (reported only when the tracker numbers
    /// nothing itself).
    Gone(ConnId),
}

/// Classifies each connection, feeds the SMTP ones' stream events to their decoder, and records
/// what opened, became a session and ended.
pub(super) struct SessionTracker {
    classify: ClassifyConfig,
    /// Message limits, and the header budget every session of the run shares; `None`: contents
    /// are not decoded into message records ([`Pipeline::dialogue_only`]).
    message: Option<MessageOptions>,
    /// Content taps for new connections (`export`).
    taps: Option<TapFactory>,
    /// Key material to decrypt TLS with.
    tls_keys: Option<Arc<TlsKeys>>,
    /// Open connections, and whether each is numbered yet (once it is known to be SMTP).
    open: FlowMap<ConnId, (Connection, bool)>,
    /// The number the next SMTP session gets; `None` when the tracker numbers nothing itself but
    /// reports [`Tracked::Opened`] and [`Tracked::Numbered`] for someone else to number (the
    /// parallel engine's output stage), the connections keeping the reassembler's ids meanwhile.
    next_session: Option<u64>,
    /// Connections found not to be SMTP since the last segment, for the reassembler to release.
    pub(super) release: Vec<ConnId>,
    /// What happened since the owner last drained it.
    pub(super) events: Vec<Tracked>,
}

impl SessionTracker {
    /// A tracker numbering sessions from `first_id`, or (`None`) reporting what to number.
    pub(super) fn new(config: &ReportConfig, first_id: Option<u64>) -> Self {
        SessionTracker {
            classify: config.classify(),
            message: Some(config.message.clone()),
            taps: None,
            tls_keys: None,
            open: FlowMap::default(),
            next_session: first_id,
            release: Vec::new(),
            events: Vec::new(),
        }
    }

    /// The same tracker, making decoders that decrypt TLS with `keys`.
    pub(super) fn with_tls_keys(mut self, keys: Option<Arc<TlsKeys>>) -> Self {
        self.tls_keys = keys;
        self
    }

    /// The session number of connection `conn` (its id from then on): the next one, or (when the
    /// tracker numbers nothing itself) `conn` still, reporting that it needs one.
    fn number(next_session: &mut Option<u64>, events: &mut Vec<Tracked>, conn: ConnId) -> ConnId {
        match next_session {
            Some(next) => {
                let id = ConnId(*next);
                *next = next.saturating_add(1);
                id
            }
            None => {
                events.push(Tracked::Numbered(conn));
                conn
            }
        }
    }
}

/// The decoder maker of a connection: numbers the session unless `numbered` already (the number is
/// its id from then on), then makes its decoder with the run's message options, content tap and
/// TLS keys.
fn decoders<'a>(
    numbered: bool,
    next_session: &'a mut Option<u64>,
    events: &'a mut Vec<Tracked>,
    message: &'a Option<MessageOptions>,
    taps: &'a mut Option<TapFactory>,
    tls_keys: &'a Option<Arc<TlsKeys>>,
) -> impl FnMut(&mut ConnInfo) -> SmtpDecoder + 'a {
    move |info: &mut ConnInfo| {
        if !numbered {
            info.id = SessionTracker::number(next_session, events, info.id);
        }
        let decoder = match message {
            Some(options) => SmtpDecoder::with_message_options(info, options.clone()),
            None => SmtpDecoder::new(info).without_messages(),
        };
        let mut decoder = decoder.with_tls_keys(tls_keys.clone());
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
                if self.next_session.is_none() {
                    self.events.push(Tracked::Opened(event.conn));
                }
                // On an SMTP port the connection is SMTP from its SYN: numbered now, in open order.
                let numbered = connection.is_smtp();
                if numbered {
                    let id = SessionTracker::number(&mut self.next_session, &mut self.events, event.conn);
                    connection.set_id(id);
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
                    &mut self.events,
                    &self.message,
                    &mut self.taps,
                    &self.tls_keys,
                );
                let parts = connection.finish(summary, &self.classify, &mut make);
                drop(make);
                if let Some(parts) = parts {
                    self.events.push(Tracked::Ended(Box::new(parts)));
                } else if self.next_session.is_none() {
                    self.events.push(Tracked::Gone(event.conn));
                }
            }
            EventKind::Data(_) | EventKind::Gap { .. } | EventKind::Fin => {
                let Some((connection, numbered)) = self.open.get_mut(&event.conn) else {
                    return;
                };
                let mut make = decoders(
                    *numbered,
                    &mut self.next_session,
                    &mut self.events,
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

/// Turns an ended SMTP connection into a reported session: its record (its capture's files, the
/// snap length that cut it, where the capture ended), then its findings (the rules, then the
/// `--severity`/`--only`/`--exclude` selection).
pub(super) struct Finisher {
    pub(super) files: Arc<FileNames>,
    rule_context: RuleContext,
    selection: Selection,
    /// The capture's snap length, once a frame it cut was seen.
    pub(super) snaplen: Option<u32>,
    /// Time of the latest TCP segment so far.
    pub(super) last_ts: Timestamp,
    /// Whether sessions are judged (rules run); not in [`Pipeline::dialogue_only`].
    judge: bool,
}

impl Finisher {
    pub(super) fn new(files: Arc<FileNames>, config: &ReportConfig) -> Self {
        Finisher {
            files,
            rule_context: config.rule_context.clone(),
            selection: config.selection.clone(),
            snaplen: None,
            last_ts: Timestamp::new(0, 0),
            judge: true,
        }
    }

    /// The session of `parts` (numbered already), with its findings.
    pub(super) fn session(&self, parts: Finished) -> Session {
        let mut session = self.record(parts);
        self.judge(&mut session);
        session
    }

    /// The record of `parts`, not judged yet.
    pub(super) fn record(&self, parts: Finished) -> Session {
        let Finished {
            info,
            summary,
            dialogue,
            tunnel,
        } = parts;
        let cut = summary.c2s.snaplen_bytes > 0 || summary.s2c.snaplen_bytes > 0;
        let open_at_end = summary.cause == CloseCause::EndOfInput;
        Session {
            file: self.files.name_of(info.first_frame),
            files: Arc::clone(&self.files),
            snaplen: self.snaplen.filter(|_| cut),
            capture_end: open_at_end.then_some(self.last_ts.max(summary.end)),
            tunnel,
            info,
            summary,
            dialogue,
            findings: Vec::new(),
            dns: Vec::new(),
        }
    }

    /// Runs the rules on `session` (numbered for good: findings name it) and keeps the findings
    /// the selection shows.
    pub(super) fn judge(&self, session: &mut Session) {
        if !self.judge {
            return;
        }
        let mut findings = rules::evaluate(session, &self.rule_context);
        findings.retain(|f| self.selection.shows(f));
        session.findings = findings;
    }
}
