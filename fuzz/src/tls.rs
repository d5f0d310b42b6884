//! The TLS targets: the session without keys (record framing, handshake reassembly, hello and
//! certificate decoding) and with a fixed key log (every decrypter on any records).

use std::sync::{Arc, OnceLock};

use smtpscope::capture::Timestamp;
use smtpscope::net::Direction;
use smtpscope::smtp::Position;
use smtpscope::tls::cipher::{suite_spec, Decrypter};
use smtpscope::tls::record::Header;
use smtpscope::tls::schedule::Hash13;
use smtpscope::tls::session::{MAX_ALERTS, MAX_ANOMALIES};
use smtpscope::tls::{KeyLog, Plaintext, TlsKeys, TlsSession};

use crate::{script, seal};

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

/// The suites of [`tls_decrypt`]'s unauthenticated mode, picked by its first input byte: TLS 1.2
/// (and 1.0) suites of every family smtpscope decrypts — AES-GCM, ChaCha20-Poly1305, AES-CBC
/// (SHA-1, SHA-256, SHA-384), 3DES, RC4 (MD5, SHA-1), NULL.
pub const DECRYPT_SUITES: &[u16] = &[
    0xc02f, 0xc030, 0xcca8, 0xc013, 0x003c, 0xc028, 0x000a, 0x0004, 0x0005, 0x0002,
];
const CLIENT_RANDOM: [u8; 32] = [0x11; 32];
/// The client random of TLS 1.3 sessions with SHA-384 secrets.
const CLIENT_RANDOM_384: [u8; 32] = [0x13; 32];
const SERVER_RANDOM: [u8; 32] = [0x22; 32];
const MASTER: [u8; 48] = [0x44; 48];

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A fresh copy of the key log holding [`MASTER`] for [`CLIENT_RANDOM`], and the TLS 1.3 traffic
/// secrets of [`seal::secrets13`] for it (SHA-256) and for [`CLIENT_RANDOM_384`] (SHA-384): a copy
/// per input, so that what one session learns (a session ticket's master secret) does not carry
/// over to the next input.
fn keys() -> Arc<TlsKeys> {
    static LOG: OnceLock<KeyLog> = OnceLock::new();
    let log = LOG.get_or_init(|| {
        let mut text = format!("CLIENT_RANDOM {} {}\n", hex(&CLIENT_RANDOM), hex(&MASTER));
        for (random, hash) in [
            (CLIENT_RANDOM, Hash13::Sha256),
            (CLIENT_RANDOM_384, Hash13::Sha384),
        ] {
            let labels = [
                "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
                "SERVER_HANDSHAKE_TRAFFIC_SECRET",
                "CLIENT_TRAFFIC_SECRET_0",
                "SERVER_TRAFFIC_SECRET_0",
            ];
            for (label, secret) in labels.iter().zip(seal::secrets13(hash)) {
                text += &format!("{label} {} {}\n", hex(&random), hex(&secret));
            }
        }
        let mut log = KeyLog::new();
        let problems = log.add(text.as_bytes());
        assert!(problems.is_empty(), "the fixed key log parses: {problems:?}");
        log
    });
    Arc::new(TlsKeys::new(log.clone(), Vec::new()))
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

/// A TLS 1.2-shaped ClientHello offering `suite` alone, or the ServerHello choosing it; `tls13`
/// adds the ServerHello's supported_versions extension naming TLS 1.3 (RFC 8446 §4.2.1).
fn hello(random: &[u8; 32], suite: u16, client: bool, tls13: bool) -> Vec<u8> {
    let mut body = vec![3, 3];
    body.extend_from_slice(random);
    body.push(0);
    if client {
        body.extend([0, 2]);
    }
    body.extend(suite.to_be_bytes());
    body.extend(if client { &[1u8, 0][..] } else { &[0u8][..] });
    if tls13 && !client {
        body.extend([0, 6, 0, 0x2b, 0, 2, 3, 4]);
    } else {
        body.extend([0, 0]);
    }
    handshake(if client { 1 } else { 2 }, &body)
}

/// Decryption with fixed keys. The first input byte picks the mode: with bit 6 set, **sealed
/// records** ([`sealed`]); otherwise **any records** — a TLS 1.2 session whose handshake is fixed
/// (the suite picked by the first byte among [`DECRYPT_SUITES`], the master secret given by a key
/// log), then the rest as a [`script::chunks`] script of protected records from either side, and
/// the same bytes opened directly by each suite's decrypter as one fragment of each content type.
/// Nothing may panic; a record that does not authenticate is a counted failure, never an abort.
pub fn tls_decrypt(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    if pick & 0x40 != 0 {
        sealed(pick, rest);
        return;
    }
    let suite = DECRYPT_SUITES[usize::from(pick) % DECRYPT_SUITES.len()];
    // The session: fixed hellos and ChangeCipherSpecs, then the input as records of both sides.
    let mut session = TlsSession::new("STARTTLS", Some(keys()));
    let mut out = Vec::new();
    tls12_handshake(&mut session, suite, &mut out);
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

/// The fixed TLS 1.2 handshake in clear: hellos choosing `suite`, ServerHelloDone, both
/// ChangeCipherSpecs (frames 1–3).
fn tls12_handshake(session: &mut TlsSession, suite: u16, out: &mut Vec<Plaintext>) {
    session.on_data(
        Direction::ClientToServer,
        &hello(&CLIENT_RANDOM, suite, true, false),
        at(1),
        out,
    );
    let mut server = hello(&SERVER_RANDOM, suite, false, false);
    server.extend(handshake(14, &[]));
    session.on_data(Direction::ServerToClient, &server, at(2), out);
    for dir in [Direction::ClientToServer, Direction::ServerToClient] {
        session.on_data(dir, &[20, 3, 3, 0, 1, 1], at(3), out);
    }
}

/// What a run of the sealed mode showed: records opened and application records handed out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SealedRun {
    /// Records the session opened.
    pub opened: u64,
    /// Application-data records handed out and checked against their plaintext.
    pub checked: usize,
}

/// The sealed mode of [`tls_decrypt`] on the rest of the input after its first byte `pick`: the
/// fixed handshake of the suite `pick` names among [`seal::SEALED_SUITES`] (TLS 1.2: hellos and
/// ChangeCipherSpecs with the master secret in the key log; TLS 1.3: hellos with
/// supported_versions, the four traffic secrets in the key log), then a [`seal`] script of records
/// sealed with the real keys, delivered in the segments the script cuts. Checks that every record
/// sealed and not corrupted opens, that the session hands out exactly the plaintext of the
/// application-data records in the order they completed, and that what does not open is counted.
pub fn sealed(pick: u8, rest: &[u8]) -> SealedRun {
    let suite = seal::suite(pick);
    let tls13 = suite.hash13.is_some();
    let client_random = if suite.hash13 == Some(Hash13::Sha384) {
        CLIENT_RANDOM_384
    } else {
        CLIENT_RANDOM
    };
    let mut session = TlsSession::new("STARTTLS", Some(keys()));
    let mut out = Vec::new();
    if tls13 {
        let hellos = [
            (
                Direction::ClientToServer,
                hello(&client_random, suite.id, true, true),
            ),
            (
                Direction::ServerToClient,
                hello(&SERVER_RANDOM, suite.id, false, true),
            ),
        ];
        for (frame, (dir, bytes)) in (1u64..).zip(hellos) {
            session.on_data(dir, &bytes, at(frame), &mut out);
        }
    } else {
        tls12_handshake(&mut session, suite.id, &mut out);
    }
    let mut sealer = seal::Sealer::new(suite, &MASTER, &client_random, &SERVER_RANDOM);
    let mut expected: Vec<(Direction, Vec<u8>)> = Vec::new();
    let mut frame = 4u64;
    let mut deliver = |sealer: &mut seal::Sealer, dir: Direction, eighths: u8, out: &mut Vec<Plaintext>| {
        let (bytes, plain) = sealer.deliver(dir, eighths);
        if !bytes.is_empty() {
            session.on_data(dir, &bytes, at(frame), out);
            frame += 1;
        }
        expected.extend(plain.into_iter().map(|p| (dir, p)));
    };
    for record in seal::read(rest) {
        sealer.push(&record);
        if let Some(eighths) = record.deliver {
            deliver(&mut sealer, record.dir, eighths, &mut out);
        }
    }
    for dir in [Direction::ClientToServer, Direction::ServerToClient] {
        deliver(&mut sealer, dir, 0, &mut out);
    }
    let facts = session.finish();
    let got: Vec<(Direction, Vec<u8>)> = out.into_iter().map(|p| (p.dir, p.data)).collect();
    let Some(decryption) = facts.decryption else {
        panic!("keys were given");
    };
    let exact = [Direction::ClientToServer, Direction::ServerToClient].map(|d| sealer.exact(d));
    if exact == [true, true] {
        assert_eq!(
            got, expected,
            "the plaintext handed out is what was sealed, in order"
        );
        let [(c_opened, c_failed), (s_opened, s_failed)] =
            [Direction::ClientToServer, Direction::ServerToClient].map(|d| sealer.counts(d));
        assert_eq!(
            (decryption.records.c2s, decryption.records.s2c),
            (c_opened, s_opened),
            "records opened"
        );
        assert_eq!(
            decryption.failed_records,
            c_failed + s_failed,
            "records that failed"
        );
    } else {
        // Past the point where the oracle lost track of a side, that side may hand out anything;
        // before it, exactly what was sealed.
        for (dir, exact) in [Direction::ClientToServer, Direction::ServerToClient]
            .into_iter()
            .zip(exact)
        {
            let of = |list: &[(Direction, Vec<u8>)]| -> Vec<Vec<u8>> {
                list.iter()
                    .filter(|(d, _)| *d == dir)
                    .map(|(_, p)| p.clone())
                    .collect()
            };
            let (got, expected) = (of(&got), of(&expected));
            if exact {
                assert_eq!(got, expected, "the plaintext handed out is what was sealed");
            } else {
                assert!(
                    got.starts_with(&expected),
                    "the plaintext before the oracle lost track"
                );
            }
        }
    }
    assert!(facts.anomalies.len() <= MAX_ANOMALIES);
    assert!(facts.alerts.len() <= MAX_ALERTS);
    SealedRun {
        opened: decryption.records.c2s + decryption.records.s2c,
        checked: expected.len(),
    }
}
