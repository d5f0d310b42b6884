//! `relay-denied`: the receiver refused a recipient because it will not relay for this sender.
//!
//! Reference: KB 895853 (relay and "550 5.7.1 Unable to relay"), RFC 3463 (5.7.1 "delivery not
//! authorized"), KB 843106 (an Exchange peer that failed to authenticate is anonymous), PROTOCOL.md
//! §9 (middlebox signatures explain what follows). Known false positives: none for the code; a
//! 5.7.1 towards an Internet sender for a domain the server does not host is correct behaviour.

use super::facts;
use super::{Evidence, Finding, RuleInfo, RuleInput, Severity};
use crate::smtp::dialogue::{AuthOutcome, Dialogue};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "relay-denied",
    severity: Severity::Error,
    title: "A recipient was refused with 5.7.1: the server would not relay for this sender",
    trigger: "RCPT answered with a 5xx reply carrying enhanced status 5.7.1 (e.g. `550 5.7.1 Unable to \
              relay`) that is not an authentication-required reply (that is auth-required). The evidence \
              adds the session's authentication state.",
    advice: &[
        "With an Exchange peer this is usually the authentication problem: the sender is anonymous \
         because X-EXPS failed, was never attempted, or was stripped on the way; see the finding that \
         explains it, if any.",
        "Check the relay settings of the receiving SMTP virtual server (Access > Relay: 'Allow all \
         computers which successfully authenticate to relay'), and that the recipient's domain is one \
         it accepts (recipient policies, connectors).",
    ],
    caveats: "Refusing to relay for an unauthenticated Internet sender is correct; the finding matters \
              between servers of the same organisation.",
    refs: &["KB 895853", "KB 843106", "RFC 3463"],
};

/// The session's authentication state, in words, for the evidence.
pub fn auth_state(dialogue: &Dialogue) -> String {
    if facts::authenticated_before(dialogue, None) {
        return "session authenticated (a SASL exchange ended in 235)".to_string();
    }
    if let Some(failed) = dialogue.auth.iter().find(|a| a.outcome != AuthOutcome::Success) {
        let reply = failed
            .reply
            .as_ref()
            .map_or("no reply".to_string(), |r| r.value.first_line());
        return format!(
            "session anonymous: {} {} failed ({reply})",
            failed.verb, failed.mechanism
        );
    }
    let ehlo_refused = dialogue
        .helo
        .as_ref()
        .is_some_and(|h| h.verb == "EHLO" && h.reply.is_some_and(|c| c >= 400))
        || dialogue.helo.as_ref().is_some_and(|h| h.verb == "HELO");
    if ehlo_refused {
        return "session anonymous: no EHLO extensions, so X-EXPS/AUTH were not possible".to_string();
    }
    if facts::advertised(dialogue, "X-EXPS") || facts::advertised(dialogue, "AUTH") {
        return "session anonymous: the server offered X-EXPS/AUTH but the client never tried".to_string();
    }
    "session anonymous: the server offered no authentication".to_string()
}

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let dialogue = &input.session.dialogue;
    let denied: Vec<_> = facts::exchanges_of(dialogue, "RCPT")
        .into_iter()
        .filter(|e| {
            e.reply.is_some_and(|(_, r)| {
                r.class() == 5
                    && r.enhanced.as_deref() == Some("5.7.1")
                    && !super::auth_required::requires_auth(r)
            })
        })
        .collect();
    let first = denied.first()?;
    let (_, reply) = first.reply?;
    let mut evidence = first.evidence();
    evidence.push(Evidence::fact(None, auth_state(dialogue)));
    let finding = Finding::new(
        &INFO,
        Some(first.at()),
        Some(first.item.dir),
        format!(
            "A recipient was refused with {}: relaying was denied.",
            reply.first_line()
        ),
    )
    .evidence(evidence)
    .count(u64::try_from(denied.len()).unwrap_or(u64::MAX));
    Some(facts::refusal(
        finding,
        input,
        first,
        facts::ANONYMOUS_SENDER_CAUSES,
    ))
}
