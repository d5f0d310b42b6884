//! One capture's worth of decoding on the calling thread: packet → [`Decoder`] → [`Reassembler`] →
//! [`SmtpDecoder`] → rules → the flow stage (DNS lookups linked, the mail-flow table) → [`Session`]
//! → printer, and the parts of that chain the parallel engine ([`super::parallel`]) shares: the
//! front (decoding, DNS, the port filter) with its idle-flush clock, the tracker of each
//! connection's SMTP decoder, the step that turns a closed connection into a reported session, and
//! the flow stage.
//!
//! Owns the order sessions are reported in (the contract the parallel engine reproduces): a
//! session is reported when its connection ends — at the packet that ends it (FIN, RST, port
//! reuse, or a packet arriving after the idle timeout), at an idle flush (once per second of
//! capture time, or on a live run's clock tick, in the order of the connections' last packets), or
//! at the end of the input (in the order the connections opened). A session is linked to the DNS
//! lookups that finished before it was reported, those of the packet that ended it included. Must
//! not: parse protocol bytes or format output itself.

use std::io;
use std::sync::Arc;

use crate::capture::{self, CaptureStats, PacketSource, Timestamp};
use crate::cli::config::ReportConfig;
use crate::dns::{DnsTracker, Lookup};
use crate::flow::{FlowTable, Linker};
use crate::net::{Decoder, Direction, FlowMap, PortSet, Skip};
use crate::output::Printer;
use crate::reasm::counter::ConnectionCounter;
use crate::reasm::{ConnId, ConnInfo, ConnSummary, EventKind, Reassembler, StreamEvent, StreamSink};
use crate::rules::{self, Finding, RuleContext, Selection};
use crate::session::{RunSummary, Session};
use crate::smtp::dialogue::Position;
use crate::smtp::{Dialogue, SmtpDecoder};

/// Capture seconds between two idle-flush passes.
const IDLE_FLUSH_INTERVAL_SECS: u64 = 1;

