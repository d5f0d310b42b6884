//! `identity-mismatch`: the name in the client's EHLO is not the machine its credentials belong to.
//!
//! Compares the first DNS label of the HELO/EHLO name, case-insensitively, with the NTLM workstation
//! (or the machine account `HOST$`) or the Kerberos client principal a KRB-ERROR names.
//! Reference: KB 843106 (the FQDN of the SMTP virtual server must be the server's real name;
//! spoofed 220/Received names break EXPS), PROTOCOL.md §3.2. Known false positives: a virtual
//! server deliberately given an alias FQDN (several virtual servers on one machine) matches; the
//! advice says so.

use super::{Evidence, Finding, RuleInfo, RuleInput, Severity};
use crate::auth::Identity;

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "identity-mismatch",
    severity: Severity::Warning,
    title: "The client's EHLO name is not the machine its credentials belong to",
    trigger:
        "The first DNS label of the HELO/EHLO name differs (case-insensitively) from the workstation or \
              machine account in the decoded NTLM identity, or from the Kerberos client principal.",
    advice: &[
        "The FQDN configured on the sending SMTP virtual server (Delivery > Advanced) is not the machine's \
         real name; receivers use the EHLO name to recognise organisation members, so X-EXPS and XEXCH50 \
         may fail or be skipped.",
        "If the alias is deliberate (several virtual servers on one machine), register SMTPSVC/<alias> on \
         the machine account and make sure every server resolves it to this machine.",
    ],
    caveats: "Deliberate aliases match too; compare with the virtual server's configuration.",
    refs: &["KB 843106", "docs/exchange-verbs.md#x-exps"],
};

/// The host an identity names, without a `$` suffix or a realm.
fn host_of(identity: &Identity) -> Option<String> {
    let name = match identity {
        Identity::Ntlm {
            workstation: Some(w), ..
        } if !w.is_empty() => w.clone(),
        Identity::Ntlm { user: Some(u), .. } if u.ends_with('$') => u.clone(),
        Identity::Kerberos {
            client: Some(client), ..
        } => client.split('@').next().unwrap_or_default().to_string(),
        _ => return None,
    };
    let name = name.trim_end_matches('$');
    (!name.is_empty()).then(|| name.to_ascii_lowercase())
}

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let dialogue = &input.session.dialogue;
    let helo = dialogue.helo.as_ref()?;
    let label = helo
        .name
        .split('.')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    if label.is_empty() || helo.name.starts_with('[') {
        return None;
    }
    let (exchange, identity, host) =
        dialogue
            .auth
            .iter()
            .zip(input.auth())
            .find_map(|(exchange, analysis)| {
                let identity = analysis.identity.clone()?;
                let host = host_of(&identity)?;
                (host != label).then_some((exchange, identity, host))
            })?;
    let helo_line = Evidence::line(
        helo.at,
        crate::net::Direction::ClientToServer,
        format!("{} {}", helo.verb, helo.name),
    );
    Some(
        Finding::new(
            &INFO,
            Some(helo.at),
            Some(crate::net::Direction::ClientToServer),
            crate::msg!(
                "summary-identity-mismatch",
                name = &helo.name,
                identity = identity.to_string(),
                host = host.to_ascii_uppercase()
            ),
        )
        .evidence([
            helo_line,
            Evidence::line(
                exchange.at,
                crate::net::Direction::ClientToServer,
                format!("{} {}", exchange.verb, exchange.mechanism),
            ),
            Evidence::fact(
                None,
                crate::msg!("evidence-identity", identity = identity.to_string()),
            ),
        ])
        .maybe_explained_by(input.cause(&["middlebox-rewrite"])),
    )
}
