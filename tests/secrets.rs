//! No secret in any output. Every capture that carries SASL data (the synthetic and lab captures,
//! and the public ones when present) is analysed in every output mode and format — `analyze` text
//! and JSON, plain and `-v`, and `diff` of the capture with itself — and each output is searched
//! for the secrets: every client token and every server challenge that is not a printable prompt
//! (its base64 and its hex, upper and lower case, in windows so a clipped line is caught too), and
//! the password of PLAIN and LOGIN. Then the same AUTH dialogues again with every single-byte
//! corruption of the AUTH command line: a damaged verb, a damaged mechanism, a damaged separator
//! or line end must not turn the secret into something shown. Redaction is by shape (a line after
//! a `334` is SASL data, a token-shaped word after an unknown verb is redacted, a `334` payload is
//! summarised), not by recognising AUTH.
//!
//! `SECRETS_ALL_BYTES=1` corrupts each byte to all 255 other values (the default tries 25 for each
//! position: every bit flip and the bytes that change framing or the shape of a word).

mod common;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use smtpscope::app;
use smtpscope::capture::Input;
use smtpscope::cli::config::{AnalyzeConfig, DiffConfig, ReportConfig};
use smtpscope::net::PortSet;
use smtpscope::output::OutputFormat;
use smtpscope_synth::{Capture, Script, SynthOptions};

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// A report configuration: `format`, `-v` when `verbose`, `--show-secrets` when `secrets`.
fn report(format: OutputFormat, verbose: bool, secrets: bool, ports: &[u16]) -> ReportConfig {
    let mut r = ReportConfig {
        format,
        ..ReportConfig::default()
    };
    r.render.verbose = verbose;
    r.render.show_secrets = secrets;
    if !ports.is_empty() {
        let mut all = PortSet::DEFAULT_SMTP.to_vec();
        all.extend_from_slice(ports);
        r.ports = PortSet::new(&all);
    }
    r
}

