//! Capture files: decompression and format detection from the magic bytes, and the streaming
//! readers for pcap, pcapng, Network Monitor and snoop.
//!
//! Owns opening an [`Input`] (a path or standard input) and choosing what reads it from its first
//! bytes, never from the file name. First the compression (`codec`: gzip, zstd, xz, lzma, bzip2,
//! decompressed as a stream; lz4, ZIP, 7-Zip, `compress`, RAR and lzip are named and refused), then,
//! on the (decompressed) bytes, the container:
//!
//! | first bytes on disk                 | format                                   |
//! |-------------------------------------|------------------------------------------|
//! | `A1 B2 C3 D4` / `D4 C3 B2 A1`       | pcap, microseconds (big / little endian) |
//! | `A1 B2 3C 4D` / `4D 3C B2 A1`       | pcap, nanoseconds (big / little endian)  |
//! | `A1 B2 CD 34` / `34 CD B2 A1`       | modified (Kuznetsov) pcap                |
//! | `0A 0D 0D 0A`                       | pcapng (section header block)            |
//! | `47 4D 42 55` (`GMBU`)              | Network Monitor 2.x                      |
//! | `52 54 53 53` (`RTSS`)              | Network Monitor 1.x                      |
//! | `73 6E 6F 6F 70 00 00 00` (`snoop`) | Solaris snoop                            |
//!
//! Anything else is [`CaptureError::NotACapture`] (or [`CaptureError::NotACaptureInside`] when it
//! was compressed), quoting the first (up to 8) bytes in hex and as text, so a user who fed an HTML
//! page or a text log sees it at once. The readers themselves live in the `pcap`, `pcapng`, `netmon`
//! and `snoop` modules beside this one; all stream through one 1 MiB buffer (see `stream`), so
//! memory never depends on the file size.
//!
//! Must not: decode anything inside a frame.

use std::fs::File;
use std::io::{Cursor, Read};
use std::path::Path;

use super::codec::{self, Compression};
use super::netmon::NetMonReader;
use super::pcap::PcapReader;
use super::pcapng::PcapNgReader;
use super::snoop::SnoopReader;
use super::stream::ByteStream;
use super::{CaptureError, Format, Input, PacketSource};

/// How many leading bytes a [`CaptureError::NotACapture`] message quotes (and detection reads).
const QUOTED_BYTES: usize = 8;

/// Opens a capture file (or standard input), detecting its compression and format from the first
/// bytes.
///
/// # Errors
/// [`CaptureError::NotACapture`] (or `NotACaptureInside`) when the magic bytes match no supported
/// format, [`CaptureError::UnsupportedCompression`] for a compression or archive this tool does not
/// read, [`CaptureError::Io`] when the input cannot be opened or read, and
/// [`CaptureError::Truncated`] / [`CaptureError::Corrupt`] when the file header is cut or malformed.
pub fn open(input: &Input) -> Result<Box<dyn PacketSource>, CaptureError> {
    let name = input.display_name();
    match input {
        Input::Stdin => open_with(name, Box::new(std::io::stdin()), None),
        Input::Path(path) => {
            let file = File::open(path).map_err(|source| CaptureError::Io {
                file: name.clone(),
                source,
            })?;
            open_with(name, Box::new(file), Some(path))
        }
    }
}

/// Opens a capture from any reader (standard input, an in-memory buffer in tests), named `name`
/// in messages. Network Monitor files are then read front to back without their frame table.
///
/// # Errors
/// As [`open`].
pub fn open_reader(name: String, reader: Box<dyn Read>) -> Result<Box<dyn PacketSource>, CaptureError> {
    open_with(name, reader, None)
}

/// The format announced by the first bytes of a file, `None` when none matches.
pub fn detect_format(first_bytes: &[u8]) -> Option<Format> {
    if super::pcap::magic(first_bytes).is_some() {
        Some(Format::Pcap)
    } else if first_bytes.starts_with(&[0x0a, 0x0d, 0x0d, 0x0a]) {
        Some(Format::PcapNg)
    } else if first_bytes.starts_with(b"GMBU") {
        Some(Format::NetMon2)
    } else if first_bytes.starts_with(b"RTSS") {
        Some(Format::NetMon1)
    } else if first_bytes.starts_with(super::snoop::MAGIC) {
        Some(Format::Snoop)
    } else {
        None
    }
}

