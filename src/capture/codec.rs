//! Compressed captures: gzip, zstd, xz, lzma and bzip2, recognised by their magic bytes (never by
//! the file name) and decompressed as a stream, with no temporary file.
//!
//! Owns telling a compressed input from a capture ([`detect`]), naming the compressions it does not
//! read ([`unsupported`]: lz4, ZIP, 7-Zip, Unix `compress`, RAR, lzip), and wrapping the raw reader
//! in the right decoder ([`decompress`]). What comes out is read by the capture readers exactly as
//! an uncompressed file is, through the same 1 MiB window, so memory stays bounded whatever the size.
//!
//! | first bytes          | compression                                   | crate (pure Rust)             |
//! |----------------------|-----------------------------------------------|-------------------------------|
//! | `1F 8B`              | gzip (RFC 1952), concatenated members too     | `flate2` on the `zlib-rs` backend |
//! | `28 B5 2F FD`        | zstd (RFC 8878), several frames, skippable frames | `ruzstd`                  |
//! | `50..5F 2A 4D 18`    | a zstd skippable frame first                  | `ruzstd`                      |
//! | `FD 37 7A 58 5A 00`  | xz, concatenated streams too                  | `lzma-rust2`                  |
//! | `5D 00 00`           | lzma "alone" (`.lzma`, the usual properties)  | `lzma-rust2`                  |
//! | `42 5A 68 31..39`    | bzip2 (`BZh1`…`BZh9`), concatenated streams   | `bzip2` (`libbz2-rs-sys`)     |
//!
//! Every crate here is pure Rust, so the promise of the README holds: reading captures needs no
//! system library and no C compiler. `flate2` with `zlib-rs` decompresses gzip at zlib's speed;
//! `ruzstd` is the pure-Rust zstd decoder (slower than the C library, and the one that needs nothing
//! else; see the README for measured speeds); `lzma-rust2` is the maintained pure-Rust xz/lzma port;
//! `bzip2` 0.6 defaults to `libbz2-rs-sys`, a Rust translation of libbzip2.
//!
//! Limits: an xz or lzma dictionary larger than [`MAX_LZMA_DICT_KIB`] and a zstd window larger than
//! [`MAX_ZSTD_WINDOW`] are refused (a hostile header must not make the reader allocate gigabytes);
//! the command-line tools use far smaller ones (xz -9: 64 MiB, zstd -19: 8 MiB, zstd --ultra -22:
//! 128 MiB). A stream that ends early or is corrupt ends the input with an I/O error that names the
//! compression and how many decompressed bytes came before it; everything read until then is kept.
//! A zstd frame whose content checksum does not match is an error too.
//!
//! Must not: know any capture format.

use std::fmt;
use std::io::{self, BufRead, BufReader, Read};

use ruzstd::decoding::errors::{FrameDecoderError, ReadFrameHeaderError};
use ruzstd::decoding::{BlockDecodingStrategy, FrameDecoder};

/// How many leading bytes [`detect`] and [`unsupported`] look at.
pub const MAGIC_LEN: usize = 6;

/// Largest xz/lzma dictionary accepted, in KiB (256 MiB: four times `xz -9`).
pub const MAX_LZMA_DICT_KIB: u32 = 256 * 1024;

/// Largest zstd window accepted (256 MiB: twice `zstd --ultra -22`).
pub const MAX_ZSTD_WINDOW: u64 = 256 << 20;

/// Size of the buffer between the file and a decoder.
const INPUT_BUF: usize = 256 * 1024;

/// A compression this tool decompresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Compression {
    /// gzip (`.gz`).
    Gzip,
    /// Zstandard (`.zst`).
    Zstd,
    /// xz (`.xz`).
    Xz,
    /// lzma "alone" (`.lzma`).
    Lzma,
    /// bzip2 (`.bz2`).
    Bzip2,
}

impl Compression {
    /// The name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
            Compression::Xz => "xz",
            Compression::Lzma => "lzma",
            Compression::Bzip2 => "bzip2",
        }
    }
}

