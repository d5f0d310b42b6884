//! Reader for the classic libpcap format (`.pcap`), either byte order, micro- or nanosecond
//! timestamps, and its old variants with longer record headers.
//!
//! Owns turning pcap records into [`Packet`]s. Format facts relied on (libpcap's `pcap-savefile(5)`,
//! the IETF draft "PCAP Capture File Format" (draft-ietf-opsawg-pcap), and, for the variants, the
//! record layouts of the 1999 Linux patches and Nokia IPSO's tcpdump as Wireshark reads and writes
//! them):
//!
//! - File header, 24 bytes: magic (4), version major (2), minor (2), reserved/thiszone (4),
//!   reserved/sigfigs (4), snaplen (4), LinkType-and-FCS (4), all in the writer's byte order.
//! - Magic `0xA1B2C3D4` means microsecond timestamps, `0xA1B23C4D` nanosecond ones; read in the
//!   other byte order (`D4 C3 B2 A1`, `4D 3C B2 A1` first on disk) they announce a little-endian
//!   file. `0xA1B2CD34` is the "modified" (Alexey Kuznetsov's) pcap of old Linux distributions.
//! - The LinkType field's low 16 bits are the link type; the upper bits carry the FCS length
//!   (bits 28-31) and reserved bits, which are ignored here.
//! - Record header: seconds (4), micro/nanoseconds (4), captured length (4), original length (4),
//!   then, depending on the [`Variant`], more fields; then the captured bytes; no padding.
//!   Versions before 2.3 store the two lengths the other way round (captured length second), and
//!   some 2.3 writers did too: a 2.3 record whose captured length exceeds its original length is
//!   read swapped.
//!
//! The variants cannot all be told from the file header: the standard magic with version 2.4 may
//! be plain pcap, Red Hat 6.1's (`ss990417`, 24-byte record headers) or Nokia's (20-byte); the
//! modified magic may be the 1999-10-29 patch's (`ss991029`, editcap's `modpcap`, 24 bytes) or
//! SuSE 6.3's (`ss990915`, 28 bytes). The reader tries each candidate on the first records already
//! in its buffer (so it works on standard input too, unlike readers that seek back): the layout
//! under which more records read as plausible wins (captured length within limits and not above
//! the original length, the fraction of a second below one second, the time within a day of the
//! first record's, the variant's own fields in their known ranges); then the one with fewer doubts
//! (a record above the snap length, an unknown Nokia word, the file ending inside a record); ties go
//! to the commoner layout.
//!
//! Contract: as [`super::PacketSource`] says. A record whose captured length is 0 is skipped
//! (`zero_length`); one longer than the snap length but not than [`MAX_RECORD_LEN`] is skipped
//! (`over_snaplen`); longer is corrupt. A snap length of 0 (some writers) means no limit.
//!
//! Parsing is by hand over the fixed-layout headers, with checked reads, rather than through the
//! `pcap-parser` crate: the layout is two fixed headers, and owning the buffer lets a packet borrow
//! straight from it without a copy. Must not: interpret the frame data.

use super::stream::{ByteStream, Endian, ReaderState, BUF_CAP};
use super::{CaptureError, CaptureStats, Format, LinkType, Packet, PacketSource, Timestamp, MAX_RECORD_LEN};

/// Size of the pcap file header.
pub(crate) const FILE_HEADER_LEN: usize = 24;
/// Size of the standard record header.
const RECORD_HEADER_LEN: usize = 16;
/// Records tried per candidate variant.
const RECORDS_TRIED: usize = 4;
/// Bytes awaited (unless the input ends first) before choosing a variant; whatever else the first
/// reads brought is looked at too. Small, so that a pipe from a live capture is not held up.
const VARIANT_WINDOW: usize = 4096;
/// A record's time may differ from the first record's by this much and still look plausible.
const PLAUSIBLE_SPAN_SECS: u32 = 86_400;
/// Original lengths above this are implausible (no link carries such frames).
const PLAUSIBLE_ORIG_LEN: u32 = 128 << 20;

const _: () = assert!(VARIANT_WINDOW <= BUF_CAP);

