//! Byte-script dialogues (client and server chunks) → the decoded `Dialogue`.
//!
//! Each test states a dialogue as the bytes each side sent, feeds them to the SMTP decoder as
//! stream events (each step one frame, numbered from 1), and asserts what the decoder made of it.
//! The property tests at the end split every step at random points and require the same result.

use proptest::prelude::*;
use sha2::{Digest, Sha256};

use smtpscope::net::Direction::{self, ClientToServer as C, ServerToClient as S};
use smtpscope::reasm::{CloseCause, ConnId, ConnInfo, EventKind, GapCause, StreamEvent};
use smtpscope::smtp::decoder::MAX_AUTH;
use smtpscope::smtp::dialogue::{AuthOutcome, Dialogue, ItemKind};
use smtpscope::smtp::{AnomalyKind, SmtpDecoder};
use smtpscope::time::Timestamp;

/// One step of a script: data from one side, or a gap of `n` bytes.
#[derive(Clone, Debug)]
enum Step {
    Data(Direction, Vec<u8>),
    Gap(Direction, u64),
}

fn c(bytes: impl AsRef<[u8]>) -> Step {
    Step::Data(C, bytes.as_ref().to_vec())
}

fn s(bytes: impl AsRef<[u8]>) -> Step {
    Step::Data(S, bytes.as_ref().to_vec())
}

fn info(handshake_seen: bool) -> ConnInfo {
    ConnInfo {
        id: ConnId(1),
        client: "192.0.2.10:49152".parse().unwrap(),
        server: "198.51.100.25:25".parse().unwrap(),
        handshake_seen,
        first_frame: 1,
        start: Timestamp::new(1_000, 0),
    }
}

/// Decodes `steps`, cutting step `i` into pieces at the offsets `cuts(i, len)` returns.
fn decode_split(
    steps: &[Step],
    handshake_seen: bool,
    cuts: &mut dyn FnMut(usize, usize) -> Vec<usize>,
) -> Dialogue {
    let mut decoder = SmtpDecoder::new(&info(handshake_seen));
    for (i, step) in steps.iter().enumerate() {
        let frame = i as u64 + 1;
        let ts = Timestamp::new(1_000 + i as i64, 0);
        match step {
            Step::Data(dir, bytes) => {
                let mut offsets = cuts(i, bytes.len());
                offsets.retain(|o| *o > 0 && *o < bytes.len());
                offsets.sort_unstable();
                offsets.dedup();
                offsets.push(bytes.len());
                let mut from = 0;
                for to in offsets {
                    decoder.on_event(&StreamEvent {
                        conn: ConnId(1),
                        dir: *dir,
                        ts,
                        frame,
                        kind: EventKind::Data(&bytes[from..to]),
                    });
                    from = to;
                }
            }
            Step::Gap(dir, len) => decoder.on_event(&StreamEvent {
                conn: ConnId(1),
                dir: *dir,
                ts,
                frame,
                kind: EventKind::Gap {
                    len: *len,
                    cause: GapCause::Acked,
                },
            }),
        }
    }
    decoder.finish(CloseCause::Fin)
}

fn decode(steps: &[Step]) -> Dialogue {
    decode_split(steps, true, &mut |_, _| Vec::new())
}

/// The transcript as short strings: `C MAIL FROM:<a>`, `S 250`, `C [blob 2336]`, …
fn outline(d: &Dialogue) -> Vec<String> {
    d.transcript
        .iter()
        .map(|item| {
            let who = if item.dir == C { "C" } else { "S" };
            let what = match &item.kind {
                ItemKind::Command(c) if c.arg.is_empty() => c.verb.clone(),
                ItemKind::Command(c) => format!("{} {}", c.verb, c.arg),
                ItemKind::Reply(r) => r.reply.code.to_string(),
                ItemKind::AuthData { .. } => "[auth]".into(),
                ItemKind::Blob { bytes, .. } => format!("[blob {bytes}]"),
                ItemKind::Content { verb, bytes } => format!("[{verb} {bytes}]"),
                ItemKind::Tls { bytes } => format!("[tls {bytes}]"),
                ItemKind::Gap { bytes } => format!("[gap {bytes}]"),
                ItemKind::Unparsed { lines, .. } => format!("[unparsed {lines}]"),
            };
            format!("{who} {what}")
        })
        .collect()
}

