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
    // name; one session has retransmissions above the threshold.
    (
        "arkime/smtp-decrypted.pcap",
        &[
            ("starttls-no-tls", "1"),
            ("hostname-not-fqdn", "1"),
            ("starttls-no-tls", "2"),
            ("tcp-retransmission", "2"),
            ("starttls-no-tls", "3"),
            ("starttls-no-tls", "4"),
            ("hostname-not-fqdn", "4"),
        ],
    ),
    // The client's EHLO name has no dot.
    ("arkime/smtp-moloch-bof.pcap", &[("hostname-not-fqdn", "1")]),
    ("arkime/smtp-nospaces.pcap", &[]),
    // `553` to RCPT: the server refuses to relay for that recipient.
    ("arkime/smtp-rcpt-553.pcap", &[("relay-denied", "1")]),
    // The DATA body has two lines ending in a bare LF.
    ("arkime/smtp-subject-windows.pcap", &[("bare-lf", "1")]),
    // SMTP inside a SOCKS5 tunnel: not decoded, so nothing to judge.
    ("arkime/socks5-smtp-503.pcap", &[]),
    ("arkime/wireshark-bdat.pcap", &[]),
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
    // The second session loses 2 × 2880 client bytes (acknowledged, never captured) and the client
    // resets it.
    ("ndpi/smtp-starttls.pcap", &[("tcp-gap", "2"), ("tcp-reset", "2")]),
    // `EHLO` answered `500 Command unrecognized`, then `HELO`: an old server without ESMTP.
    ("ndpi/smtp.pcap", &[("ehlo-rejected", "1")]),
    ("ndpi/smtps.pcapng", &[]),
    // A test file stitched from fragments: AUTH LOGIN in clear, server bytes acknowledged but never
    // captured, a capture that ends with commands unanswered, and a `451` reply that arrives before
    // the EHLO it seems to answer (the command's segment is later in the file).
    (
        "pcapplusplus/Smtp.pcap",
        &[
            ("credentials-in-clear", "1"),
            ("tcp-gap", "1"),
            ("unanswered-command", "1"),
            ("hostname-not-fqdn", "3"),
            ("tcp-gap", "3"),
            ("unsolicited-reply", "3"),
            ("unanswered-command", "3"),
        ],
    ),
    ("zeek/communityid-ipv6.pcap", &[]),
    ("zeek/connect-with-smtp.pcap", &[]),
    ("zeek/rfc3030-bdat-multipart-chunked.pcap", &[]),
    // The server answers `BDAT 0 LAST` twice (`250` then `250 OK`): the second is unsolicited.
    ("zeek/rfc3030-bdat-nonascii.pcap", &[("unsolicited-reply", "1")]),
    ("zeek/smtp-attachment-msg.pcap", &[]),
    // Zeek's invalid-BDAT test: three sessions whose BDAT is refused `521 5.5.4 Syntax`; in the
    // second the client announced 1234 bytes and sent 6 before the refusal.
    (
        "zeek/smtp-bdat-cmd-invalid.pcapng",
        &[
            ("delivery-failed", "1"),
            ("blob-size-mismatch", "2"),
            ("delivery-failed", "2"),
            ("delivery-failed", "3"),
        ],
    ),
    (
        "zeek/smtp-bdat-cmd-negative-chunk-size.pcap",
        &[("delivery-failed", "1")],
    ),
    // 1000 bytes of a BDAT chunk never captured; the reply after it is explained by the gap.
    (
        "zeek/smtp-bdat-gap.pcap",
        &[("tcp-gap", "1"), ("unsolicited-reply", "1")],
    ),
    ("zeek/smtp-bdat-pipeline-8bitmime.pcap", &[]),
    // `EHLO Bob-PC`; `RCPT` before `MAIL` answered `503 sender not yet given`.
    (
        "zeek/smtp-mail-transactions-invalid.pcap",
        &[("hostname-not-fqdn", "1"), ("sequence-error", "1")],
    ),
    ("zeek/smtp-many-addresses.pcap", &[]),
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
