//! The validated run configuration built from the command line.
//!
//! Owns the decisions the arguments imply (the SMTP port set, colour, limits) so that `app` and the
//! stages below it receive plain values. Must not: open files or print.

use std::io::IsTerminal;
use std::path::PathBuf;

use super::{
    AnalyzeArgs, ColorArg, DiffArgs, ExportArgs, FormatArg, LiveArgs, ReportArgs, SelectArgs, SeverityArg,
    TimeFormatArg,
};
use crate::capture::Input;
use crate::classify::{ClassifyConfig, WELL_KNOWN_SMTP_PORTS};
use crate::message::{Budget, Limits as MessageLimits, Options as MessageOptions};
use crate::net::PortSet;
use crate::output::times::{TimeFormat, TimeStyle};
use crate::output::{OutputFormat, Render};
use crate::reasm::ReasmLimits;
use crate::rules::{self, RuleContext, Selection, Severity};
use crate::select::SessionFilter;

/// Everything a report run needs to know.
#[derive(Clone, Debug)]
pub struct ReportConfig {
    /// Text or JSON Lines.
    pub format: OutputFormat,
    /// Colour, verbosity and secrets.
    pub render: Render,
    /// The ports whose connections are SMTP: 25, 465, 587, 2525 and every `--port` (with
    /// `--only-ports`, the `--port`s alone when there are any).
    pub ports: PortSet,
    /// `--only-ports`: SMTP only on those ports — no detection by content, no tunnels.
    pub only_ports: bool,
    /// Reassembly limits and idle timeout.
    pub limits: ReasmLimits,
    /// What rules need to know that a capture cannot tell (`--local-domain`).
    pub rule_context: RuleContext,
    /// Which findings are shown (`--severity`, `--only`, `--exclude`).
    pub selection: Selection,
    /// Exit 1 when a finding at or above this severity is reported (`--fail-on`).
    pub fail_on: Option<Severity>,
    /// Threads decoding connections (`--threads`; 1: everything on the reading thread).
    pub threads: usize,
    /// Message decoding limits (`--max-message-size`) and the run's shared header budget.
    pub message: MessageOptions,
    /// Which sessions are reported (`--session`, `--host`, …).
    pub filter: SessionFilter,
    /// Key material to decrypt TLS with (`--tls-keylog`, `SSLKEYLOGFILE`, `--tls-key`).
    pub tls_keys: TlsKeyFiles,
}

/// The files of TLS key material a run was given (read by `app`, never here).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TlsKeyFiles {
    /// Key logs (NSS format).
    pub keylogs: Vec<PathBuf>,
    /// The key log came from the SSLKEYLOGFILE environment variable, not `--tls-keylog`.
    pub keylog_from_env: bool,
    /// Server RSA private keys (PEM).
    pub rsa_keys: Vec<PathBuf>,
}

impl TlsKeyFiles {
    /// `--tls-keylog` files, else SSLKEYLOGFILE (`env`) when set, and `--tls-key` files.
    pub fn new(keylogs: &[PathBuf], rsa_keys: &[PathBuf], env: Option<std::ffi::OsString>) -> Self {
        let from_env = keylogs.is_empty();
        let keylogs: Vec<PathBuf> = if from_env {
            env.filter(|v| !v.is_empty())
                .map(PathBuf::from)
                .into_iter()
                .collect()
        } else {
            keylogs.to_vec()
        };
        TlsKeyFiles {
            keylog_from_env: from_env && !keylogs.is_empty(),
            keylogs,
            rsa_keys: rsa_keys.to_vec(),
        }
    }

    /// Whether no key material was given.
    pub fn is_empty(&self) -> bool {
        self.keylogs.is_empty() && self.rsa_keys.is_empty()
    }
}

/// What `smtpscope analyze` was asked to do.
#[derive(Clone, Debug)]
pub struct AnalyzeConfig {
    /// The captures to read, in order (directories and wildcards not expanded yet).
    pub inputs: Vec<Input>,
    /// Analyse each file alone instead of merging them into one capture.
    pub separately: bool,
    /// How to report.
    pub report: ReportConfig,
}

