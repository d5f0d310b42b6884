//! `extended-verbs-missing`: an Exchange 2000/2003 server answered EHLO without its own verbs.
//!
//! Reference: PROTOCOL.md R1 (the IIS SMTP banner versions) and R3 (X-EXPS, XEXCH50 and
//! X-LINK2STATE come from the Exchange protocol sinks), KB 843106 steps 1 and 5.
//! Known false positives: a plain IIS SMTP service (no Exchange installed) shows the same banner
//! and rightly lacks the verbs.

use super::facts;
use super::{Evidence, Finding, RuleInfo, RuleInput, Severity};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "extended-verbs-missing",
    severity: Severity::Warning,
    title: "An Exchange 2000/2003 server's EHLO reply lacks X-EXPS, XEXCH50 and X-LINK2STATE",
    trigger: "The banner identifies Microsoft Exchange 2000/2003 (IIS SMTP 5.0.2195 or 6.0.3790) and its \
              EHLO reply was seen, but it advertises none of X-EXPS, XEXCH50 and X-LINK2STATE.",
    advice: &[
        "The Exchange protocol sinks are not loaded on the receiving SMTP virtual server (reinstall or \
         re-register them; check that the Microsoft Exchange services started).",
        "An anti-virus or anti-spam product has put its own SMTP stack in front of Exchange.",
        "A middlebox between the servers strips the keywords it does not know from the EHLO reply.",
    ],
    caveats: "An IIS SMTP service without Exchange shows the same banner and never offers these verbs.",
    refs: &["KB 843106", "docs/exchange-verbs.md#banners-and-ehlo-keywords"],
};

/// The Exchange verbs an Exchange 2000/2003 EHLO reply carries.
const EXCHANGE_VERBS: &[&str] = &["X-EXPS", "XEXCH50", "X-LINK2STATE"];

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let dialogue = &input.session.dialogue;
    if !facts::banner_is_exchange_2000_2003(dialogue) {
        return None;
    }
    let ehlo = input
        .exchanges_of("EHLO")
        .into_iter()
        .find(|e| e.code() == Some(250))?;
    if EXCHANGE_VERBS.iter().any(|v| facts::advertised(dialogue, v)) {
        return None;
    }
    let banner = dialogue.banner.as_ref()?;
    let keywords: Vec<&str> = dialogue.extensions.iter().map(|e| e.keyword.as_str()).collect();
    let mut evidence = vec![Evidence::line(
        banner.at,
        crate::net::Direction::ServerToClient,
        banner.value.first_line(),
    )];
    evidence.extend(ehlo.evidence());
    evidence.push(Evidence::fact(
        ehlo.reply.map(|(item, _)| item.at),
        if keywords.is_empty() {
            crate::msg!("evidence-ehlo-no-keywords-no-exchange")
        } else {
            crate::msg!(
                "evidence-ehlo-keywords-no-exchange",
                keywords = keywords.join(" ")
            )
        },
    ));
    let at = ehlo.reply.map_or(ehlo.at(), |(item, _)| item.at);
    let finding = Finding::new(
        &INFO,
        Some(at),
        Some(crate::net::Direction::ServerToClient),
        crate::msg!("summary-extended-verbs-missing"),
    )
    .evidence(evidence);
    Some(finding.maybe_explained_by(input.earlier("middlebox-rewrite")))
}
