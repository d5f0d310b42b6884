//! Real captures made by other projects (`../shared/captures/public`, skipped when absent): every file
//! reads to its end without error, smtpscope counts the same TCP connections as tshark's
//! `tcp.stream` index (the `tcp_streams` line of each `.tshark.txt` baseline), finds — with no
//! `--port` at all — every SMTP session tshark finds even when tshark had to be told the port
//! (`-d tcp.port==N,smtp`) or the tunnel (`-d tcp.port==N,http`), and the SMTP commands and reply
//! codes it decodes agree with tshark's — except where tshark is wrong, each case listed with its
//! reason in [`KNOWN_DISAGREEMENTS`].

mod common;

use std::path::Path;

use smtpscope::app;
use smtpscope::capture::Input;
use smtpscope::cli::config::{AnalyzeConfig, ReportConfig};
use smtpscope::net::PortSet;
use smtpscope::output::OutputFormat;

fn baseline_number(capture: &Path, key: &str) -> Option<u64> {
    let text = std::fs::read_to_string(format!("{}.tshark.txt", capture.display())).ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(": ")?.trim().parse().ok())
}

fn analyze_json(capture: &Path) -> (Vec<serde_json::Value>, String, app::Outcome) {
    analyze_json_on(capture, &[])
}

/// Analyzes with extra SMTP ports (as tshark's `-d tcp.port==N,smtp`).
fn analyze_json_on(capture: &Path, extra_ports: &[u16]) -> (Vec<serde_json::Value>, String, app::Outcome) {
    let mut report = ReportConfig {
        format: OutputFormat::Json,
        ..ReportConfig::default()
    };
    if !extra_ports.is_empty() {
        let mut ports = PortSet::DEFAULT_SMTP.to_vec();
        ports.extend_from_slice(extra_ports);
        report.ports = PortSet::new(&ports);
    }
    let config = AnalyzeConfig {
        inputs: vec![Input::Path(capture.to_path_buf())],
        separately: false,
        report,
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let outcome = app::analyze(&config, &mut out, &mut err).expect("writing to memory cannot fail");
    let lines = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    (lines, String::from_utf8(err).unwrap(), outcome)
}

#[test]
fn every_public_capture_reads_and_counts_tcp_connections_like_tshark() {
    let Some(dir) = common::public_captures() else {
        eprintln!("skipped: ../shared/captures/public is absent");
        return;
    };
    let captures = common::capture_files(&dir);
    assert!(
        captures.len() >= 25,
        "expected the public corpus, found {}",
        captures.len()
    );
    let mut mismatches = Vec::new();
    for capture in &captures {
        let (lines, stderr, outcome) = analyze_json(capture);
        assert_eq!(outcome, app::Outcome::Done, "{}: {stderr}", capture.display());
        let summary = lines.last().expect("a summary line");
        let packets = baseline_number(capture, "packets").expect("baseline has packets");
        assert_eq!(summary["packets"], packets, "{}: packet count", capture.display());
        let expected = baseline_number(capture, "tcp_streams").expect("baseline has tcp_streams");
        if summary["tcp_connections"] != expected {
            mismatches.push(format!(
                "{}: tshark {expected}, smtpscope {}",
                capture.display(),
                summary["tcp_connections"]
            ));
        }
        let port_streams = baseline_number(capture, "port_streams").expect("baseline has port_streams");
        let smtp_streams = baseline_number(capture, "smtp_streams").expect("baseline has smtp_streams");
        let sessions = summary["sessions"].as_u64().unwrap();
        if capture.ends_with("pcapplusplus/Smtp.pcap") {
            // 8 packets of 2 streams with timestamps years apart: smtpscope's idle timeout (600 s of
            // capture time) ends a connection that goes quiet, so the later packets start new,
            // mid-stream sessions; tshark has no timeout and keeps 2 streams.
            assert_eq!(sessions, 3, "{}", capture.display());
            continue;
        }
        // Every stream tshark dissects as SMTP (with the baseline's decode-as: port 1224, SOCKS on
        // 1080, HTTP CONNECT on 3378), and every stream on an SMTP port (tshark does not dissect port
        // 2525 by default, nor implicit TLS on 465 as SMTP): each is one session, found by port or
        // content, without any --port.
        assert_eq!(
            sessions,
            smtp_streams.max(port_streams),
            "{}: sessions against tshark's SMTP streams ({smtp_streams}) and SMTP-port streams ({port_streams})",
            capture.display()
        );
    }
    assert!(
        mismatches.is_empty(),
        "TCP connection counts differ from tshark:\n{}",
        mismatches.join("\n")
    );
}

/// Where smtpscope and tshark 4.0 count SMTP commands (by tshark's four-letter verb) or replies (by
/// code) differently: (file, `command VERB` or `reply CODE`, tshark's count, smtpscope's count, why
/// smtpscope is right). Each was checked by reading the stream (`tshark -z follow,tcp`).
const KNOWN_DISAGREEMENTS: &[(&str, &str, u64, u64, &str)] = &[
    ("arkime/smtp-decrypted.pcap", "command BDAT", 0, 2, "two sessions are on port 2525, which tshark does not dissect as SMTP by default"),
    ("arkime/smtp-decrypted.pcap", "command EHLO", 4, 8, "port 2525 sessions (see BDAT)"),
    ("arkime/smtp-decrypted.pcap", "command MAIL", 2, 4, "port 2525 sessions"),
    ("arkime/smtp-decrypted.pcap", "command RCPT", 2, 4, "port 2525 sessions"),
    ("arkime/smtp-decrypted.pcap", "command QUIT", 0, 4, "port 2525 sessions; on port 25 QUIT is pipelined after the DATA body, where tshark does not look"),
    ("arkime/smtp-decrypted.pcap", "command STAR", 2, 4, "port 2525 sessions"),
    ("arkime/smtp-decrypted.pcap", "reply 220", 4, 8, "port 2525 sessions"),
    ("arkime/smtp-decrypted.pcap", "reply 221", 2, 4, "port 2525 sessions"),
    ("arkime/smtp-decrypted.pcap", "reply 250", 10, 20, "port 2525 sessions"),
    ("arkime/smtp-moloch-bof.pcap", "command HELO", 0, 1, "the client spoke before the banner; tshark decodes nothing sent before the 220"),
    ("arkime/smtp-moloch-bof.pcap", "command MAIL", 0, 1, "client bytes before the banner (see HELO)"),
    ("arkime/smtp-moloch-bof.pcap", "command RCPT", 0, 1, "client bytes before the banner"),
    ("arkime/smtp-moloch-bof.pcap", "command DATA", 0, 1, "client bytes before the banner"),
    ("arkime/smtp-moloch-bof.pcap", "command QUIT", 0, 1, "client bytes before the banner"),
    ("arkime/smtp-subject-windows.pcap", "command EHLO", 0, 1, "the client pipelined its whole dialogue before the banner; tshark decodes none of it"),
    ("arkime/smtp-subject-windows.pcap", "command MAIL", 0, 1, "client bytes before the banner"),
    ("arkime/smtp-subject-windows.pcap", "command RCPT", 0, 1, "client bytes before the banner"),
    ("arkime/smtp-subject-windows.pcap", "command DATA", 0, 1, "client bytes before the banner"),
    ("arkime/smtp-subject-windows.pcap", "reply 220", 2, 1, "one four-line 220 banner split over two segments: tshark counts each segment"),
    ("chrissanders-packets/mail_sender_server_2.pcapng", "command QUIT", 1, 2, "the relay pipelines QUIT in the segment that ends the DATA body; tshark does not look past the body"),
    ("pcapplusplus/Smtp.pcap", "command CHVU", 1, 0, "an AUTH LOGIN password line (base64 `cHVu…`), which tshark counts as a command"),
    ("pcapplusplus/Smtp.pcap", "command EHLO", 0, 1, "frames 7-8 come 14 years later on the same ports; tshark calls them retransmissions, smtpscope a new session after the idle timeout"),
    ("pcapplusplus/Smtp.pcap", "reply 451", 0, 1, "frames 7-8 (see EHLO)"),
    ("zeek/connect-with-smtp.pcap", "command HELO", 0, 1, "SMTP through HTTP CONNECT (client port 3378, proxy 8240): tshark, told the port is HTTP, hands the tunnel to SMTP but takes the proxy's side for the client and shows every line as a DATA fragment; smtpscope reads the CONNECT and decodes the dialogue after it"),
    ("zeek/connect-with-smtp.pcap", "command MAIL", 0, 1, "HTTP CONNECT tunnel (see HELO)"),
    ("zeek/connect-with-smtp.pcap", "command RCPT", 0, 1, "HTTP CONNECT tunnel"),
    ("zeek/connect-with-smtp.pcap", "command DATA", 0, 1, "HTTP CONNECT tunnel"),
    ("zeek/connect-with-smtp.pcap", "command QUIT", 0, 1, "HTTP CONNECT tunnel"),
    ("zeek/connect-with-smtp.pcap", "reply 220", 0, 1, "HTTP CONNECT tunnel"),
    ("zeek/connect-with-smtp.pcap", "reply 250", 0, 4, "HTTP CONNECT tunnel"),
    ("zeek/connect-with-smtp.pcap", "reply 354", 0, 1, "HTTP CONNECT tunnel"),
    ("zeek/connect-with-smtp.pcap", "reply 221", 0, 1, "HTTP CONNECT tunnel"),
    ("zeek/rfc3030-bdat-nonascii.pcap", "reply 250", 7, 6, "the two-line EHLO reply arrives in two segments: tshark counts each segment"),
    ("zeek/smtp-bdat-cmd-invalid.pcapng", "command QUIT", 1, 3, "after `BDAT SCRAMBLE` (no size) and `BDAT 1234 SCRAMBLE` (not `size [LAST]`), each refused with 521, the client's QUIT is a command; tshark takes it for chunk data"),
    ("zeek/smtp-bdat-cmd-negative-chunk-size.pcap", "command BDAT", 0, 1, "tshark does not dissect `BDAT -1` as a command"),
    ("zeek/smtp-bdat-cmd-negative-chunk-size.pcap", "command QUIT", 0, 1, "the QUIT after the refused `BDAT -1`; tshark takes it for chunk data"),
    ("zeek/smtp-bdat-gap.pcap", "command DATA", 0, 1, "after the 1000-byte gap inside a BDAT chunk tshark never resynchronises; smtpscope does at the next command"),
    ("zeek/smtp-bdat-gap.pcap", "command QUIT", 0, 1, "resynchronised after the gap (see DATA)"),
    ("zeek/smtp-bdat-pipeline-8bitmime.pcap", "command MAIL", 0, 2, "MAIL, RCPT and BDAT pipelined behind a BDAT chunk in one segment; tshark reads only the chunk"),
    ("zeek/smtp-bdat-pipeline-8bitmime.pcap", "command RCPT", 0, 2, "pipelined behind a BDAT chunk (see MAIL)"),
    ("zeek/smtp-bdat-pipeline-8bitmime.pcap", "command BDAT", 0, 2, "pipelined behind a BDAT chunk (see MAIL)"),
];

/// Extra SMTP ports tshark was told about with `-d tcp.port==N,smtp` (the baseline's `decode-as`).
fn decode_as_ports(capture: &Path) -> Vec<u16> {
    let text = std::fs::read_to_string(format!("{}.tshark.txt", capture.display())).unwrap_or_default();
    text.lines()
        .filter_map(|l| l.strip_prefix("# decode-as used: "))
        .flat_map(|l| l.split_whitespace())
        .filter_map(|w| w.strip_prefix("tcp.port==")?.strip_suffix(",smtp")?.parse().ok())
        .collect()
}

/// Parses a `key: {'A': 1, 'B': 2}` line of a baseline.
fn baseline_counts(capture: &Path, key: &str) -> std::collections::BTreeMap<String, u64> {
    let text = std::fs::read_to_string(format!("{}.tshark.txt", capture.display())).unwrap_or_default();
    let Some(line) = text.lines().find_map(|l| l.strip_prefix(key)?.strip_prefix(": ")) else {
        return Default::default();
    };
    line.trim_matches(|c| c == '{' || c == '}')
        .split(',')
        .filter_map(|pair| {
            let (k, v) = pair.split_once(':')?;
            Some((k.trim().trim_matches('\'').to_string(), v.trim().parse().ok()?))
        })
        .collect()
}

#[test]
fn commands_and_reply_codes_agree_with_tshark_except_where_tshark_is_wrong() {
    let Some(dir) = common::public_captures() else {
        eprintln!("skipped: ../shared/captures/public is absent");
        return;
    };
    let mut found = Vec::new();
    for capture in common::capture_files(&dir) {
        let name = capture.strip_prefix(&dir).unwrap().display().to_string();
        // No --port: SMTP on odd ports and in tunnels is found by content. Telling the port, as
        // tshark had to be told, changes nothing.
        let (lines, _, _) = analyze_json(&capture);
        let ports = decode_as_ports(&capture);
        if !ports.is_empty() {
            let (told, _, _) = analyze_json_on(&capture, &ports);
            assert_eq!(
                told.len(),
                lines.len(),
                "{name}: --port {ports:?} changes what is found"
            );
            for (a, b) in told.iter().zip(&lines).filter(|(a, _)| a["type"] == "session") {
                assert_eq!(a["transcript"], b["transcript"], "{name}: --port {ports:?}");
            }
        }
        let mut ours: std::collections::BTreeMap<String, u64> = Default::default();
        for session in lines.iter().filter(|l| l["type"] == "session") {
            for item in session["transcript"].as_array().unwrap() {
                if item["inferred"] == true {
                    continue; // reconstructed from a gap, not on the wire
                }
                let key = match item["kind"].as_str() {
                    Some("command") => {
                        let verb = item["verb"].as_str().unwrap();
                        format!("command {}", verb.get(..4).unwrap_or(verb))
                    }
                    Some("reply") => format!("reply {}", item["code"]),
                    _ => continue,
                };
                *ours.entry(key).or_default() += 1;
            }
        }
        let mut theirs: std::collections::BTreeMap<String, u64> = Default::default();
        for (verb, n) in baseline_counts(&capture, "commands") {
            theirs.insert(format!("command {verb}"), n);
        }
        for (code, n) in baseline_counts(&capture, "response_codes") {
            theirs.insert(format!("reply {code}"), n);
        }
        let keys: std::collections::BTreeSet<&String> = ours.keys().chain(theirs.keys()).collect();
        for key in keys {
            let (t, o) = (
                theirs.get(key).copied().unwrap_or(0),
                ours.get(key).copied().unwrap_or(0),
            );
            if t != o {
                found.push((name.clone(), key.clone(), t, o));
            }
        }
    }
    let mut expected: Vec<(String, String, u64, u64)> = KNOWN_DISAGREEMENTS
        .iter()
        .map(|(f, k, t, o, _)| (f.to_string(), k.to_string(), *t, *o))
        .collect();
    expected.sort();
    found.sort();
    assert_eq!(
        found, expected,
        "disagreements with tshark changed: check each new one by hand"
    );
}

/// The SASL user names in the public captures, as tshark 4.0 shows them (`smtp.auth.username`,
/// base64-decoded; tshark has no field for AUTH PLAIN, whose user was read from the decoded
/// initial response by hand).
const SASL_USERS: &[(&str, &str, &str)] = &[
    ("ndpi/emotet.pcap", "login", "raulparedes@wanadoo.fr"),
    ("zeek/smtp.pcap", "login", "gurpartap@patriots.in"),
    ("pcapplusplus/Smtp.pcap", "login", "gurpartap@patriots.in"),
    ("arkime/smtp-data-521.pcap", "plain", "123456789@aol.com"),
];

#[test]
fn sasl_user_names_of_the_public_captures_are_decoded_and_passwords_redacted() {
    let Some(dir) = common::public_captures() else {
        eprintln!("skipped: ../shared/captures/public is absent");
        return;
    };
    for (file, kind, user) in SASL_USERS {
        let (lines, stderr, _) = analyze_json(&dir.join(file));
        let identities: Vec<&serde_json::Value> = lines
            .iter()
            .filter(|l| l["type"] == "session")
            .flat_map(|l| l["auth"].as_array().into_iter().flatten())
            .map(|a| &a["identity"])
            .filter(|i| !i.is_null())
            .collect();
        assert!(!identities.is_empty(), "{file}: no identity ({stderr})");
        for identity in identities {
            assert_eq!(
                (identity["kind"].as_str(), identity["user"].as_str()),
                (Some(*kind), Some(*user)),
                "{file}"
            );
        }
        for line in &lines {
            for token in line["auth"]
                .as_array()
                .into_iter()
                .flatten()
                .flat_map(|a| a["tokens"].as_array().into_iter().flatten())
            {
                let decoded = &token["decoded"];
                if let Some(password) = decoded.get("password") {
                    assert_eq!(password, "<redacted>", "{file}");
                }
                assert!(
                    token.get("data").is_none(),
                    "{file}: raw token data without --show-secrets"
                );
            }
        }
    }
}
