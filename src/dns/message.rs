//! One DNS message → an owned [`Message`]: header facts, the question, and the answer and
//! additional records smtpscope uses (A, AAAA, MX, PTR, CNAME; others by type number).
//!
//! The wire format (RFC 1035 §4, name compression included) is read by `simple-dns`, a small
//! dependency-free parser: what we add is the owned, flat summary and the bounds. Pure: bytes in,
//! a message or an error out. Must not: pair queries with answers (that is [`super::DnsTracker`]).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

use std::net::IpAddr;

use simple_dns::rdata::RData;
use simple_dns::{Packet, PacketFlag};

/// Record types by number.
pub const TYPE_A: u16 = 1;
/// CNAME.
pub const TYPE_CNAME: u16 = 5;
/// PTR.
pub const TYPE_PTR: u16 = 12;
/// MX.
pub const TYPE_MX: u16 = 15;
/// AAAA.
pub const TYPE_AAAA: u16 = 28;

/// Records kept per section of one message (more are counted in [`Message::records_dropped`]).
pub const MAX_RECORDS: usize = 32;

/// The name of a record type (`MX`, or `TYPE99`).
pub fn type_name(qtype: u16) -> String {
    match qtype {
        TYPE_A => "A".into(),
        TYPE_CNAME => "CNAME".into(),
        TYPE_PTR => "PTR".into(),
        TYPE_MX => "MX".into(),
        TYPE_AAAA => "AAAA".into(),
        2 => "NS".into(),
        6 => "SOA".into(),
        16 => "TXT".into(),
        33 => "SRV".into(),
        other => format!("TYPE{other}"),
    }
}

/// The name of an rcode (`NOERROR`, `NXDOMAIN`, `SERVFAIL`…).
pub fn rcode_name(rcode: u8) -> String {
    match rcode {
        0 => "NOERROR".into(),
        1 => "FORMERR".into(),
        2 => "SERVFAIL".into(),
        3 => "NXDOMAIN".into(),
        4 => "NOTIMP".into(),
        5 => "REFUSED".into(),
        other => format!("RCODE{other}"),
    }
}

/// What one resource record says.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "type", rename_all = "UPPERCASE")]
pub enum Data {
    /// An IPv4 address.
    A {
        /// The address.
        addr: IpAddr,
    },
    /// An IPv6 address.
    Aaaa {
        /// The address.
        addr: IpAddr,
    },
    /// A mail exchanger.
    Mx {
        /// Its preference (lower first).
        preference: u16,
        /// Its host name.
        host: String,
    },
    /// A pointer (reverse lookup).
    Ptr {
        /// The name pointed to.
        host: String,
    },
    /// An alias.
    Cname {
        /// The canonical name.
        host: String,
    },
    /// Any other type, by number.
    Other {
        /// The type number.
        rtype: u16,
    },
}

/// One resource record.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Record {
    /// Its owner name, lower-cased, without the final dot.
    pub name: String,
    /// Time to live, seconds.
    pub ttl: u32,
    /// Its data.
    #[serde(flatten)]
    pub data: Data,
}

/// One DNS message, summarised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The transaction id.
    pub id: u16,
    /// Whether it is a response (QR set).
    pub response: bool,
    /// The response code (header bits only, 0–15).
    pub rcode: u8,
    /// Whether the answer was truncated (TC set: the resolver retries over TCP).
    pub truncated: bool,
    /// The first question's name (lower-cased, no final dot) and type.
    pub question: Option<(String, u16)>,
    /// The answer section.
    pub answers: Vec<Record>,
    /// The additional section (glue addresses of MX hosts).
    pub additional: Vec<Record>,
    /// Records beyond [`MAX_RECORDS`] per section.
    pub records_dropped: u64,
}

/// Why a datagram is not a DNS message we read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not a DNS message: {0}")]
pub struct NotDns(pub String);

fn name(n: &simple_dns::Name<'_>) -> String {
    let mut text = n.to_string().to_ascii_lowercase();
    if text.ends_with('.') {
        text.pop();
    }
    text
}

