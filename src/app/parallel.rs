//! The parallel engine: one reader, N workers owning connections by flow hash, one ordered output.
//!
//! The reading thread (the caller's) runs the `Front` — every packet's link and IP decoding with
//! IP fragments reassembled, the connection count, the port filter — and sends each SMTP-port
//! segment to the worker its flow hashes to (`Router::route`, the one place where a packet's
//! worker is decided). Segments and the idle-flush ticks that every worker must see are numbered
//! in reading order ("items") and sent in batches. Each worker owns a [`Reassembler`], the SMTP
//! decoders of its connections, the rules and the rendering: what comes back is the finished
//! sessions' bytes.
//!
//! Determinism: each event a worker reports carries a `Tag` that sorts it where the serial
//! [`super::pipeline::Pipeline`] produces it — the item, then, within an idle flush, the
//! connection's last packet time and flow key (the flush order), within a segment the order of the
//! worker's own events, and at the end of the input the order in which connections opened. The
//! output stage (on the reading thread) merges the workers' events by tag behind each worker's
//! watermark, and numbers connections in the order they opened, so ids, findings and order equal
//! the serial run's. Workers learn their connections' ids from the output stage; a session whose
//! id is not known yet when it closes waits (holding its worker's watermark back) until it is.
//!
//! Bounds: at most [`QUEUED_BATCHES`] batches of at most [`BATCH_ITEMS`] items wait per worker,
//! and each worker's reassembler holds its share of the total out-of-order buffer cap
//! (`max_buffered_total / N`), so a run that reaches that cap may report it at other moments than a
//! serial run does. Must not: decode protocol bytes or format output itself.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::hash::BuildHasher;
use std::io;
use std::ops::Range;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, SyncSender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::pipeline::{Closed, Engine, Finisher, Front, SessionTracker, Tracked};
use crate::capture::{self, CaptureStats, Timestamp};
use crate::cli::config::ReportConfig;
use crate::net::{FlowHasher, FlowKey, FlowMap, Segment};
use crate::output::{Printer, SessionRenderer};
use crate::reasm::{ConnId, ReasmLimits, Reassembler};
use crate::rules::{Finding, FindingTally};
use crate::session::RunSummary;

/// Items (segments and ticks) sent to the workers at a time.
pub const BATCH_ITEMS: usize = 1024;
/// Batches waiting per worker before the reader waits for it.
pub const QUEUED_BATCHES: usize = 4;

/// Where an event falls in the serial order (see the module documentation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Tag {
    /// The item during which it happened; `u64::MAX` at the end of the input.
    item: u64,
    /// In an idle flush: the connection's last packet time.
    last_packet: Timestamp,
    /// In an idle flush: the connection's flow.
    flow: Option<FlowKey>,
    /// Within a segment: the worker's events in order; at the end of the input: the item that
    /// opened the connection.
    n: u64,
}

impl Tag {
    /// Before every event of `item`.
    fn start(item: u64) -> Tag {
        Tag {
            item,
            last_packet: Timestamp::new(i64::MIN, 0),
            flow: None,
            n: 0,
        }
    }

    /// The `n`th event of segment `item`.
    fn segment(item: u64, n: u64) -> Tag {
        Tag {
            n,
            ..Tag::start(item)
        }
    }

    /// A connection ended by the idle flush of `item`.
    fn flush(item: u64, last_packet: Timestamp, flow: FlowKey) -> Tag {
        Tag {
            last_packet,
            flow: Some(flow),
            ..Tag::start(item)
        }
    }

    /// A connection opened at item `opened` and ended by the end of the input.
    fn end(opened: u64) -> Tag {
        Tag::segment(u64::MAX, opened)
    }
}

