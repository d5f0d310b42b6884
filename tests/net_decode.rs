//! The packet decoder on frames built by an independent builder (etherparse's `PacketBuilder`), on
//! every truncation of them, on IP fragments, on random bytes, and on real captures against tshark.

mod common;

use etherparse::PacketBuilder;
use proptest::prelude::*;
use smtpscope::capture::file::open;
use smtpscope::capture::{Input, LinkType, Packet, Timestamp};
use smtpscope::net::{Decoder, Skip, TcpFlags};

const PAYLOAD: &[u8] = b"EHLO client.example.com\r\n";

fn packet(link: LinkType, data: &[u8]) -> Packet<'_> {
    Packet {
        frame: 7,
        interface: 0,
        ts: Timestamp::new(100, 0),
        link,
        orig_len: data.len() as u32,
        data,
    }
}

fn ethernet_ipv4_tcp(payload: &[u8]) -> Vec<u8> {
    let builder = PacketBuilder::ethernet2([0, 0, 0x5e, 0, 0x53, 1], [0, 0, 0x5e, 0, 0x53, 2])
        .ipv4([192, 0, 2, 10], [198, 51, 100, 25], 64)
        .tcp(49152, 25, 0xfffffff0, 65535)
        .ack(0x01020304)
        .psh();
    let mut out = Vec::new();
    builder.write(&mut out, payload).unwrap();
    out
}

#[test]
fn ethernet_ipv4_tcp_decodes_every_field() {
    let frame = ethernet_ipv4_tcp(PAYLOAD);
    let mut decoder = Decoder::new();
    let seg = decoder.decode(&packet(LinkType::ETHERNET, &frame)).unwrap();
    assert_eq!(seg.src.to_string(), "192.0.2.10:49152");
    assert_eq!(seg.dst.to_string(), "198.51.100.25:25");
    assert_eq!((seg.seq, seg.ack, seg.window), (0xfffffff0, 0x01020304, 65535));
    assert_eq!(seg.flags, TcpFlags(TcpFlags::ACK | TcpFlags::PSH));
    assert_eq!(seg.payload, PAYLOAD);
    assert_eq!(
        (seg.payload_truncated, seg.frame, seg.ts),
        (0, 7, Timestamp::new(100, 0))
    );
}

#[test]
fn ethernet_padding_is_not_payload() {
    let mut frame = ethernet_ipv4_tcp(b"");
    frame.extend_from_slice(&[0; 6]); // padded to the 60-byte Ethernet minimum
    let mut decoder = Decoder::new();
    assert_eq!(
        decoder
            .decode(&packet(LinkType::ETHERNET, &frame))
            .unwrap()
            .payload,
        b""
    );
}

#[test]
fn snaplen_cut_payload_is_reported() {
    let frame = ethernet_ipv4_tcp(PAYLOAD);
    let cut = &frame[..frame.len() - 5];
    let mut decoder = Decoder::new();
    let seg = decoder.decode(&packet(LinkType::ETHERNET, cut)).unwrap();
    assert_eq!(seg.payload, &PAYLOAD[..PAYLOAD.len() - 5]);
    assert_eq!(seg.payload_truncated, 5);
}

#[test]
fn every_truncation_is_a_skip_or_a_shorter_payload_never_a_panic() {
    let frame = ethernet_ipv4_tcp(PAYLOAD);
    let header_end = frame.len() - PAYLOAD.len();
    let mut decoder = Decoder::new();
    for cut in 0..frame.len() {
        match decoder.decode(&packet(LinkType::ETHERNET, &frame[..cut])) {
            Ok(seg) => {
                assert!(
                    cut >= header_end,
                    "a segment from a frame cut inside its headers at {cut}"
                );
                assert_eq!(seg.payload, &PAYLOAD[..cut - header_end]);
                assert_eq!(seg.payload_truncated as usize, frame.len() - cut);
            }
            Err(skip) => {
                assert!(cut < header_end, "cut at {cut} lost a decodable segment");
                let expected = if cut == 0 { Skip::Empty } else { Skip::Truncated };
                assert_eq!(skip, expected, "cut at {cut}");
            }
        }
    }
}

