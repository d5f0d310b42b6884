//! Shared by the capture fuzz targets: a file made of a magic (chosen by the first input byte)
//! and the rest of the input, opened and read to its end.

use smtpscope::capture::file::open_reader;

/// Builds the file `magics[data[0] % n] + data[1..]`, opens it and reads every packet; returns how
/// many came out. A finished source must stay finished.
pub fn read_with_magic(magics: &[&[u8]], data: &[u8]) -> u64 {
    let Some((&choice, rest)) = data.split_first() else {
        return 0;
    };
    let mut file = magics[usize::from(choice) % magics.len()].to_vec();
    file.extend_from_slice(rest);
    let Ok(mut source) = open_reader("fuzz".to_string(), Box::new(std::io::Cursor::new(file))) else {
        return 0;
    };
    let mut packets = 0u64;
    while let Ok(Some(packet)) = source.next_packet() {
        packets += 1;
        std::hint::black_box(packet.data.len());
    }
    assert!(matches!(source.next_packet(), Ok(None)), "a finished source stays finished");
    packets
}
