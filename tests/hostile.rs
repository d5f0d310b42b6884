//! Hostile and large shapes end to end, through the real binary: floods of connections against a
//! small connection budget, and NAT'd mail flows through `diff`. The generators are
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
            let run = smtpscope(&args);
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
