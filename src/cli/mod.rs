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
    /// Sniff an interface and report each SMTP session and its findings as it ends (needs the
    /// `live` feature and capture permission).
    Live(LiveArgs),
    /// Compare a capture taken at the sending server with one taken at the receiving server: what
    /// something in between dropped, rewrote or answered.
    Diff(DiffArgs),
    /// List the findings smtpscope can report, or explain one (`smtpscope rules xexch50-rejected`).
    Rules(RulesArgs),
    /// Explain an SMTP reply code: `smtpscope explain 5.7.3`, `smtpscope explain 452`,
    /// `smtpscope explain "550 5.7.1"` (meaning, the Exchange NDR with causes and steps, and the
    /// findings it raises).
    Explain(ExplainArgs),
}

/// Arguments of `smtpscope explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The code: a basic reply code (`452`), an enhanced status code (`5.7.3`, `X.7.1`), or both
    /// (`"550 5.7.1"`).
    #[arg(value_name = "CODE", required = true, num_args = 1..)]
    pub code: Vec<String>,
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

/// Arguments of `smtpscope diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The capture taken at (or next to) the sending server.
    #[arg(value_name = "SENDER_CAPTURE")]
    pub sender: String,

    /// The capture taken at (or next to) the receiving server, at the same time.
    #[arg(value_name = "RECEIVER_CAPTURE")]
    pub receiver: String,

    /// Output options shared by every subcommand that reports sessions.
    #[command(flatten)]
    pub report: ReportArgs,
}

/// Arguments of `smtpscope live`.
#[derive(Debug, Args)]
pub struct LiveArgs {
    /// The interface to capture on (`any` for all of them on Linux).
    #[arg(
        short = 'i',
        long,
        value_name = "IFACE",
        required_unless_present = "list_interfaces"
    )]
    pub interface: Option<String>,

    /// List the interfaces that can be captured on, and exit.
    #[arg(long)]
    pub list_interfaces: bool,

    /// BPF capture filter; default: `tcp port P or …` for each `--port`.
    #[arg(short = 'f', long = "filter", value_name = "BPF")]
    pub filter: Option<String>,

    /// Bytes kept of each packet.
    #[arg(long, value_name = "BYTES", default_value_t = 262_144, value_parser = clap::value_parser!(i32).range(64..=262_144))]
    pub snaplen: i32,

    /// Kernel capture buffer in KiB, as tcpdump's -B: raise it when the summary reports capture
    /// drops on a busy server.
    #[arg(short = 'B', long = "buffer-size", value_name = "KiB", default_value_t = 32_768, value_parser = clap::value_parser!(i32).range(1024..=4_194_304))]
    pub buffer_kib: i32,

    /// Capture in promiscuous mode (the default).
    #[arg(long, overrides_with = "no_promisc")]
    pub promisc: bool,

    /// Capture only traffic to and from this host.
    #[arg(long)]
    pub no_promisc: bool,

    /// Stop after this many seconds.
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..))]
    pub duration: Option<u64>,

    /// Stop after this many packets.
    #[arg(long, value_name = "PACKETS", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,

    /// Save the packets analysed to this pcap file (re-analyse it with `smtpscope analyze`).
    #[arg(long, value_name = "FILE.pcap")]
    pub write: Option<std::path::PathBuf>,

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

    /// A mail domain the servers in the capture are responsible for (repeatable); enables the
    /// `open-relay` finding.
    #[arg(long = "local-domain", value_name = "DOMAIN")]
    pub local_domains: Vec<String>,

    /// Exit with status 1 when a finding at or above this severity is reported.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<SeverityArg>,

    /// Show only findings at or above this severity.
    #[arg(long, value_enum, value_name = "SEVERITY", default_value_t = SeverityArg::Info)]
    pub severity: SeverityArg,

    /// Show only the finding with this id (repeatable; `smtpscope rules` lists them).
    #[arg(long, value_name = "ID", value_parser = finding_id)]
    pub only: Vec<String>,

    /// Never show the finding with this id (repeatable).
    #[arg(long, value_name = "ID", value_parser = finding_id)]
    pub exclude: Vec<String>,

    /// Close a connection after this many seconds without a packet (capture time in `analyze`,
    /// the wall clock in `live`).
    #[arg(long, value_name = "SECONDS", default_value_t = 600, value_parser = clap::value_parser!(u64).range(1..))]
    pub idle_timeout: u64,

    /// Threads decoding connections, each owning the connections its share of flows falls to; the
    /// report is the same whatever the number. Default: the number of cores; 1 decodes everything
    /// on the thread that reads the capture.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub threads: Option<u16>,
}

/// `--format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Human-readable report.
    Text,
    /// JSON Lines, as documented in the README.
    Json,
}

/// Severity values of `--fail-on` and `--severity`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SeverityArg {
    /// Worth knowing.
    Info,
    /// A likely problem.
    Warning,
    /// Something failed.
    Error,
    /// An attack or exploit shape.
    Critical,
}

/// Accepts a finding id of the catalogue, or says which ids exist.
fn finding_id(id: &str) -> Result<String, String> {
    if crate::rules::rule(id).is_some() {
        return Ok(id.to_string());
    }
    let known: Vec<&str> = crate::rules::catalogue().map(|r| r.id).collect();
    let near: Vec<&str> = known
        .iter()
        .copied()
        .filter(|k| k.contains(id) || id.contains(*k) || edit_distance(k, id) <= 2)
        .collect();
    Err(if near.is_empty() {
        format!(
            "unknown finding id; `smtpscope rules` lists them: {}",
            known.join(", ")
        )
    } else {
        format!("unknown finding id; did you mean {}?", near.join(" or "))
    })
}

/// Levenshtein distance between two short ASCII names (for "did you mean").
fn edit_distance(a: &str, b: &str) -> usize {
    let b = b.as_bytes();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.bytes().enumerate() {
        let mut diagonal = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or(usize::MAX);
            let left = row.get(j).copied().unwrap_or(usize::MAX);
            let best = (diagonal + usize::from(ca != *cb))
                .min(above.saturating_add(1))
                .min(left.saturating_add(1));
            diagonal = above;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = best;
            }
        }
    }
    row.last().copied().unwrap_or(0)
}

/// Arguments of `smtpscope rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Explain this finding in full (trigger, advice, caveats, references).
    #[arg(value_name = "ID", value_parser = finding_id)]
    pub id: Option<String>,
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
