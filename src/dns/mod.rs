//! DNS beside SMTP: the lookups in the same capture (UDP and TCP port 53), each query paired with
//! its answer into an owned [`Lookup`] record: who asked whom, what (MX, A/AAAA, PTR…), the rcode,
//! the answers and the latency.
//!
//! Same shape as `smtp/`: [`message`] is the pure parser (over `simple-dns`), [`DnsTracker`] holds
//! the per-flow state (queries waiting for an answer, TCP messages being framed) and hands out
//! finished records; nothing here prints or judges. Linking lookups to SMTP sessions and the DNS
//! findings run later, on finished records (`flow`), so they work whichever worker decoded what.
//!
//! Pairing: a response answers the pending query with the same querier, server, id and question
//! (RFC 5452 §9.1). A query unanswered [`ANSWER_TIMEOUT_SECS`] of capture time later is finished
//! as unanswered; at the end of the input, those not yet due are finished as `pending` (the
//! capture ended first), which no rule counts as a failure. A response whose query is not in the
//! capture is kept with no latency.
//!
//! Limits: [`MAX_PENDING`] queries waiting (beyond, the oldest is finished as unanswered and
//! counted in [`DnsTracker::dropped`]), and their arrival order kept within twice that whatever the
//! capture's clock does; [`MAX_TCP_MESSAGE`] bytes framed per TCP direction.
//! Must not: print, judge, or know about SMTP.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

pub mod message;

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;

use crate::net::Datagram;
use crate::smtp::dialogue::Position;
use crate::time::Timestamp;

pub use message::{Data, Message, Record};

/// The DNS port.
pub const PORT: u16 = 53;
/// Capture seconds after which a query with no answer is finished as unanswered.
pub const ANSWER_TIMEOUT_SECS: u64 = 10;
/// Queries waiting for an answer, at most.
pub const MAX_PENDING: usize = 10_000;
/// Largest DNS-over-TCP message framed (RFC 1035 §4.2.2 allows 65,535).
pub const MAX_TCP_MESSAGE: usize = 65_535;

/// How a lookup travelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Transport {
    /// UDP.
    Udp,
    /// TCP (RFC 1035 §4.2.2, RFC 7766).
    Tcp,
}

/// How a lookup ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// An answer came (see its rcode).
    Answered,
    /// No answer within [`ANSWER_TIMEOUT_SECS`].
    Unanswered,
    /// The capture ended before the answer was due.
    Pending,
}

/// One DNS lookup: a query and its answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lookup {
    /// Who asked (the resolver's client).
    pub querier: SocketAddr,
    /// Who was asked.
    pub server: SocketAddr,
    /// UDP or TCP.
    pub transport: Transport,
    /// The transaction id.
    pub id: u16,
    /// The name asked for (lower case, no final dot).
    pub name: String,
    /// The type asked for.
    pub qtype: u16,
    /// Where the query was (`None` when only the answer is in the capture).
    pub asked: Option<Position>,
    /// Where the answer was.
    pub answered: Option<Position>,
    /// How it ended.
    pub outcome: Outcome,
    /// The answer's rcode.
    pub rcode: Option<u8>,
    /// Whether the answer was truncated (TC).
    pub truncated: bool,
    /// The answer section.
    pub answers: Vec<Record>,
    /// The additional section.
    pub additional: Vec<Record>,
}

impl Lookup {
    /// Milliseconds from query to answer, when both are in the capture.
    pub fn latency_ms(&self) -> Option<f64> {
        let (asked, answered) = (self.asked?, self.answered?);
        Some(answered.ts.seconds_since(asked.ts) * 1000.0)
    }

    /// When it was made (the query, else the answer).
    pub fn at(&self) -> Option<Position> {
        self.asked.or(self.answered)
    }

    /// When it ended: the answer, else the query.
    pub fn end(&self) -> Option<Position> {
        self.answered.or(self.asked)
    }

    /// Whether it failed: an error rcode, or no answer at all.
    pub fn failed(&self) -> bool {
        self.outcome == Outcome::Unanswered || self.rcode.is_some_and(|r| r != 0)
    }

    /// Whether it succeeded with no record of the type asked (NODATA).
    pub fn no_data(&self) -> bool {
        self.rcode == Some(0) && !self.answers.iter().any(|r| data_type(&r.data) == self.qtype)
    }

    /// The addresses in its answers (and in the additional section).
    pub fn addresses(&self) -> impl Iterator<Item = (&str, std::net::IpAddr)> {
        self.answers
            .iter()
            .chain(&self.additional)
            .filter_map(|r| match r.data {
                Data::A { addr } | Data::Aaaa { addr } => Some((r.name.as_str(), addr)),
                _ => None,
            })
    }

