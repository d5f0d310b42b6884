//! Hostile-input benchmark: `cargo run --release --example hostile [-- SCENARIO…]`.
//!
//! Generates (once, cached under `target/bench/`) the hostile and large shapes of
//! `smtpscope_synth::hostile` — a SYN flood and a half-open flood of 200,000 connections, NAT'd
//! mail flows of 16,000 and 100,000 sessions a side — and runs smtpscope on each as a user would:
//! the same command-line code as the binary, in a fresh process, writing its JSON Lines report to a
//! file (deleted once read). For each run it prints the wall and CPU time, the peak resident memory
//! of that process, and what the run reported (sessions, evicted connections, pairs). For `diff` it
//! also times the pairing alone, in this process, on the decoded sessions.
//!
//! Scenarios (default: all): `syn-flood`, `half-open-flood`, `nat-16k`, `nat-100k`, `pairing-100k`;
//! `floods` names the first two, `diffs` the last three (`… --example hostile -- diffs`).
//! This is a measurement harness, not a test: nothing here asserts a speed or a size (the tests
//! assert the behaviour: what is evicted and reported, which pairs are found).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use clap::Parser;
use smtpscope::app;
use smtpscope::capture::Input;
use smtpscope::cli::config::{AnalyzeConfig, DiffConfig, ReportConfig};
use smtpscope::cli::{Cli, Command as Sub};
use smtpscope_synth::hostile::{write_flood, write_nat_pair, FloodOptions, FloodShape, NatPairOptions};

#[path = "support/measure.rs"]
mod measure;
use measure::{cpu_seconds, peak_rss_mib};

fn bench_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench")
}

/// Writes `path` with `write` unless it exists (generation is deterministic).
fn cached(path: PathBuf, write: impl FnOnce(&Path) -> Result<(), String>) -> Result<PathBuf, String> {
    if !path.exists() {
        eprintln!("generating {} …", path.display());
        std::fs::create_dir_all(bench_dir()).map_err(|e| e.to_string())?;
        write(&path)?;
    }
    Ok(path)
}

fn flood(name: &str, shape: FloodShape, connections: u64) -> Result<PathBuf, String> {
    cached(bench_dir().join(name), |path| {
        let out = BufWriter::new(File::create(path).map_err(|e| e.to_string())?);
        write_flood(out, &FloodOptions::new(connections, shape))
            .map(drop)
            .map_err(|e| e.to_string())
    })
}

fn nat_pair(sessions: u64) -> Result<(PathBuf, PathBuf), String> {
    let sender = bench_dir().join(format!("nat-{sessions}-sender.pcap"));
    let receiver = bench_dir().join(format!("nat-{sessions}-receiver.pcap"));
    if !(sender.exists() && receiver.exists()) {
        eprintln!("generating {} and {} …", sender.display(), receiver.display());
        std::fs::create_dir_all(bench_dir()).map_err(|e| e.to_string())?;
        let open = |p: &Path| File::create(p).map(BufWriter::new).map_err(|e| e.to_string());
        write_nat_pair(open(&sender)?, open(&receiver)?, &NatPairOptions::new(sessions))
            .map_err(|e| e.to_string())?;
    }
    Ok((sender, receiver))
}

/// In a child process: runs the command line `args` (as `smtpscope ARGS`) with its report going to
/// `out`, then prints `wall_s peak_mib` on stdout.
fn child(args: &[String]) -> Result<(), String> {
    let (out, args) = args.split_first().ok_or("--child needs an output file")?;
    let cli = Cli::try_parse_from(std::iter::once("smtpscope".to_string()).chain(args.iter().cloned()))
        .map_err(|e| e.to_string())?;
    let mut report = BufWriter::new(File::create(out).map_err(|e| e.to_string())?);
    let mut err = std::io::sink();
    let started = Instant::now();
    let result = match &cli.command {
        Sub::Analyze(a) => app::analyze(&AnalyzeConfig::from_args(a), &mut report, &mut err),
        Sub::Diff(d) => app::diff(&DiffConfig::from_args(d), &mut report, &mut err),
        _ => return Err("only analyze and diff are measured".into()),
    };
    report.flush().map_err(|e| e.to_string())?;
    result.map_err(|e| e.to_string())?;
    println!(
        "{:.2} {:.2} {:.0}",
        started.elapsed().as_secs_f64(),
        cpu_seconds().unwrap_or(0.0),
        peak_rss_mib().unwrap_or(0.0)
    );
    Ok(())
}

