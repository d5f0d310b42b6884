//! Reader for Solaris snoop captures (RFC 1761), including the Shomiti/Finisar Surveyor flavour.
//!
//! Owns turning snoop records into [`Packet`]s. Format facts relied on (RFC 1761, "Snoop Version 2
//! Packet Capture File Format"), every field big-endian:
//!
//! - File header, 16 bytes: the identification pattern `snoop\0\0\0` (8), version (4: 2 for Solaris
//!   snoop; 3 to 5 are written by Shomiti Surveyor with its own hardware), datalink type (4).
//! - Datalink types are DLPI's `DL_*` values: 4 (`DL_ETHER`) is Ethernet, and 0 (`DL_CSMACD`,
//!   IEEE 802.3) carries Ethernet framing too; both are read as Ethernet. Other media (Token Ring,
//!   FDDI, ATM, Solaris's `ipnet`, …) are not decoded by this tool and their records are skipped
//!   (`unsupported_media`), as NetMon's are.
//! - Record, 24-byte header: original length (4), included length (4), record length (4:
//!   header + data + padding to a 4-byte boundary; Surveyor puts a trailer in the padding, which
//!   is skipped), cumulative drops (4: frames the capturing host dropped since the capture began),
//!   seconds (4) and microseconds (4) since 1970. The data follows, then the padding.
//!
//! Contract: as [`super::PacketSource`] says. The last record's cumulative drops become
//! [`CaptureStats::dropped_by_capture`] (when any is non-zero). A record whose included length is 0
//! is skipped (`zero_length`); one longer than [`MAX_RECORD_LEN`], or whose record length is shorter
//! than its header and data or longer than header, data and [`MAX_PADDING`], is corrupt.
//! Must not: interpret the frame data.

use super::stream::{ByteStream, Endian, ReaderState};
use super::{CaptureError, CaptureStats, Format, LinkType, Packet, PacketSource, Timestamp, MAX_RECORD_LEN};

/// The identification pattern at the start of every snoop file.
pub(crate) const MAGIC: &[u8; 8] = b"snoop\0\0\0";
/// Size of the file header.
const FILE_HEADER_LEN: usize = 16;
/// Size of a record header.
const RECORD_HEADER_LEN: usize = 24;
/// Most padding (and trailer) after a record's data that is believed: Surveyor's trailer is 16
/// bytes, alignment adds at most 3; more is a broken record length.
pub(crate) const MAX_PADDING: u32 = 1024;

const BE: Endian = Endian::Big;

/// The link type of a snoop datalink type, `None` for the media this tool does not decode.
pub(crate) fn link_type(datalink: u32) -> Option<LinkType> {
    matches!(datalink, 0 | 4).then_some(LinkType::ETHERNET)
}

/// Streams the records of a snoop file.
pub(crate) struct SnoopReader {
    stream: ByteStream,
    state: ReaderState,
    link: Option<LinkType>,
}

impl SnoopReader {
    /// Reads the file header from `stream` (positioned at the start of the file).
    pub(crate) fn new(mut stream: ByteStream, name: String) -> Result<Self, CaptureError> {
        let mut state = ReaderState::new(name);
        if !stream.fill(FILE_HEADER_LEN).map_err(|e| state.io(e))? {
            return Err(state.truncated(0, "snoop file header"));
        }
        let head = stream.peek(FILE_HEADER_LEN).unwrap_or(&[]);
        if head.get(..8) != Some(&MAGIC[..]) {
            return Err(state.corrupt(0, "snoop file header"));
        }
        let (Some(version), Some(datalink)) = (BE.u32(head, 8), BE.u32(head, 12)) else {
            return Err(state.corrupt(0, "snoop file header"));
        };
        if !(2..=5).contains(&version) {
            return Err(state.corrupt(
                0,
                format!("snoop file header (version {version}; versions 2 to 5 exist)"),
            ));
        }
        stream.consume(FILE_HEADER_LEN);
        Ok(SnoopReader {
            stream,
            state,
            link: link_type(datalink),
        })
    }
}

