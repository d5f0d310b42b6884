//! `hostname-not-fqdn`: the HELO/EHLO name (or the banner's host) is not a fully qualified domain
//! name.
//!
//! Reference: RFC 5321 §4.1.1.1 (the client gives its FQDN or an address literal), KB 843106 (the
//! receiver must recognise the sender's name for X-EXPS), PROTOCOL.md §3.2.
//! Known false positives: none for the trigger; `localhost` (test set-ups, local submission) is
//! not a misconfigured NetBIOS name and is not judged, nor is a banner masked by a PIX (`****`).

use super::{facts, Evidence, Finding, RuleInfo, RuleInput, Severity};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "hostname-not-fqdn",
    severity: Severity::Warning,
    title: "A host name where the fully qualified domain name belongs",
    trigger: "The HELO/EHLO argument (or the banner's host) has no dot and is not an address literal.",
    advice: &[
        "A NetBIOS name where the FQDN belongs: set the fully qualified domain name on the SMTP virtual \
         server (Properties > Delivery > Advanced) to the server's DNS name.",
        "Receivers that check the name (Exchange X-EXPS membership, anti-spam HELO checks) may refuse or \
         distrust the session.",
    ],
    caveats: "`localhost` and a masked banner (PIX) are not judged.",
    refs: &["RFC 5321 §4.1.1.1", "KB 843106"],
};

/// Whether `name` is neither an FQDN nor an address literal (and is a name at all).
fn not_fqdn(name: &str) -> bool {
    !name.is_empty()
        && !name.contains('.')
        && !name.starts_with('[')
        && !name.contains('*')
        && !name.eq_ignore_ascii_case("localhost")
        && name.chars().any(|c| c.is_ascii_alphanumeric())
}

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let dialogue = &input.session.dialogue;
    let mut evidence: Vec<Evidence> = Vec::new();
    let mut names: Vec<crate::l10n::Text> = Vec::new();
    let mut at = None;
    if let Some(banner) = &dialogue.banner {
        let host = banner
            .value
            .text()
            .split_ascii_whitespace()
            .next()
            .unwrap_or_default();
        if not_fqdn(host) {
            at = Some((banner.at, crate::net::Direction::ServerToClient));
            evidence.push(Evidence::line(
                banner.at,
                crate::net::Direction::ServerToClient,
                banner.value.first_line(),
            ));
            names.push(crate::msg!("fqdn-server-calls-itself", name = host));
        }
    }
    if let Some(helo) = dialogue.helo.as_ref().filter(|h| not_fqdn(&h.name)) {
        let line = input
            .exchange_at(&helo.verb, helo.at.frame)
            .map_or_else(|| format!("{} {}", helo.verb, helo.name), |e| e.command_line());
        at = at.or(Some((helo.at, crate::net::Direction::ClientToServer)));
        evidence.push(Evidence::line(
            helo.at,
            crate::net::Direction::ClientToServer,
            line,
        ));
        names.push(crate::msg!("fqdn-client-introduced", name = &helo.name));
    }
    let (at, dir) = at?;
    let count = facts::count(names.len());
    Some(
        Finding::new(
            &INFO,
            Some(at),
            Some(dir),
            crate::msg!(
                "summary-hostname-not-fqdn",
                names = crate::l10n::Text::join(names, "; ")
            ),
        )
        .evidence(evidence)
        .count(count),
    )
}

#[cfg(test)]
mod tests {
    use super::not_fqdn;

    #[test]
    fn netbios_names_are_not_fqdns_but_domains_and_literals_are_fine() {
        for (name, flagged) in [
            ("EX1", true),
            ("localhost", false),
            ("Bob-PC", true),
            ("ex1.contoso.com", false),
            ("[192.0.2.10]", false),
            ("[IPv6:2001:db8::1]", false),
            ("", false),
            ("***********", false),
        ] {
            assert_eq!(not_fqdn(name), flagged, "{name:?}");
        }
    }
}
