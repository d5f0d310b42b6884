//! Findings: every catalogue id fires on a capture made to show it — on the session, frame and
//! evidence stated here — and the captures not listed for an id never produce it; the catalogue,
//! FINDINGS.md and docs/rules.md agree; the options that select findings and set the exit code work.

mod common;

use std::collections::BTreeSet;

use common::{capture_files, repo, smtpscope};
use serde_json::Value;
use smtpscope::rules::catalogue;

/// One expected finding: id, session, frame, and a piece of its evidence.
type Expect = (&'static str, Option<&'static str>, Option<u64>, &'static str);

/// What a capture must produce: `(id, session, frame, a piece of the evidence)` for each finding,
/// and nothing else. Captures absent from this table must produce no finding at all.
const EXPECTED: &[(&str, &[Expect])] = &[
    // Real captures at both ends of a rewriting proxy (captures/lab/record-middlebox.sh). The Exchange-like
    // sender never authenticates (no X-EXPS), so every XEXCH50 it sends is unauthenticated; the receiver
    // answers 354 (it does not check authentication); through asa and drop-xexch50 it gets 500.
    // ASA: the receiver sees the verb overwritten with X's.
    (
        "captures/lab/middlebox-asa-receiver.pcap",
        &[("middlebox-rewrite", Some("1"), Some(19), "XXXXXXX 2336 3")],
    ),
    // ASA: the sender sees the masked banner and EHLO keywords, and its XEXCH50 refused.
    (
        "captures/lab/middlebox-asa-sender.pcap",
        &[
            ("middlebox-rewrite", Some("1"), Some(4), "250-XXXXXXXA"),
            ("starttls-stripped", Some("1"), Some(8), "250-XXXXXXXA"),
            ("exps-not-attempted", Some("1"), Some(18), "offered X-EXPS"),
            (
                "xexch50-without-auth",
                Some("1"),
                Some(18),
                "no X-EXPS or AUTH exchange ended in 235",
            ),
            (
                "xexch50-rejected",
                Some("1"),
                Some(18),
                "500 5.3.3 Unrecognized command",
            ),
        ],
    ),
    // The control pair: the same unauthenticated XEXCH50 accepted with 354 on both sides.
    (
        "captures/lab/middlebox-clean-receiver.pcap",
        &[
            ("exps-not-attempted", Some("1"), Some(19), "offered X-EXPS"),
            (
                "xexch50-without-auth",
                Some("1"),
                Some(19),
                "354 Send binary data",
            ),
        ],
    ),
    (
        "captures/lab/middlebox-clean-sender.pcap",
        &[
            ("exps-not-attempted", Some("1"), Some(18), "offered X-EXPS"),
            (
                "xexch50-without-auth",
                Some("1"),
                Some(18),
                "354 Send binary data",
            ),
        ],
    ),
    // The filter answers XEXCH50 itself: the sender sees a refusal; the receiver never sees the verb,
    // so its side holds no finding at all.
    (
        "captures/lab/middlebox-drop-xexch50-sender.pcap",
        &[
            ("exps-not-attempted", Some("1"), Some(18), "offered X-EXPS"),
            (
                "xexch50-without-auth",
                Some("1"),
                Some(18),
                "no X-EXPS or AUTH exchange ended in 235",
            ),
            (
                "xexch50-rejected",
                Some("1"),
                Some(18),
                "500 5.3.3 Unrecognized command",
            ),
        ],
    ),
    // PIX: the receiver got NOOP instead of EHLO, so it refuses MAIL with 503 Send hello first.
    (
        "captures/lab/middlebox-pix-receiver.pcap",
        &[(
            "sequence-error",
            Some("1"),
            Some(10),
            "503 5.5.2 Send hello first",
        )],
    ),
    // PIX: the sender sees the masked banner, its EHLO answered by the NOOP's bare 250, then the 503.
    (
        "captures/lab/middlebox-pix-sender.pcap",
        &[
            ("middlebox-rewrite", Some("1"), Some(4), "NOOP substitution"),
            ("sequence-error", Some("1"), Some(9), "503 5.5.2 Send hello first"),
        ],
    ),
    // A gateway that terminates STARTTLS with its own certificate (record-middlebox.sh tls-proxy):
    // the sender is shown smtp-gw.contoso.com, not the receiver's name; both sides start TLS
    // before X-EXPS.
    (
        "captures/lab/middlebox-tls-proxy-sender.pcap",
        &[
            ("tls-before-auth", Some("1"), Some(9), "are encrypted"),
            (
                "tls-cert-name-mismatch",
                Some("1"),
                Some(15),
                "certificate CN=smtp-gw.contoso.com, O=Contoso Lab: SAN smtp-gw.contoso.com",
            ),
        ],
    ),
    (
        "captures/lab/middlebox-tls-proxy-receiver.pcap",
        &[("tls-before-auth", Some("1"), Some(10), "are encrypted")],
    ),
    // Real TLS (captures/lab/record-tls.sh), judged without keys. Postfix on the lab's certificates,
    // one TLS 1.2 session per certificate (in clear), then TLS 1.3 to the expired one (hidden).
    (
        "captures/lab/tls-certs.pcap",
        &[
            (
                "tls-cert-expired",
                Some("1"),
                Some(12),
                "valid 2019-01-01 to 2020-01-01",
            ),
            (
                "tls-cert-not-yet-valid",
                Some("2"),
                Some(40),
                "valid 2099-01-01 to 2100-01-01",
            ),
            (
                "tls-cert-name-mismatch",
                Some("3"),
                Some(68),
                "the server was named mail.example.net (SNI)",
            ),
            ("tls-cert-self-signed", Some("4"), Some(96), "issued by itself"),
            ("tls-weak-cipher", Some("5"), Some(124), "has a 1024-bit RSA key"),
        ],
    ),
    // Handshakes that fail on purpose: TLS 1.0 against a TLS >= 1.2 server, a suite the server
    // lacks, a client that refuses a self-signed certificate.
    (
        "captures/lab/tls-failed.pcap",
        &[
            (
                "tls-handshake-failed",
                Some("1"),
                Some(12),
                "S: alert: fatal protocol_version",
            ),
            (
                "tls-version-obsolete",
                Some("1"),
                Some(11),
                "the client offered TLS 1.0 with 9 suites",
            ),
            (
                "tls-handshake-failed",
                Some("2"),
                Some(27),
                "S: alert: fatal handshake_failure",
            ),
            (
                "tls-handshake-failed",
                Some("3"),
                Some(43),
                "C: alert: fatal unknown_ca",
            ),
            ("tls-cert-self-signed", Some("3"), Some(42), "issued by itself"),
        ],
    ),
    // TLS 1.1 and 1.0 clients, and a client offering TLS 1.0 to 1.3 to a server that only speaks 1.0.
    (
        "captures/lab/tls-legacy.pcap",
        &[
            (
                "tls-version-obsolete",
                Some("1"),
                Some(11),
                "the server chose TLS 1.1",
            ),
            (
                "tls-version-obsolete",
                Some("2"),
                Some(39),
                "the server chose TLS 1.0",
            ),
            (
                "tls-version-obsolete",
                Some("3"),
                Some(68),
                "the client offered TLS 1.3, TLS 1.2, TLS 1.1, TLS 1.0",
            ),
        ],
    ),
    // Postfix's certificate file is missing: STARTTLS answered 454.
    (
        "captures/lab/tls-refused.pcap",
        &[(
            "starttls-refused",
            Some("1"),
            Some(9),
            "454 4.7.0 TLS not available due to local problem",
        )],
    ),
    // RSA key exchange, resumed twice, and one TLS 1.0 session.
    (
        "captures/lab/tls-rsa.pcap",
        &[(
            "tls-version-obsolete",
            Some("5"),
            Some(132),
            "the server chose TLS 1.0",
        )],
    ),
    // The Exchange-like peers inside TLS 1.3, and the same dialogue in clear (one server segment
    // was re-sent in each recording, not after a loss: no tcp-retransmission).
    (
        "captures/lab/tls-exchange.pcap",
        &[("tls-before-auth", Some("1"), Some(9), "are encrypted")],
    ),
    ("captures/lab/tls-exchange-clear.pcap", &[]),
    // Exchange 2003-like peers over TLS 1.0 with RC4-MD5 and 3DES (tlslite-ng).
    (
        "captures/lab/tls-windows2003.pcap",
        &[
            ("tls-before-auth", Some("1"), Some(9), "are encrypted"),
            (
                "tls-version-obsolete",
                Some("1"),
                Some(12),
                "the server chose TLS 1.0",
            ),
            (
                "tls-weak-cipher",
                Some("1"),
                Some(14),
                "RC4, prohibited by RFC 7465",
            ),
            ("tls-before-auth", Some("2"), Some(62), "are encrypted"),
            (
                "tls-version-obsolete",
                Some("2"),
                Some(65),
                "the server chose TLS 1.0",
            ),
            (
                "tls-weak-cipher",
                Some("2"),
                Some(66),
                "3DES, a 64-bit block cipher",
            ),
        ],
    ),
    // Recorded with Postfix and dnsmasq (captures/lab/record-mailflow.sh). Six short connections from
    // one client: from the third on, Postfix's anvil answers 421 4.7.0 too many connections.
    (
        "captures/lab/mailflow-churn.pcap",
        &[
            (
                "throttled",
                Some("3"),
                Some(40),
                "421 4.7.0 mx.lab.example Error: too many connections",
            ),
            (
                "throttled",
                Some("4"),
                Some(50),
                "421 4.7.0 mx.lab.example Error: too many connections",
            ),
            (
                "throttled",
                Some("5"),
                Some(60),
                "421 4.7.0 mx.lab.example Error: too many connections",
            ),
            (
                "throttled",
                Some("6"),
                Some(70),
                "421 4.7.0 mx.lab.example Error: too many connections",
            ),
            // Cross-session, after the flow table: six sessions before MAIL from one client.
            ("connection-churn", None, Some(5), "session 6: greeting 421 4.7.0"),
        ],
    ),
    // An MX NXDOMAIN and a SERVFAIL (the sender's query, and the resolver's own upstream), and a
    // delivery to a stale address instead of the MX's.
    (
        "captures/lab/mailflow-dns.pcap",
        &[
            (
                "connected-not-to-mx",
                Some("2"),
                Some(40),
                "connected to 198.51.100.25:25",
            ),
            (
                "dns-lookup-failed",
                None,
                // The NXDOMAIN answer (frame 30 is the query).
                Some(31),
                "MX nxdomain.example asked 198.51.100.53:53: NXDOMAIN",
            ),
            (
                "dns-lookup-failed",
                None,
                // The first SERVFAIL, the resolver's own upstream (frame 35 answers the sender).
                Some(34),
                "MX broken.example asked 198.51.100.53:53: SERVFAIL",
            ),
        ],
    ),
    // A block list answered by the lab's resolver, a SIZE above message_size_limit, a listener that
    // requires TLS, and one that refuses clients without reverse DNS.
    (
        "captures/lab/mailflow-refusals.pcap",
        &[
            ("spam-rejected", Some("1"), Some(17), "block list: bl.example"),
            (
                "message-too-large",
                Some("2"),
                Some(42),
                "MAIL FROM announced SIZE=5000; the server's EHLO limit is SIZE 1000",
            ),
            (
                "tls-required",
                Some("3"),
                Some(63),
                "the server offered STARTTLS; the client did not use it",
            ),
            (
                "temporary-failure",
                Some("4"),
                Some(86),
                "450 4.7.1 Client host rejected: cannot find your reverse hostname",
            ),
            (
                "no-ptr",
                Some("4"),
                Some(86),
                "PTR 10.2.0.192.in-addr.arpa: NXDOMAIN",
            ),
        ],
    ),
    // The same envelope offered three times and greylisted each time (info), then an unknown user.
    (
        "captures/lab/mailflow-retry.pcap",
        &[
            (
                "temporary-failure",
                Some("1"),
                Some(17),
                "451 4.7.1 <greylist@contoso.example>",
            ),
            (
                "temporary-failure",
                Some("2"),
                Some(36),
                "451 4.7.1 <greylist@contoso.example>",
            ),
            (
                "temporary-failure",
                Some("3"),
                Some(55),
                "451 4.7.1 <greylist@contoso.example>",
            ),
            (
                "recipient-unknown",
                Some("4"),
                Some(74),
                "unknown recipients: nobody@contoso.example",
            ),
            (
                "retry-storm",
                None,
                Some(15),
                "message <alice@example.net> → <greylist@contoso.example> (SIZE=400)",
            ),
        ],
    ),
    (
        "captures/lab/postfix-auth-refused.pcap",
        &[
            ("exps-failed", Some("1"), Some(9), "503 5.5.1"),
            (
                "credentials-in-clear",
                Some("1"),
                Some(9),
                "AUTH PLAIN <redacted>",
            ),
            ("sequence-error", Some("1"), Some(9), "AUTH answered 503"),
        ],
    ),
    (
        "captures/lab/postfix-exchange-verbs.pcap",
        &[
            ("exps-failed", Some("1"), Some(9), "X-EXPS GSSAPI"),
            (
                "xexch50-without-auth",
                Some("1"),
                Some(15),
                "no X-EXPS or AUTH exchange ended in 235",
            ),
            ("xexch50-rejected", Some("1"), Some(15), "XEXCH50"),
            (
                "xexch50-not-advertised",
                Some("1"),
                Some(15),
                "did not list XEXCH50",
            ),
            ("bare-lf", Some("1"), Some(25), "1 bare LF"),
        ],
    ),
    // The capture missed both 354s (inferred): the same two findings as the clean pair, nothing
    // about the gaps but tcp-gap.
    (
        "captures/lab/loss-354-capture-gap.pcap",
        &[
            ("exps-not-attempted", Some("1"), Some(15), "offered X-EXPS"),
            (
                "xexch50-without-auth",
                Some("1"),
                Some(15),
                "frame 16 S: 354 (inferred: lost in a capture gap)",
            ),
            ("tcp-gap", Some("1"), Some(16), "22 bytes missing"),
        ],
    ),
    // Three copies of the message's last segment, each reported by the receiver as a duplicate
    // (D-SACK): not loss, so no tcp-retransmission.
    (
        "captures/lab/tail-loss-probe.pcap",
        &[
            ("exps-not-attempted", Some("1"), Some(15), "offered X-EXPS"),
            ("xexch50-without-auth", Some("1"), Some(15), "XEXCH50 2336 3"),
        ],
    ),
    // Postfix refuses the third recipient with 554 5.7.1 Relay access denied: a true relay denial.
    // Real messages through Postfix (captures/lab/record-postfix.sh, the `messages` set); each
    // capture holds the client's session to Postfix (1) and Postfix's relay of it to port 2525 (2),
    // which adds a Received hop. The Exchange-like sender tries X-EXPS (refused), then sends a
    // message marked AuthAs Anonymous and one marked Internal; Postfix is no Exchange peer, so its
    // relay leg (2) is not judged.
    (
        "captures/lab/postfix-exchange-anonymous.pcap",
        &[
            ("exps-failed", Some("1"), Some(9), "X-EXPS GSSAPI"),
            (
                "exchange-anonymous-submission",
                Some("1"),
                Some(15),
                "X-MS-Exchange-Organization-AuthAs: Anonymous",
            ),
        ],
    ),
    (
        "captures/lab/postfix-from-mismatch.pcap",
        &[
            (
                "header-from-mismatch",
                Some("2"),
                Some(25),
                "From: News <news@example.net>",
            ),
            (
                "header-from-mismatch",
                Some("1"),
                Some(13),
                "MAIL FROM:<bounces+lab@mailer.example.org>",
            ),
        ],
    ),
    (
        "captures/lab/postfix-mail-loop.pcap",
        &[
            (
                "mail-loop-suspected",
                Some("1"),
                Some(13),
                "mx1.example.com ×4, mx2.example.com ×4",
            ),
            ("mail-loop-suspected", Some("2"), Some(30), "9 Received fields"),
        ],
    ),
    // One 4 KB client segment cut out of the message (editcap): the part it fell in is damaged.
    (
        "captures/lab/postfix-message-gap.pcap",
        &[(
            "tcp-gap",
            Some("1"),
            Some(51),
            "4096 bytes missing at offset 90201",
        )],
    ),
    (
        "captures/lab/postfix-received-delay.pcap",
        &[
            (
                "received-delay",
                Some("1"),
                Some(13),
                "gw.example.net held it 25 min 0 s before queue.example.net received it",
            ),
            ("received-delay", Some("2"), Some(25), "(hop 2 of 4)"),
        ],
    ),
    (
        "captures/lab/postfix-pipelining.pcap",
        &[(
            "relay-denied",
            Some("1"),
            Some(9),
            "554 5.7.1 <carol@example.net>: Relay access denied",
        )],
    ),
    (
        "captures/lab/postfix-smuggling-normalize.pcap",
        &[
            ("smtp-smuggling", Some("1"), Some(13), "LF.CRLF at byte"),
            ("bare-lf", Some("1"), Some(13), "bare LF"),
        ],
    ),
    // Postfix refuses the body with 550 5.5.2 (bare LF): the message was not delivered.
    (
        "captures/lab/postfix-smuggling-reject.pcap",
        &[
            ("smtp-smuggling", Some("1"), Some(13), "LF.CRLF at byte"),
            ("bare-lf", Some("1"), Some(13), "bare LF"),
            ("delivery-failed", Some("1"), Some(16), "550 5.5.2"),
        ],
    ),
    // Postfix took LF.CRLF as the end of data and answered the smuggled commands: the decoder
    // shows them as the server read them, so their replies are not unsolicited.
    (
        "captures/lab/postfix-smuggling.pcap",
        &[
            (
                "smtp-smuggling",
                Some("1"),
                Some(13),
                "frame 16 S: 250 2.1.0 Ok (smuggled)",
            ),
            ("bare-lf", Some("1"), Some(13), "bare LF"),
        ],
    ),
    (
        "captures/synthetic/asa-masked.pcap",
        &[
            (
                "middlebox-rewrite",
                Some("1"),
                Some(6),
                "ASA masking of EHLO keywords: XXXXXXXA, XXXXXXXB",
            ),
            ("starttls-stripped", Some("1"), Some(6), "250-XXXXXXXA"),
            (
                "exps-not-attempted",
                Some("1"),
                Some(13),
                "offered X-EXPS GSSAPI NTLM",
            ),
            ("xexch50-without-auth", Some("1"), Some(13), "XEXCH50 2336 3"),
            ("xexch50-rejected", Some("1"), Some(13), "XXXXXXX 2336 3"),
        ],
    ),
    // The diff pairs' single-capture findings: each end judged alone. The ASA and PIX receiving
    // sides show what arrived (a verb X'd out; a NOOP, which looks innocent on its own).
    (
        "captures/synthetic/diff-asa-receiver.pcap",
        &[("middlebox-rewrite", Some("1"), Some(13), "XXXXXXX 2336 3")],
    ),
    (
        "captures/synthetic/diff-asa-sender.pcapng",
        &[
            (
                "middlebox-rewrite",
                Some("1"),
                Some(6),
                "ASA masking of EHLO keywords: XXXXXXXA, XXXXXXXB",
            ),
            ("starttls-stripped", Some("1"), Some(6), "250-XXXXXXXA"),
            ("exps-not-attempted", Some("1"), Some(13), "XEXCH50 2336 3"),
            ("xexch50-without-auth", Some("1"), Some(13), "XEXCH50 2336 3"),
            ("xexch50-rejected", Some("1"), Some(13), "XXXXXXX 2336 3"),
        ],
    ),
    (
        "captures/synthetic/diff-loss-receiver.pcap",
        &[
            ("exps-not-attempted", Some("1"), Some(11), "XEXCH50 1124 2"),
            ("xexch50-without-auth", Some("1"), Some(11), "XEXCH50 1124 2"),
            (
                "xexch50-rejected",
                Some("1"),
                Some(11),
                "504 Need to authenticate first",
            ),
        ],
    ),
    (
        "captures/synthetic/diff-loss-sender.pcap",
        &[
            ("exps-not-attempted", Some("1"), Some(11), "XEXCH50 1124 2"),
            ("xexch50-without-auth", Some("1"), Some(11), "XEXCH50 1124 2"),
            (
                "xexch50-rejected",
                Some("1"),
                Some(11),
                "504 Need to authenticate first",
            ),
            (
                "tcp-retransmission",
                Some("1"),
                None,
                "client→server: 1 of 13 segments re-sent after loss (1460 bytes)",
            ),
            ("connection-refused", Some("2"), Some(26), "3 SYN(s)"),
        ],
    ),
    (
        "captures/synthetic/diff-pix-sender.pcap",
        &[
            (
                "middlebox-rewrite",
                Some("1"),
                Some(4),
                "PIX Mailguard: the banner text is masked",
            ),
            ("exps-not-attempted", Some("1"), Some(13), "XEXCH50 2336 3"),
            ("xexch50-without-auth", Some("1"), Some(13), "250 OK"),
        ],
    ),
    // Exchange's own wordings, synthetic: back pressure, 5.7.54, KB 895853's 5.7.3, Exchange
    // Online's IP throttling and its temporary server error.
    (
        "captures/synthetic/back-pressure.pcap",
        &[(
            "back-pressure",
            Some("1"),
            Some(7),
            "frame 8 S: 452 4.3.1 Insufficient system resources",
        )],
    ),
    (
        "captures/synthetic/relay-5-7-54.pcap",
        &[(
            "relay-denied",
            Some("1"),
            Some(9),
            "550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain",
        )],
    ),
    (
        "captures/synthetic/not-authorized.pcap",
        &[("not-authorized", Some("1"), Some(9), "550 5.7.3 Not Authorized")],
    ),
    (
        "captures/synthetic/online-temporary-error.pcap",
        &[(
            "temporary-failure",
            Some("1"),
            Some(7),
            "451 4.7.0 Temporary server error. Please try again later. PRX4",
        )],
    ),
    (
        "captures/synthetic/online-throttled.pcap",
        &[("throttled", Some("1"), Some(9), "451 4.7.500 Server busy")],
    ),
    (
        "captures/synthetic/auth-required.pcap",
        &[(
            "auth-required",
            Some("1"),
            Some(7),
            "530 5.7.1 Client was not authenticated",
        )],
    ),
    // The BDAT 500 chunk is refused 554 5.6.0 and the client resets: the message failed.
    (
        "captures/synthetic/bdat.pcap",
        &[(
            "delivery-failed",
            Some("1"),
            Some(26),
            "554 5.6.0 Invalid message content",
        )],
    ),
    // The same BLOB cut by the end of the capture, the connection still open: no blob-size-mismatch
    // (nothing says the size was wrong), no middlebox advice; the capture says it ended.
    (
        "captures/synthetic/blob-capture-ended.pcap",
        &[(
            "capture-ended",
            Some("1"),
            Some(23),
            "the capture ended 1336 bytes before the end of the XEXCH50 BLOB",
        )],
    ),
    // tcpdump -s 64: every payload cut by the capture, none lost by the network: no tcp-gap.
    (
        "captures/lab/snaplen-64.pcap",
        &[(
            "capture-truncated",
            Some("1"),
            Some(1),
            "capture truncated by snaplen 64",
        )],
    ),
    (
        "captures/synthetic/blob-cut-short.pcap",
        &[
            (
                "blob-size-mismatch",
                Some("1"),
                Some(21),
                "declared 2336 bytes, transferred 1000",
            ),
            (
                "tcp-reset",
                Some("1"),
                Some(25),
                "during an XEXCH50 BLOB transfer",
            ),
        ],
    ),
    (
        "captures/synthetic/connection-refused.pcap",
        &[
            ("connection-refused", Some("1"), Some(1), "answered by RST"),
            ("connection-refused", Some("2"), Some(3), "3 SYN(s)"),
        ],
    ),
    (
        "captures/synthetic/data-refused.pcap",
        &[(
            "delivery-failed",
            Some("1"),
            Some(14),
            "554 5.7.1 Message rejected",
        )],
    ),
    (
        "captures/synthetic/exchange-no-x-verbs.pcap",
        &[(
            "extended-verbs-missing",
            Some("1"),
            Some(6),
            "no X-EXPS, XEXCH50 or X-LINK2STATE",
        )],
    ),
    (
        "captures/synthetic/exps-failed.pcap",
        &[
            (
                "exps-failed",
                Some("1"),
                Some(7),
                "identity NTLM CONTOSO\\EX1$ from EX1",
            ),
            (
                "xexch50-without-auth",
                Some("1"),
                Some(15),
                "504 Need to authenticate first",
            ),
            ("xexch50-rejected", Some("1"), Some(15), "XEXCH50 1124 2"),
        ],
    ),
    (
        "captures/synthetic/exps-not-offered.pcap",
        &[
            ("exps-not-offered", Some("1"), Some(5), "(no X-EXPS)"),
            ("xexch50-without-auth", Some("1"), Some(11), "XEXCH50 1124 3"),
            (
                "xexch50-rejected",
                Some("1"),
                Some(11),
                "504 Need to authenticate first",
            ),
            (
                "xexch50-count-mismatch",
                Some("1"),
                Some(11),
                "1 recipients accepted",
            ),
        ],
    ),
    (
        "captures/synthetic/isb-drops.pcapng",
        &[("capture-drops", None, None, "dropped by the capture")],
    ),
    (
        "captures/synthetic/loss.pcap",
        &[(
            "tcp-gap",
            Some("1"),
            Some(15),
            "client→server: 1460 bytes missing at offset 1549, acknowledged by the peer but never captured, \
             inside a DATA body",
        )],
    ),
    // Analysed with its common::extra_args (a budget of 8 connections): the 23 SYNs evicted are not judged
    // unanswered; the 7 still open at the end are; the healthy delivery is untouched.
    (
        "captures/synthetic/syn-flood.pcap",
        &[
            (
                "connection-refused",
                Some("25"),
                Some(31),
                "1 SYN(s) to 198.51.100.25:25",
            ),
            ("connection-refused", Some("26"), Some(32), "1 SYN(s)"),
            ("connection-refused", Some("27"), Some(33), "1 SYN(s)"),
            ("connection-refused", Some("28"), Some(34), "1 SYN(s)"),
            ("connection-refused", Some("29"), Some(35), "1 SYN(s)"),
            ("connection-refused", Some("30"), Some(36), "1 SYN(s)"),
            ("connection-refused", Some("31"), Some(37), "1 SYN(s)"),
            (
                "connection-flood",
                None,
                None,
                "23 evicted, 23 of them had never carried a byte",
            ),
        ],
    ),
    (
        "captures/synthetic/netbios-clear-login.pcap",
        &[
            ("hostname-not-fqdn", Some("1"), Some(5), "EHLO APP1"),
            (
                "credentials-in-clear",
                Some("1"),
                Some(7),
                "<credentials redacted, 19 bytes>",
            ),
            ("sequence-error", Some("1"), Some(13), "RCPT before MAIL"),
        ],
    ),
    // Two RCPT answered 550 5.1.1 User unknown (one per transaction), then DATA with no recipient.
    (
        "captures/synthetic/pipelining.pcap",
        &[
            (
                "sequence-error",
                Some("1"),
                Some(15),
                "503 5.5.2 Need rcpt command",
            ),
            (
                "recipient-unknown",
                Some("1"),
                Some(7),
                "unknown recipients: nobody@example.net, nobody@example.net",
            ),
        ],
    ),
    (
        "captures/synthetic/pix-noop.pcap",
        &[
            (
                "middlebox-rewrite",
                Some("1"),
                Some(4),
                "NOOP substitution: `XEXCH50`",
            ),
            ("exps-not-attempted", Some("1"), Some(13), "XEXCH50 2336 3"),
            ("xexch50-without-auth", Some("1"), Some(13), "frame 14 S: 250 OK"),
        ],
    ),
    (
        "captures/synthetic/pix-rewritten.pcap",
        &[
            ("middlebox-rewrite", Some("1"), Some(4), "PIX Mailguard"),
            (
                "ehlo-rejected",
                Some("1"),
                Some(5),
                "frame 6 S: 500 5.3.3 Unrecognized command",
            ),
            (
                "relay-denied",
                Some("1"),
                Some(11),
                "session anonymous: no EHLO extensions",
            ),
        ],
    ),
    (
        "captures/synthetic/relay-after-exps-failed.pcap",
        &[
            (
                "exps-failed",
                Some("1"),
                Some(7),
                "frame 12 S: 535 5.7.3 Authentication unsuccessful",
            ),
            (
                "relay-denied",
                Some("1"),
                Some(15),
                "session anonymous: X-EXPS GSSAPI failed (535 5.7.3 Authentication unsuccessful)",
            ),
        ],
    ),
    (
        "captures/synthetic/replies-out-of-step.pcap",
        &[
            (
                "unsolicited-reply",
                Some("1"),
                Some(11),
                "frame 11 S: 250 2.0.0 OK",
            ),
            ("unanswered-command", Some("1"), Some(17), "NOOP"),
        ],
    ),
    (
        "captures/synthetic/retransmission.pcap",
        &[(
            "tcp-retransmission",
            Some("1"),
            None,
            "client→server: 1 of 13 segments re-sent after loss (1460 bytes)",
        )],
    ),
    (
        "captures/synthetic/rst.pcap",
        &[("tcp-reset", Some("1"), Some(16), "RST from")],
    ),
    (
        "captures/synthetic/slow-server.pcap",
        &[
            ("no-banner", Some("1"), Some(4), "greeting after 40.0 s"),
            ("slow-reply", Some("1"), Some(13), "reply after 35.0 s"),
        ],
    ),
    (
        "captures/synthetic/smuggling.pcap",
        &[
            (
                "smtp-smuggling",
                Some("1"),
                Some(11),
                "MAIL FROM:<spoof@contoso.com>",
            ),
            ("bare-lf", Some("1"), Some(11), "1 bare LF"),
        ],
    ),
    (
        "captures/synthetic/starttls-cleartext.pcap",
        &[(
            "starttls-no-tls",
            Some("1"),
            Some(7),
            "frame 8 S: 220 2.0.0 SMTP server ready",
        )],
    ),
    (
        "captures/synthetic/starttls.pcap",
        &[("tls-before-auth", Some("1"), Some(7), "are encrypted")],
    ),
    (
        "captures/synthetic/xexch50-after-auth.pcap",
        &[
            (
                "xexch50-rejected-after-auth",
                Some("1"),
                Some(21),
                "X-EXPS GSSAPI had ended in 235",
            ),
            (
                "xexch50-rejected",
                Some("1"),
                Some(21),
                "504 Need to authenticate first",
            ),
        ],
    ),
    (
        "captures/synthetic/xexch50-exploit.pcap",
        &[
            ("xexch50-bad-size", Some("1"), Some(11), "XEXCH50 -1 2"),
            // Never authenticating before XEXCH50 is KB 843106's pattern: reported beside the
            // exploit shape, which is named as its likely cause.
            ("exps-not-attempted", Some("1"), Some(11), "offered X-EXPS"),
            ("xexch50-without-auth", Some("1"), Some(11), "XEXCH50 -1 2"),
            ("tcp-reset", Some("1"), Some(15), "RST from the server"),
        ],
    ),
    (
        "captures/synthetic/xexch50-refused.pcap",
        &[
            (
                "exps-not-attempted",
                Some("1"),
                Some(11),
                "no X-EXPS or AUTH came before",
            ),
            ("xexch50-without-auth", Some("1"), Some(11), "XEXCH50 1124 2"),
            (
                "xexch50-rejected",
                Some("1"),
                Some(11),
                "frame 12 S: 504 Need to authenticate first",
            ),
        ],
    ),
    (
        "captures/synthetic/xlink2state-overflow.pcap",
        &[
            ("xlink2state-overflow", Some("1"), Some(9), "chunk of 600 bytes"),
            // The server reset instead of answering the oversized chunk.
            (
                "unanswered-command",
                Some("1"),
                Some(9),
                "no reply to X-LINK2STATE",
            ),
            ("tcp-reset", Some("1"), Some(11), "RST from the server"),
        ],
    ),
    // AUTH in clear text: the secrets are redacted in the evidence too.
    (
        "captures/synthetic/auth-login.pcap",
        &[(
            "credentials-in-clear",
            Some("1"),
            Some(7),
            "<credentials redacted, 11 bytes>",
        )],
    ),
    (
        "captures/synthetic/auth-plain.pcap",
        &[(
            "credentials-in-clear",
            Some("1"),
            Some(7),
            "frame 7 C: AUTH PLAIN <redacted>",
        )],
    ),
    // The decoded tokens are the evidence: the KRB-ERROR by name and the SPNEGO reject.
    (
        "captures/synthetic/exps-krb-error.pcap",
        &[("exps-failed", Some("1"), Some(7), "KRB-ERROR KRB_AP_ERR_MODIFIED")],
    ),
    (
        "captures/synthetic/exps-ntlm-failed.pcap",
        &[(
            "exps-failed",
            Some("1"),
            Some(7),
            "identity NTLM CONTOSO\\EX1$ from EX1",
        )],
    ),
    (
        "captures/synthetic/exps-spnego-ntlm.pcap",
        &[(
            "kerberos-downgrade",
            Some("1"),
            Some(9),
            "offers ms-krb5, kerberos, ntlmssp; its mechToken is NTLMSSP",
        )],
    ),
    (
        "captures/synthetic/identity-mismatch.pcap",
        &[(
            "identity-mismatch",
            Some("1"),
            Some(5),
            "frame 5 C: EHLO mail.contoso.com",
        )],
    ),
];

/// The `finding` objects of a JSON run over `capture` (with its [`common::extra_args`]).
fn findings(capture: &str) -> Vec<Value> {
    let mut args = vec!["analyze", "--format", "json"];
    args.extend_from_slice(common::extra_args(capture));
    args.push(capture);
    let run = smtpscope(&args);
    assert_eq!(run.code, 0, "{capture}: {}", run.stderr);
    run.stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["type"] == "finding")
        .collect()
}

