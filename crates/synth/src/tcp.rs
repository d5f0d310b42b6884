//! The TCP conversation of a synthetic connection: which segments are captured, in which order,
//! with which sequence and acknowledgement numbers, flags and times.
//!
//! Owns the planning rules [`super::SynthOptions`] documents (handshake, flights, ACK cadence,
//! impairments, close). Invariants: every side's sequence numbers advance by exactly the bytes
//! (and SYN/FIN flags) it sends, wrapping modulo 2^32; an acknowledgement never covers bytes the
//! peer has not sent; timestamps never decrease. Must not: build headers or bytes (see `frame`).

use std::time::Duration;

use super::{advance, per_side, Close, Script, SynAnswer, SynthOptions};
use smtpscope::capture::Timestamp;
use smtpscope::net::flow::Direction;

/// TCP flags of a planned segment, besides ACK (set whenever [`PlannedSegment::ack`] is).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Flags {
    pub syn: bool,
    pub fin: bool,
    pub rst: bool,
    pub psh: bool,
}

/// One TCP segment as it will appear in the capture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct PlannedSegment {
    pub dir: Direction,
    pub ts: Timestamp,
    pub seq: u32,
    /// The acknowledgement number, `None` on the client's SYN.
    pub ack: Option<u32>,
    pub flags: Flags,
    pub payload: Vec<u8>,
    /// Whether its IPv4 packet is to be fragmented.
    pub fragment: bool,
}

/// One data segment of a flight, before it is emitted.
struct Chunk<'a> {
    payload: &'a [u8],
    /// Last segment of its send: PSH is set.
    psh: bool,
    /// The send's pause, on the first segment of a send only.
    delay: Duration,
}

/// A maximal run of consecutive sends by the same side.
struct Flight<'a> {
    dir: Direction,
    chunks: Vec<Chunk<'a>>,
}

fn flights(script: &Script, mss: u16) -> Vec<Flight<'_>> {
    let mss = usize::from(mss.max(1));
    let mut out: Vec<Flight<'_>> = Vec::new();
    for step in script.steps() {
        let count = step.bytes.len().div_ceil(mss);
        let chunks = step.bytes.chunks(mss).enumerate().map(|(i, payload)| Chunk {
            payload,
            psh: i.saturating_add(1) == count,
            delay: if i == 0 { step.delay } else { Duration::ZERO },
        });
        match out.last_mut() {
            Some(flight) if flight.dir == step.dir => flight.chunks.extend(chunks),
            _ => out.push(Flight {
                dir: step.dir,
                chunks: chunks.collect(),
            }),
        }
    }
    out
}

struct Planner<'o> {
    opts: &'o SynthOptions,
    /// The next sequence number each side sends (client, server).
    next_seq: [u32; 2],
    /// The time of the last frame, `None` before the first.
    now: Option<Timestamp>,
    out: Vec<PlannedSegment>,
}