fn anomalies(d: &Dialogue) -> Vec<AnomalyKind> {
    d.anomalies.iter().map(|a| a.kind).collect()
}

const EHLO_2003: &str = "250-ex2.contoso.com Hello [192.0.2.10]\r\n250-TURN\r\n250-SIZE\r\n250-ETRN\r\n\
    250-PIPELINING\r\n250-DSN\r\n250-ENHANCEDSTATUSCODES\r\n250-8bitmime\r\n250-BINARYMIME\r\n\
    250-CHUNKING\r\n250-VRFY\r\n250-X-EXPS GSSAPI NTLM LOGIN\r\n250-X-EXPS=LOGIN\r\n\
    250-AUTH GSSAPI NTLM LOGIN\r\n250-AUTH=LOGIN\r\n250-X-LINK2STATE\r\n250-XEXCH50\r\n250 OK\r\n";

/// A BLOB that looks like SMTP inside: it must be taken as data.
fn tricky_blob(len: usize) -> Vec<u8> {
    let mut blob = b"\x01\x00\x00\x00\r\n250 OK\r\n.\r\nQUIT\r\n\r\n.\r\n\x00\x00RSET\r\n".to_vec();
    let mut x = 7u32;
    while blob.len() < len {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        blob.push((x >> 16) as u8);
    }
    blob.truncate(len);
    blob
}

fn bdat_body(len: usize) -> Vec<u8> {
    let mut body = b"Message-ID: <42@contoso.com>\r\nSubject: chunked\r\n\r\n".to_vec();
    body.resize(len, b'b');
    body
}

