//! Messages end to end: what the decoder finds in real messages recorded through Postfix, what
//! `export` writes and how it names it, how selection keeps ids and frames, and agreement with
//! Wireshark's IMF export (`tshark --export-objects imf`) plus a MIME unpack by Python's email
//! package on the public captures (skipped when `../shared/captures/public`, tshark or python3 is
//! absent), every disagreement listed with its reason.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{public_captures, smtpscope};
use serde_json::Value;
use sha2::{Digest, Sha256};
use smtpscope::capture::LinkType;
use smtpscope_synth::samples::smtp_session;
use smtpscope_synth::{Capture, SynthOptions};

fn sha(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The JSON objects of `smtpscope ARGS… --format json`.
fn json(args: &[&str]) -> Vec<Value> {
    let mut all = vec![args[0], "--format", "json"];
    all.extend_from_slice(&args[1..]);
    let run = smtpscope(&all);
    assert!(run.code == 0 || run.code == 1, "{args:?}: {}", run.stderr);
    run.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn sessions(capture: &str) -> Vec<Value> {
    json(&["analyze", capture])
        .into_iter()
        .filter(|v| v["type"] == "session")
        .collect()
}

/// `(path, content type, name, decoded bytes, sha256)` of one part.
type PartFacts = (String, String, Option<String>, u64, Option<String>);

/// The facts of a message's parts.
fn parts(message: &Value) -> Vec<PartFacts> {
    message["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["path"].as_str().unwrap().to_string(),
                p["content_type"].as_str().unwrap().to_string(),
                p["name"].as_str().map(str::to_string),
                p["decoded_bytes"].as_u64().unwrap(),
                p["sha256"].as_str().map(str::to_string),
            )
        })
        .collect()
}

const LAB: &str = "captures/lab/postfix-messages.pcap";

#[test]
fn lab_messages_decode_as_python_built_them() {
    let all = sessions(LAB);
    assert_eq!(all.len(), 5, "the client's session and Postfix's four relays");
    let client = &all.iter().find(|s| s["id"] == "1").unwrap()["transactions"];
    let m = |i: usize| &client[i]["message"];
    // Multipart: alternative QP text and base64 HTML, a PDF, a forwarded message with a CSV.
    assert_eq!(m(0)["headers"]["subject"], "Quarterly résultats ✓");
    let tree: Vec<(String, String)> = parts(m(0)).into_iter().map(|p| (p.0, p.1)).collect();
    let want = [
        ("1", "multipart/mixed"),
        ("1.1", "multipart/alternative"),
        ("1.1.1", "text/plain"),
        ("1.1.2", "text/html"),
        ("1.2", "application/pdf"),
        ("1.3", "message/rfc822"),
        ("1.3.1", "multipart/mixed"),
        ("1.3.1.1", "text/plain"),
        ("1.3.1.2", "application/octet-stream"),
    ];
    assert_eq!(tree, want.map(|(a, b)| (a.to_string(), b.to_string())).to_vec());
    let p = parts(m(0));
    // Quoted-printable hard line breaks decode to the CRLF they were sent as.
    assert_eq!(
        p[2].3,
        "Café au lait for everyone: the report is attached.\r\n".len() as u64 * 3
    );
    assert_eq!(p[4].2.as_deref(), Some("Q3 report.pdf"));
    assert_eq!(p[5].2.as_deref(), Some("Figures for Q3.eml"));
    assert_eq!(m(0)["parts"][5]["inner_subject"], "Figures for Q3");
    assert_eq!(
        p[8].4.as_deref(),
        Some(sha(b"region,revenue\r\nnorth,100\r\nsouth,200\r\n").as_str())
    );
    // ISO-2022-JP subject and body.
    assert_eq!(m(1)["headers"]["subject"], "報告書のお知らせ");
    assert_eq!(m(1)["parts"][0]["charset"], "iso-2022-jp");
    // TNEF by name, type and signature; Outlook's headers.
    let tnef = &m(2)["parts"][2];
    assert_eq!(
        (tnef["name"].as_str(), tnef["tnef"].as_bool()),
        (Some("winmail.dat"), Some(true))
    );
    assert_eq!(m(2)["headers"]["user_agent"], "Microsoft Office Outlook 11");
    assert_eq!(m(2)["headers"]["exchange"][0]["name"], "X-MS-Has-Attach");
    // Twenty hops, three seconds apart, the last seconds before the capture.
    let hops = m(3)["received"].as_array().unwrap();
    assert_eq!(hops.len(), 20);
    assert!(hops[1..].iter().all(|h| h["delay_s"] == 3), "{hops:?}");
    assert!(m(3)["capture_delay_s"].as_i64().unwrap() <= 5);
    // Every message arrived whole; Postfix relayed the same attachments (one more Received hop).
    for t in client.as_array().unwrap() {
        assert_eq!(t["message"]["complete"], true);
    }
    let relayed = &all.iter().find(|s| s["id"] == "2").unwrap()["transactions"][0]["message"];
    assert_eq!(parts(relayed), parts(m(0)));
    assert_eq!(relayed["received"].as_array().unwrap().len(), 1);
    assert_eq!(relayed["received"][0]["by"], "lab.example.net");
}