/// What a worker is given to do, in reading order.
#[derive(Debug)]
enum Work {
    /// A segment of one of its connections (its payload, empty here, is that range of the
    /// batch's buffer).
    Segment(Segment<'static>, Range<usize>),
    /// An idle flush at this capture time (or wall-clock time, live).
    Tick(Timestamp),
}

/// Items for one worker, with their payload bytes in one buffer.
#[derive(Debug, Default)]
struct Batch {
    items: Vec<(u64, Work)>,
    payload: Vec<u8>,
    /// Every item up to this one has been dispatched.
    through: u64,
}

impl Batch {
    fn push_segment(&mut self, item: u64, segment: &Segment<'_>) {
        let start = self.payload.len();
        self.payload.extend_from_slice(segment.payload);
        let head = Segment {
            payload: &[],
            ..*segment
        };
        self.items
            .push((item, Work::Segment(head, start..self.payload.len())));
    }
}

/// The reader's messages to a worker.
#[derive(Debug)]
enum ToWorker {
    Batch(Batch),
    /// The input has ended: close every connection.
    Finish,
}

/// What a worker reports.
#[derive(Debug)]
enum Out {
    /// One of its connections opened (it needs an id).
    Opened(ConnId),
    /// A session, rendered, with its findings (for the summary's tally).
    Finished { bytes: Vec<u8>, findings: Vec<Finding> },
}

/// A worker's events since its last report, and how far it has got.
#[derive(Debug)]
struct Report {
    worker: usize,
    events: Vec<(Tag, Out)>,
    /// No later event of this worker sorts before it; `None` once the worker is done.
    watermark: Option<Tag>,
}

/// Which part of the input the worker's latest events belong to.
#[derive(Clone, Copy, Debug)]
enum Context {
    Segment(u64),
    Tick(u64),
    End,
}

/// One decoding thread's state.
struct Worker {
    index: usize,
    reassembler: Reassembler,
    tracker: SessionTracker,
    finisher: Finisher,
    renderer: SessionRenderer,
    /// Ids the output stage gave to connections that are still open (or waiting in `deferred`).
    ids: FlowMap<ConnId, u64>,
    /// The item at which each open connection opened.
    opened_at: FlowMap<ConnId, u64>,
    /// Closed connections whose id is not known yet, with their tags.
    deferred: Vec<(Tag, Box<Closed>)>,
    events: Vec<(Tag, Out)>,
    /// Where sessions are rendered before they are copied out at their size.
    scratch: Vec<u8>,
    ids_in: Receiver<Vec<(ConnId, u64)>>,
    reports: Sender<Report>,
    /// Emptied batches, back to the reader.
    recycle: Sender<Batch>,
}

impl Worker {
    fn run(mut self, batches: Receiver<ToWorker>) {
        while let Ok(message) = batches.recv() {
            match message {
                ToWorker::Batch(mut batch) => {
                    self.learn_ids();
                    for (item, work) in batch.items.drain(..) {
                        self.work(item, work, &batch.payload);
                    }
                    if !self.report(Some(Tag::start(batch.through.saturating_add(1)))) {
                        return;
                    }
                    batch.payload.clear();
                    // The reader fills it again (if it has gone, nothing needs it).
                    let _ = self.recycle.send(batch);
                }
                ToWorker::Finish => return self.end_of_input(),
            }
        }
    }

    fn work(&mut self, item: u64, work: Work, payload: &[u8]) {
        match work {
            Work::Segment(head, range) => {
                let segment = Segment {
                    payload: payload.get(range).unwrap_or_default(),
                    ..head
                };
                self.reassembler.push(&segment, &mut self.tracker);
                self.collect(Context::Segment(item));
            }
            Work::Tick(now) => {
                self.reassembler.flush_idle(now, &mut self.tracker);
                self.collect(Context::Tick(item));
            }
        }
    }

    /// Closes every connection, then waits for the ids of those still waiting for one.
    fn end_of_input(mut self) {
        self.reassembler.finish(&mut self.tracker);
        self.collect(Context::End);
        loop {
            self.learn_ids();
            if self.deferred.is_empty() {
                self.report(None);
                return;
            }
            if !self.report(Some(Tag::start(u64::MAX))) {
                return;
            }
            match self.ids_in.recv() {
                Ok(ids) => {
                    self.ids.extend(ids);
                    self.finish_deferred();
                }
                Err(_) => return,
            }
        }
    }

    /// Tags what the tracker saw during `context` and finishes the sessions it can.
    fn collect(&mut self, context: Context) {
        let tracked = std::mem::take(&mut self.tracker.events);
        for (n, event) in (0u64..).zip(tracked) {
            match event {
                Tracked::Opened(conn) => {
                    if let Context::Segment(item) = context {
                        self.opened_at.insert(conn, item);
                        self.events.push((Tag::segment(item, n), Out::Opened(conn)));
                    }
                }
                Tracked::Closed(closed) => {
                    let conn = closed.info.id;
                    let opened = self.opened_at.remove(&conn).unwrap_or(0);
                    let tag = match context {
                        Context::Segment(item) => Tag::segment(item, n),
                        Context::Tick(item) => Tag::flush(
                            item,
                            closed.summary.end,
                            FlowKey::new(closed.info.client, closed.info.server),
                        ),
                        Context::End => Tag::end(opened),
                    };
                    match self.ids.remove(&conn) {
                        Some(id) => self.finish_session(tag, closed, id),
                        None => self.deferred.push((tag, closed)),
                    }
                }
            }
        }
    }