/// The record layout of a pcap file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Variant {
    /// The standard 16-byte record header.
    Standard,
    /// Nokia IPSO: 4 more bytes of unknown meaning.
    Nokia,
    /// Red Hat 6.1 (patch ss990417, standard magic): interface index (4), protocol (2), packet
    /// type (1), pad (1).
    Ss990417,
    /// The 1999-10-29 patch (modified magic; editcap's `modpcap`): as [`Variant::Ss990417`].
    Ss991029,
    /// SuSE 6.3 (patch ss990915, modified magic): as [`Variant::Ss990417`] plus a CPU number and
    /// padding, 28 bytes in all.
    Ss990915,
}

impl Variant {
    /// Bytes of a record header.
    pub(crate) fn record_len(self) -> usize {
        match self {
            Variant::Standard => RECORD_HEADER_LEN,
            Variant::Nokia => 20,
            Variant::Ss990417 | Variant::Ss991029 => 24,
            Variant::Ss990915 => 28,
        }
    }

    /// The Linux-patch variants carry an interface index, protocol and packet type.
    fn has_linux_fields(self) -> bool {
        matches!(self, Variant::Ss990417 | Variant::Ss991029 | Variant::Ss990915)
    }

    /// The layouts a file with this magic and version may have, commonest first.
    fn candidates(modified: bool, major: u16, minor: u16) -> &'static [Variant] {
        match (modified, major, minor) {
            (true, _, _) => &[Variant::Ss991029, Variant::Ss990915],
            (false, 2, 4) => &[Variant::Standard, Variant::Ss990417, Variant::Nokia],
            _ => &[Variant::Standard],
        }
    }
}

/// Whether a record's two length fields are stored the other way round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LengthOrder {
    /// Captured length first (2.4 and later).
    Normal,
    /// Original length first (before 2.3).
    Swapped,
    /// Version 2.3: swapped when the captured length exceeds the original one.
    Either,
}

/// What the file header says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PcapHeader {
    /// Byte order of every field.
    pub(crate) endian: Endian,
    /// Timestamp fraction units per second (1e6 or 1e9).
    pub(crate) units_per_sec: u32,
    /// The modified magic (`A1B2CD34`).
    pub(crate) modified: bool,
    /// Format version.
    pub(crate) version: (u16, u16),
    /// Largest captured length the writer promised (0 = unlimited).
    pub(crate) snaplen: u32,
    /// Link type of every record.
    pub(crate) link: LinkType,
}

impl PcapHeader {
    fn length_order(&self) -> LengthOrder {
        match self.version {
            (2, minor) if minor < 3 => LengthOrder::Swapped,
            (2, 3) => LengthOrder::Either,
            (543, 0) => LengthOrder::Swapped, // DG/UX tcpdump
            _ => LengthOrder::Normal,
        }
    }
}

/// Recognises a pcap magic number; returns the byte order, timestamp units and whether it is the
/// modified magic.
pub(crate) fn magic(bytes: &[u8]) -> Option<(Endian, u32, bool)> {
    match bytes.get(..4)? {
        [0xa1, 0xb2, 0xc3, 0xd4] => Some((Endian::Big, 1_000_000, false)),
        [0xd4, 0xc3, 0xb2, 0xa1] => Some((Endian::Little, 1_000_000, false)),
        [0xa1, 0xb2, 0x3c, 0x4d] => Some((Endian::Big, 1_000_000_000, false)),
        [0x4d, 0x3c, 0xb2, 0xa1] => Some((Endian::Little, 1_000_000_000, false)),
        [0xa1, 0xb2, 0xcd, 0x34] => Some((Endian::Big, 1_000_000, true)),
        [0x34, 0xcd, 0xb2, 0xa1] => Some((Endian::Little, 1_000_000, true)),
        _ => None,
    }
}

/// Parses the 24-byte file header; `None` when it is short or the magic is not pcap's.
pub(crate) fn parse_file_header(bytes: &[u8]) -> Option<PcapHeader> {
    let (endian, units_per_sec, modified) = magic(bytes)?;
    let version = (endian.u16(bytes, 4)?, endian.u16(bytes, 6)?);
    let snaplen = endian.u32(bytes, 16)?;
    let link_field = endian.u32(bytes, 20)?;
    Some(PcapHeader {
        endian,
        units_per_sec,
        modified,
        version,
        snaplen,
        link: LinkType(link_field & 0xffff),
    })
}

