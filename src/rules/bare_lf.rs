//! `bare-lf`: a command, reply or DATA line ended in a bare LF or bare CR.
//!
//! Reference: RFC 5321 §2.3.8 (lines end in CRLF), PROTOCOL.md R35 (Exchange 2007+ answers
//! `554 5.6.0 Invalid message content, contains bare linefeeds`).
//! Known false positives: none for the trigger; many Unix tools send bare LF harmlessly, hence info.

use super::{facts, Evidence, Finding, RuleInfo, RuleInput, Severity};
use crate::smtp::anomaly::AnomalyKind;

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "bare-lf",
    severity: Severity::Info,
    title: "Lines ending in a bare LF or CR",
    trigger: "A command, reply or DATA line ends in a bare LF or bare CR.",
    advice: &[
        "A non-conforming peer (a script or legacy application that writes LF line ends); Exchange 2007 and \
         later reject such messages with 554 5.6.0.",
        "Combined with a lone dot, bare line ends are the raw material of SMTP smuggling: see smtp-smuggling.",
    ],
    caveats: "Informational; harmless to most servers.",
    refs: &["RFC 5321 §2.3.8"],
};

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let dialogue = &input.session.dialogue;
    let lines: Vec<_> = dialogue
        .anomalies
        .iter()
        .filter(|a| a.kind == AnomalyKind::BareLf)
        .collect();
    let bodies: Vec<(u64, u64, u64)> = dialogue
        .transactions
        .iter()
        .filter_map(|t| t.data.as_ref())
        .filter_map(|c| {
            c.data
                .as_ref()
                .map(|d| (c.frame, d.line_endings.bare_lf, d.line_endings.bare_cr))
        })
        .filter(|(_, lf, cr)| lf.saturating_add(*cr) > 0)
        .collect();
    let mut evidence: Vec<Evidence> = lines
        .first()
        .map(|a| Evidence::line(a.at, a.dir, a.detail.clone()))
        .into_iter()
        .collect();
    let mut at = lines.first().map(|a| (a.at, a.dir));
    if let Some((frame, lf, cr)) = bodies.first() {
        let data = input.exchange_at("DATA", *frame);
        if let Some(data) = data {
            at = at.or(Some((data.at(), data.item.dir)));
            evidence.push(Evidence::line(data.at(), data.item.dir, data.command_line()));
        }
        evidence.push(Evidence::fact(
            None,
            crate::msg!("evidence-bare-line-ends", lf = *lf, cr = *cr),
        ));
    }
    let (at, dir) = at?;
    let occurrences = lines.len().saturating_add(bodies.len());
    Some(
        Finding::new(
            &INFO,
            Some(at),
            Some(dir),
            crate::msg!("summary-bare-lf", count = occurrences.to_string()),
        )
        .evidence(evidence)
        .count(facts::count(occurrences)),
    )
}
