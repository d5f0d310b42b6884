//! Reader for pcap next generation (`.pcapng`): several sections in either byte order, several
//! interfaces each with its own link type, snap length and timestamp resolution.
//!
//! Owns turning pcapng packet blocks into [`Packet`]s and interface statistics into
//! [`CaptureStats::dropped_by_capture`]. Format facts relied on (IETF draft "PCAP Now Generic
//! (pcapng) Capture File Format", draft-ietf-opsawg-pcapng):
//!
//! - Every block is `type (4) | total length (4) | body | total length (4)`; the total length
//!   counts all of it, is a multiple of 4 and is repeated at the end.
//! - Section Header Block, type `0x0A0D0D0A` (the same in both byte orders): then the byte-order
//!   magic `0x1A2B3C4D` giving the byte order of the whole section, major version 1, minor, a
//!   64-bit section length, options. A new SHB starts a new section and forgets its interfaces.
//! - Interface Description Block (type 1): link type (2), reserved (2), snap length (4), options.
//!   Interfaces are numbered from 0 in order of appearance within the section. Options used:
//!   `if_tsresol` (9, one byte: high bit clear = 10^-n seconds, set = 2^-n; default 10^-6) and
//!   `if_tsoffset` (14, signed 64-bit seconds added to every timestamp).
//! - Enhanced Packet Block (type 6): interface id (4), timestamp high (4), low (4), captured
//!   length (4), original length (4), data padded to 4 bytes, options.
//! - Simple Packet Block (type 3): original length (4), data padded to 4; it belongs to interface
//!   0, its captured length is the original length capped by that interface's snap length, and it
//!   has no timestamp (this reader gives it the last timestamp seen in the file, or zero).
//! - Packet Block (type 2, obsolete): interface id (2), drops count (2), then as the EPB.
//! - Interface Statistics Block (type 5): interface id (4), timestamp (8), options, among which
//!   `isb_ifdrop` (5) and `isb_osdrop` (7), 64-bit counters. The last ISB of each interface wins;
//!   the drops reported are the sum over interfaces (and sections) of `ifdrop + osdrop`.
//! - Options: `code (2) | length (2) | value padded to 4`, ended by code 0 or the end of the block.
//! - Every other block type is skipped.
//!
//! Contract: as [`super::PacketSource`] says. A packet is handed out only when its whole block,
//! trailer included, is in the file, so a cut file yields exactly the packets before the cut.
//! Blocks that must be inspected (all but unknown ones) are limited to the read buffer
//! ([`BUF_CAP`], 1 MiB); unknown blocks up to [`MAX_SKIPPED_BLOCK_LEN`] are read through and
//! dropped. Malformed options are ignored (they do not affect framing); a bad block length or
//! byte-order magic is corrupt. A packet block naming an interface the section has not described
//! is skipped (`unknown_interface`).
//!
//! Parsing is by hand with checked reads rather than through the `pcap-parser` crate: owning the
//! buffer lets a packet borrow straight from it, and the few fixed layouts are short. Must not:
//! interpret frame data.

use std::collections::BTreeMap;

use super::stream::{ByteStream, Endian, ReaderState, BUF_CAP};
use super::{CaptureError, CaptureStats, Format, LinkType, Packet, PacketSource, Timestamp, MAX_RECORD_LEN};

/// Block type of the Section Header Block, also the pcapng magic.
pub(crate) const SHB_TYPE: u32 = 0x0A0D_0D0A;
const IDB_TYPE: u32 = 1;
const PB_TYPE: u32 = 2;
const SPB_TYPE: u32 = 3;
const ISB_TYPE: u32 = 5;
const EPB_TYPE: u32 = 6;
/// The byte-order magic of the SHB, as written in the section's byte order.
const BYTE_ORDER_MAGIC: u32 = 0x1A2B_3C4D;

/// Unknown blocks longer than this are taken as garbage rather than skipped.
pub const MAX_SKIPPED_BLOCK_LEN: u32 = 64 << 20;
/// More interfaces than this in one section is taken as garbage (bounds the interface table).
pub const MAX_INTERFACES: usize = 65_536;

