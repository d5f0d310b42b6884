//! `connected-not-to-mx`: the client connected to an address its own MX lookup did not give.
//!
//! Reference: RFC 5321 §5.1 (the client connects to an address of the MX hosts of the recipient's
//! domain). Judged by the flow stage on a finished session with the lookups that led to it. Known
//! false positives: a sender configured with a smart host, or routing by connector, connects
//! elsewhere on purpose — that is why the finding is info.

use super::{Evidence, Finding, RuleInfo, Severity};
use crate::dns::Lookup;
use crate::session::Session;

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "connected-not-to-mx",
    severity: Severity::Info,
    title: "The client connected to an address that is not among the answers of its MX lookup",
    trigger: "The session's client looked up the MX of a recipient's domain shortly before (at most 300 s), got \
              exchangers and their addresses (in the MX answer or its own A/AAAA lookups), and then connected to \
              an address that is none of them.",
    advice: &[
        "A smart host or a connector that routes this domain elsewhere explains it: then all is well.",
        "Otherwise the sender used a stale address: a cached answer (DNS cache, hosts file) from before \
         the domain's mail exchanger moved. Clear the sending server's DNS cache (ipconfig /flushdns) and \
         check its hosts file.",
    ],
    caveats: "Info: routing through a smart host is common and correct.",
    refs: &["RFC 5321 §5.1"],
};

/// The finding for `session`, which connected outside `known` (the addresses of the exchangers
/// of `mx`).
pub fn check(session: &Session, mx: &Lookup, known: &[std::net::IpAddr]) -> Option<Finding> {
    let server = session.info.server.ip();
    if known.is_empty() || known.contains(&server) {
        return None;
    }
    let exchangers: Vec<String> = mx.exchangers().iter().map(|(p, h)| format!("{p} {h}")).collect();
    let known_text: Vec<String> = known.iter().map(ToString::to_string).collect();
    Some(
        Finding::new(
            &INFO,
            Some(crate::smtp::dialogue::Position {
                frame: session.info.first_frame,
                ts: session.info.start,
            }),
            None,
            crate::msg!(
                "summary-connected-not-to-mx",
                server = server.to_string(),
                domain = mx.name.to_string(),
                known = known_text.join(", ")
            ),
        )
        .evidence([
            Evidence::fact(mx.at(), format!("MX {} → {}", mx.name, exchangers.join(", "))),
            Evidence::fact(
                None,
                crate::msg!("evidence-mx-addresses", addresses = known_text.join(", ")),
            ),
            Evidence::fact(
                None,
                crate::msg!("evidence-connected-to", server = session.info.server.to_string()),
            ),
        ]),
    )
}
