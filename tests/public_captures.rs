//! Real captures made by other projects (`../shared/captures/public`, skipped when absent): every file
//! reads to its end without error, and smtpscope counts the same TCP connections as tshark's
//! `tcp.stream` index (the `tcp_streams` line of each `.tshark.txt` baseline).

mod common;

use std::path::Path;

use smtpscope::app;
use smtpscope::capture::Input;
use smtpscope::cli::config::{AnalyzeConfig, ReportConfig};
use smtpscope::output::OutputFormat;

fn baseline_number(capture: &Path, key: &str) -> Option<u64> {
    let text = std::fs::read_to_string(format!("{}.tshark.txt", capture.display())).ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(": ")?.trim().parse().ok())
}

fn analyze_json(capture: &Path) -> (Vec<serde_json::Value>, String, app::Outcome) {
    let config = AnalyzeConfig {
        inputs: vec![Input::Path(capture.to_path_buf())],
        report: ReportConfig {
            format: OutputFormat::Json,
            ..ReportConfig::default()
        },
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
        let sessions = summary["sessions"].as_u64().unwrap();
        if capture.ends_with("pcapplusplus/Smtp.pcap") {
            // 8 packets of 2 streams with timestamps years apart: smtpscope's idle timeout (600 s of
            // capture time) ends a connection that goes quiet, so the later packets start new,
            // mid-stream sessions; tshark has no timeout and keeps 2 streams.
            assert_eq!(sessions, 3, "{}", capture.display());
            continue;
        }
        // tshark's port_streams also counts port 465; smtpscope's default ports are 25, 587, 2525.
        assert!(
            sessions <= port_streams,
            "{}: {sessions} sessions > {port_streams} port streams",
            capture.display()
        );
    }
    assert!(
        mismatches.is_empty(),
        "TCP connection counts differ from tshark:\n{}",
        mismatches.join("\n")
    );
}
