//! The validated run configuration built from the command line.
//!
//! Owns the decisions the arguments imply (the SMTP port set, colour, limits) so that `app` and the
//! stages below it receive plain values. Must not: open files or print.

use std::io::IsTerminal;

use super::{AnalyzeArgs, ColorArg, DiffArgs, FormatArg, LiveArgs, ReportArgs, SeverityArg};
use crate::capture::Input;
use crate::net::PortSet;
use crate::output::{OutputFormat, Render};
use crate::reasm::ReasmLimits;
use crate::rules::{self, RuleContext, Selection, Severity};

/// Everything a report run needs to know.
#[derive(Clone, Debug)]
pub struct ReportConfig {
    /// Text or JSON Lines.
    pub format: OutputFormat,
    /// Colour, verbosity and secrets.
    pub render: Render,
    /// The ports that mark the SMTP server side.
    pub ports: PortSet,
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
}

/// What `smtpscope analyze` was asked to do.
#[derive(Clone, Debug)]
pub struct AnalyzeConfig {
    /// The captures to read, in order.
    pub inputs: Vec<Input>,
    /// How to report.
    pub report: ReportConfig,
}

impl ReportConfig {
    /// Builds the report configuration; `stdout_is_terminal` decides `--color auto`.
    pub fn from_args(args: &ReportArgs, stdout_is_terminal: bool) -> Self {
        let ports = if args.ports.is_empty() {
            PortSet::default()
        } else {
            PortSet::new(&args.ports)
        };
        let color = match args.color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => stdout_is_terminal && std::env::var_os("NO_COLOR").is_none(),
        };
        let format = match args.format {
            FormatArg::Text => OutputFormat::Text,
            FormatArg::Json => OutputFormat::Json,
        };
        let limits = ReasmLimits {
            idle_timeout_secs: args.idle_timeout,
            ..ReasmLimits::default()
        };
        ReportConfig {
            format,
            render: Render {
                color,
                verbose: args.verbose,
                show_secrets: args.show_secrets,
            },
            ports,
            limits,
            rule_context: RuleContext {
                local_domains: args
                    .local_domains
                    .iter()
                    .map(|d| d.trim_start_matches('@').to_ascii_lowercase())
                    .collect(),
            },
            selection: Selection {
                min_severity: severity(args.severity),
                only: known_ids(&args.only),
                exclude: known_ids(&args.exclude),
            },
            fail_on: args.fail_on.map(severity),
            threads: args.threads.map_or_else(cores, usize::from),
        }
    }
}

/// The cores this process may run on (1 when the system cannot tell).
fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
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

impl Default for ReportConfig {
    /// Plain text, no colour, the default ports and limits, one thread.
    fn default() -> Self {
        ReportConfig {
            format: OutputFormat::Text,
            render: Render::default(),
            ports: PortSet::default(),
            limits: ReasmLimits::default(),
            rule_context: RuleContext::default(),
            selection: Selection::default(),
            fail_on: None,
            threads: 1,
        }
    }
}

impl AnalyzeConfig {
    /// Builds the configuration of an `analyze` run.
    pub fn from_args(args: &AnalyzeArgs) -> Self {
        AnalyzeConfig {
            inputs: args.files.iter().map(|f| Input::from_arg(f)).collect(),
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
        let report = ReportConfig::from_args(&args.report, std::io::stdout().is_terminal());
        let filter = args.filter.clone().unwrap_or_else(|| {
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
