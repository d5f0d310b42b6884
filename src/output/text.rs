//! The human-readable report, coloured when asked.
//!
//! Layout: one block per session (endpoints and file, times, how the connection opened and closed,
//! both directions' transport counters, each gap where it happened), then a summary block. The text
//! format is free to evolve (JSON is the contract). This is the only module that uses `colored`.
//! Must not: compute anything the analysis did not.

use std::fmt::Write as _;
use std::io::{self, Write};

use colored::Colorize;

use super::Printer;
use crate::reasm::{CloseCause, DirStats, GapCause};
use crate::session::{RunSummary, Session};

/// Writes the text report.
pub struct TextPrinter<W: Write> {
    out: W,
    color: bool,
}

/// How a piece of text is emphasised when colour is on.
#[derive(Clone, Copy)]
enum Style {
    Heading,
    Dim,
    Warn,
    Bad,
}

impl<W: Write> TextPrinter<W> {
    /// A printer writing to `out`, with ANSI colours when `color` is true.
    pub fn new(out: W, color: bool) -> Self {
        if color {
            colored::control::set_override(true);
        }
        TextPrinter { out, color }
    }

    fn paint(&self, text: &str, style: Style) -> String {
        if !self.color {
            return text.to_string();
        }
        match style {
            Style::Heading => text.bold().to_string(),
            Style::Dim => text.dimmed().to_string(),
            Style::Warn => text.yellow().to_string(),
            Style::Bad => text.red().bold().to_string(),
        }
    }
}

/// `1234567` → `1,234,567`.
pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", group_digits(n), if n == 1 { one } else { many })
}

fn direction_line(stats: &DirStats) -> String {
    let mut line = format!(
        "{}, {}",
        plural(stats.segments, "segment", "segments"),
        plural(stats.bytes, "byte", "bytes")
    );
    if stats.retransmitted > 0 {
        let _ = write!(line, ", {} retransmitted", group_digits(stats.retransmitted));
    }
    if stats.gap_count > 0 {
        let _ = write!(line, ", {}", plural(stats.gap_count, "gap", "gaps"));
    }
    if stats.conflicting_overlaps > 0 {
        let _ = write!(
            line,
            ", {} conflicting overlap bytes",
            group_digits(stats.conflicting_overlaps)
        );
    }
    match (stats.fin, stats.rst) {
        (_, true) => line.push_str(", sent RST"),
        (true, false) => line.push_str(", sent FIN"),
        (false, false) => {}
    }
    line
}

fn gap_reason(cause: GapCause) -> &'static str {
    match cause {
        GapCause::Acked => "acknowledged by the peer but never captured",
        GapCause::Closed => "still missing when the connection ended",
        GapCause::ConnectionMemoryCap => "given up: the connection's reassembly buffer was full",
        GapCause::TotalMemoryCap => "given up: the total reassembly buffer was full",
        GapCause::TooManySegments => "given up: too many out-of-order segments",
    }
}

fn close_text(cause: CloseCause) -> &'static str {
    match cause {
        CloseCause::Fin => "closed by FIN",
        CloseCause::Rst => "reset (RST)",
        CloseCause::Idle => "still open, idle past the timeout",
        CloseCause::Reused => "still open when a new SYN reused its ports",
        CloseCause::EndOfInput => "still open at the end of the capture",
    }
}

impl<W: Write> Printer for TextPrinter<W> {
    fn session(&mut self, s: &Session) -> io::Result<()> {
        let title = format!("Session {}  {} → {}", s.id(), s.info.client, s.info.server);
        writeln!(
            self.out,
            "{}  {}",
            self.paint(&title, Style::Heading),
            self.paint(&s.file, Style::Dim)
        )?;
        let duration = s.end().seconds_since(s.info.start);
        writeln!(
            self.out,
            "  time    {} → {} ({duration:.3} s)",
            s.info.start,
            s.end()
        )?;
        let opening = if s.info.handshake_seen {
            "handshake seen"
        } else {
            "picked up mid-stream (no SYN)"
        };
        let closing = close_text(s.summary.cause);
        let closing = if s.summary.cause == CloseCause::Rst {
            self.paint(closing, Style::Bad)
        } else {
            closing.into()
        };
        writeln!(
            self.out,
            "  frames  {}–{}, {opening}, {closing}",
            s.info.first_frame, s.summary.last_frame
        )?;
        for (dir, stats) in s.directions() {
            writeln!(self.out, "  {}     {}", dir.as_str(), direction_line(stats))?;
        }
        for (dir, gap) in s.gaps() {
            let text = format!(
                "  gap     {} at byte {}: {} missing, {}",
                dir.as_str(),
                group_digits(gap.offset),
                plural(gap.len, "byte", "bytes"),
                gap_reason(gap.cause)
            );
            writeln!(self.out, "{}", self.paint(&text, Style::Warn))?;
        }
        let kept: u64 = s.directions().iter().map(|(_, d)| d.gaps.len() as u64).sum();
        let all = s.summary.c2s.gap_count.saturating_add(s.summary.s2c.gap_count);
        if all > kept {
            writeln!(self.out, "  gap     … and {} more", group_digits(all - kept))?;
        }
        writeln!(self.out)
    }

    fn summary(&mut self, sum: &RunSummary) -> io::Result<()> {
        let line = format!(
            "{}: {}, {} ({}), {} on SMTP ports, {} in all",
            self.paint("Summary", Style::Heading),
            plural(sum.files, "file", "files"),
            plural(sum.packets, "packet", "packets"),
            plural(sum.bytes, "byte", "bytes"),
            plural(sum.sessions, "session", "sessions"),
            plural(sum.tcp_connections, "TCP connection", "TCP connections"),
        );
        writeln!(self.out, "{line}")?;
        if !sum.skipped.is_empty() {
            let parts: Vec<String> = sum
                .skipped
                .iter()
                .map(|(reason, n)| format!("{} {reason}", group_digits(*n)))
                .collect();
            writeln!(self.out, "  not analysed: {}", parts.join(", "))?;
        }
        if let Some(drops) = sum.capture_drops {
            let text = format!(
                "  the capture itself dropped {}",
                plural(drops, "packet", "packets")
            );
            writeln!(self.out, "{}", self.paint(&text, Style::Warn))?;
        }
        for error in &sum.input_errors {
            writeln!(
                self.out,
                "  {} {error}",
                self.paint("incomplete input:", Style::Bad)
            )?;
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_grouped_by_thousands() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1000), "1,000");
        assert_eq!(group_digits(1_234_567), "1,234,567");
        assert_eq!(group_digits(u64::MAX), "18,446,744,073,709,551,615");
    }
}
