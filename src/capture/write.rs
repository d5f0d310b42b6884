//! Writing capture files: classic pcap ([`PcapWriter`]) and pcap next generation ([`PcapNgWriter`]).
//!
//! Owns the on-disk layout of what smtpscope writes: `live --write` output and the synthetic
//! captures of the test suite. Both writers stream straight to any [`Write`]; neither buffers
//! packets, so memory stays constant however long the capture.
//!
//! Contract: every file written is well-formed for libpcap and Wireshark.
//! - pcap: the 24-byte file header (magic `a1b2c3d4` for microseconds or `a1b23c4d` for
//!   nanoseconds, version 2.4) then one 16-byte record header plus the captured bytes per packet,
//!   all in the chosen byte order.
//! - pcapng: a Section Header Block, Interface Description Blocks, Enhanced Packet Blocks and
//!   Interface Statistics Blocks, each with its total length at both ends and its body padded to a
//!   multiple of 4 bytes, in the chosen byte order.
//!
//! A frame longer than the snap length is cut to it (its original length is kept); an original
//! length below the captured length is raised to it. Timestamps a format cannot express (before
//! 1970, or after 2106 for pcap) are refused with [`io::ErrorKind::InvalidInput`] and nothing is
//! written for that packet.
//!
//! Must not: read captures or decode anything inside a frame.

use std::io::{self, Write};

use super::{LinkType, Timestamp, MAX_RECORD_LEN};

/// The byte order of a written file's headers and record fields.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ByteOrder {
    /// Least significant byte first (what x86 and ARM hosts write).
    #[default]
    Little,
    /// Most significant byte first (what SPARC and PowerPC hosts wrote).
    Big,
}

impl ByteOrder {
    fn u16(self, v: u16) -> [u8; 2] {
        match self {
            ByteOrder::Little => v.to_le_bytes(),
            ByteOrder::Big => v.to_be_bytes(),
        }
    }

    fn u32(self, v: u32) -> [u8; 4] {
        match self {
            ByteOrder::Little => v.to_le_bytes(),
            ByteOrder::Big => v.to_be_bytes(),
        }
    }

    fn u64(self, v: u64) -> [u8; 8] {
        match self {
            ByteOrder::Little => v.to_le_bytes(),
            ByteOrder::Big => v.to_be_bytes(),
        }
    }
}

/// The unit of the fractional part of written timestamps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TsResolution {
    /// Microseconds (pcap magic `a1b2c3d4`; pcapng `if_tsresol` 6, the default).
    #[default]
    Micro,
    /// Nanoseconds (pcap magic `a1b23c4d`; pcapng `if_tsresol` 9).
    Nano,
}

impl TsResolution {
    /// Ticks per second.
    fn units_per_sec(self) -> u64 {
        match self {
            TsResolution::Micro => 1_000_000,
            TsResolution::Nano => 1_000_000_000,
        }
    }

    /// The fraction of a second of `ts` in this unit (truncated, never rounded up into the next second).
    fn subsec(self, ts: Timestamp) -> u32 {
        match self {
            TsResolution::Micro => ts.nanos / 1000,
            TsResolution::Nano => ts.nanos,
        }
    }

    /// `ts` as a count of ticks since the epoch, as pcapng stores it; `None` before 1970 or on overflow.
    fn ticks(self, ts: Timestamp) -> Option<u64> {
        let secs = u64::try_from(ts.secs).ok()?;
        secs.checked_mul(self.units_per_sec())?
            .checked_add(u64::from(self.subsec(ts)))
    }
}

fn invalid_input(what: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, what)
}

/// The captured part of `data` (at most `snaplen` bytes) and the original length to record.
fn clip(data: &[u8], orig_len: u32, snaplen: u32) -> io::Result<(&[u8], u32)> {
    let keep = usize::try_from(snaplen).unwrap_or(usize::MAX).min(data.len());
    let captured = data.get(..keep).unwrap_or(data);
    let captured_len = u32::try_from(captured.len())
        .map_err(|_| invalid_input(format!("frame of {} bytes is too long", data.len())))?;
    Ok((captured, orig_len.max(captured_len)))
}

/// Settings of a classic pcap file, fixed by its file header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PcapOptions {
    /// The link type of every frame in the file.
    pub link: LinkType,
    /// The longest frame kept; longer frames are cut to it.
    pub snaplen: u32,
    /// The byte order of the header and record fields.
    pub byte_order: ByteOrder,
    /// Micro- or nanosecond timestamps.
    pub resolution: TsResolution,
}

