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
use smtpscope::smtp::dialogue::{AuthOutcome, Dialogue, ItemKind, Origin};
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
    assert_eq!(content.message_id(), Some("42@contoso.com"));
    assert_eq!(content.subject(), Some("chunked"));
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
    assert_eq!(data.subject(), Some("hi"));
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
    assert_eq!(content.message_id(), Some("1@x"));
    assert_eq!(
        d.transactions.len(),
        1,
        "the smuggled MAIL is body, not a command"
    );
    assert_eq!(anomalies(&d), []);
}

/// The transcript with each item's origin: `C MAIL FROM:<a> *` for smuggled, `S 354 ?` for
/// inferred.
fn origins(d: &Dialogue) -> Vec<String> {
    outline(d)
        .into_iter()
        .zip(&d.transcript)
        .map(|(line, item)| match item.origin {
            Origin::Captured => line,
            Origin::Smuggled => format!("{line} *"),
            Origin::Inferred => format!("{line} ?"),
        })
        .collect()
}

#[test]
fn commands_the_server_executed_inside_a_body_are_shown_as_it_saw_them() {
    let d = decode(&[
        s("220 mx\r\n"),
        c("MAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nDATA\r\n"),
        s("250 OK\r\n250 OK\r\n354 go\r\n"),
        c("hi\n.\r\nMAIL FROM:<spoof@x>\r\nRCPT TO:<v@y>\r\nDATA\r\nspoofed\r\n.\r\n"),
        s("250 queued 1\r\n250 OK\r\n250 OK\r\n354 go\r\n250 queued 2\r\n"),
        c("QUIT\r\n"),
        s("221 bye\r\n"),
    ]);
    assert_eq!(
        origins(&d),
        [
            "S 220",
            "C MAIL FROM:<a@x>",
            "C RCPT TO:<b@y>",
            "C DATA",
            "S 250",
            "S 250",
            "S 354",
            "C [DATA 57]",
            "C MAIL FROM:<spoof@x> *",
            "C RCPT TO:<v@y> *",
            "C DATA *",
            "C [DATA 9] *",
            "S 250",
            "S 250 *",
            "S 250 *",
            "S 354 *",
            "S 250 *",
            "C QUIT",
            "S 221",
        ]
    );
    assert_eq!(anomalies(&d), []);
    // The strict reader's single body is still the first transaction's.
    let first = d.transactions[0].data.as_ref().unwrap();
    assert_eq!((first.bytes, first.reply, first.complete), (57, Some(250), true));
    let spoofed = &d.transactions[1];
    assert!(spoofed.smuggled);
    assert_eq!(spoofed.mail_from.as_ref().unwrap().reply, Some(250));
    assert_eq!(spoofed.rcpt_to[0].reply, Some(250));
    let body = spoofed.data.as_ref().unwrap();
    assert_eq!(
        (body.command_reply, body.reply, body.complete),
        (Some(354), Some(250), true)
    );
    let paired: Vec<Option<usize>> = d.replies().map(|(_, r)| r.answers).collect();
    assert!(paired[1..].iter().all(Option::is_some), "{paired:?}");
}

#[test]
fn a_strict_server_leaves_the_body_whole() {
    // The same bytes, but the server reads the body to CRLF.CRLF and answers only QUIT after it.
    let d = decode(&[
        s("220 mx\r\n"),
        c("MAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nDATA\r\n"),
        s("250 OK\r\n250 OK\r\n354 go\r\n"),
        c("hi\n.\r\nMAIL FROM:<spoof@x>\r\nRCPT TO:<v@y>\r\nDATA\r\nspoofed\r\n.\r\nQUIT\r\n"),
        s("250 queued once\r\n221 bye\r\n"),
    ]);
    assert!(origins(&d).iter().all(|l| !l.ends_with('*')));
    assert_eq!(d.transactions.len(), 1);
    assert_eq!(anomalies(&d), []);
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
    assert!(d.anomalies[2].detail.en().contains("NOOP"));
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
    assert_eq!(content.subject(), Some("x"));
    // The gap completed the line `QU…` (a command that got a reply): the one reply after it is
    // that command's, and NOOP was not answered in the capture.
    assert_eq!(
        anomalies(&d),
        [
            AnomalyKind::GapInBlob,
            AnomalyKind::GapInData,
            AnomalyKind::GapInLine,
            AnomalyKind::CommandUnanswered
        ]
    );
    assert_eq!(outline(&d).last().unwrap(), "S 250");
    assert!(outline(&d).contains(&"C NOOP".to_string()));
}

/// The replies and what each answers, by outline line (`None`: unpaired).
fn pairs(d: &Dialogue) -> Vec<(String, Option<String>)> {
    let lines = outline(d);
    d.replies()
        .map(|(item, r)| {
            let index = d.transcript.iter().position(|i| std::ptr::eq(i, item)).unwrap();
            (lines[index].clone(), r.answers.map(|a| lines[a].clone()))
        })
        .collect()
}

