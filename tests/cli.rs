//! End-to-end: the real binary on every capture in `captures/`, text and JSON, against golden files;
//! and the command-line contract (exit codes, error sentences).

mod common;

use common::{
    assert_golden, capture_files, golden_stem, normalize, repo, smtpscope, tls_key_args, with_threads,
};

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
        // Captures with TLS keys (a key log beside them, a lab server key): decrypted too.
        let keys = tls_key_args(&rel);
        let mut variants: Vec<(Vec<&str>, &str)> = vec![(common::extra_args(&rel).to_vec(), "")];
        if !keys.is_empty() {
            variants.push((keys.iter().map(String::as_str).collect(), ".keys"));
        }
        for (format, ext) in [("text", "txt"), ("json", "jsonl")] {
            for (extra, golden) in &variants {
                let mut args = vec!["analyze", "--format", format, "--color", "never"];
                args.extend_from_slice(extra);
                args.push(&rel);
                for (threads, run) in with_threads(&args) {
                    assert_eq!(
                        run.code, 0,
                        "{rel} {extra:?} --format {format} --threads {threads}: stderr {}",
                        run.stderr
                    );
                    assert_eq!(run.stderr, "", "{rel} {extra:?}: nothing to warn about");
                    assert_golden(&format!("{stem}{golden}.{ext}"), &normalize(&run.stdout));
                }
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

#[test]
fn the_dialogue_time_column_follows_time_format_and_local_time() {
    let capture = "captures/synthetic/xexch50-refused.pcap";
    let line = |args: &[&str], tz: &str| -> String {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_smtpscope"))
            .args(["analyze", "--color", "never"])
            .args(args)
            .arg(capture)
            .current_dir(repo())
            .env("TZ", tz)
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let pick = |needle: &str| {
            text.lines()
                .find(|l| l.contains(needle))
                .unwrap_or_else(|| panic!("no {needle} line in {text}"))
                .to_string()
        };
        format!("{}\n{}", pick("C: XEXCH50 1124 2"), pick("  time  "))
    };
    // The session began at 16:23:43.000 UTC; XEXCH50 went 35 ms later, 3 ms after the RCPT reply.
    let relative = line(&[], "UTC");
    assert!(
        relative.contains("      11   +0.035  C: XEXCH50 1124 2"),
        "{relative}"
    );
    assert!(
        relative.contains("2004-01-13T16:23:43.000000Z"),
        "UTC by default: {relative}"
    );
    let delta = line(&["--time-format", "delta"], "UTC");
    assert!(delta.contains("   +0.003  C: XEXCH50"), "{delta}");
    let epoch = line(&["--time-format", "epoch"], "UTC");
    assert!(epoch.contains("1074011023.035000  C: XEXCH50"), "{epoch}");
    let absolute = line(&["--time-format", "absolute"], "Asia/Tokyo");
    assert!(
        absolute.contains("16:23:43.035000  C: XEXCH50"),
        "UTC unless asked: {absolute}"
    );
    let local = line(&["--time-format", "absolute", "--local-time"], "Asia/Tokyo");
    assert!(local.contains("01:23:43.035000  C: XEXCH50"), "{local}");
    assert!(local.contains("2004-01-14T01:23:43.000000+09:00"), "{local}");
}

#[test]
fn the_readme_json_contract_names_every_object_and_field_written() {
    fn walk(value: &serde_json::Value, map_parent: bool, keys: &mut std::collections::BTreeSet<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, inner) in map {
                    // Maps keyed by data (reply codes, skip reasons, severities) are not fields.
                    if !map_parent {
                        keys.insert(key.clone());
                    }
                    let is_map = matches!(
                        key.as_str(),
                        "recipients_refused" | "skipped" | "findings_by_severity"
                    );
                    walk(inner, is_map, keys);
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|i| walk(i, false, keys)),
            _ => {}
        }
    }
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let mut keys = std::collections::BTreeSet::new();
    let mut types = std::collections::BTreeSet::new();
    let mut runs: Vec<Vec<String>> = common::sample_captures()
        .into_iter()
        .map(|rel| vec!["analyze".into(), "--format".into(), "json".into(), rel])
        .collect();
    runs.push(
        [
            "diff",
            "--format",
            "json",
            "captures/synthetic/diff-asa-sender.pcapng",
            "captures/synthetic/diff-asa-receiver.pcap",
        ]
        .map(String::from)
        .to_vec(),
    );
    // Several files read as one capture: frames are written `FILE#N`.
    let set = [
        "captures/lab/middlebox-pix-sender.pcap",
        "captures/lab/socks5-smtp.pcap",
    ];
    runs.push(
        ["analyze", "--format", "json", set[0], set[1]]
            .map(String::from)
            .to_vec(),
    );
    let mut values: Vec<(Vec<String>, serde_json::Value)> = Vec::new();
    for args in runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        for line in smtpscope(&args).stdout.lines() {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            types.insert(value["type"].as_str().unwrap().to_string());
            walk(&value, false, &mut keys);
            values.push((args.iter().map(|a| a.to_string()).collect(), value));
        }
    }
    check_contract_values(&readme, &values, &set);
    let named = |word: &str| readme.contains(&format!("`{word}`")) || readme.contains(&format!("\"{word}\""));
    let missing: Vec<&String> = keys.iter().filter(|k| !named(k)).collect();
    assert!(
        missing.is_empty(),
        "fields written but not in the README's JSON contract: {missing:?}"
    );
    for t in &types {
        assert!(
            readme.contains(&format!("\"type\":\"{t}\"")) || named(t),
            "object type {t} not in the README"
        );
    }
    assert!(types.len() >= 5, "{types:?}");
}