/// The fields of one record header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct RecordHeader {
    secs: u32,
    frac: u32,
    incl_len: u32,
    orig_len: u32,
}

/// Reads a record header of `variant` at the start of `bytes`.
fn record_header(bytes: &[u8], header: &PcapHeader) -> Option<RecordHeader> {
    let e = header.endian;
    let (a, b) = (e.u32(bytes, 8)?, e.u32(bytes, 12)?);
    let swapped = match header.length_order() {
        LengthOrder::Normal => false,
        LengthOrder::Swapped => true,
        LengthOrder::Either => a > b,
    };
    let (incl_len, orig_len) = if swapped { (b, a) } else { (a, b) };
    Some(RecordHeader {
        secs: e.u32(bytes, 0)?,
        frac: e.u32(bytes, 4)?,
        incl_len,
        orig_len,
    })
}

/// How well the buffered records read as `variant`: (plausible records, positive evidence, soft
/// doubts). Evidence: Nokia's extra word in its known shape. Doubts: a record above the snap length,
/// Nokia's extra word not in that shape. A partial record at the end of the file is neither: cut
/// files are common, and they end that way whatever their layout.
fn try_variant(buf: &[u8], header: &PcapHeader, variant: Variant) -> (u32, u32, u32) {
    let len = variant.record_len();
    let e = header.endian;
    let mut good = 0u32;
    let mut evidence = 0u32;
    let mut doubts = 0u32;
    let mut first_secs = None;
    let mut rest = buf;
    for _ in 0..RECORDS_TRIED {
        let Some(head) = rest.get(..len) else {
            break;
        };
        let Some(r) = record_header(head, header) else {
            break;
        };
        let first = *first_secs.get_or_insert(r.secs);
        let plausible = r.incl_len <= MAX_RECORD_LEN
            && r.incl_len <= r.orig_len
            && r.orig_len <= PLAUSIBLE_ORIG_LEN
            && r.frac < header.units_per_sec
            && r.secs.abs_diff(first) <= PLAUSIBLE_SPAN_SECS;
        if !plausible {
            break;
        }
        if header.snaplen != 0 && r.incl_len > header.snaplen {
            doubts = doubts.saturating_add(1);
        }
        if variant.has_linux_fields() {
            let ifindex = e.u32(head, 16).unwrap_or(u32::MAX);
            let protocol = e.u16(head, 20).unwrap_or(u16::MAX);
            let pkt_type = head.get(22).copied().unwrap_or(u8::MAX);
            let known_protocol =
                protocol >= 0x0600 || matches!(protocol, 0x0000..=0x0017 | 0x0060 | 0x0200 | 0x0400);
            if ifindex > 10_000 || !known_protocol || pkt_type > 4 {
                break;
            }
        }
        if variant == Variant::Nokia {
            // Nokia's extra word has been seen as 0xXfbfYZ0W (X in {9, b}, Y in {b, d}, Z in {6, 9},
            // W in {1, 2}); other writers (editcap) leave it zero, so it only weighs softly.
            if e.u32(head, 16).unwrap_or(0) & 0x0fff_00f0 == 0x0fbf_0000 {
                evidence = evidence.saturating_add(1);
            } else {
                doubts = doubts.saturating_add(1);
            }
        }
        good = good.saturating_add(1);
        let data = usize::try_from(r.incl_len).unwrap_or(usize::MAX);
        match rest.get(len.saturating_add(data)..) {
            Some(after) => rest = after,
            None => break,
        }
    }
    (good, evidence, doubts)
}

/// Chooses the record layout from the buffered start of the records (see the module doc): the most
/// plausible records, then the most evidence, then the fewest doubts, then the commonest layout.
fn choose_variant(buf: &[u8], header: &PcapHeader) -> Variant {
    let candidates = Variant::candidates(header.modified, header.version.0, header.version.1);
    let mut best: Option<(Variant, (u32, u32, u32))> = None;
    for &variant in candidates {
        let score = try_variant(buf, header, variant);
        let better = match best {
            None => true,
            Some((_, (good, evidence, doubts))) => {
                (score.0, score.1, std::cmp::Reverse(score.2)) > (good, evidence, std::cmp::Reverse(doubts))
            }
        };
        if better {
            best = Some((variant, score));
        }
    }
    best.map_or(Variant::Standard, |(variant, _)| variant)
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
    variant: Variant,
    /// Records longer than this are skipped as `over_snaplen`.
    snap_limit: u32,
}

