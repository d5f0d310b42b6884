//! Rendering: every byte smtpscope writes to standard output goes through a [`Printer`].
//!
//! Owns layout, colour ([`text`] only), JSON encoding ([`json`] only), the HTML report ([`html`])
//! and escaping. Printers are
//! siblings behind one trait, so the analysis never knows which format it feeds.
//! Must not: compute findings or change analysis results.

use std::io::{self, Write};
use std::sync::Arc;

use crate::capture::set::FileNames;

use crate::rules::Finding;
use crate::session::{RunSummary, Session};

pub mod catalogue;
pub mod diff;
pub mod ecs;
pub mod html;
pub mod json;
pub mod labels;
pub mod message;
pub mod text;
pub mod times;
mod tls_text;

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// Human-readable report (coloured on request).
    Text,
    /// JSON Lines: one object per line with a `"type"` field, as OUTPUT.md specifies.
    Json,
    /// One self-contained HTML file with ladder diagrams.
    Html,
    /// JSON Lines in the Elastic Common Schema.
    Ecs,
}

/// How the report is rendered, beyond its format.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Render {
    /// ANSI colours in the text report.
    pub color: bool,
    /// Every EHLO line and every reply line in the text report.
    pub verbose: bool,
    /// SASL payloads (passwords, tokens) printed instead of `<redacted>`.
    pub show_secrets: bool,
    /// The dialogue's time column and the zone of the instants shown (text and HTML).
    pub time: times::TimeStyle,
    /// The sessions come from an interface (`live`): JSON names it in `interface`, as the summary
    /// does, instead of `file`.
    pub live: bool,
}

/// Receives the results of a run, in order: sessions as they end, then the summary.
pub trait Printer {
    /// Names the files of the capture whose results follow, for the frames of capture-wide
    /// findings and flows (sessions carry their own). Printers that show no frame ignore it.
    fn capture_files(&mut self, _files: &Arc<FileNames>) {}

    /// Reports one finished session.
    ///
    /// # Errors
    /// Writing failed (a closed pipe included).
    fn session(&mut self, session: &Session) -> io::Result<()>;

    /// Reports one finished session the caller has no more use for: printers that keep records
    /// take it as it is instead of copying it.
    ///
    /// # Errors
    /// Writing failed (a closed pipe included).
    fn take_session(&mut self, session: Session) -> io::Result<()> {
        self.session(&session)
    }

    /// Reports a capture-wide finding (one not tied to a session, such as `capture-drops`).
    ///
    /// # Errors
    /// Writing failed.
    fn capture_finding(&mut self, finding: &Finding) -> io::Result<()>;

    /// Reports the mail flow of a capture, per client→server pair (after its sessions).
    ///
    /// # Errors
    /// Writing failed.
    fn flows(&mut self, flows: &[crate::flow::Flow]) -> io::Result<()>;

    /// Reports the run summary (the last thing printed).
    ///
    /// # Errors
    /// Writing failed.
    fn summary(&mut self, summary: &RunSummary) -> io::Result<()>;

    /// Pushes buffered output to the underlying writer.
    ///
    /// # Errors
    /// Writing failed.
    fn flush(&mut self) -> io::Result<()>;

    /// How to render sessions elsewhere (on worker threads) exactly as this printer prints them,
    /// when it prints them; `None` for a printer that keeps records.
    fn renderer(&self) -> Option<SessionRenderer> {
        None
    }

    /// Writes a session rendered by this printer's [`Printer::renderer`], as it is.
    ///
    /// # Errors
    /// Writing failed, or this printer has no renderer.
    fn rendered(&mut self, _bytes: &[u8]) -> io::Result<()> {
        Err(io::Error::new(
            io::ErrorKind::Unsupported,
            "this printer keeps session records",
        ))
    }
}

/// Renders one finished session, with its findings, into bytes: what [`Printer::session`] of the
/// same format and render settings writes. Cheap to copy, usable on any thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionRenderer {
    format: OutputFormat,
    render: Render,
}

impl SessionRenderer {
    /// A renderer of `format` with `render`'s settings.
    pub fn new(format: OutputFormat, render: Render) -> Self {
        SessionRenderer { format, render }
    }

    /// Appends `session` to `out`.
    ///
    /// # Errors
    /// Only what writing into a `Vec` can report (nothing in practice).
    pub fn render(&self, session: &Session, out: &mut Vec<u8>) -> io::Result<()> {
        match self.format {
            OutputFormat::Text => text::TextPrinter::new(out, self.render).session(session),
            OutputFormat::Json => json::JsonPrinter::new(out, self.render).session(session),
            // Their printers keep state across sessions (the HTML page's index, ECS's latest
            // time) and give no renderer: they are never rendered elsewhere.
            OutputFormat::Html | OutputFormat::Ecs => Err(io::Error::new(
                io::ErrorKind::Unsupported,
                "HTML and ECS sessions are rendered by their printer only",
            )),
        }
    }
}

/// A printer of `format` writing to `out` (buffered; call [`Printer::flush`] at the end).
pub fn printer<'a>(format: OutputFormat, render: Render, out: &'a mut dyn Write) -> Box<dyn Printer + 'a> {
    let out = io::BufWriter::with_capacity(64 * 1024, out);
    match format {
        OutputFormat::Text => Box::new(text::TextPrinter::new(out, render)),
        OutputFormat::Json => Box::new(json::JsonPrinter::new(out, render)),
        OutputFormat::Html => Box::new(html::HtmlPrinter::new(out, render)),
        OutputFormat::Ecs => Box::new(ecs::EcsPrinter::new(out, render)),
    }
}
