//! `exchange-anonymous-submission`: a message between Exchange servers whose organisation headers
//! show the sending server was not authenticated.
//!
//! Exchange stamps `X-MS-Exchange-Organization-AuthAs` on every message it accepts: `Internal`
//! when the sending server authenticated as a member of the organisation (X-EXPS), `Anonymous`
//! when it did not. Two shapes are the visible consequences of KB 843106 (the X-EXPS exchange
//! failed, was not attempted, or was stripped by a middlebox): a message crossing a session between
//! Exchange servers with `AuthAs: Anonymous` — it is treated as Internet mail (anti-spam, relay
//! restrictions, lost organisation properties) —, and a message whose headers claim `Internal`
//! while the session that carries it never authenticated — the receiver will not trust the claim
//! and re-stamps it.
//!
//! Reference: KB 843106, KB 895853. Known false positives: Internet mail relayed between Exchange
//! servers legitimately says `Anonymous` (it entered the organisation at an anonymous connector);
//! give `--local-domain` so that only messages from the organisation's own domains are judged.
//! Captures: `captures/lab/postfix-exchange-anonymous.pcap`.

use super::{facts, Evidence, Finding, RuleInfo, RuleInput, Severity};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "exchange-anonymous-submission",
    severity: Severity::Warning,
    title: "A message between Exchange servers travels as anonymous: the sending server did not authenticate",
    trigger: "In a session between Exchange servers (X-EXPS or XEXCH50 offered or used, or a Microsoft \
              banner), a message carries `X-MS-Exchange-Organization-AuthAs: Anonymous`, or carries \
              `AuthAs: Internal` while no AUTH/X-EXPS exchange of the session ended in 235. With \
              `--local-domain`, only messages whose header From is in a local domain are judged.",
    advice: &[
        "The sending server is not authenticated to the receiver as a member of the organisation: \
         check the X-EXPS exchange of the session (Kerberos to SMTPSVC/<fqdn>, the servers' \
         membership of the Exchange Domain Servers group, Integrated Windows Authentication on the \
         receiving virtual server) — see the findings that explain it, if any.",
        "Anonymous internal mail loses its organisation properties (XEXCH50 is refused), is subject \
         to anti-spam and relay restrictions, and may be rejected with 5.7.1.",
    ],
    caveats: "Internet mail relayed inside the organisation is legitimately Anonymous; use \
              --local-domain to judge only the organisation's own mail.",
    refs: &["KB 843106", "KB 895853"],
};

/// The header.
const AUTH_AS: &str = "X-MS-Exchange-Organization-AuthAs";

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let dialogue = &input.session.dialogue;
    if !facts::exchange_peers(dialogue) {
        return None;
    }
    let local = &input.context.local_domains;
    let hits: Vec<(facts::MessageRef<'_>, &str)> = input
        .messages()
        .filter(|m| {
            local.is_empty()
                || m.message
                    .headers
                    .from
                    .iter()
                    .filter_map(|f| f.domain())
                    .any(|d| local.iter().any(|l| facts::domains_aligned(&d, l)))
        })
        .filter_map(|m| {
            let auth_as = m.message.headers.exchange(AUTH_AS)?.trim();
            let frame = m.content.frame;
            let anonymous = auth_as.eq_ignore_ascii_case("Anonymous");
            let internal_unproven = auth_as.eq_ignore_ascii_case("Internal")
                && !facts::authenticated_before(dialogue, Some(frame));
            (anonymous || internal_unproven).then_some((m, auth_as))
        })
        .collect();
    let (first, auth_as) = hits.first()?;
    let anonymous = auth_as.eq_ignore_ascii_case("Anonymous");
    let summary = if anonymous {
        crate::msg!(
            "summary-exchange-anonymous",
            message = first.name_text(),
            header = AUTH_AS
        )
    } else {
        crate::msg!(
            "summary-exchange-internal-unproven",
            message = first.name_text(),
            header = AUTH_AS
        )
    };
    let mut evidence = vec![first.fact(format!("{AUTH_AS}: {auth_as}"))];
    if let Some(source) = first
        .message
        .headers
        .exchange("X-MS-Exchange-Organization-AuthSource")
    {
        evidence.push(first.fact(format!("X-MS-Exchange-Organization-AuthSource: {source}")));
    }
    evidence.push(Evidence::fact(None, super::relay_denied::auth_state(dialogue)));
    let cause = input.cause(&[
        "middlebox-rewrite",
        "exps-failed",
        "exps-not-attempted",
        "exps-not-offered",
    ]);
    Some(
        first
            .finding(&INFO, summary, evidence, hits.len())
            .maybe_explained_by(cause),
    )
}
