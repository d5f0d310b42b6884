//! The parallel engine: one reader, N workers owning connections by flow hash, one ordered output.
//!
//! The reading thread (the caller's) runs the `Front` — every packet's link and IP decoding with
//! IP fragments reassembled, copies from another interface dropped, the snap length noted, the
//! connection count, DNS, `--only-ports` — and sends each TCP segment to the worker its flow
//! hashes to (`Router::route`, the one place where a packet's worker is decided). Every packet (and
//! every live clock tick) is an "item", numbered in reading order; what each worker must see of an
//! item — its segments, the idle flush every worker does, the DNS lookups that finished (which
//! every worker links its sessions to), a snap length seen for the first time — goes in batches.
//! Each worker owns a [`Reassembler`] (with its share of the connection budget and of the
//! out-of-order buffer), the session classifier and SMTP decoders of its connections (with the
//! run's message options and TLS keys), releases the connections that are not SMTP, runs the rules,
//! the DNS linking and the rendering: what comes back is the finished sessions, rendered.
//!
//! Determinism: each event a worker reports carries a `Tag` that sorts it where the serial
//! [`super::pipeline::Pipeline`] produces it — the item, then its idle flush (in the order of the
//! connections' last packet times and flow keys) before its segment (in the order of the worker's
//! own events), and at the end of the input the order in which connections opened. The lookups
//! that finish during an item reach the workers before the item's flush and segment, as the serial
//! run links a session after the whole packet that ended it. The output stage (on the reading
//! thread) merges the workers' events by tag behind each worker's watermark, numbers sessions in
//! the order they became known to be SMTP (the classifier's verdict is a worker's event like any
//! other), feeds the mail-flow table and the `--session`/`--host`/… selection in that order, so
//! ids, findings, links and order equal the serial run's. Workers learn their sessions' ids from
//! the output stage; a session whose id is not known yet when it ends waits (holding its worker's
//! watermark back) until it is. Printed sessions go back to their worker with the ids, to be freed
//! by the thread that allocated them. At the end the workers' connection budget records are merged
//! (`connection-flood` names the whole run's budget).
//!
//! What only a serial run keeps (`super::engine` chooses it then): one order of eviction over
//! every connection when `--max-connections` is given (each worker follows its share of the
//! default budget, so a capture that overflows it may see other connections evicted than a serial
//! run would — the same ones in every run, as flows are split by a fixed hash), and master
//! secrets learned from RSA-decrypted sessions for the later connections that resume them
//! (`--tls-key`). The message header budget is shared by every worker, as by
//! every session of a serial run; a capture that exhausts it may see it exhausted at other
//! messages.
//!
//! This module holds the reading side, the messages between the threads and the contract; a
//! worker's side is in `worker.rs`, the output stage in `merge.rs`.
//!
//! Bounds: at most [`QUEUED_BATCHES`] batches of at most [`BATCH_ITEMS`] items and about
//! [`BATCH_BYTES`] bytes of payload wait per worker, each worker's reassembler holds its share of
//! the connection budget and of the total out-of-order buffer cap ([`crate::reasm::ReasmLimits::share`]),
//! and sessions still open at the end are ended a batch at a time, each worker waiting while more
//! than [`END_BACKLOG`] of its sessions wait to be printed. Must not: decode
//! protocol bytes or format output itself.

use std::collections::BinaryHeap;
use std::hash::BuildHasher;
use std::io;
use std::ops::Range;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender, TrySendError};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

mod merge;
mod worker;

use super::pipeline::{Engine, Finisher, FlowStage, Front, SessionTracker, END_BATCH};
use crate::capture::set::FileNames;
use crate::capture::{self, CaptureStats, Timestamp};
use crate::cli::config::ReportConfig;
use crate::dns::Lookup;
use crate::net::{FlowHasher, FlowKey, FlowMap, Segment};
use crate::output::{Printer, SessionRenderer};
use crate::reasm::{ConnId, FloodStats, Reassembler};
use crate::session::{RunSummary, Session};
use crate::tls::TlsKeys;
use merge::Merger;
use worker::Worker;

/// Items (segments and ticks) sent to the workers at a time, at most.
pub const BATCH_ITEMS: usize = 1024;
/// Payload bytes sent to the workers at a time, at most: small enough that a batch is still in
/// the caches when its worker reads it.
pub const BATCH_BYTES: usize = 256 * 1024;
/// Batches waiting per worker before the reader waits for it.
pub const QUEUED_BATCHES: usize = 4;

/// Sessions a worker may have sent that the output stage has not printed yet, while it ends the
/// connections still open at the end of the input (beyond, it waits before ending more): without
/// it a worker that ends its sessions faster than the output stage prints the other workers'
/// would pile them up in the output stage.
pub const END_BACKLOG: usize = 2 * END_BATCH;