    /// The mail exchangers in its answers, most preferred first.
    pub fn exchangers(&self) -> Vec<(u16, &str)> {
        let mut mx: Vec<(u16, &str)> = self
            .answers
            .iter()
            .filter_map(|r| match &r.data {
                Data::Mx { preference, host } => Some((*preference, host.as_str())),
                _ => None,
            })
            .collect();
        mx.sort();
        mx
    }

    /// `NXDOMAIN`, `no answer`, `capture ended`, or `NOERROR`.
    /// In the report's language, the rcode's name as is.
    pub fn result(&self) -> crate::l10n::Text {
        match (self.outcome, self.rcode) {
            (Outcome::Unanswered, _) => crate::msg!("dns-no-answer"),
            (Outcome::Pending, _) => crate::msg!("dns-pending"),
            (Outcome::Answered, Some(0)) if self.no_data() => crate::msg!("dns-no-data"),
            (Outcome::Answered, Some(r)) => message::rcode_name(r).into(),
            (Outcome::Answered, None) => crate::msg!("dns-answered"),
        }
    }
}

/// The type number of record data.
pub fn data_type(data: &Data) -> u16 {
    match data {
        Data::A { .. } => message::TYPE_A,
        Data::Aaaa { .. } => message::TYPE_AAAA,
        Data::Mx { .. } => message::TYPE_MX,
        Data::Ptr { .. } => message::TYPE_PTR,
        Data::Cname { .. } => message::TYPE_CNAME,
        Data::Other { rtype } => *rtype,
    }
}

type Key = (SocketAddr, SocketAddr, u16, String, u16);

/// One direction of a DNS-over-TCP connection being framed.
#[derive(Debug, Default)]
struct TcpFramer {
    buffer: Vec<u8>,
    broken: bool,
}

/// Pairs queries and answers, over UDP and TCP; finished [`Lookup`]s are taken with
/// [`DnsTracker::take_finished`].
#[derive(Debug, Default)]
pub struct DnsTracker {
    pending: HashMap<Key, Lookup>,
    order: VecDeque<(Timestamp, Key)>,
    tcp: HashMap<(SocketAddr, SocketAddr), TcpFramer>,
    finished: Vec<Lookup>,
    /// DNS messages that could not be read (counted for the summary).
    pub malformed: u64,
    /// Queries finished early because [`MAX_PENDING`] was reached.
    pub dropped: u64,
}

impl DnsTracker {
    /// An empty tracker.
    pub fn new() -> Self {
        DnsTracker::default()
    }

    /// Whether a datagram is DNS (either port 53).
    pub fn wants(datagram: &Datagram<'_>) -> bool {
        datagram.src.port() == PORT || datagram.dst.port() == PORT
    }

    /// One UDP datagram to or from port 53.
    pub fn on_datagram(&mut self, d: &Datagram<'_>) {
        let at = Position {
            frame: d.frame,
            ts: d.ts,
        };
        self.on_message(d.src, d.dst, d.payload, at, Transport::Udp);
    }

    /// Bytes of a DNS-over-TCP connection in stream order, `from` → `to`.
    pub fn on_tcp_data(&mut self, from: SocketAddr, to: SocketAddr, bytes: &[u8], at: Position) {
        let framer = self.tcp.entry((from, to)).or_default();
        if framer.broken {
            return;
        }
        framer.buffer.extend_from_slice(bytes);
        let mut messages = Vec::new();
        while let Some(&[hi, lo]) = framer.buffer.get(..2) {
            let end = usize::from(u16::from_be_bytes([hi, lo])).saturating_add(2);
            if framer.buffer.len() < end {
                if framer.buffer.len() > MAX_TCP_MESSAGE.saturating_add(2) {
                    framer.broken = true;
                    framer.buffer.clear();
                }
                break;
            }
            let message: Vec<u8> = framer.buffer.drain(..end).skip(2).collect();
            messages.push(message);
        }
        for message in messages {
            self.on_message(from, to, &message, at, Transport::Tcp);
        }
    }

    /// A gap or the end of a DNS-over-TCP connection: what was being framed is lost.
    pub fn on_tcp_end(&mut self, a: SocketAddr, b: SocketAddr) {
        self.tcp.remove(&(a, b));
        self.tcp.remove(&(b, a));
    }