#[test]
fn the_content_names_its_message_as_the_message_decoder_read_it() {
    // One reading of the header section: the transaction's `data.message_id` and `data.subject` are
    // the decoded message's (encoded words decoded, no angle brackets), for every message.
    let mut seen = 0;
    for session in sessions(LAB) {
        for t in session["transactions"].as_array().unwrap() {
            let headers = &t["message"]["headers"];
            if headers.is_null() {
                continue;
            }
            assert_eq!(t["data"]["message_id"], headers["message_id"], "{t}");
            assert_eq!(t["data"]["subject"], headers["subject"], "{t}");
            seen += 1;
        }
    }
    assert!(seen >= 5, "{seen}");
    let client = sessions(LAB).into_iter().find(|s| s["id"] == "1").unwrap();
    let data = &client["transactions"][0]["data"];
    assert_eq!(data["subject"], "Quarterly résultats ✓");
    assert_eq!(data["message_id"], "lab-multipart@client.example.net");
}

#[test]
fn a_gap_damages_one_attachment_and_spares_the_others() {
    let all = sessions("captures/lab/postfix-message-gap.pcap");
    let cut = &all.iter().find(|s| s["id"] == "1").unwrap()["transactions"][0]["message"];
    let whole = &all.iter().find(|s| s["id"] == "2").unwrap()["transactions"][0]["message"];
    assert_eq!(cut["gap_bytes"], 4096);
    assert_eq!(cut["complete"], false);
    assert!(cut["sha256"].is_null());
    let (cut_parts, whole_parts) = (parts(cut), parts(whole));
    assert_eq!(cut_parts.len(), 5);
    for (i, (c, w)) in cut_parts.iter().zip(&whole_parts).enumerate() {
        if c.0 == "1.3" {
            assert!(c.4.is_none(), "the damaged part has no hash");
            assert_eq!(cut["parts"][i]["damaged"], true);
        } else if c.1 != "multipart/mixed" {
            assert_eq!(c, w, "part {} is whole on both legs", c.0);
        }
    }
}

/// A folder for one test's export.
fn out_dir(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new().prefix(name).tempdir().unwrap()
}

