//! `kerberos-downgrade`: the client offered Kerberos in SPNEGO but sent an NTLM token.
//!
//! Reference: RFC 4178 §4.2.1 (the mechToken belongs to the first mechanism the client could use),
//! PROTOCOL.md §2.2 and R9. Known false positives: a client configured to prefer NTLM while still
//! listing Kerberos would match; Windows does not do that unless Kerberos failed.

use super::{Evidence, Finding, RuleInfo, RuleInput, Severity};
use crate::auth::gss::Mechanism;

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "kerberos-downgrade",
    severity: Severity::Info,
    title: "SPNEGO listed Kerberos but the client sent NTLM: it could not get a Kerberos ticket",
    trigger: "A SPNEGO NegTokenInit lists a Kerberos mechanism but its mechToken is NTLMSSP.",
    advice: &[
        "The sending server could not get a ticket for SMTPSVC/<receiver's FQDN>: check that the SPN is \
         registered once, on the receiver's computer account (setspn -L; KB 914137 for several SMTP \
         virtual servers).",
        "Check that the sender reaches a domain controller on port 88 and that the two clocks agree \
         within five minutes.",
        "Check that the name the sender connects to (the MX or smart host) is the receiver's real FQDN; \
         an alias without an SPN forces NTLM.",
    ],
    caveats: "NTLM still works in most setups; this matters when NTLM is restricted or later fails.",
    refs: &["RFC 4178", "KB 914137", "docs/exchange-verbs.md#x-exps"],
};

fn names(mechanisms: &[Mechanism]) -> String {
    mechanisms
        .iter()
        .map(Mechanism::name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let downgraded: Vec<_> = input
        .session
        .dialogue
        .auth
        .iter()
        .zip(input.auth())
        .filter(|(_, analysis)| analysis.downgraded_to_ntlm())
        .collect();
    let (exchange, analysis) = downgraded.first()?;
    let token = exchange
        .tokens
        .iter()
        .find(|t| t.dir == crate::net::Direction::ClientToServer && !t.bytes.is_empty());
    let at = token.map_or(exchange.at, |t| t.at);
    let mut evidence = vec![Evidence::line(
        exchange.at,
        crate::net::Direction::ClientToServer,
        format!("{} {}", exchange.verb, exchange.mechanism),
    )];
    evidence.push(Evidence::line(
        at,
        crate::net::Direction::ClientToServer,
        crate::msg!("evidence-spnego-offers-ntlm", offered = names(&analysis.offered)),
    ));
    if let Some(identity) = &analysis.identity {
        evidence.push(Evidence::fact(
            None,
            crate::msg!("evidence-identity", identity = identity.to_string()),
        ));
    }
    Some(
        Finding::new(
            &INFO,
            Some(at),
            Some(crate::net::Direction::ClientToServer),
            crate::msg!(
                "summary-kerberos-downgrade",
                verb = &exchange.verb,
                mechanism = &exchange.mechanism
            ),
        )
        .evidence(evidence)
        .count(super::facts::count(downgraded.len())),
    )
}