impl PcapOptions {
    /// Little-endian, microseconds, snap length [`MAX_RECORD_LEN`]: what libpcap writes by default.
    pub fn new(link: LinkType) -> Self {
        PcapOptions {
            link,
            snaplen: MAX_RECORD_LEN,
            byte_order: ByteOrder::Little,
            resolution: TsResolution::Micro,
        }
    }
}

/// Streams packets into a classic libpcap file.
///
/// The file header is written when the writer is created; each [`PcapWriter::write_packet`] then
/// appends one record. Call [`PcapWriter::into_inner`] (or flush the writer) to finish.
#[derive(Debug)]
pub struct PcapWriter<W: Write> {
    out: W,
    options: PcapOptions,
}

impl<W: Write> PcapWriter<W> {
    /// The pcap magic number for microsecond timestamps.
    pub const MAGIC_MICROS: u32 = 0xa1b2_c3d4;
    /// The pcap magic number for nanosecond timestamps.
    pub const MAGIC_NANOS: u32 = 0xa1b2_3c4d;

    /// Starts a little-endian, microsecond pcap file of `link` frames.
    ///
    /// # Errors
    /// Any error from writing the file header to `out`.
    pub fn new(out: W, link: LinkType) -> io::Result<Self> {
        Self::with_options(out, PcapOptions::new(link))
    }

    /// Starts a pcap file with explicit settings.
    ///
    /// # Errors
    /// Any error from writing the file header to `out`.
    pub fn with_options(mut out: W, options: PcapOptions) -> io::Result<Self> {
        let order = options.byte_order;
        let magic = match options.resolution {
            TsResolution::Micro => Self::MAGIC_MICROS,
            TsResolution::Nano => Self::MAGIC_NANOS,
        };
        let mut header = [0u8; 24];
        let fields: [&[u8]; 7] = [
            &order.u32(magic),
            &order.u16(2), // version major
            &order.u16(4), // version minor
            &order.u32(0), // thiszone: timestamps are UTC
            &order.u32(0), // sigfigs
            &order.u32(options.snaplen),
            &order.u32(options.link.0),
        ];
        let mut at = header.as_mut_slice();
        for field in fields {
            at.write_all(field)?;
        }
        out.write_all(&header)?;
        Ok(PcapWriter { out, options })
    }

    /// The settings the file header was written with.
    pub fn options(&self) -> &PcapOptions {
        &self.options
    }

    /// Appends one record: the frame captured at `ts`, `orig_len` bytes long on the wire.
    ///
    /// # Errors
    /// [`io::ErrorKind::InvalidInput`] when `ts` is before 1970 or after 2106 (pcap's 32-bit
    /// seconds) or `data` is longer than 4 GiB; otherwise any error from the underlying writer.
    pub fn write_packet(&mut self, ts: Timestamp, orig_len: u32, data: &[u8]) -> io::Result<()> {
        let secs = u32::try_from(ts.secs)
            .map_err(|_| invalid_input(format!("timestamp {ts} does not fit a pcap record")))?;
        let (captured, orig_len) = clip(data, orig_len, self.options.snaplen)?;
        let order = self.options.byte_order;
        let mut header = [0u8; 16];
        let mut at = header.as_mut_slice();
        at.write_all(&order.u32(secs))?;
        at.write_all(&order.u32(self.options.resolution.subsec(ts)))?;
        at.write_all(&order.u32(u32::try_from(captured.len()).unwrap_or(u32::MAX)))?;
        at.write_all(&order.u32(orig_len))?;
        self.out.write_all(&header)?;
        self.out.write_all(captured)
    }

