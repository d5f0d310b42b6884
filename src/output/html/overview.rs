//! The overview at the top of the HTML report: the capture's facts, the findings grouped by id
//! (count, severity, the sessions they touch), the capture-wide findings, the mail flow per
//! client→server pair, and a timeline of the sessions coloured by outcome.
//!
//! [`Overview`] gathers what it needs as sessions stream past — a few numbers per session, capped
//! ([`TIMELINE_MAX`], `SESSIONS_LISTED`) — and writes it when the run ends. Must not: keep whole
//! sessions.

use std::fmt::Write as _;

use super::super::labels as l;
use super::super::text::{group_digits, retry_line};
use super::super::Render;
use super::{finding_card, Esc, Outcome};
use crate::capture::set::FileNames;
use crate::flow::Flow;
use crate::rules::{Finding, Severity};
use crate::session::{RunSummary, Session};
use crate::time::Timestamp;

/// Sessions drawn on the timeline; later ones are counted.
pub const TIMELINE_MAX: usize = 50_000;
/// Sessions listed per finding id; more are counted.
const SESSIONS_LISTED: usize = 30;
/// Rows of bars on the timeline (overlapping sessions share the last one beyond).
const TIMELINE_LANES: usize = 40;
/// Width of the timeline's drawing area.
const TIMELINE_WIDTH: f64 = 1100.0;

/// One finding id across the run.
#[derive(Debug)]
struct Group {
    id: &'static str,
    severity: Severity,
    count: u64,
    first: String,
    sessions: Vec<String>,
    more_sessions: u64,
}

/// One bar of the timeline.
#[derive(Debug)]
struct Bar {
    id: String,
    start: Timestamp,
    end: Timestamp,
    outcome: Outcome,
    endpoints: String,
}

/// What the overview needs, gathered as the run goes.
#[derive(Debug, Default)]
pub struct Overview {
    groups: Vec<Group>,
    bars: Vec<Bar>,
    bars_dropped: u64,
    sessions: u64,
    first: Option<Timestamp>,
    last: Option<Timestamp>,
    files: Vec<String>,
    capture_findings: Vec<Finding>,
    flows: Vec<Flow>,
}

impl Overview {
    /// Sessions seen.
    pub fn sessions(&self) -> u64 {
        self.sessions
    }

    /// Takes note of one finished session, known in the document as `id`.
    pub fn session(&mut self, s: &Session, id: &str) {
        self.sessions = self.sessions.saturating_add(1);
        self.first = Some(self.first.map_or(s.info.start, |t| t.min(s.info.start)));
        self.last = Some(self.last.map_or(s.end(), |t| t.max(s.end())));
        if !self.files.iter().any(|f| **f == *s.file) {
            self.files.push(s.file.to_string());
        }
        for f in &s.findings {
            self.finding(f, Some(id.to_string()));
        }
        if self.bars.len() < TIMELINE_MAX {
            self.bars.push(Bar {
                id: id.to_string(),
                start: s.info.start,
                end: s.end(),
                outcome: Outcome::of(s),
                endpoints: format!("{} → {}", s.info.client, s.info.server),
            });
        } else {
            self.bars_dropped = self.bars_dropped.saturating_add(1);
        }
    }

    /// Takes note of a capture-wide finding.
    pub fn capture_finding(&mut self, f: &Finding) {
        self.finding(f, None);
        self.capture_findings.push(f.clone());
    }

    /// Takes note of a capture's mail flow.
    pub fn flows(&mut self, flows: &[Flow]) {
        self.flows.extend(flows.iter().cloned());
    }

    /// Counts a finding under its id, with the session it belongs to (`session` for a session's
    /// own, its `session` field otherwise, as `diff` names sides `A:1`).
    pub fn finding(&mut self, f: &Finding, session: Option<String>) {
        let session = f.session.clone().or(session);
        let group = match self.groups.iter_mut().position(|g| g.id == f.id) {
            Some(i) => &mut self.groups[i],
            None => {
                self.groups.push(Group {
                    id: f.id,
                    severity: f.severity,
                    count: 0,
                    first: f.headline(crate::l10n::lang()).0.to_string(),
                    sessions: Vec::new(),
                    more_sessions: 0,
                });
                let last = self.groups.len() - 1;
                &mut self.groups[last]
            }
        };
        group.severity = group.severity.max(f.severity);
        group.count = group.count.saturating_add(f.count.max(1));
        if let Some(session) = session {
            if group.sessions.contains(&session) {
            } else if group.sessions.len() < SESSIONS_LISTED {
                group.sessions.push(session);
            } else {
                group.more_sessions = group.more_sessions.saturating_add(1);
            }
        }
    }

