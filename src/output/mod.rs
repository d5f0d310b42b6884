//! Rendering: every byte smtpscope writes to standard output goes through a [`Printer`].
//!
//! Owns layout, colour ([`text`] only), JSON encoding ([`json`] only) and escaping. Printers are
//! siblings behind one trait, so the analysis never knows which format it feeds.
//! Must not: compute findings or change analysis results.

use std::io::{self, Write};

use crate::session::{RunSummary, Session};
use crate::smtp::dialogue::CommandItem;

pub mod json;
pub mod text;

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// Human-readable report (coloured on request).
    Text,
    /// JSON Lines: one object per line with a `"type"` field, as OUTPUT.md specifies.
    Json,
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
}

/// Receives the results of a run, in order: sessions as they end, then the summary.
pub trait Printer {
    /// Reports one finished session.
    ///
    /// # Errors
    /// Writing failed (a closed pipe included).
    fn session(&mut self, session: &Session) -> io::Result<()>;

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
}

/// A printer of `format` writing to `out` (buffered; call [`Printer::flush`] at the end).
pub fn printer<'a>(format: OutputFormat, render: Render, out: &'a mut dyn Write) -> Box<dyn Printer + 'a> {
    let out = io::BufWriter::with_capacity(64 * 1024, out);
    match format {
        OutputFormat::Text => Box::new(text::TextPrinter::new(out, render)),
        OutputFormat::Json => Box::new(json::JsonPrinter::new(out, render)),
    }
}

/// A command's argument with any SASL initial response replaced by `<redacted>`.
pub fn redacted_arg(command: &CommandItem) -> String {
    if !command.carries_secret {
        return command.arg.clone();
    }
    let words: Vec<&str> = command.arg.split_ascii_whitespace().collect();
    // The initial response is the last word (after the mechanism, and EXCHANGEAUTH's hash).
    match words.split_last() {
        Some((_, before)) if !before.is_empty() => format!("{} <redacted>", before.join(" ")),
        _ => "<redacted>".to_string(),
    }
}
