//! The `smtpscope` binary: parse the command line, run, map the outcome to an exit code.
//!
//! Exit codes: 0 analysis done; 1 a `--fail-on` threshold was reached; 2 bad usage or an input that
//! could not be read (completely). A closed output pipe (`smtpscope … | head`) counts as success.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use smtpscope::app::{self, Outcome};
use smtpscope::cli::config::{AnalyzeConfig, DiffConfig, LiveConfig};
use smtpscope::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Analyze(args) => {
            let config = AnalyzeConfig::from_args(args);
            app::analyze(&config, &mut io::stdout().lock(), &mut io::stderr().lock())
        }
        Command::Live(args) => {
            let config = LiveConfig::from_args(args);
            app::live(&config, &mut io::stdout().lock(), &mut io::stderr().lock())
        }
        Command::Diff(args) => {
            let config = DiffConfig::from_args(args);
            app::diff(&config, &mut io::stdout().lock(), &mut io::stderr().lock())
        }
        Command::Rules(args) => app::rules(args.id.as_deref(), &mut io::stdout().lock()),
        Command::Explain(args) => app::explain(
            &args.code.join(" "),
            &mut io::stdout().lock(),
            &mut io::stderr().lock(),
        ),
    };
    match result {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::ThresholdReached) => ExitCode::from(1),
        Ok(Outcome::InputError) => ExitCode::from(2),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "smtpscope: cannot write the report: {e}");
            ExitCode::from(2)
        }
    }
}
