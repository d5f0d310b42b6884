//! `mail-loop-suspected`: a message's `Received:` chain is longer than a healthy path, or passes
//! the same receiving host twice.
//!
//! Every SMTP server prepends one `Received:` field (RFC 5321 §4.4) and counts them to detect loops
//! (§6.3): Exchange gives up with `554 5.4.6 Hop count exceeded - possible mail loop` (30 hops by
//! default), Postfix after 50. Two servers that each think the other is responsible for a domain
//! (a connector or smart host pointing back, a secondary MX that relays to itself) pass the message
//! back and forth, and the same `by` host appears again and again.
//!
//! Reference: RFC 5321 §6.3, §4.4. Known false positives: none known for the re-entry shape —
//! consecutive fields of one host (Exchange's transport and mailbox roles, sendmail's submission
//! then its daemon, a content filter reached over loopback) count once; a content filter on
//! another host that hands the message back (A → filter → A) looks like a loop.
//! Captures: `captures/lab/postfix-mail-loop.pcap`.

use std::collections::BTreeMap;

use super::{facts, Finding, RuleInfo, RuleInput, Severity};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "mail-loop-suspected",
    severity: Severity::Warning,
    title: "A message's Received chain is very long or passes the same host twice: a mail loop",
    trigger: "A message carries more than 25 `Received:` fields, or its path leaves a receiving (`by`) \
              host and enters it again (case-insensitive; consecutive fields of the same host count \
              once, `localhost` and loopback addresses are not counted).",
    advice: &[
        "Follow the Received chain: two servers hand the message to each other. Check the connectors \
         and smart hosts between them (a connector that routes a domain back to where it came from), \
         the MX records of the domain, and accepted/relay domain lists on both.",
        "A loop ends in an NDR such as `554 5.4.6 Hop count exceeded - possible mail loop` once the \
         hop limit is reached, after delays at every pass.",
    ],
    caveats: "A content filter on another host that hands the message back (A → filter → A) looks \
              like a loop.",
    refs: &["RFC 5321 §6.3", "RFC 5321 §4.4"],
};

/// More hops than this is suspicious on its own.
pub const MAX_HEALTHY_HOPS: usize = 25;

fn loopback(host: &str) -> bool {
    let h = host.trim_matches(['[', ']']).to_ascii_lowercase();
    h == "localhost" || h.starts_with("localhost.") || h.starts_with("127.") || h == "::1"
}

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let hits: Vec<(facts::MessageRef<'_>, crate::l10n::Text)> = input
        .messages()
        .filter_map(|m| {
            let hops = &m.message.received;
            let total = hops.len().saturating_add(m.message.received_dropped as usize);
            // The receiving hosts in order, consecutive repeats folded: a server that adds two
            // fields itself (Exchange's transport and mailbox roles, a submission then an MTA
            // daemon, a content filter on loopback) passes once; a host left and entered again
            // is a loop.
            let mut path: Vec<String> = hops
                .iter()
                .filter_map(|h| h.by.as_deref())
                .filter(|b| !loopback(b))
                .map(str::to_ascii_lowercase)
                .collect();
            path.dedup();
            let mut seen: BTreeMap<String, usize> = BTreeMap::new();
            for by in path {
                let n = seen.entry(by).or_insert(0);
                *n = n.saturating_add(1);
            }
            let repeated: Vec<String> = seen
                .iter()
                .filter(|(_, n)| **n > 1)
                .map(|(host, n)| format!("{host} ×{n}"))
                .collect();
            let why = if !repeated.is_empty() {
                crate::msg!("loop-host-again", count = total, hosts = repeated.join(", "))
            } else if total > MAX_HEALTHY_HOPS {
                crate::msg!("loop-too-many-hops", count = total, max = MAX_HEALTHY_HOPS)
            } else {
                return None;
            };
            Some((m, why))
        })
        .collect();
    let (first, why) = hits.first()?;
    let path: Vec<&str> = first
        .message
        .received
        .iter()
        .filter_map(|h| h.by.as_deref())
        .collect();
    let evidence = vec![
        first.fact(why.clone()),
        first.fact(crate::msg!(
            "evidence-received-path",
            path = facts::shortened(path.join(" → "))
        )),
    ];
    Some(first.finding(
        &INFO,
        crate::msg!(
            "summary-mail-loop-suspected",
            message = first.name_text(),
            why = why.clone()
        ),
        evidence,
        hits.len(),
    ))
}
