//! `smtpscope diff`: capture pairs taken at both ends of a middlebox (synthetic, and recorded for
//! real through a rewriting proxy in network namespaces) or of a lossy path, and the
//! pairs that must show no difference at all (a capture against itself, and against a copy whose
//! timestamps are shifted). Every id and field asserted here is part of the JSON contract.

mod common;

use std::net::SocketAddr;
use std::process::Command;

use common::{assert_golden, normalize, smtpscope, with_threads};
use serde_json::Value;
use smtpscope::capture::Timestamp;
use smtpscope::net::Direction;
use smtpscope_synth::{Capture, Script, SynthOptions};

const ASA: (&str, &str) = (
    "captures/synthetic/diff-asa-sender.pcapng",
    "captures/synthetic/diff-asa-receiver.pcap",
);
const PIX: (&str, &str) = (
    "captures/synthetic/diff-pix-sender.pcap",
    "captures/synthetic/diff-pix-receiver.pcap",
);
const LOSS: (&str, &str) = (
    "captures/synthetic/diff-loss-sender.pcap",
    "captures/synthetic/diff-loss-receiver.pcap",
);

/// The JSON lines of `smtpscope diff --format json SENDER RECEIVER`, with the exit code.
fn diff_json(pair: (&str, &str), extra: &[&str]) -> (i32, Vec<Value>) {
    let mut args = vec!["diff", "--format", "json"];
    args.extend_from_slice(extra);
    args.extend_from_slice(&[pair.0, pair.1]);
    let run = smtpscope(&args);
    let lines = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    (run.code, lines)
}

fn of_type<'a>(lines: &'a [Value], kind: &str) -> Vec<&'a Value> {
    lines.iter().filter(|l| l["type"] == kind).collect()
}

fn kinds(pair: &Value) -> Vec<&str> {
    pair["divergences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect()
}

fn verb_dropped(lines: &[Value]) -> Vec<&Value> {
    lines
        .iter()
        .filter(|l| l["type"] == "finding" && l["id"] == "verb-dropped")
        .collect()
}

#[test]
fn asa_masking_through_nat_with_a_37_second_clock_offset() {
    let (code, lines) = diff_json(ASA, &[]);
    assert_eq!(code, 0);
    let pairs = of_type(&lines, "pair");
    assert_eq!(pairs.len(), 1);
    let pair = pairs[0];
    assert_eq!(pair["match"], "nat");
    assert_eq!(
        (pair["sender_session"].as_str(), pair["receiver_session"].as_str()),
        (Some("1"), Some("1"))
    );
    assert!(
        (pair["clock_offset_s"].as_f64().unwrap() - 37.0).abs() < 0.01,
        "{pair}"
    );
    assert_eq!(
        kinds(pair),
        ["command_altered", "keyword_masked", "keyword_masked"]
    );
    let altered = &pair["divergences"][0];
    assert_eq!(altered["sender"]["text"], "XEXCH50 2336 3");
    assert_eq!(altered["sender"]["frame"], 13);
    assert_eq!(altered["receiver"]["text"], "XXXXXXX 2336 3");
    assert_eq!(pair["divergences"][1]["receiver"]["text"], "STARTTLS");
    assert_eq!(pair["divergences"][1]["sender"]["text"], "XXXXXXXA");
    // The sending side waits 2 ms longer per round trip than the receiving side answers.
    assert!(
        pair["added_latency"]["median_ms"].as_f64().unwrap() > 1.0,
        "{pair}"
    );

    let dropped = verb_dropped(&lines);
    assert_eq!(dropped.len(), 1, "one verb-dropped finding per pair");
    let f = dropped[0];
    assert_eq!(f["session"], "A:1|B:1");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["count"], 3);
    let evidence = f["evidence"].to_string();
    for line in [
        "frame 13 C: [sender] XEXCH50 2336 3",
        "frame 13 C: [receiver] XXXXXXX 2336 3",
        "frame 6 S: [receiver] CHUNKING",
    ] {
        assert!(evidence.contains(line), "{line} in {evidence}");
    }

    // Each end's sessions, with their side and their own findings under A:/B: ids.
    let sessions = of_type(&lines, "session");
    let sides: Vec<&str> = sessions.iter().map(|s| s["side"].as_str().unwrap()).collect();
    assert_eq!(sides, ["sender", "receiver"]);
    let own: Vec<(&str, &str)> = lines
        .iter()
        .filter(|l| l["type"] == "finding" && l["id"] != "verb-dropped")
        .map(|l| (l["session"].as_str().unwrap(), l["id"].as_str().unwrap()))
        .collect();
    assert!(own.contains(&("A:1", "middlebox-rewrite")), "{own:?}");
    assert!(own.contains(&("B:1", "middlebox-rewrite")), "{own:?}");

    let summary = lines.last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["files"], 2);
    assert_eq!(summary["pairs"], 1);
    assert_eq!(summary["sender_only"], serde_json::json!([]));
    assert_eq!(summary["divergences"], 3);
    assert_eq!(diff_json(ASA, &["--fail-on", "error"]).0, 1);
    assert_eq!(
        diff_json(
            ASA,
            &[
                "--fail-on",
                "error",
                "--exclude",
                "verb-dropped",
                "--exclude",
                "middlebox-rewrite"
            ]
        )
        .0,
        0
    );
}

