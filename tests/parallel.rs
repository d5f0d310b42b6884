//! The parallel engine reports exactly what the serial one does: same sessions, ids, findings and
//! order, whatever the number of threads — on random captures of many overlapping sessions with
//! every way a connection can end (FIN, RST, port reuse, idle timeout, end of input), transport
//! impairments, IP fragments, SMTP found by its content on another port, connections that are not
//! SMTP (released by the classifier), the DNS lookups that sessions are linked to, and sets of
//! files merged by time or read separately.

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

use proptest::prelude::*;
use smtpscope::app;
use smtpscope::capture::{Input, LinkType, Timestamp};
use smtpscope::cli::config::{AnalyzeConfig, ReportConfig};
use smtpscope::net::Direction;
use smtpscope::output::OutputFormat;
use smtpscope::reasm::ReasmLimits;
use smtpscope_synth::dns::{lookup_frames, DnsLookup, Query, Reply};
use smtpscope_synth::exchange;
use smtpscope_synth::rng::SplitMix;
use smtpscope_synth::samples::{message_body, smtp_session};
use smtpscope_synth::{Capture, Close, Impairments, Script, SynthOptions};

/// The dialogues a session is drawn from.
fn script(rng: &mut SplitMix, client: IpAddr) -> Script {
    let scenarios: [fn(IpAddr) -> Script; 12] = [
        exchange::exchange_healthy,
        exchange::xexch50_refused,
        exchange::starttls,
        exchange::pipelining,
        exchange::bdat,
        exchange::smuggling,
        exchange::pix_noop,
        exchange::relay_after_exps_failed,
        exchange::replies_out_of_step,
        exchange::slow_server,
        exchange::exps_failed,
        exchange::auth_login,
    ];
    match rng.range(0, scenarios.len() as u64 + 1) as usize {
        0 => smtp_session(&message_body(rng.range(0, 20_000) as usize + 100, rng.next_u64())),
        n => scenarios[n - 1](client),
    }
}

/// A pcap of 2–30 sessions from a handful of clients (so that 4-tuples are reused), starting
/// within five minutes of each other, each ended by FIN, RST or nothing (then by the idle timeout,
/// or by the end of the capture), some picked up mid-stream,
/// with dropped, retransmitted, reordered and fragmented segments; most preceded by their client's
/// MX and A lookups (answered, failed or lost, pointing at the server or elsewhere).
fn random_capture(seed: u64) -> Vec<u8> {
    let mut rng = SplitMix(seed);
    let mut capture = Capture::new(LinkType::ETHERNET);
    let sessions = 2 + rng.range(0, 29);
    for n in 0..sessions {
        let client = SocketAddr::new(
            IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1 + rng.range(0, 3) as u8)),
            40_000 + rng.range(0, 4) as u16,
        );
        // Mostly port 25 (the first session always); some SMTP on a port only its content tells,
        // some web traffic.
        let kind = rng.range(0, 10);
        let (port, script) = match if n == 0 { 9 } else { kind } {
            0 => (10_025, script(&mut rng, client.ip())),
            1 => (80, web()),
            _ => (25, script(&mut rng, client.ip())),
        };
        let server = SocketAddr::new(IpAddr::V4(Ipv4Addr::new(198, 51, 100, 25)), port);
        let mut o = SynthOptions::new(client, server);
        o.client_isn = rng.next_u64() as u32;
        o.server_isn = rng.next_u64() as u32;
        o.mss = [1460, 536, 200][rng.range(0, 3) as usize];
        o.start = Timestamp::new(
            1_704_164_645 + rng.range(0, 300) as i64,
            rng.range(0, 1_000_000_000) as u32,
        );
        o.step = Duration::from_micros(100 + rng.range(0, 20_000));
        o.handshake = !rng.percent(10);
        let from = if rng.percent(50) {
            Direction::ClientToServer
        } else {
            Direction::ServerToClient
        };
        o.close = match rng.range(0, 10) {
            0 => Close::Rst { from },
            1..=3 => Close::None,
            _ => Close::Fin { from },
        };
        let segments = script.data_segments(o.mss).len() as u64;
        let pick = |percent: u8, rng: &mut SplitMix| -> Vec<usize> {
            let mut picked = Vec::new();
            for _ in 0..2 {
                if rng.percent(percent) {
                    picked.push(rng.range(0, segments) as usize);
                }
            }
            picked
        };
        o.impair = Impairments {
            drop: pick(10, &mut rng),
            retransmit: pick(20, &mut rng),
            reorder: pick(10, &mut rng),
            duplicate_ack: pick(10, &mut rng),
            fragment: pick(10, &mut rng),
            fragment_size: 256,
        };
        for lookup in lookups(&mut rng, client.ip(), o.start) {
            let frames = lookup_frames(&lookup).unwrap();
            capture = capture.add_frames(0, frames).unwrap();
        }
        capture = capture
            .add(&script, &o)
            .unwrap_or_else(|e| panic!("session {n} of seed {seed}: {e}"));
    }
    capture.write_pcap(Vec::new()).unwrap()
}

