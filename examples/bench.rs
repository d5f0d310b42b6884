//! End-to-end benchmark: `cargo run --release --example bench -- [OPTIONS]` (`--help` lists them).
//!
//! Measures what a user runs, on a capture shaped like what they run it on: the `smtpscope`
//! command line writing real JSON Lines and a real text report to a file, side by side in the same
//! run with what they would use instead — tshark extracting two SMTP fields (`tshark -r F -Y smtp
//! -T fields -e smtp.req.command -e smtp.response.code`) and Suricata's SMTP parser alone, single
//! threaded, logging SMTP events to an EVE file (`suricata -r F -k none --runmode single` with a
//! generated configuration that enables only the SMTP app-layer parser and no rules), then the
//! same with EVE's file log and a SHA-256 of every file its MIME decoder extracts, the work
//! smtpscope does for every attachment (the harness prints how many files and bytes each hashed).
//!
//! Profiles (the capture is generated once with the project's synthetic-capture writer and cached
//! under the cargo target directory, `CARGO_TARGET_DIR` or `--target-dir` included):
//! - `hub` (default): a mail hub — thousands of connections open at once, sessions of about 10 kB
//!   with a tail of 1–10 MB attachments, Exchange peers with X-EXPS and XEXCH50, pipelining, BDAT,
//!   STARTTLS, failing sessions, retransmissions (see `smtpscope_synth::hub`);
//! - `bulk`: few sessions of large messages in full-size segments (`smtpscope_synth::bulk`);
//! - `tls`: 16 SMTP sessions upgraded with STARTTLS to TLS 1.2 (AES-128-GCM), each carrying one
//!   large message, with the key log that decrypts them (`support/tls_capture.rs`): smtpscope
//!   decrypting with `--tls-keylog` and without keys, tshark with `-o tls.keylog_file`.
//!
//! Every command runs `--runs` times (the same number for every tool), in rounds of one run of
//! each, so that a machine that slows down during the measurement slows every tool alike; the
//! fastest run is shown,
//! with its CPU time (user + system) and peak resident memory as GNU time (`/usr/bin/time`)
//! reports them, MB/s, packets/s and sessions/s (wall clock), MB per CPU-second (what a loaded
//! machine does not distort), and the output's size. This is a
//! measurement harness, not a test: nothing here asserts a speed.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use smtpscope_synth::{write_bulk_capture, write_hub_capture, BulkOptions, HubOptions};

#[path = "support/tls_capture.rs"]
mod tls_capture;

const HELP: &str = "\
Usage: cargo run --release --example bench -- [OPTIONS]

Measures smtpscope end to end (JSON Lines and text written to a file) beside tshark and Suricata
on a generated capture, and prints wall and CPU time, MB/s, packets/s, sessions/s and peak memory.

Options:
  --profile hub|bulk|tls  shape of the generated capture (default: hub; tls: decryption with a
                          key log, at most 256 MiB)
  --megabytes N        size of the generated capture in MiB (default: 1024)
  --concurrency N      hub: connections open at once (default: 2000)
  --large-percent N    hub: sessions with a 1-10 MB attachment, in percent (default: 5)
  --file PATH          measure this capture instead of a generated one
  --runs N             rounds, each running every command once; the fastest run kept (default: 3)
  --threads N[,N…]     smtpscope's --threads for the all-cores rows, one pair of rows per count
                       (default: smtpscope's own; e.g. 2,3,4 measures the scaling)
  --no-tshark          do not run tshark
  --no-suricata        do not run Suricata
  -h, --help           this text

The capture is cached under <target dir>/bench/ (CARGO_TARGET_DIR and --target-dir are honoured).
Suricata comes from Debian's bookworm-backports:
  echo 'deb http://deb.debian.org/debian bookworm-backports main' > /etc/apt/sources.list.d/backports.list
  apt-get update && apt-get install -y -t bookworm-backports suricata
";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Profile {
    Hub,
    Bulk,
    Tls,
}