/// How many of a worker's sessions wait in the output stage (see [`END_BACKLOG`]).
#[derive(Debug, Default)]
struct Backlog {
    sessions: Mutex<usize>,
    printed: Condvar,
}

impl Backlog {
    fn add(&self, sessions: usize) {
        let mut waiting = self.sessions.lock().unwrap_or_else(PoisonError::into_inner);
        *waiting = waiting.saturating_add(sessions);
    }

    fn printed(&self, sessions: usize) {
        let mut waiting = self.sessions.lock().unwrap_or_else(PoisonError::into_inner);
        *waiting = waiting.saturating_sub(sessions);
        self.printed.notify_all();
    }

    /// Waits at most `timeout` for at most `most` sessions to wait; whether they do.
    fn at_most(&self, most: usize, timeout: Duration) -> bool {
        let waiting = self.sessions.lock().unwrap_or_else(PoisonError::into_inner);
        let (waiting, _) = self
            .printed
            .wait_timeout_while(waiting, timeout, |waiting| *waiting > most)
            .unwrap_or_else(PoisonError::into_inner);
        *waiting <= most
    }
}

/// Where an event falls in the serial order (see the module documentation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Tag {
    /// The item during which it happened; `u64::MAX` at the end of the input.
    item: u64,
    /// 0: the item's idle flush; 1: its segment.
    phase: u8,
    /// In an idle flush: the connection's last packet time.
    last_packet: Timestamp,
    /// In an idle flush: the connection's flow.
    flow: Option<FlowKey>,
    /// Within a segment: the worker's events in order; at the end of the input: the item that
    /// opened the connection.
    n: u64,
    /// For one connection at one moment: 0 when it is numbered, 1 when it ends.
    sub: u8,
}

impl Tag {
    /// Before every event of `item`.
    fn start(item: u64) -> Tag {
        Tag {
            item,
            phase: 0,
            last_packet: Timestamp::new(i64::MIN, 0),
            flow: None,
            n: 0,
            sub: 0,
        }
    }

