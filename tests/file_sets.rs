//! Many files as one capture: ring-buffer splits of the lab recordings (written by Wireshark's
//! editcap) read back as a directory, as an unexpanded wildcard and as a list, give the sessions and
//! findings of the whole recording, frame for frame; `--separately` reads each file alone; copies of
//! the same packets from two interfaces are counted once; broken members are reported and the rest
//! is still analysed.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{repo, smtpscope};
use serde_json::Value;

/// The lab recordings (real TCP dialogues recorded by the project's harness scripts).
fn lab_recordings() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("captures/lab"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pcap"))
        .collect();
    files.sort();
    files
}

/// Whether the Wireshark tool `name` (of the Debian package `package`) is installed: CI installs
/// it; elsewhere the tests that need it say they skip.
fn installed(name: &str, package: &str) -> bool {
    let there = Command::new(name).arg("-h").output().is_ok();
    if !there {
        eprintln!("skipped: {name} (Debian package {package}) is not installed");
    }
    there
}

fn editcap() -> bool {
    installed("editcap", "wireshark-common")
}

/// Splits `capture` into pieces of `per_piece` packets in `dir` with `editcap -c`; returns them in
/// order with the number of packets each holds.
fn split(capture: &Path, dir: &Path, per_piece: usize) -> Vec<(PathBuf, u64)> {
    let status = Command::new("editcap")
        .args(["-c", &per_piece.to_string()])
        .arg(capture)
        .arg(dir.join("ring.pcap"))
        .status()
        .unwrap();
    assert!(status.success());
    let mut pieces: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    pieces.sort();
    pieces.into_iter().map(|p| (p.clone(), packets(&p))).collect()
}

fn packets(capture: &Path) -> u64 {
    let run = smtpscope(&["analyze", "--format", "json", capture.to_str().unwrap()]);
    summary(&run.stdout)["packets"].as_u64().unwrap()
}