impl PcapReader {
    /// Reads the file header from `stream` (positioned at the start of the file) and chooses the
    /// record layout.
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
        let variant = if Variant::candidates(header.modified, header.version.0, header.version.1).len() > 1 {
            // A read error here (a cut compressed stream) surfaces at the record it stops.
            stream.fill_soft(VARIANT_WINDOW);
            choose_variant(stream.buffered(), &header)
        } else {
            Variant::Standard
        };
        let snap_limit = if header.snaplen == 0 {
            MAX_RECORD_LEN
        } else {
            header.snaplen
        };
        Ok(PcapReader {
            stream,
            state,
            header,
            variant,
            snap_limit,
        })
    }

    /// The record layout in use.
    #[cfg(test)]
    pub(crate) fn variant(&self) -> Variant {
        self.variant
    }
}

impl PacketSource for PcapReader {
    fn next_packet(&mut self) -> Result<Option<Packet<'_>>, CaptureError> {
        let head_len = self.variant.record_len();
        loop {
            if self.state.finished {
                return Ok(None);
            }
            let at = self.stream.offset();
            let st = &mut self.state;
            if !self.stream.fill(head_len).map_err(|e| st.io(e))? {
                if self.stream.buffered().is_empty() {
                    st.finished = true;
                    return Ok(None);
                }
                return Err(st.truncated(at, "pcap record header"));
            }
            let head = self.stream.peek(head_len).unwrap_or(&[]);
            let Some(RecordHeader {
                secs,
                frac,
                incl_len,
                orig_len,
            }) = record_header(head, &self.header)
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
            let total = head_len.saturating_add(data_len);
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
                interface: 0,
                ts: timestamp(secs, frac, self.header.units_per_sec),
                link: self.header.link,
                orig_len,
                data: self.stream.consumed_slice(total, head_len, data_len),
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
    fn other_magics() {
        assert_eq!(
            magic(&[0xa1, 0xb2, 0xc3, 0xd4]),
            Some((Endian::Big, 1_000_000, false))
        );
        assert_eq!(
            magic(&[0x4d, 0x3c, 0xb2, 0xa1]),
            Some((Endian::Little, 1_000_000_000, false))
        );
        assert_eq!(
            magic(&[0x34, 0xcd, 0xb2, 0xa1]),
            Some((Endian::Little, 1_000_000, true))
        );
        assert_eq!(
            magic(&[0xa1, 0xb2, 0xcd, 0x34]),
            Some((Endian::Big, 1_000_000, true))
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

    /// A little-endian record of `variant` with the extra fields a writer of it would put there.
    fn variant_record(variant: Variant, secs: u32, data: &[u8]) -> Vec<u8> {
        let mut v = record(false, secs, 250_000, data, data.len() as u32 + 10);
        let extra: &[u8] = match variant {
            Variant::Standard => &[],
            Variant::Nokia => &[0x01, 0x60, 0xbf, 0x9f], // 0x9fbf6001, the shape Nokia writes
            Variant::Ss990417 | Variant::Ss991029 => &[2, 0, 0, 0, 0x08, 0x00, 0, 0],
            Variant::Ss990915 => &[2, 0, 0, 0, 0x08, 0x00, 4, 0, 0, 0, 0, 0],
        };
        let at = 16;
        v.splice(at..at, extra.iter().copied());
        v
    }

    fn variant_file(variant: Variant, frames: &[&[u8]]) -> Vec<u8> {
        let magic = match variant {
            Variant::Ss991029 | Variant::Ss990915 => [0x34, 0xcd, 0xb2, 0xa1],
            _ => [0xd4, 0xc3, 0xb2, 0xa1],
        };
        let mut f = header(magic, false, 65535, 1);
        for (i, data) in frames.iter().enumerate() {
            f.extend(variant_record(variant, 1_000_000_000 + i as u32, data));
        }
        f
    }

    const ALL_VARIANTS: [Variant; 5] = [
        Variant::Standard,
        Variant::Nokia,
        Variant::Ss990417,
        Variant::Ss991029,
        Variant::Ss990915,
    ];

    #[test]
    fn every_variant_is_recognised_and_read() {
        let frames: [&[u8]; 5] = [b"first frame", b"second", b"3", b"fourth frame!", b"fifth"];
        for variant in ALL_VARIANTS {
            // One record alone is ambiguous (except Nokia's, by its extra word): it reads as plain pcap.
            let least = if matches!(variant, Variant::Standard | Variant::Nokia) {
                1
            } else {
                2
            };
            for n in least..=frames.len() {
                let mut r = reader(variant_file(variant, &frames[..n])).unwrap();
                assert_eq!(r.variant(), variant, "{variant:?} with {n} records");
                for (i, data) in frames[..n].iter().enumerate() {
                    let p = r.next_packet().unwrap().unwrap();
                    assert_eq!((p.frame, p.data), (i as u64 + 1, *data), "{variant:?}");
                    assert_eq!(p.orig_len, data.len() as u32 + 10);
                    assert_eq!(p.ts, Timestamp::new(1_000_000_000 + i as i64, 250_000_000));
                }
                assert!(r.next_packet().unwrap().is_none(), "{variant:?}");
            }
        }
    }

    #[test]
    fn nokia_written_with_a_zero_extra_word_is_still_nokia() {
        // editcap -F nokiapcap leaves the extra word zero.
        let mut f = header([0xd4, 0xc3, 0xb2, 0xa1], false, 65535, 1);
        for i in 0..3u32 {
            let mut rec = record(false, 1_700_000_000 + i, 0, &[0x45; 60], 60);
            rec.splice(16..16, [0u8; 4]);
            f.extend(rec);
        }
        assert_eq!(reader(f).unwrap().variant(), Variant::Nokia);
    }

    #[test]
    fn every_truncation_of_every_variant() {
        for variant in ALL_VARIANTS {
            let whole = variant_file(variant, &[b"alpha", b"beta-beta", b"c"]);
            let len = variant.record_len();
            let boundaries = [24, 24 + len + 5, 24 + 2 * len + 14, whole.len()];
            for cut in 0..=whole.len() {
                let bytes = whole[..cut].to_vec();
                let Ok(mut r) = reader(bytes) else {
                    assert!(cut < 24, "{variant:?}: the header is whole at {cut}");
                    continue;
                };
                let mut read = 0;
                let end = loop {
                    match r.next_packet() {
                        Ok(Some(_)) => read += 1,
                        Ok(None) => break None,
                        Err(e) => break Some(e),
                    }
                };
                let complete = boundaries.iter().filter(|&&b| b <= cut).count() - 1;
                // With two whole records the layout is certain; with less it may not be (a single
                // cut record reads as well in several layouts), but reading must still end cleanly.
                if cut >= boundaries[2] {
                    assert_eq!(r.variant(), variant, "{variant:?} cut at {cut}");
                    assert_eq!(read, complete, "{variant:?} cut at {cut}");
                    if boundaries.contains(&cut) {
                        assert!(end.is_none(), "{variant:?} cut at {cut}: {end:?}");
                    } else {
                        assert!(
                            matches!(end, Some(CaptureError::Truncated { .. })),
                            "{variant:?} cut at {cut}: {end:?}"
                        );
                    }
                }
                assert!(r.next_packet().unwrap().is_none(), "finished stays finished");
            }
        }
    }

    #[test]
    fn old_versions_store_the_lengths_the_other_way_round() {
        let mut f = header([0xd4, 0xc3, 0xb2, 0xa1], false, 65535, 1);
        f[6] = 2; // version 2.2
        let mut rec = record(false, 7, 0, b"abcd", 99);
        rec[8..12].copy_from_slice(&99u32.to_le_bytes()); // original length first
        rec[12..16].copy_from_slice(&4u32.to_le_bytes());
        f.extend(rec);
        let mut r = reader(f).unwrap();
        let p = r.next_packet().unwrap().unwrap();
        assert_eq!((p.data, p.orig_len), (&b"abcd"[..], 99));
    }
}