/// Every value under `key`, at any depth.
fn values_under<'a>(value: &'a serde_json::Value, key: &str, out: &mut Vec<&'a serde_json::Value>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, inner) in map {
                if k == key {
                    out.push(inner);
                }
                values_under(inner, key, out);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| values_under(i, key, out)),
        _ => {}
    }
}

/// The values the README's JSON contract writes out exactly — frame labels (`FILE#N` when several
/// files are read), the `tunnel` object, the snap length fields, `close_cause` — against the runs
/// (`(arguments, JSON line)`); `set` are the files of the one run that reads several.
fn check_contract_values(readme: &str, values: &[(Vec<String>, serde_json::Value)], set: &[&str]) {
    // Frames: a number within its file; `FILE#N` (`"ring_00002.pcap#17"`) when several are read.
    assert!(readme.contains("it is the string `FILE#N` (`\"ring_00002.pcap#17\"`) instead"));
    let labels: Vec<&str> = set.iter().map(|p| p.rsplit('/').next().unwrap()).collect();
    let (mut numbers, mut labelled) = (0, 0);
    for (args, value) in values {
        let several = set.iter().all(|f| args.iter().any(|a| a == f));
        let mut frames = Vec::new();
        for key in ["frame", "first_frame", "last_frame"] {
            values_under(value, key, &mut frames);
        }
        for frame in frames.into_iter().filter(|f| !f.is_null()) {
            if several {
                let text = frame
                    .as_str()
                    .unwrap_or_else(|| panic!("{args:?}: frame {frame} is not FILE#N"));
                let (file, n) = text.rsplit_once('#').unwrap();
                assert!(labels.contains(&file) && n.parse::<u64>().is_ok(), "{text}");
                labelled += 1;
            } else {
                assert!(frame.is_u64(), "{args:?}: frame {frame} is not a number");
                numbers += 1;
            }
        }
    }
    assert!(numbers > 1000 && labelled > 20, "{numbers} {labelled}");

    // The tunnel object, as written in the README.
    let kinds = ["socks4", "socks4a", "socks5", "http-connect"];
    assert!(readme.contains(
        "`{\"kind\":\"socks4\"|\"socks4a\"|\"socks5\"|\"http-connect\",\"target\":{\"host\":…,\"port\":…},\"user\":…|null}`"
    ));
    let sessions: Vec<&serde_json::Value> = values
        .iter()
        .map(|(_, v)| v)
        .filter(|v| v["type"] == "session")
        .collect();
    let mut tunnels = std::collections::BTreeSet::new();
    for tunnel in sessions.iter().map(|s| &s["tunnel"]).filter(|t| !t.is_null()) {
        let keys: Vec<&str> = tunnel.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["kind", "target", "user"], "{tunnel}");
        let target: Vec<&str> = tunnel["target"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(target, ["host", "port"], "{tunnel}");
        assert!(
            tunnel["target"]["host"].is_string() && tunnel["target"]["port"].is_u64(),
            "{tunnel}"
        );
        assert!(tunnel["user"].is_null() || tunnel["user"].is_string(), "{tunnel}");
        let kind = tunnel["kind"].as_str().unwrap();
        assert!(kinds.contains(&kind), "{kind}");
        tunnels.insert(kind.to_string());
    }
    assert!(tunnels.len() >= 3, "{tunnels:?}");

    // The snap length: the session's `snaplen`, and `snaplen_bytes`/`snaplen_segments` per direction.
    assert!(readme.contains(
        "are not gaps but `snaplen_bytes`/`snaplen_segments` per direction, with the capture's `snaplen`"
    ));
    let mut cut = 0;
    for tcp in sessions.iter().map(|s| &s["tcp"]) {
        assert!(tcp["snaplen"].is_null() || tcp["snaplen"].is_u64(), "{tcp}");
        for dir in ["c2s", "s2c"] {
            assert!(
                tcp[dir]["snaplen_bytes"].is_u64() && tcp[dir]["snaplen_segments"].is_u64(),
                "{tcp}"
            );
        }
        if let Some(snaplen) = tcp["snaplen"].as_u64() {
            assert!(
                tcp["c2s"]["snaplen_bytes"].as_u64().unwrap() + tcp["s2c"]["snaplen_bytes"].as_u64().unwrap()
                    > 0
            );
            assert!(snaplen > 0);
            cut += 1;
        }
    }
    assert!(cut > 0, "no sample has a snap length that cut bytes");

    // `close_cause` takes the values the README lists.
    let causes = ["fin", "rst", "idle", "reused", "end_of_input", "evicted"];
    assert!(readme.contains("`close_cause` is `fin`, `rst`, `idle`, `reused`, `end_of_input` or `evicted`"));
    for tcp in sessions.iter().map(|s| &s["tcp"]) {
        assert!(causes.contains(&tcp["close_cause"].as_str().unwrap()), "{tcp}");
    }
}

