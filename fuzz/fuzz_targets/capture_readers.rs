//! Every container reader on any bytes after its magic: the first input byte chooses the format
//! (plain, modified and Nokia pcap in both byte orders, pcapng, NetMon 1.x and 2.x, snoop), the rest
//! is the file after the magic. Each packet is touched; the reader must end with a packet, `None` or
//! an error, never a panic or an unbounded allocation, and stay finished.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smtpscope::capture::file::open_reader;

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
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    let mut file = MAGICS[usize::from(choice) % MAGICS.len()].to_vec();
    file.extend_from_slice(rest);
    let Ok(mut source) = open_reader("fuzz".to_string(), Box::new(std::io::Cursor::new(file))) else {
        return;
    };
    let mut total = 0usize;
    while let Ok(Some(packet)) = source.next_packet() {
        total = total.wrapping_add(packet.data.len());
    }
    assert!(matches!(source.next_packet(), Ok(None)), "a finished source stays finished");
    std::hint::black_box(total);
});