impl fmt::Display for Compression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The compression announced by the first bytes of an input, `None` when there is none.
pub fn detect(first: &[u8]) -> Option<Compression> {
    match first {
        [0x1f, 0x8b, ..] => Some(Compression::Gzip),
        [0x28, 0xb5, 0x2f, 0xfd, ..] => Some(Compression::Zstd),
        [m, 0x2a, 0x4d, 0x18, ..] if m & 0xf0 == 0x50 => Some(Compression::Zstd),
        [0xfd, b'7', b'z', b'X', b'Z', 0x00, ..] => Some(Compression::Xz),
        [0x5d, 0x00, 0x00, ..] => Some(Compression::Lzma),
        [b'B', b'Z', b'h', level, ..] if (b'1'..=b'9').contains(level) => Some(Compression::Bzip2),
        _ => None,
    }
}

/// The compression or archive format announced by the first bytes, when it is one this tool does
/// not read, with what to do instead.
pub fn unsupported(first: &[u8]) -> Option<(&'static str, &'static str)> {
    match first {
        [0x04, 0x22, 0x4d, 0x18, ..] => Some(("lz4", "decompress it first (`lz4 -d`)")),
        [b'P', b'K', 0x03, 0x04, ..] => Some(("a ZIP archive", "extract the capture from it first")),
        [b'7', b'z', 0xbc, 0xaf, 0x27, 0x1c, ..] => {
            Some(("a 7-Zip archive", "extract the capture from it first"))
        }
        [0x1f, 0x9d, ..] => Some(("Unix compress (.Z)", "decompress it first (`gzip -d`)")),
        [b'R', b'a', b'r', b'!', ..] => Some(("a RAR archive", "extract the capture from it first")),
        [b'L', b'Z', b'I', b'P', ..] => Some(("lzip", "decompress it first (`lzip -d`)")),
        _ => None,
    }
}

/// Wraps `raw` (positioned at the first byte of the compressed data) in the decoder for
/// `compression`; reading the result gives the decompressed bytes.
///
/// # Errors
/// An lzma header that cannot be read or asks for too much memory.
pub fn decompress(compression: Compression, raw: Box<dyn Read>) -> io::Result<Box<dyn Read>> {
    let buffered = BufReader::with_capacity(INPUT_BUF, raw);
    let decoder: Box<dyn Read> = match compression {
        Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(buffered)),
        Compression::Zstd => Box::new(ZstdFrames::new(buffered)),
        Compression::Xz => Box::new(lzma_rust2::XzReader::new_mem_limit(
            buffered,
            true,
            MAX_LZMA_DICT_KIB,
        )),
        Compression::Lzma => Box::new(
            lzma_rust2::LzmaReader::new_mem_limit(buffered, MAX_LZMA_DICT_KIB, None)
                .map_err(|e| worded(compression, 0, &e))?,
        ),
        Compression::Bzip2 => Box::new(bzip2::bufread::MultiBzDecoder::new(buffered)),
    };
    Ok(Box::new(Worded {
        inner: decoder,
        compression,
        produced: 0,
    }))
}

/// An I/O error that says which compression failed, after how many decompressed bytes, and how.
fn worded(compression: Compression, produced: u64, e: &io::Error) -> io::Error {
    if e.kind() == io::ErrorKind::UnexpectedEof {
        io::Error::new(
            io::ErrorKind::UnexpectedEof,
            format!(
                "the {compression} stream ends early, after {produced} decompressed bytes \
                 (the file is cut off)"
            ),
        )
    } else {
        io::Error::new(
            e.kind(),
            format!("{compression} data is corrupt after {produced} decompressed bytes: {e}"),
        )
    }
}

/// A decoder whose errors say what failed ([`worded`]).
struct Worded {
    inner: Box<dyn Read>,
    compression: Compression,
    produced: u64,
}

impl Read for Worded {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match self.inner.read(buf) {
                Ok(n) => {
                    self.produced = self.produced.saturating_add(n as u64);
                    return Ok(n);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(worded(self.compression, self.produced, &e)),
            }
        }
    }
}