fn json_lines(text: &str) -> Vec<Value> {
    text.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn summary(text: &str) -> Value {
    json_lines(text).pop().unwrap()
}

/// Rewrites the frame references of a merged run (`ring_00001_….pcap#7`, alone or inside a sentence)
/// into the frame numbers of the whole recording, and the `file` of each session into `whole`.
fn renumber(value: &mut Value, offsets: &[(String, u64)], whole: &str) {
    match value {
        Value::String(s) => {
            for (label, offset) in offsets {
                let tag = format!("{label}#");
                // A frame field is the reference alone: it becomes the whole recording's number.
                if let Some(n) = s.strip_prefix(&tag).and_then(|d| d.parse::<u64>().ok()) {
                    *value = Value::from(n + offset);
                    return;
                }
                // Inside a sentence (evidence, summaries) the reference becomes the number.
                while let Some(at) = s.find(&tag) {
                    let digits: String = s[at + tag.len()..]
                        .chars()
                        .take_while(char::is_ascii_digit)
                        .collect();
                    let global = digits.parse::<u64>().unwrap() + offset;
                    s.replace_range(at..at + tag.len() + digits.len(), &global.to_string());
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| renumber(v, offsets, whole)),
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if key == "file" {
                    *v = Value::from(whole);
                } else {
                    renumber(v, offsets, whole);
                }
            }
        }
        _ => {}
    }
}

/// The JSON of a run without what legitimately differs between a whole and its pieces.
fn comparable(text: &str, offsets: &[(String, u64)], whole: &str) -> Vec<Value> {
    json_lines(text)
        .into_iter()
        .map(|mut line| {
            renumber(&mut line, offsets, whole);
            if line["type"] == "summary" {
                let obj = line.as_object_mut().unwrap();
                obj.remove("files");
                obj.remove("elapsed_s");
            }
            line
        })
        .collect()
}

#[test]
fn ring_buffer_splits_give_the_sessions_and_findings_of_the_whole() {
    if !editcap() {
        return;
    }
    let mut checked = 0;
    for capture in lab_recordings() {
        let whole_rel = capture
            .strip_prefix(repo())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let whole = smtpscope(&["analyze", "--format", "json", &whole_rel]);
        assert_eq!(whole.code, 0, "{whole_rel}");
        let total = summary(&whole.stdout)["packets"].as_u64().unwrap();
        for pieces in 2..=5u64 {
            let per_piece = total.div_ceil(pieces).max(1) as usize;
            let dir = tempfile::tempdir().unwrap();
            let parts = split(&capture, dir.path(), per_piece);
            let mut offsets = Vec::new();
            let mut offset = 0;
            for (path, n) in &parts {
                offsets.push((path.file_name().unwrap().to_string_lossy().into_owned(), offset));
                offset += n;
            }
            assert_eq!(offset, total);
            let expected = comparable(&whole.stdout, &[], &whole_rel);
            let pattern = dir.path().join("ring_*.pcap");
            for arg in [dir.path().to_str().unwrap(), pattern.to_str().unwrap()] {
                let merged = smtpscope(&["analyze", "--format", "json", arg]);
                assert_eq!(
                    merged.code, 0,
                    "{whole_rel} in {pieces} pieces: {}",
                    merged.stderr
                );
                let got = comparable(&merged.stdout, &offsets, &whole_rel);
                assert_eq!(
                    got.len(),
                    expected.len(),
                    "{whole_rel} in {pieces} pieces ({arg})"
                );
                for (g, e) in got.iter().zip(&expected) {
                    assert_eq!(g, e, "{whole_rel} in {} pieces ({arg})", parts.len());
                }
                assert_eq!(summary(&merged.stdout)["files"], parts.len() as u64);
            }
            checked += 1;
        }
    }
    assert!(checked >= 20, "{checked} splits checked");
}

#[test]
fn a_session_across_files_is_one_session_and_separately_cuts_it() {
    if !editcap() {
        return;
    }
    let capture = repo().join("captures/lab/postfix-exchange-verbs.pcap");
    let dir = tempfile::tempdir().unwrap();
    let parts = split(&capture, dir.path(), 15);
    assert_eq!(parts.len(), 3);
    let files: Vec<&str> = parts.iter().map(|(p, _)| p.to_str().unwrap()).collect();

    let merged = smtpscope(&["analyze", "--color", "never", files[0], files[1], files[2]]);
    assert_eq!(merged.code, 0, "{}", merged.stderr);
    assert!(
        merged.stdout.contains("Summary: 3 files, 33 packets"),
        "{}",
        merged.stdout
    );
    assert_eq!(
        merged.stdout.matches("\nSession ").count() + usize::from(merged.stdout.starts_with("Session ")),
        1
    );
    let first = parts[0].0.file_name().unwrap().to_string_lossy().into_owned();
    let last = parts[2].0.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        merged.stdout.contains(&format!(
            "  frames  {first}#1–{last}#2, handshake seen, closed by FIN"
        )),
        "{}",
        merged.stdout
    );
    // The dialogue says where each file begins, and the evidence names frames with their file.
    let second = parts[1].0.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        merged.stdout.contains(&format!("          ── {second}\n")),
        "{}",
        merged.stdout
    );
    assert!(
        merged
            .stdout
            .contains(&format!("│ frame {second}#1 S: 500 5.5.2")),
        "{}",
        merged.stdout
    );

    let alone = smtpscope(&[
        "analyze",
        "--color",
        "never",
        "--separately",
        files[0],
        files[1],
        files[2],
    ]);
    assert_eq!(alone.code, 0);
    // Alone, the second file's part of the connection is a session of its own, picked up mid-stream.
    assert!(alone
        .stdout
        .contains("picked up mid-stream (no SYN), still open at the end of the capture"));
    assert!(
        alone
            .stdout
            .contains("Summary: 3 files, 33 packets (3,437 bytes), 2 SMTP sessions"),
        "{}",
        alone.stdout
    );
}

