//! Session tests: RFC 8448's TLS 1.3 trace end to end, and built TLS 1.2 sessions.

use super::*;
use crate::time::Timestamp;

mod rfc8448;

fn at(frame: u64) -> Position {
    Position {
        frame,
        ts: Timestamp::default(),
    }
}

use crate::tls::testing::{gcm12_fragment, unhex};

const C: Direction = Direction::ClientToServer;
const S: Direction = Direction::ServerToClient;

fn rfc8448_flow() -> Vec<(Direction, Vec<u8>)> {
    use rfc8448::*;
    let mut server_first = unhex(SH);
    server_first.extend(unhex(SFLIGHT));
    vec![
        (C, unhex(CH)),
        (S, server_first),
        (C, unhex(CFIN)),
        (S, unhex(NST)),
        (C, unhex(CDATA)),
        (S, unhex(SDATA)),
        (C, unhex(CALERT)),
        (S, unhex(SALERT)),
    ]
}

fn rfc8448_keys(labels: &[&str]) -> Arc<TlsKeys> {
    use rfc8448::*;
    let random = "cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7";
    let mut text = String::new();
    for (label, secret) in [
        ("CLIENT_HANDSHAKE_TRAFFIC_SECRET", CHS),
        ("SERVER_HANDSHAKE_TRAFFIC_SECRET", SHS),
        ("CLIENT_TRAFFIC_SECRET_0", CAP),
        ("SERVER_TRAFFIC_SECRET_0", SAP),
    ] {
        if labels.contains(&label) {
            text.push_str(&format!("{label} {random} {secret}\n"));
        }
    }
    let mut log = KeyLog::new();
    assert!(log.add(text.as_bytes()).is_empty());
    Arc::new(TlsKeys::new(log, Vec::new()))
}

use super::super::keylog::KeyLog;

/// Runs a flow through a session, each chunk cut into pieces of `piece` bytes (0: whole).
fn run(
    flow: &[(Direction, Vec<u8>)],
    keys: Option<Arc<TlsKeys>>,
    piece: usize,
) -> (TlsFacts, Vec<Plaintext>) {
    let mut session = TlsSession::new("STARTTLS", keys);
    let mut out = Vec::new();
    for (i, (dir, bytes)) in flow.iter().enumerate() {
        let frame = i as u64 + 1;
        if piece == 0 {
            session.on_data(*dir, bytes, at(frame), &mut out);
        } else {
            for chunk in bytes.chunks(piece) {
                session.on_data(*dir, chunk, at(frame), &mut out);
            }
        }
    }
    (session.finish(), out)
}

const ALL: [&str; 4] = [
    "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
    "SERVER_HANDSHAKE_TRAFFIC_SECRET",
    "CLIENT_TRAFFIC_SECRET_0",
    "SERVER_TRAFFIC_SECRET_0",
];

#[test]
fn rfc8448_decrypts_with_a_key_log() {
    let (facts, out) = run(&rfc8448_flow(), Some(rfc8448_keys(&ALL)), 0);
    let expected: Vec<u8> = (0u8..=0x31).collect();
    assert_eq!(
        out,
        vec![
            Plaintext {
                dir: C,
                at: at(5),
                data: expected.clone()
            },
            Plaintext {
                dir: S,
                at: at(6),
                data: expected
            },
        ]
    );
    assert_eq!(facts.version(), Some(Version::TLS13));
    assert_eq!(
        facts.client_hello.as_ref().unwrap().sni.as_deref(),
        Some("server")
    );
    assert_eq!(facts.leaf().unwrap().common_name.as_deref(), Some("rsa"));
    assert_eq!(
        facts.finished,
        PerDir {
            c2s: Some(3),
            s2c: Some(2)
        }
    );
    assert!(facts.established);
    assert_eq!(facts.alerts.len(), 2);
    assert!(facts
        .alerts
        .iter()
        .all(|a| a.encrypted && a.level == Some(1) && a.description == Some(0)));
    let d = facts.decryption.unwrap();
    assert_eq!(d.status, DecryptStatus::Decrypted, "{d:?}");
    assert_eq!(d.records, PerDir { c2s: 3, s2c: 4 });
    assert_eq!(d.plaintext_bytes, PerDir { c2s: 50, s2c: 50 });
    assert!(facts.anomalies.is_empty(), "{:?}", facts.anomalies);
}

