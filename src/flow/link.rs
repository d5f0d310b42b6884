//! DNS lookups linked to SMTP sessions: the MX and address lookups the client made before it
//! connected, and the server's reverse lookup of the client; the findings that need both.

use std::collections::{BTreeMap, VecDeque};
use std::net::IpAddr;

use crate::dns::{message, Lookup};
use crate::rules::{self, Finding, Selection};
use crate::session::Session;
use crate::smtp::dialogue::Position;

/// Capture seconds a lookup stays linkable to sessions that start after it.
pub const LINK_WINDOW_SECS: u64 = 300;
/// Lookups kept for linking, at most.
pub const MAX_LOOKUPS_KEPT: usize = 10_000;
/// Failed lookups remembered per name for dns-lookup-failed, at most (more are counted).
const MAX_FAILURES_PER_NAME: usize = 50;

/// The reverse-lookup name of an address (`10.2.0.192.in-addr.arpa`).
pub fn reverse_name(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            format!("{}.{}.{}.{}.in-addr.arpa", o[3], o[2], o[1], o[0])
        }
        IpAddr::V6(v6) => {
            let mut out = String::new();
            for byte in v6.octets().iter().rev() {
                out.push_str(&format!("{:x}.{:x}.", byte & 0x0f, byte >> 4));
            }
            out.push_str("ip6.arpa");
            out
        }
    }
}

/// Links lookups to sessions and judges what needs both.
#[derive(Debug, Default)]
pub struct Linker {
    recent: VecDeque<Lookup>,
    /// MX answers seen: exchanger host → the domain it serves.
    exchangers: BTreeMap<String, String>,
    /// Failed MX and A/AAAA lookups by name (whoever asked: the sender and its resolver's own
    /// queries upstream are one failure), for dns-lookup-failed.
    failures: BTreeMap<String, Vec<Lookup>>,
    /// Address lookups that succeeded, by name (an AAAA NODATA beside a good A is no failure).
    resolved: std::collections::BTreeSet<String>,
    /// Lookups forgotten because [`MAX_LOOKUPS_KEPT`] was reached.
    pub forgotten: u64,
}

impl Linker {
    /// An empty linker.
    pub fn new() -> Self {
        Linker::default()
    }

    /// One finished lookup.
    pub fn lookup(&mut self, lookup: Lookup) {
        for (_, host) in lookup.exchangers() {
            self.exchangers.insert(host.to_string(), lookup.name.clone());
        }
        let address = matches!(lookup.qtype, message::TYPE_A | message::TYPE_AAAA);
        if address && lookup.addresses().next().is_some() {
            self.resolved.insert(lookup.name.clone());
        }
        let judged = lookup.qtype == message::TYPE_MX || address;
        if judged && (lookup.failed() || (address && lookup.no_data())) {
            let list = self.failures.entry(lookup.name.clone()).or_default();
            if list.len() < MAX_FAILURES_PER_NAME {
                list.push(lookup.clone());
            }
        }
        if let Some(end) = lookup.end() {
            while self
                .recent
                .front()
                .and_then(Lookup::end)
                .is_some_and(|old| end.ts > old.ts.plus_secs(LINK_WINDOW_SECS))
            {
                self.recent.pop_front();
            }
        }
        if self.recent.len() >= MAX_LOOKUPS_KEPT {
            self.recent.pop_front();
            self.forgotten = self.forgotten.saturating_add(1);
        }
        self.recent.push_back(lookup);
    }

