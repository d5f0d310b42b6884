//! `no-ptr`: the receiver looked up the client's reverse DNS, got none, and refused the client.
//!
//! Reference: RFC 1912 §2.1 (every host should have a PTR), RFC 7372 (X.7.25 reverse DNS validation
//! failed), Postfix `reject_unknown_client_hostname`, Exchange Online (connections without
//! reverse DNS). Judged by the flow stage on a finished session with the receiver's lookups.
//! Known false positives: a refusal for another reason that happens to follow a failed PTR lookup.

use super::{Evidence, Finding, RuleInfo, Severity};
use crate::dns::Lookup;
use crate::rules::refusal::Refusal;

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "no-ptr",
    severity: Severity::Warning,
    title: "The receiver found no reverse DNS (PTR) for the client, then refused it",
    trigger: "During the session, the server's address looked up the PTR of the client's address and got NXDOMAIN, \
              SERVFAIL, no record or no answer; and a 4xx/5xx refusal of the session followed that answer.",
    advice: &[
        "Ask whoever owns the client's public IP address (usually the Internet provider) for a PTR record \
         naming the sending server, and make that name resolve back to the same address.",
        "The name the client gives in EHLO should be that same name: many receivers compare them.",
    ],
    caveats: "The refusal may have another reason; read its text (4.7.25 / 5.7.25 name reverse DNS).",
    refs: &["RFC 1912 §2.1", "RFC 7372"],
};

/// The finding for a failed PTR `lookup` followed by `refusal`.
pub fn check(lookup: &Lookup, refusal: &Refusal<'_>) -> Option<Finding> {
    let (at, dir) = match refusal.exchange {
        Some(e) => (e.at(), e.item.dir),
        None => (refusal.item.at, refusal.item.dir),
    };
    Some(
        Finding::new(
            &INFO,
            Some(at),
            Some(dir),
            crate::msg!(
                "summary-no-ptr",
                name = lookup.name.to_string(),
                result = lookup.result(),
                reply = refusal.reply.first_line()
            ),
        )
        .evidence([Evidence::fact(
            lookup.at(),
            crate::msg!(
                "evidence-ptr",
                querier = lookup.querier.ip().to_string(),
                name = lookup.name.clone(),
                result = lookup.result(),
            ),
        )])
        .evidence(refusal.evidence()),
    )
}