#[test]
fn rfc8448_without_keys_shows_the_handshake_in_clear_only() {
    let (facts, out) = run(&rfc8448_flow(), None, 0);
    assert!(out.is_empty());
    assert!(facts.certificates.is_empty());
    assert!(
        facts.established,
        "inferred from the server speaking after the client's Finished"
    );
    assert_eq!(facts.encrypted_records, PerDir { c2s: 3, s2c: 4 });
    assert!(facts.alerts.is_empty());
    assert_eq!(facts.decryption, None);
    assert_eq!(
        facts.c2s_bytes,
        rfc8448_flow()
            .iter()
            .filter(|(d, _)| *d == C)
            .map(|(_, b)| b.len() as u64)
            .sum::<u64>()
    );
}

#[test]
fn rfc8448_split_at_every_size_gives_the_same_result() {
    let whole = run(&rfc8448_flow(), Some(rfc8448_keys(&ALL)), 0);
    for piece in [1, 2, 3, 5, 7, 64, 1000] {
        assert_eq!(
            run(&rfc8448_flow(), Some(rfc8448_keys(&ALL)), piece),
            whole,
            "pieces of {piece}"
        );
    }
    let clear = run(&rfc8448_flow(), None, 0);
    assert_eq!(run(&rfc8448_flow(), None, 1), clear);
}

#[test]
fn rfc8448_with_application_secrets_only() {
    let (facts, out) = run(
        &rfc8448_flow(),
        Some(rfc8448_keys(&[
            "CLIENT_TRAFFIC_SECRET_0",
            "SERVER_TRAFFIC_SECRET_0",
        ])),
        0,
    );
    assert_eq!(out.len(), 2, "the application data still opens");
    let d = facts.decryption.unwrap();
    assert_eq!(d.status, DecryptStatus::Partial);
    assert_eq!(d.failed_records, 2, "the server flight and the client Finished");
    assert!(d.detail.unwrap().contains("lacks some"));
}

#[test]
fn rfc8448_with_another_sessions_keys_says_what_was_looked_for() {
    let mut log = KeyLog::new();
    log.add(
        format!(
            "CLIENT_TRAFFIC_SECRET_0 {} {}\n",
            "00".repeat(32),
            "11".repeat(32)
        )
        .as_bytes(),
    );
    let (facts, out) = run(&rfc8448_flow(), Some(Arc::new(TlsKeys::new(log, Vec::new()))), 0);
    assert!(out.is_empty());
    let d = facts.decryption.unwrap();
    assert_eq!(d.status, DecryptStatus::NoKey);
    assert!(d.looked_for.unwrap().contains("cb34ecb1e78163ba"));
}

#[test]
fn rfc8448_damaged_record_fails_alone() {
    let mut flow = rfc8448_flow();
    flow[4].1[20] ^= 0x01; // the client's application data
    let (facts, out) = run(&flow, Some(rfc8448_keys(&ALL)), 0);
    assert_eq!(out.len(), 1);
    let d = facts.decryption.unwrap();
    assert_eq!(
        (d.status, d.failed_records, d.first_failure),
        (DecryptStatus::Partial, 1, Some(5))
    );
    assert!(facts
        .anomalies
        .iter()
        .any(|a| a.kind == TlsAnomalyKind::DecryptFailed));
    assert_eq!(facts.alerts.len(), 2, "the records after it still open");
}

// ----- TLS 1.2, built record by record ---------------------------------------------------------

use super::super::schedule::PrfHash;

fn hs(kind: u8, body: &[u8]) -> Vec<u8> {
    let len = body.len() as u32;
    let mut v = vec![kind, (len >> 16) as u8, (len >> 8) as u8, len as u8];
    v.extend_from_slice(body);
    v
}

fn record(content_type: u8, body: &[u8]) -> Vec<u8> {
    let mut v = vec![content_type, 3, 3, (body.len() >> 8) as u8, body.len() as u8];
    v.extend_from_slice(body);
    v
}

fn ext(kind: u16, data: &[u8]) -> Vec<u8> {
    let mut v = kind.to_be_bytes().to_vec();
    v.extend((data.len() as u16).to_be_bytes());
    v.extend_from_slice(data);
    v
}

const CR: [u8; 32] = [0x11; 32];
const SR: [u8; 32] = [0x22; 32];

