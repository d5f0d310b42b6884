//! Reader for the classic libpcap format (`.pcap`), either byte order, micro- or nanosecond timestamps.
//!
//! Owns turning pcap records into [`Packet`]s. Format facts relied on (libpcap's `pcap-savefile(5)`
//! and the IETF draft "PCAP Capture File Format", draft-ietf-opsawg-pcap):
//!
//! - File header, 24 bytes: magic (4), version major (2), minor (2), reserved/thiszone (4),
//!   reserved/sigfigs (4), snaplen (4), LinkType-and-FCS (4), all in the writer's byte order.
//! - Magic `0xA1B2C3D4` means microsecond timestamps, `0xA1B23C4D` nanosecond ones; read in the
//!   other byte order (`D4 C3 B2 A1`, `4D 3C B2 A1` first on disk) they announce a little-endian
//!   file.
//! - The LinkType field's low 16 bits are the link type; the upper bits carry the FCS length
//!   (bits 28-31) and reserved bits, which are ignored here.
//! - Record header, 16 bytes: seconds (4), micro/nanoseconds (4), captured length (4), original
//!   length (4), then the captured bytes; records follow each other with no padding.
//!
//! Contract: as [`super::PacketSource`] says. A record whose captured length is 0 is skipped
//! (`zero_length`); one longer than the snap length but not than [`MAX_RECORD_LEN`] is skipped
//! (`over_snaplen`); longer is corrupt. A snap length of 0 (some writers) means no limit.
//!
//! Parsing is by hand over the fixed-layout headers, with checked reads, rather than through the
//! `pcap-parser` crate: the layout is two fixed headers, and owning the buffer lets a packet borrow
//! straight from it without a copy. Must not: interpret the frame data.

use super::stream::{ByteStream, Endian, ReaderState};
use super::{CaptureError, CaptureStats, Format, LinkType, Packet, PacketSource, Timestamp, MAX_RECORD_LEN};

/// Size of the pcap file header.
pub(crate) const FILE_HEADER_LEN: usize = 24;
/// Size of a pcap record header.
const RECORD_HEADER_LEN: usize = 16;

/// What the file header says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PcapHeader {
    /// Byte order of every field.
    pub(crate) endian: Endian,
    /// Timestamp fraction units per second (1e6 or 1e9).
    pub(crate) units_per_sec: u32,
    /// Largest captured length the writer promised (0 = unlimited).
    pub(crate) snaplen: u32,
    /// Link type of every record.
    pub(crate) link: LinkType,
}

/// Recognises a pcap magic number; returns the byte order and timestamp units.
pub(crate) fn magic(bytes: &[u8]) -> Option<(Endian, u32)> {
    match bytes.get(..4)? {
        [0xa1, 0xb2, 0xc3, 0xd4] => Some((Endian::Big, 1_000_000)),
        [0xd4, 0xc3, 0xb2, 0xa1] => Some((Endian::Little, 1_000_000)),
        [0xa1, 0xb2, 0x3c, 0x4d] => Some((Endian::Big, 1_000_000_000)),
        [0x4d, 0x3c, 0xb2, 0xa1] => Some((Endian::Little, 1_000_000_000)),
        _ => None,
    }
}

/// Parses the 24-byte file header; `None` when it is short or the magic is not pcap's.
pub(crate) fn parse_file_header(bytes: &[u8]) -> Option<PcapHeader> {
    let (endian, units_per_sec) = magic(bytes)?;
    let snaplen = endian.u32(bytes, 16)?;
    let link_field = endian.u32(bytes, 20)?;
    Some(PcapHeader {
        endian,
        units_per_sec,
        snaplen,
        link: LinkType(link_field & 0xffff),
    })
}

/// Builds a timestamp from whole seconds and a fraction counted in `units_per_sec` (1e6 or 1e9).
///
/// A fraction of a second or more (out of spec, but seen in the wild) carries into the seconds.
pub(crate) fn timestamp(secs: u32, frac: u32, units_per_sec: u32) -> Timestamp {
    let units = units_per_sec.max(1);
    let carry = frac.checked_div(units).unwrap_or(0);
    let nanos_per_unit = 1_000_000_000u32.checked_div(units).unwrap_or(1);
    let nanos = frac
        .checked_rem(units)
        .unwrap_or(0)
        .saturating_mul(nanos_per_unit);
    Timestamp::new(i64::from(secs).saturating_add(i64::from(carry)), nanos)
}

/// Streams the records of a pcap file.
pub(crate) struct PcapReader {
    stream: ByteStream,
    state: ReaderState,
    header: PcapHeader,
    /// Records longer than this are skipped as `over_snaplen`.
    snap_limit: u32,
}

