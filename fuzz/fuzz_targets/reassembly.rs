//! Any bytes as a script of TCP segments on one or two connections: the reassembler never panics and
//! keeps its event contract (Open first, Close last, data and gaps adding up).
#![no_main]

use std::collections::HashMap;
use std::net::SocketAddr;

use libfuzzer_sys::fuzz_target;
use smtpscope::capture::Timestamp;
use smtpscope::net::{PortSet, Segment, TcpFlags};
use smtpscope::reasm::{ConnId, EventKind, ReasmLimits, Reassembler, StreamEvent, StreamSink};

#[derive(Default)]
struct Checker {
    open: HashMap<ConnId, bool>,
}

impl StreamSink for Checker {
    fn on_event(&mut self, event: StreamEvent<'_>) {
        match event.kind {
            EventKind::Open(_) => assert!(self.open.insert(event.conn, true).is_none(), "opened twice"),
            EventKind::Close(_) => assert!(self.open.remove(&event.conn).is_some(), "closed unopened"),
            _ => assert!(self.open.contains_key(&event.conn), "event outside open/close"),
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let limits = ReasmLimits {
        max_buffered_per_connection: 4096,
        max_buffered_total: 6000,
        max_segments_per_direction: 16,
        idle_timeout_secs: 5,
    };
    let mut reasm = Reassembler::new(limits, PortSet::default());
    let mut sink = Checker::default();
    let a: SocketAddr = "192.0.2.1:40000".parse().unwrap();
    let b: SocketAddr = "192.0.2.2:25".parse().unwrap();
    let c: SocketAddr = "192.0.2.3:40001".parse().unwrap();
    // Each record: 1 byte flags/direction, 4 bytes seq, 4 bytes ack, 1 byte time step, 1 byte length.
    let mut time = 0i64;
    for (frame, record) in data.chunks(11).enumerate() {
        let [ctl, s0, s1, s2, s3, a0, a1, a2, a3, dt, len] = *record else { break };
        time += i64::from(dt % 8);
        let (src, dst) = match ctl >> 6 {
            0 => (a, b),
            1 => (b, a),
            2 => (c, b),
            _ => (b, c),
        };
        let payload = vec![ctl; usize::from(len % 64)];
        let segment = Segment {
            frame: frame as u64 + 1,
            ts: Timestamp::new(time, 0),
            src,
            dst,
            seq: u32::from_be_bytes([s0, s1, s2, s3]),
            ack: u32::from_be_bytes([a0, a1, a2, a3]),
            flags: TcpFlags(ctl & 0x1f),
            window: 65535,
            payload: &payload,
            payload_truncated: 0,
            options: smtpscope::net::TcpOptions::default(),
        };
        reasm.push(&segment, &mut sink);
        reasm.flush_idle(Timestamp::new(time, 0), &mut sink);
    }
    reasm.finish(&mut sink);
    assert!(sink.open.is_empty(), "every connection closed at finish");
});