#[test]
fn a_terminator_after_a_data_gap_says_no_command_was_lost_in_it() {
    // The body goes on after the gap to its terminator, and the client pipelines QUIT behind it:
    // the gap lay inside the body, QUIT is a command, and every reply is paired.
    let d = decode(&[
        s("220 mx\r\n"),
        c("MAIL FROM:<a@x>\r\n"),
        s("250 OK\r\n"),
        c("RCPT TO:<b@y>\r\n"),
        s("250 OK\r\n"),
        c("DATA\r\n"),
        s("354 go\r\n"),
        c("Subject: x\r\n\r\nfirst part\r\n"),
        Step::Gap(C, 500),
        c("rest of the body\r\n.\r\nQUIT\r\n"),
        s("250 queued\r\n221 bye\r\n"),
    ]);
    let lines = outline(&d);
    assert_eq!(
        lines[lines.len() - 3..],
        ["C QUIT", "S 250", "S 221"],
        "{lines:?}"
    );
    let paired = pairs(&d);
    assert!(
        paired[paired.len() - 2]
            .1
            .as_deref()
            .is_some_and(|a| a.starts_with("C [DATA")),
        "{paired:?}"
    );
    assert_eq!(
        paired[paired.len() - 1].1.as_deref(),
        Some("C QUIT"),
        "{paired:?}"
    );
    assert_eq!(anomalies(&d), [AnomalyKind::GapInData]);
    // Without a terminator after it, the gap may have held the body's end and commands: the
    // reply after the body's is not paired with anything the capture shows.
    let d = decode(&[
        s("220 mx\r\n"),
        c("MAIL FROM:<a@x>\r\n"),
        s("250 OK\r\n"),
        c("DATA\r\n"),
        s("354 go\r\n"),
        c("Subject: x\r\n\r\nfirst part\r\n"),
        Step::Gap(C, 500),
        s("250 queued\r\n250 OK\r\n"),
    ]);
    let paired = pairs(&d);
    assert_eq!(paired[paired.len() - 1].1, None, "{paired:?}");
}

