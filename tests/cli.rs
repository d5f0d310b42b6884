//! End-to-end: the real binary on every capture in `captures/`, text and JSON, against golden files;
//! and the command-line contract (exit codes, error sentences).

mod common;

use common::{assert_golden, capture_files, golden_stem, normalize, repo, smtpscope, with_threads};

#[test]
fn every_capture_matches_its_golden_text_and_json() {
    let captures = capture_files(&repo().join("captures"));
    assert!(!captures.is_empty(), "captures/ holds sample captures");
    for capture in captures {
        let rel = capture
            .strip_prefix(repo())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let stem = golden_stem(&capture);
        for (format, ext) in [("text", "txt"), ("json", "jsonl")] {
            let args = ["analyze", "--format", format, "--color", "never", &rel];
            for (threads, run) in with_threads(&args) {
                assert_eq!(
                    run.code, 0,
                    "{rel} --format {format} --threads {threads}: {}",
                    run.stderr
                );
                assert_eq!(run.stderr, "", "{rel}: nothing to warn about");
                assert_golden(&format!("{stem}.{ext}"), &normalize(&run.stdout));
            }
        }
    }
}

#[test]
fn json_lines_are_objects_with_a_type_and_end_in_a_summary() {
    for capture in capture_files(&repo().join("captures")) {
        let rel = capture
            .strip_prefix(repo())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let run = smtpscope(&["analyze", "--format", "json", &rel]);
        let lines: Vec<serde_json::Value> = run
            .stdout
            .lines()
            .map(|l| serde_json::from_str(l).expect("each line is JSON"))
            .collect();
        let last = lines.last().expect("at least the summary");
        assert_eq!(last["type"], "summary", "{rel}");
        let mut session_ids = Vec::new();
        for line in &lines[..lines.len() - 1] {
            if line["type"] == "finding" {
                // A finding follows its session (or stands alone when capture-wide).
                assert!(
                    line["session"].is_null() || session_ids.contains(&line["session"]),
                    "{rel}: finding before its session"
                );
                continue;
            }
            if line["type"] == "flow" {
                // The mail flow of a capture, after its sessions.
                assert!(!line["client"].is_null() && !line["server"].is_null(), "{rel}");
                continue;
            }
            assert_eq!(line["type"], "session", "{rel}");
            session_ids.push(line["id"].clone());
            for field in [
                "id",
                "client",
                "server",
                "start",
                "end",
                "first_frame",
                "handshake_seen",
                "tcp",
            ] {
                assert!(!line[field].is_null(), "{rel}: session lacks {field}");
            }
        }
    }
}

#[test]
fn a_file_that_is_not_a_capture_exits_2_with_one_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.pcap");
    std::fs::write(&path, b"<!DOCTYPE html>\n<html>").unwrap();
    let run = smtpscope(&["analyze", path.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("notes.pcap is not a capture file"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("3c 21 44 4f"),
        "names the first bytes: {}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "one sentence: {}", run.stderr);
}

#[test]
fn a_missing_file_exits_2_and_the_other_files_are_still_analysed() {
    let good = repo().join("captures/synthetic/healthy-handshake.pcap");
    let rel = good.strip_prefix(repo()).unwrap().to_string_lossy().into_owned();
    let run = smtpscope(&["analyze", "--format", "json", "no/such/file.pcap", &rel]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no/such/file.pcap"), "{}", run.stderr);
    let summary: serde_json::Value = serde_json::from_str(run.stdout.lines().last().unwrap()).unwrap();
    assert_eq!(summary["files"], 2);
    assert!(
        summary["packets"].as_u64().unwrap() > 0,
        "the readable file was analysed"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(smtpscope(&["analyze"]).code, 2);
    assert_eq!(smtpscope(&["analyze", "--format", "xml", "x.pcap"]).code, 2);
    assert_eq!(smtpscope(&["analyze", "--port", "0", "x.pcap"]).code, 2);
    assert_eq!(smtpscope(&["frobnicate"]).code, 2);
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let capture = repo().join("captures/synthetic/healthy-handshake.pcap");
    let bytes = std::fs::read(&capture).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_smtpscope"))
        .args(["analyze", "--format", "json", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&bytes).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let from_stdin = normalize(&String::from_utf8(output.stdout).unwrap()).replace("\"<stdin>\"", "\"F\"");
    let rel = capture
        .strip_prefix(repo())
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let from_file = normalize(&smtpscope(&["analyze", "--format", "json", &rel]).stdout)
        .replace(&format!("\"{rel}\""), "\"F\"");
    assert_eq!(from_stdin, from_file);
}

/// The password of the synthetic AUTH PLAIN and LOGIN samples, and its base64 forms.
fn sample_password_forms() -> [String; 3] {
    use base64::Engine as _;
    let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    let password = smtpscope_synth::exchange::SAMPLE_PASSWORD;
    [
        password.to_string(),
        b64(password.as_bytes()),
        b64(format!("\0alice\0{password}").as_bytes()),
    ]
}

#[test]
fn sasl_passwords_appear_only_with_show_secrets() {
    let [password, login_line, plain_response] = sample_password_forms();
    let decoded = format!("\"password\":\"{password}\"");
    for (capture, wire_form) in [
        ("captures/synthetic/auth-plain.pcap", &plain_response),
        ("captures/synthetic/auth-login.pcap", &login_line),
    ] {
        // `analyze`, and `diff` of the capture against itself (its side-by-side text too).
        for run in [vec!["analyze", capture], vec!["diff", capture, capture]] {
            for format in ["text", "json"] {
                let hidden = smtpscope(&[&run[..], &["--format", format]].concat());
                assert_eq!(hidden.code, 0, "{}", hidden.stderr);
                for form in [&password, &login_line, &plain_response] {
                    assert!(
                        !hidden.stdout.contains(form.as_str()),
                        "{run:?} {format}: {form} leaked"
                    );
                }
                let shown = smtpscope(&[&run[..], &["--show-secrets", "--format", format]].concat());
                let seen = shown.stdout.matches(wire_form.as_str()).count();
                let expected = if run[0] == "diff" && format == "text" {
                    2
                } else {
                    1
                };
                assert!(
                    seen >= expected,
                    "{run:?} {format}: the line as sent ({seen} times)"
                );
            }
        }
        let hidden = smtpscope(&["analyze", "--format", "json", capture]).stdout;
        assert!(hidden.contains("\"password\":\"<redacted>\""), "{capture}");
        let shown = smtpscope(&["analyze", "--show-secrets", "--format", "json", capture]).stdout;
        assert!(shown.contains(&decoded), "{capture}: the decoded password");
    }
}

/// A build without the `live` feature still knows the subcommand, and says how to get it.
#[cfg(not(feature = "live"))]
#[test]
fn live_without_the_feature_says_how_to_build_it() {
    let run = common::smtpscope(&["live", "-i", "lo"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        run.stderr
            .contains("built without live capture; rebuild it with `cargo build --release --features live`"),
        "{}",
        run.stderr
    );
}