    /// Flushes and hands back the underlying writer.
    ///
    /// # Errors
    /// Any error from flushing.
    pub fn into_inner(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Settings of one pcapng interface (its Interface Description Block).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InterfaceOptions {
    /// The link type of this interface's frames.
    pub link: LinkType,
    /// The longest frame kept; longer frames are cut to it.
    pub snaplen: u32,
    /// Timestamp unit; microseconds (the pcapng default) writes no `if_tsresol` option.
    pub resolution: TsResolution,
    /// The interface name (`if_name`), if any.
    pub name: Option<String>,
}

impl InterfaceOptions {
    /// An unnamed interface with microsecond timestamps and snap length [`MAX_RECORD_LEN`].
    pub fn new(link: LinkType) -> Self {
        InterfaceOptions {
            link,
            snaplen: MAX_RECORD_LEN,
            resolution: TsResolution::Micro,
            name: None,
        }
    }
}

/// Counters of an Interface Statistics Block; only the ones set are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct InterfaceStatistics {
    /// Packets the interface received (`isb_ifrecv`).
    pub received: Option<u64>,
    /// Packets the interface dropped for lack of resources (`isb_ifdrop`).
    pub interface_dropped: Option<u64>,
    /// Packets the operating system dropped (`isb_osdrop`).
    pub os_dropped: Option<u64>,
}

/// pcapng block type numbers and option codes (pcapng draft, sections 4 and 4.6).
mod ng {
    pub const SECTION_HEADER: u32 = 0x0A0D_0D0A;
    pub const INTERFACE_DESCRIPTION: u32 = 1;
    pub const INTERFACE_STATISTICS: u32 = 5;
    pub const ENHANCED_PACKET: u32 = 6;
    pub const BYTE_ORDER_MAGIC: u32 = 0x1A2B_3C4D;
    pub const OPT_END: u16 = 0;
    pub const IF_NAME: u16 = 2;
    pub const IF_TSRESOL: u16 = 9;
    pub const ISB_IFRECV: u16 = 4;
    pub const ISB_IFDROP: u16 = 5;
    pub const ISB_OSDROP: u16 = 7;
}

/// Zero bytes that pad a length up to a multiple of 4.
fn padding(len: usize) -> &'static [u8] {
    let zeros: &'static [u8; 3] = &[0; 3];
    zeros.get(..len.wrapping_neg() % 4).unwrap_or(&[])
}

/// Appends one pcapng option (code, length, value, padding) to `body`.
fn push_option(body: &mut Vec<u8>, order: ByteOrder, code: u16, value: &[u8]) -> io::Result<()> {
    let len = u16::try_from(value.len())
        .map_err(|_| invalid_input(format!("pcapng option {code} of {} bytes", value.len())))?;
    body.extend_from_slice(&order.u16(code));
    body.extend_from_slice(&order.u16(len));
    body.extend_from_slice(value);
    body.extend_from_slice(padding(value.len()));
    Ok(())
}

/// Streams packets into a pcapng file of one section.
///
/// The Section Header Block is written when the writer is created. Interfaces are added with
/// [`PcapNgWriter::add_interface`] (their ids count from 0 in order of addition) before packets refer
/// to them.
#[derive(Debug)]
pub struct PcapNgWriter<W: Write> {
    out: W,
    order: ByteOrder,
    /// Snap length and timestamp unit of each interface, by id.
    interfaces: Vec<(u32, TsResolution)>,
}

impl<W: Write> PcapNgWriter<W> {
    /// Starts a little-endian pcapng section.
    ///
    /// # Errors
    /// Any error from writing the Section Header Block.
    pub fn new(out: W) -> io::Result<Self> {
        Self::with_byte_order(out, ByteOrder::Little)
    }

    /// Starts a pcapng section in the given byte order.
    ///
    /// # Errors
    /// Any error from writing the Section Header Block.
    pub fn with_byte_order(out: W, order: ByteOrder) -> io::Result<Self> {
        let mut writer = PcapNgWriter {
            out,
            order,
            interfaces: Vec::new(),
        };
        let mut body = Vec::with_capacity(16);
        body.extend_from_slice(&order.u32(ng::BYTE_ORDER_MAGIC));
        body.extend_from_slice(&order.u16(1)); // major version
        body.extend_from_slice(&order.u16(0)); // minor version
        body.extend_from_slice(&order.u64(u64::MAX)); // section length: not given
        writer.write_block(ng::SECTION_HEADER, &body, &[])?;
        Ok(writer)
    }

