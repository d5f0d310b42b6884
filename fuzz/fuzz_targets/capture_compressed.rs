//! The decompressors on any bytes after their magic: the first input byte chooses gzip, zstd, xz,
//! lzma or bzip2; the rest follows the magic. Opening and reading must end with packets, `None` or
//! an error naming the compression, never a panic or an allocation beyond the named limits.
#![no_main]

#[path = "prefixed.rs"]
mod prefixed;

use libfuzzer_sys::fuzz_target;

const MAGICS: [&[u8]; 5] = [
    &[0x1f, 0x8b],
    &[0x28, 0xb5, 0x2f, 0xfd],
    &[0xfd, b'7', b'z', b'X', b'Z', 0x00],
    &[0x5d, 0x00, 0x00],
    b"BZh9",
];

fuzz_target!(|data: &[u8]| {
    prefixed::read_with_magic(&MAGICS, data);
});