fn client_hello(suite: u16, ems: bool) -> Vec<u8> {
    let mut body = vec![3, 3];
    body.extend(CR);
    body.push(0);
    body.extend([0, 2]);
    body.extend(suite.to_be_bytes());
    body.extend([1, 0]);
    let host = b"mail.example.com";
    let mut sni = ((host.len() + 3) as u16).to_be_bytes().to_vec();
    sni.push(0);
    sni.extend((host.len() as u16).to_be_bytes());
    sni.extend(host);
    let mut exts = ext(0, &sni);
    if ems {
        exts.extend(ext(23, &[]));
    }
    body.extend((exts.len() as u16).to_be_bytes());
    body.extend(exts);
    hs(1, &body)
}

fn server_hello(suite: u16, ems: bool) -> Vec<u8> {
    let mut body = vec![3, 3];
    body.extend(SR);
    body.push(32);
    body.extend([0x33; 32]);
    body.extend(suite.to_be_bytes());
    body.push(0);
    let exts = if ems { ext(23, &[]) } else { Vec::new() };
    body.extend((exts.len() as u16).to_be_bytes());
    body.extend(exts);
    hs(2, &body)
}

/// AES-128-GCM keys of a TLS 1.2 session: (client key, client salt, server key, server salt).
fn gcm_keys(master: &[u8]) -> ([u8; 16], [u8; 4], [u8; 16], [u8; 4]) {
    let block = schedule::key_block(PrfHash::Sha256, master, &CR, &SR, 40);
    (
        block[0..16].try_into().unwrap(),
        block[32..36].try_into().unwrap(),
        block[16..32].try_into().unwrap(),
        block[36..40].try_into().unwrap(),
    )
}

fn seal(key: &[u8; 16], salt: &[u8; 4], seq: u64, content_type: u8, plain: &[u8]) -> Vec<u8> {
    record(
        content_type,
        &gcm12_fragment(key, salt, 0x1000 + seq, seq, content_type, plain),
    )
}

/// A TLS 1.2 session: handshake with `key_exchange` as the ClientKeyExchange body, then one
/// command and one reply.
fn tls12_flow(suite: u16, ems: bool, master: &[u8], key_exchange: &[u8]) -> Vec<(Direction, Vec<u8>)> {
    let (ck, cs, sk, ss) = gcm_keys(master);
    let finished = hs(20, &[0x5a; 12]);
    let mut server_flight = record(22, &server_hello(suite, ems));
    server_flight.extend(record(22, &hs(14, &[])));
    let mut client_flight = record(22, &hs(16, key_exchange));
    client_flight.extend(record(20, &[1]));
    client_flight.extend(seal(&ck, &cs, 0, 22, &finished));
    let mut server_finish = record(20, &[1]);
    server_finish.extend(seal(&sk, &ss, 0, 22, &finished));
    vec![
        (C, record(22, &client_hello(suite, ems))),
        (S, server_flight),
        (C, client_flight),
        (S, server_finish),
        (C, seal(&ck, &cs, 1, 23, b"EHLO client.example.net\r\n")),
        (S, seal(&sk, &ss, 1, 23, b"250 mail.example.com\r\n")),
        (C, seal(&ck, &cs, 2, 21, &[1, 0])),
    ]
}

fn keylog_for(master: &[u8]) -> Arc<TlsKeys> {
    let mut log = KeyLog::new();
    let line = format!("CLIENT_RANDOM {} {}\n", hex(&CR), hex(master));
    assert!(log.add(line.as_bytes()).is_empty());
    Arc::new(TlsKeys::new(log, Vec::new()))
}

