//! DNS lookups in a synthetic capture: a client's UDP query to its resolver and the answer (or
//! none), beside the SMTP connections, for the tests of what links lookups to sessions.
//!
//! Owns [`DnsLookup`] (who asks what, and what comes back when) and [`lookup_frames`] (its frames:
//! Ethernet, IPv4 or IPv6, UDP; messages built with simple-dns, headers with etherparse, so the
//! bytes are what a real stack sends). Deterministic. Must not: read anything but its arguments.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use etherparse::PacketBuilder;
use simple_dns::rdata::{RData, A, MX};
use simple_dns::{Name, Packet, Question, ResourceRecord, CLASS, QTYPE, RCODE, TYPE};

use super::{advance, SynthError, SynthFrame, Synthesized};
use smtpscope::capture::{LinkType, Timestamp};

/// What is asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Query {
    /// The mail exchangers of a domain.
    Mx,
    /// The IPv4 addresses of a host.
    A,
}

/// What comes back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    /// MX records: (preference, exchanger).
    Mx(Vec<(u16, String)>),
    /// A records.
    A(Vec<std::net::Ipv4Addr>),
    /// An error rcode and no records (3: NXDOMAIN, 2: SERVFAIL).
    Rcode(u16),
    /// Nothing: the answer never reached the capture point.
    Lost,
}

/// One lookup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DnsLookup {
    /// Who asks (its address and source port).
    pub querier: SocketAddr,
    /// The resolver asked (port 53).
    pub resolver: SocketAddr,
    /// The message id.
    pub id: u16,
    /// The name asked about.
    pub name: String,
    /// What is asked.
    pub query: Query,
    /// What comes back.
    pub reply: Reply,
    /// When the query is sent.
    pub at: Timestamp,
    /// How long the answer takes.
    pub latency: Duration,
}

fn build_error(e: impl std::fmt::Display) -> SynthError {
    SynthError::Build(e.to_string())
}

/// The query's and the answer's DNS messages.
fn messages(l: &DnsLookup) -> Result<(Vec<u8>, Option<Vec<u8>>), SynthError> {
    let name = Name::new(&l.name).map_err(build_error)?;
    let qtype = match l.query {
        Query::Mx => TYPE::MX,
        Query::A => TYPE::A,
    };
    let question = Question::new(name.clone(), QTYPE::TYPE(qtype), CLASS::IN.into(), false);
    let mut query = Packet::new_query(l.id);
    query.questions.push(question.clone());
    let query = query.build_bytes_vec().map_err(build_error)?;
    let mut reply = Packet::new_reply(l.id);
    reply.questions.push(question);
    let exchangers: Vec<Name<'_>> = match &l.reply {
        Reply::Mx(mx) => mx
            .iter()
            .map(|(_, host)| Name::new(host))
            .collect::<Result<_, _>>()
            .map_err(build_error)?,
        _ => Vec::new(),
    };
    match &l.reply {
        Reply::Lost => return Ok((query, None)),
        Reply::Rcode(code) => *reply.rcode_mut() = RCODE::from(*code),
        Reply::Mx(mx) => {
            for ((preference, _), exchange) in mx.iter().zip(&exchangers) {
                let rdata = RData::MX(MX {
                    preference: *preference,
                    exchange: exchange.clone(),
                });
                reply
                    .answers
                    .push(ResourceRecord::new(name.clone(), CLASS::IN, 300, rdata));
            }
        }
        Reply::A(addresses) => {
            for address in addresses {
                let rdata = RData::A(A {
                    address: u32::from(*address),
                });
                reply
                    .answers
                    .push(ResourceRecord::new(name.clone(), CLASS::IN, 300, rdata));
            }
        }
    }
    Ok((query, Some(reply.build_bytes_vec().map_err(build_error)?)))
}

/// One UDP datagram in an Ethernet frame.
fn udp_frame(src: SocketAddr, dst: SocketAddr, payload: &[u8]) -> Result<Vec<u8>, SynthError> {
    const MAC: [[u8; 6]; 2] = [
        [0x00, 0x00, 0x5e, 0x00, 0x53, 0x01],
        [0x00, 0x00, 0x5e, 0x00, 0x53, 0x03],
    ];
    let link = PacketBuilder::ethernet2(MAC[0], MAC[1]);
    let ip = match (src.ip(), dst.ip()) {
        (IpAddr::V4(s), IpAddr::V4(d)) => link.ipv4(s.octets(), d.octets(), 64),
        (IpAddr::V6(s), IpAddr::V6(d)) => link.ipv6(s.octets(), d.octets(), 64),
        _ => {
            return Err(SynthError::MixedFamilies {
                client: src,
                server: dst,
            })
        }
    };
    let udp = ip.udp(src.port(), dst.port());
    let mut frame = Vec::with_capacity(udp.size(payload.len()));
    udp.write(&mut frame, payload).map_err(build_error)?;
    Ok(frame)
}

/// The Ethernet frames of `lookup`: the query, and the answer `latency` later unless it is lost.
///
/// # Errors
/// [`SynthError::Build`] for a name DNS cannot carry, [`SynthError::MixedFamilies`] for a querier
/// and a resolver of different IP families.
pub fn lookup_frames(lookup: &DnsLookup) -> Result<Synthesized, SynthError> {
    let (query, reply) = messages(lookup)?;
    let mut frames = vec![SynthFrame {
        ts: lookup.at,
        data: udp_frame(lookup.querier, lookup.resolver, &query)?,
    }];
    if let Some(reply) = reply {
        frames.push(SynthFrame {
            ts: advance(lookup.at, lookup.latency),
            data: udp_frame(lookup.resolver, lookup.querier, &reply)?,
        });
    }
    Ok(Synthesized {
        link: LinkType::ETHERNET,
        frames,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lookup_is_a_query_and_an_answer_that_simple_dns_reads_back() {
        let lookup = DnsLookup {
            querier: "192.0.2.10:40000".parse().unwrap(),
            resolver: "192.0.2.53:53".parse().unwrap(),
            id: 7,
            name: "example.net".into(),
            query: Query::Mx,
            reply: Reply::Mx(vec![(10, "mx1.example.net".into())]),
            at: Timestamp::new(1_704_164_645, 0),
            latency: Duration::from_millis(3),
        };
        let frames = lookup_frames(&lookup).unwrap().frames;
        assert_eq!(frames.len(), 2);
        assert_eq!(frames[1].ts, Timestamp::new(1_704_164_645, 3_000_000));
        // Ethernet 14 + IPv4 20 + UDP 8 bytes of headers.
        let answer = Packet::parse(&frames[1].data[42..]).unwrap();
        assert_eq!(answer.id(), 7);
        assert_eq!(answer.answers.len(), 1);
        let lost = DnsLookup {
            reply: Reply::Lost,
            ..lookup
        };
        assert_eq!(lookup_frames(&lost).unwrap().frames.len(), 1);
    }
}
