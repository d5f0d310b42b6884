//! `not-authorized`: the receiver refused with 5.7.3, the "not authorized" NDR of KB 895853.
//!
//! Reference: KB 895853 (NDR 5.7.3), RFC 3463 (X.7.3), Exchange 2007+ (`5.7.3 Cannot achieve
//! Exchange Server authentication`). An AUTH or X-EXPS exchange answered 535 5.7.3 is exps-failed,
//! and a 5.7.3 whose words ask for authentication is auth-required. Known false positives: none for
//! the code; a receiver that reserves a recipient to authenticated senders refuses correctly.

use super::refusal::{self, Kind};
use super::{facts, Evidence, Finding, RuleInfo, RuleInput, Severity};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "not-authorized",
    severity: Severity::Error,
    title: "Refused with 5.7.3: the sender is not authorized (KB 895853)",
    trigger: "MAIL, RCPT, DATA or a message body answered 5xx with enhanced status 5.7.3, outside an AUTH or X-EXPS \
              exchange and without wording that asks for authentication (that is auth-required).",
    advice: &[
        "The receiving SMTP virtual server (or Receive connector) does not accept this sender anonymously: \
         enable anonymous access where Internet or partner mail arrives, or make the sender authenticate.",
        "Between Exchange 2007+ servers: 5.7.3 means Exchange Server authentication could not be achieved — \
         check the Receive connector's authentication methods and permission groups, and TLS between the \
         servers.",
        "If only some recipients are refused, they accept mail from authenticated senders only.",
    ],
    caveats: "Exchange also sends 535 5.7.3 for a failed AUTH; that is judged by exps-failed.",
    refs: &["KB 895853", "RFC 3463"],
};

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let (found, _) = input.refusals().of_kind(|k| *k == Kind::NotAuthorized)?;
    let first = found.first()?;
    let finding = refusal::finding(
        input,
        &INFO,
        &found,
        crate::msg!(
            "summary-not-authorized",
            what = first.what_text(),
            reply = first.reply.first_line(),
        ),
    )?
    .evidence([Evidence::fact(
        None,
        super::relay_denied::auth_state(&input.session.dialogue),
    )]);
    Some(finding.maybe_explained_by(input.cause(facts::ANONYMOUS_SENDER_CAUSES)))
}