#[test]
fn ipv6_with_vlan_tags_decodes() {
    let builder = PacketBuilder::ethernet2([0; 6], [1; 6])
        .single_vlan(200.try_into().unwrap())
        .ipv6(
            [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
            [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2],
            64,
        )
        .tcp(587, 40000, 1, 1000)
        .syn()
        .ack(5);
    let mut frame = Vec::new();
    builder.write(&mut frame, b"").unwrap();
    let mut decoder = Decoder::new();
    let seg = decoder.decode(&packet(LinkType::ETHERNET, &frame)).unwrap();
    assert_eq!(seg.src.to_string(), "[2001:db8::1]:587");
    assert!(seg.flags.syn() && seg.flags.ack() && !seg.flags.fin() && !seg.flags.rst());
}

#[test]
fn non_tcp_and_bad_tcp_headers_are_skipped_by_name() {
    let mut udp = Vec::new();
    PacketBuilder::ipv4([192, 0, 2, 1], [192, 0, 2, 2], 64)
        .udp(53, 53)
        .write(&mut udp, b"x")
        .unwrap();
    let mut decoder = Decoder::new();
    assert_eq!(
        decoder.decode(&packet(LinkType::RAW, &udp)).err(),
        Some(Skip::NotTcp)
    );
    let mut frame = ethernet_ipv4_tcp(PAYLOAD);
    frame[14 + 20 + 12] = 0x40; // data offset 4 words
    assert_eq!(
        decoder.decode(&packet(LinkType::ETHERNET, &frame)).err(),
        Some(Skip::BadTcpHeader)
    );
    frame[14 + 20 + 12] = 0xf0; // 60-byte header inside a 45-byte segment
    assert_eq!(
        decoder.decode(&packet(LinkType::ETHERNET, &frame)).err(),
        Some(Skip::BadTcpHeader)
    );
    assert_eq!(
        decoder.decode(&packet(LinkType(147), &frame)).err(),
        Some(Skip::UnsupportedLinkType)
    );
    assert_eq!(
        decoder.decode(&packet(LinkType::ETHERNET, &[])).err(),
        Some(Skip::Empty)
    );
}

/// Splits a raw IPv4/TCP packet into fragments of `size` payload bytes (a multiple of 8).
fn fragment_ipv4(packet: &[u8], size: usize) -> Vec<Vec<u8>> {
    let (header, payload) = packet.split_at(20);
    payload
        .chunks(size)
        .enumerate()
        .map(|(i, chunk)| {
            let mut h = header.to_vec();
            let offset = (i * size / 8) as u16;
            let more = (i + 1) * size < payload.len();
            h[2..4].copy_from_slice(&((20 + chunk.len()) as u16).to_be_bytes());
            h[4..6].copy_from_slice(&0x4242u16.to_be_bytes());
            h[6..8].copy_from_slice(&(offset | if more { 0x2000 } else { 0 }).to_be_bytes());
            h.extend_from_slice(chunk);
            h
        })
        .collect()
}

fn raw_ipv4_tcp(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    PacketBuilder::ipv4([192, 0, 2, 10], [198, 51, 100, 25], 64)
        .tcp(49152, 25, 1000, 65535)
        .write(&mut out, payload)
        .unwrap();
    out
}

#[test]
fn ipv4_fragments_reassemble_in_any_order() {
    let body: Vec<u8> = (0..200u8).collect();
    let frags = fragment_ipv4(&raw_ipv4_tcp(&body), 64);
    assert_eq!(frags.len(), 4);
    for order in [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2]] {
        let mut decoder = Decoder::new();
        for (n, &i) in order.iter().enumerate() {
            let result = decoder.decode(&packet(LinkType::RAW, &frags[i]));
            if n < 3 {
                assert_eq!(result.err(), Some(Skip::FragmentHeld), "order {order:?}");
            } else {
                let seg = result.unwrap();
                assert_eq!(
                    (seg.payload, seg.seq, seg.dst.port()),
                    (&body[..], 1000, 25),
                    "order {order:?}"
                );
            }
        }
    }
}

