//! A decoding thread of the parallel engine: the connections whose flow hashes to it, from their
//! segments to their rendered sessions.
//!
//! Owns the worker's loop over its batches (reassembly, classification, SMTP decoding, rules, DNS
//! linking, rendering), the tags that sort its events where the serial engine produces them, the
//! sessions waiting for their ids, and the end of the input (its open connections ended a batch
//! at a time, behind [`super::END_BACKLOG`]). Must not: read packets, print, or number sessions
//! (the output stage does, [`super::merge`]).

use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::time::Duration;

use super::{Back, Backlog, Batch, Context, Linked, Out, Report, Tag, ToWorker, Work, END_BACKLOG};
use crate::app::pipeline::{Finisher, FlowStage, SessionTracker, Tracked, END_BATCH};
use crate::capture::Timestamp;
use crate::classify::Finished;
use crate::net::{FlowKey, FlowMap, Segment};
use crate::output::SessionRenderer;
use crate::reasm::{ConnId, FloodStats, Reassembler};

/// One decoding thread's state.
pub(super) struct Worker {
    pub(super) index: usize,
    pub(super) reassembler: Reassembler,
    pub(super) tracker: SessionTracker,
    pub(super) finisher: Finisher,
    /// DNS linking (its mail-flow table stays empty: that is the output stage's).
    pub(super) flow: FlowStage,
    pub(super) renderer: SessionRenderer,
    /// Ids the output stage gave to connections that are still open (or waiting in `deferred`).
    pub(super) ids: FlowMap<ConnId, u64>,
    /// The item at which each open connection opened.
    pub(super) opened_at: FlowMap<ConnId, u64>,
    /// Closed connections whose id is not known yet, with their tags.
    pub(super) deferred: Vec<(Tag, Linked)>,
    pub(super) events: Vec<(Tag, Out)>,
    /// Where sessions are rendered before they are copied out at their size.
    pub(super) scratch: Vec<u8>,
    /// Ids, and printed sessions to drop.
    pub(super) back: Receiver<Back>,
    pub(super) reports: Sender<Report>,
    /// Emptied batches, back to the reader.
    pub(super) recycle: Sender<Batch>,
    /// What the last report carries.
    pub(super) end: Option<(FloodStats, u64)>,
    /// Its sessions waiting in the output stage.
    pub(super) backlog: Arc<Backlog>,
}

