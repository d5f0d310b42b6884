//! `connection-flood`: more TCP connections were open at once than smtpscope follows
//! (`--max-connections`), so some were evicted — or, in `live`, closed early — before they ended.
//!
//! Capture-wide, not tied to a session: made from the reassembler's connection budget
//! ([`FloodStats`]). Each evicted connection is still reported as a session, closed as `evicted`,
//! with what it had carried up to then. Reference: RFC 4987 (TCP SYN flooding attacks and common
//! mitigations) for the half-open shape; FINDINGS.md. Known false positives: a mail hub that
//! really holds more connections than the budget at once (raise `--max-connections`).

use super::{Evidence, Finding, RuleInfo, Severity};
use crate::output::text::group_digits as thousands;
use crate::reasm::FloodStats;
use crate::time::Timestamp;

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "connection-flood",
    severity: Severity::Warning,
    title: "More connections were open at once than smtpscope follows: some were evicted early",
    trigger: "Capture-wide: a new connection found the connection budget (--max-connections) full, so the \
              connection that had waited longest without data (quiet ones first) was evicted; or, in live, \
              connections were closed after a shorter idle time while the budget was three quarters full.",
    advice: &[
        "Many connections that never carried a byte point to a SYN flood or a port scan against the SMTP \
         port (RFC 4987): check the server's SYN backlog and SYN cookies, and rate-limit or block the \
         sources at the firewall.",
        "Many connections that did carry data point to a burst of real or abusive senders (a spam run, a \
         retry storm after an outage): check the connection limits of the receive connector or virtual \
         server.",
        "The evicted sessions are reported up to where they were evicted (closed as `evicted`); to follow \
         every connection, analyse again with a larger --max-connections (each connection costs about \
         1.5 KiB while it is quiet) or filter the capture to the servers of interest.",
    ],
    caveats: "A hub that legitimately holds more connections at once than the budget raises it too; raise \
              --max-connections for such a hub.",
    refs: &["RFC 4987"],
};

/// The finding for a capture (or live run) named `source` whose connection budget overflowed.
pub fn check(source: &str, flood: &FloodStats) -> Option<Finding> {
    if !flood.overflowed() {
        return None;
    }
    let given_up = flood.evicted.saturating_add(flood.pressure_closed);
    let early = match flood.pressure_closed {
        0 => crate::l10n::Text::Raw(String::new()),
        n => crate::msg!("flood-closed-early", count = thousands(n)),
    };
    let summary = crate::msg!(
        "summary-connection-flood",
        source = source,
        max = thousands(flood.max_connections),
        evicted = flood.evicted,
        shown = thousands(flood.evicted),
        early = early,
    );
    let mut evidence = vec![
        Evidence::fact(
            None,
            crate::msg!(
                "evidence-flood-budget",
                max = thousands(flood.max_connections),
                peak = thousands(flood.peak_open),
            ),
        ),
        Evidence::fact(
            None,
            match flood.peak_second {
                Some(s) => crate::msg!(
                    "evidence-flood-peak-rate-at",
                    count = thousands(flood.peak_opened_per_second),
                    at = Timestamp::new(s, 0).to_string(),
                ),
                None => crate::msg!(
                    "evidence-flood-peak-rate",
                    count = thousands(flood.peak_opened_per_second),
                ),
            },
        ),
        Evidence::fact(
            None,
            crate::msg!(
                "evidence-flood-evicted",
                evicted = thousands(flood.evicted),
                quiet = thousands(flood.evicted_quiet),
            ),
        ),
    ];
    if let (Some(first), Some(last)) = (flood.first, flood.last) {
        let span = (last.as_nanos().saturating_sub(first.as_nanos())) as f64 / 1e9;
        let (first, last, seconds) = (first.to_string(), last.to_string(), format!("{span:.3}"));
        evidence.push(Evidence::fact(
            None,
            if span > 0.0 {
                crate::msg!(
                    "evidence-flood-given-up-rate",
                    first = first,
                    last = last,
                    seconds = seconds,
                    rate = format!("{:.0}", given_up as f64 / span),
                )
            } else {
                crate::msg!(
                    "evidence-flood-given-up",
                    first = first,
                    last = last,
                    seconds = seconds
                )
            },
        ));
    }
    Some(
        Finding::new(&INFO, None, None, summary)
            .evidence(evidence)
            .count(given_up),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn silent_without_an_overflow_and_counted_with_one() {
        assert!(check("x.pcap", &FloodStats::default()).is_none());
        let flood = FloodStats {
            max_connections: 100_000,
            peak_open: 100_000,
            peak_opened_per_second: 10_000,
            peak_second: Some(1_704_164_650),
            evicted: 100_000,
            evicted_quiet: 99_999,
            pressure_closed: 0,
            first: Some(Timestamp::new(1_704_164_655, 0)),
            last: Some(Timestamp::new(1_704_164_665, 0)),
        };
        let f = check("flood.pcap", &flood).unwrap();
        assert_eq!(f.count, 100_000);
        assert!(
            f.summary.en().contains("more than 100,000 connections"),
            "{}",
            f.summary
        );
        let text: Vec<String> = f.evidence.iter().map(|e| e.text.en()).collect();
        assert!(
            text.iter()
                .any(|t| t.contains("peak rate 10,000 new connections")),
            "{text:?}"
        );
        assert!(text
            .iter()
            .any(|t| t.contains("99,999 of them had never carried a byte")));
        assert!(
            text.iter().any(|t| t.contains("(10.000 s, 10000 a second)")),
            "{text:?}"
        );
    }
}
