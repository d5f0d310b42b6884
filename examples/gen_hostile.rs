//! Writes a hostile or large capture shape (see `smtpscope_synth::hostile`):
//!
//! ```sh
//! cargo run --release --example gen_hostile -- syn-flood N OUT.pcap
//! cargo run --release --example gen_hostile -- half-open-flood N OUT.pcap
//! cargo run --release --example gen_hostile -- nat-pair N SENDER.pcap RECEIVER.pcap
//! ```
//!
//! N is the number of connections (sessions a side for `nat-pair`). The files are written record by
//! record, so any N fits in memory. The README's "Hostile input" section uses them for its figures.

use std::fs::File;
use std::io::BufWriter;
use std::process::ExitCode;

use smtpscope_synth::hostile::{write_flood, write_nat_pair, FloodOptions, FloodShape, NatPairOptions};

fn create(path: &str) -> Result<BufWriter<File>, String> {
    File::create(path)
        .map(BufWriter::new)
        .map_err(|e| format!("{path}: {e}"))
}

fn run(args: &[String]) -> Result<(), String> {
    let usage = "usage: gen_hostile syn-flood|half-open-flood N OUT | nat-pair N SENDER RECEIVER";
    let [shape, n, out @ ..] = args else {
        return Err(usage.into());
    };
    let n: u64 = n.parse().map_err(|_| format!("not a number: {n}"))?;
    match (shape.as_str(), out) {
        ("syn-flood" | "half-open-flood", [path]) => {
            let shape = if shape == "syn-flood" {
                FloodShape::Syn
            } else {
                FloodShape::HalfOpen
            };
            let w = write_flood(create(path)?, &FloodOptions::new(n, shape)).map_err(|e| e.to_string())?;
            println!(
                "{path}: {} connections, {} frames, {} bytes",
                w.connections, w.frames, w.file_bytes
            );
        }
        ("nat-pair", [sender, receiver]) => {
            let [a, b] = write_nat_pair(create(sender)?, create(receiver)?, &NatPairOptions::new(n))
                .map_err(|e| e.to_string())?;
            println!("{sender}: {} sessions, {} bytes", a.connections, a.file_bytes);
            println!("{receiver}: {} sessions, {} bytes", b.connections, b.file_bytes);
        }
        _ => return Err(usage.into()),
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_hostile: {e}");
            ExitCode::FAILURE
        }
    }
}