/// The lab capture converted to every container and compression (captures/formats/convert.sh)
/// gives the same report as the original, in text and JSON, from a path and from standard input.
#[test]
fn every_conversion_and_compression_gives_the_original_report() {
    let original = "captures/lab/loopback-lo.pcap";
    let mut checked = 0;
    for entry in std::fs::read_dir(repo().join("captures/formats")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // NetMon 1.x keeps milliseconds only, so its times differ; its packets are checked in
        // tests/capture_formats.rs.
        if !name.starts_with("loopback-lo.") || name.ends_with(".netmon1.cap") {
            continue;
        }
        let rel = format!("captures/formats/{name}");
        for format in ["text", "json"] {
            let expected =
                normalize(&smtpscope(&["analyze", "--format", format, "--color", "never", original]).stdout);
            let run = smtpscope(&["analyze", "--format", format, "--color", "never", &rel]);
            assert_eq!(run.code, 0, "{rel}: {}", run.stderr);
            assert_eq!(
                normalize(&run.stdout).replace(&rel, original),
                expected,
                "{rel} --format {format}"
            );
        }
        let bytes = std::fs::read(&path).unwrap();
        let piped = std::process::Command::new(env!("CARGO_BIN_EXE_smtpscope"))
            .args(["analyze", "--color", "never", "-"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                use std::io::Write as _;
                child.stdin.take().unwrap().write_all(&bytes)?;
                child.wait_with_output()
            })
            .unwrap();
        let expected = smtpscope(&["analyze", "--color", "never", original]).stdout;
        assert_eq!(
            String::from_utf8_lossy(&piped.stdout).replace("<stdin>", original),
            expected,
            "{rel} on standard input"
        );
        checked += 1;
    }
    assert!(checked >= 12, "{checked} conversions checked");
}