impl Worker {
    pub(super) fn run(mut self, batches: Receiver<ToWorker>) {
        while let Ok(message) = batches.recv() {
            match message {
                ToWorker::Batch(mut batch) => {
                    if !self.take_all_back() {
                        return;
                    }
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
                ToWorker::Finish(last_ts) => return self.end_of_input(last_ts),
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
                // Connections found not to be SMTP are given up, as the serial engine does.
                let key = FlowKey::new(segment.src, segment.dst);
                for conn in self.tracker.release.drain(..) {
                    self.reassembler.release(key, conn);
                    self.opened_at.remove(&conn);
                    self.ids.remove(&conn);
                }
                self.collect(Context::Segment(item));
            }
            Work::Tick(now) => {
                self.reassembler.flush_idle(now, &mut self.tracker);
                self.collect(Context::Tick(item));
            }
            Work::Lookups(lookups) => {
                for lookup in lookups.iter() {
                    self.flow.lookup(lookup.clone());
                }
            }
            Work::Snaplen(snaplen) => self.finisher.snaplen = Some(snaplen),
        }
    }

    /// Closes every connection (a batch at a time, reporting as it goes), then waits for the ids
    /// of those still waiting for one.
    fn end_of_input(mut self, last_ts: Timestamp) {
        self.finisher.last_ts = last_ts;
        // A walk over the open connections: once per batch.
        let mut progress = self.end_progress();
        loop {
            if !self.backlog_printed(progress) {
                return;
            }
            let ended = self.reassembler.finish_some(END_BATCH, &mut self.tracker);
            if ended == 0 {
                break;
            }
            self.collect(Context::End);
            progress = self.end_progress();
            if !self.take_all_back() || !self.report(Some(progress)) {
                return;
            }
        }
        loop {
            let connected = self.take_all_back();
            if self.deferred.is_empty() {
                let end = (
                    self.reassembler.flood_stats().clone(),
                    self.reassembler.stats().released_segments,
                );
                self.end = Some(end);
                self.report(None);
                return;
            }
            if !connected || !self.report(Some(Tag::end(u64::MAX))) {
                return;
            }
            match self.back.recv() {
                Ok(back) => self.take_back(back),
                Err(_) => return,
            }
        }
    }

    /// How far the end of the input has got: connections end in the order they opened, so none
    /// of those still open ends before the earliest of them opened.
    fn end_progress(&self) -> Tag {
        Tag::end(self.opened_at.values().min().map_or(u64::MAX, |opened| *opened))
    }

    /// Waits until at most [`END_BACKLOG`] of the worker's sessions wait in the output stage;
    /// `false` when the output stage has gone.
    ///
    /// Meanwhile it finishes the sessions whose ids come and reports them at `progress`: a
    /// session waiting for its id holds the worker's watermark back, and with it every later
    /// session of this worker that the output stage holds, so without that report the wait
    /// could be for sessions that cannot be printed before it ends.
    fn backlog_printed(&mut self, progress: Tag) -> bool {
        while !self.backlog.at_most(END_BACKLOG, Duration::from_millis(50)) {
            let waiting = self.deferred.len();
            if !self.take_all_back() {
                return false;
            }
            if self.deferred.len() < waiting && !self.report(Some(progress)) {
                return false;
            }
        }
        true
    }

    /// Tags what the tracker saw during `context` and finishes the sessions it can.
    fn collect(&mut self, context: Context) {
        let tracked = std::mem::take(&mut self.tracker.events);
        // A connection numbered by an idle flush or the end of the input is numbered as it ends:
        // both events share the moment of its end.
        let endings: Vec<(ConnId, Tag)> = match context {
            Context::Segment(_) => Vec::new(),
            _ => tracked
                .iter()
                .filter_map(|event| match event {
                    Tracked::Ended(parts) => Some((parts.info.id, self.end_tag(context, 0, parts))),
                    _ => None,
                })
                .collect(),
        };
        for (n, event) in (0u64..).zip(tracked) {
            match event {
                Tracked::Opened(conn) => {
                    if let Context::Segment(item) = context {
                        self.opened_at.insert(conn, item);
                    }
                }
                Tracked::Numbered(conn) => {
                    let ending = endings.iter().find(|(c, _)| *c == conn).map(|(_, tag)| *tag);
                    let tag = match context {
                        Context::Segment(item) => Tag::segment(item, n),
                        // Only a connection that ends is numbered then; should another be, it
                        // still gets its number, before the flush's other events.
                        Context::Tick(item) => ending.unwrap_or(Tag::start(item)),
                        Context::End => ending
                            .unwrap_or_else(|| Tag::end(self.opened_at.get(&conn).copied().unwrap_or(0))),
                    };
                    self.events.push((tag, Out::Numbered(conn)));
                }
                Tracked::Gone(conn) => {
                    self.opened_at.remove(&conn);
                    self.ids.remove(&conn);
                }
                Tracked::Ended(parts) => {
                    let conn = parts.info.id;
                    let tag = self.end_tag(context, n, &parts).ending();
                    self.opened_at.remove(&conn);
                    let linked = self.link(parts);
                    match self.ids.remove(&conn) {
                        Some(id) => self.finish_session(tag, linked, id),
                        None => self.deferred.push((tag, linked)),
                    }
                }
            }
        }
    }

    /// Where the end of the connection of `parts` falls, the `n`th event seen in `context`.
    fn end_tag(&self, context: Context, n: u64, parts: &Finished) -> Tag {
        match context {
            Context::Segment(item) => Tag::segment(item, n),
            Context::Tick(item) => Tag::flush(
                item,
                parts.summary.end,
                FlowKey::new(parts.info.client, parts.info.server),
            ),
            Context::End => Tag::end(self.opened_at.get(&parts.info.id).copied().unwrap_or(0)),
        }
    }

    /// Takes what the output stage has sent back so far (see [`Worker::take_back`]); `false`
    /// when the output stage has gone.
    fn take_all_back(&mut self) -> bool {
        loop {
            match self.back.try_recv() {
                Ok(back) => self.take_back(back),
                Err(mpsc::TryRecvError::Empty) => return true,
                Err(mpsc::TryRecvError::Disconnected) => return false,
            }
        }
    }

    /// Drops the printed sessions the output stage sent back, learns the ids, and finishes the
    /// sessions that waited for them. Every id the worker receives comes through here, so no
    /// session waits for an id that has come: it would hold the worker's watermark, and every
    /// later session of the worker, back for good.
    fn take_back(&mut self, back: Back) {
        let Back { ids, spent } = back;
        drop(spent);
        self.ids.extend(ids);
        if !self.deferred.is_empty() {
            self.finish_deferred();
        }
    }

    /// Finishes every waiting session whose id is known.
    fn finish_deferred(&mut self) {
        for (tag, linked) in std::mem::take(&mut self.deferred) {
            match self.ids.remove(&linked.session.info.id) {
                Some(id) => self.finish_session(tag, linked, id),
                None => self.deferred.push((tag, linked)),
            }
        }
    }

    /// Links an SMTP connection that has just ended to the lookups finished so far (now, not when
    /// its id is known: later lookups must not count), keeping the links aside until it is judged.
    fn link(&self, parts: Box<Finished>) -> Linked {
        let mut session = self.finisher.record(*parts);
        self.flow.link(&mut session);
        Linked {
            dns: std::mem::take(&mut session.dns),
            findings: std::mem::take(&mut session.findings),
            session: Box::new(session),
        }
    }

    /// Numbers a linked session `id`, runs the rules, adds what the linking found, and renders it.
    fn finish_session(&mut self, tag: Tag, linked: Linked, id: u64) {
        let Linked {
            mut session,
            dns,
            findings,
        } = linked;
        session.info.id = ConnId(id);
        self.finisher.judge(&mut session);
        session.dns = dns;
        let name = session.id();
        session.findings.extend(findings.into_iter().map(|mut f| {
            f.session = Some(name.clone());
            f
        }));
        self.scratch.clear();
        // Rendering into a Vec cannot fail.
        let _ = self.renderer.render(&session, &mut self.scratch);
        let bytes = self.scratch.clone();
        self.events.push((tag, Out::Finished { bytes, session }));
    }

    /// Sends the events so far with a watermark no later than any waiting session; false when the
    /// output stage has gone.
    fn report(&mut self, progress: Option<Tag>) -> bool {
        let waiting = self.deferred.iter().map(|(tag, _)| *tag).min();
        let watermark = match (progress, waiting) {
            (Some(p), Some(w)) => Some(p.min(w)),
            (p, w) => p.or(w),
        };
        let sessions = self
            .events
            .iter()
            .filter(|(_, out)| matches!(out, Out::Finished { .. }));
        self.backlog.add(sessions.count());
        let report = Report {
            worker: self.index,
            events: std::mem::take(&mut self.events),
            watermark,
            end: self.end.take(),
        };
        self.reports.send(report).is_ok()
    }
}
