//! Hostile and large shapes end to end, through the real binary: floods of connections against a
//! small connection budget, thousands of sessions still open at the end of a capture on several
//! threads, and NAT'd mail flows through `diff`. The generators are
//! `smtpscope_synth::hostile`; the numbers asserted are behaviour (what is evicted and reported,
//! which pairs are found), never time or memory — those are in `cargo run --release --example
//! hostile` (README, "Hostile input").

mod common;

use std::path::Path;

use common::smtpscope;
use serde_json::Value;
use smtpscope_synth::hostile::{write_flood, write_nat_pair, FloodOptions, FloodShape, NatPairOptions};

fn json_lines(args: &[&str]) -> Vec<Value> {
    let run = smtpscope(args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    run.stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

fn flood(dir: &Path, shape: FloodShape, connections: u64) -> String {
    let path = dir.join(format!("{shape:?}.pcap"));
    write_flood(
        std::fs::File::create(&path).unwrap(),
        &FloodOptions::new(connections, shape),
    )
    .unwrap();
    path.to_string_lossy().into_owned()
}

/// The lines of a finding's evidence.
fn evidence(finding: &Value) -> Vec<&str> {
    finding["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect()
}

/// The sessions closed as evicted, and the `connection-flood` finding.
fn evictions(lines: &[Value]) -> (usize, Option<&Value>) {
    let evicted = lines
        .iter()
        .filter(|l| l["type"] == "session" && l["tcp"]["close_cause"] == "evicted")
        .count();
    let finding = lines.iter().find(|l| l["id"] == "connection-flood");
    (evicted, finding)
}

#[test]
fn a_syn_flood_beyond_the_budget_is_evicted_quiet_first_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let capture = flood(dir.path(), FloodShape::Syn, 3000);
    let lines = json_lines(&[
        "analyze",
        "--format",
        "json",
        "--max-connections",
        "1000",
        &capture,
    ]);
    let summary = lines.last().unwrap();
    assert_eq!(summary["sessions"], 3000, "every connection is still reported");
    let (evicted, finding) = evictions(&lines);
    assert_eq!(evicted, 2000);
    let finding = finding.expect("connection-flood");
    assert_eq!(finding["count"], 2000);
    assert_eq!(finding["severity"], "warning");
    assert!(finding["session"].is_null(), "capture-wide");
    let evidence = evidence(finding);
    assert!(evidence.contains(&"connection budget 1,000 (--max-connections); peak 1,000 open at once"));
    assert!(evidence.contains(&"2,000 evicted, 2,000 of them had never carried a byte"));
    assert!(
        evidence
            .iter()
            .any(|e| e.starts_with("peak rate 3,000 new connections in one second")),
        "{evidence:?}"
    );
    // Within the default budget nothing is evicted and nothing is said.
    let lines = json_lines(&["analyze", "--format", "json", &capture]);
    assert_eq!(evictions(&lines), (0, None));
}

#[test]
fn a_flood_beyond_the_default_budget_is_reported_the_same_every_run_on_several_threads() {
    // Each of the 4 workers follows a quarter of the default budget of 65,536: which connections
    // overflow a share depends on how flows are split, which must not vary from run to run.
    let dir = tempfile::tempdir().unwrap();
    let capture = flood(dir.path(), FloodShape::Syn, 70_000);
    let args = ["analyze", "--threads", "4", "--format", "json", &capture];
    let runs: Vec<String> = (0..2)
        .map(|_| {
            let run = common::smtpscope_within(600, &args);
            assert_eq!(run.code, 0, "{}", run.stderr);
            common::normalize(&run.stdout)
        })
        .collect();
    let lines: Vec<Value> = runs[0]
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let (evicted, finding) = evictions(&lines);
    assert!(evicted > 0 && finding.is_some(), "the shares overflow");
    assert!(
        runs[0] == runs[1],
        "two runs of the same command wrote different reports"
    );
}

/// A capture whose first connection (to port 8025, not one of the SMTP ports) shows an SMTP
/// banner only in its last packet, ten seconds after it opened, with `open` SMTP connections on
/// port 25 opened in between, each showing a banner and an EHLO; none of them ends before the
/// capture does.
fn a_late_banner_then_open_sessions(dir: &Path, open: u16) -> String {
    use smtpscope::capture::write::PcapWriter;
    use smtpscope::capture::{LinkType, Timestamp};
    use smtpscope_synth::hostile::SERVER;
    use smtpscope_synth::{synthesize, Close, Script, SynthOptions};
    use std::net::SocketAddr;
    use std::time::Duration;

    let mut late = SynthOptions::new(
        SocketAddr::from(([10, 9, 9, 9], 40_000)),
        SocketAddr::from(([198, 51, 100, 25], 8025)),
    );
    late.start = Timestamp::new(1_704_164_645, 0);
    late.close = Close::None;
    let banner = Script::new()
        .pause(Duration::from_secs(10))
        .server("220 mx.example ESMTP\r\n");
    let mut frames = synthesize(&banner, &late).unwrap().frames;
    let script = Script::new()
        .server("220 mx.example ESMTP\r\n")
        .client("EHLO a\r\n");
    for n in 0..open {
        let client = SocketAddr::from(([10, 1, (n >> 8) as u8, n as u8], 40_000));
        let mut o = SynthOptions::new(client, SocketAddr::V4(SERVER));
        // A millisecond apart, from a second after the first connection opened.
        o.start =
            Timestamp::new(1_704_164_646, u32::from(n % 1000) * 1_000_000).plus_secs(u64::from(n / 1000));
        o.close = Close::None;
        frames.extend(synthesize(&script, &o).unwrap().frames);
    }
    frames.sort_by_key(|frame| frame.ts);
    let path = dir.join("late-banner.pcap");
    let mut writer = PcapWriter::new(std::fs::File::create(&path).unwrap(), LinkType::ETHERNET).unwrap();
    for frame in frames {
        writer
            .write_packet(frame.ts, frame.data.len() as u32, &frame.data)
            .unwrap();
    }
    writer.into_inner().unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn a_session_numbered_in_the_last_packet_does_not_hold_back_those_ended_after_it_on_several_threads() {
    // At the end of the input each worker ends its open connections in the order they opened, a
    // batch at a time, and waits while too many of its sessions wait to be printed. The first
    // connection is known to be SMTP only in the capture's last packet, so when its worker ends
    // it, its number has not come yet: it waits, and with it every later session of its worker.
    // The worker must finish it when the number comes, or it waits for itself.
    let dir = tempfile::tempdir().unwrap();
    let capture = a_late_banner_then_open_sessions(dir.path(), 3000);
    let args = |threads| {
        [
            "analyze",
            "--threads",
            threads,
            "--format",
            "json",
            capture.as_str(),
        ]
    };
    let one = common::smtpscope_within(120, &args("1"));
    assert_eq!(one.code, 0, "{}", one.stderr);
    let one = common::normalize(&one.stdout);
    let summary = one.lines().last().unwrap();
    assert!(summary.contains(r#""sessions":3001"#), "{summary}");
    for threads in ["2", "4"] {
        let run = common::smtpscope_within(120, &args(threads));
        assert_eq!(run.code, 0, "--threads {threads}: {}", run.stderr);
        assert!(
            common::normalize(&run.stdout) == one,
            "--threads {threads} differs from one thread"
        );
    }
}

#[test]
fn a_half_open_flood_holding_bytes_is_evicted_with_its_bytes_delivered() {
    let dir = tempfile::tempdir().unwrap();
    let capture = flood(dir.path(), FloodShape::HalfOpen, 2000);
    let lines = json_lines(&[
        "analyze",
        "--format",
        "json",
        "--max-connections",
        "500",
        &capture,
    ]);
    let (evicted, finding) = evictions(&lines);
    assert_eq!(evicted, 1500);
    let finding = finding.expect("connection-flood");
    assert_eq!(finding["count"], 1500);
    assert!(evidence(finding).contains(&"1,500 evicted, 0 of them had never carried a byte"));
    // An evicted session keeps what it held: the hole is a gap, the three segments after it data.
    let first = lines
        .iter()
        .find(|l| l["type"] == "session" && l["tcp"]["close_cause"] == "evicted")
        .unwrap();
    assert_eq!(first["tcp"]["gaps"][0]["bytes"], 64, "{first}");
    assert_eq!(first["tcp"]["gaps"][0]["cause"], "closed");
    assert_eq!(first["tcp"]["c2s"]["bytes"], 192);
}

#[test]
fn diff_pairs_every_session_of_a_nat_d_flow_with_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let (sender, receiver) = (dir.path().join("a.pcap"), dir.path().join("b.pcap"));
    let mut opts = NatPairOptions::new(1200);
    opts.per_second = 1000; // about 15 sessions open at once on each side
    write_nat_pair(
        std::fs::File::create(&sender).unwrap(),
        std::fs::File::create(&receiver).unwrap(),
        &opts,
    )
    .unwrap();
    let lines = json_lines(&[
        "diff",
        "--format",
        "json",
        sender.to_str().unwrap(),
        receiver.to_str().unwrap(),
    ]);
    let summary = lines.last().unwrap();
    assert_eq!(summary["pairs"], 1200);
    assert_eq!(summary["sender_only"], serde_json::json!([]));
    assert_eq!(summary["receiver_only"], serde_json::json!([]));
    assert_eq!(summary["clock_offset_s"], 2.5);
    assert_eq!(summary["divergences"], 0);
    let pairs: Vec<&Value> = lines.iter().filter(|l| l["type"] == "pair").collect();
    assert_eq!(pairs.len(), 1200);
    for pair in pairs {
        assert_eq!(
            pair["sender_session"], pair["receiver_session"],
            "{}",
            pair["sender_session"]
        );
        assert_eq!(pair["match"], "nat");
    }
}