    /// Writes the overview section, with `extra` (already HTML) after the capture's facts.
    pub fn write(&mut self, h: &mut String, summary: &RunSummary, render: Render, extra: &str) {
        let _ = writeln!(h, "<section id=\"overview\"><h2>{}</h2>", l::OVERVIEW);
        self.facts(h, summary, render);
        h.push_str(extra);
        self.findings(h, summary);
        self.flow_table(h);
        self.timeline(h, render);
        h.push_str("</section>\n");
    }

    fn facts(&self, h: &mut String, summary: &RunSummary, render: Render) {
        let _ = write!(h, "<h3>{}</h3><table class=\"facts capture\">", l::CAPTURE);
        let mut row = |label: l::Label, value: String| {
            let _ = write!(h, "<tr><th>{label}</th><td>{}</td></tr>", Esc(&value));
        };
        match &summary.interface {
            Some(interface) => row(l::INTERFACE, interface.clone()),
            None => row(l::FILES, self.files_text(summary)),
        }
        if let (Some(first), Some(last)) = (self.first, self.last) {
            row(
                l::TIME_SPAN,
                format!(
                    "{} → {} ({:.3} s)",
                    render.time.instant(first),
                    render.time.instant(last),
                    last.seconds_since(first)
                ),
            );
        }
        row(l::PACKETS, group_digits(summary.packets));
        row(l::BYTES, group_digits(summary.bytes));
        row(l::SMTP_SESSIONS, group_digits(summary.sessions));
        row(l::TCP_CONNECTIONS, group_digits(summary.tcp_connections));
        if !summary.skipped.is_empty() {
            let parts: Vec<String> = summary
                .skipped
                .iter()
                .map(|(reason, n)| format!("{} {reason}", group_digits(*n)))
                .collect();
            row(l::NOT_ANALYSED, parts.join(", "));
        }
        if let Some(drops) = summary.capture_drops {
            row(l::CAPTURE_DROPS, l::N_PACKETS.of(drops));
        }
        for error in &summary.input_errors {
            row(l::INPUT_ERRORS, error.clone());
        }
        let by_severity: Vec<String> = summary
            .findings
            .rows()
            .filter(|r| r.1 > 0)
            .map(|(severity, n, _, _)| format!("{} {severity}", group_digits(n)))
            .collect();
        if !by_severity.is_empty() {
            row(l::BY_SEVERITY, by_severity.join(", "));
        }
        h.push_str("</table>\n");
    }

    /// The file names seen, or the count when none held a session.
    fn files_text(&self, summary: &RunSummary) -> String {
        if self.files.is_empty() {
            l::N_FILES.of(summary.files)
        } else {
            self.files.join(", ")
        }
    }

    fn findings(&mut self, h: &mut String, summary: &RunSummary) {
        let _ = writeln!(h, "<h3>{}</h3>", l::FINDINGS);
        if self.groups.is_empty() && summary.findings.total() == 0 {
            let _ = writeln!(h, "<p class=\"muted\">{}</p>", l::NO_FINDINGS);
            return;
        }
        self.groups.sort_by(|a, b| {
            b.severity
                .cmp(&a.severity)
                .then(b.count.cmp(&a.count))
                .then(a.id.cmp(b.id))
        });
        let _ = write!(
            h,
            "<table class=\"findings-by-id\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>\n",
            l::COL_SEVERITY,
            l::COL_FINDING,
            l::COL_COUNT,
            l::COL_SESSIONS,
            l::COL_SUMMARY
        );
        for g in &self.groups {
            let sessions: Vec<String> = g.sessions.iter().map(|s| session_link(s)).collect();
            let more = if g.more_sessions > 0 {
                format!(" +{}", group_digits(g.more_sessions))
            } else {
                String::new()
            };
            let _ = write!(
                h,
                "<tr data-finding=\"{0}\"><td><span class=\"sev sev-{1}\">{1}</span></td><td><code>{0}</code></td>\
                 <td class=\"n\">{2}</td><td>{3}{more}</td><td>{4}</td></tr>\n",
                g.id,
                g.severity.name(),
                group_digits(g.count),
                sessions.join(" "),
                Esc(&g.first)
            );
        }
        h.push_str("</tbody></table>\n");
        if !self.capture_findings.is_empty() {
            let _ = write!(
                h,
                "<h3>{}</h3><ol class=\"cards capture-findings\">\n",
                l::CAPTURE_FINDINGS
            );
            for (n, f) in self.capture_findings.iter().enumerate() {
                finding_card(
                    h,
                    &format!("c-f{}", n.saturating_add(1)),
                    None,
                    f,
                    &FileNames::default(),
                );
            }
            h.push_str("</ol>\n");
        }
    }