fn record(rr: &simple_dns::ResourceRecord<'_>) -> Record {
    let data = match &rr.rdata {
        RData::A(a) => Data::A {
            addr: IpAddr::V4(std::net::Ipv4Addr::from(a.address)),
        },
        RData::AAAA(a) => Data::Aaaa {
            addr: IpAddr::V6(std::net::Ipv6Addr::from(a.address)),
        },
        RData::MX(mx) => Data::Mx {
            preference: mx.preference,
            host: name(&mx.exchange),
        },
        RData::PTR(ptr) => Data::Ptr { host: name(&ptr.0) },
        RData::CNAME(cname) => Data::Cname { host: name(&cname.0) },
        other => Data::Other {
            rtype: other.type_code().into(),
        },
    };
    Record {
        name: name(&rr.name),
        ttl: rr.ttl,
        data,
    }
}

/// Reads one DNS message (the UDP payload, or one TCP message without its length prefix).
///
/// # Errors
/// The bytes are not a complete, well-formed DNS message.
pub fn parse(bytes: &[u8]) -> Result<Message, NotDns> {
    let packet = Packet::parse(bytes).map_err(|e| NotDns(e.to_string()))?;
    let mut dropped = 0u64;
    let mut section = |records: &[simple_dns::ResourceRecord<'_>]| {
        dropped = dropped.saturating_add(records.len().saturating_sub(MAX_RECORDS) as u64);
        records.iter().take(MAX_RECORDS).map(record).collect::<Vec<_>>()
    };
    let answers = section(&packet.answers);
    let additional = section(&packet.additional_records);
    Ok(Message {
        id: packet.id(),
        response: packet.has_flags(PacketFlag::RESPONSE),
        rcode: (packet.rcode() as u16 & 0x0f) as u8,
        truncated: packet.has_flags(PacketFlag::TRUNCATION),
        question: packet
            .questions
            .first()
            .map(|q| (name(&q.qname), u16::from(q.qtype))),
        answers,
        additional,
        records_dropped: dropped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A response to `MX contoso.example` with one MX and its glue A record (compressed names).
    const MX_RESPONSE: &[u8] = &[
        0x12, 0x34, 0x85, 0x80, 0, 1, 0, 1, 0, 0, 0, 1, // header: response, AA, RD, RA; 1/1/0/1
        7, b'c', b'o', b'n', b't', b'o', b's', b'o', 7, b'e', b'x', b'a', b'm', b'p', b'l', b'e', 0, 0, 15,
        0, 1, // question MX IN
        0xc0, 12, 0, 15, 0, 1, 0, 0, 0, 60, 0, 9, 0, 10, 4, b'm', b'a', b'i', b'l', 0xc0,
        12, // MX 10 mail.contoso.example
        0xc0, 47, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 198, 51, 100, 25, // A 198.51.100.25
    ];

    #[test]
    fn an_mx_response_with_glue() {
        let m = parse(MX_RESPONSE).unwrap();
        assert_eq!(m.id, 0x1234);
        assert!(m.response && !m.truncated);
        assert_eq!(m.rcode, 0);
        assert_eq!(m.question, Some(("contoso.example".into(), TYPE_MX)));
        assert_eq!(
            m.answers[0].data,
            Data::Mx {
                preference: 10,
                host: "mail.contoso.example".into()
            }
        );
        assert_eq!(m.additional[0].name, "mail.contoso.example");
        assert_eq!(
            m.additional[0].data,
            Data::A {
                addr: "198.51.100.25".parse().unwrap()
            }
        );
    }

    #[test]
    fn every_prefix_of_a_message_is_refused_not_a_panic() {
        for end in 0..MX_RESPONSE.len() {
            assert!(parse(&MX_RESPONSE[..end]).is_err(), "prefix of {end} bytes");
        }
    }

    #[test]
    fn rcodes_and_types_have_names() {
        let mut nx = MX_RESPONSE[..33].to_vec();
        nx[3] = 0x83; // NXDOMAIN
        nx[7] = 0; // no answer
        nx[11] = 0; // no additional
        let m = parse(&nx).unwrap();
        assert_eq!(rcode_name(m.rcode), "NXDOMAIN");
        assert!(m.answers.is_empty());
        assert_eq!(type_name(TYPE_AAAA), "AAAA");
        assert_eq!(type_name(99), "TYPE99");
    }
}