    /// Writes an Interface Description Block and returns the new interface's id.
    ///
    /// # Errors
    /// [`io::ErrorKind::InvalidInput`] when the link type does not fit pcapng's 16 bits or the name
    /// is longer than 65535 bytes; otherwise any error from the underlying writer.
    pub fn add_interface(&mut self, iface: &InterfaceOptions) -> io::Result<u32> {
        let id = u32::try_from(self.interfaces.len())
            .map_err(|_| invalid_input("too many pcapng interfaces".to_string()))?;
        let link = u16::try_from(iface.link.0)
            .map_err(|_| invalid_input(format!("link type {} does not fit pcapng", iface.link.0)))?;
        let order = self.order;
        let mut body = Vec::with_capacity(32);
        body.extend_from_slice(&order.u16(link));
        body.extend_from_slice(&order.u16(0)); // reserved
        body.extend_from_slice(&order.u32(iface.snaplen));
        let mut options = Vec::new();
        if let Some(name) = &iface.name {
            push_option(&mut options, order, ng::IF_NAME, name.as_bytes())?;
        }
        if iface.resolution == TsResolution::Nano {
            push_option(&mut options, order, ng::IF_TSRESOL, &[9])?;
        }
        if !options.is_empty() {
            push_option(&mut options, order, ng::OPT_END, &[])?;
        }
        body.extend_from_slice(&options);
        self.write_block(ng::INTERFACE_DESCRIPTION, &body, &[])?;
        self.interfaces.push((iface.snaplen, iface.resolution));
        Ok(id)
    }

    /// The snap length and timestamp unit of interface `id`, or an error naming it.
    fn interface(&self, id: u32) -> io::Result<(u32, TsResolution)> {
        usize::try_from(id)
            .ok()
            .and_then(|i| self.interfaces.get(i))
            .copied()
            .ok_or_else(|| invalid_input(format!("pcapng interface {id} was never described")))
    }

    /// The timestamp of `ts` on interface `id`, as pcapng's high and low 32-bit words.
    fn timestamp_words(&self, id: u32, ts: Timestamp) -> io::Result<(u32, u32)> {
        let (_, resolution) = self.interface(id)?;
        let ticks = resolution
            .ticks(ts)
            .ok_or_else(|| invalid_input(format!("timestamp {ts} does not fit a pcapng block")))?;
        Ok(((ticks >> 32) as u32, ticks as u32))
    }

    /// Appends an Enhanced Packet Block for interface `interface`.
    ///
    /// # Errors
    /// [`io::ErrorKind::InvalidInput`] for an interface never added, a timestamp before 1970, or a
    /// frame longer than 4 GiB; otherwise any error from the underlying writer.
    pub fn write_packet(
        &mut self,
        interface: u32,
        ts: Timestamp,
        orig_len: u32,
        data: &[u8],
    ) -> io::Result<()> {
        let (snaplen, _) = self.interface(interface)?;
        let (high, low) = self.timestamp_words(interface, ts)?;
        let (captured, orig_len) = clip(data, orig_len, snaplen)?;
        let order = self.order;
        let mut fixed = Vec::with_capacity(20);
        fixed.extend_from_slice(&order.u32(interface));
        fixed.extend_from_slice(&order.u32(high));
        fixed.extend_from_slice(&order.u32(low));
        fixed.extend_from_slice(&order.u32(u32::try_from(captured.len()).unwrap_or(u32::MAX)));
        fixed.extend_from_slice(&order.u32(orig_len));
        self.write_block(ng::ENHANCED_PACKET, &fixed, captured)
    }

    /// Appends an Interface Statistics Block for interface `interface`, as of `ts`.
    ///
    /// # Errors
    /// [`io::ErrorKind::InvalidInput`] for an interface never added or a timestamp before 1970;
    /// otherwise any error from the underlying writer.
    pub fn write_statistics(
        &mut self,
        interface: u32,
        ts: Timestamp,
        stats: &InterfaceStatistics,
    ) -> io::Result<()> {
        let (high, low) = self.timestamp_words(interface, ts)?;
        let order = self.order;
        let mut body = Vec::with_capacity(48);
        body.extend_from_slice(&order.u32(interface));
        body.extend_from_slice(&order.u32(high));
        body.extend_from_slice(&order.u32(low));
        let counters = [
            (ng::ISB_IFRECV, stats.received),
            (ng::ISB_IFDROP, stats.interface_dropped),
            (ng::ISB_OSDROP, stats.os_dropped),
        ];
        let mut any = false;
        for (code, value) in counters {
            if let Some(value) = value {
                push_option(&mut body, order, code, &order.u64(value))?;
                any = true;
            }
        }
        if any {
            push_option(&mut body, order, ng::OPT_END, &[])?;
        }
        self.write_block(ng::INTERFACE_STATISTICS, &body, &[])
    }