    fn flow_table(&self, h: &mut String) {
        if self.flows.is_empty() {
            return;
        }
        let _ = write!(h, "<h3>{}</h3><table class=\"flows\"><thead><tr>", l::MAIL_FLOW);
        for head in [
            l::COL_CLIENT,
            l::COL_SERVER,
            l::COL_SESSIONS,
            l::COL_WITH_TLS,
            l::COL_ACCEPTED,
            l::COL_DEFERRED,
            l::COL_REFUSED,
            l::COL_RECIPIENTS_REFUSED,
            l::COL_REPLY_MEDIAN,
            l::COL_REPLY_WORST,
            l::COL_RETRIES,
        ] {
            let _ = write!(h, "<th>{head}</th>");
        }
        h.push_str("</tr></thead><tbody>\n");
        for f in &self.flows {
            let refused: Vec<String> = f
                .recipients_refused
                .iter()
                .map(|(code, n)| format!("{code} ×{n}"))
                .collect();
            let ms = |v: Option<f64>| v.map_or(String::new(), |ms| format!("{ms:.0} ms"));
            let retries: Vec<String> = f.retries.iter().map(retry_line).collect();
            let _ = write!(
                h,
                "<tr class=\"flow\"><td class=\"mono\">{}</td><td class=\"mono\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
                 <td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>\n",
                f.client,
                f.server,
                group_digits(f.sessions),
                group_digits(f.tls_sessions),
                group_digits(f.accepted),
                group_digits(f.deferred),
                group_digits(f.refused),
                Esc(&refused.join(", ")),
                ms(f.median_reply_ms),
                ms(f.worst_reply_ms),
                Esc(&retries.join("; "))
            );
        }
        h.push_str("</tbody></table>\n");
    }

    fn timeline(&self, h: &mut String, render: Render) {
        let (Some(first), Some(last)) = (self.first, self.last) else {
            return;
        };
        let span = last.seconds_since(first).max(1e-3);
        // Greedy packing: each session on the first row free at its start.
        let mut row_ends: Vec<Timestamp> = Vec::new();
        let mut placed = Vec::with_capacity(self.bars.len());
        for bar in &self.bars {
            let row = match row_ends.iter().position(|end| *end <= bar.start) {
                Some(row) => row,
                None if row_ends.len() < TIMELINE_LANES => {
                    row_ends.push(bar.start);
                    row_ends.len() - 1
                }
                None => TIMELINE_LANES - 1,
            };
            if let Some(end) = row_ends.get_mut(row) {
                *end = (*end).max(bar.end);
            }
            placed.push(row);
        }
        let left = 10.0;
        let top = 6.0;
        let lane = 9.0;
        let height = top + lane * row_ends.len().max(1) as f64 + 26.0;
        let width = TIMELINE_WIDTH + 2.0 * left;
        let _ = write!(h, "<h3>{}</h3><div class=\"legend\">", l::TIMELINE);
        for o in [
            Outcome::Delivered,
            Outcome::NoMail,
            Outcome::Warning,
            Outcome::Failed,
        ] {
            let _ = write!(
                h,
                "<span><span class=\"outcome {}\"></span>{}</span>",
                o.class(),
                o.label()
            );
        }
        let _ = write!(
            h,
            "</div>\n<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height:.0}\" viewBox=\"0 0 {width} {height:.0}\">\n"
        );
        for (bar, row) in self.bars.iter().zip(placed) {
            let x = left + bar.start.seconds_since(first) / span * TIMELINE_WIDTH;
            let w = (bar.end.seconds_since(bar.start) / span * TIMELINE_WIDTH).max(2.0);
            let y = top + lane * row as f64;
            let _ = write!(
                h,
                "<a href=\"#s{0}\"><rect class=\"bar {1}\" data-session=\"{0}\" x=\"{x:.1}\" y=\"{y:.0}\" width=\"{w:.1}\" height=\"7\">\
                 <title>{2} {0} · {3} · {4} · {5:.3} s · {6}</title></rect></a>\n",
                Esc(&bar.id),
                bar.outcome.class(),
                l::SESSION,
                Esc(&bar.endpoints),
                render.time.instant(bar.start),
                bar.end.seconds_since(bar.start),
                bar.outcome.label()
            );
        }
        let axis = height - 20.0;
        let _ = write!(
            h,
            "<line class=\"axis\" x1=\"{left}\" y1=\"{axis}\" x2=\"{}\" y2=\"{axis}\"/>\
             <text x=\"{left}\" y=\"{}\">{}</text><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{} (+{:.3} s)</text></svg>\n",
            left + TIMELINE_WIDTH,
            axis + 14.0,
            render.time.instant(first),
            left + TIMELINE_WIDTH,
            axis + 14.0,
            render.time.instant(last),
            span
        );
        if self.bars_dropped > 0 {
            let _ = writeln!(
                h,
                "<p class=\"muted\">{} {}</p>",
                l::TIMELINE_MORE,
                group_digits(self.bars_dropped)
            );
        }
    }
}

/// A link to a session of this report: `#s12` (`diff` sides: `#sA:1`).
pub fn session_link(id: &str) -> String {
    format!("<a href=\"#s{0}\">{0}</a>", Esc(id))
}