impl PacketSource for SnoopReader {
    fn next_packet(&mut self) -> Result<Option<Packet<'_>>, CaptureError> {
        loop {
            if self.state.finished {
                return Ok(None);
            }
            let at = self.stream.offset();
            let st = &mut self.state;
            if !self.stream.fill(RECORD_HEADER_LEN).map_err(|e| st.io(e))? {
                if self.stream.buffered().is_empty() {
                    st.finished = true;
                    return Ok(None);
                }
                return Err(st.truncated(at, "snoop record header"));
            }
            let head = self.stream.peek(RECORD_HEADER_LEN).unwrap_or(&[]);
            let field = |i: usize| BE.u32(head, i.saturating_mul(4));
            let (Some(orig_len), Some(incl_len), Some(rec_len), Some(drops), Some(secs), Some(usecs)) =
                (field(0), field(1), field(2), field(3), field(4), field(5))
            else {
                return Err(st.corrupt(at, "snoop record header"));
            };
            if incl_len > MAX_RECORD_LEN {
                return Err(st.corrupt(
                    at,
                    format!("snoop record header (included length {incl_len} exceeds {MAX_RECORD_LEN})"),
                ));
            }
            let least = (RECORD_HEADER_LEN as u32).saturating_add(incl_len);
            if rec_len < least || rec_len > least.saturating_add(MAX_PADDING) {
                return Err(st.corrupt(
                    at,
                    format!("snoop record header (record length {rec_len} for {incl_len} bytes of data)"),
                ));
            }
            let total = rec_len as usize;
            if !self.stream.fill(total).map_err(|e| st.io(e))? {
                return Err(st.truncated(at, format!("snoop record of {rec_len} bytes")));
            }
            self.stream.consume(total);
            if drops > 0 {
                st.stats.dropped_by_capture = Some(u64::from(drops));
            }
            if incl_len == 0 {
                st.skip_record("zero_length");
                continue;
            }
            let Some(link) = self.link else {
                st.skip_record("unsupported_media");
                continue;
            };
            let data_len = incl_len as usize;
            let frame = st.deliver_record(data_len);
            let nanos = usecs.checked_rem(1_000_000).unwrap_or(0).saturating_mul(1000);
            let carry = i64::from(usecs / 1_000_000);
            return Ok(Some(Packet {
                frame,
                interface: 0,
                ts: Timestamp::new(i64::from(secs).saturating_add(carry), nanos),
                link,
                orig_len,
                data: self.stream.consumed_slice(total, RECORD_HEADER_LEN, data_len),
            }));
        }
    }

    fn stats(&self) -> &CaptureStats {
        &self.state.stats
    }

    fn format(&self) -> Format {
        Format::Snoop
    }
}

#[cfg(test)]
mod tests {
    use super::super::stream::{drain, Drained};
    use super::*;
    use std::io::Cursor;

    fn header(version: u32, datalink: u32) -> Vec<u8> {
        let mut v = MAGIC.to_vec();
        v.extend(version.to_be_bytes());
        v.extend(datalink.to_be_bytes());
        v
    }

    /// A record with its data padded to 4 bytes, plus `extra` bytes of trailer.
    fn record(secs: u32, usecs: u32, data: &[u8], drops: u32, extra: usize) -> Vec<u8> {
        let padded = data.len().div_ceil(4) * 4 + extra;
        let mut v = Vec::new();
        for x in [
            data.len() as u32 + 4,
            data.len() as u32,
            (24 + padded) as u32,
            drops,
            secs,
            usecs,
        ] {
            v.extend(x.to_be_bytes());
        }
        v.extend_from_slice(data);
        v.resize(24 + padded, 0xaa);
        v
    }

    fn read_all(bytes: Vec<u8>) -> Drained {
        let mut r = SnoopReader::new(ByteStream::new(Box::new(Cursor::new(bytes))), "t".into()).unwrap();
        assert_eq!(r.format(), Format::Snoop);
        drain(&mut r)
    }