    fn on_message(
        &mut self,
        src: SocketAddr,
        dst: SocketAddr,
        bytes: &[u8],
        at: Position,
        transport: Transport,
    ) {
        let Ok(message) = message::parse(bytes) else {
            self.malformed = self.malformed.saturating_add(1);
            return;
        };
        let Some((name, qtype)) = message.question.clone() else {
            self.malformed = self.malformed.saturating_add(1);
            return;
        };
        if message.response {
            let key = (dst, src, message.id, name.clone(), qtype);
            let mut lookup = self.pending.remove(&key).unwrap_or(Lookup {
                querier: dst,
                server: src,
                transport,
                id: message.id,
                name,
                qtype,
                asked: None,
                answered: None,
                outcome: Outcome::Answered,
                rcode: None,
                truncated: false,
                answers: Vec::new(),
                additional: Vec::new(),
            });
            lookup.answered = Some(at);
            lookup.outcome = Outcome::Answered;
            lookup.rcode = Some(message.rcode);
            lookup.truncated = message.truncated;
            lookup.answers = message.answers;
            lookup.additional = message.additional;
            self.finished.push(lookup);
        } else {
            let key = (src, dst, message.id, name.clone(), qtype);
            // A retransmitted query keeps the first one's time (and its one place in the order).
            if self.pending.contains_key(&key) {
                return;
            }
            if self.pending.len() >= MAX_PENDING {
                self.expire_oldest();
                self.dropped = self.dropped.saturating_add(1);
            }
            self.order.push_back((at.ts, key.clone()));
            self.forget_answered();
            self.pending.insert(
                key,
                Lookup {
                    querier: src,
                    server: dst,
                    transport,
                    id: message.id,
                    name,
                    qtype,
                    asked: Some(at),
                    answered: None,
                    outcome: Outcome::Unanswered,
                    rcode: None,
                    truncated: false,
                    answers: Vec::new(),
                    additional: Vec::new(),
                },
            );
        }
    }

    /// Drops the places in the order of queries already answered once they are as many again as
    /// the queries waiting ([`MAX_PENDING`] at least): the order stays within twice the cap, however
    /// many lookups one stretch of capture time holds.
    fn forget_answered(&mut self) {
        if self.order.len() > MAX_PENDING.max(self.pending.len()).saturating_mul(2) {
            let pending = &self.pending;
            self.order.retain(|(_, key)| pending.contains_key(key));
        }
    }

    fn expire_oldest(&mut self) {
        while let Some((_, key)) = self.order.pop_front() {
            if let Some(lookup) = self.pending.remove(&key) {
                self.finished.push(lookup);
                return;
            }
        }
    }

    /// Finishes the queries unanswered for [`ANSWER_TIMEOUT_SECS`] at capture time `now`.
    pub fn expire(&mut self, now: Timestamp) {
        while let Some((asked, _)) = self.order.front() {
            if now < asked.plus_secs(ANSWER_TIMEOUT_SECS) {
                break;
            }
            if let Some((_, key)) = self.order.pop_front() {
                if let Some(lookup) = self.pending.remove(&key) {
                    self.finished.push(lookup);
                }
            }
        }
    }

    /// The end of the input: every query still waiting is finished as `pending`.
    pub fn finish(&mut self) {
        let mut waiting: Vec<Lookup> = self.pending.drain().map(|(_, l)| l).collect();
        waiting.sort_by_key(|l| l.asked.map(crate::smtp::dialogue::Position::time_order));
        for mut lookup in waiting {
            lookup.outcome = Outcome::Pending;
            self.finished.push(lookup);
        }
        self.order.clear();
        self.tcp.clear();
    }

