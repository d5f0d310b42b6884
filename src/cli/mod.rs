//! Command-line syntax: the clap derive structs and nothing else.
//!
//! Owns argument names, help texts and syntax-level validation. Turning arguments into a validated
//! configuration ([`config::AnalyzeConfig`], [`config::DiffConfig`], …) happens in [`config`];
//! nothing below `app` ever sees a clap type.
//! Must not: open files, touch captures, or hold logic beyond parsing.

use clap::{Args, Parser, Subcommand, ValueEnum};

pub mod config;
pub mod docs;

/// What `--version` prints: the version, the commit built and the cargo features built in.
pub const LONG_VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (", env!("SMTPSCOPE_BUILD"), ")");

/// smtpscope: decode SMTP from packet captures and explain what went wrong between mail servers.
#[derive(Debug, Parser)]
#[command(
    name = "smtpscope",
    version,
    long_version = LONG_VERSION,
    about,
    long_about = None,
    propagate_version = true
)]
pub struct Cli {
    /// The language of the text and HTML reports, `rules` and `explain` (JSON stays English).
    /// Default: from LC_ALL, LC_MESSAGES or LANG; C, POSIX and other languages give English, and
    /// the C/POSIX locale also makes the text output plain ASCII.
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<LangArg>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The languages of `--lang`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// English.
    En,
    /// Japanese (日本語).
    Ja,
    /// Polish (polski).
    Pl,
    /// Turkish (Türkçe).
    Tr,
}

impl From<LangArg> for crate::l10n::Lang {
    fn from(lang: LangArg) -> Self {
        match lang {
            LangArg::En => crate::l10n::Lang::En,
            LangArg::Ja => crate::l10n::Lang::Ja,
            LangArg::Pl => crate::l10n::Lang::Pl,
            LangArg::Tr => crate::l10n::Lang::Tr,
        }
    }
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
    /// Write what the selected sessions carried into a folder: their own packets (`--pcap`), each
    /// message as received (`--eml`), its attachments (`--attachments`), XEXCH50 BLOBs (`--blobs`),
    /// and a `manifest.jsonl` listing every file with its SHA-256.
    Export(ExportArgs),
    /// Explain an SMTP reply code: `smtpscope explain 5.7.3`, `smtpscope explain 452`,
    /// `smtpscope explain "550 5.7.1"` (meaning, the Exchange NDR with causes and steps, and the
    /// findings it raises).
    Explain(ExplainArgs),
    /// Print a shell completion script: `smtpscope completions bash > /etc/bash_completion.d/smtpscope`.
    Completions(CompletionsArgs),
    /// Print the man page (roff): `smtpscope man | man -l -`.
    Man,
}

/// Arguments of `smtpscope completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// Arguments of `smtpscope explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The code: a basic reply code (`452`), an enhanced status code (`5.7.3`, `X.7.1`), or both
    /// (`"550 5.7.1"`).
    #[arg(value_name = "CODE", required = true, num_args = 1..)]
    pub code: Vec<String>,
}

/// Arguments of `smtpscope export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Capture files to read, in order (each is read twice: once to decide which sessions are
    /// selected, once to write them).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<String>,

    /// The folder to write into (created if missing; existing files are never overwritten).
    #[arg(long, value_name = "DIR")]
    pub out: std::path::PathBuf,

    /// Each selected session's own packets, with their original timestamps and link type, as
    /// `s<ID>.pcap`.
    #[arg(long)]
    pub pcap: bool,

    /// Each message as the server received it (dot-unstuffed), as `s<ID>-t<N>.eml`.
    #[arg(long)]
    pub eml: bool,

    /// Each attachment, decoded, as `s<ID>-t<N>-<NAME>` (the name made safe).
    #[arg(long)]
    pub attachments: bool,

    /// Each XEXCH50 BLOB as sent, as `s<ID>-t<N>-xexch50-<K>.bin`.
    #[arg(long)]
    pub blobs: bool,

    /// Output options shared by every subcommand that reports sessions.
    #[command(flatten)]
    pub report: ReportArgs,
}

/// Which sessions are reported (`analyze`, `diff`, `live`) or exported: all the options given must
/// hold; one given several times holds when any of its values does. Session ids and frame numbers
/// stay those of the whole capture.
#[derive(Debug, Args, Default)]
pub struct SelectArgs {
    /// Only the session with this id (repeatable).
    #[arg(long = "session", value_name = "ID", help_heading = "Selection")]
    pub sessions: Vec<String>,

