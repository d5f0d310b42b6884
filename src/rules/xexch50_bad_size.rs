//! `xexch50-bad-size`: an `XEXCH50` size argument that is signed, not decimal, or above 2^30 — the
//! shape of the MS03-046 exploit.
//!
//! Reference: MS03-046 / CVE-2003-0714, CERT VU#422156, Nessus plugin 11889, PROTOCOL.md R17–R18.
//! Known false positives: none known; no Exchange server sends such a size. A missing size is a
//! malformed command, not this shape, and is left to `xexch50-rejected`.

use super::{facts, Evidence, Finding, RuleInfo, RuleInput, Severity};
use crate::smtp::command::{SizeArg, SizeProblem};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "xexch50-bad-size",
    severity: Severity::Critical,
    title: "XEXCH50 with a signed, non-decimal or huge size: the MS03-046 exploit shape",
    trigger: "The size argument of XEXCH50 is signed, not decimal, or above 2^30.",
    advice: &[
        "Treat the client as hostile: this is the shape of the MS03-046 (CVE-2003-0714) heap overflow \
         exploit against Exchange 2000/2003.",
        "If the server answered 354, it took the size before authentication: it is unpatched — apply \
         MS03-046 and block the client.",
        "Check the server for compromise if it went on after the BLOB (crash, restart of SMTPSVC).",
    ],
    caveats: "None known.",
    refs: &["MS03-046", "CVE-2003-0714", "CERT VU#422156"],
};

/// The largest size an honest XEXCH50 announces.
const MAX_HONEST_SIZE: u64 = 1 << 30;

/// What is wrong with a size, if it is the exploit's shape.
fn problem(size: &SizeArg) -> Option<&'static str> {
    match (size.problem, size.value) {
        (Some(SizeProblem::Signed), _) => Some("signed"),
        (Some(SizeProblem::NotDecimal), _) => Some("not decimal"),
        (Some(SizeProblem::TooLarge), _) => Some("beyond 64 bits"),
        (None, Some(v)) if v > MAX_HONEST_SIZE => Some("above 2^30"),
        _ => None,
    }
}

/// What makes an `XEXCH50` argument the exploit's shape, if anything.
fn exploit_shape(arg: &str) -> Option<&'static str> {
    problem(&SizeArg::parse(arg.split_ascii_whitespace().next()))
}

/// A shape of [`problem`] in the report's language.
fn shape_text(shape: &str) -> crate::l10n::Text {
    match shape {
        "signed" => crate::msg!("size-signed"),
        "not decimal" => crate::msg!("size-not-decimal"),
        "beyond 64 bits" => crate::msg!("size-beyond-64-bits"),
        "above 2^30" => crate::msg!("size-above-2-30"),
        other => other.into(),
    }
}

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let bad: Vec<(facts::Exchange<'_>, &'static str)> = input
        .exchanges_of("XEXCH50")
        .into_iter()
        .filter_map(|e| exploit_shape(&e.command.arg).map(|p| (e, p)))
        .collect();
    let (first, what) = bad.first()?;
    let accepted = bad.iter().any(|(e, _)| e.code() == Some(354));
    let what = shape_text(what);
    let mut finding = first
        .finding(
            &INFO,
            if accepted {
                crate::msg!("summary-xexch50-bad-size-accepted", size = &what)
            } else {
                crate::msg!("summary-xexch50-bad-size", size = &what)
            },
        )
        .evidence([Evidence::fact(
            None,
            crate::msg!("evidence-size-argument", what = what),
        )])
        .count(facts::count(bad.len()));
    if accepted {
        finding = finding.advice_first(crate::msg!("advice-xexch50-unpatched"));
    }
    Some(finding)
}

#[cfg(test)]
mod tests {
    use super::exploit_shape;

    #[test]
    fn signed_non_decimal_and_huge_sizes_are_the_exploit_shape() {
        for (arg, shape) in [
            ("2336 3", None),
            ("1073741824 2", None),
            ("1073741825 2", Some("above 2^30")),
            ("-1 2", Some("signed")),
            ("+2336 3", Some("signed")),
            ("0x920 3", Some("not decimal")),
            ("99999999999999999999999 2", Some("beyond 64 bits")),
            ("", None),
        ] {
            assert_eq!(exploit_shape(arg), shape, "{arg:?}");
        }
    }
}