    /// Takes the ids the output stage has sent, and finishes the sessions that waited for them.
    fn learn_ids(&mut self) {
        let mut learned = false;
        while let Ok(ids) = self.ids_in.try_recv() {
            self.ids.extend(ids);
            learned = true;
        }
        if learned && !self.deferred.is_empty() {
            self.finish_deferred();
        }
    }

    /// Finishes every waiting session whose id is known.
    fn finish_deferred(&mut self) {
        for (tag, closed) in std::mem::take(&mut self.deferred) {
            match self.ids.remove(&closed.info.id) {
                Some(id) => self.finish_session(tag, closed, id),
                None => self.deferred.push((tag, closed)),
            }
        }
    }

    /// Runs the rules on a closed connection numbered `id` and renders its session.
    fn finish_session(&mut self, tag: Tag, closed: Box<Closed>, id: u64) {
        let session = self.finisher.session(*closed, ConnId(id));
        self.scratch.clear();
        // Rendering into a Vec cannot fail.
        let _ = self.renderer.render(&session, &mut self.scratch);
        let bytes = self.scratch.clone();
        let findings = session.findings;
        self.events.push((tag, Out::Finished { bytes, findings }));
    }

    /// Sends the events so far with a watermark no later than any waiting session; false when the
    /// output stage has gone.
    fn report(&mut self, progress: Option<Tag>) -> bool {
        let waiting = self.deferred.iter().map(|(tag, _)| *tag).min();
        let watermark = match (progress, waiting) {
            (Some(p), Some(w)) => Some(p.min(w)),
            (p, w) => p.or(w),
        };
        let report = Report {
            worker: self.index,
            events: std::mem::take(&mut self.events),
            watermark,
        };
        self.reports.send(report).is_ok()
    }
}

/// An event waiting in the output stage, sorted by its tag.
#[derive(Debug)]
struct Pending {
    tag: Tag,
    worker: usize,
    out: Out,
}

impl PartialEq for Pending {
    fn eq(&self, other: &Self) -> bool {
        (self.tag, self.worker) == (other.tag, other.worker)
    }
}

impl Eq for Pending {}

impl PartialOrd for Pending {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Pending {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.tag, self.worker).cmp(&(other.tag, other.worker))
    }
}

/// The output stage: merges the workers' events in serial order, numbers connections, prints.
struct Merger {
    pending: BinaryHeap<Reverse<Pending>>,
    /// Each worker's watermark (`None`: done).
    watermarks: Vec<Option<Tag>>,
    next_id: u64,
    /// Ids to send to each worker.
    assigned: Vec<Vec<(ConnId, u64)>>,
    ids_out: Vec<Sender<Vec<(ConnId, u64)>>>,
    sessions: u64,
    findings: FindingTally,
}

impl Merger {
    fn absorb(&mut self, report: Report) {
        if let Some(watermark) = self.watermarks.get_mut(report.worker) {
            *watermark = report.watermark;
        }
        for (tag, out) in report.events {
            self.pending.push(Reverse(Pending {
                tag,
                worker: report.worker,
                out,
            }));
        }
    }

    fn done(&self) -> bool {
        self.pending.is_empty() && self.watermarks.iter().all(Option::is_none)
    }

    /// Prints every event no worker can still precede, and sends the ids it gave out.
    fn drain(&mut self, printer: &mut dyn Printer) -> io::Result<usize> {
        // Workers that are done (`None`) hold nothing back.
        let limit = self.watermarks.iter().flatten().min().copied();
        let mut printed = 0usize;
        while let Some(Reverse(top)) = self.pending.peek() {
            if limit.is_some_and(|limit| top.tag >= limit) {
                break;
            }
            let Some(Reverse(event)) = self.pending.pop() else {
                break;
            };
            match event.out {
                Out::Opened(conn) => {
                    if let Some(ids) = self.assigned.get_mut(event.worker) {
                        ids.push((conn, self.next_id));
                    }
                    self.next_id = self.next_id.wrapping_add(1);
                }
                Out::Finished { bytes, findings } => {
                    printer.rendered(&bytes)?;
                    self.sessions = self.sessions.saturating_add(1);
                    for finding in &findings {
                        self.findings.add(finding);
                    }
                    printed = printed.saturating_add(1);
                }
            }
        }
        for (ids, out) in self.assigned.iter_mut().zip(&self.ids_out) {
            if !ids.is_empty() {
                // A worker that has gone needs no ids.
                let _ = out.send(std::mem::take(ids));
            }
        }
        Ok(printed)
    }
}