#[test]
fn copies_from_two_interfaces_are_counted_once() {
    use smtpscope::capture::file::open;
    use smtpscope::capture::write::{InterfaceOptions, PcapNgWriter};
    use smtpscope::capture::{Input, LinkType, Timestamp};

    let capture = repo().join("captures/lab/postfix-pipelining.pcap");
    let original = smtpscope(&["analyze", "--format", "json", capture.to_str().unwrap()]);
    // The same packets recorded on two interfaces, the second 30 µs later, in one pcapng file.
    let mut source = open(&Input::Path(capture.clone())).unwrap();
    let mut w = PcapNgWriter::new(Vec::new()).unwrap();
    let a = w
        .add_interface(&InterfaceOptions::new(LinkType::ETHERNET))
        .unwrap();
    let b = w
        .add_interface(&InterfaceOptions::new(LinkType::ETHERNET))
        .unwrap();
    let mut n = 0u64;
    while let Some(p) = source.next_packet().unwrap() {
        let later = Timestamp::new(p.ts.secs, p.ts.nanos + 30_000);
        w.write_packet(a, p.ts, p.orig_len, p.data).unwrap();
        w.write_packet(b, later, p.orig_len, p.data).unwrap();
        n += 1;
    }
    let dir = tempfile::tempdir().unwrap();
    let doubled = dir.path().join("two-interfaces.pcapng");
    std::fs::write(&doubled, w.into_inner().unwrap()).unwrap();
    let run = smtpscope(&["analyze", "--format", "json", doubled.to_str().unwrap()]);
    assert_eq!(run.code, 0);
    let lines = json_lines(&run.stdout);
    let sum = lines.last().unwrap();
    assert_eq!(sum["skipped"]["duplicate_from_another_interface"], n);
    let original_lines = json_lines(&original.stdout);
    let session = |ls: &[Value]| ls.iter().find(|l| l["type"] == "session").cloned().unwrap();
    let (got, want) = (session(&lines), session(&original_lines));
    assert_eq!(
        got["transcript"].as_array().unwrap().len(),
        want["transcript"].as_array().unwrap().len()
    );
    assert_eq!(
        got["tcp"]["retransmitted_segments"],
        want["tcp"]["retransmitted_segments"]
    );
    let findings = |ls: &[Value]| -> Vec<Value> {
        ls.iter()
            .filter(|l| l["type"] == "finding")
            .map(|l| l["id"].clone())
            .collect()
    };
    assert_eq!(findings(&lines), findings(&original_lines));

    // The same as two files, one per interface, merged by time.
    if editcap() {
        let shifted = dir.path().join("second-interface.pcap");
        assert!(Command::new("editcap")
            .args(["-t", "0.00003"])
            .arg(&capture)
            .arg(&shifted)
            .status()
            .unwrap()
            .success());
        let run = smtpscope(&[
            "analyze",
            "--format",
            "json",
            capture.to_str().unwrap(),
            shifted.to_str().unwrap(),
        ]);
        let lines = json_lines(&run.stdout);
        assert_eq!(
            lines.last().unwrap()["skipped"]["duplicate_from_another_interface"],
            n
        );
        assert_eq!(findings(&lines), findings(&original_lines));
        assert_eq!(
            session(&lines)["tcp"]["retransmitted_segments"],
            want["tcp"]["retransmitted_segments"]
        );
    }
}

#[test]
fn compressed_and_broken_members_of_a_set() {
    if !editcap() {
        return;
    }
    let capture = repo().join("captures/lab/postfix-exchange-verbs.pcap");
    let dir = tempfile::tempdir().unwrap();
    let parts = split(&capture, dir.path(), 15);
    // The middle piece gzip-compressed, a text file beside them, the last piece cut short.
    let middle = &parts[1].0;
    let bytes = std::fs::read(middle).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, &bytes).unwrap();
    std::fs::write(middle.with_extension("pcap.gz"), gz.finish().unwrap()).unwrap();
    std::fs::remove_file(middle).unwrap();
    std::fs::write(dir.path().join("ring.pcap.tshark.txt"), "notes").unwrap();
    let whole = smtpscope(&["analyze", "--color", "never", dir.path().to_str().unwrap()]);
    assert_eq!(whole.code, 0, "{}", whole.stderr);
    assert!(
        whole.stdout.contains("Summary: 3 files, 33 packets"),
        "{}",
        whole.stdout
    );
    assert!(whole.stdout.contains("closed by FIN"));

    let last = &parts[2].0;
    let bytes = std::fs::read(last).unwrap();
    std::fs::write(last, &bytes[..bytes.len() - 10]).unwrap();
    let run = smtpscope(&["analyze", "--color", "never", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 2, "a broken member is an input error");
    let name = last.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        run.stderr.contains(&name) && run.stderr.contains("cut off in frame 3"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.contains("Summary: 3 files, 32 packets"),
        "{}",
        run.stdout
    );

    let nothing = smtpscope(&["analyze", dir.path().join("nothing-*.pcap").to_str().unwrap()]);
    assert_eq!(nothing.code, 2);
    assert!(nothing.stderr.contains("no file matches"), "{}", nothing.stderr);
}

