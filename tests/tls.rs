//! TLS end to end, on the lab's real recordings (`captures/lab/record-tls.sh`) and the public
//! captures with STARTTLS:
//! - the handshake facts smtpscope reports (SNI, version, suite, certificate fingerprints) equal
//!   tshark's on every session (skipped when tshark is absent);
//! - every application byte smtpscope decrypts equals tshark's `follow,tls,raw` of the same stream,
//!   with key logs and with the servers' RSA keys (skipped when tshark is absent);
//! - the Exchange-like dialogue inside TLS decodes as the same dialogue in clear: the transcript,
//!   the decoded X-EXPS tokens, the XEXCH50 BLOB's hash and the findings;
//! - the key options: `--tls-keylog`, SSLKEYLOGFILE, `--tls-key`, and files that cannot be used.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use common::{repo, smtpscope, tls_key_args};
use serde_json::Value;
use smtpscope::capture::{file::open, Input};
use smtpscope::net::{Decoder, Direction, PortSet};
use smtpscope::reasm::{ConnId, EventKind, ReasmLimits, Reassembler, StreamEvent, StreamSink};
use smtpscope::smtp::Position;
use smtpscope::tls::{looks_like_client_hello, rsa_kx, KeyLog, Plaintext, TlsKeys, TlsSession};

/// The lab's TLS captures (`captures/lab/record-tls.sh`).
const LAB: &[&str] = &[
    "tls-healthy",
    "tls-suites",
    "tls-legacy",
    "tls-certs",
    "tls-implicit",
    "tls-mutual",
    "tls-exchange",
    "tls-rsa",
    "tls-windows2003",
    "tls-failed",
    "tls-refused",
];

fn capture(name: &str) -> String {
    format!("captures/lab/{name}.pcap")
}

/// smtpscope's and tshark's arguments for the keys of a lab capture.
fn key_args(name: &str) -> (Vec<String>, Vec<String>) {
    let ours = tls_key_args(&capture(name));
    let theirs = match ours.as_slice() {
        [option, path] if option == "--tls-keylog" => vec!["-o".into(), format!("tls.keylog_file:{path}")],
        [option, path] if option == "--tls-key" => vec!["-o".into(), format!("uat:rsa_keys:\"{path}\",\"\"")],
        _ => Vec::new(),
    };
    (ours, theirs)
}