impl Planner<'_> {
    /// The time of the next frame, `extra` after the usual step (the first frame is at `start + extra`).
    fn tick(&mut self, extra: Duration) -> Timestamp {
        let ts = match self.now {
            None => advance(self.opts.start, extra),
            Some(prev) => advance(prev, self.opts.step.saturating_add(extra)),
        };
        self.now = Some(ts);
        ts
    }

    fn next_seq(&mut self, dir: Direction) -> &mut u32 {
        per_side(&mut self.next_seq, dir)
    }

    /// Plans one segment from `dir` acknowledging everything the peer has sent; `captured: false`
    /// spends its time slot without putting it in the capture.
    fn emit(
        &mut self,
        dir: Direction,
        seq: u32,
        flags: Flags,
        payload: &[u8],
        extra: Duration,
        captured: bool,
    ) {
        let ts = self.tick(extra);
        let ack = (!(flags.syn && dir == Direction::ClientToServer)).then(|| *self.next_seq(dir.reverse()));
        if captured {
            self.out.push(PlannedSegment {
                dir,
                ts,
                seq,
                ack,
                flags,
                payload: payload.to_vec(),
                fragment: false,
            });
        }
    }

    /// A pure ACK from `from` of everything the peer has sent.
    fn pure_ack(&mut self, from: Direction) {
        let seq = *self.next_seq(from);
        self.emit(from, seq, Flags::default(), &[], Duration::ZERO, true);
    }

    /// Plans data segment `index` (with its impairments) carrying `chunk` at `seq`.
    fn data(&mut self, dir: Direction, index: usize, seq: u32, chunk: &Chunk<'_>, extra: Duration) {
        let impair = &self.opts.impair;
        let captured = !impair.drop.contains(&index);
        let fragment = impair.fragment.contains(&index);
        let retransmit = impair.retransmit.contains(&index);
        let flags = Flags {
            psh: chunk.psh,
            ..Flags::default()
        };
        self.emit(dir, seq, flags, chunk.payload, extra, captured);
        if captured {
            if let Some(last) = self.out.last_mut() {
                last.fragment = fragment;
            }
        }
        if retransmit {
            let rto = self.opts.rto;
            self.emit(dir, seq, flags, chunk.payload, rto, true);
            if let Some(last) = self.out.last_mut() {
                last.fragment = fragment;
            }
        }
    }

    /// The handshake; returns whether the connection opened.
    fn handshake(&mut self) -> bool {
        let (client, server) = (Direction::ClientToServer, Direction::ServerToClient);
        let syn = Flags {
            syn: true,
            ..Flags::default()
        };
        let client_isn = self.opts.client_isn;
        let server_isn = self.opts.server_isn;
        self.emit(client, client_isn, syn, &[], Duration::ZERO, true);
        match self.opts.syn_answer {
            SynAnswer::Accept => {
                self.emit(server, server_isn, syn, &[], Duration::ZERO, true);
                self.pure_ack(client);
                true
            }
            SynAnswer::Reset => {
                let rst = Flags {
                    rst: true,
                    ..Flags::default()
                };
                self.emit(server, 0, rst, &[], Duration::ZERO, true);
                false
            }
            SynAnswer::Silent { syns } => {
                let mut wait = Duration::from_secs(3);
                for _ in 1..syns {
                    self.emit(client, client_isn, syn, &[], wait, true);
                    wait = wait.saturating_mul(2);
                }
                false
            }
        }
    }

    /// Plans one flight whose first data segment has index `first_index`; `last` when no flight follows.
    fn flight(&mut self, flight: &Flight<'_>, first_index: usize, last: bool) {
        let dir = flight.dir;
        let peer = dir.reverse();
        let base = *self.next_seq(dir);
        // Sequence number after each chunk: ends[i] is where chunk i stops.
        let mut ends = Vec::with_capacity(flight.chunks.len());
        let mut at = base;
        for chunk in &flight.chunks {
            at = at.wrapping_add(u32::try_from(chunk.payload.len()).unwrap_or(u32::MAX));
            ends.push(at);
        }
        let start_of = |i: usize| {
            i.checked_sub(1)
                .and_then(|p| ends.get(p))
                .copied()
                .unwrap_or(base)
        };
        let impair = self.opts.impair.clone();
        let ack_every = usize::try_from(self.opts.ack_every.max(1)).unwrap_or(usize::MAX);
        let mut unacked = 0usize;
        let mut i = 0usize;
        while let Some(chunk) = flight.chunks.get(i) {
            let index = first_index.saturating_add(i);
            let next = i.saturating_add(1);
            let group: Vec<usize> = match flight.chunks.get(next) {
                Some(_) if impair.reorder.contains(&index) => vec![next, i],
                _ => vec![i],
            };
            for (n, &k) in group.iter().enumerate() {
                let Some(c) = flight.chunks.get(k) else { continue };
                let extra = if n == 0 { chunk.delay } else { Duration::ZERO };
                self.data(dir, first_index.saturating_add(k), start_of(k), c, extra);
            }
            let group_end = group
                .iter()
                .max()
                .and_then(|&k| ends.get(k))
                .copied()
                .unwrap_or(base);
            *self.next_seq(dir) = group_end;
            unacked = unacked.saturating_add(group.len());
            i = i.saturating_add(group.len());
            if group
                .iter()
                .any(|&k| impair.duplicate_ack.contains(&first_index.saturating_add(k)))
            {
                self.pure_ack(peer);
                self.pure_ack(peer);
                unacked = 0;
            } else if unacked >= ack_every {
                self.pure_ack(peer);
                unacked = 0;
            }
        }
        // Otherwise the peer's next data carries the acknowledgement.
        if unacked > 0 && last {
            self.pure_ack(peer);
        }
    }

    fn close(&mut self) {
        match self.opts.close {
            Close::Fin { from } => {
                let fin = Flags {
                    fin: true,
                    ..Flags::default()
                };
                for dir in [from, from.reverse()] {
                    let seq = *self.next_seq(dir);
                    self.emit(dir, seq, fin, &[], Duration::ZERO, true);
                    *self.next_seq(dir) = seq.wrapping_add(1);
                }
                self.pure_ack(from);
            }
            Close::Rst { from } => {
                let rst = Flags {
                    rst: true,
                    ..Flags::default()
                };
                let seq = *self.next_seq(from);
                self.emit(from, seq, rst, &[], Duration::ZERO, true);
            }
            Close::None => {}
        }
    }
}

