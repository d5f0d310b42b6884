//! The rule catalogue rendered for people: `smtpscope rules`, `smtpscope rules ID` (in the manner
//! of `rustc --explain`), and `docs/rules.md`, which a test keeps equal to [`markdown`].
//!
//! Owns only layout; the entries come from [`crate::rules::catalogue`]. Must not: judge sessions.

use std::fmt::Write as _;

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
            info.title,
            info.refs.join(", ")
        );
    }
    out.push_str("\nExplain one with `smtpscope rules ID`.\n");
    out
}

/// Everything about one finding.
pub fn explain(info: &RuleInfo) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})\n", info.id, info.severity.name());
    let _ = writeln!(out, "{}\n", info.title);
    let _ = writeln!(out, "When it fires:\n    {}\n", info.trigger);
    out.push_str("What to check, most likely cause first:\n");
    for (n, advice) in info.advice.iter().enumerate() {
        let _ = writeln!(out, "    {}. {advice}", n.saturating_add(1));
    }
    let _ = writeln!(out, "\nKnown false positives and limits:\n    {}", info.caveats);
    let _ = writeln!(out, "\nReferences: {}", info.refs.join(", "));
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
