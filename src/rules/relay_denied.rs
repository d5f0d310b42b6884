//! `relay-denied`: the receiver refused a recipient because it will not relay for this sender.
//!
//! Reference: KB 895853 (relay and "550 5.7.1 Unable to relay"), RFC 3463 (5.7.1 "delivery not
//! authorized"), Exchange 2013–2019 and Exchange Online (`550 5.7.54 Unable to relay recipient in
//! non-accepted domain`, `5.7.64 TenantAttribution; Relay Access Denied`), Postfix (`554 5.7.1 Relay
//! access denied`), KB 843106 (an Exchange peer that failed to authenticate is anonymous),
//! PROTOCOL.md §9 (middlebox signatures explain what follows). Which replies count is
//! [`super::refusal`]'s. Known false positives: none for the codes; a refusal towards an Internet
//! sender for a domain the server does not host is correct behaviour.

use super::facts;
use super::{Evidence, Finding, RuleInfo, RuleInput, Severity};
use crate::l10n::Text;
use crate::smtp::dialogue::{AuthOutcome, Dialogue};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "relay-denied",
    severity: Severity::Error,
    title: "A recipient was refused: the server would not relay for this sender",
    trigger: "RCPT answered 5xx with enhanced status 5.7.1, 5.7.54 or 5.7.64, or with relay wording (`Relay access \
              denied`, `Unable to relay`), unless it asks for authentication (auth-required), TLS (tls-required) \
              or names a block list or spam (spam-rejected). The evidence adds the session's authentication state.",
    advice: &[
        "With an Exchange peer this is usually the authentication problem: the sender is anonymous \
         because X-EXPS failed, was never attempted, or was stripped on the way; see the finding that \
         explains it, if any.",
        "Check the relay settings of the receiving SMTP virtual server (Access > Relay: 'Allow all \
         computers which successfully authenticate to relay'), and that the recipient's domain is one \
         it accepts (recipient policies, connectors).",
        "Exchange 2013 and later (5.7.54): the recipient's domain is not an accepted domain, or the client \
         relays through a Receive connector that does not grant it relay permission — give the application \
         its own connector for its IP address with relay permission, or add the accepted domain. Exchange \
         Online (5.7.64): the inbound connector does not recognise the sending server (certificate or IP).",
    ],
    caveats: "Refusing to relay for an unauthenticated Internet sender is correct; the finding matters \
              between servers of the same organisation.",
    refs: &["KB 895853", "KB 843106", "RFC 3463", "Exchange 5.7.54"],
};

/// The session's authentication state, in words, for the evidence.
pub fn auth_state(dialogue: &Dialogue) -> Text {
    if facts::authenticated_before(dialogue, None) {
        return crate::msg!("auth-state-authenticated");
    }
    if let Some(failed) = dialogue.auth.iter().find(|a| a.outcome != AuthOutcome::Success) {
        let reply = failed
            .reply
            .as_ref()
            .map_or(crate::msg!("auth-state-no-reply"), |r| {
                r.value.first_line().into()
            });
        return crate::msg!(
            "auth-state-failed",
            verb = failed.verb.clone(),
            mechanism = failed.mechanism.clone(),
            reply = reply,
        );
    }
    let ehlo_refused = dialogue
        .helo
        .as_ref()
        .is_some_and(|h| h.verb == "EHLO" && h.reply.is_some_and(|c| c >= 400))
        || dialogue.helo.as_ref().is_some_and(|h| h.verb == "HELO");
    if ehlo_refused {
        return crate::msg!("auth-state-no-ehlo");
    }
    if facts::advertised(dialogue, "X-EXPS") || facts::advertised(dialogue, "AUTH") {
        return crate::msg!("auth-state-not-tried");
    }
    crate::msg!("auth-state-not-offered")
}

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let dialogue = &input.session.dialogue;
    let (denied, _) = input
        .refusals()
        .of_kind(|k| *k == super::refusal::Kind::RelayDenied)?;
    let first = denied.first()?;
    let exchange = first.exchange?;
    let mut evidence = first.evidence();
    evidence.push(Evidence::fact(None, auth_state(dialogue)));
    let finding = Finding::new(
        &INFO,
        Some(exchange.at()),
        Some(exchange.item.dir),
        crate::msg!("summary-relay-denied", reply = first.reply.first_line()),
    )
    .evidence(evidence)
    .count(facts::count(denied.len()));
    Some(facts::refusal(
        finding,
        input,
        &exchange,
        facts::ANONYMOUS_SENDER_CAUSES,
    ))
}
