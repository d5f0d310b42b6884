//! `dns-lookup-failed`: a sender could not resolve where mail must go.
//!
//! Reference: RFC 5321 §5.1 (locating the target host: MX, then the exchanger's address), RFC 1035
//! §4.1.1 (rcodes), RFC 2308 (NXDOMAIN and NODATA), KB 895853 (5.0.0: the server cannot resolve the
//! destination). Capture-wide: judged by the flow stage over every lookup of the capture, one finding
//! per failing name. Known false positives: a lookup for a name the sender never mails to (a
//! mistyped domain) is a user's error, correctly reported.

use super::{Evidence, Finding, RuleInfo, Severity};
use crate::dns::{message, Lookup};
use crate::smtp::dialogue::Position;

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

/// The finding for the failed lookups of one name (`failed`, not empty, in any order).
///
/// It stands at the packet that shows the failure: the first failing answer, or — when no answer
/// came — the last query left unanswered (the sender gave up after it). The evidence names each
/// lookup, in time order, at its answer, or at its query when none came.
pub fn check(failed: &[&Lookup], exchanger_of: Option<&str>) -> Option<Finding> {
    let mut failed = failed.to_vec();
    failed.sort_by_key(|l| l.end().map(Position::time_order));
    let anchor = failed
        .iter()
        .find(|l| l.answered.is_some())
        .or_else(|| failed.last())
        .copied()?;
    let what = match exchanger_of {
        Some(domain) => crate::msg!(
            "dns-exchanger-of",
            name = anchor.name.clone(),
            domain = domain.to_string()
        ),
        None => anchor.name.clone().into(),
    };
    let line = |l: &Lookup| {
        Evidence::fact(
            l.end(),
            crate::msg!(
                "evidence-dns-asked",
                querier = l.querier.ip().to_string(),
                qtype = message::type_name(l.qtype),
                name = l.name.clone(),
                server = l.server.to_string(),
                result = l.result(),
            ),
        )
    };
    let shown = 5;
    let mut evidence: Vec<Evidence> = failed.iter().take(shown).map(|l| line(l)).collect();
    if failed.len() > shown {
        evidence.push(Evidence::fact(
            None,
            crate::msg!("evidence-dns-failed-in-all", count = failed.len()),
        ));
        if !failed.iter().take(shown).any(|l| std::ptr::eq(*l, anchor)) {
            evidence.push(line(anchor));
        }
    }
    Some(
        Finding::new(
            &INFO,
            anchor.end(),
            None,
            crate::msg!(
                "summary-dns-lookup-failed",
                qtype = message::type_name(anchor.qtype).to_string(),
                name = what,
                result = anchor.result(),
            ),
        )
        .evidence(evidence)
        .count(super::facts::count(failed.len())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dns::{Outcome, Transport};
    use crate::time::Timestamp;

    fn at(frame: u64, ms: u32) -> Position {
        Position {
            frame,
            ts: Timestamp::new(100, ms * 1_000_000),
        }
    }

    fn lookup(asked: Option<Position>, answered: Option<Position>, rcode: Option<u8>) -> Lookup {
        Lookup {
            querier: "192.0.2.10:40000".parse().unwrap(),
            server: "198.51.100.53:53".parse().unwrap(),
            transport: Transport::Udp,
            id: 1,
            name: "broken.example".into(),
            qtype: message::TYPE_MX,
            asked,
            answered,
            outcome: if answered.is_some() {
                Outcome::Answered
            } else {
                Outcome::Unanswered
            },
            rcode,
            truncated: false,
            answers: Vec::new(),
            additional: Vec::new(),
        }
    }

    fn frames(f: &Finding) -> Vec<Option<u64>> {
        f.evidence.iter().map(|e| e.at.map(|a| a.frame)).collect()
    }

    #[test]
    fn it_stands_at_the_failing_answer() {
        // The sender's query (frame 32) and its SERVFAIL (35); the resolver's own query upstream
        // (33) and its SERVFAIL (34), which finished first.
        let sender = lookup(Some(at(32, 1)), Some(at(35, 5)), Some(2));
        let upstream = lookup(Some(at(33, 2)), Some(at(34, 4)), Some(2));
        let f = check(&[&sender, &upstream], None).unwrap();
        assert_eq!(f.at.map(|a| a.frame), Some(34));
        assert_eq!(frames(&f), [Some(34), Some(35)]);
        assert!(f.summary.en().contains("(SERVFAIL)"), "{}", f.summary);
        // Given in another order, the same finding.
        let again = check(&[&upstream, &sender], None).unwrap();
        assert_eq!((again.at, frames(&again)), (f.at, frames(&f)));
    }

    #[test]
    fn unanswered_it_stands_at_the_last_query() {
        let tries: Vec<Lookup> = (0..7u32)
            .map(|i| lookup(Some(at(10 + u64::from(i), i * 100)), None, None))
            .collect();
        let refs: Vec<&Lookup> = tries.iter().rev().collect();
        let f = check(&refs, None).unwrap();
        assert_eq!(f.at.map(|a| a.frame), Some(16));
        assert_eq!(
            frames(&f),
            [Some(10), Some(11), Some(12), Some(13), Some(14), None, Some(16)]
        );
        assert_eq!(f.count, 7);
        // One failing answer among timeouts: the answer.
        let answered = lookup(Some(at(20, 900)), Some(at(21, 950)), Some(3));
        let mut refs = refs;
        refs.push(&answered);
        assert_eq!(check(&refs, None).unwrap().at.map(|a| a.frame), Some(21));
    }
}