    /// The `n`th event of segment `item`.
    fn segment(item: u64, n: u64) -> Tag {
        Tag {
            phase: 1,
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

    /// The same moment, for the connection's end rather than its numbering.
    fn ending(self) -> Tag {
        Tag { sub: 1, ..self }
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
    /// DNS lookups that finished, for linking.
    Lookups(Arc<[Lookup]>),
    /// The capture's snap length, as first seen (or grown) at this item.
    Snaplen(u32),
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
    /// The input has ended (its last TCP segment at this time): close every connection.
    Finish(Timestamp),
}

/// What a worker reports.
#[derive(Debug)]
enum Out {
    /// One of its connections became a session (it needs an id).
    Numbered(ConnId),
    /// A session, rendered, with its record (for the mail-flow table and the summary).
    Finished { bytes: Vec<u8>, session: Box<Session> },
}

/// What the output stage sends a worker back.
#[derive(Debug, Default)]
struct Back {
    /// The ids of its connections that became sessions.
    ids: Vec<(ConnId, u64)>,
    /// Its sessions, printed, to be dropped where they were made: freeing memory on the output
    /// thread that a worker allocated makes the two contend for the allocator's lock on that
    /// worker's memory (the output thread then sleeps on it, and the workers run out of work).
    spent: Vec<(Vec<u8>, Box<Session>)>,
}

impl Back {
    fn is_empty(&self) -> bool {
        self.ids.is_empty() && self.spent.is_empty()
    }
}

/// A closed connection linked to its lookups, waiting to be numbered and judged.
#[derive(Debug)]
struct Linked {
    /// The record, numbered with the worker's own id for now.
    session: Box<Session>,
    /// The lookups it was linked to.
    dns: Vec<Lookup>,
    /// The findings of the linking (their `session` is set once the id is known).
    findings: Vec<crate::rules::Finding>,
}

/// A worker's events since its last report, and how far it has got.
#[derive(Debug)]
struct Report {
    worker: usize,
    events: Vec<(Tag, Out)>,
    /// No later event of this worker sorts before it; `None` once the worker is done.
    watermark: Option<Tag>,
    /// With the last report: the worker's connection budget record, and the segments of the
    /// connections it released (not SMTP).
    end: Option<(FloodStats, u64)>,
}

/// Which part of the input the worker's latest events belong to.
#[derive(Clone, Copy, Debug)]
enum Context {
    Segment(u64),
    Tick(u64),
    End,
}

/// Decides which worker each packet goes to, the same way in every run ([`FlowHasher::fixed`]).
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
    /// The capture's files (frame references name them).
    files: Arc<FileNames>,
    /// The whole run's connection budget (each worker follows its share).
    max_connections: usize,
    router: Router,
    /// The number of the last item dispatched (items count from 1).
    item: u64,
    filling: Vec<Batch>,
    unsent: usize,
    /// Payload bytes in the batches being filled.
    unsent_bytes: usize,
    /// Live runs: the longest an item waits before its batch is sent.
    latency: Option<Duration>,
    last_send: Instant,
    to_workers: Vec<SyncSender<ToWorker>>,
    reports: Receiver<Report>,
    /// Batches the workers have emptied, to be filled again.
    recycled: Receiver<Batch>,
    handles: Vec<JoinHandle<()>>,
    merger: Merger,
    /// The output stage's flow stage: the mail-flow table, and the lookups for the capture-wide
    /// findings.
    flow: FlowStage,
}

impl Parallel {
    /// An engine of `threads` workers for the capture `file`, numbering sessions from `first_id`
    /// and rendering them with `renderer`; `latency` bounds how long a live run's packets wait.
    pub fn new(
        config: &ReportConfig,
        files: Arc<FileNames>,
        first_id: u64,
        renderer: SessionRenderer,
        latency: Option<Duration>,
        tls_keys: Option<Arc<TlsKeys>>,
    ) -> Self {
        let threads = config.threads.max(1);
        let limits = config.limits.share(threads);
        let (report_tx, reports) = mpsc::channel();
        let (recycle_tx, recycled) = mpsc::channel();
        let mut to_workers = Vec::with_capacity(threads);
        let mut back_out = Vec::with_capacity(threads);
        let mut handles = Vec::with_capacity(threads);
        let mut backlogs = Vec::with_capacity(threads);
        for index in 0..threads {
            let (batch_tx, batches) = mpsc::sync_channel(QUEUED_BATCHES);
            let (back_tx, back) = mpsc::channel();
            let backlog = Arc::new(Backlog::default());
            let worker = Worker {
                index,
                reassembler: Reassembler::new(limits, config.ports.clone()),
                tracker: SessionTracker::new(config, None).with_tls_keys(tls_keys.clone()),
                finisher: Finisher::new(Arc::clone(&files), config),
                flow: FlowStage::new(config),
                renderer,
                ids: FlowMap::default(),
                opened_at: FlowMap::default(),
                deferred: Vec::new(),
                events: Vec::new(),
                scratch: Vec::new(),
                back,
                reports: report_tx.clone(),
                recycle: recycle_tx.clone(),
                end: None,
                backlog: Arc::clone(&backlog),
            };
            let handle = std::thread::Builder::new()
                .name(format!("smtpscope-worker-{index}"))
                .spawn(move || worker.run(batches));
            match handle {
                Ok(handle) => {
                    handles.push(handle);
                    to_workers.push(batch_tx);
                    back_out.push(back_tx);
                    backlogs.push(backlog);
                }
                // Fewer threads than asked: the flows are spread over those that started.
                Err(_) => break,
            }
        }
        let workers = to_workers.len();
        Parallel {
            front: Front::new(config, &files),
            files,
            max_connections: config.limits.max_connections,
            router: Router {
                hasher: FlowHasher::fixed(),
                workers: workers as u64,
            },
            item: 0,
            filling: (0..workers).map(|_| Batch::default()).collect(),
            unsent: 0,
            unsent_bytes: 0,
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
                back: (0..workers).map(|_| Back::default()).collect(),
                back_out,
                backlogs,
                flood: FloodStats::default(),
                released_segments: 0,
            },
            flow: FlowStage::new(config),
        }
    }

    /// Whether any worker started (without one, nothing can be decoded in parallel).
    pub fn started(&self) -> bool {
        !self.to_workers.is_empty()
    }

    /// Starts the next item.
    fn next_item(&mut self) -> u64 {
        self.item = self.item.saturating_add(1);
        self.unsent = self.unsent.saturating_add(1);
        self.item
    }

    /// Work every worker does in `item`, before the last `pushed(worker)` items of its batch.
    fn broadcast(&mut self, item: u64, work: Work, pushed: impl Fn(usize) -> usize) {
        for (worker, batch) in self.filling.iter_mut().enumerate() {
            let copy = match &work {
                Work::Tick(now) => Work::Tick(*now),
                Work::Snaplen(n) => Work::Snaplen(*n),
                Work::Lookups(lookups) => Work::Lookups(Arc::clone(lookups)),
                Work::Segment(..) => continue,
            };
            let at = batch.items.len().saturating_sub(pushed(worker));
            batch.items.insert(at, (item, copy));
        }
    }

    /// Gives the lookups that finished during `item` to the output stage and to every worker,
    /// ahead of that item's other work (the last `pushed(worker)` items of each batch).
    fn share_lookups(&mut self, item: u64, pushed: impl Fn(usize) -> usize) {
        let lookups = self.front.take_lookups();
        if lookups.is_empty() {
            return;
        }
        for lookup in &lookups {
            self.flow.lookup(lookup.clone());
        }
        self.broadcast(item, Work::Lookups(lookups.into()), pushed);
    }

    /// Sends every worker its batch (empty ones too: they carry the progress).
    ///
    /// A worker whose queue is full keeps its batch and goes on filling it, so that the reader
    /// does not wait for that worker while the others run out of work; the reader waits only
    /// once the batch holds as much as a whole send ([`BATCH_ITEMS`] items or [`BATCH_BYTES`]
    /// bytes), or when `wait` (the end of the input).
    fn send(&mut self, wait: bool) {
        let mut kept = false;
        for (batch, to) in self.filling.iter_mut().zip(&self.to_workers) {
            let mut full = std::mem::take(batch);
            full.through = self.item;
            let grown = full.items.len() >= BATCH_ITEMS || full.payload.len() >= BATCH_BYTES;
            let message = ToWorker::Batch(full);
            if wait || grown {
                // A worker that has gone is noticed when the engine finishes.
                let _ = to.send(message);
            } else if let Err(TrySendError::Full(ToWorker::Batch(full))) = to.try_send(message) {
                *batch = full;
                kept = true;
                continue;
            }
            *batch = self.recycled.try_recv().unwrap_or_default();
        }
        // A batch kept back is offered again at the next send.
        self.unsent = usize::from(kept);
        self.unsent_bytes = 0;
        self.last_send = Instant::now();
    }

    fn send_due(&self) -> bool {
        self.unsent >= BATCH_ITEMS
            || self.unsent_bytes >= BATCH_BYTES
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
            self.merger
                .drain(printer, &mut self.flow, &self.front.frame_flows)?;
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
        self.merger.back_out.clear();
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
    fn prepare(&mut self, format: capture::Format) {
        self.front.prepare(format);
    }

    fn on_packet(&mut self, packet: &capture::Packet<'_>) {
        let item = self.next_item();
        let flush = self.front.idle.due(packet.ts);
        if flush {
            self.front.flush_dns(packet.ts);
            self.broadcast(item, Work::Tick(packet.ts), |_| 0);
        }
        let snaplen = self.front.snaplen;
        let mut owner = None;
        if let Some(segment) = self.front.segment(packet) {
            let worker = self.router.route(&segment);
            if let Some(batch) = self.filling.get_mut(worker) {
                batch.push_segment(item, &segment);
                self.unsent_bytes = self.unsent_bytes.saturating_add(segment.payload.len());
                owner = Some(worker);
            }
        }
        let pushed = |w: usize| usize::from(owner == Some(w));
        // A snap length first seen in this packet applies from its segment on (not to what its
        // idle flush ended), as in the serial engine.
        let grown = self.front.snaplen.filter(|now| Some(*now) != snaplen);
        if let Some(grown) = grown {
            self.broadcast(item, Work::Snaplen(grown), pushed);
        }
        let snap = usize::from(grown.is_some());
        self.share_lookups(item, |w| usize::from(flush) + snap + pushed(w));
    }

    fn tick(&mut self, now: Timestamp) {
        let item = self.next_item();
        self.front.flush_dns(now);
        self.broadcast(item, Work::Tick(now), |_| 0);
        self.front.idle.flushed(now);
        self.share_lookups(item, |_| 1);
    }

    fn print_finished(&mut self, printer: &mut dyn Printer) -> io::Result<usize> {
        if !self.send_due() {
            return Ok(0);
        }
        self.send(false);
        while let Ok(report) = self.reports.try_recv() {
            self.merger.absorb(report);
        }
        self.merger
            .drain(printer, &mut self.flow, &self.front.frame_flows)
    }

    fn finish(&mut self, printer: &mut dyn Printer) -> io::Result<()> {
        self.front.count_expired_fragments();
        self.send(true);
        for to in &self.to_workers {
            let _ = to.send(ToWorker::Finish(self.front.last_ts));
        }
        let collected = self.collect_to_end(printer);
        let clean = self.stop();
        collected?;
        if !clean {
            return Err(worker_failed());
        }
        // Lookups still pending at the end count for the capture-wide findings only, as in the
        // serial engine.
        self.front.finish_dns();
        for lookup in self.front.take_lookups() {
            self.flow.lookup(lookup);
        }
        let mut flood = self.merger.flood.clone();
        flood.max_connections = self.max_connections as u64;
        self.flow.finish(printer, &self.files, &flood)
    }

    fn add_to(&self, summary: &mut RunSummary, source: &CaptureStats) {
        self.front.add_to(summary, source);
        self.flow.add_to(summary, self.merger.released_segments);
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