struct Options {
    profile: Profile,
    megabytes: u64,
    concurrency: usize,
    large_percent: u8,
    file: Option<PathBuf>,
    runs: u32,
    threads: Option<Vec<usize>>,
    tshark: bool,
    suricata: bool,
}

fn parse_args() -> Result<Option<Options>, String> {
    let mut opts = Options {
        profile: Profile::Hub,
        megabytes: 1024,
        concurrency: 2000,
        large_percent: 5,
        file: None,
        runs: 3,
        threads: None,
        tshark: true,
        suricata: true,
    };
    let mut args = std::env::args().skip(1);
    fn number<T: std::str::FromStr>(name: &str, value: Option<String>) -> Result<T, String> {
        let value = value.ok_or(format!("{name} needs a number"))?;
        value
            .parse()
            .map_err(|_| format!("{name}: not a number: {value}"))
    }
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--profile" => {
                opts.profile = match args.next().as_deref() {
                    Some("hub") => Profile::Hub,
                    Some("bulk") => Profile::Bulk,
                    Some("tls") => Profile::Tls,
                    other => return Err(format!("--profile: expected hub, bulk or tls, got {other:?}")),
                }
            }
            "--megabytes" => opts.megabytes = number("--megabytes", args.next())?,
            "--concurrency" => opts.concurrency = number("--concurrency", args.next())?,
            "--large-percent" => opts.large_percent = number("--large-percent", args.next())?,
            "--runs" => opts.runs = number::<u32>("--runs", args.next())?.max(1),
            "--threads" => {
                let list = args.next().ok_or("--threads needs a number")?;
                let counts = list
                    .split(',')
                    .map(|n| number("--threads", Some(n.to_string())))
                    .collect::<Result<Vec<usize>, _>>()?;
                opts.threads = Some(counts);
            }
            "--file" => opts.file = Some(args.next().ok_or("--file needs a path")?.into()),
            "--no-tshark" => opts.tshark = false,
            "--no-suricata" => opts.suricata = false,
            "--bench" => {} // passed by `cargo bench`-style runners
            other => return Err(format!("unknown option {other} (see --help)")),
        }
    }
    Ok(Some(opts))
}

/// Where cargo put this example: `<target>/<profile>/examples/bench`.
struct Dirs {
    /// `<target>/<profile>`, where the `smtpscope` binary is.
    profile: PathBuf,
    /// `<target>`.
    target: PathBuf,
}

fn dirs() -> Result<Dirs, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let profile = exe
        .parent()
        .and_then(Path::parent)
        .ok_or("cannot locate the target directory")?
        .to_path_buf();
    let target = profile
        .parent()
        .ok_or("cannot locate the target directory")?
        .to_path_buf();
    Ok(Dirs { profile, target })
}

/// Builds the `smtpscope` binary beside this example (same target directory and profile) when
/// run through cargo, and returns its path.
fn smtpscope_binary(dirs: &Dirs) -> Result<PathBuf, String> {
    let binary = dirs
        .profile
        .join(format!("smtpscope{}", std::env::consts::EXE_SUFFIX));
    if let Some(cargo) = std::env::var_os("CARGO") {
        let mut build = Command::new(cargo);
        build
            .args(["build", "--quiet", "--bin", "smtpscope", "--target-dir"])
            .arg(&dirs.target);
        if dirs.profile.file_name().is_some_and(|p| p == "release") {
            build.arg("--release");
        }
        let status = build.status().map_err(|e| format!("cargo build: {e}"))?;
        if !status.success() {
            return Err("cargo build --bin smtpscope failed".into());
        }
    }
    if binary.exists() {
        Ok(binary)
    } else {
        Err(format!(
            "{} is missing: run `cargo build --release` first",
            binary.display()
        ))
    }
}

