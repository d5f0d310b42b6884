//! A capture cut anywhere: the run never panics, reports where the file breaks off, and keeps every
//! result found before the cut.

mod common;

use smtpscope::app::{self, Outcome};
use smtpscope::capture::Input;
use smtpscope::cli::config::{AnalyzeConfig, ReportConfig};
use smtpscope::output::OutputFormat;

fn analyze(path: &std::path::Path) -> (Vec<serde_json::Value>, String, Outcome) {
    let config = AnalyzeConfig {
        inputs: vec![Input::Path(path.to_path_buf())],
        separately: false,
        report: ReportConfig {
            format: OutputFormat::Json,
            ..ReportConfig::default()
        },
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let outcome = app::analyze(&config, &mut out, &mut err).unwrap();
    let lines = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (lines, String::from_utf8(err).unwrap(), outcome)
}

/// Byte offsets where each record of a little-endian pcap ends.
fn record_ends(bytes: &[u8]) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut at = 24;
    while at + 16 <= bytes.len() {
        let len = u32::from_le_bytes(bytes[at + 8..at + 12].try_into().unwrap()) as usize;
        at += 16 + len;
        ends.push(at);
    }
    ends
}

#[test]
fn every_cut_keeps_the_packets_before_it() {
    let original = common::repo().join("captures/synthetic/loss.pcap");
    let bytes = std::fs::read(&original).unwrap();
    let ends = record_ends(&bytes);
    assert_eq!(*ends.last().unwrap(), bytes.len());
    let dir = tempfile::tempdir().unwrap();
    let cut_path = dir.path().join("cut.pcap");
    for cut in (0..bytes.len()).step_by(3) {
        std::fs::write(&cut_path, &bytes[..cut]).unwrap();
        let (lines, stderr, outcome) = analyze(&cut_path);
        let summary = lines.last().expect("a summary is always printed");
        let whole_records = ends.iter().filter(|&&end| end <= cut).count() as u64;
        if cut < 24 {
            assert_eq!(outcome, Outcome::InputError, "cut at {cut}");
            assert!(stderr.contains("cut.pcap"), "cut at {cut}: {stderr}");
            continue;
        }
        assert_eq!(summary["packets"], whole_records, "cut at {cut}");
        let at_boundary = cut == 24 || ends.contains(&cut);
        if at_boundary {
            assert_eq!(outcome, Outcome::Done, "cut at {cut}: {stderr}");
        } else {
            assert_eq!(outcome, Outcome::InputError, "cut at {cut}");
            let frame = format!("frame {}", whole_records + 1);
            assert!(
                stderr.contains(&frame) && stderr.contains("byte offset"),
                "cut at {cut}: {stderr}"
            );
        }
        if whole_records >= 1 {
            assert_eq!(
                summary["sessions"], 1,
                "cut at {cut}: the session seen so far is reported"
            );
        }
    }
}

#[test]
fn the_binary_reports_a_cut_file_and_still_prints_its_session() {
    let bytes = std::fs::read(common::repo().join("captures/synthetic/healthy-handshake.pcap")).unwrap();
    let ends = record_ends(&bytes);
    let cut = ends[9] + 20; // inside the 11th record's data
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut-short.pcap");
    std::fs::write(&path, &bytes[..cut]).unwrap();
    let run = common::smtpscope(&["analyze", path.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    let expected = format!("cut-short.pcap: cut off in frame 11 at byte offset {}", ends[9]);
    assert!(run.stderr.contains(&expected), "{}", run.stderr);
    assert!(run.stdout.contains("Session 1"), "{}", run.stdout);
    assert!(
        run.stdout.contains("still open at the end of the capture"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("incomplete input"), "{}", run.stdout);
}

/// A session that stops waiting for the reply to RCPT, then (`later`) another session 700 s after
/// it, so that the first is closed by the idle timeout (600 s) while the capture goes on.
fn stalled_capture(later: bool) -> Vec<u8> {
    use smtpscope_synth::{Capture, Close, Script, SynthOptions};
    let stalled = Script::new()
        .server("220 mx.contoso.com ESMTP\r\n")
        .client("EHLO ws.contoso.com\r\n")
        .server("250 mx.contoso.com\r\n")
        .client("MAIL FROM:<alice@contoso.com>\r\n")
        .server("250 2.1.0 Sender OK\r\n")
        .client("RCPT TO:<bob@fabrikam.com>\r\n");
    let mut opts = SynthOptions::new(
        "192.0.2.10:49152".parse().unwrap(),
        "198.51.100.25:25".parse().unwrap(),
    );
    opts.close = Close::None;
    let mut capture = Capture::new(opts.link.link_type()).add(&stalled, &opts).unwrap();
    if later {
        let mut next = SynthOptions::new(
            "192.0.2.10:49153".parse().unwrap(),
            "198.51.100.25:25".parse().unwrap(),
        );
        next.start = opts.start.plus_secs(700);
        let quick = Script::new()
            .server("220 mx.contoso.com ESMTP\r\n")
            .client("QUIT\r\n")
            .server("221 2.0.0 Bye\r\n");
        capture = capture.add(&quick, &next).unwrap();
    }
    capture.write_pcap(Vec::new()).unwrap()
}

#[test]
fn a_session_closed_by_the_idle_timeout_is_not_cut_by_the_capture() {
    let dir = tempfile::tempdir().unwrap();
    let finding = |lines: &[serde_json::Value], id: &str| {
        lines
            .iter()
            .find(|l| l["type"] == "finding" && l["id"] == id)
            .cloned()
    };
    let unanswered = |lines: &[serde_json::Value]| {
        let session = lines.iter().find(|l| l["type"] == "session").unwrap();
        let anomaly = session["anomalies"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["kind"] == "command_unanswered")
            .unwrap();
        anomaly["detail"].as_str().unwrap().to_string()
    };

    // The capture stops while the reply is awaited: capture-ended, worded so.
    let path = dir.path().join("cut.pcap");
    std::fs::write(&path, stalled_capture(false)).unwrap();
    let (lines, _, _) = analyze(&path);
    assert_eq!(unanswered(&lines), "no reply to RCPT before the capture ended");
    assert!(finding(&lines, "capture-ended").is_some());
    assert!(finding(&lines, "unanswered-command").is_none());

    // The capture goes on and the connection stays silent past the idle timeout: it stalled.
    let path = dir.path().join("idle.pcap");
    std::fs::write(&path, stalled_capture(true)).unwrap();
    let (lines, _, _) = analyze(&path);
    let session = lines.iter().find(|l| l["type"] == "session").unwrap();
    assert_eq!(session["tcp"]["close_cause"], "idle", "{session}");
    assert_eq!(
        unanswered(&lines),
        "no reply to RCPT before the connection went idle"
    );
    assert!(finding(&lines, "capture-ended").is_none());
    let stalled = finding(&lines, "unanswered-command").unwrap();
    assert!(
        stalled["summary"]
            .as_str()
            .unwrap()
            .ends_with("before the connection went idle."),
        "{stalled}"
    );
}
