//! `exps-not-offered`: the receiver did not offer `X-EXPS`, yet the sender went on to send `XEXCH50`.
//!
//! Reference: KB 843106 step 1 (Integrated Windows Authentication on the SMTP virtual server),
//! PROTOCOL.md §3.1 and R3 (Exchange sinks not loaded, or an AV SMTP stack in front), TechNet
//! bb124688.
//! Known false positives: a peer that is not Exchange at all (an Internet host) does not offer
//! X-EXPS either; the rule only fires when the receiver looks like Exchange (a Microsoft banner or an
//! advertised `XEXCH50`) — otherwise `xexch50-not-advertised` says the peer is not Exchange. The EHLO
//! reply after STARTTLS cannot be seen; the rule judges only the one in clear.

use super::{facts, Evidence, Finding, RuleInfo, RuleInput, Severity};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "exps-not-offered",
    severity: Severity::Error,
    title: "The receiving server did not offer X-EXPS, so the sender could not authenticate for XEXCH50",
    trigger: "The server's EHLO reply has no X-EXPS keyword while the client goes on to send XEXCH50 (and the \
              receiver looks like Exchange: a Microsoft banner or an advertised XEXCH50).",
    advice: &[
        "Integrated Windows Authentication is off on the receiving SMTP virtual server (Properties > Access \
         > Authentication): turn it on (KB 843106 step 1).",
        "If the EHLO reply has no keyword starting with X at all, the Exchange protocol sinks are not loaded \
         on the receiver, or another SMTP stack (anti-virus, gateway) answers in front of it (PROTOCOL R3).",
        "If a firewall sits between the servers, check that it does not strip EHLO keywords.",
    ],
    caveats: "Only judged when the receiver looks like Exchange; the EHLO reply inside TLS cannot be seen.",
    refs: &["KB 843106", "TechNet bb124688"],
};

/// Whether the receiver of the session looks like an Exchange (or IIS SMTP) server.
fn receiver_looks_like_exchange(dialogue: &crate::smtp::dialogue::Dialogue) -> bool {
    facts::advertised(dialogue, "XEXCH50")
        || dialogue
            .banner
            .as_ref()
            .is_some_and(|b| b.value.text().contains("Microsoft ESMTP MAIL Service"))
}

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let dialogue = &input.session.dialogue;
    let helo = dialogue.helo.as_ref()?;
    if !facts::ehlo_list_seen(input.session)
        || facts::advertised(dialogue, "X-EXPS")
        || !receiver_looks_like_exchange(dialogue)
    {
        return None;
    }
    let sent = input.exchanges_of("XEXCH50");
    let first = sent.first()?;
    let ehlo = input.exchange_at("EHLO", helo.at.frame)?;
    let no_x_keyword = !dialogue
        .extensions
        .iter()
        .any(|e| e.keyword.to_ascii_uppercase().starts_with('X'));
    let keywords: Vec<&str> = dialogue.extensions.iter().map(|e| e.keyword.as_str()).collect();
    let mut finding = ehlo
        .finding(
            &INFO,
            if no_x_keyword {
                crate::msg!("summary-exps-not-offered-no-x")
            } else {
                crate::msg!("summary-exps-not-offered")
            },
        )
        .evidence([Evidence::fact(
            None,
            crate::msg!("evidence-ehlo-keywords-no-exps", keywords = keywords.join(" ")),
        )])
        .evidence(first.evidence())
        .count(facts::count(sent.len()));
    if no_x_keyword {
        finding = finding.advice_first(crate::msg!("advice-exps-no-x-keyword"));
    }
    if let Some(cause) = input.earlier("middlebox-rewrite") {
        finding = finding.explained_by(cause);
    }
    Some(finding)
}