fn manifest(dir: &Path) -> Vec<Value> {
    std::fs::read_to_string(dir.join("manifest.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn export_writes_messages_attachments_and_a_manifest_with_hashes() {
    let dir = out_dir("export-eml");
    let out = dir.path().to_str().unwrap();
    let run = smtpscope(&[
        "export",
        "--eml",
        "--attachments",
        "--session",
        "1",
        LAB,
        "--out",
        out,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let entries = manifest(dir.path());
    let analysed = sessions(LAB);
    let client = &analysed[0]["transactions"];
    for entry in &entries {
        let path = dir.path().join(entry["path"].as_str().unwrap());
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(entry["sha256"], sha(&bytes), "{path:?}");
        assert_eq!(entry["bytes"], bytes.len() as u64);
        let t = &client[entry["transaction"].as_u64().unwrap() as usize - 1]["message"];
        match entry["kind"].as_str().unwrap() {
            "eml" => assert_eq!(entry["bytes"], t["size"]),
            "attachment" => {
                let part = t["parts"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|p| p["path"] == entry["part"])
                    .unwrap();
                assert_eq!(entry["sha256"], part["sha256"]);
            }
            other => panic!("unexpected {other}"),
        }
    }
    let kinds: Vec<&str> = entries.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "eml").count(), 4);
    assert_eq!(kinds.iter().filter(|k| **k == "attachment").count(), 4);
    // A second export into the same folder numbers its files and appends to the manifest.
    let again = smtpscope(&["export", "--eml", "--session", "1", LAB, "--out", out]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(dir.path().join("s1-t1 (1).eml").is_file());
    assert_eq!(manifest(dir.path()).len(), entries.len() + 4);
}

#[test]
fn hostile_attachment_names_are_written_safely() {
    let names = [
        "../../etc/passwd".to_string(),
        "CON".to_string(),
        format!("{}.txt", "x".repeat(300)),
        "nul\u{0}byte.txt".to_string(),
        "..\\..\\boot.ini".to_string(),
    ];
    let mut body =
        b"From: a@contoso.com\r\nSubject: names\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
            .to_vec();
    for (i, name) in names.iter().enumerate() {
        body.extend_from_slice(
            format!(
                "--b\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=\"{name}\"\r\n\r\nfile {i}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(b"--b--\r\n");
    let dir = out_dir("export-names");
    let capture = dir.path().join("names.pcap");
    let opts = SynthOptions::new(
        "192.0.2.10:49152".parse().unwrap(),
        "198.51.100.25:25".parse().unwrap(),
    );
    let file = std::fs::File::create(&capture).unwrap();
    Capture::new(LinkType::ETHERNET)
        .add(&smtp_session(&body), &opts)
        .unwrap()
        .write_pcap(file)
        .unwrap();
    let out = dir.path().join("out");
    let run = smtpscope(&[
        "export",
        "--attachments",
        capture.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap() != "manifest.jsonl")
        .collect();
    assert_eq!(written.len(), names.len(), "{written:?}");
    for path in &written {
        assert_eq!(path.parent().unwrap(), out, "nothing outside the folder");
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(name.len() <= 200 && !name.contains(['/', '\\', '\0']), "{name}");
    }
    let mut got: Vec<String> = written
        .iter()
        .map(|p| p.file_name().unwrap().to_str().unwrap().to_string())
        .collect();
    got.sort();
    assert!(got.contains(&"s1-t1-passwd".to_string()), "{got:?}");
    assert!(got.contains(&"s1-t1-boot.ini".to_string()), "{got:?}");
    assert!(
        got.contains(&"s1-t1-_CON".to_string()) || got.contains(&"s1-t1-CON".to_string()),
        "{got:?}"
    );
    assert!(got.contains(&"s1-t1-nul_byte.txt".to_string()), "{got:?}");
    assert!(
        got.iter().any(|n| n.ends_with(".txt") && n.len() == 200),
        "{got:?}"
    );
    // The hostile paths were not followed: beside the folder there is only the capture.
    let beside: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside.len(), 2, "{beside:?}");
    // The manifest keeps each name as the message gives it (the backslashes of the quoted
    // string `"..\..\boot.ini"` are quoted-pairs: the name is `....boot.ini`).
    let entries = manifest(&out);
    let kept: Vec<&str> = entries.iter().map(|e| e["name"].as_str().unwrap()).collect();
    assert_eq!(kept[0], "../../etc/passwd");
    assert_eq!(kept[1], "CON");
    assert_eq!(kept[4], "....boot.ini");
}

#[test]
fn export_pcap_gives_back_the_same_session() {
    let capture = "captures/lab/postfix-message-gap.pcap";
    let dir = out_dir("export-pcap");
    let out = dir.path().to_str().unwrap();
    let run = smtpscope(&["export", "--pcap", "--session", "2", capture, "--out", out]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let exported = dir.path().join("s2.pcap");
    let again = sessions(exported.to_str().unwrap());
    assert_eq!(again.len(), 1);
    let original = sessions(capture).into_iter().find(|s| s["id"] == "2").unwrap();
    // The same session: endpoints, times, the dialogue and the message; frames renumber from 1.
    for field in [
        "client",
        "server",
        "start",
        "end",
        "banner",
        "helo",
        "extensions",
        "anomalies",
    ] {
        assert_eq!(again[0][field], original[field], "{field}");
    }
    assert_eq!(
        again[0]["transactions"][0]["message"],
        original["transactions"][0]["message"]
    );
    let packets = original["tcp"]["c2s"]["segments"].as_u64().unwrap()
        + original["tcp"]["s2c"]["segments"].as_u64().unwrap();
    if let Some(tshark) = tool("tshark") {
        let listed = Command::new(tshark)
            .args(["-r", exported.to_str().unwrap(), "-d", "tcp.port==2525,smtp"])
            .args(["-T", "fields", "-e", "tcp.stream", "-e", "smtp.req.command"])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&listed.stdout);
        assert_eq!(text.lines().count() as u64, packets, "tshark reads every packet");
        assert!(text.lines().all(|l| l.starts_with('0')), "one TCP stream");
        // tshark lists the commands of a frame with commas (Postfix pipelines MAIL, RCPT, DATA).
        let commands: Vec<&str> = text
            .lines()
            .filter_map(|l| l.split('\t').nth(1))
            .flat_map(|c| c.split(','))
            .filter(|c| !c.is_empty())
            .collect();
        let ours: Vec<&str> = original["transcript"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["kind"] == "command")
            .map(|i| i["verb"].as_str().unwrap())
            .collect();
        // Postfix's client pipelines `QUIT` in the segment that ends the DATA body; tshark shows
        // that segment as the message only and does not list the QUIT (a tshark limitation).
        assert_eq!(ours.last(), Some(&"QUIT"));
        assert_eq!(commands, ours[..ours.len() - 1]);
    }
}

#[test]
fn selection_keeps_session_ids_and_frame_numbers() {
    let all = sessions(LAB);
    let third = all.iter().find(|s| s["id"] == "3").unwrap();
    let frame = third["first_frame"].as_u64().unwrap() + 1;
    for args in [
        vec!["analyze", "--session", "3", LAB],
        vec![
            "analyze",
            "--frame",
            &*Box::leak(frame.to_string().into_boxed_str()),
            LAB,
        ],
    ] {
        let picked: Vec<Value> = json(&args)
            .into_iter()
            .filter(|v| v["type"] == "session")
            .collect();
        assert_eq!(picked.len(), 1, "{args:?}");
        assert_eq!(picked[0]["id"], "3");
        assert_eq!(picked[0]["first_frame"], third["first_frame"]);
    }
    let servers = json(&["analyze", "--server", "127.0.0.1:2525", LAB]);
    assert_eq!(servers.iter().filter(|v| v["type"] == "session").count(), 4);
    let summary = servers.last().unwrap();
    assert_eq!(summary["sessions"], 4, "the summary counts what was selected");
    let from = json(&[
        "analyze",
        "--from",
        "@mailer.example.org",
        "captures/lab/postfix-from-mismatch.pcap",
    ]);
    assert_eq!(from.iter().filter(|v| v["type"] == "session").count(), 2);
    let refused = json(&[
        "analyze",
        "--reply",
        "5xx",
        "captures/lab/postfix-exchange-anonymous.pcap",
    ]);
    let ids: Vec<&str> = refused
        .iter()
        .filter(|v| v["type"] == "session")
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["1"], "only the session whose X-EXPS was refused with 500");
    let finding = json(&[
        "analyze",
        "--finding",
        "mail-loop-suspected",
        "captures/lab/postfix-mail-loop.pcap",
    ]);
    assert_eq!(finding.iter().filter(|v| v["type"] == "session").count(), 2);
    let none = smtpscope(&["analyze", "--reply", "6xx", LAB]);
    assert_eq!(
        none.code, 2,
        "a reply class outside 2xx–5xx is refused: {}",
        none.stderr
    );
}

fn tool(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|d| Path::new(d).join(name))
        .find(|p| p.is_file())
}

/// Wireshark's IMF objects of `capture`, by content: name → bytes.
fn wireshark_emls(tshark: &Path, capture: &Path) -> BTreeMap<String, Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let status = Command::new(tshark)
        .args(["-r", capture.to_str().unwrap(), "-q", "--export-objects"])
        .arg(format!("imf,{}", dir.path().display()))
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

/// What Wireshark's IMF export differs from the message the server received by, on purpose:
/// it keeps the transparency dots (RFC 5321 §4.5.2 says the receiver removes them), and when the
/// terminator arrives in a segment of its own starting with CRLF it drops that CRLF, the message's
/// last line break. Both are undone on our bytes for the comparison.
fn as_wireshark_keeps_it(ours: &[u8]) -> Vec<Vec<u8>> {
    let mut stuffed = Vec::with_capacity(ours.len());
    for line in ours.split_inclusive(|b| *b == b'\n') {
        if line.first() == Some(&b'.') {
            stuffed.push(b'.');
        }
        stuffed.extend_from_slice(line);
    }
    let mut forms = vec![stuffed.clone()];
    if let Some(cut) = stuffed.strip_suffix(b"\r\n") {
        forms.push(cut.to_vec());
    }
    forms
}

/// Wireshark exports that are not the message the server received, and why.
const WIRESHARK_WRONG: &[(&str, &str, &str)] = &[
    (
        "zeek/smtp.pcap",
        "SMTP.eml",
        "the capture holds retransmitted and out-of-order segments inside the DATA body; Wireshark's \
         IMF export strings them in as they come (611 extra bytes, a NEWS.txt part cut in two), \
         smtpscope reassembles the stream first",
    ),
    (
        "arkime/smtp-moloch-bof.pcap",
        "MIME test.eml",
        "the client sends HELO, MAIL, RCPT and DATA before the server's greeting, in the segment \
         that begins the message; Wireshark's export begins at HELO (the commands are in its \
         .eml), smtpscope's message begins after DATA",
    ),
];

/// Python's email package: `(file name, size, sha256)` of each named leaf part of an .eml.
const UNPACK: &str = r#"
import email, email.policy, hashlib, json, sys
m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.compat32)
out = []
for part in m.walk():
    if part.is_multipart() or part.get_content_maintype() == 'message':
        continue
    name = part.get_filename()
    if name is None:
        continue
    data = part.get_payload(decode=True) or b''
    out.append([str(email.header.make_header(email.header.decode_header(name))), len(data), hashlib.sha256(data).hexdigest()])
print(json.dumps(out))
"#;

/// `(name, size, sha256)` of a decoded message's named leaf parts, sorted.
fn attachments(message: &Value) -> Vec<(String, u64, String)> {
    let mut named: Vec<(String, u64, String)> = message["parts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "leaf" && !p["name"].is_null())
        .map(|p| {
            (
                p["name"].as_str().unwrap().to_string(),
                p["decoded_bytes"].as_u64().unwrap(),
                p["sha256"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    named.sort();
    named
}

/// The same, as Python's email package unpacks the message in `eml`.
fn python_attachments(python: &Path, eml: &Path) -> Vec<(String, u64, String)> {
    let unpacked = Command::new(python)
        .arg("-c")
        .arg(UNPACK)
        .arg(eml)
        .output()
        .unwrap();
    assert!(
        unpacked.status.success(),
        "{}",
        String::from_utf8_lossy(&unpacked.stderr)
    );
    let mut named: Vec<(String, u64, String)> = serde_json::from_slice(&unpacked.stdout).unwrap();
    named.sort();
    named
}

#[test]
fn messages_and_attachments_agree_with_wireshark_and_python() {
    let (Some(public), Some(tshark)) = (public_captures(), tool("tshark")) else {
        eprintln!("skipped: no public captures or no tshark");
        return;
    };
    let python = tool("python3");
    let mut compared = 0;
    for capture in common::capture_files(&public) {
        let rel = capture
            .strip_prefix(&public)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let theirs = wireshark_emls(&tshark, &capture);
        if theirs.is_empty() {
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let run = smtpscope(&[
            "export",
            "--eml",
            capture.to_str().unwrap(),
            "--out",
            dir.path().to_str().unwrap(),
        ]);
        assert!(run.code == 0 || run.code == 2, "{rel}: {}", run.stderr);
        // Our messages with the session and transaction they came from.
        let ours: Vec<(Vec<u8>, String, usize)> = manifest(dir.path())
            .iter()
            .map(|e| {
                (
                    std::fs::read(dir.path().join(e["path"].as_str().unwrap())).unwrap(),
                    e["session"].as_str().unwrap().to_string(),
                    e["transaction"].as_u64().unwrap() as usize,
                )
            })
            .collect();
        let analysed = sessions(capture.to_str().unwrap());
        for (name, bytes) in &theirs {
            if let Some((_, _, why)) = WIRESHARK_WRONG.iter().find(|(c, n, _)| *c == rel && n == name) {
                eprintln!("{rel} {name}: not compared: {why}");
                continue;
            }
            if bytes.len() < 100 {
                // Wireshark also lists an embedded message/rfc822 part as an object of its own
                // (`.eml`); it is inside the message compared here.
                continue;
            }
            let found = ours
                .iter()
                .find(|(o, ..)| as_wireshark_keeps_it(o).iter().any(|f| f == bytes));
            let Some((found, session, transaction)) = found else {
                panic!(
                    "{rel}: Wireshark's {name} ({} bytes) is none of smtpscope's messages",
                    bytes.len()
                );
            };
            compared += 1;
            let Some(python) = &python else { continue };
            // The attachments: Python's unpack of our message against smtpscope's parts.
            let path = dir.path().join("compare.eml");
            std::fs::write(&path, found).unwrap();
            let theirs = python_attachments(python, &path);
            let message = &analysed.iter().find(|s| s["id"] == session.as_str()).unwrap()["transactions"]
                [transaction - 1]["message"];
            assert_eq!(attachments(message), theirs, "{rel}: attachments");
        }
    }
    assert!(compared >= 4, "only {compared} messages compared");
}

#[test]
fn the_lab_messages_unpack_as_python_sees_them() {
    let Some(python) = tool("python3") else {
        eprintln!("skipped: no python3");
        return;
    };
    let dir = out_dir("export-lab");
    let run = smtpscope(&[
        "export",
        "--eml",
        LAB,
        "--session",
        "1",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let all = sessions(LAB);
    for entry in manifest(dir.path()) {
        let path = dir.path().join(entry["path"].as_str().unwrap());
        let t = entry["transaction"].as_u64().unwrap() as usize - 1;
        let message = &all[0]["transactions"][t]["message"];
        assert_eq!(
            attachments(message),
            python_attachments(&python, &path),
            "{path:?}"
        );
    }
}
