//! Reader for Microsoft Network Monitor capture files (`.cap`): version 2.x (magic `GMBU`) and
//! version 1.x (magic `RTSS`).
//!
//! Owns turning NetMon frames into [`Packet`]s. Format facts relied on (Microsoft's Network Monitor
//! documentation: `CAPTUREFILE_HEADER_VALUES` in Netmon.h and the "Network Monitor Capture File
//! Format" document shipped with Network Monitor 3.x; for 1.x, the same header with the `RTSS`
//! signature and the shorter frame header Network Monitor 1.x wrote), all fields little-endian:
//!
//! - File header (72 bytes used here; writers pad it, editcap to 128): signature `GMBU` or `RTSS`
//!   (4), BCD minor version (1), BCD major version (1: 2 with `GMBU`, 1 with `RTSS`), MAC type (2),
//!   capture start time as a
//!   `SYSTEMTIME` (8 × u16: year, month, day of week, day, hour, minute, second, millisecond;
//!   taken as UTC), frame table offset (4) and length in bytes (4), then user data, comment,
//!   statistics, network info and conversation statistics offset/length pairs (unused here).
//! - The frame table is an array of u32 file offsets, one per frame, in frame order.
//! - A 1.x frame: time offset from the capture start in milliseconds (u32), length on the wire
//!   (u16), captured length (u16), the captured bytes; no trailer, and the header's MAC type for
//!   every frame.
//! - A 2.x frame: time offset from the capture start in microseconds (u64), length on the wire (u32),
//!   captured length (u32), the captured bytes, then for version 2.1 and later a trailer: 2.1 has
//!   the frame's media type (u16); 2.2 adds a process-info index (u32); 2.3 and later add a UTC
//!   FILETIME (u64) and a time-zone index (u8), 15 bytes in all.
//! - Media types: 1 is Ethernet; the others (Token Ring, FDDI, ATM, 802.11 with NetMon's own radio
//!   header, NetMon's pseudo-frames for events and network information, …) are not decoded by this
//!   tool and those frames are skipped (`unsupported_media`).
//!
//! Frame time = capture start + the frame's time offset; the 2.3 per-frame FILETIME is not used
//! (it is documented as valid only under conditions the format leaves ambiguous, and start +
//! offset is what every 2.x version has).
//!
//! Contract: as [`super::PacketSource`] says. Frames are streamed: with a path, the frame table is
//! read in small chunks through a second handle and each frame is found by skipping forward to its
//! offset (a table pointing backwards is corrupt); without one (standard input), or when the file
//! is cut before its table, frames are read back to back from offset 128 (the header size writers
//! use) for as many frames as the table length announces. A frame of captured length 0 is skipped
//! (`zero_length`); longer than [`MAX_RECORD_LEN`] is corrupt; missing frames are a truncation.
//! Must not: interpret the frame data.

use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use super::stream::{ByteStream, Endian, ReaderState};
use super::{CaptureError, CaptureStats, Format, LinkType, Packet, PacketSource, Timestamp, MAX_RECORD_LEN};

/// Bytes of the file header this reader uses.
pub(crate) const HEADER_LEN: usize = 72;
/// Where frames start when the frame table cannot be used (the header size writers use).
const SEQUENTIAL_FIRST_FRAME: u64 = 128;
/// Size of the fixed part of a 2.x frame.
const FRAME_HEADER_LEN: usize = 16;
/// Size of the fixed part of a 1.x frame.
const FRAME_HEADER_LEN_V1: usize = 8;
/// NetMon media type for Ethernet.
const MEDIA_ETHERNET: u16 = 1;

const LE: Endian = Endian::Little;

/// What the file header says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct NetMonHeader {
    /// Major version (1 or 2).
    pub(crate) major: u8,
    /// Minor version (BCD-decoded).
    pub(crate) minor: u8,
    /// Media type of frames without a per-frame one.
    pub(crate) mac_type: u16,
    /// The capture start time.
    pub(crate) start: Timestamp,
    /// File offset of the frame table.
    pub(crate) table_offset: u32,
    /// Length of the frame table in bytes (4 per frame).
    pub(crate) table_len: u32,
}