#[test]
fn pix_proxy_is_matched_on_the_dialogue_and_its_noop_and_banner_are_named() {
    let (_, lines) = diff_json(PIX, &[]);
    let pair = of_type(&lines, "pair")[0];
    assert_eq!(
        pair["match"], "heuristic",
        "no endpoint in common through the proxy"
    );
    assert!(pair["confidence"].as_f64().unwrap() >= 0.5);
    assert_eq!(kinds(pair), ["banner_changed", "command_altered"]);
    assert!(
        pair["divergences"][1]["detail"]
            .as_str()
            .unwrap()
            .contains("replaced by NOOP"),
        "{pair}"
    );
    let f = verb_dropped(&lines)[0];
    assert_eq!(f["count"], 2);
    assert!(
        f["summary"]
            .as_str()
            .unwrap()
            .contains("the banner was rewritten"),
        "{f}"
    );
}

#[test]
fn loss_between_the_capture_points_and_sessions_without_a_partner() {
    let (code, lines) = diff_json(LOSS, &[]);
    assert_eq!(code, 0);
    let pair = of_type(&lines, "pair")[0];
    assert_eq!(pair["match"], "exact");
    assert_eq!(pair["confidence"], 1.0);
    assert_eq!(kinds(pair), ["lost_between"]);
    assert_eq!(pair["divergences"][0]["dir"], "c2s");
    assert!(verb_dropped(&lines).is_empty(), "nothing was rewritten");
    let summary = lines.last().unwrap();
    assert_eq!(
        summary["sender_only"],
        serde_json::json!(["2"]),
        "the unanswered connection"
    );
    assert_eq!(
        summary["receiver_only"],
        serde_json::json!(["2"]),
        "the other client's delivery"
    );
}

#[test]
fn a_capture_against_itself_or_a_time_shifted_copy_shows_no_difference() {
    let healthy = "captures/synthetic/exchange-healthy.pcap";
    let (code, lines) = diff_json((healthy, healthy), &["--fail-on", "info"]);
    assert_eq!(code, 0);
    let pair = of_type(&lines, "pair")[0];
    assert_eq!(kinds(pair), Vec::<&str>::new());
    assert!(pair["alignment"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["status"] == "same"));
    assert_eq!(pair["added_latency"]["max_ms"], 0.0);

    let dir = tempfile::tempdir().unwrap();
    let shifted = dir.path().join("shifted.pcap");
    match Command::new("editcap")
        .args(["-t", "3600.25", healthy, shifted.to_str().unwrap()])
        .status()
    {
        Ok(status) if status.success() => {
            let (code, lines) = diff_json((healthy, shifted.to_str().unwrap()), &["--fail-on", "info"]);
            assert_eq!(code, 0);
            let pair = of_type(&lines, "pair")[0];
            assert_eq!(pair["match"], "exact");
            assert_eq!(kinds(pair), Vec::<&str>::new());
            assert!(
                (pair["clock_offset_s"].as_f64().unwrap() - 3600.25).abs() < 1e-6,
                "{pair}"
            );
        }
        _ => eprintln!("skipped the shifted copy: editcap is not installed"),
    }
}

fn addr(text: &str) -> SocketAddr {
    text.parse().unwrap()
}

/// Writes one session of `script` between the same two endpoints, starting at the same time, as
/// a pcap; `impair` changes what the capture misses.
fn write_session(path: &std::path::Path, script: &Script, impair: impl FnOnce(&mut SynthOptions)) {
    let mut opts = SynthOptions::new(addr("192.0.2.10:49152"), addr("198.51.100.25:25"));
    opts.start = Timestamp::new(1_700_000_000, 0);
    impair(&mut opts);
    let capture = Capture::new(opts.link.link_type()).add(script, &opts).unwrap();
    std::fs::write(path, capture.write_pcap(Vec::new()).unwrap()).unwrap();
}