    /// Links `session` to its lookups (sets [`Session::dns`]) and appends the findings that need
    /// them, as `selection` shows them.
    pub fn session(&self, session: &mut Session, selection: &Selection) {
        let client = session.info.client.ip();
        let server = session.info.server.ip();
        let start = session.info.start;
        let before: Vec<&Lookup> = self
            .recent
            .iter()
            .filter(|l| l.querier.ip() == client)
            .filter(|l| {
                l.end()
                    .is_some_and(|e| e.ts <= start && start <= e.ts.plus_secs(LINK_WINDOW_SECS))
            })
            .collect();
        let domains: Vec<String> = session
            .dialogue
            .transactions
            .iter()
            .flat_map(|t| &t.rcpt_to)
            .filter_map(|r| r.path.as_ref())
            .filter_map(|p| {
                p.addr
                    .rsplit_once('@')
                    .map(|(_, d)| d.trim_end_matches('.').to_ascii_lowercase())
            })
            .collect();
        let address = before
            .iter()
            .rev()
            .find(|l| {
                matches!(l.qtype, message::TYPE_A | message::TYPE_AAAA)
                    && l.addresses().any(|(_, a)| a == server)
            })
            .copied();
        let mx_for_domain = before
            .iter()
            .rev()
            .find(|l| l.qtype == message::TYPE_MX && domains.contains(&l.name))
            .copied();
        let mx = address
            .and_then(|a| {
                before
                    .iter()
                    .rev()
                    .find(|l| l.qtype == message::TYPE_MX && l.exchangers().iter().any(|(_, h)| *h == a.name))
                    .copied()
            })
            .or(mx_for_domain);
        let ptr_name = reverse_name(client);
        let ptrs: Vec<&Lookup> = self
            .recent
            .iter()
            .filter(|l| l.querier.ip() == server && l.qtype == message::TYPE_PTR && l.name == ptr_name)
            .filter(|l| l.at().is_some_and(|a| a.ts >= start && a.ts <= session.end()))
            .collect();
        let mut links: Vec<Lookup> = Vec::new();
        for l in mx.into_iter().chain(address).chain(ptrs.iter().copied()) {
            if !links.contains(l) {
                links.push(l.clone());
            }
        }
        let mut found: Vec<Finding> = Vec::new();
        if let Some(mx) = mx_for_domain.filter(|m| m.rcode == Some(0) && !m.exchangers().is_empty()) {
            let hosts: Vec<&str> = mx.exchangers().into_iter().map(|(_, h)| h).collect();
            let mut known: Vec<IpAddr> = mx
                .addresses()
                .filter(|(n, _)| hosts.contains(n))
                .map(|(_, a)| a)
                .collect();
            for l in &before {
                if matches!(l.qtype, message::TYPE_A | message::TYPE_AAAA) && hosts.contains(&l.name.as_str())
                {
                    known.extend(l.addresses().map(|(_, a)| a));
                }
            }
            known.sort();
            known.dedup();
            if let Some(f) = rules::connected_not_to_mx::check(session, mx, &known) {
                if !links.contains(mx) {
                    links.insert(0, mx.clone());
                }
                found.push(f);
            }
        }
        if let Some(ptr) = ptrs.iter().find(|l| l.failed() || l.no_data()) {
            let answered = ptr.end().map(Position::time_order);
            let refusals = rules::refusal::refusals(&session.dialogue);
            if let Some(refusal) = refusals.iter().find(|r| Some(r.item.at.time_order()) > answered) {
                if let Some(f) = rules::no_ptr::check(ptr, refusal) {
                    found.push(f);
                }
            }
        }
        links.sort_by_key(|l| l.at().map(Position::time_order));
        session.dns = links;
        for mut f in found {
            f.session = Some(session.id());
            if selection.shows(&f) {
                session.findings.push(f);
            }
        }
    }

    /// The end of a capture: one dns-lookup-failed per name whose MX lookup failed, or whose
    /// address lookups (as an exchanger named by an MX answer) all failed.
    pub fn finish(&mut self, selection: &Selection) -> Vec<Finding> {
        let mut out = Vec::new();
        for (name, failed) in &self.failures {
            let Some(first) = failed.first() else { continue };
            let finding = if first.qtype == message::TYPE_MX {
                let mx: Vec<&Lookup> = failed
                    .iter()
                    .filter(|l| l.qtype == message::TYPE_MX && l.failed())
                    .collect();
                rules::dns_lookup_failed::check(&mx, None)
            } else {
                let Some(domain) = self.exchangers.get(name) else {
                    continue;
                };
                if self.resolved.contains(name) {
                    continue;
                }
                let refs: Vec<&Lookup> = failed.iter().collect();
                rules::dns_lookup_failed::check(&refs, Some(domain))
            };
            if let Some(f) = finding.filter(|f| selection.shows(f)) {
                out.push(f);
            }
        }
        out.sort_by_key(|f| f.at.map(Position::time_order));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reverse_names() {
        assert_eq!(
            reverse_name("192.0.2.10".parse().unwrap()),
            "10.2.0.192.in-addr.arpa"
        );
        assert!(reverse_name("2001:db8::1".parse().unwrap()).ends_with(".8.b.d.0.1.0.0.2.ip6.arpa"));
        assert!(reverse_name("2001:db8::1".parse().unwrap()).starts_with("1.0.0.0."));
    }
}
