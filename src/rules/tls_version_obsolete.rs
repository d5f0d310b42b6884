//! `tls-version-obsolete`: SSL 3.0, TLS 1.0 or TLS 1.1 was negotiated — or the client offers
//! nothing newer, which is worded apart because the fix is on the client's side.
//!
//! Why it matters: RFC 7568 and RFC 8996 deprecate them; Exchange Online and current Exchange
//! Server builds refuse them, so a sender that cannot do TLS 1.2 has its mail refused or sent in
//! clear. Windows Server 2003 (Exchange 2003) SChannel speaks TLS 1.0 at most. Known false
//! positives: none; an old version may be tolerated on purpose for an old partner.
//! Captures: `captures/lab/tls-legacy.pcap` (TLS 1.1 and 1.0 clients; a TLS 1.0-only server),
//! `captures/lab/tls-failed.pcap`, `captures/lab/tls-windows2003.pcap`.

use super::tls_facts::{answer_evidence, offer_evidence};
use super::{Finding, RuleInfo, RuleInput, Severity};
use crate::net::Direction;

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "tls-version-obsolete",
    severity: Severity::Warning,
    title:
        "An obsolete protocol version (SSL 3.0, TLS 1.0 or 1.1) was negotiated or is all the client offers",
    trigger: "The ServerHello chose SSL 3.0, TLS 1.0 or TLS 1.1; or the ClientHello offers nothing newer \
              (the summary says which side is behind).",
    advice: &[
        "Enable TLS 1.2 (and 1.3 where available) on the side that is behind: Windows Server 2012 R2 and \
         later with Exchange 2013 and later support it; Windows 2008/2008 R2 and Exchange 2010 need \
         updates and registry settings; Windows 2003 cannot, replace it or relay through a newer host.",
        "Then disable TLS 1.0/1.1 on the other side, as Exchange Online already has.",
    ],
    caveats: "An old version kept on purpose for one old partner is reported all the same.",
    refs: &["RFC 8996", "RFC 7568"],
};

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let tls = &input.session.dialogue.tls;
    let ch = tls.client_hello.as_ref()?;
    let offered = ch.max_version()?;
    let client_behind = offered.is_obsolete();
    let summary = match &tls.server_hello {
        Some(sh) if sh.version.is_obsolete() => {
            if client_behind {
                format!(
                    "{} was negotiated: the client offers nothing newer.",
                    sh.version.name()
                )
            } else {
                format!(
                    "{} was negotiated although the client offered {}: the server supports nothing newer.",
                    sh.version.name(),
                    offered.name()
                )
            }
        }
        Some(_) => return None,
        None if client_behind => format!("The client offers nothing newer than {}.", offered.name()),
        None => return None,
    };
    let mut evidence = vec![offer_evidence(ch)];
    evidence.extend(answer_evidence(tls));
    let dir = if client_behind {
        Direction::ClientToServer
    } else {
        Direction::ServerToClient
    };
    let at = if client_behind {
        Some(ch.at)
    } else {
        tls.server_hello.as_ref().map(|s| s.at)
    };
    Some(Finding::new(&INFO, at, Some(dir), summary).evidence(evidence))
}