/// The JSON lines of `diff` between `sent` captured at the sender and `arrived` captured at the
/// receiver (one connection, no translation, the receiver's capture impaired by `impair`).
fn diff_dialogues(sent: &Script, arrived: &Script, impair: impl FnOnce(&mut SynthOptions)) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let (sender, receiver) = (dir.path().join("a.pcap"), dir.path().join("b.pcap"));
    write_session(&sender, sent, |_| {});
    write_session(&receiver, arrived, impair);
    let (code, lines) = diff_json((sender.to_str().unwrap(), receiver.to_str().unwrap()), &[]);
    assert_eq!(code, 0);
    lines
}

/// The greeting, EHLO (answered with `keywords` after the first line) and one envelope.
fn opening(keywords: &str) -> Script {
    Script::new()
        .server("220 ex2.contoso.com ESMTP\r\n")
        .client("EHLO ex1.contoso.com\r\n")
        .server(format!("250-ex2.contoso.com\r\n{keywords}"))
        .client("MAIL FROM:<alice@contoso.com>\r\n")
        .server("250 OK\r\n")
        .client("RCPT TO:<bob@contoso.com>\r\n")
        .server("250 OK\r\n")
}

fn closing(script: Script) -> Script {
    script.client("QUIT\r\n").server("221 Bye\r\n")
}

#[test]
fn a_command_swallowed_and_answered_in_between_is_named() {
    // The sender's XEXCH50 is answered by the device in between; the receiver never sees it.
    let sent = closing(
        opening("250 XEXCH50\r\n")
            .client("XEXCH50 2336 2\r\n")
            .server("500 5.3.3 Unrecognized command\r\n"),
    );
    let arrived = closing(opening("250 XEXCH50\r\n"));
    let lines = diff_dialogues(&sent, &arrived, |_| {});
    assert_swallowed_and_answered(&lines, "XEXCH50 2336 2", "500 5.3.3 Unrecognized command");
}

/// Each kind of difference not shown by the captured pairs, from two dialogues that differ in that
/// one way: the divergences it must produce, and whether they make a `verb-dropped` finding.
#[test]
fn every_other_kind_of_difference_is_named_from_dialogues_that_show_it() {
    let message = |s: Script, body: &str| {
        s.client("DATA\r\n")
            .server("354 go ahead\r\n")
            .client(format!("Subject: test\r\n\r\n{body}\r\n.\r\n"))
            .server("250 Queued\r\n")
    };
    let plain = || opening("250 XEXCH50\r\n");
    let cases: Vec<(&str, Script, Script, &[&str], bool)> = vec![
        (
            "a command and its reply only the receiver saw",
            closing(plain()),
            closing(plain().client("NOOP\r\n").server("250 OK\r\n")),
            &["command_added", "reply_missing"],
            false,
        ),
        (
            "a reply rewritten on the way",
            closing(plain().client("VRFY bob\r\n").server("252 Cannot VRFY\r\n")),
            closing(
                plain()
                    .client("VRFY bob\r\n")
                    .server("252 2.1.5 Cannot VRFY user, but will accept message\r\n"),
            ),
            &["reply_altered"],
            false,
        ),
        (
            "an EHLO keyword removed, another added",
            closing(opening("250-X-LOCAL\r\n250 XEXCH50\r\n")),
            closing(opening("250-STARTTLS\r\n250 XEXCH50\r\n")),
            &["keyword_missing", "keyword_added"],
            true,
        ),
        (
            "message content of another size",
            closing(message(plain(), "hello")),
            closing(message(plain(), "hello, with a disclaimer added on the way")),
            &["size_differs"],
            false,
        ),
    ];
    for (what, sent, arrived, expected, dropped) in cases {
        let lines = diff_dialogues(&sent, &arrived, |_| {});
        let pair = of_type(&lines, "pair")[0];
        assert_eq!(kinds(pair), expected, "{what}: {pair}");
        assert_eq!(verb_dropped(&lines).len(), usize::from(dropped), "{what}");
    }

    // The RCPT segment missing from the receiver's capture only: capture loss, not a dropped verb.
    let rcpt_offset = "EHLO ex1.contoso.com\r\nMAIL FROM:<alice@contoso.com>\r\n".len();
    let lines = diff_dialogues(&closing(plain()), &closing(plain()), |o| {
        let rcpt = closing(plain()).segment_at(o.mss, Direction::ClientToServer, rcpt_offset);
        o.impair.drop = vec![rcpt.expect("the RCPT segment")];
    });
    let pair = of_type(&lines, "pair")[0];
    assert_eq!(kinds(pair), ["capture_loss", "capture_loss"], "{pair}");
    assert!(verb_dropped(&lines).is_empty());

    // TLS begun by the sender and ended by something in between: the receiver gets clear text.
    let client_hello: &[u8] = &[0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x00];
    let server_hello: &[u8] = &[0x16, 0x03, 0x03, 0x00, 0x05, 0x02, 0x00, 0x00, 0x01, 0x00];
    let sent = opening("250-STARTTLS\r\n250 XEXCH50\r\n")
        .client("STARTTLS\r\n")
        .server("220 Ready to start TLS\r\n")
        .client(client_hello)
        .server(server_hello);
    let arrived = closing(opening("250-STARTTLS\r\n250 XEXCH50\r\n"));
    let lines = diff_dialogues(&sent, &arrived, |_| {});
    let pair = of_type(&lines, "pair")[0];
    // STARTTLS and QUIT are two commands, not one altered; 220 and 221 answer them, so they are
    // two replies too.
    assert_eq!(
        kinds(pair),
        [
            "command_missing",
            "command_added",
            "reply_added",
            "reply_missing",
            "tls_one_side"
        ],
        "{pair}"
    );
    let advice = verb_dropped(&lines)[0]["advice"][0].as_str().unwrap().to_string();
    assert!(
        advice.contains("swallowed `STARTTLS` and answered it itself"),
        "{advice}"
    );
}