#[test]
fn tls12_gcm_with_a_key_log() {
    let master = [0x44u8; 48];
    let flow = tls12_flow(0xc02f, false, &master, &[3, 1, 2, 3]);
    let (facts, out) = run(&flow, Some(keylog_for(&master)), 0);
    assert_eq!(
        out.iter().map(|p| (p.dir, p.data.clone())).collect::<Vec<_>>(),
        vec![
            (C, b"EHLO client.example.net\r\n".to_vec()),
            (S, b"250 mail.example.com\r\n".to_vec())
        ]
    );
    assert_eq!(facts.version(), Some(Version::TLS12));
    let frames = PerDir {
        c2s: Some(3),
        s2c: Some(4),
    };
    assert_eq!((facts.change_cipher_spec, facts.finished), (frames, frames));
    assert!(facts.established);
    assert_eq!(facts.alerts.len(), 1);
    assert_eq!(facts.alerts[0].describe(), "warning close_notify");
    let d = facts.decryption.unwrap();
    assert_eq!(
        (d.status, d.key.as_deref()),
        (DecryptStatus::Decrypted, Some("key log (CLIENT_RANDOM)"))
    );
    assert_eq!(d.records, PerDir { c2s: 3, s2c: 2 });
    // The same cut into single bytes.
    let (again, out_again) = run(&flow, Some(keylog_for(&master)), 1);
    assert_eq!(out_again, out);
    assert_eq!(again.decryption, Some(d));
}

#[test]
fn tls12_without_keys_counts_and_places_what_it_cannot_read() {
    let master = [0x44u8; 48];
    let (facts, out) = run(&tls12_flow(0xc02f, false, &master, &[3, 1, 2, 3]), None, 0);
    assert!(out.is_empty());
    assert_eq!(
        facts.finished,
        PerDir {
            c2s: Some(3),
            s2c: Some(4)
        }
    );
    assert!(facts.established);
    assert_eq!(facts.encrypted_records, PerDir { c2s: 1, s2c: 1 });
    assert_eq!(
        facts.encrypted_bytes,
        PerDir {
            c2s: 8 + 25 + 16,
            s2c: 8 + 22 + 16
        }
    );
    assert_eq!(facts.alerts[0].describe(), "encrypted alert");
    assert_eq!(
        facts.client_hello.as_ref().unwrap().sni.as_deref(),
        Some("mail.example.com")
    );
}

#[test]
fn tls12_ecdhe_with_only_an_rsa_key_says_why() {
    let master = [0x44u8; 48];
    let (key, _) = rsa_key();
    let keys = Arc::new(TlsKeys::new(KeyLog::new(), vec![key]));
    let (facts, out) = run(&tls12_flow(0xc02f, false, &master, &[3, 1, 2, 3]), Some(keys), 0);
    assert!(out.is_empty());
    let d = facts.decryption.unwrap();
    assert_eq!(d.status, DecryptStatus::NoKey);
    assert!(
        d.detail.unwrap().contains("ECDHE"),
        "the reason names the key exchange"
    );
}

/// A 1024-bit test key, made once per test run.
fn rsa_key() -> (super::super::rsa_kx::ServerKey, rsa::RsaPublicKey) {
    use rand::SeedableRng;
    use rsa::pkcs1::{DecodeRsaPrivateKey, EncodeRsaPrivateKey};
    static PEM: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let pem = PEM.get_or_init(|| {
        let mut rng = rand::rngs::StdRng::seed_from_u64(1);
        let private = rsa::RsaPrivateKey::new(&mut rng, 1024).unwrap();
        private.to_pkcs1_pem(Default::default()).unwrap().to_string()
    });
    let public = rsa::RsaPublicKey::from(rsa::RsaPrivateKey::from_pkcs1_pem(pem).unwrap());
    let mut keys = super::super::rsa_kx::parse_pem(pem, "test.key").unwrap();
    (keys.remove(0), public)
}

fn rsa_exchange(public: &rsa::RsaPublicKey, pms: &[u8]) -> Vec<u8> {
    use rand::SeedableRng;
    let mut rng = rand::rngs::StdRng::seed_from_u64(2);
    let enc = public.encrypt(&mut rng, rsa::Pkcs1v15Encrypt, pms).unwrap();
    let mut body = (enc.len() as u16).to_be_bytes().to_vec();
    body.extend(enc);
    body
}