#[test]
fn each_capture_produces_exactly_its_expected_findings() {
    for capture in capture_files(&repo().join("captures")) {
        let rel = capture
            .strip_prefix(repo())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let expected = EXPECTED
            .iter()
            .find(|(c, _)| *c == rel)
            .map_or(&[][..], |(_, e)| *e);
        let found = findings(&rel);
        let ids: Vec<&str> = found.iter().map(|f| f["id"].as_str().unwrap()).collect();
        let want: Vec<&str> = expected.iter().map(|e| e.0).collect();
        assert_eq!(ids, want, "{rel}: findings");
        for ((id, session, frame, evidence), f) in expected.iter().zip(&found) {
            assert_eq!(f["session"].as_str(), *session, "{rel} {id}: session");
            assert_eq!(f["frame"].as_u64(), *frame, "{rel} {id}: frame");
            let lines: Vec<&str> = f["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e.as_str().unwrap())
                .collect();
            assert!(
                lines.iter().any(|l| l.contains(evidence)),
                "{rel} {id}: evidence {lines:?} lacks {evidence:?}"
            );
            for field in ["summary", "severity", "advice", "refs", "event", "ts", "dir"] {
                assert!(f.get(field).is_some(), "{rel} {id}: field {field}");
            }
        }
    }
}

#[test]
fn every_catalogue_id_has_a_capture_that_produces_it() {
    let produced: BTreeSet<&str> = EXPECTED
        .iter()
        .flat_map(|(_, e)| e.iter().map(|f| f.0))
        .chain(NEEDS_LOCAL_DOMAIN.iter().map(|(_, _, e)| e.0))
        .collect();
    // The findings only `diff` makes are proven on capture pairs in tests/diff.rs.
    let diff_only: Vec<&str> = smtpscope::rules::DIFF.iter().map(|r| r.id).collect();
    let missing: Vec<&str> = catalogue()
        .map(|r| r.id)
        .filter(|id| !produced.contains(id) && !diff_only.contains(id))
        .collect();
    assert!(missing.is_empty(), "no capture produces {missing:?}");
}

/// Captures that need `--local-domain` for some finding, with the option and what it adds.
const NEEDS_LOCAL_DOMAIN: &[(&str, &str, Expect)] = &[(
    "captures/synthetic/open-relay.pcap",
    "contoso.com",
    (
        "open-relay",
        Some("1"),
        Some(9),
        "frame 10 S: 250 2.1.5 Recipient OK",
    ),
)];

#[test]
fn local_domain_turns_open_relay_on() {
    for (capture, domain, (id, session, frame, evidence)) in NEEDS_LOCAL_DOMAIN {
        assert!(findings(capture).is_empty(), "{capture} without --local-domain");
        let run = smtpscope(&["analyze", "--format", "json", "--local-domain", domain, capture]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let found: Vec<Value> = run
            .stdout
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .filter(|v| v["type"] == "finding")
            .collect();
        assert_eq!(found.len(), 1, "{capture}: {found:?}");
        let f = &found[0];
        assert_eq!(f["id"], *id);
        assert_eq!(f["session"].as_str(), *session);
        assert_eq!(f["frame"].as_u64(), *frame);
        assert!(f["evidence"].to_string().contains(evidence), "{f}");
        // A recipient inside the local domains is not relaying.
        let inside = smtpscope(&[
            "analyze",
            "--format",
            "json",
            "--local-domain",
            "example.net",
            capture,
        ]);
        assert!(
            !inside.stdout.contains(r#""type":"finding""#),
            "{}",
            inside.stdout
        );
    }
}

#[test]
fn a_middlebox_rewrite_is_named_as_the_cause_of_what_follows() {
    for (capture, id) in [
        ("captures/synthetic/pix-rewritten.pcap", "ehlo-rejected"),
        ("captures/synthetic/pix-rewritten.pcap", "relay-denied"),
        ("captures/synthetic/asa-masked.pcap", "xexch50-rejected"),
    ] {
        let found = findings(capture);
        let f = found.iter().find(|f| f["id"] == id).unwrap();
        assert_eq!(f["explained_by"], "middlebox-rewrite", "{capture} {id}: {f}");
        assert!(
            f["advice"][0].as_str().unwrap().contains("middlebox-rewrite"),
            "{f}"
        );
    }
    let unexplained = findings("captures/synthetic/data-refused.pcap");
    assert!(unexplained[0]["explained_by"].is_null(), "{unexplained:?}");
}

#[test]
fn healthy_captures_produce_no_finding() {
    for healthy in [
        "captures/synthetic/exchange-healthy.pcap",
        "captures/lab/postfix-swaks.pcap",
        "captures/lab/postfix-messages.pcap",
    ] {
        assert_eq!(findings(healthy), Vec::<Value>::new(), "{healthy}");
    }
}

/// The ids that came with an issue after FINDINGS.md (the shared design, read-only here) was
/// written: id → the issue that defines it. docs/rules.md, generated from the registry, is their
/// catalogue until FINDINGS.md lists them.
const IDS_FROM_ISSUES: &[(&str, u32)] = &[
    // TLS.
    ("starttls-stripped", 14),
    ("starttls-refused", 14),
    ("tls-handshake-failed", 14),
    ("tls-version-obsolete", 14),
    ("tls-weak-cipher", 14),
    ("tls-cert-expired", 14),
    ("tls-cert-not-yet-valid", 14),
    ("tls-cert-name-mismatch", 14),
    ("tls-cert-self-signed", 14),
    // Hostile input.
    ("connection-flood", 17),
    // Captures as people have them: the capture's own limits.
    ("capture-truncated", 18),
    ("capture-ended", 18),
    // The messages themselves.
    ("exchange-anonymous-submission", 19),
    ("mail-loop-suspected", 19),
    ("received-delay", 19),
    ("header-from-mismatch", 19),
    // The whole mail flow: replies, refusals, DNS, connections.
    ("recipient-unknown", 20),
    ("not-authorized", 20),
    ("back-pressure", 20),
    ("temporary-failure", 20),
    ("message-too-large", 20),
    ("spam-rejected", 20),
    ("throttled", 20),
    ("tls-required", 20),
    ("dns-lookup-failed", 20),
    ("connected-not-to-mx", 20),
    ("no-ptr", 20),
    ("retry-storm", 20),
    ("connection-churn", 20),
];

#[test]
fn catalogue_ids_are_unique() {
    let ids: Vec<&str> = catalogue().map(|r| r.id).collect();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(ids.len(), unique.len(), "duplicate ids in the registry");
}

#[test]
fn each_id_from_an_issue_is_in_the_catalogue_and_docs_rules_md_once() {
    let ids: BTreeSet<&str> = catalogue().map(|r| r.id).collect();
    let docs = std::fs::read_to_string(repo().join("docs/rules.md")).unwrap();
    let mut listed = BTreeSet::new();
    for &(id, issue) in IDS_FROM_ISSUES {
        assert!(listed.insert(id), "{id} is listed twice");
        assert!(
            ids.contains(id),
            "{id} (issue {issue}) is not in the rules catalogue"
        );
        assert!(
            docs.contains(&format!("\n## {id}\n")),
            "{id} (issue {issue}) has no section in docs/rules.md"
        );
    }
}

#[test]
fn every_catalogue_id_is_in_findings_md_or_came_with_an_issue() {
    let Some(shared) = common::shared_design() else {
        eprintln!("skipped: ../shared/design is absent");
        return;
    };
    let text = std::fs::read_to_string(shared.join("FINDINGS.md")).unwrap();
    let in_md = |id: &str| text.contains(&format!("`{id}`"));
    for info in catalogue() {
        let from_issue = IDS_FROM_ISSUES.iter().any(|&(id, _)| id == info.id);
        assert!(
            in_md(info.id) || from_issue,
            "{} is neither in FINDINGS.md nor in IDS_FROM_ISSUES",
            info.id
        );
    }
    // Once FINDINGS.md catches up, the id leaves the table.
    for &(id, issue) in IDS_FROM_ISSUES {
        assert!(
            !in_md(id),
            "{id} (issue {issue}) is in FINDINGS.md now: remove it from IDS_FROM_ISSUES"
        );
    }
}

#[test]
fn docs_rules_md_is_generated_from_the_registry() {
    let path = repo().join("docs/rules.md");
    let fresh = smtpscope::output::catalogue::markdown();
    if std::env::var_os("SMTPSCOPE_UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "docs/rules.md is stale; run `SMTPSCOPE_UPDATE_GOLDEN=1 cargo test --test rules` and commit it"
    );
}

#[test]
fn rules_lists_the_catalogue_and_explains_one_id() {
    let list = smtpscope(&["rules"]);
    assert_eq!(list.code, 0);
    for info in catalogue() {
        assert!(list.stdout.contains(info.id), "rules lists {}", info.id);
    }
    let one = smtpscope(&["rules", "xexch50-rejected"]);
    assert_eq!(one.code, 0);
    assert!(
        one.stdout.contains("When it fires") && one.stdout.contains("KB 843106"),
        "{}",
        one.stdout
    );
    let unknown = smtpscope(&["rules", "xexch50-rejectd"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("did you mean xexch50-rejected"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn fail_on_sets_exit_status_one_only_at_or_above_the_threshold() {
    let capture = "captures/synthetic/blob-cut-short.pcap"; // one error and one warning finding
    assert_eq!(smtpscope(&["analyze", "--fail-on", "error", capture]).code, 1);
    assert_eq!(smtpscope(&["analyze", "--fail-on", "critical", capture]).code, 0);
    assert_eq!(
        smtpscope(&[
            "analyze",
            "--fail-on",
            "info",
            "captures/synthetic/exchange-healthy.pcap"
        ])
        .code,
        0
    );
    // --severity hides, but --fail-on still counts what it hides.
    let hidden = smtpscope(&["analyze", "--severity", "critical", "--fail-on", "error", capture]);
    assert_eq!(hidden.code, 1);
    assert!(
        !hidden.stdout.contains("blob-size-mismatch"),
        "hidden: {}",
        hidden.stdout
    );
    let hidden_warning = smtpscope(&[
        "analyze",
        "--severity",
        "error",
        "--fail-on",
        "warning",
        "--exclude",
        "blob-size-mismatch",
        capture,
    ]);
    assert_eq!(hidden_warning.code, 1, "the tcp-reset warning counts");
    // An id --exclude (or --only) leaves out does not fail the run.
    let excluded = smtpscope(&[
        "analyze",
        "--fail-on",
        "error",
        "--exclude",
        "blob-size-mismatch",
        capture,
    ]);
    assert_eq!(excluded.code, 0);
}

#[test]
fn severity_only_and_exclude_select_what_is_shown() {
    let capture = "captures/synthetic/blob-cut-short.pcap"; // blob-size-mismatch (error), tcp-reset
    let shown = |args: &[&str]| {
        let mut all = vec!["analyze", "--format", "json"];
        all.extend_from_slice(args);
        all.push(capture);
        let run = smtpscope(&all);
        run.stdout
            .lines()
            .filter(|l| l.contains(r#""type":"finding""#))
            .count()
    };
    assert_eq!(shown(&[]), 2);
    assert_eq!(shown(&["--severity", "critical"]), 0);
    assert_eq!(shown(&["--severity", "error"]), 1);
    assert_eq!(shown(&["--only", "tcp-reset"]), 1);
    assert_eq!(shown(&["--only", "xexch50-rejected"]), 0);
    assert_eq!(shown(&["--exclude", "blob-size-mismatch"]), 1);
    let summary = smtpscope(&["analyze", "--format", "json", capture]);
    let last: Value = serde_json::from_str(summary.stdout.lines().last().unwrap()).unwrap();
    assert_eq!(last["findings_by_severity"]["error"], 1);
}

/// The advice of the first finding `id` of a JSON run over `capture`.
fn advice(capture: &str, id: &str) -> Vec<String> {
    findings(capture)
        .into_iter()
        .find(|f| f["id"] == id)
        .map(|f| {
            f["advice"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_else(|| panic!("{capture}: no {id}"))
}

#[test]
fn an_exploit_shape_does_not_hide_the_missing_authentication() {
    let found = findings("captures/synthetic/xexch50-exploit.pcap");
    for id in ["exps-not-attempted", "xexch50-without-auth"] {
        let f = found.iter().find(|f| f["id"] == id).unwrap();
        assert_eq!(f["explained_by"], "xexch50-bad-size", "{id}");
    }
}

#[test]
fn exchange_advice_is_given_only_between_exchange_servers() {
    // Postfix refusing AUTH (503): the generic advice, led by what 503 means; no SPN or Kerberos.
    let postfix = advice("captures/lab/postfix-auth-refused.pcap", "exps-failed");
    assert!(postfix[0].contains("lists no AUTH"), "{postfix:?}");
    assert!(
        postfix
            .iter()
            .all(|a| !a.contains("SPN") && !a.contains("Kerberos")),
        "{postfix:?}"
    );
    // X-EXPS refused between Exchange servers: the catalogue's advice.
    let exchange = advice("captures/synthetic/exps-failed.pcap", "exps-failed");
    assert!(
        exchange.iter().any(|a| a.contains("SMTPSVC/<fqdn>")),
        "{exchange:?}"
    );
}