impl NetMonHeader {
    /// Number of frames the table announces.
    pub(crate) fn frame_count(&self) -> u64 {
        u64::from(self.table_len / 4)
    }

    /// Size of the per-frame trailer for this version.
    pub(crate) fn trailer_len(&self) -> usize {
        match (self.major, self.minor) {
            (1, _) | (_, 0) => 0,
            (_, 1) => 2,
            (_, 2) => 6,
            _ => 15,
        }
    }

    /// Size of the fixed part of a frame for this version.
    fn frame_header_len(&self) -> usize {
        if self.major == 1 {
            FRAME_HEADER_LEN_V1
        } else {
            FRAME_HEADER_LEN
        }
    }

    /// The container format.
    fn format(&self) -> Format {
        if self.major == 1 {
            Format::NetMon1
        } else {
            Format::NetMon2
        }
    }
}

/// Days from 1970-01-01 to the given proleptic Gregorian date (month 1-12); `None` on overflow.
fn days_from_civil(year: i64, month: u32, day: u32) -> Option<i64> {
    let y = if month <= 2 { year.checked_sub(1)? } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(month);
    let mp = if m > 2 {
        m.checked_sub(3)?
    } else {
        m.checked_add(9)?
    };
    let doy = mp
        .checked_mul(153)?
        .checked_add(2)?
        .checked_div(5)?
        .checked_add(i64::from(day))?
        .checked_sub(1)?;
    let doe = yoe
        .checked_mul(365)?
        .checked_add(yoe.checked_div(4)?)?
        .checked_sub(yoe.checked_div(100)?)?
        .checked_add(doy)?;
    era.checked_mul(146_097)?.checked_add(doe)?.checked_sub(719_468)
}

/// Converts a `SYSTEMTIME` (16 bytes) to a timestamp; `None` when a field is out of range.
pub(crate) fn systemtime(bytes: &[u8]) -> Option<Timestamp> {
    let f = |i: usize| LE.u16(bytes, i.checked_mul(2)?);
    let (year, month, day) = (f(0)?, f(1)?, f(3)?);
    let (hour, minute, second, milli) = (f(4)?, f(5)?, f(6)?, f(7)?);
    let valid = (1601..=30827).contains(&year)
        && (1..=12).contains(&month)
        && (1..=31).contains(&day)
        && hour < 24
        && minute < 60
        && second < 60
        && milli < 1000;
    if !valid {
        return None;
    }
    let secs = days_from_civil(i64::from(year), u32::from(month), u32::from(day))?
        .checked_mul(86_400)?
        .checked_add(i64::from(hour).checked_mul(3600)?)?
        .checked_add(i64::from(minute).checked_mul(60)?)?
        .checked_add(i64::from(second))?;
    Some(Timestamp::new(secs, u32::from(milli).saturating_mul(1_000_000)))
}

/// Decodes a BCD byte (`0x23` → 23); `None` when a nibble is not a decimal digit.
fn bcd(b: u8) -> Option<u8> {
    let (hi, lo) = (b >> 4, b & 0x0f);
    (hi < 10 && lo < 10).then(|| hi.saturating_mul(10).saturating_add(lo))
}

/// Parses the file header; `Err` names what is wrong.
pub(crate) fn parse_header(bytes: &[u8]) -> Result<NetMonHeader, &'static str> {
    let signature_major = match bytes.get(..4) {
        Some(b"GMBU") => 2,
        Some(b"RTSS") => 1,
        _ => return Err("NetMon file header (bad signature)"),
    };
    let (Some(&minor), Some(&major)) = (bytes.get(4), bytes.get(5)) else {
        return Err("NetMon file header");
    };
    let (Some(minor), Some(major)) = (bcd(minor), bcd(major)) else {
        return Err("NetMon file header (version is not in BCD)");
    };
    if major != signature_major {
        return Err(if signature_major == 2 {
            "NetMon file header (signature GMBU with a version other than 2.x)"
        } else {
            "NetMon file header (signature RTSS with a version other than 1.x)"
        });
    }
    let mac_type = LE.u16(bytes, 6).ok_or("NetMon file header")?;
    let start = bytes
        .get(8..24)
        .and_then(systemtime)
        .ok_or("NetMon file header (capture start time out of range)")?;
    let table_offset = LE.u32(bytes, 24).ok_or("NetMon file header")?;
    let table_len = LE.u32(bytes, 28).ok_or("NetMon file header")?;
    Ok(NetMonHeader {
        major,
        minor,
        mac_type,
        start,
        table_offset,
        table_len,
    })
}

