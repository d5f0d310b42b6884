//! `smtpscope live`, for real: captures on the loopback interface while an Exchange-like SMTP peer
//! pair of our own talks on a free port. Needs the `live` feature and root (CI runs as root); skipped
//! with a message otherwise. Every child is killed when its guard drops; every loop is bounded.
#![cfg(feature = "live")]

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .map(|l| l.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false)
}

/// Live tests run one at a time: on a small machine, a thousand connections in one test would
/// starve the capture of another and make its result depend on the scheduler.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Skips the test unless root, and holds [`ONE_AT_A_TIME`] for the rest of it.
macro_rules! require_root {
    () => {
        if !is_root() {
            eprintln!("skipped: live capture tests need root");
            return;
        }
        let _one_at_a_time = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
    };
}

/// A running `smtpscope live`, killed on drop; stdout collected by a thread.
struct Live {
    child: Child,
    stdout: Option<thread::JoinHandle<String>>,
    stderr: mpsc::Receiver<String>,
}

impl Live {
    /// Starts `smtpscope live ARGS` and waits until it says it is capturing.
    fn start(args: &[&str]) -> Live {
        let mut child = Command::new(env!("CARGO_BIN_EXE_smtpscope"))
            .arg("live")
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("smtpscope starts");
        let mut out = child.stdout.take().unwrap();
        let stdout = thread::spawn(move || {
            let mut text = String::new();
            let _ = out.read_to_string(&mut text);
            text
        });
        let (tx, rx) = mpsc::channel();
        let err = child.stderr.take().unwrap();
        thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let live = Live {
            child,
            stdout: Some(stdout),
            stderr: rx,
        };
        let line = live
            .stderr
            .recv_timeout(Duration::from_secs(10))
            .expect("a first line on stderr");
        assert!(line.contains("capturing on"), "{line}");
        live
    }