#[test]
fn only_the_client_direction_captured() {
    let d = decode(&[
        c("EHLO c\r\nMAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nDATA\r\n"),
        c("Subject: one way\r\n\r\nbody\r\n.\r\nQUIT\r\n"),
    ]);
    assert_eq!(
        d.transactions[0].data.as_ref().unwrap().subject(),
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
    assert!(d.anomalies[0].detail.en().contains("LF.LF"));
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
    // Nothing cut silently: the limit says how many exchanges were not kept.
    assert_eq!(anomalies(&d), [AnomalyKind::LimitReached]);
    assert!(d.anomalies[0]
        .detail
        .en()
        .starts_with("3 SASL exchanges past the 256 kept"));
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

// ----- damaged and unusual dialogues, decoded as the server saw them (issue 16) ---------------

/// An AUTH LOGIN whose three replies were lost, each gap where the reassembler reveals it: the
/// client's next segment acknowledges what it received (`early`), or, with no acknowledgment in
/// the capture, the server's next bytes reveal all three at once.
fn auth_with_replies_lost(early: bool) -> Vec<Step> {
    let mut steps = vec![
        s("220 mx\r\n"),
        c("EHLO c\r\n"),
        s("250 mx\r\n"),
        c("AUTH LOGIN\r\n"),
    ];
    if early {
        steps.extend([
            Step::Gap(S, 18), // 334 VXNlcm5hbWU6
            c("dXNlcg==\r\n"),
            Step::Gap(S, 18), // 334 UGFzc3dvcmQ6
            c("c2VjcmV0\r\n"),
            Step::Gap(S, 34), // 235 2.7.0 Authentication successful
            c("MAIL FROM:<a@x>\r\n"),
        ]);
    } else {
        steps.extend([
            c("dXNlcg==\r\n"),
            c("c2VjcmV0\r\n"),
            c("MAIL FROM:<a@x>\r\n"),
            Step::Gap(S, 70),
        ]);
    }
    steps.extend([
        s("250 2.1.0 OK\r\n"),
        c("RCPT TO:<b@y>\r\n"),
        s("250 2.1.5 OK\r\n"),
        c("DATA\r\n"),
        s("354 go\r\n"),
        c("Subject: s\r\n\r\nbody\r\n.\r\n"),
        s("250 queued\r\n"),
        c("QUIT\r\n"),
        s("221 bye\r\n"),
    ]);
    steps
}

#[test]
fn sasl_replies_lost_in_a_gap_are_inferred_and_the_exchange_ends_at_the_first_command() {
    for early in [true, false] {
        let d = decode(&auth_with_replies_lost(early));
        let dialogue: Vec<String> = origins(&d)
            .into_iter()
            .filter(|l| !l.starts_with("S [gap"))
            .collect();
        assert_eq!(
            dialogue[3..],
            [
                "C AUTH LOGIN",
                "S 334 ?",
                "C [auth]",
                "S 334 ?",
                "C [auth]",
                "C MAIL FROM:<a@x>",
                "S 250",
                "C RCPT TO:<b@y>",
                "S 250",
                "C DATA",
                "S 354",
                "C [DATA 20]",
                "S 250",
                "C QUIT",
                "S 221",
            ],
            "early {early}"
        );
        assert_eq!(d.auth[0].tokens.len(), 2, "an inferred 334 carries no token");
        assert_eq!(d.auth[0].outcome, AuthOutcome::Incomplete);
        let t = &d.transactions[0];
        assert_eq!(
            (t.mail_from.as_ref().unwrap().reply, t.rcpt_to[0].reply),
            (Some(250), Some(250))
        );
        assert_eq!(t.data.as_ref().unwrap().reply, Some(250));
        assert_eq!(anomalies(&d), []);
    }
}

#[test]
fn with_no_reply_captured_at_all_an_assumed_exchange_still_ends_at_a_command() {
    let d = decode(&[
        c("EHLO c\r\nAUTH LOGIN\r\n"),
        c("dXNlcg==\r\n"),
        c("c2VjcmV0\r\n"),
        c("MAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nDATA\r\n"),
        c("Subject: s\r\n\r\nbody\r\n.\r\nQUIT\r\n"),
    ]);
    assert_eq!(
        outline(&d),
        [
            "C EHLO c",
            "C AUTH LOGIN",
            "C [auth]",
            "C [auth]",
            "C MAIL FROM:<a@x>",
            "C RCPT TO:<b@y>",
            "C DATA",
            "C [DATA 20]",
            "C QUIT",
        ]
    );
    assert_eq!(anomalies(&d), [AnomalyKind::ServerDirectionMissing]);
}

#[test]
fn a_354_lost_in_a_gap_is_inferred_from_the_message_that_follows() {
    let d = decode(&[
        s("220 mx\r\n"),
        c("MAIL FROM:<a@x>\r\n"),
        s("250 OK\r\n"),
        c("RCPT TO:<b@y>\r\n"),
        s("250 OK\r\n"),
        c("DATA\r\n"),
        Step::Gap(S, 37), // 354 End data with <CR><LF>.<CR><LF>
        c("Subject: s\r\n\r\nbody line\r\n.\r\n"),
        s("250 2.0.0 Ok: queued\r\n"),
        c("QUIT\r\n"),
        s("221 bye\r\n"),
    ]);
    assert_eq!(
        origins(&d)[5..],
        [
            "C DATA",
            "S [gap 37]",
            "S 354 ?",
            "C [DATA 25]",
            "S 250",
            "C QUIT",
            "S 221"
        ]
    );
    let data = d.transactions[0].data.as_ref().unwrap();
    assert_eq!(
        (data.command_reply, data.reply, data.complete),
        (Some(354), Some(250), true)
    );
    assert_eq!(data.subject(), Some("s"));
    assert_eq!(anomalies(&d), []);
}

#[test]
fn a_refusal_lost_in_a_gap_leaves_the_commands_that_follow_commands() {
    let d = decode(&[
        s("220 mx\r\n"),
        c("MAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\n"),
        s("250 OK\r\n550 no such user\r\n"),
        c("DATA\r\n"),
        Step::Gap(S, 26), // 554 5.5.1 No recipients
        c("RSET\r\n"),
        s("250 reset\r\n"),
    ]);
    assert_eq!(outline(&d)[5..], ["C DATA", "S [gap 26]", "C RSET", "S 250"]);
    assert!(d.transcript.iter().all(|i| i.origin == Origin::Captured));
    assert_eq!(d.transactions[0].data.as_ref().unwrap().command_reply, None);
    assert!(d.transactions[0].reset);
    assert_eq!(anomalies(&d), []);
}

#[test]
fn a_354_to_xexch50_lost_in_a_gap_is_inferred_when_a_blob_of_the_size_follows() {
    let blob = tricky_blob(64);
    let d = decode(&[
        s("220 ex2\r\n"),
        c("MAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\n"),
        s("250 OK\r\n250 OK\r\n"),
        c("XEXCH50 64 2\r\n"),
        Step::Gap(S, 22), // 354 Send binary data
        c(&blob),
        s("250 XEXCH50 OK\r\n"),
        c("QUIT\r\n"),
        s("221 bye\r\n"),
    ]);
    assert_eq!(
        origins(&d)[5..],
        [
            "C XEXCH50 64 2",
            "S [gap 22]",
            "S 354 ?",
            "C [blob 64]",
            "S 250",
            "C QUIT",
            "S 221"
        ]
    );
    let x = &d.transactions[0].xexch50[0];
    assert_eq!(
        (x.reply, x.blob_bytes, x.blob_complete, x.blob_reply),
        (Some(354), 64, true, Some(250))
    );
    assert_eq!(anomalies(&d), []);
}

#[test]
fn a_gap_too_short_to_hold_the_354_does_not_get_one_inferred() {
    let d = decode(&[
        s("220 mx\r\n"),
        c("DATA\r\n"),
        Step::Gap(S, 4),
        c("Subject: s\r\n\r\nbody\r\n.\r\n"),
        s("354 go\r\n250 queued\r\n"),
    ]);
    assert!(d.transcript.iter().all(|i| i.origin == Origin::Captured));
    let data = d.transactions[0].data.as_ref().unwrap();
    assert_eq!((data.command_reply, data.reply), (Some(354), Some(250)));
}

#[test]
fn replies_after_a_lost_one_pair_with_their_own_commands_or_none() {
    let d = decode(&[
        s("220 mx\r\n"),
        c("MAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nRCPT TO:<c@y>\r\nDATA\r\n"),
        s("250 OK\r\n"),
        Step::Gap(S, 9), // 550 no\r\n: the first RCPT's reply
        s("250 OK\r\n354 go\r\n"),
        c("x\r\n.\r\n"),
        s("250 queued\r\n"),
    ]);
    let t = &d.transactions[0];
    assert_eq!(t.mail_from.as_ref().unwrap().reply, Some(250));
    // The 250 after the gap answers the second RCPT: the 354 settles what came before it.
    assert_eq!(
        t.rcpt_to.iter().map(|r| r.reply).collect::<Vec<_>>(),
        [None, Some(250)]
    );
    assert_eq!(t.data.as_ref().unwrap().reply, Some(250));
    assert_eq!(anomalies(&d), []);
}

#[test]
fn the_dialogue_is_a_timeline_of_both_streams() {
    // The client sends its body with DATA, before the 354: the body was sent first.
    let d = decode(&[
        s("220 mx\r\n"),
        c("MAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\n"),
        s("250 OK\r\n250 OK\r\n"),
        c("DATA\r\nSubject: early\r\n\r\nbody\r\n.\r\n"),
        s("354 go\r\n"),
        s("250 queued\r\n"),
    ]);
    let frames: Vec<(String, u64)> = outline(&d)
        .into_iter()
        .zip(d.transcript.iter().map(|i| i.at.frame))
        .collect();
    assert_eq!(
        frames[5..],
        [
            ("C DATA".to_string(), 4),
            ("C [DATA 24]".to_string(), 4),
            ("S 354".to_string(), 5),
            ("S 250".to_string(), 6)
        ]
    );
    let data_item = d
        .transcript
        .iter()
        .position(|i| matches!(i.kind, ItemKind::Content { .. }))
        .unwrap();
    let last = d.replies().last().unwrap().1;
    assert_eq!(last.answers, Some(data_item), "answers follow the reordering");
}

#[test]
fn a_malformed_bdat_that_is_refused_is_followed_by_commands() {
    for bdat in [
        "BDAT 1234 SCRAMBLE",
        "BDAT -1",
        "BDAT 99999999999999999999999 LAST",
    ] {
        let d = decode(&[
            s("220 mx\r\n"),
            c("MAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\n"),
            s("250 OK\r\n250 OK\r\n"),
            c(format!("{bdat}\r\n")),
            s("501 5.5.4 Syntax: BDAT count [LAST]\r\n"),
            c("QUIT\r\n"),
            s("221 bye\r\n"),
        ]);
        assert_eq!(
            outline(&d)[5..],
            [format!("C {bdat}").as_str(), "S 501", "C QUIT", "S 221"],
            "{bdat}"
        );
        let chunk = &d.transactions[0].data.as_ref().unwrap().chunks[0];
        assert_eq!(
            (chunk.framed, chunk.bytes, chunk.reply),
            (false, 0, Some(501)),
            "{bdat}"
        );
    }
}

#[test]
fn a_malformed_bdat_that_is_accepted_frames_its_chunk() {
    let d = decode(&[
        s("220 mx\r\n"),
        c("MAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\n"),
        s("250 OK\r\n250 OK\r\n"),
        c("BDAT 5 LAST extra\r\nhello"),
        s("250 5 octets\r\n"),
        c("QUIT\r\n"),
        s("221 bye\r\n"),
    ]);
    assert_eq!(
        outline(&d)[5..],
        ["C BDAT 5 LAST extra", "C [BDAT 5]", "S 250", "C QUIT", "S 221"]
    );
    assert_eq!(anomalies(&d), [AnomalyKind::BdatArgumentsInvalid]);
}

#[test]
fn a_second_mail_refused_leaves_the_server_s_transaction_open() {
    let d = decode(&[
        s("220 mx\r\n"),
        c("MAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nMAIL FROM:<c@x>\r\nRCPT TO:<d@y>\r\nDATA\r\n"),
        s("250 OK\r\n250 OK\r\n503 5.5.1 Error: nested MAIL command\r\n250 OK\r\n354 go\r\n"),
        c("x\r\n.\r\n"),
        s("250 queued\r\n"),
    ]);
    assert_eq!(d.transactions.len(), 2);
    let held = &d.transactions[0];
    assert_eq!(
        held.mail_from.as_ref().unwrap().path.as_ref().unwrap().addr,
        "a@x"
    );
    let rcpts: Vec<&str> = held
        .rcpt_to
        .iter()
        .map(|r| r.path.as_ref().unwrap().addr.as_str())
        .collect();
    assert_eq!(rcpts, ["b@y", "d@y"]);
    assert_eq!(held.data.as_ref().unwrap().reply, Some(250));
    let refused = &d.transactions[1];
    assert_eq!(refused.mail_from.as_ref().unwrap().reply, Some(503));
    assert!(refused.rcpt_to.is_empty() && refused.data.is_none());
}

#[test]
fn a_mail_refused_with_no_transaction_open_is_its_own_record() {
    let d = decode(&[
        s("220 mx\r\n"),
        c("MAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\n"),
        s("550 sender rejected\r\n503 need MAIL\r\n"),
        c("MAIL FROM:<c@x>\r\nRCPT TO:<d@y>\r\n"),
        s("250 OK\r\n250 OK\r\n"),
    ]);
    assert_eq!(d.transactions.len(), 2);
    assert_eq!(d.transactions[0].rcpt_to[0].reply, Some(503));
    assert_eq!(d.transactions[1].rcpt_to[0].reply, Some(250));
}

#[test]
fn a_line_after_a_334_is_sasl_data_whatever_the_command_before_it() {
    let d = decode(&[
        s("220 mx\r\n"),
        c(" AUTH LOGIN\r\n"),
        s("334 VXNlcm5hbWU6\r\n"),
        c("dXNlcg==\r\n"),
        s("334 UGFzc3dvcmQ6\r\n"),
        c("c2VjcmV0\r\n"),
        s("235 ok\r\n"),
        c("QUIT\r\n"),
        s("221 bye\r\n"),
    ]);
    assert_eq!(
        outline(&d),
        [
            "S 220",
            "C [unparsed 1]",
            "S 334",
            "C [auth]",
            "S 334",
            "C [auth]",
            "S 235",
            "C QUIT",
            "S 221"
        ]
    );
    assert!(
        d.auth.is_empty(),
        "an exchange the decoder did not recognise is not kept"
    );
    assert_eq!(anomalies(&d), [AnomalyKind::MalformedCommand]);
    assert!(!d.anomalies[0].detail.en().contains("LOGIN"));
}

// ----- a gap anywhere: what came before stays, no reply is paired wrongly ----------------------

/// A pipelined dialogue of a client that waits where RFC 2920 says it must, every reply's first
/// line unique (so a reply can be found again in a damaged copy).
fn pipelined_dialogue() -> Vec<Step> {
    vec![
        s("220 mx.example.net ESMTP\r\n"),
        c("EHLO client.example.org\r\n"),
        s("250-mx.example.net hello\r\n250-PIPELINING\r\n250-AUTH LOGIN PLAIN\r\n250 8BITMIME\r\n"),
        c("AUTH LOGIN\r\n"),
        s("334 VXNlcm5hbWU6\r\n"),
        c("YWxpY2VAZXhhbXBsZS5vcmc=\r\n"),
        s("334 UGFzc3dvcmQ6\r\n"),
        c("Y29ycmVjdCBob3JzZQ==\r\n"),
        s("235 2.7.0 Authentication successful\r\n"),
        c("MAIL FROM:<alice@example.org>\r\nRCPT TO:<b1@example.net>\r\nRCPT TO:<b2@example.net>\r\nRCPT TO:<b3@example.net>\r\nDATA\r\n"),
        s("250 2.1.0 sender ok\r\n250 2.1.5 b1 ok\r\n550 5.1.1 b2 unknown\r\n250 2.1.5 b3 ok\r\n354 send it\r\n"),
        c("Subject: one\r\nMessage-ID: <1@example.org>\r\n\r\nfirst body line\r\n..dot\r\nlast\r\n.\r\n"),
        s("250 2.0.0 queued as A1\r\n"),
        c("RSET\r\nMAIL FROM:<carol@example.org>\r\nRCPT TO:<d@example.net>\r\nDATA\r\n"),
        s("250 2.0.0 reset\r\n250 2.1.0 carol ok\r\n250 2.1.5 d ok\r\n354 go ahead\r\n"),
        c("Subject: two\r\n\r\nsecond\r\n.\r\n"),
        s("250 2.0.0 queued as B2\r\n"),
        c("NOOP\r\n"),
        s("250 2.0.0 noop ok\r\n"),
        c("QUIT\r\n"),
        s("221 2.0.0 bye\r\n"),
    ]
}

/// Decodes events with explicit frames.
fn decode_events(events: &[(u64, Step)]) -> Dialogue {
    let mut decoder = SmtpDecoder::new(&info(true));
    for (frame, step) in events {
        let ts = Timestamp::new(1_000 + *frame as i64, 0);
        let kind = match step {
            Step::Data(_, bytes) => EventKind::Data(bytes),
            Step::Gap(_, len) => EventKind::Gap {
                len: *len,
                cause: GapCause::Acked,
            },
        };
        let dir = match step {
            Step::Data(d, _) | Step::Gap(d, _) => *d,
        };
        decoder.on_event(&StreamEvent {
            conn: ConnId(1),
            dir,
            ts,
            frame: *frame,
            kind,
        });
    }
    decoder.finish(CloseCause::Fin)
}

/// The steps with bytes `from..from + len` of direction `dir`'s stream missing, each missing piece
/// declared a gap where the reassembler declares it: before the next segment of the other side
/// (whose acknowledgment covers it, the capture having lost what the peer received), or before
/// the next bytes of its own side when those come first. Returns the events and the frame of the
/// first missing byte.
fn with_gap(steps: &[Step], dir: Direction, from: usize, len: usize) -> (Vec<(u64, Step)>, u64) {
    let mut events = Vec::new();
    let mut offset = 0usize;
    let end = from + len;
    let mut pending_gap: Option<u64> = None;
    let mut gap_frame = u64::MAX;
    for (i, step) in steps.iter().enumerate() {
        let frame = i as u64 + 1;
        match step {
            Step::Data(d, bytes) if *d == dir => {
                let (a, b) = (offset, offset + bytes.len());
                offset = b;
                if b <= from || a >= end {
                    if let Some(n) = pending_gap.take() {
                        events.push((frame, Step::Gap(dir, n)));
                    }
                    events.push((frame, step.clone()));
                    continue;
                }
                gap_frame = gap_frame.min(frame);
                let cut_from = from.saturating_sub(a).min(bytes.len());
                let cut_to = end.saturating_sub(a).min(bytes.len());
                if let (Some(n), true) = (pending_gap, cut_from > 0) {
                    events.push((frame, Step::Gap(dir, n)));
                    pending_gap = None;
                }
                if cut_from > 0 {
                    events.push((frame, Step::Data(dir, bytes[..cut_from].to_vec())));
                }
                *pending_gap.get_or_insert(0) += (cut_to - cut_from) as u64;
                if cut_to < bytes.len() {
                    if let Some(n) = pending_gap.take() {
                        events.push((frame, Step::Gap(dir, n)));
                    }
                    events.push((frame, Step::Data(dir, bytes[cut_to..].to_vec())));
                }
            }
            _ => {
                if let Some(n) = pending_gap.take() {
                    events.push((frame, Step::Gap(dir, n)));
                }
                events.push((frame, step.clone()));
            }
        }
    }
    if let Some(n) = pending_gap {
        events.push((steps.len() as u64 + 1, Step::Gap(dir, n)));
    }
    (events, gap_frame)
}

/// What a transcript item is, for finding it again: a command by its line, a SASL line by its
/// frame, a reply by its first line, bulk content by its kind.
fn identity(d: &Dialogue, index: usize) -> String {
    match d.transcript.get(index).map(|i| &i.kind) {
        Some(ItemKind::Command(c)) => format!("C {} {}", c.verb, c.arg),
        // A SASL line by where it is: a damaged AUTH leaves its lines SASL lines not kept.
        Some(ItemKind::AuthData { .. }) => format!("A @{}", d.transcript[index].at.frame),
        Some(ItemKind::Reply(r)) => format!("R {}", r.reply.first_line()),
        Some(ItemKind::Content { verb, .. }) => format!("D {verb}"),
        Some(ItemKind::Blob { .. }) => "B".into(),
        Some(other) => format!("{other:?}"),
        None => "none".into(),
    }
}

fn check_gap_keeps_the_past_and_never_mispairs(steps: &[Step], dir: Direction, from: usize, len: usize) {
    let healthy = decode(steps);
    let reply_ids: Vec<String> = (0..healthy.transcript.len())
        .filter(|&i| matches!(healthy.transcript[i].kind, ItemKind::Reply(_)))
        .map(|i| identity(&healthy, i))
        .collect();
    let unique: std::collections::BTreeSet<&String> = reply_ids.iter().collect();
    assert_eq!(
        unique.len(),
        reply_ids.len(),
        "the healthy dialogue's replies are unique"
    );
    let (events, gap_frame) = with_gap(steps, dir, from, len);
    let damaged = decode_events(&events);
    // Everything that happened before the first missing byte is decoded as before.
    let before = |d: &Dialogue| -> Vec<(Direction, u64, String)> {
        d.transcript
            .iter()
            .enumerate()
            .filter(|(_, i)| {
                i.at.frame < gap_frame && !matches!(i.kind, ItemKind::Content { .. } | ItemKind::Blob { .. })
            })
            .map(|(n, i)| (i.dir, i.at.frame, identity(d, n)))
            .collect()
    };
    assert_eq!(
        before(&damaged),
        before(&healthy),
        "items before the gap (frame {gap_frame})"
    );
    // Every reply the damaged decode pairs, it pairs as the healthy one does.
    for (index, item) in damaged.transcript.iter().enumerate() {
        let ItemKind::Reply(r) = &item.kind else { continue };
        let Some(answers) = r.answers else { continue };
        if item.origin == Origin::Inferred {
            continue;
        }
        let id = identity(&damaged, index);
        let Some(h) = (0..healthy.transcript.len()).find(|&i| identity(&healthy, i) == id) else {
            continue; // the rest of a reply the gap cut: not a reply of the healthy dialogue
        };
        let ItemKind::Reply(hr) = &healthy.transcript[h].kind else {
            unreachable!()
        };
        let want = hr.answers.map(|a| identity(&healthy, a));
        assert_eq!(
            Some(identity(&damaged, answers)),
            want,
            "{id} paired wrongly after a {len}-byte gap at {from} of {dir:?}"
        );
    }
}

proptest! {
    // 512 cases by default; `GAP_CASES=100000` for a long soak.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("GAP_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(512)
    ))]

    #[test]
    fn a_gap_anywhere_keeps_what_came_before_and_never_pairs_a_reply_wrongly(
        which in 0usize..2,
        server in any::<bool>(),
        at in 0.0f64..1.0,
        len in 1usize..120,
    ) {
        let steps = if which == 0 { pipelined_dialogue() } else { healthy_exchange() };
        let dir = if server { S } else { C };
        let total: usize = steps
            .iter()
            .map(|s| match s {
                Step::Data(d, b) if *d == dir => b.len(),
                _ => 0,
            })
            .sum();
        let from = ((total as f64) * at) as usize;
        let len = len.min(total - from).max(1);
        check_gap_keeps_the_past_and_never_mispairs(&steps, dir, from, len);
    }
}