/// Maps a NetMon media type to a link type; `None` for the ones not decoded.
pub(crate) fn media_link_type(media: u16) -> Option<LinkType> {
    (media == MEDIA_ETHERNET).then_some(LinkType::ETHERNET)
}

/// Where the next frame is.
enum FrameOffsets {
    /// Entries of the frame table, read in chunks from a second handle.
    Table(BufReader<io::Take<File>>),
    /// Frames back to back (no usable table).
    Sequential,
}

/// Opens the frame table of `path` when the whole table is in the file.
fn open_table(path: &Path, header: &NetMonHeader) -> io::Result<Option<BufReader<io::Take<File>>>> {
    let mut file = File::open(path)?;
    let size = file.metadata()?.len();
    let table_end = u64::from(header.table_offset).saturating_add(u64::from(header.table_len));
    if table_end > size {
        return Ok(None);
    }
    file.seek(SeekFrom::Start(u64::from(header.table_offset)))?;
    Ok(Some(BufReader::with_capacity(
        64 * 1024,
        file.take(u64::from(header.table_len)),
    )))
}

/// Streams the frames of a NetMon 1.x or 2.x file.
pub(crate) struct NetMonReader {
    stream: ByteStream,
    state: ReaderState,
    header: NetMonHeader,
    offsets: FrameOffsets,
}

impl NetMonReader {
    /// Reads the header from `stream` (at the start of the file); with `path`, the frame table is
    /// read from that file through a second handle.
    pub(crate) fn new(
        mut stream: ByteStream,
        name: String,
        path: Option<&Path>,
    ) -> Result<Self, CaptureError> {
        let mut state = ReaderState::new(name);
        if !stream.fill(HEADER_LEN).map_err(|e| state.io(e))? {
            return Err(state.truncated(0, "NetMon file header"));
        }
        let header = parse_header(stream.peek(HEADER_LEN).unwrap_or(&[])).map_err(|w| state.corrupt(0, w))?;
        stream.consume(HEADER_LEN);
        let table = match path {
            Some(p) => open_table(p, &header).map_err(|e| state.io(e))?,
            None => None,
        };
        let offsets = table.map_or(FrameOffsets::Sequential, FrameOffsets::Table);
        Ok(NetMonReader {
            stream,
            state,
            header,
            offsets,
        })
    }

    /// File offset of the next frame, `None` when the table is exhausted.
    fn next_offset(&mut self) -> Result<Option<u64>, CaptureError> {
        if self.state.frames >= self.header.frame_count() {
            return Ok(None);
        }
        match &mut self.offsets {
            FrameOffsets::Sequential => Ok(Some(self.stream.offset().max(SEQUENTIAL_FIRST_FRAME))),
            FrameOffsets::Table(table) => {
                let mut entry = [0u8; 4];
                match table.read_exact(&mut entry) {
                    Ok(()) => Ok(Some(u64::from(u32::from_le_bytes(entry)))),
                    Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
                        let at = u64::from(self.header.table_offset);
                        Err(self.state.truncated(at, "NetMon frame table"))
                    }
                    Err(e) => Err(self.state.io(e)),
                }
            }
        }
    }
}