    /// Starts a JSON capture on `interface` of the port `listener` is bound to, with `extra`
    /// options.
    fn json(interface: &str, listener: &TcpListener, extra: &[&str]) -> Live {
        let port = listener.local_addr().unwrap().port().to_string();
        let mut args = vec!["-i", interface, "--port", &port, "--format", "json"];
        args.extend_from_slice(extra);
        Live::start(&args)
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits for the child to exit on its own (bounded), returning (exit code, stdout).
    fn wait(mut self) -> (i32, String) {
        let deadline = Instant::now() + Duration::from_secs(30);
        let code = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status.code().unwrap_or(-1);
            }
            assert!(Instant::now() < deadline, "smtpscope live did not stop");
            thread::sleep(Duration::from_millis(50));
        };
        let out = self.stdout.take().unwrap().join().unwrap();
        (code, out)
    }

    /// Sends `signal` (a `kill` option such as `-INT`).
    fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .args([signal, &self.pid().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The Exchange 2003 receiver side: answers one connection, refusing XEXCH50 with 504.
fn serve_one(listener: &TcpListener) {
    let (stream, _) = listener.accept().unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut out = stream.try_clone().unwrap();
    let mut lines = BufReader::new(stream);
    out.write_all(b"220 ex2.contoso.com Microsoft ESMTP MAIL Service, Version: 6.0.3790.3959 ready\r\n")
        .unwrap();
    let mut line = String::new();
    while lines.read_line(&mut line).unwrap_or(0) > 0 {
        let verb = line.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" => b"250-ex2.contoso.com Hello\r\n250-X-EXPS GSSAPI NTLM\r\n250-XEXCH50\r\n250 OK\r\n",
            "XEXCH50" => b"504 Need to authenticate first\r\n",
            "DATA" => {
                out.write_all(b"354 Start mail input; end with <CRLF>.<CRLF>\r\n")
                    .unwrap();
                let mut body = String::new();
                while lines.read_line(&mut body).unwrap_or(0) > 0 && !body.ends_with("\r\n.\r\n") {}
                b"250 2.6.0 Queued mail for delivery\r\n"
            }
            "QUIT" => {
                out.write_all(b"221 2.0.0 Bye\r\n").unwrap();
                return;
            }
            _ => b"250 2.0.0 OK\r\n",
        };
        out.write_all(reply).unwrap();
        line.clear();
    }
}

/// Reads one (possibly multi-line) reply.
fn read_reply(lines: &mut BufReader<TcpStream>) -> String {
    let mut all = String::new();
    loop {
        let mut line = String::new();
        assert!(lines.read_line(&mut line).unwrap() > 0, "the server closed early");
        all.push_str(&line);
        if line.as_bytes().get(3) != Some(&b'-') {
            return all;
        }
    }
}

/// The Exchange 2003 sender side that never authenticates: EHLO, MAIL, RCPT, XEXCH50 (refused),
/// DATA, QUIT — against `serve_one` on `listener`.
fn exchange_without_auth(listener: &TcpListener) {
    let port = listener.local_addr().unwrap().port();
    thread::scope(|scope| {
        scope.spawn(|| serve_one(listener));
        let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut out = stream.try_clone().unwrap();
        let mut lines = BufReader::new(stream);
        read_reply(&mut lines);
        for command in [
            "EHLO ex1.contoso.com",
            "MAIL FROM:<alice@contoso.com>",
            "RCPT TO:<bob@contoso.com>",
            "XEXCH50 1024 2",
            "DATA",
        ] {
            out.write_all(format!("{command}\r\n").as_bytes()).unwrap();
            read_reply(&mut lines);
        }
        out.write_all(b"Subject: live\r\n\r\nhello\r\n.\r\n").unwrap();
        read_reply(&mut lines);
        out.write_all(b"QUIT\r\n").unwrap();
        read_reply(&mut lines);
    });
}

fn listener() -> TcpListener {
    TcpListener::bind("127.0.0.1:0").unwrap()
}

fn json_lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

#[test]
fn a_live_session_on_loopback_is_reported_with_its_transcript_and_findings() {
    require_root!();
    for threads in ["1", "4"] {
        assert_exchange_without_auth_reported_on("lo", threads);
    }
}

#[test]
fn the_any_pseudo_interface_is_read_through_its_cooked_headers() {
    require_root!();
    assert_exchange_without_auth_reported_on("any", "2");
}

/// Captures on `interface` with `threads` decoding threads while [`exchange_without_auth`] runs,
/// and checks the whole report.
fn assert_exchange_without_auth_reported_on(interface: &str, threads: &str) {
    let listener = listener();
    let live = Live::json(interface, &listener, &["--duration", "3", "--threads", threads]);
    exchange_without_auth(&listener);
    let (code, stdout) = live.wait();
    assert_eq!(code, 0, "{stdout}");
    let lines = json_lines(&stdout);
    let session = lines.iter().find(|l| l["type"] == "session").expect("a session");
    assert_eq!(session["helo"]["name"], "ex1.contoso.com");
    assert_eq!(session["interface"], interface, "named as the summary names it");
    assert!(session.get("file").is_none(), "a live session has no file");
    assert_eq!(session["tcp"]["closed"], "fin", "{stdout}");
    let transcript: Vec<String> = session["transcript"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| match i["kind"].as_str().unwrap() {
            "command" => format!("C {} {}", i["verb"].as_str().unwrap(), i["arg"].as_str().unwrap()),
            "reply" => format!("S {}", i["code"]),
            other => other.to_string(),
        })
        .collect();
    for expected in [
        "S 220",
        "C EHLO ex1.contoso.com",
        "C XEXCH50 1024 2",
        "S 504",
        "data",
        "C QUIT ",
        "S 221",
    ] {
        assert!(
            transcript.iter().any(|t| t == expected),
            "{expected} in {transcript:?}"
        );
    }
    let ids: Vec<&str> = lines
        .iter()
        .filter(|l| l["type"] == "finding")
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["exps-not-attempted", "xexch50-without-auth", "xexch50-rejected"]
    );
    let summary = lines.last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["interface"], interface);
    assert_eq!(summary["findings_by_severity"]["error"], 2);
    assert_eq!(summary["capture_drops"], 0, "libpcap's counters are reported");
}

