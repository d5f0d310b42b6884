//! `dns-lookup-failed`: a sender could not resolve where mail must go.
//!
//! Reference: RFC 5321 §5.1 (locating the target host: MX, then the exchanger's address), RFC 1035
//! §4.1.1 (rcodes), RFC 2308 (NXDOMAIN and NODATA), KB 895853 (5.0.0: the server cannot resolve the
//! destination). Capture-wide: judged by the flow stage over every lookup of the capture, one finding
//! per failing name. Known false positives: a lookup for a name the sender never mails to (a
//! mistyped domain) is a user's error, correctly reported.

use super::{Evidence, Finding, RuleInfo, Severity};
use crate::dns::{message, Lookup};

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "dns-lookup-failed",
    severity: Severity::Error,
    title: "An MX lookup, or the address lookup of a mail exchanger, failed: mail cannot leave",
    trigger: "Capture-wide: an MX query answered NXDOMAIN, SERVFAIL, REFUSED (any error rcode) or not answered within \
              10 s; or an A/AAAA query for a host named by an MX answer in the capture that failed the same way \
              (both A and AAAA empty counts too). One finding per name, counting its failed queries.",
    advice: &[
        "NXDOMAIN for an MX: the recipient's domain does not exist as written (a typing error) or its DNS \
         delegation is broken; check it with nslookup -q=mx from the sending server.",
        "SERVFAIL or no answer: the sender's DNS server cannot reach the domain's name servers (forwarders, \
         firewall on port 53 UDP and TCP, DNSSEC failures); check the DNS servers the sending server uses \
         (Exchange: the Send connector's or transport's external DNS settings).",
        "An exchanger without an address: the domain's MX points to a name with no A/AAAA record; its owner \
         must fix the zone.",
    ],
    caveats: "Only lookups in the capture are judged; a sender with a cached answer makes none.",
    refs: &["RFC 5321 §5.1", "RFC 1035", "RFC 2308", "KB 895853"],
};

/// The finding for the failed lookups of one name (`failed` in capture order, not empty).
pub fn check(failed: &[&Lookup], exchanger_of: Option<&str>) -> Option<Finding> {
    let first = failed.first()?;
    let what = match exchanger_of {
        Some(domain) => format!("{} (a mail exchanger of {domain})", first.name),
        None => first.name.clone(),
    };
    let mut evidence: Vec<Evidence> = failed
        .iter()
        .take(5)
        .map(|l| {
            Evidence::fact(
                l.at(),
                format!(
                    "{} {} {} asked {}: {}",
                    l.querier.ip(),
                    message::type_name(l.qtype),
                    l.name,
                    l.server,
                    l.result()
                ),
            )
        })
        .collect();
    if failed.len() > 5 {
        evidence.push(Evidence::fact(
            None,
            format!("… {} failed queries in all", failed.len()),
        ));
    }
    Some(
        Finding::new(
            &INFO,
            first.at(),
            None,
            format!(
                "{} lookup of {what} failed ({}): mail for it cannot be delivered.",
                message::type_name(first.qtype),
                first.result()
            ),
        )
        .evidence(evidence)
        .count(super::facts::count(failed.len())),
    )
}