/// Decides which worker each packet goes to.
struct Router {
    hasher: FlowHasher,
    workers: u64,
}

impl Router {
    /// The worker that owns the flow of `segment`: the one place where a packet's worker is
    /// decided (a connection's packets all go to the same worker, in reading order).
    fn route(&self, segment: &Segment<'_>) -> usize {
        let hash = self.hasher.hash_one(FlowKey::new(segment.src, segment.dst));
        usize::try_from(hash % self.workers.max(1)).unwrap_or(0)
    }
}

/// The parallel engine (see the module documentation).
pub struct Parallel {
    front: Front,
    router: Router,
    /// The number of the last item dispatched (items count from 1).
    item: u64,
    filling: Vec<Batch>,
    unsent: usize,
    /// Live runs: the longest an item waits before its batch is sent.
    latency: Option<Duration>,
    last_send: Instant,
    to_workers: Vec<SyncSender<ToWorker>>,
    reports: Receiver<Report>,
    /// Batches the workers have emptied, to be filled again.
    recycled: Receiver<Batch>,
    handles: Vec<JoinHandle<()>>,
    merger: Merger,
}

impl Parallel {
    /// An engine of `threads` workers for the capture `file`, numbering sessions from `first_id`
    /// and rendering them with `renderer`; `latency` bounds how long a live run's packets wait.
    pub fn new(
        config: &ReportConfig,
        file: Arc<str>,
        first_id: u64,
        renderer: SessionRenderer,
        latency: Option<Duration>,
    ) -> Self {
        let threads = config.threads.max(1);
        let limits = ReasmLimits {
            max_buffered_total: config.limits.max_buffered_total / threads,
            ..config.limits
        };
        let (report_tx, reports) = mpsc::channel();
        let (recycle_tx, recycled) = mpsc::channel();
        let mut to_workers = Vec::with_capacity(threads);
        let mut ids_out = Vec::with_capacity(threads);
        let mut handles = Vec::with_capacity(threads);
        for index in 0..threads {
            let (batch_tx, batches) = mpsc::sync_channel(QUEUED_BATCHES);
            let (id_tx, ids_in) = mpsc::channel();
            let worker = Worker {
                index,
                reassembler: Reassembler::new(limits, config.ports.clone()),
                tracker: SessionTracker::new(true),
                finisher: Finisher::new(file.clone(), config),
                renderer,
                ids: FlowMap::default(),
                opened_at: FlowMap::default(),
                deferred: Vec::new(),
                events: Vec::new(),
                scratch: Vec::new(),
                ids_in,
                reports: report_tx.clone(),
                recycle: recycle_tx.clone(),
            };
            let handle = std::thread::Builder::new()
                .name(format!("smtpscope-worker-{index}"))
                .spawn(move || worker.run(batches));
            match handle {
                Ok(handle) => {
                    handles.push(handle);
                    to_workers.push(batch_tx);
                    ids_out.push(id_tx);
                }
                // Fewer threads than asked: the flows are spread over those that started.
                Err(_) => break,
            }
        }
        let workers = to_workers.len();
        Parallel {
            front: Front::new(config.ports.clone()),
            router: Router {
                hasher: FlowHasher::default(),
                workers: workers as u64,
            },
            item: 0,
            filling: (0..workers).map(|_| Batch::default()).collect(),
            unsent: 0,
            latency,
            last_send: Instant::now(),
            to_workers,
            reports,
            recycled,
            handles,
            merger: Merger {
                pending: BinaryHeap::new(),
                watermarks: vec![Some(Tag::start(0)); workers],
                next_id: first_id,
                assigned: vec![Vec::new(); workers],
                ids_out,
                sessions: 0,
                findings: FindingTally::default(),
            },
        }
    }

    /// Whether any worker started (without one, nothing can be decoded in parallel).
    pub fn started(&self) -> bool {
        !self.to_workers.is_empty()
    }