/// A connection to `listener` whose server has sent its banner: (client, server).
fn greeted_connection(listener: &TcpListener) -> (TcpStream, TcpStream) {
    let port = listener.local_addr().unwrap().port();
    let client = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let (mut server, _) = listener.accept().unwrap();
    server.write_all(b"220 ex2.contoso.com ESMTP\r\n").unwrap();
    (client, server)
}

/// Stops `live` with `signal`, checks it exits 0, and returns its JSON lines and the session it
/// reported.
fn stop_for_the_session(live: Live, signal: &str) -> (Vec<Value>, Value) {
    live.signal(signal);
    let (code, stdout) = live.wait();
    assert_eq!(code, 0, "{stdout}");
    let lines = json_lines(&stdout);
    let session = lines
        .iter()
        .find(|l| l["type"] == "session")
        .cloned()
        .unwrap_or_else(|| panic!("a session in {stdout}"));
    (lines, session)
}

#[test]
fn sigint_and_sigterm_flush_the_open_session_and_print_the_summary() {
    require_root!();
    for (signal, threads) in [("-INT", "1"), ("-TERM", "1"), ("-INT", "4")] {
        let listener = listener();
        let live = Live::json("lo", &listener, &["--threads", threads]);
        let (client, _server) = greeted_connection(&listener);
        (&client).write_all(b"EHLO ex1.contoso.com\r\n").unwrap();
        thread::sleep(Duration::from_millis(500));
        let (lines, session) = stop_for_the_session(live, signal);
        assert_eq!(session["tcp"]["closed"], "open", "{signal} --threads {threads}");
        assert_eq!(session["banner"], "ex2.contoso.com ESMTP");
        assert_eq!(
            lines.last().unwrap()["type"],
            "summary",
            "{signal} --threads {threads}"
        );
    }
}

#[test]
fn a_silent_connection_is_reported_once_idle_by_the_wall_clock() {
    require_root!();
    for threads in ["1", "4"] {
        let listener = listener();
        let live = Live::json("lo", &listener, &["--idle-timeout", "1", "--threads", threads]);
        let (_client, _server) = greeted_connection(&listener);
        // No packet at all for longer than the timeout: only the wall clock can end the session.
        thread::sleep(Duration::from_millis(3000));
        let (_, session) = stop_for_the_session(live, "-INT");
        assert_eq!(
            session["tcp"]["close_cause"], "idle",
            "--threads {threads}: {session}"
        );
    }
}

#[test]
fn count_stops_after_that_many_packets() {
    require_root!();
    let listener = listener();
    let live = Live::json("lo", &listener, &["--count", "5"]);
    exchange_without_auth(&listener);
    let (code, stdout) = live.wait();
    assert_eq!(code, 0);
    let summary = json_lines(&stdout).pop().unwrap();
    assert_eq!(summary["packets"], 5, "{summary}");
}

/// Session objects without what differs between a live run and a file run (the source: `file` or
/// `interface`).
fn sessions_without_file(stdout: &str) -> Vec<Value> {
    json_lines(stdout)
        .into_iter()
        .filter(|l| l["type"] != "summary")
        .map(|mut l| {
            if let Some(o) = l.as_object_mut() {
                o.remove("file");
                o.remove("interface");
            }
            l
        })
        .collect()
}