const OPT_END: u16 = 0;
const OPT_IF_TSRESOL: u16 = 9;
const OPT_IF_TSOFFSET: u16 = 14;
const OPT_ISB_IFDROP: u16 = 5;
const OPT_ISB_OSDROP: u16 = 7;

/// What an Interface Description Block says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Interface {
    /// Link type of its packets.
    pub(crate) link: LinkType,
    /// Largest captured length (0 = unlimited).
    pub(crate) snaplen: u32,
    /// Timestamp ticks per second (`if_tsresol`).
    pub(crate) units_per_sec: u64,
    /// Seconds added to every timestamp (`if_tsoffset`).
    pub(crate) ts_offset: i64,
}

/// Rounds `n` up to a multiple of 4, `None` on overflow.
fn pad4(n: u32) -> Option<u32> {
    n.checked_add(3).map(|x| x & !3)
}

/// The options of a block body starting at `from`: yields `(code, value)` until the end marker,
/// the end of `body` or a malformed option.
fn options(body: &[u8], from: usize, e: Endian) -> impl Iterator<Item = (u16, &[u8])> {
    let mut at = Some(from);
    std::iter::from_fn(move || {
        let pos = at?;
        let code = e.u16(body, pos)?;
        let len = e.u16(body, pos.checked_add(2)?)?;
        let value_at = pos.checked_add(4)?;
        let value = body.get(value_at..value_at.checked_add(usize::from(len))?);
        let next = pad4(u32::from(len))
            .and_then(|l| usize::try_from(l).ok())
            .and_then(|l| value_at.checked_add(l));
        at = next;
        if code == OPT_END {
            at = None;
            return None;
        }
        let Some(value) = value else {
            at = None;
            return None;
        };
        Some((code, value))
    })
}

/// Ticks per second from an `if_tsresol` byte; `None` when it does not fit 64 bits.
pub(crate) fn tsresol_units(v: u8) -> Option<u64> {
    let exp = u32::from(v & 0x7f);
    if v & 0x80 == 0 {
        10u64.checked_pow(exp)
    } else {
        2u64.checked_pow(exp)
    }
}

/// Parses an IDB body (the bytes after type and length, before the trailer).
pub(crate) fn parse_idb(body: &[u8], e: Endian) -> Result<Interface, &'static str> {
    let link = e.u16(body, 0).ok_or("interface description block")?;
    let snaplen = e.u32(body, 4).ok_or("interface description block")?;
    let mut iface = Interface {
        link: LinkType(u32::from(link)),
        snaplen,
        units_per_sec: 1_000_000,
        ts_offset: 0,
    };
    for (code, value) in options(body, 8, e) {
        match code {
            OPT_IF_TSRESOL => {
                let v = *value.first().ok_or("if_tsresol option")?;
                iface.units_per_sec =
                    tsresol_units(v).ok_or("if_tsresol option (resolution out of range)")?;
            }
            OPT_IF_TSOFFSET => {
                if let Some(off) = e.u64(value, 0) {
                    iface.ts_offset = off as i64;
                }
            }
            _ => {}
        }
    }
    Ok(iface)
}

/// The drops an ISB body reports (`isb_ifdrop + isb_osdrop`), with its interface id; `None` for
/// the drops when neither option is present.
pub(crate) fn parse_isb(body: &[u8], e: Endian) -> Option<(u32, Option<u64>)> {
    let iface = e.u32(body, 0)?;
    let mut drops: Option<u64> = None;
    for (code, value) in options(body, 12, e) {
        if code == OPT_ISB_IFDROP || code == OPT_ISB_OSDROP {
            if let Some(n) = e.u64(value, 0) {
                drops = Some(drops.unwrap_or(0).saturating_add(n));
            }
        }
    }
    Some((iface, drops))
}

/// A packet block reduced to what a [`Packet`] needs; `data_at` is relative to the block start.
#[derive(Debug, PartialEq, Eq)]
struct PacketFields {
    iface: u32,
    ticks: Option<u64>,
    caplen: u32,
    orig_len: u32,
    data_at: usize,
}