impl PcapReader {
    /// Reads the file header from `stream` (positioned at the start of the file).
    pub(crate) fn new(mut stream: ByteStream, name: String) -> Result<Self, CaptureError> {
        let mut state = ReaderState::new(name);
        if !stream.fill(FILE_HEADER_LEN).map_err(|e| state.io(e))? {
            return Err(state.truncated(0, "pcap file header"));
        }
        let header = stream
            .peek(FILE_HEADER_LEN)
            .and_then(parse_file_header)
            .ok_or_else(|| state.corrupt(0, "pcap file header"))?;
        stream.consume(FILE_HEADER_LEN);
        let snap_limit = if header.snaplen == 0 {
            MAX_RECORD_LEN
        } else {
            header.snaplen
        };
        Ok(PcapReader {
            stream,
            state,
            header,
            snap_limit,
        })
    }
}

impl PacketSource for PcapReader {
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
                return Err(st.truncated(at, "pcap record header"));
            }
            let e = self.header.endian;
            let head = self.stream.peek(RECORD_HEADER_LEN).unwrap_or(&[]);
            let (Some(secs), Some(frac), Some(incl_len), Some(orig_len)) =
                (e.u32(head, 0), e.u32(head, 4), e.u32(head, 8), e.u32(head, 12))
            else {
                return Err(st.corrupt(at, "pcap record header"));
            };
            if incl_len > MAX_RECORD_LEN {
                return Err(st.corrupt(
                    at,
                    format!("pcap record header (captured length {incl_len} exceeds {MAX_RECORD_LEN})"),
                ));
            }
            let data_len = incl_len as usize;
            let total = RECORD_HEADER_LEN.saturating_add(data_len);
            if !self.stream.fill(total).map_err(|e| st.io(e))? {
                return Err(st.truncated(at, format!("pcap record of {incl_len} bytes")));
            }
            self.stream.consume(total);
            if incl_len == 0 {
                st.skip_record("zero_length");
                continue;
            }
            if incl_len > self.snap_limit {
                st.skip_record("over_snaplen");
                continue;
            }
            let frame = st.deliver_record(data_len);
            return Ok(Some(Packet {
                frame,
                ts: timestamp(secs, frac, self.header.units_per_sec),
                link: self.header.link,
                orig_len,
                data: self.stream.consumed_slice(total, RECORD_HEADER_LEN, data_len),
            }));
        }
    }

    fn stats(&self) -> &CaptureStats {
        &self.state.stats
    }

    fn format(&self) -> Format {
        Format::Pcap
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn header(magic: [u8; 4], big: bool, snaplen: u32, link: u32) -> Vec<u8> {
        let mut v = magic.to_vec();
        let put16 = |v: &mut Vec<u8>, x: u16| v.extend(if big { x.to_be_bytes() } else { x.to_le_bytes() });
        let put32 = |v: &mut Vec<u8>, x: u32| v.extend(if big { x.to_be_bytes() } else { x.to_le_bytes() });
        put16(&mut v, 2);
        put16(&mut v, 4);
        put32(&mut v, 0);
        put32(&mut v, 0);
        put32(&mut v, snaplen);
        put32(&mut v, link);
        v
    }

    fn record(big: bool, secs: u32, frac: u32, data: &[u8], orig: u32) -> Vec<u8> {
        let mut v = Vec::new();
        for x in [secs, frac, data.len() as u32, orig] {
            v.extend(if big { x.to_be_bytes() } else { x.to_le_bytes() });
        }
        v.extend_from_slice(data);
        v
    }

    fn reader(bytes: Vec<u8>) -> Result<PcapReader, CaptureError> {
        PcapReader::new(ByteStream::new(Box::new(Cursor::new(bytes))), "t".into())
    }

    #[test]
    fn little_endian_microsecond_header_and_record() {
        let h = [
            0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 1, 0, 0, 0,
        ];
        let parsed = parse_file_header(&h).unwrap();
        assert_eq!(parsed.endian, Endian::Little);
        assert_eq!(parsed.units_per_sec, 1_000_000);
        assert_eq!(parsed.snaplen, 65535);
        assert_eq!(parsed.link, LinkType::ETHERNET);

        let mut f = h.to_vec();
        f.extend(record(false, 1_000_000_000, 250_000, b"abc", 60));
        let mut r = reader(f).unwrap();
        let p = r.next_packet().unwrap().unwrap();
        assert_eq!((p.frame, p.orig_len, p.data), (1, 60, &b"abc"[..]));
        assert_eq!(p.ts, Timestamp::new(1_000_000_000, 250_000_000));
        assert!(r.next_packet().unwrap().is_none());
        assert_eq!(r.format(), Format::Pcap);
    }

    #[test]
    fn big_endian_nanosecond_header_and_record() {
        let mut f = header([0xa1, 0xb2, 0x3c, 0x4d], true, 0, 276);
        let h = parse_file_header(&f).unwrap();
        assert_eq!(
            (h.endian, h.units_per_sec, h.link),
            (Endian::Big, 1_000_000_000, LinkType::LINUX_SLL2)
        );
        f.extend(record(true, 5, 123_456_789, b"xy", 2));
        let mut r = reader(f).unwrap();
        let p = r.next_packet().unwrap().unwrap();
        assert_eq!(p.ts, Timestamp::new(5, 123_456_789));
        assert_eq!(p.link, LinkType::LINUX_SLL2);
    }

    #[test]
    fn other_two_magics() {
        assert_eq!(magic(&[0xa1, 0xb2, 0xc3, 0xd4]), Some((Endian::Big, 1_000_000)));
        assert_eq!(
            magic(&[0x4d, 0x3c, 0xb2, 0xa1]),
            Some((Endian::Little, 1_000_000_000))
        );
        assert_eq!(magic(&[0x0a, 0x0d, 0x0d, 0x0a]), None);
        assert_eq!(magic(&[0xa1, 0xb2]), None);
    }

    #[test]
    fn linktype_fcs_bits_are_masked() {
        let h = header(
            [0xd4, 0xc3, 0xb2, 0xa1],
            false,
            65535,
            0x1000_0000 | 0x2000_0000 | 1,
        );
        assert_eq!(parse_file_header(&h).unwrap().link, LinkType::ETHERNET);
    }

    #[test]
    fn fraction_overflow_carries_into_seconds() {
        assert_eq!(timestamp(1, 1_500_000, 1_000_000), Timestamp::new(2, 500_000_000));
        assert_eq!(
            timestamp(u32::MAX, u32::MAX, 1_000_000_000).secs,
            u32::MAX as i64 + 4
        );
    }

    #[test]
    fn zero_length_and_over_snaplen_records_are_skipped_in_sync() {
        let mut f = header([0xd4, 0xc3, 0xb2, 0xa1], false, 4, 1);
        f.extend(record(false, 1, 0, b"", 0));
        f.extend(record(false, 2, 0, b"too long", 8));
        f.extend(record(false, 3, 0, b"ok", 2));
        let mut r = reader(f).unwrap();
        let p = r.next_packet().unwrap().unwrap();
        assert_eq!((p.frame, p.data), (3, &b"ok"[..]));
        assert!(r.next_packet().unwrap().is_none());
        assert_eq!(r.stats().skipped.get("zero_length"), Some(&1));
        assert_eq!(r.stats().skipped.get("over_snaplen"), Some(&1));
        assert_eq!(r.stats().packets, 1);
        assert_eq!(r.stats().bytes, 2);
    }

    #[test]
    fn absurd_length_is_corrupt_and_finishes() {
        let mut f = header([0xd4, 0xc3, 0xb2, 0xa1], false, 0, 1);
        f.extend(record(false, 1, 0, b"a", 1));
        let mut bad = record(false, 1, 0, b"", 0);
        bad[8..12].copy_from_slice(&(MAX_RECORD_LEN + 1).to_le_bytes());
        f.extend(bad);
        let mut r = reader(f).unwrap();
        assert!(r.next_packet().unwrap().is_some());
        match r.next_packet() {
            Err(CaptureError::Corrupt {
                frame: 2, offset: 41, ..
            }) => {}
            other => panic!("unexpected {other:?}"),
        }
        assert!(r.next_packet().unwrap().is_none());
    }

    #[test]
    fn cut_header_and_cut_record_are_truncated() {
        let h = header([0xd4, 0xc3, 0xb2, 0xa1], false, 0, 1);
        assert!(matches!(
            reader(h[..20].to_vec()),
            Err(CaptureError::Truncated {
                frame: 1,
                offset: 0,
                ..
            })
        ));
        let mut f = h.clone();
        f.extend(record(false, 1, 0, b"abcd", 4));
        for cut in [f.len() - 1, 24 + 10] {
            let mut r = reader(f[..cut].to_vec()).unwrap();
            match r.next_packet() {
                Err(CaptureError::Truncated {
                    frame: 1, offset: 24, ..
                }) => {}
                other => panic!("unexpected {other:?}"),
            }
            assert!(r.next_packet().unwrap().is_none());
        }
        let mut r = reader(h).unwrap();
        assert!(r.next_packet().unwrap().is_none());
    }
}