/// What `analyze` writes (standard output and standard error together).
fn analyze(path: &Path, report: ReportConfig) -> String {
    let config = AnalyzeConfig {
        inputs: vec![Input::Path(path.to_path_buf())],
        separately: false,
        report,
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    app::analyze(&config, &mut out, &mut err).unwrap();
    out.extend_from_slice(&err);
    String::from_utf8_lossy(&out).into_owned()
}

/// What `diff` writes.
fn diff(sender: &Path, receiver: &Path, report: ReportConfig) -> String {
    let config = DiffConfig {
        sender: Input::Path(sender.to_path_buf()),
        receiver: Input::Path(receiver.to_path_buf()),
        report,
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    app::diff(&config, &mut out, &mut err).unwrap();
    out.extend_from_slice(&err);
    String::from_utf8_lossy(&out).into_owned()
}

/// Every mode and format without `--show-secrets`, as `(name, output)`.
fn every_output(path: &Path, other: &Path, ports: &[u16]) -> Vec<(String, String)> {
    let mut outputs = Vec::new();
    for format in [OutputFormat::Text, OutputFormat::Json] {
        for verbose in [false, true] {
            let name = format!("{format:?}{}", if verbose { " -v" } else { "" });
            outputs.push((
                format!("analyze {name}"),
                analyze(path, report(format, verbose, false, ports)),
            ));
            outputs.push((
                format!("diff {name}"),
                diff(path, other, report(format, verbose, false, ports)),
            ));
        }
    }
    outputs
}

/// The strings whose presence in an output would show `bytes`: their base64 (without padding) and
/// their hex in both cases, whole when short, else as overlapping windows (so that a line clipped
/// at any point is still caught).
fn needles_of_bytes(bytes: &[u8]) -> Vec<String> {
    fn windows(s: &str, width: usize) -> Vec<String> {
        if s.len() <= width {
            return vec![s.to_string()];
        }
        let mut w: Vec<String> = (0..=s.len() - width)
            .step_by(width / 2)
            .map(|i| s[i..i + width].to_string())
            .collect();
        w.push(s[s.len() - width..].to_string());
        w
    }
    let b64 = B64.encode(bytes);
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let mut needles = windows(b64.trim_end_matches('='), 20);
    needles.extend(windows(&hex, 24));
    needles.extend(windows(&hex.to_ascii_uppercase(), 24));
    needles
}

/// A plain-text secret: itself, its base64 and its hex.
fn needles_of_text(secret: &str) -> Vec<String> {
    let mut needles = vec![secret.to_string()];
    needles.extend(needles_of_bytes(secret.as_bytes()));
    needles
}

/// Whether a server token is a prompt shown as it is (`Username:`, a CRAM-MD5 nonce).
fn is_prompt(bytes: &[u8]) -> bool {
    bytes.len() <= 64 && bytes.iter().all(|b| b.is_ascii_graphic() || *b == b' ')
}

/// The secrets of a capture, read from its `--show-secrets` JSON: every client token of at least 4
/// bytes and every server token that is not a prompt, and the password of PLAIN and LOGIN.
fn secrets_of(path: &Path, ports: &[u16]) -> Vec<String> {
    let json = analyze(path, report(OutputFormat::Json, false, true, ports));
    let mut needles = Vec::new();
    for line in json.lines().filter(|l| l.starts_with('{')) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let Some(exchanges) = v["auth"].as_array() else {
            continue;
        };
        for exchange in exchanges {
            let mechanism = exchange["mechanism"].as_str().unwrap_or_default();
            let mut client_tokens = 0;
            let mut users: Vec<String> = Vec::new();
            for token in exchange["tokens"].as_array().into_iter().flatten() {
                let Some(data) = token["data"].as_str() else {
                    continue;
                };
                let bytes = B64.decode(data).unwrap();
                let client = token["dir"] == "c2s";
                if client && bytes.len() >= 4 || !client && !is_prompt(&bytes) {
                    needles.extend(needles_of_bytes(&bytes));
                }
                if !client {
                    continue;
                }
                client_tokens += 1;
                let text = String::from_utf8_lossy(&bytes);
                // The password in plain text, unless it is part of the user name (which is shown).
                let (password, user) = match mechanism {
                    "PLAIN" if text.contains('\0') => (text.rsplit('\0').next(), text.rsplit('\0').nth(1)),
                    "LOGIN" if client_tokens > 1 => (Some(&*text), users.last().map(String::as_str)),
                    _ => (None, None),
                };
                let password = password.filter(|p| p.len() >= 4 && !user.is_some_and(|u| u.contains(*p)));
                if mechanism == "LOGIN" && client_tokens == 1 {
                    users.push(text.to_string());
                }
                if let Some(p) = password {
                    needles.extend(needles_of_text(p));
                }
            }
        }
    }
    needles.sort();
    needles.dedup();
    needles
}

/// Asserts that no output holds any needle.
fn assert_clean(what: &str, outputs: &[(String, String)], needles: &[String]) {
    for (mode, output) in outputs {
        for needle in needles {
            if let Some(at) = output.find(needle.as_str()) {
                let line = output[..at].rsplit('\n').next().unwrap_or_default();
                let rest = output[at..].split('\n').next().unwrap_or_default();
                panic!("{what}, {mode}: `{needle}` shown in\n{line}{rest}");
            }
        }
    }
}

/// Every capture of the repository, and the public ones when present, with the extra SMTP ports
/// each needs.
fn all_captures() -> Vec<(PathBuf, Vec<u16>)> {
    let mut captures: Vec<(PathBuf, Vec<u16>)> = common::capture_files(&common::repo().join("captures"))
        .into_iter()
        .map(|p| (p, vec![]))
        .collect();
    if let Some(public) = common::public_captures() {
        for capture in common::capture_files(&public) {
            let baseline =
                std::fs::read_to_string(format!("{}.tshark.txt", capture.display())).unwrap_or_default();
            let ports = baseline
                .lines()
                .filter_map(|l| l.strip_prefix("# decode-as used: "))
                .flat_map(|l| l.split_whitespace())
                .filter_map(|w| w.strip_prefix("tcp.port==")?.strip_suffix(",smtp")?.parse().ok())
                .collect();
            captures.push((capture, ports));
        }
    }
    captures
}

#[test]
fn no_capture_shows_a_secret_in_any_mode_or_format() {
    let mut bearing = Vec::new();
    for (capture, ports) in all_captures() {
        let needles = secrets_of(&capture, &ports);
        if needles.is_empty() {
            continue;
        }
        // The needles are right: `--show-secrets` shows some of them.
        let shown = analyze(&capture, report(OutputFormat::Json, false, true, &ports));
        assert!(
            needles.iter().any(|n| shown.contains(n.as_str())),
            "{}: --show-secrets shows none of {needles:?}",
            capture.display()
        );
        let outputs = every_output(&capture, &capture, &ports);
        assert_clean(&capture.display().to_string(), &outputs, &needles);
        bearing.push(capture.file_name().unwrap().to_string_lossy().into_owned());
    }
    for expected in [
        "auth-plain.pcap",
        "auth-login.pcap",
        "netbios-clear-login.pcap",
        "exps-ntlm-failed.pcap",
    ] {
        assert!(
            bearing.iter().any(|b| b == expected),
            "{expected} carries secrets: {bearing:?}"
        );
    }
    assert!(bearing.len() >= 12, "secret-bearing captures: {bearing:?}");
}

/// The password of the corruption dialogues.
const PASSWORD: &str = "Tr0ub4dor&3x";

/// One AUTH dialogue: the AUTH command line, then the rest, each client line answered by the
/// server's scripted reply.
struct Dialogue {
    name: &'static str,
    auth: Vec<u8>,
    /// `(client line, server reply)` after the AUTH line's reply.
    after: Vec<(Vec<u8>, &'static [u8])>,
    /// The reply to the AUTH line.
    auth_reply: &'static [u8],
}

fn dialogues() -> Vec<Dialogue> {
    let plain = B64.encode(format!("\0alice\0{PASSWORD}"));
    let user = B64.encode("alice");
    let pass = B64.encode(PASSWORD);
    let line = |s: &str| format!("{s}\r\n").into_bytes();
    let ok: &[u8] = b"235 2.7.0 Authentication successful\r\n";
    let refused: &[u8] = b"500 5.5.2 Command unrecognized\r\n";
    vec![
        Dialogue {
            name: "PLAIN with an initial response",
            auth: line(&format!("AUTH PLAIN {plain}")),
            auth_reply: ok,
            after: vec![],
        },
        Dialogue {
            name: "PLAIN after a 334",
            auth: line("AUTH PLAIN"),
            auth_reply: b"334 \r\n",
            after: vec![(line(&plain), ok)],
        },
        Dialogue {
            name: "LOGIN",
            auth: line("AUTH LOGIN"),
            auth_reply: b"334 VXNlcm5hbWU6\r\n",
            after: vec![(line(&user), b"334 UGFzc3dvcmQ6\r\n"), (line(&pass), ok)],
        },
        Dialogue {
            name: "LOGIN with the user in the command",
            auth: line(&format!("AUTH LOGIN {user}")),
            auth_reply: b"334 UGFzc3dvcmQ6\r\n",
            after: vec![(line(&pass), ok)],
        },
        Dialogue {
            name: "LOGIN refused, the client sending its lines anyway",
            auth: line("AUTH LOGIN"),
            auth_reply: refused,
            after: vec![(line(&user), refused), (line(&pass), refused)],
        },
        Dialogue {
            name: "PLAIN refused with an initial response",
            auth: line(&format!("AUTH PLAIN {plain}")),
            auth_reply: refused,
            after: vec![],
        },
    ]
}

/// The capture of `d` with its AUTH line replaced by `auth`.
fn capture_of(d: &Dialogue, auth: &[u8]) -> Vec<u8> {
    let mut script = Script::new()
        .server("220 mx.example.net ESMTP\r\n")
        .client("EHLO client.example.org\r\n")
        .server("250-mx.example.net\r\n250-AUTH PLAIN LOGIN\r\n250 PIPELINING\r\n")
        .client(auth)
        .server(d.auth_reply);
    for (line, reply) in &d.after {
        script = script.client(line).server(reply);
    }
    let script = script
        .client("MAIL FROM:<alice@example.org>\r\n")
        .server("250 2.1.0 Ok\r\n")
        .client("QUIT\r\n")
        .server("221 2.0.0 Bye\r\n");
    let client: SocketAddr = "192.0.2.10:49152".parse().unwrap();
    let server: SocketAddr = "198.51.100.25:25".parse().unwrap();
    let opts = SynthOptions::new(client, server);
    Capture::new(opts.link.link_type())
        .add(&script, &opts)
        .unwrap()
        .write_pcap(Vec::new())
        .unwrap()
}

/// The replacement bytes tried at each position: every bit flip of the original, and the bytes
/// that end a line or a word, or change a word's shape or case.
fn corruptions(original: u8) -> Vec<u8> {
    if std::env::var_os("SECRETS_ALL_BYTES").is_some() {
        return (0..=255).filter(|&b| b != original).collect();
    }
    let mut values: Vec<u8> = (0..8).map(|k| original ^ (1 << k)).collect();
    values.extend_from_slice(b"\0\t\n\r *=+/:<A0a");
    values.extend_from_slice(&[0x7f, 0x80, 0xff]);
    values.retain(|&b| b != original);
    values.sort_unstable();
    values.dedup();
    values
}

/// Runs every corruption of `d`'s AUTH line whose index is `start` modulo `step`, in `dir`; the
/// number run.
fn corrupt(
    d: &Dialogue,
    original: &Path,
    dir: &Path,
    needles: &[String],
    start: usize,
    step: usize,
) -> usize {
    let corrupted = dir.join(format!("corrupted-{start}.pcap"));
    let jobs = (0..d.auth.len()).flat_map(|at| corruptions(d.auth[at]).into_iter().map(move |v| (at, v)));
    let mut runs = 0;
    for (at, value) in jobs.skip(start).step_by(step) {
        let mut auth = d.auth.clone();
        auth[at] = value;
        std::fs::write(&corrupted, capture_of(d, &auth)).unwrap();
        let outputs = [
            (
                "analyze JSON",
                analyze(&corrupted, report(OutputFormat::Json, true, false, &[])),
            ),
            (
                "analyze text -v",
                analyze(&corrupted, report(OutputFormat::Text, true, false, &[])),
            ),
            (
                "diff text -v",
                diff(original, &corrupted, report(OutputFormat::Text, true, false, &[])),
            ),
        ]
        .map(|(m, o)| (m.to_string(), o));
        let what = format!(
            "{}, byte {at} of {:?} made {value:#04x}",
            d.name,
            String::from_utf8_lossy(&d.auth)
        );
        assert_clean(&what, &outputs, needles);
        runs += 1;
    }
    runs
}

#[test]
fn every_single_byte_corruption_of_the_auth_command_keeps_the_secret() {
    let needles = {
        let mut n = needles_of_text(PASSWORD);
        n.extend(needles_of_bytes(format!("\0alice\0{PASSWORD}").as_bytes()));
        n
    };
    let dir = tempfile::tempdir().unwrap();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut runs = 0;
    for d in dialogues() {
        let original = dir.path().join("original.pcap");
        std::fs::write(&original, capture_of(&d, &d.auth)).unwrap();
        if !d.name.contains("refused") {
            let shown = analyze(&original, report(OutputFormat::Json, true, true, &[]));
            assert!(
                needles.iter().any(|n| shown.contains(n.as_str())),
                "{}: --show-secrets shows the secret",
                d.name
            );
        }
        assert_clean(d.name, &every_output(&original, &original, &[]), &needles);
        runs += std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|t| {
                    let (d, original, dir, needles) = (&d, &original, dir.path(), &needles);
                    scope.spawn(move || corrupt(d, original, dir, needles, t, threads))
                })
                .collect();
            workers.into_iter().map(|w| w.join().unwrap()).sum::<usize>()
        });
    }
    assert!(runs > 1000, "{runs} corruptions tried");
}
