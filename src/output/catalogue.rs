//! The rule catalogue rendered for people: `smtpscope rules`, `smtpscope rules ID` (in the manner
//! of `rustc --explain`), and `docs/rules.md`, which a test keeps equal to [`markdown`].
//!
//! Owns only layout; the entries come from [`crate::rules::catalogue`]. Must not: judge sessions.

use std::fmt::Write as _;

use super::labels as L;
use crate::rules::{catalogue, RuleInfo};

/// The one-screen list: id, severity, one line, references.
pub fn list() -> String {
    let width = catalogue().map(|r| r.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for info in catalogue() {
        let _ = writeln!(
            out,
            "{:<width$}  {:<8}  {}  [{}]",
            info.id,
            info.severity.name(),
            info.title_text(),
            info.refs.join(", ")
        );
    }
    let _ = writeln!(out, "\n{}", L::RULES_EXPLAIN_ONE);
    out
}

/// Everything about one finding.
pub fn explain(info: &RuleInfo) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})\n", info.id, info.severity.name());
    let _ = writeln!(out, "{}\n", info.title_text());
    let _ = writeln!(out, "{}\n    {}\n", L::RULES_WHEN, info.trigger_text());
    let _ = writeln!(out, "{}", L::RULES_CHECK);
    for (n, advice) in info.advice_texts().enumerate() {
        let _ = writeln!(out, "    {}. {advice}", n.saturating_add(1));
    }
    let _ = writeln!(out, "\n{}\n    {}", L::RULES_CAVEATS, info.caveats_text());
    let _ = writeln!(out, "\n{} {}", L::RULES_REFERENCES, info.refs.join(", "));
    out
}

/// Everything known about one reply code (`smtpscope explain`): its basic and enhanced meanings,
/// the NDR with causes and steps, and the findings it raises by command.
pub fn explain_code(found: &crate::codes::Lookup, findings: &[(&str, &str)]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", found.query);
    if let Some(basic) = found.basic {
        let _ = writeln!(
            out,
            "{}  {}  ({})",
            basic.code,
            basic.title_text(),
            basic.source.text()
        );
        let _ = writeln!(out, "    {}\n", basic.detail_text());
    }
    if let (Some(code), Some(entry)) = (&found.enhanced_code, found.enhanced) {
        let _ = writeln!(out, "{code}  {}  ({})", entry.title_text(), entry.source.text());
        let _ = writeln!(out, "    {}\n", entry.detail_text());
    }
    if let Some(registry) = found.registry {
        let _ = writeln!(
            out,
            "{}  {}  ({})",
            registry.code,
            registry.title_text(),
            registry.source.text()
        );
        let _ = writeln!(out, "    {}\n", registry.detail_text());
    }
    if let Some(code) = found.enhanced_code.as_deref().filter(|_| found.parts.is_some()) {
        if let Some(parts) = crate::codes::parts_text(code) {
            let _ = writeln!(out, "{code}  {parts}\n");
        }
    }
    if let Some(ndr) = found.ndr {
        let _ = writeln!(
            out,
            "{}",
            crate::msg!(
                "explain-ndr",
                reference = ndr.reference_text(),
                situation = ndr.situation_text()
            )
        );
        let _ = writeln!(out, "  {}", L::EXPLAIN_CAUSES);
        for (n, cause) in ndr.cause_texts().enumerate() {
            let _ = writeln!(out, "    {}. {cause}", n.saturating_add(1));
        }
        let _ = writeln!(out, "  {}", L::EXPLAIN_STEPS);
        for (n, step) in ndr.step_texts().enumerate() {
            let _ = writeln!(out, "    {}. {step}", n.saturating_add(1));
        }
        out.push('\n');
    }
    if !findings.is_empty() {
        let mut parts: Vec<(&str, Vec<&str>)> = Vec::new();
        for (verb, id) in findings {
            match parts.iter_mut().find(|(i, _)| i == id) {
                Some((_, verbs)) => verbs.push(verb),
                None => parts.push((id, vec![verb])),
            }
        }
        let parts: Vec<String> = parts
            .iter()
            .map(|(id, verbs)| {
                let verbs: Vec<String> = verbs
                    .iter()
                    .map(|v| match *v {
                        "greeting" => L::EXPLAIN_GREETING.text().into_owned(),
                        verb => verb.to_string(),
                    })
                    .collect();
                crate::msg!("explain-in-reply-to", id = *id, verbs = verbs.join(", ")).to_string()
            })
            .collect();
        let _ = writeln!(out, "{} {}", L::RULES_FINDINGS_RAISED, parts.join(", "));
        let _ = writeln!(out, "{}", L::RULES_EXPLAIN_ONE);
    }
    out
}

/// `docs/rules.md`: the whole catalogue in registry order.
pub fn markdown() -> String {
    let mut out = String::from(
        "# Findings reference\n\nGenerated from the rule registry (`src/rules/registry.rs`) in evaluation \
         order; `tests/rules.rs` fails when this file and the registry disagree. The same text is \
         printed by `smtpscope rules ID`.\n\n| id | severity | meaning |\n|---|---|---|\n",
    );
    for info in catalogue() {
        let _ = writeln!(
            out,
            "| [`{0}`](#{0}) | {1} | {2} |",
            info.id,
            info.severity.name(),
            info.title
        );
    }
    for info in catalogue() {
        let _ = writeln!(out, "\n## {}\n", info.id);
        let _ = writeln!(out, "Severity: **{}**. {}\n", info.severity.name(), info.title);
        let _ = writeln!(out, "**Fires when:** {}\n", info.trigger);
        out.push_str("**What to check**, most likely cause first:\n\n");
        for (n, advice) in info.advice.iter().enumerate() {
            let _ = writeln!(out, "{}. {advice}", n.saturating_add(1));
        }
        let _ = writeln!(out, "\n**Known false positives:** {}\n", info.caveats);
        let _ = writeln!(out, "**References:** {}", info.refs.join(", "));
    }
    out
}
