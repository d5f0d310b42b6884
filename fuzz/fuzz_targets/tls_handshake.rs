//! Any bytes as both directions of a TLS connection, without keys: the input is cut into chunks,
//! each sent by the client or the server (or lost as a gap), and fed to the TLS session — record
//! framing across segments, handshake reassembly, hello/certificate decoding with tls-parser and
//! x509-parser. It must never panic, and the facts it returns must respect their limits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smtpscope::capture::Timestamp;
use smtpscope::net::Direction;
use smtpscope::smtp::Position;
use smtpscope::tls::session::{MAX_ALERTS, MAX_ANOMALIES};
use smtpscope::tls::TlsSession;

/// A ClientHello record to start from (so the fuzzer reaches the later messages quickly), used
/// when the first input byte is odd.
const CLIENT_HELLO: &[u8] = &[
    0x16, 0x03, 0x01, 0x00, 0x2f, 0x01, 0x00, 0x00, 0x2b, 0x03, 0x03, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
    0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
    0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x00, 0x00, 0x02, 0xc0, 0x2f, 0x01, 0x00,
];

fuzz_target!(|data: &[u8]| {
    let Some((&flags, mut rest)) = data.split_first() else {
        return;
    };
    let mut session = TlsSession::new("STARTTLS", None);
    let mut out = Vec::new();
    let at = |frame| Position {
        frame,
        ts: Timestamp::default(),
    };
    if flags & 1 == 1 {
        session.on_data(Direction::ClientToServer, CLIENT_HELLO, at(1), &mut out);
    }
    let mut frame = 1u64;
    // Each chunk: 1 header byte (bit 7: server, bit 6: gap, low 6 bits: length / 8), then the bytes.
    while let Some((&header, tail)) = rest.split_first() {
        let dir = if header & 0x80 != 0 {
            Direction::ServerToClient
        } else {
            Direction::ClientToServer
        };
        let len = (usize::from(header & 0x3f) * 8 + 1).min(tail.len());
        let (chunk, after) = tail.split_at(len);
        rest = after;
        frame += 1;
        if header & 0x40 != 0 && flags & 2 == 2 {
            session.on_gap(dir, len as u64, at(frame));
        } else {
            session.on_data(dir, chunk, at(frame), &mut out);
        }
    }
    assert!(out.is_empty(), "nothing is decrypted without keys");
    let facts = session.finish();
    assert!(facts.anomalies.len() <= MAX_ANOMALIES);
    assert!(facts.alerts.len() <= MAX_ALERTS);
    assert!(facts.certificates.len() <= smtpscope::tls::cert::MAX_CHAIN);
    assert!(facts.decryption.is_none());
});
