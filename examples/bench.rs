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
//! Then TLS: a second capture (at most 256 MB) of 16 STARTTLS sessions, TLS 1.2 with
//! TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, each carrying one large message in 16 KB records, and its
//! key log. `analyze` runs on it with the key log (every record decrypted and the SMTP inside
//! decoded) and without (records framed and counted); the rate given is MB/s of TLS application
//! data, and tshark's time with the same key log when tshark is installed.
//!
//! Options: `--megabytes N` (size of the generated capture, default 1024), `--file PATH` (measure an
//! existing capture instead), `--no-tshark`.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use std::sync::Arc;

use aes_gcm::aead::AeadInPlace;
use aes_gcm::{Aes128Gcm, KeyInit};
use smtpscope::app::Pipeline;
use smtpscope::capture::file::open;
use smtpscope::capture::Input;
use smtpscope::cli::config::ReportConfig;
use smtpscope::output::{self, OutputFormat};
use smtpscope::tls::record::Header;
use smtpscope::tls::schedule::{key_block, PrfHash};
use smtpscope::tls::{KeyLog, TlsKeys};
use smtpscope_synth::{write_bulk_capture, BulkOptions, Capture, Script, SynthOptions};

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

/// One TLS 1.2 AES-128-GCM sender: records of one direction, with their sequence numbers.
struct Sealer {
    cipher: Aes128Gcm,
    salt: [u8; 4],
    seq: u64,
}

impl Sealer {
    /// A record of `content_type` carrying `plain`, as RFC 5288 lays it out.
    fn seal(&mut self, content_type: u8, plain: &[u8]) -> Vec<u8> {
        let explicit = self.seq.to_be_bytes();
        let mut nonce = [0u8; 12];
        nonce[..4].copy_from_slice(&self.salt);
        nonce[4..].copy_from_slice(&explicit);
        let mut aad = self.seq.to_be_bytes().to_vec();
        aad.extend([content_type, 3, 3]);
        aad.extend((plain.len() as u16).to_be_bytes());
        let mut body = plain.to_vec();
        let tag = self
            .cipher
            .encrypt_in_place_detached(&nonce.into(), &aad, &mut body)
            .expect("AES-GCM seals");
        self.seq += 1;
        let mut fragment = explicit.to_vec();
        fragment.extend(body);
        fragment.extend(tag);
        record(content_type, &fragment)
    }
}

fn record(content_type: u8, fragment: &[u8]) -> Vec<u8> {
    let header = Header {
        content_type,
        version: 0x0303,
        len: fragment.len() as u16,
    };
    [&header.to_bytes()[..], fragment].concat()
}

/// A handshake record: the message type, its 24-bit length, the body.
fn handshake(kind: u8, body: &[u8]) -> Vec<u8> {
    let len = (body.len() as u32).to_be_bytes();
    record(22, &[&[kind], &len[1..], body].concat())
}

/// One STARTTLS session with `body` bytes of message inside TLS; its key log line.
fn tls_session(index: u8, body: usize) -> (Script, String) {
    let (client_random, server_random, master) =
        ([index; 32], [index ^ 0xff; 32], [index.wrapping_add(1); 48]);
    let keys = key_block(PrfHash::Sha256, &master, &client_random, &server_random, 40);
    let sealer = |key: &[u8], salt: &[u8]| Sealer {
        cipher: Aes128Gcm::new_from_slice(key).expect("a 16-byte key"),
        salt: salt.try_into().expect("a 4-byte salt"),
        seq: 0,
    };
    let (mut client, mut server) = (
        sealer(&keys[0..16], &keys[32..36]),
        sealer(&keys[16..32], &keys[36..40]),
    );
    // ClientHello (1) offering one suite, ServerHello (2) choosing it; no session id, no extensions.
    let hello = |kind: u8, random: &[u8; 32]| {
        let tail: &[u8] = if kind == 1 {
            &[0, 2, 0xc0, 0x2f, 1, 0, 0, 0]
        } else {
            &[0xc0, 0x2f, 0, 0, 0]
        };
        handshake(kind, &[&[3u8, 3][..], random, &[0], tail].concat())
    };
    let finished = [&[20u8, 0, 0, 12][..], &[0x5a; 12]].concat();
    let mut script = Script::new()
        .server("220 mx.example ESMTP\r\n")
        .client("EHLO bench.example\r\n")
        .server("250-mx.example\r\n250 STARTTLS\r\n")
        .client("STARTTLS\r\n")
        .server("220 2.0.0 Ready to start TLS\r\n")
        .client(hello(1, &client_random))
        .server([hello(2, &server_random), handshake(14, &[])].concat())
        .client(
            [
                handshake(16, &[1, 4]),
                record(20, &[1]),
                client.seal(22, &finished),
            ]
            .concat(),
        )
        .server([record(20, &[1]), server.seal(22, &finished)].concat());
    for (command, reply) in [
        ("EHLO bench.example\r\n", "250 mx.example\r\n"),
        ("MAIL FROM:<a@bench.example>\r\n", "250 2.1.0 Ok\r\n"),
        ("RCPT TO:<b@mx.example>\r\n", "250 2.1.5 Ok\r\n"),
        ("DATA\r\n", "354 End data with <CR><LF>.<CR><LF>\r\n"),
    ] {
        script = script
            .client(client.seal(23, command.as_bytes()))
            .server(server.seal(23, reply.as_bytes()));
    }
    let line = b"a line of the message, the same again and again, as filler for throughput\r\n";
    let message: Vec<u8> = line.iter().copied().cycle().take(body).chain(*b".\r\n").collect();
    let mut data = Vec::with_capacity(message.len() + message.len() / 300);
    for chunk in message.chunks(16 * 1024) {
        data.extend(client.seal(23, chunk));
    }
    script = script
        .client(data)
        .server(server.seal(23, b"250 2.0.0 Ok: queued\r\n"))
        .client(client.seal(23, b"QUIT\r\n"))
        .server(server.seal(23, b"221 2.0.0 Bye\r\n"));
    let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
    (
        script,
        format!("CLIENT_RANDOM {} {}\n", hex(&client_random), hex(&master)),
    )
}