/// The pair shows `command` missing at the receiver and `reply` added at the sender, and its
/// verb-dropped finding says the device in between answered.
fn assert_swallowed_and_answered(lines: &[Value], command: &str, reply: &str) {
    let pair = of_type(lines, "pair")[0];
    assert_eq!(kinds(pair), ["command_missing", "reply_added"]);
    let f = verb_dropped(lines)[0];
    let summary = f["summary"].as_str().unwrap();
    assert!(summary.contains(&format!("`{command}` never arrived")), "{f}");
    let advice = f["advice"][0].as_str().unwrap();
    assert!(advice.contains(&format!("got `{reply}`")), "{f}");
    assert!(
        advice.contains(&format!("swallowed `{command}` and answered it itself")),
        "{f}"
    );
}

#[test]
fn a_missing_or_unreadable_capture_stops_the_diff_with_an_error() {
    for args in [
        vec!["diff", "--format", "json", ASA.0, "captures/no-such-file.pcap"],
        vec!["diff", "captures/no-such-file.pcap", ASA.1],
        vec!["diff", "--format", "json", ASA.0, "README.md"],
    ] {
        let run = smtpscope(&args);
        assert_eq!(run.code, 2, "{args:?}");
        assert_eq!(
            run.stdout, "",
            "no report, not every session as one-sided: {args:?}"
        );
        let named = args
            .iter()
            .find(|a| a.contains("no-such") || a.ends_with(".md"))
            .unwrap();
        assert!(run.stderr.contains(named), "{}", run.stderr);
        assert!(run.stderr.contains("nothing compared"), "{}", run.stderr);
    }
}

#[test]
fn text_and_json_goldens() {
    for (name, pair) in [("asa", ASA), ("pix", PIX), ("loss", LOSS)] {
        for (format, ext) in [("text", "txt"), ("json", "jsonl")] {
            // Both captures decoded one after the other, or side by side.
            let args = ["diff", "--format", format, "--color", "never", pair.0, pair.1];
            for (threads, run) in with_threads(&args) {
                assert_eq!(run.code, 0, "{name} {format} --threads {threads}: {}", run.stderr);
                assert_golden(&format!("diff__{name}.{ext}"), &normalize(&run.stdout));
            }
        }
    }
}

/// The pairs recorded for real through a rewriting proxy in network namespaces
/// (`captures/lab/record-middlebox.sh`): the proxy opens its own connection, so every pair is
/// matched on the dialogue alone.
fn lab(mode: &str) -> (String, String) {
    (
        format!("captures/lab/middlebox-{mode}-sender.pcap"),
        format!("captures/lab/middlebox-{mode}-receiver.pcap"),
    )
}

fn lab_json(mode: &str) -> Vec<Value> {
    let (a, b) = lab(mode);
    let (code, lines) = diff_json((&a, &b), &[]);
    assert_eq!(code, 0, "{mode}");
    let pair = of_type(&lines, "pair");
    assert_eq!(pair.len(), 1, "{mode}: one pair");
    assert_eq!(pair[0]["match"], "heuristic", "{mode}");
    let summary = lines.last().unwrap();
    assert_eq!(summary["sender_only"], serde_json::json!([]), "{mode}");
    assert_eq!(summary["receiver_only"], serde_json::json!([]), "{mode}");
    lines
}

