//! `xexch50-not-advertised`: the sender sent `XEXCH50` to a server that did not advertise it.
//!
//! Reference: KB 843106 (XEXCH50 to peers outside the organisation), KB 818222 (suppress it),
//! PROTOCOL.md R13, R15.
//! Known false positives: the EHLO reply inside TLS cannot be seen, and a session without a visible
//! EHLO reply is not judged; a middlebox that strips the keyword makes an Exchange peer look foreign
//! (then `middlebox-rewrite` is named as the cause).

use super::{facts, Evidence, Finding, RuleInfo, RuleInput, Severity};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "xexch50-not-advertised",
    severity: Severity::Warning,
    title: "XEXCH50 was sent to a server that does not advertise it",
    trigger: "The client sent XEXCH50 although the server's EHLO reply did not advertise XEXCH50.",
    advice: &[
        "The peer is not an Exchange server of this organisation (an Internet host, another forest): \
         suppress XEXCH50 towards external domains (the SMTPSVC\\XEXCH50 registry key, KB 818222).",
        "If the peer is an Exchange server of the organisation, something between the servers strips EHLO \
         keywords, or its Exchange sinks are not loaded.",
    ],
    caveats: "Only judged when the EHLO reply is in the capture in clear.",
    refs: &["KB 843106", "KB 818222"],
};

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let dialogue = &input.session.dialogue;
    let helo = dialogue.helo.as_ref()?;
    if !facts::ehlo_list_seen(input.session) || facts::advertised(dialogue, "XEXCH50") {
        return None;
    }
    let sent: Vec<facts::Exchange<'_>> = input
        .exchanges_of("XEXCH50")
        .into_iter()
        .filter(|e| facts::visible(dialogue, e.item))
        .collect();
    let first = sent.first()?;
    let mut finding = first
        .finding(&INFO, crate::msg!("summary-xexch50-not-advertised"))
        .evidence([Evidence::fact(
            Some(helo.at),
            crate::msg!("evidence-ehlo-no-xexch50"),
        )])
        .count(facts::count(sent.len()));
    if let Some(cause) = input.earlier("middlebox-rewrite") {
        finding = finding.explained_by(cause);
    }
    Some(finding)
}
