//! `exps-not-attempted`: the receiver offered `X-EXPS`, and a sender that shows itself to be an
//! Exchange server (it sends `XEXCH50` or `X-LINK2STATE`) never tried to authenticate.
//!
//! Reference: KB 843106 (the receiver must recognise the sender as a member of the organisation),
//! PROTOCOL.md R8 and R12.
//! Known false positives: ordinary Internet clients never use X-EXPS, so only Exchange-looking
//! clients are judged; a session picked up after its start (or whose start is inside TLS) may have
//! authenticated out of sight, so it is not judged either. A client whose XEXCH50 has an exploit's
//! shape is still judged — never authenticating first is the pattern KB 843106 names — and the
//! finding names `xexch50-bad-size` as its likely cause (an exploit tool, not a misconfigured
//! server). An oversized X-LINK2STATE (`xlink2state-overflow`) alone does not make a client look
//! like Exchange.

use super::{facts, Evidence, Finding, RuleInfo, RuleInput, Severity};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "exps-not-attempted",
    severity: Severity::Warning,
    title: "An Exchange sender never tried X-EXPS although the receiver offered it",
    trigger:
        "The server advertised X-EXPS, and a client that sends XEXCH50 or X-LINK2STATE sent no X-EXPS or \
              AUTH before them. Only when the session's start is in the capture.",
    advice: &[
        "The receiving server did not recognise the sender's EHLO name as a member of the organisation: \
         check the fully qualified domain name on the sending SMTP virtual server (Properties > Delivery > \
         Advanced) against the sender's real DNS name.",
        "The sender could not get credentials for the receiver (look for events 1704/1706 or 2017 on the \
         sender): check its computer account and the SPN SMTPSVC/<fqdn> of the receiver.",
        "If the receiver is outside the organisation, nothing is wrong with authentication: stop sending \
         XEXCH50 to it (KB 818222).",
    ],
    caveats: "Internet clients, which never use X-EXPS, are not judged; nor are sessions whose start is not \
              in the capture.",
    refs: &["KB 843106", "KB 818222"],
};

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let dialogue = &input.session.dialogue;
    if !facts::start_seen(input.session) || !facts::advertised(dialogue, "X-EXPS") {
        return None;
    }
    let exchange_verbs: Vec<&facts::Exchange<'_>> = input
        .exchanges()
        .iter()
        .filter(|e| match e.command.verb.as_str() {
            "XEXCH50" => true,
            "X-LINK2STATE" => super::xlink2state_overflow::oversized_chunk(&e.command.arg).is_none(),
            _ => false,
        })
        .collect();
    let first = exchange_verbs.first()?;
    let tried_before = dialogue.auth.iter().any(|a| a.at.frame < first.at().frame);
    if tried_before {
        return None;
    }
    let offered: Vec<String> = dialogue
        .extensions
        .iter()
        .filter(|e| e.is("X-EXPS"))
        .map(|e| {
            format!("{} {}", e.keyword, e.params.join(" "))
                .trim_end()
                .to_string()
        })
        .collect();
    let mut finding = first
        .finding(
            &INFO,
            crate::msg!("summary-exps-not-attempted", verb = &first.command.verb),
        )
        .evidence([Evidence::fact(
            None,
            crate::msg!("evidence-exps-offered-not-used", offered = offered.join(", ")),
        )])
        .count(facts::count(exchange_verbs.len()));
    if let Some(cause) = input.cause(&["middlebox-rewrite", "xexch50-bad-size"]) {
        finding = finding.explained_by(cause);
    }
    Some(finding)
}
