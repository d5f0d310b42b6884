//! Any bytes as a frame of every supported link type: the decoder never panics, and a segment it
//! returns always lies within the frame.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smtpscope::capture::{LinkType, Packet, Timestamp};
use smtpscope::net::Decoder;

const LINKS: [LinkType; 10] = [
    LinkType::NULL,
    LinkType::ETHERNET,
    LinkType::RAW,
    LinkType::LOOP,
    LinkType::LINUX_SLL,
    LinkType::IPV4,
    LinkType::IPV6,
    LinkType::LINUX_SLL2,
    LinkType::RAW_BSD12,
    LinkType::RAW_BSD14,
];

fuzz_target!(|data: &[u8]| {
    let mut decoder = Decoder::new();
    // Feed the frame twice per link type so fragment state is exercised across calls.
    for (i, link) in LINKS.iter().enumerate() {
        for round in 0..2u64 {
            let packet = Packet {
                frame: (i as u64) * 2 + round + 1,
                interface: 0,
                ts: Timestamp::new(round as i64, 0),
                link: *link,
                orig_len: data.len() as u32,
                data,
            };
            if let Ok(segment) = decoder.decode(&packet) {
                assert!(segment.payload.len() <= 65_535);
            }
        }
    }
});