/// A decoding engine for one capture: the serial [`Pipeline`] or the parallel one. Both report the
/// same sessions, with the same ids, in the same order.
pub trait Engine {
    /// Takes one packet.
    fn on_packet(&mut self, packet: &capture::Packet<'_>);

    /// Lets time pass without a packet (live capture): ends connections idle past the timeout.
    fn tick(&mut self, now: Timestamp);

    /// Prints the sessions that have ended (as far as the engine knows yet), and says how many.
    ///
    /// # Errors
    /// Writing failed.
    fn print_finished(&mut self, printer: &mut dyn Printer) -> io::Result<usize>;

    /// Ends every open connection and prints the remaining sessions.
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
    loop {
        match source.next_packet() {
            Ok(Some(packet)) => engine.on_packet(&packet),
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
/// reassembly, the Wireshark-style connection count, DNS (UDP, and TCP port 53), and the SMTP port
/// filter.
pub(super) struct Front {
    ports: PortSet,
    decoder: Decoder,
    connections: ConnectionCounter,
    /// DNS over UDP and TCP port 53, beside SMTP.
    dns: DnsSide,
    /// The TCP streams of DNS over TCP.
    dns_reassembler: Reassembler,
    /// Packets skipped, by reason.
    skipped: RunSummary,
    pub(super) idle: IdleClock,
}

impl Front {
    pub(super) fn new(config: &ReportConfig) -> Self {
        Front {
            ports: config.ports.clone(),
            decoder: Decoder::new(),
            connections: ConnectionCounter::new(),
            dns: DnsSide::default(),
            dns_reassembler: Reassembler::new(config.limits, PortSet::new(&[crate::dns::PORT])),
            skipped: RunSummary::default(),
            idle: IdleClock::default(),
        }
    }

    /// The TCP segment of `packet` when it belongs to an SMTP port; DNS goes to the DNS side, the
    /// rest is counted.
    pub(super) fn segment<'p>(
        &'p mut self,
        packet: &'p capture::Packet<'_>,
    ) -> Option<crate::net::Segment<'p>> {
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
        self.connections.observe(&segment);
        let smtp = self.ports.contains(segment.src.port()) || self.ports.contains(segment.dst.port());
        let dns_port = crate::dns::PORT;
        if !smtp && (segment.src.port() == dns_port || segment.dst.port() == dns_port) {
            self.dns_reassembler.push(&segment, &mut self.dns);
            return None;
        }
        if !smtp {
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

    /// The end of the input: fragments still held are dropped, DNS streams and pending lookups end.
    pub(super) fn finish(&mut self) {
        self.count_expired_fragments();
        self.dns_reassembler.finish(&mut self.dns);
        self.dns.tracker.finish();
    }

    fn count_expired_fragments(&mut self) {
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
/// table, the capture-wide findings they make, and the counts of what was reported.
pub(super) struct FlowStage {
    linker: Linker,
    flows: FlowTable,
    selection: Selection,
    local: RunSummary,
}

impl FlowStage {
    pub(super) fn new(config: &ReportConfig) -> Self {
        FlowStage {
            linker: Linker::new(),
            flows: FlowTable::new(),
            selection: config.selection.clone(),
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

    /// A session as it is reported: into the mail-flow table and the counts.
    pub(super) fn reported(&mut self, session: &Session) {
        self.flows.session(session);
        self.local.sessions = self.local.sessions.saturating_add(1);
        for finding in &session.findings {
            self.local.findings.add(finding);
        }
    }

    /// After the last session: the mail-flow table, then the capture-wide findings (dns-lookup-failed,
    /// retry-storm, connection-churn).
    pub(super) fn finish(&mut self, printer: &mut dyn Printer) -> io::Result<()> {
        let (flows, cross) = self.flows.finish(&self.selection);
        printer.flows(&flows)?;
        let mut findings: Vec<Finding> = self.linker.finish(&self.selection);
        findings.extend(cross);
        for finding in &findings {
            self.local.findings.add(finding);
            printer.capture_finding(finding)?;
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

    /// Adds the sessions, findings and counters reported to `summary`.
    pub(super) fn add_to(&self, summary: &mut RunSummary) {
        summary.sessions = summary.sessions.saturating_add(self.local.sessions);
        summary.findings.merge(&self.local.findings);
        for (reason, n) in &self.local.skipped {
            summary.skip(reason, *n);
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
        Pipeline {
            front: Front::new(config),
            reassembler: Reassembler::with_first_id(config.limits, config.ports.clone(), ConnId(first_id)),
            tracker: SessionTracker::new(false),
            finisher: Finisher::new(file, config),
            finished: Vec::new(),
            flow: FlowStage::new(config),
        }
    }

    /// Turns the connections the tracker saw close into sessions (ids are the reassembler's).
    fn collect(&mut self) {
        for tracked in self.tracker.events.drain(..) {
            if let Tracked::Closed(closed) = tracked {
                let id = closed.info.id;
                self.finished.push(self.finisher.session(*closed, id));
            }
        }
    }
}

impl Engine for Pipeline {
    fn on_packet(&mut self, packet: &capture::Packet<'_>) {
        if self.front.idle.due(packet.ts) {
            self.reassembler.flush_idle(packet.ts, &mut self.tracker);
            self.front.flush_dns(packet.ts);
        }
        if let Some(segment) = self.front.segment(packet) {
            self.reassembler.push(&segment, &mut self.tracker);
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
            self.flow.reported(&session);
            printer.session(&session)?;
            printed = printed.saturating_add(1);
        }
        Ok(printed)
    }

    fn finish(&mut self, printer: &mut dyn Printer) -> io::Result<()> {
        self.reassembler.finish(&mut self.tracker);
        self.front.finish();
        self.collect();
        self.print_finished(printer)?;
        self.flow.finish(printer)
    }

    fn add_to(&self, summary: &mut RunSummary, source: &CaptureStats) {
        self.front.add_to(summary, source);
        self.flow.add_to(summary);
    }

    fn next_id(&self) -> u64 {
        self.reassembler.next_id().0
    }
}

/// A connection that has ended, before it becomes a reported [`Session`].
#[derive(Debug)]
pub(super) struct Closed {
    pub(super) info: ConnInfo,
    pub(super) summary: ConnSummary,
    pub(super) dialogue: Dialogue,
}

/// What the tracker saw, in order.
#[derive(Debug)]
pub(super) enum Tracked {
    /// A connection opened (reported only when the tracker was asked to).
    Opened(ConnId),
    /// A connection ended (boxed: a dialogue is large, an open is small).
    Closed(Box<Closed>),
}

/// Feeds each connection's stream events to its SMTP decoder and records what opened and closed.
pub(super) struct SessionTracker {
    report_opens: bool,
    /// Boxed: a decoder is about a kilobyte, and the table moves its entries as connections come
    /// and go.
    open: FlowMap<ConnId, Box<(ConnInfo, SmtpDecoder)>>,
    /// What happened since the owner last drained it.
    pub(super) events: Vec<Tracked>,
}

impl SessionTracker {
    /// A tracker; `report_opens` adds a [`Tracked::Opened`] for each connection.
    pub(super) fn new(report_opens: bool) -> Self {
        SessionTracker {
            report_opens,
            open: FlowMap::default(),
            events: Vec::new(),
        }
    }
}

impl StreamSink for SessionTracker {
    fn on_event(&mut self, event: StreamEvent<'_>) {
        match event.kind {
            EventKind::Open(info) => {
                let decoder = SmtpDecoder::new(&info);
                self.open.insert(event.conn, Box::new((info, decoder)));
                if self.report_opens {
                    self.events.push(Tracked::Opened(event.conn));
                }
            }
            EventKind::Close(summary) => {
                if let Some(open) = self.open.remove(&event.conn) {
                    let (info, decoder) = *open;
                    let dialogue = decoder.finish(summary.cause);
                    self.events.push(Tracked::Closed(Box::new(Closed {
                        info,
                        summary,
                        dialogue,
                    })));
                }
            }
            EventKind::Data(_) | EventKind::Gap { .. } | EventKind::Fin => {
                if let Some(open) = self.open.get_mut(&event.conn) {
                    open.1.on_event(&event);
                }
            }
        }
    }
}

/// Turns a closed connection into a reported session: its id, its findings (the rules, then the
/// `--severity`/`--only`/`--exclude` selection).
#[derive(Clone, Debug)]
pub(super) struct Finisher {
    file: Arc<str>,
    rule_context: RuleContext,
    selection: Selection,
}

impl Finisher {
    pub(super) fn new(file: Arc<str>, config: &ReportConfig) -> Self {
        Finisher {
            file,
            rule_context: config.rule_context.clone(),
            selection: config.selection.clone(),
        }
    }

    /// The session of `closed`, numbered `id`, with its findings.
    pub(super) fn session(&self, closed: Closed, id: ConnId) -> Session {
        let mut session = self.record(closed, id);
        self.judge(&mut session);
        session
    }

    /// The record of `closed`, numbered `id`, not judged yet.
    pub(super) fn record(&self, closed: Closed, id: ConnId) -> Session {
        let Closed {
            mut info,
            summary,
            dialogue,
        } = closed;
        info.id = id;
        Session {
            file: self.file.clone(),
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
        let mut findings = rules::evaluate(session, &self.rule_context);
        findings.retain(|f| self.selection.shows(f));
        session.findings = findings;
    }
}