/// Every frame of a zstd stream in turn (RFC 8878 §3: a stream is one or more frames, and
/// skippable frames may stand anywhere), each checked against its content checksum when it has one.
struct ZstdFrames<R: BufRead> {
    source: R,
    frame: FrameDecoder,
    /// A frame is being decoded.
    in_frame: bool,
}

impl<R: BufRead> ZstdFrames<R> {
    fn new(source: R) -> Self {
        let mut frame = FrameDecoder::new();
        frame.set_max_window_size(MAX_ZSTD_WINDOW);
        ZstdFrames {
            source,
            frame,
            in_frame: false,
        }
    }

    /// Starts the next frame; `Ok(false)` at the clean end of the stream.
    fn next_frame(&mut self) -> io::Result<bool> {
        loop {
            if self.source.fill_buf()?.is_empty() {
                return Ok(false);
            }
            match self.frame.reset(&mut self.source) {
                Ok(()) => return Ok(true),
                Err(FrameDecoderError::ReadFrameHeaderError(ReadFrameHeaderError::SkipFrame {
                    length,
                    ..
                })) => {
                    let want = u64::from(length);
                    let skipped = io::copy(&mut (&mut self.source).take(want), &mut io::sink())?;
                    if skipped < want {
                        return Err(io::ErrorKind::UnexpectedEof.into());
                    }
                }
                Err(e) => return Err(zstd_error(e)),
            }
        }
    }

    /// Checks a finished frame's content checksum, when it carries one.
    fn check_frame(&self) -> io::Result<()> {
        match (
            self.frame.get_checksum_from_data(),
            self.frame.get_calculated_checksum(),
        ) {
            (Some(sent), Some(computed)) if sent != computed => Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("a frame's content checksum is {sent:08x} but its content gives {computed:08x}"),
            )),
            _ => Ok(()),
        }
    }
}

/// A zstd decoding error as an I/O error (a cut-off input stays `UnexpectedEof`).
fn zstd_error(e: FrameDecoderError) -> io::Error {
    let text = e.to_string();
    let cut = std::error::Error::source(&e)
        .and_then(|s| s.downcast_ref::<io::Error>())
        .is_some_and(|io| io.kind() == io::ErrorKind::UnexpectedEof)
        || text.contains("failed to fill whole buffer");
    if cut {
        io::ErrorKind::UnexpectedEof.into()
    } else {
        io::Error::new(io::ErrorKind::InvalidData, text)
    }
}