/// The captured segments of `script` under `opts`, in capture order.
pub(super) fn plan(script: &Script, opts: &SynthOptions) -> Vec<PlannedSegment> {
    let mut planner = Planner {
        opts,
        next_seq: [opts.client_isn.wrapping_add(1), opts.server_isn.wrapping_add(1)],
        now: None,
        out: Vec::new(),
    };
    if opts.handshake && !planner.handshake() {
        return planner.out;
    }
    let flights = flights(script, opts.mss);
    let mut index = 0usize;
    let count = flights.len();
    for (n, flight) in flights.iter().enumerate() {
        planner.flight(flight, index, n.saturating_add(1) == count);
        index = index.saturating_add(flight.chunks.len());
    }
    planner.close();
    planner.out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Impairments;

    const C: Direction = Direction::ClientToServer;
    const S: Direction = Direction::ServerToClient;

    fn opts() -> SynthOptions {
        let mut o = SynthOptions::new("192.0.2.1:1025".parse().unwrap(), "192.0.2.2:25".parse().unwrap());
        o.client_isn = 1000;
        o.server_isn = 5000;
        o.mss = 4;
        o
    }

    /// (direction, seq, ack, flags as text, payload) of each planned segment.
    fn summary(segs: &[PlannedSegment]) -> Vec<(Direction, u32, Option<u32>, String, String)> {
        segs.iter()
            .map(|s| {
                let f = s.flags;
                let flags: String = [(f.syn, 'S'), (f.fin, 'F'), (f.rst, 'R'), (f.psh, 'P')]
                    .iter()
                    .filter(|(on, _)| *on)
                    .map(|(_, c)| *c)
                    .collect();
                (
                    s.dir,
                    s.seq,
                    s.ack,
                    flags,
                    String::from_utf8_lossy(&s.payload).into_owned(),
                )
            })
            .collect()
    }

    fn row(
        d: Direction,
        seq: u32,
        ack: Option<u32>,
        flags: &str,
        p: &str,
    ) -> (Direction, u32, Option<u32>, String, String) {
        (d, seq, ack, flags.to_string(), p.to_string())
    }

    #[test]
    fn handshake_data_acks_and_fin_have_consistent_numbers() {
        let script = Script::new().server("220 x").client("EHLO");
        let got = summary(&plan(&script, &opts()));
        assert_eq!(
            got,
            [
                row(C, 1000, None, "S", ""),
                row(S, 5000, Some(1001), "S", ""),
                row(C, 1001, Some(5001), "", ""),
                row(S, 5001, Some(1001), "", "220 "),
                row(S, 5005, Some(1001), "P", "x"),
                row(C, 1001, Some(5006), "", ""), // ACK after 2 segments
                row(C, 1001, Some(5006), "P", "EHLO"),
                row(S, 5006, Some(1005), "", ""), // last flight: pure ACK
                row(C, 1005, Some(5006), "F", ""),
                row(S, 5006, Some(1006), "F", ""),
                row(C, 1006, Some(5007), "", ""),
            ]
        );
    }

    #[test]
    fn refused_or_unanswered_syn_ends_the_connection_before_the_script() {
        let script = Script::new().server("220 x").client("EHLO");
        let mut o = opts();
        o.syn_answer = SynAnswer::Reset;
        assert_eq!(
            summary(&plan(&script, &o)),
            [row(C, 1000, None, "S", ""), row(S, 0, Some(1001), "R", "")]
        );
        o.syn_answer = SynAnswer::Silent { syns: 3 };
        let segs = plan(&script, &o);
        assert_eq!(summary(&segs), vec![row(C, 1000, None, "S", ""); 3]);
        let gaps: Vec<f64> = segs
            .windows(2)
            .filter_map(|w| Some(w.get(1)?.ts.seconds_since(w.first()?.ts)))
            .collect();
        assert_eq!(gaps, [3.001, 6.001]);
    }

    #[test]
    fn odd_flight_is_acknowledged_by_the_peers_next_data() {
        let script = Script::new().server("220").client("QUIT");
        let mut o = opts();
        o.handshake = false;
        o.close = Close::Rst { from: S };
        let got = summary(&plan(&script, &o));
        assert_eq!(
            got,
            [
                row(S, 5001, Some(1001), "P", "220"),
                row(C, 1001, Some(5004), "P", "QUIT"),
                row(S, 5004, Some(1005), "", ""),
                row(S, 5004, Some(1005), "R", ""),
            ]
        );
    }

    #[test]
    fn sequence_numbers_wrap_around_two_to_the_32() {
        let script = Script::new().client("abcdefgh");
        let mut o = opts();
        o.client_isn = u32::MAX - 4;
        o.close = Close::None;
        let got = summary(&plan(&script, &o));
        assert_eq!(got[3], row(C, u32::MAX - 3, Some(5001), "", "abcd"));
        assert_eq!(got[4], row(C, 0, Some(5001), "P", "efgh"));
        assert_eq!(got[5], row(S, 5001, Some(4), "", ""));
    }

    #[test]
    fn dropped_segment_is_missing_but_acknowledged() {
        let script = Script::new().client("aaaabbbbcc");
        let mut o = opts();
        o.handshake = false;
        o.close = Close::None;
        o.impair.drop = vec![1];
        let got = summary(&plan(&script, &o));
        assert_eq!(
            got,
            [
                row(C, 1001, Some(5001), "", "aaaa"),
                row(S, 5001, Some(1009), "", ""),
                row(C, 1009, Some(5001), "P", "cc"),
                row(S, 5001, Some(1011), "", ""),
            ]
        );
    }

    #[test]
    fn reorder_swaps_with_next_segment_and_acks_after_both() {
        let script = Script::new().client("aaaabbbbcc");
        let mut o = opts();
        o.handshake = false;
        o.close = Close::None;
        o.ack_every = 1;
        o.impair = Impairments {
            reorder: vec![0, 2], // 2 is the flight's last segment: no-op
            ..Impairments::default()
        };
        let got = summary(&plan(&script, &o));
        assert_eq!(
            got,
            [
                row(C, 1005, Some(5001), "", "bbbb"),
                row(C, 1001, Some(5001), "", "aaaa"),
                row(S, 5001, Some(1009), "", ""),
                row(C, 1009, Some(5001), "P", "cc"),
                row(S, 5001, Some(1011), "", ""),
            ]
        );
    }

    #[test]
    fn retransmission_repeats_after_rto_and_duplicate_ack_is_sent_twice() {
        let script = Script::new().client("aaaa");
        let mut o = opts();
        o.handshake = false;
        o.close = Close::None;
        o.impair.retransmit = vec![0];
        o.impair.duplicate_ack = vec![0];
        let segs = plan(&script, &o);
        assert_eq!(
            summary(&segs),
            [
                row(C, 1001, Some(5001), "P", "aaaa"),
                row(C, 1001, Some(5001), "P", "aaaa"),
                row(S, 5001, Some(1005), "", ""),
                row(S, 5001, Some(1005), "", ""),
            ]
        );
        let gap = segs[1].ts.seconds_since(segs[0].ts);
        assert!((gap - 0.201).abs() < 1e-9, "step + rto, got {gap}");
    }

    #[test]
    fn pauses_delay_the_send_and_timestamps_never_decrease() {
        let script = Script::new()
            .client("a")
            .pause(Duration::from_secs(2))
            .server("b");
        let segs = plan(&script, &opts());
        assert!(segs.windows(2).all(|w| w[0].ts <= w[1].ts));
        let b = segs.iter().position(|s| s.payload == b"b").unwrap();
        assert!((segs[b].ts.seconds_since(segs[b - 1].ts) - 2.001).abs() < 1e-9);
    }
}
