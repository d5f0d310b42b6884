//! Throughput benchmark: `cargo run --release --example bench [-- OPTIONS]`.
//!
//! Generates (once, cached under `target/bench/`) a large multi-session SMTP capture with the
//! project's synthetic-capture writer, then measures, best of three runs on one core:
//!
//! 1. `read`: the capture reader alone (every packet handed out, nothing decoded);
//! 2. `analyze`: the whole `analyze` pipeline (read, decode, reassemble, report to a null sink);
//!
//! and prints MB/s and packets/s for each, the peak resident memory of this process, and, when
//! tshark is installed, tshark's time on the same file for the same kind of work
//! (`tshark -r F -q -z conv,tcp`, and `tshark -r F -Y smtp -T fields -e smtp.req.command
//! -e smtp.response.code`). This is a measurement harness, not a test: nothing here asserts a speed.
//!
//! Options: `--megabytes N` (size of the generated capture, default 1024), `--file PATH` (measure an
//! existing capture instead), `--no-tshark`.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use smtpscope::app::Pipeline;
use smtpscope::capture::file::open;
use smtpscope::capture::Input;
use smtpscope::cli::config::ReportConfig;
use smtpscope::output::{self, OutputFormat};
use smtpscope_synth::{write_bulk_capture, BulkOptions};

#[path = "support/measure.rs"]
mod measure;
use measure::peak_rss_mib;

struct Options {
    megabytes: u64,
    file: Option<PathBuf>,
    tshark: bool,
}

fn parse_args() -> Result<Options, String> {
    let mut opts = Options {
        megabytes: 1024,
        file: None,
        tshark: true,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--megabytes" => {
                let v = args.next().ok_or("--megabytes needs a number")?;
                opts.megabytes = v.parse().map_err(|_| format!("--megabytes: not a number: {v}"))?;
            }
            "--file" => opts.file = Some(args.next().ok_or("--file needs a path")?.into()),
            "--no-tshark" => opts.tshark = false,
            "--bench" => {} // passed by `cargo bench`-style runners
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(opts)
}

fn generated_capture(megabytes: u64) -> Result<PathBuf, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let path = dir.join(format!("bulk-{megabytes}mb.pcap"));
    if !path.exists() {
        eprintln!("generating {} …", path.display());
        let partial = path.with_extension("partial");
        let out = BufWriter::new(File::create(&partial).map_err(|e| e.to_string())?);
        let summary =
            write_bulk_capture(out, &BulkOptions::new(megabytes << 20)).map_err(|e| e.to_string())?;
        std::fs::rename(&partial, &path).map_err(|e| e.to_string())?;
        eprintln!("  {} sessions, {} frames", summary.sessions, summary.frames);
    }
    Ok(path)
}

/// Runs `f` three times and keeps the fastest, with the packet count it reported.
fn best_of_three(mut f: impl FnMut() -> u64) -> (Duration, u64) {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            let packets = f();
            (start.elapsed(), packets)
        })
        .min_by_key(|(d, _)| *d)
        .unwrap_or_default()
}

fn read_only(path: &Path) -> u64 {
    let mut source = open(&Input::Path(path.to_path_buf())).expect("the capture opens");
    let mut packets = 0u64;
    while let Ok(Some(_)) = source.next_packet() {
        packets += 1;
    }
    packets
}

fn whole_pipeline(path: &Path) -> u64 {
    let config = ReportConfig {
        format: OutputFormat::Json,
        ..ReportConfig::default()
    };
    let mut source = open(&Input::Path(path.to_path_buf())).expect("the capture opens");
    let mut sink = std::io::sink();
    let mut printer = output::printer(OutputFormat::Json, Default::default(), &mut sink);
    let mut pipeline = Pipeline::new(&config, path.display().to_string().into(), 1);
    let _ = pipeline.run(source.as_mut(), printer.as_mut());
    let _ = pipeline.finish(printer.as_mut());
    source.stats().packets
}

fn tshark_time(args: &[&str]) -> Option<Duration> {
    let start = Instant::now();
    let status = Command::new("tshark")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .ok()?;
    status.success().then(|| start.elapsed())
}

fn report(label: &str, bytes: u64, packets: u64, time: Duration) {
    let secs = time.as_secs_f64().max(1e-9);
    println!(
        "{label:<34} {:>8.3} s {:>10.0} MB/s {:>12.0} packets/s",
        secs,
        bytes as f64 / 1e6 / secs,
        packets as f64 / secs
    );
}

fn main() {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("bench: {e}");
            std::process::exit(2);
        }
    };
    let path = match opts
        .file
        .clone()
        .map(Ok)
        .unwrap_or_else(|| generated_capture(opts.megabytes))
    {
        Ok(p) => p,
        Err(e) => {
            eprintln!("bench: cannot prepare the capture: {e}");
            std::process::exit(2);
        }
    };
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!("capture: {} ({:.1} MB)", path.display(), bytes as f64 / 1e6);
    let (t, packets) = best_of_three(|| read_only(&path));
    report("smtpscope read", bytes, packets, t);
    let (t, packets) = best_of_three(|| whole_pipeline(&path));
    report("smtpscope analyze pipeline", bytes, packets, t);
    if let Some(rss) = peak_rss_mib() {
        println!("peak resident memory: {rss:.1} MiB");
    }
    if opts.tshark {
        let file = path.to_string_lossy();
        match tshark_time(&["-r", &file, "-q", "-z", "conv,tcp"]) {
            Some(t) => report("tshark -q -z conv,tcp", bytes, packets, t),
            None => println!("tshark: not installed or failed; skipped"),
        }
        let fields = [
            "-r",
            &file,
            "-Y",
            "smtp",
            "-T",
            "fields",
            "-e",
            "smtp.req.command",
            "-e",
            "smtp.response.code",
        ];
        if let Some(t) = tshark_time(&fields) {
            report("tshark -Y smtp -T fields", bytes, packets, t);
        }
    }
}
