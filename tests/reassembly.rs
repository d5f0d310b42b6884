//! Reassembly, table-driven: segments in, stream events out (compared as owned values), plus a
//! property test over random streams, reorderings, duplicates and one lost segment, and a smoke run
//! over the public captures (the conversation counter against tshark's `tcp_streams`).

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use smtpscope::capture::Timestamp;
use smtpscope::net::{Direction, PortSet, Segment, TcpFlags};
use smtpscope::reasm::assembler::held_memory;
use smtpscope::reasm::counter::ConnectionCounter;
use smtpscope::reasm::{
    CloseCause, ConnId, ConnSummary, EventKind, GapCause, ReasmLimits, Reassembler, StreamEvent, StreamSink,
};

// ---------------------------------------------------------------------------------------------
// Owned events and a collecting sink.

use Direction::{ClientToServer as C2S, ServerToClient as S2C};

#[derive(Clone, Debug, PartialEq, Eq)]
enum Ev {
    Open {
        id: u64,
        client: SocketAddr,
        server: SocketAddr,
        handshake: bool,
    },
    Data {
        id: u64,
        dir: Direction,
        bytes: Vec<u8>,
    },
    Gap {
        id: u64,
        dir: Direction,
        len: u64,
        cause: GapCause,
    },
    Fin {
        id: u64,
        dir: Direction,
    },
    Close {
        id: u64,
        cause: CloseCause,
    },
}

#[derive(Default)]
struct Collect {
    events: Vec<Ev>,
    /// (frame, ts) of each event, parallel to `events`.
    at: Vec<(u64, Timestamp)>,
    summaries: BTreeMap<u64, ConnSummary>,
}

impl StreamSink for Collect {
    fn on_event(&mut self, e: StreamEvent<'_>) {
        let id = e.conn.0;
        let ev = match e.kind {
            EventKind::Open(info) => {
                assert_eq!(info.id, e.conn);
                assert_eq!(e.dir, C2S, "Open is attributed to c2s");
                Ev::Open {
                    id,
                    client: info.client,
                    server: info.server,
                    handshake: info.handshake_seen,
                }
            }
            EventKind::Data(bytes) => {
                assert!(!bytes.is_empty(), "no empty Data events");
                Ev::Data {
                    id,
                    dir: e.dir,
                    bytes: bytes.to_vec(),
                }
            }
            EventKind::Gap { len, cause } => {
                assert!(len > 0, "no empty gaps");
                Ev::Gap {
                    id,
                    dir: e.dir,
                    len,
                    cause,
                }
            }
            EventKind::Fin => Ev::Fin { id, dir: e.dir },
            EventKind::Close(summary) => {
                assert_eq!(e.dir, C2S, "Close is attributed to c2s");
                let cause = summary.cause;
                self.summaries.insert(id, summary);
                Ev::Close { id, cause }
            }
        };
        self.events.push(ev);
        self.at.push((e.frame, e.ts));
    }
}

impl Collect {
    fn summary(&self, id: u64) -> &ConnSummary {
        &self.summaries[&id]
    }
}