#[test]
fn every_single_byte_and_every_whole_reply_lost_in_the_pipelined_dialogue() {
    let steps = pipelined_dialogue();
    for dir in [C, S] {
        let total: usize = steps
            .iter()
            .map(|s| match s {
                Step::Data(d, b) if *d == dir => b.len(),
                _ => 0,
            })
            .sum();
        for from in 0..total {
            check_gap_keeps_the_past_and_never_mispairs(&steps, dir, from, 1);
        }
    }
    // Each server step lost whole.
    let mut offset = 0;
    for step in &steps {
        if let Step::Data(S, bytes) = step {
            check_gap_keeps_the_past_and_never_mispairs(&steps, S, offset, bytes.len());
            offset += bytes.len();
        }
    }
}

#[test]
fn a_220_to_starttls_lost_in_a_gap_is_inferred_from_the_client_hello() {
    let d = decode(&[
        s("220 mx\r\n"),
        c("EHLO c\r\n"),
        s("250-mx\r\n250 STARTTLS\r\n"),
        c("STARTTLS\r\n"),
        Step::Gap(S, 30), // 220 2.0.0 Ready to start TLS
        c(client_hello()),
        s([0x16, 0x03, 0x03, 0x00, 0x02, 0x02, 0x00]),
    ]);
    assert_eq!(
        origins(&d)[3..],
        ["C STARTTLS", "S [gap 30]", "S 220 ?", "C [tls 53]", "S [tls 7]"]
    );
    assert!(d.tls.started);
    assert_eq!(anomalies(&d), []);
}