#[test]
fn conflicting_fragments_are_dropped_and_duplicates_are_not() {
    let body: Vec<u8> = (0..100u8).collect();
    let frags = fragment_ipv4(&raw_ipv4_tcp(&body), 64);
    let mut decoder = Decoder::new();
    assert_eq!(
        decoder.decode(&packet(LinkType::RAW, &frags[0])).err(),
        Some(Skip::FragmentHeld)
    );
    assert_eq!(
        decoder.decode(&packet(LinkType::RAW, &frags[0])).err(),
        Some(Skip::FragmentHeld)
    );
    assert_eq!(
        decoder.decode(&packet(LinkType::RAW, &frags[1])).unwrap().payload,
        &body[..]
    );
    let mut evil = frags[0].clone();
    *evil.last_mut().unwrap() ^= 0xff;
    assert_eq!(
        decoder.decode(&packet(LinkType::RAW, &frags[0])).err(),
        Some(Skip::FragmentHeld)
    );
    assert_eq!(
        decoder.decode(&packet(LinkType::RAW, &evil)).err(),
        Some(Skip::FragmentDropped)
    );
    assert_eq!(
        decoder.decode(&packet(LinkType::RAW, &frags[1])).err(),
        Some(Skip::FragmentHeld)
    );
}

#[test]
fn incomplete_datagrams_expire_and_are_counted() {
    let frags = fragment_ipv4(&raw_ipv4_tcp(&[7; 100]), 64);
    let mut decoder = Decoder::new();
    assert_eq!(
        decoder.decode(&packet(LinkType::RAW, &frags[0])).err(),
        Some(Skip::FragmentHeld)
    );
    let late = Packet {
        ts: Timestamp::new(200, 0),
        ..packet(LinkType::RAW, &frags[1])
    };
    assert_eq!(decoder.decode(&late).err(), Some(Skip::FragmentHeld));
    assert_eq!(decoder.take_expired_fragments(), 1);
}

proptest! {
    #[test]
    fn random_bytes_never_panic_under_any_link_type(data in proptest::collection::vec(any::<u8>(), 0..200), link in 0u32..300) {
        let mut decoder = Decoder::new();
        let p = packet(LinkType(link), &data);
        if let Ok(seg) = decoder.decode(&p) {
            prop_assert!(seg.payload.len() <= data.len());
        }
    }

    #[test]
    fn random_tails_after_valid_headers_never_panic(tail in proptest::collection::vec(any::<u8>(), 0..80), cut in 0usize..60) {
        let mut frame = ethernet_ipv4_tcp(b"");
        frame.truncate(cut.min(frame.len()));
        frame.extend_from_slice(&tail);
        let mut decoder = Decoder::new();
        let _ = decoder.decode(&packet(LinkType::ETHERNET, &frame));
    }
}

/// tshark's counts, recorded with tshark 4.0: TCP frames (`-Y 'tcp && !icmp && !icmpv6'`), frames
/// with payload on port 25 or 587, and the sum of their `tcp.len`.
const TSHARK: [(&str, u64, u64, u64); 6] = [
    ("zeek/smtp.pcap", 118, 48, 22214),
    ("zeek/communityid-ipv6.pcap", 17, 7, 250),
    (
        "chrissanders-packets/mail_sender_attachment.pcapng",
        58,
        31,
        77082,
    ),
    ("arkime/smtp-decrypted.pcap", 110, 33, 19925),
    ("ndpi/emotet.pcap", 169, 29, 15889),
    ("zeek/smtp-bdat-cmd-invalid.pcapng", 66, 30, 1052),
];

#[test]
fn real_captures_decode_like_tshark() {
    let Some(dir) = common::public_captures() else {
        eprintln!("skipped: ../shared/captures/public is absent");
        return;
    };
    for (file, tcp_frames, smtp_payload_frames, smtp_bytes) in TSHARK {
        let mut source = open(&Input::Path(dir.join(file))).unwrap();
        let mut decoder = Decoder::new();
        let (mut segments, mut with_payload, mut bytes) = (0, 0, 0);
        while let Some(p) = source.next_packet().unwrap() {
            if let Ok(seg) = decoder.decode(&p) {
                segments += 1;
                if [25, 587].contains(&seg.src.port()) || [25, 587].contains(&seg.dst.port()) {
                    let len = seg.payload.len() as u64 + u64::from(seg.payload_truncated);
                    with_payload += u64::from(len > 0);
                    bytes += len;
                }
            }
        }
        assert_eq!(
            (segments, with_payload, bytes),
            (tcp_frames, smtp_payload_frames, smtp_bytes),
            "{file}"
        );
    }
}
