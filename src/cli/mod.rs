//! Command-line syntax: the clap derive structs and nothing else.
//!
//! Owns argument names, help texts and syntax-level validation. Turning arguments into a validated
//! [`config::Config`] happens in [`config`]; nothing below `app` ever sees a clap type.
//! Must not: open files, touch captures, or hold logic beyond parsing.

use clap::{Args, Parser, Subcommand, ValueEnum};

pub mod config;

/// smtpscope: decode SMTP from packet captures and explain what went wrong between mail servers.
#[derive(Debug, Parser)]
#[command(name = "smtpscope", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyze saved captures (pcap, pcapng, Network Monitor .cap): one report per SMTP session.
    Analyze(AnalyzeArgs),
}

/// Arguments of `smtpscope analyze`.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Capture files to read, in order; `-` reads standard input. The format is detected from the
    /// file's first bytes, whatever its name.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<String>,

    /// Output options shared by every subcommand that reports sessions.
    #[command(flatten)]
    pub report: ReportArgs,
}

/// Options shared by the subcommands that decode traffic and print a report.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Output format: `text` for people, `json` for JSON Lines (one object per line).
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,

    /// A TCP port SMTP servers listen on (repeatable). Default: 25, 587 and 2525.
    #[arg(long = "port", value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub ports: Vec<u16>,

    /// When to colour the text output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,

    /// Show every EHLO keyword line and every line of multi-line replies in the text report.
    #[arg(short, long)]
    pub verbose: bool,

    /// Print AUTH passwords and SASL tokens instead of `<redacted>`.
    #[arg(long)]
    pub show_secrets: bool,

    /// Close a connection after this many seconds without a packet (capture time, not wall time).
    #[arg(long, value_name = "SECONDS", default_value_t = 600, value_parser = clap::value_parser!(u64).range(1..))]
    pub idle_timeout: u64,
}

/// `--format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Human-readable report.
    Text,
    /// JSON Lines, as documented in the README.
    Json,
}

/// `--color` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// Colour when standard output is a terminal.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}
