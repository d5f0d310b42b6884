//! The TLS targets: the session without keys (record framing, handshake reassembly, hello and
//! certificate decoding) and with a fixed key log (every decrypter on any records).

use std::sync::{Arc, OnceLock};

use smtpscope::capture::Timestamp;
use smtpscope::net::Direction;
use smtpscope::smtp::Position;
use smtpscope::tls::cipher::{suite_spec, Decrypter};
use smtpscope::tls::record::Header;
use smtpscope::tls::session::{MAX_ALERTS, MAX_ANOMALIES};
use smtpscope::tls::{KeyLog, TlsKeys, TlsSession};

use crate::script;

/// Frame `frame` at time zero.
fn at(frame: u64) -> Position {
    Position {
        frame,
        ts: Timestamp::default(),
    }
}

/// A ClientHello record to start from (so the fuzzer reaches the later messages quickly), used
/// when the first input byte is odd.
const CLIENT_HELLO: &[u8] = &[
    0x16, 0x03, 0x01, 0x00, 0x2f, 0x01, 0x00, 0x00, 0x2b, 0x03, 0x03, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
    0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
    0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x00, 0x00, 0x02, 0xc0, 0x2f, 0x01, 0x00,
];

/// Any bytes as both directions of a TLS connection, without keys: a [`script::chunks`] script
/// after a flags byte (bit 0: start with a fixed ClientHello), each chunk sent by the client or the
/// server or lost as a gap, fed to the TLS session — record framing across segments, handshake
/// reassembly, hello/certificate decoding with tls-parser and x509-parser. It must never panic,
/// decrypt nothing, and the facts it returns must respect their limits.
pub fn tls_handshake(data: &[u8]) {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let mut session = TlsSession::new("STARTTLS", None);
    let mut out = Vec::new();
    if flags & 1 == 1 {
        session.on_data(Direction::ClientToServer, CLIENT_HELLO, at(1), &mut out);
    }
    for (frame, chunk) in (2u64..).zip(script::chunks(rest)) {
        match chunk.gap {
            Some(len) => session.on_gap(chunk.dir, len, at(frame)),
            None => session.on_data(chunk.dir, &chunk.bytes, at(frame), &mut out),
        }
    }
    assert!(out.is_empty(), "nothing is decrypted without keys");
    let facts = session.finish();
    assert!(facts.anomalies.len() <= MAX_ANOMALIES);
    assert!(facts.alerts.len() <= MAX_ALERTS);
    assert!(facts.certificates.len() <= smtpscope::tls::cert::MAX_CHAIN);
    assert!(facts.decryption.is_none());
}

/// The suites of [`tls_decrypt`], picked by its first input byte: TLS 1.2 (and 1.0) suites of
/// every family smtpscope decrypts — AES-GCM, ChaCha20-Poly1305, AES-CBC (SHA-1, SHA-256,
/// SHA-384), 3DES, RC4 (MD5, SHA-1), NULL.
pub const DECRYPT_SUITES: &[u16] = &[
    0xc02f, 0xc030, 0xcca8, 0xc013, 0x003c, 0xc028, 0x000a, 0x0004, 0x0005, 0x0002,
];
const CLIENT_RANDOM: [u8; 32] = [0x11; 32];
const SERVER_RANDOM: [u8; 32] = [0x22; 32];
const MASTER: [u8; 48] = [0x44; 48];

/// The key log holding [`MASTER`] for [`CLIENT_RANDOM`].
fn keys() -> Arc<TlsKeys> {
    static KEYS: OnceLock<Arc<TlsKeys>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let hex: String = CLIENT_RANDOM
            .iter()
            .chain(&MASTER)
            .map(|b| format!("{b:02x}"))
            .collect();
        let (random, master) = hex.split_at(64);
        let mut log = KeyLog::new();
        log.add(format!("CLIENT_RANDOM {random} {master}\n").as_bytes());
        Arc::new(TlsKeys::new(log, Vec::new()))
    })
    .clone()
}

/// A handshake record of one message.
fn handshake(kind: u8, body: &[u8]) -> Vec<u8> {
    let len = body.len() as u32;
    let mut message = vec![kind, (len >> 16) as u8, (len >> 8) as u8, len as u8];
    message.extend_from_slice(body);
    let mut record = vec![22, 3, 3, (message.len() >> 8) as u8, message.len() as u8];
    record.extend(message);
    record
}

/// A TLS 1.2 ClientHello offering `suite` alone, or the ServerHello choosing it.
fn hello(random: &[u8; 32], suite: u16, client: bool) -> Vec<u8> {
    let mut body = vec![3, 3];
    body.extend_from_slice(random);
    body.push(0);
    if client {
        body.extend([0, 2]);
    }
    body.extend(suite.to_be_bytes());
    body.extend(if client { &[1u8, 0][..] } else { &[0u8][..] });
    body.extend([0, 0]);
    handshake(if client { 1 } else { 2 }, &body)
}

/// Decryption with fixed keys, on any records: a TLS 1.2 session whose handshake is fixed (the
/// suite picked by the first input byte among [`DECRYPT_SUITES`], the master secret given by a key
/// log), then the rest as a [`script::chunks`] script of protected records from either side; and
/// the same bytes opened directly by each suite's decrypter as one fragment of each content type.
/// Nothing may panic; a record that does not authenticate is a counted failure, never an abort.
pub fn tls_decrypt(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let suite = DECRYPT_SUITES[usize::from(pick) % DECRYPT_SUITES.len()];
    // The session: fixed hellos and ChangeCipherSpecs, then the input as records of both sides.
    let mut session = TlsSession::new("STARTTLS", Some(keys()));
    let mut out = Vec::new();
    session.on_data(
        Direction::ClientToServer,
        &hello(&CLIENT_RANDOM, suite, true),
        at(1),
        &mut out,
    );
    let mut server = hello(&SERVER_RANDOM, suite, false);
    server.extend(handshake(14, &[]));
    session.on_data(Direction::ServerToClient, &server, at(2), &mut out);
    for dir in [Direction::ClientToServer, Direction::ServerToClient] {
        session.on_data(dir, &[20, 3, 3, 0, 1, 1], at(3), &mut out);
    }
    let chunks = script::chunks(rest);
    for (frame, chunk) in (4u64..).zip(&chunks) {
        match chunk.gap {
            Some(len) => session.on_gap(chunk.dir, len, at(frame)),
            None => session.on_data(chunk.dir, &chunk.bytes, at(frame), &mut out),
        }
    }
    let facts = session.finish();
    assert!(facts.decryption.is_some());
    // Each decrypter alone, on the chunks' bytes as one fragment of each content type.
    let fragment: Vec<u8> = chunks.iter().flat_map(|c| c.bytes.iter().copied()).collect();
    let Ok(spec) = suite_spec(suite) else {
        panic!("suite {suite:04x} is supported");
    };
    for version in [0x0301, 0x0302, 0x0303] {
        let Ok([mut client, mut server]) = Decrypter::from_master(
            &spec,
            version,
            &MASTER,
            &CLIENT_RANDOM,
            &SERVER_RANDOM,
            pick & 0x80 != 0,
        ) else {
            continue;
        };
        for content_type in [21, 22, 23] {
            let header = Header {
                content_type,
                version,
                len: fragment.len().min(usize::from(u16::MAX)) as u16,
            };
            let _ = client.open(&header, fragment.clone());
            let _ = server.open(&header, fragment.clone());
        }
    }
}