    #[test]
    fn byte_literal_file() {
        let f: Vec<u8> = [
            &b"snoop\0\0\0"[..],
            &[0, 0, 0, 2, 0, 0, 0, 4],
            // orig 9, incl 5, record 32, drops 0, 1000000000 s, 250000 µs
            &[0, 0, 0, 9, 0, 0, 0, 5, 0, 0, 0, 32, 0, 0, 0, 0],
            &[0x3b, 0x9a, 0xca, 0x00, 0, 3, 0xd0, 0x90],
            b"hello\0\0\0",
        ]
        .concat();
        let (pk, err, stats) = read_all(f);
        assert!(err.is_none());
        assert_eq!(
            pk,
            vec![(
                1,
                Timestamp::new(1_000_000_000, 250_000_000),
                9,
                b"hello".to_vec()
            )]
        );
        assert_eq!(stats.dropped_by_capture, None);
    }

    #[test]
    fn shomiti_trailers_and_drops() {
        let mut f = header(3, 0);
        f.extend(record(5, 1, b"abcdef", 0, 16));
        f.extend(record(6, 2, b"gh", 7, 0));
        let (pk, err, stats) = read_all(f);
        assert!(err.is_none());
        assert_eq!(pk.len(), 2);
        assert_eq!(pk[1].3, b"gh");
        assert_eq!(pk[1].1, Timestamp::new(6, 2_000));
        assert_eq!(stats.dropped_by_capture, Some(7));
    }

    #[test]
    fn other_media_are_skipped_and_bad_headers_refused() {
        let mut f = header(2, 8); // FDDI
        f.extend(record(1, 0, b"fddi", 0, 0));
        let mut r = SnoopReader::new(ByteStream::new(Box::new(Cursor::new(f))), "t".into()).unwrap();
        assert!(r.next_packet().unwrap().is_none());
        assert_eq!(r.stats().skipped.get("unsupported_media"), Some(&1));
        let open = |b: Vec<u8>| SnoopReader::new(ByteStream::new(Box::new(Cursor::new(b))), "t".into());
        assert!(matches!(open(header(1, 4)), Err(CaptureError::Corrupt { .. })));
        assert!(matches!(
            open(header(2, 4)[..10].to_vec()),
            Err(CaptureError::Truncated { .. })
        ));
    }

    #[test]
    fn wild_lengths_are_corrupt() {
        for (incl, rec) in [
            (MAX_RECORD_LEN + 1, 0),
            (8, 24 + 4),
            (4, 24 + 4 + MAX_PADDING + 4),
        ] {
            let mut f = header(2, 4);
            let mut r = record(1, 0, b"abcd", 0, 0);
            r[4..8].copy_from_slice(&incl.to_be_bytes());
            if rec > 0 {
                r[8..12].copy_from_slice(&rec.to_be_bytes());
            }
            f.extend(r);
            let (pk, err, _) = read_all(f);
            assert!(pk.is_empty());
            assert!(
                matches!(
                    err,
                    Some(CaptureError::Corrupt {
                        frame: 1,
                        offset: 16,
                        ..
                    })
                ),
                "{incl}/{rec}: {err:?}"
            );
        }
    }

    #[test]
    fn every_cut_yields_a_prefix_and_names_the_frame() {
        let mut full = header(2, 4);
        full.extend(record(1, 0, b"first", 0, 0));
        full.extend(record(2, 0, b"second!", 0, 0));
        let ends = [16 + 24 + 8, 16 + 24 + 8 + 24 + 8];
        for cut in FILE_HEADER_LEN..full.len() {
            let (pk, err, _) = read_all(full[..cut].to_vec());
            let n = ends.iter().filter(|&&e| e <= cut).count();
            assert_eq!(pk.len(), n, "cut {cut}");
            if ends.contains(&cut) || cut == FILE_HEADER_LEN {
                assert!(err.is_none(), "cut {cut}: {err:?}");
            } else {
                assert!(
                    matches!(err, Some(CaptureError::Truncated { frame, .. }) if frame == n as u64 + 1),
                    "cut {cut}: {err:?}"
                );
            }
        }
    }
}