fn generated_capture(dirs: &Dirs, opts: &Options) -> Result<PathBuf, String> {
    let dir = dirs.target.join("bench");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let bytes = opts.megabytes << 20;
    let name = match opts.profile {
        Profile::Hub => format!(
            "hub-v{}-{}mb-c{}-l{}.pcap",
            smtpscope_synth::hub::VERSION,
            opts.megabytes,
            opts.concurrency,
            opts.large_percent
        ),
        Profile::Bulk => format!("bulk-{}mb.pcap", opts.megabytes),
        Profile::Tls => format!("tls-{}mb.pcap", opts.megabytes.min(256)),
    };
    let path = dir.join(name);
    if path.exists() && (opts.profile != Profile::Tls || keylog_of(&path).exists()) {
        return Ok(path);
    }
    eprintln!("generating {} …", path.display());
    let partial = path.with_extension("partial");
    let out = BufWriter::new(File::create(&partial).map_err(|e| e.to_string())?);
    match opts.profile {
        Profile::Hub => {
            let mut hub = HubOptions::new(bytes);
            hub.concurrency = opts.concurrency;
            hub.large_percent = opts.large_percent;
            let s = write_hub_capture(out, &hub).map_err(|e| e.to_string())?;
            eprintln!(
                "  {} sessions ({} Internet, {} Exchange, {} STARTTLS, {} failing; {} with a large \
                 attachment), {} frames, median session {} bytes, {} connections open at once",
                s.sessions,
                s.by_kind[0],
                s.by_kind[1],
                s.by_kind[2],
                s.by_kind[3],
                s.large,
                s.frames,
                s.median_session_bytes,
                s.max_open
            );
        }
        Profile::Bulk => {
            let s = write_bulk_capture(out, &BulkOptions::new(bytes)).map_err(|e| e.to_string())?;
            eprintln!("  {} sessions, {} frames", s.sessions, s.frames);
        }
        Profile::Tls => {
            drop(out);
            tls_capture::write(&partial, &keylog_of(&path), opts.megabytes.min(256))?;
        }
    }
    std::fs::rename(&partial, &path).map_err(|e| e.to_string())?;
    Ok(path)
}

/// The key log beside a generated TLS capture.
fn keylog_of(capture: &Path) -> PathBuf {
    capture.with_extension("keylog")
}

/// One run of a command: wall time, and CPU time and peak memory when GNU time measured them.
#[derive(Clone, Copy, Debug)]
struct Run {
    wall: Duration,
    cpu: Option<f64>,
    rss_mib: Option<f64>,
}

/// Whether GNU time is there to measure CPU time and peak memory.
fn gnu_time() -> bool {
    Path::new("/usr/bin/time").exists()
}

/// Runs `program args` with standard output to `out`, and measures it.
fn run_once(program: &str, args: &[String], out: &Path, scratch: &Path) -> Result<Run, String> {
    let stdout = File::create(out).map_err(|e| e.to_string())?;
    let report = scratch.join("time.txt");
    let mut command = if gnu_time() {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-f").arg("%U %S %M").arg("-o").arg(&report).arg(program);
        c
    } else {
        Command::new(program)
    };
    command.args(args).stdout(stdout).stderr(Stdio::null());
    let start = Instant::now();
    let status = command.status().map_err(|e| format!("{program}: {e}"))?;
    let wall = start.elapsed();
    // smtpscope exits 1 when a finding reaches --fail-on; nothing here sets it, so any failure is real.
    if !status.success() {
        return Err(format!("{program} failed ({status})"));
    }
    let (mut cpu, mut rss_mib) = (None, None);
    if let Ok(text) = std::fs::read_to_string(&report) {
        let fields: Vec<f64> = text
            .lines()
            .last()
            .unwrap_or_default()
            .split_whitespace()
            .filter_map(|f| f.parse().ok())
            .collect();
        if let [user, system, kib] = fields[..] {
            cpu = Some(user + system);
            rss_mib = Some(kib / 1024.0);
        }
    }
    Ok(Run { wall, cpu, rss_mib })
}

