//! `xlink2state-overflow`: an `X-LINK2STATE` chunk over 520 bytes without an earlier
//! `X-LINK2STATE FIRST` — the MS05-021 heap overflow shape.
//!
//! Reference: MS05-021, PROTOCOL.md §3.4 and R30 (the Snort SMTP preprocessor's detector).
//! Known false positives: a session picked up after its `FIRST` chunk; sessions whose start is not
//! in the capture are not judged.

use super::{facts, Evidence, Finding, RuleInfo, RuleInput, Severity};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "xlink2state-overflow",
    severity: Severity::Critical,
    title: "X-LINK2STATE chunk over 520 bytes without a FIRST chunk: the MS05-021 exploit shape",
    trigger: "An X-LINK2STATE chunk of more than 520 bytes without an earlier X-LINK2STATE FIRST in the session.",
    advice: &[
        "Treat the client as hostile: this is the heap overflow of MS05-021 against Exchange 2000/2003.",
        "Make sure the receiving server has MS05-021 applied, and check it for a crash or restart of SMTPSVC \
         at that time.",
        "Exchange servers only exchange X-LINK2STATE between routing groups of one organisation: block it \
         from anything else.",
    ],
    caveats: "Sessions whose start is not in the capture are not judged.",
    refs: &["MS05-021", "docs/exchange-verbs.md#x-link2state"],
};

/// The largest chunk an unpatched server copies safely.
const MAX_SAFE_CHUNK: usize = 520;

/// The chunk data of an `X-LINK2STATE` argument (after `CHUNK=`), if any.
fn chunk_data(arg: &str) -> Option<&str> {
    let upper = arg.to_ascii_uppercase();
    let start = upper.find("CHUNK=")?.saturating_add("CHUNK=".len());
    arg.get(start..)
}

/// Whether the argument is a `FIRST` chunk.
fn is_first(arg: &str) -> bool {
    arg.split_ascii_whitespace()
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("FIRST"))
}

/// Whether an `X-LINK2STATE` argument is not a `FIRST` chunk and carries more than 520 bytes of
/// chunk data (whether a `FIRST` came before is for the caller to know).
pub(super) fn oversized_chunk(arg: &str) -> Option<usize> {
    let len = chunk_data(arg).map_or(0, str::len);
    (!is_first(arg) && len > MAX_SAFE_CHUNK).then_some(len)
}

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    if !facts::start_seen(input.session) {
        return None;
    }
    let mut first_seen = false;
    let mut overflows: Vec<(facts::Exchange<'_>, usize)> = Vec::new();
    for exchange in input.exchanges_of("X-LINK2STATE") {
        let arg = &exchange.command.arg;
        if is_first(arg) {
            first_seen = true;
            continue;
        }
        if let Some(len) = oversized_chunk(arg).filter(|_| !first_seen) {
            overflows.push((exchange, len));
        }
    }
    let (first, len) = overflows.first()?;
    let mut evidence = first.evidence();
    evidence.push(Evidence::fact(
        None,
        crate::msg!("evidence-xlink2state-chunk", bytes = len.to_string()),
    ));
    Some(
        Finding::new(
            &INFO,
            Some(first.at()),
            Some(first.item.dir),
            crate::msg!("summary-xlink2state-overflow", bytes = *len),
        )
        .evidence(evidence)
        .count(facts::count(overflows.len())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_unmarked_or_later_chunks_over_520_bytes_count() {
        let data = |n: usize| "A".repeat(n);
        assert_eq!(oversized_chunk(&format!("CHUNK={}", data(521))), Some(521));
        assert_eq!(oversized_chunk(&format!("chunk={}", data(600))), Some(600));
        assert_eq!(oversized_chunk(&format!("LAST CHUNK={}", data(600))), Some(600));
        assert_eq!(oversized_chunk(&format!("CHUNK={}", data(520))), None);
        assert_eq!(oversized_chunk(&format!("FIRST CHUNK={}", data(900))), None);
        assert_eq!(oversized_chunk("NEXT"), None);
        assert_eq!(oversized_chunk(""), None);
    }
}
