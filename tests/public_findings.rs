//! Findings on the real captures of other projects (`../shared/captures/public`, skipped when
//! absent): for each file, exactly the findings it must produce, in order, each reviewed by hand and
//! justified below. None of these captures is between Exchange servers, so no X-EXPS or XEXCH50
//! finding may appear: an Internet client that never uses X-EXPS is not an Exchange problem.

mod common;

use common::{public_captures, smtpscope};
use serde_json::Value;

/// `(file, [(id, session)])`: every finding of the file, in output order.
const EXPECTED: &[(&str, &[(&str, &str)])] = &[
    // AUTH PLAIN in clear text (user and password redacted); the message is refused with `521
    // 5.2.1 MUST COMPLETE IMAGE PUZZLE BEFORE SENDING`, pointing to AOL's spam page: AOL's anti-spam
    // challenge, so spam-rejected (issue 20) names it where delivery-failed did before.
    (
        "arkime/smtp-data-521.pcap",
        &[("credentials-in-clear", "1"), ("spam-rejected", "1")],
    ),
    // Arkime stored these sessions with their TLS already decrypted, so the clear-text EHLO after
    // each `220 Ready to start TLS` looks exactly like a client that never started TLS: the rule's
    // documented false positive for decrypted captures. Two clients say `EHLO` with a bare host
    // name. Session 2's one retransmission is the server's FIN sent again at teardown (frame 60):
    // not loss.
    (
        "arkime/smtp-decrypted.pcap",
        &[
            ("starttls-no-tls", "1"),
            ("hostname-not-fqdn", "1"),
            ("starttls-no-tls", "2"),
            ("starttls-no-tls", "3"),
            ("starttls-no-tls", "4"),
            ("hostname-not-fqdn", "4"),
        ],
    ),
    // The client's EHLO name has no dot.
    ("arkime/smtp-moloch-bof.pcap", &[("hostname-not-fqdn", "1")]),
    // The capture stops inside the DATA body (10 bytes, no end of data), the connection still open:
    // the capture, not the network, cut it short.
    ("arkime/smtp-nospaces.pcap", &[("capture-ended", "1")]),
    // `553` to RCPT: the server refuses to relay for that recipient.
    ("arkime/smtp-rcpt-553.pcap", &[("relay-denied", "1")]),
    // The DATA body has two lines ending in a bare LF.
    ("arkime/smtp-subject-windows.pcap", &[("bare-lf", "1")]),
    // SMTP inside a SOCKS5 tunnel (port 1080), decoded after the handshake: `EHLO User` (a bare
    // name), `AUTH LOGIN` refused `503 AUTH command used when not advertised` (the server offers no
    // AUTH), two client retransmissions out of ten segments, and the client resets the connection.
    (
        "arkime/socks5-smtp-503.pcap",
        &[
            ("exps-failed", "1"),
            ("hostname-not-fqdn", "1"),
            ("sequence-error", "1"),
            ("tcp-retransmission", "1"),
            ("tcp-reset", "1"),
        ],
    ),
    // BDAT on port 1224, found by content (220 greeting, EHLO): the client says `EHLO localhost`.
    ("arkime/wireshark-bdat.pcap", &[("hostname-not-fqdn", "1")]),
    // Both clients introduce themselves with a NetBIOS-style name.
    (
        "chrissanders-packets/mail_sender_attachment.pcapng",
        &[("hostname-not-fqdn", "1")],
    ),
    (
        "chrissanders-packets/mail_sender_server_2.pcapng",
        &[("hostname-not-fqdn", "1"), ("hostname-not-fqdn", "2")],
    ),
    // Malware sending with AUTH LOGIN in clear text from a host with a bare name.
    (
        "ndpi/emotet.pcap",
        &[("hostname-not-fqdn", "1"), ("credentials-in-clear", "1")],
    ),
    // Session 1 (Google's MX, an old recording): the client offers TLS 1.0 at most and the server
    // picks TLS_RSA_WITH_RC4_128_SHA, both obsolete today. Session 2: the server answers SNI
    // dovecot.weberlab.de with a self-signed certificate named jw-vm08-int-dns (no SAN), neither
    // that name nor its banner's. The second session also loses 2 × 2880 client bytes
    // (acknowledged, never captured) and the client resets it.
    (
        "ndpi/smtp-starttls.pcap",
        &[
            ("tls-version-obsolete", "1"),
            ("tls-weak-cipher", "1"),
            ("tls-cert-name-mismatch", "2"),
            ("tls-cert-self-signed", "2"),
            ("tcp-gap", "2"),
            ("tcp-reset", "2"),
        ],
    ),
    // `EHLO` answered `500 Command unrecognized`, then `HELO`: an old server without ESMTP.
    ("ndpi/smtp.pcap", &[("ehlo-rejected", "1")]),
    // Implicit TLS on 465 (now a default SMTP port): the capture ends after the ClientHello and
    // the server's first bytes, so the handshake is not judged.
    ("ndpi/smtps.pcapng", &[]),
    // A test file stitched from fragments: AUTH LOGIN in clear, server bytes acknowledged but never
    // captured (the 334 before the password, inferred). Session 1's command waits unanswered long
    // before the file ends; session 3's file ends right after its command: the capture, not the
    // server, left it unanswered. In session 3 (picked up mid-stream) a `451` arrives before the
    // EHLO, whose segment is later in the file: a reply before any command of a session whose
    // start is not in the capture may answer a command sent before it began, so it is not called
    // unsolicited.
    (
        "pcapplusplus/Smtp.pcap",
        &[
            ("credentials-in-clear", "1"),
            ("tcp-gap", "1"),
            ("unanswered-command", "1"),
            ("hostname-not-fqdn", "3"),
            ("capture-ended", "3"),
            ("tcp-gap", "3"),
        ],
    ),
    ("zeek/communityid-ipv6.pcap", &[]),
    // SMTP through an HTTP CONNECT tunnel (port 8240), decoded after the handshake: one server
    // segment out of fifteen retransmitted.
    ("zeek/connect-with-smtp.pcap", &[("tcp-retransmission", "1")]),
    // Sent by a test client as zeek@localhost with the header From of the author's own address:
    // the envelope and header domains differ, as anti-spam filters would see.
    (
        "zeek/rfc3030-bdat-multipart-chunked.pcap",
        &[("header-from-mismatch", "1")],
    ),
    // The server answers `BDAT 0 LAST` twice (`250` then `250 OK`): the second is unsolicited.
    // MAIL FROM at `localhost`, header From at example.com.
    (
        "zeek/rfc3030-bdat-nonascii.pcap",
        &[("header-from-mismatch", "1"), ("unsolicited-reply", "1")],
    ),
    ("zeek/smtp-attachment-msg.pcap", &[]),
    // Zeek's invalid-BDAT test: three sessions whose BDAT is refused `521 5.5.4 Syntax`. In the
    // second (`BDAT 1234 SCRAMBLE`) the client's next bytes after the refusal are `QUIT`, a
    // command, not 6 bytes of a 1234-byte chunk: no size mismatch.
    (
        "zeek/smtp-bdat-cmd-invalid.pcapng",
        &[
            ("delivery-failed", "1"),
            ("delivery-failed", "2"),
            ("delivery-failed", "3"),
        ],
    ),
    (
        "zeek/smtp-bdat-cmd-negative-chunk-size.pcap",
        &[("delivery-failed", "1")],
    ),
    // 1000 bytes of a BDAT chunk never captured, 900 of them past the chunk's announced end: the
    // reply after it answers a command lost in the gap, not nothing.
    ("zeek/smtp-bdat-gap.pcap", &[("tcp-gap", "1")]),
    // A kernel mailing-list message replayed with a test envelope sender: From is a gmail.com
    // author, MAIL FROM is not. (Its path passes vger.kernel.org twice in a row: one host, not
    // a loop.)
    (
        "zeek/smtp-bdat-pipeline-8bitmime.pcap",
        &[("header-from-mismatch", "1")],
    ),
    // `EHLO Bob-PC`; `RCPT` before `MAIL` answered `503 sender not yet given`.
    (
        "zeek/smtp-mail-transactions-invalid.pcap",
        &[("hostname-not-fqdn", "1"), ("sequence-error", "1")],
    ),
    // Generated for Zeek's address tests: 600 Received fields (and 600 recipients) — far past any
    // hop limit; a real server would have bounced it as a loop. Its dates are random, years apart:
    // not judged as queueing.
    ("zeek/smtp-many-addresses.pcap", &[("mail-loop-suspected", "1")]),
    ("zeek/smtp-multi-addr.pcap", &[]),
    ("zeek/smtp-one-side-only.pcap", &[]),
    ("zeek/smtp-starttls.pcap", &[]),
    // `EHLO GP`, AUTH LOGIN in clear, retransmissions above the threshold; a second client with a
    // bare name.
    (
        "zeek/smtp.pcap",
        &[
            ("hostname-not-fqdn", "1"),
            ("credentials-in-clear", "1"),
            ("tcp-retransmission", "1"),
            ("hostname-not-fqdn", "2"),
        ],
    ),
];

#[test]
fn each_public_capture_produces_exactly_the_reviewed_findings() {
    let Some(dir) = public_captures() else {
        eprintln!("skipped: ../shared/captures/public is absent");
        return;
    };
    for (file, expected) in EXPECTED {
        let path = dir.join(file);
        let run = smtpscope(&["analyze", "--format", "json", path.to_str().unwrap()]);
        let found: Vec<(String, String)> = run
            .stdout
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .filter(|v| v["type"] == "finding")
            .map(|v| {
                (
                    v["id"].as_str().unwrap().to_string(),
                    v["session"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect();
        let want: Vec<(String, String)> = expected
            .iter()
            .map(|(i, s)| (i.to_string(), s.to_string()))
            .collect();
        assert_eq!(found, want, "{file}");
    }
}

#[test]
fn every_public_capture_is_reviewed() {
    let Some(dir) = public_captures() else {
        eprintln!("skipped: ../shared/captures/public is absent");
        return;
    };
    for capture in common::capture_files(&dir) {
        let rel = capture.strip_prefix(&dir).unwrap().to_string_lossy().into_owned();
        assert!(
            EXPECTED.iter().any(|(f, _)| *f == rel),
            "{rel} has no reviewed findings in tests/public_findings.rs"
        );
    }
}
