//! Retransmissions that are loss and those that are not: the reassembler counts every segment that
//! brings no new byte as retransmitted, and tells apart the ones that were not loss — a repeated
//! SYN or FIN, a keep-alive, a copy of bytes the peer had acknowledged before it came, a copy the
//! peer reports receiving twice (D-SACK, RFC 2883: a spurious timeout or a tail-loss probe).

use smtpscope::capture::Timestamp;
use smtpscope::net::{PortSet, Segment, TcpFlags};
use smtpscope::reasm::{ConnSummary, EventKind, ReasmLimits, Reassembler, StreamEvent, StreamSink};

const SYN: u8 = 0x02;
const ACK: u8 = 0x10;
const PA: u8 = 0x18;
const FA: u8 = 0x11;
const SA: u8 = 0x12;
const CLIENT: &str = "192.0.2.10:49152";
const SERVER: &str = "198.51.100.25:25";

#[derive(Default)]
struct Summary(Option<ConnSummary>);

impl StreamSink for Summary {
    fn on_event(&mut self, e: StreamEvent<'_>) {
        if let EventKind::Close(summary) = e.kind {
            self.0 = Some(summary);
        }
    }
}

/// One segment: frame, sender, seq, ack, flags, payload, first SACK block.
type Seg = (u64, &'static str, u32, u32, u8, &'static [u8], Option<(u32, u32)>);

fn summary(segments: &[Seg]) -> ConnSummary {
    let mut r = Reassembler::new(ReasmLimits::default(), PortSet::default());
    let mut sink = Summary::default();
    for &(frame, from, seq, ack, flags, payload, sack) in segments {
        let (src, dst) = if from == CLIENT {
            (CLIENT, SERVER)
        } else {
            (SERVER, CLIENT)
        };
        r.push(
            &Segment {
                frame,
                ts: Timestamp::new(frame as i64, 0),
                src: src.parse().unwrap(),
                dst: dst.parse().unwrap(),
                seq,
                ack,
                flags: TcpFlags(flags),
                window: 65535,
                payload,
                payload_truncated: 0,
                options: smtpscope::net::TcpOptions { sack, tsval: None },
            },
            &mut sink,
        );
    }
    r.finish(&mut sink);
    sink.0.expect("the connection closed")
}

fn handshake() -> Vec<Seg> {
    vec![
        (1, CLIENT, 1000, 0, SYN, b"", None),
        (2, SERVER, 5000, 1001, SA, b"", None),
        (3, CLIENT, 1001, 5001, ACK, b"", None),
    ]
}

#[test]
fn syn_and_fin_sent_again_and_keep_alives_are_not_loss() {
    let segs = [
        (1, CLIENT, 1000, 0, SYN, &b""[..], None),
        (2, CLIENT, 1000, 0, SYN, b"", None), // SYN again at setup
        (3, SERVER, 5000, 1001, SA, b"", None),
        (4, CLIENT, 1001, 5001, ACK, b"", None),
        (5, CLIENT, 1001, 5001, PA, b"NOOP\r\n", None),
        (6, SERVER, 5001, 1007, PA, b"250 OK\r\n", None),
        (7, CLIENT, 1006, 5009, ACK, b"", None), // keep-alive (next - 1)
        (8, SERVER, 5009, 1007, FA, b"", None),
        (9, SERVER, 5009, 1007, FA, b"", None), // FIN again at teardown
        (10, CLIENT, 1007, 5010, FA, b"", None),
    ];
    let s = summary(&segs);
    assert_eq!((s.c2s.retransmitted, s.c2s.spurious), (2, 2));
    assert_eq!((s.s2c.retransmitted, s.s2c.spurious), (1, 1));
    assert_eq!(s.c2s.resent_bytes + s.s2c.resent_bytes, 0);
}

#[test]
fn a_copy_of_bytes_already_acknowledged_is_not_loss() {
    let mut segs = handshake();
    segs.extend([
        (4, CLIENT, 1001, 5001, PA, &b"MAIL FROM:<a@x>\r\n"[..], None),
        (5, SERVER, 5001, 1018, ACK, b"", None), // the receiver had it
        (6, CLIENT, 1001, 5001, PA, b"MAIL FROM:<a@x>\r\n", None), // spurious timeout
    ]);
    let s = summary(&segs);
    assert_eq!(
        (s.c2s.retransmitted, s.c2s.spurious, s.c2s.resent_bytes),
        (1, 1, 0)
    );
    assert!(s.c2s.resent_at.is_empty());
}

#[test]
fn a_copy_no_acknowledgment_covered_is_loss_until_a_d_sack_says_otherwise() {
    let mut segs = handshake();
    segs.extend([
        (4, CLIENT, 1001, 5001, PA, &b"MAIL FROM:<a@x>\r\n"[..], None),
        // No acknowledgment yet: the sender probes with the same bytes (a tail-loss probe).
        (5, CLIENT, 1001, 5001, PA, b"MAIL FROM:<a@x>\r\n", None),
    ]);
    let lost = summary(&segs);
    assert_eq!(
        (lost.c2s.retransmitted, lost.c2s.spurious, lost.c2s.resent_bytes),
        (1, 0, 17)
    );
    assert_eq!(lost.c2s.resent_at, [(5, 0)]);
    // The receiver had the original: its acknowledgment reports the copy as a duplicate.
    segs.push((6, SERVER, 5001, 1018, ACK, b"", Some((1001, 1018))));
    let probe = summary(&segs);
    assert_eq!(
        (
            probe.c2s.retransmitted,
            probe.c2s.spurious,
            probe.c2s.resent_bytes
        ),
        (1, 1, 0)
    );
    assert!(probe.c2s.resent_at.is_empty());
    // A SACK block above the acknowledgment is an ordinary SACK, not a duplicate report.
    segs.pop();
    segs.push((6, SERVER, 5001, 1018, ACK, b"", Some((2000, 2100))));
    assert_eq!(summary(&segs).c2s.spurious, 0);
}

#[test]
fn a_hole_repaired_by_a_retransmission_is_loss_with_its_bytes_and_frame() {
    let mut segs = handshake();
    segs.extend([
        (4, CLIENT, 1001, 5001, PA, &b"RCPT TO:<b@y>\r\n"[..], None),
        (5, CLIENT, 1016, 5001, PA, b"DATA\r\n", None),
        // The receiver got neither (the sender's copy of both is captured).
        (6, CLIENT, 1001, 5001, PA, b"RCPT TO:<b@y>\r\nDATA\r\n", None),
        (7, SERVER, 5001, 1022, ACK, b"", None),
    ]);
    let s = summary(&segs);
    assert_eq!((s.c2s.retransmitted, s.c2s.spurious), (1, 0));
    assert_eq!(s.c2s.resent_bytes, 21);
    assert_eq!(s.c2s.resent_at, [(6, 0)]);
}