#[test]
fn recorded_through_a_clean_proxy_only_time_differs() {
    let lines = lab_json("clean");
    let pair = of_type(&lines, "pair")[0];
    assert_eq!(kinds(pair), Vec::<&str>::new(), "{pair}");
    assert!(verb_dropped(&lines).is_empty());
    // The proxy holds every relayed line 20 ms, each way: about 40 ms per round trip.
    let median = pair["added_latency"]["median_ms"].as_f64().unwrap();
    assert!((35.0..60.0).contains(&median), "{pair}");
}

#[test]
fn recorded_through_a_pix_the_banner_and_ehlo_are_rewritten() {
    let lines = lab_json("pix");
    let pair = of_type(&lines, "pair")[0];
    assert_eq!(kinds(pair), ["banner_changed", "command_altered"]);
    assert_eq!(pair["divergences"][1]["sender"]["text"], "EHLO ex1.contoso.com");
    assert_eq!(pair["divergences"][1]["receiver"]["text"], "NOOP ex1.contoso.com");
    assert_eq!(verb_dropped(&lines)[0]["count"], 2);
}

#[test]
fn recorded_through_an_asa_the_verb_and_keywords_are_masked() {
    let lines = lab_json("asa");
    let pair = of_type(&lines, "pair")[0];
    assert_eq!(
        kinds(pair),
        [
            "banner_changed",
            "command_altered",
            "keyword_masked",
            "keyword_masked"
        ]
    );
    assert_eq!(pair["divergences"][1]["receiver"]["text"], "XXXXXXX 2336 3");
    let masked: Vec<(&str, &str)> = pair["divergences"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"] == "keyword_masked")
        .map(|d| {
            (
                d["receiver"]["text"].as_str().unwrap(),
                d["sender"]["text"].as_str().unwrap(),
            )
        })
        .collect();
    // Each mask stands in the place of the keyword it hides.
    assert_eq!(masked, [("CHUNKING", "XXXXXXXA"), ("STARTTLS", "XXXXXXXB")]);
    // STARTTLS offered by the receiver, masked for the sender: proven stripped.
    let stripped: Vec<&Value> = of_type(&lines, "finding")
        .into_iter()
        .filter(|f| f["id"] == "starttls-stripped" && f["session"] == "A:1|B:1")
        .collect();
    assert_eq!(stripped.len(), 1, "{lines:?}");
    let evidence = stripped[0]["evidence"].to_string();
    assert!(
        evidence.contains("[sender] 250-XXXXXXXB") && evidence.contains("[receiver] 250-STARTTLS"),
        "{evidence}"
    );
}

#[test]
fn recorded_through_a_gateway_that_terminates_tls_the_tls_differs() {
    // Without keys: the versions and suites differ (the receiver side's TLS 1.3 certificate is
    // encrypted); the dialogues inside are not visible.
    let lines = lab_json("tls-proxy");
    let pair = of_type(&lines, "pair")[0];
    assert_eq!(kinds(pair), ["tls_differs"], "{pair}");
    assert_eq!(
        pair["divergences"][0]["sender"]["text"],
        "TLS 1.2 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"
    );
    assert_eq!(
        pair["divergences"][0]["receiver"]["text"],
        "TLS 1.3 TLS_AES_256_GCM_SHA384"
    );
    // With the gateway's key log (it is party to both sessions): the certificates differ too, and the
    // decrypted dialogues are the same on both sides.
    let (a, b) = lab("tls-proxy");
    let (code, lines) = diff_json(
        (&a, &b),
        &["--tls-keylog", "captures/lab/middlebox-tls-proxy-sender.keylog"],
    );
    assert_eq!(code, 0);
    let pair = of_type(&lines, "pair")[0];
    assert_eq!(kinds(pair), ["tls_differs", "tls_differs"], "{pair}");
    let certificates = pair["divergences"][1].to_string();
    assert!(
        certificates.contains("smtp-gw.contoso.com") && certificates.contains("ex2.contoso.com"),
        "{certificates}"
    );
    // Every row of the dialogue aligns as the same on both sides, but the two rows of TLS bytes.
    let status: Vec<&str> = pair["alignment"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert!(status.len() > 25, "{status:?}");
    assert_eq!(status.iter().filter(|s| **s != "same").count(), 2, "{status:?}");
}

#[test]
fn recorded_through_a_filter_that_answers_xexch50_itself() {
    let lines = lab_json("drop-xexch50");
    assert_swallowed_and_answered(&lines, "XEXCH50 2336 3", "500 5.3.3 Unrecognized command");
}