/// One command of the comparison, run once per round; the fastest run is kept.
struct Job {
    label: String,
    program: String,
    args: Vec<String>,
    /// Where its standard output goes.
    stdout: PathBuf,
    /// The output whose size is shown (its standard output unless it writes a file of its own).
    out: PathBuf,
    /// `out` is a file the program appends to: removed before each run, so the size shown is one
    /// run's output.
    appended: bool,
    /// The name smtpscope's CPU time is compared with, for the tools users would pick instead.
    peer: Option<&'static str>,
    best: Option<Run>,
}

impl Job {
    fn new(label: String, program: &str, args: Vec<String>, out: PathBuf) -> Job {
        Job {
            label,
            program: program.into(),
            args,
            stdout: out.clone(),
            out,
            appended: false,
            peer: None,
            best: None,
        }
    }

    fn run(&mut self, scratch: &Path) -> Result<(), String> {
        if self.appended {
            let _ = std::fs::remove_file(&self.out);
        }
        let run = run_once(&self.program, &self.args, &self.stdout, scratch)?;
        if self.best.is_none_or(|b| run.wall < b.wall) {
            self.best = Some(run);
        }
        Ok(())
    }
}

/// What the capture holds, as smtpscope's summary counts it.
#[derive(Clone, Copy, Debug, Default)]
struct Facts {
    bytes: u64,
    packets: u64,
    sessions: u64,
}

fn facts_of(json_output: &Path, bytes: u64) -> Facts {
    let text = std::fs::read_to_string(json_output).unwrap_or_default();
    let summary = text.lines().last().unwrap_or_default();
    let field = |name: &str| -> u64 {
        let key = format!("\"{name}\":");
        summary
            .find(&key)
            .map(|at| &summary[at + key.len()..])
            .map(|rest| rest.chars().take_while(char::is_ascii_digit).collect::<String>())
            .and_then(|digits| digits.parse().ok())
            .unwrap_or(0)
    };
    Facts {
        bytes,
        packets: field("packets"),
        sessions: field("sessions"),
    }
}