impl PacketSource for NetMonReader {
    fn next_packet(&mut self) -> Result<Option<Packet<'_>>, CaptureError> {
        loop {
            if self.state.finished {
                return Ok(None);
            }
            let Some(at) = self.next_offset()? else {
                self.state.finished = true;
                return Ok(None);
            };
            let st = &mut self.state;
            let pos = self.stream.offset();
            let Some(gap) = at.checked_sub(pos) else {
                return Err(st.corrupt(
                    at,
                    format!("NetMon frame table entry (offset {at} is before {pos})"),
                ));
            };
            if self.stream.skip(gap).map_err(|e| st.io(e))? < gap {
                return Err(st.truncated(at, "NetMon frame (the file ends before it)"));
            }
            let head_len = self.header.frame_header_len();
            if !self.stream.fill(head_len).map_err(|e| st.io(e))? {
                return Err(st.truncated(at, "NetMon frame header"));
            }
            let head = self.stream.peek(head_len).unwrap_or(&[]);
            let fields = if self.header.major == 1 {
                match (LE.u32(head, 0), LE.u16(head, 4), LE.u16(head, 6)) {
                    (Some(ms), Some(wire), Some(cap)) => Some((
                        u64::from(ms).saturating_mul(1000),
                        u32::from(wire),
                        u32::from(cap),
                    )),
                    _ => None,
                }
            } else {
                match (LE.u64(head, 0), LE.u32(head, 8), LE.u32(head, 12)) {
                    (Some(us), Some(wire), Some(cap)) => Some((us, wire, cap)),
                    _ => None,
                }
            };
            let Some((time_offset, wire_len, caplen)) = fields else {
                return Err(st.corrupt(at, "NetMon frame header"));
            };
            if caplen > MAX_RECORD_LEN {
                return Err(st.corrupt(
                    at,
                    format!("NetMon frame header (captured length {caplen} exceeds {MAX_RECORD_LEN})"),
                ));
            }
            let data_len = caplen as usize;
            let trailer = self.header.trailer_len();
            let total = head_len.saturating_add(data_len).saturating_add(trailer);
            if !self.stream.fill(total).map_err(|e| st.io(e))? {
                return Err(st.truncated(at, format!("NetMon frame of {caplen} bytes")));
            }
            let media = if trailer >= 2 {
                LE.u16(
                    self.stream.peek(total).unwrap_or(&[]),
                    head_len.saturating_add(data_len),
                )
                .unwrap_or(self.header.mac_type)
            } else {
                self.header.mac_type
            };
            self.stream.consume(total);
            if caplen == 0 {
                st.skip_record("zero_length");
                continue;
            }
            let Some(link) = media_link_type(media) else {
                st.skip_record("unsupported_media");
                continue;
            };
            let start = self.header.start;
            let secs = start.secs.saturating_add((time_offset / 1_000_000) as i64);
            let nanos = start
                .nanos
                .saturating_add(((time_offset % 1_000_000) as u32).saturating_mul(1000));
            let frame = st.deliver_record(data_len);
            return Ok(Some(Packet {
                frame,
                interface: 0,
                ts: Timestamp::new(secs, nanos),
                link,
                orig_len: wire_len,
                data: self.stream.consumed_slice(total, head_len, data_len),
            }));
        }
    }

    fn stats(&self) -> &CaptureStats {
        &self.state.stats
    }

    fn format(&self) -> Format {
        self.header.format()
    }
}

#[cfg(test)]
mod tests {
    use super::super::stream::{drain, Drained};
    use super::*;
    use std::io::Cursor;

    /// A NetMon 2.`minor` file: 128-byte header, frames back to back, then the frame table.
    fn file(minor: u8, mac: u16, frames: &[(u64, &[u8], u16)]) -> Vec<u8> {
        let mut v = b"GMBU".to_vec();
        v.push(minor);
        v.push(2);
        v.extend(mac.to_le_bytes());
        // 2009-10-05 (Monday) 06:06:07.492
        for x in [2009u16, 10, 1, 5, 6, 6, 7, 492] {
            v.extend(x.to_le_bytes());
        }
        v.resize(128, 0);
        let mut offsets = Vec::new();
        for (off, data, media) in frames {
            offsets.push(v.len() as u32);
            v.extend(off.to_le_bytes());
            v.extend((data.len() as u32 + 4).to_le_bytes());
            v.extend((data.len() as u32).to_le_bytes());
            v.extend_from_slice(data);
            let trailer = match minor {
                0 => 0,
                1 => 2,
                2 => 6,
                _ => 15,
            };
            let mut t = media.to_le_bytes().to_vec();
            t.resize(trailer, 0xee);
            v.extend(&t[..trailer]);
        }
        let table_at = v.len() as u32;
        for o in &offsets {
            v.extend(o.to_le_bytes());
        }
        v[24..28].copy_from_slice(&table_at.to_le_bytes());
        v[28..32].copy_from_slice(&(offsets.len() as u32 * 4).to_le_bytes());
        v
    }