impl<R: BufRead> Read for ZstdFrames<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            if self.in_frame {
                while self.frame.can_collect() == 0 && !self.frame.is_finished() {
                    self.frame
                        .decode_blocks(&mut self.source, BlockDecodingStrategy::UptoBlocks(1))
                        .map_err(zstd_error)?;
                }
                let n = self.frame.read(buf)?;
                if n > 0 {
                    return Ok(n);
                }
                self.check_frame()?;
                self.in_frame = false;
            }
            if !self.next_frame()? {
                return Ok(0);
            }
            self.in_frame = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    /// Some capture-like bytes: every byte value, repeated, so the codecs have something to do.
    fn sample() -> Vec<u8> {
        (0..200_000u32)
            .map(|i| (i % 251) as u8 ^ (i / 997) as u8)
            .collect()
    }

    fn inflate(compression: Compression, bytes: Vec<u8>) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        decompress(compression, Box::new(Cursor::new(bytes)))?.read_to_end(&mut out)?;
        Ok(out)
    }

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    fn bzip2(data: &[u8]) -> Vec<u8> {
        let mut enc = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::default());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    /// A zstd frame made of raw blocks (RFC 8878 §3.1.1): header with a single segment and the
    /// content size, then blocks of at most 128 KiB, then (with `checksum`) the XXH64-based check.
    fn zstd_raw_frame(data: &[u8], checksum: Option<u32>) -> Vec<u8> {
        let mut v = vec![0x28, 0xb5, 0x2f, 0xfd];
        // Frame header descriptor: FCS field 8 bytes (0b11 << 6), single segment (0x20), checksum flag (0x04).
        v.push(0xc0 | 0x20 | if checksum.is_some() { 0x04 } else { 0 });
        v.extend((data.len() as u64).to_le_bytes());
        let mut chunks = data.chunks(100_000).peekable();
        while let Some(chunk) = chunks.next() {
            let last = u32::from(chunks.peek().is_none());
            let header = last | ((chunk.len() as u32) << 3); // block type 0: raw
            v.extend(&header.to_le_bytes()[..3]);
            v.extend(chunk);
        }
        if let Some(c) = checksum {
            v.extend(c.to_le_bytes());
        }
        v
    }

    #[test]
    fn magic_bytes_name_each_compression() {
        assert_eq!(detect(&[0x1f, 0x8b, 0x08, 0]), Some(Compression::Gzip));
        assert_eq!(detect(&[0x28, 0xb5, 0x2f, 0xfd]), Some(Compression::Zstd));
        assert_eq!(detect(&[0x5a, 0x2a, 0x4d, 0x18]), Some(Compression::Zstd));
        assert_eq!(detect(b"\xfd7zXZ\x00"), Some(Compression::Xz));
        assert_eq!(detect(&[0x5d, 0, 0, 0x80, 0]), Some(Compression::Lzma));
        assert_eq!(detect(b"BZh9"), Some(Compression::Bzip2));
        for capture in [
            &[0xd4, 0xc3, 0xb2, 0xa1][..],
            &[0x0a, 0x0d, 0x0d, 0x0a],
            b"GMBU",
            b"RTSS",
            b"snoop\0",
        ] {
            assert_eq!(detect(capture), None);
            assert_eq!(unsupported(capture), None);
        }
        assert_eq!(detect(b"BZh0"), None);
        assert_eq!(detect(&[0x1f]), None);
        assert_eq!(detect(&[0xfd, b'7', b'z', b'X', b'Z']), None);
        assert_eq!(unsupported(&[0x04, 0x22, 0x4d, 0x18]).unwrap().0, "lz4");
        assert_eq!(unsupported(b"PK\x03\x04").unwrap().0, "a ZIP archive");
        assert_eq!(unsupported(&[0x1f, 0x9d, 0x90]).unwrap().0, "Unix compress (.Z)");
    }

    #[test]
    fn gzip_members_are_read_one_after_the_other() {
        let data = sample();
        let (a, b) = data.split_at(77_777);
        let mut two = gzip(a);
        two.extend(gzip(b));
        assert_eq!(inflate(Compression::Gzip, two).unwrap(), data);
    }

    #[test]
    fn bzip2_streams_are_read_one_after_the_other() {
        let data = sample();
        let (a, b) = data.split_at(12_345);
        let mut two = bzip2(a);
        two.extend(bzip2(b));
        assert_eq!(inflate(Compression::Bzip2, two).unwrap(), data);
    }

    /// `printf hello | xz -c` (xz 5.4).
    const HELLO_XZ: [u8; 64] = [
        0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04, 0xe6, 0xd6, 0xb4, 0x46, 0x02, 0x00, 0x21, 0x01, 0x16,
        0x00, 0x00, 0x00, 0x74, 0x2f, 0xe5, 0xa3, 0x01, 0x00, 0x04, 0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x00, 0x00,
        0x00, 0x00, 0xb1, 0x37, 0xb9, 0xdb, 0xe5, 0xda, 0x1e, 0x9b, 0x00, 0x01, 0x1d, 0x05, 0xb8, 0x2d, 0x80,
        0xaf, 0x1f, 0xb6, 0xf3, 0x7d, 0x01, 0x00, 0x00, 0x00, 0x00, 0x04, 0x59, 0x5a,
    ];

    /// `printf hello | lzma -c` (xz 5.4).
    const HELLO_LZMA: [u8; 28] = [
        0x5d, 0x00, 0x00, 0x80, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x34, 0x19, 0x49,
        0xee, 0x8e, 0x68, 0x21, 0xff, 0xff, 0xff, 0xb9, 0xe0, 0x00, 0x00,
    ];

    #[test]
    fn xz_streams_and_lzma_alone() {
        assert_eq!(detect(&HELLO_XZ), Some(Compression::Xz));
        assert_eq!(detect(&HELLO_LZMA), Some(Compression::Lzma));
        let mut two = HELLO_XZ.to_vec();
        two.extend(HELLO_XZ);
        assert_eq!(inflate(Compression::Xz, two).unwrap(), b"hellohello");
        assert_eq!(inflate(Compression::Lzma, HELLO_LZMA.to_vec()).unwrap(), b"hello");
        for cut in 1..HELLO_XZ.len() {
            assert!(
                inflate(Compression::Xz, HELLO_XZ[..cut].to_vec()).is_err(),
                "an xz stream cut at {cut} is an error"
            );
        }
        for cut in 1..HELLO_LZMA.len() {
            assert!(
                inflate(Compression::Lzma, HELLO_LZMA[..cut].to_vec()).is_err(),
                "an lzma stream cut at {cut} is an error"
            );
        }
    }

    #[test]
    fn zstd_frames_and_skippable_frames() {
        let data = sample();
        let (a, b) = data.split_at(150_000);
        let mut v = vec![0x50, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 1, 2, 3];
        v.extend(zstd_raw_frame(a, None));
        v.extend([0x5f, 0x2a, 0x4d, 0x18, 0, 0, 0, 0]);
        v.extend(zstd_raw_frame(b, None));
        assert_eq!(inflate(Compression::Zstd, v).unwrap(), data);
    }

    #[test]
    fn zstd_checksum_mismatch_is_an_error() {
        let frame = zstd_raw_frame(b"hello", Some(0xdead_beef));
        let err = inflate(Compression::Zstd, frame).unwrap_err().to_string();
        assert!(
            err.starts_with("zstd data is corrupt after 5 decompressed bytes"),
            "{err}"
        );
        assert!(err.contains("checksum"), "{err}");
    }

    #[test]
    fn cut_streams_say_so_and_keep_what_came_before() {
        let data = sample();
        for (compression, whole) in [
            (Compression::Gzip, gzip(&data)),
            (Compression::Bzip2, bzip2(&data)),
            (Compression::Zstd, zstd_raw_frame(&data, None)),
        ] {
            let cut = whole[..whole.len() * 2 / 3].to_vec();
            let mut reader = decompress(compression, Box::new(Cursor::new(cut))).unwrap();
            let mut out = Vec::new();
            let err = reader.read_to_end(&mut out).unwrap_err();
            let text = err.to_string();
            assert!(text.contains(compression.name()), "{compression}: {text}");
            assert!(
                err.kind() == io::ErrorKind::UnexpectedEof || text.contains("corrupt"),
                "{compression}: {text}"
            );
            assert_eq!(
                out[..],
                data[..out.len()],
                "{compression}: what came first is right"
            );
        }
    }

    #[test]
    fn garbage_after_a_magic_is_corrupt() {
        let mut v = vec![0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0xff];
        v.extend([0xff; 64]);
        let err = inflate(Compression::Gzip, v).unwrap_err().to_string();
        assert!(err.starts_with("gzip "), "{err}");
        let err = inflate(Compression::Lzma, vec![0x5d, 0, 0])
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("the lzma stream ends early") || err.starts_with("lzma "),
            "{err}"
        );
    }

    #[test]
    fn a_huge_lzma_dictionary_is_refused() {
        // Properties 0x5d, dictionary 4 GiB - 1, unknown size.
        let mut v = vec![0x5d, 0xff, 0xff, 0xff, 0xff];
        v.extend([0xff; 8]);
        v.extend([0; 32]);
        let err = inflate(Compression::Lzma, v).unwrap_err().to_string();
        assert!(err.starts_with("lzma data is corrupt"), "{err}");
    }
}