    /// Only sessions with this address (or address:port) at either end (repeatable).
    #[arg(long = "host", value_name = "ADDR", value_parser = endpoint, help_heading = "Selection")]
    pub hosts: Vec<crate::select::Endpoint>,

    /// Only sessions from this client address (or address:port) (repeatable).
    #[arg(long = "client", value_name = "ADDR", value_parser = endpoint, help_heading = "Selection")]
    pub clients: Vec<crate::select::Endpoint>,

    /// Only sessions to this server address (or address:port) (repeatable).
    #[arg(long = "server", value_name = "ADDR", value_parser = endpoint, help_heading = "Selection")]
    pub servers: Vec<crate::select::Endpoint>,

    /// Only the session that holds this frame (repeatable): its number, or `FILE#N` when several
    /// files are read (as reports show it: `ring_00002.pcap#17`).
    #[arg(long = "frame", value_name = "N", value_parser = frame, help_heading = "Selection")]
    pub frames: Vec<crate::select::FrameSpec>,

    /// Only sessions with a finding of this id (repeatable).
    #[arg(long = "finding", value_name = "ID", value_parser = finding_id, help_heading = "Selection")]
    pub findings: Vec<String>,

    /// Only sessions with this envelope sender, or `@domain` (repeatable).
    #[arg(long = "from", value_name = "ADDRESS", help_heading = "Selection")]
    pub mail_from: Vec<String>,

    /// Only sessions with this envelope recipient, or `@domain` (repeatable).
    #[arg(long = "to", value_name = "ADDRESS", help_heading = "Selection")]
    pub rcpt_to: Vec<String>,

    /// Only sessions with a reply of this code or class: `550`, `5xx`, `4xx` (repeatable).
    #[arg(long = "reply", value_name = "CODE", value_parser = reply_pattern, help_heading = "Selection")]
    pub replies: Vec<crate::select::ReplyPattern>,
}

fn endpoint(text: &str) -> Result<crate::select::Endpoint, String> {
    crate::select::Endpoint::parse(text)
}

fn frame(text: &str) -> Result<crate::select::FrameSpec, String> {
    crate::select::FrameSpec::parse(text)
}

fn reply_pattern(text: &str) -> Result<crate::select::ReplyPattern, String> {
    crate::select::ReplyPattern::parse(text)
}