/// Session ids of a JSON run.
fn session_ids(text: &str) -> Vec<String> {
    json_lines(text)
        .into_iter()
        .filter(|l| l["type"] == "session")
        .map(|l| l["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn frame_selection_names_the_file_when_several_are_read() {
    let pix = repo().join("captures/lab/middlebox-pix-sender.pcap");
    let asa = repo().join("captures/lab/middlebox-asa-sender.pcap");
    let (pix, asa) = (pix.to_str().unwrap(), asa.to_str().unwrap());
    let select = |frame: &str, separately: bool| {
        let mut args = vec!["analyze", "--format", "json", "--frame", frame];
        if separately {
            args.push("--separately");
        }
        args.extend([pix, asa]);
        smtpscope(&args)
    };
    for separately in [false, true] {
        // Frame 5 of the second file, as reports label it, or by the path as given.
        for frame in ["middlebox-asa-sender.pcap#5".to_string(), format!("{asa}#5")] {
            let run = select(&frame, separately);
            assert_eq!(run.code, 0, "{frame}: {}", run.stderr);
            assert_eq!(
                session_ids(&run.stdout),
                ["2"],
                "{frame} (separately: {separately})"
            );
        }
        let run = select("middlebox-pix-sender.pcap#16", separately);
        assert_eq!(session_ids(&run.stdout), ["1"]);
        // A bare number is a frame of each file: refused, with the way to say it.
        let run = select("5", separately);
        assert_eq!(run.code, 2);
        assert!(run.stdout.is_empty(), "{}", run.stdout);
        assert!(
            run.stderr.contains("--frame 5 is ambiguous")
                && run
                    .stderr
                    .contains("middlebox-pix-sender.pcap#5 or middlebox-asa-sender.pcap#5"),
            "{}",
            run.stderr
        );
        let run = select("other.pcap#5", separately);
        assert_eq!(run.code, 2);
        assert!(
            run.stderr.contains("no input file is named other.pcap"),
            "{}",
            run.stderr
        );
    }
    // One file: a bare number, or the file's name, as before.
    for frame in ["5", "middlebox-asa-sender.pcap#5"] {
        let run = smtpscope(&["analyze", "--format", "json", "--frame", frame, asa]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(session_ids(&run.stdout), ["1"]);
    }

    // export reads each file alone, and takes the same frames.
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    let run = smtpscope(&["export", "--frame", "5", "--pcap", pix, asa, "--out", dir]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--frame 5 is ambiguous"), "{}", run.stderr);
    let run = smtpscope(&[
        "export",
        "--format",
        "json",
        "--frame",
        "middlebox-asa-sender.pcap#5",
        "--pcap",
        pix,
        asa,
        "--out",
        dir,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written: Vec<Value> = json_lines(&run.stdout);
    assert_eq!(written.len(), 1, "{}", run.stdout);
    assert_eq!(written[0]["session"], "2");
}

/// Writes the packets of `capture` that match the display filter `filter` to `out` with tshark.
fn filtered(capture: &Path, filter: &str, out: &Path) {
    let status = Command::new("tshark")
        .arg("-r")
        .arg(capture)
        .args(["-Y", filter, "-w"])
        .arg(out)
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn the_flow_stage_orders_by_time_across_files() {
    if !installed("tshark", "tshark") {
        return;
    }
    // The server's reverse lookup (in the second file, whose frame numbers start again at 1) comes
    // before the refusal it explains (frame 58 of the first file): in time, not by frame number.
    let capture = repo().join("captures/lab/mailflow-refusals.pcap");
    let dir = tempfile::tempdir().unwrap();
    let (smtp, dns) = (dir.path().join("smtp.pcap"), dir.path().join("dns.pcap"));
    filtered(&capture, "tcp", &smtp);
    filtered(&capture, "not tcp", &dns);
    let run = smtpscope(&[
        "analyze",
        "--format",
        "json",
        smtp.to_str().unwrap(),
        dns.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines = json_lines(&run.stdout);
    let no_ptr: Vec<&Value> = lines
        .iter()
        .filter(|l| l["type"] == "finding" && l["id"] == "no-ptr")
        .collect();
    assert_eq!(no_ptr.len(), 1, "{}", run.stdout);
    assert_eq!(no_ptr[0]["frame"], "smtp.pcap#58");
    assert_eq!(
        no_ptr[0]["evidence"][0].as_str().unwrap().split(':').next(),
        Some("frame dns.pcap#27")
    );
    // Each session's lookups are listed in time order, whichever file they are in.
    for session in lines.iter().filter(|l| l["type"] == "session") {
        let times: Vec<&str> = session["dns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["ts"].as_str().unwrap())
            .collect();
        assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
    }
}