#[test]
fn tls12_rsa_key_exchange_with_and_without_extended_master_secret() {
    let (key, public) = rsa_key();
    let keys = Arc::new(TlsKeys::new(KeyLog::new(), vec![key]));
    let mut pms = vec![3, 3];
    pms.extend([0x77; 46]);
    let cke = rsa_exchange(&public, &pms);
    for ems in [false, true] {
        let master = if ems {
            let mut transcript = SessionHash::default();
            transcript.update(&client_hello(0x009c, true));
            transcript.update(&server_hello(0x009c, true));
            transcript.update(&hs(14, &[]));
            transcript.update(&hs(16, &cke));
            schedule::extended_master_secret(PrfHash::Sha256, &pms, &transcript.value(PrfHash::Sha256))
        } else {
            schedule::master_secret(PrfHash::Sha256, &pms, &CR, &SR)
        };
        let (facts, out) = run(&tls12_flow(0x009c, ems, &master, &cke), Some(keys.clone()), 0);
        assert_eq!(out.len(), 2, "ems {ems}: {:?}", facts.decryption);
        let d = facts.decryption.unwrap();
        assert_eq!(
            (d.status, d.key.as_deref()),
            (DecryptStatus::Decrypted, Some("RSA key test.key"))
        );
        assert_eq!(keys.learned(&[0x33; 32]), Some(master));
    }
}

#[test]
fn tls12_garbage_after_change_cipher_spec() {
    let master = [0x44u8; 48];
    let mut flow = tls12_flow(0xc02f, false, &master, &[3, 1, 2, 3]);
    // Replace the client's encrypted Finished by 40 bytes of garbage in a handshake record.
    let flight = &mut flow[2].1;
    let keep = 5 + 8 + 5 + 1; // CKE record, CCS record
    flight.truncate(keep);
    flight.extend(record(22, &[0xee; 40]));
    let (facts, out) = run(&flow, Some(keylog_for(&master)), 0);
    assert_eq!(out.len(), 2, "the records after it still open");
    let d = facts.decryption.unwrap();
    assert_eq!(
        (d.status, d.failed_records, d.first_failure),
        (DecryptStatus::Partial, 1, Some(3))
    );
    let (plain, _) = run(&flow, None, 0);
    assert_eq!(
        plain.finished.c2s,
        Some(3),
        "without keys it is just the first protected record"
    );
}

#[test]
fn tls12_longest_record_and_a_longer_one() {
    let master = [0x44u8; 48];
    let mut flow = tls12_flow(0xc02f, false, &master, &[3, 1, 2, 3]);
    let longest = record_of(23, MAX_CIPHERTEXT);
    let longer = record_of(23, MAX_CIPHERTEXT + 1);
    flow.push((C, [longest, longer].concat()));
    flow.push((
        C,
        seal(&gcm_keys(&master).0, &gcm_keys(&master).1, 5, 23, b"QUIT\r\n"),
    ));
    let (facts, out) = run(&flow, Some(keylog_for(&master)), 0);
    assert_eq!(
        out.last().unwrap().data,
        b"QUIT\r\n",
        "the sequence number stays in step"
    );
    assert!(facts
        .anomalies
        .iter()
        .any(|a| a.kind == TlsAnomalyKind::RecordTooLong));
    assert_eq!(
        facts.decryption.as_ref().unwrap().failed_records,
        1,
        "the longest only: the longer one is skipped"
    );
    let (facts, _) = run(&flow, None, 0);
    let too_long: Vec<_> = facts
        .anomalies
        .iter()
        .filter(|a| a.kind == TlsAnomalyKind::RecordTooLong)
        .collect();
    assert_eq!(too_long.len(), 1);
}

fn record_of(content_type: u8, len: usize) -> Vec<u8> {
    let mut v = vec![content_type, 3, 3, (len >> 8) as u8, len as u8];
    v.resize(5 + len, 0xab);
    v
}