/// Arguments of `smtpscope analyze`.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Capture files to read; `-` reads standard input. A directory stands for the capture files in
    /// it; a wildcard the shell left alone (`ring_*.pcap`) is expanded. Several files are read as
    /// one capture, merged by time (a ring buffer, captures of several interfaces), and frames are
    /// shown with their file (`ring_00002.pcap#17`). The format and any compression (gzip, zstd, xz,
    /// bzip2) are detected from the file's first bytes, whatever its name.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<String>,

    /// Analyse each file alone, as its own capture, instead of merging them by time.
    #[arg(long)]
    pub separately: bool,

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
    /// Output format: `text` for people, `json` for JSON Lines (one object per line), `html` for
    /// one self-contained page with ladder diagrams.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,

    /// Also treat TCP port N as SMTP (repeatable): it is added to 25, 465, 587 and 2525, and SMTP
    /// is found by its content on every other port anyway (a 220 greeting and EHLO/HELO, also
    /// inside SOCKS and HTTP CONNECT tunnels). Needed for implicit TLS on a port other than 465.
    #[arg(long = "port", value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub ports: Vec<u16>,

    /// Look for SMTP only on the --port ports (on 25, 465, 587 and 2525 when none is given): no
    /// detection by content, no tunnels; the rest of the traffic is not reassembled.
    #[arg(long)]
    pub only_ports: bool,

    /// When to colour the text output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,

    /// Show every EHLO keyword line and every line of multi-line replies in the text report.
    #[arg(short, long)]
    pub verbose: bool,

    /// Print AUTH passwords and SASL tokens instead of `<redacted>`.
    #[arg(long)]
    pub show_secrets: bool,

    /// The time column of the dialogue, as tshark's -t: `relative` to the session's first packet
    /// (`+0.213`), `absolute` time of day, `epoch` seconds, or `delta` since the previous line.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = TimeFormatArg::Relative)]
    pub time_format: TimeFormatArg,

    /// Show times in this machine's time zone (`TZ` honoured) instead of UTC, in the text and
    /// HTML reports (JSON stays in UTC).
    #[arg(long)]
    pub local_time: bool,

    /// Write the report to this file instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,

    /// A mail domain the servers in the capture are responsible for (repeatable); enables the
    /// `open-relay` finding.
    #[arg(long = "local-domain", value_name = "DOMAIN")]
    pub local_domains: Vec<String>,

    /// Exit with status 1 when a finding at or above this severity is made: every finding counts,
    /// including those `--severity` hides, except the ids `--only`/`--exclude` leave out.
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

    /// A TLS key log (NSS format, what SSLKEYLOGFILE, `openssl s_client -keylogfile` and Python's
    /// `keylog_filename` write) to decrypt STARTTLS and SMTPS sessions with (repeatable). Without
    /// it, the file named by the SSLKEYLOGFILE environment variable is read when that is set.
    #[arg(long = "tls-keylog", value_name = "FILE")]
    pub tls_keylogs: Vec<std::path::PathBuf>,

    /// A server's RSA private key (PEM) to decrypt TLS 1.0–1.2 sessions that use RSA key exchange,
    /// as SChannel on Exchange 2003 negotiates (repeatable). Sessions with (EC)DHE need a key log.
    #[arg(long = "tls-key", value_name = "FILE")]
    pub tls_keys: Vec<std::path::PathBuf>,

    /// Which sessions are reported.
    #[command(flatten)]
    pub select: SelectArgs,

    /// Decode at most this many bytes of each message (headers, MIME parts, attachment hashes);
    /// past it the message is marked too large, its size still counts every byte.
    /// Suffixes K, M, G (binary). The decoder holds no message body whatever the size.
    #[arg(long, value_name = "BYTES", default_value = "32M", value_parser = byte_size)]
    pub max_message_size: u64,

    /// Close a connection after this many seconds without a packet (capture time in `analyze`,
    /// the wall clock in `live`).
    #[arg(long, value_name = "SECONDS", default_value_t = 600, value_parser = clap::value_parser!(u64).range(1..))]
    pub idle_timeout: u64,

    /// Follow at most this many TCP connections at once; beyond it the one that has waited longest
    /// without data (quiet ones first) is evicted and reported (`connection-flood`).
    #[arg(long, value_name = "N", default_value_t = crate::reasm::DEFAULT_MAX_CONNECTIONS as u64,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_connections: u64,

    /// Threads decoding connections, each owning the connections its share of flows falls to; the
    /// report is the same whatever the number. Default: one more than the number of cores (1 on
    /// one core); 1 decodes everything on the thread that reads the capture. One thread decodes
    /// anyway for `--format html` and `ecs`, with `--max-connections` (one eviction order over
    /// every connection), with `--tls-key` (resumed sessions learn their secret from earlier
    /// ones), and in `export`.
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
    /// One self-contained HTML file: overview, timeline, a ladder diagram per session (use with
    /// --output).
    Html,
    /// JSON Lines in the Elastic Common Schema (`source.ip`, `network.community_id`, `event.*`,
    /// `email.*`, `rule.*`), for Filebeat/Elastic and Splunk (analyze and live).
    Ecs,
}

/// `--time-format` values (tshark's `-t r`, `a`, `e`, `dd`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TimeFormatArg {
    /// Seconds since the session's first packet.
    Relative,
    /// Time of day.
    Absolute,
    /// Seconds since 1970-01-01 UTC.
    Epoch,
    /// Seconds since the previous line of the dialogue.
    Delta,
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

/// `32M`, `512K`, `1G` or plain bytes (binary multiples).
fn byte_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let (digits, unit) = match t.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => t.split_at(i),
        None => (t, ""),
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("not a size: {text:?} (e.g. 32M, 512K, 1G)"))?;
    let multiple: u64 = match unit.to_ascii_uppercase().trim_end_matches(['B', 'I']) {
        "" => 1,
        "K" => 1 << 10,
        "M" => 1 << 20,
        "G" => 1 << 30,
        _ => return Err(format!("unknown size unit in {text:?} (K, M or G)")),
    };
    n.checked_mul(multiple)
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("size out of range: {text:?}"))
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