// ----- a line of any length: one line, and what follows it unchanged (issue 17) ------------

/// `bytes` as steps of at most 64 KiB (as TCP delivers them), frame after frame.
fn chunked(dir: Direction, bytes: &[u8]) -> Vec<Step> {
    bytes
        .chunks(65_536)
        .map(|c| Step::Data(dir, c.to_vec()))
        .collect()
}

/// A dialogue with one line of `len` bytes (without CRLF) of kind `which`: a command, a SASL
/// line after a 334, a reply line. Returns the steps and the index (in the outline) of the first
/// item after the long line's exchange.
fn with_a_long_line(which: usize, len: usize) -> (Vec<Step>, &'static str) {
    let mut steps = vec![s("220 mx\r\n"), c("EHLO c\r\n"), s("250 mx\r\n")];
    match which {
        0 => {
            let mut line = b"NOOP ".to_vec();
            line.resize(len.max(5), b'x');
            line.truncate(len.max(4));
            line.extend_from_slice(b"\r\n");
            steps.extend(chunked(C, &line));
            steps.push(s("250 OK\r\n"));
        }
        1 => {
            steps.extend([c("AUTH LOGIN\r\n"), s("334 VXNlcm5hbWU6\r\n")]);
            let mut line: Vec<u8> = b"QUFB".iter().copied().cycle().take(len).collect();
            line.extend_from_slice(b"\r\n");
            steps.extend(chunked(C, &line));
            steps.push(s("535 5.7.8 no\r\n"));
        }
        _ => {
            steps.push(c("NOOP\r\n"));
            let mut line = b"250 ".to_vec();
            line.resize(len.max(4), b'y');
            line.extend_from_slice(b"\r\n");
            steps.extend(chunked(S, &line));
        }
    }
    steps.extend([
        c("MAIL FROM:<a@x>\r\n"),
        s("250 sender ok\r\n"),
        c("QUIT\r\n"),
        s("221 bye\r\n"),
    ]);
    (steps, "C MAIL FROM:<a@x>")
}