impl ReportConfig {
    /// Builds the report configuration; `stdout_is_terminal` decides `--color auto`.
    pub fn from_args(args: &ReportArgs, stdout_is_terminal: bool) -> Self {
        let ports = if args.only_ports && !args.ports.is_empty() {
            PortSet::new(&args.ports)
        } else {
            let mut all = WELL_KNOWN_SMTP_PORTS.to_vec();
            all.extend_from_slice(&args.ports);
            PortSet::new(&all)
        };
        let color = match args.color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => {
                stdout_is_terminal && args.output.is_none() && std::env::var_os("NO_COLOR").is_none()
            }
        };
        let format = match args.format {
            FormatArg::Text => OutputFormat::Text,
            FormatArg::Json => OutputFormat::Json,
            FormatArg::Html => OutputFormat::Html,
            FormatArg::Ecs => OutputFormat::Ecs,
        };
        let limits = ReasmLimits {
            idle_timeout_secs: args.idle_timeout,
            max_connections: usize::try_from(args.max_connections).unwrap_or(usize::MAX),
            ..ReasmLimits::default()
        };
        ReportConfig {
            format,
            render: Render {
                color,
                verbose: args.verbose,
                show_secrets: args.show_secrets,
                time: TimeStyle {
                    format: match args.time_format {
                        TimeFormatArg::Relative => TimeFormat::Relative,
                        TimeFormatArg::Absolute => TimeFormat::Absolute,
                        TimeFormatArg::Epoch => TimeFormat::Epoch,
                        TimeFormatArg::Delta => TimeFormat::Delta,
                    },
                    local: args.local_time,
                },
                live: false,
            },
            ports,
            only_ports: args.only_ports,
            limits,
            rule_context: RuleContext {
                local_domains: args
                    .local_domains
                    .iter()
                    .map(|d| d.trim_start_matches('@').to_ascii_lowercase())
                    .collect(),
            },
            selection: Selection::new(
                severity(args.severity),
                known_ids(&args.only),
                known_ids(&args.exclude),
            ),
            fail_on: args.fail_on.map(severity),
            threads: args.threads.map_or_else(default_threads, usize::from),
            message: MessageOptions {
                limits: MessageLimits {
                    max_message_size: args.max_message_size,
                    ..MessageLimits::default()
                },
                budget: Budget::default(),
            },
            filter: filter(&args.select),
            tls_keys: TlsKeyFiles::new(
                &args.tls_keylogs,
                &args.tls_keys,
                std::env::var_os("SSLKEYLOGFILE"),
            ),
        }
    }
}

/// The decoding threads `--threads` defaults to: one per core this process may run on, and one
/// more when there are several. The reading thread does not keep a core busy by itself: the
/// workers wait for it while it waits for a core, and an extra worker fills those gaps (on two
/// cores, three workers were faster than two on the hub and bulk benchmark captures, and as fast
/// on the one with 100,000 connections open at once). On one core (or when the system cannot
/// tell), 1: everything on the reading thread.
pub fn default_threads() -> usize {
    match std::thread::available_parallelism().map_or(1, usize::from) {
        1 => 1,
        cores => cores.saturating_add(1),
    }
}

fn filter(args: &SelectArgs) -> SessionFilter {
    SessionFilter {
        sessions: args.sessions.clone(),
        hosts: args.hosts.clone(),
        clients: args.clients.clone(),
        servers: args.servers.clone(),
        frames: args.frames.clone(),
        findings: args.findings.clone(),
        mail_from: args.mail_from.clone(),
        rcpt_to: args.rcpt_to.clone(),
        replies: args.replies.clone(),
    }
}

fn severity(arg: SeverityArg) -> Severity {
    match arg {
        SeverityArg::Info => Severity::Info,
        SeverityArg::Warning => Severity::Warning,
        SeverityArg::Error => Severity::Error,
        SeverityArg::Critical => Severity::Critical,
    }
}

/// The catalogue's own `&'static` ids for ids clap already checked.
fn known_ids(ids: &[String]) -> Vec<&'static str> {
    ids.iter()
        .filter_map(|id| rules::rule(id))
        .map(|info| info.id)
        .collect()
}

impl ReportConfig {
    /// How the session classifier decides what is SMTP.
    pub fn classify(&self) -> ClassifyConfig {
        ClassifyConfig {
            smtp_ports: self.ports.clone(),
            only_ports: self.only_ports,
        }
    }
}

impl Default for ReportConfig {
    /// Plain text, no colour, the default ports and limits, one thread.
    fn default() -> Self {
        ReportConfig {
            format: OutputFormat::Text,
            render: Render::default(),
            ports: PortSet::default(),
            only_ports: false,
            limits: ReasmLimits::default(),
            rule_context: RuleContext::default(),
            selection: Selection::default(),
            fail_on: None,
            threads: 1,
            message: MessageOptions::default(),
            filter: SessionFilter::default(),
            tls_keys: TlsKeyFiles::default(),
        }
    }
}