    fn read_all(bytes: Vec<u8>) -> Drained {
        let mut r =
            NetMonReader::new(ByteStream::new(Box::new(Cursor::new(bytes))), "t".into(), None).unwrap();
        drain(&mut r)
    }

    #[test]
    fn header_byte_literal() {
        let h = file(0, 1, &[]);
        let p = parse_header(&h).unwrap();
        assert_eq!((p.major, p.minor, p.mac_type), (2, 0, 1));
        // 2009-10-05T06:06:07.492Z
        assert_eq!(p.start, Timestamp::new(1_254_722_767, 492_000_000));
        assert_eq!((p.table_offset, p.table_len), (128, 0));
    }

    #[test]
    fn bad_headers_are_refused() {
        let mut h = file(0, 1, &[]);
        h[5] = 1;
        assert!(parse_header(&h).is_err());
        let mut h = file(0, 1, &[]);
        h[10] = 13; // month 13
        assert!(parse_header(&h).is_err());
        assert!(parse_header(b"GMBU").is_err());
        assert_eq!(bcd(0x23), Some(23));
        assert_eq!(bcd(0x2a), None);
    }

    #[test]
    fn systemtime_matches_known_epochs() {
        let st = |v: [u16; 8]| systemtime(&v.iter().flat_map(|x| x.to_le_bytes()).collect::<Vec<_>>());
        assert_eq!(st([1970, 1, 4, 1, 0, 0, 0, 0]), Some(Timestamp::new(0, 0)));
        assert_eq!(
            st([2000, 2, 2, 29, 0, 0, 0, 1]),
            Some(Timestamp::new(951_782_400, 1_000_000))
        );
        assert_eq!(
            st([1601, 1, 1, 1, 0, 0, 0, 0]),
            Some(Timestamp::new(-11_644_473_600, 0))
        );
        assert_eq!(st([2000, 1, 0, 1, 24, 0, 0, 0]), None);
    }

    #[test]
    fn every_minor_version_reads_frames_and_media_types() {
        for minor in [0u8, 1, 2, 3, 4] {
            let f = file(
                minor,
                1,
                &[(60, b"one", 1), (1_500_000, b"two", 6), (2_000_001, b"three", 1)],
            );
            let (pk, err, stats) = read_all(f);
            assert!(err.is_none(), "2.{minor}: {err:?}");
            let start = Timestamp::new(1_254_722_767, 492_000_000);
            let mut expect = vec![(1, Timestamp::new(start.secs, 492_060_000), 7, b"one".to_vec())];
            if minor == 0 {
                expect.push((2, Timestamp::new(start.secs + 1, 992_000_000), 7, b"two".to_vec()));
            }
            expect.push((
                3,
                Timestamp::new(start.secs + 2, 492_001_000),
                9,
                b"three".to_vec(),
            ));
            assert_eq!(pk, expect, "2.{minor}");
            assert_eq!(
                stats.skipped.get("unsupported_media").copied(),
                (minor > 0).then_some(1)
            );
        }
    }

    #[test]
    fn header_mac_type_other_than_ethernet_is_skipped() {
        let (pk, err, stats) = read_all(file(0, 2, &[(0, b"tr", 2)]));
        assert!(err.is_none());
        assert!(pk.is_empty());
        assert_eq!(stats.skipped.get("unsupported_media"), Some(&1));
    }

