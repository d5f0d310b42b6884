//! `xexch50-without-auth`: `XEXCH50` in a session where no `X-EXPS`/`AUTH` had succeeded.
//!
//! Reference: KB 843106 (`504 Need to authenticate first`: the receiver only takes the Exchange
//! properties from an authenticated member of the organisation), PROTOCOL.md R12, R18.
//! Known false positives: a session picked up after its start, or whose start is hidden by TLS, may
//! have authenticated out of sight; it is not judged. An XEXCH50 with an exploit's size is judged
//! too (both findings are reported), with `xexch50-bad-size` named as the likely cause.

use super::{facts, Evidence, Finding, RuleInfo, RuleInput, Severity};
use crate::l10n::Text;
use crate::smtp::dialogue::{AuthOutcome, Dialogue};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "xexch50-without-auth",
    severity: Severity::Warning,
    title: "XEXCH50 was sent without a successful X-EXPS or AUTH before it",
    trigger:
        "An XEXCH50 command in a session where no X-EXPS or AUTH exchange ended in 235 before it. Error \
              when it was answered 504 or 505. Only when the session's start (banner and EHLO) is in the \
              capture in clear.",
    advice: &[
        "The sender never authenticated, so the receiver will not accept the Exchange properties.",
        "Integrated Windows Authentication must be on for every SMTP virtual server between the Exchange \
         servers (KB 843106 step 1).",
        "The receiver must recognise the sender's EHLO name as a server of the organisation: check the \
         FQDN on the sending virtual server (Delivery > Advanced).",
        "If the peer is outside the organisation, suppress XEXCH50 towards it (KB 818222).",
    ],
    caveats: "Sessions whose start is not in the capture, or is inside TLS not decrypted, are not judged.",
    refs: &["KB 843106", "KB 818222"],
};

/// The cause this capture points to, in words, for the first line of the advice.
fn cause(dialogue: &Dialogue, frame: u64) -> Text {
    let tried = dialogue.auth.iter().filter(|a| a.at.frame < frame);
    if dialogue.helo.as_ref().is_some_and(|h| h.verb != "EHLO") {
        crate::msg!("xexch50-cause-helo")
    } else if tried.clone().any(|a| a.outcome != AuthOutcome::Success) {
        crate::msg!("xexch50-cause-auth-failed")
    } else if !facts::advertised(dialogue, "X-EXPS") && !facts::advertised(dialogue, "XEXCH50") {
        crate::msg!("xexch50-cause-not-exchange")
    } else if !facts::advertised(dialogue, "X-EXPS") {
        crate::msg!("xexch50-cause-no-exps")
    } else {
        crate::msg!("xexch50-cause-exps-not-tried")
    }
}

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let dialogue = &input.session.dialogue;
    if !facts::start_seen(input.session) {
        return None;
    }
    let unauthenticated: Vec<facts::Exchange<'_>> = input
        .exchanges_of("XEXCH50")
        .into_iter()
        .filter(|e| {
            facts::visible(dialogue, e.item) && !facts::authenticated_before(dialogue, Some(e.at().frame))
        })
        .collect();
    let first = unauthenticated.first()?;
    let refused_for_auth = unauthenticated
        .iter()
        .any(|e| matches!(e.code(), Some(504 | 505)));
    let mut finding = first
        .finding(
            &INFO,
            match first.code() {
                Some(code) => crate::msg!("summary-xexch50-without-auth-answered", code = code.to_string()),
                None => crate::msg!("summary-xexch50-without-auth"),
            },
        )
        .severity(if refused_for_auth {
            Severity::Error
        } else {
            Severity::Warning
        })
        .evidence([Evidence::fact(None, crate::msg!("evidence-no-auth-235-before"))])
        .count(facts::count(unauthenticated.len()))
        .advice_first(cause(dialogue, first.at().frame));
    if let Some(cause) = input.cause(&[
        "middlebox-rewrite",
        "xexch50-bad-size",
        "exps-failed",
        "exps-not-offered",
        "exps-not-attempted",
    ]) {
        finding = finding.explained_by(cause);
    }
    Some(finding)
}