fn check_a_long_line(which: usize, len: usize) {
    let (steps, marker) = with_a_long_line(which, len);
    let d = decode(&steps);
    let lines = outline(&d);
    let at = lines
        .iter()
        .position(|l| l == marker)
        .unwrap_or_else(|| panic!("{which} {len}: {lines:?}"));
    assert_eq!(lines[at..], [marker, "S 250", "C QUIT", "S 221"], "{which} {len}");
    let answered: Vec<Option<usize>> = d.replies().map(|(_, r)| r.answers).collect();
    assert!(
        answered[1..].iter().all(Option::is_some),
        "{which} {len}: every reply paired"
    );
    let t = &d.transactions[0];
    assert_eq!(t.mail_from.as_ref().unwrap().reply, Some(250), "{which} {len}");
    let cut = d.has_anomaly(AnomalyKind::LineTruncated);
    let line_len = if which == 0 {
        len.max(4)
    } else {
        len.max(4 * (which / 2))
    };
    assert_eq!(
        cut,
        line_len > smtpscope::smtp::inbox::MAX_LINE_BYTES,
        "{which} {len}: {:?}",
        anomalies(&d)
    );
    if which == 1 {
        assert_eq!(d.auth[0].outcome, AuthOutcome::Failure, "{len}");
    }
}

