//! `xexch50-rejected-after-auth`: `XEXCH50` answered `504` although the sender had authenticated.
//!
//! Reference: KB 843106 step 2 (the sending server needs the Send As right on the receiver, through
//! the Exchange Domain Servers group; a DENY entry on a nesting group takes it away), PROTOCOL.md R14.
//! Known false positives: none known; the authentication and the refusal are both on the wire.

use super::{facts, Evidence, Finding, RuleInfo, RuleInput, Severity};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "xexch50-rejected-after-auth",
    severity: Severity::Error,
    title: "XEXCH50 was refused with 504 although the sender had authenticated",
    trigger: "XEXCH50 answered 504 although an X-EXPS or AUTH exchange in the same session ended in 235 \
              before it.",
    advice: &[
        "The sending server's account lacks the Send As right on the receiving server: check that it is a \
         member of the Exchange Domain Servers group (KB 843106 step 2).",
        "Look for a DENY permission entry on a group the sending server belongs to (nested groups) that \
         takes Send As away.",
        "After fixing permissions, allow for Active Directory replication and restart the SMTP service.",
    ],
    caveats: "None known.",
    refs: &["KB 843106"],
};

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let session = input.session;
    let dialogue = &session.dialogue;
    let refused: Vec<facts::Exchange<'_>> = input
        .exchanges_of("XEXCH50")
        .into_iter()
        .filter(|e| e.code() == Some(504) && facts::authenticated_before(dialogue, Some(e.at().frame)))
        .collect();
    let first = refused.first()?;
    let auth = dialogue
        .auth
        .iter()
        .find(|a| a.outcome == crate::smtp::dialogue::AuthOutcome::Success);
    let mut finding = first
        .finding(&INFO, crate::msg!("summary-xexch50-rejected-after-auth"))
        .evidence(auth.map(|a| {
            Evidence::fact(
                a.reply.as_ref().map(|r| r.at),
                crate::msg!(
                    "evidence-auth-235-before",
                    verb = &a.verb,
                    mechanism = &a.mechanism
                ),
            )
        }))
        .count(facts::count(refused.len()));
    if let Some(event) = facts::event_7004(session, first) {
        finding = finding.event(event);
    }
    if let Some(cause) = input.earlier("middlebox-rewrite") {
        finding = finding.explained_by(cause);
    }
    Some(finding)
}
