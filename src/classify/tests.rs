//! Tests of the session classifier: which connections become SMTP sessions, and when.

use super::*;
use crate::reasm::{CloseCause, DirStats};

const C: Direction = Direction::ClientToServer;
const S: Direction = Direction::ServerToClient;

/// Bytes sent, in order, by each side.
type Script<'a> = &'a [(Direction, &'a [u8])];

fn info(server_port: u16, handshake: bool) -> ConnInfo {
    ConnInfo {
        id: ConnId(1),
        client: "10.0.0.1:40000".parse().unwrap(),
        server: format!("10.0.0.2:{server_port}").parse().unwrap(),
        handshake_seen: handshake,
        first_frame: 1,
        start: Timestamp::new(0, 0),
    }
}

fn summary() -> ConnSummary {
    ConnSummary {
        cause: CloseCause::Fin,
        end: Timestamp::new(1, 0),
        last_frame: 9,
        c2s: DirStats::default(),
        s2c: DirStats::default(),
    }
}

/// Runs `script` (direction, bytes) through a connection; returns the outcome after each
/// step and the finished session, if any.
fn run(
    conn_info: ConnInfo,
    config: &ClassifyConfig,
    script: &[(Direction, &[u8])],
) -> (Vec<Outcome>, Option<Finished>) {
    let mut conn = Connection::open(conn_info, config);
    let mut outcomes = Vec::new();
    for (n, (dir, bytes)) in script.iter().enumerate() {
        let event = StreamEvent {
            conn: ConnId(1),
            dir: *dir,
            ts: Timestamp::new(0, n as u32),
            frame: n as u64 + 2,
            kind: EventKind::Data(bytes),
        };
        outcomes.push(conn.on_event(&event, config, &mut |info| SmtpDecoder::new(info)));
    }
    let done = conn.finish(summary(), config, &mut |info| SmtpDecoder::new(info));
    (outcomes, done)
}

fn commands(f: &Finished) -> Vec<String> {
    f.dialogue
        .transcript
        .iter()
        .filter_map(|i| match &i.kind {
            crate::smtp::ItemKind::Command(c) => Some(c.verb.clone()),
            _ => None,
        })
        .collect()
}

const DIALOGUE: [(Direction, &[u8]); 4] = [
    (S, b"220 mx.example.net ESMTP\r\n"),
    (C, b"EHLO client.example\r\n"),
    (S, b"250 mx.example.net\r\n"),
    (C, b"QUIT\r\n"),
];

#[test]
fn any_port_by_content_and_well_known_ports_always() {
    let config = ClassifyConfig::default();
    for port in [26, 10025, 1224] {
        let (outcomes, done) = run(info(port, true), &config, &DIALOGUE);
        assert!(outcomes.iter().all(|o| *o == Outcome::Keep), "{port}");
        assert_eq!(commands(&done.unwrap()), ["EHLO", "QUIT"], "{port}");
    }
    let (_, done) = run(info(25, true), &config, &[(S, b"hello there\r\n")]);
    assert!(done.is_some(), "port 25 is SMTP whatever it carries");
}

#[test]
fn other_protocols_are_released_at_once() {
    let config = ClassifyConfig::default();
    for script in [
        &[(S, &b"SSH-2.0-OpenSSH_9.2\r\n"[..])][..],
        &[(C, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")],
        &[(S, b"+OK POP3 ready\r\n")],
        // FTP greets with 220 too, but its client does not say EHLO.
        &[(S, b"220 ProFTPD Server\r\n"), (C, b"USER anonymous\r\n")],
        &[(C, b"\x16\x03\x01\x00\x05\x01\x00\x00\x01\x00")],
    ] {
        let (outcomes, done) = run(info(8000, true), &config, script);
        assert_eq!(outcomes.last(), Some(&Outcome::Release), "{script:?}");
        assert!(done.is_none());
    }
}

#[test]
fn only_ports_looks_nowhere_else() {
    let config = ClassifyConfig {
        only_ports: true,
        ..ClassifyConfig::default()
    };
    let (outcomes, done) = run(info(26, true), &config, &DIALOGUE);
    assert_eq!(outcomes.first(), Some(&Outcome::Release));
    assert!(done.is_none());
}

#[test]
fn implicit_tls_on_an_smtp_port() {
    let config = ClassifyConfig::default();
    let hello: &[u8] = b"\x16\x03\x01\x00\x05\x01\x00\x00\x01\x00";
    for port in [465, 25] {
        let (_, done) = run(
            info(port, true),
            &config,
            &[(C, hello), (S, b"\x16\x03\x03\x00\x02\x02\x00")],
        );
        let done = done.unwrap();
        assert!(done.dialogue.tls.started, "{port}");
        assert_eq!(
            done.dialogue.tls.by.as_deref(),
            Some(crate::smtp::decoder::IMPLICIT_TLS)
        );
        assert_eq!(done.dialogue.tls.frame, Some(2));
        assert_eq!(
            (done.dialogue.tls.c2s_bytes, done.dialogue.tls.s2c_bytes),
            (10, 7)
        );
    }
    // A client that speaks first in clear on an SMTP port is SMTP (a pre-greeting client).
    let (_, done) = run(info(25, true), &config, &[(C, b"EHLO x\r\n"), (S, b"220 mx\r\n")]);
    assert!(!done.unwrap().dialogue.tls.started);
}

#[test]
fn tunnels_are_read_and_named() {
    let config = ClassifyConfig::default();
    let cases: [(Script, TunnelKind, &str, u16); 3] = [
        (
            &[
                (C, b"\x05\x01\x00"),
                (S, b"\x05\x00"),
                (C, b"\x05\x01\x00\x03\x09localhost\x09\xdd"),
                (S, b"\x05\x00\x00\x01\x7f\x00\x00\x01\xc6\x8a"),
            ],
            TunnelKind::Socks5,
            "localhost",
            2525,
        ),
        (
            &[
                (C, b"\x04\x01\x00\x19\x0a\x00\x00\x02lab\x00"),
                (S, b"\x00\x5a\x00\x00\x00\x00\x00\x00"),
            ],
            TunnelKind::Socks4,
            "10.0.0.2",
            25,
        ),
        (
            &[
                (C, b"CONNECT mx.example.net:26 HTTP/1.1\r\n\r\n"),
                (S, b"HTTP/1.1 200 OK\r\n\r\n"),
            ],
            TunnelKind::HttpConnect,
            "mx.example.net",
            26,
        ),
    ];
    for (handshake, kind, host, port) in cases {
        let mut script = handshake.to_vec();
        script.extend(DIALOGUE);
        let (_, done) = run(info(1080, true), &config, &script);
        let done = done.unwrap_or_else(|| panic!("{kind:?}"));
        let tunnel = done.tunnel.clone().unwrap();
        assert_eq!(
            (tunnel.kind, tunnel.target.host.as_str(), tunnel.target.port),
            (kind, host, port)
        );
        assert_eq!(commands(&done), ["EHLO", "QUIT"], "{kind:?}");
        assert!(done.dialogue.banner.is_some());
    }
    // The proxy refused: not a session.
    let (outcomes, _) = run(
        info(1080, true),
        &config,
        &[
            (C, b"\x05\x01\x00"),
            (S, b"\x05\x00"),
            (C, b"\x05\x01\x00\x01\x01\x02\x03\x04\x00\x19"),
            (S, b"\x05\x05\x00\x01\x00\x00\x00\x00\x00\x00"),
        ],
    );
    assert_eq!(outcomes.last(), Some(&Outcome::Release));
    // The greeting and the SMTP in the same segments as the handshake's end.
    let (_, done) = run(
        info(8888, true),
        &config,
        &[
            (C, b"CONNECT 10.0.0.9:25 HTTP/1.1\r\n\r\n"),
            (S, b"HTTP/1.1 200 OK\r\n\r\n220 mx ESMTP\r\n"),
            (C, b"EHLO a\r\n"),
        ],
    );
    assert_eq!(commands(&done.unwrap()), ["EHLO"]);
}

#[test]
fn midstream_and_reversed_roles() {
    let config = ClassifyConfig::default();
    let (_, done) = run(
        info(10025, false),
        &config,
        &[(C, b"RCPT TO:<b@example.com>\r\n"), (S, b"250 2.1.5 Ok\r\n")],
    );
    assert!(done.is_some(), "a session under way");
    // The side taken for the server says EHLO: the roles are turned round.
    let (_, done) = run(
        info(40000, false),
        &config,
        &[(C, b"220 mx ESMTP\r\n"), (S, b"EHLO client\r\n")],
    );
    let done = done.unwrap();
    assert_eq!(done.info.server.to_string(), "10.0.0.1:40000");
    assert_eq!(commands(&done), ["EHLO"]);
}

#[test]
fn midstream_pickups_need_smtp_evidence() {
    let config = ClassifyConfig::default();
    let smtp = |script: Script| run(info(10025, false), &config, script).1.is_some();
    // FTP control connections picked up without their 220: shared verbs, FTP's replies.
    for ftp in [
        &[(C, &b"NOOP\r\n"[..]), (S, b"200 NOOP ok.\r\n")][..],
        &[(C, b"QUIT\r\n"), (S, b"221 Goodbye.\r\n")],
        &[
            (C, b"NOOP\r\n"),
            (S, b"200 NOOP ok.\r\n"),
            (C, b"QUIT\r\n"),
            (S, b"221 Goodbye.\r\n"),
        ],
        &[(C, b"AUTH TLS\r\n"), (S, b"234 Proceed with negotiation.\r\n")],
        &[
            (C, b"HELP\r\n"),
            (S, b"214-The following commands are recognized.\r\n"),
        ],
    ] {
        assert!(!smtp(ftp), "{ftp:?}");
    }
    // POP3 and IMAP: their replies are not three digits, their commands not SMTP's.
    for other in [
        &[(C, &b"RSET\r\n"[..]), (S, b"+OK maildrop has 2 messages\r\n")][..],
        &[(C, b"QUIT\r\n"), (S, b"+OK dewey POP3 server signing off\r\n")],
        &[(C, b"a002 NOOP\r\n"), (S, b"a002 OK NOOP completed\r\n")],
        &[(C, b"STAT\r\n"), (S, b"+OK 2 320\r\n")],
    ] {
        assert!(!smtp(other), "{other:?}");
    }
    // SMTP under way: a verb only SMTP has, or a shared one with SMTP's enhanced codes or a
    // later SMTP verb.
    for session in [
        &[(C, &b"RCPT TO:<b@example.com>\r\n"[..]), (S, b"250 2.1.5 Ok\r\n")][..],
        &[(C, b"DATA\r\n"), (S, b"354 End data with <CR><LF>.<CR><LF>\r\n")],
        &[(C, b"NOOP\r\n"), (S, b"250 2.0.0 Ok\r\n")],
        &[(C, b"QUIT\r\n"), (S, b"221 2.0.0 Bye\r\n")],
        &[
            (C, b"RSET\r\n"),
            (S, b"250 OK\r\n"),
            (C, b"MAIL FROM:<a@example.com>\r\n"),
        ],
        &[
            (C, b"AUTH LOGIN\r\n"),
            (S, b"334 VXNlcm5hbWU6\r\n"),
            (C, b"dXNlcg==\r\n"),
            (S, b"535 5.7.8 Error\r\n"),
        ],
    ] {
        assert!(smtp(session), "{session:?}");
    }
    assert!(has_enhanced_code(b"451-4.7.1 Greylisted\r\n"));
    assert!(!has_enhanced_code(b"451 5.7.1 class differs\r\n"));
    assert!(!has_enhanced_code(b"200 1.2.3 version\r\n"));
    assert!(!has_enhanced_code(b"250 2.0.0.1 too many parts\r\n"));
    assert!(!has_enhanced_code(b"250"));
}

#[test]
fn one_side_is_enough_at_the_end() {
    let config = ClassifyConfig::default();
    let (_, done) = run(
        info(26, true),
        &config,
        &[(C, b"EHLO client\r\nMAIL FROM:<a@b>\r\n")],
    );
    assert!(done.is_some(), "client side only");
    let (_, done) = run(info(26, true), &config, &[(S, b"220 mx ESMTP\r\n")]);
    assert!(done.is_some(), "a greeting, then nothing");
    let (_, done) = run(info(26, true), &config, &[(S, b"220 mx ESMTP\r\n"), (C, b"HEL")]);
    assert!(done.is_none(), "a line that never became a command");
}

#[test]
fn the_probe_is_bounded() {
    let config = ClassifyConfig::default();
    let big = vec![b'2'; PROBE_LIMIT + 1];
    let (outcomes, done) = run(info(9999, true), &config, &[(S, b"22"), (S, &big)]);
    assert_eq!(outcomes, [Outcome::Keep, Outcome::Release]);
    assert!(done.is_none());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

    /// Any two byte streams, any port, any chunking: never a panic (the fuzz target
    /// `session_classifier` goes further).
    #[test]
    fn any_streams(chunks in proptest::collection::vec((proptest::bool::ANY, proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40)), 0..12), port in proptest::prop_oneof![proptest::strategy::Just(25u16), proptest::strategy::Just(1080u16)], handshake in proptest::bool::ANY) {
        let config = ClassifyConfig::default();
        let script: Vec<(Direction, &[u8])> = chunks
            .iter()
            .map(|(client, b)| (if *client { C } else { S }, b.as_slice()))
            .collect();
        let _ = run(info(port, handshake), &config, &script);
    }
}