/// Runs `smtpscope ARGS` in a fresh process of this harness and reports what it cost and said.
fn measure(label: &str, args: &[&str]) -> Result<(), String> {
    let out = bench_dir().join(format!("{label}.jsonl"));
    // A fresh file, as a first run writes: ext4 flushes a file truncated and written again when it
    // is closed, which would add about half a second per GiB to whatever wrote it.
    let _ = std::fs::remove_file(&out);
    let me = std::env::current_exe().map_err(|e| e.to_string())?;
    let run = Command::new(me)
        .arg("--child")
        .arg(&out)
        .args(args)
        .output()
        .map_err(|e| e.to_string())?;
    if !run.status.success() {
        return Err(format!("{label}: {}", String::from_utf8_lossy(&run.stderr)));
    }
    let figures = String::from_utf8_lossy(&run.stdout).trim().to_string();
    let mut figures = figures.split(' ');
    let mut next = || figures.next().unwrap_or("?").to_string();
    let (wall, cpu, peak) = (next(), next(), next());
    let summary = std::fs::read_to_string(&out)
        .ok()
        .and_then(|text| text.lines().last().map(str::to_string))
        .and_then(|line| serde_json::from_str::<serde_json::Value>(&line).ok())
        .unwrap_or_default();
    let report_mib = std::fs::metadata(&out).map_or(0.0, |m| m.len() as f64 / (1 << 20) as f64);
    let said = [
        ("sessions", &summary["sessions"]),
        ("pairs", &summary["pairs"]),
        (
            "sender_only",
            &serde_json::json!(summary["sender_only"].as_array().map(Vec::len)),
        ),
        ("clock_offset_s", &summary["clock_offset_s"]),
    ]
    .iter()
    .filter(|(_, v)| !v.is_null())
    .map(|(k, v)| format!("{k} {v}"))
    .collect::<Vec<_>>()
    .join(", ");
    let evicted = std::fs::read_to_string(&out)
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|l| l.contains("\"id\":\"connection-flood\""))
                .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap_or_default()["count"].clone())
        })
        .map_or(String::new(), |n| format!(", connection-flood given up {n}"));
    println!(
        "{label:<16} {wall:>7} s wall {cpu:>7} s CPU {peak:>6} MiB peak   report {report_mib:.0} MiB; {said}{evicted}"
    );
    // Reports run to hundreds of MiB: read, then gone.
    let _ = std::fs::remove_file(&out);
    Ok(())
}

/// The pairing alone on 100,000 sessions a side, in this process: decode, then time `pair`.
fn pairing(sessions: u64) -> Result<(), String> {
    let (sender, receiver) = nat_pair(sessions)?;
    let config = ReportConfig::default();
    let decode = |p: &Path| app::sessions_of(&Input::Path(p.to_path_buf()), &config, None).sessions;
    let (a, b) = (decode(&sender), decode(&receiver));
    let decoded = peak_rss_mib().unwrap_or(0.0);
    let (started, cpu) = (Instant::now(), cpu_seconds().unwrap_or(0.0));
    let pairing = smtpscope::diff::matching::pair(&a, &b);
    let took = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds().unwrap_or(0.0) - cpu;
    let own = pairing.pairs.iter().filter(|m| m.sender == m.receiver).count();
    println!(
        "pairing {sessions}/side {took:>6.2} s wall {cpu:>6.2} s CPU, peak {:.0} MiB (sessions decoded: {decoded:.0} MiB); \
         {} pairs, {own} with their own partner, clock {:.3} s from {} anchors",
        peak_rss_mib().unwrap_or(0.0),
        pairing.pairs.len(),
        pairing.clock.seconds,
        pairing.clock.anchors
    );
    Ok(())
}

fn run(scenarios: &[String]) -> Result<(), String> {
    let all = [
        "syn-flood",
        "half-open-flood",
        "nat-16k",
        "nat-100k",
        "pairing-100k",
    ];
    let chosen: Vec<&str> = if scenarios.is_empty() {
        all.to_vec()
    } else {
        scenarios
            .iter()
            .flat_map(|s| match s.as_str() {
                "floods" => all.get(..2).unwrap_or_default().to_vec(),
                "diffs" => all.get(2..).unwrap_or_default().to_vec(),
                one => vec![one],
            })
            .collect()
    };
    let text = |p: &Path| p.to_string_lossy().into_owned();
    // One decoding thread per core, as the README's figures were taken.
    let cores = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .to_string();
    for scenario in chosen {
        match scenario {
            "syn-flood" => {
                let f = text(&flood("syn-flood-200k.pcap", FloodShape::Syn, 200_000)?);
                measure(
                    "syn-flood",
                    &["analyze", "--threads", &cores, "--format", "json", &f],
                )?;
            }
            "half-open-flood" => {
                let f = text(&flood(
                    "half-open-flood-200k.pcap",
                    FloodShape::HalfOpen,
                    200_000,
                )?);
                let args = ["analyze", "--threads", &cores, "--format", "json", &f];
                measure("half-open-flood", &args)?;
            }
            "nat-16k" | "nat-100k" => {
                let n = if scenario == "nat-16k" { 16_000 } else { 100_000 };
                let (a, b) = nat_pair(n)?;
                let (a, b) = (text(&a), text(&b));
                measure(
                    scenario,
                    &["diff", "--threads", &cores, "--format", "json", &a, &b],
                )?;
            }
            "pairing-100k" => pairing(100_000)?,
            other => return Err(format!("unknown scenario {other}; known: {}", all.join(", "))),
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let result = match args.split_first() {
        Some((flag, rest)) if flag == "--child" => child(rest),
        _ => run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("hostile: {e}");
            ExitCode::FAILURE
        }
    }
}