#[test]
fn write_saves_the_packets_so_analyze_reproduces_the_live_report() {
    require_root!();
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("live.pcap");
    let listener = listener();
    let live = Live::json(
        "lo",
        &listener,
        &[
            "--duration",
            "3",
            "--threads",
            "4",
            "--write",
            saved.to_str().unwrap(),
        ],
    );
    exchange_without_auth(&listener);
    let (code, live_out) = live.wait();
    assert_eq!(code, 0);
    let port = listener.local_addr().unwrap().port().to_string();
    let run = common::smtpscope(&[
        "analyze",
        "--format",
        "json",
        "--threads",
        "1",
        "--port",
        &port,
        saved.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let live_sessions = sessions_without_file(&live_out);
    assert!(!live_sessions.is_empty());
    assert_eq!(live_sessions, sessions_without_file(&run.stdout));
}

fn resident_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap()
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap()
}

#[test]
fn memory_stays_flat_over_many_short_connections() {
    require_root!();
    let listener = listener();
    let port = listener.local_addr().unwrap().port();
    let live = Live::json("lo", &listener, &["--threads", "4"]);
    let server = thread::spawn(move || {
        for _ in 0..1500 {
            let (mut s, _) = listener.accept().unwrap();
            s.write_all(b"220 ex2.contoso.com ESMTP\r\n").unwrap();
            let mut buf = [0u8; 64];
            let _ = s.read(&mut buf);
            let _ = s.write_all(b"221 2.0.0 Bye\r\n");
        }
    });
    let mut early = 0;
    for n in 0..1500 {
        let mut c = TcpStream::connect(("127.0.0.1", port)).unwrap();
        let mut buf = [0u8; 64];
        let _ = c.read(&mut buf);
        c.write_all(b"QUIT\r\n").unwrap();
        let _ = c.read(&mut buf);
        if n == 300 {
            thread::sleep(Duration::from_millis(300));
            early = resident_kib(live.pid());
        }
    }
    server.join().unwrap();
    thread::sleep(Duration::from_millis(500));
    let late = resident_kib(live.pid());
    live.signal("-INT");
    let (code, stdout) = live.wait();
    assert_eq!(code, 0);
    let sessions = stdout
        .lines()
        .filter(|l| l.contains(r#""type":"session""#))
        .count();
    let summary = json_lines(&stdout).pop().unwrap();
    assert_eq!(summary["capture_drops"], 0, "{summary}");
    assert_eq!(sessions, 1500, "{summary}");
    assert!(
        late <= early + 16 * 1024,
        "resident memory grew from {early} KiB to {late} KiB"
    );
}

#[test]
fn errors_say_what_to_do() {
    require_root!();
    let unknown = common::smtpscope(&["live", "-i", "nosuch0"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown
            .stderr
            .contains("there is no interface named nosuch0; available:"),
        "{}",
        unknown.stderr
    );
    assert!(unknown.stderr.contains("lo"), "{}", unknown.stderr);
    let bad_filter = common::smtpscope(&["live", "-i", "lo", "-f", "tcp port banana"]);
    assert_eq!(bad_filter.code, 2);
    assert!(
        bad_filter.stderr.contains("is not valid BPF"),
        "{}",
        bad_filter.stderr
    );
    // Without the capture capability (an unprivileged user), the sentence says how to grant it.
    let denied = Command::new("setpriv")
        .args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            env!("CARGO_BIN_EXE_smtpscope"),
        ])
        .args(["live", "-i", "lo"])
        .output();
    match denied {
        Ok(out) => {
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{stderr}");
            assert!(
                stderr.contains(
                    "run as root, or grant the capability once with `setcap cap_net_raw,cap_net_admin=eip"
                ),
                "{stderr}"
            );
        }
        Err(e) => eprintln!("skipped the permission check: setpriv unavailable ({e})"),
    }
    let list = common::smtpscope(&["live", "--list-interfaces"]);
    assert_eq!(list.code, 0);
    assert!(
        list.stdout
            .lines()
            .any(|l| l.starts_with("lo ") && l.contains("loopback")),
        "{}",
        list.stdout
    );
}
