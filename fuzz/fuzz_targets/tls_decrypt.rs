//! Decryption with fixed keys, on any records: a TLS 1.2 session whose handshake is fixed (the
//! suite picked by the first input byte among every family smtpscope decrypts, the master secret
//! given by a key log), then the fuzzer's bytes as protected records of either side; and the same
//! bytes opened directly by each suite's decrypter. Nothing may panic; a record that does not
//! authenticate is a counted failure, never an abort.
#![no_main]

use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;
use smtpscope::capture::Timestamp;
use smtpscope::net::Direction;
use smtpscope::smtp::Position;
use smtpscope::tls::cipher::{suite_spec, Decrypter};
use smtpscope::tls::record::Header;
use smtpscope::tls::{KeyLog, TlsKeys, TlsSession};

/// TLS 1.2 (and 1.0) suites of every family: AES-GCM, ChaCha20-Poly1305, AES-CBC (SHA-1, SHA-256,
/// SHA-384), 3DES, RC4 (MD5, SHA-1), NULL.
const SUITES: &[u16] = &[
    0xc02f, 0xc030, 0xcca8, 0xc013, 0x003c, 0xc028, 0x000a, 0x0004, 0x0005, 0x0002,
];
const CLIENT_RANDOM: [u8; 32] = [0x11; 32];
const SERVER_RANDOM: [u8; 32] = [0x22; 32];
const MASTER: [u8; 48] = [0x44; 48];

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

fn handshake(kind: u8, body: &[u8]) -> Vec<u8> {
    let len = body.len() as u32;
    let mut message = vec![kind, (len >> 16) as u8, (len >> 8) as u8, len as u8];
    message.extend_from_slice(body);
    let mut record = vec![22, 3, 3, (message.len() >> 8) as u8, message.len() as u8];
    record.extend(message);
    record
}

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

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let suite = SUITES[usize::from(pick) % SUITES.len()];
    let at = |frame| Position {
        frame,
        ts: Timestamp::default(),
    };
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
    let half = rest.len() / 2;
    session.on_data(Direction::ClientToServer, &rest[..half], at(4), &mut out);
    session.on_data(Direction::ServerToClient, &rest[half..], at(5), &mut out);
    let facts = session.finish();
    assert!(facts.decryption.is_some());
    // Each decrypter alone, on the input as one fragment of each content type.
    let spec = suite_spec(suite).expect("a supported suite");
    for version in [0x0301, 0x0302, 0x0303] {
        let Ok([mut client, mut server]) = Decrypter::from_master(
            &spec,
            version,
            &MASTER,
            &CLIENT_RANDOM,
            &SERVER_RANDOM,
            pick & 1 == 1,
        ) else {
            continue;
        };
        for content_type in [21, 22, 23] {
            let header = Header {
                content_type,
                version,
                len: rest.len().min(usize::from(u16::MAX)) as u16,
            };
            let _ = client.open(&header, rest.to_vec());
            let _ = server.open(&header, rest.to_vec());
        }
    }
});