/// A connection that is not SMTP: an HTTP request and its answer.
fn web() -> Script {
    Script::new()
        .client("GET / HTTP/1.1\r\nHost: www.example.net\r\n\r\n")
        .server("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
}

/// The lookups a client makes (or not) before connecting at `start`: MX of example.net, then A of
/// its exchanger, each answered, failed or lost, the address the server's or another one.
fn lookups(rng: &mut SplitMix, client: IpAddr, start: Timestamp) -> Vec<DnsLookup> {
    if rng.percent(30) {
        return Vec::new();
    }
    let resolver = SocketAddr::new(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 53)), 53);
    let querier = SocketAddr::new(client, 50_000 + rng.range(0, 1000) as u16);
    let before = |rng: &mut SplitMix| {
        let secs = rng.range(0, 4) as i64;
        Timestamp::new(start.secs - 1 - secs, rng.range(0, 1_000_000_000) as u32)
    };
    let mx_reply = match rng.range(0, 6) {
        0 => Reply::Rcode(3),
        1 => Reply::Rcode(2),
        2 => Reply::Lost,
        _ => Reply::Mx(vec![(10, "mx1.example.net".into())]),
    };
    let address = if rng.percent(70) {
        Ipv4Addr::new(198, 51, 100, 25)
    } else {
        Ipv4Addr::new(198, 51, 100, 99)
    };
    let a_reply = match rng.range(0, 5) {
        0 => Reply::Rcode(3),
        1 => Reply::Lost,
        _ => Reply::A(vec![address]),
    };
    let at = before(rng);
    let mx = DnsLookup {
        querier,
        resolver,
        id: rng.range(0, 65_536) as u16,
        name: "example.net".into(),
        query: Query::Mx,
        reply: mx_reply,
        at,
        latency: Duration::from_millis(1 + rng.range(0, 300)),
    };
    let a = DnsLookup {
        id: rng.range(0, 65_536) as u16,
        name: "mx1.example.net".into(),
        query: Query::A,
        reply: a_reply,
        at: Timestamp::new(at.secs, at.nanos.saturating_add(500_000_000).min(999_999_999)),
        ..mx.clone()
    };
    vec![mx, a]
}

/// The report of `capture` with `threads` threads, without the run's wall-clock time.
fn report(capture: &std::path::Path, format: OutputFormat, threads: usize, idle_timeout_secs: u64) -> String {
    let config = AnalyzeConfig {
        inputs: vec![Input::Path(capture.to_path_buf())],
        report: ReportConfig {
            format,
            threads,
            limits: ReasmLimits {
                idle_timeout_secs,
                ..ReasmLimits::default()
            },
            ..ReportConfig::default()
        },
        separately: false,
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    app::analyze(&config, &mut out, &mut err).unwrap();
    assert!(err.is_empty(), "{}", String::from_utf8_lossy(&err));
    let text = String::from_utf8(out).unwrap();
    text.lines()
        .map(|line| line.find("\"elapsed_s\":").map_or(line, |at| &line[..at]))
        .collect::<Vec<_>>()
        .join("\n")
}

proptest! {
    // 24 cases by default; PROPTEST_CASES=N runs more.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(24),
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_thread_count_reports_what_one_thread_does(seed in any::<u64>(), threads in 2usize..9, idle in 1u64..40) {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(&random_capture(seed)).unwrap();
        for format in [OutputFormat::Json, OutputFormat::Text] {
            let serial = report(file.path(), format, 1, idle);
            let parallel = report(file.path(), format, threads, idle);
            prop_assert!(serial.lines().count() > 2, "seed {seed}: {serial}");
            prop_assert_eq!(&serial, &parallel, "seed {} threads {} idle {} {:?}", seed, threads, idle, format);
        }
    }
}

#[test]
fn file_sets_merged_or_separate_report_the_same_with_threads() {
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<_> = (0..3u64)
        .map(|n| {
            let path = dir.path().join(format!("{n}.pcap"));
            std::fs::write(&path, random_capture(1000 + n)).unwrap();
            Input::Path(path)
        })
        .collect();
    let run = |threads: usize, separately: bool| {
        let config = AnalyzeConfig {
            inputs: paths.clone(),
            report: ReportConfig {
                format: OutputFormat::Json,
                threads,
                ..ReportConfig::default()
            },
            separately,
        };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        app::analyze(&config, &mut out, &mut err).unwrap();
        let text = String::from_utf8(out).unwrap();
        let cut = text.rfind("\"elapsed_s\"").unwrap();
        text[..cut].to_string()
    };
    for separately in [false, true] {
        let serial = run(1, separately);
        assert!(serial.matches("\"type\":\"session\"").count() > 6);
        assert_eq!(serial, run(3, separately), "separately: {separately}");
    }
}