/// Parses the fixed part of an EPB, PB or SPB (`block` is the whole block, `block_len` its length).
fn parse_packet_block(
    block_type: u32,
    block: &[u8],
    e: Endian,
    iface0_snaplen: Option<u32>,
) -> Result<PacketFields, String> {
    let bad = |what: &str| format!("{what} block");
    let fields = match block_type {
        EPB_TYPE | PB_TYPE => {
            let name = if block_type == EPB_TYPE {
                "enhanced packet"
            } else {
                "packet"
            };
            let iface = if block_type == EPB_TYPE {
                e.u32(block, 8)
            } else {
                e.u16(block, 8).map(u32::from)
            };
            let (Some(iface), Some(hi), Some(lo), Some(caplen), Some(orig_len)) = (
                iface,
                e.u32(block, 12),
                e.u32(block, 16),
                e.u32(block, 20),
                e.u32(block, 24),
            ) else {
                return Err(bad(name));
            };
            PacketFields {
                iface,
                ticks: Some(u64::from(hi) << 32 | u64::from(lo)),
                caplen,
                orig_len,
                data_at: 28,
            }
        }
        _ => {
            let orig_len = e.u32(block, 8).ok_or_else(|| bad("simple packet"))?;
            let caplen = match iface0_snaplen {
                Some(snap) if snap != 0 => orig_len.min(snap),
                _ => orig_len,
            };
            PacketFields {
                iface: 0,
                ticks: None,
                caplen,
                orig_len,
                data_at: 12,
            }
        }
    };
    if fields.caplen > MAX_RECORD_LEN {
        return Err(format!(
            "packet block (captured length {} exceeds {MAX_RECORD_LEN})",
            fields.caplen
        ));
    }
    // Data plus padding must fit before the 4-byte trailer.
    let needed = pad4(fields.caplen)
        .and_then(|p| usize::try_from(p).ok())
        .and_then(|p| p.checked_add(fields.data_at)?.checked_add(4));
    if needed.is_none_or(|n| n > block.len()) {
        return Err(format!(
            "packet block (captured length {} overruns the block)",
            fields.caplen
        ));
    }
    Ok(fields)
}

/// Streams the packets of a pcapng file.
pub(crate) struct PcapNgReader {
    stream: ByteStream,
    state: ReaderState,
    endian: Endian,
    interfaces: Vec<Interface>,
    /// Last drop total reported per interface of the current section.
    drops: BTreeMap<u32, u64>,
    /// Drops reported by the sections before the current one.
    earlier_sections_drops: Option<u64>,
    /// Timestamp of the last packet that had one (for Simple Packet Blocks).
    last_ts: Timestamp,
}

impl PcapNgReader {
    /// Prepares to read from `stream` (positioned at the start of the file, which must begin
    /// with a Section Header Block; it is parsed by the first `next_packet`).
    pub(crate) fn new(stream: ByteStream, name: String) -> Self {
        PcapNgReader {
            stream,
            state: ReaderState::new(name),
            endian: Endian::Little,
            interfaces: Vec::new(),
            drops: BTreeMap::new(),
            earlier_sections_drops: None,
            last_ts: Timestamp::default(),
        }
    }

    /// Reads the next block header; returns `(type, total length)` with the block unconsumed, or
    /// `None` at a clean end of file.
    fn block_header(&mut self, seen_section: bool) -> Result<Option<(u32, u32)>, CaptureError> {
        let at = self.stream.offset();
        let st = &mut self.state;
        if !self.stream.fill(8).map_err(|e| st.io(e))? {
            if self.stream.buffered().is_empty() && seen_section {
                return Ok(None);
            }
            return Err(st.truncated(at, "pcapng block header"));
        }
        let head = self.stream.peek(8).unwrap_or(&[]);
        let is_shb = head.get(..4) == Some(&[0x0a, 0x0d, 0x0d, 0x0a][..]);
        if !seen_section && !is_shb {
            return Err(st.corrupt(at, "pcapng file (does not start with a section header block)"));
        }
        if is_shb {
            if !self.stream.fill(12).map_err(|e| st.io(e))? {
                return Err(st.truncated(at, "pcapng section header block"));
            }
            let bom = self.stream.peek(12).and_then(|h| h.get(8..12)).unwrap_or(&[]);
            self.endian = if bom == BYTE_ORDER_MAGIC.to_be_bytes() {
                Endian::Big
            } else if bom == BYTE_ORDER_MAGIC.to_le_bytes() {
                Endian::Little
            } else {
                return Err(st.corrupt(at, "pcapng section header block (bad byte-order magic)"));
            };
        }
        let head = self.stream.peek(8).unwrap_or(&[]);
        let (Some(block_type), Some(len)) = (self.endian.u32(head, 0), self.endian.u32(head, 4)) else {
            return Err(st.corrupt(at, "pcapng block header"));
        };
        let min_len = match block_type {
            SHB_TYPE => 28,
            IDB_TYPE => 20,
            EPB_TYPE | PB_TYPE => 32,
            SPB_TYPE => 16,
            ISB_TYPE => 24,
            _ => 12,
        };
        if len % 4 != 0 || len < min_len || len > MAX_SKIPPED_BLOCK_LEN {
            return Err(st.corrupt(
                at,
                format!("pcapng block length {len} (block type {block_type:#x})"),
            ));
        }
        Ok(Some((block_type, len)))
    }
}