/// The JSON values of a JSON Lines file, one per line (lines that are not JSON are skipped).
fn json_lines(path: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

/// The parts smtpscope's JSON report gives a SHA-256: how many, and their decoded bytes.
fn hashed_by_smtpscope(json_output: &Path) -> (u64, u64) {
    let sessions = json_lines(json_output);
    let transactions = sessions
        .iter()
        .flat_map(|s| s["transactions"].as_array().into_iter().flatten());
    let parts = transactions.flat_map(|t| t["message"]["parts"].as_array().into_iter().flatten());
    parts
        .filter(|p| p["sha256"].is_string())
        .fold((0, 0), |(n, bytes), p| {
            (n + 1, bytes + p["decoded_bytes"].as_u64().unwrap_or(0))
        })
}

/// The files Suricata's EVE log gives a SHA-256: how many, and their bytes.
fn hashed_by_suricata(eve: &Path) -> (u64, u64) {
    json_lines(eve)
        .iter()
        .map(|event| &event["fileinfo"])
        .filter(|file| file["sha256"].is_string())
        .fold((0, 0), |(n, bytes), f| {
            (n + 1, bytes + f["size"].as_u64().unwrap_or(0))
        })
}

fn print_header() {
    println!(
        "{:<44} {:>8} {:>8} {:>8} {:>9} {:>11} {:>11} {:>9} {:>9}",
        "command (output to a file)",
        "wall s",
        "CPU s",
        "MB/s",
        "MB/CPU-s",
        "packets/s",
        "sessions/s",
        "RSS MiB",
        "out MB"
    );
}

fn print_row(label: &str, facts: Facts, run: Run, out: &Path) {
    let secs = run.wall.as_secs_f64().max(1e-9);
    let per_sec = |n: u64| n as f64 / secs;
    let or_dash = |v: Option<f64>, digits: usize| v.map_or("-".to_string(), |v| format!("{v:.digits$}"));
    let out_mb = std::fs::metadata(out)
        .map(|m| m.len() as f64 / 1e6)
        .unwrap_or(0.0);
    println!(
        "{label:<44} {:>8.3} {:>8} {:>8.1} {:>9} {:>11.0} {:>11.0} {:>9} {:>9.1}",
        secs,
        or_dash(run.cpu, 3),
        per_sec(facts.bytes) / 1e6,
        // GNU time counts CPU in hundredths of a second: below that, no rate.
        or_dash(
            run.cpu
                .filter(|&cpu| cpu >= 0.01)
                .map(|cpu| facts.bytes as f64 / 1e6 / cpu),
            0
        ),
        per_sec(facts.packets),
        per_sec(facts.sessions),
        or_dash(run.rss_mib, 1),
        out_mb
    );
}

fn have(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// A Suricata configuration with only the SMTP app-layer parser, no rules, and EVE logging of SMTP
/// events to `log_dir/eve.json`; with `hash_files`, also the files its MIME decoder extracts, each
/// with its SHA-256 (`force-hash`), which is the work smtpscope does for every attachment.
fn suricata_config(log_dir: &Path, hash_files: bool) -> String {
    const OTHERS: &[&str] = &[
        "telnet",
        "rfb",
        "mqtt",
        "krb5",
        "bittorrent-dht",
        "snmp",
        "ike",
        "tls",
        "pgsql",
        "dcerpc",
        "ftp",
        "rdp",
        "ssh",
        "http2",
        "imap",
        "smb",
        "nfs",
        "tftp",
        "dns",
        "http",
        "modbus",
        "dnp3",
        "enip",
        "ntp",
        "quic",
        "dhcp",
        "sip",
    ];
    let mut yaml = format!(
        "%YAML 1.1\n---\ndefault-log-dir: {}\n\
         vars:\n  address-groups:\n    HOME_NET: \"any\"\n    EXTERNAL_NET: \"any\"\n\
         logging:\n  default-log-level: warning\n  outputs:\n    - console:\n        enabled: yes\n\
         outputs:\n  - eve-log:\n      enabled: yes\n      filetype: regular\n      filename: eve.json\n      types:\n        - smtp\n{}\
         stream:\n  memcap: 4gb\n  reassembly:\n    memcap: 8gb\n\
         flow:\n  memcap: 1gb\n\
         app-layer:\n  protocols:\n    smtp:\n      enabled: yes\n",
        log_dir.display(),
        if hash_files {
            "        - files:\n            force-hash: [sha256]\n"
        } else {
            ""
        }
    );
    for protocol in OTHERS {
        yaml.push_str(&format!("    {protocol}:\n      enabled: no\n"));
    }
    yaml
}

fn main() {
    let opts = match parse_args() {
        Ok(Some(o)) => o,
        Ok(None) => {
            print!("{HELP}");
            return;
        }
        Err(e) => {
            eprintln!("bench: {e}");
            std::process::exit(2);
        }
    };
    if let Err(e) = run(&opts) {
        eprintln!("bench: {e}");
        std::process::exit(2);
    }
}

fn run(opts: &Options) -> Result<(), String> {
    let dirs = dirs()?;
    let smtpscope = smtpscope_binary(&dirs)?;
    let smtpscope = smtpscope.to_string_lossy().into_owned();
    let capture = match &opts.file {
        Some(file) => file.clone(),
        None => generated_capture(&dirs, opts)?,
    };
    let scratch = dirs.target.join("bench/out");
    std::fs::create_dir_all(&scratch).map_err(|e| e.to_string())?;
    let file = capture.to_string_lossy().into_owned();
    let bytes = std::fs::metadata(&capture)
        .map_err(|e| format!("{file}: {e}"))?
        .len();
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let thread_counts = opts
        .threads
        .clone()
        .unwrap_or_else(|| vec![smtpscope::cli::config::default_threads()]);
    println!(
        "capture: {file} ({:.1} MB); {} run(s) of every command, the fastest shown; {cores} cores",
        bytes as f64 / 1e6,
        opts.runs
    );
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        let load: Vec<&str> = load.split_whitespace().take(3).collect();
        println!(
            "load average before the first run: {} (other work on the machine slows wall times)",
            load.join(" ")
        );
    }
    if !gnu_time() {
        println!(
            "(GNU time is not installed — `apt-get install time` — so CPU time and memory are not shown)"
        );
    }
    // The TLS profile decrypts with its key log (a --file is measured as it is).
    let keylog = (opts.profile == Profile::Tls && opts.file.is_none()).then(|| keylog_of(&capture));
    let keys: Vec<String> = keylog
        .iter()
        .flat_map(|k| ["--tls-keylog".to_string(), k.to_string_lossy().into_owned()])
        .collect();
    let analyze = |format: &str, threads: usize| -> Vec<String> {
        let mut args: Vec<String> = ["analyze", "--format", format, "--threads", &threads.to_string()]
            .map(String::from)
            .to_vec();
        args.extend(keys.iter().cloned());
        args.push(file.clone());
        args
    };
    let with_keys = if keys.is_empty() { "" } else { " --tls-keylog K" };
    let json_out = scratch.join("smtpscope.jsonl");
    let text_out = scratch.join("smtpscope.txt");
    let mut jobs = vec![Job::new(
        format!("smtpscope analyze --format json{with_keys} --threads 1"),
        &smtpscope,
        analyze("json", 1),
        json_out.clone(),
    )];
    let mut rows = vec![("text", 1)];
    for threads in thread_counts.into_iter().filter(|&n| n > 1) {
        rows.extend([("json", threads), ("text", threads)]);
    }
    for (format, threads) in rows {
        let out = if format == "json" { &json_out } else { &text_out };
        jobs.push(Job::new(
            format!("smtpscope analyze --format {format}{with_keys} --threads {threads}"),
            &smtpscope,
            analyze(format, threads),
            out.clone(),
        ));
    }
    if !keys.is_empty() {
        // The same capture without its keys: the handshake read, the records counted.
        let args: Vec<String> = ["analyze", "--format", "json", "--threads", "1", &file]
            .map(String::from)
            .to_vec();
        jobs.push(Job::new(
            "smtpscope analyze --format json --threads 1 (no keys)".into(),
            &smtpscope,
            args,
            scratch.join("smtpscope-no-keys.jsonl"),
        ));
    }
    let mut skipped = Vec::new();
    if opts.tshark {
        if have("tshark") {
            let mut args: Vec<String> = keylog
                .iter()
                .flat_map(|k| ["-o".to_string(), format!("tls.keylog_file:{}", k.display())])
                .collect();
            args.extend(
                [
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
                ]
                .map(String::from),
            );
            let label = if keylog.is_some() {
                "tshark -o tls.keylog_file -Y smtp -T fields"
            } else {
                "tshark -Y smtp -T fields (2 fields)"
            };
            let mut job = Job::new(label.into(), "tshark", args, scratch.join("tshark.tsv"));
            job.peer = Some("tshark");
            jobs.push(job);
        } else {
            skipped.push("tshark: not installed (apt-get install tshark); skipped");
        }
    }
    if opts.suricata {
        if have("suricata") {
            let rules = scratch.join("empty.rules");
            std::fs::write(&rules, "").map_err(|e| e.to_string())?;
            for hash_files in [false, true] {
                let name = if hash_files { "suricata-files" } else { "suricata" };
                let log_dir = scratch.join(name);
                std::fs::create_dir_all(&log_dir).map_err(|e| e.to_string())?;
                let config = scratch.join(format!("{name}.yaml"));
                std::fs::write(&config, suricata_config(&log_dir, hash_files)).map_err(|e| e.to_string())?;
                let args: Vec<String> = ["-r", &file, "-k", "none", "--runmode", "single", "-c"]
                    .map(String::from)
                    .into_iter()
                    .chain([
                        config.to_string_lossy().into_owned(),
                        "-S".into(),
                        rules.to_string_lossy().into_owned(),
                    ])
                    .chain(["-l".to_string(), log_dir.to_string_lossy().into_owned()])
                    .collect();
                let (label, peer) = if hash_files {
                    (
                        "suricata, as above + file SHA-256 (eve files)",
                        "Suricata hashing files",
                    )
                } else {
                    ("suricata --runmode single (SMTP only, eve)", "Suricata")
                };
                let mut job = Job::new(label.into(), "suricata", args, log_dir.join("eve.json"));
                job.stdout = scratch.join(format!("{name}.stdout"));
                job.appended = true;
                job.peer = Some(peer);
                jobs.push(job);
            }
        } else {
            skipped.push(
                "suricata: not installed; skipped (Debian: add bookworm-backports, then \
                 `apt-get install -t bookworm-backports suricata`; see --help)",
            );
        }
    }
    // Round by round, every command once per round: a machine that slows down or speeds up
    // during the measurement does so for every tool alike.
    for round in 1..=opts.runs {
        eprintln!("round {round} of {}", opts.runs);
        for job in &mut jobs {
            job.run(&scratch)?;
        }
    }
    let facts = facts_of(&json_out, bytes);
    println!(
        "{} packets, {} SMTP sessions (smtpscope's count)\n",
        facts.packets, facts.sessions
    );
    print_header();
    for job in &jobs {
        if let Some(run) = job.best {
            print_row(&job.label, facts, run, &job.out);
        }
    }
    for line in skipped {
        println!("{line}");
    }
    // What each tool hashed with SHA-256: (files, decoded bytes).
    let mut hashed: Vec<(&str, (u64, u64))> = vec![("smtpscope", hashed_by_smtpscope(&json_out))];
    if let Some(job) = jobs.iter().find(|j| j.peer == Some("Suricata hashing files")) {
        hashed.push(("Suricata", hashed_by_suricata(&job.out)));
    }
    let json1 = jobs.first().and_then(|j| j.best);
    let others: Vec<(&str, Run)> = jobs.iter().filter_map(|j| Some((j.peer?, j.best?))).collect();
    // Start-up: an empty capture.
    let empty = scratch.join("empty.pcap");
    std::fs::write(
        &empty,
        [
            0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 1, 0, 0, 0,
        ],
    )
    .map_err(|e| e.to_string())?;
    let startup_args = [
        "analyze".to_string(),
        "--threads".into(),
        "1".into(),
        empty.to_string_lossy().into_owned(),
    ];
    // Spawned directly (not through GNU time), the fastest of 20: what a user waits for.
    let startup = (0..20)
        .filter_map(|_| {
            let start = Instant::now();
            let status = Command::new(&smtpscope)
                .args(&startup_args)
                .stdout(Stdio::null())
                .status()
                .ok()?;
            status.success().then(|| start.elapsed())
        })
        .min()
        .unwrap_or_default();
    println!(
        "\nsmtpscope start-up (an empty capture, fastest of 20 runs): {:.1} ms",
        startup.as_secs_f64() * 1e3
    );
    if hashed.len() > 1 {
        let each: Vec<String> = hashed
            .iter()
            .map(|(tool, (files, bytes))| format!("{tool} {files} ({:.1} MB)", *bytes as f64 / 1e6))
            .collect();
        println!("attachments hashed with SHA-256: {}", each.join(", "));
    }
    for (name, run) in others {
        if let (Some(theirs), Some(ours)) = (run.cpu, json1.and_then(|r| r.cpu)) {
            println!(
                "CPU time, smtpscope --format json --threads 1 against {name}: {:.3} (1/{:.1})",
                ours / theirs,
                theirs / ours.max(1e-9)
            );
        }
    }
    Ok(())
}