#[test]
fn lines_of_every_boundary_length_stay_one_line() {
    for len in [
        1, 4, 5, 509, 510, 511, 65_535, 65_536, 65_537, 131_072, 330_000, 10_000_000,
    ] {
        for which in 0..3 {
            check_a_long_line(which, len);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn a_line_of_any_length_up_to_10_mb_leaves_what_follows_unchanged(
        which in 0usize..3,
        len in 1usize..=10_000_000,
    ) {
        check_a_long_line(which, len);
    }
}

#[test]
fn a_reply_of_more_lines_than_kept_keeps_its_first_lines_and_its_last() {
    let mut ehlo = String::new();
    for i in 0..1000 {
        ehlo.push_str(&format!("250-KEYWORD{i}\r\n"));
    }
    ehlo.push_str("250 LAST\r\n");
    let d = decode(&[
        s("220 mx\r\n"),
        c("EHLO c\r\n"),
        s(ehlo),
        c("QUIT\r\n"),
        s("221 bye\r\n"),
    ]);
    let (_, reply) = d.replies().nth(1).unwrap();
    assert_eq!(reply.reply.lines.len(), smtpscope::smtp::reply::MAX_REPLY_LINES);
    assert_eq!(reply.reply.lines[198], "KEYWORD198");
    assert_eq!(
        reply.reply.lines.last().unwrap(),
        "LAST",
        "the final line is kept"
    );
    assert_eq!(anomalies(&d), [AnomalyKind::ReplyTruncated]);
    assert!(
        d.anomalies[0].detail.en().contains("1001-line 250 reply"),
        "{}",
        d.anomalies[0].detail
    );
    assert!(
        d.anomalies[0]
            .detail
            .en()
            .contains("the 801 lines (8010 bytes of text)"),
        "{}",
        d.anomalies[0].detail
    );
    assert_eq!(outline(&d)[3..], ["C QUIT", "S 221"]);
}

#[test]
fn a_transcript_past_its_limit_keeps_its_first_and_last_items() {
    use smtpscope::smtp::decoder::MAX_TRANSCRIPT_ITEMS;
    let mut steps = vec![s("220 mx\r\n")];
    let n = MAX_TRANSCRIPT_ITEMS; // 2n items of NOOP and 250, plus the greeting and QUIT/221
    for i in 0..n {
        steps.push(c(format!("NOOP {i}\r\n")));
        steps.push(s(format!("250 ok {i}\r\n")));
    }
    steps.extend([c("QUIT\r\n"), s("221 bye\r\n")]);
    let d = decode(&steps);
    assert_eq!(d.transcript.len(), MAX_TRANSCRIPT_ITEMS);
    assert_eq!(d.transcript_dropped, (2 * n + 3 - MAX_TRANSCRIPT_ITEMS) as u64);
    let lines = outline(&d);
    assert_eq!(lines[..3], ["S 220", "C NOOP 0", "S 250"]);
    assert_eq!(lines[lines.len() - 2..], ["C QUIT", "S 221"]);
    assert_eq!(anomalies(&d), [AnomalyKind::TranscriptTruncated]);
    // Every kept reply still answers the command it answered, in the first items and the last.
    for (item, r) in d.replies().skip(1) {
        let ItemKind::Reply(_) = item.kind else {
            unreachable!()
        };
        let answered = &d.transcript[r.answers.expect("paired")];
        let ItemKind::Command(cmd) = &answered.kind else {
            panic!()
        };
        let text = r.reply.text();
        assert!(
            text.ends_with(cmd.arg.as_str()) || cmd.verb == "QUIT",
            "{text} answers {}",
            cmd.arg
        );
    }
}