impl PacketSource for PcapNgReader {
    fn next_packet(&mut self) -> Result<Option<Packet<'_>>, CaptureError> {
        loop {
            if self.state.finished {
                return Ok(None);
            }
            let at = self.stream.offset();
            let seen_section = at > 0;
            let Some((block_type, len)) = self.block_header(seen_section)? else {
                self.state.finished = true;
                return Ok(None);
            };
            let is_known = matches!(
                block_type,
                SHB_TYPE | IDB_TYPE | PB_TYPE | SPB_TYPE | ISB_TYPE | EPB_TYPE
            );
            let st = &mut self.state;
            let block_len = len as usize;
            if !is_known && block_len > BUF_CAP {
                let skipped = self.stream.skip(u64::from(len)).map_err(|e| st.io(e))?;
                if skipped < u64::from(len) {
                    return Err(st.truncated(at, format!("pcapng block of type {block_type:#x}")));
                }
                continue;
            }
            if block_len > BUF_CAP {
                return Err(st.corrupt(
                    at,
                    format!("pcapng block length {len} (block type {block_type:#x})"),
                ));
            }
            if !self.stream.fill(block_len).map_err(|e| st.io(e))? {
                let what = match block_type {
                    SHB_TYPE => "pcapng section header block".to_string(),
                    IDB_TYPE => "pcapng interface description block".to_string(),
                    EPB_TYPE | PB_TYPE | SPB_TYPE => format!("pcapng packet block of {len} bytes"),
                    ISB_TYPE => "pcapng interface statistics block".to_string(),
                    _ => format!("pcapng block of type {block_type:#x}"),
                };
                return Err(st.truncated(at, what));
            }
            let e = self.endian;
            let block = self.stream.peek(block_len).unwrap_or(&[]);
            if e.u32(block, block_len.saturating_sub(4)) != Some(len) {
                return Err(st.corrupt(at, "pcapng block (trailing length differs from leading length)"));
            }
            let body = block.get(8..block_len.saturating_sub(4)).unwrap_or(&[]);
            match block_type {
                SHB_TYPE => {
                    if e.u16(body, 4) != Some(1) {
                        return Err(st.corrupt(at, "pcapng section header block (unsupported major version)"));
                    }
                    self.earlier_sections_drops = st.stats.dropped_by_capture;
                    self.drops.clear();
                    self.interfaces.clear();
                    self.stream.consume(block_len);
                }
                IDB_TYPE => {
                    let iface = parse_idb(body, e).map_err(|what| st.corrupt(at, what))?;
                    if self.interfaces.len() >= MAX_INTERFACES {
                        return Err(
                            st.corrupt(at, "pcapng interface description block (too many interfaces)")
                        );
                    }
                    self.interfaces.push(iface);
                    self.stream.consume(block_len);
                }
                ISB_TYPE => {
                    if let Some((iface, Some(drops))) = parse_isb(body, e) {
                        if (iface as usize) < self.interfaces.len() {
                            self.drops.insert(iface, drops);
                            let this_section = self.drops.values().fold(0u64, |a, &d| a.saturating_add(d));
                            st.stats.dropped_by_capture = Some(
                                self.earlier_sections_drops
                                    .unwrap_or(0)
                                    .saturating_add(this_section),
                            );
                        }
                    }
                    self.stream.consume(block_len);
                }
                EPB_TYPE | PB_TYPE | SPB_TYPE => {
                    let snap0 = self.interfaces.first().map(|i| i.snaplen);
                    let fields = parse_packet_block(block_type, block, e, snap0)
                        .map_err(|what| st.corrupt(at, what))?;
                    self.stream.consume(block_len);
                    let Some(iface) = self.interfaces.get(fields.iface as usize).copied() else {
                        st.skip_record("unknown_interface");
                        continue;
                    };
                    if fields.caplen == 0 {
                        st.skip_record("zero_length");
                        continue;
                    }
                    if iface.snaplen != 0 && fields.caplen > iface.snaplen {
                        st.skip_record("over_snaplen");
                        continue;
                    }
                    let ts = match fields.ticks {
                        Some(ticks) => {
                            let t = Timestamp::from_ticks(ticks, iface.units_per_sec);
                            let t = Timestamp::new(t.secs.saturating_add(iface.ts_offset), t.nanos);
                            self.last_ts = t;
                            t
                        }
                        None => self.last_ts,
                    };
                    let data_len = fields.caplen as usize;
                    let frame = st.deliver_record(data_len);
                    return Ok(Some(Packet {
                        frame,
                        interface: fields.iface,
                        ts,
                        link: iface.link,
                        orig_len: fields.orig_len,
                        data: self.stream.consumed_slice(block_len, fields.data_at, data_len),
                    }));
                }
                _ => self.stream.consume(block_len),
            }
        }
    }

    fn stats(&self) -> &CaptureStats {
        &self.state.stats
    }

    fn format(&self) -> Format {
        Format::PcapNg
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    /// Builds pcapng blocks in either byte order.
    struct Builder {
        big: bool,
        out: Vec<u8>,
    }

    impl Builder {
        fn new(big: bool) -> Self {
            Builder { big, out: Vec::new() }
        }
        fn u16(&self, x: u16) -> [u8; 2] {
            if self.big {
                x.to_be_bytes()
            } else {
                x.to_le_bytes()
            }
        }
        fn u32(&self, x: u32) -> [u8; 4] {
            if self.big {
                x.to_be_bytes()
            } else {
                x.to_le_bytes()
            }
        }
        fn opt(&self, code: u16, value: &[u8]) -> Vec<u8> {
            let mut v = self.u16(code).to_vec();
            v.extend(self.u16(value.len() as u16));
            v.extend_from_slice(value);
            while !v.len().is_multiple_of(4) {
                v.push(0);
            }
            v
        }
        fn block(&mut self, ty: u32, body: &[u8]) -> &mut Self {
            let mut body = body.to_vec();
            while !body.len().is_multiple_of(4) {
                body.push(0);
            }
            let len = body.len() as u32 + 12;
            let (t, l) = (self.u32(ty), self.u32(len));
            self.out.extend(t);
            self.out.extend(l);
            self.out.extend(body);
            self.out.extend(l);
            self
        }
        fn shb(&mut self) -> &mut Self {
            let mut b = self.u32(BYTE_ORDER_MAGIC).to_vec();
            b.extend(self.u16(1));
            b.extend(self.u16(0));
            b.extend([0xff; 8]);
            self.block(SHB_TYPE, &b)
        }
        fn idb(&mut self, link: u16, snaplen: u32, opts: &[Vec<u8>]) -> &mut Self {
            let mut b = self.u16(link).to_vec();
            b.extend([0, 0]);
            b.extend(self.u32(snaplen));
            for o in opts {
                b.extend(o);
            }
            if !opts.is_empty() {
                b.extend([0; 4]);
            }
            self.block(IDB_TYPE, &b)
        }
        fn epb(&mut self, iface: u32, ticks: u64, data: &[u8], orig: u32) -> &mut Self {
            let mut b = self.u32(iface).to_vec();
            b.extend(self.u32((ticks >> 32) as u32));
            b.extend(self.u32(ticks as u32));
            b.extend(self.u32(data.len() as u32));
            b.extend(self.u32(orig));
            b.extend_from_slice(data);
            self.block(EPB_TYPE, &b)
        }
    }

    type ReadAll = (
        Vec<(u64, Timestamp, LinkType, u32, Vec<u8>)>,
        Option<CaptureError>,
        CaptureStats,
    );

    fn read_all(bytes: Vec<u8>) -> ReadAll {
        let mut r = PcapNgReader::new(ByteStream::new(Box::new(Cursor::new(bytes))), "t".into());
        let mut out = Vec::new();
        let err = loop {
            match r.next_packet() {
                Ok(Some(p)) => out.push((p.frame, p.ts, p.link, p.orig_len, p.data.to_vec())),
                Ok(None) => break None,
                Err(e) => break Some(e),
            }
        };
        assert!(r.next_packet().unwrap().is_none());
        (out, err, r.stats().clone())
    }

    #[test]
    fn section_header_in_both_byte_orders() {
        for big in [false, true] {
            let mut b = Builder::new(big);
            b.shb().idb(1, 65535, &[]).epb(0, 1_500_000, b"frame", 5);
            if big {
                assert_eq!(&b.out[8..12], &[0x1a, 0x2b, 0x3c, 0x4d]);
            } else {
                assert_eq!(&b.out[8..12], &[0x4d, 0x3c, 0x2b, 0x1a]);
            }
            let (pk, err, _) = read_all(b.out.clone());
            assert!(err.is_none(), "{err:?}");
            assert_eq!(
                pk,
                vec![(
                    1,
                    Timestamp::new(1, 500_000_000),
                    LinkType::ETHERNET,
                    5,
                    b"frame".to_vec()
                )]
            );
        }
    }

    #[test]
    fn idb_byte_literal_with_tsresol_and_tsoffset() {
        // link 276, snaplen 262144, if_tsresol = 9 (ns), if_tsoffset = 100 s, end of options.
        let body = [
            0x14, 0x01, 0, 0, 0, 0, 4, 0, //
            9, 0, 1, 0, 9, 0, 0, 0, //
            14, 0, 8, 0, 100, 0, 0, 0, 0, 0, 0, 0, //
            0, 0, 0, 0,
        ];
        let i = parse_idb(&body, Endian::Little).unwrap();
        assert_eq!(i.link, LinkType::LINUX_SLL2);
        assert_eq!(i.snaplen, 262_144);
        assert_eq!(i.units_per_sec, 1_000_000_000);
        assert_eq!(i.ts_offset, 100);
    }

    #[test]
    fn tsresol_powers_of_ten_and_two() {
        assert_eq!(tsresol_units(6), Some(1_000_000));
        assert_eq!(tsresol_units(9), Some(1_000_000_000));
        assert_eq!(tsresol_units(0x80 | 20), Some(1 << 20));
        assert_eq!(tsresol_units(0), Some(1));
        assert_eq!(tsresol_units(20), None);
        assert_eq!(tsresol_units(0x80 | 64), None);
    }

    #[test]
    fn several_interfaces_with_their_own_link_type_and_resolution() {
        let mut b = Builder::new(false);
        let ns = b.opt(OPT_IF_TSRESOL, &[9]);
        let pow2 = b.opt(OPT_IF_TSRESOL, &[0x80 | 20]);
        let off = b.opt(OPT_IF_TSOFFSET, &(-10i64).to_le_bytes());
        b.shb()
            .idb(1, 0, &[])
            .idb(276, 0, &[ns, off])
            .idb(101, 0, &[pow2]);
        b.epb(0, 2_000_001, b"a", 1);
        b.epb(1, 3_000_000_007, b"b", 1);
        b.epb(2, (5 << 20) | (1 << 19), b"c", 1);
        let (pk, err, _) = read_all(b.out);
        assert!(err.is_none());
        let got: Vec<_> = pk.iter().map(|p| (p.0, p.1, p.2)).collect();
        assert_eq!(
            got,
            vec![
                (1, Timestamp::new(2, 1_000), LinkType::ETHERNET),
                (2, Timestamp::new(-7, 7), LinkType::LINUX_SLL2),
                (3, Timestamp::new(5, 500_000_000), LinkType::RAW),
            ]
        );
    }

    #[test]
    fn simple_packet_block_uses_interface_zero_and_last_timestamp() {
        for big in [false, true] {
            let mut b = Builder::new(big);
            b.shb().idb(1, 4, &[]);
            let spb_before = {
                let mut body = b.u32(3).to_vec();
                body.extend(b"xyz");
                body
            };
            b.block(SPB_TYPE, &spb_before);
            b.epb(0, 7_000_000, b"ab", 2);
            let mut body = b.u32(10).to_vec(); // original 10, snaplen 4 → 4 captured
            body.extend(b"0123456789");
            b.block(SPB_TYPE, &body);
            let (pk, err, _) = read_all(b.out);
            assert!(err.is_none(), "{err:?}");
            assert_eq!(
                pk[0],
                (1, Timestamp::default(), LinkType::ETHERNET, 3, b"xyz".to_vec())
            );
            assert_eq!(pk[1].0, 2);
            assert_eq!(
                pk[2],
                (3, Timestamp::new(7, 0), LinkType::ETHERNET, 10, b"0123".to_vec())
            );
        }
    }

    #[test]
    fn obsolete_packet_block_is_read() {
        let mut b = Builder::new(true);
        b.shb().idb(1, 0, &[]);
        let mut body = b.u16(0).to_vec();
        body.extend(b.u16(0));
        body.extend(b.u32(0));
        body.extend(b.u32(3_000_000));
        body.extend(b.u32(2));
        body.extend(b.u32(60));
        body.extend(b"hi");
        b.block(PB_TYPE, &body);
        let (pk, err, _) = read_all(b.out);
        assert!(err.is_none());
        assert_eq!(
            pk,
            vec![(1, Timestamp::new(3, 0), LinkType::ETHERNET, 60, b"hi".to_vec())]
        );
    }

    #[test]
    fn unknown_blocks_are_skipped_and_sections_reset_interfaces() {
        let mut b = Builder::new(false);
        b.shb()
            .idb(1, 0, &[])
            .block(0x0BAD, b"whatever")
            .epb(0, 0, b"one", 3);
        b.block(0x8000_0001, &vec![0u8; BUF_CAP + 100]);
        let mut second = Builder::new(true);
        second
            .shb()
            .idb(113, 0, &[])
            .epb(0, 1_000_000, b"two", 3)
            .epb(1, 0, b"bad", 3);
        b.out.extend(second.out);
        let (pk, err, stats) = read_all(b.out);
        assert!(err.is_none(), "{err:?}");
        let got: Vec<_> = pk.iter().map(|p| (p.0, p.2, p.4.clone())).collect();
        assert_eq!(
            got,
            vec![
                (1, LinkType::ETHERNET, b"one".to_vec()),
                (2, LinkType::LINUX_SLL, b"two".to_vec())
            ]
        );
        assert_eq!(stats.skipped.get("unknown_interface"), Some(&1));
    }

    #[test]
    fn interface_statistics_drops_sum_last_per_interface() {
        let mut b = Builder::new(false);
        b.shb().idb(1, 0, &[]).idb(1, 0, &[]);
        let isb = |b: &Builder, iface: u32, ifdrop: Option<u64>, osdrop: Option<u64>| {
            let mut body = b.u32(iface).to_vec();
            body.extend([0; 8]);
            if let Some(d) = ifdrop {
                body.extend(b.opt(OPT_ISB_IFDROP, &d.to_le_bytes()));
            }
            if let Some(d) = osdrop {
                body.extend(b.opt(OPT_ISB_OSDROP, &d.to_le_bytes()));
            }
            body.extend([0; 4]);
            body
        };
        let (first, later, other, none) = (
            isb(&b, 0, Some(5), None),
            isb(&b, 0, Some(7), Some(1)),
            isb(&b, 1, None, Some(2)),
            isb(&b, 1, None, None),
        );
        b.block(ISB_TYPE, &first)
            .block(ISB_TYPE, &later)
            .block(ISB_TYPE, &other)
            .block(ISB_TYPE, &none);
        let first_section = b.out.clone();
        let (_, err, stats) = read_all(first_section.clone());
        assert!(err.is_none());
        assert_eq!(stats.dropped_by_capture, Some(10));

        // A later section's interfaces add to the earlier sections' totals.
        let mut next = Builder::new(false);
        next.shb().idb(1, 0, &[]);
        let more = isb(&next, 0, Some(3), None);
        next.block(ISB_TYPE, &more);
        let mut two = first_section;
        two.extend(next.out);
        assert_eq!(read_all(two).2.dropped_by_capture, Some(13));

        let mut quiet = Builder::new(false);
        quiet.shb().idb(1, 0, &[]);
        assert_eq!(read_all(quiet.out).2.dropped_by_capture, None);
    }

    #[test]
    fn bad_lengths_are_corrupt() {
        let mut b = Builder::new(false);
        b.shb().idb(1, 0, &[]);
        let good = b.out.clone();
        for bad_len in [13u32, 8, MAX_SKIPPED_BLOCK_LEN + 4] {
            let mut f = good.clone();
            f.extend(6u32.to_le_bytes());
            f.extend(bad_len.to_le_bytes());
            f.extend([0u8; 64]);
            let (_, err, _) = read_all(f);
            assert!(
                matches!(err, Some(CaptureError::Corrupt { frame: 1, .. })),
                "{bad_len}: {err:?}"
            );
        }
        // captured length pointing past the block
        let mut f = good.clone();
        let mut e = Builder::new(false);
        e.epb(0, 0, b"abcd", 4);
        e.out[20..24].copy_from_slice(&100u32.to_le_bytes());
        f.extend(e.out);
        assert!(
            matches!(read_all(f).1, Some(CaptureError::Corrupt { frame: 1, offset, .. }) if offset == good.len() as u64)
        );
        // trailer mismatch
        let mut f = good.clone();
        let mut e = Builder::new(false);
        e.epb(0, 0, b"abcd", 4);
        let n = e.out.len();
        e.out[n - 4] ^= 4;
        f.extend(e.out);
        assert!(matches!(read_all(f).1, Some(CaptureError::Corrupt { .. })));
        // bad byte-order magic in a later section
        let mut f = good.clone();
        f.extend([0x0a, 0x0d, 0x0d, 0x0a, 28, 0, 0, 0, 1, 2, 3, 4]);
        assert!(matches!(read_all(f).1, Some(CaptureError::Corrupt { .. })));
    }

    #[test]
    fn zero_length_and_over_snaplen_are_skipped() {
        let mut b = Builder::new(false);
        b.shb()
            .idb(1, 3, &[])
            .epb(0, 0, b"", 0)
            .epb(0, 0, b"long", 4)
            .epb(0, 0, b"ok", 2);
        let (pk, err, stats) = read_all(b.out);
        assert!(err.is_none());
        assert_eq!(pk.len(), 1);
        assert_eq!(pk[0].0, 3);
        assert_eq!(stats.skipped.get("zero_length"), Some(&1));
        assert_eq!(stats.skipped.get("over_snaplen"), Some(&1));
    }

    #[test]
    fn every_cut_yields_a_prefix_and_names_the_frame() {
        let mut b = Builder::new(false);
        let mut ends = Vec::new();
        b.shb();
        ends.push(b.out.len());
        b.idb(1, 0, &[]);
        ends.push(b.out.len());
        b.epb(0, 1, b"first", 5);
        ends.push(b.out.len());
        b.block(0x77, b"x");
        ends.push(b.out.len());
        b.epb(0, 2, b"second!", 7);
        ends.push(b.out.len());
        let full = b.out;
        for cut in 0..=full.len() {
            let (pk, err, _) = read_all(full[..cut].to_vec());
            let complete = ends.iter().filter(|&&e| e <= cut).count();
            let packets = match complete {
                0..=2 => 0,
                3 | 4 => 1,
                _ => 2,
            };
            assert_eq!(pk.len(), packets, "cut {cut}");
            if ends.contains(&cut) && cut >= 28 {
                assert!(err.is_none(), "cut {cut}: {err:?}");
            } else {
                match err {
                    Some(CaptureError::Truncated { frame, .. }) => {
                        assert_eq!(frame, packets as u64 + 1, "cut {cut}")
                    }
                    other => panic!("cut {cut}: {other:?}"),
                }
            }
        }
    }
}
