//! Writes the synthetic sample captures: `cargo run --example gen_captures [OUTDIR]`.
//!
//! OUTDIR defaults to `captures/synthetic`. The files are built by `smtpscope_synth::samples`;
//! tests/synth.rs checks that the committed ones equal a fresh generation, so regenerate with this
//! example after changing the generator and commit the result.

use std::path::PathBuf;
use std::process::ExitCode;

use smtpscope_synth::samples::write_samples;

fn main() -> ExitCode {
    let dir = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("captures/synthetic"), PathBuf::from);
    match write_samples(&dir) {
        Ok(paths) => {
            for path in paths {
                println!("{}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_captures: {e}");
            ExitCode::FAILURE
        }
    }
}