impl AnalyzeConfig {
    /// Builds the configuration of an `analyze` run.
    pub fn from_args(args: &AnalyzeArgs) -> Self {
        AnalyzeConfig {
            inputs: args.files.iter().map(|f| Input::from_arg(f)).collect(),
            separately: args.separately,
            report: ReportConfig::from_args(&args.report, std::io::stdout().is_terminal()),
        }
    }
}

/// What `smtpscope diff` was asked to do.
#[derive(Clone, Debug)]
pub struct DiffConfig {
    /// The sending side's capture.
    pub sender: Input,
    /// The receiving side's capture.
    pub receiver: Input,
    /// How to decode and report.
    pub report: ReportConfig,
}

impl DiffConfig {
    /// Builds the configuration of a `diff` run.
    pub fn from_args(args: &DiffArgs) -> Self {
        DiffConfig {
            sender: Input::from_arg(&args.sender),
            receiver: Input::from_arg(&args.receiver),
            report: ReportConfig::from_args(&args.report, std::io::stdout().is_terminal()),
        }
    }
}

/// What `smtpscope live` was asked to do.
#[derive(Clone, Debug)]
pub struct LiveConfig {
    /// The interface (`None` with `--list-interfaces`).
    pub interface: Option<String>,
    /// Only list the interfaces.
    pub list_interfaces: bool,
    /// The BPF filter: the one given, or one built from the port set.
    pub filter: String,
    /// Bytes kept of each packet.
    pub snaplen: i32,
    /// Kernel capture buffer in KiB.
    pub buffer_kib: i32,
    /// Promiscuous mode.
    pub promisc: bool,
    /// Stop after this many wall-clock seconds.
    pub duration_secs: Option<u64>,
    /// Stop after this many packets.
    pub count: Option<u64>,
    /// Save the packets analysed here.
    pub write: Option<std::path::PathBuf>,
    /// How to report.
    pub report: ReportConfig,
}

impl LiveConfig {
    /// Builds the configuration of a `live` run.
    pub fn from_args(args: &LiveArgs) -> Self {
        let mut report = ReportConfig::from_args(&args.report, std::io::stdout().is_terminal());
        report.render.live = true;
        // A live flood must not hold connections for the whole idle timeout: under pressure,
        // connections idle for a shorter time are closed early (and reported).
        report.limits.pressure_idle_timeout_secs =
            Some(crate::reasm::PRESSURE_IDLE_TIMEOUT_SECS.min(report.limits.idle_timeout_secs));
        // SMTP is found by content on any port unless --only-ports: then only its ports are taken.
        let filter = args.filter.clone().unwrap_or_else(|| {
            if !report.only_ports {
                return format!("tcp or port {}", crate::dns::PORT);
            }
            report
                .ports
                .ports()
                .iter()
                .map(|p| format!("tcp port {p}"))
                .collect::<Vec<_>>()
                .join(" or ")
        });
        LiveConfig {
            interface: args.interface.clone(),
            list_interfaces: args.list_interfaces,
            filter,
            snaplen: args.snaplen,
            buffer_kib: args.buffer_kib,
            promisc: !args.no_promisc,
            duration_secs: args.duration,
            count: args.count,
            write: args.write.clone(),
            report,
        }
    }
}

/// What `smtpscope export` was asked to do.
#[derive(Clone, Debug)]
pub struct ExportConfig {
    /// The captures to read, in order.
    pub inputs: Vec<Input>,
    /// The folder to write into.
    pub out: std::path::PathBuf,
    /// Write each selected session's packets.
    pub pcap: bool,
    /// Write each message.
    pub eml: bool,
    /// Write each attachment.
    pub attachments: bool,
    /// Write each XEXCH50 BLOB.
    pub blobs: bool,
    /// Decoding, selection and how the list of written files is printed.
    pub report: ReportConfig,
}

impl ExportConfig {
    /// Builds the configuration of an `export` run.
    pub fn from_args(args: &ExportArgs) -> Self {
        ExportConfig {
            inputs: args.files.iter().map(|f| Input::from_arg(f)).collect(),
            out: args.out.clone(),
            pcap: args.pcap,
            eml: args.eml,
            attachments: args.attachments,
            blobs: args.blobs,
            report: ReportConfig::from_args(&args.report, std::io::stdout().is_terminal()),
        }
    }
}