    /// The lookups finished since the last call, in the order they finished.
    pub fn take_finished(&mut self) -> Vec<Lookup> {
        std::mem::take(&mut self.finished)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(id: u16, name: &str, qtype: u16) -> Vec<u8> {
        let mut p = vec![(id >> 8) as u8, id as u8, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0];
        for label in name.split('.') {
            p.push(label.len() as u8);
            p.extend_from_slice(label.as_bytes());
        }
        p.extend_from_slice(&[0, (qtype >> 8) as u8, qtype as u8, 0, 1]);
        p
    }

    fn response(id: u16, name: &str, qtype: u16, rcode: u8) -> Vec<u8> {
        let mut p = query(id, name, qtype);
        p[2] = 0x81;
        p[3] = 0x80 | rcode;
        p
    }

    fn at(frame: u64, ms: u64) -> Position {
        Position {
            frame,
            ts: Timestamp::new(1_000 + (ms / 1000) as i64, ((ms % 1000) * 1_000_000) as u32),
        }
    }

    fn datagram<'a>(src: &str, dst: &str, payload: &'a [u8], pos: Position) -> Datagram<'a> {
        Datagram {
            frame: pos.frame,
            ts: pos.ts,
            src: src.parse().unwrap(),
            dst: dst.parse().unwrap(),
            payload,
        }
    }

    #[test]
    fn a_query_and_its_answer_make_one_lookup() {
        let mut t = DnsTracker::new();
        let q = query(7, "nxdomain.example", message::TYPE_MX);
        let r = response(7, "nxdomain.example", message::TYPE_MX, 3);
        t.on_datagram(&datagram("192.0.2.10:40000", "198.51.100.53:53", &q, at(1, 0)));
        assert!(t.take_finished().is_empty());
        t.on_datagram(&datagram("198.51.100.53:53", "192.0.2.10:40000", &r, at(2, 3)));
        let done = t.take_finished();
        assert_eq!(done.len(), 1);
        let l = &done[0];
        assert_eq!(l.name, "nxdomain.example");
        assert_eq!(l.result().en(), "NXDOMAIN");
        assert!(l.failed());
        assert!((l.latency_ms().unwrap() - 3.0).abs() < 0.01);
    }

    #[test]
    fn unanswered_queries_expire_by_capture_time_and_pending_ones_at_the_end() {
        let mut t = DnsTracker::new();
        let q = query(8, "slow.example", message::TYPE_A);
        t.on_datagram(&datagram("192.0.2.10:40000", "198.51.100.53:53", &q, at(1, 0)));
        t.expire(at(2, 9_000).ts);
        assert!(t.take_finished().is_empty());
        t.expire(at(3, 10_000).ts);
        let done = t.take_finished();
        assert_eq!(done[0].outcome, Outcome::Unanswered);
        let q = query(9, "late.example", message::TYPE_A);
        t.on_datagram(&datagram(
            "192.0.2.10:40000",
            "198.51.100.53:53",
            &q,
            at(4, 11_000),
        ));
        t.finish();
        assert_eq!(t.take_finished()[0].outcome, Outcome::Pending);
    }

    #[test]
    fn tcp_messages_are_framed_across_segments() {
        let mut t = DnsTracker::new();
        let c: SocketAddr = "192.0.2.10:40001".parse().unwrap();
        let s: SocketAddr = "198.51.100.53:53".parse().unwrap();
        let q = query(10, "contoso.example", message::TYPE_MX);
        let mut framed = (q.len() as u16).to_be_bytes().to_vec();
        framed.extend_from_slice(&q);
        let (a, b) = framed.split_at(5);
        t.on_tcp_data(c, s, a, at(1, 0));
        t.on_tcp_data(c, s, b, at(2, 1));
        let r = response(10, "contoso.example", message::TYPE_MX, 0);
        let mut framed = (r.len() as u16).to_be_bytes().to_vec();
        framed.extend_from_slice(&r);
        t.on_tcp_data(s, c, &framed, at(3, 2));
        let done = t.take_finished();
        assert_eq!(done.len(), 1);
        assert_eq!(done[0].transport, Transport::Tcp);
        assert!(done[0].no_data());
    }

    #[test]
    fn answered_lookups_leave_no_trace_however_many_share_one_second() {
        let mut t = DnsTracker::new();
        let (c, s) = ("192.0.2.10:40000", "198.51.100.53:53");
        for n in 0..3 * MAX_PENDING {
            let id = (n % 65_536) as u16;
            let name = format!("h{n}.example");
            let q = query(id, &name, message::TYPE_A);
            t.on_datagram(&datagram(c, s, &q, at(1, 0)));
            // The query again (a retransmission), then its answer: both in the same second.
            t.on_datagram(&datagram(c, s, &q, at(2, 0)));
            let r = response(id, &name, message::TYPE_A, 0);
            t.on_datagram(&datagram(s, c, &r, at(3, 0)));
            assert!(
                t.order.len() <= 2 * MAX_PENDING + 1,
                "order at {n}: {}",
                t.order.len()
            );
        }
        assert!(t.pending.is_empty());
        assert_eq!(t.take_finished().len(), 3 * MAX_PENDING);
        assert_eq!(t.dropped, 0);
    }

    #[test]
    fn garbage_is_counted() {
        let mut t = DnsTracker::new();
        t.on_datagram(&datagram(
            "192.0.2.10:40000",
            "198.51.100.53:53",
            b"\x01\x02garbage",
            at(1, 0),
        ));
        assert_eq!(t.malformed, 1);
        assert!(t.take_finished().is_empty());
    }
}
