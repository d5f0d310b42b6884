//! `open-relay`: with the local domains known, an anonymous session relayed from outside to outside.
//!
//! Reference: KB 895853 (open relay, closing it, block lists), RFC 5321 §3.9 and §7.1.
//! Needs `--local-domain` (a capture cannot tell which domains a server is responsible for);
//! without it the rule never fires. Known false positives: a smart host or a partner relay that
//! authorises senders by IP address (Relay restrictions by IP) relays legitimately without SASL.

use super::facts;
use super::{Evidence, Finding, RuleInfo, RuleInput, Severity};
use crate::smtp::dialogue::Dialogue;

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "open-relay",
    severity: Severity::Warning,
    title: "The server accepted mail from outside to outside without authentication: an open relay",
    trigger: "Only with --local-domain: a session that never authenticated had a RCPT TO outside every \
              local domain accepted with 2xx, for a MAIL FROM sender outside every local domain.",
    advice: &[
        "The SMTP virtual server relays for anyone: under Access > Relay allow only computers that \
         authenticate (and remove 'All except the list below'), as KB 895853 describes.",
        "Check whether the server is already on a block list, and look in its queues for spam it relayed.",
        "If the client is a partner or an application allowed to relay by IP address, the finding is \
         expected: pass its domain with --local-domain or exclude the rule.",
    ],
    caveats: "Relay granted by IP address to a known host looks the same on the wire. A null sender `<>` \
              is not judged.",
    refs: &["KB 895853", "RFC 5321 §3.9"],
};

/// The domain of an address (after the last `@`), lower-cased; `None` without one.
fn domain(addr: &str) -> Option<String> {
    addr.rsplit_once('@')
        .map(|(_, d)| d.trim_end_matches('.').to_ascii_lowercase())
        .filter(|d| !d.is_empty())
}

/// Whether `domain` is one of `local` or a subdomain of one.
pub fn is_local(domain: &str, local: &[String]) -> bool {
    local.iter().any(|l| {
        let l = l.trim_end_matches('.');
        domain == l || domain.strip_suffix(l).is_some_and(|head| head.ends_with('.'))
    })
}

/// The frames of the relayed (MAIL FROM, RCPT TO) pairs.
fn relayed(dialogue: &Dialogue, local: &[String]) -> Vec<(u64, u64)> {
    let outside = |addr: &str| domain(addr).is_some_and(|d| !is_local(&d, local));
    dialogue
        .transactions
        .iter()
        .filter_map(|t| {
            let from = t.mail_from.as_ref()?;
            let addr = from.path.as_ref()?.addr.as_str();
            outside(addr).then_some((from.frame, t))
        })
        .flat_map(|(frame, t)| {
            t.rcpt_to
                .iter()
                .filter(|r| r.reply.is_some_and(|c| (200..300).contains(&c)))
                .filter(|r| r.path.as_ref().is_some_and(|p| outside(&p.addr)))
                .map(move |r| (frame, r.frame))
        })
        .collect()
}

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let local = &input.context.local_domains;
    let dialogue = &input.session.dialogue;
    if local.is_empty() || facts::authenticated_before(dialogue, None) {
        return None;
    }
    let pairs = relayed(dialogue, local);
    let (from_frame, rcpt_frame) = *pairs.first()?;
    let exchanges = input.exchanges();
    let line_at = |frame: u64, verb: &str| {
        exchanges
            .iter()
            .find(|e| e.command.verb == verb && e.at().frame == frame)
            .map(|e| e.evidence())
            .unwrap_or_default()
    };
    let rcpt = exchanges
        .iter()
        .find(|e| e.command.verb == "RCPT" && e.at().frame == rcpt_frame)?;
    let mut evidence: Vec<Evidence> = line_at(from_frame, "MAIL");
    evidence.extend(rcpt.evidence());
    evidence.push(Evidence::fact(
        None,
        crate::msg!("evidence-no-auth-local-domains", domains = local.join(", ")),
    ));
    Some(
        Finding::new(
            &INFO,
            Some(rcpt.at()),
            Some(rcpt.item.dir),
            crate::msg!("summary-open-relay", command = rcpt.command_line()),
        )
        .evidence(evidence)
        .count(u64::try_from(pairs.len()).unwrap_or(u64::MAX)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_domains_match_whole_labels_and_subdomains() {
        let local = vec!["contoso.com".to_string()];
        assert!(is_local("contoso.com", &local));
        assert!(is_local("mail.contoso.com", &local));
        assert!(!is_local("notcontoso.com", &local));
        assert!(!is_local("example.net", &local));
        assert_eq!(domain("Bob@Example.NET"), Some("example.net".to_string()));
        assert_eq!(domain("postmaster"), None);
        assert_eq!(domain(""), None);
    }
}
