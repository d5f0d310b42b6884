//! The `smtpscope` binary: parse the command line, run, map the outcome to an exit code.
//!
//! Exit codes: 0 analysis done; 1 a `--fail-on` threshold was reached; 2 bad usage or an input that
//! could not be read (completely). A closed output pipe (`smtpscope … | head`) counts as success.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use smtpscope::app::{self, Outcome};
use smtpscope::cli::config::{AnalyzeConfig, DiffConfig, ExportConfig, LiveConfig};
use smtpscope::cli::{Cli, Command, FormatArg};
use smtpscope::l10n::{self, AsciiWriter, Locale};

/// Where the report goes: `--output FILE`, or standard output.
fn report_out(path: Option<&Path>) -> io::Result<Box<dyn Write>> {
    Ok(match path {
        Some(path) => Box::new(
            File::create(path)
                .map_err(|e| io::Error::new(e.kind(), format!("cannot create {}: {e}", path.display())))?,
        ),
        None => Box::new(io::stdout().lock()),
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let locale = Locale::from_env(cli.lang.map(Into::into));
    l10n::set(locale);
    let (output, format) = match &cli.command {
        Command::Analyze(args) => (args.report.output.as_deref(), Some(args.report.format)),
        Command::Live(args) => (args.report.output.as_deref(), Some(args.report.format)),
        Command::Diff(args) => (args.report.output.as_deref(), Some(args.report.format)),
        _ => (None, None),
    };
    let mut out = match report_out(output) {
        Ok(out) => out,
        Err(e) => {
            let _ = writeln!(io::stderr(), "smtpscope: {e}");
            return ExitCode::from(2);
        }
    };
    // The C/POSIX locale: the text report, `rules` and `explain` in plain ASCII (JSON and HTML are
    // UTF-8 by definition).
    if locale.ascii && matches!(format, Some(FormatArg::Text)) {
        out = Box::new(AsciiWriter::new(out));
    }
    let stdout = || -> Box<dyn Write> {
        let stdout = io::stdout().lock();
        if locale.ascii {
            Box::new(AsciiWriter::new(stdout))
        } else {
            Box::new(stdout)
        }
    };
    let result = match &cli.command {
        Command::Analyze(args) => {
            let config = AnalyzeConfig::from_args(args);
            app::analyze(&config, &mut out, &mut io::stderr().lock())
        }
        Command::Live(args) => {
            let config = LiveConfig::from_args(args);
            app::live(&config, &mut out, &mut io::stderr().lock())
        }
        Command::Diff(args) => {
            let config = DiffConfig::from_args(args);
            app::diff(&config, &mut out, &mut io::stderr().lock())
        }
        Command::Rules(args) => app::rules(args.id.as_deref(), &mut stdout()),
        Command::Export(args) => {
            let config = ExportConfig::from_args(args);
            app::export(&config, &mut io::stdout().lock(), &mut io::stderr().lock())
        }
        Command::Explain(args) => app::explain(&args.code.join(" "), &mut stdout(), &mut io::stderr().lock()),
        Command::Completions(args) => {
            smtpscope::cli::docs::completions(args.shell, &mut io::stdout().lock()).map(|()| Outcome::Done)
        }
        Command::Man => smtpscope::cli::docs::man(&mut io::stdout().lock()).map(|()| Outcome::Done),
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