#[test]
fn hostile_inputs_never_panic_and_say_what_is_wrong() {
    // Not TLS at all after STARTTLS.
    let (facts, _) = run(&[(C, b"EHLO x\r\n".to_vec())], None, 0);
    assert_eq!(facts.anomalies[0].kind, TlsAnomalyKind::RecordInvalid);
    // A truncated chain: the first certificate is kept.
    let cert = unhex(super::super::cert::tests::RFC8448_CERT);
    let mut list = vec![0, (cert.len() >> 8) as u8, cert.len() as u8];
    list.extend(&cert);
    list.extend([0, 0xff, 0xff, 1, 2]);
    let mut body = vec![0, (list.len() >> 8) as u8, list.len() as u8];
    body.extend(&list);
    let flow = vec![
        (C, record(22, &client_hello(0xc02f, false))),
        (
            S,
            [
                record(22, &server_hello(0xc02f, false)),
                record(22, &hs(11, &body)),
            ]
            .concat(),
        ),
    ];
    let (facts, _) = run(&flow, None, 0);
    assert_eq!(facts.certificates.len(), 1);
    assert!(facts
        .anomalies
        .iter()
        .any(|a| a.kind == TlsAnomalyKind::HandshakeMalformed));
    // A connection cut inside a record and inside a handshake message.
    let mut cut = record(22, &client_hello(0xc02f, false));
    cut.truncate(30);
    let (facts, _) = run(&[(C, cut)], None, 0);
    assert_eq!(facts.anomalies[0].kind, TlsAnomalyKind::RecordTruncated);
    let ch = client_hello(0xc02f, false);
    let (facts, _) = run(&[(C, record(22, &ch[..20]))], None, 0);
    assert_eq!(facts.anomalies[0].kind, TlsAnomalyKind::HandshakeTruncated);
    // Every prefix of a whole TLS 1.3 session, with keys: no panic.
    let flow = rfc8448_flow();
    let all: Vec<(Direction, u8)> = flow
        .iter()
        .flat_map(|(d, b)| b.iter().map(move |x| (*d, *x)))
        .collect();
    for end in (0..all.len()).step_by(37) {
        let pieces: Vec<(Direction, Vec<u8>)> = all[..end].iter().map(|(d, b)| (*d, vec![*b])).collect();
        let _ = run(&pieces, Some(rfc8448_keys(&ALL)), 0);
    }
}

/// A certificate with a 100 kB subjectAltName list (3,701 names), in a chain sent in 7 records.
#[test]
fn certificate_with_a_100_kb_san_list() {
    let der = include_bytes!("../testdata/san-100k.der");
    assert!(der.len() > 100_000);
    let mut list = vec![(der.len() >> 16) as u8, (der.len() >> 8) as u8, der.len() as u8];
    list.extend(der);
    let mut body = vec![
        (list.len() >> 16) as u8,
        (list.len() >> 8) as u8,
        list.len() as u8,
    ];
    body.extend(&list);
    let message = hs(11, &body);
    let mut server = record(22, &server_hello(0xc02f, false));
    for chunk in message.chunks(MAX_PLAINTEXT) {
        server.extend(record(22, chunk));
    }
    let flow = vec![(C, record(22, &client_hello(0xc02f, false))), (S, server)];
    let (facts, _) = run(&flow, None, 1000);
    let leaf = facts.leaf().expect("the certificate is decoded");
    assert_eq!(leaf.common_name.as_deref(), Some("mail.contoso.com"));
    assert_eq!(leaf.san.len(), super::super::cert::MAX_SAN);
    assert_eq!(leaf.san_dropped, 3701 - super::super::cert::MAX_SAN as u64);
    assert!(super::super::cert::name_matches(leaf, "mail.contoso.com"));
    assert!(facts.anomalies.is_empty(), "{:?}", facts.anomalies);
}

/// A cheap stand-in for the fuzz targets in the unit tests: random chunks of random bytes, and
/// RFC 8448's session with random bytes flipped, with and without keys — never a panic, and the
/// kept lists within their limits.
#[test]
fn random_and_mutated_inputs_never_panic() {
    use rand::{Rng, SeedableRng};
    let mut rng = rand::rngs::StdRng::seed_from_u64(14);
    for round in 0..300 {
        let keys = (round % 2 == 0).then(|| rfc8448_keys(&ALL));
        let mut flow = rfc8448_flow();
        if round % 3 == 0 {
            // Pure noise, some of it starting like a record.
            flow = (0..rng.gen_range(1..8))
                .map(|i| {
                    let mut bytes: Vec<u8> = (0..rng.gen_range(0..300)).map(|_| rng.gen()).collect();
                    if i == 0 && !bytes.is_empty() {
                        bytes[0] = 22;
                    }
                    (if rng.gen() { C } else { S }, bytes)
                })
                .collect();
        } else {
            for _ in 0..rng.gen_range(1..6) {
                let which = rng.gen_range(0..flow.len());
                let chunk = &mut flow[which].1;
                let at = rng.gen_range(0..chunk.len());
                chunk[at] ^= 1 << rng.gen_range(0..8);
            }
        }
        let (facts, _) = run(&flow, keys, rng.gen_range(0..40));
        assert!(facts.anomalies.len() <= MAX_ANOMALIES);
        assert!(facts.alerts.len() <= MAX_ALERTS);
    }
}