fn lines(stdout: &str) -> Vec<Value> {
    stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// The `session` objects of a JSON run.
fn sessions(capture: &str, extra: &[String]) -> Vec<Value> {
    let mut args: Vec<&str> = vec!["analyze", "--format", "json"];
    args.extend(extra.iter().map(String::as_str));
    args.push(capture);
    let run = smtpscope(&args);
    assert_eq!(run.code, 0, "{capture}: {}", run.stderr);
    lines(&run.stdout)
        .into_iter()
        .filter(|o| o["type"] == "session")
        .collect()
}

fn client_port(session: &Value) -> u16 {
    let client = session["client"].as_str().unwrap();
    client.rsplit(':').next().unwrap().parse().unwrap()
}

fn tshark_here() -> bool {
    Command::new("tshark")
        .arg("-v")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn tshark(capture: &Path, args: &[String]) -> String {
    let out = Command::new("tshark")
        .arg("-r")
        .arg(capture)
        .args(args)
        .current_dir(repo())
        .output()
        .expect("tshark runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// tshark's fields, one row per matching packet.
fn tshark_fields(capture: &Path, keys: &[String], filter: &str, fields: &[&str]) -> Vec<Vec<String>> {
    let mut args = keys.to_vec();
    args.extend(["-Y".into(), filter.into(), "-T".into(), "fields".into()]);
    for f in fields {
        args.extend(["-e".into(), (*f).to_string()]);
    }
    tshark(capture, &args)
        .lines()
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// tshark's stream index of each connection, by client port.
fn tshark_streams(capture: &Path) -> BTreeMap<u16, u64> {
    tshark_fields(
        capture,
        &[],
        "tcp.flags.syn==1 && tcp.flags.ack==0",
        &["tcp.stream", "tcp.srcport"],
    )
    .into_iter()
    .map(|row| (row[1].parse().unwrap(), row[0].parse().unwrap()))
    .collect()
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// tshark's decrypted application data of one stream: (client→server, server→client).
fn tshark_follow(capture: &Path, keys: &[String], stream: u64, server_ports: &[u16]) -> (Vec<u8>, Vec<u8>) {
    let mut args = keys.to_vec();
    args.extend(["-q".into(), "-z".into(), format!("follow,tls,raw,{stream}")]);
    let out = tshark(capture, &args);
    let node0_is_server = out
        .lines()
        .find_map(|l| l.strip_prefix("Node 0: "))
        .and_then(|n| n.rsplit(':').next())
        .and_then(|p| p.parse::<u16>().ok())
        .is_some_and(|p| server_ports.contains(&p));
    let (mut c2s, mut s2c) = (Vec::new(), Vec::new());
    for line in out.lines() {
        let (indented, hex) = match line.strip_prefix('\t') {
            Some(hex) => (true, hex),
            None => (false, line),
        };
        if hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            continue;
        }
        let node1 = indented;
        let from_server = node1 != node0_is_server;
        if from_server { &mut s2c } else { &mut c2s }.extend(unhex(hex));
    }
    (c2s, s2c)
}

/// Key material for the library, read as the command line would.
fn load_keys(name: &str) -> Option<Arc<TlsKeys>> {
    let (args, _) = key_args(name);
    match args.as_slice() {
        [option, path] if option == "--tls-keylog" => {
            let mut log = KeyLog::new();
            assert!(log.add(&std::fs::read(repo().join(path)).unwrap()).is_empty());
            Some(Arc::new(TlsKeys::new(log, Vec::new())))
        }
        [option, path] if option == "--tls-key" => {
            let text = std::fs::read_to_string(repo().join(path)).unwrap();
            Some(Arc::new(TlsKeys::new(
                KeyLog::new(),
                rsa_kx::parse_pem(&text, path).unwrap(),
            )))
        }
        _ => None,
    }
}

/// The library's decrypted application data per connection (by client port), found without the
/// SMTP decoder: TLS begins at the first client segment that starts with a ClientHello.
#[derive(Default)]
struct Decrypt {
    keys: Option<Arc<TlsKeys>>,
    open: BTreeMap<ConnId, (u16, Option<TlsSession>)>,
    out: BTreeMap<u16, (Vec<u8>, Vec<u8>)>,
}

impl StreamSink for Decrypt {
    fn on_event(&mut self, e: StreamEvent<'_>) {
        match e.kind {
            EventKind::Open(info) => {
                self.open.insert(e.conn, (info.client.port(), None));
            }
            EventKind::Data(bytes) => {
                let Some((port, session)) = self.open.get_mut(&e.conn) else {
                    return;
                };
                if session.is_none()
                    && e.dir == Direction::ClientToServer
                    && looks_like_client_hello(bytes) == Some(true)
                {
                    *session = Some(TlsSession::new("test", self.keys.clone()));
                }
                if let Some(s) = session.as_mut() {
                    let mut plain: Vec<Plaintext> = Vec::new();
                    let at = Position {
                        frame: e.frame,
                        ts: e.ts,
                    };
                    s.on_data(e.dir, bytes, at, &mut plain);
                    let entry = self.out.entry(*port).or_default();
                    for p in plain {
                        match p.dir {
                            Direction::ClientToServer => entry.0.extend(p.data),
                            Direction::ServerToClient => entry.1.extend(p.data),
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

fn decrypted(path: &Path, keys: Option<Arc<TlsKeys>>) -> BTreeMap<u16, (Vec<u8>, Vec<u8>)> {
    let mut source = open(&Input::Path(path.to_path_buf())).unwrap();
    let mut decoder = Decoder::new();
    let mut reasm = Reassembler::new(ReasmLimits::default(), PortSet::default());
    let mut sink = Decrypt {
        keys,
        ..Decrypt::default()
    };
    while let Some(p) = source.next_packet().unwrap() {
        if let Ok(seg) = decoder.decode(&p) {
            reasm.push(&seg, &mut sink);
        }
    }
    reasm.finish(&mut sink);
    sink.out
}

#[test]
fn decrypted_bytes_equal_tshark_follow_tls() {
    if !tshark_here() {
        eprintln!("skipped: tshark is absent");
        return;
    }
    let mut compared = 0;
    for name in LAB {
        let Some(lib_keys) = load_keys(name) else {
            continue;
        };
        let path = repo().join(capture(name));
        let (_, tshark_keys) = key_args(name);
        let ours = decrypted(&path, Some(lib_keys));
        let streams = tshark_streams(&path);
        for (port, (c2s, s2c)) in &ours {
            let stream = streams[port];
            let theirs = tshark_follow(&path, &tshark_keys, stream, &[25, 465, 2525]);
            assert!(
                !c2s.is_empty() && !s2c.is_empty(),
                "{name} port {port}: nothing decrypted"
            );
            assert_eq!(
                (c2s, s2c),
                (&theirs.0, &theirs.1),
                "{name} stream {stream} (client port {port}): decrypted bytes differ from tshark's"
            );
            compared += 1;
        }
    }
    assert!(compared >= 30, "{compared} sessions compared");
}

/// tshark's handshake facts by client port: SNI, version, suite, and the SHA-256 of each server
/// certificate (in clear, or decrypted with the keys).
fn tshark_handshakes(path: &Path, keys: &[String]) -> BTreeMap<u16, (String, String, String, Vec<String>)> {
    use sha2::{Digest, Sha256};
    let mut out: BTreeMap<u16, (String, String, String, Vec<String>)> = BTreeMap::new();
    for row in tshark_fields(
        path,
        keys,
        "tls.handshake.type==1",
        &["tcp.srcport", "tls.handshake.extensions_server_name"],
    ) {
        out.entry(row[0].parse().unwrap()).or_default().0 = row[1].clone();
    }
    let fields = [
        "tcp.dstport",
        "tls.handshake.type",
        "tls.handshake.version",
        "tls.handshake.extensions.supported_version",
        "tls.handshake.ciphersuite",
        "tls.handshake.certificate",
    ];
    for row in tshark_fields(
        path,
        keys,
        "tls.handshake.type==2 || tls.handshake.type==11",
        &fields,
    ) {
        let port: u16 = row[0].parse().unwrap();
        let entry = out.entry(port).or_default();
        let types: Vec<&str> = row[1].split(',').collect();
        if types.contains(&"2") && entry.1.is_empty() {
            let version = if row[3].is_empty() { &row[2] } else { &row[3] };
            entry.1 = version.split(',').next().unwrap().to_string();
            entry.2 = row[4].split(',').next().unwrap().to_string();
        }
        if types.contains(&"11") && entry.3.is_empty() && !row[5].is_empty() {
            entry.3 = row[5]
                .split(',')
                .map(|der| {
                    Sha256::digest(unhex(&der.replace(':', "")))
                        .iter()
                        .map(|b| format!("{b:02x}"))
                        .collect()
                })
                .collect();
        }
    }
    out
}

fn version_code(name: &str) -> &'static str {
    match name {
        "TLS 1.0" => "0x0301",
        "TLS 1.1" => "0x0302",
        "TLS 1.2" => "0x0303",
        "TLS 1.3" => "0x0304",
        "SSL 3.0" => "0x0300",
        _ => "?",
    }
}

fn suite_code(name: &str) -> String {
    let id = smtpscope::tls::names::suite_id(name).unwrap_or_else(|| panic!("suite {name}"));
    format!("0x{id:04x}")
}

/// Compares smtpscope's handshake facts of every TLS session of `path` with tshark's; returns how
/// many sessions were compared.
fn handshakes_agree(path: &Path, ours_args: &[String], tshark_keys: &[String]) -> usize {
    let ours = sessions(&path.to_string_lossy(), ours_args);
    let theirs = tshark_handshakes(path, tshark_keys);
    let mut compared = 0;
    for s in ours.iter().filter(|s| s["tls"]["started"] == true) {
        let port = client_port(s);
        let tls = &s["tls"];
        let Some((sni, version, suite, certs)) = theirs.get(&port) else {
            assert!(
                tls["client_hello"].is_null(),
                "{path:?} port {port}: tshark saw no handshake"
            );
            continue;
        };
        let what = format!("{} port {port}", path.display());
        assert_eq!(tls["sni"].as_str().unwrap_or(""), sni, "{what}: SNI");
        if let Some(v) = tls["version"].as_str() {
            assert_eq!(version_code(v), version, "{what}: version");
            assert_eq!(
                suite_code(tls["suite"].as_str().unwrap()),
                *suite,
                "{what}: suite"
            );
        } else {
            assert!(version.is_empty(), "{what}: tshark saw a ServerHello");
        }
        let fingerprints: Vec<String> = tls["certificates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["sha256"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(&fingerprints, certs, "{what}: certificates");
        compared += 1;
    }
    compared
}

#[test]
fn handshake_facts_equal_tsharks_on_the_lab_captures() {
    if !tshark_here() {
        eprintln!("skipped: tshark is absent");
        return;
    }
    let mut compared = 0;
    for name in LAB {
        let path = repo().join(capture(name));
        let (ours, theirs) = key_args(name);
        compared += handshakes_agree(&path, &ours, &theirs);
        // Without keys: the same, TLS 1.3 certificates hidden on both sides.
        compared += handshakes_agree(&path, &[], &[]);
    }
    assert_eq!(
        compared, 68,
        "every TLS session of the lab captures, with and without keys"
    );
}

#[test]
fn handshake_facts_equal_tsharks_on_the_public_captures() {
    let Some(dir) = common::public_captures() else {
        eprintln!("skipped: ../shared/captures/public is absent");
        return;
    };
    if !tshark_here() {
        eprintln!("skipped: tshark is absent");
        return;
    }
    let mut compared = 0;
    for file in [
        "zeek/smtp-starttls.pcap",
        "ndpi/smtp-starttls.pcap",
        "ndpi/smtps.pcapng",
    ] {
        compared += handshakes_agree(&dir.join(file), &[], &[]);
    }
    assert_eq!(compared, 4, "the TLS sessions of the public captures");
}

/// The transcript of a session as comparable entries: (direction, what), from the first item of
/// `from` on (`decrypted`: only items decrypted from TLS).
fn transcript(session: &Value, decrypted: bool) -> Vec<String> {
    let items = session["transcript"].as_array().unwrap();
    let start = if decrypted {
        0
    } else {
        items.iter().position(|i| i["verb"] == "EHLO").unwrap()
    };
    items[start..]
        .iter()
        .filter(|i| !decrypted || i["tls"] == "decrypted")
        .map(|i| {
            let what = match i["kind"].as_str().unwrap() {
                "command" => format!("{} {}", i["verb"], i["arg"]),
                "reply" => format!("{} {}", i["code"], i["lines"]),
                "auth-data" => format!("token {}", i["token"]["decoded"]),
                "blob" => format!("blob {}", i["bytes"]),
                "data" => format!("data {}", i["bytes"]),
                other => other.to_string(),
            };
            format!("{} {what}", i["dir"])
        })
        .collect()
}

fn finding_ids(capture: &str, args: &[String]) -> BTreeSet<String> {
    let mut all: Vec<&str> = vec!["analyze", "--format", "json"];
    all.extend(args.iter().map(String::as_str));
    all.push(capture);
    lines(&smtpscope(&all).stdout)
        .into_iter()
        .filter(|o| o["type"] == "finding")
        .map(|o| o["id"].as_str().unwrap().to_string())
        // What TLS itself shows, and transport details of one recording, differ by design.
        .filter(|id| !id.starts_with("tls-") && !id.starts_with("tcp-"))
        .collect()
}

/// A JSON value with every `frame` field removed (frames differ between two recordings).
fn without_frames(v: &Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| *k != "frame")
                .map(|(k, v)| (k.clone(), without_frames(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_frames).collect()),
        other => other.clone(),
    }
}

#[test]
fn the_exchange_dialogue_inside_tls_decodes_as_in_clear() {
    let clear = &sessions(&capture("tls-exchange-clear"), &[])[0];
    let expected = transcript(clear, false);
    assert!(expected.len() > 20, "{expected:?}");
    let auth = &clear["auth"];
    let blob = &clear["transactions"][0]["xexch50"][0];
    assert_eq!(auth[0]["outcome"], "success");
    assert!(blob["sha256"].is_string());
    let clear_findings = finding_ids(&capture("tls-exchange-clear"), &[]);
    for name in ["tls-exchange", "tls-windows2003"] {
        let (args, _) = key_args(name);
        let inside = sessions(&capture(name), &args);
        assert!(!inside.is_empty());
        for s in &inside {
            let what = format!("{name} session {}", s["id"]);
            assert_eq!(transcript(s, true), expected, "{what}: transcript");
            // Tokens (decoded summaries), outcome, BLOB size and hash, the message.
            assert_eq!(
                without_frames(&s["auth"][0]["tokens"]),
                without_frames(&auth[0]["tokens"]),
                "{what}: tokens"
            );
            assert_eq!(s["auth"][0]["outcome"], "success", "{what}");
            let inner_blob = &s["transactions"][0]["xexch50"][0];
            assert_eq!(inner_blob["sha256"], blob["sha256"], "{what}: BLOB hash");
            assert_eq!(inner_blob["blob_bytes"], blob["blob_bytes"], "{what}: BLOB size");
            assert_eq!(
                s["transactions"][0]["data"]["message_id"], clear["transactions"][0]["data"]["message_id"],
                "{what}: message"
            );
            assert_eq!(s["tls"]["decryption"]["status"], "decrypted", "{what}");
        }
        assert_eq!(
            finding_ids(&capture(name), &args),
            clear_findings,
            "{name}: findings"
        );
        // Without keys, the inside stays opaque.
        let opaque = sessions(&capture(name), &[]);
        assert!(transcript(&opaque[0], true).is_empty());
    }
}

/// `export` with a key log writes what TLS carried: the same BLOB and message as the clear dialogue.
#[test]
fn export_writes_what_the_decrypted_session_carried() {
    let manifest = |capture: &str, keys: &[String]| -> BTreeMap<String, Value> {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().to_str().unwrap().to_string();
        let mut args: Vec<&str> = vec!["export", "--eml", "--blobs", "--out", &out];
        args.extend(keys.iter().map(String::as_str));
        args.push(capture);
        let run = smtpscope(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let text = std::fs::read_to_string(dir.path().join("manifest.jsonl")).unwrap_or_default();
        lines(&text)
            .into_iter()
            .map(|f| (f["kind"].as_str().unwrap_or("").to_string(), f["sha256"].clone()))
            .collect()
    };
    let clear = manifest(&capture("tls-exchange-clear"), &[]);
    assert_eq!(clear.keys().collect::<Vec<_>>(), ["blob", "eml"]);
    let (args, _) = key_args("tls-exchange");
    assert_eq!(manifest(&capture("tls-exchange"), &args), clear);
    // Without keys there is nothing to write.
    assert!(manifest(&capture("tls-exchange"), &[]).is_empty());
}

#[test]
fn the_key_log_comes_from_sslkeylogfile_when_no_option_names_one() {
    let keylog = repo().join("captures/lab/tls-healthy.keylog");
    let output = Command::new(env!("CARGO_BIN_EXE_smtpscope"))
        .args(["analyze", "--format", "json", "captures/lab/tls-healthy.pcap"])
        .current_dir(repo())
        .env("SSLKEYLOGFILE", &keylog)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    let decrypted: Vec<Value> = lines(&out)
        .into_iter()
        .filter(|o| o["type"] == "session")
        .map(|s| s["tls"]["decryption"]["status"].clone())
        .collect();
    assert_eq!(decrypted, ["decrypted", "decrypted"]);
    // An SSLKEYLOGFILE that does not exist is said and ignored: exit 0.
    let output = Command::new(env!("CARGO_BIN_EXE_smtpscope"))
        .args(["analyze", "captures/lab/tls-healthy.pcap"])
        .current_dir(repo())
        .env("SSLKEYLOGFILE", "/nonexistent/keys.log")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stderr).contains("SSLKEYLOGFILE"));
}

#[test]
fn key_files_that_cannot_be_used_are_reported_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let bad_log = dir.path().join("bad.keylog");
    let good = std::fs::read_to_string(repo().join("captures/lab/tls-healthy.keylog")).unwrap();
    std::fs::write(&bad_log, format!("CLIENT_RANDOM zz\nnot a key log line\n{good}")).unwrap();
    let run = smtpscope(&[
        "analyze",
        "--format",
        "json",
        "--tls-keylog",
        bad_log.to_str().unwrap(),
        "captures/lab/tls-healthy.pcap",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("line 1") && run.stderr.contains("line 2"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains(r#""status":"decrypted""#));
    // A missing key log or key file is an input error (exit 2), the captures still analysed.
    let run = smtpscope(&[
        "analyze",
        "--tls-key",
        "/nonexistent.key",
        "captures/lab/tls-healthy.pcap",
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("/nonexistent.key"), "{}", run.stderr);
    assert!(run.stdout.contains("Session 2"));
    let not_a_key = dir.path().join("cert.pem");
    std::fs::copy(repo().join("captures/lab/tls/mail.pem"), &not_a_key).unwrap();
    let run = smtpscope(&[
        "analyze",
        "--tls-key",
        not_a_key.to_str().unwrap(),
        "captures/lab/tls-rsa.pcap",
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no RSA PRIVATE KEY"), "{}", run.stderr);
    // The wrong RSA key: said per session, with what was looked for.
    let run = smtpscope(&[
        "analyze",
        "--format",
        "json",
        "--tls-key",
        "captures/lab/tls/exchange.key",
        "captures/lab/tls-rsa.pcap",
    ]);
    assert_eq!(run.code, 0);
    let first = &lines(&run.stdout)[0]["tls"]["decryption"];
    assert_eq!(first["status"], "no_key", "{first}");
    assert!(
        first["looked_for"]
            .as_str()
            .unwrap()
            .contains("CN=mail.example.net"),
        "{first}"
    );
}