/// The TLS capture and its key log (cached under `target/bench/`).
fn tls_capture(megabytes: u64) -> Result<(PathBuf, PathBuf), String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let path = dir.join(format!("tls-{megabytes}mb.pcap"));
    let keylog = path.with_extension("keylog");
    if !path.exists() || !keylog.exists() {
        eprintln!("generating {} …", path.display());
        let sessions = 16u8;
        let body = ((megabytes << 20) / u64::from(sessions)) as usize;
        let server = "198.51.100.25:25".parse().expect("an address");
        let mut capture = Capture::new(smtpscope::capture::LinkType::ETHERNET);
        let mut log = String::new();
        for i in 0..sessions {
            let (script, line) = tls_session(i, body);
            let client = format!("192.0.2.{}:{}", 10 + i, 40000 + u16::from(i))
                .parse()
                .expect("an address");
            capture = capture
                .add(&script, &SynthOptions::new(client, server))
                .map_err(|e| e.to_string())?;
            log.push_str(&line);
        }
        let partial = path.with_extension("partial");
        capture
            .write_pcap(BufWriter::new(File::create(&partial).map_err(|e| e.to_string())?))
            .map_err(|e| e.to_string())?;
        std::fs::rename(&partial, &path).map_err(|e| e.to_string())?;
        std::fs::write(&keylog, log).map_err(|e| e.to_string())?;
    }
    Ok((path, keylog))
}

fn whole_pipeline(path: &Path) -> u64 {
    pipeline_with_keys(path, None)
}

/// The whole pipeline, decrypting TLS with `keys`; the packets read.
fn pipeline_with_keys(path: &Path, keys: Option<Arc<TlsKeys>>) -> u64 {
    let config = ReportConfig {
        format: OutputFormat::Json,
        ..ReportConfig::default()
    };
    let mut source = open(&Input::Path(path.to_path_buf())).expect("the capture opens");
    let mut sink = std::io::sink();
    let mut printer = output::printer(OutputFormat::Json, Default::default(), &mut sink);
    let mut pipeline = Pipeline::new(&config, path.display().to_string().into(), 1).with_tls_keys(keys);
    let _ = pipeline.run(source.as_mut(), printer.as_mut());
    let _ = pipeline.finish(printer.as_mut());
    source.stats().packets
}

/// TLS application-data bytes of a capture's sessions (what decryption has to open).
fn tls_application_bytes(path: &Path, keylog: &Path) -> u64 {
    let config = ReportConfig::default();
    let mut log = KeyLog::new();
    log.add(&std::fs::read(keylog).unwrap_or_default());
    let input = Input::Path(path.to_path_buf());
    let sessions =
        smtpscope::app::sessions_of(&input, &config, Some(Arc::new(TlsKeys::new(log, Vec::new()))));
    sessions
        .sessions
        .iter()
        .map(|s| s.dialogue.tls.encrypted_bytes.c2s + s.dialogue.tls.encrypted_bytes.s2c)
        .sum()
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

/// `tshark -r FILE OPTIONS -Y smtp -T fields -e FIELD…`: its time.
fn tshark_smtp_fields(file: &str, options: &[&str], fields: &[&str]) -> Option<Duration> {
    let mut args = vec!["-r", file];
    args.extend(options);
    args.extend(["-Y", "smtp", "-T", "fields"]);
    for field in fields {
        args.extend(["-e", field]);
    }
    tshark_time(&args)
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
        if let Some(t) = tshark_smtp_fields(&file, &[], &["smtp.req.command", "smtp.response.code"]) {
            report("tshark -Y smtp -T fields", bytes, packets, t);
        }
    }
    tls_bench(opts.megabytes.min(256), opts.tshark);
}

/// The TLS part: `analyze` on the TLS capture with and without its key log, in MB/s of TLS
/// application data.
fn tls_bench(megabytes: u64, tshark: bool) {
    let (path, keylog) = match tls_capture(megabytes) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("bench: cannot prepare the TLS capture: {e}");
            return;
        }
    };
    let app = tls_application_bytes(&path, &keylog);
    println!(
        "TLS capture: {} ({:.1} MB of TLS application data)",
        path.display(),
        app as f64 / 1e6
    );
    let mut log = KeyLog::new();
    log.add(&std::fs::read(&keylog).unwrap_or_default());
    let keys = Arc::new(TlsKeys::new(log, Vec::new()));
    let (t, packets) = best_of_three(|| pipeline_with_keys(&path, Some(keys.clone())));
    report("smtpscope analyze, decrypting", app, packets, t);
    let (t, packets) = best_of_three(|| pipeline_with_keys(&path, None));
    report("smtpscope analyze, no keys", app, packets, t);
    if tshark {
        let file = path.to_string_lossy();
        let option = format!("tls.keylog_file:{}", keylog.display());
        match tshark_smtp_fields(&file, &["-o", &option], &["smtp.req.command"]) {
            Some(t) => report("tshark -o tls.keylog_file -Y smtp", app, packets, t),
            None => println!("tshark: not installed or failed; skipped"),
        }
    }
}