    /// An idle flush every worker performs at this point of the input.
    fn broadcast_tick(&mut self, now: Timestamp) {
        self.item = self.item.saturating_add(1);
        self.unsent = self.unsent.saturating_add(1);
        for batch in &mut self.filling {
            batch.items.push((self.item, Work::Tick(now)));
        }
    }

    /// Sends every worker its batch (empty ones too: they carry the progress).
    fn send(&mut self) {
        for (batch, to) in self.filling.iter_mut().zip(&self.to_workers) {
            let empty = self.recycled.try_recv().unwrap_or_default();
            let mut full = std::mem::replace(batch, empty);
            full.through = self.item;
            // A worker that has gone is noticed when the engine finishes.
            let _ = to.send(ToWorker::Batch(full));
        }
        self.unsent = 0;
        self.last_send = Instant::now();
    }

    fn send_due(&self) -> bool {
        self.unsent >= BATCH_ITEMS
            || (self.unsent > 0 && self.latency.is_some_and(|l| self.last_send.elapsed() >= l))
    }

    /// Waits for the workers' reports until every one is done, printing as the order allows.
    fn collect_to_end(&mut self, printer: &mut dyn Printer) -> io::Result<()> {
        while !self.merger.done() {
            match self.reports.recv_timeout(Duration::from_millis(200)) {
                Ok(report) => self.merger.absorb(report),
                Err(RecvTimeoutError::Timeout) => {
                    if self.handles.iter().any(JoinHandle::is_finished) && !self.all_reports_in() {
                        return Err(worker_failed());
                    }
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => {
                    if !self.merger.done() {
                        return Err(worker_failed());
                    }
                    break;
                }
            }
            while let Ok(report) = self.reports.try_recv() {
                self.merger.absorb(report);
            }
            self.merger.drain(printer)?;
        }
        Ok(())
    }

    /// Whether every worker that has ended said it was done (none stopped early).
    fn all_reports_in(&self) -> bool {
        self.handles
            .iter()
            .zip(&self.merger.watermarks)
            .all(|(handle, watermark)| !handle.is_finished() || watermark.is_none())
    }

    /// Stops the workers (they end when their channels close) and waits for them.
    fn stop(&mut self) -> bool {
        self.to_workers.clear();
        self.merger.ids_out.clear();
        let mut clean = true;
        for handle in self.handles.drain(..) {
            clean &= handle.join().is_ok();
        }
        clean
    }
}

fn worker_failed() -> io::Error {
    io::Error::other("a decoding thread stopped unexpectedly; the report is incomplete")
}

impl Engine for Parallel {
    fn on_packet(&mut self, packet: &capture::Packet<'_>) {
        if self.front.idle.due(packet.ts) {
            self.broadcast_tick(packet.ts);
        }
        let Some(segment) = self.front.segment(packet) else {
            return;
        };
        let worker = self.router.route(&segment);
        self.item = self.item.saturating_add(1);
        self.unsent = self.unsent.saturating_add(1);
        if let Some(batch) = self.filling.get_mut(worker) {
            batch.push_segment(self.item, &segment);
        }
    }

    fn tick(&mut self, now: Timestamp) {
        self.broadcast_tick(now);
        self.front.idle.flushed(now);
    }

    fn print_finished(&mut self, printer: &mut dyn Printer) -> io::Result<usize> {
        if !self.send_due() {
            return Ok(0);
        }
        self.send();
        while let Ok(report) = self.reports.try_recv() {
            self.merger.absorb(report);
        }
        self.merger.drain(printer)
    }

    fn finish(&mut self, printer: &mut dyn Printer) -> io::Result<()> {
        self.front.count_expired_fragments();
        self.send();
        for to in &self.to_workers {
            let _ = to.send(ToWorker::Finish);
        }
        let collected = self.collect_to_end(printer);
        let clean = self.stop();
        collected?;
        if clean {
            Ok(())
        } else {
            Err(worker_failed())
        }
    }

    fn add_to(&self, summary: &mut RunSummary, source: &CaptureStats) {
        self.front.add_to(summary, source);
        summary.sessions = summary.sessions.saturating_add(self.merger.sessions);
        summary.findings.merge(&self.merger.findings);
    }

    fn next_id(&self) -> u64 {
        self.merger.next_id
    }
}

impl Drop for Parallel {
    fn drop(&mut self) {
        self.stop();
    }
}
