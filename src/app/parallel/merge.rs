//! The parallel engine's output stage: the workers' events merged into the serial engine's order.
//!
//! Owns the heap of events waiting behind the workers' watermarks, session numbering, printing
//! (each session through the mail-flow stage as it is printed) and what goes back to each worker
//! (ids, printed sessions to free). Must not: decode or render.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::io;
use std::sync::mpsc::Sender;
use std::sync::Arc;

use super::{Back, Backlog, Out, Report, Tag};
use crate::app::pipeline::FlowStage;
use crate::output::Printer;
use crate::reasm::FloodStats;
use crate::select::FrameFlow;

/// An event waiting in the output stage, sorted by its tag.
#[derive(Debug)]
pub(super) struct Pending {
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
pub(super) struct Merger {
    pub(super) pending: BinaryHeap<Reverse<Pending>>,
    /// Each worker's watermark (`None`: done).
    pub(super) watermarks: Vec<Option<Tag>>,
    pub(super) next_id: u64,
    /// What to send each worker back.
    pub(super) back: Vec<Back>,
    pub(super) back_out: Vec<Sender<Back>>,
    /// Each worker's sessions waiting here.
    pub(super) backlogs: Vec<Arc<Backlog>>,
    /// The workers' connection budget records, merged as they finish.
    pub(super) flood: FloodStats,
    /// Segments of connections the workers released (not SMTP).
    pub(super) released_segments: u64,
}

impl Merger {
    pub(super) fn absorb(&mut self, report: Report) {
        if let Some(watermark) = self.watermarks.get_mut(report.worker) {
            *watermark = report.watermark;
        }
        if let Some((flood, released)) = report.end {
            self.flood.merge(&flood);
            self.released_segments = self.released_segments.saturating_add(released);
        }
        for (tag, out) in report.events {
            self.pending.push(Reverse(Pending {
                tag,
                worker: report.worker,
                out,
            }));
        }
    }

    pub(super) fn done(&self) -> bool {
        self.pending.is_empty() && self.watermarks.iter().all(Option::is_none)
    }

    /// Prints every event no worker can still precede (each session into the flow stage as it is
    /// printed), and sends the ids it gave out.
    pub(super) fn drain(
        &mut self,
        printer: &mut dyn Printer,
        flow: &mut FlowStage,
        frame_flows: &[FrameFlow],
    ) -> io::Result<usize> {
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
                Out::Numbered(conn) => {
                    if let Some(back) = self.back.get_mut(event.worker) {
                        back.ids.push((conn, self.next_id));
                    }
                    self.next_id = self.next_id.wrapping_add(1);
                }
                Out::Finished { bytes, session } => {
                    if flow.ended(&session, frame_flows) {
                        printer.rendered(&bytes)?;
                        printed = printed.saturating_add(1);
                    }
                    if let Some(back) = self.back.get_mut(event.worker) {
                        back.spent.push((bytes, session));
                    }
                }
            }
        }
        for ((back, out), backlog) in self.back.iter_mut().zip(&self.back_out).zip(&self.backlogs) {
            if !back.spent.is_empty() {
                backlog.printed(back.spent.len());
            }
            if !back.is_empty() {
                // A worker that has gone needs nothing back (what it would drop is dropped here).
                let _ = out.send(std::mem::take(back));
            }
        }
        Ok(printed)
    }
}