/// Whether the file at `path` starts like a capture (or a compressed file): its format, or the
/// compression around it; `None` when it is neither or cannot be read. Reads 8 bytes.
pub fn sniff(path: &Path) -> Option<Result<Format, Compression>> {
    let mut first = [0u8; QUOTED_BYTES];
    let mut file = File::open(path).ok()?;
    let mut got = 0;
    while got < first.len() {
        match file.read(first.get_mut(got..)?) {
            Ok(0) => break,
            Ok(n) => got = got.saturating_add(n),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    let first = first.get(..got)?;
    match codec::detect(first) {
        Some(c) => Some(Err(c)),
        None => detect_format(first).map(Ok),
    }
}

/// Renders leading bytes for a message: hex, then the printable text in quotes
/// (`3c 21 44 4f ("<!DO")`), or says the input is empty.
pub fn describe_first_bytes(bytes: &[u8]) -> String {
    let shown = bytes.get(..QUOTED_BYTES).unwrap_or(bytes);
    if shown.is_empty() {
        return "nothing: it is empty".to_string();
    }
    let hex: Vec<String> = shown.iter().map(|b| format!("{b:02x}")).collect();
    let text: String = shown
        .iter()
        .map(|&b| {
            if b.is_ascii_graphic() || b == b' ' {
                char::from(b)
            } else {
                '.'
            }
        })
        .collect();
    format!("{} (\"{}\")", hex.join(" "), text)
}

/// Reads up to `QUOTED_BYTES` bytes; returns them and a reader that still yields them first.
fn peek(name: &str, mut reader: Box<dyn Read>) -> Result<(Vec<u8>, Box<dyn Read>), CaptureError> {
    let mut first = vec![0u8; QUOTED_BYTES];
    let mut got = 0;
    while got < QUOTED_BYTES {
        let Some(space) = first.get_mut(got..) else {
            break;
        };
        match reader.read(space) {
            Ok(0) => break,
            Ok(n) => got = got.saturating_add(n),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(source) => {
                return Err(CaptureError::Io {
                    file: name.to_string(),
                    source,
                })
            }
        }
    }
    first.truncate(got);
    let again: Box<dyn Read> = Box::new(Cursor::new(first.clone()).chain(reader));
    Ok((first, again))
}

fn open_with(
    name: String,
    reader: Box<dyn Read>,
    path: Option<&Path>,
) -> Result<Box<dyn PacketSource>, CaptureError> {
    let (first, reader) = peek(&name, reader)?;
    if let Some(compression) = codec::detect(&first) {
        let decompressed = codec::decompress(compression, reader).map_err(|source| CaptureError::Io {
            file: name.clone(),
            source,
        })?;
        // The frame table of a NetMon file cannot be sought in a compressed one: read it front to back.
        return open_container(name, decompressed, None, Some(compression));
    }
    if let Some((what, advice)) = codec::unsupported(&first) {
        return Err(CaptureError::UnsupportedCompression {
            file: name,
            what,
            advice,
        });
    }
    open_container(name, reader, path, None)
}

/// Chooses the reader for the (decompressed) bytes of `reader`.
fn open_container(
    name: String,
    reader: Box<dyn Read>,
    path: Option<&Path>,
    compression: Option<Compression>,
) -> Result<Box<dyn PacketSource>, CaptureError> {
    let mut stream = ByteStream::new(reader);
    // Look at up to QUOTED_BYTES bytes; a shorter file is fine, it just cannot match or is cut.
    stream.fill(QUOTED_BYTES).map_err(|source| CaptureError::Io {
        file: name.clone(),
        source,
    })?;
    let first = stream.buffered();
    match detect_format(first) {
        Some(Format::Pcap) => Ok(Box::new(PcapReader::new(stream, name)?)),
        Some(Format::PcapNg) => Ok(Box::new(PcapNgReader::new(stream, name))),
        Some(Format::NetMon1 | Format::NetMon2) => Ok(Box::new(NetMonReader::new(stream, name, path)?)),
        Some(Format::Snoop) => Ok(Box::new(SnoopReader::new(stream, name)?)),
        None => {
            let first_bytes = describe_first_bytes(first);
            Err(match compression {
                Some(compression) => CaptureError::NotACaptureInside {
                    file: name,
                    compression,
                    first_bytes,
                },
                None => CaptureError::NotACapture {
                    file: name,
                    first_bytes,
                },
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn open_bytes(bytes: &[u8]) -> Result<Box<dyn PacketSource>, CaptureError> {
        open_reader("mem".into(), Box::new(Cursor::new(bytes.to_vec())))
    }

    #[test]
    fn detects_every_magic_and_nothing_else() {
        for (magic, fmt) in [
            ([0xa1, 0xb2, 0xc3, 0xd4], Format::Pcap),
            ([0xd4, 0xc3, 0xb2, 0xa1], Format::Pcap),
            ([0xa1, 0xb2, 0x3c, 0x4d], Format::Pcap),
            ([0x4d, 0x3c, 0xb2, 0xa1], Format::Pcap),
            ([0x0a, 0x0d, 0x0d, 0x0a], Format::PcapNg),
            ([0xa1, 0xb2, 0xcd, 0x34], Format::Pcap),
            ([0x34, 0xcd, 0xb2, 0xa1], Format::Pcap),
            (*b"GMBU", Format::NetMon2),
            (*b"RTSS", Format::NetMon1),
        ] {
            assert_eq!(detect_format(&magic), Some(fmt));
        }
        assert_eq!(detect_format(b"snoop\0\0\0"), Some(Format::Snoop));
        assert_eq!(detect_format(b"snoop\0\0"), None);
        assert_eq!(detect_format(b"XTSS"), None);
        assert_eq!(detect_format(&[0xa1, 0xb2, 0xc3]), None);
    }

    #[test]
    fn html_is_not_a_capture_and_the_message_quotes_it() {
        let err = open_bytes(b"<!DOCTYPE html>\n<html>").err().unwrap();
        let msg = err.to_string();
        assert!(matches!(err, CaptureError::NotACapture { .. }));
        assert!(msg.contains("3c 21 44 4f 43 54 59 50 (\"<!DOCTYP\")"), "{msg}");
        assert!(msg.starts_with("mem is not a capture file"), "{msg}");
    }

    #[test]
    fn compressed_inputs_are_opened_and_named() {
        let mut pcap = vec![
            0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 1, 0, 0, 0,
        ];
        pcap.extend([1, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 3, 0, 0, 0, b'a', b'b', b'c']);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, &pcap).unwrap();
        let mut src = open_bytes(&gz.finish().unwrap()).unwrap();
        assert_eq!(src.next_packet().unwrap().unwrap().data, b"abc");
        assert!(src.next_packet().unwrap().is_none());

        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, b"<html>hello</html>").unwrap();
        let msg = open_bytes(&gz.finish().unwrap()).err().unwrap().to_string();
        assert!(
            msg.starts_with("mem is gzip-compressed, but what it holds is not a capture file"),
            "{msg}"
        );
        assert!(msg.contains("(\"<html>he\")"), "{msg}");

        let msg = open_bytes(&[0x04, 0x22, 0x4d, 0x18, 0x64, 0x40])
            .err()
            .unwrap()
            .to_string();
        assert_eq!(
            msg,
            "mem is lz4, which smtpscope does not read: decompress it first (`lz4 -d`)"
        );
    }

    #[test]
    fn empty_and_tiny_inputs() {
        let msg = open_bytes(b"").err().unwrap().to_string();
        assert!(msg.contains("empty"), "{msg}");
        assert_eq!(describe_first_bytes(&[0x00, 0x41, 0xff]), "00 41 ff (\".A.\")");
        assert!(matches!(
            open_bytes(&[0xd4, 0xc3]),
            Err(CaptureError::NotACapture { .. })
        ));
    }

    #[test]
    fn cut_file_headers_are_truncated() {
        assert!(matches!(
            open_bytes(&[0xd4, 0xc3, 0xb2, 0xa1, 2, 0]),
            Err(CaptureError::Truncated { frame: 1, .. })
        ));
        assert!(matches!(
            open_bytes(b"GMBU\x00\x02"),
            Err(CaptureError::Truncated { frame: 1, .. })
        ));
    }
}
