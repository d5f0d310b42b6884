//! Every container reader on any bytes after its magic: the first input byte chooses the format
//! (plain, modified and Nokia pcap in both byte orders, pcapng, NetMon 1.x and 2.x, snoop), the rest
//! is the file after the magic. The reader must end with a packet, `None` or an error, never a
//! panic or an unbounded allocation, and stay finished.
#![no_main]

#[path = "prefixed.rs"]
mod prefixed;

use libfuzzer_sys::fuzz_target;

const MAGICS: [&[u8]; 10] = [
    &[0xd4, 0xc3, 0xb2, 0xa1],
    &[0xa1, 0xb2, 0xc3, 0xd4],
    &[0x4d, 0x3c, 0xb2, 0xa1],
    &[0x34, 0xcd, 0xb2, 0xa1],
    &[0xa1, 0xb2, 0xcd, 0x34],
    &[0x0a, 0x0d, 0x0d, 0x0a],
    b"GMBU",
    b"RTSS",
    b"snoop\0\0\0",
    b"",
];

fuzz_target!(|data: &[u8]| {
    prefixed::read_with_magic(&MAGICS, data);
});