/// Checks the contract on any event sequence: per connection one Open first and one Close last,
/// ids increasing in order of opening, Data/Gap totals matching the summary's counters, at most one
/// Fin per direction and nothing after it.
fn check_invariants(c: &Collect, finished: bool) {
    let mut opened: Vec<u64> = Vec::new();
    let mut closed: Vec<u64> = Vec::new();
    let mut bytes: BTreeMap<(u64, Direction), (u64, u64, u64)> = BTreeMap::new(); // (data, gap count, snap-length bytes)
    let mut fins: Vec<(u64, Direction)> = Vec::new();
    for ev in &c.events {
        let id = match ev {
            Ev::Open { id, .. } => {
                assert!(!opened.contains(id), "connection {id} opened twice");
                if let Some(last) = opened.last() {
                    assert!(id > last, "ids increase");
                }
                opened.push(*id);
                continue;
            }
            Ev::Data { id, .. } | Ev::Gap { id, .. } | Ev::Fin { id, .. } | Ev::Close { id, .. } => *id,
        };
        assert!(opened.contains(&id), "event before Open for {id}: {ev:?}");
        assert!(!closed.contains(&id), "event after Close for {id}: {ev:?}");
        match ev {
            Ev::Data { dir, bytes: b, .. } => {
                assert!(!fins.contains(&(id, *dir)), "data after Fin");
                bytes.entry((id, *dir)).or_default().0 += b.len() as u64;
            }
            Ev::Gap { dir, len, cause, .. } => {
                assert!(!fins.contains(&(id, *dir)), "gap after Fin");
                let counts = bytes.entry((id, *dir)).or_default();
                // Bytes the snap length cut are counted apart: they are not gaps of the network.
                if *cause == GapCause::Snaplen {
                    counts.2 += len;
                } else {
                    counts.1 += 1;
                }
            }
            Ev::Fin { dir, .. } => {
                assert!(!fins.contains(&(id, *dir)), "two Fins");
                fins.push((id, *dir));
            }
            Ev::Close { .. } => closed.push(id),
            Ev::Open { .. } => {}
        }
    }
    if finished {
        let mut closed_sorted = closed.clone();
        closed_sorted.sort_unstable();
        assert_eq!(
            opened, closed_sorted,
            "after finish every connection is closed exactly once"
        );
    }
    for (&id, s) in &c.summaries {
        for (dir, stats) in [(C2S, &s.c2s), (S2C, &s.s2c)] {
            let (data, gaps, cut) = bytes.get(&(id, dir)).copied().unwrap_or_default();
            assert_eq!(stats.bytes, data, "summary bytes of {id} {dir:?}");
            assert_eq!(stats.gap_count, gaps, "summary gap count of {id} {dir:?}");
            assert_eq!(
                stats.snaplen_bytes, cut,
                "summary snap-length bytes of {id} {dir:?}"
            );
            assert_eq!(stats.gaps.len() as u64, gaps.min(64));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Segment builders.

const CLIENT: &str = "10.0.0.1:40000";
const SERVER: &str = "10.0.0.2:25";
const SYN: u8 = TcpFlags::SYN;
const ACK: u8 = TcpFlags::ACK;
const FIN: u8 = TcpFlags::FIN;
const RST: u8 = TcpFlags::RST;
const SA: u8 = SYN | ACK;
const FA: u8 = FIN | ACK;
const PA: u8 = TcpFlags::PSH | ACK;

fn addr(s: &str) -> SocketAddr {
    s.parse().unwrap()
}

fn ts(secs: i64) -> Timestamp {
    Timestamp::new(1_000_000 + secs, 0)
}

/// One step of a scenario.
#[derive(Clone)]
enum Step {
    Seg {
        frame: u64,
        at: i64,
        src: SocketAddr,
        dst: SocketAddr,
        seq: u32,
        ack: u32,
        flags: u8,
        data: Vec<u8>,
        cut: u32,
    },
    FlushIdle(i64),
    Finish,
}

/// A segment from `from` (CLIENT or SERVER of the default pair) at time = frame seconds.
fn seg(frame: u64, from: &str, seq: u32, ack: u32, flags: u8, data: &[u8]) -> Step {
    let to = if from == CLIENT { SERVER } else { CLIENT };
    between(frame, from, to, seq, ack, flags, data)
}

fn between(frame: u64, from: &str, to: &str, seq: u32, ack: u32, flags: u8, data: &[u8]) -> Step {
    Step::Seg {
        frame,
        at: frame as i64,
        src: addr(from),
        dst: addr(to),
        seq,
        ack,
        flags,
        data: data.to_vec(),
        cut: 0,
    }
}

fn at_time(mut step: Step, secs: i64) -> Step {
    if let Step::Seg { at, .. } = &mut step {
        *at = secs;
    }
    step
}

/// `step` with its payload cut short by the snap length: `by` more bytes were on the wire.
fn snapped(mut step: Step, by: u32) -> Step {
    if let Step::Seg { cut, .. } = &mut step {
        *cut = by;
    }
    step
}

fn run_with(r: &mut Reassembler, steps: &[Step]) -> Collect {
    let mut c = Collect::default();
    for step in steps {
        match step {
            Step::Seg {
                frame,
                at,
                src,
                dst,
                seq,
                ack,
                flags,
                data,
                cut,
            } => {
                let s = Segment {
                    frame: *frame,
                    ts: ts(*at),
                    src: *src,
                    dst: *dst,
                    seq: *seq,
                    ack: *ack,
                    flags: TcpFlags(*flags),
                    window: 65535,
                    payload: data,
                    payload_truncated: *cut,
                    options: smtpscope::net::TcpOptions::default(),
                };
                r.push(&s, &mut c);
            }
            Step::FlushIdle(at) => r.flush_idle(ts(*at), &mut c),
            Step::Finish => r.finish(&mut c),
        }
    }
    check_invariants(&c, matches!(steps.last(), Some(Step::Finish)));
    c
}

fn run(limits: ReasmLimits, steps: &[Step]) -> Collect {
    let mut r = Reassembler::new(limits, PortSet::default());
    run_with(&mut r, steps)
}

// Expected-event shorthands.
fn open(id: u64, handshake: bool) -> Ev {
    Ev::Open {
        id,
        client: addr(CLIENT),
        server: addr(SERVER),
        handshake,
    }
}
/// Three connections to SERVER opened one after the other, the first by a segment of `flags` with
/// `payload`, the others by SYNs; then the end of input.
fn three_openings(flags: u8, payload: &[u8]) -> Vec<Step> {
    vec![
        between(1, "10.0.0.1:40000", SERVER, 100, 0, flags, payload),
        between(2, "10.0.0.3:40001", SERVER, 200, 0, SYN, b""),
        between(3, "10.0.0.4:40002", SERVER, 300, 0, SYN, b""),
        Step::Finish,
    ]
}

/// The Open of connection `id` from `client` to SERVER.
fn opened(id: u64, client: &str, handshake: bool) -> Ev {
    Ev::Open {
        id,
        client: addr(client),
        server: addr(SERVER),
        handshake,
    }
}

fn data(id: u64, dir: Direction, b: &[u8]) -> Ev {
    Ev::Data {
        id,
        dir,
        bytes: b.to_vec(),
    }
}
fn gap(id: u64, dir: Direction, len: u64, cause: GapCause) -> Ev {
    Ev::Gap { id, dir, len, cause }
}
fn fin(id: u64, dir: Direction) -> Ev {
    Ev::Fin { id, dir }
}
fn close(id: u64, cause: CloseCause) -> Ev {
    Ev::Close { id, cause }
}

/// Client ISN 1000 (data at 1001), server ISN 5000 (data at 5001).
fn handshake() -> Vec<Step> {
    vec![
        seg(1, CLIENT, 1000, 0, SYN, b""),
        seg(2, SERVER, 5000, 1001, SA, b""),
        seg(3, CLIENT, 1001, 5001, ACK, b""),
    ]
}

fn with_handshake(rest: Vec<Step>) -> Vec<Step> {
    let mut v = handshake();
    v.extend(rest);
    v
}

fn limits() -> ReasmLimits {
    ReasmLimits::default()
}

// ---------------------------------------------------------------------------------------------
// The table.

struct Case {
    name: &'static str,
    limits: ReasmLimits,
    steps: Vec<Step>,
    want: Vec<Ev>,
}

fn cases() -> Vec<Case> {
    use CloseCause as CC;
    use GapCause as GC;
    let l = limits();
    vec![
        Case {
            name: "in order, both ways, FIN both ways, trailing ACK ignored",
            limits: l,
            steps: with_handshake(vec![
                seg(4, CLIENT, 1001, 5001, PA, b"EHLO x\r\n"),
                seg(5, SERVER, 5001, 1009, PA, b"250 ok\r\n"),
                seg(6, CLIENT, 1009, 5009, FA, b""),
                seg(7, SERVER, 5009, 1010, FA, b""),
                seg(8, CLIENT, 1010, 5010, ACK, b""),
            ]),
            want: vec![
                open(1, true),
                data(1, C2S, b"EHLO x\r\n"),
                data(1, S2C, b"250 ok\r\n"),
                fin(1, C2S),
                fin(1, S2C),
                close(1, CC::Fin),
            ],
        },
        Case {
            name: "out of order is buffered and delivered in order",
            limits: l,
            steps: with_handshake(vec![
                seg(4, CLIENT, 1004, 5001, PA, b"def"),
                seg(5, CLIENT, 1007, 5001, PA, b"ghi"),
                seg(6, CLIENT, 1001, 5001, PA, b"abc"),
                Step::Finish,
            ]),
            want: vec![
                open(1, true),
                data(1, C2S, b"abc"),
                data(1, C2S, b"def"),
                data(1, C2S, b"ghi"),
                close(1, CC::EndOfInput),
            ],
        },
        Case {
            name: "retransmission delivered once",
            limits: l,
            steps: with_handshake(vec![
                seg(4, CLIENT, 1001, 5001, PA, b"abc"),
                seg(5, CLIENT, 1001, 5001, PA, b"abc"),
                seg(6, CLIENT, 1002, 5001, PA, b"b"),
                Step::Finish,
            ]),
            want: vec![open(1, true), data(1, C2S, b"abc"), close(1, CC::EndOfInput)],
        },
        Case {
            name: "partial overlap with delivered bytes: only the new tail",
            limits: l,
            steps: with_handshake(vec![
                seg(4, CLIENT, 1001, 5001, PA, b"abcd"),
                seg(5, CLIENT, 1003, 5001, PA, b"cdef"),
                Step::Finish,
            ]),
            want: vec![
                open(1, true),
                data(1, C2S, b"abcd"),
                data(1, C2S, b"ef"),
                close(1, CC::EndOfInput),
            ],
        },
        Case {
            name: "in-order segment overlapping a buffered piece with the same bytes",
            limits: l,
            steps: with_handshake(vec![
                seg(4, CLIENT, 1007, 5001, PA, b"ghij"),
                seg(5, CLIENT, 1001, 5001, PA, b"abcdefgh"),
                Step::Finish,
            ]),
            want: vec![
                open(1, true),
                data(1, C2S, b"abcdef"),
                data(1, C2S, b"ghij"),
                close(1, CC::EndOfInput),
            ],
        },
        Case {
            name: "conflicting overlap: first copy wins",
            limits: l,
            steps: with_handshake(vec![
                seg(4, CLIENT, 1007, 5001, PA, b"ghij"),
                seg(5, CLIENT, 1008, 5001, PA, b"hXjk"),
                seg(6, CLIENT, 1001, 5001, PA, b"abcdefYZ"),
                Step::Finish,
            ]),
            want: vec![
                open(1, true),
                data(1, C2S, b"abcdef"),
                data(1, C2S, b"ghij"),
                data(1, C2S, b"k"),
                close(1, CC::EndOfInput),
            ],
        },
        Case {
            name: "sequence wraparound across 2^32",
            limits: l,
            steps: vec![
                seg(1, CLIENT, u32::MAX - 2, 0, SYN, b""),
                seg(2, SERVER, 5000, u32::MAX - 1, SA, b""),
                seg(3, CLIENT, 0, 5001, PA, b"cd"),
                seg(4, CLIENT, 2, 5001, PA, b"ef"),
                seg(5, CLIENT, u32::MAX - 1, 5001, PA, b"ab"),
                seg(6, SERVER, 5001, 4, PA, b"ok"),
                Step::Finish,
            ],
            want: vec![
                open(1, true),
                data(1, C2S, b"ab"),
                data(1, C2S, b"cd"),
                data(1, C2S, b"ef"),
                data(1, S2C, b"ok"),
                close(1, CC::EndOfInput),
            ],
        },
        Case {
            name: "mid-stream pickup starts at the first byte seen",
            limits: l,
            steps: vec![
                seg(1, CLIENT, 777_000, 9_000, PA, b"MAIL FROM:<a@b>\r\n"),
                seg(2, SERVER, 9_000, 777_017, PA, b"250 ok\r\n"),
                seg(3, CLIENT, 777_017, 9_008, PA, b"DATA\r\n"),
                Step::Finish,
            ],
            want: vec![
                open(1, false),
                data(1, C2S, b"MAIL FROM:<a@b>\r\n"),
                data(1, S2C, b"250 ok\r\n"),
                data(1, C2S, b"DATA\r\n"),
                close(1, CC::EndOfInput),
            ],
        },
        Case {
            name: "pure ACK on an unknown flow opens nothing",
            limits: l,
            steps: vec![
                seg(1, CLIENT, 777, 9_000, ACK, b""),
                seg(2, SERVER, 9_000, 777, FA, b""),
                Step::Finish,
            ],
            want: vec![],
        },
        Case {
            name: "half close: client FIN, server keeps sending, then FIN",
            limits: l,
            steps: with_handshake(vec![
                seg(4, CLIENT, 1001, 5001, FA, b"QUIT\r\n"),
                seg(5, SERVER, 5001, 1008, PA, b"221 bye\r\n"),
                seg(6, SERVER, 5010, 1008, FA, b""),
            ]),
            want: vec![
                open(1, true),
                data(1, C2S, b"QUIT\r\n"),
                fin(1, C2S),
                data(1, S2C, b"221 bye\r\n"),
                fin(1, S2C),
                close(1, CC::Fin),
            ],
        },
        Case {
            name: "RST with buffered data behind a hole",
            limits: l,
            steps: with_handshake(vec![
                seg(4, CLIENT, 1001, 5001, PA, b"abc"),
                seg(5, CLIENT, 1007, 5001, PA, b"ghi"),
                seg(6, SERVER, 5001, 1004, RST | ACK, b""),
                seg(7, CLIENT, 1010, 5001, PA, b"late"),
            ]),
            want: vec![
                open(1, true),
                data(1, C2S, b"abc"),
                gap(1, C2S, 3, GC::Closed),
                data(1, C2S, b"ghi"),
                close(1, CC::Rst),
            ],
        },
        Case {
            name: "port reuse after close opens a new connection",
            limits: l,
            steps: with_handshake(vec![
                seg(4, CLIENT, 1001, 5001, FA, b"x"),
                seg(5, SERVER, 5001, 1003, FA, b"y"),
                seg(6, CLIENT, 1003, 5002, ACK, b""),
                seg(7, CLIENT, 1001, 5001, PA, b"x"),
                seg(8, CLIENT, 90_000, 0, SYN, b""),
                seg(9, SERVER, 70_000, 90_001, SA, b""),
                seg(10, CLIENT, 90_001, 70_001, PA, b"z"),
                Step::Finish,
            ]),
            want: vec![
                open(1, true),
                data(1, C2S, b"x"),
                fin(1, C2S),
                data(1, S2C, b"y"),
                fin(1, S2C),
                close(1, CC::Fin),
                open(2, true),
                data(2, C2S, b"z"),
                close(2, CC::EndOfInput),
            ],
        },
        Case {
            name: "new SYN on a live connection closes it (Reused) and opens another",
            limits: l,
            steps: with_handshake(vec![
                seg(4, CLIENT, 1001, 5001, PA, b"abc"),
                seg(5, CLIENT, 1007, 5001, PA, b"ghi"),
                seg(6, CLIENT, 1000, 0, SYN, b""), // retransmitted SYN: same connection
                seg(7, CLIENT, 90_000, 0, SYN, b""),
                Step::Finish,
            ]),
            want: vec![
                open(1, true),
                data(1, C2S, b"abc"),
                gap(1, C2S, 3, GC::Closed),
                data(1, C2S, b"ghi"),
                close(1, CC::Reused),
                open(2, true),
                close(2, CC::EndOfInput),
            ],
        },
        Case {
            name: "ACK beyond a hole: the acknowledged bytes become a gap, before the acker's data",
            limits: l,
            steps: with_handshake(vec![
                seg(4, CLIENT, 1001, 5001, PA, b"abc"),
                seg(5, CLIENT, 1007, 5001, PA, b"ghi"),
                seg(6, SERVER, 5001, 1013, PA, b"250"),
                seg(7, CLIENT, 1013, 5004, PA, b"mno"),
                Step::Finish,
            ]),
            want: vec![
                open(1, true),
                data(1, C2S, b"abc"),
                gap(1, C2S, 3, GC::Acked),
                data(1, C2S, b"ghi"),
                gap(1, C2S, 3, GC::Acked),
                data(1, S2C, b"250"),
                data(1, C2S, b"mno"),
                close(1, CC::EndOfInput),
            ],
        },
        Case {
            name: "ACK captured before the data it acknowledges: nothing is lost",
            limits: l,
            steps: with_handshake(vec![
                seg(4, CLIENT, 1001, 5001, PA, b"abc"),
                seg(5, SERVER, 5001, 1010, ACK, b""),
                seg(6, SERVER, 5001, 1010, ACK, b""),
                seg(7, CLIENT, 1007, 5001, PA, b"ghi"),
                seg(8, CLIENT, 1004, 5001, PA, b"def"),
                seg(9, SERVER, 5001, 1010, PA, b"250"),
                Step::Finish,
            ]),
            want: vec![
                open(1, true),
                data(1, C2S, b"abc"),
                data(1, C2S, b"def"),
                data(1, C2S, b"ghi"),
                data(1, S2C, b"250"),
                close(1, CC::EndOfInput),
            ],
        },
        Case {
            name: "acknowledged hole declared when the sender goes on past the acknowledgment",
            limits: l,
            steps: with_handshake(vec![
                seg(4, CLIENT, 1001, 5001, PA, b"abc"),
                seg(5, SERVER, 5001, 1007, ACK, b""),
                seg(6, CLIENT, 1007, 5001, PA, b"ghi"),
                seg(7, CLIENT, 1004, 5001, PA, b"def"),
                Step::Finish,
            ]),
            want: vec![
                open(1, true),
                data(1, C2S, b"abc"),
                gap(1, C2S, 3, GC::Acked),
                data(1, C2S, b"ghi"),
                close(1, CC::EndOfInput),
            ],
        },
        Case {
            name: "acknowledged hole goes first when a cap is hit, up to the segment being placed",
            limits: ReasmLimits {
                max_segments_per_direction: 1,
                ..l
            },
            steps: with_handshake(vec![
                seg(4, SERVER, 5001, 1010, ACK, b""),
                seg(5, CLIENT, 1005, 5001, PA, b"e"),
                seg(6, CLIENT, 1007, 5001, PA, b"g"),
                Step::Finish,
            ]),
            want: vec![
                open(1, true),
                gap(1, C2S, 4, GC::Acked),
                data(1, C2S, b"e"),
                gap(1, C2S, 1, GC::Acked),
                data(1, C2S, b"g"),
                gap(1, C2S, 2, GC::Acked),
                close(1, CC::EndOfInput),
            ],
        },
        Case {
            name: "FIN acknowledged before it is captured is not a gap",
            limits: l,
            steps: with_handshake(vec![
                seg(4, CLIENT, 1001, 5001, PA, b"abc"),
                seg(5, SERVER, 5001, 1005, FA, b""),
                seg(6, CLIENT, 1004, 5002, FA, b""),
            ]),
            want: vec![
                open(1, true),
                data(1, C2S, b"abc"),
                fin(1, S2C),
                fin(1, C2S),
                close(1, CC::Fin),
            ],
        },
        Case {
            name: "ACK of a FIN is not a gap",
            limits: l,
            steps: with_handshake(vec![
                seg(4, CLIENT, 1001, 5001, FA, b"abc"),
                seg(5, SERVER, 5001, 1005, ACK, b""),
                Step::Finish,
            ]),
            want: vec![
                open(1, true),
                data(1, C2S, b"abc"),
                fin(1, C2S),
                close(1, CC::EndOfInput),
            ],
        },
        Case {
            name: "ACK covering a missed segment and the FIN after it",
            limits: l,
            steps: with_handshake(vec![
                seg(4, CLIENT, 1001, 5001, PA, b"abc"),
                seg(5, CLIENT, 1007, 5001, FA, b"ghi"),
                seg(6, SERVER, 5001, 1011, FA, b""),
            ]),
            want: vec![
                open(1, true),
                data(1, C2S, b"abc"),
                gap(1, C2S, 3, GC::Acked),
                data(1, C2S, b"ghi"),
                fin(1, C2S),
                fin(1, S2C),
                close(1, CC::Fin),
            ],
        },
        Case {
            name: "payload cut by the snap length is declared as such at once, never as a loss",
            limits: l,
            steps: with_handshake(vec![
                snapped(seg(4, CLIENT, 1001, 5001, PA, b"abc"), 5),
                seg(5, CLIENT, 1009, 5001, PA, b"ijk"),
                seg(6, SERVER, 5001, 1012, ACK, b""),
                Step::Finish,
            ]),
            want: vec![
                open(1, true),
                data(1, C2S, b"abc"),
                gap(1, C2S, 5, GC::Snaplen),
                data(1, C2S, b"ijk"),
                close(1, CC::EndOfInput),
            ],
        },
        Case {
            name: "a cut segment ahead of a hole: the cut part is declared when the hole before it is",
            limits: l,
            steps: with_handshake(vec![
                snapped(seg(4, CLIENT, 1004, 5001, PA, b"def"), 4),
                seg(5, CLIENT, 1001, 5001, PA, b"abc"),
                seg(6, CLIENT, 1011, 5001, PA, b"xyz"),
                Step::Finish,
            ]),
            want: vec![
                open(1, true),
                data(1, C2S, b"abc"),
                data(1, C2S, b"def"),
                gap(1, C2S, 4, GC::Snaplen),
                data(1, C2S, b"xyz"),
                close(1, CC::EndOfInput),
            ],
        },
        Case {
            name: "a segment whose whole payload was cut (snap length inside the TCP options)",
            limits: l,
            steps: with_handshake(vec![
                snapped(seg(4, CLIENT, 1001, 5001, PA, b""), 20),
                seg(5, CLIENT, 1021, 5001, PA, b"ok"),
                seg(6, SERVER, 5001, 1023, ACK, b""),
                Step::Finish,
            ]),
            want: vec![
                open(1, true),
                gap(1, C2S, 20, GC::Snaplen),
                data(1, C2S, b"ok"),
                close(1, CC::EndOfInput),
            ],
        },
        Case {
            name: "hole flushed at end of input, FIN beyond it",
            limits: l,
            steps: with_handshake(vec![
                seg(4, CLIENT, 1001, 5001, PA, b"abc"),
                seg(5, CLIENT, 1007, 5001, PA, b"ghi"),
                seg(6, CLIENT, 1013, 5001, FA, b""),
                Step::Finish,
            ]),
            want: vec![
                open(1, true),
                data(1, C2S, b"abc"),
                gap(1, C2S, 3, GC::Closed),
                data(1, C2S, b"ghi"),
                gap(1, C2S, 3, GC::Closed),
                fin(1, C2S),
                close(1, CC::EndOfInput),
            ],
        },
        Case {
            name: "hole flushed at the idle timeout, not a second before",
            limits: l,
            steps: with_handshake(vec![
                seg(4, CLIENT, 1001, 5001, PA, b"abc"),
                seg(5, CLIENT, 1007, 5001, PA, b"ghi"),
                Step::FlushIdle(5 + 599),
                Step::FlushIdle(5 + 600),
                Step::Finish,
            ]),
            want: vec![
                open(1, true),
                data(1, C2S, b"abc"),
                gap(1, C2S, 3, GC::Closed),
                data(1, C2S, b"ghi"),
                close(1, CC::Idle),
            ],
        },
        Case {
            name: "a packet after the idle timeout closes the old connection even without flush_idle",
            limits: l,
            steps: with_handshake(vec![
                seg(4, CLIENT, 1001, 5001, PA, b"abc"),
                at_time(seg(5, CLIENT, 1004, 5001, PA, b"def"), 4 + 600),
                Step::Finish,
            ]),
            want: vec![
                open(1, true),
                data(1, C2S, b"abc"),
                close(1, CC::Idle),
                open(2, false),
                data(2, C2S, b"def"),
                close(2, CC::EndOfInput),
            ],
        },
        Case {
            name: "per-connection cap forces the earliest hole",
            limits: ReasmLimits {
                max_buffered_per_connection: 5,
                ..l
            },
            steps: with_handshake(vec![
                seg(4, CLIENT, 1001, 5001, PA, b"abc"),
                seg(5, CLIENT, 1007, 5001, PA, b"ghi"),
                seg(6, CLIENT, 1013, 5001, PA, b"mno"),
                Step::Finish,
            ]),
            want: vec![
                open(1, true),
                data(1, C2S, b"abc"),
                gap(1, C2S, 3, GC::ConnectionMemoryCap),
                data(1, C2S, b"ghi"),
                gap(1, C2S, 3, GC::Closed),
                data(1, C2S, b"mno"),
                close(1, CC::EndOfInput),
            ],
        },
        Case {
            name: "per-connection cap counts both directions; the fuller one gives way",
            limits: ReasmLimits {
                max_buffered_per_connection: 6,
                ..l
            },
            steps: with_handshake(vec![
                seg(4, SERVER, 5005, 1001, PA, b"EFGH"),
                seg(5, CLIENT, 1003, 5001, PA, b"cd"),
                seg(6, CLIENT, 1006, 5001, PA, b"fg"),
                Step::Finish,
            ]),
            want: vec![
                open(1, true),
                gap(1, S2C, 4, GC::ConnectionMemoryCap),
                data(1, S2C, b"EFGH"),
                gap(1, C2S, 2, GC::Closed),
                data(1, C2S, b"cd"),
                gap(1, C2S, 1, GC::Closed),
                data(1, C2S, b"fg"),
                close(1, CC::EndOfInput),
            ],
        },
        Case {
            name: "a segment larger than the cap is delivered after the hole before it",
            limits: ReasmLimits {
                max_buffered_per_connection: 5,
                ..l
            },
            steps: with_handshake(vec![seg(4, CLIENT, 1011, 5001, PA, b"0123456789"), Step::Finish]),
            want: vec![
                open(1, true),
                gap(1, C2S, 10, GC::ConnectionMemoryCap),
                data(1, C2S, b"0123456789"),
                close(1, CC::EndOfInput),
            ],
        },
        Case {
            name: "too many out-of-order segments force the earliest hole",
            limits: ReasmLimits {
                max_segments_per_direction: 2,
                ..l
            },
            steps: with_handshake(vec![
                seg(4, CLIENT, 1003, 5001, PA, b"c"),
                seg(5, CLIENT, 1005, 5001, PA, b"e"),
                seg(6, CLIENT, 1007, 5001, PA, b"g"),
                Step::Finish,
            ]),
            want: vec![
                open(1, true),
                gap(1, C2S, 2, GC::TooManySegments),
                data(1, C2S, b"c"),
                gap(1, C2S, 1, GC::Closed),
                data(1, C2S, b"e"),
                gap(1, C2S, 1, GC::Closed),
                data(1, C2S, b"g"),
                close(1, CC::EndOfInput),
            ],
        },
        Case {
            name: "total cap: the connection holding most gives up its hole",
            limits: ReasmLimits {
                max_buffered_total: 2 * held_memory(1, 0) + 5,
                ..l
            },
            steps: vec![
                between(1, "10.0.0.1:40000", "10.0.0.2:25", 100, 0, PA, b"a"),
                between(2, "10.0.0.1:40000", "10.0.0.2:25", 103, 0, PA, b"dddd"),
                between(3, "10.0.0.3:40001", "10.0.0.2:25", 200, 0, PA, b"a"),
                between(4, "10.0.0.3:40001", "10.0.0.2:25", 202, 0, PA, b"ccc"),
                Step::Finish,
            ],
            want: vec![
                open(1, false),
                data(1, C2S, b"a"),
                Ev::Open {
                    id: 2,
                    client: addr("10.0.0.3:40001"),
                    server: addr("10.0.0.2:25"),
                    handshake: false,
                },
                data(2, C2S, b"a"),
                gap(1, C2S, 2, GC::TotalMemoryCap),
                data(1, C2S, b"dddd"),
                close(1, CC::EndOfInput),
                gap(2, C2S, 1, GC::Closed),
                data(2, C2S, b"ccc"),
                close(2, CC::EndOfInput),
            ],
        },
        Case {
            name: "budget full: the quiet connection opened first is evicted",
            limits: ReasmLimits {
                max_connections: 2,
                ..l
            },
            steps: three_openings(SYN, b""),
            want: vec![
                opened(1, "10.0.0.1:40000", true),
                opened(2, "10.0.0.3:40001", true),
                close(1, CC::Evicted),
                opened(3, "10.0.0.4:40002", true),
                close(2, CC::EndOfInput),
                close(3, CC::EndOfInput),
            ],
        },
        Case {
            name: "budget full: a quiet connection goes before an older one that carried data",
            limits: ReasmLimits {
                max_connections: 2,
                ..l
            },
            steps: three_openings(PA, b"EHLO a\r\n"),
            want: vec![
                opened(1, "10.0.0.1:40000", false),
                data(1, C2S, b"EHLO a\r\n"),
                opened(2, "10.0.0.3:40001", true),
                close(2, CC::Evicted),
                opened(3, "10.0.0.4:40002", true),
                close(1, CC::EndOfInput),
                close(3, CC::EndOfInput),
            ],
        },
        Case {
            name: "budget full of talking connections: the longest silent goes, its hole flushed as a gap",
            limits: ReasmLimits {
                max_connections: 2,
                ..l
            },
            steps: vec![
                between(1, "10.0.0.1:40000", SERVER, 100, 0, PA, b"a"),
                between(2, "10.0.0.3:40001", SERVER, 200, 0, PA, b"b"),
                between(3, "10.0.0.3:40001", SERVER, 203, 0, PA, b"d"),
                between(4, "10.0.0.1:40000", SERVER, 101, 0, PA, b"c"),
                between(5, "10.0.0.4:40002", SERVER, 300, 0, PA, b"e"),
                Step::Finish,
            ],
            want: vec![
                opened(1, "10.0.0.1:40000", false),
                data(1, C2S, b"a"),
                opened(2, "10.0.0.3:40001", false),
                data(2, C2S, b"b"),
                data(1, C2S, b"c"),
                gap(2, C2S, 2, GC::Closed),
                data(2, C2S, b"d"),
                close(2, CC::Evicted),
                opened(3, "10.0.0.4:40002", false),
                data(3, C2S, b"e"),
                close(1, CC::EndOfInput),
                close(3, CC::EndOfInput),
            ],
        },
    ]
}

#[test]
fn table() {
    let mut failures = Vec::new();
    for case in cases() {
        let got = run(case.limits, &case.steps);
        if got.events != case.want {
            failures.push(format!(
                "--- {}\nwant: {:#?}\n got: {:#?}",
                case.name, case.want, got.events
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// Counters and attributes the table does not show.

#[test]
fn counters_for_retransmissions_overlaps_and_gaps() {
    let c = run(
        limits(),
        &with_handshake(vec![
            seg(4, CLIENT, 1007, 5001, PA, b"ghij"),
            seg(5, CLIENT, 1008, 5001, PA, b"hXjk"), // 1 conflicting byte, 1 new
            seg(6, CLIENT, 1007, 5001, PA, b"ghij"), // all buffered: retransmission
            seg(7, CLIENT, 1001, 5001, PA, b"abcdefYZ"), // 2 conflicting with buffered gh
            seg(8, CLIENT, 1001, 5001, PA, b"abc"),  // all delivered: retransmission
            seg(9, SERVER, 5001, 1012, ACK, b""),    // plain ACK: not a retransmission
            seg(10, SERVER, 5000, 1012, ACK, b""),   // keep-alive (next - 1): retransmission
            seg(11, CLIENT, 1012, 5001, FA, b""),
            seg(12, CLIENT, 1012, 5001, FA, b""), // FIN again: retransmission
            Step::Finish,
        ]),
    );
    let s = c.summary(1);
    assert_eq!(s.c2s.segments, 2 + 7);
    assert_eq!(s.c2s.retransmitted, 3);
    assert_eq!(s.c2s.conflicting_overlaps, 3);
    assert_eq!(s.c2s.bytes, 11);
    assert!(s.c2s.fin && !s.c2s.rst);
    assert_eq!(s.s2c.segments, 3);
    assert_eq!(s.s2c.retransmitted, 1);
    assert!(!s.s2c.fin);
    assert_eq!(s.cause, CloseCause::EndOfInput);
    assert_eq!(s.last_frame, 12);
    assert_eq!(s.end, ts(12));
}

#[test]
fn gap_records_carry_offsets_and_causes() {
    use smtpscope::reasm::GapRecord;
    let c = run(
        limits(),
        &with_handshake(vec![
            seg(4, CLIENT, 1001, 5001, PA, b"abc"),
            seg(5, CLIENT, 1007, 5001, PA, b"ghi"),
            seg(6, SERVER, 5001, 1010, ACK, b""),
            seg(7, CLIENT, 1015, 5001, PA, b"o"),
            seg(8, SERVER, 5001, 1002, RST, b""),
        ]),
    );
    let s = c.summary(1);
    assert_eq!(
        s.c2s.gaps,
        vec![
            GapRecord {
                offset: 3,
                len: 3,
                cause: GapCause::Acked
            },
            GapRecord {
                offset: 9,
                len: 5,
                cause: GapCause::Closed
            },
        ]
    );
    assert_eq!(s.c2s.gap_count, 2);
    assert!(s.s2c.rst);
    assert_eq!(s.cause, CloseCause::Rst);
}

#[test]
fn buffered_data_carries_its_own_frame_and_time() {
    let c = run(
        limits(),
        &with_handshake(vec![
            seg(4, CLIENT, 1004, 5001, PA, b"def"),
            seg(5, CLIENT, 1001, 5001, PA, b"abc"),
            Step::Finish,
        ]),
    );
    let frames: Vec<(u64, Timestamp)> = c
        .events
        .iter()
        .zip(&c.at)
        .filter(|(e, _)| matches!(e, Ev::Data { .. }))
        .map(|(_, a)| *a)
        .collect();
    assert_eq!(frames, vec![(5, ts(5)), (4, ts(4))]);
    // Open at the SYN; Close at the last packet.
    assert_eq!(c.at.first(), Some(&(1, ts(1))));
    assert_eq!(c.at.last(), Some(&(5, ts(5))));
}

#[test]
fn server_side_choice_for_each_port_case() {
    // (src, dst, flags, expected server)
    let table: &[(&str, &str, u8, &str)] = &[
        ("10.0.0.1:40000", "10.0.0.2:25", SYN, "10.0.0.2:25"), // port rule = SYN receiver
        ("10.0.0.2:25", "10.0.0.1:40000", SYN, "10.0.0.2:25"), // port rule beats the SYN
        ("10.0.0.1:40000", "10.0.0.2:8080", SYN, "10.0.0.2:8080"), // neither: SYN receiver
        ("10.0.0.2:8080", "10.0.0.1:40000", SYN, "10.0.0.1:40000"), // neither: SYN receiver
        ("10.0.0.1:587", "10.0.0.2:25", SYN, "10.0.0.2:25"),   // both: SYN receiver
        ("10.0.0.2:25", "10.0.0.1:587", SYN, "10.0.0.1:587"),  // both: SYN receiver
        ("10.0.0.2:8080", "10.0.0.1:40000", SA, "10.0.0.2:8080"), // SYN missed: SYN-ACK sender
        ("10.0.0.2:2525", "10.0.0.1:40000", PA, "10.0.0.2:2525"), // mid-stream: port rule
        ("10.0.0.1:40000", "10.0.0.2:8080", PA, "10.0.0.2:8080"), // mid-stream neither: lower port
        ("10.0.0.2:8080", "10.0.0.1:40000", PA, "10.0.0.2:8080"), // mid-stream neither: lower port
        ("10.0.0.1:587", "10.0.0.2:25", PA, "10.0.0.2:25"),    // mid-stream both: lower port
    ];
    for &(src, dst, flags, server) in table {
        let c = run(limits(), &[between(1, src, dst, 1, 1, flags, b"x"), Step::Finish]);
        match c.events.first() {
            Some(Ev::Open {
                server: got,
                client,
                handshake,
                ..
            }) => {
                assert_eq!(*got, addr(server), "{src} -> {dst} flags {flags:#x}");
                assert_eq!(*client, if server == src { addr(dst) } else { addr(src) });
                assert_eq!(*handshake, flags & SYN != 0);
            }
            other => panic!("no Open for {src} -> {dst}: {other:?}"),
        }
    }
    // Configured ports replace the defaults.
    let mut r = Reassembler::new(limits(), PortSet::new(&[8025]));
    let c = run_with(
        &mut r,
        &[between(1, "10.0.0.2:25", "10.0.0.1:8025", 1, 1, PA, b"x")],
    );
    assert!(matches!(c.events.first(), Some(Ev::Open { server, .. }) if *server == addr("10.0.0.1:8025")));
}

#[test]
fn ids_are_sequential_from_the_first_id_and_unique_across_reuse() {
    let mut r = Reassembler::with_first_id(limits(), PortSet::default(), ConnId(41));
    let c = run_with(
        &mut r,
        &[
            seg(1, CLIENT, 10, 0, SYN, b""),
            seg(2, CLIENT, 20, 0, SYN, b""),
            between(3, "10.0.0.9:1234", SERVER, 5, 0, PA, b"x"),
            seg(4, CLIENT, 21, 0, RST, b""),
            seg(5, CLIENT, 30, 0, SYN, b""),
            Step::Finish,
        ],
    );
    let opens: Vec<u64> = c
        .events
        .iter()
        .filter_map(|e| {
            if let Ev::Open { id, .. } = e {
                Some(*id)
            } else {
                None
            }
        })
        .collect();
    assert_eq!(opens, vec![41, 42, 43, 44]);
    assert_eq!(r.next_id(), ConnId(45));
    assert!(matches!(c.events.first(), Some(Ev::Open { .. })));
    assert!(matches!(c.events.last(), Some(Ev::Close { .. })));
    assert_eq!(r.stats().connections, 4);
    assert_eq!(r.open_connections(), 0);
}

#[test]
fn tombstone_expires_with_the_idle_timeout() {
    let c = run(
        limits(),
        &with_handshake(vec![
            seg(4, SERVER, 5001, 1001, RST, b""),
            seg(5, CLIENT, 1001, 5001, PA, b"late"), // absorbed
            at_time(seg(6, CLIENT, 1005, 5001, PA, b"much later"), 4 + 600), // new connection
            Step::Finish,
        ]),
    );
    assert_eq!(
        c.events,
        vec![
            open(1, true),
            close(1, CloseCause::Rst),
            open(2, false),
            data(2, C2S, b"much later"),
            close(2, CloseCause::EndOfInput),
        ]
    );
}

#[test]
fn an_idle_flush_closes_in_the_order_of_the_last_packets() {
    // A opens first but is busy longer than B: B has been idle longer, so it is reported first,
    // whatever the order of the connections' timers.
    let (a, b) = ("10.0.0.1:40001", "10.0.0.1:40002");
    let c = run(
        limits(),
        &[
            between(1, a, SERVER, 100, 0, PA, b"NOOP\r\n"),
            between(2, b, SERVER, 200, 0, PA, b"NOOP\r\n"),
            between(3, b, SERVER, 206, 0, PA, b"NOOP\r\n"),
            between(4, a, SERVER, 106, 0, PA, b"NOOP\r\n"),
            Step::FlushIdle(5_000),
        ],
    );
    let closed: Vec<(u64, CloseCause)> = c
        .events
        .iter()
        .filter_map(|e| match e {
            Ev::Close { id, cause } => Some((*id, *cause)),
            _ => None,
        })
        .collect();
    assert_eq!(closed, vec![(2, CloseCause::Idle), (1, CloseCause::Idle)]);
}

#[test]
fn out_of_window_numbers_are_ignored() {
    let mut r = Reassembler::new(limits(), PortSet::default());
    let c = run_with(
        &mut r,
        &with_handshake(vec![
            seg(4, CLIENT, 1001 + (1 << 30) + 1, 5001, PA, b"far"),
            seg(5, SERVER, 5001, 1001 + (1 << 31), ACK, b""),
            seg(6, CLIENT, 1001, 5001, PA, b"ok"),
            Step::Finish,
        ]),
    );
    assert_eq!(
        c.events,
        vec![
            open(1, true),
            data(1, C2S, b"ok"),
            close(1, CloseCause::EndOfInput)
        ]
    );
    assert_eq!(r.stats().out_of_window, 2);
}

#[test]
fn memory_is_released_when_connections_close() {
    let mut r = Reassembler::new(limits(), PortSet::default());
    let _ = run_with(
        &mut r,
        &with_handshake(vec![seg(4, CLIENT, 1007, 5001, PA, b"ghi")]),
    );
    assert_eq!(
        r.buffered_bytes(),
        held_memory(1, 3),
        "the bytes and the piece's own cost"
    );
    let mut c = Collect::default();
    r.flush_idle(ts(4 + 600), &mut c);
    assert_eq!(r.buffered_bytes(), 0);
    assert_eq!(r.open_connections(), 0);
}

// ---------------------------------------------------------------------------------------------
// The connection budget under floods (shapes from smtpscope_synth::hostile, segment by segment).

/// A sink that only counts, for floods (the contract is checked by `check_invariants` elsewhere).
#[derive(Default)]
struct Count {
    opened: u64,
    evicted: u64,
    closed: u64,
    open_now: u64,
    peak: u64,
}

impl StreamSink for Count {
    fn on_event(&mut self, e: StreamEvent<'_>) {
        match e.kind {
            EventKind::Open(_) => {
                self.opened += 1;
                self.open_now += 1;
                self.peak = self.peak.max(self.open_now);
            }
            EventKind::Close(summary) => {
                self.closed += 1;
                self.open_now -= 1;
                self.evicted += u64::from(summary.cause == CloseCause::Evicted);
            }
            _ => {}
        }
    }
}

/// Flood client `n`: its own address and port.
fn flooder(n: u64) -> SocketAddr {
    SocketAddr::from((
        [10, (n >> 16) as u8, (n >> 8) as u8, n as u8],
        1024 + (n % 60_000) as u16,
    ))
}

/// One segment of flood connection `n` at `secs` (a thousand connections a second).
fn flood_segment(n: u64, flags: u8, seq: u32, payload: &[u8]) -> Segment<'_> {
    Segment {
        frame: n + 1,
        ts: Timestamp::new(1_000_000 + (n / 1000) as i64, (n % 1000) as u32 * 1_000_000),
        src: flooder(n),
        dst: addr(SERVER),
        seq,
        ack: 0,
        flags: TcpFlags(flags),
        window: 65535,
        payload,
        payload_truncated: 0,
        options: smtpscope::net::TcpOptions::default(),
    }
}

#[test]
fn a_syn_flood_never_holds_more_than_the_budget() {
    let budget = 1000;
    let limits = ReasmLimits {
        max_connections: budget,
        ..ReasmLimits::default()
    };
    let mut r = Reassembler::new(limits, PortSet::default());
    let mut c = Count::default();
    // A real session first: it carries data, so the flood of quiet connections never evicts it.
    let real = flooder(1 << 40);
    let hello = Segment {
        src: real,
        ..flood_segment(0, PA, 1, b"EHLO real.example\r\n")
    };
    r.push(&hello, &mut c);
    for n in 0..20_000 {
        r.push(&flood_segment(n, SYN, n as u32, b""), &mut c);
        r.flush_idle(flood_segment(n, SYN, 0, b"").ts, &mut c);
        assert!(r.open_connections() <= budget);
        assert!(r.timers() <= 4 * budget + 1024, "stale idle timers are dropped");
    }
    let stats = r.flood_stats().clone();
    assert_eq!(c.peak, budget as u64);
    // Every eviction took a quiet connection: the real session was never evicted.
    assert_eq!((stats.evicted, stats.evicted_quiet), (19_001, 19_001));
    assert_eq!(stats.peak_open, budget as u64);
    assert_eq!(stats.peak_opened_per_second, 1001);
    assert!(stats.overflowed());
    r.finish(&mut c);
    assert_eq!((c.opened, c.closed, c.evicted), (20_001, 20_001, 19_001));
    assert_eq!(r.open_connections(), 0);
}

#[test]
fn a_half_open_flood_holding_out_of_order_bytes_stays_within_both_caps() {
    let limits = ReasmLimits {
        max_connections: 500,
        max_buffered_total: 64 << 10,
        ..ReasmLimits::default()
    };
    let mut r = Reassembler::new(limits, PortSet::default());
    let mut c = Count::default();
    let payload = [b'x'; 64];
    for n in 0..5_000u64 {
        r.push(&flood_segment(n, SYN, 0, b""), &mut c);
        // Three segments after a hole of 64 bytes: all held out of order.
        for k in 2..5u32 {
            r.push(&flood_segment(n, PA, 1 + 64 * k, &payload), &mut c);
        }
        assert!(r.open_connections() <= 500);
        assert!(r.buffered_bytes() <= (64 << 10) + held_memory(1, 64));
    }
    assert_eq!(r.flood_stats().evicted, 4_500);
    assert_eq!(r.flood_stats().evicted_quiet, 0, "they carried data");
}

#[test]
fn tombstones_of_a_rst_flood_stay_within_the_budget() {
    let limits = ReasmLimits {
        max_connections: 300,
        ..ReasmLimits::default()
    };
    let mut r = Reassembler::new(limits, PortSet::default());
    let mut c = Count::default();
    for n in 0..10_000u64 {
        r.push(&flood_segment(n, SYN, 7, b""), &mut c);
        r.push(&flood_segment(n, RST | ACK, 8, b""), &mut c);
        assert!(r.tombstones() <= 300);
        assert!(r.timers() <= 4 * 600 + 1024);
    }
    assert_eq!((c.opened, c.closed, c.evicted), (10_000, 10_000, 0));
    assert!(
        !r.flood_stats().overflowed(),
        "closed connections are not evicted"
    );
}

#[test]
fn under_pressure_live_closes_idle_connections_early() {
    let limits = ReasmLimits {
        max_connections: 100,
        pressure_idle_timeout_secs: Some(30),
        ..ReasmLimits::default()
    };
    for (connections, closed_early) in [(74u64, 0u64), (75, 75)] {
        let mut r = Reassembler::new(limits, PortSet::default());
        let mut c = Count::default();
        for n in 0..connections {
            r.push(&flood_segment(n, SYN, 0, b""), &mut c);
        }
        r.flush_idle(ts(31), &mut c);
        assert_eq!(c.closed, closed_early, "{connections} open");
        assert_eq!(r.flood_stats().pressure_closed, closed_early);
    }
    // Without the option (analyze), the idle timeout stays whole.
    let mut r = Reassembler::new(
        ReasmLimits {
            pressure_idle_timeout_secs: None,
            ..limits
        },
        PortSet::default(),
    );
    let mut c = Count::default();
    for n in 0..100 {
        r.push(&flood_segment(n, SYN, 0, b""), &mut c);
    }
    r.flush_idle(ts(31), &mut c);
    assert_eq!(c.closed, 0);
}

#[test]
fn finishing_in_batches_ends_connections_in_id_order() {
    let mut r = Reassembler::new(limits(), PortSet::default());
    let mut c = Collect::default();
    for n in (0..10u64).rev() {
        r.push(&flood_segment(n, SYN, 0, b""), &mut c);
    }
    let mut batches = Vec::new();
    loop {
        let ended = r.finish_some(4, &mut c);
        if ended == 0 {
            break;
        }
        batches.push(ended);
    }
    assert_eq!(batches, vec![4, 4, 2]);
    let closed: Vec<u64> = c
        .events
        .iter()
        .filter_map(|e| match e {
            Ev::Close { id, .. } => Some(*id),
            _ => None,
        })
        .collect();
    assert_eq!(closed, (1..=10).collect::<Vec<_>>());
}

#[test]
fn a_worker_gets_its_share_of_the_budget() {
    let whole = ReasmLimits::default();
    let share = whole.share(4);
    assert_eq!(share.max_connections, whole.max_connections / 4);
    assert_eq!(share.max_buffered_total, whole.max_buffered_total / 4);
    assert_eq!(
        share.max_buffered_per_connection,
        whole.max_buffered_per_connection
    );
    assert_eq!(whole.share(0), whole.share(1));
    assert_eq!(whole.share(usize::MAX).max_connections, 1);
}

// ---------------------------------------------------------------------------------------------
// Property: random streams, segmentation, reordering, duplication and one lost segment.

/// A small deterministic generator (splitmix64) driven by a proptest-chosen seed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

#[derive(Clone, Debug)]
struct Planned {
    from_client: bool,
    /// Index of the data segment within its direction; None for a pure ACK.
    index: Option<usize>,
}

/// Builds the capture: handshake, then both directions' segments (with FIN on the last), each
/// direction locally reordered and sometimes duplicated, interleaved at random, with pure ACKs, and
/// acknowledgment numbers that only cover what the peer has "received" (been captured, or lost from
/// the capture only) so far. Returns the steps and, per direction, the segment boundaries.
fn build_capture(
    streams: [&[u8]; 2],
    isns: [u32; 2],
    rng: &mut Rng,
    lost: Option<(usize, usize)>,
) -> (Vec<Step>, [Vec<(usize, usize)>; 2]) {
    let mut bounds: [Vec<(usize, usize)>; 2] = [Vec::new(), Vec::new()];
    for side in 0..2 {
        let mut at = 0;
        while at < streams[side].len() {
            let len = (1 + rng.below(120) as usize).min(streams[side].len() - at);
            bounds[side].push((at, at + len));
            at += len;
        }
    }
    // Per direction: reordered order with duplicates.
    let mut orders: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
    for side in 0..2 {
        let mut keyed: Vec<(u64, usize)> = Vec::new();
        for i in 0..bounds[side].len() {
            keyed.push((i as u64 * 4 + rng.below(12), i));
            if rng.below(6) == 0 {
                keyed.push((i as u64 * 4 + rng.below(40), i));
            }
        }
        keyed.sort();
        orders[side] = keyed.into_iter().map(|(_, i)| i).collect();
    }
    // Interleave, with pure ACKs sprinkled in.
    let mut plan: Vec<Planned> = Vec::new();
    let (mut a, mut b) = (0, 0);
    while a < orders[0].len() || b < orders[1].len() {
        let take_client = b >= orders[1].len() || (a < orders[0].len() && rng.below(2) == 0);
        if take_client {
            plan.push(Planned {
                from_client: true,
                index: Some(orders[0][a]),
            });
            a += 1;
        } else {
            plan.push(Planned {
                from_client: false,
                index: Some(orders[1][b]),
            });
            b += 1;
        }
        if rng.below(5) == 0 {
            plan.push(Planned {
                from_client: rng.below(2) == 0,
                index: None,
            });
        }
    }
    // Final ACKs both ways.
    plan.push(Planned {
        from_client: true,
        index: None,
    });
    plan.push(Planned {
        from_client: false,
        index: None,
    });

    let client = addr(CLIENT);
    let server = addr(SERVER);
    let mut steps = vec![
        Step::Seg {
            frame: 1,
            at: 1,
            src: client,
            dst: server,
            seq: isns[0],
            ack: 0,
            flags: SYN,
            data: vec![],
            cut: 0,
        },
        Step::Seg {
            frame: 2,
            at: 1,
            src: server,
            dst: client,
            seq: isns[1],
            ack: isns[0].wrapping_add(1),
            flags: SA,
            data: vec![],
            cut: 0,
        },
        Step::Seg {
            frame: 3,
            at: 1,
            src: client,
            dst: server,
            seq: isns[0].wrapping_add(1),
            ack: isns[1].wrapping_add(1),
            flags: ACK,
            data: vec![],
            cut: 0,
        },
    ];
    let mut received: [Vec<bool>; 2] = [vec![false; bounds[0].len()], vec![false; bounds[1].len()]];
    let mut sent_end: [usize; 2] = [0, 0];
    let mut frame = 4;
    for p in plan {
        let side = if p.from_client { 0 } else { 1 };
        let peer = 1 - side;
        // What the peer's stream looks like from this side: contiguous received prefix (+1 for FIN).
        let prefix = received[peer].iter().take_while(|r| **r).count();
        let mut ack_off = if prefix == 0 {
            0
        } else {
            bounds[peer][prefix - 1].1
        };
        if prefix == bounds[peer].len() && prefix > 0 {
            ack_off += 1; // the FIN
        }
        let ack = isns[peer].wrapping_add(1).wrapping_add(ack_off as u32);
        let (src, dst) = if side == 0 {
            (client, server)
        } else {
            (server, client)
        };
        match p.index {
            Some(i) => {
                let (s, e) = bounds[side][i];
                received[side][i] = true;
                sent_end[side] = sent_end[side].max(e);
                if lost == Some((side, i)) {
                    continue;
                }
                let last = i + 1 == bounds[side].len();
                let flags = if last { FA } else { PA };
                steps.push(Step::Seg {
                    frame,
                    at: 1,
                    src,
                    dst,
                    seq: isns[side].wrapping_add(1).wrapping_add(s as u32),
                    ack,
                    flags,
                    data: streams[side][s..e].to_vec(),
                    cut: 0,
                });
            }
            None => steps.push(Step::Seg {
                frame,
                at: 1,
                src,
                dst,
                seq: isns[side].wrapping_add(1).wrapping_add(sent_end[side] as u32),
                ack,
                flags: ACK,
                data: vec![],
                cut: 0,
            }),
        }
        frame += 1;
    }
    steps.push(Step::Finish);
    (steps, bounds)
}

/// Per direction: the stream rebuilt from Data (bytes) and Gap (None) events, and the gaps.
fn rebuild(c: &Collect, dir: Direction) -> (Vec<Option<u8>>, Vec<(usize, usize)>) {
    let mut out = Vec::new();
    let mut gaps = Vec::new();
    for ev in &c.events {
        match ev {
            Ev::Data { dir: d, bytes, .. } if *d == dir => out.extend(bytes.iter().map(|b| Some(*b))),
            Ev::Gap { dir: d, len, .. } if *d == dir => {
                gaps.push((out.len(), *len as usize));
                out.extend(std::iter::repeat_n(None, *len as usize));
            }
            _ => {}
        }
    }
    (out, gaps)
}

fn isn() -> impl Strategy<Value = u32> {
    prop_oneof![any::<u32>(), (0u32..6000).prop_map(|d| u32::MAX - d)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn reordered_duplicated_streams_reassemble_exactly(
        client in proptest::collection::vec(any::<u8>(), 1..3000),
        server in proptest::collection::vec(any::<u8>(), 1..3000),
        isn_c in isn(),
        isn_s in isn(),
        seed in any::<u64>(),
    ) {
        let mut rng = Rng(seed);
        let (steps, _) = build_capture([&client, &server], [isn_c, isn_s], &mut rng, None);
        let c = run(limits(), &steps);
        let (got_c, gaps_c) = rebuild(&c, C2S);
        let (got_s, gaps_s) = rebuild(&c, S2C);
        prop_assert!(gaps_c.is_empty() && gaps_s.is_empty());
        prop_assert_eq!(got_c, client.iter().map(|b| Some(*b)).collect::<Vec<_>>());
        prop_assert_eq!(got_s, server.iter().map(|b| Some(*b)).collect::<Vec<_>>());
        prop_assert_eq!(c.summaries.len(), 1);
        prop_assert_eq!(c.summary(1).cause, CloseCause::Fin);
        prop_assert!(c.events.contains(&fin(1, C2S)) && c.events.contains(&fin(1, S2C)));
    }

    #[test]
    fn one_lost_segment_is_exactly_one_gap(
        client in proptest::collection::vec(any::<u8>(), 2..3000),
        server in proptest::collection::vec(any::<u8>(), 1..3000),
        isn_c in isn(),
        isn_s in isn(),
        seed in any::<u64>(),
        lose_client_side in any::<bool>(),
        pick in any::<u64>(),
    ) {
        let mut rng = Rng(seed);
        // Segment first (same rng sequence as build_capture) to learn how many segments there are.
        let (_, bounds) = build_capture([&client, &server], [isn_c, isn_s], &mut Rng(seed), None);
        let side = if lose_client_side || bounds[1].len() < 2 { 0 } else { 1 };
        prop_assume!(bounds[side].len() >= 2);
        let index = (pick % (bounds[side].len() as u64 - 1)) as usize; // never the last
        let (steps, bounds2) = build_capture([&client, &server], [isn_c, isn_s], &mut rng, Some((side, index)));
        prop_assert_eq!(&bounds, &bounds2);
        let c = run(limits(), &steps);
        let (lost_dir, other_dir) = if side == 0 { (C2S, S2C) } else { (S2C, C2S) };
        let streams = [&client, &server];
        let (got, gaps) = rebuild(&c, lost_dir);
        let (start, end) = bounds[side][index];
        prop_assert_eq!(gaps, vec![(start, end - start)]);
        let want: Vec<Option<u8>> = streams[side]
            .iter()
            .enumerate()
            .map(|(i, b)| if (start..end).contains(&i) { None } else { Some(*b) })
            .collect();
        prop_assert_eq!(got, want);
        let (got_other, gaps_other) = rebuild(&c, other_dir);
        prop_assert!(gaps_other.is_empty());
        prop_assert_eq!(got_other, streams[1 - side].iter().map(|b| Some(*b)).collect::<Vec<_>>());
    }
}

// ---------------------------------------------------------------------------------------------
// Public captures: the conversation counter against tshark, and the reassembler's contract on
// real traffic. A minimal reader (pcap/pcapng via pcap-parser, Ethernet via etherparse) — tests only.

fn public_captures() -> Option<PathBuf> {
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/captures/public");
    let shared = PathBuf::from("/work/shared/captures/public");
    [local, shared].into_iter().find(|p| p.is_dir())
}

struct OwnedSeg {
    frame: u64,
    ts: Timestamp,
    src: SocketAddr,
    dst: SocketAddr,
    seq: u32,
    ack: u32,
    flags: u8,
    payload: Vec<u8>,
}

fn read_tcp(path: &Path) -> Vec<OwnedSeg> {
    use etherparse::{NetSlice, SlicedPacket, TransportSlice};
    use pcap_parser::{Block, PcapBlockOwned, PcapError};
    let file = std::fs::File::open(path).unwrap();
    let mut reader = pcap_parser::create_reader(1 << 20, file).unwrap();
    let mut out = Vec::new();
    let mut frame = 0u64;
    loop {
        match reader.next() {
            Ok((offset, block)) => {
                let rec: Option<(Timestamp, Vec<u8>)> = match block {
                    PcapBlockOwned::Legacy(b) => Some((
                        Timestamp::new(i64::from(b.ts_sec), b.ts_usec.saturating_mul(1000)),
                        b.data.to_vec(),
                    )),
                    PcapBlockOwned::NG(Block::EnhancedPacket(e)) => {
                        let ticks = (u64::from(e.ts_high) << 32) | u64::from(e.ts_low);
                        let data = e.data.get(..e.caplen as usize).unwrap_or(e.data).to_vec();
                        Some((Timestamp::from_ticks(ticks, 1_000_000), data))
                    }
                    PcapBlockOwned::NG(Block::SimplePacket(s)) => {
                        Some((Timestamp::default(), s.data.to_vec()))
                    }
                    _ => None,
                };
                reader.consume(offset);
                let Some((ts, data)) = rec else { continue };
                frame += 1;
                let mut data = data;
                // TCP segmentation offload: an IPv4 total length of 0 means "the rest of the frame".
                if data.get(12..14) == Some(&[0x08, 0x00]) && data.get(16..18) == Some(&[0, 0]) {
                    let len = u16::try_from(data.len() - 14).unwrap_or(u16::MAX).to_be_bytes();
                    data[16..18].copy_from_slice(&len);
                }
                let Ok(p) = SlicedPacket::from_ethernet(&data) else {
                    continue;
                };
                let (src_ip, dst_ip): (std::net::IpAddr, std::net::IpAddr) = match &p.net {
                    Some(NetSlice::Ipv4(v4)) => (
                        v4.header().source_addr().into(),
                        v4.header().destination_addr().into(),
                    ),
                    Some(NetSlice::Ipv6(v6)) => (
                        v6.header().source_addr().into(),
                        v6.header().destination_addr().into(),
                    ),
                    _ => continue,
                };
                let Some(TransportSlice::Tcp(t)) = &p.transport else {
                    continue;
                };
                let flags = u8::from(t.fin())
                    | u8::from(t.syn()) << 1
                    | u8::from(t.rst()) << 2
                    | u8::from(t.psh()) << 3
                    | u8::from(t.ack()) << 4;
                out.push(OwnedSeg {
                    frame,
                    ts,
                    src: SocketAddr::new(src_ip, t.source_port()),
                    dst: SocketAddr::new(dst_ip, t.destination_port()),
                    seq: t.sequence_number(),
                    ack: t.acknowledgment_number(),
                    flags,
                    payload: t.payload().to_vec(),
                });
            }
            Err(PcapError::Eof) => break,
            Err(PcapError::Incomplete(_)) => reader.refill().unwrap(),
            Err(e) => panic!("{}: {e:?}", path.display()),
        }
    }
    out
}

fn as_segment(s: &OwnedSeg) -> Segment<'_> {
    Segment {
        frame: s.frame,
        ts: s.ts,
        src: s.src,
        dst: s.dst,
        seq: s.seq,
        ack: s.ack,
        flags: TcpFlags(s.flags),
        window: 0,
        payload: &s.payload,
        payload_truncated: 0,
        options: smtpscope::net::TcpOptions::default(),
    }
}

fn capture_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in std::fs::read_dir(root).unwrap().flatten() {
        for f in std::fs::read_dir(dir.path()).into_iter().flatten().flatten() {
            let p = f.path();
            let name = p.to_string_lossy().to_string();
            if name.ends_with(".pcap") || name.ends_with(".pcapng") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn public_captures_counter_matches_tshark_and_contract_holds() {
    let Some(root) = public_captures() else {
        eprintln!("public captures not found; skipping");
        return;
    };
    let mut checked = 0;
    for path in capture_files(&root) {
        let baseline = std::fs::read_to_string(format!("{}.tshark.txt", path.display())).unwrap_or_default();
        let Some(want) = baseline
            .lines()
            .find_map(|l| l.strip_prefix("tcp_streams: "))
            .and_then(|n| n.trim().parse::<u64>().ok())
        else {
            continue;
        };
        let segs = read_tcp(&path);
        let mut counter = ConnectionCounter::new();
        let mut r = Reassembler::new(limits(), PortSet::default());
        let mut sink = Collect::default();
        for s in &segs {
            let seg = as_segment(s);
            counter.observe(&seg);
            r.push(&seg, &mut sink);
            r.flush_idle(seg.ts, &mut sink);
        }
        r.finish(&mut sink);
        check_invariants(&sink, true);
        assert_eq!(counter.count(), want, "tcp_streams of {}", path.display());
        checked += 1;
    }
    assert!(checked > 0, "no baselines found under {}", root.display());
}

/// Not a test: prints each capture's reassembled streams' totals for comparison with
/// `tshark -z follow,tcp,raw,N`. Run with `cargo test --test reassembly -- --ignored --nocapture`.
#[test]
#[ignore]
fn dump_public_capture_streams() {
    let Some(root) = public_captures() else { return };
    for path in capture_files(&root) {
        let segs = read_tcp(&path);
        let mut r = Reassembler::new(limits(), PortSet::default());
        let mut sink = Collect::default();
        for s in &segs {
            r.push(&as_segment(s), &mut sink);
        }
        r.finish(&mut sink);
        for (id, s) in &sink.summaries {
            println!(
                "{} conn {id}: c2s {} bytes {} gaps, s2c {} bytes {} gaps, {:?}",
                path.display(),
                s.c2s.bytes,
                s.c2s.gap_count,
                s.s2c.bytes,
                s.s2c.gap_count,
                s.cause
            );
            for (dir, st) in [("c2s", &s.c2s), ("s2c", &s.s2c)] {
                for g in &st.gaps {
                    println!("    {dir} gap at {} len {} {:?}", g.offset, g.len, g.cause);
                }
            }
        }
    }
}