/// Exchange 2003 → 2003: X-EXPS, XEXCH50 with a BLOB full of CRLFs, BDAT in two chunks.
fn healthy_exchange() -> Vec<Step> {
    let token = base64_of(&[
        0x60, 0x82, 0x05, 0x58, 0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02,
    ]);
    let body = bdat_body(1908);
    let mut first = b"BDAT 1000\r\n".to_vec();
    first.extend_from_slice(&body[..1000]);
    let mut last = b"BDAT 908 LAST\r\n".to_vec();
    last.extend_from_slice(&body[1000..]);
    vec![
        s("220 ex2.contoso.com Microsoft ESMTP MAIL Service, Version: 6.0.3790.3959 ready at  Tue, 13 Jan 2004 17:23:43 +0100\r\n"),
        c("EHLO ex1.contoso.com\r\n"),
        s(EHLO_2003),
        c("X-EXPS GSSAPI\r\n"),
        s("334 GSSAPI supported\r\n"),
        c(format!("{token}\r\n")),
        s("334 oYGfMIGcoAMKAQA=\r\n"),
        c("\r\n"),
        s("235 2.7.0 Authentication successful\r\n"),
        c("MAIL FROM:<alice@contoso.com> SIZE=1908 BODY=BINARYMIME\r\n"),
        s("250 2.1.0 alice@contoso.com....Sender OK\r\n"),
        c("RCPT TO:<bob@contoso.com>\r\n"),
        s("250 2.1.5 bob@contoso.com\r\n"),
        c("RCPT TO:<carol@contoso.com>\r\n"),
        s("250 2.1.5 carol@contoso.com\r\n"),
        c("XEXCH50 2336 3\r\n"),
        s("354 Send binary data\r\n"),
        c(tricky_blob(2336)),
        s("250 XEXCH50 OK\r\n"),
        c(first),
        s("250 2.6.0 CHUNK received OK, 1000 octets\r\n"),
        c(last),
        s("250 2.6.0 <42@contoso.com> Queued mail for delivery\r\n"),
        c("QUIT\r\n"),
        s("221 2.0.0 ex2.contoso.com Service closing transmission channel\r\n"),
    ]
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[test]
fn a_healthy_exchange_session_decodes_completely() {
    let d = decode(&healthy_exchange());
    assert_eq!(
        outline(&d),
        [
            "S 220",
            "C EHLO ex1.contoso.com",
            "S 250",
            "C X-EXPS GSSAPI",
            "S 334",
            "C [auth]",
            "S 334",
            "C [auth]",
            "S 235",
            "C MAIL FROM:<alice@contoso.com> SIZE=1908 BODY=BINARYMIME",
            "S 250",
            "C RCPT TO:<bob@contoso.com>",
            "S 250",
            "C RCPT TO:<carol@contoso.com>",
            "S 250",
            "C XEXCH50 2336 3",
            "S 354",
            "C [blob 2336]",
            "S 250",
            "C BDAT 1000",
            "C [BDAT 1000]",
            "S 250",
            "C BDAT 908 LAST",
            "C [BDAT 908]",
            "S 250",
            "C QUIT",
            "S 221",
        ]
    );
    assert_eq!(anomalies(&d), []);
    let banner = d.banner.as_ref().unwrap();
    assert_eq!((banner.value.code, banner.at.frame), (220, 1));
    assert!(banner
        .value
        .text()
        .contains("Version: 6.0.3790.3959 ready at  Tue"));
    let helo = d.helo.as_ref().unwrap();
    assert_eq!(
        (helo.verb.as_str(), helo.name.as_str()),
        ("EHLO", "ex1.contoso.com")
    );
    let keywords: Vec<&str> = d.extensions.iter().map(|e| e.keyword.as_str()).collect();
    assert_eq!(keywords.len(), 17);
    assert_eq!(keywords[6], "8bitmime");
    assert_eq!(d.extensions[10].params, ["GSSAPI", "NTLM", "LOGIN"]);

    let auth = &d.auth[0];
    assert_eq!(
        (auth.verb.as_str(), auth.mechanism.as_str()),
        ("X-EXPS", "GSSAPI")
    );
    assert_eq!(auth.outcome, AuthOutcome::Success);
    assert_eq!(auth.reply.as_ref().unwrap().value.code, 235);
    let dirs: Vec<Direction> = auth.tokens.iter().map(|t| t.dir).collect();
    assert_eq!(dirs, [S, C, S, C]);
    assert_eq!(auth.tokens[0].text.as_deref(), Some("GSSAPI supported"));
    assert_eq!(auth.tokens[1].bytes[..2], [0x60, 0x82]);
    assert_eq!(auth.tokens[2].bytes[0], 0xa1);
    assert!(auth.tokens[3].bytes.is_empty() && auth.tokens[3].base64);

    assert_eq!(d.transactions.len(), 1);
    let t = &d.transactions[0];
    let from = t.mail_from.as_ref().unwrap();
    assert_eq!(from.path.as_ref().unwrap().addr, "alice@contoso.com");
    assert_eq!(
        from.path.as_ref().unwrap().params[1].value.as_deref(),
        Some("BINARYMIME")
    );
    assert_eq!(t.accepted_recipients(), 2);
    let x = &t.xexch50[0];
    assert_eq!(
        (x.size.value, x.count.value, x.reply),
        (Some(2336), Some(3), Some(354))
    );
    assert_eq!(
        (x.blob_bytes, x.blob_complete, x.blob_reply),
        (2336, true, Some(250))
    );
    let expected_hash: String = Sha256::digest(tricky_blob(2336))
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(x.sha256.as_deref(), Some(expected_hash.as_str()));
    assert_eq!(
        x.head,
        "010000000d0a323530204f4b0d0a2e0d0a515549540d0a0d0a2e0d0a00005253"
    );
    let content = t.data.as_ref().unwrap();
    assert_eq!(
        (content.verb, content.bytes, content.reply, content.complete),
        ("BDAT", 1908, Some(250), true)
    );
    assert_eq!(content.chunks.len(), 2);
    assert!(content.chunks[1].last);
    assert_eq!(content.headers.message_id.as_deref(), Some("<42@contoso.com>"));
    assert_eq!(content.headers.subject.as_deref(), Some("chunked"));
}

#[test]
fn a_refused_xexch50_is_followed_by_commands_not_a_blob() {
    let d = decode(&[
        s("220 ex2 ESMTP\r\n"),
        c("EHLO ex1\r\n"),
        s("250 ex2\r\n"),
        c("MAIL FROM:<a@contoso.com>\r\n"),
        s("250 OK\r\n"),
        c("RCPT TO:<b@contoso.com>\r\n"),
        s("250 OK\r\n"),
        // The client does not wait for the reply: its DATA is held until the 504 decides.
        c("XEXCH50 1124 2\r\nDATA\r\n"),
        s("504 Need to authenticate first\r\n354 Start mail input\r\n"),
        c("Subject: hi\r\n\r\nbody\r\n.\r\n"),
        s("250 2.6.0 Queued\r\n"),
    ]);
    let t = &d.transactions[0];
    let x = &t.xexch50[0];
    assert_eq!((x.reply, x.blob_bytes, x.blob_reply), (Some(504), 0, None));
    let data = t.data.as_ref().unwrap();
    assert_eq!(
        (data.command_reply, data.reply, data.complete),
        (Some(354), Some(250), true)
    );
    assert_eq!(data.headers.subject.as_deref(), Some("hi"));
    assert!(outline(&d).contains(&"C DATA".to_string()));
}

#[test]
fn blob_bytes_sent_before_the_354_are_held_then_framed() {
    let mut early = b"XEXCH50 10 2\r\n".to_vec();
    early.extend_from_slice(b"\r\n250 OK\r\n");
    early.extend_from_slice(b"QUIT\r\n");
    let d = decode(&[
        s("220 ex2\r\n"),
        c("MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\n"),
        s("250 OK\r\n250 OK\r\n"),
        c(early),
        s("354 Send binary data\r\n250 XEXCH50 OK\r\n221 bye\r\n"),
    ]);
    let x = &d.transactions[0].xexch50[0];
    assert_eq!(
        (x.blob_bytes, x.blob_complete, x.blob_reply),
        (10, true, Some(250))
    );
    assert_eq!(outline(&d).last().unwrap(), "S 221");
    assert_eq!(anomalies(&d), []);
}

#[test]
fn pipelined_commands_are_matched_to_replies_in_order() {
    let d = decode(&[
        s("220 mx ESMTP\r\n"),
        c("EHLO c\r\n"),
        s("250-mx\r\n250 PIPELINING\r\n"),
        c("MAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nRCPT TO:<c@y>\r\nRCPT TO:<d@y>\r\nDATA\r\n"),
        s("250 2.1.0 OK\r\n250 2.1.5 OK\r\n550 5.1.1 User unknown\r\n250 2.1.5 OK\r\n354 go\r\n"),
        c("x\r\n.\r\nRSET\r\nMAIL FROM:<e@x>\r\nRCPT TO:<f@y>\r\nQUIT\r\n"),
        s("250 queued\r\n250 reset\r\n250 OK\r\n250 OK\r\n221 bye\r\n"),
    ]);
    let t = &d.transactions[0];
    let codes: Vec<Option<u16>> = t.rcpt_to.iter().map(|r| r.reply).collect();
    assert_eq!(codes, [Some(250), Some(550), Some(250)]);
    assert_eq!(t.accepted_recipients(), 2);
    assert_eq!(t.data.as_ref().unwrap().reply, Some(250));
    assert_eq!(d.transactions.len(), 2);
    assert_eq!(d.transactions[1].rcpt_to[0].reply, Some(250));
    assert_eq!(anomalies(&d), []);
    let answered: Vec<Option<usize>> = d.replies().map(|(_, r)| r.answers).collect();
    assert_eq!(answered[0], None, "the banner answers nothing");
    assert!(answered[1..].iter().all(Option::is_some));
}

#[test]
fn bdat_chunks_and_their_data_may_be_pipelined() {
    let d = decode(&[
        s("220 mx\r\n"),
        c("MAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nBDAT 5\r\nhelloBDAT 3\r\n\r\n.BDAT 0 LAST\r\n"),
        s("250 OK\r\n250 OK\r\n250 5 octets\r\n250 3 octets\r\n250 queued\r\n"),
        c("MAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nBDAT 500\r\n"),
        s("250 OK\r\n250 OK\r\n"),
        c(vec![b'z'; 500]),
        s("554 5.6.0 Invalid message content\r\n"),
        c("RSET\r\n"),
        s("250 2.0.0 Resetting\r\n"),
    ]);
    let first = d.transactions[0].data.as_ref().unwrap();
    assert_eq!(
        (first.bytes, first.chunks.len(), first.reply, first.complete),
        (8, 3, Some(250), true)
    );
    assert_eq!(first.chunks[2].size.value, Some(0));
    let second = &d.transactions[1];
    let content = second.data.as_ref().unwrap();
    assert_eq!(
        (content.bytes, content.reply, content.complete),
        (500, Some(554), false)
    );
    assert!(second.reset);
    assert_eq!(anomalies(&d), []);
}

fn client_hello() -> Vec<u8> {
    let mut hello = vec![0x16, 0x03, 0x01, 0x00, 0x30, 0x01, 0x00, 0x00, 0x2c, 0x03, 0x03];
    hello.resize(0x35, 0xab);
    hello
}

#[test]
fn starttls_followed_by_a_client_hello_makes_the_rest_opaque() {
    let d = decode(&[
        s("220 mx\r\n"),
        c("EHLO c\r\n"),
        s("250-mx\r\n250 STARTTLS\r\n"),
        c("STARTTLS\r\n"),
        s("220 2.0.0 SMTP server ready\r\n"),
        c(client_hello()),
        s([0x16, 0x03, 0x03, 0x00, 0x02, 0x02, 0x00]),
        c(b"\x17\x03\x03\x00\x05EHLO\r"),
        s(b"\x17\x03\x03\x00\x01\x00"),
    ]);
    assert!(d.tls.started);
    assert_eq!((d.tls.by.as_deref(), d.tls.frame), (Some("STARTTLS"), Some(6)));
    assert_eq!((d.tls.c2s_bytes, d.tls.s2c_bytes), (0x35 + 10, 13));
    assert_eq!(outline(&d)[5..], ["C [tls 63]", "S [tls 13]"]);
    assert_eq!(anomalies(&d), []);
}

#[test]
fn a_client_that_continues_in_clear_after_starttls_is_an_anomaly() {
    let d = decode(&[
        s("220 mx\r\n"),
        c("STARTTLS\r\n"),
        s("220 Ready to start TLS\r\n"),
        c("EHLO c\r\n"),
        s("250 mx\r\n"),
    ]);
    assert!(!d.tls.started);
    assert_eq!(anomalies(&d), [AnomalyKind::StarttlsNotFollowedByTls]);
    assert_eq!(d.helo.as_ref().unwrap().reply, Some(250));
}

#[test]
fn auth_exchanges_keep_tokens_and_outcomes() {
    let d = decode(&[
        s("220 mx\r\n"),
        c("AUTH PLAIN AGFsaWNlAG5vdC1hLXJlYWwtcGFzc3dvcmQ=\r\n"),
        s("535 5.7.8 Authentication credentials invalid\r\n"),
        c("AUTH LOGIN\r\n"),
        s("334 VXNlcm5hbWU6\r\n"),
        c("YWxpY2U=\r\n"),
        s("334 UGFzc3dvcmQ6\r\n"),
        c("*\r\n"),
        s("501 5.7.0 Authentication cancelled\r\n"),
        c("X-EXPS NTLM TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAGAbEdAAAADw==\r\n"),
        s("454 4.7.0 Temporary authentication failure\r\n"),
    ]);
    let outcomes: Vec<AuthOutcome> = d.auth.iter().map(|a| a.outcome).collect();
    assert_eq!(
        outcomes,
        [AuthOutcome::Failure, AuthOutcome::Cancelled, AuthOutcome::Failure]
    );
    assert_eq!(d.auth[0].tokens[0].bytes, b"\0alice\0not-a-real-password");
    assert_eq!(d.auth[1].tokens[0].bytes, b"Username:");
    assert_eq!(d.auth[1].tokens[1].bytes, b"alice");
    assert!(d.auth[1].tokens[3].cancel);
    assert_eq!(&d.auth[2].tokens[0].bytes[..8], b"NTLMSSP\0");
    let secret: Vec<bool> = d.commands().map(|(_, c)| c.carries_secret).collect();
    assert_eq!(secret, [true, false, true]);
    assert_eq!(anomalies(&d), []);
}

#[test]
fn data_is_unstuffed_and_non_canonical_end_of_data_sequences_are_recorded() {
    let d = decode(&[
        s("220 mx\r\n"),
        c("MAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nDATA\r\n"),
        s("250 OK\r\n250 OK\r\n354 go\r\n"),
        c("Message-ID: <1@x>\r\nSubject: smuggle\r\n\r\n..dot\r\nhi\n.\r\nMAIL FROM:<spoof@x>\r\nRCPT TO:<v@y>\r\nDATA\r\nbare\nlf\r\n.\r\n"),
        s("250 queued once\r\n"),
    ]);
    let content = d.transactions[0].data.as_ref().unwrap();
    let facts = content.data.as_ref().unwrap();
    assert_eq!(facts.stuffed_dots, 1);
    assert_eq!(facts.raw_bytes, facts.unstuffed_bytes + 1);
    assert_eq!(facts.line_endings.bare_lf, 2);
    assert_eq!(facts.end_of_data_candidates.len(), 1);
    assert_eq!(facts.end_of_data_candidates[0].sequence, "LF.CRLF");
    assert!(facts.end_of_data_candidates[0]
        .followed_by
        .starts_with("MAIL FROM:<spoof@x>"));
    assert_eq!(content.headers.message_id.as_deref(), Some("<1@x>"));
    assert_eq!(
        d.transactions.len(),
        1,
        "the smuggled MAIL is body, not a command"
    );
    assert_eq!(anomalies(&d), []);
}

#[test]
fn replies_to_smuggled_commands_point_at_the_sequence_that_hid_them() {
    let d = decode(&[
        s("220 mx\r\n"),
        c("MAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nDATA\r\n"),
        s("250 OK\r\n250 OK\r\n354 go\r\n"),
        c("hi\n.\r\nMAIL FROM:<spoof@x>\r\nRCPT TO:<v@y>\r\nDATA\r\nspoofed\r\n.\r\n"),
        s("250 queued 1\r\n250 OK\r\n250 OK\r\n354 go\r\n250 queued 2\r\n"),
    ]);
    assert_eq!(anomalies(&d), [AnomalyKind::ReplyWithoutCommand; 4]);
    assert!(d.anomalies.iter().all(|a| a.detail.contains("LF.CRLF at byte 3")));
}

#[test]
fn a_reply_code_change_and_unsolicited_and_unanswered_replies() {
    let d = decode(&[
        s("220 mx\r\n"),
        c("EHLO c\r\n"),
        s("250-mx\r\n550 oops\r\n"),
        s("421 4.3.2 Service shutting down\r\n"),
        c("NOOP\r\n"),
    ]);
    assert_eq!(
        anomalies(&d),
        [
            AnomalyKind::ReplyCodeChanged,
            AnomalyKind::ReplyWithoutCommand,
            AnomalyKind::CommandUnanswered
        ]
    );
    assert_eq!(d.anomalies[2].at.frame, 5);
    assert!(d.anomalies[2].detail.contains("NOOP"));
}

#[test]
fn a_client_that_speaks_before_the_banner() {
    let d = decode(&[c("EHLO c\r\n"), s("220 mx\r\n250 mx\r\n")]);
    assert_eq!(anomalies(&d), [AnomalyKind::ClientSpokeBeforeBanner]);
    assert_eq!(d.banner.as_ref().unwrap().value.code, 220);
    assert_eq!(d.helo.as_ref().unwrap().reply, Some(250));
}

#[test]
fn a_session_picked_up_mid_stream_resynchronises_on_the_first_command() {
    let d = decode_split(
        &[
            c("tail of a message body\r\nmore body\r\n.\r\n"),
            s("250 2.6.0 Queued\r\n"),
            c("QUIT\r\n"),
            s("221 bye\r\n"),
        ],
        false,
        &mut |_, _| Vec::new(),
    );
    assert_eq!(outline(&d), ["C [unparsed 3]", "S 250", "C QUIT", "S 221"]);
    assert_eq!(anomalies(&d), [AnomalyKind::MidstreamStart]);
}

#[test]
fn gaps_end_the_unit_they_fall_in() {
    let d = decode(&[
        s("220 mx\r\n"),
        c("MAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\n"),
        s("250 OK\r\n250 OK\r\n"),
        c("XEXCH50 100 2\r\n"),
        s("354 Send binary data\r\n"),
        c(vec![1u8; 40]),
        Step::Gap(C, 30),
        c(vec![2u8; 30]),
        s("250 XEXCH50 OK\r\n"),
        c("DATA\r\n"),
        s("354 go\r\n"),
        c("Subject: x\r\n\r\nfirst part\r\n"),
        Step::Gap(C, 500),
        c("rest of the body\r\n.\r\n"),
        s("250 queued\r\n"),
        c("QU"),
        Step::Gap(C, 4),
        c("NOOP\r\n"),
        s("250 OK\r\n"),
    ]);
    let t = &d.transactions[0];
    let x = &t.xexch50[0];
    assert_eq!(
        (x.blob_bytes, x.blob_complete, x.sha256.as_deref(), x.blob_reply),
        (70, false, None, Some(250))
    );
    let content = t.data.as_ref().unwrap();
    assert_eq!((content.reply, content.complete), (Some(250), false));
    assert_eq!(content.headers.subject.as_deref(), Some("x"));
    assert_eq!(
        anomalies(&d),
        [
            AnomalyKind::GapInBlob,
            AnomalyKind::GapInData,
            AnomalyKind::GapInLine
        ]
    );
    assert_eq!(outline(&d).last().unwrap(), "S 250");
    assert!(outline(&d).contains(&"C NOOP".to_string()));
}

#[test]
fn only_the_client_direction_captured() {
    let d = decode(&[
        c("EHLO c\r\nMAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nDATA\r\n"),
        c("Subject: one way\r\n\r\nbody\r\n.\r\nQUIT\r\n"),
    ]);
    assert_eq!(
        d.transactions[0]
            .data
            .as_ref()
            .unwrap()
            .headers
            .subject
            .as_deref(),
        Some("one way")
    );
    assert!(outline(&d).contains(&"C QUIT".to_string()));
    assert_eq!(anomalies(&d), [AnomalyKind::ServerDirectionMissing]);
}

#[test]
fn only_the_server_direction_captured() {
    let d = decode(&[s("220 mx\r\n"), s("250 mx\r\n"), s("221 bye\r\n")]);
    assert_eq!(anomalies(&d), [AnomalyKind::ClientDirectionMissing]);
    assert_eq!(d.replies().count(), 3);
}

#[test]
fn a_server_that_ends_data_at_a_bare_lf_dot_is_recorded() {
    let d = decode(&[
        s("220 mx\r\n"),
        c("MAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nDATA\r\n"),
        s("250 OK\r\n250 OK\r\n354 go\r\n"),
        c("Subject: lf\n\nbody\n.\n"),
        s("250 accepted\r\n"),
        c("QUIT\r\n"),
        s("221 bye\r\n"),
    ]);
    let content = d.transactions[0].data.as_ref().unwrap();
    assert_eq!((content.reply, content.complete), (Some(250), false));
    assert_eq!(
        content.data.as_ref().unwrap().end_of_data_candidates[0].sequence,
        "LF.LF"
    );
    assert_eq!(anomalies(&d), [AnomalyKind::ReplyBeforeEndOfData]);
    assert!(d.anomalies[0].detail.contains("LF.LF"));
    assert_eq!(outline(&d)[9..], ["C QUIT", "S 221"]);
}

#[test]
fn replies_lost_in_a_server_gap_are_not_blamed_on_the_client() {
    let d = decode(&[
        s("220 mx\r\n"),
        c("AUTH LOGIN\r\n"),
        s("334 VXNlcm5hbWU6\r\n"),
        c("YWxpY2U=\r\n"),
        Step::Gap(S, 18),
        c("c2VjcmV0\r\n"),
        s("235 2.7.0 Authentication successful\r\n"),
    ]);
    assert_eq!(d.auth[0].tokens.last().unwrap().bytes, b"secret");
    assert_eq!(d.auth[0].outcome, AuthOutcome::Success);
    assert_eq!(anomalies(&d), []);
}

#[test]
fn a_command_lost_in_a_client_gap_leaves_its_reply_unblamed() {
    let d = decode(&[
        s("220 mx\r\n"),
        c("NOOP\r\n"),
        s("250 OK\r\n"),
        Step::Gap(C, 6),
        s("250 OK\r\n"),
        c("QUIT\r\n"),
        s("221 bye\r\n"),
    ]);
    assert_eq!(anomalies(&d), []);
    assert_eq!(outline(&d)[3..], ["C [gap 6]", "S 250", "C QUIT", "S 221"]);
}

#[test]
fn sasl_lines_stay_sasl_lines_beyond_the_exchange_limit() {
    let mut steps = vec![s("220 mx\r\n")];
    for _ in 0..MAX_AUTH + 3 {
        steps.extend([
            c("AUTH LOGIN\r\n"),
            s("334 VXNlcm5hbWU6\r\n"),
            c("YWxpY2U=\r\n"),
            s("535 no\r\n"),
        ]);
    }
    let d = decode(&steps);
    assert_eq!((d.auth.len(), d.auth_dropped), (MAX_AUTH, 3));
    assert_eq!(anomalies(&d), []);
}

#[test]
fn a_server_that_speaks_after_the_starttls_220_with_no_client_hello() {
    let d = decode(&[
        s("220 mx\r\n"),
        c("STARTTLS\r\n"),
        s("220 go ahead\r\n"),
        s("421 4.4.2 timeout\r\n"),
    ]);
    assert!(!d.tls.started);
    assert_eq!(outline(&d).last().unwrap(), "S 421");
}

#[test]
fn line_anomalies() {
    let long = format!("NOOP {}\r\n", "x".repeat(600));
    let d = decode(&[
        s("220 mx\r\n"),
        c("NOOP\n"),
        s("250 OK\r\n"),
        c(long),
        s("500 line too long\r\n"),
        c("\x00\x01garbage\r\n"),
        s("500 unrecognized\r\n"),
        c("XEXCH50 -1 2\r\n"),
        s("354 Send binary data\r\n"),
        c("QUIT"),
    ]);
    assert_eq!(
        anomalies(&d),
        [
            AnomalyKind::BareLf,
            AnomalyKind::LineTooLong,
            AnomalyKind::MalformedCommand,
            AnomalyKind::Xexch50SizeInvalid,
            AnomalyKind::LineUnterminated,
            AnomalyKind::CommandUnanswered,
        ]
    );
    let x = &d.transactions[0].xexch50[0];
    assert_eq!(x.size.text, "-1");
}

#[test]
fn client_bytes_held_for_a_reply_that_never_comes_are_bounded() {
    let mut steps = vec![s("220 mx\r\n"), c("DATA\r\n")];
    for _ in 0..40 {
        steps.push(c(vec![b'a'; 10_000]));
    }
    let d = decode(&steps);
    assert!(d.has_anomaly(AnomalyKind::AuthorisingReplyNotSeen));
    assert_eq!(d.transactions[0].data.as_ref().unwrap().bytes, 400_000);
}

// ----- the same dialogue whatever the segmentation ------------------------------------------

fn tricky_dialogue() -> Vec<Step> {
    let mut steps = healthy_exchange();
    steps.extend([
        c("MAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nDATA\r\n"),
        s("250 OK\r\n250 OK\r\n354 go\r\n"),
        c("Subject: s\r\n\r\n..x\r\nhi\n.\r\nMAIL FROM:<z@x>\r\n\r\n.\r\nAUTH LOGIN\r\n"),
        s("250-one\r\n250 two\r\n334 VXNlcm5hbWU6\r\n"),
        c("*\r\n"),
        s("501 cancelled\r\n"),
        c("STARTTLS\r\n"),
        s("220 go ahead\r\n"),
        c(client_hello()),
        s([0x16, 0x03, 0x03, 0x00, 0x01, 0x02]),
    ]);
    steps
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn segmentation_does_not_change_the_dialogue(seed in any::<u64>(), max_cuts in 1usize..12) {
        let steps = tricky_dialogue();
        let whole = decode(&steps);
        let mut state = seed | 1;
        let split = decode_split(&steps, true, &mut |_, len| {
            (0..max_cuts)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    (state % (len as u64 + 1)) as usize
                })
                .collect()
        });
        prop_assert_eq!(split, whole);
    }
}

#[test]
fn byte_at_a_time_gives_the_same_dialogue() {
    let steps = tricky_dialogue();
    let whole = decode(&steps);
    let one_by_one = decode_split(&steps, true, &mut |_, len| (1..len).collect());
    assert_eq!(one_by_one, whole);
    assert_eq!(whole.auth.len(), 2);
    assert!(whole.tls.started);
}