    #[test]
    fn zero_length_and_absurd_length() {
        let (pk, _, stats) = read_all(file(1, 1, &[(0, b"", 1), (0, b"x", 1)]));
        assert_eq!(pk.len(), 1);
        assert_eq!(pk[0].0, 2);
        assert_eq!(stats.skipped.get("zero_length"), Some(&1));
        let mut f = file(0, 1, &[(0, b"x", 1)]);
        f[128 + 12..128 + 16].copy_from_slice(&(MAX_RECORD_LEN + 1).to_le_bytes());
        assert!(matches!(
            read_all(f).1,
            Some(CaptureError::Corrupt {
                frame: 1,
                offset: 128,
                ..
            })
        ));
    }

    /// Cuts `full` (two frames, ending at `frame_ends`) everywhere: the frames before the cut, and
    /// a truncation naming the first frame missing.
    fn check_every_cut(full: &[u8], frame_ends: [usize; 2]) {
        for cut in HEADER_LEN..full.len() {
            let (pk, err, _) = read_all(full[..cut].to_vec());
            let n = frame_ends.iter().filter(|&&e| e <= cut).count();
            assert_eq!(pk.len(), n, "cut {cut}");
            if n == 2 {
                assert!(err.is_none());
            } else {
                assert!(
                    matches!(err, Some(CaptureError::Truncated { frame, .. }) if frame == n as u64 + 1),
                    "cut {cut}: {err:?}"
                );
            }
        }
    }

    #[test]
    fn every_cut_yields_a_prefix_and_names_the_frame() {
        let full = file(3, 1, &[(0, b"first", 1), (1, b"second", 1)]);
        check_every_cut(&full, [128 + 16 + 5 + 15, 128 + 16 + 5 + 15 + 16 + 6 + 15]);
    }

    /// A NetMon 1.`minor` file: 128-byte header, 8-byte frame headers, then the frame table.
    fn file_v1(mac: u16, frames: &[(u32, &[u8])]) -> Vec<u8> {
        let mut v = b"RTSS".to_vec();
        v.extend([0x01, 0x01]);
        v.extend(mac.to_le_bytes());
        for x in [2009u16, 10, 1, 5, 6, 6, 7, 492] {
            v.extend(x.to_le_bytes());
        }
        v.resize(128, 0);
        let mut offsets = Vec::new();
        for (ms, data) in frames {
            offsets.push(v.len() as u32);
            v.extend(ms.to_le_bytes());
            v.extend((data.len() as u16 + 4).to_le_bytes());
            v.extend((data.len() as u16).to_le_bytes());
            v.extend_from_slice(data);
        }
        let table_at = v.len() as u32;
        for o in &offsets {
            v.extend(o.to_le_bytes());
        }
        v[24..28].copy_from_slice(&table_at.to_le_bytes());
        v[28..32].copy_from_slice(&(offsets.len() as u32 * 4).to_le_bytes());
        v
    }

    #[test]
    fn version_1_header_and_frames() {
        let f = file_v1(1, &[(0, b"one"), (1_500, b"two")]);
        let h = parse_header(&f).unwrap();
        assert_eq!((h.major, h.minor, h.mac_type), (1, 1, 1));
        assert_eq!(h.format(), Format::NetMon1);
        let (pk, err, _) = read_all(f);
        assert!(err.is_none(), "{err:?}");
        let start = Timestamp::new(1_254_722_767, 492_000_000);
        assert_eq!(
            pk,
            vec![
                (1, start, 7, b"one".to_vec()),
                (2, Timestamp::new(start.secs + 1, 992_000_000), 7, b"two".to_vec()),
            ]
        );
        let mut wrong = file_v1(1, &[]);
        wrong[5] = 2;
        assert!(parse_header(&wrong).is_err(), "RTSS with version 2 is not NetMon");
    }

    #[test]
    fn every_cut_of_a_version_1_file() {
        let full = file_v1(1, &[(0, b"first"), (1, b"second")]);
        check_every_cut(&full, [128 + 8 + 5, 128 + 8 + 5 + 8 + 6]);
    }
}