    /// Writes one block: type, total length, `head` then `tail` padded to 4 bytes, total length.
    ///
    /// `head` is always a multiple of 4 bytes long; `tail` (packet data) may be any length.
    fn write_block(&mut self, block_type: u32, head: &[u8], tail: &[u8]) -> io::Result<()> {
        let pad = padding(tail.len());
        let total = [12, head.len(), tail.len(), pad.len()]
            .into_iter()
            .try_fold(0usize, usize::checked_add)
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| invalid_input("pcapng block longer than 4 GiB".to_string()))?;
        let order = self.order;
        self.out.write_all(&order.u32(block_type))?;
        self.out.write_all(&order.u32(total))?;
        self.out.write_all(head)?;
        self.out.write_all(tail)?;
        self.out.write_all(pad)?;
        self.out.write_all(&order.u32(total))
    }

    /// Flushes and hands back the underlying writer.
    ///
    /// # Errors
    /// Any error from flushing.
    pub fn into_inner(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TS: Timestamp = Timestamp {
        secs: 0x5F5E_1000,
        nanos: 123_456_789,
    };

    #[test]
    fn pcap_little_endian_micros_header_and_record() {
        let mut w = PcapWriter::new(Vec::new(), LinkType::ETHERNET).unwrap();
        w.write_packet(TS, 3, b"abc").unwrap();
        let bytes = w.into_inner().unwrap();
        let expected: &[u8] = &[
            0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, // magic, version, zone, sigfigs
            0x00, 0x00, 0x04, 0x00, 1, 0, 0, 0, // snaplen 262144, ethernet
            0x00, 0x10, 0x5E, 0x5F, 0x40, 0xE2, 0x01, 0x00, // 0x5F5E1000 s, 123456 µs
            3, 0, 0, 0, 3, 0, 0, 0, b'a', b'b', b'c',
        ];
        assert_eq!(bytes, expected);
    }

    #[test]
    fn pcap_big_endian_nanos_header_and_record() {
        let opts = PcapOptions {
            link: LinkType::RAW,
            snaplen: 65535,
            byte_order: ByteOrder::Big,
            resolution: TsResolution::Nano,
        };
        let mut w = PcapWriter::with_options(Vec::new(), opts).unwrap();
        w.write_packet(TS, 2, b"xy").unwrap();
        let bytes = w.into_inner().unwrap();
        let expected: &[u8] = &[
            0xa1, 0xb2, 0x3c, 0x4d, 0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, //
            0, 0, 0xff, 0xff, 0, 0, 0, 101, //
            0x5F, 0x5E, 0x10, 0x00, 0x07, 0x5B, 0xCD, 0x15, // 123456789 ns
            0, 0, 0, 2, 0, 0, 0, 2, b'x', b'y',
        ];
        assert_eq!(bytes, expected);
    }

    #[test]
    fn pcap_cuts_frames_to_snaplen_and_keeps_orig_len() {
        let mut opts = PcapOptions::new(LinkType::RAW);
        opts.snaplen = 2;
        let mut w = PcapWriter::with_options(Vec::new(), opts).unwrap();
        w.write_packet(Timestamp::new(1, 0), 1500, b"abcd").unwrap();
        // an orig_len below the captured length is raised to it
        w.write_packet(Timestamp::new(2, 0), 0, b"z").unwrap();
        let bytes = w.into_inner().unwrap();
        assert_eq!(
            &bytes[24..],
            &[
                1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0xdc, 0x05, 0, 0, b'a', b'b', //
                2, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, b'z',
            ][..]
        );
    }

    #[test]
    fn pcap_refuses_timestamps_it_cannot_store_and_writes_nothing() {
        let mut w = PcapWriter::new(Vec::new(), LinkType::RAW).unwrap();
        let before_epoch = w.write_packet(Timestamp::new(-1, 0), 1, b"a").unwrap_err();
        assert_eq!(before_epoch.kind(), io::ErrorKind::InvalidInput);
        let after_2106 = w.write_packet(Timestamp::new(1 << 32, 0), 1, b"a").unwrap_err();
        assert_eq!(after_2106.kind(), io::ErrorKind::InvalidInput);
        assert_eq!(w.into_inner().unwrap().len(), 24);
    }

    #[test]
    fn pcapng_section_interface_packet_and_statistics_blocks() {
        let mut w = PcapNgWriter::new(Vec::new()).unwrap();
        let eth = w
            .add_interface(&InterfaceOptions::new(LinkType::ETHERNET))
            .unwrap();
        let raw = w
            .add_interface(&InterfaceOptions {
                link: LinkType::RAW,
                snaplen: 65535,
                resolution: TsResolution::Nano,
                name: Some("tun0".into()),
            })
            .unwrap();
        assert_eq!((eth, raw), (0, 1));
        w.write_packet(raw, Timestamp::new(1, 5), 5, b"hello").unwrap();
        w.write_packet(eth, Timestamp::new(1, 5_000), 4, b"abcd").unwrap();
        let stats = InterfaceStatistics {
            interface_dropped: Some(7),
            ..Default::default()
        };
        w.write_statistics(eth, Timestamp::new(2, 0), &stats).unwrap();
        let bytes = w.into_inner().unwrap();
        let expected: &[u8] = &[
            // SHB: type, length 28, byte-order magic, version 1.0, section length -1, length
            0x0a, 0x0d, 0x0d, 0x0a, 28, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a, 1, 0, 0, 0, //
            0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 28, 0, 0, 0, //
            // IDB 0: ethernet, snaplen 262144, no options
            1, 0, 0, 0, 20, 0, 0, 0, 1, 0, 0, 0, 0, 0, 4, 0, 20, 0, 0, 0, //
            // IDB 1: raw, snaplen 65535, if_name "tun0", if_tsresol 9, end of options
            1, 0, 0, 0, 40, 0, 0, 0, 101, 0, 0, 0, 0xff, 0xff, 0, 0, //
            2, 0, 4, 0, b't', b'u', b'n', b'0', 9, 0, 1, 0, 9, 0, 0, 0, 0, 0, 0, 0, 40, 0, 0, 0,
            // EPB on interface 1: 1 s + 5 ns = 1_000_000_005 ns = 0x3B9ACA05, data padded to 8
            6, 0, 0, 0, 40, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0x05, 0xca, 0x9a, 0x3b, //
            5, 0, 0, 0, 5, 0, 0, 0, b'h', b'e', b'l', b'l', b'o', 0, 0, 0, 40, 0, 0, 0, //
            // EPB on interface 0: 1_000_005 µs = 0x000F4245, data needs no padding
            6, 0, 0, 0, 36, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x45, 0x42, 0x0f, 0x00, //
            4, 0, 0, 0, 4, 0, 0, 0, b'a', b'b', b'c', b'd', 36, 0, 0, 0, //
            // ISB on interface 0 at 2_000_000 µs: isb_ifdrop = 7, end of options
            5, 0, 0, 0, 40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x84, 0x1e, 0x00, //
            5, 0, 8, 0, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 40, 0, 0, 0,
        ];
        assert_eq!(bytes, expected);
    }

    #[test]
    fn pcapng_big_endian_section_and_packet() {
        let mut w = PcapNgWriter::with_byte_order(Vec::new(), ByteOrder::Big).unwrap();
        let id = w.add_interface(&InterfaceOptions::new(LinkType::NULL)).unwrap();
        w.write_packet(id, Timestamp::new(0, 1_000), 1, b"q").unwrap();
        let bytes = w.into_inner().unwrap();
        let expected: &[u8] = &[
            0x0a, 0x0d, 0x0d, 0x0a, 0, 0, 0, 28, 0x1a, 0x2b, 0x3c, 0x4d, 0, 1, 0, 0, //
            0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 28, //
            0, 0, 0, 1, 0, 0, 0, 20, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 20, //
            0, 0, 0, 6, 0, 0, 0, 36, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, //
            0, 0, 0, 1, 0, 0, 0, 1, b'q', 0, 0, 0, 0, 0, 0, 36,
        ];
        assert_eq!(bytes, expected);
    }

    #[test]
    fn pcapng_refuses_unknown_interface_and_wide_link_type() {
        let mut w = PcapNgWriter::new(Vec::new()).unwrap();
        let err = w.write_packet(0, Timestamp::new(1, 0), 1, b"a").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        let err = w
            .add_interface(&InterfaceOptions::new(LinkType(0x1_0000)))
            .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        let err = w
            .write_statistics(0, Timestamp::new(1, 0), &InterfaceStatistics::default())
            .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        assert_eq!(
            w.into_inner().unwrap().len(),
            28,
            "only the section header was written"
        );
    }

    #[test]
    fn padding_rounds_up_to_four() {
        let lens: Vec<usize> = (0..9).map(|n| padding(n).len()).collect();
        assert_eq!(lens, [0, 3, 2, 1, 0, 3, 2, 1, 0]);
    }
}
